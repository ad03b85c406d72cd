package check

import (
	"errors"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestUnitSum(t *testing.T) {
	tests := []struct {
		name string
		body string
		want want
	}{
		{"沅江 total in 千元 read as 万元", "spending: {total: 5020, basic: 158.65, project: 343.35}\n",
			want{status: Found, severity: Warning, at: "f.md:7:19", gap: "4518", factor: 10,
				keys:    "spending.total,spending.basic,spending.project",
				message: "支出合计5020恰为基本支出与项目支出之和502的10倍，疑为单位错误（如千元与万元混用）"}},
		{"total a tenth of its parts", "spending: {total: 50.2, basic: 158.65, project: 343.35}\n",
			want{status: Found, severity: Warning, gap: "451.8", factor: 0.1,
				message: "支出合计50.2恰为基本支出与项目支出之和502的1/10，疑为单位错误（如千元与万元混用）"}},
		{"10 times within rounding", "spending: {total: 5020.2, basic: 158.65, project: 343.35}\n",
			want{status: Found, severity: Warning, factor: 10, contains: "支出合计5020.2约为基本支出与项目支出之和502的10倍"}},
		{"10 times beyond rounding", "spending: {total: 5020.200001, basic: 158.65, project: 343.35}\n",
			want{status: Passed, reason: "已核对的各项相符；未能核对：基本支出、三公经费合计（分项不全）"}},
		{"1000 times: 元 and 千元", "sangong: {total: 1500, abroad: 0, reception: 1, vehicles: 0.5}\n",
			want{status: Found, severity: Warning, at: "f.md:7:18", factor: 1000, contains: "（如元与千元混用）"}},
		{"100 times", "spending: {basic: 100, personnel: 0.6, public: 0.4}\n",
			want{status: Found, severity: Warning, factor: 100, message: "基本支出100恰为人员经费与公用经费之和1的100倍，疑为单位错误"}},
		{"too small for a factor to show", "sangong: {total: 1, abroad: 0, reception: 0.1, vehicles: 0}\n",
			want{status: Passed}},
		{"桃源 is no unit slip", "spending: {total: 1530.53, basic: 158.65, project: 1312, personnel: 129.55, public: 29.1}\n",
			want{status: Passed}},
		{"nothing complete", "spending: {total: 1530.53, basic: 158.65}\n",
			want{status: NotChecked, reason: "支出合计、基本支出与三公经费合计的分项不全"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("沅江市", 2021, tt.body))
			expect(t, result(t, "unit.sum", r), tt.want)
		})
	}
}

func TestUnitYears(t *testing.T) {
	// 沅江市's 2020 report says 502万元 in its text; a made-up 2021 file
	// records 5020 from a table in 千元 as if it were 万元.
	y2020 := func() *report.Report {
		return parse(t, "yuanjiang-2020.md", srcT("沅江市", report.TypeProject, 2020, "income: 502\n"))
	}
	tests := []struct {
		name   string
		r      string // the report checked, as a file
		others []string
		want   want
	}{
		{"the year with 5020",
			srcT("沅江市", report.TypeProject, 2021, "income: 5020\n"), nil,
			want{status: Found, severity: Warning, at: "f.md:7:9", factor: 10, keys: "income",
				message: "收入合计5020是同县同部门2020年度（502）的10倍，疑为单位错误（如千元与万元混用）"}},
		{"about 10 times",
			srcT("沅江市", report.TypeProject, 2021, "income: 4800\n"), nil,
			want{status: Found, severity: Warning, factor: 10, contains: "收入合计4800约为同县同部门2020年度（502）的10倍"}},
		{"5 times is not a slip",
			srcT("沅江市", report.TypeProject, 2021, "income: 2510\n"), nil,
			want{status: Passed}},
		{"a tenth",
			srcT("沅江市", report.TypeProject, 2021, "income: 50.2\n"), nil,
			want{status: Found, severity: Warning, factor: 0.1, message: "收入合计50.2是同县同部门2020年度（502）的1/10，疑为单位错误（如千元与万元混用）"}},
		{"元 read as 万元",
			srcT("沅江市", report.TypeProject, 2021, "income: 5020000\n"), nil,
			want{status: Found, severity: Warning, factor: 10000, contains: "的10000倍，疑为单位错误（如元与万元混用）"}},
		{"the outlier among three years",
			srcT("沅江市", report.TypeProject, 2021, "income: 5020\n"),
			[]string{srcT("沅江市", report.TypeProject, 2022, "income: 510\n")},
			want{status: Found, severity: Warning, factor: 10, message: "收入合计5020约为同县同部门2020年度（502）、2022年度（510）的10倍，疑为单位错误（如千元与万元混用）"}},
		{"not the outlier",
			srcT("沅江市", report.TypeProject, 2022, "income: 510\n"),
			[]string{srcT("沅江市", report.TypeProject, 2021, "income: 5020\n")},
			want{status: Passed}},
		{"another type is another series",
			srcT("沅江市", report.TypeWhole, 2021, "income: 5020\n"), nil,
			want{status: NotChecked, reason: "没有同县同部门同类型其他年度的报告"}},
		{"zero is not compared",
			srcT("沅江市", report.TypeProject, 2021, "income: 0\n"), nil,
			want{status: NotChecked, reason: "与其他年度的报告没有同时披露且不为零的金额（不超过尾差的视同为零）"}},
		{"unreadable is not compared",
			srcT("沅江市", report.TypeProject, 2021, "income: 无法识别\n"), nil,
			want{status: NotChecked, reason: "与其他年度的报告没有同时披露且不为零的金额（不超过尾差的视同为零）"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", tt.r)
			others := []*report.Report{y2020()}
			for i, o := range tt.others {
				others = append(others, parse(t, "other"+itoa(i)+".md", o))
			}
			expect(t, result(t, "unit.years", r, others...), tt.want)
		})
	}

	// With only two years either may be the slip: both are flagged.
	t.Run("both of two years", func(t *testing.T) {
		a := y2020()
		b := parse(t, "yuanjiang-2021.md", srcT("沅江市", report.TypeProject, 2021, "income: 5020\n"))
		expect(t, result(t, "unit.years", a, b), want{status: Found, severity: Warning, factor: 0.1,
			at: "yuanjiang-2020.md:7:9", contains: "收入合计502是同县同部门2021年度（5020）的1/10"})
	})
	// Each figure is compared on its own.
	t.Run("one finding per figure", func(t *testing.T) {
		a := parse(t, "a.md", src("桃源县", 2019, "spending: {total: 153.05, basic: 15.87}\nincome: 135.44\n"))
		b := parse(t, "b.md", src("桃源县", 2020, "spending: {total: 1530.53, basic: 158.65}\nincome: 1354.42\n"))
		res := result(t, "unit.years", b, a)
		if res.Status != Found || len(res.Findings) != 3 {
			t.Fatalf("got %v %+v, want 3 findings", res.Status, res.Findings)
		}
		var got []string
		for _, f := range res.Findings {
			got = append(got, at(f)+" "+strings.Join(f.Keys, ","))
		}
		if w := "b.md:7:19 spending.total|b.md:7:35 spending.basic|b.md:8:9 income"; strings.Join(got, "|") != w {
			t.Errorf("findings at %s, want %s", strings.Join(got, "|"), w)
		}
	})
}

func TestYearOnYear(t *testing.T) {
	const cur = "sangong: {total: 8.5, reception: 8.5, change: 0.4}\n" // 桃源县2020
	tests := []struct {
		name string
		body string // of the 2020 report
		prev string // body of the 2019 report, "" for none
		want want
	}{
		{"as stated", cur, "sangong: {total: 8.1}\n", want{status: Passed}},
		{"stated change off", cur, "sangong: {total: 8.2}\n",
			want{status: Found, severity: Discrepancy, at: "f.md:7:47", gap: "0.1", share: "1.18%",
				keys:    "sangong.change,sangong.total",
				message: "三公经费同比增减记为0.4，而本年度合计8.5 - 2019年度合计8.2 = 0.3，相差0.1万元（占本年度三公经费合计的1.18%）"}},
		{"within rounding", cur, "sangong: {total: 8.08}\n",
			want{status: Found, severity: Rounding, gap: "0.02", message: "三公经费同比增减记为0.4，而本年度合计8.5 - 2019年度合计8.08 = 0.42，相差0.02万元，属尾差"}},
		{"beyond rounding by 1 fen", cur, "sangong: {total: 8.079999}\n",
			want{status: Found, severity: Discrepancy, gap: "0.020001"}},
		{"sign reversed", cur, "sangong: {total: 8.9}\n",
			want{status: Found, severity: Discrepancy, gap: "0.8", contains: "= -0.4，相差0.8万元（占本年度三公经费合计的9.41%），增减方向似乎记反了"}},
		{"negative change as stated", "sangong: {total: 8.5, change: -0.4}\n", "sangong: {total: 8.9}\n",
			want{status: Passed}},
		{"祁东 from zero", "sangong: {total: 0.87, change: 0.87}\n", "sangong: {total: 0}\n",
			want{status: Passed}},
		{"no previous year", cur, "",
			want{status: NotChecked, reason: "没有上一年度（2019年度）同县同部门同类型的报告"}},
		{"previous total not disclosed", cur, "sangong: {total: null, reception: 8}\n",
			want{status: NotChecked, reason: "上一年度（2019年度）三公经费合计未披露"}},
		{"previous total unreadable", cur, "sangong: {total: 无法识别}\n",
			want{status: NotChecked, reason: "上一年度（2019年度）三公经费合计无法识别"}},
		{"change not disclosed", "sangong: {total: 8.5}\n", "sangong: {total: 8.1}\n",
			want{status: NotChecked, reason: "三公经费同比增减未披露"}},
		{"change unreadable, no previous year", "sangong: {total: 8.5, change: 无法识别}\n", "",
			want{status: NotChecked, reason: "三公经费同比增减无法识别，没有上一年度（2019年度）同县同部门同类型的报告"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("桃源县", 2020, tt.body))
			var others []*report.Report
			if tt.prev != "" {
				others = append(others, parse(t, "prev.md", src("桃源县", 2019, tt.prev)))
			}
			// A later year is never taken for the previous one.
			others = append(others, parse(t, "next.md", src("桃源县", 2021, "sangong: {total: 1}\n")))
			expect(t, result(t, "yoy.sangong", r, others...), tt.want)
		})
	}
	t.Run("项目支出 without 三公经费", func(t *testing.T) {
		// A project has no 三公经费: neither year's are 未披露. An
		// 整体支出 report checked with it, with the same figures, still
		// says 未披露 (the reasons are kept per wording).
		r := parse(t, "f.md", srcT("沅江市", report.TypeProject, 2020, "spending: {total: 502}\n"))
		prev := parse(t, "prev.md", srcT("沅江市", report.TypeProject, 2019, "spending: {total: 400}\n"))
		w := parse(t, "w.md", src("沅江市", 2020, "spending: {total: 502}\n"))
		wprev := parse(t, "wprev.md", src("沅江市", 2019, "spending: {total: 400}\n"))
		expect(t, result(t, "yoy.sangong", r, prev, w, wprev),
			want{status: NotChecked, reason: "三公经费同比增减不适用，三公经费合计不适用，上一年度（2019年度）三公经费合计不适用"})
		expect(t, result(t, "yoy.sangong", w, wprev, r, prev),
			want{status: NotChecked, reason: "三公经费同比增减未披露，三公经费合计未披露，上一年度（2019年度）三公经费合计未披露"})
		expect(t, result(t, "staff.actual", r, w), want{status: NotChecked, reason: "编制人数不适用，实有人数不适用"})
		expect(t, result(t, "staff.actual", w, r), want{status: NotChecked, reason: "编制人数未披露，实有人数未披露"})
	})
	t.Run("another department is another series", func(t *testing.T) {
		r := parse(t, "f.md", src("桃源县", 2020, cur))
		o := parse(t, "o.md", strings.Replace(src("桃源县", 2019, "sangong: {total: 8.1}\n"), "行政审批服务局", "财政局", 1))
		expect(t, result(t, "yoy.sangong", r, o), want{status: NotChecked, reason: "没有上一年度（2019年度）同县同部门同类型的报告"})
	})
}

func TestDuplicates(t *testing.T) {
	a := parse(t, "content/b/taoyuan-2020.md", src("桃源县", 2020, "score: 97\n"))
	b := parse(t, "content/a/taoyuan-2020.md", src("桃源县", 2020, "score: 96\n"))
	c := parse(t, "content/c/taoyuan-2020-copy.md", "---\n# a copy\ncounty: 桃源县\nprefecture: 常德市\ndepartment: 行政审批服务局\nyear: 2020\ntype: 整体支出\n---\n")
	other := parse(t, "content/d.md", strings.Replace(src("桃源县", 2020, ""), "常德市", "某市", 1))
	project := parse(t, "content/e.md", srcT("桃源县", report.TypeProject, 2020, ""))
	for _, order := range [][]*report.Report{{a, b, c, other, project}, {project, c, other, b, a, nil, a}} {
		errs, per := Reports(order)
		var got []string
		for _, err := range errs {
			var re *report.Error
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *report.Error", err)
			}
			got = append(got, re.Error())
		}
		want := []string{
			"content/b/taoyuan-2020.md:2:1: county: duplicate report: content/a/taoyuan-2020.md:2 already holds 常德市桃源县 行政审批服务局 2020 整体支出, and a county, prefecture, department, year and type may have one file only: if one of the two was copied from the other to make another report, correct its keys (its department:, year: or project:); otherwise remove one of the files (重复的报告：content/a/taoyuan-2020.md:2 已经有同一县、地市、部门、年度和类型的报告，只能保留一个文件：如果其中一个文件是复制另一个后改写的，请改正它的键（department: 部门、year: 年度或 project: 项目名称）；否则请删除其中一个文件)",
			"content/c/taoyuan-2020-copy.md:3:1: county: duplicate report: content/a/taoyuan-2020.md:2 already holds 常德市桃源县 行政审批服务局 2020 整体支出, and a county, prefecture, department, year and type may have one file only: if one of the two was copied from the other to make another report, correct its keys (its department:, year: or project:); otherwise remove one of the files (重复的报告：content/a/taoyuan-2020.md:2 已经有同一县、地市、部门、年度和类型的报告，只能保留一个文件：如果其中一个文件是复制另一个后改写的，请改正它的键（department: 部门、year: 年度或 project: 项目名称）；否则请删除其中一个文件)",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(per) != 5 {
			t.Errorf("results for %d reports, want 5", len(per))
		}
	}
}

// TestSlipsExplainDiscrepancies: a discrepancy involving a figure that
// unit.years finds a likely unit slip says so in its message; one that
// does not involve it, and warnings, are left as they are.
func TestSlipsExplainDiscrepancies(t *testing.T) {
	years := []*report.Report{
		parse(t, "2020.md", src("丰清县", 2020, "spending: {total: 35484.51, basic: 5000, project: 30484.51}\n")),
		parse(t, "2021.md", src("丰清县", 2021, "spending: {total: 32035.38, basic: 5100, project: 26935.38}\n")),
	}
	slip := parse(t, "2022.md", src("丰清县", 2022, "spending: {total: 37658.05, basic: 5796.98, project: 318610700}\n"))
	const note = "；其中项目支出疑为单位错误，见跨年度数量级核对"
	expect(t, result(t, "sum.spending", slip, years...), want{status: Found, severity: Discrepancy,
		message: "基本支出5796.98 + 项目支出318610700 = 318616496.98，与支出合计37658.05相差318578838.93万元（占支出合计的845978.05%）" + note})
	expect(t, result(t, "part.whole", slip, years...), want{status: Found, severity: Discrepancy, contains: "项目支出318610700大于支出合计37658.05"})
	if m := result(t, "part.whole", slip, years...).Findings[0].Message; !strings.HasSuffix(m, note) {
		t.Errorf("part.whole: %q does not end with the note", m)
	}
	// The slip itself, and a discrepancy of figures that did not slip.
	for _, rule := range []string{"unit.years"} {
		for _, f := range result(t, rule, slip, years...).Findings {
			if strings.Contains(f.Message, note) {
				t.Errorf("%s: %q carries the note", rule, f.Message)
			}
		}
	}
	other := parse(t, "2023.md", src("丰清县", 2023, "spending: {total: 30000, basic: 5000, project: 26000}\n"))
	if m := result(t, "sum.spending", other, years...).Findings[0].Message; strings.Contains(m, "疑为单位错误") {
		t.Errorf("a discrepancy without a slip says %q", m)
	}
}

// TestUnitYearsNearZero: an amount at or below the rounding step (0.01
// 万元), or a total within rounding of parts that are each that small,
// says nothing about units: it is neither flagged nor taken as another
// year's figure.
func TestUnitYearsNearZero(t *testing.T) {
	// others returns the 2019 and 2020 reports, whose 三公经费合计 are
	// about total.
	others := func(total string) []*report.Report {
		return []*report.Report{
			parse(t, "2019.md", src("祁东县", 2019, "sangong: {total: "+total+".2, abroad: 0, reception: 6.1, vehicles: 4.1}\n")),
			parse(t, "2020.md", src("祁东县", 2020, "sangong: {total: "+total+", abroad: 0, reception: 5.9, vehicles: 3.9}\n")),
		}
	}
	const none = "与其他年度的报告没有同时披露且不为零的金额（不超过尾差的视同为零）"
	tests := []struct {
		name  string
		body  string // of the 2021 report
		total string // of the others
		want  want
	}{
		{"0.01 whose items are 0 + 0 + 0", "sangong: {total: 0.01, abroad: 0, reception: 0, vehicles: 0}\n", "10",
			want{status: NotChecked, reason: none}},
		{"0.01 with no items", "sangong: {total: 0.01}\n", "10",
			want{status: NotChecked, reason: none}},
		{"0.03 within rounding of 0.01 + 0.01 + 0.01", "sangong: {total: 0.03, abroad: 0.01, reception: 0.01, vehicles: 0.01}\n", "30",
			want{status: NotChecked, reason: none}},
		{"0.02 within rounding of 0 + 0 + 0", "sangong: {total: 0.02, abroad: 0, reception: 0, vehicles: 0}\n", "20",
			want{status: NotChecked, reason: none}},
		{"0.02 is an amount", "sangong: {total: 0.02}\n", "20",
			want{status: Found, severity: Warning, factor: 0.001, keys: "sangong.total",
				message: "三公经费合计0.02约为同县同部门2019年度（20.2）、2020年度（20）的1/1000，疑为单位错误（如元与千元混用）"}},
		{"0.03 above its one given item 0.01", "sangong: {total: 0.03, reception: 0.01}\n", "30",
			want{status: Found, severity: Warning, factor: 0.001, keys: "sangong.total"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("祁东县", 2021, tt.body))
			expect(t, result(t, "unit.years", r, others(tt.total)...), tt.want)
		})
	}
	// As the base: a year whose total is 0.01 neither flags the others
	// nor counts among their years.
	t.Run("as the other year", func(t *testing.T) {
		tiny := parse(t, "2021.md", src("祁东县", 2021, "sangong: {total: 0.01, abroad: 0, reception: 0, vehicles: 0}\n"))
		ys := others("10")
		expect(t, result(t, "unit.years", ys[0], ys[1], tiny), want{status: Passed})
		expect(t, result(t, "unit.years", ys[0], tiny), want{status: NotChecked, reason: none})
	})
}
