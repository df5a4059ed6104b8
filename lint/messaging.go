package lint

import (
	"net/mail"
	"net/url"
	"strings"
)

// Helpers for the rules on messaging objects (OBJ-*).

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
// It is net/url's reading; the common shape is recognized without it, since
// net/url allocates on every call.
func isHTTPURL(s string) bool {
	if plainHTTPURL(s) {
		return true
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// plainHTTPURL recognizes http:// or https://, a host of letters, digits,
// dots and hyphens with an optional port, and a path, query and fragment of
// the ASCII bytes URLs are written with, without % escapes: a shape net/url
// reads as an http(s) URL with that host. Anything else is left to net/url.
func plainHTTPURL(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	i := 0
	for i < len(rest) && (isAlnum(rest[i]) || rest[i] == '.' || rest[i] == '-') {
		i++
	}
	if i == 0 {
		return false
	}
	if i < len(rest) && rest[i] == ':' {
		j := i + 1
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
		return false
	}
	for ; i < len(rest); i++ {
		if c := rest[i]; !isAlnum(c) && strings.IndexByte("-._~!$&'()*+,;=:@/?#", c) < 0 {
			return false
		}
	}
	return true
}

// parseAddress reads an email address with or without a display name, and
// says whether the name was there. It is net/mail's reading; the common
// shapes are recognized without it, since net/mail allocates on every call.
func parseAddress(s string) (named bool, ok bool) {
	if named, ok := plainAddress(s); ok {
		return named, true
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return false, false
	}
	return a.Name != "" || strings.Contains(s, "<"), true
}

// plainAddress recognizes local@domain and "Display Name <local@domain>" made
// of ASCII letters, digits, spaces and the usual punctuation, which net/mail
// accepts; ok is false for anything else, which net/mail then decides.
func plainAddress(s string) (named, ok bool) {
	addr := s
	if strings.HasSuffix(s, ">") {
		i := strings.LastIndex(s, " <")
		if i <= 0 {
			return false, false
		}
		for _, c := range []byte(s[:i]) {
			if !(c == ' ' || isAlnum(c)) {
				return false, false
			}
		}
		if s[0] == ' ' {
			return false, false
		}
		named, addr = true, s[i+2:len(s)-1]
	}
	local, domain, found := strings.Cut(addr, "@")
	if !found || !dotAtom(local, "!#$%&'*+/=?^_`{|}~-") || !dotAtom(domain, "-") {
		return false, false
	}
	return named, true
}

// dotAtom reports whether s is one or more runs of letters, digits and the
// extra bytes, joined by single dots.
func dotAtom(s, extra string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && !isAlnum(c) && strings.IndexByte(extra, c) < 0 {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// message returns messages[key] when it is an object.
func message(root Value, key string) (Value, bool) {
	return topMember(root, topMessages).Get(key).Object()
}

// whatsAppMessage returns the message_type of the whats_app object and its
// message, when both are there with the right types.
func whatsAppMessage(root Value) (messageType string, msg Value, ok bool) {
	wa, _ := message(root, "whats_app")
	messageType, _ = wa.Get("message_type").Str()
	msg, ok = wa.Get("message").Object()
	return messageType, msg, ok
}
