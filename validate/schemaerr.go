package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/brazelint/brazelint/internal/jsonpointer"
	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// SchemaFile names the embedded schema file of an endpoint, e.g.
// "messages-send.json" (see schema.Source and schema.Bundle), as the endpoint
// table gives it; "" for Auto.
func SchemaFile(ep Endpoint) string { return schemaFile(lint.DefaultEndpoints, ep) }

func schemaFile(reg *lint.Registry, ep Endpoint) string {
	if s, ok := reg.Spec(ep); ok {
		return s.Schema
	}
	return ""
}

// errorSource makes the schema errors of one payload, in order, passing each
// to yield and keeping none (schema.Checker.EachErrorTape); it stops when
// yield returns false. only, when not nil, names the kinds wanted, and the
// others are not made.
type errorSource func(only func(kind string) bool, yield func(*schema.Error) bool)

// notedKinds are the errors note and the shadow read before any error is
// mapped, and the null members read as absent after.
var notedKinds = map[string]bool{"Type": true, "Required": true, "DependentRequired": true, "AdditionalProperties": true, "NullMember": true}

func isNotedKind(k string) bool { return notedKinds[k] }

// maxListed is the most errors a payload's mapping holds at once: beyond,
// they are made again and mapped one by one.
const maxListed = 1024

// schemaFindingsIn maps the errors of the endpoint's schema (of reg) over the
// payload whose root is root, which errs makes, to findings. It calls absent
// with the pointer of each null member Braze reads as absent. stream maps
// the errors as past maxListed whatever their number (for the test that
// holds the two ways to the same findings).
//
// A few errors are listed and mapped. Past maxListed, errs is asked twice
// more: first for the few kinds that say something about other errors
// (note, shadow), then for all, each mapped and let go, so that a payload
// with a million errors never holds them.
func schemaFindingsIn(reg *lint.Registry, checker *schema.Checker, ep Endpoint, root lint.Value, errs errorSource, stream bool, emit func(lint.Finding), absent func(pointer string)) {
	st := mapperStates.Get().(*mapperState)
	defer st.release()
	st.limit = maxListed
	if stream {
		st.limit = 0
	}
	errs(nil, st.list)
	listed := st.listed
	noted := listed
	if len(listed) > st.limit {
		errs(isNotedKind, st.note)
		noted = st.noted
	}
	m := st.mapper(reg, checker, ep, root)
	st.emit = emit
	st.cur.emit = emit // mapOne maps with st.cur
	shadow := &st.shadow
	shadow.reset(noted)
	if shadow.typed() { // noted may be listed, which each still reads
		st.kept = slices.DeleteFunc(append(st.kept[:0], noted...), shadow.drops)
		noted = st.kept
	}
	for _, l := range noted {
		if _, ok := l.ErrorKind.(*kind.Required); ok {
			m.requiredAt[locKey(l.InstanceLocation)] = true
		}
	}
	for _, l := range noted {
		m.note(l)
	}
	// noted has one type error of each location with one: the same
	// locations are typed, and none is reported yet.
	shadow.restart()
	if len(listed) > st.limit {
		errs(nil, st.mapOne)
	} else {
		for _, e := range listed {
			st.mapOne(e)
		}
	}
	// Braze reads a null member the schema declares as absent (INC-37), and
	// so do the Go rules: they run on the payload without those members.
	// This comes after every finding, which reads the members as written.
	// Removing members changes what a lookup finds: no step is reused.
	m.last = nil
	for _, e := range noted {
		if _, ok := e.ErrorKind.(*schema.NullMember); ok {
			toks := m.tokens(e.InstanceLocation)
			if m.valueAt(toks[:len(toks)-1]).IsObject() {
				absent(lint.Pointer(toks...))
			}
		}
	}
}

// filterFields are the members of a filter body: a node holding only these
// is a filter written without its filter key.
var filterFields = []string{"custom_attribute_name", "comparison", "value"}

// note records what one error says about others at the same place: an unknown
// member that misspells a required one (report the typo, not also the missing
// member), and an audience node that holds a filter body without its key
// (report that, not also each field and the member count).
func (m mapper) note(e *schema.Error) {
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		m.noteNullRequired(e.InstanceLocation, k.Missing)
	case *kind.DependentRequired:
		m.noteNullRequired(e.InstanceLocation, k.Missing)
	}
	k, ok := e.ErrorKind.(*kind.AdditionalProperties)
	if !ok {
		return
	}
	if frag(e) == "/$defs/audience" && isFlattenedFilter(m.valueAt(m.tokens(e.InstanceLocation)), k.Properties) {
		m.flattened[locKey(e.InstanceLocation)] = true
		return
	}
	if !m.requiredAt[string(m.keyOf(e.InstanceLocation))] {
		return // the typos would excuse no missing member
	}
	loc := locKey(e.InstanceLocation)
	declared := m.declared(e.SchemaURL)
	for _, prop := range k.Properties {
		if s := closest(prop, declared); s != "" {
			m.typos[loc] = append(m.typos[loc], s)
		}
	}
}

// noteNullRequired records the members among missing that are there, but
// null: the schema reads them as absent (schema.NullMember), and each gets one
// required-member error at the member instead of a null-member info.
func (m mapper) noteNullRequired(loc []string, missing []string) {
	obj := m.valueAt(m.tokens(loc))
	for _, name := range missing {
		if obj.Get(name).IsNull() {
			m.nullRequired[locKey(append(loc[:len(loc):len(loc)], name))] = true
		}
	}
}

// splitNull divides the members missing from the object at toks into those
// that are there with a null value and those that are not there at all.
func (m mapper) splitNull(toks []any, missing []string) (null, absent []string) {
	obj := m.valueAt(toks)
	for _, name := range missing {
		if obj.Get(name).IsNull() {
			null = append(null, name)
		} else {
			absent = append(absent, name)
		}
	}
	return null, absent
}

// isFlattenedFilter reports whether an audience node's members are all filter
// body fields.
func isFlattenedFilter(node lint.Value, unknown []string) bool {
	if !node.IsObject() || node.Len() == 0 || len(unknown) != node.Len() {
		return false
	}
	for _, p := range unknown {
		if !slices.Contains(filterFields, p) {
			return false
		}
	}
	return true
}

func locKey(loc []string) string { return strings.Join(loc, "\x00") }

// keyOf returns locKey(loc) in the mapper's scratch, for a lookup such as
// m.typos[string(m.keyOf(loc))], which makes no string; read it before the
// next call.
func (m mapper) keyOf(loc []string) []byte {
	if m.key == nil {
		return appendLocKey(nil, loc)
	}
	*m.key = appendLocKey((*m.key)[:0], loc)
	return *m.key
}

// appendLocKey appends locKey(loc) to b: a map is asked with
// string(appendLocKey(...)) without making the string.
func appendLocKey(b []byte, loc []string) []byte {
	for i, t := range loc {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, t...)
	}
	return b
}

// shadow drops errors about a value that also has a type error (once the
// type is wrong, its enum or length says nothing more), and all but the
// first type error of each value. It is made from a list holding every type
// error of the payload, and then asked about each error in order.
type shadow struct {
	// locs holds the locations with a type error (the errors' own slices),
	// and reported whether the type error of each is kept. A payload has
	// a few: they are scanned, compared with the location joined in key;
	// past maxScanned, index finds them by locKey.
	locs     [][]string
	reported []bool
	index    map[string]int
	key      []byte
}

// maxScanned is the most locations shadow scans: a scan costs their number.
const maxScanned = 8

// reset makes s the shadow of ls, in s's memory.
func (s *shadow) reset(ls []*schema.Error) {
	clear(s.locs)
	s.locs, s.reported = s.locs[:0], s.reported[:0]
	clear(s.index)
	for _, l := range ls {
		if _, ok := l.ErrorKind.(*kind.Type); ok {
			if _, seen := s.find(l.InstanceLocation); !seen {
				s.add(l.InstanceLocation)
			}
		}
	}
}

// typed reports whether a location has a type error.
func (s *shadow) typed() bool { return len(s.locs) > 0 }

// find returns the index of loc in s.locs, comparing them as locKey does;
// it leaves locKey(loc) in s.key.
func (s *shadow) find(loc []string) (int, bool) {
	s.key = appendLocKey(s.key[:0], loc)
	if len(s.locs) > maxScanned {
		i, ok := s.index[string(s.key)]
		return i, ok
	}
	for i, l := range s.locs {
		if joinedIs(l, s.key) {
			return i, true
		}
	}
	return 0, false
}

// add appends loc, which find did not find, and returns its index.
func (s *shadow) add(loc []string) int {
	i := len(s.locs)
	s.locs, s.reported = append(s.locs, loc), append(s.reported, false)
	switch {
	case len(s.locs) == maxScanned+1: // from now on, find asks index
		if s.index == nil {
			s.index = map[string]int{}
		}
		for j, l := range s.locs {
			s.index[locKey(l)] = j
		}
	case len(s.locs) > maxScanned+1:
		s.index[locKey(loc)] = i
	}
	return i
}

// joinedIs reports whether locKey(loc) is key, without joining loc.
func joinedIs(loc []string, key []byte) bool {
	for i, t := range loc {
		if i > 0 {
			if len(key) == 0 || key[0] != 0 {
				return false
			}
			key = key[1:]
		}
		if len(key) < len(t) || string(key[:len(t)]) != t {
			return false
		}
		key = key[len(t):]
	}
	return len(key) == 0
}

// restart forgets which type errors were reported.
func (s *shadow) restart() { clear(s.reported) }

// drops reports whether e is dropped; asked about each error once, in order.
func (s *shadow) drops(e *schema.Error) bool {
	if !s.typed() {
		return false // nothing to shadow: no location is compared for nothing
	}
	i, typed := s.find(e.InstanceLocation)
	if _, isType := e.ErrorKind.(*kind.Type); isType {
		// Two schemas may both want a type here (a member and the branch
		// of a conditional): one type error says it.
		if !typed { // not in the list s was made of
			i = s.add(e.InstanceLocation)
		}
		dup := s.reported[i]
		s.reported[i] = true
		return dup
	}
	return typed
}

// closedObjects are the schema objects whose members form a fixed grammar: an
// undeclared member there is an error with a rule of its own, not the
// unknown-member warning.
var closedObjects = map[string]*lint.Rule{
	"/$defs/messages":              lint.UnknownMessageType,
	"/$defs/audience":              lint.UnknownFilter,
	"/$defs/customAttributeFilter": lint.UnknownFilterField,
}

type mapper struct {
	reg     *lint.Registry // nil: lint.DefaultEndpoints
	checker *schema.Checker
	ep      Endpoint
	root    lint.Value // the payload
	// typos holds, per instance location, the members that an unknown member
	// there likely misspells; flattened, the audience nodes that hold a
	// filter body without its key. See note.
	typos     map[string][]string
	flattened map[string]bool
	// nullRequired holds the locations of required members that are null.
	nullRequired map[string]bool
	// emit, when set, is where mapOne sends the findings: findings may
	// send an error's many findings there itself, and return none.
	emit func(lint.Finding)
	// single backs the one-finding answers of findings, which the caller
	// reads at once: most errors are one finding, and a slice each would
	// be an allocation each.
	single *[1]lint.Finding
	// last is the location tokens made last (tokens); nil in tests.
	last *lastTokens
	// requiredAt holds the locations of objects missing a required member:
	// only there does note look for the typos of unknown members.
	requiredAt map[string]bool
	// cache holds what is read off the schemas per location, kept from
	// payload to payload; nil in tests, which make it again each time.
	cache *mapperCache
	// key is scratch for locKey lookups; nil in tests.
	key *[]byte
}

// mapperCache holds what the mapping reads off the registry and the schemas,
// which would otherwise be made again for each error: it depends on them
// alone, and is kept while they stay the same.
type mapperCache struct {
	// others holds per endpoint, by member name, the first other endpoint
	// whose top-level object declares it (otherEndpointAccepts).
	others map[Endpoint]map[string]Endpoint
	// boxes holds declared member names as pointer tokens, so that a name
	// is not boxed into an any again for each location it is in.
	boxes map[string]any
	// places holds the pointer and path of locations made of declared names
	// and small indexes only (no payload data), by placeKey.
	places map[string]place
	enums  map[string]*enumInfo // by the SchemaURL of an enum error
	items  map[string][]string  // itemTypes, by SchemaURL
	types  map[string][]string  // typesAt, by url
	key    []byte               // scratch for placeKey
}

func newMapperCache() *mapperCache {
	return &mapperCache{others: map[Endpoint]map[string]Endpoint{}, boxes: map[string]any{}, places: map[string]place{},
		enums: map[string]*enumInfo{}, items: map[string][]string{}, types: map[string][]string{}}
}

// maxCached bounds each of a cache's maps: a declared name is vocabulary,
// but the indexes of places are not bounded.
const maxCached = 4096

// place is a location's pointer and its path as messages write it.
type place struct{ pointer, path string }

// mapperState holds a mapper's maps from payload to payload: an invalid
// payload would otherwise make several. What depends on the payload is
// cleared after each; the cache, which depends only on the schemas and the
// registry, is kept while those stay the same.
type mapperState struct {
	m   mapper
	key struct {
		reg     *lint.Registry
		checker *schema.Checker
	}
	single [1]lint.Finding
	shadow shadow
	last   lastTokens

	// The payload's errors: the first limit+1 listed, and past limit the
	// noted kinds; and the callbacks that gather and map them, made once
	// per state, since a closure made per payload is an allocation.
	listed, noted      []*schema.Error
	kept               []*schema.Error // noted without the errors shadow drops
	locKey             []byte
	limit              int
	list, note, mapOne func(*schema.Error) bool
	cur                mapper
	emit               func(lint.Finding)
}

var mapperStates = sync.Pool{New: func() any {
	st := &mapperState{m: mapper{typos: map[string][]string{}, flattened: map[string]bool{}, nullRequired: map[string]bool{},
		requiredAt: map[string]bool{}, cache: newMapperCache()}}
	st.list = func(e *schema.Error) bool { st.listed = append(st.listed, e); return len(st.listed) <= st.limit }
	st.note = func(e *schema.Error) bool { st.noted = append(st.noted, e); return true }
	st.mapOne = func(e *schema.Error) bool {
		if !st.shadow.drops(e) {
			for _, f := range st.cur.findings(e) {
				st.emit(f)
			}
		}
		return true
	}
	return st
}}

// mapper returns the state's mapper for a payload.
func (st *mapperState) mapper(reg *lint.Registry, checker *schema.Checker, ep Endpoint, root lint.Value) mapper {
	if st.key.reg != reg || st.key.checker != checker {
		st.m.cache = newMapperCache()
		st.key.reg, st.key.checker = reg, checker
	}
	m := st.m
	m.reg, m.checker, m.ep, m.root, m.single, m.last, m.key = reg, checker, ep, root, &st.single, &st.last, &st.locKey
	st.cur = m
	return m
}

// maxKeptLocations bounds the payload's locations a pooled state's maps
// may have held and still be kept: a cleared map keeps its size.
const maxKeptLocations = 256

// release forgets the payload and returns st to the pool.
func (st *mapperState) release() {
	m := &st.m
	if len(m.typos)+len(m.flattened)+len(m.nullRequired)+len(m.requiredAt)+len(st.shadow.index)+len(st.shadow.locs) > maxKeptLocations {
		return // let the large maps go with the state
	}
	clear(m.typos)
	clear(m.flattened)
	clear(m.nullRequired)
	clear(m.requiredAt)
	clear(st.shadow.index)
	clear(st.shadow.locs) // the payload's
	st.shadow.locs, st.shadow.reported = st.shadow.locs[:0], st.shadow.reported[:0]
	clear(st.listed)
	clear(st.noted)
	clear(st.kept)
	st.kept = st.kept[:0]
	if cap(st.listed)+cap(st.noted)+cap(st.kept) > 4*maxListed {
		st.listed, st.noted, st.kept = nil, nil, nil // a payload with very many errors
	}
	st.listed, st.noted = st.listed[:0], st.noted[:0]
	st.cur, st.emit = mapper{}, nil
	// The payload's: only the memory is kept.
	clear(st.last.nodes)
	clear(st.last.toks[:cap(st.last.toks)])
	st.last = lastTokens{nodes: st.last.nodes[:0], toks: st.last.toks[:0]}
	st.single = [1]lint.Finding{}
	mapperStates.Put(st)
}

func (m mapper) findings(e *schema.Error) []lint.Finding {
	toks := m.tokens(e.InstanceLocation)
	pl := m.place(toks)
	ptr := pl.pointer
	name := "the payload"
	if len(toks) > 0 {
		name = pl.path
	}
	fixed := func(r *lint.Rule, at lint.Target, msg string, fix *lint.Repair) []lint.Finding {
		if m.single == nil {
			return []lint.Finding{{Rule: r, At: at, Message: msg, Fix: fix}}
		}
		m.single[0] = lint.Finding{Rule: r, At: at, Message: msg, Fix: fix}
		return m.single[:]
	}
	one := func(r *lint.Rule, at lint.Target, msg string) []lint.Finding { return fixed(r, at, msg, nil) }
	// A required member that is null is missing (INC-37): one error at the
	// member; the members not there at all are reported as ever.
	switch k := e.ErrorKind.(type) {
	case *schema.NullMember:
		if m.nullRequired[string(m.keyOf(e.InstanceLocation))] {
			return nil
		}
		return one(lint.NullMember, lint.MemberAt(ptr), name+" is null: leave the member out; Braze reads null as absent")
	case *kind.Required:
		if null, absent := m.splitNull(toks, k.Missing); null != nil {
			var fs []lint.Finding
			for _, n := range null {
				at := append(toks[:len(toks):len(toks)], n)
				msg := lint.Path(at...) + " is null, but it is required: give it a value (Braze reads null as absent)"
				if strings.HasPrefix(frag(e), comparisonValueDef+"/") {
					c, _ := m.valueAt(toks).Get("comparison").Str()
					msg = lint.Path(at...) + " is null, but " + c + " compares the attribute with " + valueShape(c) +
						" (Braze reads null as absent): give it one, or use does_not_exist to select users without the attribute"
				}
				fs = append(fs, lint.Finding{Rule: lint.RequiredMember, At: lint.MemberAt(lint.Pointer(at...)), Message: msg})
			}
			if absent != nil {
				fs = append(fs, m.findings(&schema.Error{SchemaURL: e.SchemaURL, InstanceLocation: e.InstanceLocation, ErrorKind: &kind.Required{Missing: absent}})...)
			}
			return fs
		}
	case *kind.DependentRequired:
		if null, absent := m.splitNull(toks, k.Missing); null != nil {
			var fs []lint.Finding
			for _, n := range null {
				at := append(toks[:len(toks):len(toks)], n)
				fs = append(fs, lint.Finding{Rule: lint.RequiredMember, At: lint.MemberAt(lint.Pointer(at...)),
					Message: lint.Path(at...) + " is null, but " + k.Prop + " requires it: give it a value, or remove " + k.Prop + " (Braze reads null as absent)"})
			}
			if absent != nil {
				fs = append(fs, m.findings(&schema.Error{SchemaURL: e.SchemaURL, InstanceLocation: e.InstanceLocation, ErrorKind: &kind.DependentRequired{Prop: k.Prop, Missing: absent}})...)
			}
			return fs
		}
	}
	if fs, ok := m.customAttributeFindings(e, toks); ok {
		return fs
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		value := m.valueAt(toks)
		msg := typeMessage(name, k.Got, k.Want, value)
		if hint, ok := typeHints[frag(e)]; ok {
			msg = name + " must be " + orList(articles(k.Want)) + ", not " + article(k.Got) + ": " + hint
		} else if sibling := m.siblingTaking(e, value); sibling != "" {
			// "priority": "high" is android_priority's value: moving it there
			// is the fix, not writing a number.
			return one(lint.TypeMismatch, lint.ValueAt(ptr), name+" must be "+orList(articles(k.Want))+", not "+article(k.Got)+
				": this value is one "+sibling+" takes; move it there")
		}
		return fixed(lint.TypeMismatch, lint.ValueAt(ptr), msg, m.typeRepair(e, ptr, value, k.Want))
	case *kind.Enum:
		values := m.enum(e.SchemaURL, k.Want)
		meant := ""
		if got, ok := k.Got.(string); ok {
			meant = suggest(got, values.strings)
		}
		msg := name + " must be " + values.allowed
		if meant != "" {
			msg = name + " must be " + values.allowed + " (did you mean " + meant + "?)"
		}
		return fixed(lint.EnumValue, lint.ValueAt(ptr), msg, enumRepair(ptr, k.Got, values.strings))
	case *kind.Const:
		return one(lint.EnumValue, lint.ValueAt(ptr), name+" must be "+display(k.Want))
	case *kind.DependentRequired:
		var fs []lint.Finding
		for _, missing := range k.Missing {
			fs = append(fs, lint.Finding{Rule: lint.RequiredMember, At: lint.ValueAt(ptr),
				Message: name + " is missing " + missing + ", which " + k.Prop + " requires: add it, or remove " + k.Prop})
		}
		return fs
	case *kind.PropertyNames:
		// jsonschema v6.0.x reports propertyNames at a wrong instance location
		// (its location slice is shared with later siblings), so the Go rule
		// template-variable-index reports these names instead.
		return nil
	case *kind.Not:
		return one(lint.ExclusiveMembers, lint.ValueAt(ptr), name+" "+exclusiveHints[frag(e)])
	case *kind.Required:
		var fs []lint.Finding
		for _, missing := range k.Missing {
			if slices.Contains(m.typos[string(m.keyOf(e.InstanceLocation))], missing) {
				continue
			}
			fs = append(fs, lint.Finding{Rule: lint.RequiredMember, At: lint.ValueAt(ptr),
				Message: name + " is missing the required member " + missing + ": add it"})
		}
		return fs
	case *kind.AdditionalProperties:
		if m.flattened[string(m.keyOf(e.InstanceLocation))] {
			what := "a filter key such as custom_attribute or push_subscription_status"
			if slices.Contains(k.Properties, "custom_attribute_name") {
				what = "custom_attribute"
			}
			return one(lint.UnknownFilter, lint.ValueAt(ptr), name+" holds the fields of a filter without the filter's key: wrap them in an object under "+what)
		}
		where := frag(e)
		rule := lint.UnknownMember
		if r, ok := closedObjects[where]; ok {
			rule = r
		}
		declared := m.declared(e.SchemaURL)
		var fs []lint.Finding
		// An object may hold many unknown members: with an emit at hand,
		// each finding goes as it is made rather than in a slice of all.
		direct := m.emit != nil && len(k.Properties) > 1
		add := func(f lint.Finding) {
			if direct {
				m.emit(f)
			} else {
				fs = append(fs, f)
			}
		}
		if len(k.Properties) == 1 && m.single != nil {
			fs = m.single[:0] // most objects have one unknown member
		} else if !direct {
			fs = make([]lint.Finding, 0, len(k.Properties))
		}
		for _, prop := range sorted(k.Properties) {
			if f, ok := m.otherMessageTypeField(where, toks, prop); ok {
				add(f)
				continue
			}
			if where == "/$defs/kindlePush" && slices.Contains(m.declared(schema.BaseURL+"defs.json#/$defs/androidPush"), prop) {
				add(lint.Finding{Rule: rule, At: lint.KeyAt(lint.Pointer(append(toks, prop)...)),
					Message: "unknown member " + prop + " in " + name + ": it is an android_push field that kindle_push does not take; remove it"})
				continue
			}
			var owner Endpoint
			if len(toks) == 0 {
				owner = m.otherEndpointAccepts(prop)
			}
			// The member's pointer is its object's and its escaped name:
			// Pointer(append(toks, prop)...), without boxing prop.
			member := m.valueAt(toks).Get(prop)
			at := lint.KeyAt(ptr + "/" + jsonpointer.Escape(prop))
			if start, end, ok := member.KeySpan(); ok {
				at = lint.SpanAt(at.Pointer, start, end) // found already: a large object's names are many
			}
			add(lint.Finding{Rule: rule, At: at,
				Message: unknownMessage(rule, prop, toks, pl.path, declared, owner, m.nameHint(e.SchemaURL, prop, declared, member))})
		}
		return fs
	case *kind.FalseSchema:
		prop := e.InstanceLocation[len(e.InstanceLocation)-1]
		if hint, ok := falseHints[frag(e)]; ok {
			return one(hint.rule, lint.KeyAt(ptr), name+" "+hint.message)
		}
		if len(e.InstanceLocation) == 1 {
			msg := prop + " is not accepted by " + m.ep.Path()
			if hint := m.spec().Hints[prop]; hint != "" {
				msg += ": " + hint
			}
			return one(lint.WrongEndpointMember, lint.KeyAt(ptr), msg)
		}
		return one(lint.SchemaMismatch, lint.KeyAt(ptr), name+" is not allowed here: remove it")
	case *kind.MinLength:
		if k.Want == 1 {
			return one(lint.EmptyString, lint.ValueAt(ptr), name+" must not be empty")
		}
		return one(lint.SchemaMismatch, lint.ValueAt(ptr), fmt.Sprintf("%s must be at least %d characters long", name, k.Want))
	case *kind.MaxLength:
		return one(lint.StringTooLong, lint.ValueAt(ptr), fmt.Sprintf("%s is %d characters long, more than the %d allowed: shorten it", name, k.Got, k.Want))
	case *kind.MinItems:
		if values := m.itemEnum(e); k.Want == 1 && values != nil {
			// Removing the list may break its object (an email recipient
			// needs prioritization): say what goes in it.
			return one(lint.ArrayLength, lint.ValueAt(ptr), name+" must not be empty: list one or more of "+orList(values))
		}
		if k.Want == 1 {
			return one(lint.ArrayLength, lint.ValueAt(ptr), name+" must not be empty: add an element or remove it")
		}
		return one(lint.ArrayLength, lint.ValueAt(ptr), fmt.Sprintf("%s holds %d elements, fewer than the %d required", name, k.Got, k.Want))
	case *kind.MaxItems:
		at := lint.ValueAt(lint.Pointer(append(toks, k.Want)...))
		if len(toks) == 1 && slices.Contains(m.spec().Users, e.InstanceLocation[0]) {
			return one(lint.TooManyRecipients, at, fmt.Sprintf("%s lists %d users, more than the %d one request takes: split it into batches of %d (brazelint split writes them)", name, k.Got, k.Want, k.Want))
		}
		return one(lint.ArrayLength, at, fmt.Sprintf("%s holds %d elements, more than the %d allowed", name, k.Got, k.Want))
	case *kind.MinProperties:
		msg := fmt.Sprintf("%s must have at least %d members", name, k.Want)
		switch {
		case ptr == "/messages":
			msg = "messages is empty: add a messaging object such as email, sms or apple_push"
		case frag(e) == "/$defs/audience":
			msg = name + " is empty: it must hold one filter, or AND or OR"
		}
		return one(lint.MemberCount, lint.ValueAt(ptr), msg)
	case *kind.MaxProperties:
		if m.flattened[string(m.keyOf(e.InstanceLocation))] {
			return nil
		}
		msg := fmt.Sprintf("%s has %d members, more than the %d allowed", name, k.Got, k.Want)
		if frag(e) == "/$defs/audience" {
			msg = fmt.Sprintf("%s holds %d filters or operators, but an audience node holds exactly one: join them in AND or OR", name, k.Got)
		}
		return one(lint.MemberCount, lint.ValueAt(ptr), msg)
	case *kind.Format:
		return one(lint.InvalidFormat, lint.ValueAt(ptr), formatMessage(name, k.Want))
	case *kind.Pattern:
		return one(lint.InvalidFormat, lint.ValueAt(ptr), name+" does not have the required form"+patternHints[frag(e)])
	case *kind.Minimum:
		return one(lint.NumberRange, lint.ValueAt(ptr), name+" must be at least "+k.Want.RatString())
	case *kind.Maximum:
		return one(lint.NumberRange, lint.ValueAt(ptr), name+" must be at most "+k.Want.RatString()+rangeHints[frag(e)])
	case *kind.ExclusiveMinimum:
		return one(lint.NumberRange, lint.ValueAt(ptr), name+" must be greater than "+k.Want.RatString())
	case *kind.ExclusiveMaximum:
		return one(lint.NumberRange, lint.ValueAt(ptr), name+" must be less than "+k.Want.RatString())
	case *kind.MultipleOf:
		return one(lint.SchemaMismatch, lint.ValueAt(ptr), name+" must be a multiple of "+k.Want.RatString())
	}
	kw := "schema"
	if path := e.ErrorKind.KeywordPath(); len(path) > 0 {
		kw = path[0]
	}
	return one(lint.SchemaMismatch, lint.ValueAt(ptr), name+" does not match the schema ("+kw+")")
}

// tokens converts an instance location into pointer tokens: array indexes as
// int, member names as string. Which is which is read off the payload, since
// an object may have a member named "0"; each step is one lookup (a large
// array or object is indexed), so a location costs its depth.
func (m mapper) tokens(loc []string) []any {
	var out []any
	if m.last != nil && len(loc) > 0 && cap(m.last.toks) >= len(loc) {
		// The tokens before are read only up to the first step that
		// differs, and each is written back where it was.
		out = m.last.toks[:len(loc)]
	} else {
		out = make([]any, len(loc))
	}
	node := m.root
	// The errors of a payload come in document order, and neighbours share
	// most of their location: the tokens and nodes of the one before are
	// reused for the steps both take, which saves a lookup and the boxing
	// of each into an any.
	last := m.last
	same := last != nil
	for i, t := range loc {
		if same = same && i < len(last.loc) && last.loc[i] == t; same {
			out[i], node = last.toks[i], last.nodes[i]
			continue
		}
		out[i] = m.box(t)
		switch {
		case node.IsArray():
			if idx, err := strconv.Atoi(t); err == nil && idx >= 0 && idx < node.Len() {
				out[i], node = idx, node.Index(idx)
			}
		case node.IsObject():
			node = node.Get(t)
		}
		if last != nil {
			last.nodes = append(last.nodes[:i], node)
		}
	}
	if last != nil {
		last.loc, last.toks = loc, out
	}
	return out[:len(out):len(out)] // an append by the caller leaves the buffer be
}

// box returns t as a pointer token: from the cache when it is a declared
// name, which is boxed once.
func (m mapper) box(t string) any {
	if m.cache == nil {
		return t
	}
	if b, ok := m.cache.boxes[t]; ok {
		return b
	}
	var b any = t
	if len(m.cache.boxes) < maxCached && lint.Declared(t) {
		m.cache.boxes[t] = b
	}
	return b
}

// place returns the pointer and the path of the location toks.
func (m mapper) place(toks []any) place {
	if m.cache == nil {
		return place{lint.Pointer(toks...), lint.Path(toks...)}
	}
	// The places of declared names and small indexes repeat from payload
	// to payload, and are kept; a place holding payload data is not.
	key, ok := appendPlaceKey(m.cache.key[:0], toks)
	m.cache.key = key
	if !ok {
		return place{lint.Pointer(toks...), lint.Path(toks...)}
	}
	if p, ok := m.cache.places[string(key)]; ok {
		return p
	}
	p := place{lint.Pointer(toks...), lint.Path(toks...)}
	if len(m.cache.places) < maxCached {
		m.cache.places[string(key)] = p
	}
	return p
}

// appendPlaceKey appends toks to b, telling names from indexes, and reports
// whether they are all declared names or indexes below 1000.
func appendPlaceKey(b []byte, toks []any) ([]byte, bool) {
	for _, t := range toks {
		switch t := t.(type) {
		case string:
			if !lint.Declared(t) {
				return b, false
			}
			b = append(append(append(b, 's'), t...), 0)
		case int:
			if t < 0 || t >= 1000 {
				return b, false
			}
			b = append(strconv.AppendInt(append(b, 'i'), int64(t), 10), 0)
		default:
			return b, false
		}
	}
	return b, true
}

// lastTokens is the location tokens last made for a payload, and the
// payload's node at each step.
type lastTokens struct {
	loc   []string
	toks  []any
	nodes []lint.Value
}

// siblingTaking returns the member declared next to the one whose value
// failed with e whose name holds the failed one's and whose documented values
// (an enum) include the value: android_priority for "priority": "high". ""
// when there is none, or more than one.
func (m mapper) siblingTaking(e *schema.Error, value lint.Value) string {
	if len(e.InstanceLocation) == 0 {
		return ""
	}
	member := e.InstanceLocation[len(e.InstanceLocation)-1]
	parent, ok := strings.CutSuffix(e.SchemaURL, "/properties/"+jsonpointer.Escape(member))
	if !ok {
		return ""
	}
	found := ""
	var decoded any // the value as the checker reads it, once a sibling may take it
	isDecoded := false
	for _, d := range m.declared(parent) {
		if d == member || !strings.Contains(d, member) {
			continue
		}
		url := parent + "/properties/" + jsonpointer.Escape(d)
		if !m.closedSet(url) {
			continue
		}
		if !isDecoded {
			decoded, isDecoded = value.Decode(), true
		}
		if m.checker.ValidAt(url, decoded) {
			if found != "" {
				return ""
			}
			found = d
		}
	}
	return found
}

// closedSet reports whether the schema at url allows only listed values.
func (m mapper) closedSet(url string) bool {
	base, _ := splitSchemaURL(url)
	node := m.deref(base, m.checker.SchemaAt(url))
	_, isEnum := node["enum"]
	_, isConst := node["const"]
	return isEnum || isConst
}

// declared returns the member names the schema at url declares, but not
// those declared false: members another endpoint owns are not suggestions.
// The slice is the checker's: read it only.
func (m mapper) declared(url string) []string { return m.checker.Declared(url) }

// otherEndpointAccepts returns the other endpoint when its schema declares the
// top-level member prop, so the message can say where the member belongs.
func (m mapper) otherEndpointAccepts(prop string) Endpoint {
	c := m.cached()
	others, ok := c.others[m.ep]
	if !ok {
		// Asked for every unknown member, of which a payload may have
		// many: the endpoints' declared names are listed once.
		others = map[string]Endpoint{}
		for _, s := range m.registry().Specs() {
			if s.Name == m.ep {
				continue
			}
			for _, d := range m.declared(schema.BaseURL + s.Schema) {
				if _, seen := others[d]; !seen {
					others[d] = s.Name
				}
			}
		}
		c.others[m.ep] = others
	}
	return others[prop]
}

// cached returns the mapper's cache; a new one for a test's mapper.
func (m mapper) cached() *mapperCache {
	if m.cache == nil {
		return newMapperCache()
	}
	return m.cache
}

func (m mapper) registry() *lint.Registry {
	if m.reg == nil {
		return lint.DefaultEndpoints
	}
	return m.reg
}

// spec is the endpoint table's entry of the payload's endpoint.
func (m mapper) spec() *lint.EndpointSpec {
	if s, ok := m.registry().Spec(m.ep); ok {
		return s
	}
	return &lint.EndpointSpec{}
}

// enumInfo is what the message of an enum error reads off the schema's
// values.
type enumInfo struct {
	want    []any    // the schema's values
	allowed string   // oneOf(want)
	strings []string // enumStrings(want)
}

// enum returns the enumInfo of want, the values of the enum at url.
func (m mapper) enum(url string, want []any) *enumInfo {
	c := m.cached()
	if info, ok := c.enums[url]; ok && len(info.want) == len(want) && (len(want) == 0 || &info.want[0] == &want[0]) {
		return info
	}
	info := &enumInfo{want: want, allowed: oneOf(want), strings: enumStrings(want)}
	if len(c.enums) < maxCached {
		c.enums[url] = info
	}
	return info
}

func enumStrings(vals []any) []string {
	var out []string
	for _, v := range vals {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// frag returns the schema location of an error, inside its file.
func frag(e *schema.Error) string {
	_, fragment := splitSchemaURL(e.SchemaURL)
	return fragment
}

func splitSchemaURL(url string) (base, fragment string) {
	base, fragment, _ = strings.Cut(url, "#")
	return base, fragment
}

func sorted(s []string) []string {
	if len(s) < 2 {
		return s
	}
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
