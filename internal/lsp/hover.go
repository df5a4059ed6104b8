package lsp

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// tooLargeToRead says whether a document is too large for hover and
// completion, which read it whole: what validate refuses to parse.
func tooLargeToRead(snap snapshot) bool {
	return snap.large || len(snap.text.data) > validate.DefaultMaxBytes
}

// endpointOf is the endpoint the schemas of a document are read for: the
// config's, else the detected one, else Auto (both).
func (s *server) endpointOf(snap snapshot) validate.Endpoint {
	_, ep := s.configs.settings(snap.path)
	if ep == validate.Auto {
		if detected, ok := validate.Detect(snap.text.data); ok {
			ep = detected
		}
	}
	return ep
}

// decodeDocument decodes the document as validate does (numbers as
// json.Number), for the conditions of the schemas; ok is false when it
// does not parse.
func decodeDocument(data []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

// hover answers with the rules of the findings at the position, and what
// the schemas say of the member or value there.
func (s *server) hover(p TextDocumentPositionParams) *Hover {
	snap, diags, ok := s.current(p.TextDocument.URI)
	if !ok {
		return nil
	}
	t := snap.text
	off := t.offset(p.Position)
	var parts []string
	var rng *Range
	var seen []string
	for _, d := range diags {
		if off < d.Start.Offset || off > d.End.Offset || slices.Contains(seen, d.Rule) {
			continue
		}
		// A finding over many lines, like one on the whole payload, is
		// shown on its first line only, not wherever the cursor is inside.
		if d.Start.Line != d.End.Line && t.lineOf(off) != t.lineOf(d.Start.Offset) {
			continue
		}
		seen = append(seen, d.Rule)
		r := lint.RuleByID(d.Rule)
		if r == nil {
			continue
		}
		parts = append(parts, "**"+r.ID+"** ("+d.Severity.String()+"): "+r.Title+"\n\n"+r.Doc+"\n\n[Documentation]("+RuleURL(r.ID)+")")
		if rng == nil {
			x := t.rangeOf(d.Start.Offset, d.End.Offset)
			rng = &x
		}
	}
	if !tooLargeToRead(snap) {
		cur := locate(t.data, off, false)
		if cur.start >= 0 && cur.role != roleNone {
			tokens := cur.pointerTokens()
			root, known := decodeDocument(t.data)
			sch := schemasAt(rootSchemas(s.endpointOf(snap)), root, known, tokens)
			if md := factsOf(sch).markdown(); md != "" {
				parts = append(parts, "`"+jsonpointer.Build(anySlice(tokens)...)+"`\n\n"+md)
				x := t.rangeOf(cur.start, cur.end)
				rng = &x
			}
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: strings.Join(parts, "\n\n---\n\n")}, Range: rng}
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}
