package content

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
)

// benchCorpus returns the content folder of a synthetic corpus of n
// reports, generated once into os.TempDir() and kept for later runs.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("portal-content-bench-%d-v%d", n, corpus.Version))
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "portal-content-bench-tmp-")
	if err != nil {
		b.Fatal(err)
	}
	if err := corpus.Generate(filepath.Join(tmp, "content"), corpus.Options{Seed: 1, Reports: n}); err != nil {
		os.RemoveAll(tmp)
		b.Fatal(err)
	}
	if err := os.Rename(filepath.Join(tmp, "content"), dir); err != nil {
		os.RemoveAll(tmp)
		b.Fatal(err)
	}
	os.Remove(tmp)
	return dir
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
