package build

// Benchmarks of the cache record and of page keys at the scale of 15,000
// reports. They run only with -bench, for example:
//
//	go test ./generator/internal/build -run '^$' -bench 'CacheRecord|PageKeys' -benchmem

import (
	"context"
	"crypto/sha256"
	"fmt"
	"sync"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/site"
)

// bigRecord returns a record shaped like that of a build of n reports:
// about 1.2n output files, n sources and 1.2n page keys, with paths like
// the generator's.
func bigRecord(n int) *cacheRecord {
	rec := &cacheRecord{
		Inputs:  fmt.Sprintf("%x", sha256.Sum256([]byte("inputs"))),
		Files:   make(map[string]fileStamp, n*6/5),
		Sources: make(map[string]sourceStamp, n),
		Keys:    make(map[string]string, n*6/5),
		Reports: n, Counties: n / 5, Pages: n * 6 / 5, Findings: n / 2,
	}
	const t0 = 1795433796344488687
	for i := range n {
		county := fmt.Sprintf("county-%04d-xian", i/5)
		page := fmt.Sprintf("report/%s/%d-cai-zheng-ju-zheng-ti-zhi-chu.html", county, 2019+i%5)
		rec.Files[page] = fileStamp{Size: int64(20000 + i), ModTime: t0 + int64(i)*1000}
		src := fmt.Sprintf("content/province-%02d/%04d-prefecture-shi/%06d-%s-%d-czj.md", i%27, i/40, 100000+i/5, county, 2019+i%5)
		rec.Sources[src] = sourceStamp{Stamp: stampOf(int64(4000+i), t0+int64(i)), Sum: sha256.Sum256([]byte(src))}
		rec.Keys[page] = string(keyOf(page))
		if i%5 == 0 {
			cp := "county/" + county + ".html"
			rec.Files[cp] = fileStamp{Size: int64(30000 + i), ModTime: t0 + int64(i)*1000}
			rec.Keys[cp] = string(keyOf(cp))
		}
	}
	for i := range n / 500 {
		rec.Files[fmt.Sprintf("reports/%d.html", i+1)] = fileStamp{Size: 1 << 20, ModTime: t0}
	}
	return rec
}

func keyOf(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}

// BenchmarkCacheRecordEncode encodes the record of a build of 15,000
// reports.
func BenchmarkCacheRecordEncode(b *testing.B) {
	rec := bigRecord(15000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		data := encodeRecord(rec)
		size = len(data)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkCacheRecordDecode decodes the record of a build of 15,000
// reports.
func BenchmarkCacheRecordDecode(b *testing.B) {
	data := encodeRecord(bigRecord(15000))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if rec := decodeRecord(data); rec == nil {
			b.Fatal("the record was not read")
		}
	}
}

// keySite is a site of 15,000 reports, loaded once for the benchmarks of
// page keys.
var keySite = sync.OnceValues(func() (*site.Site, error) {
	dir, err := corpus.Cached(corpus.Options{Reports: 15000, Seed: 1})
	if err != nil {
		return nil, err
	}
	reports, err := content.Load(context.Background(), content.DirFS(dir+"/content"), content.Options{Prefix: "content/", Lean: true})
	if err != nil {
		return nil, err
	}
	errs, checks := check.Reports(reports)
	if len(errs) > 0 {
		return nil, errs[0]
	}
	return site.Assemble(reports, checks)
})

// BenchmarkPageKeys computes the key of every report and county page of a
// site of 15,000 reports, as a build does once per page; it reports the
// time and allocations per page.
func BenchmarkPageKeys(b *testing.B) {
	s, err := keySite()
	if err != nil {
		b.Fatal(err)
	}
	in := &inputs{Files: map[string][32]byte{}}
	for _, r := range s.Reports {
		in.Files[r.File] = sha256.Sum256([]byte(r.File))
	}
	n := len(s.Reports) + len(s.Counties)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, r := range s.Reports {
			_ = reportKey(in, r)
		}
		for _, c := range s.Counties {
			_ = countyKey(in, c)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/page")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		for _, r := range s.Reports {
			_ = reportKey(in, r)
		}
		for _, c := range s.Counties {
			_ = countyKey(in, c)
		}
	}))/float64(n), "allocs/page")
}
