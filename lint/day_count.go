package lint

import (
	"strings"

	"github.com/brazelint/brazelint/internal/audience"
	"github.com/brazelint/brazelint/internal/jsonnum"
)

var DayCount = &Rule{
	ID: "day-count", severity: Warning,
	Title: "a number of days is negative or not whole",
	Doc: `less_than_x_days_ago, greater_than_x_days_ago, less_than_x_days_in_the_future and
greater_than_x_days_in_the_future count days, and Braze's example uses a whole number. A
negative count flips past and future, and a fraction may be truncated: write a whole number of
days of 0 or more, and pick the _ago or _in_the_future comparison for the direction.`,
	Spec:  []string{"AUD-18"},
	needs: []string{"audience"},
	Check: func(p *Pass) {
		customAttributeFilters(p.Root, 1<<audience.DaysValue, func(path []any, body Value, c string, kind audience.ValueKind) {
			n, ok := body.Get("value").Number()
			if !ok || kind != audience.DaysValue {
				return
			}
			at := append(path, "value")
			switch {
			case isNegative(n):
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" is a negative number of days: use 0 or more, and "+otherDirection(c))
			default:
				if _, whole := integerText(n); !whole {
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not a whole number of days: round it")
				}
			}
		})
	},
}

// otherDirection says how to count days the other way.
func otherDirection(c string) string {
	if strings.HasSuffix(c, "_ago") {
		return "count days ahead with the _in_the_future comparisons"
	}
	return "count days back with the _ago comparisons"
}
func isNegative(n string) bool {
	d, ok := jsonnum.Parse(n)
	return ok && d.Sign() < 0
}
