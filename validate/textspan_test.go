package validate

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// TestTextSpan checks the map from offsets in a decoded string to offsets in
// its JSON text: at every character boundary of random strings written with
// every kind of escape, the JSON text up to the mapped offset decodes to the
// string up to the boundary.
func TestTextSpan(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("ab{%}$ \"\\/\n\t\r\bé€😀‘")
	for range 2000 {
		var s strings.Builder
		var raw strings.Builder
		raw.WriteByte('"')
		for range r.IntN(12) {
			c := alphabet[r.IntN(len(alphabet))]
			s.WriteRune(c)
			raw.WriteString(escape(c, r.IntN(3)))
		}
		raw.WriteByte('"')
		dec, src := s.String(), []byte(raw.String())
		for b := 0; b <= len(dec); b++ {
			if b < len(dec) && !utf8.RuneStart(dec[b]) {
				continue
			}
			got := textSpan(src, span{0, len(src)}, b, b)
			prefix, err := jsontext.AppendUnquote(nil, append(append([]byte{}, src[:got.start]...), '"'))
			if err != nil || string(prefix) != dec[:b] {
				t.Fatalf("%s: offset %d maps to %d, whose prefix decodes to %q (%v), want %q", src, b, got.start, prefix, err, dec[:b])
			}
		}
	}
}

// escape writes c as JSON: plain (mode 0, where JSON allows), as a short
// escape (1), or as \u escapes, surrogate pairs for astral characters (2).
func escape(c rune, mode int) string {
	short := map[rune]string{'"': `\"`, '\\': `\\`, '/': `\/`, '\n': `\n`, '\t': `\t`, '\r': `\r`, '\b': `\b`}
	switch {
	case mode == 2:
		if c > 0xFFFF {
			r1, r2 := utf16.EncodeRune(c)
			return fmt.Sprintf(`\u%04x\u%04X`, r1, r2)
		}
		return fmt.Sprintf(`\u%04x`, c)
	case short[c] != "" && (mode == 1 || c < 0x20 || c == '"' || c == '\\'):
		return short[c]
	}
	return string(c)
}

func TestTextSpanInsideACharacter(t *testing.T) {
	src := []byte(`"a\ud83d\ude00b"`)
	// Bytes 1..5 of the decoded string are the emoji: a range inside it
	// covers the whole escape pair.
	if got := textSpan(src, span{0, len(src)}, 2, 3); got != (span{2, 14}) {
		t.Errorf("got %+v, want {2 14}", got)
	}
	if got := textSpan(src, span{0, len(src)}, 0, 100); got != (span{1, 15}) {
		t.Errorf("past the end: got %+v, want {1 15}", got)
	}
}

// TestLocatorAgrees checks the tape's locator against the decoder-based one it
// replaced, on every member and element of every testdata payload.
func TestLocatorAgrees(t *testing.T) {
	files, _ := filepath.Glob("../testdata/*/*/*.json")
	more, _ := filepath.Glob("../testdata/*/*.json")
	checked := 0
	for _, file := range append(files, more...) {
		src, err := os.ReadFile(file)
		if err != nil || len(src) > 1<<20 {
			continue
		}
		d, _, ok := parse(src, Config{})
		if !ok {
			continue
		}
		loc := newLocator(d.tape)
		dec := newDecoder(src[d.body:])
		for {
			if _, err := dec.ReadToken(); err != nil {
				break
			}
			ptr := string(dec.StackPointer())
			k1, v1, ok1 := oracleLocate(src, d.body, ptr)
			k2, v2, ok2 := loc.locate(ptr)
			if k1 != k2 || v1 != v2 || ok1 != ok2 {
				t.Errorf("%s %q: oracle %v %v %v, tape %v %v %v", file, ptr, k1, v1, ok1, k2, v2, ok2)
			}
			checked++
		}
		d.release()
	}
	if checked < 10000 {
		t.Errorf("only %d places checked", checked)
	}
}
