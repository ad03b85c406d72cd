package report

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
)

// These tests compare the quick ways Parse reads common text (keys,
// numbers, dates, links, white space) with what they stand for: the
// standard library, or the code they run before.

// TestKeyIDIsTheIndex: keyID finds every name of keyNames, and nothing
// else.
func TestKeyIDIsTheIndex(t *testing.T) {
	for i, k := range keyNames {
		if got := keyID(k); got != i {
			t.Errorf("keyID(%q) = %d, want %d", k, got, i)
		}
		for _, other := range []string{k[:len(k)-1], k + "s", strings.ToUpper(k), "x" + k[1:], "evidence." + k} {
			if got := keyID(other); got != -1 && keyNames[got] != other {
				t.Errorf("keyID(%q) = %d", other, got)
			}
		}
	}
	for _, k := range []string{"", "a", "z", "A", "县", "spending.", "spending.totals", strings.Repeat("c", 100), "evidence"} {
		want := -1
		for i, n := range keyNames {
			if n == k {
				want = i
			}
		}
		if got := keyID(k); got != want {
			t.Errorf("keyID(%q) = %d, want %d", k, got, want)
		}
	}
}

// TestExactDecimalIsParseFloat: exactDecimal gives the very float64 that
// strconv.ParseFloat gives, and digitsValue what strconv.ParseUint gives.
func TestExactDecimalIsParseFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	digits := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
			if rng.IntN(4) == 0 {
				b[i] = "0019"[rng.IntN(4)]
			}
		}
		return string(b)
	}
	check := func(s string) {
		t.Helper()
		want, err := strconv.ParseFloat(s, 64)
		got, ok := exactDecimal(s)
		if !ok {
			if n := len(strings.TrimPrefix(s, "-")) - 1; n <= maxExactDigits {
				t.Fatalf("exactDecimal(%q) refused %d digits", s, n)
			}
			return
		}
		if err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("exactDecimal(%q) = %v (%x), ParseFloat = %v (%x), %v", s, got, math.Float64bits(got), want, math.Float64bits(want), err)
		}
	}
	for range 300000 {
		whole := 1 + rng.IntN(maxExactDigits+2)
		frac := 1 + rng.IntN(maxExactDigits+2)
		s := digits(whole) + "." + digits(frac)
		if rng.IntN(3) == 0 {
			s = "-" + s
		}
		check(s)
		if d := digits(1 + rng.IntN(20)); len(d) <= maxExactDigits {
			if want, err := strconv.ParseUint(d, 10, 64); err != nil || digitsValue(d) != want {
				t.Fatalf("digitsValue(%q) = %d, want %d", d, digitsValue(d), want)
			}
		}
	}
	for _, s := range []string{"0.0", "-0.0", "0.1", "0.3", "1530.53", "999999999999.999", "99999999999999.9", "9.99999999999999",
		"0.000000000000001", "-0.000000000000001", "4503599627370.495", "1234567890123.45", "00.5", "0.50"} {
		check(s)
	}
}

// TestPlainNumbersAreTheYAMLParsers: the integers and decimals that
// fastFrontMatter reads itself hold the values that strconv gives, of the
// same types.
func TestPlainNumbersAreTheYAMLParsers(t *testing.T) {
	for _, text := range []string{"0", "-0", "7", "-7", "2020", "123456789012345", "-123456789012345", "1234567890123456",
		"18446744073709551615", "-9223372036854775808", "1.5", "-0.4", "1530.53", "0.0", "-0.0", "1234567890123.456"} {
		f := fastPool.Get().(*fastYAML)
		f.lines = 4
		n := f.plain(text, 2, 1)
		var got any
		switch n := n.(type) {
		case *ast.IntegerNode:
			got = n.Value
		case *ast.FloatNode:
			got = n.Value
		}
		var want any
		if strings.Contains(text, ".") {
			want, _ = strconv.ParseFloat(text, 64)
		} else if text[0] == '-' {
			want, _ = strconv.ParseInt(text, 10, 64)
		} else {
			want, _ = strconv.ParseUint(text, 10, 64)
		}
		if fmt.Sprintf("%T %v", got, got) != fmt.Sprintf("%T %v", want, want) {
			t.Errorf("%s: %T %v, want %T %v", text, got, got, want, want)
		}
		f.free()
	}
}

// TestPlainDateIsTimeParse: a date that plainDate accepts is one that
// time.Parse reads.
func TestPlainDateIsTimeParse(t *testing.T) {
	for _, year := range []string{"0000", "1900", "2000", "2019", "2020", "2023", "2024", "2100", "9999"} {
		for month := range 100 {
			for day := range 100 {
				s := fmt.Sprintf("%s-%02d-%02d", year, month, day)
				if plainDate(s) {
					if _, err := time.Parse("2006-01-02", s); err != nil {
						t.Fatalf("plainDate(%q), but time.Parse: %v", s, err)
					}
				}
			}
		}
	}
	for _, s := range []string{"", "2020-1-10", "2020-01-1", "20200-01-10", "2020/01/10", "+020-01-10", "-020-01-10", "2020-01-10 ", "２０２０-01-10", "2020-01-1a"} {
		if plainDate(s) {
			t.Errorf("plainDate(%q)", s)
		}
	}
	if !plainDate("2020-05-10") {
		t.Error("plainDate refuses 2020-05-10")
	}
}

// TestPlainLinkIsURLParse: a link that plainLink accepts is one that
// url.Parse reads as an http or https URL with a host.
func TestPlainLinkIsURLParse(t *testing.T) {
	pieces := []string{"http://", "https://", "HTTP://", "a", "Z", "0", ".", "-", "_", "~", "/", "//", "?", "#", "&", "=", "%", "%41", "%zz",
		"@", ":", ":80", "[", "]", "[::1]", " ", "\t", "\x00", "\x7f", "甲", "\xff", "|", "{", "^", "`", "\\", "'", "\"", "<", "!", "$", "*", "+", ",", ";"}
	rng := rand.New(rand.NewPCG(9, 10))
	accepted := 0
	for range 300000 {
		var b strings.Builder
		b.WriteString([]string{"http://", "https://"}[rng.IntN(2)])
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if rng.IntN(20) == 0 {
			s = s[len("http"):]
		}
		if !plainLink(s) {
			continue
		}
		accepted++
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Fatalf("plainLink(%q), but url.Parse gives %+v, %v", s, u, err)
		}
	}
	if accepted < 1000 {
		t.Errorf("plainLink accepted only %d links", accepted)
	}
	for _, s := range []string{"https://www.yueduqu.gov.cn/zwgk/czzj/2020/tjj2019602.html", "http://a", "https://a.b?c#d"} {
		if !plainLink(s) {
			t.Errorf("plainLink(%q) is false", s)
		}
	}
}

// TestParseDecimalIsByParts: parseDecimal gives what decimalByParts, its
// general path, gives (what it gave before plainDecimal), values and
// errors, for text made at random of digits, zeros, points, signs and
// other characters.
func TestParseDecimalIsByParts(t *testing.T) {
	pieces := []string{"0", "00", "1", "5", "9", "12345", "000000", "999999999999", ".", "-", "+", "e", " ", "_", "甲"}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 300000 {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, scale := range []int{2, 5, 6} {
			got, gotErr := parseDecimal(s, scale)
			want, wantErr := decimalByParts(s, scale)
			if got != want || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("parseDecimal(%q, %d) = %d, %v; want %d, %v", s, scale, got, gotErr, want, wantErr)
			}
		}
	}
}

// whiteSpacePieces are what the white space tests make text of.
var whiteSpacePieces = []string{"", " ", "\t", "\n", "\v", "\f", "\r", "a", "甲", "，", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a",
	"\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u200b", "\ufeff", "\xff", "\xe3\x80", "*", "-", ">", "1. "}

func whiteSpaceText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(8) {
		b.WriteString(whiteSpacePieces[rng.IntN(len(whiteSpacePieces))])
	}
	return b.String()
}

// TestTrimSpaceIsTheStandardOne: trimSpace is strings.TrimSpace, and
// blank finds the lines that bytes.TrimSpace empties.
func TestTrimSpaceIsTheStandardOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for range 300000 {
		s := whiteSpaceText(rng)
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
		if got, want := blank([]byte(s)), len(bytes.TrimSpace([]byte(s))) == 0; got != want {
			t.Fatalf("blank(%q) = %v, want %v", s, got, want)
		}
	}
	// blank refuses characters by their first byte.
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !unicode.IsSpace(r) {
			continue
		}
		if c := string(r)[0]; c != 0xc2 && (c < 0xe1 || c > 0xe3) {
			t.Errorf("white space %U begins with %#x", r, c)
		}
	}
}

// TestContainerByte: a line whose first byte is not a containerByte is
// not nested.
func TestContainerByte(t *testing.T) {
	for c := range 256 {
		if containerByte[c] {
			continue
		}
		for _, rest := range []string{"", " ", "> ", "- x", "1. x", "\t\t", strings.Repeat("> ", 40)} {
			line := append([]byte{byte(c)}, rest...)
			if depth, _ := containerDepth(line); depth != 0 {
				t.Errorf("containerDepth(%q) = %d", line, depth)
			}
		}
	}
}

// TestCommentStartIsIndex: commentStart finds what strings.Index finds.
func TestCommentStartIsIndex(t *testing.T) {
	pieces := []string{"a", " ", "#", " #", "# ", "甲", "##", "  "}
	rng := rand.New(rand.NewPCG(15, 16))
	for range 300000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := b.String()
		for start := 0; start <= len(line); start++ {
			want := strings.Index(line[start:], " #")
			if want >= 0 {
				want += start
			}
			if got := commentStart(line, start); got != want {
				t.Fatalf("commentStart(%q, %d) = %d, want %d", line, start, got, want)
			}
		}
	}
}

// TestIsDashesIsTrimRight: isDashes is what it was first written as.
func TestIsDashesIsTrimRight(t *testing.T) {
	pieces := []string{"-", "--", "---", " ", "\t", "a", "甲", "\n", "\r", "\v"}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 300000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := []byte(b.String())
		if got, want := isDashes(line), string(bytes.TrimRight(line, " \t")) == "---"; got != want {
			t.Fatalf("isDashes(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestCheckBodyIsByLines: checkBody finds the errors that it found when
// it looked at every line, in bodies made at random of text, marks, line
// ends, quotes, lists, indentation and fences, with few marks and with
// many.
func TestCheckBodyIsByLines(t *testing.T) {
	pieces := []string{"a", " ", "  ", "\n", "\n\n", "\t", "*", "**", "_", "__", "[", "\\", "\\\n", "```", "~~~", "``` x`", "\n```\n", "\n~~~~\n",
		"> ", ">", "- ", "* ", "+ ", "1. ", "12) ", "甲", "，", "\u3000", "\u00a0", strings.Repeat(" ", 70), strings.Repeat("\t", 17), strings.Repeat("> ", 33)}
	markPieces := []string{"*", "_", "[", "**", "\\*", " ", "*\n", "a_b"}
	rng := rand.New(rand.NewPCG(19, 20))
	nested, marks := 0, 0
	for round := range 200000 {
		var b []byte
		if round%20 == 0 {
			// Long paragraphs of marks, some with more than MaxMarks,
			// and some with fenced code or a nested line.
			for range 800 + rng.IntN(800) {
				switch n := rng.IntN(1000); {
				case n < 500:
					b = append(b, markPieces[n%len(markPieces)]...)
				case n < 998:
					b = append(b, "甲"...)
				default:
					b = append(b, pieces[rng.IntN(len(pieces))]...)
				}
			}
		} else {
			for range rng.IntN(40) {
				b = append(b, pieces[rng.IntN(len(pieces))]...)
			}
		}
		want := &parse{name: "a.md", r: &Report{Body: b, BodyLine: 3}}
		want.checkBodyLines(true)
		got := &parse{name: "a.md", r: &Report{Body: b, BodyLine: 3}}
		got.checkBody()
		if fmt.Sprint(got.errs) != fmt.Sprint(want.errs) {
			t.Fatalf("%q: errors %v, want %v", b, got.errs, want.errs)
		}
		switch s := fmt.Sprint(want.errs); {
		case strings.Contains(s, "nested"):
			nested++
		case strings.Contains(s, "emphasis marks"):
			marks++
		}
	}
	if nested < 100 || marks < 100 {
		t.Errorf("%d bodies nested too deeply, %d with too many marks; want more of each", nested, marks)
	}
}

// TestQuotedIsByBytes: quoted reads what it read byte by byte, for quoted
// text made at random of quotes, escapes and other text.
func TestQuotedIsByBytes(t *testing.T) {
	pieces := []string{"\"", "'", "''", "\\", "\\\"", "\\n", "\\x41", "a", " ", "甲", "#", ",", "}"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 200000 {
		var b strings.Builder
		b.WriteString([]string{"\"", "'"}[rng.IntN(2)])
		for range rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		line := "k: " + b.String()
		text, end, ok := quoted(line, 3)
		wantText, wantEnd, wantOK := quotedByBytes(line, 3)
		if text != wantText || end != wantEnd || ok != wantOK {
			t.Fatalf("quoted(%q) = %q, %d, %v; want %q, %d, %v", line, text, end, ok, wantText, wantEnd, wantOK)
		}
	}
}
