package build_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// derivedSite is a report whose 三公 total its file's writer added up
// from the three items the report gives (as 雨花区 2020's), and whose
// 项目支出 is its total less its basic spending; and another county's
// report that gives every figure itself.
const derivedSite = `
-- content/a-2020.md --
---
county: 甲县
prefecture: 某市
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 840.74, basic: 596.04, project: 244.7}
sangong: {total: 0, abroad: 0, reception: 0, vehicles: 0}
derived:
  - sangong.total
  - spending.project
---
正文。
-- content/b-2020.md --
---
county: 乙县
prefecture: 某市
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 947.59, basic: 940.12, project: 7.46}
sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}
---
正文。
`

// TestDerivedFiguresAreMarked: a figure a file's writer computed is shown
// with （推算） on its report's page, which says what that means, and is
// listed in the downloads; the sums it takes part in are not checked and
// say why, while the same sums of another report are.
func TestDerivedFiguresAreMarked(t *testing.T) {
	p := buildtest.New(t, derivedSite)
	p.MustBuild()
	page := p.Page("report/jia-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	for _, key := range []string{"sangong.total", "spending.project"} {
		if row := figureRow(t, page, key); !strings.Contains(row, `<span class="derived">（推算）</span>`) {
			t.Errorf("the row of %s does not say it is derived:\n%s", key, row)
		}
	}
	for _, key := range []string{"spending.total", "spending.basic", "sangong.abroad"} {
		if row := figureRow(t, page, key); strings.Contains(row, "推算") {
			t.Errorf("the row of %s, which the report gives, says it is derived:\n%s", key, row)
		}
	}
	mustContain(t, "the derived report's page", page,
		"标“推算”的数字报告没有直接写出，是整理本站数据的人根据报告中的其他数字算出的",
		"三公经费合计 <strong>0万元</strong><span class=\"derived\">（报告未直接写出，由其他数字推算）</span>",
		"三公经费合计不是报告给出的数字，是整理者根据报告中的其他数字推算的，无从核对",
		"项目支出不是报告给出的数字，是整理者根据报告中的其他数字推算的，无从核对")
	// Its 支出合计 is 0.01 off its parts, a gap of rounding the check
	// would find if 项目支出 were the report's own.
	if strings.Contains(page, "相差0.01万元") {
		t.Error("the sum of spending, which takes a derived figure, was checked")
	}
	other := p.Page("report/yi-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	if strings.Contains(other, "推算") {
		t.Error("a report that gives every figure mentions derived figures")
	}
	mustContain(t, "the other report's page", other, "相差0.01万元")

	// The county's table marks them too, and says what that means; its
	// 支出合计, which the report gives, is not marked.
	county := p.Page("county/jia-xian.html")
	mustContain(t, "the derived report's county page", county,
		`<td class="num" data-value="244.7">244.7<span class="derived">（推算）</span><br>`,
		`<td class="num" data-value="0">0<span class="derived">（推算）</span><br>`,
		`<td class="num" data-value="840.74">840.74<br>`,
		"<p class=\"note\">标“推算”的数字报告没有直接写出，是整理本站数据的人根据报告中的其他数字算出的")
	if strings.Contains(p.Page("county/yi-xian.html"), "推算") {
		t.Error("the county page of a report that gives every figure mentions derived figures")
	}

	csv := p.Page("downloads/reports.csv")
	lines := strings.Split(csv, "\r\n")
	head := strings.Split(strings.TrimPrefix(lines[0], "\ufeff"), ",")
	col := -1
	for i, h := range head {
		if h == "推算数字" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("reports.csv has no column 推算数字: %s", lines[0])
	}
	got := map[string]string{}
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		cells := strings.Split(l, ",")
		got[cells[2]] = cells[col]
	}
	if got["甲县"] != "项目支出（万元）；三公经费合计（万元）" || got["乙县"] != "" {
		t.Errorf("column 推算数字: %q", got)
	}

	var file struct {
		Reports []struct {
			County  string
			Derived []string
		}
	}
	if err := json.Unmarshal([]byte(p.Page("downloads/reports.json")), &file); err != nil {
		t.Fatal(err)
	}
	for _, r := range file.Reports {
		want := "[]"
		if r.County == "甲县" {
			want = "[spending_project sangong_total]"
		}
		if r.Derived == nil {
			t.Errorf("reports.json: %s's derived is null, not a list", r.County)
		}
		if got := fmt.Sprint(r.Derived); got != want {
			t.Errorf("reports.json: %s's derived is %q, want %s", r.County, r.Derived, want)
		}
	}
}

// TestDerivedFigureNotGivenIsAnError: derived: naming a figure the file
// does not give stops the build with the file, line, column and key.
func TestDerivedFigureNotGivenIsAnError(t *testing.T) {
	p := buildtest.New(t, strings.Replace(derivedSite, "  - spending.project\n", "  - spending.project\n  - income\n", 1))
	_, err := p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "content/a-2020.md:12:5: derived: income has no value above") {
		t.Fatalf("error %v; want one at content/a-2020.md:12:5 naming derived and income", err)
	}
}

// TestDerivedFiguresMarkedOnCountyOverview: a county with more
// departments than its page shows in full lists each department's latest
// figures, a derived one marked as the tables by year mark it.
func TestDerivedFiguresMarkedOnCountyOverview(t *testing.T) {
	var archive strings.Builder
	for i, dept := range []string{"财政局", "教育局", "民政局", "水利局"} {
		sangong := "sangong: {total: 3, abroad: 0, reception: 1, vehicles: 2}\n"
		if i == 1 {
			sangong += "derived: [sangong.total]\n"
		}
		archive.WriteString(deptFile(fmt.Sprintf("d%d", i), "甲县", dept, 2021, "整体支出", "spending: {total: 100}\n"+sangong))
		archive.WriteString("正文。\n")
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	page := p.Page("county/jia-xian.html")
	if n := strings.Count(page, `<span class="derived">（推算）</span>`); n != 1 {
		t.Errorf("the overview marks %d figures derived, want 1 (教育局's 三公经费)", n)
	}
	i := strings.Index(page, ">教育局</a>")
	j := strings.Index(page[max(i, 0):], "</tr>")
	if i < 0 || j < 0 || !strings.Contains(page[i:i+j], `3<span class="derived">（推算）</span>`) {
		t.Errorf("教育局's row does not mark its 三公经费 derived:\n%s", page)
	}
	mustContain(t, "the overview", page, "<p class=\"note\">标“推算”的数字报告没有直接写出")
}
