package pages

import (
	"math"
	"slices"
	"strconv"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// slipValue is the value of a figure that is a likely slip (see
// site.Report.SlipKey), or of one computed from it, left out of every
// comparison: its cell says what the slip likely is (check.SlipWords).
func slipValue(key string) charts.Value {
	words, _ := check.SlipWords(key)
	return charts.Value{Suspect: true, SlipWords: words}
}

// unitSlipWords is what check.SlipWords says of an amount: 疑为单位错误.
var unitSlipWords, _ = check.SlipWords("spending.total")

// slipWords says what the likely slip among the figures named by keys of
// r is (check.SlipWords), or "" when none is one.
func slipWords(r *site.Report, keys ...string) string {
	if key := r.SlipKey(keys...); key != "" {
		words, _ := check.SlipWords(key)
		return words
	}
	return ""
}

// Figure is one figure of a report as shown on its page.
type Figure struct {
	// FigureInfo names the figure; every report's figure of the kind
	// shares it.
	*FigureInfo
	// Text is the value as shown (see NA).
	Text string
	// Evidence is the sentence the figure was read from, if given.
	Evidence string
	// Prev is the previous year's value, when the series has one.
	Prev string
	// Delta is the change against Prev.
	Delta *Delta
	// PrevChecks links, from the report's page, to the checks of the
	// previous year's report when Prev is a likely unit slip there
	// (site.Report.Suspect); it is empty otherwise.
	PrevChecks string
	// PrevSlip says what Prev is when PrevChecks is set: 疑为单位错误, or
	// 疑为数字错误 for a count of staff (see slipWords).
	PrevSlip string
	// NA marks a Text of 未披露, 无法识别 or 不适用. (The flags come last, together,
	// so that they share a word.)
	NA bool
	// Flagged marks a figure that a finding puts in doubt (see
	// check.Finding.Disputes).
	Flagged bool
	// Slip marks a Flagged figure that is a likely unit slip
	// (site.Report.Suspect), left out of ranks and comparisons.
	Slip bool
	// Derived marks a figure that the report does not give, which the
	// file's writer computed from its other figures (report.Report.Derived).
	Derived bool
}

// FigureInfo is what the figures of every report of one kind share: their
// names and unit. (A pointer to it, rather than four strings, keeps each
// report page's fifteen figures small.)
type FigureInfo struct {
	// Key is the figure's dotted name in the content format.
	Key string
	// Group and Label name the figure in Chinese.
	Group, Label string
	// Unit is the unit of the figures' Text.
	Unit string
}

// Delta is a change from one year to the next.
type Delta struct {
	// Dir is "up", "down" or "same".
	Dir string
	// Text states the change with its sign and share, such as "▲ 12.3（+8.1%）".
	Text string
}

// figureKind says how a figure is read and shown.
type figureKind uint8

const (
	figureMoney figureKind = iota
	figureScore
	figureGrade
	figureCount
)

type figureDef struct {
	FigureInfo
	kind figureKind
	// money reads a figureMoney, count a figureCount.
	money func(*report.Report) *report.Money
	count func(*report.Report) report.Field[int]
	// change marks a figureMoney that a report states as a change from
	// the year before: shown with its direction (see appendStatedChange).
	change bool
}

// value returns the figure's value and state; a grade's value is 0.
func (d *figureDef) value(r *report.Report) (float64, report.State) {
	switch d.kind {
	case figureMoney:
		m := d.money(r)
		return m.V.Wan(), m.State
	case figureScore:
		return r.Score.V, r.Score.State
	case figureGrade:
		return 0, r.Grade.State
	default:
		c := d.count(r)
		return float64(c.V), c.State
	}
}

// appendText appends the figure's value as shown, whatever its state.
func (d *figureDef) appendText(dst []byte, r *report.Report) []byte {
	switch d.kind {
	case figureMoney:
		if d.change {
			return appendStatedChange(dst, d.money(r).V)
		}
		// As every page shows an amount: to two decimals (see
		// charts.Format), the downloads keeping it as given.
		return charts.AppendFormat(dst, d.money(r).V.Wan())
	case figureScore:
		return charts.AppendFormat(dst, r.Score.V)
	case figureGrade:
		return append(dst, r.Grade.V...)
	default:
		return strconv.AppendInt(dst, int64(d.count(r).V), 10)
	}
}

// moneyDef returns the definition of an amount, which reads the field
// that report.AmountField gives for key, looked up once.
func moneyDef(key, group, label string) figureDef {
	return figureDef{FigureInfo: FigureInfo{Key: key, Group: group, Label: label, Unit: "万元"}, kind: figureMoney,
		money: report.AmountField(key)}
}

// changeDef returns the definition of an amount a report states as a
// change from the year before, read as moneyDef reads it.
func changeDef(key, group, label string) figureDef {
	d := moneyDef(key, group, label)
	d.change = true
	return d
}

func countDef(key, label string, f func(*report.Report) report.Field[int]) figureDef {
	return figureDef{FigureInfo: FigureInfo{Key: key, Group: "人员", Label: label, Unit: "人"}, kind: figureCount, count: f}
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
	changeDef("sangong.change", "三公经费", "较上年增减（报告所述）"),
	{FigureInfo: FigureInfo{Key: "score", Group: "绩效自评", Label: "自评得分", Unit: "分"}, kind: figureScore},
	{FigureInfo: FigureInfo{Key: "grade", Group: "绩效自评", Label: "评价等级", Unit: ""}, kind: figureGrade},
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

// missingText returns how the figure of the dotted name key of a report
// of type typ is shown when it has no value in the state: 不适用 for a
// figure not given that the type does not have (check.NotApplicable),
// otherwise NAText.
func missingText(typ, key string, s report.State) string {
	if s == report.NotDisclosed && check.NotApplicable(typ, key) {
		return "不适用"
	}
	return NAText(s)
}

// Figures lists every figure of a report, with its evidence and its change
// against the previous year.
func Figures(r *site.Report) []Figure {
	out := make([]Figure, len(figureDefs))
	t := newTexts()
	figures(r, out, t)
	t.done()
	return out
}

// figures fills out, of len(figureDefs), as Figures does, with the texts
// that are not constant left to t.
func figures(r *site.Report, out []Figure, t *texts) {
	flagged := flaggedFigures(r)
	var deltas []Delta
	if r.Prev != nil {
		deltas = make([]Delta, 0, figureDeltas)
	}
	for i := range figureDefs {
		d := &figureDefs[i]
		v, state := d.value(r.Report)
		f := &out[i]
		*f = Figure{FigureInfo: &d.FigureInfo, Evidence: r.Evidence[d.Key], Flagged: flagged[i]}
		if d.Key == "income" && r.Type == report.TypeProject {
			f.FigureInfo = &projectFundsInfo
		}
		if state != report.Disclosed {
			// A 项目支出 report has no 基本支出 or 三公经费 of its own:
			// not given, they do not apply, as the disclosure and county
			// pages say.
			f.Text, f.NA = missingText(r.Type, d.Key, state), true
		} else if d.kind == figureGrade {
			f.Text = r.Grade.V
		} else {
			t.buf = d.appendText(t.buf, r.Report)
			t.end(&f.Text)
			f.Slip = f.Flagged && r.Suspect(d.Key)
			f.Derived = r.IsDerived(d.Key)
		}
		if r.Prev != nil && hasDelta(d.Key) {
			pv, pstate := d.value(r.Prev.Report)
			if pstate == report.Disclosed {
				// With its unit: on a phone the figure is a card, where
				// 上年 2159.75 would stand far from the unit's cell.
				t.buf = d.appendText(t.buf, r.Prev.Report)
				t.buf = append(t.buf, d.Unit...)
				t.end(&f.Prev)
				if r.Prev.Suspect(d.Key) {
					f.PrevChecks = rootOf(r.URL) + r.Prev.URL + "#checks"
					f.PrevSlip = slipWords(r.Prev, d.Key)
				}
				// No change is told from or to a likely unit slip:
				// -100.0% from 40966400 says nothing true.
				if state == report.Disclosed && !r.Suspect(d.Key) && !r.Prev.Suspect(d.Key) {
					deltas = append(deltas, Delta{})
					f.Delta = &deltas[len(deltas)-1]
					setDeltaOf(f.Delta, v, pv, d.Unit, t)
				}
			} else {
				// Nor had the previous year's report, of the same type.
				f.Prev = missingText(r.Prev.Type, d.Key, pstate)
			}
		}
	}
}

// appendStatedChange appends the change in 三公经费 a report states, with
// its direction, as the changes beside the other figures are shown:
// 增加0.4, 减少0.4 (of -0.4), or 持平. Only the page words it so: the
// downloads keep the signed number.
func appendStatedChange(dst []byte, a report.Amount) []byte {
	switch {
	case a == 0:
		return append(dst, "持平"...)
	case a > 0:
		dst = append(dst, "增加"...)
	default:
		dst, a = append(dst, "减少"...), -a
	}
	return charts.AppendFormat(dst, a.Wan())
}

// flaggedFigures says, for each of figureDefs, whether the figure is
// Flagged: a finding puts it in doubt (see check.Finding.Disputes).
func flaggedFigures(r *site.Report) (flagged [len(figureKeys)]bool) {
	for _, c := range r.Checks {
		for i := range c.Findings {
			for _, k := range c.Findings[i].Disputes() {
				if i := slices.Index(figureKeys[:], k); i >= 0 {
					flagged[i] = true
				}
			}
		}
	}
	return flagged
}

// hasDelta reports whether the figure with the key is compared with the
// previous year's.
func hasDelta(key string) bool { return key != "grade" && key != "sangong.change" }

// figureDeltas is the number of figureDefs that hasDelta compares with
// the previous year's: the most changes a report page shows.
const figureDeltas = len(figureKeys) - 2

// figureGroups is the number of groups of figureDefs: runs of figures of
// the same group.
const figureGroups = 5

// figureKeys holds the keys of figureDefs, in order.
var figureKeys = [...]string{"spending.total", "spending.basic", "spending.personnel", "spending.public", "spending.project",
	"income", "sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles", "sangong.change",
	"score", "grade", "staff.authorized", "staff.actual"}

// setDeltaOf makes d the change from prev to v as they show (to two
// decimals, see charts.Shown), its text left to t: ▲ 增加12.3万元（+8.1%）,
// the unit after the amount. Values that show the same are 持平. A
// change of a score (unit 分) is in points, without a share: 减少11.8分,
// not -12.1%.
func setDeltaOf(d *Delta, v, prev float64, unit string, t *texts) {
	v, prev = charts.Shown(v), charts.Shown(prev)
	diff := charts.Shown(v - prev)
	switch {
	case diff == 0 || math.IsNaN(diff):
		d.Dir, d.Text = "same", "持平"
		return
	case diff > 0:
		d.Dir = "up"
		t.buf = append(t.buf, "▲ 增加"...)
		t.buf = charts.AppendFormat(t.buf, diff)
	default:
		d.Dir = "down"
		t.buf = append(t.buf, "▼ 减少"...)
		t.buf = charts.AppendFormat(t.buf, -diff)
	}
	t.buf = append(t.buf, unit...)
	if unit != "分" {
		t.buf = appendShare(t.buf, diff, prev)
	}
	t.end(&d.Text)
}

// Value returns a metric's value for a report as a chart value. A value
// that is missing because a figure it is computed from is not one the
// report's type has (see check.NotApplicable), rather than unreadable,
// is NotApplicable: a 项目支出 report's 三公经费. A known value computed
// from a figure the report does not give (report.Report.Derived) is
// Derived, and its cells say so. A value computed from several figures
// (per head), one of which is a likely slip, is not given: it would be
// the site's own figure made of that slip (0万元 a head, of a count of
// 1,700,000); its cell says what the slip likely is (see slipValue). A
// figure the report gives is given as it is, slip or not.
func Value(m site.Metric, r *site.Report) charts.Value {
	v, ok := m.Value(r)
	if key := r.SlipKey(m.Keys...); ok && len(m.Keys) > 1 && key != "" {
		return slipValue(key)
	}
	unreadable := !ok && m.Unreadable != nil && m.Unreadable(r)
	return charts.Value{V: v, OK: ok, Unreadable: unreadable, NotApplicable: !ok && !unreadable && !m.AppliesTo(r.Type),
		NoStaff: !unreadable && m.LacksStaff(r), Derived: ok && r.IsDerived(m.Keys...)}
}
