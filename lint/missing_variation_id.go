package lint

import "slices"

var MissingVariationID = &Rule{
	ID: "missing-variation-id", severity: Error,
	Title: "campaign_id is set but a messaging object has no message_variation_id",
	Doc: `With campaign_id, each messaging object must name the campaign variant it is tracked under in
message_variation_id: the Parameters glossary says "must", and the Errors page lists the fatal
"400 Message Variant Unspecified" for a campaign_id without a message_variation_id in every
revision, although every object page marks the field optional (MS-29, OBJ-GEN-3, INC-7). Add the
variant's id to each object, or remove campaign_id. A null campaign_id is no campaign_id (INC-37).
Braze's own /messages/send example has this defect (EX-6).`,
	Spec:      []string{"MS-29", "OBJ-GEN-2", "OBJ-GEN-3", "INC-7", "EX-6", "RESP-9", "SCH-16"},
	Endpoints: inlineMessages,
	needs:     []string{"campaign_id"},
	Check: func(p *Pass) {
		if !p.Root.Has("campaign_id") {
			return
		}
		for k, msg := range p.Root.Get("messages").Members() {
			if msg.IsObject() && !msg.Has("message_variation_id") {
				p.Report(KeyAt(Pointer("messages", k)),
					"campaign_id is set but messages."+k+" has no message_variation_id, which Braze rejects (Message Variant Unspecified): add the id of the campaign's "+k+" variant, or remove campaign_id",
					Note{MemberAt("/campaign_id"), "campaign_id"})
			}
		}
	},
}

// sortedKeys returns the names of obj in order, so findings come out in the
// same order on every run.
func sortedKeys[V any](obj map[string]V) []string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
