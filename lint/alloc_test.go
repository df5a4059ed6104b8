package lint

import (
	"testing"
	"time"
)

// TestCleanPayloadsAllocateNothing runs every Go rule over clean payloads
// that reach the members the rules read: no finding, and not one
// allocation, once the Doc (which keeps the Pass and its memory from payload
// to payload) has seen the payload. Most URLs hold Liquid, which the URL
// rules skip; the webhook's is plain, which isHTTPURL reads without net/url
// (which allocates).
func TestCleanPayloadsAllocateNothing(t *testing.T) {
	for _, c := range []struct {
		ep  Endpoint
		src string
	}{
		{MessagesSend, `{"external_user_ids": ["u"], "messages": {
			"android_push": {"alert": "a", "priority": 1, "extra": {"appboy_image_url": "{{custom_attribute.${image} | default: 'https://x.example'}}", "n": [1, 2]},
				"buttons": [{"text": "t", "action": "URI", "uri": "https://x.example"}],
				"conversation_data": {"persons": [{"id": "p0"}, {"id": "p1"}], "reply_person_id": "p1", "messages": [{"person_id": "p0"}]}},
			"apple_push": {"alert": "a", "category": "mine", "buttons": [{"action_id": "b", "action": "URI", "uri": "https://x.example"}]},
			"web_push": {"alert": "a", "custom_uri": "{{custom_attribute.${page} | default: 'https://x.example'}}", "buttons": [{"action": "URI", "uri": "{{custom_attribute.${page} | default: 'https://x.example'}}"}]},
			"webhook": {"url": "https://hooks.x.example:8443/v1/in?src=braze#a", "request_method": "POST", "body": "{}", "request_headers": {"Content-Type": "application/json"}},
			"content_card": {"type": "CLASSIC", "title": "t", "description": "d", "time_to_live": 60},
			"email": {"app_id": "a", "subject": "s", "body": "b", "from": "Me <me@x.example>", "reply_to": "NO_REPLY_TO", "bcc": "b@x.example",
				"preheader": "a preheader of a good length, somewhere from fifty to one hundred", "headers": {"X-A": "1"}, "extras": {"k": "v"}},
			"sms": {"body": "b", "user_click_tracking_enabled": true, "link_shortening_enabled": true}}}`},
		{MessagesSend, `{"external_user_ids": ["u"], "messages": {"whats_app": {"subscription_group_id": "g", "message_type": "template_message", "message": {
			"template_name": "t", "header_variables": {"0": "h"}, "body_variables": {"0": "b", "1": "c"}, "carousel_cards": [{}, {}]}}}}`},
		{MessagesSend, `{"external_user_ids": ["u"], "messages": {"whats_app": {"subscription_group_id": "g", "message_type": "list_response_message", "message": {
			"list": {"list_sections": [{"list_rows": [{}, {}]}, {"list_rows": [{}]}]}}}}}`},
		{CampaignsTriggerSend, `{"campaign_id": "c", "trigger_properties": {"a": [1, {"b": "c"}]},
			"recipients": [{"email": "e@x.example", "prioritization": ["identified"], "trigger_properties": {"x": 1}}]}`},
		{CanvasTriggerSend, `{"canvas_id": "c", "context": {"a": 1, "b": 2},
			"recipients": [{"external_user_id": "u", "context": {"a": 3, "c": "d"}}]}`},
		{MessagesSend, `{"campaign_id": "c", "external_user_ids": ["u", "v"], "broadcast": false,
	"attachments": [{"file_name": "r", "url": "https://x.example/r.pdf?id=1"}, {"file_name": "s", "url": "https://x.example/s.png"}],
	"audience": {"AND": [{"custom_attribute": {"custom_attribute_name": "a", "comparison": "exists"}},
	{"custom_attribute": {"custom_attribute_name": "r", "comparison": "matches_regex", "value": "(?i)^a+$"}},
	{"OR": [{"custom_attribute": {"custom_attribute_name": "b", "comparison": "not_equal", "value": true}},
	{"push_subscription_status": {"comparison": "is", "value": "opted_in"}}]}]}}`},
		{CampaignsTriggerSend, `{"campaign_id": "c", "recipients": [{"external_user_id": "u", "attributes": ` + cleanAttributes + `}]}`},
	} {
		doc := decode(t, c.src)
		report := func(f Finding) {
			t.Errorf("%s: clean payload reported %s at %s: %s", c.ep, f.Rule.ID, f.At.Pointer, f.Message)
		}
		Run(Rules, c.ep, doc, lintTime, report)
		if n := testing.AllocsPerRun(20, func() { Run(Rules, c.ep, doc, lintTime, report) }); n != 0 {
			t.Errorf("%s: %v allocations per run, want none:\n%s", c.ep, n, c.src)
		}
	}
}

// lintTime is a fixed lint time, for the schedule rules.
var lintTime = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
