package validate

import (
	"strings"
	"testing"
)

// TestUndeclaredNamesAreNotEchoed: member names no schema declares are
// payload data, kept out of messages and Check's error, wherever the member
// is; its pointer still locates it.
func TestUndeclaredNamesAreNotEchoed(t *testing.T) {
	const name = "jane.doe@example.com"
	payload := `{"` + name + `": 1, "external_user_ids": ["u"], "broadcast": true,
		"messages": {"` + name + `": {}, "sms": {"subscription_group_id": "g", "app_id": "a", "body": "hi", "` + name + `": 2}},
		"trigger_properties": {"` + name + `": 1, "` + name + `": 2}}`
	diags := Bytes(MessagesSend, []byte(payload))
	if len(diags) < 3 {
		t.Fatalf("%d diagnostics, want the three unknown members and more: %v", len(diags), diags)
	}
	located := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "jane") {
			t.Errorf("%s: message names the member: %q", d.Rule, d.Message)
		}
		if strings.HasSuffix(d.Pointer, "/"+name) {
			located++
		}
	}
	if located != 4 {
		t.Errorf("%d diagnostics point at the members, want 4 (3 unknown, 1 duplicate)", located)
	}
	err := Check(MessagesSend, []byte(payload))
	if err == nil || strings.Contains(err.Error(), "jane") {
		t.Errorf("Check: %v", err)
	}
}
