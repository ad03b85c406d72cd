package export

import (
	"bufio"
	"io"
	"strconv"

	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// FindingColumn is one column of findings.csv, which has a row per
// finding.
type FindingColumn struct {
	// Key is the column's stable identifier.
	Key string
	// JSON is where reports.json holds the same value, such as county or
	// findings[].rule, or "" when it holds none.
	JSON string
	// Header is the Chinese column heading.
	Header string
	// Unit is the unit of the column's numbers: 万元 or %, or "".
	Unit string
	// Number marks a numeric column.
	Number bool
	// Description says in Chinese what the column holds, for the data
	// dictionary (see dictionaryRows).
	Description string
	get         func(*pages.FindingRow) cell
}

// FindingColumns lists the columns of findings.csv, in order: the
// report's columns that say whose the finding is, as reports.csv has
// them, then the finding's own.
var FindingColumns = []FindingColumn{
	reportColumn("province"), reportColumn("prefecture"), reportColumn("county"), reportColumn("adcode"),
	reportColumn("department"), reportColumn("department_kind"), reportColumn("year"), reportColumn("type"),
	reportColumn("project"),
	{Key: "check", JSON: "findings[].title", Header: "核对项",
		Description: "发现问题的核对项的名称，如支出合计核对；各核对项核对什么，见上面“核对项”。",
		get:         func(f *pages.FindingRow) cell { return text(f.Title) }},
	{Key: "rule", JSON: "findings[].rule", Header: "规则",
		Description: "核对项的编号，如 sum.spending，见上面“核对项”。",
		get:         func(f *pages.FindingRow) cell { return text(f.Rule) }},
	{Key: "severity", JSON: "findings[].severity", Header: "严重程度",
		Description: "不一致、疑点或尾差，含义见上面“核对发现的严重程度”（reports.json 中为英文名）。" + findingsCSVLeavesOut,
		get:         func(f *pages.FindingRow) cell { return text(f.Severity.Label()) }},
	{Key: "message", JSON: "findings[].message", Header: "说明",
		Description: "发现了什么，附有关的数字，与本站核对发现页的“说明”相同。",
		get:         func(f *pages.FindingRow) cell { return text(f.Message) }},
	{Key: "figures", JSON: "findings[].figures", Header: "涉及的数字",
		Description: "该发现涉及的数字，写作 reports.csv 中对应的列名（如“支出合计（万元）”），以“、”分隔；reports.json 中为报告文件中的字段名，如 spending.total。",
		get:         func(f *pages.FindingRow) cell { return cell{kind: keysCell, state: report.Disclosed} }},
	{Key: "gap", JSON: "findings[].gap", Header: "差额（万元）", Unit: "万元", Number: true,
		Description: "发现所涉及的差额，为正数：分项之和与合计之差、分项超出整体的部分、三公经费同比增减与两年合计之差等；空白表示该核对项不计算差额（如等级与得分不符、实有人数超编）。差额涉及疑为单位错误的数字（“涉及疑为单位错误”列为“是”）时，它反映的是单位错误的大小，而不是真实的缺口；本站核对发现页把这样的不一致排在同一严重程度的其他发现之后，本表也是。",
		get:         func(f *pages.FindingRow) cell { return gapCell(f.Finding.Gap) }},
	{Key: "share", Header: "差额占比（%）", Unit: "%", Number: true,
		Description: "差额占所比较的数字的百分比（3.91 即 3.91%），保留两位小数，与本站核对发现页的“占比”相同：分项之和与合计不符时占合计，分项大于整体时占整体，三公经费同比增减不符时占本年三公经费合计；实有人数超编时为超编人数占编制人数的百分比。空白表示没有占比（不计算差额，或所比较的数字为0）。",
		get:         func(f *pages.FindingRow) cell { return shareCell(f.Finding.Share) }},
	{Key: "slip", Header: "涉及疑为单位错误",
		Description: "“是”表示该不一致涉及疑为单位错误的数字（见 reports.csv 的“疑为单位错误”列）：它的差额反映的是单位错误的大小，而不是真实的缺口，求和、排序差额时应把它除外；空白表示不涉及。",
		get: func(f *pages.FindingRow) cell {
			if f.Slip {
				return text("是")
			}
			return text("")
		}},
	{Key: "page", Header: "本站页面", Description: findingPageRelative,
		get: func(f *pages.FindingRow) cell {
			return cell{kind: pageCell, text: f.R.URL, i: int64(f.N), state: report.Disclosed}
		}},
	reportColumn("file"),
}

// findingsCSVLeavesOut says which findings findings.csv leaves out.
const findingsCSVLeavesOut = "本表不含“核心数据披露”（严重程度为提示）：它只列出报告没有披露的核心数字，reports.csv 各行的单元格已经写明；本站的核对发现页也不列它。reports.json 的 findings 含有它。"

// The descriptions of findings.csv's column 本站页面, for a site built
// without a base URL and with one (see pageURL).
const (
	findingPageRelative = "该发现在本站报告页上的位置：报告页相对于本站根目录（首页 index.html 所在的目录）的路径，加上该发现在页面“数据核对”一节中的锚点，如 report/tao-yuan-xian/2020-cai-zheng-ju-zheng-ti.html#finding-1，与核对发现页的链接相同。"
	findingPageAbsolute = "该发现在本站报告页上的位置：报告页的完整网址，加上该发现在页面“数据核对”一节中的锚点（如 #finding-1），可直接打开，与核对发现页的链接相同。"
)

// reportColumn returns the column of findings.csv that holds the finding's
// report's value of the column of Columns whose key is key.
func reportColumn(key string) FindingColumn {
	for _, c := range Columns {
		if c.Key == key {
			return FindingColumn{Key: c.Key, JSON: jsonKey(c), Header: c.Header, Unit: c.Unit, Number: c.Number,
				Description: c.Description, get: func(f *pages.FindingRow) cell { return c.get(f.R) }}
		}
	}
	panic("export: no column " + key)
}

// gapCell returns the cell of a finding's gap: none when it is zero,
// which a finding whose rule measures no gap has.
func gapCell(gap report.Amount) cell {
	if gap == 0 {
		return cell{kind: amountCell, state: report.NotDisclosed}
	}
	return cell{kind: amountCell, i: int64(gap), state: report.Disclosed}
}

// shareCell returns the cell of a finding's share as a percentage rounded
// to two decimals, written as the findings page writes it (0.00 for a
// share under 0.005%, not 0, which would read as no gap): none when it is
// zero.
func shareCell(share float64) cell {
	if share == 0 {
		return cell{kind: percentCell, state: report.NotDisclosed}
	}
	return cell{kind: percentCell, f: share * 100, state: report.Disclosed}
}

// keyHeaders maps the dotted name of a report's figure to the header of
// its column in reports.csv (year and title, which are not figures, by
// their key).
var keyHeaders = func() map[string]string {
	m := map[string]string{}
	for _, c := range Columns {
		if c.Figure != "" {
			m[c.Figure] = c.Header
		}
	}
	for _, c := range Columns {
		if _, ok := m[c.Key]; !ok && c.Figure == "" {
			m[c.Key] = c.Header
		}
	}
	return m
}()

// appendKeyHeaders appends the text of findings.csv's column 涉及的数字:
// the headers of the columns of keys (see keyHeaders), each key without
// one as it is, joined by "、".
func appendKeyHeaders(dst []byte, keys []string) []byte {
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, "、"...)
		}
		if h, ok := keyHeaders[k]; ok {
			k = h
		}
		dst = append(dst, k...)
	}
	return dst
}

// FindingsCSV returns findings.csv: a row per finding that the site's
// findings page lists (every finding but the notes on disclosure), in
// its order (see pages.ListedFindings), in the conventions of reports.csv
// (see CSV). baseURL is the site's absolute URL, or "" (see pageURL).
func FindingsCSV(s *site.Site, baseURL string) ([]byte, error) {
	return toBytes(func(w io.Writer) error { return WriteFindingsCSV(w, s, baseURL) })
}

// WriteFindingsCSV writes findings.csv (see FindingsCSV) to out.
func WriteFindingsCSV(out io.Writer, s *site.Site, baseURL string) error {
	base := pageURL(baseURL)
	w := bufio.NewWriterSize(out, 64<<10)
	line := appendHeaderLine(nil, len(FindingColumns), func(i int) string { return FindingColumns[i].Header })
	w.Write(line)
	var scratch []byte
	rows := pages.ListedFindings(s)
	for i := range rows {
		f := &rows[i]
		line = appendCSVLine(line[:0], len(FindingColumns), func(line []byte, j int) []byte {
			v := FindingColumns[j].get(f)
			switch {
			case v.isNum():
				// Numbers never need quotes.
				return v.appendNum(line)
			case v.kind == keysCell:
				scratch = appendKeyHeaders(scratch[:0], f.Keys)
			case v.kind == pageCell:
				scratch = appendFindingPage(scratch[:0], base, v.text, v.i)
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

// appendFindingPage appends the text of findings.csv's column 本站页面:
// the report page at path from the site's root (see appendPage) and the
// anchor of its n-th finding, which the findings page links to.
func appendFindingPage(dst []byte, base, path string, n int64) []byte {
	dst = appendPage(dst, base, path)
	dst = append(dst, "#finding-"...)
	return strconv.AppendInt(dst, n, 10)
}
