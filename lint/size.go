package lint

// Measures of the payload's bytes, for the size rules: Braze measures the
// bytes it receives, so these read the JSON text as written.

// compactLen is the length of v's JSON text with the white space outside
// strings left out: v written as compact JSON, escapes and number spellings
// as the payload has them. An absent value measures 0.
func compactLen(v Value) int {
	raw := v.Raw()
	if !v.IsObject() && !v.IsArray() {
		return len(raw)
	}
	n := len(raw)
	inString := false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case inString:
			switch c {
			case '\\':
				i++ // the escaped byte cannot end the string
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			n--
		}
	}
	return n
}

// compactOver returns v's compact length and whether it is over limit. The
// white space is counted out only when the text as written is over it: a
// size rule reads every payload, and few are near a limit.
func compactOver(v Value, limit int) (n int, over bool) {
	if len(v.Raw()) <= limit {
		return 0, false
	}
	n = compactLen(v)
	return n, n > limit
}

// memberLen is the compact length of the member whose value is v, as
// Members or Get returned it: its name as written, the colon and its value.
func memberLen(v Value) int {
	return len(Value{v.d, v.i - 1}.Raw()) + 1 + compactLen(v)
}
