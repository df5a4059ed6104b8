package validate

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/brazelint/brazelint/internal/testpayload"
	"github.com/brazelint/brazelint/lint"
)

const (
	validSend    = `{"external_user_ids": ["u-1"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	invalidSend  = `{"broadcast": true, "external_user_ids": ["u-1"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	warnOnlySend = `{"external_user_ids": ["u-1"], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}, "api_key": "k"}`
)

// recorder is a Braze stand-in that records what reaches it.
type recorder struct {
	mu       sync.Mutex
	requests []recorded
}

type recorded struct {
	path, encoding string
	body           []byte
}

func (r *recorder) server(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.requests = append(r.requests, recorded{req.URL.Path, req.Header.Get("Content-Encoding"), body})
		r.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

func post(t *testing.T, client *http.Client, url, body string, header ...string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if resp != nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestTransportBlocksInvalidPayload(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	client := &http.Client{Transport: NewTransport(srv.Client().Transport)}
	_, err := post(t, client, srv.URL+"/messages/send", invalidSend)
	var verr *Error
	if !errors.As(err, &verr) {
		t.Fatalf("err = %v, want a *validate.Error", err)
	}
	if rec.count() != 0 {
		t.Errorf("the server saw %d requests; an invalid payload must not be sent", rec.count())
	}
	if verr.Endpoint != MessagesSend || len(verr.Diagnostics) == 0 || verr.Diagnostics[0].Rule != "broadcast-with-recipients" {
		t.Errorf("error %+v: want the broadcast-with-recipients diagnostic of /messages/send", verr)
	}
	if strings.Contains(err.Error(), "u-1") {
		t.Errorf("the error quotes a payload value: %v", err)
	}
}

func TestTransportSendsValidPayloadUnchanged(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	client := &http.Client{Transport: NewTransport(srv.Client().Transport)}
	// Odd spacing and key order must survive byte for byte.
	body := "{ \"messages\" :{\"sms\": {\"subscription_group_id\": \"g\", \"body\": \"h\\u00e9\", \"app_id\": \"a\"}},\n\"external_user_ids\": [\"u-1\"] }"
	resp, err := post(t, client, srv.URL+"/api/v1/messages/send", body)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("resp %v, err %v", resp, err)
	}
	if rec.count() != 1 || string(rec.requests[0].body) != body {
		t.Errorf("the server got %q, want the body byte for byte", rec.requests)
	}
}

func TestTransportIgnoresOtherRequests(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	client := &http.Client{Transport: NewTransport(srv.Client().Transport)}
	for _, path := range []string{"/users/track", "/messages/send/extra", "/messages/sendx", "/canvas/trigger/sendx", "/transactional/v1/campaigns/send"} {
		if _, err := post(t, client, srv.URL+path, invalidSend); err != nil {
			t.Errorf("%s: %v; only the endpoint table's paths are guarded", path, err)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/messages/send", nil)
	if _, err := client.Do(req); err != nil {
		t.Errorf("GET /messages/send: %v", err)
	}
	if rec.count() != 6 {
		t.Fatalf("the server saw %d requests, want 6", rec.count())
	}
	if string(rec.requests[0].body) != invalidSend {
		t.Errorf("an unguarded body changed: %q", rec.requests[0].body)
	}
}

func TestTransportOptions(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	base := srv.Client().Transport

	t.Run("block at warnings", func(t *testing.T) {
		client := &http.Client{Transport: NewTransport(base, BlockAt(lint.Warning))}
		var verr *Error
		if _, err := post(t, client, srv.URL+"/messages/send", warnOnlySend); !errors.As(err, &verr) {
			t.Errorf("err %v, want a warning to block", err)
		}
		if _, err := post(t, client, srv.URL+"/messages/send", validSend); err != nil {
			t.Errorf("a clean payload was blocked: %v", err)
		}
	})
	t.Run("warnings pass by default", func(t *testing.T) {
		client := &http.Client{Transport: NewTransport(base)}
		if _, err := post(t, client, srv.URL+"/messages/send", warnOnlySend); err != nil {
			t.Errorf("a warning blocked the request: %v", err)
		}
	})
	t.Run("report only", func(t *testing.T) {
		var reported atomic.Int32
		client := &http.Client{Transport: NewTransport(base, ReportOnly(func(req *http.Request, diags []lint.Diagnostic) {
			if req.URL.Path == "/messages/send" && len(diags) > 0 {
				reported.Add(1)
			}
		}))}
		before := rec.count()
		if _, err := post(t, client, srv.URL+"/messages/send", invalidSend); err != nil {
			t.Errorf("report-only blocked: %v", err)
		}
		post(t, client, srv.URL+"/messages/send", validSend)
		if reported.Load() != 1 || rec.count() != before+2 {
			t.Errorf("reported %d, sent %d; want 1 report and both sent", reported.Load(), rec.count()-before)
		}
	})
	t.Run("guard one endpoint", func(t *testing.T) {
		client := &http.Client{Transport: NewTransport(base, Guard(CampaignsTriggerSend))}
		if _, err := post(t, client, srv.URL+"/messages/send", invalidSend); err != nil {
			t.Errorf("an unguarded endpoint was checked: %v", err)
		}
		var verr *Error
		if _, err := post(t, client, srv.URL+"/campaigns/trigger/send", `{"campaign_id": "c"}`); !errors.As(err, &verr) || verr.Endpoint != CampaignsTriggerSend {
			t.Errorf("err %v, want the guarded endpoint blocked", err)
		}
	})
}

func TestTransportEncodings(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	var unchecked []string
	var mu sync.Mutex
	client := &http.Client{Transport: NewTransport(srv.Client().Transport, OnUnchecked(func(_ *http.Request, why string) {
		mu.Lock()
		unchecked = append(unchecked, why)
		mu.Unlock()
	}))}
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	var verr *Error
	if _, err := post(t, client, srv.URL+"/messages/send", gz(invalidSend), "Content-Encoding", "gzip"); !errors.As(err, &verr) {
		t.Errorf("an invalid gzip body was not blocked: %v", err)
	}
	valid := gz(validSend)
	if _, err := post(t, client, srv.URL+"/messages/send", valid, "Content-Encoding", "gzip"); err != nil {
		t.Errorf("a valid gzip body was blocked: %v", err)
	}
	// br cannot be read: sent as it is, with a callback.
	if _, err := post(t, client, srv.URL+"/messages/send", "\x0b\x02\x80not-really-brotli", "Content-Encoding", "br"); err != nil {
		t.Errorf("a br body was blocked: %v", err)
	}
	if _, err := post(t, client, srv.URL+"/messages/send", "not gzip at all", "Content-Encoding", "gzip"); err != nil {
		t.Errorf("an undecodable body was blocked: %v", err)
	}
	if rec.count() != 3 || string(rec.requests[0].body) != valid || rec.requests[1].body[2] != 0x80 {
		t.Errorf("the encoded bodies were not sent byte for byte: %q", rec.requests)
	}
	if len(unchecked) != 2 || !strings.Contains(unchecked[0], "br") {
		t.Errorf("unchecked callbacks %q, want one for br and one for the broken gzip", unchecked)
	}
}

// TestTransportRetries checks the body can be read again, as a transport
// that retries or follows a 307 does, through GetBody.
func TestTransportRetries(t *testing.T) {
	var bodies []string
	base := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		for range 2 {
			b, _ := io.ReadAll(req.Body)
			bodies = append(bodies, string(b))
			req.Body, _ = req.GetBody()
		}
		return &http.Response{StatusCode: 201, Body: http.NoBody, Request: req}, nil
	})
	req, _ := http.NewRequest(http.MethodPost, "https://rest.iad-01.braze.com/messages/send", strings.NewReader(validSend))
	if _, err := NewTransport(base).RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if len(bodies) != 2 || bodies[0] != validSend || bodies[1] != validSend {
		t.Errorf("bodies %q, want the payload twice", bodies)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// TestTransportConcurrent sends valid and invalid payloads from many
// goroutines at once; run with -race.
func TestTransportConcurrent(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	client := &http.Client{Transport: NewTransport(srv.Client().Transport)}
	var wg sync.WaitGroup
	var blocked atomic.Int32
	for i := range 40 {
		wg.Go(func() {
			body := validSend
			if i%2 == 1 {
				body = invalidSend
			}
			_, err := post(t, client, srv.URL+"/messages/send", body)
			var verr *Error
			if errors.As(err, &verr) {
				blocked.Add(1)
			} else if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if blocked.Load() != 20 || rec.count() != 20 {
		t.Errorf("blocked %d, sent %d; want 20 and 20", blocked.Load(), rec.count())
	}
}

func TestCheckAndValue(t *testing.T) {
	if err := Check(Auto, []byte(validSend)); err != nil {
		t.Errorf("Check(valid) = %v", err)
	}
	if err := Check(Auto, []byte(warnOnlySend)); err != nil {
		t.Errorf("Check(warnings only) = %v, want nil", err)
	}
	err := Check(Auto, []byte(invalidSend))
	var verr *Error
	if !errors.As(err, &verr) || verr.Endpoint != MessagesSend || !strings.HasPrefix(err.Error(), "brazelint: /messages/send payload has 1 finding: 1:2: ") {
		t.Errorf("Check(invalid) = %v", err)
	}

	type sms struct {
		SubscriptionGroupID string `json:"subscription_group_id"`
		Body                string `json:"body"`
		AppID               string `json:"app_id"`
	}
	v := map[string]any{"broadcast": "false", "external_user_ids": []string{"u-1"},
		"messages": map[string]any{"sms": sms{"g", "hi", "a"}}}
	diags := Value(MessagesSend, v)
	if len(diags) != 1 || diags[0].Pointer != "/broadcast" || diags[0].Rule != "type-mismatch" {
		t.Errorf("Value = %+v, want one type-mismatch at /broadcast", diags)
	}
	if diags := Value(MessagesSend, map[string]any{"c": make(chan int)}); len(diags) != 1 || diags[0].Rule != "json-syntax" || !strings.Contains(diags[0].Message, "chan int") {
		t.Errorf("Value(chan) = %+v", diags)
	}
}

func TestErrorMessage(t *testing.T) {
	var diags []lint.Diagnostic
	for i := range 5 {
		diags = append(diags, lint.Diagnostic{Rule: "r", Severity: lint.Error, Start: lint.Position{Line: i + 1, Column: 1}, Message: "m"})
	}
	diags = append(diags, lint.Diagnostic{Rule: "w", Severity: lint.Warning, Start: lint.Position{Line: 9, Column: 1}, Message: "warn"})
	got := (&Error{Endpoint: CampaignsTriggerSend, Diagnostics: diags}).Error()
	want := "brazelint: /campaigns/trigger/send payload has 6 findings (5 errors): 1:1: m (r); 2:1: m (r); 3:1: m (r); and 2 more"
	if got != want {
		t.Errorf("Error() = %q\nwant %q", got, want)
	}
	// Every diagnostic an error: the count says so once.
	got = (&Error{Endpoint: MessagesSend, Diagnostics: diags[:2]}).Error()
	if want := "brazelint: /messages/send payload has 2 findings: 1:1: m (r); 2:1: m (r)"; got != want {
		t.Errorf("Error() = %q\nwant %q", got, want)
	}
}

// WithPolicy: the transport validates under the policy, before the cap, so
// the type-mismatch that 300 unknown members hid blocks the request; and a
// rule the policy lowers no longer blocks.
func TestTransportWithPolicy(t *testing.T) {
	rec := &recorder{}
	srv := rec.server(t)
	off := mustPolicy(t, "", map[string]lint.Severity{"unknown-member": Off})
	client := &http.Client{Transport: NewTransport(nil, WithPolicy(off), WithLimits(Config{MaxDiagnostics: 50}))}
	_, err := post(t, client, srv.URL+"/messages/send", string(testpayload.UnknownMembers()))
	var verr *Error
	if !errors.As(err, &verr) || len(verr.Diagnostics) != 1 || verr.Diagnostics[0].Rule != lint.TypeMismatch.ID {
		t.Fatalf("err = %v, want the type-mismatch alone", err)
	}
	lower := mustPolicy(t, "", map[string]lint.Severity{"broadcast-with-recipients": lint.Warning})
	client = &http.Client{Transport: NewTransport(nil, WithPolicy(lower))}
	if resp, err := post(t, client, srv.URL+"/messages/send", invalidSend); err != nil {
		t.Fatalf("a payload whose only error the policy lowers is blocked: %v", err)
	} else {
		resp.Body.Close()
	}
	if rec.count() != 1 {
		t.Errorf("%d requests reached the server, want 1", rec.count())
	}
}

// endlessBody is a request body of n bytes of spaces that counts what is
// read from it and makes none of them in advance.
type endlessBody struct {
	left, read int64
	closed     bool
}

func (b *endlessBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), b.left)
	for i := range p[:n] {
		p[i] = ' '
	}
	b.left -= n
	b.read += n
	return int(n), nil
}

func (b *endlessBody) Close() error { b.closed = true; return nil }

// TestTransportReadsNoMoreThanTheLimit posts a 512 MiB body: the transport
// blocks it as input-too-large after reading one byte past the limit, and
// allocates about the limit, not the body.
func TestTransportReadsNoMoreThanTheLimit(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	const limit = 1 << 20
	client := &http.Client{Transport: NewTransport(srv.Client().Transport, WithLimits(Config{MaxBytes: limit}))}
	for _, encoding := range []string{"", "gzip"} {
		body := &endlessBody{left: 512 << 20}
		req, _ := http.NewRequest("POST", srv.URL+"/messages/send", body)
		req.ContentLength = body.left
		if encoding != "" {
			req.Header.Set("Content-Encoding", encoding)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := client.Do(req)
		runtime.ReadMemStats(&after)
		var verr *Error
		if !errors.As(err, &verr) || len(verr.Diagnostics) == 0 || verr.Diagnostics[0].Rule != lint.InputTooLarge.ID {
			t.Errorf("%q: err %v, want input-too-large", encoding, err)
		}
		if body.read > limit+64<<10 || !body.closed {
			t.Errorf("%q: read %d bytes (closed %v), want about %d and the body closed", encoding, body.read, body.closed, limit)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16*limit {
			t.Errorf("%q: allocated %d bytes for a %d-byte limit", encoding, alloc, limit)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests reached the server", rec.count())
	}

	// ReportOnly sends it whole, streamed.
	var reported atomic.Int32
	client = &http.Client{Transport: NewTransport(srv.Client().Transport, WithLimits(Config{MaxBytes: limit}),
		ReportOnly(func(*http.Request, []lint.Diagnostic) { reported.Add(1) }))}
	big := strings.Repeat(" ", 3*limit) + "{}"
	if _, err := post(t, client, srv.URL+"/messages/send", big); err != nil || reported.Load() != 1 {
		t.Fatalf("report only: err %v, %d reports", err, reported.Load())
	}
	if got := rec.requests[0].body; string(got) != big {
		t.Errorf("report only sent %d bytes, want the %d of the body", len(got), len(big))
	}
}

// TestTransportOptionErrors: options that would guard nothing are
// configuration errors, which CheckOptions returns and every round trip of
// such a transport returns too; nothing is sent.
func TestTransportOptionErrors(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	for name, opt := range map[string]Option{
		"Guard()":         Guard(),
		"Guard(Auto)":     Guard(Auto),
		"BlockAt(0)":      BlockAt(0),
		"BlockAt(Hint+1)": BlockAt(lint.Hint + 1),
	} {
		if err := CheckOptions(opt); err == nil {
			t.Errorf("CheckOptions(%s) = nil, want an error", name)
		}
		client := &http.Client{Transport: NewTransport(srv.Client().Transport, opt)}
		if _, err := post(t, client, srv.URL+"/messages/send", invalidSend); err == nil {
			t.Errorf("%s: the round trip succeeded", name)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests reached the server", rec.count())
	}
	if err := CheckOptions(Guard(MessagesSend), BlockAt(lint.Warning)); err != nil {
		t.Errorf("valid options: %v", err)
	}
}

// TestTransportMethodCase: a lowercase post is a POST to servers that read
// methods loosely, and is guarded.
func TestTransportMethodCase(t *testing.T) {
	var rec recorder
	srv := rec.server(t)
	client := &http.Client{Transport: NewTransport(srv.Client().Transport)}
	for _, method := range []string{"post", "Post"} {
		req, _ := http.NewRequest(method, srv.URL+"/messages/send", strings.NewReader(invalidSend))
		var verr *Error
		if _, err := client.Do(req); !errors.As(err, &verr) {
			t.Errorf("%s: err %v, want the payload blocked", method, err)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests reached the server", rec.count())
	}
}
