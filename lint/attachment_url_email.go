package lint

import (
	"net/url"
	"strings"
)

var AttachmentURLEmail = &Rule{
	ID: "attachment-url-email", severity: Info,
	Title: "an attachment url's query string holds an email address",
	Doc: `Attachment urls, query strings included, can show up in logs and downstream systems, so Braze
advises keeping personal data and secrets out of them. An email address written in the query
string (?email=alex@example.com) is such data: identify the file by an opaque id instead, or
fetch it with a basic_auth_credential. Only literal addresses are found; values built with
Liquid are not resolved.`,
	Spec:  []string{"OBJ-EMAIL-18", "TS-59"},
	needs: []string{"attachments", "messages.email"},
	Check: func(p *Pass) {
		attachmentLists(p, func(path []any, list Value) {
			for i, a := range list.Elements() {
				s, _ := a.Get("url").Str()
				_, query, found := strings.Cut(s, "?")
				if !found || !strings.Contains(query, "@") && !strings.Contains(strings.ToLower(query), "%40") {
					continue
				}
				if !queryHoldsAddress(query) {
					continue
				}
				at := append(path[:len(path):len(path)], i, "url")
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" holds an email address in its query string, which can end up in logs: identify the file by an opaque id instead")
			}
		})
	},
}

// queryHoldsAddress reports whether a parameter name or value of a query
// string, decoded, is an email address. Liquid is left as written.
func queryHoldsAddress(query string) bool {
	if i := strings.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	for part := range strings.SplitSeq(query, "&") {
		for field := range strings.SplitSeq(part, "=") {
			if dec, err := url.PathUnescape(field); err == nil {
				field = dec
			}
			if hasLiquid(field) {
				continue
			}
			if _, ok := plainAddress(field); ok {
				return true
			}
		}
	}
	return false
}
