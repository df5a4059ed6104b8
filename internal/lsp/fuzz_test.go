package lsp

import (
	"testing"
	"unicode/utf8"
)

// FuzzText: reading a cursor never panics on any text, and a position
// names the offset it came from, in either encoding.
func FuzzText(f *testing.F) {
	f.Add([]byte(brokenPayload), 60)
	f.Add([]byte("{\"a\r\n\": [\"é🎉\\\"\", tr\r{"), 7)
	f.Add([]byte("\xff\xfe{\"\xc3"), 3)
	f.Fuzz(func(t *testing.T, data []byte, at int) {
		if len(data) > 1<<16 {
			return
		}
		off := 0
		if len(data) > 0 {
			off = (at%(len(data)+1) + len(data) + 1) % (len(data) + 1)
		}
		locate(data, off, true)
		locate(data, off, false)
		for _, enc := range []bool{false, true} {
			tx := newText(data, enc)
			if off < len(data) && (!utf8.RuneStart(data[off]) || data[off] == '\n' && off > 0 && data[off-1] == '\r') {
				continue
			}
			if !utf8.Valid(data[:off]) {
				continue // the editor's text is always UTF-8
			}
			if got := tx.offset(tx.position(off)); got != off {
				t.Fatalf("utf8=%v: offset(position(%d)) = %d", enc, off, got)
			}
		}
	})
}
