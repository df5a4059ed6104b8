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

// The audience walk. It runs once per rule on every payload with an audience,
// so it allocates nothing per node: path is the walk's own stack, valid only
// during the call. Rules turn it into a pointer or a message (Pointer, Path)
// at once and never keep it.

// audienceNodes calls visit for every object node of the payload's audience
// tree, parents before children, with the number of AND/OR operators that
// enclose it.
func audienceNodes(root Value, visit func(path []any, depth int, node Value)) {
	a := root.Get("audience")
	if !a.Exists() {
		return
	}
	// The walk's stack is the Doc's, reused from rule to rule and payload
	// to payload: visit sees it through a func value, so a stack array
	// would escape, an allocation per walk.
	d := root.d
	if d.walking {
		panic("lint: audienceNodes called from its own visit")
	}
	d.walking = true
	defer func() { d.walking = false }()
	if d.path == nil {
		d.path = make([]any, 0, 32) // deeper audiences grow a stack of their own
	}
	d.path = append(d.path[:0], "audience")
	walkAudience(d.path, 0, a, visit)
	clear(d.path[:cap(d.path)])
}

func walkAudience(path []any, depth int, v Value, visit func([]any, int, Value)) {
	if !v.IsObject() {
		return
	}
	visit(path, depth, v)
	for k, op := range operators {
		for i, child := range v.Get(op).Elements() {
			walkAudience(append(path, operatorTokens[k], i), depth+1, child, visit)
		}
	}
}

// audienceFilters calls visit for every filter of the audience whose body
// is an object; path ends in the filter's key (audience/AND/0/custom_attribute).
func audienceFilters(root Value, visit func(path []any, filterType string, body Value)) {
	audienceNodes(root, func(path []any, _ int, node Value) {
		for k, t := range filterTypes {
			if body, ok := node.Get(t).Object(); ok {
				visit(append(path, filterTypeTokens[k]), t, body)
			}
		}
	})
}

// customAttributeFilters calls visit for every custom_attribute filter whose
// comparison is valid.
func customAttributeFilters(root Value, visit func(path []any, body Value, comparison string)) {
	audienceFilters(root, func(path []any, filterType string, body Value) {
		if filterType != "custom_attribute" {
			return
		}
		c, _ := body.Get("comparison").Str()
		if _, ok := audience.ComparisonValues[c]; ok {
			visit(path, body, c)
		}
	})
}
