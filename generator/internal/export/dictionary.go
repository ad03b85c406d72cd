package export

// The data dictionary of the downloads: what each column holds, in what
// unit, what the words written instead of a figure mean, the severities
// of the findings and the rules that make them. Columns (Unit,
// Description), cellWords, severityMeanings, jsonOnlyKeys and
// FindingColumns (the columns of findings.csv) are its one source;
// reports.xlsx shows it as its sheet 说明 (see dictionaryRows).

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/check"
)

// dictionarySheetName is the name of the sheet of reports.xlsx that
// explains the others.
const dictionarySheetName = "说明"

// The descriptions of the columns whose wording depends on the build.
const (
	// pageRelative describes the column 本站页面 of a site built without
	// a base URL, pageAbsolute with one (see pageURL).
	pageRelative = "本报告在本站的页面，为相对于本站根目录（首页 index.html 所在的目录）的路径，如 report/tao-yuan-xian/2020-cai-zheng-ju-zheng-ti.html。reports.json 的 page 也是这样的路径。"
	pageAbsolute = "本报告在本站的页面的完整网址，可直接打开。reports.json 的 page 则是相对于本站根目录（首页 index.html 所在的目录）的路径，如 report/tao-yuan-xian/2020-cai-zheng-ju-zheng-ti.html。"
)

// departmentKindMeaning describes the column 部门类别.
const departmentKindMeaning = "部门所属的类别，如教育局、教育和体育局都是“教育”，文化和旅游局、文旅局都是“文化旅游”；本站分类表中没有的部门，类别就是部门名称本身。本站的排名：整体支出报告只与同一年度、同一部门类别的整体支出报告相比（按年度、类型、部门类别分组即可重现），项目支出报告与同一年度的全部项目支出报告相比。"

// findingsLeaveOut says why the column 核对发现 leaves out the disclosure
// note (see appendFindings).
const findingsLeaveOut = "不含“核心数据披露”（严重程度为提示）：哪些核心数字未披露、无法识别或不适用，本行对应的单元格已经写明（空白、无法识别、不适用），本站的核对发现页和报告页的核对发现也不列它；reports.json 的 findings 含有它。"

// cellWord is what a cell of a figure may hold instead of a number.
type cellWord struct {
	// Word is the cell's text ("" for an empty cell), JSON what
	// reports.json has for it, Meaning what it says.
	Word, JSON, Meaning string
}

// cellWords are the words of a figure's cell that is not a number, and
// the mark of a number that is a likely unit slip.
var cellWords = []cellWord{
	{"", "figures 中为 null",
		"数字列：报告没有披露这个数字（未披露），不等于0。文字列：报告没有给出。"},
	{unreadableText, "figures 中为 null，键列入 unreadable",
		"报告给出了这个数字，但无法准确读出。"},
	{notApplicableText, "figures 中为 null，键列入 not_applicable（报告给出了则为该数字，不列入）",
		check.ProjectScope + "；部门的" + projectNotApplicableNames() + "不适用于它，也不计入它的披露比例；报告没有给出时写“不适用”，给出了则照列数字（披露情况页标为“已披露（不计入）”）。reports.json 的 not_applicable 只列出其中报告没有给出的键。"},
	{suspectText, "figures 中照列该数字，键列入 suspect",
		"报告给出了这个金额，但本站核对认为可能填错了单位（多是把元填成了万元），本站的比较、排名、图表和平均数不计入。为免排序、求和时把它算进去，数字列中只写“疑为单位错误”，报告原样的数字列在“疑为单位错误”列中；工作簿中这样的单元格以琥珀色底纹标出。"},
	{countSlipText, "figures 中照列该数字，键列入 suspect",
		"报告给出的编制人数或实有人数超过10万人，远超县级部门的规模，本站核对认为可能填错了数字，不用它计算人均数。数字列中只写“疑为数字错误”，报告原样的数字同样列在“疑为单位错误”列中，工作簿中同样以琥珀色底纹标出。"},
}

// countSlipText is what a download writes in the cell of a count of
// staff that is a likely slip (see slipText).
var countSlipText, _ = check.SlipWords("staff.actual")

// projectNotApplicableNames returns the headers, without their unit, of
// the columns whose figure does not apply to a 项目支出 report (see
// notApplicable), joined by "、".
func projectNotApplicableNames() string {
	var names []string
	for i, c := range Columns {
		if notApplicableProject&columnBit(i) != 0 {
			names = append(names, strings.TrimSuffix(c.Header, "（"+c.Unit+"）"))
		}
	}
	return strings.Join(names, "、")
}

// severityMeanings says what each severity of a finding means, least
// serious first.
var severityMeanings = []struct {
	Severity check.Severity
	Meaning  string
}{
	{check.Info, "报告的基本情况，如哪些核心数字未披露（核心数据披露）；只见于 reports.json，不列入“核对发现”列。"},
	{check.Rounding, "差额在每个分项0.01万元以内，可能来自四舍五入（尾差）。"},
	{check.Warning, "可能有错、值得一看，但报告自身的数字不能证明，如疑为单位错误、有得分无等级、实有人数超过编制。"},
	{check.Discrepancy, "报告自身的数字证明的、超出尾差的不一致。"},
}

// jsonOnlyKeys are the keys of reports.json that no column of reports.csv
// and reports.xlsx holds, with their unit and meaning.
var jsonOnlyKeys = []struct{ Key, Unit, Meaning string }{
	{"unit", "", "文件顶层：金额的单位，恒为“万元”。"},
	{"figures", "", "各项数字，键为上面“各列含义”中 figures. 之后的部分；null 表示未披露、无法识别，或不适用而报告没有给出。"},
	{"unreadable", "", "报告给出但无法识别的数字的键（figures 中为 null）。"},
	{"not_applicable", "", "不适用于报告类型、报告也没有给出的数字的键（项目支出报告没有给出的部门数字），figures 中为 null，CSV 和工作簿中写“不适用”；报告给出了的部门数字不列入，figures 中照列该数字。"},
	{"evidence", "", "每个数字在报告中所出自的原句，键为报告文件中的字段名，如 spending.total。"},
	{"findings[].rule", "", "核对项的编号，见上面“核对项”。"},
	{"findings[].severity", "", "严重程度的英文名，见上面“核对发现的严重程度”。"},
	{"findings[].figures", "", "该发现涉及的数字在报告文件中的字段名，如 spending.total。"},
	{"findings[].gap", "万元", "差额；没有差额或不计算差额时为 null。"},
}

// dictionaryRow is a row of the sheet 说明: a section's heading, the
// header of its table, or an entry.
type dictionaryRow struct {
	cells           [4]string
	heading, header bool
}

// dictionaryRows returns the rows of the sheet 说明, for a site built
// with a base URL (absolute) or without one.
func dictionaryRows(absolute bool) []dictionaryRow {
	var rows []dictionaryRow
	heading := func(title string) {
		if len(rows) > 0 {
			rows = append(rows, dictionaryRow{})
		}
		rows = append(rows, dictionaryRow{cells: [4]string{title}, heading: true})
	}
	header := func(cells ...string) {
		rows = append(rows, dictionaryRow{cells: [4]string(cells), header: true})
	}
	entry := func(cells ...string) { rows = append(rows, dictionaryRow{cells: [4]string(cells)}) }

	heading("各列含义（“报告”工作表和 reports.csv 的列，从左到右；JSON 键为 reports.json 中对应的键）")
	header("列名", "JSON 键", "单位", "含义")
	for _, c := range Columns {
		desc := c.Description
		if c.Key == "page" {
			desc = pageRelative
			if absolute {
				desc = pageAbsolute
			}
		}
		entry(c.Header, jsonKey(c), c.Unit, desc)
	}

	heading("空白、无法识别、不适用、疑为单位错误与疑为数字错误")
	header("取值", "reports.json 中", "", "含义")
	for _, w := range cellWords {
		word := w.Word
		if word == "" {
			word = "（空白）"
		}
		entry(word, w.JSON, "", w.Meaning)
	}

	heading("核对发现的严重程度")
	header("严重程度", "JSON severity", "", "含义")
	for _, s := range severityMeanings {
		entry(s.Severity.Label(), s.Severity.String(), "", s.Meaning)
	}

	heading("核对项（“核对发现”列中每条开头的名称）")
	header("核对项", "JSON rule", "", "核对内容")
	for _, r := range check.Rules {
		entry(r.Title, r.ID, "", r.Description)
	}

	heading("只见于 reports.json 的键")
	header("", "JSON 键", "单位", "含义")
	for _, k := range jsonOnlyKeys {
		entry("", k.Key, k.Unit, k.Meaning)
	}

	heading("findings.csv 的列（每条核对发现一行，从左到右，顺序与本站核对发现页相同；JSON 键为 reports.json 中对应的键）")
	header("列名", "JSON 键", "单位", "含义")
	for _, c := range FindingColumns {
		desc := c.Description
		if c.Key == "page" && absolute {
			desc = findingPageAbsolute
		}
		entry(c.Header, c.JSON, c.Unit, desc)
	}
	return rows
}

// jsonKey returns where reports.json holds a column: a figure's number
// in figures, anything else under its key.
func jsonKey(c Column) string {
	if c.inFigures() {
		return "figures." + c.Key
	}
	return c.Key
}

// addDictionarySheet adds the sheet 说明 (see dictionaryRows) to f, after
// its other sheets; the first stays the one shown on opening.
func addDictionarySheet(f *excelize.File, absolute bool) error {
	const sheet = dictionarySheetName
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for _, w := range []struct {
		col   string
		width float64
	}{{"A", 26}, {"B", 34}, {"C", 8}, {"D", 90}} {
		if err := f.SetColWidth(sheet, w.col, w.col, w.width); err != nil {
			return err
		}
	}
	if err := f.SetColStyle(sheet, "A:D", wrap); err != nil {
		return err
	}
	rows := dictionaryRows(absolute)
	// The used range, which excelize leaves at A1, and which readers
	// such as openpyxl's read-only mode take as the sheet's size.
	if err := f.SetSheetDimension(sheet, "A1:D"+strconv.Itoa(len(rows))); err != nil {
		return err
	}
	for i, row := range rows {
		for j, v := range row.cells {
			if v == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
			if row.heading || row.header {
				if err := f.SetCellStyle(sheet, cell, cell, bold); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
