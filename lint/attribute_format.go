package lint

var AttributeFormat = &Rule{
	ID: "attribute-format", severity: Warning,
	Title: "a profile field is not in the form Braze expects",
	Doc: `Some profile fields in a recipient's attributes take codes or a recommended form:

- country: an ISO-3166-1 alpha-2 code such as US. Braze maps other values best-effort ("Australia"
  may become AU) and sets the country to NULL when that fails (ATTR-9).
- language: an ISO-639-1 code such as en (ATTR-9).
- phone: E.164 is recommended: + and the country code, then the digits only, e.g. +14155550100
  (ATTR-10).
- time_zone: an IANA time-zone name such as America/New_York; Braze does not set other values
  (ATTR-11). The Rails names the docs' own example uses, such as Eastern Time (US & Canada), are
  accepted too.

Each is a warning: Braze still takes the request. The code lists are built into brazelint (ISO
lists of iso-codes 4.15, tzdata 2025c), so the verdict does not depend on the machine. Values
holding Liquid are left alone, since Braze renders them first.`,
	Spec:      []string{"ATTR-9", "ATTR-10", "ATTR-11"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		objects := p.attributeObjects()
		for o := range objects {
			for _, f := range attributeFormats {
				s, isString := objects[o].field(f.field).Str()
				if !isString || hasLiquid(s) || f.ok(s) {
					continue
				}
				at := attributePath(objects[o].recipient, builtinAttributes[f.field])
				p.Report(ValueAt(Pointer(at...)), Path(at...)+" "+f.fix)
			}
		}
	},
}

// attributeFormats are the profile fields with a form, in the order checked:
// the index of the field in builtinAttributes, whether a value is in the
// form, and the advice when it is not.
var attributeFormats = []struct {
	field int
	ok    func(string) bool
	fix   string
}{
	{mustBuiltin("country"), func(s string) bool { return countryCodes()[s] },
		"is not an ISO-3166-1 alpha-2 code: write the two upper-case letters, e.g. US; Braze sets the country to null when it cannot map a value"},
	{mustBuiltin("language"), func(s string) bool { return languageCodes()[s] },
		"is not an ISO-639-1 code: write the two lower-case letters, e.g. en"},
	{mustBuiltin("phone"), isE164,
		"is not in E.164 form: write + and the country code, then the digits only, e.g. +14155550100"},
	{mustBuiltin("time_zone"), func(s string) bool { return timeZoneNames()[s] },
		"is not an IANA time-zone name: write one such as America/New_York, since Braze does not set other values"},
}

// isE164 reports whether s is an E.164 number: +, a country code not
// starting with 0, at most 15 digits in all.
func isE164(s string) bool {
	if len(s) < 3 || len(s) > 16 || s[0] != '+' || s[1] < '1' || s[1] > '9' {
		return false
	}
	for i := 2; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
