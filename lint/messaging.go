package lint

import (
	"net/mail"
	"net/url"
	"strings"
)

// Helpers for the rules on messaging objects (OBJ-*).

// message returns messages[key] when it is an object.
func message(root map[string]any, key string) (map[string]any, bool) {
	msgs, _ := object(root["messages"])
	return object(msgs[key])
}

// hasLiquid reports whether s holds a Liquid tag or output, whose rendered
// value only Braze knows.
func hasLiquid(s string) bool { return liquidStart(s) < len(s) }

// liquidStart returns the index of the first Liquid tag or output in s, or
// len(s) when there is none.
func liquidStart(s string) int {
	i := len(s)
	for _, open := range []string{"{{", "{%"} {
		if j := strings.Index(s, open); j >= 0 && j < i {
			i = j
		}
	}
	return i
}

// isHTTPURL reports whether s is an absolute http or https URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// parseAddress reads an email address with or without a display name, and
// says whether the name was there.
func parseAddress(s string) (named bool, ok bool) {
	a, err := mail.ParseAddress(s)
	if err != nil {
		return false, false
	}
	return a.Name != "" || strings.Contains(s, "<"), true
}
