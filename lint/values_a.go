package lint

// Value helpers of the ported attribute, attachment and audience rules.

// absentOrNull reports whether v is absent or the literal null: what a
// lookup in the decoded tree read as nil.
func absentOrNull(v Value) bool { return !v.Exists() || v.IsNull() }

// compactJSONLen is the length in bytes of v's JSON text as the payload
// writes it, less the white space outside strings: the value as compact
// JSON, with its strings, numbers and members as Braze receives them.
func compactJSONLen(v Value) int {
	raw := v.Raw()
	n, inString, escaped := 0, false, false
	for _, c := range raw {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		n++
	}
	return n
}
