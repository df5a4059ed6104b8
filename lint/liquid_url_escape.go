package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidURLEscape = &Rule{
	ID: "liquid-url-escape", Severity: Info,
	Title: "an attribute in a connected_content query without url_param_escape",
	Doc: "A personalization value templated into the query of a `connected_content` URL breaks the URL when it holds `@`, `&`, `#` or a space: " +
		"pass it through `url_param_escape` (or `url_escape` / `url_encode`), as in `?email={{${email_address} | url_param_escape}}`.",
	Spec:      []string{"LIQ-31"},
	Endpoints: []Endpoint{MessagesSend},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind != liquid.Tag || n.Name != "connected_content" {
					continue
				}
				u := t.ReadConnectedContent(n).URL
				q := strings.IndexByte(t.Src[u.Start:u.End], '?')
				if q < 0 {
					continue
				}
				for k := j + 1; k < len(t.Nodes); k++ {
					out := &t.Nodes[k]
					if out.Parent == j && out.Start > u.Start+q && out.End <= u.End && hasRef(t, out) && !hasFilter(t, out, "url_param_escape", "url_escape", "url_encode") {
						p.reportIn(t, out.Start, out.End, "a personalization value in the URL's query is not escaped: add | url_param_escape")
					}
				}
			}
		}
	},
}

// hasRef reports whether the node's expression holds a `${...}` reference.
func hasRef(t *template, n *liquid.Node) bool {
	for _, tok := range n.Toks {
		if tok.Kind == liquid.Path && t.PathRef(tok).HasRef {
			return true
		}
	}
	return false
}

// hasFilter reports whether the node's expression applies one of names.
func hasFilter(t *template, n *liquid.Node, names ...string) bool {
	for _, f := range t.Filters(n) {
		for _, name := range names {
			if f.Name == name {
				return true
			}
		}
	}
	return false
}
