// Package brazelint holds the rule examples, the cases under testdata/rules,
// embedded so that `brazelint explain` and docs/rules.md can show them from an
// installed binary, which has no testdata.
//
// The library is package validate; the rules are in package lint.
package brazelint

import (
	"embed"
	"io/fs"
)

// Only bad.json and good.json are embedded: the other cases would add size and
// show nothing new.
//
//go:embed testdata/rules/*/bad.json testdata/rules/*/good.json
var ruleCases embed.FS

// notEmbedded names the failing cases that are too large to embed, by rule id.
// Their bad.json has another name, so the pattern above skips them.
var notEmbedded = map[string]string{
	"input-too-large": "testdata/rules/input-too-large/bad-4mib.json", // over the 4 MiB default limit
}

// Example is one case from testdata/rules.
type Example struct {
	// Path is the file's path from the repository root, with forward slashes.
	Path string
	// Text is the payload; nil when the file is too large to embed.
	Text []byte
}

// RuleExamples returns the failing and the passing example of a rule: the
// bad.json and good.json in testdata/rules/<id>/. ok is false when the rule
// has no such pair.
func RuleExamples(id string) (bad, good Example, ok bool) {
	dir := "testdata/rules/" + id + "/"
	good.Path = dir + "good.json"
	var goodErr, badErr error
	good.Text, goodErr = fs.ReadFile(ruleCases, good.Path)
	if path, large := notEmbedded[id]; large {
		bad.Path = path
	} else {
		bad.Path = dir + "bad.json"
		bad.Text, badErr = fs.ReadFile(ruleCases, bad.Path)
	}
	if goodErr != nil || badErr != nil {
		return Example{}, Example{}, false
	}
	return bad, good, true
}
