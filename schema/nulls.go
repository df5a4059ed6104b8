package schema

import (
	"slices"
	"strconv"
)

// NullMember is the error kind of a member whose value is null where the
// schema declares the member without accepting null: no page says what null
// means in a send body, and Braze reads it as absent (README INC-37). The
// Checker reads it as absent too, so every other error of the payload is the
// error it would have without the member: a required member that is null is
// missing, and a null campaign_id asks for nothing that campaign_id needs.
//
// The Error's InstanceLocation is the member's own location, name included;
// its SchemaURL is the schema that declares the member.
//
// A member is not read as absent where null is an ordinary value: in an object
// without declared members (trigger_properties, extra), under a declaration
// that accepts null, or under a declaration that forbids the member outright
// (false), which keeps its own error. Elements of arrays are never absent.
type NullMember struct{}

// KeywordPath implements ErrorKind.
func (*NullMember) KeywordPath() []string { return []string{"properties"} }

// WithoutNulls returns instance as the Checker reads it against the root
// schema file: without the members that NullMember describes. Objects and
// arrays holding such members, at any depth, are copied; instance itself is
// never changed, and is returned as it is when it holds none.
func (c *Checker) WithoutNulls(file string, instance any) any {
	n, ok := c.roots[file]
	if !ok {
		return instance
	}
	out, _ := stripNulls([]*node{n}, instance, nil, nil)
	return out
}

// stripNulls removes from v, which nodes apply to, the null members they
// read as absent, and appends a NullMember error for each to errs when errs
// is not nil. changed reports whether out differs from v (out is then a copy).
func stripNulls(nodes []*node, v any, loc []string, errs *[]*Error) (out any, changed bool) {
	switch v := v.(type) {
	case map[string]any:
		return stripObject(nodes, v, loc, errs)
	case []any:
		var items []*node
		for _, n := range nodes {
			for _, b := range n.base {
				if b.items != nil && !slices.Contains(items, b.items) {
					items = append(items, b.items)
				}
			}
		}
		if len(items) == 0 {
			return v, false
		}
		var copied []any
		for i, e := range v {
			ne, ch := stripNulls(items, e, append(loc, strconv.Itoa(i)), errs)
			if ch {
				if copied == nil {
					copied = slices.Clone(v)
				}
				copied[i] = ne
			}
		}
		if copied == nil {
			return v, false
		}
		return copied, true
	}
	return v, false
}

func stripObject(nodes []*node, obj map[string]any, loc []string, errs *[]*Error) (any, bool) {
	var base []*node
	for _, n := range nodes {
		for _, b := range n.base {
			if !slices.Contains(base, b) {
				base = append(base, b)
			}
		}
	}
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	slices.Sort(names) // errors in name order, as collect writes them
	var copied map[string]any
	ensureCopy := func() {
		if copied == nil {
			copied = make(map[string]any, len(obj))
			for k, x := range obj {
				copied[k] = x
			}
		}
	}
	for _, name := range names {
		val := obj[name]
		var decls []*node
		for _, b := range base {
			if s, ok := b.properties[name]; ok && s != nil {
				decls = append(decls, s)
			}
		}
		if val == nil {
			if at, ok := absentNull(decls); ok {
				ensureCopy()
				delete(copied, name)
				if errs != nil {
					*errs = append(*errs, &Error{SchemaURL: at.loc, InstanceLocation: append(slices.Clone(loc), name), ErrorKind: &NullMember{}})
				}
			}
			continue
		}
		if len(decls) == 0 {
			for _, b := range base {
				if b.additional != nil {
					decls = append(decls, b.additional)
				}
			}
		}
		if len(decls) == 0 {
			continue
		}
		if nv, ch := stripNulls(decls, val, append(loc, name), errs); ch {
			ensureCopy()
			copied[name] = nv
		}
	}
	if copied == nil {
		return obj, false
	}
	return copied, true
}

// absentNull reports whether a null member that decls declare is read as
// absent, and the declaration to name: some declaration admits the member,
// and none accepts null.
func absentNull(decls []*node) (*node, bool) {
	var admitting *node
	for _, d := range decls {
		if d.valid(nil) {
			return nil, false
		}
		if !d.never && admitting == nil {
			admitting = d
		}
	}
	return admitting, admitting != nil
}
