// Command brazelint checks Braze REST request payloads (POST /messages/send,
// /campaigns/trigger/send, /canvas/trigger/send, the schedule-create
// endpoints and the transactional send: lint.DefaultEndpoints) before they
// are sent.
//
//	brazelint [flags] [path ...]
//	brazelint rules | explain RULE | schema ENDPOINT | split FILE | serve | version
//
// Paths are files, directories (searched recursively for *.json, or *.ndjson
// and *.jsonl with --ndjson) or - for standard input. Exit status: 0 when no
// finding reaches --fail-severity, 1 when one does, 2 on a usage, config or
// I/O error.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/brazelint/brazelint/config"
	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// clock is the lint time of the rules that depend on it (a schedule.time
// already past); the tests fix it, so goldens do not age.
var clock = time.Now

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usageFormat = `usage: brazelint [flags] path ...
       brazelint COMMAND [args]   (brazelint help COMMAND says more)

Checks Braze request payloads for the send endpoints: %s.
A path is a file, a directory (searched recursively for *.json, or for *.ndjson and
*.jsonl with --ndjson) or - for standard input. A directory walk leaves out hidden
directories, node_modules, vendor, what .gitignore files ignore, and JSON files that
hold no member of a payload (counted on standard error); a path named is always checked.
Settings are read from the nearest .brazelint.yaml in the working directory or above
it, up to the repository root or the home directory; one found in a directory every
user may write to (like /tmp) is refused: name it with --config to use it.

Output: --format NAME writes to standard output (or to --output FILE), and
--format NAME=FILE to a file, so one run can write several: --format text
--format sarif=brazelint.sarif. Formats: %s.
Text output ends with a summary line on standard error when anything was found.
Exit status: 0 clean, 1 findings at --fail-severity or above, 2 usage, config or I/O error.

Commands:
%s

Flags:
`

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitTrouble  = 2
)

// options are the settings of one lint run, from flags and the config file.
type options struct {
	endpoint      validate.Endpoint
	endpointSet   bool            // --endpoint given: it wins over the config's endpoints
	limits        validate.Config // with the config's policy
	ndjson        bool
	jobs          int
	failSeverity  lint.Severity
	minSeverity   lint.Severity // findings below it are dropped: --quiet, --min-severity
	showValues    bool
	fix           bool           // rewrite files with their fixes applied
	diff          bool           // print the fixes as a unified diff instead
	config        *config.Config // nil without a config file
	exclude       excludes
	stdinFilename string // the path standard input stands for, for config path rules and output
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Messages on standard error name files and quote errors that name
	// them: no name may send a terminal escape or a workflow command.
	stderr = textformat.LineGuard(stderr)
	if len(args) > 0 {
		if cmd, ok := commands[args[0]]; ok {
			return cmd(args[1:], stdin, stdout, stderr)
		}
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "brazelint: "+format+"\n", a...)
		return exitTrouble
	}

	flags := pflag.NewFlagSet("brazelint", pflag.ContinueOnError)
	flags.SetOutput(io.Discard)
	endpoint := flags.String("endpoint", "auto", "endpoint of the payloads: auto, "+lint.DefaultEndpoints.Names())
	formatSpecs := flags.StringArray("format", []string{"text"}, "output `FORMAT`, or FORMAT=FILE to write it to a file (repeatable): "+strings.Join(formatNames(), ", "))
	outputPath := flags.StringP("output", "o", "", "write the output of the --format without a file to `FILE` instead of standard output")
	maxBytes := flags.Int("max-bytes", validate.DefaultMaxBytes, "largest payload to parse, in bytes")
	maxDepth := flags.Int("max-depth", validate.DefaultMaxDepth, "deepest nesting of objects and arrays to parse")
	maxDiagnostics := flags.Int("max-diagnostics", validate.DefaultMaxDiagnostics, "most findings reported for one payload; the rest are counted in one last finding")
	ndjson := flags.Bool("ndjson", false, "read each line of every input as one payload")
	jobs := flags.IntP("jobs", "j", runtime.GOMAXPROCS(0), "files checked at once")
	failSeverity := flags.String("fail-severity", "error", "lowest severity that makes the exit status 1: error, warning, info or hint")
	minSeverity := flags.String("min-severity", "hint", "lowest severity reported: error, warning, info or hint; findings below it are dropped and count for nothing")
	quiet := flags.BoolP("quiet", "q", false, "report errors only: --min-severity error")
	disable := flags.StringArray("disable", nil, "turn the rule `RULE` off for this run, as rules: {RULE: off} in the config would (repeatable)")
	enable := flags.StringArray("enable", nil, "turn the rule `RULE` on at its default severity for this run, whatever the config says (repeatable)")
	showValues := flags.Bool("show-values", false, "print the payload text each finding covers, and undeclared member names in pointers (off by default: payloads carry personal data)")
	configPath := flags.String("config", "", "config file to use instead of the nearest .brazelint.yaml")
	noConfig := flags.Bool("no-config", false, "read no config file")
	printConfig := flags.Bool("print-config", false, "print the config file used and the rules and endpoints in effect, and exit")
	stdinFilename := flags.String("stdin-filename", "", "the `PATH` standard input (-) stands for: config endpoints, overrides and ignore apply to it, and output names it")
	baselinePath := flags.String("baseline", "", "report only findings not recorded in this baseline file")
	writeBaselinePath := flags.String("write-baseline", "", "record every finding in this baseline file and exit 0")
	fix := flags.Bool("fix", false, "apply the fixes whose result is certain to the files, then report what is left; with - (standard input) alone, print the fixed payload on standard output")
	diff := flags.Bool("diff", false, "print the fixes --fix would apply as a unified diff, and change nothing")
	excludes := flags.StringArray("exclude", nil, "leave out the files and directories `GLOB` matches, named or found (repeatable; the syntax of the config's ignore)")
	colorMode := flags.String("color", "auto", "colour in text output: auto (when standard output is a terminal and NO_COLOR is not set), always or never")
	showVersion := flags.Bool("version", false, "print the version and exit")
	nowFlag := flags.String("now", "", "lint as of `TIME` (RFC 3339, such as 2026-12-24T09:00:00Z) instead of the current time: the rules that compare schedule.time with now read it")
	help := flags.BoolP("help", "h", false, "show this help")
	if err := flags.Parse(args); err != nil {
		return fail("%v (see brazelint --help)", err)
	}
	lintClock := clock
	if *nowFlag != "" {
		at, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fail("--now %q is not an RFC 3339 time such as 2026-12-24T09:00:00Z", *nowFlag)
		}
		lintClock = func() time.Time { return at }
	}
	if *help {
		fmt.Fprint(stdout, mainUsage()+flags.FlagUsages())
		return exitClean
	}
	if *showVersion {
		return runVersion(nil, stdin, stdout, stderr)
	}

	ep, err := validate.ParseEndpoint(*endpoint)
	if err != nil {
		return fail("%v", err)
	}
	outs, err := parseOutputs(*formatSpecs, *outputPath)
	if err != nil {
		return fail("%v", err)
	}
	fs, err := lint.ParseSeverity(*failSeverity)
	if err != nil {
		return fail("--fail-severity: %v", err)
	}
	ms, err := lint.ParseSeverity(*minSeverity)
	if err != nil {
		return fail("--min-severity: %v", err)
	}
	if *quiet {
		if flags.Changed("min-severity") && ms != lint.Error {
			return fail("--quiet is --min-severity error: give one of them")
		}
		ms = lint.Error
	}
	color, err := colorWanted(*colorMode, stdout)
	if err != nil {
		return fail("%v", err)
	}
	cliRules, err := ruleSwitches(*enable, *disable)
	if err != nil {
		return fail("%v", err)
	}
	if *maxBytes <= 0 || *maxDepth <= 0 || *maxDiagnostics <= 0 || *jobs <= 0 {
		return fail("--max-bytes, --max-depth, --max-diagnostics and --jobs must be positive")
	}
	if *baselinePath != "" && *writeBaselinePath != "" {
		return fail("--baseline and --write-baseline cannot be used together")
	}
	if flags.NArg() == 0 && !*printConfig {
		return fail("no input: name files or directories, or - for standard input (see brazelint --help)")
	}
	if *fix && *diff {
		return fail("--fix and --diff cannot be used together: --diff shows what --fix would do")
	}
	if (*fix || *diff) && *ndjson {
		return fail("--fix and --diff take JSON files, not --ndjson")
	}
	readsStdin := slices.Contains(flags.Args(), "-")
	fixStdout := *fix && readsStdin
	if fixStdout && flags.NArg() > 1 {
		return fail("--fix - prints the fixed payload on standard output: check standard input alone, or fix the files in a run of their own")
	}
	if *stdinFilename != "" && !readsStdin && !*printConfig {
		return fail("--stdin-filename names standard input: give - as the input too")
	}
	opts := options{
		endpoint:      ep,
		endpointSet:   flags.Changed("endpoint"),
		limits:        validate.Config{MaxBytes: *maxBytes, MaxDepth: *maxDepth, MaxDiagnostics: *maxDiagnostics, Now: lintClock},
		ndjson:        *ndjson,
		jobs:          *jobs,
		failSeverity:  fs,
		minSeverity:   ms,
		showValues:    *showValues,
		fix:           *fix,
		diff:          *diff,
		stdinFilename: *stdinFilename,
	}
	if opts.exclude, err = parseExcludes(*excludes); err != nil {
		return fail("%v", err)
	}
	if !*noConfig {
		if opts.config, err = config.Load(*configPath); err != nil {
			return reportTrouble(stderr, err) // one config problem per line
		}
	}
	if opts.limits.Policy, err = opts.config.PolicyWith(cliRules); err != nil {
		return fail("%v", err)
	}
	if *printConfig {
		if err := writeConfig(stdout, opts, cliRules); err != nil {
			return reportTrouble(stderr, err)
		}
		return exitClean
	}
	var base *baseline
	if *baselinePath != "" {
		if base, err = readBaseline(*baselinePath); err != nil {
			return fail("%v", err)
		}
	}

	inputs, skipped, ioErr := expand(flags.Args(), opts)
	if *writeBaselinePath != "" {
		if in := sameFileAs(*writeBaselinePath, inputs); in != "" {
			return fail("--write-baseline %s is the input %s: write the baseline to a file of its own", *writeBaselinePath, displayName(in))
		}
	}
	for _, o := range outs {
		if in := sameFileAs(o.path, inputs); o.path != "" && in != "" {
			return fail("--format %s=%s is the input %s: write the output to a file of its own", o.format, o.path, displayName(in))
		}
	}

	// One pass over the inputs in output order: fingerprint, baseline, print.
	var out formatter
	var sum summary
	closeOutputs := func() error { return nil }
	switch {
	case *writeBaselinePath != "", opts.diff:
		out = discard{}
	default:
		// With --fix -, standard output is the fixed payload's: findings
		// go to standard error unless a file is named for them.
		main := stdout
		if fixStdout {
			main = stderr
		}
		if out, closeOutputs, err = openOutputs(outs, main, color && !fixStdout); err != nil {
			return fail("%v", err)
		}
		defer closeOutputs()
		if slices.ContainsFunc(outs, func(o output) bool { return o.format == "text" }) {
			sum.enabled = true
		}
	}
	pending := check(inputs, stdin, opts)
	var recorded []baselineEntry
	worst := lint.Severity(0)
	changed := false
	for _, j := range pending {
		file := j.result.file // set before the job started; the rest of result is final after batches
		out.file(file)
		sum.file()
		fp := fingerprinter{}
		for batch := range j.batches {
			kept := batch[:0]
			for _, f := range batch {
				fp.add(&f) // first: fingerprints do not depend on --min-severity
				if f.Severity > opts.minSeverity {
					continue // below --min-severity: as if the rule were off
				}
				switch {
				case *writeBaselinePath != "":
					recorded = append(recorded, baselineEntryOf(*writeBaselinePath, file, f))
					continue
				case base != nil && base.take(file, f):
					continue
				}
				if worst == 0 || f.Severity < worst {
					worst = f.Severity
				}
				if !opts.showValues {
					redactPointers(&f)
				}
				kept = append(kept, f)
			}
			sum.findings(kept)
			if err := out.findings(kept); err != nil {
				return fail("%v", err)
			}
		}
		ioErr = errors.Join(ioErr, j.err)
		if base != nil {
			base.checked(file)
		}
		if opts.fix || opts.diff {
			reportFixes(stderr, j.result, opts.fix)
		}
		if j.result.diff != "" {
			io.WriteString(stdout, j.result.diff)
			changed = true
		}
		if fixStdout && j.err == nil {
			if _, err := stdout.Write(j.result.fixedPayload); err != nil {
				return fail("%v", err)
			}
		}
	}

	if skipped > 0 {
		fmt.Fprintf(stderr, "brazelint: skipped %s with no member of a Braze payload: name a file to check it anyway\n", plural(skipped, "JSON file"))
	}
	if *writeBaselinePath != "" {
		if ioErr != nil {
			// A baseline of fewer files than were named would hide their
			// findings later: write none.
			reportTrouble(stderr, ioErr)
			return fail("%s was not written: not every input could be checked", *writeBaselinePath)
		}
		if err := writeBaseline(*writeBaselinePath, recorded); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(stderr, "brazelint: recorded %d findings in %s\n", len(recorded), *writeBaselinePath)
		return exitClean
	}
	if base != nil {
		for _, gone := range base.gone() {
			fmt.Fprintf(stderr, "brazelint: baseline entry no longer occurs: %s\n", gone)
		}
	}
	if err := errors.Join(out.end(ioErr), closeOutputs()); err != nil {
		return fail("%v", err)
	}
	sum.print(stderr)
	switch {
	case ioErr != nil:
		return reportTrouble(stderr, ioErr)
	case opts.diff && changed, worst != 0 && worst <= opts.failSeverity && !opts.diff:
		return exitFindings
	}
	return exitClean
}

// reportTrouble prints each of errs on its own line and returns exit status 2.
func reportTrouble(stderr io.Writer, errs error) int {
	for _, line := range strings.Split(errs.Error(), "\n") {
		fmt.Fprintln(stderr, "brazelint: "+line)
	}
	return exitTrouble
}

// redactPointers hides, in what is printed, the member names of f's
// pointers that the schemas do not declare: they are payload data (an email
// address as an attribute name), shown only with --show-values. The hashes
// that replace them (lint.PrivatePointer) still tell members apart.
func redactPointers(f *finding) {
	f.Pointer = lint.PrivatePointer(f.Pointer)
	for i, r := range f.Related {
		if p := lint.PrivatePointer(r.Pointer); p != r.Pointer {
			f.Related = slices.Clone(f.Related)
			for j := i; j < len(f.Related); j++ {
				f.Related[j].Pointer = lint.PrivatePointer(f.Related[j].Pointer)
			}
			break
		}
	}
}

// reportFixes says on standard error what --fix did to a file, or --diff
// would do, and why each fix refused is.
func reportFixes(stderr io.Writer, r result, fix bool) {
	if fix && r.readOnly > 0 {
		fmt.Fprintf(stderr, "brazelint: %s: read-only: %s not applied and the file left alone: make it writable to fix it\n", r.file, plural(r.readOnly, "fix"))
	}
	if fix && r.fixed > 0 {
		fmt.Fprintf(stderr, "brazelint: %s: %s applied\n", r.file, plural(r.fixed, "fix"))
	}
	if r.overLimit > 0 {
		fmt.Fprintf(stderr, "brazelint: %s: %s not applied: together they would make the payload larger than the size limit; split it first (brazelint split), then fix the batches\n", r.file, plural(r.overLimit, "fix"))
	}
	for _, ref := range r.refusals {
		d, b := ref.Diagnostic, ref.Brings
		fmt.Fprintf(stderr, "brazelint: %s:%d:%d: fix of %s not applied (%s): ", r.file, d.Start.Line, d.Start.Column, d.Rule, d.Fixes[0].Message)
		if ref.Untried {
			fmt.Fprintln(stderr, "not tried, since many fixes in the file are unsafe: fix those by hand, then run --fix again")
			continue
		}
		if b.Rule == "" {
			fmt.Fprintln(stderr, "it could not be applied")
			continue
		}
		at := b.Pointer
		if at == "" {
			at = "the payload"
		}
		what := "a warning"
		if b.Severity == lint.Error {
			what = "an error"
		}
		fmt.Fprintf(stderr, "it would bring %s at %s (%s): %s\n", what, at, b.Rule, b.Message)
	}
	if left := r.refused - len(r.refusals) - r.overLimit; fix && left > 0 {
		fmt.Fprintf(stderr, "brazelint: %s: %s not applied: each overlaps another fix\n", r.file, plural(left, "fix"))
	}
}

// discard is the formatter of runs that print no findings.
type discard struct{}

func (discard) file(string)              {}
func (discard) findings([]finding) error { return nil }
func (discard) end(error) error          { return nil }
