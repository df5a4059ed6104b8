package brazeserver

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json/jsontext"
	"github.com/tidwall/gjson"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// RequestsPath is the inspection endpoint: GET lists the requests received,
// DELETE forgets them.
const RequestsPath = "/_brazelint/requests"

// DefaultKeep is how many requests a Server keeps when Options.Keep is zero.
const DefaultKeep = 1000

// DefaultKeepBytes is how many bytes of request bodies a Server keeps when
// Options.KeepBytes is zero: 64 MiB.
const DefaultKeepBytes = 64 << 20

// DefaultRequestTimeout is the per-request deadline when
// Options.RequestTimeout is zero.
const DefaultRequestTimeout = 30 * time.Second

// Braze's default rate limits, which the X-RateLimit-Limit header shows when
// a limit is not enforced.
const (
	BrazeMinuteLimit = 250     // per minute, segment and audience sends (MS-44, TS-49)
	BrazeHourLimit   = 250_000 // per hour, every other send, both endpoints together (MS-45)
)

// Options configure a Server. The zero Options accept any API key, enforce no
// rate limit and keep the last DefaultKeep requests.
type Options struct {
	// APIKeys are the REST API keys accepted in "Authorization: Bearer
	// <key>". When empty, any well-formed key is accepted (see the package
	// doc). Empty strings in it are ignored; a list of empty strings only
	// accepts no key.
	APIKeys []string
	// Permissions limit keys to endpoints, by the names of Braze's API key
	// permissions: PermissionMessagesSend (MS-3) and
	// PermissionCampaignsTriggerSend (TS-3). A key listed here may call only
	// the endpoints whose permission it lists (none for an empty or nil
	// list), and gets 403 Access Denied on the others; a key not listed may
	// call both. Permissions accept no key
	// of their own: APIKeys still decides which keys are known.
	Permissions map[string][]string
	// MinuteLimit is the most requests a minute that target a segment or an
	// audience, or broadcast (MS-44); HourLimit the most other requests an
	// hour, over both endpoints (MS-45). Zero or less: not enforced (the
	// headers are still sent; see the package doc).
	MinuteLimit int
	HourLimit   int
	// Keep is how many of the latest requests are kept for inspection; zero
	// or less means DefaultKeep.
	Keep int
	// KeepBytes bounds the bytes of request bodies kept: the oldest requests
	// are dropped (and counted as dropped) while the bodies kept add up to
	// more. The latest request is always kept. Zero or less means
	// DefaultKeepBytes.
	KeepBytes int64
	// AllowedHosts are the names, besides the loopback names (localhost,
	// *.localhost, 127.0.0.0/8, ::1) and the address the client connected
	// to, that the Host header may hold (the port is not compared; case is
	// ignored). "*" allows any. Any other Host gets 421 Misdirected Request:
	// a web page that rebinds its DNS name to this server cannot read the
	// request log or send.
	AllowedHosts []string
	// RequestTimeout is the deadline of a request, from when its header was
	// read to the last byte of its answer: past it, reading the body or
	// writing the answer fails and the connection is closed. Zero means
	// DefaultRequestTimeout, less than zero none.
	RequestTimeout time.Duration
	// Validate holds the limits and the rule policy bodies are checked
	// with (see validate.Config.Policy; a body has no path). Its MaxBytes
	// (validate.DefaultMaxBytes when zero) is also the largest body read: a
	// larger one gets 413.
	Validate validate.Config
	// Now is the clock of the rate limits and of the request log; nil means
	// time.Now. Tests set it to move time without sleeping.
	Now func() time.Time
}

// The names of Braze's API key permissions for the two send endpoints.
const (
	PermissionMessagesSend         = "messages.send"          // MS-3
	PermissionCampaignsTriggerSend = "campaigns.trigger.send" // TS-3
)

// Permission is the API key permission an endpoint needs (MS-3, TS-3):
// its path without the leading slash, with dots for slashes.
func Permission(ep validate.Endpoint) string { return strings.ReplaceAll(string(ep), "/", ".") }

// Server answers POST /messages/send and POST /campaigns/trigger/send like
// Braze, and GET and DELETE on RequestsPath. Make one with New.
type Server struct {
	keys     map[string]bool            // nil: any key
	perms    map[string]map[string]bool // key -> permissions it holds; nil: every key holds all
	maxBytes int64
	validate validate.Config
	now      func() time.Time
	limits   *limiter
	log      *ring
	hosts    map[string]bool // lowercase, without port; nil: loopback and the local address only
	// endpoints is the endpoint table the server answers.
	endpoints *lint.Registry
	anyHost   bool
	timeout   time.Duration // 0: none
}

// New returns a Server with the given options.
func New(opts Options) *Server {
	s := &Server{
		endpoints: opts.Validate.Endpoints,
		validate:  opts.Validate,
		now:       opts.Now,
		limits:    newLimiter(opts.MinuteLimit, opts.HourLimit),
		log:       newRing(opts.Keep, opts.KeepBytes),
		maxBytes:  int64(opts.Validate.MaxBytes),
		timeout:   max(opts.RequestTimeout, 0),
	}
	if s.endpoints == nil {
		s.endpoints = lint.DefaultEndpoints
	}
	if opts.RequestTimeout == 0 {
		s.timeout = DefaultRequestTimeout
	}
	for _, h := range opts.AllowedHosts {
		if h == "*" {
			s.anyHost = true
		}
		if s.hosts == nil {
			s.hosts = make(map[string]bool)
		}
		if name, _, err := net.SplitHostPort(h); err == nil {
			h = name
		}
		s.hosts[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	s.validate.Path = "" // a request body is no file: path patterns never match
	if s.maxBytes <= 0 {
		s.maxBytes = validate.DefaultMaxBytes
	}
	if s.now == nil {
		s.now = time.Now
	}
	for _, k := range opts.APIKeys {
		if k == "" {
			continue
		}
		if s.keys == nil {
			s.keys = make(map[string]bool)
		}
		s.keys[k] = true
	}
	if len(opts.APIKeys) > 0 && s.keys == nil {
		s.keys = map[string]bool{} // only empty keys given: accept none
	}
	for k, names := range opts.Permissions {
		if s.perms == nil {
			s.perms = make(map[string]map[string]bool)
		}
		held := make(map[string]bool, len(names))
		for _, n := range names {
			held[n] = true
		}
		s.perms[k] = held
	}
	return s
}

// reply is the body of the answers on the send endpoints in Braze's shape
// (RESP-1..RESP-3, RESP-7); a body that does not parse gets parseError instead.
type reply struct {
	DispatchID  string            `json:"dispatch_id,omitempty"`
	ScheduleID  string            `json:"schedule_id,omitempty"` // schedule-create endpoints (SCH-9)
	Status      string            `json:"status,omitempty"`      // transactional send (TX-10)
	Message     string            `json:"message"`
	SendID      *string           `json:"send_id,omitempty"`
	Errors      []string          `json:"errors,omitempty"`
	Diagnostics []lint.Diagnostic `json:"brazelint_diagnostics,omitempty"`
}

// ServeHTTP routes a request: the endpoints of the endpoint table
// (Options.Validate.Endpoints, else lint.DefaultEndpoints), the inspection
// endpoint, and 404 for every other path. A path matches as sent, escapes
// included: /messages%2Fsend is not /messages/send.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.timeout > 0 {
		// Deadlines on the connection, which the server resets for the
		// next request: a body trickled in or an answer read slowly is cut
		// there. ResponseController reports an error when w cannot take
		// them (a test recorder, a wrapper that does not Unwrap): then
		// there is no connection of ours to protect.
		deadline := time.Now().Add(s.timeout)
		rc := http.NewResponseController(w)
		rc.SetReadDeadline(deadline)
		rc.SetWriteDeadline(deadline)
	}
	if !s.hostAllowed(r) {
		writeJSON(w, http.StatusMisdirectedRequest, reply{Message: "Misdirected Request",
			Errors: []string{"the Host header names no host this server answers for: use 127.0.0.1 or localhost, or allow the name (brazelint serve --allow-host, Options.AllowedHosts)"}})
		return
	}
	path := r.URL.EscapedPath()
	if ep, ok := s.endpoints.MatchPath(path, false, nil); ok && !strings.HasSuffix(path, "/") {
		s.send(w, r, ep)
		return
	}
	switch path {
	case RequestsPath:
		s.inspect(w, r)
	default:
		rec := s.newRecord(r, "")
		s.answer(w, rec, http.StatusNotFound, VerdictNotFound, reply{Message: "Not Found"})
	}
}

// fatalReply is reply with "errors" always present, even when empty: the 415
// body of RESP-17.
type fatalReply struct {
	Message string   `json:"message"`
	Errors  []string `json:"errors"`
}

// unsupportedMediaType is the 415 body (RESP-15, RESP-17).
var unsupportedMediaType = fatalReply{Message: "Unsupported Media Type", Errors: []string{}}

// parseError is the body Braze answers a body that is not valid JSON with:
// the reason is in "error", not "message" (RESP-14, RESP-17).
type parseError struct {
	Error string `json:"error"`
}

// ParseErrorMessage is Braze's verbatim "error" for a body that is not valid
// JSON (RESP-14).
const ParseErrorMessage = "Error while parsing request body. Please check your syntax."

func (s *Server) newRecord(r *http.Request, ep validate.Endpoint) *Request {
	return &Request{Time: s.now(), Method: r.Method, Path: r.URL.EscapedPath(), Endpoint: string(ep)}
}

// hostAllowed reports whether the Host of r is a loopback name, the address
// the client connected to, or allowed by Options.AllowedHosts. A request
// with no Host (HTTP/1.0) comes from no browser and is allowed.
func (s *Server) hostAllowed(r *http.Request) bool {
	if s.anyHost || r.Host == "" {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if host == "localhost" || strings.HasSuffix(host, ".localhost") || s.hosts[host] {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false // a name: only those allowed
	}
	if ip.IsLoopback() {
		return true
	}
	local, _ := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if tcp, ok := local.(*net.TCPAddr); ok {
		if l, ok := netip.AddrFromSlice(tcp.IP); ok && l.Unmap() == ip.Unmap() {
			return true
		}
	}
	return false
}

// answer writes a body, and records the request with its answer.
func (s *Server) answer(w http.ResponseWriter, rec *Request, status int, v Verdict, body any) {
	rec.Status, rec.Verdict = status, v
	if r, ok := body.(reply); ok {
		rec.DispatchID = r.DispatchID
	}
	s.log.add(rec)
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Every value written here marshals; this is a bug.
		panic("brazeserver: " + err.Error())
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes()) // an error means the client has gone: nothing to do
}

// send answers a request to a send endpoint, one check after another in the
// order of the package doc ("Order of checks").
func (s *Server) send(w http.ResponseWriter, r *http.Request, ep validate.Endpoint) {
	rec := s.newRecord(r, ep)
	now := rec.Time
	h := w.Header()
	early := func(status int, v Verdict, body any) {
		setQuota(h, s.limits.peek(hourly, now))
		s.answer(w, rec, status, v, body)
	}
	if r.Method != http.MethodPost {
		h.Set("Allow", http.MethodPost)
		early(http.StatusMethodNotAllowed, VerdictMethodNotAllowed, reply{Message: "Method Not Allowed"})
		return
	}
	key, ok := s.authorized(r.Header.Get("Authorization"))
	if !ok {
		early(http.StatusUnauthorized, VerdictUnauthorized, reply{Message: "Unauthorized"})
		return
	}
	if !s.permitted(key, ep) {
		early(http.StatusForbidden, VerdictAccessDenied, reply{Message: "Access Denied"})
		return
	}
	if !isJSON(r.Header.Get("Content-Type")) {
		early(http.StatusUnsupportedMediaType, VerdictUnsupportedMediaType, unsupportedMediaType)
		return
	}
	if encoded(r.Header) {
		h.Set("Accept-Encoding", "identity")
		early(http.StatusUnsupportedMediaType, VerdictUnsupportedMediaType, unsupportedMediaType)
		return
	}
	tooLarge := reply{Message: "Payload Too Large",
		Errors: []string{fmt.Sprintf("the body is larger than %d bytes, the most this server reads", s.maxBytes)}}
	if r.ContentLength > s.maxBytes {
		early(http.StatusRequestEntityTooLarge, VerdictTooLarge, tooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			early(http.StatusRequestEntityTooLarge, VerdictTooLarge, tooLarge)
			return
		}
		// The client hung up, or sent a broken chunked body.
		early(http.StatusBadRequest, VerdictBadRequest, reply{Message: "Bad Request", Errors: []string{"the body could not be read"}})
		return
	}
	rec.Body = string(body)

	b := classify(body)
	if spec, _ := s.endpoints.Spec(ep); spec != nil && spec.HourlyOnly {
		b = hourly
	}
	q, ok := s.limits.take(b, now)
	setQuota(h, q)
	if !ok {
		s.answer(w, rec, http.StatusTooManyRequests, VerdictRateLimited, reply{Message: "Rate Limited"})
		return
	}

	diags := s.validate.Bytes(ep, body)
	rec.Diagnostics = diags
	var firstError *lint.Diagnostic
	var errs []string
	for i, d := range diags {
		if d.Severity == lint.Error && firstError == nil {
			firstError = &diags[i]
		}
		if d.Severity == lint.Error || d.Severity == lint.Warning {
			errs = append(errs, ErrorString(d))
		}
	}
	if firstError != nil && unparsable(diags, body) {
		s.answer(w, rec, http.StatusBadRequest, VerdictParseError, parseError{ParseErrorMessage})
		return
	}
	if firstError != nil {
		s.answer(w, rec, http.StatusBadRequest, VerdictRejected,
			reply{Message: firstError.Message, Errors: errs, Diagnostics: rec.Diagnostics})
		return
	}
	ok201 := reply{Message: "success", Errors: errs, Diagnostics: rec.Diagnostics}
	if spec, _ := s.endpoints.Spec(ep); spec != nil {
		for _, member := range spec.Reply {
			switch member {
			case "dispatch_id":
				ok201.DispatchID = dispatchID()
			case "schedule_id":
				ok201.ScheduleID = dispatchID() // the same shape: 32 hex characters
			case "status":
				ok201.Status = "queued" // TX-10: the send instance's status
			}
		}
	}
	if id := gjson.GetBytes(trimBOM(body), "send_id"); id.Type == gjson.String {
		sendID := id.String()
		ok201.SendID = &sendID
	}
	s.answer(w, rec, http.StatusCreated, VerdictAccepted, ok201)
}

// authorized returns the key of header when header is "Bearer <key>" with a
// well-formed key the server accepts (RESP-9 revised: a missing or malformed
// header, a quoted key or an unknown one is 401).
func (s *Server) authorized(header string) (key string, ok bool) {
	key, ok = strings.CutPrefix(header, "Bearer ")
	if !ok || !IsBearerToken(key) {
		return "", false
	}
	return key, s.keys == nil || s.keys[key]
}

// IsBearerToken reports whether key has the syntax of a bearer token,
// RFC 6750's b64token: letters, digits and -._~+/, then optional = padding.
// Quotes, spaces and commas are not part of it.
func IsBearerToken(key string) bool {
	body := strings.TrimRight(key, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~+/", c) >= 0) {
			return false
		}
	}
	return true
}

// permitted reports whether key holds the permission ep needs (MS-3, TS-3).
func (s *Server) permitted(key string, ep validate.Endpoint) bool {
	held, limited := s.perms[key]
	return !limited || held[Permission(ep)]
}

// isJSON reports whether a Content-Type header names application/json
// (RESP-15, RESP-17). Parameters are not read: application/json defines
// none, and a charset has no effect on it (RFC 8259 section 11), so a
// malformed parameter does not make the header wrong either.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return (err == nil || errors.Is(err, mime.ErrInvalidMediaParameter)) && mt == "application/json"
}

// encoded reports whether the body has a Content-Encoding other than
// identity, reading every Content-Encoding header and every coding listed
// in each.
func encoded(h http.Header) bool {
	for _, v := range h.Values("Content-Encoding") {
		for coding := range strings.SplitSeq(v, ",") {
			if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
				return true
			}
		}
	}
	return false
}

// parseRules are the findings of brazelint's strict pass that say the body is
// not one JSON text (RFC 8259): broken syntax, an empty body, bytes that are
// not UTF-8, and data after the value (RESP-14's causes: trailing commas,
// comments, single quotes, a stray "{", concatenated strings). A byte order
// mark (json-bom, a warning), duplicate names (json-duplicate-key: valid
// syntax), a value that is not an object (json-not-object: valid JSON) and
// brazelint's own depth limit (json-too-deep) are lint findings instead.
var parseRules = map[string]bool{
	lint.JSONSyntax.ID:       true,
	lint.JSONInvalidUTF8.ID:  true,
	lint.JSONTrailingData.ID: true,
}

// unparsable reports whether the body does not parse as JSON, from
// brazelint's findings on it. When they were cut at MaxDiagnostics, the one
// that says so may be among those left out; the body is then checked again
// with the decoder brazelint's strict pass uses.
func unparsable(diags []lint.Diagnostic, body []byte) bool {
	for _, d := range diags {
		if parseRules[d.Rule] {
			return true
		}
		if d.Rule == lint.TooManyFindings.ID {
			return !jsontext.Value(trimBOM(body)).IsValid(jsontext.AllowDuplicateNames(true))
		}
	}
	return false
}

// classify puts a request in the per-minute bucket when it targets a segment
// or an audience, or broadcasts (INC-2), and in the hourly bucket otherwise.
// It looks only at top-level members; a body that is not JSON is hourly.
func classify(body []byte) bucket {
	body = trimBOM(body)
	if !gjson.ValidBytes(body) {
		return hourly
	}
	for _, name := range []string{"segment_id", "audience"} {
		if gjson.GetBytes(body, name).Exists() {
			return perMinute
		}
	}
	if gjson.GetBytes(body, "broadcast").Type == gjson.True {
		return perMinute
	}
	return hourly
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF")) }

// dispatchID is a new dispatch id: 32 lowercase hex characters, as in the
// recorded exchange of RESP-7.
func dispatchID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}

// ErrorString is a diagnostic as the server lists it in "errors":
// "<line>:<col> <pointer>: <message> (<rule>)" (RESP-11).
func ErrorString(d lint.Diagnostic) string {
	return fmt.Sprintf("%d:%d %s: %s (%s)", d.Start.Line, d.Start.Column, d.Pointer, d.Message, d.Rule)
}
