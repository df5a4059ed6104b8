package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/aymanbagabas/go-udiff"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// fixFile applies the fixes of one payload: with --diff it records the
// unified diff, with --fix it rewrites the file. The findings reported are
// those of the fixed payload. Fixes of rules the config turns off are not
// applied.
func fixFile(name string, data []byte, ep validate.Endpoint, opts options, res *result) ([]byte, []lint.Diagnostic, error) {
	fixed := opts.limits.Fix(ep, data, func(d lint.Diagnostic) bool {
		_, on := opts.config.severity(name, d)
		return on
	})
	res.fixed, res.refused = fixed.Applied, fixed.Refused
	if fixed.Applied == 0 {
		return data, fixed.Diagnostics, nil
	}
	if opts.diff {
		label := displayName(name)
		res.diff = udiff.Unified("a/"+label, "b/"+label, string(data), string(fixed.Data))
		return fixed.Data, fixed.Diagnostics, nil
	}
	if err := writeAtomic(name, fixed.Data); err != nil {
		res.fixed = 0
		return data, opts.limits.Bytes(ep, data), err
	}
	return fixed.Data, fixed.Diagnostics, nil
}

// rename and syncFile are the steps of writeAtomic a test can make fail.
var (
	rename   = os.Rename
	syncFile = (*os.File).Sync
)

// writeAtomic replaces the file at path with data so that a crash, a full
// disk or an unwritable directory leaves either the old file or the new one,
// never a mix: it writes a temporary file in the same directory, syncs it,
// gives it the original's permissions and renames it over the original. A
// symbolic link is followed, so the link stays a link.
func writeAtomic(path string, data []byte) (err error) {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".brazelint-*")
	if err != nil {
		return fmt.Errorf("fix %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			err = fmt.Errorf("fix %s: %w; the file is unchanged", path, err)
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err = syncFile(tmp); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a directory.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
