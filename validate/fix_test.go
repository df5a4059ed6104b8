package validate

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/lint"
)

func edit(start, end int, text string) lint.Edit {
	return lint.Edit{Start: lint.Position{Offset: start}, End: lint.Position{Offset: end}, NewText: text}
}

func fixOf(edits ...lint.Edit) lint.Diagnostic {
	return lint.Diagnostic{Fixes: []lint.Fix{{Message: "m", Edits: edits}}}
}

func TestApplyFixes(t *testing.T) {
	src := []byte(`0123456789`)
	tests := []struct {
		name    string
		diags   []lint.Diagnostic
		want    string
		applied int
	}{
		{"replace", []lint.Diagnostic{fixOf(edit(2, 4, "ab"))}, "01ab456789", 1},
		{"wrap", []lint.Diagnostic{fixOf(edit(2, 2, "["), edit(5, 5, "]"))}, "01[234]56789", 1},
		{"wrap and replace inside", []lint.Diagnostic{fixOf(edit(2, 2, "["), edit(5, 5, "]")), fixOf(edit(3, 4, "x"))}, "01[2x4]56789", 2},
		{"insert where a replacement starts", []lint.Diagnostic{fixOf(edit(3, 4, "x")), fixOf(edit(3, 3, "["))}, "012[x456789", 2},
		{"overlapping replacements: the first wins", []lint.Diagnostic{fixOf(edit(2, 5, "a")), fixOf(edit(4, 6, "b"))}, "01a56789", 1},
		{"insertion inside a replacement", []lint.Diagnostic{fixOf(edit(2, 5, "a")), fixOf(edit(3, 3, "b"))}, "01a56789", 1},
		{"two insertions at one place", []lint.Diagnostic{fixOf(edit(3, 3, "a")), fixOf(edit(3, 3, "b"))}, "012a3456789", 1},
		{"a fix is taken whole or not at all", []lint.Diagnostic{fixOf(edit(0, 2, "a")), fixOf(edit(1, 1, "["), edit(8, 9, "z"))}, "a23456789", 1},
		{"out of range", []lint.Diagnostic{fixOf(edit(8, 20, "x"))}, "0123456789", 0},
		{"no fixes", []lint.Diagnostic{{}}, "0123456789", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := ApplyFixes(src, tt.diags)
			if string(got) != tt.want || n != tt.applied {
				t.Errorf("ApplyFixes = %q, %d; want %q, %d", got, n, tt.want, tt.applied)
			}
		})
	}
	if string(src) != "0123456789" {
		t.Error("ApplyFixes changed its input")
	}
}

// TestRepairs covers which values get a repair and which do not: only those
// with one reading.
func TestRepairs(t *testing.T) {
	sms := `"messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}`
	tests := []struct {
		name, in, want string // want "" means no fix applies
	}{
		{"boolean in quotes", `{"broadcast": "false", "external_user_ids": ["a"], ` + sms + `}`,
			`{"broadcast": false, "external_user_ids": ["a"], ` + sms + `}`},
		{"boolean in other case", `{"broadcast": "False", "external_user_ids": ["a"], ` + sms + `}`,
			`{"broadcast": false, "external_user_ids": ["a"], ` + sms + `}`},
		{"yes is not a boolean", `{"broadcast": "yes", "external_user_ids": ["a"], ` + sms + `}`, ""},
		{"lone id", `{"external_user_ids": "a", ` + sms + `}`, `{"external_user_ids": ["a"], ` + sms + `}`},
		{"ids in one string are a guess", `{"external_user_ids": "a,b", ` + sms + `}`, ""},
		{"ids separated by spaces are a guess", `{"external_user_ids": "a b", ` + sms + `}`, ""},
		{"lone alias", `{"user_aliases": {"alias_name": "n", "alias_label": "l"}, ` + sms + `}`,
			`{"user_aliases": [{"alias_name": "n", "alias_label": "l"}], ` + sms + `}`},
		{"enum in other case", `{"external_user_ids": ["a"], "recipient_subscription_state": "OPTED_IN", ` + sms + `}`,
			`{"external_user_ids": ["a"], "recipient_subscription_state": "opted_in", ` + sms + `}`},
		// The result draws the info subscription-state-all: reported, not a veto.
		{"a fix that uncovers an info is applied", `{"external_user_ids": ["a"], "recipient_subscription_state": "ALL", ` + sms + `}`,
			`{"external_user_ids": ["a"], "recipient_subscription_state": "all", ` + sms + `}`},
		{"enum misspelt is a guess", `{"external_user_ids": ["a"], "recipient_subscription_state": "opted-in", ` + sms + `}`, ""},
		{"number id quoted", `{"external_user_ids": [12], ` + sms + `}`, `{"external_user_ids": ["12"], ` + sms + `}`},
		{"number in quotes", `{"external_user_ids": ["a"], "messages": {"android_push": {"alert": "a", "priority": "1"}}}`,
			`{"external_user_ids": ["a"], "messages": {"android_push": {"alert": "a", "priority": 1}}}`},
		{"a number with a leading zero is a guess", `{"external_user_ids": ["a"], "messages": {"android_push": {"alert": "a", "priority": "01"}}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Config{}.Fix(MessagesSend, []byte(tt.in), nil)
			want := tt.want
			if want == "" {
				want = tt.in
			}
			if string(res.Data) != want {
				t.Errorf("Fix:\n got %s\nwant %s", res.Data, want)
			}
			if (res.Applied > 0) != (tt.want != "") {
				t.Errorf("applied %d fixes", res.Applied)
			}
		})
	}
}

// TestFixRefusesNewFindings: a quoted true in send_to_sync would make the
// alert the object has forbidden, so the fix is refused and nothing changes.
func TestFixRefusesNewFindings(t *testing.T) {
	in := `{"external_user_ids": ["a"], "messages": {"android_push": {"alert": "a", "title": "t", "send_to_sync": "true"}}}`
	res := Config{}.Fix(MessagesSend, []byte(in), nil)
	if string(res.Data) != in || res.Applied != 0 || res.Refused != 1 {
		t.Errorf("Fix = %s, applied %d, refused %d; want the input, 0, 1", res.Data, res.Applied, res.Refused)
	}
}

func TestFixWantFilter(t *testing.T) {
	in := `{"broadcast": "false", "external_user_ids": "a", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	res := Config{}.Fix(MessagesSend, []byte(in), func(d lint.Diagnostic) bool { return d.Pointer == "/broadcast" })
	want := `{"broadcast": false, "external_user_ids": "a", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	if string(res.Data) != want || res.Applied != 1 {
		t.Errorf("Fix = %s (%d applied), want only broadcast fixed", res.Data, res.Applied)
	}
	again := Config{}.Fix(MessagesSend, res.Data, nil)
	if again.Applied != 1 {
		t.Errorf("the filtered-out fix is not applied later: %d", again.Applied)
	}
	third := Config{}.Fix(MessagesSend, again.Data, nil)
	if third.Applied != 0 || string(third.Data) != string(again.Data) {
		t.Errorf("fixing a fixed payload changed it: %s", third.Data)
	}
}

// Under MaxDiagnostics, fixing one finding showed one the cap had hidden,
// which looked new: every safe fix was refused, at the cost of one
// validation per fix. Fix judges against every finding and caps only what
// it returns.
func TestFixJudgesBeyondTheCap(t *testing.T) {
	in := `{"external_user_ids":[1,2,3,4,5],"messages":{}}`
	c := Config{MaxDiagnostics: 3}
	res := c.Fix(MessagesSend, []byte(in), nil)
	if want := `{"external_user_ids":["1","2","3","4","5"],"messages":{}}`; string(res.Data) != want || res.Applied != 5 {
		t.Fatalf("applied %d, refused %d: %s, want all 5 ids quoted: %s", res.Applied, res.Refused, res.Data, want)
	}
	if !reflect.DeepEqual(res.Diagnostics, c.Bytes(MessagesSend, res.Data)) {
		t.Fatalf("diagnostics are not those Bytes gives the result under the cap: %v", res.Diagnostics)
	}
}

// TestFixBisects checks how Fix finds the safe fixes when not all are safe
// together: one bad fix among many leaves the others applied, and a payload
// of bad fixes only spends the round's budget of validations, refusing the
// fixes it did not try, instead of one validation per fix.
func TestFixBisects(t *testing.T) {
	recipients := func(n int, bad func(i int) bool) []byte {
		var b strings.Builder
		b.WriteString(`{"campaign_id": "c", "recipients": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(", ")
			}
			if bad(i) { // false without attributes: send-to-existing-needs-attributes
				fmt.Fprintf(&b, `{"external_user_id": "u%d", "send_to_existing_only": "false"}`, i)
			} else {
				fmt.Fprintf(&b, `{"external_user_id": "u%d", "send_to_existing_only": "true"}`, i)
			}
		}
		b.WriteString("]}")
		return []byte(b.String())
	}
	res := Config{}.Fix(CampaignsTriggerSend, recipients(40, func(i int) bool { return i == 17 }), nil)
	if res.Applied != 39 || res.Refused != 1 || len(res.Refusals) != 1 ||
		res.Refusals[0].Brings.Rule != lint.SendToExistingNeedsAttributes.ID {
		t.Errorf("one bad fix among 40: applied %d, refused %d, refusals %+v; want 39 applied and the bad one refused for what it brings",
			res.Applied, res.Refused, res.Refusals)
	}
	res = Config{}.Fix(CampaignsTriggerSend, recipients(40, func(int) bool { return true }), nil)
	untried := 0
	for _, r := range res.Refusals {
		if r.Untried {
			untried++
		}
	}
	if res.Applied != 0 || len(res.Refusals) != 40 || untried == 0 || untried == 40 {
		t.Errorf("40 bad fixes: applied %d, %d refusals, %d untried; want all refused, some after trying and the rest untried within the budget",
			res.Applied, len(res.Refusals), untried)
	}
}

// TestApplyFixesAgreesWithPairwise checks ApplyFixes, which checks an edit
// against its neighbours in a sorted list, against the pairwise check and
// stable sort it replaced, on random fixes of insertions and replacements.
func TestApplyFixesAgreesWithPairwise(t *testing.T) {
	pairwise := func(src []byte, diags []lint.Diagnostic) ([]byte, int) {
		var taken []lint.Edit
		applied := 0
		for _, d := range diags {
			if len(d.Fixes) == 0 {
				continue
			}
			edits := d.Fixes[0].Edits
			if slices.ContainsFunc(edits, func(e lint.Edit) bool { return !inside(e, len(src)) || overlapsAny(e, taken) }) {
				continue
			}
			taken = append(taken, edits...)
			applied++
		}
		slices.SortStableFunc(taken, editOrder)
		var out []byte
		at := 0
		for _, e := range taken {
			out = append(append(out, src[at:e.Start.Offset]...), e.NewText...)
			at = e.End.Offset
		}
		return append(out, src[at:]...), applied
	}
	r := rand.New(rand.NewPCG(1, 2))
	src := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
	for range 3000 {
		var diags []lint.Diagnostic
		for i := range r.IntN(12) {
			var edits []lint.Edit // a fix's own edits never overlap: in order, apart
			from := 0
			for range 1 + r.IntN(2) {
				start := from + r.IntN(len(src)/2)
				end := start + r.IntN(4)*r.IntN(2) // half of them insertions
				edits = append(edits, edit(start, end, fmt.Sprint(i)))
				from = end + 1
			}
			diags = append(diags, lint.Diagnostic{Fixes: []lint.Fix{{Edits: edits}}})
		}
		got, n := ApplyFixes(src, diags)
		want, m := pairwise(src, diags)
		if n == 0 {
			got = nil
		}
		if m == 0 {
			want = nil
		}
		if string(got) != string(want) || n != m {
			t.Fatalf("ApplyFixes = %q, %d; pairwise = %q, %d for %+v", got, n, want, m, diags)
		}
	}
}

// TestFixOverTheSizeLimit: when the fixes together would make the payload
// longer than MaxBytes, those that lengthen it are refused as a group at
// once, not searched for a subset that fits a validation at a time (which
// took seconds on 4 MiB of numeric ids); the others are still applied.
func TestFixOverTheSizeLimit(t *testing.T) {
	ids := make([]string, 40)
	for i := range ids {
		ids[i] = fmt.Sprint(1000 + i)
	}
	payload := "\ufeff" + `{"external_user_ids": [` + strings.Join(ids, ",") + `], "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`
	c := Config{MaxBytes: len(payload) + 10} // room for five quoted ids, not forty
	got := c.Fix(MessagesSend, []byte(payload), nil)
	if got.OverLimit != len(ids) || got.Refused != len(ids) || len(got.Refusals) != 0 {
		t.Errorf("over limit %d, refused %d, refusals %d: want %d, %d, 0", got.OverLimit, got.Refused, len(got.Refusals), len(ids), len(ids))
	}
	if got.Applied != 1 || strings.HasPrefix(string(got.Data), "\ufeff") {
		t.Errorf("applied %d (the byte order mark's removal, which shortens the payload, is safe): %q", got.Applied, got.Data[:8])
	}
	// Without the byte order mark every fix lengthens the payload: refused
	// after one validation under the cap, with its capped diagnostics.
	plain := []byte(strings.TrimPrefix(payload, "\ufeff"))
	c = Config{MaxBytes: len(plain) + 10, MaxDiagnostics: 5}
	if got := c.Fix(MessagesSend, plain, nil); got.OverLimit != len(ids) || got.Applied != 0 || len(got.Diagnostics) != 5 ||
		!reflect.DeepEqual(got.Diagnostics, c.Bytes(MessagesSend, plain)) {
		t.Errorf("every fix lengthening: over limit %d, applied %d, %d diagnostics", got.OverLimit, got.Applied, len(got.Diagnostics))
	}
	roomy := Config{MaxBytes: len(payload) + 2*len(ids)}
	if got := roomy.Fix(MessagesSend, []byte(payload), nil); got.OverLimit != 0 || got.Applied != len(ids)+1 {
		t.Errorf("with room for every fix: over limit %d, applied %d", got.OverLimit, got.Applied)
	}
}

// TestCappedAgreesWithBytes: capping a payload's uncapped diagnostics gives
// what Bytes gives under the cap, so Fix need not validate again.
func TestCappedAgreesWithBytes(t *testing.T) {
	var ids []string
	for i := range 300 {
		ids = append(ids, fmt.Sprint(1000+i), `""`)
	}
	payload := []byte(`{"external_user_ids": [` + strings.Join(ids, ",") + `], "broadcast": "yes", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}}`)
	policy, err := NewPolicy("", map[string]lint.Severity{"too-many-findings": lint.Warning})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []Config{{}, {MaxDiagnostics: 7}, {MaxDiagnostics: 1}, {MaxDiagnostics: 10, Policy: policy}} {
		all := c
		all.MaxDiagnostics = 1 << 30
		if got, want := c.capped(all.Bytes(MessagesSend, payload)), c.Bytes(MessagesSend, payload); !reflect.DeepEqual(got, want) {
			t.Errorf("max %d: capped differs from Bytes:\n%v\n%v", c.MaxDiagnostics, got[len(got)-1], want[len(want)-1])
		}
	}
}
