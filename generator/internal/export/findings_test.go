package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/site"
)

// findingsSite has a report whose sums disagree, whose grade does not
// match its score and whose staff exceed their establishment (桃源县,
// with a department named like a formula), and a report with a likely
// unit slip (甲县 2021); every report leaves core figures out, so each
// has a note on disclosure (check.Info) too.
func findingsSite(t *testing.T) *site.Site {
	t.Helper()
	r := func(county string, year int, total, project string) string {
		return fmt.Sprintf("county: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {total: %s, basic: 50, project: %s}", county, year, total, project)
	}
	return siteOf(t,
		"county: 桃源县\nprefecture: 常德市\ndepartment: =HYPERLINK(\"x\")\nyear: 2020\ntype: 整体支出\nspending: {total: 1530.53, basic: 158.65, project: 1312}\nscore: 97\ngrade: 良\nstaff: {authorized: 25, actual: 30}",
		r("甲县", 2019, "130", "80"), r("甲县", 2020, "140", "90"),
		r("甲县", 2021, "135", "94631500")) // 9463.15万元 typed in 元
}

// readFindingsCSV returns the rows of findings.csv, header first, having
// checked that it opens in spreadsheets: a byte-order mark and CRLF line
// ends.
func readFindingsCSV(t *testing.T, s *site.Site, baseURL string) [][]string {
	t.Helper()
	data, err := FindingsCSV(s, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("lines do not all end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// findingsCount counts the findings of s with and without the notes on
// disclosure.
func findingsCount(s *site.Site) (listed, info int) {
	for _, r := range s.Reports {
		for _, f := range r.Findings() {
			if f.Severity == check.Info {
				info++
			} else {
				listed++
			}
		}
	}
	return listed, info
}

// findings.csv has a row per finding the findings page lists, in its
// order, with the report's cells as reports.csv has them and the
// finding's own: its rule, severity, figures, gap and share as numbers,
// and the link to the finding on its report's page.
func TestFindingsCSV(t *testing.T) {
	s := findingsSite(t)
	rows := readFindingsCSV(t, s, "")
	want := []string{"省份", "地市", "县（市、区）", "区划代码", "部门", "部门类别", "年度", "类型", "项目名称",
		"核对项", "规则", "严重程度", "说明", "涉及的数字", "差额（万元）", "差额占比（%）", "涉及疑为单位错误", "本站页面", "数据文件"}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header %q, want %q", rows[0], want)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	listed, info := findingsCount(s)
	if info == 0 || listed < 5 {
		t.Fatalf("the test site has %d findings and %d notes on disclosure", listed, info)
	}
	if len(rows)-1 != listed {
		t.Errorf("%d rows, want one per finding but the notes on disclosure: %d", len(rows)-1, listed)
	}
	// The order of the findings page.
	order := pages.ListedFindings(s)
	for i, row := range rows[1:] {
		if i >= len(order) {
			break
		}
		if f := order[i]; row[col["数据文件"]] != f.R.File || row[col["规则"]] != f.Rule {
			t.Errorf("row %d is %s %s, want %s %s as the findings page lists it", i+1, row[col["数据文件"]], row[col["规则"]], f.R.File, f.Rule)
		}
	}
	byKey := map[string][]string{}
	for _, row := range rows[1:] {
		if sev := row[col["严重程度"]]; sev == check.Info.Label() || sev == "" {
			t.Errorf("a row of severity %q: %q", sev, row)
		}
		byKey[row[col["县（市、区）"]]+" "+row[col["年度"]]+" "+row[col["规则"]]] = row
	}
	for key, cells := range map[string]map[string]string{
		"桃源县 2020 sum.spending": {
			"地市": "常德市", "部门": `'=HYPERLINK("x")`, "类型": "整体支出", "核对项": "支出合计核对", "严重程度": "不一致",
			"涉及的数字": "支出合计（万元）、基本支出（万元）、项目支出（万元）", "差额（万元）": "59.88", "差额占比（%）": "3.91", "涉及疑为单位错误": "",
			"本站页面": "report/tao-yuan-xian/2020-hyperlink-x-zheng-ti.html#finding-1", "数据文件": "a.md",
		},
		"桃源县 2020 grade.score": {
			"严重程度": "不一致", "涉及的数字": "评价等级、自评得分", "差额（万元）": "", "差额占比（%）": "",
			"本站页面": "report/tao-yuan-xian/2020-hyperlink-x-zheng-ti.html#finding-2",
		},
		"桃源县 2020 staff.actual": {
			"严重程度": "疑点", "涉及的数字": "实有人数、编制人数", "差额（万元）": "", "差额占比（%）": "20.00",
			"说明": "实有人数30人，超过编制人数25人（超编5人）",
		},
		"甲县 2021 unit.size": {
			"部门": "财政局", "部门类别": "财政", "严重程度": "疑点", "涉及的数字": "项目支出（万元）",
			"本站页面": "report/jia-xian/2021-cai-zheng-ju-zheng-ti.html#finding-3", "数据文件": "d.md",
		},
		// Its gap is the size of a likely unit slip, which a column says.
		"甲县 2021 sum.spending": {"严重程度": "不一致", "差额（万元）": "94631415", "涉及疑为单位错误": "是"},
	} {
		row := byKey[key]
		if row == nil {
			t.Errorf("no row %s in %q", key, rows)
			continue
		}
		for header, want := range cells {
			if got := row[col[header]]; got != want {
				t.Errorf("%s %s = %q, want %q", key, header, got, want)
			}
		}
	}
	// A discrepancy a likely unit slip explains comes after the others of
	// its severity, as on the findings page, despite its larger gap.
	tao, jia := slices.IndexFunc(rows, func(r []string) bool {
		return r[col["县（市、区）"]] == "桃源县" && r[col["规则"]] == "sum.spending"
	}),
		slices.IndexFunc(rows, func(r []string) bool {
			return r[col["县（市、区）"]] == "甲县" && r[col["规则"]] == "sum.spending"
		})
	if tao < 0 || jia < 0 || tao > jia {
		t.Errorf("桃源县's discrepancy is row %d, 甲县's (a unit slip) %d: want the slip after", tao, jia)
	}
	// Numbers are never quoted; text is as encoding/csv quotes it.
	data, _ := FindingsCSV(s, "")
	if !bytes.Contains(data, []byte(",59.88,3.91,,")) || !bytes.Contains(data, []byte(`,"'=HYPERLINK(""x"")",`)) {
		t.Errorf("numbers quoted, or text not quoted:\n%s", data)
	}
}

// With a base URL, findings.csv's 本站页面 holds the absolute URL of the
// finding on its report's page, as reports.csv's holds the page's.
func TestFindingsCSVAbsolutePage(t *testing.T) {
	rows := readFindingsCSV(t, findingsSite(t), "https://example.org/portal")
	i := slices.Index(rows[0], "本站页面")
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row[i], "https://example.org/portal/report/") || !strings.Contains(row[i], ".html#finding-") {
			t.Errorf("本站页面 %q, want an absolute URL with the finding's anchor", row[i])
		}
	}
}

// A site without findings has findings.csv with its header alone.
func TestFindingsCSVEmpty(t *testing.T) {
	s := siteOf(t, "county: 乙县\ndepartment: 局\nyear: 2021\ntype: 整体支出\nspending: {total: 100, basic: 40, project: 60}")
	if listed, info := findingsCount(s); listed != 0 || info == 0 {
		t.Fatalf("the test site has %d findings and %d notes on disclosure; want only notes", listed, info)
	}
	if rows := readFindingsCSV(t, s, ""); len(rows) != 1 || len(rows[0]) != len(FindingColumns) {
		t.Errorf("rows %q, want the header alone", rows)
	}
}

// The sheet 说明 of reports.xlsx describes every column of findings.csv.
func TestFindingsCSVInDictionary(t *testing.T) {
	for _, absolute := range []bool{false, true} {
		rows := dictionaryRows(absolute)
		start := slices.IndexFunc(rows, func(r dictionaryRow) bool {
			return r.heading && strings.HasPrefix(r.cells[0], "findings.csv 的列")
		})
		if start < 0 {
			t.Fatal("no section on findings.csv")
		}
		got := rows[start+2:]
		if len(got) != len(FindingColumns) {
			t.Fatalf("%d rows after the section's header, want %d", len(got), len(FindingColumns))
		}
		for i, c := range FindingColumns {
			if got[i].cells[0] != c.Header || got[i].cells[1] != c.JSON || got[i].cells[3] == "" {
				t.Errorf("row %q for the column %s", got[i].cells, c.Header)
			}
		}
		page := got[slices.IndexFunc(FindingColumns, func(c FindingColumn) bool { return c.Key == "page" })].cells[3]
		if strings.Contains(page, "完整网址") != absolute {
			t.Errorf("absolute %v: 本站页面 described as %q", absolute, page)
		}
	}
}

// A share is written with two decimals, as the findings page writes it:
// a gap of 0.001% of its whole is 0.00, not 0, which would read as none,
// and 20% is 20.00.
func TestShareTwoDecimals(t *testing.T) {
	for share, want := range map[float64]string{0.00001: "0.00", 0.2: "20.00", 0.039124: "3.91", 0.0391251: "3.91"} {
		c := shareCell(share)
		if got := string(c.appendNum(nil)); !c.isNum() || got != want {
			t.Errorf("share %v is written %q (a number: %v), want %q", share, got, c.isNum(), want)
		}
	}
	if c := shareCell(0); c.isNum() {
		t.Error("no share is written as a number")
	}
}
