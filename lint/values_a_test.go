package lint

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestCompactJSONLen checks the measure of a value as sent against
// encoding/json's Compact of the same text: white space outside strings is
// dropped, white space, escapes and quotes inside strings are kept.
func TestCompactJSONLen(t *testing.T) {
	for _, src := range []string{
		`[]`, ` [ 1 , 2.5e3 ] `, "[\n\t{\"a b\" : \"x \\\" y\\\\\" , \"c\": [ ] } ,\r\n null ]",
		`[{"é": "😀 \u00fc \\\"", "k": true, "k": false}]`,
	} {
		doc := decode(t, `{"v": `+src+`}`)
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(src)); err != nil {
			t.Fatal(err)
		}
		if got := compactJSONLen(doc.Root().Get("v")); got != want.Len() {
			t.Errorf("compactJSONLen(%s) = %d, want %d", src, got, want.Len())
		}
	}
	if got := compactJSONLen(Value{}); got != 0 {
		t.Errorf("compactJSONLen of an absent value = %d, want 0", got)
	}
}
