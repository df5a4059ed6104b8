package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/brazelint/brazelint/internal/testtree"
)

// fixableFile writes fixablePayload to dir/p.json with mode perm.
func fixableFile(t *testing.T, perm os.FileMode) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, "p.json")
	testtree.Write(t, dir, map[string]string{"p.json": fixablePayload})
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// A colleague's edit made while --fix ran was once overwritten.
func TestFixKeepsAnEditMadeMeanwhile(t *testing.T) {
	edited := strings.Replace(fixablePayload, `"user-1"`, `"user-1", "user-2"`, 1)
	for _, how := range []string{"content", "same size"} {
		t.Run(how, func(t *testing.T) {
			_, path := fixableFile(t, 0o644)
			saved := beforeReplace
			defer func() { beforeReplace = saved }()
			beforeReplace = func(p string) {
				text := edited
				if how == "same size" { // the same size and, on a coarse clock, time
					text = strings.Replace(fixablePayload, "user-1", "user-9", 1)
					info, _ := os.Stat(p)
					defer os.Chtimes(p, info.ModTime(), info.ModTime())
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, stderr, code := runCLI("", "--no-config", "--fix", path)
			if code != exitTrouble || !strings.Contains(stderr, "p.json changed since brazelint read it: nothing was written") {
				t.Errorf("exit %d, stderr %q; want 2 and the change reported", code, stderr)
			}
			if got, _ := os.ReadFile(path); !strings.Contains(string(got), `"user-9"`) && !strings.Contains(string(got), `"user-2"`) {
				t.Errorf("the edit was lost:\n%s", got)
			}
			if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
}

func TestFixKeepsModeBits(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits")
	}
	_, path := fixableFile(t, 0o640)
	if err := os.Chmod(path, 0o640|os.ModeSetgid); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(path)
	if before.Mode()&os.ModeSetgid == 0 {
		t.Skip("this system clears setgid for this user")
	}
	if _, stderr, code := runCLI("", "--no-config", "--fix", path); code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	after, _ := os.Stat(path)
	if after.Mode() != before.Mode() {
		t.Errorf("mode %v, want %v", after.Mode(), before.Mode())
	}
}

func TestFixKeepsOwnership(t *testing.T) {
	if os.Geteuid() != 0 || runtime.GOOS == "windows" {
		t.Skip("only root can give a file to another user")
	}
	_, path := fixableFile(t, 0o644)
	if err := os.Chown(path, 4321, 4322); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI("", "--no-config", "--fix", path); code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	info, _ := os.Stat(path)
	if st := info.Sys().(*syscall.Stat_t); st.Uid != 4321 || st.Gid != 4322 {
		t.Errorf("owner %d:%d, want 4321:4322", st.Uid, st.Gid)
	}
	if got, _ := os.ReadFile(path); string(got) == fixablePayload {
		t.Error("the file was not fixed")
	}
}

func TestFixKeepsHardLinks(t *testing.T) {
	dir, path := fixableFile(t, 0o644)
	other := filepath.Join(dir, "other-name.json")
	if err := os.Link(path, other); err != nil {
		t.Skip(err)
	}
	if _, stderr, code := runCLI("", "--no-config", "--fix", path); code != exitClean {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	a, _ := os.Stat(path)
	b, _ := os.Stat(other)
	if !os.SameFile(a, b) {
		t.Error("the hard link was broken")
	}
	if got, _ := os.ReadFile(other); string(got) == fixablePayload || !strings.Contains(string(got), `"broadcast": false`) {
		t.Errorf("the other name does not see the fix:\n%s", got)
	}
}

func TestFixLeavesReadOnlyFilesAlone(t *testing.T) {
	_, path := fixableFile(t, 0o444)
	_, stderr, code := runCLI("", "--no-config", "--fix", path)
	if code != exitFindings || !strings.Contains(stderr, "p.json: read-only: 3 fixes not applied and the file left alone") {
		t.Errorf("exit %d, stderr %q; want 1 (the findings stay) and the file named", code, stderr)
	}
	if got, _ := os.ReadFile(path); string(got) != fixablePayload {
		t.Errorf("a read-only file was rewritten:\n%s", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o444 {
		t.Errorf("mode %v, want 0444", info.Mode())
	}
}

// Under --max-diagnostics, fixing one finding showed one the cap had hidden:
// it looked new and the safe fix was refused, blaming that finding.
func TestFixIgnoresTheFindingsCap(t *testing.T) {
	dir := t.TempDir()
	payload := `{"campaign_id":"c","broadcast":"false","recipients":[{"external_user_id":"a","x1":1,"x2":2,"x3":3}]}`
	testtree.Write(t, dir, map[string]string{"p.json": payload})
	path := filepath.Join(dir, "p.json")
	_, stderr, _ := runCLI("", "--no-config", "--fix", "--max-diagnostics", "2", path)
	if !strings.Contains(stderr, "p.json: 1 fix applied") || strings.Contains(stderr, "not applied") {
		t.Errorf("stderr %q; want the fix applied", stderr)
	}
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), `"broadcast":false`) {
		t.Errorf("not fixed:\n%s", got)
	}
}
