// Package typo finds the name a misspelt one most likely meant, for
// validate's messages and the command's unknown rule ids.
package typo

import (
	"math/bits"
	"strings"
	"unicode"

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
	p := Norm(prop)
	pSig := charSig(p)
	best, bestDist := "", 0
	var suffixed []string
	for _, d := range declared {
		nd := Norm(d)
		if nd == p {
			return d
		}
		if p != "" && len(nd) > len(p) && nd[len(nd)-len(p)-1] == '_' && strings.HasSuffix(nd, p) {
			suffixed = append(suffixed, d)
		}
		limit := max(1, min(len(d), len(prop))/3)
		if abs(len(nd)-len(p)) > limit || len(nd) > maxSuggestLen {
			continue // the distance is at least the difference in length
		}
		if negates(p, nd) {
			continue // unsubscribed is not a typo of subscribed
		}
		if missingChars(pSig, charSig(nd)) > limit {
			continue // each character one name lacks costs an edit: far
		}
		if dist := editDistance(p, nd, limit); dist <= limit && (best == "" || dist < bestDist) {
			best, bestDist = d, dist
		}
	}
	if best == "" && len(suffixed) == 1 {
		return suffixed[0]
	}
	return best
}

func abs(n int) int { return max(n, -n) }

// charSig has bit c%64 set for each byte c of s.
func charSig(s string) uint64 {
	var sig uint64
	for i := 0; i < len(s); i++ {
		sig |= 1 << (s[i] & 63)
	}
	return sig
}

// missingChars is a lower bound of the edit distance between two names of
// signatures a and b: a byte of one whose bit the other lacks is in no
// position of the other, so each such bit costs an edit of its own
// (a swap moves bytes, it changes no set).
func missingChars(a, b uint64) int {
	return max(bits.OnesCount64(a&^b), bits.OnesCount64(b&^a))
}

// Norm folds the slips Closest forgives: case, and - or space for _. A name
// already folded, as declared names are, is returned as it is.
func Norm(s string) string {
	folded := true
	for i := 0; i < len(s) && folded; i++ {
		c := s[i]
		folded = c != '-' && c != ' ' && (c < 'A' || c > 'Z')
	}
	if folded {
		return s
	}
	// strings.ToLower(separators.Replace(s)), in one pass and allocation.
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return unicode.ToLower(r)
	}, s)
}

// maxSuggestLen bounds the names Closest compares: editDistance costs the
// product of the lengths.
const maxSuggestLen = 64

// negates reports whether a and b differ by a negation, so that suggesting
// one for the other would flip the meaning.
func negates(a, b string) bool {
	for _, pair := range [][2]string{{a, b}, {b, a}} {
		long, short := pair[0], pair[1]
		if len(long) <= len(short) {
			continue
		}
		if strings.HasSuffix(long, short) {
			switch long[:len(long)-len(short)] {
			case "un", "not_", "non_", "no_", "does_not_", "is_not_":
				return true
			}
		}
		if strings.HasPrefix(long, short) && long[len(short):] == "_not" {
			return true
		}
	}
	return false
}

// editDistance is the optimal string alignment distance between a and b, at
// most maxSuggestLen bytes long each, in bytes: insertions, deletions,
// substitutions and swaps of adjacent bytes (valeu for value) each cost one.
// Past limit it stops, returning limit+1: Closest asks only whether a name
// is near, and most names are far, which shows in the first rows.
func editDistance(a, b string, limit int) int {
	// Three rows of the table: the two before the one being filled. Bytes
	// suffice, as no distance passes maxSuggestLen, and are cheap to clear.
	var rows [3][maxSuggestLen + 1]uint8
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(i)
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			var cost uint8 = 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		// A swap reaches back two rows, so the distance can be no less
		// than the smaller minimum of the last two.
		if i > 1 && int(min(rowMin, minOf(prev))) > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
}

func minOf(row []uint8) uint8 {
	m := row[0]
	for _, v := range row[1:] {
		m = min(m, v)
	}
	return m
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
