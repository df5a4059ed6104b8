package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/internal/audience"
	"github.com/brazelint/brazelint/lint"
)

// withAudience wraps an audience in a /messages/send payload that is
// otherwise clean.
func withAudience(audience string) []byte {
	return []byte(`{"external_user_ids": ["u"], ` + okSMS + `, "audience": ` + audience + `}`)
}

// customAttribute writes a custom_attribute filter; value is raw JSON, or ""
// for none.
func customAttribute(comparison, value string) string {
	s := `{"custom_attribute": {"custom_attribute_name": "attr", "comparison": "` + comparison + `"`
	if value != "" {
		s += `, "value": ` + value
	}
	return s + `}}`
}

// sampleValues are one value of each shape a custom_attribute value can take.
var sampleValues = []string{"", `"blue"`, `"5"`, `"true"`, `"2019-07-22T13:17:55+0000"`, `"2019-07-22"`, `5`, `-2`, `2.5`, `true`, `false`}

// wantsError says whether a comparison taking k rejects value (raw JSON, ""
// for none) with an error. It is written from the spec (AUD-14..AUD-19), apart
// from both the schema's if/then table and the message code, so the test
// catches the two drifting apart.
func wantsError(k audience.ValueKind, value string) bool {
	if value == "" {
		return k != audience.NoValue
	}
	var v any
	json.Unmarshal([]byte(value), &v)
	s, isString := v.(string)
	_, isNumber := v.(float64)
	switch k {
	case audience.StringValue:
		return !isString
	case audience.NumberValue, audience.DaysValue:
		return !isNumber
	case audience.DateTimeValue:
		// A bare date passes with a date-only warning (AUD-27).
		return !isString || s != "2019-07-22T13:17:55+0000" && s != "2019-07-22"
	}
	return false
}

// TestComparisonTable runs every comparison against every value shape and
// checks that the schema and the Go table agree on which are errors, and that
// each error is located at the value (or at the filter, for a missing value).
func TestComparisonTable(t *testing.T) {
	if got := audience.Comparisons(); len(got) != 18 {
		t.Fatalf("audience.Comparisons() has %d comparisons, want the 18 current ones of AUD-13", len(got))
	}
	// The legacy does_not_equal still passes the union check (AUD-13,
	// revised): it takes what not_equal takes and gets a warning instead.
	for _, c := range append(audience.Comparisons(), "does_not_equal") {
		k, ok := audience.ComparisonValues[c]
		if !ok {
			t.Fatalf("comparison %s has no value kind", c)
		}
		for _, value := range sampleValues {
			name := c + "/" + value
			if value == "" {
				name = c + "/no value"
			}
			t.Run(name, func(t *testing.T) {
				var errs []lint.Diagnostic
				for _, d := range Bytes(MessagesSend, withAudience(customAttribute(c, value))) {
					if d.Severity == lint.Error {
						errs = append(errs, d)
					}
				}
				if want := wantsError(k, value); want != (len(errs) > 0) {
					t.Fatalf("error = %v, want %v: %v", len(errs) > 0, want, errs)
				}
				if len(errs) == 0 {
					return
				}
				if len(errs) != 1 {
					t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
				}
				d := errs[0]
				wantPtr := "/audience/custom_attribute/value"
				if value == "" {
					wantPtr = "/audience/custom_attribute"
				}
				if d.Pointer != wantPtr || (d.Rule != "comparison-value" && d.Rule != "invalid-format") {
					t.Errorf("got %s at %s, want comparison-value or invalid-format at %s", d.Rule, d.Pointer, wantPtr)
				}
				if d.Rule == "comparison-value" && value != "" && !strings.Contains(d.Message, "without quotes") &&
					!strings.Contains(d.Message, " fits ") {
					t.Errorf("message lists no alternative: %s", d.Message)
				}
			})
		}
	}
}

// TestComparisonValueNamesTypes checks the teaching part of the messages: the
// data type the comparison implies, and the comparisons the value fits.
func TestComparisonValueNamesTypes(t *testing.T) {
	tests := []struct{ comparison, value, want string }{
		{"greater_than", `true`, "greater_than compares numeric attributes, so audience.custom_attribute.value must be a number, not a boolean; a boolean fits boolean attributes (equals, not_equal)"},
		{"greater_than", `"5"`, "greater_than compares numeric attributes, so audience.custom_attribute.value must be a number, not a string: write the number without quotes"},
		{"matches_regex", `true`, "matches_regex compares string attributes, so audience.custom_attribute.value must be a string, not a boolean; a boolean fits boolean attributes (equals, not_equal)"},
		{"after", `2`, "after compares time attributes, so audience.custom_attribute.value must be an ISO 8601 datetime string, not a number; a number fits numeric attributes (equals, not_equal, greater_than, greater_than_or_equal_to, less_than, less_than_or_equal_to) or time attributes in days (less_than_x_days_ago, greater_than_x_days_ago, less_than_x_days_in_the_future, greater_than_x_days_in_the_future)"},
		{"less_than_x_days_ago", `"2019-07-22T13:17:55Z"`, "less_than_x_days_ago compares time attributes, so audience.custom_attribute.value must be a number of days, not a string; a datetime string fits time attributes (after, before) or string attributes (equals, not_equal, matches_regex, does_not_match_regex)"},
		{"contains", `"pizza"`, "audience.custom_attribute.comparison is not a comparison Braze knows (did you mean includes_value?); a string fits string attributes (equals, not_equal, matches_regex, does_not_match_regex) or array attributes (includes_value, does_not_include_value)"},
		{"gte", `18`, "audience.custom_attribute.comparison is not a comparison Braze knows (did you mean greater_than_or_equal_to?); a number fits numeric attributes (equals, not_equal, greater_than, greater_than_or_equal_to, less_than, less_than_or_equal_to) or time attributes in days (less_than_x_days_ago, greater_than_x_days_ago, less_than_x_days_in_the_future, greater_than_x_days_in_the_future)"},
		{"is_set", ``, "audience.custom_attribute.comparison is not a comparison Braze knows (did you mean exists?): without a value, use exists or does_not_exist"},
	}
	for _, tt := range tests {
		ds := Bytes(MessagesSend, withAudience(customAttribute(tt.comparison, tt.value)))
		if len(ds) != 1 || ds[0].Message != tt.want {
			t.Errorf("%s %s:\n got %v\nwant %q", tt.comparison, tt.value, ds, tt.want)
		}
	}
}

// nested builds an audience depth operators deep, each joining two nodes.
func nested(depth int) string {
	node := `{"AND": [` + customAttribute("equals", `"blue"`) + `, ` + customAttribute("exists", "") + `]}`
	for i := 1; i < depth; i++ {
		op := []string{"OR", "AND"}[i%2]
		node = fmt.Sprintf(`{%q: [%s, %s]}`, op, node, customAttribute("exists", ""))
	}
	return node
}

func TestAudienceStructure(t *testing.T) {
	ca := customAttribute("equals", `"blue"`)
	tests := []struct {
		name, audience string
		want           []string // rule@pointer of every diagnostic
	}{
		{"10 levels deep", nested(10), nil},
		{"11 levels deep", nested(11), []string{"audience-too-deep@/audience" + strings.Repeat("/OR/0/AND/0", 5) + "/AND"}},
		{"filter with two keys", `{"AND": [{"custom_attribute": {"custom_attribute_name": "a", "comparison": "exists"}, "last_used_app": {"comparison": "after", "value": "2019-07-22T13:17:55Z"}}, ` + ca + `]}`,
			[]string{"member-count@/audience/AND/0"}},
		{"empty AND", `{"AND": []}`, []string{"array-length@/audience/AND"}},
		{"OR holding an object", `{"OR": ` + ca + `}`, []string{"type-mismatch@/audience/OR"}},
		{"AND beside OR", `{"AND": [` + ca + `, ` + ca + `], "OR": [` + ca + `, ` + ca + `]}`, []string{"member-count@/audience"}},
		{"single operand", `{"OR": [` + ca + `]}`, []string{"single-operand@/audience/OR"}},
		{"filter without its key", `{"OR": [{"custom_attribute_name": "a", "comparison": "exists"}, ` + ca + `]}`, []string{"unknown-filter@/audience/OR/0"}},
		{"misspelt value", `{"custom_attribute": {"custom_attribute_name": "a", "comparison": "equals", "valeu": "b"}}`, []string{"unknown-filter-field@/audience/custom_attribute/valeu"}},
		{"deep unknown filter", `{"AND": [{"OR": [{"sms_subscription_status": {"comparison": "is", "value": "opted_in"}}, ` + ca + `]}, ` + ca + `]}`,
			[]string{"unknown-filter@/audience/AND/0/OR/0/sms_subscription_status"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range Bytes(MessagesSend, withAudience(tt.audience)) {
				got = append(got, d.Rule+"@"+d.Pointer)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestAudienceDepthLimit checks that the JSON depth limit, not the audience
// rule, stops an audience nested beyond it.
func TestAudienceDepthLimit(t *testing.T) {
	ds := Bytes(MessagesSend, withAudience(nested(40)))
	rules := []string{}
	for _, d := range ds {
		rules = append(rules, d.Rule)
	}
	if !slices.Equal(rules, []string{"json-too-deep"}) {
		t.Errorf("got %v, want one json-too-deep", rules)
	}
}

func TestEnumSuggestions(t *testing.T) {
	subscription := []string{"opted_in", "subscribed", "unsubscribed"}
	state := []string{"opted_in", "subscribed", "all"}
	tests := []struct {
		got     string
		allowed []string
		want    string
	}{
		{"unsubscribed", state, ""}, // a negation is not a typo
		{"Subscribed", state, "subscribed"},
		{"opted-in", subscription, "opted_in"},
		{"opted_out", subscription, "unsubscribed"},
		{"equals", []string{"is", "is_not"}, "is"},
		{"is", audience.Comparisons(), "equals"},
	}
	for _, tt := range tests {
		if s := suggest(tt.got, tt.allowed); s != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.got, s, tt.want)
		}
	}
}
