package content

import (
	"context"
	"fmt"
	"io/fs"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"
)

// gateFS is a file system whose files open only once want opens are under
// way at the same time (or after a long wait, which the test then
// reports): a loader that read one file after another would wait each
// time.
type gateFS struct {
	fstest.MapFS
	want    int32
	waiting atomic.Int32
	once    sync.Once
	open    chan struct{}
	// missed is set when an open gave up waiting for the others.
	missed atomic.Bool
}

func (g *gateFS) Open(name string) (fs.File, error) {
	if name != "." && !g.MapFS[name].Mode.IsDir() {
		if g.waiting.Add(1) >= g.want {
			g.once.Do(func() { close(g.open) })
		}
		select {
		case <-g.open:
		case <-time.After(10 * time.Second):
			g.missed.Store(true)
		}
	}
	return g.MapFS.Open(name)
}

// TestLoadReadsAhead checks that Load has ReadsPerWorker files open per
// worker at once, so that a disk serves them together, and still parses
// no more files at once than it has workers.
func TestLoadReadsAhead(t *testing.T) {
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			files := workers * ReadsPerWorker * 2
			g := &gateFS{MapFS: fstest.MapFS{}, want: int32(workers * ReadsPerWorker), open: make(chan struct{})}
			for i := range files {
				g.MapFS[fmt.Sprintf("r%02d.md", i)] = &fstest.MapFile{Data: []byte(minimalReport(i))}
			}
			var parsing, most atomic.Int32
			testHookParse = func() {
				n := parsing.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(time.Millisecond) // long enough for others to overlap, were they let
				parsing.Add(-1)
			}
			defer func() { testHookParse = nil }()
			rs, err := Load(context.Background(), g, Options{Workers: workers, Lean: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != files {
				t.Fatalf("%d reports, want %d", len(rs), files)
			}
			if g.missed.Load() {
				t.Errorf("fewer than %d files were open at once", g.want)
			}
			if m := most.Load(); m > int32(workers) {
				t.Errorf("%d files parsed at once by %d workers", m, workers)
			}
		})
	}
}

// minimalReport returns a valid report file, the i-th of a test.
func minimalReport(i int) string {
	return fmt.Sprintf(`---
county: 测试县%d
province: 测试省
prefecture: 测试市
department: 财政局
year: 2020
type: 整体支出
source: https://example.gov.cn/%d.html
published: 2021-05-01
---
正文。
`, i, i)
}
