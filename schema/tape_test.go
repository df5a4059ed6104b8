package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/brazelint/brazelint/internal/tape"
)

// tapeCase is one payload as bytes and as the tree Valid reads.
type tapeCase struct {
	where string
	src   []byte
	doc   any
}

// scanCase scans src into t; ok is false when the tape refuses it.
func scanCase(t *tape.Tape, src []byte) bool {
	return t.Scan(src, 0, 64) == nil
}

// tapeCorpus reads every payload under testdata that the tape scans to an
// object, up to 64 KB.
func tapeCorpus(tb testing.TB) []tapeCase {
	tb.Helper()
	var out []tapeCase
	var tp tape.Tape
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil || len(data) > 64<<10 {
			return err
		}
		data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
		if !scanCase(&tp, data) || tp.Nodes[0].Kind != tape.Object {
			return nil
		}
		doc, ok := decodeNumbers(data)
		if !ok {
			tb.Fatalf("%s: the tape scans it, encoding/json does not", path)
		}
		out = append(out, tapeCase{path, data, doc})
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestValidTapeAgreesWithValid holds ValidTape to Valid's verdict on every
// payload under testdata, on variants of it with a member dropped or a value
// replaced by another kind, and on each written with every string character
// escaped, against every root schema.
func TestValidTapeAgreesWithValid(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	roots := EndpointFiles()
	var tp tape.Tape
	valid, invalid, escapedValid, doubts := 0, 0, 0, 0
	compare := func(where string, src []byte, doc any) {
		t.Helper()
		if !scanCase(&tp, src) {
			t.Fatalf("%s: the tape refuses %q", where, src)
		}
		for _, file := range roots {
			want := checker.Valid(file, doc)
			got := checker.ValidTape(file, &tp)
			if want && !got && len(tp.Dups) > 0 {
				doubts++ // the slow path decides
				continue
			}
			if got != want {
				t.Errorf("%s against %s: ValidTape = %v, Valid = %v", where, file, got, want)
			}
			if want {
				valid++
				if bytes.Contains(src, []byte(`\u`)) {
					escapedValid++
				}
			} else {
				invalid++
			}
		}
	}
	marshal := jsonStyle{}.write
	for _, c := range tapeCorpus(t) {
		compare(c.where, c.src, c.doc)
		compare(c.where+" escaped", escapedJSON(c.doc), c.doc)
		if testing.Short() {
			continue
		}
		for i, variant := range tapeVariants(c.doc) {
			compare(fmt.Sprintf("%s variant %d", c.where, i), marshal(variant), variant)
		}
	}
	t.Logf("%d valid (%d with escapes), %d invalid, %d left to the slow path for repeated names", valid, escapedValid, invalid, doubts)
	if valid < 500 || invalid < 5000 || escapedValid < 200 {
		t.Errorf("only %d valid (%d with escapes) and %d invalid verdicts: the test lost its corpus", valid, escapedValid, invalid)
	}
}

// TestValidTapeDoubts: a payload that repeats a member name, or has one
// flagged Absent, is not valid on the tape even where Valid accepts it.
func TestValidTapeDoubts(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	const file = "campaigns-trigger-send.json"
	var tp tape.Tape
	for _, src := range []string{
		`{"campaign_id": "c", "broadcast": true}`,
		`{"campaign_id": "c", "broadcast": true, "broadcast": true}`,
		`{"campaign_id": "c", "broadcast": true, "trigger_properties": {"a": 1, "a": 2}}`,
	} {
		doc, _ := decodeNumbers([]byte(src))
		if !checker.Valid(file, doc) {
			t.Fatalf("%s is not valid", src)
		}
		if !scanCase(&tp, []byte(src)) {
			t.Fatalf("the tape refuses %s", src)
		}
		if got, want := checker.ValidTape(file, &tp), len(tp.Dups) == 0; got != want {
			t.Errorf("%s: ValidTape = %v, want %v", src, got, want)
		}
		if len(tp.Dups) == 0 {
			tp.Nodes[1].Flags |= tape.Absent
			if checker.ValidTape(file, &tp) {
				t.Errorf("%s with a name flagged Absent: ValidTape = true", src)
			}
		}
	}
	if checker.ValidTape("no-such.json", &tp) {
		t.Error("ValidTape accepts a schema file it does not have")
	}
}

// TestValidTapeAbsentWhereRead: a name flagged Absent is a doubt where the
// walk reads names, even under an if, whose false would otherwise pick the
// else; in a value whose schema accepts any members (trigger_properties
// is any object) the member's absence changes nothing, and the payload
// stays valid.
func TestValidTapeAbsentWhereRead(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	const file = "campaigns-trigger-send.json"
	src := []byte(`{"campaign_id": "c", "broadcast": true, "trigger_properties": {"order_id": "o", "total": 3},
		"audience": {"custom_attribute": {"custom_attribute_name": "signup_date", "comparison": "after", "value": "2024-07-09T21:27:09Z"}}}`)
	doc, _ := decodeNumbers(src)
	if !checker.Valid(file, doc) {
		t.Fatal("the payload is not valid")
	}
	var tp tape.Tape
	for _, c := range []struct {
		name  string
		valid bool
	}{
		{"order_id", true}, {"total", true},
		{"comparison", false}, {"custom_attribute_name", false}, {"value", false}, {"custom_attribute", false},
		{"audience", false}, {"broadcast", false},
	} {
		if !scanCase(&tp, src) {
			t.Fatal("the tape refuses the payload")
		}
		if !checker.ValidTape(file, &tp) {
			t.Fatal("ValidTape = false without flags")
		}
		flagged := false
		for i := range tp.Nodes {
			if tp.Nodes[i].Flags&tape.Name != 0 && string(tp.Raw(int32(i))) == c.name {
				tp.Nodes[i].Flags |= tape.Absent
				flagged = true
			}
		}
		if !flagged {
			t.Fatalf("no name %s", c.name)
		}
		if got := checker.ValidTape(file, &tp); got != c.valid {
			t.Errorf("%s flagged Absent: ValidTape = %v, want %v", c.name, got, c.valid)
		}
	}
}

// TestValidTapeAbsentUnderNot: a doubt under not is no verdict either: the
// false the walk returns for it must not turn into a true.
func TestValidTapeAbsentUnderNot(t *testing.T) {
	for _, schema := range []string{
		`{"type": "object", "not": {"required": ["a"]}}`,
		`{"type": "object", "not": {"properties": {"a": {"const": 1}}, "required": ["a"]}}`,
	} {
		doc, _ := decodeNumbers([]byte(schema))
		c, err := NewChecker(map[string]any{"x.json": doc}, "x.json")
		if err != nil {
			t.Fatal(err)
		}
		var tp tape.Tape
		if !scanCase(&tp, []byte(`{"a": 1}`)) {
			t.Fatal("the tape refuses the payload")
		}
		if c.ValidTape("x.json", &tp) {
			t.Fatalf("%s: ValidTape = true", schema)
		}
		tp.Nodes[1].Flags |= tape.Absent
		if c.ValidTape("x.json", &tp) {
			t.Errorf("%s: with a flagged Absent, ValidTape = true", schema)
		}
	}
}

// TestValidTapeAllocatesNothing on a valid payload, as it is and with every
// string character escaped.
func TestValidTapeAllocatesNothing(t *testing.T) {
	checker, err := Fast()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/examples/messages-send-docs-example-fixed.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := decodeNumbers(data)
	for name, src := range map[string][]byte{"raw": data, "escaped": escapedJSON(doc)} {
		var tp tape.Tape
		if !scanCase(&tp, src) {
			t.Fatalf("%s: the tape refuses the example", name)
		}
		if !checker.ValidTape("messages-send.json", &tp) {
			t.Fatalf("%s: the example is not valid on the tape", name)
		}
		if name == "escaped" && raceEnabled {
			continue // the race detector drops what sync.Pool is given at random: the scratch is made anew
		}
		if a := testing.AllocsPerRun(100, func() { checker.ValidTape("messages-send.json", &tp) }); a != 0 {
			t.Errorf("%s: ValidTape allocates %v times per call, want 0", name, a)
		}
	}
}

// fuzzCase scans a fuzz input and decodes it as the tree checker reads it;
// ok is false when the tape refuses it, and encoding/json must agree.
func fuzzCase(t *testing.T, src []byte) (*tape.Tape, any, bool) {
	tp := new(tape.Tape)
	if !scanCase(tp, src) {
		return nil, nil, false
	}
	doc, ok := decodeNumbers(src)
	if !ok {
		t.Fatalf("the tape scans %q, encoding/json does not", src)
	}
	return tp, doc, true
}

// addExampleSeeds seeds a fuzz target with the docs' examples of three
// endpoints.
func addExampleSeeds(f *testing.F) {
	for _, name := range []string{
		"../testdata/examples/messages-send-docs-example-fixed.json",
		"../testdata/examples/campaigns-trigger-send-docs-example-fixed.json",
		"../testdata/examples/canvas-trigger-send-docs-example.json",
	} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzValidTape: ValidTape and Valid on the decoded payload agree, but for
// payloads that repeat a member name, which ValidTape leaves to the slow path.
func FuzzValidTape(f *testing.F) {
	addExampleSeeds(f)
	f.Add([]byte(`{"campaign_id": "c\u0063", "broadcast": true, "trigger_properties": {"\u00e9": "\ud83d\ude00"}}`))
	checker, err := Fast()
	if err != nil {
		f.Fatal(err)
	}
	roots := EndpointFiles()
	f.Fuzz(func(t *testing.T, src []byte) {
		tp, doc, ok := fuzzCase(t, src)
		if !ok {
			return
		}
		for _, file := range roots {
			want, got := checker.Valid(file, doc), checker.ValidTape(file, tp)
			if got == want || !got && len(tp.Dups) > 0 {
				continue
			}
			t.Errorf("%q against %s: ValidTape = %v, Valid = %v", src, file, got, want)
		}
	})
}

// BenchmarkValidTape compares Valid on the decoded tree with ValidTape on
// the scanned tape, on the same payloads (scanning and decoding left out).
func BenchmarkValidTape(b *testing.B) {
	checker, _ := Fast()
	for _, tc := range []struct{ name, file, path string }{
		{"messages-send", "messages-send.json", "../testdata/examples/messages-send-docs-example-fixed.json"},
		{"campaigns-trigger-send", "campaigns-trigger-send.json", "../testdata/examples/campaigns-trigger-send-docs-example-fixed.json"},
	} {
		data, err := os.ReadFile(tc.path)
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := decodeNumbers(data)
		for _, form := range []struct {
			name string
			src  []byte
		}{{"", data}, {"-escaped", escapedJSON(doc)}} {
			var tp tape.Tape
			if !scanCase(&tp, form.src) || !checker.Valid(tc.file, doc) || !checker.ValidTape(tc.file, &tp) {
				b.Fatalf("%s%s: not valid", tc.name, form.name)
			}
			if form.name == "" {
				b.Run(tc.name+"/tree", func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						checker.Valid(tc.file, doc)
					}
				})
			}
			b.Run(tc.name+form.name+"/tape", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					checker.ValidTape(tc.file, &tp)
				}
			})
		}
	}
}

// tapeVariantReplacements are the values a variant puts in place of one: one
// of each JSON kind, and edge cases of the keywords.
var tapeVariantReplacements = []any{nil, true, json.Number("0"), json.Number("-1"), json.Number("2.0"), json.Number("1.5"),
	"", "x", "2019-07-22", []any{}, []any{"a"}, map[string]any{}}

// tapeVariants returns copies of doc with one member dropped, or one value
// replaced, at up to 8 places spread over the document, each with two of
// the replacements in turn.
func tapeVariants(doc any) []any {
	var paths [][]any
	var walk func(v any, path []any)
	walk = func(v any, path []any) {
		paths = append(paths, append([]any(nil), path...))
		switch v := v.(type) {
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k], append(path, k))
			}
		case []any:
			for i, c := range v {
				walk(c, append(path, i))
			}
		}
	}
	walk(doc, nil)
	step := max(1, len(paths)/8)
	var out []any
	r := 0
	for i := 1; i < len(paths); i += step {
		p := paths[i]
		if _, member := p[len(p)-1].(string); member {
			out = append(out, dropped(doc, p))
		}
		for range 2 {
			out = append(out, replaced(doc, p, tapeVariantReplacements[r%len(tapeVariantReplacements)]))
			r++
		}
	}
	return out
}

// dropped copies doc along path and deletes the member at its end.
func dropped(doc any, path []any) any {
	switch d := doc.(type) {
	case map[string]any:
		c := make(map[string]any, len(d))
		for k, v := range d {
			c[k] = v
		}
		k := path[0].(string)
		if len(path) == 1 {
			delete(c, k)
		} else {
			c[k] = dropped(d[k], path[1:])
		}
		return c
	case []any:
		c := append([]any(nil), d...)
		i := path[0].(int)
		c[i] = dropped(d[i], path[1:])
		return c
	}
	return doc
}

// escapedJSON writes v with every character of every string and member
// name as a \u escape (a surrogate pair beyond the BMP).
func escapedJSON(v any) []byte { return jsonStyle{escapeAll: true}.write(v) }

// jsonStyle says how writeJSON's variants of a decoded payload write it:
// every string character escaped, or every member written twice, once with
// a stand-in value of another kind (before its own value when standInFirst,
// so the decoded tree keeps the member's own, or after it).
type jsonStyle struct {
	escapeAll            bool
	repeat, standInFirst bool
}

func (o jsonStyle) write(v any) []byte {
	var b []byte
	str := func(s string) {
		if !o.escapeAll {
			sb, _ := json.Marshal(s)
			b = append(b, sb...)
			return
		}
		b = append(b, '"')
		for _, r := range s {
			for _, u := range utf16.AppendRune(nil, r) {
				b = append(b, `\u`...)
				b = append(b, fmt.Sprintf("%04x", u)...)
			}
		}
		b = append(b, '"')
	}
	var val func(v any)
	member := func(k string, v any) {
		str(k)
		b = append(b, ':')
		val(v)
	}
	val = func(v any) {
		switch v := v.(type) {
		case nil:
			b = append(b, "null"...)
		case bool:
			b = strconv.AppendBool(b, v)
		case json.Number:
			b = append(b, v...)
		case string:
			str(v)
		case []any:
			b = append(b, '[')
			for i, e := range v {
				if i > 0 {
					b = append(b, ',')
				}
				val(e)
			}
			b = append(b, ']')
		case map[string]any:
			b = append(b, '{')
			for i, k := range slices.Sorted(maps.Keys(v)) {
				if i > 0 {
					b = append(b, ',')
				}
				switch {
				case !o.repeat:
					member(k, v[k])
				case o.standInFirst:
					member(k, standIn(v[k]))
					b = append(b, ',')
					member(k, v[k])
				default:
					member(k, v[k])
					b = append(b, ',')
					member(k, standIn(v[k]))
				}
			}
			b = append(b, '}')
		}
	}
	val(v)
	return b
}

// standIn is a value of another kind than v's, for repeated members.
func standIn(v any) any {
	switch v.(type) {
	case string:
		return json.Number("1")
	case nil:
		return "x"
	}
	return nil
}
