package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The two endpoints, as brazelint names them.
const (
	messagesSend         = "messages/send"
	campaignsTriggerSend = "campaigns/trigger/send"
)

// A payload is one generated request body with what it is meant to be.
type payload struct {
	endpoint string
	defect   string // "" for a payload meant to be valid
	root     obj
}

// Label is what the generator promises about a payload; it is written next to
// the corpus, one JSON object per payload.
type Label struct {
	Endpoint string `json:"endpoint"`
	Defect   string `json:"defect,omitempty"`
	// Valid is brazelint's verdict: no error-severity diagnostic.
	Valid bool `json:"valid"`
	// SchemaValid is the verdict of a plain JSON Schema validator (ajv) given
	// brazelint's bundled schema.
	SchemaValid bool `json:"schema_valid"`
}

// A defect kind is one typical mistake. lintValid and schemaValid are the
// verdicts a payload with it should get: a schema cannot see a constraint
// that spans fields, and brazelint reports an unknown member as a warning
// (Braze ignores it) where the schema's additionalProperties: false rejects it.
type defectKind struct {
	name        string
	lintValid   bool
	schemaValid bool
	// apply puts the defect into a valid payload; it returns false when the
	// payload has no place for it, and the generator draws another.
	apply func(g *gen, p *payload) bool
}

var defectKinds = []defectKind{
	{"string-for-boolean", false, false, (*gen).stringForBoolean},
	{"list-as-string", false, false, (*gen).listAsString},
	{"too-many-recipients", false, false, (*gen).tooManyRecipients},
	{"too-many-recipients-combined", false, true, (*gen).tooManyRecipientsCombined},
	{"broadcast-conflict", false, true, (*gen).broadcastConflict},
	{"bad-audience", false, false, (*gen).badAudience},
	{"unknown-field", true, false, (*gen).unknownField},
	{"bad-enum", false, false, (*gen).badEnum},
}

func findDefect(name string) (defectKind, bool) {
	for _, d := range defectKinds {
		if d.name == name {
			return d, true
		}
	}
	return defectKind{}, false
}

func (p payload) label() Label {
	l := Label{Endpoint: p.endpoint, Defect: p.defect, Valid: true, SchemaValid: true}
	if d, ok := findDefect(p.defect); ok {
		l.Valid, l.SchemaValid = d.lintValid, d.schemaValid
	}
	return l
}

// validShare is the part of the corpus generated without a defect.
const validShare = 0.70

// gen generates payloads from a seeded source: the same seed gives the same
// payloads, byte for byte.
type gen struct {
	r *rand.Rand
}

func newGen(seed uint64) *gen {
	return &gen{rand.New(rand.NewPCG(seed, 0x62726167656c696e))} // "bragelin"
}

// next returns the next payload of the stream.
func (g *gen) next() payload {
	if g.r.Float64() < validShare {
		return g.valid(g.endpoint())
	}
	return g.defective(defectKinds[g.r.IntN(len(defectKinds))])
}

// defective returns a payload with defect d, drawing valid payloads until
// one has a place for it.
func (g *gen) defective(d defectKind) payload {
	for {
		ep := g.endpoint()
		if d.name == "too-many-recipients-combined" {
			ep = messagesSend // only /messages/send has two lists of users
		}
		p := g.valid(ep)
		if d.apply(g, &p) {
			p.defect = d.name
			return p
		}
	}
}

// endpoint picks /messages/send a little more often, as services send more
// of those.
func (g *gen) endpoint() string {
	if g.r.IntN(100) < 55 {
		return messagesSend
	}
	return campaignsTriggerSend
}

func (g *gen) valid(ep string) payload {
	if ep == messagesSend {
		return payload{endpoint: ep, root: g.messagesSend()}
	}
	return payload{endpoint: ep, root: g.triggerSend()}
}

// Helpers for random choices.

func (g *gen) chance(percent int) bool { return g.r.IntN(100) < percent }

func pick[T any](g *gen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

// between returns an int in [lo, hi].
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// count returns how many users a request lists: mostly one to three, now and
// then a full batch, as services send one-off and batched messages.
func (g *gen) count(max int) int {
	switch n := g.r.IntN(100); {
	case n < 70:
		return g.between(1, min(3, max))
	case n < 90:
		return g.between(min(4, max), min(15, max))
	default:
		return g.between(min(16, max), max)
	}
}

func (g *gen) uuid() string {
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", g.r.Uint32(), g.r.Uint32()&0xffff,
		0x4000|g.r.Uint32()&0x0fff, 0x8000|g.r.Uint32()&0x3fff, g.r.Uint64()&0xffffffffffff)
}

func (g *gen) userID() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("user-%07d", g.r.IntN(10_000_000))
	case 1:
		return g.uuid()
	}
	return fmt.Sprintf("%s.%s.%d", strings.ToLower(pick(g, firstNames...)), strings.ToLower(pick(g, lastNames...)), g.r.IntN(1000))
}

// userIDs returns n distinct external user ids.
func (g *gen) userIDs(n int) []any {
	seen := map[string]bool{}
	ids := make([]any, 0, n)
	for len(ids) < n {
		id := g.userID()
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}

func (g *gen) userAliases(n int) []any {
	aliases := make([]any, n)
	for i := range aliases {
		aliases[i] = obj{{"alias_name", fmt.Sprintf("%s-%d", g.email(), i)}, {"alias_label", pick(g, "email", "crm_id", "shopify_customer", "lead_id")}}
	}
	return aliases
}

func (g *gen) email() string {
	return fmt.Sprintf("%s.%s%d@%s", strings.ToLower(pick(g, firstNames...)), strings.ToLower(pick(g, lastNames...)),
		g.r.IntN(100), pick(g, "example.com", "example.org", "mail.example.net", "example.co.uk"))
}

func (g *gen) brand() string { return pick(g, brands...) }

func (g *gen) httpsURL(path string) string {
	return fmt.Sprintf("https://%s.example.com/%s/%d", strings.ToLower(strings.ReplaceAll(g.brand(), " ", "")), path, g.r.IntN(100000))
}

func (g *gen) deepLink() string {
	return fmt.Sprintf("%s://%s/%d", strings.ToLower(strings.ReplaceAll(g.brand(), " ", "")), pick(g, "orders", "offers", "cart", "profile", "events"), g.r.IntN(100000))
}

// dateTime returns a datetime in one of the forms Braze's docs use.
func (g *gen) dateTime() string {
	y, mo, d, h, mi, s := g.between(2024, 2026), g.between(1, 12), g.between(1, 28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s)
	case 1:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d+0000", y, mo, d, h, mi, s)
	}
	return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d-05:00", y, mo, d, h, mi, s, g.r.IntN(1000))
}

// sentence returns a line of marketing copy, with Liquid personalization now
// and then, and a little non-ASCII text as real copy has.
func (g *gen) sentence() string {
	s := pick(g, sentences...)
	if g.chance(30) {
		s = "Hi {{${first_name} | default: 'there'}}, " + strings.ToLower(s[:1]) + s[1:]
	}
	if g.chance(15) {
		s += " " + pick(g, "🎉", "¡Oferta!", "Ça y est !", "Grüße", "✨", "→")
	}
	return s
}

func (g *gen) paragraphs(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString("<p>")
		for range g.between(1, 3) {
			b.WriteString(g.sentence())
			b.WriteByte(' ')
		}
		b.WriteString("</p>\n")
	}
	return b.String()
}

// properties returns personalization values such as trigger_properties.
func (g *gen) properties() obj {
	o := obj{}
	o.set("order_id", fmt.Sprintf("ord-%08d", g.r.IntN(100_000_000)))
	if g.chance(60) {
		o.set("total", float64(g.r.IntN(50000))/100)
		o.set("currency", pick(g, "USD", "EUR", "GBP", "JPY"))
	}
	if g.chance(40) {
		items := make([]any, g.between(1, 4))
		for i := range items {
			items[i] = obj{{"sku", fmt.Sprintf("SKU-%05d", g.r.IntN(100000))}, {"name", pick(g, products...)}, {"quantity", g.between(1, 3)}}
		}
		o.set("items", items)
	}
	if g.chance(30) {
		o.set("store", pick(g, cities...))
	}
	if g.chance(20) {
		o.set("gift", g.chance(50))
	}
	return o
}

func (g *gen) attributes() obj {
	o := obj{}
	o.set("first_name", pick(g, firstNames...))
	if g.chance(70) {
		o.set("last_name", pick(g, lastNames...))
	}
	if g.chance(50) {
		o.set("email", g.email())
	}
	if g.chance(40) {
		o.set("loyalty_tier", pick(g, "bronze", "silver", "gold", "platinum"))
	}
	if g.chance(30) {
		o.set("home_city", pick(g, cities...))
	}
	return o
}

// messagesSend returns a valid /messages/send body: listed users, or a
// segment or audience with broadcast, and one to four messaging objects.
func (g *gen) messagesSend() obj {
	o := obj{}
	switch n := g.r.IntN(100); {
	case n < 55:
		o.set("external_user_ids", g.userIDs(g.count(50)))
	case n < 65:
		o.set("user_aliases", g.userAliases(g.count(5)))
	case n < 72:
		o.set("external_user_ids", g.userIDs(g.between(1, 3)))
		o.set("user_aliases", g.userAliases(g.between(1, 2)))
	case n < 85:
		o.set("segment_id", g.uuid())
		if g.chance(30) {
			o.set("audience", g.audience(0))
		}
		o.set("broadcast", true)
	default:
		o.set("audience", g.audience(0))
		o.set("broadcast", true)
	}
	tracked := g.chance(50)
	if tracked {
		o.set("campaign_id", g.uuid())
		if g.chance(40) {
			o.set("send_id", fmt.Sprintf("send-%s-%d", pick(g, "spring", "blackfriday", "welcome", "winback", "restock"), g.r.IntN(10000)))
		}
	}
	if g.chance(15) {
		o.set("override_frequency_capping", g.chance(50))
	}
	if g.chance(25) {
		o.set("recipient_subscription_state", pick(g, "opted_in", "subscribed"))
	}
	o.set("messages", g.messages(tracked))
	return o
}

var messageTypes = []string{"sms", "email", "apple_push", "android_push", "webhook", "content_card"}

func (g *gen) messages(tracked bool) obj {
	n := pick(g, 1, 1, 1, 2, 2, 3, 4)
	types := append([]string(nil), messageTypes...)
	g.r.Shuffle(len(types), func(i, j int) { types[i], types[j] = types[j], types[i] })
	m := obj{}
	for _, t := range types[:n] {
		var o obj
		switch t {
		case "sms":
			o = g.sms()
		case "email":
			o = g.emailMessage()
		case "apple_push":
			o = g.applePush()
		case "android_push":
			o = g.androidPush()
		case "webhook":
			o = g.webhook()
		case "content_card":
			o = g.contentCard()
		}
		if tracked {
			o.set("message_variation_id", g.uuid())
		}
		m.set(t, o)
	}
	return m
}

func (g *gen) sms() obj {
	o := obj{{"subscription_group_id", g.uuid()}, {"body", g.sentence()}, {"app_id", g.uuid()}}
	if g.chance(20) {
		o.set("media_items", []any{g.httpsURL("img") + ".jpg"})
	}
	if g.chance(30) {
		o.set("link_shortening_enabled", true)
		if g.chance(50) {
			o.set("user_click_tracking_enabled", true)
		}
	}
	return o
}

func (g *gen) emailMessage() obj {
	brand := g.brand()
	o := obj{{"app_id", g.uuid()}, {"from", fmt.Sprintf("%s <news@%s.example.com>", brand, strings.ToLower(strings.ReplaceAll(brand, " ", "")))}}
	if g.chance(40) {
		o.set("reply_to", "support@example.com")
	}
	o.set("subject", g.sentence())
	if g.chance(15) {
		o.set("email_template_id", g.uuid())
	} else {
		paras := g.between(2, 6)
		if g.chance(10) {
			paras = g.between(20, 60) // a newsletter
		}
		o.set("body", "<html><body>\n"+g.paragraphs(paras)+"</body></html>")
	}
	if g.chance(40) {
		o.set("preheader", "Don't miss out: this week's offers from "+brand+" end on Sunday at midnight.")
	}
	if g.chance(20) {
		o.set("plaintext_body", g.sentence())
	}
	if g.chance(20) {
		o.set("should_inline_css", g.chance(70))
	}
	if g.chance(15) {
		o.set("headers", obj{{"X-Campaign", pick(g, "spring-sale", "welcome", "receipt")}})
	}
	if g.chance(10) {
		o.set("attachments", []any{obj{{"file_name", "invoice"}, {"url", g.httpsURL("invoices") + ".pdf"}}})
	}
	return o
}

func (g *gen) applePush() obj {
	o := obj{}
	if g.chance(60) {
		o.set("alert", g.sentence())
	} else {
		o.set("alert", obj{{"title", g.brand()}, {"body", g.sentence()}})
	}
	if g.chance(40) {
		o.set("sound", "default")
	}
	if g.chance(30) {
		o.set("badge", g.between(1, 9))
	}
	if g.chance(50) {
		o.set("custom_uri", g.deepLink())
	}
	if g.chance(30) {
		o.set("extra", obj{{"deep_link", g.deepLink()}, {"campaign", pick(g, "spring", "restock", "welcome")}})
	}
	if g.chance(20) {
		o.set("interruption_level", pick(g, "passive", "active", "time-sensitive"))
	}
	if g.chance(10) {
		o.set("relevance_score", float64(g.r.IntN(101))/100)
	}
	if g.chance(15) {
		o.set("expiry", g.dateTime())
	}
	if g.chance(15) {
		o.set("asset_url", g.httpsURL("img")+".jpg")
		o.set("asset_file_type", "jpg")
		o.set("mutable_content", true)
	}
	return o
}

func (g *gen) androidPush() obj {
	o := obj{{"alert", g.sentence()}, {"title", g.brand()}}
	if g.chance(40) {
		o.set("notification_channel_id", pick(g, "orders", "promotions", "account"))
	}
	if g.chance(30) {
		o.set("priority", g.between(-2, 2))
	}
	if g.chance(30) {
		o.set("android_priority", pick(g, "normal", "high"))
	}
	if g.chance(40) {
		o.set("custom_uri", g.deepLink())
	}
	if g.chance(30) {
		o.set("extra", obj{{"deep_link", g.deepLink()}})
	}
	if g.chance(20) {
		o.set("collapse_key", pick(g, "order-status", "promo"))
	}
	return o
}

func (g *gen) webhook() obj {
	o := obj{{"url", g.httpsURL("hooks")}}
	if g.chance(15) {
		o.set("request_method", "GET")
		return o
	}
	o.set("request_method", pick(g, "POST", "POST", "PUT"))
	o.set("request_headers", obj{{"Content-Type", "application/json"}, {"Authorization", "Bearer {{${api_token}}}"}})
	o.set("body", fmt.Sprintf(`{"user":"{{${user_id}}}","event":"%s","amount":%d}`, pick(g, "purchase", "signup", "refund"), g.r.IntN(1000)))
	return o
}

func (g *gen) contentCard() obj {
	o := obj{}
	kind := pick(g, "CLASSIC", "CAPTIONED_IMAGE", "BANNER")
	o.set("type", kind)
	o.set("title", g.brand())
	o.set("description", g.sentence())
	if kind != "CLASSIC" || g.chance(30) {
		o.set("image_url", g.httpsURL("cards")+".png")
	}
	if g.chance(60) {
		o.set("time_to_live", g.between(3600, 2592000))
	} else {
		o.set("expire_at", g.dateTime())
	}
	if g.chance(30) {
		o.set("pinned", g.chance(50))
	}
	if g.chance(50) {
		o.set("web_uri", g.httpsURL("offers"))
		o.set("uri_text", "Shop now")
	}
	return o
}

// triggerSend returns a valid /campaigns/trigger/send body: recipients, or
// broadcast to an audience.
func (g *gen) triggerSend() obj {
	o := obj{{"campaign_id", g.uuid()}}
	if g.chance(20) {
		o.set("send_id", fmt.Sprintf("trigger-%d", g.r.IntN(100000)))
	}
	if g.chance(30) {
		o.set("trigger_properties", g.properties())
	}
	if g.chance(12) {
		o.set("broadcast", true)
		o.set("audience", g.audience(0))
		return o
	}
	n := g.count(50)
	recipients := make([]any, n)
	for i, id := range g.userIDs(n) {
		recipients[i] = g.recipient(id.(string))
	}
	o.set("recipients", recipients)
	if g.chance(8) {
		o.set("attachments", []any{obj{{"file_name", "ticket"}, {"url", g.httpsURL("tickets") + ".pdf"}}})
	}
	return o
}

// recipient returns one recipient, mostly by external id, else by alias or
// by email with prioritization; id keeps the external ids of a request apart.
func (g *gen) recipient(id string) obj {
	o := obj{}
	switch n := g.r.IntN(100); {
	case n < 80:
		o.set("external_user_id", id)
		if g.chance(25) {
			o.set("send_to_existing_only", false)
			o.set("attributes", g.attributes())
		}
	case n < 90:
		o.set("user_alias", obj{{"alias_name", id}, {"alias_label", pick(g, "crm_id", "lead_id")}})
	default:
		o.set("email", id+"@example.com")
		o.set("prioritization", []any{"identified", pick(g, "most_recently_updated", "least_recently_updated")})
	}
	if g.chance(70) {
		o.set("trigger_properties", g.properties())
	}
	if _, has := o.get("attributes"); !has && g.chance(20) {
		o.set("attributes", g.attributes())
	}
	return o
}

// audience returns a connected audience node: a filter, or AND / OR over two
// or three nodes, at most three levels deep.
func (g *gen) audience(depth int) obj {
	if depth < 2 && g.chance(50-20*depth) {
		nodes := make([]any, g.between(2, 3))
		for i := range nodes {
			nodes[i] = g.audience(depth + 1)
		}
		return obj{{pick(g, "AND", "OR"), nodes}}
	}
	return g.filter()
}

func (g *gen) filter() obj {
	switch g.r.IntN(6) {
	case 0:
		return obj{{pick(g, "push_subscription_status", "email_subscription_status"), obj{{"comparison", pick(g, "is", "is_not")}, {"value", pick(g, "opted_in", "subscribed", "unsubscribed")}}}}
	case 1:
		return obj{{"last_used_app", obj{{"comparison", pick(g, "after", "before")}, {"value", g.dateTime()}}}}
	}
	name, comparison, value := g.attributeTest()
	f := obj{{"custom_attribute_name", name}, {"comparison", comparison}}
	if value != nil {
		f.set("value", value)
	}
	return obj{{"custom_attribute", f}}
}

// attributeTest returns a custom attribute comparison with a value of the
// type the comparison takes (nil: none).
func (g *gen) attributeTest() (name, comparison string, value any) {
	switch g.r.IntN(7) {
	case 0:
		return "loyalty_tier", pick(g, "equals", "not_equal"), pick(g, "gold", "silver", "platinum")
	case 1:
		return "lifetime_orders", pick(g, "greater_than", "less_than", "greater_than_or_equal_to"), g.between(1, 50)
	case 2:
		return "last_purchase_date", pick(g, "less_than_x_days_ago", "greater_than_x_days_ago"), g.between(1, 90)
	case 3:
		return "signup_date", pick(g, "after", "before"), g.dateTime()
	case 4:
		return "favorite_category", "matches_regex", pick(g, "^shoes", "(?i)outdoor", "kitchen$")
	case 5:
		return "is_vip", "not_equal", g.chance(50)
	}
	return "home_city", pick(g, "exists", "does_not_exist"), nil
}

var (
	firstNames = []string{"Ana", "Ben", "Chloé", "Dmitri", "Emma", "Farah", "Gus", "Hiro", "Inés", "Jonas", "Kemi", "Liam", "Mei", "Noah", "Olga", "Priya", "Quinn", "Rafael", "Sofia", "Tomás", "Uma", "Viktor", "Wen", "Yusuf", "Zoë"}
	lastNames  = []string{"Adeyemi", "Becker", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Haddad", "Ito", "Jansen", "Kowalski", "López", "Müller", "Nakamura", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka", "Walker"}
	brands     = []string{"Northwind", "Blue Fern", "Acme Outdoor", "Cafe Lumen", "Pixel Market", "Harbor Books", "Tern Travel", "Kite Fitness"}
	products   = []string{"Trail Runner 2", "Merino Beanie", "Espresso Beans 1kg", "Noise-cancelling Headphones", "Yoga Mat", "Rain Jacket", "Cast Iron Pan", "Travel Adapter"}
	cities     = []string{"Lisbon", "Austin", "Berlin", "Osaka", "Toronto", "São Paulo", "Nairobi", "Melbourne", "Zürich"}
	sentences  = []string{
		"Your order has shipped and is on its way.",
		"Flash sale: 30% off everything until midnight.",
		"We saved the items in your cart for you.",
		"Your table for two is confirmed for Friday at 8pm.",
		"New arrivals just landed in your favorite category.",
		"Your password was changed. If this wasn't you, contact support.",
		"Earn double points on every purchase this weekend.",
		"Your flight check-in is now open.",
		"Thanks for joining! Here is 10% off your first order.",
		"Your subscription renews in three days.",
		"Rate your last delivery and tell us how we did.",
		"A price you were watching just dropped.",
	}
)
