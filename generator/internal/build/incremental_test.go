package build_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// threeCounties is a small site whose report pages depend on each other:
// ranks within a year, the year before, and the county's other reports.
const threeCounties = `
-- content/a/jia-2020.md --
---
county: 甲县
prefecture: 乙市
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100, basic: 60, project: 40}
score: 92
---
第一年。
-- content/a/jia-2021.md --
---
county: 甲县
prefecture: 乙市
department: 财政局
year: 2021
type: 整体支出
spending: {total: 120.5, basic: 70, project: 50.5}
score: 85
---
第二年。
-- content/b/bing-2021.md --
---
county: 丙县
prefecture: 乙市
department: 财政局
year: 2021
type: 整体支出
spending: {total: 130, basic: 70, project: 60}
---
丙县。
-- content/c/ding-2021.md --
---
county: 丁县
prefecture: 乙市
department: 财政局
year: 2021
type: 整体支出
spending: {total: 90, basic: 50, project: 40}
---
丁县。
`

// TestRebuildKeepsOnlyWhatIsUnchanged changes a project step by step and,
// after each step, rebuilds into the same output: the output must be
// byte for byte what a build from nothing makes, and report and county pages whose
// inputs did not change must be kept as they were, not made again.
func TestRebuildKeepsOnlyWhatIsUnchanged(t *testing.T) {
	p := buildtest.New(t, threeCounties)
	p.MustBuild()
	steps := []struct {
		name string
		do   func()
		// kept is the number of report pages plus county pages that
		// must be kept as they were, without being made again: those
		// whose inputs did not change. A county page is made again
		// when any file of its reports changes, or their ranks.
		kept int
	}{
		{"nothing changes", func() {}, -1},
		{"a body changes", func() {
			p.Write("content/c/ding-2021.md", strings.Replace(readFile(t, p, "content/c/ding-2021.md"), "丁县。", "丁县，改过。", 1))
		}, 3 + 2},
		{"a total changes the ranks of its year", func() {
			p.Write("content/c/ding-2021.md", strings.Replace(readFile(t, p, "content/c/ding-2021.md"), "total: 90", "total: 200", 1))
		}, 1 + 0},
		{"the year before changes", func() {
			p.Write("content/a/jia-2020.md", strings.Replace(readFile(t, p, "content/a/jia-2020.md"), "score: 92", "score: 95", 1))
		}, 2 + 2},
		{"a title changes the county's other pages", func() {
			p.Write("content/a/jia-2020.md", strings.Replace(readFile(t, p, "content/a/jia-2020.md"), "type: 整体支出", "type: 整体支出\ntitle: 新标题", 1))
		}, 2 + 2},
		{"a report is added to a county", func() {
			p.Write("content/b/bing-2020.md", "---\ncounty: 丙县\nprefecture: 乙市\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending: {total: 80}\n---\n新增。\n")
		}, 2 + 1},
		{"a report is removed", func() { p.Remove("content/c/ding-2021.md") }, 2 + 0},
		{"a template changes", func() {
			p.Write("templates/report.html", strings.Replace(readFile(t, p, "templates/report.html"), "<h2 id=\"figures\">主要数字</h2>", "<h2 id=\"figures\">主要数字（改）</h2>", 1))
		}, 0},
		{"a published page is edited by hand", func() {
			name := filepath.Join(p.Out, "report", "jia-xian", "2021-cai-zheng-ju-zheng-ti.html")
			if err := os.WriteFile(name, []byte("edited"), 0o644); err != nil {
				t.Fatal(err)
			}
			// A different time too, whatever the clock's resolution.
			old := time.Now().Add(-time.Hour)
			os.Chtimes(name, old, old)
		}, 3 + 2},
		{"the output folder is deleted, the cache kept", func() {
			if err := os.RemoveAll(p.Out); err != nil {
				t.Fatal(err)
			}
		}, 0},
		{"a file changes but keeps its size and time", func() {
			name := filepath.Join(p.Dir, "content", "b", "bing-2021.md")
			info, err := os.Stat(name)
			if err != nil {
				t.Fatal(err)
			}
			data := strings.Replace(readFile(t, p, "content/b/bing-2021.md"), "丙县。", "乙县。", 1)
			if len(data) != int(info.Size()) {
				t.Fatal("the change must keep the size")
			}
			p.Write("content/b/bing-2021.md", data)
			if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, 3 + 1},
	}
	for i, st := range steps {
		st.do()
		sum, err := p.Build(build.Config{})
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.kept < 0 && !sum.Cached {
			t.Errorf("step %d, %s: the build did not see that nothing had changed", i, st.name)
		}
		if st.kept >= 0 && sum.Kept != st.kept {
			t.Errorf("step %d, %s: %d pages kept as they were, want %d", i, st.name, sum.Kept, st.kept)
		}
		sameAsFreshBuild(t, p, fmt.Sprintf("step %d, %s", i, st.name))
		// The record of the build lists the output as it is (the files
		// are stamped as they are written, not listed): the next build
		// finds nothing changed.
		if sum, err := p.Build(build.Config{}); err != nil || !sum.Cached {
			t.Errorf("step %d, %s: the build after it did not find nothing changed (error %v)", i, st.name, err)
		}
	}
}

func readFile(t *testing.T, p *buildtest.Project, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(p.Dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRebuildTrustsRecordedChecksums: after a change that makes every
// page again (a template), a page whose file is as the last build left
// it, by its stamp, is found unchanged by the checksum recorded for it,
// without being read; the file is altered here behind the record's back,
// keeping its size and time, so that only a build that reads it could
// tell. -no-cache reads every file, and puts it right.
func TestRebuildTrustsRecordedChecksums(t *testing.T) {
	p := buildtest.New(t, threeCounties)
	p.MustBuild()
	name := filepath.Join(p.Out, "county", "jia-xian.html")
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	made := readFile(t, p, "public/county/jia-xian.html")
	altered := strings.Replace(made, "甲县", "乙县", 1)
	if altered == made || len(altered) != len(made) {
		t.Fatal("the alteration must change the page and keep its size")
	}
	p.Write("public/county/jia-xian.html", altered)
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	p.Write("templates/404.html", readFile(t, p, "templates/404.html")+"\n")
	sum, err := p.Build(build.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Cached || sum.Kept != 0 {
		t.Fatalf("after a template changed: %+v, want every page made again", sum)
	}
	if got := readFile(t, p, "public/county/jia-xian.html"); got != altered {
		t.Error("the county page was read and rewritten, though its stamp and recorded checksum said it was as made")
	}
	if _, err := p.Build(build.Config{NoCache: true}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, p, "public/county/jia-xian.html"); got != made {
		t.Error("a build with -no-cache left the altered page as it was")
	}
}

// sameAsFreshBuild requires p's output to be what a build of the same
// files from nothing makes, file for file, with nothing left over; step
// names the step in errors.
func sameAsFreshBuild(t *testing.T, p *buildtest.Project, step string) {
	t.Helper()
	fresh := filepath.Join(t.TempDir(), "fresh")
	if _, err := p.Build(build.Config{Out: fresh, NoCache: true}); err != nil {
		t.Fatalf("%s: fresh build: %v", step, err)
	}
	got, want := buildtest.Snapshot(t, p.Out), buildtest.Snapshot(t, fresh)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %s differs from a build from nothing", step, name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: %s is left over", step, name)
		}
	}
}
