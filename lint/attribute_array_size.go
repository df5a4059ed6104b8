package lint

import "fmt"

// MaxAttributeArrayElements is the default and maximum length of a custom
// attribute array; MaxObjectArrayBytes the size cap of an array of objects.
const (
	MaxAttributeArrayElements = 500
	MaxObjectArrayBytes       = 100 * 1024
)

var AttributeArraySize = &Rule{
	ID: "attribute-array-size", severity: Warning,
	Title: "a custom attribute array is larger than Braze keeps",
	Doc: `A custom attribute array holds at most 500 elements by default, which is also the most the
setting under Data Settings > Custom Attributes allows; duplicates are collapsed (ATTR-15, INC-45;
the 25 and 100 of older docs were earlier limits). Arrays of objects have no element limit but a
100 KB cap: an update that would make one larger is dropped, and the attribute stays as it was.

brazelint warns when an array of plain values, or the array given to add, holds more than 500
elements, and when an array of objects, or the array given to $add, is larger than 100 KB
(102,400 bytes) as compact JSON. These are warnings: the maximum is configurable, and the byte
measure is brazelint's reading of "100 KB". Send large collections in several updates, or keep
them out of the profile.`,
	Spec:      []string{"ATTR-14", "ATTR-15", "INC-45"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		for _, m := range p.attributeMembers() {
			if m.builtin >= 0 {
				continue
			}
			attr, v := m.customAttribute, m.value
			if list, ok := v.Array(); ok {
				checkAttributeArray(p, attr, list, "")
				continue
			}
			for _, op := range []string{"add", "$add"} {
				if list, ok := v.Get(op).Array(); ok {
					checkAttributeArray(p, attr, list, op)
				}
			}
		}
	},
}

// checkAttributeArray reports an array of plain values longer than the
// element limit, or an array of objects larger than the byte cap. op is the
// operator whose operand list is, or "" for the attribute's own value.
func checkAttributeArray(p *Pass, attr customAttribute, list Value, op string) {
	path := func() []any {
		if op == "" {
			return attr.at()
		}
		return attr.at(op)
	}
	hasObject := false
	for _, e := range list.Elements() {
		if e.IsObject() {
			hasObject = true
			break
		}
	}
	if !hasObject {
		if list.Len() > MaxAttributeArrayElements {
			at := path()
			p.Report(ValueAt(Pointer(append(at, MaxAttributeArrayElements)...)),
				fmt.Sprintf("%s holds %d elements, more than the %d a custom attribute array keeps by default and at most: send fewer", Path(at...), list.Len(), MaxAttributeArrayElements))
		}
		return
	}
	if n, over := compactOver(list, MaxObjectArrayBytes); over {
		at := path()
		p.Report(ValueAt(Pointer(at...)),
			fmt.Sprintf("%s is %d bytes as compact JSON, more than the %d an array of objects may hold: Braze drops such an update, so send less", Path(at...), n, MaxObjectArrayBytes))
	}
}
