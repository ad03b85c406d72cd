package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// clean is a report whose figures are all disclosed and agree.
const clean = "spending: {total: 947.58, basic: 940.12, project: 7.46, personnel: 519.44, public: 420.68}\n" +
	"sangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0, change: 0.87}\n" +
	"score: 95\ngrade: 优\nstaff: {authorized: 28, actual: 23}\n"

// taoyuan is 桃源县's 2020 report as recorded.
const taoyuan = "spending:\n  total: 1530.53\n  basic: 158.65\n  project: 1312\n  personnel: 129.55\n  public: 29.1\n" +
	"income: 1354.42\nsangong:\n  total: 8.5\n  abroad: null\n  reception: 8.5\n  vehicles: null\n  change: 0.4\n" +
	"score: 97\ngrade: 优\nstaff:\n  authorized: 25\n  actual: 17\n"

func lines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func TestMainClean(t *testing.T) {
	r := parse(t, "content/qidong-2021.md", src("祁东县", 2021, clean))
	var out bytes.Buffer
	if code := Main([]*report.Report{r}, nil, nil, false, &out); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	if out.Len() != 0 {
		t.Errorf("output for a clean file:\n%s", out.String())
	}

	out.Reset()
	if code := Main([]*report.Report{r}, nil, nil, true, &out); code != 0 {
		t.Errorf("JSON exit code %d, want 0", code)
	}
	var got struct {
		Errors   []any `json:"errors"`
		Findings []any `json:"findings"`
		Reports  []struct {
			File   string `json:"file"`
			Checks []struct {
				Rule, Status string
			} `json:"checks"`
		} `json:"reports"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors == nil || len(got.Errors) != 0 || got.Findings == nil || len(got.Findings) != 0 {
		t.Errorf("errors %v, findings %v; want two empty arrays", got.Errors, got.Findings)
	}
	if !strings.Contains(out.String(), `"errors": []`) || !strings.Contains(out.String(), `"findings": []`) {
		t.Errorf("empty lists must be written as []:\n%s", out.String())
	}
	if len(got.Reports) != 1 || len(got.Reports[0].Checks) != len(Rules) {
		t.Fatalf("reports = %+v", got.Reports)
	}
	var status []string
	for _, c := range got.Reports[0].Checks {
		status = append(status, c.Rule+"="+c.Status)
	}
	want := "disclosure=passed sum.spending=passed sum.basic=passed sum.sangong=passed part.whole=passed " +
		"grade.score=passed staff.actual=passed unit.sum=passed unit.years=not_checked unit.size=passed yoy.sangong=not_checked year.title=not_checked noted=not_checked"
	if strings.Join(status, " ") != want {
		t.Errorf("checks:\n%s\nwant\n%s", strings.Join(status, " "), want)
	}
}

func TestMainFileErrors(t *testing.T) {
	good := parse(t, "content/a.md", src("祁东县", 2021, clean))
	dup := parse(t, "content/b.md", src("祁东县", 2021, clean))
	_, badErr := report.Parse("content/bad.md", []byte(src("桃源县", 1999, "score: 101\n")))
	if badErr == nil {
		t.Fatal("bad.md parsed")
	}
	loadErrs := []error{errors.Join(badErr, fmt.Errorf("content/dir.md: not a regular file"))}

	var out bytes.Buffer
	if code := Main([]*report.Report{dup, good}, loadErrs, nil, false, &out); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	got := lines(out.String())
	want := []string{
		"error: content/dir.md: not a regular file",
		"content/b.md:2:1: error: county: duplicate report: content/a.md:2 already holds 衡阳市祁东县 行政审批服务局 2021 整体支出, and a county, prefecture, department, year and type may have one file only: if one of the two was copied from the other to make another report, correct its keys (its department:, year: or project:); otherwise remove one of the files (重复的报告：content/a.md:2 已经有同一县、地市、部门、年度和类型的报告，只能保留一个文件：如果其中一个文件是复制另一个后改写的，请改正它的键（department: 部门、year: 年度或 project: 项目名称）；否则请删除其中一个文件)",
		"content/bad.md:5:7: error: year: year 1999 is outside 2000..",
		"content/bad.md:7:8: error: score: score must be between 0 and 100, got 101",
	}
	if len(got) != len(want) {
		t.Fatalf("output:\n%s\nwant %d lines", out.String(), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d:\n%s\nwant\n%s", i+1, got[i], want[i])
		}
	}

	out.Reset()
	if code := Main([]*report.Report{dup, good}, loadErrs, nil, true, &out); code != 1 {
		t.Errorf("JSON exit code %d, want 1", code)
	}
	var js struct {
		Errors []struct {
			File, Key, Message string
			Line, Col          int
		} `json:"errors"`
	}
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Errors) != 4 || js.Errors[2].File != "content/bad.md" || js.Errors[2].Line != 5 ||
		js.Errors[2].Col != 7 || js.Errors[2].Key != "year" || js.Errors[0].File != "" {
		t.Errorf("JSON errors = %+v", js.Errors)
	}

	// Load errors alone, with no reports, fail too.
	out.Reset()
	if code := Main(nil, loadErrs, nil, false, &out); code != 1 || len(lines(out.String())) != 3 {
		t.Errorf("exit code %d, output:\n%s", code, out.String())
	}
}

func TestMainFindingsOnly(t *testing.T) {
	rs := []*report.Report{
		parse(t, "content/taoyuan-2020.md", src("桃源县", 2020, taoyuan)),
		parse(t, "content/jianghua-2023.md", src("江华瑶族自治县", 2023,
			"spending: {total: 673.48, basic: 396.58, project: 276.9}\nsangong: {total: null}\nscore: 100\ngrade: null\nstaff: {authorized: 19, actual: 15}\n")),
	}
	var out bytes.Buffer
	if code := Main(rs, nil, nil, false, &out); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	want := []string{
		"content/jianghua-2023.md:8:11: warning: [disclosure] 核心数据11项中，未披露5项：三公经费合计、因公出国（境）费、公务接待费、公务用车购置及运行费、评价等级",
		"content/jianghua-2023.md:9:8: warning: [grade.score] 自评得分100分，但未给出评价等级（按标准应为优）",
		"content/taoyuan-2020.md:8:10: warning: [sum.spending] 基本支出158.65 + 项目支出1312 = 1470.65，与支出合计1530.53相差59.88万元（占支出合计的3.91%）",
		"content/taoyuan-2020.md:16:3: warning: [disclosure] 核心数据11项中，未披露2项：因公出国（境）费、公务用车购置及运行费",
	}
	if got := lines(out.String()); !reflect.DeepEqual(got, want) {
		t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	out.Reset()
	if code := Main(rs, nil, nil, true, &out); code != 0 {
		t.Errorf("JSON exit code %d, want 0", code)
	}
	var js struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Findings) != 4 {
		t.Fatalf("%d findings in JSON, want 4", len(js.Findings))
	}
	f := js.Findings[2]
	wantF := map[string]any{
		"file": "content/taoyuan-2020.md", "line": 8.0, "col": 10.0,
		"county": "桃源县", "prefecture": "常德市", "department": "行政审批服务局", "year": 2020.0, "type": "整体支出",
		"rule": "sum.spending", "title": "支出合计核对", "severity": "discrepancy",
		"message": "基本支出158.65 + 项目支出1312 = 1470.65，与支出合计1530.53相差59.88万元（占支出合计的3.91%）",
		"keys":    []any{"spending.total", "spending.basic", "spending.project"},
		"gap":     "59.88", "gap_fen": 59880000.0, "share": 59.88 / 1530.53, "factor": 0.0,
	}
	if !reflect.DeepEqual(f, wantF) {
		t.Errorf("JSON finding:\n%v\nwant\n%v", f, wantF)
	}
	// A finding that measures no gap in 万元 (a grade against a score,
	// staff in people) has none, rather than a gap of 0.
	if g, ok := js.Findings[1]["gap"]; !ok || g != nil {
		t.Errorf("grade.score finding's gap = %v (present %v), want null", g, ok)
	}
}

// TestDeterministic checks that the order of the reports given does not
// change the output.
func TestDeterministic(t *testing.T) {
	var rs []*report.Report
	rs = append(rs,
		parse(t, "t2020.md", src("桃源县", 2020, taoyuan)),
		parse(t, "t2019.md", src("桃源县", 2019, "spending: {total: 153.05, basic: 15.87, project: 131.2}\nsangong: {total: 8.2}\n")),
		parse(t, "t2021.md", src("桃源县", 2021, "spending: {total: 1600, basic: 1700}\nsangong: {total: 9, change: 0.4}\n")),
		parse(t, "dup.md", src("桃源县", 2021, "")),
		parse(t, "q.md", src("祁东县", 2021, clean)),
		parse(t, "y.md", src("雨花区", 2020, "spending: {total: 840.74, basic: 596.04, project: 244.71}\n")),
	)
	output := func(rs []*report.Report) string {
		var text, js bytes.Buffer
		Main(rs, nil, nil, false, &text)
		Main(rs, nil, nil, true, &js)
		return text.String() + js.String()
	}
	first := output(rs)
	if !strings.Contains(first, "t2021.md:2:1: error: county: duplicate report: dup.md:2 already holds") {
		t.Errorf("no duplicate error in\n%s", first)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		s := append([]*report.Report(nil), rs...)
		rnd.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		if got := output(s); got != first {
			t.Fatalf("output depends on the order of reports:\n%s\nvs\n%s", got, first)
		}
	}
	// Findings are sorted by file, then position, then rule.
	_, per := Reports(rs)
	fs := Findings(per)
	for i := 1; i < len(fs); i++ {
		if compareFindings(fs[i-1], fs[i]) > 0 {
			t.Errorf("findings out of order: %+v before %+v", fs[i-1], fs[i])
		}
	}
}

func TestSeverityStatusNames(t *testing.T) {
	for s, want := range map[Severity]string{Info: "info", Rounding: "rounding", Warning: "warning", Discrepancy: "discrepancy", 9: "unknown"} {
		if s.String() != want {
			t.Errorf("%d.String() = %s, want %s", s, s.String(), want)
		}
	}
	for s, want := range map[Status]string{NotChecked: "not_checked", Passed: "passed", Found: "found", 9: "unknown"} {
		if s.String() != want {
			t.Errorf("%d.String() = %s, want %s", s, s.String(), want)
		}
	}
	if Rounding.Label() != "尾差" || NotChecked.Label() != "未核对" {
		t.Error("labels")
	}
	var zero Result
	if zero.Status != NotChecked {
		t.Error("the zero Result must not read as checked")
	}
}

func TestPercent(t *testing.T) {
	for s, want := range map[float64]string{0: "0.00%", 0.039123: "3.91%", 0.00004: "不足0.01%", 0.00005: "0.01%", 1: "100.00%"} {
		if got := percent(s); got != want {
			t.Errorf("percent(%v) = %s, want %s", s, got, want)
		}
	}
}

// TestMainFileWarnings: the files not read are printed after the findings
// as "warning: file: message", and in the JSON as warnings, objects of
// file and message, in the order given; they leave the exit code 0.
func TestMainFileWarnings(t *testing.T) {
	r := parse(t, "content/qidong-2021.md", src("祁东县", 2021, clean))
	warnings := []FileWarning{
		{File: "content/b.markdown", Message: "not read: report files must end in .md; rename it to b.md (未读取：请改名为 b.md)"},
		{File: "content/a.md.txt", Message: "not read: report files must end in .md; rename it to a.md (未读取：请改名为 a.md)"},
	}
	var out bytes.Buffer
	if code := Main([]*report.Report{r}, nil, warnings, false, &out); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	want := []string{
		"warning: content/b.markdown: not read: report files must end in .md; rename it to b.md (未读取：请改名为 b.md)",
		"warning: content/a.md.txt: not read: report files must end in .md; rename it to a.md (未读取：请改名为 a.md)",
	}
	if got := lines(out.String()); !reflect.DeepEqual(got, want) {
		t.Errorf("output:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	out.Reset()
	if code := Main([]*report.Report{r}, nil, warnings, true, &out); code != 0 {
		t.Errorf("JSON exit code %d, want 0", code)
	}
	var js struct {
		Warnings []FileWarning `json:"warnings"`
	}
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(js.Warnings, warnings) {
		t.Errorf("JSON warnings %+v, want %+v", js.Warnings, warnings)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &keys); err != nil {
		t.Fatal(err)
	}
	var fields []map[string]any
	if err := json.Unmarshal(keys["warnings"], &fields); err != nil || len(fields) != 2 || len(fields[0]) != 2 || fields[0]["file"] != "content/b.markdown" {
		t.Errorf("JSON warnings %s: %v", keys["warnings"], err)
	}

	out.Reset()
	Main([]*report.Report{r}, nil, nil, true, &out)
	if err := json.Unmarshal(out.Bytes(), &keys); err != nil || string(keys["warnings"]) != "[]" {
		t.Errorf("no warnings: %s", keys["warnings"])
	}
}
