package lsp

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/brazelint/brazelint/lint/liquid"
)

// complete offers, at the position: inside a string after ${ or {{, the
// Liquid attributes and namespaces Braze documents; where a member name
// goes, the members the schemas declare there (required ones first); where
// a value goes, the enum values.
func (s *server) complete(p TextDocumentPositionParams) CompletionList {
	list := CompletionList{Items: []CompletionItem{}}
	snap, _, ok := s.current(p.TextDocument.URI)
	if !ok || tooLargeToRead(snap) {
		return list
	}
	t := snap.text
	off := t.offset(p.Position)
	cur := locate(t.data, off, true)
	if cur.role == roleNone {
		return list
	}
	if cur.inString && cur.role == roleValue {
		if list.Items = liquidItems(t, t.data[cur.start+1:off], off); len(list.Items) > 0 {
			return list
		}
	}
	root, known := decodeDocument(t.data)
	roots := rootSchemas(s.endpointOf(snap))
	switch cur.role {
	case roleKey:
		if !cur.inObject {
			return list
		}
		list.Items = s.memberItems(t, cur, off, schemasAt(roots, root, known, cur.container))
	case roleValue:
		list.Items = valueItems(t, cur, off, factsOf(schemasAt(roots, root, known, cur.pointerTokens())))
	}
	if list.Items == nil {
		list.Items = []CompletionItem{} // the protocol wants a list, never null
	}
	return list
}

// editRange is the range a completion replaces: the token at the cursor,
// or the cursor itself.
func editRange(t *text, cur cursor, off int) Range {
	if cur.start >= 0 {
		return t.rangeOf(cur.start, cur.end)
	}
	return t.rangeOf(off, off)
}

func (s *server) memberItems(t *text, cur cursor, off int, sch []subschema) []CompletionItem {
	present := slices.Clone(cur.siblings)
	if cur.start >= 0 { // the name being typed is not yet present
		if i := slices.Index(present, cur.text); i >= 0 {
			present = slices.Delete(present, i, i+1)
		}
	}
	// Is a colon already there after the name being replaced?
	colon := false
	if cur.start >= 0 {
		rest := bytes.TrimLeft(t.data[cur.end:], " \t")
		colon = len(rest) > 0 && rest[0] == ':'
	}
	rng := editRange(t, cur, off)
	var items []CompletionItem
	for _, m := range members(sch) {
		if slices.Contains(present, m.name) {
			continue
		}
		f := factsOf(m.schemas)
		name := jsonText(m.name)
		insert := snippetEscape(name)
		if !colon {
			insert += ": " + valueSnippet(f)
		}
		rank := "1"
		if m.required {
			rank = "0"
		}
		item := CompletionItem{
			Label:            m.name,
			Kind:             completionKindProperty,
			Detail:           strings.Join(f.types, " | "),
			SortText:         rank + m.name,
			FilterText:       name,
			InsertTextFormat: insertSnippet,
			TextEdit:         &TextEdit{Range: rng, NewText: insert},
			Deprecated:       m.deprecated,
		}
		if m.required {
			item.Detail = strings.TrimSpace("required " + item.Detail)
		}
		if md := f.markdown(); md != "" {
			item.Documentation = &MarkupContent{Kind: "markdown", Value: md}
		}
		items = append(items, item)
	}
	return items
}

// valueSnippet is the snippet of a member's value, in the shape the schema
// gives it.
func valueSnippet(f facts) string {
	if len(f.enum) > 0 {
		vals := make([]string, len(f.enum))
		for i, v := range f.enum {
			vals[i] = snippetChoiceEscape(jsonText(v))
		}
		return "${1|" + strings.Join(vals, ",") + "|}"
	}
	if len(f.types) != 1 {
		return "$1"
	}
	switch f.types[0] {
	case "object":
		return "{$1}"
	case "array":
		return "[$1]"
	case "string":
		return "\"$1\""
	case "boolean":
		return "${1|true,false|}"
	case "integer", "number":
		return "${1:0}"
	}
	return "$1"
}

func snippetEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `$`, `\$`, `}`, `\}`).Replace(s)
}

func snippetChoiceEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `$`, `\$`, `}`, `\}`, `,`, `\,`, `|`, `\|`).Replace(s)
}

// valueItems are the values the schemas allow where only a few are: enum
// and const values, and true and false.
func valueItems(t *text, cur cursor, off int, f facts) []CompletionItem {
	vals := slices.Clone(f.enum)
	if len(vals) == 0 && slices.Contains(f.types, "boolean") {
		vals = []any{true, false}
	}
	rng := editRange(t, cur, off)
	var items []CompletionItem
	for i, v := range vals {
		text := jsonText(v)
		items = append(items, CompletionItem{
			Label:      text,
			Kind:       completionKindEnum,
			SortText:   string(rune('a' + min(i, 25))),
			FilterText: text,
			TextEdit:   &TextEdit{Range: rng, NewText: text},
		})
	}
	return items
}

// liquidItems are the completions inside a string whose text before the
// cursor is before: after an open ${, the standard attributes; after an open
// {{, the namespaces and ${...} of the standard attributes (LIQ-12).
func liquidItems(t *text, before []byte, off int) []CompletionItem {
	items := []CompletionItem{}
	next := byte(0)
	if off < len(t.data) {
		next = t.data[off]
	}
	if i := bytes.LastIndex(before, []byte("${")); i >= 0 && !bytes.ContainsRune(before[i:], '}') {
		if i > 0 && before[i-1] == '.' {
			return items // a namespace's own names, which only the user knows
		}
		word := before[i+2:]
		if !isWord(word) {
			return items
		}
		rng := t.rangeOf(off-len(word), off)
		for _, name := range sortedKeys(liquid.StandardAttributes) {
			insert := name
			if next != '}' {
				insert += "}"
			}
			items = append(items, CompletionItem{Label: name, Kind: completionKindVariable, Detail: "standard attribute",
				FilterText: name, TextEdit: &TextEdit{Range: rng, NewText: insert}})
		}
		return items
	}
	if i := bytes.LastIndex(before, []byte("{{")); i >= 0 && !bytes.Contains(before[i:], []byte("}}")) {
		word := bytes.TrimLeft(before[i+2:], " ")
		if !isWord(word) {
			return items
		}
		rng := t.rangeOf(off-len(word), off)
		for _, ns := range sortedKeys(liquid.Namespaces) {
			items = append(items, CompletionItem{Label: ns, Kind: completionKindModule, Detail: "namespace",
				FilterText: ns, InsertTextFormat: insertSnippet, TextEdit: &TextEdit{Range: rng, NewText: ns + ".\\${$1}"}})
		}
		for _, name := range sortedKeys(liquid.StandardAttributes) {
			items = append(items, CompletionItem{Label: "${" + name + "}", Kind: completionKindVariable, Detail: "standard attribute",
				FilterText: name, InsertTextFormat: insertSnippet, TextEdit: &TextEdit{Range: rng, NewText: "\\${" + name + "}"}})
		}
	}
	return items
}

func isWord(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
