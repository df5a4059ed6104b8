package validate

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// testChecker builds a Checker over one schema in the messages/send slot, so
// schemaFindings maps its errors.
func testChecker(t *testing.T, doc map[string]any) *schema.Checker {
	t.Helper()
	c, err := schema.NewChecker(map[string]any{SchemaFile(MessagesSend): doc}, SchemaFile(MessagesSend))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type finding struct{ Rule, Pointer, Message string }

// payload reads the JSON text src as validate's Go rules and mapper do.
func payload(t testing.TB, src []byte) lint.Value {
	t.Helper()
	var tp tape.Tape
	if err := tp.Scan(src, 0, 1000); err != nil {
		t.Fatal(err)
	}
	return lint.NewDoc(&tp).Root()
}

// schemaFindings validates root, a decoded payload, against the endpoint's
// schema and maps each error to a finding, reading the payload as written
// out in JSON.
func schemaFindings(t testing.TB, checker *schema.Checker, ep Endpoint, root map[string]any, emit func(lint.Finding)) {
	t.Helper()
	src, err := json.Marshal(root)
	if err != nil {
		t.Fatal(err)
	}
	errs := checker.Validate(SchemaFile(ep), root)
	schemaFindingsIn(lint.DefaultEndpoints, checker, ep, payload(t, src), errorsOf(errs), false, emit, func(string) {})
}

// errorsOf is an errorSource over a list of errors.
func errorsOf(errs []*schema.Error) errorSource {
	return func(only func(string) bool, yield func(*schema.Error) bool) {
		for _, e := range errs {
			name := "NullMember"
			if _, null := e.ErrorKind.(*schema.NullMember); !null {
				name = reflect.TypeOf(e.ErrorKind).Elem().Name()
			}
			if (only == nil || only(name)) && !yield(e) {
				return
			}
		}
	}
}

func mapped(t testing.TB, c *schema.Checker, root map[string]any) []finding {
	var out []finding
	schemaFindings(t, c, MessagesSend, root, func(f lint.Finding) {
		out = append(out, finding{f.Rule.ID, f.At.Pointer, f.Message})
	})
	return out
}

func TestShadowedByTypeError(t *testing.T) {
	c := testChecker(t, map[string]any{"properties": map[string]any{
		"s": map[string]any{"type": "string", "enum": []any{"a", "b"}, "minLength": json.Number("1")},
		// A member schema and a conditional both want a type: one error.
		"n": map[string]any{"type": "integer"},
	}, "if": map[string]any{"required": []any{"n"}}, "then": map[string]any{"properties": map[string]any{"n": map[string]any{"type": "integer"}}}})
	got := mapped(t, c, map[string]any{"s": json.Number("5"), "n": "7"})
	want := []finding{
		// n and s are no names of Braze's schemas: payload data, written *.
		{"type-mismatch", "/n", "* must be an integer, not a string: write the number without quotes"},
		{"type-mismatch", "/s", "* must be a string, not a number: quote it"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestFallbackRule maps an error kind the mapper has no rule for: the
// checker emits none today, but a new keyword must not vanish silently.
func TestFallbackRule(t *testing.T) {
	c := testChecker(t, map[string]any{})
	m := mapper{checker: c, ep: MessagesSend, root: payload(t, []byte(`{"n": ["a", "a"]}`)), typos: map[string][]string{}, flattened: map[string]bool{}}
	got := m.findings(&schema.Error{SchemaURL: schema.BaseURL + "messages-send.json#/properties/n",
		InstanceLocation: []string{"n"}, ErrorKind: &kind.UniqueItems{Duplicates: [2]int{0, 1}}})
	if len(got) != 1 || got[0].Rule != lint.SchemaMismatch || got[0].Message != "* does not match the schema (uniqueItems)" {
		t.Errorf("findings = %+v, want one schema-mismatch naming uniqueItems", got)
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

// TestTokensReadThePayload checks that tokens tells an index from a member
// name by the value it steps into: a member named "0" is a name, an element
// of a large (indexed) array an index, and a location past a scalar stays a
// name.
func TestTokensReadThePayload(t *testing.T) {
	elems := strings.Repeat(`{"x": 1}, `, 39) + `{"x": 2}`
	m := mapper{root: payload(t, []byte(`{"a": {"0": {"x": 1}}, "b": [`+elems+`], "c": "s"}`))}
	for _, c := range []struct {
		loc  []string
		want []any
	}{
		{[]string{"a", "0", "x"}, []any{"a", "0", "x"}},
		{[]string{"b", "39", "x"}, []any{"b", 39, "x"}},
		{[]string{"b", "40"}, []any{"b", "40"}},
		{[]string{"c", "0"}, []any{"c", "0"}},
	} {
		got := m.tokens(c.loc)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("tokens(%q) (-want +got):\n%s", c.loc, diff)
		}
	}
	if n, _ := m.valueAt([]any{"b", 39, "x"}).Number(); n != "2" {
		t.Errorf("valueAt b/39/x = %q, want 2", n)
	}
	if m.valueAt([]any{"a", 0}).Exists() || m.valueAt([]any{"b", "0"}).Exists() {
		t.Error("an index into an object, or a name into an array, reads a value")
	}
	// With the steps of the location before reused, in every order the
	// locations may come in, the tokens are the same.
	locs := [][]string{{"a", "0", "x"}, {"a", "0"}, {"a", "0", "y"}, {"b", "39", "x"}, {"b", "39"}, {"b", "40"},
		{"b", "3", "x"}, {"c", "0"}, {"c"}, {}, {"a"}, {"b", "x"}}
	reused := m
	reused.last = new(lastTokens)
	r := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		loc := locs[r.IntN(len(locs))]
		if diff := cmp.Diff(m.tokens(loc), reused.tokens(loc)); diff != "" {
			t.Fatalf("tokens(%q) after others (-alone +reusing):\n%s", loc, diff)
		}
	}
}

// TestStreamedErrorsMapAsListed: mapping the schema errors as a stream
// (past maxListed) gives the findings mapping them as a list does, over
// every testdata payload.
func TestStreamedErrorsMapAsListed(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*/*.json")
	more, _ := filepath.Glob("../testdata/*/*.json")
	files = append(files, more...)
	compared := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil || len(data) > 64<<10 {
			continue
		}
		c := Config{MaxDiagnostics: 1 << 20}
		listed := c.Bytes(Auto, data)
		c.streamErrors = true
		streamed := c.Bytes(Auto, data)
		if !reflect.DeepEqual(listed, streamed) {
			t.Errorf("%s: streamed findings differ:\n%v\n%v", f, streamed, listed)
		}
		compared += len(listed)
	}
	if compared < 1000 {
		t.Errorf("compared %d findings: the testdata no longer exercises the mapping", compared)
	}
}

// TestShadowScansAsItIndexes: the shadow drops the same errors whether it
// scans its few typed locations or indexes many, comparing locations as
// locKey joins them (so a name holding a NUL meets the two names it joins).
func TestShadowScansAsItIndexes(t *testing.T) {
	for _, n := range []int{1, maxScanned, maxScanned + 1, 3 * maxScanned} {
		var errs []*schema.Error
		for i := range n {
			loc := []string{"a", strconv.Itoa(i)}
			errs = append(errs, &schema.Error{InstanceLocation: loc, ErrorKind: &kind.Type{}})
		}
		errs = append(errs, &schema.Error{InstanceLocation: []string{"a\x000"}, ErrorKind: &kind.Enum{}},
			&schema.Error{InstanceLocation: []string{"a", "0"}, ErrorKind: &kind.Type{}},
			&schema.Error{InstanceLocation: []string{"a"}, ErrorKind: &kind.Enum{}},
			&schema.Error{InstanceLocation: []string{"b"}, ErrorKind: &kind.Type{}},
			&schema.Error{InstanceLocation: []string{"b"}, ErrorKind: &kind.Type{}},
			&schema.Error{InstanceLocation: []string{"a", strconv.Itoa(n - 1)}, ErrorKind: &kind.MinLength{}})
		// The reference: the joined locations in maps.
		typed, reported := map[string]bool{}, map[string]bool{}
		for _, e := range errs[:n] {
			typed[locKey(e.InstanceLocation)] = true
		}
		var s shadow
		s.reset(errs[:n])
		for _, e := range errs {
			loc := locKey(e.InstanceLocation)
			want := typed[loc]
			if _, isType := e.ErrorKind.(*kind.Type); isType {
				want = reported[loc]
				reported[loc] = true
			}
			if got := s.drops(e); got != want {
				t.Errorf("%d typed: drops(%q %T) = %v, want %v", n, e.InstanceLocation, e.ErrorKind, got, want)
			}
		}
	}
}
