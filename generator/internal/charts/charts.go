// Package charts builds the ECharts options of the site's charts with
// go-echarts, together with each chart's data as a table and a text
// summary.
//
// Options are serialised only with json.Marshal of the chart's JSON(), which
// escapes '<', '>' and '&', or, for speed, filled into templates cut from
// such options (see option.go) with jsontext.AppendString, which escapes text as
// json.Marshal does; go-echarts' Render, RenderSnippet and JSONNotEscaped
// must never be used, since labels come from report files.
package charts

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/jsontext"
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart is one chart of a page.
type Chart struct {
	// ID is unique within the page.
	ID string
	// Title names the chart.
	Title string
	// Summary describes the chart in a sentence, for those who cannot see
	// it; it does not repeat the title.
	Summary string
	// Option is the ECharts option as JSON.
	Option []byte
	// Height is the chart's height in CSS pixels.
	Height int
	// Table holds the chart's data.
	Table Table
	// Alt holds other views of the same chart that a reader may switch to,
	// such as amounts per staff member; their IDs extend the chart's.
	Alt []Alt
	// Years names the years of the chart's data (2020年, 2019—2023年),
	// for the source line of its saved picture: Build gives a line
	// chart's own years, whose categories they are; the page sets the
	// others'.
	Years string
}

// Alt is another view of a chart: the same chart with other values.
type Alt struct {
	// Key is unique within the chart, such as "per-staff".
	Key string
	// Label names the view on its switch, such as 人均.
	Label string
	// Chart is the view; its ID must differ from every other chart's.
	Chart Chart
}

// Table is tabular data, shown beside a chart or on its own.
type Table struct {
	Caption string
	Head    []Col
	Rows    [][]Cell
}

// Col is a table column heading.
type Col struct {
	Label string
	// Num marks a numeric column.
	Num bool
}

// Cell is one table cell.
type Cell struct {
	Text string
	// Href, when set, makes the cell a link (a path from the site root).
	Href string
	// Value holds the machine value of a numeric cell (see Num), empty
	// when it is not disclosed.
	Value string
	// Num marks a numeric cell. (The flags come last, together, so that
	// a cell takes 56 bytes rather than 64: pages hold many thousands.)
	Num bool
	// NA marks a figure that is not disclosed.
	NA bool
	// Derived marks a known figure that the report does not give, which
	// the writer of its file computed from its other figures
	// (report.Report.Derived): pages show it with （推算） after it.
	Derived bool
}

// Value is a number that may be missing.
type Value struct {
	V  float64
	OK bool
	// Blank, for a missing value, says it is not a figure that was left
	// undisclosed but one that does not apply (such as a gap of nothing).
	Blank bool
	// Unreadable, for a missing value, says the report gives the figure
	// but it could not be read (无法识别), rather than not giving it.
	Unreadable bool
	// Suspect, for a missing value, says the report gives a figure that
	// is left out as a likely unit slip (疑为单位错误), or as the likely
	// slip SlipWords says, when set (疑为数字错误, check.SlipWords).
	Suspect   bool
	SlipWords string
	// NotApplicable, for a missing value, says the figure is not one a
	// report of its type has (不适用): a 项目支出 report's 基本支出.
	NotApplicable bool
	// NoStaff, for a missing value per member of staff, says the report
	// gives the amount but not its staff (人数未披露), so that it cannot
	// be divided: not that the amount is not disclosed.
	NoStaff bool
	// Undrawn, for a known value, says the table shows it but the chart
	// does not draw it: the parts of a stacked bar that add up to more
	// than its whole, which no stack of them can show at the whole's
	// length.
	Undrawn bool
	// Derived, for a known value, says a figure it is taken or computed
	// from is not given by the report but computed by the writer of its
	// file from its other figures (report.Report.Derived). Its cell is
	// marked so (Cell.Derived); the chart draws it as any other value.
	Derived bool
}

// Some returns a known value.
func Some(v float64) Value { return Value{V: v, OK: true} }

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []Value
	// ChartOnly draws the series without a column of its own in the
	// table: a segment that repeats what another column says (a whole
	// drawn in one piece, when its parts cannot be stacked; the table's
	// 合计 has it). Only the last series may be ChartOnly.
	ChartOnly bool
}

// Bars describes a bar chart.
type Bars struct {
	ID, Title, Unit string
	// Categories name the bars (or groups of bars). A line of a name
	// after its first ("雨花区\n（未披露）") is shown on the chart only.
	Categories []string
	// Links, when set, gives each category's page for the data table.
	Links  []string
	Series []Series
	// Stack stacks the series into one bar per category.
	Stack bool
	// Horizontal draws bars left to right, which suits long lists of names.
	Horizontal bool
	// Line draws lines instead of bars (for trends over years).
	Line bool
	// Years says the categories are years, as a Line chart's are, when
	// the series are drawn as bars side by side (counts, which are often
	// equal, and as lines would hide each other): the table's first
	// column is 年度, and the summary and the picture's source line speak
	// of years.
	Years bool
	// Total, when set, adds a 合计 column to the table.
	Total []Value
	// All, when the chart shows only the highest of the reports it
	// compares, says what the summary says of all of them.
	All *Extent
	// Whole says the values are counts (of reports): the value axis then
	// has no ticks between whole numbers, such as 0.5 份.
	Whole bool
	// Say, when set, is the chart's summary, in place of the one made of
	// its highest and lowest values: a chart of a whole beside its parts
	// says how the parts make the whole.
	Say string
	// More, when set, is said after the summary (sentences ending in
	// 。), in the summary shown with the chart and in the description its
	// option gives screen readers, as Chart.Append says it, but made in
	// once: what the reader should know of the figures, such as what a
	// per-head figure divides by.
	More string
	// Measure is the measure word the summary counts categories with:
	// 份 when each is a report; 项 (as for the items of a report's
	// composition) when empty.
	Measure string
	// Buf, when set, lends the chart the memory of its table's cells and
	// rows and of its option: the chart Build returns is then valid
	// until Buf.Reset.
	Buf *Buffers
}

// overYears reports whether the categories are years (see Years).
func (b Bars) overYears() bool { return b.Line || b.Years }

// measure returns the measure word of a category (see Bars.Measure).
func (b Bars) measure() string {
	if b.Measure == "" {
		return "项"
	}
	return b.Measure
}

// extremes returns the words the summary calls the highest and the
// lowest value by: 最多 and 最少 for a count, such as a number of reports
// (份) or people (人); 最高 and 最低 otherwise.
func (b Bars) extremes() (high, low string) {
	if b.Unit == "份" || b.Unit == "人" {
		return "最多", "最少"
	}
	return "最高", "最低"
}

// Extent is what a chart's summary says of all the reports it compares,
// when the chart shows only the highest of them: values are compared as
// Shown rounds them.
type Extent struct {
	// Known is how many have the figure; HighTies, how many share the
	// highest value.
	Known, HighTies int
	// Lowest names one with the lowest value, LowestValue, and LowTies
	// is how many share it.
	Lowest      string
	LowestValue float64
	LowTies     int
	// LowestDerived says LowestValue is computed from a figure the report
	// does not give (Value.Derived): the summary says so after it.
	LowestDerived bool
	// CutTies is how many share the value of the last shown, CutValue,
	// and CutShown how many of them the chart shows: when fewer than
	// all, the cut at the chart's length runs through a tie.
	CutTies, CutShown int
	CutValue          float64
}

// Shown returns v rounded as its figure shows it, to two decimals: two
// values a reader sees as the same are equal once rounded.
func Shown(v float64) float64 { return round(v) }

// sameShown reports whether a and b show as the same figure: equal once
// rounded as Shown rounds them, or both not a number (a sum of values
// too large to add), which Format writes alike.
func sameShown(a, b float64) bool {
	return Shown(a) == Shown(b) || math.IsNaN(a) && math.IsNaN(b)
}

// scale is the inverse of the smallest step a figure is shown in: every
// page shows figures to two decimals (0.01万元, 100元), such as 2161.63
// rather than 2161.626563, beside the 1756.15 of another year; the
// downloads keep every figure as the report gives it.
const scale = 100

// palette has colours that keep 3:1 contrast against white; decals tell
// the series apart without colour.
var palette = []string{"#1f5fa8", "#c05a00", "#2e7d32", "#8e3b9e", "#b3261e", "#00695c"}

// Build returns the chart, its table and its summary.
func (b Bars) Build() (Chart, error) {
	c := Chart{ID: b.ID, Title: b.Title, Height: 360}
	if b.Horizontal && len(b.Categories) > 8 {
		c.Height = 120 + 28*len(b.Categories)
	}
	c.Table, c.Summary = b.table()
	if b.Say != "" {
		c.Summary = b.Say
	}
	if b.More != "" {
		c.Summary = withMore(c.Summary, b.More)
	}
	// The option's figures are those of the table's cells, mostly.
	option, err := b.optionOf(c.Table.Rows, &description{c.Title, c.Summary})
	if err != nil {
		return Chart{}, err
	}
	c.Option = withDerived(option, b.Series)
	if b.overYears() && len(b.Categories) > 0 {
		c.Years = YearsText(b.Categories[0], b.Categories[len(b.Categories)-1])
	}
	return c, nil
}

// withDerived returns the option with, when a value the chart draws is
// Derived, the places of such values listed under "derived": for each
// series, in order, the indexes of its derived values ("derived":[[0],[]]),
// for the page's script to mark them （推算） in the tooltip, as the
// table marks their cells; ECharts itself has no use for the key, and
// the script takes it out. An option without derived values is returned
// as it is.
func withDerived(option []byte, series []Series) []byte {
	found := false
	for _, s := range series {
		for _, v := range s.Values {
			found = found || v.drawnDerived()
		}
	}
	if !found || len(option) == 0 || option[len(option)-1] != '}' {
		return option
	}
	out := append(option[:len(option)-1:len(option)-1], `,"derived":[`...)
	for i, s := range series {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, '[')
		first := true
		for j, v := range s.Values {
			if !v.drawnDerived() {
				continue
			}
			if !first {
				out = append(out, ',')
			}
			first = false
			out = strconv.AppendInt(out, int64(j), 10)
		}
		out = append(out, ']')
	}
	return append(out, "]}"...)
}

// drawnDerived reports whether v is Derived and drawn.
func (v Value) drawnDerived() bool { return v.OK && v.Derived && !v.Undrawn }

// YearsText names the years from first to last, as Chart.Years does:
// 2020年, or 2019—2023年.
func YearsText(first, last string) string {
	if first == last {
		return first + "年"
	}
	return first + "—" + last + "年"
}

// ariaOn begins the aria component of every option (see echartsOption).
const ariaOn = `"aria":{"enabled":true`

// withDescription returns the option with title。summary as the
// description ECharts gives screen readers (aria.label.description), in
// place of the one it makes up from the data (这是一个图表，它由3个图表系列
// 组成……, with NaN for a missing figure), which it would put in the
// chart element's aria-label when it draws the chart. A chart's views
// (such as 人均) each say their own.
func withDescription(option []byte, title, summary string) []byte {
	if !bytes.Contains(option, []byte(ariaOn)) {
		return option
	}
	return appendDescribed(make([]byte, 0, len(option)+len(title)+len(summary)+48), option, title, summary)
}

// appendDescribed appends option to dst with the description that
// withDescription puts in it, or as it is when it has no aria component.
func appendDescribed(dst, option []byte, title, summary string) []byte {
	i := bytes.Index(option, []byte(ariaOn))
	if i < 0 {
		return append(dst, option...)
	}
	i += len(ariaOn)
	dst = append(dst, option[:i]...)
	dst = append(dst, `,"label":{"description":`...)
	desc := title
	if summary != "" {
		desc += "。" + summary
	}
	dst = jsontext.AppendString(dst, desc)
	dst = append(dst, '}')
	return append(dst, option[i:]...)
}

// Append adds sentences after the chart's summary (more, ending in 。),
// both to the summary shown with the chart and to the description its
// option gives screen readers, which Build made of the summary before:
// what the reader should know of the figures, such as what a per-head
// figure divides by, is said in both.
func (c *Chart) Append(more string) {
	c.Summary = withMore(c.Summary, more)
	c.Option = withDescription(withoutDescription(c.Option), c.Title, c.Summary)
}

// withMore returns the summary with more said after it (see Append).
func withMore(summary, more string) string {
	return strings.TrimSuffix(summary, "。") + "。" + more
}

// withoutDescription returns option without the description that
// withDescription put in it, or option itself when it has none.
func withoutDescription(option []byte) []byte {
	const label = `,"label":{"description":"`
	i := bytes.Index(option, []byte(ariaOn))
	if i < 0 || !bytes.HasPrefix(option[i+len(ariaOn):], []byte(label)) {
		return option
	}
	start := i + len(ariaOn)
	j := start + len(label)
	for j < len(option) && option[j] != '"' {
		if option[j] == '\\' {
			j++
		}
		j++
	}
	if j+1 >= len(option) || option[j+1] != '}' {
		return option
	}
	out := make([]byte, 0, len(option))
	out = append(out, option[:start]...)
	return append(out, option[j+2:]...)
}

// echartsOption builds the option with go-echarts. It is the reference
// for the option's shape: option derives its templates from it, falls back
// on it for what the templates do not cover, and the tests compare the two.
func (b Bars) echartsOption() ([]byte, error) {
	global := []charts.GlobalOpts{
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(b.Series) > 1), Top: "0"}),
		charts.WithColorsOpts(opts.Colors(palette)),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(len(b.Series) > 1)}}),
		charts.WithAnimation(false),
	}
	var minInterval float64
	if b.Whole {
		minInterval = 1
	}
	valueAxis := opts.YAxis{Name: b.Unit, Type: "value", MinInterval: minInterval}
	catAxis := opts.XAxis{Type: "category", Data: b.Categories}
	grid := opts.Grid{Left: "3%", Right: "6%", Bottom: "3%", Top: "40", ContainLabel: opts.Bool(true)}
	if b.Line {
		l := charts.NewLine()
		l.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(valueAxis), charts.WithGridOpts(grid))...)
		l.SetXAxis(b.Categories)
		for _, s := range b.Series {
			data := make([]opts.LineData, len(s.Values))
			for i, v := range s.Values {
				data[i] = opts.LineData{Value: jsonValue(v)}
			}
			l.AddSeries(s.Name, data, charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
		}
		l.Validate()
		return json.Marshal(l.JSON())
	}
	bar := charts.NewBar()
	if b.Horizontal {
		// The unit goes below the middle of the value axis: at its end,
		// ECharts' default, it overhangs the right edge and is cut on a
		// phone (万元 shown as 万テ).
		grid.Bottom = "24"
	}
	bar.SetGlobalOptions(append(global, charts.WithGridOpts(grid))...)
	if b.Horizontal {
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Name: b.Unit, Type: "value", NameLocation: "middle", NameGap: 28, MinInterval: minInterval}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: b.Categories, Inverse: opts.Bool(true)}),
		)
	} else {
		bar.SetGlobalOptions(charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(valueAxis))
	}
	bar.SetXAxis(b.Categories)
	for _, s := range b.Series {
		data := make([]opts.BarData, len(s.Values))
		for i, v := range s.Values {
			data[i] = opts.BarData{Value: jsonValue(v)}
		}
		var so []charts.SeriesOpts
		if b.Stack {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		bar.AddSeries(s.Name, data, so...)
	}
	if b.Horizontal {
		bar.XYReversal()
	}
	bar.Validate()
	return json.Marshal(bar.JSON())
}

// jsonValue is the value ECharts draws: a rounded number, or "-" for a gap
// or a value not drawn.
func jsonValue(v Value) any {
	if !v.OK || v.Undrawn {
		return "-"
	}
	return round(v.V)
}

func round(v float64) float64 {
	return math.Round(v*scale) / scale
}

// Round rounds a value to two decimals, as the charts' options and
// tables show it.
func Round(v float64) float64 { return round(v) }

// Format shows a number with at most two decimals and no trailing zeros.
func Format(v float64) string {
	var buf [32]byte
	return string(appendFormat(buf[:0], v))
}

// AppendFormat appends v to dst as Format shows it, and returns the
// extended buffer.
func AppendFormat(dst []byte, v float64) []byte { return appendFormat(dst, v) }

// appendFormat appends v as Format shows it.
func appendFormat(dst []byte, v float64) []byte {
	if k := math.Round(v * scale); math.Abs(k) < maxExact {
		return appendHundredths(dst, int64(k))
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, round(v), 'f', 2, 64)
	if bytes.IndexByte(dst[start:], '.') >= 0 {
		dst = bytes.TrimRight(dst, "0")
		dst = bytes.TrimSuffix(dst, []byte("."))
	}
	if string(dst[start:]) == "-0" {
		dst = append(dst[:start], '0')
	}
	return dst
}

// maxExact bounds |k|, where k = math.Round(v*scale), for which round(v)
// is written as k with a decimal point put in, both by Format and by
// json.Marshal. round(v) is the float64 nearest k/scale; below 1e12 it is
// within 2e-4 of k/scale, far less than half a hundredth, so its two
// decimals are those of k, and so are its shortest decimals, since no
// decimal with fewer digits is that close.
const maxExact = 1e14

// appendHundredths appends k/scale with no trailing zeros.
func appendHundredths(dst []byte, k int64) []byte {
	if k < 0 {
		dst = append(dst, '-')
		k = -k
	}
	dst = strconv.AppendInt(dst, k/scale, 10)
	if frac := k % scale; frac != 0 {
		d := [3]byte{'.', byte('0' + frac/10), byte('0' + frac%10)}
		end := len(d)
		for d[end-1] == '0' {
			end--
		}
		dst = append(dst, d[:end]...)
	}
	return dst
}

// NumCell returns a numeric cell, or 未披露 when the value is missing.
func NumCell(v Value) Cell {
	var c Cell
	if c.SetNumeric(v) {
		f := Format(v.V)
		c.Text, c.Value = f, f
	}
	return c
}

// SetNumeric makes c, a zero cell, the numeric cell of v as NumCell does
// when v has no number: — for a blank, 无法识别 for a value given but
// unreadable, 疑为单位错误 (or its SlipWords) for one left out as a likely slip,
// 不适用, 人数未披露 for a value per head of a report without its staff, 未披露
// for a value not disclosed. A number's cell is Derived when v is.
// It reports whether v has a number, whose text the caller then writes
// into the cell's Text and Value.
func (c *Cell) SetNumeric(v Value) bool {
	c.Num = true
	switch {
	case v.Blank:
		c.Text = "—"
	case !v.OK && v.Unreadable:
		c.Text, c.NA = "无法识别", true
	case !v.OK && v.Suspect:
		c.Text, c.NA = cmp.Or(v.SlipWords, "疑为单位错误"), true
	case !v.OK && v.NotApplicable:
		c.Text, c.NA = "不适用", true
	case !v.OK && v.NoStaff:
		c.Text, c.NA = NoStaffWords, true
	case !v.OK:
		c.Text, c.NA = "未披露", true
	default:
		c.Derived = v.Derived
		return true
	}
	return false
}

// NoStaffWords is the text of a value per member of staff of a report
// that gives the amount but not its staff (see Value.NoStaff).
const NoStaffWords = "人数未披露"

// Missing returns why v has no number, as its cell says it (see
// SetNumeric): 未披露, 无法识别, 疑为单位错误, 不适用 or 人数未披露; "" when v has a
// number, or is blank (a value that does not apply, shown as —).
func (v Value) Missing() string {
	var c Cell
	if c.SetNumeric(v) || v.Blank {
		return ""
	}
	return c.Text
}

// table returns the chart's table and its summary, or no summary when
// b.Say gives one. The texts it writes
// (the caption, the figures and the summary) share one string, rather than
// being a string each.
func (b Bars) table() (Table, string) {
	first := "县（市、区）"
	if b.overYears() {
		first = "年度"
	}
	series := b.tabled()
	width := 1 + len(series)
	if b.Total != nil {
		width++
	}
	var t Table
	t.Head = make([]Col, 0, width)
	t.Head = append(t.Head, Col{Label: first})
	// 合计, the figure the bars are ranked by, comes right after the
	// names, where a phone shows it without scrolling the table.
	if b.Total != nil {
		t.Head = append(t.Head, Col{Label: "合计", Num: true})
	}
	for _, s := range series {
		t.Head = append(t.Head, Col{Label: s.Name, Num: true})
	}
	// The texts are written on the stack when they fit (n leaves room
	// for the caption, the figures and the summary), and copied once into
	// the string they share; ends has where each figure ends.
	var bufArr [1024]byte
	var endsArr [128]int
	buf, ends := bufArr[:0], endsArr[:0]
	ncells := len(b.Categories) * width
	if n := len(b.Title) + 3*len(b.Unit) + 8*ncells + 256; n > len(bufArr) {
		buf = make([]byte, 0, n)
	}
	if ncells > len(endsArr) {
		ends = make([]int, 0, ncells)
	}
	buf = appendCaption(buf, b.Title, b.Unit)
	captionEnd := len(buf)
	var cells []Cell
	if len(b.Categories) > 0 {
		// All rows share one array; each row's capacity ends where the
		// next row begins, so that appending to a row cannot change the
		// next one.
		cells = b.Buf.Cells(ncells)
		t.Rows = b.Buf.Rows(len(b.Categories))
		for i, cat := range b.Categories {
			row := cells[i*width : (i+1)*width : (i+1)*width]
			// A category's first line names it; a line below says, on
			// the chart, why it has no bar, which its cells say here.
			row[0].Text, _, _ = strings.Cut(cat, "\n")
			if i < len(b.Links) {
				row[0].Href = b.Links[i]
			}
			if b.Total != nil {
				buf, ends = setNum(&row[1], b.Total[i], buf, ends)
			}
			for j, s := range series {
				buf, ends = setNum(&row[b.column(j)], s.Values[i], buf, ends)
			}
			t.Rows[i] = row
		}
	}
	summaryStart := len(buf)
	if b.Say == "" { // else Build says what b.Say says
		buf = b.appendSummary(buf)
	}
	text := string(buf)
	t.Caption = text[:captionEnd]
	fillNums(cells, text, captionEnd, ends)
	return t, text[summaryStart:]
}

// column returns the column of series i in the chart's table (see
// table): after the names and, when there is one, 合计.
func (b Bars) column(i int) int {
	if b.Total != nil {
		return 2 + i
	}
	return 1 + i
}

// tabled returns the series that have a column in the chart's table: all
// but a last one that is ChartOnly.
func (b Bars) tabled() []Series {
	if n := len(b.Series); n > 0 && b.Series[n-1].ChartOnly {
		return b.Series[:n-1]
	}
	return b.Series
}

// setNum makes c, a zero cell, the cell of a value, as NumCell does; for
// a known value, it appends the figure to buf and where it ends to ends,
// and leaves the cell's text empty for fillNums. It returns buf and ends.
// (Plain values rather than a struct's fields, so that buffers on the
// caller's stack stay there.)
func setNum(c *Cell, v Value, buf []byte, ends []int) ([]byte, []int) {
	if c.SetNumeric(v) {
		buf = appendFormat(buf, v.V)
		ends = append(ends, len(buf))
	}
	return buf, ends
}

// fillNums sets the text and value of the cells that setNum left empty,
// which are in the order setNum was called for them, from text, where the
// figures it wrote start at start, and ends, where each ends.
func fillNums(cells []Cell, text string, start int, ends []int) {
	next := 0
	for i := range cells {
		c := &cells[i]
		if c.Num && !c.NA && c.Text == "" {
			end := ends[next]
			c.Text, c.Value = text[start:end], text[start:end]
			start = end
			next++
		}
	}
}

// appendCaption appends the caption of a chart's table: its title with
// the unit in brackets, 自评得分（分）, or, when the title ends in a
// bracket already, the unit inside it, 自评得分（108份有数据；单位：分）,
// rather than two brackets in a row.
func appendCaption(dst []byte, title, unit string) []byte {
	if t, ok := strings.CutSuffix(title, "）"); ok {
		dst = append(dst, t...)
		dst = append(dst, "；单位："...)
	} else {
		dst = append(dst, title...)
		dst = append(dst, "（"...)
	}
	dst = append(dst, unit...)
	return append(dst, "）"...)
}

// FlagMark follows a category's name when the report it names has
// figures that disagree, or a finding, among those the chart draws: the
// chart and its table show the mark, and the summary says in words what
// it means (see appendNamed), since a bare ⚠ after a name in a sentence
// reads as a warning about the county.
const FlagMark = " ⚠"

// flagged is what a summary says of a name marked with FlagMark.
const flagged = "数据存疑"

// derivedWord is what a summary says of a value that is Derived, as
// tables mark it （推算）.
const derivedWord = "推算"

// appendNamed appends a category named by a summary, with how many share
// its value and the value in brackets: 甲县等2份（100万元）. The brackets
// also say, in words, that the value is derived (甲县（100万元，推算）) and
// that the name is marked with FlagMark (甲县（100万元，数据存疑）); with
// others that share the value, they say it of the one named:
// 甲县等2份（100万元，甲县为推算、数据存疑）.
func appendNamed(dst []byte, cat string, ties int, measure string, v float64, unit string, derived bool) []byte {
	name, marked := strings.CutSuffix(cat, FlagMark)
	dst = append(dst, name...)
	dst = appendTies(dst, ties, measure)
	dst = append(dst, "（"...)
	dst = appendFormat(dst, v)
	dst = append(dst, unit...)
	if derived || marked {
		dst = append(dst, "，"...)
		if ties > 1 {
			dst = append(dst, name...)
			if derived {
				dst = append(dst, "为"...)
			}
		}
		dst = appendMarks(dst, derived, marked)
	}
	return append(dst, "）"...)
}

// appendMarks appends what a summary says of a value that is derived
// (推算), of a name marked with FlagMark (数据存疑), or of both, joined
// by 、.
func appendMarks(dst []byte, derived, marked bool) []byte {
	if derived {
		dst = append(dst, derivedWord...)
		if marked {
			dst = append(dst, "、"...)
		}
	}
	if marked {
		dst = append(dst, flagged...)
	}
	return dst
}

// appendDerivedYears appends, after the value of year i in a line
// chart's summary, which of the years whose values show as it does are
// derived: （推算） when it is the only such year, （2021年为推算） when
// others share the value; nothing when none is.
func (b Bars) appendDerivedYears(dst []byte, vals []Value, i int) []byte {
	ties, derived := 0, 0
	for _, v := range vals {
		if v.OK && sameShown(v.V, vals[i].V) {
			ties++
			if v.Derived {
				derived++
			}
		}
	}
	if derived == 0 {
		return dst
	}
	dst = append(dst, "（"...)
	if ties > 1 {
		dst = b.appendYears(dst, vals, i, true)
		dst = append(dst, "为"...)
	}
	dst = append(dst, derivedWord...)
	return append(dst, "）"...)
}

// appendTies appends "等N项" (with the measure word) when n values share
// one, and nothing for one.
func appendTies(dst []byte, n int, measure string) []byte {
	if n < 2 {
		return dst
	}
	dst = append(dst, "等"...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, measure...)
}

// appendYears appends the years of a line chart whose values show as
// vals[i] does, each with 年: "2021年", or "2021年、2023年" for a tie;
// when derived, only those whose values are Derived.
func (b Bars) appendYears(dst []byte, vals []Value, i int, derived bool) []byte {
	first := true
	for j, v := range vals {
		if !v.OK || !sameShown(v.V, vals[i].V) || derived && !v.Derived {
			continue
		}
		if !first {
			dst = append(dst, "、"...)
		}
		first = false
		dst = append(dst, b.Categories[j]...)
		dst = append(dst, "年"...)
	}
	return dst
}

// appendSummary appends the sentence that says what the chart shows: the
// highest and the lowest values of its first series, or of its totals.
// The figures are written as Format writes them, as their cells show them.
func (b Bars) appendSummary(dst []byte) []byte {
	vals := b.Total
	name := "合计"
	if vals == nil && len(b.Series) > 0 {
		vals = b.Series[0].Values
		name = b.Series[0].Name
	}
	hi, lo := -1, -1
	n := 0
	for i, v := range vals {
		if !v.OK {
			continue
		}
		n++
		if hi < 0 || v.V > vals[hi].V {
			hi = i
		}
		if lo < 0 || v.V < vals[lo].V {
			lo = i
		}
	}
	if n == 0 {
		return append(dst, "没有可比较的数据。"...)
	}
	// The sentences are appended rather than formatted with fmt, which
	// costs more and gives the same text.
	high, low := b.extremes()
	years := b.overYears()
	if years && n == 1 {
		dst = append(dst, "仅"...)
		dst = append(dst, b.Categories[hi]...)
		dst = append(dst, "年有数据，"...)
		dst = append(dst, name...)
		dst = append(dst, "为"...)
		dst = appendFormat(dst, vals[hi].V)
		dst = append(dst, b.Unit...)
		dst = b.appendDerivedYears(dst, vals, hi)
		return append(dst, "。"...)
	}
	if years && sameShown(vals[hi].V, vals[lo].V) {
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, "个年度有数据，"...)
		dst = append(dst, name...)
		dst = append(dst, "各年均为"...)
		dst = appendFormat(dst, vals[hi].V)
		dst = append(dst, b.Unit...)
		return append(dst, "。"...)
	}
	if years {
		dst = strconv.AppendInt(dst, int64(n), 10)
		dst = append(dst, "个年度有数据，"...)
		dst = append(dst, name...)
		dst = append(dst, high...)
		dst = append(dst, "为"...)
		dst = b.appendYears(dst, vals, hi, false)
		dst = append(dst, "的"...)
		dst = appendFormat(dst, vals[hi].V)
		dst = append(dst, b.Unit...)
		dst = b.appendDerivedYears(dst, vals, hi)
		dst = append(dst, "，"...)
		dst = append(dst, low...)
		dst = append(dst, "为"...)
		dst = b.appendYears(dst, vals, lo, false)
		dst = append(dst, "的"...)
		dst = appendFormat(dst, vals[lo].V)
		dst = append(dst, b.Unit...)
		dst = b.appendDerivedYears(dst, vals, lo)
		return append(dst, "。"...)
	}
	if n == 1 {
		only, marked := strings.CutSuffix(b.Categories[hi], FlagMark)
		dst = append(dst, "仅"...)
		dst = append(dst, only...)
		dst = append(dst, "有数据，"...)
		dst = append(dst, name...)
		dst = append(dst, "为"...)
		dst = appendFormat(dst, vals[hi].V)
		dst = append(dst, b.Unit...)
		if derived := vals[hi].Derived; derived || marked {
			dst = append(dst, "（"...)
			dst = appendMarks(dst, derived, marked)
			dst = append(dst, "）"...)
		}
		return append(dst, "。"...)
	}
	// Values that show the same are ties: the summary names one and says
	// how many share it.
	highTies, lowTies := 0, 0
	for _, v := range vals {
		if v.OK && sameShown(v.V, vals[hi].V) {
			highTies++
		}
		if v.OK && sameShown(v.V, vals[lo].V) {
			lowTies++
		}
	}
	lowest, lowValue, lowDerived := b.Categories[lo], vals[lo].V, vals[lo].Derived
	if b.All != nil {
		n, highTies = b.All.Known, b.All.HighTies
		lowest, lowValue, lowTies, lowDerived = b.All.Lowest, b.All.LowestValue, b.All.LowTies, b.All.LowestDerived
	}
	w := b.measure()
	dst = strconv.AppendInt(dst, int64(n), 10)
	dst = append(dst, w...)
	dst = append(dst, "有数据，"...)
	if b.All != nil {
		dst = append(dst, "图中为最高的"...)
		dst = strconv.AppendInt(dst, int64(len(b.Categories)), 10)
		dst = append(dst, w...)
		if a := b.All; a.CutTies > a.CutShown {
			dst = append(dst, "（"...)
			dst = append(dst, name...)
			dst = append(dst, "为"...)
			dst = appendFormat(dst, a.CutValue)
			dst = append(dst, b.Unit...)
			dst = append(dst, "的共"...)
			dst = strconv.AppendInt(dst, int64(a.CutTies), 10)
			dst = append(dst, w...)
			dst = append(dst, "，图中只列出其中"...)
			dst = strconv.AppendInt(dst, int64(a.CutShown), 10)
			dst = append(dst, w...)
			dst = append(dst, "）"...)
		}
		dst = append(dst, "；"...)
	}
	if sameShown(vals[hi].V, lowValue) {
		// Every value shows the same: the highest is the lowest.
		dst = append(dst, name...)
		dst = append(dst, "均为"...)
		dst = appendFormat(dst, lowValue)
		dst = append(dst, b.Unit...)
		return append(dst, "。"...)
	}
	dst = append(dst, name...)
	dst = append(dst, high...)
	dst = append(dst, "的是"...)
	dst = appendNamed(dst, b.Categories[hi], highTies, w, vals[hi].V, b.Unit, vals[hi].Derived)
	dst = append(dst, "，"...)
	dst = append(dst, low...)
	dst = append(dst, "的是"...)
	dst = appendNamed(dst, lowest, lowTies, w, lowValue, b.Unit, lowDerived)
	return append(dst, "。"...)
}
