package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/testpayload"
)

// benchPayloads are valid payloads of the sizes services send: small (one
// user, one message) and medium (a full batch of users with personalization).
func benchPayloads() map[string]struct {
	ep   Endpoint
	data []byte
} {
	ids := make([]string, 50)
	recips := make([]string, 50)
	for i := range 50 {
		ids[i] = fmt.Sprintf(`"user-%04d"`, i)
		recips[i] = fmt.Sprintf(`{"external_user_id": "user-%04d", "send_to_existing_only": false,
			"trigger_properties": {"order_id": "o-%d", "total": %d.99, "items": ["sku-1", "sku-2"]},
			"attributes": {"first_name": "Name%d", "email": "user%d@example.com", "loyalty_tier": "gold"}}`, i, i, i, i, i)
	}
	audience := `{"AND": [{"custom_attribute": {"custom_attribute_name": "eye_color", "comparison": "equals", "value": "blue"}},
		{"OR": [{"custom_attribute": {"custom_attribute_name": "last_purchase_time", "comparison": "less_than_x_days_ago", "value": 2}},
		{"push_subscription_status": {"comparison": "is", "value": "opted_in"}}]},
		{"last_used_app": {"comparison": "after", "value": "2019-07-22T13:17:55+0000"}}]}`
	return map[string]struct {
		ep   Endpoint
		data []byte
	}{
		"messages-send/small": {MessagesSend, []byte(`{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "Your code is 1234", "app_id": "app-1"}}}`)},
		"messages-send/medium": {MessagesSend, []byte(`{"external_user_ids": [` + strings.Join(ids, ", ") + `], "audience": ` + audience + `,
			"campaign_id": "camp-1", "send_id": "send-1", "recipient_subscription_state": "subscribed", "messages": {
			"apple_push": {"alert": "Your order shipped", "message_variation_id": "v-1"},
			"android_push": {"alert": "Your order shipped", "title": "Shop", "message_variation_id": "v-2"},
			"email": {"app_id": "app-1", "from": "Shop <shop@example.com>", "subject": "Shipped", "body": "<p>Your order shipped</p>", "message_variation_id": "v-3"},
			"sms": {"subscription_group_id": "sg-1", "body": "Your order shipped", "app_id": "app-1", "message_variation_id": "v-4"}}}`)},
		// Templated copy in every message, as most sends have (LIQ-*).
		"messages-send/liquid": {MessagesSend, []byte(`{"external_user_ids": ["user-1"], "messages": {
			"apple_push": {"alert": "Hi {{${first_name} | default: 'there'}}, your order shipped!"},
			"email": {"app_id": "app-1", "from": "Shop <shop@example.com>", "subject": "{{${first_name} | default: 'Hello'}}, your order shipped",
				"body": "{% connected_content https://api.example.com/orders?user={{${user_id} | url_param_escape}} :save order %}{% if order.__http_status_code__ != 200 %}{% abort_message('no order') %}{% endif %}<p>Hi {{${first_name} | default: 'there'}},</p>\n{% for item in order.items limit:5 %}<li>{{item.name | escape}} x {{item.quantity}}</li>{% endfor %}\n<p>Total: {{order.total | money}}</p>"},
			"sms": {"subscription_group_id": "sg-1", "body": "{{custom_attribute.${store_name} | default: 'Shop'}}: order {{custom_attribute.${last_order} | default: ''}} shipped", "app_id": "app-1"}}}`)},
		"campaigns-trigger-send/small": {CampaignsTriggerSend, []byte(`{"campaign_id": "camp-1", "recipients": [{"external_user_id": "user-1", "trigger_properties": {"order_id": "o-1"}}]}`)},
		"campaigns-trigger-send/medium": {CampaignsTriggerSend, []byte(`{"campaign_id": "camp-1", "send_id": "send-1", "trigger_properties": {"campaign": "spring"},
			"audience": ` + audience + `, "recipients": [` + strings.Join(recips, ", ") + `]}`)},
	}
}

func TestBenchPayloadsAreClean(t *testing.T) {
	for name, p := range benchPayloads() {
		if ds := Bytes(p.ep, p.data); len(ds) != 0 {
			t.Errorf("%s: %v", name, ds)
		}
	}
}

// BenchmarkValidate measures validate.Bytes on valid payloads, the common case
// for a service checking what it sends.
func BenchmarkValidate(b *testing.B) {
	for name, p := range benchPayloads() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(p.data)))
			b.ReportAllocs()
			for b.Loop() {
				Bytes(p.ep, p.data)
			}
		})
	}
}

// BenchmarkDecode is the floor to compare with: encoding/json decoding the same
// bytes into any, with no validation at all.
func BenchmarkDecode(b *testing.B) {
	for name, p := range benchPayloads() {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(p.data)))
			b.ReportAllocs()
			for b.Loop() {
				var v any
				dec := json.NewDecoder(bytes.NewReader(p.data))
				dec.UseNumber()
				if err := dec.Decode(&v); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTransport measures what NewTransport adds to a request: the same
// small /messages/send payload posted to a local httptest server, through
// the server's own client transport (bare) and wrapped (guarded). The
// difference of the two is the overhead per request.
func BenchmarkTransport(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	payload := benchPayloads()["messages-send/small"].data
	for _, bc := range []struct {
		name string
		rt   http.RoundTripper
	}{
		{"bare", srv.Client().Transport},
		{"guarded", NewTransport(srv.Client().Transport)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			client := &http.Client{Transport: bc.rt}
			b.ReportAllocs()
			for b.Loop() {
				resp, err := client.Post(srv.URL+"/messages/send", "application/json", bytes.NewReader(payload))
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
}

// BenchmarkFindings measures the cost of a finding: a valid payload plus n
// unknown members, each a finding. The time per finding (ns/finding) must be
// about the same at 1,000 and at 80,000: locating a finding does not read the
// payload again.
func BenchmarkFindings(b *testing.B) {
	for _, n := range []int{1000, 80000} {
		data := unknownMembers(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				Bytes(MessagesSend, data)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/finding")
		})
	}
}

// unknownMembers is a valid /messages/send payload with n unknown members.
func unknownMembers(n int) []byte { return testpayload.ValidPlusUnknown(n) }

// TestSmallCleanPayloadAllocatesNothing holds a service's common case to
// no allocation at all: a valid small payload, once the pools are warm.
func TestSmallCleanPayloadAllocatesNothing(t *testing.T) {
	if raceEnabled {
		t.Skip("under the race detector sync.Pool drops what it is given at random")
	}
	for _, name := range []string{"messages-send/small", "campaigns-trigger-send/small"} {
		p := benchPayloads()[name]
		Bytes(p.ep, p.data) // builds the checker and fills the pools
		if n := testing.AllocsPerRun(100, func() { Bytes(p.ep, p.data) }); n != 0 {
			t.Errorf("%s: %v allocations per payload, want 0", name, n)
		}
	}
}
