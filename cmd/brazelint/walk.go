package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/brazelint/brazelint/internal/pattern"
	"github.com/brazelint/brazelint/schema"
	"github.com/brazelint/brazelint/validate"
)

// skippedDirNames are directories no walk enters: they hold other people's
// code, brought in by package managers, not the repository's payloads.
var skippedDirNames = map[string]bool{"node_modules": true, "vendor": true}

// skipDir reports whether a directory walk leaves out the directory name
// below its root: hidden directories (.git, .vscode, .idea) and dependency
// folders. A directory named on the command line is always walked.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || skippedDirNames[name]
}

// gitignores are the .gitignore patterns in force in one directory walk,
// matched by go-git's gitignore package. Paths are split into segments
// relative to base: the repository root (the nearest directory above the
// walk's root holding .git) or, outside a repository, the walk's root.
type gitignores struct {
	base     string
	rootSegs []string // the walk's root relative to base
	patterns []gitignore.Pattern
}

// newGitignores collects the patterns that apply to a walk of root before any
// directory inside it is read: .git/info/exclude and the .gitignore files from
// the repository root down to root's parent. When those ignore root itself,
// which was named on the command line and so is walked anyway, they are
// dropped: otherwise they would ignore everything in it.
func newGitignores(root string) (*gitignores, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	base := abs
	for dir := abs; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			base = dir
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break // not in a repository: only the walk's own .gitignore files count
		}
		dir = parent
	}
	g := &gitignores{base: base}
	if rel, err := filepath.Rel(base, abs); err == nil && rel != "." {
		g.rootSegs = strings.Split(filepath.ToSlash(rel), "/")
	}
	if info, err := os.Stat(filepath.Join(base, ".git")); err == nil && info.IsDir() {
		// A worktree's or submodule's .git is a file; its exclude file is not read.
		if err := g.read(filepath.Join(base, ".git", "info", "exclude"), nil); err != nil {
			return nil, err
		}
	}
	for i := range g.rootSegs {
		dir := filepath.Join(append([]string{base}, g.rootSegs[:i]...)...)
		if err := g.read(filepath.Join(dir, ".gitignore"), g.rootSegs[:i]); err != nil {
			return nil, err
		}
	}
	if len(g.rootSegs) > 0 && gitignore.NewMatcher(g.patterns).Match(g.rootSegs, true) {
		g.patterns = nil
	}
	return g, nil
}

// read adds the patterns of the ignore file at name, which apply below the
// directory domain (segments relative to base). A missing file adds nothing.
func (g *gitignores) read(name string, domain []string) error {
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", filepath.ToSlash(name), err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		g.patterns = append(g.patterns, gitignore.ParsePattern(line, domain))
	}
	return sc.Err()
}

// enter reads the .gitignore of the directory dir (the walk's path to it)
// as the walk enters it. Its patterns apply only inside dir, and win over
// those of the directories above, as git has it.
func (g *gitignores) enter(root, dir string) error {
	return g.read(filepath.Join(dir, ".gitignore"), g.segments(root, dir))
}

// ignored reports whether the .gitignore files ignore the file or directory
// at p, a path inside the walk of root.
func (g *gitignores) ignored(root, p string, isDir bool) bool {
	return len(g.patterns) > 0 && gitignore.NewMatcher(g.patterns).Match(g.segments(root, p), isDir)
}

// segments is the path p, inside the walk of root, relative to base.
func (g *gitignores) segments(root, p string) []string {
	segs := append([]string(nil), g.rootSegs...)
	if rel, err := filepath.Rel(root, p); err == nil && rel != "." {
		segs = append(segs, strings.Split(filepath.ToSlash(rel), "/")...)
	}
	return segs
}

// payloadMembers are the top-level members either endpoint's schema
// declares, as memberKey writes them.
var payloadMembers = sync.OnceValue(func() map[string]bool {
	members := map[string]bool{}
	for _, file := range schema.EndpointFiles() {
		data, err := schema.Source(file)
		if err != nil {
			panic(err) // embedded: a build without it is broken
		}
		var doc struct{ Properties map[string]json.RawMessage }
		if err := json.Unmarshal(data, &doc); err != nil {
			panic(err)
		}
		for name := range doc.Properties {
			members[memberKey(name)] = true
		}
	}
	return members
})

// memberKey is a member name as holdsPayloadMember compares it: lower case,
// without _ and -, and without a plural s. Payloads that Braze would reject
// still look like payloads this way (Messages from an untagged Go struct,
// external_user_id for external_user_ids), and the walk checks them.
func memberKey(name string) string {
	key := dropSeparators.Replace(strings.ToLower(name))
	return strings.TrimSuffix(key, "s")
}

var dropSeparators = strings.NewReplacer("_", "", "-", "")

// holdsPayloadMember reports whether a JSON text looks like a payload: it has
// a member of either endpoint at its top level, or one level down (a payload
// wrapped in an envelope, or a list of payloads). A file without one, like
// package.json or tsconfig.json, is not a Braze payload. The text is scanned,
// not parsed, so a broken payload still counts by the members it has: a key
// is a string followed by a colon; comments are passed over.
func holdsPayloadMember(data []byte) bool {
	members := payloadMembers()
	depth := 0 // open objects and arrays
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
		case c == '/' && i+1 < len(data) && data[i+1] == '/':
			end := bytes.IndexByte(data[i:], '\n')
			if end < 0 {
				return false
			}
			i += end
		case c == '/' && i+1 < len(data) && data[i+1] == '*':
			end := bytes.Index(data[i+2:], []byte("*/"))
			if end < 0 {
				return false
			}
			i += 2 + end + 1
		case c == '"':
			start := i + 1
			for i = start; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			if i >= len(data) {
				return false
			}
			key := data[start:i]
			j := i + 1
			for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
				j++
			}
			if depth >= 1 && depth <= 2 && j < len(data) && data[j] == ':' && members[memberKey(string(key))] {
				return true
			}
		}
	}
	return false
}

// endpointStated reports whether the user said which endpoint the file at p
// is for, with --endpoint or in a config endpoints entry: such a file is
// checked even when it holds no member of a payload.
func endpointStated(p string, opts options) bool {
	if opts.endpointSet && opts.endpoint != validate.Auto {
		return true
	}
	_, ok := opts.config.Endpoint(p)
	return ok
}

// excludes are the --exclude patterns, relative to the working directory cwd.
type excludes struct {
	cwd   string
	globs []pattern.Glob
}

// parseExcludes reads the --exclude patterns: the syntax of the config's
// ignore patterns, relative to the working directory.
func parseExcludes(patterns []string) (excludes, error) {
	if len(patterns) == 0 {
		return excludes{}, nil
	}
	cwd, err := os.Getwd()
	if err != nil {
		return excludes{}, fmt.Errorf("--exclude: %w", err)
	}
	ex := excludes{cwd: cwd}
	for _, s := range patterns {
		p := path.Clean(strings.TrimPrefix(strings.TrimSuffix(filepath.ToSlash(s), "/"), "/"))
		if p == "." || p == ".." || strings.HasPrefix(p, "../") {
			return excludes{}, fmt.Errorf("--exclude %q names nothing inside the working directory: patterns are relative to it, like fixtures/** or *.draft.json", s)
		}
		g, err := pattern.ParsePath(s)
		if err != nil {
			return excludes{}, fmt.Errorf("--exclude: %v", err)
		}
		ex.globs = append(ex.globs, g)
	}
	return ex, nil
}

// match reports whether an --exclude pattern matches the file or directory
// at p. Paths outside the working directory are matched as given, so
// unanchored patterns (like *.draft.json) still apply to them.
func (ex excludes) match(p string) bool {
	if len(ex.globs) == 0 {
		return false
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(ex.cwd, p)
	}
	rel := filepath.ToSlash(p)
	if r, err := filepath.Rel(ex.cwd, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		rel = filepath.ToSlash(r)
	}
	if rel == "." {
		return false
	}
	return pattern.MatchAnyPath(ex.globs, strings.Split(strings.TrimPrefix(rel, "/"), "/"))
}
