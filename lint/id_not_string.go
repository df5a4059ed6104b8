package lint

var IDNotString = &Rule{
	ID: "id-not-string", Severity: Warning,
	Title: "an external user id is written as a number",
	Doc: `External user ids are strings. Braze accepts a JSON number and converts it (recorded exchanges
with the real API answered 201), but ids above 2^53 lose digits in many JSON clients and leading
zeros vanish, so the message may go to someone else. Quote the id. (A number that is not an
integer is a type-mismatch error instead.)`,
	Spec: []string{"INC-36", "MS-14", "REC-10"},
	Check: func(p *Pass) {
		switch p.Endpoint {
		case MessagesSend:
			ids, _ := array(p.Root["external_user_ids"])
			for i, v := range ids {
				if _, ok := integer(v); ok {
					ptr := Pointer("external_user_ids", i)
					p.ReportFix(ValueAt(ptr), Path("external_user_ids", i)+" is a number: quote it as a string so no digits are lost", quoteID(ptr))
				}
			}
		case CampaignsTriggerSend:
			for i, r := range recipients(p.Root) {
				if _, ok := integer(r["external_user_id"]); ok {
					ptr := Pointer("recipients", i, "external_user_id")
					p.ReportFix(ValueAt(ptr), Path("recipients", i, "external_user_id")+" is a number: quote it as a string so no digits are lost", quoteID(ptr))
				}
			}
		}
	},
}

// quoteID puts quotes around the number's digits: the id as written is the
// id meant, whatever a JSON client would have made of the number.
func quoteID(pointer string) Repair { return Wrap("quote the id", pointer, `"`, `"`) }
