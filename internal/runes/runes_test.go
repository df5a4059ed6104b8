package runes

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestCountIsRuneCount holds Count to utf8.RuneCount on text that mixes
// ASCII runs, multi-byte runes, and invalid and cut-short encodings at every
// alignment.
func TestCountIsRuneCount(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz012345", "é", "😀", "\xff", "\x80", "\xe2\x82", "\xf0\x9f\x98", "€", "\x00"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		if got, want := Count(b), utf8.RuneCount(b); got != want {
			t.Fatalf("Count(%q) = %d, want %d", b, got, want)
		}
		if got, want := CountValid(b), utf8.RuneCount(b); utf8.Valid(b) && got != want {
			t.Fatalf("CountValid(%q) = %d, want %d", b, got, want)
		}
	}
}

func FuzzCount(f *testing.F) {
	f.Add([]byte("abcdefgh\xffé😀"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := Count(b), utf8.RuneCount(b); got != want {
			t.Fatalf("Count(%q) = %d, want %d", b, got, want)
		}
		if got, want := CountValid(b), utf8.RuneCount(b); utf8.Valid(b) && got != want {
			t.Fatalf("CountValid(%q) = %d, want %d", b, got, want)
		}
	})
}

func BenchmarkCount(b *testing.B) {
	text := []byte(`{"external_user_ids": ["user-1"], "messages": {"email": {"subject": "Grüße aus Köln", "body": "<p>Hallo {{${first_name}}}, 😀</p>"}}}`)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Count(text)
	}
}

func BenchmarkRuneCount(b *testing.B) {
	text := []byte(`{"external_user_ids": ["user-1"], "messages": {"email": {"subject": "Grüße aus Köln", "body": "<p>Hallo {{${first_name}}}, 😀</p>"}}}`)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		utf8.RuneCount(text)
	}
}

func BenchmarkCountValid(b *testing.B) {
	text := []byte(`{"external_user_ids": ["user-1"], "messages": {"email": {"subject": "Grüße aus Köln", "body": "<p>Hallo {{${first_name}}}, 😀</p>"}}}`)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		CountValid(text)
	}
}
