package build_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// kindsSite is a year of reports of several kinds of department: three
// of education under two names, one 档案馆, and two 项目支出 reports of
// different departments.
func kindsSite() string {
	var b strings.Builder
	for i, r := range []struct{ file, county, department, typ, extra string }{
		{"a", "甲县", "教育局", "整体支出", "spending: {total: 30000}"},
		{"b", "乙县", "教育和体育局", "整体支出", "spending: {total: 20000}"},
		{"c", "丙县", "教育局", "整体支出", "spending: {total: 25000}"},
		{"d", "甲县", "档案馆", "整体支出", "spending: {total: 300}"},
		{"e", "乙县", "教育局", "项目支出", "project: 营养餐\nspending: {total: 500}"},
		{"f", "丙县", "交通运输局", "项目支出", "project: 公路养护\nspending: {total: 900}"},
	} {
		fmt.Fprintf(&b, "-- content/%s.md --\n---\ncounty: %s\nprefecture: 乙市\ndepartment: %s\nyear: 2021\ntype: %s\n%s\nscore: %d\n---\n正文。\n",
			r.file, r.county, r.department, r.typ, r.extra, 80+i)
	}
	return b.String()
}

func TestRanksAreWithinKindsOfDepartment(t *testing.T) {
	p := buildtest.New(t, kindsSite())
	p.MustBuild()

	// 教育局 and 教育和体育局 rank together, and the page says among whom.
	jia := p.Page("report/jia-xian/2021-jiao-yu-ju-zheng-ti.html")
	mustContain(t, "甲县 教育局", jia,
		"在2021年各县教育部门的整体支出报告中的位置",
		"<caption>2021年各县教育部门的整体支出报告中的排名</caption>",
		"第1名/共3份",
		`compare/2021/jiao-yu.html">查看2021年各县教育部门比较</a>`,
		`compare/2021.html">查看2021年各县全部部门比较</a>`)
	mustContain(t, "乙县 教育和体育局", p.Page("report/yi-xian/2021-jiao-yu-he-ti-yu-ju-zheng-ti.html"), "第3名/共3份")
	// 档案馆 is alone in its kind: no rank, and no comparison of one.
	dang := p.Page("report/jia-xian/2021-dang-an-guan-zheng-ti.html")
	mustContain(t, "甲县 档案馆", dang, "仅此1份，不排名", "本站2021年只有这1份档案部门的整体支出报告，所以不排名。")
	if strings.Contains(dang, "第1名") || strings.Contains(dang, "compare/2021/") {
		t.Error("a department alone in its kind is ranked, or links to a comparison of its kind")
	}
	if p.Exists("compare/2021/dang-an.html") {
		t.Error("a kind of one report has a compare page")
	}
	// 项目支出 reports rank among their type, whatever the department.
	mustContain(t, "丙县 项目支出", p.Page("report/bing-xian/2021-jiao-tong-yun-shu-ju-xiang-mu-gong-lu-yang-hu.html"),
		"在2021年全部项目支出报告中的位置", "第1名/共2份")

	// The county page says which reports its ranks are among, and so
	// does the glossary.
	county := p.Page("county/jia-xian.html")
	mustContain(t, "甲县", county,
		"以及与同年各县同类部门的报告相比的排名",
		"排名（第几名/共几份）是在当年各县教育部门的整体支出报告中的位置",
		"排名（第几名/共几份）是在当年各县档案部门的整体支出报告中的位置",
		"整体支出报告只与各县同类部门的整体支出报告相比")

	// The year's page says it mixes kinds and leads to each kind's page;
	// the kind's page compares its reports alone.
	year := p.Page("compare/2021.html")
	mustContain(t, "compare 2021", year, "本页把各类部门的报告放在一起比较",
		`<li><strong aria-current="page">全部部门</strong></li><li><a href="../compare/2021/jiao-yu.html">教育部门（3份）</a></li>`)
	// So does the home page's overview, whose highest figures and charts
	// mix them too.
	mustContain(t, "home", p.Page("index.html"),
		`<p class="note">2021年的报告来自2类部门，各类部门的支出规模相差很大`,
		`同类部门之间的比较见<a href="compare/2021.html#kinds">2021年按部门比较</a>。</p>`)
	mustContain(t, "compare 2021", year, `<nav class="kinds" id="kinds" aria-label="部门">`)
	one := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 200}\n"))
	one.MustBuild()
	if strings.Contains(one.Page("index.html"), "类部门，各类部门的支出规模相差很大") {
		t.Error("the home page of one kind of department says its overview mixes kinds")
	}
	kind := p.Page("compare/2021/jiao-yu.html")
	mustContain(t, "compare 2021 教育", kind, "<h1>2021年各县教育部门整体支出比较</h1>", "2021年各县教育部门共有3份部门整体支出绩效自评报告",
		`<li><a href="../../compare/2021.html">全部部门</a></li>`, `<li><strong aria-current="page">教育部门（3份）</strong></li>`,
		"<summary>按部门比较：教育部门（")
	if strings.Contains(kind, "档案馆") || strings.Contains(kind, "本页把各类部门的报告放在一起比较") {
		t.Error("the kind's comparison shows another kind, or says it mixes kinds")
	}
	if !strings.Contains(kind, "乙县·教育和体育局") {
		t.Error("the kind's comparison leaves out a department of another name")
	}

	// The sitemap lists the kind's page.
	if _, err := p.Build(build.Config{BaseURL: "https://example.org/"}); err != nil {
		t.Fatal(err)
	}
	mustContain(t, "sitemap", p.Page("sitemap.xml"), "https://example.org/compare/2021/jiao-yu.html")
}

// TestKindPageNamesCountiesAlone: on the compare page of a kind of
// department whose reports all come from one department name (财政局),
// the charts, their tables and the explorer name each report by its
// county alone (甲县·财政局 on every bar said nothing, and a phone cut a
// long county's name short); the year's page of every department keeps
// the department, as does a kind of two names (教育局 and 教育和体育局,
// TestRanksAreWithinKindsOfDepartment). The explorer's keys, which links
// from the report pages use, stay as they were.
func TestKindPageNamesCountiesAlone(t *testing.T) {
	p := buildtest.New(t, deptFile("a", "甲县", "财政局", 2021, "整体支出", "spending: {total: 100}\n")+
		deptFile("b", "乙县", "财政局", 2021, "整体支出", "spending: {total: 300}\n")+
		deptFile("c", "丙县", "财政局", 2021, "整体支出", "spending: {total: 200}\n")+
		deptFile("d", "甲县", "档案馆", 2021, "整体支出", "spending: {total: 50}\n")+
		deptFile("e", "乙县", "档案馆", 2021, "整体支出", "spending: {total: 60}\n"))
	p.MustBuild()
	kind := p.Page("compare/2021/cai-zheng.html")
	if strings.Contains(kind, "·财政局") {
		t.Errorf("the page of 财政 departments names a report with its department: %s", between(kind, "·财政局", "<"))
	}
	mustContain(t, "compare 2021 财政", kind,
		`<label for="explorer-counties">县（市、区），可多选`,
		"支出合计最高的是乙县（300万元），最低的是甲县（100万元）",
		`"keys":["yi-xian.cai-zheng-ju","bing-xian.cai-zheng-ju","jia-xian.cai-zheng-ju"]`)
	mustMatch(t, "compare 2021 财政's table of 支出合计", kind, `<a href="[^"]*report/yi-xian/2021-cai-zheng-ju-zheng-ti.html">乙县</a>`)
	year := p.Page("compare/2021.html")
	mustContain(t, "compare 2021", year, "乙县·财政局", "甲县·档案馆")
	// The report page's rank links to the explorer by the same key.
	mustContain(t, "甲县 财政局", p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html"), "compare/2021/cai-zheng.html")
}

// A report's page is made again when its kind gains a report, though its
// ranks stay as they were (the new report gives no figure): it now links
// to its kind's comparison, and no longer says it is the only one.
func TestRebuildFollowsKinds(t *testing.T) {
	p := buildtest.New(t, kindsSite())
	p.MustBuild()
	page := "report/jia-xian/2021-dang-an-guan-zheng-ti.html"
	mustContain(t, "甲县 档案馆", p.Page(page), "只有这1份档案部门的整体支出报告")
	p.Write("content/g.md", "---\ncounty: 乙县\nprefecture: 乙市\ndepartment: 档案馆\nyear: 2021\ntype: 整体支出\n---\n正文。\n")
	sum := p.MustBuild()
	// 甲县's 教育局, 丙县's two reports and the two counties' pages;
	// not 乙县's, which lists the new report, nor 甲县's 档案馆.
	if sum.Kept != 5 {
		t.Errorf("%d pages kept, want 5", sum.Kept)
	}
	mustContain(t, "甲县 档案馆", p.Page(page), "仅此1份，不排名", `compare/2021/dang-an.html">查看2021年各县档案部门比较</a>`)
	if strings.Contains(p.Page(page), "只有这1份") {
		t.Error("the page still says it is its kind's only report")
	}
	if !p.Exists("compare/2021/dang-an.html") {
		t.Error("no comparison of the two 档案馆")
	}
}

// TestYearOfOneKindHasNoKindPage: in a year whose 整体支出 reports are
// all of one kind (every year of a portal of one department's reports),
// the year's comparison is the kind's: no page of the kind repeats it,
// and neither the year's page nor a report's links to one.
func TestYearOfOneKindHasNoKindPage(t *testing.T) {
	p := buildtest.New(t, deptFile("a", "甲县", "教育局", 2021, "整体支出", "spending: {total: 30000}\n")+
		deptFile("b", "乙县", "教育和体育局", 2021, "整体支出", "spending: {total: 20000}\n")+
		deptFile("c", "丙县", "教育局", 2021, "项目支出", "spending: {total: 500}\n"))
	p.MustBuild()
	if p.Exists("compare/2021/jiao-yu.html") {
		t.Error("a year of one kind has a kind page repeating the year's")
	}
	year := p.Page("compare/2021.html")
	if strings.Contains(year, "按部门比较") || strings.Contains(year, "本页把各类部门的报告放在一起比较") {
		t.Error("the year's page of one kind offers kinds, or says it mixes them")
	}
	jia := p.Page("report/jia-xian/2021-jiao-yu-ju-zheng-ti.html")
	mustContain(t, "甲县", jia, "在2021年各县教育部门的整体支出报告中的位置", "第1名/共2份",
		`<p><a href="../../compare/2021.html">查看2021年各县全部部门比较</a></p>`)
	if strings.Contains(jia, "jiao-yu.html") {
		t.Error("a report links to a kind page that is not made")
	}
}
