package lsp

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/brazelint/brazelint/validate"
)

// brokenPayload has a fixable finding (badge written as a string) on a line
// whose text before it holds non-ASCII letters and an emoji, which is one
// code point but two UTF-16 units and four bytes, and another fix for fix-all.
const brokenPayload = "{\n" +
	"  \"broadcast\": true,\n" +
	"  \"override_frequency_capping\": \"false\",\n" +
	"  \"messages\": {\n" +
	"    \"apple_push\": {\"alert\": \"Grüße 🎉 {{${f}}}\", \"badge\": \"3\"}\n" +
	"  }\n" +
	"}\n"

// workspace makes a workspace folder (a repository root, so no config above
// it is found) holding files.
func workspace(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o700)
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func findPointer(diags []Diagnostic, pointer string) *Diagnostic {
	for i := range diags {
		if diags[i].Data != nil && diags[i].Data.Pointer == pointer {
			return &diags[i]
		}
	}
	return nil
}

func findDiag(diags []Diagnostic, code string) *Diagnostic {
	for i := range diags {
		if diags[i].Code == code {
			return &diags[i]
		}
	}
	return nil
}

// wantRange checks that the protocol range r covers the bytes [start,end)
// of text, as an editor counts positions.
func wantRange(t *testing.T, what string, text string, r Range, start, end int, utf8Positions bool) {
	t.Helper()
	want := Range{editorPosition(text, start, utf8Positions), editorPosition(text, end, utf8Positions)}
	if r != want {
		t.Errorf("%s: range %+v, want %+v", what, r, want)
	}
}

func TestSession(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "payload.json"))
	c := startServer(t, Options{Log: os.Stderr})

	res := c.initialize([]string{"utf-16"}, dir)
	caps := res.Capabilities
	if caps.PositionEncoding != "utf-16" || caps.TextDocumentSync.Change != syncIncremental || !caps.TextDocumentSync.OpenClose ||
		!caps.HoverProvider || caps.CompletionProvider == nil || caps.CodeActionProvider == nil ||
		!slices.Contains(caps.CodeActionProvider.CodeActionKinds, KindFixAll) || res.ServerInfo.Name != "brazelint" {
		t.Fatalf("initialize: %+v", res)
	}

	// Open: diagnostics at the right UTF-16 ranges.
	text := brokenPayload
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "json", Version: 1, Text: text}})
	pub := c.nextDiagnostics(uri)
	if pub.Version == nil || *pub.Version != 1 {
		t.Errorf("published for version %v, want 1", pub.Version)
	}
	badge := findPointer(pub.Diagnostics, "/messages/apple_push/badge")
	if badge == nil || badge.Code != "type-mismatch" {
		t.Fatalf("no type-mismatch at the badge in %+v", pub.Diagnostics)
	}
	at := strings.Index(text, `"3"`)
	wantRange(t, "type-mismatch", text, badge.Range, at, at+3, false)
	// The line's 57 code points before the value are 58 UTF-16 units.
	if badge.Range.Start != (Position{4, 58}) {
		t.Errorf("type-mismatch starts at %+v, want line 4 character 58", badge.Range.Start)
	}
	if badge.Severity != SeverityError || badge.Source != "brazelint" || badge.Data == nil || badge.Data.Pointer != "/messages/apple_push/badge" ||
		badge.CodeDescription == nil || badge.CodeDescription.Href != "https://github.com/brazelint/brazelint/blob/main/docs/rules.md#type-mismatch" {
		t.Errorf("type-mismatch: %+v", badge)
	}
	if d := findDiag(pub.Diagnostics, "liquid-default"); d == nil || d.Severity != SeverityInformation {
		t.Errorf("liquid-default: %+v", d)
	}

	// Change, incrementally, in two steps of one notification: write " ü"
	// after the emoji, then repeat broadcast on line 1.
	emoji := strings.Index(text, "🎉") + len("🎉")
	first := ContentChange{Range: &Range{editorPosition(text, emoji, false), editorPosition(text, emoji, false)}, Text: " ü"}
	text = text[:emoji] + " ü" + text[emoji:]
	dup := strings.Index(text, "true") + len("true")
	second := ContentChange{Range: &Range{editorPosition(text, dup, false), editorPosition(text, dup, false)}, Text: `, "broadcast": true`}
	text = text[:dup] + `, "broadcast": true` + text[dup:]
	c.notify("textDocument/didChange", DidChangeParams{
		TextDocument: struct {
			URI     string `json:"uri"`
			Version int    `json:"version"`
		}{uri, 2},
		ContentChanges: []ContentChange{first, second},
	})
	pub = c.nextDiagnostics(uri)
	if *pub.Version != 2 {
		t.Errorf("published for version %d, want 2", *pub.Version)
	}
	badge = findPointer(pub.Diagnostics, "/messages/apple_push/badge")
	at = strings.Index(text, `"3"`)
	if badge == nil {
		t.Fatalf("no type-mismatch after the change: %+v", pub.Diagnostics)
	}
	wantRange(t, "type-mismatch after the change", text, badge.Range, at, at+3, false)
	dupDiag := findDiag(pub.Diagnostics, "json-duplicate-key")
	if dupDiag == nil || len(dupDiag.RelatedInformation) == 0 {
		t.Fatalf("json-duplicate-key with related information: %+v", pub.Diagnostics)
	}
	firstKey := strings.Index(text, `"broadcast"`)
	wantRange(t, "json-duplicate-key's related location", text, dupDiag.RelatedInformation[0].Location.Range, firstKey, firstKey+len(`"broadcast"`), false)
	if dupDiag.RelatedInformation[0].Location.URI != uri {
		t.Errorf("related location in %s", dupDiag.RelatedInformation[0].Location.URI)
	}

	// The quickfix of the badge, applied as an editor would.
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{uri}, Range: badge.Range}, &actions)
	var quick *CodeAction
	for i := range actions {
		if actions[i].Kind == KindQuickFix && len(actions[i].Diagnostics) > 0 && actions[i].Diagnostics[0].Code == "type-mismatch" {
			quick = &actions[i]
		}
	}
	if quick == nil || quick.Edit == nil || len(quick.Edit.Changes[uri]) == 0 {
		t.Fatalf("no quickfix for type-mismatch among %+v", actions)
	}
	edits := quick.Edit.Changes[uri]
	fixed := applyEdits(text, edits, false)
	if want := strings.Replace(text, `"badge": "3"`, `"badge": 3`, 1); fixed != want {
		t.Fatalf("quickfix gave\n%s\nwant\n%s", fixed, want)
	}
	var changes []ContentChange
	for _, e := range edits {
		changes = append(changes, ContentChange{Range: &e.Range, Text: e.NewText})
	}
	text = fixed
	c.notify("textDocument/didChange", DidChangeParams{TextDocument: struct {
		URI     string `json:"uri"`
		Version int    `json:"version"`
	}{uri, 3}, ContentChanges: changes})
	pub = c.nextDiagnostics(uri)
	if d := findPointer(pub.Diagnostics, "/messages/apple_push/badge"); d != nil {
		t.Errorf("the badge after its fix: %+v", d)
	}

	// Fix all: the edit gives what validate's Fix gives, as --fix writes it.
	actions = nil
	params := CodeActionParams{TextDocument: TextDocumentIdentifier{uri}}
	params.Context.Only = []string{"source.fixAll"}
	c.call("textDocument/codeAction", params, &actions)
	wantFixed := validate.Config{MaxDiagnostics: math.MaxInt}.Fix(validate.Auto, []byte(text), nil)
	if wantFixed.Applied == 0 {
		t.Fatal("the payload has no safe fix left: the test needs one")
	}
	if len(actions) != 1 || actions[0].Kind != KindFixAll {
		t.Fatalf("fix-all actions: %+v", actions)
	}
	if got := applyEdits(text, actions[0].Edit.Changes[uri], false); got != string(wantFixed.Data) {
		t.Errorf("fix all gave\n%s\nwant\n%s", got, wantFixed.Data)
	}

	// Hover on the badge's name: what the schema says; on the duplicate
	// key's finding: the rule.
	var hover *Hover
	name := strings.Index(text, `"badge"`) + 2
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri}, Position: editorPosition(text, name, false)}, &hover)
	if hover == nil || !strings.Contains(hover.Contents.Value, "/messages/apple_push/badge") || !strings.Contains(hover.Contents.Value, "type: integer") {
		t.Errorf("hover on badge: %+v", hover)
	} else {
		wantRange(t, "hover on badge", text, *hover.Range, name-2, name-2+len(`"badge"`), false)
	}
	hover = nil
	second2 := strings.LastIndex(text, `"broadcast"`) + 3
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri}, Position: editorPosition(text, second2, false)}, &hover)
	if hover == nil || !strings.Contains(hover.Contents.Value, "**json-duplicate-key**") || !strings.Contains(hover.Contents.Value, "docs/rules.md#json-duplicate-key") {
		t.Errorf("hover on the duplicate key: %+v", hover)
	}

	// Completion inside messages: the channels not yet there.
	var list CompletionList
	inMessages := strings.Index(text, `"messages": {`) + len(`"messages": {`)
	c.call("textDocument/completion", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri}, Position: editorPosition(text, inMessages, false)}, &list)
	labels := map[string]CompletionItem{}
	for _, it := range list.Items {
		labels[it.Label] = it
	}
	if _, ok := labels["apple_push"]; ok {
		t.Error("completion offers apple_push, which is there already")
	}
	email, ok := labels["email"]
	if !ok || email.TextEdit == nil || email.TextEdit.NewText != `"email": {$1}` || email.InsertTextFormat != insertSnippet {
		t.Errorf("completion in messages: email is %+v (of %d items)", email, len(list.Items))
	}
	if _, ok := labels["android_push"]; !ok {
		t.Error("completion in messages: no android_push")
	}

	// Completion of a Liquid attribute after ${ inside the alert.
	afterF := strings.Index(text, "${f") + len("${f")
	c.call("textDocument/completion", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri}, Position: editorPosition(text, afterF, false)}, &list)
	var firstName *CompletionItem
	for i := range list.Items {
		if list.Items[i].Label == "first_name" {
			firstName = &list.Items[i]
		}
	}
	if firstName == nil {
		t.Fatalf("no first_name after ${: %+v", list.Items)
	}
	wantRange(t, "first_name's edit", text, firstName.TextEdit.Range, afterF-1, afterF, false)
	if got := applyEdits(text, []TextEdit{*firstName.TextEdit}, false); !strings.Contains(got, "{{${first_name}}}") {
		t.Errorf("completing first_name gave %s", got)
	}

	// Close clears the diagnostics.
	c.notify("textDocument/didClose", DidCloseParams{TextDocument: TextDocumentIdentifier{uri}})
	if pub = c.nextDiagnostics(uri); len(pub.Diagnostics) != 0 {
		t.Errorf("after close: %+v", pub.Diagnostics)
	}
	c.shutdown()
}

// With utf-8 offered, positions count bytes.
func TestUTF8Positions(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "payload.json"))
	c := startServer(t, Options{})
	if res := c.initialize([]string{"utf-8", "utf-16"}, dir); res.Capabilities.PositionEncoding != "utf-8" {
		t.Fatalf("position encoding %q, want utf-8", res.Capabilities.PositionEncoding)
	}
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: brokenPayload}})
	badge := findPointer(c.nextDiagnostics(uri).Diagnostics, "/messages/apple_push/badge")
	at := strings.Index(brokenPayload, `"3"`)
	if badge == nil {
		t.Fatal("no type-mismatch")
	}
	wantRange(t, "type-mismatch", brokenPayload, badge.Range, at, at+3, true)
	if badge.Range.Start.Character != at-strings.LastIndex(brokenPayload[:at], "\n")-1 {
		t.Errorf("character %d is not the byte column", badge.Range.Start.Character)
	}
	c.shutdown()
}

// Completion and hover follow the schema where the payload is: a
// conditional schema is read for the payload's own message_type, enum
// values are offered inside a string, and a cursor at a name's opening
// quote inserts before it.
func TestCompletionFollowsSchema(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "p.json"))
	c := startServer(t, Options{})
	c.initialize(nil, dir)
	text := "{\n  \"recipient_subscription_state\": \"al\",\n  \"messages\": {\n" +
		"    \"whats_app\": {\"message_type\": \"template_message\", \"message\": {}},\n" +
		"    \"apple_push\": {\"alert\": \"x\"}\n  }\n}"
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: text}})
	c.nextDiagnostics(uri)
	complete := func(after string) map[string]CompletionItem {
		t.Helper()
		var list CompletionList
		c.call("textDocument/completion", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri},
			Position: editorPosition(text, strings.Index(text, after)+len(after), false)}, &list)
		items := map[string]CompletionItem{}
		for _, it := range list.Items {
			items[it.Label] = it
		}
		return items
	}

	message := complete(`"message": {`)
	if it, ok := message["template_name"]; !ok || !strings.HasPrefix(it.SortText, "0") || !strings.HasPrefix(it.Detail, "required") {
		t.Errorf("template_name in a template_message: %+v", it)
	}
	if it, ok := message["header_variables"]; !ok || strings.HasPrefix(it.SortText, "0") {
		t.Errorf("header_variables in a template_message: %+v", it)
	}
	if _, ok := message["preview_url"]; ok {
		t.Error("a template_message's message is offered a text_response_message member")
	}

	state := complete(`"recipient_subscription_state": "al`)
	all, ok := state[`"all"`]
	if !ok || len(state) != 3 {
		t.Fatalf("enum values: %v", state)
	}
	from := strings.Index(text, `"al"`)
	wantRange(t, "enum value's edit", text, all.TextEdit.Range, from, from+len(`"al"`), false)

	apple := complete(`"apple_push": {`)
	if _, ok := apple["alert"]; ok {
		t.Error("alert is offered where it is already")
	}
	if it, ok := apple["badge"]; !ok || it.TextEdit.NewText != `"badge": ${1:0}` {
		t.Errorf("badge: %+v", it)
	}
	if it, ok := apple["interruption_level"]; !ok || !strings.HasPrefix(it.TextEdit.NewText, `"interruption_level": ${1|"passive",`) {
		t.Errorf("interruption_level: %+v", it)
	}
	if _, ok := complete(`"alert": "`)["first_name"]; ok {
		t.Error("attributes offered in a string with no ${")
	}

	var hover *Hover
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri},
		Position: editorPosition(text, strings.Index(text, `"message_type"`), false)}, &hover)
	if hover == nil || !strings.Contains(hover.Contents.Value, "`/messages/whats_app/message_type`") || !strings.Contains(hover.Contents.Value, `"template_message"`) {
		t.Errorf("hover on a name's opening quote: %+v", hover)
	}
	c.shutdown()
}
