package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A Load with a Cache reads again only the files that changed, forgets
// the files that are gone, and gives what a Load without it gives.
func TestCacheReadsOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report := func(county string, total int) string {
		return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: {total: " + strings.Repeat("1", total) + "}\n---\n正文\n"
	}
	write("a.md", report("甲县", 1))
	write("sub/b.md", report("乙县", 2))
	write("c.md", "---\ncounty: [\n---\n") // broken

	cache := NewCache()
	fsys := DirFS(dir)
	opt := Options{Prefix: "content/", Lean: true, Cache: cache}
	load := func() (map[string]string, error) {
		t.Helper()
		rs, err := Load(context.Background(), fsys, opt)
		got := map[string]string{}
		for _, r := range rs {
			got[r.File] = r.County + " " + r.Spending.Total.V.String()
		}
		// The same as a load without the cache.
		plain, perr := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
		if (err == nil) != (perr == nil) || err != nil && err.Error() != perr.Error() || len(plain) != len(rs) {
			t.Fatalf("with the cache: %v; without: %v", err, perr)
		}
		for _, r := range plain {
			if got[r.File] != r.County+" "+r.Spending.Total.V.String() {
				t.Fatalf("%s: %s with the cache", r.File, got[r.File])
			}
		}
		return got, err
	}
	first, err := load()
	if err == nil || !strings.Contains(err.Error(), "content/c.md") {
		t.Fatalf("the broken file: %v", err)
	}
	if cache.Reused() != 0 || cache.Read() != 3 || len(first) != 2 {
		t.Fatalf("first load: %d reused, %d read, %v", cache.Reused(), cache.Read(), first)
	}
	if _, err := load(); err == nil || cache.Reused() != 3 || cache.Read() != 0 {
		t.Fatalf("nothing changed: %d reused, want 3 (the broken file too), %d read; %v", cache.Reused(), cache.Read(), err)
	}
	write("a.md", report("甲县", 3))
	write("c.md", report("丙县", 1))
	os.Remove(filepath.Join(dir, "sub", "b.md"))
	got, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if cache.Reused() != 0 || cache.Read() != 2 || got["content/a.md"] != "甲县 111" || got["content/c.md"] != "丙县 1" || len(got) != 2 {
		t.Fatalf("after changes: %d reused, %d read, %v", cache.Reused(), cache.Read(), got)
	}
	if len(cache.m) != 2 {
		t.Errorf("the cache holds %d files, want 2: the removed one is forgotten", len(cache.m))
	}
	if _, err := load(); err != nil || cache.Reused() != 2 {
		t.Fatalf("again: %d reused, %v", cache.Reused(), err)
	}
}

// After Expect, a load asks the file system only about the files named:
// the others are taken from the cache, even if they changed unnoticed.
// The next load looks at every file again.
func TestCacheExpect(t *testing.T) {
	dir := t.TempDir()
	write := func(name, county string) {
		t.Helper()
		data := "---\ncounty: " + county + "\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "甲县")
	write("b.md", "乙县")
	cache := NewCache()
	opt := Options{Prefix: "content/", Cache: cache}
	counties := func() string {
		t.Helper()
		rs, err := Load(context.Background(), DirFS(dir), opt)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rs {
			names = append(names, r.County)
		}
		return strings.Join(names, " ")
	}
	counties()
	write("a.md", "丙县")
	write("b.md", "丁县")
	cache.Expect([]string{"content/b.md"})
	if got := counties(); got != "甲县 丁县" || cache.Reused() != 1 {
		t.Errorf("told only b.md changed: %s, %d reused", got, cache.Reused())
	}
	if got := counties(); got != "丙县 丁县" || cache.Reused() != 1 {
		t.Errorf("the next load: %s, %d reused", got, cache.Reused())
	}
	// A file new to the cache is read whatever it was told.
	write("c.md", "戊县")
	cache.Expect([]string{})
	if got := counties(); got != "丙县 丁县 戊县" || cache.Reused() != 2 {
		t.Errorf("a new file: %s, %d reused", got, cache.Reused())
	}
}
