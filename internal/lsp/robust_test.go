package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func nextLog(t *testing.T, c *testClient) LogMessageParams {
	t.Helper()
	select {
	case l := <-c.logs:
		return l
	case <-time.After(20 * time.Second):
		t.Fatal("no log message")
	}
	return LogMessageParams{}
}

// Messages no client should send are logged and skipped: the server reads
// on and answers the next one.
func TestMalformedMessages(t *testing.T) {
	c := startServer(t, Options{MaxMessage: 1 << 10})
	bodies := []string{
		`{oops "Bearer abc-secret"`, // not JSON, quoting what must not be logged
		`{}`,                        // JSON, not JSON-RPC
		`[1, 2, 3]`,                 // a batch of nothing
		strings.Repeat(" ", 4000),   // larger than the limit
	}
	for _, b := range bodies {
		if _, err := fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(b), b); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Fprint(c.raw, "\r\n") // a stray line between messages
	for i := range 4 {
		l := nextLog(t, c)
		if l.Type != 1 || strings.Contains(l.Message, "oops") || strings.Contains(l.Message, "Bearer") {
			t.Errorf("log %d: %+v", i, l)
		}
	}
	// Still serving: initialize is answered, and a request before it is
	// refused as the protocol says.
	var res any
	if err := c.conn.Call(t.Context(), "textDocument/hover", map[string]any{}, &res); err == nil || !strings.Contains(err.Error(), "not initialized") {
		t.Errorf("hover before initialize: %v", err)
	}
	c.initialize(nil)
	if err := c.conn.Call(t.Context(), "no/suchMethod", map[string]any{}, &res); err == nil {
		t.Error("an unknown method was answered without an error")
	}
	// Params of the wrong shape are an error, not a crash.
	if err := c.conn.Call(t.Context(), "textDocument/hover", []int{1}, &res); err == nil {
		t.Error("hover with an array for params was answered without an error")
	}
	c.shutdown()
}

// A header line with no end is not buffered without bound: the connection
// ends, and Serve returns an error.
func TestEndlessHeader(t *testing.T) {
	c := startServer(t, Options{})
	go fmt.Fprint(c.raw, "Content-Length: "+strings.Repeat("9", 1<<20))
	select {
	case err := <-c.served:
		if err == nil {
			t.Error("Serve returned nil")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve is still reading the header")
	}
}

// An 8 MiB document is twice what validate parses: it gets input-too-large,
// edits to it are applied, hover and completion answer at once, and memory
// stays within a few copies of it.
func TestHugeDocument(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "huge.json"))
	c := startServer(t, Options{})
	c.initialize(nil, dir)

	huge := `{"messages": {"email": {"body": "` + strings.Repeat("é", 4<<20) + `"}}}`
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: huge}})
	pub := c.nextDiagnostics(uri)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Code != "input-too-large" {
		t.Fatalf("diagnostics of a huge document: %+v", pub.Diagnostics)
	}
	// The finding starts at validate's limit, on the document's one line:
	// 4 MiB into the text, the 2-byte é are UTF-16 units one each.
	prefix := len(`{"messages": {"email": {"body": "`)
	if got, want := pub.Diagnostics[0].Range.Start, (Position{0, prefix + (4<<20-prefix)/2}); got != want {
		t.Errorf("input-too-large starts at %+v, want %+v", got, want)
	}

	// Shrink it below the limit with an incremental change.
	start := Position{0, prefix}
	end := Position{0, prefix + 4<<20 - 1}
	c.notify("textDocument/didChange", DidChangeParams{TextDocument: struct {
		URI     string `json:"uri"`
		Version int    `json:"version"`
	}{uri, 2}, ContentChanges: []ContentChange{{Range: &Range{start, end}, Text: ""}}})
	pub = c.nextDiagnostics(uri)
	for _, d := range pub.Diagnostics {
		if d.Code == "input-too-large" || strings.HasPrefix(d.Code, "json-") {
			t.Errorf("after shrinking: %+v", d)
		}
	}

	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Errorf("the heap grew by %d MiB for an 8 MiB document", grown>>20)
	}
	c.shutdown()
}

// A document that grows past what the server keeps is dropped, reported as
// too large, and taken up again when the client sends its whole text.
func TestDocumentGrowsPastLimit(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "a.json"))
	c := startServer(t, Options{MaxMessage: 64 << 10})
	c.initialize(nil, dir)
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: `{"messages": {}}`}})
	c.nextDiagnostics(uri)
	change := func(version int, ch ContentChange) PublishDiagnosticsParams {
		c.notify("textDocument/didChange", DidChangeParams{TextDocument: struct {
			URI     string `json:"uri"`
			Version int    `json:"version"`
		}{uri, version}, ContentChanges: []ContentChange{ch}})
		return c.nextDiagnostics(uri)
	}
	big := strings.Repeat(" ", 60<<10)
	for v := 2; v <= 3; v++ {
		change(v, ContentChange{Range: &Range{Position{0, 1}, Position{0, 1}}, Text: big})
	}
	pub := change(4, ContentChange{Range: &Range{Position{0, 1}, Position{0, 1}}, Text: "x"})
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Code != "input-too-large" {
		t.Errorf("grown past the limit: %+v", pub.Diagnostics)
	}
	pub = change(5, ContentChange{Text: `{"broadcast": "true", "messages": {}}`})
	if findDiag(pub.Diagnostics, "input-too-large") != nil || findDiag(pub.Diagnostics, "type-mismatch") == nil {
		t.Errorf("after the whole text again: %+v", pub.Diagnostics)
	}
	c.shutdown()
}

// Exit without shutdown is an error, as the protocol's exit status 1.
func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(nil)
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		if err == nil {
			t.Error("Serve returned nil after exit without shutdown")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Serve did not return")
	}
}

// The folder's config applies: its policy and endpoints; its errors are
// diagnostics on the config file, re-read on didChangeWatchedFiles.
func TestWorkspaceConfig(t *testing.T) {
	dir := workspace(t, map[string]string{
		".brazelint.yaml": "endpoints:\n  - paths: [\"campaigns/**\"]\n    endpoint: campaigns/trigger/send\nrules:\n  type-mismatch: warning\n",
	})
	os.Mkdir(filepath.Join(dir, "campaigns"), 0o700)
	cfgURI := pathToURI(filepath.Join(dir, ".brazelint.yaml"))
	uri := pathToURI(filepath.Join(dir, "campaigns", "a.json"))
	c := startServer(t, Options{})
	c.initialize(nil, dir)
	// messages is not a member of /campaigns/trigger/send: the config's
	// endpoint, not detection, decides.
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1,
		Text: `{"campaign_id": "c", "broadcast": "true", "messages": {}}`}})
	pub := c.nextDiagnostics(uri)
	if d := findDiag(pub.Diagnostics, "type-mismatch"); d == nil || d.Severity != SeverityWarning {
		t.Errorf("type-mismatch under the config's policy: %+v", d)
	}
	if findDiag(pub.Diagnostics, "wrong-endpoint-member") == nil && findDiag(pub.Diagnostics, "unknown-member") == nil {
		t.Errorf("messages on /campaigns/trigger/send is not reported: %+v", pub.Diagnostics)
	}

	// A broken config: its error on the config file.
	os.WriteFile(filepath.Join(dir, ".brazelint.yaml"), []byte("rules:\n  no-such-rule: error\n"), 0o600)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": cfgURI, "type": 2}}})
	cfg := c.nextDiagnostics(cfgURI)
	if len(cfg.Diagnostics) == 0 || cfg.Diagnostics[0].Range.Start.Line != 1 || cfg.Diagnostics[0].Severity != SeverityError {
		t.Errorf("config error: %+v", cfg.Diagnostics)
	}
	pub = c.nextDiagnostics(uri) // linted again, without the config
	if d := findDiag(pub.Diagnostics, "type-mismatch"); d == nil || d.Severity != SeverityError {
		t.Errorf("type-mismatch without a usable config: %+v", d)
	}

	// Mended: the config's diagnostics are cleared.
	os.WriteFile(filepath.Join(dir, ".brazelint.yaml"), []byte("rules:\n  type-mismatch: info\n"), 0o600)
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": cfgURI, "type": 2}}})
	if cfg = c.nextDiagnostics(cfgURI); len(cfg.Diagnostics) != 0 {
		t.Errorf("config diagnostics after the fix: %+v", cfg.Diagnostics)
	}
	pub = c.nextDiagnostics(uri)
	if d := findDiag(pub.Diagnostics, "type-mismatch"); d == nil || d.Severity != SeverityInformation {
		t.Errorf("type-mismatch under the mended config: %+v", d)
	}
	c.shutdown()
}

// With a debounce, a burst of changes is linted once, for its last version.
func TestDebounce(t *testing.T) {
	dir := workspace(t, nil)
	uri := pathToURI(filepath.Join(dir, "a.json"))
	c := startServer(t, Options{Debounce: 250 * time.Millisecond})
	c.initialize(nil, dir)
	c.notify("textDocument/didOpen", DidOpenParams{TextDocument: TextDocumentItem{URI: uri, Version: 1, Text: `{"broadcast": "true", "messages": {}}`}})
	c.nextDiagnostics(uri)
	for v := 2; v <= 6; v++ {
		c.notify("textDocument/didChange", DidChangeParams{TextDocument: struct {
			URI     string `json:"uri"`
			Version int    `json:"version"`
		}{uri, v}, ContentChanges: []ContentChange{{Range: &Range{Position{0, 0}, Position{0, 0}}, Text: " "}}})
	}
	// Answered while the lint waits: it reads the same text.
	var hover *Hover
	c.call("textDocument/hover", TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{uri}, Position: Position{0, 8}}, &hover)
	if pub := c.nextDiagnostics(uri); *pub.Version != 6 || findDiag(pub.Diagnostics, "type-mismatch").Range.Start != (Position{0, 19}) {
		t.Errorf("after a burst: version %d, %+v", *pub.Version, pub.Diagnostics)
	}
	select {
	case pub := <-c.diags:
		t.Errorf("a second publication: version %d", *pub.Version)
	case <-time.After(100 * time.Millisecond):
	}
	c.shutdown()
}
