package publish

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// streamOf returns a fill function that writes s in pieces of n bytes.
func streamOf(s string, n int) func(io.Writer) error {
	return func(w io.Writer) error {
		for len(s) > 0 {
			k := min(n, len(s))
			if _, err := io.WriteString(w, s[:k]); err != nil {
				return err
			}
			s = s[k:]
		}
		return nil
	}
}

// WriteStream publishes what its fill function writes; the same bytes
// again leave the file alone, other bytes of the same size replace it.
func TestWriteStream(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	big := strings.Repeat("报告,", 200_000) // larger than the write buffer
	build := func(files map[string]string) Stats {
		t.Helper()
		tx, err := Begin(out, "")
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if err := tx.WriteStream(name, streamOf(data, 1000)); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if got, want := readTree(t, out), withDirs(files); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("output holds %d entries, want %d", len(got), len(want))
		}
		return tx.Stats
	}
	first := map[string]string{"downloads/big.json": big, "downloads/small.csv": "a,b\n", "top.txt": "x"}
	if st := build(first); st.Written != 3 || st.Unchanged != 0 {
		t.Fatalf("first build: %+v", st)
	}
	old := time.Now().Add(-time.Hour)
	for name := range first {
		if err := os.Chtimes(filepath.Join(out, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	second := map[string]string{"downloads/big.json": big, "downloads/small.csv": "a,c\n", "top.txt": "x"}
	if st := build(second); st.Written != 1 || st.Unchanged != 2 {
		t.Fatalf("second build: %+v, want 1 written and 2 unchanged", st)
	}
	for name, changed := range map[string]bool{"downloads/big.json": false, "downloads/small.csv": true, "top.txt": false} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if kept := info.ModTime().Equal(old); kept == changed {
			t.Errorf("%s: modification time kept %v, want %v", name, kept, !changed)
		}
	}
	// No staged copy is left beside the output.
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("beside the output: %d entries, want only the output", len(entries))
	}
}

// The error of a fill function is returned as it is, and the aborted
// transaction leaves the output as it was.
func TestWriteStreamFillError(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	writeTree(t, out, map[string]string{"downloads/a.json": "old"})
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("reports.json: content/a.md:3:1: broken")
	err = tx.WriteStream("downloads/a.json", func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if err != boom {
		t.Fatalf("got %v, want the fill function's error", err)
	}
	if err := tx.WriteStream("downloads/a.json", streamOf("x", 1)); err == nil {
		t.Error("a file written twice is not an error")
	}
	if err := tx.WriteStream("../a.json", streamOf("x", 1)); err == nil {
		t.Error("an invalid path is written")
	}
	tx.Abort()
	if got := readTree(t, out); got["downloads/a.json"] != "old" || len(got) != 2 {
		t.Errorf("after the abort the output holds %v", got)
	}
}
