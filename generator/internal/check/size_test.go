package check

import (
	"slices"
	"strings"
	"testing"
)

// TestUnitSize: an amount no county department reaches, in a report with
// no other year, is flagged as likely typed in 元.
func TestUnitSize(t *testing.T) {
	const advice = "；如整份报告均按元填写，请改为 unit: 元"
	tests := []struct {
		name string
		body string
		want want
	}{
		{"元 typed as 万元", "spending: {total: 12005000}\n",
			want{status: Found, severity: Warning, at: "f.md:7:19", keys: "spending.total", factor: 10000,
				message: "支出合计12005000万元（1200.5亿元），远超县级部门的规模，疑为按元填写（即1200.5万元）" + advice}},
		{"500亿 is no slip", "spending: {total: 5000000}\nincome: 4800000\n", want{status: Passed}},
		{"just above 500亿", "income: 5000000.01\n",
			want{status: Found, severity: Warning, keys: "income", factor: 10000,
				message: "收入合计5000000.01万元（500亿元），远超县级部门的规模，疑为按元填写（即500.000001万元）" + advice}},
		{"a 三公 item above 1亿", "sangong: {reception: 35000}\n",
			want{status: Found, severity: Warning, keys: "sangong.reception", factor: 10000,
				message: "公务接待费35000万元（3.5亿元），远超县级部门的规模，疑为按元填写（即3.5万元）" + advice}},
		{"a 三公 total of 1亿 is no slip", "sangong: {total: 10000}\n", want{status: Passed}},
		{"per member of staff", "spending: {project: 1140600}\nstaff: {authorized: 12, actual: 10}\n",
			want{status: Found, severity: Warning, keys: "spending.project", factor: 10000,
				message: "项目支出1140600万元，按编制人数12人计人均95050万元，远超县级部门的规模，疑为按元填写（即114.06万元）" + advice}},
		{"per member of staff, the larger number", "spending: {basic: 1000000}\nstaff: {authorized: 12, actual: 19}\n",
			want{status: Found, severity: Warning, keys: "spending.basic", factor: 10000,
				message: "基本支出1000000万元，按实有人数19人计人均52632万元，远超县级部门的规模，疑为按元填写（即100万元）" + advice}},
		{"5亿 per member of staff is no slip", "spending: {project: 600000}\nstaff: {authorized: 12}\n", want{status: Passed}},
		{"a large education bureau", "spending: {total: 2000000, basic: 1500000, project: 500000}\nstaff: {authorized: 52, actual: 30000}\n",
			want{status: Passed}},
		{"千元 declared, 元 typed", "unit: 千元\nspending: {total: 60000000}\n",
			want{status: Found, severity: Warning, at: "f.md:8:19", factor: 1000,
				message: "支出合计6000000万元（600亿元），远超县级部门的规模，疑为按元填写（即6000万元）" + advice}},
		{"元 declared", "unit: 元\nspending: {total: 600000000000}\n",
			want{status: Found, severity: Warning, factor: 0,
				message: "支出合计60000000万元（6000亿元），远超县级部门的规模，疑为单位或数字错误"}},
		// Too small: 万元 typed under unit 元, 10000 times too small.
		{"万元 typed under 元", "unit: 元\nspending: {total: 1530.53}\nstaff: {authorized: 25}\n",
			want{status: Found, severity: Warning, at: "f.md:8:19", keys: "spending.total", factor: 1.0 / 10000,
				message: "支出合计0.153053万元，按编制人数25人计人均61元，远低于县级部门的规模，疑为按万元填写而单位写成了元（即1530.53万元）；如整份报告均按万元填写，请把第7行改为 unit: 万元"}},
		{"below 10万 in all", "spending: {total: 8}\n",
			want{status: Found, severity: Warning, keys: "spending.total", factor: 0,
				message: "支出合计8万元，远低于县级部门的规模，疑为单位或数字错误"}},
		{"10万 is no slip", "spending: {total: 10}\n", want{status: Passed}},
		{"1万 per member of staff is no slip", "spending: {total: 25}\nstaff: {authorized: 25}\n", want{status: Passed}},
		// Below, per head of the smaller number: a count with a digit
		// or two too many (1700 for 17) is no slip of the spending,
		// which staff.actual says.
		{"per member of staff below, the smaller number", "spending: {total: 100}\nstaff: {authorized: 150, actual: 120}\n",
			want{status: Found, severity: Warning, keys: "spending.total", factor: 0,
				message: "支出合计100万元，按实有人数120人计人均8333元，远低于县级部门的规模，疑为单位或数字错误"}},
		{"a count too large is no slip of the spending", "spending: {total: 1530.53}\nstaff: {authorized: 25, actual: 1700}\n", want{status: Passed}},
		// A count no county department has (an amount typed as the
		// count, say) is flagged itself, and the spending is not held to
		// it per head: 1530.53万元 over 1,700,000 people would be 9元 a
		// head, far below any department's.
		{"a count no department has", "spending: {total: 1530.53}\nstaff: {actual: 1700000}\n",
			want{status: Found, severity: Warning, at: "f.md:8:17", keys: "staff.actual", factor: 0,
				message: "实有人数1700000人，远超县级部门的规模，疑为数字错误"}},
		{"an establishment no department has", "staff: {authorized: 250000, actual: 30}\n",
			want{status: Found, severity: Warning, keys: "staff.authorized",
				message: "编制人数250000人，远超县级部门的规模，疑为数字错误"}},
		{"100,000 people is no slip", "spending: {total: 4000000}\nstaff: {actual: 100000}\n", want{status: Passed}},
		{"zeros", "spending: {total: 0}\nstaff: {actual: 0}\n", want{status: Passed}},
		{"no amount", "score: 90\n", want{status: NotChecked, reason: "支出、收入与三公经费均未披露或无法识别"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("桃源县", 2021, tt.body))
			expect(t, result(t, "unit.size", r), tt.want)
		})
	}
	t.Run("a project may be small", func(t *testing.T) {
		r := parse(t, "f.md", srcT("桃源县", "项目支出", 2021, "spending: {total: 5}\n"))
		expect(t, result(t, "unit.size", r), want{status: Passed})
	})
	t.Run("one finding per figure", func(t *testing.T) {
		r := parse(t, "f.md", src("桃源县", 2021, "spending: {total: 12005000, basic: 8000000, project: 4005000}\nsangong: {total: 150000, reception: 100000, vehicles: 50000}\n"))
		res := result(t, "unit.size", r)
		var got []string
		for _, f := range res.Findings {
			got = append(got, strings.Join(f.Keys, ","))
		}
		if w := "spending.total spending.basic sangong.total sangong.reception sangong.vehicles"; strings.Join(got, " ") != w {
			t.Errorf("findings on %v, want %s", got, w)
		}
	})
}

// TestUnitSizeAndYears: a figure unit.years finds a likely slip is not
// flagged again by unit.size, and a discrepancy involving a figure either
// rule flags says so.
func TestUnitSizeAndYears(t *testing.T) {
	prev := parse(t, "2020.md", src("丰清县", 2020, "spending: {total: 1200.5, basic: 800, project: 400.5}\n"))
	slip := parse(t, "2021.md", src("丰清县", 2021, "spending: {total: 12005000, basic: 800, project: 400.5}\n"))
	expect(t, result(t, "unit.years", slip, prev), want{status: Found, severity: Warning, keys: "spending.total", factor: 10000})
	expect(t, result(t, "unit.size", slip, prev), want{status: Passed})
	expect(t, result(t, "sum.spending", slip, prev), want{status: Found, severity: Discrepancy,
		contains: "；其中支出合计疑为单位错误，见跨年度数量级核对"})

	alone := parse(t, "2021.md", src("丰清县", 2021, "spending: {total: 1300, basic: 500, project: 8000000}\n"))
	expect(t, result(t, "unit.size", alone), want{status: Found, severity: Warning, keys: "spending.project", factor: 10000})
	for _, rule := range []string{"sum.spending", "part.whole"} {
		res := result(t, rule, alone)
		if len(res.Findings) != 1 || !strings.HasSuffix(res.Findings[0].Message, "；其中项目支出疑为单位错误，见金额与人数规模核对") {
			t.Errorf("%s: %+v does not end with the note", rule, res.Findings)
		}
	}
	if m := result(t, "unit.size", alone).Findings[0].Message; strings.Contains(m, "见金额与人数规模核对") {
		t.Errorf("the slip itself carries the note: %q", m)
	}
}

// TestHasSlip: a report's results have a slip when a rule of SlipRules
// found something, and only then, whatever else was found.
func TestHasSlip(t *testing.T) {
	for _, tt := range []struct {
		results []Result
		want    bool
	}{
		{nil, false},
		{[]Result{{Rule: "sum.spending", Status: Found}, {Rule: "unit.years", Status: Passed}}, false},
		{[]Result{{Rule: "sum.spending", Status: Found}, {Rule: "unit.size", Status: Found}}, true},
		{[]Result{{Rule: "unit.sum", Status: Found}}, true},
	} {
		if got := HasSlip(tt.results); got != tt.want {
			t.Errorf("HasSlip(%+v) = %v, want %v", tt.results, got, tt.want)
		}
	}
}

// TestImplausibleAgreesWithUnitSize: Implausible holds a figure to the
// limits unit.size holds it to, a department's 支出合计 below them per
// head of the smaller number of staff.
func TestImplausibleAgreesWithUnitSize(t *testing.T) {
	for body, want := range map[string]bool{
		"spending: {total: 1530.53}\nstaff: {authorized: 25, actual: 1700}\n": false,
		"spending: {total: 100}\nstaff: {authorized: 150, actual: 120}\n":     true,
		"spending: {total: 12005000}\n":                                       true,
		"spending: {total: 1200.5}\nstaff: {actual: 30}\n":                    false,
		"spending: {total: 1530.53}\nstaff: {actual: 1700000}\n":              false,
	} {
		r := parse(t, "f.md", src("桃源县", 2021, body))
		if got := Implausible(r, "spending.total"); got != want {
			t.Errorf("%q: %v, want %v", body, got, want)
		}
		// unit.size may flag the count too (sizeMaxStaff), not the total.
		found := slices.ContainsFunc(result(t, "unit.size", r).Findings, func(f Finding) bool { return f.Keys[0] == "spending.total" })
		if found != want {
			t.Errorf("%q: unit.size flags 支出合计 %v, Implausible %v", body, found, want)
		}
	}
}
