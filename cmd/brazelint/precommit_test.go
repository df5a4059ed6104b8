package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// hook is the part of a .pre-commit-hooks.yaml entry pre-commit uses to pick
// files and run the hook.
type hook struct {
	ID       string   `yaml:"id"`
	Entry    string   `yaml:"entry"`
	Language string   `yaml:"language"`
	Args     []string `yaml:"args"`
	Types    []string `yaml:"types"`
	Files    string   `yaml:"files"`
	Exclude  string   `yaml:"exclude"`
}

// TestPreCommitHook runs the hook the way pre-commit does: it installs the
// repository with `go install ./...` (language: golang), picks the files the
// hook's filters select, and runs the entry with the file names as arguments,
// in several batches as pre-commit's xargs does. The output of all batches
// together must be every selected file's golden output, in path order.
func TestPreCommitHook(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile(".pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "brazelint" || hooks[0].Language != "golang" {
		t.Fatalf("want one golang hook with id brazelint, got %+v", hooks)
	}
	h := hooks[0]

	bin := t.TempDir()
	install := exec.Command(goTool(t), "install", "./...")
	install.Env = append(os.Environ(), "GOBIN="+bin)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install ./...: %v\n%s", err, out)
	}

	files := selectFiles(t, h)
	if len(files) < 100 {
		t.Fatalf("the hook selects only %d testdata files", len(files))
	}
	entry := strings.Fields(h.Entry)
	var got, want strings.Builder
	const batches = 3
	for i := range batches {
		batch := files[i*len(files)/batches : (i+1)*len(files)/batches]
		// The binary runs on the calendar's clock: --now holds the
		// testdata's schedules to the lint time of the goldens.
		args := append(append(slices.Clone(entry[1:]), h.Args...), "--now", lintTime.Format(time.RFC3339))
		cmd := exec.Command(filepath.Join(bin, entry[0]), append(args, batch...)...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &got, &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != exitFindings {
			t.Errorf("batch %d: %v, want exit status 1 (findings); stderr: %s", i, err, stderr.String())
		}
		for _, f := range batch {
			golden, err := os.ReadFile(goldenPath(f))
			if err != nil {
				t.Fatal(err)
			}
			want.Write(golden)
		}
	}
	if got.String() != want.String() {
		t.Errorf("the hook's output is not the golden output of the files it was given (-golden +hook):\n%s", cmp.Diff(want.String(), got.String()))
	}
}

// selectFiles lists the testdata files pre-commit would pass to h: those of
// its types (identify gives .json files the type json) that match files and
// not exclude, sorted by path as git lists them.
func selectFiles(t *testing.T, h hook) []string {
	t.Helper()
	if len(h.Types) != 1 || h.Types[0] != "json" {
		t.Fatalf("types %v: this test knows only [json]", h.Types)
	}
	include := regexp.MustCompile(h.Files)
	exclude := regexp.MustCompile("^$")
	if h.Exclude != "" {
		exclude = regexp.MustCompile(h.Exclude)
	}
	var files []string
	for _, f := range testdataFiles(t) {
		if include.MatchString(f) && !exclude.MatchString(f) {
			files = append(files, f)
		}
	}
	slices.Sort(files)
	return files
}

// goTool is the go command running this test.
func goTool(t *testing.T) string {
	if path, err := exec.LookPath("go"); err == nil {
		return path
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}
