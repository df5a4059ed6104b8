package lint

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/lint/liquid"
)

// Rule is one check. Every diagnostic names the rule that produced it, and the
// docs, `brazelint explain` and SARIF rule metadata are generated from these
// fields, so a rule is described in exactly one place.
type Rule struct {
	ID string // stable kebab-case id
	// severity is the default severity. It is read-only: severities are
	// set per run with validate.Policy, never by changing the shared table.
	severity Severity
	Title    string   // one lower-case line
	Doc      string   // what the rule checks, why, and how to fix a finding
	Spec     []string // ids of the specification facts the rule enforces
	// Endpoints the rule applies to; nil means every endpoint.
	Endpoints []Endpoint
	// Check is the cross-field logic of a Go rule. It is nil for rules whose
	// findings come from the JSON syntax pass or from the JSON Schemas.
	Check func(*Pass)
	// needs names the members without one of which the rule reports
	// nothing: top-level members, or messages.<key> for a messaging
	// object (topNeeds and messageNeeds list the names), or
	// needTemplates for a rule that reads only templates. Run skips the
	// rule on payloads that have none of them; nil means it runs on every
	// payload.
	// TestNeedsSkipNoFinding holds every rule to its claim on every test
	// payload.
	needs []string
}

// Severity is the rule's default severity, which validate.Policy can change
// for a run.
func (r *Rule) Severity() Severity { return r.severity }

// AppliesTo reports whether the rule runs on payloads for ep.
func (r *Rule) AppliesTo(ep Endpoint) bool {
	return r.Endpoints == nil || slices.Contains(r.Endpoints, ep)
}

// Run runs the Go rules among rules that apply to ep over the payload doc
// at the lint time now, which the time-dependent rules read (a
// schedule.time already past); the zero time means the clock's. Findings go
// to report, unresolved: the caller turns their targets into positions, so
// rules never pay for locations nobody asked for. When the payload cannot
// spell a Liquid delimiter in any string (the scanner flags the strings
// that may, tape.Delims), the Liquid rules skip their walk of it: most
// payloads hold no template (LIQ-4).
func Run(rules []*Rule, ep Endpoint, doc *Doc, now time.Time, report func(Finding)) {
	p := &doc.pass // one per payload, not per rule
	p.Endpoint, p.Root, p.doc, p.report, p.now = ep, doc.Root(), doc, report, now
	p.resetLiquid()
	p.resetAttributes()
	p.resetRecipients()
	doc.audience.read = 0 // read again on first use
	present := doc.present()
	for _, r := range doc.running(rules, ep) {
		if r.needs&present == 0 {
			continue // none of the members it needs: it cannot fire
		}
		p.rule = r.Rule
		r.Check(p)
	}
	// Let the payload go: its templates are kept for the next to reuse.
	for _, t := range p.liquid {
		t.Template.Reset()
	}
	clear(p.liquid)
	clear(p.refs)
	clear(p.ids.ids) // the payload's strings
	p.resetAttributes()
	p.resetRecipients()
	p.report, p.Root, p.doc, p.rule = nil, Value{}, nil, nil
}

// runRule is a rule Run runs, with the needBits of its needs.
type runRule struct {
	*Rule
	needs uint64
}

// running returns the Go rules among rules that apply to ep. The answers
// are kept for the next payloads, which a service checks with the same
// rules, for one endpoint or a few.
func (d *Doc) running(rules []*Rule, ep Endpoint) []runRule {
	if !sameRules(rules, d.runFrom) {
		d.runFrom = slices.Clone(rules)
		clear(d.runs)
	}
	if run, ok := d.runs[ep]; ok {
		return run
	}
	var run []runRule
	for _, r := range rules {
		if r.Check != nil && r.AppliesTo(ep) {
			run = append(run, runRule{r, needBits(r.needs)})
		}
	}
	if d.runs == nil || len(d.runs) >= 16 { // endpoints are few; names from callers need not be
		d.runs = map[Endpoint][]runRule{}
	}
	d.runs[ep] = run
	return run
}

// sameRules is slices.Equal(a, b), which Run asks on every payload of a
// table of ~130 rules: compared as bytes, the pointers are compared many at
// a time. Two pointers are equal exactly when their bits are.
func sameRules(a, b []*Rule) bool {
	if len(a) != len(b) {
		return false
	}
	size := len(a) * int(unsafe.Sizeof((*Rule)(nil)))
	return string(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(a))), size)) ==
		string(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), size))
}

// Pass is what a Go rule sees: the endpoint and the payload.
type Pass struct {
	Endpoint Endpoint
	// Root is the payload's top-level object.
	Root   Value
	doc    *Doc
	rule   *Rule
	report func(Finding)
	now    time.Time // zero: time.Now

	liquid     []template // the templated strings, scanned on first use
	liquidDone bool
	refs       []templateRef // their references, read on first use
	refsDone   bool
	facts      liquidFact // what they hold, read with refs
	// Kept from payload to payload by the Doc the Pass lives in: scanned
	// templates to scan the next into, and the pointers of templated
	// strings (payloads of one service repeat them).
	parsed   []*liquid.Template
	pointers map[string]string
	buf      []byte
	ids      idSet      // duplicate-recipient's
	regexes  regexCache // invalid-regex's
	kept     []keptMessages

	// The recipients' attributes objects and their members, read on first
	// use (attributeObjects).
	attrObjects []attributeObject
	attrMembers []attributeMember
	attrsRead   bool
	// The recipients, read on first use (recipientList).
	recipients     []recipientMembers
	recipientsRead bool
}

// Now is the lint time: the clock validate.Config.Now gives, or time.Now.
func (p *Pass) Now() time.Time {
	if p.now.IsZero() {
		p.now = time.Now()
	}
	return p.now
}

// Report records a finding of the running rule at a place in the payload.
func (p *Pass) Report(at Target, message string, related ...Note) {
	p.emit(Finding{Rule: p.rule, At: at, Message: message, Related: related})
}

// ReportFix records a finding with a repair whose result is certain.
func (p *Pass) ReportFix(at Target, message string, fix Repair, related ...Note) {
	p.emit(Finding{Rule: p.rule, At: at, Message: message, Related: related, Fix: &fix})
}

// emit hands f on, its strings copied where they still point into the
// payload: a finding outlives the payload's bytes.
func (p *Pass) emit(f Finding) {
	d := p.doc
	f.Message = p.detach(f.Message)
	f.At.Pointer = p.detach(f.At.Pointer)
	for i := range f.Related {
		if d.holds(f.Related[i].Message) || d.holds(f.Related[i].At.Pointer) {
			f.Related = slices.Clone(f.Related)
			for j := range f.Related {
				f.Related[j].Message = p.detach(f.Related[j].Message)
				f.Related[j].At.Pointer = p.detach(f.Related[j].At.Pointer)
			}
			break
		}
	}
	if f.Fix != nil {
		for i := range f.Fix.Edits {
			e := &f.Fix.Edits[i]
			e.NewText, e.At.Pointer = p.detach(e.NewText), p.detach(e.At.Pointer)
		}
		f.Fix.Message = p.detach(f.Fix.Message)
	}
	p.report(f)
}

func (p *Pass) detach(s string) string {
	if p.doc.holds(s) {
		return strings.Clone(s)
	}
	return s
}

// Finding is a diagnostic before it is positioned. A rule names its places
// by JSON pointer; validate locates them (every target then PartSpan, byte
// offsets in the payload) and turns the findings it keeps into Diagnostics,
// with lines and columns, in one last pass. The strict pass makes its
// findings located, for what no pointer names, and so may a rule that has
// the member at hand (Value.KeySpan): its pointer is then not read again.
type Finding struct {
	Rule *Rule
	// Severity is the finding's own severity, for rules whose lesser
	// findings are warnings; zero means the rule's.
	Severity Severity
	At       Target
	Message  string
	Related  []Note
	Fix      *Repair // nil when there is no certain repair
}

// Repair is a Fix before it is located: its edits name their places by target.
type Repair struct {
	Message string
	Edits   []TargetEdit
}

// TargetEdit is one edit of a Repair: it replaces the bytes of a target, or
// inserts before or after them.
type TargetEdit struct {
	At      Target
	Place   EditPlace
	NewText string
}

// EditPlace says where a TargetEdit applies.
type EditPlace uint8

const (
	Replace      EditPlace = iota // the target's bytes
	InsertBefore                  // just before the target
	InsertAfter                   // just after the target
)

// Wrap is the repair that encloses a target's value in open and close, such
// as the brackets of an array: two insertions, so the value's own bytes and
// any edit inside them stay as they are.
func Wrap(message string, pointer, open, close string) Repair {
	at := ValueAt(pointer)
	return Repair{Message: message, Edits: []TargetEdit{{at, InsertBefore, open}, {at, InsertAfter, close}}}
}

// Note is a related location of a finding.
type Note struct {
	At      Target
	Message string
}

// Part says which bytes of the member at a pointer a finding covers.
type Part uint8

const (
	// PartValue is the value itself: where type, enum and limit errors point.
	PartValue Part = iota
	// PartKey is the member's name, quotes included: where unknown members point.
	PartKey
	// PartMember runs from the name through the value: where conflicts point.
	PartMember
	// PartText is a range of a string value as decoded: Start and End are
	// byte offsets in the string, and locating maps them through the JSON
	// escapes to the file. Where Liquid findings point.
	PartText
	// PartSpan is a target located: Start and End are byte offsets in the
	// payload, and Pointer (possibly "") names the value there. validate
	// locates every target so and takes one made so as it is; the strict
	// pass's findings, which no pointer could name (a syntax error), are.
	PartSpan
)

// Target is a place in the payload: a JSON pointer and the part of the member
// there. For array elements and the root, which have no name, every part is the
// value.
type Target struct {
	Pointer    string
	Part       Part
	Start, End int // for PartText and PartSpan only
}

// ValueAt, KeyAt, MemberAt, TextAt and SpanAt build targets.
func ValueAt(pointer string) Target  { return Target{Pointer: pointer, Part: PartValue} }
func KeyAt(pointer string) Target    { return Target{Pointer: pointer, Part: PartKey} }
func MemberAt(pointer string) Target { return Target{Pointer: pointer, Part: PartMember} }
func TextAt(pointer string, start, end int) Target {
	return Target{Pointer: pointer, Part: PartText, Start: start, End: end}
}
func SpanAt(pointer string, start, end int) Target {
	return Target{Pointer: pointer, Part: PartSpan, Start: start, End: end}
}

// Pointer builds an RFC 6901 JSON pointer from member names (string) and array
// indexes (int).
func Pointer(tokens ...any) string { return jsonpointer.Build(tokens...) }

// Path renders member names and indexes the way messages name a place:
// recipients[3].email. A member name the schemas do not declare is written
// as * (trigger_properties.*): it is payload data (see Declared).
func Path(tokens ...any) string {
	var b strings.Builder
	b.Grow(pathRoom(tokens)) // one allocation, the string's
	writePath(&b, tokens)
	return b.String()
}

// keptMessages are the pointers and messages recipientMessage made for one
// rule's findings on recipients: payloads of one service repeat them.
type keptMessages struct {
	rule         *Rule
	member, tail string
	made         []pointerAndMessage // by recipient index
}

type pointerAndMessage struct{ pointer, message string }

// A Pass keeps the messages of the first maxKeptRecipients recipients, for
// at most maxKeptSites calls of recipientMessage: most payloads list a few
// recipients, and a pooled Doc should not hold much.
const (
	maxKeptRecipients = 16
	maxKeptSites      = 4
)

// recipientMessage returns Pointer("recipients", i, member) (without member
// when it is "") and Path("recipients", i)+tail, as pointerMessage does,
// keeping them for the next findings of the running rule on recipient i
// with the same member and tail. tail must not point into the payload: it
// is kept.
func (p *Pass) recipientMessage(i int, member, tail string) (pointer, message string) {
	var k *keptMessages
	for j := range p.kept {
		// One call site's constants are the same strings: == is quick.
		if e := &p.kept[j]; e.rule == p.rule && e.member == member && e.tail == tail {
			k = e
			break
		}
	}
	if k != nil && i < len(k.made) && k.made[i].message != "" {
		return k.made[i].pointer, k.made[i].message
	}
	at := []any{"recipients", i, member}
	if member == "" {
		at = at[:2]
	}
	pointer, message = pointerMessage(at, at[:2], tail)
	if i < 0 || i >= maxKeptRecipients {
		return pointer, message
	}
	if k == nil {
		if len(p.kept) >= maxKeptSites {
			return pointer, message
		}
		p.kept = append(p.kept, keptMessages{rule: p.rule, member: member, tail: tail})
		k = &p.kept[len(p.kept)-1]
	}
	if i >= len(k.made) {
		k.made = append(k.made, make([]pointerAndMessage, i+1-len(k.made))...)
	}
	k.made[i] = pointerAndMessage{pointer, message}
	return pointer, message
}

// pointerMessage returns Pointer(at...) and Path(path...)+tail in one
// allocation, for the rules that report on each of many recipients.
func pointerMessage(at, path []any, tail string) (pointer, message string) {
	n := len(tail) + pathRoom(path)
	for _, t := range at {
		if s, ok := t.(string); ok {
			n += 1 + len(s) + 2 // room for an escape or two
		} else {
			n += 1 + 20
		}
	}
	var b strings.Builder
	b.Grow(n)
	var digits [20]byte
	for _, t := range at {
		b.WriteByte('/')
		switch t := t.(type) {
		case string:
			for i := 0; i < len(t); i++ { // jsonpointer.Escape's escapes
				switch c := t[i]; c {
				case '~':
					b.WriteString("~0")
				case '/':
					b.WriteString("~1")
				default:
					b.WriteByte(c)
				}
			}
		case int:
			b.Write(strconv.AppendInt(digits[:0], int64(t), 10))
		default:
			panic("lint.pointerMessage: token must be string or int")
		}
	}
	end := b.Len()
	writePath(&b, path)
	b.WriteString(tail)
	s := b.String()
	return s[:end], s[end:]
}

// pathRoom is the most bytes Path writes for tokens.
func pathRoom(tokens []any) int {
	n := 0
	for _, t := range tokens {
		if s, ok := t.(string); ok {
			n += 1 + len(s)
		} else {
			n += 2 + 20
		}
	}
	return n
}

// writePath writes Path(tokens...) to b.
func writePath(b *strings.Builder, tokens []any) {
	start := b.Len()
	var digits [20]byte
	for _, t := range tokens {
		switch t := t.(type) {
		case string:
			if b.Len() > start {
				b.WriteByte('.')
			}
			if !Declared(t) {
				t = undeclaredToken // payload data, not vocabulary
			}
			b.WriteString(t)
		case int:
			b.WriteByte('[')
			b.Write(strconv.AppendInt(digits[:0], int64(t), 10))
			b.WriteByte(']')
		default:
			panic("lint.Path: token must be string or int")
		}
	}
}
