package pages_test

import (
	"fmt"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
)

// A page whose Written is called twice gives its memory back once: were
// it given back twice, two pages made after it would be made in the same
// memory, and a third, made once one of them is written, would write over
// the other's charts.
func TestWrittenTwiceGivesBackOnce(t *testing.T) {
	s := generatedSite(t, corpus.Options{Seed: 3, Reports: 60})
	var made []*pages.Page
	for _, c := range s.Counties {
		if c.SeriesPages() {
			continue
		}
		p, err := pages.County(s, c)
		if err != nil {
			t.Fatal(err)
		}
		if p.Release != nil && len(p.Charts) > 0 {
			made = append(made, p)
		}
		if len(made) == 4 {
			break
		}
	}
	if len(made) < 4 {
		t.Fatalf("the site has %d county pages with charts, want 4", len(made))
	}
	// Made again, as a build makes them: each after the one before it
	// is written.
	for _, p := range made {
		p.Written()
	}
	again := func(i int) *pages.Page {
		t.Helper()
		p, err := pages.County(s, made[i].Data.(*pages.CountyData).County)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := again(0)
	a.Written()
	a.Written()
	b, c := again(1), again(2)
	want := fmt.Sprint(c.Charts)
	b.Written()
	d := again(3)
	if got := fmt.Sprint(c.Charts); got != want {
		t.Fatal("a county page's charts changed when another page was written and a third made: memory given back twice")
	}
	c.Written()
	d.Written()
}
