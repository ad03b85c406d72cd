package pages

import (
	"fmt"
	"slices"
	"strconv"
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
	// The cells' figures and changes share one string (see texts).
	t := newTexts()
	defer t.done()
	for i, se := range c.Series {
		v := SeriesView{Series: se, ID: "s" + strconv.Itoa(i+1), Metrics: ms}
		v.Rows = make([]YearRow, 0, len(se.Reports))
		cells := make([]MetricCell, len(se.Reports)*len(ms))
		var deltas []Delta
		for j := len(se.Reports) - 1; j >= 0; j-- {
			r := se.Reports[j]
			row := YearRow{R: r, Cells: cells[:len(ms):len(ms)]}
			cells = cells[len(ms):]
			for k, m := range ms {
				val := Value(m, r)
				mc := &row.Cells[k]
				mc.Rank = r.Rank(m.Key)
				t.numCell(&mc.Cell, val)
				if r.Prev != nil && val.OK {
					if pv, ok := m.Value(r.Prev); ok {
						if deltas == nil {
							deltas = make([]Delta, 0, len(se.Reports)*len(ms))
						}
						deltas = append(deltas, Delta{})
						mc.Delta = &deltas[len(deltas)-1]
						setDelta(mc.Delta, val.V, pv, t)
					}
				}
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
	first, last := se.Reports[0].Year, se.Reports[len(se.Reports)-1].Year
	n := last - first + 1
	// byYear holds the series' report of each year, nil for a gap.
	byYear := make([]*site.Report, n)
	for _, r := range se.Reports {
		byYear[r.Year-first] = r
	}
	years := yearLabels(first, last)
	series := func(per bool, keys ...string) []charts.Series {
		out := make([]charts.Series, len(keys))
		vals := make([]charts.Value, len(keys)*n)
		for i, k := range keys {
			m := site.MetricByKey(k)
			s := charts.Series{Name: m.Label, Values: vals[i*n : (i+1)*n : (i+1)*n]}
			for y, r := range byYear {
				if r != nil {
					v := Value(m, r)
					if per {
						v = perStaff(v, r)
					}
					s.Values[y] = v
				}
			}
			out[i] = s
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
		base := charts.Bars{ID: prefix + "-" + d.id, Title: d.title, Unit: d.unit, Categories: years, Line: true, Series: series(false, d.keys...)}
		if !hasValue(base.Series) {
			continue
		}
		var c charts.Chart
		var err error
		if d.perStaff {
			c, err = withPerStaff(func(per bool) charts.Bars {
				if !per {
					return base
				}
				b := base
				b.Series = series(true, d.keys...)
				return b
			})
		} else {
			c, err = base.Build()
		}
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = make([]charts.Chart, 0, len(defs))
		}
		out = append(out, c)
	}
	return out, nil
}

// yearLabels returns the years from first to last as text, sharing one
// string.
func yearLabels(first, last int) []string {
	var buf [128]byte
	b := buf[:0]
	ends := make([]int, 0, last-first+1)
	for y := first; y <= last; y++ {
		b = strconv.AppendInt(b, int64(y), 10)
		ends = append(ends, len(b))
	}
	all := string(b)
	out := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out
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
