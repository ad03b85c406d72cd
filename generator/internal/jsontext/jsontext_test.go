package jsontext

import (
	"bytes"
	"encoding/json"
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
