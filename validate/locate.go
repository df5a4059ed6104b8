package validate

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/brazelint/brazelint/lint"
)

// span is a half-open byte range [start, end) of the input.
type span struct{ start, end int }

// locate finds the member or element at pointer in src, whose JSON text (known
// to parse) starts at body. It returns the span of the member's name (zero for
// array elements and the root) and of its value. As in the decoded tree, the
// last of duplicate names wins. Only diagnostics call it, so a clean payload
// never pays for locations.
func locate(src []byte, body int, pointer string) (key, val span, ok bool) {
	start := body
	for _, tok := range splitPointer(pointer) {
		dec := newDecoder(src[start:])
		open, err := dec.ReadToken()
		if err != nil {
			return span{}, span{}, false
		}
		found := false
		switch open.Kind() {
		case '{':
			ok := eachMember(src, start, func(name string, k span, valStart int) bool {
				if name == tok { // keep going: the last duplicate wins
					found, key, val.start = true, k, valStart
				}
				return true
			})
			if !ok {
				return span{}, span{}, false
			}
		case '[':
			want, err := strconv.Atoi(tok)
			if err != nil || want < 0 {
				return span{}, span{}, false
			}
			for i := 0; dec.PeekKind() != ']' && dec.PeekKind() != 0; i++ {
				if i == want {
					found = true
					key = span{}
					val.start = start + skipSpace(src[start:], int(dec.InputOffset()))
					break
				}
				if dec.SkipValue() != nil {
					return span{}, span{}, false
				}
			}
		}
		if !found {
			return span{}, span{}, false
		}
		start = val.start
	}
	start = body + skipSpace(src[body:], 0)
	if pointer != "" {
		start = val.start
	}
	raw, err := newDecoder(src[start:]).ReadValue()
	if err != nil {
		return span{}, span{}, false
	}
	return key, span{start, start + len(raw)}, true
}

// eachMember calls visit with the name, name span and value offset of each
// member of the object that starts at offset start, until visit returns false.
// It reports false when the object cannot be read.
func eachMember(src []byte, start int, visit func(name string, key span, valStart int) bool) bool {
	dec := newDecoder(src[start:])
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	for dec.PeekKind() == '"' {
		name, err := dec.ReadToken()
		if err != nil {
			return false
		}
		end := start + int(dec.InputOffset())
		if !visit(name.String(), span{openingQuote(src[:end]), end}, start+skipSpace(src[start:], end-start)) {
			return true
		}
		if dec.SkipValue() != nil {
			return false
		}
	}
	return true
}

func newDecoder(b []byte) *jsontext.Decoder {
	return jsontext.NewDecoder(bytes.NewBuffer(b), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// skipSpace returns the offset of the first byte at or after off in b that is
// not white space, a colon or a comma: the start of the next token.
func skipSpace(b []byte, off int) int {
	for off < len(b) {
		switch b[off] {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// skipWhite returns the offset of the first byte at or after off in b that is
// not JSON white space.
func skipWhite(b []byte, off int) int {
	for off < len(b) && (b[off] == ' ' || b[off] == '\t' || b[off] == '\n' || b[off] == '\r') {
		off++
	}
	return off
}

// openingQuote returns the offset of the opening quote of the JSON string that
// ends b.
func openingQuote(b []byte) int {
	for i := len(b) - 2; i >= 0; i-- {
		if b[i] != '"' {
			continue
		}
		backslashes := 0
		for j := i - 1; j >= 0 && b[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return i
		}
	}
	return 0
}

var pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")

// splitPointer splits an RFC 6901 JSON pointer into unescaped tokens.
func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	toks := strings.Split(p[1:], "/")
	for i, t := range toks {
		if strings.Contains(t, "~") {
			toks[i] = pointerUnescaper.Replace(t)
		}
	}
	return toks
}

// resolve turns a target into the byte span it covers.
func resolve(src []byte, body int, at lint.Target) (span, bool) {
	key, val, ok := locate(src, body, at.Pointer)
	if !ok {
		return span{}, false
	}
	switch {
	case at.Part == lint.PartKey && key != span{}:
		return key, true
	case at.Part == lint.PartMember && key != span{}:
		return span{key.start, val.end}, true
	}
	return val, true
}
