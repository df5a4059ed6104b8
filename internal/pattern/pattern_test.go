package pattern

import (
	"strings"
	"testing"
)

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"**", "", true},
		{"**", "a/b/c", true},
		{"**/c.json", "c.json", true},
		{"**/c.json", "a/b/c.json", true},
		{"**/c.json", "a/b/d.json", false},
		{"a/**/c", "a/c", true},
		{"a/**/c", "a/b/c", true},
		{"a/**/c", "a/b/b/c", true},
		{"a/**/c", "a/b/c/d", false},
		{"a/**/**/c", "a/b/c", true},
		{"a/**", "a", true},
		{"a/**", "a/b/c", true},
		{"a/**", "b/a", false},
		{"a/*", "a/b", true},
		{"a/*", "a/b/c", false}, // * does not cross a /
		{"*", "a/b", false},
		{"a/*.json", "a/b.json", true},
		{"a/?.json", "a/bc.json", false},
		{"a/[bc].json", "a/c.json", true},
		{"a/b**", "a/bxx", true}, // ** inside a segment is two *s
		{"a/b**", "a/bx/y", false},
	}
	for _, tt := range tests {
		g := Glob(strings.Split(tt.pattern, "/"))
		var segments []string
		if tt.path != "" {
			segments = strings.Split(tt.path, "/")
		}
		if got := g.Match(segments); got != tt.want {
			t.Errorf("%q matching %q = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

func TestPathGlob(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{"fixtures/**", []string{"fixtures", "fixtures/a.json", "fixtures/a/b.json"}, []string{"x/fixtures/a.json"}},
		{"*.ndjson", []string{"a.ndjson", "x/y/a.ndjson"}, []string{"a.json", "a.ndjson/x"}},
		{"broken", []string{"broken", "x/broken"}, []string{"brokenness", "x/broken.json"}},
		{"/broken", []string{"broken"}, []string{"x/broken"}},
		{"broken/", []string{"broken", "x/broken"}, nil},
		{"./a/b.json", []string{"a/b.json"}, []string{"x/a/b.json"}},
		{"a//b/./c", []string{"a/b/c"}, nil},
		{"**/legacy/*.json", []string{"legacy/a.json", "x/y/legacy/a.json"}, []string{"legacy/a/b.json"}},
	}
	for _, tt := range tests {
		g, err := ParsePath(tt.pattern)
		if err != nil {
			t.Errorf("ParsePath(%q): %v", tt.pattern, err)
			continue
		}
		for _, p := range tt.match {
			if !g.Match(strings.Split(p, "/")) {
				t.Errorf("%q does not match %q", tt.pattern, p)
			}
		}
		for _, p := range tt.miss {
			if g.Match(strings.Split(p, "/")) {
				t.Errorf("%q matches %q", tt.pattern, p)
			}
		}
	}
	for _, bad := range []string{"", "/", "..", "../x", "a/../../x", ".", "a/[", `a\`} {
		if _, err := ParsePath(bad); err == nil {
			t.Errorf("ParsePath(%q) is not an error", bad)
		}
	}
}

func TestPointerGlob(t *testing.T) {
	tests := []struct {
		pattern string
		match   []string
		miss    []string
	}{
		{"", []string{""}, []string{"/a"}},
		{"/**", []string{"", "/a", "/a/0/b"}, nil},
		{"/messages/*/extra/**", []string{"/messages/email/extra", "/messages/sms/extra/k"}, []string{"/messages/extra", "/messages/email/extras"}},
		{"/a~1b", []string{"/a~1b"}, []string{"/a/b", "/a~1b/c"}},
		{"/a~1*", []string{"/a~1b", "/a~1"}, []string{"/a/b", "/a~0b"}},
		{"/a~0b/*", []string{"/a~0b/c"}, []string{"/a~1b/c", "/a~0b"}},
		{"/recipients/*", []string{"/recipients/0", "/recipients/12"}, []string{"/recipients/0/foo", "/recipients"}},
		{"/", []string{"/"}, []string{"", "/a"}}, // the member named ""
	}
	for _, tt := range tests {
		g, err := ParsePointer(tt.pattern)
		if err != nil {
			t.Errorf("ParsePointer(%q): %v", tt.pattern, err)
			continue
		}
		for _, p := range tt.match {
			if !g.Match(PointerSegments(p)) {
				t.Errorf("%q does not match pointer %q", tt.pattern, p)
			}
		}
		for _, p := range tt.miss {
			if g.Match(PointerSegments(p)) {
				t.Errorf("%q matches pointer %q", tt.pattern, p)
			}
		}
	}
	for _, bad := range []string{"a", "a/b", "/a~", "/a~2", "/[", "/a/~x/b"} {
		if _, err := ParsePointer(bad); err == nil {
			t.Errorf("ParsePointer(%q) is not an error", bad)
		}
	}
}
