package lint

import (
	"strings"
	"testing"
)

// TestMalformedRegexSkipsOnlyPlainPatterns checks malformedRegex, which
// parses only patterns holding regexSyntax, against parsing every pattern:
// all patterns of up to four characters from an alphabet of the syntax
// characters and others.
func TestMalformedRegexSkipsOnlyPlainPatterns(t *testing.T) {
	alphabet := []string{"a", ".", "^", "$", "|", "-", ",", "2", "é", "\xff", "(", ")", "[", "]", "{", "}", "*", "+", "?", `\`}
	var skipped, bad int
	var try func(prefix string, n int)
	try = func(prefix string, n int) {
		code, malformed := malformedRegex(prefix)
		wantCode, want := parsedRegexError(prefix)
		if code != wantCode || malformed != want {
			t.Errorf("malformedRegex(%q) = %q, %v; parsing says %q, %v", prefix, code, malformed, wantCode, want)
		}
		if !strings.ContainsAny(prefix, regexSyntax) {
			skipped++
		}
		if want {
			bad++
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			try(prefix+c, n-1)
		}
	}
	try("", 4)
	if skipped == 0 || bad == 0 {
		t.Fatalf("%d patterns skipped, %d malformed: the test reaches neither path", skipped, bad)
	}
}

// TestRegexCacheAnswersAsParsing checks that remembered patterns get the
// answer parsing gives, past the cache's size, and that only well-formed
// patterns are remembered.
func TestRegexCacheAnswersAsParsing(t *testing.T) {
	var c regexCache
	patterns := []string{"(?i)outdoor", "a(", "^shoes", "[b-a]", `x\`, "(a)", "a{2}", "b+", "c*", "[a-z]", "(d)", "e?", "(?i)outdoor", "a(", "(a)"}
	for range 3 {
		for _, p := range patterns {
			code, bad := c.malformed(p)
			wantCode, want := malformedRegex(p)
			if code != wantCode || bad != want {
				t.Errorf("cached malformed(%q) = %q, %v; want %q, %v", p, code, bad, wantCode, want)
			}
		}
	}
	for _, p := range c.ok {
		if _, bad := malformedRegex(p); bad || p == "" {
			t.Errorf("cache holds %q", p)
		}
	}
}
