package schema

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/brazelint/brazelint/internal/jsonnum"
	"github.com/brazelint/brazelint/internal/tape"
)

// ValidateTape returns the errors Validate returns for the payload scanned
// into t (its root, node 0) decoded with the last of repeated members kept,
// in the same order: NullMember errors first, then every error of the
// payload without those members. It reads the tape where it is; a value is
// decoded only as the Got of an error that shows it.
//
// It flags repeated names Shadowed (MarkShadowed) and ignores the Absent
// flags readers may have set: the members it reads as absent are its own.
func (c *Checker) ValidateTape(file string, t *tape.Tape) []*Error {
	if !c.ValidTape(file, t) {
		var errs []*Error
		c.EachErrorTape(file, t, nil, func(e *Error) bool { errs = append(errs, e); return true })
		return errs
	}
	return nil
}

// EachErrorTape calls yield with each error ValidateTape returns, in the same
// order, and keeps none: a payload with a million errors never holds them
// all. It stops when yield returns false. When only is not nil, it is asked
// with the name of each error's kind (its type's name in package kind, such
// as "MinLength", or "NullMember"), and the errors it refuses are not made
// at all. It does not check first whether the payload is valid, which
// yields nothing but costs a walk: ask ValidTape.
func (c *Checker) EachErrorTape(file string, t *tape.Tape, only func(kind string) bool, yield func(*Error) bool) {
	n, ok := c.roots[file]
	if !ok || len(t.Nodes) == 0 {
		return
	}
	t.MarkShadowed()
	w := tapeWalker{tapeValidator: tapeValidator{t: t, skips: len(t.Dups) > 0}, only: only, yield: yield,
		walkerStacks: walkerPool.Get().(*walkerStacks)}
	defer w.done()
	root := [1]*node{n}
	if w.markNulls() {
		w.stripNulls(root[:], 0)
	}
	if !w.stopped {
		w.collect(n, 0)
	}
}

// tapeWalker is one ValidateTape call. Its stacks (the path to the value at
// hand, the sorted members and the schema nodes of the objects it is inside)
// grow once and are reused from value to value, so that a valid element
// costs nothing but reading it.
type tapeWalker struct {
	tapeValidator
	only    func(kind string) bool // nil: every kind
	yield   func(*Error) bool
	stopped bool // yield said to stop: nothing more is made
	*walkerStacks
}

// walkerStacks are a tapeWalker's stacks, kept from call to call in
// walkerPool.
type walkerStacks struct {
	path  []step
	names []memberRef // the members of every object being walked, each sorted
	text  []byte      // the decoded escaped names among them
	nodes []*node     // the schema nodes stripNulls is applying
	// nulls has a bit for each object or array that holds a null at some
	// depth: stripNulls reads no other.
	nulls      []uint64
	absentBits []uint64 // for tapeValidator.absent
}

var walkerPool = sync.Pool{New: func() any { return new(walkerStacks) }}

// maxPooled is the most a pooled stack may hold, in elements: a larger one,
// grown by a huge payload, goes with it.
const maxPooled = 8 << 10

// step is one token of the instance location of the value at hand.
type step struct {
	name  int32 // the member's name node; -1 for an array element
	index int
	text  string // the token, once an error has needed it
	known bool
}

// memberRef is one member of an object: its name's text and node.
type memberRef struct {
	name string
	node int32
}

func (w *tapeWalker) done() {
	if w.scratch != nil && cap(*w.scratch) <= 64<<10 {
		scratchPool.Put(w.scratch)
	}
	s := w.walkerStacks
	w.walkerStacks = nil
	if w.absent != nil {
		s.absentBits = w.absent
	}
	if max(cap(s.path), cap(s.names), cap(s.text), cap(s.nodes), cap(s.nulls), cap(s.absentBits)) > maxPooled {
		return
	}
	// Let the payload go: the names and steps point into it.
	clear(s.path[:cap(s.path)])
	clear(s.names[:cap(s.names)])
	s.path, s.names, s.text, s.nodes = s.path[:0], s.names[:0], s.text[:0], s.nodes[:0]
	walkerPool.Put(s)
}

// markNulls sets w.nulls for the tape, and reports whether it holds a null
// member or element at all.
func (w *tapeWalker) markNulls() bool {
	nodes := w.t.Nodes
	found := false
	for i := range nodes {
		if nodes[i].Kind != tape.Null {
			continue
		}
		if !found {
			found = true
			w.nulls = zeroBits(w.nulls, len(nodes))
		}
		// Up to the first container already marked: those above it are.
		for p := nodes[i].Parent; p >= 0 && w.nulls[p>>6]&(1<<(p&63)) == 0; p = nodes[p].Parent {
			w.nulls[p>>6] |= 1 << (p & 63)
		}
	}
	return found
}

// holdsNull reports whether the object or array at node i holds a null.
func (w *tapeWalker) holdsNull(i int32) bool { return w.nulls[i>>6]&(1<<(i&63)) != 0 }

// zeroBits returns a cleared bit set of n bits, in b when it is large enough.
func zeroBits(b []uint64, n int) []uint64 {
	words := (n + 63) / 64
	if cap(b) < words {
		return make([]uint64, words)
	}
	b = b[:words]
	clear(b)
	return b
}

func (w *tapeWalker) push(name int32, index int) {
	w.path = append(w.path, step{name: name, index: index})
}

func (w *tapeWalker) pop() { w.path = w.path[:len(w.path)-1] }

// location is the path as an Error's InstanceLocation, with the member named
// at node name appended unless name is -1; nil at the root.
func (w *tapeWalker) location(name int32) []string { return w.locationIn(nil, name) }

// locationIn is location, written in buf when it fits.
func (w *tapeWalker) locationIn(buf []string, name int32) []string {
	l := len(w.path)
	if name >= 0 {
		l++
	}
	if l == 0 {
		return nil
	}
	var loc []string
	if l <= cap(buf) {
		loc = buf[:0:l] // a caller's append does not write past it
	} else {
		loc = make([]string, 0, l)
	}
	for k := range w.path {
		s := &w.path[k]
		if !s.known {
			if s.name >= 0 {
				s.text = w.t.Text(s.name)
			} else {
				s.text = strconv.Itoa(s.index)
			}
			s.known = true
		}
		loc = append(loc, s.text)
	}
	if name >= 0 {
		loc = append(loc, w.t.Text(name))
	}
	return loc
}

// errorOf is an Error made together with its kind and the first steps of
// its location: one allocation instead of three.
type errorOf[K any] struct {
	Error
	kind K
	loc  [4]string
}

// additionalError is an errorOf AdditionalProperties with room for the
// names of two members.
type additionalError struct {
	errorOf[kind.AdditionalProperties]
	names [2]string
}

// report emits n's error of kind k at the value at hand.
func report[K any, P interface {
	*K
	ErrorKind
}](w *tapeWalker, n *node, k K) {
	e := &errorOf[K]{kind: k}
	e.Error = Error{SchemaURL: n.loc, InstanceLocation: w.locationIn(e.loc[:0], -1), ErrorKind: P(&e.kind)}
	w.emit(&e.Error)
}

func (w *tapeWalker) emit(e *Error) {
	if !w.stopped && !w.yield(e) {
		w.stopped = true
	}
}

// wants reports whether errors of the kind named (its type's name in
// package kind, or NullMember) are asked for: those that are not are never
// made.
func (w *tapeWalker) wants(kind string) bool { return !w.stopped && (w.only == nil || w.only(kind)) }

// sorted pushes the members of the object at node obj that are read onto
// w.names, in name order as collect reads them, and returns them; the
// caller pops them with w.names = w.names[:len(w.names)-len(members)], and
// w.text back to the length it had.
//
// filter leaves out the members the caller would read in vain: with
// nullMembers all but those that are null or hold a null, with
// faultyMembers all but those that have errors against n or are not
// allowed there.
func (w *tapeWalker) sorted(obj int32, filter memberFilter, n *node) []memberRef {
	nodes := w.t.Nodes
	start := len(w.names)
	for name := obj + 1; name < nodes[obj].Next; name = nodes[name].Next {
		if w.skips && w.skipped(name) {
			continue
		}
		if filter == nullMembers {
			if k := nodes[name+1].Kind; k != tape.Null && !((k == tape.Object || k == tape.Array) && w.holdsNull(name+1)) {
				continue
			}
		}
		text := bytesString(w.t.Raw(name))
		if nodes[name].Flags&tape.Escaped != 0 {
			// Earlier views stay valid when w.text grows: the array they
			// point into is never written again.
			from := len(w.text)
			w.text = w.t.AppendText(w.text, name)
			text = bytesString(w.text[from:])
		}
		if filter == faultyMembers && !w.faulty(n, text, name) {
			continue
		}
		w.names = append(w.names, memberRef{text, name})
	}
	members := w.names[start:]
	slices.SortFunc(members, func(a, b memberRef) int { return strings.Compare(a.name, b.name) })
	return members
}

// memberFilter says which members sorted leaves out.
type memberFilter uint8

const (
	nullMembers memberFilter = iota + 1
	faultyMembers
)

// faulty reports whether collectObject for n has anything to say about the
// member named text at node name: an error of its value, its name or its
// being there.
func (w *tapeWalker) faulty(n *node, text string, name int32) bool {
	if n.propNames != nil {
		return true
	}
	if s, declared := n.declared(text); declared {
		return !w.valid(s, name+1)
	}
	return n.noExtra || n.additional != nil && !w.valid(n.additional, name+1)
}

// stripNulls mirrors the function of the same name: it marks absent the
// null members under the value at node i, which nodes apply to, and reports
// each with a NullMember error.
func (w *tapeWalker) stripNulls(nodes []*node, i int32) {
	if w.stopped {
		return
	}
	nd := &w.t.Nodes[i]
	switch nd.Kind {
	case tape.Object:
		w.stripObject(nodes, i)
	case tape.Array:
		mark := len(w.nodes)
		for _, n := range nodes {
			for _, b := range n.base {
				if b.items != nil && !slices.Contains(w.nodes[mark:], b.items) {
					w.nodes = append(w.nodes, b.items)
				}
			}
		}
		// Later pushes go past items: its elements stay as they are.
		items := w.nodes[mark:]
		if len(items) > 0 {
			k := 0
			for e := i + 1; e < nd.Next; e = w.t.Nodes[e].Next {
				if kind := w.t.Nodes[e].Kind; (kind == tape.Object || kind == tape.Array) && w.holdsNull(e) {
					w.push(-1, k)
					w.stripNulls(items, e)
					w.pop()
				}
				k++
			}
		}
		w.nodes = w.nodes[:mark]
	}
}

func (w *tapeWalker) stripObject(nodes []*node, obj int32) {
	mark, textMark := len(w.nodes), len(w.text)
	for _, n := range nodes {
		for _, b := range n.base {
			if !slices.Contains(w.nodes[mark:], b) {
				w.nodes = append(w.nodes, b)
			}
		}
	}
	base := w.nodes[mark:]
	members := w.sorted(obj, nullMembers, nil)
	for _, m := range members {
		val := m.node + 1
		declMark := len(w.nodes)
		for _, b := range base {
			if s, ok := b.declared(m.name); ok && s != nil {
				w.nodes = append(w.nodes, s)
			}
		}
		if w.t.Nodes[val].Kind == tape.Null {
			if at, ok := absentNull(w.nodes[declMark:]); ok {
				w.markAbsent(m.node)
				if w.wants("NullMember") {
					w.emit(&Error{SchemaURL: at.loc, InstanceLocation: w.location(m.node), ErrorKind: &NullMember{}})
				}
			}
		} else if kind := w.t.Nodes[val].Kind; kind == tape.Object || kind == tape.Array {
			if len(w.nodes) == declMark {
				for _, b := range base {
					if b.additional != nil {
						w.nodes = append(w.nodes, b.additional)
					}
				}
			}
			if decls := w.nodes[declMark:]; len(decls) > 0 {
				w.push(m.node, 0)
				w.stripNulls(decls, val)
				w.pop()
			}
		}
		w.nodes = w.nodes[:declMark]
	}
	w.names = w.names[:len(w.names)-len(members)]
	w.text = w.text[:textMark]
	w.nodes = w.nodes[:mark]
}

// markAbsent reads the member named at node name as absent from now on.
func (w *tapeWalker) markAbsent(name int32) {
	if w.absent == nil {
		w.absent = zeroBits(w.absentBits, len(w.t.Nodes))
	}
	w.absent[name>>6] |= 1 << (name & 63)
	w.skips = true
}

// collect mirrors node.collect for the value at node i.
func (w *tapeWalker) collect(n *node, i int32) {
	if n == nil || w.stopped {
		return
	}
	if n.never {
		if w.wants("FalseSchema") {
			report(w, n, kind.FalseSchema{})
		}
		return
	}
	nd := &w.t.Nodes[i]
	if len(n.types) > 0 && !w.hasTypeIn(n.typeMask, i) {
		if w.wants("Type") {
			report(w, n, kind.Type{Got: tapeTypeName(nd.Kind), Want: n.orderedTypes})
		}
		return
	}
	if n.hasConst && !w.isConst(n, i) {
		if w.wants("Const") {
			report(w, n, kind.Const{Got: w.decode(i), Want: n.constant})
		}
		return
	}
	if n.enum != nil && !w.inEnum(n, i) {
		if w.wants("Enum") {
			report(w, n, kind.Enum{Got: w.decode(i), Want: n.enum})
		}
		return
	}
	if nd.Kind == tape.String && n.format != nil && n.format(w.str(i)) != nil {
		// Asked again of a string of its own: the error may keep it.
		s := w.t.Text(i)
		if w.wants("Format") {
			report(w, n, kind.Format{Got: s, Want: n.formatName, Err: n.format(s)})
		}
		return
	}
	w.collect(n.ref, i)

	switch nd.Kind {
	case tape.Object:
		w.collectObject(n, i)
	case tape.Array:
		l := int(nd.Len)
		if n.minItems >= 0 && l < n.minItems && w.wants("MinItems") {
			report(w, n, kind.MinItems{Got: l, Want: n.minItems})
		}
		if n.maxItems >= 0 && l > n.maxItems && w.wants("MaxItems") {
			report(w, n, kind.MaxItems{Got: l, Want: n.maxItems})
		}
		if n.items != nil {
			k := 0
			for e := i + 1; e < nd.Next; e = w.t.Nodes[e].Next {
				if !w.valid(n.items, e) { // a valid element's location is never written
					w.push(-1, k)
					w.collect(n.items, e)
					w.pop()
				}
				k++
			}
		}
	case tape.String:
		if (n.minLength >= 0 || n.maxLength >= 0) && !w.validLength(n, i) {
			l := w.runeCount(i)
			if n.minLength >= 0 && l < n.minLength && w.wants("MinLength") {
				report(w, n, kind.MinLength{Got: l, Want: n.minLength})
			}
			if n.maxLength >= 0 && l > n.maxLength && w.wants("MaxLength") {
				report(w, n, kind.MaxLength{Got: l, Want: n.maxLength})
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(w.str(i)) && w.wants("Pattern") {
			report(w, n, kind.Pattern{Got: w.t.Text(i), Want: n.pattern.String()})
		}
	case tape.Number:
		if n.minimum != nil || n.maximum != nil {
			if d, ok := jsonnum.Parse(w.raw(i)); ok {
				if n.minimum != nil && d.Cmp(n.minDec) < 0 && w.wants("Minimum") {
					report(w, n, kind.Minimum{Got: ratOf(d), Want: n.minimum})
				}
				if n.maximum != nil && d.Cmp(n.maxDec) > 0 && w.wants("Maximum") {
					report(w, n, kind.Maximum{Got: ratOf(d), Want: n.maximum})
				}
			}
		}
	}

	if n.not != nil && w.valid(n.not, i) && w.wants("Not") {
		report(w, n, kind.Not{})
	}
	for _, s := range n.allOf {
		w.collect(s, i)
	}
	if n.ifN != nil {
		if w.valid(n.ifN, i) {
			w.collect(n.then, i)
		} else {
			w.collect(n.elseN, i)
		}
	}
}

func (w *tapeWalker) collectObject(n *node, obj int32) {
	if n.minProps >= 0 || n.maxProps >= 0 {
		l := w.members(obj)
		if n.minProps >= 0 && l < n.minProps && w.wants("MinProperties") {
			report(w, n, kind.MinProperties{Got: l, Want: n.minProps})
		}
		if n.maxProps >= 0 && l > n.maxProps && w.wants("MaxProperties") {
			report(w, n, kind.MaxProperties{Got: l, Want: n.maxProps})
		}
	}
	if missing := w.missing(obj, n.required); missing != nil && w.wants("Required") {
		report(w, n, kind.Required{Missing: missing})
	}
	textMark := len(w.text)
	members := w.sorted(obj, faultyMembers, n) // the others have nothing to report
	extra := 0                                 // undeclared members, where none is allowed
	for _, m := range members {
		if s, name, declared := n.declaredName(m.name); declared {
			w.push(m.node, 0)
			if name != "" {
				// The schema's own string: the location needs no copy.
				w.path[len(w.path)-1].text, w.path[len(w.path)-1].known = name, true
			}
			w.collect(s, m.node+1)
			w.pop()
			continue
		}
		if n.noExtra {
			extra++
		} else if n.additional != nil {
			w.push(m.node, 0)
			w.collect(n.additional, m.node+1)
			w.pop()
		}
	}
	if extra > 0 && w.wants("AdditionalProperties") {
		// Most objects have one or two unknown members: their names go in
		// the error's allocation too.
		e := &additionalError{}
		e.kind.Properties = w.undeclared(n, members, extra, e.names[:0])
		e.Error = Error{SchemaURL: n.loc, InstanceLocation: w.locationIn(e.loc[:0], -1), ErrorKind: &e.kind}
		w.emit(&e.Error)
	}
	if n.propNames != nil {
		for _, m := range members {
			if !w.valid(n.propNames, m.node) && w.wants("PropertyNames") {
				w.emit(&Error{SchemaURL: n.propNames.loc, InstanceLocation: w.location(-1),
					ErrorKind: &kind.PropertyNames{Property: strings.Clone(m.name)}})
			}
		}
	}
	w.names = w.names[:len(w.names)-len(members)]
	w.text = w.text[:textMark]
	if len(n.dependent) == 0 {
		return
	}
	props := make([]string, 0, len(n.dependent))
	for prop := range n.dependent {
		props = append(props, prop)
	}
	slices.Sort(props)
	for _, prop := range props {
		if w.has(obj, prop) {
			if missing := w.missing(obj, n.dependent[prop]); missing != nil && w.wants("DependentRequired") {
				report(w, n, kind.DependentRequired{Prop: prop, Missing: missing})
			}
		}
	}
}

// undeclared copies the names of the count members that n does not
// declare, in their order, into one string they share; the list is buf
// when it has room.
func (w *tapeWalker) undeclared(n *node, members []memberRef, count int, buf []string) []string {
	var b strings.Builder
	for _, m := range members {
		if _, declared := n.declared(m.name); !declared {
			b.WriteString(m.name)
		}
	}
	all, names := b.String(), buf[:0]
	if count > cap(buf) {
		names = make([]string, 0, count)
	}
	for _, m := range members {
		if _, declared := n.declared(m.name); !declared {
			names = append(names, all[:len(m.name)])
			all = all[len(m.name):]
		}
	}
	return names
}

// missing lists the names of required that the object at node obj lacks,
// in required's order.
func (w *tapeWalker) missing(obj int32, required []string) []string {
	var out []string
	for _, r := range required {
		if !w.has(obj, r) {
			out = append(out, r)
		}
	}
	return out
}

// decode returns the value at node i as the decoded tree holds it, without
// the members that are skipped.
func (w *tapeWalker) decode(i int32) any {
	nd := &w.t.Nodes[i]
	switch nd.Kind {
	case tape.True:
		return true
	case tape.False:
		return false
	case tape.String:
		return w.t.Text(i)
	case tape.Number:
		return json.Number(w.t.Raw(i))
	case tape.Array:
		out := make([]any, 0, nd.Len)
		for e := i + 1; e < nd.Next; e = w.t.Nodes[e].Next {
			out = append(out, w.decode(e))
		}
		return out
	case tape.Object:
		out := make(map[string]any, w.members(i))
		for name := i + 1; name < nd.Next; name = w.t.Nodes[name].Next {
			if !(w.skips && w.skipped(name)) {
				out[w.t.Text(name)] = w.decode(name + 1)
			}
		}
		return out
	}
	return nil
}

// tapeTypeName mirrors TypeName for a tape node's kind.
func tapeTypeName(k tape.Kind) string {
	switch k {
	case tape.Null:
		return "null"
	case tape.True, tape.False:
		return "boolean"
	case tape.Number:
		return "number"
	case tape.String:
		return "string"
	case tape.Array:
		return "array"
	case tape.Object:
		return "object"
	}
	return "invalid"
}
