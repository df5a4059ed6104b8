package lint

import (
	_ "embed"
	"iter"
	"strings"
	"sync"
)

// Helpers for the attribute-* rules: the user attributes object of each
// recipient (ATTR-*), its profile field names and the code lists its values
// are checked against.

// builtinAttributes are the member names the user attributes object gives a
// meaning of its own: the profile fields of the user attributes page and the
// identifiers and /users/track controls it also takes. Every other member is a
// custom attribute. schema/defs.json declares the same names in
// $defs/userAttributes (a test keeps the two in step).
var builtinAttributes = []string{
	"_update_existing_only", "alias_label", "alias_name", "braze_id", "country", "current_location",
	"date_of_first_session", "date_of_last_session", "dob", "email", "email_click_tracking_disabled",
	"email_open_tracking_disabled", "email_subscribe", "external_id", "facebook", "first_name", "gender",
	"home_city", "language", "last_name", "marked_email_as_spam_at", "phone", "push_subscribe",
	"push_token_import", "push_tokens", "subscription_groups", "time_zone", "twitter", "user_alias",
}

func isBuiltinAttribute(name string) bool {
	for _, b := range builtinAttributes {
		if b == name {
			return true
		}
	}
	return false
}

// attributePath returns the pointer tokens of the attributes object of
// recipient i (recipient.attributes for -1), followed by more.
func attributePath(i int, more ...any) []any {
	if i < 0 {
		return append([]any{"recipient", "attributes"}, more...)
	}
	return append([]any{"recipients", i, "attributes"}, more...)
}

// customAttribute names one custom attribute: a member of a recipient's
// attributes that is not a built-in name.
type customAttribute struct {
	recipient int
	name      string
}

// at returns the pointer tokens of the attribute, followed by more.
func (c customAttribute) at(more ...any) []any {
	return attributePath(c.recipient, append([]any{c.name}, more...)...)
}

var (
	//go:embed data/countries.txt
	countriesText string
	//go:embed data/languages.txt
	languagesText string
	//go:embed data/timezones.txt
	timeZonesText string
	//go:embed data/rails-timezones.txt
	railsTimeZonesText string
)

// codeSet parses embedded lists: one code per line, # starts a comment line.
func codeSet(texts ...string) map[string]bool {
	set := map[string]bool{}
	for _, text := range texts {
		for line := range strings.Lines(text) {
			line = strings.TrimRight(line, "\r\n")
			if line != "" && !strings.HasPrefix(line, "#") {
				set[line] = true
			}
		}
	}
	return set
}

// The code lists are embedded, never read from the machine (whose zoneinfo
// may be missing or older), so a verdict is the same everywhere.
var (
	countryCodes  = sync.OnceValue(func() map[string]bool { return codeSet(countriesText) })
	languageCodes = sync.OnceValue(func() map[string]bool { return codeSet(languagesText) })
	timeZoneNames = sync.OnceValue(func() map[string]bool { return codeSet(timeZonesText, railsTimeZonesText) })
)

// attributeObjects yields the index of each recipient with an attributes
// object, and that object: the elements of recipients, and the one
// recipient of the transactional send as index -1 (see attributePath).
func attributeObjects(root Value) iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if attrs, ok := root.Get("recipient").Get("attributes").Object(); ok && !yield(-1, attrs) {
			return
		}
		for i, r := range recipients(root) {
			if attrs, ok := r.Get("attributes").Object(); ok && !yield(i, attrs) {
				return
			}
		}
	}
}

// customAttributes yields every custom attribute and its value.
func customAttributes(root Value) iter.Seq2[customAttribute, Value] {
	return func(yield func(customAttribute, Value) bool) {
		for i, attrs := range attributeObjects(root) {
			for name, v := range attrs.Members() {
				if !isBuiltinAttribute(name) && !yield(customAttribute{i, name}, v) {
					return
				}
			}
		}
	}
}
