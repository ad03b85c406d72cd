// Package export writes the whole dataset as downloads: reports.csv (UTF-8
// with BOM and CRLF, for Excel and WPS), reports.xlsx and reports.json,
// and findings.csv, a row per finding.
package export

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/jsontext"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// Column is one column of the tabular downloads.
type Column struct {
	// Key is the column's name in reports.json and its stable identifier.
	Key string
	// Header is the Chinese column heading.
	Header string
	// Figure is the dotted name of the report's figure the column holds,
	// such as spending.total, or "" for a column that holds no figure.
	Figure string
	// Unit is the unit of the column's numbers: 万元, 分 or 人, or "".
	Unit string
	// Number marks a numeric column (amounts in 万元, scores, people).
	Number bool
	// Description says in Chinese what the column holds, for the data
	// dictionary (see dictionaryRows).
	Description string
	get         func(*site.Report) cell
}

// inFigures reports whether reports.json holds the column in a report's
// figures: a numeric column, but the year.
func (c Column) inFigures() bool { return c.Number && c.Key != "year" }

// cell is one report's value in one column. Numbers are kept as numbers
// and formatted only by the download that needs their text.
type cell struct {
	kind  cellKind
	state report.State
	text  string  // textCell, and pageCell's path
	i     int64   // amountCell (in fen) and intCell; pageCell: the finding's N in findings.csv
	f     float64 // floatCell
}

// cellKind says which field of a cell holds its value.
type cellKind uint8

const (
	textCell     cellKind = iota // text
	amountCell                   // an amount in fen, shown in 万元
	intCell                      // a whole number
	floatCell                    // a number such as a score
	percentCell                  // a percentage, in f, written with two decimals as pages show it
	findingsCell                 // the report's findings, made by appendFindings
	suspectCell                  // the report's likely unit slips, made by appendSuspects
	pageCell                     // the report page's path from the site's root, in text (see pageURL)
	keysCell                     // a finding's figures, made by appendKeyHeaders (findings.csv)
	dateCell                     // a date: text as YYYY-MM-DD, i as Excel's serial day (reports.xlsx)
)

func text(s string) cell { return cell{text: s, state: report.Disclosed} }

// date returns the cell of a date written YYYY-MM-DD: text in the CSV,
// a date in the workbook, which a spreadsheet then sorts, filters and
// counts as dates; a date that does not read so is text.
func date(s string) cell {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return text(s)
	}
	// Excel's serial day: days since 1899-12-30, as it counts them from
	// March 1900.
	serial := d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour)
	return cell{kind: dateCell, text: s, i: int64(serial), state: report.Disclosed}
}

func money(m report.Money) cell {
	if !m.Known() {
		return cell{kind: amountCell, state: m.State}
	}
	return cell{kind: amountCell, i: int64(m.V), state: report.Disclosed}
}

func count(f report.Field[int]) cell {
	if !f.Known() {
		return cell{kind: intCell, state: f.State}
	}
	return cell{kind: intCell, i: int64(f.V), state: report.Disclosed}
}

// isNum reports whether the cell holds a disclosed number.
func (c cell) isNum() bool {
	return c.state == report.Disclosed && (c.kind == amountCell || c.kind == intCell || c.kind == floatCell || c.kind == percentCell)
}

// num returns the value of a cell for which isNum holds.
func (c cell) num() float64 {
	switch c.kind {
	case amountCell:
		return report.Amount(c.i).Wan()
	case intCell:
		return float64(c.i)
	}
	return c.f
}

// appendNum appends the text of a cell for which isNum holds: an amount
// as report.Amount.String gives it, a score with as few digits as are
// needed.
func (c cell) appendNum(dst []byte) []byte {
	switch c.kind {
	case amountCell:
		return report.Amount(c.i).Append(dst)
	case intCell:
		return strconv.AppendInt(dst, c.i, 10)
	case percentCell:
		return strconv.AppendFloat(dst, c.f, 'f', 2, 64)
	}
	return strconv.AppendFloat(dst, c.f, 'f', -1, 64)
}

// Columns lists the columns of reports.csv and reports.xlsx, in order.
// Their descriptions are those of the data dictionary, the sheet 说明 of
// reports.xlsx (see dictionaryRows).
var Columns = []Column{
	{Key: "province", Header: "省份", Description: "县（市、区）所属的省级行政区。",
		get: func(r *site.Report) cell { return text(r.County.Province) }},
	{Key: "prefecture", Header: "地市", Description: "县（市、区）所属的地级行政区。",
		get: func(r *site.Report) cell { return text(r.County.Prefecture) }},
	{Key: "county", Header: "县（市、区）", Description: "报告所属的县级行政区。",
		get: func(r *site.Report) cell { return text(r.County.Name) }},
	{Key: "adcode", Header: "区划代码", Description: "县（市、区）的6位行政区划代码，按文本保存。",
		get: func(r *site.Report) cell { return text(r.County.Adcode) }},
	{Key: "department", Header: "部门", Description: "作自评报告的部门。",
		get: func(r *site.Report) cell { return text(r.Department) }},
	{Key: "department_kind", Header: "部门类别", Description: departmentKindMeaning,
		get: func(r *site.Report) cell { return text(r.DepartmentKind.Name) }},
	{Key: "year", Header: "年度", Number: true, Description: "自评的预算年度。",
		get: func(r *site.Report) cell { return cell{kind: intCell, i: int64(r.Year), state: report.Disclosed} }},
	{Key: "type", Header: "类型", Description: "整体支出：部门全年支出的绩效自评；项目支出：一个项目或一笔专项资金（可能用于多项开支）的绩效自评，披露比例只看支出合计（该项目的支出）、自评得分和评价等级；部门的基本支出、三公经费、人数等数字不适用于它（见下面“不适用”）。",
		get: func(r *site.Report) cell { return text(r.Type) }},
	{Key: "project", Header: "项目名称", Description: "项目支出报告所评价的项目或专项资金的名称（报告文件填写了 project 时才有）；同一部门同一年度可有多份项目支出报告，各评价一个项目，以此区分。整体支出报告空白。",
		get: func(r *site.Report) cell { return text(r.Project) }},
	{Key: "title", Header: "标题", Description: "报告的标题。",
		get: func(r *site.Report) cell { return text(r.Title) }},
	{Key: "published", Header: "发布日期", Description: "报告的发布日期（年-月-日）；reports.xlsx 中为日期格式，可按日期排序、筛选。",
		get: func(r *site.Report) cell { return date(r.Published) }},
	{Key: "source", Header: "原文链接", Description: "报告原文的网址；报告文件填写了原文网址（source）时才有，空白表示本站没有记录原文网址，不表示报告没有公开。",
		get: func(r *site.Report) cell { return text(r.Source) }},
	{Key: "original_unit", Header: "原文金额单位", Description: "报告原文填报金额所用的单位：元、千元或万元。本表的金额一律已换算为万元（1万元 = 10000元）。",
		get: func(r *site.Report) cell { return text(r.Unit) }},
	{Key: "spending_total", Header: "支出合计（万元）", Figure: "spending.total", Unit: "万元", Number: true,
		Description: "报告给出的全年支出总额（多数报告给的是财政拨款支出）；项目支出报告中为该项目的支出。",
		get:         func(r *site.Report) cell { return money(r.Spending.Total) }},
	{Key: "spending_basic", Header: "基本支出（万元）", Figure: "spending.basic", Unit: "万元", Number: true,
		Description: "让部门正常运转的钱：人员经费和日常公用经费。",
		get:         func(r *site.Report) cell { return money(r.Spending.Basic) }},
	{Key: "spending_project", Header: "项目支出（万元）", Figure: "spending.project", Unit: "万元", Number: true,
		Description: "为完成某项具体工作专门安排的钱，如信息系统建设、专项活动。",
		get:         func(r *site.Report) cell { return money(r.Spending.Project) }},
	{Key: "spending_personnel", Header: "人员经费（万元）", Figure: "spending.personnel", Unit: "万元", Number: true,
		Description: "基本支出中的人员经费（工资、社保等）。",
		get:         func(r *site.Report) cell { return money(r.Spending.Personnel) }},
	{Key: "spending_public", Header: "公用经费（万元）", Figure: "spending.public", Unit: "万元", Number: true,
		Description: "基本支出中的日常公用经费（办公、水电、差旅等）。",
		get:         func(r *site.Report) cell { return money(r.Spending.Public) }},
	{Key: "income", Header: "本年收入（万元）", Figure: "income", Unit: "万元", Number: true,
		Description: "部门本年的收入（收入决算数）；项目支出报告中为该项目到位的资金。",
		get:         func(r *site.Report) cell { return money(r.Income) }},
	{Key: "sangong_total", Header: "三公经费合计（万元）", Figure: "sangong.total", Unit: "万元", Number: true,
		Description: "因公出国（境）费、公务接待费、公务用车购置及运行费这三项之和。",
		get:         func(r *site.Report) cell { return money(r.Sangong.Total) }},
	{Key: "sangong_abroad", Header: "因公出国（境）费（万元）", Figure: "sangong.abroad", Unit: "万元", Number: true,
		Description: "三公经费中的因公出国（境）费。",
		get:         func(r *site.Report) cell { return money(r.Sangong.Abroad) }},
	{Key: "sangong_reception", Header: "公务接待费（万元）", Figure: "sangong.reception", Unit: "万元", Number: true,
		Description: "三公经费中的公务接待费。",
		get:         func(r *site.Report) cell { return money(r.Sangong.Reception) }},
	{Key: "sangong_vehicles", Header: "公务用车购置及运行费（万元）", Figure: "sangong.vehicles", Unit: "万元", Number: true,
		Description: "三公经费中的公务用车购置及运行费。",
		get:         func(r *site.Report) cell { return money(r.Sangong.Vehicles) }},
	{Key: "sangong_change", Header: "三公经费较上年增减（万元）", Figure: "sangong.change", Unit: "万元", Number: true,
		Description: "报告所述三公经费比上一年度增加（正数）或减少（负数）的金额。",
		get:         func(r *site.Report) cell { return money(r.Sangong.Change) }},
	{Key: "score", Header: "自评得分", Figure: "score", Unit: "分", Number: true,
		Description: "部门按绩效评价指标给自己打的分（满分100分），是自我评价，不是第三方评价。",
		get: func(r *site.Report) cell {
			if !r.Score.Known() {
				return cell{kind: floatCell, state: r.Score.State}
			}
			return cell{kind: floatCell, f: r.Score.V, state: report.Disclosed}
		}},
	{Key: "grade", Header: "评价等级", Figure: "grade", Description: "部门自评的等级：优、良、中或差。",
		get: func(r *site.Report) cell {
			if !r.Grade.Known() {
				return cell{state: r.Grade.State}
			}
			return text(r.Grade.V)
		}},
	{Key: "staff_authorized", Header: "编制人数", Figure: "staff.authorized", Unit: "人", Number: true,
		Description: "核定的人员编制。",
		get:         func(r *site.Report) cell { return count(r.Staff.Authorized) }},
	{Key: "staff_actual", Header: "实有人数", Figure: "staff.actual", Unit: "人", Number: true,
		Description: "报告所列的实有人数；" + site.PerStaffBasis + "。",
		get:         func(r *site.Report) cell { return count(r.Staff.Actual) }},
	{Key: "suspect", Header: "疑为单位错误",
		Description: "本站核对认为可能填错了单位的数字：每个写作“列名：报告原样的数字”，以“；”分隔，如“项目支出（万元）：94631500”；空白表示没有。这样的数字与该部门其他年度相差约十倍至万倍、合计恰为分项之和的十倍至万倍，或大到县级部门不可能达到（多是把元填成了万元；编制人数或实有人数超过10万人的，疑为数字错误，人均数也不计入）；它所在的数字列只写“疑为单位错误”（人数写“疑为数字错误”），以免排序、求和、平均时算进去，本站的比较、排名、图表和平均数也不计入（reports.json 的 figures 中照列该数字，suspect 列出它的键）。",
		get:         func(r *site.Report) cell { return cell{kind: suspectCell, state: report.Disclosed} }},
	{Key: "derived", Header: "推算数字",
		Description: "报告没有直接写出、由整理本站数据的人根据报告中的其他数字算出的数字（如报告只写了三公经费的三项，合计是三项相加得出的），写作列名，以“；”分隔，如“三公经费合计（万元）”；空白表示没有。这样的数字照常列在它的数字列中；涉及它的合计核对不再进行（reports.json 的 derived 列出它的键）。",
		get:         func(r *site.Report) cell { return text(derivedText(r)) }},
	{Key: "findings", Header: "核对发现",
		Description: "本站用报告自身的数字互相核对发现的问题，每条写作“核对项（严重程度）：说明”，以“；”分隔；空白表示没有发现（reports.json 中为逐条的列表，见下面“只见于 reports.json 的键”；findings.csv 每条一行，见最后“findings.csv 的列”）。" + findingsLeaveOut,
		get:         func(r *site.Report) cell { return cell{kind: findingsCell, state: report.Disclosed} }},
	{Key: "page", Header: "本站页面", Description: pageRelative,
		get: func(r *site.Report) cell { return cell{kind: pageCell, text: r.URL, state: report.Disclosed} }},
	{Key: "file", Header: "数据文件", Description: "本站整理该报告所用的数据文件，为相对于本站项目根目录的路径。",
		get: func(r *site.Report) cell { return text(r.File) }},
}

// The words a download writes in a cell instead of a figure: one the
// report gives but that could not be read, one it does not give that
// does not apply to a report of its type (see notApplicable),
// and one the checks find a likely unit slip, whose number goes in the
// column 疑为单位错误 instead (see appendSuspects): 疑为单位错误, or
// 疑为数字错误 for a count of staff, as the pages say (see slipText).
const (
	unreadableText    = "无法识别"
	notApplicableText = "不适用"
	suspectText       = "疑为单位错误"
)

// slipText returns what a download writes in the cell of column c when
// its figure is a likely slip: the words the pages give it
// (check.SlipWords), 疑为单位错误 for an amount and 疑为数字错误 for a
// count of staff no county department has.
func slipText(c Column) string {
	words, _ := check.SlipWords(c.Figure)
	return words
}

// columnBit returns the bit of column i in a set of columns.
func columnBit(i int) uint64 { return 1 << uint(i) }

// notApplicableWhole and notApplicableProject are the columns whose
// figure does not apply to a 整体支出 and a 项目支出 report (see
// notApplicable).
var notApplicableWhole, notApplicableProject = notApplicableTo(report.TypeWhole), notApplicableTo(report.TypeProject)

// notApplicable returns the columns whose figure does not apply to a
// report of the type (check.NotApplicable), such as a department's basic
// spending and its parts, 三公经费 and staff in a 项目支出 report, which
// evaluates one project. Such a figure, when the report does not give it,
// is written 不适用 rather than left blank as one not disclosed, and
// reports.json lists it in not_applicable; when the report gives it, it
// is kept, as the pages show it, and not listed there.
func notApplicable(typ string) uint64 {
	switch typ {
	case report.TypeWhole:
		return notApplicableWhole
	case report.TypeProject:
		return notApplicableProject
	}
	return notApplicableTo(typ)
}

// notApplicableTo computes notApplicable(typ).
func notApplicableTo(typ string) uint64 {
	if len(Columns) > 64 {
		panic("export: more columns than a uint64 has bits")
	}
	var set uint64
	for i, c := range Columns {
		if check.NotApplicable(typ, c.Figure) {
			set |= columnBit(i)
		}
	}
	return set
}

// suspects returns the columns of r's figures that the checks find likely
// unit slips (see site.Report.Suspect), such as 项目支出 of 94631500 万元
// typed in 元: the pages leave them out of ranks, charts and averages and
// mark them ⚠ 疑为单位错误. reports.csv and reports.xlsx write 疑为单位错误
// in the figure's cell, so that a spreadsheet's sort, sum or average of
// the column does not take it (94631500 would top the column and swamp
// its sum), and give the figure as given in the column 疑为单位错误;
// reports.json keeps it in figures and lists it in suspect.
func suspects(r *site.Report) uint64 {
	if !slipFound(r.Checks) {
		return 0 // the common case, told from the results alone
	}
	var set uint64
	for i, c := range Columns {
		if c.Number && c.Figure != "" && c.get(r).isNum() && r.Suspect(c.Figure) {
			set |= columnBit(i)
		}
	}
	return set
}

// slipFound reports whether a rule of check.SlipRules found something:
// without such a finding no figure is a likely unit slip.
func slipFound(results []check.Result) bool {
	for _, c := range results {
		if c.Status == check.Found && slices.Contains(check.SlipRules, c.Rule) {
			return true
		}
	}
	return false
}

// appendSuspects appends the text of r's column 疑为单位错误: for each
// column in set (see suspects), its header and the figure as given,
// "项目支出（万元）：94631500", joined by "；".
func appendSuspects(dst []byte, r *site.Report, set uint64) []byte {
	first := true
	for i, c := range Columns {
		if set&columnBit(i) == 0 {
			continue
		}
		if !first {
			dst = append(dst, "；"...)
		}
		first = false
		dst = append(dst, c.Header...)
		dst = append(dst, "："...)
		dst = c.get(r).appendNum(dst)
	}
	return dst
}

// derivedText returns the text of r's column 推算数字: the header of each
// figure column of the figures the file's writer computed (see
// report.Report.Derived), in the order of the columns, joined by "；"; ""
// for nearly every report.
func derivedText(r *site.Report) string {
	if len(r.Derived) == 0 {
		return ""
	}
	var out []string
	for _, c := range figureHeaders {
		if r.IsDerived(c.figure) {
			out = append(out, c.header)
		}
	}
	return strings.Join(out, "；")
}

// figureHeaders holds the figure and header of each column of a figure,
// in the order of Columns, for derivedText (which a column of Columns
// calls, so that it cannot read Columns itself).
var figureHeaders []struct{ figure, header string }

func init() {
	for _, c := range Columns {
		if c.Figure != "" {
			figureHeaders = append(figureHeaders, struct{ figure, header string }{c.Figure, c.Header})
		}
	}
}

// appendFindings appends the text of a report's findings column: its
// findings beyond notes on disclosure, each as "title（severity）：message",
// joined by "；". A message written as a sentence (a discrepancy noted by
// hand) loses its final "。" before a "；", which would read "。；".
//
// The note on disclosure (rule disclosure, 核心数据披露, the one finding
// of severity check.Info) is left out on purpose, as the findings page and
// a report page's list of findings leave it out: it only lists the core
// figures the report does not disclose or that could not be read, which
// the row's own cells already tell (blank, 无法识别, 不适用), and is not
// a problem the figures show. reports.json, for programs, keeps every
// finding; the sheet 说明 says so (findingsLeaveOut).
func appendFindings(dst []byte, r *site.Report) []byte {
	first := true
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			if f.Severity == check.Info {
				continue
			}
			if !first {
				dst = bytes.TrimSuffix(dst, []byte("。"))
				dst = append(dst, "；"...)
			}
			first = false
			dst = append(dst, f.Title...)
			dst = append(dst, "（"...)
			dst = append(dst, f.Severity.Label()...)
			dst = append(dst, "）："...)
			dst = append(dst, f.Message...)
		}
	}
	return dst
}

// formulaStart reports whether a spreadsheet would take text beginning
// with b for a formula (or strip it): text that does is prefixed with an
// apostrophe.
func formulaStart(b byte) bool {
	switch b {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// CSV returns reports.csv: UTF-8 with a byte-order mark and CRLF line ends,
// so that Excel and WPS open it without mojibake; text that a spreadsheet
// would take for a formula is prefixed with an apostrophe. Amounts are in
// 万元; an empty cell is a figure the report does not disclose, 无法识别 one
// it gives that could not be read, 不适用 one it does not give that does
// not apply to it (see notApplicable). baseURL is the site's absolute URL,
// or "" (see pageURL).
func CSV(s *site.Site, baseURL string) ([]byte, error) {
	return toBytes(func(w io.Writer) error { return WriteCSV(w, s, baseURL) })
}

// pageURL returns the base of the column 本站页面 for the site's absolute
// URL baseURL (build -base-url): with one, the column holds each report
// page's absolute URL, baseURL and its path, which a spreadsheet can
// follow; without one, the page's path from the site's root, as
// reports.json's page always does.
func pageURL(baseURL string) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(baseURL, "/") + "/"
}

// appendPage appends the text of the column 本站页面 of a report whose
// page is at path from the site's root, base being pageURL's.
func appendPage(dst []byte, base, path string) []byte {
	dst = append(dst, base...)
	return append(dst, path...)
}

// WriteCSV writes reports.csv (see CSV) to out. Its fields are quoted as
// encoding/csv's Writer with UseCRLF quotes them.
func WriteCSV(out io.Writer, s *site.Site, baseURL string) error {
	base := pageURL(baseURL)
	w := bufio.NewWriterSize(out, 64<<10)
	line := appendHeaderLine(nil, len(Columns), func(i int) string { return Columns[i].Header })
	w.Write(line)
	var scratch []byte
	for _, r := range s.Reports {
		na, sus := notApplicable(r.Type), suspects(r)
		line = appendCSVLine(line[:0], len(Columns), func(line []byte, i int) []byte {
			v := Columns[i].get(r)
			switch {
			case v.isNum() && sus&columnBit(i) != 0:
				return appendCSVField(line, slipText(Columns[i]))
			case v.isNum():
				// Numbers never need quotes.
				return v.appendNum(line)
			case v.state == report.Unreadable:
				return appendCSVField(line, unreadableText)
			case v.state == report.NotDisclosed && na&columnBit(i) != 0:
				return appendCSVField(line, notApplicableText)
			case v.kind == findingsCell:
				scratch = appendFindings(scratch[:0], r)
			case v.kind == suspectCell:
				scratch = appendSuspects(scratch[:0], r, sus)
			case v.kind == pageCell && base != "":
				scratch = appendPage(scratch[:0], base, v.text)
			default:
				return appendCSVText(line, v.text)
			}
			return appendCSVText(line, scratch)
		})
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return w.Flush()
}

// appendHeaderLine appends the first line of a CSV download: the
// byte-order mark and the n column headers header gives, ended by CRLF.
func appendHeaderLine(dst []byte, n int, header func(i int) string) []byte {
	dst = append(dst, "\ufeff"...)
	return appendCSVLine(dst, n, func(dst []byte, i int) []byte { return appendCSVField(dst, header(i)) })
}

// appendCSVLine appends a line of a CSV download: its n fields, each
// appended by field, separated by commas and ended by CRLF.
func appendCSVLine(dst []byte, n int, field func(dst []byte, i int) []byte) []byte {
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = field(dst, i)
	}
	return append(dst, "\r\n"...)
}

// appendCSVText appends text as a CSV field, prefixed with an apostrophe
// when a spreadsheet would take it for a formula.
func appendCSVText[T []byte | string](dst []byte, text T) []byte {
	if len(text) == 0 || !formulaStart(text[0]) {
		return appendCSVField(dst, text)
	}
	// The apostrophe is now the field's first character: it is not a
	// space, so only the characters of text decide the quotes.
	if !csvNeedsQuotes(text) {
		dst = append(dst, '\'')
		return append(dst, text...)
	}
	dst = append(dst, '"', '\'')
	return appendCSVQuoted(dst, text)
}

// appendCSVField appends field as encoding/csv's Writer, with a comma and
// UseCRLF, writes it.
func appendCSVField[T []byte | string](dst []byte, field T) []byte {
	if len(field) == 0 || (!csvNeedsQuotes(field) && !leadingSpace(field)) && !(len(field) == 2 && field[0] == '\\' && field[1] == '.') {
		return append(dst, field...)
	}
	dst = append(dst, '"')
	return appendCSVQuoted(dst, field)
}

// csvNeedsQuotes reports whether field holds a comma, a quote or a line
// break.
func csvNeedsQuotes[T []byte | string](field T) bool {
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}

// leadingSpace reports whether field begins with a Unicode space.
func leadingSpace[T []byte | string](field T) bool {
	if len(field) == 0 {
		return false
	}
	if field[0] < utf8.RuneSelf {
		return unicode.IsSpace(rune(field[0]))
	}
	r, _ := utf8.DecodeRuneInString(string(field[:min(len(field), utf8.UTFMax)]))
	return unicode.IsSpace(r)
}

// appendCSVQuoted appends the rest of a quoted field after its opening
// quote: quotes doubled, lone CRs dropped, LFs written as CRLF.
func appendCSVQuoted[T []byte | string](dst []byte, field T) []byte {
	start := 0
	for i := 0; i < len(field); i++ {
		switch field[i] {
		case '"':
			dst = append(dst, field[start:i+1]...)
			dst = append(dst, '"')
			start = i + 1
		case '\r':
			dst = append(dst, field[start:i]...)
			start = i + 1
		case '\n':
			dst = append(dst, field[start:i]...)
			dst = append(dst, '\r', '\n')
			start = i + 1
		}
	}
	dst = append(dst, field[start:]...)
	return append(dst, '"')
}

// toBytes returns what write writes.
func toBytes(write func(io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xlsxDeflateLevel is the level at which github.com/klauspost/compress/flate
// deflates the parts of reports.xlsx. On 15,000 reports (measured with
// BenchmarkWriteXLSX15k), level 2 takes 87 ms against 126 ms at level 6,
// for a file of 3.6 MB against 3.0 MB; level 1 saves 3 ms more for
// another 0.1 MB. The workbook is written on every full build, and
// downloaded now and then, so the build's time wins.
const xlsxDeflateLevel = 2

// xlsxDeflaters holds the *flate.Writer values, of xlsxDeflateLevel, that
// deflated parts of earlier workbooks, for reuse.
var xlsxDeflaters sync.Pool

// newXLSXZip returns the zip writer of reports.xlsx: archive/zip's, with
// the parts deflated by github.com/klauspost/compress/flate instead of
// compress/flate. The archive is still an ordinary zip of deflated parts,
// and the same workbook gives the same bytes every time.
func newXLSXZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, newXLSXDeflater)
	return zw
}

// newXLSXDeflater returns a deflater of one part of reports.xlsx, taken
// from xlsxDeflaters.
func newXLSXDeflater(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := xlsxDeflaters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &xlsxDeflater{fw}, nil
	}
	fw, err := flate.NewWriter(w, xlsxDeflateLevel)
	if err != nil {
		return nil, err
	}
	return &xlsxDeflater{fw}, nil
}

// xlsxDeflater deflates one part of reports.xlsx; Close returns its
// *flate.Writer to xlsxDeflaters.
type xlsxDeflater struct{ fw *flate.Writer }

// Write deflates p.
func (d *xlsxDeflater) Write(p []byte) (int, error) {
	if d.fw == nil {
		return 0, errors.New("reports.xlsx: write to a closed deflater")
	}
	return d.fw.Write(p)
}

// Close ends the deflated stream and gives the writer back for reuse.
func (d *xlsxDeflater) Close() error {
	if d.fw == nil {
		return errors.New("reports.xlsx: deflater closed twice")
	}
	err := d.fw.Close()
	xlsxDeflaters.Put(d.fw)
	d.fw = nil
	return err
}

// JSONReport is one report in reports.json.
type JSONReport struct {
	Province   string `json:"province"`
	Prefecture string `json:"prefecture"`
	County     string `json:"county"`
	Adcode     string `json:"adcode"`
	Department string `json:"department"`
	// DepartmentKind is the kind of the department (site.Report.DepartmentKind), as
	// the column 部门类别 gives it: 教育 for 教育局 and 教育和体育局.
	DepartmentKind string `json:"department_kind"`
	Year           int    `json:"year"`
	Type           string `json:"type"`
	// Project is the name of the project or fund a 项目支出 report
	// evaluates, "" when the report names none.
	Project   string `json:"project"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Source    string `json:"source"`
	// OriginalUnit is the unit the report file gives its amounts in (元,
	// 千元 or 万元); Figures holds them converted to 万元.
	OriginalUnit string `json:"original_unit"`
	// Figures maps each figure's column key to its value in 万元 (or points,
	// or people), or null when the report does not disclose it.
	Figures map[string]*float64 `json:"figures"`
	Grade   *string             `json:"grade"`
	// Unreadable lists figures the report gives but that could not be read.
	Unreadable []string `json:"unreadable"`
	// NotApplicable lists the figures a report of its type does not have
	// (see notApplicable) and that the report does not give: null in
	// Figures, as those not disclosed are, and 不适用 in the CSV and the
	// workbook. A figure the report gives anyway is not listed: it has
	// its number in Figures, as the pages show it (the disclosure page
	// calls it 已披露（不计入）).
	NotApplicable []string `json:"not_applicable"`
	// Suspect lists figures the checks find likely unit slips (see
	// suspects): kept in Figures as given, left out of the pages'
	// comparisons.
	Suspect []string `json:"suspect"`
	// Derived lists the figures the file's writer computed from the
	// report's other figures rather than read in it (report.Report.Derived),
	// by their keys in Figures.
	Derived  []string          `json:"derived"`
	Evidence map[string]string `json:"evidence"`
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
func JSON(s *site.Site) ([]byte, error) {
	return toBytes(func(w io.Writer) error { return WriteJSON(w, s) })
}

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
	var j jsonWriter
	for i, r := range s.Reports {
		ev, err := evidence(i, r)
		if err != nil {
			return err
		}
		j.buf = j.buf[:0]
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.buf = append(j.buf, "\n  "...)
		if err := j.report(r, ev); err != nil {
			return err
		}
		w.Write(j.buf)
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
		full, release, err := s.Detail(r.Report)
		if err != nil {
			return nil, err
		}
		defer release() // the evidence shares nothing with the body
		return full.Evidence, nil
	}
	return r.Evidence, nil
}

// jsonWriter writes reports in reports.json: the bytes
// json.MarshalIndent(JSONReport, "  ", " ") gives, made without reflection
// or the intermediate JSONReport, into buf.
type jsonWriter struct {
	buf  []byte
	keys []string // evidence keys, sorted
}

// figureColumns are the columns in a report's figures, sorted by key as
// encoding/json sorts map keys.
var figureColumns = func() []Column {
	var out []Column
	for _, c := range Columns {
		if c.inFigures() {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b Column) int { return strings.Compare(a.Key, b.Key) })
	return out
}()

// newline starts a line at depth within a report: the report itself is
// at depth 0, after the prefix of two spaces.
func (j *jsonWriter) newline(depth int) {
	j.buf = append(j.buf, "\n  "...)
	for range depth {
		j.buf = append(j.buf, ' ')
	}
}

// key starts a member of an object at depth.
func (j *jsonWriter) key(depth int, k string) {
	j.newline(depth)
	j.buf = jsontext.AppendString(j.buf, k)
	j.buf = append(j.buf, ':', ' ')
}

// str writes a member holding a string.
func (j *jsonWriter) str(depth int, k, v string) {
	j.key(depth, k)
	j.buf = jsontext.AppendString(j.buf, v)
	j.buf = append(j.buf, ',')
}

// strings writes a list of strings whose elements are at depth, or null
// for a nil list.
func (j *jsonWriter) strings(depth int, list []string) {
	if list == nil {
		j.buf = append(j.buf, "null"...)
		return
	}
	for i, s := range list {
		j.elem(i, depth)
		j.buf = jsontext.AppendString(j.buf, s)
	}
	j.endList(len(list), depth)
}

// elem starts element n (from 0) of a list whose elements are at depth.
func (j *jsonWriter) elem(n, depth int) {
	if n == 0 {
		j.buf = append(j.buf, '[')
	} else {
		j.buf = append(j.buf, ',')
	}
	j.newline(depth)
}

// endList ends a list of n elements started with elem, whose elements
// were at depth; an empty list is written [].
func (j *jsonWriter) endList(n, depth int) {
	if n == 0 {
		j.buf = append(j.buf, "[]"...)
		return
	}
	j.newline(depth - 1)
	j.buf = append(j.buf, ']')
}

// float writes f as encoding/json writes a float64.
func (j *jsonWriter) float(f float64) error {
	var err error
	j.buf, err = appendJSONFloat(j.buf, f)
	return err
}

// report appends r as a JSONReport with the given evidence.
func (j *jsonWriter) report(r *site.Report, evidence map[string]string) error {
	j.buf = append(j.buf, '{')
	j.str(1, "province", r.County.Province)
	j.str(1, "prefecture", r.County.Prefecture)
	j.str(1, "county", r.County.Name)
	j.str(1, "adcode", r.County.Adcode)
	j.str(1, "department", r.Department)
	j.str(1, "department_kind", r.DepartmentKind.Name)
	j.key(1, "year")
	j.buf = strconv.AppendInt(j.buf, int64(r.Year), 10)
	j.buf = append(j.buf, ',')
	j.str(1, "type", r.Type)
	j.str(1, "project", r.Project)
	j.str(1, "title", r.Title)
	j.str(1, "published", r.Published)
	j.str(1, "source", r.Source)
	j.str(1, "original_unit", r.Unit)

	j.key(1, "figures")
	j.buf = append(j.buf, '{')
	for i, c := range figureColumns {
		if i > 0 {
			j.buf = append(j.buf, ',')
		}
		j.key(2, c.Key)
		if v := c.get(r); v.isNum() {
			if err := j.float(v.num()); err != nil {
				return err
			}
		} else {
			j.buf = append(j.buf, "null"...)
		}
	}
	j.newline(1)
	j.buf = append(j.buf, "},"...)

	j.key(1, "grade")
	if r.Grade.Known() {
		j.buf = jsontext.AppendString(j.buf, r.Grade.V)
	} else {
		j.buf = append(j.buf, "null"...)
	}
	j.buf = append(j.buf, ',')

	// Unreadable figures, in the order of the columns.
	j.key(1, "unreadable")
	n := 0
	for _, c := range Columns {
		if !c.inFigures() {
			continue
		}
		if v := c.get(r); !v.isNum() && v.state == report.Unreadable {
			j.elem(n, 2)
			n++
			j.buf = jsontext.AppendString(j.buf, c.Key)
		}
	}
	j.endList(n, 2)
	j.buf = append(j.buf, ',')

	// Figures that do not apply and are not given, in the order of the
	// columns: those the CSV and the workbook write 不适用. One given
	// anyway has its number in figures, and is not listed, so that the
	// two never contradict each other.
	j.key(1, "not_applicable")
	n = 0
	if na := notApplicable(r.Type); na != 0 {
		for i, c := range Columns {
			if na&columnBit(i) != 0 && c.get(r).state == report.NotDisclosed {
				j.elem(n, 2)
				n++
				j.buf = jsontext.AppendString(j.buf, c.Key)
			}
		}
	}
	j.endList(n, 2)
	j.buf = append(j.buf, ',')

	// Likely unit slips, in the order of the columns.
	j.key(1, "suspect")
	n = 0
	if sus := suspects(r); sus != 0 {
		for i, c := range Columns {
			if sus&columnBit(i) != 0 {
				j.elem(n, 2)
				n++
				j.buf = jsontext.AppendString(j.buf, c.Key)
			}
		}
	}
	j.endList(n, 2)
	j.buf = append(j.buf, ',')

	// Figures the file's writer computed, in the order of the columns.
	j.key(1, "derived")
	n = 0
	if len(r.Derived) > 0 {
		for _, c := range Columns {
			if c.Figure != "" && c.inFigures() && r.IsDerived(c.Figure) {
				j.elem(n, 2)
				n++
				j.buf = jsontext.AppendString(j.buf, c.Key)
			}
		}
	}
	j.endList(n, 2)
	j.buf = append(j.buf, ',')

	j.key(1, "evidence")
	if len(evidence) == 0 {
		j.buf = append(j.buf, "{}"...)
	} else {
		j.keys = j.keys[:0]
		for k := range evidence {
			j.keys = append(j.keys, k)
		}
		slices.Sort(j.keys)
		j.buf = append(j.buf, '{')
		for i, k := range j.keys {
			if i > 0 {
				j.buf = append(j.buf, ',')
			}
			j.key(2, k)
			j.buf = jsontext.AppendString(j.buf, evidence[k])
		}
		j.newline(1)
		j.buf = append(j.buf, '}')
	}
	j.buf = append(j.buf, ',')

	j.key(1, "findings")
	n = 0
	for _, c := range r.Checks {
		for _, f := range c.Findings {
			j.elem(n, 2)
			n++
			j.buf = append(j.buf, '{')
			j.str(3, "rule", f.Rule)
			j.str(3, "title", f.Title)
			j.str(3, "severity", f.Severity.String())
			j.str(3, "message", f.Message)
			j.key(3, "figures")
			j.strings(4, f.Keys)
			j.buf = append(j.buf, ',')
			j.key(3, "gap")
			if f.Gap != 0 {
				if err := j.float(f.Gap.Wan()); err != nil {
					return err
				}
			} else {
				j.buf = append(j.buf, "null"...)
			}
			j.newline(2)
			j.buf = append(j.buf, '}')
		}
	}
	j.endList(n, 2)
	j.buf = append(j.buf, ',')

	j.str(1, "page", r.URL)
	j.key(1, "file")
	j.buf = jsontext.AppendString(j.buf, r.File)
	j.newline(0)
	j.buf = append(j.buf, '}')
	return nil
}

// appendJSONFloat appends f as encoding/json encodes a float64; NaN and
// infinities are an error, as there.
func appendJSONFloat(dst []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		_, err := json.Marshal(f)
		return dst, err
	}
	return jsontext.AppendFloat(dst, f), nil
}
