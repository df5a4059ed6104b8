package main

import (
	"errors"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// result is what one input produced.
type result struct {
	file     string // display name
	findings []finding
	// With --fix or --diff: fixes applied (or that would be), fixes refused
	// and, with --diff, the unified diff.
	fixed, refused int
	diff           string
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

// check checks the inputs on opts.jobs goroutines. Results are in input order,
// whatever order the work finished in, so output does not depend on -j.
func check(inputs []string, stdin io.Reader, opts options) ([]result, error) {
	results := make([]result, len(inputs))
	errs := make([]error, len(inputs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(opts.jobs, len(inputs)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				results[i], errs[i] = checkFile(inputs[i], stdin, opts)
			}
		})
	}
	wg.Wait()
	return results, errors.Join(errs...)
}

// checkFile validates one input and applies the config's severities.
func checkFile(name string, stdin io.Reader, opts options) (result, error) {
	res := result{file: displayName(name)}
	ep := opts.endpoint
	if !opts.endpointSet {
		if configured, ok := opts.config.endpoint(name); ok {
			ep = configured
		}
	}
	add := func(src []byte, base, record int, diags []lint.Diagnostic) {
		for _, d := range diags {
			sev, on := opts.config.severity(name, d)
			if !on {
				continue
			}
			d.Severity = sev
			f := finding{Diagnostic: d, Record: record}
			if opts.showValues {
				f.Value = snippet(src, d.Start.Offset-base, d.End.Offset-base)
			}
			res.findings = append(res.findings, f)
		}
	}
	if opts.ndjson {
		r, closer, err := open(name, stdin)
		if err != nil {
			return res, err
		}
		defer closer()
		err = opts.limits.NDJSON(ep, r, func(rec validate.Record) error {
			add(rec.Text, rec.Offset, rec.Line, rec.Diagnostics)
			return nil
		})
		return res, err
	}
	data, err := read(name, stdin, opts.limits.MaxBytes)
	if err != nil {
		return res, err
	}
	if opts.fix || opts.diff {
		fixed, diags, err := fixFile(name, data, ep, opts, &res)
		add(fixed, 0, 0, diags)
		return res, err
	}
	add(data, 0, 0, opts.limits.Bytes(ep, data))
	return res, nil
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
