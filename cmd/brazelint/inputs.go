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
// config ignores or --exclude matches are dropped, named or found.
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
			inputs = append(inputs, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		if !info.IsDir() {
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
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case d.IsDir() && path == arg:
				return ignores.enter(arg, path)
			case d.IsDir():
				if skipDir(d.Name()) || opts.config.Ignored(path) || opts.exclude.match(path) || ignores.ignored(arg, path, true) {
					return filepath.SkipDir
				}
				return ignores.enter(arg, path)
			case !d.Type().IsRegular() || !slices.Contains(exts, filepath.Ext(path)):
				return nil
			case opts.config.Ignored(path) || opts.exclude.match(path) || ignores.ignored(arg, path, false):
				return nil
			case !opts.ndjson && !endpointStated(path, opts):
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
	f, err := os.Open(name)
	if err != nil {
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
