package browsertest

import (
	"context"
	"fmt"
	"html"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// hostilePath is where TestHostilePages serves the site built from the
// hostile corpus.
const hostilePath = "/hostile/"

// watchedTab is a tab that also records every JavaScript dialog the page
// opens (and dismisses it, so that the page goes on).
type watchedTab struct {
	*tab
	mu      sync.Mutex
	dialogs []string
}

// openWatched loads pageURL as open does, listening for dialogs from
// before the page starts loading.
func openWatched(t *testing.T, dir, site, host, pageURL string) *watchedTab {
	t.Helper()
	bctx := browser(t)
	w := &watchedTab{tab: &tab{t: t, url: pageURL, dir: dir, site: site, host: host, urls: map[network.RequestID]string{}}}
	tctx, cancelTimeout := context.WithTimeout(bctx, pageTimeout)
	var ctx context.Context
	var ready = make(chan struct{})
	listen := func(ev any) {
		w.tab.listen(ev)
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			w.mu.Lock()
			w.dialogs = append(w.dialogs, fmt.Sprintf("%s dialog: %q", d.Type, d.Message))
			w.mu.Unlock()
			go func() {
				<-ready
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}()
		}
	}
	ctx, cancelTab := chromedp.NewContext(tctx, chromedp.WithListener(listen))
	close(ready)
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
	})
	t.Cleanup(w.screenshotIfFailed)
	w.ctx = ctx
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		t.Fatalf("loading %s: %v", pageURL, err)
	}
	if resp != nil && resp.Status != http.StatusOK {
		t.Errorf("loading %s: status %d", pageURL, resp.Status)
	}
	return w
}

// domState is what domJS reports about a page.
type domState struct {
	Pwned    string   `json:"pwned"`
	Base     string   `json:"base"`
	Location string   `json:"location"`
	Foreign  []string `json:"foreign"`
}

// domJS lists, outside the charts (which ECharts fills with its own
// elements), every element the templates do not make, every event-handler
// or style attribute, every script that is neither a file of the site nor
// JSON data, and every link whose URL runs script; and reports the canary
// window.__pwned that the hostile payloads set, and the base URL.
const domJS = `(allowed => {
  const foreign = [];
  // 404.html has one inline script in its head, which its policy allows
  // by hash (buildtest's checker compares the hash; the browser refuses
  // a script the hash does not match, and logs it).
  let hashed = /\/404\.html$/.test(location.pathname) ? 1 : 0;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const chart = el.closest('.chart');
    // site.js sizes a chart through its style; ECharts fills it.
    const inChart = chart !== null && chart !== el;
    if (!inChart && !allowed.includes(tag)) foreign.push('<' + tag + '>');
    if (inChart && ['script', 'iframe', 'object', 'embed', 'img', 'svg', 'a', 'base', 'form'].includes(tag)) foreign.push('<' + tag + '> in a chart');
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) foreign.push('<' + tag + ' ' + a.name + '>');
      if (chart === null && (a.name === 'style' || a.name === 'srcdoc' || a.name === 'formaction')) foreign.push('<' + tag + ' ' + a.name + '>');
    }
    if (tag === 'script' && !el.src && el.type === '' && el.parentNode === document.head && hashed > 0) hashed--;
    else if (tag === 'script' && !(el.src && el.textContent.trim() === '') && el.type !== 'application/json') foreign.push('inline <script type="' + el.type + '">');
    if ((tag === 'a' || tag === 'area') && el.href && !/^(https?|mailto):$/.test(el.protocol)) foreign.push('<a href="' + el.getAttribute('href') + '"> with protocol ' + el.protocol);
    if (el.shadowRoot) foreign.push('<' + tag + '> with a shadow root');
  }
  return {pwned: typeof window.__pwned === 'undefined' ? '' : String(window.__pwned), base: document.baseURI, location: location.href, foreign: foreign};
})`

// checkInert lists what shows that script from content ran or markup from
// content got through on the loaded page.
func checkInert(w *watchedTab) []string {
	w.t.Helper()
	var p []string
	allowed := `["` + strings.Join(buildtest.Elements, `","`) + `"]`
	st := eval[domState](w.tab, domJS+"("+allowed+")")
	if st.Pwned != "" {
		p = append(p, "window.__pwned is "+st.Pwned+": a hostile payload ran")
	}
	if st.Base != st.Location {
		p = append(p, fmt.Sprintf("the base URL is %s, not the page's own %s", st.Base, st.Location))
	}
	slices.Sort(st.Foreign)
	for _, f := range slices.Compact(st.Foreign) {
		p = append(p, "element the templates do not make: "+f)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, d := range w.dialogs {
		p = append(p, "a JavaScript "+d+" opened")
	}
	return p
}

// serveHostile builds the hostile corpus and serves it on a port of its
// own under hostilePath; it returns the built folder, the host and the
// site's URL.
func serveHostile(t *testing.T) (dir, host, base string) {
	t.Helper()
	p := buildtest.New(t, "")
	p.WriteHostile()
	p.MustBuild()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(hostilePath, http.StripPrefix(strings.TrimSuffix(hostilePath, "/"), staticHost(p.Out)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	host = ln.Addr().String()
	return p.Out, host, "http://" + host + hostilePath
}

// htmlFiles lists the pages of a built site, slash-separated.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// TestHostilePages builds the hostile corpus (buildtest.HostileFiles:
// script and markup in every string key, evidence, body and file name) and
// loads every page in chromium: no dialog opens, no payload sets
// window.__pwned, no element or attribute the templates did not make
// appears, no console error or CSP violation is logged, every chart draws
// onto a canvas that is not blank, and every link resolves. The bundled
// site's pages get the same checks. On a phone's screen, no hostile page
// is wider than the screen.
func TestHostilePages(t *testing.T) {
	browser(t)
	// Built and served once for both of its subtests.
	dir, host, base := serveHostile(t)
	t.Run("hostile", func(t *testing.T) {
		checkAllPages(t, dir, host, base)
	})
	t.Run("bundled", func(t *testing.T) {
		site(t)
		checkAllPages(t, env.out, env.host, env.base)
	})
	// Names that carry script, path separators or invisible characters
	// (a right-to-left override) name the charts' downloads: the files
	// saved must be named without any of them. Names that are formulas
	// must be text in the CSV files.
	t.Run("hostile-downloads", func(t *testing.T) {
		checkDownloadNames(t, dir, host, base)
		checkFormulaCells(t, dir, host, base)
	})
	// Long names and unbroken strings must not push a page wider than a
	// phone's screen either.
	t.Run("hostile-on-a-phone", func(t *testing.T) {
		eachPage(t, dir, func(t *testing.T, name string) {
			tb := openWith(t, dir, base, host, base+name, phoneScreen)
			tb.showCharts()
			var problems []string
			for _, o := range eval[[]string](tb, overflowJS) {
				problems = append(problems, fmt.Sprintf("at %dpx: %s", phoneWidth, o))
			}
			for _, o := range eval[[]string](tb, barRoomJS) {
				problems = append(problems, fmt.Sprintf("at %dpx: %s", phoneWidth, o))
			}
			tb.report(problems)
		})
	})
}

// barRoomJS lists the drawn charts with names beside horizontal bars
// (a category y axis) whose bars (with the values written at their ends)
// have less than half the chart's width: long names (a county with its
// department) took it. (inspect checks it
// of every page it inspects, on any screen.)
const barRoomJS = `Array.from(document.querySelectorAll('.chart[data-rendered="1"]')).flatMap(el => {
  const c = window.echarts && echarts.getInstanceByDom(el);
  if (!c) return [];
  const y = (c.getOption().yAxis || [])[0];
  if (!y || y.type !== 'category') return [];
  const rect = c.getModel().getComponent('grid', 0).coordinateSystem.getRect();
  const w = c.getWidth();
  // The values written at the bars' ends (see barLabelsJS) are theirs.
  const labelled = (c.getOption().series || []).some(s => s.type === 'bar' && s.label && s.label.show);
  const bars = rect.width + (labelled ? w - rect.x - rect.width : 0);
  return bars < w / 2 ? ['chart #' + el.id + ': its bars have ' + Math.round(bars) + 'px of its ' + w + 'px; the names beside them take the rest'] : [];
})`

// pagesAtOnce is how many pages checkAllPages loads at the same time, in
// tabs of the one browser.
const pagesAtOnce = 6

// checkAllPages loads every page of the site in dir, served at base, and
// checks it, a few tabs at a time.
func checkAllPages(t *testing.T, dir, host, base string) {
	eachPage(t, dir, func(t *testing.T, name string) {
		w := openWatched(t, dir, base, host, base+name)
		// The 404 page is hidden (a style on <html>) until the script
		// that finds the site's root has its stylesheet; pages are
		// inspected as shown.
		w.tab.waitFor("!document.documentElement.hasAttribute('style')", 5*time.Second)
		problems := inspect(w.tab, false)
		problems = append(problems, checkInert(w)...)
		w.report(problems)
	})
}

// eachPage runs check on every page of the site in dir, each in a
// subtest named after it, pagesAtOnce at a time.
func eachPage(t *testing.T, dir string, check func(t *testing.T, name string)) {
	pages := htmlFiles(t, dir)
	if len(pages) < 5 {
		t.Fatalf("only %d pages built", len(pages))
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, pagesAtOnce)
	for _, name := range pages {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			t.Run(strings.TrimSuffix(name, ".html"), func(t *testing.T) { check(t, name) })
		}()
	}
	wg.Wait()
}

// TestHostileCheckerCatchesScript runs script in a page of the site from
// outside (DevTools is not bound by the CSP) to prove that the checks of
// TestHostilePages see a dialog, the canary, an event-handler attribute, a
// foreign element, an inline script, a javascript: link and a <base>.
// (The <base> does not change the page's base URL: the CSP's base-uri
// 'none' ignores it.)
func TestHostileCheckerCatchesScript(t *testing.T) {
	site(t)
	w := openWatched(t, env.out, env.base, env.host, env.base+"index.html")
	_, err := chromedp.Run(w.ctx, chromedp.Evaluate[any](`(() => {
  document.body.insertAdjacentHTML('beforeend', '<img src="assets/favicon.svg" onload="window.__pwned=2" alt=""><iframe></iframe><a href="javascript:void(0)">x</a><script>1</script>');
  const b = document.createElement('base'); b.href = 'https://evil.example/'; document.head.appendChild(b);
  window.__pwned = 1;
  setTimeout(() => alert('canary'), 0);
  return null;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		w.mu.Lock()
		n := len(w.dialogs)
		w.mu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	all := strings.Join(checkInert(w), "\n")
	for _, want := range []string{
		`alert dialog: "canary"`,
		"window.__pwned is 1",
		"<img onload>",
		"<iframe>",
		`<a href="javascript:void(0)"> with protocol javascript:`,
		`inline <script type="">`,
		"<base>", // which the CSP's base-uri 'none' keeps from taking effect
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the checks missed %q; they reported:\n%s", want, all)
		}
	}
}

// TestHostileReportIndex builds the hostile corpus with lists of one
// report or finding a page, so that the tables of reports and of findings
// read the index of their full list (pages.ReportIndex,
// pages.FindingIndex), whose names are all hostile: choosing a
// prefecture or a severity, or typing words of the projects' names, on
// the first page names the pages that hold the other rows it would show,
// as many as the built pages hold, and no payload runs.
func TestHostileReportIndex(t *testing.T) {
	browser(t)
	size, home := pages.ListPageSize, pages.HomeRows
	pages.ListPageSize, pages.HomeRows = 1, 1
	t.Cleanup(func() { pages.ListPageSize, pages.HomeRows = size, home })
	p := buildtest.New(t, "")
	p.WriteHostile()
	p.MustBuild()
	host, base := serveBuilt(t, p)
	// Each page's one row: its prefecture (or the finding's severity)
	// and words, from its attributes.
	rowsOf := func(list func(n int) string, rowRE *regexp.Regexp) [][2]string {
		var rows [][2]string
		for n := 1; ; n++ {
			name := list(n)
			if !p.Exists(name) {
				break
			}
			m := rowRE.FindStringSubmatch(p.Page(name))
			if m == nil {
				t.Fatalf("%s has no row", name)
			}
			rows = append(rows, [2]string{html.UnescapeString(m[1]), html.UnescapeString(m[2])})
		}
		if len(rows) < 3 {
			t.Fatalf("the hostile corpus made %d pages of %s; the test needs a few", len(rows), list(1))
		}
		return rows
	}
	rows := rowsOf(pages.ReportsPath, regexp.MustCompile(`<tr data-year="\d+" data-prefecture="([^"]*)" data-type="[^"]*" data-search="([^"]*)">`))
	findings := rowsOf(pages.FindingsPath, regexp.MustCompile(`<tr data-severity="([^"]*)" data-year="\d+" data-search="([^"]*)">`))
	// The number of other pages than the first whose row matches.
	others := func(rows [][2]string, match func(row [2]string) bool) int {
		n := 0
		for _, r := range rows[1:] {
			if match(r) {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		page, query, unit string
		want              int
	}{
		{"reports/index.html", "prefecture=" + url.QueryEscape(rows[1][0]), "份", others(rows, func(r [2]string) bool { return r[0] == rows[1][0] })},
		{"reports/index.html", "q=" + url.QueryEscape("项目"), "份", others(rows, func(r [2]string) bool { return strings.Contains(r[1], "项目") })},
		// The findings' index holds the same names.
		{"findings.html", "q=" + url.QueryEscape("项目"), "条", others(findings, func(r [2]string) bool { return strings.Contains(r[1], "项目") })},
		{"findings.html", "severity=" + url.QueryEscape(findings[1][0]), "条", others(findings, func(r [2]string) bool { return r[0] == findings[1][0] })},
	} {
		w := openWatched(t, p.Out, base, host, base+c.page+"?"+c.query)
		if !w.waitFor(`!document.querySelector('.filter-elsewhere').hidden`, 10*time.Second) {
			t.Errorf("%s?%s: the filter says nothing of the other pages", c.page, c.query)
			continue
		}
		text := eval[string](w.tab, `document.querySelector('.filter-elsewhere').textContent`)
		if want := fmt.Sprintf("其他页还有%d%s符合：", c.want, c.unit); c.want == 0 || !strings.HasPrefix(text, want) {
			t.Errorf("%s?%s: the filter says %q, want it to begin %q (and the test a match)", c.page, c.query, text, want)
		}
		w.report(append(checkInert(w), w.logProblems()...))
	}
}
