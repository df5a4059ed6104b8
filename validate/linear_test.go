package validate

import (
	"strings"
	"testing"

	"github.com/brazelint/brazelint/internal/lineartest"
)

// TestValidateLinear holds validation to linear cost on the payload shapes
// that once cost more per byte the larger they were (issue 22). The scanner's
// own shapes are in lint/liquid, the config patterns' in internal/pattern.
func TestValidateLinear(t *testing.T) {
	base := 400
	if testing.Short() {
		base = 100
	}
	body := func(text string) []byte {
		return []byte(`{"external_user_ids": ["u"], "messages": {"email": {"app_id": "a", "from": "a@example.com", "subject": "s", "body": "` + text + `"}}}`)
	}
	shapes := map[string]func(n int) []byte{
		// A clean payload: each promotion tag's quote check once looked at
		// every node after it for nested outputs.
		"promotion tags": func(n int) []byte { return body(strings.Repeat(`{% promotion('x') %}`, n)) },
	}
	for name, build := range shapes {
		t.Run(name, func(t *testing.T) {
			lineartest.Check(t, base, build, func(data []byte) { Bytes(MessagesSend, data) })
		})
	}
}

// TestBraceTagQuotesNested checks the curly quotes of a Braze tag's arguments
// with outputs nested in them and after them: each curly quote is reported
// once, by the tag or by the output that holds it, and nothing after the tag
// is taken for part of it.
func TestBraceTagQuotesNested(t *testing.T) {
	text := `{% promotion({{ ‘a’ }}‘b’) %}{{ 'c' }}‘d’{% promotion('e') %}{{ ‘f’ }}`
	data := []byte(`{"external_user_ids": ["u"], "messages": {"email": {"app_id": "a", "from": "a@example.com", "subject": "s", "body": "` + text + `"}}}`)
	var cols []int
	for _, d := range Bytes(MessagesSend, data) {
		if d.Rule == "liquid-curly-quote" {
			cols = append(cols, d.Start.Column)
		}
	}
	if len(cols) != 6 {
		t.Errorf("%d curly quotes reported at columns %v, want the 6 inside delimiters (a, b, f)", len(cols), cols)
	}
}
