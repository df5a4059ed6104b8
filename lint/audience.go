package lint

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

// MaxAudienceDepth is how many AND/OR operators deep an audience may nest
// before audience-too-deep warns (AUD-6). Braze documents no limit; the JSON
// depth limit (validate.DefaultMaxDepth) is the hard one.
const MaxAudienceDepth = 10

// Filter names for the audience walk.
var (
	operators   = []string{"AND", "OR"}
	filterTypes = []string{"custom_attribute", "push_subscription_status", "email_subscription_status", "last_used_app"}
	// The same names as path tokens, boxed once: boxing a string in the walk
	// would allocate at every node.
	operatorTokens   = []any{"AND", "OR"}
	filterTypeTokens = []any{"custom_attribute", "push_subscription_status", "email_subscription_status", "last_used_app"}
)

// The audience walk. It runs once per rule on every payload with an audience,
// so it allocates nothing per node: path is the walk's own stack, valid only
// during the call. Rules turn it into a pointer or a message (Pointer, Path)
// at once and never keep it.

// eachAudienceNode calls visit for every object node of the payload's audience
// tree, parents before children, with the number of AND/OR operators that
// enclose it. Nodes of the wrong type are the schema's to report and are
// skipped; nesting is bounded by the parser's depth limit.
func eachAudienceNode(root map[string]any, visit func(path []any, depth int, node map[string]any)) {
	audience, ok := root["audience"]
	if !ok {
		return
	}
	path := make([]any, 1, 16)
	path[0] = "audience"
	walkAudience(path, 0, audience, visit)
}

func walkAudience(path []any, depth int, v any, visit func([]any, int, map[string]any)) {
	node, ok := object(v)
	if !ok {
		return
	}
	visit(path, depth, node)
	for k, op := range operators {
		list, _ := array(node[op])
		for i, child := range list {
			walkAudience(append(path, operatorTokens[k], i), depth+1, child, visit)
		}
	}
}

// eachFilter calls visit for every filter of the audience whose body is an
// object; path ends in the filter's key (audience/AND/0/custom_attribute).
func eachFilter(root map[string]any, visit func(path []any, filterType string, body map[string]any)) {
	eachAudienceNode(root, func(path []any, _ int, node map[string]any) {
		for k, t := range filterTypes {
			if body, ok := object(node[t]); ok {
				visit(append(path, filterTypeTokens[k]), t, body)
			}
		}
	})
}

// eachCustomAttribute calls visit for every custom_attribute filter whose
// comparison is valid.
func eachCustomAttribute(root map[string]any, visit func(path []any, body map[string]any, comparison string)) {
	eachFilter(root, func(path []any, filterType string, body map[string]any) {
		if filterType != "custom_attribute" {
			return
		}
		c, _ := str(body["comparison"])
		if _, ok := ComparisonValues[c]; ok {
			visit(path, body, c)
		}
	})
}
