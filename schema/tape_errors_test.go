package schema

import (
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/tape"
)

// describeInOrder writes errors one a line, in their order, with their
// kinds' values, for a failure message.
func describeInOrder(errs []*Error) string {
	var b strings.Builder
	for _, e := range errs {
		fmt.Fprintf(&b, "  %s @%q %T %+v\n", e.SchemaURL, e.InstanceLocation, e.ErrorKind, e.ErrorKind)
	}
	return b.String()
}

// errorsAgree compares ValidateTape on src with Validate on its decoded tree
// (the last of repeated members kept) against every root schema; it returns
// how many errors, null members and invalid verdicts it compared.
func errorsAgree(t *testing.T, checker *Checker, where string, src []byte) (errs, nulls, invalid int) {
	t.Helper()
	var tp tape.Tape
	if !scanCase(&tp, src) {
		t.Fatalf("%s: the tape refuses %q", where, src)
	}
	doc, ok := decodeNumbers(src)
	if !ok {
		t.Fatalf("%s: encoding/json refuses %q", where, src)
	}
	for _, file := range EndpointFiles() {
		want := checker.Validate(file, doc)
		got := checker.ValidateTape(file, &tp)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s against %s: ValidateTape and Validate differ on %.300s\nValidateTape:\n%sValidate:\n%s",
				where, file, src, describeInOrder(got), describeInOrder(want))
		}
		if want != nil {
			invalid++
		}
		errs += len(want)
		for _, e := range want {
			if _, ok := e.ErrorKind.(*NullMember); ok {
				nulls++
			}
		}
	}
	return errs, nulls, invalid
}

// TestValidateTapeAgreesWithValidate holds ValidateTape to exactly the
// errors of Validate, in order and value, on every payload under testdata,
// on variants with a member dropped, a value replaced or a member set to
// null, on each written with every string character escaped, and on each
// written with every member repeated (the last one is read).
func TestValidateTapeAgreesWithValidate(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	errs, nulls, invalid, dupInvalid, escInvalid := 0, 0, 0, 0, 0
	compare := func(where string, src []byte) int {
		t.Helper()
		e, n, i := errorsAgree(t, checker, where, src)
		errs, nulls, invalid = errs+e, nulls+n, invalid+i
		return i
	}
	marshal := jsonStyle{}.write
	for _, c := range tapeCorpus(t) {
		docs := []any{c.doc}
		if !testing.Short() {
			docs = append(docs, tapeVariants(c.doc)...)
			docs = append(docs, nullVariants(c.doc)...)
		}
		for i, doc := range docs {
			where := fmt.Sprintf("%s variant %d", c.where, i)
			if i == 0 {
				compare(c.where, c.src)
			} else {
				compare(where, marshal(doc))
			}
			if i%4 == 0 {
				escInvalid += compare(where+" escaped", escapedJSON(doc))
			}
			if i%3 == 0 {
				dupInvalid += compare(where+" repeated", repeatedJSON(doc, i%2 == 0))
			}
		}
	}
	t.Logf("%d invalid verdicts (%d escaped, %d with repeated names), %d errors, %d null members", invalid, escInvalid, dupInvalid, errs, nulls)
	// About half of what the corpus gives.
	wantInvalid, wantErrs, wantNulls := 200000, 600000, 40000
	if testing.Short() {
		wantInvalid, wantErrs, wantNulls = 10000, 30000, 250
	}
	if invalid < wantInvalid || escInvalid < 3000 || dupInvalid < 3000 || errs < wantErrs || nulls < wantNulls {
		t.Errorf("only %d invalid verdicts (%d escaped, %d repeated), %d errors and %d null members: the test lost its corpus",
			invalid, escInvalid, dupInvalid, errs, nulls)
	}
}

// TestValidateTapeCases: hand-written payloads whose errors depend on the
// last of repeated members, on null members read as absent, or on Absent
// flags a reader left on the tape, which ValidateTape ignores.
func TestValidateTapeCases(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		`{"campaign_id": null, "broadcast": null, "messages": {"sms": {"subscription_group_id": "s", "message_variation_id": null, "body": "b", "app_id": "a"}}}`,
		`{"campaign_id": null, "broadcast": true}`,
		`{"campaign_id": "c", "recipients": [{"user_alias": {"alias_name": "n", "alias_label": null}}]}`,
		`{"campaign_id": "c", "broadcast": true, "campaign_id": null}`,
		`{"campaign_id": null, "broadcast": true, "campaign_id": "c"}`,
		`{"campaign_id": "c", "broadcast": "yes", "broadcast": true, "trigger_properties": {"a": null, "a": 1}}`,
		`{"campaign_id": "c", "broadcast": true, "broadcast": "yes", "x": 1, "x": 2, "y": null}`,
		`{"messages": {"android_push": {"alert": "a", "title": "t", "send_to_sync": null}}}`,
		`{"messages": {"sms": {"body": "b"}, "sms": {"body": 1, "app_id": null}}, "external_user_ids": ["", "a", 1, null]}`,
		`{"\u0063ampaign_id": "c", "broadcast": true, "b\u0072oadcast": 7, "recipients": [{"\u0065xternal_user_id": ""}]}`,
		`{"external_user_ids": ["", "", ""], "schedule": {"time": "nope"}, "audience": {"AND": [{"x": 1}, null]}}`,
		`[]`, `null`, `"x"`, `1e400`,
	} {
		errorsAgree(t, checker, src, []byte(src))
	}
	// Absent flags a reader set are not the checker's: the errors are still
	// those of the decoded payload.
	src := []byte(`{"campaign_id": null, "broadcast": 3}`)
	doc, _ := decodeNumbers(src)
	var tp tape.Tape
	if !scanCase(&tp, src) {
		t.Fatal("the tape refuses the payload")
	}
	for i := range tp.Nodes {
		if tp.Nodes[i].Flags&tape.Name != 0 {
			tp.Nodes[i].Flags |= tape.Absent
		}
	}
	const file = "campaigns-trigger-send.json"
	if got, want := checker.ValidateTape(file, &tp), checker.Validate(file, doc); !reflect.DeepEqual(got, want) || len(want) < 2 {
		t.Errorf("with Absent flags set:\nValidateTape:\n%sValidate:\n%s", describeInOrder(got), describeInOrder(want))
	}
	if checker.ValidateTape("no-such.json", &tp) != nil {
		t.Error("ValidateTape reports errors against a schema file it does not have")
	}
}

// FuzzValidateTape: ValidateTape and Validate on the decoded payload report
// the same errors.
func FuzzValidateTape(f *testing.F) {
	addExampleSeeds(f)
	f.Add([]byte(`{"campaign_id": null, "broadcast": true, "campaign_id": "c", "trigger_properties": {"\u00e9": "\ud83d\ude00"}}`))
	f.Add([]byte(`{"external_user_ids": ["", 1, null], "messages": {"sms": {"body": null}, "sms": {"app_id": null}}}`))
	checker, err := Fast()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		tp, doc, ok := fuzzCase(t, src)
		if !ok {
			return
		}
		for _, file := range EndpointFiles() {
			want, got := checker.Validate(file, doc), checker.ValidateTape(file, tp)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q against %s:\nValidateTape:\n%sValidate:\n%s", src, file, describeInOrder(got), describeInOrder(want))
			}
		}
	})
}

// nullVariants returns copies of doc with one member (at up to 12 places
// spread over the document) set to null.
func nullVariants(doc any) []any {
	var paths [][]any
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				p := append(slices.Clone(path), k)
				paths = append(paths, p)
				walk(v[k], p)
			}
		case []any:
			for i, c := range v {
				walk(c, append(slices.Clone(path), i))
			}
		}
	}
	walk(doc, nil)
	var out []any
	for i := 0; i < len(paths); i += max(1, len(paths)/12) {
		out = append(out, replaced(doc, paths[i], nil))
	}
	return out
}

// repeatedJSON writes v with every member written twice, once with its own
// value and once with a stand-in of another kind: before it (the decoded
// tree keeps the member's own value) or after it (the tree keeps the stand-in).
func repeatedJSON(v any, before bool) []byte {
	return jsonStyle{repeat: true, standInFirst: before}.write(v)
}

// BenchmarkValidateTape compares Validate on the decoded tree with
// ValidateTape on the scanned tape (scanning and decoding left out), on
// invalid payloads: small ones from testdata, one with 80,000 unknown
// members, one with null members and repeated names, and 4 MiB of empty
// external ids, each failing minLength.
func BenchmarkValidateTape(b *testing.B) {
	checker, _ := Fast()
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	empties := []byte(`{"messages": {"sms": {"subscription_group_id": "s", "body": "b", "app_id": "a"}}, "external_user_ids": [""`)
	for len(empties) < 4<<20 {
		empties = append(empties, `,""`...)
	}
	empties = append(empties, "]}"...)
	nulls := []byte(`{"campaign_id": null, "broadcast": null, "broadcast": 1, "messages": {"sms": {"subscription_group_id": "s", "message_variation_id": null, "body": "b", "app_id": "a", "app_id": 2}}}`)
	for _, tc := range []struct {
		name string
		src  []byte
	}{
		{"enum-value", read("../testdata/rules/enum-value/bad-content-card-type.json")},
		{"array-length", read("../testdata/rules/array-length/bad.json")},
		{"nulls-and-repeats", nulls},
		{"unknown-members-80000", read("../testdata/limits/bad-unknown-members-80000.json")},
		{"empty-ids-4MiB", empties},
	} {
		const file = "messages-send.json"
		doc, ok := decodeNumbers(tc.src)
		var tp tape.Tape
		if !ok || tp.Scan(tc.src, 0, 64) != nil {
			b.Fatalf("%s: does not scan", tc.name)
		}
		want := checker.Validate(file, doc)
		if len(want) == 0 || !reflect.DeepEqual(checker.ValidateTape(file, &tp), want) {
			b.Fatalf("%s: valid, or ValidateTape and Validate differ", tc.name)
		}
		b.Run(tc.name+"/tree", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				checker.Validate(file, doc)
			}
			b.ReportMetric(float64(len(want)), "errors")
		})
		b.Run(tc.name+"/tape", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				checker.ValidateTape(file, &tp)
			}
			b.ReportMetric(float64(len(want)), "errors")
		})
	}
}

// TestValidateTapeGotWithoutAbsentMembers: the Got of an enum or const error
// is the value as collect sees it, without its null members read as absent
// and with the last of repeated members. The embedded schemas never show an
// object in a Got, so a schema of the test's own does.
func TestValidateTapeGotWithoutAbsentMembers(t *testing.T) {
	schemaDoc, _ := decodeNumbers([]byte(`{"properties": {
		"a": {"enum": ["x"], "properties": {"b": {"type": "string"}}},
		"c": {"const": [1, {"d": 2}], "items": {"properties": {"d": {"type": "integer"}}}}}}`))
	checker, err := NewChecker(map[string]any{"t.json": schemaDoc}, "t.json")
	if err != nil {
		t.Fatal(err)
	}
	src := []byte(`{"a": {"b": null, "e": 1.50, "e": [2e0]}, "c": [1, {"d": null, "f": 3, "f": {}}]}`)
	doc, _ := decodeNumbers(src)
	var tp tape.Tape
	if !scanCase(&tp, src) {
		t.Fatal("the tape refuses the payload")
	}
	want := checker.Validate("t.json", doc)
	got := checker.ValidateTape("t.json", &tp)
	if !reflect.DeepEqual(got, want) || len(want) != 4 {
		t.Errorf("ValidateTape:\n%sValidate (want 2 null members, an enum and a const error):\n%s", describeInOrder(got), describeInOrder(want))
	}
}

// TestEachErrorTapeOnly: with a filter, EachErrorTape yields exactly the
// errors of the kinds asked for, in ValidateTape's order.
func TestEachErrorTapeOnly(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Type": true, "Required": true, "AdditionalProperties": true, "NullMember": true}
	kindName := func(e *Error) string {
		if _, ok := e.ErrorKind.(*NullMember); ok {
			return "NullMember"
		}
		return reflect.TypeOf(e.ErrorKind).Elem().Name()
	}
	compared, skipped := 0, 0
	for _, c := range tapeCorpus(t) {
		var tp tape.Tape
		if !scanCase(&tp, c.src) {
			continue
		}
		for _, file := range EndpointFiles() {
			var filtered []*Error
			for _, e := range checker.ValidateTape(file, &tp) {
				if want[kindName(e)] {
					filtered = append(filtered, e)
				} else {
					skipped++
				}
			}
			var got []*Error
			checker.EachErrorTape(file, &tp, func(k string) bool { return want[k] }, func(e *Error) bool { got = append(got, e); return true })
			if !reflect.DeepEqual(got, filtered) {
				t.Fatalf("%s against %s: filtered errors differ:\n%s\n%s", c.where, file, describeInOrder(got), describeInOrder(filtered))
			}
			compared += len(got)
			if len(filtered) > 1 {
				var first []*Error
				checker.EachErrorTape(file, &tp, func(k string) bool { return want[k] }, func(e *Error) bool { first = append(first, e); return false })
				if !reflect.DeepEqual(first, filtered[:1]) {
					t.Fatalf("%s against %s: stopped after one, got %s", c.where, file, describeInOrder(first))
				}
			}
		}
	}
	if compared < 1000 || skipped < 1000 {
		t.Errorf("compared %d errors and skipped %d: the corpus no longer exercises the filter", compared, skipped)
	}
}
