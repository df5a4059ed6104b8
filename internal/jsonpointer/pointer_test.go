package jsonpointer

import (
	"slices"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	names := []any{"messages", "a/b", "~", "~1", "/~0/", "", 3, "ü"}
	p := Build(names...)
	if want := "/messages/a~1b/~0/~01/~1~00~1//3/ü"; p != want {
		t.Fatalf("Build = %q, want %q", p, want)
	}
	want := []string{"messages", "a/b", "~", "~1", "/~0/", "", "3", "ü"}
	if got := Split(p); !slices.Equal(got, want) {
		t.Errorf("Split = %q, want %q", got, want)
	}
	if got := Tokens(p); !slices.Equal(got, []string{"messages", "a~1b", "~0", "~01", "~1~00~1", "", "3", "ü"}) {
		t.Errorf("Tokens = %q", got)
	}
	for _, n := range want {
		if Unescape(Escape(n)) != n {
			t.Errorf("Unescape(Escape(%q)) = %q", n, Unescape(Escape(n)))
		}
	}
}

// ~01 is ~ then 1, not /: unescaping ~1 first (RFC 6901 section 4).
func TestUnescapeOrder(t *testing.T) {
	if got := Unescape("~01"); got != "~1" {
		t.Errorf("Unescape(~01) = %q, want ~1", got)
	}
}

func TestRootAndLast(t *testing.T) {
	if Build() != "" || Split("") != nil || Tokens("") != nil || Last("") != "" {
		t.Error("the root pointer is \"\" and has no tokens")
	}
	if got := Split("/"); !slices.Equal(got, []string{""}) {
		t.Errorf("Split(/) = %q, want the one empty name", got)
	}
	if got := Last("/messages/a~1b"); got != "a/b" {
		t.Errorf("Last = %q", got)
	}
}

func TestCheckToken(t *testing.T) {
	for _, ok := range []string{"", "a", "~0", "~1", "a~0b~1c"} {
		if err := CheckToken(ok); err != nil {
			t.Errorf("CheckToken(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"~", "a~", "~2", "~0~"} {
		if CheckToken(bad) == nil {
			t.Errorf("CheckToken(%q) = nil, want an error", bad)
		}
	}
}

func TestEscapeDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Escape("external_user_ids"); _ = Unescape("messages") }); n != 0 {
		t.Errorf("%v allocations for names without ~ or /", n)
	}
}

func TestAppendEscapedAgreesWithEscape(t *testing.T) {
	for _, name := range []string{"", "a", "a/b", "~", "~1/~0", "é/~"} {
		if got := string(AppendEscaped([]byte("x"), name)); got != "x"+Escape(name) {
			t.Errorf("AppendEscaped(%q) = %q, want %q", name, got, "x"+Escape(name))
		}
	}
}
