package main

import (
	"io"
	"os"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// result is what one input produced. findings is filled only where results
// are collected whole (tests, docs); the command streams them.
type result struct {
	file     string // display name
	findings []finding
	// With --fix or --diff: fixes applied (or that would be), fixes refused
	// and, with --diff, the unified diff.
	fixed, refused int
	readOnly       int // fixes not applied because the file is read-only
	overLimit      int // fixes refused: together they would pass the size limit
	refusals       []validate.Refusal
	diff           string
	// fixedPayload is standard input with its fixes applied (as read when
	// none applies), for --fix - to print.
	fixedPayload []byte
}

// finding is a diagnostic as the command reports it.
type finding struct {
	lint.Diagnostic
	// Fingerprint identifies the finding across runs and edits elsewhere in
	// the file (see fingerprint).
	Fingerprint string
	// Record is the line of the payload in an NDJSON input, 0 otherwise.
	Record int
	// Value is the payload text the finding covers, only with --show-values.
	Value string
}

// job is one input on its way through a checker: its findings arrive on
// batches, in order, and once batches is closed result and err are final.
type job struct {
	batches chan []finding
	result  result // file, and with --fix or --diff what the fixes did
	err     error
}

// check starts checking the inputs on opts.jobs goroutines and returns their
// jobs in input order. Work is taken in that order too, and findings stream
// through each job's channel: the output is written as it comes, in an order
// that does not depend on -j, and a file ahead of the output waits when its
// channel is full, so memory stays bounded however many findings a stream
// has.
func check(inputs []string, stdin io.Reader, opts options) []*job {
	jobs := make([]*job, len(inputs))
	for i, name := range inputs {
		file := displayName(name)
		if name == "-" && opts.stdinFilename != "" {
			file = displayName(opts.stdinFilename)
		}
		jobs[i] = &job{batches: make(chan []finding, 64), result: result{file: file}}
	}
	var next atomic.Int64
	for range min(opts.jobs, len(inputs)) {
		go func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				j := jobs[i]
				j.err = checkFile(inputs[i], stdin, opts, &j.result, func(fs []finding) { j.batches <- fs })
				close(j.batches)
			}
		}()
	}
	return jobs
}

// checkFile validates one input under the config's policy and sends the
// findings to emit: one batch for a payload file, one per payload with
// findings for NDJSON.
func checkFile(name string, stdin io.Reader, opts options, res *result, emit func([]finding)) error {
	// Standard input matches no path pattern, unless --stdin-filename
	// says which path it stands for.
	path := name
	if name == "-" {
		path = opts.stdinFilename
	}
	ep := opts.endpoint
	if !opts.endpointSet && path != "" {
		if configured, ok := opts.config.Endpoint(path); ok {
			ep = configured
		}
	}
	opts.limits.Path = path
	add := func(src []byte, base, record int, diags []lint.Diagnostic) {
		var batch []finding
		for _, d := range diags {
			f := finding{Diagnostic: d, Record: record}
			if opts.showValues {
				f.Value = snippet(src, d.Start.Offset-base, d.End.Offset-base)
			}
			batch = append(batch, f)
		}
		if len(batch) > 0 {
			emit(batch)
		}
	}
	if opts.ndjson {
		r, closer, err := open(name, stdin)
		if err != nil {
			return err
		}
		defer closer()
		return opts.limits.NDJSON(ep, r, func(rec validate.Record) error {
			add(rec.Text, rec.Offset, rec.Line, rec.Diagnostics)
			return nil
		})
	}
	var before os.FileInfo // the file as read, for --fix to see it unchanged
	if opts.fix && name != "-" {
		var err error
		if before, err = os.Stat(name); err != nil {
			return err
		}
	}
	data, err := read(name, stdin, opts.limits.MaxBytes)
	if err != nil {
		return err
	}
	if opts.fix || opts.diff {
		fixed, diags, err := fixFile(name, data, before, ep, opts, res)
		add(fixed, 0, 0, diags)
		return err
	}
	add(data, 0, 0, opts.limits.Bytes(ep, data))
	return nil
}

// maxSnippet is the most code points of payload text --show-values prints.
const maxSnippet = 80

// snippet is the payload text between two byte offsets, on one line: runs of
// white space become one space, invalid UTF-8 becomes U+FFFD, and text past
// maxSnippet code points is cut with an ellipsis.
func snippet(src []byte, start, end int) string {
	start, end = max(0, min(start, len(src))), max(0, min(end, len(src)))
	if start >= end {
		return ""
	}
	var b strings.Builder
	n, space := 0, false
	for _, r := range strings.ToValidUTF8(string(src[start:end]), string(utf8.RuneError)) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if n >= maxSnippet {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
