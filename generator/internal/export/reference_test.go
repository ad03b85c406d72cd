package export

// The downloads are written by hand for speed; these tests hold them to the
// bytes that the straightforward implementations below (encoding/csv,
// json.MarshalIndent, excelize rows of boxed values) write, on the test
// site and on random reports full of awkward text and numbers. The parts
// of reports.xlsx are deflated by a faster compressor than excelize's
// default, so the workbooks are compared part by part: the same parts in
// the same order, with the same headers and, once inflated, the same bytes.

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/jsontext"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// referenceText is a cell's text in reports.csv, formatted as the first
// implementation did, with the site's absolute URL base (or "").
func referenceText(r *site.Report, c Column, base string) (text string, isNum bool) {
	v := c.get(r)
	switch {
	case v.state == report.Unreadable:
		return "无法识别", false
	case referenceNotApplicable(r, c):
		return "不适用", false
	case v.kind == suspectCell:
		return strings.Join(referenceSuspectTexts(r), "；"), false
	case v.kind == pageCell:
		return referencePage(r, base), false
	case v.kind == findingsCell:
		return strings.Join(referenceFindingTexts(r), "；"), false
	case v.state != report.Disclosed:
		return "", false
	case referenceSuspect(r, c):
		return referenceSlipWords(c), false
	}
	if num, ok := referenceNum(v); ok {
		return num, true
	}
	return v.text, false
}

// referenceSlipWords is what the cell of a likely slip in column c says,
// as the pages say it: a count of staff is a number in doubt, anything
// else a unit.
func referenceSlipWords(c Column) string {
	if c.Key == "staff_authorized" || c.Key == "staff_actual" {
		return "疑为数字错误"
	}
	return "疑为单位错误"
}

// referenceNum is the text of a numeric cell given, and whether it is one.
func referenceNum(v cell) (string, bool) {
	switch v.kind {
	case amountCell:
		return report.Amount(v.i).String(), true
	case intCell:
		return strconv.Itoa(int(v.i)), true
	case floatCell:
		return strconv.FormatFloat(v.f, 'f', -1, 64), true
	}
	return "", false
}

// referenceSuspectTexts lists r's likely unit slips as the column
// 疑为单位错误 gives them: each column's header, "：" and the figure.
func referenceSuspectTexts(r *site.Report) []string {
	var out []string
	for _, c := range Columns {
		if referenceSuspect(r, c) {
			num, _ := referenceNum(c.get(r))
			out = append(out, c.Header+"："+num)
		}
	}
	return out
}

// referenceNotApplicable reports whether r does not give the column's
// figure and it is one a report of r's type does not have
// (check.NotApplicable), written 不适用.
func referenceNotApplicable(r *site.Report, c Column) bool {
	return c.Figure != "" && r.FigureState(c.Figure) == report.NotDisclosed && check.NotApplicable(r.Type, c.Figure)
}

// referencePage is the text of the column 本站页面: the report page's URL
// under the site's absolute URL base, or its path without one.
func referencePage(r *site.Report, base string) string {
	if base == "" {
		return r.URL
	}
	return strings.TrimSuffix(base, "/") + "/" + r.URL
}

// referenceSuspect reports whether the column holds a figure r gives that
// the pages mark as a likely unit slip.
func referenceSuspect(r *site.Report, c Column) bool {
	return c.Number && c.Figure != "" && r.FigureState(c.Figure) == report.Disclosed && r.Suspect(c.Figure)
}

// referenceSuspects lists the headers (with "header") or keys of the
// columns of r's likely unit slips.
func referenceSuspects(r *site.Report, name string) []string {
	out := []string{}
	for _, c := range Columns {
		if referenceSuspect(r, c) {
			if name == "header" {
				out = append(out, c.Header)
			} else {
				out = append(out, c.Key)
			}
		}
	}
	return out
}

func referenceFindingTexts(r *site.Report) []string {
	var out []string
	for _, f := range r.Findings() {
		if f.Severity == check.Info {
			continue
		}
		if len(out) > 0 {
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], "。") // before "；"
		}
		out = append(out, f.Title+"（"+f.Severity.Label()+"）："+f.Message)
	}
	return out
}

func referenceNeutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// referenceCSV writes reports.csv with encoding/csv, for the site's
// absolute URL base (or "").
func referenceCSV(s *site.Site, base string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	head := make([]string, len(Columns))
	for i, c := range Columns {
		head[i] = c.Header
	}
	w.Write(head)
	for _, r := range s.Reports {
		row := make([]string, len(Columns))
		for i, c := range Columns {
			text, isNum := referenceText(r, c, base)
			if !isNum {
				text = referenceNeutralise(text)
			}
			row[i] = text
		}
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// referenceFindingsCSV writes findings.csv with encoding/csv, for the
// site's absolute URL base (or ""), in the order of the findings page.
func referenceFindingsCSV(s *site.Site, base string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write([]string{"省份", "地市", "县（市、区）", "区划代码", "部门", "部门类别", "年度", "类型", "项目名称",
		"核对项", "规则", "严重程度", "说明", "涉及的数字", "差额（万元）", "差额占比（%）", "涉及疑为单位错误", "本站页面", "数据文件"})
	column := func(key string) Column {
		for _, c := range Columns {
			if c.Key == key {
				return c
			}
		}
		panic(key)
	}
	for _, f := range pages.ListedFindings(s) {
		var row []string
		of := func(key string) {
			text, isNum := referenceText(f.R, column(key), base)
			if !isNum {
				text = referenceNeutralise(text)
			}
			row = append(row, text)
		}
		for _, key := range []string{"province", "prefecture", "county", "adcode", "department", "department_kind", "year", "type", "project"} {
			of(key)
		}
		var figures []string
		for _, k := range f.Keys {
			name := k
			for _, c := range Columns {
				if k != "" && (c.Figure == k || c.Figure == "" && c.Key == k) {
					name = c.Header
					break
				}
			}
			figures = append(figures, name)
		}
		gap, share := "", ""
		if f.Finding.Gap != 0 {
			gap = f.Finding.Gap.String()
		}
		if f.Finding.Share != 0 {
			share = fmt.Sprintf("%.2f", f.Finding.Share*100)
		}
		for _, text := range []string{f.Title, f.Rule, f.Severity.Label(), f.Message, strings.Join(figures, "、")} {
			row = append(row, referenceNeutralise(text))
		}
		slip := ""
		if f.Slip {
			slip = "是"
		}
		row = append(row, gap, share, slip, referenceNeutralise(referencePage(f.R, base)+"#finding-"+strconv.Itoa(f.N)))
		of("file")
		w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// referenceXLSX writes reports.xlsx with a new row of boxed values for
// every report, for the site's absolute URL base (or "").
func referenceXLSX(t testing.TB, s *site.Site, base string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "报告"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return withUsedRange(zip.NewWriter(w), len(s.Reports)) })
	must(f.SetSheetName("Sheet1", sheet))
	must(f.SetDocProps(&excelize.DocProperties{Creator: "县级部门绩效自评报告比较", Created: s.Updated(), Modified: s.Updated()}))
	sw, err := f.NewStreamWriter(sheet)
	must(err)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	must(err)
	decimals := "0.00####"
	dec, err := f.NewStyle(&excelize.Style{CustomNumFmt: &decimals})
	must(err)
	integer, err := f.NewStyle(&excelize.Style{NumFmt: 1})
	must(err)
	amber := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}
	suspect, err := f.NewStyle(&excelize.Style{Fill: amber})
	must(err)
	general, err := f.NewStyle(&excelize.Style{NumFmt: 0})
	must(err)
	dateFormat := "yyyy-mm-dd"
	dated, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	must(err)
	for i := len(Columns) - 1; i >= 0; i-- {
		width := 12.0
		if c := Columns[i]; c.Key == "title" || c.Key == "source" || c.Key == "page" {
			width = 40
		}
		must(sw.SetColWidth(i+1, i+1, width))
	}
	must(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	head := make([]any, len(Columns))
	for i, c := range Columns {
		head[i] = excelize.Cell{Value: c.Header, StyleID: bold}
	}
	must(sw.SetRow("A1", head))
	last, err := excelize.ColumnNumberToName(len(Columns))
	must(err)
	must(f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", last, len(s.Reports)+1), nil))
	for n, r := range s.Reports {
		row := make([]any, len(Columns))
		for i, c := range Columns {
			v := c.get(r)
			whole := c.Key == "year" || strings.HasPrefix(c.Key, "staff")
			score := c.Key == "score"
			switch {
			case v.isNum() && referenceSuspect(r, c):
				row[i] = excelize.Cell{Value: referenceSlipWords(c), StyleID: suspect}
			case v.isNum() && whole:
				row[i] = excelize.Cell{Value: v.num(), StyleID: integer}
			case v.isNum() && score:
				row[i] = excelize.Cell{Value: v.num(), StyleID: general}
			case v.isNum():
				row[i] = excelize.Cell{Value: v.num(), StyleID: dec}
			case v.state == report.Unreadable:
				row[i] = "无法识别"
			case referenceNotApplicable(r, c):
				row[i] = "不适用"
			case v.kind == findingsCell:
				row[i] = strings.Join(referenceFindingTexts(r), "；")
			case v.kind == suspectCell:
				row[i] = strings.Join(referenceSuspectTexts(r), "；")
			case v.kind == dateCell:
				d, err := time.Parse("2006-01-02", v.text)
				must(err)
				row[i] = excelize.Cell{Value: d, StyleID: dated}
			case v.kind == pageCell:
				row[i] = referencePage(r, base)
			case v.state == report.Disclosed:
				row[i] = v.text
			default:
				row[i] = nil
			}
		}
		for i, v := range row {
			if t, ok := v.(string); ok {
				row[i] = referenceCut(t)
			}
		}
		axis, err := excelize.CoordinatesToCellName(1, n+2)
		must(err)
		must(sw.SetRow(axis, row))
	}
	must(sw.Flush())
	must(addDictionarySheet(f, base != ""))
	var buf bytes.Buffer
	_, err = f.WriteTo(&buf)
	must(err)
	return buf.Bytes()
}

// referenceJSONReport is a report of reports.json as a value for
// json.MarshalIndent.
func referenceJSONReport(r *site.Report, evidence map[string]string) *JSONReport {
	if evidence == nil {
		evidence = map[string]string{}
	}
	jr := &JSONReport{
		Province: r.County.Province, Prefecture: r.County.Prefecture, County: r.County.Name, Adcode: r.County.Adcode,
		Department: r.Department, DepartmentKind: r.DepartmentKind.Name, Year: r.Year, Type: r.Type, Title: r.Title, Published: r.Published, Source: r.Source,
		OriginalUnit: r.Unit, Figures: map[string]*float64{}, Evidence: evidence, Page: r.URL, File: r.File, Unreadable: []string{},
		NotApplicable: []string{}, Suspect: referenceSuspects(r, "key"), Derived: []string{},
	}
	for _, c := range Columns {
		if c.Number && c.Key != "year" && slices.Contains(r.Derived, c.Figure) {
			jr.Derived = append(jr.Derived, c.Key)
		}
	}
	for _, c := range Columns {
		if !c.Number || c.Key == "year" {
			continue
		}
		v := c.get(r)
		if v.isNum() {
			n := v.num()
			jr.Figures[c.Key] = &n
		} else {
			jr.Figures[c.Key] = nil
			if v.state == report.Unreadable {
				jr.Unreadable = append(jr.Unreadable, c.Key)
			}
		}
		// Only when not given, as the CSV writes 不适用.
		if referenceNotApplicable(r, c) {
			jr.NotApplicable = append(jr.NotApplicable, c.Key)
		}
	}
	if r.Grade.Known() {
		g := r.Grade.V
		jr.Grade = &g
	}
	jr.Findings = []JSONFinding{}
	for _, f := range r.Findings() {
		jf := JSONFinding{Rule: f.Rule, Title: f.Title, Severity: f.Severity.String(), Message: f.Message, Figures: f.Keys}
		if f.Gap != 0 {
			g := f.Gap.Wan()
			jf.Gap = &g
		}
		jr.Findings = append(jr.Findings, jf)
	}
	return jr
}

// referenceJSON writes reports.json one json.MarshalIndent at a time.
func referenceJSON(t testing.TB, s *site.Site) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("{\n \"unit\": \"万元\",\n \"reports\": [")
	for i, r := range s.Reports {
		data, err := json.MarshalIndent(referenceJSONReport(r, r.Evidence), "  ", " ")
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n  ")
		buf.Write(data)
	}
	if len(s.Reports) > 0 {
		buf.WriteString("\n ")
	}
	buf.WriteString("]\n}")
	return buf.Bytes()
}

// awkward holds pieces of text that quoting and escaping must get right.
var awkward = []string{
	"a", "Z", "0", "桃源县", "（", "；", "<", ">", "&", `"`, `\`, "'", ",", "\n", "\r", "\r\n", "\t", "\b",
	"\f", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\xff", "\xe6\x97", "\xed\xa0\x80", " ", "\u3000",
	"\u00a0", "\u0085", "=", "+", "-", "@", `\.`, "_x0041_", "_x005F_", "😀", "\ufeff", "\ufffd", "e+10",
}

func awkwardText(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(6) {
		b.WriteString(awkward[rng.IntN(len(awkward))])
	}
	return b.String()
}

// awkwardFloat returns a float64 of any magnitude, including the cut-offs
// where encoding/json switches to exponents.
func awkwardFloat(rng *rand.Rand) float64 {
	switch rng.IntN(6) {
	case 0:
		return []float64{0, math.Copysign(0, -1), 1e-6, 1e-7, 9.999999e-7, 1e21, 1e20, 999999999999999999999, math.MaxFloat64,
			math.SmallestNonzeroFloat64, -1e21, 0.1, 100, 97.5, 1e-320}[rng.IntN(15)]
	case 1:
		return math.Float64frombits(rng.Uint64())
	case 2:
		return float64(rng.IntN(201) - 100)
	case 3:
		return (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(60)-30))
	}
	return math.Round(rng.Float64()*100000) / 100
}

// awkwardAmount returns an amount in fen, small, large or at the limits.
func awkwardAmount(rng *rand.Rand) report.Amount {
	switch rng.IntN(5) {
	case 0:
		return []report.Amount{0, 1, -1, 10, 100000, 999999, 1000000, 1000001, -1000000, math.MaxInt64, math.MinInt64 + 1, math.MinInt64}[rng.IntN(12)]
	case 1:
		return report.Amount(rng.Int64())
	case 2:
		return -report.Amount(rng.Int64())
	}
	return report.Amount(rng.Int64N(10_000_000_000)) * report.Amount([]int64{1, 10, 100, 10000}[rng.IntN(4)])
}

func randomState(rng *rand.Rand) report.State {
	return []report.State{report.Disclosed, report.Disclosed, report.NotDisclosed, report.Unreadable}[rng.IntN(4)]
}

func randomMoney(rng *rand.Rand) report.Money {
	st := randomState(rng)
	if st != report.Disclosed {
		return report.Money{State: st}
	}
	return report.Money{State: st, V: awkwardAmount(rng)}
}

// randomSite returns a site of n reports with random figures, findings
// and evidence, and text full of characters that need escaping.
func randomSite(rng *rand.Rand, n int) *site.Site {
	s := &site.Site{}
	for i := range n {
		rep := &report.Report{
			File: awkwardText(rng), Department: awkwardText(rng), Year: rng.IntN(3000) - 500,
			Type:  []string{report.TypeWhole, report.TypeProject, awkwardText(rng)}[rng.IntN(3)],
			Title: awkwardText(rng), Published: awkwardText(rng), Source: awkwardText(rng),
			Unit: []string{"万元", "千元", "元", ""}[rng.IntN(4)],
		}
		for _, m := range []*report.Money{&rep.Spending.Total, &rep.Spending.Basic, &rep.Spending.Project, &rep.Spending.Personnel,
			&rep.Spending.Public, &rep.Income, &rep.Sangong.Total, &rep.Sangong.Abroad, &rep.Sangong.Reception,
			&rep.Sangong.Vehicles, &rep.Sangong.Change} {
			*m = randomMoney(rng)
		}
		if rep.Score.State = randomState(rng); rep.Score.Known() {
			rep.Score.V = awkwardFloat(rng)
		}
		if rep.Grade.State = randomState(rng); rep.Grade.Known() {
			rep.Grade.V = awkwardText(rng)
		}
		for _, f := range []*report.Field[int]{&rep.Staff.Authorized, &rep.Staff.Actual} {
			if f.State = randomState(rng); f.Known() {
				f.V = rng.IntN(2000) - 1000
			}
		}
		switch rng.IntN(3) {
		case 0:
		case 1:
			rep.Evidence = map[string]string{}
		default:
			rep.Evidence = map[string]string{}
			for range rng.IntN(5) {
				rep.Evidence[awkwardText(rng)] = awkwardText(rng)
			}
		}
		r := &site.Report{Report: rep, URL: awkwardText(rng), County: &site.County{
			Name: awkwardText(rng), Adcode: awkwardText(rng), Prefecture: awkwardText(rng), Province: awkwardText(rng),
		}}
		for range rng.IntN(4) {
			res := check.Result{Rule: awkwardText(rng), Status: check.Found}
			for range rng.IntN(3) {
				f := check.Finding{Rule: awkwardText(rng), Title: awkwardText(rng), Message: awkwardText(rng),
					Severity: check.Severity(rng.IntN(5))}
				switch rng.IntN(3) {
				case 1:
					f.Keys = []string{}
				case 2:
					for range 1 + rng.IntN(3) {
						f.Keys = append(f.Keys, awkwardText(rng))
					}
				}
				if rng.IntN(2) == 0 {
					f.Gap = awkwardAmount(rng)
				}
				res.Findings = append(res.Findings, f)
			}
			r.Checks = append(r.Checks, res)
		}
		// Likely unit slips (see site.Report.Suspect), of any figure, and
		// sums that add up, which clear some of them.
		for range rng.IntN(3) {
			keys := []string{"spending.total", "spending.basic", "spending.project", "sangong.total", "sangong.abroad",
				"income", "score", "staff.actual", "grade", "year"}
			key := keys[rng.IntN(len(keys))]
			rule := check.SlipRules[rng.IntN(len(check.SlipRules))]
			r.Checks = append(r.Checks, check.Result{Rule: rule, Status: check.Found, Findings: []check.Finding{
				{Rule: rule, Title: awkwardText(rng), Message: awkwardText(rng), Severity: check.Warning, Keys: []string{key}},
			}})
		}
		if rng.IntN(4) == 0 {
			r.Checks = append(r.Checks, check.Result{Rule: "sum.spending", Status: check.Passed})
		}
		_ = i
		s.Reports = append(s.Reports, r)
	}
	return s
}

func TestDownloadsMatchReference(t *testing.T) {
	sites := map[string]*site.Site{"test site": testSite(t), "no reports": {}, "long text": longTextSite()}
	for seed := range 20 {
		sites[fmt.Sprintf("random site %d", seed)] = randomSite(rand.New(rand.NewPCG(uint64(seed), 1)), 40)
	}
	for key, s := range sites {
		for _, base := range []string{"", "https://example.org/portal", "https://example.org/a,b\"c/"} {
			testMatchesReference(t, key+" at "+base, s, base)
		}
	}
}

// testMatchesReference compares the downloads of s with the reference
// writers', for the site's absolute URL base (or "").
func testMatchesReference(t *testing.T, name string, s *site.Site, base string) {
	t.Helper()
	if got, err := CSV(s, base); err != nil || !bytes.Equal(got, referenceCSV(s, base)) {
		t.Errorf("%s: reports.csv differs from encoding/csv's (error %v):\n%q\nwant\n%q", name, err, got, referenceCSV(s, base))
	}
	if got, err := FindingsCSV(s, base); err != nil || !bytes.Equal(got, referenceFindingsCSV(s, base)) {
		t.Errorf("%s: findings.csv differs from encoding/csv's (error %v):\n%q\nwant\n%q", name, err, got, referenceFindingsCSV(s, base))
	}
	if got, err := JSON(s); base == "" && (err != nil || !bytes.Equal(got, referenceJSON(t, s))) {
		t.Errorf("%s: reports.json differs from json.MarshalIndent's (error %v):\n%s\nwant\n%s", name, err, got, referenceJSON(t, s))
	}
	got, err := XLSX(s, base)
	if err == nil {
		err = sameWorkbook(got, referenceXLSX(t, s, base))
	}
	if err != nil {
		t.Errorf("%s: reports.xlsx differs from the reference workbook: %v", name, err)
	}
}

// sameWorkbook returns an error unless the zip archives got and want hold
// the same parts in the same order, with the same headers but for their
// compressed sizes, and the same bytes once inflated.
func sameWorkbook(got, want []byte) error {
	gz, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
	if err != nil {
		return err
	}
	wz, err := zip.NewReader(bytes.NewReader(want), int64(len(want)))
	if err != nil {
		return err
	}
	if gz.Comment != wz.Comment {
		return fmt.Errorf("archive comment %q, want %q", gz.Comment, wz.Comment)
	}
	if len(gz.File) != len(wz.File) {
		return fmt.Errorf("%d parts, want %d", len(gz.File), len(wz.File))
	}
	for i, g := range gz.File {
		w := wz.File[i]
		if g.Name != w.Name {
			return fmt.Errorf("part %d is %s, want %s", i, g.Name, w.Name)
		}
		if g.Method != zip.Deflate {
			return fmt.Errorf("part %s is not deflated (method %d)", g.Name, g.Method)
		}
		// Reading to the end checks each part's CRC-32.
		gd, err := readPart(g)
		if err != nil {
			return err
		}
		wd, err := readPart(w)
		if err != nil {
			return err
		}
		if !bytes.Equal(gd, wd) {
			return fmt.Errorf("part %s differs:\n%q\nwant\n%q", g.Name, gd, wd)
		}
		gh, wh := g.FileHeader, w.FileHeader
		gh.CompressedSize, gh.CompressedSize64 = 0, 0
		wh.CompressedSize, wh.CompressedSize64 = 0, 0
		if !reflect.DeepEqual(gh, wh) {
			return fmt.Errorf("part %s header %+v, want %+v", g.Name, g.FileHeader, w.FileHeader)
		}
	}
	return nil
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("part %s: %w", f.Name, err)
	}
	return data, nil
}

// reports.xlsx must be the same bytes from build to build, including
// when it is made with deflaters used before.
func TestXLSXIsDeterministic(t *testing.T) {
	s := randomSite(rand.New(rand.NewPCG(7, 1)), 200)
	first, err := XLSX(s, "")
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := XLSX(s, "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, first) {
			t.Fatal("reports.xlsx differs from one run to the next")
		}
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		f := awkwardFloat(rng)
		want, werr := json.Marshal(f)
		got, err := appendJSONFloat(nil, f)
		if (err == nil) != (werr == nil) || (err == nil && !bytes.Equal(got, want)) {
			t.Fatalf("appendJSONFloat(%v) = %s, %v; want %s, %v", f, got, err, want, werr)
		}
		s := awkwardText(rng)
		if rng.IntN(4) == 0 {
			b := make([]byte, rng.IntN(8))
			for i := range b {
				b[i] = byte(rng.Uint32())
			}
			s = string(b)
		}
		want, _ = json.Marshal(s)
		if got := jsontext.AppendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("jsontext.AppendString(%q) = %s, want %s", s, got, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, want := json.Marshal(f)
		if _, err := appendJSONFloat(nil, f); err == nil || err.Error() != want.Error() {
			t.Errorf("appendJSONFloat(%v): error %v, want %v", f, err, want)
		}
	}
}

func TestAppendCSVMatchesEncodingCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		s := awkwardText(rng)
		var want bytes.Buffer
		w := csv.NewWriter(&want)
		w.UseCRLF = true
		w.Write([]string{s, referenceNeutralise(s)})
		w.Flush()
		got := appendCSVField(nil, s)
		got = append(got, ',')
		got = appendCSVText(got, []byte(s))
		got = append(got, "\r\n"...)
		if !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("fields %q: %q, want %q", s, got, want.Bytes())
		}
	}
}
