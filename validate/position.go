package validate

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/brazelint/brazelint/internal/runes"
	"github.com/brazelint/brazelint/lint"
)

// lines turns byte offsets into line:column positions. Lines end at \n, \r\n or
// a lone \r, as in editors (LSP); columns count code points, and a byte that is
// not UTF-8 counts as one. It is built on the first diagnostic, never for a
// clean payload.
type lines struct {
	src    []byte
	starts []int // byte offset of each line's first column
	last   lint.Position
	// validUTF8 says src passed the strict scan, which reads every byte
	// as UTF-8: columns are then counted a word at a time.
	validUTF8 bool
	// ascii says, with validUTF8, that the scan found no byte at or above
	// 0x80 in the JSON text: each byte is then a column. oneLine says, with
	// validUTF8, that the scan read no line break in it.
	ascii, oneLine bool
}

// newLines indexes src. bodyStart is where the JSON text starts: a byte order
// mark before it takes no column, as editors hide it.
func newLines(src []byte, bodyStart int) *lines {
	l := new(lines)
	l.reset(src, bodyStart)
	return l
}

// reset indexes src, as newLines does, into l's memory.
func (l *lines) reset(src []byte, bodyStart int) {
	*l = lines{src: src, starts: append(l.starts[:0], bodyStart), validUTF8: l.validUTF8, ascii: l.ascii, oneLine: l.oneLine}
	if l.oneLine && l.validUTF8 {
		return
	}
	if bytes.IndexByte(src[bodyStart:], '\r') < 0 {
		// The common case, read a vector at a time: no \r, lines end at \n.
		for i := bodyStart; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				return
			}
			i += j + 1
			l.starts = append(l.starts, i)
		}
	}
	for i := bodyStart; i < len(src); i++ {
		switch src[i] {
		case '\n':
			l.starts = append(l.starts, i+1)
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			l.starts = append(l.starts, i+1)
		}
	}
}

func (l *lines) position(off int) lint.Position {
	off = min(max(off, 0), len(l.src))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	line = max(line, 0)
	start, col := l.starts[line], 1
	if l.ascii && l.validUTF8 {
		return lint.Position{Offset: off, Line: line + 1, Column: col + max(off-start, 0)}
	}
	// Count from the last position asked for when it is on this line:
	// diagnostics ask in order, and an NDJSON payload is one long line. A
	// position a little before it (a finding's fix after its end, a finding
	// overlapping the one before) counts back from it and leaves it in place,
	// so the next finding still counts on from the furthest point.
	if last := l.last; last.Line == line+1 && last.Offset >= start && l.runeStart(last.Offset) {
		if last.Offset <= off {
			start, col = last.Offset, last.Column
		} else if last.Offset-off < off-start && l.runeStart(off) {
			// A rune start is a boundary of every decoding from the
			// line's start, so the counts on either side of it add up.
			return lint.Position{Offset: off, Line: line + 1, Column: last.Column - l.count(off, last.Offset)}
		}
	}
	if off > start {
		col += l.count(start, off)
	}
	p := lint.Position{Offset: off, Line: line + 1, Column: col}
	if l.last.Line != line+1 || off >= l.last.Offset {
		l.last = p
	}
	return p
}

// count is the number of code points in src[from:to]. Cut at code point
// boundaries out of valid UTF-8, it is valid UTF-8 itself, which counts a
// word at a time; cut inside one, its bytes count as utf8.RuneCount counts
// them.
func (l *lines) count(from, to int) int {
	if l.validUTF8 && l.runeStart(from) && l.runeStart(to) {
		return runes.CountValid(l.src[from:to])
	}
	return runes.Count(l.src[from:to])
}

func (l *lines) runeStart(off int) bool { return off == len(l.src) || utf8.RuneStart(l.src[off]) }
