package browsertest

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// serveBuilt serves the built site of p at the root of a port of its own,
// as a static host does, until the test ends; it returns the host:port
// and the site's URL.
func serveBuilt(t *testing.T, p *buildtest.Project) (host, base string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: staticHost(p.Out), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	host = ln.Addr().String()
	return host, "http://" + host + "/"
}

// explorerSaid is what the explorer says of its view: its caption, the
// chart's label, the count beside the controls, whether the chart is
// hidden, and the categories drawn when it is not.
type explorerSaid struct {
	Title, Summary, Label, Count string
	Hidden                       bool
}

const explorerSaidJS = `({title: document.querySelector('#fig-explorer figcaption strong').textContent,
  summary: document.querySelector('#fig-explorer .chart-summary').textContent,
  label: document.getElementById('chart-explorer').getAttribute('aria-label'),
  count: document.querySelector('[data-explorer] output').textContent,
  hidden: document.getElementById('chart-explorer').hidden || document.getElementById('chart-explorer').offsetHeight === 0})`

// TestExplorerSaysWhatIsMissing opens the explorer with counties chosen
// that do not give the metric: in place of an empty chart it must say, in
// its caption, the chart's label and its count, that the chosen reports do
// not give it; when some do, it draws those, says how many of the chosen
// have data (所选3份中仅甲县有数据, not 仅甲县有数据, which would read as of
// the whole year) and how many of the chosen are left out and why (not disclosed, a likely unit
// slip, or a value per head of a count of staff in doubt); and
// a metric asked for from another year that no report of this year gives
// is said to be absent, not silently replaced.
func TestExplorerSaysWhatIsMissing(t *testing.T) {
	browser(t)
	r := func(county string, year int, figures string) string {
		return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: " + strconv.Itoa(year) + "\ntype: 整体支出\n" + figures + "\n---\n正文。\n"
	}
	p := buildtest.New(t, "-- content/a20.md --\n"+r("甲县", 2020, "spending: {total: 100}\nscore: 90\ngrade: 优")+
		"-- content/b20.md --\n"+r("乙县", 2020, "spending: {total: 200}")+
		"-- content/c20.md --\n"+r("丙县", 2020, "spending: {total: 300}")+
		"-- content/d20.md --\n"+r("丁县", 2020, "spending: {total: 12005000}")+ // in 元: unit.size
		"-- content/a21.md --\n"+r("甲县", 2021, "spending: {total: 110}")+
		"-- content/b21.md --\n"+r("乙县", 2021, "spending: {total: 120}")+
		"-- content/a22.md --\n"+r("甲县", 2022, "spending: {total: 100}\nstaff: {actual: 20}")+
		"-- content/e22.md --\n"+r("戊县", 2022, "spending: {total: 1530.53}\nstaff: {actual: 1700000}")+ // a count no department has: unit.size
		"-- content/f22.md --\n"+r("己县", 2022, "spending: {total: 500}")) // no staff: a value per head it cannot have
	p.MustBuild()
	host, base := serveBuilt(t, p)
	load := func(query string) (*tab, explorerSaid) {
		t.Helper()
		tb := open(t, p.Out, base, host, base+"compare/"+query)
		tb.showCharts()
		if !tb.waitFor(`document.querySelector('#fig-explorer .chart-summary').textContent !== ''`, 5*time.Second) {
			t.Fatalf("%s: the explorer says nothing", query)
		}
		return tb, eval[explorerSaid](tb, explorerSaidJS)
	}
	wantSaid := func(query string, got explorerSaid, summary, count string, hidden bool) {
		t.Helper()
		if got.Title != "自评得分" && got.Title != "支出合计" {
			t.Errorf("%s: the caption's title is %q", query, got.Title)
		}
		if !strings.HasPrefix(got.Summary, summary) {
			t.Errorf("%s: the caption says %q; want it to begin %q", query, got.Summary, summary)
		}
		if want := got.Title + "。" + got.Summary; got.Label != want {
			t.Errorf("%s: the chart's label is %q; want its caption, %q", query, got.Label, want)
		}
		if got.Count != count {
			t.Errorf("%s: the count says %q; want %q", query, got.Count, count)
		}
		if got.Hidden != hidden {
			t.Errorf("%s: the chart is hidden: %v; want %v", query, got.Hidden, hidden)
		}
	}

	// None of the chosen gives a score: no empty chart, a sentence.
	q := "2020.html?metric=score&counties=yi-xian,bing-xian"
	tb, said := load(q)
	wantSaid(q, said, "所选的2份报告均未披露自评得分", "所选 2 份都没有该项数据", true)
	if strings.Contains(said.Summary, "没有可比较的数据") {
		t.Errorf("%s: the caption describes an empty chart: %q", q, said.Summary)
	}
	// Choosing one that gives it draws it, and counts the others.
	eval[bool](tb, `(() => { const s = document.querySelector('[data-explorer] select[name="counties"]');
  Array.from(s.options).find(o => o.value === 'jia-xian').selected = true; s.dispatchEvent(new Event('change', {bubbles: true}));
  // The chart under the form, in view, as a reader choosing sees it
  // (charts draw as they come into view).
  document.getElementById('fig-explorer').scrollIntoView(); return true; })()`)
	said = eval[explorerSaid](tb, explorerSaidJS)
	wantSaid(q+" and jia-xian", said, "所选3份中仅甲县有数据，自评得分为90分。另有2份未披露该项（丙县、乙县），图中未画出。", "显示所选 3 份中有数据的 1 份", false)
	if !tb.waitFor(`!!(window.echarts && echarts.getInstanceByDom(document.getElementById('chart-explorer')))`, 5*time.Second) {
		t.Fatal("the explorer is not drawn once a chosen report gives the metric")
	}
	if v := eval[chartView](tb, viewJS("chart-explorer")); len(v.Categories) != 1 || !strings.HasPrefix(v.Categories[0], "甲县") {
		t.Errorf("the explorer draws %q; want 甲县 alone", v.Categories)
	}
	// ECharts gives screen readers the same words as the caption.
	if !tb.waitFor(`document.getElementById('chart-explorer').getAttribute('aria-label') === '自评得分。' + document.querySelector('#fig-explorer .chart-summary').textContent`, 3*time.Second) {
		t.Errorf("once drawn, the chart's label is %q", eval[string](tb, `document.getElementById('chart-explorer').getAttribute('aria-label')`))
	}
	if got := strings.Split(eval[string](tb, `new URLSearchParams(location.search).get('counties')`), ","); len(got) != 3 ||
		!slices.Contains(got, "jia-xian") || !slices.Contains(got, "yi-xian") || !slices.Contains(got, "bing-xian") {
		t.Errorf("the URL keeps counties=%q; want the three chosen", got)
	}
	tb.report(tb.logProblems())

	for _, c := range []struct{ why, query, summary, count string }{
		{"A likely unit slip is left out, and said to be.",
			"2020.html?metric=total&counties=jia-xian,ding-xian",
			"所选2份中仅甲县有数据，支出合计为100万元。另有1份该项疑为单位错误（丁县），图中未画出。", "显示所选 2 份中有数据的 1 份"},
		// The count speaks of the chosen reports, not of the whole year.
		{"of three chosen, two drawn", "2020.html?metric=total&counties=jia-xian,yi-xian,ding-xian",
			"所选3份中2份有数据，支出合计最高的是乙县（200万元），最低的是甲县（100万元）。另有1份该项疑为单位错误（丁县），图中未画出。", "显示所选 3 份中有数据的 2 份"},
		{"both chosen drawn", "2020.html?metric=total&counties=jia-xian,yi-xian",
			"所选2份均有数据，支出合计最高的是乙县（200万元），最低的是甲县（100万元）。", "显示所选 2 份"},
		{"one chosen", "2020.html?metric=total&counties=yi-xian", "乙县的支出合计为200万元。", "显示所选 1 份"},
		{"No county chosen: the highest, and nothing said to be missing.", "2020.html?metric=total",
			"3份有数据，支出合计最高的是丙县（300万元），最低的是甲县（100万元）。", "显示最高的 3 份（共 3 份有数据）"},
		{"2021 has no score: a link from 2020 that asks for it says so.", "2021.html?metric=score",
			"本年度的报告均未披露自评得分，下图显示支出合计。", "显示最高的 2 份（共 2 份有数据）"},
	} {
		tb, said := load(c.query)
		wantSaid(c.why+" ("+c.query+")", said, c.summary, c.count, false)
		tb.report(tb.logProblems())
	}

	// A value per head made of a count of staff no department has is
	// left out too, and said to be a number in doubt, as the pages say
	// it, not a unit.
	q = "2022.html?metric=total_per_staff&counties=jia-xian,wu-xian"
	tb, said = load(q)
	if want := "另有1份该项疑为数字错误（戊县），图中未画出。"; !strings.HasPrefix(said.Summary, "所选2份中仅甲县有数据，") || !strings.HasSuffix(said.Summary, want) {
		t.Errorf("%s: the caption says %q; want it to name 甲县 alone and end %q", q, said.Summary, want)
	}
	if said.Count != "显示所选 2 份中有数据的 1 份" {
		t.Errorf("%s: the count says %q", q, said.Count)
	}
	tb.report(tb.logProblems())

	// A report that gives its spending but not its staff lacks the
	// staff, not the figure divided.
	q = "2022.html?metric=total_per_staff&counties=jia-xian,ji-xian"
	tb, said = load(q)
	if want := "另有1份未披露实有人数（己县），图中未画出。"; !strings.HasPrefix(said.Summary, "所选2份中仅甲县有数据，") || !strings.HasSuffix(said.Summary, want) {
		t.Errorf("%s: the caption says %q; want it to name 甲县 alone and end %q", q, said.Summary, want)
	}
	tb.report(tb.logProblems())
}

// jiaAndYi builds and serves a site of the 2020 reports of 甲县's and
// 乙县's 财政局, with the figures (front-matter lines) given, for the
// browser; it returns the project, the host:port and the site's URL.
func jiaAndYi(t *testing.T, jia, yi string) (p *buildtest.Project, host, base string) {
	t.Helper()
	return reportsSite(t, [3]string{"甲县", "2020", jia}, [3]string{"乙县", "2020", yi})
}

// reportsSite builds and serves a site of 财政局's 整体支出 reports, a
// file each of the county, year and figures (keys of a report file's
// front matter) given.
func reportsSite(t *testing.T, reports ...[3]string) (p *buildtest.Project, host, base string) {
	t.Helper()
	browser(t)
	var files strings.Builder
	for i, r := range reports {
		fmt.Fprintf(&files, "-- content/r%d.md --\n---\ncounty: %s\ndepartment: 财政局\nyear: %s\ntype: 整体支出\n%s\n---\n正文。\n", i, r[0], r[1], r[2])
	}
	p = buildtest.New(t, files.String())
	p.MustBuild()
	host, base = serveBuilt(t, p)
	return p, host, base
}

// TestExplorerMarksDerived: a value the report does not give, which its
// file's writer computed, is drawn with （推算） after the report's name,
// the caption says 推算 of it where it names it and points to the key
// under the chart, which says what that means (once: the caption does
// not say it again); the others' names are not marked, and a view
// without such a value says nothing of it and has no key.
func TestExplorerMarksDerived(t *testing.T) {
	p, host, base := jiaAndYi(t, "spending: {total: 300, basic: 200, project: 100}\nscore: 90\nderived: [spending.total]",
		"spending: {total: 200, basic: 150, project: 50}\nscore: 80")
	const note, means = "名称后标（推算）的是推算值，见图下说明。", "报告没有直接写出这个数字，是整理本站数据的人根据报告中的其他数字算出的。"
	for _, c := range []struct {
		query string
		cats  []string
		note  bool
		says  string
	}{
		{"2020.html?metric=total", []string{"甲县（推算）", "乙县"}, true, "最高的是甲县（300万元，推算），最低的是乙县（200万元）。"},
		{"2020.html?metric=total&counties=jia-xian", []string{"甲县（推算）"}, true, "为300万元（推算）。"},
		{"2020.html?metric=basic", []string{"甲县", "乙县"}, false, "最高的是甲县（200万元），最低的是乙县（150万元）。"},
		{"2020.html?metric=score", []string{"甲县", "乙县"}, false, "最高的是甲县（90分），最低的是乙县（80分）。"},
	} {
		tb := open(t, p.Out, base, host, base+"compare/"+c.query)
		tb.showCharts()
		if !tb.waitFor(`!!(window.echarts && echarts.getInstanceByDom(document.getElementById('chart-explorer')))`, 5*time.Second) {
			t.Fatalf("%s: the explorer is not drawn", c.query)
		}
		v := eval[chartView](tb, viewJS("chart-explorer"))
		cats, want := slices.Clone(v.Categories), slices.Clone(c.cats)
		slices.Sort(cats)
		slices.Sort(want)
		if !slices.Equal(cats, want) {
			t.Errorf("%s: the explorer draws %q; want %q", c.query, v.Categories, c.cats)
		}
		said := eval[explorerSaid](tb, explorerSaidJS)
		if got := strings.Contains(said.Summary, note); got != c.note {
			t.Errorf("%s: the caption says %q; its note on derived figures: %v, want %v", c.query, said.Summary, got, c.note)
		}
		if !strings.Contains(said.Summary, c.says) {
			t.Errorf("%s: the caption says %q; want it to say %q", c.query, said.Summary, c.says)
		}
		key := eval[string](tb, `(() => { const k = document.querySelector('#fig-explorer .chart-key'); return k && !k.hidden ? k.textContent : ''; })()`)
		if strings.Contains(key, means) != c.note || strings.Contains(said.Summary, means) {
			t.Errorf("%s: the key under the chart says %q and the caption %q; want the key alone to say what 推算 means: %v", c.query, key, said.Summary, c.note)
		}
		tb.report(tb.logProblems())
	}
}

// TestExplorerMarksDisputed: a value a finding disputes is drawn with
// the ⚠ of the other charts after the report's name, and the caption
// says 数据存疑 where it names it, as the charts' summaries do; a
// value no finding disputes (乙县's, or 甲县's score) is not marked.
func TestExplorerMarksDisputed(t *testing.T) {
	// 甲县's 基本支出 is larger than its 支出合计 (part.whole): both
	// are disputed, its score is not.
	p, host, base := jiaAndYi(t, "spending: {total: 300, basic: 9999, project: 100}\nscore: 90",
		"spending: {total: 200, basic: 150, project: 50}\nscore: 80")
	for _, c := range []struct {
		query string
		cats  []string
		says  string
	}{
		{"2020.html?metric=basic", []string{"甲县 ⚠", "乙县"}, "最高的是甲县（9999万元，数据存疑），最低的是乙县（150万元）。"},
		{"2020.html?metric=total&counties=jia-xian", []string{"甲县 ⚠"}, "甲县的支出合计为300万元（数据存疑）。"},
		{"2020.html?metric=score", []string{"甲县", "乙县"}, "最高的是甲县（90分），最低的是乙县（80分）。"},
	} {
		tb := open(t, p.Out, base, host, base+"compare/"+c.query)
		tb.showCharts()
		if !tb.waitFor(`!!(window.echarts && echarts.getInstanceByDom(document.getElementById('chart-explorer')))`, 5*time.Second) {
			t.Fatalf("%s: the explorer is not drawn", c.query)
		}
		v := eval[chartView](tb, viewJS("chart-explorer"))
		if !slices.Equal(v.Categories, c.cats) {
			t.Errorf("%s: the explorer draws %q; want %q", c.query, v.Categories, c.cats)
		}
		if said := eval[explorerSaid](tb, explorerSaidJS); !strings.Contains(said.Summary, c.says) {
			t.Errorf("%s: the caption says %q; want it to say %q", c.query, said.Summary, c.says)
		}
		tb.report(tb.logProblems())
	}
}

// tooltipJS shows the tooltip of the bar of category cat in series k of
// the chart with the id given, and returns the text the tooltip draws.
const tooltipJS = `((id, k, cat) => {
  const c = echarts.getInstanceByDom(document.getElementById(id));
  const axis = [].concat(c.getOption().yAxis)[0];
  c.dispatchAction({type: 'showTip', seriesIndex: k, dataIndex: axis.data.indexOf(cat)});
  return c.getZr().storage.getDisplayList(true).map(e => e.style && e.style.text).filter(Boolean).join('\n');
})`

// TestTooltipMarksDerived: a chart's tooltip marks （推算） a value the
// report does not give, as the chart's table does, and not another
// county's value, which it writes as ECharts does; the key that lists
// such values is not left in the option ECharts is given.
func TestTooltipMarksDerived(t *testing.T) {
	p, host, base := jiaAndYi(t, "spending: {total: 300, basic: 200, project: 100}\nderived: [spending.project]",
		"spending: {total: 4000, basic: 2500, project: 1500}")
	tb := open(t, p.Out, base, host, base+"compare/2020.html")
	tb.showCharts()
	if !tb.waitFor(`!!(window.echarts && echarts.getInstanceByDom(document.getElementById('chart-spending')))`, 5*time.Second) {
		t.Fatal("the spending chart is not drawn")
	}
	if eval[bool](tb, `'derived' in echarts.getInstanceByDom(document.getElementById('chart-spending')).getOption()`) {
		t.Error("the option given to ECharts keeps the list of derived values")
	}
	for _, c := range []struct {
		series     int
		cat, shown string
		marked     bool
	}{
		{1, "甲县", "100", true},
		{0, "甲县", "200", false},
		// Figures are written as ECharts writes them, in the series
		// with a derived value as in the others.
		{1, "乙县", "1,500", false},
		{0, "乙县", "2,500", false},
	} {
		var said string
		tb.waitFor(tooltipJS+`('chart-spending', `+strconv.Itoa(c.series)+`, '`+c.cat+`').includes('`+c.shown+`')`, 3*time.Second)
		said = eval[string](tb, tooltipJS+`('chart-spending', `+strconv.Itoa(c.series)+`, '`+c.cat+`')`)
		if got := strings.Contains(said, c.shown+"（推算）"); got != c.marked || !strings.Contains(said, c.shown) {
			t.Errorf("the tooltip of %s's series %d says %q; want %s marked: %v", c.cat, c.series, said, c.shown, c.marked)
		}
	}
	tb.report(tb.logProblems())
}
