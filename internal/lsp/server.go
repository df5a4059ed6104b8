// Package lsp is brazelint's Language Server Protocol 3.17 server: findings
// as diagnostics, fixes as code actions, rule and schema documentation on
// hover, and completion of member names, enum values and Liquid references,
// for payload files while they are being written.
//
// JSON-RPC is github.com/sourcegraph/jsonrpc2 with a codec of our own (see
// codec); the protocol structures are the few this server uses (protocol.go).
package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"slices"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// DefaultDebounce is how long the server waits after a change before it
// lints: a burst of keystrokes is linted once.
const DefaultDebounce = 75 * time.Millisecond

// MaxMessageBytes is the largest message the server reads; larger ones are
// skipped unread. A document larger than validate's MaxBytes is kept (up to
// this size) only to say it is too large.
const MaxMessageBytes = 32 << 20

// Options configure Serve.
type Options struct {
	// Debounce is the wait between a change and its diagnostics; 0 lints
	// at once, before the next message is read (tests use it). Negative
	// means DefaultDebounce.
	Debounce time.Duration
	// Version is the server's version, reported in initialize.
	Version string
	// Log receives protocol errors; nil discards them.
	Log io.Writer
	// MaxMessage is the largest message read, and document kept; 0 means
	// MaxMessageBytes.
	MaxMessage int
}

// Serve runs the server over in and out until the client sends exit or
// closes in. It returns nil after an exit that followed shutdown, as the
// protocol asks for exit status 0, and an error otherwise.
func Serve(ctx context.Context, in io.Reader, out io.Writer, opts Options) error {
	if opts.Debounce < 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxMessage <= 0 {
		opts.MaxMessage = MaxMessageBytes
	}
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	s := &server{
		opts:    opts,
		docs:    map[string]*document{},
		exit:    make(chan error, 1),
		ready:   make(chan struct{}),
		configs: newConfigs(),
	}
	stream := jsonrpc2.NewBufferedStream(readWriteCloser{in, out}, codec{maxBody: opts.MaxMessage})
	conn := jsonrpc2.NewConn(ctx, stream, jsonrpc2.HandlerWithError(s.handle), jsonrpc2.SetLogger(log.New(logw, "brazelint lsp: ", 0)))
	s.conn = conn
	close(s.ready)
	var err error
	select {
	case err = <-s.exit:
	case <-conn.DisconnectNotify():
		select {
		case err = <-s.exit: // exit was the last message read
		default:
			err = errors.New("the client closed the connection without exit")
		}
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.stopTimers()
	conn.Close()
	return err
}

type readWriteCloser struct {
	io.Reader
	io.Writer
}

func (readWriteCloser) Close() error { return nil }

type server struct {
	opts  Options
	conn  *jsonrpc2.Conn
	ready chan struct{} // closed once conn is set: the first message may come before
	exit  chan error

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	utf8        bool // positions count bytes (negotiated)
	docs        map[string]*document
	configs     *configs

	publishMu sync.Mutex // keeps publications of a document in order
}

// document is an open text document.
type document struct {
	uri     string
	path    string // "" when the URI is not a file
	version int
	text    *text
	gen     int // counts changes; diagnostics are published for the latest only
	timer   *time.Timer

	// tooLarge is set when the text grew past Options.MaxMessage: the server
	// then drops the text until the client sends the whole text again.
	tooLarge bool

	// The findings of the text at generation diagsGen.
	diags    []lint.Diagnostic
	diagsGen int
}

var errNotInitialized = &jsonrpc2.Error{Code: -32002, Message: "the server is not initialized"}

func (s *server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	<-s.ready
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch req.Method {
	case "initialize":
		return s.initialize(req)
	case "exit":
		var err error
		if !shutdown {
			err = errors.New("exit without shutdown")
		}
		select {
		case s.exit <- err:
		default: // a second exit
		}
		return nil, nil
	case malformedMethod:
		var p struct{ Message string }
		decode(req, &p)
		s.log(ctx, 1, p.Message)
		return nil, nil
	}
	if !initialized {
		if req.Notif {
			return nil, nil
		}
		return nil, errNotInitialized
	}
	if shutdown && req.Method != "shutdown" {
		if req.Notif {
			return nil, nil
		}
		return nil, &jsonrpc2.Error{Code: -32600, Message: "the server is shut down"}
	}
	switch req.Method {
	case "initialized":
		s.registerWatchers(ctx)
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.stopTimers()
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didOpen(ctx, p)
		return nil, nil
	case "textDocument/didChange":
		var p DidChangeParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChange(ctx, p)
		return nil, nil
	case "textDocument/didClose":
		var p DidCloseParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didClose(ctx, p.TextDocument.URI)
		return nil, nil
	case "textDocument/didSave":
		// For clients that watch no files: saving a config applies it.
		var p struct{ TextDocument TextDocumentIdentifier }
		if decode(req, &p) == nil && isConfigFile(uriToPath(p.TextDocument.URI)) {
			s.reconfigure(ctx)
		}
		return nil, nil
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChangeWatchedFiles(ctx, p)
		return nil, nil
	case "workspace/didChangeWorkspaceFolders":
		var p DidChangeWorkspaceFoldersParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		s.didChangeFolders(ctx, p)
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.codeActions(p), nil
	case "textDocument/hover":
		var p TextDocumentPositionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.hover(p), nil
	case "textDocument/completion":
		var p TextDocumentPositionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		return s.complete(p), nil
	case "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
		return nil, nil
	}
	if req.Notif {
		return nil, nil
	}
	return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
}

func decode(req *jsonrpc2.Request, v any) error {
	if req.Params == nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: "missing params"}
	}
	if err := json.Unmarshal(*req.Params, v); err != nil {
		return &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: "invalid params: " + err.Error()}
	}
	return nil
}

func (s *server) initialize(req *jsonrpc2.Request) (any, error) {
	var p InitializeParams
	if err := decode(req, &p); err != nil {
		return nil, err
	}
	var raw struct {
		Capabilities struct {
			Workspace struct {
				DidChangeWatchedFiles struct {
					DynamicRegistration bool `json:"dynamicRegistration"`
				} `json:"didChangeWatchedFiles"`
			} `json:"workspace"`
		} `json:"capabilities"`
	}
	json.Unmarshal(*req.Params, &raw)

	s.mu.Lock()
	defer s.mu.Unlock()
	if s.initialized {
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidRequest, Message: "initialize sent twice"}
	}
	s.initialized = true
	s.utf8 = slices.Contains(p.Capabilities.General.PositionEncodings, encodingUTF8)
	s.configs.watch = raw.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	folders := p.WorkspaceFolders
	if len(folders) == 0 && p.RootURI != "" {
		folders = []WorkspaceFolder{{URI: p.RootURI}}
	}
	for _, f := range folders {
		s.configs.addFolder(f.URI)
	}

	var res InitializeResult
	res.ServerInfo.Name = "brazelint"
	res.ServerInfo.Version = s.opts.Version
	res.Capabilities = ServerCapabilities{
		PositionEncoding: encodingUTF16,
		TextDocumentSync: TextDocumentSync{OpenClose: true, Change: syncIncremental, Save: true},
		HoverProvider:    true,
		CompletionProvider: &CompletionOptions{
			TriggerCharacters: []string{"\"", "{", "$"},
		},
		CodeActionProvider: &CodeActionOptions{CodeActionKinds: []string{KindQuickFix, KindFixAll}},
		Workspace:          &WorkspaceServerCap{},
	}
	res.Capabilities.Workspace.WorkspaceFolders.Supported = true
	if s.utf8 {
		res.Capabilities.PositionEncoding = encodingUTF8
	}
	return res, nil
}

// log sends window/logMessage; typ 1 is an error, 3 information.
func (s *server) log(ctx context.Context, typ int, msg string) {
	s.conn.Notify(ctx, "window/logMessage", LogMessageParams{Type: typ, Message: "brazelint: " + msg})
}

func (s *server) didOpen(ctx context.Context, p DidOpenParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		d = &document{uri: p.TextDocument.URI, path: uriToPath(p.TextDocument.URI)}
		s.docs[d.uri] = d
	}
	d.version = p.TextDocument.Version
	d.tooLarge = len(p.TextDocument.Text) > s.opts.MaxMessage
	d.text = newText([]byte(p.TextDocument.Text), s.utf8)
	if d.tooLarge {
		d.text = newText(nil, s.utf8)
	}
	d.gen++
	s.mu.Unlock()
	s.publishConfigErrors(ctx)
	if isConfigFile(d.path) {
		return // a .brazelint.yaml is not a payload
	}
	s.schedule(ctx, d)
}

func (s *server) didChange(ctx context.Context, p DidChangeParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		s.mu.Unlock()
		return
	}
	d.version = p.TextDocument.Version
	for _, c := range p.ContentChanges {
		if d.tooLarge && c.Range != nil {
			continue // nothing to apply it to until the whole text comes again
		}
		switch next, err := d.text.apply(c, s.opts.MaxMessage); {
		case err == nil:
			d.text, d.tooLarge = next, false
		case errors.Is(err, errTooLarge):
			d.tooLarge = true
			d.text = newText(nil, s.utf8)
		}
	}
	d.gen++
	s.mu.Unlock()
	if !isConfigFile(d.path) {
		s.schedule(ctx, d)
	}
}

func (s *server) didClose(ctx context.Context, uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	delete(s.docs, uri)
	if d != nil {
		d.gen++ // a pending lint publishes nothing
		if d.timer != nil {
			d.timer.Stop()
		}
	}
	s.mu.Unlock()
	if d != nil && !isConfigFile(d.path) { // a config's errors stay shown
		s.publishMu.Lock()
		s.conn.Notify(ctx, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
		s.publishMu.Unlock()
	}
}

// schedule lints d after the debounce, or at once without one.
func (s *server) schedule(ctx context.Context, d *document) {
	if s.opts.Debounce == 0 {
		s.lintAndPublish(ctx, d)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(s.opts.Debounce, func() { s.lintAndPublish(context.Background(), d) })
}

func (s *server) stopTimers() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		if d.timer != nil {
			d.timer.Stop()
		}
	}
}

// snapshot is what linting a document needs, taken under the lock: texts
// are never changed in place, so it can be read without it.
type snapshot struct {
	gen     int
	version int
	text    *text
	path    string
	large   bool
}

func (s *server) snapshot(d *document) snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return snapshot{gen: d.gen, version: d.version, text: d.text, path: d.path, large: d.tooLarge}
}

// findings lints a snapshot under its folder's config.
func (s *server) findings(snap snapshot) []lint.Diagnostic {
	limits, ep := s.configs.settings(snap.path)
	if snap.large {
		// The text was dropped: lint a stand-in of the same verdict, as
		// validate's transport does with the first bytes of a large body.
		n := limits.MaxBytes
		if n <= 0 {
			n = validate.DefaultMaxBytes
		}
		return limits.Bytes(ep, bytes.Repeat([]byte{' '}, n+1))
	}
	return limits.Bytes(ep, snap.text.data)
}

// lintAndPublish lints d and publishes its diagnostics, unless d changed
// or closed meanwhile (a later run publishes then).
func (s *server) lintAndPublish(ctx context.Context, d *document) {
	snap := s.snapshot(d)
	diags := s.findings(snap)
	s.mu.Lock()
	if d.gen != snap.gen || s.docs[d.uri] != d {
		s.mu.Unlock()
		return
	}
	d.diags, d.diagsGen = diags, snap.gen
	s.mu.Unlock()

	params := PublishDiagnosticsParams{URI: d.uri, Version: &snap.version, Diagnostics: s.toProtocol(d.uri, snap.text, diags)}
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	current := d.gen == snap.gen && s.docs[d.uri] == d
	s.mu.Unlock()
	if current {
		s.conn.Notify(ctx, "textDocument/publishDiagnostics", params)
	}
}

// current returns a document's text and its findings, linting it now when
// the published ones are not of its latest text.
func (s *server) current(uri string) (snapshot, []lint.Diagnostic, bool) {
	s.mu.Lock()
	d := s.docs[uri]
	if d == nil {
		s.mu.Unlock()
		return snapshot{}, nil, false
	}
	snap := snapshot{gen: d.gen, version: d.version, text: d.text, path: d.path, large: d.tooLarge}
	diags, fresh := d.diags, d.diagsGen == d.gen
	s.mu.Unlock()
	if !fresh {
		diags = s.findings(snap)
	}
	return snap, diags, true
}

// RuleURL is where a rule's documentation is: its section of docs/rules.md.
func RuleURL(id string) string {
	return "https://github.com/brazelint/brazelint/blob/main/docs/rules.md#" + id
}

func severity(s lint.Severity) int {
	switch s {
	case lint.Error:
		return SeverityError
	case lint.Warning:
		return SeverityWarning
	case lint.Info:
		return SeverityInformation
	}
	return SeverityHint
}

// toProtocol turns findings into protocol diagnostics.
func (s *server) toProtocol(uri string, t *text, diags []lint.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, 0, len(diags))
	for _, d := range diags {
		pd := Diagnostic{
			Range:    t.rangeOf(d.Start.Offset, d.End.Offset),
			Severity: severity(d.Severity),
			Code:     d.Rule,
			Source:   "brazelint",
			Message:  d.Message,
			Data:     &DiagnosticData{Pointer: d.Pointer},
		}
		if lint.RuleByID(d.Rule) != nil {
			pd.CodeDescription = &CodeDescription{Href: RuleURL(d.Rule)}
		}
		for _, r := range d.Related {
			pd.RelatedInformation = append(pd.RelatedInformation, DiagnosticRelatedInformation{
				Location: Location{URI: uri, Range: t.rangeOf(r.Start.Offset, r.End.Offset)},
				Message:  r.Message,
			})
		}
		out = append(out, pd)
	}
	return out
}
