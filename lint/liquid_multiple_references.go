package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidMultipleReferences = &Rule{
	ID: "liquid-multiple-references", severity: Warning,
	Title: "two personalization references in one expression",
	Doc: "Braze does not render a personalization reference passed as a filter argument next to another one: " +
		"`{{custom_attribute.${one} | plus: {{custom_attribute.${two}}}}}` does not work. Assign one to a variable first " +
		"(`{% assign two = {{custom_attribute.${two}}} %}`) and pass the variable (`| plus: two`).",
	Spec:      []string{"LIQ-37", "LIQ-8"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factRefArgument) {
			return
		}
		p.eachNode(func(t *template, n *liquid.Node) {
			// The references of the expression before its first filter.
			main := false
			for _, tok := range n.Toks {
				if tok.Kind == liquid.Pipe {
					break
				}
				main = main || isRefToken(t, tok)
			}
			if !main {
				return
			}
			for _, f := range t.Filters(n) {
				for _, arg := range f.Args {
					if isRefToken(t, arg) {
						p.reportIn(t, arg.Start, arg.End, "a personalization reference as a filter argument next to another reference does not render: assign it to a variable first and pass the variable")
					}
				}
			}
		})
	},
}

// isRefToken reports whether tok is a `${...}` reference, bare or in a nested
// output.
func isRefToken(t *template, tok liquid.Token) bool {
	switch tok.Kind {
	case liquid.Path:
		return t.HasRef(tok)
	case liquid.Nested:
		return hasRef(t, &t.Nodes[tok.Node])
	}
	return false
}
