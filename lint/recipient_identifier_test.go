package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestRecipientMembersReadAsGet holds the one-walk reading of a recipient
// to what Value.Has and Value.Get answer for each name: escaped and repeated
// names, and recipients large enough for an index, included.
func TestRecipientMembersReadAsGet(t *testing.T) {
	var many strings.Builder
	for i := range 20 {
		fmt.Fprintf(&many, `"m%d": 1, `, i)
	}
	for _, r := range []string{
		`{}`, `{"external_user_id": "u"}`, `{"user_alias": {}}`, `{"email": "e"}`, `{"braze_id": "b"}`, `{"phone": "p"}`,
		`{"em\u0061il": "e", "ph\u006fne": "p"}`, `{"email": "e", "email": "f", "braze_id": "b", "external_user_id": "u"}`,
		`{` + many.String() + `"user_alias": {}, "phone": "p"}`, `{` + many.String() + `"external_id": "x"}`,
		`{"Email": "e", "external_user_ids": ["u"], "phones": "p"}`,
		`{"send_to_existing_only": false, "attributes": {"a": 1}}`, `{"send_to_existing_only": true, "send_to_existing_only": false, "attrib\u0075tes": []}`,
		`{` + many.String() + `"send_to_existing_only": false, "attributes": {}}`,
		`{"email": "e", "prioritization": ["identified"]}`, `{"prioritiz\u0061tion": [], "email": 1, "email": "e"}`,
		`{` + many.String() + `"prioritization": ["unidentified"], "email": null}`,
		`{"context": {}, "canvas_entry_properties": {"a": 1}}`, `{"cont\u0065xt": 1, "context": {}, "canvas_entry_properties": null}`,
		`{"trigger_properties": {"a": 1}, "user_alias": {"alias_name": "n"}}`, `{"trigger_properties": 1, "trigger_propertie\u0073": {}}`,
	} {
		doc := decode(t, `{"recipients": [`+r+`]}`)
		rec := doc.Root().Get("recipients").Index(0)
		var m recipientMembers
		readRecipient(&m, 0, rec)
		for i, k := range identifierKeys {
			if got := m.has(i); got != rec.Has(k) {
				t.Errorf("%s: %s read as %v, Has says %v", r, k, got, rec.Has(k))
			}
			if m.id[i] != rec.Get(k) {
				t.Errorf("%s: %s read as %v, Get says %v", r, k, m.id[i], rec.Get(k))
			}
		}
		if m.phone != rec.Has("phone") {
			t.Errorf("%s: phone read as %v, Has says %v", r, m.phone, rec.Has("phone"))
		}
		if m.sendToExistingOnly != rec.Get("send_to_existing_only") || m.attributes != rec.Get("attributes") {
			t.Errorf("%s: send_to_existing_only and attributes read as %v and %v, Get says %v and %v", r,
				m.sendToExistingOnly, m.attributes, rec.Get("send_to_existing_only"), rec.Get("attributes"))
		}
		if m.context != rec.Get("context") || m.canvasEntryProperties != rec.Get("canvas_entry_properties") {
			t.Errorf("%s: context and canvas_entry_properties read as %v and %v", r, m.context, m.canvasEntryProperties)
		}
		if m.triggerProperties != rec.Get("trigger_properties") || m.prioritization != rec.Get("prioritization") {
			t.Errorf("%s: trigger_properties and prioritization read as %v and %v, Get says %v and %v", r,
				m.triggerProperties, m.prioritization, rec.Get("trigger_properties"), rec.Get("prioritization"))
		}
	}
}
