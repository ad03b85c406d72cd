package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/search"
)

// TestSearchFindsChineseText builds the bundled site with its Pagefind
// index, when Pagefind is installed, and searches it in chromium for a
// county's name.
func TestSearchFindsChineseText(t *testing.T) {
	wd, _ := os.Getwd()
	root, err := RepoRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	if search.Find(root) == "" {
		t.Skip("Pagefind is not installed (npm install pagefind, or set PAGEFIND): the site has no full-text index to test")
	}
	browser(t)
	out := filepath.Join(t.TempDir(), "site")
	if _, err := build.Run(context.Background(), build.Config{Root: root, Out: out, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "pagefind", "pagefind-ui.js")); err != nil {
		t.Fatalf("no index in the built site: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/portal/", http.StripPrefix("/portal", staticHost(out)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	base := "http://" + ln.Addr().String() + "/portal/"

	tb := open(t, out, base, ln.Addr().String(), base+"search.html")
	if !tb.waitFor(`!!document.querySelector('#search input')`, 10*time.Second) {
		t.Fatal("no search box on the search page")
	}
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
