package browsertest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/serve"
)

// chartView is what viewJS reports about a drawn chart.
type chartView struct {
	Unit       string   `json:"unit"`
	Series     []string `json:"series"`
	Categories []string `json:"categories"`
}

// viewJS returns the drawn option of the chart with the id: the value
// axis's unit, the series names and the category labels.
func viewJS(id string) string {
	return `(() => {
  const o = echarts.getInstanceByDom(document.getElementById(` + "`" + id + "`" + `)).getOption();
  const cat = o.yAxis[0].type === 'category' ? o.yAxis[0] : o.xAxis[0];
  const val = o.yAxis[0].type === 'category' ? o.xAxis[0] : o.yAxis[0];
  return {unit: val.name || '', series: o.series.map(s => s.name), categories: cat.data || []};
})()`
}

func TestPerStaffToggle(t *testing.T) {
	site(t)
	tb := open(t, env.out, env.base, env.host, env.base+"compare/2020.html")
	tb.showCharts()
	if !tb.waitFor(chartsSettledJS, 10*time.Second) {
		t.Fatal("charts did not settle")
	}
	before := eval[chartView](tb, viewJS("chart-spending"))
	if before.Unit != "万元" {
		t.Fatalf("spending chart unit %q before the switch", before.Unit)
	}
	// The caption and the chart's label say what is shown: the totals,
	// then the figures per staff member.
	type said struct{ Title, Summary, Label string }
	const saidJS = `({title: document.querySelector('#fig-spending figcaption strong').textContent,
  summary: document.querySelector('#fig-spending .chart-summary').textContent,
  label: document.getElementById('chart-spending').getAttribute('aria-label')})`
	totals := eval[said](tb, saidJS)
	if !strings.Contains(totals.Summary, "万元") || strings.Contains(totals.Summary, "万元/人") {
		t.Errorf("before the switch the summary says %q, want the totals in 万元", totals.Summary)
	}
	if want := totals.Title + "。" + totals.Summary; totals.Label != want {
		t.Errorf("the drawn chart's label is %q, want its title and summary, %q", totals.Label, want)
	}
	tb.click(`#fig-spending .variant-toggle button[data-variant="per-staff"]`)
	after := eval[chartView](tb, viewJS("chart-spending"))
	if after.Unit != "万元/人" {
		t.Errorf("after choosing 人均 the unit is %q, want 万元/人", after.Unit)
	}
	perStaff := eval[said](tb, saidJS)
	if !strings.Contains(perStaff.Title, "人均") || !strings.Contains(perStaff.Summary, "万元/人") {
		t.Errorf("after choosing 人均 the caption says %q, %q; want the figures per staff member", perStaff.Title, perStaff.Summary)
	}
	if want := perStaff.Title + "。" + perStaff.Summary; perStaff.Label != want {
		t.Errorf("after choosing 人均 the chart's label is %q, want %q", perStaff.Label, want)
	}
	tb.click(`#fig-spending .variant-toggle button[data-variant="main"]`)
	if back := eval[said](tb, saidJS); back != totals {
		t.Errorf("back on 总额 the caption and label say %+v, want %+v again", back, totals)
	}
	tb.click(`#fig-spending .variant-toggle button[data-variant="per-staff"]`)
	type state struct {
		Pressed, MainHidden, PerHidden bool
	}
	st := eval[state](tb, `({
  pressed: document.querySelector('#fig-spending button[data-variant="per-staff"]').getAttribute('aria-pressed') === 'true',
  mainHidden: document.querySelector('#fig-spending [data-variant-table="main"]').hidden,
  perHidden: document.querySelector('#fig-spending [data-variant-table="per-staff"]').hidden})`)
	if !st.Pressed || !st.MainHidden || st.PerHidden {
		t.Errorf("after choosing 人均: %+v; want the button pressed and the per-staff table shown instead", st)
	}
	if !tb.waitFor(chartsInkedJS, 5*time.Second) {
		t.Error("the chart is blank after the switch")
	}
	// Every drawn chart offers its data and picture.
	if n := eval[int](tb, `document.querySelectorAll('.chart-block .chart-tools button').length`); n < 2*5 {
		t.Errorf("%d chart download buttons, want two per chart", n)
	}
	tb.report(tb.logProblems())
}

func TestExplorerMetricSwitchAndSharedURL(t *testing.T) {
	site(t)
	tb := open(t, env.out, env.base, env.host, env.base+"compare/2020.html")
	tb.showCharts()
	if !tb.waitFor(chartsSettledJS, 10*time.Second) {
		t.Fatal("charts did not settle")
	}
	first := eval[chartView](tb, viewJS("chart-explorer"))
	if len(first.Series) != 1 || first.Series[0] != "支出合计" || len(first.Categories) < 2 {
		t.Fatalf("explorer starts with %+v", first)
	}
	// Switch the metric as a reader does, with the select.
	eval[bool](tb, `(() => { const s = document.querySelector('[data-explorer] select[name="metric"]');
  s.value = 'total_per_staff'; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	view := eval[chartView](tb, viewJS("chart-explorer"))
	if len(view.Series) != 1 || view.Series[0] != "人均支出" || view.Unit != "万元/人" {
		t.Errorf("after choosing 人均支出 the explorer shows %+v", view)
	}
	if !tb.waitFor(`new URLSearchParams(location.search).get('metric') === 'total_per_staff'`, 3*time.Second) {
		t.Error("the chosen metric is not in the URL")
	}
	tb.report(tb.logProblems())

	// A shared link opens the same view: metric and counties from the URL,
	// and links to other years keep them.
	shared := env.base + "compare/2020.html?metric=total&counties=yu-hua-qu"
	tb2 := open(t, env.out, env.base, env.host, shared)
	tb2.showCharts()
	if !tb2.waitFor(chartsSettledJS, 10*time.Second) {
		t.Fatal("charts did not settle")
	}
	view = eval[chartView](tb2, viewJS("chart-explorer"))
	if len(view.Categories) != 1 || !strings.HasPrefix(view.Categories[0], "雨花区") || view.Series[0] != "支出合计" {
		t.Errorf("the shared link shows %+v, want only 雨花区's 支出合计", view)
	}
	selected := eval[[]string](tb2, `Array.from(document.querySelectorAll('[data-explorer] select[name="counties"] option')).filter(o => o.selected).map(o => o.value)`)
	if len(selected) != 1 || selected[0] != "yu-hua-qu" {
		t.Errorf("selected counties %q", selected)
	}
	links := eval[[]string](tb2, `Array.from(document.querySelectorAll('a[data-keep-query]')).map(a => a.getAttribute('href'))`)
	if len(links) == 0 {
		t.Fatal("no links to other years")
	}
	for _, l := range links {
		if !strings.HasSuffix(l, "?metric=total&counties=yu-hua-qu") {
			t.Errorf("link to another year %q drops the chosen view", l)
		}
	}
	tb2.report(tb2.logProblems())
}

// TestExplorerFindsCounties narrows the explorer's list of counties by
// what is typed, as a reader looking for one county among thousands does:
// pinyin initials, then Chinese; a chosen county stays listed whatever is
// typed, and 清除所选 brings every county back.
func TestExplorerFindsCounties(t *testing.T) {
	site(t)
	tb := open(t, env.out, env.base, env.host, env.base+"compare/2020.html")
	tb.showCharts()
	const listed = `Array.from(document.querySelector('[data-explorer] select[name="counties"]').options).map(o => o.textContent + (o.selected ? '*' : ''))`
	all := eval[[]string](tb, listed)
	if !slices.Contains(all, "雨花区") || !slices.Contains(all, "桃源县") {
		t.Fatalf("the explorer lists %q, want 雨花区 and 桃源县 among them", all)
	}
	tb.sendKeys(`[data-explorer] input[name="find"]`, "yhq")
	if got := eval[[]string](tb, listed); !slices.Equal(got, []string{"雨花区"}) {
		t.Errorf("after typing yhq the explorer lists %q, want 雨花区 alone", got)
	}
	eval[bool](tb, `(() => { const s = document.querySelector('[data-explorer] select[name="counties"]');
  s.options[0].selected = true; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	if view := eval[chartView](tb, viewJS("chart-explorer")); len(view.Categories) != 1 || !strings.HasPrefix(view.Categories[0], "雨花区") {
		t.Errorf("雨花区 chosen, the explorer draws %q", view.Categories)
	}
	tb.sendKeys(`[data-explorer] input[name="find"]`, "\b\b\b桃源")
	if got := eval[[]string](tb, listed); !slices.Equal(got, []string{"桃源县", "雨花区*"}) && !slices.Equal(got, []string{"雨花区*", "桃源县"}) {
		t.Errorf("after typing 桃源 the explorer lists %q, want 桃源县 and the chosen 雨花区", got)
	}
	if q := eval[string](tb, `new URLSearchParams(location.search).get('counties')`); q != "yu-hua-qu" {
		t.Errorf("the URL keeps counties=%q, want yu-hua-qu", q)
	}
	tb.click(`[data-explorer] button[type="reset"]`)
	if !tb.waitFor(`document.querySelector('[data-explorer] select[name="counties"]').options.length === `+fmt.Sprint(len(all)), 3*time.Second) {
		t.Errorf("after 清除所选 the explorer lists %q, want every county", eval[[]string](tb, listed))
	}
	if got := eval[[]string](tb, listed); !slices.Equal(got, all) {
		t.Errorf("after 清除所选 the explorer lists %q, want %q, in that order and none chosen", got, all)
	}
	tb.report(tb.logProblems())
}

// TestServeReloadsTheTab runs the live preview against a small project,
// opens a page in chromium, and checks that a change reloads the tab and
// that a broken file shows its error over the page.
func TestServeReloadsTheTab(t *testing.T) {
	browser(t)
	p := buildtest.New(t, "-- content/jia.md --\n---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n第一版正文。\n")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.New(build.Config{Root: p.Dir}, io.Discard, io.Discard).Run(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	host := ln.Addr().String()
	base := "http://" + host + "/"
	for i := 0; ; i++ {
		if resp, err := http.Get(base + "index.html"); err == nil {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb := open(t, p.Out, base, host, base+"report/jia-xian/2020-cai-zheng-ju-zheng-ti.html")
	if !tb.waitFor(`!!document.body && document.body.textContent.includes('第一版正文')`, 5*time.Second) {
		t.Fatal("page not shown")
	}
	// Give the page time to connect to the event stream.
	time.Sleep(300 * time.Millisecond)
	p.Write("content/jia.md", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n第二版正文。\n")
	if !tb.waitFor(`!!document.body && document.body.textContent.includes('第二版正文')`, 10*time.Second) {
		t.Fatal("the tab did not reload after the change")
	}
	time.Sleep(300 * time.Millisecond)
	p.Write("content/jia.md", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 二〇二〇\ntype: 整体支出\n---\n")
	if !tb.waitFor(`!!document.querySelector('.serve-error') && document.querySelector('.serve-error').textContent.includes('content/jia.md:4:7: year')`, 10*time.Second) {
		t.Fatal("the error of the broken file is not shown in the page")
	}
	if !tb.waitFor(`!!document.body && document.body.textContent.includes('第二版正文')`, time.Second) {
		t.Error("the last good page is gone")
	}
	tb.report(tb.logProblems())
}

// finderState is what finderJS reports of counties.html's list.
type finderState struct {
	Shown    []string `json:"shown"`    // the counties listed, in order
	Headings []string `json:"headings"` // the prefectures still headed
	Output   string   `json:"output"`
	Q        string   `json:"q"` // q in the URL
}

const finderJS = `({
  shown: Array.from(document.querySelectorAll('#county-groups li')).filter(li => li.getClientRects().length).map(li => li.querySelector('a').textContent),
  headings: Array.from(document.querySelectorAll('#county-groups h2')).filter(h => h.getClientRects().length).map(h => h.textContent),
  output: document.querySelector('form[data-list] output').textContent,
  q: new URLSearchParams(location.search).get('q') || '',
})`

// TestCountyFinder finds a county by its initials from the home page's
// filter, which searches only the reports the home page shows, through
// its link to the list of every county, whose own filter then shows that
// county alone; typing there changes the list and the URL. A county
// page's breadcrumb leads from its prefecture to the same list, filtered.
func TestCountyFinder(t *testing.T) {
	site(t)
	tb := open(t, env.out, env.base, env.host, env.base+"index.html")
	if eval[bool](tb, `!document.querySelector('a.filter-more').hidden`) {
		t.Error("the link to every county shows before anything is typed")
	}
	tb.sendKeys(`form.table-filter input[name="q"]`, "qdx")
	more := eval[struct {
		Hidden bool   `json:"hidden"`
		Href   string `json:"href"`
		Text   string `json:"text"`
	}](tb, `(a => ({hidden: a.hidden || !a.getClientRects().length, href: a.href, text: a.textContent}))(document.querySelector('a.filter-more'))`)
	if more.Hidden || more.Href != env.base+"counties.html?q=qdx" || !strings.Contains(more.Text, "qdx") {
		t.Fatalf("after typing qdx, the link to every county is %+v, want it shown, to %scounties.html?q=qdx", more, env.base)
	}
	tb.follow(`a.filter-more`)
	if !tb.waitFor(`location.pathname.endsWith('/counties.html')`, time.Second) {
		t.Fatal("the link did not open counties.html")
	}
	got := eval[finderState](tb, finderJS)
	if !slices.Equal(got.Shown, []string{"祁东县"}) || len(got.Headings) != 1 || got.Output != "显示 1 / 5 个县（市、区）" {
		t.Errorf("counties.html?q=qdx shows %+v, want 祁东县 alone under its prefecture, 显示 1 / 5", got)
	}
	tb.sendKeys(`form[data-list] input[name="q"]`, "\b\b\byuan")
	got = eval[finderState](tb, finderJS)
	slices.Sort(got.Shown)
	if want := []string{"桃源县", "沅江市"}; !slices.Equal(got.Shown, want) {
		t.Errorf("typing yuan shows %v, want %v (pinyin taoyuanxian, yuanjiangshi)", got.Shown, want)
	}
	if !tb.waitFor(`new URLSearchParams(location.search).get('q') === 'yuan'`, 3*time.Second) {
		t.Errorf("the URL keeps q=%q after typing yuan", eval[finderState](tb, finderJS).Q)
	}
	// A prefecture's or province's name finds its counties.
	tb.sendKeys(`form[data-list] input[name="q"]`, "\b\b\b\b常德")
	if got := eval[finderState](tb, finderJS); !slices.Equal(got.Shown, []string{"桃源县"}) {
		t.Errorf("typing 常德 shows %v, want 桃源县 (常德市)", got.Shown)
	}
	tb.sendKeys(`form[data-list] input[name="q"]`, "\b\b湖南")
	if got := eval[finderState](tb, finderJS); len(got.Shown) != 5 {
		t.Errorf("typing 湖南 shows %v, want all 5 counties (湖南省)", got.Shown)
	}
	// A county typed with its department finds the county, and says so;
	// what finds nothing says what to type.
	tb.sendKeys(`form[data-list] input[name="q"]`, "\b\b祁东县行政审批服务局")
	if got := eval[finderState](tb, finderJS); !slices.Equal(got.Shown, []string{"祁东县"}) || got.Output != "没有找到“祁东县行政审批服务局”，下面是“祁东县”：显示 1 / 5 个县（市、区）" {
		t.Errorf("typing 祁东县行政审批服务局 shows %+v, want 祁东县, said to be found by 祁东县", got)
	}
	tb.sendKeys(`form[data-list] input[name="q"]`, strings.Repeat("\b", 10)+"qqq")
	if got := eval[finderState](tb, finderJS); len(got.Shown) != 0 || !strings.HasPrefix(got.Output, "没有找到“qqq”。请只输入县（市、区）的名称") {
		t.Errorf("typing qqq shows %+v, want nothing and what to type", got)
	}
	tb.report(tb.logProblems())

	// A county page's breadcrumb leads from its prefecture to the
	// prefecture's counties.
	county := open(t, env.out, env.base, env.host, env.base+"county/tao-yuan-xian.html")
	county.follow(`nav.breadcrumb a[href*="counties.html"]`)
	if !county.waitFor(`location.pathname.endsWith('/counties.html')`, time.Second) {
		t.Fatal("the prefecture in the breadcrumb did not open counties.html")
	}
	if got := eval[finderState](county, finderJS); !slices.Equal(got.Shown, []string{"桃源县"}) || got.Q != "常德市" {
		t.Errorf("from 常德市 in the breadcrumb, counties.html shows %+v, want 桃源县 for q=常德市", got)
	}
	county.report(county.logProblems())
}

// TestNameColumnsSortByPinyin clicks the county and department headers of
// the report table and requires the names in the site's pinyin order (as
// site.SortNames gives it): 长沙县 under chang, where the browser's own
// collation for Chinese, which reads 长 as zhang, would put it after
// 张家界市.
func TestNameColumnsSortByPinyin(t *testing.T) {
	browser(t)
	report := func(county, prefecture, department string) string {
		return "---\ncounty: " + county + "\nprefecture: " + prefecture + "\ndepartment: " + department +
			"\nyear: 2020\ntype: 整体支出\nspending: {total: 100}\n---\n正文。\n"
	}
	var archive strings.Builder
	for i, r := range [][3]string{
		{"张家界市", "张家界市", "教育局"}, {"长沙县", "长沙市", "财政局"}, {"常德市", "常德市", "长寿办"},
		{"株洲县", "株洲市", "朝阳办"}, {"安化县", "益阳市", "张家湾办"},
	} {
		fmt.Fprintf(&archive, "-- content/r%d.md --\n%s", i, report(r[0], r[1], r[2]))
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := open(t, p.Out, base, host, base+"index.html")
	for _, c := range []struct {
		col  int
		want []string
	}{
		{1, []string{"安化县", "常德市", "长沙县", "张家界市", "株洲县"}},
		{3, []string{"财政局", "长寿办", "朝阳办", "教育局", "张家湾办"}},
	} {
		tb.click(fmt.Sprintf("#reports-table thead th:nth-child(%d) > button", c.col))
		got := eval[[]string](tb, fmt.Sprintf(`Array.from(document.querySelectorAll('#reports-table tbody tr')).map(r => r.cells[%d].textContent.trim())`, c.col-1))
		if !slices.Equal(got, c.want) {
			t.Errorf("sorted by column %d: %q, want %q", c.col, got, c.want)
		}
	}
	tb.report(tb.logProblems())
}

// TestGradeColumnSortsByRank clicks the 等级 header of the report table:
// the grades sort by rank, 差 < 中 < 良 < 优 and then the other way, with
// a grade not given last both ways; by their text, the browser would
// order them by pinyin (差 < 良 < 优 < 中).
func TestGradeColumnSortsByRank(t *testing.T) {
	browser(t)
	var archive strings.Builder
	for i, g := range []string{"良", "", "优", "差", "中"} {
		grade := ""
		if g != "" {
			grade = "grade: " + g + "\n"
		}
		fmt.Fprintf(&archive, "-- content/r%d.md --\n---\ncounty: 甲县\ndepartment: 局%d\nyear: 2020\ntype: 整体支出\nspending: {total: 100}\n%s---\n正文。\n", i, i, grade)
	}
	p := buildtest.New(t, archive.String())
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := open(t, p.Out, base, host, base+"index.html")
	for _, want := range [][]string{
		{"差", "中", "良", "优", "未披露"},
		{"优", "良", "中", "差", "未披露"},
	} {
		tb.click("#reports-table thead th:nth-child(9) > button")
		got := eval[[]string](tb, `Array.from(document.querySelectorAll('#reports-table tbody tr')).map(r => r.cells[8].textContent.trim())`)
		if !slices.Equal(got, want) {
			t.Errorf("sorted by 等级: %q, want %q", got, want)
		}
	}
	tb.report(tb.logProblems())
}
