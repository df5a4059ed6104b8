package validate

import (
	"bytes"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/brazelint/brazelint/internal/jsonpointer"
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
	for _, tok := range jsonpointer.Split(pointer) {
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

// locator resolves the targets of one payload's findings. Findings often
// share a place (several Liquid findings in one string), so it remembers what
// it found.
type locator struct {
	src  []byte
	body int
	// dups is whether the payload has duplicate member names: without them
	// the first match is the member, and the rest of each object is not read.
	dups bool
	memo map[string]located
	// texts are the offset maps of the long strings findings point into,
	// by the string's offset, each built once for all its findings.
	texts map[int]*textIndex
}

type located struct {
	key, val span
	ok       bool
}

func newLocator(src []byte, body int, dups bool) *locator {
	return &locator{src: src, body: body, dups: dups}
}

// resolve turns a target into the byte span it covers.
func (l *locator) resolve(at lint.Target) (span, bool) {
	loc, seen := l.memo[at.Pointer]
	if !seen {
		if l.dups {
			loc.key, loc.val, loc.ok = locate(l.src, l.body, at.Pointer)
		} else {
			loc.key, loc.val, loc.ok = locateFirst(l.src, l.body, at.Pointer)
		}
		if l.memo == nil {
			l.memo = map[string]located{}
		}
		l.memo[at.Pointer] = loc
	}
	if !loc.ok {
		return span{}, false
	}
	key, val, src := loc.key, loc.val, l.src
	switch {
	case at.Part == lint.PartText:
		if val.end-val.start < textIndexMin || src[val.start] != '"' {
			return textSpan(src, val, at.Start, at.End), true
		}
		x := l.texts[val.start]
		if x == nil {
			if l.texts == nil {
				l.texts = map[int]*textIndex{}
			}
			x = newTextIndex(src, val)
			l.texts[val.start] = x
		}
		return x.span(src, at.Start, at.End), true
	case at.Part == lint.PartKey && key != span{}:
		return key, true
	case at.Part == lint.PartMember && key != span{}:
		return span{key.start, val.end}, true
	}
	return val, true
}

// locateFirst is locate for a payload without duplicate names: one decoder
// walks down to the member, reading no further than it.
func locateFirst(src []byte, body int, pointer string) (key, val span, ok bool) {
	dec := newDecoder(src[body:])
	for _, tok := range jsonpointer.Split(pointer) {
		switch dec.PeekKind() {
		case '{':
			if _, err := dec.ReadToken(); err != nil {
				return span{}, span{}, false
			}
			found := false
			for !found && dec.PeekKind() == '"' {
				name, err := dec.ReadValue()
				if err != nil {
					return span{}, span{}, false
				}
				end := body + int(dec.InputOffset())
				if nameIs(name, tok) {
					key, found = span{end - len(name), end}, true
				} else if dec.SkipValue() != nil {
					return span{}, span{}, false
				}
			}
			if !found {
				return span{}, span{}, false
			}
		case '[':
			want, err := strconv.Atoi(tok)
			if err != nil || want < 0 {
				return span{}, span{}, false
			}
			if _, err := dec.ReadToken(); err != nil {
				return span{}, span{}, false
			}
			for range want {
				if dec.PeekKind() == ']' || dec.SkipValue() != nil {
					return span{}, span{}, false
				}
			}
			if dec.PeekKind() == ']' {
				return span{}, span{}, false
			}
			key = span{}
		default:
			return span{}, span{}, false
		}
	}
	start := body + skipSpace(src[body:], int(dec.InputOffset()))
	raw, err := dec.ReadValue()
	if err != nil {
		return span{}, span{}, false
	}
	return key, span{start, start + len(raw)}, true
}

// nameIs reports whether the quoted JSON name is tok.
func nameIs(quoted jsontext.Value, tok string) bool {
	raw := quoted[1 : len(quoted)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw) == tok
	}
	b, err := jsontext.AppendUnquote(nil, quoted)
	return err == nil && string(b) == tok
}
