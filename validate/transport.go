package validate

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// Option configures NewTransport.
type Option func(*transport)

// BlockAt sets the lowest severity that stops a request: lint.Error (the
// default), or lint.Warning to stop on warnings too. Any other value, such as
// 0, is a configuration error (see CheckOptions).
func BlockAt(s lint.Severity) Option {
	return func(t *transport) {
		if s < lint.Error || s > lint.Hint {
			t.misconfigured = append(t.misconfigured, fmt.Errorf("validate: BlockAt(%d) is no severity: use lint.Error, lint.Warning, lint.Info or lint.Hint", uint8(s)))
		}
		t.block = s
	}
}

// ReportOnly makes the transport send every request, and call report with
// the request and its diagnostics when it has any: a way to watch before
// blocking. report may be called from many goroutines at once.
func ReportOnly(report func(*http.Request, []lint.Diagnostic)) Option {
	return func(t *transport) { t.report = report }
}

// Guard limits the transport to the given endpoints of the endpoint table
// (WithLimits' Config.Endpoints, else lint.DefaultEndpoints); by default it
// guards every one. Guard with no endpoint, or with one the table does not
// hold, is a configuration error (see CheckOptions): it would guard nothing.
func Guard(eps ...Endpoint) Option {
	return func(t *transport) {
		if len(eps) == 0 {
			t.misconfigured = append(t.misconfigured, errors.New("validate: Guard() names no endpoint: name one or more of the endpoint table's, such as MessagesSend"))
		}
		t.guard = eps
	}
}

// checkGuard refuses guarded endpoints the table does not hold, once every
// option (WithLimits may name the table) is applied.
func (t *transport) checkGuard() {
	reg := t.limits.endpoints()
	for _, ep := range t.guard {
		if _, ok := reg.Spec(ep); !ok {
			t.misconfigured = append(t.misconfigured, fmt.Errorf("validate: Guard(%q): the transport guards the endpoint table's endpoints: %s", string(ep), reg.Names()))
		}
	}
}

// CheckOptions returns the configuration errors of opts, such as Guard()
// with no endpoint or BlockAt(0), or nil. NewTransport cannot return an
// error: a transport made with a misconfigured option fails closed, its
// RoundTrip returning this error for every request, so nothing is sent
// unguarded. Call CheckOptions first to find out at start-up.
func CheckOptions(opts ...Option) error {
	t := &transport{}
	for _, opt := range opts {
		opt(t)
	}
	t.checkGuard()
	return errors.Join(t.misconfigured...)
}

// OnUnchecked is called for a guarded request whose body the transport did
// not check: a Content-Encoding it cannot read (it reads gzip and deflate),
// or a body it could not decode. The request is sent as it is. why says
// what stopped the check; it quotes no body.
func OnUnchecked(f func(req *http.Request, why string)) Option {
	return func(t *transport) { t.unchecked = f }
}

// WithLimits validates with c's limits (and c's Policy, unless WithPolicy
// is given too) instead of the defaults.
func WithLimits(c Config) Option { return func(t *transport) { t.limits = c } }

// WithPolicy validates under the rule policy p, such as the one package
// config loads from a .brazelint.yaml: the severities it sets decide what
// blocks, and the rules it turns off do not run. A request body has no path,
// so overrides that name paths never apply.
func WithPolicy(p *Policy) Option { return func(t *transport) { t.policy = p } }

type transport struct {
	base      http.RoundTripper
	block     lint.Severity
	report    func(*http.Request, []lint.Diagnostic)
	guard     []Endpoint
	unchecked func(*http.Request, string)
	limits    Config
	policy    *Policy
	// misconfigured holds the options' configuration errors.
	misconfigured []error
}

// NewTransport wraps base (http.DefaultTransport when nil) so that a POST to
// any endpoint of the endpoint table (/messages/send, /campaigns/trigger/send,
// /canvas/trigger/send, the schedule-create endpoints and
// /transactional/v1/campaigns/{campaign_id}/send), on any host and under any
// path prefix, is validated before it is sent. A payload with a diagnostic at or
// above the blocking severity is not sent: RoundTrip returns an *Error and
// the server sees nothing. Other requests, and payloads that pass, go to base
// with their body byte for byte as it was.
//
//	client := &http.Client{Transport: validate.NewTransport(nil)}
//
// The transport reads at most the size limit (Config.MaxBytes) of a body
// before it decides: a larger body is blocked as input-too-large without
// being read into memory (with ReportOnly it is reported and sent as a
// stream, without GetBody). Methods are compared without regard to case.
// An option that is misconfigured makes every round trip fail (see
// CheckOptions).
//
// The transport is safe for concurrent use if base is.
func NewTransport(base http.RoundTripper, opts ...Option) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	t := &transport{base: base, block: lint.Error}
	for _, opt := range opts {
		opt(t)
	}
	t.checkGuard()
	if t.policy != nil {
		t.limits.Policy = t.policy
	}
	t.limits.Path = "" // a request body is no file
	return t
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if len(t.misconfigured) > 0 {
		if req.Body != nil {
			req.Body.Close() // RoundTrip closes the body, even on errors
		}
		return nil, errors.Join(t.misconfigured...)
	}
	ep, guarded := t.endpoint(req)
	if !guarded || req.Body == nil || req.Body == http.NoBody {
		return t.base.RoundTrip(req)
	}
	// One byte past the limit is enough to know the body is too large: a
	// larger body is never held in memory.
	maxBytes := t.limits.maxBytes()
	body, err := io.ReadAll(io.LimitReader(req.Body, int64(maxBytes)+1))
	if err != nil {
		req.Body.Close()
		return nil, err
	}
	// RoundTrip must not change the caller's request: send a copy whose
	// body reads the same bytes again, as often as base needs them.
	out := req.Clone(req.Context())
	if len(body) > maxBytes {
		// Too large, whatever its encoding (an encoded body this large
		// decodes larger still): input-too-large, from the bytes read.
		// If sent (ReportOnly, or a policy that lets input-too-large pass),
		// the rest is streamed after it.
		out.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(body), req.Body), req.Body}
		out.GetBody = nil
		diags := t.limits.Bytes(ep, body)
		if t.report != nil {
			if len(diags) > 0 {
				t.report(req, diags)
			}
			return t.base.RoundTrip(out)
		}
		if err := blockAt(ep, diags, t.block); err != nil {
			req.Body.Close()
			return nil, err
		}
		return t.base.RoundTrip(out) // a policy that lets input-too-large pass
	}
	req.Body.Close()
	out.Body = io.NopCloser(bytes.NewReader(body))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }

	payload, why := decode(body, req.Header.Get("Content-Encoding"), maxBytes)
	if why != "" {
		if t.unchecked != nil {
			t.unchecked(req, why)
		}
		return t.base.RoundTrip(out)
	}
	diags := t.limits.Bytes(ep, payload)
	if t.report != nil {
		if len(diags) > 0 {
			t.report(req, diags)
		}
		return t.base.RoundTrip(out)
	}
	if err := blockAt(ep, diags, t.block); err != nil {
		return nil, err
	}
	return t.base.RoundTrip(out)
}

// endpoint reports whether req is a send the transport guards, and to which
// endpoint: a POST whose path ends in the endpoint's path (a {campaign_id}
// segment matching any one segment).
func (t *transport) endpoint(req *http.Request) (Endpoint, bool) {
	// Servers may read methods without regard to case: "post" is a POST.
	if !strings.EqualFold(req.Method, http.MethodPost) || req.URL == nil {
		return "", false
	}
	return t.limits.endpoints().MatchPath(req.URL.Path, true, t.guard)
}

// decode undoes a request's Content-Encoding for validation only; the bytes
// sent stay the encoded ones. It stops one byte past maxBytes, which is
// enough for input-too-large, so a small body cannot inflate without bound.
// why is non-empty when it cannot decode.
func decode(body []byte, encoding string, maxBytes int) (payload []byte, why string) {
	var r io.ReadCloser
	var err error
	switch enc := strings.ToLower(strings.TrimSpace(encoding)); enc {
	case "", "identity":
		return body, ""
	case "gzip", "x-gzip":
		r, err = gzip.NewReader(bytes.NewReader(body))
	case "deflate":
		r, err = zlib.NewReader(bytes.NewReader(body))
	default: // br, zstd, or a list of encodings
		return nil, "the body's Content-Encoding " + enc + " cannot be read"
	}
	if err != nil {
		return nil, "the body is not valid " + encoding
	}
	defer r.Close()
	payload, err = io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return nil, "the body is not valid " + encoding
	}
	return payload, ""
}
