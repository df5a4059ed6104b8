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
