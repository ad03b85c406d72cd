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
	// The owner files Word and WPS leave beside a document they have
	// open: a name of "~$" and the rest of the document's, and the
	// user's name padded with NULs.
	write(t, filepath.Join(dir, "~$.MD"), "\x05Admin"+strings.Repeat("\x00", 50))
	write(t, filepath.Join(dir, "a", "~$报告.docx"), "\x05Admin"+strings.Repeat("\x00", 50))
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
		"~$报告.docx":      "",
		"sub/~$a.md":     "",
		"#a.md#":         "", // Emacs' auto-save while a.md is edited
		"sub/4913":       "", // vim's test file
		"#":              "content/#: not read: only report files",
		"a.md.txt":       "content/a.md.txt: not read: report files must end in .md; rename it to a.md (未读取：报告文件名须以 .md 结尾，请改名为 a.md)",
		"a.MARKDOWN":     "content/a.MARKDOWN: not read: report files must end in .md; rename it to a.md (",
		"r.pdf":          "content/r.pdf: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/r.pdf, then move it out of content (",
		"r.htm":          "content/r.htm: not read: report files must end in .md; turn this published report into one with: go run ./generator import",
		"r.doc":          "content/r.doc: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/r.doc, then move it out of content (",
		"r.RTF":          "content/r.RTF: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/r.RTF, then",
		"r.wps":          "content/r.wps: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/r.wps (or, if LibreOffice cannot read it, save it as .docx in WPS and import that), then move it out of content (",
		"img.png":        "content/img.png: not read: only report files (*.md) are read, and nothing else in content is published (",
	} {
		got := UnreadWarning("content/", p, nil)
		if want == "" && got != "" || !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q…", p, got, want)
		}
		// UnreadFile gives the file and the message apart.
		u, ok := UnreadFile("content/", p, nil)
		if ok != (want != "") || ok && (u.File != "content/"+p || !strings.HasPrefix(u.Message, "not read: ") || u.String() != got) {
			t.Errorf("%s: UnreadFile %+v %v, warning %q", p, u, ok, got)
		}
	}
}

// TestUnreadBesideItsReport: a.md.txt (Notepad's copy) or a.markdown
// beside the report file a.md, in any case, is not told to be renamed to
// a.md, which would overwrite it, but to be compared with it; so is a.txt
// when it may be a copy. Load says so too, whichever file the walk
// finds first.
func TestUnreadBesideItsReport(t *testing.T) {
	reports := ReportNames{}
	reports.Add("a.md")
	reports.Add("sub/B.MD")
	for p, want := range map[string]string{
		"a.md.txt":     "content/a.md.txt: not read: report files must end in .md, and a.md beside it is read: compare the two, keep the one you want as a.md and delete the other (未读取：报告文件名须以 .md 结尾，而旁边的 a.md 已被读取：请比较这两个文件，把要保留的那个留作 a.md，删除另一个)",
		"A.MD.TXT":     "content/A.MD.TXT: not read: report files must end in .md, and a.md beside it is read: compare the two",
		"a.markdown":   "content/a.markdown: not read: report files must end in .md, and a.md beside it is read: compare the two",
		"sub/b.md.txt": "content/sub/b.md.txt: not read: report files must end in .md, and B.MD beside it is read: compare the two, keep the one you want as B.MD and delete the other (",
		"a.txt":        "content/a.txt: not read: report files must end in .md, and a.md beside it is read: if this is a copy of it, compare the two and delete the one you do not want (keeping the report as a.md); if it is a published report, turn it into one with: go run ./generator import content/a.txt, then move it out of content (未读取：",
		// Not beside it: renaming is right.
		"sub/a.md.txt": "content/sub/a.md.txt: not read: report files must end in .md; rename it to a.md (",
		"c.md.txt":     "content/c.md.txt: not read: report files must end in .md; rename it to c.md (",
		"a.pdf":        "content/a.pdf: not read: report files must end in .md; turn this published report into one with",
	} {
		if got := UnreadWarning("content/", p, reports); !strings.HasPrefix(got, want) || strings.Contains(got, "rename it to a.md") && strings.Contains(want, "beside") {
			t.Errorf("%s: %q, want %q…", p, got, want)
		}
	}

	dir := t.TempDir()
	write(t, filepath.Join(dir, "x", "a.md"), good)
	write(t, filepath.Join(dir, "x", "a.md.txt"), good)
	write(t, filepath.Join(dir, "x", "a.markdown"), good)
	write(t, filepath.Join(dir, "y", "a.md.txt"), good)
	var said []string
	if _, err := Load(context.Background(), DirFS(dir), Options{Prefix: "content/", OnUnread: func(u Unread) { said = append(said, u.String()) }}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/x/a.markdown: not read: report files must end in .md, and a.md beside it is read: compare the two",
		"content/x/a.md.txt: not read: report files must end in .md, and a.md beside it is read: compare the two",
		"content/y/a.md.txt: not read: report files must end in .md; rename it to a.md (",
	}
	if len(said) != len(want) {
		t.Fatalf("said %q, want %d warnings", said, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(said[i], w) {
			t.Errorf("said %q, want %q…", said[i], w)
		}
	}
}
