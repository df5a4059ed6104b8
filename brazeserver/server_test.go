package brazeserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/brazelint/brazelint/brazeserver"
)

// The payloads hold no Liquid ({{ }} or {% %}): rules about Liquid would
// change their diagnostics.
const (
	// validSend is a clean /messages/send body, by external id.
	validSend = `{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	// validTrigger is a clean /campaigns/trigger/send body with a send_id.
	validTrigger = `{"campaign_id": "camp-1", "send_id": "send-1", "recipients": [{"external_user_id": "u1"}]}`
	// segmentSend targets a segment (MS-44): per-minute bucket. It has one
	// info diagnostic, broadcast-enabled.
	segmentSend = `{"broadcast": true, "segment_id": "seg-1", "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	// audienceTrigger targets a connected audience on the trigger endpoint
	// (TS-49): per-minute bucket too.
	audienceTrigger = `{"campaign_id": "camp-1", "broadcast": true, "audience": {"custom_attribute": {"custom_attribute_name": "eye_color", "comparison": "equals", "value": "blue"}}}`
	// warnSend has a warning only (id-not-string: an integer id beyond
	// 2^53-1, INC-36).
	warnSend = `{"external_user_ids": [12345678901234567890], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	// invalidSend has one error, on line 2, and a warning after it.
	invalidSend = "{\n  \"external_user_ids\": \"user-1\",\n  \"recipients_extra\": 1,\n  \"messages\": {\"sms\": {\"subscription_group_id\": \"sg-1\", \"body\": \"hi\", \"app_id\": \"app-1\"}}\n}\n"
)

// clock is a settable clock for Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(s string) *clock {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return &clock{now: t}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func epoch(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return strconv.FormatInt(t.Unix(), 10)
}

func start(t *testing.T, opts brazeserver.Options) (*brazeserver.Server, string) {
	t.Helper()
	s := brazeserver.New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}

// answer is a response read whole.
type answer struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// do sends a request with the given headers ("" leaves one out).
func do(t *testing.T, method, url, auth, contentType, body string) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &a.body); err != nil {
			t.Fatalf("%s %s: the answer is not a JSON object: %v: %q", method, url, err, raw)
		}
	}
	return a
}

func post(t *testing.T, url, body string) answer {
	t.Helper()
	return do(t, http.MethodPost, url, "Bearer test-key", "application/json", body)
}

var dispatchID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// checkQuota checks the three rate-limit headers (RESP-10, MS-47).
func checkQuota(t *testing.T, a answer, limit, remaining int, reset string) {
	t.Helper()
	got := [3]string{a.header.Get("X-RateLimit-Limit"), a.header.Get("X-RateLimit-Remaining"), a.header.Get("X-RateLimit-Reset")}
	want := [3]string{strconv.Itoa(limit), strconv.Itoa(remaining), reset}
	if got != want {
		t.Errorf("X-RateLimit-Limit, -Remaining, -Reset = %q, want %q", got, want)
	}
}

func TestValidBodyIsCreated(t *testing.T) {
	clk := newClock("2020-06-17T20:15:00Z")
	_, url := start(t, brazeserver.Options{Now: clk.Now})
	a := post(t, url+"/messages/send", validSend)
	if a.status != http.StatusCreated {
		t.Fatalf("status %d, body %s; want 201", a.status, a.raw)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	id, _ := a.body["dispatch_id"].(string)
	if !dispatchID.MatchString(id) {
		t.Errorf("dispatch_id %q is not 32 lowercase hex characters", id)
	}
	// RESP-7: exactly these two members, in this order.
	if want := `{"dispatch_id":"` + id + `","message":"success"}` + "\n"; a.raw != want {
		t.Errorf("body %q, want %q", a.raw, want)
	}
	// The hourly bucket, shown with Braze's default when not enforced; the
	// reset is the top of the next hour (RESP-7).
	checkQuota(t, a, 250000, 249999, epoch("2020-06-17T21:00:00Z"))

	b := post(t, url+"/messages/send", validSend)
	if b.body["dispatch_id"] == id {
		t.Errorf("two requests got the same dispatch_id %s", id)
	}
}

func TestSendIDIsEchoed(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	a := post(t, url+"/campaigns/trigger/send", validTrigger)
	id, _ := a.body["dispatch_id"].(string)
	if want := `{"dispatch_id":"` + id + `","message":"success","send_id":"send-1"}` + "\n"; a.status != http.StatusCreated || a.raw != want {
		t.Errorf("status %d, body %q; want 201, %q", a.status, a.raw, want)
	}
}

func TestInvalidBodyIsRejected(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	a := post(t, url+"/messages/send", invalidSend)
	if a.status != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", a.status)
	}
	const typeMsg = "external_user_ids must be an array, not a string: wrap it in [ ] to make a list"
	want := map[string]any{
		"message": typeMsg,
		"errors": []any{
			"2:24 /external_user_ids: " + typeMsg + " (type-mismatch)",
			"3:3 /recipients_extra: an unknown member at the top level: remove it or fix its name (unknown-member)",
		},
		"brazelint_diagnostics": []any{
			// The shape of lint.Diagnostic and brazelint --format json, fixes
			// and all.
			map[string]any{"rule": "type-mismatch", "severity": "error", "message": typeMsg, "pointer": "/external_user_ids",
				"line": 2.0, "column": 24.0, "endLine": 2.0, "endColumn": 32.0, "offset": 25.0, "endOffset": 33.0,
				"fixes": []any{map[string]any{"message": "put the string in an array", "edits": []any{
					map[string]any{"line": 2.0, "column": 24.0, "endLine": 2.0, "endColumn": 24.0, "offset": 25.0, "endOffset": 25.0, "newText": "["},
					map[string]any{"line": 2.0, "column": 32.0, "endLine": 2.0, "endColumn": 32.0, "offset": 33.0, "endOffset": 33.0, "newText": "]"},
				}}}},
			map[string]any{"rule": "unknown-member", "severity": "warning",
				"message": "an unknown member at the top level: remove it or fix its name",
				"pointer": "/recipients_extra", "line": 3.0, "column": 3.0, "endLine": 3.0, "endColumn": 21.0, "offset": 37.0, "endOffset": 55.0},
		},
	}
	if diff := cmp.Diff(want, a.body); diff != "" {
		t.Errorf("answer (-want +got):\n%s", diff)
	}
	if _, ok := a.body["dispatch_id"]; ok {
		t.Error("a rejected request got a dispatch_id")
	}
}

// RESP-13: warnings never fail a request; they are non-fatal errors (RESP-2).
func TestWarningsOnlyIsCreated(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	a := post(t, url+"/messages/send", warnSend)
	if a.status != http.StatusCreated || a.body["message"] != "success" || !dispatchID.MatchString(a.body["dispatch_id"].(string)) {
		t.Fatalf("status %d, body %s; want 201 success", a.status, a.raw)
	}
	want := []any{"1:24 /external_user_ids/0: external_user_ids[0] is a number beyond 2^53-1, which JSON clients round: quote it as a string so no digits are lost (id-not-string)"}
	if diff := cmp.Diff(want, a.body["errors"]); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	diags, _ := a.body["brazelint_diagnostics"].([]any)
	if len(diags) != 1 || diags[0].(map[string]any)["severity"] != "warning" {
		t.Errorf("brazelint_diagnostics %v", a.body["brazelint_diagnostics"])
	}
}

// Info diagnostics are reported under brazelint_diagnostics only.
func TestInfoIsNotAnError(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	a := post(t, url+"/messages/send", segmentSend)
	if a.status != http.StatusCreated {
		t.Fatalf("status %d, body %s", a.status, a.raw)
	}
	if _, ok := a.body["errors"]; ok {
		t.Errorf("errors present: %s", a.raw)
	}
	diags, _ := a.body["brazelint_diagnostics"].([]any)
	if len(diags) != 1 || diags[0].(map[string]any)["rule"] != "broadcast-enabled" {
		t.Errorf("brazelint_diagnostics %v, want one broadcast-enabled", a.body["brazelint_diagnostics"])
	}
}

func TestRoutes(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	tests := []struct {
		method, path string
		status       int
		allow        string
		body         string
	}{
		{"POST", "/messages/send/", 404, "", `{"message":"Not Found"}`},
		{"POST", "/users/track", 404, "", `{"message":"Not Found"}`},
		{"GET", "/", 404, "", `{"message":"Not Found"}`},
		{"GET", "/messages/send", 405, "POST", `{"message":"Method Not Allowed"}`},
		{"PUT", "/campaigns/trigger/send", 405, "POST", `{"message":"Method Not Allowed"}`},
		{"POST", "/_brazelint/requests", 405, "GET, DELETE", `{"message":"Method Not Allowed"}`},
	}
	for _, tt := range tests {
		a := do(t, tt.method, url+tt.path, "Bearer k", "application/json", validSend)
		if a.status != tt.status || a.header.Get("Allow") != tt.allow || a.raw != tt.body+"\n" {
			t.Errorf("%s %s: status %d, Allow %q, body %q; want %d, %q, %s", tt.method, tt.path,
				a.status, a.header.Get("Allow"), a.raw, tt.status, tt.allow, tt.body)
		}
		onSend := strings.HasSuffix(tt.path, "/send")
		if has := a.header.Get("X-RateLimit-Remaining") != ""; has != (onSend && tt.status == 405) {
			t.Errorf("%s %s: rate-limit headers %v", tt.method, tt.path, has)
		}
	}
}

// MS-44, TS-49, INC-2: segment, audience and broadcast sends share a
// per-minute limit; the window resets at the next minute.
func TestRateLimitPerMinute(t *testing.T) {
	clk := newClock("2020-06-17T20:59:10Z")
	_, url := start(t, brazeserver.Options{MinuteLimit: 3, Now: clk.Now})
	nextMinute := epoch("2020-06-17T21:00:00Z")
	bodies := []struct{ path, body string }{
		{"/messages/send", segmentSend},
		{"/campaigns/trigger/send", audienceTrigger},
		{"/messages/send", segmentSend},
	}
	for i, b := range bodies {
		a := post(t, url+b.path, b.body)
		if a.status != http.StatusCreated {
			t.Fatalf("request %d: status %d, body %s", i+1, a.status, a.raw)
		}
		checkQuota(t, a, 3, 2-i, nextMinute)
	}
	for range 2 { // a 429 does not count
		a := post(t, url+"/messages/send", segmentSend)
		if a.status != http.StatusTooManyRequests || a.raw != `{"message":"Rate Limited"}`+"\n" {
			t.Fatalf("over the limit: status %d, body %q; want 429 Rate Limited", a.status, a.raw)
		}
		checkQuota(t, a, 3, 0, nextMinute)
	}

	// A send by external id is in the hourly bucket, which is not enforced.
	a := post(t, url+"/messages/send", validSend)
	if a.status != http.StatusCreated {
		t.Errorf("a send by external id: status %d, want 201", a.status)
	}
	checkQuota(t, a, 250000, 249999, epoch("2020-06-17T21:00:00Z"))

	clk.Advance(49 * time.Second) // 20:59:59: same window
	if a := post(t, url+"/messages/send", segmentSend); a.status != http.StatusTooManyRequests {
		t.Errorf("at 20:59:59: status %d, want 429", a.status)
	}
	clk.Advance(time.Second) // 21:00:00: a new window
	a = post(t, url+"/campaigns/trigger/send", audienceTrigger)
	if a.status != http.StatusCreated {
		t.Fatalf("in the next minute: status %d, body %s", a.status, a.raw)
	}
	checkQuota(t, a, 3, 2, epoch("2020-06-17T21:01:00Z"))
}

// MS-45, INC-3: the hourly limit is shared by both endpoints.
func TestRateLimitPerHourIsShared(t *testing.T) {
	clk := newClock("2020-06-17T20:15:00Z")
	_, url := start(t, brazeserver.Options{HourLimit: 2, Now: clk.Now})
	reset := epoch("2020-06-17T21:00:00Z")
	checkQuota(t, post(t, url+"/messages/send", validSend), 2, 1, reset)
	checkQuota(t, post(t, url+"/campaigns/trigger/send", validTrigger), 2, 0, reset)
	a := post(t, url+"/campaigns/trigger/send", validTrigger)
	if a.status != http.StatusTooManyRequests {
		t.Errorf("third send of the hour: status %d, want 429", a.status)
	}
	checkQuota(t, a, 2, 0, reset)
	// A segment send has its own limit (MS-44), not enforced here.
	if a := post(t, url+"/messages/send", segmentSend); a.status != http.StatusCreated {
		t.Errorf("segment send: status %d, want 201", a.status)
	}
	// Answers before the body show the hourly bucket without counting.
	b := do(t, http.MethodPost, url+"/messages/send", "", "application/json", validSend)
	if b.status != http.StatusUnauthorized {
		t.Errorf("no key: status %d", b.status)
	}
	checkQuota(t, b, 2, 0, reset)

	clk.Advance(45 * time.Minute)
	a = post(t, url+"/messages/send", validSend)
	if a.status != http.StatusCreated {
		t.Errorf("next hour: status %d, want 201", a.status)
	}
	checkQuota(t, a, 2, 1, epoch("2020-06-17T22:00:00Z"))
}

// With the limits off, the headers count down as Braze's would, but nothing
// is refused.
func TestRateLimitsOffByDefault(t *testing.T) {
	clk := newClock("2020-06-17T20:15:30Z")
	_, url := start(t, brazeserver.Options{Now: clk.Now})
	var a answer
	for i := range 260 {
		a = post(t, url+"/messages/send", segmentSend)
		if a.status != http.StatusCreated {
			t.Fatalf("request %d: status %d", i+1, a.status)
		}
	}
	checkQuota(t, a, 250, 0, epoch("2020-06-17T20:16:00Z"))
}

func TestInspection(t *testing.T) {
	clk := newClock("2020-06-17T20:15:00Z")
	_, url := start(t, brazeserver.Options{Now: clk.Now})
	ok := post(t, url+"/messages/send", validSend)
	post(t, url+"/messages/send", invalidSend)
	do(t, http.MethodPost, url+"/campaigns/trigger/send", "", "application/json", validTrigger)
	do(t, http.MethodGet, url+"/nowhere", "", "", "")

	a := do(t, http.MethodGet, url+brazeserver.RequestsPath, "", "", "")
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: status %d", brazeserver.RequestsPath, a.status)
	}
	var log brazeserver.RequestLog
	if err := json.Unmarshal([]byte(a.raw), &log); err != nil {
		t.Fatal(err)
	}
	if log.Received != 4 || log.Dropped != 0 || log.Keep != brazeserver.DefaultKeep || len(log.Requests) != 4 {
		t.Fatalf("received %d, dropped %d, keep %d, %d requests; want 4, 0, %d, 4", log.Received, log.Dropped, log.Keep, len(log.Requests), brazeserver.DefaultKeep)
	}
	type summary struct {
		Seq                          int64
		Method, Path, Endpoint, Body string
		Status                       int
		Verdict                      brazeserver.Verdict
		Rules                        []string
	}
	var got []summary
	for _, r := range log.Requests {
		s := summary{r.Seq, r.Method, r.Path, r.Endpoint, r.Body, r.Status, r.Verdict, nil}
		for _, d := range r.Diagnostics {
			s.Rules = append(s.Rules, d.Rule)
		}
		if !r.Time.Equal(clk.Now()) {
			t.Errorf("request %d: time %v", r.Seq, r.Time)
		}
		got = append(got, s)
	}
	want := []summary{
		{1, "POST", "/messages/send", "messages/send", validSend, 201, brazeserver.VerdictAccepted, nil},
		{2, "POST", "/messages/send", "messages/send", invalidSend, 400, brazeserver.VerdictRejected, []string{"type-mismatch", "unknown-member"}},
		{3, "POST", "/campaigns/trigger/send", "campaigns/trigger/send", "", 401, brazeserver.VerdictUnauthorized, nil},
		{4, "GET", "/nowhere", "", "", 404, brazeserver.VerdictNotFound, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if log.Requests[0].DispatchID != ok.body["dispatch_id"] {
		t.Errorf("recorded dispatch_id %q, answered %v", log.Requests[0].DispatchID, ok.body["dispatch_id"])
	}
	// Raw JSON: a request without diagnostics has an empty list, not null.
	if !strings.Contains(a.raw, `"diagnostics":[]`) {
		t.Errorf("no empty diagnostics list in %s", a.raw)
	}

	if d := do(t, http.MethodDelete, url+brazeserver.RequestsPath, "", "", ""); d.status != http.StatusNoContent {
		t.Errorf("DELETE: status %d, want 204", d.status)
	}
	a = do(t, http.MethodGet, url+brazeserver.RequestsPath, "", "", "")
	if want := `{"requests":[],"received":0,"dropped":0,"keep":1000,"keep_bytes":67108864,"more":false}` + "\n"; a.raw != want {
		t.Errorf("after DELETE: %q, want %q", a.raw, want)
	}
	post(t, url+"/messages/send", validSend)
	a = do(t, http.MethodGet, url+brazeserver.RequestsPath, "", "", "")
	if err := json.Unmarshal([]byte(a.raw), &log); err != nil || len(log.Requests) != 1 || log.Requests[0].Seq != 5 {
		t.Errorf("after DELETE and one more request: %s", a.raw)
	}
}

func TestRingKeepsTheLatest(t *testing.T) {
	s, url := start(t, brazeserver.Options{Keep: 3})
	for i := range 5 {
		post(t, url+"/messages/send", `{"external_user_ids": ["user-`+strconv.Itoa(i)+`"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`)
	}
	log := s.Requests()
	if log.Received != 5 || log.Dropped != 2 || len(log.Requests) != 3 {
		t.Fatalf("received %d, dropped %d, kept %d; want 5, 2, 3", log.Received, log.Dropped, len(log.Requests))
	}
	for i, r := range log.Requests {
		if r.Seq != int64(i+3) || !strings.Contains(r.Body, `"user-`+strconv.Itoa(i+2)+`"`) {
			t.Errorf("kept request %d: seq %d, body %s", i, r.Seq, r.Body)
		}
	}
	s.ClearRequests()
	if log := s.Requests(); log.Received != 0 || len(log.Requests) != 0 {
		t.Errorf("after ClearRequests: %+v", log)
	}
}
