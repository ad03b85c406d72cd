package content

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestLeanLoadsShareNoBuffer: a lean load reads files into buffers that
// later reads use again; nothing that it returns may point into them.
// The reports are loaded many times over, from several goroutines, and
// the buffers scribbled over between loads; each report must stay the
// one that parsing its file alone gives.
func TestLeanLoadsShareNoBuffer(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 40 {
		fsys[fmt.Sprintf("r%02d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, "---\ncounty: 县%d\nprefecture: 市%d\nprovince: 省\n"+
			"department: 局%d\nyear: 2020\ntype: 整体支出\ntitle: \"标题%d\"\npublished: 2021-03-%02d\nsource: https://example.org/%d\n"+
			"spending: {total: %d.5, basic: 1}\nstaff:\n  actual: %d\nevidence:\n  county: \"句%d\"\nreview: [核对%d]\ndraft: false\n---\n%s\n",
			i, i, i, i, i%28+1, i, i, i, i, i, strings.Repeat("正文", i))}
	}
	want := map[string]*report.Report{}
	for name, f := range fsys {
		r, err := report.Parse("content/"+name, bytes.Clone(f.Data))
		if err != nil {
			t.Fatal(err)
		}
		r.Body, r.Evidence, r.Review = nil, nil, nil
		r.Fingerprint = fingerprint(f.Data)
		want[r.File] = r
	}
	all := loadOften(t, func() ([]*report.Report, error) {
		return Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true, Workers: 3})
	})
	sameReports(t, all, want)
}

// TestDetailLoadsShareNoBuffer: LoadDetail reads files into the buffers
// of the pool too, and lends each report's body, part of its buffer,
// until it is released: no other load may use the buffer before, and no
// other part of the report shares it. The reports of a lean load are read
// again many times over, from several goroutines, and the pool's buffers
// scribbled over between reads; every other report is released at once
// (its body copied out first), the others never; each must stay the one
// that LoadFile gives. Files with CR line ends (whose body report.Parse
// copies already) and without a body are among them.
func TestDetailLoadsShareNoBuffer(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 40 {
		data := fmt.Sprintf("---\ncounty: 县%d\ndepartment: 局%d\nyear: 2020\ntype: 整体支出\nspending: {total: %d.5}\n"+
			"evidence:\n  spending.total: \"句%d\"\nreview: [核对%d]\n---\n%s\n", i, i, i, i, i, strings.Repeat("正文", i))
		switch i % 4 {
		case 1:
			data = strings.ReplaceAll(data, "\n", "\r\n")
		case 2:
			data = data[:strings.LastIndex(data, "---")+3]
		}
		fsys[fmt.Sprintf("r%02d.md", i)] = &fstest.MapFile{Data: []byte(data)}
	}
	lean, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]*report.Report{}
	for _, r := range lean {
		r.Keys = nil
		p := strings.TrimPrefix(r.File, "content/")
		if want[r.File], err = LoadFile(fsys, p, r.File); err != nil {
			t.Fatal(err)
		}
	}
	before := detailLoads.Load()
	all := loadOften(t, func() ([]*report.Report, error) {
		var got []*report.Report
		for i, r := range lean {
			full, release, err := LoadDetail(fsys, strings.TrimPrefix(r.File, "content/"), r.File, r)
			if err != nil {
				return nil, err
			}
			if i%2 == 0 {
				// The body is the buffer's; the rest must not be.
				if full.Body != nil {
					full.Body = bytes.Clone(full.Body)
				}
				release()
			}
			got = append(got, full)
		}
		return got, nil
	})
	if n := detailLoads.Load() - before; n != int64(len(all)*len(lean)) {
		t.Errorf("%d of %d reads went to report.ParseDetail", n, len(all)*len(lean))
	}
	sameReports(t, all, want)
}

// loadOften runs load ten times in each of four goroutines, scribbling
// over the pool's buffers after each, and returns what each run loaded.
func loadOften(t *testing.T, load func() ([]*report.Report, error)) [][]*report.Report {
	t.Helper()
	var all [][]*report.Report
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10 {
				got, err := load()
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				all = append(all, got)
				mu.Unlock()
				scribble()
			}
		})
	}
	wg.Wait()
	return all
}

// sameReports checks that each run of all loaded every report of want,
// each as want has it.
func sameReports(t *testing.T, all [][]*report.Report, want map[string]*report.Report) {
	t.Helper()
	for _, got := range all {
		if len(got) != len(want) {
			t.Fatalf("%d reports, want %d", len(got), len(want))
		}
		for _, r := range got {
			if !reflect.DeepEqual(r, want[r.File]) {
				t.Fatalf("%s: %+v\nwant %+v", r.File, r, want[r.File])
			}
		}
	}
}

// scribble writes over the buffers that the pool holds, so that a report
// still sharing one shows it.
func scribble() {
	for range 8 {
		if b, ok := buffers.Get().(*buffer); ok {
			full := b.b[:cap(b.b)]
			for i := range full {
				full[i] = 'x'
			}
			buffers.Put(b)
		}
	}
}

// TestReleasedDetailBuffersAreReused: the buffer whose part a report's
// body is goes back to the pool when the report is released, and later
// loads read into it rather than into new memory: loading and releasing
// a file of 64 KB many times over allocates less than half the body each
// time (a few hundred bytes; a quarter of the file under the race
// detector), where a copy of the body, as LoadDetail once made, or a new
// buffer for each read would allocate more than the body.
func TestReleasedDetailBuffersAreReused(t *testing.T) {
	body := strings.Repeat("正文正文正文正文\n", 64<<10/25)
	fsys := fstest.MapFS{"a.md": &fstest.MapFile{Data: []byte("---\ncounty: 县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n---\n" + body)}}
	lean, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
	if err != nil || len(lean) != 1 {
		t.Fatal(len(lean), err)
	}
	load := func() {
		r, release, err := LoadDetail(fsys, "a.md", "content/a.md", lean[0])
		if err != nil || string(r.Body) != body {
			t.Fatalf("body of %d bytes, want %d; %v", len(r.Body), len(body), err)
		}
		release()
	}
	load() // the first load makes the buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	const n = 200
	for range n {
		load()
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / n; per > uint64(len(body))/2 { // (the race detector has the pool drop a quarter of what it is given)
		t.Errorf("each load and release allocated %d bytes; the body has %d", per, len(body))
	}
}
