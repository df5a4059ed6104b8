package validate

import (
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/brazelint/brazelint/internal/audience"
	"github.com/brazelint/brazelint/internal/typo"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// Schema errors inside a custom_attribute filter get messages that teach the
// comparison table (audience.AttributeTypes, AUD-12): which data type the
// comparison implies, and which comparisons fit the value given.

// The schema locations of a custom_attribute filter and of its table of
// comparison values.
const (
	customAttributeDef = "/$defs/customAttributeFilter"
	comparisonValueDef = "/$defs/comparisonValue"
)

// customAttributeFindings maps an error of the customAttributeFilter schema.
// It returns false for errors the generic mapping words well enough.
func (m mapper) customAttributeFindings(e *schema.Error, toks []any) ([]lint.Finding, bool) {
	where := frag(e)
	byComparison := strings.HasPrefix(where, comparisonValueDef+"/")
	if !byComparison && !strings.HasPrefix(where, customAttributeDef+"/") || len(toks) == 0 {
		return nil, false
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Enum: // comparison
		filter := m.valueAt(toks[:len(toks)-1])
		got, _ := k.Got.(string)
		return []lint.Finding{{Rule: lint.UnknownComparison, At: lint.ValueAt(lint.Pointer(toks...)),
			Message: unknownComparisonMessage(lint.Path(toks...), got, filter)}}, true
	case *kind.Type:
		if toks[len(toks)-1] != "value" {
			return nil, false
		}
		filter := m.valueAt(toks[:len(toks)-1])
		c, _ := filter.Get("comparison").Str()
		f := lint.Finding{Rule: lint.ComparisonValue, At: lint.ValueAt(lint.Pointer(toks...))}
		if byComparison {
			f.Message = comparisonValueMessage(lint.Path(toks...), c, filter.Get("value"))
			f.Related = []lint.Note{{At: lint.ValueAt(lint.Pointer(append(toks[:len(toks)-1:len(toks)-1], "comparison")...)), Message: "the comparison"}}
		} else {
			f.Message = compoundValueMessage(lint.Path(toks...), c, k.Got)
		}
		return []lint.Finding{f}, true
	case *kind.Format: // after, before
		c, _ := m.valueAt(toks[:len(toks)-1]).Get("comparison").Str()
		return []lint.Finding{{Rule: lint.InvalidFormat, At: lint.ValueAt(lint.Pointer(toks...)),
			Message: c + " compares time attributes, so " + formatMessage(lint.Path(toks...), k.Want) + "; to count days use the _x_days_ comparisons with a number"}}, true
	case *kind.Required:
		if !byComparison {
			return nil, false
		}
		if slices.Contains(m.typos[string(m.keyOf(e.InstanceLocation))], "value") {
			return nil, true // the misspelt value is reported
		}
		c, _ := m.valueAt(toks).Get("comparison").Str()
		return []lint.Finding{{Rule: lint.ComparisonValue, At: lint.ValueAt(lint.Pointer(toks...)),
			Message: lint.Path(toks...) + " has no value, but " + c + " compares the attribute with " + valueShape(c) +
				": add value, or use exists or does_not_exist to test only whether the attribute is set"}}, true
	}
	return nil, false
}

// valueAt returns the payload's value at toks; absent when there is none.
func (m mapper) valueAt(toks []any) lint.Value {
	v := m.root
	for _, t := range toks {
		switch t := t.(type) {
		case string:
			v = v.Get(t)
		case int:
			v = v.Index(t)
		}
	}
	return v
}

// valueShape says what value a comparison takes.
func valueShape(comparison string) string {
	switch audience.ComparisonValues[comparison] {
	case audience.NumberValue:
		return "a number"
	case audience.DaysValue:
		return "a number of days"
	case audience.DateTimeValue:
		return "an ISO 8601 datetime string"
	case audience.StringValue:
		return "a string"
	case audience.NoValue:
		return "no value"
	}
	return "a string, number or boolean"
}

// comparisonValueMessage explains a scalar value of the wrong type for its
// comparison: the data type the comparison implies, and what fits the value.
func comparisonValueMessage(name, comparison string, v lint.Value) string {
	msg := comparison + " compares " + orList(audience.TypesAllowing(comparison)) + " attributes, so " +
		name + " must be " + valueShape(comparison) + ", not " + valueKind(v)
	s, isString := v.Str()
	switch want := audience.ComparisonValues[comparison]; {
	case isString && (want == audience.NumberValue || want == audience.DaysValue) && isNumber(s):
		return msg + ": write the number without quotes"
	}
	return msg + "; " + fits(v)
}

// compoundValueMessage explains an object, array or null value, which no
// comparison takes (AUD-20, AUD-21).
func compoundValueMessage(name, comparison, got string) string {
	msg := name + " must be a single string, number or boolean, not " + article(got)
	switch {
	case got == "null":
		return msg + ": to select users without the attribute use does_not_exist"
	case got == "array" && audience.ComparisonValues[comparison] == audience.ScalarValue && strings.Contains(comparison, "include"):
		return msg + ": " + comparison + " tests one element; join one filter per element in AND or OR"
	case got == "array":
		return msg + ": join one filter per element in AND or OR"
	}
	return msg + ": write the value itself"
}

// unknownComparisonMessage explains a comparison that is not in the table. The
// payload's comparison is not quoted; a suggestion names the likely intent.
func unknownComparisonMessage(name, got string, filter lint.Value) string {
	msg := name + " is not a comparison Braze knows"
	if s := suggest(got, audience.Comparisons()); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	v := filter.Get("value")
	switch {
	case !v.Exists():
		return msg + ": without a value, use exists or does_not_exist"
	case !v.IsScalar():
		return msg + ": use one of " + strings.Join(audience.Comparisons(), ", ")
	}
	return msg + "; " + fits(v)
}

// fits names the data types a value implies and the comparisons that take it.
func fits(v lint.Value) string {
	var parts []string
	add := func(typ, how string) {
		var cs []string
		for _, c := range audience.TypeComparisons(typ) {
			if accepts(c, v) {
				cs = append(cs, c)
			}
		}
		parts = append(parts, typ+" attributes"+how+" ("+strings.Join(cs, ", ")+")")
	}
	switch {
	case v.IsBool():
		add("boolean", "")
		return "a boolean fits " + orList(parts)
	case v.IsNumber():
		add("numeric", "")
		add("time", " in days")
		return "a number fits " + orList(parts)
	case v.IsString():
		if s, _ := v.Str(); isDateTime(s) {
			add("time", "")
			add("string", "")
			return "a datetime string fits " + orList(parts)
		}
		add("string", "")
		add("array", "")
		return "a string fits " + orList(parts)
	}
	return ""
}

// accepts reports whether comparison takes the scalar v without a
// diagnostic.
func accepts(comparison string, v lint.Value) bool {
	switch audience.ComparisonValues[comparison] {
	case audience.NoValue:
		return false
	case audience.NumberValue, audience.DaysValue:
		return v.IsNumber()
	case audience.StringValue:
		return v.IsString()
	case audience.DateTimeValue:
		s, ok := v.Str()
		return ok && isDateTime(s)
	}
	return true
}

func isDateTime(s string) bool {
	_, err := schema.ParseDateTime(s)
	return err == nil
}

// valueKind names a value's JSON type as jsonKind names a decoded one's.
func valueKind(v lint.Value) string {
	if !v.Exists() {
		return "null"
	}
	return v.Kind()
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// valueAliases map words people write for an enum value to the value meant.
// An alias is suggested only when its target is allowed where it was written,
// so "is" suggests equals for a custom attribute and "equals" suggests is for
// a subscription filter.
var valueAliases = map[string]string{
	"eq": "equals", "equal": "equals", "is": "equals", "==": "equals", "=": "equals",
	"ne": "not_equal", "neq": "not_equal", "not_equals": "not_equal", "is_not": "not_equal", "!=": "not_equal",
	"gt": "greater_than", ">": "greater_than", "gte": "greater_than_or_equal_to", ">=": "greater_than_or_equal_to",
	"lt": "less_than", "<": "less_than", "lte": "less_than_or_equal_to", "<=": "less_than_or_equal_to",
	"contains": "includes_value", "includes": "includes_value", "in": "includes_value",
	"does_not_contain": "does_not_include_value", "not_contains": "does_not_include_value", "excludes": "does_not_include_value", "not_in": "does_not_include_value",
	"regex": "matches_regex", "matches": "matches_regex", "like": "matches_regex",
	"not_regex": "does_not_match_regex", "not_matches": "does_not_match_regex", "not_like": "does_not_match_regex",
	"exist": "exists", "is_set": "exists", "present": "exists",
	"not_exists": "does_not_exist", "not_exist": "does_not_exist", "is_not_set": "does_not_exist", "absent": "does_not_exist",
	"since": "after", "until": "before",
	"opted_out": "unsubscribed", "opt_out": "unsubscribed", "opt_in": "opted_in",
	"equals": "is", "not_equal": "is_not", "does_not_equal": "is_not", "isnot": "is_not", "not": "is_not",
}

// suggest returns the allowed value got most likely meant: an alias, or a
// near spelling.
func suggest(got string, allowed []string) string {
	norm := typo.Norm(strings.TrimSpace(got))
	for _, a := range []string{got, norm} {
		if s, ok := valueAliases[a]; ok && slices.Contains(allowed, s) {
			return s
		}
	}
	return closest(got, allowed)
}
