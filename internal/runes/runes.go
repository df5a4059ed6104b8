// Package runes counts code points, as columns and JSON Schema's string
// lengths do.
package runes

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"
	"unsafe"
)

// Count is utf8.RuneCount: the code points in b, each byte of an invalid or
// short encoding counting as one. It reads leading ASCII eight bytes at a
// time, and never copies b: utf8.RuneCount copies the rest of its input
// into a new string at the first byte that is not ASCII.
func Count(b []byte) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 != 0 {
			break
		}
	}
	rest := b[i:]
	return i + utf8.RuneCountInString(unsafe.String(unsafe.SliceData(rest), len(rest)))
}

// CountValid is Count for b that is valid UTF-8: a code point is a byte
// that does not continue one (10xxxxxx), counted eight bytes at a time.
// For other b it may count differently from utf8.RuneCount.
func CountValid(b []byte) int {
	n, i := 0, 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		n += 8 - bits.OnesCount64(w&^(w<<1)&0x8080808080808080)
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
