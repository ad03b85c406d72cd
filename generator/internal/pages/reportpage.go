package pages

import (
	"fmt"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/site"
)

// ReportData is the model of a report page.
type ReportData struct {
	R *site.Report
	// Groups holds the report's figures by group, in display order.
	Groups []FigureGroup
	// Ranks lists the report's place among reports of the same year and
	// type, per metric.
	Ranks []RankRow
	// Others are the county's other reports.
	Others []*site.Report
	// Findings are the report's findings beyond notes on disclosure.
	Findings []check.Finding
	// Undisclosed is the disclosure rule's note, if any.
	Undisclosed string
}

// FigureGroup is a titled list of figures.
type FigureGroup struct {
	Title   string
	Figures []Figure
}

// RankRow is a metric with a report's value and rank.
type RankRow struct {
	Metric site.Metric
	Value  charts.Cell
	Rank   site.Rank
}

// Report returns a report's page.
func Report(s *site.Site, r *site.Report) (*Page, error) {
	d := &ReportData{R: r}
	for _, f := range Figures(r) {
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Title != f.Group {
			d.Groups = append(d.Groups, FigureGroup{Title: f.Group})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Figures = append(g.Figures, f)
	}
	for _, m := range site.Metrics {
		d.Ranks = append(d.Ranks, RankRow{Metric: m, Value: charts.NumCell(Value(m, r)), Rank: r.Rank(m.Key)})
	}
	for _, f := range r.Findings() {
		if f.Severity == check.Info {
			d.Undisclosed = f.Message
			continue
		}
		d.Findings = append(d.Findings, f)
	}
	for _, o := range r.County.Reports {
		if o.URL != r.URL { // r may be a copy (see site.Site.Full)
			d.Others = append(d.Others, o)
		}
	}
	p := &Page{Path: r.URL, Template: "report", Section: "report",
		Title:       r.Title,
		Description: description(r),
		Data:        d,
	}
	c, err := compositionChart(r)
	if err != nil {
		return nil, err
	}
	if c != nil {
		p.Charts = append(p.Charts, *c)
	}
	return p, nil
}

func description(r *site.Report) string {
	s := fmt.Sprintf("%s%s%d年度%s绩效自评报告：", r.County.Name, r.Department, r.Year, r.Type)
	if r.Spending.Total.Known() {
		s += "支出合计" + r.Spending.Total.V.String() + "万元，"
	} else {
		s += "支出合计未披露，"
	}
	if r.Sangong.Total.Known() {
		s += "三公经费" + r.Sangong.Total.V.String() + "万元，"
	} else {
		s += "三公经费未披露，"
	}
	if r.Score.Known() {
		s += "自评得分" + charts.Format(r.Score.V) + "分。"
	} else {
		s += "自评得分未披露。"
	}
	return s
}

// compositionChart shows a report's spending and 三公经费 items side by
// side; nil when none is disclosed.
func compositionChart(r *site.Report) (*charts.Chart, error) {
	sp, sg := r.Spending, r.Sangong
	items := []struct {
		name string
		v    charts.Value
	}{
		{"支出合计", money(sp.Total)}, {"基本支出", money(sp.Basic)}, {"人员经费", money(sp.Personnel)},
		{"公用经费", money(sp.Public)}, {"项目支出", money(sp.Project)}, {"三公经费", money(sg.Total)},
		{"因公出国（境）", money(sg.Abroad)}, {"公务接待", money(sg.Reception)}, {"公务用车", money(sg.Vehicles)},
	}
	var cats []string
	var vals []charts.Value
	known := false
	for _, it := range items {
		cats = append(cats, it.name)
		vals = append(vals, it.v)
		known = known || it.v.OK
	}
	if !known {
		return nil, nil
	}
	c, err := charts.Bars{ID: "composition", Title: "支出与三公经费构成", Unit: "万元", Categories: cats,
		Series: []charts.Series{{Name: "金额", Values: vals}}, Horizontal: true}.Build()
	if err != nil {
		return nil, err
	}
	c.Table.Head[0].Label = "项目"
	return &c, nil
}
