package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidOperator = &Rule{
	ID: "liquid-operator", severity: Warning,
	Title: "a C-style boolean operator (`&&`, double bar) in a Liquid expression",
	Doc: "Liquid's operators are `==`, `!=`, `<>`, `>`, `<`, `>=`, `<=`, `contains`, `and` and `or`. `&&` and `||` are not among them (one of Braze's own examples uses `&&`), " +
		"and how a template with them renders is not documented: write `and` or `or`.",
	Spec:      []string{"LIQ-11", "LIQ-I5"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factBadOperator) {
			return
		}
		p.eachNode(func(t *template, n *liquid.Node) {
			for _, tok := range n.Toks {
				if tok.Kind == liquid.BadOperator {
					word := "and"
					if t.Text(tok) == "||" {
						word = "or"
					}
					p.reportIn(t, tok.Start, tok.End, t.Text(tok)+" is not a Liquid operator: write "+word)
				}
			}
		})
	},
}
