package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestSearchPageSaysWhatItOffers: without a full-text index the search
// page's description does not promise one; it says where to look
// instead, as the page does.
func TestSearchPageSaysWhatItOffers(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	page := p.Page("search.html")
	desc, _, _ := strings.Cut(strings.TrimPrefix(between(page, `<meta name="description" content="`, `>`), `<meta name="description" content="`), `"`)
	if desc == "" {
		t.Fatal("search.html has no description")
	}
	if strings.Contains(desc, "正文") {
		t.Errorf("search.html without an index describes full-text search: %q", desc)
	}
	mustContain(t, "search description", desc, "县名", "拼音")
}

// TestCountiesAreFoundFromTheTop: every page's menu has 各县, and the
// home page opens with a box that finds a county: a form that opens
// counties.html?q=… (filtered there by site.js, the whole list without
// it), before the introduction and the overview, so that a reader on a
// phone need not scroll to the list of counties at the end.
func TestCountiesAreFoundFromTheTop(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	for page, root := range map[string]string{"index.html": "", "county/jia-xian.html": "../",
		"report/jia-xian/2021-cai-zheng-ju-zheng-ti.html": "../../", "findings.html": ""} {
		nav := between(p.Page(page), `<nav class="site-nav"`, `</nav>`)
		mustContain(t, page+" menu", nav, `<a href="`+root+`counties.html">各县</a>`)
	}
	mustContain(t, "counties.html menu", between(p.Page("counties.html"), `<nav class="site-nav"`, `</nav>`),
		`<a href="counties.html" aria-current="page">各县</a>`)
	home := p.Page("index.html")
	form := between(home, `<form class="county-find"`, `</form>`)
	mustContain(t, "home county finder", form, `action="counties.html"`, `name="q"`, `type="submit"`,
		`<a href="counties.html">`)
	if i, j := strings.Index(home, `<form class="county-find"`), strings.Index(home, `class="lead"`); i < 0 || i > j {
		t.Errorf("the county finder is not above the introduction (at %d, the introduction at %d)", i, j)
	}
}

