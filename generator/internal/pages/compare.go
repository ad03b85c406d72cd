package pages

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// CompareData is the model of a compare page.
type CompareData struct {
	Site *site.Site
	// Year is the year compared; 0 on the page across years.
	Year int
	// Reports are the whole-department reports compared.
	Reports []*site.Report
	// Missing notes charts left out for want of data.
	Missing []string
	// Table is the county-by-year table of the page across years.
	Table *charts.Table
}

// byMetric sorts reports by a metric, highest first, unknown last, then by
// label.
func byMetric(rs []*site.Report, m site.Metric) []*site.Report {
	out := slices.Clone(rs)
	slices.SortStableFunc(out, func(a, b *site.Report) int {
		av, aok := m.Value(a)
		bv, bok := m.Value(b)
		if aok != bok {
			if aok {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(bv, av), cmp.Compare(a.County.Slug, b.County.Slug), cmp.Compare(a.Department, b.Department))
	})
	return out
}

// FlagMark follows the name of a report whose figures in a chart carry a
// finding beyond rounding.
const FlagMark = " ⚠"

// labels names the reports of a chart, marking those whose figures under
// keys disagree with each other.
func labels(rs []*site.Report, keys ...string) (names, links []string) {
	for _, r := range rs {
		name := r.Label()
		if r.Flagged(keys...) {
			name += FlagMark
		}
		names = append(names, name)
		links = append(links, r.URL)
	}
	return names, links
}

func money(m report.Money) charts.Value {
	return charts.Value{V: m.V.Wan(), OK: m.Known()}
}

// remainder is the part of a whole that its disclosed parts do not
// explain, when the whole is known and exceeds them.
func remainder(whole report.Money, parts ...report.Money) charts.Value {
	if !whole.Known() {
		return charts.Value{Blank: true}
	}
	rest := whole.V
	for _, p := range parts {
		if p.Known() {
			rest -= p.V
		}
	}
	if rest <= report.FenPerWan/100 {
		return charts.Value{Blank: true}
	}
	return charts.Some(rest.Wan())
}

// spendingChart stacks basic and project spending; what the total has
// beyond them is shown as its own segment, so a stacked bar never hides a
// gap in a report's figures.
func spendingChart(id, title string, rs []*site.Report) (charts.Chart, error) {
	rs = byMetric(rs, site.MetricByKey("total"))
	names, links := labels(rs, "spending.total", "spending.basic", "spending.project")
	var basic, project, rest, total []charts.Value
	for _, r := range rs {
		sp := r.Spending
		basic = append(basic, money(sp.Basic))
		project = append(project, money(sp.Project))
		rest = append(rest, remainder(sp.Total, sp.Basic, sp.Project))
		total = append(total, money(sp.Total))
	}
	return charts.Bars{ID: id, Title: title, Unit: "万元", Categories: names, Links: links,
		Series: []charts.Series{{Name: "基本支出", Values: basic}, {Name: "项目支出", Values: project}, {Name: "未分项或差额", Values: rest}},
		Total:  total, Stack: true, Horizontal: true}.Build()
}

func sangongChart(id, title string, rs []*site.Report) (charts.Chart, error) {
	rs = byMetric(rs, site.MetricByKey("sangong"))
	names, links := labels(rs, "sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles")
	var abroad, reception, vehicles, rest, total []charts.Value
	for _, r := range rs {
		sg := r.Sangong
		abroad = append(abroad, money(sg.Abroad))
		reception = append(reception, money(sg.Reception))
		vehicles = append(vehicles, money(sg.Vehicles))
		rest = append(rest, remainder(sg.Total, sg.Abroad, sg.Reception, sg.Vehicles))
		total = append(total, money(sg.Total))
	}
	return charts.Bars{ID: id, Title: title, Unit: "万元", Categories: names, Links: links,
		Series: []charts.Series{{Name: "因公出国（境）", Values: abroad}, {Name: "公务接待", Values: reception}, {Name: "公务用车", Values: vehicles}, {Name: "未分项或差额", Values: rest}},
		Total:  total, Stack: true, Horizontal: true}.Build()
}

func metricChart(id, title string, m site.Metric, rs []*site.Report) (charts.Chart, error) {
	rs = byMetric(rs, m)
	names, links := labels(rs, metricKeys[m.Key]...)
	var vals []charts.Value
	for _, r := range rs {
		vals = append(vals, Value(m, r))
	}
	return charts.Bars{ID: id, Title: title, Unit: m.Unit, Categories: names, Links: links,
		Series: []charts.Series{{Name: m.Label, Values: vals}}, Horizontal: true}.Build()
}

// metricKeys names the figures each metric is computed from.
var metricKeys = map[string][]string{
	"score":             {"score", "grade"},
	"total_per_staff":   {"spending.total", "staff.actual"},
	"sangong_per_staff": {"sangong.total", "staff.actual"},
}

func anyKnown(rs []*site.Report, m site.Metric) bool {
	for _, r := range rs {
		if _, ok := m.Value(r); ok {
			return true
		}
	}
	return false
}

// CompareYear returns the compare page of one year.
func CompareYear(s *site.Site, year int) (*Page, error) {
	rs := wholeReports(s.ByYear[year])
	d := &CompareData{Site: s, Year: year, Reports: rs}
	p := &Page{Path: fmt.Sprintf("compare/%d.html", year), Template: "compare", Section: "compare",
		Title:       fmt.Sprintf("%d年各县部门整体支出比较", year),
		Description: fmt.Sprintf("%d年%d份部门整体支出绩效自评报告的支出、三公经费、自评得分和人均数比较。", year, len(rs)),
		Data:        d,
	}
	type spec struct {
		id, title, metric string
		build             func(id, title string, rs []*site.Report) (charts.Chart, error)
	}
	specs := []spec{
		{"spending", "支出合计（基本支出与项目支出）", "total", spendingChart},
		{"sangong", "三公经费（出国（境）、接待、公务用车）", "sangong", sangongChart},
		{"score", "自评得分", "score", nil},
		{"total-per-staff", "人均支出（支出合计 ÷ 实有人数）", "total_per_staff", nil},
		{"sangong-per-staff", "人均三公经费（三公经费 ÷ 实有人数）", "sangong_per_staff", nil},
	}
	for _, sp := range specs {
		m := site.MetricByKey(sp.metric)
		known := anyKnown(rs, m)
		if sp.metric == "total" {
			known = known || anyKnown(rs, site.MetricByKey("basic")) || anyKnown(rs, site.MetricByKey("project"))
		}
		if !known {
			d.Missing = append(d.Missing, fmt.Sprintf("%s：本年度没有报告披露所需数据。", sp.title))
			continue
		}
		var c charts.Chart
		var err error
		if sp.build != nil {
			c, err = sp.build(sp.id, sp.title, rs)
		} else {
			c, err = metricChart(sp.id, sp.title, m, rs)
		}
		if err != nil {
			return nil, err
		}
		p.Charts = append(p.Charts, c)
	}
	return p, nil
}

// CompareYears returns the page that compares years: totals and averages
// per year, and each county's total spending by year.
func CompareYears(s *site.Site) (*Page, error) {
	d := &CompareData{Site: s}
	p := &Page{Path: "compare/index.html", Template: "compare", Section: "compare",
		Title:       "历年比较",
		Description: "各年度部门整体支出、三公经费和自评得分的汇总与各县历年支出。",
		Data:        d,
	}
	years := slices.Clone(s.Years)
	slices.Reverse(years)
	var cats []string
	var count, total, sangong, score []charts.Value
	for _, y := range years {
		cats = append(cats, fmt.Sprint(y))
		rs := wholeReports(s.ByYear[y])
		count = append(count, charts.Some(float64(len(rs))))
		total = append(total, sumOf(rs, site.MetricByKey("total"), false))
		sangong = append(sangong, sumOf(rs, site.MetricByKey("sangong"), false))
		score = append(score, sumOf(rs, site.MetricByKey("score"), true))
	}
	builds := []charts.Bars{
		{ID: "years-count", Title: "各年度报告数", Unit: "份", Series: []charts.Series{{Name: "报告数", Values: count}}},
		{ID: "years-spending", Title: "各年度支出合计之和", Unit: "万元", Series: []charts.Series{{Name: "支出合计之和", Values: total}}},
		{ID: "years-sangong", Title: "各年度三公经费之和", Unit: "万元", Series: []charts.Series{{Name: "三公经费之和", Values: sangong}}},
		{ID: "years-score", Title: "各年度平均自评得分", Unit: "分", Series: []charts.Series{{Name: "平均自评得分", Values: score}}},
	}
	for _, b := range builds {
		b.Categories = cats
		b.Line = len(cats) > 1
		c, err := b.Build()
		if err != nil {
			return nil, err
		}
		p.Charts = append(p.Charts, c)
	}
	t := &charts.Table{Caption: "各县历年支出合计（万元）", Head: []charts.Col{{Label: "县（市、区）"}, {Label: "部门"}}}
	for _, y := range years {
		t.Head = append(t.Head, charts.Col{Label: fmt.Sprint(y), Num: true})
	}
	for _, c := range s.Counties {
		for _, se := range c.Series {
			if se.Type != report.TypeWhole {
				continue
			}
			row := []charts.Cell{{Text: c.Name, Href: c.URL}, {Text: se.Department}}
			byYear := map[int]*site.Report{}
			for _, r := range se.Reports {
				byYear[r.Year] = r
			}
			for _, y := range years {
				if r := byYear[y]; r != nil {
					cell := moneyCell(r.Spending.Total)
					cell.Href = r.URL
					row = append(row, cell)
				} else {
					row = append(row, charts.Cell{Text: "—", Num: true})
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	d.Table = t
	return p, nil
}

// sumOf adds a metric over reports, or averages it.
func sumOf(rs []*site.Report, m site.Metric, average bool) charts.Value {
	sum, n := 0.0, 0
	for _, r := range rs {
		if v, ok := m.Value(r); ok {
			sum += v
			n++
		}
	}
	if n == 0 {
		return charts.Value{}
	}
	if average {
		sum /= float64(n)
	}
	return charts.Some(sum)
}
