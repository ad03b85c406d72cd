package pages

import (
	"slices"
	"strconv"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// CountyData is the model of a county page.
type CountyData struct {
	County *site.County
	Series []SeriesView
	// Findings counts the findings of the county's reports that the list
	// of findings holds, by severity (see CountyFindingsOf).
	Findings CountyFindings
}

// SeriesView is one department's reports of one type, for a county page.
type SeriesView struct {
	*site.Series
	// ID is unique within the page.
	ID string
	// Metrics are the columns of Rows; those from PerStaffFrom on are
	// figures per staff member, which the page puts in a table of their
	// own (len(Metrics) when there are none): nine columns of figures,
	// each with its change and rank, scrolled sideways on a wide screen.
	Metrics      []site.Metric
	PerStaffFrom int
	// Rows holds a row per year, newest first.
	Rows []YearRow
	// Charts lists the IDs of the series' trend charts.
	Charts []string
	// NotApplicable lists, for a 项目支出 series, the labels of the
	// county page's metrics that speak of the whole department, such as
	// 基本支出, and that no report of the series gives: its table leaves
	// them out (see check.NotApplicable). It is empty for a series of
	// another type. The metrics per staff member are left out of it:
	// they are in PerStaffNotApplicable.
	NotApplicable []string
	// PerStaffNotApplicable lists, for a 项目支出 series, the labels of
	// the county page's metrics per staff member, which its table leaves
	// out: each divides by the department's staff, which a project's
	// spending is not that of; it is empty for a series of another type.
	PerStaffNotApplicable []string
	// DepartmentFigures lists, for a 项目支出 series, the labels of the Metrics
	// that speak of the whole department but that a report of the series
	// gives anyway: shown as given, they are not ranked among 项目支出
	// reports (see site.Metric.AppliesTo). It is empty otherwise.
	DepartmentFigures []string
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
	// Flagged says a finding of the report's checks concerns a figure
	// the value is computed from.
	Flagged bool
	// Slip, when set, says that finding is a likely slip, and what slip
	// (see slipWords): 疑为单位错误, or 疑为数字错误 for a count of staff.
	Slip string
}

// countyMetrics are the columns of a county page's tables. Every county
// page shares them: pages only read them.
var countyMetrics = metricsByKey("total", "basic", "project", "sangong", "score", "total_per_staff", "sangong_per_staff")

// projectMetrics are the columns of the table of a 项目支出 series whose
// reports give none of the department's figures: the project's spending,
// its funds (site.ProjectFunds) and its score. Columns of the department's
// figures, all 不适用, would say nothing of the project.
var projectMetrics = []site.Metric{site.MetricByKey("total"), site.ProjectFunds, site.MetricByKey("score")}

// seriesMetrics returns the columns of the table of the series se, and,
// for a 项目支出 series, the labels of the county page's metrics it
// leaves out and of those of the department's figures it shows because
// a report of the series gives them (see SeriesView).
func seriesMetrics(se *site.Series) (ms []site.Metric, notApplicable, perStaff, department []string) {
	if se.Type != report.TypeProject {
		return countyMetrics, nil, nil, nil
	}
	ms = projectMetrics
	for _, m := range countyMetrics {
		switch {
		case m.AppliesTo(se.Type):
			continue
		case slices.Contains(m.Keys, "staff.actual"):
			// A project's spending over the department's staff: never
			// shown (see site.Metric.AppliesTo).
			perStaff = append(perStaff, m.Label)
			continue
		}
		label := m.Label
		if m.Key == "project" {
			// Under a heading that ends 项目支出, say which: the
			// column is all the department's projects together.
			label += "（部门全部项目的合计）"
		}
		given := slices.ContainsFunc(se.Reports, func(r *site.Report) bool {
			_, ok := m.Value(r)
			return ok || m.Unreadable(r)
		})
		if !given {
			notApplicable = append(notApplicable, label)
			continue
		}
		if len(department) == 0 {
			ms = slices.Clone(projectMetrics[:2])
		}
		ms = append(ms, m)
		department = append(department, label)
	}
	if len(department) > 0 {
		ms = append(ms, projectMetrics[2:]...)
	}
	return ms[:len(ms):len(ms)], notApplicable, perStaff, department
}

// metricsByKey returns the metrics with the keys, in a slice with no room
// to append to.
func metricsByKey(keys ...string) []site.Metric {
	ms := make([]site.Metric, len(keys))
	for i, k := range keys {
		ms[i] = site.MetricByKey(k)
	}
	return ms[:len(ms):len(ms)]
}

// countyModel holds a county page's model, so that it is allocated at
// once.
type countyModel struct {
	page Page
	data CountyData
}

// County returns a county's page.
func County(s *site.Site, c *site.County) (*Page, error) {
	if c.SeriesPages() {
		return countyOverview(c), nil
	}
	model := new(countyModel)
	d, p := &model.data, &model.page
	d.County, d.Findings = c, CountyFindingsOf(c)
	*p = Page{Path: c.URL, Template: "county", Section: "county", Data: d}
	// The title, the description, the series' IDs and the cells' figures
	// and changes share one string (see texts).
	t := newTexts()
	defer t.done()
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, "部门绩效自评报告"...)
	t.end(&p.Title)
	// Where the county is (its province and prefecture, those known),
	// then its name.
	t.buf = append(t.buf, c.Province...)
	t.buf = append(t.buf, c.Prefecture...)
	t.buf = append(t.buf, c.Name...)
	t.buf = append(t.buf, "的"...)
	t.buf = strconv.AppendInt(t.buf, int64(len(c.Reports)), 10)
	t.buf = append(t.buf, "份部门绩效自评报告：历年支出、三公经费、自评得分及其在同年各县同类部门中的排名。"...)
	t.end(&p.Description)
	var err error
	d.Series, p.Charts, err = seriesViews(c.Series, t, lendBuffers(p))
	if err != nil {
		return nil, err
	}
	return p, nil
}

// seriesViews returns the views of the series ses, shown on one page in
// that order, and their trend charts, the page's charts, built in bufs;
// their IDs and the cells' figures and changes are left to t. A county's
// page shows every series of the county, a series' page its own alone:
// the code that makes them is this one.
func seriesViews(ses []*site.Series, t *texts, bufs *charts.Buffers) ([]SeriesView, []charts.Chart, error) {
	var views []SeriesView
	if len(ses) > 0 {
		views = make([]SeriesView, len(ses))
	}
	// The rows, cells, changes and charts of all the page's series are
	// counted first, so that each is allocated once for the page rather
	// than series by series.
	rowCount, cellCount, deltaCount, trendCount := 0, 0, 0, 0
	for i, se := range ses {
		v := &views[i]
		v.Series = se
		v.Metrics, v.NotApplicable, v.PerStaffNotApplicable, v.DepartmentFigures = seriesMetrics(se)
		v.PerStaffFrom = len(v.Metrics)
		for k, m := range v.Metrics {
			if slices.Contains(m.Keys, "staff.actual") {
				v.PerStaffFrom = k
				break
			}
		}
		rowCount += len(se.Reports)
		cellCount += len(se.Reports) * len(v.Metrics)
		for _, r := range se.Reports {
			if r.Prev != nil {
				deltaCount += len(v.Metrics)
			}
		}
		if len(se.Reports) >= 2 {
			trendCount++
		}
	}
	rows := make([]YearRow, rowCount)
	cells := make([]MetricCell, cellCount)
	var deltas []Delta
	if deltaCount > 0 {
		deltas = make([]Delta, 0, deltaCount)
	}
	var trends trendOut
	if trendCount > 0 {
		trends = newTrendOut(trendCount, bufs)
	}
	for i, se := range ses {
		v := &views[i]
		ms := v.Metrics
		t.buf = append(t.buf, 's')
		t.buf = strconv.AppendInt(t.buf, int64(i+1), 10)
		t.end(&v.ID)
		// A row per year, newest first.
		v.Rows = rows[:len(se.Reports):len(se.Reports)]
		rows = rows[len(se.Reports):]
		for j := range v.Rows {
			r := se.Reports[len(se.Reports)-1-j]
			row := &v.Rows[j]
			row.R = r
			row.Cells = cells[:len(ms):len(ms)]
			cells = cells[len(ms):]
			for k, m := range ms {
				// A 项目支出 report has no 基本支出 or 三公经费 of its
				// own: not given, they do not apply (see Value), as the
				// disclosure page says.
				val := Value(m, r)
				mc := &row.Cells[k]
				mc.Rank = r.Rank(m.Key)
				mc.Flagged = val.OK && r.Flagged(m.Keys...)
				if mc.Flagged {
					mc.Slip = slipWords(r, m.Keys...)
				}
				t.numCell(&mc.Cell, val)
				// No change from or to a likely unit slip (see
				// site.Metric.Compare).
				if _, comparable := m.Compare(r); r.Prev != nil && comparable {
					if pv, ok := m.Compare(r.Prev); ok {
						deltas = append(deltas, Delta{})
						mc.Delta = &deltas[len(deltas)-1]
						// A score's change is in points, without a
						// share; an amount's unit is in the header.
						unit := ""
						if m.Unit == "分" {
							unit = m.Unit
						}
						setDeltaOf(mc.Delta, val.V, pv, unit, t)
					}
				}
			}
		}
		if len(se.Reports) >= 2 {
			ids, err := trends.add(i+1, se)
			if err != nil {
				return nil, nil, err
			}
			v.Charts = ids
		}
	}
	if len(trends.charts) > 0 {
		return views, trends.charts, nil
	}
	return views, nil, nil
}

// trendDef is one of the trend charts of a county page's series.
type trendDef struct {
	id, title, unit string
	metrics         []site.Metric
	// staffTitle and staffUnit, when set, are those of the chart's view
	// per staff member.
	staffTitle, staffUnit string
}

// trendDefs are the trend charts of a series: spending, 三公经费 and score.
var trendDefs = [...]trendDef{
	perStaffTrend("spending", "历年支出", "万元", "total", "basic", "project"),
	perStaffTrend("sangong", "历年三公经费", "万元", "sangong"),
	{id: "score", title: "历年自评得分", unit: "分", metrics: metricsByKey("score")},
}

// projectTrendDefs are the trend charts of a 项目支出 series: the
// project's spending with its funds (site.ProjectFunds), which may be all
// its reports give, 三公经费 when given, and score, with no view per staff
// member (see site.Metric.AppliesTo).
var projectTrendDefs = [len(trendDefs)]trendDef{
	{id: "spending", title: "历年支出与到位资金", unit: "万元", metrics: projectMetrics[:2:2]},
	{id: "sangong", title: "历年三公经费", unit: "万元", metrics: metricsByKey("sangong")},
	trendDefs[2],
}

// perStaffTrend returns a trend chart with a view per staff member, whose
// title and unit are those withPerStaff gives it.
func perStaffTrend(id, title, unit string, keys ...string) trendDef {
	return trendDef{id: id, title: title, unit: unit, metrics: metricsByKey(keys...),
		staffTitle: title + "（人均）", staffUnit: unit + "/人"}
}

// trendStaffViews is the number of trendDefs with a view per staff member.
var trendStaffViews = func() int {
	n := 0
	for _, d := range trendDefs {
		if d.staffTitle != "" {
			n++
		}
	}
	return n
}()

// trendOut collects the trend charts of a county page's series: the
// page's charts, their IDs and their views per staff member, each in one
// array made for the page.
type trendOut struct {
	charts []charts.Chart
	ids    []string
	alts   []charts.Alt
	// bufs lends the charts their tables' and options' memory.
	bufs *charts.Buffers
}

// newTrendOut returns a trendOut with room for the trend charts of as many
// series, built in bufs.
func newTrendOut(series int, bufs *charts.Buffers) trendOut {
	return trendOut{
		charts: make([]charts.Chart, 0, series*len(trendDefs)),
		ids:    make([]string, 0, series*len(trendDefs)),
		alts:   make([]charts.Alt, 0, series*trendStaffViews),
		bufs:   bufs,
	}
}

// add draws a series, the page's nth, over its years: it appends its
// trend charts, those with values, and returns their IDs.
func (o *trendOut) add(n int, se *site.Series) ([]string, error) {
	defs := &trendDefs
	if se.Type == report.TypeProject {
		defs = &projectTrendDefs
	}
	first, last := se.Reports[0].Year, se.Reports[len(se.Reports)-1].Year
	sc := getScratch()
	defer sc.release()
	// byYear holds the series' report of each year, nil for a gap.
	byYear := slices.Grow(sc.reports[:0], last-first+1)[:last-first+1]
	clear(byYear)
	sc.reports = byYear
	for _, r := range se.Reports {
		byYear[r.Year-first] = r
	}
	years := yearRange(first, last)
	// The IDs of the charts, such as s1-spending, and of their views,
	// such as s1-spending-by-staff, share one string: a chart's ID starts
	// its view's.
	var buf [256]byte
	b := buf[:0]
	var starts, mids, ends [len(trendDefs)]int
	for i, d := range defs {
		starts[i] = len(b)
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, '-')
		b = append(b, d.id...)
		mids[i] = len(b)
		if d.staffTitle != "" {
			b = append(b, "-by-staff"...)
		}
		ends[i] = len(b)
	}
	text := string(b)
	first0 := len(o.ids)
	for i := range defs {
		d := &defs[i]
		base := charts.Bars{ID: text[starts[i]:mids[i]], Title: d.title, Unit: d.unit, Categories: years, Line: true,
			Series: sc.trendSeries(byYear, d.metrics, false), Buf: o.bufs}
		if !hasValue(base.Series) {
			continue
		}
		c, err := base.Build()
		if err != nil {
			return nil, err
		}
		if d.staffTitle != "" {
			// The view is built once the chart is: they share the scratch.
			view := base
			view.ID, view.Title, view.Unit = text[starts[i]:ends[i]], d.staffTitle, d.staffUnit
			view.Series = sc.trendSeries(byYear, d.metrics, true)
			view.More = site.PerStaffBasis + "。"
			vc, err := view.Build()
			if err != nil {
				return nil, err
			}
			o.alts = append(o.alts, charts.Alt{Key: "per-staff", Label: "人均", Chart: vc})
			c.Alt = o.alts[len(o.alts)-1 : len(o.alts) : len(o.alts)]
		}
		o.charts = append(o.charts, c)
		o.ids = append(o.ids, c.ID)
	}
	if len(o.ids) == first0 {
		return nil, nil
	}
	return o.ids[first0:len(o.ids):len(o.ids)], nil
}

// trendSeries makes s's series and values those of the metrics over the
// years of byYear (nil for a gap), per staff member when per is set, and
// returns the series.
func (s *chartScratch) trendSeries(byYear []*site.Report, ms []site.Metric, per bool) []charts.Series {
	n := len(byYear)
	s.vals = slices.Grow(s.vals[:0], len(ms)*n)[:len(ms)*n]
	clear(s.vals)
	s.series = s.series[:0]
	for i, m := range ms {
		vals := s.vals[i*n : (i+1)*n : (i+1)*n]
		for y, r := range byYear {
			if r != nil {
				v := compared(m, r) // a likely unit slip is not drawn
				if per {
					v = perStaff(v, r)
				}
				vals[y] = v
			}
		}
		s.series = append(s.series, charts.Series{Name: m.Label, Values: vals})
	}
	return s.series
}

// firstYearText is the first of yearTexts.
const firstYearText = 1990

// yearTexts holds the years from firstYearText on as text, sharing one
// string. Every trend chart takes its categories from it: Build only
// reads them.
var yearTexts = yearLabels(firstYearText, 2100)

// yearRange returns the years from first to last as text.
func yearRange(first, last int) []string {
	if first >= firstYearText && last < firstYearText+len(yearTexts) && first <= last {
		return yearTexts[first-firstYearText : last-firstYearText+1 : last-firstYearText+1]
	}
	return yearLabels(first, last)
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
