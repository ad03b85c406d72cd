package publish

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listStamps stamps every file under out, as a walk that stats each one
// does, with the checksum of its bytes.
func listStamps(t *testing.T, out string) map[string]Stamp {
	t.Helper()
	got := map[string]Stamp{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		st := stampOf(info)
		st.Sum = Checksum(data)
		got[filepath.ToSlash(rel)] = st
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// The stamps a transaction gives after Commit are those a walk of the
// output finds, checksums included, for a new output and over an existing one (files written,
// found unchanged, streamed, removed as stale), but for the files Retain
// kept; before Commit, and after Abort, it gives none.
func TestStampsAreTheOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	stream := func(s string) func(io.Writer) error {
		return func(w io.Writer) error {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	first := map[string]string{
		"index.html":         "<p>首页</p>",
		"report/a/2021.html": "甲",
		"report/a/2022.html": "乙",
		"report/b/2021.html": "丙",
		"county/a.html":      "甲县",
		"stale.html":         "旧",
	}
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range first {
		if err := tx.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.WriteStream("downloads/reports.csv", stream("a,b\r\n")); err != nil {
		t.Fatal(err)
	}
	if _, ok := tx.Stamps(); ok {
		t.Error("stamps before Commit")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	stamps, ok := tx.Stamps()
	if !ok {
		t.Fatal("no stamps after Commit")
	}
	if want := listStamps(t, out); !sameStamps(stamps, want) {
		t.Errorf("new output:\ngot  %v\nwant %v", stamps, want)
	}

	tx, err = Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	writes := map[string]string{
		"index.html":         "<p>首页</p>", // unchanged
		"report/a/2021.html": "甲甲",        // changed
		"report/c/2021.html": "丁",         // new, in a new folder
		"county/a.html":      "甲县",        // unchanged
	}
	for name, data := range writes {
		if err := tx.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.WriteStream("downloads/reports.csv", stream("a,b\r\n")); err != nil { // unchanged
		t.Fatal(err)
	}
	if err := tx.WriteStream("downloads/reports.json", stream("[]")); err != nil { // new
		t.Fatal(err)
	}
	for _, name := range []string{"report/a/2022.html", "report/b/2021.html"} {
		if err := tx.Retain(name); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	stamps, ok = tx.Stamps()
	if !ok {
		t.Fatal("no stamps after Commit")
	}
	want := listStamps(t, out)
	if _, ok := want["stale.html"]; ok {
		t.Fatal("stale.html was not removed")
	}
	delete(want, "report/a/2022.html")
	delete(want, "report/b/2021.html")
	if !sameStamps(stamps, want) {
		t.Errorf("existing output:\ngot  %v\nwant %v", stamps, want)
	}

	tx, err = Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	if _, ok := tx.Stamps(); ok {
		t.Error("stamps after Abort")
	}
}

func sameStamps(a, b map[string]Stamp) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v || strings.Contains(k, "\\") {
			return false
		}
	}
	return true
}
