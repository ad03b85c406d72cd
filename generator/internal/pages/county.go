package pages

import (
	"fmt"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/site"
)

// CountyData is the model of a county page.
type CountyData struct {
	County *site.County
	Series []SeriesView
}

// SeriesView is one department's reports of one type, for a county page.
type SeriesView struct {
	*site.Series
	// ID is unique within the page.
	ID string
	// Metrics are the columns of Rows.
	Metrics []site.Metric
	// Rows holds a row per year, newest first.
	Rows []YearRow
	// Charts lists the IDs of the series' trend charts.
	Charts []string
}

// YearRow is one year of a series.
type YearRow struct {
	R     *site.Report
	Cells []MetricCell
}

// MetricCell is a figure with its change against the previous year and its
// rank among the reports of the same year and type.
type MetricCell struct {
	charts.Cell
	Delta *Delta
	Rank  site.Rank
}

var countyMetrics = []string{"total", "basic", "project", "sangong", "score", "total_per_staff", "sangong_per_staff"}

// County returns a county's page.
func County(s *site.Site, c *site.County) (*Page, error) {
	d := &CountyData{County: c}
	where := strings.Join(nonEmpty(c.Province, c.Prefecture), "")
	p := &Page{Path: c.URL, Template: "county", Section: "county",
		Title:       c.Name + "部门绩效自评报告",
		Description: fmt.Sprintf("%s%s的%d份部门绩效自评报告：历年支出、三公经费、自评得分及其在同年各县中的排名。", where, c.Name, len(c.Reports)),
		Data:        d,
	}
	var ms []site.Metric
	for _, k := range countyMetrics {
		ms = append(ms, site.MetricByKey(k))
	}
	for i, se := range c.Series {
		v := SeriesView{Series: se, ID: fmt.Sprintf("s%d", i+1), Metrics: ms}
		for j := len(se.Reports) - 1; j >= 0; j-- {
			r := se.Reports[j]
			row := YearRow{R: r}
			for _, m := range ms {
				val := Value(m, r)
				mc := MetricCell{Cell: charts.NumCell(val), Rank: r.Rank(m.Key)}
				if r.Prev != nil && val.OK {
					if pv, ok := m.Value(r.Prev); ok {
						mc.Delta = delta(val.V, pv)
					}
				}
				row.Cells = append(row.Cells, mc)
			}
			v.Rows = append(v.Rows, row)
		}
		if len(se.Reports) >= 2 {
			cs, err := trendCharts(v.ID, se)
			if err != nil {
				return nil, err
			}
			for _, ch := range cs {
				v.Charts = append(v.Charts, ch.ID)
			}
			p.Charts = append(p.Charts, cs...)
		}
		d.Series = append(d.Series, v)
	}
	return p, nil
}

func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(ss, func(s string) bool { return s == "" })
}

// trendCharts draws a series over its years: spending, 三公经费 and score.
func trendCharts(prefix string, se *site.Series) ([]charts.Chart, error) {
	var years []string
	first, last := se.Reports[0].Year, se.Reports[len(se.Reports)-1].Year
	byYear := map[int]*site.Report{}
	for _, r := range se.Reports {
		byYear[r.Year] = r
	}
	for y := first; y <= last; y++ {
		years = append(years, fmt.Sprint(y))
	}
	series := func(per bool, keys ...string) []charts.Series {
		var out []charts.Series
		for _, k := range keys {
			m := site.MetricByKey(k)
			s := charts.Series{Name: m.Label}
			for y := first; y <= last; y++ {
				v := charts.Value{}
				if r := byYear[y]; r != nil {
					v = Value(m, r)
					if per {
						v = perStaff(v, r)
					}
				}
				s.Values = append(s.Values, v)
			}
			out = append(out, s)
		}
		return out
	}
	defs := []struct {
		id, title, unit string
		keys            []string
		perStaff        bool
	}{
		{"spending", "历年支出", "万元", []string{"total", "basic", "project"}, true},
		{"sangong", "历年三公经费", "万元", []string{"sangong"}, true},
		{"score", "历年自评得分", "分", []string{"score"}, false},
	}
	var out []charts.Chart
	for _, d := range defs {
		bars := func(per bool) charts.Bars {
			return charts.Bars{ID: prefix + "-" + d.id, Title: d.title, Unit: d.unit, Categories: years, Line: true, Series: series(per, d.keys...)}
		}
		if !hasValue(bars(false).Series) {
			continue
		}
		var c charts.Chart
		var err error
		if d.perStaff {
			c, err = withPerStaff(bars)
		} else {
			c, err = bars(false).Build()
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func hasValue(ss []charts.Series) bool {
	for _, s := range ss {
		for _, v := range s.Values {
			if v.OK {
				return true
			}
		}
	}
	return false
}
