// Package pattern holds the path and JSON-pointer patterns of brazelint's
// rule policy and config file: globs matched segment by segment.
package pattern

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
)

// Glob is a path or JSON-pointer pattern split at its slashes. Each segment
// is a path.Match pattern for one segment (* and ? never cross a slash),
// except a segment that is exactly **, which matches zero or more segments.
type Glob []string

// Match reports whether the glob matches all of segments.
//
// It reads the glob left to right and, on a mismatch, lets only the last **
// passed take one more segment: every other segment matches exactly one, so
// if any earlier ** taking more leads to a match, the last one taking more
// does too. That is at most len(g)·len(segments) segment matches, where
// trying every split for every ** is exponential in the number of **.
func (g Glob) Match(segments []string) bool {
	gi, si := 0, 0
	star, starSi := -1, 0 // the last ** passed, and the segment it stopped before
	for si < len(segments) {
		switch {
		case gi < len(g) && g[gi] == "**":
			star, starSi = gi, si
			gi++
		case gi < len(g) && matchSegment(g[gi], segments[si]):
			gi++
			si++
		case star >= 0:
			starSi++ // the last ** takes one more segment
			gi, si = star+1, starSi
		default:
			return false
		}
	}
	for gi < len(g) && g[gi] == "**" {
		gi++
	}
	return gi == len(g)
}

// ParsePath reads a path pattern, relative to the config's directory,
// with the anchoring of .gitignore: a pattern with a slash at its start or in
// its middle is anchored to the config's directory, one without (like
// *.ndjson or broken) matches at any depth. A trailing slash is ignored.
func ParsePath(s string) (Glob, error) {
	p := strings.TrimSuffix(s, "/")
	anchored := strings.Contains(p, "/")
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil, fmt.Errorf("empty path pattern: write one like payloads/** or *.json")
	}
	p = path.Clean(p)
	if p == "." || p == ".." || strings.HasPrefix(p, "../") {
		return nil, fmt.Errorf("path pattern %q does not name anything inside the config's directory: patterns are relative to that directory", s)
	}
	g := Glob(strings.Split(p, "/"))
	if err := g.check(s); err != nil {
		return nil, err
	}
	if !anchored {
		g = append(Glob{"**"}, g...)
	}
	return g, nil
}

// ParsePointer reads a JSON-pointer pattern. Its segments are matched
// against the reference tokens of a pointer as written, escapes and all:
// ~1 is a / inside a member name, ~0 a ~. The empty pattern is the root.
func ParsePointer(s string) (Glob, error) {
	if s == "" {
		return Glob{}, nil
	}
	if !strings.HasPrefix(s, "/") {
		return nil, fmt.Errorf("pointer pattern %q must start with / (like /messages/*/extra/**)", s)
	}
	g := Glob(strings.Split(s[1:], "/"))
	for _, segment := range g {
		if err := jsonpointer.CheckToken(segment); err != nil {
			return nil, fmt.Errorf("pointer pattern %q has %v", s, err)
		}
	}
	if err := g.check(s); err != nil {
		return nil, err
	}
	return g, nil
}

// check reports a malformed segment, like an unclosed [.
func (g Glob) check(pattern string) error {
	for _, segment := range g {
		if segment == "**" {
			continue
		}
		if _, err := path.Match(segment, ""); err != nil {
			return fmt.Errorf("malformed pattern %q: close every [ and follow every \\ with a character", pattern)
		}
	}
	return nil
}

// PointerSegments splits a JSON pointer into its reference tokens, still
// escaped. The root pointer "" has none.
func PointerSegments(pointer string) []string { return jsonpointer.Tokens(pointer) }

// MatchAnyPath reports whether one of globs matches the path or one of the
// directories it is in, so a pattern naming a directory covers its contents.
func MatchAnyPath(globs []Glob, segments []string) bool {
	for _, g := range globs {
		for i := 1; i <= len(segments); i++ {
			if g.Match(segments[:i]) {
				return true
			}
		}
	}
	return false
}

// MatchAnyPointer reports whether one of globs matches the JSON pointer.
func MatchAnyPointer(globs []Glob, pointer string) bool {
	segments := PointerSegments(pointer)
	for _, g := range globs {
		if g.Match(segments) {
			return true
		}
	}
	return false
}

// Base is the directory path patterns are relative to.
type Base struct {
	// Dir is the absolute directory patterns are relative to.
	Dir string
	// Cwd is the absolute working directory relative paths are taken
	// from, fixed once so a path resolves without asking the OS each time.
	Cwd string
}

// Relative splits path into its segments relative to b.Dir. inside is false
// for "" and "-" (standard input: no file) and for paths outside the
// directory, which no path pattern matches.
func (b Base) Relative(path string) (segments []string, inside bool) {
	if path == "" || path == "-" {
		return nil, false
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(b.Cwd, path)
	}
	rel, err := filepath.Rel(b.Dir, path)
	if err != nil {
		return nil, false
	}
	rel = filepath.ToSlash(rel)
	switch {
	case rel == ".":
		return nil, true
	case rel == ".." || strings.HasPrefix(rel, "../"):
		return nil, false
	}
	return strings.Split(rel, "/"), true
}

// matchSegment reports whether the path.Match pattern matches one segment; a
// malformed pattern (refused when parsed) matches nothing.
func matchSegment(pattern, segment string) bool {
	ok, _ := path.Match(pattern, segment)
	return ok
}
