// Package typo finds the name a misspelt one most likely meant, for
// validate's messages and the command's unknown rule ids.
package typo

import (
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// Closest returns the declared name nearest to prop when it is near enough to
// be a likely typo, or "": a case or separator slip, a small edit distance,
// or the only declared name that ends in _prop (name for
// custom_attribute_name). The suggestion behind unknown members and values,
// and behind unknown rule ids in the command.
func Closest(prop string, declared []string) string {
	if len(prop) > maxSuggestLen {
		return "" // no typo is that long, and hostile input must stay cheap
	}
	norm := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(s)) }
	best, bestDist := "", 0
	var suffixed []string
	for _, d := range declared {
		if norm(d) == norm(prop) {
			return d
		}
		if prop != "" && strings.HasSuffix(norm(d), "_"+norm(prop)) {
			suffixed = append(suffixed, d)
		}
		if negates(norm(prop), norm(d)) {
			continue // unsubscribed is not a typo of subscribed
		}
		dist := editDistance(norm(prop), norm(d))
		if limit := max(1, min(len(d), len(prop))/3); dist <= limit && (best == "" || dist < bestDist) {
			best, bestDist = d, dist
		}
	}
	if best == "" && len(suffixed) == 1 {
		return suffixed[0]
	}
	return best
}

// maxSuggestLen bounds the names Closest compares: editDistance costs the
// product of the lengths.
const maxSuggestLen = 64

// negates reports whether a and b differ by a negation, so that suggesting
// one for the other would flip the meaning.
func negates(a, b string) bool {
	for _, pair := range [][2]string{{a, b}, {b, a}} {
		long, short := pair[0], pair[1]
		for _, neg := range []string{"un", "not_", "non_", "no_", "does_not_", "is_not_"} {
			if long == neg+short {
				return true
			}
		}
		if long == short+"_not" {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance between a and b, in
// bytes: insertions, deletions, substitutions and swaps of adjacent bytes
// (valeu for value) each cost one.
func editDistance(a, b string) int {
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

// ClosestRule is the id of the rule nearest to id, for "did you mean"; ""
// when none is near.
func ClosestRule(id string) string {
	ids := make([]string, len(lint.Rules))
	for i, r := range lint.Rules {
		ids[i] = r.ID
	}
	return Closest(id, ids)
}
