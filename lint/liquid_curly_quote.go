package lint

import (
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidCurlyQuote = &Rule{
	ID: "liquid-curly-quote", severity: Error,
	Title: "a curly quote inside Liquid delimiters",
	Doc: "Only straight quotes (`'` and `\"`) delimit strings in Liquid; a curly quote (`‘ ’ “ ”`, often put there by a word processor) inside `{{ }}` or `{% %}` breaks the tag. " +
		"Outside the delimiters curly quotes are plain text and fine, and so are curly quotes inside a straight-quoted string. The fix writes the straight quote.",
	Spec:      []string{"LIQ-9"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factCurlyQuote) {
			return
		}
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			for j := range t.Nodes {
				n := &t.Nodes[j]
				switch {
				case n.Kind == liquid.Output || n.Toks != nil:
					for _, tok := range n.Toks {
						if tok.Kind == liquid.CurlyQuote {
							reportCurlyQuote(p, t, tok.Start, tok.End)
						}
					}
				case n.Name == "abort_message" || n.Name == "promotion":
					// Braze tags whose arguments are quoted strings; the
					// others take URLs and text, where quotes are data.
					braceTagQuotes(p, t, j)
				}
			}
		}
	},
}

// braceTagQuotes reports the curly quotes in the arguments of a Braze tag
// that are outside straight quotes and outside the outputs nested there,
// which report their own.
func braceTagQuotes(p *Pass, t *template, idx int) {
	n := &t.Nodes[idx]
	src := t.Src
	var quote byte
	child := idx + 1
	for i := n.ArgStart; i < n.ArgEnd; {
		// Nodes are in source order, so the search for the next child stops
		// at the first node past this tag: each tag looks at its own
		// nested outputs, not at every node after it.
		for child < len(t.Nodes) && t.Nodes[child].Start < n.ArgEnd && t.Nodes[child].Parent != idx {
			child++
		}
		if child < len(t.Nodes) && t.Nodes[child].Parent == idx && i == t.Nodes[child].Start {
			i = t.Nodes[child].End
			child++
			continue
		}
		c := src[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '\'' || c == '"'):
			quote = c
		case quote == 0 && c >= 0x80:
			r, size := utf8.DecodeRuneInString(src[i:])
			if r == '‘' || r == '’' || r == '“' || r == '”' {
				reportCurlyQuote(p, t, i, i+size)
			}
			i += size
			continue
		}
		i++
	}
}

func reportCurlyQuote(p *Pass, t *template, start, end int) {
	straight := `'`
	if r, _ := utf8.DecodeRuneInString(t.Src[start:]); r == '“' || r == '”' {
		straight = `\"` // a double quote, escaped in the JSON string
	}
	p.ReportFix(t.at(start, end), "a curly quote inside Liquid delimiters breaks the tag: use a straight quote",
		Repair{Message: "write a straight quote", Edits: []TargetEdit{{At: t.at(start, end), Place: Replace, NewText: straight}}})
}
