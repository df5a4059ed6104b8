package validate

import (
	"testing"

	"github.com/brazelint/brazelint/lint"
)

// TestSendToExistingOnlyWithoutAttributesIsOneError: REC-11 asks for a
// warning when a recipient sets send_to_existing_only: false without
// attributes, but on /campaigns/trigger/send TS-34 makes the same defect an
// error, and README INC-56 says the error then stands alone. So no rule of
// its own reads REC-11: the recipient gets exactly one finding, the error.
func TestSendToExistingOnlyWithoutAttributesIsOneError(t *testing.T) {
	for name, recipient := range map[string]string{
		"missing": `{"external_user_id": "user-1", "send_to_existing_only": false}`,
		"empty":   `{"external_user_id": "user-1", "send_to_existing_only": false, "attributes": {}}`,
	} {
		ds := Bytes(CampaignsTriggerSend, []byte(`{"campaign_id": "c", "recipients": [`+recipient+`]}`))
		if len(ds) != 1 || ds[0].Rule != lint.SendToExistingNeedsAttributes.ID || ds[0].Severity != lint.Error {
			t.Errorf("%s attributes: got %v, want one send-to-existing-needs-attributes error", name, ds)
		}
	}
}

// TestCreatedUserContactLeavesMissingAttributesAlone: the TS-39 info is
// about what populated attributes lack, so it stays quiet where the
// attributes themselves are missing (an error, above) or where the recipient
// is named by email, whose address Braze then has.
func TestCreatedUserContactLeavesMissingAttributesAlone(t *testing.T) {
	for _, recipient := range []string{
		`{"external_user_id": "user-1", "send_to_existing_only": false}`,
		`{"email": "a@example.com", "prioritization": ["identified"], "send_to_existing_only": false, "attributes": {"first_name": "A"}}`,
		`{"external_user_id": "user-1", "send_to_existing_only": true, "attributes": {"first_name": "A"}}`,
		`{"external_user_id": "user-1", "attributes": {"first_name": "A"}}`,
	} {
		for _, d := range Bytes(CampaignsTriggerSend, []byte(`{"campaign_id": "c", "recipients": [`+recipient+`]}`)) {
			if d.Rule == lint.CreatedUserContact.ID {
				t.Errorf("%s: unexpected %v", recipient, d)
			}
		}
	}
}
