package validate

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/brazelint/brazelint/lint"
)

// Record is one payload of an NDJSON stream that has diagnostics.
type Record struct {
	Line   int    // 1-based line of the payload in the stream
	Offset int    // byte offset of the line in the stream
	Text   []byte // the line, without its line break; valid only during the callback
	// Diagnostics are positioned in the whole stream: lines are the stream's
	// lines and offsets its byte offsets, so an editor jumps to the right place.
	Diagnostics []lint.Diagnostic
}

// NDJSON validates newline-delimited JSON: each line of r is one payload.
// Lines that hold only white space are skipped; fn is called for every payload
// with diagnostics, in stream order.
//
// The stream is read one line at a time; a line longer than MaxBytes is read
// no further than the limit and reported as input-too-large, so memory stays
// bounded however large the stream is. NDJSON returns the first error from r
// or from fn.
func NDJSON(ep Endpoint, r io.Reader, fn func(Record) error) error {
	return Config{}.NDJSON(ep, r, fn)
}

// NDJSON is the package-level NDJSON with c's limits.
func (c Config) NDJSON(ep Endpoint, r io.Reader, fn func(Record) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	limit := c.maxBytes() + 1 // one byte past the limit is enough to report it
	var buf []byte
	offset, line := 0, 1 // of the current line in the stream
	for {
		buf = buf[:0]
		n := 0 // bytes of the line, newline included
		// Lone carriage returns in the whole line, counted as it is read:
		// the part of an over-long line past the limit is not kept, but its
		// line breaks still move the lines after it.
		loneCRs, pendingCR := 0, false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			n += len(chunk)
			loneCRs, pendingCR = countLoneCRs(chunk, loneCRs, pendingCR)
			if room := limit - len(buf); room > 0 {
				buf = append(buf, chunk[:min(len(chunk), room)]...)
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		// Only the line break goes: a lone \r before \r\n is a line break of
		// its own to an editor, and stays in the payload to be counted.
		payload := bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte{'\n'}), []byte{'\r'})
		if len(bytes.TrimSpace(payload)) > 0 {
			if diags := c.Bytes(ep, payload); len(diags) > 0 {
				relocate(diags, payload, line, offset)
				if ferr := fn(Record{Line: line, Offset: offset, Text: payload, Diagnostics: diags}); ferr != nil {
					return ferr
				}
			}
		}
		offset += n
		// A lone \r inside a payload is white space to JSON but a line break
		// to editors, as in Bytes.
		line += 1 + loneCRs
		if err == io.EOF {
			return nil
		}
	}
}

// countLoneCRs adds to count the carriage returns in chunk, a piece of one
// line, that no line feed follows; pending says the previous piece ended in
// one, which this piece's first byte decides. A \r that ends the last piece
// of a line is its line break's (\r\n) or ends the stream: not counted.
func countLoneCRs(chunk []byte, count int, pending bool) (int, bool) {
	if len(chunk) == 0 {
		return count, pending
	}
	if pending && chunk[0] != '\n' {
		count++
	}
	count += bytes.Count(chunk, []byte{'\r'}) - bytes.Count(chunk, []byte("\r\n"))
	if chunk[len(chunk)-1] == '\r' {
		return count - 1, true
	}
	return count, false
}

// relocate moves positions within one line's payload to positions in the
// stream. Lines and columns are counted again over the payload: an editor
// hides a byte order mark only at the start of the stream, not at the start
// of a later line, where Bytes would have hidden it too.
func relocate(diags []lint.Diagnostic, payload []byte, line, offset int) {
	// Only a byte order mark after the start of the stream changes columns;
	// otherwise the payload's own positions need only moving.
	var l *lines
	if offset > 0 && bytes.HasPrefix(payload, bom) {
		l = newLines(payload, 0)
	}
	move := func(p *lint.Position) {
		if l != nil {
			*p = l.position(p.Offset)
		}
		p.Line += line - 1
		p.Offset += offset
	}
	for i := range diags {
		d := &diags[i]
		move(&d.Start)
		move(&d.End)
		for j := range d.Related {
			move(&d.Related[j].Start)
			move(&d.Related[j].End)
		}
		for j := range d.Fixes {
			for k := range d.Fixes[j].Edits {
				move(&d.Fixes[j].Edits[k].Start)
				move(&d.Fixes[j].Edits[k].End)
			}
		}
	}
}
