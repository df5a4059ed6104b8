package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/brazelint/brazelint/internal/tape"
)

// TestValueReadsAsTheTree checks the Value API against what a decoded tree
// holds: the last of repeated names, members in order, elements of small
// and large arrays, and escaped strings.
func TestValueReadsAsTheTree(t *testing.T) {
	elems := make([]string, 40)
	for i := range elems {
		elems[i] = fmt.Sprint(i)
	}
	doc := decode(t, `{"a": 1, "b": "x\u00e9\n", "a": [`+strings.Join(elems, ",")+`], "c": {"d": null}, "e": true}`)
	root := doc.Root()
	if got := root.Len(); got != 4 {
		t.Errorf("Len %d, want 4 (a repeated name counts once)", got)
	}
	a := root.Get("a")
	if !a.IsArray() || a.Len() != 40 {
		t.Fatalf("a is %s of %d, want the last a, an array of 40", a.Kind(), a.Len())
	}
	for _, i := range []int{0, 17, 39} {
		if n, _ := a.Index(i).Number(); n != fmt.Sprint(i) {
			t.Errorf("a[%d] = %q", i, n)
		}
	}
	if a.Index(40).Exists() || a.Index(-1).Exists() {
		t.Error("an index out of range exists")
	}
	if s, _ := root.Get("b").Str(); s != "xé\n" {
		t.Errorf("b = %q", s)
	}
	if v := root.Get("c").Get("d"); !v.Exists() || !v.IsNull() {
		t.Errorf("c.d is %s, want null", v.Kind())
	}
	if root.Get("c").Get("x").Exists() || root.Get("b").Get("x").Exists() {
		t.Error("a member of a missing member, or of a string, exists")
	}
	var names []string
	for name := range root.Members() {
		names = append(names, name)
	}
	if got := strings.Join(names, ","); got != "b,a,c,e" {
		t.Errorf("members %s, want b,a,c,e (the last a, in its place)", got)
	}
	if !root.Get("e").IsTrue() || root.Get("e").IsFalse() {
		t.Error("e is not true")
	}
}

// TestTrimBoundsWhatADocKeeps: a payload with many templates and a long
// escaped string leaves a Doc that Trim brings back to a typical payload's
// memory, so a pool of Docs does not pin a large payload's.
func TestTrimBoundsWhatADocKeeps(t *testing.T) {
	bodies := make([]string, 1000)
	for i := range bodies {
		bodies[i] = fmt.Sprintf(`"k%d": "{{${first_name} | default: 'x'}}"`, i)
	}
	long := strings.Repeat(`\n{{a}}`, 20000)
	doc := decode(t, `{"external_user_ids": ["u"], "messages": {"email": {"body": "`+long+`", "extras": {`+strings.Join(bodies, ", ")+`}}}}`)
	Run(Rules, MessagesSend, doc, time.Time{}, func(Finding) {})
	if len(doc.pass.parsed) < 1000 || cap(doc.text) < 40000 {
		t.Fatalf("the payload kept %d templates and %d bytes of text: it no longer exercises Trim", len(doc.pass.parsed), cap(doc.text))
	}
	doc.Trim()
	kept := 0
	for _, tp := range doc.pass.parsed {
		kept += tp.Capacity()
	}
	if len(doc.pass.parsed) > maxKept/16 || kept > maxKept*maxKept/16 || cap(doc.text) > 16*maxKept {
		t.Errorf("after Trim: %d templates of %d capacity, %d bytes of text", len(doc.pass.parsed), kept, cap(doc.text))
	}
}

// TestGetFindsEveryName checks member lookups through the name filter: every
// name of an object is found and names it lacks are not, whatever bits they
// pick, in small objects (read in turn), large ones (indexed) and with
// escaped names (which pass the filter whatever they spell).
func TestGetFindsEveryName(t *testing.T) {
	var names []string
	for i := range 300 {
		names = append(names, fmt.Sprintf("n%s_%d%c", strings.Repeat("m", i%7), i, 'a'+i%26))
	}
	for _, size := range []int{1, 5, 16, 17, 150} {
		for _, escaped := range []bool{false, true} {
			var b strings.Builder
			b.WriteString("{")
			for i, n := range names[:size] {
				if i > 0 {
					b.WriteString(",")
				}
				if escaped && i == size/2 {
					fmt.Fprintf(&b, `"\u006e%s": %d`, n[1:], i) // every name starts with n
					continue
				}
				fmt.Fprintf(&b, "%q: %d", n, i)
			}
			b.WriteString("}")
			root := decode(t, b.String()).Root()
			for i, n := range names {
				got, ok := root.Get(n).Number()
				if i < size && (!ok || got != fmt.Sprint(i)) {
					t.Errorf("%d members, escaped %v: Get(%q) = %q, %v; want %d", size, escaped, n, got, ok, i)
				}
				if i >= size && ok {
					t.Errorf("%d members, escaped %v: Get(%q) found %q, want absent", size, escaped, n, got)
				}
			}
		}
	}
}

// TestRemovedMessagesReadAsAbsent checks that the root members a Doc looks
// up once a payload are looked up again when a member is removed, and for
// the next payload.
func TestRemovedMessagesReadAsAbsent(t *testing.T) {
	var tp tape.Tape
	if err := tp.Scan([]byte(`{"messages": {"sms": {}}, "recipients": [{}]}`), 0, 100); err != nil {
		t.Fatal(err)
	}
	doc := NewDoc(&tp)
	if _, ok := message(doc.Root(), "sms"); !ok {
		t.Fatal("messages.sms not found")
	}
	_, key, _ := tp.Member(0, "messages")
	doc.Remove(key)
	if _, ok := message(doc.Root(), "sms"); ok {
		t.Error("messages.sms found after messages was removed")
	}
	if err := tp.Scan([]byte(`{"recipients": [{}, {}], "messages": {"email": {}}}`), 0, 100); err != nil {
		t.Fatal(err)
	}
	doc.Reset(&tp)
	if _, ok := message(doc.Root(), "email"); !ok {
		t.Error("the next payload's messages.email not found")
	}
	n := 0
	for range recipients(doc.Root()) {
		n++
	}
	if n != 2 {
		t.Errorf("the next payload has %d recipients, want 2", n)
	}
}

func TestKeySpan(t *testing.T) {
	src := []byte(`{"a": {"b\u0063": [1, {"d": null}]}, "e": 2}`)
	var tp tape.Tape
	if err := tp.Scan(src, 0, 100); err != nil {
		t.Fatal(err)
	}
	root := NewDoc(&tp).Root()
	list := root.Get("a").Get("bc")
	tests := []struct {
		name string
		v    Value
		want string // the span's bytes; "" for none
	}{
		{"member", root.Get("e"), `"e"`},
		{"escaped name", list, `"b\u0063"`},
		{"member of an element", list.Index(1).Get("d"), `"d"`},
		{"element", list.Index(0), ""},
		{"root", root, ""},
		{"missing", root.Get("nope"), ""},
	}
	for _, tt := range tests {
		start, end, ok := tt.v.KeySpan()
		got := ""
		if ok {
			got = string(src[start:end])
		}
		if got != tt.want {
			t.Errorf("%s: KeySpan gives %q, want %q", tt.name, got, tt.want)
		}
	}
}
