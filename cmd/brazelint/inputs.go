package main

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// stdinName is how standard input is named in paths and output.
const stdinName = "<stdin>"

// expand turns the path arguments into the files to check, sorted by name so
// output is in a stable order whatever order the arguments came in: files as
// given, directories walked for payload files, - as standard input. Paths the
// config ignores or --exclude matches are dropped, named or found, and so
// is standard input when --stdin-filename names such a path (an editor
// checking an ignored file gets no findings, as for the file itself).
//
// A walk fits a repository: it leaves out hidden directories, node_modules,
// vendor and what .gitignore files ignore, and skips JSON files that hold no
// member of a payload (package.json, tsconfig.json), counting them in
// skipped. A path named on the command line is always checked: a named file
// that is not a payload gets endpoint-unknown.
func expand(args []string, opts options) (inputs []string, skipped int, errs error) {
	exts := []string{".json"}
	if opts.ndjson {
		exts = []string{".ndjson", ".jsonl"}
	}
	for _, arg := range args {
		if arg == "-" {
			if p := opts.stdinFilename; p == "" || !opts.config.Ignored(p) && !opts.exclude.match(p) {
				inputs = append(inputs, arg)
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		if !info.IsDir() {
			if !info.Mode().IsRegular() {
				// Opening a FIFO blocks and a device never ends: never open them.
				errs = errors.Join(errs, notRegular(arg, info.Mode()))
				continue
			}
			if !opts.config.Ignored(arg) && !opts.exclude.match(arg) {
				inputs = append(inputs, arg)
			}
			continue
		}
		ignores, err := newGitignores(arg)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		err = walkDir(arg, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				// An unreadable directory is reported and the walk goes on:
				// the run fails, rather than quietly checking less.
				errs = errors.Join(errs, fmt.Errorf("cannot read %s: %w", displayName(path), unwrapPath(err)))
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			case d.IsDir():
				if path != arg && (skipDir(d.Name()) || opts.config.Ignored(path) || opts.exclude.match(path) || ignores.ignored(arg, path, true)) {
					return filepath.SkipDir
				}
				if err := ignores.enter(arg, path); err != nil {
					errs = errors.Join(errs, err)
					return filepath.SkipDir
				}
				return nil
			case !slices.Contains(exts, filepath.Ext(path)):
				return nil
			case opts.config.Ignored(path) || opts.exclude.match(path) || ignores.ignored(arg, path, false):
				return nil
			case !d.Type().IsRegular():
				// A link to a payload is checked as the payload; anything
				// else with a payload's name is reported, not opened.
				info, err := os.Stat(path)
				if err != nil {
					errs = errors.Join(errs, fmt.Errorf("cannot check %s: %w", displayName(path), unwrapPath(err)))
					return nil
				}
				if !info.Mode().IsRegular() {
					errs = errors.Join(errs, notRegular(path, info.Mode()))
					return nil
				}
			}
			if !opts.ndjson && !endpointStated(path, opts) {
				data, err := read(path, nil, opts.limits.MaxBytes)
				if err == nil && !holdsPayloadMember(data) {
					skipped++
					return nil
				}
			}
			inputs = append(inputs, path)
			return nil
		})
		errs = errors.Join(errs, err)
	}
	slices.SortStableFunc(inputs, func(a, b string) int { return cmp.Compare(displayName(a), displayName(b)) })
	return inputs, skipped, errs
}

// walkDir walks a directory tree; a test can make it fail.
var walkDir = filepath.WalkDir

// notRegular is the error for a path that is not a regular file, which
// brazelint never opens.
func notRegular(path string, mode fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode.IsDir():
		kind = "a directory"
	}
	return fmt.Errorf("%s is %s, not a payload file: name regular files only", displayName(path), kind)
}

// unwrapPath is the cause of a path error, for messages that name the path
// themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// read reads a whole input, at most one byte past the size limit: enough for
// validate to report input-too-large without holding a huge file in memory.
func read(name string, stdin io.Reader, maxBytes int) ([]byte, error) {
	r, closer, err := open(name, stdin)
	if err != nil {
		return nil, err
	}
	defer closer()
	data, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", displayName(name), err)
	}
	return data, nil
}

// open opens an input for reading; - is standard input.
func open(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	// Check before opening: opening a FIFO blocks until a writer comes.
	if info, err := os.Stat(name); err != nil {
		return nil, nil, err
	} else if !info.Mode().IsRegular() {
		return nil, nil, notRegular(name, info.Mode())
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = notRegular(name, info.Mode())
		}
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// displayName is how an input is named in output: its path with forward
// slashes, so output is the same on every OS.
func displayName(name string) string {
	if name == "-" {
		return stdinName
	}
	return filepath.ToSlash(name)
}

// readCapped reads the regular file at path (never opening anything else),
// refusing one larger than maxBytes.
func readCapped(path string, maxBytes int) ([]byte, error) {
	data, err := read(path, nil, maxBytes)
	if err == nil && len(data) > maxBytes {
		err = fmt.Errorf("%s is larger than %d bytes", displayName(path), maxBytes)
	}
	return data, err
}

// sameFileAs returns the input among inputs that is the file at path (by
// name, link or hard link), or "" when none is or path does not exist.
func sameFileAs(path string, inputs []string) string {
	out, err := os.Stat(path)
	if err != nil {
		return ""
	}
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		if info, err := os.Stat(in); err == nil && os.SameFile(out, info) {
			return in
		}
	}
	return ""
}
