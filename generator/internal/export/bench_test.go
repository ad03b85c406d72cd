package export

// Benchmarks of the downloads over a generated corpus of 15,000 reports.
// They run only with -bench, for example:
//
//	go test ./generator/internal/export -run '^$' -bench . -benchmem
//
// The corpus is generated once into
// os.TempDir()/portal-bench-corpus-15000-1-d1-v<version>, the folder the
// build benchmarks use, and reused by later runs.

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/site"
)

// benchSite is the assembled site of the benchmark corpus, made once.
var benchSite struct {
	once sync.Once
	site *site.Site
	err  error
}

// loadBenchSite returns the assembled site of 15,000 generated reports,
// with their evidence kept in memory.
func loadBenchSite(b *testing.B) *site.Site {
	b.Helper()
	benchSite.once.Do(func() {
		benchSite.site, benchSite.err = makeBenchSite(corpus.Options{Seed: 1, Reports: 15000})
	})
	if benchSite.err != nil {
		b.Fatal(benchSite.err)
	}
	return benchSite.site
}

func makeBenchSite(opt corpus.Options) (*site.Site, error) {
	dir, err := corpus.Cached(opt)
	if err != nil {
		return nil, err
	}
	rs, err := content.Load(context.Background(), os.DirFS(filepath.Join(dir, "content")), content.Options{Prefix: "content/"})
	if err != nil {
		return nil, err
	}
	_, checks := check.Reports(rs)
	return site.Assemble(rs, checks)
}

func BenchmarkWriteCSV15k(b *testing.B) {
	benchWrite(b, func(w io.Writer, s *site.Site) error { return WriteCSV(w, s, "") })
}

func BenchmarkWriteXLSX15k(b *testing.B) {
	benchWrite(b, func(w io.Writer, s *site.Site) error { return WriteXLSX(w, s, "") })
}

func BenchmarkWriteJSON15k(b *testing.B) { benchWrite(b, WriteJSON) }

func benchWrite(b *testing.B, write func(io.Writer, *site.Site) error) {
	s := loadBenchSite(b)
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := write(io.Discard, s); err != nil {
			b.Fatal(err)
		}
	}
	// The machine may be shared: CPU time (garbage collection included)
	// varies less than wall time.
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime returns the user and system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
