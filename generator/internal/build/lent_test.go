package build_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// Each report's page shows its own body, however the buffers its file
// was read into are used again: a body is lent from the buffer its file
// was read into until its page is written (content.LoadDetail), and the
// buffer then goes on to other files. Bodies of many sizes, read by
// eight workers, each page holding its own marker and no other.
func TestReportPagesKeepTheirBodiesWhileBuffersAreReused(t *testing.T) {
	const n = 60
	var archive strings.Builder
	for i := range n {
		fmt.Fprintf(&archive, "-- content/r%02d.md --\n---\ncounty: 县%02d\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nspending: {total: %d}\n---\n## 标题\n\n正文标记%02d号。%s\n\n尾标记%02d号\n",
			i, i, 100+i, i, strings.Repeat("填充文字。", (i*37)%200), i)
	}
	p := buildtest.New(t, archive.String())
	if _, err := p.Build(build.Config{Workers: 8}); err != nil {
		t.Fatal(err)
	}
	marker := regexp.MustCompile(`(正文|尾)标记(\d\d)号`)
	seen := map[string]bool{}
	for _, name := range p.Files() {
		if !strings.HasPrefix(name, "report/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		page := p.Page(name)
		ms := marker.FindAllStringSubmatch(page, -1)
		if len(ms) != 2 || ms[0][2] != ms[1][2] || ms[0][1] != "正文" || ms[1][1] != "尾" {
			t.Errorf("%s: markers %v, want its own body's two", name, ms)
			continue
		}
		id := ms[0][2]
		if !strings.Contains(page, "县"+id) {
			t.Errorf("%s shows the body of 县%s", name, id)
		}
		seen[id] = true
	}
	if len(seen) != n {
		t.Errorf("%d report pages show their bodies, want %d", len(seen), n)
	}
}
