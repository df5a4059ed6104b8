package main

import (
	"github.com/aymanbagabas/go-udiff"

	"github.com/brazelint/brazelint/internal/textformat"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// fixFile applies the fixes of one payload: with --diff it records the
// unified diff, with --fix it rewrites the file. The findings reported are
// those of the fixed payload. The config's policy applies throughout: a rule
// it turns off offers no fix and stops none.
func fixFile(name string, data []byte, ep validate.Endpoint, opts options, res *result) ([]byte, []lint.Diagnostic, error) {
	fixed := opts.limits.Fix(ep, data, nil)
	res.fixed, res.refused, res.refusals = fixed.Applied, fixed.Refused, fixed.Refusals
	if fixed.Applied == 0 {
		return data, fixed.Diagnostics, nil
	}
	if opts.diff {
		label := displayName(name)
		res.diff = udiff.Unified("a/"+textformat.Escape(label), "b/"+textformat.Escape(label), string(data), string(fixed.Data))
		return fixed.Data, fixed.Diagnostics, nil
	}
	if err := writeAtomic(name, fixed.Data); err != nil {
		res.fixed = 0
		return data, opts.limits.Bytes(ep, data), err
	}
	return fixed.Data, fixed.Diagnostics, nil
}
