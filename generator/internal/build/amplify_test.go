package build_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/report"
)

// TestAmplifyingBodiesAreRefused builds the bodies a security review found
// to make the Markdown renderer write far more than it reads (a wide
// table, whose short rows are each filled to the header's width, ran out
// of memory; a long link reference used 20,000 times made a 1 GB page):
// each build fails quickly, naming the file, line and key, and leaves the
// output as it was.
func TestAmplifyingBodiesAreRefused(t *testing.T) {
	ref := func(url string) string {
		return "[r]: " + url + "\n\n" + strings.Repeat(strings.Repeat("[r]", 400)+"\n\n", 50)
	}
	atLimit := "https://x.example/" + strings.Repeat("a", report.MaxLinkLength-len("https://x.example/"))
	cases := []struct{ name, body, want string }{
		{"6000 columns", strings.Repeat("|a", 6000) + "|\n" + strings.Repeat("|-", 6000) + "|\n" + strings.Repeat("a\n", 6000),
			"content/bad.md:8:1: body: the table has 6000 columns"},
		{"2000 by 2000", strings.Repeat("|a", 2000) + "|\n" + strings.Repeat("|-", 2000) + "|\n" + strings.Repeat("a\n", 2000),
			"content/bad.md:8:1: body: the table has 2000 columns"},
		{"long reference", ref("https://x.example/" + strings.Repeat("a", 100000)),
			"content/bad.md:7:6: body: the URL of the link reference definition is 100018 bytes long"},
		{"reference at the limit", ref(atLimit), "content/bad.md:7:1: body: its HTML would be "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := buildtest.Snapshot(t, p.Out)
			p.Write("content/bad.md", "---\ncounty: 乙县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n"+tc.body)
			start := time.Now()
			_, err := p.Build(build.Config{})
			// Refused in about 0.2 s; before, the 2000-column table took
			// 7.7 s and 1 GB, and the 6000-column one ran out of memory.
			// The bound is loose for a loaded machine.
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %.500v\nwant %q", err, tc.want)
			}
			if after := buildtest.Snapshot(t, p.Out); !maps.Equal(before, after) {
				t.Error("a failed build changed the output")
			}
		})
	}
}
