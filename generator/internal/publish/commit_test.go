package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeTree writes files, by slash-separated path, under dir. A name that
// ends in a slash makes an empty folder.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns what dir holds: its files' contents and, for each
// folder, an entry ending in a slash. A link or special file is recorded
// by its type. It returns nil when dir does not exist.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case d.IsDir():
			tree[rel+"/"] = ""
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = string(data)
		default:
			tree[rel] = "<" + d.Type().String() + ">"
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// withDirs adds to files an entry for each folder of their paths, as
// readTree reports them.
func withDirs(files map[string]string) map[string]string {
	tree := maps.Clone(files)
	for name := range files {
		for d := filepath.ToSlash(filepath.Dir(name)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			tree[d+"/"] = ""
		}
	}
	return tree
}

// snapshot is what a folder holds, with its files' modification times.
type snapshot struct {
	files map[string]string
	times map[string]time.Time
}

func takeSnapshot(t *testing.T, dir string) snapshot {
	t.Helper()
	s := snapshot{files: readTree(t, dir), times: map[string]time.Time{}}
	for name := range s.files {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		s.times[name] = info.ModTime()
	}
	return s
}

// assertSame checks that dir is as it was, byte for byte and time for time.
func assertSame(t *testing.T, dir string, before snapshot) {
	t.Helper()
	after := takeSnapshot(t, dir)
	if !maps.Equal(before.files, after.files) {
		t.Errorf("the output changed:\nbefore %v\nafter  %v", before.files, after.files)
	} else if !maps.EqualFunc(before.times, after.times, time.Time.Equal) {
		t.Error("a file of the output was rewritten")
	}
}

// age sets the modification time of every file under dir to an hour ago,
// so that a file rewritten later has a different one.
func age(t *testing.T, dir string) time.Time {
	t.Helper()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Type()&fs.ModeSymlink != 0 {
			return err
		}
		return os.Chtimes(p, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
	return old
}

// modTime returns the modification time of the file name under dir.
func modTime(t *testing.T, dir, name string) time.Time {
	t.Helper()
	info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return info.ModTime()
}

// assertNoStage checks that no staging folder is left beside out.
func assertNoStage(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("staging folder %s left beside the output", e.Name())
		}
	}
}

// begin starts a transaction on out, failing the test on an error.
func begin(t *testing.T, out string) *Tx {
	t.Helper()
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// writeAll writes files into tx, in order of name.
func writeAll(t *testing.T, tx *Tx, files map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := tx.Write(name, []byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
}

// publishFiles publishes files into out in one transaction, with keep and
// scope set as given, and returns its counts.
func publishFiles(t *testing.T, out string, files map[string]string, keep []string, scope string) Stats {
	t.Helper()
	tx := begin(t, out)
	tx.Keep, tx.Scope = keep, scope
	writeAll(t, tx, files)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	assertNoStage(t, out)
	return tx.Stats
}

// lstat returns the information of path, failing the test on an error.
func lstat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	info, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

var site = map[string]string{
	"index.html":                       "home",
	"404.html":                         "not found",
	"counties/a-xian.html":             "county a",
	"reports/hunan/a-xian/2020.html":   "report a 2020",
	"reports/hunan/a-xian/2021.html":   "report a 2021",
	"reports/hubei/b-shi/2020.html":    "report b 2020",
	"assets/js/charts.js":              "charts",
	"downloads/reports.csv":            "a,b\n",
	"reports/hubei/b-shi/2021-ju.html": "report b 2021",
}

// TestFreshOutputIsOneRename publishes into an output that does not exist:
// the staging folder becomes the output with one rename, made like a
// folder made by os.MkdirAll.
func TestFreshOutputIsOneRename(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "site")
	out := filepath.Join(parent, "public")
	tx := begin(t, out)
	stage := lstat(t, tx.tree)
	var wg sync.WaitGroup
	for name, data := range site {
		wg.Go(func() {
			if err := tx.Write(name, []byte(data)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the output exists before Commit: %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(site)) {
		t.Errorf("output %v\nwant %v", got, withDirs(site))
	}
	if !os.SameFile(stage, lstat(t, out)) {
		t.Error("the output is not the staging folder renamed")
	}
	if want := tx.Stats; want != (Stats{Written: len(site)}) {
		t.Errorf("stats %+v", want)
	}
	assertNoStage(t, out)
	like := filepath.Join(parent, "like")
	if err := os.MkdirAll(like, 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := lstat(t, out).Mode(), lstat(t, like).Mode(); got != want {
		t.Errorf("output folder mode %v, want %v as os.MkdirAll makes it", got, want)
	}
	// Abort after Commit, as a deferred Abort does, changes nothing.
	before := takeSnapshot(t, out)
	tx.Abort()
	assertSame(t, out, before)
	if err := tx.Commit(); err == nil {
		t.Error("a second Commit succeeded")
	}
}

// TestEmptyOutputKeepsItsFolder publishes into an output folder that
// exists and is empty: nothing is read, the folder itself stays (a server
// may be serving it), and each of its folders is moved in whole.
func TestEmptyOutputKeepsItsFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	folder := lstat(t, out)
	tx := begin(t, out)
	writeAll(t, tx, site)
	reports := lstat(t, filepath.Join(tx.tree, "reports"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(site)) {
		t.Errorf("output %v", got)
	}
	if !os.SameFile(folder, lstat(t, out)) {
		t.Error("the output folder was replaced")
	}
	if !os.SameFile(reports, lstat(t, filepath.Join(out, "reports"))) {
		t.Error("reports/ was not moved whole")
	}
	if tx.Stats != (Stats{Written: len(site)}) {
		t.Errorf("stats %+v", tx.Stats)
	}
	assertNoStage(t, out)
}

// TestExistingOutput publishes over an older output: unchanged files keep
// their times, changed ones (of the same size or not) are replaced, new
// ones appear (a new folder moved in whole) and stale files and the
// folders they leave empty go.
func TestExistingOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	old := map[string]string{
		"index.html":             "home v1",
		"same.html":              "same",
		"samesize.html":          "aaaa",
		"longer.html":            "short",
		"reports/c1/a.html":      "a",
		"reports/c1/b.html":      "b",
		"reports/gone/deep/x.js": "x",
		"gone.html":              "gone",
		"big.bin":                strings.Repeat("0123456789abcdef", 20000),
		"bigchanged.bin":         strings.Repeat("0123456789abcdef", 20000),
	}
	publishFiles(t, out, old, nil, "")
	writeTree(t, out, map[string]string{"empty/": ""})
	then := age(t, out)
	next := map[string]string{
		"index.html":             "home v2",
		"same.html":              "same",
		"samesize.html":          "bbbb",
		"longer.html":            "much longer",
		"reports/c1/a.html":      "a",
		"reports/c1/new.html":    "new",
		"reports/c2/deep/n.html": "deep new",
		"big.bin":                old["big.bin"],
		"bigchanged.bin":         old["bigchanged.bin"][:len(old["bigchanged.bin"])-1] + "!",
	}
	tx := begin(t, out)
	writeAll(t, tx, next)
	// Files whose folders the output has are staged flat; only the new
	// folder is made in the staging tree.
	if got, want := readTree(t, tx.tree), withDirs(map[string]string{"reports/c2/deep/n.html": "deep new"}); !maps.Equal(got, want) {
		t.Errorf("staging tree %v, want %v", got, want)
	}
	c2 := lstat(t, filepath.Join(tx.tree, "reports", "c2"))
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(next)) {
		t.Errorf("output %v\nwant %v", got, withDirs(next))
	}
	if want := (Stats{Written: 6, Unchanged: 3, Removed: 3}); tx.Stats != want {
		t.Errorf("stats %+v, want %+v", tx.Stats, want)
	}
	for _, name := range []string{"same.html", "reports/c1/a.html", "big.bin"} {
		if !modTime(t, out, name).Equal(then) {
			t.Errorf("unchanged %s was rewritten", name)
		}
	}
	for _, name := range []string{"samesize.html", "bigchanged.bin", "index.html"} {
		if modTime(t, out, name).Equal(then) {
			t.Errorf("changed %s was not rewritten", name)
		}
	}
	if !os.SameFile(c2, lstat(t, filepath.Join(out, "reports", "c2"))) {
		t.Error("the new folder reports/c2 was not moved whole")
	}
	assertNoStage(t, out)

	// Nothing changed: nothing is written or removed.
	then = age(t, out)
	if st := publishFiles(t, out, next, nil, ""); st != (Stats{Unchanged: len(next)}) {
		t.Errorf("stats %+v", st)
	}
	for name := range next {
		if !modTime(t, out, name).Equal(then) {
			t.Errorf("%s was rewritten", name)
		}
	}
}

// TestFailedFreshOutputStaysAbsent aborts a transaction on an output that
// does not exist: it still does not, and nothing is left beside it.
func TestFailedFreshOutputStaysAbsent(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	tx := begin(t, out)
	writeAll(t, tx, site)
	if err := tx.Write("index.html", []byte("again")); err == nil {
		t.Fatal("a file written twice")
	}
	tx.Abort()
	if err := tx.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("beside the output: %v", entries)
	}
}

// TestFailedExistingOutputIsUntouched aborts a transaction over an output:
// it is as it was, byte for byte and time for time, and a Commit after
// the Abort, which would have nothing written, removes nothing.
func TestFailedExistingOutputIsUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishFiles(t, out, site, nil, "")
	age(t, out)
	before := takeSnapshot(t, out)
	tx := begin(t, out)
	writeAll(t, tx, map[string]string{
		"index.html":                     "home v2",
		"404.html":                       "not found",
		"reports/new/2020.html":          "new",
		"reports/hunan/a-xian/2022.html": "new",
	})
	tx.Abort()
	if err := tx.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	assertSame(t, out, before)
	assertNoStage(t, out)
}

// TestThingsInTheWay publishes over an output where a file stands where a
// folder must go, folders where files must go, links where a folder and a
// file must go and a named pipe where a file must go. Each is replaced;
// what the links point to is not touched, and the pipe is not read.
func TestThingsInTheWay(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	elsewhere := filepath.Join(dir, "elsewhere")
	writeTree(t, elsewhere, map[string]string{"page.html": "page", "file.html": "file"})
	outside := takeSnapshot(t, elsewhere)
	writeTree(t, out, map[string]string{
		"a":                "a file",
		"b.html/x.html":    "x",
		"b.html/sub/y.txt": "y",
		"f.html/":          "",
		"keep.html":        "keep",
	})
	if err := os.Symlink(elsewhere, filepath.Join(out, "c")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(elsewhere, "file.html"), filepath.Join(out, "d.html")); err != nil {
		t.Fatal(err)
	}
	pipe := mkfifo(filepath.Join(out, "e.html")) == nil
	next := map[string]string{
		"a/index.html": "folder a",
		"b.html":       "file b",
		"c/page.html":  "page",
		"d.html":       "file",
		"e.html":       "not a pipe",
		"f.html":       "file f",
		"keep.html":    "keep",
	}
	tx := begin(t, out)
	done := make(chan error, 1)
	go func() {
		for _, name := range slices.Sorted(maps.Keys(next)) {
			if err := tx.Write(name, []byte(next[name])); err != nil {
				done <- err
				return
			}
		}
		done <- tx.Commit()
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("publishing hangs: the pipe was read")
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(next)) {
		t.Errorf("output %v\nwant %v", got, withDirs(next))
	}
	assertSame(t, elsewhere, outside)
	if want := (Stats{Written: 6, Unchanged: 1}); tx.Stats != want {
		t.Errorf("stats %+v, want %+v (pipe made: %v)", tx.Stats, want, pipe)
	}
	assertNoStage(t, out)
}

// TestStaleLinksAndPipes removes a stale link (not what it points to) and
// a stale named pipe.
func TestStaleLinksAndPipes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	writeTree(t, out, map[string]string{"index.html": "home"})
	target := filepath.Join(dir, "target")
	writeTree(t, target, map[string]string{"x.html": "x"})
	if err := os.Symlink(target, filepath.Join(out, "link")); err != nil {
		t.Fatal(err)
	}
	if err := mkfifo(filepath.Join(out, "pipe")); err != nil {
		t.Log(err)
	}
	if st := publishFiles(t, out, map[string]string{"index.html": "home"}, nil, ""); st.Unchanged != 1 || st.Written != 0 {
		t.Errorf("stats %+v", st)
	}
	if got := readTree(t, out); !maps.Equal(got, map[string]string{"index.html": "home"}) {
		t.Errorf("output %v", got)
	}
	if got := readTree(t, target); !maps.Equal(got, map[string]string{"x.html": "x"}) {
		t.Errorf("the link's target %v", got)
	}
}

// TestKeepAndScope publishes a site with pagefind/ kept out of it, then
// the index in its own transaction scoped to pagefind/, first into a
// fresh output and then over it, as a build with search does.
func TestKeepAndScope(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	keep := []string{"pagefind/"}
	index := map[string]string{
		"pagefind/pagefind.js":     "js",
		"pagefind/fragment/a.pf":   "fragment a",
		"pagefind/fragment/b.pf":   "fragment b",
		"pagefind/index/en_1.pf_i": "index",
	}
	if st := publishFiles(t, out, site, keep, ""); st != (Stats{Written: len(site)}) {
		t.Errorf("site: %+v", st)
	}
	then := age(t, out)
	tx := begin(t, out)
	tx.Scope = "pagefind/"
	writeAll(t, tx, index)
	pagefind := lstat(t, filepath.Join(tx.tree, "pagefind"))
	if tx.list["reports"] != kindDirUnlisted {
		t.Error("the index's transaction listed reports/, where it owns nothing")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if tx.Stats != (Stats{Written: len(index)}) {
		t.Errorf("index: %+v", tx.Stats)
	}
	if !os.SameFile(pagefind, lstat(t, filepath.Join(out, "pagefind"))) {
		t.Error("pagefind/ was not moved whole")
	}
	all := maps.Clone(site)
	maps.Copy(all, index)
	if got := readTree(t, out); !maps.Equal(got, withDirs(all)) {
		t.Errorf("output %v", got)
	}
	for name := range site {
		if !modTime(t, out, name).Equal(then) {
			t.Errorf("the index's transaction rewrote %s", name)
		}
	}

	// The next build drops a report and adds one; its index drops a
	// fragment. Each transaction removes only its own stale files.
	then = age(t, out)
	writeTree(t, out, map[string]string{"pagefind/old/": ""})
	site2 := maps.Clone(site)
	delete(site2, "reports/hunan/a-xian/2021.html")
	site2["reports/hunan/c-xian/2020.html"] = "report c"
	tx = begin(t, out)
	tx.Keep = keep
	writeAll(t, tx, site2)
	if tx.list["pagefind"] != kindDirUnlisted {
		t.Error("the site's transaction listed pagefind/, which it keeps")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if st := tx.Stats; st != (Stats{Written: 1, Unchanged: len(site) - 1, Removed: 1}) {
		t.Errorf("site: %+v", st)
	}
	for name := range index {
		if !modTime(t, out, name).Equal(then) {
			t.Errorf("the site's transaction rewrote %s", name)
		}
	}
	index2 := maps.Clone(index)
	delete(index2, "pagefind/fragment/b.pf")
	delete(index2, "pagefind/fragment/a.pf")
	index2["pagefind/pagefind.js"] = "js v2"
	if st := publishFiles(t, out, index2, nil, "pagefind/"); st != (Stats{Written: 1, Unchanged: 1, Removed: 2}) {
		t.Errorf("index: %+v", st)
	}
	all = maps.Clone(site2)
	maps.Copy(all, index2)
	if got := readTree(t, out); !maps.Equal(got, withDirs(all)) {
		t.Errorf("output %v\nwant %v", got, withDirs(all))
	}
	for name := range site2 {
		if name != "reports/hunan/c-xian/2020.html" && !modTime(t, out, name).Equal(then) {
			t.Errorf("%s was rewritten", name)
		}
	}
}

// TestWriteIntoKeptFolder writes a file into a folder the transaction
// keeps (and so does not list): it is compared and replaced as elsewhere.
func TestWriteIntoKeptFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, out, map[string]string{"kept/same.txt": "same", "kept/changed.txt": "old", "kept/other.txt": "other", "index.html": "home"})
	then := age(t, out)
	tx := begin(t, out)
	tx.Keep = []string{"kept/"}
	writeAll(t, tx, map[string]string{"kept/same.txt": "same", "kept/changed.txt": "new", "index.html": "home"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if want := (Stats{Written: 1, Unchanged: 2}); tx.Stats != want {
		t.Errorf("stats %+v, want %+v", tx.Stats, want)
	}
	want := withDirs(map[string]string{"kept/same.txt": "same", "kept/changed.txt": "new", "kept/other.txt": "other", "index.html": "home"})
	if got := readTree(t, out); !maps.Equal(got, want) {
		t.Errorf("output %v", got)
	}
	if !modTime(t, out, "kept/same.txt").Equal(then) {
		t.Error("an unchanged file was rewritten")
	}
}

// TestOutputMadeBeforeCommit makes the output between Begin, when it did
// not exist, and Commit: the files are moved in one by one and what else
// is there is stale.
func TestOutputMadeBeforeCommit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx := begin(t, out)
	writeAll(t, tx, site)
	writeTree(t, out, map[string]string{"index.html": "other", "stale.html": "stale", "reports/hunan/x/": ""})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(site)) {
		t.Errorf("output %v", got)
	}
	if want := (Stats{Written: len(site), Removed: 1}); tx.Stats != want {
		t.Errorf("stats %+v, want %+v", tx.Stats, want)
	}
	assertNoStage(t, out)
}

// TestOutputChangedBeforeCommit changes the output between Write and
// Commit: a folder a file was staged for goes, and a file takes the place
// of another. Commit makes way and the folders all the same.
func TestOutputChangedBeforeCommit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishFiles(t, out, map[string]string{"a/x.html": "x", "b/y.html": "y", "c/z.html": "z"}, nil, "")
	next := map[string]string{"a/x.html": "x2", "b/y.html": "y2", "c/z.html": "z2"}
	tx := begin(t, out)
	writeAll(t, tx, next)
	if err := os.RemoveAll(filepath.Join(out, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(out, "b")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "c", "z.html")); err != nil {
		t.Fatal(err)
	}
	writeTree(t, out, map[string]string{"b": "a file", "c/z.html/": ""})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out); !maps.Equal(got, withDirs(next)) {
		t.Errorf("output %v", got)
	}
	assertNoStage(t, out)
}

// TestCaseOfANameChanges publishes page.html over Page.html: on a file
// system that tells them apart, Page.html is stale.
func TestCaseOfANameChanges(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, out, map[string]string{"Page.html": "page"})
	if _, err := os.Stat(filepath.Join(out, "page.html")); err == nil {
		t.Skip("the file system ignores case")
	}
	if st := publishFiles(t, out, map[string]string{"page.html": "page"}, nil, ""); st != (Stats{Written: 1, Removed: 1}) {
		t.Errorf("stats %+v", st)
	}
	if got := readTree(t, out); !maps.Equal(got, map[string]string{"page.html": "page"}) {
		t.Errorf("output %v", got)
	}
}

// TestConcurrentWrites writes many files into shared folders from many
// goroutines, into a fresh output and then over it with some changed.
func TestConcurrentWrites(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	files := map[string]string{}
	for i := range 400 {
		files[fmt.Sprintf("r/p%d/c%d/%d.html", i%3, i%17, i)] = fmt.Sprint("page ", i)
	}
	for round := range 2 {
		if round == 1 {
			for i := 0; i < 400; i += 7 {
				files[fmt.Sprintf("r/p%d/c%d/%d.html", i%3, i%17, i)] = fmt.Sprint("changed page ", i)
			}
			files["r/new/deep/x.html"] = "x"
		}
		tx := begin(t, out)
		names := slices.Sorted(maps.Keys(files))
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				for i := w; i < len(names); i += 8 {
					if err := tx.Write(names[i], []byte(files[names[i]])); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, out); !maps.Equal(got, withDirs(files)) {
			t.Fatalf("round %d: output differs", round)
		}
		if round == 1 && tx.Stats != (Stats{Written: 59, Unchanged: 342}) {
			t.Errorf("stats %+v", tx.Stats)
		}
	}
}

// TestEqualContent compares data with readers that return it in pieces
// of various sizes.
func TestEqualContent(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 10000)
	for _, tc := range []struct {
		name       string
		file, data []byte
		want       bool
	}{
		{"empty", nil, nil, true},
		{"same", []byte("abc"), []byte("abc"), true},
		{"differs", []byte("abd"), []byte("abc"), false},
		{"longer file", []byte("abcd"), []byte("abc"), false},
		{"shorter file", []byte("ab"), []byte("abc"), false},
		{"big same", big, big, true},
		{"big differs at the end", append(big[:len(big)-1:len(big)-1], '!'), big, false},
		{"big longer file", append(slices.Clip(big), 'x'), big, false},
		{"big shorter file", big[:len(big)-1], big, false},
	} {
		for _, piece := range []int{1, 7, 4096, 1 << 20} {
			r := bytes.NewReader(tc.file)
			read := func(b []byte) (int, error) { return r.Read(b[:min(len(b), piece)]) }
			if got := equalContent(read, tc.data); got != tc.want {
				t.Errorf("%s, in pieces of %d: %v, want %v", tc.name, piece, got, tc.want)
			}
		}
		failing := func([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }
		if equalContent(failing, tc.data) {
			t.Errorf("%s: equal when reading fails", tc.name)
		}
	}
}

// TestForeignFilesAreKept: a file or folder that Foreign says is not the
// transaction's (a host's CNAME, a worktree's .git, a file no record
// says the last build made) is neither removed nor listed into, and
// Commit names the foreign files it kept; a stale file of its own is
// removed as ever.
func TestForeignFilesAreKept(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, out, map[string]string{
		"index.html":        "home v1",
		"old.html":          "stale, made by the last build",
		"CNAME":             "example.org",
		".git/HEAD":         "ref: refs/heads/gh-pages",
		"photos/a.jpg":      "precious",
		"reports/mine.html": "stale too",
	})
	ours := map[string]bool{"index.html": true, "old.html": true, "reports/mine.html": true}
	var asked []string
	tx := begin(t, out)
	tx.Foreign = func(rel string, dir bool) bool {
		asked = append(asked, rel)
		if strings.HasPrefix(rel, ".") || rel == "CNAME" {
			return true
		}
		return !dir && !ours[rel]
	}
	writeAll(t, tx, map[string]string{"index.html": "home v2"})
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := withDirs(map[string]string{"index.html": "home v2", "CNAME": "example.org", ".git/HEAD": "ref: refs/heads/gh-pages", "photos/a.jpg": "precious"})
	if got := readTree(t, out); !maps.Equal(got, want) {
		t.Errorf("output %v\nwant %v", got, want)
	}
	if want := (Stats{Written: 1, Removed: 2}); tx.Stats != want {
		t.Errorf("stats %+v, want %+v", tx.Stats, want)
	}
	if want := []string{"CNAME", "photos/a.jpg"}; !slices.Equal(tx.Kept, want) {
		t.Errorf("kept %q, want %q", tx.Kept, want)
	}
	if slices.Contains(asked, ".git/HEAD") {
		t.Error("the foreign folder .git was listed into")
	}
	assertNoStage(t, out)
}

// TestPartialCommit fails a Commit at its first file, then at a later
// one: the first leaves the output as it was, and Partial says so; the
// second has replaced a file already, and Partial says that.
func TestPartialCommit(t *testing.T) {
	for _, failAt := range []int{1, 2} {
		out := filepath.Join(t.TempDir(), "public")
		old := map[string]string{"a.html": "a1", "b.html": "b1", "c.html": "c1"}
		publishFiles(t, out, old, nil, "")
		tx := begin(t, out)
		writeAll(t, tx, map[string]string{"a.html": "a2", "b.html": "b2", "c.html": "c2"})
		n := 0
		TestHookPlace = func(string) error {
			if n++; n == failAt {
				return errors.New("no room")
			}
			return nil
		}
		err := tx.Commit()
		TestHookPlace = nil
		if err == nil {
			t.Fatalf("fail at %d: Commit succeeded", failAt)
		}
		if got, want := tx.Partial(), failAt > 1; got != want {
			t.Errorf("fail at %d: Partial() = %v, want %v", failAt, got, want)
		}
		if changed := !maps.Equal(readTree(t, out), old); changed != (failAt > 1) {
			t.Errorf("fail at %d: output changed %v: %v", failAt, changed, readTree(t, out))
		}
	}
}
