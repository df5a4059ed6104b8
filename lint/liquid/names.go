package liquid

// The dialect's vocabulary, from Braze's documentation of Liquid; the ids are
// the facts of brazelint's specification that each table copies.

// StandardTags are the Liquid 5 tags Braze accepts (LIQ-16), end tags and
// intermediate tags included.
var StandardTags = set(
	"if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase",
	"for", "endfor", "break", "continue", "cycle", "tablerow", "endtablerow",
	"assign", "capture", "endcapture", "increment", "decrement",
	"comment", "endcomment", "raw", "endraw", "echo", "liquid", "render", "#",
)

// BrazeTags are Braze's own tags (LIQ-18, with `random` from its revision).
var BrazeTags = set(
	"connected_content", "abort_message", "catalog_items", "catalog_selection_items",
	"promotion", "message_extras", "translation", "endtranslation", "shopping_cart", "random",
)

// KnownTag reports whether Braze has the tag (LIQ-16, LIQ-18).
func KnownTag(name string) bool { return StandardTags[name] || BrazeTags[name] }

// blockTags open a block that their end tag closes (LIQ-17); raw and comment
// are read apart, since their body is not Liquid.
var blockTags = set("if", "unless", "case", "for", "tablerow", "capture", "translation")

// intermediateTags split a block, and name the blocks they may sit in.
var intermediateTags = map[string][]string{
	"elsif": {"if"},
	"else":  {"if", "unless", "case", "for"},
	"when":  {"case"},
}

// condTags take a condition, in which parentheses are invalid (LIQ-10).
var condTags = set("if", "elsif", "unless", "when")

// expressionTags take Liquid expressions as arguments; Braze's own tags have
// syntaxes of their own.
var expressionTags = set(
	"if", "elsif", "unless", "case", "when", "for", "tablerow", "cycle",
	"assign", "capture", "increment", "decrement", "echo", "liquid", "render",
)

// SupportedFilters are the filters Braze documents as supported (LIQ-33),
// with the spellings its pages disagree on (LIQ-I4, LIQ-I6).
var SupportedFilters = set(
	// array
	"join", "first", "last", "compact", "concat", "index", "map", "reverse", "size", "sort",
	"sort_natural", "uniq", "where",
	// math
	"abs", "at_most", "at_least", "ceil", "divided_by", "floor", "minus", "plus", "round", "times", "modulo",
	// money
	"money",
	// string
	"append", "capitalize", "downcase", "escape", "md5", "sha1", "hmac_sha1_hex", "hmac_sha256",
	"hmac_sha512", "newline_to_br", "prepend", "remove", "remove_first", "replace", "replace_first",
	"slice", "split", "strip", "strip_html", "strip_newlines", "truncate", "truncatewords", "upcase",
	// additional
	"date", "default", "time_zone",
	// advanced
	"sha2", "base64", "base64_encode", "hmac_sha1_base64", "hmac_sha256_hex", "hmac_sha256_base64",
	"url_escape", "url_param_escape", "url_encode", "property_accessor", "number_with_delimiter", "json_escape",
	// renamed: hmac_sha1 is hmac_sha1_hex's old name
	"hmac_sha1",
)

// UnsupportedFilters are Shopify filters Braze documents as not supported
// (LIQ-34). The colour and font filters are named by the Shopify reference.
var UnsupportedFilters = set(
	"money_with_currency", "money_without_currency", "camelcase", "handle", "handleize",
	"pluralize", "lstrip", "rstrip", "format_address", "highlight",
	"color_to_rgb", "color_to_hsl", "color_to_hex", "color_extract", "color_brightness", "color_modify",
	"color_lighten", "color_darken", "color_saturate", "color_desaturate", "color_mix", "color_contrast",
	"color_difference", "brightness_difference", "hex_to_rgba",
	"font_face", "font_url", "font_modify",
)

// Namespace says how a root before `.${...}` resolves in a /messages/send body
// (LIQ-12..15).
type Namespace uint8

const (
	Resolves     Namespace = iota + 1 // filled in for the user
	Empty                             // always empty in /messages/send (LIQ-14)
	TriggerOnly                       // api_trigger_properties (LIQ-13)
	CampaignOnly                      // campaign.*: empty without a campaign_id (LIQ-14)
	DeviceOnly                        // targeted_device.*: empty in Content Cards and emails (LIQ-15)
)

// Namespaces are the roots Braze documents (LIQ-12 and its revision).
var Namespaces = map[string]Namespace{
	"custom_attribute":          Resolves,
	"subscribed_state":          Resolves,
	"most_recently_used_device": Resolves,
	"targeted_device":           DeviceOnly,
	"campaign":                  CampaignOnly,
	"canvas":                    Empty,
	"card":                      Resolves,
	"event_properties":          Empty,
	"canvas_entry_properties":   Empty,
	"context":                   Empty,
	"context_properties":        Empty,
	"api_trigger_properties":    TriggerOnly,
	"sms":                       Empty,
	"whats_app":                 Empty, // inbound-WhatsApp triggers only
	"app":                       Empty, // in-app messages only
	"content_blocks":            Resolves,
	"preference_center":         Resolves,
}

// StandardAttributes are the names a bare `${...}` may hold (LIQ-12 and its
// revision; unsubscribe_url is the old name of set_user_to_unsubscribed_url).
var StandardAttributes = set(
	"city", "country", "date_of_birth", "email_address", "first_name", "gender", "language",
	"last_name", "last_used_app_date", "most_recent_app_version", "most_recent_locale",
	"most_recent_location", "phone_number", "time_zone", "user_id", "braze_id",
	"random_bucket_number", "set_user_to_unsubscribed_url", "set_user_to_subscribed_url",
	"set_user_to_opted_in_url", "set_user_to_one_click_list_unsubscribe", "preference_center_url",
	"unsubscribe_url",
)

// GeneratedAttributes are the standard attributes Braze fills for every user,
// which never render empty (LIQ-42 and its revision). user_id is one only
// when the send addresses users by external id, and email_address only in
// an email: the rules that need this decide those two.
var GeneratedAttributes = set(
	"set_user_to_unsubscribed_url", "set_user_to_subscribed_url", "set_user_to_opted_in_url",
	"set_user_to_one_click_list_unsubscribe", "preference_center_url", "unsubscribe_url",
	"braze_id", "random_bucket_number",
)

// ConnectedContentOptions are the options of connected_content, and whether
// each takes a value (LIQ-25).
var ConnectedContentOptions = map[string]bool{
	"save": true, "method": true, "headers": true, "body": true, "content_type": true,
	"basic_auth": true, "cache_max_age": true, "no_cache": false, "retry": false,
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
