package main

import "strconv"

// Each defect method puts one typical mistake into a valid payload, in place,
// and reports whether the payload had a place for it.

// freeForm are members whose contents are the sender's own data, where any
// JSON is fine: a defect put there would be no defect.
var freeForm = map[string]bool{"extra": true, "extras": true, "headers": true, "request_headers": true,
	"trigger_properties": true, "attributes": true, "context": true, "audience": true}

// slot is a member value somewhere in a payload that a defect can replace.
type slot struct {
	parent obj // shares its elements with the payload, so writes land there
	index  int
}

func (s slot) key() string   { return s.parent[s.index].key }
func (s slot) value() any    { return s.parent[s.index].val }
func (s slot) replace(v any) { s.parent[s.index].val = v }

// slots lists the member values of o and the objects below it, outside the
// free-form members, for which keep returns true.
func slots(o obj, keep func(key string, v any) bool) []slot {
	var out []slot
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case obj:
			for i, m := range v {
				if freeForm[m.key] {
					continue
				}
				if keep(m.key, m.val) {
					out = append(out, slot{v, i})
				}
				walk(m.val)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(o)
	return out
}

// stringForBoolean quotes a boolean: "true" where true is meant.
func (g *gen) stringForBoolean(p *payload) bool {
	bools := slots(p.root, func(_ string, v any) bool { _, ok := v.(bool); return ok })
	if len(bools) == 0 {
		if p.endpoint != messagesSend {
			return false
		}
		p.root.set("override_frequency_capping", pick(g, "true", "false"))
		return true
	}
	s := pick(g, bools...)
	s.replace(strconv.FormatBool(s.value().(bool)))
	return true
}

// listAsString writes a one-element list as its element: a string where an
// array of strings is wanted, an object where an array of objects is.
func (g *gen) listAsString(p *payload) bool {
	lists := slots(p.root, func(k string, v any) bool {
		l, ok := v.([]any)
		switch k {
		case "external_user_ids", "user_aliases", "media_items", "attachments", "recipients", "prioritization":
			return ok && len(l) > 0
		}
		return false
	})
	if len(lists) == 0 {
		return false
	}
	s := pick(g, lists...)
	s.replace(s.value().([]any)[0])
	return true
}

// dropTargets removes what a payload targets besides listed users.
func dropTargets(o *obj) {
	for _, k := range []string{"segment_id", "audience", "broadcast", "external_user_ids", "user_aliases", "recipients"} {
		o.del(k)
	}
}

// tooManyRecipients lists more than the 50 users one request takes, in one
// list: the schema's maxItems sees it.
func (g *gen) tooManyRecipients(p *payload) bool {
	dropTargets(&p.root)
	if p.endpoint == messagesSend {
		p.root = prepend(p.root, member{"external_user_ids", g.userIDs(g.between(51, 120))})
		return true
	}
	n := g.between(51, 70)
	recipients := make([]any, n)
	for i, id := range g.userIDs(n) {
		recipients[i] = g.recipient(id.(string))
	}
	p.root.set("recipients", recipients)
	return true
}

// tooManyRecipientsCombined lists more than 50 users in external_user_ids
// and user_aliases together, each list within its own limit: only a rule
// over both lists sees it.
func (g *gen) tooManyRecipientsCombined(p *payload) bool {
	if p.endpoint != messagesSend {
		return false
	}
	dropTargets(&p.root)
	ids := g.between(26, 50)
	aliases := g.between(51-ids, min(50, 60-ids))
	p.root = prepend(p.root, member{"external_user_ids", g.userIDs(ids)}, member{"user_aliases", g.userAliases(aliases)})
	return true
}

// broadcastConflict sets broadcast: true next to listed users, or leaves it
// out where no users are listed; a schema cannot relate the two members.
func (g *gen) broadcastConflict(p *payload) bool {
	_, ids := p.root.get("external_user_ids")
	_, aliases := p.root.get("user_aliases")
	_, recipients := p.root.get("recipients")
	if ids || aliases || recipients {
		p.root.del("attachments") // attachments with broadcast is a conflict of its own
		p.root.set("broadcast", true)
		return true
	}
	if g.chance(50) {
		p.root.del("broadcast")
	} else {
		p.root.set("broadcast", false)
	}
	return true
}

// badAudience replaces a filter of the payload's audience with a broken one.
func (g *gen) badAudience(p *payload) bool {
	aud, ok := p.root.get("audience")
	if !ok {
		return false
	}
	// The places a filter sits: the root, or an element of an AND / OR.
	var places []func(obj)
	places = append(places, func(f obj) { p.root.set("audience", f) })
	var walk func(node obj)
	walk = func(node obj) {
		if list, ok := node[0].val.([]any); ok && (node[0].key == "AND" || node[0].key == "OR") {
			for i, child := range list {
				places = append(places, func(f obj) { list[i] = f })
				walk(child.(obj))
			}
		}
	}
	walk(aud.(obj))
	pick(g, places...)(g.brokenFilter())
	return true
}

// brokenFilter returns an audience node with one of the mistakes people make
// writing a connected audience by hand.
func (g *gen) brokenFilter() obj {
	switch g.r.IntN(7) {
	case 0: // two filters in one node, where an AND was meant
		f := g.filter()
		for {
			other := g.filter()
			if other[0].key != f[0].key {
				return append(f, other[0])
			}
		}
	case 1: // a misspelt filter name
		return obj{{pick(g, "custom_attributes", "push_subscription", "last_used_app_date"), obj{{"comparison", "is"}, {"value", "opted_in"}}}}
	case 2: // a number written as a string
		return obj{{"custom_attribute", obj{{"custom_attribute_name", "lifetime_orders"}, {"comparison", "greater_than"}, {"value", strconv.Itoa(g.between(1, 50))}}}}
	case 3: // a comparison that does not exist
		return obj{{"custom_attribute", obj{{"custom_attribute_name", "lifetime_orders"}, {"comparison", pick(g, "greater_then", "more_than", "gt")}, {"value", g.between(1, 50)}}}}
	case 4: // an empty AND
		return obj{{pick(g, "AND", "OR"), []any{}}}
	case 5: // a date that is not ISO 8601
		return obj{{"last_used_app", obj{{"comparison", "after"}, {"value", pick(g, "last week", "07/22/2019", "2019-07-22 13:17")}}}}
	}
	// the attribute's name left out
	return obj{{"custom_attribute", obj{{"comparison", "equals"}, {"value", "gold"}}}}
}

// unknownFields are members no Braze object documents, as left over from an
// internal model or another API.
var unknownFields = []member{
	{"importance", "high"}, {"locale", "en-US"}, {"tracking_id", "trk-00042"}, {"tags", []any{"promo", "q3"}},
	{"dry_run", false}, {"template_version", 3}, {"category_name", "orders"}, {"created_by", "marketing-service"},
}

// unknownField adds an undocumented member at the top level, in a messaging
// object or in a recipient.
func (g *gen) unknownField(p *payload) bool {
	places := []obj{p.root}
	if m, ok := p.root.get("messages"); ok {
		for _, mm := range m.(obj) {
			places = append(places, mm.val.(obj))
		}
	}
	if r, ok := p.root.get("recipients"); ok {
		for _, rr := range r.([]any) {
			places = append(places, rr.(obj))
		}
	}
	i := g.r.IntN(len(places))
	f := pick(g, unknownFields...)
	if _, taken := places[i].get(f.key); taken {
		return false
	}
	place := append(places[i], f)
	switch {
	case i == 0:
		p.root = place
	case p.endpoint == messagesSend:
		msgs, _ := p.root.get("messages")
		msgs.(obj)[i-1].val = place
	default:
		rs, _ := p.root.get("recipients")
		rs.([]any)[i-1] = place
	}
	return true
}

// badEnum writes a value outside an enum: wrong case, a hyphen for an
// underscore, or a value from another API.
func (g *gen) badEnum(p *payload) bool {
	wrong := map[string][]any{
		"recipient_subscription_state": {"OPTED_IN", "opted-in", "everyone"},
		"android_priority":             {"urgent", "HIGH", "max"},
		"request_method":               {"PATCH", "post"},
		"type":                         {"IMAGE", "captioned_image", "CAPTIONED"},
		"interruption_level":           {"urgent", "timeSensitive"},
		"asset_file_type":              {"jpeg", "JPG"},
	}
	enums := slots(p.root, func(k string, v any) bool {
		if k == "prioritization" {
			_, ok := v.([]any)
			return ok
		}
		_, ok := wrong[k]
		return ok
	})
	if len(enums) == 0 {
		if p.endpoint != messagesSend {
			return false
		}
		p.root.set("recipient_subscription_state", pick(g, wrong["recipient_subscription_state"]...))
		return true
	}
	s := pick(g, enums...)
	if s.key() == "prioritization" {
		list := s.value().([]any)
		list[g.r.IntN(len(list))] = pick(g, "IDENTIFIED", "identified_first", "most_recent")
		return true
	}
	s.replace(pick(g, wrong[s.key()]...))
	return true
}

// prepend puts members before the others, where a person writes the users.
func prepend(o obj, ms ...member) obj {
	return append(append(obj{}, ms...), o...)
}
