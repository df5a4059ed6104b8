// Package jsonnum reads JSON number literals in time linear in their length.
//
// math/big parses decimal digits in time quadratic in their count, and
// expands an exponent such as 1e999999 into a million digits: a few bytes of
// payload could cost a second. Every question the linter asks of a number
// (is it whole, how does it compare with a schema bound, is it equal to
// another) is answered here from the literal's normalized form instead.
package jsonnum

import "strings"

// Decimal is a number as Neg, Digits and Exp: the value is
// ±0.Digits × 10^Exp. Digits has neither leading nor trailing zeros, and is
// empty for zero, whose Neg is false and Exp 0. Equal numbers have equal
// Decimals.
type Decimal struct {
	Neg    bool
	Digits string
	Exp    int
}

// maxExp bounds the exponent kept: beyond it every value is compared by
// sign and order of magnitude alone, so clamping changes no answer.
const maxExp = 1 << 40

// Parse reads a JSON number literal; ok is false when s is not one.
func Parse(s string) (d Decimal, ok bool) {
	i := 0
	if i < len(s) && s[i] == '-' {
		d.Neg = true
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intPart := s[start:i]
	if intPart == "" || len(intPart) > 1 && intPart[0] == '0' {
		return Decimal{}, false
	}
	var frac string
	if i < len(s) && s[i] == '.' {
		i++
		start = i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if frac = s[start:i]; frac == "" {
			return Decimal{}, false
		}
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		negExp := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			negExp = s[i] == '-'
			i++
		}
		start = i
		for ; i < len(s) && isDigit(s[i]); i++ {
			if exp < maxExp {
				exp = exp*10 + int(s[i]-'0')
			}
		}
		if i == start {
			return Decimal{}, false
		}
		if negExp {
			exp = -exp
		}
	}
	if i != len(s) {
		return Decimal{}, false
	}
	// The value is 0.(intPart frac) × 10^(exp+len(intPart)); the digits are
	// the two parts without leading and trailing zeros.
	exp += len(intPart)
	digits := intPart + frac // allocates only with a fraction
	if frac == "" {
		digits = intPart
	}
	lead := 0
	for lead < len(digits) && digits[lead] == '0' {
		lead++
	}
	digits = strings.TrimRight(digits[lead:], "0")
	if digits == "" {
		return Decimal{}, true
	}
	d.Digits, d.Exp = digits, clamp(exp-lead)
	return d, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func clamp(e int) int { return max(-maxExp, min(maxExp, e)) }

// IsInteger reports whether d is a whole number.
func (d Decimal) IsInteger() bool { return len(d.Digits) <= d.Exp || d.Digits == "" }

// Sign is -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.Digits == "":
		return 0
	case d.Neg:
		return -1
	}
	return 1
}

// Cmp compares d with e and returns -1, 0 or +1, in time linear in the
// shorter one's digits.
func (d Decimal) Cmp(e Decimal) int {
	if s := d.Sign() - e.Sign(); s != 0 || d.Sign() == 0 {
		return max(-1, min(1, s))
	}
	if d.Neg {
		return -cmpDigits(d, e)
	}
	return cmpDigits(d, e)
}

// cmpDigits compares |a| and |b|, both non-zero.
func cmpDigits(a, b Decimal) int {
	if a.Exp != b.Exp {
		if a.Exp > b.Exp {
			return 1
		}
		return -1
	}
	for i := 0; i < len(a.Digits) || i < len(b.Digits); i++ {
		switch {
		case i >= len(a.Digits):
			return -1
		case i >= len(b.Digits):
			return 1
		case a.Digits[i] != b.Digits[i]:
			if a.Digits[i] > b.Digits[i] {
				return 1
			}
			return -1
		}
	}
	return 0
}

// Integer returns the decimal digits of d when it is a whole number of at
// most maxDigits digits ("-" first when negative); ok is false for any other
// number.
func (d Decimal) Integer(maxDigits int) (digits string, ok bool) {
	if !d.IsInteger() || d.Exp > maxDigits {
		return "", false
	}
	if d.Digits == "" {
		return "0", true
	}
	var b strings.Builder
	b.Grow(d.Exp + 1)
	if d.Neg {
		b.WriteByte('-')
	}
	b.WriteString(d.Digits)
	for range d.Exp - len(d.Digits) {
		b.WriteByte('0')
	}
	return b.String(), true
}
