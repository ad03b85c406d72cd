package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestFilesNotReadAreSaid: a report saved under another name (Notepad's
// a.md.txt, a.markdown, a .docx) is not read; build, check and a build
// with nothing changed say so for each, and say nothing of hidden files,
// editors' backups and the files systems leave in folders. A file ending
// in .MD is read as a report.
func TestFilesNotReadAreSaid(t *testing.T) {
	other := strings.Replace(clean, "甲县", "乙县", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+clean+
		"-- content/test/QINGSHAN.MD --\n"+other+
		"-- content/test/qingshan-2023.md.txt --\n"+clean+
		"-- content/b.markdown --\n"+clean+
		"-- content/a.md.txt --\n"+clean+
		"-- content/a.txt --\n"+clean+
		"-- content/test/qingshan.markdown --\n"+clean+
		"-- content/report.docx --\nPK\n"+
		"-- content/old.doc --\nx\n"+
		"-- content/notes.txt --\nx\n"+
		"-- content/logo.png --\nx\n"+
		"-- content/.hidden.txt --\nx\n"+
		"-- content/_drafts/c.txt --\nx\n"+
		"-- content/a.md~ --\nx\n"+
		"-- content/a.md.bak --\nx\n"+
		"-- content/Thumbs.db --\nx\n")
	want := []string{
		// Beside a report file: renaming would overwrite it.
		"warning: content/a.md.txt: not read: report files must end in .md, and a.md beside it is read: compare the two, keep the one you want as a.md and delete the other (未读取：报告文件名须以 .md 结尾，而旁边的 a.md 已被读取：请比较这两个文件，把要保留的那个留作 a.md，删除另一个)\n",
		"warning: content/a.txt: not read: report files must end in .md, and a.md beside it is read: if this is a copy of it, compare the two and delete the one you do not want (keeping the report as a.md); if it is a published report, turn it into one with: go run ./generator import content/a.txt, then move it out of content (",
		"warning: content/b.markdown: not read: report files must end in .md; rename it to b.md (未读取：报告文件名须以 .md 结尾，请改名为 b.md)\n",
		"warning: content/logo.png: not read: only report files (*.md) are read, and nothing else in content is published (未读取：content 中只读取报告文件（*.md），其他文件不会发布)\n",
		"warning: content/notes.txt: not read: report files must end in .md; if it is a report file, rename it to notes.md; if it is a published report, turn it into one with: go run ./generator import content/notes.txt, then move it out of content (",
		"warning: content/old.doc: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/old.doc, then move it out of content (",
		"warning: content/report.docx: not read: report files must end in .md; turn this published report into one with: go run ./generator import content/report.docx, then move it out of content (",
		"warning: content/test/qingshan-2023.md.txt: not read: report files must end in .md; rename it to qingshan-2023.md (未读取：报告文件名须以 .md 结尾，请改名为 qingshan-2023.md)\n",
		"warning: content/test/qingshan.markdown: not read: report files must end in .md, and QINGSHAN.MD beside it is read: compare the two",
	}
	said := func(what, out string) {
		t.Helper()
		last := -1
		for _, w := range want {
			i := strings.Index(out, w)
			if i < 0 {
				t.Errorf("%s: no %q in output:\n%s", what, w, out)
				continue
			}
			if i < last {
				t.Errorf("%s: %q out of order", what, w)
			}
			last = i
		}
		if n := strings.Count(out, "not read"); n != len(want) {
			t.Errorf("%s: %d files said not read, want %d:\n%s", what, n, len(want), out)
		}
	}
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, "built 2 reports of 2 counties") {
		t.Fatalf("build: exit %d, output %q %q", code, out, errOut)
	}
	said("build", errOut)
	code, out, errOut = run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, "nothing changed since the last build") {
		t.Fatalf("build again: exit %d, output %q %q", code, out, errOut)
	}
	said("build with nothing changed", errOut)
	code, out, _ = run("check", "-root", p.Dir)
	if code != 0 {
		t.Fatalf("check: exit %d, output %q", code, out)
	}
	said("check", out)

	// The only report renamed by Notepad: the build fails, and says why.
	p.Remove("content/a.md")
	p.Remove("content/test/QINGSHAN.MD")
	code, _, errOut = run("build", "-root", p.Dir, "-no-search")
	if code != 1 || !strings.Contains(errOut, "no report files") || !strings.Contains(errOut, "content/test/qingshan-2023.md.txt: not read") {
		t.Errorf("no report left: exit %d, output %q", code, errOut)
	}
}

// TestFilesNotReadAreCounted: a build lists at most MaxUnreadListed files
// not read, and says how many more check lists.
func TestFilesNotReadAreCounted(t *testing.T) {
	archive := "-- content/a.md --\n" + clean
	for i := range 25 {
		archive += "-- content/r" + string(rune('a'+i)) + ".pdf --\nx\n"
	}
	p := buildtest.New(t, archive)
	code, _, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || strings.Count(errOut, "not read: report files") != 20 ||
		!strings.Contains(errOut, "warning: … and 5 more files not read; run check to see them all (另有5个文件未读取，请运行 check 查看)\n") {
		t.Errorf("build: exit %d, output %q", code, errOut)
	}
	if _, out, _ := run("check", "-root", p.Dir); strings.Count(out, "not read: report files") != 25 {
		t.Errorf("check: output %q", out)
	}
}

// TestFilesNotReadAreInCheckJSON: check -json gives the files not read
// that the plain check prints (a report saved as a.md.txt or a.markdown,
// a .docx to import, a broken link), each as an object of warnings with
// its file and message, in the order the plain check prints them, and
// still exits 0 for them; a project without such files has an empty
// array, not null.
func TestFilesNotReadAreInCheckJSON(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	type output struct {
		Errors   []json.RawMessage `json:"errors"`
		Findings []json.RawMessage `json:"findings"`
		Warnings []struct {
			File    string `json:"file"`
			Message string `json:"message"`
		} `json:"warnings"`
	}
	checkJSON := func() (int, output, string) {
		t.Helper()
		code, out, _ := run("check", "-root", p.Dir, "-json")
		var doc output
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("check -json: %v:\n%s", err, out)
		}
		return code, doc, out
	}
	if code, doc, out := checkJSON(); code != 0 || doc.Warnings == nil || len(doc.Warnings) != 0 ||
		!strings.Contains(out, `"warnings": []`) {
		t.Errorf("no files not read: exit %d, output %s", code, out)
	}

	p.Write("content/test/qingshan-2023.md.txt", clean)
	p.Write("content/b.markdown", clean)
	p.Write("content/report.docx", "PK\n")
	p.Write("content/.hidden.txt", "x")
	p.Write("content/a.md.bak", "x")
	if err := os.Symlink("gone.pdf", filepath.Join(p.Dir, "content", "link.pdf")); err != nil {
		t.Fatal(err)
	}
	code, doc, out := checkJSON()
	if code != 0 {
		t.Errorf("check -json: exit %d, want 0:\n%s", code, out)
	}
	// The plain check's lines, "warning: file: message", in order.
	_, text, _ := run("check", "-root", p.Dir)
	var want []string
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "warning: ") && strings.Contains(l, ": not read: ") {
			want = append(want, strings.TrimPrefix(l, "warning: "))
		}
	}
	var got, files []string
	for _, w := range doc.Warnings {
		got = append(got, w.File+": "+w.Message)
		files = append(files, w.File)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("check -json warnings:\n%s\nwant those of check:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if g, w := strings.Join(files, " "), "content/b.markdown content/link.pdf content/report.docx content/test/qingshan-2023.md.txt"; g != w {
		t.Errorf("check -json warns of %s, want %s", g, w)
	}
	for _, w := range doc.Warnings {
		if !strings.HasPrefix(w.Message, "not read: ") || !strings.Contains(w.Message, " (未读取：") {
			t.Errorf("%s: message %q", w.File, w.Message)
		}
	}
	if len(doc.Errors) != 0 {
		t.Errorf("check -json errors: %s", out)
	}

	// A draft left out, which the plain check lists after the findings,
	// is a warning too, after the files not read; with -drafts it is
	// checked and not said.
	p.Write("content/c.md", "---\ndraft: true\n"+strings.TrimPrefix(strings.Replace(clean, "甲县", "丙县", 1), "---\n"))
	code, doc, out = checkJSON()
	if n := len(doc.Warnings); code != 0 || n != 5 || doc.Warnings[n-1].File != "content/c.md" || doc.Warnings[n-1].Message != DraftLeftOut {
		t.Errorf("check -json with a draft: exit %d, output %s", code, out)
	}
	code, out, _ = run("check", "-root", p.Dir, "-json", "-drafts")
	if code != 0 || !strings.Contains(out, `"file": "content/c.md"`) || strings.Contains(out, `"draft: `) {
		t.Errorf("check -json -drafts: exit %d, output %s", code, out)
	}
}
