package pages

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
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
	// Table is the county-by-year table of the page across years: the
	// rows of this page of it, CountyTableSize at most.
	Table *charts.Table
	// Pager places this page among the pages across years; the charts
	// are on the first.
	Pager Pager
	// Explorer is the chart whose metric and counties the reader chooses.
	Explorer *Explorer
	// Kind is the kind of department compared, on a year's page of one
	// kind (see CompareKind); nil on a year's page of every department
	// and across years.
	Kind *site.Peers
	// Kinds are the year's kinds of department that have a compare page
	// of their own (see HasComparePage), in pinyin order, on a year's
	// pages: the links that choose a kind.
	Kinds []*site.Peers
	// OtherYears lead to the other years' pages, on a year's pages: of
	// the same kind of department on a kind's page, where that year has
	// one, and otherwise of every department.
	OtherYears []YearLink
	// Mixed says that the year's reports come from more than one kind of
	// department, which the page of every department compares together;
	// on the page across years, that some year's do, whose averages then
	// mix kinds.
	Mixed bool
	// Flagged says that a chart of the page names a report with
	// charts.FlagMark, which the page then explains.
	Flagged bool
	// Alone, on a year's page of every department, is the year's one
	// whole-department report when it has no other: the page then draws
	// no chart of one bar, and says so.
	Alone *site.Report
	// Caveat, on the first page across years, says that the years hold
	// reports of different counties or departments, so that a change
	// between years is not read as a trend (see yearsCaveat); empty when
	// every year holds the same ones.
	Caveat string
}

// YearLink is a link to a year's page.
type YearLink struct {
	Year int
	// Path is the page's path from the site root.
	Path string
}

// byMetric sorts reports by a metric, highest first, unknown last, then by
// label.
func byMetric(rs []*site.Report, m site.Metric) []*site.Report {
	if rs == nil {
		return nil
	}
	// Each report's value is computed once before sorting: the comparator
	// would otherwise compute two per comparison.
	buf := metricSorts.Get().(*[]metricSort)
	ks := slices.Grow((*buf)[:0], len(rs))
	for _, r := range rs {
		v, ok := m.Compare(r)
		ks = append(ks, metricSort{r: r, v: v, ok: ok})
	}
	slices.SortStableFunc(ks, compareMetricSort)
	out := make([]*site.Report, len(ks))
	for i := range ks {
		out[i] = ks[i].r
	}
	clear(ks) // so that the pool does not keep reports alive
	*buf = ks[:0]
	metricSorts.Put(buf)
	return out
}

// metricSort is a report with its value of the metric it is sorted by.
type metricSort struct {
	r  *site.Report
	v  float64
	ok bool
}

// metricSorts holds the buffers byMetric sorts in.
var metricSorts = sync.Pool{New: func() any { return new([]metricSort) }}

// compareMetricSort is byMetric's order: known values first, then the
// highest value, then by county slug and department. (Unknown values are
// compared too, as they always were.)
func compareMetricSort(a, b metricSort) int {
	if a.ok != b.ok {
		if a.ok {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(b.v, a.v); c != 0 {
		return c
	}
	if c := cmp.Compare(a.r.County.Slug, b.r.County.Slug); c != 0 {
		return c
	}
	if c := site.CompareNames(a.r.Department, b.r.Department); c != 0 || a.r.Project == b.r.Project {
		return c
	}
	return site.CompareNames(a.r.Project, b.r.Project)
}

// topByMetric returns what top(byMetric(rs, m), m) returns, without sorting
// every report when there are more than ChartMax: it keeps the highest
// ChartMax in order as it goes, which a year of thousands of reports
// passes with one comparison each.
func topByMetric(rs []*site.Report, m site.Metric) ([]*site.Report, string) {
	k := ChartMax
	if len(rs) <= k || k <= 0 {
		return top(byMetric(rs, m), m)
	}
	buf := metricSorts.Get().(*[]metricSort)
	best := slices.Grow((*buf)[:0], k)
	known := 0
	for _, r := range rs {
		v, ok := m.Compare(r)
		if ok {
			known++
		}
		e := metricSort{r: r, v: v, ok: ok}
		// Among equals, the one met first stays first, as in the stable
		// sort of byMetric: a later one goes after them.
		n := len(best)
		if n == k && compareMetricSort(e, best[n-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, e, func(b, e metricSort) int {
			if compareMetricSort(b, e) <= 0 {
				return -1
			}
			return 1
		})
		if n < k {
			best = append(best, metricSort{})
		}
		copy(best[at+1:], best[at:len(best)-1])
		best[at] = e
	}
	out := make([]*site.Report, 0, len(best))
	for i := range best {
		if best[i].ok || !best[0].ok {
			out = append(out, best[i].r)
		}
	}
	clear(best) // so that the pool does not keep reports alive
	*buf = best[:0]
	metricSorts.Put(buf)
	return out, topNote(len(rs), known, len(out))
}

// knownOf counts the reports of rs that have the metric m.
func knownOf(rs []*site.Report, m site.Metric) int {
	n := 0
	for _, r := range rs {
		if _, ok := m.Compare(r); ok {
			n++
		}
	}
	return n
}

// topNote is the note of the title of a chart that shows shown of all
// reports, known of which have the figure: only those are shown, at most
// ChartMax. It counts reports by 份; see withNote.
func topNote(all, known, shown int) string {
	if known < shown || known == 0 {
		return fmt.Sprintf("共%d份，显示最高的%d份", all, shown) // none has the figure
	}
	if known > shown {
		return fmt.Sprintf("%d份有数据，显示最高的%d份", known, shown)
	}
	return fmt.Sprintf("%d份中%d份有数据", all, known)
}

// withNote returns a chart's title with a note in brackets, or, when the
// title ends in a bracket already, inside that bracket after a "；", so
// that a title never has two brackets in a row: 自评得分（108份有数据，…）,
// 支出合计（基本支出与项目支出；118份有数据，…）. An empty note leaves the
// title as it is.
func withNote(title, note string) string {
	if note == "" {
		return title
	}
	if t, ok := strings.CutSuffix(title, "）"); ok {
		return t + "；" + note + "）"
	}
	return title + "（" + note + "）"
}

// extent returns what the summary of a chart of shown, the highest of rs
// by m, says of all of them (see charts.Extent), or nil when the chart
// shows them all. keys are the figures the chart's labels flag.
func extent(name namer, rs []*site.Report, m site.Metric, shown []*site.Report, keys ...string) *charts.Extent {
	if len(rs) <= len(shown) {
		return nil
	}
	e := &charts.Extent{}
	var hi, lo float64
	var lowest *site.Report
	last, above := math.NaN(), 0 // the last shown value, and how many are higher
	if len(shown) > 0 {
		if v, ok := m.Compare(shown[len(shown)-1]); ok {
			last = charts.Shown(v)
		}
	}
	for _, r := range rs {
		v, ok := m.Compare(r)
		if !ok {
			continue
		}
		v = charts.Shown(v)
		e.Known++
		switch {
		case v == last:
			e.CutTies++
		case v > last:
			above++
		}
		switch {
		case e.Known == 1 || v > hi:
			hi, e.HighTies = v, 1
		case v == hi:
			e.HighTies++
		}
		switch {
		case e.Known == 1 || v < lo:
			lo, e.LowTies, lowest = v, 1, r
		case v == lo:
			e.LowTies++
			if compareMetricSort(metricSort{r: r, ok: true}, metricSort{r: lowest, ok: true}) < 0 {
				lowest = r
			}
		}
	}
	if e.Known <= len(shown) {
		return nil // the chart shows every report with the figure
	}
	e.CutValue, e.CutShown = last, len(shown)-above
	names, _ := labels(name, []*site.Report{lowest}, keys...)
	e.Lowest, e.LowestValue, e.LowestDerived = names[0], lo, lowest.IsDerived(m.Keys...)
	return e
}

// namer names a report in the charts, tables and explorer of a page.
type namer func(*site.Report) string

// fullNames names each report by its Label (site.Report.Label).
var fullNames namer = (*site.Report).Label

// namesFor returns how the compare page of the kind of department k (nil
// for a page of every department) names its reports rs: by their county
// alone when every one's label is its county's and the one department
// they all have (甲县·财政局 on the page of 财政 departments, where the
// department says nothing and a phone cut long names short), otherwise
// by Label. A kind of several department names (教育局, 教育和体育局),
// or a label naming a project, keeps Label.
func namesFor(k *site.Peers, rs []*site.Report) namer {
	if k == nil || len(rs) == 0 {
		return fullNames
	}
	dept := rs[0].Department
	for _, r := range rs {
		if r.Department != dept || r.Label() != r.County.Label+"·"+dept {
			return fullNames
		}
	}
	return func(r *site.Report) string { return r.County.Label }
}

// labels names the reports of a chart, by name, marking those whose
// figures under keys disagree with each other (charts.FlagMark).
func labels(name namer, rs []*site.Report, keys ...string) (names, links []string) {
	if len(rs) == 0 {
		return nil, nil
	}
	names, links = make([]string, 0, len(rs)), make([]string, 0, len(rs))
	for _, r := range rs {
		label := name(r)
		if r.Flagged(keys...) {
			label += charts.FlagMark
		}
		names = append(names, label)
		links = append(links, r.URL)
	}
	return names, links
}

func money(m report.Money) charts.Value {
	return charts.Value{V: m.V.Wan(), OK: m.Known(), Unreadable: m.State == report.Unreadable}
}

// anyPartKnown reports whether any of ms is known.
func anyPartKnown(ms []report.Money) bool {
	return slices.ContainsFunc(ms, report.Money.Known)
}

// overName says that a report's parts add up to more than its whole.
const overName = "分项之和超出合计"

// shownParts appends to dst the parts of r that parts gives, each part
// left out as a likely unit slip (keys[1:] are the parts' keys) taken as
// not disclosed.
func shownParts(dst []report.Money, r *site.Report, keys []string, parts func([]report.Money, *site.Report) []report.Money) []report.Money {
	n := len(dst)
	dst = parts(dst, r)
	for i := range dst[n:] {
		if r.Suspect(keys[1+i]) {
			dst[n+i] = report.Money{}
		}
	}
	return dst
}

// sumKnown returns the sum of the disclosed amounts.
func sumKnown(ms []report.Money) report.Amount {
	var sum report.Amount
	for _, m := range ms {
		if m.Known() {
			sum += m.V
		}
	}
	return sum
}

// exceeds reports whether the disclosed parts add up to more than the
// whole by more than rounding: 0.01 万元 a part, as the checks allow
// (check's sum rules, whose finding the report then has).
func exceeds(whole report.Money, parts []report.Money) bool {
	return whole.Known() && sumKnown(parts)-whole.V > report.FenPerWan/100*report.Amount(len(parts))
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

// compared returns the metric of r as charts compare it: as Value does,
// but a likely unit slip (see site.Metric.Compare) is left out, and its
// cell says so.
func compared(m site.Metric, r *site.Report) charts.Value {
	v := Value(m, r)
	if key := r.SlipKey(m.Keys...); v.OK && key != "" {
		return slipValue(key)
	}
	return v
}

// ChartMax is the most reports a compare chart shows: with more, it shows
// the highest ChartMax, says so in its title, and leaves the rest to the
// explorer and the downloads.
var ChartMax = 40

// top keeps the first ChartMax reports and says in a title suffix when it
// left any out.
func top(sorted []*site.Report, m site.Metric) ([]*site.Report, string) {
	if len(sorted) <= ChartMax {
		return sorted, ""
	}
	known := knownOf(sorted, m)
	shown := sorted[:ChartMax]
	if known > 0 && known < ChartMax {
		shown = sorted[:known] // the rest have no figure to show
	}
	return shown, topNote(len(sorted), known, len(shown))
}

// perStaff divides a value by the report's actual staff; it is missing
// when the staff number is, and does not apply to a report whose type has
// no staff of its own (as site's per-staff metrics).
func perStaff(v charts.Value, r *site.Report) charts.Value {
	if check.NotApplicable(r.Type, "staff.actual") {
		return charts.Value{NotApplicable: true}
	}
	staff := r.Staff.Actual
	if !v.OK || !staff.Known() || staff.V == 0 {
		unreadable := v.Unreadable || v.OK && staff.State == report.Unreadable
		return charts.Value{Blank: v.Blank, Unreadable: unreadable, Suspect: v.Suspect, NoStaff: v.OK && !unreadable}
	}
	out := charts.Some(site.PerStaff(v.V, staff.V))
	out.Undrawn = v.Undrawn
	out.Derived = v.Derived || r.IsDerived("staff.actual")
	return out
}

// withPerStaff builds a chart from bars(false), with a view per staff
// member from bars(true), whose title says 人均 itself, when perStaff is
// set (see perStaffFits).
func withPerStaff(perStaff bool, bars func(perStaff bool) charts.Bars) (charts.Chart, error) {
	c, err := bars(false).Build()
	if err != nil || !perStaff {
		return c, err
	}
	b := bars(true)
	b.ID += "-by-staff"
	b.Unit += "/人"
	b.More = site.PerStaffBasis + "。"
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
// report's figures, and a report whose parts add up to more than its
// whole is drawn as its whole in one piece. parts appends a report's
// parts to its first argument, which serves report after report. With
// withStaff, the chart has a view per staff member (see perStaffFits).
func stacked(name namer, id, title string, rs []*site.Report, withStaff bool, metric string, keys []string, names []string,
	whole func(*site.Report) report.Money, parts func([]report.Money, *site.Report) []report.Money) (charts.Chart, error) {
	return withPerStaff(withStaff, func(per bool) charts.Bars {
		m := site.MetricByKey(metric)
		if per {
			m = site.MetricByKey(metric + "_per_staff")
		}
		sorted, note := topByMetric(rs, m)
		t := title
		if per {
			t = withNote(t, "人均")
		}
		t = withNote(t, note)
		cats, links := labels(name, sorted, keys...)
		// A report whose parts add up to more than its whole, beyond
		// rounding, cannot be stacked to its whole's length: its bar is
		// the whole in one piece, its parts and their excess are in the
		// table (the excess as a negative 未分项或差额), and its label
		// says why.
		var ps []report.Money
		over := make([]bool, len(sorted))
		anyOver := false
		for i, r := range sorted {
			// A report that gives parts but not their whole is drawn
			// last (it cannot be ranked), yet its parts make a bar that
			// may be longer than those above it: its label says why.
			ps = shownParts(ps[:0], r, keys, parts)
			if w := whole(r); !w.Known() && !r.Suspect(keys[0]) && anyPartKnown(ps) {
				if w.State == report.Unreadable {
					cats[i] += "（合计无法识别）"
				} else {
					cats[i] += "（合计未披露）"
				}
			}
			if !r.Suspect(keys[0]) && exceeds(whole(r), ps) {
				cats[i] += "（" + overName + "）"
				over[i], anyOver = true, true
			}
			// A report that gives neither the whole nor a part draws no
			// bar: its label says why (see whyNoBar).
			if !anyPartKnown(ps) {
				cats[i] = whyNoBar(cats[i], compared(m, r))
			}
		}
		n := len(names) + 1
		if anyOver {
			n++
		}
		series := make([]charts.Series, n)
		for i, n := range names {
			series[i].Name = n
		}
		series[len(names)].Name = GapName
		if anyOver {
			series[n-1] = charts.Series{Name: "合计（" + overName + "）", ChartOnly: true}
		}
		var total []charts.Value
		if len(sorted) > 0 {
			// Every series' values, and the totals, share one array.
			vals := make([]charts.Value, (len(series)+1)*len(sorted))
			for i := range series {
				series[i].Values = vals[:0:len(sorted)]
				vals = vals[len(sorted):]
			}
			total = vals[:0:len(sorted)]
		}
		var vals []charts.Value
		for j, r := range sorted {
			ps = shownParts(ps[:0], r, keys, parts)
			vals = vals[:0]
			for i := range ps {
				v := money(ps[i])
				if r.Suspect(keys[1+i]) {
					// Left out, and for the remainder taken as a part not
					// disclosed: the bar keeps the whole's length.
					v = charts.Value{Suspect: true}
				}
				v.Undrawn = over[j] && v.OK
				v.Derived = v.OK && r.IsDerived(keys[1+i])
				vals = append(vals, v)
			}
			w := whole(r)
			t, rest := money(w), remainder(w, ps...)
			if r.Suspect(keys[0]) {
				t, rest = charts.Value{Suspect: true}, charts.Value{Blank: true} // no gap to tell
			}
			if over[j] {
				rest = charts.Value{V: (w.V - sumKnown(ps)).Wan(), OK: true, Undrawn: true}
			}
			// What the whole leaves of its parts is as derived as they are.
			t.Derived = t.OK && r.IsDerived(keys[0])
			rest.Derived = rest.OK && r.IsDerived(keys...)
			vals = append(vals, rest)
			if anyOver {
				drawn := charts.Value{Blank: true}
				if over[j] {
					drawn = t
				}
				vals = append(vals, drawn)
			}
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
		return charts.Bars{ID: id, Title: t, Unit: "万元", Categories: cats, Links: links,
			Series: series, Total: total, Stack: true, Horizontal: true, All: extent(name, rs, m, sorted, keys...), Measure: "份"}
	})
}

// spendingChart is the stacked chart of the reports' 支出合计, with a view
// per staff member when perStaff is set (see perStaffFits).
func spendingChart(name namer, id, title string, rs []*site.Report, perStaff bool) (charts.Chart, error) {
	return stacked(name, id, title, rs, perStaff, "total", []string{"spending.total", "spending.basic", "spending.project"},
		[]string{"基本支出", "项目支出"},
		func(r *site.Report) report.Money { return r.Spending.Total },
		func(dst []report.Money, r *site.Report) []report.Money {
			return append(dst, r.Spending.Basic, r.Spending.Project)
		})
}

// sangongChart is the stacked chart of the reports' 三公经费, with a view
// per staff member when perStaff is set (see perStaffFits).
func sangongChart(name namer, id, title string, rs []*site.Report, perStaff bool) (charts.Chart, error) {
	return stacked(name, id, title, rs, perStaff, "sangong", []string{"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles"},
		[]string{"因公出国（境）", "公务接待", "公务用车"},
		func(r *site.Report) report.Money { return r.Sangong.Total },
		func(dst []report.Money, r *site.Report) []report.Money {
			return append(dst, r.Sangong.Abroad, r.Sangong.Reception, r.Sangong.Vehicles)
		})
}

// metricChart is the bar chart of the reports rs by m, the highest of
// them, with more said after its summary (see charts.Bars.More).
func metricChart(name namer, id, title string, m site.Metric, rs []*site.Report, more string) (charts.Chart, error) {
	shown, note := topByMetric(rs, m)
	names, links := labels(name, shown, metricKeys[m.Key]...)
	var vals []charts.Value
	if len(shown) > 0 {
		vals = make([]charts.Value, len(shown))
	}
	for i, r := range shown {
		vals[i] = compared(m, r)
		names[i] = whyNoBar(names[i], vals[i])
	}
	return charts.Bars{ID: id, Title: withNote(title, note), Unit: m.Unit, Categories: names, Links: links,
		Series: []charts.Series{{Name: m.Label, Values: vals}}, Horizontal: true,
		All: extent(name, rs, m, shown, metricKeys[m.Key]...), Measure: "份", More: more}.Build()
}

// whyNoBar returns the label name of a report whose value v the chart
// draws, followed, when v has no number, by why on a line of its own
// (乙县 over （未披露）): no bar is drawn, as none would be for 0, and the
// label tells them apart, as a report's composition chart does (see
// rowLabel). The chart's table shows the first line, and says why in its
// cell.
func whyNoBar(name string, v charts.Value) string {
	if why := v.Missing(); why != "" {
		return name + "\n（" + why + "）"
	}
	return name
}

// metricKeys names the figures each metric is computed from.
var metricKeys = map[string][]string{
	"score":             {"score", "grade"},
	"total_per_staff":   {"spending.total", "staff.actual"},
	"sangong_per_staff": {"sangong.total", "staff.actual"},
}

func anyKnown(rs []*site.Report, m site.Metric) bool {
	for _, r := range rs {
		if _, ok := m.Compare(r); ok {
			return true
		}
	}
	return false
}

// CompareYear returns the compare page of one year, which compares the
// whole-department reports of every department.
func CompareYear(s *site.Site, year int) (*Page, error) {
	rs := wholeReports(s.ByYear[year])
	return compareYear(s, year, nil, rs, &Page{Path: ComparePath(year), Template: "compare", Section: "compare",
		Title:       fmt.Sprintf("%d年各县部门整体支出比较", year),
		Description: fmt.Sprintf("%d年%d份部门整体支出绩效自评报告的支出、三公经费、自评得分和人均数比较。", year, len(rs)),
	})
}

// CompareKind returns the compare page of one kind of department in a
// year (see HasComparePage): its reports alone, compared as a year's page
// compares every report.
func CompareKind(s *site.Site, k *site.Peers) (*Page, error) {
	label := k.Kind.Label()
	return compareYear(s, k.Year, k, k.Reports, &Page{Path: CompareKindPath(k), Template: "compare", Section: "compare",
		Title:       fmt.Sprintf("%d年各县%s整体支出比较", k.Year, label),
		Description: fmt.Sprintf("%d年各县%s的%d份部门整体支出绩效自评报告的支出、三公经费、自评得分和人均数比较。", k.Year, label, len(k.Reports)),
	})
}

// compareYear fills the compare page p of the year's whole-department
// reports rs, of the kind k or, when k is nil, of every department.
func compareYear(s *site.Site, year int, k *site.Peers, rs []*site.Report, p *Page) (*Page, error) {
	d := &CompareData{Site: s, Year: year, Reports: rs, Kind: k, Mixed: len(s.Kinds[year]) > 1}
	for _, o := range s.Kinds[year] {
		if HasComparePage(o) {
			d.Kinds = append(d.Kinds, o)
		}
	}
	for _, y := range s.Years {
		if y == year {
			continue
		}
		link := YearLink{y, ComparePath(y)}
		if k != nil {
			for _, o := range s.Kinds[y] {
				if o.Kind == k.Kind && HasComparePage(o) {
					link.Path = CompareKindPath(o)
				}
			}
		}
		d.OtherYears = append(d.OtherYears, link)
	}
	if len(rs) == 1 && k == nil {
		d.Alone = rs[0]
		p.Data = d
		return p, nil
	}
	perStaff := perStaffFits(s, year, k) // and the page says when not
	name := namesFor(k, rs)
	ex, err := newExplorer(name, rs, perStaff)
	if err != nil {
		return nil, err
	}
	d.Explorer = ex
	p.Data = d
	type spec struct {
		id, title, metric string
		build             func(name namer, id, title string, rs []*site.Report, perStaff bool) (charts.Chart, error)
	}
	specs := []spec{
		{"spending", "支出合计（基本支出与项目支出）", "total", spendingChart},
		{"sangong", "三公经费（出国（境）、接待、公务用车）", "sangong", sangongChart},
		{"score", "自评得分", "score", nil},
		{"total-per-staff", "人均支出（支出合计 ÷ 实有人数）", "total_per_staff", nil},
		{"sangong-per-staff", "人均三公经费（三公经费 ÷ 实有人数）", "sangong_per_staff", nil},
	}
	for _, sp := range specs {
		if !perStaff && strings.HasSuffix(sp.metric, "_per_staff") {
			continue
		}
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
			c, err = sp.build(name, sp.id, sp.title, rs, perStaff)
		} else {
			more := ""
			if strings.HasSuffix(sp.metric, "_per_staff") {
				more = site.PerStaffBasis + "。"
			}
			c, err = metricChart(name, sp.id, sp.title, m, rs, more)
		}
		if err != nil {
			return nil, err
		}
		c.Years = charts.YearsText(strconv.Itoa(year), strconv.Itoa(year))
		p.Charts = append(p.Charts, c)
		d.Flagged = d.Flagged || flagsAny(c)
	}
	return p, nil
}

// flagsAny reports whether the chart c, or another view of it, names a
// report with charts.FlagMark in its table.
func flagsAny(c charts.Chart) bool {
	for _, row := range c.Table.Rows {
		if len(row) > 0 && strings.HasSuffix(row[0].Text, charts.FlagMark) {
			return true
		}
	}
	return slices.ContainsFunc(c.Alt, func(a charts.Alt) bool { return flagsAny(a.Chart) })
}

// perStaffFits reports whether a page comparing the year's reports of
// the kind of department k (every department when k is nil) compares
// them per staff member: only when they are of one kind. Across kinds a
// figure per staff member misleads more than any other: an 教育局's
// spending holds what it passes on to schools, its 实有人数 only the
// bureau's own staff, and 5,000 万元 a head ranked above an 档案馆's 20
// says nothing about either.
func perStaffFits(s *site.Site, year int, k *site.Peers) bool {
	return k != nil || len(s.Kinds[year]) <= 1
}

// yearSpan returns every year from the first of years (in ascending
// order) to the last, those between them without reports included.
func yearSpan(years []int) []int {
	if len(years) == 0 {
		return nil
	}
	span := make([]int, 0, years[len(years)-1]-years[0]+1)
	for y := years[0]; y <= years[len(years)-1]; y++ {
		span = append(span, y)
	}
	return span
}

// CompareYears returns the pages that compare years: the first has the
// totals and averages per year; each has CountyTableSize rows of the table
// of each county's total spending by year (one row per department).
func CompareYears(s *site.Site) ([]*Page, error) {
	d := &CompareData{Site: s}
	for _, ks := range s.Kinds {
		d.Mixed = d.Mixed || len(ks) > 1
	}
	p := &Page{Path: CompareYearsPath(1), Template: "compare", Section: "compare",
		Title:       "历年比较",
		Description: "各年度部门整体支出、三公经费和自评得分的汇总与各县历年支出。",
		Data:        d,
	}
	years := slices.Clone(s.Years)
	slices.Reverse(years)
	var cats []string
	var count, total, sangong, score []charts.Value
	// The reports each year's average is of: those that give the figure
	// (and do not seem to give it in the wrong unit), which may be few.
	var nTotal, nSangong, nScore []charts.Value
	for _, y := range yearSpan(years) {
		cats = append(cats, strconv.Itoa(y))
		if _, ok := s.ByYear[y]; !ok {
			// A year without reports keeps its place on the axis, so
			// that the lines break there (— in the tables) rather than
			// join the years on either side as if one year apart.
			none := charts.Value{Blank: true}
			count, total, sangong, score = append(count, none), append(total, none), append(sangong, none), append(score, none)
			nTotal, nSangong, nScore = append(nTotal, none), append(nSangong, none), append(nScore, none)
			continue
		}
		rs := wholeReports(s.ByYear[y])
		count = append(count, charts.Some(float64(len(rs))))
		total = append(total, sumOf(rs, site.MetricByKey("total"), true))
		sangong = append(sangong, sumOf(rs, site.MetricByKey("sangong"), true))
		score = append(score, sumOf(rs, site.MetricByKey("score"), true))
		nTotal = append(nTotal, countOf(rs, site.MetricByKey("total")))
		nSangong = append(nSangong, countOf(rs, site.MetricByKey("sangong")))
		nScore = append(nScore, countOf(rs, site.MetricByKey("score")))
	}
	// Averages, not sums: the number of reports changes from year to
	// year, and a sum then moves with it, so that fewer reports would
	// read as less spending.
	builds := []charts.Bars{
		{ID: "years-count", Title: "各年度报告数，及其中给出各项数字（计入平均数）的报告数", Unit: "份", Whole: true, Series: []charts.Series{
			{Name: "报告数", Values: count}, {Name: "给出支出合计的", Values: nTotal},
			{Name: "给出三公经费的", Values: nSangong}, {Name: "给出自评得分的", Values: nScore}}},
		{ID: "years-spending", Title: "各年度平均每份报告的支出合计", Unit: "万元", Series: []charts.Series{{Name: "平均支出合计", Values: total}}},
		{ID: "years-sangong", Title: "各年度平均每份报告的三公经费", Unit: "万元", Series: []charts.Series{{Name: "平均三公经费", Values: sangong}}},
		{ID: "years-score", Title: "各年度平均自评得分", Unit: "分", Series: []charts.Series{{Name: "平均自评得分", Values: score}}},
	}
	var note string
	d.Caveat, note = yearsCaveat(s, years)
	metrics := map[string]string{"years-spending": "total", "years-sangong": "sangong", "years-score": "score"}
	for _, b := range builds {
		b.Categories = cats
		// The averages are trends, drawn as lines; the counts are bars
		// side by side, since counts are often equal (every report
		// gives 支出合计) and lines of equal values hide each other.
		b.Line = len(cats) > 1 && b.ID != "years-count"
		b.Years = len(cats) > 1
		if key, ok := metrics[b.ID]; ok {
			// The summary's sentence, then what the reader should know
			// of its years.
			b.More = yearsFlagged(s, years, site.MetricByKey(key)) + note
		}
		c, err := b.Build()
		if err != nil {
			return nil, err
		}
		if len(cats) == 1 {
			c.Years = charts.YearsText(cats[0], cats[0]) // a line chart's are its own
		}
		p.Charts = append(p.Charts, c)
	}
	t := &charts.Table{Caption: "各县历年支出合计（万元）", Head: make([]charts.Col, 0, 2+len(years))}
	t.Head = append(t.Head, charts.Col{Label: "县（市、区）"}, charts.Col{Label: "部门"})
	for _, y := range years {
		t.Head = append(t.Head, charts.Col{Label: strconv.Itoa(y), Num: true})
	}
	// The rows are counted first, so that their cells share one array
	// and their figures one string (see texts).
	rows := compareYearsRows(s)
	width := 2 + len(years)
	cells := make([]charts.Cell, rows*width)
	if rows > 0 {
		t.Rows = make([][]charts.Cell, 0, rows)
	}
	tx := newTexts()
	// By county name in pinyin order: the table shows no province or
	// prefecture, so the site's order (by province first) would look
	// random.
	byName := slices.Clone(s.Counties)
	slices.SortStableFunc(byName, (*site.County).CompareName)
	for _, c := range byName {
		for _, se := range c.Series {
			if se.Type != report.TypeWhole {
				continue
			}
			row := cells[:width:width]
			cells = cells[width:]
			row[0] = charts.Cell{Text: c.Label, Href: c.URL}
			row[1] = charts.Cell{Text: se.Department}
			for i, y := range years {
				cell := &row[2+i]
				if r := reportOf(se, y); r != nil {
					if r.Suspect("spending.total") {
						*cell = charts.Cell{Text: "疑为单位错误", NA: true, Num: true}
					} else {
						tx.moneyCell(cell, r, r.Spending.Total, "spending.total")
					}
					cell.Href = r.URL
				} else {
					*cell = charts.Cell{Text: "—", Num: true}
				}
			}
			t.Rows = append(t.Rows, row)
		}
	}
	tx.done()
	var out []*Page
	for _, pg := range paged(rows, CountyTableSize, CompareYearsPath) {
		part := *t
		part.Rows = nil
		if pg.Total > 0 {
			part.Rows = t.Rows[pg.First-1 : pg.Last]
		}
		if pg.Of > 1 {
			part.Caption = fmt.Sprintf("各县历年支出合计（万元），第%d至%d行", pg.First, pg.Last)
		}
		if pg.N == 1 {
			d.Table, d.Pager = &part, pg
			out = append(out, p)
			continue
		}
		out = append(out, &Page{Path: CompareYearsPath(pg.N), Template: "compare", Section: "compare",
			Title:       titled("历年比较", pg),
			Description: fmt.Sprintf("各县历年支出合计，第%d至%d行，共%d行。", pg.First, pg.Last, pg.Total),
			Data:        &CompareData{Site: s, Table: &part, Pager: pg},
		})
	}
	return out, nil
}

// yearsCaveat says, when the years (ascending) hold the whole-department
// reports of different departments, how many of them every year has and
// that the averages' changes come from which reports are included, not
// from the same departments: 各年度收录的报告不同…; "" when every year
// holds the same departments, or there is one year. It also returns, for
// the summary of each chart of averages, the same in one sentence
// (各年度收录的报告不同，年度之间的差别主要来自收录了哪些县…), or "".
func yearsCaveat(s *site.Site, years []int) (caveat, note string) {
	var first, firstCounties map[string]bool // of the first year
	all := map[string]int{}                  // department (county and name) → its years
	differ, countiesDiffer := false, false
	n := 0
	for _, y := range years {
		rs := wholeReports(s.ByYear[y])
		if len(rs) == 0 {
			continue
		}
		n++
		set := map[string]bool{}
		cs := map[string]bool{}
		for _, r := range rs {
			k := r.County.URL + "\x00" + r.Department
			if !set[k] {
				set[k] = true
				all[k]++
			}
			cs[r.County.URL] = true
		}
		if first == nil {
			first, firstCounties = set, cs
			continue
		}
		differ = differ || !maps.Equal(first, set)
		countiesDiffer = countiesDiffer || !maps.Equal(firstCounties, cs)
	}
	if !differ {
		return "", ""
	}
	every := 0
	for _, years := range all {
		if years == n {
			every++
		}
	}
	who := "部门"
	if countiesDiffer {
		who = "县"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "各年度收录的报告不同：%d个部门中，", len(all))
	if every == 0 {
		b.WriteString("没有一个部门每年都有报告")
	} else {
		fmt.Fprintf(&b, "只有%d个部门每年都有报告", every)
	}
	fmt.Fprintf(&b, "。下面各年度的平均数之间的差别，主要来自每年收录了哪些%s，不能看作同一批部门的变化；同一部门历年的数字见下方的各县历年支出合计和各县页面。", who)
	return b.String(), "各年度收录的报告不同，年度之间的差别主要来自收录了哪些" + who + "，不能看作同一批部门的变化。"
}

// yearsFlagged says which years' averages of m (years ascending) count a
// figure that a finding puts in doubt (site.Report.Flagged), and whose:
// "2020年（桃源县）的平均数含有数据存疑的数字，见其报告的数据核对。", or
// for a year of more than three, "2019年（甲县、乙县等12份）".
// Likely unit slips are left out of the averages (site.Metric.Compare);
// other figures in doubt are the reports' own and are kept, as the
// compare pages of each year keep them, marked. It returns "" when no
// average counts one.
func yearsFlagged(s *site.Site, years []int, m site.Metric) string {
	// flaggedNamed is the most reports named for a year; with more, the
	// first flaggedNamed-1 are named, and how many there are.
	const flaggedNamed = 3
	var parts []string
	for _, y := range years {
		var who []string
		for _, r := range wholeReports(s.ByYear[y]) {
			if _, ok := m.Compare(r); ok && r.Flagged(m.Keys...) {
				who = append(who, r.Label())
			}
		}
		switch {
		case len(who) > flaggedNamed:
			// A year of many names would run for screens (a site of
			// 15,000 reports had 60 in a summary): two, and how many.
			parts = append(parts, fmt.Sprintf("%d年（%s等%d份）", y, strings.Join(who[:flaggedNamed-1], "、"), len(who)))
		case len(who) > 0:
			parts = append(parts, fmt.Sprintf("%d年（%s）", y, strings.Join(who, "、")))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "、") + "的平均数含有数据存疑的数字，见其报告的数据核对。"
}

// compareYearsRows counts the rows of the table across years: one for
// each county's series of whole-department reports.
func compareYearsRows(s *site.Site) int {
	rows := 0
	for _, c := range s.Counties {
		for _, se := range c.Series {
			if se.Type == report.TypeWhole {
				rows++
			}
		}
	}
	return rows
}

// reportOf returns the series' report of the year, the last if it has
// several, or nil.
func reportOf(se *site.Series, year int) *site.Report {
	for i := len(se.Reports) - 1; i >= 0; i-- {
		if se.Reports[i].Year == year {
			return se.Reports[i]
		}
	}
	return nil
}

// sumOf adds a metric over reports, or averages it.
// countOf returns the number of reports of rs whose figure m is compared
// (see site.Metric.Compare): those an average of m is of.
func countOf(rs []*site.Report, m site.Metric) charts.Value {
	n := 0
	for _, r := range rs {
		if _, ok := m.Compare(r); ok {
			n++
		}
	}
	return charts.Some(float64(n))
}

func sumOf(rs []*site.Report, m site.Metric, average bool) charts.Value {
	sum, n := 0.0, 0
	for _, r := range rs {
		if v, ok := m.Compare(r); ok {
			sum += v
			n++
		}
	}
	if n == 0 {
		return charts.Value{}
	}
	if average {
		// To two decimals: four would claim a precision no report
		// gives.
		return charts.Some(math.Round(sum/float64(n)*100) / 100)
	}
	return charts.Some(sum)
}

// CompareIndexPath is the path of the page comparing counties across years.
const CompareIndexPath = "compare/index.html"

// CompareYearsPath returns the path of page n (from 1) of the comparison
// across years: CompareIndexPath, then compare/index-2.html, ….
func CompareYearsPath(n int) string {
	if n == 1 {
		return CompareIndexPath
	}
	return fmt.Sprintf("compare/index-%d.html", n)
}

// ComparePath returns the path of the page comparing counties in a year.
func ComparePath(year int) string {
	var a [32]byte
	return string(appendComparePath(a[:0], year))
}

// appendComparePath appends ComparePath(year) to dst.
func appendComparePath(dst []byte, year int) []byte {
	dst = append(dst, "compare/"...)
	dst = strconv.AppendInt(dst, int64(year), 10)
	return append(dst, ".html"...)
}

// CompareKindPath returns the path of the page comparing the reports of
// one kind of department in a year, such as compare/2021/jiao-yu.html
// (see site.Site.Kinds and HasComparePage).
func CompareKindPath(p *site.Peers) string {
	var a [64]byte
	return string(appendCompareKindPath(a[:0], p))
}

// appendCompareKindPath appends CompareKindPath(p) to dst.
func appendCompareKindPath(dst []byte, p *site.Peers) []byte {
	dst = append(dst, "compare/"...)
	dst = strconv.AppendInt(dst, int64(p.Year), 10)
	dst = append(dst, '/')
	dst = append(dst, p.Slug...)
	return append(dst, ".html"...)
}

// rankFigures names, by metric key, the figure of a compare page that
// ranks its reports by the metric (its id without fig-, as compareYear
// names it). 基本支出 and 项目支出 have none: the explorer ranks them.
var rankFigures = map[string]string{
	"total":             "spending",
	"sangong":           "sangong",
	"score":             "score",
	"total_per_staff":   "total-per-staff",
	"sangong_per_staff": "sangong-per-staff",
}

// AppendRankHref appends the link, from the site's root, to the ranking that
// the rank k of the report r by the metric m comes from: on the compare
// page of r's peers (its kind of department's page, see HasComparePage,
// or its year's page when the year's reports are of one kind), the
// chart of the metric, highest first (compare/2023/jiao-yu.html#fig-
// spending), or, for a metric without a chart of its own, the page's
// explorer showing it (…?metric=basic#explore). A rank below the
// charts' ChartMax leads to the explorer showing the reports around r
// (…?metric=total&around=tao-yuan-xian#explore), as a chart of the
// highest would leave r out. It appends nothing when no page ranks r's
// peers: a 项目支出 report's, which the compare pages leave out, or fewer
// than two reports. It is written into dst, rather than made a string, since
// a link is written into its page at once, and every rank of every page
// has one.
func AppendRankHref(dst []byte, r *site.Report, m site.Metric, k site.Rank) []byte {
	p := r.Peers
	switch {
	case k.Of < 2:
		return dst // no ranking: 仅此1份，不排名
	case HasComparePage(p):
		dst = appendCompareKindPath(dst, p)
	case p != nil && p.Type == report.TypeWhole && p.Alone && len(p.Reports) >= 2:
		dst = appendComparePath(dst, p.Year)
	default:
		return dst
	}
	if k.Place > ChartMax {
		dst = append(dst, "?metric="...)
		dst = append(dst, m.Key...)
		dst = append(dst, "&around="...)
		dst = append(dst, url.QueryEscape(explorerKey(r, func(o *site.Report) bool { return o.Peers == p }))...)
		return append(dst, "#explore"...)
	}
	if fig, ok := rankFigures[m.Key]; ok {
		dst = append(dst, "#fig-"...)
		return append(dst, fig...)
	}
	dst = append(dst, "?metric="...)
	dst = append(dst, m.Key...)
	return append(dst, "#explore"...)
}

// HasComparePage reports whether the peers have a compare page of their
// own: whole-department reports of a kind, two or more (one report has
// nothing to be compared with; its year's page shows it), in a year of
// more than one kind (a year of one kind, such as every year of a site
// of one department's reports, has its comparison on the year's page,
// which a page of the kind would repeat).
func HasComparePage(p *site.Peers) bool {
	return p != nil && p.Type == report.TypeWhole && len(p.Reports) >= 2 && !p.Alone
}
