package build_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// readerSite is a department's reports of two years, the later filed in
// 元 (its amounts have six decimals in 万元), whose 三公 items are one
// not disclosed and two zero, and whose spending's parts leave a gap;
// and another county's report whose 三公 items are all zero.
const readerSite = `
-- content/a-2019.md --
---
county: 甲县
prefecture: 某市
department: 行政审批服务局
year: 2019
type: 整体支出
spending: {total: 1756.15, basic: 500, project: 1200, personnel: 400, public: 100}
income: 2159.75
sangong: {total: 2, abroad: 0, reception: 2, vehicles: 0}
score: 97.3
grade: 优
staff: {authorized: 30, actual: 25}
---
正文。
-- content/a-2020.md --
---
county: 甲县
prefecture: 某市
department: 行政审批服务局
year: 2020
type: 整体支出
unit: 元
spending: {total: 21616265.63, basic: 5000000, project: 16000000, personnel: 4000000, public: 1000000}
income: 21588656
sangong: {total: 3500, abroad: null, reception: 3500, vehicles: 0}
score: 85.5
grade: 良
staff: {authorized: 30, actual: 25}
---
## 发现的问题

窗口人员服务意识仍需增强。
-- content/b-2020.md --
---
county: 乙县
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 947.59, basic: 940.12, project: 7.46}
sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}
score: 90
grade: 优
staff: {authorized: 28, actual: 23}
---
正文。
`

const readerPage = "report/jia-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"

// figureRow returns the row of the figure key on a report page.
func figureRow(t *testing.T, page, key string) string {
	t.Helper()
	return mustBetween(t, page, `<tr id="fig-`+key+`">`, "</tr>", "row of "+key)
}

// TestReportPageShowsAmountsToTwoDecimals: amounts converted from 元
// show in 万元 to two decimals, as other years' do, in the figures, the
// charts' tables and summaries; the previous year's figure says its
// unit; a score's change is in 分, not a share; a change of a share
// that rounds to nothing does not read 0.0%.
func TestReportPageShowsAmountsToTwoDecimals(t *testing.T) {
	p := buildtest.New(t, readerSite)
	p.MustBuild()
	page := p.Page(readerPage)
	// Findings quote the figures as given, so that their sums can be
	// checked to the fen.
	shown := regexp.MustCompile(`(?s)<ul class="findings">.*?</ul>`).ReplaceAllString(page, "")
	for _, long := range []string{"2161.626563", "2161.6266", "2158.8656"} {
		if i := strings.Index(shown, long); i >= 0 {
			t.Errorf("the page shows %s: …%s…", long, shown[max(0, i-200):i+20])
		}
	}
	total := figureRow(t, page, "spending.total")
	if !strings.Contains(total, "2161.63") || !strings.Contains(total, "1756.15万元") {
		t.Errorf("支出合计 should show 2161.63 and the previous year's 1756.15万元:\n%s", total)
	}
	income := figureRow(t, page, "income")
	if !strings.Contains(income, "2158.87") || !strings.Contains(income, "减少0.88万元（不到0.1%）") {
		t.Errorf("本年收入 should read 2158.87, 减少0.88万元（不到0.1%%）:\n%s", income)
	}
	score := figureRow(t, page, "score")
	if !strings.Contains(score, "减少11.8分") || strings.Contains(score, "%") {
		t.Errorf("the score's change should be in 分, without a share:\n%s", score)
	}
	if !regexp.MustCompile(`97\.3分`).MatchString(score) {
		t.Errorf("the previous year's score should say its unit:\n%s", score)
	}
	// The downloads keep every figure as given.
	if csv := p.Page("downloads/reports.csv"); !strings.Contains(csv, "2161.626563") {
		t.Error("reports.csv lost the amount's precision")
	}
}

// chartData returns the option of the chart id on a page.
func chartData(t *testing.T, page, id string) string {
	t.Helper()
	return mustBetween(t, page, `<script type="application/json" id="chart-`+id+`-data">`, "</script>", "chart "+id)
}

// TestChartsTellNotDisclosedFromZero: in a report's 三公经费构成, an item
// not disclosed is labelled 未披露 on the chart itself, where its empty
// bar would otherwise read as 0; an item of 0 is not.
func TestChartsTellNotDisclosedFromZero(t *testing.T) {
	p := buildtest.New(t, readerSite)
	p.MustBuild()
	sangong := chartData(t, p.Page(readerPage), "sangong-composition")
	if !strings.Contains(sangong, `"因公出国（境）\n（未披露）"`) {
		t.Errorf("the chart does not say 因公出国（境） is not disclosed: %s", sangong)
	}
	if strings.Contains(sangong, `公务用车（未披露）`) {
		t.Errorf("the chart says 公务用车, given as 0, is not disclosed: %s", sangong)
	}
	zero := chartData(t, p.Page("report/yi-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"), "sangong-composition")
	if strings.Contains(zero, "未披露") {
		t.Errorf("a chart of zeros says 未披露: %s", zero)
	}
}

// TestSpendingCompositionIsStacked: the report's 支出构成 draws its
// whole beside its parts stacked (基本支出 and 项目支出, 人员经费 and
// 公用经费 of 基本支出), with what the parts leave of the whole as a
// segment of its own, as the compare pages' charts do; its table lists
// every figure and the gap.
func TestSpendingCompositionIsStacked(t *testing.T) {
	p := buildtest.New(t, readerSite)
	p.MustBuild()
	page := p.Page(readerPage)
	c := chartData(t, page, "spending-composition")
	for _, want := range []string{`"stack":"total"`, `"name":"未分项或差额"`, `{"value":61.63}`,
		`"name":"基本支出"`, `"name":"项目支出"`, `"name":"人员经费"`, `"name":"公用经费"`} {
		if !strings.Contains(c, want) {
			t.Errorf("the spending chart lacks %s: %s", want, c)
		}
	}
	start := strings.Index(page, `id="chart-spending-composition"`)
	table := page[start : start+strings.Index(page[start:], "</table>")]
	if !strings.Contains(table, "未分项或差额") || !strings.Contains(table, "61.63") {
		t.Errorf("the spending chart's table lacks the gap: %s", table)
	}
	// 乙县 gives no 人员经费 or 公用经费: its 基本支出 is not drawn as a
	// bar all 未分项或差额, as if the report left it unitemized.
	other := p.Page("report/yi-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	c = chartData(t, other, "spending-composition")
	if !strings.Contains(c, `"data":["支出合计","基本支出＋项目支出"]}`) {
		t.Errorf("a report without 人员经费 or 公用经费 has a bar of them: %s", c)
	}
	start = strings.Index(other, `id="chart-spending-composition"`)
	if table := other[start : start+strings.Index(other[start:], "</table>")]; strings.Contains(table, "基本支出中未分项或差额") {
		t.Errorf("the table says the whole of 基本支出 is unitemized: %s", table)
	}
}

// TestReportPageLeadsWithWhatCitizensCameFor: a report page opens with
// its key figures in a sentence a citizen reads first (spending, 三公经费,
// the score said to be the department's own, how many of the report's
// figures disagree, linked to the checks), then the report's summary
// and the problems it found, before the long tables of figures and
// checks, the charts and the ranks.
func TestReportPageLeadsWithWhatCitizensCameFor(t *testing.T) {
	p := buildtest.New(t, readerSite)
	p.MustBuild()
	page := p.Page(readerPage)
	at := func(s string) int {
		i := strings.Index(page, s)
		if i < 0 {
			t.Fatalf("the page lacks %s", s)
		}
		return i
	}
	order := []string{`<h1>`, `id="summary"`, `id="body"`, `id="figures"`, `id="checks"`, `id="charts"`, `id="ranks"`}
	for i := 1; i < len(order); i++ {
		if at(order[i-1]) > at(order[i]) {
			t.Errorf("%s comes after %s", order[i-1], order[i])
		}
	}
	if at("发现的问题") > at(`id="figures"`) {
		t.Error("the problems the report found come after its figures")
	}
	summary := page[at(`id="summary"`):]
	summary = summary[:strings.Index(summary, "</section>")]
	n := strings.Count(page, `class="finding finding-discrepancy"`)
	if n == 0 {
		t.Fatal("the site's report has no finding")
	}
	for _, want := range []string{"支出合计", "2161.63万元", "三公经费", "0.35万元", "85.5分", "部门自己打的分",
		`<a href="#checks">报告中有` + string(rune('0'+n)) + `处数字对不上</a>`, `href="#figures"`,
		// Where its spending places it, which the ranks say far below,
		// and that its spending is disputed by a finding.
		`<li><a href="#ranks">支出合计在2020年各县行政审批部门的整体支出报告中排第1名/共2份</a>（数值由高到低；该数字存疑，见<a href="#checks">数据核对</a>）</li>`} {
		if !strings.Contains(summary, want) {
			t.Errorf("the summary lacks %s:\n%s", want, summary)
		}
	}
	// A report whose figures agree says so.
	other := p.Page("report/yi-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	if !strings.Contains(other, "本站核对未发现数字对不上") {
		t.Error("a report whose figures agree does not say so at its top")
	}
}

// projectReport is a 项目支出 report that gives only the funds its
// project received, and the department's staff.
const projectReport = `
-- content/c-2020.md --
---
county: 丙县
department: 行政审批服务局
year: 2020
type: 项目支出
project: 政务服务专项经费
income: 502
staff: {authorized: 18, actual: 13}
---
## 发现的问题

效能仍需提高。
`

// TestProjectReportPageLeavesOutWhatDoesNotApply: a 项目支出 report's
// page says once what such a report does not cover, and leaves out the
// checks, figures and ranks that do not apply to it, rather than rows of
// 不适用 and 未核对; it names its income as the funds its project
// received, in plain words.
func TestProjectReportPageLeavesOutWhatDoesNotApply(t *testing.T) {
	p := buildtest.New(t, readerSite+projectReport)
	p.MustBuild()
	page := p.Page("report/bing-xian/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu-zheng-wu-fu-wu-zhuan-xiang-jing-fei.html")
	if n := strings.Count(page, "不适用"); n > 3 {
		t.Errorf("the page says 不适用 %d times", n)
	}
	for _, gone := range []string{`id="fig-spending.basic"`, `id="fig-sangong.total"`, `<caption>三公经费</caption>`,
		`id="ranks"`, "本年收入"} {
		if strings.Contains(page, gone) {
			t.Errorf("the page has %s", gone)
		}
	}
	// The checks that need a department's figures are named once, not
	// listed as 未核对.
	checks := page[strings.Index(page, "<caption>各核对项目的结果"):]
	checks = checks[:strings.Index(checks, "</table>")]
	for _, gone := range []string{"支出合计核对", "三公经费同比核对", "基本支出构成核对", "分项不超过合计"} {
		if strings.Contains(checks, gone) {
			t.Errorf("the table of checks lists %s", gone)
		}
	}
	for _, kept := range []string{`id="fig-spending.total"`, `id="fig-score"`, "实有人数与编制核对", "人工核对",
		"不核对只涉及整个部门数字的项目", "项目到位资金", "502万元"} {
		if !strings.Contains(page, kept) {
			t.Errorf("the page lacks %s", kept)
		}
	}
	summary := page[strings.Index(page, `id="summary"`):]
	summary = summary[:strings.Index(summary, "</section>")]
	if !strings.Contains(summary, "项目到位资金 <strong>502万元</strong>") || strings.Contains(summary, "#ranks") {
		t.Errorf("the summary should give the funds received and no link to ranks:\n%s", summary)
	}
}
