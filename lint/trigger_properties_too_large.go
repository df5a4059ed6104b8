package lint

import "fmt"

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
	needs:     []string{"trigger_properties", "recipients"},
	Check: func(p *Pass) {
		check := func(tp Value, i int) {
			if !tp.IsObject() {
				return
			}
			if n, over := compactOver(tp, MaxTriggerPropertiesBytes); over {
				tokens := []any{"trigger_properties"}
				if i >= 0 {
					tokens = []any{"recipients", i, "trigger_properties"}
				}
				p.Report(ValueAt(Pointer(tokens...)),
					fmt.Sprintf("%s is %d bytes as compact JSON, more than the %d allowed: move bulky data out of it", Path(tokens...), n, MaxTriggerPropertiesBytes))
			}
		}
		check(p.Root.Get("trigger_properties"), -1)
		for _, m := range p.recipientList() {
			check(m.triggerProperties, m.index)
		}
	},
}
