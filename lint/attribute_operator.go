package lint

import "strings"

var AttributeOperator = &Rule{
	ID: "attribute-operator", severity: Warning,
	Title: "a custom attribute operator is misspelt or given the wrong kind of array",
	Doc: `A custom attribute whose value is an object of operators changes the stored value instead of
replacing it (ATTR-14, ATTR-21):

- {"inc": n} adds the integer n to an integer attribute;
- {"add": [...]} and {"remove": [...]} change a plain array (strings, numbers);
- {"$add": [{...}]} appends objects to an array of objects; {"$remove": [{"$identifier_key": k,
  "$identifier_value": v}]} removes the objects whose k equals v; {"$update": [{"$identifier_key":
  k, "$identifier_value": v, "$new_object": {...}}]} changes matched objects in place.

Any other object is stored as nested data. So a near-miss such as {"increment": 1}, {"Add": [...]}
or {"$append": [...]} silently becomes a nested attribute (ATTR-16): write the operator exactly.
add and remove given objects, or $add, $remove and $update given strings or numbers, use the
operators of the other kind of array: objects take the $ operators, plain values the others.
Operands that are not arrays (not an integer for inc), and $remove or $update elements without
their $identifier_key, $identifier_value (and $new_object) members, are reported too. All of this
is inferred from the docs, hence warnings.`,
	Spec:      []string{"ATTR-14", "ATTR-16", "ATTR-21"},
	Endpoints: attributed,
	needs:     []string{"recipients", "recipient"},
	Check: func(p *Pass) {
		for _, m := range p.attributeMembers() {
			if m.builtin >= 0 {
				continue
			}
			attr, v := m.customAttribute, m.value
			obj, ok := v.Object()
			if !ok || obj.Len() == 0 {
				continue
			}
			operators, misses := 0, 0
			for k := range obj.Members() {
				switch {
				case isAttributeOperator(k):
					operators++
				case nearOperator(k) != "":
					misses++
				}
			}
			switch {
			case operators+misses < obj.Len():
				continue // nested data with members of its own
			case misses > 0:
				for k := range obj.Members() {
					if want := nearOperator(k); want != "" && !isAttributeOperator(k) {
						at := attr.at(k)
						p.Report(KeyAt(Pointer(at...)), Path(attr.at()...)+" holds "+k+", which is not an operator, so Braze stores it as nested data: "+want)
					}
				}
			default:
				for k, operand := range obj.Members() {
					checkOperand(p, attr, k, operand)
				}
			}
		}
	},
}

// attributeOperators are the operator keys of ATTR-14 and ATTR-21.
var attributeOperators = []string{"inc", "add", "remove", "$add", "$remove", "$update"}

func isAttributeOperator(k string) bool {
	for _, op := range attributeOperators {
		if k == op {
			return true
		}
	}
	return false
}

// operatorNames map the names a near-miss may have, compared ignoring case,
// to the operator meant: the operators themselves (a case or $ slip such as
// Add, $inc or update) and the names other APIs give the operations.
var operatorNames = [][2]string{
	{"inc", "inc"}, {"add", "add"}, {"remove", "remove"}, {"update", "update"},
	{"increment", "inc"}, {"incr", "inc"}, {"increase", "inc"}, {"decrement", "inc"}, {"decr", "inc"},
	{"append", "add"}, {"push", "add"}, {"insert", "add"},
	{"delete", "remove"}, {"pull", "remove"},
}

// nearOperator returns the advice for a key that looks like an operator, or
// "" for any other key: one of operatorNames with or without $, or any other
// key starting with $. Exact operators get advice too; callers test them
// first.
func nearOperator(k string) string {
	base := strings.TrimPrefix(k, "$")
	meant := ""
	for _, n := range operatorNames {
		if strings.EqualFold(base, n[0]) {
			meant = n[1]
			break
		}
	}
	switch meant {
	case "inc":
		return `to add to an integer write {"inc": n}`
	case "add", "remove":
		return "write " + meant + " for a plain array, or $" + meant + " for an array of objects"
	case "update":
		return "to change objects in an array of objects write $update"
	}
	if len(base) < len(k) {
		return "the operators are inc, add, remove, $add, $remove and $update"
	}
	return ""
}

// checkOperand reports an operand of the wrong shape for its operator.
func checkOperand(p *Pass, attr customAttribute, op string, operand Value) {
	if op == "inc" {
		if !isInteger(operand) {
			at := attr.at(op)
			p.Report(ValueAt(Pointer(at...)), Path(at...)+" must be an integer: inc adds it to an integer attribute")
		}
		return
	}
	list, ok := operand.Array()
	if !ok {
		at := attr.at(op)
		p.Report(ValueAt(Pointer(at...)), Path(at...)+" must be an array: "+op+" takes the elements to "+strings.TrimPrefix(op, "$")+" in [ ]")
		return
	}
	objects := op[0] == '$'
	for j, e := range list.Elements() {
		obj, isObject := e.Object()
		if isObject != objects {
			at := attr.at(op)
			if objects {
				p.Report(ValueAt(Pointer(append(at, j)...)), Path(append(at, j)...)+" is not an object: "+op+" changes arrays of objects; a plain array takes "+op[1:])
			} else {
				p.Report(ValueAt(Pointer(append(at, j)...)), Path(append(at, j)...)+" is an object: "+op+" changes plain arrays; an array of objects takes $"+op)
			}
			return // one finding per operand says it
		}
		if !objects || op == "$add" {
			continue
		}
		for _, member := range identifierMembers(op) {
			if !obj.Has(member) {
				at := attr.at(op)
				p.Report(ValueAt(Pointer(append(at, j)...)), Path(append(at, j)...)+" is missing "+member+": "+identifierAdvice[op])
			}
		}
	}
}

func identifierMembers(op string) []string {
	if op == "$update" {
		return []string{"$identifier_key", "$identifier_value", "$new_object"}
	}
	return []string{"$identifier_key", "$identifier_value"}
}

var identifierAdvice = map[string]string{
	"$remove": "each $remove element names the objects to remove with $identifier_key and $identifier_value",
	"$update": "each $update element names the objects to change with $identifier_key and $identifier_value, and gives the fields to set in $new_object",
}

// isInteger reports whether v is a JSON number with an integral value,
// reading plain digits without the allocation integer makes.
func isInteger(v Value) bool {
	n, ok := v.Number()
	if !ok {
		return false
	}
	if !strings.ContainsAny(n, ".eE") {
		return true
	}
	_, ok = integerText(n)
	return ok
}
