package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteRefusesBadNames(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Abort()
	for name, want := range map[string]string{
		"../x.html":                       "invalid output path",
		"/abs.html":                       "invalid output path",
		"a//b.html":                       "invalid output path",
		".":                               "invalid output path",
		strings.Repeat("长", 90) + ".html": "is 275 bytes long; file systems allow at most 255",
		"county/" + strings.Repeat("a", 256) + "/x.html": "is 256 bytes long",
	} {
		if err := tx.Write(name, []byte("x")); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Write(%.40q): %v; want %q", name, err, want)
		} else if len(err.Error()) > 300 {
			t.Errorf("Write(%.40q): error of %d bytes", name, len(err.Error()))
		}
	}
	if err := tx.Write("a.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("a.html", []byte("y")); err == nil {
		t.Error("a file written twice")
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "old.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Write("new/page.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	tx.Abort()
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "public" {
		t.Errorf("beside the output: %v", entries)
	}
	entries, _ = os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "old.html" {
		t.Errorf("in the output: %v", entries)
	}
}

func TestBeginFollowsLinks(t *testing.T) {
	project := t.TempDir()
	content := filepath.Join(project, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	links := t.TempDir()
	if err := os.Symlink(project, filepath.Join(links, "p")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{filepath.Join(links, "p"), filepath.Join(links, "p", "content", "x", "y")} {
		if _, err := Begin(out, project, content); err == nil || !strings.Contains(err.Error(), "once symbolic links are followed") {
			t.Errorf("Begin(%s): %v", out, err)
		}
	}
	if got := realPath(filepath.Join(links, "p", "no", "such")); got != filepath.Join(mustReal(t, project), "no", "such") {
		t.Errorf("realPath = %s", got)
	}
}

func mustReal(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
