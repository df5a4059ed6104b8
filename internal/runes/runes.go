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
		if binary.LittleEndian.Uint64(b[i:])&highs != 0 {
			break
		}
	}
	rest := b[i:]
	return i + utf8.RuneCountInString(unsafe.String(unsafe.SliceData(rest), len(rest)))
}

// CountValid is Count for b that is valid UTF-8: the bytes less those that
// continue a code point (10xxxxxx). It reads 32 bytes a step, skipping those
// that are all ASCII, as most of a payload is, and counts the continuation
// bytes of the others a word at a time. For other b it may count differently
// from utf8.RuneCount.
func CountValid(b []byte) int {
	conts, i := 0, 0
	for ; i+32 <= len(b); i += 32 {
		c := b[i : i+32]
		w0, w1 := binary.LittleEndian.Uint64(c), binary.LittleEndian.Uint64(c[8:])
		w2, w3 := binary.LittleEndian.Uint64(c[16:]), binary.LittleEndian.Uint64(c[24:])
		if (w0|w1|w2|w3)&highs == 0 {
			continue
		}
		conts += continuations(w0) + continuations(w1) + continuations(w2) + continuations(w3)
	}
	for ; i+8 <= len(b); i += 8 {
		conts += continuations(binary.LittleEndian.Uint64(b[i:]))
	}
	for ; i < len(b); i++ {
		if b[i]&0xC0 == 0x80 {
			conts++
		}
	}
	return len(b) - conts
}

// continuations is the number of bytes of w that are 10xxxxxx: their high
// bit is set and the next one, shifted into its place, is not.
func continuations(w uint64) int { return bits.OnesCount64(w &^ (w << 1) & highs) }

const highs = 0x8080808080808080
