package build_test

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// rankSite has, in 2023, 财政局 reports of three counties and 教育局
// reports of two (two kinds of department, so that each kind has a
// compare page of its own), and 项目支出 reports of two; in 2022, 财政局
// reports of two counties only (one kind: the year's page compares them).
// 甲县 leads every figure of its 整体支出 reports.
func rankSite(t *testing.T) *buildtest.Project {
	t.Helper()
	var b strings.Builder
	n := 0
	add := func(county, department, year, typ, figures string) {
		n++
		fmt.Fprintf(&b, "-- content/r%d.md --\n---\ncounty: %s\ndepartment: %s\nyear: %s\ntype: %s\n%s\n---\n正文。\n", n, county, department, year, typ, figures)
	}
	figures := func(scale int) string {
		return fmt.Sprintf("spending: {total: %d, basic: %d, project: %d}\nsangong: {total: %d}\nscore: %d\nstaff: {authorized: 10, actual: 10}",
			900*scale, 500*scale, 400*scale, 30*scale, 80+scale)
	}
	for i, c := range []string{"甲县", "乙县", "丙县"} {
		add(c, "财政局", "2023", "整体支出", figures(3-i))
	}
	for i, c := range []string{"甲县", "乙县"} {
		add(c, "教育局", "2023", "整体支出", figures(3-i))
		add(c, "财政局", "2022", "整体支出", figures(3-i))
		add(c, "财政局", "2023", "项目支出", fmt.Sprintf("project: 农村公路养护专项资金\nspending: {total: %d}\nscore: %d", 100*(3-i), 90-i))
	}
	p := buildtest.New(t, b.String())
	p.MustBuild()
	return p
}

// rankCellRE finds, in a county page's table by year, a figure's cell
// (its column's heading without the unit) whose rank links somewhere.
var rankCellRE = regexp.MustCompile(`(?m)^<td[^>]* data-label="([^"（]+)（[^"]*"[^\n]*<a class="rank" href="([^"]+)">([^<]*)</a>`)

// TestRanksLinkToTheirRanking: on a county page, each rank of a
// 整体支出 report (第1名/共3份) links to the ranking it comes from: the
// compare page of the report's kind of department in its year (or the
// year's page, when the year has one kind), at the chart of that figure,
// which lists the report first as the rank says; for 基本支出 and
// 项目支出, which have no chart of their own, at the page's explorer
// showing that figure. The target page and its anchor exist. A 项目支出
// report's ranks, which no compare page ranks, stay plain text.
func TestRanksLinkToTheirRanking(t *testing.T) {
	p := rankSite(t)
	const county = "county/jia-xian.html"
	page := p.Page(county)
	want := map[string]string{
		"支出合计":   "#fig-spending",
		"三公经费":   "#fig-sangong",
		"自评得分":   "#fig-score",
		"人均支出":   "#fig-total-per-staff",
		"人均三公经费": "#fig-sangong-per-staff",
		"基本支出":   "?metric=basic#explore",
		"项目支出":   "?metric=project#explore",
	}
	// Three series: 财政局 (2022, 2023), 教育局 (2023); seven figures
	// each ranked in each of those three reports.
	wantPages := map[string]bool{"compare/2023/cai-zheng.html": true, "compare/2023/jiao-yu.html": true, "compare/2022.html": true}
	seen := map[string]int{}
	for _, m := range rankCellRE.FindAllStringSubmatch(page, -1) {
		label, href, text := m[1], m[2], m[3]
		if !strings.HasPrefix(text, "第1名/共") {
			t.Errorf("%s: the rank of %s is %q, want 第1名", county, label, text)
		}
		target := path.Join(path.Dir(county), href)
		file, rest, _ := strings.Cut(target, "?")
		file, frag, _ := strings.Cut(file, "#")
		if rest != "" {
			_, frag, _ = strings.Cut(rest, "#")
		}
		if !wantPages[file] {
			t.Errorf("%s: the rank of %s links to %s, want a page of %v", county, label, href, wantPages)
			continue
		}
		seen[file]++
		if w, ok := want[label]; !ok || !strings.HasSuffix(href, w) {
			t.Errorf("%s: the rank of %s links to %s, want …%s", county, label, href, w)
		}
		if !p.Exists(file) {
			t.Errorf("%s: the rank of %s links to %s, which the site does not have", county, label, href)
			continue
		}
		to := p.Page(file)
		at := strings.Index(to, `id="`+frag+`"`)
		if at < 0 {
			t.Errorf("%s: the rank of %s links to %s, which has no id %q", county, label, href, frag)
			continue
		}
		if frag == "explore" {
			if metric := strings.TrimSuffix(strings.TrimPrefix(rest, "metric="), "#explore"); !strings.Contains(to, `<option value="`+metric+`">`+label) {
				t.Errorf("%s: the explorer of %s offers no %s (%s)", county, file, label, metric)
			}
			continue
		}
		// The chart's table, highest first, ranks 甲县 first, as the rank says.
		fig := to[at:]
		fig = fig[:strings.Index(fig, "</figure>")]
		if !strings.Contains(fig, "<caption>"+label) {
			t.Errorf("%s: %s#%s is not the chart of %s", county, file, frag, label)
		}
		if first := regexp.MustCompile(`<tbody>\s*<tr><th scope="row"><a href="([^"]+)"`).FindStringSubmatch(fig); first == nil || !strings.Contains(first[1], "report/jia-xian/") {
			t.Errorf("%s: %s#%s does not list 甲县 first: %v", county, file, frag, first)
		}
	}
	for file := range wantPages {
		if seen[file] != len(want) {
			t.Errorf("%s: %d ranks link to %s, want %d", county, seen[file], file, len(want))
		}
	}
	// The 项目支出 report is ranked (第1名/共2份) among the year's
	// project reports, which no compare page shows: its ranks are text.
	at := strings.Index(page, "项目支出（农村公路养护专项资金）历年数字")
	if at < 0 {
		t.Fatalf("%s has no table of the 项目支出 series", county)
	}
	project := page[at:]
	project = project[:strings.Index(project, "</table>")]
	if !strings.Contains(project, `<span class="rank">第1名/共2份</span>`) || strings.Contains(project, `<a class="rank"`) {
		t.Errorf("%s: the 项目支出 series' ranks should be text:\n%s", county, project)
	}
}

// rankRowRE finds a row of a report page's rank table: its figure and
// its rank's cell.
var rankRowRE = regexp.MustCompile(`<tr><th scope="row">([^<（]+)<span class="unit">[^\n]*?</td><td>(.*?)</td></tr>`)

// TestReportRanksLinkToTheirRanking: a report page's table of its ranks
// (同年排名) links each rank to the same ranking as the county page does
// (see TestRanksLinkToTheirRanking); a 项目支出 report's ranks stay text.
func TestReportRanksLinkToTheirRanking(t *testing.T) {
	p := rankSite(t)
	const county = "county/jia-xian.html"
	fromCounty := map[string]string{} // the 2023 财政局 report's, by figure
	page := p.Page(county)
	at := strings.Index(page, "财政局 · 整体支出")
	if at < 0 {
		t.Fatalf("%s has no 财政局 series", county)
	}
	series := page[at:]
	series = series[:strings.Index(series, "</section>")]
	for _, m := range rankCellRE.FindAllStringSubmatch(series, -1) {
		if target := path.Join(path.Dir(county), m[2]); strings.HasPrefix(target, "compare/2023/") {
			fromCounty[m[1]] = target
		}
	}
	if len(fromCounty) != 7 {
		t.Fatalf("%s: the 2023 财政局 report's ranks link to %v, want 7 rankings", county, fromCounty)
	}
	const whole = "report/jia-xian/2023-cai-zheng-ju-zheng-ti.html"
	rows := rankRowRE.FindAllStringSubmatch(p.Page(whole), -1)
	linked := 0
	for _, m := range rows {
		link := regexp.MustCompile(`^<a href="([^"]+)">(第1名/共3份)</a>$`).FindStringSubmatch(m[2])
		if link == nil {
			t.Errorf("%s: the rank of %s is %q, want a link to its ranking", whole, m[1], m[2])
			continue
		}
		linked++
		if got := path.Join(path.Dir(whole), link[1]); got != fromCounty[m[1]] {
			t.Errorf("%s: the rank of %s links to %s, the county page to %s", whole, m[1], got, fromCounty[m[1]])
		}
	}
	if linked != len(fromCounty) {
		t.Errorf("%s: %d of %d ranks link to their ranking, want %d", whole, linked, len(rows), len(fromCounty))
	}
	const project = "report/jia-xian/2023-cai-zheng-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html"
	if !p.Exists(project) {
		t.Fatalf("no %s among %v", project, p.Files())
	}
	rows = rankRowRE.FindAllStringSubmatch(p.Page(project), -1)
	if len(rows) == 0 {
		t.Fatalf("%s has no rank table", project)
	}
	for _, m := range rows {
		if strings.Contains(m[2], "<a ") {
			t.Errorf("%s: the rank of %s links (%s); no compare page ranks 项目支出 reports", project, m[1], m[2])
		}
	}
}

// TestRankBelowTheChartsLinksAroundIt: a rank below the places the
// charts show (pages.ChartMax, 2 here) links to the explorer showing the
// reports around the report, named by its key in the explorer's data
// (bing-xian.cai-zheng-ju),
// rather than to a chart that leaves it out.
func TestRankBelowTheChartsLinksAroundIt(t *testing.T) {
	defer func(n int) { pages.ChartMax = n }(pages.ChartMax)
	pages.ChartMax = 2
	p := rankSite(t)
	const county = "county/bing-xian.html"
	links := regexp.MustCompile(`<a class="rank" href="([^"]+)">第3名/共3份</a>`).FindAllStringSubmatch(p.Page(county), -1)
	if len(links) != 7 {
		t.Fatalf("%s: %d ranks 第3名/共3份 link somewhere, want 7", county, len(links))
	}
	for _, m := range links {
		href := strings.ReplaceAll(m[1], "&amp;", "&")
		target, query, _ := strings.Cut(path.Join(path.Dir(county), href), "?")
		_, around, _ := strings.Cut(query, "&around=")
		key, ok := strings.CutSuffix(around, "#explore")
		if target != "compare/2023/cai-zheng.html" || !ok || !strings.HasPrefix(key, "bing-xian") {
			t.Errorf("%s: a rank below the charts links to %s, want the explorer of compare/2023/cai-zheng.html around 丙县's report", county, href)
			continue
		}
		if !regexp.MustCompile(`"keys":\[[^\]]*"` + regexp.QuoteMeta(key) + `"`).MatchString(p.Page(target)) {
			t.Errorf("%s's explorer has no report of key %s", target, key)
		}
	}
}

// TestRankAroundNamesTheReportAmongLookalikes: two departments of one
// county whose names make the same slug (教育局(机关) and 教育局（机关）)
// are told apart in the explorer by a "-2" on the second's key
// (uniqueKeys). A rank below the charts leads each report's reader to
// the window around that report, not around its lookalike: the link's
// key is the one the explorer gives the report.
func TestRankAroundNamesTheReportAmongLookalikes(t *testing.T) {
	defer func(n int) { pages.ChartMax = n }(pages.ChartMax)
	pages.ChartMax = 1
	var b strings.Builder
	n := 0
	add := func(county, department string, scale int) {
		n++
		fmt.Fprintf(&b, "-- content/r%d.md --\n---\ncounty: %s\ndepartment: %s\nyear: 2023\ntype: 整体支出\nspending: {total: %d, basic: %d, project: %d}\nscore: %d\n---\n正文。\n",
			n, county, department, 900*scale, 500*scale, 400*scale, 80+scale)
	}
	add("甲县", "教育局", 9)
	add("乙县", "教育局", 8)
	add("丁县", "教育局（机关）", 2)
	add("丁县", "教育局(机关)", 1)
	add("甲县", "财政局", 5)
	add("乙县", "财政局", 4)
	p := buildtest.New(t, b.String())
	p.MustBuild()

	around := regexp.MustCompile(`href="([^"?]+)\?metric=[a-z_]+&amp;around=([^"#]+)#explore"`)
	explorer := regexp.MustCompile(`"labels":(\[[^\]]*\]),"keys":(\[[^\]]*\])`)
	reports := 0
	for _, file := range p.Files() {
		if !strings.HasPrefix(file, "report/ding-xian/") || !strings.HasSuffix(file, ".html") {
			continue
		}
		page := p.Page(file)
		h1 := regexp.MustCompile(`<h1[^>]*>([^<]*)`).FindStringSubmatch(page)
		if h1 == nil {
			t.Fatalf("%s has no heading", file)
		}
		department := "教育局（机关）"
		if strings.Contains(h1[1], "教育局(机关)") {
			department = "教育局(机关)"
		}
		links := around.FindAllStringSubmatch(page, -1)
		if len(links) == 0 {
			t.Errorf("%s (%s): no rank links around the report", file, department)
			continue
		}
		reports++
		for _, m := range links {
			target := path.Join(path.Dir(file), m[1])
			data := explorer.FindStringSubmatch(p.Page(target))
			if data == nil {
				t.Fatalf("%s has no explorer data", target)
			}
			var labels, keys []string
			if err := json.Unmarshal([]byte(data[1]), &labels); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(data[2]), &keys); err != nil {
				t.Fatal(err)
			}
			i := slices.Index(keys, m[2])
			if i < 0 {
				t.Errorf("%s: key %s is not in %s's explorer %v", file, m[2], target, keys)
				continue
			}
			if labels[i] != "丁县·"+department {
				t.Errorf("%s (%s): a rank links around key %s, which %s's explorer gives to %s", file, department, m[2], target, labels[i])
			}
		}
	}
	if reports != 2 {
		t.Errorf("%d of 丁县's report pages link around themselves, want 2", reports)
	}
}
