package pages_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/site"
)

// benchSite assembles the site of a synthetic corpus of n reports.
func benchSite(b *testing.B, n int) *site.Site {
	b.Helper()
	dir, err := corpus.Cached(corpus.Options{Seed: 1, Reports: n})
	if err != nil {
		b.Fatal(err)
	}
	return siteOf(b, dir)
}

// generatedSite assembles the site of a synthetic corpus written, as
// opts says, into a temporary folder of the test.
func generatedSite(t *testing.T, opts corpus.Options) *site.Site {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(filepath.Join(dir, "content"), opts); err != nil {
		t.Fatal(err)
	}
	return siteOf(t, dir)
}

// siteOf loads, checks and assembles the site of the report files under
// dir/content.
func siteOf(tb testing.TB, dir string) *site.Site {
	tb.Helper()
	reports, err := content.Load(context.Background(), os.DirFS(filepath.Join(dir, "content")), content.Options{Prefix: "content/"})
	if err != nil {
		tb.Fatal(err)
	}
	errs, checks := check.Reports(reports)
	if len(errs) > 0 {
		tb.Fatal(errs[0])
	}
	s, err := site.Assemble(reports, checks)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkModels builds the model of every page of a site of 1,000
// reports, without rendering them; each op is the whole site.
func BenchmarkModels(b *testing.B) {
	s := benchSite(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		err := pages.Each(s, func(j pages.Job) error {
			_, err := j.Make()
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
