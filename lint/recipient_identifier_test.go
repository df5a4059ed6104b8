package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestRecipientIdentifiersReadAsHas holds the one-walk reading of a
// recipient's identifiers to what Value.Has answers for each name: escaped
// and repeated names, and recipients large enough for an index, included.
func TestRecipientIdentifiersReadAsHas(t *testing.T) {
	var many strings.Builder
	for i := range 20 {
		fmt.Fprintf(&many, `"m%d": 1, `, i)
	}
	for _, r := range []string{
		`{}`, `{"external_user_id": "u"}`, `{"user_alias": {}}`, `{"email": "e"}`, `{"braze_id": "b"}`, `{"phone": "p"}`,
		`{"em\u0061il": "e", "ph\u006fne": "p"}`, `{"email": "e", "email": "f", "braze_id": "b", "external_user_id": "u"}`,
		`{` + many.String() + `"user_alias": {}, "phone": "p"}`, `{` + many.String() + `"external_id": "x"}`,
		`{"Email": "e", "external_user_ids": ["u"], "phones": "p"}`,
	} {
		doc := decode(t, `{"recipients": [`+r+`]}`)
		rec := doc.Root().Get("recipients").Index(0)
		has, phone := recipientIdentifiers(rec)
		for i, k := range identifierKeys {
			if got := has&(1<<i) != 0; got != rec.Has(k) {
				t.Errorf("%s: %s read as %v, Has says %v", r, k, got, rec.Has(k))
			}
		}
		if phone != rec.Has("phone") {
			t.Errorf("%s: phone read as %v, Has says %v", r, phone, rec.Has("phone"))
		}
	}
}
