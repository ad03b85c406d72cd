package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// These tests compare the fast ways Parse checks text with plain
// definitions of what they check.

// cleanTextByRunes is what cleanText computes, rune by rune.
func cleanTextByRunes(data []byte) bool {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || forbiddenRune(r) {
			return false
		}
		i += size
	}
	return true
}

// textPieces are what randomText makes text of: ASCII, Chinese, and
// sequences at the edges of what cleanText allows.
var textPieces = []string{
	"a", " ", "\n", "\t", "\r", "\x00", "\x1f", "\x7f", "1530.53", "**", "_", "[", "\\",
	"甲", "县", "，", "：", "（", "）", "、", "。", "\u3000", "\u00b7", "\u0085", "\u009f", "\u00a0",
	"\u0800", "\u0fff", "\u1000", "\ud7ff", "\ue000", "\ufdcf", "\ufdd0", "\ufdef", "\ufdf0", "\ufffd", "\ufffe", "\uffff",
	"\U00010000", "\U0001fffe", "\U0010ffff", "\U0010fffe",
	"\xed\xa0\x80", "\xed\xbf\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xc0\x80", "\xc1\xbf", "\xf5\x80\x80\x80",
	"\xef\xb7", "\xe4\xb8", "\xe4", "\x80", "\xbf", "\xff", "\xf0\x9f\x98",
}

func randomText(rng *rand.Rand) []byte {
	var b []byte
	for range rng.IntN(40) {
		b = append(b, textPieces[rng.IntN(len(textPieces))]...)
	}
	return b
}

func TestCleanTextIsTheDefinition(t *testing.T) {
	check := func(data []byte) {
		t.Helper()
		if got, want := cleanText(data), cleanTextByRunes(data); got != want {
			t.Fatalf("cleanText(%q) = %v, want %v", data, got, want)
		}
	}
	// Every three-byte sequence of the form of a character, alone and
	// among Chinese text, at every alignment.
	han := []byte(strings.Repeat("甲县，", 4))
	for b0 := 0xe0; b0 <= 0xef; b0++ {
		for b1 := 0x80; b1 <= 0xbf; b1++ {
			for b2 := 0x80; b2 <= 0xbf; b2++ {
				seq := []byte{byte(b0), byte(b1), byte(b2)}
				check(seq)
				for _, k := range []int{0, 3, len(han)} {
					for _, pad := range []string{"", "ab"} {
						data := append(append(append([]byte(pad), han[:k]...), seq...), han[k:]...)
						check(data)
						check(data[:len(data)-1])
					}
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		check(randomText(rng))
	}
}

func FuzzCleanText(f *testing.F) {
	for _, s := range textPieces {
		f.Add([]byte(s))
	}
	f.Add([]byte("甲县，乙县：（丙）\ufdd0丁"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := cleanText(data), cleanTextByRunes(data); got != want {
			t.Fatalf("cleanText(%q) = %v, want %v", data, got, want)
		}
	})
}

// TestHasMarkFindsEveryMark: hasMark may be true without a mark, but
// never false with one, in whichever of the eight bytes it is.
func TestHasMarkFindsEveryMark(t *testing.T) {
	fills := []byte{0, ' ', 'a', 'Z', ']', 0x7f, 0x80, 0xe4, 0xff}
	for _, fill := range fills {
		for b := range 256 {
			for lane := range 8 {
				var x [8]byte
				for i := range x {
					x[i] = fill
				}
				x[lane] = byte(b)
				got := hasMark(uint64(x[0]) | uint64(x[1])<<8 | uint64(x[2])<<16 | uint64(x[3])<<24 |
					uint64(x[4])<<32 | uint64(x[5])<<40 | uint64(x[6])<<48 | uint64(x[7])<<56)
				if markBytes[b] && !got {
					t.Fatalf("hasMark(% x) is false", x)
				}
				if !got && markBytes[fill] {
					t.Fatalf("hasMark(% x) is false", x)
				}
			}
		}
	}
}

// escapeURLByBytes is escapeURL as it was written first: it builds the
// URL again whether or not anything is escaped.
func escapeURLByBytes(s string) string {
	start := strings.Index(s, "://") + 3
	if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
		start += i
	} else {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:start])
	fragment := false
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!$&'()*+,-./:;=?@_~", c) >= 0:
			b.WriteByte(c)
		case c == '#' && !fragment:
			fragment = true
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// TestCheckedLikeTheRegularExpressions compares isAdcode, isSlug and
// escapeURL with what they replace, on strings made at random of the
// characters that matter to them.
func TestCheckedLikeTheRegularExpressions(t *testing.T) {
	adcodeRE := regexp.MustCompile(`^[1-9][0-9]{5}$`)
	slugRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	pieces := []string{"0", "1", "4", "9", "a", "z", "A", "-", "--", "_", " ", "\n", "%", "%4", "%41", "%zz", "#", "/", "?",
		"[", "]", "|", "^", "`", "{", "\"", "'", "~", "甲", "\x00", "\x7f", "\xff", "https://", "http://a.b", ".", ":"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := isAdcode(s), adcodeRE.MatchString(s); got != want {
			t.Fatalf("isAdcode(%q) = %v, want %v", s, got, want)
		}
		if got, want := isSlug(s), slugRE.MatchString(s); got != want {
			t.Fatalf("isSlug(%q) = %v, want %v", s, got, want)
		}
		u := "https://example.org/" + s
		if rng.IntN(3) == 0 {
			u = "http://" + s
		}
		if got, want := escapeURL(u), escapeURLByBytes(u); got != want {
			t.Fatalf("escapeURL(%q) = %q, want %q", u, got, want)
		}
	}
	for _, s := range []string{"430725", "100000", "999999", "030725", "43072", "4307251", "43072a", "430725\n"} {
		if got, want := isAdcode(s), adcodeRE.MatchString(s); got != want {
			t.Errorf("isAdcode(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestCheckBodyFindsMarks: marks in every position of a line of Chinese
// text are counted, as byte by byte.
func TestCheckBodyFindsMarks(t *testing.T) {
	for _, mark := range []string{"*", "_", "["} {
		for pad := range 9 {
			line := strings.Repeat("a", pad) + strings.Repeat("甲"+mark+" ", MaxMarks+1)
			p := &parse{name: "a.md", r: &Report{Body: []byte(line), BodyLine: 3}}
			p.checkBody()
			if len(p.errs) != 1 || !strings.Contains(p.errs[0].Error(), "emphasis marks") {
				t.Errorf("%q, padded by %d: errors %v", mark, pad, p.errs)
			}
			escaped := bytes.ReplaceAll([]byte(line), []byte(mark), []byte("\\"+mark))
			p = &parse{name: "a.md", r: &Report{Body: escaped, BodyLine: 3}}
			p.checkBody()
			if len(p.errs) != 0 {
				t.Errorf("%q escaped, padded by %d: errors %v", mark, pad, p.errs)
			}
		}
	}
}

// TestErrorsOwnTheirKeys: the fast path reads front matter without copying
// it, so an error's key, which may be text of the file, must be copied:
// changing the file's data afterwards does not change the errors.
func TestErrorsOwnTheirKeys(t *testing.T) {
	data := []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nfoo: 1\nspending: {bar: 2}\nevidence: {baz: x}\n---\n正文\n")
	if m, f := fastFrontMatter(data[:bytes.Index(data, []byte("\n---\n"))+1]); m == nil {
		t.Fatal("not read by the fast path")
	} else {
		f.free()
	}
	_, err := Parse("a.md", data)
	if err == nil {
		t.Fatal("no error")
	}
	want := err.Error()
	for i := range data {
		data[i] = 'x'
	}
	if got := err.Error(); got != want {
		t.Errorf("errors changed with the data:\n%s\nwas\n%s", got, want)
	}
	for _, k := range []string{"a.md:6:1: foo: unknown key", "spending.bar: unknown key", "evidence.baz: unknown figure name"} {
		if !strings.Contains(want, k) {
			t.Errorf("errors lack %q:\n%s", k, want)
		}
	}
}
