package pages

import (
	"strconv"

	"github.com/countyperf/portal/generator/internal/site"
)

// OverviewData is the model of the page of a county whose series each
// have a page of their own (see site.MaxSeriesOnCountyPage): a row per
// series in place of the series' sections.
type OverviewData struct {
	County *site.County
	// Findings counts the findings of the county's reports, as a county
	// page's do (CountyData.Findings).
	Findings CountyFindings
	// Departments counts the departments the county's series are of.
	Departments int
	Rows        []OverviewRow
}

// OverviewRow is one series of a county's overview: what it covers, and
// the main figures of its latest report.
type OverviewRow struct {
	*site.Series
	// Latest is the series' newest report.
	Latest *site.Report
	// Years is the span of the series' years, such as 2015—2024年, or
	// the one year, such as 2024年.
	Years string
	// Cells are the latest report's figures of overviewMetrics, marked
	// where a finding disputes them, without changes or ranks.
	Cells []MetricCell
	// Funds is the latest report's project funds when it gives them but
	// not its 支出合计 (see ProjectFunds), shown under that cell; it is
	// empty otherwise.
	Funds string
}

// overviewMetrics are the columns of a county overview's figures.
var overviewMetrics = metricsByKey("total", "sangong", "score")

// OverviewMetrics returns the metrics of a county overview's columns,
// in order; the caller must not change them.
func OverviewMetrics() []site.Metric { return overviewMetrics }

// countyOverview returns the page of a county whose series have pages of
// their own: the rows of the series in the order of c.Series, the
// departments' in pinyin order as every list of departments is (a
// citizen looks for one department by its name; the table's columns sort
// by figure for whoever compares them).
func countyOverview(c *site.County) *Page {
	d := &OverviewData{County: c, Findings: CountyFindingsOf(c), Rows: make([]OverviewRow, len(c.Series))}
	p := &Page{Path: c.URL, Template: "county-overview", Section: "county", Data: d}
	t := newTexts()
	defer t.done()
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, "部门绩效自评报告"...)
	t.end(&p.Title)
	cells := make([]MetricCell, len(c.Series)*len(overviewMetrics))
	last := ""
	for i, se := range c.Series {
		if se.Department != last {
			d.Departments++
			last = se.Department
		}
		row := &d.Rows[i]
		row.Series = se
		row.Latest = se.Reports[len(se.Reports)-1]
		first := se.Reports[0].Year
		t.buf = strconv.AppendInt(t.buf, int64(first), 10)
		if row.Latest.Year != first {
			t.buf = append(t.buf, "—"...)
			t.buf = strconv.AppendInt(t.buf, int64(row.Latest.Year), 10)
		}
		t.buf = append(t.buf, "年"...)
		t.end(&row.Years)
		t.projectFunds(&row.Funds, row.Latest)
		row.Cells = cells[:len(overviewMetrics):len(overviewMetrics)]
		cells = cells[len(overviewMetrics):]
		for k, m := range overviewMetrics {
			val := Value(m, row.Latest)
			mc := &row.Cells[k]
			mc.Flagged = val.OK && row.Latest.Flagged(m.Keys...)
			if mc.Flagged {
				mc.Slip = slipWords(row.Latest, m.Keys...)
			}
			t.numCell(&mc.Cell, val)
		}
	}
	t.buf = append(t.buf, c.Province...)
	t.buf = append(t.buf, c.Prefecture...)
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, "的"...)
	t.buf = strconv.AppendInt(t.buf, int64(d.Departments), 10)
	t.buf = append(t.buf, "个部门的"...)
	t.buf = strconv.AppendInt(t.buf, int64(len(c.Reports)), 10)
	t.buf = append(t.buf, "份绩效自评报告：各部门最近一年的支出、三公经费和自评得分，以及每个部门历年的数字。"...)
	t.end(&p.Description)
	return p
}

// SeriesData is the model of a series' own page (see site.Series.URL):
// the section the county's page would show for it, and its reports.
type SeriesData struct {
	County *site.County
	// View is the series' section, as a county's page shows it.
	View *SeriesView
	// Reports holds the series' reports, newest first.
	Reports []*site.Report
}

// Series returns the page of a series of a county with series pages.
func Series(c *site.County, se *site.Series) (*Page, error) {
	d := &SeriesData{County: c, Reports: make([]*site.Report, len(se.Reports))}
	for i, r := range se.Reports {
		d.Reports[len(se.Reports)-1-i] = r
	}
	// A county's template: its sections are written for the page's
	// model, the series' (see render's section).
	p := &Page{Path: se.URL, Template: "county", Section: "county", Data: d}
	t := newTexts()
	defer t.done()
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, se.Department...)
	if se.Project != "" {
		t.buf = append(t.buf, se.Project...)
	} else {
		t.buf = append(t.buf, se.Type...)
	}
	t.buf = append(t.buf, "绩效自评报告"...)
	t.end(&p.Title)
	t.buf = append(t.buf, c.Province...)
	t.buf = append(t.buf, c.Prefecture...)
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, se.Department...)
	t.buf = append(t.buf, "的"...)
	t.buf = strconv.AppendInt(t.buf, int64(len(se.Reports)), 10)
	t.buf = append(t.buf, "份"...)
	t.buf = append(t.buf, se.Type...)
	t.buf = append(t.buf, "绩效自评报告"...)
	if se.Project != "" {
		t.buf = append(t.buf, "（"...)
		t.buf = append(t.buf, se.Project...)
		t.buf = append(t.buf, "）"...)
	}
	t.buf = append(t.buf, "：历年支出、三公经费、自评得分及其在同年"...)
	t.buf = append(t.buf, se.Reports[0].Peers.Among()...)
	t.buf = append(t.buf, "中的排名。"...)
	t.end(&p.Description)
	views, cs, err := seriesViews([]*site.Series{se}, t, lendBuffers(p))
	if err != nil {
		return nil, err
	}
	d.View, p.Charts = &views[0], cs
	return p, nil
}
