package lint

var WebhookGetBody = &Rule{
	ID: "webhook-get-body", severity: Warning,
	Title: "a GET webhook has a body",
	Doc: `A GET request carries no body in practice: servers and proxies drop it. Use POST or PUT, or
move the data into the url. This is the one finding such a body gets: webhook-content-type does
not also ask for its Content-Type.`,
	Spec:      []string{"OBJ-WEBHOOK-6"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.webhook"},
	Check: func(p *Pass) {
		w, _ := message(p.Root, "webhook")
		if m, _ := w.Get("request_method").Str(); m == "GET" && w.Has("body") {
			p.Report(KeyAt(Pointer("messages", "webhook", "body")), "messages.webhook has a body, but request_method is GET, which sends none: use POST or PUT",
				Note{ValueAt(Pointer("messages", "webhook", "request_method")), "the method"})
		}
	},
}
