package lint

var WhatsAppHeader = &Rule{
	ID: "whatsapp-header", severity: Warning,
	Title: "a WhatsApp header field is misnamed or misplaced",
	Doc: `A template_message names its image header header_media_uri; header_image_uri is its old name
(older Braze docs) and is now a field of quick_reply_response_message only, so in a
template_message it is a warning: rename it. header_media_uri in a response type is a template
field the response does not use (a quick reply takes header_image_uri). A template header is
TEXT or IMAGE, never both: header_variables fill a TEXT header and header_media_uri an IMAGE
one, so one template_message with both has one of them unused. The linter cannot see the
template, so these are warnings. (A template whose header is DOCUMENT or VIDEO cannot be sent
through /messages/send at all; that is not visible in the payload either.)`,
	Spec:      []string{"OBJ-WA-2", "OBJ-WA-3", "OBJ-WA-15", "OBJ-WA-16", "INC-40"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.whats_app"},
	Check: func(p *Pass) {
		typ, msg, ok := whatsAppMessage(p.Root)
		if !ok {
			return
		}
		at := func(key string) string { return Pointer("messages", "whats_app", "message", key) }
		const name = "messages.whats_app.message" // Path's spelling, without building it
		if typ != "template_message" {
			if typ == "" || !msg.Has("header_media_uri") {
				return
			}
			if typ == "quick_reply_response_message" && !msg.Has("header_image_uri") {
				p.ReportFix(KeyAt(at("header_media_uri")), name+".header_media_uri is a template_message field: a quick_reply_response_message takes its image header as header_image_uri, so rename it",
					Repair{Message: "rename header_media_uri to header_image_uri", Edits: []TargetEdit{{KeyAt(at("header_media_uri")), Replace, `"header_image_uri"`}}})
				return
			}
			p.Report(KeyAt(at("header_media_uri")), name+".header_media_uri is a template_message field that a "+typ+" does not use: remove it")
			return
		}
		media := "header_media_uri"
		if msg.Has("header_image_uri") {
			if msg.Has("header_media_uri") {
				p.Report(KeyAt(at("header_image_uri")), name+" has header_image_uri, the old name of header_media_uri, next to header_media_uri: remove header_image_uri",
					Note{KeyAt(at("header_media_uri")), "the current name"})
			} else {
				media = "header_image_uri"
				p.ReportFix(KeyAt(at("header_image_uri")), name+".header_image_uri is the old name of a template's image header: rename it to header_media_uri",
					Repair{Message: "rename header_image_uri to header_media_uri", Edits: []TargetEdit{{KeyAt(at("header_image_uri")), Replace, `"header_media_uri"`}}})
			}
		}
		if msg.Has("header_variables") && msg.Has(media) {
			p.Report(KeyAt(at(media)), name+" has both "+media+" and header_variables, but a template header is either IMAGE (the media) or TEXT (the variables): keep the one the template's header takes",
				Note{KeyAt(at("header_variables")), "the TEXT header's variables"})
		}
	},
}
