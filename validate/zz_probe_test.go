package validate

import (
	"fmt"
	"strings"
	"testing"
)

func TestZZProbeFix(t *testing.T) {
	for _, n := range []int{60, 199, 250} {
		var b strings.Builder
		b.WriteString(`{"external_user_ids":[`)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "%d", i)
		}
		b.WriteString(`],"messages":{}}`)
		r := fuzzFixConfig.Fix(MessagesSend, []byte(b.String()), nil)
		t.Logf("n=%d applied %d refused %d", n, r.Applied, r.Refused)
		for _, x := range r.Refusals[:min(2, len(r.Refusals))] {
			t.Logf("  %s %s brings %s %s %s %s", x.Diagnostic.Rule, x.Diagnostic.Pointer, x.Brings.Rule, x.Brings.Pointer, x.Brings.Severity, x.Brings.Message)
		}
	}
}
