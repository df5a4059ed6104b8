package lint

import (
	"strings"
)

var IDNotString = &Rule{
	ID: "id-not-string", severity: Warning,
	Title: "an external user id is written as a number",
	Doc: `External user ids are documented as strings, but the live API answers 201 to integer ids
("external_user_ids": [12345], "external_user_id": 12345 in recorded exchanges) and client
libraries send them: Braze reads the digits. An integer within ±(2^53−1) is an info: quote it
anyway, so the id stays exact in every client. A number beyond 2^53−1, or written with a fraction
or an exponent (1.5, 1e3), is a warning: JSON clients read such numbers as floating point and may
round them, so the id Braze sees may not be the one meant (INC-36). The fix quotes the digits as
written; a fraction or an exponent gets no fix, since which id was meant is a guess. The rule's
severity is that of its warnings; a config setting applies to all its findings. Booleans,
objects, arrays and empty strings are type-mismatch and empty-string errors; a null follows
null-member (INC-37).`,
	Spec:  []string{"INC-36", "MS-14", "REC-10"},
	needs: []string{"external_user_ids", "recipients", "recipient"},
	Check: func(p *Pass) {
		switch targeting(p.Endpoint) {
		case TargetUserLists:
			for i, v := range p.Root.Get("external_user_ids").Elements() {
				if n, ok := v.Number(); ok { // the path is built only for a finding
					reportNumericID(p, n, "external_user_ids", i)
				}
			}
		case TargetRecipients:
			for _, m := range p.recipientList() {
				if n, ok := m.id[idExternalUserID].Number(); ok {
					reportNumericID(p, n, "recipients", m.index, "external_user_id")
				}
			}
		case TargetOneRecipient:
			if n, ok := p.Root.Get("recipient").Get("external_user_id").Number(); ok {
				reportNumericID(p, n, "recipient", "external_user_id")
			}
		}
	},
}

// maxExactID is 2^53−1, the largest integer every JSON client reads exactly,
// in decimal digits.
const maxExactID = "9007199254740991"

// exactID reports whether the plain integer literal digits lies within
// ±(2^53−1). It compares digits, not values: parsing a long literal into a
// big.Int costs time quadratic in its length.
func exactID(digits string) bool {
	digits = strings.TrimPrefix(digits, "-")
	return len(digits) < len(maxExactID) || len(digits) == len(maxExactID) && digits <= maxExactID
}

// plainInteger reports whether n is an integer literal without fraction or
// exponent: -?(0|[1-9][0-9]*).
func plainInteger(n string) bool {
	n = strings.TrimPrefix(n, "-")
	if n == "" || n[0] == '0' && len(n) > 1 {
		return false
	}
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	return true
}

// reportNumericID reports n, the id at path: an info when every client
// reads it exactly, else a warning.
func reportNumericID(p *Pass, n string, path ...any) {
	ptr, name := Pointer(path...), Path(path...)
	if !plainInteger(n) {
		p.emit(Finding{Rule: p.rule, Severity: Warning, At: ValueAt(ptr),
			Message: name + " is a number with a fraction or an exponent, which JSON clients may round: write the id meant as a string"})
		return
	}
	fix := quoteID(ptr)
	if exactID(n) {
		p.emit(Finding{Rule: p.rule, Severity: Info, At: ValueAt(ptr),
			Message: name + " is a number: Braze reads the digits, but quote it as a string so every client keeps the id exact", Fix: &fix})
		return
	}
	p.emit(Finding{Rule: p.rule, Severity: Warning, At: ValueAt(ptr),
		Message: name + " is a number beyond 2^53-1, which JSON clients round: quote it as a string so no digits are lost", Fix: &fix})
}

// quoteID puts quotes around the number's digits: the id as written is the
// id meant, whatever a JSON client would have made of the number.
func quoteID(pointer string) Repair { return Wrap("quote the id", pointer, `"`, `"`) }
