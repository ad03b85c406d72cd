package cli

import (
	"fmt"
	"strings"
	"testing"

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
	_, out, errOut = run("build", "-root", p.Dir, "-no-search")
	if !strings.Contains(out, "nothing changed") || !strings.Contains(out, "run check to list them again") || strings.Contains(errOut, "[grade.score]") {
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
	code, _, errOut = run("build", "-root", p.Dir, "-no-search")
	if code != 0 || !strings.Contains(errOut, "findings in the report files changed since the last build") ||
		!strings.Contains(errOut, "content/r24.md:6:19: warning: [sum.spending]") || !strings.Contains(errOut, "warning: [grade.score]") ||
		strings.Contains(errOut, "content/r00.md:") ||
		!strings.Contains(errOut, "… and 24 more findings; run check to see all 26 (") {
		t.Errorf("rebuild: exit %d, output %q", code, errOut)
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
