package jsontext

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// Strings that a report file could carry into a chart or a download.
var hostile = []string{
	"", "海淀区", "</script><!--", "<script>alert(1)</script>", `"quoted"`, `back\slash\`, `\u003c`,
	"a&b", "&amp;", "\u2028line\u2029para", "😀🇨🇳", "\x00\x01\x1f\b\f\n\r\t\x7f", "\xff\xfe invalid",
	"\xe2\x80", "'single'", "${x}", "null", strings.Repeat("</script>", 100),
}

// TestAppendString compares AppendString with json.Marshal on hostile
// strings, every single byte, and random bytes and runes.
func TestAppendString(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	cases := append([]string{}, hostile...)
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	// Three-byte sequences, valid and not, whole and cut short, around
	// the fast path for Chinese text.
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for b1 := 0x7F; b1 <= 0xC0; b1++ {
			for _, b2 := range []byte{0x7F, 0x80, 0xA8, 0xA9, 0xBF, 0xC0} {
				seq := string([]byte{byte(lead), byte(b1), b2})
				cases = append(cases, seq, "中"+seq+"文", seq[:2], "x"+seq[:2], seq[:1])
			}
		}
	}
	for range 20000 {
		if r.IntN(2) == 0 {
			b := make([]byte, r.IntN(20))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			cases = append(cases, string(b))
			continue
		}
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteRune(rune(r.IntN(0x30000)))
		}
		cases = append(cases, sb.String())
	}
	for _, s := range cases {
		checkString(t, s)
	}
}

func checkString(t *testing.T, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := AppendString([]byte("x"), s); !bytes.Equal(got[1:], want) || got[0] != 'x' {
		t.Fatalf("AppendString(%q) = %s, want %s", s, got[1:], want)
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(checkString)
}

// Numbers whose formatting is out of the ordinary.
var specials = []float64{
	0, math.Copysign(0, -1), 0.00004, -0.00004, 0.00005, 1e-7, -1e-7, 1e-6, 0.1 + 0.2, 1.0 / 3,
	999999999999999999999, 1e21, -1e21, 1e20, 123456789012.34567, 8765432.5, 8765433.5,
	math.MaxFloat64, 1e300, 1e305, -1e305, math.SmallestNonzeroFloat64,
}

// TestAppendFloat compares AppendFloat with json.Marshal on special and
// random finite numbers.
func TestAppendFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := append([]float64{}, specials...)
	for range 20000 {
		cases = append(cases, r.NormFloat64()*math.Pow(10, float64(r.IntN(60)-30)),
			math.Float64frombits(r.Uint64()), math.Round(r.NormFloat64()*1e10)/1e4)
	}
	for _, v := range cases {
		checkFloat(t, v)
	}
}

func checkFloat(t *testing.T, v float64) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		return // NaN and ±Inf, which JSON cannot hold
	}
	if got := AppendFloat([]byte("x"), v); !bytes.Equal(got[1:], want) || got[0] != 'x' {
		t.Fatalf("AppendFloat(%v) = %s, want %s", v, got[1:], want)
	}
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range specials {
		f.Add(v)
	}
	f.Fuzz(checkFloat)
}

// BenchmarkAppendString appends a sentence of the kind reports.json holds
// by the thousand.
func BenchmarkAppendString(b *testing.B) {
	s := "2020年度公共预算财政拨款支出1226.55万元，其中：基本支出621.65万元，项目支出604.9万元。“三公”经费支出9.12万元。"
	b.SetBytes(int64(len(s)))
	var dst []byte
	for b.Loop() {
		dst = AppendString(dst[:0], s)
	}
}
