package lint

import "github.com/brazelint/brazelint/internal/audience"

// MaxAudienceDepth is how many AND/OR operators deep an audience may nest
// before audience-too-deep warns (AUD-6). Braze documents no limit; the JSON
// depth limit (validate.DefaultMaxDepth) is the hard one.
const MaxAudienceDepth = 10

// Filter names for the audience walk.
var (
	operators   = []string{"AND", "OR"}
	filterTypes = []string{"custom_attribute", "push_subscription_status", "email_subscription_status", "last_used_app"}
	// The same names as path tokens, boxed once: boxing a string in the walk
	// would allocate at every node.
	operatorTokens   = []any{"AND", "OR"}
	filterTypeTokens = []any{"custom_attribute", "push_subscription_status", "email_subscription_status", "last_used_app"}
)

// The audience is read once a payload, on first use, into a list of its
// nodes and filters (audienceList) that every audience rule then iterates:
// the rules need not look up the operators, filter types and comparisons
// again each. The list lives in the Doc, reused from payload to payload, so
// reading it allocates nothing once warm.
//
// The callbacks get the path of a node or filter in the Doc's path buffer,
// valid only during the call. Rules turn it into a pointer or a message
// (Pointer, Path) at once and never keep it.

// audienceList is the audience of a payload, read by readAudience.
type audienceList struct {
	// read is the tape node of the root the list was read from, plus one;
	// 0 until read.
	read    int32
	nodes   []audienceNode   // the object nodes, parents before children
	filters []audienceFilter // their filters with an object body, by node
	// kinds holds the value kinds of the valid custom_attribute filters,
	// and depth the deepest node's: rules that look for neither skip the
	// walk.
	kinds kindSet
	depth int32
}

// kindSet is a set of audience.ValueKind.
type kindSet uint32

// kindsOf returns the set of the value kinds of comparisons.
func kindsOf(comparisons ...string) kindSet {
	var s kindSet
	for _, c := range comparisons {
		if k, ok := audience.ComparisonValues[c]; ok {
			s |= 1 << k
		}
	}
	return s
}

func (s kindSet) has(k audience.ValueKind) bool { return s&(1<<k) != 0 }

// audienceNode is an object node of the audience tree.
type audienceNode struct {
	depth int32 // how many AND/OR operators enclose it
	// op and index place it in its parent: operators[op][index]; op is -1
	// for the audience itself.
	op, index int32
	// filters[first:first+n] are its filters.
	first, n int32
	// ops holds, for each of operators, how many elements its array has,
	// or opAbsent or opNotArray.
	ops [2]int32
}

const (
	opAbsent   = -2
	opNotArray = -1
)

// audienceFilter is a filter whose body is an object.
type audienceFilter struct {
	typ  int32 // index in filterTypes
	body int32 // the body's tape node
	// comparison is the body's comparison when a string, or "". kind and
	// valid are its audience.ComparisonValues entry, for custom_attribute
	// filters only.
	comparison string
	kind       audience.ValueKind
	valid      bool
}

// readAudience returns the audience list of root's payload, reading it on
// first use.
func readAudience(root Value) *audienceList {
	d := root.d
	l := &d.audience
	if l.read == root.i+1 {
		return l
	}
	l.read, l.nodes, l.filters, l.kinds, l.depth = root.i+1, l.nodes[:0], l.filters[:0], 0, 0
	if a := root.Get("audience"); a.Exists() {
		l.add(a, 0, -1, 0)
	}
	return l
}

// add appends node v and the nodes below it. The recursion is as deep as
// the JSON, which the scanner bounds.
func (l *audienceList) add(v Value, depth, op, index int32) {
	if !v.IsObject() {
		return
	}
	n := len(l.nodes)
	l.depth = max(l.depth, depth)
	l.nodes = append(l.nodes, audienceNode{depth: depth, op: op, index: index, first: int32(len(l.filters))})
	for k, t := range filterTypes {
		body, ok := v.Get(t).Object()
		if !ok {
			continue
		}
		f := audienceFilter{typ: int32(k), body: body.i}
		f.comparison, _ = body.Get("comparison").Str()
		if k == 0 {
			f.kind, f.valid = audience.ComparisonValues[f.comparison]
			if f.valid {
				l.kinds |= 1 << f.kind
			}
		}
		l.filters = append(l.filters, f)
	}
	l.nodes[n].n = int32(len(l.filters)) - l.nodes[n].first
	nodes := v.d.t.Nodes
	for k, op := range operators {
		list := v.Get(op)
		count := int32(opAbsent)
		if list.IsArray() {
			count = 0
			for e := list.i + 1; e < nodes[list.i].Next; e = nodes[e].Next {
				l.add(Value{v.d, e}, depth+1, int32(k), count)
				count++
			}
		} else if list.Exists() {
			count = opNotArray
		}
		l.nodes[n].ops[k] = count
	}
}

// eachAudienceNode calls visit for every node of the audience with its path
// in the Doc's path buffer, parents before children. The buffer is the
// Doc's, reused from rule to rule and payload to payload: visit sees it
// through a func value, so a stack array would escape, an allocation per
// call. Nodes come in the order of a depth-first walk, so a node's parent
// is the last node visited one level up, and its path is already in the
// buffer: each node writes only its own two tokens.
func eachAudienceNode(root Value, l *audienceList, visit func(path []any, node *audienceNode)) {
	d := root.d
	if d.walking {
		panic("lint: the audience walk called from its own visit")
	}
	d.walking = true
	defer func() { d.walking = false }()
	if d.path == nil {
		d.path = make([]any, 0, 32) // deeper audiences grow a buffer of their own
	}
	path := append(d.path[:0], "audience")
	for i := range l.nodes {
		n := &l.nodes[i]
		if n.depth > 0 {
			// Boxing an int of 0 to 255 allocates nothing; a larger index
			// allocates, as in any path built of []any.
			path = append(path[:2*n.depth-1], operatorTokens[n.op], int(n.index))
		}
		visit(path, n)
	}
	clear(path[:cap(path)])
	d.path = path[:0]
}

// audienceNodes calls visit for every object node of the payload's audience
// tree, parents before children; node tells how many AND/OR operators
// enclose it (depth) and what its own hold (ops).
func audienceNodes(root Value, visit func(path []any, node *audienceNode)) {
	l := readAudience(root)
	if len(l.nodes) == 0 {
		return
	}
	eachAudienceNode(root, l, visit)
}

// audienceFilters calls visit for every filter of the audience whose body
// is an object; path ends in the filter's key (audience/AND/0/custom_attribute),
// and comparison is the body's comparison when a string, or "".
func audienceFilters(root Value, visit func(path []any, filterType string, body Value, comparison string)) {
	l := readAudience(root)
	if len(l.filters) == 0 {
		return
	}
	eachAudienceNode(root, l, func(path []any, n *audienceNode) {
		for _, f := range l.filters[n.first : n.first+n.n] {
			visit(append(path, filterTypeTokens[f.typ]), filterTypes[f.typ], Value{root.d, f.body}, f.comparison)
		}
	})
}

// audienceDepth returns how many AND/OR operators enclose the deepest node
// of the audience.
func audienceDepth(root Value) int { return int(readAudience(root).depth) }

// customAttributeFilters calls visit for every custom_attribute filter whose
// comparison is valid and takes a value of a kind in want, with that kind.
func customAttributeFilters(root Value, want kindSet, visit func(path []any, body Value, comparison string, kind audience.ValueKind)) {
	l := readAudience(root)
	if l.kinds&want == 0 {
		return
	}
	eachAudienceNode(root, l, func(path []any, n *audienceNode) {
		for _, f := range l.filters[n.first : n.first+n.n] {
			if f.typ == 0 && f.valid && want.has(f.kind) {
				visit(append(path, filterTypeTokens[0]), Value{root.d, f.body}, f.comparison, f.kind)
			}
		}
	})
}
