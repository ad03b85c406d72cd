package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
)

// loadSerially is Load as it was before the walk fed the workers: it
// lists every file first, sorted, then loads each in turn. Load must give
// exactly what it gives, whatever the number of workers.
func loadSerially(fsys fs.FS, opt Options) ([]*report.Report, error) {
	files, ferr := files(fsys, opt.Prefix)
	if len(files) == 0 {
		if ferr != nil {
			return nil, ferr
		}
		return nil, noReports(opt.Prefix)
	}
	var out []*report.Report
	var names []string
	var errs []error
	for _, f := range files {
		r, err := loadFile(fsys, f, opt.Prefix+f, opt.Read, opt.Cache, keepOf(opt.Lean), nil)
		if r != nil && r.Draft && opt.Drafts {
			if ierr := r.Incomplete(); ierr != nil {
				r, err = nil, ierr
			}
		}
		names, errs = append(names, opt.Prefix+f), append(errs, err)
		if r == nil || (r.Draft && !opt.Drafts) {
			continue
		}
		out = append(out, r)
	}
	return out, joinByFile(ferr, names, errs)
}

// errorTree renders err with the errors it joins, each on its own line
// and indented under it, so that two errors compare equal only when they
// join the same errors in the same order.
func errorTree(err error) string {
	var b strings.Builder
	var walk func(err error, depth int)
	walk = func(err error, depth int) {
		if err == nil {
			return
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			fmt.Fprintf(&b, "%sjoined:\n", strings.Repeat("  ", depth))
			for _, e := range j.Unwrap() {
				walk(e, depth+1)
			}
			return
		}
		fmt.Fprintf(&b, "%s%T: %q\n", strings.Repeat("  ", depth), err, err)
	}
	walk(err, 0)
	return b.String()
}

// sameLoad fails the test unless Load gave exactly what loadSerially
// gave.
func sameLoad(t *testing.T, what string, got []*report.Report, gotErr error, want []*report.Report, wantErr error) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d reports, want %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i].File != want[i].File {
			t.Fatalf("%s: report %d is %s, want %s", what, i, got[i].File, want[i].File)
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("%s: %s differs from loading it serially", what, got[i].File)
		}
	}
	if g, w := errorTree(gotErr), errorTree(wantErr); g != w {
		t.Fatalf("%s: errors\n%s\nwant\n%s", what, g, w)
	}
}

// streamFolder writes a content folder that exercises every rule of the
// walk: a generated corpus, with folders and files whose names put the
// walk's order and the order of the full paths apart (a/, a b/, a-b/,
// a.md), hidden files and folders, backups, drafts complete and not,
// files that fail to parse, links to a file, to a folder, to themselves
// and to nothing, and a FIFO.
func streamFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(filepath.Join(dir, "corpus"), corpus.Options{Seed: 3, Reports: 400}); err != nil {
		t.Fatal(err)
	}
	other := func(county string) string { return strings.Replace(good, "甲县", county, 1) }
	for name, data := range map[string]string{
		"a.md":             other("乙县"),
		"a/x.md":           other("丙县"),
		"a/bad.md":         "no front matter",
		"a/.hidden.md":     "x",
		"a/_partial.md":    "x",
		"a/backup.md~":     "x",
		"a/notes.txt":      "x",
		"a/draft.md":       "---\ndraft: true\ncounty: 丁县\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\n---\n",
		"a b/y.md":         other("戊县"),
		"a-b/y.md":         other("己县"),
		"a-b/empty.md":     "",
		"a-b/rough.md":     "---\ndraft: true\ncounty: 庚县\n---\n",
		"a.b/z.md":         "---\ncounty: [\n---\n",
		".git/x.md":        "x",
		"_drafts/y.md":     "x",
		"z/deep/er/one.md": other("辛县"),
	} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	for link, target := range map[string]string{
		"a/link.md":    "../a.md",
		"a-b/loop":     "..",
		"a/self.md":    "self.md",
		"broken.md":    "nothing.md",
		"z/folder.md":  "deep",
		"z/notes.link": "nothing",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "a", "pipe.md"), 0o644); err != nil {
		t.Logf("no FIFO: %v", err)
	}
	return dir
}

// TestLoadStreamedAsSerially: Load, which parses files while the walk
// goes on, gives the reports and errors that listing every file first and
// loading them one by one gives, in the same order, with any number of
// workers.
func TestLoadStreamedAsSerially(t *testing.T) {
	fsys := DirFS(streamFolder(t))
	for _, opt := range []Options{
		{Prefix: "content/"},
		{Prefix: "content/", Drafts: true},
		{Prefix: "content/", Lean: true},
		{Lean: true, Drafts: true},
	} {
		want, wantErr := loadSerially(fsys, opt)
		if wantErr == nil || len(want) < 400 {
			t.Fatalf("the folder does not exercise Load: %d reports, error %v", len(want), wantErr)
		}
		for _, workers := range []int{1, 2, 3, 8, 0} {
			for run := range 3 {
				opt := opt
				opt.Workers = workers
				got, err := Load(context.Background(), fsys, opt)
				sameLoad(t, fmt.Sprintf("%+v, run %d", opt, run), got, err, want, wantErr)
			}
		}
	}
}

// TestLoadStreamedFolderErrors: folders that cannot be read are reported
// first, in the order of the walk, then the errors of the files, sorted
// by file name, with the reports of the files that could be read; as
// loading serially does.
func TestLoadStreamedFolderErrors(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := range 200 {
		dir := []string{"a", "a-b", "a b", "b", "b/c", "c"}[i%6]
		fsys[fmt.Sprintf("%s/r%03d.md", dir, i)] = &fstest.MapFile{Data: []byte(strings.Replace(good, "甲县", fmt.Sprintf("第%d县", i), 1))}
	}
	fsys["a/bad.md"] = &fstest.MapFile{Data: []byte("no front matter")}
	fsys["a-b/bad.md"] = &fstest.MapFile{Data: []byte("")}
	fsys["a.md"] = &fstest.MapFile{Data: []byte("---\ncounty: [\n---\n")}
	for _, bad := range []string{"b", "b/c", "c"} {
		failing := failingFS{fsys, bad}
		want, wantErr := loadSerially(failing, Options{Prefix: "content/"})
		if wantErr == nil {
			t.Fatal("no error")
		}
		for _, workers := range []int{1, 2, 4} {
			got, err := Load(context.Background(), failing, Options{Prefix: "content/", Workers: workers})
			sameLoad(t, fmt.Sprintf("%s failing, %d workers", bad, workers), got, err, want, wantErr)
		}
	}

	// The order, spelled out: the folder first, then the files by name
	// (a-b/ before a.md before a/, though the walk takes a/ first), each
	// file's errors together (a.md's unclosed bracket, and the three
	// required keys it leaves out).
	_, err := Load(context.Background(), failingFS{fsys, "b"}, Options{Prefix: "content/", Workers: 3})
	var lines []string
	for _, line := range strings.Split(err.Error(), "\n") {
		lines = append(lines, strings.SplitN(line, ":", 2)[0])
	}
	want := "content/b content/a-b/bad.md content/a.md content/a.md content/a.md content/a.md content/a/bad.md"
	if got := strings.Join(lines, " "); got != want {
		t.Errorf("errors name %s\nwant %s", got, want)
	}
}

// TestLoadCancelled: a cancelled load fails with the cause and leaves no
// goroutine waiting, whether it was cancelled before it began or while
// the walk and the workers were at work; a folder with no report files
// still says so.
func TestLoadCancelled(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{Seed: 5, Reports: 600}); err != nil {
		t.Fatal(err)
	}
	fsys := DirFS(dir)
	within := func(f func()) {
		t.Helper()
		done := make(chan struct{})
		go func() {
			defer close(done)
			f()
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Load did not return within 10s")
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, workers := range []int{1, 2, 8} {
		within(func() {
			reports, err := Load(ctx, fsys, Options{Prefix: "content/", Workers: workers})
			if reports != nil || !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled before: %d reports, error %v", len(reports), err)
			}
		})
	}
	within(func() {
		_, err := Load(ctx, DirFS(t.TempDir()), Options{Prefix: "content/"})
		wantError(t, err, "content: no report files (*.md) found")
	})

	// Cancelled by the fifth file read: the walk is then far ahead, held
	// up by workers that stop.
	for _, workers := range []int{1, 2, 8} {
		ctx, cancel := context.WithCancel(context.Background())
		var n atomic.Int64
		within(func() {
			reports, err := Load(ctx, fsys, Options{Prefix: "content/", Workers: workers, Read: func(string, []byte, fs.FileInfo) {
				if n.Add(1) == 5 {
					cancel()
				}
			}})
			if reports != nil || !errors.Is(err, context.Canceled) {
				t.Errorf("cancelled during, %d workers: %d reports, error %v", workers, len(reports), err)
			}
		})
		cancel()
	}
}

// TestLoadStreamedWithCache: a load with a cache gives what it gave
// without, and a cache that a load finding no files was given keeps what
// it held.
func TestLoadStreamedWithCache(t *testing.T) {
	fsys := DirFS(streamFolder(t))
	opt := Options{Prefix: "content/", Lean: true}
	want, wantErr := loadSerially(fsys, opt)
	opt.Cache = NewCache()
	for run := range 2 {
		got, err := Load(context.Background(), fsys, opt)
		sameLoad(t, fmt.Sprintf("with a cache, run %d", run), got, err, want, wantErr)
	}
	if opt.Cache.Reused() < len(want) {
		t.Errorf("the second load reused %d files, want at least %d", opt.Cache.Reused(), len(want))
	}
	held := len(opt.Cache.m)
	if _, err := Load(context.Background(), DirFS(t.TempDir()), opt); err == nil {
		t.Fatal("no error for an empty folder")
	}
	if len(opt.Cache.m) != held {
		t.Errorf("a load of an empty folder left %d files in the cache, want %d", len(opt.Cache.m), held)
	}
}
