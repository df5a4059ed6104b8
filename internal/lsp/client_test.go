package lsp

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sourcegraph/jsonrpc2"
)

// testClient is an editor on the other end of two pipes, speaking JSON-RPC
// with sourcegraph/jsonrpc2's own connection and the base protocol's codec.
type testClient struct {
	t      testing.TB
	conn   *jsonrpc2.Conn
	raw    io.Writer // the server's standard input, for bytes no client would send
	diags  chan PublishDiagnosticsParams
	logs   chan LogMessageParams
	served chan error // what Serve returned
}

func startServer(t testing.TB, opts Options) *testClient {
	t.Helper()
	toServer, clientOut := io.Pipe()
	clientIn, fromServer := io.Pipe()
	c := &testClient{t: t, raw: clientOut, diags: make(chan PublishDiagnosticsParams, 64),
		logs: make(chan LogMessageParams, 64), served: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		c.served <- Serve(ctx, toServer, fromServer, opts)
		fromServer.Close()
	}()
	// Notifications are read in order; requests (client/registerCapability)
	// are answered on a goroutine of their own, as editors do: the server
	// may be writing to us meanwhile.
	handler := handlerFunc(func(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
		switch req.Method {
		case "textDocument/publishDiagnostics":
			var p PublishDiagnosticsParams
			json.Unmarshal(*req.Params, &p)
			c.diags <- p
		case "window/logMessage", "window/showMessage":
			var p LogMessageParams
			json.Unmarshal(*req.Params, &p)
			c.logs <- p
		}
		if !req.Notif {
			go conn.Reply(ctx, req.ID, nil)
		}
	})
	c.conn = jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipeRWC{clientIn, clientOut}, jsonrpc2.VSCodeObjectCodec{}), handler)
	t.Cleanup(func() {
		cancel()
		c.conn.Close()
		clientOut.Close()
	})
	return c
}

type handlerFunc func(context.Context, *jsonrpc2.Conn, *jsonrpc2.Request)

func (f handlerFunc) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	f(ctx, conn, req)
}

type pipeRWC struct {
	io.Reader
	io.WriteCloser
}

func (c *testClient) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// nextDiagnostics waits for the next publication for uri, skipping others.
func (c *testClient) nextDiagnostics(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				return p
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics published for %s", uri)
		}
	}
}

func (c *testClient) initialize(encodings []string, folders ...string) InitializeResult {
	c.t.Helper()
	params := map[string]any{
		"processId": nil,
		"capabilities": map[string]any{
			"general":   map[string]any{"positionEncodings": encodings},
			"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}},
		},
	}
	var wf []WorkspaceFolder
	for _, f := range folders {
		wf = append(wf, WorkspaceFolder{URI: pathToURI(f), Name: filepath.Base(f)})
	}
	params["workspaceFolders"] = wf
	var res InitializeResult
	c.call("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

func (c *testClient) shutdown() {
	c.t.Helper()
	var res any
	c.call("shutdown", nil, &res)
	if res != nil {
		c.t.Errorf("shutdown answered %v, want null", res)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.served:
		if err != nil {
			c.t.Errorf("Serve after shutdown and exit: %v", err)
		}
	case <-time.After(20 * time.Second):
		c.t.Fatal("Serve did not return after exit")
	}
}

// The editor's side of positions, written apart from the server's: a
// position's character counts UTF-16 units (or bytes) of the line's text,
// lines ending at \n (the tests use no other line end).

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// editorPosition is the position of byte offset off in text.
func editorPosition(text string, off int, utf8Positions bool) Position {
	before := text[:off]
	line := strings.Count(before, "\n")
	col := before[strings.LastIndexByte(before, '\n')+1:]
	if utf8Positions {
		return Position{line, len(col)}
	}
	return Position{line, utf16Len(col)}
}

// editorOffset is the byte offset of position p in text.
func editorOffset(text string, p Position, utf8Positions bool) int {
	off := 0
	for range p.Line {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	if utf8Positions {
		return off + p.Character
	}
	units := 0
	for units < p.Character {
		r, size := utf8.DecodeRuneInString(text[off:])
		units += len(utf16.Encode([]rune{r}))
		off += size
	}
	return off
}

// applyEdits applies non-overlapping edits to text, as an editor applies a
// workspace edit: all positions refer to the text before.
func applyEdits(text string, edits []TextEdit, utf8Positions bool) string {
	type span struct {
		start, end int
		s          string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{editorOffset(text, e.Range.Start, utf8Positions), editorOffset(text, e.Range.End, utf8Positions), e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	// From the end, so the offsets before stay.
	for i := len(spans) - 1; i >= 0; i-- {
		text = text[:spans[i].start] + spans[i].s + text[spans[i].end:]
	}
	return text
}
