package lint

import "strings"

var AttributeNameCase = &Rule{
	ID: "attribute-name-case", severity: Warning,
	Title: "an attribute name differs from a profile field only in case",
	Doc: `Braze profile field names are case-sensitive and lower case (ATTR-2). A member such as
First_Name or EMAIL is not the profile field: Braze stores it as a custom attribute of that name,
and the profile field stays unchanged. Write the field's name in lower case. The diagnostic points
at the member's name.`,
	Spec:      []string{"ATTR-1", "ATTR-2"},
	Endpoints: attributed,
	Check: func(p *Pass) {
		for attr := range customAttributes(p.Root) {
			for _, b := range builtinAttributes {
				if strings.EqualFold(attr.name, b) {
					p.Report(KeyAt(Pointer(attr.at()...)),
						Path(attr.at()...)+" is not the profile field "+b+": field names are lower case, so Braze stores this as a custom attribute; write "+b)
					break
				}
			}
		}
	},
}
