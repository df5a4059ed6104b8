package validate

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/internal/typo"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// Messages for schema errors. They name places and allowed values but never
// quote the payload's own values, which carry personal data.

// typeMessage says which type a value should have and, for the mistakes seen
// in Braze's own examples, how to fix it.
func typeMessage(name, got string, want []string, value lint.Value) string {
	// Name string first: it is what most fields are documented as; null
	// last: it is what a member takes to be removed (ATTR-4), not its type.
	var buf [8]string // the JSON types: the copy stays on the stack
	want = append(buf[:0], want...)
	slices.SortStableFunc(want, func(a, b string) int { return boolInt(b == "string") - boolInt(a == "string") })
	slices.SortStableFunc(want, func(a, b string) int { return boolInt(a == "null") - boolInt(b == "null") })
	first := ""
	if len(want) > 0 {
		first = want[0]
	}
	advice := ""
	switch {
	case first == "boolean" && got == "string":
		advice = ": write true or false without quotes"
	case (first == "integer" || first == "number") && got == "string" && isNumeral(value):
		advice = ": write the number without quotes"
	case first == "array" && (got == "string" || got == "object" || got == "number" || got == "integer"):
		advice = ": wrap it in [ ] to make a list"
	case first == "object" && got == "string":
		advice = ": write the object itself, not a string describing it"
	case first == "string" && (got == "number" || got == "integer"):
		advice = ": quote it"
	}
	// name must be <orList of articles>, not <article><advice>, written in
	// one allocation.
	n := len(name) + len(" must be ") + len(", not ") + len(article(got)) + len(advice)
	for _, w := range want {
		n += len(article(w)) + len(", ")
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(name)
	b.WriteString(" must be ")
	for i, w := range want {
		switch {
		case i == 0:
		case i == len(want)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(article(w))
	}
	b.WriteString(", not ")
	b.WriteString(article(got))
	b.WriteString(advice)
	return b.String()
}

// isNumeral reports whether v is a string holding a JSON number: only then
// is "write it without quotes" the fix.
func isNumeral(v lint.Value) bool {
	s, ok := v.Str()
	return ok && jsonNumber.MatchString(s)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func article(jsonType string) string {
	switch jsonType { // the JSON types as literals: no allocation
	case "null":
		return "null"
	case "array":
		return "an array"
	case "object":
		return "an object"
	case "integer":
		return "an integer"
	case "string":
		return "a string"
	case "number":
		return "a number"
	case "boolean":
		return "a boolean"
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
// A name that no schema declares is payload data: the message says where
// the member is, not its name (the location points at it; --show-values
// shows it).
//
// parentPath is lint.Path(parent...), which the caller has at hand.
func unknownMessage(rule *lint.Rule, prop string, parent []any, parentPath string, declared []string, owner Endpoint, hint string) string {
	var msg string
	switch rule {
	case lint.UnknownFilterField:
		msg = lint.Path(append(parent, prop)...) + " is not a field of a custom_attribute filter: use custom_attribute_name, comparison and value"
	case lint.UnknownMessageType:
		msg = lint.Path("messages", prop) + " is not a messaging object: use " + strings.Join(declaredChannels(declared), ", ")
	case lint.UnknownFilter:
		msg = lint.Path(append(parent, prop)...) + " is not a connected audience filter or operator: use AND, OR, custom_attribute, push_subscription_status, email_subscription_status or last_used_app"
		if strings.HasSuffix(prop, "_subscription_status") {
			return msg // a channel with no filter (AUD-24): a near name would mislead
		}
		if strings.EqualFold(prop, "NOT") {
			return msg + "; there is no NOT: negate inside the filter with not_equal, does_not_equal, does_not_exist or is_not"
		}
	default:
		// The member is named in four parts, "unknown member " + prop +
		// " in " + parentPath, which each message joins with the rest in
		// one allocation.
		what, name, where, path := "an unknown member", "", " at the top level", ""
		if lint.Declared(prop) {
			what, name = "unknown member ", prop
		}
		if len(parent) > 0 {
			where, path = " in ", parentPath
		}
		switch s, ok := otherSpellings[prop]; {
		case prop == "app_id" && len(parent) == 2 && parent[0] == "messages":
			return what + name + where + path + ": only email, sms and whats_app take app_id; remove it"
		case ok && len(parent) == 0 && slices.Contains(declared, s.here):
			return what + name + where + path + ": it is how " + s.endpoint + " spells it; here write " + s.here
		case owner != "":
			return what + name + where + path + ": it belongs to " + owner.Path() + "; remove it"
		}
		return what + name + where + path + ": remove it or fix its name" + hint
	}
	return msg + hint
}

// otherSpellings are members another endpoint spells differently from the
// one that declares here (INC-53, MS-52, SCH-13).
var otherSpellings = map[string]struct{ endpoint, here string }{
	"override_messaging_limits":  {"/messages/schedule/create", "override_frequency_capping"},
	"override_frequency_capping": {"/messages/send", "override_messaging_limits"}, // SCH-13
}

// linkNames are names written for a link: the objects name their link
// fields ..._uri, which a typo check cannot reach from these.
var linkNames = []string{"url", "uri", "link", "href", "link_url", "deep_link"}

// nameHint is the advice appended to an unknown member's message: the
// declared name it likely misspells, when that name takes a value of the
// member's type; else what that name takes, so that following the advice
// does not trade the unknown member for a type error. url locates the
// object's schema; value is the member's value.
func (m mapper) nameHint(url, prop string, declared []string, value lint.Value) string {
	if slices.ContainsFunc(linkNames, func(l string) bool { return strings.EqualFold(l, prop) }) { // the names are ASCII
		var links []string
		for _, d := range declared {
			if strings.HasSuffix(d, "_uri") {
				links = append(links, d)
			}
		}
		if len(links) > 0 {
			return " (a link goes in " + orList(links) + ")"
		}
	}
	s := closest(prop, declared)
	if s == "" {
		return ""
	}
	types := m.typesAt(url + "/properties/" + jsonpointer.Escape(s))
	if len(types) == 0 || slices.ContainsFunc(types, func(t string) bool { return hasType(value, t) }) {
		return " (did you mean " + s + "?)"
	}
	takes := orList(articles(types))
	if id, ok := strings.CutSuffix(s, "_id"); ok && len(types) == 1 && types[0] == "string" {
		takes = "one " + id + "'s id as a string"
	}
	return " (" + s + " takes " + takes + ", not " + article(typeName(value)) + ")"
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

// closest returns the declared name that prop most likely misspells, or ""
// (see typo.Closest).
func closest(prop string, declared []string) string { return typo.Closest(prop, declared) }

// formatMessage explains the form a string must have.
func formatMessage(name, format string) string {
	switch format {
	case "ascii":
		return name + " must contain ASCII characters only"
	case "braze-date":
		return name + " must be a date written YYYY-MM-DD, e.g. 1980-12-21"
	case "braze-date-time":
		return name + " must be a valid ISO 8601 datetime with a time and an offset, e.g. 2019-07-22T13:17:55+00:00"
	}
	return fmt.Sprintf("%s is not a valid %s", name, format)
}

// hasType reports whether v is of the JSON schema type t.
func hasType(v lint.Value, t string) bool {
	if n, ok := v.Number(); ok {
		return schema.HasType(json.Number(n), t)
	}
	return typeName(v) == t
}

// typeName is the JSON schema type of v, as schema.TypeName names a decoded
// value's: "null" for the absent value, "number" for any number.
func typeName(v lint.Value) string {
	switch {
	case v.IsObject():
		return "object"
	case v.IsArray():
		return "array"
	case v.IsString():
		return "string"
	case v.IsNumber():
		return "number"
	case v.IsBool():
		return "boolean"
	}
	return "null"
}
