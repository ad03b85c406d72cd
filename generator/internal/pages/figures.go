package pages

import (
	"fmt"
	"math"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// Figure is one figure of a report as shown on its page.
type Figure struct {
	// Key is the figure's dotted name in the content format.
	Key string
	// Group and Label name the figure in Chinese.
	Group, Label string
	// Unit is the unit of Text.
	Unit string
	// Text is the value as shown; NA marks 未披露 or 无法识别.
	Text string
	NA   bool
	// Evidence is the sentence the figure was read from, if given.
	Evidence string
	// Prev is the previous year's value, when the series has one.
	Prev string
	// Delta is the change against Prev.
	Delta *Delta
	// Flagged marks a figure that a finding beyond rounding concerns.
	Flagged bool
}

// Delta is a change from one year to the next.
type Delta struct {
	// Dir is "up", "down" or "same".
	Dir string
	// Text states the change with its sign and share, such as "▲ 12.3（+8.1%）".
	Text string
}

type figureDef struct {
	key, group, label, unit string
	get                     func(*report.Report) (text string, v float64, state report.State)
}

func moneyDef(key, group, label string) figureDef {
	return figureDef{key, group, label, "万元", func(r *report.Report) (string, float64, report.State) {
		m := r.Amount(key)
		return m.V.String(), m.V.Wan(), m.State
	}}
}

func countDef(key, label string, f func(*report.Report) report.Field[int]) figureDef {
	return figureDef{key, "人员", label, "人", func(r *report.Report) (string, float64, report.State) {
		c := f(r)
		return fmt.Sprint(c.V), float64(c.V), c.State
	}}
}

var figureDefs = []figureDef{
	moneyDef("spending.total", "支出", "支出合计"),
	moneyDef("spending.basic", "支出", "基本支出"),
	moneyDef("spending.personnel", "支出", "其中：人员经费"),
	moneyDef("spending.public", "支出", "其中：公用经费"),
	moneyDef("spending.project", "支出", "项目支出"),
	moneyDef("income", "收入", "本年收入"),
	moneyDef("sangong.total", "三公经费", "三公经费合计"),
	moneyDef("sangong.abroad", "三公经费", "因公出国（境）费"),
	moneyDef("sangong.reception", "三公经费", "公务接待费"),
	moneyDef("sangong.vehicles", "三公经费", "公务用车购置及运行费"),
	moneyDef("sangong.change", "三公经费", "较上年增减（报告所述）"),
	{"score", "绩效自评", "自评得分", "分", func(r *report.Report) (string, float64, report.State) {
		return charts.Format(r.Score.V), r.Score.V, r.Score.State
	}},
	{"grade", "绩效自评", "评价等级", "", func(r *report.Report) (string, float64, report.State) {
		return r.Grade.V, 0, r.Grade.State
	}},
	countDef("staff.authorized", "编制人数", func(r *report.Report) report.Field[int] { return r.Staff.Authorized }),
	countDef("staff.actual", "实有人数", func(r *report.Report) report.Field[int] { return r.Staff.Actual }),
}

// NAText returns how a figure in the state is shown when it has no value.
func NAText(s report.State) string {
	if s == report.Unreadable {
		return "无法识别"
	}
	return "未披露"
}

// Figures lists every figure of a report, with its evidence and its change
// against the previous year.
func Figures(r *site.Report) []Figure {
	var out []Figure
	for _, d := range figureDefs {
		text, v, state := d.get(r.Report)
		f := Figure{Key: d.key, Group: d.group, Label: d.label, Unit: d.unit, Evidence: r.Evidence[d.key], Flagged: r.Flagged(d.key)}
		if state != report.Disclosed {
			f.Text, f.NA = NAText(state), true
		} else {
			f.Text = text
		}
		if r.Prev != nil && d.key != "grade" && d.key != "sangong.change" {
			ptext, pv, pstate := d.get(r.Prev.Report)
			if pstate == report.Disclosed {
				f.Prev = ptext
				if state == report.Disclosed {
					f.Delta = delta(v, pv)
				}
			} else {
				f.Prev = NAText(pstate)
			}
		}
		out = append(out, f)
	}
	return out
}

// delta describes the change from prev to v.
func delta(v, prev float64) *Delta {
	diff := v - prev
	switch {
	case math.Abs(diff) < 1e-9:
		return &Delta{Dir: "same", Text: "持平"}
	case diff > 0:
		return &Delta{Dir: "up", Text: "▲ 增加" + charts.Format(diff) + share(diff, prev)}
	default:
		return &Delta{Dir: "down", Text: "▼ 减少" + charts.Format(-diff) + share(diff, prev)}
	}
}

func share(diff, prev float64) string {
	if prev == 0 {
		return ""
	}
	return fmt.Sprintf("（%+.1f%%）", diff/prev*100)
}

// Value returns a metric's value for a report as a chart value.
func Value(m site.Metric, r *site.Report) charts.Value {
	v, ok := m.Value(r)
	return charts.Value{V: v, OK: ok}
}
