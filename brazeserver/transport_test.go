package brazeserver_test

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/brazeserver"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// The exact answers of RESP-17 and RESP-9 (revised), with the newline
// encoding/json ends a value with.
const (
	parseErrorBody    = `{"error":"Error while parsing request body. Please check your syntax."}` + "\n"
	unsupportedBody   = `{"message":"Unsupported Media Type","errors":[]}` + "\n"
	unauthorizedBody  = `{"message":"Unauthorized"}` + "\n"
	accessDeniedBody  = `{"message":"Access Denied"}` + "\n"
	notFoundBody      = `{"message":"Not Found"}` + "\n"
	rateLimitedBody   = `{"message":"Rate Limited"}` + "\n"
	methodNotAllowed  = `{"message":"Method Not Allowed"}` + "\n"
	payloadTooLargeAt = `{"message":"Payload Too Large",`
)

// lastRequest is the request the server recorded last.
func lastRequest(t *testing.T, s *brazeserver.Server) brazeserver.Request {
	t.Helper()
	log := s.Requests()
	if len(log.Requests) == 0 {
		t.Fatal("nothing recorded")
	}
	return log.Requests[len(log.Requests)-1]
}

func rulesOf(ds []lint.Diagnostic) []string {
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.Rule)
	}
	return ids
}

// RESP-15, RESP-17: a Content-Type other than application/json is 415, with
// parameters allowed and not read; the body is not read.
func TestContentType(t *testing.T) {
	s, url := start(t, brazeserver.Options{})
	tests := []struct {
		contentType string
		want        int
	}{
		{"application/json", 201},
		{"application/json; charset=utf-8", 201},
		{"Application/JSON; charset=UTF-8", 201},
		{"application/json ; charset=utf-8", 201},
		// application/json defines no parameters; a charset has no effect on
		// it (RFC 8259 section 11), nor does a malformed parameter.
		{"application/json; charset=iso-8859-1", 201},
		{"application/json;;", 201},
		{"application/json; charset", 201},
		{"", 415},
		{"text/plain", 415},
		{"text/json", 415},
		{"application/jsonx", 415},
		{"application/vnd.api+json", 415},
		{"application/x-www-form-urlencoded", 415},
		{"multipart/form-data; boundary=x", 415},
		{"application/json, text/plain", 415},
		{"json", 415},
	}
	for _, tt := range tests {
		a := do(t, http.MethodPost, url+"/messages/send", "Bearer k", tt.contentType, validSend)
		if a.status != tt.want {
			t.Errorf("Content-Type %q: status %d, want %d (%s)", tt.contentType, a.status, tt.want, a.raw)
			continue
		}
		if tt.want != 415 {
			continue
		}
		if a.raw != unsupportedBody || a.header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type %q: body %q, Content-Type %q; want %q", tt.contentType, a.raw, a.header.Get("Content-Type"), unsupportedBody)
		}
		if a.header.Get("X-RateLimit-Remaining") == "" || a.header.Get("Accept-Encoding") != "" {
			t.Errorf("Content-Type %q: headers %v", tt.contentType, a.header)
		}
		if r := lastRequest(t, s); r.Status != 415 || r.Verdict != brazeserver.VerdictUnsupportedMediaType || r.Body != "" {
			t.Errorf("Content-Type %q: recorded %d %s with a %d byte body; want 415 unsupported_media_type, unread", tt.contentType, r.Status, r.Verdict, len(r.Body))
		}
	}
}

// A compressed body is 415 as well, with Accept-Encoding naming what the
// server reads (RFC 9110 section 15.5.16) [inferred: Braze documents no
// compressed request bodies].
func TestContentEncoding(t *testing.T) {
	_, url := start(t, brazeserver.Options{})
	for _, tt := range []struct {
		encoding string
		want     int
	}{{"gzip", 415}, {"br", 415}, {"identity", 201}, {"Identity", 201}} {
		req, _ := http.NewRequest(http.MethodPost, url+"/messages/send", strings.NewReader(validSend))
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", tt.encoding)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(raw)
		if resp.StatusCode != tt.want {
			t.Errorf("Content-Encoding %s: status %d, want %d", tt.encoding, resp.StatusCode, tt.want)
		}
		if tt.want == 415 && (body != unsupportedBody || resp.Header.Get("Accept-Encoding") != "identity") {
			t.Errorf("Content-Encoding %s: body %q, Accept-Encoding %q", tt.encoding, body, resp.Header.Get("Accept-Encoding"))
		}
	}
}

// RESP-14, RESP-17: a body that does not parse as JSON gets Braze's parse
// error, not lint findings; the log keeps the finding that says where.
func TestParseError(t *testing.T) {
	s, url := start(t, brazeserver.Options{})
	tests := []struct {
		name, body, rule string
	}{
		// The causes RESP-14 names.
		{"trailing comma", `{"external_user_ids": ["user-1",], "messages": {}}`, "json-syntax"},
		{"comment", "{\"external_user_ids\": [\"user-1\"] // who\n}", "json-syntax"},
		{"single quotes", `{'external_user_ids': ['user-1']}`, "json-syntax"},
		{"extra brace before", `{` + validSend, "json-syntax"},
		{"concatenated string", `{"external_user_ids": ["user-1"]` + ` + "messages": {}}`, "json-syntax"},
		// What else is not one JSON text.
		{"empty", ``, "json-syntax"},
		{"white space only", " \n\t", "json-syntax"},
		{"incomplete", `{"external_user_ids": [`, "json-syntax"},
		{"byte order mark inside", "{\"external_user_ids\": \xEF\xBB\xBF[\"user-1\"]}", "json-syntax"},
		{"lone surrogate", `{"external_user_ids": ["\ud800"], "messages": {}}`, "json-syntax"},
		{"invalid UTF-8", "{\"external_user_ids\": [\"user-\xff\"], \"messages\": {}}", "json-invalid-utf8"},
		{"Latin-1 text", "{\"external_user_ids\": [\"Jos\xe9\"], \"messages\": {}}", "json-invalid-utf8"},
		{"two objects", validSend + validSend, "json-trailing-data"},
		{"data after the object", validSend + " x", "json-trailing-data"},
	}
	for _, tt := range tests {
		a := post(t, url+"/messages/send", tt.body)
		if a.status != http.StatusBadRequest || a.raw != parseErrorBody {
			t.Errorf("%s: status %d, body %q; want 400 %q", tt.name, a.status, a.raw, parseErrorBody)
		}
		if a.header.Get("X-RateLimit-Remaining") == "" {
			t.Errorf("%s: no rate-limit headers", tt.name)
		}
		r := lastRequest(t, s)
		if r.Verdict != brazeserver.VerdictParseError || r.Body != tt.body || !slices.Contains(rulesOf(r.Diagnostics), tt.rule) {
			t.Errorf("%s: recorded verdict %s, rules %v, body kept %v; want parse_error with %s", tt.name, r.Verdict, rulesOf(r.Diagnostics), r.Body == tt.body, tt.rule)
		}
	}
}

// Valid JSON that brazelint finds fault with is a lint answer (RESP-11), not
// a parse error: duplicate names, a value that is not an object, and
// brazelint's own depth limit. A leading byte order mark is a warning only.
func TestValidJSONIsLinted(t *testing.T) {
	_, url := start(t, brazeserver.Options{Validate: validate.Config{MaxDepth: 4}})
	deep := `{"external_user_ids": ["user-1"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1", "x": [[[1]]]}}}`
	tests := []struct {
		name, body string
		status     int
		rule       string
	}{
		{"duplicate name", `{"external_user_ids": ["user-1"], "external_user_ids": ["user-2"], "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`, 400, "json-duplicate-key"},
		{"array of payloads", "[" + validSend + "]", 400, "json-not-object"},
		{"JSON-encoded string", `"{\"external_user_ids\": [\"user-1\"]}"`, 400, "json-not-object"},
		{"number", `12345`, 400, "json-not-object"},
		{"too deep", deep, 400, "json-too-deep"},
		{"byte order mark", "\xEF\xBB\xBF" + validSend, 201, "json-bom"},
	}
	for _, tt := range tests {
		a := post(t, url+"/messages/send", tt.body)
		if a.status != tt.status {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, a.status, tt.status, a.raw)
			continue
		}
		if _, ok := a.body["error"]; ok {
			t.Errorf("%s: a parse error: %s", tt.name, a.raw)
		}
		errs, _ := a.body["errors"].([]any)
		if len(errs) == 0 || !strings.HasSuffix(errs[0].(string), "("+tt.rule+")") {
			t.Errorf("%s: errors %v; want %s first", tt.name, a.body["errors"], tt.rule)
		}
		if tt.status == 400 && !strings.HasSuffix(errs[0].(string), a.body["message"].(string)+" ("+tt.rule+")") {
			t.Errorf("%s: message %q is not the first error's", tt.name, a.body["message"])
		}
	}
}

// When the findings are cut at MaxDiagnostics, the one that says the body
// does not parse may be among those left out: it is still a parse error, and
// a body that does parse is still linted.
func TestParseErrorBeyondMaxDiagnostics(t *testing.T) {
	s, url := start(t, brazeserver.Options{Validate: validate.Config{MaxDiagnostics: 2}})
	manyErrors := `{"external_user_ids": "u", "user_aliases": "a", "segment_id": 1, "messages": {"sms": {"subscription_group_id": "sg-1", "body": "hi", "app_id": "app-1"}}}`
	a := post(t, url+"/messages/send", manyErrors+" {}")
	if a.status != 400 || a.raw != parseErrorBody {
		t.Errorf("trailing data after the cut: status %d, body %q; want the parse error", a.status, a.raw)
	}
	if rules := rulesOf(lastRequest(t, s).Diagnostics); slices.Contains(rules, "json-trailing-data") || !slices.Contains(rules, "too-many-findings") {
		t.Fatalf("the case does not test the cut: rules %v", rules)
	}
	a = post(t, url+"/messages/send", manyErrors)
	if a.status != 400 || a.body["message"] == nil || a.body["error"] != nil {
		t.Errorf("errors cut, JSON valid: status %d, body %s; want the lint answer", a.status, a.raw)
	}
}

// RESP-9 revised: 401 is a missing or malformed Authorization header (Bearer
// or the key left out, the value quoted) or an unknown key.
func TestAuthorization(t *testing.T) {
	_, anyKey := start(t, brazeserver.Options{})
	_, someKeys := start(t, brazeserver.Options{APIKeys: []string{"key-a", "key-b"}})
	tests := []struct {
		url, auth string
		want      int
	}{
		{anyKey, "", 401},
		{anyKey, "Bearer", 401},
		{anyKey, "Bearer ", 401},
		{anyKey, "any-key", 401},              // Bearer left out
		{anyKey, `Bearer "any-key"`, 401},     // quoted
		{anyKey, `Bearer 'any-key'`, 401},     // quoted
		{anyKey, `"Bearer any-key"`, 401},     // the whole value quoted
		{anyKey, "Bearer  any-key", 401},      // two spaces: the key would start with one
		{anyKey, "Bearer any key", 401},       // not one token
		{anyKey, "bearer any-key", 401},       // spelled as the docs write it, or refused
		{anyKey, "Basic a2V5Og==", 401},       // another scheme
		{anyKey, "Bearer =", 401},             // padding only
		{anyKey, "Bearer any-key", 201},       // the form the docs give
		{anyKey, "Bearer a.b_c~d+e/f==", 201}, // every b64token character
		{someKeys, "Bearer key-c", 401},
		{someKeys, "Bearer key-a,key-b", 401},
		{someKeys, "", 401},
		{someKeys, "Bearer key-b", 201},
	}
	for _, tt := range tests {
		a := do(t, http.MethodPost, tt.url+"/messages/send", tt.auth, "application/json", validSend)
		if a.status != tt.want {
			t.Errorf("Authorization %q: status %d, want %d", tt.auth, a.status, tt.want)
		}
		if tt.want == 401 && a.raw != unauthorizedBody {
			t.Errorf("Authorization %q: body %q", tt.auth, a.raw)
		}
		if a.header.Get("X-RateLimit-Limit") == "" || a.header.Get("X-RateLimit-Reset") == "" {
			t.Errorf("Authorization %q: no rate-limit headers", tt.auth)
		}
	}
}

// RESP-9 revised: 403 Access Denied is a key without the permission the
// endpoint needs (MS-3: messages.send, TS-3: campaigns.trigger.send).
func TestAccessDenied(t *testing.T) {
	perms := map[string][]string{
		"send-only":    {brazeserver.PermissionMessagesSend},
		"trigger-only": {brazeserver.PermissionCampaignsTriggerSend},
		"none":         {},
	}
	s, listed := start(t, brazeserver.Options{APIKeys: []string{"full", "send-only", "trigger-only", "none"}, Permissions: perms})
	_, anyKey := start(t, brazeserver.Options{Permissions: perms})
	tests := []struct {
		url, key   string
		send, trig int
	}{
		{listed, "full", 201, 201},
		{listed, "send-only", 201, 403},
		{listed, "trigger-only", 403, 201},
		{listed, "none", 403, 403},
		{listed, "unknown", 401, 401}, // unknown before denied
		{anyKey, "whoever", 201, 201},
		{anyKey, "send-only", 201, 403},
	}
	for _, tt := range tests {
		for _, c := range []struct {
			path, body string
			want       int
		}{{"/messages/send", validSend, tt.send}, {"/campaigns/trigger/send", validTrigger, tt.trig}} {
			a := do(t, http.MethodPost, tt.url+c.path, "Bearer "+tt.key, "application/json", c.body)
			if a.status != c.want {
				t.Errorf("key %s on %s: status %d, want %d (%s)", tt.key, c.path, a.status, c.want, a.raw)
			}
			if c.want == 403 && (a.raw != accessDeniedBody || a.header.Get("X-RateLimit-Remaining") == "") {
				t.Errorf("key %s on %s: body %q, headers %v", tt.key, c.path, a.raw, a.header)
			}
		}
	}
	if r := lastRequest(t, s); r.Path != "/campaigns/trigger/send" || r.Verdict != brazeserver.VerdictUnauthorized {
		t.Errorf("last recorded: %s %s", r.Path, r.Verdict)
	}
	do(t, http.MethodPost, listed+"/campaigns/trigger/send", "Bearer none", "application/json", validTrigger)
	if r := lastRequest(t, s); r.Status != 403 || r.Verdict != brazeserver.VerdictAccessDenied || r.Body != "" {
		t.Errorf("recorded %d %s with a %d byte body; want 403 access_denied, unread", r.Status, r.Verdict, len(r.Body))
	}
}

// The permission names are Braze's (MS-3, TS-3), derived from the paths.
func TestPermissionNames(t *testing.T) {
	got := []string{brazeserver.Permission(lint.MessagesSend), brazeserver.Permission(lint.CampaignsTriggerSend)}
	want := []string{"messages.send", "campaigns.trigger.send"}
	if !slices.Equal(got, want) || want[0] != brazeserver.PermissionMessagesSend || want[1] != brazeserver.PermissionCampaignsTriggerSend {
		t.Errorf("permissions %v and constants %q, %q; want %v", got, brazeserver.PermissionMessagesSend, brazeserver.PermissionCampaignsTriggerSend, want)
	}
}

// RESP-9 revised: 404 is an invalid URL, whatever the key; an unknown key on
// a send path is 401.
func TestNotFoundIsTheURL(t *testing.T) {
	_, url := start(t, brazeserver.Options{APIKeys: []string{"key-a"}})
	for _, tt := range []struct {
		path, auth string
		want       int
	}{
		{"/messages/send", "Bearer key-x", 401},
		{"/messages/sent", "Bearer key-x", 404},
		{"/messages/send/", "Bearer key-a", 404},
		{"/messages/send/", "", 404},
		{"/users/track", "Bearer key-a", 404},
	} {
		a := do(t, http.MethodPost, url+tt.path, tt.auth, "text/plain", "not json")
		want := map[int]string{401: unauthorizedBody, 404: notFoundBody}[tt.want]
		if a.status != tt.want || a.raw != want {
			t.Errorf("%s with %q: status %d, body %q; want %d %q", tt.path, tt.auth, a.status, a.raw, tt.want, want)
		}
	}
}

// The checks run in the order the package doc gives: path, method,
// Authorization, permission, Content-Type, size, rate limit, JSON syntax,
// lint. Each request fails every check from its own on; the answer is the
// first one's. RESP-4 and RESP-16: the stand-in never answers 202 or 5XX, so
// there is nothing for a payload to lint about them.
func TestOrderOfChecks(t *testing.T) {
	const maxBytes = 200
	opts := brazeserver.Options{
		APIKeys:     []string{"full", "send-only"},
		Permissions: map[string][]string{"send-only": {brazeserver.PermissionMessagesSend}},
		HourLimit:   1,
		Validate:    validate.Config{MaxBytes: maxBytes},
	}
	_, url := start(t, opts)
	trigger := url + "/campaigns/trigger/send"
	// Uses up the hourly limit, so that a request below that gets as far as
	// the rate limit is refused there.
	if a := do(t, http.MethodPost, trigger, "Bearer full", "application/json", validTrigger); a.status != 201 {
		t.Fatalf("first send: status %d, %s", a.status, a.raw)
	}
	small := `{"external_user_ids": "x",}` // not JSON: a trailing comma
	bad := small + strings.Repeat(" ", maxBytes)
	lintOnly := `{"external_user_ids": "x", "messages": {}}`
	tests := []struct {
		name, method, path, auth, contentType, body string
		want                                        int
		wantBody                                    string
	}{
		{"path", "GET", "/nowhere", "", "text/plain", bad, 404, notFoundBody},
		{"method", "GET", "/campaigns/trigger/send", "", "text/plain", bad, 405, methodNotAllowed},
		{"key", "POST", "/campaigns/trigger/send", "Bearer nobody", "text/plain", bad, 401, unauthorizedBody},
		{"permission", "POST", "/campaigns/trigger/send", "Bearer send-only", "text/plain", bad, 403, accessDeniedBody},
		{"content type", "POST", "/campaigns/trigger/send", "Bearer full", "text/plain", bad, 415, unsupportedBody},
		{"size", "POST", "/campaigns/trigger/send", "Bearer full", "application/json", bad, 413, payloadTooLargeAt},
		{"rate limit", "POST", "/campaigns/trigger/send", "Bearer full", "application/json", small, 429, rateLimitedBody},
	}
	for _, tt := range tests {
		a := do(t, tt.method, url+tt.path, tt.auth, tt.contentType, tt.body)
		if a.status != tt.want || !strings.HasPrefix(a.raw, tt.wantBody) {
			t.Errorf("%s: status %d, body %q; want %d %q", tt.name, a.status, a.raw, tt.want, tt.wantBody)
		}
		if a.status == http.StatusAccepted || a.status >= 500 {
			t.Errorf("%s: status %d", tt.name, a.status)
		}
	}

	// Syntax before lint: the same broken body, within every limit.
	_, url = start(t, brazeserver.Options{})
	if a := post(t, url+"/messages/send", small); a.status != 400 || a.raw != parseErrorBody {
		t.Errorf("syntax: status %d, body %q; want the parse error", a.status, a.raw)
	}
	if a := post(t, url+"/messages/send", lintOnly); a.status != 400 || !strings.HasPrefix(a.raw, `{"message":`) {
		t.Errorf("lint: status %d, body %q; want the lint answer", a.status, a.raw)
	}
}
