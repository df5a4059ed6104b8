package lint

import (
	"strconv"
	"unicode/utf8"
)

var PreheaderLength = &Rule{
	ID: "preheader-length", severity: Info,
	Title:     "an email preheader is outside the recommended 50-100 characters",
	Doc:       `Braze recommends a preheader of 50 to 100 characters: shorter ones leave room for body text in the inbox preview, longer ones are cut.`,
	Spec:      []string{"OBJ-EMAIL-9", "INC-35"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		e, _ := message(p.Root, "email")
		if s, ok := e.Get("preheader").Str(); ok && !hasLiquid(s) {
			if n := utf8.RuneCountInString(s); n < 50 || n > 100 {
				p.Report(ValueAt(Pointer("messages", "email", "preheader")), "messages.email.preheader is "+strconv.Itoa(n)+" characters long: 50 to 100 is recommended")
			}
		}
	},
}
