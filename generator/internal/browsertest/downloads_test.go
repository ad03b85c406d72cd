package browsertest

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// saveDownloadsIn makes the browser save what pages download into dir,
// under the names the pages give.
func saveDownloadsIn(tb *tab, dir string) {
	tb.t.Helper()
	if _, err := chromedp.CallBrowser(tb.ctx, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{
		Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
	}); err != nil {
		tb.t.Fatal(err)
	}
}

// downloaded waits for the browser to finish saving the file name in dir,
// and returns its bytes.
func downloaded(t *testing.T, dir, name string) []byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err == nil && len(data) > 0 {
			if _, err := os.Stat(filepath.Join(dir, name+".crdownload")); os.IsNotExist(err) {
				return data
			}
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("no download %q after 10 s; the folder holds %q", name, names)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// shownNamesJS returns the JavaScript that reads the first column of the
// data table shown in block, each name without its ⚠ (which a
// chart's CSV says in its column 备注), one row of a cell each.
func shownNamesJS(block string) string {
	return `Array.from(document.querySelector('#` + block + ` .table-wrap:not([hidden]) table').rows).map(r => {
  const c = r.cells[0].cloneNode(true);
  c.querySelectorAll('.flag').forEach(f => f.remove());
  return [c.textContent.replace(/\s+/g, ' ').trim()];
})`
}

// firstColumn returns the CSV data with the first column of each record
// alone, written as a chart's CSV is (a byte-order mark, CRLF).
func firstColumn(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, r := range records {
		w.Write(r[:1])
	}
	w.Flush()
	return b.Bytes()
}

// drawnBarsJS returns the JavaScript that reads the bars ECharts draws in
// the chart of block (which has no data table): a header row, then each
// bar's category and value, as the chart's CSV is to hold them (a name's
// ⚠ said in a last column 备注).
func drawnBarsJS(block string) string {
	return `(() => {
  const el = document.querySelector('#` + block + ` .chart');
  const o = echarts.getInstanceByDom(el).getOption();
  const cat = o.yAxis[0].type === 'category' ? o.yAxis[0] : o.xAxis[0];
  const val = cat === o.yAxis[0] ? o.xAxis[0] : o.yAxis[0];
  const unit = val.name ? '（' + val.name + '）' : '';
  const rows = [['名称'].concat(o.series.map(s => s.name + unit))];
  const marked = cat.data.some(c => String(c).endsWith(' ⚠'));
  if (marked) rows[0].push('备注');
  cat.data.forEach((c, i) => {
    const row = [String(c).replace(/ ⚠$/, '').replace(/\s+/g, ' ').trim()].concat(o.series.map(s => {
      let v = s.data[i];
      if (v && typeof v === 'object') v = v.value;
      return v == null || v === '-' ? '' : String(v);
    }));
    if (marked) row.push(String(c).endsWith(' ⚠') ? '该报告的数字之间有不一致或疑点' : '');
    rows.push(row);
  });
  return rows;
})()`
}

// checkCSV requires data to be a CSV that Excel and WPS open as UTF-8 (a
// byte-order mark, CRLF) holding the cells of the table.
func checkCSV(t *testing.T, name string, data []byte, table [][]string) {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte("\ufeff"))
	if !ok {
		t.Errorf("%s has no byte-order mark", name)
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) || bytes.Count(body, []byte("\r\n")) != bytes.Count(body, []byte("\n")) {
		t.Errorf("%s does not end its lines with CRLF", name)
	}
	records, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(table) < 2 || !slices.EqualFunc(records, table, slices.Equal) {
		t.Errorf("%s holds\n%q\nwant the table shown\n%q", name, records, table)
	}
}

// TestChartDownloads clicks a chart's tools as a reader does and reads the
// files the browser saves. The CSV holds the data table shown beside the
// chart, for the view chosen; the PNG is the chart's picture at twice its
// size. Both are named after the page and the chart. On a phone, the
// picture of a chart not drawn yet (ECharts not even fetched) is drawn
// first.
func TestChartDownloads(t *testing.T) {
	site(t)
	dir := t.TempDir()
	tb := open(t, env.out, env.base, env.host, env.base+"compare/2020.html")
	saveDownloadsIn(tb, dir)
	tb.showCharts()
	const stem = "2020年各县部门整体支出比较 支出合计（基本支出与项目支出）"
	// The 人均 view's title says 人均 itself, and names its files.
	const perStaffStem = "2020年各县部门整体支出比较 支出合计（基本支出与项目支出；人均）"

	// The table shown, as a spreadsheet wants it: the caption's unit in
	// the headers, numbers alone in numeric columns (— is blank), names
	// without the words their ⚠ says to a screen reader, and what the
	// marks and cells said in a column 备注.
	tb.click(`#fig-spending .chart-tools button:not(.chart-png)`)
	checkCSV(t, stem+".csv", downloaded(t, dir, stem+".csv"), [][]string{
		{"县（市、区）", "合计（万元）", "基本支出（万元）", "项目支出（万元）", "未分项或差额（万元）", "备注"},
		{"桃源县", "1530.53", "158.65", "1312", "59.88", "该报告的数字之间有不一致或疑点"},
		{"雨花区", "840.74", "596.04", "244.71", "", ""},
	})

	tb.click(`#fig-spending .variant-toggle button[data-variant="per-staff"]`)
	tb.click(`#fig-spending .chart-tools button:not(.chart-png)`)
	checkCSV(t, perStaffStem+".csv", downloaded(t, dir, perStaffStem+".csv"), [][]string{
		{"县（市、区）", "合计（万元/人）", "基本支出（万元/人）", "项目支出（万元/人）", "未分项或差额（万元/人）", "备注"},
		{"桃源县", "90.03", "9.33", "77.18", "3.52", "该报告的数字之间有不一致或疑点"},
		{"雨花区", "64.67", "45.85", "18.82", "", ""},
	})

	// Figures not disclosed are blank, and said so; a derived one is a
	// number, said to be derived.
	const sangongStem = "2020年各县部门整体支出比较 三公经费（出国（境）、接待、公务用车）"
	tb.click(`#fig-sangong .chart-tools button:not(.chart-png)`)
	checkCSV(t, sangongStem+".csv", downloaded(t, dir, sangongStem+".csv"), [][]string{
		{"县（市、区）", "合计（万元）", "因公出国（境）（万元）", "公务接待（万元）", "公务用车（万元）", "未分项或差额（万元）", "备注"},
		{"桃源县", "8.5", "", "8.5", "", "", "因公出国（境）：未披露；公务用车：未披露"},
		{"雨花区", "0", "0", "0", "0", "", "合计：推算"},
	})

	tb.click(`#fig-spending .chart-png`)
	pic, err := png.DecodeConfig(bytes.NewReader(downloaded(t, dir, perStaffStem+".png")))
	if err != nil {
		t.Fatalf("the chart's picture: %v", err)
	}
	width := eval[float64](tb, `document.getElementById('chart-spending').clientWidth`)
	if math.Abs(float64(pic.Width)-2*width) > 2 {
		t.Errorf("the chart's picture is %dpx wide, want twice the chart's %.0fpx", pic.Width, width)
	}
	tb.report(tb.logProblems())

	// On a phone the report page's chart is far below the first screen:
	// its picture, asked for at once, is drawn first.
	phone := openWith(t, env.out, env.base, env.host, env.base+firstReportPage("tao-yuan-xian"), phoneScreen)
	saveDownloadsIn(phone, dir)
	if !phone.waitFor(`document.readyState === 'complete'`, 10*time.Second) {
		t.Fatal("the report page did not finish loading")
	}
	if got := phone.requested("echarts"); len(got) > 0 {
		t.Fatalf("ECharts fetched before any chart came near the screen: %v", got)
	}
	title := eval[string](phone, `document.querySelector('h1').textContent`)
	eval[bool](phone, `(document.querySelector('#fig-sangong-composition .chart-png').click(), true)`)
	if _, err := png.DecodeConfig(bytes.NewReader(downloaded(t, dir, title+" 三公经费构成.png"))); err != nil {
		t.Errorf("the picture of a chart not drawn before: %v", err)
	}
	if !eval[bool](phone, `document.getElementById('chart-sangong-composition').getAttribute('data-rendered') === '1'`) {
		t.Error("the chart whose picture was saved is not drawn")
	}
	phone.report(phone.logProblems())
}

// badInName matches what no downloaded file's name may hold: characters
// file systems refuse, and invisible ones that could disguise a name.
var badInName = regexp.MustCompile("[\\\\/:*?\"<>|\x00-\x1f\x7f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]")

// askedJS records the name of every download the page asks for, in
// window.__asked: Chromium cleans the names it saves under, so the names
// asked for are what tells whether the page names its files well.
const askedJS = `(() => {
  const click = HTMLAnchorElement.prototype.click;
  window.__asked = [];
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) window.__asked.push(this.download);
    return click.apply(this, arguments);
  };
  return true;
})()`

// checkDownloadNames saves the data and the picture of the first chart of
// report and county pages of the site in dir, one page for each heading,
// clicking as a reader does, and checks the names the pages ask for and
// that the files are saved.
func checkDownloadNames(t *testing.T, dir, host, base string) {
	saved := t.TempDir()
	h1 := regexp.MustCompile(`(?s)<h1>(.*?)</h1>`)
	seen := map[string]bool{}
	var clicks int
	for _, name := range htmlFiles(t, dir) {
		if !strings.HasPrefix(name, "report/") && !strings.HasPrefix(name, "county/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		m := h1.FindSubmatch(data)
		if m == nil || seen[string(m[1])] || !bytes.Contains(data, []byte(`class="chart-block"`)) {
			continue
		}
		seen[string(m[1])] = true
		tb := open(t, dir, base, host, base+name)
		if clicks == 0 {
			saveDownloadsIn(tb, saved)
		}
		eval[bool](tb, askedJS)
		tb.click(`.chart-tools button:not(.chart-png)`)
		tb.click(`.chart-tools .chart-png`)
		clicks += 2
		if !tb.waitFor(`window.__asked.length === 2`, 5*time.Second) {
			t.Errorf("%s: the page asked for %q, want a CSV and a PNG", name, eval[[]string](tb, `window.__asked`))
		}
		for _, n := range eval[[]string](tb, `window.__asked`) {
			if bad := badInName.FindString(n); bad != "" || strings.HasPrefix(n, ".") || utf8.RuneCountInString(n) > 64 ||
				(!strings.HasSuffix(n, ".csv") && !strings.HasSuffix(n, ".png")) {
				t.Errorf("%s asks to save a file as %q (holds %q)", name, n, bad)
			}
		}
		tb.report(tb.logProblems())
	}
	if clicks == 0 {
		t.Fatal("no report or county page has a chart")
	}
	// Files of the same name replace each other (a heading cut short to
	// the same name): wait until the downloads settle.
	var names []string
	for deadline, stable := time.Now().Add(20*time.Second), 0; stable < 5; {
		entries, err := os.ReadDir(saved)
		if err != nil {
			t.Fatal(err)
		}
		var now []string
		partial := false
		for _, e := range entries {
			info, err := e.Info()
			partial = partial || err != nil || info.Size() == 0 || strings.HasSuffix(e.Name(), ".crdownload")
			now = append(now, e.Name())
		}
		if !partial && slices.Equal(now, names) {
			stable++
		} else {
			stable = 0
		}
		names = now
		if time.Now().After(deadline) {
			t.Fatalf("the downloads did not settle: %q", names)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if len(names) < clicks*3/4 {
		t.Errorf("%d files saved of %d downloads: %q", len(names), clicks, names)
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".csv") && !strings.HasSuffix(n, ".png") {
			t.Errorf("a download is saved as %q", n)
		}
	}
}

// csvNumber matches a cell that the chart downloads leave as it is,
// although it begins with a sign: a number and nothing more.
var csvNumber = regexp.MustCompile(`^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$`)

// checkFormulaCells saves the data of every chart of the compare page of
// 2021 of the site in dir, whose county names include formulas that
// begin with = + - and @ (some with a sign and a digit, as a number
// does), and checks that every cell that a spreadsheet would read as a
// formula is prefixed with ', and that the others are the cells shown.
func checkFormulaCells(t *testing.T, dir, host, base string) {
	saved := t.TempDir()
	tb := open(t, dir, base, host, base+"compare/2021.html")
	saveDownloadsIn(tb, saved)
	tb.showCharts()
	eval[bool](tb, askedJS)
	blocks := eval[[]string](tb, `Array.from(document.querySelectorAll('.chart-block[id]')).map(b => b.id)`)
	formulas, signed := 0, 0
	for i, id := range blocks {
		tb.click(`#` + id + ` .chart-tools button:not(.chart-png)`)
		if !tb.waitFor(fmt.Sprintf(`window.__asked.length === %d`, i+1), 5*time.Second) {
			t.Fatalf("%s: no download asked for", id)
		}
		name := eval[[]string](tb, `window.__asked`)[i]
		var shown [][]string
		table := eval[bool](tb, `!!document.querySelector('#`+id+` .table-wrap')`)
		if table {
			// The names, as the CSV holds them: without their ⚠.
			shown = eval[[][]string](tb, shownNamesJS(id))
		} else {
			// The explorer has no table: its CSV holds the bars drawn.
			shown = eval[[][]string](tb, drawnBarsJS(id))
			if len(shown) < 2 {
				t.Errorf("%s: no bars drawn", id)
			}
		}
		want := make([][]string, len(shown))
		for r, row := range shown {
			want[r] = make([]string, len(row))
			for c, cell := range row {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !csvNumber.MatchString(cell) {
					if len(cell) > 1 && cell[1] >= '0' && cell[1] <= '9' {
						signed++
					}
					cell = "'" + cell
					formulas++
				}
				want[r][c] = cell
			}
		}
		data := downloaded(t, saved, name)
		if table {
			// Of a table, the names are checked; the numbers are checked
			// by TestChartDownloads.
			data = firstColumn(t, name, data)
		}
		checkCSV(t, name, data, want)
	}
	if formulas == 0 {
		t.Errorf("no chart of compare/2021.html shows a formula, of %d charts", len(blocks))
	}
	if signed == 0 {
		t.Errorf("no chart of compare/2021.html shows a formula that begins with a sign and a digit")
	}
	tb.report(tb.logProblems())
}

// savedJS records every download the page asks for, its name and
// address, in window.__saved, and every text drawn on a canvas, with the
// canvas' height, in window.__texts.
const savedJS = `(() => {
  const click = HTMLAnchorElement.prototype.click, fill = CanvasRenderingContext2D.prototype.fillText;
  window.__saved = [];
  window.__texts = [];
  HTMLAnchorElement.prototype.click = function () {
    if (this.hasAttribute('download')) window.__saved.push({name: this.download, href: this.href});
    return click.apply(this, arguments);
  };
  CanvasRenderingContext2D.prototype.fillText = function (text) {
    window.__texts.push({text: String(text), height: this.canvas.height});
    return fill.apply(this, arguments);
  };
  return true;
})()`

// TestChartPictureSaysWhatItShows saves charts' pictures as a journalist
// does, from the compare page (a chart, its 人均 view and the explorer)
// and from a report page: each picture holds, above the chart, its title
// (the caption of the view shown) and the page's heading, and below it
// the source with the years of the data, drawn onto the picture itself,
// which is that much taller than the chart's own; the chart on the page
// has no title of its own, the caption above it being its title.
func TestChartPictureSaysWhatItShows(t *testing.T) {
	site(t)
	type saved struct{ Name, Href string }
	type drawn struct {
		Text   string
		Height int
	}
	const flagNote = "⚠：该报告的数字之间有不一致或疑点"
	check := func(tb *tab, block, years string, flag bool) {
		t.Helper()
		tb.click(`#` + block + ` .chart-png`)
		if !tb.waitFor(`window.__saved.length > 0`, 5*time.Second) {
			t.Fatalf("%s: no picture saved", block)
		}
		got := eval[[]saved](tb, `window.__saved`)
		eval[bool](tb, `(window.__saved = [], true)`)
		data, ok := strings.CutPrefix(got[0].Href, "data:image/png;base64,")
		if !ok {
			t.Fatalf("%s: the picture is saved from %.40q…, want a PNG data URL", block, got[0].Href)
		}
		raw, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", block, err)
		}
		h := img.Bounds().Dy()
		want := eval[struct {
			Title, Page string
			Chart       int
			OwnTitle    []string
		}](tb, `(() => { const b = document.getElementById('`+block+`'), c = echarts.getInstanceByDom(b.querySelector('.chart'));
  return {title: b.querySelector('figcaption strong').textContent.trim(), page: document.querySelector('h1').textContent.trim(),
    chart: c.getHeight(), ownTitle: (c.getOption().title || []).map(t => t.text).filter(Boolean)}; })()`)
		if len(want.OwnTitle) > 0 {
			t.Errorf("%s: the chart on the page shows a title of its own, %q, besides its caption", block, want.OwnTitle)
		}
		// Two lines above (16 and 13 px), one below (12 px), at twice the size.
		if h < 2*want.Chart+2*(24+19+18) {
			t.Errorf("%s: the picture is %dpx high for a chart of %dpx drawn at twice its size: no room for a title and a source", block, h, want.Chart)
		}
		var texts []string
		for _, d := range eval[[]drawn](tb, `window.__texts`) {
			if d.Height == h {
				texts = append(texts, d.Text)
			}
		}
		eval[bool](tb, `(window.__texts = [], true)`)
		all := strings.Join(texts, "")
		for _, w := range []string{want.Title, want.Page, "来源：县级部门绩效自评报告比较", "数据年度：" + years} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: the picture says %q; want it to say %q", block, all, w)
			}
		}
		// What ⚠ means is said under a chart that shows it, and only there.
		if shown := eval[bool](tb, `(() => { const o = echarts.getInstanceByDom(document.querySelector('#`+block+` .chart')).getOption();
  return [].concat(o.xAxis || [], o.yAxis || []).some(a => (a.data || []).some(d => String(d && typeof d === 'object' ? d.value : d).includes('⚠'))); })()`); shown != flag {
			t.Fatalf("%s: a name with ⚠ drawn: %v, want %v", block, shown, flag)
		}
		if strings.Contains(all, flagNote) != flag {
			t.Errorf("%s: the picture says %q; want what ⚠ means said: %v", block, all, flag)
		}
		if strings.Index(all, want.Title) > strings.Index(all, "来源：") {
			t.Errorf("%s: the picture says %q: the title after the source", block, all)
		}
		// The words are on the picture: ink at its top, above the chart,
		// and in its last lines, below it.
		ink := func(from, to int) bool {
			for y := from; y < to; y++ {
				for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
					if r, g, b, _ := img.At(x, y).RGBA(); r < 0x8000 && g < 0x8000 && b < 0x8000 {
						return true
					}
				}
			}
			return false
		}
		if !ink(0, 2*(16+24)) {
			t.Errorf("%s: nothing is written at the top of the picture", block)
		}
		if !ink(h-2*(8+18), h) {
			t.Errorf("%s: nothing is written at the bottom of the picture", block)
		}
	}

	tb := open(t, env.out, env.base, env.host, env.base+"compare/2020.html")
	tb.showCharts()
	eval[bool](tb, savedJS)
	check(tb, "fig-spending", "2020年", true)
	tb.click(`#fig-spending .variant-toggle button[data-variant="per-staff"]`)
	check(tb, "fig-spending", "2020年", true)
	// The explorer marks 桃源县's disputed 支出合计 as the other charts do.
	check(tb, "fig-explorer", "2020年", true)
	tb.report(tb.logProblems())

	report := open(t, env.out, env.base, env.host, env.base+firstReportPage("tao-yuan-xian"))
	report.showCharts()
	eval[bool](report, savedJS)
	check(report, "fig-spending-composition", "2020年", false)
	report.report(report.logProblems())
}
