package content

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnreadFilesAreSaid: Load gives OnUnread each file that is not read,
// sorted by path (not in the order of the walk), a broken link among
// them, and reads a report file whose extension is upper-case.
func TestUnreadFilesAreSaid(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "x.md.txt"), good)
	write(t, filepath.Join(dir, "a-b", "y.docx"), "PK")
	write(t, filepath.Join(dir, "B.MD"), strings.Replace(good, "甲县", "乙县", 1))
	write(t, filepath.Join(dir, ".git", "config.txt"), "x")
	write(t, filepath.Join(dir, "x.md~"), "x")
	if err := os.Symlink("gone.pdf", filepath.Join(dir, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	var said []string
	rs, err := Load(context.Background(), DirFS(dir), Options{Prefix: "content/", OnUnread: func(u Unread) { said = append(said, u.String()) }})
	if err != nil || len(rs) != 1 || rs[0].File != "content/B.MD" {
		t.Fatalf("load: %v, %v", rs, err)
	}
	var names []string
	for _, w := range said {
		names = append(names, w[:strings.Index(w, ": ")])
	}
	if got, want := strings.Join(names, " "), "content/a-b/y.docx content/a/x.md.txt content/link.pdf"; got != want {
		t.Errorf("said not read: %s, want %s:\n%s", got, want, strings.Join(said, "\n"))
	}
}

func TestUnreadWarning(t *testing.T) {
	for p, want := range map[string]string{
		"a.md":           "",
		"A.Md":           "",
		"a.md~":          "",
		"a.md.bak":       "",
		"sub/Thumbs.db":  "",
		".x/a.txt":       "",
		"sub/_old/a.pdf": "",
		"a.md.txt":       "content/a.md.txt: not read: report files must end in .md; rename it to a.md (未读取：报告文件名须以 .md 结尾，请改名为 a.md)",
		"a.MARKDOWN":     "content/a.MARKDOWN: not read: report files must end in .md; rename it to a.md (",
		"r.pdf":          "content/r.pdf: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/r.pdf, then move it out of content (",
		"r.htm":          "content/r.htm: not read: report files must end in .md; turn this published report into one with: go run ./generator import",
		"r.doc":          "content/r.doc: not read: report files must end in .md; save this document as .docx",
		"img.png":        "content/img.png: not read: only report files (*.md) are read, and nothing else in content is published (",
	} {
		got := UnreadWarning("content/", p)
		if want == "" && got != "" || !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q…", p, got, want)
		}
		// UnreadFile gives the file and the message apart.
		u, ok := UnreadFile("content/", p)
		if ok != (want != "") || ok && (u.File != "content/"+p || !strings.HasPrefix(u.Message, "not read: ") || u.String() != got) {
			t.Errorf("%s: UnreadFile %+v %v, warning %q", p, u, ok, got)
		}
	}
}
