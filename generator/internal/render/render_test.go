package render

import (
	"os"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/site"
)

// TestSharedLayout checks that the shared parts of the layout follow
// what they depend on although each is rendered once per Layout: the
// search page loads Pagefind only when the site has an index, and the
// 404 page, whose data is the site too, never does.
func TestSharedLayout(t *testing.T) {
	r, err := New(os.DirFS("../../.."), "templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, search := range []bool{true, false, true} {
		s := &site.Site{Search: search}
		r.Nav = pages.Nav(&site.Site{Search: true})
		for _, p := range []*pages.Page{pages.Search(s), pages.NotFound(s)} {
			b, err := r.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(string(b), `<script defer src="pagefind/pagefind-ui.js"></script>`)
			if want := search && p.Template == "search"; got != want {
				t.Errorf("%s with Search %v: loads Pagefind %v, want %v", p.Path, search, got, want)
			}
			if !strings.Contains(string(b), `<a href="search.html" aria-current="page">搜索</a>`) == (p.Template == "search") {
				t.Errorf("%s: navigation marks the wrong section", p.Path)
			}
		}
	}
}
