package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidJSONEscape = &Rule{
	ID: "liquid-json-escape", severity: Info,
	Title: "a personalization value inside a JSON string of a webhook body without json_escape",
	Doc: "A webhook `body` that is JSON breaks when a templated value holds a quote or a backslash. Braze's advice: always pass personalization " +
		"inside a JSON string through `json_escape`, as in `\"name\": \"{{${first_name} | json_escape}}\"`. " +
		"Outputs that end in a hash, base64 or URL-encoding filter hold no quote or backslash and are left alone.",
	Spec:      []string{"LIQ-40"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			if !t.is("webhook", "body") {
				continue
			}
			if s := strings.TrimSpace(t.Src); s == "" || s[0] != '{' && s[0] != '[' {
				continue // not JSON
			}
			inString, escaped, pos := false, false, 0
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Parent >= 0 {
					continue
				}
				for _, c := range []byte(t.Src[pos:n.Start]) { // the JSON text between templates
					switch {
					case escaped:
						escaped = false
					case c == '\\' && inString:
						escaped = true
					case c == '"':
						inString = !inString
					}
				}
				pos = n.End
				if inString && n.Kind == liquid.Output && hasRef(t, n) && !jsonSafe(t, n) {
					p.reportIn(t, n.Start, n.End, "a personalization value inside a JSON string can break the body: add | json_escape")
				}
			}
		}
	},
}

// jsonSafe reports whether an output is escaped for JSON, or ends in a filter
// whose output holds no quote or backslash: a hash, base64 or URL encoding.
func jsonSafe(t *template, n *liquid.Node) bool {
	if hasFilter(t, n, "json_escape") {
		return true
	}
	fs := t.Filters(n)
	if len(fs) == 0 {
		return false
	}
	switch last := fs[len(fs)-1].Name; {
	case last == "md5", last == "sha1", last == "sha2", strings.HasPrefix(last, "hmac_"), strings.HasPrefix(last, "base64"),
		last == "url_escape", last == "url_param_escape", last == "url_encode":
		return true
	}
	return false
}
