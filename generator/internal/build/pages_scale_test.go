package build_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/site"
)

// fiveReports is a site of five reports over three counties whose order by
// prefecture (乙市 before 甲市) differs from their order by slug, with
// findings of every severity:
//
//	yi-xian   2022 财政局  sum gap 10 (discrepancy)
//	bing-xian 2021 教育局  sum gap 30 (discrepancy)
//	bing-xian 2021 财政局  score without grade (warning)
//	jia-xian  2021 财政局  sum gap 0.01 (rounding)
//	jia-xian  2020 财政局  staff over establishment (warning)
const fiveReports = `
-- content/jia-2020.md --
---
county: 甲县
prefecture: 乙市
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100, basic: 60, project: 40}
score: 95
grade: 优
staff: {authorized: 10, actual: 12}
---
-- content/jia-2021.md --
---
county: 甲县
prefecture: 乙市
department: 财政局
year: 2021
type: 整体支出
spending: {total: 100.01, basic: 60, project: 40}
---
-- content/bing-cz.md --
---
county: 丙县
prefecture: 甲市
department: 财政局
year: 2021
type: 整体支出
score: 90
---
-- content/bing-jy.md --
---
county: 丙县
prefecture: 甲市
department: 教育局
year: 2021
type: 整体支出
spending: {total: 100, basic: 60, project: 10}
---
-- content/yi.md --
---
county: 乙县
prefecture: 丙市
department: 财政局
year: 2022
type: 整体支出
spending: {total: 100, basic: 50, project: 40}
---
`

// The five reports' pages, in the order of the lists (year, newest
// first, then county and department in pinyin order, and type): 财政局
// (cai) before 教育局 (jiao), though 教 comes first by code point.
var fiveInOrder = []string{
	"report/yi-xian/2022-cai-zheng-ju-zheng-ti.html",
	"report/bing-xian/2021-cai-zheng-ju-zheng-ti.html",
	"report/bing-xian/2021-jiao-yu-ju-zheng-ti.html",
	"report/jia-xian/2021-cai-zheng-ju-zheng-ti.html",
	"report/jia-xian/2020-cai-zheng-ju-zheng-ti.html",
}

// setPageSizes sets pages.HomeRows, and pages.ListPageSize,
// pages.CountyTableSize, pages.DisclosureCounties and
// pages.DisclosurePageSize all to list, for the test and restores them
// after it. Tests that call it must not be parallel.
func setPageSizes(t *testing.T, home, list int) {
	t.Helper()
	h, l, c, dc, d := pages.HomeRows, pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize
	pages.HomeRows, pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize = home, list, list, list, list
	t.Cleanup(func() {
		pages.HomeRows, pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize = h, l, c, dc, d
	})
}

// pagerLink is a part of a pager: a link (its href, its text, and
// whether it is rel=prev, rel=next or the current page), a gap (Text …),
// where the page is (Rel "at", Text 3/11 for 第3页/共11页), or the box
// to type a page's number in (Rel "jump", Text its largest number).
type pagerLink struct {
	Href, Text string
	Rel        string // "prev", "next", "current", "at", "jump" or ""
}

var (
	pagerRE     = regexp.MustCompile(`(?s)<nav class="pager" aria-label="([^"]*)">\s*(<p class="pager-steps">.*?)</nav>`)
	pagerLinkRE = regexp.MustCompile(`<a href="([^"]*)"(?: rel="(prev|next)"| aria-current="(page)")?>([^<]*)</a>|<span class="pager-gap">…</span>|` +
		`<span class="pager-at">第(\d+)页/共(\d+)页</span>|` +
		`<form class="pager-jump" hidden><label>跳到第 <input type="number" name="page" min="1" max="(\d+)" step="1" inputmode="numeric" required> 页</label> <button type="submit">跳转</button></form>`)
)

// pagers returns the parts of each pager of a page, checking that it has
// none or two (top and bottom) with distinct labels and the same parts.
func pagers(t *testing.T, name, page string) []pagerLink {
	t.Helper()
	navs := pagerRE.FindAllStringSubmatch(page, -1)
	if len(navs) == 0 {
		return nil
	}
	if len(navs) != 2 {
		t.Fatalf("%s has %d pagers, want 2 (top and bottom)", name, len(navs))
	}
	if navs[0][1] == navs[1][1] {
		t.Errorf("%s: both pagers are labelled %q", name, navs[0][1])
	}
	if navs[0][2] != navs[1][2] {
		t.Errorf("%s: the pagers differ:\n%s\n%s", name, navs[0][2], navs[1][2])
	}
	var out []pagerLink
	for _, m := range pagerLinkRE.FindAllStringSubmatch(navs[0][2], -1) {
		switch {
		case m[0] == `<span class="pager-gap">…</span>`:
			out = append(out, pagerLink{Text: "…"})
		case m[5] != "":
			out = append(out, pagerLink{Text: m[5] + "/" + m[6], Rel: "at"})
		case m[7] != "":
			out = append(out, pagerLink{Text: m[7], Rel: "jump"})
		case m[3] != "":
			out = append(out, pagerLink{Href: m[1], Text: m[4], Rel: "current"})
		default:
			out = append(out, pagerLink{Href: m[1], Text: m[4], Rel: m[2]})
		}
	}
	return out
}

// pagerText writes a pager's parts compactly, in their order:
// [prev:href] 2/3 [next:href] 1 (2) 3 … [jump:3], where the page is
// (page 2 of 3), the page numbers with the current page in brackets,
// each number's href checked against path, and the box to type a number
// in, up to the last page's.
func pagerText(t *testing.T, name string, links []pagerLink, root string, path func(int) string) string {
	t.Helper()
	var parts []string
	for _, l := range links {
		switch l.Rel {
		case "prev", "next":
			parts = append(parts, "["+l.Rel+":"+strings.TrimPrefix(l.Href, root)+"]")
			continue
		case "at":
			parts = append(parts, l.Text)
			continue
		case "jump":
			parts = append(parts, "[jump:"+l.Text+"]")
			continue
		}
		if l.Text == "…" {
			parts = append(parts, "…")
			continue
		}
		var n int
		fmt.Sscan(l.Text, &n)
		if want := root + path(n); l.Href != want {
			t.Errorf("%s: page number %s links to %q, want %q", name, l.Text, l.Href, want)
		}
		if l.Rel == "current" {
			parts = append(parts, "("+l.Text+")")
		} else {
			parts = append(parts, l.Text)
		}
	}
	return strings.Join(parts, " ")
}

// checkPager checks the pages of a paged list: the pagers lead from the
// first through exactly list, and the pager of each page reads as
// wantPagers says (see pagerText; numbers link from root to path(n)).
func checkPager(t *testing.T, p *buildtest.Project, list []string, root string, path func(int) string, wantPagers []string) {
	t.Helper()
	if got := follow(t, p, list[0]); !slices.Equal(got, list) {
		t.Errorf("the pagers of %s lead through %v, want %v", list[0], got, list)
	}
	for i, name := range list {
		if got := pagerText(t, name, pagers(t, name, p.Page(name)), root, path); got != wantPagers[i] {
			t.Errorf("%s pager: %s, want %s", name, got, wantPagers[i])
		}
	}
}

// follow walks a paged list from its first page by the pagers' next links,
// then back by their prev links, and returns the pages visited forward.
func follow(t *testing.T, p *buildtest.Project, first string) []string {
	t.Helper()
	rel := func(from, href string) string { return path.Join(path.Dir(from), href) }
	step := func(name, dir string) string {
		for _, l := range pagers(t, name, p.Page(name)) {
			if l.Rel == dir {
				return rel(name, l.Href)
			}
		}
		return ""
	}
	seen := []string{first}
	for name := step(first, "next"); name != ""; name = step(name, "next") {
		if slices.Contains(seen, name) || len(seen) > 100 {
			t.Fatalf("next links loop: %v then %s", seen, name)
		}
		seen = append(seen, name)
	}
	back := []string{seen[len(seen)-1]}
	for name := step(back[0], "prev"); name != ""; name = step(name, "prev") {
		back = append(back, name)
		if len(back) > len(seen) {
			t.Fatalf("prev links from the last page do not end at the first: %v", back)
		}
	}
	slices.Reverse(back)
	if !slices.Equal(back, seen) {
		t.Errorf("prev links visit %v, next links %v", back, seen)
	}
	return seen
}

var (
	reportRowRE     = regexp.MustCompile(`<tr data-year="\d+"[^>]*>\s*<th scope="row"[^>]*><a href="[^"]*">[^<]*</a></th>\s*<td[^>]*>.*</td>\s*<td[^>]*><a href="(?:\.\./)?(report/[^"]+)">`)
	findingRowRE    = regexp.MustCompile(`<td[^>]*><a href="(report/[^"#]+)#finding-\d+">[^<]*</a></td>\s*<td[^>]*>[^<]*</td>\s*<td class="finding-(\w+)"[^>]*>`)
	disclosureRowRE = regexp.MustCompile(`<tr>\s*<th scope="row"[^>]*><a href="(report/[^"]+)">`)
)

// rowsOf returns the first submatch of re over a page, or the first and
// second joined by a space when re has two.
func rowsOf(re *regexp.Regexp, page string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out = append(out, strings.Join(m[1:], " "))
	}
	return out
}

// rowIndexJSON is the JSON of an index of a list of several pages
// (pages.ReportIndex, pages.FindingIndex).
type rowIndexJSON struct {
	Size        int
	Pages       []string
	Rows        [][]any
	Counties    [][3]any
	Prefectures [][2]string
	Departments []string
	Types       []string
	Tags        []struct {
		Attr   string
		Values []string
	}
}

var (
	// tableRowRE is a row of a table that a filter reads: its data-
	// attributes.
	tableRowRE = regexp.MustCompile(`<tr( data-[^>]*)>`)
	dataAttrRE = regexp.MustCompile(` data-(\w+)="([^"]*)"`)
)

// checkRowIndex checks the index at name of the list whose pages are
// list, size rows a page and total in all: that it names those pages
// from its own folder, and that each of its rows, read as site.js reads
// it, has the attributes and (in any order) the words of its row on its
// page. It returns the index.
func checkRowIndex(t *testing.T, p *buildtest.Project, name string, list []string, size, total int) rowIndexJSON {
	t.Helper()
	var index rowIndexJSON
	if err := json.Unmarshal([]byte(p.Page(name)), &index); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var fromIndex []string
	for _, page := range list {
		rel, _ := filepath.Rel(path.Dir(name), page)
		fromIndex = append(fromIndex, rel)
	}
	if index.Size != size || !slices.Equal(index.Pages, fromIndex) || len(index.Rows) != total {
		t.Errorf("%s: size %d, pages %q, %d rows; want %d, %q, %d", name, index.Size, index.Pages, len(index.Rows), size, fromIndex, total)
	}
	sorted := func(s string) string { w := strings.Fields(s); slices.Sort(w); return strings.Join(w, " ") }
	at := func(v any) int { return int(v.(float64)) }
	var pageRows [][]string
	for _, page := range list {
		for _, m := range tableRowRE.FindAllStringSubmatch(p.Page(page), -1) {
			pageRows = append(pageRows, dataAttrRE.FindAllString(m[1], -1))
		}
	}
	if len(pageRows) != len(index.Rows) {
		t.Fatalf("%s has %d rows, its pages %d", name, len(index.Rows), len(pageRows))
	}
	for i, row := range index.Rows {
		// [year, county, department, type, tags…, project?]
		c := index.Counties[at(row[1])]
		place := [2]string{}
		if n := at(c[2]); n >= 0 {
			place = index.Prefectures[n]
		}
		slug, typ := c[1].(string), index.Types[at(row[3])]
		attrs := map[string]string{"year": fmt.Sprint(row[0]), "prefecture": place[0], "type": typ}
		words := fmt.Sprint(c[0], " ", place[0], " ", place[1], " ", index.Departments[at(row[2])], " ", row[0], " ", typ, " ",
			strings.ReplaceAll(slug, "-", ""), " ", site.Initials(slug), " ", slug)
		for k, tag := range index.Tags {
			if v := tag.Values[at(row[4+k])]; tag.Attr != "" {
				attrs[tag.Attr] = v
			} else {
				words += " " + v
			}
		}
		if len(row) > 4+len(index.Tags) {
			words += " " + row[4+len(index.Tags)].(string)
		}
		attrs["search"] = sorted(words)
		var got, want []string
		for _, a := range pageRows[i] {
			m := dataAttrRE.FindStringSubmatch(a)
			if m[1] == "search" {
				m[2] = sorted(m[2])
			}
			want = append(want, m[1]+"="+m[2])
			got = append(got, m[1]+"="+attrs[m[1]])
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s's row %d reads %q, its row on %s %q", name, i+1, got, list[i/size], want)
		}
	}
	return index
}

// TestPagedLists builds five reports with a home table of 2 rows and lists
// of 2 rows a page: the home page shows the newest two and links the full
// list; the full list, the findings and the disclosure table each take
// three pages in their order, with pagers at top and bottom whose links
// lead through every page and back; the site has no broken link.
func TestPagedLists(t *testing.T) {
	setPageSizes(t, 2, 2)
	p := buildtest.New(t, fiveReports)
	p.MustBuild()

	home := p.Page("index.html")
	mustContain(t, "home", home,
		`共5份报告，此处列出最新的2份`,
		`<a href="reports/index.html">查看全部5份报告（共3页）</a>`,
		`<table class="sortable card-table" id="reports-table">`,
		`<form class="table-filter" data-table="reports-table" data-rows="reports/rows.json" data-page="0">`,
		// The filter offers every prefecture, since it tells which pages
		// of the full list hold those not shown, and every year, those
		// not shown leading to the full list.
		`<select name="year"><option value="">全部</option><option value="2022">2022</option><option value="2021">2021</option>`+
			`<option value="2020" data-href="reports/3.html">2020（全部报告第3页）</option></select>`,
		`<select name="prefecture"><option value="">全部</option><option value="丙市">丙市</option><option value="甲市">甲市</option><option value="乙市">乙市</option></select>`,
		`id="chart-home-spending"`, `class="cards"`,
	)
	if got := rowsOf(reportRowRE, home); !slices.Equal(got, fiveInOrder[:2]) {
		t.Errorf("home rows %q, want the newest two %q", got, fiveInOrder[:2])
	}
	if n := strings.Count(home, `<tr data-year=`); n != 2 {
		t.Errorf("home table has %d rows, want 2", n)
	}

	// The full list of reports.
	list := []string{"reports/index.html", "reports/2.html", "reports/3.html"}
	wantPagers := []string{
		"1/3 [next:reports/2.html] (1) 2 3",
		"[prev:reports/index.html] 2/3 [next:reports/3.html] 1 (2) 3",
		"[prev:reports/2.html] 3/3 1 2 (3)",
	}
	checkPager(t, p, list, "../", pages.ReportsPath, wantPagers)
	if p.Exists("reports/4.html") || p.Exists("reports/1.html") {
		t.Errorf("reports/ has pages beyond 3 or a 1.html: %v", p.Files())
	}
	var all []string
	for i, name := range list {
		page := p.Page(name)
		rows := rowsOf(reportRowRE, page)
		if want := min(2, 5-2*i); len(rows) != want {
			t.Errorf("%s has %d rows, want %d", name, len(rows), want)
		}
		all = append(all, rows...)
		mustContain(t, name, page,
			`<table class="sortable card-table" id="reports-table">`,
			// The filter reads the index of the whole list to tell which
			// other pages hold what it would show.
			fmt.Sprintf(`<form class="table-filter" data-table="reports-table" data-rows="../reports/rows.json" data-page="%d">`, i+1),
			`<p class="filter-elsewhere" aria-live="polite" hidden></p>`,
			`<select name="prefecture"><option value="">全部</option><option value="丙市">丙市</option><option value="甲市">甲市</option><option value="乙市">乙市</option></select>`,
			`<output class="filter-count" aria-live="polite" data-unit="份报告（仅本页）"></output>`,
			`<th scope="col" class="num" data-sort="num"><button type="button">支出合计</button></th>`,
			`<link rel="stylesheet" href="../assets/site.css">`,
			fmt.Sprintf(`本页是第%d页，列出第%d至%d份`, i+1, 2*i+1, min(2*i+2, 5)),
		)
		mustMatch(t, name, page, `<tr data-year="\d+" data-prefecture="[^"]*" data-type="整体支出" data-search="[^"]+">`)
	}
	if !slices.Equal(all, fiveInOrder) {
		t.Errorf("reports/ lists\n%q, want\n%q", all, fiveInOrder)
	}
	mustContain(t, "reports/3.html", p.Page("reports/3.html"), `<a href="../county/jia-xian.html">甲县</a>`, `<title>全部报告（第3页） · `)
	// The index: the list's pages, their size, and each report's year,
	// prefecture, type and words in the list's order, as its row has
	// them (its county's, department's, type's and project's words with
	// its pinyin and initials are the words of its row, in another order).
	index := checkRowIndex(t, p, pages.ReportIndexPath, list, 2, 5)
	// Each county once: 甲县 has two reports.
	if len(index.Counties) != 3 {
		t.Errorf("%s lists %d counties, want 3, each once", pages.ReportIndexPath, len(index.Counties))
	}

	// The findings: discrepancies by gap, warnings, then rounding.
	// Their pagers read as those of reports/, with their own paths.
	samePagers := func(r *strings.Replacer) []string {
		out := make([]string, len(wantPagers))
		for i, w := range wantPagers {
			out[i] = r.Replace(w)
		}
		return out
	}
	flist := []string{"findings.html", "findings-2.html", "findings-3.html"}
	checkPager(t, p, flist, "", pages.FindingsPath, samePagers(strings.NewReplacer("reports/index", "findings", "reports/", "findings-")))
	wantFindings := []string{
		"report/bing-xian/2021-jiao-yu-ju-zheng-ti.html discrepancy", // gap 30
		"report/yi-xian/2022-cai-zheng-ju-zheng-ti.html discrepancy", // gap 10
		"report/bing-xian/2021-cai-zheng-ju-zheng-ti.html warning",   // score without grade
		"report/jia-xian/2020-cai-zheng-ju-zheng-ti.html warning",    // staff over establishment
		"report/jia-xian/2021-cai-zheng-ju-zheng-ti.html rounding",
	}
	all = nil
	for i, name := range flist {
		page := p.Page(name)
		rows := rowsOf(findingRowRE, page)
		if want := min(2, 5-2*i); len(rows) != want {
			t.Errorf("%s has %d rows, want %d", name, len(rows), want)
		}
		all = append(all, rows...)
		// The counts and the rules are on every page.
		mustContain(t, name, page, `共5条：不一致2条　疑点2条　尾差1条`, `<h2 id="rules">核对规则</h2>`, `<table class="sortable card-table" id="findings-table">`,
			// A filter of the page's findings: by severity and by year
			// (those of the whole list), by words; it reads the index of
			// the list to tell which other pages hold what it would show.
			fmt.Sprintf(`<form class="table-filter" data-table="findings-table" data-rows="findings-index.json" data-page="%d">`, i+1),
			`<select name="severity"><option value="">全部</option><option value="不一致">不一致</option><option value="疑点">疑点</option><option value="尾差">尾差</option></select>`,
			`<select name="year"><option value="">全部</option><option value="2022">2022</option><option value="2021">2021</option><option value="2020">2020</option></select>`,
			`<output class="filter-count" aria-live="polite" data-unit="条（仅本页）"></output>`,
			`<p class="filter-elsewhere" aria-live="polite" data-unit="条" data-noun="核对发现" hidden></p>`)
		mustMatch(t, name, page, `<tr data-severity="(不一致|疑点|尾差)" data-year="\d+" data-search="[^"]+ [^"]+">`)
	}
	// The index of the findings: each one's severity, year and words
	// (its report's and what was checked) as its row has them.
	checkRowIndex(t, p, pages.FindingIndexPath, flist, 2, 5)
	mustContain(t, "findings.html", p.Page("findings.html"),
		// The words of a finding: its report's, and what was checked.
		`data-search="乙县 丙市  财政局 2022 整体支出 yixian yx yi-xian 支出合计核对">`)
	if !slices.Equal(all, wantFindings) {
		t.Errorf("findings list\n%q, want\n%q", all, wantFindings)
	}

	// The disclosure table: reports in the list's order; the shares of all
	// reports on every page; the counties on the first page only, the two
	// least complete of three.
	dlist := []string{"disclosure.html", "disclosure-2.html", "disclosure-3.html"}
	checkPager(t, p, dlist, "", pages.DisclosurePath, samePagers(strings.NewReplacer("reports/index", "disclosure", "reports/", "disclosure-")))
	all = nil
	for i, name := range dlist {
		page := p.Page(name)
		rows := rowsOf(disclosureRowRE, page)
		if want := min(2, 5-2*i); len(rows) != want {
			t.Errorf("%s has %d rows, want %d", name, len(rows), want)
		}
		all = append(all, rows...)
		// 4 of 5 reports disclose the total; none the 三公 total.
		mustContain(t, name, page, `<tfoot><tr><th scope="row">披露比例（全部报告）</th><td class="num" data-label="支出合计">80%</td>`)
		if hasCounties := strings.Contains(page, `id="county-disclosure-table"`); hasCounties != (i == 0) {
			t.Errorf("%s: per-county table shown: %v, want it on the first page only", name, hasCounties)
		}
	}
	if !slices.Equal(all, fiveInOrder) {
		t.Errorf("disclosure lists\n%q, want\n%q", all, fiveInOrder)
	}
	counties := between(p.Page("disclosure.html"), `id="county-disclosure-table"`, `</table>`)
	// 丙县 4 of 22 figures, 乙县 3 of 11, 甲县 8 of 22 (left out).
	mustMatch(t, "disclosure counties", counties, `(?s)丙县</a></th><td class="num" data-value="2">2</td><td class="num" data-value="18">18%</td></tr>\s*<tr><th scope="row" data-value="yi-xian"><a href="county/yi-xian.html">乙县</a></th><td class="num" data-value="1">1</td><td class="num" data-value="27">27%</td></tr>\s*</tbody>`)
	mustContain(t, "disclosure", p.Page("disclosure.html"),
		`共3个县（市、区），下表按完整度从低到高列出最低的2个；其余1个未列出。`,
		`<a href="downloads/reports.csv" download>reports.csv</a>`)
	mustContain(t, "disclosure-2", p.Page("disclosure-2.html"), `<a href="disclosure.html#by-county">各县完整度</a>见第1页。`)

	// Every page of every list resolves, and so does every link of the site.
	buildtest.MustCheckSite(t, p.Out)

	// The same input gives the same bytes, whatever the number of workers.
	other := filepath.Join(t.TempDir(), "public")
	if _, err := p.Build(build.Config{Out: other, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	a, b := buildtest.Snapshot(t, p.Out), buildtest.Snapshot(t, other)
	for name, data := range a {
		if b[name] != data {
			t.Errorf("%s differs between builds with 1 and %d workers", name, 0)
		}
	}
	if len(a) != len(b) {
		t.Errorf("builds have %d and %d files", len(a), len(b))
	}
}

// TestPagerWindow lists eleven reports one a page: a pager says which
// page of how many it is, and shows the first and last pages and one on
// each side of the current one, with … for the pages left out (a single
// page left out is shown instead), and then a box to type a page's
// number in, since some pages have none.
func TestPagerWindow(t *testing.T) {
	setPageSizes(t, 1, 1)
	var b strings.Builder
	for i := range 11 {
		fmt.Fprintf(&b, "-- content/r%d.md --\n---\ncounty: 甲县\ndepartment: 财政局\nyear: %d\ntype: 整体支出\n---\n", i, 2010+i)
	}
	p := buildtest.New(t, b.String())
	p.MustBuild()
	want := map[int]string{
		1:  "1/11 [next:reports/2.html] (1) 2 … 11 [jump:11]",
		3:  "[prev:reports/2.html] 3/11 [next:reports/4.html] 1 2 (3) 4 … 11 [jump:11]",
		4:  "[prev:reports/3.html] 4/11 [next:reports/5.html] 1 2 3 (4) 5 … 11 [jump:11]",
		5:  "[prev:reports/4.html] 5/11 [next:reports/6.html] 1 … 4 (5) 6 … 11 [jump:11]",
		6:  "[prev:reports/5.html] 6/11 [next:reports/7.html] 1 … 5 (6) 7 … 11 [jump:11]",
		11: "[prev:reports/10.html] 11/11 1 … 10 (11) [jump:11]",
	}
	for n, w := range want {
		name := pages.ReportsPath(n)
		if got := pagerText(t, name, pagers(t, name, p.Page(name)), "../", pages.ReportsPath); got != w {
			t.Errorf("%s pager: %s, want %s", name, got, w)
		}
	}
	var names []string
	for n := 1; n <= 11; n++ {
		names = append(names, pages.ReportsPath(n))
	}
	if got := follow(t, p, names[0]); !slices.Equal(got, names) {
		t.Errorf("the pagers lead through %v, want %v", got, names)
	}
	if n := strings.Count(p.Page("index.html"), `<tr data-year=`); n != 1 {
		t.Errorf("home table has %d rows, want 1", n)
	}
	mustContain(t, "home", p.Page("index.html"), `<a href="report/jia-xian/2020-cai-zheng-ju-zheng-ti.html">财政局</a>`)
	buildtest.MustCheckSite(t, p.Out)
}

// TestListPagesStayLight builds 600 reports of the synthetic corpus with
// the default page sizes: each page of the full list of reports and of
// the findings stays well under the 400–510 KB that a page of 500 rows
// weighed (on a phone, a page of 500 findings' cards was 94,000 px
// tall), and the pages together hold every report and every finding,
// each once.
func TestListPagesStayLight(t *testing.T) {
	p := buildtest.New(t, "")
	if err := corpus.Generate(filepath.Join(p.Dir, "content"), corpus.Options{Seed: 5, Reports: 600}); err != nil {
		t.Fatal(err)
	}
	sum := p.MustBuild()
	const most = 150 << 10
	for _, l := range []struct {
		name  string
		path  func(int) string
		rowRE *regexp.Regexp
		total int
	}{
		{"reports", pages.ReportsPath, reportRowRE, sum.Reports},
		{"findings", pages.FindingsPath, findingRowRE, sum.Findings},
	} {
		seen := map[string]bool{}
		n := 1
		for ; p.Exists(l.path(n)); n++ {
			page := p.Page(l.path(n))
			if len(page) > most {
				t.Errorf("%s is %d KB, want at most %d KB", l.path(n), len(page)>>10, most>>10)
			}
			for _, m := range l.rowRE.FindAllString(page, -1) {
				if seen[m] {
					t.Errorf("%s lists a row twice: %.80s", l.name, m)
				}
				seen[m] = true
			}
		}
		if n-1 < 2 {
			t.Errorf("the %s take %d page at 600 reports; the test needs several", l.name, n-1)
		}
		if len(seen) != l.total {
			t.Errorf("the %d pages of %s hold %d rows, want the %d of the site", n-1, l.name, len(seen), l.total)
		}
	}
}

// TestShortListsHaveNoPager builds three reports with the default sizes:
// one page per list, no pager, the home page lists them all, and the
// per-county disclosure table keeps every county in the site's order.
func TestShortListsHaveNoPager(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	for _, name := range []string{"reports/index.html", "findings.html", "disclosure.html", "compare/index.html"} {
		if strings.Contains(p.Page(name), `class="pager"`) {
			t.Errorf("%s has a pager, with one page", name)
		}
	}
	for _, name := range []string{"reports/2.html", "findings-2.html", "disclosure-2.html", "compare/index-2.html"} {
		if p.Exists(name) {
			t.Errorf("%s made for a list of one page", name)
		}
	}
	mustContain(t, "home", p.Page("index.html"), `共3份报告，此处全部列出。<a href="reports/index.html">全部报告列表</a>`)
	if n := strings.Count(p.Page("reports/index.html"), `<tr data-year=`); n != 3 {
		t.Errorf("reports/index.html has %d rows, want 3", n)
	}
	disclosure := p.Page("disclosure.html")
	if strings.Contains(disclosure, "未列出") {
		t.Error("the disclosure page leaves counties out with only two")
	}
	// By name in pinyin order (jia before ning), not by province, which
	// 宁乡市 does not give, nor by code point (宁 before 甲).
	mustMatch(t, "disclosure", between(disclosure, `id="county-disclosure-table"`, `</table>`), `(?s)甲县.*宁乡市`)
}

// byCountyRowRE matches a row of the table across years: the county and
// the department.
var byCountyRowRE = regexp.MustCompile(`<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th><td>([^<]*)</td>`)

// TestCompareYearsIsPaged pages the table of each county's spending by
// year (one row per department's series of whole-department reports) as
// the other long lists are: at 15,000 reports it had 2,950 rows and made
// compare/index.html 2.2 MB. The year charts stay on the first page.
func TestCompareYearsIsPaged(t *testing.T) {
	setPageSizes(t, 2, 3)
	p := buildtest.New(t, fiveReports)
	p.MustBuild()
	list := []string{"compare/index.html", "compare/index-2.html"}
	checkPager(t, p, list, "../", pages.CompareYearsPath, []string{
		"1/2 [next:compare/index-2.html] (1) 2",
		"[prev:compare/index.html] 2/2 1 (2)",
	})
	if p.Exists("compare/index-3.html") || p.Exists("compare/index-1.html") {
		t.Errorf("compare/ has pages beyond 2 or an index-1.html: %v", p.Files())
	}
	// By county name and then series, each in pinyin order, since the
	// table shows no prefecture: 丙县 (bing), 甲县 (jia), 乙县 (yi); 财政局
	// (cai) before 教育局 (jiao), though 教 comes first by code point.
	wantRows := [][]string{{"丙县 财政局", "丙县 教育局", "甲县 财政局"}, {"乙县 财政局"}}
	for i, name := range list {
		page := p.Page(name)
		var rows []string
		for _, m := range byCountyRowRE.FindAllStringSubmatch(between(page, `id="by-county"`, `</table>`), -1) {
			rows = append(rows, m[1]+" "+m[2])
		}
		if !slices.Equal(rows, wantRows[i]) {
			t.Errorf("%s rows %q, want %q", name, rows, wantRows[i])
		}
		if charts := strings.Contains(page, `id="chart-years-count"`); charts != (i == 0) {
			t.Errorf("%s: the year charts are there: %v, want %v", name, charts, i == 0)
		}
	}
	mustContain(t, "compare/index-2.html", p.Page(list[1]),
		`<title>历年比较（第2页）`, `共4行，每页3行；本页列出第4至4行。`, `<a href="../compare/index.html">第1页</a>`)
}

func TestCountyListMovesOffTheHomePage(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	// The prefectures head their counties one level below the section or
	// page they are in: no heading level is skipped.
	// Each county carries the words it is found by: names, pinyin and
	// initials.
	jia := `<li data-search="jiaxian jx"><a href="county/jia-xian.html">甲县</a><span class="count">（2份报告）</span></li>`
	// A prefecture's heading names its province first: the groups are
	// in order of province.
	mustContain(t, "home", p.Page("index.html"), `<h3>湖南省 · 乙市</h3>`, jia)
	counties := p.Page("counties.html")
	mustContain(t, "counties", counties, `<h2>湖南省 · 乙市</h2>`, jia,
		`<a href="county/ning-xiang-shi.html">宁乡市</a><span class="count">（1份报告）</span></li>`,
		`<form class="table-filter" data-list="county-groups" role="search">`, `<div id="county-groups">`)
	mustContain(t, "counties", counties, `<ul class="county-list" data-search="乙市 湖南省">`, `<li data-search="ningxiangshi nxs">`)
	// One province: no links by province.
	if strings.Contains(counties, `class="provinces"`) || strings.Contains(counties, `id="province-`) {
		t.Error("the counties of one province are listed with links by province")
	}
	// The filters of the tables of reports, which show some reports
	// only, offer the list of every county.
	mustContain(t, "home", p.Page("index.html"), `<a class="filter-more" href="counties.html" data-base="counties.html" hidden>`)
	mustContain(t, "reports", p.Page("reports/index.html"), `<a class="filter-more" href="../counties.html" data-base="../counties.html" hidden>`)
	// So does the search page, whether or not the site has a full-text
	// index.
	mustContain(t, "search", p.Page("search.html"), `<a href="counties.html">全部县（市、区）列表</a>`)
	// A reader is told what the page offers, not how the site was built.
	if s := p.Page("search.html"); !strings.Contains(s, "本站暂不提供全文搜索") && !strings.Contains(s, "pagefind") || strings.Contains(s, "构建") {
		t.Errorf("search page speaks of the build, or says nothing of full-text search")
	}

	old := pages.HomeCounties
	pages.HomeCounties = 1
	t.Cleanup(func() { pages.HomeCounties = old })
	if _, err := p.Build(build.Config{NoCache: true}); err != nil {
		t.Fatal(err)
	}
	home := p.Page("index.html")
	mustContain(t, "home", home, `本站收录2个县（市、区），<a href="counties.html">按地市查看全部县（市、区）</a>`)
	if strings.Contains(home, `<ul class="county-list">`) {
		t.Error("the home page still lists the counties")
	}
}

// TestFindingsByCounty: the first page of the findings ranks the counties
// with findings that are more than rounding by their discrepancies, then
// their warnings (FindingCountiesShown of them, saying how many there are
// in all), each count linking to the list filtered to the county and that
// severity; a county with rounding alone is not ranked, and the other
// pages and a site of one county with findings have no such table. A
// county's page counts its findings likewise and links to them, and the
// home page counts the site's.
func TestFindingsByCounty(t *testing.T) {
	setPageSizes(t, 2, 2)
	shown := pages.FindingCountiesShown
	pages.FindingCountiesShown = 2
	t.Cleanup(func() { pages.FindingCountiesShown = shown })
	p := buildtest.New(t, fiveReports)
	p.MustBuild()
	first := p.Page("findings.html")
	table := mustBetween(t, first, `<details class="terms how" id="by-county">`, `</details>`, "the counties ranked by their findings")
	mustContain(t, "the counties ranked", table, "<summary>哪些县（市、区）的核对发现最多？</summary>",
		"只列出有不一致或疑点的县（市、区），先按不一致、再按疑点的条数排列；共3个，这里列出最多的2个。",
		"条数也往往越多，比较时请看“报告数”一栏", `<th scope="col" class="num">报告数</th>`)
	// Each county's number of reports, then its counts.
	row := regexp.MustCompile(`<tr><th scope="row"><a href="county/([^"]+)\.html">[^<]*</a></th><td class="num">(\d+)</td>((?:<td class="num">.*?</td>){3})</tr>`)
	cell := regexp.MustCompile(`<td class="num">(?:<a href="findings\.html\?severity=([^&"]+)&amp;q=([^"]+)">(\d+)</a>|(0))</td>`)
	var got []string
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		line := m[1] + " [" + m[2] + "]"
		for _, c := range cell.FindAllStringSubmatch(m[3], -1) {
			if c[4] == "0" {
				line += " 0"
				continue
			}
			sev, _ := url.QueryUnescape(c[1])
			q, _ := url.QueryUnescape(c[2])
			line += " " + c[3] + "(" + sev + "," + q + ")"
		}
		got = append(got, line)
	}
	// 丙县: a discrepancy and a warning; 乙县: a discrepancy; 甲县: a
	// warning and a rounding, third, left out.
	want := []string{"bing-xian [2] 1(不一致,丙县 甲市) 1(疑点,丙县 甲市) 0", "yi-xian [1] 1(不一致,乙县 丙市) 0 0"}
	if !slices.Equal(got, want) {
		t.Errorf("the counties ranked by their findings read\n%q, want\n%q", got, want)
	}
	if strings.Contains(p.Page("findings-2.html"), `id="by-county"`) {
		t.Error("the second page of the findings ranks the counties too")
	}
	// The home page says how many the site has, as the list counts them
	// (共5条：不一致2条　疑点2条　尾差1条), and leads to the list.
	mustContain(t, "home", p.Page("index.html"),
		`<p class="site-findings">本站把每份报告自身的数字互相核对，发现2处数字对不上、2处疑点，<a href="findings.html">逐条见数据核对</a>。</p>`)
	// A county's page says how many of its reports' findings are more
	// than rounding, and leads to them in the list.
	mustContain(t, "丙县", p.Page("county/bing-xian.html"),
		`<p class="county-findings">丙县的报告中有1处数字对不上、1处疑点，<a href="../findings.html?q=%e4%b8%99%e5%8e%bf%20%e7%94%b2%e5%b8%82">在数据核对中逐条查看</a>。</p>`)
	mustContain(t, "甲县", p.Page("county/jia-xian.html"), `<p class="county-findings">甲县的报告中有1处疑点，<a href="../findings.html?q=`)
	one := buildtest.New(t, jiaAndYi("spending: {total: 100, basic: 60, project: 30}\n", "spending: {total: 200}\n"))
	one.MustBuild()
	if f := one.Page("findings.html"); !strings.Contains(f, `<tr data-severity="不一致"`) || strings.Contains(f, `id="by-county"`) {
		t.Error("a site with one county with findings ranks it, or has no finding to test")
	}
	if strings.Contains(one.Page("county/yi-xian.html"), "county-findings") {
		t.Error("the page of a county without findings says it has some")
	}
	mustContain(t, "home", one.Page("index.html"), `，发现1处数字对不上，<a href="findings.html">`)
	none := buildtest.New(t, jiaAndYi("spending: {total: 100}\n", "spending: {total: 200}\n"))
	none.MustBuild()
	if strings.Contains(none.Page("index.html"), "site-findings") {
		t.Error("the home page of a site without findings says it has some")
	}
}

// TestCountiesByProvince: the list of every county of several provinces
// opens with a link to each province's first prefecture, whose heading
// has the id it leads to, unique though two provinces share their pinyin
// (山西省, 陕西省: shan-xi-sheng); the home page's list has none.
func TestCountiesByProvince(t *testing.T) {
	var files strings.Builder
	for i, c := range [][3]string{{"甲县", "太原市", "山西省"}, {"乙县", "大同市", "山西省"}, {"丙县", "西安市", "陕西省"}, {"丁县", "长沙市", "湖南省"}} {
		fmt.Fprintf(&files, "-- content/r%d.md --\n---\ncounty: %s\nprefecture: %s\nprovince: %s\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n正文。\n", i, c[0], c[1], c[2])
	}
	p := buildtest.New(t, files.String())
	p.MustBuild()
	counties := p.Page("counties.html")
	nav := mustBetween(t, counties, `<nav class="provinces" aria-label="按省份">`, `</nav>`, "the links by province")
	links := regexp.MustCompile(`<a href="#([^"]+)">([^<]+)</a>`).FindAllStringSubmatch(nav, -1)
	var names []string
	ids := map[string]bool{}
	for _, l := range links {
		names = append(names, l[2])
		ids[l[1]] = true
		// The heading it leads to is its province's first group's.
		if h := regexp.MustCompile(`<h2 id="` + regexp.QuoteMeta(l[1]) + `">([^<]*)</h2>`).FindStringSubmatch(counties); h == nil || !strings.HasPrefix(h[1], l[2]+" · ") {
			t.Errorf("the link to %s leads to #%s, whose heading is %q", l[2], l[1], h)
		}
	}
	if len(names) != 3 || len(ids) != 3 {
		t.Errorf("links by province %q to %d ids, want 湖南省, 山西省 and 陕西省, each to its own", names, len(ids))
	}
	if n := strings.Count(counties, `<h2 id="province-`); n != 3 {
		t.Errorf("%d headings carry a province's id, want 3 (大同市 follows 太原市 in 山西省)", n)
	}
	if home := p.Page("index.html"); strings.Contains(home, `id="province-`) || strings.Contains(home, `class="provinces"`) {
		t.Error("the home page's list of counties has links by province")
	}
}

// TestDisclosurePagedByItsOwnSize: the disclosure table, whose rows are
// the heaviest of the lists, is paged by pages.DisclosurePageSize, not by
// the other lists' pages.ListPageSize: five reports at 2 a page take it
// three pages (2, 2, 1), while the full list takes two (4, 1). The
// tables by county have their own sizes: compare/index.html's
// pages.CountyTableSize, at 1 a page a series, and the disclosure page's
// pages.DisclosureCounties, at 1 a county.
func TestDisclosurePagedByItsOwnSize(t *testing.T) {
	l, c, dc, d := pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize
	pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize = 4, 1, 1, 2
	t.Cleanup(func() {
		pages.ListPageSize, pages.CountyTableSize, pages.DisclosureCounties, pages.DisclosurePageSize = l, c, dc, d
	})
	p := buildtest.New(t, fiveReports)
	p.MustBuild()
	// Five reports of four series of whole-department reports (甲县's
	// 财政局 twice) of three counties.
	if !p.Exists("compare/index-4.html") || p.Exists("compare/index-5.html") {
		t.Errorf("the compare table of four series, one a page, is not on four pages: %v", p.Files())
	}
	if n := strings.Count(between(p.Page("disclosure.html"), `id="county-disclosure-table"`, `</table>`), `<th scope="row" `); n != 1 {
		t.Errorf("the disclosure page's table by county lists %d counties, want 1", n)
	}
	var got []int
	for _, name := range []string{"disclosure.html", "disclosure-2.html", "disclosure-3.html"} {
		got = append(got, len(rowsOf(disclosureRowRE, p.Page(name))))
	}
	if !slices.Equal(got, []int{2, 2, 1}) {
		t.Errorf("the disclosure pages hold %v reports, want [2 2 1]", got)
	}
	mustContain(t, "disclosure", p.Page("disclosure.html"), "每页2份，共3页")
	got = nil
	for _, name := range []string{"reports/index.html", "reports/2.html"} {
		got = append(got, len(rowsOf(reportRowRE, p.Page(name))))
	}
	if !slices.Equal(got, []int{4, 1}) {
		t.Errorf("the full list's pages hold %v reports, want [4 1]", got)
	}
	if p.Exists("disclosure-4.html") || p.Exists("reports/3.html") {
		t.Error("a list has a page more than its rows need")
	}
}

// TestNoReportIndexWhenTablesAreWhole: a site whose home table, full
// list and list of findings show every report and finding has no index
// of either list, and its filters do not look for one.
func TestNoReportIndexWhenTablesAreWhole(t *testing.T) {
	p := buildtest.New(t, fiveReports)
	p.MustBuild()
	for _, index := range []string{pages.ReportIndexPath, pages.FindingIndexPath} {
		if p.Exists(index) {
			t.Errorf("%s written for five reports on one page", index)
		}
	}
	for _, name := range []string{"index.html", "reports/index.html", "findings.html"} {
		if page := p.Page(name); strings.Contains(page, "data-rows") || strings.Contains(page, "filter-elsewhere") {
			t.Errorf("%s's filter looks for an index of the list", name)
		}
	}
}
