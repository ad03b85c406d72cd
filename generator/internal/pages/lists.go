package pages

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"
	"strconv"

	"github.com/countyperf/portal/generator/internal/jsontext"
	"github.com/countyperf/portal/generator/internal/site"
)

// HomeRows is how many reports the home page's table lists at most: the
// newest, in the order of the full list (ReportOrder). The rest are on the
// paged list under reports/, ListPageSize a page, whose filter and sort
// the home table shares (its filter names the pages of the full list
// that hold the other reports it would show). At 200, on a phone, where
// each row is a card of 72 px, the table was 14,400 px of a 21,600 px
// home page at 15,000 reports; 20 is about two screens of a phone and
// one of a laptop. A variable so that tests can make it small.
var HomeRows = 20

// ListPageSize is how many rows each page of the two long lists holds:
// the full list of reports (reports/) and the findings (findings.html,
// findings-2.html, …). At 500 a page, on a phone, where each row is a
// card, a page of findings was 94,000 px tall (a page of reports 37,000)
// and its HTML 510 KB; at 100 it is about a fifth of that, and 15,000
// reports with their 8,040 findings take 231 pages rather than 47. A
// variable so that tests can make it small.
var ListPageSize = 100

// CountyTableSize is how many rows each page of the table of each
// county's spending by year holds (compare/index.html,
// compare/index-2.html, …), as many as a page of the long lists
// (ListPageSize). At 500 a page, on a phone, the first page was 53,000 px
// tall at 15,000 reports, its table 47,000 px (94 px a row, the
// departments' names broken a character a line); at 100 a page, names
// on one line, the table is some 4,400 px. A variable so that tests can
// make it small.
var CountyTableSize = 100

// DisclosureCounties is how many counties the disclosure page's table by
// county lists at most (its reports are paged by DisclosurePageSize): the
// least complete, as many as a page of the other lists. At 500, on a
// phone, the table took 23,000 px of the first page (37,700 px in all at
// 15,000 reports), a county whose share says what it counted four lines
// tall; reports.csv holds every report's figures. A variable so that
// tests can make it small.
var DisclosureCounties = 100

// DisclosurePageSize is how many reports each page of the disclosure
// table (disclosure.html, disclosure-2.html, …) holds. Its rows are the
// heaviest of the lists (a cell a core figure, each a mark and its words
// for screen readers, some 37 elements a row): at 500 a page held 18,700
// elements, and Lighthouse's mobile run found 730 ms of blocking time
// and scored it 82; the other lists, then 500 a page, scored 98–100. At
// 200 a page, on a phone, its cards were 14,500 px; it now holds as many
// as the other lists (ListPageSize). A variable so that tests can make
// it small.
var DisclosurePageSize = 100

// pagerWindow is how many page numbers a pager shows on each side of the
// current page, besides the first and the last, so that a pager stays
// small however many pages a list has: at most six numbers and a gap, or
// five and two, which fit a phone's line as targets of 44 px (at two a
// side, seven numbers took two lines); a page further off is typed in
// (Pager.Jump).
const pagerWindow = 1

// Pager says where a page of a paged list is and links to the others.
type Pager struct {
	// N is the page's number, from 1; Of is the number of pages; Size is
	// the most rows a page holds.
	N, Of, Size int
	// First and Last number the page's rows among all, from 1 (0 when the
	// list is empty); Total counts the rows of the whole list.
	First, Last, Total int
	// Prev and Next are the paths from the site root of the previous and
	// next pages, or "" when there is none.
	Prev, Next string
	// Links are the page numbers to show, with gaps where numbers are left
	// out.
	Links []PageLink
	// Jump says that some pages have no number among Links, so that the
	// pager offers a box to type a page's number in (site.js shows it).
	Jump bool
}

// PageLink is a page number in a pager.
type PageLink struct {
	N int
	// Href is the page's path from the site root; "" marks a gap (…).
	Href string
	// Current marks the page the pager is on.
	Current bool
}

// paged splits a list of total rows into pages of size rows, at least one
// page even when the list is empty, and returns each page's pager and the
// bounds of its rows. name gives the path of page n (from 1).
func paged(total, size int, name func(n int) string) []Pager {
	size = max(size, 1)
	of := pageCount(total, size)
	out := make([]Pager, of)
	for i := range out {
		n := i + 1
		p := Pager{N: n, Of: of, Size: size, Total: total, First: i*size + 1, Last: min(n*size, total)}
		if total == 0 {
			p.First = 0
		}
		if n > 1 {
			p.Prev = name(n - 1)
		}
		if n < of {
			p.Next = name(n + 1)
		}
		show := func(k int) bool { return k == 1 || k == of || (k >= n-pagerWindow && k <= n+pagerWindow) }
		for k := 1; k <= of; k++ {
			switch {
			case show(k) || (show(k-1) && show(k+1)): // a gap of one page is shown as the page
				p.Links = append(p.Links, PageLink{N: k, Href: name(k), Current: k == n})
			case show(k - 1):
				p.Links = append(p.Links, PageLink{})
				p.Jump = true
			}
		}
		out[i] = p
	}
	return out
}

// pageCount returns how many pages of size rows a list of total rows
// takes: at least one.
func pageCount(total, size int) int {
	size = max(size, 1)
	return max((total+size-1)/size, 1)
}

// titled adds the page's number to a title, from the second page on.
func titled(title string, p Pager) string {
	if p.N == 1 {
		return title
	}
	return fmt.Sprintf("%s（第%d页）", title, p.N)
}

// ReportOrder is the order of the lists of reports: newest year first,
// then by county slug, department, type and project. The file breaks any
// tie left.
func ReportOrder(a, b *site.Report) int {
	// Key by key, rather than with cmp.Or, which would compare every
	// string of every pair: lists sort all the site's reports.
	if c := cmp.Compare(b.Year, a.Year); c != 0 {
		return c
	}
	if a.County != b.County {
		// By county name in pinyin order (keys made once per county).
		if c := a.County.CompareName(b.County); c != 0 {
			return c
		}
	}
	if c := site.CompareNames(a.Department, b.Department); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Type, b.Type); c != 0 {
		return c
	}
	if a.Project != b.Project {
		if c := site.CompareNames(a.Project, b.Project); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.File, b.File)
}

// sortedReports returns the site's reports in ReportOrder.
func sortedReports(s *site.Site) []*site.Report {
	rs := slices.Clone(s.Reports)
	slices.SortFunc(rs, ReportOrder)
	return rs
}

// ReportsData is the model of a page of the full list of reports.
type ReportsData struct {
	Rows []Row
	// Years are the filter's years: every year of the site, since the
	// list is in order of year and a year not on the page leads to the
	// pages that hold it. Prefectures are those of the rows on the page,
	// or every report's when the list has other pages (see Index).
	Years       []YearChoice
	Prefectures []string
	Pager       Pager
	// Index is ReportIndexPath when the list has other pages, for the
	// filter to tell which of them hold reports it would show.
	Index string
}

// YearChoice is a year that the filter of a table of reports offers.
type YearChoice struct {
	Year int
	// Label is the option's text: the year, and on a list of several
	// pages the pages that hold its reports (2021（第1–2页）).
	Label string
	// Href, when the table holds none of the year's reports, is the path
	// from the site root of the first page of the full list that does,
	// which the filter opens (site.js); "" otherwise.
	Href string
	// Pages names the pages of the full list that hold the year's
	// reports: 第3页, or 第1–2页.
	Pages string
	// First is the path from the site root of the first of them.
	First string
}

// yearRuns returns the years of rs, which are in ReportOrder (by year,
// newest first), each with the pages of the full list, ListPageSize
// reports a page, that hold it, as YearChoices for a table that holds
// none of them; choices makes those of a table from them.
func yearRuns(rs []*site.Report) []YearChoice {
	size := max(ListPageSize, 1)
	var out []YearChoice
	for i := 0; i < len(rs); {
		y := rs[i].Year
		j := i
		for j < len(rs) && rs[j].Year == y {
			j++
		}
		first, last := i/size+1, (j-1)/size+1
		pages := fmt.Sprintf("第%d页", first)
		if last > first {
			pages = fmt.Sprintf("第%d–%d页", first, last)
		}
		out = append(out, YearChoice{Year: y, Pages: pages, First: ReportsPath(first)})
		i = j
	}
	return out
}

// choices returns the years of runs (see yearRuns) as the filter of a
// table that holds the reports of the years here offers them. paged says
// the full list has several pages, which the labels then name, after
// prefix (全部报告 on the home page, where only the years the table does
// not hold are so named).
func choices(runs []YearChoice, here map[int]bool, paged bool, prefix string) []YearChoice {
	out := slices.Clone(runs)
	for i := range out {
		c := &out[i]
		c.Label = strconv.Itoa(c.Year)
		if !here[c.Year] {
			c.Href = c.First
		}
		if paged && (prefix == "" || !here[c.Year]) {
			c.Label += "（" + prefix + c.Pages + "）"
		}
	}
	return out
}

// yearsOf returns the years of the rows.
func yearsOf(rows []Row) map[int]bool {
	years := make(map[int]bool)
	for _, r := range rows {
		years[r.R.Year] = true
	}
	return years
}

// ReportsPath returns the path of page n (from 1) of the full list of
// reports.
func ReportsPath(n int) string {
	if n == 1 {
		return "reports/index.html"
	}
	return fmt.Sprintf("reports/%d.html", n)
}

// Reports returns the pages of the full list of reports, ListPageSize
// rows each, in ReportOrder.
func Reports(s *site.Site) []*Page {
	rs := sortedReports(s)
	runs := yearRuns(rs)
	// Every prefecture, for the filter of a page among others.
	prefectures := filterPrefectures(rs)
	var out []*Page
	for _, pg := range paged(len(rs), ListPageSize, ReportsPath) {
		d := &ReportsData{Pager: pg}
		var page []*site.Report
		if pg.Total > 0 {
			page = rs[pg.First-1 : pg.Last]
			d.Rows = make([]Row, len(page))
			newRows(d.Rows, page)
		}
		if pg.Of > 1 {
			d.Index, d.Prefectures = ReportIndexPath, prefectures
		} else {
			d.Prefectures = filterPrefectures(page)
		}
		d.Years = choices(runs, yearsOf(d.Rows), pg.Of > 1, "")
		out = append(out, &Page{Path: ReportsPath(pg.N), Template: "reports", Section: "reports",
			Title:       titled("全部报告", pg),
			Description: fmt.Sprintf("全部%d份部门绩效自评报告的支出合计、三公经费和自评得分，第%d页，共%d页。", pg.Total, pg.N, pg.Of),
			Data:        d,
		})
	}
	return out
}

// filterPrefectures returns the prefectures of the reports, in pinyin
// order, for a table filter: those of its rows when it offers only
// choices that match, or of every report when it tells which other
// pages hold what it would show (ReportIndex).
func filterPrefectures(rs []*site.Report) []string {
	if len(rs) == 0 {
		return nil
	}
	prefs := make([]string, 0, len(rs))
	for _, r := range rs {
		if p := r.County.Prefecture; p != "" {
			prefs = append(prefs, p)
		}
	}
	// Each name once, then in pinyin order.
	slices.Sort(prefs)
	prefs = slices.Compact(prefs)
	site.SortNames(prefs)
	return prefs
}

// ListIndex is the index of a list of several pages, which the filter of
// a page of it reads to tell which other pages hold rows it would show
// (see rowIndex): where it lies, whether the site has it, and its JSON.
type ListIndex struct {
	Path string
	Has  func(*site.Site) bool
	Make func(*site.Site) []byte
}

// ListIndexes are the indexes of the lists: of the reports and of the
// findings. A build writes, and a serve session serves, those the site
// has.
var ListIndexes = []ListIndex{
	{ReportIndexPath, HasReportIndex, ReportIndex},
	{FindingIndexPath, HasFindingIndex, FindingIndex},
}

// ReportIndexPath is where the build writes ReportIndex: the index of
// the full list of reports that a filter of a table of reports reads to
// tell which other pages of the list hold reports it would show. It lies
// beside those pages, which it names from its own folder.
const ReportIndexPath = "reports/rows.json"

// HasReportIndex reports whether the site has a ReportIndex: whether a
// table of reports leaves some out, the home page's (HomeRows) or a page
// of the full list's (ListPageSize).
func HasReportIndex(s *site.Site) bool {
	return len(s.Reports) > min(HomeRows, ListPageSize)
}

// ReportIndex returns, when the site has one (HasReportIndex), the index
// of the full list of reports as JSON, fetched by a table's filter only
// once it is used (see rowIndex): a row a report, in the list's order.
func ReportIndex(s *site.Site) []byte {
	if !HasReportIndex(s) {
		return nil
	}
	rs := sortedReports(s)
	x := newRowIndex(len(rs), ReportsPath)
	for _, r := range rs {
		x.row(r)
	}
	return x.json()
}

// rowIndex builds the index of a list of several pages whose rows are
// reports or belong to one (the full list of reports, the findings), which
// the filter of a page of it reads to tell which other pages hold rows it
// would show (site.js). As JSON: the paths of the list's pages from the
// index's own folder ("pages": index.html, 2.html, …) and the rows of each
// ("size"); the counties (name, slug and the index of its prefecture, -1
// for none), the prefectures (name and province), the departments and
// the types; the list's tags, if any (each with the attribute of a row
// it is, e.g. severity for data-severity, or none for words the row is
// found by, and its values); and, in the list's order, an entry for each
// of its rows ("rows"): its report's year and the indexes of its county,
// department and type, the index of each tag's value, and its report's
// project if it has one. Those, with the county's pinyin and initials (from its
// slug), are the words of its row (data-search), so that the filter finds
// the same rows on the other pages as on its own; a county's words are
// written once, not once a row (at 15,000 reports, 0.4 MB rather than
// 1.1 MB; gzipped, 0.1 MB).
type rowIndex struct {
	b                                    []byte
	n                                    int
	counties, places, departments, types indexed
	tags                                 []indexTag
	// entry and cols are scratch space: a value's JSON, a row's numbers.
	entry []byte
	cols  []int
}

// indexTag is a tag of a rowIndex: the attribute it is (without data-),
// or "" for words of the row, and its values.
type indexTag struct {
	attr   string
	values indexed
}

// newRowIndex starts the index of a list of total rows, ListPageSize a
// page, whose page n is at pagePath(n); the rows are given the tags named
// (see indexTag) in that order.
func newRowIndex(total int, pagePath func(n int) string, tags ...string) *rowIndex {
	x := &rowIndex{b: make([]byte, 0, 256+total*20)}
	for _, t := range tags {
		x.tags = append(x.tags, indexTag{attr: t})
	}
	x.b = append(x.b, `{"size":`...)
	x.b = strconv.AppendInt(x.b, int64(max(ListPageSize, 1)), 10)
	x.b = append(x.b, `,"pages":[`...)
	for n := range pageCount(total, ListPageSize) {
		if n > 0 {
			x.b = append(x.b, ',')
		}
		x.b = jsontext.AppendString(x.b, path.Base(pagePath(n+1)))
	}
	x.b = append(x.b, `],"rows":[`...)
	return x
}

// row adds the next row of the list: one of report r, with the values of
// the index's tags.
func (x *rowIndex) row(r *site.Report, tags ...string) {
	c := r.County
	county, isNew := x.counties.of(c.Slug)
	if isNew {
		place := -1
		if c.Prefecture != "" {
			var isNewPlace bool
			place, isNewPlace = x.places.of(c.Prefecture + "\x00" + c.Province)
			if isNewPlace {
				x.entry = jsontext.AppendString(append(x.entry[:0], '['), c.Prefecture)
				x.entry = append(jsontext.AppendString(append(x.entry, ','), c.Province), ']')
				x.places.add(x.entry)
			}
		}
		x.entry = jsontext.AppendString(append(x.entry[:0], '['), c.Name)
		x.entry = jsontext.AppendString(append(x.entry, ','), c.Slug)
		x.entry = append(strconv.AppendInt(append(x.entry, ','), int64(place), 10), ']')
		x.counties.add(x.entry)
	}
	cols := append(x.cols[:0], r.Year, county, x.values(&x.departments, r.Department), x.values(&x.types, r.Type))
	for k := range x.tags {
		cols = append(cols, x.values(&x.tags[k].values, tags[k]))
	}
	x.cols = cols
	b := x.b
	if x.n > 0 {
		b = append(b, ',')
	}
	x.n++
	b = append(b, "\n["...)
	for k, v := range cols {
		if k > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(v), 10)
	}
	if r.Project != "" {
		b = jsontext.AppendString(append(b, ','), r.Project)
	}
	x.b = append(b, ']')
}

// values returns the number of the value v in list, adding it if new.
func (x *rowIndex) values(list *indexed, v string) int {
	n, isNew := list.of(v)
	if isNew {
		x.entry = jsontext.AppendString(x.entry[:0], v)
		list.add(x.entry)
	}
	return n
}

// json returns the index, once every row is added.
func (x *rowIndex) json() []byte {
	b := append(x.b, "]"...)
	for _, l := range [...]struct {
		name string
		list *indexed
	}{{"counties", &x.counties}, {"prefectures", &x.places}, {"departments", &x.departments}, {"types", &x.types}} {
		b = append(b, ",\n\""...)
		b = append(b, l.name...)
		b = append(b, `":`...)
		b = l.list.appendJSON(b)
	}
	if len(x.tags) > 0 {
		b = append(b, `,
"tags":[`...)
		for k, t := range x.tags {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			if t.attr != "" {
				b = append(jsontext.AppendString(append(b, `"attr":`...), t.attr), ',')
			}
			b = append(t.values.appendJSON(append(b, `"values":`...)), '}')
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// indexed numbers the distinct values of a list of ReportIndex, in the
// order they first come, with each one's JSON.
type indexed struct {
	at   map[string]int
	json [][]byte
}

// of returns the number of the value key, and whether it is new: then
// add must be given its JSON.
func (x *indexed) of(key string) (int, bool) {
	if x.at == nil {
		x.at = map[string]int{}
	}
	if n, ok := x.at[key]; ok {
		return n, false
	}
	n := len(x.at)
	x.at[key] = n
	return n, true
}

// add appends the JSON of the value of's last call found new.
func (x *indexed) add(json []byte) { x.json = append(x.json, bytes.Clone(json)) }

// appendJSON appends the values as a JSON array.
func (x *indexed) appendJSON(b []byte) []byte {
	b = append(b, '[')
	for k, e := range x.json {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, e...)
	}
	return append(b, ']')
}
