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

// Table alignment is a class, which site.css aligns: the pages'
// Content-Security-Policy refuses style attributes.
func TestTableAlignmentIsAClass(t *testing.T) {
	rnd, err := New(os.DirFS("../../.."), "templates")
	if err != nil {
		t.Fatal(err)
	}
	out, err := rnd.Markdown([]byte("项目|左|中|金额\n-|:-|:-:|-:\n甲|a|b|1.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(out)
	if strings.Contains(html, "style=") {
		t.Errorf("a style attribute: %s", html)
	}
	for _, want := range []string{"<th>项目</th>", `<th class="align-left">左</th>`, `<th class="align-center">中</th>`,
		`<th class="align-right">金额</th>`, `<td class="align-right">1.5</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in %s", want, html)
		}
	}
	css, err := os.ReadFile("../../../assets/site.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range []string{".align-left { text-align: left; }", ".align-center { text-align: center; }", ".align-right { text-align: right; }"} {
		if !strings.Contains(string(css), rule) {
			t.Errorf("site.css lacks %s", rule)
		}
	}
}
