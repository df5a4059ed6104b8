package main

import (
	"strings"
	"testing"

	"github.com/brazelint/brazelint"
	"github.com/brazelint/brazelint/lint"
)

// TestRulesDocIsFresh fails when docs/rules.md is not what the rule table and
// the examples generate; BRAZELINT_UPDATE=1 rewrites it.
func TestRulesDocIsFresh(t *testing.T) {
	compareGolden(t, "../../docs/rules.md", rulesDoc())
}

// TestRulesDocSections checks the page has one section per rule, headed by
// the id alone so its anchor is the id, and that explain prints the same
// section but for Markdown escapes.
func TestRulesDocSections(t *testing.T) {
	doc := rulesDoc()
	if !strings.HasPrefix(doc, "<!-- generated") || !strings.Contains(doc, "do not edit") {
		t.Error("docs/rules.md does not start with the generated note")
	}
	for _, r := range lint.Rules {
		if strings.Count(doc, "\n## "+r.ID+"\n") != 1 || !strings.Contains(doc, "[`"+r.ID+"`](#"+r.ID+")") {
			t.Errorf("%s: no single section, or no index entry linking to it", r.ID)
		}
		if !strings.Contains(doc, ruleSection(r, escapeMarkdown)) {
			t.Errorf("%s: the page's section is not the rule's section", r.ID)
		}
	}
	// Within the table order, so an index reader finds what follows.
	last := -1
	for _, r := range lint.Rules {
		i := strings.Index(doc, "\n## "+r.ID+"\n")
		if i < last {
			t.Errorf("%s is out of table order", r.ID)
		}
		last = i
	}
}

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"external_user_ids and custom_attribute_name", "external_user_ids and custom_attribute_name"},
		{"the _x_days_ comparisons", `the \_x_days\_ comparisons`},
		{"categories (ab_cat_*)", `categories (ab_cat\_\*)`},
		{`written "Display Name <email@address.com>"`, `written "Display Name \<email@address.com\>"`},
		{"[link](x) `code` ~strike~ a\\b", "\\[link\\](x) \\`code\\` \\~strike\\~ a\\\\b"},
		{"_lead and trail_", `\_lead and trail\_`},
		{"- a list item\n  continued", "- a list item\n  continued"},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLongExamplesAreCut(t *testing.T) {
	var lines []string
	for i := range maxExampleLines + 7 {
		lines = append(lines, "line "+strings.Repeat("x", i*3))
	}
	ex := brazelint.Example{Path: "testdata/rules/x/good.json", Text: []byte(strings.Join(lines, "\n") + "\n")}
	var b strings.Builder
	writeExample(&b, ex)
	out := b.String()
	if !strings.Contains(out, "… 7 more lines; long lines are cut; the whole file is `testdata/rules/x/good.json`.") {
		t.Errorf("the cut is not said:\n%s", out)
	}
	if strings.Contains(out, lines[maxExampleLines]) {
		t.Errorf("line %d is shown", maxExampleLines+1)
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > maxExampleWidth+1 && strings.HasPrefix(line, "line ") {
			t.Errorf("a line of %d characters is shown", n)
		}
	}
	short := brazelint.Example{Path: "p.json", Text: []byte("{\n  \"a\": \"b\\xff\"\n}\n")}
	b.Reset()
	writeExample(&b, short)
	if strings.Contains(b.String(), "whole file") || strings.Contains(b.String(), "stands for") {
		t.Errorf("a short clean example is said to be cut or escaped:\n%s", b.String())
	}
}

func TestVisible(t *testing.T) {
	got, bad, invisible := visible("\ufeff{\"a\": \"Caf\xff\"}\t")
	if got != `<U+FEFF>{"a": "Caf\xFF"}`+"\t" || !bad || !invisible {
		t.Errorf("visible = %q, %v, %v", got, bad, invisible)
	}
}
