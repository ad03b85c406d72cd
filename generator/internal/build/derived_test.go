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
		if row := figureRow(t, page, key); !strings.Contains(row, mark) {
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
		`<td class="num" data-value="244.7" data-label="项目支出（万元）">244.7`+mark+`<br>`,
		`<td class="num" data-value="0" data-label="三公经费（万元）">0`+mark+`<br>`,
		`<td class="num" data-value="840.74" data-label="支出合计（万元）">840.74<br>`,
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
	if n := strings.Count(page, mark); n != 1 {
		t.Errorf("the overview marks %d figures derived, want 1 (教育局's 三公经费)", n)
	}
	i := strings.Index(page, ">教育局</a>")
	j := strings.Index(page[max(i, 0):], "</tr>")
	if i < 0 || j < 0 || !strings.Contains(page[i:i+j], `3`+mark) {
		t.Errorf("教育局's row does not mark its 三公经费 derived:\n%s", page)
	}
	mustContain(t, "the overview", page, "<p class=\"note\">标“推算”的数字报告没有直接写出")
}

// mark is what follows a derived figure on a page.
const mark = `<span class="derived">（推算）</span>`

// jiaAndYi is a site of the 2020 reports of 甲县's and 乙县's 行政审批服务局,
// with the figures (front-matter lines) given.
func jiaAndYi(jia, yi string) string {
	return deptFile("a", "甲县", "行政审批服务局", 2020, "整体支出", jia) + "正文。\n" +
		deptFile("b", "乙县", "行政审批服务局", 2020, "整体支出", yi) + "正文。\n"
}

// TestDerivedFiguresMarkedAcrossPages: beyond the report's and county's
// pages, every table that shows a derived figure marks it （推算） and says
// what that means: the compare page's chart tables (a part of a stacked
// chart, and a total), the home page's and the list's rows, and the
// disclosure table, which counts it as disclosed. The other county's
// figures are not marked, and a site without derived figures says
// nothing of them.
func TestDerivedFiguresMarkedAcrossPages(t *testing.T) {
	p := buildtest.New(t, derivedSite)
	p.MustBuild()
	compare := p.Page("compare/2020.html")
	spending := mustBetween(t, compare, `<caption>支出合计（基本支出与项目支出；单位`, `</div>`, "the spending chart's table")
	sangong := mustBetween(t, compare, `<caption>三公经费（出国（境）、接待、公务用车；单位`, `</div>`, "the 三公 chart's table")
	for _, c := range []struct{ what, table, marked, plain string }{
		{"spending", spending, `244.7` + mark, `840.74</td>`},
		{"三公", sangong, `<td class="num" data-value="0">0` + mark, ""},
	} {
		row := mustBetween(t, c.table, `>甲县</a>`, `</tr>`, "甲县's row of the "+c.what+" table")
		mustContain(t, "甲县's row of the "+c.what+" table on the compare", row, c.marked, c.plain)
		if n := strings.Count(row, mark); n != 1 {
			t.Errorf("甲县's row of the %s table marks %d figures, want 1:\n%s", c.what, n, row)
		}
		if other := mustBetween(t, c.table, `>乙县</a>`, `</tr>`, "乙县's row"); strings.Contains(other, "推算") {
			t.Errorf("乙县's row of the %s table is marked:\n%s", c.what, other)
		}
		mustContain(t, "the "+c.what+" table on the compare", c.table, "<p class=\"note\">标“推算”的数字报告没有直接写出")
	}

	for _, path := range []string{"index.html", "reports/index.html"} {
		page := mustBetween(t, p.Page(path), `id="reports-table"`, `</section>`, path+": the table of reports")
		row := mustBetween(t, page, `>甲县</a>`, `</tr>`, path+": 甲县's row")
		if !strings.Contains(row, `<td class="num" data-value="0">0`+mark+`</td>`) || strings.Contains(row, `840.74`+mark) {
			t.Errorf("%s: 甲县's row does not mark its 三公经费 alone:\n%s", path, row)
		}
		if other := mustBetween(t, page, `>乙县</a>`, `</tr>`, path+": 乙县's row"); strings.Contains(other, "推算") {
			t.Errorf("%s: 乙县's row is marked:\n%s", path, other)
		}
		mustContain(t, path, page, "</div>\n<p class=\"note\">标“推算”的数字报告没有直接写出")
	}

	disclosure := p.Page("disclosure.html")
	row := mustBetween(t, disclosure, `>甲县 2020 行政审批服务局</a>`, `</tr>`, "甲县's disclosure row")
	mustContain(t, "甲县's disclosure row", row,
		`<td class="ok" data-label="三公经费合计"><span class="mark-yes" aria-hidden="true">✓</span><span class="visually-hidden">已披露</span>`+mark+`</td>`,
		`<td class="ok" data-label="项目支出"><span class="mark-yes" aria-hidden="true">✓</span><span class="visually-hidden">已披露</span>`+mark+`</td>`,
		// Counted as disclosed: 7 of the 11 core figures.
		`<td class="num" data-label="完整度" data-value="64">64%`)
	if n := strings.Count(row, mark); n != 2 {
		t.Errorf("甲县's disclosure row marks %d figures, want 2:\n%s", n, row)
	}
	if other := mustBetween(t, disclosure, `>乙县 2020 行政审批服务局</a>`, `</tr>`, "乙县's disclosure row"); strings.Contains(other, "推算") {
		t.Errorf("乙县's disclosure row is marked:\n%s", other)
	}
	mustContain(t, "the disclosure", disclosure, "✓（推算）表示报告没有直接写出这个数字")

	plain := buildtest.New(t, strings.Replace(derivedSite, "derived:\n  - sangong.total\n  - spending.project\n", "", 1))
	plain.MustBuild()
	for _, path := range []string{"index.html", "reports/index.html", "compare/2020.html", "disclosure.html", "county/jia-xian.html", "report/jia-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"} {
		if page := plain.Page(path); strings.Contains(page, "推算") {
			t.Errorf("%s mentions derived figures in a site that has none", path)
		}
	}
}

// TestDerivedStaffMarksPerStaffFigures: amounts per head are computed
// from the staff count, so a derived count marks them on the compare
// page's per-staff view, while the amounts themselves are not marked.
func TestDerivedStaffMarksPerStaffFigures(t *testing.T) {
	p := buildtest.New(t, jiaAndYi(
		"spending: {total: 100, basic: 60, project: 40}\nstaff: {authorized: 12, actual: 10}\nderived: [staff.actual]\n",
		"spending: {total: 200, basic: 150, project: 50}\nstaff: {authorized: 20, actual: 20}\n"))
	p.MustBuild()
	compare := p.Page("compare/2020.html")
	main := mustBetween(t, compare, `<caption>支出合计（基本支出与项目支出；单位`, `</div>`, "the spending table")
	if strings.Contains(main, "推算") {
		t.Errorf("the amounts, which the reports give, are marked:\n%s", main)
	}
	per := mustBetween(t, compare, `<caption>支出合计（基本支出与项目支出；人均；单位`, `</div>`, "the per-staff spending table")
	row := mustBetween(t, per, `>甲县</a>`, `</tr>`, "甲县's per-staff row")
	mustContain(t, "甲县's per-staff row", row, `10`+mark, `6`+mark, `4`+mark)
	if other := mustBetween(t, per, `>乙县</a>`, `</tr>`, "乙县's per-staff row"); strings.Contains(other, "推算") {
		t.Errorf("乙县's per-staff row is marked:\n%s", other)
	}
	mustContain(t, "the per-staff table", per, "<p class=\"note\">标“推算”的数字报告没有直接写出")
}

// TestDerivedFigureMarkedOnHomeCard: the home page's card of the highest
// 三公经费 marks it （推算） and says what that means when the report does
// not give it; the card of the highest 支出合计, which it gives, does not.
func TestDerivedFigureMarkedOnHomeCard(t *testing.T) {
	p := buildtest.New(t, jiaAndYi(
		"spending: {total: 100}\nsangong: {total: 5, abroad: 1, reception: 2, vehicles: 2}\nderived: [sangong.total]\n",
		"spending: {total: 200}\nsangong: {total: 3, abroad: 0, reception: 1, vehicles: 2}\n"))
	p.MustBuild()
	home := p.Page("index.html")
	sangong := mustBetween(t, home, `<p class="card-label">三公经费最高</p>`, `</div>`, "the card of the highest 三公经费")
	mustContain(t, "the 三公 card", sangong, `5万元</a>`+mark,
		"这个数字报告没有直接写出，是整理本站数据的人根据报告中的其他数字算出的")
	if total := mustBetween(t, home, `<p class="card-label">支出合计最高</p>`, `</div>`, "the card of the highest 支出合计"); strings.Contains(total, "推算") {
		t.Errorf("the card of 支出合计, which the report gives, is marked:\n%s", total)
	}
}

// TestDerivedFiguresSaidInSummaries: the sentences that say what a chart
// shows say 推算 of a derived value they name, as its cell is marked: the
// report page's composition, the compare page's chart of 三公经费, and a
// chart that shows only the highest reports, whose summary names the
// lowest of them all.
func TestDerivedFiguresSaidInSummaries(t *testing.T) {
	p := buildtest.New(t, derivedSite)
	p.MustBuild()
	mustContain(t, "the derived report's page", p.Page("report/jia-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"),
		"支出合计840.74万元，其中基本支出596.04万元、项目支出244.7万元（推算）。")
	mustContain(t, "the compare page", p.Page("compare/2020.html"),
		"2份有数据，合计最高的是乙县（0.87万元），最低的是甲县（0万元，推算）。")
	if other := p.Page("report/yi-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"); !strings.Contains(other, "项目支出7.46万元") || strings.Contains(other, "推算") {
		t.Error("the other report's composition does not say its 项目支出 plainly")
	}

	var b strings.Builder
	for i := 1; i <= 45; i++ {
		figures := fmt.Sprintf("spending: {total: %d}\n", 1000+i)
		if i == 1 {
			figures += "derived: [spending.total]\n"
		}
		b.WriteString(deptFile(fmt.Sprintf("r%02d", i), fmt.Sprintf("测%02d县", i), "财政局", 2021, "整体支出", figures) + "正文。\n")
	}
	many := buildtest.New(t, b.String())
	many.MustBuild()
	mustContain(t, "compare 2021", many.Page("compare/2021.html"),
		"45份有数据，图中为最高的40份；支出合计最高的是测45县（1045万元），最低的是测01县（1001万元，推算）。")
}
