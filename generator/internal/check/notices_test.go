package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// notices returns the Notices of a report file whose front matter is
// src's with body after it (from line 7 on), each as it is printed but
// with its Chinese only (see chinese).
func notices(t *testing.T, county string, year int, body string) []string {
	t.Helper()
	r := parse(t, "f.md", src(county, year, body))
	var out []string
	for _, w := range Notices([]*report.Report{r}) {
		out = append(out, chinese(t, w.String()))
	}
	return out
}

// chinese returns a notice as printed, "…: key: English (中文)", with its
// message's Chinese only, "…: key: 中文", failing the test when the
// message does not have that form.
func chinese(t *testing.T, line string) string {
	t.Helper()
	i := strings.Index(line, ": warning: ")
	j := strings.Index(line[i+len(": warning: "):], ": ")
	if i < 0 || j < 0 {
		t.Fatalf("not a notice: %q", line)
	}
	head := line[:i+len(": warning: ")+j+2]
	msg := strings.TrimPrefix(line, head)
	k := strings.LastIndex(msg, " (")
	zh := msg[k+2:]
	if k <= 0 || !strings.HasSuffix(zh, ")") || !strings.ContainsFunc(zh, isHan) {
		t.Fatalf("not said in English, then in Chinese in parentheses: %q", line)
	}
	return head + strings.TrimSuffix(zh, ")")
}

// TestSpacedNames: a Chinese name with a space, ordinary or full-width,
// is said at its key with the name written without it; a space next to
// Latin letters, or in a name without Chinese characters, is not.
func TestSpacedNames(t *testing.T) {
	for _, tt := range []struct {
		county, body string
		want         string
	}{
		{"江华瑶族 自治县", "", "f.md:2:1: warning: county: 县名“江华瑶族 自治县”中有空格，应写作“江华瑶族自治县”：中文名称中没有空格，多一个空格，网站就会把它当作另一个县，另给它一个页面"},
		{"\"江华瑶族\u3000自治县\"", "", "f.md:2:1: warning: county: 县名“江华瑶族\u3000自治县”中有全角空格，应写作“江华瑶族自治县”：中文名称中没有空格"},
		{"\"江华  瑶族 自治县\"", "", "f.md:2:1: warning: county: 县名“江华  瑶族 自治县”中有空格，应写作“江华瑶族自治县”："},
		{"江华瑶族自治县", "province: 湖南 省\n", "f.md:7:1: warning: province: 省名“湖南 省”中有空格，应写作“湖南省”：中文名称中没有空格，多一个空格，网站就会把它当作另一个省，另给它一个页面"},
		{"江华瑶族自治县", "", ""},
		{"江华瑶族自治县", "province: \"Hunan Province\"\n", ""},
		{"江华瑶族自治县", "province: 湖南省 IT 中心\n", ""},
		{"江华瑶族自治县", "province: 湖南省（ IT 中心 ）\n", "f.md:7:1: warning: province: 省名“湖南省（ IT 中心 ）”中有空格，应写作“湖南省（ IT 中心）”"},
	} {
		t.Run(tt.county+tt.body, func(t *testing.T) {
			got := strings.Join(notices(t, tt.county, 2023, tt.body), "\n")
			if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
				t.Errorf("got %q, want %q…", got, tt.want)
			}
		})
	}
	// The department and prefecture too, each at its key.
	r := parse(t, "f.md", "---\ncounty: 甲县\nprefecture: 永州 市\ndepartment: 行政审批 服务局\nyear: 2023\ntype: 整体支出\n---\n")
	var got []string
	for _, w := range Notices([]*report.Report{r}) {
		m := chinese(t, w.String())
		m = m[strings.Index(m, w.Key+": ")+len(w.Key)+2:]
		got = append(got, fmt.Sprintf("%d:%d %s %s", w.Line, w.Col, w.Key, m[:strings.Index(m, "：")]))
	}
	if want := "3:1 prefecture 地市名“永州 市”中有空格，应写作“永州市”\n4:1 department 部门名称“行政审批 服务局”中有空格，应写作“行政审批服务局”"; strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestPlaceholderName: the importer's placeholder left as a name in a report
// that is no longer a draft is said at its key; a draft's is not.
func TestPlaceholderName(t *testing.T) {
	for _, tt := range []struct{ county, body, want string }{
		{"未识别", "", "f.md:2:1: warning: county: 县名“未识别”是导入时留下的占位符（没有从报告中读出），不是实际的县名：请对照原报告改为实际的县名，否则网站会把“未识别”当作一个县发布"},
		{"甲县", "province: 未识别\n", "f.md:7:1: warning: province: 省名“未识别”是导入时留下的占位符"},
		{"未识别", "draft: true\n", ""},
		{"甲县", "", ""},
	} {
		got := strings.Join(notices(t, tt.county, 2023, tt.body), "\n")
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q %q: got %q, want %q…", tt.county, tt.body, got, tt.want)
		}
	}
	r := parse(t, "f.md", "---\ncounty: 甲县\ndepartment: 未识别\nyear: 2023\ntype: 整体支出\n---\n")
	ws := Notices([]*report.Report{r})
	if len(ws) != 1 || ws[0].Line != 3 || ws[0].Key != "department" || !strings.HasPrefix(ws[0].Message, "department name 未识别 is the placeholder import writes") ||
		!strings.Contains(ws[0].Message, " (部门名称“未识别”是导入时留下的占位符") {
		t.Errorf("department: %+v", ws)
	}
}

// TestReviewLeft: review notes left in a report that is no longer a
// draft are said at review:, with their number; a draft's are not, nor
// an empty list.
func TestReviewLeft(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"review:\n  - 支出合计未能读出\n  - 核对人数\n", "f.md:7:1: warning: review: review 中还有2条待核对的提示，但这份报告已不是草稿（没有 draft: true），会照常发布：请逐条核对、改正后删除 review: 及其各条"},
		{"draft: false\nreview: [\"核对人数\"]\n", "f.md:8:1: warning: review: review 中还有1条待核对的提示"},
		{"draft: true\nreview: [\"核对人数\"]\n", ""},
		{"review: []\n", ""},
		{"review: null\n", ""},
	} {
		got := strings.Join(notices(t, "甲县", 2023, tt.body), "\n")
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: got %q, want %q…", tt.body, got, tt.want)
		}
	}
	// A lean load, which leaves the notes out, keeps their number.
	r, err := report.ParseLean("f.md", []byte(src("甲县", 2023, "review:\n  - 甲\n  - 乙\n  - 丙\n")))
	if err != nil || r.Review != nil {
		t.Fatalf("lean: %v, %q", err, r.Review)
	}
	if ws := Notices([]*report.Report{r}); len(ws) != 1 || !strings.Contains(ws[0].Message, "还有3条") {
		t.Errorf("lean: %+v", ws)
	}
}

// TestPublishedEarly: a report published before its fiscal year ended is
// said at published:, with the likely slip, and so is one three years or
// more after it; a date in the two years after the year, or none, is
// not. Today's date plays no part.
func TestPublishedEarly(t *testing.T) {
	for _, tt := range []struct{ body, want string }{
		{"published: 2023-05-18\n", "f.md:7:1: warning: published: 发布日期 2023-05-18 在2023年度结束之前，而2023年度的绩效自评报告要到该年度结束后才能写出、发布：可能年度写错了（year: 2023，是否应为2022？），或发布日期的年份写错了（是否应为2024？）"},
		{"published: 2023-12-31\n", "f.md:7:1: warning: published: 发布日期 2023-12-31 在2023年度结束之前"},
		{"published: 2013-05-18\n", "f.md:7:1: warning: published: 发布日期 2013-05-18 在2023年度结束之前，而2023年度的绩效自评报告要到该年度结束后才能写出、发布：年度（year: 2023）与发布日期（published: 2013-05-18）必有一个写错了，请核对"},
		{"published: 2024-01-01\n", ""},
		{"published: 2025-12-31\n", ""},
		{"published: 2026-01-01\n", "f.md:7:1: warning: published: 发布日期 2026-01-01 比2023年度晚了3年，而绩效自评报告一般在次年发布：可能年度（year: 2023）或发布日期的年份写错了，请核对"},
		{"published: 2099-05-18\n", "f.md:7:1: warning: published: 发布日期 2099-05-18 比2023年度晚了76年"},
		{"published: null\n", ""},
		{"", ""},
	} {
		got := strings.Join(notices(t, "甲县", 2023, tt.body), "\n")
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%q: got %q, want %q…", tt.body, got, tt.want)
		}
	}
}

// TestNoticesAreWarningsNotFindings: check prints the notices after the
// findings and before the warnings about files, each at its line and
// column, sorted by file and position, in the JSON too with line, col
// and key; they are not findings, and leave the exit code 0.
func TestNoticesAreWarningsNotFindings(t *testing.T) {
	a := parse(t, "content/a.md", src("江华瑶族 自治县", 2023, "published: 2023-05-18\nreview: [\"核对人数\"]\n"))
	b := parse(t, "content/b.md", src("甲 县", 2023, ""))
	unread := []FileWarning{{File: "content/c.md.txt", Message: "not read: …"}}
	var out bytes.Buffer
	if code := Main([]*report.Report{b, a, nil}, nil, unread, false, &out); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	var got []string
	for _, l := range lines(out.String()) {
		if !strings.Contains(l, "warning: [") { // not a finding
			got = append(got, l[:strings.Index(l, ": ")+len(": warning: ")+8])
		}
	}
	want := []string{
		"content/a.md:2:1: warning: county: ",
		"content/a.md:7:1: warning: publishe",
		"content/a.md:8:1: warning: review: ",
		"content/b.md:2:1: warning: county: ",
		"warning: content/c.md.txt:",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	_, per := Reports([]*report.Report{a, b})
	for _, f := range Findings(per) {
		if strings.Contains(f.Message, "空格") || strings.Contains(f.Message, "review") || strings.Contains(f.Message, "发布日期") {
			t.Errorf("a notice is a finding: %+v", f)
		}
	}

	out.Reset()
	Main([]*report.Report{a, b}, nil, unread, true, &out)
	var js struct {
		Warnings []map[string]any `json:"warnings"`
	}
	if err := json.Unmarshal(out.Bytes(), &js); err != nil {
		t.Fatal(err)
	}
	if n := len(js.Warnings); n != 5 {
		t.Fatalf("%d JSON warnings, want 5: %v", n, js.Warnings)
	}
	if w := js.Warnings[1]; w["file"] != "content/a.md" || w["line"] != 7.0 || w["col"] != 1.0 || w["key"] != "published" ||
		!strings.HasPrefix(w["message"].(string), "published 2023-05-18 is before the end of 2023") || !strings.Contains(w["message"].(string), " (发布日期 2023-05-18") {
		t.Errorf("JSON warning %v", w)
	}
	if w := js.Warnings[4]; len(w) != 2 || w["file"] != "content/c.md.txt" {
		t.Errorf("JSON warning of a file not read %v, want file and message only", w)
	}
}

// TestPlaceholderYear: the importer's placeholder year left in a report
// that is no longer a draft is said at year:; a draft's is not, nor
// another year.
func TestPlaceholderYear(t *testing.T) {
	for _, tt := range []struct {
		year       int
		body, want string
	}{
		{PlaceholderYear, "", "f.md:5:1: warning: year: "},
		{PlaceholderYear, "draft: true\n", ""},
		{2001, "", ""},
	} {
		got := strings.Join(notices(t, "甲县", tt.year, tt.body), "\n")
		if tt.want == "" && got != "" || !strings.HasPrefix(got, tt.want) || tt.want != "" && !strings.Contains(got, "年度 2000 是导入时留下的占位符") {
			t.Errorf("%d %q: got %q, want %q…", tt.year, tt.body, got, tt.want)
		}
	}
}

// TestSpacedProject: a project's name with a space is said at project:,
// as a county's is.
func TestSpacedProject(t *testing.T) {
	r := parse(t, "f.md", srcT("甲县", report.TypeProject, 2023, "project: 农村公路 养护专项资金\n"))
	ws := Notices([]*report.Report{r})
	if len(ws) != 1 || ws[0].Line != 7 || ws[0].Key != "project" || !strings.HasPrefix(ws[0].Message, "project name 农村公路 养护专项资金 has a space in it; write 农村公路养护专项资金: ") ||
		!strings.Contains(ws[0].Message, "(项目名称“农村公路 养护专项资金”中有空格，应写作“农村公路养护专项资金”") {
		t.Errorf("got %+v", ws)
	}
	r = parse(t, "f.md", srcT("甲县", report.TypeProject, 2023, "project: G207 国道养护\n"))
	if ws := Notices([]*report.Report{r}); len(ws) != 0 {
		t.Errorf("a space by Latin letters: %+v", ws)
	}
}

// TestNoticesAreBilingual: each notice says what is wrong and the fix in
// English, then in Chinese in parentheses, as the errors of a report
// file do.
func TestNoticesAreBilingual(t *testing.T) {
	r := parse(t, "f.md", "---\ncounty: 江华瑶族 自治县\ndepartment: 未识别\nyear: 2000\ntype: 整体支出\npublished: 2000-05-18\nreview: [\"核对人数\"]\n---\n")
	var got []string
	for _, w := range Notices([]*report.Report{r}) {
		got = append(got, w.Key+": "+w.Message[:strings.LastIndex(w.Message, " (")])
	}
	want := []string{
		"county: county name 江华瑶族 自治县 has a space in it; write 江华瑶族自治县: Chinese names have none, and with one the site takes the name for another county, with a page of its own",
		"department: department name 未识别 is the placeholder import writes for a name it could not read, and the report is no longer a draft: write the department's name as the report gives it, or the site publishes 未识别 as a department",
		"year: year 2000 is the placeholder import writes for a year it could not read, and the report is no longer a draft: write the year the report evaluates, or the site publishes it as a report of 2000",
		"published: published 2000-05-18 is before the end of 2000, and a self-evaluation of 2000 can be written and published only after the year ends: the year may be wrong (year: 2000, meant 1999?), or the date's year (meant 2001?)",
		"review: 1 review note is left, and the report is no longer a draft (no draft: true), so it is published as it is: check and put right what each says, then delete review: and its notes",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCopiedFigures: a report whose figures are all another department's
// of the same county and year is said to have been copied, at its
// department, naming the other file; a report that differs in one
// figure, gives fewer than three amounts other than 0, or is of another
// year or county, is not.
func TestCopiedFigures(t *testing.T) {
	const figures = "spending: {total: 947.59, basic: 940.12, project: 7.46}\nsangong: {total: 0.87, abroad: 0, reception: 0.87, vehicles: 0}\nstaff: {authorized: 28, actual: 23}\n"
	file := func(name, county, department string, year int, body string) *report.Report {
		return parse(t, name, strings.Replace(src(county, year, body), "行政审批服务局", department, 1))
	}
	said := func(rs ...*report.Report) []string {
		var out []string
		for _, w := range Notices(rs) {
			out = append(out, chinese(t, w.String()))
		}
		return out
	}
	a := file("a.md", "甲县", "财政局", 2021, figures)
	b := file("b.md", "甲县", "教育局", 2021, figures)
	want := "b.md:4:1: warning: department: 这份报告的各项数字与 a.md（财政局的报告）完全相同：是否复制了那个文件而没有改填这份报告自己的数字？请按这份报告填写"
	if got := said(b, a); len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	for name, other := range map[string]*report.Report{
		"one figure differs":       file("c.md", "甲县", "教育局", 2021, strings.Replace(figures, "actual: 23", "actual: 22", 1)),
		"another year":             file("c.md", "甲县", "教育局", 2022, figures),
		"another county":           file("c.md", "乙县", "教育局", 2021, figures),
		"two amounts other than 0": file("c.md", "甲县", "教育局", 2021, "spending: {total: 10, basic: 10, project: 0}\n"),
	} {
		first := a
		if name == "two amounts other than 0" {
			first = file("a.md", "甲县", "财政局", 2021, "spending: {total: 10, basic: 10, project: 0}\n")
		}
		if got := said(first, other); len(got) != 0 {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// TestPunctuatedPlace: a county, prefecture or province name with a
// punctuation mark in it is said to have one, at its key; a department's
// name may have one.
func TestPunctuatedPlace(t *testing.T) {
	if got := notices(t, "桃源县：", 2023, ""); len(got) != 1 || got[0] != "f.md:2:1: warning: county: 县名“桃源县：”中有标点“：”，县名中没有标点：请删除，否则网站会把它当作另一个县，另给它一个页面" {
		t.Errorf("桃源县：: %q", got)
	}
	if got := notices(t, "桃源县", 2023, "province: 湖南省。\n"); len(got) != 1 || !strings.Contains(got[0], "province: 省名“湖南省。”中有标点“。”") {
		t.Errorf("湖南省。: %q", got)
	}
	r := parse(t, "f.md", strings.Replace(src("桃源县", 2023, ""), "行政审批服务局", "财政局（国资办）", 1))
	if ws := Notices([]*report.Report{r}); len(ws) != 0 {
		t.Errorf("a department's name in parentheses: %v", ws)
	}
}

// TestShortPlaces: a county, prefecture or province name without its
// ending, beside another report's name with it, is said at its key in
// every report of the short name, naming the full name and its file; a
// name with an ending, or a short name without a longer one in the same
// province, is not.
func TestShortPlaces(t *testing.T) {
	file := func(name, county string, year int, body string) *report.Report {
		return parse(t, name, src(county, year, "province: 湖南省\n"+body))
	}
	said := func(rs ...*report.Report) []string {
		var out []string
		for _, w := range Notices(rs) {
			out = append(out, chinese(t, w.String()))
		}
		return out
	}
	a := file("a.md", "桃源县", 2020, "")
	b := file("b.md", "桃源", 2021, "")
	c := file("c.md", "桃源", 2022, "")
	want := []string{
		"b.md:2:1: warning: county: 县名“桃源”少了结尾的“县”“市”“区”“旗”等字，而另有报告写作“桃源县”（a.md:2）：请照那里写全，否则网站会把“桃源”当作另一个县，另给它一个页面",
		"c.md:2:1: warning: county: 县名“桃源”少了结尾的“县”“市”“区”“旗”等字，而另有报告写作“桃源县”（a.md:2）：请照那里写全，否则网站会把“桃源”当作另一个县，另给它一个页面",
	}
	if got := said(c, a, b); !slices.Equal(got, want) {
		t.Errorf("桃源:\ngot  %q\nwant %q", got, want)
	}
	// A prefix of two names names both; 江华 is short for a name with
	// more than an ending after it.
	got := said(file("a.md", "长沙县", 2020, ""), file("b.md", "长沙市", 2020, ""), file("c.md", "长沙", 2020, ""))
	if len(got) != 1 || !strings.Contains(got[0], "而另有报告写作“长沙县”（a.md:2）或“长沙市”（b.md:2）") {
		t.Errorf("长沙: %q", got)
	}
	if got := said(file("a.md", "江华瑶族自治县", 2020, ""), file("b.md", "江华", 2020, "")); len(got) != 1 || !strings.HasPrefix(got[0], "b.md:2:1: warning: county: 县名“江华”") {
		t.Errorf("江华: %q", got)
	}
	// A prefecture and a province.
	got = said(file("a.md", "桃源县", 2020, ""), parse(t, "b.md", strings.Replace(src("桃源县", 2021, "province: 湖南省\n"), "常德市", "常德", 1)))
	if len(got) != 1 || !strings.HasPrefix(got[0], "b.md:3:1: warning: prefecture: 地市名“常德”少了结尾的“市”“州”“区”“盟”等字，而另有报告写作“常德市”（a.md:3）") {
		t.Errorf("常德: %q", got)
	}
	got = said(file("a.md", "桃源县", 2020, ""), parse(t, "b.md", src("祁东县", 2021, "province: 湖南\n")))
	if len(got) != 1 || !strings.HasPrefix(got[0], "b.md:7:1: warning: province: 省名“湖南”少了结尾的“省”“市”“区”等字，而另有报告写作“湖南省”（a.md:7）") {
		t.Errorf("湖南: %q", got)
	}
	// A short name in a report that gives no province is said, as
	// new writes it.
	if got := said(a, parse(t, "b.md", src("桃源", 2021, ""))); len(got) != 1 || !strings.HasPrefix(got[0], "b.md:2:1: warning: county: 县名“桃源”") {
		t.Errorf("no province: %q", got)
	}
	// A name that begins dozens names three of them, and counts them.
	var many []*report.Report
	for i, c := range []string{"东安县", "东城区", "东平县", "东山县", "东至县"} {
		many = append(many, file(fmt.Sprintf("%c.md", 'a'+i), c, 2020, ""))
	}
	got = said(append(many, file("z.md", "东", 2020, ""))...)
	if len(got) != 1 || !strings.Contains(got[0], "而另有报告写作“东城区”（b.md:2）或“东安县”（a.md:2）或“东山县”（d.md:2）等5个名称：") {
		t.Errorf("东: %q", got)
	}
	// No warning: full names alone; a short name alone; a short name
	// whose longer one is in another province.
	for name, rs := range map[string][]*report.Report{
		"full names":       {a, file("b.md", "桃源市", 2021, "")},
		"a short name":     {b, c},
		"another province": {parse(t, "a.md", src("桃源县", 2020, "province: 湖北省\n")), b},
	} {
		if got := said(rs...); len(got) != 0 {
			t.Errorf("%s: %q", name, got)
		}
	}
}

// TestDroppedPartsAreSaid: the parts of a body that its page does not
// show are said at their line and column, key body, with what to write
// instead.
func TestDroppedPartsAreSaid(t *testing.T) {
	got := notices(t, "桃源县", 2023, "")
	if len(got) != 0 {
		t.Fatalf("a plain body: %q", got)
	}
	r := parse(t, "f.md", src("桃源县", 2023, "")+"\n<table><tr><td>1</td></tr></table>\n\n见 ![](media/image1.png)\n")
	var said []string
	for _, w := range Notices([]*report.Report{r}) {
		said = append(said, w.String())
	}
	want := []string{
		"f.md:10:1: warning: body: the HTML <table> here is not published, nor any text inside it, down to the next blank line: pages show no HTML from report files; write it in Markdown (a table as rows of | cells |, a heading as ## 标题) or as plain text (这里的 HTML（<table>）不会发布，其中直到下一个空行的文字也不会显示：网站不显示报告文件中的 HTML；请改用 Markdown（表格每行写成 | 单元格 |，标题写成 ## 标题）或纯文字)",
		"f.md:12:3: warning: body: the image media/image1.png is not published: pages show only its description, the text in ![…]; give what it shows in words or as a table, or, for a picture on the web, its https:// address, which becomes a link (图片 media/image1.png 不会发布，页面上只显示 ![…] 中的说明文字：请把图中内容写成文字或表格；网上的图片可写 https:// 地址，会显示为链接)",
	}
	if strings.Join(said, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(said, "\n"), strings.Join(want, "\n"))
	}
}

// TestQuotedName: a name in Chinese quotation marks, as Word writes the
// quotes typed around it, is said at its key with the name without
// them, once (not also as a county's punctuation); a name that holds
// more than a quoted name is not.
func TestQuotedName(t *testing.T) {
	file := func(county, department string) *report.Report {
		return parse(t, "f.md", strings.Replace(src(county, 2023, ""), "行政审批服务局", department, 1))
	}
	said := func(r *report.Report) []string {
		var out []string
		for _, w := range Notices([]*report.Report{r}) {
			out = append(out, chinese(t, w.String()))
		}
		return out
	}
	if got := said(file("桃源县", "“财政局”")); len(got) != 1 || got[0] != "f.md:4:1: warning: department: 部门名称 “财政局” 两边带有引号“”，这种引号会被当作名称的一部分，网站会把它当作另一个部门，另给它一个页面：请写作 财政局，不加引号（或用英文引号 \"财政局\"）" {
		t.Errorf("“财政局”: %q", got)
	}
	if got := said(file("「桃源县」", "财政局")); len(got) != 1 || !strings.HasPrefix(got[0], "f.md:2:1: warning: county: 县名 「桃源县」 两边带有引号「」") {
		t.Errorf("「桃源县」: %q", got)
	}
	ws := Notices([]*report.Report{file("桃源县", "‘财政局’")})
	if len(ws) != 1 || !strings.HasPrefix(ws[0].Message, "department name ‘财政局’ is in the quotation marks ‘’, which YAML does not take for quotes but for part of the name, and the site for another department, with a page of its own: write 财政局, without them (or in ASCII quotes, \"财政局\") (") {
		t.Errorf("‘财政局’: %+v", ws)
	}
	// (A name of quotation marks alone, “”, names nothing, and its file
	// is refused: report.Parse.)
	for _, d := range []string{"“三公”经费管理办公室", "财政局（国资办）"} {
		if got := said(file("桃源县", d)); len(got) != 0 {
			t.Errorf("%s: %q", d, got)
		}
	}
}
