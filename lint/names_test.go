package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/tape"
)

func TestNameTable(t *testing.T) {
	names := append(topNeeds[:], messageNeeds[:]...)
	table := newNameTable(names...)
	for i, n := range names {
		if got := table.index(n); got != i {
			t.Errorf("index(%q) = %d, want %d", n, got, i)
		}
		for _, other := range []string{n + "s", n[1:], strings.ToUpper(n), ""} {
			if got := table.index(other); got >= 0 && names[got] != other {
				t.Errorf("index(%q) = %d, which is %q", other, got, names[got])
			}
		}
	}
}

// TestDetectDocAsDetect holds DetectDoc to Detect asking whether each member
// is there and not null, on every payload of testdata and on payloads that
// repeat, escape or null their marking members.
func TestDetectDocAsDetect(t *testing.T) {
	payloads := []string{
		`{}`, `[]`, `{"messages": null, "recipients": []}`, `{"recipients": [], "recipients": null}`,
		`{"recipients": null, "recipients": []}`, `{"sch\u0065dule": {}, "messages": {}}`,
		`{"canvas_id": "c", "schedule": {}, "recipients": [], "broadcast": true}`, `{"recipient": {}}`,
	}
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".json") {
			b, err := os.ReadFile(path)
			payloads = append(payloads, string(b))
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tp := new(tape.Tape)
	d := NewDoc(tp)
	detected := 0
	for _, p := range payloads {
		if tp.Scan([]byte(p), 0, 64) != nil {
			continue
		}
		d.Reset(tp)
		wantEp, wantOK := DefaultEndpoints.Detect(func(name string) bool {
			v := d.Root().Get(name)
			return v.Exists() && !v.IsNull()
		})
		gotEp, gotOK := DefaultEndpoints.DetectDoc(d)
		if gotEp != wantEp || gotOK != wantOK {
			t.Errorf("DetectDoc(%.80s) = %q, %v; Detect says %q, %v", p, gotEp, gotOK, wantEp, wantOK)
		}
		if gotOK {
			detected++
		}
	}
	if detected < 100 {
		t.Errorf("only %d payloads detected", detected)
	}
}

func TestSameRules(t *testing.T) {
	a, b := Rules[:3], []*Rule{Rules[0], Rules[1], Rules[2]}
	for _, tc := range []struct {
		x, y []*Rule
		want bool
	}{
		{nil, nil, true}, {nil, []*Rule{}, true}, {a, b, true}, {a, b[:2], false},
		{a, []*Rule{Rules[0], Rules[1], Rules[3]}, false}, {[]*Rule{nil}, []*Rule{Rules[0]}, false},
	} {
		if got := sameRules(tc.x, tc.y); got != tc.want {
			t.Errorf("sameRules(%d rules, %d rules) = %v, want %v", len(tc.x), len(tc.y), got, tc.want)
		}
	}
}
