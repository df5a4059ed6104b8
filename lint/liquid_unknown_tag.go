package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidUnknownTag = &Rule{
	ID: "liquid-unknown-tag", severity: Error,
	Title: "a Liquid tag that Braze does not have",
	Doc: "Braze accepts the tags of Shopify's Liquid 5 (`if`, `unless`, `case`, `for`, `tablerow`, `assign`, `capture`, `increment`, `decrement`, `cycle`, `break`, `continue`, " +
		"`comment`, `raw`, `echo`, `liquid`, `render`, `{% # %}`) and its own (`connected_content`, `abort_message`, `catalog_items`, `catalog_selection_items`, `promotion`, " +
		"`message_extras`, `translation`, `shopping_cart` (with its option `:abort_if_not_abandoned false`), and `random`: `{% random %}` for a float in [0, 1), " +
		"`{% random N %}` for a whole number from 0 to N−1). Any other tag name fails the render with \"Unknown tag\": check the spelling (`endif`, not `end if`). " +
		"In a `/campaigns/trigger/send` body the Liquid in `trigger_properties` and recipient `attributes` values is checked too, as a warning (LIQ-44).",
	Spec:      []string{"LIQ-16", "LIQ-18", "LIQ-19", "LIQ-44"},
	Endpoints: templated,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factUnknownTag) {
			return
		}
		p.eachNode(func(t *template, n *liquid.Node) {
			if n.Kind == liquid.Tag && n.Name != "" && !liquid.KnownTag(n.Name) {
				p.reportIn(t, n.NameStart, n.NameStart+len(n.Name), "Braze has no Liquid tag named "+quoteName(n.Name)+": check its spelling, or see the supported tags in `brazelint explain liquid-unknown-tag`")
			}
		})
	},
}

// quoteName quotes a Liquid name (a tag, filter or namespace: template code,
// not personal data) for a message, cut to a readable length.
func quoteName(name string) string {
	if len(name) > 40 {
		name = name[:40] + "…"
	}
	return "`" + name + "`"
}
