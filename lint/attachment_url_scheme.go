package lint

import "strings"

var AttachmentURLScheme = &Rule{
	ID: "attachment-url-scheme", severity: Error,
	Title: "an attachment url is not an absolute http(s) URL",
	Doc: `Braze fetches each attachment from its url when it builds the email, so the url must be an
absolute http or https URL with a host, such as https://cdn.example.com/receipt.pdf; anything
else cannot be fetched (error). A plain http url is fetched unencrypted: a warning, use https.
Liquid is allowed: the literal text before the first tag must then start the URL, and a url that
starts with a tag is not checked, since only Braze knows what it renders to. How Braze fetches
the file (it may reuse a fetch for about 24 hours, so give a changed file a new url; the host must
answer quickly; a host behind an allowlist must admit Braze's Connected Content IP ranges) is not
visible in the payload, so no rule checks it (OBJ-EMAIL-17).`,
	Spec:  []string{"TS-54", "TS-42", "OBJ-EMAIL-12", "OBJ-EMAIL-17"},
	needs: []string{"attachments", "messages.email"},
	Check: func(p *Pass) {
		attachmentLists(p, func(path []any, list Value) {
			for i, a := range list.Elements() {
				s, ok := a.Get("url").Str()
				if !ok || s == "" {
					continue
				}
				if j := liquidStart(s); j < len(s) {
					if j == 0 {
						continue
					}
					s = s[:j] + "x" // the literal prefix, completed with a stand-in for the tag
				}
				at := append(path[:len(path):len(path)], i, "url")
				switch {
				case !isHTTPURL(s):
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not an absolute http or https URL, so Braze cannot fetch the file: write it as https://host/path")
				case strings.HasPrefix(strings.ToLower(s), "http:"):
					p.emit(Finding{Rule: p.rule, Severity: Warning, At: ValueAt(Pointer(at...)),
						Message: Path(at...) + " is a plain http URL, so the file is fetched unencrypted: use https"})
				}
			}
		})
	},
}
