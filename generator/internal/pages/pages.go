// Package pages decides which pages the site has and what each shows: it
// turns the site model into page models with their charts and tables,
// ready for the templates.
package pages

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// Page is one HTML page to render.
type Page struct {
	// Path is the output path from the site root, such as county/x.html.
	Path string
	// Template names the page template, such as "report".
	Template string
	// Title and Description fill the head of the page.
	Title, Description string
	// Section marks the navigation entry the page belongs to.
	Section string
	// Charts holds the page's charts, in order.
	Charts []charts.Chart
	// Data is the page-specific model.
	Data any
	// Release, when not nil, is to be called once the page is written
	// (see Written): the model may share memory (a report's body, its
	// charts' tables and options, a report page's whole model) that is
	// then given back to be used again. Leaving it uncalled only forgoes
	// that.
	Release func()
}

// Written is to be called once the page is written: it gives back what
// its model shares (Release), if anything, after which nothing of the
// page may be used. A second call does nothing.
func (p *Page) Written() {
	if release := p.Release; release != nil {
		p.Release = nil
		release()
	}
}

// Root returns the relative prefix from the page to the site root, such as
// "../" for county/x.html.
func (p *Page) Root() string { return rootOf(p.Path) }

// rootOf returns the relative path from the page at path to the site's
// root.
func rootOf(path string) string {
	if n := strings.Count(path, "/"); n < len(roots) {
		return roots[n]
	}
	return strings.Repeat("../", strings.Count(path, "/"))
}

// roots holds the prefixes of the pages closest to the root, which are all
// the site's pages, so that Root need not make them page after page.
var roots = [...]string{"", "../", "../../", "../../../", "../../../../"}

// Chart returns the page's chart with the ID, for templates.
func (p *Page) Chart(id string) *charts.Chart {
	for i := range p.Charts {
		if p.Charts[i].ID == id {
			return &p.Charts[i]
		}
	}
	return nil
}

// Job is one page to make: its path, known before its model is built,
// and the function that builds the model. Make may be called from any
// goroutine; jobs do not depend on each other.
type Job struct {
	// Path is the page's output path from the site root.
	Path string
	// Make builds the page model.
	Make func() (*Page, error)
	// Report is the report of a report's page; nil for other pages.
	Report *site.Report
	// County is the county of a county's page, and of a series' page;
	// nil for other pages.
	County *site.County
	// Series is the series of a series' page (see site.Series.URL); nil
	// for other pages.
	Series *site.Series
}

// Each calls fn for every page of the site, in a fixed order: the home
// page, the first pages of the full list of reports, of the findings and
// of the disclosure table, the counties, search and 404 pages, the compare
// pages (across years, the first of them, then each year, each followed by
// its kinds' pages), the other pages of those lists, the county pages
// (each followed by its series' pages, when they have pages), then the
// report pages. Building a page's model is left to the job, so that
// callers can build models in parallel. It stops at the first error.
func Each(s *site.Site, fn func(Job) error) error {
	var jobs, rest []Job
	jobs = append(jobs, Job{Path: "index.html", Make: func() (*Page, error) { return Home(s) }})
	// The pages of a list are made together, by the first of their jobs
	// to run: a list is sorted once. Their paths are known before. Its
	// first page comes with the other pages of the site as a whole, the
	// rest after them all (rest), so that while one worker builds a list,
	// the others make other pages rather than wait for it (at 15,000
	// reports, a worker waited ~50 ms for the lists when their pages came
	// one after the other).
	list := func(rows, size int, path func(int) string, build func(*site.Site) ([]*Page, error)) {
		all := sync.OnceValues(func() ([]*Page, error) { return build(s) })
		n := pageCount(rows, size)
		for i := range n {
			to := &rest
			if i == 0 {
				to = &jobs
			}
			*to = append(*to, Job{Path: path(i + 1), Make: func() (*Page, error) {
				ps, err := all()
				if err != nil {
					return nil, err
				}
				if len(ps) != n || ps[i].Path != path(i+1) {
					return nil, fmt.Errorf("pages: %s: the list has %d pages, %d expected", path(i+1), len(ps), n)
				}
				return ps[i], nil
			}})
		}
	}
	infallible := func(build func(*site.Site) []*Page) func(*site.Site) ([]*Page, error) {
		return func(s *site.Site) ([]*Page, error) { return build(s), nil }
	}
	list(len(s.Reports), ListPageSize, ReportsPath, infallible(Reports))
	list(CountFindings(s), ListPageSize, FindingsPath, infallible(Findings))
	list(len(s.Reports), DisclosurePageSize, DisclosurePath, infallible(Disclosure))
	jobs = append(jobs,
		Job{Path: "counties.html", Make: func() (*Page, error) { return Counties(s), nil }},
		Job{Path: "search.html", Make: func() (*Page, error) { return Search(s), nil }},
		Job{Path: "404.html", Make: func() (*Page, error) { return NotFound(s), nil }})
	list(compareYearsRows(s), CountyTableSize, CompareYearsPath, CompareYears)
	for _, y := range s.Years {
		jobs = append(jobs, Job{Path: ComparePath(y), Make: func() (*Page, error) { return CompareYear(s, y) }})
		for _, k := range s.Kinds[y] {
			if HasComparePage(k) {
				jobs = append(jobs, Job{Path: CompareKindPath(k), Make: func() (*Page, error) { return CompareKind(s, k) }})
			}
		}
	}
	jobs = append(jobs, rest...)
	for _, j := range jobs {
		if err := fn(j); err != nil {
			return err
		}
	}
	for _, c := range s.Counties {
		if err := fn(Job{Path: c.URL, County: c, Make: func() (*Page, error) { return County(s, c) }}); err != nil {
			return err
		}
		if !c.SeriesPages() {
			continue
		}
		for _, se := range c.Series {
			if err := fn(Job{Path: se.URL, County: c, Series: se, Make: func() (*Page, error) { return Series(c, se) }}); err != nil {
				return err
			}
		}
	}
	for _, r := range s.Reports {
		job := Job{Path: r.URL, Report: r, Make: func() (*Page, error) {
			full, release, err := s.Full(r)
			if err != nil {
				return nil, err
			}
			p, err := Report(s, full)
			if err != nil {
				release()
				return nil, err
			}
			free := p.Release
			p.Release = func() {
				release()
				free()
			}
			return p, nil
		}}
		if err := fn(job); err != nil {
			return err
		}
	}
	return nil
}

// CountFindings counts the findings of every report that are more than a
// note on disclosure: those the list of findings shows. They are counted
// once for the site (see site.Site.Derived): a build asks five times.
func CountFindings(s *site.Site) int {
	return s.Derived(findingCountKey{}, func() any { return countFindings(s) }).(int)
}

// findingCountKey is the key of CountFindings' count in the site's
// derived values.
type findingCountKey struct{}

// countFindings counts the findings for CountFindings.
func countFindings(s *site.Site) int {
	n := 0
	for _, r := range s.Reports {
		for _, c := range r.Checks {
			for _, f := range c.Findings {
				if f.Severity != check.Info {
					n++
				}
			}
		}
	}
	return n
}

// Row is one report in a table of reports.
type Row struct {
	R *site.Report
	// Total, Sangong and Score are the cells of the main figures.
	Total, Sangong, Score charts.Cell
	// Funds is the amount its project received (项目到位资金, in 万元,
	// as pages show amounts), for a 项目支出 report that gives it but
	// not its 支出合计 (see ProjectFunds); it is empty otherwise.
	Funds string
	// Search holds the words a reader may filter by: names, pinyin and
	// initials.
	Search string
}

// ProjectFunds returns the amount a 项目支出 report's project received
// (its income, 项目到位资金), in 万元 as pages show amounts, when the
// report gives it but not its 支出合计; it returns "" otherwise. A table
// of reports of every type, whose column is 支出合计, shows it under
// the cell of the total, 未披露, so that the row of a report that gives
// only its funds does not read as empty, while the column sorts and
// sums the spending alone: the funds are not the spending.
func ProjectFunds(r *site.Report) string {
	t := newTexts()
	var s string
	t.projectFunds(&s, r)
	t.done()
	return s
}

// projectFunds sets *dst to ProjectFunds(r), its text left to t.
func (t *texts) projectFunds(dst *string, r *site.Report) {
	if r.Type != report.TypeProject || r.Spending.Total.Known() || !r.Income.Known() {
		return
	}
	t.buf = charts.AppendFormat(t.buf, r.Income.V.Wan())
	t.end(dst)
}

// NewRow returns the table row of a report.
func NewRow(r *site.Report) Row {
	rows := make([]Row, 1)
	newRows(rows, []*site.Report{r})
	return rows[0]
}

// newRows fills rows with the rows of the reports, one each, their texts
// sharing one string (see texts).
func newRows(rows []Row, rs []*site.Report) {
	t := newTexts()
	for i, r := range rs {
		row := &rows[i]
		row.R = r
		// The words, lowercased below once they are a string.
		t.buf = appendReportWords(t.buf, r)
		t.end(&row.Search)
		t.moneyCell(&row.Total, r, r.Spending.Total, "spending.total")
		t.moneyCell(&row.Sangong, r, r.Sangong.Total, "sangong.total")
		t.scoreCell(&row.Score, r.Score)
		t.projectFunds(&row.Funds, r)
	}
	t.done()
	for i := range rows[:len(rs)] {
		rows[i].Search = strings.ToLower(rows[i].Search)
	}
}

// appendReportWords appends the words a reader may find the report r by
// in a table's filter: its county, prefecture, province, department,
// year, type and project, and the county's pinyin and initials.
func appendReportWords(b []byte, r *site.Report) []byte {
	c := r.County
	for j, w := range [...]string{c.Name, c.Prefecture, c.Province, r.Department} {
		if j > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(r.Year), 10)
	b = append(b, ' ')
	b = append(b, r.Type...)
	if r.Project != "" {
		b = append(b, ' ')
		b = append(b, r.Project...)
	}
	b = append(b, ' ')
	return appendSlugWords(b, c.Slug)
}

// CountySearch returns the words a reader may find a county by that a
// list of counties does not show: its pinyin (the slug without hyphens)
// and its initials, in lower case. The list's filter adds the name it
// shows and the group's words (CountyGroup.Search).
func CountySearch(c *site.County) string {
	b := appendPinyin(make([]byte, 0, len(c.Slug)+8), c.Slug)
	b = append(b, ' ')
	return strings.ToLower(string(appendInitials(b, c.Slug)))
}

// appendSlugWords appends the words of a slug a reader may type: the
// slug without hyphens (the pinyin), its initials and the slug itself.
func appendSlugWords(b []byte, slug string) []byte {
	b = append(appendPinyin(b, slug), ' ')
	b = append(appendInitials(b, slug), ' ')
	return append(b, slug...)
}

// appendPinyin appends the slug without its hyphens.
func appendPinyin(b []byte, slug string) []byte {
	for k := 0; k < len(slug); k++ {
		if slug[k] != '-' {
			b = append(b, slug[k])
		}
	}
	return b
}

// appendInitials appends site.Initials(slug), the first letter of each
// part of the slug, without making it a string first.
func appendInitials(dst []byte, slug string) []byte {
	for k := 0; k < len(slug); k++ {
		if slug[k] != '-' && (k == 0 || slug[k-1] == '-') {
			dst = append(dst, slug[k])
		}
	}
	return dst
}

// moneyCell makes c, a zero cell, the cell of the amount m, the figure
// key of the report r, its text left to t. A figure not given that r's
// type does not have is 不适用 (see missingText); one r does not give but
// its file's writer computed is Derived.
func (t *texts) moneyCell(c *charts.Cell, r *site.Report, m report.Money, key string) {
	c.Num = true
	if !m.Known() {
		c.Text, c.NA = missingText(r.Type, key, m.State), true
		return
	}
	c.Derived = r.IsDerived(key)
	// To two decimals, as every page shows an amount (see charts.Format).
	t.buf = charts.AppendFormat(t.buf, m.V.Wan())
	t.end2(&c.Text, &c.Value)
}

// scoreCell makes c, a zero cell, the cell of a score, its text left to
// t.
func (t *texts) scoreCell(c *charts.Cell, f report.Field[float64]) {
	c.Num = true
	if !f.Known() {
		c.Text, c.NA = NAText(f.State), true
		return
	}
	t.buf = charts.AppendFormat(t.buf, f.V)
	t.end2(&c.Text, &c.Value)
}

// Card is a headline figure on the home page.
type Card struct {
	Label, Value, Note, Href string
	// Checks is the path from the site root of the checks of the report
	// whose figure Value is, when a finding puts that figure in doubt
	// (site.Report.Flagged): the card marks it ⚠ as other pages do.
	Checks string
	// Derived says Value is computed from a figure the report does not
	// give (report.Report.Derived): the card marks it （推算）, as tables
	// do.
	Derived bool
}

// HomeData is the model of the home page.
type HomeData struct {
	Site *site.Site
	// Year is the year of the overview (see overviewYear); Passed, when
	// not empty, says which newer years it passes over and why.
	Year   int
	Passed string
	Cards  []Card
	// Title is the page's heading; Count says how many reports the site
	// has and of which types (see ReportCount).
	Title, Count string
	// Rows holds the newest reports, at most HomeRows, in ReportOrder.
	Rows []Row
	// FilterYears are the table filter's years: every year of the site,
	// those not in Rows leading to the full list (see YearChoice);
	// FilterPrefectures are the prefectures of Rows, or of every report
	// when the table leaves some out (see Index).
	FilterYears       []YearChoice
	FilterPrefectures []string
	// ListHref is the path of the full list of reports from the site
	// root, ListPages its number of pages and PageSize the rows of each.
	ListHref            string
	ListPages, PageSize int
	// Index is ReportIndexPath when the table leaves reports out
	// (Partial), for its filter to tell which pages of the full list
	// hold reports it would show.
	Index string
	// Groups lists counties by prefecture.
	Groups []CountyGroup
	// Provinces, on the list of every county of more than one province,
	// lead to each province's first group.
	Provinces []Province
	// Findings, on the home page, counts every report's findings by
	// severity, as the list of findings does.
	Findings FindingCounts
}

// Partial reports whether the home table leaves reports out.
func (d *HomeData) Partial() bool { return len(d.Rows) < len(d.Site.Reports) }

// Kinds returns how many kinds of department the overview's year has
// whole-department reports of: with more than one, its highest figures
// and charts set, say, an 教育局 beside an 档案馆, and the page says so.
func (d *HomeData) Kinds() int { return len(d.Site.Kinds[d.Year]) }

// KindPages reports whether a kind of department of the overview's year
// has a compare page of its own (see HasComparePage).
func (d *HomeData) KindPages() bool {
	return slices.ContainsFunc(d.Site.Kinds[d.Year], HasComparePage)
}

// CountyGroup is the counties of one prefecture.
type CountyGroup struct {
	Prefecture string
	Counties   []*site.County
	// Anchor, on the list of every county, is the id of the heading of
	// the first group of a province, which the list's links by
	// province (Province) lead to; "" otherwise.
	Anchor string
}

// Province is a link to the first group of a province in the list of
// every county.
type Province struct {
	Name, Anchor string
}

// provinceLinks gives the first group of each province among groups
// (listed by province first) an Anchor, and returns the links to them,
// when the groups are of more than one province; of one, it returns
// none. A province's anchor is its pinyin (shan-xi-sheng), numbered from
// its second on when two share it (山西省, 陕西省).
func provinceLinks(groups []CountyGroup) []Province {
	var out []Province
	used := map[string]bool{}
	last := ""
	for i := range groups {
		g := &groups[i]
		if len(g.Counties) == 0 {
			continue
		}
		p := g.Counties[0].Province
		if p == "" || p == last {
			continue
		}
		last = p
		anchor := "province-" + site.Slugify(p)
		for n := 2; used[anchor]; n++ {
			anchor = "province-" + site.Slugify(p) + "-" + strconv.Itoa(n)
		}
		used[anchor] = true
		g.Anchor = anchor
		out = append(out, Province{Name: p, Anchor: anchor})
	}
	if len(out) < 2 {
		for i := range groups {
			groups[i].Anchor = ""
		}
		return nil
	}
	return out
}

// Heading returns the group's heading: the prefecture, after its province
// when there is one of another name (湖南省 · 长沙市). Groups are listed
// by province first, so without it the prefectures would seem out of
// order (北京市, 周口市, 长沙市, 沈阳市).
func (g CountyGroup) Heading() string {
	if len(g.Counties) == 0 {
		return g.Prefecture
	}
	if p := g.Counties[0].Province; p != "" && p != g.Prefecture {
		return p + " · " + g.Prefecture
	}
	return g.Prefecture
}

// Search returns the words a reader may find the group's counties by,
// besides their own (see CountySearch): the prefecture and the province.
func (g CountyGroup) Search() string {
	if len(g.Counties) == 0 || g.Counties[0].Province == "" {
		return g.Prefecture
	}
	return g.Prefecture + " " + g.Counties[0].Province
}

// HomeCounties is how many counties the home page lists itself; with more,
// it links to counties.html, which lists them all.
var HomeCounties = 200

// countyGroups lists the counties by prefecture, in site order.
func countyGroups(s *site.Site) []CountyGroup {
	var groups []CountyGroup
	var g *CountyGroup
	for _, c := range s.Counties {
		name := c.Prefecture
		if name == "" {
			name = "其他"
		}
		if g == nil || g.Prefecture != name {
			groups = append(groups, CountyGroup{Prefecture: name})
			g = &groups[len(groups)-1]
		}
		g.Counties = append(g.Counties, c)
	}
	return groups
}

// Search returns the full-text search page: Pagefind's search box when the
// build makes an index, otherwise a pointer to the list of counties and
// the report table's filter. Its description says which, as its lead
// does, so that a search engine's snippet promises only what it offers.
func Search(s *site.Site) *Page {
	desc := "本站暂不提供全文搜索；可在全部县（市、区）列表中按县名、拼音或首字母查找，或浏览全部报告列表。"
	if s.Search {
		desc = "在全部报告的正文、数字和核对发现中搜索，支持中文。"
	}
	return &Page{Path: "search.html", Template: "search", Section: "search",
		Title: "搜索", Description: desc, Data: s}
}

// Counties returns the page listing every county by prefecture.
func Counties(s *site.Site) *Page {
	return &Page{Path: "counties.html", Template: "counties", Section: "counties",
		Title:       "各县（市、区）",
		Description: fmt.Sprintf("本站收录的%d个县（市、区），按地市列出。", len(s.Counties)),
		Data:        countiesData(s),
	}
}

// countiesData is the model of the list of every county: its groups by
// prefecture, and links to each province's first.
func countiesData(s *site.Site) *HomeData {
	d := &HomeData{Site: s, Groups: countyGroups(s)}
	d.Provinces = provinceLinks(d.Groups)
	return d
}

// Home returns the home page.
func Home(s *site.Site) (*Page, error) {
	d := &HomeData{Site: s, Findings: findingCounts(s.Reports), ListHref: ReportsPath(1),
		ListPages: pageCount(len(s.Reports), ListPageSize), PageSize: max(ListPageSize, 1)}
	rs := sortedReports(s)
	if n := min(max(HomeRows, 0), len(rs)); n > 0 {
		d.Rows = make([]Row, n)
		newRows(d.Rows, rs[:n])
	}
	d.FilterYears = choices(yearRuns(rs), yearsOf(d.Rows), d.ListPages > 1, "全部报告")
	if d.Partial() {
		d.Index, d.FilterPrefectures = ReportIndexPath, filterPrefectures(rs)
	} else {
		d.FilterPrefectures = filterPrefectures(rs[:len(d.Rows)])
	}
	if len(s.Counties) <= HomeCounties {
		d.Groups = countyGroups(s)
	}
	title := "县级部门整体支出绩效自评报告比较"
	if d.Count = ReportCount(s.Reports); !allWhole(s.Reports) {
		title = "县级部门绩效自评报告比较"
	}
	d.Title = title
	p := &Page{Path: "index.html", Template: "home", Section: "home",
		Title:       title,
		Description: fmt.Sprintf("汇集%d个县（市、区）的%s，比较支出、三公经费和自评得分。", len(s.Counties), d.Count),
		Data:        d,
	}
	if s.LatestYear > 0 {
		var passed []int
		d.Year, passed = overviewYear(s)
		if len(passed) > 0 {
			d.Passed = passedNote(passed, d.Year)
		}
		year := wholeReports(s.ByYear[d.Year])
		d.Cards = headline(d.Year, year)
		c, err := spendingChart(fullNames, "home-spending", fmt.Sprintf("%d年支出合计", d.Year), year, perStaffFits(s, d.Year, nil))
		if err != nil {
			return nil, err
		}
		c.Years = charts.YearsText(strconv.Itoa(d.Year), strconv.Itoa(d.Year))
		p.Charts = append(p.Charts, c)
	}
	return p, nil
}

// OverviewMin is how many whole-department reports of a year must give
// 支出合计 for the home page's overview to be of that year: two, the
// fewest a comparison needs. Of one report, 最高 and 平均 would be the
// report's own figure, called the best of a field it is alone in.
const OverviewMin = 2

// overviewYear returns the year of the home page's overview: the latest
// year with OverviewMin whole-department reports or more that give
// 支出合计, or s.LatestYear when no year has as many. passed lists the
// newer years, newest first, that have a single such report and so are
// passed over.
func overviewYear(s *site.Site) (year int, passed []int) {
	for _, y := range s.Years {
		n := 0
		for _, r := range s.ByYear[y] {
			if r.Type == report.TypeWhole && r.Spending.Total.Known() {
				n++
			}
		}
		switch {
		case n >= OverviewMin:
			return y, passed
		case n > 0:
			passed = append(passed, y)
		}
	}
	return s.LatestYear, nil
}

// passedNote says which newer years the overview of year passes over,
// and why.
func passedNote(passed []int, year int) string {
	names := make([]string, len(passed))
	for i, y := range passed {
		names[i] = strconv.Itoa(y) + "年"
	}
	each := "仅有"
	if len(passed) > 1 {
		each = "各仅有"
	}
	return fmt.Sprintf("%s%s1份部门整体支出报告给出支出合计，无从比较，此处概览有%d份以上报告的最新年度%d年；各年度的报告见下方列表。",
		strings.Join(names, "、"), each, OverviewMin, year)
}

// ReportCount says how many reports rs holds and of which types, without
// calling them all of one type when they are not: 5份部门整体支出绩效自评报告
// when every one evaluates a department's whole spending,
// 3份项目支出（专项）绩效自评报告 when every one a project or a fund, and
// 5份部门绩效自评报告（整体支出4份、项目支出1份） for a mix.
func ReportCount(rs []*site.Report) string {
	whole := 0
	for _, r := range rs {
		if r.Type == report.TypeWhole {
			whole++
		}
	}
	switch {
	case whole == len(rs):
		return fmt.Sprintf("%d份部门整体支出绩效自评报告", len(rs))
	case whole == 0 && allOf(rs, report.TypeProject):
		return fmt.Sprintf("%d份项目支出（专项）绩效自评报告", len(rs))
	}
	// By type: 整体支出 first, then the others in code point order.
	counts := map[string]int{}
	var types []string
	for _, r := range rs {
		if counts[r.Type] == 0 && r.Type != report.TypeWhole {
			types = append(types, r.Type)
		}
		counts[r.Type]++
	}
	slices.Sort(types)
	if whole > 0 {
		types = append([]string{report.TypeWhole}, types...)
	}
	parts := make([]string, len(types))
	for i, typ := range types {
		parts[i] = fmt.Sprintf("%s%d份", typ, counts[typ])
	}
	return fmt.Sprintf("%d份部门绩效自评报告（%s）", len(rs), strings.Join(parts, "、"))
}

// allOf reports whether every report of rs is of the type.
func allOf(rs []*site.Report, typ string) bool {
	for _, r := range rs {
		if r.Type != typ {
			return false
		}
	}
	return true
}

// allWhole reports whether every report of rs is a whole-department
// report.
func allWhole(rs []*site.Report) bool { return allOf(rs, report.TypeWhole) }

// wholeReports keeps the whole-department reports, which are comparable.
func wholeReports(rs []*site.Report) []*site.Report {
	var out []*site.Report
	for _, r := range rs {
		if r.Type == report.TypeWhole {
			out = append(out, r)
		}
	}
	return out
}

// derivedCardNote ends the note of a card whose figure is derived.
const derivedCardNote = "。这个数字报告没有直接写出，是整理本站数据的人根据报告中的其他数字算出的"

func headline(year int, rs []*site.Report) []Card {
	note := "部门整体支出绩效自评报告"
	if len(rs) == 1 {
		note = "仅1份部门整体支出绩效自评报告，无从比较"
	}
	cards := []Card{{Label: fmt.Sprintf("%d年报告", year), Value: fmt.Sprintf("%d份", len(rs)), Note: note, Href: fmt.Sprintf("compare/%d.html", year)}}
	for _, key := range []string{"total", "sangong", "score"} {
		m := site.MetricByKey(key)
		var best *site.Report
		var bv float64
		n, ties := 0, 0
		sum := 0.0
		for _, r := range rs {
			if v, ok := m.Compare(r); ok {
				n++
				sum += v
				switch {
				case best == nil || charts.Shown(v) > charts.Shown(bv):
					best, bv, ties = r, v, 1
				case charts.Shown(v) == charts.Shown(bv):
					ties++
				}
			}
		}
		if best == nil {
			cards = append(cards, Card{Label: m.Label, Value: "未披露", Note: "本年度没有报告披露" + m.Label})
			continue
		}
		if n == 1 {
			// One figure is neither the highest nor an average.
			card := Card{Label: m.Label, Value: charts.Format(bv) + m.Unit, Note: "仅1份报告披露：" + best.Label() + "，无从比较"}
			cards = append(cards, card.of(best, m))
			continue
		}
		who := best.Label()
		if ties > 1 {
			who += fmt.Sprintf("等%d份", ties)
		}
		// The average to two decimals: four would claim a precision
		// that no report gives.
		note := fmt.Sprintf("%d份报告披露，平均%s%s", n, charts.Format(math.Round(sum/float64(n)*100)/100), m.Unit)
		card := Card{Label: m.Label + "最高", Value: charts.Format(bv) + m.Unit, Note: who + "；" + note}
		cards = append(cards, card.of(best, m))
	}
	return cards
}

// of returns the card of the figure m of the report r: linked to its
// page, marked ⚠ when a finding puts the figure in doubt, and （推算）,
// its note saying why, when the report does not give it.
func (c Card) of(r *site.Report, m site.Metric) Card {
	c.Href = r.URL
	if r.Flagged(m.Keys...) {
		c.Checks = r.URL + "#checks"
	}
	if r.IsDerived(m.Keys...) {
		c.Derived = true
		c.Note += derivedCardNote
	}
	return c
}

// Link is a navigation link.
type Link struct {
	Label string
	// Href is a path from the site root.
	Href string
	// Section matches Page.Section for the active link.
	Section string
}

// Nav returns the site-wide navigation.
func Nav(s *site.Site) []Link {
	links := []Link{
		{Label: "首页", Href: "index.html", Section: "home"},
		{Label: "各县", Href: "counties.html", Section: "counties"},
		{Label: "比较", Href: "compare/index.html", Section: "compare"},
		{Label: "数据核对", Href: "findings.html", Section: "findings"},
		{Label: "披露情况", Href: "disclosure.html", Section: "disclosure"},
	}
	if s.Search {
		links = append(links, Link{Label: "搜索", Href: "search.html", Section: "search"})
	}
	return links
}

// NotFound returns the page shown for a missing path.
func NotFound(s *site.Site) *Page {
	return &Page{Path: "404.html", Template: "404", Section: "404", Title: "页面不存在",
		Description: "您访问的页面不存在。", Data: s}
}
