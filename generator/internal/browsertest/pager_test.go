package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// pagerJS reads the first pager of a page as laid out: its links and
// controls smaller than the 44 px a thumb needs, how many lines its page
// numbers take, where its steps (上一页, 下一页) are on the screen, and
// whether the box to type a page's number in is shown.
const pagerJS = `(() => {
  const nav = document.querySelector('nav.pager');
  const shown = e => e && e.getClientRects().length > 0;
  const box = e => { if (!shown(e)) return null; const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top}; };
  const jump = nav.querySelector('form.pager-jump');
  const targets = Array.from(nav.querySelectorAll('a, input, button')).filter(shown);
  return {
    screen: document.documentElement.clientWidth,
    small: targets.map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width < 44 || r.height < 44)
      .map(([e, r]) => (e.textContent.trim() || e.name) + ' ' + Math.round(r.width) + '×' + Math.round(r.height)),
    numberLines: new Set(Array.from(nav.querySelectorAll('.pager-pages > *')).map(e => { const r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); })).size,
    prev: box(nav.querySelector('a[rel=prev]')), next: box(nav.querySelector('a[rel=next]')),
    jump: shown(jump),
  };
})()`

// pagerLayout is what pagerJS reports.
type pagerLayout struct {
	Screen      float64
	Small       []string
	NumberLines int
	Prev, Next  *box
	Jump        bool
}

// TestPagerOnPhone pages 120 reports one a page, so that the full list
// has 120 pages of three-digit numbers. On a phone every link and
// control of a pager is a target of at least 44×44 px, its page numbers
// take one line, 上一页 is at the left of the screen and 下一页 at the
// right, on one line, whichever page it is; a box takes a page's number
// and opens that page, a page with a number in the pager or without,
// on a phone and on a wide screen. The pagers pass the accessibility
// audit (TestAccessibilityAudit's site has lists of one page).
func TestPagerOnPhone(t *testing.T) {
	browser(t)
	size := pages.ListPageSize
	pages.ListPageSize = 1
	t.Cleanup(func() { pages.ListPageSize = size })
	var archive strings.Builder
	for i := range 120 {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: 甲县\ndepartment: 第%d局\nyear: 2022\ntype: 整体支出\nspending: {total: 100}\n---\n正文。\n", i, i+1)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)
	for _, n := range []int{1, 4, 100, 120} {
		page := pages.ReportsPath(n)
		tb := openWith(t, p.Out, base, host, base+page, phoneScreen)
		got := eval[pagerLayout](tb, pagerJS)
		for _, s := range got.Small {
			t.Errorf("on a phone %s's pager has a target smaller than 44×44 px: %s", page, s)
		}
		if got.NumberLines != 1 {
			t.Errorf("on a phone %s's page numbers take %d lines, want 1", page, got.NumberLines)
		}
		if (got.Prev == nil) != (n == 1) || (got.Next == nil) != (n == 120) {
			t.Errorf("%s's pager has 上一页 %v and 下一页 %v", page, got.Prev != nil, got.Next != nil)
		}
		if got.Prev != nil && got.Prev.Right > got.Screen/3 {
			t.Errorf("on a phone %s's 上一页 reaches %.0f px of %.0f, want it at the left", page, got.Prev.Right, got.Screen)
		}
		if got.Next != nil && got.Next.Left < got.Screen*2/3 {
			t.Errorf("on a phone %s's 下一页 starts at %.0f px of %.0f, want it at the right", page, got.Next.Left, got.Screen)
		}
		if got.Prev != nil && got.Next != nil && got.Prev.Top != got.Next.Top {
			t.Errorf("on a phone %s's 上一页 and 下一页 are on different lines (%.0f, %.0f)", page, got.Prev.Top, got.Next.Top)
		}
		if !got.Jump {
			t.Errorf("on a phone %s's pager has no box to type a page's number in", page)
		}
		for _, o := range eval[[]string](tb, overflowJS) {
			t.Errorf("on a phone %s: %s", page, o)
		}
		tb.report(tb.logProblems())
	}
	// The pagers, their box shown, pass the audit of every page.
	t.Run("audit", func(t *testing.T) {
		src := axe(t)
		for _, screen := range []chromedp.Action[chromedp.Void]{phoneScreen, desktopScreen} {
			tb := openWith(t, p.Out, base, host, base+pages.ReportsPath(100), screen)
			axeAudit(tb, src, "a pager of 120 pages")
		}
	})
	for _, c := range []struct {
		phone bool
		from  int
		typed string
		want  string
	}{
		{true, 100, "57", "/reports/57.html"},   // no number in the pager
		{true, 100, "1", "/reports/index.html"}, // the first page
		{false, 1, "120", "/reports/120.html"},  // the last page, a number in the pager
		{false, 120, "9", "/reports/9.html"},    // a page of one digit from one of three
		{false, 4, "121", "/reports/4.html"},    // no such page: it stays
		{true, 4, "2.5", "/reports/4.html"},     // nor such
	} {
		tb := openWith(t, p.Out, base, host, base+pages.ReportsPath(c.from), screenOf(c.phone)...)
		if !eval[pagerLayout](tb, pagerJS).Jump {
			t.Fatalf("phone %v: %s's pager has no box to type a page's number in", c.phone, pages.ReportsPath(c.from))
		}
		tb.sendKeys(`nav.pager form.pager-jump input[name=page]`, c.typed)
		tb.click(`nav.pager form.pager-jump button[type=submit]`)
		if !tb.waitFor(`location.pathname === `+fmt.Sprintf("%q", c.want), 5*time.Second) {
			t.Errorf("phone %v: typing %s on %s opened %s, want %s", c.phone, c.typed, pages.ReportsPath(c.from), eval[string](tb, `location.pathname`), c.want)
		}
		if c.want == "/"+pages.ReportsPath(c.from) {
			// Nothing opened: give a wrong page time to load, then look again.
			time.Sleep(300 * time.Millisecond)
			if got := eval[string](tb, `location.pathname`); got != c.want {
				t.Errorf("phone %v: typing %s on %s opened %s, want nothing", c.phone, c.typed, pages.ReportsPath(c.from), got)
			}
		}
	}
}
