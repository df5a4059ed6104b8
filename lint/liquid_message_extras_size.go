package lint

import (
	"strconv"

	"github.com/brazelint/brazelint/lint/liquid"
)

// messageExtrasLimit is the documented limit of message_extras keys and
// values together, in bytes (LIQ-22).
const messageExtrasLimit = 1000

var LiquidMessageExtrasSize = &Rule{
	ID: "liquid-message-extras-size", severity: Warning,
	Title: "message_extras keys and values over 1 KB",
	Doc: "The keys and values of a message's `message_extras` tags may total at most 1 KB. brazelint counts the literal text of each `:key` and `:value` in a string " +
		"(what Liquid outputs add is known only at render) and warns at the tag that passes the limit.",
	Spec:      []string{"LIQ-18", "LIQ-22"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factMessageExtras) {
			return
		}
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			total := 0
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind != liquid.Tag || n.Name != "message_extras" {
					continue
				}
				for _, o := range t.ReadOptions(n) {
					if o.Name == "key" || o.Name == "value" {
						total += literalLen(t, j, o.Value)
					}
				}
				if total > messageExtrasLimit {
					p.reportIn(t, n.Start, n.End, "message_extras keys and values total "+strconv.Itoa(total)+" bytes of literal text, over the 1,000-byte limit: shorten them")
					break
				}
			}
		}
	},
}

// literalLen is the length of s, in the arguments of the tag at index tag,
// without the Liquid outputs nested there.
func literalLen(t *template, tag int, s liquid.Span) int {
	n := s.End - s.Start
	for _, node := range t.Nodes[tag+1:] {
		if node.Start >= s.End {
			break // nodes are in source order: the rest are past s
		}
		if node.Parent == tag && node.Start >= s.Start && node.End <= s.End {
			n -= node.End - node.Start
		}
	}
	return n
}
