package build_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
)

// sameAsBuild checks that the session gives every file a build without a
// search index makes, byte for byte, and nothing else that was asked.
func sameAsBuild(t *testing.T, step string, p *buildtest.Project, s *build.Session, base string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Run(context.Background(), build.Config{Root: p.Dir, Out: out, NoCache: true, NoSearch: true, BaseURL: base}); err != nil {
		t.Fatalf("%s: build: %v", step, err)
	}
	files := buildtest.Snapshot(t, out)
	if len(files) < 10 {
		t.Fatalf("%s: the build made %d files", step, len(files))
	}
	for name, want := range files {
		got, ok, err := s.Get(name)
		if err != nil || !ok {
			t.Errorf("%s: %s: ok %v, %v", step, name, ok, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s: %s differs from the build's", step, name)
		}
	}
	for _, name := range []string{"no/such/page.html", "content/a/jia-2020.md", "templates/report.html", "assets", "assets/../content/a/jia-2020.md", "../x", "", "assets/.hidden"} {
		if _, ok, err := s.Get(name); ok || err != nil {
			t.Errorf("%s: %q is served (%v)", step, name, err)
		}
	}
}

// TestSessionServesWhatABuildMakes updates a session after each change
// to a project and compares every file it gives with a build's; only the
// report files that changed are read again. A large site (here, any)
// keeps only the figures, as a build does, with the same files.
func TestSessionServesWhatABuildMakes(t *testing.T) {
	t.Run("whole", func(t *testing.T) { testSession(t, false) })
	t.Run("lean", func(t *testing.T) {
		defer func(n int) { build.LeanSessionAbove = n }(build.LeanSessionAbove)
		build.LeanSessionAbove = 0
		testSession(t, true)
	})
}

func testSession(t *testing.T, lean bool) {
	p := buildtest.New(t, threeCounties+"-- assets/.hidden --\nsecret\n")
	s, err := build.NewSession(build.Config{Root: p.Dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Get("index.html"); err != build.ErrNoSite {
		t.Errorf("before the first update: %v", err)
	}
	update := func(step string, read, kept int) {
		t.Helper()
		sum, err := s.Update(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if sum.Written != read || sum.Unchanged != kept {
			t.Errorf("%s: %d files read and %d kept, want %d and %d", step, sum.Written, sum.Unchanged, read, kept)
		}
		sameAsBuild(t, step, p, s, "")
	}
	update("first", 4, 0)
	update("nothing changes", 0, 4)
	p.Write("content/c/ding-2021.md", strings.Replace(readFile(t, p, "content/c/ding-2021.md"), "total: 90", "total: 200", 1))
	update("a total changes", 1, 3)
	p.Write("content/b/bing-2020.md", "---\ncounty: 丙县\nprefecture: 乙市\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: {total: 80}\n---\n新增。\n")
	update("a report is added", 1, 4)
	p.Remove("content/a/jia-2021.md")
	update("a report is removed", 0, 4)
	p.Write("templates/report.html", strings.Replace(readFile(t, p, "templates/report.html"), "<h2 id=\"figures\">主要数字</h2>", "<h2 id=\"figures\">主要数字（改）</h2>", 1))
	update("a template changes", 0, 4)

	// A broken file: the error names it; the last site is still served,
	// but for the broken report's own page on a large site, which reads
	// its file when asked for and names the error.
	before, _, _ := s.Get("report/bing-xian/2021-cai-zheng-ju-zheng-ti.html")
	p.Write("content/b/bing-2021.md", strings.Replace(readFile(t, p, "content/b/bing-2021.md"), "total: 130", "total: 一百", 1))
	if _, err := s.Update(context.Background()); err == nil || !strings.Contains(err.Error(), "content/b/bing-2021.md:7:") {
		t.Fatalf("a broken file: %v", err)
	}
	after, ok, err := s.Get("report/bing-xian/2021-cai-zheng-ju-zheng-ti.html")
	switch {
	case lean && (err == nil || !strings.Contains(err.Error(), "content/b/bing-2021.md:7:")):
		t.Errorf("lean: the page of the broken file gives %v", err)
	case !lean && (!ok || err != nil || string(after) != string(before)):
		t.Errorf("after a failed update the last site is not served: %v %v", ok, err)
	}
	if _, ok, err := s.Get("county/jia-xian.html"); !ok || err != nil {
		t.Errorf("after a failed update another page: %v %v", ok, err)
	}
}

// TestSessionServesTheReportIndex: with lists that leave reports out
// (a report or a finding to a page), the session gives the indexes of
// the full list of reports and of the findings (pages.ReportIndexPath,
// pages.FindingIndexPath) as a build makes them, with every other file;
// without, it has none, as a build has none.
func TestSessionServesTheReportIndex(t *testing.T) {
	for _, size := range []int{1, 500} {
		setPageSizes(t, size, size)
		p := buildtest.New(t, threeCounties)
		s, err := build.NewSession(build.Config{Root: p.Dir})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Update(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameAsBuild(t, fmt.Sprintf("%d a page", size), p, s, "")
		for _, index := range []string{pages.ReportIndexPath, pages.FindingIndexPath} {
			if _, ok, _ := s.Get(index); ok != (size == 1) {
				t.Errorf("%d a page: %s served %v, want %v", size, index, ok, size == 1)
			}
		}
	}
}

// With a base URL, the session gives the sitemap a build makes.
func TestSessionWithBaseURL(t *testing.T) {
	p := buildtest.New(t, threeCounties)
	const base = "https://example.org/sub/"
	s, err := build.NewSession(build.Config{Root: p.Dir, BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(context.Background()); err != nil {
		t.Fatal(err)
	}
	sameAsBuild(t, "base URL", p, s, base)
	if data, ok, _ := s.Get("sitemap.xml"); !ok || !strings.Contains(string(data), base+"report/") {
		t.Errorf("sitemap: %v %.100s", ok, data)
	}
}

// The live preview of the hostile site gives what a build makes, file for
// file, whole and lean.
func TestSessionHostileSite(t *testing.T) {
	check := func(t *testing.T) {
		p := buildtest.New(t, "")
		p.WriteHostile()
		s, err := build.NewSession(build.Config{Root: p.Dir})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Update(context.Background()); err != nil {
			t.Fatal(err)
		}
		sameAsBuild(t, "hostile", p, s, "")
	}
	t.Run("whole", check)
	t.Run("lean", func(t *testing.T) {
		defer func(n int) { build.LeanSessionAbove = n }(build.LeanSessionAbove)
		build.LeanSessionAbove = 0
		check(t)
	})
}

// TestSessionLogsFindingsAndFilesNotRead: the live preview's log lists
// the findings check prints as warnings, the slips in report files that
// check prints as warnings (check.Notices), and the files under content/
// not read, as a build does.
func TestSessionLogsFindingsAndFilesNotRead(t *testing.T) {
	p := buildtest.New(t, `-- content/a.md --
---
county: 甲县
department: 财政 局
year: 2020
type: 整体支出
spending: {total: 110, basic: 60, project: 40}
score: 95
grade: 中
published: 2020-06-01
review: [核对人数]
---
-- content/b.md.txt --
x
`)
	var log strings.Builder
	s, err := build.NewSession(build.Config{Root: p.Dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"content/a.md:6:19: warning: [sum.spending] ",
		"content/a.md:8:8: warning: [grade.score] 评价等级为中，但自评得分95分按标准应为优",
		"warning: content/b.md.txt: not read: report files must end in .md; rename it to b.md",
		"content/a.md:3:1: warning: department: department name 财政 局 has a space in it; write 财政局: ",
		"(部门名称“财政 局”中有空格，应写作“财政局”",
		"content/a.md:9:1: warning: published: published 2020-06-01 is before the end of 2020",
		"(发布日期 2020-06-01 在2020年度结束之前",
		"content/a.md:10:1: warning: review: 1 review note is left",
		"(review 中还有1条待核对的提示",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log has no %q:\n%s", want, log.String())
		}
	}
}
