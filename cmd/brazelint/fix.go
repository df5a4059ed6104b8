package main

import (
	"errors"
	"os"

	"github.com/aymanbagabas/go-udiff"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// fixFile applies the fixes of one payload: with --diff it records the
// unified diff, with --fix it rewrites the file. The findings reported are
// those of the fixed payload. The config's policy applies throughout: a rule
// it turns off offers no fix and stops none. before is the file's state when
// data was read (nil for standard input): the file is rewritten only if it is
// still what was read.
//
// Fixes are judged against every finding, not the --max-diagnostics first
// ones (validate.Config.Fix does that): under the cap, fixing one finding
// shows a finding the cap hid, which would look new and refuse a safe fix.
func fixFile(name string, data []byte, before os.FileInfo, ep validate.Endpoint, opts options, res *result) ([]byte, []lint.Diagnostic, error) {
	fixed := opts.limits.Fix(ep, data, nil)
	res.fixed, res.refused, res.refusals, res.overLimit = fixed.Applied, fixed.Refused, fixed.Refusals, fixed.OverLimit
	diags := fixed.Diagnostics // capped, with the too-many-findings summary
	if fixed.Applied == 0 {
		res.fixedPayload = data
		return data, diags, nil
	}
	if name == "-" && opts.fix {
		// --fix -: the command prints the payload; there is no file.
		res.fixedPayload = fixed.Data
		return fixed.Data, diags, nil
	}
	if opts.diff {
		label := displayName(name)
		res.diff = udiff.Unified("a/"+textformat.Escape(label), "b/"+textformat.Escape(label), string(data), string(fixed.Data))
		return fixed.Data, diags, nil
	}
	err := writeFixed(name, data, before, fixed.Data)
	if errors.Is(err, errReadOnly) {
		res.readOnly, res.fixed = res.fixed, 0
		return data, opts.limits.Bytes(ep, data), nil
	}
	if err != nil {
		res.fixed = 0
		return data, opts.limits.Bytes(ep, data), err
	}
	return fixed.Data, diags, nil
}
