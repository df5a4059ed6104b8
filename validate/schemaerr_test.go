package validate

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// testSet compiles one schema under the messages/send slot, so schemaFindings
// maps its errors.
func testSet(t *testing.T, doc map[string]any) *schema.Set {
	t.Helper()
	const url = "https://brazelint.test/s.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return &schema.Set{Roots: map[string]*jsonschema.Schema{schemaFiles[MessagesSend]: s}, Docs: map[string]any{url: doc}}
}

type finding struct{ Rule, Pointer, Message string }

func mapped(set *schema.Set, root map[string]any) []finding {
	var out []finding
	for _, f := range schemaFindings(set, MessagesSend, root) {
		out = append(out, finding{f.Rule.ID, f.At.Pointer, f.Message})
	}
	return out
}

// TestOneDefectOneDiagnostic checks that a failed anyOf or oneOf yields the
// error of the branch that fits best, not one error per branch.
func TestOneDefectOneDiagnostic(t *testing.T) {
	for _, combinator := range []string{"anyOf", "oneOf"} {
		set := testSet(t, map[string]any{"properties": map[string]any{"v": map[string]any{
			combinator: []any{
				map[string]any{"type": "string", "minLength": 3},
				map[string]any{"type": "object", "required": []any{"x"}},
				map[string]any{"type": "array", "items": map[string]any{"type": "boolean"}},
			},
		}}})
		tests := []struct {
			v    any
			want finding
		}{
			{true, finding{"type-mismatch", "/v", "v must be a string, an object or an array, not a boolean"}},
			{"ab", finding{"schema-mismatch", "/v", "v must be at least 3 characters long"}},
			{map[string]any{}, finding{"required-member", "/v", "v is missing the required member x: add it"}},
			{[]any{true, "no"}, finding{"type-mismatch", "/v/1", "v[1] must be a boolean, not a string: write true or false without quotes"}},
		}
		for _, tt := range tests {
			got := mapped(set, map[string]any{"v": tt.v})
			if diff := cmp.Diff([]finding{tt.want}, got); diff != "" {
				t.Errorf("%s, v=%v (-want +got):\n%s", combinator, tt.v, diff)
			}
		}
	}
}

func TestShadowedByTypeError(t *testing.T) {
	set := testSet(t, map[string]any{"properties": map[string]any{
		"s": map[string]any{"type": "string", "enum": []any{"a", "b"}, "minLength": 1},
	}})
	got := mapped(set, map[string]any{"s": json.Number("5")})
	want := []finding{{"type-mismatch", "/s", "s must be a string, not a number: quote it"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFallbackRule(t *testing.T) {
	set := testSet(t, map[string]any{"properties": map[string]any{"n": map[string]any{"uniqueItems": true}}})
	got := mapped(set, map[string]any{"n": []any{"a", "a"}})
	want := []finding{{lint.SchemaMismatch.ID, "/n", "n does not match the schema (uniqueItems)"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestDidYouMean(t *testing.T) {
	declared := []string{"external_user_ids", "segment_id", "send_id", "messages"}
	for prop, want := range map[string]string{
		"external_user_id": "external_user_ids",
		"Segment-ID":       "segment_id",
		"mesages":          "messages",
		"zzz":              "",
	} {
		if got := closest(prop, declared); got != want {
			t.Errorf("closest(%q) = %q, want %q", prop, got, want)
		}
	}
}
