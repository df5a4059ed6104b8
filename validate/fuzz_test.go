package validate

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint"
)

// seedPayloads adds the testdata payloads up to 64 KB to a fuzz corpus.
func seedPayloads(f *testing.F, add func(data []byte)) {
	filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			if info, _ := d.Info(); info != nil && info.Size() <= 64<<10 {
				data, _ := os.ReadFile(path)
				add(data)
			}
		}
		return nil
	})
}

// FuzzBytes checks, on any input and every endpoint (the two by the flag,
// the others as detected): no panic; every
// diagnostic's offsets lie inside the input and its line:column agree with
// them (as an editor counts); the result is deterministic; and a clean
// payload stays clean once re-encoded compactly.
func FuzzBytes(f *testing.F) {
	seedPayloads(f, func(data []byte) { f.Add(data, false) })
	f.Fuzz(func(t *testing.T, data []byte, trigger bool) {
		ep := MessagesSend
		if trigger {
			ep = CampaignsTriggerSend
		}
		c := Config{MaxBytes: 1 << 20, MaxDepth: 64}
		diags := c.Bytes(ep, data)
		checkPositions(t, data, diags)
		// Auto reaches every endpoint of the table the input is detected as.
		checkPositions(t, data, c.Bytes(Auto, data))
		if again := c.Bytes(ep, data); !reflect.DeepEqual(diags, again) {
			t.Fatalf("two runs differ:\n%v\n%v", diags, again)
		}
		if len(diags) == 0 {
			var compact bytes.Buffer
			if err := json.Compact(&compact, data); err != nil {
				t.Fatalf("a clean payload does not compact: %v", err)
			}
			for _, d := range c.Bytes(ep, compact.Bytes()) {
				if d.Severity == lint.Error {
					t.Fatalf("clean, but compacted it has %s at %s: %s", d.Rule, d.Pointer, d.Message)
				}
			}
		}
	})
}

// FuzzNDJSON checks the NDJSON reader on any stream: no panic, and every
// diagnostic located inside the stream, its line:column agreeing with its
// offset in the whole stream, lines in increasing order.
func FuzzNDJSON(f *testing.F) {
	var lines [][]byte
	seedPayloads(f, func(data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) == nil && compact.Len() < 4096 {
			lines = append(lines, compact.Bytes())
		}
	})
	for i := 0; i+3 <= len(lines); i += 3 {
		f.Add(bytes.Join(lines[i:i+3], []byte("\n")))
	}
	f.Add([]byte("{}\r\n\r\n  \n{\"a\":\r1}\r\r\n\xef\xbb\xbf{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		err := Config{MaxBytes: 2048, MaxDepth: 32}.NDJSON(Auto, bytes.NewReader(data), func(r Record) error {
			if r.Line <= last {
				t.Fatalf("record on line %d after line %d", r.Line, last)
			}
			last = r.Line
			if r.Offset < 0 || r.Offset+len(r.Text) > len(data) {
				t.Fatalf("record at %d (+%d) outside the %d-byte stream", r.Offset, len(r.Text), len(data))
			}
			checkPositions(t, data, r.Diagnostics)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// checkPositions holds every position of diags (start, end, related, fix
// edits) to the input: inside it, and with the line and column an editor
// shows for the offset.
func checkPositions(t *testing.T, data []byte, diags []lint.Diagnostic) {
	t.Helper()
	check := func(what string, p lint.Position) {
		if p.Offset < 0 || p.Offset > len(data) {
			t.Fatalf("%s offset %d outside the %d-byte input", what, p.Offset, len(data))
		}
		if line, col := editorPosition(data, p.Offset); line != p.Line || col != p.Column {
			t.Fatalf("%s at offset %d is %d:%d, an editor shows %d:%d", what, p.Offset, p.Line, p.Column, line, col)
		}
	}
	for _, d := range diags {
		check(d.Rule+" start", d.Start)
		check(d.Rule+" end", d.End)
		if d.Start.Offset > d.End.Offset {
			t.Fatalf("%s ends at %d before it starts at %d", d.Rule, d.End.Offset, d.Start.Offset)
		}
		for _, r := range d.Related {
			check(d.Rule+" related", r.Start)
			check(d.Rule+" related end", r.End)
		}
		for _, fix := range d.Fixes {
			for _, e := range fix.Edits {
				check(d.Rule+" fix", e.Start)
				check(d.Rule+" fix end", e.End)
			}
		}
	}
}

// editorPosition is the 1-based line and column of a byte offset as an
// editor counts them: lines end at \n, \r\n or a lone \r; columns count code
// points, an invalid byte as one; a byte order mark at the start of the input
// takes no column.
func editorPosition(data []byte, off int) (line, col int) {
	line, start := 1, 0
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	for i := start; i < off && i < len(data); i++ {
		switch data[i] {
		case '\n':
			line, start = line+1, i+1
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				if i+1 >= off {
					break // the offset is inside the pair: still this line
				}
				i++
			}
			line, start = line+1, i+1
		}
	}
	if off <= start {
		return line, 1
	}
	return line, 1 + utf8.RuneCount(data[start:off])
}
