package browsertest

import (
	"cmp"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// phoneWidth and phoneHeight are the CSS pixels of a common phone's screen
// held upright.
const phoneWidth, phoneHeight = 390, 844

// phoneScreen makes a tab show pages as such a phone does.
var phoneScreen = chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateTouch, chromedp.EmulateScale(3))

// screenOf returns what openWith is given to show a page on a phone's
// screen when phone is true, or on the default wide screen.
func screenOf(phone bool) []chromedp.Action[chromedp.Void] {
	if phone {
		return []chromedp.Action[chromedp.Void]{phoneScreen}
	}
	return nil
}

// overflowJS lists what sticks out of the screen sideways: the page's own
// width beyond it, elements past its right edge that no scrolling box of
// theirs lets the reader reach, and charts drawn wider than their box or
// the screen.
const overflowJS = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  if (document.documentElement.scrollWidth > w) out.push('the page is ' + document.documentElement.scrollWidth + 'px wide, the screen ' + w + 'px');
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '');
  const scrolls = e => { const o = getComputedStyle(e).overflowX; return o === 'auto' || o === 'scroll'; };
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= w + 1) continue;
    let a = e.parentElement;
    while (a && a !== document.body && !scrolls(a)) a = a.parentElement;
    if (a && a !== document.body && a.getBoundingClientRect().right <= w + 1) continue;
    out.push(name(e) + ' reaches ' + Math.round(r.right) + 'px, past the screen\'s ' + w + 'px, with no box to scroll it into view');
    if (out.length > 10) break;
  }
  for (const c of document.querySelectorAll('.chart')) {
    const r = c.getBoundingClientRect();
    if (r.right > w + 1) out.push('chart #' + c.id + ' reaches ' + Math.round(r.right) + 'px');
    for (const cv of c.querySelectorAll('canvas')) {
      const cw = cv.getBoundingClientRect().width;
      if (cw > c.clientWidth + 1) out.push('chart #' + c.id + ' draws ' + Math.round(cw) + 'px wide in a ' + c.clientWidth + 'px box');
    }
  }
  return out;
})()`

// TestPhoneWidth loads one page of every type on a phone's screen: each
// must fit its width, wide tables scrolling in their own box, each chart
// must draw within it, and no short word in a table, nor a check's name
// or a rank's words, may break across lines.
func TestPhoneWidth(t *testing.T) {
	site(t)
	report := firstReportPage("tao-yuan-xian")
	for _, p := range []struct {
		name, path string
		charts     bool
	}{
		{"home", "index.html", true},
		{"reports", "reports/index.html", false},
		{"county", "county/tao-yuan-xian.html", false},
		{"report", report, true},
		// Its ranks have a value marked （推算） beside them.
		{"report-derived", firstReportPage("yu-hua-qu"), false},
		{"compare-year", "compare/2020.html", true},
		{"compare-all", "compare/index.html", true},
		{"compare-kind", kindsPage, true},
		{"findings", "findings.html", false},
		{"disclosure", "disclosure.html", false},
		{"counties", "counties.html", false},
	} {
		t.Run(p.name, func(t *testing.T) {
			out, base := siteOf(p.path)
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p.path))); err != nil {
				t.Fatalf("the build made no %s: %v", p.path, err)
			}
			tb := openWith(t, out, base, env.host, base+p.path, phoneScreen)
			if w := eval[int](tb, `document.documentElement.clientWidth`); w != phoneWidth {
				t.Fatalf("the page is laid out %dpx wide, want the phone's %dpx (is the viewport meta tag there?)", w, phoneWidth)
			}
			problems := inspect(tb, p.charts)
			for _, o := range eval[[]string](tb, overflowJS) {
				problems = append(problems, fmt.Sprintf("at %dpx: %s", phoneWidth, o))
			}
			problems = append(problems, chartLayoutProblems(tb, false)...)
			for _, w := range eval[[]string](tb, brokenWordsJS) {
				problems = append(problems, "a short word in a table broken across lines: "+w)
			}
			for _, w := range eval[[]string](tb, brokenPhrasesJS) {
				problems = append(problems, "a phrase in a table broken across lines: "+w)
			}
			for _, small := range eval[[]string](tb, smallTargetsJS) {
				problems = append(problems, "a target smaller than 24×24px, hard to tap: "+small)
			}
			tb.report(problems)
		})
	}
}

// brokenWordsJS lists the table cells whose whole text is a word of at
// most three characters (有发现, 未核对, 不一致) that the layout breaks
// across lines, as a narrow column does on a phone: 有发 above 现 reads
// as two words.
const brokenWordsJS = `Array.from(document.querySelectorAll('main td, main th')).filter(c => {
  if (Array.from(c.textContent.trim()).length > 3 || !c.getClientRects().length) return false;
  const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (Array.from(n.textContent.trim()).length < 2) continue;
    const r = document.createRange();
    r.selectNodeContents(n);
    const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
    if (tops.size > 1) return true;
  }
  return false;
}).map(c => c.tagName.toLowerCase() + (c.className ? '.' + c.className : '') + ' "' + c.textContent.trim() + '"').slice(0, 10)`

// brokenPhrasesJS lists the phrases in tables that the layout breaks
// across lines: a check's name (三公经费合 above 计核对), the words of a
// rank (共2 above 份) and a unit in brackets (（万元/ above 人）).
const brokenPhrasesJS = `(() => {
  const broken = (node, from, to) => {
    const r = document.createRange();
    r.setStart(node, from);
    r.setEnd(node, to);
    return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1;
  };
  const out = [];
  for (const c of document.querySelectorAll('main td, main th')) {
    if (!c.getClientRects().length) continue;
    const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = n.textContent;
      if (c.matches('.table-wrap[aria-label="核对项目"] > table > tbody > tr > th') && text.trim() && broken(n, 0, text.length)) out.push('check "' + text.trim() + '"');
      for (const m of text.matchAll(/第\d+名|共\d+份|\d+份并列|（(万元|元|人|分|份|万元\/人)）/g)) {
        if (broken(n, m.index, m.index + m[0].length)) out.push('"' + m[0] + '" in "' + c.textContent.trim().slice(0, 30) + '"');
      }
    }
  }
  return out.slice(0, 10);
})()`

// smallTargetsJS lists the form controls, buttons and ⚠ links on the
// page that are shown but less than 24 CSS pixels high or wide, the least
// WCAG 2.2 asks of a target (2.5.8). Links in running text are exempt,
// as WCAG exempts them.
const smallTargetsJS = `Array.from(document.querySelectorAll('main select, main input:not([type=hidden]), main button, main a.flag, main summary'))
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.height < 24 || r.width < 24)
  .map(([e, r]) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' "' + (e.textContent || e.name || '').trim().slice(0, 20) + '" ' + Math.round(r.width) + '×' + Math.round(r.height))`

// chartLayoutJS tells, for each chart block whose chart was drawn, where
// its parts are: the chart, the switch between its views and its tools,
// and the data table shown.
const chartLayoutJS = `Array.from(document.querySelectorAll('figure.chart-block')).map(f => {
  const box = e => { if (!e || !e.getClientRects().length) return null; const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
  const wrap = Array.from(f.querySelectorAll('.table-wrap')).find(w => !w.hidden);
  return {id: f.id, chart: box(f.querySelector('.chart:not(.chart-failed)')), toggle: box(f.querySelector('.variant-toggle')),
    tools: box(f.querySelector('.chart-tools')), table: box(wrap),
    tableWidth: wrap ? wrap.scrollWidth : 0, tableShown: wrap ? wrap.clientWidth : 0, width: f.clientWidth};
})`

// box is an element's place on the page, in CSS pixels.
type box struct{ Left, Right, Top, Bottom float64 }

// chartLayout is what chartLayoutJS reports of one chart block; a part
// that is not shown is nil.
type chartLayout struct {
	ID                          string
	Chart, Toggle, Tools, Table *box
	// TableWidth is the width the shown data table needs, TableShown the
	// width it has without scrolling, Width the chart block's.
	TableWidth, TableShown, Width float64
}

// chartLayoutProblems checks the chart blocks of a page: on a wide screen
// (side true) the data table sits to the right of the chart, and the
// switch and tools in the chart's column; on a narrow one everything is
// in one column, the table below the chart. Beside the chart, a table
// that needs at most half the block's width is shown whole, not scrolled.
func chartLayoutProblems(tb *tab, side bool) []string {
	tb.t.Helper()
	var p []string
	blocks := eval[[]chartLayout](tb, chartLayoutJS)
	for _, b := range blocks {
		if b.Chart == nil || b.Table == nil {
			continue
		}
		for _, part := range []struct {
			name string
			box  *box
		}{{"switch", b.Toggle}, {"tools", b.Tools}} {
			if part.box != nil && (part.box.Left < b.Chart.Left-1 || part.box.Right > b.Chart.Right+1) {
				p = append(p, fmt.Sprintf("#%s: its %s (%.0f–%.0fpx) is not in the chart's column (%.0f–%.0fpx)", b.ID, part.name, part.box.Left, part.box.Right, b.Chart.Left, b.Chart.Right))
			}
		}
		switch {
		case side && b.Table.Left < b.Chart.Right:
			p = append(p, fmt.Sprintf("#%s: the data table (from %.0fpx) is not beside the chart (to %.0fpx)", b.ID, b.Table.Left, b.Chart.Right))
		case side && b.Table.Top > b.Chart.Bottom:
			p = append(p, fmt.Sprintf("#%s: the data table starts at %.0fpx, below the chart's end at %.0fpx", b.ID, b.Table.Top, b.Chart.Bottom))
		case side && b.TableWidth > b.TableShown+1 && b.TableWidth <= b.Width/2:
			p = append(p, fmt.Sprintf("#%s: the data table needs %.0fpx of the block's %.0fpx, but has %.0fpx and scrolls", b.ID, b.TableWidth, b.Width, b.TableShown))
		case !side && b.Table.Top < b.Chart.Bottom:
			p = append(p, fmt.Sprintf("#%s: the data table (from %.0fpx) is not below the chart (to %.0fpx)", b.ID, b.Table.Top, b.Chart.Bottom))
		}
	}
	return p
}

// wideWrapJS is an expression: the box of the first table of the page
// with row headings that is wider than its box by 100px or more.
const wideWrapJS = `[...document.querySelectorAll('.table-wrap')]
  .find(w => w.querySelector('tbody th[scope="row"]') && w.scrollWidth > w.clientWidth + 100)`

// TestRowHeadingsStayInView scrolls a table wider than a phone (the first
// on the page across years: the tables of reports are cards on a phone)
// sideways, as a reader does to see its other columns: the heading of
// each row, and the heading of that column, stay in view at the table's
// left edge.
func TestRowHeadingsStayInView(t *testing.T) {
	site(t)
	tb := openWith(t, env.out, env.base, env.host, env.base+"compare/index.html", phoneScreen)
	type state struct {
		Scrolled       float64 // how far the table scrolled
		Left           float64 // the box's left edge, inside its border
		Row, Head      float64 // the first row heading's and its column heading's left edges
		RowBg, RowText string
	}
	got := eval[state](tb, `(() => {
  const wrap = `+wideWrapJS+`;
  wrap.scrollLeft = wrap.scrollWidth;
  const row = wrap.querySelector('tbody th[scope="row"]'), head = wrap.querySelector('thead th');
  return {scrolled: wrap.scrollLeft, left: wrap.getBoundingClientRect().left + wrap.clientLeft,
    row: row.getBoundingClientRect().left, head: head.getBoundingClientRect().left,
    rowBg: getComputedStyle(row).backgroundColor, rowText: row.textContent.trim()};
})()`)
	if got.Scrolled < 100 {
		t.Fatalf("the table scrolled %.0fpx sideways; the test needs one wider than a phone", got.Scrolled)
	}
	if math.Abs(got.Row-got.Left) > 1 || math.Abs(got.Head-got.Left) > 1 {
		t.Errorf("scrolled %.0fpx, the row heading (%q) is at %.0fpx and its column's heading at %.0fpx, want both at the table's edge, %.0fpx",
			got.Scrolled, got.RowText, got.Row, got.Head, got.Left)
	}
	if got.RowBg == "rgba(0, 0, 0, 0)" || got.RowBg == "transparent" {
		t.Error("the row heading has no background: the cells scrolled under it show through")
	}

	// The box says it scrolls, above the table, and stays said in view
	// as it scrolls; a table that fits says nothing.
	type hint struct {
		Wide, Narrow    string
		HintTop, TabTop float64
	}
	h := eval[hint](tb, `(() => {
  const wrap = `+wideWrapJS+`;
  const before = getComputedStyle(wrap, '::before');
  const narrow = [...document.querySelectorAll('.table-wrap')].find(w => w.scrollWidth <= w.clientWidth);
  const table = wrap.querySelector('table');
  // Where the hint is: the table starts below it.
  return {wide: before.content, narrow: narrow ? getComputedStyle(narrow, '::before').content : 'none',
    hintTop: wrap.getBoundingClientRect().top, tabTop: table.getBoundingClientRect().top};
})()`)
	if !strings.Contains(h.Wide, "左右滑动") {
		t.Errorf("the wide table's box shows %s above it; want a hint that it scrolls sideways", h.Wide)
	}
	if h.Narrow != "none" && h.Narrow != "normal" {
		t.Errorf("a table that fits its box shows %s above it", h.Narrow)
	}
	if h.TabTop-h.HintTop < 12 {
		t.Errorf("the table starts %.0fpx below its box's top; want the hint's line above it", h.TabTop-h.HintTop)
	}
}

// findingsCardsJS measures the table of findings as laid out: the width
// of each row's 说明 cell and the tallest row, how wide the page and the
// table's box are beside their room, how each row is displayed, the
// cells whose data-label is not the text of their column's header, and
// the most lines a row's cells before 说明 take.
const findingsCardsJS = `(() => {
  const table = document.getElementById('findings-table'), wrap = table.closest('.table-wrap');
  const heads = Array.from(table.tHead.rows[0].cells).map(th => th.textContent.trim());
  const rows = Array.from(table.tBodies[0].rows);
  const mislabelled = [];
  rows.forEach((r, i) => Array.from(r.cells).forEach((c, j) => {
    if (c.getAttribute('data-label') !== heads[j] && mislabelled.length < 5) mislabelled.push('row ' + (i + 1) + ' cell ' + (j + 1) + ': ' + c.getAttribute('data-label') + ', header ' + heads[j]);
  }));
  return {
    messageWidth: Math.min(...rows.map(r => r.cells[7].getBoundingClientRect().width)),
    tallest: Math.max(...rows.map(r => r.getBoundingClientRect().height)),
    pageWidth: document.documentElement.scrollWidth, screen: document.documentElement.clientWidth,
    tableWidth: wrap.scrollWidth, box: wrap.clientWidth,
    display: getComputedStyle(rows[0]).display, rows: rows.length, mislabelled,
    lines: Math.max(...rows.map(r => {
      // A cell below the bottom of the line so far starts a new line.
      let lines = 0, bottom = -Infinity;
      for (const b of Array.from(r.cells).slice(0, 7).filter(c => c.getClientRects().length)
        .map(c => c.getBoundingClientRect()).sort((a, b) => a.top - b.top)) {
        if (b.top >= bottom - 2) lines++;
        bottom = Math.max(bottom, b.bottom);
      }
      return lines;
    })),
  };
})()`

// findingsCards is what findingsCardsJS reports.
type findingsCards struct {
	MessageWidth, Tallest float64
	PageWidth, Screen     float64
	TableWidth, Box       float64
	Display               string
	Rows, Lines           int
	Mislabelled           []string
}

// TestFindingsCardsOnPhone reads the findings on a phone: each row is a
// card of a few lines, every cell named by its column in the markup
// (data-label), and the explanation
// (说明) has nearly the screen's width, not a squeezed last column; the
// page does not scroll sideways, and the headers still sort. A wide
// screen keeps the table.
func TestFindingsCardsOnPhone(t *testing.T) {
	site(t)
	tb := openWith(t, env.out, env.base, env.host, env.base+"findings.html", phoneScreen)
	got := eval[findingsCards](tb, findingsCardsJS)
	if got.Rows < 3 {
		t.Fatalf("the findings table has %d rows; the test needs a few", got.Rows)
	}
	if got.Display == "table-row" {
		t.Errorf("on a phone a row of findings is displayed %q, want a card", got.Display)
	}
	// Whose report and the check's result, then what was checked with
	// the gap and share: two lines before 说明, not one a cell (nor a
	// third for the gap and share, a seventh of a page of 100 cards).
	if got.Lines > 2 {
		t.Errorf("on a phone a finding's cells before 说明 take %d lines, want at most 2", got.Lines)
	}
	if got.MessageWidth < 300 {
		t.Errorf("on a %dpx screen the narrowest 说明 cell is %.0fpx wide, want at least 300px", phoneWidth, got.MessageWidth)
	}
	if got.PageWidth > got.Screen || got.TableWidth > got.Box {
		t.Errorf("on a phone the page is %.0fpx wide on a %.0fpx screen and the table %.0fpx in a %.0fpx box; want neither to scroll sideways",
			got.PageWidth, got.Screen, got.TableWidth, got.Box)
	}
	for _, m := range got.Mislabelled {
		t.Errorf("a cell's data-label is not its column's header: %s", m)
	}
	// The sort buttons are still there and still sort the cards.
	tb.click(`#findings-table thead th:nth-child(6) > button`)
	gaps := eval[[]float64](tb, `Array.from(document.querySelectorAll('#findings-table tbody tr')).map(r => Number(r.cells[5].getAttribute('data-value') || '1e308'))`)
	if !slices.IsSorted(gaps) {
		t.Errorf("after a tap on 差额 the gaps read %v, want them in ascending order", gaps)
	}
	tb.report(tb.logProblems())

	wide := open(t, env.out, env.base, env.host, env.base+"findings.html")
	if got := eval[findingsCards](wide, findingsCardsJS); got.Display != "table-row" {
		t.Errorf("on a wide screen a row of findings is displayed %q, want the table's row", got.Display)
	}
}

// disclosureCardsJS reads the disclosure table's rows as laid out: for
// each, the figures (data-label) whose cells are shown and those it does
// not disclose (✗ or 无法识别, not ✓ nor 不适用), and the lines its cells
// take; and whether the legend's note for a phone is shown.
const disclosureCardsJS = `(() => {
  const rows = Array.from(document.querySelectorAll('#disclosure-table > tbody > tr'));
  // The most lines the note under a 项目支出 report's 完整度 takes.
  const counted = Array.from(document.querySelectorAll('#disclosure-table > tbody > tr > td.num .na'));
  return {
    note: !!Array.from(document.querySelectorAll('.legend .phone-only')).find(e => e.getClientRects().length),
    counted: counted.length, countedLines: Math.max(0, ...counted.map(e => {
      const r = document.createRange();
      r.selectNodeContents(e);
      return new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size;
    })),
    rows: rows.map(r => {
      const figures = Array.from(r.cells).filter(c => c.tagName === 'TD' && !c.classList.contains('num'));
      let lines = 0, bottom = -Infinity;
      for (const b of Array.from(r.cells).filter(c => c.getClientRects().length)
        .map(c => c.getBoundingClientRect()).sort((a, b) => a.top - b.top)) {
        if (b.top >= bottom - 2) lines++;
        bottom = Math.max(bottom, b.bottom);
      }
      return {
        report: r.cells[0].textContent,
        shown: figures.filter(c => c.getClientRects().length).map(c => c.getAttribute('data-label')),
        missing: figures.filter(c => !c.querySelector('.mark-yes') && c.textContent.trim() !== '不适用').map(c => c.getAttribute('data-label')),
        all: figures.map(c => c.getAttribute('data-label')),
        lines,
      };
    }),
  };
})()`

// disclosureSharesJS measures each share of the disclosure table's last
// row (披露比例) as laid out: how far it ends from its cell's right edge,
// and how far its top is below the cell's first line.
const disclosureSharesJS = `Array.from(document.querySelectorAll('table.marks > tfoot td[data-label]'))
  .filter(c => c.getClientRects().length && c.textContent.trim()).map(c => {
    const r = document.createRange();
    r.selectNodeContents(c);
    const rects = Array.from(r.getClientRects()).filter(x => x.width > 0), v = rects[rects.length - 1];
    const box = c.getBoundingClientRect(), style = getComputedStyle(c);
    return {label: c.getAttribute('data-label'), right: Math.round(box.right - parseFloat(style.paddingRight) - v.right),
      top: Math.round(v.top - box.top - parseFloat(style.paddingTop))};
  })`

// disclosureCards is what disclosureCardsJS reports.
type disclosureCards struct {
	Note                  bool
	Counted, CountedLines int
	Rows                  []struct {
		Report              string
		Shown, Missing, All []string
		Lines               int
	}
}

// TestDisclosureCardsOnPhone reads the disclosure table on a phone: each
// report is a card of its name and 完整度, then only the figures it does
// not disclose (✗, 无法识别), a few to a line, which the legend says; a
// report missing two figures takes three lines, not the seven of every
// figure two to a line. A wide screen shows every figure's cell, and
// what a 项目支出 report's share counted on two lines at most.
func TestDisclosureCardsOnPhone(t *testing.T) {
	site(t)
	for _, phone := range []bool{true, false} {
		tb := openWith(t, env.out, env.base, env.host, env.base+"disclosure.html", screenOf(phone)...)
		got := eval[disclosureCards](tb, disclosureCardsJS)
		if len(got.Rows) < 3 {
			t.Fatalf("the disclosure table has %d rows; the test needs a few", len(got.Rows))
		}
		if got.Note != phone {
			t.Errorf("phone %v: the legend's note on the cards shown: %v", phone, got.Note)
		}
		if phone {
			// The shares of the last row, two to a line: each at the
			// right of its column, on the first line of its name
			// (公务用车购置及运行费 takes two), not alone below it.
			shares := eval[[]struct {
				Label      string
				Right, Top int
			}](tb, disclosureSharesJS)
			if len(shares) < 10 {
				t.Errorf("on a phone the last row shows %d shares, want the 11 figures'", len(shares))
			}
			for _, sh := range shares {
				if sh.Right > 2 || sh.Right < -2 || sh.Top > 4 {
					t.Errorf("on a phone the share of %s ends %dpx from its column's right and starts %dpx below its first line", sh.Label, sh.Right, sh.Top)
				}
			}
		}
		some := false
		for _, r := range got.Rows {
			want := r.All
			if phone {
				want = r.Missing
				// Name, 完整度 (on the name's line, or below a long
				// name), then the missing figures, two or more a line.
				if max := 2 + (len(r.Missing)+1)/2; r.Lines > max {
					t.Errorf("on a phone %s, missing %d figures, takes %d lines, want at most %d", r.Report, len(r.Missing), r.Lines, max)
				}
				some = some || len(r.Missing) > 0 && len(r.Missing) < len(r.All)
			}
			if !slices.Equal(r.Shown, want) {
				t.Errorf("phone %v: %s shows the cells of %q, want %q", phone, r.Report, r.Shown, want)
			}
		}
		if phone && !some {
			t.Error("no report discloses some figures and not others; the test needs one")
		}
		// What a 项目支出 report's share counted, under it: two short
		// lines on a wide screen, not a column of six.
		if got.Counted == 0 {
			t.Error("no 项目支出 report's share says what it counted; the test needs one")
		} else if !phone && got.CountedLines > 2 {
			t.Errorf("on a wide screen what a 项目支出 report's share counted takes %d lines, want at most 2", got.CountedLines)
		}

		tb.report(tb.logProblems())
	}
}

// reportCardsJS reads the rows of the table of reports as laid out: how
// a row is displayed, and for each row the lines its cells take, the
// label drawn before each of its figures (the cells from 支出合计 on)
// beside its column's heading, the figures whose text takes two lines,
// and whether its type is shown; and whether the page scrolls sideways.
const reportCardsJS = `(() => {
  const table = document.getElementById('reports-table');
  const heads = Array.from(table.tHead.rows[0].cells).map(c => c.textContent.trim());
  const rows = Array.from(table.tBodies[0].rows);
  return {
    display: getComputedStyle(rows[0]).display,
    scrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    rows: rows.map(r => {
      let lines = 0, bottom = -Infinity;
      for (const b of Array.from(r.cells).filter(c => c.getClientRects().length)
        .map(c => c.getBoundingClientRect()).sort((a, b) => a.top - b.top)) {
        if (b.top >= bottom - 2) lines++;
        bottom = Math.max(bottom, b.bottom);
      }
      const labels = Array.from(r.cells).slice(5).map((c, i) => {
        const l = getComputedStyle(c, '::before').content;
        return heads[i + 5] + '=' + (l && l !== 'none' ? l.replace(/^"|"( \/ "")?$/g, '') : '');
      });
      // The figures whose text runs onto a second line: a piece of it
      // wholly below another (a smaller （推算） or a grade's badge sits
      // a little lower on the same line).
      const broken = Array.from(r.cells).slice(5).filter(c => {
        const range = document.createRange();
        range.selectNodeContents(c);
        const rects = Array.from(range.getClientRects()).filter(x => x.width > 0);
        return rects.some(a => rects.some(b => a.top >= b.bottom - 1));
      }).map(c => heads[c.cellIndex]);
      return {type: r.getAttribute('data-type'), typeShown: r.cells[4].getClientRects().length > 0, lines, labels, broken,
        shown: Array.from(r.cells).filter(c => c.getClientRects().length).length};
    }),
  };
})()`

// reportCards is what reportCardsJS reports.
type reportCards struct {
	Display string
	Scrolls bool
	Rows    []struct {
		Type      string
		TypeShown bool
		Lines     int
		Labels    []string
		Broken    []string
		Shown     int
	}
}

// TestReportRowsAreCardsOnPhone reads the home page's table of reports
// and a page of the full list on a phone: each report is a card of two
// or three lines, whose report (县, 地市, 年度, 部门; its type unless
// 整体支出) and then its figures, each named by the short form of its
// column's heading, so that nothing scrolls sideways; on a wide screen
// it stays a table of nine columns.
func TestReportRowsAreCardsOnPhone(t *testing.T) {
	site(t)
	for _, page := range []string{"index.html", "reports/index.html"} {
		for _, phone := range []bool{true, false} {
			out, base := siteOf(page)
			tb := openWith(t, out, base, env.host, base+page, screenOf(phone)...)
			got := eval[reportCards](tb, reportCardsJS)
			if len(got.Rows) < 3 {
				t.Fatalf("%s has %d reports; the test needs a few", page, len(got.Rows))
			}
			if (got.Display == "table-row") == phone || got.Scrolls {
				t.Errorf("phone %v: %s's rows are displayed %q, and the page scrolls sideways: %v", phone, page, got.Display, got.Scrolls)
			}
			project := false
			for i, r := range got.Rows {
				if !phone {
					if r.Shown != 9 {
						t.Errorf("on a wide screen %s's row %d shows %d cells, want 9", page, i+1, r.Shown)
					}
					continue
				}
				project = project || r.Type != "整体支出"
				if r.TypeShown != (r.Type != "整体支出") {
					t.Errorf("on a phone %s's row %d of a %s report shows its type: %v", page, i+1, r.Type, r.TypeShown)
				}
				if max := 3; r.Lines > max {
					t.Errorf("on a phone %s's row %d takes %d lines, want at most %d", page, i+1, r.Lines, max)
				}
				// A 项目支出 report's 支出合计 carries a note of its funds
				// (项目到位资金502万元): on its line, not below it, where it
				// widened the cell and left a gap before 三公.
				if len(r.Broken) > 0 {
					t.Errorf("on a phone %s's row %d breaks the text of %q onto a second line", page, i+1, r.Broken)
				}
				for _, l := range r.Labels {
					head, label, _ := strings.Cut(l, "=")
					if label == "" || !strings.HasPrefix(head, label) && !strings.HasSuffix(head, label) {
						t.Errorf("on a phone %s's row %d names the cell under %s %q", page, i+1, head, label)
					}
				}
			}
			if phone && !project {
				t.Errorf("%s has no 项目支出 report; the test needs one", page)
			}
			tb.report(tb.logProblems())
		}
	}
}

// axisNamesJS lists, for each drawn chart of the page, the names of its
// axes (the units) as drawn, and whether each lies wholly within the
// chart's box: ECharts clips text past the canvas' edge (万元 drawn as
// 万テ at the right edge of a phone's screen).
const axisNamesJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart[data-rendered="1"]')) {
    const chart = echarts.getInstanceByDom(el), o = chart.getOption();
    const names = new Set([...(o.xAxis || []), ...(o.yAxis || [])].map(a => a.name).filter(Boolean));
    const w = chart.getWidth(), h = chart.getHeight();
    const found = new Set();
    for (const d of chart.getZr().storage.getDisplayList(true)) {
      const text = d.style && d.style.text;
      if (!names.has(text)) continue;
      const r = d.getBoundingRect().clone();
      if (d.transform) r.applyTransform(d.transform);
      found.add(text);
      out.push({chart: el.id, name: text, left: r.x, right: r.x + r.width, top: r.y, bottom: r.y + r.height, width: w, height: h});
    }
    for (const n of names) if (!found.has(n)) out.push({chart: el.id, name: n, missing: true});
  }
  return out;
})()`

// axisName is what axisNamesJS reports of an axis name.
type axisName struct {
	Chart, Name                             string
	Left, Right, Top, Bottom, Width, Height float64
	Missing                                 bool
}

// TestAxisUnitsShownOnPhone draws every chart of the chart pages on a
// phone, each view of each (总额, 人均), and requires each axis name (the
// unit: 万元, 万元/人, 份) to be drawn whole inside the chart.
func TestAxisUnitsShownOnPhone(t *testing.T) {
	site(t)
	for _, path := range []string{"compare/2020.html", "compare/index.html", "index.html"} {
		t.Run(path, func(t *testing.T) {
			tb := openWith(t, env.out, env.base, env.host, env.base+path, phoneScreen)
			tb.showCharts()
			check := func(view string) int {
				names := eval[[]axisName](tb, axisNamesJS)
				for _, n := range names {
					switch {
					case n.Missing:
						t.Errorf("%s %s: the axis name %q is not drawn", n.Chart, view, n.Name)
					case n.Left < 0 || n.Right > n.Width || n.Top < 0 || n.Bottom > n.Height:
						t.Errorf("%s %s: the axis name %q is drawn at %.0f–%.0f × %.0f–%.0fpx, outside the chart's %.0f×%.0fpx",
							n.Chart, view, n.Name, n.Left, n.Right, n.Top, n.Bottom, n.Width, n.Height)
					}
				}
				return len(names)
			}
			if check("总额") == 0 {
				t.Fatal("no axis names drawn; the test needs charts with units")
			}
			eval[bool](tb, `(() => { document.querySelectorAll('.variant-toggle button[data-variant="per-staff"]').forEach(b => b.click()); return true; })()`)
			check("人均")
			tb.report(tb.logProblems())
		})
	}
}

// valueAxesJS lists, for each drawn chart, each value axis along the
// bottom of its plot: the values of the lines across the plot, as ECharts
// laid them out, the labels drawn below the plot, and the plot's width.
const valueAxesJS = `(() => {
  const out = [];
  for (const el of document.querySelectorAll('.chart[data-rendered="1"]')) {
    const chart = echarts.getInstanceByDom(el), model = chart.getModel();
    (chart.getOption().xAxis || []).forEach((a, i) => {
      const axis = model.getComponent('xAxis', i).axis;
      if (!axis || axis.type !== 'value') return;
      const lines = axis.scale.getTicks().map(t => echarts.format.addCommas(t.value));
      const rect = model.getComponent('grid', 0).coordinateSystem.getRect();
      const shown = [];
      for (const d of chart.getZr().storage.getDisplayList(true)) {
        const text = d.style && d.style.text;
        if (!lines.includes(text)) continue;
        const r = d.getBoundingRect().clone();
        if (d.transform) r.applyTransform(d.transform);
        if (r.y >= rect.y + rect.height - 1) shown.push(text);
      }
      out.push({chart: el.id, lines, shown, width: Math.round(rect.width)});
    });
  }
  return out;
})()`

// valueAxis is what valueAxesJS reports of a value axis.
type valueAxis struct {
	Chart        string
	Lines, Shown []string
	Width        int
}

// TestValueAxisLabelsEveryLine draws the charts of a year whose totals
// run to six digits (up to 144,000万元) on a phone and on a wide screen:
// each line across a bar chart's plot has its value below it. On a phone
// the plot is 130-200px wide; ECharts divided the axis into six lines
// from 0 to 150,000 all the same and left out each label that would
// overlap, which kept 30,000 and 90,000 alone below six lines. An axis
// whose labels fit keeps ECharts' lines.
func TestValueAxisLabelsEveryLine(t *testing.T) {
	var reports [][3]string
	for i, c := range []string{"甲县", "乙县", "丙县", "丁县", "桂都仡佬族自治县", "戊县", "己县", "庚县"} {
		total := 144000 - i*13000
		reports = append(reports, [3]string{c, "2023", fmt.Sprintf(
			"spending: {total: %d.25, basic: %d, project: %d.25}\nsangong: {total: 1%d.5}\nscore: %d\nstaff: {authorized: 300, actual: 28%d}",
			total, total/3, total-total/3, 200+i*37, 99-i, i)})
	}
	p, host, base := reportsSite(t, reports...)
	for _, screen := range []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{{"phone", phoneScreen}, {"desktop", desktopScreen}} {
		t.Run(screen.name, func(t *testing.T) {
			tb := openWith(t, p.Out, base, host, base+"compare/2023.html", screen.act)
			tb.showCharts()
			axes := eval[[]valueAxis](tb, valueAxesJS)
			wide, sangong := false, false
			for _, a := range axes {
				if len(a.Lines) < 2 {
					t.Errorf("%s: %d lines across the plot (%q)", a.Chart, len(a.Lines), a.Lines)
					continue
				}
				if len(a.Lines[len(a.Lines)-1]) >= len("100,000") {
					wide = true
				}
				// 三公经费 runs to 1,459.5: ECharts' own six lines, 0 to
				// 1,500, have room for their labels, and stay.
				if a.Chart == "chart-sangong" {
					sangong = true
				}
				if a.Chart == "chart-sangong" && len(a.Lines) < 6 {
					t.Errorf("%s: %d lines (%s) where ECharts' own six had room for their labels", a.Chart, len(a.Lines), strings.Join(a.Lines, " "))
				}
				var missing []string
				for _, l := range a.Lines {
					if !slices.Contains(a.Shown, l) {
						missing = append(missing, l)
					}
				}
				if len(missing) > 0 {
					t.Errorf("%s: the plot, %dpx wide, has lines at %s, but %s are not labelled below it (labels: %s)",
						a.Chart, a.Width, strings.Join(a.Lines, " "), strings.Join(missing, " "), strings.Join(a.Shown, " "))
				}
			}
			if !wide {
				t.Fatalf("no axis runs to six digits; the test needs the widest labels: %+v", axes)
			}
			if !sangong {
				t.Fatalf("no 三公经费 chart with a value axis (chart-sangong): %+v", axes)
			}
			tb.report(tb.logProblems())
		})
	}
}

// figureCardsJS measures a report page's tables of figures as laid out:
// each shown cell of a figure's row that sticks out of the screen or of
// its table's box, each value, 上年 and 增减 cell not named by its
// column's heading, a unit not on its value's line, and a table whose
// box scrolls sideways. It counts the 增减 cells that say a change.
const figureCardsJS = `(() => {
  const w = document.documentElement.clientWidth, out = [];
  let changes = 0, tables = 0;
  for (const t of document.querySelectorAll('table.figures')) {
    const heads = Array.from(t.tHead.rows[0].cells).map(c => c.textContent.trim());
    if (heads.length !== 5) continue;
    tables++;
    const wrap = t.closest('.table-wrap'), box = wrap.getBoundingClientRect(), caption = t.caption.textContent.trim();
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.push(caption + ': the table is ' + wrap.scrollWidth + 'px wide in a ' + wrap.clientWidth + 'px box, and scrolls sideways');
    for (const row of t.tBodies[0].rows) {
      if (row.classList.contains('evidence-row')) continue;
      const name = row.cells[0].textContent.trim();
      Array.from(row.cells).forEach((c, j) => {
        const text = c.textContent.trim();
        if (text === '') return; // no change to say
        const where = caption + ' ' + name + ' ' + heads[j] + ' (' + text + ')';
        if (!c.getClientRects().length) { out.push(where + ': not shown'); return; }
        const r = c.getBoundingClientRect();
        if (r.left < -1 || r.right > w + 1) out.push(where + ': at ' + Math.round(r.left) + '–' + Math.round(r.right) + 'px, outside the ' + w + 'px screen');
        else if (r.left < box.left - 1 || r.right > box.right + 1) out.push(where + ': at ' + Math.round(r.left) + '–' + Math.round(r.right) + 'px, outside its table\'s box, ' + Math.round(box.left) + '–' + Math.round(box.right) + 'px');
        if (j === 2) {
          const v = row.cells[1].getBoundingClientRect();
          if (Math.abs(r.top - v.top) > 2) out.push(where + ': the unit is not on its value\'s line');
          return;
        }
        if (j === 0) return;
        const label = getComputedStyle(c, '::before').content;
        if (!label.startsWith('"' + heads[j] + '"')) out.push(where + ': named ' + label + ', not by its column, ' + heads[j]);
        if (j === 4) changes++;
      });
    }
  }
  return {problems: out, changes, tables};
})()`

// TestPhoneFigureChanges reads, on a phone, the figures of a report whose
// department has a report the year before: the table's five columns (指标,
// 数值, 单位, 上年, 增减) are too wide for the screen, so each figure is a
// card there, every cell of it within the screen, with no sideways
// scrolling, and each named by its column. Long figures and changes are
// chosen to stretch the cards. A wide screen keeps the table.
func TestPhoneFigureChanges(t *testing.T) {
	browser(t)
	r := func(year int, figures string) string {
		return "---\ncounty: 甲县\ndepartment: 住房和城乡建设局\nyear: " + strconv.Itoa(year) + "\ntype: 整体支出\nunit: 万元\n" + figures + "\n---\n正文。\n"
	}
	p := buildtest.New(t, "-- content/a20.md --\n"+r(2020, "spending: {total: 1234567.89, basic: 234567.89, project: 1000000}\nsangong: {total: 12.5, reception: 2.5, vehicles: 10}\nscore: 88.5\ngrade: 良")+
		"-- content/a21.md --\n"+r(2021, "spending: {total: 2345678.91, basic: 345678.91, project: 2000000}\nsangong: {total: 3.25, reception: 3.25, vehicles: 0}\nscore: 96\ngrade: 优"))
	p.MustBuild()
	pages, _ := filepath.Glob(filepath.Join(p.Out, "report", "jia-xian", "2021-*.html"))
	if len(pages) != 1 {
		t.Fatalf("the 2021 report's page: found %q", pages)
	}
	rel, _ := filepath.Rel(p.Out, pages[0])
	host, base := serveBuilt(t, p)

	type cards struct {
		Problems        []string
		Changes, Tables int
	}
	tb := openWith(t, p.Out, base, host, base+filepath.ToSlash(rel), phoneScreen)
	got := eval[cards](tb, figureCardsJS)
	if got.Tables == 0 || got.Changes < 5 {
		t.Fatalf("the page has %d tables of figures with 上年 and 增减, and %d changes said; the test needs several", got.Tables, got.Changes)
	}
	problems := got.Problems
	for _, o := range eval[[]string](tb, overflowJS) {
		problems = append(problems, fmt.Sprintf("at %dpx: %s", phoneWidth, o))
	}
	tb.report(append(problems, tb.logProblems()...))

	wide := open(t, p.Out, base, host, base+filepath.ToSlash(rel))
	if d := eval[string](wide, `getComputedStyle(document.querySelector('table.figures tbody tr')).display`); d != "table-row" {
		t.Errorf("on a wide screen a figure's row is displayed %q, want the table's row", d)
	}
}

// emptyGapsShownJS counts the cells of the findings table without a gap
// or share (—) that are shown.
const emptyGapsShownJS = `Array.from(document.querySelectorAll('#findings-table td.num[data-value=""]')).filter(c => c.getClientRects().length).length`

// TestFindingCardsLeaveOutEmptyGaps: on a phone, where each finding is a
// card, a finding without a gap (one read in the text) leaves out the
// lines 差额 — and 占比 —; on a wide screen the table keeps its columns.
func TestFindingCardsLeaveOutEmptyGaps(t *testing.T) {
	site(t)
	out, base := siteOf("findings.html")
	page, err := os.ReadFile(filepath.Join(out, "findings.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `data-value="">—</td>`); n == 0 {
		t.Fatal("the findings page has no finding without a gap to test with")
	}
	phone := openWith(t, out, base, env.host, base+"findings.html", phoneScreen)
	if n := eval[int](phone, emptyGapsShownJS); n != 0 {
		t.Errorf("on a phone, %d cards show a line of — for a gap or share", n)
	}
	wide := open(t, out, base, env.host, base+"findings.html")
	if n := eval[int](wide, emptyGapsShownJS); n == 0 {
		t.Error("on a wide screen, the table leaves out the cells of findings without a gap")
	}
}

// reportFindingsJS measures, on a report's page, each finding of its
// checks against the section's heading: how far its card starts from the
// heading's left edge, how much narrower it is than the section, and
// whether a list marker is drawn beside it.
const reportFindingsJS = `Array.from(document.querySelectorAll('ul.findings > li')).map(li => {
  const h = document.getElementById('checks').getBoundingClientRect(), r = li.getBoundingClientRect();
  const section = li.closest('section').getBoundingClientRect();
  return {indent: Math.round(r.left - h.left), narrower: Math.round(section.width - r.width),
    marker: getComputedStyle(li).listStyleType !== 'none' && getComputedStyle(li).display === 'list-item'};
})`

// TestReportFindingsFullWidthOnAPhone: on a phone, each finding of a
// report's checks is a card as wide as the section, with no bullet
// beside it taking a column of its width (the card says what it is).
func TestReportFindingsFullWidthOnAPhone(t *testing.T) {
	site(t)
	report := firstReportPage("tao-yuan-xian")
	out, base := siteOf(report)
	tb := openWith(t, out, base, env.host, base+report, phoneScreen)
	got := eval[[]struct {
		Indent, Narrower int
		Marker           bool
	}](tb, reportFindingsJS)
	if len(got) == 0 {
		t.Fatal("桃源县's report page lists no findings to test with")
	}
	for i, f := range got {
		if f.Indent != 0 || f.Narrower > 1 || f.Marker {
			t.Errorf("finding %d: its card starts %dpx right of the heading, is %dpx narrower than the section, bullet drawn: %v",
				i+1, f.Indent, f.Narrower, f.Marker)
		}
	}
}

// wrappedCellsJS lists the cells of the table of reports with a text
// that runs onto more than one line; a cell that breaks its line itself
// (未披露, with a note below) is left out.
const wrappedCellsJS = `Array.from(document.querySelectorAll('#reports-table > tbody > tr > *')).filter(c => {
  if (c.querySelector('br')) return false;
  const walk = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const r = document.createRange();
    r.selectNodeContents(n);
    if (new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top))).size > 1) return true;
  }
  return false;
}).map(c => c.textContent.trim()).slice(0, 10)`

// TestReportRowsOnOneLine: on a phone, the lists of reports (the home
// page's and reports/) keep each row on one line, scrolling sideways,
// rather than break a department's name down the screen.
func TestReportRowsOnOneLine(t *testing.T) {
	site(t)
	for _, path := range []string{"index.html", "reports/index.html"} {
		out, base := siteOf(path)
		tb := openWith(t, out, base, env.host, base+path, phoneScreen)
		if n := eval[int](tb, `document.querySelectorAll('#reports-table > tbody > tr').length`); n == 0 {
			t.Fatalf("%s has no rows of reports", path)
		}
		if wrapped := eval[[]string](tb, wrappedCellsJS); len(wrapped) > 0 {
			t.Errorf("%s: on a phone, these cells run onto more lines: %q", path, wrapped)
		}
	}
}

// rowCardsJS returns a script that tells how the tables of a page
// that match the CSS selector tables (a county page's tables by year, its
// overview) are laid out: whether any scrolls sideways, the label each
// cell after a row's heading shows before it against its column's
// heading, and whether those cells sit beside their row's heading (a
// table) or below it (cards).
func rowCardsJS(tables string) string {
	return strings.Replace(rowCardsTemplate, "TABLES", tables, 1)
}

// rowCardsTemplate is rowCardsJS's script, TABLES for its selector.
const rowCardsTemplate = `(() => {
  const out = {scrolls: 0, labels: [], beside: 0, below: 0, cells: 0};
  for (const table of document.querySelectorAll('TABLES')) {
    const wrap = table.closest('.table-wrap');
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.scrolls++;
    const heads = Array.from(table.tHead.rows[0].cells).map(c => c.textContent.trim());
    for (const row of table.tBodies[0].rows) {
      const year = row.cells[0].getBoundingClientRect();
      Array.from(row.cells).slice(1).forEach((c, i) => {
        if (!c.getClientRects().length) return;
        out.cells++;
        const label = getComputedStyle(c, '::before').content;
        const shown = label && label !== 'none' ? label.replace(/^"|"( \/ "")?$/g, '') : '';
        if (shown && shown !== heads[i + 1]) out.labels.push(shown + ' under ' + heads[i + 1]);
        if (!shown && getComputedStyle(c).display !== 'table-cell') out.labels.push('no label under ' + heads[i + 1]);
        const r = c.getBoundingClientRect();
        if (r.top >= year.bottom - 1) out.below++;
        else if (r.left >= year.right - 1) out.beside++;
      });
    }
  }
  return out;
})()`

// layout is what rowCardsJS tells.
type layout struct {
	Scrolls, Beside, Below, Cells int
	Labels                        []string
}

// checkRowCards requires the tables of tb's page that match the CSS
// selector tables to show cells cells after their rows' headings (each
// a row's name: a year, a department), each labelled by its column's
// heading; on a phone as cards (nothing scrolling sideways, every cell
// below its row's name), on a wide screen as a table (beside it).
func checkRowCards(t *testing.T, tb *tab, phone bool, tables string, cells int, row string) {
	t.Helper()
	got := eval[layout](tb, rowCardsJS(tables))
	if got.Cells != cells {
		t.Fatalf("phone %v: %d cells shown after the rows' headings in %s, want %d", phone, got.Cells, tables, cells)
	}
	if len(got.Labels) > 0 {
		t.Errorf("phone %v: cells labelled against their headings: %q", phone, got.Labels)
	}
	if phone && (got.Scrolls > 0 || got.Below != got.Cells) {
		t.Errorf("on a phone: %d tables scroll sideways, %d of %d cells below their %s; want none scrolling, all below", got.Scrolls, got.Below, got.Cells, row)
	}
	if !phone && got.Beside != got.Cells {
		t.Errorf("on a wide screen: %d of %d cells beside their %s; want all (a table)", got.Beside, got.Cells, row)
	}
}

// TestCountyYearsAreCardsOnAPhone: a county's table by year, up to nine
// columns, is a card a year on a phone: nothing scrolls sideways, each
// figure named by its column's heading and below its year; on a wide
// screen it stays a table, each year's figures beside it.
func TestCountyYearsAreCardsOnAPhone(t *testing.T) {
	p, host, base := reportsSite(t, [3]string{"甲县", "2020", "spending: {total: 1300, basic: 200, project: 1100}\nscore: 92\ngrade: 优\nstaff: {actual: 20}"},
		[3]string{"甲县", "2021", "spending: {total: 1234.56, basic: 200, project: 1034.56}\nsangong: {total: 3.5, abroad: 0, reception: 1.5, vehicles: 2}\nscore: 88\ngrade: 良\nstaff: {actual: 21}"},
		[3]string{"乙县", "2021", "spending: {total: 500, basic: 200, project: 300}\nsangong: {total: 5, abroad: 0, reception: 2, vehicles: 3}\nscore: 95\nstaff: {actual: 10}"})
	for _, phone := range []bool{true, false} {
		tb := openWith(t, p.Out, base, host, base+"county/jia-xian.html", screenOf(phone)...)
		// Two years of eight columns after the year.
		checkRowCards(t, tb, phone, "table.by-year", 16, "year")
		tb.report(tb.logProblems())
	}
}

// cardGapsJS lists the home page's summary cards whose lines stand apart:
// a card taller, inside its padding, than its lines together.
const cardGapsJS = `(() => {
  const out = [];
  for (const card of document.querySelectorAll('.cards > .card')) {
    const cs = getComputedStyle(card);
    const inside = card.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    let lines = 0;
    for (const c of card.children) lines += c.getBoundingClientRect().height;
    if (inside > lines + 8) out.push(card.querySelector('.card-label').textContent + ': ' + Math.round(inside - lines) + 'px of gaps');
  }
  return out;
})()`

// TestHomeCardsAreCompact: the home page's four summary cards stand one
// above another on a phone; their lines sit together, so the four take
// about half a screen rather than a whole one (paragraph margins inside
// them once did).
func TestHomeCardsAreCompact(t *testing.T) {
	site(t)
	out, base := siteOf("index.html")
	tb := openWith(t, out, base, env.host, base+"index.html", phoneScreen)
	if n := eval[int](tb, `document.querySelectorAll('.cards > .card').length`); n < 2 {
		t.Fatalf("the home page shows %d summary cards, want at least 2", n)
	}
	if gaps := eval[[]string](tb, cardGapsJS); len(gaps) > 0 {
		t.Errorf("on a phone, these cards' lines stand apart: %q", gaps)
	}
}

// TestCountyOverviewIsCardsOnAPhone: the overview of a county with many
// departments, a row a department and six columns, is a card a
// department on a phone: nothing scrolls sideways, each figure below
// the department's name and named by its column's heading; its header
// stays, as a row of sort buttons that still sort the cards. A wide
// screen keeps the table.
func TestCountyOverviewIsCardsOnAPhone(t *testing.T) {
	browser(t)
	dir, host, base := serveSeries(t)
	const page = "county/jia-xian.html"
	for _, phone := range []bool{true, false} {
		tb := openWith(t, dir, base, host, base+page, screenOf(phone)...)
		// Four series of five columns after the department.
		checkRowCards(t, tb, phone, "table.overview", 4*5, "department")
		if phone {
			// 支出合计, highest first, then lowest first.
			for _, want := range []string{"descending", "ascending"} {
				tb.click(`table.overview thead th:nth-child(3) > button`)
				totals := eval[[]float64](tb, `Array.from(document.querySelectorAll('table.overview tbody tr')).map(r => Number(r.cells[2].getAttribute('data-value')))`)
				sorted := slices.IsSorted(totals)
				if want == "descending" {
					sorted = slices.IsSortedFunc(totals, func(a, b float64) int { return cmp.Compare(b, a) })
				}
				if !sorted {
					t.Errorf("after a tap on 支出合计 the cards' totals read %v, want them %s", totals, want)
				}
			}
		}
		tb.report(tb.logProblems())
	}
}

// shownFindingsJS lists the findings shown (as laid out, on any screen):
// each row's county and severity.
const shownFindingsJS = `Array.from(document.querySelectorAll('#findings-table tbody tr')).filter(r => r.getClientRects().length).map(r => r.cells[0].textContent + ' ' + r.cells[4].textContent)`

// TestFindingsFilter filters the bundled site's findings, on a phone
// (where each is a card) and a wide screen: by severity from the
// address, then by a county's initials typed, the count saying how many
// of all are shown and the address keeping the choice.
func TestFindingsFilter(t *testing.T) {
	site(t)
	out, base := siteOf("findings.html")
	html, err := os.ReadFile(filepath.Join(out, "findings.html"))
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Count(string(html), `<tr data-severity=`)
	rounding := strings.Count(string(html), `<tr data-severity="尾差"`)
	if all < 3 || rounding == 0 || rounding == all {
		t.Fatalf("the bundled findings are %d, %d of them 尾差; the test needs some of each", all, rounding)
	}
	for _, phone := range []bool{true, false} {
		page := base + "findings.html?severity=" + url.QueryEscape("尾差")
		tb := openWith(t, out, base, env.host, page, screenOf(phone)...)
		shown := eval[[]string](tb, shownFindingsJS)
		if len(shown) != rounding || slices.ContainsFunc(shown, func(s string) bool { return !strings.HasSuffix(s, " 尾差") }) {
			t.Errorf("phone %v: findings.html?severity=尾差 shows %q, want the %d 尾差", phone, shown, rounding)
		}
		if got, want := eval[string](tb, `document.querySelector('form.table-filter output').textContent`), fmt.Sprintf("显示 %d / %d 条", rounding, all); got != want {
			t.Errorf("phone %v: the count reads %q, want %q", phone, got, want)
		}
		// 祁东县 by its initials, of every severity.
		eval[bool](tb, `(() => { const s = document.querySelector('form.table-filter select[name=severity]'); s.value = '';
  s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
		tb.sendKeys(`form.table-filter input[name="q"]`, "qdx")
		shown = eval[[]string](tb, shownFindingsJS)
		if len(shown) == 0 || slices.ContainsFunc(shown, func(s string) bool { return !strings.HasPrefix(s, "祁东县 ") }) {
			t.Errorf("phone %v: typing qdx shows %q, want 祁东县's findings alone", phone, shown)
		}
		if !tb.waitFor(`location.search === '?q=qdx'`, 3*time.Second) {
			t.Errorf("phone %v: the address reads %q, want ?q=qdx", phone, eval[string](tb, `location.search`))
		}
		tb.report(tb.logProblems())
	}
}

// TestDisclosureFitsAWideScreen: on a wide screen (1280 px) the eleven
// columns of marks fit beside a long name and 完整度, with a 项目支出
// report that gives its department's figures, 不计入 under each mark.
func TestDisclosureFitsAWideScreen(t *testing.T) {
	browser(t)
	const all = "spending: {total: 80, basic: 30, project: 50}\nsangong: {total: 1, abroad: 0, reception: 1, vehicles: 0}\nscore: 90\ngrade: 优\nstaff: {authorized: 10, actual: 9}\n"
	p := buildtest.New(t, "-- content/a.md --\n---\ncounty: 江华瑶族自治县\nprefecture: 永州市\ndepartment: 人力资源和社会保障局\nyear: 2023\ntype: 项目支出\nproject: 就业补助资金\n"+all+"---\n正文。\n"+
		"-- content/b.md --\n---\ncounty: 甲县\ndepartment: 财政局\nyear: 2023\ntype: 整体支出\n"+all+"---\n正文。\n")
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := open(t, p.Out, base, host, base+"disclosure.html")
	if n := eval[int](tb, `document.querySelectorAll('table.marks td .na').length`); n < 8 {
		t.Fatalf("%d cells say 不计入 or the like; the test needs a 项目支出 report that gives its department's figures", n)
	}
	if over := eval[int](tb, `(w => w.scrollWidth - w.clientWidth)(document.querySelector('table.marks').closest('.table-wrap'))`); over > 1 {
		t.Errorf("on a wide screen the disclosure table scrolls sideways by %d px", over)
	}
	tb.report(tb.logProblems())
}

// TestCountyTableFitsAWideScreen: on a wide screen (1280 px, and a
// laptop's 1024 px) a county's table by year, of large amounts with their
// changes and ranks shared by many, fits without scrolling sideways: its
// figures per staff member are a table of their own, and a change or a
// rank breaks before its parenthesis when there is no room for it on one
// line.
func TestCountyTableFitsAWideScreen(t *testing.T) {
	// 甲县 and 120 other counties: ranks of three digits shared by dozens
	// (第115名/共121份（32份并列）), and changes of four digits with
	// their percentage (▲ 增加1234.56（+14.2%）), as on a site of
	// thousands of reports.
	var reports [][3]string
	counties := []string{"甲县"}
	for _, a := range "东西南北中上下前后左右" {
		for _, b := range "安宁平和兴隆昌盛丰泰康" {
			counties = append(counties, string(a)+string(b)+"县")
		}
	}
	for i, c := range counties {
		for _, y := range []string{"2022", "2023"} {
			grow := 0
			if y == "2023" {
				grow = 1234 + i
			}
			f := fmt.Sprintf("spending: {total: %d.67, basic: %d.12, project: %d.55}\nsangong: {total: 1%d.89}\nscore: %d\nstaff: {authorized: 30, actual: 2%d}",
				12345+i*10+grow, 6789+i*10+grow/2, 5556+i*10+grow/2, i%100, 90+i%4+len(y)%2, i%10)
			reports = append(reports, [3]string{c, y, f})
		}
	}
	p, host, base := reportsSite(t, reports...)
	for _, width := range []int64{1280, 1024} {
		tb := openWith(t, p.Out, base, host, base+"county/jia-xian.html", chromedp.EmulateViewport(width, 900))
		over := eval[[]int](tb, `Array.from(document.querySelectorAll('table.by-year')).map(t => (w => w.scrollWidth - w.clientWidth)(t.closest('.table-wrap')))`)
		if len(over) == 0 {
			t.Fatal("no table by year")
		}
		for i, o := range over {
			if o > 1 {
				t.Errorf("at %d px table %d by year scrolls sideways by %d px", width, i+1, o)
			}
		}
		if !eval[bool](tb, `Array.from(document.querySelectorAll('table.by-year .rank')).some(r => r.textContent.includes('并列'))`) {
			t.Error("no rank is shared; the test needs the widest ranks")
		}
		// A change breaks before its parenthesis, or not at all.
		if bad := eval[[]string](tb, `Array.from(document.querySelectorAll('table.by-year .delta-up, table.by-year .delta-down, table.by-year .rank')).filter(e => {
			const r = document.createRange(); r.selectNodeContents(e);
			const lines = [...new Set(Array.from(r.getClientRects()).map(x => Math.round(x.top)))];
			if (lines.length < 2) return false;
			const open = e.textContent.indexOf('（');
			if (open < 0 || lines.length > 2) return true;
			const before = document.createRange(); before.setStart(e.firstChild, 0); before.setEnd(e.firstChild, open);
			return [...new Set(Array.from(before.getClientRects()).map(x => Math.round(x.top)))].length > 1;
		}).map(e => e.textContent)`); len(bad) > 0 {
			t.Errorf("at %d px these break inside a word: %q", width, bad)
		}
		tb.report(tb.logProblems())
	}
}
