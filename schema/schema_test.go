package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
)

func TestCompiles(t *testing.T) {
	set, err := Compiled()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range Files[1:] {
		if set.Roots[name] == nil {
			t.Errorf("%s not compiled", name)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	for _, s := range []string{"2019-07-22T13:17:55+0000", "2019-07-22T13:17:55+00:00", "2019-07-22T13:17:55Z", "2019-07-22T13:17:55.123Z"} {
		if _, err := ParseDateTime(s); err != nil {
			t.Errorf("ParseDateTime(%q): %v", s, err)
		}
	}
	for _, s := range []string{"2019-07-22", "2019-07-22T13:17:55", "22/07/2019", " 2019-07-22T13:17:55Z", "2019-07-22T25:17:55Z"} {
		if _, err := ParseDateTime(s); err == nil {
			t.Errorf("ParseDateTime(%q) accepted", s)
		}
	}
}

// TestRefusesRemoteRefs proves the compiler never fetches: a schema that refers
// to anything not embedded fails to compile with the loader's refusal.
func TestRefusesRemoteRefs(t *testing.T) {
	for _, ref := range []string{"https://example.com/evil.json", "file:///etc/passwd"} {
		c := newCompiler()
		doc := map[string]any{"$ref": ref}
		if err := c.AddResource("https://brazelint.test/s.json", doc); err != nil {
			t.Fatal(err)
		}
		_, err := c.Compile("https://brazelint.test/s.json")
		if err == nil || !strings.Contains(err.Error(), "refusing to load") {
			t.Errorf("$ref %s: Compile error = %v, want a refusal", ref, err)
		}
	}
}

// TestSchemasHaveNoDuplicateNames reads every embedded schema strictly: a
// duplicate name would silently drop one of the two values.
func TestSchemasHaveNoDuplicateNames(t *testing.T) {
	for _, name := range Files {
		src, err := Source(name)
		if err != nil {
			t.Fatal(err)
		}
		dec := jsontext.NewDecoder(bytes.NewReader(src))
		if err := dec.SkipValue(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
