package cli

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestFileNamesWithControlCharacters: a report file whose name holds a
// line break and a terminal escape is refused by check and build, each
// naming it quoted, so that the output has no line the name forged and
// no escape sequence.
func TestFileNamesWithControlCharacters(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	p.Write("content/a\nb\x1b[31mRED.md", strings.Replace(clean, "甲县", "乙县", 1))
	want := `"content/a\nb\x1b[31mRED.md": the file name holds the control character U+000A; rename the file`
	for _, args := range [][]string{{"check", "-root", p.Dir}, {"build", "-root", p.Dir}} {
		code, out, errOut := run(args...)
		all := out + errOut
		if code != 1 || !strings.Contains(all, want) {
			t.Errorf("%s: exit %d, output %q\nwant %q", args[0], code, all, want)
		}
		if strings.Contains(all, "\x1b") || strings.Contains(all, "a\nb") {
			t.Errorf("%s: the output holds the name unquoted: %q", args[0], all)
		}
	}
}
