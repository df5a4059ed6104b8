package validate

import (
	"sort"
	"unicode/utf8"

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
}

// newLines indexes src. bodyStart is where the JSON text starts: a byte order
// mark before it takes no column, as editors hide it.
func newLines(src []byte, bodyStart int) *lines {
	l := &lines{src: src, starts: []int{bodyStart}}
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
	return l
}

func (l *lines) position(off int) lint.Position {
	off = min(max(off, 0), len(l.src))
	line := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	line = max(line, 0)
	start, col := l.starts[line], 1
	// Count from the last position asked for when it is on this line and
	// before off: diagnostics ask in order, and an NDJSON payload is one
	// long line.
	if last := l.last; last.Line == line+1 && last.Offset <= off && last.Offset >= start &&
		(last.Offset == len(l.src) || utf8.RuneStart(l.src[last.Offset])) {
		start, col = last.Offset, last.Column
	}
	if off > start {
		col += utf8.RuneCount(l.src[start:off])
	}
	l.last = lint.Position{Offset: off, Line: line + 1, Column: col}
	return l.last
}
