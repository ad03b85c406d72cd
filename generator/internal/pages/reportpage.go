package pages

import (
	"slices"
	"strconv"
	"sync"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// ReportData is the model of a report page.
type ReportData struct {
	R *site.Report
	// Groups holds the report's figures by group, in display order.
	Groups []FigureGroup
	// Ranks lists the report's place among reports of the same year and
	// type, per metric that applies to its type; it is empty when the
	// report has none of them to rank.
	Ranks []RankRow
	// Checks are the report's check results, but, for a 项目支出 report,
	// those of the rules that could not run for want of figures it does
	// not have (see departmentRules), which OmittedChecks names.
	Checks []check.Result
	// OmittedChecks names the titles of the checks left out of Checks,
	// joined by 、; it is empty when none is.
	OmittedChecks string
	// Others are the county's other reports, newest first; those of the
	// report's series alone when the series has a page of its own (see
	// site.Series.URL), which leads to the others.
	Others []*site.Report
	// Findings are the report's findings beyond notes on disclosure.
	Findings []check.Finding
	// Undisclosed is the disclosure rule's note, if any.
	Undisclosed string
	// Severities counts the Findings by severity (check.Severity), which
	// the page's summary at its top says: how many of the report's
	// figures disagree (不一致), are in doubt (疑点), or differ by
	// rounding (尾差).
	Severities [check.Discrepancy + 1]int
}

// FigureGroup is a titled list of figures.
type FigureGroup struct {
	Title   string
	Figures []Figure
	// Note says, above the group's table, what 不适用 means in it when
	// some of its figures do not apply to the report's type and are not
	// given (see notApplicableNotes); it is empty otherwise.
	Note string
}

// notApplicableNotes says, per group of figures, what 不适用 means there
// for a 项目支出 report, which evaluates one project or one fund rather
// than a department's whole spending.
var notApplicableNotes = map[string]string{
	"支出":   "一个项目或一笔专项资金的支出不再分为基本支出（人员经费、公用经费）和项目支出：这种划分只对整个部门的支出适用，所以标为“不适用”，并不是报告漏报。",
	"三公经费": "三公经费是整个部门的开支，不属于一个项目或一笔专项资金，所以标为“不适用”。",
	"人员":   "编制人数和实有人数是整个部门的，对一个项目或一笔专项资金的报告不适用。",
}

// departmentNotes says, per group of figures, what the figures of a
// department mean on the page of a 项目支出 report that gives them: they
// are shown as given, and are the department's, not the project's, so
// they are not compared with other 项目支出 reports' (see
// site.Metric.AppliesTo).
var departmentNotes = map[string]string{
	"支出":   "基本支出（人员经费、公用经费）和项目支出是整个部门的支出，不是这个项目或这笔资金的：报告给出了，本页照列，但不与其他项目支出报告比较、排名。",
	"三公经费": "三公经费是整个部门的开支，不属于这个项目或这笔资金：报告给出了，本页照列，但不与其他项目支出报告比较、排名。",
	"人员":   "编制人数和实有人数是整个部门的人数，不是这个项目的：报告给出了，本页照列，但不与其他项目支出报告比较、排名，也不用来计算人均数。",
}

// departmentRules are the rules (check.Rules) whose figures are all a
// department's, which a 项目支出 report does not have (check.NotApplicable):
// its page leaves them out when they could not run, rather than list each
// as 未核对 for want of figures marked 不适用.
var departmentRules = []string{"sum.spending", "sum.basic", "sum.sangong", "part.whole", "staff.actual", "unit.sum", "yoy.sangong"}

// projectFundsInfo names a 项目支出 report's income (income): the funds its
// project or fund received (到位资金), as a citizen would call them,
// rather than the department's 本年收入.
var projectFundsInfo = FigureInfo{Key: "income", Group: "项目资金", Label: "项目到位资金", Unit: "万元"}

// projectFundsNote says, above a 项目支出 report's funds, what they are.
const projectFundsNote = "到位资金是财政等拨付给这个项目的钱，说明项目有多少钱可用，不等于实际花了多少（实际支出见上面的“支出合计”）。"

// RankRow is a metric with a report's value and rank.
type RankRow struct {
	// Metric points into site.Metrics, which it must not change.
	Metric *site.Metric
	Value  charts.Cell
	Rank   site.Rank
	// Slip, when set, says what likely slip of a figure of the value
	// leaves it unranked (see site.Metric.Compare and slipWords):
	// 疑为单位错误, or 疑为数字错误 for a count of staff.
	Slip string
	// NotApplicable says the value, given by the report, is not ranked
	// because the metric does not apply to a report of its type (see
	// site.Metric.AppliesTo): a 项目支出 report's 基本支出.
	NotApplicable bool
	// Flagged says a finding of the report's checks disputes a figure
	// the value is computed from (site.Report.Flagged), as its row of
	// figures marks it: the value is ranked, but its rank is in doubt.
	Flagged bool
}

// reportModel holds what every report page's model has, so that it is
// allocated at once: its parts live exactly as long as the page, and
// once the page is written (Page.Written), the model serves another
// page.
type reportModel struct {
	page   Page
	data   ReportData
	figs   [len(figureKeys)]Figure
	groups [figureGroups]FigureGroup
	ranks  [site.MetricCount]RankRow
	charts [len(compositions)]charts.Chart
	// bufs lends the charts the memory of their tables and options.
	bufs charts.Buffers
}

// reportModels holds the models of report pages already written.
var reportModels = sync.Pool{New: func() any { return new(reportModel) }}

// free gives m back for another page: nothing of its page may be used
// after. It keeps only the memory bufs lends, emptied.
func (m *reportModel) free() {
	bufs := m.bufs
	bufs.Reset()
	*m = reportModel{bufs: bufs}
	reportModels.Put(m)
}

// Report returns a report's page. Its Release gives its model back to be
// used again (see Page.Written).
func Report(s *site.Site, r *site.Report) (*Page, error) {
	m := reportModels.Get().(*reportModel)
	d := &m.data
	d.R = r
	// The figures, ranks and description share one string (see texts).
	t := newTexts()
	// The groups are runs of the figures, which are listed group by group.
	figs := m.figs[:]
	figures(r, figs, t)
	// The metrics that apply to the report's type, ranked or not; none
	// when no metric has a value to show.
	d.Ranks = m.ranks[:0]
	shown := false
	for i := range site.Metrics {
		metric := &site.Metrics[i]
		v := Value(*metric, r)
		if v.NotApplicable {
			continue
		}
		d.Ranks = append(d.Ranks, RankRow{Metric: metric, Rank: r.Ranks[i], NotApplicable: !metric.AppliesTo(r.Type)})
		row := &d.Ranks[len(d.Ranks)-1]
		if _, ok := metric.Value(r); ok {
			row.Slip = slipWords(r, metric.Keys...)
			row.Flagged = row.Slip == "" && r.Flagged(metric.Keys...)
		}
		shown = shown || v.OK || v.Unreadable || row.Slip != ""
		t.numCell(&row.Value, v)
	}
	if !shown {
		d.Ranks = nil
	}
	d.Checks = r.Checks
	if r.Type == report.TypeProject {
		d.Checks = nil
		var omitted []byte
		for _, c := range r.Checks {
			if c.Status == check.NotChecked && slices.Contains(departmentRules, c.Rule) {
				if len(omitted) > 0 {
					omitted = append(omitted, "、"...)
				}
				omitted = append(omitted, c.Title...)
				continue
			}
			d.Checks = append(d.Checks, c)
		}
		d.OmittedChecks = string(omitted)
	}
	// Counted first, so that the findings are copied once.
	n := 0
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			if f.Severity != check.Info {
				n++
			}
		}
	}
	if n > 0 {
		d.Findings = make([]check.Finding, 0, n)
	}
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			if f.Severity == check.Info {
				d.Undisclosed = f.Message
				continue
			}
			d.Findings = append(d.Findings, f)
			if f.Severity <= check.Discrepancy {
				d.Severities[f.Severity]++
			}
		}
	}
	for _, o := range others(r) {
		if o.URL != r.URL { // r may be a copy (see site.Site.Full)
			if d.Others == nil {
				d.Others = make([]*site.Report, 0, len(r.County.Reports)-1)
			}
			d.Others = append(d.Others, o)
		}
	}
	p := &m.page
	*p = Page{Path: r.URL, Template: "report", Section: "report",
		Title: r.Heading(),
		Data:  d,
	}
	t.buf = appendDescription(t.buf, r)
	t.end(&p.Description)
	t.done()
	// The groups are made once the figures have their texts: a figure
	// left out moves the others, and t sets each text where it was.
	d.Groups = m.groups[:0]
	start := 0
	for i := range figs {
		if i+1 == len(figs) || figs[i+1].Group != figs[i].Group {
			g := FigureGroup{Title: figs[i].Group, Figures: figs[start : i+1 : i+1]}
			// A figure that does not apply to the report's type, in
			// neither year, is left out: the page says once, above
			// the tables, what a 项目支出 report does not cover.
			kept := g.Figures[:0]
			for _, f := range g.Figures {
				if f.NA && f.Text == "不适用" && (f.Prev == "" || f.Prev == "不适用") {
					continue
				}
				kept = append(kept, f)
			}
			g.Figures = kept
			// Not given, a department's figure reads 不适用; given, it is
			// shown as the department's.
			na, given := false, false
			for j := range g.Figures {
				f := &g.Figures[j]
				if f.NA && f.Text == "不适用" {
					na = true
				} else if check.NotApplicable(r.Type, f.Key) {
					given = true
				}
			}
			switch {
			case given && na:
				g.Note = departmentNotes[g.Title] + "没有给出的标为“不适用”。"
			case given:
				g.Note = departmentNotes[g.Title]
			case na:
				g.Note = notApplicableNotes[g.Title]
			}
			if g.Title == projectFundsInfo.Group {
				g.Note = projectFundsNote
			}
			if len(g.Figures) > 0 {
				d.Groups = append(d.Groups, g)
			}
			start = i + 1
		}
	}
	n = 0
	var years string
	for i := range compositions {
		c, ok, err := compositionChart(r, i, &m.bufs)
		if err != nil {
			return nil, err
		}
		if ok {
			if years == "" {
				y := strconv.Itoa(r.Year)
				years = charts.YearsText(y, y)
			}
			c.Years = years
			m.charts[n] = c
			n++
		}
	}
	if n > 0 {
		p.Charts = m.charts[:n]
	}
	p.Release = m.free
	return p, nil
}

// appendDescription appends the description of a report.
func appendDescription(b []byte, r *site.Report) []byte {
	b = append(b, r.County.Name...)
	b = append(b, r.Department...)
	b = strconv.AppendInt(b, int64(r.Year), 10)
	b = append(b, "年度"...)
	if r.Project != "" {
		// As the default title: the project stands for the type.
		b = append(b, r.Project...)
	} else {
		b = append(b, r.Type...)
	}
	b = append(b, "绩效自评报告："...)
	if r.Spending.Total.Known() {
		b = append(b, "支出合计"...)
		b = charts.AppendFormat(b, r.Spending.Total.V.Wan())
		b = append(b, "万元，"...)
	} else {
		b = append(b, "支出合计未披露，"...)
	}
	if r.Sangong.Total.Known() {
		b = append(b, "三公经费"...)
		b = charts.AppendFormat(b, r.Sangong.Total.V.Wan())
		b = append(b, "万元，"...)
	} else if r.Sangong.Total.State != report.NotDisclosed || !check.NotApplicable(r.Type, "sangong.total") {
		// A 项目支出 report that does not give them has no 三公经费 to
		// speak of: the description leaves them out.
		b = append(b, "三公经费"...)
		b = append(b, NAText(r.Sangong.Total.State)...)
		b = append(b, "，"...)
	}
	if r.Score.Known() {
		b = append(b, "自评得分"...)
		b = charts.AppendFormat(b, r.Score.V)
		b = append(b, "分。"...)
	} else {
		b = append(b, "自评得分未披露。"...)
	}
	return b
}

// compositions are a report's two composition charts: its spending and
// its 三公经费, each its total beside its parts. They are drawn apart
// because a 三公 item is often a thousandth of the spending: on one axis
// its bar would not show.
var compositions = [...]composition{
	{id: "spending-composition", title: "支出构成",
		items: []string{"支出合计", "基本支出", "人员经费", "公用经费", "项目支出"},
		keys:  []string{"spending.total", "spending.basic", "spending.personnel", "spending.public", "spending.project"},
		parts: []int{1, 4}, subs: map[int][]int{1: {2, 3}}, stacked: true},
	{id: "sangong-composition", title: "三公经费构成",
		items: []string{"三公经费合计", "因公出国（境）", "公务接待", "公务用车"},
		keys:  []string{"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles"},
		parts: []int{1, 2, 3}},
}

// composition is a chart of a whole (the first of its items) beside its
// parts.
type composition struct {
	id, title string
	// items name the bars; keys are their figures.
	items, keys []string
	// parts are the items that make the whole, and subs the items that
	// make a part (人员经费 and 公用经费 of 基本支出).
	parts []int
	subs  map[int][]int
	// stacked draws the whole as a bar, then its parts stacked in one
	// bar beside it, and each part's own parts likewise, what the parts
	// leave of their whole a segment of its own (as the compare pages'
	// stacked charts draw it): a part never stands beside its whole as if
	// it were another figure of the same kind. Otherwise each item is a
	// bar of its own, as the items of 三公经费, none a part of another,
	// are.
	stacked bool
}

// GapName names the segment of a stacked bar that its parts leave of
// their whole, as the compare pages' charts name it.
const GapName = "未分项或差额"

// summaryWriter writes a composition's summary (see summary).
type summaryWriter struct {
	b    []byte
	n    int // parts said
	c    *composition
	vals []charts.Value
}

// amount writes item i and its value: 基本支出158.65万元, and
// 项目支出244.7万元（推算） for a value the report does not give
// (charts.Value.Derived), as its cell in the chart's table is marked.
func (w *summaryWriter) amount(i int) {
	w.b = append(w.b, w.c.items[i]...)
	w.b = charts.AppendFormat(w.b, w.vals[i].V)
	w.b = append(w.b, "万元"...)
	if w.vals[i].Derived {
		w.b = append(w.b, "（推算）"...)
	}
}

// sep writes what comes before a part: ，其中 after the whole, 、 between
// parts, ； after a whole not given but said not given.
func (w *summaryWriter) sep() {
	switch {
	case w.n > 0:
		w.b = append(w.b, "、"...)
	case w.vals[0].OK:
		w.b = append(w.b, "，其中"...)
	case len(w.b) > 0:
		w.b = append(w.b, "；"...)
	}
	w.n++
}

// summary says how the parts of the composition make its whole, of
// values vals (one per item): 支出合计1530.53万元，其中基本支出158.65万元
// （人员经费129.55万元、公用经费29.1万元）、项目支出1312万元；分项之和比合计少
// 59.88万元。 Then the items not drawn, and why.
func (c *composition) summary(vals []charts.Value) string {
	// Written into one buffer of the sentence's usual size: report pages
	// are the most numerous.
	var buf [320]byte
	w := summaryWriter{b: buf[:0], c: c, vals: vals}
	if vals[0].OK {
		w.amount(0)
	}
	for _, p := range c.parts {
		var subsBuf [4]int
		subs := subsBuf[:0]
		for _, i := range c.subs[p] {
			if vals[i].OK {
				subs = append(subs, i)
			}
		}
		if !vals[p].OK {
			// Its parts, when given, stand in its place.
			for _, i := range subs {
				w.sep()
				w.amount(i)
			}
			continue
		}
		w.sep()
		w.amount(p)
		for j, i := range subs {
			if j == 0 {
				w.b = append(w.b, "（"...)
			} else {
				w.b = append(w.b, "、"...)
			}
			w.amount(i)
		}
		if len(subs) > 0 {
			w.b = append(w.b, "）"...)
		}
	}
	b := w.b
	// The parts' sum against the whole, when all are given.
	sum, all := 0.0, vals[0].OK
	for _, p := range c.parts {
		all = all && vals[p].OK
		sum += vals[p].V
	}
	if d := charts.Round(vals[0].V - sum); all && d != 0 {
		if d > 0 {
			b = append(b, "；分项之和比合计少"...)
		} else {
			b = append(b, "；分项之和比合计多"...)
			d = -d
		}
		b = charts.AppendFormat(b, d)
		b = append(b, "万元"...)
	}
	if len(b) > 0 {
		b = append(b, "。"...)
	}
	for _, why := range [...]struct {
		text string
		of   func(v charts.Value) bool
	}{
		{"疑为单位错误，图中不画出：", func(v charts.Value) bool { return v.Suspect }},
		{"无法识别：", func(v charts.Value) bool { return v.Unreadable }},
		{"未披露：", func(v charts.Value) bool { return !v.OK && !v.Suspect && !v.Unreadable && !v.NotApplicable }},
	} {
		first := true
		for i, v := range vals {
			if !why.of(v) {
				continue
			}
			if first {
				b = append(b, why.text...)
			} else {
				b = append(b, "、"...)
			}
			first = false
			b = append(b, c.items[i]...)
		}
		if !first {
			b = append(b, "。"...)
		}
	}
	return string(b)
}

// figureValue returns the amount of the dotted name key of r as a chart
// value: NotApplicable when not given and not one a report of its type
// has (see check.NotApplicable), so that the chart's table says 不适用.
func figureValue(r *site.Report, key string) charts.Value {
	m := *r.Amount(key)
	if m.Known() && r.Suspect(key) {
		// A likely unit slip is not drawn, as in every comparison: its
		// bar would flatten the others.
		return slipValue(key)
	}
	v := money(m)
	v.NotApplicable = m.State == report.NotDisclosed && check.NotApplicable(r.Type, key)
	v.Derived = v.OK && r.IsDerived(key)
	return v
}

// compositionChart returns the i-th of a report's composition charts (see
// compositions); false when it discloses none of its figures, or when
// none of its parts applies to the report's type (a 项目支出 report's
// spending is not split into 基本支出 and 项目支出: a bar of the whole
// alone says nothing its figures do not), or, for a stacked chart, when
// none of its parts is given. A part of a stacked chart none of whose own
// parts is given is drawn whole, without a bar of them.
func compositionChart(r *site.Report, i int, bufs *charts.Buffers) (charts.Chart, bool, error) {
	comp := &compositions[i]
	// The values are passed in a scratch rather than a slice of their own:
	// Build keeps none of them.
	sc := getScratch()
	defer sc.release()
	// Drawn when a value other than 0 is known: bars of nothing say
	// nothing the figures' table does not.
	drawn, applies := false, false
	sc.vals = sc.vals[:0]
	for j, k := range comp.keys {
		v := figureValue(r, k)
		drawn = drawn || v.OK && v.V != 0
		applies = applies || j > 0 && !v.NotApplicable
		sc.vals = append(sc.vals, v)
	}
	// A stacked chart of a whole none of whose parts is given would be
	// its whole beside a bar all 未分项或差额: nothing the figures' table
	// does not say, drawn as if the report left the whole unitemized.
	if !drawn || !applies || comp.stacked && !slices.ContainsFunc(comp.parts, func(j int) bool { return sc.vals[j].OK }) {
		return charts.Chart{}, false, nil
	}
	vals := sc.vals
	var gaps [2]charts.Value // of the whole, and of the part with parts
	bars := charts.Bars{ID: comp.id, Title: comp.title, Unit: "万元", Horizontal: true, Say: comp.summary(vals), Buf: bufs}
	if comp.stacked {
		bars.Stack = true
		bars.Categories = make([]string, 0, 2+len(comp.subs))
		bars.Categories = append(bars.Categories, rowLabel(comp, vals, 0))
		bars.Categories = append(bars.Categories, rowLabel(comp, vals, comp.parts...))
		rows := [][]int{{0}, comp.parts}
		gaps[0] = compositionGap(r, comp, 0, comp.parts)
		for _, p := range comp.parts {
			// A part none of whose own parts is given is not split: a bar
			// of it all 未分项或差额 would say the report left it unitemized
			// when it may split it otherwise (祁东's 基本支出 by economic
			// class).
			if subs := comp.subs[p]; subs != nil && slices.ContainsFunc(subs, func(i int) bool { return vals[i].OK }) {
				bars.Categories = append(bars.Categories, rowLabel(comp, vals, subs...))
				rows = append(rows, subs)
				gaps[1] = compositionGap(r, comp, p, subs)
			}
		}
		// A series per item, its value on its own row and blank on the
		// others, then the gaps.
		sc.series = sc.series[:0]
		for j, name := range comp.items {
			s := charts.Series{Name: name, Values: bufs.Values(len(rows))}
			for k, row := range rows {
				s.Values[k] = charts.Value{Blank: true}
				if slices.Contains(row, j) {
					s.Values[k] = vals[j]
				}
			}
			sc.series = append(sc.series, s)
		}
		g := charts.Series{Name: GapName, Values: bufs.Values(len(rows))}
		g.Values[0] = charts.Value{Blank: true}
		for k := 1; k < len(rows); k++ {
			g.Values[k] = gaps[k-1]
		}
		sc.series = append(sc.series, g)
	} else {
		bars.Categories = make([]string, len(comp.items))
		for j := range comp.items {
			bars.Categories[j] = rowLabel(comp, vals, j)
		}
		sc.series = append(sc.series[:0], charts.Series{Name: "金额", Values: vals})
	}
	bars.Series = sc.series
	c, err := bars.Build()
	if err != nil {
		return charts.Chart{}, false, err
	}
	// The table lists the figures, each on its row, and the gaps: the
	// chart's rows of several figures would leave most cells blank.
	// Its rows share one array of cells.
	c.Table.Head = compositionHead
	c.Table.Rows = bufs.Rows(len(vals) + len(gaps))[:0]
	cells := bufs.Cells(2 * (len(vals) + len(gaps)))[:0]
	row := func(label string, v charts.Value) {
		cells = append(cells, charts.Cell{Text: label}, charts.NumCell(v))
		c.Table.Rows = append(c.Table.Rows, cells[len(cells)-2:len(cells):len(cells)])
	}
	for j, v := range vals {
		row(comp.items[j], v)
	}
	for k, g := range gaps {
		if g.OK {
			of := comp.items[0]
			if k == 1 {
				of = comp.items[comp.parts[0]]
			}
			row(of+"中"+GapName, g)
		}
	}
	// A few bars need less than a long chart's height: on a phone the
	// two charts follow each other. A stacked chart has a legend above.
	c.Height = 120 + 40*len(bars.Categories)
	if comp.stacked {
		c.Height += 40
	}
	return c, true, nil
}

// compositionHead is the head of every composition chart's table, which
// pages only read.
var compositionHead = []charts.Col{{Label: "项目"}, {Label: "金额", Num: true}}

// others returns the reports a report's page lists as the county's other
// reports, r among them, newest first: the county's, or, when r's series
// has a page of its own, the series' alone. A county with a page per
// series has many departments: all their reports, on every report's
// page, were a list of hundreds.
func others(r *site.Report) []*site.Report {
	se := r.Series
	if se == nil || se.URL == "" {
		return r.County.Reports
	}
	out := make([]*site.Report, len(se.Reports))
	for i, o := range se.Reports {
		out[len(out)-1-i] = o
	}
	return out
}

// rowLabel names a row of a composition chart by its items, joined by ＋,
// and says below on a line of its own, in brackets, why an item has no
// value, as its cell says it (charts.Cell.SetNumeric): 因公出国（境）
// over （未披露）, or 人员经费＋公用经费 over （公用经费未披露）. On the
// chart an item not disclosed and an item of 0 both draw nothing: the
// label tells them apart. (A line of its own, since a phone cuts a long
// label short.)
func rowLabel(comp *composition, vals []charts.Value, items ...int) string {
	var b []byte
	for k, j := range items {
		if k > 0 {
			b = append(b, "＋"...)
		}
		b = append(b, comp.items[j]...)
	}
	// Why each item has no value, and whether every item has none for
	// the same reason, said then once.
	var whys [8]string
	same := true
	for k, j := range items {
		whys[k] = vals[j].Missing()
		if whys[k] == "" {
			same = false
			continue
		}
		same = same && whys[k] == whys[0]
	}
	first := true
	for k, j := range items {
		if whys[k] == "" {
			continue
		}
		if first {
			b = append(b, "\n（"...)
		} else {
			b = append(b, "、"...)
		}
		if !same || len(items) == 1 {
			if len(items) > 1 {
				b = append(b, comp.items[j]...)
			}
			b = append(b, whys[k]...)
		} else if first {
			b = append(b, "均"...)
			b = append(b, whys[k]...)
		}
		first = false
		if same {
			break
		}
	}
	if !first {
		b = append(b, "）"...)
	}
	return string(b)
}

// compositionGap returns what the items parts of a composition leave of
// their whole, item whole, as the compare pages' stacked charts take it
// (see remainder): a likely unit slip among the parts counts as a part
// not given, and a whole that is one has no gap to tell.
func compositionGap(r *site.Report, comp *composition, whole int, parts []int) charts.Value {
	if r.Suspect(comp.keys[whole]) {
		return charts.Value{Blank: true}
	}
	var ps [4]report.Money
	for k, j := range parts {
		if !r.Suspect(comp.keys[j]) {
			ps[k] = *r.Amount(comp.keys[j])
		}
	}
	gap := remainder(*r.Amount(comp.keys[whole]), ps[:len(parts)]...)
	gap.Derived = gap.OK && (r.IsDerived(comp.keys[whole]) || slices.ContainsFunc(parts, func(j int) bool { return r.IsDerived(comp.keys[j]) }))
	return gap
}
