package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestCompositionCharts: a report page draws its spending and its 三公经费
// in two charts, each on its own scale, since a 三公 item is often a
// thousandth of the spending and its bar beside the spending's would not
// show; a report that gives no 三公 figure, or only zeros, draws only the
// first; one that gives its spending's total alone draws neither. Each
// chart's summary says how the parts make the whole, not
// that the whole is the highest bar; a likely unit slip is not drawn.
func TestCompositionCharts(t *testing.T) {
	p := buildtest.New(t, strings.Join([]string{
		"-- content/a.md --\n" + factReport("甲县", 2021, "整体支出", "spending: {total: 3200, basic: 1200, project: 2000}\nsangong: {total: 3.2, abroad: 0, reception: 1.2, vehicles: 2}\n"),
		"-- content/b.md --\n" + factReport("乙县", 2021, "整体支出", "spending: {total: 900}\nsangong: {total: 0, abroad: 0, reception: 0, vehicles: 0}\n"),
		"-- content/c20.md --\n" + factReport("丙县", 2020, "整体支出", "spending: {total: 500, basic: 200, personnel: 150, public: 50, project: 290}\nsangong: {total: 3, abroad: 0, reception: 1, vehicles: 2}\n"),
		"-- content/c21.md --\n" + factReport("丙县", 2021, "整体支出", "spending: {total: 520, basic: 210, project: 310}\nsangong: {total: 3.2, abroad: 0, reception: 12000, vehicles: 2}\n"),
	}, ""))
	p.MustBuild()
	// figure returns the figure of the chart id on page, "" when none.
	figure := func(page, id string) string {
		i := strings.Index(page, `<figure class="chart-block" id="fig-`+id+`" `)
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
		// The whole, then its parts stacked; not 基本支出's, which it
		// does not give: a bar of them would be all 未分项或差额.
		`"data":["支出合计","基本支出＋项目支出"]}`,
		"<span class=\"chart-summary\">支出合计3200万元，其中基本支出1200万元、项目支出2000万元。未披露：人员经费、公用经费。</span>")
	mustContain(t, "三公 chart", sangong, "<strong>三公经费构成</strong>",
		`"data":["三公经费合计","因公出国（境）","公务接待","公务用车"]`,
		`<tr><th scope="row">公务接待</th><td class="num" data-value="1.2">1.2</td></tr>`,
		"<span class=\"chart-summary\">三公经费合计3.2万元，其中因公出国（境）0万元、公务接待1.2万元、公务用车2万元。</span>")
	if strings.Contains(spending, "公务接待") || strings.Contains(sangong, "支出合计") {
		t.Error("the two charts share an axis")
	}
	if strings.Index(a, `id="fig-spending-composition"`) > strings.Index(a, `id="fig-sangong-composition"`) {
		t.Error("the 三公 chart comes before the spending chart")
	}
	// 乙县 gives its total alone, and 三公 figures all 0: no chart.
	b := p.Page("report/yi-xian/2021-cai-zheng-ju-zheng-ti.html")
	if figure(b, "spending-composition") != "" || figure(b, "sangong-composition") != "" {
		t.Error("a report of its total alone and 三公 figures all 0 has a composition chart")
	}
	c20 := p.Page("report/bing-xian/2020-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丙县 2020's spending chart", figure(c20, "spending-composition"),
		"支出合计500万元，其中基本支出200万元（人员经费150万元、公用经费50万元）、项目支出290万元；分项之和比合计少10万元。")
	// 12000 of 公务接待, 1万元 entered in 元 (unit.years, unit.sum): in
	// the table as 疑为单位错误, not drawn, and said.
	c21 := figure(p.Page("report/bing-xian/2021-cai-zheng-ju-zheng-ti.html"), "sangong-composition")
	mustContain(t, "丙县 2021's 三公 chart", c21,
		`<tr><th scope="row">公务接待</th><td class="num" data-value=""><span class="na">疑为单位错误</span></td></tr>`,
		"三公经费合计3.2万元，其中因公出国（境）0万元、公务用车2万元。疑为单位错误，图中不画出：公务接待。")
	if strings.Contains(c21, "12000") {
		t.Error("a likely unit slip is drawn in the 三公 chart")
	}
}

// TestDashesAreExplained: a table whose column of 未分项或差额 shows — (the
// parts add up to the whole, or there is no whole to take them from)
// says so under it, since — reads as a figure not given; a table whose
// every report leaves a gap does not. The table of each county's spending
// by year says what its — (no report that year) and 未披露 mean.
func TestDashesAreExplained(t *testing.T) {
	note := "“未分项或差额”是合计减去已披露的分项后余下的部分；“—”表示没有余下"
	gapped := "spending: {total: 3200, basic: 1200, project: 1900}\nsangong: {total: 3.2, abroad: 0, reception: 1.2, vehicles: 1}\n"
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", gapped)+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", gapped)+
		"-- content/c.md --\n"+factReport("乙县", 2020, "整体支出", gapped))
	p.MustBuild()
	if page := p.Page("compare/2021.html"); strings.Contains(page, note) {
		t.Error("compare/2021.html explains a — that none of its tables shows")
	}
	years := p.Page("compare/index.html")
	mustContain(t, "compare/index.html", years, "<p class=\"note\">表中“—”表示这个部门当年没有报告，“未披露”表示有报告但没有给出支出合计。</p>")
	p.Write("content/b.md", factReport("乙县", 2021, "整体支出", "spending: {total: 3200, basic: 1200, project: 2000}\n"))
	p.MustBuild()
	page := p.Page("compare/2021.html")
	i := strings.Index(page, `id="fig-spending"`)
	if i < 0 {
		t.Fatal("compare/2021.html has no spending chart")
	}
	fig := page[i : i+strings.Index(page[i:], "</figure>")]
	mustContain(t, "the spending chart's tables", fig, `<td class="num" data-value="">—</td>`, "<p class=\"note\">"+note)
}
