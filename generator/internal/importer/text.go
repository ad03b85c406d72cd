package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// para is a paragraph of the cleaned text, or one cell of a table.
type para struct {
	text   string
	cell   bool
	table  int // which table a cell belongs to, counting from 1
	row    int // which row of its table, counting from 0
	marker int // 2 for 一、 numbering, 3 for （一）, 4 for 1、 or (1), 0 for none
}

var (
	marker2RE = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|章|节)[、.．:：\s]?)`)
	marker3RE = regexp.MustCompile(`^[(（][一二三四五六七八九十]{1,3}[)）][、.．]?`)
	marker4RE = regexp.MustCompile(`^(?:\d{1,2}[、.．)）]|[(（]\d{1,2}[)）]|[①-⑳])`)
	// amountStartRE finds a paragraph that is only a value, such as the
	// 8.5万元 under a label on the line above.
	amountStartRE = regexp.MustCompile(`^-?\d[\d,]*(?:\.\d+)?\s*(?:万元|千元|元|亿元)`)
)

func markerLevel(s string) int {
	switch {
	case marker2RE.MatchString(s):
		return 2
	case marker3RE.MatchString(s):
		return 3
	case marker4RE.MatchString(s) && !startsWithNumber(s):
		return 4
	}
	return 0
}

// startsWithNumber reports whether s starts with a number such as 1.5 or
// 2020年 rather than a list marker such as 1.
func startsWithNumber(s string) bool {
	i := 0
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	if i == 0 {
		return false
	}
	if i > 2 {
		return true
	}
	if i < len(s) && (s[i] == '.') && i+1 < len(s) && isDigit(rune(s[i+1])) {
		return true
	}
	return false
}

// endsSentence reports whether a line ends as a sentence or clause does.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？!?；;：:」』”\"", r)
}

// paragraphs groups cleaned lines into paragraphs. A line that a PDF or a
// page break cut in the middle of a sentence is joined to the next one; table
// cells are kept one per paragraph, with their table and row. A table ends
// at a line of prose, or at a header row (see headerRow) after an empty
// line between rows.
func paragraphs(lines []string) []para {
	width := wrapWidth(lines)
	prose := 0 // prose lines so far
	cut := func(l string) bool {
		if endsSentence(l) {
			return false
		}
		n := utf8.RuneCountInString(l)
		punct := strings.ContainsAny(l, "，,、；;")
		if punct && strings.HasSuffix(l, "为") {
			return true // 绩效评价得分为, then 93分 on the next line
		}
		if prose <= 6 && !punct {
			return false // a title line, however long
		}
		if width > 0 && n >= width*7/10 {
			return true
		}
		return n >= 30 && punct
	}
	var out []para
	joined := map[int][]string{} // lines joined to a paragraph
	table, row := 0, 0
	inTable := false
	blanks := 0
	open := -1 // index of a prose paragraph that may continue on the next line
	for i, l := range lines {
		if strings.HasPrefix(l, "\t") {
			if !inTable || blanks >= 2 && headerRow(rowAt(lines, i)) {
				// A blank line, then a header row: another table.
				table++
				row = 0
				inTable = true
			} else if blanks > 0 {
				row++
			}
			out = append(out, para{text: strings.TrimSpace(l), cell: true, table: table, row: row})
			blanks = 0
			open = -1
			continue
		}
		if l == "" {
			blanks++
			continue
		}
		inTable = false
		prose++
		m := markerLevel(l)
		if open >= 0 && blanks <= 2 && m == 0 {
			joined[open] = append(joined[open], l)
			blanks = 0
			if !cut(l) {
				open = -1
			}
			continue
		}
		blanks = 0
		out = append(out, para{text: l, marker: m})
		open = -1
		if cut(l) && !(m > 0 && utf8.RuneCountInString(l) <= 40 && !strings.ContainsAny(l, "，,")) {
			open = len(out) - 1
		}
	}
	for i, more := range joined {
		out[i].text += strings.Join(more, "")
	}
	return out
}

// rowAt returns the cells of the row of a table starting at line i.
func rowAt(lines []string, i int) []string {
	var cells []string
	for ; i < len(lines) && strings.HasPrefix(lines[i], "\t"); i++ {
		cells = append(cells, strings.TrimSpace(lines[i]))
	}
	return cells
}

// wrapWidth returns the width, in characters, at which the text's lines
// were wrapped (as pdftotext writes them), or 0 when lines are paragraphs.
func wrapWidth(lines []string) int {
	var ns []int
	for _, l := range lines {
		if strings.HasPrefix(l, "\t") {
			continue
		}
		if n := utf8.RuneCountInString(l); n >= 10 {
			ns = append(ns, n)
		}
	}
	if len(ns) < 8 {
		return 0
	}
	slices.Sort(ns)
	w := ns[len(ns)*3/4]
	if w > 60 || w < 20 {
		return 0
	}
	full := 0
	for _, n := range ns {
		if n >= w*7/10 {
			full++
		}
	}
	if full*10 < len(ns)*4 {
		return 0
	}
	return w
}

// isHeading reports whether a prose paragraph reads as a heading: numbered
// and short, or short with no punctuation and no amount.
func isHeading(p para) bool {
	if p.cell {
		return false
	}
	n := utf8.RuneCountInString(p.text)
	if p.marker == 2 || p.marker == 3 {
		return n <= 40 && !strings.ContainsAny(p.text, "。；;")
	}
	return n <= 25 && !strings.ContainsAny(p.text, "。，,；;：:") && !amountRE.MatchString(fold(p.text))
}

// sentence is a sentence of prose, or a table cell, with the heading of its
// section.
type sentence struct {
	disp string // as written (after cleaning), for evidence
	m    string // folded, for matching
	para int
	sec  string // folded text of the nearest heading above
	cell bool
}

// sentences splits the paragraphs into sentences at 。！？. A short label
// without punctuation whose value sits alone on the next line is joined to
// it. A table row or a pair of lines holding just a label and a number, in a
// table whose unit is given (单位：万元), becomes a sentence such as
// 本年支出合计947.59万元. year is the report's year, or 0 when not known
// (see valueColumn).
func sentences(ps []para, year int) []sentence {
	var out []sentence
	sec := ""
	unitCtx := ""
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if p.cell {
			if p.text != "" {
				out = append(out, sentence{disp: p.text, m: fold(p.text), para: i, sec: sec, cell: true})
			}
			if i+1 == len(ps) || !ps[i+1].cell || ps[i+1].table != p.table {
				out = append(out, tableRows(ps, i, unitCtx, sec, year)...)
				unitCtx = ""
			}
			continue
		}
		text := p.text
		folded := fold(text)
		if m := unitNoteRE.FindStringSubmatch(strings.ReplaceAll(folded, " ", "")); m != nil && utf8.RuneCountInString(text) <= 40 {
			unitCtx = m[1]
			if budgetish(folded) || i > 0 && !ps[i-1].cell && budgetish(fold(ps[i-1].text)) {
				unitCtx = "" // a budget table
			}
		} else if strings.ContainsAny(text, "。；;") || isHeading(p) && p.marker != 0 {
			unitCtx = ""
		}
		switch {
		case !endsSentence(text) && utf8.RuneCountInString(text) <= 30 && i+1 < len(ps) && !ps[i+1].cell &&
			amountStartRE.MatchString(ps[i+1].text) && !amountRE.MatchString(folded):
			text += ps[i+1].text
			i++
		case unitCtx != "" && isLabelLine(text) && i+1 < len(ps) && !ps[i+1].cell &&
			numCellRE.MatchString(cellValue(ps[i+1].text)):
			v := cellValue(ps[i+1].text)
			if !strings.HasSuffix(v, "%") {
				out = append(out, sentence{disp: text + " " + ps[i+1].text + "（" + unitCtx + "）", m: folded + v + unitCtx, para: i, sec: sec, cell: true})
				i++
				continue
			}
		case isHeading(p):
			sec = folded
		}
		for _, s := range splitSentences(text) {
			out = append(out, sentence{disp: s, m: fold(s), para: i, sec: sec})
		}
	}
	return out
}

// isLabelLine reports whether a line is a short label with no numbers or
// punctuation, such as a table's row label.
func isLabelLine(s string) bool {
	return utf8.RuneCountInString(s) <= 20 && !strings.ContainsAny(s, "0123456789。，,；;！？") && s != ""
}

// planTable reports whether the table from cell first to last holds budget
// figures: its first row, or the paragraph before it, says 预算 and not
// 决算 or 实际.
func planTable(ps []para, first, last int) bool {
	var head strings.Builder
	if first > 0 && !ps[first-1].cell {
		head.WriteString(ps[first-1].text)
	}
	for i := first; i <= last && ps[i].row == ps[first].row; i++ {
		head.WriteString(ps[i].text)
	}
	return budgetish(fold(head.String()))
}

// tableUnit returns the unit of the table from cell first to last, as a
// cell gives it (金额（单位：万元）, or 金额(万元) in the first row), or else
// unit, the one the text before the table gives, or a note just under the
// table (注：金额单位为万元。).
func tableUnit(ps []para, first, last int, unit string) string {
	if unit == "" && last+1 < len(ps) && !ps[last+1].cell {
		// A note under the table: 注：金额单位为万元。
		t := strings.ReplaceAll(fold(ps[last+1].text), " ", "")
		if m := unitNoteRE.FindStringSubmatch(t); m != nil && strings.HasPrefix(t, "注") && utf8.RuneCountInString(t) <= 40 {
			unit = m[1]
		}
	}
	for i := first; i <= last; i++ {
		t := strings.ReplaceAll(fold(ps[i].text), " ", "")
		if m := unitNoteRE.FindStringSubmatch(t); m != nil {
			unit = m[1]
		} else if m := parenTailRE.FindStringSubmatch(t); m != nil && ps[i].row == ps[first].row {
			if _, ok := unitScale[m[1]]; ok && m[1] != "万" {
				unit = m[1]
			}
		}
	}
	return unit
}

var decimalCellRE = regexp.MustCompile(`^\d{1,3}(?:,\d{3})*\.\d{1,2}$|^\d+\.\d{1,2}$`)

// noteUnitlessTables tells the reviewer about tables of amounts that give
// no unit, whose figures are not read: 沅江's 5020.00 is in 千元, ten times
// the 502万元 of its text.
func (x *extractor) noteUnitlessTables() {
	ps := x.paras
	for first, last := range x.tables() {
		unit := ""
		if first > 0 && !ps[first-1].cell {
			if m := unitNoteRE.FindStringSubmatch(strings.ReplaceAll(fold(ps[first-1].text), " ", "")); m != nil {
				unit = m[1]
			}
		}
		if tableUnit(ps, first, last, unit) != "" {
			continue
		}
		if x.scoreTable(first, last) {
			continue // its scores have no unit (see scoreTables)
		}
		nums := 0
		var head []string
		for k := first; k <= last; k++ {
			if decimalCellRE.MatchString(ps[k].text) {
				nums++
			} else if ps[k].text != "" && len(head) < 3 {
				head = append(head, ps[k].text)
			}
		}
		if nums >= 2 {
			x.d.note("表格（%s）的金额没有写单位，其中的数没有读取", quote(strings.Join(head, " ")))
		}
	}
}

// tableRows returns a sentence for each row of the table ending at cell
// last that holds just a label and a number, when the table's unit is known:
// from a cell (金额（单位：万元）, 金额(万元)) or the text just before the table.
// In a table with several columns of amounts, a row gives the amount in
// the column of the report's year's actual amounts, when its header row
// names one without doubt (see valueColumn); a total (合计) of a table whose
// caption names 三公经费 is theirs.
func tableRows(ps []para, last int, unit, sec string, year int) []sentence {
	first := last
	for first > 0 && ps[first-1].cell && ps[first-1].table == ps[last].table {
		first--
	}
	unit = tableUnit(ps, first, last, unit)
	if unit == "" || planTable(ps, first, last) {
		return nil
	}
	// caption is the short title just before the table, and the heading
	// above a unit note between them (三、“三公”经费情况, then 单位：万元).
	caption := ""
	for k := first - 1; k >= 0 && k >= first-2 && !ps[k].cell; k-- {
		t := ps[k].text
		if utf8.RuneCountInString(t) > 40 || strings.ContainsAny(t, "。；;") {
			break
		}
		caption = fold(t) + caption
		if !unitNoteRE.MatchString(strings.ReplaceAll(fold(t), " ", "")) {
			break
		}
	}
	grid := tableGrid(ps, first, last)
	if out, ok := yearRows(ps, grid, unit, caption, sec, year); ok {
		return out
	}
	if out, ok := unitRows(ps, grid, unit, caption, sec); ok {
		return out
	}
	col, width, labels, head := tableColumn(ps, grid, year)
	var out []sentence
	// The column of the year before's actual amounts, named by that year
	// (2022年, 2022年决算数), for the change of 三公经费 (see
	// sangongChangeRow).
	prev, _, _, prevHead := tableColumn(ps, grid, year-1)
	if col == 0 || prev == 0 || year == 0 || !strings.Contains(fold(prevHead), strconv.Itoa(year-1)) || changeColumn(ps, grid) {
		prev = 0
	}
	var changes []sentence
	for _, all := range grid {
		var cells []int
		for _, j := range all {
			if ps[j].text != "" {
				cells = append(cells, j)
			}
		}
		unitNote := unit
		if len(cells) != 2 && col > 0 && len(all) == width && ps[all[col]].text != "" {
			if l := rowLabel(ps, all[:labels]); l >= 0 {
				cells = []int{l, all[col]}
				unitNote += "，" + head // which column the amount was read from
			}
		}
		if len(cells) == 2 {
			label, value := noteMarkRE.ReplaceAllString(ps[cells[0]].text, ""), cellValue(ps[cells[1]].text)
			if numCellRE.MatchString(value) && !strings.HasSuffix(value, "%") && isLabelLine(label) {
				m := fold(label)
				if strings.Contains(caption, "三公") && totalLabelRE.MatchString(m) {
					m = "三公经费" + m
				}
				out = append(out, sentence{disp: label + " " + ps[cells[1]].text + "（" + unitNote + "）", m: m + value + unit, para: cells[0], sec: sec, cell: true})
				if prev > 0 && len(all) == width && matchLabel(m, sangongCore).ok {
					if c, ok := sangongChangeRow(label, ps[all[prev]].text, prevHead, ps[cells[1]].text, head, unit); ok {
						c.para, c.sec = cells[0], sec
						changes = append(changes, c)
					}
				}
			}
		}
	}
	if len(changes) == 1 {
		out = append(out, changes[0])
	}
	return out
}

// changeColumnRE finds the header of a column of changes.
var changeColumnRE = regexp.MustCompile(`增减|变动|差额|增长|减少|增加|同比|比较|较上年`)

// changeColumn reports whether a cell of the header rows of the table
// whose rows are grid (those before its first row with an amount) heads a
// column of changes (增减额).
func changeColumn(ps []para, grid [][]int) bool {
	for _, cells := range grid {
		for _, i := range cells[1:] {
			if numCellRE.MatchString(cellValue(ps[i].text)) {
				return false
			}
		}
		for _, i := range cells {
			if changeColumnRE.MatchString(fold(ps[i].text)) {
				return true
			}
		}
	}
	return false
}

// sangongChangeRow returns the change of 三公经费 against the year before
// that a table gives as the totals of two years, in the columns headed
// prevHead and head, and no column of changes: a sentence that says it
// as sangongChange reads it (三公经费较上年减少0.45万元, in 元), quoting both
// amounts. ok is false when either amount is not a plain number of the
// unit.
func sangongChangeRow(label, prevCell, prevHead, cell, head, unit string) (s sentence, ok bool) {
	pv, cv := cellValue(prevCell), cellValue(cell)
	if !numCellRE.MatchString(pv) || !numCellRE.MatchString(cv) || strings.HasSuffix(pv, "%") || strings.HasSuffix(cv, "%") {
		return s, false
	}
	p, ok1 := toFen(pv, unit)
	c, ok2 := toFen(cv, unit)
	if !ok1 || !ok2 || p < 0 || c < 0 {
		return s, false
	}
	diff, verb := c-p, "增加"
	if diff < 0 {
		diff, verb = -diff, "减少"
	}
	s.disp = fmt.Sprintf("%s %s（%s，%s）、%s（%s），增减为两者之差", label, prevCell, unit, prevHead, cell, head)
	s.m = fmt.Sprintf("三公经费较上年%s%d.%02d元", verb, diff/100, diff%100)
	s.cell = true
	return s, true
}

// yearCellRE matches the label of a row of a table whose rows are years:
// 2023年, or a year's budget or actual amounts (2023年预算, 2023年决算).
var yearCellRE = regexp.MustCompile(`^((?:19|20)\d\d)年?度?(预算数?|决算数?|实际数?|实际支出数?)?$`)

// yearRows reads a table whose rows are years, under a header row of
// labels (年度 | 因公出国(境)费 | 公务接待费 | … | 合计, then 2022年 | … and
// 2023年 | …, or 2023年预算 | … and 2023年决算 | …): a sentence for each
// amount of the row of the report's year's actual amounts,
// named by its column's header. ok is false when the table's rows are not
// all years; when none of them, or more than one, is the report's year,
// nothing is read. The row of the year before's actual amounts gives the
// change of 三公经费 (see sangongChangeRow).
func yearRows(ps []para, grid [][]int, unit, caption, sec string, year int) (out []sentence, ok bool) {
	if len(grid) < 2 || len(grid[0]) < 3 {
		return nil, false
	}
	head := grid[0]
	for _, c := range head[1:] {
		if !isLabelLine(ps[c].text) {
			return nil, false
		}
	}
	own, prev := -1, -1
	for r, cells := range grid[1:] {
		m := yearCellRE.FindStringSubmatch(strings.ReplaceAll(fold(ps[cells[0]].text), " ", ""))
		if m == nil || len(cells) != len(head) {
			return nil, false
		}
		if strings.HasPrefix(m[2], "预算") {
			continue
		}
		switch m[1] {
		case strconv.Itoa(year):
			if own >= 0 {
				return nil, true
			}
			own = r + 1
		case strconv.Itoa(year - 1):
			if prev != -1 {
				prev = -2 // two rows of the year before
			} else {
				prev = r + 1
			}
		}
	}
	if own < 0 {
		return nil, true
	}
	if prev >= 0 && changeColumn(ps, grid) {
		prev = -1
	}
	row := grid[own]
	var changes []sentence
	for k := 1; k < len(row); k++ {
		s, m, ok := headedCell(ps, head[k], row, k, unit, caption, sec)
		if !ok {
			continue
		}
		out = append(out, s)
		label := noteMarkRE.ReplaceAllString(ps[head[k]].text, "")
		if prev >= 0 && matchLabel(m, sangongCore).ok {
			if c, ok := sangongChangeRow(label, ps[grid[prev][k]].text, ps[grid[prev][0]].text, ps[row[k]].text, ps[row[0]].text, unit); ok {
				c.para, c.sec = row[0], sec
				changes = append(changes, c)
			}
		}
	}
	if len(changes) == 1 {
		out = append(out, changes[0])
	}
	return out, true
}

// headedCell returns the sentence of the amount in cell k of row, a row of
// a table whose columns are figures, headed head: its label, the folded
// label it is matched by (公务接待费 of 公务接待费(万元), 三公经费合计 of a
// 合计 under a caption naming 三公经费), and ok false when the cell is not
// an amount.
func headedCell(ps []para, head int, row []int, k int, unit, caption, sec string) (s sentence, m string, ok bool) {
	label := noteMarkRE.ReplaceAllString(ps[head].text, "")
	value := cellValue(ps[row[k]].text)
	if !numCellRE.MatchString(value) || strings.HasSuffix(value, "%") {
		return s, "", false
	}
	m = fold(label)
	if t := parenTailRE.FindStringSubmatch(m); t != nil && unitScale[t[1]] > 0 {
		m = strings.TrimSuffix(m, t[0]) // 公务接待费(万元)
	}
	if strings.Contains(caption, "三公") && totalLabelRE.MatchString(m) {
		m = "三公经费" + m
	}
	return sentence{disp: label + " " + ps[row[k]].text + "（" + unit + "，" + ps[row[0]].text + "）", m: m + value + unit, para: row[0], sec: sec, cell: true}, m, true
}

// unitHeadRE matches the heading of the first column of a table whose
// rows are the department's units.
var unitHeadRE = regexp.MustCompile(`^(?:单位|单位名称|单位名|部门|部门名称|预算单位|预算单位名称|单位\(部门\)|部门\(单位\)|单位\(部门\)名称)$`)

// unitRows reads a table whose rows are the department's units, under a
// header row of figures' labels (单位名称 | 支出合计 | 基本支出 | 项目支出,
// then 局机关 | …, 县应急救援大队 | … and 合计 | …): a sentence for each
// amount of its one 合计 or 总计 row, named by its column's header, when
// each of them is the sum of the other rows' amounts of its column. ok is
// false when the table is not such; when a total is not its column's sum,
// nothing is read.
func unitRows(ps []para, grid [][]int, unit, caption, sec string) (out []sentence, ok bool) {
	if len(grid) < 3 || len(grid[0]) < 3 || !unitHeadRE.MatchString(strings.ReplaceAll(fold(ps[grid[0][0]].text), " ", "")) {
		return nil, false
	}
	head := grid[0]
	for _, c := range head[1:] {
		if !isLabelLine(ps[c].text) {
			return nil, false
		}
	}
	total := -1
	for r, cells := range grid[1:] {
		label := strings.ReplaceAll(fold(ps[cells[0]].text), " ", "")
		if len(cells) != len(head) || !isLabelLine(label) {
			return nil, false
		}
		if totalLabelRE.MatchString(label) && label != "小计" {
			if total >= 0 {
				return nil, true
			}
			total = r + 1
		}
	}
	if total < 0 {
		return nil, true
	}
	for k := 1; k < len(head); k++ {
		var sum int64
		for r, cells := range grid[1:] {
			v, ok := toFen(cellValue(ps[cells[k]].text), unit)
			if !ok || !numCellRE.MatchString(cellValue(ps[cells[k]].text)) {
				return nil, true
			}
			if r+1 != total {
				sum += v
			} else {
				sum -= v
			}
		}
		if sum != 0 {
			return nil, true
		}
	}
	for k := 1; k < len(head); k++ {
		if s, _, ok := headedCell(ps, head[k], grid[total], k, unit, caption, sec); ok {
			out = append(out, s)
		}
	}
	return out, true
}

// tableGrid returns the paragraphs of the table from cell first to last,
// row by row.
func tableGrid(ps []para, first, last int) [][]int {
	var rows [][]int
	for i := first; i <= last; i++ {
		if i == first || ps[i].row != ps[i-1].row {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
	}
	return rows
}

var totalLabelRE = regexp.MustCompile(`^(?:合计|总计|小计)$`)

// rowLabel returns the cell that labels a row, of its label cells: the
// last one written, or the one before it when that is a 小计 or 合计 under
// a label merged over several rows (基本支出 | 小计); -1 when none is
// written.
func rowLabel(ps []para, cells []int) int {
	l := -1
	for _, c := range cells {
		if ps[c].text == "" {
			continue
		}
		if l >= 0 && totalLabelRE.MatchString(fold(ps[c].text)) {
			break
		}
		l = c
	}
	return l
}

// tableColumn returns the column of the report's year's actual amounts in
// the table whose rows are grid (see tableGrid), the number of cells of
// its rows, the number of its leading columns of labels (those holding no
// amount, as 类别 | 项目 in a table with merged cells) and the column's
// header, when its header row (the last row before the first with an
// amount after its label, of as many cells) names one (see valueColumn),
// or that row under the one above it (see twoRowHeader); else 0, 0, 0, "".
func tableColumn(ps []para, grid [][]int, year int) (col, width, labels int, head string) {
	rows := make([][]string, len(grid))
	for k, cells := range grid {
		for _, i := range cells {
			rows[k] = append(rows[k], ps[i].text)
		}
	}
	for k, row := range rows {
		numeric := false
		for _, c := range row[1:] {
			if numCellRE.MatchString(cellValue(c)) {
				numeric = true
			}
		}
		if !numeric {
			continue
		}
		if k == 0 || len(row) < 3 || len(rows[k-1]) != len(row) {
			return 0, 0, 0, ""
		}
		labels = labelColumns(rows[k:], len(row))
		header := rows[k-1]
		c := valueColumn(header[labels-1:], year)
		if c == 0 && k >= 2 && len(rows[k-2]) == len(row) {
			// A header of two rows: years above, each spanning its
			// columns (2022年 over 预算数 | 决算数), then what each
			// column holds.
			header = twoRowHeader(rows[k-2], rows[k-1], labels)
			c = valueColumn(header[labels-1:], year)
		}
		if c > 0 {
			c += labels - 1
			return c, len(row), labels, header[c]
		}
		return 0, 0, 0, ""
	}
	return 0, 0, 0, ""
}

// twoRowHeader returns the headings of the columns of a table whose
// header is two rows, up above low: each column's heading in up, or the
// heading of the column before it when its own cell is empty (a cell
// spanning columns is followed by empty ones, see htmlRenderer.table),
// followed by its heading in low. Headings are not carried into or out of
// the first labels columns, which label the rows.
func twoRowHeader(up, low []string, labels int) []string {
	out := make([]string, len(low))
	carry := ""
	for i := range low {
		if i < labels {
			out[i] = low[i]
			continue
		}
		if up[i] != "" {
			carry = up[i]
		}
		out[i] = carry + low[i]
	}
	return out
}

// labelColumns returns the number of leading columns of rows, rows of width
// cells, in which no row has an amount: at least 1, and less than width.
func labelColumns(rows [][]string, width int) int {
	n := 1
	for ; n < width-1; n++ {
		for _, row := range rows {
			if len(row) == width && numCellRE.MatchString(cellValue(row[n])) {
				return n
			}
		}
	}
	return n
}

// maxSentence is the longest sentence read as one, in bytes; longer runs
// are split at semicolons, then anywhere, which bounds the work per
// sentence.
const maxSentence = 1500

func splitSentences(s string) []string {
	var out []string
	add := func(t string) {
		t = strings.TrimSpace(t)
		for len(t) > maxSentence {
			cut := strings.LastIndexAny(t[:maxSentence], "；;")
			if cut <= 0 {
				cut = maxSentence
				for cut > 0 && !utf8.RuneStart(t[cut]) {
					cut--
				}
			} else {
				_, size := utf8.DecodeRuneInString(t[cut:])
				cut += size
			}
			if cut <= 0 {
				break
			}
			out = append(out, t[:cut])
			t = strings.TrimSpace(t[cut:])
		}
		if t != "" {
			out = append(out, t)
		}
	}
	start := 0
	for i, r := range s {
		if r == '。' || r == '！' || r == '？' || r == '!' || r == '?' {
			end := i + utf8.RuneLen(r)
			add(s[start:end])
			start = end
		}
	}
	add(s[start:])
	return out
}
