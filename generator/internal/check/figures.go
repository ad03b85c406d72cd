package check

import (
	"slices"
	"strconv"

	"github.com/countyperf/portal/generator/internal/report"
)

// Figure is a figure of a report, by its dotted name.
type Figure struct {
	// Key is the dotted name, such as spending.total.
	Key string
	// Name is the Chinese name, such as 支出合计.
	Name string
}

// ProjectScope says in Chinese what a 项目支出 (专项) report evaluates,
// as a sentence without its full stop: one project or one special fund,
// which may pay for many things, not a department's whole spending. Every
// page and download that says why a department's figures do not apply to
// such a report says it with these words.
const ProjectScope = "项目支出（专项）报告评价的是一个项目或一笔专项资金（可能用于多项开支），不是部门全年的支出"

// CoreFigures are the figures the disclosure rule looks for, in display
// order: total, basic and project spending, the 三公 total and its three
// parts, score, grade and the two staff numbers.
var CoreFigures = []Figure{
	{"spending.total", "支出合计"},
	{"spending.basic", "基本支出"},
	{"spending.project", "项目支出"},
	{"sangong.total", "三公经费合计"},
	{"sangong.abroad", "因公出国（境）费"},
	{"sangong.reception", "公务接待费"},
	{"sangong.vehicles", "公务用车购置及运行费"},
	{"score", "自评得分"},
	{"grade", "评价等级"},
	{"staff.authorized", "编制人数"},
	{"staff.actual", "实有人数"},
}

// ProjectCoreFigures are the core figures of a 项目支出 report, which
// evaluates one project rather than a department's whole spending: the
// project's spending (支出合计, the project being the whole), the score
// and the grade. A department's basic spending, 三公经费 and staff are
// not a project's, so the disclosure rule does not look for them.
var ProjectCoreFigures = []Figure{
	{"spending.total", "支出合计"},
	{"score", "自评得分"},
	{"grade", "评价等级"},
}

// CoreFiguresOf returns the core figures the disclosure rule looks for in
// a report of the type: ProjectCoreFigures for 项目支出, CoreFigures for
// 整体支出 (and any other type).
func CoreFiguresOf(typ string) []Figure {
	if typ == report.TypeProject {
		return ProjectCoreFigures
	}
	return CoreFigures
}

// CoreFigureApplies reports whether the figure of the dotted name is
// among the core figures of a report of the type (see CoreFiguresOf).
func CoreFigureApplies(typ, key string) bool {
	return slices.ContainsFunc(CoreFiguresOf(typ), func(f Figure) bool { return f.Key == key })
}

// projectFigures are the figures a 项目支出 report has: its core figures
// (ProjectCoreFigures) and 收入合计, which in a project's report is the
// money received for the project. Every other figure is the
// department's, which a project does not have (see NotApplicable).
var projectFigures = append(slices.Clip(ProjectCoreFigures), Figure{"income", "收入合计"})

// NotApplicable reports whether the figure of the dotted name is one a
// report of the type does not have: for a 项目支出 report, which
// evaluates one project, each figure of a department's whole spending,
// such as 基本支出 and its parts 人员经费 and 公用经费, the 三公经费, their
// change against the previous year, and the staff numbers. A 整体支出
// report (or one of any other type) has every figure. Pages and
// downloads call such a figure, when not given, 不适用; one the report
// gives anyway is shown as given, and the disclosure page does not count
// it (已披露（不计入）).
func NotApplicable(typ, key string) bool {
	if typ != report.TypeProject {
		return false
	}
	if _, ok := figureNames[key]; !ok {
		return false
	}
	return !slices.ContainsFunc(projectFigures, func(f Figure) bool { return f.Key == key })
}

// NotApplicableFigures returns the figures a report of the type does not
// have (see NotApplicable), in the order of the figures of a report:
// none for a 整体支出 report.
func NotApplicableFigures(typ string) []Figure {
	var out []Figure
	for _, k := range figKeys {
		if NotApplicable(typ, k) {
			out = append(out, Figure{k, figureNames[k]})
		}
	}
	return out
}

var figureNames = map[string]string{
	"spending.total":     "支出合计",
	"spending.basic":     "基本支出",
	"spending.project":   "项目支出",
	"spending.personnel": "人员经费",
	"spending.public":    "公用经费",
	"income":             "收入合计",
	"sangong.total":      "三公经费合计",
	"sangong.abroad":     "因公出国（境）费",
	"sangong.reception":  "公务接待费",
	"sangong.vehicles":   "公务用车购置及运行费",
	"sangong.change":     "三公经费同比增减",
	"score":              "自评得分",
	"grade":              "评价等级",
	"staff.authorized":   "编制人数",
	"staff.actual":       "实有人数",
}

// FigureName returns the Chinese name of a figure's dotted name, such as
// 基本支出 for spending.basic, or the dotted name itself if it is not a
// figure.
func FigureName(key string) string {
	if n, ok := figureNames[key]; ok {
		return n
	}
	return key
}

// figID is a figure known to the rules, as an index into the arrays of
// a view: the rules look figures up by index, not by dotted name.
type figID uint8

// The figures of a report. The amounts come first, up to sangongChange.
const (
	spendingTotal figID = iota
	spendingBasic
	spendingProject
	spendingPersonnel
	spendingPublic
	incomeFig
	sangongTotal
	sangongAbroad
	sangongReception
	sangongVehicles
	sangongChange
	scoreFig
	gradeFig
	staffAuthorized
	staffActual
	numFigs
	numAmounts = sangongChange + 1
)

// figKeys are the dotted names of the figures, by figID.
var figKeys = [numFigs]string{
	"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
	"income",
	"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles", "sangong.change",
	"score", "grade", "staff.authorized", "staff.actual",
}

// figNames are the Chinese names of the figures, by figID.
var figNames = func() (names [numFigs]string) {
	for i, k := range figKeys {
		names[i] = figureNames[k]
	}
	return names
}()

// figIDOf returns the figID of a dotted name, which must be a figure's.
func figIDOf(key string) figID {
	for i, k := range figKeys {
		if k == key {
			return figID(i)
		}
	}
	panic("check: not a figure: " + key)
}

// figIDs returns the figIDs of dotted names.
func figIDs(keys []string) []figID {
	ids := make([]figID, len(keys))
	for i, k := range keys {
		ids[i] = figIDOf(k)
	}
	return ids
}

// moneyField returns the amount field of r with the figID, which must be
// below numAmounts.
func moneyField(r *report.Report, id figID) *report.Money {
	switch id {
	case spendingTotal:
		return &r.Spending.Total
	case spendingBasic:
		return &r.Spending.Basic
	case spendingProject:
		return &r.Spending.Project
	case spendingPersonnel:
		return &r.Spending.Personnel
	case spendingPublic:
		return &r.Spending.Public
	case incomeFig:
		return &r.Income
	case sangongTotal:
		return &r.Sangong.Total
	case sangongAbroad:
		return &r.Sangong.Abroad
	case sangongReception:
		return &r.Sangong.Reception
	case sangongVehicles:
		return &r.Sangong.Vehicles
	}
	return &r.Sangong.Change
}

// view is a report as the rules read it: the state of every figure and
// the value of every amount, by figID, and where its series is in the
// env. A worker fills one view per report and reuses it.
type view struct {
	r *report.Report
	// lo and hi are the bounds of the report's series in env.members.
	lo, hi int32
	st     [numFigs]report.State
	v      [numAmounts]report.Amount
	// na has bit id set for each figure that is not one a report of the
	// report's type has (see NotApplicable).
	na uint32
	// derived has bit id set for each figure the file's writer computed
	// from the report's other figures (report.Report.Derived).
	derived uint32
}

// notApplicableBits returns, for a report of the type, the bits of
// view.na.
func notApplicableBits(typ string) uint32 {
	var na uint32
	for id, k := range figKeys {
		if NotApplicable(typ, k) {
			na |= 1 << id
		}
	}
	return na
}

// notApplicable reports whether the figure is not given and not one a
// report of its type has: 不适用 rather than 未披露.
func (v *view) notApplicable(id figID) bool {
	return v.st[id] == report.NotDisclosed && v.na&(1<<id) != 0
}

// set makes v the view of r, whose series is env.members[lo:hi].
func (v *view) set(r *report.Report, lo, hi int32) {
	v.r, v.lo, v.hi = r, lo, hi
	v.na = notApplicableBits(r.Type)
	v.derived = 0
	for _, k := range r.Derived {
		v.derived |= 1 << figIDOf(k)
	}
	s := &r.Spending
	v.st[spendingTotal], v.v[spendingTotal] = s.Total.State, s.Total.V
	v.st[spendingBasic], v.v[spendingBasic] = s.Basic.State, s.Basic.V
	v.st[spendingProject], v.v[spendingProject] = s.Project.State, s.Project.V
	v.st[spendingPersonnel], v.v[spendingPersonnel] = s.Personnel.State, s.Personnel.V
	v.st[spendingPublic], v.v[spendingPublic] = s.Public.State, s.Public.V
	v.st[incomeFig], v.v[incomeFig] = r.Income.State, r.Income.V
	g := &r.Sangong
	v.st[sangongTotal], v.v[sangongTotal] = g.Total.State, g.Total.V
	v.st[sangongAbroad], v.v[sangongAbroad] = g.Abroad.State, g.Abroad.V
	v.st[sangongReception], v.v[sangongReception] = g.Reception.State, g.Reception.V
	v.st[sangongVehicles], v.v[sangongVehicles] = g.Vehicles.State, g.Vehicles.V
	v.st[sangongChange], v.v[sangongChange] = g.Change.State, g.Change.V
	v.st[scoreFig] = r.Score.State
	v.st[gradeFig] = r.Grade.State
	v.st[staffAuthorized] = r.Staff.Authorized.State
	v.st[staffActual] = r.Staff.Actual.State
}

// pos returns where the figure's value was written, or where its key was
// when the value has no position.
func (v *view) pos(id figID) report.Pos {
	var p report.Pos
	r := v.r
	switch {
	case id < numAmounts:
		p = moneyField(r, id).Pos
	case id == scoreFig:
		p = r.Score.Pos
	case id == gradeFig:
		p = r.Grade.Pos
	case id == staffAuthorized:
		p = r.Staff.Authorized.Pos
	default:
		p = r.Staff.Actual.Pos
	}
	if p.Line > 0 {
		return p
	}
	return r.KeyPos(figKeys[id])
}

// lacks reports whether the figure is not disclosed or could not be read.
func (v *view) lacks(id figID) bool {
	st := v.st[id]
	return st == report.NotDisclosed || st == report.Unreadable
}

// stateBits returns the states of the figures, two bits each, and
// whether they fit: each state in two bits, all in 56.
func (v *view) stateBits(ids []figID) (bits uint64, ok bool) {
	for i, id := range ids {
		st := v.st[id]
		if st > 2 {
			return 0, false
		}
		if v.notApplicable(id) {
			st = 3 // worded apart (see appendMissing)
		}
		bits |= uint64(st) << (2 * i)
	}
	return bits, len(ids) <= 28
}

// derivedBits returns a bit for each of ids, in their order, that is a
// figure the file's writer computed (see view.derived): 0 when none is.
func (v *view) derivedBits(ids []figID) uint64 {
	var bits uint64
	for i, id := range ids {
		if v.derived&(1<<id) != 0 {
			bits |= 1 << i
		}
	}
	return bits
}

// appendDerived appends the reason a rule on ids is not checked when the
// figures bits of them (see derivedBits) are ones the file's writer
// computed: a sum of parts that were added up to make it says nothing
// of the report.
func appendDerived(b []byte, ids []figID, bits uint64) []byte {
	b = appendDerivedNames(b, ids, bits)
	return append(b, "不是报告给出的数字，是整理者根据报告中的其他数字推算的，无从核对"...)
}

// appendDerivedNames appends the names of the figures bits of ids (see
// derivedBits), joined by 、.
func appendDerivedNames(b []byte, ids []figID, bits uint64) []byte {
	n := 0
	for i, id := range ids {
		if bits&(1<<i) != 0 {
			if n > 0 {
				b = append(b, "、"...)
			}
			b = append(b, figNames[id]...)
			n++
		}
	}
	return b
}

// allDisclosed reports whether none of the figures lacks (see lacks).
func (v *view) allDisclosed(ids []figID) bool {
	for _, id := range ids {
		if v.lacks(id) {
			return false
		}
	}
	return true
}

// appendMissing appends to b, in Chinese, each of the figures that is not
// disclosed or could not be read, such as "项目支出未披露，公用经费无法识别".
// A figure not given that the report's type does not have (see
// NotApplicable), such as a 项目支出 report's 人员经费, is 不适用.
func (v *view) appendMissing(b []byte, ids ...figID) []byte {
	n := len(b)
	for _, id := range ids {
		var what string
		switch {
		case v.notApplicable(id):
			what = "不适用"
		case v.st[id] == report.NotDisclosed:
			what = "未披露"
		case v.st[id] == report.Unreadable:
			what = "无法识别"
		default:
			continue
		}
		if len(b) > n {
			b = append(b, "，"...)
		}
		b = append(b, figNames[id]...)
		b = append(b, what...)
	}
	return b
}

// wanTol is 0.01 万元, the rounding allowed per addend.
const wanTol report.Amount = report.FenPerWan / 100

func abs(a report.Amount) report.Amount {
	if a < 0 {
		return -a
	}
	return a
}

// share returns gap/whole, or 0 when whole is zero.
func share(gap, whole report.Amount) float64 {
	if whole == 0 {
		return 0
	}
	return float64(abs(gap)) / float64(abs(whole))
}

// percent formats a share such as 0.0391 as "3.91%", and a share below
// 0.005% as "不足0.01%".
func percent(s float64) string { return string(appendPercent(nil, s)) }

// appendPercent appends percent(s) to b.
func appendPercent(b []byte, s float64) []byte {
	if s > 0 && s < 0.00005 {
		return append(b, "不足0.01%"...)
	}
	b = strconv.AppendFloat(b, s*100, 'f', 2, 64)
	return append(b, '%')
}

func appendScore(b []byte, v float64) []byte { return strconv.AppendFloat(b, v, 'f', -1, 64) }

func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

func itoa(n int) string { return strconv.Itoa(n) }
