package lint

// Position is a place in the payload. Line and Column are 1-based; Column counts
// Unicode code points, so it matches what an editor shows. Offset is the 0-based
// byte offset.
type Position struct {
	Offset int
	Line   int
	Column int
}

// Diagnostic is one finding, located in the payload bytes. End is exclusive: it is
// the position just after the last byte of the offending member or value.
type Diagnostic struct {
	Rule     string
	Severity Severity
	// Pointer is the RFC 6901 JSON pointer of the offending member ("" is the
	// whole payload).
	Pointer string
	Start   Position
	End     Position
	// Message says what is wrong and how to fix it. It never quotes values from
	// the payload, which carry personal data.
	Message string
	// Related are the other locations a conflict involves, e.g. the first
	// occurrence of a duplicate key.
	Related []Related
}

// Related is a secondary location of a diagnostic.
type Related struct {
	Pointer string
	Start   Position
	End     Position
	Message string
}
