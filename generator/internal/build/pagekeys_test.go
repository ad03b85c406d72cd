package build

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/filestamp"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// TestKeyFieldCounts fails when a type whose every field goes into a page
// key gains a field: keyBuf.result and reportKey must then write it too,
// or a page showing it would be kept when it changed.
func TestKeyFieldCounts(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{check.Result{}, 5},
		{check.Finding{}, 10},
		{report.Pos{}, 2},
		{site.Rank{}, 3},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the page key writes %d: write the new ones in pagekeys.go", c.v, n, c.want)
		}
	}
}

// TestReportKeySeesEveryCheckField changes each field of a finding in turn
// and expects a different key each time.
func TestReportKeySeesEveryCheckField(t *testing.T) {
	county := &site.County{Name: "甲县", URL: "counties/jia/"}
	base := func() *site.Report {
		r := &site.Report{Report: &report.Report{File: "content/a.md"}, URL: "reports/a.html", County: county}
		r.Checks = []check.Result{{Rule: "sum.spending", Title: "支出合计核对", Status: check.Found, Findings: []check.Finding{{
			File: "content/a.md", Pos: report.Pos{Line: 3, Col: 5}, Rule: "sum.spending", Title: "支出合计核对",
			Severity: check.Warning, Message: "相差1万元", Keys: []string{"spending.total"}, Gap: 10, Share: 0.5, Factor: 10,
		}}}}
		return r
	}
	in := &inputs{Files: map[string][32]byte{}}
	seen := map[string]string{"base": reportKey(in, base())}
	for name, change := range map[string]func(f *check.Finding, r *check.Result){
		"file":     func(f *check.Finding, r *check.Result) { f.File = "content/b.md" },
		"line":     func(f *check.Finding, r *check.Result) { f.Pos.Line++ },
		"col":      func(f *check.Finding, r *check.Result) { f.Pos.Col++ },
		"rule":     func(f *check.Finding, r *check.Result) { f.Rule = "x" },
		"title":    func(f *check.Finding, r *check.Result) { f.Title = "x" },
		"severity": func(f *check.Finding, r *check.Result) { f.Severity = check.Discrepancy },
		"message":  func(f *check.Finding, r *check.Result) { f.Message = "相差2万元" },
		"keys":     func(f *check.Finding, r *check.Result) { f.Keys = append(f.Keys, "spending.basic") },
		"gap":      func(f *check.Finding, r *check.Result) { f.Gap++ },
		"share":    func(f *check.Finding, r *check.Result) { f.Share = 0.25 },
		"factor":   func(f *check.Finding, r *check.Result) { f.Factor = 100 },
		"status":   func(f *check.Finding, r *check.Result) { r.Status = check.Passed },
		"reason":   func(f *check.Finding, r *check.Result) { r.Reason = "未披露" },
		"rtitle":   func(f *check.Finding, r *check.Result) { r.Title = "y" },
		"rrule":    func(f *check.Finding, r *check.Result) { r.Rule = "y" },
	} {
		r := base()
		change(&r.Checks[0].Findings[0], &r.Checks[0])
		key := reportKey(in, r)
		for other, k := range seen {
			if k == key {
				t.Errorf("changing the %s gives the key of %s", name, other)
			}
		}
		seen[name] = key
	}
	// Strings are written with their lengths: moving a character from one
	// to the next changes the key.
	a, b := base(), base()
	a.Checks[0].Rule, a.Checks[0].Title = "ab", "c"
	b.Checks[0].Rule, b.Checks[0].Title = "a", "bc"
	if reportKey(in, a) == reportKey(in, b) {
		t.Error("keys of two reports whose strings differ only in where they split are equal")
	}
}

// TestInputsHashWhatTheBuildReads: without a last build, report files are
// hashed as the build reads them, with the same hashes as reading them
// apart; other files are hashed at once. With the record of that build,
// no file is pending.
func TestInputsHashWhatTheBuildReads(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"content/a.md":       "---\ncounty: 甲县\n---\n",
		"content/sub/b.md":   "---\ncounty: 乙县\n---\n",
		"content/img.png":    "not a report",
		"templates/x.html":   "{{.}}",
		"assets/site.css":    "body{}",
		"content/.hidden.md": "hidden",
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := Config{Root: root, Out: filepath.Join(root, "public")}
	in, err := inputHash(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if in.All != "" {
		t.Fatal("All is known before the report files are read")
	}
	stat := func(name string) fs.FileInfo {
		info, err := os.Stat(filepath.Join(root, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	// As the loader does, with what its stat of the file found: the
	// report files are stamped from it.
	in.read("content/a.md", []byte(files["content/a.md"]), stat("content/a.md"))
	in.read("content/img.png", []byte("ignored: not pending"), stat("content/img.png"))
	if err := in.fill(); err != nil { // b.md and .hidden.md were not read: hashed now
		t.Fatal(err)
	}
	for name, data := range files {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		if got, want := in.Files[name], sha256.Sum256([]byte(data)); got != want {
			t.Errorf("%s: hash %x, want %x", name, got[:4], want[:4])
		}
	}
	for name := range files {
		want, _ := filestamp.Of(stat(name))
		if got := in.stamps[name]; got.Stamp != want {
			t.Errorf("%s: stamp %+v, a stat finds %+v", name, got.Stamp, want)
		}
	}
	rec := &cacheRecord{Inputs: in.All, Sources: in.stamps}
	again, err := inputHash(context.Background(), cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.pending) != 0 || again.All != in.All || again.Shared != in.Shared {
		t.Errorf("with the record: %d pending, same All %v, same Shared %v", len(again.pending), again.All == in.All, again.Shared == in.Shared)
	}

	// A report file touched without a change is settled by its hash at
	// once, with its new stamp, which restamp records; one changed is left
	// to the build, and only it is edited.
	touch := func(name string, by time.Duration) {
		t.Helper()
		at := time.Now().Add(by)
		if err := os.Chtimes(filepath.Join(root, filepath.FromSlash(name)), at, at); err != nil {
			t.Fatal(err)
		}
	}
	touch("content/a.md", time.Minute)
	touched, err := inputHash(context.Background(), cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filestamp.Of(stat("content/a.md"))
	if got := touched.stamps["content/a.md"]; len(touched.pending) != 0 || touched.All != in.All || touched.Refreshed != 1 ||
		got.Stamp != want || got.Sum != digest(in.Files["content/a.md"]) {
		t.Errorf("a.md touched: %d pending, same All %v, %d refreshed, stamp %+v (a stat finds %+v)",
			len(touched.pending), touched.All == in.All, touched.Refreshed, got, want)
	}
	touch("templates/x.html", time.Minute) // hashed at once, as ever
	if again, err := inputHash(context.Background(), cfg, rec); err != nil || again.All != in.All || again.Refreshed != 2 {
		t.Errorf("a.md and x.html touched: %d refreshed (want 2), same All %v, %v", again.Refreshed, again.All == in.All, err)
	}
	restamp(cfg, rec, touched)
	if saved := lastBuild(cfg); saved == nil || saved.Sources["content/a.md"].Stamp != want || saved.Inputs != rec.Inputs {
		t.Errorf("the record after restamp: %+v", saved)
	}
	files["content/sub/b.md"] = "---\ncounty: 丙县\n---\n"
	if err := os.WriteFile(filepath.Join(root, "content", "sub", "b.md"), []byte(files["content/sub/b.md"]), 0o644); err != nil {
		t.Fatal(err)
	}
	touch("content/sub/b.md", 2*time.Minute)
	touch("content/a.md", 2*time.Minute)
	changed, err := inputHash(context.Background(), cfg, rec)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := changed.pending["content/sub/b.md"]; !ok || changed.All != "" {
		t.Fatalf("b.md changed: pending %v, All %q", changed.pending, changed.All)
	}
	for name := range changed.pending { // as the loader reads them
		changed.read(name, []byte(files[name]), stat(name))
	}
	if got := changed.edited(rec); len(got) != 1 || !got["content/sub/b.md"] {
		t.Errorf("edited: %v, want b.md alone", got)
	}
}

// The cache keeps the records of the most recent output folders only,
// removes the JSON records of earlier versions, and leaves other files in
// its folder alone.
func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	base := time.Now().Add(-time.Hour)
	for i := range 11 {
		name := filepath.Join(dir, fmt.Sprintf("build-%02d.rec", i))
		if err := os.WriteFile(name, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		mod := base.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(name, mod, mod); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"notes.txt", "build-0123456789ab.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pruneCache(dir, 8)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := "build-03.rec build-04.rec build-05.rec build-06.rec build-07.rec build-08.rec build-09.rec build-10.rec notes.txt"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("left %s, want %s", got, want)
	}
}
