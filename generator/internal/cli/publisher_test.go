package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/report"
)

// TestNewDepartment: new -department fills in department: and names the
// file after the department, before the project's name with -project, so
// that the departments of a county and year are files of their own.
func TestNewDepartment(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args          []string
		file, project string
	}{
		{[]string{"-department", "财政局"}, "tao-yuan-xian-2024-cai-zheng-ju.md", ""},
		{[]string{"-department", " 教育局 "}, "tao-yuan-xian-2024-jiao-yu-ju.md", ""},
		{[]string{"-project", "农村公路养护专项资金", "-department", "交通运输局"},
			"tao-yuan-xian-2024-jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.md", "农村公路养护专项资金"},
	} {
		args := append(append([]string{"new", "-root", dir}, tc.args...), "桃源县", "2024")
		code, out, errOut := run(args...)
		path := filepath.Join(dir, "content", tc.file)
		if code != 0 || !strings.Contains(out, "wrote "+path+": ") || errOut != "" {
			t.Fatalf("%q: exit %d %q %q", tc.args, code, out, errOut)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.Parse(path, data)
		if err != nil || r.Department != strings.TrimSpace(tc.args[len(tc.args)-1]) || r.Project != tc.project || r.County != "桃源县" || !r.Draft {
			t.Errorf("%q: %v, %+v", tc.args, err, r)
		}
	}
	// The same department again: the file is this report's, to fill in;
	// another report of the department needs -project. No other file
	// name is offered, since a second file of the report is refused.
	code, _, errOut := run("new", "-root", dir, "-department", "财政局", "桃源县", "2024")
	if code != 1 || !strings.Contains(errOut, "tao-yuan-xian-2024-cai-zheng-ju.md already exists; not overwritten: it is this report's file, so fill it in there; for a 项目支出 report of the department, give its project with -project NAME") ||
		strings.Contains(errOut, "-out") {
		t.Errorf("the same department again: exit %d %q", code, errOut)
	}
	other := filepath.Join(dir, "content", "tao-yuan-xian-2024-cai-zheng-ju-2.md")
	if code, _, errOut := run("new", "-root", dir, "-department", "财政局", "-out", other, "桃源县", "2024"); code != 1 || !strings.Contains(errOut, "duplicate report") {
		t.Errorf("a second file of the same report: exit %d %q", code, errOut)
	}
	// A name that a report file is refused for is refused here, and no
	// file is written.
	for _, name := range []string{"财\u202e政局", "财\u200b政局", "财政\x01局", "财政\n局", strings.Repeat("局", report.MaxName+1)} {
		code, out, errOut := run("new", "-root", dir, "-department", name, "桃源县", "2025")
		if code != 2 || out != "" || !strings.Contains(errOut, "new: -department ") || !strings.Contains(errOut, "not allowed") && !strings.Contains(errOut, "characters long") {
			t.Errorf("-department %q: exit %d %q %q", name, code, out, errOut)
		}
	}
	if code, _, errOut := run("new", "-root", dir, "桃\u2067源县", "2025"); code != 2 || !strings.Contains(errOut, "new: the county ") {
		t.Errorf("a county with an isolate: exit %d %q", code, errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "content", "*2025*")); len(files) > 0 {
		t.Errorf("refused names wrote %v", files)
	}
}

// TestNewOutsideContent: a file that new writes where a build does not
// read it is said to be so, on stderr after the line saying it was
// written, with how to have it built; one under content/ is not.
func TestNewOutsideContent(t *testing.T) {
	root, elsewhere := t.TempDir(), t.TempDir()
	for i, tc := range []struct{ out, want string }{
		{filepath.Join(elsewhere, "x.md"), "note: " + filepath.Join(elsewhere, "x.md") + " is not under " + filepath.Join(root, "content") + string(filepath.Separator) +
			", the only folder a build reads, so the site will not have it: move it into " + filepath.Join(root, "content") + string(filepath.Separator) + " to have it built"},
		{filepath.Join(root, "x.md"), "is not under " + filepath.Join(root, "content")},
		{filepath.Join(root, "content", "_drafts", "x.md"), "starts with ., _ or ~$, so the site will not have it"},
		{filepath.Join(root, "content", "x.txt"), "does not end in .md"},
		{filepath.Join(root, "content", "hunan", "x.md"), ""},
		{filepath.Join(root, ".", "content", "..", "content", "y.MD"), ""},
	} {
		// A year each: two blanks of one county and year under content/
		// are refused (TestNewWithoutDepartment).
		code, out, errOut := run("new", "-root", root, "-out", tc.out, "桃源县", strconv.Itoa(2010+i))
		if code != 0 || !strings.HasPrefix(out, "wrote "+tc.out+": ") {
			t.Fatalf("-out %s: exit %d %q %q", tc.out, code, out, errOut)
		}
		if tc.want == "" && errOut != "" || tc.want != "" && (!strings.Contains(errOut, tc.want) || !strings.Contains(errOut, "(注意：")) {
			t.Errorf("-out %s: stderr %q, want %q", tc.out, errOut, tc.want)
		}
	}
	// The project's folder given as a relative path, the file as an
	// absolute one: the same folder.
	wd, _ := os.Getwd()
	rel, err := filepath.Rel(wd, root)
	if err != nil {
		t.Skip(err)
	}
	if code, _, errOut := run("new", "-root", rel, "-out", filepath.Join(root, "content", "z.md"), "桃源县", "2020"); code != 0 || errOut != "" {
		t.Errorf("relative root: exit %d %q", code, errOut)
	}
}

// TestCheckFiles: check FILE... checks the files named, wherever they
// are, each as the only report of a site, with the output and exit code
// of a check of a whole project.
func TestCheckFiles(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	dir := t.TempDir()
	write := func(name, data string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.md", clean)
	finding := write("finding.md", strings.Replace(clean, "total: 100", "total: 110", 1))
	bad := write("bad.md", strings.Replace(clean, "score: 95", "score: 九十五", 1))
	// Of the same county, department and year as good.md: checked alone,
	// neither is a duplicate of the other.
	twin := write("twin.txt", clean)
	draft := write("draft.md", strings.Replace(clean, "---\ncounty", "---\ndraft: true\ncounty", 1))

	if code, out, errOut := run("check", good, twin); code != 0 || out != "" || errOut != "" {
		t.Errorf("clean files: exit %d %q %q", code, out, errOut)
	}
	code, out, _ := run("check", finding)
	if code != 0 || !strings.HasPrefix(out, finding+":6:19: warning: [sum.spending] 基本支出60 + 项目支出40 = 100，与支出合计110相差10万元") || strings.Count(out, "\n") != 1 {
		t.Errorf("a finding: exit %d %q", code, out)
	}
	code, out, _ = run("check", good, bad, finding)
	if code != 1 || !strings.Contains(out, bad+":8:8: error: score: expected a score") || !strings.Contains(out, finding+":6:19: warning: [sum.spending]") {
		t.Errorf("an error: exit %d %q", code, out)
	}
	// Flags after the files; -json as for a project.
	code, out, _ = run("check", bad, finding, draft, "-json")
	var doc struct {
		Errors   []struct{ File, Key string }
		Findings []struct{ File, Rule string }
		Warnings []struct{ File, Message string }
		Reports  []struct{ File string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 || len(doc.Errors) != 1 || doc.Errors[0].File != bad || doc.Errors[0].Key != "score" ||
		len(doc.Findings) != 1 || doc.Findings[0].File != finding || len(doc.Warnings) != 1 || doc.Warnings[0].File != draft ||
		!strings.HasPrefix(doc.Warnings[0].Message, "draft: ") || len(doc.Reports) != 1 {
		t.Errorf("-json: exit %d, %v, %s", code, err, out)
	}
	// A draft is left out, and said so, unless -drafts.
	if code, out, _ := run("check", draft); code != 0 || !strings.Contains(out, "note: 1 draft(s) left out") || !strings.Contains(out, "  "+draft+"\n") {
		t.Errorf("a draft: exit %d %q", code, out)
	}
	if code, out, _ := run("check", "-drafts", draft); code != 0 || out != "" {
		t.Errorf("a draft with -drafts: exit %d %q", code, out)
	}
	// A file that is not there, or not a file.
	missing := filepath.Join(dir, "missing.md")
	if code, out, _ := run("check", missing, dir); code != 1 || !strings.Contains(out, "error: "+missing+": ") || !strings.Contains(out, dir+":1:1: error: not a regular file") {
		t.Errorf("missing file: exit %d %q", code, out)
	}
	// A file of a project reads as in a check of the whole project, but
	// for its name, as given.
	p.Write("content/b.md", strings.Replace(clean, "score: 95", "score: 九十五", 1))
	_, whole, _ := run("check", "-root", p.Dir)
	b := filepath.Join(p.Dir, "content", "b.md")
	code, out, _ = run("check", b)
	if code != 1 || out != strings.ReplaceAll(whole, "content/b.md", b) || !strings.HasPrefix(out, b+":8:8: error: score: ") {
		t.Errorf("content/b.md: exit %d %q, whole check %q", code, out, whole)
	}
}

// TestNewRefusesWhatABuildRefuses: new refuses, with the build's words and
// before writing anything, a year a build would refuse, so that it never
// writes a file that stops every build; a name a build only warns about
// (a space in a Chinese name) is written, with the build's warning, at
// its line of the file, on stderr.
func TestNewRefusesWhatABuildRefuses(t *testing.T) {
	dir := t.TempDir()
	for _, year := range []int{time.Now().Year() + 2, 1999, 0} {
		// The build's error of the year, from a report file that gives it.
		_, want := report.Parse("x.md", []byte(fmt.Sprintf("---\ndraft: true\ncounty: 桃源县\nyear: %d\n---\n", year)))
		if want == nil || !strings.HasPrefix(want.Error(), "x.md:4:7: year: ") {
			t.Fatalf("year %d: the parser gives %v", year, want)
		}
		msg := strings.TrimPrefix(want.Error(), "x.md:4:7: ")
		code, out, errOut := run("new", "-root", dir, "-department", "教育局", "桃源县", strconv.Itoa(year))
		if code != 2 || out != "" || errOut != "new: "+msg+"\n" {
			t.Errorf("year %d: exit %d %q %q, want new: %s", year, code, out, errOut, msg)
		}
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "content", "*")); len(files) > 0 {
		t.Errorf("years refused wrote %v", files)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"桃源 县"}, ":5:1: warning: county: county name 桃源 县 has a space in it; write 桃源县: "},
		{[]string{"-department", "教育　局", "桃源县"}, ":9:1: warning: department: department name 教育　局 has a full-width space in it; write 教育局: "},
		{[]string{"-project", "农村公路 养护", "桃源县"}, ":12:1: warning: project: project name 农村公路 养护 has a space in it; write 农村公路养护: "},
		// A space beside Latin letters or digits is left alone, as
		// by a build.
		{[]string{"-project", "G207 国道养护", "桃源县"}, ""},
	} {
		args := append(append([]string{"new", "-root", dir}, tc.args...), "2024")
		code, out, errOut := run(args...)
		if code != 0 || !strings.HasPrefix(out, "wrote ") || !strings.Contains(out, ": fill in") {
			t.Fatalf("%q: exit %d %q %q", tc.args, code, out, errOut)
		}
		path := out[len("wrote "):strings.Index(out, ": fill in")]
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%q: %v", tc.args, err)
		}
		if tc.want == "" && errOut != "" || tc.want != "" && (!strings.HasPrefix(errOut, path+tc.want) || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "中有")) {
			t.Errorf("%q: stderr %q, want %q", tc.args, errOut, path+tc.want)
		}
	}
}

// TestNewWarnsOfAShortName: new of a county that content/ holds under
// a longer name (桃源 for 桃源县) writes the file, as a build would build
// it, and says what a build says of it, at its line: the name is short
// of its ending. The full name, and a name only beginning alike, get no
// warning.
func TestNewWarnsOfAShortName(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n---\ncounty: 桃源县\nprefecture: 常德市\nprovince: 湖南省\ndepartment: 教育局\nyear: 2023\ntype: 整体支出\n---\n")
	for _, tc := range []struct {
		county, want string
	}{
		{"桃源", ":5:1: warning: county: county name 桃源 has no ending (县, 市, 区, 旗), and another report names 桃源县 (" + filepath.Join(p.Dir, "content", "a.md") + ":2): "},
		{"桃源县", ""},
		{"桃江县", ""},
	} {
		code, out, errOut := run("new", "-root", p.Dir, "-department", "财政局", tc.county, "2024")
		if code != 0 || !strings.HasPrefix(out, "wrote ") || !strings.Contains(out, ": fill in") {
			t.Fatalf("%s: exit %d %q %q", tc.county, code, out, errOut)
		}
		path := out[len("wrote "):strings.Index(out, ": fill in")]
		if tc.want == "" && errOut != "" || tc.want != "" && (!strings.HasPrefix(errOut, path+tc.want) || strings.Count(errOut, "\n") != 1) {
			t.Errorf("%s: stderr %q, want %q", tc.county, errOut, path+tc.want)
		}
	}
}

// TestNewRefusesADuplicate: new refuses to write the report of a county,
// department, year and type (and project) that a file under content/
// holds already, whatever its name, naming that file: filled in, a
// second file would stop the build as a duplicate report. A file written
// where a build does not read it is written, with a note.
func TestNewRefusesADuplicate(t *testing.T) {
	const jiaoyu = "---\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 教育局\nyear: 2024\ntype: 整体支出\n---\n"
	const road = "---\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 交通运输局\nyear: 2024\ntype: 项目支出\nproject: 农村公路养护\n---\n"
	p := buildtest.New(t, "-- content/a/jiaoyu.md --\n"+jiaoyu+"-- content/a/road.md --\n"+road)
	content := filepath.Join(p.Dir, "content") + string(filepath.Separator)
	newFile := func(args ...string) (int, string, string) {
		t.Helper()
		return run(append([]string{"new", "-root", p.Dir}, args...)...)
	}
	files := func() int {
		n := 0
		filepath.WalkDir(content, func(string, os.DirEntry, error) error { n++; return nil })
		return n
	}
	before := files()
	for _, tc := range []struct {
		args []string
		file string // the file held
		kind string
	}{
		{[]string{"-department", "教育局", "桃源县", "2024"}, "a/jiaoyu.md", "常德市桃源县 教育局 2024 整体支出"},
		{[]string{"-department", "交通运输局", "-project", "农村公路养护", "桃源县", "2024"}, "a/road.md", "常德市桃源县 交通运输局 2024 项目支出 of the project 农村公路养护"},
		// Another file name changes nothing.
		{[]string{"-department", "教育局", "桃源县", "2024", "-out", filepath.Join(content, "b", "other.md")}, "a/jiaoyu.md", "常德市桃源县 教育局 2024 整体支出"},
	} {
		code, out, errOut := newFile(tc.args...)
		want := "new: " + content + tc.file + " already holds the report of " + tc.kind + ", and a build refuses two files of one report (duplicate report); no file written: fill in that file, "
		if code != 1 || out != "" || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "（重复的报告）；没有写入文件：请直接填写那个文件") {
			t.Errorf("%q: exit %d %q %q\nwant %q", tc.args, code, out, errOut, want)
		}
	}
	if n := files(); n != before {
		t.Errorf("refused reports wrote %d files", n-before)
	}
	// Other reports of the county and year are written: of another
	// department, of another project, or of a department not yet known.
	for _, args := range [][]string{
		{"-department", "财政局", "桃源县", "2024"},
		{"-department", "交通运输局", "-project", "政务大厅运维", "桃源县", "2024"},
		{"-department", "教育局", "桃源县", "2023"},
		{"-department", "教育局", "汉寿县", "2024"},
		{"桃源县", "2024"},
	} {
		if code, out, errOut := newFile(args...); code != 0 || !strings.HasPrefix(out, "wrote ") || errOut != "" {
			t.Errorf("%q: exit %d %q %q", args, code, out, errOut)
		}
	}
	// A draft new wrote is a report to fill in too, its type left empty
	// for the 整体支出 report it will be.
	code, _, errOut := newFile("-department", "财政局", "桃源县", "2024", "-out", filepath.Join(content, "cz.md"))
	if code != 1 || !strings.HasPrefix(errOut, "new: "+content+"tao-yuan-xian-2024-cai-zheng-ju.md already holds the report of 桃源县 财政局 2024 整体支出,") {
		t.Errorf("a draft held: exit %d %q", code, errOut)
	}
	// Where a build does not read it, the file is written, and said to
	// be a duplicate once moved into content/.
	elsewhere := filepath.Join(t.TempDir(), "x.md")
	code, out, errOut := newFile("-department", "教育局", "桃源县", "2024", "-out", elsewhere)
	if code != 0 || !strings.HasPrefix(out, "wrote "+elsewhere) ||
		!strings.Contains(errOut, "\nnote: "+content+"a/jiaoyu.md already holds the report of 常德市桃源县 教育局 2024 整体支出: moved into content/, this file would stop the build as a duplicate report; fill in that file instead (注意：") {
		t.Errorf("outside content/: exit %d %q %q", code, out, errOut)
	}
	// The build still succeeds: new wrote no duplicate.
	if code, _, errOut := run("build", "-root", p.Dir); code != 0 {
		t.Errorf("build: exit %d %q", code, errOut)
	}
}

// TestNewWithoutDepartment: new without -department, whose report's
// department is yet to be filled in, refuses to write a second blank of
// a county, year and type whose report content/ holds with its
// department not filled in either, naming that file; and, when content/
// holds one report only of the county, year and type, writes the file
// but names that report, which it may turn out to be.
func TestNewWithoutDepartment(t *testing.T) {
	const jiaoyu = "---\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 教育局\nyear: 2023\ntype: 整体支出\n---\n"
	const road = "---\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 交通运输局\nyear: 2023\ntype: 项目支出\nproject: 农村公路养护\n---\n"
	p := buildtest.New(t, "-- content/a/jiaoyu.md --\n"+jiaoyu+"-- content/a/road.md --\n"+road)
	content := filepath.Join(p.Dir, "content") + string(filepath.Separator)
	newFile := func(args ...string) (int, string, string) {
		t.Helper()
		return run(append([]string{"new", "-root", p.Dir}, args...)...)
	}
	// A blank written under another name, then new again.
	if code, _, errOut := newFile("-out", filepath.Join(content, "b", "blank.md"), "桃源县", "2024"); code != 0 || errOut != "" {
		t.Fatalf("first blank: exit %d %q", code, errOut)
	}
	code, out, errOut := newFile("桃源县", "2024")
	want := "new: " + content + "b/blank.md already holds a report of 桃源县 2024 整体支出 whose department: is not filled in yet; no file written: fill in that file, its department: too, or, for the report of another department, give its department with -department, such as new -department 财政局 桃源县 2024 ("
	if code != 1 || out != "" || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "还没有填写部门") {
		t.Errorf("a second blank: exit %d %q %q\nwant %q", code, out, errOut, want)
	}
	if _, err := os.Stat(filepath.Join(content, "tao-yuan-xian-2024.md")); err == nil {
		t.Error("a second blank was written")
	}
	// With its department, or of a project, it is another report.
	for _, args := range [][]string{{"-department", "财政局", "桃源县", "2024"}, {"-project", "政务大厅运维", "桃源县", "2024"}} {
		if code, _, errOut := newFile(args...); code != 0 || errOut != "" {
			t.Errorf("%q: exit %d %q", args, code, errOut)
		}
	}
	// The only 整体支出 report of 2023, and the only report of the
	// project: written, with a note naming it.
	for _, tc := range []struct {
		args       []string
		file, kind string
	}{
		{[]string{"桃源县", "2023"}, "a/jiaoyu.md", "常德市桃源县 教育局 2023 整体支出"},
		{[]string{"-project", "农村公路养护", "桃源县", "2023"}, "a/road.md", "常德市桃源县 交通运输局 2023 项目支出 of the project 农村公路养护"},
	} {
		code, out, errOut := newFile(tc.args...)
		want := "note: " + content + tc.file + " already holds the report of " + tc.kind + ", the only one of that county, year and type: fill in this file's department: with another department's; if it is that report, fill in that file instead and delete this one"
		if code != 0 || !strings.HasPrefix(out, "wrote ") || !strings.HasPrefix(errOut, want) || !strings.Contains(errOut, "唯一一份同类型的报告") {
			t.Errorf("%q: exit %d %q %q\nwant %q", tc.args, code, out, errOut, want)
		}
	}
	// Of two reports of the county, year and type, neither is named.
	const caizheng = "---\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 财政局\nyear: 2022\ntype: 整体支出\n---\n"
	os.WriteFile(filepath.Join(content, "a", "cz.md"), []byte(caizheng), 0o644)
	os.WriteFile(filepath.Join(content, "a", "jy.md"), []byte(strings.Replace(caizheng, "财政局", "教育局", 1)), 0o644)
	if code, _, errOut := newFile("桃源县", "2022"); code != 0 || errOut != "" {
		t.Errorf("two reports held: exit %d %q", code, errOut)
	}
	// Outside content/, the blank held is a note.
	elsewhere := filepath.Join(t.TempDir(), "x.md")
	code, _, errOut = newFile("-out", elsewhere, "桃源县", "2024")
	if code != 0 || !strings.Contains(errOut, "\nnote: "+content+"b/blank.md already holds a report of 桃源县 2024 整体支出 whose department: is not filled in yet: fill in that file instead") {
		t.Errorf("outside content/: exit %d %q", code, errOut)
	}
}
