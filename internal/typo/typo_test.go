package typo

import (
	"strings"
	"testing"
)

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

// TestEditDistanceRows checks the three-row distance against the whole table
// it replaced.
func TestEditDistanceRows(t *testing.T) {
	table := func(a, b string) int {
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
				if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
					d[i][j] = min(d[i][j], d[i-2][j-2]+1)
				}
			}
		}
		return d[len(a)][len(b)]
	}
	words := []string{"", "a", "ab", "ba", "value", "valeu", "segment_id", "segmnet_id", "external_user_ids", "external_user_id", "abcabcabc", "cbacbacba"}
	// And every word of up to five letters over a small alphabet, where
	// swaps and repeats abound.
	var grow func(w string)
	grow = func(w string) {
		words = append(words, w)
		if len(w) < 5 {
			for _, c := range "ab_" {
				grow(w + string(c))
			}
		}
	}
	grow("")
	for _, a := range words {
		for _, b := range words {
			want := table(a, b)
			for limit := range 8 {
				// Within the limit the distance; past it, anything past it.
				if got := editDistance(a, b, limit); want <= limit && got != want || want > limit && got <= limit {
					t.Errorf("editDistance(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
				}
			}
		}
	}
}

func TestClosestAllocatesNothing(t *testing.T) {
	declared := []string{"segment_id", "external_user_ids", "user_aliases", "broadcast", "messages"}
	if n := testing.AllocsPerRun(100, func() { Closest("x12345", declared) }); n != 0 {
		t.Errorf("Closest allocates %v times for a folded name, want 0", n)
	}
	if got := Closest("segmnet_id", declared); got != "segment_id" {
		t.Errorf(`Closest("segmnet_id") = %q`, got)
	}
}

// TestNormFoldsAsBefore: Norm's one pass gives what replacing the
// separators and then lowering the case gave, for ASCII, other scripts and
// invalid UTF-8 alike.
func TestNormFoldsAsBefore(t *testing.T) {
	old := strings.NewReplacer("-", "_", " ", "_")
	for _, s := range []string{"Segment-ID", "external user id", "a-B c", "ÄPFEL-Kuchen", "\xffAB-c", "K-ß", "already_folded", ""} {
		if got, want := Norm(s), strings.ToLower(old.Replace(s)); got != want {
			t.Errorf("Norm(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestMissingCharsBoundsTheDistance: the signature bound never exceeds the
// edit distance, so Closest skips no name editDistance would accept.
func TestMissingCharsBoundsTheDistance(t *testing.T) {
	words := []string{"external_user_ids", "segment_id", "send_id", "messages", "mesages", "valeu", "value",
		"apple_push", "aple_psuh", "a", "", "ab", "ba", "abc", "xyz", "trigger_properties", "trigger_propreties", "zzzz"}
	for _, a := range words {
		for _, b := range words {
			if lb, d := missingChars(charSig(a), charSig(b)), editDistance(a, b, maxSuggestLen); lb > d {
				t.Errorf("bound(%q, %q) = %d > distance %d", a, b, lb, d)
			}
		}
	}
}
