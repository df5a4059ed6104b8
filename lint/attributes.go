package lint

import (
	_ "embed"
	"iter"
	"strings"
	"sync"

	"github.com/brazelint/brazelint/internal/tape"
)

// Helpers for the attribute-* rules: the user attributes object of each
// recipient (ATTR-*), its profile field names and the code lists its values
// are checked against.

// builtinAttributes are the member names the user attributes object gives a
// meaning of its own: the profile fields of the user attributes page and the
// identifiers and /users/track controls it also takes. Every other member is a
// custom attribute. schema/defs.json declares the same names in
// $defs/userAttributes (a test keeps the two in step).
var builtinAttributes = [...]string{
	"_update_existing_only", "alias_label", "alias_name", "braze_id", "country", "current_location",
	"date_of_first_session", "date_of_last_session", "dob", "email", "email_click_tracking_disabled",
	"email_open_tracking_disabled", "email_subscribe", "external_id", "facebook", "first_name", "gender",
	"home_city", "language", "last_name", "marked_email_as_spam_at", "phone", "push_subscribe",
	"push_token_import", "push_tokens", "subscription_groups", "time_zone", "twitter", "user_alias",
}

func isBuiltinAttribute(name string) bool { return builtinIndex(name) >= 0 }

// builtinsByLen lists the indexes in builtinAttributes of the names of each
// length: a member name is compared with the two or three of its length,
// not with all of them.
var builtinsByLen = func() (byLen [32][]int8) {
	for i, b := range builtinAttributes {
		byLen[len(b)] = append(byLen[len(b)], int8(i))
	}
	return byLen
}()

// builtinIndex returns the index of name in builtinAttributes, or -1.
func builtinIndex(name string) int {
	if len(name) >= len(builtinsByLen) {
		return -1
	}
	for _, i := range builtinsByLen[len(name)] {
		if builtinAttributes[i] == name {
			return int(i)
		}
	}
	return -1
}

// mustBuiltin is builtinIndex for a name the rules read by its index.
func mustBuiltin(name string) int {
	i := builtinIndex(name)
	if i < 0 {
		panic("lint: " + name + " is not a built-in attribute")
	}
	return i
}

// attributePath returns the pointer tokens of the attributes object of
// recipient i (recipient.attributes for -1), followed by more.
func attributePath(i int, more ...any) []any {
	if i < 0 {
		return append([]any{"recipient", "attributes"}, more...)
	}
	return append([]any{"recipients", i, "attributes"}, more...)
}

// customAttribute names one custom attribute: a member of a recipient's
// attributes that is not a built-in name.
type customAttribute struct {
	recipient int
	name      string
}

// at returns the pointer tokens of the attribute, followed by more.
func (c customAttribute) at(more ...any) []any {
	return attributePath(c.recipient, append([]any{c.name}, more...)...)
}

var (
	//go:embed data/countries.txt
	countriesText string
	//go:embed data/languages.txt
	languagesText string
	//go:embed data/timezones.txt
	timeZonesText string
	//go:embed data/rails-timezones.txt
	railsTimeZonesText string
)

// codeSet parses embedded lists: one code per line, # starts a comment line.
func codeSet(texts ...string) map[string]bool {
	set := map[string]bool{}
	for _, text := range texts {
		for line := range strings.Lines(text) {
			line = strings.TrimRight(line, "\r\n")
			if line != "" && !strings.HasPrefix(line, "#") {
				set[line] = true
			}
		}
	}
	return set
}

// The code lists are embedded, never read from the machine (whose zoneinfo
// may be missing or older), so a verdict is the same everywhere.
var (
	countryCodes  = sync.OnceValue(func() map[string]bool { return codeSet(countriesText) })
	languageCodes = sync.OnceValue(func() map[string]bool { return codeSet(languagesText) })
	timeZoneNames = sync.OnceValue(func() map[string]bool { return codeSet(timeZonesText, railsTimeZonesText) })
)

// attributeObjects yields the index of each recipient with an attributes
// object, and that object: the elements of recipients, and the one
// recipient of the transactional send as index -1 (see attributePath).
// For the payload of the running pass it reads the pass's list.
func attributeObjects(root Value) iter.Seq2[int, Value] {
	return func(yield func(int, Value) bool) {
		if root.d != nil && root == root.d.pass.Root {
			for _, o := range root.d.pass.attributeObjects() {
				if !yield(o.recipient, o.obj) {
					return
				}
			}
			return
		}
		if attrs, ok := root.Get("recipient").Get("attributes").Object(); ok && !yield(-1, attrs) {
			return
		}
		for i, r := range recipients(root) {
			if attrs, ok := r.Get("attributes").Object(); ok && !yield(i, attrs) {
				return
			}
		}
	}
}

// attributeObject is one recipient's attributes object, as read once a
// payload by Pass.attributeObjects.
type attributeObject struct {
	recipient int // as attributeObjects yields it
	members   int // the recipient's recipientMembers in p.recipients; -1 for recipient.attributes
	obj       Value
	// members are the object's members in p.attrMembers, in the order
	// written; of repeated names only the last, as Value.Members yields them.
	first, end int
	// builtin holds the value node of each member with a built-in name, 0
	// when there is none: what obj.Get(builtinAttributes[i]) reads.
	builtin [len(builtinAttributes)]int32
}

// field returns the member of the attributes object with the built-in
// name builtinAttributes[i]; absent when there is none.
func (o *attributeObject) field(i int) Value {
	if k := o.builtin[i]; k != 0 {
		return Value{o.obj.d, k}
	}
	return Value{}
}

// empty reports whether the attributes object has no members.
func (o *attributeObject) empty() bool { return o.first == o.end }

// attributeMember is one member of a recipient's attributes object.
type attributeMember struct {
	customAttribute
	value Value
	// builtin is the index of the name in builtinAttributes, or -1 for a
	// custom attribute.
	builtin int
}

// attributeObjects returns the attributes object of each recipient, in the
// order attributeObjects yields them, and their members in p.attrMembers:
// read once a payload, on first use, by the many rules that read them.
func (p *Pass) attributeObjects() []attributeObject {
	if p.attrsRead {
		return p.attrObjects
	}
	p.attrsRead = true
	if obj := p.Root.Get("recipient").Get("attributes"); obj.IsObject() {
		p.readAttributes(-1, -1, obj)
	}
	for j, m := range p.recipientList() {
		if m.attributes.IsObject() {
			p.readAttributes(m.index, j, m.attributes)
		}
	}
	return p.attrObjects
}

// readAttributes appends the attributes object obj of recipient index i,
// p.recipients[j] (j is -1 for the transactional recipient), and its
// members.
func (p *Pass) readAttributes(i, j int, obj Value) {
	d := obj.d
	p.attrObjects = append(p.attrObjects, attributeObject{recipient: i, members: j, obj: obj, first: len(p.attrMembers)})
	o := &p.attrObjects[len(p.attrObjects)-1]
	nodes := d.t.Nodes
	for k := obj.i + 1; k < nodes[obj.i].Next; k = nodes[k].Next {
		if nodes[k].Flags&(tape.Shadowed|tape.Absent) != 0 {
			continue
		}
		name := d.str(k)
		b := builtinIndex(name)
		if b >= 0 {
			o.builtin[b] = k + 1
		}
		p.attrMembers = append(p.attrMembers, attributeMember{customAttribute{i, name}, Value{d, k + 1}, b})
	}
	o.end = len(p.attrMembers)
}

// attributeMembers returns every member of the recipients' attributes
// objects, object by object, in the order written.
func (p *Pass) attributeMembers() []attributeMember {
	p.attributeObjects()
	return p.attrMembers
}

// resetAttributes lets go of the payload's attributes; the lists are kept
// for the next payload, unless one large payload grew them.
func (p *Pass) resetAttributes() {
	if !p.attrsRead {
		return
	}
	p.attrsRead = false
	if cap(p.attrMembers) > 2*maxKept || cap(p.attrObjects) > maxKept/4 {
		p.attrObjects, p.attrMembers = nil, nil
		return
	}
	clear(p.attrObjects)
	clear(p.attrMembers)
	p.attrObjects, p.attrMembers = p.attrObjects[:0], p.attrMembers[:0]
}
