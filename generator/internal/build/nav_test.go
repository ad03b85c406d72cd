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
