package lint

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brazelint/brazelint/internal/tape"
)

// TestNeedsNamed checks that every rule's needs are names with a bit: a
// name without one would make the rule run on every payload, unnoticed.
func TestNeedsNamed(t *testing.T) {
	if topNeeds[0] != "messages" {
		t.Fatal("present reads the messaging objects under the bit of topNeeds[0], which must be messages")
	}
	for _, r := range Rules {
		if r.needs != nil && len(r.needs) == 0 {
			t.Errorf("%s: needs is empty; leave it nil for a rule that runs on every payload", r.ID)
		}
		for _, n := range r.needs {
			if needBit(n) == 0 {
				t.Errorf("%s: needs %q, which has no bit in topNeeds or messageNeeds", r.ID, n)
			}
		}
	}
}

// TestNeedsSkipNoFinding holds every rule to its needs: on every payload of
// testdata, and again with each top-level member removed in turn, the rule
// reports the same with Run skipping it for lack of its needs as with Run
// never skipping it, on every endpoint it applies to.
func TestNeedsSkipNoFinding(t *testing.T) {
	var files []string
	err := filepath.WalkDir(filepath.Join("..", "testdata"), func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("only %d payloads under testdata", len(files))
	}
	var checked []*Rule
	for _, r := range Rules {
		if r.needs != nil {
			checked = append(checked, r)
		}
	}
	fired := map[*Rule]int{}
	now := time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	tp := new(tape.Tape)
	d := NewDoc(tp)
	findings := func(r *Rule, ep Endpoint) []Finding {
		var got []Finding
		Run([]*Rule{r}, ep, d, now, func(f Finding) {
			f.Rule = nil // the rule and its copy without needs are two
			got = append(got, f)
		})
		return got
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if tp.Scan(src, 0, 64) != nil || tp.Nodes[0].Kind != tape.Object {
			continue
		}
		members := 0
		for k := int32(1); k < tp.Nodes[0].Next; k = tp.Nodes[k].Next {
			members++
		}
		if members > 40 {
			members = 0 // a payload made large on purpose: as written only
		}
		// Variant -1 is the payload as written; variant i removes the
		// root's member i.
		for removed := -1; removed < members; removed++ {
			tp.Scan(src, 0, 64)
			d.Reset(tp)
			if removed >= 0 {
				k := int32(1)
				for range removed {
					k = tp.Nodes[k].Next
				}
				d.Remove(k)
			}
			for _, r := range checked {
				always := *r
				always.needs = nil
				for _, ep := range DefaultEndpoints.Endpoints() {
					if !r.AppliesTo(ep) {
						continue
					}
					want := findings(&always, ep)
					got := findings(r, ep)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s on %s (%s, root member %d removed): skipped for its needs %q, it reports %d findings; run, %d",
							r.ID, file, ep, removed, r.needs, len(got), len(want))
					}
					fired[r] += len(got)
				}
			}
		}
	}
	for _, r := range checked {
		if fired[r] == 0 {
			t.Errorf("%s reports nothing on the payloads of testdata: its needs went unchecked", r.ID)
		}
	}
}
