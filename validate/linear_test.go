package validate

import (
	"bytes"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/lineartest"
	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/lint"
)

// TestValidateLinear holds validation to linear cost on the payload shapes
// that once cost more per byte the larger they were (issue 22). The scanner's
// own shapes are in lint/liquid, the config patterns' in internal/pattern.
func TestValidateLinear(t *testing.T) {
	// Each shape's base size is the smallest at which its quadratic cost
	// showed, before the fix, over the ratio the check allows; -short
	// halves it, which still does.
	short := 1
	if testing.Short() {
		short = 2
	}
	body := func(text string) []byte {
		return []byte(`{"external_user_ids": ["u"], "messages": {"email": {"app_id": "a", "from": "a@example.com", "subject": "s", "body": "` + text + `"}}}`)
	}
	shapes := map[string]struct {
		base  int
		build func(n int) []byte
	}{
		// A clean payload: each promotion tag's quote check once looked at
		// every node after it for nested outputs.
		"promotion tags": {800, func(n int) []byte { return body(strings.Repeat(`{% promotion('x') %}`, n)) }},
		// Many findings in one string, behind escapes: each finding's offset
		// was mapped through the string's escapes from its start.
		// Each connected_content URL with a query looked at every node
		// after its tag for outputs in the query.
		"connected_content tags": {400, func(n int) []byte {
			return body(strings.Repeat(`{% connected_content https://api.example.com/x?y=1 :save r %}{{ r.a }}`, n))
		}},
		// Each message_extras option looked at every node after its tag
		// for outputs in it; outputs add no literal text, so the total
		// never passes the limit that would end the check.
		"message_extras tags": {400, func(n int) []byte {
			return body(strings.Repeat(`{% message_extras :key {{x}} :value {{y}} %}`, n))
		}},
		"findings in one string": {400, func(n int) []byte { return body(strings.Repeat(`\n\u00e9{{ ‘x’ }}`, n)) }},
		// Each finding was located by reading the payload again from its
		// start (issue 21): many unknown members, and many findings deep in
		// a long array, whose elements a pointer names by index.
		"unknown members": {2000, unknownMembers},
		"findings in a long array": {200, func(n int) []byte {
			var b strings.Builder
			b.WriteString(`{"campaign_id": "c", "recipients": [`)
			for i := range n {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(`{"external_user_id": "u", "send_to_existing_only": "yes"}`)
			}
			b.WriteString("]}")
			return []byte(b.String())
		}},
	}
	for name, shape := range shapes {
		t.Run(name, func(t *testing.T) {
			lineartest.Check(t, shape.base/short, shape.build, func(data []byte) { Bytes(Auto, data) })
		})
	}
	// The shapes of issue 22 with a finding per element, each through the
	// entry point that once took seconds on them: the schema's errors held
	// whole, Fix judging every fix a validation at a time, split.
	ids := func(unit func(i int) string) func(n int) []byte {
		return func(n int) []byte {
			var b strings.Builder
			b.WriteString(`{"external_user_ids": [`)
			for i := range n {
				if i > 0 {
					b.WriteString(",")
				}
				b.WriteString(unit(i))
			}
			b.WriteString(`], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`)
			return []byte(b.String())
		}
	}
	empty := ids(func(int) string { return `""` })
	numeric := ids(func(i int) string { return strconv.Itoa(10_000_000 + i) })
	quoted := ids(func(i int) string { return `"u` + strconv.Itoa(i) + `"` })
	entries := map[string]struct {
		base  int
		build func(n int) []byte
		run   func([]byte)
	}{
		"empty ids":                   {4000, empty, func(data []byte) { Bytes(Auto, data) }},
		"numeric ids, fixed":          {1000, numeric, func(data []byte) { Config{}.Fix(Auto, data, nil) }},
		"numeric ids, over the limit": {1000, numeric, func(data []byte) { Config{MaxBytes: len(data) + 10}.Fix(Auto, data, nil) }},
		"ids, split":                  {4000, quoted, func(data []byte) { Split(Auto, data, 50) }},
		"a long integer": {20000, func(n int) []byte {
			return []byte(`{"external_user_ids": ["u"], "messages": {"android_push": {"alert": "a", "time_to_live": 1` + strings.Repeat("0", n) + `}}}`)
		}, func(data []byte) { Bytes(Auto, data) }},
	}
	for name, e := range entries {
		t.Run(name, func(t *testing.T) { lineartest.Check(t, e.base/short, e.build, e.run) })
	}
}

// TestBraceTagQuotesNested checks the curly quotes of a Braze tag's arguments
// with outputs nested in them and after them: each curly quote is reported
// once, by the tag or by the output that holds it, and nothing after the tag
// is taken for part of it.
func TestBraceTagQuotesNested(t *testing.T) {
	text := `{% promotion({{ ‘a’ }}‘b’) %}{{ 'c' }}‘d’{% promotion('e') %}{{ ‘f’ }}`
	data := []byte(`{"external_user_ids": ["u"], "messages": {"email": {"app_id": "a", "from": "a@example.com", "subject": "s", "body": "` + text + `"}}}`)
	var cols []int
	for _, d := range Bytes(MessagesSend, data) {
		if d.Rule == "liquid-curly-quote" {
			cols = append(cols, d.Start.Column)
		}
	}
	if len(cols) != 6 {
		t.Errorf("%d curly quotes reported at columns %v, want the 6 inside delimiters (a, b, f)", len(cols), cols)
	}
}

// TestTextIndexAgrees checks the offset map of long strings against
// textSpan, for ranges at every offset of random strings with every kind of
// escape, asked in random order.
func TestTextIndexAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("ab{%}$ \"\\/\n\t\r\bé€😀‘")
	for range 20 {
		var raw strings.Builder
		raw.WriteByte('"')
		for range 100 + r.IntN(300) {
			raw.WriteString(escape(alphabet[r.IntN(len(alphabet))], r.IntN(3)))
		}
		raw.WriteByte('"')
		src := []byte(raw.String())
		val := span{0, len(src)}
		x := newTextIndex(src, val)
		for range 2000 {
			start := r.IntN(len(src) + 2)
			end := start + r.IntN(40)
			if got, want := x.span(src, start, end), textSpan(src, val, start, end); got != want {
				t.Fatalf("%s: [%d, %d) maps to %v, textSpan says %v", src, start, end, got, want)
			}
		}
	}
}

// TestPositionAnyOrder checks line:column positions asked for in any order,
// forward, a little back and far back, against counting from the line's
// start, on text with every kind of line end, multibyte and invalid UTF-8,
// and on valid UTF-8 counted as such (validUTF8).
func TestPositionAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "é", "😀", "\n", "\r\n", "\r", " ", "abcdefgh", "\xff", "\xe2\x82"}
	for i := range 100 {
		valid := i%2 == 0
		kinds := len(pieces)
		if valid {
			kinds -= 2 // no invalid UTF-8
		}
		var b strings.Builder
		for range r.IntN(400) {
			b.WriteString(pieces[r.IntN(kinds)])
		}
		src := []byte(b.String())
		l := newLines(src, 0)
		l.validUTF8 = valid
		off := 0
		for range 300 {
			switch r.IntN(3) {
			case 0:
				off += r.IntN(20)
			case 1:
				off -= r.IntN(5)
			default:
				off = r.IntN(len(src) + 1)
			}
			off = min(max(off, 0), len(src))
			if got, want := l.position(off), newLines(src, 0).position(off); got != want {
				t.Fatalf("%q: offset %d at %+v, counting from the line's start gives %+v", src, off, got, want)
			}
		}
	}
}

// TestEightyThousandUnknownMembers checks the limits case in testdata: a valid
// payload (a broadcast, so one notice) with 80,000 unknown members, each a
// warning, cut at the diagnostic cap. Its time is the bench harness's to measure (target: under a second on
// the command); here it must simply finish and count right.
func TestEightyThousandUnknownMembers(t *testing.T) {
	data, err := os.ReadFile("../testdata/limits/bad-unknown-members-80000.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, testpayload.ValidPlusUnknown(80000)) {
		t.Fatal("testdata/limits/bad-unknown-members-80000.json is not testpayload.ValidPlusUnknown(80000): write it again")
	}
	ds := Bytes(Auto, data)
	if len(ds) != DefaultMaxDiagnostics {
		t.Fatalf("%d diagnostics, want the cap of %d", len(ds), DefaultMaxDiagnostics)
	}
	last := ds[len(ds)-1]
	if last.Rule != lint.TooManyFindings.ID || !strings.HasPrefix(last.Message, "79802 more findings") || last.Severity != lint.Warning {
		t.Errorf("last diagnostic %s %v %q, want a warning that 79802 more are not shown", last.Rule, last.Severity, last.Message)
	}
	if ds[0].Rule != lint.BroadcastEnabled.ID {
		t.Errorf("first diagnostic %s, want broadcast-enabled", ds[0].Rule)
	}
	for _, d := range ds[1 : len(ds)-1] {
		if d.Rule != lint.UnknownMember.ID {
			t.Fatalf("%s at %s, want only unknown-member", d.Rule, d.Pointer)
		}
	}
}
