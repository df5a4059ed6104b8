package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/lint"
)

// update rewrites the golden files instead of comparing: BRAZELINT_UPDATE=1 go test ./...
var update = os.Getenv("BRAZELINT_UPDATE") != ""

// lintFile runs the CLI on one file from the repository root, as
// `go run ./cmd/brazelint --no-config testdata/...` would, and returns its
// text output. --no-config keeps a .brazelint.yaml in a directory above the
// clone from changing the output.
func lintFile(t *testing.T, path string) (string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run([]string{"--no-config", path}, strings.NewReader(""), &stdout, &stderr)
	if code == exitTrouble {
		t.Fatalf("brazelint %s: exit 2: %s", path, stderr.String())
	}
	return stdout.String(), code
}

// testdataFiles lists every payload under testdata, relative to the root.
func testdataFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".json") {
			files = append(files, filepath.ToSlash(path))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// goldenPath maps testdata/x/y.json to golden/x/y.txt.
func goldenPath(file string) string {
	return "golden/" + strings.TrimSuffix(strings.TrimPrefix(file, "testdata/"), ".json") + ".txt"
}

// TestGolden compares the text output for every testdata payload with its
// golden file.
func TestGolden(t *testing.T) {
	t.Chdir("../..")
	want := map[string]bool{}
	for _, file := range testdataFiles(t) {
		golden := goldenPath(file)
		want[golden] = true
		t.Run(file, func(t *testing.T) {
			got, _ := lintFile(t, file)
			compareGolden(t, golden, got)
		})
	}
	// A golden file whose payload is gone is stale. golden/formats holds the
	// outputs of other formats over all of testdata; TestFixGolden checks the
	// .fixed.json files.
	filepath.WalkDir("golden", func(path string, d fs.DirEntry, err error) error {
		slashed := filepath.ToSlash(path)
		if err == nil && !d.IsDir() && !want[slashed] && !strings.HasPrefix(slashed, "golden/formats/") && !strings.HasSuffix(slashed, ".fixed.json") {
			if update {
				os.Remove(path)
			} else {
				t.Errorf("%s has no payload in testdata", path)
			}
		}
		return nil
	})
}

// compareGolden compares got with a golden file, or rewrites the file when
// BRAZELINT_UPDATE is set.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("missing golden file (run BRAZELINT_UPDATE=1 go test ./...): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale (-want +got):\n%s\nif the change is right, run BRAZELINT_UPDATE=1 go test ./... and review the diff", golden, diff)
	}
}

// TestEveryRuleHasCases checks that every rule in the table has, under
// testdata/rules/<id>/, a failing case (bad*.json) that reports it and a passing
// case (good*.json) that reports nothing at all.
func TestEveryRuleHasCases(t *testing.T) {
	t.Chdir("../..")
	for _, r := range lint.Rules {
		if r == lint.SchemaMismatch {
			continue // the fallback no current schema keyword reaches; validate's mapping test covers it
		}
		t.Run(r.ID, func(t *testing.T) {
			dir := "testdata/rules/" + r.ID
			bad, _ := filepath.Glob(dir + "/bad*.json")
			good, _ := filepath.Glob(dir + "/good*.json")
			if len(bad) == 0 || len(good) == 0 {
				t.Fatalf("%s needs at least one bad*.json and one good*.json", dir)
			}
			for _, f := range bad {
				if out, _ := lintFile(t, f); !strings.Contains(out, "("+r.ID+")\n") {
					t.Errorf("%s does not report %s:\n%s", f, r.ID, out)
				}
			}
			for _, f := range good {
				if out, code := lintFile(t, f); out != "" || code != exitClean {
					t.Errorf("%s is not clean (exit %d):\n%s", f, code, out)
				}
			}
		})
	}
}

// TestGoodAndBadCases holds every payload under testdata to its name: good*.json
// reports nothing, bad*.json reports at least one finding.
func TestGoodAndBadCases(t *testing.T) {
	t.Chdir("../..")
	for _, file := range testdataFiles(t) {
		base := filepath.Base(file)
		good, bad := strings.HasPrefix(base, "good"), strings.HasPrefix(base, "bad")
		if !good && !bad {
			continue
		}
		out, code := lintFile(t, file)
		if good && (out != "" || code != exitClean) {
			t.Errorf("%s is not clean (exit %d):\n%s", file, code, out)
		}
		if bad && out == "" {
			t.Errorf("%s reports nothing", file)
		}
	}
}
