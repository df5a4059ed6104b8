package validate_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"

	"github.com/brazelint/brazelint/validate"
)

func ExampleBytes() {
	body := []byte(`{
  "broadcast": true,
  "external_user_ids": ["user-1"],
  "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}
}`)
	for _, d := range validate.Bytes(validate.MessagesSend, body) {
		fmt.Printf("%d:%d: %s: %s (%s)\n", d.Start.Line, d.Start.Column, d.Severity, d.Message, d.Rule)
	}
	// Output:
	// 2:3: error: broadcast: true cannot be combined with external_user_ids: remove broadcast to message only the listed users, or remove external_user_ids to message the whole segment (broadcast-with-recipients)
}

func ExampleValue() {
	type sms struct {
		SubscriptionGroupID string `json:"subscription_group_id"`
		Body                string `json:"body"`
		AppID               string `json:"app_id"`
	}
	payload := map[string]any{
		"external_user_ids": []string{"user-1"},
		"messages":          map[string]any{"sms": sms{SubscriptionGroupID: "g", Body: "hi"}},
	}
	for _, d := range validate.Value(validate.MessagesSend, payload) {
		fmt.Printf("%s: %s (%s)\n", d.Pointer, d.Message, d.Rule)
	}
	// Output:
	// /messages/sms/app_id: messages.sms.app_id must not be empty (empty-string)
}

func ExampleCheck() {
	err := validate.Check(validate.CampaignsTriggerSend, []byte(`{"campaign_id": "c", "broadcast": "true"}`))
	var verr *validate.Error
	if errors.As(err, &verr) {
		for _, d := range verr.Diagnostics {
			fmt.Println(d.Pointer, d.Rule)
		}
	}
	// Output:
	// /broadcast type-mismatch
}

func ExampleNewTransport() {
	// A stand-in for Braze that counts what reaches it.
	var received atomic.Int32
	braze := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		received.Add(1)
		w.WriteHeader(http.StatusCreated)
	}))
	defer braze.Close()

	client := &http.Client{Transport: validate.NewTransport(nil)}
	send := func(body string) {
		resp, err := client.Post(braze.URL+"/messages/send", "application/json", strings.NewReader(body))
		var verr *validate.Error
		switch {
		case errors.As(err, &verr):
			fmt.Println("not sent:", verr.Diagnostics[0].Rule)
		case err != nil:
			fmt.Println(err)
		default:
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			fmt.Println("sent:", resp.Status)
		}
	}
	send(`{"broadcast": true, "external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`)
	send(`{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`)
	fmt.Println("requests Braze received:", received.Load())
	// Output:
	// not sent: broadcast-with-recipients
	// sent: 201 Created
	// requests Braze received: 1
}

// WriteText prints diagnostics as the brazelint command's text format does,
// related locations and fixes indented below.
func ExampleWriteText() {
	body := []byte(`{
  "broadcast": true,
  "external_user_ids": ["user-1"],
  "override_frequency_capping": "false",
  "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}
}`)
	validate.WriteText(os.Stdout, "payload.json", validate.Bytes(validate.MessagesSend, body))
	// Output:
	// payload.json:2:3: error: broadcast: true cannot be combined with external_user_ids: remove broadcast to message only the listed users, or remove external_user_ids to message the whole segment (broadcast-with-recipients)
	// 	payload.json:3:3: external_user_ids lists users
	// payload.json:4:33: error: override_frequency_capping must be a boolean, not a string: write true or false without quotes (type-mismatch)
	// 	fix: write false without quotes
}
