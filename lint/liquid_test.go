package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestURLMembersAreNamedSo backs liquid-default's reading of "a whole string
// the schema types as a URL" (LIQ-43) by member name: every string member the
// schemas describe as a URL or deep link is one isURLMember knows.
func TestURLMembersAreNamedSo(t *testing.T) {
	files, err := filepath.Glob("../schema/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas: %v", err)
	}
	found := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if props, ok := v["properties"].(map[string]any); ok {
				for name, s := range props {
					s, _ := s.(map[string]any)
					desc, _ := s["description"].(string)
					if s["type"] == "string" && (strings.Contains(desc, "URL") || strings.Contains(desc, "deep link")) {
						found++
						if !isURLMember(name) {
							t.Errorf("%s holds a URL by its schema, but isURLMember does not know the name", name)
						}
					}
				}
			}
			for _, e := range v {
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		walk(v)
	}
	if found < 5 {
		t.Errorf("only %d URL members in the schemas: the test no longer finds them", found)
	}
}
