package build_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestSearchPageSaysWhatItOffers: without a full-text index the search
// page's description does not promise one; it says where to look
// instead, as the page does.
func TestSearchPageSaysWhatItOffers(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	page := p.Page("search.html")
	desc, _, _ := strings.Cut(strings.TrimPrefix(between(page, `<meta name="description" content="`, `>`), `<meta name="description" content="`), `"`)
	if desc == "" {
		t.Fatal("search.html has no description")
	}
	if strings.Contains(desc, "正文") {
		t.Errorf("search.html without an index describes full-text search: %q", desc)
	}
	mustContain(t, "search description", desc, "县名", "拼音")
}

// TestCountiesAreFoundFromTheTop: every page's menu has 各县, and the
// home page opens with a box that finds a county: a form that opens
// counties.html?q=… (filtered there by site.js, the whole list without
// it), before the introduction and the overview, so that a reader on a
// phone need not scroll to the list of counties at the end.
func TestCountiesAreFoundFromTheTop(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	for page, root := range map[string]string{"index.html": "", "county/jia-xian.html": "../",
		"report/jia-xian/2021-cai-zheng-ju-zheng-ti.html": "../../", "findings.html": ""} {
		nav := between(p.Page(page), `<nav class="site-nav"`, `</nav>`)
		mustContain(t, page+" menu", nav, `<a href="`+root+`counties.html">各县</a>`)
		// The footer leads to the list of every report and the
		// downloads, which the menu does not.
		footer := between(p.Page(page), `<footer class="site-footer">`, `</footer>`)
		mustContain(t, page+" footer", footer, `<a href="`+root+`reports/index.html">全部报告</a>`, `<a href="`+root+`index.html#downloads">下载数据</a>`)
	}
	if !p.Exists("reports/index.html") || !strings.Contains(p.Page("index.html"), `<h2 id="downloads">`) {
		t.Error("the footer's links lead nowhere")
	}
	mustContain(t, "counties.html menu", between(p.Page("counties.html"), `<nav class="site-nav"`, `</nav>`),
		`<a href="counties.html" aria-current="page">各县</a>`)
	home := p.Page("index.html")
	form := between(home, `<form class="county-find"`, `</form>`)
	mustContain(t, "home county finder", form, `action="counties.html"`, `name="q"`, `type="submit"`,
		`<a href="counties.html">`)
	if i, j := strings.Index(home, `<form class="county-find"`), strings.Index(home, `class="lead"`); i < 0 || i > j {
		t.Errorf("the county finder is not above the introduction (at %d, the introduction at %d)", i, j)
	}
}

// overviewReport is a whole-department report of county 县 in year with
// a total and a score.
func overviewReport(county string, year int, total, score string) string {
	return fmt.Sprintf(`-- content/%s-%d.md --
---
county: %s
prefecture: 乙市
department: 财政局
year: %d
type: 整体支出
spending: {total: %s}
score: %s
---
正文。
`, county, year, county, year, total, score)
}

// TestOverviewComparesReports: the home page's overview is of the latest
// year with two reports or more that give 支出合计, the fewest a
// comparison needs, and says which newer years it passes over and why;
// with no such year it is of the latest year and calls no single figure
// the highest or an average.
func TestOverviewComparesReports(t *testing.T) {
	p := buildtest.New(t, overviewReport("甲县", 2020, "100", "90")+overviewReport("丙县", 2020, "200", "80")+
		overviewReport("丁县", 2021, "673.48", "100"))
	p.MustBuild()
	home := between(p.Page("index.html"), `<h2 id="overview">`, `</section>`)
	mustContain(t, "overview", home, `2020年概览`, `支出合计最高`, `200万元`, `2份报告披露，平均150万元`,
		`2021年仅有1份部门整体支出报告给出支出合计`, `compare/2020.html`)

	p = buildtest.New(t, overviewReport("丁县", 2023, "673.48", "100"))
	p.MustBuild()
	home = between(p.Page("index.html"), `<h2 id="overview">`, `</section>`)
	mustContain(t, "overview of one report", home, `2023年概览`, `仅1份报告`, `673.48万元`)
	for _, word := range []string{"最高", "平均"} {
		if strings.Contains(home, word) {
			t.Errorf("the overview of one report says %s:\n%s", word, home)
		}
	}
}

// TestYearCountsAreBars: the chart of each year's number of reports, and
// of those among them that give each figure, draws its series as bars
// side by side: as lines, series of the same values (every report gives
// 支出合计) lie on each other and all but one vanish.
func TestYearCountsAreBars(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	block := between(p.Page("compare/index.html"), `id="chart-years-count-data">`, `</script>`)
	if block == "" {
		t.Fatal("compare/index.html has no chart-years-count-data")
	}
	var option struct {
		Series []struct{ Type, Name string }
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(block, `id="chart-years-count-data">`)), &option); err != nil {
		t.Fatal(err)
	}
	if len(option.Series) != 4 {
		t.Fatalf("the chart has %d series, want 4", len(option.Series))
	}
	for _, s := range option.Series {
		if s.Type != "bar" {
			t.Errorf("the series %s is drawn as a %s, want bars", s.Name, s.Type)
		}
	}
	// The averages stay lines: a trend.
	mustContain(t, "compare years", between(p.Page("compare/index.html"), `id="chart-years-spending-data">`, `</script>`), `"type":"line"`)
}

// TestListFilterReachesEveryYear: the filter of a page of the list of
// reports (and of the home table) offers every year of the site, each
// named with the pages of the list that hold it; a year that the table
// does not hold leads to the first page that does (site.js opens it,
// with the filter, from data-href), and links by year do the same
// without JavaScript. The count of rows shown says it counts this page;
// how the filter and sorting work across pages is folded below a short
// lead.
func TestListFilterReachesEveryYear(t *testing.T) {
	setPageSizes(t, 2, 2)
	p := buildtest.New(t, fiveReports)
	p.MustBuild()
	// The list: 2022 and 2021 on page 1, 2021 on page 2, 2020 on page 3.
	mustContain(t, "reports/index.html", p.Page("reports/index.html"),
		`<select name="year"><option value="">全部</option><option value="2022">2022（第1页）</option><option value="2021">2021（第1–2页）</option>`+
			`<option value="2020" data-href="../reports/3.html">2020（第3页）</option></select>`,
		`<nav class="year-pages" aria-label="按年度"><p>按年度：<span><a href="../reports/index.html?year=2022">2022年</a>（第1页）</span> `+
			`<span><a href="../reports/index.html?year=2021">2021年</a>（第1–2页）</span> <span><a href="../reports/3.html?year=2020">2020年</a>（第3页）</span></p></nav>`,
		`<output class="filter-count" aria-live="polite" data-unit="份报告（仅本页）"></output>`,
		`<summary>分页后怎么筛选、排序？</summary>`, `筛选和排序只作用于本页`)
	lead := mustBetween(t, p.Page("reports/index.html"), `<p class="lead">`, `</p>`, "the list's lead")
	if n := len([]rune(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(lead, ""))); n > 80 {
		t.Errorf("the list's lead is %d characters, want at most 80 (a few lines on a phone):\n%s", n, lead)
	}
	mustContain(t, "reports/3.html", p.Page("reports/3.html"),
		`<option value="2022" data-href="../reports/index.html">2022（第1页）</option>`,
		`<option value="2020">2020（第3页）</option>`)
	// The home table holds the newest two: 2022 and 2021.
	mustContain(t, "home", p.Page("index.html"),
		`<option value="2021">2021</option><option value="2020" data-href="reports/3.html">2020（全部报告第3页）</option>`,
		`<output class="filter-count" aria-live="polite" data-unit="份报告（仅最新2份）"></output>`)
}
