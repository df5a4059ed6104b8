package lint

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// MaxTriggerPropertiesBytes is the documented 50 KB cap on a trigger_properties object.
const MaxTriggerPropertiesBytes = 50 * 1024

var TriggerPropertiesTooLarge = &Rule{
	ID: "trigger-properties-too-large", severity: Error,
	Title: "a trigger_properties object is larger than 50 KB",
	Doc: `Each trigger_properties object, top-level or per recipient, may be at most 50 KB. brazelint
measures the object as compact JSON (51,200 bytes at most), so indentation in the file does not
count. Move bulky data out of the trigger, or fetch it with Connected Content.`,
	Spec:      []string{"TS-10", "TP-2", "TP-7", "SCH-24", "TX-8"},
	Endpoints: campaignProperties,
	Check: func(p *Pass) {
		check := func(tp any, tokens ...any) {
			if _, ok := object(tp); !ok {
				return
			}
			if n := compactSize(tp); n > MaxTriggerPropertiesBytes {
				p.Report(ValueAt(Pointer(tokens...)),
					fmt.Sprintf("%s is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", Path(tokens...), n, MaxTriggerPropertiesBytes))
			}
		}
		check(p.Root["trigger_properties"], "trigger_properties")
		for i, r := range recipients(p.Root) {
			check(r["trigger_properties"], "recipients", i, "trigger_properties")
		}
	},
}

// compactSize is the length in bytes of v written as compact JSON, the way
// encoding/json writes it (HTML escaping aside).
func compactSize(v any) int {
	switch v := v.(type) {
	case map[string]any:
		n := 2 + max(len(v)-1, 0) // braces and commas
		for k, e := range v {
			n += stringSize(k) + 1 + compactSize(e)
		}
		return n
	case []any:
		n := 2 + max(len(v)-1, 0)
		for _, e := range v {
			n += compactSize(e)
		}
		return n
	case string:
		return stringSize(v)
	case json.Number:
		return len(v)
	case bool:
		if v {
			return 4
		}
		return 5
	default: // nil
		return 4
	}
}

// stringSize is the length of s as a JSON string literal, quotes included.
func stringSize(s string) int {
	n := 2
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '\n' || r == '\r' || r == '\t' || r == '\b' || r == '\f':
			n += 2
		case r < 0x20:
			n += 6 // \u00XX
		default:
			n += utf8.RuneLen(r)
		}
	}
	return n
}
