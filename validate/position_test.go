package validate

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint"
)

// TestColumnsASCIIOrNot holds every diagnostic's columns to the code
// points from its line's start, on payloads that are ASCII (where a column is
// a byte) and payloads that are not, the non-ASCII byte on the finding's line,
// on a line before it, or only spelled by an escape.
func TestColumnsASCIIOrNot(t *testing.T) {
	for _, src := range []string{
		`{"external_user_ids":["u"],"messages":{"sms":{"body":"hello","app_id":1}}}`,
		`{"external_user_ids":["u"],"messages":{"sms":{"body":"héllo 😀","app_id":1}}}`,
		`{"external_user_ids":["u"],"messages":{"sms":{"body":"h\u00e9llo","app_id":1}}}`,
		"{\"external_user_ids\": [\"u\"],\r\n \"messages\": {\"sms\": {\"body\": \"hello\",\n  \"app_id\": 1}}}",
		"{\"external_user_ids\": [\"ü\"],\r\n \"messages\": {\"sms\": {\"body\": \"héllo\",\n  \"app_id\": 1}}}",
		"{\"external_user_ids\": [\"ü\"],\r\n \"messages\": {\"sms\": {\"body\": \"héllo\", \"app_id\": 1}}}",
	} {
		data := []byte(src)
		diags := Bytes(Auto, data)
		if len(diags) == 0 {
			t.Fatalf("%q: no diagnostics to check", src)
		}
		for _, d := range diags {
			for _, p := range []lint.Position{d.Start, d.End} {
				lineStart := max(bytes.LastIndexAny(data[:p.Offset], "\r\n")+1, 0)
				want := utf8.RuneCount(data[lineStart:p.Offset]) + 1
				if p.Column != want || p.Line != 1+bytes.Count(data[:p.Offset], []byte("\n")) {
					t.Errorf("%q: %s at offset %d is %d:%d, want column %d", src, d.Rule, p.Offset, p.Line, p.Column, want)
				}
			}
		}
	}
}
