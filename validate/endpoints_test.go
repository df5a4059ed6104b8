package validate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint"
)

// TestFindingsComeFromDeclaredEndpoints runs every testdata payload for the
// endpoint it is detected as and checks that each finding's rule declares
// that endpoint: `brazelint rules`, explain and the README's rule table show
// the declaration, so a rule that fires elsewhere misleads them all.
func TestFindingsComeFromDeclaredEndpoints(t *testing.T) {
	checked := 0
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		ep, ok := Detect(data)
		if !ok {
			return nil
		}
		checked++
		for _, diag := range Bytes(ep, data) {
			r := lint.RuleByID(diag.Rule)
			if r == nil {
				t.Errorf("%s: finding of unknown rule %s", path, diag.Rule)
			} else if !r.AppliesTo(ep) {
				t.Errorf("%s: %s fires on %s, which the rule does not declare (Endpoints %v)", path, diag.Rule, ep.Path(), r.Endpoints)
			}
		}
		return nil
	})
	if err != nil || checked < 100 {
		t.Fatalf("checked %d testdata payloads: %v", checked, err)
	}
}
