package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/internal/typo"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// commandHelp is the one-line summary of each subcommand, for brazelint
// help; TestCommandsHaveHelp keeps it in step with commands.
var commandHelp = map[string]string{
	"version": "print the version of brazelint and of the Go it was built with",
	"help":    "say how to use brazelint, or one of its commands",
	"rules":   "list every rule: id, default severity and title",
	"explain": "say what a rule checks and why, with examples",
	"schema":  "print an endpoint's JSON Schema for editors and other validators",
	"split":   "split a payload whose recipients exceed a request's limit",
	"serve":   "answer lint requests over HTTP",
	"lsp":     "serve the Language Server Protocol on standard input and output, for editors",
}

// help reads commands, which holds it: it joins them at init to keep Go's
// initialization order acyclic.
func init() { commands["help"] = runHelp }

// mainUsage is the usage text of brazelint itself, before its flags.
func mainUsage() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(tw, "  %s\t%s\n", name, commandHelp[name])
	}
	tw.Flush()
	return fmt.Sprintf(usageFormat, lint.DefaultEndpoints.Names(), strings.Join(formatNames(), ", "), strings.TrimSuffix(b.String(), "\n"))
}

// runHelp prints brazelint's usage, or a subcommand's. It never reads a file
// called help: brazelint ./help checks one.
func runHelp(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("help", "usage: brazelint help [COMMAND]\n\nSays how to use brazelint, or the command COMMAND.\n")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	switch cmd.flags.NArg() {
	case 0:
		return run([]string{"--help"}, stdin, stdout, stderr)
	case 1:
		name := cmd.flags.Arg(0)
		if sub, ok := commands[name]; ok {
			return sub([]string{"--help"}, stdin, stdout, stderr)
		}
		names := make([]string, 0, len(commands))
		for n := range commands {
			names = append(names, n)
		}
		slices.Sort(names)
		hint := ""
		if guess := typo.Closest(name, names); guess != "" {
			hint = ": did you mean " + guess + "?"
		}
		fmt.Fprintf(stderr, "brazelint: help: no command %q%s (commands: %s)\n", name, hint, strings.Join(names, ", "))
		return exitTrouble
	}
	return cmd.fail(stderr, "name at most one command")
}

// output is one --format: the format and the file it goes to ("" for the
// main output: standard output, or --output).
type output struct {
	format, path string
}

// parseOutputs reads the --format values, NAME or NAME=FILE, and --output.
// At most one format may go to the main output, and no two to one file.
func parseOutputs(specs []string, outputPath string) ([]output, error) {
	var outs []output
	main := 0
	for _, spec := range specs {
		name, path, _ := strings.Cut(spec, "=")
		if _, ok := formats[name]; !ok {
			return nil, fmt.Errorf("unknown format %q (want %s, or one of them =FILE)", name, strings.Join(formatNames(), ", "))
		}
		if path == "-" {
			path = ""
		}
		if strings.Contains(spec, "=") && path == "" && spec[len(spec)-1] == '=' {
			return nil, fmt.Errorf("--format %s: name the file after =, or leave = out for standard output", spec)
		}
		if path == "" {
			path = outputPath
			main++
		}
		for _, o := range outs {
			if path != "" && o.path == path {
				return nil, fmt.Errorf("--format %s and --format %s both write %s: give each a file of its own", o.format, name, path)
			}
		}
		outs = append(outs, output{name, path})
	}
	if main > 1 {
		return nil, errors.New("more than one --format writes to standard output: give all but one a file, as in --format sarif=out.sarif")
	}
	if main == 0 && outputPath != "" {
		return nil, errors.New("--output names the file of the --format without =FILE, and every --format has a file")
	}
	return outs, nil
}

// openOutputs makes the formatter of every output: files are created now, so
// a path that cannot be written stops the run before any checking. close
// closes them, reporting the first error; it may be called again.
func openOutputs(outs []output, main io.Writer, color bool) (formatter, func() error, error) {
	var files []*os.File
	closeAll := func() error {
		var first error
		for _, f := range files {
			if err := f.Close(); err != nil && first == nil && !errors.Is(err, os.ErrClosed) {
				first = err
			}
		}
		return first
	}
	var fs multiFormat
	for _, o := range outs {
		w := main
		if o.path != "" {
			f, err := os.Create(o.path)
			if err != nil {
				closeAll()
				return nil, nil, fmt.Errorf("cannot write --format %s output: %w", o.format, err)
			}
			files = append(files, f)
			w = f
		}
		f := formats[o.format](w)
		if t, ok := f.(*textFormat); ok && o.path == "" {
			t.color = color
		}
		fs = append(fs, f)
	}
	if len(fs) == 1 {
		return fs[0], closeAll, nil
	}
	return fs, closeAll, nil
}

// multiFormat sends everything to several formatters.
type multiFormat []formatter

func (m multiFormat) file(name string) {
	for _, f := range m {
		f.file(name)
	}
}

func (m multiFormat) findings(fs []finding) error {
	var errs error
	for _, f := range m {
		errs = errors.Join(errs, f.findings(fs))
	}
	return errs
}

func (m multiFormat) end(trouble error) error {
	var errs error
	for _, f := range m {
		errs = errors.Join(errs, f.end(trouble))
	}
	return errs
}

// summary counts what a run reported, for the line text output ends with on
// standard error.
type summary struct {
	enabled        bool
	count          [lint.Hint + 1]int
	files, flagged int
	current        bool // the current file has a finding
}

func (s *summary) file() { s.files, s.current = s.files+1, false }

func (s *summary) findings(fs []finding) {
	if len(fs) > 0 && !s.current {
		s.current = true
		s.flagged++
	}
	for _, f := range fs {
		s.count[f.Severity]++
	}
}

// print writes the summary, "brazelint: 3 errors and 1 warning in 2 of 5
// files", when text output is on and anything was reported: a clean run
// stays silent.
func (s *summary) print(w io.Writer) {
	if !s.enabled || s.flagged == 0 {
		return
	}
	var parts []string
	for _, c := range []struct {
		sev  lint.Severity
		noun string
	}{{lint.Error, "error"}, {lint.Warning, "warning"}, {lint.Info, "info note"}, {lint.Hint, "hint"}} {
		if n := s.count[c.sev]; n > 0 {
			parts = append(parts, plural(n, c.noun))
		}
	}
	list := strings.Join(parts, ", ")
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	fmt.Fprintf(w, "brazelint: %s in %d of %s\n", list, s.flagged, plural(s.files, "file"))
}

// colorWanted reads --color: auto colours text when stdout is a terminal and
// NO_COLOR (https://no-color.org) is unset or empty.
func colorWanted(mode string, stdout io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		return os.Getenv("NO_COLOR") == "" && isTerminal(stdout), nil
	}
	return false, fmt.Errorf("--color %q: want auto, always or never", mode)
}

// isTerminal reports whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// ANSI colours of the severities in text output.
var severityColors = [lint.Hint + 1]string{
	lint.Error:   "\x1b[1;31m", // bold red
	lint.Warning: "\x1b[1;33m", // bold yellow
	lint.Info:    "\x1b[1;36m", // bold cyan
	lint.Hint:    "\x1b[2m",    // dim
}

const (
	ansiDim   = "\x1b[2m"
	ansiReset = "\x1b[0m"
)

// colorize adds colour to one finding as textformat.Write printed it: the
// severity in its colour and the rule id dimmed. The text itself is already
// escaped, so the only escapes in the result are these.
func colorize(text []byte, file string, d *lint.Diagnostic) []byte {
	prefix := fmt.Sprintf("%s:%d:%d: ", textformat.Escape(file), d.Start.Line, d.Start.Column)
	sev := d.Severity.String()
	rule := " (" + textformat.Escape(d.Rule) + ")\n"
	first, rest, _ := bytes.Cut(text, []byte("\n"))
	first = append(first, '\n')
	if !bytes.HasPrefix(first, []byte(prefix+sev+": ")) || !bytes.HasSuffix(first, []byte(rule)) {
		return text
	}
	var b bytes.Buffer
	b.WriteString(prefix)
	b.WriteString(severityColors[d.Severity] + sev + ansiReset)
	b.Write(first[len(prefix)+len(sev) : len(first)-len(rule)])
	b.WriteString(" " + ansiDim + "(" + textformat.Escape(d.Rule) + ")" + ansiReset + "\n")
	b.Write(rest)
	return b.Bytes()
}

// ruleSwitches reads --enable and --disable into rule settings: a rule's
// default severity, or off. An unknown rule id is an error with a guess.
func ruleSwitches(enable, disable []string) (map[string]lint.Severity, error) {
	settings := map[string]lint.Severity{}
	for _, list := range []struct {
		flag string
		ids  []string
	}{{"--enable", enable}, {"--disable", disable}} {
		for _, id := range list.ids {
			r := lint.RuleByID(id)
			if r == nil {
				hint := " (brazelint rules lists every rule id)"
				if guess := typo.ClosestRule(id); guess != "" {
					hint = ": did you mean " + guess + "?"
				}
				return nil, fmt.Errorf("%s: unknown rule %q%s", list.flag, id, hint)
			}
			sev := r.Severity()
			if list.flag == "--disable" {
				if s, ok := settings[id]; ok && s != validate.Off {
					return nil, fmt.Errorf("rule %s is both enabled and disabled: keep one", id)
				}
				sev = validate.Off
			}
			settings[id] = sev
		}
	}
	return settings, nil
}

// writeConfig prints what --print-config shows: the config file used, then
// the settings in effect as a config file would write them (YAML; strings
// are JSON-quoted, which YAML reads the same): endpoints, ignore, every
// rule's severity outside the overrides, and the overrides.
func writeConfig(w io.Writer, opts options, cliRules map[string]lint.Severity) error {
	c := opts.config
	var b bytes.Buffer
	q := func(s string) string { data, _ := json.Marshal(s); return string(data) }
	list := func(ss []string) string {
		qs := make([]string, len(ss))
		for i, s := range ss {
			qs[i] = q(s)
		}
		return "[" + strings.Join(qs, ", ") + "]"
	}
	if file := c.File(); file != "" {
		fmt.Fprintf(&b, "# config file: %s\n", q(file))
	} else {
		b.WriteString("# config file: none\n")
	}
	if opts.endpointSet {
		fmt.Fprintf(&b, "# --endpoint %s applies to every file, whatever endpoints says\n", opts.endpoint)
	}
	b.WriteString("endpoints:")
	if eps := c.Endpoints(); len(eps) == 0 {
		b.WriteString(" [] # each payload's endpoint is detected from its members\n")
	} else {
		b.WriteString("\n")
		for _, e := range eps {
			fmt.Fprintf(&b, "  - paths: %s\n    endpoint: %s\n", list(e.Paths), e.Endpoint)
		}
	}
	fmt.Fprintf(&b, "ignore: %s\n", list(c.IgnorePatterns()))
	b.WriteString("rules: # every rule, as set by the config, --enable and --disable\n")
	for _, r := range lint.Rules {
		sev, from := r.Severity(), ""
		if s, ok := c.Rules()[r.ID]; ok {
			sev, from = s, " # config"
		}
		if s, ok := cliRules[r.ID]; ok {
			sev, from = s, " # command line"
		}
		name := "off"
		if sev != validate.Off {
			name = sev.String()
		}
		fmt.Fprintf(&b, "  %s: %s%s\n", r.ID, name, from)
	}
	b.WriteString("overrides:")
	overrides := c.Overrides()
	if len(cliRules) > 0 {
		overrides = append(slices.Clip(overrides), validate.Override{Rules: cliRules})
	}
	if len(overrides) == 0 {
		b.WriteString(" []\n")
	} else {
		b.WriteString(" # in order: later ones win\n")
		for _, o := range overrides {
			b.WriteString("  -")
			if o.Paths != nil {
				fmt.Fprintf(&b, " paths: %s\n   ", list(o.Paths))
			}
			if o.Pointers != nil {
				fmt.Fprintf(&b, " pointers: %s\n   ", list(o.Pointers))
			}
			b.WriteString(" rules:\n")
			ids := make([]string, 0, len(o.Rules))
			for id := range o.Rules {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range ids {
				name := "off"
				if o.Rules[id] != validate.Off {
					name = o.Rules[id].String()
				}
				fmt.Fprintf(&b, "      %s: %s\n", id, name)
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
