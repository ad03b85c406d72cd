package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestBuildListsFindings: a publisher who runs build and uploads sees the
// findings check prints as warnings (such as a grade that does not match
// the score), line for line as check prints them, not just their number.
func TestBuildListsFindings(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+strings.Replace(clean, "grade: 优", "grade: 中", 1))
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(out, " 1 findings (") {
		t.Fatalf("build: exit %d, output %q %q", code, out, errOut)
	}
	_, checked, _ := run("check", "-root", p.Dir)
	line := ""
	for l := range strings.Lines(checked) {
		if strings.Contains(l, "warning: [grade.score]") {
			line = l
		}
	}
	if line == "" || !strings.Contains(line, "content/a.md:") {
		t.Fatalf("check says no grade.score finding: %q", checked)
	}
	if !strings.Contains(errOut, line) {
		t.Errorf("build does not list %q; it says %q", line, errOut)
	}
	if strings.Contains(errOut, "[disclosure]") || strings.Contains(errOut, "more findings") {
		t.Errorf("build lists notes on disclosure, which it does not count, or says there are more: %q", errOut)
	}
	// A build with nothing changed lists them again, from the record of
	// the build that made the site.
	_, out, errOut = run("build", "-root", p.Dir, "-no-search")
	if !strings.Contains(out, "nothing changed") || !strings.Contains(out, "，1项核对发现") || !strings.Contains(errOut, line) {
		t.Errorf("build with nothing changed: %q %q", out, errOut)
	}
}

// TestBuildListsFindingsOfChangedFilesFirst: a build lists at most
// MaxFindingsListed findings, sorted by file and position, says how many
// check lists, and, once a site is built, lists the findings of the files
// changed since first.
func TestBuildListsFindingsOfChangedFilesFirst(t *testing.T) {
	archive := ""
	for i := range 25 {
		r := strings.Replace(clean, "甲县", fmt.Sprintf("%02d县", i), 1)
		r = strings.Replace(r, "total: 100", "total: 110", 1) // sum.spending
		archive += fmt.Sprintf("-- content/r%02d.md --\n%s", i, r)
	}
	p := buildtest.New(t, archive)
	code, _, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || strings.Count(errOut, "warning: [sum.spending]") != 20 || !strings.Contains(errOut, "content/r00.md:") ||
		!strings.Contains(errOut, "content/r19.md:") || strings.Contains(errOut, "content/r20.md:") ||
		!strings.Contains(errOut, "… and 5 more findings; run check to see all 25 (共25项核对发现，其余5项请运行 check 查看)\n") {
		t.Fatalf("build: exit %d, output %q", code, errOut)
	}
	r := strings.Replace(clean, "甲县", "24县", 1)
	r = strings.Replace(r, "total: 100", "total: 110", 1)
	p.Write("content/r24.md", strings.Replace(r, "grade: 优", "grade: 中", 1))
	// Files touched without a change (saved again, checked out) are not
	// changed: their findings are not listed among those of r24.
	at := time.Now().Add(time.Minute)
	for _, name := range []string{"r00.md", "r20.md", "r24.md"} {
		if err := os.Chtimes(filepath.Join(p.Dir, "content", name), at, at); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errOut = run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(errOut, "findings in the report files changed since the last build") ||
		!strings.Contains(errOut, "content/r24.md:6:19: warning: [sum.spending]") || !strings.Contains(errOut, "warning: [grade.score]") ||
		strings.Contains(errOut, "content/r00.md:") || strings.Contains(errOut, "content/r20.md:") ||
		!strings.Contains(errOut, "… and 24 more findings; run check to see all 26 (") {
		t.Errorf("rebuild: exit %d, output %q", code, errOut)
	}
	// With -drafts, check lists them all only with -drafts too; a
	// draft's findings are counted with the others.
	p.Write("content/r25.md", "---\ndraft: true\n"+strings.TrimPrefix(strings.Replace(strings.Replace(clean, "甲县", "25县", 1), "total: 100", "total: 110", 1), "---\n"))
	code, _, errOut = run("build", "-root", p.Dir, "-no-search", "-drafts")
	if code != 0 || !strings.Contains(errOut, "more findings; run check -drafts to see all 27 (共27项核对发现，其余") ||
		!strings.Contains(errOut, "项请运行 check -drafts 查看)") {
		t.Errorf("build -drafts: exit %d, output %q", code, errOut)
	}
	if code, out, _ := run("check", "-root", p.Dir, "-drafts"); code != 0 || strings.Count(out, "warning: [") != 27 {
		t.Errorf("check -drafts lists %d findings, want the 27 the build counted (exit %d)", strings.Count(out, "warning: ["), code)
	}
}

// TestYearTitleDisagreement: a report filed under one year whose title
// names another is a warning of check and build, and its page says so.
func TestYearTitleDisagreement(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+strings.Replace(clean, "year: 2020\n", "year: 2020\ntitle: 甲县财政局2023年度整体支出绩效自评报告\n", 1))
	line := "content/a.md:4:1: warning: [year.title] 标题写的是2023年，但报告登记的年度为2020年，二者不一致\n"
	if code, out, _ := run("check", "-root", p.Dir); code != 0 || !strings.Contains(out, line) {
		t.Errorf("check: exit %d, output %q", code, out)
	}
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(errOut, line) || !strings.Contains(out, " 1 findings (") {
		t.Errorf("build: exit %d, output %q %q", code, out, errOut)
	}
	found := false
	for _, name := range p.Files() {
		if strings.HasPrefix(name, "report/") {
			page := p.Page(name)
			found = found || strings.Contains(page, "年度与标题核对") && strings.Contains(page, "标题写的是2023年，但报告登记的年度为2020年")
		}
	}
	if !found {
		t.Errorf("no report page says the title's year differs; pages: %v", p.Files())
	}
}

// TestSlipsInReportFilesAreSaidNotPublished: a space in a Chinese name,
// review notes left in a report that is no longer a draft, and a
// publication date before the end of the report's year are said by check
// and build, each at its key, in English and Chinese, for the publisher; they are not
// findings, so no page of the site shows them, and the exit code is 0.
func TestSlipsInReportFilesAreSaidNotPublished(t *testing.T) {
	r := strings.Replace(clean, "county: 甲县\n", "county: 甲\u3000县\n", 1)
	r = strings.Replace(r, "score: 95\n", "score: 95\npublished: 2020-05-18\nreview:\n  - 支出合计未能读出\n  - 核对人数\n", 1)
	p := buildtest.New(t, "-- content/a.md --\n"+r)
	want := []string{
		"content/a.md:2:1: warning: county: county name 甲\u3000县 has a full-width space in it; write 甲县: Chinese names have none, and with one the site takes the name for another county, with a page of its own (县名“甲\u3000县”中有全角空格，应写作“甲县”：中文名称中没有空格，多一个空格，网站就会把它当作另一个县，另给它一个页面)\n",
		"content/a.md:9:1: warning: published: published 2020-05-18 is before the end of 2020, and a self-evaluation of 2020 can be written and published only after the year ends: the year may be wrong (year: 2020, meant 2019?), or the date's year (meant 2021?) (发布日期 2020-05-18 在2020年度结束之前，而2020年度的绩效自评报告要到该年度结束后才能写出、发布：可能年度写错了（year: 2020，是否应为2019？），或发布日期的年份写错了（是否应为2021？）)\n",
		"content/a.md:10:1: warning: review: 2 review notes are left, and the report is no longer a draft (no draft: true), so it is published as it is: check and put right what each says, then delete review: and its notes (review 中还有2条待核对的提示，但这份报告已不是草稿（没有 draft: true），会照常发布：请逐条核对、改正后删除 review: 及其各条)\n",
	}
	code, out, _ := run("check", "-root", p.Dir)
	if code != 0 || !strings.Contains(out, strings.Join(want, "")) {
		t.Errorf("check: exit %d, output %q", code, out)
	}
	code, out, errOut := run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(errOut, strings.Join(want, "")) || !strings.Contains(out, " 0 findings (") {
		t.Errorf("build: exit %d, output %q %q", code, out, errOut)
	}
	for _, name := range p.Files() {
		if !strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "downloads/") {
			continue
		}
		page := p.Page(name)
		for _, s := range []string{"中有全角空格", "在2020年度结束之前", "待核对的提示"} {
			if strings.Contains(page, s) {
				t.Errorf("%s publishes %q", name, s)
			}
		}
	}
	// A draft's review notes are for its reviewer.
	p.Write("content/a.md", strings.Replace(r, "score: 95\n", "score: 95\ndraft: true\n", 1))
	if _, out, _ := run("check", "-root", p.Dir, "-drafts"); strings.Contains(out, "warning: review:") || !strings.Contains(out, "warning: county:") {
		t.Errorf("check -drafts: output %q", out)
	}
}
