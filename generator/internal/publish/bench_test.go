package publish

// Benchmarks of publishing a site the size of a 15,000-report build:
// 18,150 files of about 20 KB (about 360 MB) in about 3,040 folders. They
// run only with -bench, for example:
//
//	go test ./generator/internal/publish -run '^$' -bench . -benchtime 3x
//
// Every run writes into a folder never used before: on some disks,
// deleting many files slows the writes that follow for minutes, so the
// folders are removed only when the test binary exits (by TestMain),
// unless PORTAL_BENCH_KEEP=1. Before each timed run, the dirty pages of
// the setup are written to disk (sync), so that a run does not pay for
// the one before.
//
// Besides ns/op, each benchmark reports cpu-ms/op: the processor time,
// user and system, of the timed part only. Wall time on a shared disk
// varies much more than processor time does.

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// benchRoot holds the folders of this test binary's benchmarks.
var benchRoot struct {
	once sync.Once
	dir  string
	err  error
}

// TestMain removes the benchmarks' folders once every test and benchmark
// has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchRoot.dir != "" {
		if os.Getenv("PORTAL_BENCH_KEEP") == "1" {
			fmt.Fprintln(os.Stderr, "benchmark output kept in", benchRoot.dir)
		} else {
			os.RemoveAll(benchRoot.dir)
		}
	}
	os.Exit(code)
}

// freshDir returns a folder that has never been used, beside which an
// output folder can be made.
func freshDir(b *testing.B) string {
	b.Helper()
	benchRoot.once.Do(func() {
		benchRoot.dir, benchRoot.err = os.MkdirTemp("", "portal-publish-bench-")
	})
	if benchRoot.err != nil {
		b.Fatal(benchRoot.err)
	}
	dir, err := os.MkdirTemp(benchRoot.dir, "run-")
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchFile is one file of the benchmark site.
type benchFile struct {
	name string
	data []byte
}

// benchSite is the benchmark site, made once.
var benchSite = sync.OnceValue(func() []benchFile { return makeSite(31, 3000, 5, 1) })

// makeSite makes a site like a build's: reports/<province>/<county>/<n>.html
// for reports per county, counties/<county>.html, and 150 list pages,
// assets and downloads. Files are 12 to 28 KB of text that differs from
// file to file.
func makeSite(provinces, counties, reports int, seed uint64) []benchFile {
	var names []string
	for c := range counties {
		p := c % provinces
		for r := range reports {
			names = append(names, fmt.Sprintf("reports/province-%02d/county-%04d/%d-finance-bureau-overall.html", p, c, 2019+r))
		}
		names = append(names, fmt.Sprintf("counties/county-%04d.html", c))
	}
	for i := range 100 {
		names = append(names, fmt.Sprintf("list/page/%d.html", i+1))
	}
	for i := range 20 {
		names = append(names, fmt.Sprintf("assets/part-%02d.css", i), fmt.Sprintf("assets/js/part-%02d.js", i))
	}
	names = append(names, "index.html", "404.html", "search.html", "counties.html", "feed.xml", "robots.txt", "sitemap.xml",
		"compare/index.html", "downloads/reports.csv", "downloads/reports.json")
	rng := rand.New(rand.NewPCG(seed, 2))
	const alphabet = "abcdefghijklmnopqrstuvwxyz <>/=\"\n0123456789县财政局"
	text := make([]byte, 1<<20)
	for i := range text {
		text[i] = alphabet[rng.IntN(len(alphabet))]
	}
	sizes := make([]int, len(names))
	total := 0
	for i := range names {
		sizes[i] = 12<<10 + rng.IntN(16<<10)
		total += sizes[i]
	}
	buf := make([]byte, total)
	files := make([]benchFile, len(names))
	for i, name := range names {
		data := buf[:sizes[i]:sizes[i]]
		buf = buf[sizes[i]:]
		off := rng.IntN(len(text) - len(data))
		copy(data, text[off:])
		copy(data, name)
		files[i] = benchFile{name, data}
	}
	return files
}

// cpuMeter adds up the processor time of the timed parts of a benchmark.
type cpuMeter struct {
	at, total time.Duration
	n         int
}

func (m *cpuMeter) start() { m.at = cpuTime() }

func (m *cpuMeter) stop() {
	m.total += cpuTime() - m.at
	m.n++
}

// report reports the processor time per run as cpu-ms/op: user and
// system time of every thread, the garbage collector's included.
func (m *cpuMeter) report(b *testing.B) {
	if m.n > 0 && m.total > 0 {
		b.ReportMetric(float64(m.total)/float64(m.n)/1e6, "cpu-ms/op")
	}
}

// publishAll writes files into a transaction on out with two goroutines,
// as a build on two processors does, and commits it.
func publishAll(tb testing.TB, out string, files []benchFile) Stats {
	tx, err := Begin(out, "")
	if err != nil {
		tb.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < len(files); i += 2 {
				if err := tx.Write(files[i].name, files[i].data); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			tx.Abort()
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return tx.Stats
}

// BenchmarkCommitFresh publishes the site into an output folder that does
// not exist yet, as a first build does.
func BenchmarkCommitFresh(b *testing.B) {
	files := benchSite()
	var st Stats
	var cpu cpuMeter
	for b.Loop() {
		b.StopTimer()
		out := filepath.Join(freshDir(b), "public")
		settle()
		b.StartTimer()
		cpu.start()
		st = publishAll(b, out, files)
		cpu.stop()
	}
	if st.Written != len(files) {
		b.Fatalf("%+v", st)
	}
	cpu.report(b)
}

// BenchmarkRewriteUnchanged publishes the site over an output that
// already holds it: nothing is written.
func BenchmarkRewriteUnchanged(b *testing.B) {
	files := benchSite()
	st := benchRepublish(b, files, files)
	if st.Written != 0 || st.Removed != 0 || st.Unchanged != len(files) {
		b.Fatalf("%+v", st)
	}
}

// BenchmarkRewriteSomeChanged publishes the site over an output that holds
// an older version of it: about 4% of the files changed (half of them to
// bytes of the same size), 1% are gone and two new counties add 12 files
// in new folders.
func BenchmarkRewriteSomeChanged(b *testing.B) {
	old := benchSite()
	files, changed, removed := changeSite(old)
	st := benchRepublish(b, old, files)
	if st.Written != changed || st.Removed != removed || st.Unchanged != len(files)-changed {
		b.Fatalf("%+v; want %d written, %d removed", st, changed, removed)
	}
}

// BenchmarkRewriteAllChanged publishes the site over an output that holds
// an older version of it in which every file differs, as after a change to
// the templates: every file is replaced.
func BenchmarkRewriteAllChanged(b *testing.B) {
	old := benchSite()
	files := make([]benchFile, len(old))
	for i, f := range old {
		files[i] = benchFile{f.name, append(append([]byte(nil), f.data...), "<!-- v2 -->"...)}
	}
	st := benchRepublish(b, old, files)
	if st.Written != len(files) || st.Removed != 0 || st.Unchanged != 0 {
		b.Fatalf("%+v", st)
	}
}

// benchRepublish times publishing the files after over an output that
// holds the files before, made anew for each run, and returns the stats
// of the last run.
func benchRepublish(b *testing.B, before, after []benchFile) Stats {
	var st Stats
	var cpu cpuMeter
	for b.Loop() {
		b.StopTimer()
		out := filepath.Join(freshDir(b), "public")
		publishAll(b, out, before)
		settle()
		b.StartTimer()
		cpu.start()
		st = publishAll(b, out, after)
		cpu.stop()
	}
	cpu.report(b)
	return st
}

// changeSite returns a newer version of the site old, and how many of its
// files are new or changed and how many of old's are gone.
func changeSite(old []benchFile) (files []benchFile, changed, removed int) {
	for i, f := range old {
		switch {
		case i%100 == 10:
			removed++
			continue
		case i%50 == 0:
			data := append([]byte(nil), f.data...)
			data[len(data)/2] ^= 1
			f.data = data
			changed++
		case i%50 == 25:
			f.data = append(append([]byte(nil), f.data...), "<p>more</p>"...)
			changed++
		}
		files = append(files, f)
	}
	for c := 3000; c < 3002; c++ {
		for r := range 5 {
			files = append(files, benchFile{fmt.Sprintf("reports/province-%02d/county-%04d/%d-finance-bureau-overall.html", c%31, c, 2019+r), old[r].data})
		}
		files = append(files, benchFile{fmt.Sprintf("counties/county-%04d.html", c), old[c].data})
		changed += 6
	}
	return files, changed, removed
}

// BenchmarkFloor writes the site with os.WriteFile straight into a fresh
// folder with two goroutines, making each folder once: the least any way
// of publishing can cost.
func BenchmarkFloor(b *testing.B) {
	files := benchSite()
	byDir := map[string][]benchFile{}
	var dirs []string
	for _, f := range files {
		d := path.Dir(f.name)
		if byDir[d] == nil {
			dirs = append(dirs, d)
		}
		byDir[d] = append(byDir[d], f)
	}
	var cpu cpuMeter
	for b.Loop() {
		b.StopTimer()
		out := filepath.Join(freshDir(b), "public")
		settle()
		b.StartTimer()
		cpu.start()
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := w; i < len(dirs); i += 2 {
					dir := filepath.Join(out, filepath.FromSlash(dirs[i]))
					if err := os.MkdirAll(dir, 0o755); err != nil {
						b.Error(err)
						return
					}
					for _, f := range byDir[dirs[i]] {
						if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(f.name)), f.data, 0o644); err != nil {
							b.Error(err)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		cpu.stop()
	}
	cpu.report(b)
}
