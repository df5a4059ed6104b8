package lint

import (
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

var LiquidDefault = &Rule{
	ID: "liquid-default", severity: Info,
	Title: "a user attribute output without a default",
	Doc: "`{{${first_name}}}` renders empty for users without the attribute (\"Hi ,\"). Give bare outputs of standard and custom attributes a fallback: " +
		"`{{${first_name} | default: 'there'}}`. Device values (`most_recently_used_device.*`, `targeted_device.*`) count too: they are empty for a user who never used the app, " +
		"or whose push token was imported through the API. " +
		"Values Braze generates for every user are never empty and are left alone: `${set_user_to_unsubscribed_url}`, `${set_user_to_subscribed_url}`, " +
		"`${set_user_to_opted_in_url}`, `${set_user_to_one_click_list_unsubscribe}`, `${preference_center_url}` (and the older `${unsubscribe_url}`), `${braze_id}`, " +
		"`${random_bucket_number}`, `${user_id}` in a send addressed by `external_user_ids` alone, `${email_address}` in an email, and every `campaign`, `card` and `canvas` value. " +
		"So are URLs, where a fallback such as `default: 'there'` would be wrong: outputs in the value of an HTML `href`, `src`, `action`, `srcset` or `background` attribute, " +
		"in a Markdown link target, or in a member that holds a URL (the members the schema types as URLs: `url`, `uri` and names ending in `_url` or `_uri`). " +
		"Outputs with other filters are left alone (the reading of \"bare\" this rule takes), and so are header values and outputs of a reference that an `if`, `unless` or `case` " +
		"of the same string tests.",
	Spec:      []string{"LIQ-39", "LIQ-42", "LIQ-43", "LIQ-46"},
	Endpoints: inlineMessages,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		ts := p.templates()
		for i := range ts {
			t := &ts[i]
			if isURLMember(t.Key) || t.headers {
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
			var urls []liquid.Span // read once, on the first candidate
			urlsRead := false
			for j := range t.Nodes {
				n := &t.Nodes[j]
				if n.Kind != liquid.Output || n.Parent >= 0 || len(n.Toks) != 1 || n.Toks[0].Kind != liquid.Path || guarded[t.Text(n.Toks[0])] {
					continue
				}
				msg := mayRenderEmpty(p, t, t.PathRef(n.Toks[0]))
				if msg == "" {
					continue
				}
				if !urlsRead {
					urls, urlsRead = t.URLSpans(), true
				}
				if !liquid.InSpans(urls, n.Start) {
					p.reportIn(t, n.Start, n.End, msg)
				}
			}
		}
	},
}

// mayRenderEmpty returns the finding for a bare output of ref when its value
// may be missing for a user, or "" when it cannot be (LIQ-39, LIQ-42, LIQ-46).
func mayRenderEmpty(p *Pass, t *template, ref liquid.Ref) string {
	if !ref.HasRef {
		return ""
	}
	switch ref.Root {
	case "":
		switch {
		case liquid.GeneratedAttributes[ref.Name],
			ref.Name == "user_id" && addressedByExternalID(p.Root),
			ref.Name == "email_address" && t.Channel == "email":
			return ""
		}
		return "this attribute renders empty for users without it: add a fallback such as | default: 'there'"
	case "custom_attribute":
		return "this attribute renders empty for users without it: add a fallback such as | default: 'there'"
	case "most_recently_used_device", "targeted_device":
		return "this device value is empty for users without a known device: add a fallback such as | default: ''"
	}
	return "" // campaign, card and canvas values are Braze's own; others are other rules' business
}

// addressedByExternalID reports whether a send reaches its users by
// external_user_ids alone, so every recipient has a user_id (LIQ-42).
func addressedByExternalID(root Value) bool {
	_, ids := nonEmpty(root.Get("external_user_ids"))
	_, aliases := nonEmpty(root.Get("user_aliases"))
	return ids && !aliases
}

// isURLMember reports whether a member holds a URL by its name. Every string
// member the schemas type as a URL is named so (TestURLMembersAreNamedSo).
func isURLMember(key string) bool {
	return key == "url" || key == "uri" || strings.HasSuffix(key, "_url") || strings.HasSuffix(key, "_uri")
}
