package main

import (
	"fmt"
	"path"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
)

// glob is a path or JSON-pointer pattern split at its slashes. Each segment
// is a path.Match pattern for one segment (* and ? never cross a slash),
// except a segment that is exactly **, which matches zero or more segments.
type glob []string

// match reports whether the glob matches all of segments.
func (g glob) match(segments []string) bool {
	for len(g) > 0 {
		if g[0] == "**" {
			for len(g) > 1 && g[1] == "**" {
				g = g[1:] // a/**/**/b is a/**/b: no needless backtracking
			}
			for skip := 0; skip <= len(segments); skip++ {
				if g[1:].match(segments[skip:]) {
					return true
				}
			}
			return false
		}
		if len(segments) == 0 {
			return false
		}
		if ok, _ := path.Match(g[0], segments[0]); !ok {
			return false
		}
		g, segments = g[1:], segments[1:]
	}
	return len(segments) == 0
}

// parsePathGlob reads a path pattern, relative to the config's directory,
// with the anchoring of .gitignore: a pattern with a slash at its start or in
// its middle is anchored to the config's directory, one without (like
// *.ndjson or broken) matches at any depth. A trailing slash is ignored.
func parsePathGlob(s string) (glob, error) {
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
	g := glob(strings.Split(p, "/"))
	if err := g.check(s); err != nil {
		return nil, err
	}
	if !anchored {
		g = append(glob{"**"}, g...)
	}
	return g, nil
}

// parsePointerGlob reads a JSON-pointer pattern. Its segments are matched
// against the reference tokens of a pointer as written, escapes and all:
// ~1 is a / inside a member name, ~0 a ~. The empty pattern is the root.
func parsePointerGlob(s string) (glob, error) {
	if s == "" {
		return glob{}, nil
	}
	if !strings.HasPrefix(s, "/") {
		return nil, fmt.Errorf("pointer pattern %q must start with / (like /messages/*/extra/**)", s)
	}
	g := glob(strings.Split(s[1:], "/"))
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
func (g glob) check(pattern string) error {
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

// pointerSegments splits a JSON pointer into its reference tokens, still
// escaped. The root pointer "" has none.
func pointerSegments(pointer string) []string { return jsonpointer.Tokens(pointer) }
