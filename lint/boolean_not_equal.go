package lint

var BooleanNotEqual = &Rule{
	ID: "boolean-not-equal", Severity: Warning,
	Title: "a boolean is compared with not_equal instead of does_not_equal",
	Doc: `Braze spells "not equal" two ways: not_equal for string and numeric attributes, does_not_equal
for boolean ones. A boolean value with not_equal suggests a boolean attribute, which does not
allow not_equal. It is a warning, not an error, because the payload does not say the
attribute's declared type.`,
	Spec: []string{"AUD-12", "AUD-14", "INC-23"},
	Check: func(p *Pass) {
		eachCustomAttribute(p.Root, func(path []any, body map[string]any, c string) {
			if _, isBool := boolean(body["value"]); c == "not_equal" && isBool {
				comparison := append(path, "comparison")
				msg := Path(comparison...) + " is not_equal, which is for string and numeric attributes, but value is a boolean: boolean attributes use does_not_equal"
				at := ValueAt(Pointer(comparison...))
				p.Report(at, msg, Note{ValueAt(Pointer(append(path, "value")...)), "the boolean value"})
			}
		})
	},
}
