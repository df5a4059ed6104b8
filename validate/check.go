package validate

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// Value marshals v with encoding/json, as an HTTP client sending it would,
// and validates the bytes. Diagnostics name their place by JSON pointer;
// their positions refer to the marshalled bytes. A value encoding/json cannot
// marshal (a channel, a NaN) gets one json-syntax diagnostic.
func Value(ep Endpoint, v any) []lint.Diagnostic { return Config{}.Value(ep, v) }

// Value is the package-level Value with c's limits.
func (c Config) Value(ep Endpoint, v any) []lint.Diagnostic {
	data, err := json.Marshal(v)
	if err != nil {
		return []lint.Diagnostic{{Rule: lint.JSONSyntax.ID, Severity: lint.JSONSyntax.Severity(),
			Start: lint.Position{Line: 1, Column: 1}, End: lint.Position{Line: 1, Column: 1},
			Message: "the value cannot be marshalled to JSON (" + marshalProblem(err) + "): Braze would never receive it"}}
	}
	return c.Bytes(ep, data)
}

// marshalProblem describes a marshalling error by the Go types involved,
// never by the values, which may be personal data.
func marshalProblem(err error) string {
	switch e := err.(type) {
	case *json.UnsupportedTypeError:
		return "unsupported type " + e.Type.String()
	case *json.UnsupportedValueError:
		return "unsupported value of type " + e.Value.Type().String()
	case *json.MarshalerError:
		return "MarshalJSON of " + e.Type.String() + " failed"
	}
	return "a " + reflect.TypeOf(err).String()
}

// Error is the error of a payload that must not be sent: Check returns it,
// and so does the transport of NewTransport instead of sending. Use errors.As
// to get at the diagnostics.
type Error struct {
	Endpoint Endpoint
	// Diagnostics are all of the payload's diagnostics, sorted by position;
	// at least one is at or above the severity that blocks.
	Diagnostics []lint.Diagnostic
}

// Error names the endpoint and the first few findings that block, with
// their positions and rule ids; like every message, it quotes no payload
// value.
func (e *Error) Error() string {
	const shown = 3
	var b strings.Builder
	var blocking []lint.Diagnostic
	for _, d := range e.Diagnostics {
		if d.Severity == lint.Error {
			blocking = append(blocking, d)
		}
	}
	if len(blocking) == 0 {
		blocking = e.Diagnostics // the transport blocked at a lower severity
	}
	b.WriteString("brazelint: ")
	if _, known := lint.DefaultEndpoints.Spec(e.Endpoint); known {
		b.WriteString(e.Endpoint.Path() + " ")
	}
	// The count is of every diagnostic the error holds; the errors listed
	// after it may be fewer.
	fmt.Fprintf(&b, "payload has %s", countOf(len(e.Diagnostics), "finding"))
	if len(blocking) < len(e.Diagnostics) {
		fmt.Fprintf(&b, " (%s)", countOf(len(blocking), "error"))
	}
	for i, d := range blocking {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(blocking)-shown)
			break
		}
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%s%d:%d: %s (%s)", sep, d.Start.Line, d.Start.Column, d.Message, d.Rule)
	}
	return b.String()
}

// Check validates a payload and returns nil when it has no error-severity
// diagnostic, and an *Error holding all its diagnostics otherwise: for
// callers that only want go or no-go.
func Check(ep Endpoint, data []byte) error { return Config{}.Check(ep, data) }

// Check is the package-level Check with c's limits.
func (c Config) Check(ep Endpoint, data []byte) error {
	if ep == Auto {
		if detected, ok := Detect(data); ok {
			ep = detected // the same choice Bytes makes, so the error can name it
		}
	}
	return blockAt(ep, c.Bytes(ep, data), lint.Error)
}

// blockAt returns an *Error when a diagnostic is at or above severity block.
func blockAt(ep Endpoint, diags []lint.Diagnostic, block lint.Severity) error {
	for _, d := range diags {
		if d.Severity <= block {
			return &Error{Endpoint: ep, Diagnostics: diags}
		}
	}
	return nil
}

// countOf is n and noun, plural unless n is 1.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
