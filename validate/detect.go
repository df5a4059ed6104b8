package validate

import (
	"bytes"

	"github.com/tidwall/gjson"
)

// Members only one endpoint accepts. campaign_id counts for
// /campaigns/trigger/send, where it is required; on /messages/send it is
// optional.
var (
	messagesSendOnly = []string{"messages", "external_user_ids", "user_aliases", "segment_id", "override_frequency_capping", "recipient_subscription_state"}
	triggerSendOnly  = []string{"recipients", "trigger_properties", "attachments", "campaign_id"}
)

// Detect tells the endpoint of a payload from its top-level members, without
// validating it: the endpoint with more of the members only it accepts wins; a
// tie goes to /messages/send when messages is present, else to
// /campaigns/trigger/send; with none of them, ok is false. A member whose
// value is null counts as absent (INC-37), and api_key, which both endpoints
// accept (INC-39), counts for neither.
func Detect(data []byte) (ep Endpoint, ok bool) {
	res := gjson.ParseBytes(bytes.TrimPrefix(data, bom))
	if !res.IsObject() {
		return "", false
	}
	keys := map[string]bool{}
	res.ForEach(func(k, v gjson.Result) bool {
		keys[k.String()] = v.Type != gjson.Null // null is absent (INC-37)
		return true
	})
	return detect(func(k string) bool { return keys[k] })
}

func detect(has func(string) bool) (Endpoint, bool) {
	count := func(keys []string) (n int) {
		for _, k := range keys {
			if has(k) {
				n++
			}
		}
		return n
	}
	ms, ts := count(messagesSendOnly), count(triggerSendOnly)
	switch {
	case ms == 0 && ts == 0:
		return "", false
	case ms > ts || ms == ts && has("messages"):
		return MessagesSend, true
	default:
		return CampaignsTriggerSend, true
	}
}
