package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// Messages for schema errors. They name places and allowed values but never
// quote the payload's own values, which carry personal data.

// typeMessage says which type a value should have and, for the mistakes seen
// in Braze's own examples, how to fix it.
func typeMessage(name, got string, want []string) string {
	// Name string first: it is what most fields are documented as.
	want = slices.Clone(want)
	slices.SortStableFunc(want, func(a, b string) int { return boolInt(b == "string") - boolInt(a == "string") })
	var ws []string
	for _, w := range want {
		ws = append(ws, article(w))
	}
	msg := name + " must be " + orList(ws) + ", not " + article(got)
	first := ""
	if len(want) > 0 {
		first = want[0]
	}
	switch {
	case first == "boolean" && got == "string":
		msg += ": write true or false without quotes"
	case (first == "integer" || first == "number") && got == "string":
		msg += ": write the number without quotes"
	case first == "array" && (got == "string" || got == "object" || got == "number" || got == "integer"):
		msg += ": wrap it in [ ] to make a list"
	case first == "object" && got == "string":
		msg += ": write the object itself, not a string describing it"
	case first == "string" && (got == "number" || got == "integer"):
		msg += ": quote it"
	}
	return msg
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func article(jsonType string) string {
	switch jsonType {
	case "null":
		return "null"
	case "array", "object", "integer":
		return "an " + jsonType
	default:
		return "a " + jsonType
	}
}

// orList joins alternatives: "a", "a or b", "a, b or c".
func orList(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// oneOf lists allowed values: "a", "a or b", "one of a, b, c".
func oneOf(vals []any) string {
	var s []string
	for _, v := range vals {
		s = append(s, display(v))
	}
	switch len(s) {
	case 1:
		return s[0]
	case 2:
		return s[0] + " or " + s[1]
	}
	return "one of " + strings.Join(s, ", ")
}

// display writes a schema value (never a payload value) for a message.
func display(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// unknownMessage explains an undeclared member and suggests the closest
// declared name. owner is the other endpoint when it accepts the member.
func unknownMessage(rule *lint.Rule, prop, parent string, declared []string, owner Endpoint) string {
	var msg string
	switch rule {
	case lint.UnknownMessageType:
		msg = "messages." + prop + " is not a messaging object: use " + strings.Join(declaredChannels(declared), ", ")
	case lint.UnknownFilter:
		msg = prop + " is not a connected audience filter or operator: use AND, OR, custom_attribute, push_subscription_status, email_subscription_status or last_used_app"
		if strings.HasSuffix(prop, "_subscription_status") {
			return msg // a channel with no filter (AUD-24): a near name would mislead
		}
	default:
		where := "in " + parent
		if parent == "the payload" {
			where = "at the top level"
		}
		msg = "unknown member " + prop + " " + where + ": remove it or fix its name"
		if owner != "" {
			return "unknown member " + prop + " " + where + ": it belongs to " + owner.Path() + "; remove it"
		}
	}
	if s := closest(prop, declared); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return msg
}

func declaredChannels(declared []string) []string {
	var out []string
	for _, d := range declared {
		if !strings.HasPrefix(d, "windows_") {
			out = append(out, d)
		}
	}
	return out
}

// closest returns the declared name nearest to prop when it is near enough to
// be a likely typo: a case or separator slip, or a small edit distance.
func closest(prop string, declared []string) string {
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(s)) }
	best, bestDist := "", 0
	for _, d := range declared {
		if norm(d) == norm(prop) {
			return d
		}
		dist := editDistance(norm(prop), norm(d))
		if limit := max(1, min(len(d), len(prop))/3); dist <= limit && (best == "" || dist < bestDist) {
			best, bestDist = d, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// formatMessage explains the form a string must have.
func formatMessage(name, format string) string {
	switch format {
	case "ascii":
		return name + " must contain ASCII characters only"
	case "braze-date-time":
		return name + " must be a valid ISO 8601 datetime with a time and an offset, e.g. 2019-07-22T13:17:55+00:00"
	}
	return fmt.Sprintf("%s is not a valid %s", name, format)
}
