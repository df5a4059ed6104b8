// Package jsonpointer reads and writes RFC 6901 JSON pointers: the one place
// that knows a member name's / is written ~1 and its ~ is written ~0. lint,
// schema, validate and the command all use it.
package jsonpointer

import (
	"errors"
	"strconv"
	"strings"
)

var (
	escaper   = strings.NewReplacer("~", "~0", "/", "~1")
	unescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// Escape writes a member name as a reference token.
func Escape(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name // most names: no allocation
	}
	return escaper.Replace(name)
}

// AppendEscaped appends a member name, written as a reference token, to b.
func AppendEscaped(b []byte, name string) []byte {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; c {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, c)
		}
	}
	return b
}

// Unescape reads a reference token back into the member name it stands for.
func Unescape(token string) string {
	if !strings.Contains(token, "~") {
		return token
	}
	return unescaper.Replace(token)
}

// Build makes a pointer from member names (string) and array indexes (int);
// it panics on any other token, which is a programming error.
func Build(tokens ...any) string {
	n := 0
	for _, t := range tokens {
		switch t := t.(type) {
		case string:
			n += 1 + len(t) + 2 // room for an escape or two
		case int:
			n += 1 + 20
		}
	}
	var b strings.Builder
	b.Grow(n) // one allocation, the string's
	var digits [20]byte
	for _, t := range tokens {
		b.WriteByte('/')
		switch t := t.(type) {
		case string:
			b.WriteString(Escape(t))
		case int:
			b.Write(strconv.AppendInt(digits[:0], int64(t), 10))
		default:
			panic("jsonpointer.Build: token must be string or int")
		}
	}
	return b.String()
}

// Tokens splits a pointer into its reference tokens, still escaped: for
// matching against patterns written the same way. The root "" has none; a
// pointer not starting with / is read as if it did.
func Tokens(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(p, "/"), "/")
}

// Split splits a pointer into the member names and indexes it walks,
// unescaped.
func Split(p string) []string {
	toks := Tokens(p)
	for i, t := range toks {
		toks[i] = Unescape(t)
	}
	return toks
}

// Last is the unescaped last token of a pointer: the name of the member it
// points at; "" for the root.
func Last(p string) string {
	if p == "" {
		return ""
	}
	return Unescape(p[strings.LastIndexByte(p, '/')+1:])
}

// ErrBadEscape says a ~ is followed by neither 0 nor 1.
var ErrBadEscape = errors.New("a ~ that is not ~0 or ~1: write ~0 for ~ and ~1 for / in a member name")

// CheckToken reports a ~ in token that is not part of ~0 or ~1.
func CheckToken(token string) error {
	for i := strings.IndexByte(token, '~'); i >= 0; i = strings.IndexByte(token, '~') {
		if i+1 == len(token) || (token[i+1] != '0' && token[i+1] != '1') {
			return ErrBadEscape
		}
		token = token[i+2:]
	}
	return nil
}
