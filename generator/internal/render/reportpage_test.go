package render_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/site"
)

// TestReportPageAsTemplate renders every page of three sites (a
// synthetic corpus, the bundled reports and reports made of hostile
// text) with the templates and with the markup that the section
// functions of report.html and base.html replaced
// (testdata/templates-before), and requires the same bytes, but for '+',
// which html/template alone writes as &#43;. A change to a section's
// markup made on purpose is made in testdata/templates-before too.
func TestReportPageAsTemplate(t *testing.T) {
	root := buildtest.RepoRoot(t)
	now, err := render.New(os.DirFS(root), "templates")
	if err != nil {
		t.Fatal(err)
	}
	before := fstest.MapFS{}
	err = fs.WalkDir(os.DirFS(root), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(root, p))
		before[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"report.html", "base.html", "county.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", "templates-before", name))
		if err != nil {
			t.Fatal(err)
		}
		if string(data) == string(before["templates/"+name].Data) {
			t.Fatalf("testdata/templates-before/%s is the template itself: the test would compare it with itself", name)
		}
		before["templates/"+name] = &fstest.MapFile{Data: data}
	}
	old, err := render.New(before, "templates")
	if err != nil {
		t.Fatal(err)
	}

	for _, dir := range testSites(t, root) {
		s := loadSite(t, dir)
		for _, r := range []*render.Renderer{now, old} {
			r.Nav = pages.Nav(s)
		}
		// html/template alone writes '+' as &#43;.
		plus := func(s string) string { return strings.ReplaceAll(s, "&#43;", "+") }
		reports := samePages(t, s, now, old, plus)
		if reports == 0 {
			t.Errorf("%s: no report pages compared", dir)
		}
	}
}

// clip returns s around byte i.
func clip(s string, i int) string {
	lo, hi := max(0, i-80), min(len(s), i+160)
	return s[lo:hi]
}

// testSites returns the content folders of three sites: a synthetic
// corpus, the bundled reports under root, and reports made of hostile
// text.
func testSites(t *testing.T, root string) []string {
	t.Helper()
	synthetic := t.TempDir()
	if err := corpus.Generate(synthetic, corpus.Options{Seed: 3, Reports: 300}); err != nil {
		t.Fatal(err)
	}
	hostile := t.TempDir()
	for name, data := range buildtest.HostileFiles() {
		p := filepath.Join(hostile, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return []string{synthetic, filepath.Join(root, "content"), filepath.Join(hostile, "content")}
}

// loadSite loads, checks and assembles the reports under dir.
func loadSite(t *testing.T, dir string) *site.Site {
	t.Helper()
	reports, err := content.Load(context.Background(), content.DirFS(dir), content.Options{Prefix: "content/"})
	if err != nil {
		t.Fatal(err)
	}
	errs, checks := check.Reports(reports)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	s, err := site.Assemble(reports, checks)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
