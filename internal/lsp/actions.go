package lsp

import (
	"fmt"
	"math"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// wants reports whether a code action of kind is among those asked for:
// everything when only is empty, else kinds equal to or under one of them.
func wants(only []string, kind string) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(kind, o+".") {
			return true
		}
	}
	return false
}

// codeActions offers the fix of each finding in the range as a quickfix, and
// source.fixAll.brazelint: every safe fix, as `brazelint --fix` applies them.
func (s *server) codeActions(p CodeActionParams) []CodeAction {
	uri := p.TextDocument.URI
	snap, diags, ok := s.current(uri)
	if !ok || snap.large {
		return []CodeAction{}
	}
	t := snap.text
	actions := []CodeAction{}
	if wants(p.Context.Only, KindQuickFix) {
		start, end := t.offset(p.Range.Start), t.offset(p.Range.End)
		for _, d := range diags {
			if len(d.Fixes) == 0 || d.End.Offset < start || d.Start.Offset > end {
				continue
			}
			pd := s.toProtocol(uri, t, []lint.Diagnostic{d})
			for i, f := range d.Fixes {
				edits := make([]TextEdit, 0, len(f.Edits))
				for _, e := range f.Edits {
					edits = append(edits, TextEdit{Range: t.rangeOf(e.Start.Offset, e.End.Offset), NewText: e.NewText})
				}
				actions = append(actions, CodeAction{
					Title:       f.Message + " (" + d.Rule + ")",
					Kind:        KindQuickFix,
					Diagnostics: pd,
					IsPreferred: i == 0,
					Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{uri: edits}},
				})
			}
		}
	}
	if wants(p.Context.Only, KindFixAll) {
		if a, ok := s.fixAll(uri, snap); ok {
			actions = append(actions, a)
		}
	}
	return actions
}

// fixAll is the action applying every fix validate's Fix accepts: the rounds
// and refusals of the command's --fix, judged against every finding rather
// than the first MaxDiagnostics (as the command does).
func (s *server) fixAll(uri string, snap snapshot) (CodeAction, bool) {
	limits, ep := s.configs.settings(snap.path)
	limits.MaxDiagnostics = math.MaxInt
	src := snap.text.data
	fixed := limits.Fix(ep, src, nil)
	if fixed.Applied == 0 {
		return CodeAction{}, false
	}
	// One edit spanning what changed: the common start and end stay.
	out := fixed.Data
	pre := 0
	for pre < len(src) && pre < len(out) && src[pre] == out[pre] {
		pre++
	}
	suf := 0
	for suf < len(src)-pre && suf < len(out)-pre && src[len(src)-1-suf] == out[len(out)-1-suf] {
		suf++
	}
	// Keep the edit on character boundaries.
	for pre > 0 && pre < len(src) && src[pre]&0xC0 == 0x80 {
		pre--
	}
	for suf > 0 && len(src)-suf < len(src) && src[len(src)-suf]&0xC0 == 0x80 {
		suf--
	}
	edit := TextEdit{Range: snap.text.rangeOf(pre, len(src)-suf), NewText: string(out[pre : len(out)-suf])}
	title := fmt.Sprintf("Fix all brazelint findings that have a safe fix (%d)", fixed.Applied)
	if fixed.Refused > 0 {
		title += fmt.Sprintf("; %d refused", fixed.Refused)
	}
	return CodeAction{
		Title: title,
		Kind:  KindFixAll,
		Edit:  &WorkspaceEdit{Changes: map[string][]TextEdit{uri: {edit}}},
	}, true
}
