package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// projectFundsSite holds 项目支出 reports that give their project's funds
// (income, 项目到位资金) but not its spending, as 沅江市's bundled report
// does, with its department's staff: 沅江市's, alone on its county's
// page, and 甲县's, a series of two years among three whole-department
// series, so that 甲县 has an overview and a page per series. 乙县's
// project report gives its spending, and its department's 基本支出 too.
var projectFundsSite = deptFile("yuanjiang", "沅江市", "行政审批服务局", 2020, "项目支出", "income: 502\nstaff: {authorized: 18, actual: 13}\n") +
	deptFile("jia-cz", "甲县", "财政局", 2021, "整体支出", "spending: {total: 100}\n") +
	deptFile("jia-jy", "甲县", "教育局", 2021, "整体支出", "spending: {total: 300}\n") +
	deptFile("jia-da", "甲县", "档案馆", 2021, "整体支出", "spending: {total: 20}\n") +
	deptFile("jia-jt-2020", "甲县", "交通运输局", 2020, "项目支出", "project: 农村公路养护专项资金\nincome: 40\n") +
	deptFile("jia-jt-2021", "甲县", "交通运输局", 2021, "项目支出", "project: 农村公路养护专项资金\nincome: 50\nscore: 92\n") +
	deptFile("yi", "乙县", "水利局", 2021, "项目支出", "spending: {total: 80, basic: 30}\nincome: 100\n")

// TestProjectFundsShown: a 项目支出 report that gives its project's
// funds but not its spending does not read as empty. Its series' table
// (on the county page, or the series' own page) has a column of the
// funds, and none of the department's figures it does not give, which
// were all 不适用; the lists of reports and a county's overview say the
// funds under its 支出合计, which stays 未披露 and sorts as such (the
// funds are not its spending); the downloads are as they were.
func TestProjectFundsShown(t *testing.T) {
	p := buildtest.New(t, projectFundsSite)
	p.MustBuild()
	buildtest.MustCheckSite(t, p.Out)
	na := `<span class="na">不适用</span>`

	// The lists: 未披露, with the funds below; a report that gives its
	// spending shows it alone.
	for _, name := range []string{"index.html", "reports/index.html"} {
		page := p.Page(name)
		row := func(county string) string {
			i := strings.Index(page, `data-search="`+county)
			if i < 0 {
				t.Fatalf("%s: no row of %s", name, county)
			}
			return page[i : i+strings.Index(page[i:], "</tr>")]
		}
		mustContain(t, name, row("沅江市"),
			"\n"+`<td class="num" data-value=""><span class="na">未披露</span><br><span class="note">项目到位资金502万元</span></td>`+"\n")
		mustContain(t, name, row("乙县"), "\n"+`<td class="num" data-value="80">80</td>`+"\n")
		if strings.Contains(row("乙县"), "项目到位资金") {
			t.Errorf("%s: a project report that gives its spending has its funds noted too", name)
		}
	}

	// 沅江市's county page: the project's columns, none 不适用.
	yj := p.Page("county/yuan-jiang-shi.html")
	mustContain(t, "沅江市", yj,
		`<thead><tr><th scope="col">年度</th><th scope="col" class="num">支出合计（万元）</th><th scope="col" class="num">项目到位资金（万元）</th><th scope="col" class="num">自评得分（分）</th><th scope="col">等级</th></tr></thead>`,
		`<td class="num" data-value="502" data-label="项目到位资金（万元）">502</td>`,
		"，“项目到位资金”是拨付给它的钱，不等于实际花了多少；",
		// The glossary names the funds as the table does.
		"<dt>项目到位资金</dt><dd>项目支出（专项）报告中财政等拨付给这个项目或这笔资金的钱")
	body := yj[strings.Index(yj, "<tbody>"):]
	body = body[:strings.Index(body, "</tbody>")]
	if strings.Contains(body, na) || strings.Contains(yj, "基本支出（万元）") || strings.Contains(yj, "人均支出（万元/人）") {
		t.Errorf("沅江市's table has columns of the department's figures:\n%s", body)
	}

	// 甲县's overview: the project's row notes its funds under 支出合计.
	ov := p.Page("county/jia-xian.html")
	mustContain(t, "甲县 overview", ov,
		`<td class="num" data-value="" data-label="支出合计（万元）"><span class="na">未披露</span><br><span class="note">项目到位资金50万元</span></td>`)
	// Its series' page: the funds by year, with their change, and
	// their trend beside the spending.
	sp := p.Page("county/jia-xian/jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html")
	mustContain(t, "甲县 project series", sp,
		`<th scope="col" class="num">项目到位资金（万元）</th>`,
		`<td class="num" data-value="50" data-label="项目到位资金（万元）">50<br><span class="delta-up">▲ 增加10（+25.0%）</span></td>`,
		`<td class="num" data-value="40" data-label="项目到位资金（万元）">40</td>`,
		"历年支出与到位资金")
	if strings.Contains(sp, "基本支出（万元）") || strings.Contains(sp, "历年支出（人均）") {
		t.Error("the project series' page shows the department's figures, or spending per head")
	}
	// A whole-department series keeps its columns.
	mustContain(t, "甲县 whole series", p.Page("county/jia-xian/cai-zheng-ju-zheng-ti.html"),
		`<th scope="col" class="num">基本支出（万元）</th>`)

	// 乙县's project report gives its department's 基本支出: shown, said
	// to be the department's, not ranked; 三公经费, not given, is left out.
	yi := p.Page("county/yi-xian.html")
	mustContain(t, "乙县", yi,
		`<th scope="col" class="num">支出合计（万元）</th><th scope="col" class="num">项目到位资金（万元）</th><th scope="col" class="num">基本支出（万元）</th><th scope="col" class="num">自评得分（分）</th>`,
		"；项目支出（部门全部项目的合计）、三公经费、人均支出、人均三公经费说的是整个部门，对这类报告不适用，表中不列出；基本支出也是整个部门的数字，报告给出了，表中照列，但不与其他项目支出报告比较、排名，没有给出的年度写“不适用”。</p>",
		`<td class="num" data-value="30" data-label="基本支出（万元）">30</td>`)

	// The downloads keep the figures as given: no spending made of
	// the funds.
	csv := p.Page("downloads/reports.csv")
	if strings.Contains(csv, "项目到位资金") {
		t.Error("reports.csv mentions 项目到位资金")
	}
	if !strings.Contains(csv, "2020,项目支出,,沅江市行政审批服务局2020年度项目支出绩效自评报告,,,万元,,不适用,不适用,不适用,不适用,502,") {
		t.Errorf("reports.csv: %s", csv)
	}

	// The report's summary leads with the funds it gives, not with the
	// spending it does not; a project report that gives its spending
	// leads with that.
	summary := func(page string) string {
		return mustBetween(t, page, `<ul class="key-figures">`, "</ul>", "the summary's figures")
	}
	yjs := summary(p.Page("report/yuan-jiang-shi/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu.html"))
	if f, s := strings.Index(yjs, "项目到位资金 <strong>502万元</strong>"), strings.Index(yjs, "支出合计 <strong>未披露</strong>"); f < 0 || s < 0 || f > s {
		t.Errorf("沅江市's summary does not lead with its funds:\n%s", yjs)
	}
	yis := summary(p.Page("report/yi-xian/2021-shui-li-ju-xiang-mu.html"))
	if f, s := strings.Index(yis, "项目到位资金 <strong>100万元</strong>"), strings.Index(yis, "支出合计 <strong>80万元</strong>"); f < 0 || s < 0 || s > f {
		t.Errorf("乙县's summary does not lead with its spending:\n%s", yis)
	}
}

// TestProjectStaffAreTheDepartments: a 项目支出 report may give its
// department's staff. Its page shows them, saying that they are the
// department's, shown but not compared, rather than 不适用; the
// glossary and the disclosure page say the same.
func TestProjectStaffAreTheDepartments(t *testing.T) {
	p := buildtest.New(t, projectFundsSite)
	p.MustBuild()
	rp := p.Page("report/yuan-jiang-shi/2020-xing-zheng-shen-pi-fu-wu-ju-xiang-mu.html")
	glossary := "不适用：项目支出（专项）报告评价的是一个项目或一笔专项资金（可能用于多项开支），不是部门全年的支出，" +
		"基本支出与项目支出的划分、三公经费、人员编制等是整个部门的数字，不属于这个项目：报告没有给出的写“不适用”；" +
		"报告给出的（如部门的编制人数、实有人数）照列，但不与其他项目支出报告比较、排名，也不计入它的披露比例；"
	mustContain(t, "沅江市 report", rp,
		`<p class="note">编制人数和实有人数是整个部门的人数，不是这个项目的：报告给出了，本页照列，但不与其他项目支出报告比较、排名，也不用来计算人均数。</p>`,
		`<th scope="row">编制人数</th>`+"\n"+`<td class="num">18</td>`,
		`<th scope="row">实有人数</th>`+"\n"+`<td class="num">13</td>`,
		"；给出的照列，但那是整个部门的数字，不与其他项目支出报告比较、排名。",
		glossary)
	if strings.Contains(rp, "人员编制等整个部门的数字对它不适用") || strings.Contains(rp, "编制人数和实有人数是整个部门的，对一个项目") {
		t.Error("the report page calls the staff it gives 不适用")
	}
	// No rank of the staff, nor of a figure per head.
	if strings.Contains(rp, "人均支出（万元/人）") {
		t.Error("the report page ranks a project's spending per head of the department's staff")
	}
	for _, name := range []string{"index.html", "county/yuan-jiang-shi.html"} {
		mustContain(t, name, p.Page(name), glossary)
	}
	mustContain(t, "disclosure", p.Page("disclosure.html"),
		"其余各项是整个部门的数字，不计入：报告给出的标为“已披露（不计入）”（照列，但不与其他项目支出报告比较、排名），没有给出的标为“不适用”。")
}

// TestProjectFindingsSayTheirType: on the findings page, a finding of a
// 项目支出 report that names no project says （项目） after its department,
// so that it does not read as one of the department's whole spending;
// one that names its project says the project, and a whole-department
// report's says neither.
func TestProjectFindingsSayTheirType(t *testing.T) {
	p := buildtest.New(t, deptFile("a", "甲县", "水利局", 2021, "项目支出", "spending: {total: 80, basic: 30, project: 70}\n")+
		deptFile("b", "乙县", "交通运输局", 2021, "项目支出", "project: 农村公路养护专项资金\nspending: {total: 80, basic: 30, project: 70}\n")+
		deptFile("c", "丙县", "财政局", 2021, "整体支出", "spending: {total: 80, basic: 30, project: 70}\n"))
	p.MustBuild()
	page := p.Page("findings.html")
	mustMatch(t, "findings", page, `#finding-\d+">水利局（项目）</a>`)
	mustMatch(t, "findings", page, `#finding-\d+">交通运输局（农村公路养护专项资金）</a>`)
	mustMatch(t, "findings", page, `#finding-\d+">财政局</a>`)
}
