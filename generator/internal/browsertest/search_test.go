package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/search"
)

// searched is the bundled site built with its Pagefind index, and
// served under subPath, once for the tests that search it.
var searched struct {
	once            sync.Once
	err             error
	skip            bool
	out, host, base string
}

// searchSite builds the bundled site with its Pagefind index, when
// Pagefind is installed, and serves it under a sub-path; it returns the
// site's folder, host and URL. Without Pagefind the test is skipped.
func searchSite(t *testing.T) (out, host, base string) {
	t.Helper()
	searched.once.Do(func() {
		wd, _ := os.Getwd()
		root, err := RepoRoot(wd)
		if err != nil {
			searched.err = err
			return
		}
		if search.Find(root) == "" {
			searched.skip = true
			return
		}
		out := filepath.Join(env.tmp, "searched")
		if _, err := build.Run(context.Background(), build.Config{Root: root, Out: out, NoCache: true}); err != nil {
			searched.err = err
			return
		}
		if _, err := os.Stat(filepath.Join(out, "pagefind", "pagefind-ui.js")); err != nil {
			searched.err = fmt.Errorf("no index in the built site: %w", err)
			return
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			searched.err = err
			return
		}
		mux := http.NewServeMux()
		mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), staticHost(out)))
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(ln) // stops with the test binary
		searched.out, searched.host = out, ln.Addr().String()
		searched.base = "http://" + searched.host + subPath
	})
	if searched.skip {
		t.Skip("Pagefind is not installed (npm install pagefind, or set PAGEFIND): the site has no full-text index to test")
	}
	if searched.err != nil {
		t.Fatal(searched.err)
	}
	return searched.out, searched.host, searched.base
}

// openSearch opens the search page of the site searchSite builds, once
// its search box is there.
func openSearch(t *testing.T) *tab {
	t.Helper()
	out, host, base := searchSite(t)
	tb := open(t, out, base, host, base+"search.html")
	if !tb.waitFor(`!!document.querySelector('#search input')`, 10*time.Second) {
		t.Fatal("no search box on the search page")
	}
	return tb
}

// TestSearchFindsChineseText builds the bundled site with its Pagefind
// index, when Pagefind is installed, and searches it in chromium for a
// county's name.
func TestSearchFindsChineseText(t *testing.T) {
	browser(t)
	tb := openSearch(t)
	tb.sendKeys(`#search input`, "桃源县")
	if !tb.waitFor(`Array.from(document.querySelectorAll('#search a')).some(a => a.getAttribute('href').includes('tao-yuan-xian'))`, 15*time.Second) {
		t.Fatal("searching 桃源县 found no page of 桃源县")
	}
	// Results stay under the sub-path the site is served from.
	hrefs := eval[[]string](tb, `Array.from(document.querySelectorAll('#search a')).map(a => a.getAttribute('href'))`)
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "/portal/") {
			t.Errorf("search result %q leaves the site's sub-path", h)
		}
	}
	tb.report(tb.logProblems())
}

// TestSearchFollowsTheAddress: search.html?q=… opens with that search's
// results, its words in the box, as the site's other lists take q; what
// is typed then goes into the address (to keep or share), and 清除 takes
// it out.
func TestSearchFollowsTheAddress(t *testing.T) {
	browser(t)
	out, host, base := searchSite(t)
	tb := open(t, out, base, host, base+"search.html?q="+url.QueryEscape("桃源县"))
	if !tb.waitFor(`Array.from(document.querySelectorAll('#search a')).some(a => a.getAttribute('href').includes('tao-yuan-xian'))`, 15*time.Second) {
		t.Fatal("search.html?q=桃源县 shows no page of 桃源县")
	}
	if got := eval[string](tb, `document.querySelector('#search input').value`); got != "桃源县" {
		t.Errorf("search.html?q=桃源县 opens with %q in the box, want 桃源县", got)
	}
	tb.sendKeys(`#search input`, " 2020")
	if !tb.waitFor(`new URLSearchParams(location.search).get('q') === '桃源县 2020'`, 5*time.Second) {
		t.Errorf("after typing, the address reads %q, want q=桃源县 2020", eval[string](tb, `location.search`))
	}
	tb.click(`#search .pagefind-ui__search-clear`)
	if !tb.waitFor(`!new URLSearchParams(location.search).has('q') && document.querySelector('#search input').value === ''`, 5*time.Second) {
		t.Errorf("after 清除, the address reads %q and the box %q; want neither to hold the search",
			eval[string](tb, `location.search`), eval[string](tb, `document.querySelector('#search input').value`))
	}
	tb.report(tb.logProblems())
}

// placeholderContrastJS measures the search box's placeholder as drawn:
// its colour, made fainter by its opacity, over the box's background
// (or the first background behind it), and the contrast ratio of the
// two (WCAG 2.x: (L1 + 0.05) / (L2 + 0.05) of relative luminances).
const placeholderContrastJS = `(() => {
  const input = document.querySelector('#search input');
  const rgba = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  let bg = null;
  for (let e = input; e && !bg; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) bg = c; }
  bg = bg || [255, 255, 255, 1];
  const ph = getComputedStyle(input, '::placeholder');
  const fg = rgba(ph.color), alpha = fg[3] * Number(ph.opacity);
  const drawn = [0, 1, 2].map(i => fg[i] * alpha + bg[i] * (1 - alpha));
  const lum = c => { const l = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const a = lum(drawn), b = lum(bg);
  return {placeholder: input.placeholder, color: ph.color, opacity: ph.opacity, background: 'rgb(' + bg.slice(0, 3).join(', ') + ')',
    ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
})()`

// TestSearchPlaceholderContrast reads the placeholder of the search box
// in chromium, with the colours the page computes (Pagefind's stylesheet
// and the site's): the text must have a contrast of at least 4.5:1
// against the box (WCAG AA for normal text).
func TestSearchPlaceholderContrast(t *testing.T) {
	browser(t)
	tb := openSearch(t)
	got := eval[struct {
		Placeholder, Color, Opacity, Background string
		Ratio                                   float64
	}](tb, placeholderContrastJS)
	if got.Placeholder == "" {
		t.Fatal("the search box has no placeholder; the test needs one")
	}
	if got.Ratio < 4.5 {
		t.Errorf("the placeholder %q is %s at opacity %s on %s: contrast %.2f:1, want at least 4.5:1", got.Placeholder, got.Color, got.Opacity, got.Background, got.Ratio)
	}
	tb.report(tb.logProblems())
}
