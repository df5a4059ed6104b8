// Package config loads a .brazelint.yaml: the endpoints of files, the files
// never checked, and the rule policy (severities, or off, per rule, per path
// pattern and per JSON-pointer pattern) that validate.Config applies.
//
//	c, err := config.Load("") // the nearest .brazelint.yaml, or nil
//	limits := validate.Config{Policy: c.Policy()}
//	diags := limits.ForPath("payloads/a.json").Bytes(validate.Auto, data)
//
// Every problem in a file is reported, one per line, located file:line:col.
package config

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/brazelint/brazelint/internal/pattern"
	"github.com/brazelint/brazelint/internal/typo"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// Names are the names a config file may have, in the order discovery looks
// for them. Both in one directory is an error: neither would be obvious.
var Names = []string{".brazelint.yaml", ".brazelint.yml"}

// Config is the settings read from a .brazelint.yaml. A nil *Config is no
// config file: every method then leaves things as they are. Paths given to
// its methods are absolute or relative to the working directory at Load;
// "-" (standard input) matches no path pattern.
type Config struct {
	file string // absolute path of the config file

	// base is the directory holding the config file, which path patterns
	// are relative to, and the working directory at Load.
	base pattern.Base

	endpoints []endpointSetting // first match wins
	ignore    []pattern.Glob    // files and directories never checked
	policy    *validate.Policy

	// What the file says, as written: for PolicyWith and for the command's
	// --print-config.
	rules      map[string]lint.Severity
	overrides  []validate.Override
	ignoreText []string
}

type endpointSetting struct {
	paths    []pattern.Glob
	text     []string // the patterns as written
	endpoint lint.Endpoint
}

// MaxBytes is the largest config file Load reads. A config is a few lines;
// anything larger is a mistake, or a link to something like /dev/zero.
const MaxBytes = 1 << 20

// Load reads the config file at path, or finds the nearest .brazelint.yaml
// (see Find) from the working directory when path is empty. It returns nil,
// nil when there is none. Only a regular file (or a link to one) of at most
// MaxBytes is read.
func Load(path string) (*Config, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("cannot find the config file: %w", err)
	}
	display := filepath.ToSlash(path)
	if path == "" {
		if path, err = Find(cwd); path == "" || err != nil {
			return nil, err
		}
		display = relativeName(cwd, path)
	}
	data, err := readFile(path, display)
	if err != nil {
		return nil, err
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(cwd, path)
	}
	c := &Config{file: path, base: pattern.Base{Dir: filepath.Dir(path), Cwd: cwd}}
	if err := c.parse(display, data); err != nil {
		return nil, err
	}
	return c, nil
}

// readFile reads the config file at path, named display in messages. It
// checks the file is a regular file before opening it, since opening a FIFO
// blocks and a device never ends, and reads at most MaxBytes.
func readFile(path, display string) ([]byte, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("config file %s does not exist: check the --config path", display)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read config file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("config file %s is not a regular file (%s): point it at a YAML file", display, describeMode(info.Mode()))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config file: %w", err)
	}
	defer f.Close()
	// What was opened may not be what was checked: check again.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("config file %s is not a regular file: point it at a YAML file", display)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read config file: %w", err)
	}
	if len(data) > MaxBytes {
		return nil, fmt.Errorf("config file %s is larger than %d bytes: a config is a few lines; check what it is", display, MaxBytes)
	}
	return data, nil
}

// describeMode names the kind of a file that is not a regular file.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a plain file"
}

// File is the absolute path of the config file; "" for a nil Config.
func (c *Config) File() string {
	if c == nil {
		return ""
	}
	return c.file
}

// Policy is the rule policy of the config, for validate.Config.Policy; nil
// for a nil Config.
func (c *Config) Policy() *validate.Policy {
	if c == nil {
		return nil
	}
	return c.policy
}

// Find looks for a config file in dir and then in each directory above it.
// It stops after the repository root (the directory holding .git), so a
// checkout never picks up settings from outside it, after the user's home
// directory, or at the filesystem root. It returns "" when there is none.
//
// A config found in a directory anyone may write to (like /tmp), or one that
// anyone may write to itself, is refused with an error naming it: anyone could
// have planted it. Name such a file with --config to use it anyway.
func Find(dir string) (string, error) {
	home, _ := os.UserHomeDir()
	if home != "" {
		home = filepath.Clean(home)
	}
	for {
		var found []string
		for _, name := range Names {
			candidate := filepath.Join(dir, name)
			_, err := os.Stat(candidate)
			switch {
			case err == nil:
				found = append(found, candidate)
			case !errors.Is(err, fs.ErrNotExist):
				return "", fmt.Errorf("cannot look for a config file: %w", err)
			}
		}
		if len(found) > 1 {
			return "", fmt.Errorf("both %s and %s exist: keep one of them", relativeName(dir, found[0]), relativeName(dir, found[1]))
		}
		if len(found) == 1 {
			if err := trusted(dir, found[0]); err != nil {
				return "", err
			}
			return found[0], nil
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir || dir == home {
			return "", nil
		}
		dir = parent
	}
}

// trusted refuses a discovered config file that anyone may have written: one
// in a world-writable directory, or world-writable itself.
func trusted(dir, file string) error {
	if runtime.GOOS == "windows" {
		return nil // permission bits say nothing there
	}
	for _, p := range []string{dir, file} {
		info, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("cannot look for a config file: %w", err)
		}
		// Devices are often world-writable; Load refuses them anyway.
		if (info.IsDir() || info.Mode().IsRegular()) && info.Mode().Perm()&0o002 != 0 {
			return fmt.Errorf("config file %s was not used: %s is writable by every user, so anyone could have put it there; use it with --config %s, or run with --no-config", filepath.ToSlash(file), filepath.ToSlash(p), filepath.ToSlash(file))
		}
	}
	return nil
}

// relativeName is how messages name the file at path: relative to dir when
// it can be, with forward slashes.
func relativeName(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		path = rel
	}
	return filepath.ToSlash(path)
}

// Ignored reports whether the config ignores the file or directory at path.
func (c *Config) Ignored(path string) bool {
	if c == nil {
		return false
	}
	segments, inside := c.base.Relative(path)
	return inside && pattern.MatchAnyPath(c.ignore, segments)
}

// Endpoint is the endpoint the config names for the file at path.
func (c *Config) Endpoint(path string) (lint.Endpoint, bool) {
	if c == nil {
		return "", false
	}
	segments, inside := c.base.Relative(path)
	if !inside {
		return "", false
	}
	for _, e := range c.endpoints {
		if pattern.MatchAnyPath(e.paths, segments) {
			return e.endpoint, true
		}
	}
	return "", false
}

// parse reads the YAML text of the config named file into c. It reports every
// problem it finds, one per line, each located file:line:col.
func (c *Config) parse(file string, data []byte) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	switch err := dec.Decode(&doc); {
	case err == io.EOF:
		return nil // an empty file, or only comments: no settings
	case err != nil:
		return yamlSyntaxError(file, data, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return fmt.Errorf("%s:%d:%d: a second YAML document starts here: keep the settings in one document", file, next.Line, next.Column)
	case err != io.EOF:
		return yamlSyntaxError(file, data, err)
	}
	p := &configParser{file: file}
	rules, overrides := p.config(c, resolve(doc.Content[0]))
	if err := p.err(); err != nil {
		return err
	}
	c.rules, c.overrides = rules, overrides
	var err error
	if rules != nil || overrides != nil {
		c.policy, err = validate.NewPolicy(c.base.Dir, rules, overrides...)
	}
	return err
}

// PolicyWith is the config's policy with extra rule settings (a severity or
// validate.Off per rule id) applied after all of it, as one more override
// that matches every file and finding: the command's --enable and
// --disable, which so have the effect the same lines in the config would
// have, and win over it. With no extra settings it is Policy; a nil Config
// gives a policy of the extra settings alone.
func (c *Config) PolicyWith(extra map[string]lint.Severity) (*validate.Policy, error) {
	if len(extra) == 0 {
		return c.Policy(), nil
	}
	if c == nil {
		return validate.NewPolicy("", extra)
	}
	overrides := append(slices.Clip(c.overrides), validate.Override{Rules: extra})
	return validate.NewPolicy(c.base.Dir, c.rules, overrides...)
}

// Rules is the config's top-level rule settings (rule id to severity or
// validate.Off), as written; nil for a nil Config.
func (c *Config) Rules() map[string]lint.Severity {
	if c == nil {
		return nil
	}
	return c.rules
}

// Overrides is the config's overrides, in order, as written.
func (c *Config) Overrides() []validate.Override {
	if c == nil {
		return nil
	}
	return c.overrides
}

// EndpointSetting is one entry of the config's endpoints: the path patterns,
// as written, and the endpoint of the files they match.
type EndpointSetting struct {
	Paths    []string
	Endpoint lint.Endpoint
}

// Endpoints is the config's endpoints entries, in order (the first match
// wins).
func (c *Config) Endpoints() []EndpointSetting {
	if c == nil {
		return nil
	}
	out := make([]EndpointSetting, len(c.endpoints))
	for i, e := range c.endpoints {
		out[i] = EndpointSetting{Paths: e.text, Endpoint: e.endpoint}
	}
	return out
}

// IgnorePatterns is the config's ignore patterns, as written.
func (c *Config) IgnorePatterns() []string {
	if c == nil {
		return nil
	}
	return c.ignoreText
}

// yamlSyntaxLine is the location yaml puts in its syntax error messages.
var yamlSyntaxLine = regexp.MustCompile(`^yaml: line (\d+): `)

// yamlParserProblems are the problems yaml's parser, as opposed to its
// scanner, reports. The parser gives 0-based line numbers where the scanner
// gives 1-based ones, and both leave the line out when it is the first.
var yamlParserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// yamlSyntaxError locates a YAML syntax error at file:line. yaml gives no
// column, and its line numbers need correcting (see yamlParserProblems).
func yamlSyntaxError(file string, data []byte, err error) error {
	msg := err.Error()
	if anchor, ok := strings.CutPrefix(msg, "yaml: unknown anchor '"); ok {
		// yaml finds this after the parser's positions are gone: locate the
		// first use of the alias in the text instead.
		anchor = strings.TrimSuffix(anchor, "' referenced")
		at := max(0, bytes.Index(data, []byte("*"+anchor)))
		line := 1 + bytes.Count(data[:at], []byte("\n"))
		column := 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:at], '\n')+1:at])
		return fmt.Errorf("%s:%d:%d: unknown anchor %q: define it with &%s before using it as *%s", file, line, column, anchor, anchor, anchor)
	}
	line := 1
	if m := yamlSyntaxLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
		if slices.Contains(yamlParserProblems, msg) {
			line++
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return fmt.Errorf("%s:%d: invalid YAML: %s", file, line, msg)
}

// configParser walks the YAML nodes of a config, collecting every problem.
type configParser struct {
	file     string
	problems []configProblem
}

type configProblem struct {
	line, column int
	message      string
}

// errorf records a problem at node n.
func (p *configParser) errorf(n *yaml.Node, format string, args ...any) {
	p.problems = append(p.problems, configProblem{n.Line, n.Column, fmt.Sprintf(format, args...)})
}

// err is every problem, one per line in file order, or nil.
func (p *configParser) err() error {
	if len(p.problems) == 0 {
		return nil
	}
	slices.SortStableFunc(p.problems, func(a, b configProblem) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.column, b.column))
	})
	lines := make([]string, len(p.problems))
	for i, pr := range p.problems {
		lines[i] = fmt.Sprintf("%s:%d:%d: %s", p.file, pr.line, pr.column, pr.message)
	}
	return errors.New(strings.Join(lines, "\n"))
}

// config reads the top level of the file. Any problem makes the whole config
// unusable, so a bad entry is recorded and the walk goes on to find the next.
func (p *configParser) config(c *Config, root *yaml.Node) (rules map[string]lint.Severity, overrides []validate.Override) {
	if isNull(root) {
		return nil, nil // a document with no content, like a lone ---
	}
	fields := p.fields(root, "the config", "a mapping with endpoints, ignore, rules or overrides",
		"endpoints", "ignore", "rules", "overrides")
	if n := fields["endpoints"]; n != nil {
		for _, entry := range p.list(n, "endpoints", "entries with paths and endpoint") {
			c.endpoints = append(c.endpoints, p.endpointSetting(entry))
		}
	}
	if n := fields["ignore"]; n != nil {
		c.ignore, c.ignoreText = p.pathGlobs(n, "ignore")
	}
	if n := fields["rules"]; n != nil {
		rules = p.ruleSettings(n)
	}
	if n := fields["overrides"]; n != nil {
		for _, entry := range p.list(n, "overrides", "entries with rules, and paths or pointers or both") {
			overrides = append(overrides, p.override(entry))
		}
	}
	return rules, overrides
}

func (p *configParser) endpointSetting(n *yaml.Node) endpointSetting {
	var e endpointSetting
	fields := p.fields(n, "an endpoints entry", "a mapping with paths and endpoint", "paths", "endpoint")
	if fields == nil {
		return e
	}
	if v := fields["paths"]; v == nil {
		p.errorf(n, "this endpoints entry has no paths: add the path patterns it applies to")
	} else if p.nonEmpty(v, "paths", "list at least one path pattern") {
		e.paths, e.text = p.pathGlobs(v, "paths")
	}
	if v := fields["endpoint"]; v == nil {
		p.errorf(n, "this endpoints entry has no endpoint: add endpoint: messages/send, campaigns/trigger/send or auto")
	} else if s, ok := p.str(v, "endpoint"); ok {
		var err error
		if e.endpoint, err = validate.ParseEndpoint(s); err != nil {
			p.errorf(v, "%v", err)
		}
	}
	return e
}

func (p *configParser) override(n *yaml.Node) validate.Override {
	var o validate.Override
	fields := p.fields(n, "an override", "a mapping with rules, and paths or pointers or both", "paths", "pointers", "rules")
	if fields == nil {
		return o
	}
	if v := fields["paths"]; v != nil && p.nonEmpty(v, "paths", "list at least one path pattern, or leave paths out to match every file") {
		o.Paths = p.patterns(v, "paths", "path patterns", pattern.ParsePath)
	}
	if v := fields["pointers"]; v != nil && p.nonEmpty(v, "pointers", "list at least one JSON-pointer pattern, or leave pointers out to match every finding") {
		o.Pointers = p.patterns(v, "pointers", "JSON-pointer patterns", pattern.ParsePointer)
	}
	const noRules = "this override has no rules: add rules with their severities, or remove the override"
	switch v := fields["rules"]; {
	case v == nil:
		p.errorf(n, noRules)
	case isNull(v) || v.Kind == yaml.MappingNode && len(v.Content) == 0:
		p.errorf(v, noRules)
	default:
		o.Rules = p.ruleSettings(v)
	}
	return o
}

// ruleSettings reads a mapping of rule ids to severities.
func (p *configParser) ruleSettings(n *yaml.Node) map[string]lint.Severity {
	settings := map[string]lint.Severity{}
	if isNull(n) {
		return settings
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "rules must be a mapping of rule ids to severities, not %s", describe(n))
		return settings
	}
	for key, value := range p.pairs(n) {
		id := key.Value
		known := lint.RuleByID(id) != nil
		if !known {
			if near := typo.ClosestRule(id); near != "" {
				p.errorf(key, "unknown rule %q (did you mean %q?)", id, near)
			} else {
				p.errorf(key, "unknown rule %q (brazelint rules lists every rule id)", id)
			}
		}
		s, ok := p.str(value, "the severity of "+id)
		if !ok {
			continue
		}
		sev, err := parseSetting(s)
		if err != nil {
			p.errorf(value, "%v", err)
			continue
		}
		if known {
			settings[id] = sev
		}
	}
	return settings
}

// parseSetting reads a rule setting: a severity name or off.
func parseSetting(s string) (lint.Severity, error) {
	if s == "off" {
		return validate.Off, nil
	}
	sev, err := lint.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("unknown severity %q (want error, warning, info, hint or off)", s)
	}
	return sev, nil
}

// pathGlobs reads a list of path patterns.
func (p *configParser) pathGlobs(n *yaml.Node, name string) (globs []pattern.Glob, text []string) {
	for _, item := range p.list(n, name, "path patterns") {
		if g, ok := p.pattern(item, name, pattern.ParsePath); ok {
			globs = append(globs, g)
			text = append(text, item.Value)
		}
	}
	return globs, text
}

// patterns reads a list of patterns for validate.NewPolicy, checking each
// here so that a bad one is reported where it is written.
func (p *configParser) patterns(n *yaml.Node, name, of string, parse func(string) (pattern.Glob, error)) []string {
	patterns := []string{}
	for _, item := range p.list(n, name, of) {
		if _, ok := p.pattern(item, name, parse); ok {
			patterns = append(patterns, item.Value)
		}
	}
	return patterns
}

func (p *configParser) pattern(item *yaml.Node, name string, parse func(string) (pattern.Glob, error)) (pattern.Glob, bool) {
	s, ok := p.str(item, "a pattern in "+name)
	if !ok {
		return nil, false
	}
	g, err := parse(s)
	if err != nil {
		p.errorf(item, "%v", err)
		return nil, false
	}
	return g, true
}

// nonEmpty reports an empty list of patterns: it would match nothing, which
// is never what was meant.
func (p *configParser) nonEmpty(n *yaml.Node, name, fix string) bool {
	if isNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		p.errorf(n, "%s is empty: %s", name, fix)
		return false
	}
	return true
}

// fields reads a mapping with the keys known, reporting any other key. It
// returns nil when n is not a mapping; shape says what is wanted instead.
func (p *configParser) fields(n *yaml.Node, what, shape string, known ...string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s must be %s, not %s", what, shape, describe(n))
		return nil
	}
	fields := map[string]*yaml.Node{}
	for key, value := range p.pairs(n) {
		if !slices.Contains(known, key.Value) {
			p.errorf(key, "unknown key %q (want %s)", key.Value, orList(known))
			continue
		}
		fields[key.Value] = value
	}
	return fields
}

// pairs yields the keys and values of the mapping n, skipping and reporting
// keys that are not strings or that repeat an earlier key.
func (p *configParser) pairs(n *yaml.Node) iter.Seq2[*yaml.Node, *yaml.Node] {
	return func(yield func(key, value *yaml.Node) bool) {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, value := resolve(n.Content[i]), resolve(n.Content[i+1])
			if key.Kind != yaml.ScalarNode {
				p.errorf(key, "a key must be a string, not %s", describe(key))
				continue
			}
			if first, ok := seen[key.Value]; ok {
				p.errorf(key, "duplicate key %q (first at line %d): keep one", key.Value, first.Line)
				continue
			}
			seen[key.Value] = key
			if !yield(key, value) {
				return
			}
		}
	}
}

// list reads a list of the things described by of. A null value, as left
// by a key whose items are all commented out, is an empty list.
func (p *configParser) list(n *yaml.Node, name, of string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s must be a list of %s, not %s", name, of, describe(n))
		return nil
	}
	items := make([]*yaml.Node, len(n.Content))
	for i, item := range n.Content {
		items[i] = resolve(item)
	}
	return items
}

// str reads a string. Numbers and booleans are taken as written, so a
// directory named 2024 needs no quotes.
func (p *configParser) str(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		p.errorf(n, "%s must be a string, not %s", what, describe(n))
		return "", false
	}
	return n.Value, true
}

// resolve follows an alias (*name) to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names the kind of a node for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "empty"
	case "!!str":
		return "a string"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a " + strings.TrimPrefix(n.ShortTag(), "!!")
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
