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
	// Fixes are repairs whose result is certain; most diagnostics have none.
	Fixes []Fix
}

// Fix is a repair of a diagnostic whose result is certain, in the manner of
// golang.org/x/tools/go/analysis.SuggestedFix: a message and edits of the
// payload bytes, which do not overlap. A fix only moves quotes and brackets or
// writes a literal the schema names, so its NewText holds no personal data.
type Fix struct {
	Message string
	Edits   []Edit
}

// Edit replaces the bytes from Start to End (exclusive) with NewText. When
// Start equals End it inserts.
type Edit struct {
	Start   Position
	End     Position
	NewText string
}

// Related is a secondary location of a diagnostic.
type Related struct {
	Pointer string
	Start   Position
	End     Position
	Message string
}
