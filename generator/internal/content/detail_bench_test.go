package content

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkLoadDetail reads again from disk the 1,000 files of a corpus
// that a lean load read, as a build does for each report page: compare
// its ns/file with BenchmarkLoadFile's.
func BenchmarkLoadDetail(b *testing.B) {
	fsys := DirFS(benchCorpus(b, 1000))
	reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
	if err != nil || len(reports) != 1000 {
		b.Fatal(len(reports), err)
	}
	for _, r := range reports {
		r.Keys = nil
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range reports {
			_, release, err := LoadDetail(fsys, strings.TrimPrefix(r.File, "content/"), r.File, r)
			release()
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(reports)), "ns/file")
}
