package content

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "content", "..a"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir, path, rel string
		ok             bool
	}{
		// Through a link and not, and files not made yet.
		{filepath.Join(link, "content"), filepath.Join(real, "content", "a.md"), "a.md", true},
		{filepath.Join(real, "content"), filepath.Join(link, "content", "new", "b.md"), filepath.Join("new", "b.md"), true},
		{filepath.Join(real, "content"), filepath.Join(real, "content"), ".", true},
		// A folder whose name begins with two dots is under it.
		{filepath.Join(real, "content"), filepath.Join(link, "content", "..a", "c.md"), filepath.Join("..a", "c.md"), true},
		{filepath.Join(real, "content"), filepath.Join(real, "other", "a.md"), "", false},
		{filepath.Join(real, "content"), real, "", false},
	} {
		if rel, ok := Within(c.dir, c.path); rel != c.rel || ok != c.ok {
			t.Errorf("Within(%s, %s) = %q, %v; want %q, %v", c.dir, c.path, rel, ok, c.rel, c.ok)
		}
	}
	if a, b := Absolute(filepath.Join(link, "content", "x.md")), Absolute(filepath.Join(real, "content", "x.md")); a != b {
		t.Errorf("Absolute: %s through the link, %s not", a, b)
	}
}
