package export

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

func testSite(t *testing.T) *site.Site {
	t.Helper()
	return siteOf(t,
		"county: 桃源县\nprefecture: 常德市\ndepartment: =HYPERLINK(\"x\")\nyear: 2020\ntype: 整体支出\nsource: https://example.org/a\nspending: {total: 1530.53, basic: 158.65, project: 1312}\nsangong: {total: 0, abroad: null, reception: 无法识别}\nscore: 97\ngrade: 优\nstaff: {authorized: 25, actual: 17}",
		"county: \"@乙县\"\ndepartment: 局\nyear: 2021\ntype: 项目支出\nunit: 元\nincome: 12345.67",
	)
}

// siteOf returns the site of reports whose front matter is given, checked
// as a build checks them.
func siteOf(t *testing.T, frontMatter ...string) *site.Site {
	t.Helper()
	var rs []*report.Report
	for i, fm := range frontMatter {
		r, err := report.Parse(string(rune('a'+i))+".md", []byte("---\n"+fm+"\n---\n"))
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	_, checks := check.Reports(rs)
	s, err := site.Assemble(rs, checks)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCSVOpensInSpreadsheets(t *testing.T) {
	data, err := CSV(testSite(t), "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if bytes.Count(data, []byte("\r\n")) != 3 || bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("lines do not all end in CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	byCounty := map[string][]string{}
	for _, row := range rows[1:] {
		byCounty[row[col["县（市、区）"]]] = row
	}
	tao := byCounty["桃源县"]
	if tao == nil {
		t.Fatalf("rows %v", rows)
	}
	for header, want := range map[string]string{
		"支出合计（万元）": "1530.53", "三公经费合计（万元）": "0", "因公出国（境）费（万元）": "", "公务接待费（万元）": "无法识别",
		"部门": `'=HYPERLINK("x")`, "原文链接": "https://example.org/a", "评价等级": "优", "实有人数": "17",
		"本站页面": "report/tao-yuan-xian/2020-hyperlink-x-zheng-ti.html", "原文金额单位": "万元",
	} {
		if got := tao[col[header]]; got != want {
			t.Errorf("桃源县 %s = %q, want %q", header, got, want)
		}
	}
	if !strings.Contains(tao[col["核对发现"]], "支出合计核对（不一致）：基本支出158.65 + 项目支出1312 = 1470.65") {
		t.Errorf("findings cell %q", tao[col["核对发现"]])
	}
	yi := byCounty["'@乙县"]
	if yi == nil || yi[col["本年收入（万元）"]] != "1.234567" || yi[col["原文金额单位"]] != "元" {
		t.Errorf("乙县 row %v", yi)
	}
}

func TestXLSXReadsBack(t *testing.T) {
	w := openXLSX(t, testSite(t))
	f, rows := w.f, w.rows
	if len(rows) != 3 || rows[0][0] != "省份" || len(rows[0]) != len(Columns) {
		t.Fatalf("rows %v", rows)
	}
	panes, err := f.GetPanes("报告")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	// Amounts are numbers shown with two to six decimals.
	shown, raw := w.cell("桃源县 2020", "支出合计（万元）")
	if raw != "1530.53" || shown != "1530.53" {
		t.Errorf("total raw %q shown %q", raw, shown)
	}
	if typ, _ := f.GetCellType("报告", w.name("桃源县 2020", "支出合计（万元）")); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("total is stored as %v, not a number", typ)
	}
	for _, c := range []struct{ county, header, want string }{
		{"桃源县 2020", "自评得分", "97"},
		{"桃源县 2020", "因公出国（境）费（万元）", ""}, // not disclosed
		{"桃源县 2020", "原文金额单位", "万元"},
		{"@乙县 2021", "原文金额单位", "元"},
		{"@乙县 2021", "本年收入（万元）", "1.234567"},
	} {
		if shown, _ := w.cell(c.county, c.header); shown != c.want {
			t.Errorf("%s %s shown %q, want %q", c.county, c.header, shown, c.want)
		}
	}
}

func TestJSONKeepsStates(t *testing.T) {
	data, err := JSON(testSite(t))
	if err != nil {
		t.Fatal(err)
	}
	var doc JSONFile
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var tao JSONReport
	for _, r := range doc.Reports {
		if r.County == "桃源县" {
			tao = r
		}
	}
	if tao.OriginalUnit != "万元" {
		t.Errorf("桃源县 original unit %q, want 万元 (the default)", tao.OriginalUnit)
	}
	for _, r := range doc.Reports {
		if r.County == "@乙县" && r.OriginalUnit != "元" {
			t.Errorf("乙县 original unit %q, want 元", r.OriginalUnit)
		}
	}
	if v := tao.Figures["spending_total"]; v == nil || *v != 1530.53 {
		t.Errorf("total %v", v)
	}
	if v, ok := tao.Figures["sangong_abroad"]; !ok || v != nil {
		t.Errorf("abroad should be null, got %v (present %v)", v, ok)
	}
	if v := tao.Figures["sangong_total"]; v == nil || *v != 0 {
		t.Errorf("三公 total should be 0, got %v", v)
	}
	if len(tao.Unreadable) != 1 || tao.Unreadable[0] != "sangong_reception" {
		t.Errorf("unreadable %v", tao.Unreadable)
	}
	found := false
	for _, f := range tao.Findings {
		if f.Rule == "sum.spending" && f.Gap != nil && *f.Gap == 59.88 {
			found = true
		}
	}
	if !found {
		t.Errorf("findings %+v", tao.Findings)
	}
}

// reports.json is written one report at a time; it must be the document
// json.MarshalIndent would make, and read evidence again from the files
// when the site has let it go.
func TestJSONStreamsEvidenceFromFiles(t *testing.T) {
	s := testSite(t)
	reread := 0
	for _, r := range s.Reports {
		r.Evidence = nil
	}
	released := 0
	s.Detail = func(r *report.Report) (*report.Report, func(), error) {
		reread++
		full := *r
		full.Evidence = map[string]string{"county": "证据：" + r.County}
		return &full, func() { released++ }, nil
	}
	data, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if reread != len(s.Reports) || released != reread {
		t.Errorf("read %d reports again and released %d, want %d", reread, released, len(s.Reports))
	}
	var doc JSONFile
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Reports {
		if r.Evidence["county"] != "证据："+r.County {
			t.Errorf("%s: evidence %v", r.County, r.Evidence)
		}
	}
	want, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("reports.json is not laid out as json.MarshalIndent lays it out:\n%s\nwant\n%s", data, want)
	}
	empty, err := JSON(&site.Site{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "{\n \"unit\": \"万元\",\n \"reports\": []\n}"; string(empty) != want {
		t.Errorf("no reports: %q, want %q", empty, want)
	}
}

// workbook is reports.xlsx, opened.
type workbook struct {
	t    *testing.T
	f    *excelize.File
	rows [][]string // of the sheet 报告
}

// openXLSX opens reports.xlsx of s.
func openXLSX(t *testing.T, s *site.Site) *workbook {
	t.Helper()
	data, err := XLSX(s, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	rows, err := f.GetRows("报告")
	if err != nil {
		t.Fatal(err)
	}
	return &workbook{t, f, rows}
}

// name returns the name of a cell of the sheet 报告, such as L3, by the
// county and year of its row ("甲县 2020") and its column's header.
func (w *workbook) name(report, header string) string {
	w.t.Helper()
	col, row := -1, -1
	for i, h := range w.rows[0] {
		if h == header {
			col = i
		}
	}
	county, year := slices.Index(w.rows[0], "县（市、区）"), slices.Index(w.rows[0], "年度")
	for i, r := range w.rows[1:] {
		if len(r) > max(county, year) && r[county]+" "+r[year] == report {
			row = i + 2
		}
	}
	if col < 0 || row < 0 {
		w.t.Fatalf("no cell %s of %s in %v", header, report, w.rows)
	}
	name, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		w.t.Fatal(err)
	}
	return name
}

// cell returns a cell (see name) as shown and as stored.
func (w *workbook) cell(report, header string) (shown, raw string) {
	w.t.Helper()
	name := w.name(report, header)
	shown, _ = w.f.GetCellValue("报告", name)
	raw, _ = w.f.GetCellValue("报告", name, excelize.Options{RawCellValue: true})
	return shown, raw
}

// style returns the style of a cell (see name).
func (w *workbook) style(report, header string) *excelize.Style {
	w.t.Helper()
	id, err := w.f.GetCellStyle("报告", w.name(report, header))
	if err != nil {
		w.t.Fatal(err)
	}
	st, err := w.f.GetStyle(id)
	if err != nil {
		w.t.Fatal(err)
	}
	return st
}

// Amounts are exact to the fen (0.000001 万元): the workbook shows every
// digit they have, and at least two; a score, the digits it has.
func TestXLSXShowsAmountsToTheFen(t *testing.T) {
	s := siteOf(t, "county: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nspending: {total: 759.343064, basic: 0.000001, project: 12}\nscore: 97.5")
	w := openXLSX(t, s)
	for header, want := range map[string]string{
		"支出合计（万元）": "759.343064", "基本支出（万元）": "0.000001", "项目支出（万元）": "12.00", "自评得分": "97.5",
	} {
		shown, raw := w.cell("甲县 2020", header)
		if shown != want {
			t.Errorf("%s shown as %q (stored %q), want %q", header, shown, raw, want)
		}
	}
}

// A score shows the digits it has, as the report gives it: 97, not 97.00
// (a score is not an amount to the fen) nor "97." (as Excel's "0.##"
// shows it), and 96.5 and 88.25 as such. Each numeric column's cells have
// the format of their kind: amounts two to six decimals, years and staff
// none, scores General.
func TestXLSXShowsScoresAsGiven(t *testing.T) {
	s := siteOf(t,
		"county: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nspending: {total: 12.3456, basic: 12, project: 0.3456, personnel: 10, public: 2}\nincome: 13\nsangong: {total: 3, abroad: 0, reception: 1, vehicles: 2, change: -0.5}\nscore: 97\nstaff: {authorized: 25, actual: 17}",
		"county: 乙县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nscore: 96.5",
		"county: 丙县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nscore: 88.25",
		"county: 丁县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nscore: 0",
	)
	w := openXLSX(t, s)
	for _, c := range []struct{ report, header, want string }{
		{"甲县 2020", "自评得分", "97"},
		{"乙县 2020", "自评得分", "96.5"},
		{"丙县 2020", "自评得分", "88.25"},
		{"丁县 2020", "自评得分", "0"},
		{"甲县 2020", "支出合计（万元）", "12.3456"},
		{"甲县 2020", "基本支出（万元）", "12.00"},
		{"甲县 2020", "三公经费较上年增减（万元）", "-0.50"},
		{"甲县 2020", "年度", "2020"},
		{"甲县 2020", "编制人数", "25"},
	} {
		if shown, raw := w.cell(c.report, c.header); shown != c.want {
			t.Errorf("%s %s shown as %q (stored %q), want %q", c.report, c.header, shown, raw, c.want)
		}
	}
	for _, c := range Columns {
		if !c.Number {
			continue
		}
		st := w.style("甲县 2020", c.Header)
		custom := ""
		if st.CustomNumFmt != nil {
			custom = *st.CustomNumFmt
		}
		var wantID int
		var wantCustom string
		switch {
		case c.Unit == "万元":
			wantCustom = "0.00####"
		case c.Key == "year" || c.Unit == "人":
			wantID = 1 // 0
		default:
			wantID = 0 // General
		}
		if st.NumFmt != wantID || custom != wantCustom {
			t.Errorf("%s: number format %d %q, want %d %q", c.Header, st.NumFmt, custom, wantID, wantCustom)
		}
		if strings.HasSuffix(custom, ".##") || strings.HasSuffix(custom, ".#") {
			t.Errorf("%s: number format %q shows a whole number with a trailing dot", c.Header, custom)
		}
	}
}

// readCSV returns the rows of reports.csv of s, each by its column's
// header, by county and year ("甲县 2020").
func readCSV(t *testing.T, s *site.Site) map[string]map[string]string {
	t.Helper()
	data, err := CSV(s, "")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, row := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		out[m["县（市、区）"]+" "+m["年度"]] = m
	}
	return out
}

// readJSON returns the reports of reports.json of s by county and year
// ("甲县 2020").
func readJSON(t *testing.T, s *site.Site) map[string]JSONReport {
	t.Helper()
	data, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc JSONFile
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]JSONReport{}
	for _, r := range doc.Reports {
		out[r.County+" "+strconv.Itoa(r.Year)] = r
	}
	return out
}

// A 项目支出 report evaluates one project: every figure of the
// department that a report of its type does not have (check.NotApplicable),
// the parts of 基本支出 and the 三公 change as well as the core figures
// the disclosure page calls 不适用, is written so when the report does not
// give it, told apart from a figure not disclosed (blank, null); a figure
// the report does give is kept as the pages show it. reports.json lists
// in not_applicable only such figures that the report does not give, so
// that it never contradicts figures, and the sheet 说明 names exactly
// those columns.
func TestNotApplicableToldFromUndisclosed(t *testing.T) {
	s := siteOf(t,
		"county: 甲县\ndepartment: 局\nyear: 2021\ntype: 项目支出\nscore: 90",
		"county: 乙县\ndepartment: 局\nyear: 2021\ntype: 项目支出\nspending: {total: 100, basic: 30}\nstaff: {actual: 5}\nsangong: {total: 无法识别}",
		"county: 丙县\ndepartment: 局\nyear: 2021\ntype: 整体支出\nscore: 90",
	)
	na := []string{"基本支出（万元）", "项目支出（万元）", "人员经费（万元）", "公用经费（万元）", "三公经费合计（万元）",
		"因公出国（境）费（万元）", "公务接待费（万元）", "公务用车购置及运行费（万元）", "三公经费较上年增减（万元）", "编制人数", "实有人数"}
	naKeys := []string{"spending_basic", "spending_project", "spending_personnel", "spending_public", "sangong_total",
		"sangong_abroad", "sangong_reception", "sangong_vehicles", "sangong_change", "staff_authorized", "staff_actual"}
	// The figures a project has: blank when not given.
	blank := []string{"支出合计（万元）", "本年收入（万元）", "评价等级"}
	rows := readCSV(t, s)
	w := openXLSX(t, s)
	for _, h := range na {
		if got := rows["甲县 2021"][h]; got != "不适用" {
			t.Errorf("CSV 甲县 %s = %q, want 不适用", h, got)
		}
		if got, _ := w.cell("甲县 2021", h); got != "不适用" {
			t.Errorf("XLSX 甲县 %s = %q, want 不适用", h, got)
		}
		if got := rows["丙县 2021"][h]; got != "" {
			t.Errorf("CSV 丙县 (整体支出) %s = %q, want blank", h, got)
		}
	}
	for _, h := range blank {
		if got := rows["甲县 2021"][h]; got != "" {
			t.Errorf("CSV 甲县 %s = %q, want blank", h, got)
		}
		if got, _ := w.cell("甲县 2021", h); got != "" {
			t.Errorf("XLSX 甲县 %s = %q, want blank", h, got)
		}
	}
	for h, want := range map[string]string{"基本支出（万元）": "30", "实有人数": "5", "三公经费合计（万元）": "无法识别", "项目支出（万元）": "不适用"} {
		if got := rows["乙县 2021"][h]; got != want {
			t.Errorf("CSV 乙县 %s = %q, want %q", h, got, want)
		}
	}
	reports := readJSON(t, s)
	if got := reports["甲县 2021"].NotApplicable; !slices.Equal(got, naKeys) {
		t.Errorf("JSON 甲县 not_applicable %q, want %q", got, naKeys)
	}
	for _, k := range naKeys {
		if v, ok := reports["甲县 2021"].Figures[k]; !ok || v != nil {
			t.Errorf("JSON 甲县 %s = %v, want null", k, v)
		}
	}
	// The figures given (spending_basic, staff_actual) or given but
	// unreadable (sangong_total) are not listed: not_applicable names
	// only the figures that are null for not applying.
	given := []string{"spending_project", "spending_personnel", "spending_public",
		"sangong_abroad", "sangong_reception", "sangong_vehicles", "sangong_change", "staff_authorized"}
	if got := reports["乙县 2021"].NotApplicable; !slices.Equal(got, given) {
		t.Errorf("JSON 乙县 not_applicable %q, want %q", got, given)
	}
	if v := reports["乙县 2021"].Figures["spending_basic"]; v == nil || *v != 30 {
		t.Errorf("JSON 乙县 spending_basic %v, want 30", v)
	}
	if v := reports["乙县 2021"].Figures["staff_actual"]; v == nil || *v != 5 {
		t.Errorf("JSON 乙县 staff_actual %v, want 5", v)
	}
	// The sheet 说明 names exactly the columns written 不适用.
	dict, err := w.f.GetRows(dictionarySheetName)
	if err != nil {
		t.Fatal(err)
	}
	var meaning string
	for _, row := range dict {
		if len(row) > 3 && row[0] == "不适用" {
			meaning = row[3]
		}
	}
	var names []string
	for _, h := range na {
		names = append(names, strings.TrimSuffix(h, "（万元）"))
	}
	if want := "部门的" + strings.Join(names, "、") + "不适用于它"; !strings.Contains(meaning, want) {
		t.Errorf("说明 of 不适用 = %q, want it to say %q", meaning, want)
	}
	// Its row for the key not_applicable says so too: a program that read
	// it as "null in figures" would throw away 乙县's given figures.
	var keyMeaning string
	for _, row := range dict {
		if len(row) > 3 && row[1] == "not_applicable" {
			keyMeaning = row[3]
		}
	}
	if !strings.Contains(keyMeaning, "报告也没有给出") || !strings.Contains(keyMeaning, "报告给出了的部门数字不列入，figures 中照列该数字") {
		t.Errorf("说明 of the key not_applicable = %q, want it to say given figures are kept", keyMeaning)
	}
	if got := reports["丙县 2021"].NotApplicable; got == nil || len(got) != 0 {
		t.Errorf("JSON 丙县 (整体支出) not_applicable %q, want []", got)
	}
}

// A likely unit slip (see site.Report.Suspect), which the pages mark ⚠
// 疑为单位错误 and leave out of ranks, is not a number in reports.csv and
// reports.xlsx, where a sort or a sum of its column would take it (a
// journalist's review: 94631500 topped the column): its cell says
// 疑为单位错误 (on an amber fill in the workbook), and the column
// 疑为单位错误 gives it as given, with its column's header. reports.json
// keeps it in figures and lists its key in suspect.
func TestSuspectFiguresMarked(t *testing.T) {
	r := func(county string, year int, total, project string) string {
		return fmt.Sprintf("county: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\nspending: {total: %s, basic: 50, project: %s}", county, year, total, project)
	}
	s := siteOf(t, r("甲县", 2019, "130", "80"), r("甲县", 2020, "140", "90"),
		r("甲县", 2021, "135", "94631500"), // 9463.15万元 typed in 元: unit.years
		r("乙县", 2021, "300", "250"),
		r("丁县", 2021, "12005000", "11955000"), // in 元, and no other year: unit.size
		// A count of staff no county department has: its cell says what
		// the pages say of it, a number in doubt, not a unit.
		r("戊县", 2021, "1530.53", "500")+"\nstaff: {authorized: 40, actual: 1700000}")
	rows := readCSV(t, s)
	reports := readJSON(t, s)
	w := openXLSX(t, s)
	for _, c := range []struct {
		report string
		want   string
		keys   []string
	}{
		{"甲县 2021", "项目支出（万元）：94631500", []string{"spending_project"}},
		{"丁县 2021", "支出合计（万元）：12005000；项目支出（万元）：11955000", []string{"spending_total", "spending_project"}},
		{"甲县 2020", "", []string{}},
		{"乙县 2021", "", []string{}},
		{"戊县 2021", "实有人数：1700000", []string{"staff_actual"}},
	} {
		want := c.want
		if got := rows[c.report]["疑为单位错误"]; got != want {
			t.Errorf("CSV %s 疑为单位错误 = %q, want %q", c.report, got, want)
		}
		if got, _ := w.cell(c.report, "疑为单位错误"); got != want {
			t.Errorf("XLSX %s 疑为单位错误 = %q, want %q", c.report, got, want)
		}
		if got := reports[c.report].Suspect; !slices.Equal(got, c.keys) || got == nil {
			t.Errorf("JSON %s suspect %q, want %q", c.report, got, c.keys)
		}
	}
	// The slip's own cell is a word, not a number; its neighbours keep
	// theirs. reports.json keeps the value as given.
	for _, c := range [][3]string{
		{"甲县 2021", "项目支出（万元）", "疑为单位错误"}, {"甲县 2021", "支出合计（万元）", "135.00"},
		{"丁县 2021", "支出合计（万元）", "疑为单位错误"}, {"丁县 2021", "基本支出（万元）", "50.00"},
		{"甲县 2020", "项目支出（万元）", "90.00"},
		{"戊县 2021", "实有人数", "疑为数字错误"}, {"戊县 2021", "编制人数", "40"},
		{"戊县 2021", "支出合计（万元）", "1530.53"},
	} {
		if got := rows[c[0]][c[1]]; strings.TrimSuffix(got, ".00") != strings.TrimSuffix(c[2], ".00") {
			t.Errorf("CSV %s %s = %q, want %q", c[0], c[1], got, c[2])
		}
		shown, raw := w.cell(c[0], c[1])
		if shown != c[2] {
			t.Errorf("XLSX %s %s shows %q (raw %q), want %q", c[0], c[1], shown, raw, c[2])
		}
	}
	if typ, _ := w.f.GetCellType("报告", w.name("甲县 2021", "项目支出（万元）")); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
		t.Errorf("XLSX 甲县 2021 项目支出: cell type %v, want text", typ)
	}
	if v := reports["甲县 2021"].Figures["spending_project"]; v == nil || *v != 94631500 {
		t.Errorf("JSON 甲县 2021 spending_project %v, want 94631500 as given", v)
	}
	// In the workbook the slip is on a fill, its neighbours are not.
	if st := w.style("甲县 2021", "项目支出（万元）"); len(st.Fill.Color) == 0 {
		t.Errorf("XLSX 甲县 2021 项目支出: the slip's style %+v has no fill", st)
	}
	for _, c := range [][2]string{{"甲县 2021", "支出合计（万元）"}, {"甲县 2020", "项目支出（万元）"}} {
		if st := w.style(c[0], c[1]); len(st.Fill.Color) != 0 {
			t.Errorf("XLSX %s %s: filled %v, yet not a slip", c[0], c[1], st.Fill.Color)
		}
	}
}

// With the site's absolute URL (build -base-url), the column 本站页面
// holds each report page's absolute URL, which a spreadsheet can follow;
// without one, its path from the site's root. reports.json's page is
// always the path.
func TestPageColumnAbsoluteWithBaseURL(t *testing.T) {
	s := testSite(t)
	const path = "report/tao-yuan-xian/2020-hyperlink-x-zheng-ti.html"
	for base, want := range map[string]string{
		"":                            path,
		"https://example.org/portal":  "https://example.org/portal/" + path,
		"https://example.org/portal/": "https://example.org/portal/" + path,
	} {
		data, err := CSV(s, base)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "本站页面")
		if !slices.ContainsFunc(rows[1:], func(row []string) bool { return row[col] == want }) {
			t.Errorf("base %q: CSV 本站页面 %q, want %q", base, rows, want)
		}
		data, err = XLSX(s, base)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		xrows, err := f.GetRows("报告")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(xrows[1:], func(row []string) bool { return len(row) > col && row[col] == want }) {
			t.Errorf("base %q: XLSX 本站页面 %q, want %q", base, xrows, want)
		}
	}
	if r := readJSON(t, s)["桃源县 2020"]; r.Page != path {
		t.Errorf("JSON page %q, want %q", r.Page, path)
	}
}

// reports.xlsx has a second sheet, 说明, the data dictionary: every column
// with its header, its key in reports.json (which must be there), its
// unit and meaning; what blank, 无法识别, 不适用 and 疑为单位错误 mean; the
// severities of the findings and the rules. The workbook opens on 报告,
// and each of its parts is well-formed XML.
func TestXLSXDataDictionary(t *testing.T) {
	s := testSite(t)
	var doc map[string]any
	data, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	jsonReport := doc["reports"].([]any)[0].(map[string]any)
	for _, base := range []string{"", "https://example.org/portal/"} {
		data, err := XLSX(s, base)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range zr.File {
			if !strings.HasSuffix(part.Name, ".xml") && !strings.HasSuffix(part.Name, ".rels") {
				continue
			}
			body, err := readPart(part)
			if err != nil {
				t.Fatal(err)
			}
			dec := xml.NewDecoder(bytes.NewReader(body))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", part.Name, err)
				}
			}
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !slices.Equal(got, []string{"报告", "说明"}) || f.GetActiveSheetIndex() != 0 {
			t.Errorf("sheets %v, active %d; want 报告 (shown) and 说明", got, f.GetActiveSheetIndex())
		}
		rows, err := f.GetRows("说明")
		if err != nil {
			t.Fatal(err)
		}
		byFirst := map[string][]string{}
		byKey := map[string][]string{}
		for _, row := range rows {
			row = append(row, "", "", "", "")[:4]
			if _, ok := byFirst[row[0]]; !ok {
				byFirst[row[0]] = row
			}
			byKey[row[1]] = row
		}
		for _, c := range Columns {
			row := byFirst[c.Header]
			if row == nil || row[3] == "" {
				t.Errorf("base %q: no description of the column %s: %q", base, c.Header, row)
				continue
			}
			key, ok := strings.CutPrefix(row[1], "figures.")
			where := jsonReport
			if ok {
				where = jsonReport["figures"].(map[string]any)
			}
			if _, there := where[key]; !there || key != c.Key {
				t.Errorf("column %s: JSON key %q, not in reports.json as %q", c.Header, row[1], c.Key)
			}
			if unit := map[bool]string{true: "万元", false: ""}[strings.HasSuffix(c.Header, "（万元）")]; unit != "" && row[2] != unit {
				t.Errorf("column %s: unit %q, want %q", c.Header, row[2], unit)
			}
		}
		for _, k := range []string{"figures.score", "figures.staff_actual"} {
			if unit := byKey[k][2]; unit != map[string]string{"figures.score": "分", "figures.staff_actual": "人"}[k] {
				t.Errorf("%s: unit %q", k, unit)
			}
		}
		for _, word := range []string{"（空白）", "无法识别", "不适用", "疑为单位错误", "疑为数字错误"} {
			if row := byFirst[word]; row == nil || row[3] == "" {
				t.Errorf("no meaning of %s", word)
			}
		}
		if !strings.Contains(byFirst["不适用"][3], "基本支出、项目支出、人员经费、公用经费、三公经费合计") {
			t.Errorf("不适用 does not name the figures: %q", byFirst["不适用"])
		}
		for _, sev := range []check.Severity{check.Info, check.Rounding, check.Warning, check.Discrepancy} {
			if row := byKey[sev.String()]; row == nil || row[0] != sev.Label() || row[3] == "" {
				t.Errorf("no meaning of the severity %s: %q", sev.Label(), row)
			}
		}
		for _, rule := range check.Rules {
			if row := byKey[rule.ID]; row == nil || row[0] != rule.Title || row[3] != rule.Description {
				t.Errorf("rule %s: %q", rule.ID, row)
			}
		}
		for _, k := range []string{"unreadable", "not_applicable", "evidence", "unit"} {
			if row := byKey[k]; row == nil || row[3] == "" {
				t.Errorf("no meaning of reports.json's %s", k)
			}
			if _, there := jsonReport[k]; !there && k != "unit" {
				t.Errorf("reports.json has no %s", k)
			}
		}
		// The page column says what it holds: with a base URL, an absolute
		// URL; without one, a path from the site's root.
		page := byFirst["本站页面"][3]
		if want := map[bool]string{true: "完整网址", false: "相对于本站根目录"}[base != ""]; !strings.HasPrefix(page, "本报告在本站的页面") || !strings.Contains(page, want) {
			t.Errorf("base %q: 本站页面 described as %q, want it to say %s", base, page, want)
		}
		// 核对发现 leaves out the note on disclosure, and says why.
		if !strings.Contains(byFirst["核对发现"][3], "不含“核心数据披露”") {
			t.Errorf("核对发现 does not say it leaves out the note on disclosure: %q", byFirst["核对发现"][3])
		}
	}
}

// The note on disclosure (核心数据披露) is in reports.json's findings, and
// left out of the column 核对发现 on purpose: the row's cells show which
// figures are not disclosed (see appendFindings).
func TestDisclosureNoteOnlyInJSON(t *testing.T) {
	s := siteOf(t, "county: 甲县\ndepartment: 局\nyear: 2021\ntype: 整体支出\nspending: {total: 10, basic: 4, project: 7}")
	if got := readCSV(t, s)["甲县 2021"]["核对发现"]; strings.Contains(got, "核心数据披露") || !strings.Contains(got, "支出合计核对") {
		t.Errorf("CSV 核对发现 %q", got)
	}
	var rules []string
	for _, f := range readJSON(t, s)["甲县 2021"].Findings {
		rules = append(rules, f.Rule)
	}
	if !slices.Contains(rules, "disclosure") || !slices.Contains(rules, "sum.spending") {
		t.Errorf("JSON findings %q, want disclosure and sum.spending", rules)
	}
}

// TestXLSXDatedByItsContent: reports.xlsx states as its created and
// modified dates, which Excel and WPS show as the file's, the newest
// publication date of its reports, and without one, January 1 after their
// latest year: never a date that has nothing to do with the data.
func TestXLSXDatedByItsContent(t *testing.T) {
	for _, tt := range []struct {
		published []string
		want      string
	}{
		{[]string{"2021-05-18", "2022-06-30"}, "2022-06-30T00:00:00Z"},
		{[]string{"", ""}, "2022-01-01T00:00:00Z"},
	} {
		s := siteOf(t,
			"county: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\npublished: "+cmp.Or(tt.published[0], "null"),
			"county: 乙县\ndepartment: 局\nyear: 2021\ntype: 整体支出\npublished: "+cmp.Or(tt.published[1], "null"))
		w := openXLSX(t, s)
		props, err := w.f.GetDocProps()
		if err != nil {
			t.Fatal(err)
		}
		if props.Created != tt.want || props.Modified != tt.want {
			t.Errorf("%v: created %q, modified %q, want %q", tt.published, props.Created, props.Modified, tt.want)
		}
	}
}

// TestDepartmentKindColumn: the column 部门类别 (and reports.json's
// department_kind) names the kind a 整体支出 report is ranked within, so
// that a reader can reproduce the site's ranks from the download; a
// 项目支出 report, ranked among all of its year, still gets its
// department's kind, and a department the table does not know is a kind
// of its own name.
func TestDepartmentKindColumn(t *testing.T) {
	s := siteOf(t,
		"county: 甲县\ndepartment: 教育和体育局\nyear: 2021\ntype: 整体支出\nspending: {total: 900}",
		"county: 乙县\ndepartment: 教育局\nyear: 2021\ntype: 整体支出\nspending: {total: 800}",
		"county: 丙县\ndepartment: 文旅局\nyear: 2021\ntype: 整体支出\nspending: {total: 300}",
		"county: 丁县\ndepartment: 教育局\nyear: 2022\ntype: 项目支出\nproject: 校舍维修\nspending: {total: 50}",
		"county: 戊县\ndepartment: 县志办公室\nyear: 2021\ntype: 整体支出\nspending: {total: 20}",
	)
	csvRows, jsonRows := readCSV(t, s), readJSON(t, s)
	for key, want := range map[string]string{
		"甲县 2021": "教育", "乙县 2021": "教育", "丙县 2021": "文化旅游", "丁县 2022": "教育", "戊县 2021": "县志办公室",
	} {
		if got := csvRows[key]["部门类别"]; got != want {
			t.Errorf("reports.csv %s 部门类别 = %q, want %q", key, got, want)
		}
		if got := jsonRows[key].DepartmentKind; got != want {
			t.Errorf("reports.json %s department_kind = %q, want %q", key, got, want)
		}
	}
	// The ranks the pages give are within these groups: 甲县 and 乙县
	// compete, 丙县 does not.
	for _, r := range s.Reports {
		if r.County.Name == "甲县" && r.Peers != nil && len(r.Peers.Reports) != 2 {
			t.Errorf("甲县's peers: %d reports, want 2 (the 教育 kind)", len(r.Peers.Reports))
		}
	}
}

// A report's 发布日期 is a date in the workbook, shown YYYY-MM-DD as the
// CSV writes it and stored as Excel's serial day, so that a spreadsheet
// sorts and filters it as a date; one not given is blank.
func TestXLSXPublishedIsADate(t *testing.T) {
	s := siteOf(t, "county: 甲县\ndepartment: 局\nyear: 2021\ntype: 整体支出\npublished: 2022-05-18",
		"county: 乙县\ndepartment: 局\nyear: 2021\ntype: 整体支出")
	w := openXLSX(t, s)
	if shown, raw := w.cell("甲县 2021", "发布日期"); shown != "2022-05-18" || raw != "44699" {
		t.Errorf("发布日期 shown as %q, stored %q; want 2022-05-18 stored as the serial day 44699", shown, raw)
	}
	if st := w.style("甲县 2021", "发布日期"); st.CustomNumFmt == nil || *st.CustomNumFmt != "yyyy-mm-dd" {
		t.Errorf("发布日期's number format is %v, want yyyy-mm-dd", st.CustomNumFmt)
	}
	if shown, _ := w.cell("乙县 2021", "发布日期"); shown != "" {
		t.Errorf("乙县's 发布日期, not given, is %q", shown)
	}
	if got := readCSV(t, s)["甲县 2021"]["发布日期"]; got != "2022-05-18" {
		t.Errorf("reports.csv's 发布日期 is %q", got)
	}
}
