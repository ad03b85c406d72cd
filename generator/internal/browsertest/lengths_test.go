package browsertest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// longSite builds and serves a site of 520 reports: 130 counties, each
// with a 财政局 and a 工业和信息化局 report (a long name, which a
// narrow column breaks) in 2022 and 2023. Its home page's overview chart
// shows the highest 40 of 260 reports, its latest table leaves most
// reports out, and compare/index.html's table has 260 rows.
func longSite(t *testing.T) (p *buildtest.Project, host, base string) {
	t.Helper()
	browser(t)
	var files strings.Builder
	n := 0
	for _, a := range "东西南北中上下前后左右天地" {
		for _, b := range "安宁平和兴隆昌盛丰泰" {
			for _, dep := range []string{"财政局", "工业和信息化局"} {
				for _, y := range []int{2022, 2023} {
					n++
					fmt.Fprintf(&files, "-- content/r%d.md --\n---\ncounty: %c%c县\ndepartment: %s\nyear: %d\ntype: 整体支出\nspending: {total: %d.5, basic: %d, project: %d}\nscore: %d\n---\n正文。\n",
						n, a, b, dep, y, 1000+n*7, 400+n*3, 500+n*4, 80+n%20)
				}
			}
		}
	}
	p = buildtest.New(t, files.String())
	p.MustBuild()
	host, base = serveBuilt(t, p)
	return p, host, base
}

// foldJS reads the home page's overview chart: whether its data table is
// folded in a <details> and open, the rows of the table, whether the
// table is shown, and where the chart and the table are.
const foldJS = `(() => {
  const fig = document.querySelector('figure.chart-block');
  const d = fig.querySelector('details.chart-data');
  const wrap = fig.querySelector('.table-wrap');
  // A closed details' content keeps its boxes, skipped (content-visibility).
  const shown = e => !!e && e.checkVisibility();
  const r = e => { const b = e.getBoundingClientRect(); return {left: b.left, right: b.right, top: b.top, bottom: b.bottom}; };
  return {
    folded: !!d && d.contains(wrap), open: !!d && d.open,
    rows: wrap ? wrap.querySelectorAll('tbody tr').length : 0,
    shown: shown(wrap),
    chart: r(fig.querySelector('.chart')), table: shown(wrap) ? r(wrap) : null,
  };
})()`

// foldLayout is what foldJS reports.
type foldLayout struct {
	Folded, Open bool
	Rows         int
	Shown        bool
	Chart        box
	Table        *box
}

// TestHomeIsShortOnAPhone: on a phone the home page of a large site
// stays a few screens long. The overview chart's data table (40 rows,
// some 2,800 px on a phone) is in the page but folded under a summary
// that opens it; the table of the latest reports is at most three
// screens (at 200 rows it was 14,000 px). The HTML has the table open,
// for a reader without JavaScript, to whom no chart is drawn. On a wide
// screen the table is open, beside its chart. A year's compare page
// folds its charts' tables so (its three 40-row tables made it 15,600 px
// of a 15k site's compare/2023.html on a phone; folded, 8,200).
func TestHomeIsShortOnAPhone(t *testing.T) {
	p, host, base := longSite(t)
	for _, page := range []string{"index.html", "compare/2023.html"} {
		if html := p.Page(page); !strings.Contains(html, `<details class="chart-data" open data-fold-narrow>`) {
			t.Errorf("%s's HTML has no open details around a chart's data table", page)
		}
		for _, phone := range []bool{true, false} {
			tb := openWith(t, p.Out, base, host, base+page, screenOf(phone)...)
			got := eval[foldLayout](tb, foldJS)
			if !got.Folded {
				t.Fatalf("%s, phone %v: the first chart's data table is not in a details", page, phone)
			}
			if got.Rows != 40 {
				t.Errorf("%s, phone %v: the first chart's data table has %d rows, want 40", page, phone, got.Rows)
			}
			if phone {
				if got.Open || got.Shown {
					t.Errorf("%s: on a phone the first chart's data table is shown (open %v)", page, got.Open)
				}
				tb.click(`figure.chart-block details.chart-data > summary`)
				if !tb.waitFor(`document.querySelector('details.chart-data .table-wrap').checkVisibility()`, 2*time.Second) {
					t.Errorf("%s: on a phone a tap on the summary does not show the first chart's data table", page)
				}
				if page == "index.html" {
					latest := eval[float64](tb, `document.querySelector('#reports-table').closest('.table-wrap').getBoundingClientRect().height`)
					if latest > 3*phoneHeight {
						t.Errorf("on a phone the table of the latest reports is %.0f px tall, more than three screens (%d px)", latest, 3*phoneHeight)
					}
				}
				for _, o := range eval[[]string](tb, overflowJS) {
					t.Errorf("on a phone %s: %s", page, o)
				}
			} else {
				if !got.Open || !got.Shown || got.Table == nil {
					t.Errorf("%s: on a wide screen the first chart's data table is not shown (open %v)", page, got.Open)
				} else if got.Table.Left < got.Chart.Right {
					t.Errorf("%s: on a wide screen the first chart's data table (from %.0f px) is not beside the chart (to %.0f px)", page, got.Table.Left, got.Chart.Right)
				}
			}
			tb.report(tb.logProblems())
		}
	}
}

// TestCompareTableIsShortOnAPhone: the table of each county's spending by
// year on compare/index.html (260 rows here) holds 100 rows a page, the
// rest on the pages its pager leads to, and on a phone each row is one
// line, a long department's name (工业和信息化局) unbroken: rows broken a
// character a line made it 94 px a row, 47,000 px a page of 500.
func TestCompareTableIsShortOnAPhone(t *testing.T) {
	p, host, base := longSite(t)
	for _, page := range []string{"compare/index-2.html", "compare/index-3.html"} {
		if !p.Exists(page) {
			t.Errorf("the table of 260 rows has no %s", page)
		}
	}
	tb := openWith(t, p.Out, base, host, base+"compare/index.html", phoneScreen)
	rows := eval[[]float64](tb, `Array.from(document.querySelectorAll('#by-county ~ .table-wrap tbody tr, section[aria-labelledby="by-county"] .table-wrap tbody tr')).map(r => r.getBoundingClientRect().height)`)
	if len(rows) != 100 {
		t.Errorf("compare/index.html's table by county has %d rows, want 100", len(rows))
	}
	line := eval[float64](tb, `parseFloat(getComputedStyle(document.querySelector('section[aria-labelledby="by-county"] tbody td')).lineHeight)`)
	for i, h := range rows {
		// A line of text, its cell's padding and border.
		if h > 2*line {
			t.Errorf("on a phone row %d of compare/index.html's table by county is %.0f px tall, more than a line (%.0f px)", i+1, h, line)
			break
		}
	}
	if n := eval[int](tb, `document.querySelectorAll('section[aria-labelledby="by-county"] nav.pager a[href$="index-2.html"]').length`); n == 0 {
		t.Error("compare/index.html's pager does not lead to page 2")
	}
	for _, o := range eval[[]string](tb, overflowJS) {
		t.Errorf("on a phone compare/index.html: %s", o)
	}
	tb.report(tb.logProblems())
}

// TestRankLeadsToItsRanking: on a phone, a tap on a rank of a county
// page (第n名/共130份) opens the compare page of the report's kind of
// department at the chart of that figure, in view; a rank of 基本支出,
// which has no chart of its own, opens the page's explorer showing
// 基本支出, highest first.
func TestRankLeadsToItsRanking(t *testing.T) {
	p, host, base := longSite(t)
	// 地泰县 leads its kind in spending, and 东安县 is last of 130.
	const county = "county/di-tai-xian.html"
	for _, c := range []struct {
		link, path, hash, metric string
	}{
		{`a.rank[href$="#fig-spending"]`, "/compare/2023/cai-zheng.html", "#fig-spending", ""},
		{`a.rank[href$="?metric=basic#explore"]`, "/compare/2023/cai-zheng.html", "#explore", "basic"},
	} {
		tb := openWith(t, p.Out, base, host, base+county, phoneScreen)
		if eval[int](tb, `document.querySelectorAll('`+c.link+`').length`) == 0 {
			t.Fatalf("%s has no rank %s", county, c.link)
		}
		tb.click(c.link)
		if !tb.waitFor(`location.pathname === `+fmt.Sprintf("%q", c.path)+` && document.readyState === 'complete'`, 5*time.Second) {
			t.Fatalf("a tap on %s of %s opened %s, want %s", c.link, county, eval[string](tb, `location.pathname`), c.path)
		}
		if got := eval[string](tb, `location.hash`); got != c.hash {
			t.Errorf("a tap on %s opened %s at %q, want %q", c.link, c.path, got, c.hash)
		}
		if top := eval[float64](tb, `document.querySelector('`+c.hash+`').getBoundingClientRect().top`); top < -1 || top > phoneHeight/2 {
			t.Errorf("a tap on %s opened %s with %s at %.0f px, not at the top of the screen", c.link, c.path, c.hash, top)
		}
		if c.metric != "" {
			if got := eval[string](tb, `document.querySelector('[data-explorer] select[name=metric]').value`); got != c.metric {
				t.Errorf("a tap on %s opened the explorer on %q, want %q", c.link, got, c.metric)
			}
		}
		tb.report(tb.logProblems())
	}
}

// TestRankBelowTheChartLeadsAroundIt: a rank below the highest 40, which
// the charts show (东安县's 支出合计, 第130名/共130份), leads to the
// explorer showing the 40 reports around the report rather than the
// highest: the summary and the count say which places are drawn, and
// where the report is.
func TestRankBelowTheChartLeadsAroundIt(t *testing.T) {
	p, host, base := longSite(t)
	const county = "county/dong-an-xian.html"
	tb := openWith(t, p.Out, base, host, base+county, phoneScreen)
	link := `td[data-label^="支出合计"] a.rank[href*="&around=dong-an-xian"]`
	rank := eval[string](tb, `(document.querySelector('`+link+`') || {}).textContent || ''`)
	place, of := 0, 0
	if _, err := fmt.Sscanf(rank, "第%d名/共%d份", &place, &of); err != nil || place <= 40 {
		t.Fatalf("%s: the rank of 支出合计 that links around the report is %q (%v), want one below 40", county, rank, err)
	}
	tb.click(link)
	if !tb.waitFor(`location.pathname.endsWith('/compare/2023/cai-zheng.html') && document.readyState === 'complete'`, 5*time.Second) {
		t.Fatalf("a tap on %s opened %s", rank, eval[string](tb, `location.href`))
	}
	if !tb.waitFor(`/图中为第\d+至\d+名/.test(document.querySelector('[data-explorer] figcaption .chart-summary').textContent)`, 5*time.Second) {
		t.Fatalf("the explorer does not say it draws the reports around 东安县: %q",
			eval[string](tb, `document.querySelector('[data-explorer] figcaption .chart-summary').textContent`))
	}
	summary := eval[string](tb, `document.querySelector('[data-explorer] figcaption .chart-summary').textContent`)
	if want := fmt.Sprintf("东安县·财政局排第%d名。", place); !strings.Contains(summary, want) && !strings.Contains(summary, fmt.Sprintf("东安县排第%d名。", place)) {
		t.Errorf("the explorer's summary %q does not say %s", summary, want)
	}
	from, to := 0, 0
	count := eval[string](tb, `document.querySelector('[data-explorer] output').textContent`)
	if _, err := fmt.Sscanf(count, "显示第 %d–%d 名", &from, &to); err != nil || to-from+1 != 40 || place < from || place > to {
		t.Errorf("the explorer's count %q (%v) does not draw 40 places around %d", count, err, place)
	}
	if got := eval[string](tb, `document.querySelector('[data-explorer] select[name=metric]').value`); got != "total" {
		t.Errorf("the explorer shows %q, want total", got)
	}
	// Its bar, and only its, has a dark edge.
	const chart = `echarts.getInstanceByDom(document.querySelector('[data-explorer] .chart'))`
	if !tb.waitFor(`typeof echarts !== 'undefined' && !!`+chart, 5*time.Second) {
		t.Fatal("the explorer's chart is not drawn")
	}
	edged := eval[[]string](tb, `(() => {
	  const o = `+chart+`.getOption();
	  const cats = [].concat(o.yAxis, o.xAxis).find(a => a && a.type === 'category').data;
	  return o.series[0].data.map((d, i) => d && d.itemStyle && d.itemStyle.borderWidth === 3 ? cats[i] : null).filter(Boolean);
	})()`)
	if len(edged) != 1 || !strings.HasPrefix(edged[0], "东安县") {
		t.Errorf("the explorer edges the bars of %q, want 东安县's alone", edged)
	}
	tb.report(tb.logProblems())
}

// TestDisclosureIsShortOnAPhone: the disclosure page of a large site
// holds 100 reports a page, as the other lists do, and its first page's
// table by county the 100 least complete counties, saying how many it
// leaves out: at 200 reports and 500 counties a page, the first page of
// a 15k site was 37,700 px tall on a phone (13,500 now), and this one's
// 33,750 px (19,250 now: its reports give only spending and score, and
// each card lists the nine figures missing).
func TestDisclosureIsShortOnAPhone(t *testing.T) {
	p, host, base := longSite(t)
	if !p.Exists("disclosure-6.html") || p.Exists("disclosure-7.html") {
		t.Error("the disclosure table of 520 reports is not on 6 pages")
	}
	tb := openWith(t, p.Out, base, host, base+"disclosure.html", phoneScreen)
	got := eval[struct {
		Reports, Counties int
		Height, Screen    float64
		Note              string
	}](tb, `({
  reports: document.querySelectorAll('table.marks > tbody > tr').length,
  counties: document.querySelectorAll('#county-disclosure-table > tbody > tr').length,
  height: document.documentElement.scrollHeight, screen: innerHeight,
  note: document.querySelector('section[aria-labelledby="by-county"] > p.note')?.textContent ?? '',
})`)
	if got.Reports != 100 {
		t.Errorf("disclosure.html lists %d reports, want 100", got.Reports)
	}
	if got.Counties != 100 {
		t.Errorf("disclosure.html's table by county lists %d counties, want 100", got.Counties)
	}
	if !strings.Contains(got.Note, "共130个县（市、区）") || !strings.Contains(got.Note, "其余30个未列出") {
		t.Errorf("the table by county does not say it leaves 30 of 130 counties out: %q", got.Note)
	}
	t.Logf("disclosure.html on a phone: %.0f px, %.1f screens", got.Height, got.Height/got.Screen)
	if got.Height > 25*got.Screen {
		t.Errorf("on a phone disclosure.html is %.0f px tall, more than 25 screens", got.Height)
	}
	for _, o := range eval[[]string](tb, overflowJS) {
		t.Errorf("on a phone disclosure.html: %s", o)
	}
	tb.report(tb.logProblems())
}

// TestCountyDisclosureOnAPhone: on a phone, the disclosure page's table by
// county is a card a county: its name, number of reports and
// completeness on one line, and a completeness that says what it counted
// (计…项，披露…项；另给出…项不计入), which its narrow column broke down four
// lines, on a second line across the card, its share still at the right.
func TestCountyDisclosureOnAPhone(t *testing.T) {
	browser(t)
	var files strings.Builder
	for i, county := range []string{"桃源县", "沅江市", "雨花区"} {
		fmt.Fprintf(&files, "-- content/w%d.md --\n---\ncounty: %s\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nspending: {total: %d, basic: 400, project: 600}\nscore: 90\n---\n正文。\n", i, county, 1000+i)
		if county != "雨花区" {
			fmt.Fprintf(&files, "-- content/p%d.md --\n---\ncounty: %s\ndepartment: 财政局\nyear: 2021\ntype: 项目支出\nproject: 乡村道路\nspending: {total: 502}\nincome: 502\nstaff: {authorized: 18, actual: 13}\n---\n正文。\n", i, county)
		}
	}
	p := buildtest.New(t, files.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := openWith(t, p.Out, base, host, base+"disclosure.html", phoneScreen)
	type card struct {
		Name, Count, Note         string
		NameTop, CountTop, Top    float64
		Height, Line, Right, Edge float64
		Share                     string
	}
	cards := eval[[]card](tb, `[...document.querySelectorAll('#county-disclosure-table > tbody > tr')].map(tr => {
  const [name, count, share] = tr.children;
  const note = share.querySelector('.na');
  const box = e => e.getBoundingClientRect();
  // Where the share's own text (the cell's first text) ends.
  const r = document.createRange();
  r.selectNodeContents(share.firstChild);
  return {
    name: name.textContent, count: getComputedStyle(count, '::after').content, note: note ? note.textContent : '',
    nameTop: box(name).top, countTop: box(count).top, top: box(share).top,
    height: box(share).height, line: parseFloat(getComputedStyle(share).lineHeight),
    right: r.getBoundingClientRect().right, edge: box(tr).right - parseFloat(getComputedStyle(tr).paddingRight),
    share: share.firstChild.textContent,
  };
})`)
	if len(cards) != 3 {
		t.Fatalf("the table by county has %d rows, want 3", len(cards))
	}
	notes := 0
	for _, c := range cards {
		if c.Count != `"份报告"` {
			t.Errorf("%s: its number of reports reads without 份报告 (content %s)", c.Name, c.Count)
		}
		if math.Abs(c.CountTop-c.NameTop) > 4 {
			t.Errorf("%s: its number of reports is not on the line of its name (%.0f against %.0f)", c.Name, c.CountTop, c.NameTop)
		}
		if c.Height > 1.5*c.Line {
			t.Errorf("%s: its completeness %q takes %.0f px, more than a line of %.0f", c.Name, c.Share+c.Note, c.Height, c.Line)
		}
		if math.Abs(c.Right-c.Edge) > 2 {
			t.Errorf("%s: its share %s ends at %.0f, not at the right of its card (%.0f)", c.Name, c.Share, c.Right, c.Edge)
		}
		switch {
		case c.Note == "":
			if math.Abs(c.Top-c.NameTop) > 4 {
				t.Errorf("%s: its completeness is not on the line of its name", c.Name)
			}
		default:
			notes++
			if !strings.Contains(c.Note, "不计入") {
				t.Errorf("%s: its completeness says %q", c.Name, c.Note)
			}
			if c.Top < c.NameTop+c.Line*0.8 {
				t.Errorf("%s: its completeness, with what it counted, is not on a line of its own", c.Name)
			}
		}
	}
	if notes != 2 {
		t.Errorf("%d counties' completeness says what it counted, want 2 (those with a 项目支出 report)", notes)
	}
	for _, o := range eval[[]string](tb, overflowJS) {
		t.Errorf("on a phone disclosure.html: %s", o)
	}
	tb.report(tb.logProblems())
}
