package content

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// detailFolder writes a content folder for the tests of LoadDetail: a
// synthetic corpus, the bundled reports, and files with CR line ends, a
// byte order mark, no body, flow collections and front matter that
// fastFrontMatter leaves to the YAML parser.
func detailFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(filepath.Join(dir, "corpus"), corpus.Options{Seed: 7, Reports: 300}); err != nil {
		t.Fatal(err)
	}
	for _, f := range testseeds.Reports(t) {
		write(t, filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f.Name, "content/"))), string(f.Data))
	}
	const full = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\ntitle: \"标题\"\nsource: https://example.org/a b\n" +
		"spending:\n  total: 12.5\nevidence:\n  spending.total: \"支出12.5万元\\n其中\"\nreview: [核对, \"再核对\"]\n---\n正文\n"
	for name, data := range map[string]string{
		"x/full.md":   full,
		"x/crlf.md":   strings.ReplaceAll(full, "\n", "\r\n"),
		"x/bom.md":    "\ufeff" + full,
		"x/nobody.md": "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nreview:\n- 甲\n- 乙\n---",
		"x/flow.md":   "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nstaff: {actual: 3}\nevidence: {staff.actual: 三人}\n---\n正文",
		"x/yaml.md":   "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nevidence:\n  score: |\n    多行\n    文字\nreview: [a,\n  b]\n---\n正文",
		"x/draft.md":  "---\ndraft: true\ncounty: 乙县\ndepartment: 局\nyear: 2021\ntype: 项目支出\nreview:\n  - 待核对\n---\n",
	} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return dir
}

// leanLoad loads fsys as a build does, lean and with drafts, and returns
// the reports, without their key positions, and the bytes read for each.
func leanLoad(t *testing.T, fsys fs.FS) ([]*report.Report, map[string][]byte) {
	t.Helper()
	var mu sync.Mutex
	read := map[string][]byte{}
	reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true, Drafts: true, Read: func(name string, data []byte, _ fs.FileInfo) {
		data = bytes.Clone(data)
		mu.Lock()
		read[name] = data
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		r.Keys = nil
	}
	return reports, read
}

// detailLoad calls LoadDetail and reports whether it gave the file to
// report.ParseDetail.
func detailLoad(fsys fs.FS, lean *report.Report) (*report.Report, error, bool) {
	before := detailLoads.Load()
	r, _, err := LoadDetail(fsys, strings.TrimPrefix(lean.File, "content/"), lean.File, lean)
	return r, err, detailLoads.Load() != before
}

// TestLoadDetailIsLoadFile: LoadDetail, given each report of a lean load,
// whose fingerprint is that of the bytes read, returns what LoadFile
// returns, taking the quick way; with another fingerprint (of another
// length or hash), without one, without a lean report or with the lean
// report of another file it returns the same, the long way. The folder
// is read as DirFS reads it and through its fs.FS.
func TestLoadDetailIsLoadFile(t *testing.T) {
	dir := detailFolder(t)
	for _, fsys := range []fs.FS{DirFS(dir), os.DirFS(dir)} {
		reports, read := leanLoad(t, fsys)
		if len(reports) < 300 {
			t.Fatalf("%d reports", len(reports))
		}
		for i, lean := range reports {
			p := strings.TrimPrefix(lean.File, "content/")
			want, err := LoadFile(fsys, p, lean.File)
			if err != nil {
				t.Fatal(err)
			}
			data, ok := read[lean.File]
			if !ok {
				t.Fatalf("%s: not read", lean.File)
			}
			fp := fingerprint(data)
			if lean.Fingerprint != fp {
				t.Fatalf("%s: fingerprint %v, want %v", lean.File, lean.Fingerprint, fp)
			}
			if !reflect.DeepEqual(lean, leanCopy(want, fp)) {
				t.Fatalf("%s: the lean report is not LoadFile's", lean.File)
			}
			before := *lean
			got, err, detailed := detailLoad(fsys, lean)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: LoadDetail gave %+v, %v\nLoadFile %+v", lean.File, got, err, want)
			}
			if !detailed {
				t.Errorf("%s: the hash matches, but ParseDetail was not used", lean.File)
			}
			if !reflect.DeepEqual(*lean, before) {
				t.Errorf("%s: LoadDetail changed the lean report", lean.File)
			}
			for _, other := range []report.Fingerprint{{Size: fp.Size, Hash: fp.Hash + 1}, {Size: fp.Size + 1, Hash: fp.Hash}, {Size: fp.Size - 1, Hash: fp.Hash}, {}} {
				changed := *lean
				changed.Fingerprint = other
				got, err, detailed = detailLoad(fsys, &changed)
				if err != nil || !reflect.DeepEqual(got, want) || detailed {
					t.Errorf("%s, fingerprint %v: LoadDetail gave %+v, %v (ParseDetail %v)", lean.File, other, got, err, detailed)
				}
			}
			before2 := detailLoads.Load()
			got, _, err = LoadDetail(fsys, p, lean.File, nil)
			if err != nil || !reflect.DeepEqual(got, want) || detailLoads.Load() != before2 {
				t.Errorf("%s, no lean report: LoadDetail gave %+v, %v", lean.File, got, err)
			}
			if next := reports[(i+1)%len(reports)]; next.File != lean.File {
				got, _, err = LoadDetail(fsys, p, lean.File, next)
				if err != nil || !reflect.DeepEqual(got, want) || detailLoads.Load() != before2 {
					t.Errorf("%s, lean report of %s: LoadDetail gave %+v, %v", lean.File, next.File, got, err)
				}
			}
		}
	}
}

// leanCopy returns r as a lean load and the build keep it, with the
// fingerprint fp.
func leanCopy(r *report.Report, fp report.Fingerprint) *report.Report {
	l := *r
	l.Body, l.Evidence, l.Review, l.Keys = nil, nil, nil, nil
	l.Fingerprint = fp
	return &l
}

// TestLoadDetailOfChangedFiles: a file that changed since the lean load
// is read as it is now, as LoadFile reads it, not with the old figures;
// a file that is gone, or is no longer a regular file, is an error, as
// for LoadFile.
func TestLoadDetailOfChangedFiles(t *testing.T) {
	dir := t.TempDir()
	const file = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: {total: %s}\nevidence:\n  spending.total: \"支出%s万元\"\n---\n正文%s\n"
	for _, name := range []string{"a.md", "b.md", "c.md", "d.md"} {
		write(t, filepath.Join(dir, name), fmt.Sprintf(file, "12.5", "12.5", name))
	}
	for _, fsys := range []fs.FS{DirFS(dir), os.DirFS(dir)} {
		reports, _ := leanLoad(t, fsys)
		byName := map[string]*report.Report{}
		for _, r := range reports {
			byName[r.File] = r
		}
		// The same length, so that only the hash can tell.
		write(t, filepath.Join(dir, "a.md"), fmt.Sprintf(file, "13.5", "13.5", "a.md"))
		a := byName["content/a.md"]
		got, err, detailed := detailLoad(fsys, a)
		want, werr := LoadFile(fsys, "a.md", a.File)
		if err != nil || werr != nil || !reflect.DeepEqual(got, want) || detailed {
			t.Errorf("changed file: LoadDetail gave %+v, %v (ParseDetail %v)\nLoadFile %+v, %v", got, err, detailed, want, werr)
		}
		if got != nil && got.Spending.Total.V.String() != "13.5" {
			t.Errorf("changed file: total %v, want 13.5", got.Spending.Total.V)
		}

		if err := os.Remove(filepath.Join(dir, "b.md")); err != nil {
			t.Fatal(err)
		}
		b := byName["content/b.md"]
		_, err, _ = detailLoad(fsys, b)
		_, werr = LoadFile(fsys, "b.md", b.File)
		if err == nil || werr == nil || err.Error() != werr.Error() || !strings.HasPrefix(err.Error(), "content/b.md: ") {
			t.Errorf("removed file: LoadDetail gave %v, LoadFile %v", err, werr)
		}

		if err := os.Remove(filepath.Join(dir, "c.md")); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(filepath.Join(dir, "c.md"), 0o644); err == nil {
			c := byName["content/c.md"]
			_, err, _ = detailLoad(fsys, c)
			wantError(t, err, "content/c.md:1:1: not a regular file")
		}

		// A file made invalid is refused with Parse's errors.
		write(t, filepath.Join(dir, "d.md"), fmt.Sprintf(file, "-1", "x", "d.md"))
		d := byName["content/d.md"]
		_, err, detailed = detailLoad(fsys, d)
		wantError(t, err, "content/d.md:6:19: spending.total: amount is negative")
		if detailed {
			t.Error("invalid file given to ParseDetail")
		}

		for _, name := range []string{"a.md", "b.md", "c.md", "d.md"} {
			os.Remove(filepath.Join(dir, name))
			write(t, filepath.Join(dir, name), fmt.Sprintf(file, "12.5", "12.5", name))
		}
	}
}

// TestLoadDetailOfLargeFile: a file too large is refused without being
// read, as LoadFile refuses it.
func TestLoadDetailOfLargeFile(t *testing.T) {
	big := &hugeFS{size: 50 << 20, claim: 50 << 20}
	lean := &report.Report{File: "content/big.md", Fingerprint: report.Fingerprint{Size: 50 << 20, Hash: 1}}
	_, _, err := LoadDetail(big, "big.md", "content/big.md", lean)
	wantError(t, err, "content/big.md:1:1: file is 50.0 MB; a report file may be at most 8 MB")
	if big.read != 0 {
		t.Errorf("read %d bytes of a file known to be too large", big.read)
	}
}
