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
	// Explorer is the chart whose metric and counties the reader chooses.
	Explorer *Explorer
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

// ChartMax is the most reports a compare chart shows: with more, it shows
// the highest ChartMax, says so in its title, and leaves the rest to the
// explorer and the downloads.
var ChartMax = 40

// top keeps the first ChartMax reports and says in a title suffix when it
// left any out.
func top(sorted []*site.Report) ([]*site.Report, string) {
	if len(sorted) <= ChartMax {
		return sorted, ""
	}
	return sorted[:ChartMax], fmt.Sprintf("（共%d个，显示最高的%d个）", len(sorted), ChartMax)
}

// perStaff divides a value by the report's actual staff; it is missing
// when the staff number is.
func perStaff(v charts.Value, r *site.Report) charts.Value {
	staff := r.Staff.Actual
	if !v.OK || !staff.Known() || staff.V == 0 {
		return charts.Value{Blank: v.Blank}
	}
	return charts.Some(v.V / float64(staff.V))
}

// withPerStaff builds a chart from bars(false), with a view per staff
// member from bars(true).
func withPerStaff(bars func(perStaff bool) charts.Bars) (charts.Chart, error) {
	c, err := bars(false).Build()
	if err != nil {
		return c, err
	}
	b := bars(true)
	b.ID += "-by-staff"
	b.Title += "（人均）"
	b.Unit += "/人"
	alt, err := b.Build()
	if err != nil {
		return c, err
	}
	c.Alt = append(c.Alt, charts.Alt{Key: "per-staff", Label: "人均", Chart: alt})
	return c, nil
}

// stacked builds a stacked bar chart of a whole and its parts, one bar per
// report, highest first; what the whole has beyond its disclosed parts is
// a segment of its own, so that a stacked bar never hides a gap in a
// report's figures.
func stacked(id, title string, rs []*site.Report, metric string, keys []string, names []string,
	whole func(*site.Report) report.Money, parts func(*site.Report) []report.Money) (charts.Chart, error) {
	return withPerStaff(func(per bool) charts.Bars {
		m := site.MetricByKey(metric)
		if per {
			m = site.MetricByKey(metric + "_per_staff")
		}
		sorted, note := top(byMetric(rs, m))
		cats, links := labels(sorted, keys...)
		series := make([]charts.Series, len(names)+1)
		for i, n := range names {
			series[i].Name = n
		}
		series[len(names)].Name = "未分项或差额"
		var total []charts.Value
		for _, r := range sorted {
			ps := parts(r)
			vals := make([]charts.Value, 0, len(ps)+1)
			for _, p := range ps {
				vals = append(vals, money(p))
			}
			vals = append(vals, remainder(whole(r), ps...))
			t := money(whole(r))
			if per {
				for i := range vals {
					vals[i] = perStaff(vals[i], r)
				}
				t = perStaff(t, r)
			}
			for i, v := range vals {
				series[i].Values = append(series[i].Values, v)
			}
			total = append(total, t)
		}
		return charts.Bars{ID: id, Title: title + note, Unit: "万元", Categories: cats, Links: links,
			Series: series, Total: total, Stack: true, Horizontal: true}
	})
}

func spendingChart(id, title string, rs []*site.Report) (charts.Chart, error) {
	return stacked(id, title, rs, "total", []string{"spending.total", "spending.basic", "spending.project"},
		[]string{"基本支出", "项目支出"},
		func(r *site.Report) report.Money { return r.Spending.Total },
		func(r *site.Report) []report.Money { return []report.Money{r.Spending.Basic, r.Spending.Project} })
}

func sangongChart(id, title string, rs []*site.Report) (charts.Chart, error) {
	return stacked(id, title, rs, "sangong", []string{"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles"},
		[]string{"因公出国（境）", "公务接待", "公务用车"},
		func(r *site.Report) report.Money { return r.Sangong.Total },
		func(r *site.Report) []report.Money {
			return []report.Money{r.Sangong.Abroad, r.Sangong.Reception, r.Sangong.Vehicles}
		})
}

func metricChart(id, title string, m site.Metric, rs []*site.Report) (charts.Chart, error) {
	rs, note := top(byMetric(rs, m))
	names, links := labels(rs, metricKeys[m.Key]...)
	var vals []charts.Value
	for _, r := range rs {
		vals = append(vals, Value(m, r))
	}
	return charts.Bars{ID: id, Title: title + note, Unit: m.Unit, Categories: names, Links: links,
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
	ex, err := newExplorer(rs)
	if err != nil {
		return nil, err
	}
	d.Explorer = ex
	p := &Page{Path: ComparePath(year), Template: "compare", Section: "compare",
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
	p := &Page{Path: CompareIndexPath, Template: "compare", Section: "compare",
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

// CompareIndexPath is the path of the page comparing counties across years.
const CompareIndexPath = "compare/index.html"

// ComparePath returns the path of the page comparing counties in a year.
func ComparePath(year int) string { return fmt.Sprintf("compare/%d.html", year) }
