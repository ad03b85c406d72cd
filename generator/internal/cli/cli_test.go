package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/invocation"
	"github.com/countyperf/portal/generator/internal/publish"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

const clean = `---
county: 甲县
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100, basic: 60, project: 40}
sangong: {total: 1, abroad: 0, reception: 1, vehicles: 0}
score: 95
grade: 优
staff: {authorized: 10, actual: 9}
---
`

func TestCheckExitCodes(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	code, out, errOut := run("check", "-root", p.Dir)
	if code != 0 || out != "" {
		t.Fatalf("clean file: exit %d, output %q %q", code, out, errOut)
	}

	p.Write("content/b.md", strings.Replace(strings.Replace(clean, "甲县", "乙县", 1), "total: 100", "total: 110", 1))
	code, out, _ = run("check", "-root", p.Dir)
	if code != 0 || !strings.Contains(out, "content/b.md:6:19: warning: [sum.spending] 基本支出60 + 项目支出40 = 100，与支出合计110相差10万元") {
		t.Fatalf("findings only: exit %d, output %q", code, out)
	}
	code, out, _ = run("check", "-root", p.Dir, "-json")
	var doc struct {
		Findings []struct{ Rule, File string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Findings) != 1 || doc.Findings[0].Rule != "sum.spending" {
		t.Fatalf("--json: exit %d, output %s", code, out)
	}

	p.Write("content/c.md", "---\ncounty: 丙县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nscore: 九十二\n---\n")
	code, out, _ = run("check", "-root", p.Dir)
	if code != 1 || !strings.Contains(out, "content/c.md:6:8: error: score: expected a score") || !strings.Contains(out, "warning: [sum.spending]") {
		t.Fatalf("file error: exit %d, output %q", code, out)
	}
}

func TestBuildAndNew(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	code, out, errOut := run("build", "-root", p.Dir)
	if code != 0 || !strings.Contains(out, "built 1 reports of 1 counties") || !strings.Contains(out, " pages, 0 findings (") ||
		!strings.Contains(out, "(已生成：1个县的1份报告，") {
		t.Fatalf("build: exit %d %q %q", code, out, errOut)
	}
	code, out, errOut = run("build", "-root", p.Dir)
	if code != 0 || !strings.Contains(out, "nothing changed since the last build: 1 reports of 1 counties") ||
		!strings.Contains(out, "(与上次生成相比没有改动：1个县的1份报告，0项核对发现，") {
		t.Fatalf("build again: exit %d %q %q", code, out, errOut)
	}
	code, out, _ = run("new", "-root", p.Dir, "宁乡市", "2024")
	path := filepath.Join(p.Dir, "content", "ning-xiang-shi-2024.md")
	if code != 0 || !strings.Contains(out, path) {
		t.Fatalf("new: exit %d %q", code, out)
	}
	if data, err := os.ReadFile(path); err != nil || !strings.Contains(string(data), "county: \"宁乡市\"") {
		t.Fatalf("new file: %v %s", err, data)
	}
	// A draft does not stop a build, and new does not overwrite.
	if code, _, errOut := run("-root", p.Dir); code != 0 {
		t.Fatalf("build with a new draft: %s", errOut)
	}
	// It says, in Chinese too, how to write another file: with
	// -department, or with -out.
	other := filepath.Join(p.Dir, "content", "ning-xiang-shi-2024-2.md")
	if code, _, errOut := run("new", "-root", p.Dir, "宁乡市", "2024"); code != 1 || !strings.Contains(errOut, "already exists") ||
		!strings.Contains(errOut, "give the department with -department NAME, which names the file after it (such as new -department 财政局 宁乡市 2024)") ||
		!strings.Contains(errOut, "and, to choose its file name too, add -out, such as -out "+other+" (文件已存在，没有覆盖：") ||
		!strings.Contains(errOut, "请用 -department 部门名称 给出部门") || !strings.Contains(errOut, "也可以再加 -out 指定文件名") {
		t.Errorf("second new: exit %d %q", code, errOut)
	}
	// Flags may come after the county and year.
	code, out, errOut = run("new", "宁乡市", "2024", "-root", p.Dir, "-out", other, "-department", "财政局")
	if code != 0 || !strings.Contains(out, "wrote "+other+": fill in the figures, then remove draft: true (已写入 ") {
		t.Fatalf("new with flags last: exit %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("new with flags last: %v", err)
	}
	if code, _, errOut := run("new", "宁乡市"); code != 2 || !strings.Contains(errOut, "县名 年度，如 new 桃源县 2024)") {
		t.Errorf("new without a year: exit %d %q", code, errOut)
	}
	if code, _, errOut := run("new", "宁乡市", "二〇二四", "-root", p.Dir); code != 2 || !strings.Contains(errOut, "(请写县名和四位数的年度") {
		t.Errorf("new with a year in words: exit %d %q", code, errOut)
	}
	if code, _, errOut := run("build", "-root", p.Dir, "-drafts"); code != 1 || !strings.Contains(errOut, "department: required key is empty") {
		t.Errorf("build --drafts: exit %d %q", code, errOut)
	}
	if code, _, errOut := run("nonsense"); code != 2 || !strings.Contains(errOut, `unknown command "nonsense" (没有“nonsense”这个命令，可用的命令见下)`) {
		t.Errorf("unknown command: exit %d %q", code, errOut)
	}
}

// TestFlagErrorsInChinese checks that a mistyped flag or argument, whose
// error Go's flag package says in English only, is said in Chinese too,
// last, after the flags' usage, by every command that takes flags.
func TestFlagErrorsInChinese(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "-outt", "x"}, 2, "flag provided but not defined: -outt (没有 -outt 这个选项，可用的选项见上)"},
		{[]string{"check", "-jsn"}, 2, "flag provided but not defined: -jsn (没有 -jsn 这个选项，可用的选项见上)"},
		{[]string{"new", "桃源县", "2024", "-ot", "x.md"}, 2, "flag provided but not defined: -ot (没有 -ot 这个选项，可用的选项见上)"},
		{[]string{"import", "a.docx", "--frce"}, 1, "flag provided but not defined: -frce (没有 -frce 这个选项，可用的选项见上)"},
		{[]string{"serve", "-port"}, 2, "flag needs an argument: -port (-port 后面要写上它的值)"},
		{[]string{"build", "-workers", "两"}, 2, `invalid value "两" for flag -workers: parse error (选项 -workers 的值“两”不对，见上面的说明)`},
		{[]string{"build", "-drafts=是"}, 2, `invalid boolean value "是" for -drafts: parse error (选项 -drafts 的值“是”不对，见上面的说明)`},
		{[]string{"build", "public"}, 2, `build: unexpected argument "public" (build 命令不需要“public”这样的参数：选项以 - 开头，见 go run ./generator build -h)`},
	} {
		code, _, errOut := run(tc.args...)
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if code != tc.code || lines[len(lines)-1] != tc.want {
			t.Errorf("%q: exit %d, last line %q\nwant exit %d, %q", tc.args, code, lines[len(lines)-1], tc.code, tc.want)
		}
	}
	if got := withChinese("content/a.md:1:1: flag provided but not defined: -x\nmore"); strings.Contains(got, "没有") {
		t.Errorf("a message of lines was changed: %q", got)
	}
	// The command is named as it was run, and what was typed is quoted
	// as typed, even where it reads like the command.
	defer func(was string) { invocation.Command = was }(invocation.Command)
	invocation.Command = `C:\$1\portal.exe`
	want := `build: unexpected argument "go run ./generator" (build 命令不需要“go run ./generator”这样的参数：选项以 - 开头，见 C:\$1\portal.exe build -h)`
	if got := withChinese(`build: unexpected argument "go run ./generator"`); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestBuildProfiles checks that build writes the CPU profile, heap profile
// and execution trace it is asked for, and fails, naming the file, when it
// cannot create one.
func TestBuildProfiles(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	dir := t.TempDir()
	cpu, mem, tr := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof"), filepath.Join(dir, "build.trace")
	code, _, errOut := run("build", "-root", p.Dir, "-cpuprofile", cpu, "-memprofile", mem, "-trace", tr)
	if code != 0 {
		t.Fatalf("build: exit %d %q", code, errOut)
	}
	for _, f := range []struct{ name, magic string }{
		{cpu, "\x1f\x8b"}, // pprof profiles are gzipped protocol buffers
		{mem, "\x1f\x8b"},
		{tr, "go 1."}, // runtime/trace's header, as go tool trace reads it
	} {
		data, err := os.ReadFile(f.name)
		if err != nil || !bytes.HasPrefix(data, []byte(f.magic)) || len(data) < 64 {
			t.Errorf("%s: %v, %d bytes, starts %q", filepath.Base(f.name), err, len(data), data[:min(len(data), 8)])
		}
	}
	bad := filepath.Join(dir, "missing", "build.trace")
	if code, _, errOut := run("build", "-root", p.Dir, "-trace", bad); code == 0 || !strings.Contains(errOut, bad) {
		t.Errorf("trace into a missing folder: exit %d %q", code, errOut)
	}
}

// TestDuplicatesSaidOnceEach copies reports as an import does (without
// the prefecture) and as a plain copy: check and build must say each
// duplicate once, on a line of its own naming file, line and key, and
// check -json must give each its file and line.
func TestDuplicatesSaidOnceEach(t *testing.T) {
	withPrefecture := strings.Replace(clean, "county: 甲县\n", "county: 甲县\nprefecture: 某市\n", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+withPrefecture+
		"-- content/b.md --\n"+strings.Replace(withPrefecture, "甲县", "乙县", 1)+
		"-- content/imported/a.md --\n"+clean+ // the same county: one of its name, with no prefecture
		"-- content/imported/b.md --\n"+strings.Replace(withPrefecture, "甲县", "乙县", 1)) // a plain copy
	want := []string{
		"content/imported/a.md:2:1: error: county: duplicate report: content/a.md:2 already holds 甲县 财政局 2020 整体支出",
		"content/imported/b.md:2:1: error: county: duplicate report: content/b.md:2 already holds 某市乙县 财政局 2020 整体支出",
	}
	code, out, _ := run("check", "-root", p.Dir)
	var errLines []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ": error: ") {
			errLines = append(errLines, l)
		}
	}
	if code != 1 || len(errLines) != len(want) {
		t.Fatalf("check: exit %d, error lines %q; want %d", code, errLines, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(errLines[i], w) {
			t.Errorf("check line %d: %q\nwant it to start %q", i, errLines[i], w)
		}
	}

	_, out, _ = run("check", "-root", p.Dir, "-json")
	var doc struct {
		Errors []struct {
			File string
			Line int
			Key  string
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Errors) != 2 || doc.Errors[0].File != "content/imported/a.md" || doc.Errors[0].Line != 2 || doc.Errors[0].Key != "county" ||
		doc.Errors[1].File != "content/imported/b.md" {
		t.Errorf("check -json errors: %+v", doc.Errors)
	}

	// The build refuses both at once: the plain copy is found by check,
	// the copy without the prefecture only when the site is assembled.
	code, _, errOut := run("build", "-root", p.Dir, "-no-search")
	if code == 0 {
		t.Fatal("build succeeded")
	}
	// Each as check says it.
	for _, w := range want {
		if strings.Count(errOut, w) != 1 {
			t.Errorf("build output says %q %d times; want once:\n%s", w, strings.Count(errOut, w), errOut)
		}
	}
}

// TestLinkOutsideIsAFileError puts a link to a report file outside
// content/ between two files with errors: check and build list its error
// as one more file error, in order of file, in the format of the others.
func TestLinkOutsideIsAFileError(t *testing.T) {
	bad := strings.Replace(clean, "year: 2020", "year: 1999", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+bad+"-- content/c.md --\n"+strings.Replace(bad, "甲县", "丙县", 1))
	outside := filepath.Join(t.TempDir(), "b.md")
	if err := os.WriteFile(outside, []byte(strings.Replace(clean, "甲县", "乙县", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(p.Dir, "content", "b.md")); err != nil {
		t.Skipf("cannot make a link: %v", err)
	}
	link := "content/b.md:1:1: error: is a symbolic link to " + outside + ", outside content: copy the file into content or remove the link"
	want := []string{"content/a.md:4:7: error: year: year 1999 is outside", link, "content/c.md:4:7: error: year: year 1999 is outside"}
	code, out, errOut := run("check", "-root", p.Dir)
	got := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(got) != len(want) || errOut != "" {
		t.Fatalf("check: exit %d, output\n%s\nstderr %q; want %d lines", code, out, errOut, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("check line %d: %q\nwant it to start %q", i+1, got[i], w)
		}
	}
	code, _, errOut = run("build", "-root", p.Dir, "-no-search")
	got = strings.Split(strings.TrimSpace(errOut), "\n")
	if code != 1 || len(got) != len(want)+1 {
		t.Fatalf("build: exit %d, stderr\n%s\nwant %d lines", code, errOut, len(want)+1)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("build line %d: %q\nwant it to start %q, as check's", i+1, got[i], w)
		}
	}
}

// TestSpecialFileIsAFileError: a pipe named like a report is not read,
// and its error is listed with the other files' errors, in order of file,
// not ahead of them.
func TestSpecialFileIsAFileError(t *testing.T) {
	bad := strings.Replace(clean, "year: 2020", "year: 1999", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+bad+"-- content/c.md --\n"+strings.Replace(bad, "甲县", "丙县", 1))
	if err := syscall.Mkfifo(filepath.Join(p.Dir, "content", "b.md"), 0o644); err != nil {
		t.Skipf("cannot make a pipe: %v", err)
	}
	want := []string{"content/a.md:4:7: error: year: year 1999 is outside", "content/b.md:1:1: error: not a regular file", "content/c.md:4:7: error: year: year 1999 is outside"}
	code, out, errOut := run("check", "-root", p.Dir)
	got := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(got) != len(want) || errOut != "" {
		t.Fatalf("check: exit %d, output\n%s\nstderr %q; want %d lines", code, out, errOut, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("check line %d: %q\nwant it to start %q", i+1, got[i], w)
		}
	}
}

// TestImportRootAndErrorsOnce imports into a project named by -root, as
// the other commands take it, and checks that an input that cannot be
// read is said once, not once as met and again on exit.
func TestImportRootAndErrorsOnce(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(buildtest.RepoRoot(t), "generator", "internal", "importer", "testdata", "prose_qingshi.txt")
	missing := filepath.Join(dir, "missing.txt")
	code, out, errOut := run("import", "-root", dir, in, missing)
	if code != 1 {
		t.Errorf("exit %d; want 1 for the missing file", code)
	}
	draft := filepath.Join(dir, "content", "imported", "qing-shi-xian-nong-ye-nong-cun-ju-2022.md")
	if _, err := os.Stat(draft); err != nil || !strings.Contains(out, "wrote "+draft) {
		t.Errorf("the draft is not in ROOT/content/imported: %v; output %q", err, out)
	}
	// The line says, in Chinese too, how much was read and how much is
	// left to review.
	if !regexp.MustCompile(`\(\d+ of (\d+) figures, (\d+) notes to review; (\d+)项数字中读出\d+项，(\d+)条提示待核对\)`).MatchString(out) {
		t.Errorf("the import's summary line is not in both languages: %q", out)
	}
	if n := strings.Count(errOut, "missing.txt"); n != 1 {
		t.Errorf("the missing file is named %d times; want once:\n%s", n, errOut)
	}
}

// TestDraftsLeftOutAreNamed checks that build and check name the drafts
// they leave out, so that a publisher who forgot to remove draft: true
// after an import is told.
func TestDraftsLeftOutAreNamed(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean+
		"-- content/imported/b.md --\n"+strings.Replace(strings.Replace(clean, "甲县", "乙县", 1), "---\ncounty", "---\ndraft: true\ncounty", 1))
	note := "note: 1 draft(s) left out; remove the line draft: true from a file to publish it, or preview it with -drafts (1份草稿没有发布：删除文件中 draft: true 这一行即可发布；加 -drafts 可先预览):\n"
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, "built 1 reports") || !strings.Contains(out, note) || !strings.Contains(out, "  content/imported/b.md\n") {
		t.Errorf("build: exit %d, output %q %q", code, out, errOut)
	}
	code, out, _ = run("check", "-root", p.Dir)
	if code != 0 || !strings.Contains(out, note) || !strings.Contains(out, "  content/imported/b.md\n") {
		t.Errorf("check: exit %d, output %q", code, out)
	}
	// With -drafts, nothing is left out.
	if _, out, _ = run("check", "-root", p.Dir, "-drafts"); strings.Contains(out, "note:") {
		t.Errorf("check -drafts: output %q", out)
	}
	// serve says so too, with that it writes no public/; it is stopped
	// once it serves the site.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sout := &stopAt{text: "serving http", stop: cancel}
	var serr bytes.Buffer
	code = Main(ctx, []string{"serve", "-root", p.Dir, "-port", "0"}, sout, &serr)
	out = sout.b.String()
	if code != 0 || !strings.Contains(out, note) || !strings.Contains(out, "  content/imported/b.md\n") ||
		!strings.Contains(out, "preview only: "+filepath.Join(p.Dir, "public")+" is not updated; run go run ./generator -root "+p.Dir+" to build it for upload (预览不会更新 "+filepath.Join(p.Dir, "public")+"：上传前请运行 go run ./generator -root "+p.Dir+")\n") {
		t.Errorf("serve: exit %d, output %q %q", code, out, serr.String())
	}
}

// TestDraftsIncludedAreMarked: with -drafts, a draft is published as a
// preview: its page says it is a draft, its title ends in （草稿）
// wherever it is shown, the lists of reports tag it, and the build says
// which drafts it included and that the output is not for upload, again
// when nothing changed. Without -drafts its page goes again.
func TestDraftsIncludedAreMarked(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean+
		"-- content/b.md --\n"+strings.Replace(strings.Replace(clean, "甲县", "乙县", 1), "---\ncounty", "---\ndraft: true\ncounty", 1))
	note := "note: 1 draft(s) included (-drafts), each page marked 草稿; this output is a preview: build without -drafts before uploading it"
	for _, again := range []bool{false, true} {
		code, out, errOut := run("build", "-root", p.Dir, "-no-search", "-drafts")
		if code != 0 || !strings.Contains(out, note) || !strings.Contains(out, "  content/b.md\n") || strings.Contains(out, "left out") ||
			again != strings.Contains(out, "nothing changed") {
			t.Fatalf("build -drafts (again %v): exit %d, output %q %q", again, code, out, errOut)
		}
	}
	pageOf := func(county string) string {
		for _, f := range p.Files() {
			if strings.HasPrefix(f, "report/"+county+"/") {
				return f
			}
		}
		t.Fatalf("no report page of %s in %v", county, p.Files())
		return ""
	}
	draft, published := pageOf("yi-xian"), pageOf("jia-xian")
	page := p.Page(draft)
	if !strings.Contains(page, `<p class="draft-note" role="note"><strong>草稿</strong>`) || !regexp.MustCompile(`<h1>[^<]*（草稿）</h1>`).MatchString(page) ||
		!regexp.MustCompile(`<title>[^<]*（草稿） · `).MatchString(page) {
		t.Errorf("the draft's page is not marked as one:\n%s", page)
	}
	if page := p.Page(published); strings.Contains(page, "草稿") {
		t.Errorf("the published report's page says 草稿")
	}
	home := p.Page("index.html")
	if n := strings.Count(home, `<span class="draft-tag">草稿</span>`); n != 1 {
		t.Errorf("the home page's list tags %d reports as drafts, want 1", n)
	}
	if !strings.Contains(p.Page("county/yi-xian.html"), "（草稿）") || strings.Contains(p.Page("county/jia-xian.html"), "草稿") {
		t.Errorf("the county pages do not mark the draft's title, or mark the published one's")
	}
	code, out, _ := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || strings.Contains(out, "included") || !strings.Contains(out, "1 draft(s) left out") || p.Exists(draft) || strings.Contains(p.Page("index.html"), "草稿") {
		t.Errorf("build without -drafts: exit %d, output %q; draft's page kept %v", code, out, p.Exists(draft))
	}
}

// stopAt is a writer that calls stop once text has been written to it.
type stopAt struct {
	b    bytes.Buffer
	text string
	stop func()
}

func (w *stopAt) Write(p []byte) (int, error) {
	n, err := w.b.Write(p)
	if strings.Contains(w.b.String(), w.text) {
		w.stop()
	}
	return n, err
}

// TestUndatedReportsSaid: feed.xml lists reports by their publication
// date, so a build says how many give none and are left out of it, where
// a publisher would otherwise find an empty feed.
func TestUndatedReportsSaid(t *testing.T) {
	dated := strings.Replace(strings.Replace(clean, "甲县", "乙县", 1), "---\ncounty", "---\npublished: 2021-05-18\ncounty", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+clean+"-- content/b.md --\n"+dated)
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, "note: 1 of 2 reports give no published: date, and feed.xml") {
		t.Errorf("build: exit %d, output %q %q", code, out, errOut)
	}
	if feed := p.Page("feed.xml"); strings.Count(feed, "<entry>") != 1 {
		t.Errorf("feed.xml has %d entries, want the dated report's", strings.Count(feed, "<entry>"))
	}
	p.Write("content/a.md", strings.Replace(clean, "---\ncounty", "---\npublished: 2021-06-01\ncounty", 1))
	if code, out, _ = run("build", "-root", p.Dir, "-no-search"); code != 0 || strings.Contains(out, "published:") {
		t.Errorf("every report dated: exit %d, output %q", code, out)
	}
}

// TestBuildLeavesWhatItDidNotMake: a build into an output that holds
// files it did not make (a host's CNAME, a worktree's .git and
// .nojekyll, a publisher's notes and photos) leaves every one of them,
// and names those that are not hidden; it removes the pages it made
// before and no longer makes, -no-cache or not; and the next build with
// nothing changed is still said to be so.
func TestBuildLeavesWhatItDidNotMake(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean+
		"-- content/b.md --\n"+strings.Replace(clean, "甲县", "乙县", 1))
	theirs := map[string]string{"CNAME": "example.org", ".nojekyll": "", ".git/HEAD": "ref: refs/heads/gh-pages",
		"notes.txt": "n", "photos/a.jpg": "precious"}
	for name, data := range theirs {
		path := filepath.Join(p.Out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kept := func(when string) {
		t.Helper()
		for name, data := range theirs {
			if got, err := os.ReadFile(filepath.Join(p.Out, filepath.FromSlash(name))); err != nil || string(got) != data {
				t.Errorf("%s: %s is %q (%v), want %q", when, name, got, err, data)
			}
		}
	}
	note := "note: 2 file(s) in "
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, note) || !strings.Contains(out, "  notes.txt\n  photos/a.jpg\n") || strings.Contains(out, "CNAME") || strings.Contains(out, ".git") {
		t.Fatalf("build into an output of other files: exit %d, output %q %q", code, out, errOut)
	}
	kept("first build")
	if code, out, _ := run("build", "-root", p.Dir, "-no-search"); code != 0 || !strings.Contains(out, "nothing changed") {
		t.Errorf("build again: exit %d, output %q; want nothing changed", code, out)
	}
	// A report gone: its page, the build's own, goes; theirs stay.
	var yi string
	for _, f := range p.Files() {
		if strings.HasPrefix(f, "report/yi-xian/") {
			yi = f
		}
	}
	p.Remove("content/b.md")
	for _, flags := range [][]string{{"-no-search"}, {"-no-search", "-no-cache"}} {
		if code, out, errOut := run(append([]string{"build", "-root", p.Dir}, flags...)...); code != 0 || strings.Contains(out, yi) {
			t.Fatalf("build %v: exit %d, output %q %q", flags, code, out, errOut)
		}
		if yi == "" || p.Exists(yi) {
			t.Errorf("build %v: the page of the report removed, %q, is still there", flags, yi)
		}
		kept(fmt.Sprint("build ", flags))
		p.Write("content/b.md", strings.Replace(clean, "甲县", "乙县", 1))
		if code, _, _ := run("build", "-root", p.Dir, "-no-search"); code != 0 || !p.Exists(yi) {
			t.Fatalf("build %v: the report put back has no page", flags)
		}
		p.Remove("content/b.md")
	}
}

// TestRootSpelledOtherwiseChangesNothing: the same project given by its
// absolute path, a relative one or with ./ in it is the same build, and
// the second of them finds nothing changed.
func TestRootSpelledOtherwiseChangesNothing(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(p.Dir, "public")
	for i, root := range []string{p.Dir, rel, p.Dir + "/./", rel + string(filepath.Separator)} {
		code, said, errOut := run("build", "-root", root, "-out", out, "-no-search")
		if code != 0 || (i > 0) != strings.Contains(said, "nothing changed") {
			t.Errorf("build -root %s: exit %d, output %q %q; want nothing changed after the first", root, code, said, errOut)
		}
	}
}

// TestBuildFailedWhilePublishingSaysSo: a build that fails after it has
// replaced some files of the output (a folder made read-only, a full
// disk) does not say the output was left as it was, but what it holds.
func TestBuildFailedWhilePublishingSaysSo(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean+
		"-- content/b.md --\n"+strings.Replace(clean, "甲县", "乙县", 1))
	if code, _, _ := run("build", "-root", p.Dir, "-no-search"); code != 0 {
		t.Fatal("first build failed")
	}
	// Scores changed: every page that shows them is written again.
	p.Write("content/a.md", strings.Replace(clean, "score: 95", "score: 91", 1))
	p.Write("content/b.md", strings.Replace(strings.Replace(clean, "甲县", "乙县", 1), "score: 95", "score: 92", 1))
	n := 0
	publish.TestHookPlace = func(string) error {
		if n++; n == 3 {
			return errors.New("no space left on device")
		}
		return nil
	}
	t.Cleanup(func() { publish.TestHookPlace = nil })
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code == 0 || !strings.Contains(errOut, "build failed while publishing: some files of ") ||
		strings.Contains(errOut, "was left as it was") || !strings.Contains(errOut, "no space left on device") {
		t.Errorf("exit %d, output %q %q", code, out, errOut)
	}
}

// TestCheckRefusesWhatBuildRefuses: a body that uses a long link
// reference so often that its HTML would be too large is refused by
// check as by build, and both say it as a file's error, file:line:col:
// error: body: ….
func TestCheckRefusesWhatBuildRefuses(t *testing.T) {
	body := "[r]: https://example.org/" + strings.Repeat("x", 2000) + "\n\n" + strings.Repeat(strings.Repeat("[r] ", 400)+"\n\n", 2)
	p := buildtest.New(t, "-- content/a.md --\n"+clean+body)
	const want = "content/a.md:12:1: error: body: its HTML would be "
	code, out, errOut := run("check", "-root", p.Dir)
	if code != 1 || !strings.Contains(out+errOut, want) {
		t.Errorf("check: exit %d, output %q %q; want %q", code, out, errOut, want)
	}
	// So does check of the file alone.
	code, out, errOut = run("check", filepath.Join(p.Dir, "content", "a.md"))
	if code != 1 || !strings.Contains(out+errOut, ":12:1: error: body: its HTML would be ") {
		t.Errorf("check FILE: exit %d, output %q %q", code, out, errOut)
	}
	code, out, errOut = run("build", "-root", p.Dir, "-no-search")
	if code == 0 || !strings.Contains(errOut, "\n"+want) && !strings.HasPrefix(errOut, want) || strings.Contains(errOut, "rendering report/") {
		t.Errorf("build: exit %d, output %q %q; want a line beginning %q", code, out, errOut, want)
	}
}
