package check

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// srcP is srcT for a 项目支出 report of a project.
func srcP(county, project string, year int, body string) string {
	return srcT(county, report.TypeProject, year, "project: "+project+"\n"+body)
}

// TestProjectsAreSeriesOfTheirOwn: a project report is compared with the
// same project's other years only, and two projects of one department
// and year are two reports.
func TestProjectsAreSeriesOfTheirOwn(t *testing.T) {
	a2020 := parse(t, "a-2020.md", srcP("沅江市", "农村公路养护专项资金", 2020, "income: 502\n"))
	a2021 := parse(t, "a-2021.md", srcP("沅江市", "农村公路养护专项资金", 2021, "income: 5020\n"))
	b2021 := parse(t, "b-2021.md", srcP("沅江市", "政务服务大厅运维经费", 2021, "income: 5020\n"))
	plain := parse(t, "c-2020.md", srcT("沅江市", report.TypeProject, 2020, "income: 502\n"))
	all := []*report.Report{a2020, a2021, b2021, plain}
	// The same project's previous year: a slip.
	expect(t, result(t, "unit.years", a2021, a2020, b2021, plain), want{status: Found, severity: Warning, factor: 10,
		message: "收入合计5020是同县同部门同项目2020年度（502）的10倍，疑为单位错误（如千元与万元混用）"})
	// Another project's, or a project report without project:, is not
	// compared.
	expect(t, result(t, "unit.years", b2021, a2020, a2021, plain), want{status: NotChecked, reason: "没有同县同部门同一项目其他年度的报告"})
	expect(t, result(t, "unit.years", plain, a2020, a2021, b2021), want{status: NotChecked, reason: "没有同县同部门同类型其他年度的报告"})
	if errs, _ := Reports(all); len(errs) > 0 {
		t.Errorf("two projects of one department and year: %v", errs)
	}
	// The same project twice is a duplicate, said at project:.
	again := parse(t, "d-2021.md", srcP("沅江市", "政务服务大厅运维经费", 2021, "income: 1\n"))
	errs, _ := Reports(append(all, again))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "d-2021.md:7:1: project: duplicate report: b-2021.md:7 already holds 益阳市沅江市 行政审批服务局 2021 项目支出 of the project 政务服务大厅运维经费") {
		t.Errorf("duplicate project: %v", errs)
	}
	// So with names holding "|", which check keys by text.
	bar := func(file, project string) *report.Report {
		return parse(t, file, strings.Replace(srcP("沅江市", project, 2021, ""), "行政审批服务局", "局|一", 1))
	}
	if errs, _ := Reports([]*report.Report{bar("e.md", "甲"), bar("f.md", "乙")}); len(errs) > 0 {
		t.Errorf("two projects, by text keys: %v", errs)
	}
	if errs, _ := Reports([]*report.Report{bar("e.md", "甲"), bar("f.md", "甲")}); len(errs) != 1 {
		t.Errorf("duplicate project, by text keys: %v", errs)
	}
}
