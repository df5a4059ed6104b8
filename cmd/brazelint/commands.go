package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"github.com/brazelint/brazelint/internal/typo"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
	"github.com/brazelint/brazelint/validate"
)

// commands are the subcommands, by the name that comes first on the command
// line. Anything else is a path to check (write ./rules to check a directory
// named rules).
var commands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{
	"version": runVersion,
	"rules":   runRules,
	"explain": runExplain,
	"schema":  runSchema,
	"split":   runSplit,
	"serve":   runServe,
	"lsp":     runLSP,
}

// subcommand is the command line of one subcommand: its flags, -h/--help
// among them, and its usage text.
type subcommand struct {
	name  string
	usage string // the synopsis and what it does; the flags are added to it
	flags *pflag.FlagSet
}

func newSubcommand(name, usage string) *subcommand {
	flags := pflag.NewFlagSet(name, pflag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.BoolP("help", "h", false, "show this help")
	return &subcommand{name: name, usage: usage, flags: flags}
}

// parse reads the arguments. When ok is false the subcommand is done and
// returns code: 0 after printing its help, 2 after a bad flag.
func (c *subcommand) parse(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if err := c.flags.Parse(args); err != nil {
		return c.fail(stderr, "%v", err), false
	}
	if help, _ := c.flags.GetBool("help"); help {
		fmt.Fprint(stdout, c.help())
		return exitClean, false
	}
	return exitClean, true
}

func (c *subcommand) help() string {
	return c.usage + "\nFlags:\n" + c.flags.FlagUsages()
}

// fail reports a usage error with the subcommand's usage, and returns exit
// status 2.
func (c *subcommand) fail(stderr io.Writer, format string, a ...any) int {
	fmt.Fprintf(stderr, "brazelint: %s: %s\n\n%s", c.name, fmt.Sprintf(format, a...), c.help())
	return exitTrouble
}

// runVersion prints the module version brazelint was built from.
func runVersion(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("version", "usage: brazelint version\n\nPrints the version of brazelint and of the Go it was built with.\n")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() > 0 {
		return cmd.fail(stderr, "takes no arguments")
	}
	fmt.Fprintf(stdout, "brazelint %s %s\n", version(), runtime.Version())
	return exitClean
}

// version is the module version from the build information: a tag when
// installed with go install ...@version, "(devel)" when built from a clone
// (with the VCS revision when the build recorded one).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "(devel)"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.modified" && s.Value == "true" && strings.Contains(v, " ") {
				v += "+dirty" // built from a clone with uncommitted changes
			}
		}
	}
	return v
}

// jsonRule is a rule as `brazelint rules --format json` prints it.
type jsonRule struct {
	ID        string        `json:"id"`
	Severity  lint.Severity `json:"severity"`
	Title     string        `json:"title"`
	Endpoints []string      `json:"endpoints"` // as --endpoint takes them
	Spec      []string      `json:"spec"`
	Doc       string        `json:"doc"`
}

// runRules lists the rules in the order of the rule table.
func runRules(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("rules", `usage: brazelint rules [--format text|json]

Lists every rule: its id, default severity and title, one line each.
brazelint explain RULE says more about one.
`)
	format := cmd.flags.String("format", "text", "output format: text, or json for tools (adds endpoints, spec ids and doc)")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() > 0 {
		return cmd.fail(stderr, "takes no arguments")
	}
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		for _, r := range lint.Rules {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Severity(), r.Title)
		}
		if err := tw.Flush(); err != nil {
			return reportTrouble(stderr, err)
		}
	case "json":
		out := []jsonRule{}
		for _, r := range lint.Rules {
			jr := jsonRule{ID: r.ID, Severity: r.Severity(), Title: r.Title, Spec: r.Spec, Doc: r.Doc, Endpoints: []string{}}
			if jr.Spec == nil {
				jr.Spec = []string{}
			}
			for _, ep := range lint.Endpoints {
				if r.AppliesTo(ep) {
					jr.Endpoints = append(jr.Endpoints, string(ep))
				}
			}
			out = append(out, jr)
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return reportTrouble(stderr, err)
		}
	default:
		return cmd.fail(stderr, "unknown format %q (want text or json)", *format)
	}
	return exitClean
}

// runExplain prints a rule's section of docs/rules.md.
func runExplain(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("explain", `usage: brazelint explain RULE

Says what a rule checks and why, the specification facts it enforces, and what
brazelint reports for a failing and a passing example: the rule's section of
docs/rules.md. brazelint rules lists the rule ids.
`)
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() != 1 {
		return cmd.fail(stderr, "name one rule, e.g. brazelint explain broadcast-with-recipients")
	}
	id := cmd.flags.Arg(0)
	r := lint.RuleByID(id)
	if r == nil {
		hint := ""
		if guess := typo.ClosestRule(id); guess != "" {
			hint = ": did you mean " + guess + "?"
		}
		fmt.Fprintf(stderr, "brazelint: explain: no rule %q%s (brazelint rules lists every rule)\n", id, hint)
		return exitTrouble
	}
	fmt.Fprint(stdout, ruleSection(r, func(s string) string { return s }))
	return exitClean
}

// runSchema prints an endpoint's JSON Schema as one self-contained document.
func runSchema(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cmd := newSubcommand("schema", `usage: brazelint schema [--allow-unknown] ENDPOINT

Prints the JSON Schema (Draft 2020-12) of the request body of ENDPOINT
(`+lint.DefaultEndpoints.Names()+`), with every definition it uses inside
it, for editors and other validators. The schema checks types, enums, limits
and required members; the rules that span fields need brazelint itself.
It compiles in ajv's default strict mode: the date and ASCII formats only
brazelint knows are written as patterns.

By default a member the schema does not declare is invalid, which catches
typos in an editor. brazelint itself reports most of those as a warning
(Braze ignores them): with --allow-unknown the schema accepts them there, so
a validator in CI fails the payloads brazelint reports errors for, no more.
`)
	allowUnknown := cmd.flags.Bool("allow-unknown", false, "accept undeclared members where brazelint only warns about them (unknown-member)")
	if code, ok := cmd.parse(args, stdout, stderr); !ok {
		return code
	}
	if cmd.flags.NArg() != 1 {
		return cmd.fail(stderr, "name one endpoint: %s", lint.DefaultEndpoints.Names())
	}
	ep, err := validate.ParseEndpoint(cmd.flags.Arg(0))
	if err != nil || ep == validate.Auto {
		return cmd.fail(stderr, "unknown endpoint %q (want %s)", strings.TrimPrefix(cmd.flags.Arg(0), "/"), lint.DefaultEndpoints.Names())
	}
	bundle, err := lint.DefaultEndpoints.ExportSchema(ep, schema.ExportOptions{AllowUnknown: *allowUnknown})
	if err != nil {
		return reportTrouble(stderr, err)
	}
	if _, err := stdout.Write(bundle); err != nil {
		return reportTrouble(stderr, err)
	}
	return exitClean
}
