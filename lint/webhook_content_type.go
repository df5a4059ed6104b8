package lint

import "strings"

var WebhookContentType = &Rule{
	ID: "webhook-content-type", severity: Info,
	Title: "a webhook body is sent without a Content-Type header",
	Doc: `Braze recommends naming the body's Content-Type in request_headers (application/json for JSON);
otherwise it is inferred from the body. A GET webhook's body is reported by webhook-get-body
instead: it is not sent, so its Content-Type does not matter.`,
	Spec:      []string{"OBJ-WEBHOOK-3", "OBJ-WEBHOOK-6"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.webhook"},
	Check: func(p *Pass) {
		w, _ := message(p.Root, "webhook")
		if m, _ := w.Get("request_method").Str(); !w.Has("body") || m == "GET" {
			return
		}
		for k := range w.Get("request_headers").Members() {
			if strings.EqualFold(k, "Content-Type") {
				return
			}
		}
		p.Report(KeyAt(Pointer("messages", "webhook", "body")), "messages.webhook has a body but no Content-Type header: add one to request_headers, e.g. application/json")
	},
}
