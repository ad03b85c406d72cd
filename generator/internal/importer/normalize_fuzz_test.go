package importer

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// FuzzNormalize cleans fuzzed text as the importer does before reading it.
// clean must not panic or hang, and each line it returns is valid UTF-8
// (for valid input), holds no line break or control character other than
// tab, has no space at either end and no full-width digit or odd space; a
// table cell keeps its one leading tab.
func FuzzNormalize(f *testing.F) {
	for _, s := range testseeds.Texts(f) {
		for _, c := range normalizeChunks(string(s.Data), 3000) {
			f.Add(c)
		}
	}
	for _, s := range []string{
		"", "二〇二〇年度 支出 673 .48 万元，增长 5 %", "部 门 概 况\r\n- 3 -\n第 2 页 共 9 页", "$\\geqslant 99\\%$ \\times \\mathrm{x}",
		"\t合计\n\t５０２０．００\n\n", "0\t00", "[bookmark: _Toc1]一、概况\u3000\u00a0\u200b\ufeff", "\x00\x01\x7f\u2028",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		stop := testseeds.Watchdog(10*time.Second, "clean")
		start := time.Now()
		lines := clean(s)
		stop()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("clean took %v on %d bytes", d, len(s))
		}
		for _, l := range lines {
			body := strings.TrimPrefix(l, "\t")
			if utf8.ValidString(s) && !utf8.ValidString(l) {
				t.Errorf("line %q is not valid UTF-8", l)
			}
			if strings.ContainsAny(body, "\n\r\f\v") {
				t.Errorf("line %q holds a line break", l)
			}
			if body != strings.TrimSpace(body) && utf8.ValidString(body) {
				t.Errorf("line %q has spaces at an end", l)
			}
			for _, r := range body {
				if (r < 0x20 && r != '\t') || r == 0x7f || (r >= '０' && r <= '９') {
					t.Errorf("line %q holds %U", l, r)
					break
				}
				if unicode.Is(unicode.Zs, r) && r != ' ' {
					t.Errorf("line %q holds the space %U", l, r)
					break
				}
			}
		}
	})
}

// normalizeChunks splits s at line ends into pieces of about n bytes; the
// fuzzing engine slows to a crawl on much larger inputs.
func normalizeChunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		i := strings.LastIndexByte(s[:n], '\n')
		if i <= 0 {
			break
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
	return append(out, s)
}
