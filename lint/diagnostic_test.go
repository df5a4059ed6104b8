package lint

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestDiagnosticJSON pins the one JSON shape of a diagnostic, which
// `brazelint --format json` and `brazelint serve` both print, and reads it
// back.
func TestDiagnosticJSON(t *testing.T) {
	d := Diagnostic{Rule: "type-mismatch", Severity: Error, Pointer: "/a~1b",
		Start: Position{Offset: 4, Line: 2, Column: 3}, End: Position{Offset: 10, Line: 2, Column: 9},
		Message: "m",
		Related: []Related{{Pointer: "/c", Start: Position{1, 1, 2}, End: Position{3, 1, 4}, Message: "r"}},
		Fixes:   []Fix{{Message: "f", Edits: []Edit{{Start: Position{4, 2, 3}, End: Position{4, 2, 3}, NewText: "["}}}}}
	got, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"line":2,"column":3,"endLine":2,"endColumn":9,"offset":4,"endOffset":10,"pointer":"/a~1b",` +
		`"rule":"type-mismatch","severity":"error","message":"m",` +
		`"related":[{"line":1,"column":2,"endLine":1,"endColumn":4,"offset":1,"endOffset":3,"pointer":"/c","message":"r"}],` +
		`"fixes":[{"message":"f","edits":[{"line":2,"column":3,"endLine":2,"endColumn":3,"offset":4,"endOffset":4,"newText":"["}]}]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	var back Diagnostic
	if err := json.Unmarshal(got, &back); err != nil || !reflect.DeepEqual(back, d) {
		t.Errorf("read back %+v (%v), want %+v", back, err, d)
	}

	// Without related locations and fixes those members are left out.
	d.Related, d.Fixes = nil, nil
	got, _ = json.Marshal(d)
	if want := `{"line":2,"column":3,"endLine":2,"endColumn":9,"offset":4,"endOffset":10,"pointer":"/a~1b","rule":"type-mismatch","severity":"error","message":"m"}`; string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if err := json.Unmarshal([]byte(`{"severity":"fatal"}`), &back); err == nil {
		t.Error("an unknown severity was read without an error")
	}
}
