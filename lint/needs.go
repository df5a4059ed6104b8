package lint

import (
	"strings"

	"github.com/brazelint/brazelint/internal/tape"
)

// The names a rule's needs may hold: top-level members, and the messaging
// objects of messages, written messages.<key>. Each has a bit: the
// top-level ones first, then the messaging objects.
var (
	topNeeds = [...]string{
		"messages", "recipients", "recipient", "audience", "schedule", "attachments",
		"broadcast", "campaign_id", "send_id", "api_key", "context", "canvas_entry_properties",
		"trigger_properties", "external_user_ids", "user_aliases",
	}
	messageNeeds = [...]string{
		"email", "apple_push", "android_push", "kindle_push", "content_card", "web_push",
		"webhook", "whats_app", "sms", "windows_phone8_push", "windows_universal_push",
	}
)

// needTemplates is the need of the Liquid rules, which read nothing but
// the payload's templates: a payload none of whose strings may spell a
// Liquid delimiter (tape.Delims) has none (LIQ-4), as most have not. The
// braces keep it from naming a member.
const needTemplates = "{templates}"

// templatesBit is needTemplates' bit, the last.
const templatesBit = 1 << 63

// Every name has a bit of a uint64, and needTemplates the last.
var _ [63 - len(topNeeds) - len(messageNeeds)]struct{}

// needBits returns the bits of names; all bits, so that the rule always
// runs, when names is empty or holds a name needNames does not.
func needBits(names []string) uint64 {
	var bits uint64
	for _, name := range names {
		b := needBit(name)
		if b == 0 {
			return ^uint64(0)
		}
		bits |= b
	}
	if bits == 0 {
		return ^uint64(0)
	}
	return bits
}

// needBit returns the bit of one name of a rule's needs, 0 for a name
// without one.
func needBit(name string) uint64 {
	if name == needTemplates {
		return templatesBit
	}
	if key, ok := strings.CutPrefix(name, "messages."); ok {
		return messageBit(key)
	}
	return topBit(name)
}

// The tables of topNeeds and messageNeeds, for present's lookups.
var (
	topNeedTable     = newNameTable(topNeeds[:]...)
	messageNeedTable = newNameTable(messageNeeds[:]...)
)

func topBit(name string) uint64 {
	if i := topNeedTable.index(name); i >= 0 {
		return 1 << i
	}
	return 0
}

func messageBit(key string) uint64 {
	if i := messageNeedTable.index(key); i >= 0 {
		return 1 << (len(topNeeds) + i)
	}
	return 0
}

// present returns the needBits of the members the payload has, read as
// Get reads them: the last of repeated names, and no removed member. One
// walk of the root's members, and of the messages object's, a payload: a
// rule whose needs are all absent is then skipped without a lookup.
func (d *Doc) present() uint64 {
	nodes := d.t.Nodes
	if len(nodes) == 0 || nodes[0].Kind != tape.Object {
		return ^uint64(0) // no members to go by: run every rule
	}
	var bits uint64
	if d.t.Delims {
		bits = templatesBit
	}
	for k := int32(1); k < nodes[0].Next; k = nodes[k].Next {
		if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 {
			continue
		}
		b := topBit(d.str(k))
		bits |= b
		if b != 1<<0 || nodes[k+1].Kind != tape.Object { // messages is topNeeds[0]
			continue
		}
		for m := k + 2; m < nodes[k+1].Next; m = nodes[m].Next {
			if nodes[m].Flags&(tape.Shadowed|tape.Absent) == 0 {
				bits |= messageBit(d.str(m))
			}
		}
	}
	return bits
}
