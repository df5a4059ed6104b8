package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidUnusedSave = &Rule{
	ID: "liquid-unused-save", severity: Info,
	Title: "a connected_content :save variable that nothing reads",
	Doc: "`:save name` keeps the response for the template to read (`{{name.field}}`, `{% if name.__http_status_code__ != 200 %}`). " +
		"A variable no template of the message reads means the call's result is unused: read it, check its status, or drop `:save`.",
	Spec:      []string{"LIQ-32"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factConnectedContent) {
			return
		}
		ts := p.templates()
		read := map[string]bool{}
		type saved struct {
			t    *template
			name string
			at   liquid.Span
		}
		var saves []saved
		for i := range ts {
			t := &ts[i]
			for j := range t.Nodes {
				n := &t.Nodes[j]
				for _, tok := range n.Toks {
					if tok.Kind == liquid.Path {
						read[t.PathRef(tok).Root] = true
					}
				}
				if n.Kind == liquid.Tag && n.Name == "connected_content" {
					for _, o := range t.ReadConnectedContent(n).Options {
						if o.Name == "save" && o.Value.End > o.Value.Start {
							saves = append(saves, saved{t, t.Src[o.Value.Start:o.Value.End], o.Value})
						}
					}
				}
			}
		}
		for _, s := range saves {
			if !read[s.name] {
				p.reportIn(s.t, s.at.Start, s.at.End, "nothing in the message reads this :save variable: use the response, check its __http_status_code__, or drop :save")
			}
		}
	},
}
