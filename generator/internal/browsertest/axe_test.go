package browsertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeVersion is the version of axe-core that .ci/run installs; the test
// runs with whatever AXE_CORE names, and logs its version.
const axeVersion = "4.14.1"

// axeSource is the text of axe.min.js, read once.
var axeSource struct {
	once sync.Once
	path string
	src  string
	err  error
}

// findAxe returns the path of axe.min.js: AXE_CORE (the file, or the
// folder of the npm package axe-core), or node_modules/axe-core in the
// project. It returns "" when there is none.
func findAxe() string {
	if p := os.Getenv("AXE_CORE"); p != "" {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return filepath.Join(p, "axe.min.js")
		}
		return p
	}
	wd, _ := os.Getwd()
	if root, err := RepoRoot(wd); err == nil {
		local := filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
		if _, err := os.Stat(local); err == nil {
			return local
		}
	}
	return ""
}

// axe returns the source of axe-core. Without it the test is skipped, or
// fails when CI=true.
func axe(t *testing.T) string {
	t.Helper()
	axeSource.once.Do(func() {
		axeSource.path = findAxe()
		if axeSource.path == "" {
			axeSource.err = fmt.Errorf("axe-core not found: npm install axe-core@%s into a folder and set AXE_CORE to its node_modules/axe-core/axe.min.js (.ci/run does)", axeVersion)
			return
		}
		b, err := os.ReadFile(axeSource.path)
		if err != nil {
			axeSource.err = fmt.Errorf("reading axe-core (AXE_CORE): %w", err)
			return
		}
		axeSource.src = string(b)
	})
	if axeSource.src == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", axeSource.err)
		}
		t.Skipf("skipping the accessibility audit: %v", axeSource.err)
	}
	return axeSource.src
}

// axeAllowed lists, by axe rule, the elements on which the rule's
// violations are accepted, each with why. Only what is right for the
// site's readers, or what axe cannot judge, belongs here: a fault is
// mended in the templates, the stylesheet, the script or the Go code that
// writes the page.
var axeAllowed = map[string][]struct{ selector, why string }{}

// axeViolation is one rule's violation as axeRunJS reports it.
type axeViolation struct {
	ID     string
	Impact string
	Help   string
	URL    string
	Nodes  []struct {
		Target  string
		Impact  string
		HTML    string
		Summary string
	}
}

// axeRunJS runs axe over the document with the rules of WCAG 2.0, 2.1 and
// 2.2 at levels A and AA, and axe's best practices (unique landmarks,
// fields named by more than a title, …), and returns a promise of the
// violations of impact serious or critical, leaving out the nodes
// axeAllowed accepts. %s is axeAllowed as JSON: rule → selectors.
//
// Colour contrast that axe cannot measure where the text is (on a phone,
// cells of a table's last row out of view in its scrolling box: "partially
// obscured"), axe reports as incomplete, not as a violation: each such
// element is scrolled into view and measured again.
const axeRunJS = `(async () => {
  const allowed = %s;
  const find = n => { try { return document.querySelector(n.target[n.target.length - 1]); } catch (e) { return null; } };
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    resultTypes: ['violations', 'incomplete'],
  });
  for (const v of r.incomplete.filter(v => v.id === 'color-contrast')) {
    for (const el of v.nodes.map(find).filter(Boolean)) {
      el.scrollIntoView({block: 'center', inline: 'center'});
      const again = await axe.run(el, {runOnly: {type: 'rule', values: ['color-contrast']}, resultTypes: ['violations']});
      for (const w of again.violations) {
        const same = r.violations.find(x => x.id === w.id);
        if (same) same.nodes.push(...w.nodes); else r.violations.push(w);
      }
    }
  }
  document.querySelectorAll('.table-wrap').forEach(w => { w.scrollLeft = 0; });
  window.scrollTo(0, 0);
  const out = [];
  for (const v of r.violations) {
    const nodes = v.nodes.filter(n => {
      if (n.impact !== 'serious' && n.impact !== 'critical') return false;
      const sels = allowed[v.id] || [];
      if (!sels.length) return true;
      const el = find(n);
      return !(el && sels.some(s => el.matches(s)));
    }).map(n => ({target: n.target.join(' >>> '), impact: n.impact, html: n.html.slice(0, 200), summary: n.failureSummary || ''}));
    if (nodes.length) out.push({id: v.id, impact: v.impact, help: v.help, url: v.helpUrl, nodes: nodes});
  }
  return out;
})()`

// axeViolations injects axe-core into the page of tb (evaluated by the
// test through the DevTools protocol: no page links to it, and the page's
// policy of scripts does not apply) and returns the violations of impact
// serious or critical that axeAllowed does not accept.
func axeViolations(tb *tab, src string) []axeViolation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof window.axe === 'object'`) {
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[any](src+"\n;true")); err != nil {
			tb.t.Fatalf("%s: injecting axe-core: %v", tb.url, err)
		}
	}
	allowed := map[string][]string{}
	for rule, list := range axeAllowed {
		for _, a := range list {
			allowed[rule] = append(allowed[rule], a.selector)
		}
	}
	js, _ := json.Marshal(allowed)
	vs, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](fmt.Sprintf(axeRunJS, js), chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("%s: running axe-core: %v", tb.url, err)
	}
	return vs
}

// axeAudit fails the test for every violation axeViolations finds on the
// page of tb, naming the rule, the element and the help, and for every
// request the page made to another host.
func axeAudit(tb *tab, src, what string) {
	tb.t.Helper()
	for _, v := range axeViolations(tb, src) {
		for _, n := range v.Nodes {
			tb.t.Errorf("%s (%s): [%s, %s] %s\n  at %s\n  %s\n  %s\n  (%s)", tb.url, what, v.ID, n.Impact, v.Help, n.Target, n.HTML,
				strings.ReplaceAll(n.Summary, "\n", "\n  "), v.URL)
		}
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, f := range tb.foreign {
		tb.t.Errorf("%s (%s): request leaves the site: %s", tb.url, what, f)
	}
}

// drawCharts shows every chart of the page, as a reader who scrolls does,
// and fails the test if one is not drawn, so that the audit sees the
// canvases and what the script has added around them.
func drawCharts(tb *tab) {
	tb.t.Helper()
	tb.showCharts()
	if !tb.waitFor(chartsSettledJS, 10*time.Second) {
		tb.t.Fatalf("%s: the charts did not draw within 10s", tb.url)
	}
	for _, c := range eval[[]chartState](tb, chartsJS) {
		if c.Failed || c.Rendered != "1" || c.Canvases == 0 {
			tb.t.Errorf("%s: chart #%s not drawn (data-rendered=%q, failed=%v, %d canvases)", tb.url, c.ID, c.Rendered, c.Failed, c.Canvases)
		}
	}
}

// desktopScreen shows pages on a desktop browser's window.
var desktopScreen = chromedp.EmulateViewport(1280, 900)

// useJS does what a reader does on a page, where the page offers it: it
// shows each chart's other view (人均), sorts a table by its first
// sortable column, and types a name into a table's filter, which shows
// the link to the list of every county. It returns how many it did.
const useJS = `(() => {
  let n = 0;
  document.querySelectorAll('.variant-toggle button[aria-pressed="false"]').forEach(b => { b.click(); n++; });
  const sort = document.querySelector('th[data-sort] button');
  if (sort) { sort.click(); n++; }
  const find = document.querySelector('form.table-filter input[type="search"]');
  if (find) { find.value = 'tao'; find.dispatchEvent(new Event('input', {bubbles: true})); n++; }
  return n;
})()`

// TestAccessibilityAudit runs axe-core over a page of every kind of the
// bundled site, on a phone's screen and on a desktop's, with the charts
// drawn, as loaded and again after use (other views of the charts, a
// sorted table, a filter typed into, the explorer changed, a search
// run): no page may have a violation of impact serious or critical of the
// WCAG 2 A and AA rules (contrast, names of links, buttons, fields and
// images, table headers, ARIA, …) or of axe's best practices.
func TestAccessibilityAudit(t *testing.T) {
	site(t)
	src := axe(t)
	browser(t)
	project, _ := filepath.Glob(filepath.Join(env.out, "report", "*", "*-xiang-mu.html"))
	if len(project) == 0 {
		t.Fatal("the bundled site has no 项目支出 report page to audit")
	}
	projectPath, _ := filepath.Rel(env.out, project[0])
	pages := []struct {
		name, path string
		status     int
		// then, when set, is done after useJS, before the second audit.
		then func(tb *tab)
	}{
		{"home", "index.html", http.StatusOK, nil},
		{"reports", "reports/index.html", http.StatusOK, nil},
		{"counties", "counties.html?q=tao", http.StatusOK, nil},
		{"county", "county/tao-yuan-xian.html", http.StatusOK, nil},
		{"report-whole", firstReportPage("tao-yuan-xian"), http.StatusOK, nil},
		{"report-project", filepath.ToSlash(projectPath), http.StatusOK, nil},
		{"compare-years", "compare/index.html", http.StatusOK, nil},
		{"compare-year", "compare/2020.html?counties=tao-yuan-xian,yu-hua-qu", http.StatusOK, func(tb *tab) {
			// The explorer with no county chosen, on another metric.
			tb.click(`[data-explorer] button[type=reset]`)
			eval[bool](tb, `(() => { const s = document.querySelector('[data-explorer] select[name=metric]'); s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
		}},
		{"compare-kind", kindsPage, http.StatusOK, nil},
		{"findings", "findings.html", http.StatusOK, nil},
		{"disclosure", "disclosure.html", http.StatusOK, nil},
		{"search", "search.html", http.StatusOK, func(tb *tab) {
			if !tb.waitFor(`!!document.querySelector('#search input')`, 5*time.Second) {
				tb.t.Log("the site has no search index (Pagefind is not installed): no search to run")
				return
			}
			tb.sendKeys(`#search input`, "桃源")
			if !tb.waitFor(`document.querySelectorAll('.pagefind-ui__result').length > 0`, 10*time.Second) {
				tb.t.Fatal("searching for 桃源 shows no result")
			}
		}},
		{"404", "no/such/page.html", http.StatusNotFound, nil},
	}
	for _, screen := range []struct {
		name   string
		screen chromedp.Action[chromedp.Void]
	}{{"phone", phoneScreen}, {"desktop", desktopScreen}} {
		for _, p := range pages {
			t.Run(screen.name+"/"+p.name, func(t *testing.T) {
				out, base := siteOf(p.path)
				tb := openStatus(t, out, base, env.host, base+p.path, p.status, screen.screen)
				// The 404 page is hidden until its stylesheet has come.
				if !tb.waitFor(`document.readyState === 'complete' && getComputedStyle(document.documentElement).visibility === 'visible'`, 10*time.Second) {
					t.Fatal("the page was not shown within 10s")
				}
				drawCharts(tb)
				axeAudit(tb, src, "as loaded")
				used := eval[int](tb, useJS)
				if p.then != nil {
					p.then(tb)
					used++
				}
				if used > 0 {
					drawCharts(tb)
					axeAudit(tb, src, "after use")
				}
			})
		}
	}
}

// axeFaults is a page with faults the audit must find, each marked with
// the id of the axe rule that finds it.
const axeFaults = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>无障碍错误</title>
<style>.faint { color: #bbb; } .wrap { width: 300px; overflow-x: auto; } .wrap td { min-width: 200px; }</style></head>
<body>
<main>
<h1>无障碍错误</h1>
<p><span class="faint">浅灰色的字</span>（color-contrast）</p>
<button type="button"></button><!-- button-name -->
<input type="text"><!-- label -->
<div role="img"></div><!-- role-img-alt -->
<a href="good.html"></a><!-- link-name -->
<ul><div>列表里的 div</div></ul><!-- list -->
<div class="wrap"><table><tr><th scope="row">宽的表</th><td>宽</td><td>宽</td><td class="faint" id="far">滚动框外的浅字</td></tr></table></div><!-- color-contrast, out of view in a scrolling box -->
</main>
</body>
</html>
`

// TestAccessibilityAuditCatchesFaults runs the audit over a page with
// faults, so that TestAccessibilityAudit passing means something.
func TestAccessibilityAuditCatchesFaults(t *testing.T) {
	site(t)
	src := axe(t)
	browser(t)
	dir := filepath.Join(env.faulty, "axe")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "faults.html"), []byte(axeFaults), 0o644); err != nil {
		t.Fatal(err)
	}
	base := "http://" + env.host + faultyPath + "axe/"
	tb := openWith(t, dir, base, env.host, base+"faults.html", phoneScreen)
	found := map[string]bool{}
	for _, v := range axeViolations(tb, src) {
		found[v.ID] = true
		for _, n := range v.Nodes {
			found[v.ID+" "+n.Target] = true
		}
	}
	if !found["color-contrast #far"] {
		t.Errorf("the audit missed the faint text out of view in a scrolling box; it found %v", found)
	}
	for _, id := range []string{"color-contrast", "button-name", "label", "role-img-alt", "link-name", "list"} {
		if !found[id] {
			t.Errorf("the audit missed %s; it found %v", id, found)
		}
	}
}
