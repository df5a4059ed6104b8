package lint

var ConversationPerson = &Rule{
	ID: "conversation-person", severity: Warning,
	Title: "an Android conversation names a person it does not list",
	Doc: `In android_push conversation_data, reply_person_id and each message's person_id name a person
of persons by id. An id missing from persons leaves the message without a sender.`,
	Spec:      []string{"OBJ-ANDROID-12", "OBJ-ANDROID-13"},
	Endpoints: inlineMessages,
	Check: func(p *Pass) {
		a, _ := message(p.Root, "android_push")
		conv, ok := object(a["conversation_data"])
		if !ok {
			return
		}
		base := []any{"messages", "android_push", "conversation_data"}
		ids := map[string]bool{}
		persons, ok := array(conv["persons"])
		if !ok {
			return // missing or of the wrong type: the schema says so
		}
		for _, v := range persons {
			person, _ := object(v)
			if id, ok := str(person["id"]); ok {
				ids[id] = true
			}
		}
		check := func(at []any, v any) {
			if id, ok := str(v); ok && !ids[id] {
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" names no person of "+Path(append(base, "persons")...)+": add the person or fix the id")
			}
		}
		check(append(base[:3:3], "reply_person_id"), conv["reply_person_id"])
		msgs, _ := array(conv["messages"])
		for i, v := range msgs {
			m, _ := object(v)
			check(append(base[:3:3], "messages", i, "person_id"), m["person_id"])
		}
	},
}
