package lint

import "time"

var DateOnly = &Rule{
	ID: "date-only", severity: Warning,
	Title: "a datetime comparison is given a date without a time",
	Doc: `after and before (in custom_attribute and last_used_app filters) take an ISO 8601 datetime. A
bare date such as 2019-07-22 is ISO 8601, but not a datetime: which time of day and which time
zone Braze assumes is not documented. Write the full datetime with an offset, e.g.
2019-07-22T00:00:00+00:00.`,
	Spec:  []string{"AUD-16", "AUD-25", "AUD-27"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		audienceFilters(p.Root, func(path []any, filterType string, body Value, c string) {
			if c != "after" && c != "before" || filterType != "custom_attribute" && filterType != "last_used_app" {
				return
			}
			v, _ := body.Get("value").Str()
			// Only a string of a date's length can be one: a datetime is
			// longer, and a failed time.Parse allocates its error.
			if len(v) != len(time.DateOnly) {
				return
			}
			if _, err := time.Parse(time.DateOnly, v); err == nil {
				at := append(path, "value")
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is a date without a time: write a full datetime with an offset, e.g. 2019-07-22T00:00:00+00:00")
			}
		})
	},
}
