package render

import (
	"bytes"
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// plainTextReference is what plainText must report: valid UTF-8 without
// control characters other than newlines.
func plainTextReference(b []byte) bool {
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' || c == 0x7f {
			return false
		}
	}
	return true
}

// skipOrdinaryReference is what skipOrdinary must return.
func skipOrdinaryReference(text []byte, i int) int {
	for ; i < len(text); i++ {
		if inlineSpecial[text[i]] {
			return i
		}
	}
	return i
}

// fastPathInputs returns texts to hold the fast paths to their references
// with: corpus bodies, the seeds' bodies, the hostile strings, and random
// mixes of Chinese, ASCII, control bytes and broken or unusual UTF-8 (the
// leads E0, ED and F0 to F4, surrogates, overlong forms, cut characters).
func fastPathInputs(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{Seed: 3, Reports: 40}); err != nil {
		t.Fatal(err)
	}
	out = append(out, corpusBodies(t, dir)...)
	out = append(out, testseeds.Bodies(t)...)
	for _, h := range testseeds.Hostile {
		out = append(out, []byte(h))
	}
	pieces := []string{"三公经费", "，", "“优”", "a", "Zw", "12.5", "%", " ", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "~",
		"<", ">", "&", "'", "\"", "*", "|", "\u3000", "\ufeff", "\u0085", "é", "\u0800", "\u1000", "\ud7ff", "\ue000", "\uffff",
		"\U00010000", "\U0010ffff", "\xed\xa0\x80", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xc0\xaf", "\xf4\x90\x80\x80", "\xe4\xb8",
		"\xe4", "\x80", "\xbf\xbf", "\xf0\x9f", "\xff"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b []byte
		for range rng.IntN(24) {
			if rng.IntN(3) == 0 {
				b = append(b, pieces[rng.IntN(len(pieces))]...)
			} else {
				b = append(b, pieces[rng.IntN(4)]...) // mostly ordinary text
			}
		}
		out = append(out, b)
	}
	// Every corpus body with one byte changed, at a few places.
	for _, body := range out[:20] {
		for k := range 16 {
			if len(body) == 0 {
				break
			}
			b := bytes.Clone(body)
			b[rng.IntN(len(b))] = byte(k * 17)
			out = append(out, b)
		}
	}
	return out
}

// TestPlainText holds plainText to utf8.Valid and a search for control
// characters, on every suffix of each input so that every alignment of
// the words it reads is tried.
func TestPlainText(t *testing.T) {
	for _, in := range fastPathInputs(t) {
		for i := 0; i < len(in) && i < 24; i++ {
			if got, want := plainText(in[i:]), plainTextReference(in[i:]); got != want {
				t.Errorf("plainText(%q) = %v, want %v", in[i:], got, want)
			}
		}
	}
}

// TestSkipOrdinary holds skipOrdinary to a search byte by byte, from every
// start.
func TestSkipOrdinary(t *testing.T) {
	for _, in := range fastPathInputs(t) {
		for i := 0; i <= len(in) && i < 40; i++ {
			if got, want := skipOrdinary(in, i), skipOrdinaryReference(in, i); got != want {
				t.Errorf("skipOrdinary(%q, %d) = %d, want %d", in, i, got, want)
			}
		}
	}
}

// BenchmarkPlainText checks the bodies of 200 corpus reports with
// plainText and with its reference.
func BenchmarkPlainText(b *testing.B) {
	bodies, size := benchBodies(b)
	for _, f := range []struct {
		name string
		fn   func([]byte) bool
	}{{"plainText", plainText}, {"reference", plainTextReference}} {
		b.Run(f.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, body := range bodies {
					if !f.fn(body) {
						b.Fatal("a corpus body is not plain")
					}
				}
			}
		})
	}
}
