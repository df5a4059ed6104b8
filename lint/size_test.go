package lint

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestCompactLen checks the size measure against encoding/json's Compact,
// which drops the same white space and keeps escapes as written.
func TestCompactLen(t *testing.T) {
	for _, src := range []string{
		`{}`, `{"a": []}`, `{"a": [ 1, 2.5e3 , "x\"y\\z\n\t  ", null, true, false ]}`,
		"{\n\t\"é\" : \"😀 ünïcødé\",\r\n \"ctl\": \"\\u0001 \\\" \\\\\",\"nested\":{ \"k\" : [ {} , [ ] ] } }",
		`{"s": "a \\", "t": " \\\\ "}`,
	} {
		var want bytes.Buffer
		if err := json.Compact(&want, []byte(src)); err != nil {
			t.Fatal(err)
		}
		root := decode(t, src).Root()
		if got := compactLen(root); got != want.Len() {
			t.Errorf("compactLen(%s) = %d, want %d", src, got, want.Len())
		}
		for _, v := range root.Members() {
			var w bytes.Buffer
			if err := json.Compact(&w, v.Raw()); err != nil {
				t.Fatal(err)
			}
			if got := compactLen(v); got != w.Len() {
				t.Errorf("compactLen(%s) = %d, want %d", v.Raw(), got, w.Len())
			}
		}
	}
	if got := compactLen(Value{}); got != 0 {
		t.Errorf("compactLen of an absent value = %d, want 0", got)
	}
}

// TestMemberLen checks that a member measures its name as written, the
// colon and its compact value.
func TestMemberLen(t *testing.T) {
	root := decode(t, `{ "a\u0062" :  [1, 2] , "c":"d" }`).Root()
	for name, want := range map[string]int{"ab": len(`"a\u0062":[1,2]`), "c": len(`"c":"d"`)} {
		if got := memberLen(root.Get(name)); got != want {
			t.Errorf("memberLen(%s) = %d, want %d", name, got, want)
		}
	}
}

// TestCompactOver checks the limit at each side of the compact length, for
// a value whose text as written is longer.
func TestCompactOver(t *testing.T) {
	v := decode(t, `{"a": [ 1 , 2 ]}`).Root().Get("a") // compact: [1,2], 5 bytes
	for limit, want := range map[int]bool{3: true, 4: true, 5: false, 6: false, 9: false, 20: false} {
		n, over := compactOver(v, limit)
		if over != want || over && n != 5 {
			t.Errorf("compactOver(%s, %d) = %d, %v; want over %v (5 bytes)", v.Raw(), limit, n, over, want)
		}
	}
}
