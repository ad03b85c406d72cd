package browsertest

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// drawnTextsJS lists, for each drawn chart of the page, every text it
// draws, a line of a label each, with where it is drawn.
const drawnTextsJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart[data-rendered="1"]')) {
    const chart = echarts.getInstanceByDom(el), o = chart.getOption();
    const axes = new Set([...(o.xAxis || []), ...(o.yAxis || [])].map(a => a.name).filter(Boolean));
    const series = new Set((o.series || []).map(s => s.name).filter(Boolean));
    for (const d of chart.getZr().storage.getDisplayList(true)) {
      const text = d.style && d.style.text;
      if (typeof text !== 'string' || text === '') continue;
      const r = d.getBoundingRect().clone();
      if (d.transform) r.applyTransform(d.transform);
      out.push({chart: el.id, text, axis: axes.has(text), legend: series.has(text) && !axes.has(text),
        left: r.x, right: r.x + r.width, top: r.y, bottom: r.y + r.height});
    }
  }
  return out;
})()`

// drawnText is what drawnTextsJS reports of a text: Axis marks an axis's
// name (its unit), Legend a series' name.
type drawnText struct {
	Chart, Text              string
	Axis, Legend             bool
	Left, Right, Top, Bottom float64
}

// TestBarLabelsKeepTheDepartment draws, on a phone, the charts of a year
// whose reports come from several departments, each bar named 县·部门: a
// name too long for the room beside the bars is drawn on two lines, the
// county above its department, each whole, since the department is what
// tells two bars of a county apart; a name that fits stays on one line.
func TestBarLabelsKeepTheDepartment(t *testing.T) {
	browser(t)
	r := func(county, dept, total string) string {
		return fmt.Sprintf("-- content/%s-%s.md --\n---\ncounty: %s\ndepartment: %s\nyear: 2020\ntype: 整体支出\nspending: {total: %s}\nscore: 90\n---\n正文。\n",
			county, dept, county, dept, total)
	}
	p := buildtest.New(t, r("彭林县", "住房和城乡建设局", "1200")+r("彭林县", "人力资源和社会保障局", "800")+r("甲县", "教育局", "500"))
	p.MustBuild()
	host, base := serveBuilt(t, p)
	for _, page := range []string{"compare/2020.html", "index.html"} {
		t.Run(page, func(t *testing.T) {
			tb := openWith(t, p.Out, base, host, base+page, phoneScreen)
			tb.showCharts()
			drawn := map[string]bool{}
			for _, d := range eval[[]drawnText](tb, drawnTextsJS) {
				if d.Chart == "chart-spending" || d.Chart == "chart-home-spending" {
					drawn[d.Text] = true
				}
			}
			if len(drawn) == 0 {
				t.Fatal("no spending chart drawn")
			}
			// 甲县·教育局 fits on one line, and stays on one.
			for _, want := range []string{"彭林县", "住房和城乡建设局", "人力资源和社会保障局", "甲县·教育局"} {
				if !drawn[want] {
					var got []string
					for s := range drawn {
						got = append(got, s)
					}
					t.Errorf("the spending chart does not draw %q whole as a line; it draws %q", want, strings.Join(got, " | "))
				}
			}
			tb.report(tb.logProblems())
		})
	}
}

// TestMissingBarSaysWhy draws, on a phone, a year's charts in which one
// report gives no self-score and another one no spending: where their bar
// would be, the label says 未披露 on a line below the name (a bar of 0
// would look the same), a name of 县·部门 too long for its line still
// drawn on two lines above it; the table below names the report alone,
// and says 未披露 in its cell.
func TestMissingBarSaysWhy(t *testing.T) {
	browser(t)
	r := func(county, dept, total, score string) string {
		return fmt.Sprintf("-- content/%s-%s.md --\n---\ncounty: %s\ndepartment: %s\nyear: 2020\ntype: 整体支出\nspending: {total: %s}\nscore: %s\n---\n正文。\n",
			county, dept, county, dept, total, score)
	}
	p := buildtest.New(t, r("彭林县", "住房和城乡建设局", "1200", "null")+r("彭林县", "人力资源和社会保障局", "null", "88")+r("甲县", "教育局", "500", "90"))
	p.MustBuild()
	page := p.Page("compare/2020.html")
	for _, table := range []string{"chart-score", "chart-spending"} {
		at := strings.Index(page, `id="`+table+`-data"`)
		if at < 0 {
			t.Fatalf("compare/2020.html has no %s", table)
		}
		if rest := page[at:]; strings.Contains(rest[strings.Index(rest, "<table"):strings.Index(rest, "</table>")], "（未披露）") {
			t.Errorf("%s: the table names a report with （未披露）; its cell says so", table)
		}
	}
	host, base := serveBuilt(t, p)
	tb := openWith(t, p.Out, base, host, base+"compare/2020.html", phoneScreen)
	tb.showCharts()
	drawn := map[string][]string{}
	for _, d := range eval[[]drawnText](tb, drawnTextsJS) {
		drawn[d.Chart] = append(drawn[d.Chart], d.Text)
	}
	for chart, want := range map[string][]string{
		"chart-score":    {"彭林县", "住房和城乡建设局", "（未披露）", "人力资源和社会保障局", "甲县·教育局"},
		"chart-spending": {"彭林县", "人力资源和社会保障局", "（未披露）", "住房和城乡建设局", "甲县·教育局"},
	} {
		got := strings.Join(drawn[chart], " | ")
		for _, w := range want {
			if !slices.Contains(drawn[chart], w) {
				t.Errorf("%s does not draw %q as a line; it draws %q", chart, w, got)
			}
		}
		if n := strings.Count(got, "（未披露）"); n != 1 {
			t.Errorf("%s draws （未披露） %d times, want once (for the report without the figure): %q", chart, n, got)
		}
	}
	tb.report(tb.logProblems())
}

// legendClearance is the least room, in pixels, between a legend's item
// and an axis's name above or below it.
const legendClearance = 8

// TestLegendsClearTheUnits draws the charts across years on a phone and on
// a wide screen: no series' name in a legend, which wraps onto more lines
// on a phone, nor its symbol, may come within legendClearance of the unit
// of an axis (份 above the axis of the count of reports).
func TestLegendsClearTheUnits(t *testing.T) {
	site(t)
	for _, phone := range []bool{true, false} {
		t.Run(fmt.Sprintf("phone=%v", phone), func(t *testing.T) {
			tb := openWith(t, env.out, env.base, env.host, env.base+"compare/index.html", screenOf(phone)...)
			tb.showCharts()
			texts := eval[[]drawnText](tb, drawnTextsJS)
			legends := 0
			for _, l := range texts {
				if !l.Legend {
					continue
				}
				legends++
				// The item's symbol, 25px wide, is drawn 5px before its
				// name (ECharts' itemWidth and the gap after it).
				l.Left -= 30
				for _, a := range texts {
					// Not within legendClearance of each other either,
					// or the unit reads as the end of the series' name
					// (给出自评得分的 / 份).
					if a.Axis && a.Chart == l.Chart && l.Left < a.Right && a.Left < l.Right &&
						l.Top < a.Bottom+legendClearance && a.Top < l.Bottom+legendClearance {
						t.Errorf("%s: the legend's %q (%.0f–%.0f × %.0f–%.0fpx) is within %dpx of the axis name %q (%.0f–%.0f × %.0f–%.0fpx)",
							l.Chart, l.Text, l.Left, l.Right, l.Top, l.Bottom, legendClearance, a.Text, a.Left, a.Right, a.Top, a.Bottom)
					}
				}
			}
			if legends == 0 {
				t.Fatal("no legend drawn; the test needs a chart with several series")
			}
			tb.report(tb.logProblems())
		})
	}
}

// TestYearOnAnotherPage chooses, in the filter of the first page of a
// list of reports paged two to a page, a year whose reports are all on
// the third page: the filter opens that page, filtered to the year.
func TestYearOnAnotherPage(t *testing.T) {
	browser(t)
	size := pages.ListPageSize
	pages.ListPageSize = 2
	t.Cleanup(func() { pages.ListPageSize = size })
	var archive strings.Builder
	for i, y := range []int{2022, 2021, 2021, 2021, 2020} {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {total: 100}\n---\n正文。\n",
			i, []string{"甲县", "乙县", "丙县", "丁县", "戊县"}[i], y)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := open(t, p.Out, base, host, base+"reports/index.html")
	eval[bool](tb, `(() => { const s = document.querySelector('form.table-filter select[name=year]'); s.value = '2020';
  s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	if !tb.waitFor(`location.pathname.endsWith('/reports/3.html') && location.search === '?year=2020'`, 5*time.Second) {
		t.Fatalf("choosing 2020 on page 1 opened %s, want reports/3.html?year=2020", eval[string](tb, `location.href`))
	}
	tb.waitFor(`document.readyState === 'complete'`, 5*time.Second)
	shown := eval[[]string](tb, `Array.from(document.querySelectorAll('#reports-table tbody tr')).filter(r => !r.hidden).map(r => r.getAttribute('data-year'))`)
	if len(shown) == 0 || slices.ContainsFunc(shown, func(y string) bool { return y != "2020" }) {
		t.Errorf("reports/3.html?year=2020 shows the rows of the years %q, want 2020 only", shown)
	}
	if v := eval[string](tb, `document.querySelector('form.table-filter select[name=year]').value`); v != "2020" {
		t.Errorf("the filter's year reads %q, want 2020", v)
	}
	tb.report(tb.logProblems())
}

// elsewhereJS reads what a filter of a table of reports or findings says
// of the other pages of the full list: its text (empty while hidden) and its links.
const elsewhereJS = `(() => {
  const p = document.querySelector('form.table-filter .filter-elsewhere');
  return {text: p && !p.hidden ? p.textContent : '', links: p ? Array.from(p.querySelectorAll('a')).map(a => a.href) : []};
})()`

// TestFilterTellsOtherPages filters a list of reports paged two to a page
// (five reports; the home page shows the newest two): the filter says
// which other pages hold reports it would show and how many, linking to
// each with the filter as chosen, and the link opens that page so
// filtered; on the home page it counts the whole list. Nothing is said
// until the filter is used. The findings' filter, two to a page, tells
// the same of theirs, counted in 条.
func TestFilterTellsOtherPages(t *testing.T) {
	browser(t)
	size, home := pages.ListPageSize, pages.HomeRows
	pages.ListPageSize, pages.HomeRows = 2, 2
	t.Cleanup(func() { pages.ListPageSize, pages.HomeRows = size, home })
	var archive strings.Builder
	// In the list's order, two to a page: 2022 甲县 (南市), 2021 丙县
	// (北市); 丁县 (南市), 乙县 (北市); 2020 戊县 (北市).
	// Three findings, two to a page: the sums of 甲县 and 戊县 do not
	// add up (不一致, on findings.html), 乙县 has more staff than its
	// establishment (疑点, on findings-2.html).
	for i, r := range []struct {
		county, prefecture string
		year               int
		figures            string
	}{
		{"甲县", "南市", 2022, "spending: {total: 100, basic: 60, project: 30}"},
		{"乙县", "北市", 2021, "spending: {total: 100}\nstaff: {authorized: 10, actual: 12}"},
		{"丙县", "北市", 2021, "spending: {total: 100}"},
		{"丁县", "南市", 2021, "spending: {total: 100}"},
		{"戊县", "北市", 2020, "spending: {total: 100, basic: 60, project: 30}"},
	} {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: %s\nprefecture: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\n%s\n---\n正文。\n",
			i, r.county, r.prefecture, r.year, r.figures)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)

	tb := open(t, p.Out, base, host, base+"reports/index.html")
	type told struct {
		Text  string
		Links []string
	}
	if got := eval[told](tb, elsewhereJS); got.Text != "" {
		t.Errorf("before the filter is used, it says %q", got.Text)
	}
	// 北市 on page 1 (丙县): 乙县 on page 2, 戊县 on page 3.
	tb = open(t, p.Out, base, host, base+"reports/index.html?prefecture="+url.QueryEscape("北市"))
	want := told{"其他页还有2份符合：第2页（1份）、第3页（1份）。", []string{
		base + "reports/2.html?prefecture=%E5%8C%97%E5%B8%82", base + "reports/3.html?prefecture=%E5%8C%97%E5%B8%82"}}
	if !tb.waitFor(`document.querySelector('.filter-elsewhere').textContent !== ''`, 5*time.Second) {
		t.Fatal("filtering 北市 on page 1 says nothing of the other pages")
	}
	if got := eval[told](tb, elsewhereJS); !reflect.DeepEqual(got, want) {
		t.Errorf("filtering 北市 on page 1 says %+v, want %+v", got, want)
	}
	// Typing narrows it: 戊县 alone, on page 3.
	tb.sendKeys(`form.table-filter input[name="q"]`, "戊县")
	if !tb.waitFor(`document.querySelector('.filter-elsewhere').textContent === '其他页还有1份符合：第3页（1份）。'`, 5*time.Second) {
		t.Errorf("after typing 戊县 it says %q", eval[told](tb, elsewhereJS).Text)
	}
	// Clicked at once: leaving the box (its change event) keeps the link.
	tb.follow(`.filter-elsewhere a`)
	if !tb.waitFor(`location.pathname.endsWith('/reports/3.html')`, 5*time.Second) {
		t.Fatalf("the link opened %s, want reports/3.html", eval[string](tb, `location.href`))
	}
	tb.waitFor(`document.readyState === 'complete'`, 5*time.Second)
	shown := eval[[]string](tb, `Array.from(document.querySelectorAll('#reports-table tbody tr')).filter(r => !r.hidden).map(r => r.querySelector('th').textContent)`)
	if !slices.Equal(shown, []string{"戊县"}) {
		t.Errorf("reports/3.html opened from the link shows %q, want 戊县 alone", shown)
	}
	tb.report(tb.logProblems())

	// The home page counts the whole list, its own rows among them.
	hp := open(t, p.Out, base, host, base+"index.html?prefecture="+url.QueryEscape("南市"))
	if !hp.waitFor(`document.querySelector('.filter-elsewhere').textContent === '全部报告列表中共有2份符合：第1页（1份）、第2页（1份）。'`, 5*time.Second) {
		t.Errorf("filtering 南市 on the home page says %q", eval[told](hp, elsewhereJS).Text)
	}
	hp.report(hp.logProblems())

	// The findings, by their own index and in their own words: 疑点 on
	// the first page is on the second; 戊县 on the second, on the first.
	fp := open(t, p.Out, base, host, base+"findings.html?severity="+url.QueryEscape("疑点"))
	if !fp.waitFor(`document.querySelector('.filter-elsewhere').textContent === '其他页还有1条符合：第2页（1条）。'`, 5*time.Second) {
		t.Errorf("filtering 疑点 on findings.html says %q", eval[told](fp, elsewhereJS).Text)
	}
	if got := eval[told](fp, elsewhereJS).Links; !slices.Equal(got, []string{base + "findings-2.html?severity=%E7%96%91%E7%82%B9"}) {
		t.Errorf("filtering 疑点 on findings.html links %q", got)
	}
	fp = open(t, p.Out, base, host, base+"findings-2.html?q="+url.QueryEscape("戊县"))
	if !fp.waitFor(`document.querySelector('.filter-elsewhere').textContent === '其他页还有1条符合：第1页（1条）。'`, 5*time.Second) {
		t.Errorf("filtering 戊县 on findings-2.html says %q", eval[told](fp, elsewhereJS).Text)
	}
	// A year of another page's findings only (2020 on findings-2.html).
	fp = open(t, p.Out, base, host, base+"findings-2.html?year=2020")
	if !fp.waitFor(`document.querySelector('.filter-elsewhere').textContent === '其他页还有1条符合：第1页（1条）。'`, 5*time.Second) {
		t.Errorf("filtering 2020 on findings-2.html says %q", eval[told](fp, elsewhereJS).Text)
	}
	fp = open(t, p.Out, base, host, base+"findings-2.html?q="+url.QueryEscape("乙县"))
	if !fp.waitFor(`document.querySelector('.filter-elsewhere').textContent === '其他页没有符合的核对发现。'`, 5*time.Second) {
		t.Errorf("filtering 乙县 on findings-2.html says %q", eval[told](fp, elsewhereJS).Text)
	}
	fp.report(fp.logProblems())
}
