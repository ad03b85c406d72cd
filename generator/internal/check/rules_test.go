package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestRulesComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if ruleFuncs[r.ID] == nil {
			t.Errorf("rule %s has no function", r.ID)
		}
		if r.Title == "" || r.Description == "" {
			t.Errorf("rule %s lacks a title or description", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
	}
	if len(ruleFuncs) != len(Rules) {
		t.Errorf("%d rule functions for %d rules", len(ruleFuncs), len(Rules))
	}
	r := parse(t, "a.md", src("桃源县", 2020, ""))
	_, per := Reports([]*report.Report{r})
	if len(per[r]) != len(Rules) {
		t.Fatalf("%d results, want %d", len(per[r]), len(Rules))
	}
	for i, res := range per[r] {
		if res.Rule != Rules[i].ID || res.Title != Rules[i].Title {
			t.Errorf("result %d is %s %s, want %s %s", i, res.Rule, res.Title, Rules[i].ID, Rules[i].Title)
		}
	}
}

func TestSums(t *testing.T) {
	tests := []struct {
		name string
		rule string
		body string
		want want
	}{
		{
			name: "桃源县2020 discrepancy",
			rule: "sum.spending",
			body: "spending: {total: 1530.53, basic: 158.65, project: 1312}\n",
			want: want{status: Found, severity: Discrepancy, at: "f.md:7:19", gap: "59.88", share: "3.91%",
				message: "基本支出158.65 + 项目支出1312 = 1470.65，与支出合计1530.53相差59.88万元（占支出合计的3.91%）",
				keys:    "spending.total,spending.basic,spending.project"},
		},
		{
			name: "祁东县2021 rounding",
			rule: "sum.spending",
			body: "spending:\n  total: 947.59\n  basic: 940.12\n  project: 7.46\n",
			want: want{status: Found, severity: Rounding, at: "f.md:8:10", gap: "0.01",
				message: "基本支出940.12 + 项目支出7.46 = 947.58，与支出合计947.59相差0.01万元，属尾差（取整时每个分项最多差0.01万元）"},
		},
		{
			name: "雨花区2020 rounding, sum above total",
			rule: "sum.spending",
			body: "spending: {total: 840.74, basic: 596.04, project: 244.71}\n",
			want: want{status: Found, severity: Rounding, at: "f.md:7:19", gap: "0.01",
				contains: "596.04 + 项目支出244.71 = 840.75，与支出合计840.74相差0.01万元"},
		},
		{
			name: "exactly 0.01 per addend is rounding",
			rule: "sum.spending",
			body: "spending: {total: 100.02, basic: 50, project: 50}\n",
			want: want{status: Found, severity: Rounding, gap: "0.02"},
		},
		{
			name: "0.01 per addend and 1 fen is a discrepancy",
			rule: "sum.spending",
			body: "spending: {total: 100.020001, basic: 50, project: 50}\n",
			want: want{status: Found, severity: Discrepancy, gap: "0.020001", share: "0.02%"},
		},
		{
			name: "1 fen over in 元",
			rule: "sum.spending",
			body: "unit: 元\nspending: {total: 1000200.01, basic: 500000, project: 500000}\n",
			want: want{status: Found, severity: Discrepancy, at: "f.md:8:19", gap: "0.020001"},
		},
		{
			name: "exactly 0.01 per addend in 元",
			rule: "sum.spending",
			body: "unit: 元\nspending: {total: 1000200, basic: 500000, project: 500000}\n",
			want: want{status: Found, severity: Rounding, gap: "0.02"},
		},
		{
			name: "three addends allow 0.03",
			rule: "sum.sangong",
			body: "sangong: {total: 1.03, abroad: 0.5, reception: 0.5, vehicles: 0}\n",
			want: want{status: Found, severity: Rounding, at: "f.md:7:18", gap: "0.03"},
		},
		{
			name: "three addends, 0.03 and 1 fen",
			rule: "sum.sangong",
			body: "sangong: {total: 1.030001, abroad: 0.5, reception: 0.5, vehicles: 0}\n",
			want: want{status: Found, severity: Discrepancy, gap: "0.030001",
				message: "因公出国（境）费0.5 + 公务接待费0.5 + 公务用车购置及运行费0 = 1，与三公经费合计1.030001相差0.030001万元（占三公经费合计的2.91%）"},
		},
		{
			name: "祁东县2021 三公 adds up with zeros",
			rule: "sum.sangong",
			body: "sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}\n",
			want: want{status: Passed},
		},
		{
			name: "雨花区2020 三公 total derived from its parts",
			rule: "sum.sangong",
			body: "sangong: {total: 0, abroad: 0, reception: 0, vehicles: 0}\nderived: [sangong.total]\n",
			want: want{status: NotChecked, reason: "三公经费合计不是报告给出的数字，是整理者根据报告中的其他数字推算的，无从核对"},
		},
		{
			name: "a derived total that does not add up is found, and said to be derived",
			rule: "sum.spending",
			body: "spending: {total: 10, basic: 3, project: 5}\nderived: [spending.project, spending.total]\n",
			want: want{status: Found, severity: Discrepancy, at: "f.md:7:19", gap: "2", share: "20.00%",
				message: "基本支出3 + 项目支出5 = 8，与支出合计10相差2万元（占支出合计的20.00%）；其中支出合计、项目支出不是报告给出的数字，是整理者推算的，请核对推算是否有误",
				keys:    "spending.total,spending.basic,spending.project"},
		},
		{
			name: "a derived figure within rounding of its sum is not checked",
			rule: "sum.spending",
			body: "spending: {total: 947.59, basic: 940.12, project: 7.46}\nderived: [spending.project]\n",
			want: want{status: NotChecked, reason: "项目支出不是报告给出的数字，是整理者根据报告中的其他数字推算的，无从核对"},
		},
		{
			name: "a derived figure leaves the other sums checked",
			rule: "sum.basic",
			body: "spending: {total: 10, basic: 5, project: 5, personnel: 3, public: 2}\nderived: [spending.total]\n",
			want: want{status: Passed},
		},
		{
			name: "a sum whose figures are missing says so before any is derived",
			rule: "sum.sangong",
			body: "sangong: {total: 1, abroad: 1, reception: null}\nderived: [sangong.total]\n",
			want: want{status: NotChecked, reason: "公务接待费未披露，公务用车购置及运行费未披露"},
		},
		{
			name: "桃源县2020 三公 parts not disclosed",
			rule: "sum.sangong",
			body: "sangong: {total: 8.5, abroad: null, reception: 8.5}\n",
			want: want{status: NotChecked, reason: "因公出国（境）费未披露，公务用车购置及运行费未披露"},
		},
		{
			name: "桃源县2020 basic adds up",
			rule: "sum.basic",
			body: "spending: {basic: 158.65, personnel: 129.55, public: 29.1}\n",
			want: want{status: Passed},
		},
		{
			name: "basic discrepancy at basic",
			rule: "sum.basic",
			body: "spending: {total: 1000, basic: 158.65, personnel: 129.55, public: 20}\n",
			want: want{status: Found, severity: Discrepancy, at: "f.md:7:32", gap: "9.1",
				keys: "spending.basic,spending.personnel,spending.public"},
		},
		{
			name: "project null is not disclosed",
			rule: "sum.spending",
			body: "spending: {total: 158.65, basic: 158.65, project: null}\n",
			want: want{status: NotChecked, reason: "项目支出未披露"},
		},
		{
			name: "project absent is not disclosed",
			rule: "sum.spending",
			body: "spending: {total: 158.65, basic: 158.65}\n",
			want: want{status: NotChecked, reason: "项目支出未披露"},
		},
		{
			name: "project 0 is disclosed",
			rule: "sum.spending",
			body: "spending: {total: 158.65, basic: 158.65, project: 0}\n",
			want: want{status: Passed},
		},
		{
			name: "project 0 is disclosed and checked",
			rule: "sum.spending",
			body: "spending: {total: 1530.53, basic: 158.65, project: 0}\n",
			want: want{status: Found, severity: Discrepancy, gap: "1371.88"},
		},
		{
			name: "project unreadable",
			rule: "sum.spending",
			body: "spending: {total: 1530.53, basic: 158.65, project: 无法识别}\n",
			want: want{status: NotChecked, reason: "项目支出无法识别"},
		},
		{
			name: "every input missing or unreadable",
			rule: "sum.spending",
			body: "spending: {total: 无法识别}\n",
			want: want{status: NotChecked, reason: "支出合计无法识别，基本支出未披露，项目支出未披露"},
		},
		{
			name: "total zero: no share in the message",
			rule: "sum.spending",
			body: "spending: {total: 0, basic: 1, project: 2}\n",
			want: want{status: Found, severity: Discrepancy, gap: "3", share: "0.00%",
				message: "基本支出1 + 项目支出2 = 3，与支出合计0相差3万元"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("桃源县", 2020, tt.body))
			expect(t, result(t, tt.rule, r), tt.want)
		})
	}
}

func TestGradeScore(t *testing.T) {
	tests := []struct {
		name string
		body string
		want want
	}{
		{"江华 score 100 and no grade", "score: 100\ngrade: null\n",
			want{status: Found, severity: Warning, at: "f.md:7:8", keys: "score,grade",
				message: "自评得分100分，但未给出评价等级（按标准应为优）"}},
		{"score 100 and grade absent", "score: 100\n",
			want{status: Found, severity: Warning, at: "f.md:7:8"}},
		{"89.99 is not 优", "score: 89.99\ngrade: 优\n",
			want{status: Found, severity: Discrepancy, at: "f.md:8:8", keys: "grade,score",
				message: "评价等级为优，但自评得分89.99分按标准应为良（优：90-100分，良：80-89.99分，中：60-79.99分，差：60分以下）"}},
		{"90 is 优", "score: 90\ngrade: 优\n", want{status: Passed}},
		{"100 is 优", "score: 100\ngrade: 优\n", want{status: Passed}},
		{"桃源 97 is 优", "score: 97\ngrade: 优\n", want{status: Passed}},
		{"89.99 is 良", "score: 89.99\ngrade: 良\n", want{status: Passed}},
		{"80 is 良", "score: 80\ngrade: 良\n", want{status: Passed}},
		{"79.99 is not 良", "score: 79.99\ngrade: 良\n",
			want{status: Found, severity: Discrepancy, contains: "按标准应为中"}},
		{"60 is 中", "score: 60\ngrade: 中\n", want{status: Passed}},
		{"60 is not 差", "score: 60\ngrade: 差\n",
			want{status: Found, severity: Discrepancy, contains: "自评得分60分按标准应为中"}},
		{"59.99 is 差", "score: 59.99\ngrade: 差\n", want{status: Passed}},
		{"0 is disclosed and 差", "score: 0\ngrade: 差\n", want{status: Passed}},
		{"0 is not 优", "score: 0\ngrade: 优\n",
			want{status: Found, severity: Discrepancy, contains: "按标准应为差"}},
		{"grade with no score", "grade: 良\n",
			want{status: Found, severity: Warning, at: "f.md:7:8", message: "评价等级为良，但未披露自评得分"}},
		{"grade with score null", "score: null\ngrade: 良\n",
			want{status: Found, severity: Warning, at: "f.md:8:8"}},
		{"unreadable score", "score: 无法识别\ngrade: 优\n",
			want{status: NotChecked, reason: "自评得分无法识别"}},
		{"unreadable score and no grade", "score: 无法识别\n",
			want{status: NotChecked, reason: "自评得分无法识别，评价等级未披露"}},
		{"neither", "", want{status: NotChecked, reason: "自评得分未披露，评价等级未披露"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("江华瑶族自治县", 2023, tt.body))
			expect(t, result(t, "grade.score", r), tt.want)
		})
	}
}

func TestStaff(t *testing.T) {
	tests := []struct {
		name string
		body string
		want want
	}{
		{"桃源 17 of 25", "staff: {authorized: 25, actual: 17}\n", want{status: Passed}},
		{"as many as authorized", "staff: {authorized: 13, actual: 13}\n", want{status: Passed}},
		{"both zero", "staff: {authorized: 0, actual: 0}\n", want{status: Passed}},
		{"over authorized", "staff: {authorized: 25, actual: 27}\n",
			want{status: Found, severity: Warning, at: "f.md:7:33", share: "8.00%",
				keys:    "staff.actual,staff.authorized",
				message: "实有人数27人，超过编制人数25人（超编2人）"}},
		{"none authorized", "staff: {authorized: 0, actual: 1}\n",
			want{status: Found, severity: Warning, share: "0.00%"}},
		{"actual null", "staff: {authorized: 25, actual: null}\n",
			want{status: NotChecked, reason: "实有人数未披露"}},
		{"authorized unreadable", "staff: {authorized: 无法识别, actual: 3}\n",
			want{status: NotChecked, reason: "编制人数无法识别"}},
		{"no staff", "", want{status: NotChecked, reason: "编制人数未披露，实有人数未披露"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("桃源县", 2020, tt.body))
			expect(t, result(t, "staff.actual", r), tt.want)
		})
	}
}

func TestPartWhole(t *testing.T) {
	tests := []struct {
		name string
		body string
		want want
	}{
		{"桃源 reception is all of 三公", "sangong: {total: 8.5, abroad: null, reception: 8.5, vehicles: null}\n",
			want{status: Passed, reason: "已核对的各项相符；未能核对：基本支出、项目支出、人员经费、公用经费、因公出国（境）费、公务用车购置及运行费（分项或合计未披露或无法识别）"}},
		{"part above whole, other parts missing",
			"sangong:\n  total: 8.5\n  abroad: null\n  reception: 9\n",
			want{status: Found, severity: Discrepancy, at: "f.md:10:14", gap: "0.5", share: "5.88%",
				keys:    "sangong.reception,sangong.total",
				message: "公务接待费9大于三公经费合计8.5，超出0.5万元（占三公经费合计的5.88%）"}},
		{"part above whole by 0.01 is rounding", "sangong: {total: 8.5, reception: 8.51}\n",
			want{status: Found, severity: Rounding, gap: "0.01", message: "公务接待费8.51大于三公经费合计8.5，超出0.01万元，属尾差"}},
		{"part above whole by 0.01 and 1 fen", "sangong: {total: 8.5, reception: 8.510001}\n",
			want{status: Found, severity: Discrepancy, gap: "0.010001"}},
		{"basic above total, project missing", "spending: {total: 100, basic: 158.65}\n",
			want{status: Found, severity: Discrepancy, at: "f.md:7:31", gap: "58.65", keys: "spending.basic,spending.total"}},
		{"personnel against total when basic is missing",
			"spending: {total: 120, personnel: 129.55}\n",
			want{status: Found, severity: Discrepancy, gap: "9.55",
				keys:    "spending.personnel,spending.total",
				message: "人员经费129.55大于支出合计120（基本支出未披露），超出9.55万元（占支出合计的7.96%）"}},
		{"personnel against total when basic is unreadable",
			"spending: {total: 120, basic: 无法识别, personnel: 129.55}\n",
			want{status: Found, severity: Discrepancy, contains: "（基本支出无法识别）"}},
		{"personnel against basic, not total",
			"spending: {total: 1000, basic: 100, personnel: 129.55}\n",
			want{status: Found, severity: Discrepancy, gap: "29.55", keys: "spending.personnel,spending.basic"}},
		{"part equal to whole", "spending: {total: 100, project: 100}\n",
			want{status: Passed}},
		{"zero whole, zero part", "sangong: {total: 0, abroad: 0, reception: 0, vehicles: 0}\nspending: {total: 0, basic: 0, project: 0, personnel: 0, public: 0}\n",
			want{status: Passed}},
		{"nothing to compare", "spending: {basic: 无法识别, project: 3}\n",
			want{status: NotChecked, reason: "没有同时披露的分项与合计：基本支出无法识别，人员经费未披露，公用经费未披露，因公出国（境）费未披露，公务接待费未披露，公务用车购置及运行费未披露，支出合计未披露，三公经费合计未披露"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("桃源县", 2020, tt.body))
			expect(t, result(t, "part.whole", r), tt.want)
		})
	}
}

func TestDisclosure(t *testing.T) {
	full := "spending: {total: 947.59, basic: 940.12, project: 7.46}\n" +
		"sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}\n" +
		"score: 95\ngrade: 优\nstaff: {authorized: 28, actual: 23}\n"
	tests := []struct {
		name string
		body string
		want want
	}{
		{"all disclosed, zeros included", full, want{status: Passed}},
		{"江华2023",
			"spending: {total: 673.48, basic: 396.58, project: 276.9}\n" +
				"sangong:\n  total: null\n  abroad: null\n  reception: null\n  vehicles: null\n" +
				"score: 100\ngrade: null\nstaff: {authorized: 19, actual: 15}\n",
			want{status: Found, severity: Info, at: "f.md:9:3",
				keys:    "sangong.total,sangong.abroad,sangong.reception,sangong.vehicles,grade",
				message: "核心数据11项中，未披露5项：三公经费合计、因公出国（境）费、公务接待费、公务用车购置及运行费、评价等级"}},
		{"unreadable is not left out", "spending: {total: 947.59, basic: 940.12, project: 7.46}\n" +
			"sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}\n" +
			"score: 无法识别\ngrade: 优\nstaff: {authorized: 28, actual: 23}\n",
			want{status: Found, severity: Info, at: "f.md:9:8", keys: "score",
				message: "核心数据11项中，无法识别1项：自评得分"}},
		{"nothing disclosed, at the start of the file", "",
			want{status: Found, severity: Info, at: "f.md:1:1",
				message: "核心数据11项中，未披露11项：支出合计、基本支出、项目支出、三公经费合计、因公出国（境）费、公务接待费、公务用车购置及运行费、自评得分、评价等级、编制人数、实有人数"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", src("祁东县", 2021, tt.body))
			expect(t, result(t, "disclosure", r), tt.want)
		})
	}
}

// TestDisclosureProject: a 项目支出 report, on one project, is held only
// to the figures a project has: its spending, score and grade.
func TestDisclosureProject(t *testing.T) {
	const set = "项目支出报告的核心数据3项（支出合计、自评得分、评价等级）中，"
	tests := []struct {
		name string
		body string
		want want
	}{
		{"spending, score and grade", "spending: {total: 502}\nscore: 92\ngrade: 优\n", want{status: Passed}},
		{"沅江2020: income and staff only",
			"income: 502\nspending: {total: null, basic: null}\nsangong: {total: null}\nscore: null\ngrade: null\nstaff: {authorized: 18, actual: 13}\n",
			want{status: Found, severity: Info, at: "f.md:8:12", keys: "spending.total,score,grade",
				message: set + "未披露3项：支出合计、自评得分、评价等级"}},
		{"unreadable score", "spending: {total: 502}\nscore: 无法识别\ngrade: 优\n",
			want{status: Found, severity: Info, at: "f.md:8:8", keys: "score",
				message: set + "无法识别1项：自评得分"}},
		{"nothing disclosed", "",
			want{status: Found, severity: Info, at: "f.md:1:1", message: set + "未披露3项：支出合计、自评得分、评价等级"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := parse(t, "f.md", srcT("沅江市", report.TypeProject, 2020, tt.body))
			expect(t, result(t, "disclosure", r), tt.want)
		})
	}
	// Reports of either type with the same figures are told apart, also
	// where their texts are shared (see interner): in runs of six, so that
	// each worker (at most three; see workersFor) checks both types.
	var rs []*report.Report
	for i := range 600 {
		typ := report.TypeWhole
		if i/6%2 == 1 {
			typ = report.TypeProject
		}
		rs = append(rs, parse(t, fmt.Sprintf("%03d.md", i), srcT(fmt.Sprintf("第%d县", i), typ, 2020, "")))
	}
	_, per := Reports(rs)
	for _, r := range rs {
		var got string
		for _, res := range per[r] {
			if res.Rule == "disclosure" && len(res.Findings) == 1 {
				got = res.Findings[0].Message
			}
		}
		want := "核心数据11项中，未披露11项"
		if r.Type == report.TypeProject {
			want = set + "未披露3项"
		}
		if !strings.HasPrefix(got, want) {
			t.Fatalf("%s (%s): disclosure says %q, want %q…", r.File, r.Type, got, want)
		}
	}
	for _, c := range []struct {
		typ, key string
		want     bool
	}{
		{report.TypeProject, "spending.total", true}, {report.TypeProject, "grade", true},
		{report.TypeProject, "spending.basic", false}, {report.TypeProject, "staff.actual", false},
		{report.TypeWhole, "spending.basic", true}, {report.TypeWhole, "staff.actual", true},
		{report.TypeWhole, "income", false},
	} {
		if got := CoreFigureApplies(c.typ, c.key); got != c.want {
			t.Errorf("CoreFigureApplies(%s, %s) = %v, want %v", c.typ, c.key, got, c.want)
		}
	}
}

// A 项目支出 report evaluates one project: every figure of a department's
// whole spending is one it does not have, not only the core figures the
// disclosure rule leaves out, but the parts of 基本支出 and the change of
// the 三公经费 too; 收入合计, the money the project received, it has. A
// 整体支出 report has every figure.
func TestNotApplicable(t *testing.T) {
	wantNames := "基本支出、项目支出、人员经费、公用经费、三公经费合计、因公出国（境）费、公务接待费、公务用车购置及运行费、三公经费同比增减、编制人数、实有人数"
	var names []string
	for _, f := range NotApplicableFigures(report.TypeProject) {
		names = append(names, f.Name)
		if !NotApplicable(report.TypeProject, f.Key) || NotApplicable(report.TypeWhole, f.Key) {
			t.Errorf("NotApplicable(%s): project %v, whole %v; want true, false", f.Key,
				NotApplicable(report.TypeProject, f.Key), NotApplicable(report.TypeWhole, f.Key))
		}
	}
	if got := strings.Join(names, "、"); got != wantNames {
		t.Errorf("NotApplicableFigures(项目支出) = %s, want %s", got, wantNames)
	}
	for _, k := range []string{"spending.total", "income", "score", "grade", "no.such"} {
		if NotApplicable(report.TypeProject, k) {
			t.Errorf("NotApplicable(项目支出, %s) = true, want false", k)
		}
	}
	if got := NotApplicableFigures(report.TypeWhole); len(got) != 0 {
		t.Errorf("NotApplicableFigures(整体支出) = %v, want none", got)
	}
}

func TestFigureState(t *testing.T) {
	r := parse(t, "f.md", src("桃源县", 2020, "spending: {total: 0, basic: null, project: 无法识别}\nscore: 90\n"))
	for key, want := range map[string]report.State{
		"spending.total":   report.Disclosed,
		"spending.basic":   report.NotDisclosed,
		"spending.project": report.Unreadable,
		"spending.public":  report.NotDisclosed,
		"score":            report.Disclosed,
		"grade":            report.NotDisclosed,
		"no.such":          report.NotDisclosed,
	} {
		if got := r.FigureState(key); got != want {
			t.Errorf("FigureState(%s) = %v, want %v", key, got, want)
		}
	}
	if FigureName("sangong.vehicles") != "公务用车购置及运行费" || FigureName("x.y") != "x.y" {
		t.Error("FigureName")
	}
	for _, f := range CoreFigures {
		if FigureName(f.Key) != f.Name {
			t.Errorf("core figure %s is named %s, FigureName says %s", f.Key, f.Name, FigureName(f.Key))
		}
	}
}

// TestNotedSeverity: a note of discrepancies is a 不一致 unless it begins
// with 疑点 or 尾差 and a colon, which is taken off its text.
func TestNotedSeverity(t *testing.T) {
	r := parse(t, "a.md", src("桃源县", 2020, `discrepancies:
  - "正文与表格不符。"
  - "疑点：算式写作×1%，结果与人数相符。"
  - "尾差:88.90与88.91相差0.01万元。"
  - "不一致：收入小于其组成部分。"
  - "疑点是否成立，尚需核对。"
  - "尾差："
`))
	_, per := Reports([]*report.Report{r})
	var got []string
	for _, res := range per[r] {
		if res.Rule != "noted" {
			continue
		}
		for _, f := range res.Findings {
			got = append(got, f.Severity.Label()+" "+f.Message)
		}
	}
	want := []string{
		"不一致 正文与表格不符。",
		"疑点 算式写作×1%，结果与人数相符。",
		"尾差 88.90与88.91相差0.01万元。",
		"不一致 收入小于其组成部分。",
		"不一致 疑点是否成立，尚需核对。",
		"不一致 尾差：",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestYearTitle(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  want
	}{
		{`"江华瑶族自治县行政审批服务局2023年度整体支出绩效自评报告"`, want{status: Found, severity: Warning, at: "f.md:5:1", keys: "year,title",
			message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局2023年部门整体支出绩效自评报告", want{status: Found, severity: Warning, at: "f.md:5:1"}},
		{"某局２０２３年度自评报告", want{status: Found, severity: Warning, at: "f.md:5:1"}},
		{"江华瑶族自治县二〇二三年度行政审批服务局整体绩效评价报告", want{status: Found, severity: Warning, at: "f.md:5:1",
			message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二零二三年部门整体支出绩效自评报告", want{status: Found, severity: Warning, message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二○二三年度自评报告", want{status: Found, severity: Warning, message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二O二三年度自评报告", want{status: Found, severity: Warning, message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二0二三年度自评报告", want{status: Found, severity: Warning, message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二〇二四年度整体支出绩效自评报告", want{status: Passed}},
		{"某局二OO四年度自评报告", want{status: Found, severity: Warning, message: "标题写的是2004年，但报告登记的年度为2024年，二者不一致"}},
		{"某局ISO2023年度自评报告", want{status: Found, severity: Warning, message: "标题写的是2023年，但报告登记的年度为2024年，二者不一致"}},
		{"某局二〇二三年度至二〇二四年度自评报告", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局2024年度自评报告（二〇二五年三月）", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局十一五规划第三年自评报告", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局2024年度整体支出绩效自评报告", want{status: Passed}},
		{"某局2024年度自评报告（2025年3月）", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局2023—2024年度自评报告", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局自评报告（编号2023）", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局自评报告", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"某局第12345年自评报告", want{status: NotChecked, reason: "标题中没有唯一一个后接“年”或“年度”的四位数年份"}},
		{"", want{status: NotChecked, reason: "未填写标题"}},
	} {
		t.Run(tt.title, func(t *testing.T) {
			body := ""
			if tt.title != "" {
				body = "title: " + tt.title + "\n"
			}
			r := parse(t, "f.md", src("江华瑶族自治县", 2024, body))
			expect(t, result(t, "year.title", r), tt.want)
		})
	}
}

// TestFirstIsFindingsSorted: First gives the first findings in the order
// of Findings, among those it keeps, and how many it keeps, for every n.
func TestFirstIsFindingsSorted(t *testing.T) {
	var rs []*report.Report
	for i := range 30 {
		rs = append(rs, parse(t, fmt.Sprintf("r%02d.md", (i*7)%30), src(fmt.Sprintf("县%d", i), 2020, fmt.Sprintf(
			"spending: {total: %d, basic: 1, project: 1}\ndiscrepancies: [\"甲%d\", \"疑点：乙\"]\n", 10+i, i))))
	}
	_, per := Reports(rs)
	for _, keep := range []func(*Finding) bool{
		func(f *Finding) bool { return f.Severity != Info },
		func(f *Finding) bool { return f.Severity == Warning && strings.HasPrefix(f.File, "r1") },
	} {
		var want []Finding
		for _, f := range Findings(per) {
			if keep(&f) {
				want = append(want, f)
			}
		}
		for _, n := range []int{0, 1, 5, 20, len(want), len(want) + 3} {
			got, total := First(per, n, keep)
			if total != len(want) || len(got) != min(n, len(want)) {
				t.Fatalf("n=%d: %d findings of %d, want %d of %d", n, len(got), total, min(n, len(want)), len(want))
			}
			for i := range got {
				if compareFindings(got[i], want[i]) != 0 {
					t.Errorf("n=%d: finding %d is %s:%d %s, want %s:%d %s", n, i, got[i].File, got[i].Pos.Line, got[i].Message, want[i].File, want[i].Pos.Line, want[i].Message)
				}
			}
		}
	}
}
