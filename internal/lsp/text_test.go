package lsp

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTextPositions(t *testing.T) {
	// Lines end at \n, \r\n and \r; 🎉 is 4 bytes, 2 UTF-16 units; é 2 bytes, 1 unit.
	src := "ab\r\né🎉x\rq\n"
	tests := []struct {
		offset int
		utf16  Position
		utf8   Position
	}{
		{0, Position{0, 0}, Position{0, 0}},
		{2, Position{0, 2}, Position{0, 2}},      // at \r\n
		{4, Position{1, 0}, Position{1, 0}},      // é
		{6, Position{1, 1}, Position{1, 2}},      // 🎉
		{10, Position{1, 3}, Position{1, 6}},     // x
		{11, Position{1, 4}, Position{1, 7}},     // \r
		{12, Position{2, 0}, Position{2, 0}},     // q
		{14, Position{3, 0}, Position{3, 0}},     // the end
		{8, Position{1, 1}, Position{1, 2}},      // inside 🎉: its start
		{99, Position{3, 0}, Position{3, 0}},     // past the end
		{-1, Position{0, 0}, Position{0, 0}},     // before the start
		{5, Position{1, 0}, Position{1, 0}},      // inside é
		{13, Position{2, 1}, Position{2, 1}},     // \n
		{3, Position{0, 3}, Position{0, 3}},      // the \n of \r\n
		{1, Position{0, 1}, Position{0, 1}},      // b
		{7, Position{1, 1}, Position{1, 2}},      // inside 🎉
		{9, Position{1, 1}, Position{1, 2}},      // inside 🎉
		{14 - 1, Position{2, 1}, Position{2, 1}}, // \n
	}
	for _, enc := range []bool{false, true} {
		tx := newText([]byte(src), enc)
		for _, tt := range tests {
			want := tt.utf16
			if enc {
				want = tt.utf8
			}
			if got := tx.position(tt.offset); got != want {
				t.Errorf("utf8=%v: position(%d) = %+v, want %+v", enc, tt.offset, got, want)
			}
		}
	}
}

func TestTextOffsets(t *testing.T) {
	src := "ab\r\né🎉x\rq\n"
	tx := newText([]byte(src), false)
	tests := []struct {
		p    Position
		want int
	}{
		{Position{0, 0}, 0},
		{Position{0, 9}, 2},  // past the line's end: before its \r\n
		{Position{1, 1}, 6},  // 🎉
		{Position{1, 2}, 6},  // between 🎉's surrogates: its start
		{Position{1, 3}, 10}, // x
		{Position{2, 1}, 13},
		{Position{3, 0}, 14},
		{Position{7, 3}, 14}, // past the last line
		{Position{-1, 0}, 0},
	}
	for _, tt := range tests {
		if got := tx.offset(tt.p); got != tt.want {
			t.Errorf("offset(%+v) = %d, want %d", tt.p, got, tt.want)
		}
	}
	u := newText([]byte(src), true)
	if got := u.offset(Position{1, 3}); got != 6 { // inside 🎉's bytes: its start
		t.Errorf("utf-8 offset inside 🎉 = %d, want 6", got)
	}
}

func TestTextApply(t *testing.T) {
	tx := newText([]byte("{\n  \"a\": \"🎉\"\n}"), false)
	// Replace the emoji (2 units) with two lines.
	before := string(tx.data)
	tx2, err := tx.apply(ContentChange{Range: &Range{Position{1, 8}, Position{1, 10}}, Text: "x\ny"}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if string(tx.data) != before {
		t.Error("apply changed the text it was called on")
	}
	tx = tx2
	if got, want := string(tx.data), "{\n  \"a\": \"x\ny\"\n}"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if !slices.Equal(tx.starts, []int{0, 2, 12, 15}) {
		t.Errorf("line starts %v", tx.starts)
	}
	if _, err := tx.apply(ContentChange{Range: &Range{Position{2, 0}, Position{1, 0}}, Text: ""}, 1<<20); err == nil {
		t.Error("a range that ends before it starts was applied")
	}
	if _, err := tx.apply(ContentChange{Text: "0123456789"}, 5); err == nil {
		t.Error("a text over the limit was kept")
	}
}

func TestLocate(t *testing.T) {
	src := `{"messages": {"apple_push": {"alert": "hi", "bad` + "\n" + `}, "email": {}}, "broadcast": tr}`
	at := func(s string) int { return indexAfter(src, s) }
	tests := []struct {
		name      string
		offset    int
		role      role
		container []string
		pointer   []string
		inString  bool
		siblings  []string
	}{
		{"in a member name", at(`{"mess`), roleKey, nil, []string{"messages"}, true, []string{"messages", "broadcast"}},
		{"after an open brace", at(`"messages": {`), roleKey, []string{"messages"}, nil, false, []string{"apple_push", "email"}},
		{"in a string value", at(`"alert": "h`), roleValue, []string{"messages", "apple_push"}, []string{"messages", "apple_push", "alert"}, true, []string{"alert", "bad"}},
		{"in an unclosed name", at(`"bad`), roleKey, []string{"messages", "apple_push"}, []string{"messages", "apple_push", "bad"}, true, []string{"alert", "bad"}},
		{"in a literal", at(`"broadcast": tr`), roleValue, nil, []string{"broadcast"}, false, []string{"messages", "broadcast"}},
	}
	for _, tt := range tests {
		cur := locate([]byte(src), tt.offset, true)
		if cur.role != tt.role || !slices.Equal(cur.container, tt.container) || cur.inString != tt.inString || !slices.Equal(cur.siblings, tt.siblings) {
			t.Errorf("%s: %+v", tt.name, cur)
		}
		if tt.pointer != nil && !slices.Equal(cur.pointerTokens(), tt.pointer) {
			t.Errorf("%s: pointer %v, want %v", tt.name, cur.pointerTokens(), tt.pointer)
		}
	}
	if cur := locate([]byte(`  {}`), 1, false); cur.role != roleNone {
		t.Errorf("before the document: %+v", cur)
	}
	// Text that is not JSON is read without complaint.
	for _, junk := range []string{`}}]]`, `{"a" "b" : : , ]`, `"unclosed`, `{[{[`, ""} {
		for i := 0; i <= len(junk); i++ {
			locate([]byte(junk), i, i%2 == 0)
		}
	}
}

func indexAfter(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i + len(sub)
		}
	}
	panic("no " + sub)
}

// Positions on long lines of mixed text, counted by blocks, agree with a
// count from the line's start at every character.
func TestTextPositionsLongLines(t *testing.T) {
	var b []byte
	for i := range 700 {
		b = append(b, []string{"a", "é", "🎉", "中"}[i%4]...)
		if i%300 == 299 {
			b = append(b, "\r\n"...)
		}
	}
	src := string(b)
	tx := newText(b, false)
	for off := 0; off <= len(src); off++ {
		if off < len(src) && !utf8.RuneStart(src[off]) {
			continue
		}
		if got, want := tx.position(off), editorPosition(strings.ReplaceAll(src[:off], "\r\n", "\n"), len(strings.ReplaceAll(src[:off], "\r\n", "\n")), false); got != want {
			t.Fatalf("position(%d) = %+v, want %+v", off, got, want)
		}
	}
}
