package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
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

// TestLegendsClearTheUnits draws the charts across years on a phone and on
// a wide screen: no series' name in a legend, which wraps onto more lines
// on a phone, nor its symbol, may overlap the unit of an axis (份 above the axis of the
// count of reports).
func TestLegendsClearTheUnits(t *testing.T) {
	site(t)
	for _, phone := range []bool{true, false} {
		t.Run(fmt.Sprintf("phone=%v", phone), func(t *testing.T) {
			var tb *tab
			if phone {
				tb = openWith(t, env.out, env.base, env.host, env.base+"compare/index.html", phoneScreen)
			} else {
				tb = open(t, env.out, env.base, env.host, env.base+"compare/index.html")
			}
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
					if a.Axis && a.Chart == l.Chart && l.Left < a.Right && a.Left < l.Right && l.Top < a.Bottom && a.Top < l.Bottom {
						t.Errorf("%s: the legend's %q (%.0f–%.0f × %.0f–%.0fpx) overlaps the axis name %q (%.0f–%.0f × %.0f–%.0fpx)",
							l.Chart, l.Text, l.Left, l.Right, l.Top, l.Bottom, a.Text, a.Left, a.Right, a.Top, a.Bottom)
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
