package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestCompactLen checks the size measure against encoding/json's Compact,
// which drops the same white space and keeps escapes as written.
func TestCompactLen(t *testing.T) {
	for _, src := range []string{
		`{}`, `{"a": []}`, `{"a": [ 1, 2.5e3 , "x\"y\\z\n\t  ", null, true, false ]}`,
		"{\n\t\"é\" : \"😀 ünïcødé\",\r\n \"ctl\": \"\\u0001 \\\" \\\\\",\"nested\":{ \"k\" : [ {} , [ ] ] } }",
		`{"s": "a \\", "t": " \\\\ "}`,
	} {
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(src)); err != nil {
			t.Fatal(err)
		}
		root := decode(t, src).Root()
		if got := compactLen(root); got != want.Len() {
			t.Errorf("compactLen(%s) = %d, want %d", src, got, want.Len())
		}
		for _, v := range root.Members() {
			var w bytes.Buffer
			if err := json.Compact(&w, v.Raw()); err != nil {
				t.Fatal(err)
			}
			if got := compactLen(v); got != w.Len() {
				t.Errorf("compactLen(%s) = %d, want %d", v.Raw(), got, w.Len())
			}
		}
	}
	if got := compactLen(Value{}); got != 0 {
		t.Errorf("compactLen of an absent value = %d, want 0", got)
	}
}

// TestMemberLen checks that a member measures its name as written, the
// colon and its compact value.
func TestMemberLen(t *testing.T) {
	root := decode(t, `{ "a\u0062" :  [1, 2] , "c":"d" }`).Root()
	for name, want := range map[string]int{"ab": len(`"a\u0062":[1,2]`), "c": len(`"c":"d"`)} {
		if got := memberLen(root.Get(name)); got != want {
			t.Errorf("memberLen(%s) = %d, want %d", name, got, want)
		}
	}
}

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

// portedRules are the rules that read sizes, buttons, WhatsApp, webhook,
// email and card members through Values.
var portedRules = []*Rule{TriggerPropertiesTooLarge, ContextTooLarge, PushTooLarge, PushNearSizeLimit, PushPriorityRange,
	AppleButton, ButtonURI, WhatsAppCarousel, WhatsAppHeader, WhatsAppListRows, ConversationPerson, WebPushURL, WebhookURL,
	WebhookContentType, WebhookGetBody, ImageURL, CardExpiry, CardExpiryFields, BannerCardText, EmailBody, EmailSubject, EmailBCC,
	EmailFromName, EmailAddress, EmailHashValue, EmailNeedsPrioritization, PreheaderLength, SMSClickTracking, LegacyMessageType,
	TemplateVariableIndex}

// TestPortedRulesCleanPathAllocatesNothing runs those rules over clean
// payloads that reach every member they read: no finding, no allocation
// past the Pass. The URLs the rules check hold Liquid, which they skip:
// isHTTPURL parses with net/url, which allocates.
func TestPortedRulesCleanPathAllocatesNothing(t *testing.T) {
	for _, c := range []struct {
		ep  Endpoint
		src string
	}{
		{MessagesSend, `{"external_user_ids": ["u"], "messages": {
			"android_push": {"alert": "a", "priority": 1, "extra": {"appboy_image_url": "{{${image}}}", "n": [1, 2]},
				"buttons": [{"text": "t", "action": "URI", "uri": "https://x.example"}],
				"conversation_data": {"persons": [{"id": "p0"}, {"id": "p1"}], "reply_person_id": "p1", "messages": [{"person_id": "p0"}]}},
			"apple_push": {"alert": "a", "category": "mine", "buttons": [{"action_id": "b", "action": "URI", "uri": "https://x.example"}]},
			"web_push": {"alert": "a", "custom_uri": "{{${page}}}", "buttons": [{"action": "URI", "uri": "{{${page}}}"}]},
			"webhook": {"url": "{{${hook}}}", "request_method": "POST", "body": "{}", "request_headers": {"Content-Type": "application/json"}},
			"content_card": {"type": "CLASSIC", "title": "t", "description": "d", "time_to_live": 60},
			"email": {"app_id": "a", "subject": "s", "body": "b", "from": "Me <me@x.example>", "reply_to": "NO_REPLY_TO", "bcc": "b@x.example",
				"preheader": "a preheader of a good length, somewhere from fifty to one hundred", "headers": {"X-A": "1"}, "extras": {"k": "v"}},
			"sms": {"body": "b", "user_click_tracking_enabled": true, "link_shortening_enabled": true}}}`},
		{MessagesSend, `{"messages": {"whats_app": {"subscription_group_id": "g", "message_type": "template_message", "message": {
			"template_name": "t", "header_variables": {"0": "h"}, "body_variables": {"0": "b", "1": "c"}, "carousel_cards": [{}, {}]}}}}`},
		{MessagesSend, `{"messages": {"whats_app": {"subscription_group_id": "g", "message_type": "list_response_message", "message": {
			"list": {"list_sections": [{"list_rows": [{}, {}]}, {"list_rows": [{}]}]}}}}}`},
		{CampaignsTriggerSend, `{"campaign_id": "c", "trigger_properties": {"a": [1, {"b": "c"}]},
			"recipients": [{"email": "e@x.example", "prioritization": ["identified"], "trigger_properties": {"x": 1}}]}`},
		{CanvasTriggerSend, `{"canvas_id": "c", "context": {"a": 1}, "canvas_entry_properties": {"b": 2},
			"recipients": [{"external_user_id": "u", "context": {"a": 3, "c": "d"}}]}`},
	} {
		doc := decode(t, c.src)
		report := func(f Finding) {
			t.Errorf("%s: clean payload reported %s at %s: %s", c.ep, f.Rule.ID, f.At.Pointer, f.Message)
		}
		Run(portedRules, c.ep, doc, time.Time{}, report)
		if n := testing.AllocsPerRun(20, func() { Run(portedRules, c.ep, doc, time.Time{}, report) }); n > 1 {
			t.Errorf("%s: %v allocations per run, want at most the Pass", c.ep, n)
		}
	}
}
