package brazeserver

import (
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/brazelint/brazelint/lint"
)

// Verdict sums up what the server did with a request.
type Verdict string

const (
	VerdictAccepted             Verdict = "accepted"               // 201: no error-severity diagnostic
	VerdictRejected             Verdict = "rejected"               // 400: the body has a lint error
	VerdictParseError           Verdict = "parse_error"            // 400: the body does not parse as JSON
	VerdictBadRequest           Verdict = "bad_request"            // 400: the body could not be read
	VerdictUnauthorized         Verdict = "unauthorized"           // 401
	VerdictAccessDenied         Verdict = "access_denied"          // 403: the key lacks the endpoint's permission
	VerdictNotFound             Verdict = "not_found"              // 404
	VerdictMethodNotAllowed     Verdict = "method_not_allowed"     // 405
	VerdictTooLarge             Verdict = "too_large"              // 413
	VerdictUnsupportedMediaType Verdict = "unsupported_media_type" // 415: Content-Type or Content-Encoding
	VerdictRateLimited          Verdict = "rate_limited"           // 429
)

// Request is a request the server received, with its answer.
type Request struct {
	// Seq numbers the requests in the order they were answered, from 1; it is
	// not reset by ClearRequests.
	Seq    int64     `json:"seq"`
	Time   time.Time `json:"time"` // when it arrived, by Options.Now
	Method string    `json:"method"`
	Path   string    `json:"path"`
	// Endpoint is "messages/send" or "campaigns/trigger/send", or "" for
	// another path.
	Endpoint string  `json:"endpoint"`
	Status   int     `json:"status"`
	Verdict  Verdict `json:"verdict"`
	// DispatchID is the dispatch_id of a 201 answer.
	DispatchID string `json:"dispatch_id,omitempty"`
	// Body is the request body as received; "" when it was not read (an
	// answer before the body: 401, 403, 404, 405, 413, 415). In JSON
	// it is a string (bytes that are not UTF-8 become U+FFFD there).
	Body string `json:"body"`
	// Diagnostics are brazelint's findings on the body, when it was checked;
	// for a parse_error they say where the JSON breaks, which the answer
	// (Braze's) does not. Each is in lint.Diagnostic's JSON shape, the
	// shape of `brazelint --format json`.
	Diagnostics []lint.Diagnostic `json:"diagnostics"`
}

// cloneDiagnostics copies diagnostics down to their related locations and
// fixes, so that a caller of Requests cannot change what is kept.
func cloneDiagnostics(ds []lint.Diagnostic) []lint.Diagnostic {
	out := slices.Clone(ds)
	for i := range out {
		out[i].Related = slices.Clone(out[i].Related)
		out[i].Fixes = slices.Clone(out[i].Fixes)
		for j := range out[i].Fixes {
			out[i].Fixes[j].Edits = slices.Clone(out[i].Fixes[j].Edits)
		}
	}
	return out
}

// RequestLog is what GET /_brazelint/requests answers.
type RequestLog struct {
	// Requests are the requests kept, oldest first.
	Requests []Request `json:"requests"`
	// Received counts the requests since the server started or was last
	// cleared; Dropped those of them no longer kept, the oldest first.
	Received int64 `json:"received"`
	Dropped  int64 `json:"dropped"`
	// Keep is how many requests the server keeps.
	Keep int `json:"keep"`
}

// Requests returns the requests kept, oldest first, and the counts of
// received and dropped requests.
func (s *Server) Requests() RequestLog { return s.log.snapshot() }

// ClearRequests forgets every request kept and resets the counts.
func (s *Server) ClearRequests() { s.log.clear() }

// inspect answers on RequestsPath.
func (s *Server) inspect(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, s.Requests())
	case http.MethodDelete:
		s.ClearRequests()
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeJSON(w, http.StatusMethodNotAllowed, reply{Message: "Method Not Allowed"})
	}
}

// ring keeps the last keep requests. Safe for concurrent use.
type ring struct {
	mu       sync.Mutex
	keep     int
	buf      []Request // grows to keep, then wraps at next
	next     int
	received int64
	seq      int64
}

func newRing(keep int) *ring {
	if keep <= 0 {
		keep = DefaultKeep
	}
	return &ring{keep: keep}
}

func (r *ring) add(req *Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.received++
	req.Seq = r.seq
	if len(r.buf) < r.keep {
		r.buf = append(r.buf, *req)
		return
	}
	r.buf[r.next] = *req
	r.next = (r.next + 1) % r.keep
}

func (r *ring) snapshot() RequestLog {
	r.mu.Lock()
	defer r.mu.Unlock()
	reqs := make([]Request, 0, len(r.buf))
	reqs = append(reqs, r.buf[r.next:]...)
	reqs = append(reqs, r.buf[:r.next]...)
	for i := range reqs {
		if reqs[i].Diagnostics == nil {
			reqs[i].Diagnostics = []lint.Diagnostic{}
		} else {
			reqs[i].Diagnostics = cloneDiagnostics(reqs[i].Diagnostics)
		}
	}
	return RequestLog{Requests: reqs, Received: r.received, Dropped: r.received - int64(len(r.buf)), Keep: r.keep}
}

func (r *ring) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf, r.next, r.received = nil, 0, 0
}
