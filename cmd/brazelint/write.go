package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// rename and syncFile are the steps of a safe write a test can make fail;
// beforeReplace runs just before the check that the file is unchanged.
var (
	rename        = os.Rename
	syncFile      = (*os.File).Sync
	beforeReplace = func(path string) {}
)

// errReadOnly is the refusal to fix a file its user may not write.
var errReadOnly = errors.New("the file is read-only")

// errKeepOwner is a temporary file that cannot be given the owner of the
// file it replaces.
var errKeepOwner = errors.New("cannot keep the owner")

// keptModeBits are the mode bits a rewritten file keeps.
const keptModeBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky

// writeFixed replaces the file at path, which held old when it was read and
// was then as before says, with data. A symbolic link is followed, so the
// link stays a link. It refuses, writing nothing:
//   - a file its user may not write (errReadOnly): the directory's write
//     permission would let a rename replace it anyway;
//   - a file that changed since it was read (size, modification time or
//     content), so a colleague's edit made meanwhile is never lost.
//
// The new file keeps the mode bits (setgid too), the owner and the hard links
// of the old one. Usually it is written to a temporary file that is renamed
// over the original, so a crash or a full disk leaves the old file or the new
// one, never a mix. A file with several hard links, or whose owner a rename
// would change and who cannot be given it back, is rewritten in place
// instead, after the same check: renaming would cut it off from its other
// names, or take it from its owner.
func writeFixed(path string, old []byte, before fs.FileInfo, data []byte) error {
	if resolved, err := filepath.EvalSymlinks(path); err == nil {
		path = resolved
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if !writable(path, info) {
		return errReadOnly
	}
	fail := func(err error) error {
		return fmt.Errorf("fix %s: %w; the file is unchanged", displayName(path), err)
	}
	uid, gid, links, known := ownership(info)
	inPlace := links > 1
	var tmp string
	if !inPlace {
		// The temporary file is this user's, in the directory's group when
		// it is setgid: give it the original's owner, or write in place.
		sameOwner := func(f *os.File) error {
			if !known {
				return nil
			}
			tinfo, err := f.Stat()
			if err != nil {
				return err
			}
			if tuid, tgid, _, _ := ownership(tinfo); tuid == uid && tgid == gid {
				return nil
			}
			if f.Chown(uid, gid) != nil {
				return errKeepOwner
			}
			return nil
		}
		tmp, err = writeTemp(path, data, info.Mode()&keptModeBits, sameOwner)
		inPlace = errors.Is(err, errKeepOwner)
		if err != nil && !inPlace {
			return fail(err)
		}
	}
	if inPlace {
		beforeReplace(path)
		if err := unchanged(path, old, before); err != nil {
			return err
		}
		if err := writeInPlace(path, data); err != nil {
			return fmt.Errorf("fix %s: %w; the file may be incomplete", displayName(path), err)
		}
		return nil
	}
	beforeReplace(path)
	if err := unchanged(path, old, before); err != nil {
		os.Remove(tmp)
		return err
	}
	if err = rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// unchanged reports, as an error, that the file at path is no longer what
// was read: old, when it was as before says.
func unchanged(path string, old []byte, before fs.FileInfo) error {
	changed := fmt.Errorf("%s changed since brazelint read it: nothing was written; run brazelint --fix again", displayName(path))
	now, err := os.Stat(path)
	if err != nil {
		return changed
	}
	if before != nil && (now.Size() != before.Size() || !now.ModTime().Equal(before.ModTime())) {
		return changed
	}
	f, err := os.Open(path)
	if err != nil {
		return changed
	}
	defer f.Close()
	current, err := io.ReadAll(io.LimitReader(f, int64(len(old))+1))
	if err != nil || !bytes.Equal(current, old) {
		return changed
	}
	return nil
}

// writeInPlace overwrites the file at path with data, keeping its inode:
// its hard links, owner and mode.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteAt(data, 0)
	if err == nil {
		err = f.Truncate(int64(len(data)))
	}
	if err == nil {
		err = syncFile(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeTemp writes data to a new temporary file next to path, with the mode
// bits mode and, when chown is not nil, the owner it gives; synced so it is
// on disk before a rename makes it visible. It returns its name. On error
// nothing is left behind.
func writeTemp(path string, data []byte, mode fs.FileMode, chown func(*os.File) error) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".brazelint-*")
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil && chown != nil {
		err = chown(f) // before Chmod: a chown clears setuid and setgid
	}
	if err == nil {
		err = f.Chmod(mode)
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
