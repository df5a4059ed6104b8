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
// are readings of ours, not documented Braze behaviour. Every answer with a
// body has Content-Type: application/json (RESP-7).
//
//   - 201 {"dispatch_id": "<32 lowercase hex>", "message": "success"}: the
//     body has no error-severity diagnostic (RESP-7, RESP-12 [inferred]). A
//     "send_id" string at the top of the request body is echoed as "send_id"
//     (RESP-5, RESP-12 [inferred]). Warnings never fail a request: they are
//     listed as non-fatal "errors" strings (RESP-2, RESP-13 [inferred]).
//   - 400 when the body has an error: "message" is the first error's message,
//     "errors" lists the errors and warnings as strings
//     "<line>:<col> <pointer>: <message> (<rule>)" (RESP-3, RESP-11
//     [inferred]). The pointer of the whole payload is empty, which gives
//     "1:1 : <message> (<rule>)".
//   - 401 {"message": "Unauthorized"}: no Authorization header, or a key that
//     is not in Options.APIKeys (RESP-9).
//   - 400 {"message": "Bad Request", "errors": [...]}: a Content-Type other
//     than application/json, or a body the server does not read (see below).
//   - 413 {"message": "Payload Too Large", "errors": [...]}: a body over the
//     size limit. Braze documents no size answer; this is the emulator's own.
//   - 429 {"message": "Rate Limited"}: over an enforced rate limit (RESP-9,
//     MS-47).
//   - 404 {"message": "Not Found"} for any other path, and 405 {"message":
//     "Method Not Allowed"} with an Allow header for another method on a known
//     path [inferred: the emulator's own, Braze documents neither].
//
// Wherever a lint diagnostic is reported, the structured diagnostics (rule,
// severity, message, pointer, start and end line, column and byte offset) are
// also listed under the separate key "brazelint_diagnostics", so that
// "errors" stays a list of strings as Braze clients expect (RESP-11). Info
// and hint diagnostics appear only there, never in "errors".
//
// # Readings where the spec is silent or ambiguous
//
// Where Braze's sources leave a choice open, the server takes the stricter
// reading: a client that passes here should pass against Braze.
//
//   - Order of checks: method, then Authorization, then Content-Type and
//     Content-Encoding, then size, then rate limit, then the body. Only
//     requests that reach the rate-limit step count against a limit; an
//     answer of 429 does not count. [inferred]
//   - Authorization must be exactly "Bearer <key>" with a non-empty key, as
//     the endpoint pages write it (TS-3, RESP-8); a scheme spelled otherwise
//     ("bearer") is refused. With Options.APIKeys empty any key is accepted;
//     otherwise only those keys. An unknown key gets 401, not the 404 the
//     same table also lists for an unknown key (RESP-9).
//   - Content-Type must be application/json; parameters are allowed, but a
//     charset other than utf-8 is refused (JSON is UTF-8). A wrong or missing
//     Content-Type is 400 Bad Request, the status RESP-9 gives for a request
//     Braze cannot read, rather than 415, which Braze does not list.
//   - A Content-Encoding other than identity (gzip, br, ...) is 400 as well:
//     Braze documents no compressed request bodies, so a client should not
//     rely on them. [inferred]
//   - Paths match exactly: /messages/send/ (with a slash) is 404. [inferred]
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
// 429. Answers given before the body is read (401, 405, 400 for the
// Content-Type, 413) show the hourly bucket without counting. Go writes the
// header names as X-Ratelimit-Limit and so on, the spelling of the recorded
// exchange in RESP-7; HTTP header names are case-insensitive.
//
// # Inspection
//
// GET /_brazelint/requests lists the requests received, oldest first, as JSON
// (see RequestLog); DELETE /_brazelint/requests forgets them. Requests to
// /_brazelint/ are not recorded; every other request is, whatever its answer.
// The server keeps the last Options.Keep requests and counts the ones it
// dropped. Rate-limit counters are not reset by DELETE.
//
// Request bodies are kept as they were received, since they are what a test
// asserts on. They carry personal data (user ids, email addresses, phone
// numbers): the server holds them in memory only, never writes them to disk or
// to a log, and forgets them on DELETE or when the process ends. The API key is
// not recorded.
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
