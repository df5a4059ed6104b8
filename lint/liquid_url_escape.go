package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidURLEscape = &Rule{
	ID: "liquid-url-escape", severity: Info,
	Title: "a personalization value in a URL without URL encoding",
	Doc: "A personalization value templated into the query of a `connected_content` URL breaks the URL when it holds `@`, `&`, `#` or a space: " +
		"pass it through `url_param_escape` (or `url_escape` / `url_encode`), as in `?email={{${email_address} | url_param_escape}}`. " +
		"Campaign and message names may hold `%`, spaces or `&` as well: `{{campaign.${name}}}` or `{{campaign.${message_name}}}` in a link " +
		"(the value of an HTML `href`, `src`, `action`, `srcset` or `background` attribute, a Markdown link target, or a member that holds a URL), " +
		"for example as a `utm_campaign` parameter, needs `| url_encode` too.",
	Spec:      []string{"LIQ-31", "LIQ-43", "LIQ-47"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factConnectedContent | factCampaignName) {
			return
		}
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			var urls []liquid.Span // read once, on the first campaign name
			urlsRead := false
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind == liquid.Output && n.Parent < 0 && hasCampaignName(t, n) && !hasFilter(t, n, "url_param_escape", "url_escape", "url_encode") {
					if !urlsRead {
						urls, urlsRead = t.URLSpans(), true
					}
					if isURLMember(t.Key) || liquid.InSpans(urls, n.Start) {
						p.reportIn(t, n.Start, n.End, "a campaign or message name in a link may hold characters that break the URL: add | url_encode")
					}
					continue
				}
				if n.Kind != liquid.Tag || n.Name != "connected_content" {
					continue
				}
				u := t.ReadConnectedContent(n).URL
				q := strings.IndexByte(t.Src[u.Start:u.End], '?')
				if q < 0 {
					continue
				}
				// Nodes are in source order: the outputs in the URL come
				// before the first node past it.
				for k := j + 1; k < len(t.Nodes) && t.Nodes[k].Start < u.End; k++ {
					out := &t.Nodes[k]
					if out.Parent == j && out.Start > u.Start+q && out.End <= u.End && hasRef(t, out) && !hasFilter(t, out, "url_param_escape", "url_escape", "url_encode") {
						p.reportIn(t, out.Start, out.End, "a personalization value in the URL's query is not escaped: add | url_param_escape")
					}
				}
			}
		}
	},
}

// hasCampaignName reports whether the output's expression reads the
// campaign's name or message name (LIQ-47).
func hasCampaignName(t *template, n *liquid.Node) bool {
	for _, tok := range n.Toks {
		if tok.Kind == liquid.Path {
			if ref := t.PathRef(tok); ref.Root == "campaign" && (ref.Name == "name" || ref.Name == "message_name") {
				return true
			}
		}
	}
	return false
}

// hasRef reports whether the node's expression holds a `${...}` reference.
func hasRef(t *template, n *liquid.Node) bool {
	for _, tok := range n.Toks {
		if tok.Kind == liquid.Path && t.HasRef(tok) {
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
