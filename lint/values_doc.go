package lint

import (
	"iter"
	"strconv"

	"github.com/brazelint/brazelint/internal/audience"
	"github.com/brazelint/brazelint/internal/jsonnum"
)

// Helpers for reading the payload through Values: the same questions as
// values.go asks of the decoded tree.

// IsTrue reports whether v is the JSON literal true.
func (v Value) IsTrue() bool { b, ok := v.Bool(); return ok && b }

// IsFalse reports whether v is the JSON literal false.
func (v Value) IsFalse() bool { b, ok := v.Bool(); return ok && !b }

// nonEmpty returns v when it is an array with at least one element.
func nonEmpty(v Value) (Value, bool) { return v, v.IsArray() && v.Len() > 0 }

// namesUsers reports whether v names users or a target: present and not an
// empty array. A value of the wrong type still counts as an attempt to
// target, so targeting rules stay quiet and the type error stands alone.
func namesUsers(v Value) bool { return v.Exists() && !(v.IsArray() && v.Len() == 0) }

// recipientsOf yields the index and value of each element of the recipients
// array of a /campaigns/trigger/send payload that is an object.
func recipientsOf(root Value) iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		for i, r := range root.Get("recipients").Elements() {
			if r.IsObject() && !yield(i, r) {
				return
			}
		}
	}
}

// integerOf is integer for a Value.
func integerOf(v Value) (string, bool) {
	n, ok := v.Number()
	if !ok {
		return "", false
	}
	return integerText(n)
}

// integerText is integer for the text of a JSON number.
func integerText(n string) (string, bool) {
	d, ok := jsonnum.Parse(n)
	if !ok || !d.IsInteger() {
		return "", false
	}
	if digits, ok := d.Integer(maxIntegerDigits); ok {
		return digits, true
	}
	sign := ""
	if d.Neg {
		sign = "-"
	}
	return "\x00" + sign + d.Digits + "e" + strconv.Itoa(d.Exp), true
}

// messageOf returns messages[key] when it is an object.
func messageOf(root Value, key string) (Value, bool) {
	return root.Get("messages").Get(key).Object()
}

// whatsAppMessageOf returns the message_type of the whats_app object and its
// message, when both are there with the right types.
func whatsAppMessageOf(root Value) (messageType string, msg Value, ok bool) {
	wa, _ := messageOf(root, "whats_app")
	messageType, _ = wa.Get("message_type").Str()
	msg, ok = wa.Get("message").Object()
	return messageType, msg, ok
}

// listedUsers names the members of root that list users and are non-empty.
func listedUsers(root Value, ep Endpoint) []string {
	var lists []string
	for _, k := range userLists(ep) {
		if _, ok := nonEmpty(root.Get(k)); ok {
			lists = append(lists, k)
		}
	}
	return lists
}

// audienceNodes calls visit for every object node of the payload's audience
// tree, parents before children, with the number of AND/OR operators that
// enclose it (see eachAudienceNode).
func audienceNodes(root Value, visit func(path []any, depth int, node Value)) {
	a := root.Get("audience")
	if !a.Exists() {
		return
	}
	var buf [16]any
	path := append(buf[:0], "audience")
	walkAudienceDoc(path, 0, a, visit)
}

func walkAudienceDoc(path []any, depth int, v Value, visit func([]any, int, Value)) {
	if !v.IsObject() {
		return
	}
	visit(path, depth, v)
	for k, op := range operators {
		for i, child := range v.Get(op).Elements() {
			walkAudienceDoc(append(path, operatorTokens[k], i), depth+1, child, visit)
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

// attributesOf yields the index of each recipient with an attributes
// object, and that object: the elements of recipients, and the one
// recipient of the transactional send as index -1 (see attributePath).
func attributesOf(root Value) iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if attrs, ok := root.Get("recipient").Get("attributes").Object(); ok && !yield(-1, attrs) {
			return
		}
		for i, r := range recipientsOf(root) {
			if attrs, ok := r.Get("attributes").Object(); ok && !yield(i, attrs) {
				return
			}
		}
	}
}

// customAttributesOf yields every custom attribute and its value.
func customAttributesOf(root Value) iter.Seq2[customAttribute, Value] {
	return func(yield func(customAttribute, Value) bool) {
		for i, attrs := range attributesOf(root) {
			for name, v := range attrs.Members() {
				if !isBuiltinAttribute(name) && !yield(customAttribute{i, name}, v) {
					return
				}
			}
		}
	}
}
