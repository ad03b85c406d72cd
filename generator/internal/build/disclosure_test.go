package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
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
	na := `<td><span class="na">不适用</span></td>`
	absent := `<td><span class="na">未披露</span></td>`
	uncounted := `<td>已披露<span class="na">（不计入）</span></td>`
	mustContain(t, "disclosure", d,
		// 沅江市: 1 of 3; the department's figures do not apply, and
		// those it gives (staff) are told as given, not counted.
		`沅江市 2020 行政审批服务局</a></th><td>已披露</td>`+strings.Repeat(na, 6)+absent+absent+uncounted+uncounted+
			"\n"+`<td class="num" data-value="33">33%</td>`,
		// 桃源县: 6 of 11, as before.
		`桃源县 2020 行政审批服务局</a></th><td>已披露</td><td>已披露</td><td>已披露</td>`+strings.Repeat(absent, 4)+
			`<td>已披露</td>`+absent+`<td>已披露</td><td>已披露</td>`+"\n"+`<td class="num" data-value="55">55%</td>`,
		// Each figure's share is of the reports it applies to.
		`<tfoot><tr><th scope="row">披露比例（适用的报告）</th><td class="num">100%</td><td class="num">100%</td><td class="num">100%</td>`+
			`<td class="num">0%</td><td class="num">0%</td><td class="num">0%</td><td class="num">0%</td>`+
			`<td class="num">50%</td><td class="num">0%</td><td class="num">100%</td><td class="num">100%</td><td></td></tr></tfoot>`,
		`项目支出报告只评价一个项目，只计支出合计、自评得分、评价等级3项；其余各项不计入，报告给出的标为“已披露（不计入）”，没有给出的标为“不适用”`,
		`data-value="33">33%</td></tr>`, // 沅江市 among the counties
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
		`<tfoot><tr><th scope="row">披露比例（全部报告）</th>`, `data-value="9">9%</td>`)
	if strings.Contains(wd, "不适用") {
		t.Error("a site without 项目支出 reports says 不适用")
	}
	r := p.Page("report/yuan-jiang-shi/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu.html")
	mustContain(t, "沅江市 report", r, "项目支出报告的核心数据3项（支出合计、自评得分、评价等级）中，未披露2项：自评得分、评价等级",
		// The department's figures it does not give do not apply, as on
		// its county page; what it should give and does not is 未披露.
		`<th scope="row">基本支出</th>`+"\n"+`<td class="num"><span class="na">不适用</span></td>`,
		// Its parts and the 三公 change are the department's too.
		`<th scope="row">其中：人员经费</th>`+"\n"+`<td class="num"><span class="na">不适用</span></td>`,
		`<th scope="row">其中：公用经费</th>`+"\n"+`<td class="num"><span class="na">不适用</span></td>`,
		`<th scope="row">自评得分</th>`+"\n"+`<td class="num"><span class="na">未披露</span></td>`,
		// Its ranks are among 项目支出 reports, which the compare pages
		// leave out: no link there.
		"各县比较页只比较整体支出报告，不含项目支出报告。")
	if strings.Contains(r, "年各县比较</a>") {
		t.Error("a 项目支出 report's ranks link to the compare page, which leaves it out")
	}
	mustContain(t, "桃源县 report", p.Page("report/tao-yuan-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"), `compare/2020.html">查看2020年各县比较</a>`)

	// Its county page says the same: the department's figures it does
	// not give do not apply (基本支出, 项目支出, 三公经费 and 三公 per
	// head), while 自评得分 and 等级, which it should give, are 未披露;
	// what it gives is shown (支出合计, and 支出 per head from its staff).
	na, absent = `<span class="na">不适用</span>`, `<span class="na">未披露</span>`
	county := p.Page("county/yuan-jiang-shi.html")
	row := county[strings.Index(county, "2020年"):]
	row = row[:strings.Index(row, "</tr>")]
	// Its spending per head would divide the project's spending by the
	// department's staff (502 ÷ 13): it does not apply either.
	if strings.Count(row, na) != 5 || strings.Count(row, absent) != 2 || !strings.Contains(row, `data-value="502"`) ||
		strings.Contains(row, `data-value="38.6154"`) {
		t.Errorf("沅江市's row, want 5 不适用 (基本, 项目, 三公, both per head), 2 未披露 (score, grade), 502 and no 38.6154: %s", row)
	}
	if strings.Contains(p.Page("county/tao-yuan-xian.html"), "不适用</span></td>") {
		t.Error("an 整体支出 report's county page says 不适用")
	}
	// The row reads 项目支出 … 项目支出 不适用: a note above the table
	// says why, where a phone shows it (a title would need a pointer).
	note := `<h2 id="s1">行政审批服务局 · 项目支出</h2>` + "\n" +
		`<p class="note">项目支出报告只评价一个项目：表中的“支出合计”就是这个项目的支出；` +
		`基本支出、项目支出（部门全部项目的合计）、三公经费说的是整个部门，这类报告没有给出时写“不适用”；人均支出、人均三公经费要用整个部门的人数去除，对这类报告都不适用。</p>`
	mustContain(t, "沅江市 county page", county, note)
	if strings.Contains(p.Page("county/tao-yuan-xian.html"), `<p class="note">项目支出报告`) {
		t.Error("an 整体支出 report's county page explains 项目支出 reports")
	}
}
