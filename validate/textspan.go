package validate

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/brazelint/brazelint/internal/tape"
)

// textSpan maps the byte range [start, end) of the decoded string whose JSON
// text is src[val.start:val.end] to a range of src, through the escapes: `\n`
// is one byte of the string and two of the file, `\ud83d\ude00` four and
// twelve. Offsets past the string clamp to its closing quote.
func textSpan(src []byte, val span, start, end int) span {
	raw := src[val.start:val.end]
	if len(raw) < 2 || raw[0] != '"' {
		return val
	}
	return span{val.start + textOffset(raw, textMark{1, 0}, start, false), val.start + textOffset(raw, textMark{1, 0}, end, true)}
}

// textMark is a character boundary of a JSON string: the offset in its text
// and in the decoded string.
type textMark struct{ raw, decoded int }

// textOffset walks the JSON string raw from the boundary from, which is at or
// before the decoded offset target, and returns target's offset in raw. An
// offset inside a character takes all of it: its start for the start of a
// range, its end for the end (atEnd). Past the string is the closing quote.
func textOffset(raw []byte, from textMark, target int, atEnd bool) int {
	i, decoded := from.raw, from.decoded
	for i < len(raw)-1 {
		if decoded == target {
			return i
		}
		n, size := escapeStep(raw, i)
		if target > decoded && target < decoded+size {
			if atEnd {
				return i + n
			}
			return i
		}
		i += n
		decoded += size
	}
	return len(raw) - 1
}

// escapeStep returns the bytes of the file and of the decoded string of the
// character at raw[i], raw being a JSON string with its quotes.
func escapeStep(raw []byte, i int) (n, size int) {
	switch {
	case raw[i] == '\\' && i+1 < len(raw)-1 && raw[i+1] == 'u':
		r1, ok := tape.Hex4(raw[i+2:])
		n = 6
		r := r1
		if utf16.IsSurrogate(r) {
			r = utf8.RuneError // a lone surrogate decodes as U+FFFD
			if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
				if r2, ok2 := tape.Hex4(raw[i+8:]); ok2 {
					if pair := utf16.DecodeRune(r1, r2); pair != utf8.RuneError {
						r, n = pair, 12
					}
				}
			}
		}
		size = utf8.RuneLen(r)
		if !ok || size < 0 {
			size = 3
		}
		return n, size
	case raw[i] == '\\':
		return 2, 1
	}
	if _, w := utf8.DecodeRune(raw[i:]); w > 1 {
		return w, w
	}
	return 1, 1
}

// textIndex maps offsets of one long JSON string like textSpan, for a string
// with many findings: it marks a character boundary every textMarkEvery bytes
// once, and each lookup walks from the nearest mark, so n findings in a string
// of m bytes cost m plus n short walks, not n·m.
type textIndex struct {
	val   span
	marks []textMark // ascending in both offsets; marks[0] is the first character
}

const textMarkEvery = 64

// textIndexMin is the length of JSON text from which a string's lookups go
// through a textIndex: shorter strings are walked whole each time.
const textIndexMin = 4 * textMarkEvery

func newTextIndex(src []byte, val span) *textIndex {
	raw := src[val.start:val.end]
	x := &textIndex{val: val, marks: make([]textMark, 0, len(raw)/textMarkEvery+1)}
	i, decoded := 1, 0
	for i < len(raw)-1 {
		if m := len(x.marks); m == 0 || i-x.marks[m-1].raw >= textMarkEvery {
			x.marks = append(x.marks, textMark{i, decoded})
		}
		n, size := escapeStep(raw, i)
		i += n
		decoded += size
	}
	return x
}

// span is textSpan(src, x.val, start, end).
func (x *textIndex) span(src []byte, start, end int) span {
	raw := src[x.val.start:x.val.end]
	return span{x.val.start + textOffset(raw, x.near(start), start, false), x.val.start + textOffset(raw, x.near(end), end, true)}
}

// near returns the last mark at or before the decoded offset target.
func (x *textIndex) near(target int) textMark {
	k := sort.Search(len(x.marks), func(k int) bool { return x.marks[k].decoded > target })
	if k == 0 {
		return textMark{1, 0}
	}
	return x.marks[k-1]
}
