package validate

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint/liquid"
)

// TestEveryLiquidConstructIsClean holds the example that uses every tag,
// filter, resolving namespace and standard attribute Braze supports (LIQ-12,
// LIQ-16, LIQ-18, LIQ-33 and their revisions) to no finding at all, and the
// example to using every one of them, so that a name added to the tables
// needs a use here.
func TestEveryLiquidConstructIsClean(t *testing.T) {
	data, err := os.ReadFile("../testdata/examples/liquid-every-construct.json")
	if err != nil {
		t.Fatal(err)
	}
	if ds := Bytes(MessagesSend, data); len(ds) != 0 {
		t.Errorf("diagnostics: %+v", ds)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(stringsIn(v), "\n")
	for _, tables := range []map[string]bool{liquid.StandardTags, liquid.BrazeTags} {
		for name := range tables {
			if !regexp.MustCompile(`\{%-?\s*` + regexp.QuoteMeta(name) + `[\s(%-]`).MatchString(text) {
				t.Errorf("the example does not use the %s tag", name)
			}
		}
	}
	for name := range liquid.SupportedFilters {
		if !regexp.MustCompile(`\|\s*` + name + `\b`).MatchString(text) {
			t.Errorf("the example does not use the %s filter", name)
		}
	}
	// The namespaces that resolve in /messages/send (LIQ-12), and every
	// standard attribute.
	for root, ns := range liquid.Namespaces {
		if ns != liquid.Empty && ns != liquid.TriggerOnly && !strings.Contains(text, root+".${") {
			t.Errorf("the example does not use the %s namespace", root)
		}
	}
	for name := range liquid.StandardAttributes {
		if !strings.Contains(text, "${"+name+"}") {
			t.Errorf("the example does not use the standard attribute %s", name)
		}
	}
}

// stringsIn returns the strings in a decoded JSON value.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

// TestLiquidLocatedThroughEscapes checks that a template error after JSON
// escapes (\n, \", \u00e9, a surrogate pair) is reported at the character in
// the file.
func TestLiquidLocatedThroughEscapes(t *testing.T) {
	const payload = `{"external_user_ids": ["u"], "messages": {"sms": {"app_id": "a", "subscription_group_id": "g",
  "body": "Caf\u00e9 \ud83d\ude00\n\"line\"\n\tHi {% if (x) %}y{% endif %}"}}}`
	ds := Bytes(MessagesSend, []byte(payload))
	if len(ds) != 1 || ds[0].Rule != "liquid-syntax" {
		t.Fatalf("diagnostics: %+v", ds)
	}
	want := strings.Index(payload, "(x)")
	line2 := payload[strings.IndexByte(payload, '\n')+1:]
	col := len([]rune(line2[:strings.Index(line2, "(x)")])) + 1
	if d := ds[0]; d.Start.Offset != want || d.End.Offset != want+1 || d.Start.Line != 2 || d.Start.Column != col {
		t.Errorf("at %+v-%+v, want offset %d, 2:%d", d.Start, d.End, want, col)
	}
}
