package site

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// TestDuplicatedIsWhatABuildRefuses: Duplicated finds the report that a
// build would refuse a new one beside as a duplicate, and only that:
// for each case its answer is the one wanted, and agrees with what
// check.Reports and Assemble say of the reports together.
func TestDuplicatedIsWhatABuildRefuses(t *testing.T) {
	const whole = "county: 桃源县\ndepartment: 教育局\nyear: 2024\ntype: 整体支出\n"
	with := func(extra string) string { return whole + extra }
	for _, tc := range []struct {
		name   string
		others []string // front matter of content/1.md, content/2.md, …
		r      string
		want   string // the file of the duplicate, or ""
	}{
		{"the same keys", []string{whole}, whole, "content/1.md"},
		{"another department", []string{whole}, strings.Replace(whole, "教育局", "财政局", 1), ""},
		{"another year", []string{whole}, strings.Replace(whole, "2024", "2023", 1), ""},
		{"another county", []string{whole}, strings.Replace(whole, "桃源县", "汉寿县", 1), ""},
		{"another type", []string{whole}, strings.Replace(whole, "整体支出", "项目支出", 1), ""},
		{"a project", []string{with("")}, strings.Replace(whole, "整体支出", "项目支出", 1) + "project: 农村公路养护\n", ""},
		{"the same project", []string{strings.Replace(whole, "整体支出", "项目支出", 1) + "project: 农村公路养护\n"},
			strings.Replace(whole, "整体支出", "项目支出", 1) + "project: 农村公路养护\n", "content/1.md"},
		{"another project", []string{strings.Replace(whole, "整体支出", "项目支出", 1) + "project: 农村公路养护\n"},
			strings.Replace(whole, "整体支出", "项目支出", 1) + "project: 政务大厅运维\n", ""},
		// A report without its prefecture joins the one county of its
		// name.
		{"no prefecture beside one", []string{with("prefecture: 常德市\n")}, whole, "content/1.md"},
		{"a prefecture beside none", []string{whole}, with("prefecture: 常德市\n"), "content/1.md"},
		{"no prefecture beside one, of another year", []string{with("prefecture: 常德市\n"), strings.Replace(with("prefecture: 常德市\n"), "2024", "2023", 1)},
			whole, "content/1.md"},
		{"another prefecture", []string{with("prefecture: 常德市\n")}, with("prefecture: 怀化市\n"), ""},
		// With two counties of the name, a report without prefecture
		// names more than one: refused, but not as a duplicate.
		{"no prefecture beside two", []string{with("prefecture: 常德市\n"), strings.Replace(with("prefecture: 怀化市\n"), "教育局", "财政局", 1)}, whole, ""},
		{"no prefecture beside none, with two", []string{whole, strings.Replace(with("prefecture: 常德市\n"), "教育局", "财政局", 1), strings.Replace(with("prefecture: 怀化市\n"), "教育局", "财政局", 1)},
			whole, "content/1.md"},
		// A report without its province joins the one county of its
		// name and prefecture.
		{"no province beside one", []string{with("prefecture: 常德市\nprovince: 湖南省\n")}, with("prefecture: 常德市\n"), "content/1.md"},
		{"a province beside none", []string{with("prefecture: 常德市\n")}, with("prefecture: 常德市\nprovince: 湖南省\n"), "content/1.md"},
		{"no prefecture beside one without province and one with", []string{strings.Replace(with("prefecture: 常德市\n"), "教育局", "财政局", 1), with("prefecture: 常德市\nprovince: 湖南省\n")},
			whole, "content/2.md"},
		{"the first of two", []string{whole, whole}, whole, "content/1.md"},
	} {
		var others []*report.Report
		for i, fm := range tc.others {
			others = append(others, parse(t, "content/"+string(rune('1'+i))+".md", fm))
		}
		r := parse(t, "content/new.md", tc.r)
		got := ""
		if d := Duplicated(r, others); d != nil {
			got = d.File
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
		// What a build says of them all, but for what it says of the
		// others alone.
		said := func(rs []*report.Report) string {
			errs, _ := check.Reports(rs)
			if _, err := Assemble(rs, nil); err != nil {
				errs = append(errs, err)
			}
			var out []string
			for _, e := range errs {
				for _, line := range strings.Split(e.Error(), "\n") {
					if strings.Contains(line, "duplicate report") && strings.Contains(line, "content/new.md") {
						out = append(out, line)
					}
				}
			}
			return strings.Join(out, "\n")
		}
		if build := said(append(others, r)); (build != "") != (tc.want != "") || tc.want != "" && !strings.Contains(build, tc.want) {
			t.Errorf("%s: Duplicated gives %q, a build says %q", tc.name, got, build)
		}
	}
}
