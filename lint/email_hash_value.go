package lint

var EmailHashValue = &Rule{
	ID: "email-hash-value", severity: Warning,
	Title: "an email header or extra has a value that is not a string",
	Doc: `headers maps header names to values, and extras passes key-value pairs to the email service;
both values are text. Quote numbers and booleans.`,
	Spec:      []string{"OBJ-EMAIL-10"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.email"},
	Check: func(p *Pass) {
		e, _ := message(p.Root, "email")
		for _, hash := range []string{"extras", "headers"} {
			for k, v := range e.Get(hash).Members() {
				if !v.IsString() {
					at := []any{"messages", "email", hash, k}
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not a string: "+hash+" values are text, so quote it")
				}
			}
		}
	},
}
