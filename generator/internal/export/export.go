// Package export writes the whole dataset as downloads: reports.csv (UTF-8
// with BOM and CRLF, for Excel and WPS), reports.xlsx and reports.json.
package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// Column is one column of the tabular downloads.
type Column struct {
	// Key is the column's name in reports.json and its stable identifier.
	Key string
	// Header is the Chinese column heading.
	Header string
	// Number marks a numeric column (amounts in 万元, scores, people).
	Number bool
	get    func(*site.Report) cell
}

type cell struct {
	text  string
	num   float64
	isNum bool
	state report.State
}

func text(s string) cell { return cell{text: s, state: report.Disclosed} }

func money(m report.Money) cell {
	if !m.Known() {
		return cell{state: m.State}
	}
	return cell{text: m.V.String(), num: m.V.Wan(), isNum: true, state: report.Disclosed}
}

func count(f report.Field[int]) cell {
	if !f.Known() {
		return cell{state: f.State}
	}
	return cell{text: strconv.Itoa(f.V), num: float64(f.V), isNum: true, state: report.Disclosed}
}

// Columns lists the columns of reports.csv and reports.xlsx, in order.
var Columns = []Column{
	{"province", "省份", false, func(r *site.Report) cell { return text(r.County.Province) }},
	{"prefecture", "地市", false, func(r *site.Report) cell { return text(r.County.Prefecture) }},
	{"county", "县（市、区）", false, func(r *site.Report) cell { return text(r.County.Name) }},
	{"adcode", "区划代码", false, func(r *site.Report) cell { return text(r.County.Adcode) }},
	{"department", "部门", false, func(r *site.Report) cell { return text(r.Department) }},
	{"year", "年度", true, func(r *site.Report) cell {
		return cell{text: strconv.Itoa(r.Year), num: float64(r.Year), isNum: true, state: report.Disclosed}
	}},
	{"type", "类型", false, func(r *site.Report) cell { return text(r.Type) }},
	{"title", "标题", false, func(r *site.Report) cell { return text(r.Title) }},
	{"published", "发布日期", false, func(r *site.Report) cell { return text(r.Published) }},
	{"source", "原文链接", false, func(r *site.Report) cell { return text(r.Source) }},
	{"spending_total", "支出合计（万元）", true, func(r *site.Report) cell { return money(r.Spending.Total) }},
	{"spending_basic", "基本支出（万元）", true, func(r *site.Report) cell { return money(r.Spending.Basic) }},
	{"spending_project", "项目支出（万元）", true, func(r *site.Report) cell { return money(r.Spending.Project) }},
	{"spending_personnel", "人员经费（万元）", true, func(r *site.Report) cell { return money(r.Spending.Personnel) }},
	{"spending_public", "公用经费（万元）", true, func(r *site.Report) cell { return money(r.Spending.Public) }},
	{"income", "本年收入（万元）", true, func(r *site.Report) cell { return money(r.Income) }},
	{"sangong_total", "三公经费合计（万元）", true, func(r *site.Report) cell { return money(r.Sangong.Total) }},
	{"sangong_abroad", "因公出国（境）费（万元）", true, func(r *site.Report) cell { return money(r.Sangong.Abroad) }},
	{"sangong_reception", "公务接待费（万元）", true, func(r *site.Report) cell { return money(r.Sangong.Reception) }},
	{"sangong_vehicles", "公务用车购置及运行费（万元）", true, func(r *site.Report) cell { return money(r.Sangong.Vehicles) }},
	{"sangong_change", "三公经费较上年增减（万元）", true, func(r *site.Report) cell { return money(r.Sangong.Change) }},
	{"score", "自评得分", true, func(r *site.Report) cell {
		if !r.Score.Known() {
			return cell{state: r.Score.State}
		}
		return cell{text: strconv.FormatFloat(r.Score.V, 'f', -1, 64), num: r.Score.V, isNum: true, state: report.Disclosed}
	}},
	{"grade", "评价等级", false, func(r *site.Report) cell {
		if !r.Grade.Known() {
			return cell{state: r.Grade.State}
		}
		return text(r.Grade.V)
	}},
	{"staff_authorized", "编制人数", true, func(r *site.Report) cell { return count(r.Staff.Authorized) }},
	{"staff_actual", "实有人数", true, func(r *site.Report) cell { return count(r.Staff.Actual) }},
	{"findings", "核对发现", false, func(r *site.Report) cell { return text(strings.Join(findingTexts(r), "；")) }},
	{"page", "本站页面", false, func(r *site.Report) cell { return text(r.URL) }},
	{"file", "数据文件", false, func(r *site.Report) cell { return text(r.File) }},
}

// findingTexts lists a report's findings beyond notes on disclosure, each
// as "title（severity）：message".
func findingTexts(r *site.Report) []string {
	var out []string
	for _, f := range r.Findings() {
		if f.Severity == check.Info {
			continue
		}
		out = append(out, f.Title+"（"+f.Severity.Label()+"）："+f.Message)
	}
	return out
}

// cellText is how a cell reads in CSV: empty for a figure not disclosed,
// 无法识别 for one that could not be read.
func (c cell) cellText() string {
	if c.state == report.Unreadable {
		return "无法识别"
	}
	return c.text
}

// neutralise stops a spreadsheet from reading text as a formula.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// CSV returns reports.csv: UTF-8 with a byte-order mark and CRLF line ends,
// so that Excel and WPS open it without mojibake; text that a spreadsheet
// would take for a formula is prefixed with an apostrophe. Amounts are in
// 万元; an empty cell is a figure the report does not disclose.
func CSV(s *site.Site) ([]byte, error) { return toBytes(WriteCSV, s) }

// WriteCSV writes reports.csv (see CSV) to out.
func WriteCSV(out io.Writer, s *site.Site) error {
	bw := bufio.NewWriterSize(out, 64<<10)
	bw.WriteString("\ufeff")
	w := csv.NewWriter(bw)
	w.UseCRLF = true
	head := make([]string, len(Columns))
	for i, c := range Columns {
		head[i] = c.Header
	}
	if err := w.Write(head); err != nil {
		return err
	}
	row := make([]string, len(Columns))
	for _, r := range s.Reports {
		for i, c := range Columns {
			v := c.get(r)
			if v.isNum {
				row[i] = v.cellText()
			} else {
				row[i] = neutralise(v.cellText())
			}
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// toBytes returns what write writes.
func toBytes(write func(io.Writer, *site.Site) error, s *site.Site) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf, s); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// XLSX returns reports.xlsx: Chinese headers, a frozen header row, and
// numbers stored as numbers shown with two decimals.
func XLSX(s *site.Site) ([]byte, error) { return toBytes(WriteXLSX, s) }

// WriteXLSX writes reports.xlsx (see XLSX) to out.
func WriteXLSX(out io.Writer, s *site.Site) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "报告"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	// Fixed document properties keep the file the same from build to build.
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "县级部门绩效自评报告比较", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	twoDecimals := "0.00"
	dec, err := f.NewStyle(&excelize.Style{CustomNumFmt: &twoDecimals})
	if err != nil {
		return err
	}
	integer, err := f.NewStyle(&excelize.Style{NumFmt: 1})
	if err != nil {
		return err
	}
	for i, c := range Columns {
		width := 12.0
		if c.Key == "title" || c.Key == "source" || c.Key == "page" {
			width = 40
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(Columns))
	for i, c := range Columns {
		head[i] = excelize.Cell{Value: c.Header, StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for n, r := range s.Reports {
		row := make([]any, len(Columns))
		for i, c := range Columns {
			v := c.get(r)
			switch {
			case v.isNum && (c.Key == "year" || strings.HasPrefix(c.Key, "staff")):
				row[i] = excelize.Cell{Value: v.num, StyleID: integer}
			case v.isNum:
				row[i] = excelize.Cell{Value: v.num, StyleID: dec}
			case v.state == report.Unreadable:
				row[i] = "无法识别"
			case v.state == report.Disclosed:
				row[i] = v.text
			default:
				row[i] = nil
			}
		}
		axis, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(axis, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteTo(out); err != nil {
		return fmt.Errorf("reports.xlsx: %w", err)
	}
	return nil
}

// JSONReport is one report in reports.json.
type JSONReport struct {
	Province   string `json:"province"`
	Prefecture string `json:"prefecture"`
	County     string `json:"county"`
	Adcode     string `json:"adcode"`
	Department string `json:"department"`
	Year       int    `json:"year"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Published  string `json:"published"`
	Source     string `json:"source"`
	// Figures maps each figure's column key to its value in 万元 (or points,
	// or people), or null when the report does not disclose it.
	Figures map[string]*float64 `json:"figures"`
	Grade   *string             `json:"grade"`
	// Unreadable lists figures the report gives but that could not be read.
	Unreadable []string          `json:"unreadable"`
	Evidence   map[string]string `json:"evidence"`
	// Findings lists what the checks found, disclosure notes included.
	Findings []JSONFinding `json:"findings"`
	Page     string        `json:"page"`
	File     string        `json:"file"`
}

// JSONFinding is one finding about a report.
type JSONFinding struct {
	Rule     string   `json:"rule"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Message  string   `json:"message"`
	Figures  []string `json:"figures"`
	// Gap is the size of the gap in 万元, when the rule measures one.
	Gap *float64 `json:"gap"`
}

// JSONFile is the document in reports.json.
type JSONFile struct {
	Unit    string       `json:"unit"`
	Reports []JSONReport `json:"reports"`
}

// JSON returns reports.json.
func JSON(s *site.Site) ([]byte, error) { return toBytes(WriteJSON, s) }

// WriteJSON writes reports.json (a JSONFile, indented by one space) to
// out, one report at a time: evidence is read again from each report's
// file when the site has let it go (see site.Site.Detail).
func WriteJSON(out io.Writer, s *site.Site) error { return WriteJSONFrom(out, s, nil) }

// Evidence returns the evidence of s.Reports[i], r, for reports.json.
type Evidence func(i int, r *site.Report) (map[string]string, error)

// WriteJSONFrom writes reports.json as WriteJSON does, taking each
// report's evidence from evidence, in the order of the site's reports;
// a nil evidence reads it as WriteJSON does.
func WriteJSONFrom(out io.Writer, s *site.Site, evidence Evidence) error {
	if evidence == nil {
		evidence = func(_ int, r *site.Report) (map[string]string, error) { return detailEvidence(s, r) }
	}
	w := bufio.NewWriterSize(out, 64<<10)
	w.WriteString("{\n \"unit\": \"万元\",\n \"reports\": [")
	for i, r := range s.Reports {
		ev, err := evidence(i, r)
		if err != nil {
			return err
		}
		data, err := json.MarshalIndent(jsonReport(r, ev), "  ", " ")
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n  ")
		w.Write(data)
	}
	if len(s.Reports) > 0 {
		w.WriteString("\n ")
	}
	w.WriteString("]\n}")
	return w.Flush()
}

// detailEvidence returns a report's evidence, read again from its file
// when the site has let it go.
func detailEvidence(s *site.Site, r *site.Report) (map[string]string, error) {
	if r.Evidence == nil && s.Detail != nil {
		full, err := s.Detail(r.Report)
		if err != nil {
			return nil, err
		}
		return full.Evidence, nil
	}
	return r.Evidence, nil
}

func jsonReport(r *site.Report, evidence map[string]string) *JSONReport {
	if evidence == nil {
		evidence = map[string]string{}
	}
	jr := &JSONReport{
		Province: r.County.Province, Prefecture: r.County.Prefecture, County: r.County.Name, Adcode: r.County.Adcode,
		Department: r.Department, Year: r.Year, Type: r.Type, Title: r.Title, Published: r.Published, Source: r.Source,
		Figures: map[string]*float64{}, Evidence: evidence, Page: r.URL, File: r.File, Unreadable: []string{},
	}
	for _, c := range Columns {
		if !c.Number || c.Key == "year" {
			continue
		}
		v := c.get(r)
		if v.isNum {
			n := v.num
			jr.Figures[c.Key] = &n
		} else {
			jr.Figures[c.Key] = nil
			if v.state == report.Unreadable {
				jr.Unreadable = append(jr.Unreadable, c.Key)
			}
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
