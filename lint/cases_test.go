package lint_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// TestRuleCases runs every rule's cases under testdata/rules/<id>/ through the
// library, so `go test ./lint/...` fails where a rule breaks: each bad*.json
// reports the rule, each good*.json reports nothing at all. (The command's
// golden test checks the same files' exact output.)
func TestRuleCases(t *testing.T) {
	for _, r := range lint.Rules {
		if r == lint.SchemaMismatch {
			continue // the fallback no current schema keyword reaches; validate's mapping test covers it
		}
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "rules", r.ID)
			bad, _ := filepath.Glob(filepath.Join(dir, "bad*.json"))
			good, _ := filepath.Glob(filepath.Join(dir, "good*.json"))
			if len(bad) == 0 || len(good) == 0 {
				t.Fatalf("%s needs at least one bad*.json and one good*.json", dir)
			}
			for _, f := range bad {
				if !reports(check(t, f), r.ID) {
					t.Errorf("%s does not report %s", f, r.ID)
				}
			}
			for _, f := range good {
				for _, d := range check(t, f) {
					t.Errorf("%s is not clean: %d:%d %s (%s)", f, d.Start.Line, d.Start.Column, d.Message, d.Rule)
				}
			}
		})
	}
}

func check(t *testing.T, file string) []lint.Diagnostic {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return validate.Config{Now: lintTime}.Bytes(validate.Auto, data)
}

// lintTime is the lint time of the rule cases: the testdata's schedules
// are written against it (the command's tests fix the same time).
func lintTime() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }

func reports(ds []lint.Diagnostic, rule string) bool {
	for _, d := range ds {
		if d.Rule == rule {
			return true
		}
	}
	return false
}
