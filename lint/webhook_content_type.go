package lint

import "strings"

var WebhookContentType = &Rule{
	ID: "webhook-content-type", Severity: Info,
	Title: "a webhook body is sent without a Content-Type header",
	Doc: `Braze recommends naming the body's Content-Type in request_headers (application/json for JSON);
otherwise it is inferred from the body.`,
	Spec:      []string{"OBJ-WEBHOOK-3"},
	Endpoints: []Endpoint{MessagesSend},
	Check: func(p *Pass) {
		w, _ := message(p.Root, "webhook")
		if !has(w, "body") {
			return
		}
		headers, _ := object(w["request_headers"])
		for k := range headers {
			if strings.EqualFold(k, "Content-Type") {
				return
			}
		}
		p.Report(KeyAt(Pointer("messages", "webhook", "body")), "messages.webhook has a body but no Content-Type header: add one to request_headers, e.g. application/json")
	},
}
