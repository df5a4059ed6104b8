package validate

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/lint"
)

// TestNDJSONPositions checks that each line is validated as Bytes would, with
// positions moved to the stream: the same rules, lines counted in the stream,
// columns unchanged, and offsets that cut the same bytes out of the stream.
func TestNDJSONPositions(t *testing.T) {
	lines := []string{
		`{"broadcast": true, "external_user_ids": ["a"], ` + okSMS + `}`,
		``,
		`   `,
		`{"external_user_ids": ["a"], ` + okSMS + `}`, // clean
		`{"campaign_id": "x",`,
		`{"segment_id": "s", "segment_id": "t", ` + okSMS + `}`,
	}
	for _, eol := range []string{"\n", "\r\n"} {
		stream := strings.Join(lines, eol) + eol
		type got struct {
			Line  int
			Diags []lint.Diagnostic
		}
		var gots []got
		err := NDJSON(MessagesSend, strings.NewReader(stream), func(r Record) error {
			if string(r.Text) != lines[r.Line-1] {
				t.Errorf("record of line %d has text %q", r.Line, r.Text)
			}
			gots = append(gots, got{r.Line, r.Diagnostics})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{1, 5, 6}; len(gots) != len(want) {
			t.Fatalf("eol %q: payloads with findings %v, want lines %v", eol, gots, want)
		}
		for i, l := range lines {
			line := i + 1
			for _, g := range gots {
				if g.Line != line {
					continue
				}
				alone := Bytes(MessagesSend, []byte(l))
				if diff := cmp.Diff(view(alone), shiftView(view(g.Diags), line)); diff != "" {
					t.Errorf("eol %q line %d (-alone +stream):\n%s", eol, line, diff)
				}
				for j, d := range g.Diags {
					inStream := stream[d.Start.Offset:d.End.Offset]
					inLine := l[alone[j].Start.Offset:alone[j].End.Offset]
					if inStream != inLine {
						t.Errorf("line %d %s: stream span %q, line span %q", line, d.Rule, inStream, inLine)
					}
					for k, r := range d.Related {
						if r.Start.Line != line || stream[r.Start.Offset:r.End.Offset] != l[alone[j].Related[k].Start.Offset:alone[j].Related[k].End.Offset] {
							t.Errorf("line %d %s: related location %+v not moved to the stream", line, d.Rule, r)
						}
					}
				}
			}
		}
	}
}

// shiftView moves a stream view back to line 1 for comparison with Bytes.
func shiftView(v []at, line int) []at {
	for i := range v {
		v[i].Line -= line - 1
		v[i].EndLine -= line - 1
	}
	return v
}

// TestNDJSONLongLine checks that a line past the size limit is reported without
// being held whole, and that the lines after it are still checked.
func TestNDJSONLongLine(t *testing.T) {
	long := `{"segment_id": "` + strings.Repeat("x", 200_000) + `"}`
	stream := long + "\n" + `{"campaign_id": "x",` + "\n"
	var rules []string
	var lines []int
	err := Config{MaxBytes: 1000}.NDJSON(MessagesSend, strings.NewReader(stream), func(r Record) error {
		lines = append(lines, r.Line)
		for _, d := range r.Diagnostics {
			rules = append(rules, d.Rule)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"input-too-large", "json-syntax"}, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{1, 2}, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
}

// TestNDJSONLoneCR counts a lone carriage return inside a payload as a line
// break, as editors and Bytes do, so the lines after it stay right.
func TestNDJSONLoneCR(t *testing.T) {
	stream := "{\"campaign_id\":\r\"x\"}\n{\"campaign_id\": 1}\n"
	var lines []int
	NDJSON(CampaignsTriggerSend, strings.NewReader(stream), func(r Record) error {
		for _, d := range r.Diagnostics {
			lines = append(lines, d.Start.Line)
		}
		return nil
	})
	// Line 1 lacks broadcast or recipients (at 1:1); line 3 (after the lone
	// CR's line 2) has a number for campaign_id.
	for _, l := range lines {
		if l == 2 {
			t.Errorf("a diagnostic of the second payload is on line 2, want 3: %v", lines)
		}
	}
	if len(lines) == 0 || lines[len(lines)-1] != 3 {
		t.Errorf("lines %v: the second payload's findings should be on line 3", lines)
	}
}

// TestNDJSONLoneCRPastTheLimit: the lone carriage returns of an over-long
// line are line breaks too, past the limit and across the reader's 64 KiB
// pieces (a \r ending one piece, its \n starting the next): the payload
// after it is on the line an editor shows.
func TestNDJSONLoneCRPastTheLimit(t *testing.T) {
	for _, pad := range []int{0, 1, 62_023, 62_024, 62_025} {
		// 50 lone CRs past the limit, then a \r\n (at pad 62_024 its \r
		// ends the fourth 64 KiB piece), then a payload with a finding.
		long := `{"segment_id": "` + strings.Repeat("x", pad) + `",` + strings.Repeat(" \r", 50) + strings.Repeat(" ", 200_000) + "}"
		stream := long + "\r\n" + `{"campaign_id": 1, "broadcast": true}` + "\n"
		var lines []int
		err := Config{MaxBytes: 1000}.NDJSON(CampaignsTriggerSend, strings.NewReader(stream), func(r Record) error {
			lines = append(lines, r.Line)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int{1, 52}, lines); diff != "" {
			t.Errorf("pad %d: record lines (-want +got):\n%s", pad, diff)
		}
	}
}

func TestNDJSONErrors(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := NDJSON(Auto, strings.NewReader("{}\n{}\n"), func(Record) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("NDJSON = %v after %d calls; want fn's error after 1", err, calls)
	}
	readErr := errors.New("disk on fire")
	err = NDJSON(Auto, errReader{bytes.NewReader([]byte("{}\n")), readErr}, func(Record) error { return nil })
	if !errors.Is(err, readErr) {
		t.Errorf("NDJSON = %v, want the reader's error", err)
	}
}

type errReader struct {
	r   *bytes.Reader
	err error
}

func (e errReader) Read(p []byte) (int, error) {
	if e.r.Len() == 0 {
		return 0, e.err
	}
	return e.r.Read(p)
}
