package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// rename and syncFile are the steps of a safe write a test can make fail.
var (
	rename   = os.Rename
	syncFile = (*os.File).Sync
)

// writeAtomic replaces the file at path with data so that a crash, a full
// disk or an unwritable directory leaves either the old file or the new one,
// never a mix: it writes a temporary file in the same directory with the
// original's permissions, syncs it and renames it over the original. A
// symbolic link is followed, so the link stays a link.
func writeAtomic(path string, data []byte) error {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := writeTemp(path, data, info.Mode().Perm())
	if err == nil {
		if err = rename(tmp, path); err != nil {
			os.Remove(tmp)
		}
	}
	if err != nil {
		return fmt.Errorf("fix %s: %w; the file is unchanged", path, err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// writeTemp writes data to a new temporary file next to path, synced so it
// is on disk before a rename makes it visible, and returns its name. On error
// nothing is left behind.
func writeTemp(path string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".brazelint-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// syncDir makes renames into dir durable; not every system can sync a
// directory, and the files are whole either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
