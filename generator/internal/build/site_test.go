package build_test

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// twoCounties is a small site: 甲县 over two years, and 宁乡市 for one.
const twoCounties = `
-- content/a/jia-2020.md --
---
county: 甲县
prefecture: 乙市
province: 湖南省
department: 财政局
year: 2020
type: 整体支出
spending:
  total: 100
  basic: 60
  project: 40
sangong: {total: 2, abroad: 0, reception: 1.5, vehicles: 0.5}
score: 92
grade: 优
staff: {authorized: 10, actual: 8}
---
## 概况

第一年。
-- content/a/jia-2021.md --
---
county: 甲县
prefecture: 乙市
province: 湖南省
department: 财政局
year: 2021
type: 整体支出
source: https://example.gov.cn/r/2021.html
spending:
  total: 120.5
  basic: 70
  project: 50.5
income: null
sangong: {total: 1, reception: 1}
score: 85
grade: 良
staff: {authorized: 10, actual: 9}
evidence:
  spending.total: "2021年支出合计120.5万元。"
---
## 概况

全年支出比上年增加，
主要是项目支出增加。

| 项目 | 金额 |
| --- | --- |
| 基本支出 | 70 |

<script>alert("body")</script>
<b>粗体</b>
-- content/b/ningxiang.md --
---
county: 宁乡市
prefecture: 长沙市
department: 财政局
year: 2021
type: 整体支出
unit: 元
spending: {total: 1234567.89}
---
正文。
`

func TestSitePages(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	sum := p.MustBuild()
	if sum.Reports != 3 || sum.Counties != 2 {
		t.Fatalf("summary: %d reports, %d counties; want 3, 2", sum.Reports, sum.Counties)
	}
	for _, f := range []string{
		"index.html", "404.html", "compare/index.html", "compare/2020.html", "compare/2021.html",
		"county/jia-xian.html", "county/ning-xiang-shi.html",
		"report/jia-xian/2020-cai-zheng-ju-zheng-ti.html", "report/jia-xian/2021-cai-zheng-ju-zheng-ti.html",
		"report/ning-xiang-shi/2021-cai-zheng-ju-zheng-ti.html",
		"assets/site.js", "assets/site.css", "assets/vendor/echarts/echarts.custom.min.js",
		"assets/vendor/echarts/LICENSE", "assets/vendor/echarts/NOTICE",
	} {
		if !p.Exists(f) {
			t.Errorf("missing output %s; have %v", f, p.Files())
		}
	}
	// The home page's title is the site's name, once; others add it.
	for page, title := range map[string]string{
		"index.html":           "<title>县级部门整体支出绩效自评报告比较</title>",
		"findings.html":        "<title>数据核对发现 · 县级部门绩效自评报告比较</title>",
		"county/jia-xian.html": "<title>甲县部门绩效自评报告 · 县级部门绩效自评报告比较</title>",
	} {
		if h := p.Page(page); !strings.Contains(h, title) {
			t.Errorf("%s: no %s", page, title)
		}
	}

	home := p.Page("index.html")
	mustContain(t, "home", home,
		`<html lang="zh-CN">`,
		`<table class="sortable card-table" id="reports-table">`,
		`href="county/jia-xian.html"`, `href="county/ning-xiang-shi.html"`,
		`data-search="甲县 乙市 湖南省 财政局 2020 整体支出 jiaxian jx jia-xian"`,
		`<option value="乙市">乙市</option>`,
		`data-value="120.5">120.5</td>`,
		`2021年概览`,
		`<script defer src="assets/site.js"></script>`,
	)
	// ECharts is loaded by site.js when a chart nears the screen, not
	// by the page.
	for name, page := range map[string]string{"home": home, "county": p.Page("county/jia-xian.html")} {
		if strings.Contains(page, "echarts") {
			t.Errorf("%s page names echarts; site.js loads it when a chart nears the screen", name)
		}
	}
	// Home links every report.
	if n := strings.Count(home, `<tr data-year=`); n != 3 {
		t.Errorf("home table has %d rows, want 3", n)
	}

	county := p.Page("county/jia-xian.html")
	mustContain(t, "county", county,
		`<h1>甲县</h1>`,
		`href="../report/jia-xian/2021-cai-zheng-ju-zheng-ti.html"`,
		`▲ 增加20.5（+20.5%）`, // total 100 → 120.5
		`▼ 减少1（-50.0%）`,    // 三公 2 → 1
		`第2名/共2份`,          // 宁乡市 spent more in 2021
		`id="chart-s1-spending"`, `id="chart-s1-sangong"`, `id="chart-s1-score"`,
		`<script defer src="../assets/site.js"></script>`,
	)

	r21 := p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "report 2021", r21,
		`<q class="evidence">2021年支出合计120.5万元。</q>`,
		`href="https://example.gov.cn/r/2021.html"`,
		`<th scope="row">本年收入</th>`,
		`<table>`, `<td>基本支出</td>`, // GFM table in the body
		`全年支出比上年增加，主要是项目支出增加。`, // CJK line break joins without a space
		`<h3 id="sec-1">概况</h3>`,
		`href="../../county/jia-xian.html"`,
		// The previous year's value and the change, beside the figure.
		`<td class="num">100万元</td><td><span class="delta-up">▲ 增加20.5万元（+20.5%）</span></td>`,
		`<tr class="evidence-row"><td colspan="5">`,
	)
	// Evidence is let go after the checks and read again from the files,
	// for the report pages (above) and for reports.json.
	mustContain(t, "reports.json", p.Page("downloads/reports.json"), `"spending.total": "2021年支出合计120.5万元。"`)
	// Undisclosed figures say so and are never shown as 0.
	mustMatch(t, "report 2021", r21, `本年收入</th>\s*<td class="num"><span class="na">未披露</span>`)
	mustMatch(t, "report 2021", r21, `因公出国（境）费</th>\s*<td class="num"><span class="na">未披露</span>`)
	mustMatch(t, "report 2020", p.Page("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"), `因公出国（境）费</th>\s*<td class="num">0</td>`)
	// Raw HTML in the body is dropped.
	for _, bad := range []string{`<script>alert`, `<b>粗体</b>`} {
		if strings.Contains(r21, bad) {
			t.Errorf("report page keeps raw HTML %q", bad)
		}
	}

	// 元 is converted to 万元, shown to two decimals (the downloads
	// keep it exactly).
	mustMatch(t, "ningxiang", p.Page("report/ning-xiang-shi/2021-cai-zheng-ju-zheng-ti.html"), `支出合计</th>\s*<td class="num">123.46</td>`)

	cmp := p.Page("compare/2021.html")
	mustContain(t, "compare 2021", cmp,
		`id="chart-spending"`, `id="chart-sangong"`, `id="chart-score"`, `id="chart-total-per-staff"`, `id="chart-sangong-per-staff"`,
		// One bracket, not two in a row.
		`<caption>支出合计（基本支出与项目支出；单位：万元）</caption>`,
		`href="../report/jia-xian/2021-cai-zheng-ju-zheng-ti.html">甲县</a>`,
	)
	// Years are compared by averages, since the number of reports
	// changes: 2021's is (120.5 + 123.456789) / 2, to two decimals.
	mustContain(t, "compare years", p.Page("compare/index.html"), `id="chart-years-spending"`, `<caption>各县历年支出合计（万元）</caption>`,
		`各年度平均每份报告的支出合计`, `最高为2021年的121.98万元`,
		// Reports are counted: the most, not the highest.
		`报告数最多为`)
	// What the figures mean is told where they are shown.
	for _, page := range []string{"index.html", "compare/2021.html", "compare/index.html", "county/jia-xian.html"} {
		mustContain(t, page, p.Page(page), `<summary>这些数字是什么意思？</summary>`, `<dt>三公经费</dt>`)
	}
}

// TestSharedEvidenceShownOnce builds a report that reads several figures
// from one sentence, as real reports do: consecutive figures share one
// evidence row after the last of them, which says how many it holds; the
// same sentence after an undisclosed figure is shown again, since
// "above" would then take in a figure it does not hold.
func TestSharedEvidenceShownOnce(t *testing.T) {
	p := buildtest.New(t, `
-- content/a/jia-2020.md --
---
county: 甲县
prefecture: 乙市
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100, basic: 60, personnel: 50, public: 10, project: 40}
sangong: {total: 2, reception: 2}
evidence:
  spending.total: "支出合计100万元。"
  spending.basic: "基本支出60万元，其中人员经费50万元，公用经费10万元。"
  spending.personnel: "基本支出60万元，其中人员经费50万元，公用经费10万元。"
  spending.public: "基本支出60万元，其中人员经费50万元，公用经费10万元。"
  spending.project: "项目支出40万元。"
  sangong.total: "三公经费2万元，全部为公务接待费。"
  sangong.reception: "三公经费2万元，全部为公务接待费。"
---
正文。
`)
	p.MustBuild()
	page := p.Page("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html")
	for sentence, want := range map[string]int{
		"支出合计100万元。": 1,
		"基本支出60万元，其中人员经费50万元，公用经费10万元。": 1,
		"项目支出40万元。":         1,
		"三公经费2万元，全部为公务接待费。": 2, // 因公出国（境）费, undisclosed, comes between
	} {
		if n := strings.Count(page, `<q class="evidence">`+sentence+`</q>`); n != want {
			t.Errorf("evidence %q shown %d times, want %d", sentence, n, want)
		}
	}
	mustMatch(t, "report", page, `公用经费</th>[^q]*</tr>\s*<tr class="evidence-row"><td colspan="3"><span class="evidence-for">以上3项：</span><q class="evidence">基本支出60万元`)
	mustMatch(t, "report", page, `支出合计</th>[^q]*</tr>\s*<tr class="evidence-row"><td colspan="3"><q class="evidence">支出合计100万元。`)
	if n := strings.Count(page, `class="evidence-for"`); n != 1 {
		t.Errorf("%d evidence rows say how many figures they hold, want 1", n)
	}
}

func TestChartDataIsJSONInDataBlocks(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	page := p.Page("compare/2021.html")
	re := regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)
	n := 0
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		attrs, body := m[1], m[2]
		if strings.Contains(attrs, "src=") {
			if strings.TrimSpace(body) != "" {
				t.Errorf("script with src has a body: %q", body)
			}
			continue
		}
		if !strings.Contains(attrs, `type="application/json"`) {
			t.Errorf("inline script that is not JSON data: <script%s>", attrs)
		}
		n++
		if !strings.HasPrefix(body, "{") || !strings.Contains(body, `"series"`) {
			t.Errorf("chart data block is not an ECharts option: %.80s", body)
		}
	}
	if n != 9 {
		t.Errorf("compare page has %d chart data blocks, want 5 charts, 2 views per staff and the explorer's 2", n)
	}
	mustContain(t, "compare", page,
		`<button type="button" aria-pressed="false" data-src="chart-spending-by-staff-data" data-variant="per-staff" data-title="支出合计（基本支出与项目支出；人均）" data-summary="`,
		`<caption>支出合计（基本支出与项目支出；人均；单位：万元/人）</caption>`,
		`data-variant-table="per-staff" hidden>`)
	// The summary of the 人均 view is made from its own figures.
	mustMatch(t, "compare", page, `data-variant="per-staff" data-title="[^"]*" data-summary="[^"]*[0-9]万元/人[^"]*">人均</button>`)
	// 甲县 2021: 120.5 万元 over 9 people, to two decimals as every
	// figure per staff member (not 13.3889).
	mustMatch(t, "compare", between(page, `data-variant-table="per-staff"`, `</table>`), `甲县</a></th><td class="num" data-value="13.39">13.39</td><td class="num" data-value="7.78">7.78</td><td class="num" data-value="5.61">5.61</td><td class="num" data-value="">—</td>`)
	mustContain(t, "compare", page, `13.39万元/人`)
	county := p.Page("county/jia-xian.html")
	mustContain(t, "county", county, `13.39`)
	perStaff := regexp.MustCompile(`\d\.\d{3,}(万元/人|<)`)
	for name, pg := range map[string]string{"compare": page, "county": county} {
		for _, view := range strings.Split(pg, `data-variant-table="per-staff"`)[1:] {
			view, _, _ = strings.Cut(view, `</table>`)
			if m := perStaff.FindString(view); m != "" {
				t.Errorf("the %s page's table per staff member shows %s, with more than two decimals", name, m)
			}
		}
		if m := perStaff.FindString(pg); strings.HasSuffix(m, "万元/人") {
			t.Errorf("the %s page says %s, with more than two decimals", name, m)
		}
	}
}

func TestLinksAreRelativeAndResolve(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	attr := regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	for _, f := range p.Files() {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		dir := ""
		if i := strings.LastIndex(f, "/"); i >= 0 {
			dir = f[:i+1]
		}
		for _, m := range attr.FindAllStringSubmatch(p.Page(f), -1) {
			link := m[1]
			switch {
			case strings.HasPrefix(link, "https://example.gov.cn/"):
				continue // a report's source link
			case strings.HasPrefix(link, "#"):
				continue
			case strings.HasPrefix(link, "/") || strings.Contains(link, "://"):
				t.Errorf("%s: link %q is not relative", f, link)
				continue
			}
			// A query (counties.html?q=…) is read by the page's script.
			target, _, _ := strings.Cut(link, "#")
			target, _, _ = strings.Cut(target, "?")
			target = resolve(dir, target)
			if !p.Exists(target) {
				t.Errorf("%s: link %q points to missing %s", f, link, target)
			}
		}
	}
}

// resolve joins a relative link to the folder of the page it is on.
func resolve(dir, link string) string {
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	if dir == "" {
		parts = nil
	}
	for _, seg := range strings.Split(link, "/") {
		switch seg {
		case "..":
			if len(parts) > 0 {
				parts = parts[:len(parts)-1]
			}
		case ".", "":
		default:
			parts = append(parts, seg)
		}
	}
	return strings.Join(parts, "/")
}

func mustContain(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, w) && !strings.Contains(html.UnescapeString(page), w) {
			t.Errorf("%s page lacks %q", what, w)
		}
	}
}

func mustMatch(t *testing.T, what, page, pattern string) {
	t.Helper()
	if !regexp.MustCompile(pattern).MatchString(page) {
		t.Errorf("%s page does not match %s", what, pattern)
	}
}

func TestFindingsArePublished(t *testing.T) {
	p := buildtest.New(t, `
-- content/taoyuan.md --
---
county: 桃源县
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 1530.53, basic: 158.65, project: 1312}
score: 100
staff: {authorized: 25, actual: 17}
---
-- content/qidong.md --
---
county: 祁东县
department: 行政审批服务局
year: 2020
type: 整体支出
spending: {total: 947.59, basic: 940.12, project: 7.46}
score: 85
grade: 优
---
`)
	sum := p.MustBuild()
	if sum.Reports != 2 {
		t.Fatalf("summary %+v", sum)
	}
	tao := p.Page("report/tao-yuan-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	mustContain(t, "桃源县 report", tao,
		`<h2 id="checks">数据核对</h2>`,
		`基本支出158.65 + 项目支出1312 = 1470.65，与支出合计1530.53相差59.88万元`,
		`自评得分100分，但未给出评价等级`,
		`⚠ 见数据核对`,
		`<td class="status-not_checked">未核对</td>`, // e.g. 三公 sums with nothing disclosed
		`<td class="status-passed">通过</td>`,
	)
	qi := p.Page("report/qi-dong-xian/2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html")
	mustContain(t, "祁东县 report", qi, `finding-rounding`, `相差0.01万元，属尾差`, `finding-discrepancy`)

	findings := p.Page("findings.html")
	mustContain(t, "findings", findings, `<table class="sortable card-table" id="findings-table">`, `data-value="59.88">59.88</td>`, `data-value="3.91">3.91%</td>`,
		// Each cell names its column, for the cards a phone shows.
		`<th scope="row" data-label="县（市、区）" data-value="tao-yuan-xian">`, `<td class="num" data-label="差额" data-value="59.88">`,
		`<td class="finding-message" data-label="说明">基本支出158.65`)
	// Each finding links to its item on its report's page, which says
	// the same, so that a journalist can cite it.
	links := regexp.MustCompile(`<a href="(report/[^"#]+)#(finding-\d+)">行政审批服务局</a>(?s:.*?)<td class="finding-message" data-label="说明">([^<]*)</td>`).FindAllStringSubmatch(findings, -1)
	if len(links) < 3 {
		t.Errorf("findings page lists %d findings, want at least 3", len(links))
	}
	for _, l := range links {
		page, id, msg := l[1], l[2], l[3]
		item := regexp.MustCompile(`<li id="` + id + `" class="finding [^"]*">(.*?)</li>`).FindStringSubmatch(p.Page(page))
		if item == nil || !strings.HasSuffix(item[1], "："+msg) {
			t.Errorf("%s#%s is not the finding %q: %q", page, id, msg, item)
		}
	}

	// findings.csv has the same findings in the same order, each with
	// the link the findings page gives it; the page points to it, and
	// the home page's downloads list it.
	var pageLinks []string
	for _, m := range regexp.MustCompile(`<a href="(report/[^"#]+#finding-\d+)">`).FindAllStringSubmatch(findings, -1) {
		pageLinks = append(pageLinks, m[1])
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(p.Page("downloads/findings.csv"), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("findings.csv: %v", err)
	}
	var csvLinks []string
	for _, row := range rows[1:] {
		csvLinks = append(csvLinks, row[len(row)-2]) // 本站页面
	}
	if rows[0][len(rows[0])-2] != "本站页面" || len(pageLinks) < 3 || !slices.Equal(csvLinks, pageLinks) {
		t.Errorf("findings.csv links %q, want the findings page's %q", csvLinks, pageLinks)
	}
	mustContain(t, "findings.csv", p.Page("downloads/findings.csv"), "\ufeff省份,地市,县（市、区）",
		",桃源县,,行政审批服务局,行政审批,2020,整体支出,,支出合计核对,sum.spending,不一致,", ",59.88,3.91,,report/tao-yuan-xian/")
	mustContain(t, "findings", findings, `<a href="downloads/findings.csv" download>findings.csv</a>`)
	mustContain(t, "home", p.Page("index.html"), `<a href="downloads/findings.csv" download>findings.csv</a>：全部核对发现，每条一行`)

	disclosure := p.Page("disclosure.html")
	mustContain(t, "disclosure", disclosure, `<th scope="col">三公经费合计</th>`, `<td class="num" data-label="三公经费合计">0%</td>`, `<td class="num" data-label="支出合计">100%</td>`)

	// The compare chart marks the report whose spending figures disagree,
	// and not the one that only rounds.
	cmp := p.Page("compare/2020.html")
	spending := between(cmp, `id="fig-spending"`, `id="fig-score"`)
	mustContain(t, "compare spending chart", spending, `桃源县 ⚠`, `>祁东县</a>`)
	if strings.Contains(spending, "祁东县 ⚠") {
		t.Error("a rounding gap is marked as a discrepancy")
	}
	// 祁东县's grade does not match its score.
	mustContain(t, "compare score chart", between(cmp, `id="fig-score"`, `id="fig-total-per-staff"`), `祁东县 ⚠`)
}

// between returns the part of s from the first from to the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

// mustBetween returns between(s, from, to), and stops the test when s
// has no from: what names the part sought in the message.
func mustBetween(t *testing.T, s, from, to, what string) string {
	t.Helper()
	if !strings.Contains(s, from) {
		t.Fatalf("no %s", what)
	}
	return between(s, from, to)
}

func TestFeedSitemapAndBaseURL(t *testing.T) {
	p := buildtest.New(t, twoCounties+`
-- content/c/published.md --
---
county: 丙县
department: 财政局
year: 2021
type: 整体支出
published: 2022-05-18
---
`)
	if _, err := p.Build(build.Config{BaseURL: "https://example.org/portal"}); err != nil {
		t.Fatal(err)
	}
	atom := p.Page("feed.xml")
	mustContain(t, "feed", atom, `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/portal/">`,
		`<updated>2022-05-18T00:00:00Z</updated>`, `<link href="report/bing-xian/2021-cai-zheng-ju-zheng-ti.html" rel="alternate" type="text/html"></link>`)
	if strings.Count(atom, "<entry>") != 1 {
		t.Errorf("feed lists %d entries, want the one report with a publication date", strings.Count(atom, "<entry>"))
	}
	mustContain(t, "sitemap", p.Page("sitemap.xml"), `<loc>https://example.org/portal/index.html</loc>`, `<loc>https://example.org/portal/county/bing-xian.html</loc>`)
	if strings.Contains(p.Page("sitemap.xml"), "404.html") {
		t.Error("sitemap lists the 404 page")
	}
	mustContain(t, "robots", p.Page("robots.txt"), "Sitemap: https://example.org/portal/sitemap.xml")
	// The downloads' column 本站页面 holds absolute URLs; reports.json's
	// page stays the path from the site's root.
	mustContain(t, "reports.csv", p.Page("downloads/reports.csv"), ",https://example.org/portal/report/bing-xian/2021-cai-zheng-ju-zheng-ti.html,")
	mustContain(t, "reports.json", p.Page("downloads/reports.json"), `"page": "report/bing-xian/2021-cai-zheng-ju-zheng-ti.html"`)
	mustContain(t, "county", p.Page("county/bing-xian.html"),
		`<link rel="canonical" href="https://example.org/portal/county/bing-xian.html">`,
		`<meta property="og:title" content="丙县部门绩效自评报告">`,
		`<link rel="icon" href="../assets/favicon.svg" type="image/svg+xml">`)
	// A phone's browser bar takes the colour of the site's header.
	brand := regexp.MustCompile(`--brand:\s*(#[0-9a-fA-F]+);`).FindStringSubmatch(p.Page("assets/site.css"))
	if brand == nil {
		t.Fatal("site.css sets no --brand colour")
	}
	mustContain(t, "county", p.Page("county/bing-xian.html"), `<meta name="theme-color" content="`+brand[1]+`">`)

	// Without a base URL there is no sitemap and no absolute link.
	p.MustBuild()
	if p.Exists("sitemap.xml") {
		t.Error("sitemap.xml without a base URL")
	}
	for _, name := range []string{"index.html", "downloads/reports.csv"} {
		if strings.Contains(p.Page(name), "example.org") {
			t.Errorf("absolute URL left in %s", name)
		}
	}
	mustContain(t, "reports.csv", p.Page("downloads/reports.csv"), ",report/bing-xian/2021-cai-zheng-ju-zheng-ti.html,")

	if _, err := p.Build(build.Config{BaseURL: "javascript:alert(1)"}); err == nil {
		t.Error("a javascript: base URL was accepted")
	}
}

// TestNotFoundPageLinksAbsoluteWithBaseURL: hosts show 404.html at any
// missing path. With a base URL its links are absolute; without one, its
// script finds the site's root when it is shown (the browser test
// TestNotFoundAtAnyDepth), and no other page has that script.
func TestNotFoundPageLinksAbsoluteWithBaseURL(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	page := p.Page("404.html")
	mustContain(t, "404", page, `root + "assets/site.css"`, `script-src 'self' &#39;sha256-`)
	if strings.Contains(page, `href="assets/site.css"`) {
		t.Error("404.html without a base URL links its stylesheet relative to where it lies")
	}
	if strings.Contains(p.Page("index.html"), "sha256-") {
		t.Error("the home page allows an inline script")
	}
	if _, err := p.Build(build.Config{BaseURL: "https://example.org/portal/"}); err != nil {
		t.Fatal(err)
	}
	page = p.Page("404.html")
	mustContain(t, "404", page, `href="https://example.org/portal/assets/site.css"`, `href="https://example.org/portal/index.html"`)
	if strings.Contains(page, "sha256-") || strings.Contains(page, "<script>") {
		t.Error("404.html with a base URL has the script that finds the root")
	}
}

// TestSameNamedCountiesToldApart builds two counties of one name in
// different prefectures, as 和平区 of 天津市 and of 沈阳市: wherever
// counties are listed together, each is named with its prefecture, while
// a county whose name is its own keeps it plain, and each county's own
// page keeps its name.
func TestSameNamedCountiesToldApart(t *testing.T) {
	report := func(prefecture, province string, total int) string {
		return fmt.Sprintf(`---
county: 和平区
prefecture: %s
province: %s
department: 财政局
year: 2021
type: 整体支出
spending: {total: %d, basic: 60, project: 50}
staff: {authorized: 10, actual: 8}
---
正文。
`, prefecture, province, total)
	}
	p := buildtest.New(t, "-- content/tj.md --\n"+report("天津市", "天津市", 100)+
		"-- content/sy.md --\n"+report("沈阳市", "辽宁省", 120)+
		"-- content/jia.md --\n---\ncounty: 甲县\nprefecture: 乙市\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nspending: {total: 90, basic: 60, project: 30}\n---\n正文。\n")
	p.MustBuild()
	tianjin, shenyang := "和平区（天津市）", "和平区（沈阳市）"
	cmp := p.Page("compare/2021.html")
	mustContain(t, "compare 2021", cmp,
		`<option value="he-ping-qu-tian-jin-shi">`+tianjin+`</option>`,
		`<option value="he-ping-qu-shen-yang-shi">`+shenyang+`</option>`,
		`<option value="jia-xian">甲县</option>`,
		`">`+tianjin+`</a> <a class="flag"`, // 100 ≠ 60 + 50: flagged in the spending chart's table
		`"`+shenyang+` ⚠"`,                  // the chart's categories
	)
	mustContain(t, "compare years", p.Page("compare/index.html"),
		`href="../county/he-ping-qu-tian-jin-shi.html">`+tianjin+`</a>`,
		`href="../county/he-ping-qu-shen-yang-shi.html">`+shenyang+`</a>`)
	mustContain(t, "findings", p.Page("findings.html"), `>`+tianjin+`</a>`, `>`+shenyang+`</a>`)
	mustContain(t, "disclosure", p.Page("disclosure.html"), `>`+tianjin+` 2021 财政局</a>`, `>`+shenyang+`</a></th>`, `>甲县</a></th>`)
	for _, page := range []string{"county/he-ping-qu-tian-jin-shi.html", "county/he-ping-qu-shen-yang-shi.html"} {
		mustContain(t, page, p.Page(page), `<h1>和平区</h1>`)
	}
	if strings.Contains(cmp, "甲县（乙市）") {
		t.Error("a county whose name is its own is named with its prefecture")
	}
}

// TestUnreadableToldFromUndisclosed builds a site where one report gives
// its total and score in a form that could not be read (无法识别) and
// another leaves them out (未披露): the county page's table and the year's
// compare tables must tell the two apart, as the home table does.
func TestUnreadableToldFromUndisclosed(t *testing.T) {
	p := buildtest.New(t, `
-- content/jia-2021.md --
---
county: 甲县
department: 财政局
year: 2021
type: 整体支出
spending: {total: 无法识别, basic: 60, project: 40}
score: 无法识别
staff: {actual: 8}
---
正文。
-- content/yi-2021.md --
---
county: 乙县
department: 财政局
year: 2021
type: 整体支出
spending: {basic: 50, project: 30}
---
正文。
`)
	p.MustBuild()
	na := func(s string) string { return `<span class="na">` + s + `</span>` }
	// 甲县's total, score and total per staff member could not be read.
	if n := strings.Count(p.Page("county/jia-xian.html"), na("无法识别")); n != 3 {
		t.Errorf("甲县's county page says 无法识别 %d times; want 3 (total, score, total per staff member)", n)
	}
	if n := strings.Count(p.Page("county/yi-xian.html"), na("无法识别")); n != 0 {
		t.Errorf("乙县's county page says 无法识别 %d times; want none", n)
	}
	// The spending chart's tables (totals, then per staff member) have a
	// row for each county, whose 合计 cell says which, and so does its
	// label, since its parts are drawn.
	cmp := p.Page("compare/2021.html")
	rows := regexp.MustCompile(`<tr><th scope="row"><a [^>]*>(甲县|乙县)(（合计[^<]*）)</a></th>.*</tr>`).FindAllStringSubmatch(cmp, -1)
	if len(rows) != 4 {
		t.Fatalf("compare 2021 has %d rows for 甲县 and 乙县 labelled as giving no total; want 4", len(rows))
	}
	for _, row := range rows {
		want, not := "未披露", "无法识别"
		if row[1] == "甲县" {
			want, not = not, want
		}
		if !strings.Contains(row[0], na(want)) || strings.Contains(row[0], na(not)) || row[2] != "（合计"+want+"）" {
			t.Errorf("compare 2021: %s's row %q; want %s", row[1], row[0], want)
		}
	}
}

// TestChartSummariesSpeakOfAll builds a year of 45 reports, more than a
// chart shows: the summary of the score chart must count the reports
// that give a score (not those shown, nor all), name the lowest of them
// all (not of those shown), say how many share the highest score, and
// say when the chart's length cuts through a tie.
func TestChartSummariesSpeakOfAll(t *testing.T) {
	var b strings.Builder
	for i := 1; i <= 45; i++ {
		score := fmt.Sprintf("score: %d\n", 99-i)
		switch {
		case i <= 3:
			score = "score: 100\n" // three share the highest
		case i > 42:
			score = "" // three give none
		}
		fmt.Fprintf(&b, "-- content/r%02d.md --\n---\ncounty: 测%02d县\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\n%s---\n正文。\n", i, i, score)
	}
	p := buildtest.New(t, b.String())
	p.MustBuild()
	cmp := p.Page("compare/2021.html")
	mustContain(t, "compare 2021", cmp,
		"自评得分（42份有数据，显示最高的40份）",
		// The scores come without grades, which does not put them in
		// doubt: the names are not flagged.
		"42份有数据，图中为最高的40份；自评得分最高的是测01县等3份（100分），最低的是测42县（57分）。",
		// The explorer counts reports by 份 too.
		"未选县时显示该指标最高的40份报告。")

	// When the chart's length cuts through a tie, the summary says so:
	// four give 60, and the 40 bars hold two of them.
	for i := 39; i <= 42; i++ {
		p.Write(fmt.Sprintf("content/r%02d.md", i), fmt.Sprintf("---\ncounty: 测%02d县\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nscore: 60\n---\n正文。\n", i))
	}
	p.MustBuild()
	mustContain(t, "compare 2021, a tie at the cut", p.Page("compare/2021.html"),
		"42份有数据，图中为最高的40份（自评得分为60分的共4份，图中只列出其中2份）；自评得分最高的是测01县等3份（100分），最低的是测39县等4份（60分）。")
}

// TestDepartmentsNamedWhenMixed builds a year whose reports come from two
// departments: charts and the home page's cards must name each report's
// department, so that one department's spending is not read as its
// county's; the cards say how many share the highest value, and give
// averages to two decimals.
func TestDepartmentsNamedWhenMixed(t *testing.T) {
	r := func(county, dept string, total string, score int) string {
		return fmt.Sprintf("---\ncounty: %s\ndepartment: %s\nyear: 2021\ntype: 整体支出\nspending: {total: %s}\nscore: %d\ngrade: 优\n---\n正文。\n", county, dept, total, score)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "财政局", "100.001", 95)+
		"-- content/b.md --\n"+r("乙县", "教育局", "200", 95)+
		"-- content/c.md --\n"+r("丙县", "教育局", "50", 90))
	p.MustBuild()
	home := p.Page("index.html")
	mustContain(t, "home", home,
		"乙县·教育局；3份报告披露，平均116.67万元", // 350.001 / 3
		"甲县·财政局等2份；3份报告披露，平均93.33分")
	mustContain(t, "compare 2021", p.Page("compare/2021.html"), ">乙县·教育局</a>", ">丙县·教育局</a>", ">甲县·财政局</a>")

	// One department throughout: the county's name is enough.
	p.Write("content/a.md", r("甲县", "教育局", "100", 95))
	p.MustBuild()
	mustContain(t, "compare 2021, one department", p.Page("compare/2021.html"), ">乙县</a>", ">甲县</a>")
}

// departmentYear returns a report file of the 财政局 of county for year,
// whose spending is total: basic 50 and project as given.
func departmentYear(county string, year int, total, project string) string {
	return fmt.Sprintf("---\ncounty: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {total: %s, basic: 50, project: %s}\n---\n正文。\n",
		county, year, total, project)
}

// TestLikelyUnitSlipsLeftOutOfComparisons builds a department whose 2021
// project spending is entered in 元 (10,000 times its other years, which
// the check unit.years finds): it must not be ranked or top the year's
// charts or cards, and its cells there must say why; its county page
// keeps the figure as given, flagged.
func TestLikelyUnitSlipsLeftOutOfComparisons(t *testing.T) {
	r := departmentYear
	p := buildtest.New(t, "-- content/a19.md --\n"+r("甲县", 2019, "130", "80")+
		"-- content/a20.md --\n"+r("甲县", 2020, "140", "90")+
		"-- content/a21.md --\n"+r("甲县", 2021, "135", "850000")+ // 85万元 written in 元
		"-- content/b21.md --\n"+r("乙县", 2021, "300", "250")+
		"-- content/c21.md --\n"+r("丙县", 2021, "200", "150")+
		"-- content/d21.md --\n"+r("丁县", 2021, "12005000", "11955000")) // in 元, and no other year: unit.size
	p.MustBuild()
	rep := p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html")
	if !strings.Contains(rep, "unit.years") && !strings.Contains(rep, "跨年度数量级核对") {
		t.Fatal("the slip is not found; the test needs another figure")
	}
	// Ranked among two, not three, by project spending; its own place
	// is left out.
	mustContain(t, "乙县 2021", p.Page("report/yi-xian/2021-cai-zheng-ju-zheng-ti.html"), "第1名")
	cmp := p.Page("compare/2021.html")
	if strings.Contains(cmp, "850000") || strings.Contains(cmp, "12005000") {
		t.Error("the compare page shows a slipped figure")
	}
	// The home page's list of reports shows figures as given, marked,
	// but sorts them with those not disclosed (an empty data-value), not
	// first; its cards and charts leave the slip out.
	home := p.Page("index.html")
	mustMatch(t, "home", home, `<td class="num" data-value="">12005000 <a class="flag" href="report/ding-xian/2021-cai-zheng-ju-zheng-ti\.html#checks"`)
	if strings.Count(home, "12005000") != 1 {
		t.Errorf("the home page shows 12005000 %d times; want only in its list's cell", strings.Count(home, "12005000"))
	}
	mustContain(t, "compare 2021", cmp, `<span class="na">疑为单位错误</span>`)
	mustContain(t, "甲县 2021", rep, "<td>疑为单位错误，不参加排名</td>")
	county := p.Page("county/jia-xian.html")
	mustMatch(t, "county", county, `data-value="" data-label="项目支出（万元）">850000 <a class="flag" href="\.\./report/jia-xian/2021-cai-zheng-ju-zheng-ti\.html#checks"`)
}

// flagRE matches the ⚠ mark after a flagged report's name in a chart's
// table: a link to its checks that says what it means.
const flagRE = `<a class="flag" href="[^"]*#checks" title="[^"]+"><span aria-hidden="true">⚠</span><span class="visually-hidden">[^<]+</span></a>`

// TestWhichSideSlipped builds the cases where a flag alone does not tell
// the slip: two years ten thousand times apart (both are flagged; only
// the one no county department reaches is left out), growth of nine
// times whose parts add up to an unflagged total (kept), and a 三公 total
// a hundred times its items (left out).
func TestWhichSideSlipped(t *testing.T) {
	r := func(county string, year int, figures string) string {
		return fmt.Sprintf("---\ncounty: %s\ndepartment: 水利局\nyear: %d\ntype: 整体支出\n%s\n---\n正文。\n", county, year, figures)
	}
	p := buildtest.New(t, "-- content/j22.md --\n"+r("己县", 2022, "spending: {total: 1500, basic: 500, project: 1000}")+
		"-- content/j23.md --\n"+r("己县", 2023, "spending: {total: 15000000, basic: 5000000, project: 10000000}")+ // in 元
		"-- content/g22.md --\n"+r("庚县", 2022, "spending: {total: 1500, basic: 500, project: 1000}")+
		"-- content/g23.md --\n"+r("庚县", 2023, "spending: {total: 9520, basic: 520, project: 9000}")+ // growth
		"-- content/x23.md --\n"+r("辛县", 2023, "spending: {total: 800, basic: 500, project: 300}\nsangong: {total: 850, abroad: 0, reception: 5, vehicles: 3.5}"))
	p.MustBuild()
	c22, c23 := p.Page("compare/2022.html"), p.Page("compare/2023.html")
	mustMatch(t, "compare 2022", c22, `>己县</a> `+flagRE+`</th><td class="num" data-value="1500">1500</td><td class="num" data-value="500">500</td><td class="num" data-value="1000">1000</td>`)
	if strings.Contains(c23, "15000000") || strings.Contains(c23, "10000000") {
		t.Error("compare 2023 shows 己县's figures typed in 元")
	}
	mustMatch(t, "compare 2023", c23, `>庚县</a> `+flagRE+`</th><td class="num" data-value="9520">9520</td><td class="num" data-value="520">520</td><td class="num" data-value="9000">9000</td>`)
	if strings.Contains(c23, ">850<") {
		t.Error("compare 2023 charts 辛县's 三公 total, a hundred times its items")
	}
	mustContain(t, "home", p.Page("index.html"), "支出合计最高", "9520万元")
}

// TestNoChangeFromASlip: a county page tells no change from or to a
// likely unit slip, and its trend chart does not draw it; the report page
// of the year after tells no change from it either.
func TestNoChangeFromASlip(t *testing.T) {
	r := func(year int, project string) string {
		return fmt.Sprintf("---\ncounty: 甲县\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {project: %s}\n---\n正文。\n", year, project)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r(2020, "80")+"-- content/b.md --\n"+r(2021, "850000")+
		"-- content/c.md --\n"+r(2022, "90")+"-- content/d.md --\n"+r(2023, "95"))
	p.MustBuild()
	county := p.Page("county/jia-xian.html")
	for _, bad := range []string{"1062400", "-100.0%"} { // +1062400.0% from 80, -100.0% to 90
		if strings.Contains(county, bad) {
			t.Errorf("the county page has %q: a change from or to the slip", bad)
		}
	}
	mustContain(t, "county", county, "▲ 增加5（+5.6%）") // 2022 to 2023 is told
	after := p.Page("report/jia-xian/2022-cai-zheng-ju-zheng-ti.html")
	if strings.Contains(after, "-100.0%") {
		t.Error("the 2022 report page tells a change from the slip")
	}
	// The year after shows the slip as its 上年, marked, with a link to
	// the checks of the report that gave it.
	mustContain(t, "2022 report", after,
		`<td class="num">850000万元 <a class="flag" href="../../report/jia-xian/2021-cai-zheng-ju-zheng-ti.html#checks" title="上年数字疑为单位错误`)
	// The trend chart's data has no 850000 (its table says why).
	i := strings.Index(county, `id="chart-s1-spending-data"`)
	if i < 0 {
		t.Fatal("no trend chart")
	}
	if end := strings.Index(county[i:], "</script>"); strings.Contains(county[i:i+end], "850000") {
		t.Error("the trend chart draws the slip")
	}
}

// TestSlippedPartKeepsTheBar: a stacked bar whose part is a likely unit
// slip keeps its total's length: what the other parts leave is a segment
// of its own, as for a part not disclosed. The years' table says why the
// total of a slipped year is not shown.
func TestSlippedPartKeepsTheBar(t *testing.T) {
	r := func(year int, figures string) string {
		return fmt.Sprintf("---\ncounty: 戊县\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {%s}\n---\n正文。\n", year, figures)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r(2021, "total: 1300, basic: 500, project: 800")+
		"-- content/b.md --\n"+r(2022, "total: 1350, basic: 550, project: 800")+
		"-- content/c.md --\n"+r(2023, "total: 1400, basic: 600, project: 8000000")+
		"-- content/d.md --\n"+r(2020, "total: 13000000, basic: 500, project: 800")+ // the total in 元
		// Another county's, for 2023 to have a comparison.
		"-- content/e.md --\n"+strings.Replace(r(2023, "total: 900, basic: 400, project: 500"), "戊县", "己县", 1))
	p.MustBuild()
	mustMatch(t, "compare 2023", p.Page("compare/2023.html"),
		`>戊县</a> `+flagRE+`</th><td class="num" data-value="1400">1400</td><td class="num" data-value="600">600</td><td class="num" data-value=""><span class="na">疑为单位错误</span></td><td class="num" data-value="800">800</td>`)
	mustContain(t, "compare years", p.Page("compare/index.html"), `<span class="na">疑为单位错误</span>`)
}

// TestTiesSaid: a place shared by equal values says how many share it,
// on the report's page and its county's.
func TestTiesSaid(t *testing.T) {
	r := func(county string, score int) string {
		return fmt.Sprintf("---\ncounty: %s\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore: %d\n---\n正文。\n", county, score)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", 90)+"-- content/b.md --\n"+r("乙县", 90)+"-- content/c.md --\n"+r("丙县", 80))
	p.MustBuild()
	mustContain(t, "甲县 report", p.Page("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"), "第1名/共3份（2份并列）")
	mustContain(t, "乙县 county", p.Page("county/yi-xian.html"), "第1名/共3份（2份并列）")
	bing := p.Page("report/bing-xian/2020-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丙县 report", bing, "第3名/共3份")
	if strings.Contains(bing, "第3名/共3份（") {
		t.Error("a place of its own is said to be shared")
	}
}

// TestExplorerKeysUnique: two departments of a county whose names make
// the same slug (教育局(机关) and 教育局（机关）) are two choices of the
// compare page's explorer, not one key that chooses both.
func TestExplorerKeysUnique(t *testing.T) {
	r := func(dept, total string) string {
		return fmt.Sprintf("---\ncounty: 甲县\ndepartment: %s\nyear: 2023\ntype: 整体支出\nspending: {total: %s}\n---\n正文。\n", dept, total)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("教育局(机关)", "300")+"-- content/b.md --\n"+r("教育局（机关）", "200")+
		"-- content/c.md --\n"+r("卫生局", "100"))
	p.MustBuild()
	page := p.Page("compare/2023.html")
	keys := regexp.MustCompile(`<option value="(jia-xian[^"]*)">`).FindAllStringSubmatch(page, -1)
	var got []string
	for _, k := range keys {
		got = append(got, k[1])
	}
	slices.Sort(got)
	if want := []string{"jia-xian.jiao-yu-ju-ji-guan", "jia-xian.jiao-yu-ju-ji-guan-2", "jia-xian.wei-sheng-ju"}; !slices.Equal(got, want) {
		t.Errorf("explorer choices %q, want %q", got, want)
	}
	mustContain(t, "compare 2023", page, `"keys":["jia-xian.jiao-yu-ju-ji-guan","jia-xian.jiao-yu-ju-ji-guan-2","jia-xian.wei-sheng-ju"]`)
}

// TestYearsChartsShowMissingYears builds reports of 2020, 2021 and 2023:
// the charts across years keep a place for 2022, with no value, so that
// their lines break there rather than join 2021 to 2023 as if they were
// a year apart (the counts of reports are bars, with an empty place); and the axis of the number of reports has no ticks
// between whole reports (0.5 份). That chart also gives, each year, the
// number of reports that give each figure averaged.
func TestYearsChartsShowMissingYears(t *testing.T) {
	var archive strings.Builder
	for _, y := range []int{2020, 2021, 2023} {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: 甲县\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {total: 100}\nscore: 90\n---\n正文。\n", y, y)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	page := p.Page("compare/index.html")
	count := between(page, `<script type="application/json" id="chart-years-count-data">`, `</script>`)
	mustContain(t, "compare/index years-count", count,
		`"data":["2020","2021","2022","2023"]`, `"data":[{"value":1},{"value":1},{"value":"-"},{"value":1}]`,
		`"yAxis":[{"name":"份","type":"value","minInterval":1}]`,
		// How many reports each average is of: these give no 三公经费.
		`{"name":"给出支出合计的","type":"bar","data":[{"value":1},{"value":1},{"value":"-"},{"value":1}]`,
		`{"name":"给出三公经费的","type":"bar","data":[{"value":0},{"value":0},{"value":"-"},{"value":0}]`)
	spending := between(page, `<script type="application/json" id="chart-years-spending-data">`, `</script>`)
	mustContain(t, "compare/index years-spending", spending,
		`"data":["2020","2021","2022","2023"]`, `{"value":"-"}`)
	if strings.Contains(spending, "minInterval") {
		t.Error("the axis of average spending is limited to whole numbers")
	}
}

// TestFlagsSayWhy builds a department with a likely unit slip: wherever a
// ⚠ marks a figure or a name in a table (the home page, the list of
// reports, the county page, the compare page, the next year's report
// page), the mark links to the report's checks and says what it means in
// text a screen reader reads and a phone shows without hover (visually
// hidden, not only a title); for a slip it says 疑为单位错误.
func TestFlagsSayWhy(t *testing.T) {
	r := departmentYear
	p := buildtest.New(t, "-- content/a19.md --\n"+r("甲县", 2019, "130", "80")+
		"-- content/a20.md --\n"+r("甲县", 2020, "140", "90")+
		"-- content/a21.md --\n"+r("甲县", 2021, "135", "850000")+ // 85万元 written in 元: unit.years
		"-- content/a22.md --\n"+r("甲县", 2022, "150", "100")+
		"-- content/b21.md --\n"+r("乙县", 2021, "300", "250")+
		"-- content/d21.md --\n"+r("丁县", 2021, "12005000", "11955000")) // in 元: unit.size
	p.MustBuild()
	flag := regexp.MustCompile(`<a class="flag"[^>]*>.*?</a>`)
	said := regexp.MustCompile(`^<a class="flag" href="[^"]*#checks" title="([^"]+)"><span aria-hidden="true">⚠</span><span class="visually-hidden">([^<]+)</span></a>$`)
	for _, c := range []struct {
		page, slipped string // the page, and a figure on it that slipped
	}{
		{"index.html", "12005000"},
		{"reports/index.html", "12005000"},
		{"county/ding-xian.html", "12005000"},
		{"county/jia-xian.html", "850000"},
		{"compare/2021.html", ""},
		{"report/jia-xian/2022-cai-zheng-ju-zheng-ti.html", "850000万元"},
	} {
		page := p.Page(c.page)
		n := 0
		for _, m := range flag.FindAllStringIndex(page, -1) {
			a := page[m[0]:m[1]]
			if strings.Contains(a, `href="#checks"`) {
				continue // a report's own figures: ⚠ 见数据核对, in plain text
			}
			n++
			sm := said.FindStringSubmatch(a)
			if sm == nil || sm[1] != sm[2] {
				t.Errorf("%s: the mark %s does not say what it means in visually hidden text", c.page, a)
				continue
			}
			if c.slipped != "" && strings.HasSuffix(page[:m[0]], c.slipped+" ") && !strings.Contains(sm[2], "疑为单位错误") {
				t.Errorf("%s: the mark after %s says %q; want it to say 疑为单位错误", c.page, c.slipped, sm[2])
			}
		}
		if n == 0 {
			t.Errorf("%s has no ⚠ mark linking to a report's checks", c.page)
		}
		if c.slipped != "" && !strings.Contains(page, c.slipped+` <a class="flag"`) {
			t.Errorf("%s: %s is not marked", c.page, c.slipped)
		}
	}
	// A report's own figure that slipped says so in its row, in plain
	// text; one that a finding concerns otherwise, 见数据核对.
	a21 := p.Page("report/jia-xian/2021-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "甲县 2021", a21, `<th scope="row">项目支出 <a class="flag" href="#checks" title="疑为单位错误，不参加排名，见数据核对">⚠ 疑为单位错误</a></th>`)
	d21 := p.Page("report/ding-xian/2021-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丁县 2021", d21, `<th scope="row">支出合计 <a class="flag" href="#checks" title="疑为单位错误，不参加排名，见数据核对">⚠ 疑为单位错误</a></th>`)
	// On the compare page, the names flagged in a chart's table: their
	// mark follows the link to the report, outside it.
	mustMatch(t, "compare 2021", p.Page("compare/2021.html"), `>丁县</a> <a class="flag" href="\.\./report/ding-xian/2021-cai-zheng-ju-zheng-ti\.html#checks"`)
	// The page's words: the downloads sort otherwise than the site ranks
	// unless the slips are left out; a ⚠ after a name names no kind of
	// finding, which may be a gap rather than a slip.
	mustContain(t, "compare 2021", p.Page("compare/2021.html"),
		"疑为单位错误的数字在下载的表中写作“疑为单位错误”，不会排到前面，原数列在“疑为单位错误”一列；“部门类别”一列可用来筛选同类部门。",
		`title="该报告的数字之间有不一致或疑点，见该报告的数据核对"`)
}

// The change in 三公经费 a report states is shown on its page with its
// direction, as the changes beside the other figures are (增加0.4, 减少0.4,
// 持平), not as a bare 0.4 that does not say which; the downloads keep
// the signed number.
func TestStatedSangongChangeSaysItsDirection(t *testing.T) {
	r := func(county string, change string) string {
		return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: {total: 100}\nsangong: {total: 8.5, reception: 8.5, change: " + change + "}\n---\n正文。\n"
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "0.4")+"-- content/b.md --\n"+r("乙县", "-0.4")+"-- content/c.md --\n"+r("丙县", "0"))
	p.MustBuild()
	for slug, want := range map[string]string{"jia-xian": "增加0.4", "yi-xian": "减少0.4", "bing-xian": "持平"} {
		page := p.Page("report/" + slug + "/2020-cai-zheng-ju-zheng-ti.html")
		mustMatch(t, slug, page, `较上年增减（报告所述）</th>\s*<td class="num">`+want+`</td>`)
	}
	mustContain(t, "reports.csv", p.Page("downloads/reports.csv"), ",-0.4,", ",0.4,")
}

// TestSlipGapsListedAfterOthers: on the findings page, a discrepancy that
// a likely unit slip explains (甲县's 850000 of project spending, 85万元
// typed in 元, which makes its total short by 849915) comes after the
// discrepancies of its severity that none explains, whatever its gap.
func TestSlipGapsListedAfterOthers(t *testing.T) {
	r := departmentYear
	p := buildtest.New(t, "-- content/a19.md --\n"+r("甲县", 2019, "130", "80")+
		"-- content/a20.md --\n"+r("甲县", 2020, "140", "90")+
		"-- content/a21.md --\n"+r("甲县", 2021, "135", "850000")+
		"-- content/b21.md --\n"+r("乙县", 2021, "300", "200")) // short by 50
	p.MustBuild()
	page := p.Page("findings.html")
	jia := strings.Index(page, "849915")
	yi := strings.Index(page, ">50<")
	if jia < 0 || yi < 0 {
		t.Fatalf("findings.html lacks a gap (甲县 %d, 乙县 %d):\n%s", jia, yi, page)
	}
	if jia < yi {
		t.Error("the gap a unit slip explains is listed before the report's own gap")
	}
}

// TestCountyScoreChangeInPoints: a county page tells a score's change in
// points (分), not as a share of the year before, as the report page does.
func TestCountyScoreChangeInPoints(t *testing.T) {
	r := func(year int, score string) string {
		return fmt.Sprintf("---\ncounty: 甲县\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nscore: %s\n---\n正文。\n", year, score)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r(2022, "88")+"-- content/b.md --\n"+r(2023, "97"))
	p.MustBuild()
	county := p.Page("county/jia-xian.html")
	mustContain(t, "county", county, "▲ 增加9分")
	if strings.Contains(county, "+10.2%") {
		t.Error("the county page tells a score's change as a share: +10.2%")
	}
}

// TestExplorerFirstViewSaysAll builds a year of 45 reports: the compare
// page's explorer, before its script runs, draws the highest
// explorerLimit (40, as many as the charts below it), as the script does
// and the page says, and
// sums up every report that gives the figure, naming the lowest of all,
// not the lowest drawn.
func TestExplorerFirstViewSaysAll(t *testing.T) {
	var archive strings.Builder
	for i := range 45 {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: 县%02d\ndepartment: 财政局\nyear: 2023\ntype: 整体支出\nspending: {total: %d}\n---\n正文。\n", i, i, 1000+i)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	page := p.Page("compare/2023.html")
	fig := between(page, `<figure class="chart-block" id="fig-explorer"`, `</figure>`)
	mustContain(t, "explorer caption", fig, "45份有数据，图中为最高的40份", "最高的是县44（1044万元）", "最低的是县00（1000万元）")
	// A county has one report: the list is of counties.
	mustContain(t, "explorer", page, ">县（市、区），可多选</label>", ">县07</option>")
	const explorerLimit = 40 // pages.ExplorerLimit
	option := between(page, `<script type="application/json" id="chart-explorer-data">`, `</script>`)
	if n := strings.Count(between(option, `"yAxis"`, `]`), `"县`); n != explorerLimit {
		t.Errorf("the explorer's first view draws %d reports, want %d", n, explorerLimit)
	}
}

// TestStackedPartsWithoutWholeSaySo: on a compare page, a report that
// gives its 三公 items but not their total is drawn after those that give
// it (it cannot be ranked), its items a bar that may be longer than the
// bars above it: its label says the total is not given, in the chart and
// its table; a report giving its total is labelled as ever.
func TestStackedPartsWithoutWholeSaySo(t *testing.T) {
	r := func(county, sangong string) string {
		return fmt.Sprintf("---\ncounty: %s\ndepartment: 教育局\nyear: 2021\ntype: 整体支出\nspending: {total: 1000}\nsangong: %s\n---\n正文。\n", county, sangong)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "{total: 85, abroad: 0, reception: 40, vehicles: 45}")+
		"-- content/b.md --\n"+r("乙县", "{abroad: 0, reception: 112.73, vehicles: 45.04}"))
	p.MustBuild()
	page := p.Page("compare/2021.html")
	option := between(page, `<script type="application/json" id="chart-sangong-data">`, `</script>`)
	mustContain(t, "sangong chart", option, `乙县（合计未披露）`)
	if strings.Contains(option, "甲县（") {
		t.Error("a report giving its total is labelled as not giving it")
	}
	table := between(page, `<figure class="chart-block" id="fig-sangong"`, `</figure>`)
	mustContain(t, "sangong table", table, "乙县（合计未披露）")
}

// TestStackedPartsOverWholeDrawWhole: on a compare page, a report whose
// 基本支出 and 项目支出 add up to more than its 支出合计 is drawn as its
// 支出合计 in one piece (a stack of its parts would be longer than the
// whole it is ranked by, and than the bars above it), its label says why,
// and its table row keeps the parts with their excess as a negative
// 未分项或差额; a report whose parts add up is drawn as ever.
func TestStackedPartsOverWholeDrawWhole(t *testing.T) {
	r := func(county, spending string) string {
		return fmt.Sprintf("---\ncounty: %s\ndepartment: 教育局\nyear: 2021\ntype: 整体支出\nspending: %s\n---\n正文。\n", county, spending)
	}
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "{total: 1200, basic: 400, project: 800}")+
		"-- content/b.md --\n"+r("乙县", "{total: 1000, basic: 700, project: 600}")+
		"-- content/c.md --\n"+r("丙县", "{total: 900.01, basic: 400, project: 500}"))
	p.MustBuild()
	page := p.Page("compare/2021.html")
	var option struct {
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Name string
			Data []struct{ Value any }
		}
	}
	const start = `<script type="application/json" id="chart-spending-data">`
	raw := strings.TrimPrefix(between(page, start, `</script>`), start)
	if err := json.Unmarshal([]byte(raw), &option); err != nil {
		t.Fatalf("spending chart's option: %v\n%s", err, raw)
	}
	if len(option.YAxis) != 1 {
		t.Fatalf("spending chart: %d category axes", len(option.YAxis))
	}
	wantCats := []string{"甲县", "乙县 ⚠（分项之和超出合计）", "丙县"} // ⚠: the check's finding
	if !slices.Equal(option.YAxis[0].Data, wantCats) {
		t.Fatalf("spending chart's bars %q, want %q", option.YAxis[0].Data, wantCats)
	}
	drawn := map[string][]any{}
	for _, s := range option.Series {
		for _, d := range s.Data {
			drawn[s.Name] = append(drawn[s.Name], d.Value)
		}
	}
	want := map[string][]any{
		"基本支出":         {400.0, "-", 400.0},
		"项目支出":         {800.0, "-", 500.0},
		"未分项或差额":       {"-", "-", "-"}, // 丙县's 0.01 is rounding
		"合计（分项之和超出合计）": {"-", 1000.0, "-"},
	}
	if !reflect.DeepEqual(drawn, want) {
		t.Errorf("spending chart draws %v, want %v", drawn, want)
	}
	table := between(between(page, `<figure class="chart-block" id="fig-spending"`, `</figure>`), `data-variant-table="main"`, `</table>`)
	row := between(table, "乙县 ⚠（分项之和超出合计）", "</tr>")
	mustContain(t, "乙县's row", row, ">700<", ">600<", ">-300<", ">1000<")
	if strings.Contains(table, "合计（分项之和超出合计）") {
		t.Error("the table has a column for the whole drawn in one piece, which its 合计 column gives")
	}
}

// TestPerStaffOnlyWithinAKind: a year of 教育局 and 档案馆 reports compares
// nothing per staff member on the page of every department (its charts
// have no 人均 view or chart, its explorer no such metric, and its note
// says why) nor on the home page, whose chart is of that year; the page
// of 教育局s alone does, as a site of one kind of department does.
func TestPerStaffOnlyWithinAKind(t *testing.T) {
	const rest = "spending: {total: %d, basic: 100, project: %d}\nsangong: {total: 3, abroad: 0, reception: 1, vehicles: 2}\nstaff: {authorized: 10, actual: 8}\n"
	p := buildtest.New(t, deptFile("a", "甲县", "教育局", 2021, "整体支出", fmt.Sprintf(rest, 5100, 5000))+"正文。\n"+
		deptFile("b", "乙县", "教育局", 2021, "整体支出", fmt.Sprintf(rest, 4100, 4000))+"正文。\n"+
		deptFile("c", "甲县", "档案馆", 2021, "整体支出", fmt.Sprintf(rest, 150, 50))+"正文。\n"+
		deptFile("d", "乙县", "档案馆", 2021, "整体支出", fmt.Sprintf(rest, 130, 30))+"正文。\n")
	p.MustBuild()
	perStaff := []string{`id="chart-spending-by-staff-data"`, `id="chart-sangong-by-staff-data"`, `id="chart-total-per-staff-data"`,
		`id="chart-sangong-per-staff-data"`, `"total_per_staff"`, `"sangong_per_staff"`}
	all := p.Page("compare/2021.html")
	for _, s := range perStaff {
		if strings.Contains(all, s) {
			t.Errorf("the page of every department compares per staff member: it has %s", s)
		}
	}
	mustContain(t, "compare 2021", all, "本页也不比较人均数", "比较同类部门（包括人均数），请在下面选择部门。",
		// The explorer's list names departments: a county has two reports.
		">报告（县（市、区）·部门），可多选</label>", ">甲县·教育局</option>")
	if home := p.Page("index.html"); strings.Contains(home, `id="chart-home-spending-by-staff-data"`) {
		t.Error("the home page's chart of a year of two kinds has a 人均 view")
	}
	edu := p.Page("compare/2021/jiao-yu.html")
	mustContain(t, "compare 2021 教育", edu, perStaff...)
	// Its explorer names each report by its county alone: they are all
	// of 教育局 (see TestKindPageNamesCountiesAlone).
	mustContain(t, "compare 2021 教育", edu, ">县（市、区），可多选</label>", ">甲县</option>")
	if strings.Contains(edu, "本页也不比较人均数") {
		t.Error("the page of one kind says it does not compare per staff member")
	}
}

// TestLeadsAreShort: a compare page opens with what it compares and
// where the whole data is, in a few lines on a phone; how its charts show
// what is missing, doubtful or left over is folded away until asked for,
// above what the numbers mean. The findings page opens with what it
// lists, what it checks folded likewise; the disclosure page with what
// its table shows, how to read it folded.
func TestLeadsAreShort(t *testing.T) {
	p := buildtest.New(t, jiaAndYi("spending: {total: 100}\n", "spending: {total: 200}\n"))
	p.MustBuild()
	page := p.Page("compare/2020.html")
	lead := mustBetween(t, page, `<p class="lead">`, `</p>`, "the compare page's lead")
	if n := len([]rune(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(lead, ""))); n > 120 {
		t.Errorf("the lead is %d characters, want at most 120 (a few lines on a phone):\n%s", n, lead)
	}
	mustContain(t, "the lead", lead, "2020年共有2份部门整体支出绩效自评报告", `<a href="#downloads">下载数据</a>`)
	how := mustBetween(t, page, `<details class="terms how">`, `</details>`, "how to read the charts")
	mustContain(t, "how to read the charts", how, "<summary>图表怎么读？</summary>", "未披露", "疑为单位错误", "未分项或差额", "分项之和超出合计", "部门类别")
	if i, j := strings.Index(page, `<details class="terms how">`), strings.Index(page, `<details class="terms">`); j < i {
		t.Error("how to read the charts does not come before what the numbers mean")
	}

	// The findings page likewise: what it lists and in what order; what
	// is checked, and what 人工核对 is, folded.
	findings := p.Page("findings.html")
	lead = mustBetween(t, findings, `<p class="lead">`, `</p>`, "the findings page's lead")
	if n := len([]rune(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(lead, ""))); n > 80 {
		t.Errorf("the findings page's lead is %d characters, want at most 80:\n%s", n, lead)
	}
	mustContain(t, "the findings page's lead", lead, "下表列出全部发现", "先列不一致")
	how = mustBetween(t, findings, `<details class="terms how">`, `</details>`, "what the findings page checks")
	mustContain(t, "what the findings page checks", how, "<summary>核对哪些项目？程度和“人工核对”是什么意思？</summary>",
		"“不一致”是报告自身的数字证明对不上", "“疑点”是可能有误", "“尾差”是各数字取整到0.01万元造成的小差额",
		"分项之和是否等于合计", "三公经费同比增减", "标为“人工核对”的是", `<a href="disclosure.html">披露情况</a>`)

	// The page over years too: what it shows; how its averages are
	// made, folded.
	years := p.Page("compare/index.html")
	lead = mustBetween(t, years, `<p class="lead">`, `</p>`, "the page over years' lead")
	if n := len([]rune(lead)); n > 80 {
		t.Errorf("the page over years' lead is %d characters, want at most 80:\n%s", n, lead)
	}
	mustContain(t, "the page over years' lead", lead, "各年度的报告数", "只统计部门整体支出报告")
	how = mustBetween(t, years, `<details class="terms how">`, `</details>`, "how the averages are made")
	mustContain(t, "how the averages are made", how, "<summary>平均数怎么算？</summary>", "比较平均数而不是总和", "疑为单位错误的数字不计入", "见第一张图")

	// The disclosure page: what its table shows and in what order; what
	// 未披露 means and what its last row and column are, folded.
	disclosure := p.Page("disclosure.html")
	lead = mustBetween(t, disclosure, `<p class="lead">`, `</p>`, "the disclosure page's lead")
	if n := len([]rune(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(lead, ""))); n > 80 {
		t.Errorf("the disclosure page's lead is %d characters, want at most 80:\n%s", n, lead)
	}
	mustContain(t, "the disclosure page's lead", lead, "每份报告是否给出了11项核心数据", "按年度从新到旧", `<a href="#by-county">各县完整度</a>见本页末尾`)
	how = mustBetween(t, disclosure, `<details class="terms how">`, `</details>`, "how to read the disclosure table")
	mustContain(t, "how to read the disclosure table", how, "<summary>怎么读这张表？</summary>", "“未披露”表示报告没有给出该数字（不等于0）",
		"最后一行是各项数据在全部2份报告中的披露比例，最后一列是每份报告的完整度。")
}

// TestImpossibleStaffCountLeftOutOfPerHead: a count of staff no county
// department has (1,700,000: an amount typed as the count, say) is
// flagged itself, and its report's figures per head are left out of
// the rankings; its spending, which is not in doubt, is still ranked.
// (Held to the count per head, 1530.53万元 was 9元 a head, and the
// spending was taken for a slip.)
func TestImpossibleStaffCountLeftOutOfPerHead(t *testing.T) {
	r := finance2023
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "spending: {total: 2000, basic: 1500, project: 500}\nstaff: {authorized: 40, actual: 38}")+
		"-- content/b.md --\n"+r("乙县", "spending: {total: 1000, basic: 700, project: 300}\nstaff: {authorized: 30, actual: 30}")+
		"-- content/d.md --\n"+r("丁县", "spending: {total: 1530.53, basic: 1030.53, project: 500}\nstaff: {actual: 1700000}")+
		"-- content/d24.md --\n"+strings.Replace(r("丁县", "spending: {total: 1600}\nstaff: {actual: 17}"), "2023", "2024", 1))
	p.MustBuild()
	rep := p.Page("report/ding-xian/2023-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丁县", rep, "实有人数1700000人，远超县级部门的规模，疑为数字错误")
	// The count's row says what is in doubt: a number, not a unit.
	mustMatch(t, "丁县's figures", rep, `<th scope="row">实有人数 <a class="flag" href="#checks" title="[^"]*">⚠ 疑为数字错误</a>`)
	if strings.Contains(rep, "远低于县级部门的规模") {
		t.Error("丁县's spending is taken for a slip, held to a count of 1,700,000 per head")
	}
	ranks := between(rep, `id="ranks"`, "</table>")
	mustMatch(t, "丁县's ranks", ranks, `支出合计[^\n]*第2名/共3份`)
	// Per head, it is not ranked, and no figure per head is made of the
	// count (0万元 a head): each says what is in doubt, a number, not a
	// unit, on the report, the county and the compare page alike.
	mustMatch(t, "丁县's ranks", ranks, `人均支出[^\n]*<span class="na">疑为数字错误</span></td><td>疑为数字错误，不参加排名</td>`)
	mustContain(t, "丁县's county page", p.Page("county/ding-xian.html"), `data-label="人均支出（万元/人）"><span class="na">疑为数字错误</span>`)
	if row := between(ranks, "人均支出", "</tr>"); strings.Contains(row, "疑为单位错误") {
		t.Errorf("丁县's rank per head takes the count for a slip of unit: %s", row)
	}
	mustContain(t, "the compare page's table per head", p.Page("compare/2023.html"), `<span class="na">疑为数字错误</span>`)
	// Ranked per head among the two others only.
	mustMatch(t, "乙县's ranks", between(p.Page("report/yi-xian/2023-cai-zheng-ju-zheng-ti.html"), `id="ranks"`, "</table>"), `人均支出[^\n]*第2名/共2份`)
	// The year after shows the count as its 上年, marked with the same
	// words.
	after := between(p.Page("report/ding-xian/2024-cai-zheng-ju-zheng-ti.html"), `<th scope="row">实有人数`, "</tr>")
	mustContain(t, "丁县 2024's 实有人数", after, "1700000人", `title="上年数字疑为数字错误，见上年报告的数据核对"`)
}

// TestPerHeadWithoutStaffSaysSo: a report that gives its spending but not
// its staff has no figure per head, and every table that has a cell for
// one says the staff is what is not given (人数未披露), not the spending.
func TestPerHeadWithoutStaffSaysSo(t *testing.T) {
	r := finance2023
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "spending: {total: 2000}\nstaff: {actual: 40}")+
		"-- content/b.md --\n"+r("乙县", "spending: {total: 1000}\nstaff: {actual: 30}")+
		"-- content/c.md --\n"+r("丙县", "spending: {total: 1500}")+
		"-- content/d.md --\n"+r("丁县", "staff: {actual: 20}"))
	p.MustBuild()
	rep := p.Page("report/bing-xian/2023-cai-zheng-ju-zheng-ti.html")
	mustContain(t, "丙县's ranks", between(rep, `id="ranks"`, "</table>"),
		`人均支出<span class="unit">（万元/人）</span></th><td class="num" data-value=""><span class="na">人数未披露</span>`,
		// 三公经费 is not given either: per head it is the amount that lacks.
		`人均三公经费<span class="unit">（万元/人）</span></th><td class="num" data-value=""><span class="na">未披露</span>`)
	mustContain(t, "丙县's glossary", rep, "人均数一栏写“人数未披露”的，是报告给出了金额、没有给出实有人数")
	mustContain(t, "丙县's county page", p.Page("county/bing-xian.html"), `data-label="人均支出（万元/人）"><span class="na">人数未披露</span>`)
	cmp := p.Page("compare/2023.html")
	// 丁县 gives its staff but not its spending: the spending lacks.
	mustContain(t, "the compare page", cmp, `丙县\n（人数未披露）`, `丁县\n（未披露）`,
		`<a href="../report/bing-xian/2023-cai-zheng-ju-zheng-ti.html">丙县</a></th><td class="num" data-value=""><span class="na">人数未披露</span></td></tr>`)
}

// TestDisputedRankSaysSo: a figure a finding disputes is ranked, as the
// report gives it, but its rank says it is in doubt, in the rank table
// and in the summary at the top of the page, as its row of figures does.
func TestDisputedRankSaysSo(t *testing.T) {
	r := finance2023
	p := buildtest.New(t, "-- content/a.md --\n"+r("甲县", "spending: {total: 2000, basic: 1500, project: 500}")+
		"-- content/b.md --\n"+r("乙县", "spending: {total: 1000, basic: 700, project: 300}")+
		// 基本支出 larger than 支出合计: both are disputed.
		"-- content/c.md --\n"+r("丙县", "spending: {total: 4000, basic: 9999, project: 300}"))
	p.MustBuild()
	rep := p.Page("report/bing-xian/2023-cai-zheng-ju-zheng-ti.html")
	ranks := between(rep, `id="ranks"`, "</table>")
	mustMatch(t, "丙县's ranks", ranks, `基本支出[^\n]*第1名/共3份</a> <a class="flag" href="#checks" title="[^"]*排名仅供参考[^"]*">⚠ 数据存疑</a>`)
	mustMatch(t, "丙县's ranks", ranks, `支出合计[^\n]*第1名/共3份</a> <a class="flag" href="#checks"[^>]*>⚠ 数据存疑</a>`)
	mustContain(t, "丙县's summary", between(rep, `id="summary"`, "</section>"), "（数值由高到低；该数字存疑，见<a href=\"#checks\">数据核对</a>）")
	// A report whose figures agree has no such mark.
	yi := p.Page("report/yi-xian/2023-cai-zheng-ju-zheng-ti.html")
	if strings.Contains(between(yi, `id="ranks"`, "</table>"), "数据存疑") || strings.Contains(yi, "该数字存疑") {
		t.Error("乙县's ranks are said to be in doubt")
	}
}

// finance2023 returns the report file of the county's 财政局 for 2023,
// an 整体支出 report with the figures (front-matter lines) given.
func finance2023(county, figures string) string {
	return fmt.Sprintf("---\ncounty: %s\ndepartment: 财政局\nyear: 2023\ntype: 整体支出\n%s\n---\n正文。\n", county, figures)
}
