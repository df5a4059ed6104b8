package typo

import "testing"

func TestClosestRule(t *testing.T) {
	for word, want := range map[string]string{
		"api-key-in-bodyy": "api-key-in-body",
		"unknown-membr":    "unknown-member",
		"Unknown_Member":   "unknown-member",
		"zzzzzz":           "",
	} {
		if got := ClosestRule(word); got != want {
			t.Errorf("ClosestRule(%q) = %q, want %q", word, got, want)
		}
	}
}
