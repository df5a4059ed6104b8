package lint

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestCompactJSONLen checks the measure of a value as sent against
// encoding/json's Compact of the same text: white space outside strings is
// dropped, white space, escapes and quotes inside strings are kept.
func TestCompactJSONLen(t *testing.T) {
	for _, src := range []string{
		`[]`, ` [ 1 , 2.5e3 ] `, "[\n\t{\"a b\" : \"x \\\" y\\\\\" , \"c\": [ ] } ,\r\n null ]",
		`[{"é": "😀 \u00fc \\\"", "k": true, "k": false}]`,
	} {
		doc := decode(t, `{"v": `+src+`}`)
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(src)); err != nil {
			t.Fatal(err)
		}
		if got := compactLen(doc.Root().Get("v")); got != want.Len() {
			t.Errorf("compactLen(%s) = %d, want %d", src, got, want.Len())
		}
	}
	if got := compactLen(Value{}); got != 0 {
		t.Errorf("compactLen of an absent value = %d, want 0", got)
	}
}

// TestPortedRulesCleanPathAllocs runs the attachment, id and audience rules
// that call no parser of their own over a clean payload: each costs the Pass,
// and a rule that walks the audience the walk's path stack, nothing per
// element or node.
func TestPortedRulesCleanPathAllocs(t *testing.T) {
	src := `{"campaign_id": "c", "external_user_ids": ["u", "v"], "broadcast": false,
	"attachments": [{"file_name": "r", "url": "https://x.example/r.pdf?id=1"}, {"file_name": "s", "url": "https://x.example/s.png"}],
	"audience": {"AND": [{"custom_attribute": {"custom_attribute_name": "a", "comparison": "exists"}},
	{"OR": [{"custom_attribute": {"custom_attribute_name": "b", "comparison": "not_equal", "value": true}},
	{"push_subscription_status": {"comparison": "is", "value": "opted_in"}}]}]}}`
	doc := decode(t, src)
	report := func(f Finding) { t.Errorf("clean payload reported %s: %s", f.Rule.ID, f.Message) }
	for _, c := range []struct {
		rule *Rule
		max  float64
	}{
		{AttachmentFileExtension, 1}, {AttachmentURLEmail, 1}, {AttachmentsWithBroadcast, 1}, {IDNotString, 1},
		{ValueIgnored, 2}, {BooleanNotEqual, 2}, {SingleOperand, 2}, {AudienceTooDeep, 2},
	} {
		run := func() { Run([]*Rule{c.rule}, CampaignsTriggerSend, doc, time.Time{}, report) }
		if n := testing.AllocsPerRun(20, run); n > c.max {
			t.Errorf("%s: %v allocations per run, want at most %v", c.rule.ID, n, c.max)
		}
	}
}
