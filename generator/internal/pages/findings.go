package pages

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// FindingRow is one finding in the list of every finding.
type FindingRow struct {
	R *site.Report
	check.Finding
	// Gap and Share are the cells for the size of the gap.
	Gap, Share charts.Cell
}

// FindingsData is the model of a page of the list of every finding.
type FindingsData struct {
	// Rows holds the page's findings, in FindingOrder.
	Rows  []FindingRow
	Rules []check.Rule
	// Counts holds the number of findings per severity label, over all
	// pages.
	Counts []Count
	Pager  Pager
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
// first (discrepancy, warning, rounding), then the largest gap, then by
// county slug, year (newest first), department and type.
func FindingOrder(a, b FindingRow) int {
	return cmp.Or(cmp.Compare(b.Severity, a.Severity), cmp.Compare(b.Finding.Gap, a.Finding.Gap),
		cmp.Compare(a.R.County.Slug, b.R.County.Slug), cmp.Compare(b.R.Year, a.R.Year),
		cmp.Compare(a.R.Department, b.R.Department), cmp.Compare(a.R.Type, b.R.Type), cmp.Compare(a.R.File, b.R.File))
}

// Findings returns the pages listing every finding of every report that
// is more than a note on disclosure, ListPageSize each, in FindingOrder: a
// journalist's list of leads.
func Findings(s *site.Site) []*Page {
	var rows []FindingRow
	counts := map[check.Severity]int{}
	for _, r := range s.Reports {
		for _, f := range r.Findings() {
			if f.Severity == check.Info {
				continue
			}
			counts[f.Severity]++
			row := FindingRow{R: r, Finding: f, Gap: charts.Cell{Text: "—", Num: true}, Share: charts.Cell{Text: "—", Num: true}}
			if f.Gap != 0 {
				gap := f.Gap.String()
				row.Gap = charts.Cell{Text: gap, Value: gap, Num: true}
			}
			if f.Share != 0 {
				pct := fmt.Sprintf("%.2f", f.Share*100)
				row.Share = charts.Cell{Text: pct + "%", Value: pct, Num: true}
			}
			rows = append(rows, row)
		}
	}
	// Stable: a report's findings that tie keep the order of its checks.
	slices.SortStableFunc(rows, FindingOrder)
	var cs []Count
	for _, sev := range []check.Severity{check.Discrepancy, check.Warning, check.Rounding} {
		cs = append(cs, Count{sev.Label(), counts[sev]})
	}
	var out []*Page
	for _, pg := range paged(len(rows), ListPageSize, FindingsPath) {
		d := &FindingsData{Rules: check.Rules, Counts: cs, Pager: pg}
		if pg.Total > 0 {
			d.Rows = rows[pg.First-1 : pg.Last]
		}
		out = append(out, &Page{Path: FindingsPath(pg.N), Template: "findings", Section: "findings",
			Title:       titled("数据核对发现", pg),
			Description: fmt.Sprintf("各报告自身数字之间的不一致、尾差和疑点，共%d条。", len(rows)),
			Data:        d,
		})
	}
	return out
}

// DisclosureData is the model of a page of the disclosure table.
type DisclosureData struct {
	Figures []check.Figure
	// Rows holds the page's reports, in ReportOrder.
	Rows []DisclosureRow
	// Shares holds, per figure, the share of all reports that disclose it.
	Shares []string
	// Counties holds each county's completeness over all its reports, on
	// the first page only. When the site has more counties than
	// ListPageSize, it holds the ListPageSize least complete, least
	// complete first, and CountiesOmitted counts the others. CountyTotal
	// counts every county of the site.
	Counties                     []CountyShare
	CountiesOmitted, CountyTotal int
	Pager                        Pager
}

// DisclosureRow is one report's disclosure of the core figures.
type DisclosureRow struct {
	R      *site.Report
	States []report.State
	Share  string
	Value  string
}

// CountyShare is a county's share of core figures disclosed.
type CountyShare struct {
	C            *site.County
	Share, Value string
	// disclosed of total core figures, over the county's reports.
	disclosed, total int
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
// report discloses, ListPageSize reports each, in ReportOrder; the first
// page also has each county's completeness.
func Disclosure(s *site.Site) []*Page {
	perFigure := make([]int, len(check.CoreFigures))
	byReport := make(map[*site.Report]DisclosureRow, len(s.Reports))
	var counties []CountyShare
	for _, c := range s.Counties {
		cs := CountyShare{C: c}
		for _, r := range c.Reports {
			row := DisclosureRow{R: r, States: make([]report.State, len(check.CoreFigures))}
			n := 0
			for i, f := range check.CoreFigures {
				st := check.FigureState(r.Report, f.Key)
				row.States[i] = st
				if st == report.Disclosed {
					n++
					perFigure[i]++
				}
			}
			row.Share, row.Value = percent(n, len(check.CoreFigures))
			cs.disclosed += n
			cs.total += len(check.CoreFigures)
			byReport[r] = row
		}
		cs.Share, cs.Value = percent(cs.disclosed, cs.total)
		counties = append(counties, cs)
	}
	var shares []string
	for _, n := range perFigure {
		share, _ := percent(n, len(s.Reports))
		shares = append(shares, share)
	}
	omitted := 0
	if limit := max(ListPageSize, 1); len(counties) > limit {
		// The least complete counties are the leads: keep those.
		slices.SortStableFunc(counties, func(a, b CountyShare) int {
			// a.disclosed/a.total against b.disclosed/b.total, exactly.
			return cmp.Compare(a.disclosed*b.total, b.disclosed*a.total)
		})
		omitted = len(counties) - limit
		counties = counties[:limit]
	}
	rs := sortedReports(s)
	var out []*Page
	for _, pg := range paged(len(rs), ListPageSize, DisclosurePath) {
		d := &DisclosureData{Figures: check.CoreFigures, Shares: shares, CountyTotal: len(s.Counties), Pager: pg}
		if pg.N == 1 {
			d.Counties, d.CountiesOmitted = counties, omitted
		}
		if pg.Total > 0 {
			for _, r := range rs[pg.First-1 : pg.Last] {
				d.Rows = append(d.Rows, byReport[r])
			}
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
	text = string(append(strconv.AppendFloat(buf[:0], float64(n)/float64(of)*100, 'f', 0, 64), '%'))
	return text, text[:len(text)-1]
}
