package build_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

const good = `---
county: 甲县
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100}
---
正文
`

// TestBadInput builds a good site, breaks one file, and checks that the
// build fails with an error naming the file, line, column and key, and
// that the previous output is untouched, byte for byte.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"unknown key", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\ncolour: 红\n---\n",
			[]string{"content/bad.md:6:1: colour: unknown key"}},
		{"wrong type", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore: 九十二\n---\n",
			[]string{`content/bad.md:6:8: score: expected a score such as 97, got text "九十二"`}},
		{"wrong type in a group", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 一百\n---\n",
			[]string{`content/bad.md:7:10: spending.total: expected an amount`}},
		{"duplicate key", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nyear: 2021\n---\n",
			[]string{"content/bad.md:6:1: year: duplicate key, first given at line 4"}},
		{"duplicate key in a group", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nstaff: {actual: 3, actual: 4}\n---\n",
			[]string{"content/bad.md:6:", "actual", "duplicate key"}},
		{"missing required key", "---\ncounty: 甲县\nyear: 2020\ntype: 整体支出\n---\n",
			[]string{"content/bad.md:1:1: department: required key is missing"}},
		{"unclosed front matter", "---\ncounty: 甲县\ndepartment: 财政局\n",
			[]string{"content/bad.md:1:1: unclosed front matter"}},
		{"no front matter", "# 标题\n正文\n",
			[]string{"content/bad.md:1:1: no front matter"}},
		{"empty file", "",
			[]string{"content/bad.md:1:1: empty file"}},
		{"invalid UTF-8", "---\ncounty: 甲\xff县\n---\n",
			[]string{"content/bad.md:2:10: invalid UTF-8"}},
		{"bad grade", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\ngrade: 好\n---\n",
			[]string{`content/bad.md:6:8: grade: expected one of 优, 良, 中, 差, got "好"`}},
		{"bad type", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 专项\n---\n",
			[]string{`content/bad.md:5:7: type: expected one of 整体支出, 项目支出, got "专项"`}},
		{"score out of range", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore: 101\n---\n",
			[]string{"content/bad.md:6:8: score: score must be between 0 and 100, got 101"}},
		{"negative amount", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nincome: -5\n---\n",
			[]string{"content/bad.md:6:9: income: amount is negative"}},
		{"thousands separators", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nincome: \"1,530.53\"\n---\n",
			[]string{`content/bad.md:6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "1,530.53"; write 1530.53, without the thousands separators`}},
		{"unit after an amount", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 1530.53万元\n---\n",
			[]string{`content/bad.md:7:10: spending.total: expected an amount such as 1530.53, null or 无法识别, got text "1530.53万元"; write 1530.53, without the unit 万元; give the unit of all amounts once, as unit:`}},
		{"full-width digits", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore: ９７\n---\n",
			[]string{`content/bad.md:6:8: score: expected a score such as 97, got text "９７"; write 97, in half-width digits (请写成 97；请用半角数字)`}},
		{"full-width colon", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore：97\n---\n",
			[]string{`content/bad.md:6:6: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"no space after the colon", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nscore:97\n---\n",
			[]string{`content/bad.md:6:6: score: no space after the colon; use ": " (冒号后面要加一个空格)`}},
		{"non-breaking space after the colon", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nunit:\u00a0万元\n---\n",
			[]string{`content/bad.md:6:6: unit: after the colon, not an ordinary space but a non-breaking space (U+00A0), as Word writes it; delete it and type an ordinary space (冒号后面不是普通空格，而是一个特殊空格（不间断空格 U+00A0），多见于从 Word 复制的文字：请删除它，改为输入一个半角空格)`}},
		{"a number after spending, then its keys", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: 100\n  total: 100\n  basic: 50\n---\n",
			[]string{`content/bad.md:7:3: spending: spending has the number 100 on its line 6 and keys indented on the lines below it, from total here: write a mapping one way, either every key inside {…} on its line, or nothing after "spending:" and each key on its own indented line: here, delete 100 after "spending:"`}},
		{"a Chinese name of a key", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 二〇二〇\ntype: 整体支出\n三公经费：8.5\n---\n",
			[]string{`content/bad.md:4:7: year: expected a year such as 2020, got text "二〇二〇"; write 2020, in Arabic digits (年度请用阿拉伯数字写作 2020)`,
				`content/bad.md:6:1: sangong: 三公经费 is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean sangong? (键名要用英文，后面是半角冒号和空格：是不是要写 sangong？)`}},
		{"full-width space as indentation", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 100\n\u3000basic: 50\n---\n",
			[]string{`content/bad.md:8:1: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are (第 8 行的 basic 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，与 spending 下的其他键对齐)`}},
		{"full-width space before a top-level key", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n\u3000spending:\n  total: 100\n---\n",
			[]string{`content/bad.md:6:1: spending: a full-width space is not indentation in YAML; delete it: a top-level key starts at the beginning of the line (第 6 行的 spending 前面用了全角空格，全角空格不能用来缩进：spending 是顶层的键，请删除全角空格，顶格写)`}},
		{"full-width space before a figure's evidence", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nevidence:\n  spending.total: \"x\"\n\u3000income: \"a\"\n---\n",
			[]string{`content/bad.md:8:1: evidence.income: a full-width space is not indentation in YAML; indent income by 2 spaces instead, as the other keys of evidence are (第 8 行的 income 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，与 evidence 下的其他键对齐)`}},
		{"full-width space after a flow mapping", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nstaff: {actual: 2}\n\u3000authorized: 3\n---\n",
			[]string{`content/bad.md:7:1: staff.authorized: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put authorized inside the braces, as staff: {actual: 2, authorized: 3} (第 7 行的 authorized 前面用了全角空格，全角空格不能用来缩进：staff 的各项写在花括号 {} 里，请把 authorized 写进括号内，如 staff: {actual: 2, authorized: 3})`}},
		{"tab as indentation", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 100\n\tbasic: 50\n---\n",
			[]string{`content/bad.md:8:1: spending.basic: a tab is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are (第 8 行的 basic 前面用了 Tab，Tab 不能用来缩进：请改为 2 个半角空格，与 spending 下的其他键对齐)`}},
		{"one space too many", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 100\n   basic: 50\n  project: 50\n---\n",
			[]string{`content/bad.md:8:4: spending.basic: wrong indentation: basic has 3 spaces before it; indent it by 2 spaces, as the other keys of spending are (缩进不一致：第 8 行的 basic 前面有 3 个空格，应改为 2 个，与 spending 下的其他键对齐)`}},
		{"unclosed quote", "---\ncounty: 甲县\ntitle: \"甲县财政局报告\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nevidence:\n  county: \"甲县\"\n---\n",
			[]string{`content/bad.md:3:8: title: unclosed quote: add the closing " at the end of the value (引号没有闭合)`}},
		{"year out of range", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 1999\ntype: 整体支出\n---\n",
			[]string{"content/bad.md:4:7: year: year 1999 is outside 2000.."}},
		{"code read as octal", "---\ncounty: 甲县\nadcode: 0430\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n",
			[]string{`content/bad.md:3:9: adcode: expected a 6-digit division code such as "430725", got "0430"`}},
		{"javascript source", "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nsource: javascript:alert(1)\n---\n",
			[]string{`content/bad.md:6:9: source: expected an http:// or https:// link`}},
		{"alias", "---\ncounty: &c 甲县\ndepartment: *c\nyear: 2020\ntype: 整体支出\n---\n",
			[]string{"content/bad.md:2:9: county: YAML anchors and aliases are not allowed"}},
		{"same report twice", good,
			// Files are read in name order; the later one is flagged.
			[]string{"content/good.md:2:1: county: duplicate report: content/bad.md:2 already holds 甲县 财政局 2020 整体支出"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := buildtest.Snapshot(t, p.Out)
			p.Write("content/bad.md", tc.file)
			_, err := p.Build(build.Config{})
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\nlacks %q", err, w)
				}
			}
			if after := buildtest.Snapshot(t, p.Out); !maps.Equal(before, after) {
				t.Error("a failed build changed the output")
			}
			assertNoStaging(t, p)
		})
	}
}

func TestManyErrorsAreAllReported(t *testing.T) {
	p := buildtest.New(t, `
-- content/a.md --
---
county: 甲县
department: 财政局
year: 2020
type: 整体支出
score: 九十二
grade: 好
---
-- content/b.md --
---
county: 乙县
year: 2020
type: 整体支出
---
`)
	_, err := p.Build(build.Config{})
	if err == nil {
		t.Fatal("build succeeded")
	}
	for _, w := range []string{"content/a.md:6:8: score", "content/a.md:7:8: grade", "content/b.md:1:1: department"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	p.MustBuild()
	before := buildtest.Snapshot(t, p.Out)
	p.Write("templates/report.html", "{{define \"content\"}}\n<p>{{.Nope</p>\n{{end}}\n")
	_, err := p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "templates/report.html:2") {
		t.Fatalf("error %v; want it to name templates/report.html:2", err)
	}
	if !maps.Equal(before, buildtest.Snapshot(t, p.Out)) {
		t.Error("a failed build changed the output")
	}
	// An error at execution time is caught before anything is published.
	p.Write("templates/report.html", "{{define \"content\"}}\n<p>{{.Data.Missing}}</p>\n{{end}}\n")
	_, err = p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "templates/report.html:2") {
		t.Fatalf("error %v; want it to name templates/report.html:2", err)
	}
	if !maps.Equal(before, buildtest.Snapshot(t, p.Out)) {
		t.Error("a failed build changed the output")
	}
	assertNoStaging(t, p)
}

func TestCRLFAndBOMAreAccepted(t *testing.T) {
	p := buildtest.New(t, "")
	p.Write("content/crlf.md", "\ufeff"+strings.ReplaceAll(good, "\n", "\r\n"))
	p.MustBuild()
	if !p.Exists("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html") {
		t.Fatal("report page missing")
	}
}

func TestRebuildRewritesOnlyChangedFilesAndRemovesStale(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	// Another kind of department in 2021, so that the year's 财政局 have
	// a comparison of their own (a year of one kind has none).
	p.Write("content/a/jia-2021-archives.md", "---\ncounty: 甲县\nprefecture: 乙市\nprovince: 湖南省\ndepartment: 档案馆\nyear: 2021\ntype: 整体支出\nspending: {total: 30}\n---\n")
	first := p.MustBuild()
	if first.Unchanged != 0 || first.Written == 0 {
		t.Fatalf("first build: %+v", first)
	}
	page := filepath.Join(p.Out, "report", "jia-xian", "2020-cai-zheng-ju-zheng-ti.html")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(page, old, old); err != nil {
		t.Fatal(err)
	}
	second := p.MustBuild()
	if second.Written != 0 || second.Removed != 0 || second.Unchanged != first.Written {
		t.Fatalf("rebuild with nothing changed: %+v; want every file unchanged", second)
	}
	if info, _ := os.Stat(page); !info.ModTime().Equal(old) {
		t.Error("an unchanged page was rewritten")
	}

	// Removing a county's only report removes its pages, and the
	// comparison of its kind of department that year, which has one
	// report left.
	if !p.Exists("compare/2021/cai-zheng.html") {
		t.Fatal("no comparison of the two 财政局 of 2021")
	}
	p.Remove("content/b/ningxiang.md")
	third := p.MustBuild()
	if third.Removed != 3 {
		t.Errorf("removed %d files, want the county and report page and the kind's comparison", third.Removed)
	}
	if p.Exists("county/ning-xiang-shi.html") || p.Exists("report/ning-xiang-shi") || p.Exists("compare/2021/cai-zheng.html") {
		t.Error("stale pages remain")
	}
	assertNoStaging(t, p)
}

func TestBuildsAreByteIdentical(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	if _, err := p.Build(build.Config{Out: a, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(build.Config{Out: b, Workers: 8}); err != nil {
		t.Fatal(err)
	}
	sa, sb := buildtest.Snapshot(t, a), buildtest.Snapshot(t, b)
	if !maps.Equal(sa, sb) {
		for k := range sa {
			if sa[k] != sb[k] {
				t.Errorf("%s differs between builds", k)
			}
		}
		t.Fatal("two builds differ")
	}
}

func TestRefusesDangerousOutput(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	for _, out := range []string{p.Dir, "/", filepath.Join(p.Dir, "content"), filepath.Join(p.Dir, "content", "x"), filepath.Dir(p.Dir)} {
		_, err := p.Build(build.Config{Out: out})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("output %s: error %v; want a refusal", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(p.Dir, "content", "good.md")); err != nil {
		t.Fatal("content was damaged")
	}
}

// assertNoStaging checks that no temporary folder is left beside the output.
func assertNoStaging(t *testing.T, p *buildtest.Project) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(p.Out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary folder %s left behind", e.Name())
		}
	}
}

// TestNoChangeRebuildSaysWhatTheBuildSaid: a build with nothing changed
// prints the warnings, findings and notices the build that made the
// output printed, and gives its drafts and undated reports, from the
// build's record, without reading the reports; a real build after an
// edit says what the edited files hold.
func TestNoChangeRebuildSaysWhatTheBuildSaid(t *testing.T) {
	site := `
-- content/a.md --
---
county: 甲县
department: 财政 局
year: 2021
type: 整体支出
published: 2021-05-18
spending: {total: 110, basic: 60, project: 40}
score: 95
grade: 中
---
-- content/b.md --
---
county: 乙县
department: 财政局
year: 2021
type: 整体支出
draft: true
---
`
	p := buildtest.New(t, site)
	build := func() (*build.Summary, string) {
		t.Helper()
		var log strings.Builder
		sum, err := p.Build(build.Config{Log: &log})
		if err != nil {
			t.Fatal(err)
		}
		return sum, log.String()
	}
	first, said := build()
	for _, want := range []string{"warning: [sum.spending]", "warning: [grade.score]", "content/a.md:3:1: warning: department: department name 财政 局 has a space",
		"content/a.md:6:1: warning: published: published 2021-05-18 is before the end of 2021"} {
		if !strings.Contains(said, want) {
			t.Fatalf("the build does not say %q:\n%s", want, said)
		}
	}
	if first.Cached || first.Findings != 2 || len(first.Drafts) != 1 || first.Undated != 0 {
		t.Fatalf("first build %+v", first)
	}
	second, again := build()
	if !second.Cached {
		t.Fatalf("second build %+v; want it cached", second)
	}
	if again != said {
		t.Errorf("the build with nothing changed says\n%s\nwhere the build that made the output said\n%s", again, said)
	}
	if second.Findings != first.Findings || !slices.Equal(second.Drafts, first.Drafts) || second.Undated != first.Undated {
		t.Errorf("the build with nothing changed sums up as %+v, the build that made the output as %+v", second, first)
	}
	// Put right, and no longer undated in its record: the next real build
	// says nothing, and neither does the one after it.
	p.Write("content/a.md", strings.NewReplacer("财政 局", "财政局", "published: 2021-05-18\n", "", "total: 110", "total: 100", "grade: 中", "grade: 优").Replace(site[strings.Index(site, "---"):strings.Index(site, "-- content/b.md")]))
	third, said := build()
	fourth, again := build()
	if third.Cached || !fourth.Cached || said != "" || again != "" || fourth.Findings != 0 || fourth.Undated != 1 || len(fourth.Drafts) != 1 {
		t.Errorf("after the fix: %+v %q, then %+v %q", third, said, fourth, again)
	}
}

// TestTouchedReportRebuildUsesTheCache: a report file saved or touched
// without a change (an editor's save, a checkout that writes a file back
// as it was) is nothing changed: the build is served from the cache, as
// is the next, and a file changed among touched ones makes a real build
// that gives what a build without the cache gives.
func TestTouchedReportRebuildUsesTheCache(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	p.MustBuild()
	before := buildtest.Snapshot(t, p.Out)
	touch := func(name string, by time.Duration) {
		t.Helper()
		at := time.Now().Add(by)
		if err := os.Chtimes(filepath.Join(p.Dir, filepath.FromSlash(name)), at, at); err != nil {
			t.Fatal(err)
		}
	}
	touch("content/a/jia-2020.md", time.Minute)
	if sum := p.MustBuild(); !sum.Cached || sum.Unchanged != len(before) {
		t.Fatalf("after a report file was touched: %+v; want it cached with %d files", sum, len(before))
	}
	if sum := p.MustBuild(); !sum.Cached {
		t.Fatalf("the build after that: %+v; want it cached", sum)
	}
	// Every report file touched, one of them changed.
	for _, name := range []string{"content/a/jia-2020.md", "content/a/jia-2021.md", "content/b/ningxiang.md"} {
		touch(name, 2*time.Minute)
	}
	old, err := os.ReadFile(filepath.Join(p.Dir, "content", "a", "jia-2021.md"))
	if err != nil {
		t.Fatal(err)
	}
	p.Write("content/a/jia-2021.md", strings.Replace(string(old), "全年支出比上年增加", "全年支出比上年增加（更正）", 1))
	touch("content/a/jia-2021.md", 2*time.Minute)
	sum := p.MustBuild()
	if sum.Cached || sum.Written == 0 {
		t.Fatalf("after a change among touched files: %+v", sum)
	}
	got := buildtest.Snapshot(t, p.Out)
	fresh := t.TempDir()
	if _, err := p.Build(build.Config{Out: fresh, NoCache: true}); err != nil {
		t.Fatal(err)
	}
	want := buildtest.Snapshot(t, fresh)
	for name, page := range want {
		if got[name] != page {
			t.Errorf("%s differs from a build without the cache", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files, a build without the cache makes %d", len(got), len(want))
	}
}

func TestNoChangeRebuildUsesTheCache(t *testing.T) {
	p := buildtest.New(t, twoCounties)
	first := p.MustBuild()
	if first.Cached {
		t.Fatal("first build came from the cache")
	}
	before := buildtest.Snapshot(t, p.Out)
	second := p.MustBuild()
	if !second.Cached || second.Unchanged != len(before) || second.Reports != 3 {
		t.Fatalf("second build %+v; want it cached with %d files", second, len(before))
	}
	// A changed input, a deleted output file or an edited one each make a
	// real build, which restores the output.
	p.Write("content/a/jia-2020.md", strings.Replace(twoCounties[strings.Index(twoCounties, "---"):strings.Index(twoCounties, "-- content/a/jia-2021.md")], "第一年", "第一年（更正）", 1))
	if sum := p.MustBuild(); sum.Cached || sum.Written == 0 {
		t.Errorf("after a content change: %+v", sum)
	}
	page := filepath.Join(p.Out, "county", "jia-xian.html")
	want, _ := os.ReadFile(page)
	os.Remove(page)
	if sum := p.MustBuild(); sum.Cached || sum.Written != 1 {
		t.Errorf("after deleting an output file: %+v", sum)
	}
	os.WriteFile(page, []byte("tampered"), 0o644)
	if sum := p.MustBuild(); sum.Cached || sum.Written != 1 {
		t.Errorf("after editing an output file: %+v", sum)
	}
	if got, _ := os.ReadFile(page); string(got) != string(want) {
		t.Error("the output was not restored")
	}
	if sum, err := p.Build(build.Config{NoCache: true}); err != nil || sum.Cached {
		t.Errorf("NoCache: %+v %v", sum, err)
	}
}
