package check

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// Rule describes one rule.
type Rule struct {
	// ID is the rule's stable id, such as sum.spending.
	ID string
	// Title is the rule's short Chinese name, such as 支出合计核对.
	Title string
	// Description says in Chinese what the rule checks, for pages.
	Description string
}

// Rules lists every rule, in the order of the Results of a report.
var Rules = []Rule{
	{"disclosure", "核心数据披露", "核心数据（支出合计、基本支出、项目支出、三公经费合计及其三项、自评得分、评价等级、编制人数、实有人数）中哪些未披露或无法识别。"},
	{"sum.spending", "支出合计核对", "基本支出 + 项目支出 是否等于支出合计；每个分项相差不超过0.01万元视为尾差。"},
	{"sum.basic", "基本支出构成核对", "人员经费 + 公用经费 是否等于基本支出；每个分项相差不超过0.01万元视为尾差。"},
	{"sum.sangong", "三公经费合计核对", "因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 是否等于三公经费合计；每个分项相差不超过0.01万元视为尾差。"},
	{"part.whole", "分项不超过合计", "任何一个分项（基本支出、项目支出、人员经费、公用经费、三公经费各项）都不应大于其合计，即使其他分项未披露。"},
	{"grade.score", "等级与得分核对", "评价等级是否与自评得分相符（优：90-100分，良：80-89.99分，中：60-79.99分，差：60分以下），以及是否有得分无等级或有等级无得分。"},
	{"staff.actual", "实有人数与编制核对", "实有人数是否超过编制人数。"},
	{"unit.sum", "合计与分项数量级核对", "合计是否恰为分项之和的10倍、100倍、1000倍或10000倍（或其倒数），疑为单位错误。"},
	{"unit.years", "跨年度数量级核对", "金额是否约为同县同部门同类型其他年度的10倍、100倍、1000倍或10000倍（或其倒数），疑为单位错误。"},
	{"yoy.sangong", "三公经费同比核对", "报告所述三公经费同比增减，是否等于本年度与上一年度三公经费合计之差。"},
}

// ruleFunc runs a rule on a report. It returns the findings, whether the
// rule could run at all, and a reason for a rule that could not run or ran
// on only some of its figures. The caller fills in File, Rule and Title.
type ruleFunc func(e *env, r *report.Report) (fs []Finding, checked bool, reason string)

var ruleFuncs = map[string]ruleFunc{
	"disclosure":   ruleDisclosure,
	"sum.spending": sumRule(sums[0]),
	"sum.basic":    sumRule(sums[1]),
	"sum.sangong":  sumRule(sums[2]),
	"part.whole":   rulePartWhole,
	"grade.score":  ruleGrade,
	"staff.actual": ruleStaff,
	"unit.sum":     ruleUnitSum,
	"unit.years":   ruleUnitYears,
	"yoy.sangong":  ruleYearOnYear,
}

// ruleOrder is Rules as defined here, safe from changes callers make to
// Rules.
var ruleOrder = slices.Clone(Rules)

func ruleIndex(id string) int {
	for i, r := range ruleOrder {
		if r.ID == id {
			return i
		}
	}
	return len(ruleOrder)
}

// env holds what the rules need beyond one report: the other years.
type env struct {
	// series maps a county, prefecture, department and type to its
	// reports, one per year (the first file for an ID), sorted by year.
	series map[string][]*report.Report
	// in, when set, is the worker's interner: text the rules make for
	// many reports alike is then made once and shared (see interner).
	// When nil, every result is made afresh.
	in *interner
}

func seriesKey(r *report.Report) string {
	return r.County + "|" + r.Prefecture + "|" + r.Department + "|" + r.Type
}

func newEnv(sorted []*report.Report) *env {
	e := &env{series: map[string][]*report.Report{}}
	seen := map[string]bool{}
	for _, r := range sorted {
		if seen[r.ID()] {
			continue
		}
		seen[r.ID()] = true
		k := seriesKey(r)
		e.series[k] = append(e.series[k], r)
	}
	for _, s := range e.series {
		slices.SortStableFunc(s, func(a, b *report.Report) int { return cmp.Compare(a.Year, b.Year) })
	}
	return e
}

// otherYears returns the reports of r's series for other years.
func (e *env) otherYears(r *report.Report) []*report.Report {
	var out []*report.Report
	for _, o := range e.series[seriesKey(r)] {
		if o.Year != r.Year {
			out = append(out, o)
		}
	}
	return out
}

// year returns the report of r's series for the year, or nil.
func (e *env) year(r *report.Report, year int) *report.Report {
	for _, o := range e.series[seriesKey(r)] {
		if o.Year == year {
			return o
		}
	}
	return nil
}

// check returns the results of every rule on r, in the order of Rules,
// made afresh: they share no memory with other reports' results unless
// e.in is set (then only text, such as a finding's Keys and Message).
func (e *env) check(r *report.Report) []Result {
	out := make([]Result, len(ruleOrder))
	e.fill(out, r)
	return out
}

// fill sets out, which has one element per rule, to the results of every
// rule on r, in the order of Rules.
func (e *env) fill(out []Result, r *report.Report) {
	for j, ru := range ruleOrder {
		fs, checked, reason := ruleFuncs[ru.ID](e, r)
		res := Result{Rule: ru.ID, Title: ru.Title, Reason: reason}
		for i := range fs {
			fs[i].File = r.File
			fs[i].Rule = ru.ID
			fs[i].Title = ru.Title
			if fs[i].Pos.Line <= 0 {
				fs[i].Pos = report.Pos{Line: 1, Col: 1}
			}
		}
		sortFindings(fs)
		switch {
		case !checked:
			res.Status = NotChecked
		case len(fs) > 0:
			res.Status = Found
			res.Findings = fs
		default:
			res.Status = Passed
		}
		out[j] = res
	}
}

// ruleDisclosure lists the core figures the report leaves out or that could
// not be read.
func ruleDisclosure(e *env, r *report.Report) ([]Finding, bool, string) {
	// The finding's Keys and Message depend only on the state of each
	// core figure: with an interner, they are made once per combination.
	var buf [32]byte
	states := buf[:0]
	lacking := false
	for _, f := range CoreFigures {
		st := FigureState(r, f.Key)
		states = append(states, byte(st))
		lacking = lacking || st == report.NotDisclosed || st == report.Unreadable
	}
	if !lacking {
		return nil, true, ""
	}
	var d disclosureText
	if e != nil && e.in != nil {
		d = e.in.disclosure.get(states, func() disclosureText { return disclosureFor(states) })
	} else {
		d = disclosureFor(states)
	}
	_, pos := figurePos(r, d.keys[0])
	return []Finding{{
		Pos:      posOr(r, d.keys[0], pos),
		Severity: Info,
		Message:  d.message,
		Keys:     d.keys,
	}}, true, ""
}

// disclosureText is the Keys and Message of a disclosure finding.
type disclosureText struct {
	keys    []string
	message string
}

// disclosureFor returns the disclosure finding's text for the states of
// CoreFigures, one byte (a report.State) each, at least one of them not
// disclosed.
func disclosureFor(states []byte) disclosureText {
	var absent, unreadable, keys []string
	for i, f := range CoreFigures {
		switch report.State(states[i]) {
		case report.NotDisclosed:
			absent = append(absent, f.Name)
			keys = append(keys, f.Key)
		case report.Unreadable:
			unreadable = append(unreadable, f.Name)
			keys = append(keys, f.Key)
		}
	}
	var parts []string
	if len(absent) > 0 {
		parts = append(parts, "未披露"+itoa(len(absent))+"项："+strings.Join(absent, "、"))
	}
	if len(unreadable) > 0 {
		parts = append(parts, "无法识别"+itoa(len(unreadable))+"项："+strings.Join(unreadable, "、"))
	}
	return disclosureText{
		keys:    slices.Clip(keys),
		message: "核心数据" + itoa(len(CoreFigures)) + "项中，" + strings.Join(parts, "；"),
	}
}

// sumDef is a total and the parts it should be the sum of.
type sumDef struct {
	title string // the name of the sum, for unit.sum's reasons
	total string
	parts []string
	// keys are the total, then the parts: the Keys of the sum's findings,
	// shared by all of them.
	keys []string
}

// newSum returns the sum of the title whose total is keys[0] and whose
// parts are the other keys.
func newSum(title string, keys ...string) sumDef {
	return sumDef{title: title, total: keys[0], parts: keys[1:len(keys):len(keys)], keys: keys[:len(keys):len(keys)]}
}

var sums = []sumDef{
	newSum("支出合计", "spending.total", "spending.basic", "spending.project"),
	newSum("基本支出", "spending.basic", "spending.personnel", "spending.public"),
	newSum("三公经费合计", "sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles"),
}

// sumRule checks that the parts add up to the total, within 0.01 万元 per
// part for rounding.
func sumRule(s sumDef) ruleFunc {
	return func(_ *env, r *report.Report) ([]Finding, bool, string) {
		if why := missing(r, s.keys...); why != "" {
			return nil, false, why
		}
		total := amountOf(r, s.total)
		var sum report.Amount
		for _, k := range s.parts {
			sum += amountOf(r, k).v
		}
		gap := abs(sum - total.v)
		if gap == 0 {
			return nil, true, ""
		}
		terms := make([]string, len(s.parts))
		for i, k := range s.parts {
			p := amountOf(r, k)
			terms[i] = p.name() + p.v.String()
		}
		f := Finding{
			Pos:      total.pos,
			Severity: Discrepancy,
			Keys:     s.keys,
			Gap:      gap,
			Share:    share(gap, total.v),
		}
		msg := strings.Join(terms, " + ") + " = " + sum.String() + "，与" + total.name() + total.v.String() +
			"相差" + gap.String() + "万元"
		if gap <= wanTol*report.Amount(len(s.parts)) {
			f.Severity = Rounding
			msg += "，属尾差（每个分项不超过0.01万元）"
		} else if total.v != 0 {
			msg += "（占" + total.name() + "的" + percent(f.Share) + "）"
		}
		f.Message = msg
		return []Finding{f}, true, ""
	}
}

// partWholes maps each part to its whole and the whole's own wholes: a part
// is compared with the nearest of them that is disclosed.
var partWholes = []partWhole{
	newPartWhole("spending.basic", "spending.total"),
	newPartWhole("spending.project", "spending.total"),
	newPartWhole("spending.personnel", "spending.basic", "spending.total"),
	newPartWhole("spending.public", "spending.basic", "spending.total"),
	newPartWhole("sangong.abroad", "sangong.total"),
	newPartWhole("sangong.reception", "sangong.total"),
	newPartWhole("sangong.vehicles", "sangong.total"),
}

// partWhole is a part and its wholes, nearest first.
type partWhole struct {
	part   string
	wholes []string
	// keys[i] is the part and wholes[i]: the Keys of a finding against
	// that whole, shared by all of them.
	keys [][]string
}

func newPartWhole(part string, wholes ...string) partWhole {
	pw := partWhole{part: part, wholes: wholes}
	for _, w := range wholes {
		pw.keys = append(pw.keys, []string{part, w})
	}
	return pw
}

// rulePartWhole checks that no disclosed part is larger than its whole,
// whatever the other parts.
func rulePartWhole(_ *env, r *report.Report) ([]Finding, bool, string) {
	var fs []Finding
	var unchecked, all []string
	checked := false
	for _, pw := range partWholes {
		all = append(all, pw.part)
		p := amountOf(r, pw.part)
		var whole fig
		var keys []string
		skipped := pw.wholes[:0]
		for i, w := range pw.wholes {
			if f := amountOf(r, w); f.state == report.Disclosed {
				whole, keys = f, pw.keys[i]
				break
			}
			skipped = pw.wholes[:i+1]
		}
		if p.state != report.Disclosed || whole.key == "" {
			unchecked = append(unchecked, p.name())
			continue
		}
		checked = true
		if p.v <= whole.v {
			continue
		}
		gap := p.v - whole.v
		f := Finding{
			Pos:      p.pos,
			Severity: Discrepancy,
			Keys:     keys,
			Gap:      gap,
			Share:    share(gap, whole.v),
		}
		msg := p.name() + p.v.String() + "大于" + whole.name() + whole.v.String()
		if len(skipped) > 0 {
			msg += "（" + missing(r, skipped...) + "）"
		}
		msg += "，超出" + gap.String() + "万元"
		if gap <= wanTol {
			f.Severity = Rounding
			msg += "，属尾差"
		} else if whole.v != 0 {
			msg += "（占" + whole.name() + "的" + percent(f.Share) + "）"
		}
		f.Message = msg
		fs = append(fs, f)
	}
	for _, pw := range partWholes {
		for _, w := range pw.wholes {
			if !slices.Contains(all, w) {
				all = append(all, w)
			}
		}
	}
	if !checked {
		return nil, false, "没有同时披露的分项与合计：" + missing(r, all...)
	}
	reason := ""
	if len(unchecked) > 0 {
		reason = "未核对：" + strings.Join(unchecked, "、") + "（分项或合计未披露或无法识别）"
	}
	return fs, true, reason
}

// gradeFor returns the standard grade of a score.
func gradeFor(score float64) string {
	switch {
	case score >= 90:
		return "优"
	case score >= 80:
		return "良"
	case score >= 60:
		return "中"
	}
	return "差"
}

const gradeBands = "优：90-100分，良：80-89.99分，中：60-79.99分，差：60分以下"

// ruleGrade checks the grade against the score's standard band, and flags a
// score with no grade or a grade with no score.
func ruleGrade(_ *env, r *report.Report) ([]Finding, bool, string) {
	s, g := r.Score, r.Grade
	sPos, gPos := posOr(r, "score", s.Pos), posOr(r, "grade", g.Pos)
	switch {
	case s.State == report.Disclosed && g.State == report.Disclosed:
		want := gradeFor(s.V)
		if want == g.V {
			return nil, true, ""
		}
		return []Finding{{
			Pos:      gPos,
			Severity: Discrepancy,
			Keys:     gradeKeys,
			Message:  "评价等级为" + g.V + "，但自评得分" + formatScore(s.V) + "分按标准应为" + want + "（" + gradeBands + "）",
		}}, true, ""
	case s.State == report.Disclosed && g.State == report.NotDisclosed:
		return []Finding{{
			Pos:      sPos,
			Severity: Warning,
			Keys:     scoreKeys,
			Message:  "自评得分" + formatScore(s.V) + "分，但未给出评价等级（按标准应为" + gradeFor(s.V) + "）",
		}}, true, ""
	case g.State == report.Disclosed && s.State == report.NotDisclosed:
		return []Finding{{
			Pos:      gPos,
			Severity: Warning,
			Keys:     gradeKeys,
			Message:  "评价等级为" + g.V + "，但未披露自评得分",
		}}, true, ""
	}
	return nil, false, missing(r, scoreKeys...)
}

// The Keys of findings, shared by all findings with the same keys: see
// Finding.Keys.
var (
	gradeKeys  = []string{"grade", "score"}
	scoreKeys  = []string{"score", "grade"}
	staffKeys  = []string{"staff.actual", "staff.authorized"}
	changeKeys = []string{"sangong.change", "sangong.total"}
)

// ruleStaff checks that no more people are in post than authorized.
func ruleStaff(_ *env, r *report.Report) ([]Finding, bool, string) {
	if why := missing(r, "staff.authorized", "staff.actual"); why != "" {
		return nil, false, why
	}
	auth, act := r.Staff.Authorized, r.Staff.Actual
	if act.V <= auth.V {
		return nil, true, ""
	}
	over := act.V - auth.V
	f := Finding{
		Pos:      posOr(r, "staff.actual", act.Pos),
		Severity: Warning,
		Keys:     staffKeys,
		Message:  "实有人数" + itoa(act.V) + "人，超过编制人数" + itoa(auth.V) + "人（超编" + itoa(over) + "人）",
	}
	if auth.V > 0 {
		f.Share = float64(over) / float64(auth.V)
	}
	return []Finding{f}, true, ""
}

// unitHint names the mix-up of units a factor suggests.
func unitHint(factor int64) string {
	switch factor {
	case 10:
		return "（如千元与万元混用）"
	case 1000:
		return "（如元与千元混用）"
	case 10000:
		return "（如元与万元混用）"
	}
	return ""
}

// slipFactors are the factors a unit slip may cause.
var slipFactors = []int64{10, 100, 1000, 10000}

// exactFactor reports whether big is f times small, for a factor f of
// slipFactors, within rounding: tol is the rounding allowed at small's
// scale. small must be more than ten times tol, so that rounding alone
// cannot make the factor.
func exactFactor(big, small, tol report.Amount) (int64, bool) {
	if small <= 10*tol || big <= small {
		return 0, false
	}
	for _, f := range slipFactors {
		if small > math.MaxInt64/report.Amount(f) {
			break
		}
		if abs(big-small*report.Amount(f)) <= tol*report.Amount(f) {
			return f, true
		}
	}
	return 0, false
}

// joinNames joins names as 甲、乙与丙.
func joinNames(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], "、") + "与" + names[len(names)-1]
}

// ruleUnitSum flags a total that is exactly 10, 100, 1000 or 10000 times the
// sum of its parts, or that fraction of it.
func ruleUnitSum(_ *env, r *report.Report) ([]Finding, bool, string) {
	var fs []Finding
	var lacking []string
	checked := false
	for _, s := range sums {
		if !allDisclosed(r, s.keys) {
			lacking = append(lacking, s.title)
			continue
		}
		checked = true
		total := amountOf(r, s.total)
		var sum report.Amount
		for _, k := range s.parts {
			sum += amountOf(r, k).v
		}
		tol := wanTol * report.Amount(len(s.parts))
		of := func() string {
			names := make([]string, len(s.parts))
			for i, k := range s.parts {
				names[i] = FigureName(k)
			}
			return joinNames(names) + "之和" + sum.String()
		}
		var msg string
		var factor float64
		var fac int64
		if f, ok := exactFactor(total.v, sum, tol); ok {
			fac, factor = f, float64(f)
			msg = total.name() + total.v.String() + verb(total.v == sum*report.Amount(f)) + of() + "的" + itoa(int(f)) + "倍"
		} else if f, ok := exactFactor(sum, total.v, tol); ok {
			fac, factor = f, 1/float64(f)
			msg = total.name() + total.v.String() + verb(sum == total.v*report.Amount(f)) + of() + "的1/" + itoa(int(f))
		} else {
			continue
		}
		gap := abs(total.v - sum)
		fs = append(fs, Finding{
			Pos:      total.pos,
			Severity: Warning,
			Keys:     s.keys,
			Message:  msg + "，疑为单位错误" + unitHint(fac),
			Gap:      gap,
			Share:    share(gap, total.v),
			Factor:   factor,
		})
	}
	if !checked {
		return nil, false, joinNames(lacking) + "的分项不全"
	}
	reason := ""
	if len(lacking) > 0 {
		reason = "未核对：" + strings.Join(lacking, "、") + "（分项不全）"
	}
	return fs, true, reason
}

func verb(exact bool) string {
	if exact {
		return "恰为"
	}
	return "约为"
}

// slipKeys are the amounts compared across years.
var slipKeys = []string{
	"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
	"income",
	"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles",
}

// slipTolerance is how far, as a ratio either way, a figure may be from
// exactly 10^k times another year's and still count as a likely slip: a
// figure 6.7 to 15 times another year's counts as 10 times.
const slipTolerance = 1.5

// nearPower returns k (±1 to ±4) when a/b is within slipTolerance of
// 10^k, and 0 otherwise.
func nearPower(a, b report.Amount) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	l := math.Log10(float64(a) / float64(b))
	k := math.Round(l)
	if k == 0 || math.Abs(k) > 4 || math.Abs(l-k) > math.Log10(slipTolerance) {
		return 0
	}
	return int(k)
}

// pow10 returns 10^k for k from 0 to 18.
func pow10(k int) int64 {
	n := int64(1)
	for range k {
		n *= 10
	}
	return n
}

// ruleUnitYears flags an amount about 10, 100, 1000 or 10000 times (or that
// fraction of) the same figure in most of the other years of the same
// county, department and type.
func ruleUnitYears(e *env, r *report.Report) ([]Finding, bool, string) {
	others := e.otherYears(r)
	if len(others) == 0 {
		return nil, false, "没有同县同部门同类型其他年度的报告"
	}
	type ref struct {
		year int
		v    report.Amount
	}
	var fs []Finding
	checked := false
	for ki, key := range slipKeys {
		a := amountOf(r, key)
		if a.state != report.Disclosed || a.v <= 0 {
			continue
		}
		var refs []ref
		for _, o := range others {
			if m := o.Amount(key); m.Known() && m.V > 0 {
				refs = append(refs, ref{o.Year, m.V})
			}
		}
		if len(refs) == 0 {
			continue
		}
		checked = true
		byPower := map[int][]ref{}
		for _, rf := range refs {
			if k := nearPower(a.v, rf.v); k != 0 {
				byPower[k] = append(byPower[k], rf)
			}
		}
		for _, k := range []int{1, 2, 3, 4, -1, -2, -3, -4} {
			m := byPower[k]
			if 2*len(m) <= len(refs) {
				continue
			}
			n := pow10(max(k, -k))
			var years []string
			exact := true
			for _, rf := range m {
				years = append(years, itoa(rf.year)+"年度（"+rf.v.String()+"）")
				big, small := a.v, rf.v
				if k < 0 {
					big, small = small, big
				}
				if big != small*report.Amount(n) {
					exact = false
				}
			}
			times, factor := "的"+itoa(int(n))+"倍", float64(n)
			if k < 0 {
				times, factor = "的1/"+itoa(int(n)), 1/float64(n)
			}
			word := "约为"
			if exact {
				word = "是"
			}
			fs = append(fs, Finding{
				Pos:      a.pos,
				Severity: Warning,
				Keys:     slipKeys[ki : ki+1 : ki+1],
				Message:  a.name() + a.v.String() + word + "同县同部门" + strings.Join(years, "、") + times + "，疑为单位错误" + unitHint(n),
				Factor:   factor,
			})
			break
		}
	}
	if !checked {
		return nil, false, "与其他年度的报告没有同时披露且不为零的金额"
	}
	return fs, true, ""
}

// ruleYearOnYear compares the stated change of 三公经费 with the difference
// of this year's and last year's 三公 totals.
func ruleYearOnYear(e *env, r *report.Report) ([]Finding, bool, string) {
	var why []string
	if w := missing(r, "sangong.change", "sangong.total"); w != "" {
		why = append(why, w)
	}
	prevYear := itoa(r.Year-1) + "年度"
	prev := e.year(r, r.Year-1)
	switch {
	case prev == nil:
		why = append(why, "没有上一年度（"+prevYear+"）同县同部门同类型的报告")
	case prev.Sangong.Total.State == report.NotDisclosed:
		why = append(why, "上一年度（"+prevYear+"）三公经费合计未披露")
	case prev.Sangong.Total.State == report.Unreadable:
		why = append(why, "上一年度（"+prevYear+"）三公经费合计无法识别")
	}
	if len(why) > 0 {
		return nil, false, strings.Join(why, "，")
	}
	change, total := amountOf(r, "sangong.change"), amountOf(r, "sangong.total")
	last := prev.Sangong.Total.V
	computed := total.v - last
	gap := abs(change.v - computed)
	if gap == 0 {
		return nil, true, ""
	}
	tol := 2 * wanTol
	f := Finding{
		Pos:      change.pos,
		Severity: Discrepancy,
		Keys:     changeKeys,
		Gap:      gap,
		Share:    share(gap, total.v),
	}
	msg := "三公经费同比增减记为" + change.v.String() + "，而本年度合计" + total.v.String() + " - " + prevYear + "合计" +
		last.String() + " = " + computed.String() + "，相差" + gap.String() + "万元"
	switch {
	case gap <= tol:
		f.Severity = Rounding
		msg += "，属尾差"
	default:
		if total.v != 0 {
			msg += "（占本年度三公经费合计的" + percent(f.Share) + "）"
		}
		if computed != 0 && abs(change.v+computed) <= tol {
			msg += "，增减方向似乎记反了"
		}
	}
	f.Message = msg
	return []Finding{f}, true, ""
}
