package lint

import (
	"net/url"
	pathpkg "path"
	"slices"
	"strings"
)

var AttachmentURL = &Rule{
	ID: "attachment-url", severity: Warning,
	Title: "an attachment url has an undocumented file type or is a Google Drive link",
	Doc: `Braze takes an attachment's file type from the extension of its url, and documents a list of
types (pdf, png, docx, csv, ics, zip, pkpass and so on). A url whose path ends in another
extension may be refused. Google Drive links can block the fetch, and the email is then not
sent: host the file elsewhere. A url with Liquid is not checked.`,
	Spec:  []string{"OBJ-EMAIL-14", "OBJ-EMAIL-15", "TS-42"},
	needs: []string{"attachments", "messages.email"},
	Check: func(p *Pass) {
		attachmentLists(p, func(path []any, list Value) {
			for i, a := range list.Elements() {
				s, ok := a.Get("url").Str()
				if !ok || s == "" || hasLiquid(s) {
					continue
				}
				at := append(path[:len(path):len(path)], i, "url")
				u, err := url.Parse(s)
				if err != nil {
					continue
				}
				host := strings.ToLower(u.Hostname())
				if host == "drive.google.com" || host == "docs.google.com" {
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" is a Google Drive link, which can block the fetch so the email is not sent: host the file elsewhere")
					continue
				}
				ext := strings.ToLower(strings.TrimPrefix(pathpkg.Ext(u.Path), "."))
				if ext != "" && !slices.Contains(attachmentTypes, ext) {
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" ends in a file type Braze does not list for attachments: use one of the documented types such as pdf, png, docx or csv")
				}
			}
		})
	},
}
