package lint

// attachmentLists yields the attachment arrays of a payload, with the path to
// each: attachments on /campaigns/trigger/send, messages.email.attachments on
// /messages/send. Both take the same attachment object. path is shared:
// append to a copy of it (path[:len(path):len(path)]).
func attachmentLists(p *Pass, visit func(path []any, list Value)) {
	if p.Endpoint == CampaignsTriggerSend {
		if list, ok := p.Root.Get("attachments").Array(); ok {
			visit(triggerAttachmentsPath, list)
		}
		return
	}
	e, _ := message(p.Root, "email")
	if list, ok := e.Get("attachments").Array(); ok {
		visit(emailAttachmentsPath, list)
	}
}

// The paths of the attachment arrays, built once rather than per payload.
var (
	triggerAttachmentsPath = []any{"attachments"}
	emailAttachmentsPath   = []any{"messages", "email", "attachments"}
)
