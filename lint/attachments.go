package lint

// attachmentLists yields the attachment arrays of a payload, with the path to
// each: attachments on /campaigns/trigger/send, messages.email.attachments on
// /messages/send. Both take the same attachment object.
func attachmentLists(p *Pass, visit func(path []any, list []any)) {
	if p.Endpoint == CampaignsTriggerSend {
		if list, ok := array(p.Root["attachments"]); ok {
			visit([]any{"attachments"}, list)
		}
		return
	}
	e, _ := message(p.Root, "email")
	if list, ok := array(e["attachments"]); ok {
		visit([]any{"messages", "email", "attachments"}, list)
	}
}
