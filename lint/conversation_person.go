package lint

var ConversationPerson = &Rule{
	ID: "conversation-person", severity: Warning,
	Title: "an Android conversation names a person it does not list",
	Doc: `In android_push conversation_data, reply_person_id and each message's person_id name a person
of persons by id. An id missing from persons leaves the message without a sender.`,
	Spec:      []string{"OBJ-ANDROID-12", "OBJ-ANDROID-13"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.android_push"},
	Check: func(p *Pass) {
		a, _ := message(p.Root, "android_push")
		conv, ok := a.Get("conversation_data").Object()
		if !ok {
			return
		}
		persons, ok := conv.Get("persons").Array()
		if !ok {
			return // missing or of the wrong type: the schema says so
		}
		ids := personIDs{persons: persons}
		// check reads reply_person_id, or message i's person_id when i >= 0.
		check := func(v Value, i int) {
			if id, ok := v.Str(); ok && !ids.has(id) {
				at := []any{"messages", "android_push", "conversation_data", "reply_person_id"}
				if i >= 0 {
					at = append(at[:3], "messages", i, "person_id")
				}
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" names no person of "+Path("messages", "android_push", "conversation_data", "persons")+": add the person or fix the id")
			}
		}
		check(conv.Get("reply_person_id"), -1)
		for i, m := range conv.Get("messages").Elements() {
			check(m.Get("person_id"), i)
		}
	},
}

// personIDs answers whether persons lists a person of an id: by reading the
// persons in turn while they are few, and through a set of their ids, built
// on the first question, when there are more.
type personIDs struct {
	persons Value
	set     map[string]bool
}

func (p *personIDs) has(id string) bool {
	if p.persons.Len() <= smallObject {
		for _, person := range p.persons.Elements() {
			if s, ok := person.Get("id").Str(); ok && s == id {
				return true
			}
		}
		return false
	}
	if p.set == nil {
		p.set = make(map[string]bool, p.persons.Len())
		for _, person := range p.persons.Elements() {
			if s, ok := person.Get("id").Str(); ok {
				p.set[s] = true
			}
		}
	}
	return p.set[id]
}
