package lint

import (
	"math/rand/v2"
	"net/mail"
	"net/url"
	"strings"
	"testing"
)

// TestPlainAddressAgreesWithNetMail holds the fast path to net/mail's
// reading: whatever it accepts, net/mail accepts, with or without a name
// alike. It must also recognize the common shapes, or it saves nothing.
func TestPlainAddressAgreesWithNetMail(t *testing.T) {
	cases := []string{
		"a@b", "news@bluefern.example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.com",
		"Blue Fern <news@bluefern.example.com>", "Shop <shop@example.com>", "x <y@z>",
		// shapes the fast path leaves to net/mail, or that are invalid
		"", "@", "a@", "@b", "a..b@c", ".a@b", "a.@b", "a@b..c", "a@-b", "a@b-", "a b@c", "a@b c",
		"<a@b>", " <a@b>", "Name<a@b>", "Name  <a@b>", " Name <a@b>", "Name <a@b", "Name <a@b> ",
		`"Quoted" <a@b>`, "John Q. Public <jqp@example.com>", "Zoë <z@example.com>", "a@exämple.com",
		"a@b,c@d", "a(comment)@b", "Name <a@b>, Other <c@d>", "a@[127.0.0.1]", "a\t@b", "a@b\n",
	}
	recognized := 0
	for _, s := range cases {
		named, ok := plainAddress(s)
		if !ok {
			continue
		}
		recognized++
		a, err := mail.ParseAddress(s)
		if err != nil {
			t.Errorf("plainAddress(%q) accepts what net/mail rejects: %v", s, err)
			continue
		}
		if want := a.Name != "" || strings.Contains(s, "<"); named != want {
			t.Errorf("plainAddress(%q): named %v, net/mail's reading %v", s, named, want)
		}
	}
	if recognized < 7 {
		t.Errorf("the fast path recognizes only %d of the common shapes", recognized)
	}
}

// TestPlainHTTPURLAgreesWithNetURL holds the fast path to net/url's reading:
// whatever it accepts, net/url reads as an http(s) URL with a host, over
// common shapes and random strings of the bytes URLs are made of. It must
// also recognize the common shapes, or it saves nothing.
func TestPlainHTTPURLAgreesWithNetURL(t *testing.T) {
	byNetURL := func(s string) bool {
		u, err := url.Parse(s)
		return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
	}
	cases := []string{
		"https://example.com", "http://example.com/", "https://api.example.com:8443/v1/hooks?x=1&y=2#top",
		"https://a-b.example.co.uk/path/to;p=1/x.json", "http://x/(y)*+,;=:@~!$'",
		// shapes the fast path leaves to net/url, or that are invalid
		"", "https://", "https:///x", "https://:80/", "https://a:/", "https://a:x/", "HTTPS://a.com",
		"https://a.com/%zz", "https://a.com/%20", "https://a b.com", "https://a.com/a b", "https://user@a.com",
		"https://[::1]:80/", "https://a.com\\x", "ftp://a.com", "https:a.com", "//a.com", "https://a.com/\x7f",
		"https://exämple.com", "https://a.com/{{x}}", "https://a.com?q=\"", "https://a.com#frag#more",
	}
	r := rand.New(rand.NewPCG(3, 4))
	const alphabet = "ab09.-:/?#%@[] {}\\\"'*_~!$&()+,;=\x00é"
	for range 20000 {
		b := []byte([]string{"http://", "https://", "HTTP://", "https:/", ""}[r.IntN(5)])
		for range r.IntN(14) {
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		cases = append(cases, string(b))
	}
	recognized := 0
	for _, s := range cases {
		if !plainHTTPURL(s) {
			continue
		}
		recognized++
		if !byNetURL(s) {
			t.Errorf("plainHTTPURL(%q) accepts what net/url does not read as an http(s) URL with a host", s)
		}
	}
	if recognized < 5 {
		t.Errorf("the fast path recognizes only %d URLs", recognized)
	}
}
