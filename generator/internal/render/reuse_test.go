package render_test

import (
	"os"
	"slices"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// TestPagesInReusedMemory renders every page of three sites once with
// models made afresh, and again in the opposite order, each page given
// back once written (Page.Written), as a build does, so that its model
// and its charts' memory serve the pages after it: the bytes must be the
// same. A page written while another is still held must not change it
// either.
func TestPagesInReusedMemory(t *testing.T) {
	root := buildtest.RepoRoot(t)
	for _, dir := range testSites(t, root) {
		s := loadSite(t, dir)
		r := newRenderer(t, os.DirFS(root))
		r.Nav = pages.Nav(s)
		var jobs []pages.Job
		if err := pages.Each(s, func(j pages.Job) error {
			jobs = append(jobs, j)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		fresh := map[string]string{}
		reused := 0
		for _, j := range jobs {
			p, err := j.Make()
			if err != nil {
				t.Fatal(err)
			}
			html, err := r.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			fresh[j.Path] = string(html)
			if p.Release != nil {
				reused++
			}
			// Not given back: the next pages' models are new.
		}
		if reused == 0 {
			t.Fatalf("%s: no page has memory to give back", dir)
		}
		// held is a page made before the others and written after them.
		var held *pages.Page
		var heldPath string
		for _, j := range slices.Backward(jobs) {
			p, err := j.Make()
			if err != nil {
				t.Fatal(err)
			}
			if held == nil && p.Release != nil {
				held, heldPath = p, j.Path
				continue
			}
			html, err := r.Page(p)
			if err != nil {
				t.Fatal(err)
			}
			if string(html) != fresh[j.Path] {
				t.Fatalf("%s: %s differs when made in memory given back by the pages before it", dir, j.Path)
			}
			p.Written()
		}
		html, err := r.Page(held)
		if err != nil {
			t.Fatal(err)
		}
		if string(html) != fresh[heldPath] {
			t.Fatalf("%s: %s, held while the other pages were made and given back, changed", dir, heldPath)
		}
		held.Written()
	}
}
