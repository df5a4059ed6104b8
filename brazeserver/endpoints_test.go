package brazeserver_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/brazelint/brazelint/brazeserver"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
	"github.com/brazelint/brazelint/validate"
)

// seventh is a hypothetical endpoint, registered the way a new Braze
// endpoint would be: a table entry and a schema file, nothing else.
var seventh = lint.EndpointSpec{
	Name: "demo/trigger/send", Path: "/demo/v1/{demo_id}/send", Title: "trigger a demo",
	Schema: "demo-trigger-send.json",
	SchemaText: []byte(`{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "` + schema.BaseURL + `demo-trigger-send.json",
  "type": "object",
  "properties": {
    "demo_id": {"$ref": "defs.json#/$defs/identifier"},
    "recipients": {"type": "array", "maxItems": 50, "items": {"$ref": "defs.json#/$defs/recipient"}},
    "messages": false
  },
  "required": ["demo_id"],
  "additionalProperties": false
}`),
	Marks: []string{"demo_id"}, Decides: []string{"demo_id"},
	Targeting: lint.TargetRecipients, Users: []string{"recipients"},
	Hints: map[string]string{"messages": "a demo's content is in the dashboard"},
	Reply: []string{"dispatch_id", "schedule_id"},
}

const (
	validDemo   = `{"demo_id": "d-1", "recipients": [{"external_user_id": "u1"}]}`
	invalidDemo = `{"demo_id": "d-1", "messages": {}}`
)

// TestSeventhEndpoint registers an endpoint in a registry of its own and
// shows that detection, ParseEndpoint, the transport guard, serve and the
// schema export pick it up from the table alone, and that the default
// table does not see it.
func TestSeventhEndpoint(t *testing.T) {
	reg, err := lint.DefaultEndpoints.With(seventh)
	if err != nil {
		t.Fatal(err)
	}
	ep := seventh.Name
	cfg := validate.Config{Endpoints: reg}

	// Detection and names.
	if got, ok := reg.Detect(func(k string) bool { return k == "demo_id" || k == "recipients" }); !ok || got != ep {
		t.Errorf("Detect = %q, %v; want %q", got, ok, ep)
	}
	if got, err := validate.ParseEndpointIn(reg, "/demo/trigger/send"); err != nil || got != ep {
		t.Errorf("ParseEndpointIn = %q, %v", got, err)
	}
	if got, err := validate.ParseEndpointIn(reg, "demo/v1/d-9/send"); err != nil || got != ep {
		t.Errorf("ParseEndpointIn(full path) = %q, %v", got, err)
	}
	if _, err := validate.ParseEndpoint("demo/trigger/send"); err == nil {
		t.Error("the default table knows the test's endpoint: registrations leak")
	}
	if ds := cfg.Bytes(validate.Auto, []byte(validDemo)); len(ds) != 0 {
		t.Errorf("valid body: %v", ds)
	}
	ds := cfg.Bytes(validate.Auto, []byte(invalidDemo))
	if len(ds) != 1 || ds[0].Rule != lint.WrongEndpointMember.ID || !strings.Contains(ds[0].Message, "a demo's content is in the dashboard") {
		t.Errorf("invalid body: %v", ds)
	}
	if ds := validate.Bytes(validate.Auto, []byte(`{"demo_id": "d-1"}`)); len(ds) != 1 || ds[0].Rule != lint.EndpointUnknown.ID {
		t.Errorf("the default table on the test's body: %v, want endpoint-unknown", ds)
	}

	// The transport guard.
	var sent []string
	base := roundTripper(func(r *http.Request) (*http.Response, error) {
		sent = append(sent, r.URL.Path)
		return &http.Response{StatusCode: http.StatusCreated, Body: http.NoBody, Request: r}, nil
	})
	client := &http.Client{Transport: validate.NewTransport(base, validate.WithLimits(cfg))}
	for body, blocked := range map[string]bool{validDemo: false, invalidDemo: true} {
		resp, err := client.Post("https://rest.example.com/api/demo/v1/d-1/send", "application/json", strings.NewReader(body))
		var verr *validate.Error
		if blocked != errors.As(err, &verr) || blocked && verr.Endpoint != ep {
			t.Errorf("transport on %s: err %v, want blocked %v", body, err, blocked)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
	if len(sent) != 1 {
		t.Errorf("the base transport saw %v, want the valid body only", sent)
	}
	if err := validate.CheckOptions(validate.Guard(ep), validate.WithLimits(cfg)); err != nil {
		t.Errorf("Guard(%q) with the registry: %v", ep, err)
	}
	if err := validate.CheckOptions(validate.Guard(ep)); err == nil {
		t.Errorf("Guard(%q) without the registry: no error", ep)
	}

	// serve.
	srv := brazeserver.New(brazeserver.Options{Validate: cfg})
	call := func(s *brazeserver.Server, body string) (int, map[string]any) {
		req := httptest.NewRequest(http.MethodPost, "http://localhost/demo/v1/d-1/send", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer test-key")
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		var got map[string]any
		json.Unmarshal(rec.Body.Bytes(), &got)
		return rec.Code, got
	}
	if code, got := call(srv, validDemo); code != http.StatusCreated || got["dispatch_id"] == nil || got["schedule_id"] == nil || got["message"] != "success" {
		t.Errorf("serve, valid body: %d %v", code, got)
	}
	if code, _ := call(srv, invalidDemo); code != http.StatusBadRequest {
		t.Errorf("serve, invalid body: %d, want 400", code)
	}
	if code, _ := call(brazeserver.New(brazeserver.Options{}), validDemo); code != http.StatusNotFound {
		t.Errorf("serve without the registry: %d, want 404", code)
	}
	if got := brazeserver.Permission(ep); got != "demo.trigger.send" {
		t.Errorf("Permission = %q", got)
	}

	// The schema export: self-contained, and it compiles.
	doc, err := reg.ExportSchema(ep, schema.ExportOptions{AllowUnknown: true})
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("demo.json", inst); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("demo.json")
	if err != nil {
		t.Fatalf("the exported schema does not compile: %v", err)
	}
	valid, _ := jsonschema.UnmarshalJSON(strings.NewReader(validDemo))
	if err := sch.Validate(valid); err != nil {
		t.Errorf("the exported schema refuses the valid body: %v", err)
	}
	if _, err := lint.DefaultEndpoints.ExportSchema(ep, schema.ExportOptions{}); err == nil {
		t.Error("the default table exports the test's schema")
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestNewEndpointReplies checks the success bodies of the endpoints added
// with the table: a schedule_id next to the dispatch_id (SCH-9), the
// transactional dispatch_id and status (TX-10), under the path that holds
// the campaign id.
func TestNewEndpointReplies(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	for _, tt := range []struct {
		path, body string
		want       []string
		not        string
	}{
		{"/canvas/trigger/send", `{"canvas_id": "c", "recipients": [{"external_user_id": "u1"}]}`, []string{"dispatch_id"}, "schedule_id"},
		{"/messages/schedule/create", `{"external_user_ids": ["u1"], "schedule": {"time": "2999-01-01T00:00:00Z"}, "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`, []string{"dispatch_id", "schedule_id"}, "status"},
		{"/campaigns/trigger/schedule/create", `{"campaign_id": "c", "recipients": [{"external_user_id": "u1"}], "schedule": {"time": "2999-01-01T00:00:00Z"}}`, []string{"dispatch_id", "schedule_id"}, "status"},
		{"/canvas/trigger/schedule/create", `{"canvas_id": "c", "recipients": [{"external_user_id": "u1"}], "schedule": {"time": "2999-01-01T00:00:00Z"}}`, []string{"dispatch_id", "schedule_id"}, "status"},
		{"/transactional/v1/campaigns/camp-1/send", `{"external_send_id": "b3JkZXI=", "recipient": {"external_user_id": "u1"}}`, []string{"dispatch_id", "status"}, "schedule_id"},
	} {
		a := post(t, url+tt.path, tt.body)
		if a.status != http.StatusCreated || a.body["message"] != "success" {
			t.Errorf("POST %s: %d %s", tt.path, a.status, a.raw)
			continue
		}
		for _, k := range tt.want {
			if s, _ := a.body[k].(string); s == "" {
				t.Errorf("POST %s: no %s in %s", tt.path, k, a.raw)
			}
		}
		if _, ok := a.body[tt.not]; ok {
			t.Errorf("POST %s: %s in %s", tt.path, tt.not, a.raw)
		}
	}
	if a := post(t, url+"/transactional/v1/campaigns/send", `{"recipient": {"external_user_id": "u1"}}`); a.status != http.StatusNotFound {
		t.Errorf("the transactional path without a campaign id: %d, want 404", a.status)
	}
}
