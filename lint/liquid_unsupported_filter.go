package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidUnsupportedFilter = &Rule{
	ID: "liquid-unsupported-filter", severity: Error,
	Title: "a Liquid filter Braze documents as not supported",
	Doc: "Braze documents these Shopify filters as not supported: `money_with_currency`, `money_without_currency`, `camelcase`, `handle`, `handleize`, `pluralize`, " +
		"`lstrip`, `rstrip`, `format_address`, `highlight`, and every colour and font filter. Use a supported filter (`strip` for `lstrip`/`rstrip`, `money` for the money filters). " +
		"In a `/campaigns/trigger/send` body the Liquid in `trigger_properties` and recipient `attributes` values is checked too, as a warning (LIQ-44).",
	Spec:      []string{"LIQ-34", "LIQ-44"},
	Endpoints: templated,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factUnsupportedFilter) {
			return
		}
		p.eachFilter(func(t *template, f liquid.Filter) {
			if liquid.UnsupportedFilters[f.Name] {
				p.reportIn(t, f.Start, f.End, "Braze does not support the "+quoteName(f.Name)+" filter: use a supported one (see `brazelint explain liquid-unknown-filter`)")
			}
		})
	},
}
