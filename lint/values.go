package lint

import (
	"iter"
	"strconv"

	"github.com/brazelint/brazelint/internal/jsonnum"
)

// Helpers for reading the payload. A value of the wrong JSON type reads as
// absent (ok == false): type errors are the schema's to report, and a Go
// rule that fired on them too would report one defect twice.

// maxIntegerDigits bounds the digits integer writes out.
const maxIntegerDigits = 1000

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

// recipients yields the index and value of each element of the recipients
// array of a /campaigns/trigger/send payload that is an object.
func recipients(root Value) iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		for i, r := range topMember(root, topRecipients).Elements() {
			if r.IsObject() && !yield(i, r) {
				return
			}
		}
	}
}

// integer returns the decimal digits of v when it is a JSON number with an
// integral value (1000, 1e3, 1000.0 alike), as JSON Schema's "integer" type
// judges it. A whole number of more than maxIntegerDigits digits (1e999999)
// is named by its digits and exponent after a NUL, which no digit string
// equals: writing out its zeros would cost more than the payload.
func integer(v Value) (string, bool) {
	n, ok := v.Number()
	if !ok {
		return "", false
	}
	return integerText(n)
}

// integerText is integer for the text of a JSON number. The digits of a
// plain integer literal are its own text: no allocation.
func integerText(n string) (string, bool) {
	if plainInteger(n) && n != "-0" {
		return n, true // its own digits, as most ids are written
	}
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

// listsUsers reports whether listedUsers names any member, without making
// the list.
func listsUsers(root Value, ep Endpoint) bool {
	for _, k := range userLists(ep) {
		if _, ok := nonEmpty(root.Get(k)); ok {
			return true
		}
	}
	return false
}

// absentOrNull reports whether v is absent or the literal null: what a
// lookup in the decoded tree read as nil.
func absentOrNull(v Value) bool { return !v.Exists() || v.IsNull() }

// arrayLen is the number of elements of v when it is an array, else 0: Len
// would count an object's members too.
func arrayLen(v Value) int {
	if !v.IsArray() {
		return 0
	}
	return v.Len()
}
