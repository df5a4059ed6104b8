package lint

import "strings"

var LiquidHTMLComment = &Rule{
	ID: "liquid-html-comment", severity: Info,
	Title: "liquid inside an HTML comment of an email body",
	Doc: "Braze renders Liquid inside HTML comments (`<!-- -->`) of the HTML body, but drops it from the plain-text version it generates. " +
		"If the Liquid matters to the message (a `connected_content` call, an `abort_message`), move it out of the comment.",
	Spec:      []string{"LIQ-41"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			if !t.is("email", "body") {
				continue
			}
			next := 0 // the first node not yet passed
			for pos := 0; ; {
				open := strings.Index(t.Src[pos:], "<!--")
				if open < 0 {
					break
				}
				open += pos
				end := len(t.Src)
				if k := strings.Index(t.Src[open+4:], "-->"); k >= 0 {
					end = open + 4 + k + 3
				}
				for next < len(t.Nodes) && t.Nodes[next].Start < open {
					next++
				}
				if next < len(t.Nodes) && t.Nodes[next].Start < end {
					n := &t.Nodes[next]
					p.reportIn(t, n.Start, n.End, "Liquid inside an HTML comment is left out of the plain-text version of the email: move it out of the comment if it matters")
				}
				pos = end
			}
		}
	},
}
