package build_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// FuzzSite builds a whole site around one report whose figures, grade,
// staff, year, names and body the fuzzer chooses, and whose figures it may
// leave out (null) or mark as a project's report, beside a report of the
// same county and department the year before (so that the year-on-year
// checks, the county's charts and the rank against itself run) and one
// of another county in the same year (so that the ranks and compare pages
// have two reports). Parsing, checking, assembling and rendering must not
// panic; a build that fails must name a report file in every line of its
// error; a build that succeeds must give pages that pass
// buildtest.CheckSite (only the templates' markup, the CSP, no broken
// link).
func FuzzSite(f *testing.F) {
	// total, basic, project, personnel, public, income, sangong total,
	// abroad, reception, vehicles, change, score; grade; authorized,
	// actual, year; county, department; nulls (a bit for each figure, in
	// the order above, and bit 12 for a project's report); body.
	f.Add(1530.53, 158.65, 1312.0, 129.55, 29.1, 1600.0, 8.5, 0.0, 8.5, 0.0, 0.4, 95.5, "优", 25, 17, 2021, "甲县", "财政局", uint16(0), "## 一、概况\n\n正文。\n")
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, "差", 0, 0, 2021, "甲县", "财政局", uint16(0), "")
	f.Add(-5.0, 1e300, -1e-300, 3.0, 2.0, -1.0, 1e21, 1e21, 0.001, -0.0, -99.9, 101.0, "良", -3, 1000000, 2021, "甲县", "财政局", uint16(0), "| a | b |\n|---|--:|\n| 1 | 2 |\n")
	f.Add(100.0, 200.0, 300.0, 50.0, 50.0, 0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, "优", 5, 6, 2021, "乙县", "财政局", uint16(0x1fff), "正文")
	f.Add(2738.99, 817.49, 0.0, 655.95, 161.54, 2413.9, 9.7, 0.0, 7.59, 2.11, 0.28, 82.4, "良", 84, 66, 2023, "<b>县</b>", "教育局", uint16(1<<2|1<<12), "- 一\n- 二\n")
	f.Fuzz(func(t *testing.T, total, basic, project, personnel, public, income, sgTotal, abroad, reception, vehicles, change, score float64,
		grade string, authorized, actual, year int, county, department string, nulls uint16, body string) {
		fig := func(bit int, v float64) string {
			if nulls&(1<<bit) != 0 {
				return "null"
			}
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		typ, projectKey := "整体支出", ""
		if nulls&(1<<12) != 0 {
			typ, projectKey = "项目支出", "project: 某专项\n"
		}
		q := buildtest.YAMLString
		p := buildtest.New(t, "")
		p.Write("content/b.md", fmt.Sprintf("---\ncounty: %s\nprefecture: 甲市\nprovince: 甲省\ndepartment: %s\nyear: %d\ntype: %s\n%s"+
			"spending: {total: %s, basic: %s, project: %s, personnel: %s, public: %s}\nincome: %s\n"+
			"sangong: {total: %s, abroad: %s, reception: %s, vehicles: %s, change: %s}\n"+
			"score: %s\ngrade: %s\nstaff: {authorized: %d, actual: %d}\n---\n%s",
			q(county), q(department), year, typ, projectKey,
			fig(0, total), fig(1, basic), fig(2, project), fig(3, personnel), fig(4, public), fig(5, income),
			fig(6, sgTotal), fig(7, abroad), fig(8, reception), fig(9, vehicles), fig(10, change),
			fig(11, score), q(grade), authorized, actual, body))
		p.Write("content/a.md", fmt.Sprintf("---\ncounty: %s\nprefecture: 甲市\nprovince: 甲省\ndepartment: %s\nyear: %d\ntype: 整体支出\n"+
			"spending: {total: 1200, basic: 200, project: 1000, personnel: 150, public: 50}\n"+
			"sangong: {total: 9, abroad: 0, reception: 6, vehicles: 3}\nscore: 90\ngrade: 优\nstaff: {authorized: 20, actual: 18}\n---\n正文\n",
			q(county), q(department), year-1))
		p.Write("content/c.md", fmt.Sprintf("---\ncounty: 丙县\nprefecture: 丙市\nprovince: 丙省\ndepartment: %s\nyear: %d\ntype: 整体支出\n"+
			"spending: {total: 800, basic: 300, project: 500}\nsangong: {total: 4, abroad: 0, reception: 4, vehicles: 0}\nscore: 88\ngrade: 良\n---\n正文\n",
			q(department), year))
		_, err := p.Build(build.Config{})
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "content/") && !strings.HasPrefix(line, `"content/`) {
					t.Errorf("error line %q does not begin with the file name (of %v)", line, err)
				}
			}
			return
		}
		buildtest.MustCheckSite(t, p.Out)
	})
}
