package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidDefault = &Rule{
	ID: "liquid-default", Severity: Info,
	Title: "a user attribute output without a default",
	Doc: "`{{${first_name}}}` renders empty for users without the attribute (\"Hi ,\"). Give bare outputs of standard and custom attributes a fallback: " +
		"`{{${first_name} | default: 'there'}}`. Outputs with other filters are left alone (the reading of \"bare\" this rule takes), and so are URLs (members named `url`, `uri` or ending in `_url`/`_uri`), " +
		"where a fallback would send the wrong user's link rather than an empty one, header values, and outputs of a reference that an `if`, `unless` or `case` " +
		"of the same string tests.",
	Spec:      []string{"LIQ-39"},
	Endpoints: []Endpoint{MessagesSend},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			if isURLMember(t.Key) || strings.Contains(t.Pointer, "headers/") {
				continue // machine values: a fallback would not help
			}
			var guarded map[string]bool // references an if, unless or case tests
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind == liquid.Tag && (n.Name == "if" || n.Name == "elsif" || n.Name == "unless" || n.Name == "case") {
					for _, tok := range n.Toks {
						text := t.Text(tok)
						if tok.Kind == liquid.Nested {
							text = t.Args(&t.Nodes[tok.Node])
						}
						if guarded == nil {
							guarded = map[string]bool{}
						}
						guarded[text] = true
					}
				}
			}
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind != liquid.Output || n.Parent >= 0 || len(n.Toks) != 1 || n.Toks[0].Kind != liquid.Path || guarded[t.Text(n.Toks[0])] {
					continue
				}
				if ref := t.PathRef(n.Toks[0]); ref.HasRef && (ref.Root == "" || ref.Root == "custom_attribute") {
					p.reportIn(t, n.Start, n.End, "this attribute renders empty for users without it: add a fallback such as | default: 'there'")
				}
			}
		}
	},
}

// isURLMember reports whether a member holds a URL by its name.
func isURLMember(key string) bool {
	return key == "url" || key == "uri" || strings.HasSuffix(key, "_url") || strings.HasSuffix(key, "_uri")
}
