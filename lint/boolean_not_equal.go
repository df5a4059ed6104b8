package lint

import "github.com/brazelint/brazelint/internal/audience"

// legacyKinds are the value kinds of the legacy comparisons.
var legacyKinds = func() kindSet {
	var s kindSet
	for c := range audience.LegacyComparisons {
		s |= kindsOf(c)
	}
	return s
}()

var BooleanNotEqual = &Rule{
	ID: "boolean-not-equal", severity: Warning,
	Title: "a custom_attribute filter uses the legacy comparison does_not_equal",
	Doc: `Braze's current docs spell "not equal" not_equal for every data type, booleans included
(string, numeric and boolean attributes: equals, not_equal). Earlier revisions spelled the
boolean comparison does_not_equal; it is still accepted, but it is a legacy spelling, so it gets
a warning whatever its value: use not_equal. With a value that is not a boolean, the message adds
that does_not_equal was only ever documented for boolean attributes. not_equal with a boolean
value draws no finding.`,
	Spec:  []string{"AUD-12", "AUD-13", "AUD-14", "INC-23"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		customAttributeFilters(p.Root, legacyKinds, func(path []any, body Value, c string, _ audience.ValueKind) {
			current, legacy := audience.LegacyComparisons[c]
			if !legacy {
				return
			}
			comparison := append(path, "comparison")
			msg := Path(comparison...) + " is " + c + ", the legacy spelling of " + current + ": use " + current
			if v := body.Get("value"); v.Exists() {
				if !v.IsBool() {
					msg += " (" + c + " was only ever documented for boolean attributes)"
				}
			}
			at := ValueAt(Pointer(comparison...))
			p.ReportFix(at, msg, Repair{Message: "replace " + c + " with " + current, Edits: []TargetEdit{{at, Replace, `"` + current + `"`}}})
		})
	},
}
