package lsp

import (
	"context"
	"net/url"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/brazelint/brazelint/config"
	"github.com/brazelint/brazelint/validate"
)

// configs are the .brazelint.yaml files of the workspace folders: each
// folder's is the one config.Find finds from it, as the command finds one
// from its working directory. A document outside every folder gets the one
// found from its own directory. They are read once and again after
// workspace/didChangeWatchedFiles reports a change to one.
type configs struct {
	mu      sync.Mutex
	watch   bool                 // the client registers file watchers on request
	folders []string             // directories of the workspace folders
	byDir   map[string]*cfgEntry // by the directory the search starts from
	// shown are the config files whose errors are published, by URI, and
	// whether they still have errors.
	shown map[string]bool
}

type cfgEntry struct {
	cfg  *config.Config
	file string // the config file found, "" for none
	err  error
}

func newConfigs() *configs {
	return &configs{byDir: map[string]*cfgEntry{}, shown: map[string]bool{}}
}

func (c *configs) addFolder(uri string) {
	if dir := uriToPath(uri); dir != "" {
		c.mu.Lock()
		c.folders = append(c.folders, dir)
		c.mu.Unlock()
	}
}

func (c *configs) removeFolder(uri string) {
	dir := uriToPath(uri)
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, f := range c.folders {
		if f == dir {
			c.folders = append(c.folders[:i], c.folders[i+1:]...)
			break
		}
	}
	delete(c.byDir, dir)
}

// forDocument is the config of the document at path ("" for one that is
// not a file, which gets none).
func (c *configs) forDocument(path string) *cfgEntry {
	if path == "" {
		return &cfgEntry{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	dir := filepath.Dir(path)
	for _, f := range c.folders {
		if (dir == f || strings.HasPrefix(dir, f+string(filepath.Separator))) && len(f) > 0 {
			dir = f
			break
		}
	}
	if e, ok := c.byDir[dir]; ok {
		return e
	}
	e := &cfgEntry{}
	e.file, e.err = config.Find(dir)
	if e.err == nil && e.file != "" {
		e.cfg, e.err = config.Load(e.file)
	}
	c.byDir[dir] = e
	return e
}

// settings are the validation settings and the endpoint of the document at
// path: its config's policy, and the endpoint the config's endpoints name
// for it, else detection.
func (c *configs) settings(path string) (validate.Config, validate.Endpoint) {
	e := c.forDocument(path)
	limits := validate.Config{Policy: e.cfg.Policy()}
	ep := validate.Auto
	if path != "" {
		limits = limits.ForPath(path)
		if named, ok := e.cfg.Endpoint(path); ok {
			ep = named
		}
	}
	return limits, ep
}

// isConfigFile reports whether path is named like a config file.
func isConfigFile(path string) bool {
	base := filepath.Base(path)
	for _, n := range config.Names {
		if base == n {
			return true
		}
	}
	return false
}

// reload forgets every config read, so the next use reads them again.
func (c *configs) reload() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.byDir)
}

// errorReports are the diagnostics of the configs' errors, by config file
// URI, including empty lists for files whose errors are gone; messages are
// errors that name no config file.
func (c *configs) errorReports() (byURI map[string][]Diagnostic, messages []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	byURI = map[string][]Diagnostic{}
	seen := map[error]bool{}
	for _, e := range c.byDir {
		if e.err == nil || seen[e.err] {
			continue
		}
		seen[e.err] = true
		if e.file == "" {
			messages = append(messages, e.err.Error())
			continue
		}
		uri := pathToURI(e.file)
		byURI[uri] = append(byURI[uri], configDiagnostics(e.file, e.err)...)
	}
	for uri := range c.shown {
		if _, ok := byURI[uri]; !ok {
			byURI[uri] = []Diagnostic{} // clear what was shown
			delete(c.shown, uri)
		}
	}
	for uri := range byURI {
		if len(byURI[uri]) > 0 {
			c.shown[uri] = true
		}
	}
	return byURI, messages
}

// configDiagnostics locates the lines of a config error: config reports
// each problem on a line of its own, file:line:col: or file:line:, in
// 1-based lines and columns of code points. A problem it gives no place is
// put on the first line. Columns are taken as characters: config files are
// in practice ASCII where problems are.
func configDiagnostics(file string, err error) []Diagnostic {
	var out []Diagnostic
	prefix := filepath.ToSlash(file) + ":"
	for _, line := range strings.Split(err.Error(), "\n") {
		if line == "" {
			continue
		}
		d := Diagnostic{Severity: SeverityError, Source: "brazelint", Message: line, Code: "config"}
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			l, c := 1, 1
			parts := strings.SplitN(rest, ":", 3)
			if n, err := strconv.Atoi(parts[0]); err == nil && len(parts) >= 2 {
				l, rest = n, strings.Join(parts[1:], ":")
				if n, err := strconv.Atoi(parts[1]); err == nil && len(parts) == 3 {
					c, rest = n, parts[2]
				}
			}
			d.Message = strings.TrimSpace(rest)
			d.Range = Range{Position{l - 1, c - 1}, Position{l - 1, c - 1 + 1}}
		}
		out = append(out, d)
	}
	return out
}

// publishConfigErrors publishes the diagnostics of the configs' errors, and
// shows the errors that name no config file.
func (s *server) publishConfigErrors(ctx context.Context) {
	byURI, messages := s.configs.errorReports()
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	for uri, diags := range byURI {
		s.conn.Notify(ctx, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: uri, Diagnostics: diags})
	}
	for _, m := range messages {
		s.conn.Notify(ctx, "window/showMessage", LogMessageParams{Type: 1, Message: "brazelint: " + m})
	}
}

// registerWatchers asks the client to report changes to config files, when
// it can register watchers; clients that cannot are expected to send them
// anyway (the VS Code extension does).
func (s *server) registerWatchers(ctx context.Context) {
	s.configs.mu.Lock()
	watch := s.configs.watch
	s.configs.mu.Unlock()
	if !watch {
		return
	}
	params := map[string]any{"registrations": []any{map[string]any{
		"id": "brazelint-config", "method": "workspace/didChangeWatchedFiles",
		"registerOptions": map[string]any{"watchers": []any{map[string]any{"globPattern": "**/.brazelint.{yaml,yml}"}}},
	}}}
	// Not waited for: the answer comes through the connection this
	// handler is holding up.
	go s.conn.Call(context.Background(), "client/registerCapability", params, nil)
}

func (s *server) didChangeWatchedFiles(ctx context.Context, p DidChangeWatchedFilesParams) {
	changed := false
	for _, c := range p.Changes {
		if isConfigFile(uriToPath(c.URI)) {
			changed = true
		}
	}
	if changed {
		s.reconfigure(ctx)
	}
}

func (s *server) didChangeFolders(ctx context.Context, p DidChangeWorkspaceFoldersParams) {
	for _, f := range p.Event.Removed {
		s.configs.removeFolder(f.URI)
	}
	for _, f := range p.Event.Added {
		s.configs.addFolder(f.URI)
	}
	s.reconfigure(ctx)
}

// reconfigure reads the configs again and lints every open document anew.
func (s *server) reconfigure(ctx context.Context) {
	s.configs.reload()
	s.mu.Lock()
	docs := make([]*document, 0, len(s.docs))
	for _, d := range s.docs {
		d.gen++
		docs = append(docs, d)
	}
	s.mu.Unlock()
	for _, d := range docs {
		s.configs.forDocument(d.path)
	}
	s.publishConfigErrors(ctx)
	for _, d := range docs {
		if !isConfigFile(d.path) {
			s.schedule(ctx, d)
		}
	}
}

// uriToPath is the file path of a file: URI, "" for any other.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// pathToURI is the file: URI of an absolute path.
func pathToURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
