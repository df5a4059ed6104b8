// Package testpayload holds payloads that tests in several packages share.
package testpayload

import (
	"fmt"
	"strings"
)

// UnknownMembers is a /messages/send payload with 300 unknown members and
// then a broadcast that is no boolean: more findings than validate's cap,
// with the error last. Under unknown-member: off, the type-mismatch must
// show (issue 20's case, through every consumer of the policy).
func UnknownMembers() []byte {
	var b strings.Builder
	b.WriteString(`{"segment_id": "s", "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}`)
	for i := range 300 {
		fmt.Fprintf(&b, `, "x%d": 1`, i)
	}
	b.WriteString(`, "broadcast": "no"}`)
	return []byte(b.String())
}

// ValidPlusUnknown is a valid /messages/send payload (a segment broadcast)
// with n unknown members after it, each a finding: the shape that once took
// minutes to locate (issue 21). testdata/limits holds it with n = 80,000.
func ValidPlusUnknown(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"segment_id": "s", "broadcast": true, "messages": {"sms": {"subscription_group_id": "g", "body": "hi", "app_id": "a"}}`)
	for i := range n {
		fmt.Fprintf(&b, `, "x%d": %d`, i, i)
	}
	b.WriteString("}\n")
	return []byte(b.String())
}
