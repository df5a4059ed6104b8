package lint

import "github.com/brazelint/brazelint/internal/audience"

var ValueIgnored = &Rule{
	ID: "value-ignored", severity: Warning,
	Title: "exists or does_not_exist is given a value",
	Doc: `exists and does_not_exist test only whether the attribute is set, and take no value. A value
there is ignored at best, and often means another comparison was meant; "exists" with false
reads like does_not_exist but is not documented to mean it. Remove the value, or pick the
comparison that uses it.`,
	Spec:  []string{"AUD-15"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		customAttributeFilters(p.Root, 1<<audience.NoValue, func(path []any, body Value, c string, kind audience.ValueKind) {
			if kind != audience.NoValue || !body.Get("value").IsScalar() {
				return // no value, or one the schema reports as the wrong type
			}
			at := append(path, "value")
			msg := c + " takes no value, so " + Path(at...) + " is ignored: remove it"
			if body.Get("value").IsFalse() {
				opposite := map[string]string{"exists": "does_not_exist", "does_not_exist": "exists"}[c]
				msg += ", and use " + opposite + " if that is what false meant"
			}
			p.Report(MemberAt(Pointer(at...)), msg)
		})
	},
}
