package lint

import (
	"slices"
	"strings"

	"github.com/brazelint/brazelint/internal/tape"
)

// identifierKeys are the members that say who a recipient is, in the order
// diagnostics name them. phone is not one (TS-60): no phone identifier is
// documented for recipients.
var identifierKeys = []string{"external_user_id", "user_alias", "email", "braze_id"}

var RecipientIdentifier = &Rule{
	ID: "recipient-identifier", severity: Error,
	Title: "a recipient does not name exactly one user identifier",
	Doc: `Each recipient names its user with exactly one of external_user_id, user_alias or email
(braze_id, which the generic recipient object also lists, counts too; see recipient-braze-id).
None means nobody to send to; several are rejected, as in Braze's own example, whose recipient
carries both user_alias and external_user_id. The diagnostic points at one identifier, the others
are related. phone is not an identifier, although /users/identify, which defines prioritization,
now matches phone numbers: a recipient with only a phone names no user; a phone number for the
profile goes in attributes.`,
	Spec:      []string{"TS-24", "TS-25", "TS-60", "REC-2", "INC-10", "EX-12", "CV-12", "CV-19", "SCH-23", "INC-54"},
	Endpoints: triggers,
	needs:     []string{"recipients"},
	Check: func(p *Pass) {
		for _, m := range p.recipientList() {
			i, has, phone := m.index, m.ids, m.phone
			if has != 0 && has&(has-1) == 0 {
				continue // exactly one, as nearly every recipient
			}
			var buf [4]string // one per identifierKeys
			found := buf[:0]
			for j, k := range identifierKeys {
				if has&(1<<j) != 0 {
					found = append(found, k)
				}
			}
			switch {
			case len(found) == 0 && phone:
				p.Report(ValueAt(Pointer("recipients", i)),
					Path("recipients", i)+" names no user, and phone is not a recipient identifier: add exactly one of external_user_id, user_alias or email, and put the phone number in attributes",
					Note{KeyAt(Pointer("recipients", i, "phone")), "not an identifier"})
			case len(found) == 0:
				pointer, message := p.recipientMessage(i, "", " names no user: add exactly one of external_user_id, user_alias or email")
				p.Report(ValueAt(pointer), message)
			case len(found) > 1:
				var notes []Note
				for _, k := range found[1:] {
					notes = append(notes, Note{MemberAt(Pointer("recipients", i, k)), "another identifier of the same recipient"})
				}
				p.Report(MemberAt(Pointer("recipients", i, found[0])),
					Path("recipients", i)+" names its user by "+strings.Join(found, " and ")+": keep exactly one identifier",
					notes...)
			}
		}
	},
}

// recipientMembers is what the recipient rules read of one element of
// recipients that is an object, in one walk over its members rather than a
// lookup per name: what r.Has and r.Get answer.
type recipientMembers struct {
	index int
	r     Value
	// ids has bit i set when the recipient has identifierKeys[i], and
	// id[i] is its value.
	ids   uint8
	id    [4]Value
	phone bool
	// The members other recipient rules read, or absent.
	sendToExistingOnly, attributes, prioritization    Value
	context, canvasEntryProperties, triggerProperties Value
}

func (m *recipientMembers) has(id int) bool { return m.ids&(1<<id) != 0 }

// Indexes in identifierKeys.
const (
	idExternalUserID = iota
	idUserAlias
	idEmail
	idBrazeID
)

// recipientList returns the members the recipient rules read of each
// recipient, in order: read once a payload, on first use.
func (p *Pass) recipientList() []recipientMembers {
	if p.recipientsRead {
		return p.recipients
	}
	p.recipientsRead = true
	// Sized once from the array's length: grown by append, a long list's
	// large elements would be copied and cleared several times over.
	p.recipients = slices.Grow(p.recipients, topMember(p.Root, topRecipients).Len())
	for i, r := range recipients(p.Root) {
		// Read in place: the struct is large to copy.
		p.recipients = append(p.recipients, recipientMembers{})
		readRecipient(&p.recipients[len(p.recipients)-1], i, r)
	}
	return p.recipients
}

// readRecipient reads recipient r, element i, into m, which is zero.
func readRecipient(m *recipientMembers, i int, r Value) {
	m.index, m.r = i, r
	d := r.d
	nodes := d.t.Nodes
	for k := r.i + 1; k < nodes[r.i].Next; k = nodes[k].Next {
		if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 {
			continue
		}
		switch d.str(k) {
		case "external_user_id":
			m.ids |= 1 << idExternalUserID
			m.id[idExternalUserID] = Value{d, k + 1}
		case "user_alias":
			m.ids |= 1 << idUserAlias
			m.id[idUserAlias] = Value{d, k + 1}
		case "email":
			m.ids |= 1 << idEmail
			m.id[idEmail] = Value{d, k + 1}
		case "prioritization":
			m.prioritization = Value{d, k + 1}
		case "context":
			m.context = Value{d, k + 1}
		case "canvas_entry_properties":
			m.canvasEntryProperties = Value{d, k + 1}
		case "braze_id":
			m.ids |= 1 << idBrazeID
			m.id[idBrazeID] = Value{d, k + 1}
		case "phone":
			m.phone = true
		case "send_to_existing_only":
			m.sendToExistingOnly = Value{d, k + 1}
		case "attributes":
			m.attributes = Value{d, k + 1}
		case "trigger_properties":
			m.triggerProperties = Value{d, k + 1}
		}
	}
}

// resetRecipients lets go of the payload's recipients, keeping the list for
// the next payload unless one large payload grew it.
func (p *Pass) resetRecipients() {
	if !p.recipientsRead {
		return
	}
	p.recipientsRead = false
	if cap(p.recipients) > maxKept {
		p.recipients = nil
		return
	}
	clear(p.recipients)
	p.recipients = p.recipients[:0]
}
