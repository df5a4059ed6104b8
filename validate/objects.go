package validate

import (
	"slices"

	"github.com/brazelint/brazelint/lint"
	"github.com/brazelint/brazelint/schema"
)

// Messages for schema errors inside the messaging objects, keyed by the
// schema location of the keyword that failed.

// falseHint explains a member a schema forbids in its context.
type falseHint struct {
	rule    *lint.Rule
	message string
}

var falseHints = map[string]falseHint{
	"/$defs/androidPush/then/properties/alert":         {lint.ExclusiveMembers, "is set, but send_to_sync is true: a silent push carries no alert or title, so remove one of them"},
	"/$defs/androidPush/then/properties/title":         {lint.ExclusiveMembers, "is set, but send_to_sync is true: a silent push carries no alert or title, so remove one of them"},
	"/$defs/applePush/properties/extra/properties/ab":  {lint.ReservedKey, "is reserved: Braze rejects an extra holding ab or aps, so rename it"},
	"/$defs/applePush/properties/extra/properties/aps": {lint.ReservedKey, "is reserved: Braze rejects an extra holding ab or aps, so rename it"},
}

// patternHints say what a string with a pattern may hold.
var patternHints = map[string]string{
	"/properties/external_send_id": ": use Base64 characters only, letters, digits and - _ + / = (TX-7)",
}

// exclusiveHints explain a failed "not" (members that exclude each other).
var exclusiveHints = map[string]string{
	"/$defs/waQuickReply": "has both header_image_uri and header_text, which exclude each other: keep one",
}

// rangeHints add the unit of a documented maximum.
var rangeHints = map[string]string{
	"/$defs/androidPush/properties/time_to_live": " seconds (28 days)",
	"/$defs/contentCard/properties/time_to_live": " seconds (30 days)",
}

// typeHints replace the generic advice of a type error.
var typeHints = map[string]string{
	"/$defs/webhook/properties/body":             "send the payload as a string, or as a JSON object, which Braze serializes",
	"/$defs/androidPush/properties/accent_color": "write the RGB color as an integer, e.g. 16711680 for #FF0000",
}

func articles(types []string) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = article(t)
	}
	return out
}

// whatsAppMessages maps the schema of each WhatsApp message type to its name.
var whatsAppMessages = map[string]string{
	"/$defs/waTemplate":   "template_message",
	"/$defs/waText":       "text_response_message",
	"/$defs/waTextImage":  "text_image_response_message",
	"/$defs/waQuickReply": "quick_reply_response_message",
	"/$defs/waList":       "list_response_message",
	"/$defs/waFlow":       "flow_response_message",
	// carousel_response_message is unconfirmed (INC-41): a member it does
	// not declare is an unknown-member warning, and its own members make no
	// other type's member an error.
}

// otherMessageTypeField reports a member of a WhatsApp message that belongs to
// another message_type: an error, since the message cannot be what was meant
// (OBJ-WA-2). A member no type declares stays an unknown-member warning, and
// a deprecated declaration (header_image_uri in a template_message, OBJ-WA-3)
// makes no type its owner.
func (m mapper) otherMessageTypeField(frag string, toks []any, prop string) (lint.Finding, bool) {
	own, ok := whatsAppMessages[frag]
	if !ok {
		return lint.Finding{}, false
	}
	var owners []string
	for def, name := range whatsAppMessages {
		if name != own && m.owns(schema.BaseURL+"defs.json#"+def, prop) {
			owners = append(owners, name)
		}
	}
	if len(owners) == 0 {
		return lint.Finding{}, false
	}
	slices.Sort(owners)
	at := append(toks[:len(toks):len(toks)], prop)
	return lint.Finding{Rule: lint.MessageTypeField, At: lint.KeyAt(lint.Pointer(at...)),
		Message: lint.Path(at...) + " is a field of " + orList(owners) + ", not of " + own + ": remove it, or change message_type"}, true
}

// owns reports whether the schema at url declares prop as a current member:
// neither forbidden (false) nor deprecated.
func (m mapper) owns(url, prop string) bool {
	props, _ := m.checker.SchemaAt(url)["properties"].(map[string]any)
	switch d := props[prop].(type) {
	case map[string]any:
		return d["deprecated"] != true
	case bool:
		return d
	}
	return false
}
