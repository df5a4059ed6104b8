package brazeserver

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
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
	// Requests are the requests kept, oldest first (on a page: those after
	// the page's "after", at most its "limit").
	Requests []Request `json:"requests"`
	// Received counts the requests since the server started or was last
	// cleared; Dropped those of them no longer kept, the oldest first.
	Received int64 `json:"received"`
	Dropped  int64 `json:"dropped"`
	// Keep is how many requests the server keeps, KeepBytes how many bytes
	// of request bodies (Options.Keep, Options.KeepBytes).
	Keep      int   `json:"keep"`
	KeepBytes int64 `json:"keep_bytes"`
	// More is true when a page was cut at its limit: more requests are kept
	// after the last one listed (ask again with after=<its seq>).
	More bool `json:"more"`
}

// Requests returns the requests kept, oldest first, and the counts of
// received and dropped requests.
func (s *Server) Requests() RequestLog { return s.RequestsAfter(0, 0) }

// RequestsAfter returns a page of the requests kept: those whose Seq is
// greater than after, oldest first, at most limit of them (all when limit is
// zero or less), with the counts; More says whether the page was cut.
func (s *Server) RequestsAfter(after int64, limit int) RequestLog {
	log := s.log.page(after, limit)
	for i := range log.Requests {
		if log.Requests[i].Diagnostics == nil {
			log.Requests[i].Diagnostics = []lint.Diagnostic{}
		} else {
			log.Requests[i].Diagnostics = cloneDiagnostics(log.Requests[i].Diagnostics)
		}
	}
	return log
}

// ClearRequests forgets every request kept and resets the counts.
func (s *Server) ClearRequests() { s.log.clear() }

// inspect answers on RequestsPath. With Options.APIKeys set, it takes one of
// them, as the send endpoints do (any permission): the log holds personal
// data. Without, it takes no Authorization at all.
func (s *Server) inspect(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodDelete:
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeJSON(w, http.StatusMethodNotAllowed, reply{Message: "Method Not Allowed"})
		return
	}
	if _, ok := s.authorized(r.Header.Get("Authorization")); !ok && s.keys != nil {
		writeJSON(w, http.StatusUnauthorized, reply{Message: "Unauthorized"})
		return
	}
	if r.Method == http.MethodDelete {
		s.ClearRequests()
		w.WriteHeader(http.StatusNoContent)
		return
	}
	after, limit, err := pageQuery(r.URL.Query())
	if err != nil {
		writeJSON(w, http.StatusBadRequest, reply{Message: "Bad Request", Errors: []string{err.Error()}})
		return
	}
	s.streamLog(w, s.log.page(after, limit))
}

// pageQuery reads the paging parameters of GET RequestsPath: after=SEQ (the
// requests after that one; 0, the default, from the oldest) and limit=N (at
// most N; none, the default, for all).
func pageQuery(q url.Values) (after int64, limit int, err error) {
	if v := q.Get("after"); v != "" {
		after, err = strconv.ParseInt(v, 10, 64)
		if err != nil || after < 0 {
			return 0, 0, errors.New("after must be the seq of a request, an integer of 0 or more")
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, errors.New("limit must be an integer of 1 or more")
		}
		limit = n
	}
	return after, limit, nil
}

// streamLog writes log as JSON one request at a time, so that the answer is
// never held in memory whole: the requests share their bodies with the ring.
// Its length is not known beforehand, so it has no Content-Length.
func (s *Server) streamLog(w http.ResponseWriter, log RequestLog) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	bw.WriteString(`{"requests":[`)
	noDiagnostics := []lint.Diagnostic{}
	for i := range log.Requests {
		if i > 0 {
			bw.WriteByte(',')
		}
		rec := &log.Requests[i]
		if rec.Diagnostics == nil {
			rec.Diagnostics = noDiagnostics
		}
		if err := enc.Encode(rec); err != nil {
			panic("brazeserver: " + err.Error()) // a Request always marshals
		}
		log.Requests[i] = Request{} // let the body go as soon as it is written
	}
	fmt.Fprintf(bw, `],"received":%d,"dropped":%d,"keep":%d,"keep_bytes":%d,"more":%t}`+"\n",
		log.Received, log.Dropped, log.Keep, log.KeepBytes, log.More)
	bw.Flush() // an error means the client has gone: nothing to do
}

// ring keeps the latest requests, at most keep of them and, but for the
// latest, at most keepBytes bytes of bodies. Safe for concurrent use.
type ring struct {
	mu        sync.Mutex
	keep      int
	keepBytes int64
	buf       []Request // a circular queue: n requests from start
	start, n  int
	bytes     int64 // of the bodies kept
	received  int64
	seq       int64
}

func newRing(keep int, keepBytes int64) *ring {
	if keep <= 0 {
		keep = DefaultKeep
	}
	if keepBytes <= 0 {
		keepBytes = DefaultKeepBytes
	}
	return &ring{keep: keep, keepBytes: keepBytes}
}

// at is the i-th request kept, oldest first.
func (r *ring) at(i int) *Request { return &r.buf[(r.start+i)%len(r.buf)] }

func (r *ring) add(req *Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seq++
	r.received++
	req.Seq = r.seq
	if r.n == r.keep {
		r.dropOldest()
	}
	if r.n == len(r.buf) { // full below keep: grow, oldest first at 0
		grown := make([]Request, min(max(2*len(r.buf), 16), r.keep))
		for i := range r.n {
			grown[i] = *r.at(i)
		}
		r.buf, r.start = grown, 0
	}
	*r.at(r.n) = *req
	r.n++
	r.bytes += int64(len(req.Body))
	for r.bytes > r.keepBytes && r.n > 1 {
		r.dropOldest()
	}
}

func (r *ring) dropOldest() {
	old := r.at(0)
	r.bytes -= int64(len(old.Body))
	*old = Request{}
	r.start = (r.start + 1) % len(r.buf)
	r.n--
}

// page returns the requests after seq after, at most limit (all when limit
// is zero or less). The requests share their bodies and diagnostics with the
// ring, which never changes a request once added.
func (r *ring) page(after int64, limit int) RequestLog {
	r.mu.Lock()
	defer r.mu.Unlock()
	// Seqs rise from the oldest: find the first after "after".
	first := sort.Search(r.n, func(i int) bool { return r.at(i).Seq > after })
	count := r.n - first
	more := limit > 0 && count > limit
	if more {
		count = limit
	}
	reqs := make([]Request, count)
	for i := range reqs {
		reqs[i] = *r.at(first + i)
	}
	return RequestLog{Requests: reqs, Received: r.received, Dropped: r.received - int64(r.n),
		Keep: r.keep, KeepBytes: r.keepBytes, More: more}
}

func (r *ring) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf, r.start, r.n, r.bytes, r.received = nil, 0, 0, 0, 0
}
