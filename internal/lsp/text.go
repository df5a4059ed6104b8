package lsp

import (
	"errors"
	"slices"
	"sort"
	"unicode/utf8"
)

// text is a document's bytes with the index that turns byte offsets into
// protocol positions and back. Lines end at \n, \r\n or \r, as the protocol
// says; characters are UTF-16 code units or, when negotiated, bytes.
type text struct {
	data   []byte
	starts []int  // byte offset of each line's start
	ascii  []bool // whether each line holds only ASCII: then a character is a byte
	utf8   bool   // positions count bytes, not UTF-16 units

	// With UTF-16 positions and non-ASCII text, blocks[k] is the number of
	// UTF-16 units of the characters that start before byte k*blockSize,
	// and lineUnits[i] that before line i starts: a position is then found
	// by counting at most a block, however long its line.
	blocks    []int
	lineUnits []int
}

const blockSize = 256

func newText(data []byte, utf8Positions bool) *text {
	t := &text{data: data, utf8: utf8Positions}
	t.index()
	return t
}

func (t *text) index() {
	t.starts = append(t.starts[:0], 0)
	t.ascii = t.ascii[:0]
	ascii := true
	d := t.data
	for i := 0; i < len(d); i++ {
		switch c := d[i]; {
		case c == '\n' || c == '\r':
			if c == '\r' && i+1 < len(d) && d[i+1] == '\n' {
				i++
			}
			t.ascii = append(t.ascii, ascii)
			t.starts = append(t.starts, i+1)
			ascii = true
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	t.ascii = append(t.ascii, ascii)
	t.blocks, t.lineUnits = t.blocks[:0], t.lineUnits[:0]
	if !t.utf8 && slices.Contains(t.ascii, false) {
		t.countUnits()
	}
}

func (t *text) countUnits() {
	d := t.data
	units, line := 0, 0
	for i := 0; i < len(d); {
		for len(t.blocks)*blockSize <= i {
			t.blocks = append(t.blocks, units)
		}
		for line < len(t.starts) && t.starts[line] <= i {
			t.lineUnits = append(t.lineUnits, units)
			line++
		}
		r, size := rune(d[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(d[i:])
		}
		units++
		if r >= 0x10000 {
			units++
		}
		i += size
	}
	for len(t.blocks)*blockSize <= len(d) {
		t.blocks = append(t.blocks, units)
	}
	for line < len(t.starts) {
		t.lineUnits = append(t.lineUnits, units)
		line++
	}
}

// unitsBefore is the number of UTF-16 units of the characters before
// offset, a character start.
func (t *text) unitsBefore(offset int) int {
	k := offset / blockSize
	from := k * blockSize
	for from < offset && !utf8.RuneStart(t.data[from]) {
		from++ // the character across the block's start is counted in it
	}
	return t.blocks[k] + t.units(t.data[from:offset])
}

// lineOf is the 0-based line holding the byte at offset.
func (t *text) lineOf(offset int) int {
	return sort.Search(len(t.starts), func(i int) bool { return t.starts[i] > offset }) - 1
}

// lineEnd is the offset of line's terminator (or of the end of the text).
func (t *text) lineEnd(line int) int {
	if line+1 >= len(t.starts) {
		return len(t.data)
	}
	start, end := t.starts[line], t.starts[line+1]
	if end > start && t.data[end-1] == '\n' {
		end--
	}
	if end > start && t.data[end-1] == '\r' {
		end--
	}
	return end
}

// units is how many position characters the bytes b take.
func (t *text) units(b []byte) int {
	if t.utf8 {
		return len(b)
	}
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2 // a surrogate pair
		} else {
			n++
		}
	}
	return n
}

// position is the protocol position of a byte offset, clamped to the text.
func (t *text) position(offset int) Position {
	offset = max(0, min(offset, len(t.data)))
	for offset > 0 && offset < len(t.data) && !utf8.RuneStart(t.data[offset]) {
		offset-- // inside a character: its start
	}
	line := t.lineOf(offset)
	start := t.starts[line]
	if t.ascii[line] || t.utf8 {
		return Position{line, offset - start}
	}
	return Position{line, t.unitsBefore(offset) - t.lineUnits[line]}
}

// rangeOf is the protocol range of the bytes [start, end).
func (t *text) rangeOf(start, end int) Range {
	return Range{t.position(start), t.position(end)}
}

// offset is the byte offset of a protocol position. A line past the end is
// the end of the text; a character past the line's end is the line's end;
// one inside a character is the start of that character.
func (t *text) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.starts) {
		return len(t.data)
	}
	start, end := t.starts[p.Line], t.lineEnd(p.Line)
	if t.ascii[p.Line] || t.utf8 {
		off := start + max(0, min(p.Character, end-start))
		for off > start && off < end && !utf8.RuneStart(t.data[off]) {
			off-- // utf-8 positions inside a character
		}
		return off
	}
	n, off := 0, start
	for off < end {
		r, size := utf8.DecodeRune(t.data[off:end])
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if n+w > p.Character {
			break
		}
		n += w
		off += size
	}
	return off
}

var errChangeRange = errors.New("change range outside the document")

// apply returns the text with one content change applied. t itself is not
// changed: a lint of it may be reading it.
func (t *text) apply(c ContentChange, limit int) (*text, error) {
	if c.Range == nil {
		if len(c.Text) > limit {
			return nil, errTooLarge
		}
		return newText([]byte(c.Text), t.utf8), nil
	}
	start, end := t.offset(c.Range.Start), t.offset(c.Range.End)
	if start > end {
		return nil, errChangeRange
	}
	size := len(t.data) - (end - start) + len(c.Text)
	if size > limit {
		return nil, errTooLarge
	}
	data := make([]byte, 0, size)
	data = append(data, t.data[:start]...)
	data = append(data, c.Text...)
	data = append(data, t.data[end:]...)
	return newText(data, t.utf8), nil
}

var errTooLarge = errors.New("document larger than the server keeps")
