package main

import (
	"os"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/schema"
)

// TestAjvKnowsEveryFormat holds bench/ajv/formats.cjs to the formats the
// embedded schemas use: ajv's strict mode refuses to compile a schema with a
// format it does not know, so a new one would stop the harness.
func TestAjvKnowsEveryFormat(t *testing.T) {
	src, err := os.ReadFile("ajv/formats.cjs")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range schema.Formats {
		if !strings.Contains(string(src), `ajv.addFormat("`+f.Name+`"`) {
			t.Errorf("ajv/formats.cjs does not register the format %s", f.Name)
		}
	}
}
