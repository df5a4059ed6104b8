package lint

import (
	"regexp/syntax"
	"strings"

	"github.com/brazelint/brazelint/internal/audience"
)

// regexKinds is the value kind of the regex comparisons.
var regexKinds = kindsOf("matches_regex", "does_not_match_regex")

var InvalidRegex = &Rule{
	ID: "invalid-regex", severity: Warning,
	Title: "a matches_regex pattern is malformed",
	Doc: `The value of matches_regex and does_not_match_regex is a regular expression. A pattern with an
unbalanced parenthesis or bracket, a repetition with nothing to repeat, an inverted range or a
trailing backslash is malformed in every regex dialect, so the filter cannot work as meant.
Braze's dialect is not Go's, so constructs Go lacks (lookarounds, backreferences) are not
reported, and this is a warning.`,
	Spec:  []string{"AUD-17"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		customAttributeFilters(p.Root, regexKinds, func(path []any, body Value, c string, _ audience.ValueKind) {
			pattern, ok := body.Get("value").Str()
			if !ok || (c != "matches_regex" && c != "does_not_match_regex") {
				return
			}
			if code, bad := p.regexes.malformed(pattern); bad {
				at := append(path, "value")
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not a valid regular expression ("+string(code)+"): fix the pattern")
			}
		})
	},
}

// malformedRegex reports the syntax errors that no regex dialect accepts. The
// error code names the defect without quoting the pattern.
func malformedRegex(pattern string) (syntax.ErrorCode, bool) {
	// Each of those errors needs a group, a class, a repetition or an
	// escape: a pattern without them (^shoes, kitchen$) cannot have one, and
	// is not parsed, which allocates.
	if !strings.ContainsAny(pattern, regexSyntax) {
		return "", false
	}
	return parsedRegexError(pattern)
}

// regexCache remembers the last patterns found well formed, copied, for the
// payloads to come: a service sends the same few patterns again and again,
// and parsing allocates.
type regexCache struct {
	ok   [8]string
	next int
}

// maxCachedRegex bounds the patterns kept, so that a long one does not stay
// pinned in a pool of Docs.
const maxCachedRegex = 256

// malformed is malformedRegex, remembering well-formed patterns.
func (c *regexCache) malformed(pattern string) (syntax.ErrorCode, bool) {
	for _, ok := range c.ok {
		if ok == pattern && ok != "" {
			return "", false
		}
	}
	code, bad := malformedRegex(pattern)
	if !bad && len(pattern) <= maxCachedRegex && strings.ContainsAny(pattern, regexSyntax) {
		c.ok[c.next] = strings.Clone(pattern)
		c.next = (c.next + 1) % len(c.ok)
	}
	return code, bad
}

// regexSyntax are the characters that open or close a group or class, repeat,
// or escape.
const regexSyntax = `()[]{}*+?\`

// parsedRegexError is malformedRegex's answer by parsing the pattern.
func parsedRegexError(pattern string) (syntax.ErrorCode, bool) {
	_, err := syntax.Parse(pattern, syntax.Perl)
	e, ok := err.(*syntax.Error)
	if !ok {
		return "", false
	}
	switch e.Code {
	case syntax.ErrMissingParen, syntax.ErrUnexpectedParen, syntax.ErrMissingBracket,
		syntax.ErrMissingRepeatArgument, syntax.ErrTrailingBackslash, syntax.ErrInvalidCharRange:
		return e.Code, true
	}
	return "", false
}
