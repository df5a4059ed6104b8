package lint

import "testing"

// TestPointerMessage checks that pointerMessage builds what Pointer and
// Path do: escapes, indexes, undeclared names and all.
func TestPointerMessage(t *testing.T) {
	for _, tc := range []struct{ at, path []any }{
		{[]any{"recipients", 3, "attributes"}, []any{"recipients", 3}},
		{[]any{"recipients", 300000}, []any{"recipients", 300000}},
		{[]any{"trigger_properties", "a/b~c", 0}, []any{"trigger_properties", "a/b~c", 0}},
		{[]any{"~~~~//", ""}, []any{"", "messages", "x"}},
		{[]any{}, []any{}},
		{[]any{0, "email"}, []any{0, "email"}},
	} {
		pointer, message := pointerMessage(tc.at, tc.path, ": tail")
		if want := Pointer(tc.at...); pointer != want {
			t.Errorf("pointerMessage(%v) pointer %q, Pointer %q", tc.at, pointer, want)
		}
		if want := Path(tc.path...) + ": tail"; message != want {
			t.Errorf("pointerMessage(%v) message %q, Path %q", tc.path, message, want)
		}
	}
}

// TestRecipientMessage checks that the kept messages are what Pointer and
// Path make, whatever the order of rules, members and tails asked for, and
// that a kept one costs no allocation.
func TestRecipientMessage(t *testing.T) {
	var p Pass
	rules := []*Rule{{ID: "a"}, {ID: "b"}}
	members := []string{"", "email", "attributes"}
	tails := []string{": one", ": two"}
	for round := range 2 {
		for _, r := range rules {
			p.rule = r
			for _, m := range members {
				for _, tail := range tails {
					for _, i := range []int{0, 1, 5, maxKeptRecipients - 1, maxKeptRecipients, 300} {
						at := []any{"recipients", i}
						if m != "" {
							at = append(at, m)
						}
						pointer, message := p.recipientMessage(i, m, tail)
						if want := Pointer(at...); pointer != want {
							t.Errorf("round %d, rule %s: pointer %q, want %q", round, r.ID, pointer, want)
						}
						if want := Path("recipients", i) + tail; message != want {
							t.Errorf("round %d, rule %s: message %q, want %q", round, r.ID, message, want)
						}
					}
				}
			}
		}
	}
	p.rule = rules[0]
	if n := testing.AllocsPerRun(100, func() { p.recipientMessage(3, "", ": one") }); n != 0 {
		t.Errorf("a kept message costs %v allocations", n)
	}
}
