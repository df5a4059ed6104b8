package lint

import (
	"strings"
	"unicode/utf8"
)

var AttributeNameCase = &Rule{
	ID: "attribute-name-case", severity: Warning,
	Title: "an attribute name differs from a profile field only in case",
	Doc: `Braze profile field names are case-sensitive and lower case (ATTR-2). A member such as
First_Name or EMAIL is not the profile field: Braze stores it as a custom attribute of that name,
and the profile field stays unchanged. Write the field's name in lower case. The diagnostic points
at the member's name.`,
	Spec:      []string{"ATTR-1", "ATTR-2"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		for _, m := range p.attributeMembers() {
			if m.builtin >= 0 {
				continue
			}
			if b := foldedBuiltin(m.name); b != "" {
				attr := m.customAttribute
				p.Report(KeyAt(Pointer(attr.at()...)),
					Path(attr.at()...)+" is not the profile field "+b+": field names are lower case, so Braze stores this as a custom attribute; write "+b)
			}
		}
	},
}

// foldedBuiltin returns the first built-in attribute name equal to name
// under Unicode case folding, or "". An ASCII name can only equal the names
// of its own length; another may be folded to a shorter or longer one (the
// Kelvin sign folds to k), so it is compared with every name.
func foldedBuiltin(name string) string {
	ascii := true
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if len(name) >= len(builtinsByLen) {
			return ""
		}
		for _, i := range builtinsByLen[len(name)] {
			if strings.EqualFold(name, builtinAttributes[i]) {
				return builtinAttributes[i]
			}
		}
		return ""
	}
	for _, b := range builtinAttributes {
		if strings.EqualFold(name, b) {
			return b
		}
	}
	return ""
}
