package build_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
)

// TestProjectDisclosure: a 项目支出 report's completeness counts only the
// figures a project has (支出合计, 自评得分, 评价等级); the others are
// 不适用 on the disclosure page (已披露（不计入） when it gives them) and
// left out of the shares, and its
// report page's note names the set used. 整体支出 reports count all 11.
func TestProjectDisclosure(t *testing.T) {
	p := buildtest.New(t, `
-- content/taoyuan.md --
---
county: 桃源县
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 1530.53, basic: 158.65, project: 1371.88}
score: 100
staff: {authorized: 25, actual: 17}
---
-- content/yuanjiang.md --
---
county: 沅江市
department: 行政审批服务局
year: 2020
type: 项目支出
spending: {total: 502}
income: 502
staff: {authorized: 18, actual: 13}
---
`)
	p.MustBuild()
	d := p.Page("disclosure.html")
	yes := `<span class="mark-yes" aria-hidden="true">✓</span><span class="visually-hidden">已披露</span>`
	// A row's cells, named by their figures (check.CoreFigures) for a
	// phone's cards: ✓ for a figure given, ✗ for one not given, each
	// with its words for screen readers. A phone's card leaves out those
	// of class ok: a figure given or one that does not apply.
	row := func(states ...string) string {
		var b strings.Builder
		for i, st := range states {
			class := ""
			if st != "no" {
				class = ` class="ok"`
			}
			fmt.Fprintf(&b, `<td%s data-label="%s">`, class, check.CoreFigures[i].Name)
			switch st {
			case "yes":
				b.WriteString(yes)
			case "no":
				b.WriteString(`<span class="mark-no" aria-hidden="true">✗</span><span class="visually-hidden">未披露</span>`)
			case "na":
				b.WriteString(`<span class="na">不适用</span>`)
			case "uncounted":
				b.WriteString(yes + `<span class="na">不计入</span>`)
			}
			b.WriteString("</td>")
		}
		return b.String()
	}
	rep := func(n int, st string) []string { return slices.Repeat([]string{st}, n) }
	mustContain(t, "disclosure", d,
		// 沅江市: 1 of 3; the department's figures do not apply, and
		// those it gives (staff) are told as given, not counted.
		`沅江市 2020 行政审批服务局（项目支出）</a></th>`+row(slices.Concat([]string{"yes"}, rep(6, "na"), rep(2, "no"), rep(2, "uncounted"))...)+
			"\n"+`<td class="num" data-label="完整度" data-value="33">33%<br><span class="na">计3项，披露1项；另给出2项不计入</span></td>`,
		// 桃源县: 6 of 11, as before.
		`桃源县 2020 行政审批服务局</a></th>`+row(slices.Concat(rep(3, "yes"), rep(4, "no"), []string{"yes", "no", "yes", "yes"})...)+
			"\n"+`<td class="num" data-label="完整度" data-value="55">55%</td>`,
		// On a phone each report is a card.
		`<table class="sortable card-table marks" id="disclosure-table">`,
		// A phone's cards list what is not disclosed.
		`<p class="legend">表中 ✓ 表示已披露，✗ 表示未披露。<span class="phone-only">手机上每份报告只列出未披露（✗）和无法识别的数据，没有列出的都已披露或不适用。</span></p>`,
		// Each figure's share is of the reports it applies to.
		`<tfoot><tr><th scope="row">披露比例（适用的报告）</th><td class="num" data-label="支出合计">100%</td><td class="num" data-label="基本支出">100%</td>`,
		`<td class="num" data-label="评价等级">0%</td><td class="num" data-label="编制人数">100%</td><td class="num" data-label="实有人数">100%</td><td></td></tr></tfoot>`,
		check.ProjectScope+`，只计支出合计、自评得分、评价等级3项；其余各项是整个部门的数字，不计入：报告给出的标为“已披露（不计入）”（照列，但不与其他项目支出报告比较、排名），没有给出的标为“不适用”`,
		`data-value="33">33%<br><span class="na">计3项，披露1项；另给出2项不计入</span></td></tr>`, // 沅江市 among the counties
	)
	// Without 项目支出 reports, the page reads as before.
	w := buildtest.New(t, `
-- content/taoyuan.md --
---
county: 桃源县
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 1530.53}
---
`)
	w.MustBuild()
	wd := w.Page("disclosure.html")
	mustContain(t, "整体支出 disclosure", wd, "最后一行是各项数据在全部1份报告中的披露比例，最后一列是每份报告的完整度。",
		`<tfoot><tr><th scope="row">披露比例（全部报告）</th>`, `data-value="9">9%</td>`,
		`<span class="phone-only">手机上每份报告只列出未披露（✗）和无法识别的数据，没有列出的都已披露。</span>`)
	if strings.Contains(wd, "不适用") {
		t.Error("a site without 项目支出 reports says 不适用")
	}
	r := p.Page("report/yuan-jiang-shi/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu.html")
	mustContain(t, "沅江市 report", r, "项目支出报告的核心数据3项（支出合计、自评得分、评价等级）中，未披露2项：自评得分、评价等级",
		// The department's figures it does not give do not apply, as on
		// its county page: the page says so once and leaves them out;
		// what it should give and does not is 未披露.
		"基本支出与项目支出的划分、三公经费、人员编制等只对整个部门适用的数字，报告没有给出的，本页不列出；给出的照列，但那是整个部门的数字，不与其他项目支出报告比较、排名。",
		`<th scope="row">自评得分</th>`+"\n"+`<td class="num"><span class="na">未披露</span></td>`,
		// Its ranks are among 项目支出 reports, which the compare pages
		// leave out: no link there.
		"各县比较页只比较整体支出报告，不含项目支出报告。")
	// Its parts and the 三公 change are the department's too.
	for _, row := range []string{`<th scope="row">基本支出</th>`, `<th scope="row">其中：人员经费</th>`, `<th scope="row">其中：公用经费</th>`} {
		if strings.Contains(r, row) {
			t.Errorf("the 项目支出 report's page lists %s, which does not apply", row)
		}
	}
	if strings.Contains(r, "部门比较</a>") {
		t.Error("a 项目支出 report's ranks link to the compare page, which leaves it out")
	}
	// Its ranks are among every 项目支出 report of its year, whatever
	// the department.
	mustContain(t, "项目支出 report", r, "在2020年全部项目支出报告中的位置")
	// A whole-department report's are among its kind of department's;
	// alone in its kind, it links to the comparison of every department.
	mustContain(t, "桃源县 report", p.Page("report/tao-yuan-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"),
		"在2020年各县行政审批部门的整体支出报告中的位置",
		`compare/2020.html">查看2020年各县全部部门比较</a>`)

	// Its county page shows what a project's report gives: 支出合计,
	// 项目到位资金 and 自评得分 and 等级 (未披露), with no column of the
	// department's figures it does not give, all 不适用 (基本支出,
	// 项目支出, 三公经费, and the figures per head, which would divide the
	// project's spending by the department's staff: 502 ÷ 13).
	na, absent := `<span class="na">不适用</span>`, `<span class="na">未披露</span>`
	county := p.Page("county/yuan-jiang-shi.html")
	crow := county[strings.Index(county, "2020年"):]
	crow = crow[:strings.Index(crow, "</tr>")]
	if strings.Count(crow, na) != 0 || strings.Count(crow, absent) != 2 || strings.Count(crow, `data-value="502"`) != 2 ||
		strings.Contains(crow, `data-value="38.6154"`) {
		t.Errorf("沅江市's row, want no 不适用, 2 未披露 (score, grade), 502 twice (total, funds) and no 38.6154: %s", crow)
	}
	mustContain(t, "沅江市 county page", county, `<th scope="col" class="num">支出合计（万元）</th><th scope="col" class="num">项目到位资金（万元）</th><th scope="col" class="num">自评得分（分）</th><th scope="col">等级</th></tr>`)
	if strings.Contains(p.Page("county/tao-yuan-xian.html"), "不适用</span></td>") || strings.Contains(p.Page("county/tao-yuan-xian.html"), "项目到位资金（万元）") {
		t.Error("an 整体支出 report's county page says 不适用, or shows a project's funds")
	}
	// A note above the table says what its figures are, and which it
	// leaves out, where a phone shows it (a title would need a pointer).
	note := `<h2 id="s1">行政审批服务局 · 项目支出</h2>` + "\n" +
		`<p class="note">` + check.ProjectScope + `：表中的“支出合计”就是这个项目或这笔资金的支出，“项目到位资金”是拨付给它的钱，不等于实际花了多少；` +
		`基本支出、项目支出（部门全部项目的合计）、三公经费、人均支出、人均三公经费说的是整个部门，对这类报告不适用，表中不列出。</p>`
	mustContain(t, "沅江市 county page", county, note)
	if strings.Contains(p.Page("county/tao-yuan-xian.html"), `<p class="note">项目支出（专项）报告`) {
		t.Error("an 整体支出 report's county page explains 项目支出 reports")
	}
}

// TestProjectFiguresNotApplicableNotUndisclosed: wherever a 项目支出
// report's department figures are shown, not given, they are 不适用
// rather than 未披露 (the report never has them), while an 整体支出
// report's figures not given, and a project's own, stay 未披露.
func TestProjectFiguresNotApplicableNotUndisclosed(t *testing.T) {
	p := buildtest.New(t, `
-- content/p2019.md --
---
county: 沅江市
department: 行政审批服务局
year: 2019
type: 项目支出
spending: {total: 400}
sangong: {total: 3}
score: 88
grade: 良
---
-- content/p2020.md --
---
county: 沅江市
department: 行政审批服务局
year: 2020
type: 项目支出
spending: {total: 502}
score: 90
grade: 优
---
-- content/w2019.md --
---
county: 沅江市
department: 财政局
year: 2019
type: 整体支出
spending: {total: 300}
sangong: {total: 5}
---
-- content/w2020.md --
---
county: 沅江市
department: 财政局
year: 2020
type: 整体支出
spending: {total: 320}
---
`)
	p.MustBuild()
	na, absent := `<span class="na">不适用</span>`, `<span class="na">未披露</span>`
	cell := func(s string) string { return `<td class="num" data-value="">` + s + `</td>` }

	// 1. The home page and the list of reports: the 三公经费 cell.
	for _, page := range []string{"index.html", "reports/index.html"} {
		h := p.Page(page)
		row := func(typ string) string {
			i := strings.Index(h, `data-type="`+typ+`"`)
			if i < 0 {
				t.Fatalf("%s: no %s row", page, typ)
			}
			return h[i : i+strings.Index(h[i:], "</tr>")]
		}
		if r := row("项目支出"); !strings.Contains(r, "\n"+cell(na)+"\n") || strings.Contains(r, absent) {
			t.Errorf("%s: a 项目支出 report's 三公经费 is not 不适用: %s", page, r)
		}
		if r := row("整体支出"); !strings.Contains(r, "\n"+cell(absent)+"\n") || strings.Contains(r, na) {
			t.Errorf("%s: an 整体支出 report's 三公经费 is not 未披露: %s", page, r)
		}
	}

	r := p.Page("report/yuan-jiang-shi/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu.html")
	mustContain(t, "项目支出 report", r,
		// 2. The 上年 column: the figures that the previous year's
		// report had none of either are left out (below); the 三公经费
		// it gave anyway is shown, beside 不适用; its funds, which it
		// could have given, are 未披露.
		`<th scope="row">三公经费合计</th>`+"\n"+`<td class="num">`+na+"</td>\n"+`<td>万元</td><td class="num">3万元</td>`,
		`<th scope="row">项目到位资金</th>`+"\n"+`<td class="num">`+absent+"</td>\n"+`<td>万元</td><td class="num">未披露</td>`,
		// 4. The ranks: of the metrics that apply only.
		`<tr><th scope="row">支出合计<span class="unit">（万元）</span></th>`,
		// The glossary, where search and the tables send readers, and
		// the note above its figures say what 不适用 means.
		`<summary>这些数字是什么意思？</summary>`,
		"不适用："+check.ProjectScope,
		"。"+check.ProjectScope+"：“支出合计”是这个项目或这笔资金的支出；基本支出与项目支出的划分、三公经费、人员编制等只对整个部门适用的数字，报告没有给出的，本页不列出；给出的照列，但那是整个部门的数字，不与其他项目支出报告比较、排名。",
		// Its description does not speak of 三公经费 it cannot have.
		`content="沅江市行政审批服务局2020年度项目支出绩效自评报告：支出合计502万元，自评得分90分。"`,
	)
	// 3. The checks: the figures they could not check for want of the
	// department's figures are 不适用, not 未披露; the project's own
	// (收入合计 is one) would still be 未披露.
	checks := r[strings.Index(r, `id="checks"`):]
	checks = checks[:strings.Index(checks, "</section>")]
	// The checks of the department's figures are named once, not listed
	// as 未核对 for want of figures that do not apply.
	mustContain(t, "项目支出 report's checks", checks,
		"本站不核对只涉及整个部门数字的项目（支出合计核对、基本支出构成核对、三公经费合计核对、分项不超过合计、实有人数与编制核对、合计与分项数量级核对、三公经费同比核对），表中未列出。")
	for _, row := range []string{`<th scope="row">三公经费<span class="unit">（万元）</span></th>`, `<th scope="row">基本支出<span class="unit">（万元）</span></th>`, "<td>编制人数不适用，实有人数不适用</td>"} {
		if strings.Contains(r, row) {
			t.Errorf("the 项目支出 report's page has %s", row)
		}
	}
	for _, s := range []string{"人员经费未披露", "编制人数未披露", "三公经费同比增减未披露", "三公经费合计未披露"} {
		if strings.Contains(checks, s) {
			t.Errorf("a 项目支出 report's checks say %s", s)
		}
	}
	w := p.Page("report/yuan-jiang-shi/2020-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "整体支出 report's checks", w, "<td>基本支出未披露，人员经费未披露，公用经费未披露</td>",
		"<td>编制人数未披露，实有人数未披露</td>", "<td>三公经费同比增减未披露，三公经费合计未披露</td>")
	mustContain(t, "整体支出 report", w,
		`<th scope="row">其中：人员经费</th>`+"\n"+`<td class="num">`+absent+"</td>\n"+`<td>万元</td><td class="num">未披露</td>`,
		`<tr><th scope="row">三公经费<span class="unit">（万元）</span></th>`+cell(absent)+`<td>—</td></tr>`,
		"三公经费未披露，")
	// A 项目支出 report's spending is not split into parts: no chart of
	// its composition, whose bar would be its total alone.
	if strings.Contains(r, `id="fig-spending-composition"`) {
		t.Error("the 项目支出 report draws a chart of its spending's composition")
	}
	// Neither gives a 三公 figure: neither draws the chart of them.
	for name, page := range map[string]string{"项目支出": r, "整体支出": w} {
		if strings.Contains(page, `id="fig-sangong-composition"`) {
			t.Errorf("the %s report without 三公 figures draws their chart", name)
		}
	}
	if strings.Contains(w, "不适用</span>") || strings.Contains(w, "这是项目支出报告") {
		t.Error("an 整体支出 report's page says 不适用")
	}

	// The project series' table shows the 三公经费 its 2019 report gives
	// (不适用 in 2020), said to be the department's and not ranked; not
	// the department's 基本支出, which neither gives.
	mustContain(t, "county page", p.Page("county/yuan-jiang-shi.html"),
		`<th scope="col" class="num">支出合计（万元）</th><th scope="col" class="num">项目到位资金（万元）</th><th scope="col" class="num">三公经费（万元）</th><th scope="col" class="num">自评得分（分）</th><th scope="col">等级</th></tr>`,
		"；基本支出、项目支出（部门全部项目的合计）、人均支出、人均三公经费说的是整个部门，对这类报告不适用，表中不列出；三公经费也是整个部门的数字，报告给出了，表中照列，但不与其他项目支出报告比较、排名，没有给出的年度写“不适用”。</p>")

	// 5. The county page's trend tables: the project series' under its
	// note, 不适用; the 整体支出 series', 未披露. (Each gave 三公经费
	// in 2019 only, so that the chart of them is drawn.)
	county := p.Page("county/yuan-jiang-shi.html")
	table := func(id string) string {
		i := strings.Index(county, `id="chart-`+id+`-data"`)
		if i < 0 {
			t.Fatalf("county page: no chart %s", id)
		}
		s := county[i:]
		s = s[strings.Index(s, "<tbody>"):]
		return s[:strings.Index(s, "</tbody>")]
	}
	ids := map[string]string{}
	for _, h := range []string{"行政审批服务局 · 项目支出", "财政局 · 整体支出"} {
		i := strings.Index(county, `">`+h+`</h2>`)
		if i < 0 {
			t.Fatalf("county page: no series %s", h)
		}
		j := strings.LastIndex(county[:i], `<h2 id="`)
		ids[h] = county[j+len(`<h2 id="`) : i]
	}
	proj, whole := ids["行政审批服务局 · 项目支出"], ids["财政局 · 整体支出"]
	for _, c := range []struct{ id, want, not string }{
		// The project's spending and its funds, which it could give.
		{proj + "-spending", `<td class="num" data-value="502">502</td>` + cell(absent) + `</tr>`, na},
		{proj + "-sangong", `<tr><th scope="row">2020</th>` + cell(na), absent},
		{whole + "-spending", `<td class="num" data-value="320">320</td>` + cell(absent) + cell(absent) + `</tr>`, na},
		{whole + "-sangong", `<tr><th scope="row">2020</th>` + cell(absent), na},
	} {
		tb := table(c.id)
		if !strings.Contains(tb, c.want) || strings.Contains(tb, c.not) {
			t.Errorf("county page, table of %s: want %s and no %s in\n%s", c.id, c.want, c.not, tb)
		}
	}
}

// TestProjectReportsNotRankedOnDepartmentFigures: a 项目支出 report is
// ranked among every 项目支出 report of its year, whatever its
// department, so a department figure that one gives anyway (基本支出,
// 三公经费) is not ranked: 第1名/共2份 between two departments'
// 基本支出 would say nothing (a journalist's review). Its own spending
// is ranked.
func TestProjectReportsNotRankedOnDepartmentFigures(t *testing.T) {
	p := buildtest.New(t, deptFile("a", "甲县", "教育局", 2021, "项目支出", "spending: {total: 500, basic: 120}\nsangong: {total: 9}\nscore: 90\n")+
		deptFile("b", "乙县", "档案馆", 2021, "项目支出", "spending: {total: 80, basic: 30}\nsangong: {total: 2}\nscore: 95\n"))
	p.MustBuild()
	a := p.Page("report/jia-xian/2021-jiao-yu-ju-xiang-mu.html")
	ranks := a[strings.Index(a, `id="ranks"`):]
	ranks = ranks[:strings.Index(ranks, "</section>")]
	mustContain(t, "甲县's ranks", ranks,
		"整个部门的数字（如基本支出、三公经费）不适用于项目支出报告，报告给出了也不排名",
		`<tr><th scope="row">支出合计<span class="unit">（万元）</span></th><td class="num" data-value="500">500</td><td>第1名/共2份</td></tr>`,
		`<tr><th scope="row">自评得分<span class="unit">（分）</span></th><td class="num" data-value="90">90</td><td>第2名/共2份</td></tr>`)
	for _, label := range []string{"基本支出", "三公经费"} {
		row := `<tr><th scope="row">` + label + `<span class="unit">（万元）</span></th>`
		i := strings.Index(ranks, row)
		if i < 0 {
			continue // not listed at all is as good
		}
		row = ranks[i : i+strings.Index(ranks[i:], "</tr>")]
		if strings.Contains(row, "名/共") || !strings.Contains(row, "不适用，不排名") {
			t.Errorf("甲县's %s is ranked among other departments' projects: %s", label, row)
		}
	}
}
