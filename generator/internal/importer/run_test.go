package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestRunWritesDrafts(t *testing.T) {
	out := filepath.Join(t.TempDir(), "imported")
	in := filepath.Join("testdata", "prose_qingshi.txt")
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"--out", out, in}, &stdout, &stderr); err != nil {
		t.Fatalf("Run: %v\n%s", err, stderr.String())
	}
	path := filepath.Join(out, "qing-shi-xian-nong-ye-nong-cun-ju-2022.md")
	if !strings.Contains(stdout.String(), "wrote "+path) {
		t.Errorf("stdout %q does not say it wrote %s", stdout.String(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if r.County != "青石县" || !r.Draft || r.Spending.Total.V.String() != "2301.15" {
		t.Errorf("draft says %s draft=%v total=%s", r.County, r.Draft, r.Spending.Total.V)
	}

	// A second run refuses to overwrite, and --force (after the file) does.
	stdout.Reset()
	stderr.Reset()
	err = Run(context.Background(), []string{"--out", out, in}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "already exists") || !strings.Contains(err.Error(), in) || !strings.Contains(err.Error(), "(文件已存在，没有覆盖：确要覆盖时请加 --force)") {
		t.Errorf("second run: %v", err)
	}
	if err := os.WriteFile(path, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Run(context.Background(), []string{"--out", out, in}, &stdout, &stderr); err == nil {
		t.Error("overwrote without --force")
	}
	if b, _ := os.ReadFile(path); string(b) != "edited by hand" {
		t.Error("the file was changed without --force")
	}
	if err := Run(context.Background(), []string{"--out", out, in, "--force"}, &stdout, &stderr); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, data) {
		t.Error("--force did not rewrite the draft")
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d files, want 1 (no temporary files left)", len(entries))
	}
}

func TestRunJSON(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.txt")
	args := []string{
		filepath.Join("testdata", "form_baisha.txt"),
		missing,
		"--json",
		filepath.Join("testdata", "page_baixi.html"),
	}
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), args, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "missing.txt") || !strings.Contains(stderr.String(), "missing.txt") {
		t.Errorf("a missing file: error %v, stderr %q", err, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<20)
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not one JSON object per line: %v\n%s", err, sc.Text())
		}
		lines = append(lines, m)
	}
	if len(lines) != 2 {
		t.Fatalf("got %d objects, want 2", len(lines))
	}
	// report_type as the draft writes it, and the draft's project, title,
	// published date and unit after the truth files' keys.
	if lines[0]["report_type"] != TypeProject || lines[1]["county"] != "柏溪区" {
		t.Errorf("objects: %v", lines)
	}
	if len(lines[0]) != len(truthKeys)+5 {
		t.Errorf("%d keys, want %d", len(lines[0]), len(truthKeys)+5)
	}
	if l := lines[1]; l["project"] != nil || l["published"] != "2024-05-20" || l["unit"] != "万元" ||
		l["title"] != "柳塘市柏溪区城市管理局2023年度部门整体支出绩效自评报告" || l["report_type"] != TypeWhole {
		t.Errorf("draft keys: project %v, published %v, unit %v, title %v, report_type %v", l["project"], l["published"], l["unit"], l["title"], l["report_type"])
	}
	if _, ok := lines[0]["project"]; !ok || lines[0]["unit"] != "万元" {
		t.Errorf("a project's report: project %v, unit %v", lines[0]["project"], lines[0]["unit"])
	}
	if _, err := os.Stat(DefaultOut); err == nil {
		t.Errorf("--json wrote into %s", DefaultOut)
	}
}

func TestRunUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), nil, &stdout, &stderr); err == nil || !strings.Contains(stderr.String(), "usage: import") || !strings.Contains(err.Error(), "(请在命令后面写出要导入的文件)") {
		t.Errorf("no files: %v, %q", err, stderr.String())
	}
	if err := Run(context.Background(), []string{"--bogus", "a.txt"}, &stdout, &stderr); err == nil {
		t.Error("an unknown flag was accepted")
	}
	if err := Run(context.Background(), []string{"-h"}, &stdout, &stderr); err != nil {
		t.Errorf("-h: %v", err)
	}
}

func TestRunSameName(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	text, _ := os.ReadFile(filepath.Join("testdata", "prose_qingshi.txt"))
	os.WriteFile(a, text, 0o644)
	os.WriteFile(b, text, 0o644)
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), []string{"--out", dir, "--force", a, b}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "b.txt") || !strings.Contains(err.Error(), "a.txt already wrote") || !strings.Contains(err.Error(), "的同名，没有写入") {
		t.Errorf("two inputs for one draft: %v", err)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	err := Run(ctx, []string{"--json", filepath.Join("testdata", "prose_qingshi.txt")}, &stdout, &stderr)
	if err == nil || stdout.Len() != 0 {
		t.Errorf("cancelled run: %v, printed %q", err, stdout.String())
	}
}

func TestPlaceholders(t *testing.T) {
	d := Extract("notes.txt", "会议纪要\n\n今天讨论了工作安排。")
	md := d.Markdown()
	r, err := report.Parse("notes.md", md)
	if err != nil {
		t.Fatalf("%v\n%s", err, md)
	}
	if r.County != PlaceholderText || r.Year != PlaceholderYear || d.County.OK || d.Year.OK {
		t.Errorf("placeholders: %s %d", r.County, r.Year)
	}
	notes := strings.Join(d.Review, "\n")
	for _, want := range []string{"县名（county）：没有自动读出", "年度（year）：没有自动读出", "部门（department）：没有自动读出"} {
		if !strings.Contains(notes, want) {
			t.Errorf("no review note says %q:\n%s", want, notes)
		}
	}
	// The importer did not read them; it cannot say that the report
	// does not give them, and does not.
	for _, n := range d.Review {
		if strings.Contains(n, "没有找到") {
			t.Errorf("a review note says the report does not give a figure: %q", n)
		}
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(in, []byte("会议纪要\n\n今天讨论了工作安排。"), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"--out", dir, in}, &stdout, &stderr); err != nil {
		t.Fatalf("Run: %v\n%s", err, stderr.String())
	}
	if want := "county was not read; the draft has a placeholder: find it in the report and replace the placeholder (没有自动读出县名"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q\nwant %q", stderr.String(), want)
	}
	j, _ := d.TruthJSON()
	var m map[string]any
	json.Unmarshal(j, &m)
	if m["county"] != nil || m["year"] != nil {
		t.Errorf("placeholders leaked into the JSON: %s", j)
	}
	if d.FileName() != "notes.md" {
		t.Errorf("file name %s", d.FileName())
	}
}

// TestNotesAreChinese checks that what a draft says to its reviewer, the
// comment at its head and every review note, is in Chinese, naming
// figures by their Chinese names with the key after them: once the keys
// in parentheses and the report's words in quotes are taken out, no
// English word is left but the keys the comment names.
func TestNotesAreChinese(t *testing.T) {
	var inputs []string
	for _, pattern := range []string{filepath.Join(sharedDir(t), "seeds", "*.txt"), filepath.Join("testdata", "*")} {
		m, _ := filepath.Glob(pattern)
		inputs = append(inputs, m...)
	}
	keyRE := regexp.MustCompile(`（[a-z.]+）`)
	quoteRE := regexp.MustCompile(`“[^”]*”`)
	wordRE := regexp.MustCompile(`[A-Za-z]{2,}`)
	notes := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".json") {
			continue
		}
		if fi, err := os.Stat(in); err == nil && fi.IsDir() {
			continue // testdata/fuzz, the fuzz targets' saved inputs
		}
		doc, err := ReadFile(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		d := Extract(filepath.Base(in), doc.Text)
		head, _, _ := strings.Cut(strings.TrimPrefix(string(d.Markdown()), "---\n"), "\n")
		head = strings.ReplaceAll(head, filepath.Base(in), "")
		if w := wordRE.FindAllString(head, -1); !strings.HasPrefix(head, "# 导入说明：") || !slices.Equal(w, []string{"evidence", "review", "draft", "true"}) {
			t.Errorf("%s: the draft's comment %q is not in Chinese", in, head)
		}
		for _, n := range d.Review {
			notes++
			if w := wordRE.FindString(quoteRE.ReplaceAllString(keyRE.ReplaceAllString(n, ""), "")); w != "" {
				t.Errorf("%s: review note %q says %q", in, n, w)
			}
		}
	}
	if notes < 20 {
		t.Errorf("%d review notes in all; the test needs more", notes)
	}
	// The figures are named in Chinese, with their keys.
	d := Extract("a.txt", "某县财政局2020年度部门整体支出绩效自评报告\n\n2020年度支出合计100万元，其中基本支出60万元，项目支出30万元。")
	for _, want := range []string{"支出（spending）：基本支出 60万元 + 项目支出 30万元 = 90万元，与支出合计 100万元 不符",
		"没有自动读出（报告中可能有，请对照原文查找后填写；或如上所述未填写）：人员经费（spending.personnel）、公用经费（spending.public）、"} {
		if !slices.ContainsFunc(d.Review, func(n string) bool { return strings.HasPrefix(n, want) }) {
			t.Errorf("no review note begins %q:\n%s", want, strings.Join(d.Review, "\n"))
		}
	}
	// A 项目支出 report cannot be missing the department's figures, which
	// its type does not have (check.NotApplicable): the note leaves them
	// out, and names what it should give and does not.
	p := Extract("b.txt", "某县财政局2020年度专项资金项目支出绩效评价报告\n\n2020年度项目资金到位502万元，实际支出480万元。")
	if !p.Type.OK || p.Type.V != TypeProject {
		t.Fatalf("type %+v, want %s", p.Type, TypeProject)
	}
	var note string
	for _, n := range p.Review {
		if strings.HasPrefix(n, "没有自动读出") {
			note = n
		}
	}
	if !strings.Contains(note, "自评得分（score）") {
		t.Errorf("the note %q does not name 自评得分", note)
	}
	for _, k := range []string{"spending.basic", "spending.personnel", "sangong.total", "sangong.change", "staff.actual"} {
		if strings.Contains(note, "（"+k+"）") {
			t.Errorf("the note names %s, which a 项目支出 report does not have: %q", k, note)
		}
	}
}

// TestFileNameUsesSiteSlugs: a draft's file is named with the site's slugs,
// which read 宁 as ning where the slug library reads zhu.
func TestFileNameUsesSiteSlugs(t *testing.T) {
	d := Extract("b.txt", "宁川县自然资源局2022年度部门整体支出绩效自评报告\n\n支出合计100.00万元。")
	if got, want := d.FileName(), "ning-chuan-xian-zi-ran-zi-yuan-ju-2022.md"; got != want {
		t.Errorf("file name %s, want %s", got, want)
	}
}

// TestRunSaysADuplicate: a draft of a report that a file under the
// project's content/ holds already, whatever its name, is written, and a
// warning names that file: once published, the draft would stop the
// build as a duplicate report. The draft's own file, replaced with
// --force, is not its duplicate; nor is a report of another department.
func TestRunSaysADuplicate(t *testing.T) {
	root := t.TempDir()
	held := filepath.Join(root, "content", "a", "qingshi.md")
	write := func(path, department string) {
		t.Helper()
		os.MkdirAll(filepath.Dir(path), 0o755)
		data := "---\ncounty: 青石县\nprefecture: 青州市\ndepartment: " + department + "\nyear: 2022\ntype: 整体支出\n---\n"
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(held, "农业农村局")
	write(filepath.Join(root, "content", "a", "caizheng.md"), "财政局")
	in := filepath.Join("testdata", "prose_qingshi.txt")
	draft := filepath.Join(root, "content", "imported", "qing-shi-xian-nong-ye-nong-cun-ju-2022.md")
	warning := "import: " + in + ": warning: the draft " + draft + " duplicates " + held +
		", which already holds the report of 青州市青石县 农业农村局 2022 整体支出: once draft: true is removed from the draft, a build refuses the two (duplicate report); compare them, keep one and delete the other (草稿 "
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--root", root, in}, warning},
		{[]string{"--root", root, "--force", in}, warning},
		// Written elsewhere, it is compared with the project's reports
		// all the same.
		{[]string{"--root", root, "--out", t.TempDir(), in}, " duplicates " + held + ", "},
	} {
		var stdout, stderr bytes.Buffer
		if err := Run(context.Background(), tc.args, &stdout, &stderr); err != nil {
			t.Fatalf("%q: %v\n%s", tc.args, err, stderr.String())
		}
		if !strings.Contains(stdout.String(), ": wrote ") || !strings.Contains(stderr.String(), tc.want) || strings.Count(stderr.String(), "duplicates") != 1 {
			t.Errorf("%q: stdout %q\nstderr %q\nwant %q", tc.args, stdout.String(), stderr.String(), tc.want)
		}
	}
	if _, err := os.Stat(draft); err != nil {
		t.Fatal(err)
	}
	// Without the report held, the draft replaced is no duplicate of
	// itself.
	if err := os.Remove(held); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), []string{"--root", root, "--force", in}, &stdout, &stderr); err != nil || strings.Contains(stderr.String(), "duplicate") {
		t.Errorf("no report held: %v, stderr %q", err, stderr.String())
	}
}
