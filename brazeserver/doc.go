// Package brazeserver is a local stand-in for the two Braze REST send
// endpoints, POST /messages/send and POST /campaigns/trigger/send, for
// integration tests. It checks every request body with brazelint, answers the
// way Braze answers, emulates Braze's rate limits when asked to, and keeps the
// requests it received so that a test can assert on them.
//
//	srv := httptest.NewServer(brazeserver.New(brazeserver.Options{}))
//	defer srv.Close()
//	// point the Braze client's base URL at srv.URL
//
// A Server is an http.Handler with no global state; it is safe for
// concurrent use and never makes a network connection of its own.
// `brazelint serve` runs one on 127.0.0.1:4010.
//
// # Answers
//
// The facts cited are those of brazelint's spec pack (RESP-n: responses of
// the send endpoints, MS-n: /messages/send, TS-n: /campaigns/trigger/send,
// INC-n: inconsistencies between Braze's sources). Those marked [inferred]
// are readings of ours, not documented Braze behaviour. Where a fact was
// revised (the errors page revisions of INC-44), the revision is the one
// followed. Every answer with a body has Content-Type: application/json
// (RESP-7).
//
//   - 201 {"dispatch_id": "<32 lowercase hex>", "message": "success"}: the
//     body has no error-severity diagnostic (RESP-7, RESP-12 [inferred]). A
//     "send_id" string at the top of the request body is echoed as "send_id"
//     (RESP-5, RESP-12 [inferred]). Warnings never fail a request: they are
//     listed as non-fatal "errors" strings (RESP-2, RESP-13 [inferred]).
//   - 400 {"error": "Error while parsing request body. Please check your
//     syntax."}: the body does not parse as JSON (RESP-14, RESP-17
//     [inferred]); exactly that, with the reason in "error", not "message",
//     and no lint findings. See "Does not parse" below.
//   - 400 when the body parses but has a lint error: "message" is the first
//     error's message, "errors" lists the errors and warnings as strings
//     "<line>:<col> <pointer>: <message> (<rule>)" (RESP-3, RESP-11
//     [inferred]). The pointer of the whole payload is empty, which gives
//     "1:1 : <message> (<rule>)".
//   - 401 {"message": "Unauthorized"}: no Authorization header, or one that
//     is not "Bearer <key>" with a well-formed key (Bearer or the key left
//     out, the key quoted), or a key that is not in Options.APIKeys (RESP-9
//     revised).
//   - 403 {"message": "Access Denied"}: the key lacks the permission of the
//     endpoint, messages.send (MS-3) or campaigns.trigger.send (TS-3), in
//     Options.Permissions (RESP-9 revised). The server never answers
//     403 Forbidden (a rate plan or an inactive account).
//   - 404 {"message": "Not Found"}: an invalid URL, any path but the two send
//     endpoints and RequestsPath, whatever the key (RESP-9 revised; the
//     older reading of 404 as an unknown key is gone: that is 401).
//   - 405 {"message": "Method Not Allowed"} with an Allow header: another
//     method on a known path [inferred: the emulator's own, Braze documents
//     none].
//   - 413 {"message": "Payload Too Large", "errors": [...]}: a body over the
//     size limit. Braze documents no size answer; this is the emulator's own.
//   - 415 {"message": "Unsupported Media Type", "errors": []}: the
//     Content-Type is missing or not application/json (RESP-15, RESP-17
//     [inferred]; Braze's body for it is undocumented, this is the fatal
//     shape of RESP-3), or the body has a Content-Encoding.
//   - 429 {"message": "Rate Limited"}: over an enforced rate limit (RESP-9,
//     MS-47).
//
// The server never answers 202 "queued" (RESP-4: historical, gone from the
// errors page) nor 5XX (RESP-16: 502, 503 and 504 are Braze's own failures,
// nothing a request body causes, so brazelint has no lint for them). A test of
// a client's retries with exponential backoff wraps the Server in a handler
// that fails first.
//
// Wherever a lint diagnostic is reported, the structured diagnostics (in
// lint.Diagnostic's JSON shape, that of `brazelint --format json` without file
// and fingerprint: positions, pointer, rule, severity, message, related
// locations and fixes) are also listed under the separate key "brazelint_diagnostics", so that
// "errors" stays a list of strings as Braze clients expect (RESP-11). Info
// and hint diagnostics appear only there, never in "errors". The parse error
// carries none, as Braze's does not; the request log has them (see
// Inspection).
//
// # Order of checks
//
// A request to a send endpoint is checked in this order, and answered by the
// first check it fails [inferred: Braze documents no order]:
//
//  0. Host: 421 (see Host; the emulator's own, before anything else);
//  1. path: 404 (RESP-9 revised);
//  2. method: 405;
//  3. Authorization: 401 (RESP-9 revised);
//  4. the key's permission for the endpoint: 403 Access Denied (RESP-9
//     revised, MS-3, TS-3);
//  5. Content-Type, then Content-Encoding: 415 (RESP-15, RESP-17);
//  6. size: 413;
//  7. rate limit: 429 (MS-44, MS-45, MS-47);
//  8. JSON syntax: 400 with "error" (RESP-14, RESP-17);
//  9. lint: 400 with "message" and "errors" (RESP-11), else 201 (RESP-12,
//     RESP-13).
//
// Only requests that reach step 7 count against a limit, a body that does
// not parse included; an answer of 429 does not count. Steps 1 to 6 are
// answered without reading the body.
//
// # Does not parse
//
// A body does not parse as JSON (step 8) when it is not one JSON text (RFC
// 8259) in UTF-8, which brazelint reports as one of these error findings of
// its strict pass over the bytes, the pass that runs before every lint rule:
//
//   - json-syntax: broken syntax, an empty body or white space only, a byte
//     order mark after the start; this covers RESP-14's causes: trailing
//     commas, comments, single-quoted strings, an extra "{" before the
//     payload, strings concatenated into something that is not JSON;
//   - json-invalid-utf8: bytes that are not UTF-8 (the newest errors page
//     asks for UTF-8 encoded JSON; a body in Latin-1 is one);
//   - json-trailing-data: anything but white space after the value, such as
//     a second object.
//
// Valid JSON that brazelint finds fault with gets the lint answer instead:
// json-duplicate-key (duplicate names are valid syntax), json-not-object (an
// array, a string or a number is valid JSON, but not a payload), json-too-deep
// (brazelint's own limit, Options.Validate.MaxDepth). A byte order mark at
// the start is json-bom, a warning: the body is read past it and can get 201.
// When brazelint's findings were cut at Options.Validate.MaxDiagnostics, the
// finding that says the body does not parse may be among those left out; the
// server then checks the bytes again with the same decoder (strict UTF-8,
// duplicate names allowed).
//
// # Readings where the spec is silent or ambiguous
//
// Where Braze's sources leave a choice open, the server takes the stricter
// reading: a client that passes here should pass against Braze.
//
//   - Authorization must be exactly "Bearer <key>", one space, as the
//     endpoint pages write it (MS-2, TS-3, RESP-8), and the key an RFC 6750
//     bearer token (letters, digits and -._~+/, then = padding): the revised
//     RESP-9 names a quoted key as a cause of 401, and quotes, spaces and
//     commas have no place in a token. A scheme spelled otherwise ("bearer")
//     is refused. With Options.APIKeys empty any such key is accepted;
//     otherwise only those keys. IsBearerToken tells whether a key can be
//     accepted at all.
//   - The revised RESP-9 lists insufficient permissions under 401 as well as
//     under 403 Access Denied; the server answers 403, the more specific.
//     It also names a trailing slash or a typo in the URL among the causes
//     of 403 Access Denied, saying only that they "can cause unexpected
//     errors"; the server answers every path but the exact two with 404,
//     an invalid URL. Paths match exactly, as sent: /messages/send/ is 404,
//     and so are /messages%2Fsend and /messages/%73end (escapes are not
//     decoded before matching; the request log records the path as sent).
//   - Content-Type must name the media type application/json, in any case;
//     parameters are not read (application/json defines none, and RFC 8259
//     section 11 gives a charset no effect), so a charset other than utf-8
//     is accepted and a body that is not UTF-8 then gets the parse error.
//     A list of types or an unparsable header is 415.
//   - A Content-Encoding other than identity (gzip, br, ...) is 415 too,
//     whichever of several Content-Encoding headers or of the codings listed
//     in one names it, with
//     Accept-Encoding: identity, as RFC 9110 section 15.5.16 says: Braze
//     documents no compressed request bodies, so a client should not rely on
//     them. [inferred]
//
// # Rate limits
//
// Braze limits requests that target a segment or a connected audience to 250
// a minute (MS-44, TS-49), and every other send to 250,000 an hour shared by
// both endpoints (MS-45, TS-49, INC-3). Here a request is in the per-minute
// bucket when its body has a top-level "segment_id" or "audience" member (any
// value) or "broadcast": true, on either endpoint (INC-2); every other
// request, including a body that is not JSON, is in the hourly bucket. A
// request counts against its own bucket only: MS-45 gives the hourly limit
// to the sends that are not limited per minute. One budget is shared by all
// API keys: Braze's sources do not say whether limits are per key, and one
// budget is the stricter reading.
//
// Windows are fixed and aligned to the clock: a minute window starts at
// second 0 of a minute, an hour window at the top of the hour, and both are
// counted in UTC epoch seconds. X-RateLimit-Reset is the epoch second at which
// the current window ends (RESP-7: the top of the next hour).
//
// Limits are off by default (Options.MinuteLimit and Options.HourLimit zero).
// Every answer on the send endpoints carries X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset all the same (RESP-10, MS-47):
// with a limit off, the headers show Braze's default for that bucket (250 or
// 250,000) and count down to 0 as Braze would, but the server never answers
// 429. Answers given before the body is read (401, 403, 405, 413, 415) show
// the hourly bucket without counting; 404 shows no rate-limit headers. Go writes the
// header names as X-Ratelimit-Limit and so on, the spelling of the recorded
// exchange in RESP-7; HTTP header names are case-insensitive.
//
// # Inspection
//
// GET /_brazelint/requests lists the requests received, oldest first, as JSON
// (see RequestLog); DELETE /_brazelint/requests forgets them. Requests to
// RequestsPath are not recorded; every other request is, whatever its answer,
// but for a foreign Host (421). With Options.APIKeys set, both take
// "Authorization: Bearer <key>" with one of the keys, whatever its
// permissions, and answer 401 {"message": "Unauthorized"} otherwise; without
// keys they take none.
//
// The answer is streamed, one request at a time, without a Content-Length.
// It pages: ?after=SEQ lists only the requests whose seq is greater (0, the
// default: from the oldest kept), ?limit=N at most N of them (default: all);
// "more": true says that the page was cut at its limit, so that a client
// reads the whole log with after set to the last seq it got until "more" is
// false. A limit or an after that is not a whole number (limit at least 1)
// is 400. The counts are those when the page was taken.
//
// The server keeps the last Options.Keep requests, and drops the oldest ones
// while the bodies kept add up to more than Options.KeepBytes (64 MiB by
// default; the latest request is always kept, whatever its size); it counts
// the ones it dropped. Rate-limit counters are not reset by DELETE. A request recorded
// has its Verdict (accepted, rejected, parse_error, ...) and brazelint's
// diagnostics on its body: for a parse_error they say where the JSON breaks.
//
// Request bodies are kept as they were received, since they are what a test
// asserts on. They carry personal data (user ids, email addresses, phone
// numbers): the server holds them in memory only, never writes them to disk or
// to a log, and forgets them on DELETE or when the process ends. The API key is
// not recorded.
//
// # Host
//
// The server answers only a request whose Host header names a loopback host
// (localhost, a name ending in .localhost, 127.0.0.0/8, ::1), the IP address
// the client connected to, or a name in Options.AllowedHosts ("*": any);
// the port is not compared. Any other Host gets 421 Misdirected Request
// {"message": "Misdirected Request", "errors": [...]} (RFC 9110 section
// 15.5.20: the server is not the one the name is for), and is not recorded.
// This stops DNS rebinding: a web page whose name is made to resolve to
// 127.0.0.1 sends its own name as Host, so it can neither read the request
// log nor send. A service that calls the server by another name (a
// container's "braze:4010") needs that name allowed.
//
// # Timeouts
//
// A request must be read and answered within Options.RequestTimeout (30
// seconds by default), counted from when the handler starts: the server sets
// read and write deadlines on the connection through
// http.ResponseController, so a client that trickles its body or reads its
// answer slowly is cut off there and its connection closed (the request is
// recorded as a bad_request). The http.Server around the handler should
// bound the rest, as `brazelint serve` does: ReadHeaderTimeout, ReadTimeout,
// WriteTimeout and IdleTimeout.
//
// # Size
//
// A body larger than Options.Validate.MaxBytes (validate.DefaultMaxBytes, 4
// MiB, when zero) gets 413 without being read: a Content-Length over the limit
// is answered at once, and a chunked body is read through http.MaxBytesReader,
// which stops one byte past the limit. Go's HTTP server then reads at most
// 256 KiB more of a body left unread, hoping to reuse the connection, and
// closes it.
package brazeserver
