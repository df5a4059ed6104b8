package schema

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDateTimeShapedAdmitsEveryParse: the shape check that spares a failed
// time.Parse its error never refuses a string one of the layouts reads,
// over valid datetimes with characters changed, dropped and added.
func TestDateTimeShapedAdmitsEveryParse(t *testing.T) {
	seeds := []string{"2019-07-22T13:17:55+00:00", "2019-07-22T13:17:55+0000", "2019-07-22T13:17:55Z",
		"2019-07-22T3:17:55Z", "2019-07-22T13:17:55.123-07:00", "2019-07-22T1:17:55,5Z"}
	alphabet := "0123456789-+:TZ.,z t"
	r := rand.New(rand.NewPCG(1, 2))
	parsed := 0
	for range 200000 {
		b := []byte(seeds[r.IntN(len(seeds))])
		for range 1 + r.IntN(3) {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[i] = alphabet[r.IntN(len(alphabet))]
			case 1:
				b = append(b[:i], b[i+1:]...)
			case 2:
				b = append(b[:i], append([]byte{alphabet[r.IntN(len(alphabet))]}, b[i:]...)...)
			}
		}
		s := string(b)
		for _, layout := range dateTimeLayouts {
			if _, err := time.Parse(layout, s); err == nil {
				parsed++
				if !dateTimeShaped(s) {
					t.Fatalf("%q parses as %s, but is refused by its shape", s, layout)
				}
			}
		}
	}
	if parsed < 1000 {
		t.Fatalf("only %d strings parsed: the test reaches too few", parsed)
	}
	for _, s := range []string{"2019-07-22 13:17:55+00:00", "2019-07-22T13:17:55", "22/07/2019", "tomorrow"} {
		if dateTimeShaped(s) {
			t.Errorf("%q is shaped like a datetime", s)
		}
	}
}
