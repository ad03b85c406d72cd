package site

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gosimple/slug"
)

// slugifyByRunes is Slugify as first written, over a slice of runes: the
// reference the faster Slugify must agree with.
func slugifyByRunes(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i := 0; i < len(rs); {
		matched := false
		for _, p := range placePhrases {
			pr := []rune(p.han)
			if i+len(pr) <= len(rs) && string(rs[i:i+len(pr)]) == p.han {
				b.WriteString(" " + p.latin + " ")
				i += len(pr)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if l, ok := placeRunes[rs[i]]; ok {
			b.WriteString(" " + l + " ")
		} else {
			b.WriteRune(rs[i])
		}
		i++
	}
	return slug.Make(b.String())
}

// Slugify agrees with the reference on names made of place characters,
// phrases, other characters and invalid bytes. (Only the part before
// the length cut is compared: the reference has no cut.)
func TestSlugifyAgreesWithRunes(t *testing.T) {
	var parts []string
	for _, p := range placePhrases {
		parts = append(parts, p.han, p.han[:3], p.han[3:])
	}
	for r := range placeRunes {
		parts = append(parts, string(r))
	}
	parts = append(parts, "县", "市", "区", "财政局", "a", "-", " ", "\xff", "\xe5\x85", "�", "桃源", "Ⅱ")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(8) + 1 {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		name := b.String()
		want := slugifyByRunes(name)
		if want == "" {
			want = "x"
		}
		if len(want) > MaxSlug {
			continue
		}
		if got := slugify(name); got != want {
			t.Fatalf("Slugify(%q) = %q, want %q", name, got, want)
		}
	}
}
