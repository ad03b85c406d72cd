package publish

import (
	"path/filepath"
	"testing"
)

// TestStagedReplacements checks which staged files Commit takes to replace
// a file of the output, and so frees the old file off its path: those
// whose place held a regular file when the output was listed, and no
// others.
func TestStagedReplacements(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	publishFiles(t, out, map[string]string{
		"index.html":        "home v1",
		"reports/c1/a.html": "a v1",
		"reports/c1/b.html": "b",
	}, nil, "")
	tx := begin(t, out)
	writeAll(t, tx, map[string]string{
		"index.html":        "home v2", // replaces
		"reports/c1/a.html": "a v2",    // replaces
		"reports/c1/b.html": "b",       // unchanged: not staged
		"reports/c1/n.html": "new",     // new in a folder the output has
		"reports/c2/n.html": "new",     // new in a new folder
	})
	got := map[string]bool{}
	for _, s := range tx.staged {
		got[s.name] = tx.replaces(s.name)
	}
	want := map[string]bool{"index.html": true, "reports/c1/a.html": true, "reports/c1/n.html": false, "reports/c2/n.html": false}
	if len(got) != len(want) {
		t.Errorf("staged %v, want %v", got, want)
	}
	for name, w := range want {
		if r, ok := got[name]; !ok || r != w {
			t.Errorf("%s: staged %v, replace %v; want replace %v", name, ok, r, w)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out)["index.html"]; got != "home v2" {
		t.Errorf("index.html = %q after Commit", got)
	}
}
