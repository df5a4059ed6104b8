package textformat

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Escape makes s safe to print on one line of a terminal or a CI log: it
// writes C0 controls (line breaks and tabs included), DEL, C1 controls, the
// Unicode line and paragraph separators, bidirectional overrides and bytes
// that are not UTF-8 as Go escapes (\n, \x1b, \u0085, \u202e, \xff), so that
// a file or member name cannot start a line, move the cursor, recolour the
// terminal or reorder what is shown. A backslash is doubled only when s needs
// escaping at all, so ordinary Windows paths print as they are. A string
// with nothing to escape is returned as it is, without allocating.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for j := 0; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[j])|0x100, 16)[1:])
		case r == '\\':
			b.WriteString(`\\`)
		case unsafeRune(r, size):
			q := strconv.QuoteRuneToASCII(r) // '\n', '\x1b', '\u0085'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[j : j+size])
		}
		j += size
	}
	return b.String()
}

// unsafeRune reports whether r (of size bytes in the string) is one Escape
// rewrites.
func unsafeRune(r rune, size int) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == utf8.RuneError && size == 1:
		return true
	case r == '\u2028', r == '\u2029', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}

// LineGuard wraps w, which receives whole lines of brazelint's own making
// (standard error), so that no text it holds can act on a terminal or a CI
// runner: controls other than line breaks and tabs are escaped as Escape
// does, and a line that would begin, after white space, with "::" (a GitHub
// Actions workflow command, which the runner reads on standard error too)
// has its first colon written as \x3a. brazelint's own lines never begin
// with "::"; one that does carries text from a file or payload name.
func LineGuard(w interface{ Write([]byte) (int, error) }) *Guarded {
	return &Guarded{w: w, lineStart: true}
}

// Guarded is the writer LineGuard returns.
type Guarded struct {
	w         interface{ Write([]byte) (int, error) }
	lineStart bool // the next byte begins a line (white space may precede "::")
	colon     bool // a line's first non-blank byte was ':', held back
}

func (g *Guarded) Write(p []byte) (int, error) {
	var b []byte
	s := string(p)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := s[i : i+size]
		if g.colon {
			g.colon = false
			if r == ':' {
				b = append(b, `\x3a`...)
			} else {
				b = append(b, ':')
			}
		}
		switch {
		case r == '\n':
			b = append(b, '\n')
			g.lineStart = true
		case g.lineStart && (r == ' ' || r == '\t'):
			b = append(b, c...)
		case g.lineStart && r == ':':
			g.lineStart, g.colon = false, true
		case r != '\t' && unsafeRune(r, size):
			g.lineStart = false
			b = append(b, Escape(c)...)
		default:
			g.lineStart = false
			b = append(b, c...)
		}
		i += size
	}
	if g.colon { // a write ends in the colon: lines come whole, so let it go
		g.colon = false
		b = append(b, ':')
	}
	if _, err := g.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}
