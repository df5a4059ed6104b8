package validate

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/brazelint/brazelint/lint"
)

// TestDetectNewEndpoints holds detection to the precedence of the endpoint
// table: schedule and canvas_id decide, then marks, keys and ranks.
func TestDetectNewEndpoints(t *testing.T) {
	tests := []struct {
		in   string
		want Endpoint
	}{
		{`{"canvas_id": "c", "recipients": [{"external_user_id": "u"}]}`, CanvasTriggerSend},
		// canvas_id decides, even against more campaign members.
		{`{"canvas_id": "c", "campaign_id": "x", "trigger_properties": {}, "recipients": []}`, CanvasTriggerSend},
		{`{"schedule": {"time": "t"}, "messages": {}, "external_user_ids": ["u"]}`, MessagesScheduleCreate},
		// override_frequency_capping is a /messages/send mark, but schedule decides.
		{`{"schedule": {}, "messages": {}, "override_frequency_capping": true}`, MessagesScheduleCreate},
		{`{"schedule": {}, "campaign_id": "c", "recipients": [], "attachments": []}`, CampaignsTriggerScheduleCreate},
		{`{"schedule": {}, "canvas_id": "c"}`, CanvasTriggerScheduleCreate},
		{`{"recipient": {"external_user_id": "u"}}`, TransactionalSend},
		{`{"recipient": {}, "trigger_properties": {}}`, TransactionalSend},
		{`{"external_send_id": "x", "trigger_properties": {}, "campaign_id": "c"}`, CampaignsTriggerSend},
		// The two original endpoints keep their old precedence.
		{`{"recipients": []}`, CampaignsTriggerSend},
		{`{"campaign_id": "c", "messages": {}}`, MessagesSend},
	}
	for _, tt := range tests {
		if got, ok := Detect([]byte(tt.in)); !ok || got != tt.want {
			t.Errorf("Detect(%s) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	// Without canvas_id nothing decides for a Canvas: context alone marks
	// no endpoint that can be detected.
	if got, ok := Detect([]byte(`{"context": {"a": 1}, "broadcast": true}`)); ok {
		t.Errorf("Detect(context alone) = %q, want none", got)
	}
}

func TestParseEndpointNames(t *testing.T) {
	for in, want := range map[string]Endpoint{
		"canvas/trigger/send":                           CanvasTriggerSend,
		"/messages/schedule/create":                     MessagesScheduleCreate,
		"transactional/send":                            TransactionalSend,
		"transactional/v1/campaigns/{campaign_id}/send": TransactionalSend,
		"/transactional/v1/campaigns/abc-123/send":      TransactionalSend,
		"campaigns/trigger/schedule/create":             CampaignsTriggerScheduleCreate,
		"auto":                                          Auto,
	} {
		if got, err := ParseEndpoint(in); err != nil || got != want {
			t.Errorf("ParseEndpoint(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"transactional/v1/campaigns//send", "canvas/trigger", "users/track", ""} {
		if _, err := ParseEndpoint(in); err == nil || !strings.Contains(err.Error(), "transactional/send") {
			t.Errorf("ParseEndpoint(%q): %v, want an error listing the endpoints", in, err)
		}
	}
}

// TestScheduleClock shows the time-dependent rules read Config.Now: the
// same payload is clean on one day and past on a later one.
func TestScheduleClock(t *testing.T) {
	payload := []byte(`{"campaign_id": "c", "broadcast": true, "schedule": {"time": "2026-12-24T09:00:00Z"}}`)
	at := func(day int) Config {
		return Config{Now: func() time.Time { return time.Date(2026, 12, day, 0, 0, 0, 0, time.UTC) }}
	}
	rules := func(ds []lint.Diagnostic) (ids []string) {
		for _, d := range ds {
			ids = append(ids, d.Rule)
		}
		return ids
	}
	if got := rules(at(20).Bytes(CampaignsTriggerScheduleCreate, payload)); strings.Join(got, " ") != "broadcast-enabled" {
		t.Errorf("before the time: %v", got)
	}
	if got := rules(at(25).Bytes(CampaignsTriggerScheduleCreate, payload)); strings.Join(got, " ") != "broadcast-enabled schedule-time-past" {
		t.Errorf("after the time: %v", got)
	}
}

// TestSplitCanvasRecipients: split cuts a Canvas trigger's recipients, as
// the endpoint table lists them, and leaves a transactional body whole.
func TestSplitCanvasRecipients(t *testing.T) {
	var recips []string
	for i := range 120 {
		recips = append(recips, `{"external_user_id": "u`+string(rune('a'+i%26))+`"}`)
	}
	in := []byte(`{"canvas_id": "c", "context": {"a": 1}, "recipients": [` + strings.Join(recips, ", ") + `]}`)
	batches, err := Split(Auto, in, 50)
	if err != nil || len(batches) != 3 {
		t.Fatalf("Split = %d batches, %v; want 3", len(batches), err)
	}
	for i, b := range batches {
		var v struct {
			CanvasID   string `json:"canvas_id"`
			Recipients []any  `json:"recipients"`
		}
		if err := json.Unmarshal(b, &v); err != nil || v.CanvasID != "c" || len(v.Recipients) != []int{50, 50, 20}[i] {
			t.Errorf("batch %d: %d recipients, %v", i, len(v.Recipients), err)
		}
	}
	tx := []byte(`{"recipient": {"external_user_id": "u"}}`)
	if got, err := Split(TransactionalSend, tx, 1); err != nil || len(got) != 1 || string(got[0]) != string(tx) {
		t.Errorf("Split(transactional) = %q, %v; want the body whole", got, err)
	}
}

// TestTransportGuardsNewEndpoints: the transactional path matches with any
// campaign id in it, under a prefix.
func TestTransportGuardsNewEndpoints(t *testing.T) {
	var sent int
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		sent++
		return &http.Response{StatusCode: http.StatusCreated, Body: http.NoBody, Request: r}, nil
	})
	client := &http.Client{Transport: NewTransport(base)}
	for _, tt := range []struct {
		path, body string
		want       Endpoint
	}{
		{"/api/transactional/v1/campaigns/camp-9/send", `{"recipient": {}}`, TransactionalSend},
		{"/canvas/trigger/send", `{"recipients": []}`, CanvasTriggerSend},
		{"/messages/schedule/create/", `{"messages": {}}`, MessagesScheduleCreate},
	} {
		_, err := client.Post("https://rest.example.com"+tt.path, "application/json", strings.NewReader(tt.body))
		var verr *Error
		if !errors.As(err, &verr) || verr.Endpoint != tt.want {
			t.Errorf("POST %s: %v, want blocked as %s", tt.path, err, tt.want)
		}
	}
	if sent != 0 {
		t.Errorf("%d invalid bodies were sent", sent)
	}
}
