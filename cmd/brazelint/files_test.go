package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/brazelint/brazelint/internal/testtree"
)

// runWithin runs the CLI and fails the test when it has not finished in
// a few seconds: a FIFO once hung the run.
func runWithin(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	type out struct {
		stdout, stderr string
		code           int
	}
	done := make(chan out, 1)
	go func() {
		o, e, c := runCLI("", args...)
		done <- out{o, e, c}
	}()
	select {
	case o := <-done:
		return o.stdout, o.stderr, o.code
	case <-time.After(10 * time.Second):
		t.Fatalf("brazelint %s hangs", strings.Join(args, " "))
	}
	return
}

func TestNonRegularFilesAreRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := testtree.Repo(t, map[string]string{"p.json": badPayload})
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"fifo.json"}, "brazelint: fifo.json is a named pipe, not a payload file"},
		{[]string{"/dev/null"}, "brazelint: /dev/null is a device, not a payload file"},
		{[]string{"--fix", "fifo.json"}, "brazelint: fifo.json is a named pipe"},
		{[]string{"--ndjson", "fifo.json"}, "brazelint: fifo.json is a named pipe"},
		// Walked, a FIFO with a payload's name is reported, never opened.
		{[]string{"."}, "brazelint: fifo.json is a named pipe"},
	}
	for _, tt := range tests {
		_, stderr, code := runWithin(t, append([]string{"--no-config"}, tt.args...)...)
		if code != exitTrouble || !strings.Contains(stderr, tt.want) {
			t.Errorf("brazelint %v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	if _, stderr, code := runWithin(t, "split", "fifo.json"); code != exitTrouble || !strings.Contains(stderr, "named pipe") {
		t.Errorf("split of a FIFO: exit %d, stderr %q; want 2", code, stderr)
	}
	if _, stderr, code := runWithin(t, "--no-config", "--baseline", "fifo.json", "p.json"); code != exitTrouble || !strings.Contains(stderr, "named pipe") {
		t.Errorf("--baseline FIFO: exit %d, stderr %q; want 2", code, stderr)
	}
}

func TestConfigLinkedToDevZeroIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	dir := testtree.Repo(t, map[string]string{"p.json": badPayload})
	if err := os.Symlink("/dev/zero", filepath.Join(dir, ".brazelint.yaml")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runWithin(t, "p.json")
	if code != exitTrouble || !strings.Contains(stderr, "config file .brazelint.yaml is not a regular file (a device)") {
		t.Errorf("exit %d, stderr %q; want 2 and the config named", code, stderr)
	}
}

// breakDir makes the walk fail to read the directory named name, as an
// unreadable directory does (root reads every directory, so chmod cannot).
func breakDir(t *testing.T, name string) {
	saved := walkDir
	t.Cleanup(func() { walkDir = saved })
	walkDir = func(root string, fn fs.WalkDirFunc) error {
		return saved(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && d.Name() == name {
				if err := fn(path, d, nil); err != nil {
					return err
				}
				return fn(path, d, &fs.PathError{Op: "open", Path: path, Err: fs.ErrPermission})
			}
			return fn(path, d, err)
		})
	}
}

func TestWalkErrorsFailTheRun(t *testing.T) {
	files := map[string]string{"a/p.json": badPayload, "locked/q.json": badPayload, "z/r.json": badPayload}
	check := func(t *testing.T) {
		out, stderr, code := runCLI("", "--no-config", "--format", "json", ".")
		if code != exitTrouble || !strings.Contains(stderr, "brazelint: cannot read locked: permission denied") {
			t.Errorf("exit %d, stderr %q; want 2 and the directory named", code, stderr)
		}
		// The walk goes on past the directory: the others are checked.
		if got := strings.Join(findingsOf(t, out), "\n"); !strings.Contains(got, "a/p.json") || !strings.Contains(got, "z/r.json") {
			t.Errorf("findings %q; want those of a/p.json and z/r.json", got)
		}
		_, stderr, code = runCLI("", "--no-config", "--write-baseline", "base.json", ".")
		if code != exitTrouble || !strings.Contains(stderr, "base.json was not written") {
			t.Errorf("--write-baseline: exit %d, stderr %q; want 2", code, stderr)
		}
		if _, err := os.Stat("base.json"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("an incomplete baseline was written: %v", err)
		}
	}
	t.Run("injected", func(t *testing.T) {
		testtree.Repo(t, files)
		breakDir(t, "locked")
		check(t)
	})
	t.Run("chmod", func(t *testing.T) {
		if os.Geteuid() == 0 || runtime.GOOS == "windows" {
			t.Skip("root reads unreadable directories; the injected case covers this")
		}
		dir := testtree.Repo(t, files)
		os.Chmod(filepath.Join(dir, "locked"), 0)
		defer os.Chmod(filepath.Join(dir, "locked"), 0o755)
		check(t)
	})
}

func TestWalkFollowsLinksToPayloads(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks")
	}
	dir := testtree.Repo(t, map[string]string{"shared/real.json": badPayload, "payloads/keep.txt": ""})
	if err := os.Symlink("../shared/real.json", filepath.Join(dir, "payloads", "link.json")); err != nil {
		t.Fatal(err)
	}
	files, _, code := checkedFiles(t, dir, "payloads")
	if code != exitFindings || strings.Join(files, ",") != "payloads/link.json" {
		t.Errorf("exit %d, files %v; want the linked payload checked", code, files)
	}
	// A dangling link is reported, not skipped.
	if err := os.Symlink("missing.json", filepath.Join(dir, "payloads", "gone.json")); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI("", "--no-config", "payloads")
	if code != exitTrouble || !strings.Contains(stderr, "cannot check payloads/gone.json") {
		t.Errorf("dangling link: exit %d, stderr %q; want 2 and the link named", code, stderr)
	}
}

func TestWriteBaselineOverAnInputIsRefused(t *testing.T) {
	dir := testtree.Repo(t, map[string]string{"p.json": badPayload})
	if err := os.Link(filepath.Join(dir, "p.json"), filepath.Join(dir, "hard.json")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"p.json", "./p.json", "hard.json"} {
		_, stderr, code := runCLI("", "--no-config", "--write-baseline", out, "p.json")
		if code != exitTrouble || !strings.Contains(stderr, "is the input p.json") {
			t.Errorf("--write-baseline %s: exit %d, stderr %q; want 2", out, code, stderr)
		}
	}
	if got, _ := os.ReadFile("p.json"); string(got) != badPayload {
		t.Errorf("the payload was overwritten:\n%s", got)
	}
	// A baseline that is not an input is written.
	if _, stderr, code := runCLI("", "--no-config", "--write-baseline", "base.json", "p.json"); code != exitClean {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	var b baseline
	if data, err := os.ReadFile("base.json"); err != nil || json.Unmarshal(data, &b) != nil || len(b.Findings) == 0 {
		t.Errorf("baseline %v: %s", err, data)
	}
}
