package build

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// walkStamps is what stampOutput was first written as: a walk of out that
// does not follow links.
func walkStamps(out string) (map[string]fileStamp, error) {
	files := map[string]fileStamp{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = fileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		return nil
	})
	return files, err
}

// TestStampOutputIsAWalk: the parallel listing of an output gives what a
// walk gives, on a tree of many folders, empty folders, links to files,
// to folders and to nothing; on a file; and fails on nothing.
func TestStampOutputIsAWalk(t *testing.T) {
	out := t.TempDir()
	for i := range 60 {
		dir := filepath.Join(out, "report", fmt.Sprintf("c%02d", i))
		if err := os.MkdirAll(filepath.Join(dir, "deep", "deeper"), 0o755); err != nil {
			t.Fatal(err)
		}
		for j := range i % 7 {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.html", j)), make([]byte, i*j), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if i%5 == 0 {
			if err := os.WriteFile(filepath.Join(dir, "deep", "deeper", "x.html"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, l := range [][2]string{{"report/c01", "to-folder"}, {"index.html", "to-file"}, {"nowhere", "dangling"}} {
		if err := os.WriteFile(filepath.Join(out, "index.html"), []byte("<p>"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(l[0], filepath.Join(out, l[1])); err != nil {
			t.Fatal(err)
		}
	}
	want, err := walkStamps(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 150 {
		t.Fatalf("the tree has only %d files", len(want))
	}
	for range 3 {
		got, err := stampOutput(out)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(got, want) {
			t.Fatalf("stampOutput gives %d files, a walk %d", len(got), len(want))
		}
	}
	file := filepath.Join(out, "index.html")
	got, err := stampOutput(file)
	want, _ = walkStamps(file)
	if err != nil || !maps.Equal(got, want) {
		t.Errorf("on a file: %v, %v; want %v", got, err, want)
	}
	if _, err := stampOutput(filepath.Join(out, "nothing")); err == nil {
		t.Error("no error for a folder that is not there")
	}
}
