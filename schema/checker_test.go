package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// TestCheckerAgreesWithJSONSchema is the differential test of the fast path:
// for every payload under testdata, and for variants of it with one value
// swapped for a value of another kind, the Checker and jsonschema v6 give the
// same verdict against both endpoint schemas.
func TestCheckerAgreesWithJSONSchema(t *testing.T) {
	set, err := reference()
	if err != nil {
		t.Fatal(err)
	}
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	compared, validSeen, errorsSeen := 0, 0, 0
	files := EndpointFiles()
	compare := func(where string, doc any, files ...string) {
		for _, file := range files {
			verr := set.Roots[file].Validate(doc)
			want := verr == nil
			if got := checker.Valid(file, doc); got != want {
				t.Errorf("%s against %s: checker says valid=%v, jsonschema v6 says %v", where, file, got, want)
			}
			compared++
			if want {
				validSeen++
				continue
			}
			// The checker reads a null member the schema declares without
			// accepting null as absent (NullMember, README INC-37), which v6
			// cannot: v6 gets the instance without those members, and the
			// checker's other errors must be exactly v6's errors there. The
			// verdicts above are still compared on the instance as it is.
			gotAll := checker.Validate(file, doc)
			var gotErrs []*Error
			nulls := 0
			for _, e := range gotAll {
				if _, ok := e.ErrorKind.(*NullMember); ok {
					nulls++
					continue
				}
				gotErrs = append(gotErrs, e)
			}
			stripped := checker.WithoutNulls(file, doc)
			if (nulls > 0) == equal(stripped, doc) {
				t.Errorf("%s against %s: %d null members reported, but stripping them changed the instance: %v", where, file, nulls, !equal(stripped, doc))
			}
			var wantErrs []string
			if verr := set.Roots[file].Validate(stripped); verr != nil {
				wantErrs = describeV6(verr.(*jsonschema.ValidationError))
			}
			if diff := cmp.Diff(wantErrs, describe(gotErrs)); diff != "" {
				t.Errorf("%s against %s: errors differ (-v6 on the instance without null members +checker):\n%s", where, file, diff)
			}
			errorsSeen += len(gotAll)
		}
	}
	err = filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, _ := os.ReadFile(path)
		doc, ok := decodeNumbers(data)
		if !ok {
			return nil // not JSON: the syntax pass stops such payloads first
		}
		compare(path, doc, files...)
		if testing.Short() {
			return nil // the variants are the long part; -short keeps the payloads
		}
		if len(data) > maxVariantSource {
			return nil // a variant per value, each a copy: the limits cases' size squared
		}
		// Each variant against two of the endpoint schemas, in turn: the
		// cost of the test stays that of two endpoints, however many there are.
		for i, variant := range variants(doc) {
			compare(fmt.Sprintf("%s variant %d", path, i), variant, files[i%len(files)], files[(i+1)%len(files)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !testing.Short() && (compared < 50_000 || validSeen < 1_000 || errorsSeen < 50_000) {
		t.Errorf("only %d comparisons, %d valid, %d errors: the test lost its corpus", compared, validSeen, errorsSeen)
	}
}

// maxVariantSource is the largest payload whose one-value variants are
// compared; every payload is compared as it is.
const maxVariantSource = 64 << 10

// describeV6 flattens a jsonschema v6 error tree into its leaves, described
// as describe describes the checker's errors, sorted.
func describeV6(e *jsonschema.ValidationError) []string {
	var leaves []*Error
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if _, ok := e.ErrorKind.(*kind.PropertyNames); ok || len(e.Causes) == 0 {
			leaves = append(leaves, &Error{SchemaURL: e.SchemaURL, InstanceLocation: e.InstanceLocation, ErrorKind: e.ErrorKind})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(e)
	return describe(leaves)
}

// describe renders errors for comparison, sorted. The instance location of
// propertyNames errors is left out: jsonschema v6.0.x reports a wrong one
// (it shares its location slice with later siblings).
func describe(errs []*Error) []string {
	var out []string
	for _, e := range errs {
		loc := strings.Join(e.InstanceLocation, "/")
		k := e.ErrorKind
		switch ek := k.(type) {
		case *kind.PropertyNames:
			loc = "?"
		case *kind.AdditionalProperties: // v6 lists them in map order
			k = &kind.AdditionalProperties{Properties: slices.Sorted(slices.Values(ek.Properties))}
		}
		out = append(out, fmt.Sprintf("%s @%s %T %v", e.SchemaURL, loc, k, k))
	}
	slices.Sort(out)
	return out
}

func decodeNumbers(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

// replacements are the values a variant puts in place of one value: one of
// each JSON kind, and edge cases of the keywords (an empty string, a float
// that is an integer, a negative number, a date without a time).
var replacements = []any{nil, true, false, json.Number("0"), json.Number("-1"), json.Number("2.0"), json.Number("1.5"),
	json.Number("1e400"), "", "x", "2019-07-22", []any{}, []any{"a"}, map[string]any{}}

// variants returns copies of doc with one value (at most 40 places, spread
// over the document) replaced by each replacement.
func variants(doc any) []any {
	var paths [][]any
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		paths = append(paths, append([]any(nil), path...))
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				walk(c, append(path, k))
			}
		case []any:
			for i, c := range v {
				walk(c, append(path, i))
			}
		}
	}
	walk(doc, nil)
	step := max(1, len(paths)/40)
	var out []any
	for i := 1; i < len(paths); i += step {
		for _, r := range replacements {
			out = append(out, replaced(doc, paths[i], r))
		}
	}
	return out
}

// replaced copies doc along path and puts r at its end.
func replaced(doc any, path []any, r any) any {
	if len(path) == 0 {
		return r
	}
	switch d := doc.(type) {
	case map[string]any:
		c := make(map[string]any, len(d))
		for k, v := range d {
			c[k] = v
		}
		k := path[0].(string)
		c[k] = replaced(d[k], path[1:], r)
		return c
	case []any:
		c := append([]any(nil), d...)
		i := path[0].(int)
		c[i] = replaced(d[i], path[1:], r)
		return c
	}
	return doc
}

func TestCheckerRefusesUnknownKeywords(t *testing.T) {
	b := &builder{docs: map[string]any{"x.json": map[string]any{"unevaluatedProperties": false}}, nodes: map[string]*node{}}
	if _, err := b.node("x.json", ""); err == nil || !strings.Contains(err.Error(), "unevaluatedProperties") {
		t.Errorf("err = %v, want the unknown keyword named", err)
	}
}

func BenchmarkChecker(b *testing.B) {
	checker, _ := Fast()
	data, _ := os.ReadFile("../testdata/examples/messages-send-docs-example-fixed.json")
	doc, _ := decodeNumbers(data)
	if !checker.Valid("messages-send.json", doc) {
		b.Fatal("the example is not valid")
	}
	b.ReportAllocs()
	for b.Loop() {
		checker.Valid("messages-send.json", doc)
	}
}

// TestNullMembers holds the Checker to INC-37: a null member that the schema
// declares without accepting null is absent, with a NullMember error of its
// own; null stays a value in arrays, in free-form objects and where the
// schema forbids the member.
func TestNullMembers(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, file, payload string
		want                []string // "kind @location", sorted
	}{
		{"optional member", "messages-send.json", `{"campaign_id": null, "broadcast": null, "messages": {"sms": {"subscription_group_id": "s", "message_variation_id": null, "body": "b", "app_id": "a"}}}`,
			[]string{"*schema.NullMember @broadcast", "*schema.NullMember @campaign_id", "*schema.NullMember @messages/sms/message_variation_id"}},
		{"required member is missing", "campaigns-trigger-send.json", `{"campaign_id": null, "broadcast": true}`,
			[]string{"*kind.Required @", "*schema.NullMember @campaign_id"}},
		{"nested required member", "campaigns-trigger-send.json", `{"campaign_id": "c", "recipients": [{"user_alias": {"alias_name": "n", "alias_label": null}}]}`,
			[]string{"*kind.Required @recipients/0/user_alias", "*schema.NullMember @recipients/0/user_alias/alias_label"}},
		{"array element", "messages-send.json", `{"external_user_ids": [null], "messages": {"sms": {"subscription_group_id": "s", "body": "b", "app_id": "a"}}}`,
			[]string{"*kind.Type @external_user_ids/0"}},
		{"free-form object", "campaigns-trigger-send.json", `{"campaign_id": "c", "broadcast": true, "trigger_properties": {"a": null}}`, nil},
		{"forbidden member", "messages-send.json", `{"recipients": null, "messages": {"sms": {"subscription_group_id": "s", "body": "b", "app_id": "a"}}}`,
			[]string{"*kind.FalseSchema @recipients"}},
		{"conditional sees it absent", "messages-send.json", `{"messages": {"android_push": {"alert": "a", "title": "t", "send_to_sync": null}}}`,
			[]string{"*schema.NullMember @messages/android_push/send_to_sync"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, _ := decodeNumbers([]byte(tc.payload))
			var got []string
			for _, e := range checker.Validate(tc.file, doc) {
				got = append(got, fmt.Sprintf("%T @%s", e.ErrorKind, strings.Join(e.InstanceLocation, "/")))
			}
			slices.Sort(got)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors differ (-want +got):\n%s", diff)
			}
			if checker.Valid(tc.file, doc) != (tc.want == nil) {
				t.Errorf("Valid = %v, want %v", !(tc.want == nil), tc.want == nil)
			}
		})
	}
	// The instance is never changed, and comes back as it is without nulls.
	doc, _ := decodeNumbers([]byte(`{"campaign_id": null, "messages": {"sms": {"body": "b"}}}`))
	stripped := checker.WithoutNulls("messages-send.json", doc)
	if _, ok := doc.(map[string]any)["campaign_id"]; !ok {
		t.Error("WithoutNulls changed its instance")
	}
	if _, ok := stripped.(map[string]any)["campaign_id"]; ok {
		t.Error("WithoutNulls kept the null campaign_id")
	}
	if clean := map[string]any{"messages": map[string]any{}}; !equal(checker.WithoutNulls("messages-send.json", clean), clean) {
		t.Error("WithoutNulls changed an instance without nulls")
	}
}

// TestDeclared checks the declared names of a schema location: sorted,
// without the members declared false, the same slice when asked again, and
// nothing for a location that is not in the schemas.
func TestDeclared(t *testing.T) {
	c, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	url := BaseURL + "messages-send.json"
	names := c.Declared(url)
	if !slices.IsSorted(names) || !slices.Contains(names, "messages") || !slices.Contains(names, "external_user_ids") {
		t.Fatalf("Declared(%s) = %v, want sorted names with messages and external_user_ids", url, names)
	}
	props := c.SchemaAt(url)["properties"].(map[string]any)
	for name, v := range props {
		if (v == false) == slices.Contains(names, name) {
			t.Errorf("%s declared %v, listed %v", name, v, slices.Contains(names, name))
		}
	}
	if again := c.Declared(url); &again[0] != &names[0] {
		t.Error("Declared made the names again")
	}
	if got := c.Declared(BaseURL + "messages-send.json#/nowhere"); got != nil {
		t.Errorf("Declared of a location not in the schemas = %v", got)
	}
}
