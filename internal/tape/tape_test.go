package tape

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// reference scans src with jsontext, the oracle: whether it is one valid JSON
// value (duplicate names allowed), and the repeated names' offsets.
func reference(src []byte, maxDepth int) (ok bool, dups []int) {
	dec := jsontext.NewDecoder(bytes.NewReader(src), jsontext.AllowDuplicateNames(true))
	type frame struct {
		object bool
		names  map[string]bool
		inName bool
	}
	var stack []frame
	values := 0
	for {
		off := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err == io.EOF {
			return len(stack) == 0 && values == 1, dups
		}
		if err != nil {
			return false, dups
		}
		if n := len(stack); n > 0 && stack[n-1].object {
			f := &stack[n-1]
			if tok.Kind() == '}' {
				stack = stack[:n-1]
				continue
			}
			if f.inName = !f.inName; f.inName {
				name := tok.String()
				if f.names[name] {
					raw := src[off:dec.InputOffset()]
					dups = append(dups, int(off)+bytes.IndexByte(raw, '"'))
				}
				f.names[name] = true
				continue
			}
		}
		if len(stack) == 0 {
			values++
		}
		switch tok.Kind() {
		case '{':
			stack = append(stack, frame{object: true, names: map[string]bool{}})
		case '[':
			stack = append(stack, frame{})
		case ']':
			stack = stack[:len(stack)-1]
		}
		if len(stack) > maxDepth {
			return false, dups
		}
	}
}

func check(t *testing.T, src []byte) {
	const maxDepth = 200
	var tp Tape
	err := tp.Scan(src, 0, maxDepth)
	want, wantDups := reference(src, maxDepth)
	if (err == nil) != want {
		t.Fatalf("Scan(%q) = %v, jsontext says valid=%v", src, err, want)
	}
	if err != nil {
		if tp.ASCII || tp.OneLine {
			t.Fatalf("Scan(%q) = %v, and says the bytes are ASCII (%v) or one line (%v)", src, err, tp.ASCII, tp.OneLine)
		}
		return
	}
	var gotDups []int
	for _, d := range tp.Dups {
		gotDups = append(gotDups, int(tp.Nodes[d.Name].Start))
		if !tp.sameName(d.Name, d.First) || d.First >= d.Name || tp.Nodes[d.First].Parent != tp.Nodes[d.Name].Parent {
			t.Fatalf("Scan(%q): dup %v is not a repeat of an earlier name", src, d)
		}
	}
	if len(gotDups) != len(wantDups) || !slicesEqual(gotDups, wantDups) {
		t.Fatalf("Scan(%q): duplicates at %v, jsontext finds %v", src, gotDups, wantDups)
	}
	anyDelims := false
	for i, n := range tp.Nodes {
		text := src[n.Start:n.End]
		if n.Kind == String {
			want, err := jsontext.AppendUnquote(nil, text)
			if err != nil || string(tp.AppendText(nil, int32(i))) != string(want) {
				t.Fatalf("Scan(%q): node %d text %q, want %q (%v)", src, i, tp.AppendText(nil, int32(i)), want, err)
			}
			if (n.Flags&Escaped != 0) != bytes.ContainsRune(text, '\\') {
				t.Fatalf("Scan(%q): node %d escaped flag wrong", src, i)
			}
			if (n.Flags&NonASCII != 0) != !isASCII(text) {
				t.Fatalf("Scan(%q): node %d NonASCII flag %v", src, i, n.Flags&NonASCII != 0)
			}
			delims := bytes.Contains(text, []byte("{{")) || bytes.Contains(text, []byte("{%")) || hasUnicodeEscape(text)
			if (n.Flags&Delims != 0) != delims {
				t.Fatalf("Scan(%q): node %d Delims flag %v, want %v", src, i, n.Flags&Delims != 0, delims)
			}
			// What the flag is for: a string whose text holds a Liquid
			// delimiter is never skipped.
			if (bytes.Contains(want, []byte("{{")) || bytes.Contains(want, []byte("{%"))) && n.Flags&Delims == 0 {
				t.Fatalf("Scan(%q): node %d holds a Liquid delimiter but is not flagged", src, i)
			}
			anyDelims = anyDelims || delims
		} else if !jsontext.Value(text).IsValid(jsontext.AllowDuplicateNames(true)) {
			t.Fatalf("Scan(%q): node %d span %q is not a value", src, i, text)
		}
		if int(n.Next) <= i || int(n.Next) > len(tp.Nodes) {
			t.Fatalf("Scan(%q): node %d next %d", src, i, n.Next)
		}
		if n.Parent >= int32(i) || (i > 0) != (n.Parent >= 0) {
			t.Fatalf("Scan(%q): node %d parent %d", src, i, n.Parent)
		}
		if n.Flags&Name != 0 && (tp.Nodes[i+1].Parent != n.Parent || n.Next != tp.Nodes[i+1].Next) {
			t.Fatalf("Scan(%q): name %d and its value disagree", src, i)
		}
	}
	if tp.Delims != anyDelims {
		t.Fatalf("Scan(%q): Delims %v, want %v", src, tp.Delims, anyDelims)
	}
	if tp.ASCII != isASCII(src) {
		t.Fatalf("Scan(%q): ASCII %v", src, tp.ASCII)
	}
	if tp.OneLine != !bytes.ContainsAny(src, "\r\n") {
		t.Fatalf("Scan(%q): OneLine %v", src, tp.OneLine)
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hasUnicodeEscape reports whether the quoted string text holds a \u escape.
func hasUnicodeEscape(text []byte) bool {
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '\\' {
			if text[i+1] == 'u' {
				return true
			}
			i++ // the escaped byte
		}
	}
	return false
}

var seeds = []string{
	`{"{{a}}":"{%x%}"}`, `["{", "{ {", "%{", "x{{", "\\u", "\\\u007b", "{\"{", "abcdefg{{", "abcdefgh{%", "abcdefghijklmno{"]`,
	`{}`, `[]`, `{"a":1}`, ` {"a" : [1, 2.5e-3, -0, true, false, null, "x"]} `,
	`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":{"b":1,"b":2},"b":[{"c":1,"c":1,"c":1}]}`,
	`01`, `1.`, `.5`, `+1`, `-`, `1e`, `1e+`, `0x1`, `1.0E+2`, `-0.0e-0`,
	`"\ud83d\ude00"`, `"\ud83d"`, `"\ude00"`, `"\ud83d\u0041"`, `"\x"`, `"\u12"`, `"\/\b\f\n\r\t\"\\"`,
	"\"\x01\"", "\"\xff\"", "\"\xed\xa0\x80\"", "\"é😀\"", `tru`, `nul`, `truex`, `[1,]`, `{"a":1,}`, `{"a" 1}`,
	`{"a":1}}`, `{"a":1} x`, ``, `   `, `[[[[]]]]`, "\ufeff{}", `{"a":1`, `"abc`,
}

func TestScanAgreesWithJSONText(t *testing.T) {
	for _, s := range seeds {
		check(t, []byte(s))
	}
	// A large object's duplicates go through the map.
	var b strings.Builder
	b.WriteString("{")
	for i := range 40 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + string(rune('a'+i%20)) + `":` + "1")
	}
	b.WriteString(`,"\u006ba":2}`)
	check(t, []byte(b.String()))
}

func FuzzScan(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../../testdata/*/*/*.json")
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil && len(src) < 1<<16 {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) { check(t, src) })
}

func TestScanDepth(t *testing.T) {
	var tp Tape
	deep := strings.Repeat("[", 5) + strings.Repeat("]", 5)
	if err := tp.Scan([]byte(deep), 0, 5); err != nil {
		t.Fatalf("depth 5 at limit 5: %v", err)
	}
	err := tp.Scan([]byte(deep), 0, 4)
	if err == nil || err.Reason != TooDeep || err.Offset != 4 {
		t.Fatalf("depth 5 at limit 4: %+v, want TooDeep at 4", err)
	}
}

func TestScanErrors(t *testing.T) {
	var tp Tape
	for _, c := range []struct {
		src    string
		reason Reason
		off    int
	}{
		{"  ", Empty, 2}, {`{} {}`, Trailing, 3}, {`{"a":01}`, Syntax, 6}, {`{"a":"\q"}`, Syntax, 6},
	} {
		err := tp.Scan([]byte(c.src), 0, 10)
		if err == nil || err.Reason != c.reason || err.Offset != c.off {
			t.Errorf("Scan(%q) = %+v, want reason %d at %d", c.src, err, c.reason, c.off)
		}
	}
	var e error = &Error{}
	if !errors.As(e, new(*Error)) {
		t.Fatal("*Error is an error")
	}
}

// TestScanASCII holds Tape.ASCII to the bytes the scan read: a value all
// below 0x80 (an escape spelling é included) is ASCII; a byte at or above
// it in a string or a name is not; bytes before the offset scanned from do
// not count, and after a failure, trailing data included, nothing is ASCII.
func TestScanASCII(t *testing.T) {
	var tp Tape
	for _, c := range []struct {
		src   string
		off   int
		ascii bool
	}{
		{`{"a":"x"}`, 0, true}, {" {\"a\" : [1, \"\\u00e9\"]}\n", 0, true}, {"\xef\xbb\xbf{}", 3, true},
		{`{"a":"é"}`, 0, false}, {`{"é":1}`, 0, false}, {`{"a":"x"} é`, 0, false}, {`{"a":"x"`, 0, false},
		{`{"a":"x"}`, 0, true}, // after a tape that was not
	} {
		tp.Scan([]byte(c.src), c.off, 10)
		if tp.ASCII != c.ascii {
			t.Errorf("Scan(%q, %d): ASCII %v, want %v", c.src, c.off, tp.ASCII, c.ascii)
		}
	}
}

func TestScanReusesTheTape(t *testing.T) {
	src := []byte(`{"external_user_ids": ["a", "b"], "messages": {"sms": {"body": "hi \u00e9", "app_id": "x"}}, "broadcast": false}`)
	var tp Tape
	tp.Scan(src, 0, 64)
	if n := testing.AllocsPerRun(100, func() { tp.Scan(src, 0, 64) }); n != 0 {
		t.Errorf("Scan allocates %v times per run on a reused tape, want 0", n)
	}
}

func TestMemberAndElement(t *testing.T) {
	var tp Tape
	src := []byte(`{"a": [10, 20, 30], "b\u0022": {"c": 1}, "a": [40]}`)
	if err := tp.Scan(src, 0, 10); err != nil {
		t.Fatal(err)
	}
	a, _, ok := tp.Member(0, "a")
	if !ok || string(tp.Raw(a)) != "[40]" {
		t.Fatalf(`Member "a" = %q, want the last duplicate`, tp.Raw(a))
	}
	b, key, ok := tp.Member(0, `b"`)
	if !ok || tp.Nodes[key].Flags&Escaped == 0 || tp.Nodes[b].Kind != Object {
		t.Fatal(`Member "b\"" not found by its decoded name`)
	}
	if _, _, ok := tp.Member(0, "c"); ok {
		t.Fatal(`Member "c" found at the top, where it is not`)
	}
	e, ok := tp.Element(2, 2)
	if !ok || string(tp.Raw(e)) != "30" {
		t.Fatalf("Element 2 = %q, want 30", tp.Raw(e))
	}
	if _, ok := tp.Element(1, 3); ok {
		t.Fatal("Element past the end found")
	}
}

func BenchmarkScan(b *testing.B) {
	src := []byte(`{"external_user_ids": ["user-1", "user-2", "user-3"], "campaign_id": "c-1", "messages": {"email": {"app_id": "a", "subject": "Hello", "from": "Co <co@example.com>", "body": "<p>Hi {{${first_name} | default: 'there'}}</p>"}, "apple_push": {"alert": "hi", "badge": 1}}}`)
	var tp Tape
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		tp.Scan(src, 0, 64)
	}
}

// TestScanStringBodies puts each byte a string body treats apart at every
// position of the eight- and sixteen-byte blocks the scanner reads, across
// block boundaries and at the very end of the input, and holds the verdict to
// jsontext and the failing offset to a reading one byte at a time.
func TestScanStringBodies(t *testing.T) {
	specials := []string{
		`"`, `\\`, `\"`, `\/`, `\n`, `\u00e9`, `\ud83d\ude00`, `\q`, `\u12`, `\ud83d`, `\ude00`, `\`,
		"\x00", "\x1f", "\x20", "\x7f", "é", "€", "😀", "\u2028",
		"\x80", "\xff", "\xc3", "\xc3(", "\xe2\x82", "\xe2\x82(", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\x80", "\xf4\x90\x80\x80",
	}
	var tp Tape
	for pre := range 34 {
		for _, sp := range specials {
			for post := range 10 {
				body := strings.Repeat("a", pre) + sp + strings.Repeat("b", post)
				for _, src := range []string{`"` + body + `"`, `"` + body, `{"` + body + `":1}`, `["` + body + `"]`} {
					check(t, []byte(src))
				}
				src := []byte(`"` + body + `"`)
				for _, src := range [][]byte{src, src[:len(src)-1]} {
					err := tp.Scan(src, 0, 10)
					end, ok := stringEndByByte(src)
					switch {
					case !ok && (err == nil || err.Reason != Syntax || err.Offset != end):
						t.Errorf("Scan(%q) = %+v, want Syntax at %d", src, err, end)
					case ok && end < len(src) && (err == nil || err.Reason != Trailing || err.Offset != end):
						t.Errorf("Scan(%q) = %+v, want Trailing at %d", src, err, end)
					case ok && end == len(src) && err != nil:
						t.Errorf("Scan(%q) = %+v, want a string", src, err)
					}
				}
			}
		}
	}
}

// stringEndByByte reads the string src starts with one byte at a time: the
// position past it, or of the first byte that fails.
func stringEndByByte(src []byte) (int, bool) {
	for p := 1; p < len(src); {
		switch c := src[p]; {
		case c == '"':
			return p + 1, true
		case c == '\\':
			n, ok := escape(src[p:])
			if !ok {
				return p, false
			}
			p += n
		case c < 0x20:
			return p, false
		case c < utf8.RuneSelf:
			p++
		default:
			r, n := utf8.DecodeRune(src[p:])
			if r == utf8.RuneError && n == 1 {
				return p, false
			}
			p += n
		}
	}
	return len(src), false
}
