package importer

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tables are also pasted as text: a row per line, its cells separated by
// tabs (本年支出合计	2,377.04) or aligned with runs of spaces, as
// pdftotext -layout writes them. clean turns such rows into the cells a
// Doc holds for a table (see textTableRows), and tableRows reads them as
// any other table.

var (
	cellSepRE = regexp.MustCompile(`[ ]*\t[\t ]*| {2,}`)
	// captionRE finds a table's caption, such as 表2 or 附表1-3, written as
	// its first cell (表2  基本支出决算明细).
	captionRE = regexp.MustCompile(`^附?表\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[-－.．]\d{1,2})?(?:$|[:：、.．\s]|\p{Han})`)
)

// textRow splits a line of a table pasted as text into its cells. ok is
// false for a line that does not read as one: a single cell, a caption
// (表2  基本支出决算明细, which ends the table above it), a cell with
// sentence punctuation, or cells after the first that are neither amounts
// nor short headings. numeric reports whether a cell after the first is a
// number.
func textRow(line string) (cells []string, numeric, ok bool) {
	t := strings.TrimSpace(line)
	if !strings.Contains(t, "\t") && !strings.Contains(t, "  ") {
		return nil, false, false
	}
	cells = cellSepRE.Split(t, -1)
	if len(cells) < 2 || len(cells) > 8 {
		return nil, false, false
	}
	if !strings.ContainsFunc(cells[0], isHan) || captionRE.MatchString(cells[0]) {
		return nil, false, false
	}
	for i, c := range cells {
		n := utf8.RuneCountInString(c)
		if n > 30 || strings.ContainsAny(c, "。；;！？") {
			return nil, false, false
		}
		if i == 0 {
			continue
		}
		if numCellRE.MatchString(strings.ReplaceAll(c, " ", "")) {
			numeric = true
			continue
		}
		if n > 15 || strings.ContainsAny(c, "，,") {
			return nil, false, false
		}
	}
	return cells, numeric, true
}

var columnHeadRE = regexp.MustCompile(`数|额|元|年|决算|预算|执行|实际`)

// headerRow reports whether cells read as the header row of a table: at
// least two cells, and after the first only column headings (决算数（万元）,
// 2023年), no amounts and no empty cells.
func headerRow(cells []string) bool {
	if len(cells) < 2 {
		return false
	}
	for _, c := range cells[1:] {
		c = strings.ReplaceAll(fold(c), " ", "")
		if c == "" || numCellRE.MatchString(c) || !columnHeadRE.MatchString(c) {
			return false
		}
	}
	return true
}

// textTableRow is a line read as a row of a table pasted as text.
type textTableRow struct {
	cells []string
	// newTable marks a header row that comes after rows with amounts,
	// which starts another table.
	newTable bool
	// narrow marks a row with fewer cells than another row of its table:
	// a space in one of its cells may part two columns (5 400.00 under
	// 接待批次 and 金额), so its spaced digits are not joined.
	narrow bool
}

// textTableRows returns the lines of lines that are rows of a table pasted
// as text, by line: runs of at least two consecutive rows, at least one
// of them with an amount.
func textTableRows(lines []string) (out map[int]textTableRow) {
	for i := 0; i < len(lines); {
		j := i
		var run []textTableRow
		numeric := false
		for ; j < len(lines); j++ {
			if strings.HasPrefix(strings.TrimLeft(lines[j], " "), "\t") {
				break // a cell of a table already
			}
			cells, num, ok := textRow(lines[j])
			if !ok {
				break
			}
			row := textTableRow{cells: cells}
			if numeric && !num && headerRow(cells) {
				row.newTable = true
			}
			run = append(run, row)
			numeric = numeric || num
		}
		if len(run) >= 2 && numeric {
			if out == nil {
				out = map[int]textTableRow{}
			}
			for k := 0; k < len(run); {
				// The rows of one table: up to the next one's header.
				e, width := k+1, len(run[k].cells)
				for ; e < len(run) && !run[e].newTable; e++ {
					width = max(width, len(run[e].cells))
				}
				for ; k < e; k++ {
					run[k].narrow = len(run[k].cells) < width
					out[i+k] = run[k]
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return out
}

// ownColumnWords name the column of a table that holds the year's actual
// amounts.
var ownColumnWords = map[string]bool{
	"决算数": true, "决算": true, "决算额": true, "决算金额": true, "实际数": true, "实际支出": true, "实际支出数": true,
	"执行数": true, "金额": true, "本年数": true, "本年": true, "本年决算数": true, "本年决算": true, "本年金额": true,
	"本期数": true, "本期": true, "本年度": true, "当年": true, "当年数": true, "实际发生数": true, "支出数": true,
}

var (
	otherColumnRE = regexp.MustCompile(`%|率|占|比重|增减|变动|差额|增长|减少|增加|同比|比较|上年|去年|上一年|以前年度`)
	columnYearRE  = regexp.MustCompile(`(?:19|20)\d\d`)
)

// columnKind reads a column header of a table with several columns of
// amounts: "own" for the report's year's actual amounts, "other" for
// another year's, a budget, a change or a share, "" when it cannot tell.
// year is the report's year, or 0 when not known.
func columnKind(h string, year int) string {
	h = strings.ReplaceAll(fold(h), " ", "")
	for {
		m := parenTailRE.FindStringSubmatchIndex(h)
		if m == nil {
			break
		}
		h = h[:m[0]]
	}
	if h == "" {
		return ""
	}
	if otherColumnRE.MatchString(h) || budgetish(h) {
		return "other"
	}
	if ys := columnYearRE.FindAllString(h, -1); len(ys) > 0 {
		if year == 0 {
			return ""
		}
		for _, y := range ys {
			if y != strconv.Itoa(year) {
				return "other"
			}
		}
		h = strings.TrimLeft(columnYearRE.ReplaceAllString(h, ""), "年度")
		if h == "" || ownColumnWords[h] {
			return "own"
		}
		return ""
	}
	if ownColumnWords[h] {
		return "own"
	}
	return ""
}

// valueColumn returns the column of this year's actual amounts in a table
// whose header row is header: the only one that columnKind reads as the
// report's year's, when it reads every other column after the first as
// another year's, a budget, a change or a share. It returns 0 when there is
// no such column.
func valueColumn(header []string, year int) int {
	col := 0
	for i, h := range header {
		if i == 0 {
			continue
		}
		switch columnKind(h, year) {
		case "own":
			if col != 0 {
				return 0
			}
			col = i
		case "other":
		default:
			return 0
		}
	}
	return col
}
