// Package validate is brazelint's front door: payload bytes in, sorted and
// located diagnostics out.
//
//	diags := validate.Bytes(validate.MessagesSend, body)
//
// A payload goes through three passes: a strict pass over the bytes (syntax,
// UTF-8, duplicate names, depth and size limits), the endpoint's JSON Schema,
// and the Go rules for constraints that span fields. Every function here is
// safe for concurrent use and never panics on any input.
package validate

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// Endpoint names the Braze endpoint a payload is for.
type Endpoint = lint.Endpoint

// The endpoints of lint's endpoint table (lint.DefaultEndpoints).
const (
	MessagesSend                   = lint.MessagesSend
	CampaignsTriggerSend           = lint.CampaignsTriggerSend
	CanvasTriggerSend              = lint.CanvasTriggerSend
	MessagesScheduleCreate         = lint.MessagesScheduleCreate
	CampaignsTriggerScheduleCreate = lint.CampaignsTriggerScheduleCreate
	CanvasTriggerScheduleCreate    = lint.CanvasTriggerScheduleCreate
	TransactionalSend              = lint.TransactionalSend
	// Auto picks the endpoint from the payload's members (see Detect), and
	// reports endpoint-unknown when it cannot.
	Auto Endpoint = "auto"
)

// ParseEndpoint reads an endpoint name: "auto", or a name of the endpoint
// table, such as "messages/send" or "canvas/trigger/send" (a leading slash is
// allowed; the transactional endpoint is "transactional/send", its full path
// accepted too).
func ParseEndpoint(s string) (Endpoint, error) { return ParseEndpointIn(lint.DefaultEndpoints, s) }

// ParseEndpointIn is ParseEndpoint over the endpoints of reg.
func ParseEndpointIn(reg *lint.Registry, s string) (Endpoint, error) {
	if s == string(Auto) || s == "/"+string(Auto) {
		return Auto, nil
	}
	if e, ok := reg.Lookup(s); ok {
		return e, nil
	}
	return "", fmt.Errorf("unknown endpoint %q (want auto, %s)", strings.TrimPrefix(s, "/"), reg.Names())
}

// Limits applied when a Config leaves them zero.
const (
	DefaultMaxBytes = 4 << 20
	DefaultMaxDepth = 64
	// DefaultMaxDiagnostics is the most diagnostics returned for a payload.
	DefaultMaxDiagnostics = 200
)

// Config holds the limits and the rule policy of a validation. The zero
// Config uses the defaults and every rule's own severity.
type Config struct {
	// MaxBytes is the largest payload parsed; a larger one gets one
	// input-too-large diagnostic.
	MaxBytes int
	// MaxDepth is the deepest nesting of objects and arrays parsed; deeper
	// input gets one json-too-deep diagnostic.
	MaxDepth int
	// MaxDiagnostics is the most diagnostics returned for one payload; the
	// rest are summed up in one last too-many-findings diagnostic.
	MaxDiagnostics int
	// Policy sets rule severities and turns rules off; nil leaves every
	// rule as it is. It is applied before MaxDiagnostics.
	Policy *Policy
	// Path is the file the payload comes from, for the Policy's path
	// patterns: absolute, or relative to the working directory when the
	// Policy was made. Empty (standard input, a request body) matches no
	// path pattern.
	Path string
	// Endpoints is the endpoint table payloads are detected and checked
	// with; nil means lint.DefaultEndpoints. Tests register endpoints of
	// their own here.
	Endpoints *lint.Registry
	// Now is the clock of the rules that depend on the time, such as a
	// schedule.time already past; nil means time.Now.
	Now func() time.Time

	// streamErrors maps schema errors one by one, as a payload with very
	// many has them mapped, whatever their number: a test's switch.
	streamErrors bool
}

func (c Config) endpoints() *lint.Registry {
	if c.Endpoints == nil {
		return lint.DefaultEndpoints
	}
	return c.Endpoints
}

// ForPath is c for the payload of the file at path (see Path).
func (c Config) ForPath(path string) Config {
	c.Path = path
	return c
}

func (c Config) maxBytes() int { return orDefault(c.MaxBytes, DefaultMaxBytes) }
func (c Config) maxDepth() int { return orDefault(c.MaxDepth, DefaultMaxDepth) }
func (c Config) maxDiagnostics() int {
	return orDefault(c.MaxDiagnostics, DefaultMaxDiagnostics)
}

func orDefault(v, def int) int {
	if v > 0 {
		return v
	}
	return def
}

// Bytes validates a payload for ep with the default limits.
func Bytes(ep Endpoint, data []byte) []lint.Diagnostic { return Config{}.Bytes(ep, data) }

// Bytes validates a payload for ep and returns its diagnostics sorted by
// position, then rule id. An empty result means the payload is clean.
func (c Config) Bytes(ep Endpoint, data []byte) []lint.Diagnostic {
	ds, _ := c.check(ep, data)
	return ds
}

// check is Bytes, and what the fixes of all the findings, shown or not,
// would do to the payload's length.
func (c Config) check(ep Endpoint, data []byte) ([]lint.Diagnostic, fixStats) {
	var policy *payloadPolicy
	if c.Policy != nil {
		policy = c.Policy.forPath(c.Path)
	}
	d, found, ok := parse(data, c)
	body := 0
	if bytes.HasPrefix(data, bom) && len(data) <= c.maxBytes() {
		body = len(bom)
	}
	if !ok {
		sel := newSelection(c.maxDiagnostics(), policy)
		for _, r := range found {
			sel.add(r)
		}
		return sel.diagnostics(data, body), sel.fixes
	}
	defer d.release()
	sel := &d.sel
	sel.reset(c.maxDiagnostics(), policy)
	// With nothing to say about the bytes, the strict scan read every one
	// as UTF-8; trailing data after the value, for one, it did not.
	sel.lines.validUTF8 = len(found) == 0
	sel.lines.ascii, sel.lines.oneLine = d.tape.ASCII, d.tape.OneLine
	for _, r := range found {
		sel.add(r)
	}
	d.lint.Reset(d.tape)
	if ep == Auto {
		ep, ok = c.endpoints().DetectDoc(&d.lint)
	}
	loc := &d.loc
	loc.reset(&d.lint, d.tape)
	_, known := c.endpoints().Spec(ep)
	switch {
	case !ok || !known:
		msg := "cannot tell the endpoint from the payload's members: name it with --endpoint"
		if ok {
			msg = "unknown endpoint " + string(ep) + ": use " + c.endpoints().Names()
		}
		if v, found := loc.resolve(lint.ValueAt("")); found {
			sel.add(lint.Finding{Rule: lint.EndpointUnknown, At: lint.SpanAt("", v.start, v.end), Message: msg})
		}
	default:
		c.findings(ep, d, loc, policy, d.emit)
	}
	return sel.diagnostics(data, body), sel.fixes
}

// findings runs the endpoint's schema and every Go rule that applies to it
// and that the policy leaves on over the payload d, and emits each finding
// as it is made: a payload with a million findings never holds them all.
func (c Config) findings(ep Endpoint, d *doc, loc *locator, policy *payloadPolicy, emit func(lint.Finding)) {
	checker, err := c.endpoints().Schemas().Checker()
	if err != nil {
		panic("brazelint: embedded schemas do not build: " + err.Error())
	}
	// Most payloads are valid: the tape answers that without the tree,
	// which only the errors of the others are worded from.
	if !checker.ValidTape(schemaFile(c.endpoints(), ep), d.tape) {
		c.schemaFindings(checker, ep, d, loc, policy, emit)
	}
	var now time.Time // zero: the rules read time.Now themselves, only if they need it
	if c.Now != nil {
		now = c.Now()
	}
	lint.Run(policy.run(), ep, &d.lint, now, emit)
}

// schemaFindings maps the errors of the payload d, which the endpoint's
// schema rejects, to findings.
func (c Config) schemaFindings(checker *schema.Checker, ep Endpoint, d *doc, loc *locator, policy *payloadPolicy, emit func(lint.Finding)) {
	file := schemaFile(c.endpoints(), ep)
	errs := func(only func(string) bool, yield func(*schema.Error) bool) {
		checker.EachErrorTape(file, d.tape, only, yield)
	}
	schemaFindingsIn(c.endpoints(), checker, ep, d.lint.Root(), errs, c.streamErrors, func(f lint.Finding) {
		if !policy.off(f.Rule) {
			emit(f)
		}
	}, func(pointer string) {
		// The Go rules read the member as absent, as Braze does.
		if _, key, ok := loc.node(pointer); ok && key >= 0 {
			d.lint.Remove(key)
		}
	})
}

// locateFinding resolves a finding's targets into byte spans (PartSpan).
// Its related notes and repair are written in loc's memory for the payload,
// which diagnosticsIn copies them out of, up to locatedScratch of each: past
// that they are allocated on their own, so that the memory of findings the
// selection drops goes with them.
func locateFinding(loc *locator, f lint.Finding) (lint.Finding, bool) {
	at, ok := loc.resolve(f.At)
	if !ok {
		return lint.Finding{}, false
	}
	related := f.Related
	f.At, f.Related = lint.SpanAt(f.At.Pointer, at.start, at.end), nil
	if len(related) > 0 {
		notes := loc.notes
		if len(notes)+len(related) > locatedScratch {
			notes = make([]lint.Note, 0, len(related))
		}
		from := len(notes)
		for _, n := range related {
			if s, ok := loc.resolve(n.At); ok {
				notes = append(notes, lint.Note{At: lint.SpanAt(n.At.Pointer, s.start, s.end), Message: n.Message})
			}
		}
		if len(notes) > from {
			f.Related = notes[from:len(notes):len(notes)]
		}
		if len(loc.notes) == from {
			loc.notes = notes
		}
	}
	if f.Fix != nil {
		f.Fix = locateRepair(loc, f.Fix)
	}
	return f, true
}

// locatedScratch bounds the notes, edits and repairs a locator keeps for a
// payload's findings (Bytes reports 200 by default).
const locatedScratch = 1024

// locateRepair turns a repair's targets into byte spans, each edit a
// replacement; nil when one of them cannot be found, since half a fix is no
// fix. Its edits are written in loc's memory, as locateFinding's notes.
func locateRepair(loc *locator, rep *lint.Repair) *lint.Repair {
	if len(loc.edits)+len(rep.Edits) > locatedScratch || len(loc.repairs) >= locatedScratch {
		fix := new(lint.Repair)
		if _, ok := locateRepairIn(loc, rep, make([]lint.TargetEdit, 0, len(rep.Edits)), fix); !ok {
			return nil
		}
		return fix
	}
	loc.repairs = append(loc.repairs, lint.Repair{})
	fix := &loc.repairs[len(loc.repairs)-1]
	edits, ok := locateRepairIn(loc, rep, loc.edits, fix)
	if !ok {
		loc.repairs = loc.repairs[:len(loc.repairs)-1]
		return nil
	}
	loc.edits = edits
	return fix
}

// locateRepairIn is locateRepair appending the edits to edits, which it
// returns, and writing the repair in fix.
func locateRepairIn(loc *locator, rep *lint.Repair, edits []lint.TargetEdit, fix *lint.Repair) ([]lint.TargetEdit, bool) {
	from := len(edits)
	for _, e := range rep.Edits {
		s, ok := loc.resolve(e.At)
		if !ok {
			return edits[:from], false
		}
		switch e.Place {
		case lint.InsertBefore:
			s.end = s.start
		case lint.InsertAfter:
			s.start = s.end
		}
		edits = append(edits, lint.TargetEdit{At: lint.SpanAt(e.At.Pointer, s.start, s.end), NewText: e.NewText})
	}
	*fix = lint.Repair{Message: rep.Message, Edits: edits[from:len(edits):len(edits)]}
	return edits, true
}

// diagnostics turns located findings into sorted diagnostics with line:column
// positions, computed in one pass in offset order.
func diagnostics(src []byte, body int, fs []lint.Finding) []lint.Diagnostic {
	return diagnosticsIn(new(lines), src, body, fs)
}

// diagnosticsIn is diagnostics with the line index in l's memory.
func diagnosticsIn(l *lines, src []byte, body int, fs []lint.Finding) []lint.Diagnostic {
	if len(fs) == 0 {
		return nil
	}
	l.reset(src, body)
	// In offset order, each position is counted on from the one before.
	slices.SortStableFunc(fs, func(a, b lint.Finding) int { return cmp.Compare(a.At.Start, b.At.Start) })
	// The related locations, fixes and edits of all the diagnostics share
	// one allocation of each kind, each diagnostic's capped to its own.
	var nRelated, nFixes, nEdits int
	for _, f := range fs {
		nRelated += len(f.Related)
		if f.Fix != nil {
			nFixes++
			nEdits += len(f.Fix.Edits)
		}
	}
	var related []lint.Related
	var fixes []lint.Fix
	var edits []lint.Edit
	if nRelated > 0 {
		related = make([]lint.Related, 0, nRelated)
	}
	if nFixes > 0 {
		fixes = make([]lint.Fix, 0, nFixes)
	}
	if nEdits > 0 {
		edits = make([]lint.Edit, 0, nEdits)
	}
	ds := make([]lint.Diagnostic, 0, len(fs))
	for _, f := range fs {
		d := lint.Diagnostic{Rule: f.Rule.ID, Severity: finalSeverity(f), Pointer: f.At.Pointer,
			Start: l.position(f.At.Start), End: l.position(f.At.End), Message: f.Message}
		if len(f.Related) > 0 {
			from := len(related)
			for _, n := range f.Related {
				related = append(related, lint.Related{Pointer: n.At.Pointer,
					Start: l.position(n.At.Start), End: l.position(n.At.End), Message: n.Message})
			}
			d.Related = related[from:len(related):len(related)]
		}
		if f.Fix != nil {
			fix := lint.Fix{Message: f.Fix.Message}
			if len(f.Fix.Edits) > 0 {
				from := len(edits)
				for _, e := range f.Fix.Edits {
					edits = append(edits, lint.Edit{Start: l.position(e.At.Start), End: l.position(e.At.End), NewText: e.NewText})
				}
				fix.Edits = edits[from:len(edits):len(edits)]
			}
			fixes = append(fixes, fix)
			d.Fixes = fixes[len(fixes)-1 : len(fixes) : len(fixes)]
		}
		ds = append(ds, d)
	}
	lint.SortDiagnostics(ds)
	return ds
}
