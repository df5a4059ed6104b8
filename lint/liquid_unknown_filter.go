package lint

import "github.com/brazelint/brazelint/lint/liquid"

var LiquidUnknownFilter = &Rule{
	ID: "liquid-unknown-filter", severity: Warning,
	Title: "a Liquid filter Braze does not list",
	Doc: "Braze lists the filters it supports: array `join first last compact concat index map reverse size sort sort_natural uniq where`; " +
		"math `abs at_most at_least ceil divided_by floor minus plus round times modulo`; `money`; string `append capitalize downcase escape md5 sha1 hmac_sha1_hex hmac_sha256 " +
		"hmac_sha512 newline_to_br prepend remove remove_first replace replace_first slice split strip strip_html strip_newlines truncate truncatewords upcase`; " +
		"`date default time_zone`; advanced `sha2 base64 base64_encode hmac_sha1_base64 hmac_sha256_hex hmac_sha256_base64 url_escape url_param_escape url_encode " +
		"property_accessor number_with_delimiter json_escape` (and the older name `hmac_sha1`). A filter in neither this list nor the unsupported one is a warning: " +
		"Braze says the list may not be complete, so check the spelling and test the message. " +
		"In a `/campaigns/trigger/send` body the Liquid in `trigger_properties` and recipient `attributes` values is checked too (LIQ-44).",
	Spec:      []string{"LIQ-33", "LIQ-35", "LIQ-36", "LIQ-I2", "LIQ-I4", "LIQ-I6", "LIQ-44"},
	Endpoints: templated,
	needs:     []string{needTemplates},
	Check: func(p *Pass) {
		if !p.has(factUnknownFilter) {
			return
		}
		p.eachFilter(func(t *template, f liquid.Filter) {
			if !liquid.SupportedFilters[f.Name] && !liquid.UnsupportedFilters[f.Name] {
				p.reportIn(t, f.Start, f.End, "Braze does not list a filter named "+quoteName(f.Name)+": check its spelling, and test the message if it is meant")
			}
		})
	},
}
