// Package testtree builds directory trees of files for tests.
package testtree

import (
	"os"
	"path/filepath"
	"testing"
)

// Repo writes files (by slash path, relative to a new temporary directory)
// and changes to that directory. A .git directory marks it as a repository
// root, so config discovery never walks out of it into a real config.
func Repo(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	Write(t, root, files)
	t.Chdir(root)
	return root
}

// Write writes name: text pairs under root; names use forward slashes.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
