package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
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
	data, err := CSV(testSite(t))
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
		"本站页面": "report/tao-yuan-xian/2020-hyperlink-x-zheng-ti.html", "原填报单位": "万元",
	} {
		if got := tao[col[header]]; got != want {
			t.Errorf("桃源县 %s = %q, want %q", header, got, want)
		}
	}
	if !strings.Contains(tao[col["核对发现"]], "支出合计核对（不一致）：基本支出158.65 + 项目支出1312 = 1470.65") {
		t.Errorf("findings cell %q", tao[col["核对发现"]])
	}
	yi := byCounty["'@乙县"]
	if yi == nil || yi[col["本年收入（万元）"]] != "1.234567" || yi[col["原填报单位"]] != "元" {
		t.Errorf("乙县 row %v", yi)
	}
}

func TestXLSXReadsBack(t *testing.T) {
	f, cellOf := openXLSX(t, testSite(t))
	rows, err := f.GetRows("报告")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "省份" || len(rows[0]) != len(Columns) {
		t.Fatalf("rows %v", rows)
	}
	panes, err := f.GetPanes("报告")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v %v", panes, err)
	}
	// Amounts are numbers shown with two to six decimals.
	shown, raw := cellOf("桃源县", "支出合计（万元）")
	if raw != "1530.53" || shown != "1530.53" {
		t.Errorf("total raw %q shown %q", raw, shown)
	}
	total := slices.IndexFunc(Columns, func(c Column) bool { return c.Key == "spending_total" })
	for row := 2; row <= 3; row++ {
		name, _ := excelize.CoordinatesToCellName(total+1, row)
		if typ, _ := f.GetCellType("报告", name); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("total %s is stored as %v, not a number", name, typ)
		}
	}
	for _, c := range []struct{ county, header, want string }{
		{"桃源县", "自评得分", "97.00"},
		{"桃源县", "因公出国（境）费（万元）", ""}, // not disclosed
		{"桃源县", "原填报单位", "万元"},
		{"@乙县", "原填报单位", "元"},
		{"@乙县", "本年收入（万元）", "1.234567"},
	} {
		if shown, _ := cellOf(c.county, c.header); shown != c.want {
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
	s.Detail = func(r *report.Report) (*report.Report, error) {
		reread++
		full := *r
		full.Evidence = map[string]string{"county": "证据：" + r.County}
		return &full, nil
	}
	data, err := JSON(s)
	if err != nil {
		t.Fatal(err)
	}
	if reread != len(s.Reports) {
		t.Errorf("read %d reports again, want %d", reread, len(s.Reports))
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

// openXLSX opens reports.xlsx of s, and returns a function that gives a
// cell of the 报告 sheet, as shown and as stored, by the county of its
// row and its column's header.
func openXLSX(t *testing.T, s *site.Site) (f *excelize.File, cellOf func(county, header string) (shown, raw string)) {
	t.Helper()
	data, err := XLSX(s)
	if err != nil {
		t.Fatal(err)
	}
	f, err = excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	rows, err := f.GetRows("报告")
	if err != nil {
		t.Fatal(err)
	}
	return f, func(county, header string) (shown, raw string) {
		t.Helper()
		col, row := -1, -1
		for i, h := range rows[0] {
			if h == header {
				col = i
			}
		}
		for i, r := range rows[1:] {
			if len(r) > 2 && r[2] == county {
				row = i + 2
			}
		}
		if col < 0 || row < 0 {
			t.Fatalf("no cell %s of %s in %v", header, county, rows)
		}
		name, err := excelize.CoordinatesToCellName(col+1, row)
		if err != nil {
			t.Fatal(err)
		}
		shown, _ = f.GetCellValue("报告", name)
		raw, _ = f.GetCellValue("报告", name, excelize.Options{RawCellValue: true})
		return shown, raw
	}
}

// Amounts are exact to the fen (0.000001 万元): the workbook shows every
// digit they have, and at least two.
func TestXLSXShowsAmountsToTheFen(t *testing.T) {
	s := siteOf(t, "county: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nspending: {total: 759.343064, basic: 0.000001, project: 12}\nscore: 97.5")
	_, cellOf := openXLSX(t, s)
	for header, want := range map[string]string{
		"支出合计（万元）": "759.343064", "基本支出（万元）": "0.000001", "项目支出（万元）": "12.00", "自评得分": "97.50",
	} {
		shown, raw := cellOf("甲县", header)
		if shown != want {
			t.Errorf("%s shown as %q (stored %q), want %q", header, shown, raw, want)
		}
	}
}

// readCSV returns the rows of reports.csv of s, each by its column's
// header, by county.
func readCSV(t *testing.T, s *site.Site) map[string]map[string]string {
	t.Helper()
	data, err := CSV(s)
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
		out[m["县（市、区）"]] = m
	}
	return out
}

// readJSON returns the reports of reports.json of s by county.
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
		out[r.County] = r
	}
	return out
}

// A 项目支出 report evaluates one project: the department's figures the
// disclosure page calls 不适用 are written so when the report does not
// give them, told apart from a figure not disclosed (blank, null); a
// figure the report does give is kept.
func TestNotApplicableToldFromUndisclosed(t *testing.T) {
	s := siteOf(t,
		"county: 甲县\ndepartment: 局\nyear: 2021\ntype: 项目支出\nscore: 90",
		"county: 乙县\ndepartment: 局\nyear: 2021\ntype: 项目支出\nspending: {total: 100, basic: 30}\nstaff: {actual: 5}\nsangong: {total: 无法识别}",
		"county: 丙县\ndepartment: 局\nyear: 2021\ntype: 整体支出\nscore: 90",
	)
	na := []string{"基本支出（万元）", "项目支出（万元）", "三公经费合计（万元）", "因公出国（境）费（万元）", "公务接待费（万元）",
		"公务用车购置及运行费（万元）", "编制人数", "实有人数"}
	naKeys := []string{"spending_basic", "spending_project", "sangong_total", "sangong_abroad", "sangong_reception",
		"sangong_vehicles", "staff_authorized", "staff_actual"}
	// Not core figures, or core figures of a project: blank when not given.
	blank := []string{"支出合计（万元）", "人员经费（万元）", "公用经费（万元）", "本年收入（万元）", "三公经费较上年增减（万元）", "评价等级"}
	rows := readCSV(t, s)
	_, cellOf := openXLSX(t, s)
	for _, h := range na {
		if got := rows["甲县"][h]; got != "不适用" {
			t.Errorf("CSV 甲县 %s = %q, want 不适用", h, got)
		}
		if got, _ := cellOf("甲县", h); got != "不适用" {
			t.Errorf("XLSX 甲县 %s = %q, want 不适用", h, got)
		}
		if got := rows["丙县"][h]; got != "" {
			t.Errorf("CSV 丙县 (整体支出) %s = %q, want blank", h, got)
		}
	}
	for _, h := range blank {
		if got := rows["甲县"][h]; got != "" {
			t.Errorf("CSV 甲县 %s = %q, want blank", h, got)
		}
		if got, _ := cellOf("甲县", h); got != "" {
			t.Errorf("XLSX 甲县 %s = %q, want blank", h, got)
		}
	}
	for h, want := range map[string]string{"基本支出（万元）": "30", "实有人数": "5", "三公经费合计（万元）": "无法识别", "项目支出（万元）": "不适用"} {
		if got := rows["乙县"][h]; got != want {
			t.Errorf("CSV 乙县 %s = %q, want %q", h, got, want)
		}
	}
	reports := readJSON(t, s)
	if got := reports["甲县"].NotApplicable; !slices.Equal(got, naKeys) {
		t.Errorf("JSON 甲县 not_applicable %q, want %q", got, naKeys)
	}
	for _, k := range naKeys {
		if v, ok := reports["甲县"].Figures[k]; !ok || v != nil {
			t.Errorf("JSON 甲县 %s = %v, want null", k, v)
		}
	}
	want := []string{"spending_project", "sangong_abroad", "sangong_reception", "sangong_vehicles", "staff_authorized"}
	if got := reports["乙县"].NotApplicable; !slices.Equal(got, want) {
		t.Errorf("JSON 乙县 not_applicable %q, want %q", got, want)
	}
	if v := reports["乙县"].Figures["spending_basic"]; v == nil || *v != 30 {
		t.Errorf("JSON 乙县 spending_basic %v, want 30", v)
	}
	if got := reports["丙县"].NotApplicable; got == nil || len(got) != 0 {
		t.Errorf("JSON 丙县 (整体支出) not_applicable %q, want []", got)
	}
}
