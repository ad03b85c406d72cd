package content

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"strings"
	"sync"
	"testing"
)

// BenchmarkLoadDetail reads again from disk the 1,000 files of a corpus
// that a lean load read, with the hash of each, as a build does for each
// report page: compare its ns/file with BenchmarkLoadFile's.
func BenchmarkLoadDetail(b *testing.B) {
	fsys := DirFS(benchCorpus(b, 1000))
	var mu sync.Mutex
	sums := map[string][32]byte{}
	reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true, Read: func(name string, data []byte, _ fs.FileInfo) {
		sum := sha256.Sum256(data)
		mu.Lock()
		sums[name] = sum
		mu.Unlock()
	}})
	if err != nil || len(reports) != 1000 {
		b.Fatal(len(reports), err)
	}
	for _, r := range reports {
		r.Keys = nil
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range reports {
			if _, err := LoadDetail(fsys, strings.TrimPrefix(r.File, "content/"), r.File, r, sums[r.File]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(reports)), "ns/file")
}
