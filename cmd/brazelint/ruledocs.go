package main

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/brazelint/brazelint"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// The rule docs live here, above package validate, because each section shows
// what brazelint reports for the rule's examples: it runs them, and prints
// the findings with the text format's own writer. docs/rules.md and
// `brazelint explain` both come from ruleSection, so they cannot disagree.

// rulesDocHeader opens docs/rules.md.
const rulesDocHeader = `<!-- generated from lint.Rules and testdata/rules; do not edit: BRAZELINT_UPDATE=1 go test ./cmd/brazelint rewrites it -->

# brazelint rules

Every rule brazelint has, in the order of the rule table (` + "`lint/rules.go`" + `). Each finding names
its rule; ` + "`brazelint explain RULE`" + ` prints a rule's section from this page, and ` + "`brazelint rules`" + `
lists them all.

A rule's examples are the cases ` + "`testdata/rules/<rule>/bad.json`" + ` and ` + "`good.json`" + `; what
brazelint reports for them is its text output with the default settings, which detect the
endpoint from the payload.

`

// rulesDoc renders docs/rules.md: the header, an index and one section per rule.
func rulesDoc() string {
	var b strings.Builder
	b.WriteString(rulesDocHeader)
	b.WriteString(lint.RulesMarkdown(""))
	for _, r := range lint.Rules {
		b.WriteString("\n")
		b.WriteString(ruleSection(r, escapeMarkdown))
	}
	return b.String()
}

// ruleSection describes one rule: its settings, what it checks, and what
// brazelint reports for its failing and its passing example. escape is applied
// to the rule's prose: escapeMarkdown for docs/rules.md, nothing for a terminal.
func ruleSection(r *lint.Rule, escape func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n%s\n\n", r.ID, escape(r.Title))
	fmt.Fprintf(&b, "- Default severity: %s\n- Endpoints: %s\n\n", r.Severity(), ruleEndpoints(r))
	fmt.Fprintf(&b, "%s\n\n", escape(r.Doc))
	if len(r.Spec) > 0 {
		fmt.Fprintf(&b, "Enforces: %s\n\n", strings.Join(r.Spec, ", "))
	}
	bad, good, ok := brazelint.RuleExamples(r.ID)
	if !ok {
		b.WriteString("No example: no case in testdata/rules reaches this rule.\n")
		return b.String()
	}
	if bad.Text == nil {
		fmt.Fprintf(&b, "Failing example: `%s`, too large to show here.\n\n", bad.Path)
	} else {
		fmt.Fprintf(&b, "Failing example, `%s`:\n\n", bad.Path)
		writeExample(&b, bad)
	}
	fmt.Fprintf(&b, "Passing example, `%s`:\n\n", good.Path)
	writeExample(&b, good)
	return b.String()
}

// ruleEndpoints lists the HTTP paths a rule applies to.
func ruleEndpoints(r *lint.Rule) string {
	eps := r.Endpoints
	if eps == nil {
		eps = lint.Endpoints
	}
	var paths []string
	for _, ep := range eps {
		paths = append(paths, ep.Path())
	}
	return strings.Join(paths, ", ")
}

// Examples longer or wider than this are shown cut, with the path of the full
// file: a 4 KB push alert or a 200-line nesting case says nothing more in full.
const (
	maxExampleLines = 40
	maxExampleWidth = 100 // in code points
)

// writeExample shows a payload in a fenced block, then what brazelint reports
// for it.
func writeExample(b *strings.Builder, ex brazelint.Example) {
	text := strings.TrimSuffix(string(ex.Text), "\n")
	lines := strings.Split(text, "\n")
	shown := lines[:min(len(lines), maxExampleLines)]
	var out []string
	var cutWide, badBytes, invisible bool
	for _, line := range shown {
		line, bad, inv := visible(line)
		badBytes, invisible = badBytes || bad, invisible || inv
		if utf8.RuneCountInString(line) > maxExampleWidth {
			line = string([]rune(line)[:maxExampleWidth]) + "…"
			cutWide = true
		}
		out = append(out, line)
	}
	writeFenced(b, "json", strings.Join(out, "\n")+"\n")

	var notes []string
	if more := len(lines) - len(shown); more > 0 {
		notes = append(notes, fmt.Sprintf("… %d more lines", more))
	}
	if cutWide {
		notes = append(notes, "long lines are cut")
	}
	if len(notes) > 0 {
		fmt.Fprintf(b, "%s; the whole file is `%s`.\n\n", strings.Join(notes, "; "), ex.Path)
	}
	if badBytes {
		b.WriteString("`\\xNN` stands for a byte that is not UTF-8.\n\n")
	}
	if invisible {
		b.WriteString("`<U+NNNN>` stands for an invisible character.\n\n")
	}

	report := exampleReport(ex)
	if report == "" {
		b.WriteString("brazelint reports nothing.\n")
		return
	}
	b.WriteString("brazelint reports:\n\n")
	writeFenced(b, "text", report)
}

// exampleReport is brazelint's text output for an example, as the command
// prints it with the default settings and no config file.
func exampleReport(ex brazelint.Example) string {
	res := result{file: ex.Path}
	for _, d := range validate.Bytes(validate.Auto, ex.Text) {
		res.findings = append(res.findings, finding{Diagnostic: d})
	}
	var b strings.Builder
	writeResults("text", &b, []result{res}, nil)
	return b.String()
}

// visible makes a line safe to print, and shows what its rule is about: bytes
// that are not UTF-8 become \xNN (badBytes), invisible characters such as a
// byte order mark <U+NNNN> (invisible).
func visible(line string) (shown string, badBytes, invisible bool) {
	var b strings.Builder
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02X`, line[i])
			badBytes = true
		case !unicode.IsPrint(r) && r != '\t':
			fmt.Fprintf(&b, "<U+%04X>", r)
			invisible = true
		default:
			b.WriteString(line[i : i+size])
		}
		i += size
	}
	return b.String(), badBytes, invisible
}

// writeFenced writes text in a Markdown code block whose fence is longer than
// any run of backticks in it.
func writeFenced(b *strings.Builder, lang, text string) {
	longest, run := 0, 0
	for _, c := range text {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	fmt.Fprintf(b, "%s%s\n%s%s\n\n", fence, lang, text, fence)
}

// escapeMarkdown keeps prose written for a terminal literal in Markdown: it
// backslash-escapes what would start code, emphasis, a link, HTML or
// strikethrough. An underscore within a word (external_user_ids) cannot start
// emphasis, so it stays as it is; line breaks and "- " lists stay too.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '`', '*', '[', ']', '<', '>', '~':
			b.WriteByte('\\')
		case '_':
			if i == 0 || i == len(s)-1 || !isWordByte(s[i-1]) || !isWordByte(s[i+1]) {
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
