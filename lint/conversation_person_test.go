package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestConversationPersonManyPersons takes conversation-person past the
// persons it reads in turn, to the set of their ids.
func TestConversationPersonManyPersons(t *testing.T) {
	for _, n := range []int{3, smallObject + 5} {
		var persons []string
		for i := range n {
			persons = append(persons, fmt.Sprintf(`{"id": "p%d", "name": "P"}`, i))
		}
		src := `{"messages": {"android_push": {"alert": "a", "conversation_data": {"persons": [` + strings.Join(persons, ",") +
			`], "reply_person_id": "p1", "messages": [{"person_id": "p0"}, {"person_id": "nobody"}, {"person_id": "p` + fmt.Sprint(n-1) + `"}]}}}}`
		var got []string
		Run([]*Rule{ConversationPerson}, MessagesSend, decode(t, src), time.Time{}, func(f Finding) { got = append(got, f.At.Pointer) })
		if want := "/messages/android_push/conversation_data/messages/1/person_id"; len(got) != 1 || got[0] != want {
			t.Errorf("%d persons: findings at %q, want only %s", n, got, want)
		}
	}
}
