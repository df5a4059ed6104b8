package lint

import "strconv"

// Carousel card counts (OBJ-WA-17, OBJ-WA-18).
const minCarouselCards, maxCarouselCards = 2, 10

var WhatsAppCarousel = &Rule{
	ID: "whatsapp-carousel", severity: Warning,
	Title: "a WhatsApp carousel does not hold 2 to 10 card objects",
	Doc: `WhatsApp carousels are documented only in an unconfirmed copy of Braze's page: a template
message's carousel_cards and a carousel_response_message's cards are arrays of 2 to 10 card
objects. brazelint accepts carousels and their members, and checks only that shape, as a
warning; the members of a card, their types and the button rules are not checked until Braze
confirms them.`,
	Spec:      []string{"OBJ-WA-2", "OBJ-WA-12", "OBJ-WA-17", "OBJ-WA-18", "INC-41"},
	Endpoints: inlineMessages,
	needs:     []string{"messages.whats_app"},
	Check: func(p *Pass) {
		typ, msg, ok := whatsAppMessage(p.Root)
		if !ok {
			return
		}
		key := ""
		switch typ {
		case "template_message":
			key = "carousel_cards"
		case "carousel_response_message":
			key = "cards"
		default:
			return
		}
		cards := msg.Get(key)
		if !cards.Exists() {
			return
		}
		at := func() []any { return []any{"messages", "whats_app", "message", key} } // built only to report
		if !cards.IsArray() {
			at := at()
			p.Report(ValueAt(Pointer(at...)), Path(at...)+" is not an array: a carousel lists its cards as an array of 2 to 10 objects")
			return
		}
		if n := cards.Len(); n < minCarouselCards || n > maxCarouselCards {
			count := strconv.Itoa(n) + " cards"
			if n == 1 {
				count = "1 card"
			}
			at := at()
			p.Report(ValueAt(Pointer(at...)), Path(at...)+" holds "+count+", but a carousel has 2 to 10: match the approved template's card count")
		}
		for i, c := range cards.Elements() {
			if !c.IsObject() {
				card := append(at(), i)
				p.Report(ValueAt(Pointer(card...)), Path(card...)+" is not an object: each carousel card is an object")
			}
		}
	},
}
