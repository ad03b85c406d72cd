package render

import (
	"html"
	"strings"
	"testing"
)

// TestEscape checks that escape writes what html.EscapeString returns.
func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", "桃源县", `<a href="x">'&'</a>`, "&amp;&", "a+b=c", "\x00<", "尾>", `"`, "'x'"} {
		var b strings.Builder
		escape(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzEscape checks escape against html.EscapeString on any string.
func FuzzEscape(f *testing.F) {
	f.Add(`<a href="x">'&'</a>`)
	f.Fuzz(func(t *testing.T, s string) {
		var b strings.Builder
		escape(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
	})
}
