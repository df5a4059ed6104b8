package validate

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/brazelint/brazelint/lint"
)

// Split cuts a payload whose list of users is longer than size into payloads
// of at most size users each, in order, for one request each (Braze takes 50
// users per request: lint.MaxRecipients).
//
// The list is the endpoint's user lists in the endpoint table: recipients on
// the campaign and Canvas triggers (sent or scheduled), external_user_ids or
// user_aliases on /messages/send and /messages/schedule/create; the
// transactional endpoint names one user and has none. Where there are two
// lists the limit counts them together,
// so a payload that needs splitting and lists users in both is an error: which
// users go together is for the caller to decide. ep may be Auto.
//
// Every batch is the payload's own text with only the list's elements
// changed: other members, their order, white space, number spellings and
// escapes stay byte for byte, and the batch's elements are joined by the text
// that stood between the list's first two elements, so a pretty-printed
// payload gives pretty-printed batches. A payload without the list, or whose
// list is no longer than size, gives one batch equal to it.
//
// Split does not validate the payload beyond reading it: a payload that is not
// well-formed JSON (any error of the json-* rules or input-too-large) is an
// error; a byte order mark is kept in every batch. The batches share no memory
// with data or with each other. Errors never quote payload values.
func Split(ep Endpoint, data []byte, size int) ([][]byte, error) {
	if size < 1 {
		return nil, fmt.Errorf("batch size %d is less than 1: give at least 1 user per batch", size)
	}
	d, found, ok := parse(data, Config{})
	defer d.release()
	for _, r := range found {
		if r.Rule.Severity() == lint.Error {
			ok = false
		}
	}
	if !ok {
		body := 0
		if bytes.HasPrefix(data, bom) {
			body = len(bom)
		}
		return nil, notWellFormed(data, body, found)
	}
	d.lint.Reset(d.tape)
	obj := d.lint.Root()
	if ep == Auto {
		if ep, ok = lint.DefaultEndpoints.Detect(obj.Has); !ok {
			return nil, errors.New("cannot tell the endpoint from the payload's members: name it")
		}
	}
	name, err := listToSplit(ep, obj, size)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return [][]byte{bytes.Clone(data)}, nil
	}
	var elems []span
	if list, _, found := d.tape.Member(0, name); found {
		elems = make([]span, 0, d.tape.Nodes[list].Len)
		for e := list + 1; e < d.tape.Nodes[list].Next; e = d.tape.Nodes[e].Next {
			elems = append(elems, nodeSpan(&d.tape.Nodes[e]))
		}
	}
	if len(elems) < 2 {
		// Cannot happen for a payload that parsed with more than size >= 1
		// elements; an error beats a wrong batch if it ever does.
		return nil, fmt.Errorf("cannot find the elements of %s in the payload", name)
	}
	return batches(data, elems, size), nil
}

// listToSplit names the top-level array of users that must be split to fit
// size users per request, or "" when none must.
func listToSplit(ep Endpoint, obj lint.Value, size int) (string, error) {
	spec, ok := lint.DefaultEndpoints.Spec(ep)
	if !ok {
		return "", fmt.Errorf("unknown endpoint %q: use auto, %s", ep, lint.DefaultEndpoints.Names())
	}
	names := spec.Users // none for an endpoint that names one user
	total := 0
	var nonEmpty []string
	for _, name := range names {
		list := obj.Get(name)
		if !list.Exists() {
			continue
		}
		if !list.IsArray() {
			return "", fmt.Errorf("%s is %s, not an array: make it an array of users before splitting", name, list.Kind())
		}
		total += list.Len()
		if list.Len() > 0 {
			nonEmpty = append(nonEmpty, name)
		}
	}
	switch {
	case total <= size:
		return "", nil
	case len(nonEmpty) > 1:
		return "", fmt.Errorf("%s list %d users together, more than %d: "+
			"split them by hand, or list every user in one of them", strings.Join(nonEmpty, " and "), total, size)
	}
	return nonEmpty[0], nil
}

// notWellFormed is the error for a payload parse rejected, located at its
// first error.
func notWellFormed(data []byte, body int, fs []lint.Finding) error {
	for _, d := range diagnostics(data, body, fs) {
		if d.Severity == lint.Error {
			return fmt.Errorf("cannot split a payload that is not well-formed JSON: %d:%d: %s (%s)",
				d.Start.Line, d.Start.Column, d.Message, d.Rule)
		}
	}
	return errors.New("cannot split a payload that is not well-formed JSON")
}

// batches rebuilds src once per run of size elements: the text before the
// first element, the run's elements joined by the separator that followed the
// first element, and the text after the last element. elems has at least two
// elements.
func batches(src []byte, elems []span, size int) [][]byte {
	prefix := src[:elems[0].start]
	sep := src[elems[0].end:elems[1].start]
	suffix := src[elems[len(elems)-1].end:]
	var out [][]byte
	for i := 0; i < len(elems); i += size {
		run := elems[i:min(i+size, len(elems))]
		n := len(prefix) + len(suffix) + (len(run)-1)*len(sep)
		for _, e := range run {
			n += e.end - e.start
		}
		b := make([]byte, 0, n)
		b = append(b, prefix...)
		for j, e := range run {
			if j > 0 {
				b = append(b, sep...)
			}
			b = append(b, src[e.start:e.end]...)
		}
		out = append(out, append(b, suffix...))
	}
	return out
}
