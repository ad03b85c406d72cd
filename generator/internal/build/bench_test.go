package build_test

// Benchmarks of parsing, rendering and whole builds over generated corpora.
// They run only with -bench, for example:
//
//	go test ./generator/internal/build -run '^$' -bench . -benchtime 1x
//	go test ./generator/internal/build -run '^$' -bench Build15k -benchtime 1x -cpuprofile cpu.out
//	go test ./generator/internal/build -run '^$' -bench Build100k -benchtime 1x
//
// BenchmarkBuild100k runs only when the -bench pattern names 100k or
// PORTAL_BENCH_100K=1. Each corpus is generated once into
// os.TempDir()/portal-bench-corpus-<reports>-<seed>-d<departments>-v<version>
// and reused by later runs. Every build writes into a folder never used
// before; these are removed when the test binary exits, unless
// PORTAL_BENCH_KEEP=1.
//
// Besides ns/op, each benchmark reports pages/s (reports/s for parsing),
// peak-MB (the most memory the Go runtime held from the OS at any time,
// sampled every 5 ms: close to the process's peak RSS) and peak-heap-MB
// (the most memory in heap objects).

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// benchSeed is the seed of every benchmark corpus.
const benchSeed = 1

// outRoot holds the output folders of this test binary's builds.
var outRoot struct {
	once sync.Once
	dir  string
	err  error
}

// TestMain removes the benchmarks' output folders once every benchmark
// has run: deleting many files slows the writes that follow on some disks,
// so no benchmark deletes while others are timed.
func TestMain(m *testing.M) {
	code := m.Run()
	if outRoot.dir != "" {
		if os.Getenv("PORTAL_BENCH_KEEP") == "1" {
			fmt.Fprintln(os.Stderr, "benchmark output kept in", outRoot.dir)
		} else {
			os.RemoveAll(outRoot.dir)
		}
	}
	os.Exit(code)
}

// freshOut returns an output folder that has never been used.
func freshOut(b *testing.B) string {
	b.Helper()
	outRoot.once.Do(func() {
		outRoot.dir, outRoot.err = os.MkdirTemp("", "portal-bench-out-")
	})
	if outRoot.err != nil {
		b.Fatal(outRoot.err)
	}
	dir, err := os.MkdirTemp(outRoot.dir, "build-")
	if err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "public")
}

// corpusProject returns a project folder whose content/ holds the corpus of
// opt and whose templates/ and assets/ link to the repository's. The corpus
// is generated the first time and cached in the temporary folder.
func corpusProject(b *testing.B, opt corpus.Options) string {
	b.Helper()
	opt.Seed = benchSeed
	start := time.Now()
	dir, err := corpus.Cached(opt)
	if err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("made the corpus of %d reports in %s in %s", opt.Reports, dir, d.Round(time.Millisecond))
	}
	root := buildtest.RepoRoot(b)
	for _, sub := range []string{"templates", "assets"} {
		link := filepath.Join(dir, sub)
		if target, err := os.Readlink(link); err == nil && target == filepath.Join(root, sub) {
			continue
		}
		os.Remove(link)
		if err := os.Symlink(filepath.Join(root, sub), link); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// peakMem samples the memory the Go runtime holds until stop is called.
type peakMem struct {
	stop    chan struct{}
	done    chan struct{}
	sys     uint64 // mapped from the OS and not released
	objects uint64 // in heap objects
}

var peakMetrics = []string{
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
	"/memory/classes/heap/objects:bytes",
}

// startPeak frees what it can and starts sampling.
func startPeak() *peakMem {
	runtime.GC()
	debug.FreeOSMemory()
	p := &peakMem{stop: make(chan struct{}), done: make(chan struct{})}
	samples := make([]metrics.Sample, len(peakMetrics))
	for i, name := range peakMetrics {
		samples[i].Name = name
	}
	read := func() {
		metrics.Read(samples)
		sys := samples[0].Value.Uint64() - samples[1].Value.Uint64()
		p.sys = max(p.sys, sys)
		p.objects = max(p.objects, samples[2].Value.Uint64())
	}
	go func() {
		defer close(p.done)
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-p.stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return p
}

// report stops sampling and reports the peaks.
func (p *peakMem) report(b *testing.B) {
	close(p.stop)
	<-p.done
	b.ReportMetric(float64(p.sys)/(1<<20), "peak-MB")
	b.ReportMetric(float64(p.objects)/(1<<20), "peak-heap-MB")
}

// perSecond reports n things per op as a rate.
func perSecond(b *testing.B, n int, unit string) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/s, unit)
	}
}

// readCorpus returns the bytes of every report file of a project, by name.
func readCorpus(b *testing.B, project string) (names []string, data [][]byte, size int64) {
	b.Helper()
	fsys := os.DirFS(filepath.Join(project, "content"))
	files, err := content.Files(fsys)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		d, err := fs.ReadFile(fsys, f)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, "content/"+f)
		data = append(data, d)
		size += int64(len(d))
	}
	return names, data, size
}

// benchSizes are the corpus sizes the parse and render benchmarks take:
// 1,000 and 15,000 reports of one department in each county, and 100,000
// of seven (as BenchmarkBuild100k).
var benchSizes = []corpus.Options{{Reports: 1000}, {Reports: 15000}, {Reports: 100000, Departments: 7}}

// bySize runs bench for each of benchSizes as a sub-benchmark named by its
// size (1k, 15k, 100k). 100,000 reports run only when asked for by name
// or with PORTAL_BENCH_100K=1 (see skip100k).
func bySize(b *testing.B, bench func(*testing.B, corpus.Options)) {
	for _, opt := range benchSizes {
		b.Run(sizeName(opt.Reports), func(b *testing.B) {
			if opt.Reports >= 100000 {
				skip100k(b)
			}
			bench(b, opt)
		})
	}
}

// skip100k skips a benchmark of 100,000 reports, which takes minutes and
// most of a gigabyte, unless the -bench pattern names "100k" or
// PORTAL_BENCH_100K=1 is set.
func skip100k(b *testing.B) {
	pattern := ""
	if f := flag.Lookup("test.bench"); f != nil {
		pattern = f.Value.String()
	}
	if os.Getenv("PORTAL_BENCH_100K") != "1" && !strings.Contains(pattern, "100k") {
		b.Skip("100,000 reports: run with -bench 100k or PORTAL_BENCH_100K=1")
	}
}

// BenchmarkParse parses every report file of a corpus of 1,000, 15,000 and
// 100,000 reports, one after the other, from memory, and lets each go:
// it reports the files' bytes and reports per second, and the peak memory
// (the files' bytes, read before, included).
func BenchmarkParse(b *testing.B) {
	bySize(b, func(b *testing.B, opt corpus.Options) {
		names, data, size := readCorpus(b, corpusProject(b, opt))
		b.SetBytes(size)
		b.ReportAllocs()
		peak := startPeak()
		for b.Loop() {
			for i, d := range data {
				if _, err := report.Parse(names[i], d); err != nil {
					b.Fatal(err)
				}
			}
		}
		peak.report(b)
		perSecond(b, len(data), "reports/s")
	})
}

// BenchmarkRender renders every page of a site of 1,000, 15,000 and
// 100,000 reports (see bySize), one after the other, without writing:
// the page models (pages.Each) and their HTML (render.Renderer.Page).
// Loading (with every body kept in memory, which a build does not do),
// checking and assembling are not timed.
// It reports model-MB, the live heap of the loaded reports and site model,
// and the seconds per op spent in the models (s-models) and executing each
// template (s-report, s-home, …). With PORTAL_BENCH_MODEL_PROFILE=FILE it
// writes a heap profile of the loaded model to FILE.
func BenchmarkRender(b *testing.B) {
	bySize(b, func(b *testing.B, opt corpus.Options) {
		project := corpusProject(b, opt)
		root := os.DirFS(project)
		contentFS, err := fs.Sub(root, "content")
		if err != nil {
			b.Fatal(err)
		}
		reports, err := content.Load(context.Background(), contentFS, content.Options{Prefix: "content/"})
		if err != nil {
			b.Fatal(err)
		}
		errs, checks := check.Reports(reports)
		if len(errs) > 0 {
			b.Fatal(errs[0])
		}
		s, err := site.Assemble(reports, checks)
		if err != nil {
			b.Fatal(err)
		}
		rnd, err := render.New(root, "templates")
		if err != nil {
			b.Fatal(err)
		}
		rnd.Nav = pages.Nav(s)
		// The memory the loaded reports and the site model hold.
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		modelMB := float64(ms.HeapAlloc) / (1 << 20)
		if f := os.Getenv("PORTAL_BENCH_MODEL_PROFILE"); f != "" {
			writeHeapProfile(b, f)
		}
		b.ReportAllocs()
		peak := startPeak()
		var n, size int
		spent := map[string]time.Duration{} // rendering, by template
		var total time.Duration
		for b.Loop() {
			n, size = 0, 0
			start := time.Now()
			err := pages.Each(s, func(j pages.Job) error {
				p, err := j.Make()
				if err != nil {
					return err
				}
				t := time.Now()
				html, err := rnd.Page(p)
				spent[p.Template] += time.Since(t)
				n++
				size += len(html)
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			total += time.Since(start)
		}
		peak.report(b)
		perSecond(b, n, "pages/s")
		b.ReportMetric(float64(size)/float64(n)/1024, "KB/page")
		// Where the time goes: seconds per op making the page models,
		// and executing each template.
		models := total
		for name, d := range spent {
			models -= d
			b.ReportMetric(d.Seconds()/float64(b.N), "s-"+name)
		}
		b.ReportMetric(models.Seconds()/float64(b.N), "s-models")
		b.ReportMetric(modelMB, "model-MB")
	})
}

// writeHeapProfile writes a heap profile of the live objects to file.
func writeHeapProfile(b *testing.B, file string) {
	f, err := os.Create(file)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		b.Fatal(err)
	}
}

func sizeName(n int) string {
	if n%1000 == 0 {
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// benchBuild times build.Run of a corpus into a folder never used before.
func benchBuild(b *testing.B, opt corpus.Options) {
	project := corpusProject(b, opt)
	var sum *build.Summary
	peak := startPeak()
	for b.Loop() {
		b.StopTimer()
		out := freshOut(b)
		b.StartTimer()
		var err error
		sum, err = build.Run(context.Background(), build.Config{Root: project, Out: out})
		if err != nil {
			b.Fatal(err)
		}
	}
	peak.report(b)
	perSecond(b, sum.Pages, "pages/s")
	b.ReportMetric(float64(sum.Written), "files")
}

// BenchmarkBuild1k builds 1,000 reports: one department in each of about
// 200 counties over five years.
func BenchmarkBuild1k(b *testing.B) { benchBuild(b, corpus.Options{Reports: 1000}) }

// BenchmarkBuild15k builds 15,000 reports: one department in each of about
// 3,000 counties over five years.
func BenchmarkBuild15k(b *testing.B) { benchBuild(b, corpus.Options{Reports: 15000}) }

// BenchmarkBuild100k builds 100,000 reports: seven departments in each of
// about 2,900 counties over five years. It runs only when asked for by
// name (-bench Build100k) or with PORTAL_BENCH_100K=1.
func BenchmarkBuild100k(b *testing.B) {
	skip100k(b)
	benchBuild(b, corpus.Options{Reports: 100000, Departments: 7})
}

// BenchmarkServeUpdate15k times the live preview's update after one
// report file of 15,000 changes (build.Session.Update, told which file
// changed as serve tells it): a corrected total, which moves ranks, or a
// body edit. The site is then up to date:
// pages are made when asked for, and one page is asked for and timed too
// (s-page).
func BenchmarkServeUpdate15k(b *testing.B) {
	project := corpusProject(b, corpus.Options{Reports: 15000})
	files, err := content.Files(os.DirFS(filepath.Join(project, "content")))
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(project, "content", filepath.FromSlash(files[len(files)/2]))
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, orig, 0o644) })
	for _, c := range []struct{ name, from, to string }{
		{"total", "\n  total: ", "\n  total: 1"},
		{"body", "\n---\n", "\n---\n改动。"},
	} {
		b.Run(c.name, func(b *testing.B) {
			changed := []byte(strings.Replace(string(orig), c.from, c.to, 1))
			if string(changed) == string(orig) {
				b.Fatalf("%s: nothing to change", file)
			}
			s, err := build.NewSession(build.Config{Root: project})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Update(context.Background()); err != nil {
				b.Fatal(err)
			}
			var page time.Duration
			i := 0
			for b.Loop() {
				i++
				data := orig
				if i%2 == 1 {
					data = changed
				}
				if err := os.WriteFile(file, data, 0o644); err != nil {
					b.Fatal(err)
				}
				// As serve does, from the file system's notices.
				s.Expect([]string{"content/" + files[len(files)/2]})
				sum, err := s.Update(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if sum.Written != 1 {
					b.Fatalf("%d files read, want 1", sum.Written)
				}
				b.StopTimer()
				start := time.Now()
				if _, ok, err := s.Get("index.html"); !ok || err != nil {
					b.Fatal(ok, err)
				}
				page += time.Since(start)
				b.StartTimer()
			}
			b.ReportMetric(page.Seconds()/float64(i), "s-page")
		})
	}
}
