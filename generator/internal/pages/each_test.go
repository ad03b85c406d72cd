package pages_test

import (
	"slices"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
)

// TestEachListsTheirOtherPagesLast checks the order in which Each gives
// the pages of the paged lists, whose pages are all made by the first of
// their jobs to run: every list's first page comes before any list's
// second page, and those come after the compare pages and before the
// county pages, so that a worker making a page of a list whose pages
// another worker is still making is rare. Every page still comes once.
func TestEachListsTheirOtherPagesLast(t *testing.T) {
	s := generatedSite(t, corpus.Options{Seed: 3, Reports: 60})
	old, oldC, oldD := pages.ListPageSize, pages.CountyTableSize, pages.DisclosurePageSize
	pages.ListPageSize, pages.CountyTableSize, pages.DisclosurePageSize = 7, 7, 7
	t.Cleanup(func() { pages.ListPageSize, pages.CountyTableSize, pages.DisclosurePageSize = old, oldC, oldD })

	var paths []string
	made := map[string]bool{}
	err := pages.Each(s, func(j pages.Job) error {
		paths = append(paths, j.Path)
		p, err := j.Make()
		if err != nil {
			return err
		}
		if p.Path != j.Path {
			t.Errorf("job %s made the page %s", j.Path, p.Path)
		}
		made[j.Path] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	at := func(p string) int {
		i := slices.Index(paths, p)
		if i < 0 {
			t.Fatalf("no page %s among %d", p, len(paths))
		}
		return i
	}
	lists := map[string]func(int) string{
		"reports": pages.ReportsPath, "findings": pages.FindingsPath,
		"disclosure": pages.DisclosurePath, "compare years": pages.CompareYearsPath,
	}
	lastFirst, firstOther := 0, len(paths)
	for name, path := range lists {
		lastFirst = max(lastFirst, at(path(1)))
		if slices.Contains(paths, path(2)) {
			firstOther = min(firstOther, at(path(2)))
		} else {
			t.Errorf("the %s list has one page of %d rows; the test needs two", name, 7)
		}
	}
	for _, y := range s.Years {
		lastFirst = max(lastFirst, at(pages.ComparePath(y)))
	}
	if firstOther < lastFirst {
		t.Errorf("a list's second page (%s, #%d) comes before the last first page or compare page (%s, #%d)",
			paths[firstOther], firstOther, paths[lastFirst], lastFirst)
	}
	if c := at(s.Counties[0].URL); c < firstOther {
		t.Errorf("the first county page (#%d) comes before the lists' other pages (#%d)", c, firstOther)
	}
	if len(made) != len(paths) {
		t.Errorf("%d jobs made %d distinct pages", len(paths), len(made))
	}
}
