package lint

import "encoding/json"

// Position is a place in the payload. Line and Column are 1-based; Column counts
// Unicode code points, so it matches what an editor shows. Offset is the 0-based
// byte offset.
type Position struct {
	Offset int `json:"offset"`
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Diagnostic is one finding, located in the payload bytes. End is exclusive: it is
// the position just after the last byte of the offending member or value.
//
// In JSON a diagnostic is one flat object, the shape `brazelint --format json`
// prints (which adds file and fingerprint) and `brazelint serve` answers:
//
//	{"line": 2, "column": 3, "endLine": 2, "endColumn": 12,
//	 "offset": 4, "endOffset": 13, "pointer": "/broadcast",
//	 "rule": "type-mismatch", "severity": "error", "message": "...",
//	 "related": [...], "fixes": [...]}
//
// Lines and columns are 1-based, offsets 0-based bytes; severity is its name;
// related and fixes are left out when empty. A related location has the
// positions, pointer and message; a fix its message and edits, each the
// positions and newText.
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
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
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

// span is the flat JSON form of a Start and End.
type span struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	Offset    int `json:"offset"`
	EndOffset int `json:"endOffset"`
}

func spanOf(start, end Position) span {
	return span{start.Line, start.Column, end.Line, end.Column, start.Offset, end.Offset}
}

func (s span) positions() (start, end Position) {
	return Position{s.Offset, s.Line, s.Column}, Position{s.EndOffset, s.EndLine, s.EndColumn}
}

// diagnosticJSON, relatedJSON and editJSON are the JSON forms, in the order
// their members are written.
type diagnosticJSON struct {
	span
	Pointer  string    `json:"pointer"`
	Rule     string    `json:"rule"`
	Severity Severity  `json:"severity"`
	Message  string    `json:"message"`
	Related  []Related `json:"related,omitempty"`
	Fixes    []Fix     `json:"fixes,omitempty"`
}

type relatedJSON struct {
	span
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

type editJSON struct {
	span
	NewText string `json:"newText"`
}

// MarshalJSON writes the flat form described at Diagnostic.
func (d Diagnostic) MarshalJSON() ([]byte, error) {
	return json.Marshal(diagnosticJSON{spanOf(d.Start, d.End), d.Pointer, d.Rule, d.Severity, d.Message, d.Related, d.Fixes})
}

// UnmarshalJSON reads the flat form described at Diagnostic.
func (d *Diagnostic) UnmarshalJSON(data []byte) error {
	var j diagnosticJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	start, end := j.positions()
	*d = Diagnostic{Rule: j.Rule, Severity: j.Severity, Pointer: j.Pointer, Start: start, End: end,
		Message: j.Message, Related: j.Related, Fixes: j.Fixes}
	return nil
}

func (r Related) MarshalJSON() ([]byte, error) {
	return json.Marshal(relatedJSON{spanOf(r.Start, r.End), r.Pointer, r.Message})
}

func (r *Related) UnmarshalJSON(data []byte) error {
	var j relatedJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	start, end := j.positions()
	*r = Related{Pointer: j.Pointer, Start: start, End: end, Message: j.Message}
	return nil
}

func (e Edit) MarshalJSON() ([]byte, error) {
	return json.Marshal(editJSON{spanOf(e.Start, e.End), e.NewText})
}

func (e *Edit) UnmarshalJSON(data []byte) error {
	var j editJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	start, end := j.positions()
	*e = Edit{Start: start, End: end, NewText: j.NewText}
	return nil
}
