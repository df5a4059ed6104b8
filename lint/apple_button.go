package lint

import (
	"slices"
	"strings"
)

// appleCategories are Braze's default notification categories: the buttons
// of each, and the actions each button allows (OBJ-APPLE-13).
var appleCategories = map[string]map[string][]string{
	"ab_cat_accept_decline": {"ab_pb_accept": {"OPEN_APP", "URI", "DEEP_LINK"}, "ab_pb_decline": {"CLOSE"}},
	"ab_cat_yes_no":         {"ab_pb_yes": {"OPEN_APP", "URI", "DEEP_LINK"}, "ab_pb_no": {"CLOSE"}},
	"ab_cat_confirm_cancel": {"ab_pb_confirm": {"OPEN_APP", "URI", "DEEP_LINK"}, "ab_pb_cancel": {"CLOSE"}},
	"ab_cat_more":           {"ab_pb_more": {"OPEN_APP", "URI", "DEEP_LINK"}},
}

// buttonActions are the actions any button may name; others are enum-value's.
var buttonActions = []string{"OPEN_APP", "URI", "DEEP_LINK", "CLOSE"}

var AppleButton = &Rule{
	ID: "apple-button", severity: Error,
	Title: "an Apple push button does not fit its category",
	Doc: `Apple push buttons depend on category. With one of Braze's default categories (ab_cat_*), each
button's action_id must be a button of that category, and its action one that button allows:
the positive buttons (ab_pb_accept, ab_pb_yes, ab_pb_confirm, ab_pb_more) OPEN_APP, URI or
DEEP_LINK, the negative ones (ab_pb_decline, ab_pb_no, ab_pb_cancel) CLOSE. With a category of the
app's own, every button needs action URI or DEEP_LINK and a uri.`,
	Spec:      []string{"OBJ-APPLE-13", "OBJ-APPLE-14", "OBJ-APPLE-15"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.apple_push"},
	Check: func(p *Pass) {
		a, ok := message(p.Root, "apple_push")
		if !ok {
			return
		}
		category, ok := a.Get("category").Str()
		if !ok {
			return // buttons without category is required-member's
		}
		buttons, hasButtons := nonEmpty(a.Get("buttons"))
		defaults, isDefault := appleCategories[category]
		if strings.HasPrefix(category, "ab_cat_") && !isDefault && hasButtons {
			p.Report(ValueAt(Pointer("messages", "apple_push", "category")), "messages.apple_push.category is not one of Braze's default categories ("+strings.Join(sortedKeys(appleCategories), ", ")+"): fix it, or use a name without the ab_cat_ prefix for a category of your app")
			return
		}
		for i, b := range buttons.Elements() {
			id, hasID := b.Get("action_id").Str()
			action, hasAction := b.Get("action").Str()
			switch {
			case isDefault && hasID:
				allowed, known := defaults[id]
				switch {
				case !known:
					at := []any{"messages", "apple_push", "buttons", i}
					p.Report(ValueAt(Pointer(append(at, "action_id")...)), Path(append(at, "action_id")...)+" is not a button of "+category+": use "+strings.Join(sortedKeys(defaults), " or "))
				case hasAction && slices.Contains(buttonActions, action) && !slices.Contains(allowed, action):
					at := []any{"messages", "apple_push", "buttons", i}
					p.Report(ValueAt(Pointer(append(at, "action")...)), Path(append(at, "action")...)+" is not allowed for "+id+": use "+strings.Join(allowed, ", "))
				}
			case !isDefault:
				if !hasAction || action != "URI" && action != "DEEP_LINK" {
					at := []any{"messages", "apple_push", "buttons", i}
					p.Report(MemberAt(Pointer(at...)), Path(at...)+" needs action URI or DEEP_LINK: the buttons of an app's own category only open links")
				}
				if !b.Has("uri") {
					at := []any{"messages", "apple_push", "buttons", i}
					p.Report(ValueAt(Pointer(at...)), Path(at...)+" has no uri: a button of an app's own category needs one")
				}
			}
		}
	},
}
