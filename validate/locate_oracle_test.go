package validate

import (
	"strconv"

	"github.com/brazelint/brazelint/internal/jsonpointer"
)

// oracleLocate is the locator before the tape, kept as the test oracle: it
// finds the member or element at pointer in src, whose JSON text (known
// to parse) starts at body. It returns the span of the member's name (zero for
// array elements and the root) and of its value. As in the decoded tree, the
// last of duplicate names wins. Only diagnostics call it, so a clean payload
// never pays for locations.
func oracleLocate(src []byte, body int, pointer string) (key, val span, ok bool) {
	start := body
	for _, tok := range jsonpointer.Split(pointer) {
		dec := newDecoder(src[start:])
		open, err := dec.ReadToken()
		if err != nil {
			return span{}, span{}, false
		}
		found := false
		switch open.Kind() {
		case '{':
			ok := oracleEachMember(src, start, func(name string, k span, valStart int) bool {
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

// oracleEachMember calls visit with the name, name span and value offset of each
// member of the object that starts at offset start, until visit returns false.
// It reports false when the object cannot be read.
func oracleEachMember(src []byte, start int, visit func(name string, key span, valStart int) bool) bool {
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
