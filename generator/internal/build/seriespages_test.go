package build_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/site"
)

// seriesReport returns a report file of the site of manySeries.
func seriesReport(name, county, department, typ, project string, year int, figures string) string {
	p := ""
	if project != "" {
		p = "project: " + project + "\n"
	}
	return fmt.Sprintf("-- content/%s.md --\n---\ncounty: %s\nprefecture: 乙市\ndepartment: %s\nyear: %d\ntype: %s\n%s%s\n---\n%s。\n",
		name, county, department, year, typ, p, figures, name)
}

// manySeries is a site of two counties: 甲县 has four series (three
// departments, one of them with a project's reports too), one more than
// a county's page shows in full, and 丙县 three, as many as it shows.
var manySeries = strings.Join([]string{
	seriesReport("jia-cz-2020", "甲县", "财政局", "整体支出", "", 2020, "spending: {total: 100, basic: 60, project: 40}"),
	seriesReport("jia-cz-2021", "甲县", "财政局", "整体支出", "", 2021, "spending: {total: 120.5, basic: 70, project: 50.5}\nsangong: {total: 3.2}"),
	// 300 is not 100 + 150: a finding disputes the total.
	seriesReport("jia-jy-2021", "甲县", "教育局", "整体支出", "", 2021, "spending: {total: 300, basic: 100, project: 150}\nscore: 90"),
	seriesReport("jia-jt-2021", "甲县", "交通运输局", "整体支出", "", 2021, "spending: {total: 80}\nsangong: {total: 5}"),
	seriesReport("jia-jtxm-2021", "甲县", "交通运输局", "项目支出", "农村公路养护专项资金", 2021, "spending: {total: 50}"),
	seriesReport("bing-cz-2021", "丙县", "财政局", "整体支出", "", 2021, "spending: {total: 130}"),
	seriesReport("bing-jy-2021", "丙县", "教育局", "整体支出", "", 2021, "spending: {total: 90}"),
	seriesReport("bing-jt-2021", "丙县", "交通运输局", "项目支出", "", 2021, "spending: {total: 40}"),
}, "")

// The pages of 甲县's series.
const (
	jiaCZ   = "county/jia-xian/cai-zheng-ju-zheng-ti.html"
	jiaJY   = "county/jia-xian/jiao-yu-ju-zheng-ti.html"
	jiaJT   = "county/jia-xian/jiao-tong-yun-shu-ju-zheng-ti.html"
	jiaJTXM = "county/jia-xian/jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html"
)

// TestCountySeriesPages builds a county with one series more than
// site.MaxSeriesOnCountyPage and one with as many: the first gets an
// overview, a row per series with its latest figures, and a page per
// series with what its section showed; the second stays as it was.
func TestCountySeriesPages(t *testing.T) {
	if site.MaxSeriesOnCountyPage != 3 {
		t.Fatalf("the site of this test has counties of 4 and 3 series, for a threshold of 3, not %d", site.MaxSeriesOnCountyPage)
	}
	p := buildtest.New(t, manySeries)
	p.MustBuild()
	buildtest.MustCheckSite(t, p.Out)

	ov := p.Page("county/jia-xian.html")
	for _, want := range []string{
		`<h2 id="departments">各部门</h2>`,
		// By department in pinyin order, each linking to its page.
		`<a href="../` + jiaCZ + `">财政局</a>`,
		`<a href="../` + jiaJT + `">交通运输局</a>`,
		// A project's row says so under its department; a 整体支出
		// row says nothing more, and no column repeats the type.
		`<a href="../` + jiaJTXM + `">交通运输局</a><br><span class="note">项目支出：农村公路养护专项资金</span></th>`,
		`<a href="../` + jiaCZ + `">财政局</a></th>`,
		`<a href="../` + jiaJY + `">教育局</a>`,
		// The years, and the latest report's figures, each cell named
		// by its column for a phone's cards.
		`<table class="sortable card-table overview">`,
		`<td data-label="历年报告">2020—2021年（2份）</td>`,
		`<td class="num" data-value="2021" data-label="最近年度"><a href="../report/jia-xian/2021-cai-zheng-ju-zheng-ti.html">2021年</a>`,
		`data-value="120.5" data-label="支出合计（万元）">120.5</td>`, `data-value="3.2" data-label="三公经费（万元）">3.2</td>`,
		// The disputed total is marked, linking to its checks.
		`data-value="300" data-label="支出合计（万元）">300 <a class="flag" href="../report/jia-xian/2021-jiao-yu-ju-zheng-ti.html#checks"`,
		`data-value="90" data-label="自评得分（分）">90</td>`,
		"甲县的3个部门的5份绩效自评报告",
	} {
		if !strings.Contains(ov, want) {
			t.Errorf("甲县's overview lacks %s", want)
		}
	}
	if i, j := strings.Index(ov, jiaCZ), strings.Index(ov, jiaJY); i < 0 || j < i || strings.Index(ov, jiaJT) > j {
		t.Error("甲县's overview does not list its departments in pinyin order")
	}
	for _, bad := range []string{`id="s1"`, "data-chart-src", `<h2 id="reports">`, "历年数字", "<td>整体支出</td>"} {
		if strings.Contains(ov, bad) {
			t.Errorf("甲县's overview has %s: a series' section, a chart or the list of every report", bad)
		}
	}

	cz := p.Page(jiaCZ)
	for _, want := range []string{
		`<li><a href="../../counties.html?q=%e4%b9%99%e5%b8%82">乙市</a></li><li><a href="../../county/jia-xian.html">甲县</a></li><li aria-current="page">财政局</li>`,
		"<title>甲县财政局整体支出绩效自评报告 · ",
		`<h2 id="s1">财政局 · 整体支出</h2>`, `<table class="by-year">`, "data-chart-src",
		`<a href="../../report/jia-xian/2021-cai-zheng-ju-zheng-ti.html">2021年</a>`,
		`<li><a href="../../report/jia-xian/2020-cai-zheng-ju-zheng-ti.html">`,
		`<a href="../../county/jia-xian.html">甲县各部门一览</a>`,
	} {
		if !strings.Contains(cz, want) {
			t.Errorf("%s lacks %s", jiaCZ, want)
		}
	}
	if strings.Contains(cz, "jiao-yu-ju") {
		t.Errorf("%s links to another department's reports", jiaCZ)
	}
	xm := p.Page(jiaJTXM)
	for _, want := range []string{"<h1>甲县交通运输局：农村公路养护专项资金</h1>", "交通运输局 · 项目支出 · 农村公路养护专项资金", "只有一个年度的报告，暂无趋势图"} {
		if !strings.Contains(xm, want) {
			t.Errorf("%s lacks %s", jiaJTXM, want)
		}
	}

	// A report's page leads to its series' page, and lists the series'
	// other reports alone.
	rp := p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html")
	for _, want := range []string{
		`<li><a href="../../county/jia-xian.html">甲县</a></li><li><a href="../../` + jiaCZ + `">财政局</a></li><li aria-current="page">2021年财政局</li>`,
		`<h2 id="others">甲县财政局的其他年度报告</h2>`,
		`2020-cai-zheng-ju-zheng-ti.html`,
	} {
		if !strings.Contains(rp, want) {
			t.Errorf("甲县's report page lacks %s", want)
		}
	}
	if strings.Contains(rp, "2021-jiao-yu-ju-zheng-ti.html") {
		t.Error("甲县's report page lists another department's report")
	}

	// 丙县, at the threshold, keeps its page whole, and no series page.
	bing := p.Page("county/bing-xian.html")
	if !strings.Contains(bing, `<h2 id="s3">`) || strings.Contains(bing, `id="departments"`) || !strings.Contains(bing, `<h2 id="reports">`) {
		t.Error("丙县's page is not the county page of three series")
	}
	for _, f := range p.Files() {
		if strings.HasPrefix(f, "county/bing-xian/") {
			t.Errorf("丙县 has a series page: %s", f)
		}
	}
	if rp := p.Page("report/bing-xian/2021-cai-zheng-ju-zheng-ti.html"); strings.Contains(rp, "county/bing-xian/") || !strings.Contains(rp, "丙县的其他报告") {
		t.Error("丙县's report page is not as before")
	}

	// The sitemap lists the series' pages.
	out := filepath.Join(t.TempDir(), "based")
	if _, err := p.Build(build.Config{Out: out, BaseURL: "https://example.org/p/"}); err != nil {
		t.Fatal(err)
	}
	buildtest.MustCheckSiteBase(t, out, "https://example.org/p/")
	sitemap := buildtest.Snapshot(t, out)["sitemap.xml"]
	for _, page := range []string{jiaCZ, jiaJY, jiaJT, jiaJTXM, "county/jia-xian.html"} {
		if !strings.Contains(sitemap, "<loc>https://example.org/p/"+page+"</loc>") {
			t.Errorf("the sitemap lacks %s", page)
		}
	}
}

// TestSeriesPagesRebuildWhatTheyShow rebuilds after changes to 甲县: a
// series' page is made again when a figure of its reports changes, the
// overview only when a row's latest figures or the county's count of
// findings do; the output is always what a build from nothing makes.
func TestSeriesPagesRebuildWhatTheyShow(t *testing.T) {
	p := buildtest.New(t, manySeries)
	p.MustBuild()
	// 8 report pages, 2 county pages and 4 series pages have keys.
	const all = 8 + 2 + 4
	edit := func(name, old, new string) func() {
		return func() {
			data := readFile(t, p, name)
			if !strings.Contains(data, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			p.Write(name, strings.Replace(data, old, new, 1))
		}
	}
	steps := []struct {
		name string
		do   func()
		kept int
	}{
		// Pages that show a file's figures are keyed by the file, as
		// county pages are: the report, the next year's (上年) and the
		// series' page; not the overview, which shows the latest year.
		{"a body changes", edit("content/jia-cz-2020.md", "jia-cz-2020。", "改过。"), all - 3},
		// The report, the next year's (上年) and the series' page; the
		// overview shows the latest year only, and the year has no
		// other report to rank against.
		{"an earlier year's total changes", edit("content/jia-cz-2020.md", "total: 100, basic: 60", "total: 101, basic: 61"), all - 3},
		// The same, and the overview, which counts the county's
		// findings: 102 is not 61 + 40.
		{"an earlier year's figures stop adding up", edit("content/jia-cz-2020.md", "total: 101", "total: 102"), all - 4},
		// The report, its series' page and the overview's row; the
		// score is the year's only one, so no rank moves.
		{"a latest score changes", edit("content/jia-jy-2021.md", "score: 90", "score: 95"), all - 3},
		// A title: the report, the series' page and the series' other
		// report, which lists it; the overview names no report.
		{"a title changes", edit("content/jia-cz-2020.md", "type: 整体支出", "type: 整体支出\ntitle: 新标题"), all - 3},
		// 甲县 falls to three series: its pages all change, and the
		// project's rank of 丙县's project report too.
		{"a series goes", func() { p.Remove("content/jia-jtxm-2021.md") }, 2},
	}
	for i, st := range steps {
		st.do()
		sum, err := p.Build(build.Config{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if sum.Kept != st.kept {
			t.Errorf("step %d, %s: %d pages kept as they were, want %d", i, st.name, sum.Kept, st.kept)
		}
		sameAsFreshBuild(t, p, fmt.Sprintf("step %d, %s", i, st.name))
	}
	if p.Exists(jiaCZ) || !strings.Contains(p.Page("county/jia-xian.html"), `<h2 id="s3">`) {
		t.Error("甲县 of three series still has series pages")
	}
}

// TestSessionServesSeriesPages: serve makes the series' pages a build
// makes, and stops serving them when their county falls to the
// threshold.
func TestSessionServesSeriesPages(t *testing.T) {
	p := buildtest.New(t, manySeries)
	s, err := build.NewSession(build.Config{Root: p.Dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(context.Background()); err != nil {
		t.Fatal(err)
	}
	sameAsBuild(t, "first", p, s, "")
	for _, page := range []string{jiaCZ, jiaJTXM} {
		if got, ok, err := s.Get(page); !ok || err != nil || !regexp.MustCompile(`<h2 id="s1">`).MatchString(string(got)) {
			t.Errorf("%s is not served: %v %v", page, ok, err)
		}
	}
	p.Remove("content/jia-jtxm-2021.md")
	if _, err := s.Update(context.Background()); err != nil {
		t.Fatal(err)
	}
	sameAsBuild(t, "a series goes", p, s, "")
	if _, ok, _ := s.Get(jiaCZ); ok {
		t.Errorf("%s is still served", jiaCZ)
	}
}
