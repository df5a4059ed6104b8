package textformat

import (
	"bytes"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"messages/a.json", "messages/a.json"},
		{`C:\payloads\a.json`, `C:\payloads\a.json`}, // nothing to escape: backslashes stay
		{"a\n::error file=x::pwned", `a\n::error file=x::pwned`},
		{"\x1b[2J", `\x1b[2J`},
		{"a\r\tb\x00\x7f", `a\r\tb\x00\x7f`},
		{"c1\u0085\u009b", `c1\u0085\u009b`},
		{"bidi\u202e\u2066 sep\u2028", `bidi\u202e\u2066 sep\u2028`},
		{"bad\xffutf8", `bad\xffutf8`},
		{"back\\slash\n", `back\\slash\n`},
		{"jané.döe@example.com", "jané.döe@example.com"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if n := testing.AllocsPerRun(10, func() { Escape("messages/clean-payload.json") }); n != 0 {
		t.Errorf("Escape allocates %v times for a clean string", n)
	}
}

// TestWriteKeepsOneLinePerItem writes a finding whose file name, message,
// value and fix carry line breaks, workflow commands and ANSI escapes: the
// output has the same lines as a clean one, and no escape byte.
func TestWriteKeepsOneLinePerItem(t *testing.T) {
	evil := "x\n::error file=x::pwned\x1b[2J\r::add-mask::%0A"
	d := lint.Diagnostic{Rule: "unknown-member", Severity: lint.Warning, Message: "m " + evil,
		Related: []lint.Related{{Message: evil}}, Fixes: []lint.Fix{{Message: evil}}}
	var b bytes.Buffer
	Write(&b, evil+".json", &d, evil, "")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), b.String())
	}
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "::") || strings.ContainsAny(l, "\x1b\r") {
			t.Errorf("unsafe line %q", l)
		}
	}
}

func TestLineGuard(t *testing.T) {
	var b bytes.Buffer
	g := LineGuard(&b)
	g.Write([]byte("brazelint: open a\n::error::pwned: no such file\n"))
	g.Write([]byte("  ::add-mask::x\x1b[31m\u009b\tb\n"))
	g.Write([]byte("brazelint: a::b is fine\n"))
	want := "brazelint: open a\n\\x3a:error::pwned: no such file\n  \\x3a:add-mask::x\\x1b[31m\\u009b\tb\nbrazelint: a::b is fine\n"
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
}
