package importer

import (
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Forms such as the 项目支出绩效自评表, flattened to text, put one cell per
// line: a row of column headers (年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
// 得分), then each row's label and its values. form reads them by position,
// and only when the row has exactly one value per column and, if the form
// gives an execution rate, the rate agrees with the amounts.

// columnNames maps a column header to its role.
var columnNames = map[string]string{
	"年初预算数": "start", "年初预算": "start", "年初预算金额": "start",
	"全年预算数": "budget", "全年预算": "budget", "调整后预算数": "budget", "调整预算数": "budget", "预算数": "budget",
	"全年执行数": "exec", "全年执行": "exec", "执行数": "exec", "实际执行数": "exec", "实际支出数": "exec", "全年实际支出": "exec", "决算数": "exec", "实际支出": "exec",
	"分值": "weight", "权重": "weight", "执行率": "rate", "预算执行率": "rate", "得分": "score",
}

var (
	parenTailRE = regexp.MustCompile(`\(([^()]*)\)$`)
	unitNoteRE  = regexp.MustCompile(`单位[:为]?(万元|千元|元)`)
	numCellRE   = regexp.MustCompile(`^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$|^-?\d+(?:\.\d+)?%?$`)
	emptyCellRE = regexp.MustCompile(`^(?:-|—|--|——|/|无)$`)
	inlineRowRE = regexp.MustCompile(`^([^\d\s][^\d]*?)\s*((?:-?\d[\d,]*(?:\.\d+)?%?|—|-)(?:\s+(?:-?\d[\d,]*(?:\.\d+)?%?|—|-))+)$`)
	formEndRE   = regexp.MustCompile(`^(?:年度总体目标|总体目标|绩效指标|一级指标|二级指标|三级指标|年度绩效目标)`)
)

type formCell struct {
	text string // folded, spaces between numbers kept
	ev   string
	// wide is whether the cell heads a row of a table with more than one
	// value after it, as 编制人数 16 35 51: its next cell is not the row's
	// value (see staffTables).
	wide bool
	// table is the table the cell belongs to (see para), 0 for a
	// paragraph.
	table int
}

// formCells lists the non-empty paragraphs and cells, splitting a row
// written on one line (年度资金总额 1200000 1200000 1150000) into cells.
func (x *extractor) formCells() []formCell {
	var out []formCell
	for i, p := range x.paras {
		t := strings.TrimSpace(fold(p.text))
		if t == "" {
			continue
		}
		if m := inlineRowRE.FindStringSubmatch(t); m != nil && !strings.ContainsAny(m[1], ",;。") {
			vals := strings.Fields(m[2])
			out = append(out, formCell{text: strings.TrimRight(m[1], ":"), ev: p.text, wide: len(vals) > 1})
			for _, v := range vals {
				out = append(out, formCell{text: v, ev: p.text})
			}
			continue
		}
		wide := false
		if p.cell && (i == 0 || !x.paras[i-1].cell || x.paras[i-1].table != p.table || x.paras[i-1].row != p.row) {
			n := 0
			for j := i + 1; j < len(x.paras) && x.paras[j].cell && x.paras[j].table == p.table && x.paras[j].row == p.row; j++ {
				if x.paras[j].text != "" {
					n++
				}
			}
			wide = n > 1
		}
		table := 0
		if p.cell {
			table = p.table
		}
		out = append(out, formCell{text: t, ev: p.text, wide: wide, table: table})
	}
	return out
}

// column reads a header cell: its role and the unit it may name, as in
// 全年执行数(万元) or 执行率(B/A).
func column(t string) (role, unit string) {
	t = strings.ReplaceAll(t, " ", "")
	for {
		m := parenTailRE.FindStringSubmatchIndex(t)
		if m == nil {
			break
		}
		inner := t[m[2]:m[3]]
		if _, ok := unitScale[inner]; ok {
			unit = inner
		}
		t = t[:m[0]]
	}
	return columnNames[t], unit
}

func (x *extractor) form() {
	x.formC = map[string][]cand{}
	cells := x.formCells()
	kinds := formKinds(cells)
	want := ""
	if x.d.Type.OK {
		want = map[string]string{TypeWhole: "whole", TypeProject: "project"}[x.d.Type.V]
	}
	// Only the forms of what the report evaluates count: a report on the
	// whole department may attach project forms, whose totals and scores
	// are not the department's.
	ok := func(i int) bool { return kinds[i] == "" || want == "" || kinds[i] == want }
	x.formAmounts(cells, ok)
	x.formFields(cells, ok)
	x.staffTables()
	x.scoreTables()
}

var (
	projectFormRE = regexp.MustCompile(`^(?:项目名称|项目支出绩效自评表|.*项目(?:支出)?绩效(?:自评|评价)表)`)
	wholeFormRE   = regexp.MustCompile(`^(?:部门\(单位\)名称|部门名称|单位名称|.*部门整体支出绩效(?:自评|评价)表)`)
)

// formKinds tells, for each cell, whether it belongs to a project's form
// ("project"), a department's ("whole") or neither (""), from the last
// form title or name field before it.
func formKinds(cells []formCell) []string {
	kinds := make([]string, len(cells))
	kind := ""
	for i, c := range cells {
		t := strings.ReplaceAll(c.text, " ", "")
		switch {
		case projectFormRE.MatchString(t):
			kind = "project"
		case wholeFormRE.MatchString(t):
			kind = "whole"
		}
		kinds[i] = kind
	}
	return kinds
}

// formAmounts reads the money table of a form.
func (x *extractor) formAmounts(cells []formCell, ok func(int) bool) {
	for i := 0; i < len(cells); i++ {
		role, _ := column(cells[i].text)
		if role == "" || !ok(i) {
			continue
		}
		var roles []string
		unit := ""
		j := i
		for ; j < len(cells); j++ {
			r, u := column(cells[j].text)
			if r == "" || slices.Contains(roles, r) {
				break
			}
			roles = append(roles, r)
			if u != "" {
				unit = u
			}
		}
		if len(roles) < 2 || !slices.Contains(roles, "exec") || sangongTable(cells, i) {
			i = j - 1
			continue
		}
		if unit == "" {
			unit = formUnit(cells, i)
		}
		x.formRows(cells, j, roles, unit)
		i = j - 1
	}
}

// sangongTable reports whether the table whose header row starts at cell
// at is one of 三公经费, by its title in the cells just before: its 合计 is
// theirs, not the spending's.
func sangongTable(cells []formCell, at int) bool {
	for k := at - 1; k >= 0 && k >= at-3; k-- {
		if strings.Contains(cells[k].text, "三公") {
			return true
		}
	}
	return false
}

// formUnit finds the unit of a form's amounts in the cells just before its
// header row: 项目资金(万元), or a note such as 金额单位:元.
func formUnit(cells []formCell, at int) string {
	for k := at - 1; k >= 0 && k >= at-30; k-- {
		t := strings.ReplaceAll(cells[k].text, " ", "")
		if m := unitNoteRE.FindStringSubmatch(t); m != nil {
			return m[1]
		}
		if k >= at-3 {
			if m := parenTailRE.FindStringSubmatch(t); m != nil {
				if _, ok := unitScale[m[1]]; ok {
					return m[1]
				}
			}
		}
	}
	return ""
}

var rowKeys = []struct {
	re  *regexp.Regexp
	key string
}{
	{regexp.MustCompile(`^(?:年度资金总额|资金总额|年度总额|合计|总计|总额|年度预算总额)$`), "spending.total"},
	{regexp.MustCompile(`^基本支出$`), "spending.basic"},
	{regexp.MustCompile(`^项目支出$`), "spending.project"},
	{regexp.MustCompile(`^(?:人员经费|人员类(?:支出|经费)?)$`), "spending.personnel"},
	{regexp.MustCompile(`^(?:公用经费|日常公用经费|公用类(?:支出|经费)?)$`), "spending.public"},
}

func (x *extractor) formRows(cells []formCell, from int, roles []string, unit string) {
	table := cells[from-1].table // the header's
	for k := from; k < len(cells) && k < from+80; k++ {
		if table != 0 && cells[k].table != table {
			return // the rows of a table end with it
		}
		label := strings.TrimRight(strings.TrimPrefix(strings.ReplaceAll(cells[k].text, " ", ""), "其中:"), ":")
		if numCellRE.MatchString(label) || emptyCellRE.MatchString(label) {
			continue
		}
		if formEndRE.MatchString(label) {
			return
		}
		if r, _ := column(label); r != "" {
			return // another table's header
		}
		if lu := parenTailRE.FindStringSubmatch(label); lu != nil {
			if _, ok := unitScale[lu[1]]; ok {
				unit = lu[1]
			}
			label = label[:len(label)-len(lu[0])]
		}
		key := ""
		for _, rk := range rowKeys {
			if rk.re.MatchString(label) {
				key = rk.key
			}
		}
		if key == "" {
			continue
		}
		var vals []string
		for v := k + 1; v < len(cells); v++ {
			t := strings.ReplaceAll(cells[v].text, " ", "")
			if !numCellRE.MatchString(t) && !emptyCellRE.MatchString(t) {
				break
			}
			vals = append(vals, t)
		}
		ev := cells[k].ev
		lead := 0 // the amount columns that come first
		for lead < len(roles) && (roles[lead] == "start" || roles[lead] == "budget" || roles[lead] == "exec") {
			lead++
		}
		useRoles := roles
		if len(vals) == lead && len(vals) < len(roles) {
			useRoles = roles[:lead] // a row with only the amounts filled in
		}
		if len(vals) != len(useRoles) {
			if len(vals) > 0 {
				x.noteUnfilled(key, "%s：表格中的一行（%s）有 %d 个数，而表格有 %d 列，未填写", figureLabel(key), quote(cells[k].ev), len(vals), len(roles))
			}
			continue
		}
		if unit == "" {
			x.noteUnfilled(key, "%s：表格没有写明金额单位，未填写", figureLabel(key))
			continue
		}
		col := map[string]string{}
		var parts []string
		for n, r := range useRoles {
			col[r] = vals[n]
			parts = append(parts, vals[n])
		}
		if _, ok := col["exec"]; !ok {
			continue
		}
		ev = ev + " " + strings.Join(parts, " ")
		exec, ok := toFen(col["exec"], unit)
		if !ok {
			continue
		}
		if !rateAgrees(col, unit) {
			x.d.note("%s：表格中的执行率 %s 与金额不符，未填写", figureLabel(key), col["rate"])
			continue
		}
		x.formC[key] = append(x.formC[key], cand{v: exec, tier: 1, ev: ev})
	}
}

// rateAgrees checks a row's 执行率 against 全年执行数 / 全年预算数.
func rateAgrees(col map[string]string, unit string) bool {
	rate, ok := col["rate"]
	if !ok || emptyCellRE.MatchString(rate) {
		return true
	}
	budget := col["budget"]
	if budget == "" {
		budget = col["start"]
	}
	b, ok1 := toFen(budget, unit)
	e, ok2 := toFen(col["exec"], unit)
	r, err := strconv.ParseFloat(strings.TrimSuffix(rate, "%"), 64)
	if !ok1 || !ok2 || err != nil {
		return false
	}
	if !strings.HasSuffix(rate, "%") && r <= 1.5 {
		r *= 100
	}
	if b == 0 {
		return e == 0
	}
	got := float64(e) / float64(b) * 100
	diff := got - r
	return diff < 0.11 && diff > -0.11 || r >= 100 && got >= 100
}

var (
	scoreCellRE  = regexp.MustCompile(`^(?:自评得分|总得分|综合得分|评价得分|自评总分|自评分)[:]?$`)
	gradeCellRE  = regexp.MustCompile(`^(?:自评等级|评价等级|绩效等级|自评结果等级)[:]?$`)
	authCellRE   = regexp.MustCompile(`^(?:编制数|核定编制数?|编制人数|核定编制人数)(?:\(人\))?[:]?$`)
	actualCellRE = regexp.MustCompile(`^(?:实有人数|在职人数|实有在职人数|在职人员|实有人员)(?:\(人\))?[:]?$`)
	intCellRE    = regexp.MustCompile(`^\d{1,6}$`)
	scoreValRE   = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,2})?)分?$`)
)

// formFields reads label cells followed by a value cell: 总分 100 92.5,
// 自评得分 92.5, 自评等级 优, 编制数 25.
func (x *extractor) formFields(cells []formCell, ok func(int) bool) {
	hasScoreCol := false
	for _, c := range cells {
		if strings.ReplaceAll(c.text, " ", "") == "得分" {
			hasScoreCol = true
		}
	}
	next := func(k int) string {
		if k+1 < len(cells) {
			return strings.ReplaceAll(cells[k+1].text, " ", "")
		}
		return ""
	}
	for k, c := range cells {
		if !ok(k) {
			continue
		}
		t := strings.ReplaceAll(c.text, " ", "")
		switch {
		case t == "总分" && hasScoreCol:
			a, b := next(k), ""
			if k+2 < len(cells) {
				b = strings.ReplaceAll(cells[k+2].text, " ", "")
			}
			if a == "100" || a == "100.00" || a == "100.0" {
				if m := scoreValRE.FindStringSubmatch(b); m != nil {
					if v, ok := hundredths(m[1]); ok && v <= 10000 {
						x.formC["score"] = append(x.formC["score"], cand{v: v, tier: 1, ev: "总分 " + a + " " + b})
					}
				}
			}
		case scoreCellRE.MatchString(t):
			if m := scoreValRE.FindStringSubmatch(next(k)); m != nil {
				if v, ok := hundredths(m[1]); ok && v <= 10000 {
					x.formC["score"] = append(x.formC["score"], cand{v: v, tier: 1, ev: c.ev + " " + next(k)})
				}
			}
		case gradeCellRE.MatchString(t):
			if g, ok := gradeNames[next(k)]; ok {
				x.formC["grade"] = append(x.formC["grade"], cand{v: int64(slices.Index(gradeOrder, g)), tier: 1, ev: c.ev + " " + next(k)})
			}
		case c.wide && (authCellRE.MatchString(t) || actualCellRE.MatchString(t)):
			// A row of a staff table by kind of post: see staffTables.
		case authCellRE.MatchString(t):
			if intCellRE.MatchString(next(k)) {
				n, _ := strconv.Atoi(next(k))
				x.formC["staff.authorized"] = append(x.formC["staff.authorized"], cand{v: int64(n), tier: 1, ev: c.ev + " " + next(k)})
			}
		case actualCellRE.MatchString(t):
			if intCellRE.MatchString(next(k)) {
				n, _ := strconv.Atoi(next(k))
				x.formC["staff.actual"] = append(x.formC["staff.actual"], cand{v: int64(n), tier: 1, ev: c.ev + " " + next(k)})
			}
		}
	}
}

// tables yields the first and last paragraphs of each table among the
// extractor's paragraphs, the cells of one table in a row.
func (x *extractor) tables() iter.Seq2[int, int] {
	return func(yield func(first, last int) bool) {
		ps := x.paras
		for i := 0; i < len(ps); i++ {
			if !ps[i].cell {
				continue
			}
			first := i
			for i+1 < len(ps) && ps[i+1].cell && ps[i+1].table == ps[first].table {
				i++
			}
			if !yield(first, i) {
				return
			}
		}
	}
}

// staffTables reads the staff of a table that counts them by kind of post
// (行政, 事业) in one direction and authorized posts and staff in post in
// the other: from its total (合计) column when the rows are 编制人数 and
// 在职人数, or its total row when these are the columns. A table whose
// columns are years (项目 | 2022年 | 2023年) gives the report's year's
// column, as a table of amounts does (see valueColumn). The evidence
// names the column or row read, as a table of amounts names its column.
// A table without a total is not read, and the reviewer is told.
func (x *extractor) staffTables() {
	ps := x.paras
	for first, last := range x.tables() {
		grid := tableGrid(ps, first, last)
		rows, disp := make([][]string, len(grid)), make([][]string, len(grid))
		for r, cells := range grid {
			for _, k := range cells {
				rows[r] = append(rows[r], cellValue(ps[k].text))
				disp[r] = append(disp[r], ps[k].text)
			}
		}
		x.staffTable(rows, disp)
	}
}

// staffKey returns the figure a staff table's row or column label counts.
func staffKey(label string) string {
	switch {
	case authCellRE.MatchString(label):
		return "staff.authorized"
	case actualCellRE.MatchString(label):
		return "staff.actual"
	}
	return ""
}

func (x *extractor) staffTable(rows, disp [][]string) {
	// The header is the row before the first with a count after its label.
	h := -1
	for k, row := range rows {
		if len(row) > 1 && slices.ContainsFunc(row[1:], intCellRE.MatchString) {
			h = k - 1
			break
		}
	}
	if h < 0 {
		return
	}
	head := rows[h]
	add := func(key string, k, c int, along string) {
		if len(rows[k]) != len(head) || !intCellRE.MatchString(rows[k][c]) {
			return
		}
		n, _ := strconv.Atoi(rows[k][c])
		x.formC[key] = append(x.formC[key], cand{v: int64(n), tier: 1, ev: disp[k][0] + " " + disp[k][c] + "（" + along + "）"})
	}
	totalCol := -1
	for c := 1; c < len(head); c++ {
		if totalLabelRE.MatchString(head[c]) {
			totalCol = c
		}
	}
	if totalCol < 0 && x.d.Year.OK {
		// Columns of years (项目 | 2022年 | 2023年): the report's year's.
		if c := valueColumn(head, x.d.Year.V); c > 0 {
			totalCol = c
		}
	}
	for k := h + 1; k < len(rows); k++ {
		key := staffKey(rows[k][0])
		if key == "" || len(rows[k]) < 3 {
			continue
		}
		if totalCol < 0 {
			x.noteUnfilled(key, "%s：表格中的一行（%s）分列列出，没有合计列，未填写", figureLabel(key), quote(strings.Join(disp[k], " ")))
			continue
		}
		add(key, k, totalCol, disp[h][totalCol])
	}
	for c := 1; c < len(head); c++ {
		key := staffKey(head[c])
		if key == "" || len(rows)-h-1 < 2 {
			continue
		}
		found := false
		for k := h + 1; k < len(rows); k++ {
			if totalLabelRE.MatchString(rows[k][0]) {
				add(key, k, c, disp[h][c])
				found = true
			}
		}
		if !found {
			x.noteUnfilled(key, "%s：表格（%s）分行列出，没有合计行，未填写", figureLabel(key), quote(strings.Join(disp[h], " ")))
		}
	}
}

var (
	// scoreHeadRE is the header of a score table's column of scores: not
	// its 分值 or 权重, the points each indicator could get.
	scoreHeadRE = regexp.MustCompile(`^(?:自评|评价|实际|综合)?得分(?:\(分\))?$`)
	// scoreTotalRE is the label of a score table's row of the total score.
	scoreTotalRE = regexp.MustCompile(`^(?:合计|总计|总分|合计得分|总得分)$`)
)

// scoreTableHead returns the header row of a score table among rows (the
// cells of a table, by row) and the column of its scores (得分, 自评得分):
// the first row with one such cell, before any row with a number. h is -1
// for another table, or one whose header names two columns of scores.
func scoreTableHead(rows [][]string) (h, col int) {
	for k, row := range rows {
		if len(row) > 1 && slices.ContainsFunc(row[1:], numCellRE.MatchString) {
			return -1, 0
		}
		col = -1
		for c, t := range row {
			if c > 0 && scoreHeadRE.MatchString(strings.ReplaceAll(t, " ", "")) {
				if col >= 0 {
					return -1, 0
				}
				col = c
			}
		}
		if col > 0 {
			return k, col
		}
	}
	return -1, 0
}

// scoreTables reads the score of a score table (一级指标 | 分值 | 得分 …,
// then 合计 | 100 | 92): the cell of its 得分 column in its total row
// (合计, 总分), never that of 分值 or 权重. A total row with fewer cells
// than the header (a merged label) is read only when the scores are the
// last column. The score competes with those of the text (see decide), so
// a table and a sentence that disagree leave the score out, with a note.
func (x *extractor) scoreTables() {
	for first, last := range x.tables() {
		rows, disp := x.tableCells(first, last)
		h, col := scoreTableHead(rows)
		if h < 0 {
			continue
		}
		head := rows[h]
		for k := h + 1; k < len(rows); k++ {
			row := rows[k]
			if len(row) < 2 || !scoreTotalRE.MatchString(row[0]) {
				continue
			}
			c := col
			if len(row) != len(head) {
				if col != len(head)-1 || len(row) > len(head) {
					x.d.note("%s：评分表的合计行（%s）与表头（%s）列数不同，未从表格读取", figureLabel("score"),
						quote(strings.Join(disp[k], " ")), quote(strings.Join(disp[h], " ")))
					continue
				}
				c = len(row) - 1
			}
			m := scoreValRE.FindStringSubmatch(row[c])
			if m == nil {
				continue
			}
			if v, ok := hundredths(m[1]); ok && v <= 10000 {
				x.formC["score"] = append(x.formC["score"], cand{v: v, tier: 1, ev: disp[k][0] + " " + disp[k][c] + "（" + disp[h][col] + "）"})
			}
		}
	}
}

// tableCells returns the cells of the table from paragraph first to last,
// by row: as values without spaces (see cellValue), and as written.
func (x *extractor) tableCells(first, last int) (rows, disp [][]string) {
	ps := x.paras
	grid := tableGrid(ps, first, last)
	rows, disp = make([][]string, len(grid)), make([][]string, len(grid))
	for r, cells := range grid {
		for _, k := range cells {
			rows[r] = append(rows[r], strings.ReplaceAll(cellValue(ps[k].text), " ", ""))
			disp[r] = append(disp[r], ps[k].text)
		}
	}
	return rows, disp
}

// scoreTable reports whether the table from paragraph first to last is a
// score table (see scoreTableHead).
func (x *extractor) scoreTable(first, last int) bool {
	rows, _ := x.tableCells(first, last)
	h, _ := scoreTableHead(rows)
	return h >= 0
}
