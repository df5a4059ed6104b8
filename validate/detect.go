package validate

import (
	"bytes"

	"github.com/tidwall/gjson"

	"github.com/brazelint/brazelint/lint"
)

// Detect tells the endpoint of a payload from its top-level members, without
// validating it, by the precedence of the endpoint table (lint.Registry.Detect):
// the endpoint with the most of its marking members present wins, a
// schedule-create endpoint only when schedule is present, ties going to the
// endpoint whose key member is present (messages, canvas_id, recipient), then
// by rank; with none of them, ok is false. A member whose value is null counts
// as absent (INC-37), and api_key, which every endpoint accepts (INC-39),
// counts for none.
func Detect(data []byte) (ep Endpoint, ok bool) { return detectIn(lint.DefaultEndpoints, data) }

func detectIn(reg *lint.Registry, data []byte) (Endpoint, bool) {
	res := gjson.ParseBytes(bytes.TrimPrefix(data, bom))
	if !res.IsObject() {
		return "", false
	}
	keys := map[string]bool{}
	res.ForEach(func(k, v gjson.Result) bool {
		keys[k.String()] = v.Type != gjson.Null // null is absent (INC-37)
		return true
	})
	return reg.Detect(func(k string) bool { return keys[k] })
}
