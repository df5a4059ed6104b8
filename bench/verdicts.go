package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/validate"
)

// A disagreement is a payload whose verdict is not the one its label
// promises. It means the generator or the validator is wrong; either way the
// timings would compare different work, so the run stops.
type disagreement struct {
	where string // line N or a file path
	label Label
	got   string // the verdict, with what was found
}

// maxShown is how many disagreements a failed check prints.
const maxShown = 8

func checkFailed(who string, total int, bad []disagreement) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s disagrees with the generator's labels on %d of %d payloads:", who, len(bad), total)
	for _, d := range bad[:min(len(bad), maxShown)] {
		defect := d.label.Defect
		if defect == "" {
			defect = "no defect"
		}
		fmt.Fprintf(&b, "\n  %s (%s, %s): %s", d.where, d.label.Endpoint, defect, d.got)
	}
	return errors.New(b.String())
}

// verdict is a label's promised verdict, as words.
func verdict(valid bool) string {
	if valid {
		return "valid"
	}
	return "invalid"
}

// checkLibrary validates every line of the corpus with validate.NDJSON, as
// the timed loop does, and compares the verdicts and detected endpoints with
// the labels.
func checkLibrary(c *corpus) error {
	f, err := os.Open(c.path(corpusFile))
	if err != nil {
		return err
	}
	defer f.Close()
	// By line-1: the rules of the error findings, and the endpoint detected
	// when it is not the labelled one.
	errorRules := make([][]string, len(c.labels))
	detected := map[int]string{}
	err = validate.NDJSON(validate.Auto, f, func(r validate.Record) error {
		if r.Line < 1 || r.Line > len(c.labels) {
			return fmt.Errorf("validate.NDJSON reported line %d of a %d-line corpus", r.Line, len(c.labels))
		}
		for _, d := range r.Diagnostics {
			if d.Severity == lint.Error && !slices.Contains(errorRules[r.Line-1], d.Rule) {
				errorRules[r.Line-1] = append(errorRules[r.Line-1], d.Rule)
			}
		}
		if ep, ok := validate.Detect(r.Text); !ok || string(ep) != c.labels[r.Line-1].Endpoint {
			detected[r.Line-1] = string(ep)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var bad []disagreement
	for i, l := range c.labels {
		where := fmt.Sprintf("line %d", i+1)
		if ep, ok := detected[i]; ok {
			bad = append(bad, disagreement{where, l, "brazelint detected the endpoint as " + ep})
		} else if got := len(errorRules[i]) == 0; got != l.Valid {
			bad = append(bad, disagreement{where, l, lintGot(got, errorRules[i])})
		}
	}
	if len(bad) > 0 {
		return checkFailed("brazelint (validate.NDJSON)", len(c.labels), bad)
	}
	return nil
}

func lintGot(valid bool, rules []string) string {
	if valid {
		return "brazelint found no error, the label says invalid"
	}
	return "brazelint found errors (" + strings.Join(rules, ", ") + "), the label says valid"
}

// checkSchemaVerdicts compares ajv's verdict for each payload, in order, with
// the labels' schema verdicts.
func checkSchemaVerdicts(who string, labels []Label, where func(i int) string, valid []bool) error {
	if len(valid) != len(labels) {
		return fmt.Errorf("%s gave %d verdicts for %d payloads", who, len(valid), len(labels))
	}
	var bad []disagreement
	for i, l := range labels {
		if valid[i] != l.SchemaValid {
			bad = append(bad, disagreement{where(i), l, fmt.Sprintf("%s says %s, the label says %s", who, verdict(valid[i]), verdict(l.SchemaValid))})
		}
	}
	if len(bad) > 0 {
		return checkFailed(who, len(labels), bad)
	}
	return nil
}
