package jsonnum

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

var literals = []string{
	"0", "-0", "0.0", "0e5", "1", "-1", "10", "1e1", "100e-1", "0.5", "-0.5", "5e-1",
	"2", "2.0", "-2", "3", "1.5", "1e3", "1000", "1000.000", "123.456e2", "12345.6",
	"9007199254740991", "9007199254740992", "2419200", "2419201", "1E+2", "1e-2", "0.01",
	"1e400", "-1e400", "1e-400", "-1e-400", "7e0", "0.000001e6",
}

// Against math/big on every pair of literals: the same signs, wholeness,
// order and integer digits.
func TestAgreesWithBig(t *testing.T) {
	for _, a := range literals {
		da, ok := Parse(a)
		ra, _ := new(big.Rat).SetString(a)
		if !ok {
			t.Fatalf("Parse(%s) failed", a)
		}
		if da.Sign() != ra.Sign() || da.IsInteger() != ra.IsInt() {
			t.Errorf("%s: sign %d integer %v, big says %d %v", a, da.Sign(), da.IsInteger(), ra.Sign(), ra.IsInt())
		}
		if got, ok := da.Integer(1000); ok != ra.IsInt() || ok && got != ra.Num().String() {
			t.Errorf("%s: Integer = %q %v, big says %s", a, got, ok, ra.Num())
		}
		for _, b := range literals {
			db, _ := Parse(b)
			rb, _ := new(big.Rat).SetString(b)
			if got, want := da.Cmp(db), ra.Cmp(rb); got != want {
				t.Errorf("Cmp(%s, %s) = %d, big says %d", a, b, got, want)
			}
			if (da == db) != (ra.Cmp(rb) == 0) {
				t.Errorf("%s and %s: equal Decimals %v, big says %d", a, b, da == db, ra.Cmp(rb))
			}
		}
	}
}

func TestRejectsNonJSON(t *testing.T) {
	for _, s := range []string{"", "-", "01", "1.", ".5", "1e", "1e+", "+1", "1x", "0x10", "1_000", "NaN", "--1"} {
		if _, ok := Parse(s); ok {
			t.Errorf("Parse(%q) accepted it", s)
		}
	}
}

// A literal of a million digits, or with a huge exponent, costs little.
func TestLongLiteralsAreCheap(t *testing.T) {
	long := "1" + strings.Repeat("7", 1<<20)
	start := time.Now()
	for _, s := range []string{long, long + ".5", "0." + long, long + "e999999999999999999999", "1e-99999999999999999999999"} {
		d, ok := Parse(s)
		if !ok {
			t.Fatalf("Parse failed on a %d-byte literal", len(s))
		}
		d.IsInteger()
		d.Cmp(Decimal{Digits: "2", Exp: 1})
		d.Integer(64)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("five long literals took %v", d)
	}
	if d, _ := Parse("1e999999999999999999999"); d.Exp != maxExp {
		t.Errorf("the exponent is not clamped: %d", d.Exp)
	}
}
