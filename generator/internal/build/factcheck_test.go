package build_test

import (
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/site"
)

// factReport returns a report file: its county, year and type, then the rest
// of its front matter.
func factReport(county string, year int, typ, rest string) string {
	return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: " + strconv.Itoa(year) + "\ntype: " + typ + "\n" + rest + "---\n正文。\n"
}

// deptFile returns a report file of the department, as an entry of a
// buildtest site (content/<name>.md): its front matter the county, the
// department, the year, the type and rest.
func deptFile(name, county, department string, year int, typ, rest string) string {
	return "-- content/" + name + ".md --\n---\ncounty: " + county + "\ndepartment: " + department + "\nyear: " + strconv.Itoa(year) +
		"\ntype: " + typ + "\n" + rest + "---\n"
}

// The home page counts the reports by type when they are not all of one:
// a 项目支出 report is not called a 部门整体支出 report.
func TestHomeCountsReportsByType(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 200}\n")+
		"-- content/c.md --\n"+factReport("丙县", 2021, "项目支出", "income: 50\n"))
	p.MustBuild()
	home := p.Page("index.html")
	mustContain(t, "mixed home", home,
		`<meta name="description" content="汇集3个县（市、区）的3份部门绩效自评报告（整体支出2份、项目支出1份），比较支出、三公经费和自评得分。">`,
		`<meta property="og:description" content="汇集3个县（市、区）的3份部门绩效自评报告（整体支出2份、项目支出1份）`,
		"共收录3个县（市、区）的3份部门绩效自评报告（整体支出2份、项目支出1份）。",
		"<h1>县级部门绩效自评报告比较</h1>")
	if strings.Contains(home, "份部门整体支出绩效自评报告") {
		t.Error("the home page of a mix of types calls every report a 部门整体支出 report")
	}
	w := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n"))
	w.MustBuild()
	mustContain(t, "整体支出 home", w.Page("index.html"), "汇集1个县（市、区）的1份部门整体支出绩效自评报告，",
		"<h1>县级部门整体支出绩效自评报告比较</h1>")
}

// A 项目支出 report evaluates one project or one special fund, which may
// pay for many things: every page and the workbook say so in the same
// words (check.ProjectScope), its page says once what it does not cover
// (and leaves those figures out), and the disclosure page says what its
// share counts, so that 0% does not read as a report that disclosed
// nothing.
func TestProjectReportsSaidPlainly(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100, basic: 60, project: 40}\n")+
		"-- content/y.md --\n"+factReport("沅江市", 2020, "项目支出", "income: 502\nstaff: {authorized: 18, actual: 13}\n"))
	p.MustBuild()
	rp := p.Page("report/yuan-jiang-shi/2020-cai-zheng-ju-xiang-mu.html")
	for name, page := range map[string]string{
		"home":       p.Page("index.html"),
		"report":     rp,
		"county":     p.Page("county/yuan-jiang-shi.html"),
		"disclosure": p.Page("disclosure.html"),
	} {
		mustContain(t, name, page, check.ProjectScope)
		if strings.Contains(page, "只评价一个项目") {
			t.Errorf("%s page says a 项目支出 report evaluates only one project", name)
		}
	}
	// Once, above its figures, rather than a note above each table of
	// figures that do not apply, which are left out.
	mustContain(t, "project report", rp,
		"基本支出与项目支出的划分、三公经费、人员编制等只对整个部门适用的数字，报告没有给出的，本页不列出；给出的照列，但那是整个部门的数字，不与其他项目支出报告比较、排名。",
		// The staff it gives are shown as the department's, not as
		// 不适用, and the glossary says so.
		`<p class="note">编制人数和实有人数是整个部门的人数，不是这个项目的：报告给出了，本页照列，但不与其他项目支出报告比较、排名，也不用来计算人均数。</p>`,
		"人员编制等是整个部门的数字，不属于这个项目：报告没有给出的写“不适用”；报告给出的（如部门的编制人数、实有人数）照列，但不与其他项目支出报告比较、排名，也不计入它的披露比例；")
	if strings.Contains(rp, `<p class="note">三公经费是整个部门的开支`) || strings.Contains(rp, `<caption>三公经费</caption>`) {
		t.Error("the project report's page lists 三公经费 it does not have")
	}
	if strings.Contains(rp, "对一个项目或一笔专项资金的报告不适用") || strings.Contains(rp, "人员编制等整个部门的数字对它不适用") {
		t.Error("the project report's page calls the staff it gives 不适用")
	}
	if strings.Contains(p.Page("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"), `<p class="note">一个项目或一笔专项资金`) {
		t.Error("a 整体支出 report's page explains 不适用")
	}
	d := p.Page("disclosure.html")
	mustContain(t, "disclosure", d,
		// The report's row and its county's: 3 counted, none given, and
		// the 2 staff figures it gives are not counted.
		`<td class="num" data-label="完整度" data-value="0">0%<br><span class="na">计3项，披露0项；另给出2项不计入</span></td>`+"\n</tr>",
		`<td class="num" data-value="0">0%<br><span class="na">计3项，披露0项；另给出2项不计入</span></td></tr>`)
	if regexp.MustCompile(`甲县 2020 财政局</a></th>(<td[^\n]*</td>)*\n<td class="num" data-label="完整度" data-value="\d+">\d+%<br>`).MatchString(d) {
		t.Error("a 整体支出 report's share says what it counts")
	}
}

// The averages across years say, beside the chart and in its summary,
// when the years hold different reports, and which years' averages count
// a figure in doubt; when every year holds the same departments, they
// say neither.
func TestYearsSayWhenReportsDiffer(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100, basic: 50, project: 40}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 300}\n"))
	p.MustBuild()
	idx := p.Page("compare/index.html")
	mustContain(t, "years", idx,
		`<p class="note">各年度收录的报告不同：2个部门中，没有一个部门每年都有报告。下面各年度的平均数之间的差别，主要来自每年收录了哪些县，不能看作同一批部门的变化；`,
		"平均支出合计最高为2021年的300万元，最低为2020年的100万元。2020年（甲县）的平均数含有数据存疑的数字，见其报告的数据核对。各年度收录的报告不同，年度之间的差别主要来自收录了哪些县，不能看作同一批部门的变化。")
	// A year of more than three such reports names two, and counts them.
	var many strings.Builder
	for i, c := range []string{"甲县", "乙县", "丙县", "丁县"} {
		fmt.Fprintf(&many, "-- content/m%d.md --\n%s", i, factReport(c, 2020, "整体支出", "spending: {total: 100, basic: 50, project: 40}\n"))
	}
	many.WriteString("-- content/z.md --\n" + factReport("甲县", 2021, "整体支出", "spending: {total: 300}\n"))
	m := buildtest.New(t, many.String())
	m.MustBuild()
	mustContain(t, "years of many", m.Page("compare/index.html"), "。2020年（丙县、丁县等4份）的平均数含有数据存疑的数字，见其报告的数据核对。")
	same := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 300}\n"))
	same.MustBuild()
	sidx := same.Page("compare/index.html")
	if strings.Contains(sidx, "各年度收录的报告不同") || strings.Contains(sidx, "数据存疑") {
		t.Error("the years of one department are said to hold different reports, or a figure in doubt")
	}
}

// A year of one whole-department report has no other to compare it with:
// its compare page says so and leads to the report, without a chart of
// one bar or the explorer of one report.
func TestCompareYearOfOneReport(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 120}\n")+
		"-- content/c.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 150}\n"))
	p.MustBuild()
	one := p.Page("compare/2020.html")
	mustContain(t, "compare/2020.html", one,
		`<p class="lead">2020年本站只收录了1份部门整体支出绩效自评报告：<a href="../report/jia-xian/2020-cai-zheng-ju-zheng-ti.html">甲县·财政局</a>，没有同年的其他报告可比`,
		`<a href="../compare/2021.html">2021年</a>`)
	if strings.Contains(one, `class="chart-block"`) || strings.Contains(one, `id="explore"`) {
		t.Error("the compare page of a year of one report draws a chart")
	}
	two := p.Page("compare/2021.html")
	if strings.Contains(two, "本站只收录了1份") || !strings.Contains(two, `class="chart-block"`) || !strings.Contains(two, `id="explore"`) {
		t.Error("the compare page of a year of two reports does not compare them")
	}
	// The explorer follows the year's charts: the first thing the page
	// draws is a chart of every report, not a form.
	if strings.Index(two, `id="explore"`) < strings.Index(two, `id="fig-spending"`) {
		t.Error("the explorer comes before the year's charts")
	}
}

// Views per staff member say what they divide by, as the glossary does.
func TestPerStaffSaysItsDivisor(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100}\nstaff: {actual: 10}\n")+
		"-- content/b.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 120}\nstaff: {actual: 10}\n")+
		"-- content/c.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 150}\nstaff: {actual: 12}\n"))
	p.MustBuild()
	basis := site.PerStaffBasis
	for _, name := range []string{"index.html", "compare/2021.html", "county/jia-xian.html", "report/jia-xian/2021-cai-zheng-ju-zheng-ti.html"} {
		mustContain(t, name, p.Page(name), "<dt>编制人数、实有人数</dt><dd>核定的人员编制和报告所列的实有人数；"+basis+"。</dd>")
	}
	mustMatch(t, "compare 2021", p.Page("compare/2021.html"), `data-variant="per-staff" data-title="[^"]*" data-summary="[^"]*`+basis+`。"`)
	mustMatch(t, "county", p.Page("county/jia-xian.html"), `data-variant="per-staff" data-title="[^"]*" data-summary="[^"]*`+basis+`。"`)
}

// A figure is flagged ⚠ where a finding disputes it: a score given
// without a grade is not in doubt, a score against its grade is, and an
// amount that a noted discrepancy quotes is; the home page's card flags
// its figure as the other pages do; a compare page explains the ⚠ only
// when a chart of it shows one.
func TestFlagsFollowDisputes(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2023, "整体支出", "spending: {total: 600}\nscore: 100\n")+
		"-- content/b.md --\n"+factReport("乙县", 2023, "整体支出", "spending: {total: 500}\nscore: 90\ngrade: 优\n")+
		"-- content/c.md --\n"+factReport("丙县", 2022, "整体支出", "spending: {total: 700}\nincome: 1354.42\nscore: 70\ngrade: 优\n"+
		"discrepancies:\n  - \"收入预算数1127.69万元，小于报告说它包含的公共预算财政拨款收入1354.42万元。\"\n")+
		"-- content/d.md --\n"+factReport("丁县", 2022, "整体支出", "spending: {total: 300}\nscore: 80\ngrade: 良\n"))
	p.MustBuild()
	flag := `<a class="flag"`
	a := p.Page("report/jia-xian/2023-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "甲县 report", a, "自评得分100分，但未给出评价等级") // the finding is still listed
	if strings.Contains(a, `<th scope="row">自评得分 `+flag) {
		t.Error("甲县's score is flagged for want of a grade")
	}
	for _, name := range []string{"index.html", "compare/2023.html", "county/jia-xian.html"} {
		if strings.Contains(p.Page(name), flag) {
			t.Errorf("%s flags a figure though no finding disputes one", name)
		}
	}
	// A compare page explains the ⚠ after a name only when a chart of
	// it marks a name so: 2022's, whose score chart names 丙县.
	const flagNote = `<p class="note">名称后的“⚠”表示该报告的这些数字之间有不一致或疑点`
	if strings.Contains(p.Page("compare/2023.html"), flagNote) {
		t.Error("compare/2023.html explains a ⚠ that none of its charts shows")
	}
	mustContain(t, "compare/2022.html", p.Page("compare/2022.html"), flagNote, `丙县</a> <a class="flag"`)
	c := p.Page("report/bing-xian/2022-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丙县 report", c,
		`<th scope="row">本年收入 <a class="flag" href="#checks" title="见数据核对">⚠ 见数据核对</a></th>`,
		`<th scope="row">自评得分 <a class="flag" href="#checks" title="见数据核对">⚠ 见数据核对</a></th>`)
	if strings.Contains(c, `<th scope="row">支出合计 `+flag) {
		t.Error("丙县's total is flagged, though no finding quotes it")
	}
	// 2022's highest score is 丙县's 70, disputed by its grade: the card
	// flags it. (The latest year is 2023, so build a site of 2022 alone.)
	q := buildtest.New(t, "-- content/c.md --\n"+factReport("丙县", 2022, "整体支出", "spending: {total: 700}\nscore: 70\ngrade: 优\n"))
	q.MustBuild()
	mustMatch(t, "home", q.Page("index.html"), `<p class="card-value"><a href="report/bing-xian/2022-cai-zheng-ju-zheng-ti\.html">70分</a> <a class="flag" href="report/bing-xian/2022-cai-zheng-ju-zheng-ti\.html#checks" title="该数字有核对发现，见该报告的数据核对">`)
	mustMatch(t, "home", q.Page("index.html"), `<p class="card-value"><a href="[^"]*">700万元</a></p>`)
}

// A figure that one report alone gives is not ranked: 第1名/共1份 reads
// as praise.
func TestSingleReportIsNotRanked(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\nscore: 90\n")+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 200}\n"))
	p.MustBuild()
	for _, name := range []string{"report/jia-xian/2021-cai-zheng-ju-zheng-ti.html", "county/jia-xian.html"} {
		page := p.Page(name)
		mustContain(t, name, page, "仅此1份，不排名", "第2名/共2份")
		if strings.Contains(page, "名/共1份") {
			t.Errorf("%s ranks a figure among one report", name)
		}
	}
}

// With no report giving a publication date, feed.xml is still valid Atom
// and its updated date is a true one from the content: January 1 after
// the latest year, since reports of a year are published after it.
func TestEmptyFeedHasATrueDate(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2022, "项目支出", "income: 50\n"))
	p.MustBuild()
	feed := p.Page("feed.xml")
	var f struct {
		XMLName xml.Name
		Updated string     `xml:"updated"`
		Entries []struct{} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &f); err != nil {
		t.Fatal(err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" || len(f.Entries) != 0 {
		t.Errorf("feed.xml is not an empty Atom feed: %s", feed)
	}
	if f.Updated != "2023-01-01T00:00:00Z" {
		t.Errorf("empty feed updated %q, want 2023-01-01T00:00:00Z", f.Updated)
	}
	q := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "published: 2022-03-04\nspending: {total: 100}\n"))
	q.MustBuild()
	mustContain(t, "feed", q.Page("feed.xml"), "<updated>2022-03-04T00:00:00Z</updated>")
}

// The wording of links is true: the downloads' 原文链接 is there only
// when a report file gives its source, a report page without one says
// the site did not record it (not that the report gives none), and the
// county page's list of reports links to the site's own pages, named so.
func TestSourceWordingIsTrue(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n"))
	p.MustBuild()
	mustContain(t, "home", p.Page("index.html"), "原文链接（报告文件填写了原文网址时才有，否则空白）")
	mustContain(t, "report", p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html"), `<dt>原文</dt><dd><span class="na">本站未记录原文网址</span>`)
	county := p.Page("county/jia-xian.html")
	mustContain(t, "county", county, `<h2 id="reports">各报告页（本站整理的数字和摘要）</h2>`)
	if strings.Contains(county, "报告原文") {
		t.Error("the county page calls the site's report pages 报告原文")
	}
}

// TestYearsSayWhenAveragesMixKinds: the averages across years put every
// kind of department together (a journalist's review: 教育局 with 档案馆),
// and the page says so when some year holds more than one kind; a site
// of one kind of department says nothing of it.
func TestYearsSayWhenAveragesMixKinds(t *testing.T) {
	const note = "各年度的平均数把各类部门的报告放在一起"
	mixed := buildtest.New(t, deptFile("a", "甲县", "教育局", 2021, "整体支出", "spending: {total: 9000}\n")+
		deptFile("b", "乙县", "档案馆", 2021, "整体支出", "spending: {total: 90}\n"))
	mixed.MustBuild()
	mustContain(t, "years of two kinds", mixed.Page("compare/index.html"), `<p class="note">`+note)
	one := buildtest.New(t, deptFile("a", "甲县", "教育局", 2021, "整体支出", "spending: {total: 9000}\n")+
		deptFile("b", "乙县", "教育和体育局", 2021, "整体支出", "spending: {total: 8000}\n"))
	one.MustBuild()
	if strings.Contains(one.Page("compare/index.html"), note) {
		t.Error("a site of one kind of department says its averages mix kinds")
	}
}
