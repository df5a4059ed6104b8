package brazelint

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/brazelint/brazelint/lint"
)

// TestEveryRuleHasExamples checks that RuleExamples finds a pair for every
// rule with cases, and that each example is the file in testdata.
func TestEveryRuleHasExamples(t *testing.T) {
	for _, r := range lint.Rules {
		if _, err := os.Stat("testdata/rules/" + r.ID); err != nil {
			continue // schema-mismatch has no cases; TestEveryRuleHasCases in cmd/brazelint names who must
		}
		bad, good, ok := RuleExamples(r.ID)
		if !ok {
			t.Errorf("%s: no examples: testdata/rules/%s needs a bad.json and a good.json", r.ID, r.ID)
			continue
		}
		for _, ex := range []Example{bad, good} {
			onDisk, err := os.ReadFile(ex.Path)
			if err != nil {
				t.Errorf("%s: %v", r.ID, err)
			} else if ex.Text != nil && string(ex.Text) != string(onDisk) {
				t.Errorf("%s: the embedded %s differs from the file", r.ID, ex.Path)
			}
		}
		if bad.Text == nil && notEmbedded[r.ID] == "" {
			t.Errorf("%s: the failing example is missing", r.ID)
		}
	}
	if _, _, ok := RuleExamples("no-such-rule"); ok {
		t.Error("RuleExamples found examples for a rule that does not exist")
	}
}

// maxEmbedded is the budget for the embedded examples: a few hundred KiB. A
// case that needs to be large must be named other than bad.json or good.json
// (and listed in notEmbedded when it is the failing one).
const maxEmbedded = 512 << 10

func TestEmbeddedExamplesStaySmall(t *testing.T) {
	total := 0
	err := fs.WalkDir(ruleCases, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		total += int(info.Size())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if total > maxEmbedded {
		t.Errorf("the embedded examples take %d bytes, over the budget of %d: give large cases another name", total, maxEmbedded)
	}
	for id, path := range notEmbedded {
		if _, err := os.Stat(filepath.FromSlash(path)); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}
