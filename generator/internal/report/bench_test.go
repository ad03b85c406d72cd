package report_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
)

// benchFiles returns the names and bytes of the report files of a
// synthetic corpus of n reports, generated once (corpus.Cached) and kept
// for later runs.
func benchFiles(b *testing.B, n int) (names []string, data [][]byte) {
	b.Helper()
	project, err := corpus.Cached(corpus.Options{Seed: 1, Reports: n})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(project, "content")
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		d2, err := os.ReadFile(filepath.Join(dir, p))
		names, data = append(names, "content/"+p), append(data, d2)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return names, data
}

// BenchmarkParse parses the 1,000 files of a corpus from memory, one after
// the other.
func BenchmarkParse(b *testing.B) { benchParse(b, report.Parse) }

// BenchmarkParseLean parses the files of BenchmarkParse as a lean load
// does, without making their bodies, evidence and review notes.
func BenchmarkParseLean(b *testing.B) { benchParse(b, report.ParseLean) }

func benchParse(b *testing.B, parse func(string, []byte) (*report.Report, error)) {
	names, data := benchFiles(b, 1000)
	size := 0
	for _, d := range data {
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			if _, err := parse(names[i], d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data)), "ns/file")
}
