package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestCompositionCharts: a report page draws its spending and its 三公经费
// in two charts, each on its own scale, since a 三公 item is often a
// thousandth of the spending and its bar beside the spending's would not
// show; a report that gives no 三公 figure draws only the first.
func TestCompositionCharts(t *testing.T) {
	p := buildtest.New(t, `
-- content/a.md --
---
county: 甲县
department: 财政局
year: 2021
type: 整体支出
spending: {total: 3200, basic: 1200, project: 2000}
sangong: {total: 3.2, abroad: 0, reception: 1.2, vehicles: 2}
---
-- content/b.md --
---
county: 乙县
department: 财政局
year: 2021
type: 整体支出
spending: {total: 900}
---
`)
	p.MustBuild()
	// figure returns the figure of the chart id on page, "" when none.
	figure := func(page, id string) string {
		i := strings.Index(page, `<figure class="chart-block" id="fig-`+id+`">`)
		if i < 0 {
			return ""
		}
		return page[i : i+strings.Index(page[i:], "</figure>")]
	}
	a := p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html")
	spending, sangong := figure(a, "spending-composition"), figure(a, "sangong-composition")
	if spending == "" || sangong == "" {
		t.Fatalf("the report page lacks a composition chart:\n%s", a)
	}
	mustContain(t, "spending chart", spending, "<strong>支出构成</strong>",
		`"data":["支出合计","基本支出","人员经费","公用经费","项目支出"]`,
		"金额最高的是支出合计（3200万元），最低的是基本支出（1200万元）")
	mustContain(t, "三公 chart", sangong, "<strong>三公经费构成</strong>",
		`"data":["三公经费合计","因公出国（境）","公务接待","公务用车"]`,
		`<tr><th scope="row">公务接待</th><td class="num" data-value="1.2">1.2</td></tr>`,
		"金额最高的是三公经费合计（3.2万元），最低的是因公出国（境）（0万元）")
	if strings.Contains(spending, "公务接待") || strings.Contains(sangong, "支出合计") {
		t.Error("the two charts share an axis")
	}
	if strings.Index(a, `id="fig-spending-composition"`) > strings.Index(a, `id="fig-sangong-composition"`) {
		t.Error("the 三公 chart comes before the spending chart")
	}
	b := p.Page("report/yi-xian/2021-cai-zheng-ju-zheng-ti.html")
	if figure(b, "spending-composition") == "" || figure(b, "sangong-composition") != "" {
		t.Error("a report without 三公 figures: want the spending chart alone")
	}
}
