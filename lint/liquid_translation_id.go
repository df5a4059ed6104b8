package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidTranslationID = &Rule{
	ID: "liquid-translation-id", severity: Error,
	Title: "two translation blocks with the same id",
	Doc:   "Each `{% translation id %}` block of a message needs its own id: the locale files map ids to translations, so two blocks with one id get the same text. Rename one of them.",
	Spec:  []string{"LIQ-18", "LIQ-21"}, Endpoints: inlineMessages,
	needs: []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factTranslation) {
			return
		}
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			var seen map[string]*liquid.Node
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind != liquid.Tag || n.Name != "translation" {
					continue
				}
				id := strings.TrimSpace(t.Args(n))
				if first, dup := seen[id]; dup && id != "" {
					p.reportIn(t, n.ArgStart, n.ArgEnd, "this translation id is already used in this string: give each translation block its own id",
						Note{t.at(first.ArgStart, first.ArgEnd), "the first block with this id"})
					continue
				}
				if seen == nil {
					seen = map[string]*liquid.Node{}
				}
				seen[id] = n
			}
		}
	},
}
