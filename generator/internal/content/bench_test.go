package content

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
)

// benchCorpus returns the content folder of a synthetic corpus of n
// reports, generated once (corpus.Cached) and kept for later runs.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir, err := corpus.Cached(corpus.Options{Seed: 1, Reports: n})
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "content")
}

// BenchmarkLoadFile reads and parses the 1,000 files of a corpus from
// disk, one after the other, as a build does again for each report page.
func BenchmarkLoadFile(b *testing.B) {
	fsys := DirFS(benchCorpus(b, 1000))
	files, err := Files(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			if _, err := LoadFile(fsys, f, "content/"+f); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
}

// BenchmarkLoad loads a corpus of 1,000 files as a build does: lean, with
// as many workers as CPUs.
func BenchmarkLoad(b *testing.B) {
	fsys := DirFS(benchCorpus(b, 1000))
	b.ReportAllocs()
	for b.Loop() {
		reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
		if err != nil || len(reports) != 1000 {
			b.Fatal(len(reports), err)
		}
	}
}
