package lint

import "strconv"

var TemplateVariableIndex = &Rule{
	ID: "template-variable-index", severity: Error,
	Title: "a WhatsApp template variable is not named by its index",
	Doc: `header_variables, body_variables and button_variables map the zero-based index of a template
variable, written as a string ("0", "1", ...), to its text. Any other name matches no variable.`,
	Spec:      []string{"OBJ-WA-3", "OBJ-WA-4"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.whats_app"},
	Check: func(p *Pass) {
		_, msg, _ := whatsAppMessage(p.Root)
		for _, part := range []string{"header_variables", "body_variables", "button_variables"} {
			for k := range msg.Get(part).Members() {
				if n, err := strconv.Atoi(k); err != nil || n < 0 || strconv.Itoa(n) != k {
					at := []any{"messages", "whats_app", "message", part, k}
					p.Report(KeyAt(Pointer(at...)), Path(at...)+" is not a variable index: name it by the variable's zero-based position, such as \"0\"")
				}
			}
		}
	},
}
