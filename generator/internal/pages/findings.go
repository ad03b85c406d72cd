package pages

import (
	"fmt"

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

// FindingsData is the model of the page listing every finding.
type FindingsData struct {
	Rows  []FindingRow
	Rules []check.Rule
	// Counts holds the number of findings per severity label.
	Counts []Count
}

// Count is a labelled number.
type Count struct {
	Label string
	N     int
}

// Findings returns the page listing every finding of every report that is
// more than a note on disclosure: a journalist's list of leads.
func Findings(s *site.Site) *Page {
	d := &FindingsData{Rules: check.Rules}
	counts := map[check.Severity]int{}
	for _, r := range s.Reports {
		for _, f := range r.Findings() {
			if f.Severity == check.Info {
				continue
			}
			counts[f.Severity]++
			row := FindingRow{R: r, Finding: f, Gap: charts.Cell{Text: "—", Num: true}, Share: charts.Cell{Text: "—", Num: true}}
			if f.Gap != 0 {
				row.Gap = charts.Cell{Text: f.Gap.String(), Value: f.Gap.String(), Num: true}
			}
			if f.Share != 0 {
				pct := fmt.Sprintf("%.2f", f.Share*100)
				row.Share = charts.Cell{Text: pct + "%", Value: pct, Num: true}
			}
			d.Rows = append(d.Rows, row)
		}
	}
	for _, sev := range []check.Severity{check.Discrepancy, check.Warning, check.Rounding} {
		d.Counts = append(d.Counts, Count{sev.Label(), counts[sev]})
	}
	return &Page{Path: "findings.html", Template: "findings", Section: "findings",
		Title:       "数据核对发现",
		Description: fmt.Sprintf("各报告自身数字之间的不一致、尾差和疑点，共%d条。", len(d.Rows)),
		Data:        d,
	}
}

// DisclosureData is the model of the disclosure table.
type DisclosureData struct {
	Figures []check.Figure
	Rows    []DisclosureRow
	// Shares holds, per figure, the share of reports that disclose it.
	Shares []string
	// Counties holds each county's completeness over all its reports.
	Counties []CountyShare
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
}

// Disclosure returns the table of which core figures each report
// discloses.
func Disclosure(s *site.Site) *Page {
	d := &DisclosureData{Figures: check.CoreFigures}
	perFigure := make([]int, len(check.CoreFigures))
	for _, c := range s.Counties {
		disclosed, total := 0, 0
		for _, r := range c.Reports {
			row := DisclosureRow{R: r}
			n := 0
			for i, f := range check.CoreFigures {
				st := check.FigureState(r.Report, f.Key)
				row.States = append(row.States, st)
				if st == report.Disclosed {
					n++
					perFigure[i]++
				}
			}
			row.Share, row.Value = percent(n, len(check.CoreFigures))
			disclosed += n
			total += len(check.CoreFigures)
			d.Rows = append(d.Rows, row)
		}
		cs := CountyShare{C: c}
		cs.Share, cs.Value = percent(disclosed, total)
		d.Counties = append(d.Counties, cs)
	}
	for _, n := range perFigure {
		share, _ := percent(n, len(s.Reports))
		d.Shares = append(d.Shares, share)
	}
	return &Page{Path: "disclosure.html", Template: "disclosure", Section: "disclosure",
		Title:       "核心数据披露情况",
		Description: "各报告是否披露支出合计、基本支出、项目支出、三公经费及其三项、自评得分、评价等级和人员编制，以及各县、各项数据的披露比例。",
		Data:        d,
	}
}

func percent(n, of int) (text, value string) {
	if of == 0 {
		return "—", ""
	}
	v := fmt.Sprintf("%.0f", float64(n)/float64(of)*100)
	return v + "%", v
}
