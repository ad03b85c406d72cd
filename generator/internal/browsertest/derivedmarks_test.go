package browsertest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// derivedMarks is what a drawn chart shows of its derived values.
type derivedMarks struct {
	// Marked lists, as "series:category:kind", the values the option
	// given to ECharts marks as derived: a pale bar with a dashed edge,
	// or a diamond point on a line.
	Marked []string `json:"marked"`
	// Drawn is how many such bars and points ECharts drew.
	Drawn int `json:"drawn"`
	// Key is the text of the chart's key, if it is shown.
	Key string `json:"key"`
}

// derivedMarksJS returns the derivedMarks of the chart with the id given.
const derivedMarksJS = `((id) => {
  const el = document.getElementById(id);
  const c = echarts.getInstanceByDom(el);
  const o = c.getOption();
  const cats = [].concat(o.yAxis, o.xAxis).find(a => a && a.type === 'category').data;
  const marked = [];
  o.series.forEach((s, k) => (s.data || []).forEach((d, i) => {
    if (!d || typeof d !== 'object') return;
    if (d.symbol === 'emptyDiamond') marked.push(k + ':' + cats[i] + ':point');
    else if (d.itemStyle && d.itemStyle.borderType === 'dashed') marked.push(k + ':' + cats[i] + ':bar');
  }));
  const drawn = c.getZr().storage.getDisplayList(true).filter(e =>
    e.type === 'rect' && e.style && e.style.lineDash === 'dashed' || e.shape && /diamond/i.test(e.shape.symbolType)).length;
  const key = el.closest('.chart-block').querySelector('.chart-key');
  return {marked, drawn, key: key && !key.hidden && key.getClientRects().length ? key.textContent : ''};
})`

// TestChartsMarkDerivedValues: a value the report does not give, which
// its file's writer computed, is a pale bar with a dashed edge or a
// hollow diamond on a line, and only it; a key under the chart says what
// the mark means, and goes when the view shown (another view of the
// chart, another metric of the explorer) marks nothing. Its saved
// picture says the key too.
func TestChartsMarkDerivedValues(t *testing.T) {
	p, host, base := reportsSite(t, [3]string{"甲县", "2020", "spending: {total: 300, basic: 200, project: 100}"},
		[3]string{"甲县", "2021", "spending: {total: 320, basic: 200, project: 120}\nderived: [spending.project]"},
		[3]string{"乙县", "2021", "spending: {total: 500, basic: 200, project: 300}"})
	const bars, points = "浅色虚线框的柱是推算值", "空心菱形的点是推算值"
	drawn := func(tb *tab, page, id string) derivedMarks {
		t.Helper()
		if !tb.waitFor(`!!(window.echarts && echarts.getInstanceByDom(document.getElementById('`+id+`')))`, 5*time.Second) {
			t.Fatalf("%s: %s is not drawn", page, id)
		}
		return eval[derivedMarks](tb, derivedMarksJS+`('`+id+`')`)
	}
	check := func(page, view string, got derivedMarks, marked []string, drawn int, key string) {
		t.Helper()
		if !slices.Equal(got.Marked, marked) {
			t.Errorf("%s, %s: the chart marks %q as derived; want %q", page, view, got.Marked, marked)
		}
		if got.Drawn != drawn {
			t.Errorf("%s, %s: ECharts drew %d such bars and points; want %d", page, view, got.Drawn, drawn)
		}
		if key == "" && got.Key != "" || key != "" && !strings.Contains(got.Key, key) {
			t.Errorf("%s, %s: the key under the chart says %q; want %q", page, view, got.Key, key)
		}
	}

	// The county's spending over years is drawn as lines; its per-head
	// view has no staff to divide by, so nothing derived.
	tb := open(t, p.Out, base, host, base+"county/jia-xian.html")
	tb.showCharts()
	check("county", "总额", drawn(tb, "county", "chart-s1-spending"), []string{"2:2021:point"}, 1, points)
	tb.click(`#fig-s1-spending button[data-variant="per-staff"]`)
	tb.waitFor(`!document.querySelector('#fig-s1-spending .chart-key') || document.querySelector('#fig-s1-spending .chart-key').hidden`, 3*time.Second)
	check("county", "人均", drawn(tb, "county", "chart-s1-spending"), nil, 0, "")
	tb.click(`#fig-s1-spending button[data-variant="main"]`)
	tb.waitFor(`!document.querySelector('#fig-s1-spending .chart-key').hidden`, 3*time.Second)
	check("county", "总额 again", drawn(tb, "county", "chart-s1-spending"), []string{"2:2021:point"}, 1, points)
	tb.report(tb.logProblems())

	// A year's bars: 甲县's 项目支出 is marked, its 基本支出 and 乙县's
	// are not; the saved picture's text carries the key.
	tb = open(t, p.Out, base, host, base+"compare/2021.html")
	tb.showCharts()
	check("compare", "spending", drawn(tb, "compare", "chart-spending"), []string{"1:甲县:bar"}, 1, bars)
	eval[bool](tb, savedJS)
	tb.click(`#fig-spending .chart-png`)
	if !tb.waitFor(`window.__saved.length > 0`, 5*time.Second) {
		t.Fatal("the spending chart's picture is not saved")
	}
	if said := eval[string](tb, `window.__texts.map(d => d.text).join('')`); !strings.Contains(said, bars) {
		t.Errorf("the spending chart's picture says %q; want the key %q", said, bars)
	}
	tb.report(tb.logProblems())

	// The explorer marks the bar in the metric where it is derived only.
	for _, c := range []struct {
		query  string
		marked []string
		key    string
	}{
		{"metric=project", []string{"0:甲县（推算）:bar"}, bars},
		{"metric=total", nil, ""},
	} {
		tb := open(t, p.Out, base, host, base+"compare/2021.html?"+c.query)
		tb.showCharts()
		got := drawn(tb, "explorer", "chart-explorer")
		check("explorer", c.query, got, c.marked, len(c.marked), c.key)
		tb.report(tb.logProblems())
	}
}
