// Package audience is the connected audience grammar as data, shared by the
// lint rules and validate's audience messages: not API, so that no caller can
// change the tables the rules read.
package audience

import "slices"

// The connected audience grammar (AUD-1..AUD-28) as data: which comparisons
// each custom attribute data type allows and what value each comparison
// takes. The schema's customAttributeFilter encodes the same table for other
// validators; a test in package validate keeps the two in step.

// AttributeType is a custom attribute data type and the comparisons it
// allows (AUD-12).
type AttributeType struct {
	Name        string
	Comparisons []string
}

// AttributeTypes lists the data types in the order Braze's docs give them,
// with the current comparisons (AUD-12, revised: booleans use not_equal).
var AttributeTypes = []AttributeType{
	{"string", []string{"equals", "not_equal", "matches_regex", "does_not_match_regex", "exists", "does_not_exist"}},
	{"array", []string{"includes_value", "does_not_include_value", "exists", "does_not_exist"}},
	{"numeric", []string{"equals", "not_equal", "greater_than", "greater_than_or_equal_to", "less_than", "less_than_or_equal_to", "exists", "does_not_exist"}},
	{"boolean", []string{"equals", "not_equal", "exists", "does_not_exist"}},
	{"time", []string{"less_than_x_days_ago", "greater_than_x_days_ago", "less_than_x_days_in_the_future", "greater_than_x_days_in_the_future", "after", "before", "exists", "does_not_exist"}},
}

// ValueKind is the value a comparison takes.
type ValueKind uint8

const (
	NoValue       ValueKind = iota // exists, does_not_exist: value is not needed (AUD-15)
	ScalarValue                    // a string, number or boolean (AUD-10, AUD-20, AUD-21)
	StringValue                    // a string (AUD-17)
	NumberValue                    // a number (AUD-19)
	DateTimeValue                  // an ISO 8601 datetime string (AUD-16)
	DaysValue                      // a number of days (AUD-18)
)

// LegacyComparisons maps the comparisons older docs spell differently to
// their current spelling. They still pass the union check (AUD-13), and
// boolean-not-equal warns about them (AUD-14).
var LegacyComparisons = map[string]string{"does_not_equal": "not_equal"}

// ComparisonValues says what value each comparison takes, the legacy
// spellings included.
var ComparisonValues = map[string]ValueKind{
	"equals":                            ScalarValue,
	"not_equal":                         ScalarValue,
	"does_not_equal":                    ScalarValue,
	"matches_regex":                     StringValue,
	"does_not_match_regex":              StringValue,
	"includes_value":                    ScalarValue,
	"does_not_include_value":            ScalarValue,
	"greater_than":                      NumberValue,
	"greater_than_or_equal_to":          NumberValue,
	"less_than":                         NumberValue,
	"less_than_or_equal_to":             NumberValue,
	"less_than_x_days_ago":              DaysValue,
	"greater_than_x_days_ago":           DaysValue,
	"less_than_x_days_in_the_future":    DaysValue,
	"greater_than_x_days_in_the_future": DaysValue,
	"after":                             DateTimeValue,
	"before":                            DateTimeValue,
	"exists":                            NoValue,
	"does_not_exist":                    NoValue,
}

// Comparisons returns every current comparison (AUD-12, AUD-13), in the docs'
// order; LegacyComparisons are valid too.
func Comparisons() []string {
	var out []string
	for _, t := range AttributeTypes {
		for _, c := range t.Comparisons {
			if !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// TypesAllowing returns the names of the data types that allow comparison.
func TypesAllowing(comparison string) []string {
	var out []string
	for _, t := range AttributeTypes {
		if slices.Contains(t.Comparisons, comparison) {
			out = append(out, t.Name)
		}
	}
	return out
}

// TypeComparisons returns the comparisons the named data type allows.
func TypeComparisons(name string) []string {
	for _, t := range AttributeTypes {
		if t.Name == name {
			return t.Comparisons
		}
	}
	return nil
}
