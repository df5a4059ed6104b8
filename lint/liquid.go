package lint

import (
	"strconv"
	"strings"

	"github.com/brazelint/brazelint/internal/jsonpointer"
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
	Pointer string
	Channel string // the member of messages it is under: "email", "webhook", ...; "" outside messages
	Key     string // the member that holds it (for an array element, the array's)
}

// warnOnly reports whether the template is outside message content: a
// string of a /campaigns/trigger/send body, whose Liquid findings are
// warnings, never errors (LIQ-44).
func (t *template) warnOnly() bool { return !strings.HasPrefix(t.Pointer, "/messages/") }

// at is the target of bytes [start, end) of the template.
func (t *template) at(start, end int) Target { return TextAt(t.Pointer, start, end) }

// templates returns the templated strings of the payload's message content,
// scanned once per payload and shared by every Liquid rule.
func (p *Pass) templates() []template {
	if p.liquidDone {
		return p.liquid
	}
	p.liquidDone = true
	var buf [16]string // the walk's path, on the stack unless templates nest deeper
	path := buf[:0]
	switch targeting(p.Endpoint) {
	case TargetUserLists:
		path = append(path, "messages", "")
		for channel, v := range p.Root.Get("messages").Members() {
			path[1] = channel
			p.collectTemplates(v, path, channel, channel, false)
		}
	case TargetRecipients, TargetOneRecipient: // the rules run on campaign bodies only (templated)
		// Braze evaluates Liquid in the trigger properties and recipient
		// attributes of the request (LIQ-44, TS-58); their keys are the
		// caller's own, so notTemplates does not apply.
		path = append(path, "trigger_properties")
		p.collectTemplates(p.Root.Get("trigger_properties"), path, "", "trigger_properties", true)
		path = append(path[:0], "recipients", "", "")
		for i, r := range p.Root.Get("recipients").Elements() {
			for _, k := range [...]string{"trigger_properties", "attributes"} {
				if v := r.Get(k); v.Exists() {
					path[1], path[2] = strconv.Itoa(i), k
					p.collectTemplates(v, path, "", k, true)
				}
			}
		}
	}
	return p.liquid
}

// collectTemplates walks v, whose place is path, for strings with Liquid.
// Pointers are built only for those, which are few. Outside the message
// content (anyKey), every member's strings are templates.
func (p *Pass) collectTemplates(v Value, path []string, channel, key string, anyKey bool) {
	switch {
	case v.IsString():
		s, _ := v.Str()
		if liquid.HasDelims(s) {
			k := len(p.liquid)
			if k == len(p.parsed) {
				p.parsed = append(p.parsed, new(liquid.Template))
			}
			liquid.ParseInto(p.parsed[k], s)
			p.liquid = append(p.liquid, template{p.parsed[k], p.pointer(path), channel, key})
		}
	case v.IsObject():
		for k, e := range v.Members() {
			if anyKey || !notTemplates[k] {
				p.collectTemplates(e, append(path, k), channel, k, anyKey)
			}
		}
	case v.IsArray():
		for i, e := range v.Elements() {
			p.collectTemplates(e, append(path, strconv.Itoa(i)), channel, key, anyKey)
		}
	}
}

// maxPointers bounds the template pointers a Pass keeps.
const maxPointers = 1024

// pointer returns the JSON pointer of path, from the pointers kept when
// an earlier payload had it.
func (p *Pass) pointer(path []string) string {
	b := p.buf[:0]
	for _, s := range path {
		b = append(b, '/')
		b = jsonpointer.AppendEscaped(b, s)
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

// reportIn records a finding of the running rule at bytes [start, end) of a
// template: with the rule's severity, or as a warning where the template's
// findings are warnings only.
func (p *Pass) reportIn(t *template, start, end int, message string, related ...Note) {
	p.reportInAs(p.rule.severity, t, start, end, message, related...)
}

// reportInAs is reportIn with a severity other than the rule's.
func (p *Pass) reportInAs(sev Severity, t *template, start, end int, message string, related ...Note) {
	if t.warnOnly() && sev == Error {
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
	if !p.refsDone {
		p.refsDone = true
		p.eachNode(func(t *template, n *liquid.Node) {
			for _, tok := range n.Toks {
				if tok.Kind == liquid.Path {
					if ref := t.PathRef(tok); ref.HasRef {
						p.refs = append(p.refs, templateRef{t, tok, ref})
					}
				}
			}
		})
	}
	for _, r := range p.refs {
		fn(r.t, r.tok, r.ref)
	}
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
