package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// Figure is a figure of a report, by its dotted name.
type Figure struct {
	// Key is the dotted name, such as spending.total.
	Key string
	// Name is the Chinese name, such as 支出合计.
	Name string
}

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

// FigureState returns the state of a figure of r by its dotted name:
// whether it was disclosed, left out or could not be read. It returns
// report.NotDisclosed for a name that is not a figure.
func FigureState(r *report.Report, key string) report.State {
	state, _ := figurePos(r, key)
	return state
}

// figurePos returns a figure's state and the position of its value.
func figurePos(r *report.Report, key string) (report.State, report.Pos) {
	if m := r.Amount(key); m != nil {
		return m.State, m.Pos
	}
	switch key {
	case "score":
		return r.Score.State, r.Score.Pos
	case "grade":
		return r.Grade.State, r.Grade.Pos
	case "staff.authorized":
		return r.Staff.Authorized.State, r.Staff.Authorized.Pos
	case "staff.actual":
		return r.Staff.Actual.State, r.Staff.Actual.Pos
	}
	return report.NotDisclosed, report.Pos{}
}

// fig is an amount of a report with its name, for the rules.
type fig struct {
	key   string
	state report.State
	v     report.Amount
	pos   report.Pos
}

func amountOf(r *report.Report, key string) fig {
	m := r.Amount(key)
	return fig{key: key, state: m.State, v: m.V, pos: posOr(r, key, m.Pos)}
}

func (f fig) name() string { return FigureName(f.key) }

// posOr returns p, or where the key was written when p is unset.
func posOr(r *report.Report, key string, p report.Pos) report.Pos {
	if p.Line > 0 {
		return p
	}
	return r.KeyPos(key)
}

// missing describes, in Chinese, each of the named figures that is not
// disclosed, such as "项目支出未披露，公用经费无法识别", or returns "".
func missing(r *report.Report, keys ...string) string {
	var parts []string
	for _, k := range keys {
		switch FigureState(r, k) {
		case report.NotDisclosed:
			parts = append(parts, FigureName(k)+"未披露")
		case report.Unreadable:
			parts = append(parts, FigureName(k)+"无法识别")
		}
	}
	return strings.Join(parts, "，")
}

// allDisclosed reports whether every one of the named figures is
// disclosed: whether missing would return "".
func allDisclosed(r *report.Report, keys []string) bool {
	for _, k := range keys {
		if st := FigureState(r, k); st == report.NotDisclosed || st == report.Unreadable {
			return false
		}
	}
	return true
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
func percent(s float64) string {
	if s > 0 && s < 0.00005 {
		return "不足0.01%"
	}
	return fmt.Sprintf("%.2f%%", s*100)
}

func formatScore(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func itoa(n int) string { return strconv.Itoa(n) }
