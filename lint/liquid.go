package lint

import (
	"slices"
	"strconv"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/internal/tape"
	"github.com/brazelint/brazelint/lint/liquid"
)

// Helpers for the Liquid rules (LIQ-*), which read the templates of a
// /messages/send body's message content and, for the syntax rules only, the
// strings of a /campaigns/trigger/send body that Braze evaluates (LIQ-44).

// notTemplates are the members under messages whose values Braze does not
// render: ids, enums and machine values (LIQ-1, LIQ-2). Everything else under
// messages is a template.
var notTemplates = map[string]bool{
	"app_id": true, "subscription_group_id": true, "message_variation_id": true, "email_template_id": true,
	"notification_channel_id": true, "notification_group_thread_id": true, "notification_id": true,
	"collapse_key": true, "collapse_id": true, "category": true, "priority": true, "android_priority": true,
	"apns_priority": true, "interruption_level": true, "sound": true, "accent_color": true,
	"asset_file_type": true, "http_method": true, "message_type": true, "type": true, "template_name": true,
	"language": true, "expiry": true, "time_to_live": true,
}

// template is one string of the message content that holds Liquid.
type template struct {
	*liquid.Template
	pass    *Pass
	node    int32  // the string's node in the tape, from which its pointer is built
	Channel string // the member of messages it is under: "email", "webhook", ...; "" outside messages
	Key     string // the member that holds it (for an array element, the array's)
	// warn marks a string of a /campaigns/trigger/send body, whose Liquid
	// findings are warnings, never errors (LIQ-44).
	warn bool
	// depth is the number of tokens of the pointer; headers, that a member
	// above the string's own has a name ending in "headers" (webhook headers).
	depth   int
	headers bool
	ptr     string // the pointer, built on the first finding
}

// warnOnly reports whether the template is outside message content: a
// string of a /campaigns/trigger/send body, whose Liquid findings are
// warnings, never errors (LIQ-44).
func (t *template) warnOnly() bool { return t.warn }

// at is the target of bytes [start, end) of the template.
func (t *template) at(start, end int) Target { return TextAt(t.pointer(), start, end) }

// is reports whether the template is the string /messages/channel/key.
func (t *template) is(channel, key string) bool {
	return !t.warn && t.depth == 3 && t.Channel == channel && t.Key == key
}

// pointer returns the template's JSON pointer, built on first use: only a
// template with a finding needs one.
func (t *template) pointer() string {
	if t.ptr == "" {
		t.ptr = t.pass.pointerOf(t.node)
	}
	return t.ptr
}

// resetLiquid readies the Liquid state of p for the next payload.
func (p *Pass) resetLiquid() {
	// A payload none of whose strings may hold a delimiter holds no
	// template (LIQ-4): most payloads.
	p.liquid, p.liquidDone = p.liquid[:0], !p.doc.t.Delims
	p.refs, p.refsDone, p.facts = p.refs[:0], false, 0
}

// templates returns the templated strings of the payload's message content,
// scanned once per payload and shared by every Liquid rule.
func (p *Pass) templates() []template {
	if p.liquidDone {
		return p.liquid
	}
	p.liquidDone = true
	switch targeting(p.Endpoint) {
	case TargetUserLists:
		if m := topMember(p.Root, topMessages); m.IsObject() {
			p.collectTemplates(m.i, "", false)
		}
	case TargetRecipients, TargetOneRecipient: // the rules run on campaign bodies only (templated)
		// Braze evaluates Liquid in the trigger properties and recipient
		// attributes of the request (LIQ-44, TS-58); their keys are the
		// caller's own, so notTemplates does not apply.
		if v := p.Root.Get("trigger_properties"); v.Exists() {
			p.collectTemplates(v.i, "trigger_properties", true)
		}
		for _, m := range p.recipientList() {
			if v := m.triggerProperties; v.Exists() {
				p.collectTemplates(v.i, "trigger_properties", true)
			}
			if v := m.attributes; v.Exists() {
				p.collectTemplates(v.i, "attributes", true)
			}
		}
	}
	return p.liquid
}

// collectTemplates adds the templated strings of the value at node root,
// in the order written: the messages object (the message content), or,
// outside it (anyKey), a value whose member is key and whose every string
// may be a template. Only the strings the scanner flagged as maybe holding
// a delimiter (tape.Delims) are read.
func (p *Pass) collectTemplates(root int32, key string, anyKey bool) {
	nodes := p.doc.t.Nodes
	for k, end := root, nodes[root].Next; k < end; k++ {
		if nodes[k].Flags&(tape.Delims|tape.Name) == tape.Delims {
			p.addTemplate(k, root, key, anyKey)
		}
	}
}

// addTemplate adds string node k under the value at node root, unless a
// member on the way is one Braze does not render (notTemplates) or one the
// payload repeats or validate removed, or the string holds no delimiter
// once decoded.
func (p *Pass) addTemplate(k, root int32, key string, anyKey bool) {
	d := p.doc
	nodes := d.t.Nodes
	tp := template{pass: p, node: k, Key: key, warn: anyKey, depth: 1}
	keySet := false
	for v := k; v != root; tp.depth++ {
		parent := nodes[v].Parent
		if nodes[parent].Kind == tape.Object {
			name := v - 1 // a member's name is the node before its value
			if nodes[name].Flags&(tape.Shadowed|tape.Absent) != 0 {
				return
			}
			s := d.str(name)
			switch {
			case !anyKey && parent == root:
				tp.Channel = s
			case !anyKey && notTemplates[s]:
				return
			}
			if !keySet {
				tp.Key, keySet = s, true
			}
			if v != k && strings.HasSuffix(s, "headers") {
				tp.headers = true
			}
		}
		v = parent
	}
	s := d.str(k)
	if !liquid.HasDelims(s) {
		return
	}
	n := len(p.liquid)
	if n == len(p.parsed) {
		p.parsed = append(p.parsed, new(liquid.Template))
	}
	liquid.ParseInto(p.parsed[n], s)
	tp.Template = p.parsed[n]
	p.liquid = append(p.liquid, tp)
}

// maxPointers bounds the template pointers a Pass keeps.
const maxPointers = 1024

// pointerOf returns the JSON pointer of node k, from the pointers kept
// when an earlier payload had it.
func (p *Pass) pointerOf(k int32) string {
	d := p.doc
	nodes := d.t.Nodes
	var buf [16]int32 // the nodes on the way up, on the stack unless deeper
	path := buf[:0]
	for v := k; v != 0; v = nodes[v].Parent {
		path = append(path, v)
	}
	b := p.buf[:0]
	for i := len(path) - 1; i >= 0; i-- {
		v := path[i]
		b = append(b, '/')
		if parent := nodes[v].Parent; nodes[parent].Kind == tape.Object {
			b = jsonpointer.AppendEscaped(b, d.str(v-1))
		} else {
			b = strconv.AppendInt(b, int64(elementIndex(d, parent, v)), 10)
		}
	}
	p.buf = b
	if ptr, ok := p.pointers[string(b)]; ok {
		return ptr
	}
	if p.pointers == nil || len(p.pointers) >= maxPointers {
		p.pointers = make(map[string]string)
	}
	ptr := string(b)
	p.pointers[ptr] = ptr
	return ptr
}

// elementIndex is the index of element node e in array node arr: counted
// in a small array, looked up in the index of a large one, so that pointers
// into a large array cost no more than its index.
func elementIndex(d *Doc, arr, e int32) int {
	nodes := d.t.Nodes
	if nodes[arr].Len <= smallObject {
		i := 0
		for k := arr + 1; k != e; k = nodes[k].Next {
			i++
		}
		return i
	}
	Value{d, arr}.Index(0) // makes the index
	i, _ := slices.BinarySearch(d.elements[arr], e)
	return i
}

// reportIn records a finding of the running rule at bytes [start, end) of a
// template: with the rule's severity, or as a warning where the template's
// findings are warnings only.
func (p *Pass) reportIn(t *template, start, end int, message string, related ...Note) {
	p.reportInAs(p.rule.severity, t, start, end, message, related...)
}

// reportInAs is reportIn with a severity other than the rule's.
func (p *Pass) reportInAs(sev Severity, t *template, start, end int, message string, related ...Note) {
	if t.warn && sev == Error {
		sev = Warning
	}
	p.emit(Finding{Rule: p.rule, Severity: sev, At: t.at(start, end), Message: message, Related: related})
}

// eachNode calls fn for every node of every template.
func (p *Pass) eachNode(fn func(t *template, n *liquid.Node)) {
	ts := p.templates()
	for i := range ts {
		for j := range ts[i].Nodes {
			fn(&ts[i], &ts[i].Nodes[j])
		}
	}
}

// eachRef calls fn for every Path token that holds a `${...}` reference.
// The references are read once per payload, for every rule that asks.
func (p *Pass) eachRef(fn func(t *template, tok liquid.Token, ref liquid.Ref)) {
	p.readTemplates()
	for _, r := range p.refs {
		fn(r.t, r.tok, r.ref)
	}
}

// liquidFact is something the payload's templates hold, found in one pass
// over their nodes (readTemplates): a Liquid rule that looks for something
// rare returns at once when no template holds it, instead of walking them.
type liquidFact uint16

const (
	factUnknownTag        liquidFact = 1 << iota // a tag name Braze does not have
	factBadOperator                              // && or ||
	factCurlyQuote                               // a curly quote token, or an abort_message or promotion tag
	factConnectedContent                         // a connected_content tag
	factTranslation                              // a translation tag
	factMessageExtras                            // a message_extras tag
	factUnknownFilter                            // a filter in neither list
	factUnsupportedFilter                        // a filter Braze does not support
	factCampaignName                             // campaign.${name} or campaign.${message_name}
	factOddNamespace                             // a reference in a namespace Braze does not document, or a bare one to no standard attribute
	factEmptyNamespace                           // a reference in a namespace that may render empty in /messages/send
	factTriggerNamespace                         // an api_trigger_properties reference
	factRefArgument                              // a filter argument that may be a reference
)

// has reports whether some template of the payload holds f.
func (p *Pass) has(f liquidFact) bool {
	p.readTemplates()
	return p.facts&f != 0
}

// readTemplates reads, once per payload, the references and the facts of
// the templates.
func (p *Pass) readTemplates() {
	if p.refsDone {
		return
	}
	p.refsDone = true
	var facts liquidFact
	ts := p.templates()
	for i := range ts {
		t := &ts[i]
		for j := range t.Nodes {
			n := &t.Nodes[j]
			if n.Kind == liquid.Tag {
				switch n.Name {
				case "connected_content":
					facts |= factConnectedContent
				case "translation":
					facts |= factTranslation
				case "message_extras":
					facts |= factMessageExtras
				case "abort_message", "promotion":
					facts |= factCurlyQuote
				}
				if n.Name != "" && !liquid.KnownTag(n.Name) {
					facts |= factUnknownTag
				}
			}
			for _, tok := range n.Toks {
				switch tok.Kind {
				case liquid.Path:
					ref := t.PathRef(tok)
					if ref.HasRef {
						p.refs = append(p.refs, templateRef{t, tok, ref})
						ns, known := liquid.Namespaces[ref.Root]
						if ref.Root == "" && !liquid.StandardAttributes[ref.Name] || ref.Root != "" && !known {
							facts |= factOddNamespace
						}
						switch ns {
						case liquid.Empty, liquid.CampaignOnly, liquid.DeviceOnly:
							facts |= factEmptyNamespace
						case liquid.TriggerOnly:
							facts |= factTriggerNamespace
						}
					}
					if ref.Root == "campaign" && (ref.Name == "name" || ref.Name == "message_name") {
						facts |= factCampaignName
					}
				case liquid.BadOperator:
					facts |= factBadOperator
				case liquid.CurlyQuote:
					facts |= factCurlyQuote
				}
			}
			for _, f := range t.Filters(n) {
				for _, arg := range f.Args {
					if arg.Kind == liquid.Nested || arg.Kind == liquid.Path && t.HasRef(arg) {
						facts |= factRefArgument
					}
				}
				switch {
				case liquid.UnsupportedFilters[f.Name]:
					facts |= factUnsupportedFilter
				case !liquid.SupportedFilters[f.Name]:
					facts |= factUnknownFilter
				}
			}
		}
	}
	p.facts = facts
}

// templateRef is a `${...}` reference of a template.
type templateRef struct {
	t   *template
	tok liquid.Token
	ref liquid.Ref
}

// eachFilter calls fn for every filter applied in any expression.
func (p *Pass) eachFilter(fn func(t *template, f liquid.Filter)) {
	p.eachNode(func(t *template, n *liquid.Node) {
		for _, f := range t.Filters(n) {
			fn(t, f)
		}
	})
}
