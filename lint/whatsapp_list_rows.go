package lint

var WhatsAppListRows = &Rule{
	ID: "whatsapp-list-rows", severity: Error,
	Title:     "a WhatsApp list has more than 10 rows",
	Doc:       `A list_response_message may show at most 10 rows across all its sections together.`,
	Spec:      []string{"OBJ-WA-10", "OBJ-WA-11"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.whats_app"},
	Check: func(p *Pass) {
		_, msg, _ := whatsAppMessage(p.Root)
		total := 0
		for i, s := range msg.Get("list").Get("list_sections").Elements() {
			n := 0
			if rows, ok := s.Get("list_rows").Array(); ok {
				n = rows.Len()
			}
			total += n
			if total > 10 && total-n <= 10 {
				at := []any{"messages", "whats_app", "message", "list", "list_sections", i, "list_rows", 10 - (total - n)}
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is row 11 of the list: a WhatsApp list shows at most 10 rows across all sections")
			}
		}

	},
}
