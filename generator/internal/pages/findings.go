package pages

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// FindingRow is one finding in the list of every finding.
type FindingRow struct {
	R *site.Report
	check.Finding
	// N is the finding's place, from 1, in the list of its report's page,
	// whose item has the id finding-N.
	N int
	// Gap and Share are the cells for the size of the gap.
	Gap, Share charts.Cell
	// Slip says the finding is a discrepancy that involves a likely unit
	// slip (site.Report.Suspect): its gap is the slip's size, not a gap
	// in the report's figures.
	Slip bool
	// Search holds the words the page's filter finds it by: its report's
	// (as a table of reports has them) and what was checked, lowercased.
	Search string
}

// FindingsData is the model of a page of the list of every finding.
type FindingsData struct {
	// Rows holds the page's findings, in FindingOrder.
	Rows  []FindingRow
	Rules []check.Rule
	// Counts holds the number of findings per severity label, over all
	// pages.
	Counts FindingCounts
	Pager  Pager
	// Years are the years of the page's findings, newest first, for its
	// filter; on a page among others, those of every finding (see Index).
	Years []int
	// Index is FindingIndexPath when the list has other pages, for the
	// filter to tell which of them hold findings it would show.
	Index string
	// Counties, on the first page, are the counties with the most
	// findings that are more than rounding, most first (at most
	// FindingCountiesShown), when more than one county has any;
	// CountiesWith counts every such county.
	Counties     []CountyFindings
	CountiesWith int
}

// CountyFindings counts a county's findings by severity, over all its
// reports.
type CountyFindings struct {
	County *site.County
	Counts FindingCounts
	// Query is what the list's filter finds the county's findings by:
	// its name and prefecture.
	Query string
}

// FindingCounts counts findings of each severity the list of findings
// holds, the most serious first: 不一致, 疑点, 尾差.
type FindingCounts [3]Count

// findingSeverities are the severities of FindingCounts, in its order.
var findingSeverities = [...]check.Severity{check.Discrepancy, check.Warning, check.Rounding}

// findingCounts counts the findings of the reports rs that the list of
// findings holds, by severity.
func findingCounts(rs []*site.Report) FindingCounts {
	var fc FindingCounts
	for j, sev := range findingSeverities {
		fc[j].Label = sev.Label()
	}
	for _, r := range rs {
		for _, res := range r.Checks {
			for _, f := range res.Findings {
				if j := slices.Index(findingSeverities[:], f.Severity); j >= 0 {
					fc[j].N++
				}
			}
		}
	}
	return fc
}

// Problems counts the findings that are more than rounding: the
// discrepancies and the warnings.
func (fc FindingCounts) Problems() int { return fc[0].N + fc[1].N }

// Said says the problems in words, as the home and county pages do:
// 2处数字对不上、1处疑点; "" when there are none.
func (fc FindingCounts) Said() string {
	var parts []string
	if n := fc[0].N; n > 0 {
		parts = append(parts, strconv.Itoa(n)+"处数字对不上")
	}
	if n := fc[1].N; n > 0 {
		parts = append(parts, strconv.Itoa(n)+"处疑点")
	}
	return strings.Join(parts, "、")
}

// FindingQuery returns what the filter of the list of findings finds the
// findings of the county c's reports by: its name and prefecture.
func FindingQuery(c *site.County) string {
	if c.Prefecture == "" {
		return c.Name
	}
	return c.Name + " " + c.Prefecture
}

// CountyFindingsOf counts the findings of the county c's reports that the
// list of findings holds, by severity.
func CountyFindingsOf(c *site.County) CountyFindings {
	return CountyFindings{County: c, Counts: findingCounts(c.Reports), Query: FindingQuery(c)}
}

// FindingCountiesShown is how many counties the findings page ranks by
// their findings.
var FindingCountiesShown = 20

// countyFindings returns the counties of the site with findings that are
// more than rounding, each with its counts, those with the most
// discrepancies first, then the most warnings, then in pinyin order of
// name.
func countyFindings(s *site.Site) []CountyFindings {
	var out []CountyFindings
	for _, c := range s.Counties {
		if cf := CountyFindingsOf(c); cf.Counts.Problems() > 0 {
			out = append(out, cf)
		}
	}
	slices.SortFunc(out, func(a, b CountyFindings) int {
		if c := cmp.Compare(b.Counts[0].N, a.Counts[0].N); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Counts[1].N, a.Counts[1].N); c != 0 {
			return c
		}
		return a.County.CompareName(b.County)
	})
	return out
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// FindingsPath returns the path of page n (from 1) of the findings.
func FindingsPath(n int) string {
	if n == 1 {
		return "findings.html"
	}
	return fmt.Sprintf("findings-%d.html", n)
}

// FindingOrder is the order of the list of findings: the most serious
// first (discrepancy, warning, rounding), those that a likely unit slip
// explains after the others of their severity (a slip's gap, 10000 times
// a figure, would otherwise top the list), then the largest gap, then by
// county slug, year (newest first), department and type. Each comparison
// is made only when those before it tie: a list of thousands of findings
// is sorted with hundreds of thousands of calls.
func FindingOrder(a, b *FindingRow) int {
	if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
		return c
	}
	if c := compareBool(a.Slip, b.Slip); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Finding.Gap, a.Finding.Gap); c != 0 {
		return c
	}
	if c := cmp.Compare(a.R.County.Slug, b.R.County.Slug); c != 0 {
		return c
	}
	if c := cmp.Compare(b.R.Year, a.R.Year); c != 0 {
		return c
	}
	if c := site.CompareNames(a.R.Department, b.R.Department); c != 0 {
		return c
	}
	if c := cmp.Compare(a.R.Type, b.R.Type); c != 0 {
		return c
	}
	if c := site.CompareNames(a.R.Project, b.R.Project); c != 0 {
		return c
	}
	return cmp.Compare(a.R.File, b.R.File)
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// ListedFindings returns every finding of every report that is more than
// a note on disclosure (severity check.Info), in FindingOrder: the
// findings the pages of Findings list, the index of their filter, and
// downloads/findings.csv. Each row has R, Finding, N and Slip set; Gap
// and Share are left for Findings to fill. The rows are listed and
// sorted once for the site (see site.Site.Derived), and every caller
// gets the same: they must not be changed.
func ListedFindings(s *site.Site) []FindingRow {
	return s.Derived(listedFindingsKey{}, func() any { return listFindings(s) }).([]FindingRow)
}

// listedFindingsKey is the key of ListedFindings' rows in the site's
// derived values.
type listedFindingsKey struct{}

// listFindings makes the rows of ListedFindings.
func listFindings(s *site.Site) []FindingRow {
	rows := make([]FindingRow, 0, CountFindings(s))
	for _, r := range s.Reports {
		n := 0 // as the report's page lists them
		for _, c := range r.Checks {
			for _, f := range c.Findings {
				if f.Severity == check.Info {
					continue
				}
				n++
				rows = append(rows, FindingRow{R: r, Finding: f, N: n,
					Slip: f.Severity == check.Discrepancy && r.Suspect(f.Keys...)})
			}
		}
	}
	// Stable: a report's findings that tie keep the order of its checks.
	// The rows are large: their places are sorted, then the rows moved
	// once.
	order := make([]int32, len(rows))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		if c := FindingOrder(&rows[i], &rows[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	sorted := make([]FindingRow, len(rows))
	for k, i := range order {
		sorted[k] = rows[i]
	}
	return sorted
}

// Findings returns the pages listing every finding of every report that
// is more than a note on disclosure, ListPageSize each, in FindingOrder
// (see ListedFindings): a journalist's list of leads.
func Findings(s *site.Site) []*Page {
	// A copy: the gaps and shares are this list's.
	rows := slices.Clone(ListedFindings(s))
	// The gaps and shares share one string (see texts).
	t := newTexts()
	for i := range rows {
		row := &rows[i]
		f := &row.Finding
		t.buf = append(append(appendReportWords(t.buf, row.R), ' '), f.Title...)
		t.end(&row.Search)
		row.Gap, row.Share = charts.Cell{Text: "—", Num: true}, charts.Cell{Text: "—", Num: true}
		if f.Gap != 0 {
			row.Gap = charts.Cell{Num: true}
			t.buf = f.Gap.Append(t.buf)
			t.end2(&row.Gap.Text, &row.Gap.Value)
		}
		if f.Share != 0 {
			// As fmt's %.2f, followed by a percent sign; the
			// value is the text without it (set below).
			row.Share = charts.Cell{Num: true}
			t.buf = strconv.AppendFloat(t.buf, f.Share*100, 'f', 2, 64)
			t.buf = append(t.buf, '%')
			t.end(&row.Share.Text)
		}
	}
	t.done()
	for i := range rows {
		row := &rows[i]
		if row.Finding.Share != 0 {
			row.Share.Value = row.Share.Text[:len(row.Share.Text)-1]
		}
		row.Search = strings.ToLower(row.Search)
	}
	cs := findingCounts(s.Reports)
	var out []*Page
	pgs := paged(len(rows), ListPageSize, FindingsPath)
	// The years of every finding, for the filter of a page among others.
	var allYears []int
	if len(pgs) > 1 {
		allYears = findingYears(rows)
	}
	ranked := countyFindings(s)
	for _, pg := range pgs {
		d := &FindingsData{Rules: check.Rules, Counts: cs, Pager: pg}
		if pg.N == 1 && len(ranked) > 1 {
			d.Counties, d.CountiesWith = ranked[:min(len(ranked), max(FindingCountiesShown, 1))], len(ranked)
		}
		if pg.Total > 0 {
			d.Rows = rows[pg.First-1 : pg.Last]
		}
		if pg.Of > 1 {
			d.Index, d.Years = FindingIndexPath, allYears
		} else {
			d.Years = findingYears(d.Rows)
		}
		out = append(out, &Page{Path: FindingsPath(pg.N), Template: "findings", Section: "findings",
			Title:       titled("数据核对发现", pg),
			Description: fmt.Sprintf("各报告自身数字之间的不一致、尾差和疑点，共%d条。", len(rows)),
			Data:        d,
		})
	}
	return out
}

// findingYears returns the years of the findings' reports, newest first.
func findingYears(rows []FindingRow) []int {
	var years []int
	for _, row := range rows {
		if !slices.Contains(years, row.R.Year) {
			years = append(years, row.R.Year)
		}
	}
	slices.SortFunc(years, func(a, b int) int { return cmp.Compare(b, a) })
	return years
}

// FindingIndexPath is where the build writes FindingIndex: the index of
// the list of findings that the filter of a page of it reads to tell
// which other pages hold findings it would show. It lies beside those
// pages, which it names from its own folder.
const FindingIndexPath = "findings-index.json"

// HasFindingIndex reports whether the site has a FindingIndex: whether
// the list of findings has several pages (ListPageSize).
func HasFindingIndex(s *site.Site) bool {
	return CountFindings(s) > max(ListPageSize, 1)
}

// FindingIndex returns, when the site has one (HasFindingIndex), the
// index of the list of findings as JSON (see rowIndex), fetched by a
// page's filter only once it is used: a row a finding, in the list's
// order, with two tags: its severity (data-severity) and what was
// checked (among the words of its row).
func FindingIndex(s *site.Site) []byte {
	if !HasFindingIndex(s) {
		return nil
	}
	rows := ListedFindings(s)
	x := newRowIndex(len(rows), FindingsPath, "severity", "")
	for i := range rows {
		x.row(rows[i].R, rows[i].Severity.Label(), rows[i].Title)
	}
	return x.json()
}

// DisclosureData is the model of a page of the disclosure table.
type DisclosureData struct {
	// Figures are the core figures, check.CoreFigures; ProjectFigures are
	// those of a 项目支出 report, check.ProjectCoreFigures.
	Figures, ProjectFigures []check.Figure
	// Rows holds the page's reports, in ReportOrder.
	Rows []DisclosureRow
	// Shares holds, per figure, the share of the reports it applies to
	// that disclose it: all reports unless Projects is set.
	Shares []string
	// Projects says whether the site has 项目支出 reports, to which some
	// figures do not apply.
	Projects bool
	// Counties holds each county's completeness over all its reports, on
	// the first page only. When the site has more counties than
	// DisclosureCounties, it holds the DisclosureCounties least complete,
	// least complete first, and CountiesOmitted counts the others.
	// CountyTotal counts every county of the site.
	Counties                     []CountyShare
	CountiesOmitted, CountyTotal int
	Pager                        Pager
}

// DisclosureRow is one report's disclosure of the core figures.
type DisclosureRow struct {
	R *site.Report
	// States holds the state of each of DisclosureData.Figures, and
	// Applies whether it is among the core figures of the report's type
	// (see check.CoreFigureApplies); Applies is shared by the reports of
	// a type and must not be modified.
	States  []report.State
	Applies []bool
	// Share is the share of the figures that apply that the report
	// discloses, and Value the same without its percent sign.
	Share string
	Value string
	// Counted says what Share counts when some figures do not apply to
	// the report (see countedText), so that a 项目支出 report's 0% is not
	// read as a report that disclosed nothing; empty otherwise.
	Counted string
}

// CountyShare is a county's share of core figures disclosed.
type CountyShare struct {
	C            *site.County
	Share, Value string
	// Counted says what Share counts when some figures do not apply to
	// one of the county's reports, as DisclosureRow.Counted does.
	Counted string
	// disclosed of total core figures, over the county's reports; extra
	// figures given that do not apply; partial, whether some do not.
	disclosed, total, extra int
	partial                 bool
}

// countedText says what a share of n of of figures counts when some
// figures do not apply, and extra of those are given all the same:
// 计3项，披露0项；另给出2项不计入.
func countedText(n, of, extra int) string {
	s := fmt.Sprintf("计%d项，披露%d项", of, n)
	if extra > 0 {
		s += fmt.Sprintf("；另给出%d项不计入", extra)
	}
	return s
}

// DisclosurePath returns the path of page n (from 1) of the disclosure
// table.
func DisclosurePath(n int) string {
	if n == 1 {
		return "disclosure.html"
	}
	return fmt.Sprintf("disclosure-%d.html", n)
}

// Disclosure returns the pages of the table of which core figures each
// report discloses, DisclosurePageSize reports each, in ReportOrder; the
// first page also has each county's completeness.
func Disclosure(s *site.Site) []*Page {
	nf := len(check.CoreFigures)
	// perFigure counts, per figure, the reports that disclose it, of
	// ofFigure it applies to.
	perFigure, ofFigure := make([]int, nf), make([]int, nf)
	// applies holds, per type, which figures apply to its reports (see
	// check.CoreFigureApplies).
	applies := map[string][]bool{}
	projects := false
	// Every report's row, in the order of the counties' reports, which is
	// that of the site's (see site.Assemble), sorted into ReportOrder
	// below; their states share one array.
	rows := make([]DisclosureRow, 0, len(s.Reports))
	states := make([]report.State, len(s.Reports)*nf)
	// A report's share is n of of figures, for n and of up to nf: each is
	// made once, at reportShares[of*(nf+1)+n].
	reportShares := make([]struct {
		text, value string
		made        bool
	}, (nf+1)*(nf+1))
	share := func(n, of int) (text, value string) {
		rs := &reportShares[of*(nf+1)+n]
		if !rs.made {
			rs.text, rs.value = percent(n, of)
			rs.made = true
		}
		return rs.text, rs.value
	}
	var counties []CountyShare
	if len(s.Counties) > 0 {
		counties = make([]CountyShare, len(s.Counties))
	}
	// The counties' shares share one string (see texts).
	t := newTexts()
	for i, c := range s.Counties {
		cs := &counties[i]
		cs.C = c
		for _, r := range c.Reports {
			if len(states) < nf {
				// Counties with more reports than the site, which
				// site.Assemble does not make.
				states = make([]report.State, nf)
			}
			ap, ok := applies[r.Type]
			if !ok {
				ap = make([]bool, nf)
				for j, f := range check.CoreFigures {
					ap[j] = check.CoreFigureApplies(r.Type, f.Key)
				}
				applies[r.Type] = ap
			}
			projects = projects || r.Type == report.TypeProject
			row := DisclosureRow{R: r, States: states[:nf:nf], Applies: ap}
			states = states[nf:]
			n, of, extra := 0, 0, 0
			for j, f := range check.CoreFigures {
				st := r.FigureState(f.Key)
				row.States[j] = st
				if !ap[j] {
					if st == report.Disclosed {
						extra++
					}
					continue
				}
				of++
				ofFigure[j]++
				if st == report.Disclosed {
					n++
					perFigure[j]++
				}
			}
			row.Share, row.Value = share(n, of)
			if of < nf {
				row.Counted = countedText(n, of, extra)
				cs.partial = true
			}
			cs.disclosed += n
			cs.total += of
			cs.extra += extra
			rows = append(rows, row)
		}
		if cs.total == 0 {
			cs.Share, cs.Value = percent(cs.disclosed, cs.total)
		} else {
			// As percent writes it; the value is the text without its
			// percent sign (set below).
			t.buf = appendPercent(t.buf, cs.disclosed, cs.total)
			t.end(&cs.Share)
		}
	}
	t.done()
	for i := range counties {
		cs := &counties[i]
		if cs.total != 0 {
			cs.Value = cs.Share[:len(cs.Share)-1]
		}
		if cs.partial {
			cs.Counted = countedText(cs.disclosed, cs.total, cs.extra)
		}
	}
	var shares []string
	for j, n := range perFigure {
		share, _ := percent(n, ofFigure[j])
		shares = append(shares, share)
	}
	// By name in pinyin order, as a reader looks a county up; the cut
	// below keeps that order among counties as complete.
	slices.SortStableFunc(counties, func(a, b CountyShare) int { return a.C.CompareName(b.C) })
	omitted := 0
	if limit := max(DisclosureCounties, 1); len(counties) > limit {
		// The least complete counties are the leads: keep those.
		slices.SortStableFunc(counties, func(a, b CountyShare) int {
			// a.disclosed/a.total against b.disclosed/b.total, exactly.
			return cmp.Compare(a.disclosed*b.total, b.disclosed*a.total)
		})
		omitted = len(counties) - limit
		counties = counties[:limit]
	}
	// ReportOrder is total (the file breaks ties), so the rows come out in
	// the order of sortedReports.
	slices.SortFunc(rows, func(a, b DisclosureRow) int { return ReportOrder(a.R, b.R) })
	var out []*Page
	for _, pg := range paged(len(rows), DisclosurePageSize, DisclosurePath) {
		d := &DisclosureData{Figures: check.CoreFigures, ProjectFigures: check.ProjectCoreFigures,
			Shares: shares, Projects: projects, CountyTotal: len(s.Counties), Pager: pg}
		if pg.N == 1 {
			d.Counties, d.CountiesOmitted = counties, omitted
		}
		if pg.Total > 0 {
			d.Rows = rows[pg.First-1 : pg.Last : pg.Last]
		}
		out = append(out, &Page{Path: DisclosurePath(pg.N), Template: "disclosure", Section: "disclosure",
			Title:       titled("核心数据披露情况", pg),
			Description: "各报告是否披露支出合计、基本支出、项目支出、三公经费及其三项、自评得分、评价等级和人员编制，以及各县、各项数据的披露比例。",
			Data:        d,
		})
	}
	return out
}

func percent(n, of int) (text, value string) {
	if of == 0 {
		return "—", ""
	}
	// One string for both: the text is the value with a percent sign.
	var buf [32]byte
	text = string(appendPercent(buf[:0], n, of))
	return text, text[:len(text)-1]
}

// appendPercent appends n of of, not 0, as a rounded percentage with its
// percent sign, such as 38%.
func appendPercent(dst []byte, n, of int) []byte {
	return append(strconv.AppendFloat(dst, float64(n)/float64(of)*100, 'f', 0, 64), '%')
}
