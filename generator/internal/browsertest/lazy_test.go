package browsertest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// showCharts scrolls each chart of the page into view in turn, as a reader
// does, since charts are drawn only when they come near the screen, and
// waits for each to draw or fail.
func (tb *tab) showCharts() {
	tb.t.Helper()
	n := eval[int](tb, `document.querySelectorAll('.chart[data-chart-src]').length`)
	for i := 0; i < n; i++ {
		sel := fmt.Sprintf(`document.querySelectorAll('.chart[data-chart-src]')[%d]`, i)
		eval[bool](tb, `(() => { `+sel+`.scrollIntoView({block: 'center'}); return true; })()`)
		tb.waitFor(`(el => el.getAttribute('data-rendered') === '1' || el.classList.contains('chart-failed'))(`+sel+`)`, 5*time.Second)
	}
	eval[bool](tb, `(() => { window.scrollTo(0, 0); return true; })()`)
}

// requested returns the URLs the tab has requested so far that contain s.
func (tb *tab) requested(s string) []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, u := range tb.requests {
		if strings.Contains(u, s) {
			out = append(out, u)
		}
	}
	return out
}

// TestEChartsLoadsWhenAChartNears opens a report page on a phone, where
// its chart is far below the first screen: the page must not fetch
// ECharts (192 KB with gzip) until the reader scrolls near the chart, and
// then fetch it once and draw the chart. Drawing it moves nothing below
// it: the box has its height and tools from the start. Printed before
// that, the page leaves the undrawn chart out rather than print an empty
// box, and its buttons always.
func TestEChartsLoadsWhenAChartNears(t *testing.T) {
	site(t)
	tb := openWith(t, env.out, env.base, env.host, env.base+firstReportPage("tao-yuan-xian"), phoneScreen)
	if !tb.waitFor(`document.readyState === 'complete'`, 10*time.Second) {
		t.Fatal("the page did not finish loading")
	}
	if below := eval[bool](tb, `document.querySelector('.chart[data-chart-src]').getBoundingClientRect().top > 2 * innerHeight`); !below {
		t.Fatal("the report page's chart is not far below the first screen; the test needs one that is")
	}
	time.Sleep(300 * time.Millisecond) // time for a fetch that should not happen
	if got := tb.requested("echarts"); len(got) > 0 {
		t.Errorf("ECharts fetched before any chart came near the screen: %v", got)
	}
	// Printed now, the chart not drawn leaves no empty box: its data
	// table is printed instead.
	printed := func(sel string) string {
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return eval[string](tb, `getComputedStyle(document.querySelector('`+sel+`')).display`)
	}
	if d := printed(".chart[data-chart-src]"); d != "none" {
		t.Errorf("printed before it is drawn, the chart's box shows (display: %s)", d)
	}
	// Buttons do nothing on paper.
	if d := printed(".chart-tools"); d != "none" {
		t.Errorf("the chart's buttons print (display: %s)", d)
	}
	// Where the footer starts on the page, whatever the scroll.
	const footerTop = `document.querySelector('.site-footer').getBoundingClientRect().top + scrollY`
	before := eval[float64](tb, footerTop)
	tb.showCharts()
	if after := eval[float64](tb, footerTop); math.Abs(after-before) > 0.5 {
		t.Errorf("drawing the chart moved what follows it by %.0fpx", after-before)
	}
	if d := printed(".chart[data-chart-src]"); d == "none" {
		t.Error("printed once drawn, the chart is hidden")
	}
	charts := eval[[]chartState](tb, chartsJS)
	for _, c := range charts {
		if c.Rendered != "1" || c.Ink <= minInk {
			t.Errorf("chart #%s not drawn once scrolled to: %+v", c.ID, c)
		}
	}
	if got := tb.requested("echarts"); len(got) != 1 {
		t.Errorf("ECharts fetched %d times once the chart was shown, want once: %v", len(got), got)
	}
	tb.report(tb.logProblems())
}
