// Package site assembles parsed reports into the model the pages are made
// from: counties, their years, ranks, per-staff figures and URLs.
package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// Site is everything the pages show.
type Site struct {
	// Reports holds every report, sorted by county, then year (newest
	// first), department, type and project.
	Reports []*Report
	// Counties holds every county, sorted by province, prefecture and slug.
	Counties []*County
	// Years lists the years with reports, newest first.
	Years []int
	// LatestYear is the newest year with at least one whole-department
	// report that gives its total spending; 0 when there is none.
	LatestYear int
	// Prefectures lists the prefectures named by reports, in pinyin
	// order (see SortNames).
	Prefectures []string
	// Warnings are problems worth telling the publisher that do not stop
	// the build, such as two counties whose slugs collide.
	Warnings []string
	// ByYear holds, for each year in Years, the reports of that year.
	ByYear map[int][]*Report
	// Kinds holds, for each year in Years with whole-department reports,
	// their peers by kind of department (see Peers), in pinyin order of
	// the kind's name.
	Kinds map[int][]*Peers
	// Search reports whether the build makes a full-text index (Pagefind).
	Search bool
	// Detail, when set, reads a report again from its file, with the
	// details a build lets go once the reports are checked (evidence,
	// body, key positions), so that memory holds only the figures however
	// many reports there are. Without it, reports are used as they are.
	// release, never nil, gives back the memory that the report read
	// again shares (see content.LoadDetail) once nothing uses it.
	Detail func(*report.Report) (full *report.Report, release func(), err error)

	// derived holds what Derived made, by key.
	derived sync.Map
}

// Derived returns what make returns, made once for the site and key on
// first use, however many goroutines ask: for what is derived from the
// whole site and needed by more than one page or download, such as the
// sorted list of every finding. The site must not change once it is
// used, or the value is that of the site as it was; callers must not
// change the value either, since every caller gets the same.
func (s *Site) Derived(key any, make func() any) any {
	e, ok := s.derived.Load(key)
	if !ok {
		e, _ = s.derived.LoadOrStore(key, &derivedValue{})
	}
	d := e.(*derivedValue)
	d.once.Do(func() { d.v = make() })
	return d.v
}

// derivedValue is a value of Site.Derived, made once.
type derivedValue struct {
	once sync.Once
	v    any
}

// County is one county-level division and its reports.
type County struct {
	Name, Slug, Adcode, Prefecture, Province string
	// Label is the name that tells the county apart wherever counties are
	// listed together: its name, and in brackets its prefecture (or what
	// else tells it apart, see qualifier) when another county of the site
	// has the same name, as 和平区 of 天津市 and of 沈阳市 have.
	Label string
	// URL is the county page's path from the site root.
	URL string
	// Reports holds the county's reports, newest first.
	Reports []*Report
	// Series groups the reports by department, type and project, each
	// oldest first.
	Series []*Series
	// nameKey, prefectureKey and provinceKey are the NameKeys of Name,
	// Prefecture and Province, made once for the sorts that list
	// counties.
	nameKey, prefectureKey, provinceKey string
}

// CompareName compares two counties by name in pinyin order (see
// CompareNames), and counties of the same name by their slugs: the order
// of a list of counties by name.
func (c *County) CompareName(o *County) int {
	// Key by key, rather than with cmp.Or, which would compare every
	// string: lists sort all the site's reports by their county.
	if r := strings.Compare(c.nameKey, o.nameKey); r != 0 {
		return r
	}
	if r := strings.Compare(c.Name, o.Name); r != 0 {
		return r
	}
	return strings.Compare(c.Slug, o.Slug)
}

// Series is one department's reports of one type over the years: of
// one project, for 项目支出 reports that name one (Project).
type Series struct {
	Department, Type, Project string
	Reports                   []*Report
	// URL is the path from the site root of the series' own page, such
	// as county/tao-yuan-xian/jiao-yu-ju-zheng-ti.html, when its county
	// has more series than MaxSeriesOnCountyPage; "" when the county's
	// page shows the series itself.
	URL string
}

// MaxSeriesOnCountyPage is the most series a county's page shows in
// full, each with its table by year and its trend charts. A county with
// more gets a page per series (Series.URL), and its own page becomes an
// overview with a row per series. One or two departments, perhaps with
// a project, read well on one page; but a section is about 30 KB of
// tables and charts, so a county with every department (thirty series
// over ten years) made a page of nearly 1 MB, through which a reader on
// a phone scrolled to find one department, and whose departments could
// not be compared side by side nor linked to one by one. Three keeps
// the county pages of the sites published so far (one to three series)
// as they are.
const MaxSeriesOnCountyPage = 3

// SeriesPages reports whether the county's series each have a page of
// their own (see MaxSeriesOnCountyPage).
func (c *County) SeriesPages() bool { return len(c.Series) > MaxSeriesOnCountyPage }

// Report is a parsed report placed in the site.
type Report struct {
	*report.Report
	County *County
	// Series is the series the report is of.
	Series *Series
	// URL is the report page's path from the site root.
	URL string
	// Prev is the same series' report of the previous year, if any.
	Prev *Report
	// Peers are the reports the report is ranked among: those of its
	// year and type, and of its kind of department for a
	// whole-department report (see Peers).
	Peers *Peers
	// DepartmentKind is the kind of the report's department (see
	// DepartmentKind), whatever its type: a 项目支出 report's peers have
	// none, as they are every department's projects, but its department
	// has one.
	DepartmentKind Kind
	// Ranks holds the report's rank among its Peers, one for each of
	// Metrics, in order; see Rank.
	Ranks [MetricCount]Rank
	// Checks holds the outcome of every check rule on the report.
	Checks []check.Result
	// slipFree says that no rule of check.SlipRules found anything in
	// Checks, as set with them when the site is assembled: then no figure
	// is suspect, which Metric.Compare asks of every report it ranks,
	// without reading the results again. False (the zero value) only
	// means that Checks must be read.
	slipFree bool
	// ofDepartments says that reports of the same year and type come
	// from more than one department, so that a county's name alone
	// would pass one department's figures off as the county's.
	ofDepartments bool
	// label and key are Label and Key, as Assemble sets them once every
	// report is placed: a 15,000-report build asks for them about
	// 500,000 times (every chart row, explorer choice and rank link).
	label, key string
}

// Updated returns the day the site's content is as of, as
// YYYY-MM-DDT00:00:00Z: the newest publication date (published:, a valid
// YYYY-MM-DD) of its
// reports, and with none, January 1 after the latest year of its
// reports, since a self-evaluation of a year is published after that year
// ends, so the content is no older. It comes from the content alone, the
// same in every build (a build's own time would make two builds differ).
// A site without reports, which the build refuses, gets January 1, 2000,
// the first year a report may have.
func (s *Site) Updated() string {
	newest, latest := "", 1999
	for _, r := range s.Reports {
		// The parser accepts only such dates; a site made otherwise
		// (in tests) may hold anything.
		if r.Published > newest {
			if _, err := time.Parse(time.DateOnly, r.Published); err == nil {
				newest = r.Published
			}
		}
		latest = max(latest, r.Year)
	}
	if newest != "" {
		return newest + "T00:00:00Z"
	}
	return fmt.Sprintf("%04d-01-01T00:00:00Z", latest+1)
}

// Full returns the report with every detail its file gives (see
// Site.Detail): a copy whose report is read again, or r itself when the
// site keeps the details in memory. release, never nil, gives back the
// memory the copy shares with what was read once nothing uses the copy
// (it may be left uncalled).
func (s *Site) Full(r *Report) (full *Report, release func(), err error) {
	if s.Detail == nil {
		return r, func() {}, nil
	}
	rep, release, err := s.Detail(r.Report)
	if err != nil {
		return nil, func() {}, err
	}
	c := *r
	c.Report = rep
	return &c, release, nil
}

// Findings returns the report's findings, in rule order.
func (r *Report) Findings() []check.Finding {
	var out []check.Finding
	for _, c := range r.Checks {
		out = append(out, c.Findings...)
	}
	return out
}

// Flagged reports whether a finding puts in doubt any of the figures
// named by dotted keys (see check.Finding.Disputes).
func (r *Report) Flagged(keys ...string) bool {
	for _, c := range r.Checks {
		for i := range c.Findings {
			for _, k := range c.Findings[i].Disputes() {
				if slices.Contains(keys, k) {
					return true
				}
			}
		}
	}
	return false
}

// Suspect reports whether one of the figures named by keys is a likely
// unit slip, to be left out of comparisons (see Metric.Compare). A figure
// a finding of check.SlipRules names is one, unless
//   - it adds up with the other figures of its sum, none of which is
//     flagged (check.AddsUp): 1000 to 9000 of project spending, with a
//     total that is basic plus project, is growth, not a slip; or
//   - unit.years flags it and every other year of its series too (two
//     years, one ten thousand times the other, are both flagged): then
//     only the one no county department reaches is (check.Implausible).
func (r *Report) Suspect(keys ...string) bool { return r.SlipKey(keys...) != "" }

// SlipKey returns the first of the figures named by keys that is a likely
// slip (see Suspect), or "" when none is: check.SlipWords says what its
// slip likely is.
func (r *Report) SlipKey(keys ...string) string {
	for _, k := range keys {
		if r.suspect(k) {
			return k
		}
	}
	return ""
}

func (r *Report) suspect(key string) bool {
	if r.slipFree {
		return false
	}
	rule := check.SlipRule(r.Checks, key)
	switch {
	case rule == "":
		return false
	case check.AddsUp(r.Checks, key):
		return false
	case rule == "unit.years" && !r.outlier(key):
		return check.Implausible(r.Report, key)
	}
	return true
}

// outlier reports whether another year of r's series gives the figure key
// without unit.years flagging it there: then r's is the odd one out.
func (r *Report) outlier(key string) bool {
	amount := report.AmountField(key)
	// By file, not by pointer: a report page's report is a copy (see
	// Site.Full).
	same := func(o *Report) bool { return o.File == r.File }
	for _, se := range r.County.Series {
		if !slices.ContainsFunc(se.Reports, same) {
			continue
		}
		for _, o := range se.Reports {
			if !same(o) && amount != nil && amount(o.Report).Known() && check.SlipRule(o.Checks, key) != "unit.years" {
				return true
			}
		}
	}
	return false
}

// Rank is a place among peers, 1 being the highest value. The zero Rank
// means the report has no value to rank.
type Rank struct {
	Place, Of int
	// Tied is the number of peers at the place, the report among them:
	// 1 when it shares the place with none.
	Tied int
}

// Rank returns the report's rank by the metric with the key; the zero
// Rank when it has none.
func (r *Report) Rank(key string) Rank {
	for i, m := range Metrics {
		if m.Key == key {
			return r.Ranks[i]
		}
	}
	return Rank{}
}

// Label names the report in cross-county charts: the county, with the
// department when the county has several reports that year, or when the
// reports of that year and type come from more than one department; and
// with the project when the department has several reports of the type
// that year (two projects' reports).
func (r *Report) Label() string {
	if r.label != "" {
		return r.label
	}
	return r.makeLabel()
}

func (r *Report) makeLabel() string {
	n, same := 0, false
	for _, o := range r.County.Reports {
		if o.Year == r.Year && o.Type == r.Type {
			n++
			same = same || o.Department == r.Department && o.Project != r.Project
		}
	}
	switch {
	case same:
		return r.County.Label + "·" + r.Department + "·" + cmp.Or(r.Project, r.Type)
	case r.ofDepartments || n > 1:
		return r.County.Label + "·" + r.Department
	}
	return r.County.Label
}

// Key identifies the report among those of its year, as its Label names
// it: its county's slug, with its department's slug when the label names
// the department, and its project's when the label names the project.
// Two departments of a county whose names make one slug (教育局(机关) and
// 教育局（机关）) share a key; an explorer tells them apart (see
// pages.explorerKey).
func (r *Report) Key() string {
	if r.key != "" {
		return r.key
	}
	return r.makeKey(r.Label())
}

func (r *Report) makeKey(label string) string {
	if label != r.County.Label {
		if r.Project != "" && strings.HasSuffix(label, "·"+r.Project) {
			// Two projects' reports of one department (see Label).
			return r.County.Slug + "." + Slugify(r.Department) + "." + Slugify(r.Project)
		}
		return r.County.Slug + "." + Slugify(r.Department)
	}
	return r.County.Slug
}

// DisplayTitle returns the report's title, followed by its project in
// brackets when the report names one that the title does not: two
// project reports of a department and year may have the same title. A
// draft's (built with -drafts) ends in DraftMark, wherever it is shown.
func (r *Report) DisplayTitle() string {
	t := r.Title
	if r.Project != "" && !strings.Contains(r.Title, r.Project) {
		t += "（" + r.Project + "）"
	}
	if r.Draft {
		t += DraftMark
	}
	return t
}

// DraftMark follows the title of a report marked draft: true, in a site
// built with its drafts (build -drafts, serve -drafts), so that a page
// of figures nobody has finished checking is not taken for a published
// one.
const DraftMark = "（草稿）"

// Heading returns the report's title as its page shows it: the title the
// report gives, led by its county's name when the title does not name
// the county (雨花区：2020年度行政审批服务局…), so that a page found by
// search or shared says whose report it is, and with its project (see
// DisplayTitle).
func (r *Report) Heading() string {
	t := r.DisplayTitle()
	if strings.Contains(t, r.County.Name) {
		return t
	}
	return r.County.Name + "：" + t
}

// Assemble builds the site model from parsed reports and the outcome of
// their checks (which may be nil). It returns an error for files that
// describe the same report twice or disagree about their county.
func Assemble(reports []*report.Report, checks map[*report.Report][]check.Result) (*Site, error) {
	s := &Site{ByYear: map[int][]*Report{}}
	counties, err := s.groupCounties(reports)
	if err != nil {
		return nil, err
	}
	s.Counties = counties
	arrangeAll(counties, checks)
	setLabels(counties)
	for _, c := range counties {
		s.Reports = append(s.Reports, c.Reports...)
	}
	years := map[int]bool{}
	prefs := map[string]bool{}
	for _, r := range s.Reports {
		years[r.Year] = true
		if r.County.Prefecture != "" {
			prefs[r.County.Prefecture] = true
		}
		s.ByYear[r.Year] = append(s.ByYear[r.Year], r)
		if r.Type == report.TypeWhole && r.Spending.Total.Known() && r.Year > s.LatestYear {
			s.LatestYear = r.Year
		}
	}
	for y := range years {
		s.Years = append(s.Years, y)
		markDepartments(s.ByYear[y])
	}
	for _, r := range s.Reports {
		r.label = r.makeLabel()
		r.key = r.makeKey(r.label)
	}
	slices.SortFunc(s.Years, func(a, b int) int { return b - a })
	for p := range prefs {
		s.Prefectures = append(s.Prefectures, p)
	}
	SortNames(s.Prefectures)
	s.rank()
	return s, nil
}

// markDepartments marks the reports of one year whose type's reports
// come from more than one department (see Report.Label).
func markDepartments(rs []*Report) {
	first := map[string]string{} // type → the first department met
	mixed := map[string]bool{}
	for _, r := range rs {
		if d, ok := first[r.Type]; !ok {
			first[r.Type] = r.Department
		} else if d != r.Department {
			mixed[r.Type] = true
		}
	}
	for _, r := range rs {
		r.ofDepartments = mixed[r.Type]
	}
}

// setLabels sets each county's Label (see County.Label).
func setLabels(counties []*County) {
	byName := map[string][]*County{}
	for _, c := range counties {
		c.Label = c.Name
		byName[c.Name] = append(byName[c.Name], c)
	}
	for _, same := range byName {
		if len(same) == 1 {
			continue
		}
		for _, c := range same {
			c.Label = c.Name + "（" + qualifier(c, same) + "）"
		}
	}
}

// qualifier returns c's prefecture, or else its province, if given and
// shared by no other county in same (a report that leaves out the
// prefecture of a name that several counties have is refused, so one of
// the two tells them apart), or else its slug, which is unique.
func qualifier(c *County, same []*County) string {
	for _, part := range []func(*County) string{
		func(c *County) string { return c.Prefecture },
		func(c *County) string { return c.Province },
	} {
		v := part(c)
		if v == "" {
			continue
		}
		unique := true
		for _, o := range same {
			if o != c && part(o) == v {
				unique = false
				break
			}
		}
		if unique {
			return v
		}
	}
	return c.Slug
}

type countyKey struct{ name, prefecture, province string }

// groupCounties gathers reports into counties. A report that leaves out
// its prefecture joins the county of the same name when there is exactly
// one such county.
func (s *Site) groupCounties(reports []*report.Report) ([]*County, error) {
	// A county has several reports: a map per report would be too large.
	byKey := make(map[countyKey]*County, len(reports)/4)
	var order []countyKey
	byName := make(map[string][]countyKey, len(reports)/4)
	add := func(k countyKey) *County {
		if c := byKey[k]; c != nil {
			return c
		}
		c := &County{Name: k.name, Prefecture: k.prefecture, Province: k.province}
		byKey[k] = c
		order = append(order, k)
		byName[k.name] = append(byName[k.name], k)
		return c
	}
	slugsMade := makeSlugs(reports)
	sorted := slices.Clone(reports)
	slices.SortFunc(sorted, func(a, b *report.Report) int { return strings.Compare(a.File, b.File) })
	// Reports naming their prefecture define the counties first: those
	// naming its province too, then those that do not, which join the
	// county of their name and prefecture that names it (see joins).
	for _, r := range sorted {
		if r.Prefecture != "" && r.Province != "" {
			add(countyKey{r.County, r.Prefecture, r.Province})
		}
	}
	for _, r := range sorted {
		if r.Prefecture != "" && r.Province == "" {
			k, _ := joins(r, byName[r.County])
			add(k)
		}
	}
	var errs []error
	type reportKey struct {
		county, prefecture, department, typ, project string
		year                                         int
	}
	seen := make(map[reportKey]*Report, len(sorted))
	// One code, one county: a county whose name was mistyped in one file
	// (桃源县： or 桃源 县 for 桃源县) with the code copied from another
	// would otherwise be a county of its own, and its slug, colliding,
	// would move the real county's page.
	type coded struct {
		c *County
		r *report.Report
	}
	byAdcode := map[string]coded{}
	// adcodeFrom holds the report that gave each county its adcode.
	adcodeFrom := map[*County]*report.Report{}
	for _, r := range sorted {
		k, ok := joins(r, byName[r.County])
		if !ok {
			errs = append(errs, keyError(r, "county", fmt.Sprintf("%s names more than one county (in %s); give its prefecture (有不止一个同名的县，请填写 prefecture（所属地市）)",
				r.County, prefectureList(byKey, byName[r.County]))))
			continue
		}
		c := add(k)
		if r.Adcode != "" {
			if c.Adcode != "" && c.Adcode != r.Adcode {
				errs = append(errs, keyError(r, "adcode", fmt.Sprintf("%s differs from %s given for %s in %s (与另一个文件中同一县的区划代码不一致)", r.Adcode, c.Adcode, c.Name, givenIn(adcodeFrom[c], "adcode"))))
			}
			if c.Adcode != r.Adcode {
				adcodeFrom[c] = r
			}
			c.Adcode = r.Adcode
			if o, ok := byAdcode[r.Adcode]; ok && o.c != c {
				pos := o.r.KeyPos("adcode")
				errs = append(errs, keyError(r, "adcode", fmt.Sprintf("%s is also the code of %s%s in %s:%d, and a code names one county: correct this file's county: (or prefecture:) to that one's, or its adcode: "+
					"(区划代码%s已用于%s:%d 中的%s%s，一个区划代码只对应一个县：请把这个文件的 county:（或 prefecture:）改得与那个文件一致，或改正 adcode:)",
					r.Adcode, o.c.Prefecture, o.c.Name, o.r.File, pos.Line, r.Adcode, o.r.File, pos.Line, o.c.Prefecture, o.c.Name)))
			} else if !ok {
				byAdcode[r.Adcode] = coded{c, r}
			}
		}
		if c.Province == "" {
			c.Province = r.Province
		}
		sr := &Report{Report: r, County: c}
		id := reportKey{r.County, c.Prefecture, r.Department, r.Type, r.Project, r.Year}
		if first := seen[id]; first != nil {
			// Worded as check words a duplicate, so that check, which
			// finds those giving the same prefecture too, can drop
			// the second copy of the same error.
			errs = append(errs, report.Duplicate(r, first.Report))
			continue
		}
		seen[id] = sr
		c.Reports = append(c.Reports, sr)
	}
	var counties []*County
	for _, k := range order {
		if c := byKey[k]; len(c.Reports) > 0 {
			counties = append(counties, c)
		}
	}
	slugsMade()
	errs = append(errs, s.assignSlugs(counties)...)
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return nil, errors.Join(errs...)
	}
	// By province, prefecture and name, each in pinyin order; the keys
	// are made once per county, not in each comparison.
	for _, c := range counties {
		c.nameKey, c.prefectureKey, c.provinceKey = NameKey(c.Name), NameKey(c.Prefecture), NameKey(c.Province)
	}
	slices.SortFunc(counties, func(a, b *County) int {
		return cmp.Or(strings.Compare(a.provinceKey, b.provinceKey), strings.Compare(a.Province, b.Province),
			strings.Compare(a.prefectureKey, b.prefectureKey), strings.Compare(a.Prefecture, b.Prefecture),
			a.CompareName(b))
	})
	return counties, nil
}

// joins returns the key of the county that the report r joins, of those
// of its name that keys hold: the county of its prefecture, when it gives
// one (and of its province; one that gives no province joins the county
// of its prefecture that names one, when there is one only: a
// prefecture's name is the same county's whether or not the file names
// its province, and a county of its own would take the county's slug,
// moving its pages); when it gives none, the one county of its name, or
// a county of its own when there is none. It is false when r gives no
// prefecture and its name is that of more than one county.
func joins(r *report.Report, keys []countyKey) (countyKey, bool) {
	switch {
	case r.Prefecture != "":
		if r.Province == "" {
			var named []countyKey
			for _, k := range keys {
				if k.prefecture == r.Prefecture && k.province != "" {
					named = append(named, k)
				}
			}
			if len(named) == 1 {
				return named[0], true
			}
		}
		return countyKey{r.County, r.Prefecture, r.Province}, true
	case len(keys) == 1:
		return keys[0], true
	case len(keys) == 0:
		return countyKey{r.County, "", r.Province}, true
	}
	return countyKey{}, false
}

// makeSlugs starts making the slugs of the county, prefecture and
// department names of reports in the background, and returns a function
// that waits until they are made. Slugify is slow the first time (it
// decodes a table of transliterations) and takes microseconds for each
// new name: for thousands of counties, that held up assembling on one
// processor. Made while the reports are grouped, the slugs are ready
// when assignSlugs, disambiguator and County.arrange ask for them.
// Slugify gives a name the same slug whoever asks first, so this changes
// no slug.
func makeSlugs(reports []*report.Report) (wait func()) {
	// The caller's goroutine goes on grouping the reports meanwhile.
	workers := max(1, min(runtime.GOMAXPROCS(0)-1, len(reports)/256))
	seed := maphash.MakeSeed()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			// Reports of one county, or one department, tend to come
			// together: the names of the last report need no lookup.
			var last [3]string
			for _, r := range reports {
				for k, name := range [...]string{r.County, r.Prefecture, r.Department} {
					if name == "" || name == last[k] {
						continue
					}
					last[k] = name
					// Each name is one worker's, so that none is made
					// twice at once.
					if workers > 1 && maphash.String(seed, name)%uint64(workers) != uint64(w) {
						continue
					}
					Slugify(name)
				}
			}
		})
	}
	return wg.Wait
}

// arrangeAll arranges every county (see County.arrange), sets its URL and
// gives each of its reports its results in checks. Each county is
// arranged on its own, so the counties are shared among the processors;
// each worker memoizes Slugify of department names for itself, which
// gives the same slugs as one memo would.
func arrangeAll(counties []*County, checks map[*report.Report][]check.Result) {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(counties)/64))
	var wg sync.WaitGroup
	for w := range workers {
		part := counties[len(counties)*w/workers : len(counties)*(w+1)/workers]
		wg.Go(func() {
			deptSlugs := map[string]string{} // the same departments recur in every county
			for _, c := range part {
				c.URL = "county/" + c.Slug + ".html"
				c.arrange(deptSlugs)
				for _, r := range c.Reports {
					r.Checks = checks[r.Report]
					r.slipFree = !check.HasSlip(r.Checks)
				}
			}
		})
	}
	wg.Wait()
}

// keyError returns the error msg about the key of r, at the key's place
// in r's file.
func keyError(r *report.Report, key, msg string) error {
	p := r.KeyPos(key)
	return &report.Error{File: r.File, Line: p.Line, Col: p.Col, Key: key, Msg: msg}
}

func prefectureList(byKey map[countyKey]*County, keys []countyKey) string {
	var names []string
	for _, k := range keys {
		names = append(names, cmp.Or(k.prefecture, "(none)"))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// givenIn says where the report r gives its key, file:line, for an error
// that another file's disagrees: "another file" when r is not known.
func givenIn(r *report.Report, key string) string {
	if r == nil {
		return "another file"
	}
	return fmt.Sprintf("%s:%d", r.File, r.KeyPos(key).Line)
}

// assignSlugs gives every county a distinct slug. A slug from front matter
// wins; counties whose derived slugs collide are told apart by prefecture,
// then adcode, then a hash of the name, and each collision is warned about.
func (s *Site) assignSlugs(counties []*County) []error {
	var errs []error
	for _, c := range counties {
		var from *report.Report // the report that gave c.Slug
		for _, r := range c.Reports {
			if r.Slug == "" {
				continue
			}
			if c.Slug != "" && c.Slug != r.Slug {
				errs = append(errs, keyError(r.Report, "slug", fmt.Sprintf("%q differs from %q given for %s in %s (与另一个文件中同一县的 slug 不一致；slug 一般留空即可)", r.Slug, c.Slug, c.Name, givenIn(from, "slug"))))
				continue
			}
			c.Slug, from = r.Slug, r.Report
		}
	}
	groups := map[string][]*County{}
	for _, c := range counties {
		if c.Slug == "" {
			base := Slugify(c.Name)
			groups[base] = append(groups[base], c)
		}
	}
	taken := map[string]*County{}
	for _, c := range counties {
		if c.Slug != "" {
			if o := taken[c.Slug]; o != nil {
				r := c.Reports[0]
				errs = append(errs, keyError(r.Report, "slug", fmt.Sprintf("%q is already used by %s (这个 slug 已被另一个县使用，请改用别的，或留空)", c.Slug, o.Name)))
			}
			taken[c.Slug] = c
		}
	}
	// A slug: of one county that is another county's own (the slug of its
	// name, which it keeps when no other name shares it) takes that
	// county's address: a slug copied into the wrong file. Choosing the
	// slug of one's own name, which another county's name shares, is how
	// a publisher keeps the plain address of one of two 和平区.
	for _, c := range counties {
		if c.Slug == "" || Slugify(c.Name) == c.Slug {
			continue
		}
		for _, o := range groups[c.Slug] {
			r := c.Reports[0]
			for _, cr := range c.Reports {
				if cr.Slug != "" {
					r = cr
					break
				}
			}
			errs = append(errs, keyError(r.Report, "slug", fmt.Sprintf("%q is the address of %s%s (of %s): delete this line, or choose another slug "+
				"(这个 slug 是%s%s的网址，见 %s：请删除这一行，或改用别的 slug)", c.Slug, o.Prefecture, o.Name, o.Reports[0].File, o.Prefecture, o.Name, o.Reports[0].File)))
		}
	}
	bases := make([]string, 0, len(groups))
	for b := range groups {
		bases = append(bases, b)
	}
	slices.Sort(bases)
	for _, base := range bases {
		g := groups[base]
		if len(g) == 1 && taken[base] == nil {
			g[0].Slug = base
			taken[base] = g[0]
			continue
		}
		var names []string
		for _, c := range g {
			c.Slug = base + "-" + disambiguator(c)
			for taken[c.Slug] != nil {
				c.Slug += "-x"
			}
			taken[c.Slug] = c
			names = append(names, fmt.Sprintf("%s of %s → %s", c.Name, c.Reports[0].File, c.Slug))
		}
		slices.Sort(names)
		s.Warnings = append(s.Warnings, fmt.Sprintf("counties share the slug %s, so each was given another: %s; to choose one, set slug: in the front matter "+
			"(这些县的名称转成拼音后相同，已按前面所列分别改用不同的 slug；如要自己指定，请在前置信息中填写 slug:)", base, strings.Join(names, ", ")))
	}
	return errs
}

func disambiguator(c *County) string {
	if c.Prefecture != "" {
		return Slugify(c.Prefecture)
	}
	if c.Adcode != "" {
		return c.Adcode
	}
	h := sha256.Sum256([]byte(c.Name + "|" + c.Province))
	return hex.EncodeToString(h[:3])
}

// compareSeries orders two series by department (in pinyin order), type
// and project, comparing names only when what comes before them ties.
func compareSeries(aDept, aType, aProject, bDept, bType, bProject string) int {
	if c := CompareNames(aDept, bDept); c != 0 {
		return c
	}
	if c := cmp.Compare(aType, bType); c != 0 {
		return c
	}
	return compareProjects(aProject, bProject)
}

// arrange sorts a county's reports, groups them into series, links each to
// its previous year and sets report URLs. slugs memoizes Slugify of
// department names.
func (c *County) arrange(slugs map[string]string) {
	slices.SortFunc(c.Reports, func(a, b *Report) int {
		if c := cmp.Compare(b.Year, a.Year); c != 0 {
			return c
		}
		return compareSeries(a.Department, a.Type, a.Project, b.Department, b.Type, b.Project)
	})
	type seriesKey struct{ department, typ, project string }
	bySeries := map[seriesKey]*Series{}
	deptSlugs := map[string]string{}
	usedDept := map[string]string{}
	// projSlugs holds the slug of each department's projects, told
	// apart within the department as departments are within the county.
	type deptProject struct{ department, project string }
	projSlugs := map[deptProject]string{}
	usedProj := map[deptProject]string{}
	for i := len(c.Reports) - 1; i >= 0; i-- {
		r := c.Reports[i]
		key := seriesKey{r.Department, r.Type, r.Project}
		se := bySeries[key]
		if se == nil {
			se = &Series{Department: r.Department, Type: r.Type, Project: r.Project}
			bySeries[key] = se
			c.Series = append(c.Series, se)
		}
		if n := len(se.Reports); n > 0 && se.Reports[n-1].Year == r.Year-1 {
			r.Prev = se.Reports[n-1]
		}
		se.Reports = append(se.Reports, r)
		r.Series = se
		if _, ok := deptSlugs[r.Department]; !ok {
			ds, ok := slugs[r.Department]
			if !ok {
				ds = Slugify(r.Department)
				slugs[r.Department] = ds
			}
			for usedDept[ds] != "" && usedDept[ds] != r.Department {
				ds += "-x"
			}
			usedDept[ds] = r.Department
			deptSlugs[r.Department] = ds
		}
		if dp := (deptProject{r.Department, r.Project}); r.Project != "" && projSlugs[dp] == "" {
			ps := Slugify(r.Project)
			for u := (deptProject{r.Department, ps}); usedProj[u] != "" && usedProj[u] != r.Project; u.project = ps {
				ps += "-x"
			}
			usedProj[deptProject{r.Department, ps}] = r.Project
			projSlugs[dp] = ps
		}
	}
	// Departments in pinyin order (a county has few: CompareNames' keys
	// are made once per name).
	slices.SortFunc(c.Series, func(a, b *Series) int {
		return compareSeries(a.Department, a.Type, a.Project, b.Department, b.Type, b.Project)
	})
	projects := false
	for _, r := range c.Reports {
		kind := "zheng-ti"
		if r.Type == report.TypeProject {
			kind = "xiang-mu"
		}
		r.URL = "report/" + c.Slug + "/" + strconv.Itoa(r.Year) + "-" + deptSlugs[r.Department] + "-" + kind + ".html"
		projects = projects || r.Project != ""
	}
	if c.SeriesPages() {
		c.seriesURLs(deptSlugs, func(department, project string) string {
			return projSlugs[deptProject{department, project}]
		})
	}
	if !projects {
		return
	}
	// A project's report adds the project's slug to that URL, so that
	// the URL of a report without project: is as it always was. Such a
	// URL could still be another report's (the department 甲项目乙's
	// 整体支出 report and the department 甲's report of the project
	// 乙整体): it is then told apart, as slugs are, by -x.
	taken := map[string]bool{}
	for _, r := range c.Reports {
		if r.Project == "" {
			taken[r.URL] = true
		}
	}
	for _, r := range c.Reports {
		if r.Project == "" {
			continue
		}
		base := strings.TrimSuffix(r.URL, ".html") + "-" + projSlugs[deptProject{r.Department, r.Project}]
		for taken[base+".html"] {
			base += "-x"
		}
		r.URL = base + ".html"
		taken[r.URL] = true
	}
}

// seriesURLs sets the URL of each of the county's series pages:
// county/<county>/<department>-<type>.html, the department's and the
// type's slugs as in its reports' URLs, and for a project's series the
// project's slug added, as its reports' are. As there, a series without
// a project keeps its URL whatever projects come, and a project's series
// whose URL would be another's is told apart by -x; the order of
// c.Series, which is by name, settles which.
func (c *County) seriesURLs(deptSlugs map[string]string, projSlug func(department, project string) string) {
	taken := make(map[string]bool, len(c.Series))
	prefix := "county/" + c.Slug + "/"
	for _, pass := range [...]bool{false, true} {
		for _, se := range c.Series {
			if (se.Project != "") != pass {
				continue
			}
			kind := "-zheng-ti"
			if se.Type == report.TypeProject {
				kind = "-xiang-mu"
			}
			base := prefix + deptSlugs[se.Department] + kind
			if se.Project != "" {
				base += "-" + projSlug(se.Department, se.Project)
			}
			for taken[base] {
				base += "-x"
			}
			taken[base] = true
			se.URL = base + ".html"
		}
	}
}

// compareProjects orders projects' names as CompareNames does, a report
// without one ("") first.
func compareProjects(a, b string) int {
	if a == b {
		return 0
	}
	if a == "" || b == "" {
		return strings.Compare(a, b)
	}
	return CompareNames(a, b)
}
