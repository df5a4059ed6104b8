package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/brazelint/brazelint/internal/testtree"
)

// A committed .brazelint.yaml linked to /dev/zero once ran the process out
// of memory: only regular files are read, and only MaxBytes of them.
func TestLoadReadsOnlySmallRegularFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero or FIFOs")
	}
	root := testtree.Repo(t, map[string]string{"big.yaml": "# " + strings.Repeat("x", MaxBytes) + "\n"})
	if err := os.Symlink("/dev/zero", filepath.Join(root, ".brazelint.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "fifo.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{"", "config file .brazelint.yaml is not a regular file (a device)"},
		{"fifo.yaml", "config file fifo.yaml is not a regular file (a named pipe)"},
		{".", "config file . is not a regular file (a directory)"},
		{"big.yaml", "config file big.yaml is larger than 1048576 bytes"},
	}
	for _, tt := range tests {
		c, err := Load(tt.path)
		if c != nil || err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%q) = %v, %v; want an error containing %q", tt.path, c, err, tt.want)
		}
	}
}

// With no .git above the working directory, discovery used to reach /tmp and
// use a config anyone could have planted there.
func TestFindRefusesWorldWritableDirectories(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits")
	}
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o1777); err != nil {
		t.Fatal(err)
	}
	testtree.Write(t, shared, map[string]string{".brazelint.yaml": "rules: {}\n", "work/p.json": "{}"})
	t.Setenv("HOME", "/nonexistent")
	t.Chdir(filepath.Join(shared, "work"))
	_, err := Load("")
	want := "config file " + filepath.ToSlash(filepath.Join(shared, ".brazelint.yaml")) + " was not used: " + filepath.ToSlash(shared) + " is writable by every user"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("Load(\"\") = %v; want an error containing %q", err, want)
	}
	// Named, it is used.
	if c, err := Load(filepath.Join(shared, ".brazelint.yaml")); c == nil || err != nil {
		t.Errorf("Load of the named file = %v, %v; want it used", c, err)
	}

	// A world-writable config file in a private directory is refused too.
	if err := os.Chmod(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(shared, ".brazelint.yaml"), 0o666); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(""); err == nil || !strings.Contains(err.Error(), "is writable by every user") {
		t.Errorf("Load(\"\") of a world-writable file = %v; want it refused", err)
	}
}

// Discovery stops after the user's home directory even outside a repository.
func TestFindStopsAtHome(t *testing.T) {
	top := t.TempDir()
	testtree.Write(t, top, map[string]string{".brazelint.yaml": "rules: {}\n", "home/user/project/p.json": "{}"})
	home := filepath.Join(top, "home", "user")
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	if got, err := Find(filepath.Join(home, "project")); got != "" || err != nil {
		t.Errorf("Find below home = %q, %v; want nothing: the config above home is not the user's", got, err)
	}
	testtree.Write(t, home, map[string]string{".brazelint.yaml": "rules: {}\n"})
	if got, err := Find(filepath.Join(home, "project")); got != filepath.Join(home, ".brazelint.yaml") || err != nil {
		t.Errorf("Find below home = %q, %v; want the config in home", got, err)
	}
}
