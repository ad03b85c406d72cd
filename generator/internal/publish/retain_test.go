package publish

import (
	"os"
	"path/filepath"
	"testing"
)

// A retained file stays as it is; files neither written nor retained go.
func TestRetainKeepsAFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a/kept.html", "a/stale.html"} {
		if err := tx.Write(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	kept := filepath.Join(out, "a", "kept.html")
	before, err := os.Stat(kept)
	if err != nil {
		t.Fatal(err)
	}

	tx, err = Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Retain("a/kept.html"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Retain("a/kept.html"); err == nil {
		t.Error("a file retained twice is not an error")
	}
	if err := tx.Write("a/kept.html", []byte("x")); err == nil {
		t.Error("a retained file written again is not an error")
	}
	if err := tx.Retain("../x"); err == nil {
		t.Error("an invalid path is retained")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(kept)
	if err != nil {
		t.Fatalf("the retained file is gone: %v", err)
	}
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("the retained file was rewritten")
	}
	if _, err := os.Stat(filepath.Join(out, "a", "stale.html")); !os.IsNotExist(err) {
		t.Errorf("a file neither written nor retained was not removed: %v", err)
	}
	if tx.Stats.Unchanged != 1 || tx.Stats.Removed != 1 {
		t.Errorf("stats %+v", tx.Stats)
	}
}
