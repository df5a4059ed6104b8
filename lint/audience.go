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

// eachAudienceNode calls visit for every object node of the payload's audience
// tree, parents before children, with the number of AND/OR operators that
// enclose it. Nodes of the wrong type are the schema's to report and are
// skipped; nesting is bounded by the parser's depth limit.
func eachAudienceNode(root map[string]any, visit func(path []any, depth int, node map[string]any)) {
	audience, ok := root["audience"]
	if !ok {
		return
	}
	path := make([]any, 1, 16)
	path[0] = "audience"
	walkAudience(path, 0, audience, visit)
}

func walkAudience(path []any, depth int, v any, visit func([]any, int, map[string]any)) {
	node, ok := object(v)
	if !ok {
		return
	}
	visit(path, depth, node)
	for k, op := range operators {
		list, _ := array(node[op])
		for i, child := range list {
			walkAudience(append(path, operatorTokens[k], i), depth+1, child, visit)
		}
	}
}

// eachFilter calls visit for every filter of the audience whose body is an
// object; path ends in the filter's key (audience/AND/0/custom_attribute).
func eachFilter(root map[string]any, visit func(path []any, filterType string, body map[string]any)) {
	eachAudienceNode(root, func(path []any, _ int, node map[string]any) {
		for k, t := range filterTypes {
			if body, ok := object(node[t]); ok {
				visit(append(path, filterTypeTokens[k]), t, body)
			}
		}
	})
}

// eachCustomAttribute calls visit for every custom_attribute filter whose
// comparison is valid.
func eachCustomAttribute(root map[string]any, visit func(path []any, body map[string]any, comparison string)) {
	eachFilter(root, func(path []any, filterType string, body map[string]any) {
		if filterType != "custom_attribute" {
			return
		}
		c, _ := str(body["comparison"])
		if _, ok := audience.ComparisonValues[c]; ok {
			visit(path, body, c)
		}
	})
}
