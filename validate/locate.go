package validate

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

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
		return textSpan(src, val, at.Start, at.End), true
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

// textSpan maps the byte range [start, end) of the decoded string whose JSON
// text is src[val.start:val.end] to a range of src, through the escapes: `\n`
// is one byte of the string and two of the file, `\ud83d\ude00` four and
// twelve. Offsets past the string clamp to its closing quote.
func textSpan(src []byte, val span, start, end int) span {
	raw := src[val.start:val.end]
	if len(raw) < 2 || raw[0] != '"' {
		return val
	}
	out := span{val.end - 1, val.end - 1}
	decoded := 0
	for i := 1; i < len(raw)-1; {
		if decoded == start {
			out.start = val.start + i
		}
		if decoded == end {
			out.end = val.start + i
			return out
		}
		n, size := 1, 1 // bytes of the file, bytes of the string
		switch {
		case raw[i] == '\\' && i+1 < len(raw)-1 && raw[i+1] == 'u':
			r1, ok := hex4(raw[i+2:])
			n = 6
			r := rune(r1)
			if utf16.IsSurrogate(r) {
				r = utf8.RuneError // a lone surrogate decodes as U+FFFD
				if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
					if r2, ok2 := hex4(raw[i+8:]); ok2 {
						if pair := utf16.DecodeRune(rune(r1), rune(r2)); pair != utf8.RuneError {
							r, n = pair, 12
						}
					}
				}
			}
			size = utf8.RuneLen(r)
			if !ok || size < 0 {
				size = 3
			}
		case raw[i] == '\\':
			n = 2
		default:
			if _, w := utf8.DecodeRune(raw[i:]); w > 1 {
				n, size = w, w
			}
		}
		if start > decoded && start < decoded+size { // inside a character: take all of it
			out.start = val.start + i
		}
		if end > decoded && end < decoded+size {
			out.end = val.start + i + n
			return out
		}
		i += n
		decoded += size
	}
	if decoded <= start {
		out.start = val.end - 1
	}
	return out
}

// hex4 reads four hex digits.
func hex4(b []byte) (uint16, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var v uint16
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint16(c)
	}
	return v, true
}
