package lint

import (
	"net/mail"
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
