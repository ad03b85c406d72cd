package check

import (
	"math"
	"slices"
	"strconv"
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
	{"disclosure", "核心数据披露", "核心数据（支出合计、基本支出、项目支出、三公经费合计及其三项、自评得分、评价等级、编制人数、实有人数）中哪些未披露或无法识别；" + ProjectScope + "，只看支出合计、自评得分与评价等级3项。"},
	{"sum.spending", "支出合计核对", "基本支出 + 项目支出 是否等于支出合计；每个分项相差不超过0.01万元视为尾差。"},
	{"sum.basic", "基本支出构成核对", "人员经费 + 公用经费 是否等于基本支出；每个分项相差不超过0.01万元视为尾差。"},
	{"sum.sangong", "三公经费合计核对", "因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 是否等于三公经费合计；每个分项相差不超过0.01万元视为尾差。"},
	{"part.whole", "分项不超过合计", "任何一个分项（基本支出、项目支出、人员经费、公用经费、三公经费各项）都不应大于其合计，即使其他分项未披露。"},
	{"grade.score", "等级与得分核对", "评价等级是否与自评得分相符（优：90-100分，良：80-89.99分，中：60-79.99分，差：60分以下），以及是否有得分无等级或有等级无得分。"},
	{"staff.actual", "实有人数与编制核对", "实有人数是否超过编制人数。"},
	{"unit.sum", "合计与分项数量级核对", "合计是否恰为分项之和的10倍、100倍、1000倍或10000倍（或其倒数），疑为单位错误。"},
	{"unit.years", "跨年度数量级核对", "金额是否约为同县同部门同类型其他年度（项目支出报告注明了项目的，为同一项目其他年度）的10倍、100倍、1000倍或10000倍（或其倒数），疑为单位错误；不超过尾差的金额（0.01万元及以下，或各分项均不超过0.01万元、合计不超过其尾差的合计数）可能是四舍五入的零，不作比较。"},
	{"unit.size", "金额与人数规模核对", "金额是否远超县级部门的规模（支出或收入超过500亿元，三公经费合计或任一项超过1亿元，或支出、收入按编制人数或实有人数计人均超过5亿元），疑为按元填写而单位仍为万元；或部门的支出合计远低于县级部门的规模（不足10万元，或人均不足1万元），疑为按万元填写而单位写成了元；跨年度数量级核对已指出的金额不再重复。编制人数或实有人数超过10万人的，远超县级部门的规模，疑为数字错误，不用来计算人均数。"},
	{"yoy.sangong", "三公经费同比核对", "报告所述三公经费同比增减，是否等于本年度与上一年度三公经费合计之差。"},
	{"year.title", "年度与标题核对", "标题中写明的年度是否与本站登记的报告年度相同；只在标题中恰有一个四位数年份（如2023、２０２３或二〇二三、二零二三）、且其后是“年”或“年度”时核对。"},
	{"noted", "人工核对", "整理报告的人读报告时记下的前后不一致：报告正文、表格中的数字互相矛盾，而上面整理出的数字体现不出来（本站不读正文，无法自动核对）。"},
}

// ruleFunc runs a rule on the report of a view. It returns the findings,
// whether the rule could run at all, and a reason for a rule that could
// not run or ran on only some of its figures. The caller fills in File,
// Rule and Title.
type ruleFunc func(e *env, v *view) (fs []Finding, checked bool, reason string)

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
	"unit.size":    ruleUnitSize,
	"yoy.sangong":  ruleYearOnYear,
	"year.title":   ruleYearTitle,
	"noted":        ruleNoted,
}

// ruleOrder is Rules as defined here, safe from changes callers make to
// Rules.
var ruleOrder = slices.Clone(Rules)

// ruleList holds the function of each rule of ruleOrder.
var ruleList = func() []ruleFunc {
	l := make([]ruleFunc, len(ruleOrder))
	for i, ru := range ruleOrder {
		l[i] = ruleFuncs[ru.ID]
	}
	return l
}()

func ruleIndex(id string) int {
	for i, r := range ruleOrder {
		if r.ID == id {
			return i
		}
	}
	return len(ruleOrder)
}

// The tags of reasons, one for each way a rule words them (see
// env.reason).
const (
	_ uint64 = iota
	tagSumSpending
	tagSumBasic
	tagSumSangong
	tagPartWholeNone
	tagPartWholeSome
	tagGrade
	tagStaff
	tagUnitSumNone
	tagUnitSumSome
	tagNoOtherYears
	tagNoCommonAmount
	tagYearOnYear
	tagNoAmount
	tagNoted
	tagNoTitle
	tagNoTitleYear
	tagNoOtherYearsProject
	// tagDerived is the tag of a sum's reason that figures of it are
	// derived; the sum's own tag goes in the reason's bits (see sumRule).
	tagDerived
)

// missing returns, as a reason, each of the figures that is not disclosed
// or could not be read (see view.appendMissing), or "". tag says which
// figures ids are.
func (e *env) missing(v *view, tag uint64, ids ...figID) string {
	bits, ok := v.stateBits(ids)
	return e.reason(tag, bits, ok, func(b []byte) []byte { return v.appendMissing(b, ids...) })
}

// literal returns the reason s, which the tag stands for.
func (e *env) literal(tag uint64, s string) string {
	return e.reason(tag, 0, true, func(b []byte) []byte { return append(b, s...) })
}

// coreSet is a set of core figures and the wording of its disclosure
// findings.
type coreSet struct {
	figures []Figure
	ids     []figID
	// lead begins the message, naming the set, such as 核心数据11项中，.
	lead string
	// kind tells the sets apart in the interner's keys.
	kind byte
}

func newCoreSet(kind byte, figures []Figure, lead string) *coreSet {
	c := &coreSet{figures: slices.Clone(figures), lead: lead, kind: kind}
	for _, f := range c.figures {
		c.ids = append(c.ids, figIDOf(f.Key))
	}
	return c
}

// wholeCore and projectCore are CoreFigures and ProjectCoreFigures as
// defined here, safe from changes callers make to them.
var (
	wholeCore   = newCoreSet(0, CoreFigures, "核心数据"+itoa(len(CoreFigures))+"项中，")
	projectCore = newCoreSet(1, ProjectCoreFigures, func() string {
		names := make([]string, len(ProjectCoreFigures))
		for i, f := range ProjectCoreFigures {
			names[i] = f.Name
		}
		return "项目支出报告的核心数据" + itoa(len(names)) + "项（" + strings.Join(names, "、") + "）中，"
	}())
)

// coreSetOf returns the core figures of a report of the type, as
// CoreFiguresOf.
func coreSetOf(typ string) *coreSet {
	if typ == report.TypeProject {
		return projectCore
	}
	return wholeCore
}

// ruleDisclosure lists the core figures the report leaves out or that could
// not be read: those of its type (see CoreFiguresOf).
func ruleDisclosure(e *env, v *view) ([]Finding, bool, string) {
	set := coreSetOf(v.r.Type)
	// The finding's Keys and Message depend only on the set and the state
	// of each of its figures: with an interner, they are made once per
	// combination.
	var buf [32]byte
	n := len(set.ids)
	states := buf[:n+1]
	lacking := false
	for i, id := range set.ids {
		states[i] = byte(v.st[id])
		lacking = lacking || v.lacks(id)
	}
	states[n] = set.kind
	if !lacking {
		return nil, true, ""
	}
	var d disclosureText
	if e.in != nil {
		bits, ok := v.stateBits(set.ids)
		bits |= uint64(set.kind) << 60
		var found bool
		if d, found = e.in.disclosures[bits]; !found || !ok {
			d = e.in.disclosure.get(states, func() disclosureText { return disclosureFor(set, states[:n]) })
			if ok {
				e.in.disclosures[bits] = d
			}
		}
	} else {
		d = disclosureFor(set, states[:n])
	}
	return []Finding{{
		Pos:      v.pos(d.first),
		Severity: Info,
		Message:  d.message,
		Keys:     d.keys,
	}}, true, ""
}

// disclosureText is the Keys and Message of a disclosure finding, and the
// figure of its first key.
type disclosureText struct {
	keys    []string
	message string
	first   figID
}

// disclosureFor returns the disclosure finding's text for the states of
// the set's figures, one byte (a report.State) each, at least one of them
// not disclosed.
func disclosureFor(set *coreSet, states []byte) disclosureText {
	var absent, unreadable, keys []string
	first := -1
	for i, f := range set.figures {
		switch report.State(states[i]) {
		case report.NotDisclosed:
			absent = append(absent, f.Name)
		case report.Unreadable:
			unreadable = append(unreadable, f.Name)
		default:
			continue
		}
		keys = append(keys, f.Key)
		if first < 0 {
			first = i
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
		message: set.lead + strings.Join(parts, "；"),
		first:   set.ids[first],
	}
}

// sumDef is a total and the parts it should be the sum of.
type sumDef struct {
	rule  string // the id of the rule that checks the sum
	title string // the name of the sum, for unit.sum's reasons
	// ids are the total, then the parts.
	ids []figID
	// keys are the dotted names of ids: the Keys of the sum's findings,
	// shared by all of them.
	keys []string
	// partNames are the names of the parts joined as 甲、乙与丙.
	partNames string
	// tag is the tag of the reasons of the sum's rule.
	tag uint64
}

// newSum returns the sum of the title whose total is keys[0] and whose
// parts are the other keys.
func newSum(rule string, tag uint64, title string, keys ...string) sumDef {
	ids := figIDs(keys)
	names := make([]string, len(keys)-1)
	for i, id := range ids[1:] {
		names[i] = figNames[id]
	}
	return sumDef{rule: rule, title: title, ids: ids, keys: keys[:len(keys):len(keys)], partNames: joinNames(names), tag: tag}
}

func (s *sumDef) total() figID   { return s.ids[0] }
func (s *sumDef) parts() []figID { return s.ids[1:] }

var sums = []sumDef{
	newSum("sum.spending", tagSumSpending, "支出合计", "spending.total", "spending.basic", "spending.project"),
	newSum("sum.basic", tagSumBasic, "基本支出", "spending.basic", "spending.personnel", "spending.public"),
	newSum("sum.sangong", tagSumSangong, "三公经费合计", "sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles"),
}

// sumRule checks that the parts add up to the total, within 0.01 万元 per
// part for rounding.
func sumRule(s sumDef) ruleFunc {
	return func(e *env, v *view) ([]Finding, bool, string) {
		if !v.allDisclosed(s.ids) {
			return nil, false, e.missing(v, s.tag, s.ids...)
		}
		t := s.total()
		total := v.v[t]
		var sum report.Amount
		for _, p := range s.parts() {
			sum += v.v[p]
		}
		gap := abs(sum - total)
		rounding := gap <= wanTol*report.Amount(len(s.parts()))
		derived := v.derivedBits(s.ids)
		if derived != 0 && rounding {
			// A sum that figures were worked out to make says nothing
			// of the report. The tag of the sum, within the derived
			// tag's, and the bits of its derived figures.
			return nil, false, e.reason(tagDerived, s.tag<<48|derived, true, func(b []byte) []byte { return appendDerived(b, s.ids, derived) })
		}
		if gap == 0 {
			return nil, true, ""
		}
		b := e.msg[:0]
		for i, p := range s.parts() {
			if i > 0 {
				b = append(b, " + "...)
			}
			b = append(b, figNames[p]...)
			b = v.v[p].Append(b)
		}
		b = append(b, " = "...)
		b = sum.Append(b)
		b = append(b, "，与"...)
		b = append(b, figNames[t]...)
		b = total.Append(b)
		b = append(b, "相差"...)
		b = gap.Append(b)
		b = append(b, "万元"...)
		f := Finding{
			Pos:      v.pos(t),
			Severity: Discrepancy,
			Keys:     s.keys,
			Gap:      gap,
			Share:    share(gap, total),
		}
		if rounding {
			f.Severity = Rounding
			b = append(b, "，属尾差（取整时每个分项最多差0.01万元）"...)
		} else if total != 0 {
			b = append(b, "（占"...)
			b = append(b, figNames[t]...)
			b = append(b, "的"...)
			b = appendPercent(b, f.Share)
			b = append(b, "）"...)
		}
		if derived != 0 {
			// Figures worked out from the others that do not add up
			// with them: the working out, or the report, is wrong.
			b = append(b, "；其中"...)
			b = appendDerivedNames(b, s.ids, derived)
			b = append(b, "不是报告给出的数字，是整理者推算的，请核对推算是否有误"...)
		}
		f.Message = string(b)
		e.msg = b
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

// partWholeIDs are the parts of partWholes, then the wholes that are not
// parts, each once.
var partWholeIDs = func() []figID {
	var all []figID
	for _, pw := range partWholes {
		all = append(all, pw.part)
	}
	for _, pw := range partWholes {
		for _, w := range pw.wholes {
			if !slices.Contains(all, w) {
				all = append(all, w)
			}
		}
	}
	return all
}()

// partWhole is a part and its wholes, nearest first.
type partWhole struct {
	part   figID
	wholes []figID
	// keys[i] is the part and wholes[i]: the Keys of a finding against
	// that whole, shared by all of them.
	keys [][]string
}

func newPartWhole(part string, wholes ...string) partWhole {
	pw := partWhole{part: figIDOf(part), wholes: figIDs(wholes)}
	for _, w := range wholes {
		pw.keys = append(pw.keys, []string{part, w})
	}
	return pw
}

// rulePartWhole checks that no disclosed part is larger than its whole,
// whatever the other parts.
func rulePartWhole(e *env, v *view) ([]Finding, bool, string) {
	var fs []Finding
	var unchecked uint64 // a bit for each of partWholes
	checked := false
	for pi, pw := range partWholes {
		p := pw.part
		whole, found, skipped := figID(0), -1, 0
		for i, w := range pw.wholes {
			if v.st[w] == report.Disclosed {
				whole, found = w, i
				break
			}
			skipped = i + 1
		}
		if v.st[p] != report.Disclosed || found < 0 {
			unchecked |= 1 << pi
			continue
		}
		checked = true
		pv, wv := v.v[p], v.v[whole]
		if pv <= wv {
			continue
		}
		gap := pv - wv
		f := Finding{
			Pos:      v.pos(p),
			Severity: Discrepancy,
			Keys:     pw.keys[found],
			Gap:      gap,
			Share:    share(gap, wv),
		}
		b := append(e.msg[:0], figNames[p]...)
		b = pv.Append(b)
		b = append(b, "大于"...)
		b = append(b, figNames[whole]...)
		b = wv.Append(b)
		if skipped > 0 {
			b = append(b, "（"...)
			b = v.appendMissing(b, pw.wholes[:skipped]...)
			b = append(b, "）"...)
		}
		b = append(b, "，超出"...)
		b = gap.Append(b)
		b = append(b, "万元"...)
		if gap <= wanTol {
			f.Severity = Rounding
			b = append(b, "，属尾差"...)
		} else if wv != 0 {
			b = append(b, "（占"...)
			b = append(b, figNames[whole]...)
			b = append(b, "的"...)
			b = appendPercent(b, f.Share)
			b = append(b, "）"...)
		}
		f.Message = string(b)
		e.msg = b
		fs = append(fs, f)
	}
	if !checked {
		bits, ok := v.stateBits(partWholeIDs)
		return nil, false, e.reason(tagPartWholeNone, bits, ok, func(b []byte) []byte {
			b = append(b, "没有同时披露的分项与合计："...)
			return v.appendMissing(b, partWholeIDs...)
		})
	}
	if unchecked == 0 {
		return fs, true, ""
	}
	return fs, true, e.reason(tagPartWholeSome, unchecked, true, func(b []byte) []byte {
		b = append(b, "已核对的各项相符；未能核对："...)
		first := true
		for pi, pw := range partWholes {
			if unchecked&(1<<pi) == 0 {
				continue
			}
			if !first {
				b = append(b, "、"...)
			}
			first = false
			b = append(b, figNames[pw.part]...)
		}
		return append(b, "（分项或合计未披露或无法识别）"...)
	})
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
func ruleGrade(e *env, v *view) ([]Finding, bool, string) {
	s, g := &v.r.Score, &v.r.Grade
	b := e.msg[:0]
	var f Finding
	switch {
	case s.State == report.Disclosed && g.State == report.Disclosed:
		want := gradeFor(s.V)
		if want == g.V {
			return nil, true, ""
		}
		b = append(b, "评价等级为"...)
		b = append(b, g.V...)
		b = append(b, "，但自评得分"...)
		b = appendScore(b, s.V)
		b = append(b, "分按标准应为"...)
		b = append(b, want...)
		b = append(b, "（"+gradeBands+"）"...)
		f = Finding{Pos: v.pos(gradeFig), Severity: Discrepancy, Keys: gradeKeys}
	case s.State == report.Disclosed && g.State == report.NotDisclosed:
		b = append(b, "自评得分"...)
		b = appendScore(b, s.V)
		b = append(b, "分，但未给出评价等级（按标准应为"...)
		b = append(b, gradeFor(s.V)...)
		b = append(b, "）"...)
		f = Finding{Pos: v.pos(scoreFig), Severity: Warning, Keys: scoreKeys}
	case g.State == report.Disclosed && s.State == report.NotDisclosed:
		b = append(b, "评价等级为"...)
		b = append(b, g.V...)
		b = append(b, "，但未披露自评得分"...)
		f = Finding{Pos: v.pos(gradeFig), Severity: Warning, Keys: gradeKeys}
	default:
		return nil, false, e.missing(v, tagGrade, scoreFig, gradeFig)
	}
	f.Message = string(b)
	e.msg = b
	return []Finding{f}, true, ""
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
func ruleStaff(e *env, v *view) ([]Finding, bool, string) {
	if v.lacks(staffAuthorized) || v.lacks(staffActual) {
		return nil, false, e.missing(v, tagStaff, staffAuthorized, staffActual)
	}
	auth, act := v.r.Staff.Authorized.V, v.r.Staff.Actual.V
	if act <= auth {
		return nil, true, ""
	}
	over := act - auth
	b := append(e.msg[:0], "实有人数"...)
	b = appendInt(b, act)
	b = append(b, "人，超过编制人数"...)
	b = appendInt(b, auth)
	b = append(b, "人（超编"...)
	b = appendInt(b, over)
	b = append(b, "人）"...)
	f := Finding{
		Pos:      v.pos(staffActual),
		Severity: Warning,
		Keys:     staffKeys,
		Message:  string(b),
	}
	e.msg = b
	if auth > 0 {
		f.Share = float64(over) / float64(auth)
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
func ruleUnitSum(e *env, v *view) ([]Finding, bool, string) {
	var fs []Finding
	var lacking uint64 // a bit for each of sums
	checked := false
	for si := range sums {
		s := &sums[si]
		if !v.allDisclosed(s.ids) {
			lacking |= 1 << si
			continue
		}
		checked = true
		t := s.total()
		total := v.v[t]
		var sum report.Amount
		for _, p := range s.parts() {
			sum += v.v[p]
		}
		tol := wanTol * report.Amount(len(s.parts()))
		var factor float64
		var fac int64
		var exact bool
		if f, ok := exactFactor(total, sum, tol); ok {
			fac, factor = f, float64(f)
			exact = total == sum*report.Amount(f)
		} else if f, ok := exactFactor(sum, total, tol); ok {
			fac, factor = f, 1/float64(f)
			exact = sum == total*report.Amount(f)
		} else {
			continue
		}
		b := append(e.msg[:0], figNames[t]...)
		b = total.Append(b)
		b = append(b, verb(exact)...)
		b = append(b, s.partNames...)
		b = append(b, "之和"...)
		b = sum.Append(b)
		if factor >= 1 {
			b = append(b, "的"...)
			b = appendInt(b, int(fac))
			b = append(b, "倍"...)
		} else {
			b = append(b, "的1/"...)
			b = appendInt(b, int(fac))
		}
		b = append(b, "，疑为单位错误"...)
		b = append(b, unitHint(fac)...)
		gap := abs(total - sum)
		fs = append(fs, Finding{
			Pos:      v.pos(t),
			Severity: Warning,
			Keys:     s.keys,
			Message:  string(b),
			Gap:      gap,
			Share:    share(gap, total),
			Factor:   factor,
		})
		e.msg = b
	}
	titles := func() []string {
		var ts []string
		for si := range sums {
			if lacking&(1<<si) != 0 {
				ts = append(ts, sums[si].title)
			}
		}
		return ts
	}
	if !checked {
		return nil, false, e.reason(tagUnitSumNone, lacking, true, func(b []byte) []byte {
			return append(append(b, joinNames(titles())...), "的分项不全"...)
		})
	}
	if lacking == 0 {
		return fs, true, ""
	}
	return fs, true, e.reason(tagUnitSumSome, lacking, true, func(b []byte) []byte {
		b = append(b, "已核对的各项相符；未能核对："...)
		b = append(b, strings.Join(titles(), "、")...)
		return append(b, "（分项不全）"...)
	})
}

func verb(exact bool) string {
	if exact {
		return "恰为"
	}
	return "约为"
}

// slipKeys are the amounts compared across years, and slipIDs their
// figIDs.
var (
	slipKeys = [...]string{
		"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
		"income",
		"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles",
	}
	slipIDs = figIDs(slipKeys[:])
)

// slipParts maps each total among slipIDs to its parts, as in sums.
var slipParts = func() map[figID][]figID {
	m := map[figID][]figID{}
	for _, s := range sums {
		m[s.total()] = s.parts()
	}
	return m
}()

// slipAmount returns the amount id of r as unit.years compares it: zero
// when it is not disclosed, not positive, or no larger than rounding can
// make it. An amount of at most 0.01 万元, or a total of at most 0.01
// 万元 per given part whose given parts are each at most 0.01 万元 (and
// so equal to it within rounding), may be a rounded zero: its ratio to
// another year's is no evidence of a unit slip, such as 三公经费合计 0.01
// of 0 + 0 + 0 against 10 in other years, which is no 1/1000.
func slipAmount(r *report.Report, id figID) report.Amount {
	m := moneyField(r, id)
	if !m.Known() || m.V <= wanTol {
		return 0
	}
	parts, ok := slipParts[id]
	if !ok {
		return m.V
	}
	given := 0
	for _, p := range parts {
		pm := moneyField(r, p)
		if !pm.Known() {
			continue
		}
		if abs(pm.V) > wanTol {
			return m.V
		}
		given++
	}
	if given > 0 && m.V <= wanTol*report.Amount(given) {
		return 0
	}
	return m.V
}

// numSlips is the number of slipKeys.
const numSlips = len(slipKeys)

// slipTolerance is how far, as a ratio either way, a figure may be from
// exactly 10^k times another year's and still count as a likely slip: a
// figure 6.7 to 15 times another year's counts as 10 times.
const slipTolerance = 1.5

// logSlipTolerance is math.Log10(slipTolerance).
var logSlipTolerance = math.Log10(slipTolerance)

// nearPower returns k (±1 to ±4) when a/b is within slipTolerance of
// 10^k, and 0 otherwise.
func nearPower(a, b report.Amount) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	// Most figures are within a factor of 2 of the other years': log10
	// of their ratio is then well within ±0.5, which rounds to 0.
	if a <= math.MaxInt64/2 && b <= math.MaxInt64/2 && a <= 2*b && b <= 2*a {
		return 0
	}
	x := float64(a) / float64(b)
	l := math.Log10(x)
	k := math.Round(l)
	if k == 0 || math.Abs(k) > 4 || math.Abs(l-k) > logSlipTolerance {
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

// slipPowers are the powers of ten ruleUnitYears looks for, in order.
var slipPowers = [...]int{1, 2, 3, 4, -1, -2, -3, -4}

// noCommonAmount is the reason unit.years gives when no amount can be
// compared.
const noCommonAmount = "与其他年度的报告没有同时披露且不为零的金额（不超过尾差的视同为零）"

// ruleUnitYears flags an amount about 10, 100, 1000 or 10000 times (or that
// fraction of) the same figure in most of the other years of the same
// county, department and type.
func ruleUnitYears(e *env, v *view) ([]Finding, bool, string) {
	year := v.r.Year
	others := 0
	for _, y := range e.years[v.lo:v.hi] {
		if y != year {
			others++
		}
	}
	if others == 0 {
		if v.r.Project != "" {
			return nil, false, e.literal(tagNoOtherYearsProject, "没有同县同部门同一项目其他年度的报告")
		}
		return nil, false, e.literal(tagNoOtherYears, "没有同县同部门同类型其他年度的报告")
	}
	var fs []Finding
	checked := false
	for ki, id := range slipIDs {
		a := slipAmount(v.r, id)
		if a == 0 {
			continue
		}
		k, refs := e.yearsPower(v, ki, a)
		if refs == 0 {
			continue
		}
		checked = true
		if k != 0 {
			fs = append(fs, e.unitYearsFinding(v, ki, k))
		}
	}
	if !checked {
		return nil, false, e.literal(tagNoCommonAmount, noCommonAmount)
	}
	return fs, true, ""
}

// yearsPower returns k when the amount a of slipIDs[ki] of v is about
// 10^k times (k from ±1 to ±4) the same figure in most of the other
// years of v's series that have it, and 0 otherwise; refs is how many
// other years have it.
func (e *env) yearsPower(v *view, ki int, a report.Amount) (k, refs int) {
	year := v.r.Year
	// byPower[k+4] counts the other years whose figure a is about 10^k
	// times, of refs with the figure.
	var byPower [9]int
	near := 0
	for j := v.lo; j < v.hi; j++ {
		if ref := e.slips[j][ki]; ref > 0 && e.years[j] != year {
			refs++
			if k := nearPower(a, ref); k != 0 {
				byPower[k+4]++
				near++
			}
		}
	}
	if 2*near <= refs {
		return 0, refs // no power can be that of most years
	}
	for _, k := range slipPowers {
		if 2*byPower[k+4] > refs {
			return k, refs
		}
	}
	return 0, refs
}

// unitYearsFinding returns the finding of unit.years on the amount
// slipIDs[ki] of v, which is about 10^k times most other years'.
func (e *env) unitYearsFinding(v *view, ki, k int) Finding {
	id := slipIDs[ki]
	a := v.v[id]
	n := pow10(max(k, -k))
	// The years, then the message, which puts them after a word that
	// depends on all of them.
	b := e.msg[:0]
	exact := true
	for j := v.lo; j < v.hi; j++ {
		ref := e.slips[j][ki]
		if ref <= 0 || e.years[j] == v.r.Year || nearPower(a, ref) != k {
			continue
		}
		if len(b) > 0 {
			b = append(b, "、"...)
		}
		b = appendYear(b, e.years[j])
		b = append(b, "（"...)
		b = ref.Append(b)
		b = append(b, "）"...)
		big, small := a, ref
		if k < 0 {
			big, small = small, big
		}
		if big != small*report.Amount(n) {
			exact = false
		}
	}
	years := len(b)
	b = append(b, figNames[id]...)
	b = a.Append(b)
	if exact {
		b = append(b, "是"...)
	} else {
		b = append(b, "约为"...)
	}
	b = append(b, "同县同部门"...)
	if v.r.Project != "" {
		// A project's report is compared with the same project's only.
		b = append(b, "同项目"...)
	}
	b = append(b, b[:years]...)
	factor := float64(n)
	if k < 0 {
		b = append(b, "的1/"...)
		b = appendInt(b, int(n))
		factor = 1 / float64(n)
	} else {
		b = append(b, "的"...)
		b = appendInt(b, int(n))
		b = append(b, "倍"...)
	}
	b = append(b, "，疑为单位错误"...)
	b = append(b, unitHint(n)...)
	e.msg = b
	return Finding{
		Pos:      v.pos(id),
		Severity: Warning,
		Keys:     slipKeys[ki : ki+1 : ki+1],
		Message:  string(b[years:]),
		Factor:   factor,
	}
}

// The sizes no county-level department reaches, which unit.size holds
// amounts to. An amount typed in 元 under unit 万元 is 10000 times too
// large, so the limits can sit far above any real department and still
// catch nearly every such slip.
//
//   - Spending and income: 500亿元. The largest county-level budget,
//     Shanghai's 浦东新区, is on the order of 1000亿元 a year in all, and
//     its education bureau (schools included) perhaps 150亿 to 200亿元
//     (estimates, not checked against its published budgets); a typical
//     county department spends 300万 to 3亿元. A limit of 100亿元 could
//     be within reach of a few such district bureaus.
//   - 三公经费 total and each item: 1亿元. A county department's 三公经费
//     are mostly below 100万元, and a whole large district's together
//     about 1亿元.
//   - Spending and income per member of staff (the larger of 编制人数
//     and 实有人数): 5亿元. A bureau that counts only its own staff
//     while spending for all its schools or roads may reach a few
//     thousand 万元 per head, 2亿元 at the very most (200亿元 over 100
//     people); in 元, its personnel costs alone, some 10万元 a head, would
//     show as 10亿元 a head.
//
// The synthetic corpus's normal figures stay well below all three (at
// most about 14亿元, 1800万元 of 三公经费 and 3300万元 a head), and its
// project figures typed in 元 are all above one of them.
const (
	sizeMaxAmount  report.Amount = 5_000_000 * report.FenPerWan
	sizeMaxSangong report.Amount = 10_000 * report.FenPerWan
	sizeMaxPerHead report.Amount = 50_000 * report.FenPerWan
)

// The sizes every county-level department reaches, below which unit.size
// holds a department's whole spending (支出合计 of a report other than a
// 项目支出 one, whose project may be small) to be typed in 万元 under
// unit 元 (10000 times too small): 10万元 in all, and 1万元 per member of
// staff. A department of three people spends more than 50万元 a year on
// their pay alone.
const (
	sizeMinTotal   report.Amount = 10 * report.FenPerWan
	sizeMinPerHead report.Amount = 1 * report.FenPerWan
)

// sizeMaxStaff is the number of staff no county-level department
// reaches, which unit.size holds 编制人数 and 实有人数 to: the largest
// county education bureaus, their schools' teachers counted, have some
// tens of thousands. A count above it is a slip (an amount typed as the
// count, say), and is left out of the amounts per head.
const sizeMaxStaff = 100_000

// yuanPer is the number of 元 in each unit a report may declare, other
// than 元: an amount typed in 元 under that unit is this many times too
// large.
var yuanPer = map[string]int64{"万元": 10000, "千元": 1000}

// ruleUnitSize flags an amount larger than any county department's (see
// sizeMaxAmount), as likely typed in 元 under unit 万元, unless
// unit.years flags it already.
func ruleUnitSize(e *env, v *view) ([]Finding, bool, string) {
	// staff is the larger of the two numbers of staff, and staffID the
	// figure it is.
	staff, staffID, fewest, fewestID := staffCounts(v.r)
	var fs []Finding
	checked := false
	for ki, id := range slipIDs {
		if v.st[id] != report.Disclosed {
			continue
		}
		checked = true
		a := v.v[id]
		var perHead bool
		switch {
		case id >= sangongTotal: // the 三公 figures among slipIDs
			if a <= sizeMaxSangong {
				continue
			}
		case a > sizeMaxAmount:
		case staff > 0 && a/report.Amount(staff) > sizeMaxPerHead:
			perHead = true
		default:
			continue
		}
		if k, _ := e.yearsPower(v, ki, a); k != 0 {
			continue // unit.years says so
		}
		b := append(e.msg[:0], figNames[id]...)
		b = a.Append(b)
		b = append(b, "万元"...)
		if perHead {
			b = appendPerHead(b, staffID, staff, a.Wan()/float64(staff), "万元")
		} else {
			// In 亿元, to 0.01.
			const fenPerCentYi = 100 * report.FenPerWan
			b = append(b, "（"...)
			b = ((a + fenPerCentYi/2) / fenPerCentYi * fenPerCentYi / 10000).Append(b)
			b = append(b, "亿元）"...)
		}
		b = append(b, "，远超县级部门的规模，"...)
		f := Finding{Pos: v.pos(id), Severity: Warning, Keys: slipKeys[ki : ki+1 : ki+1]}
		if n := yuanPer[v.r.Unit]; n > 0 {
			b = append(b, "疑为按元填写（即"...)
			b = (a / report.Amount(n)).Append(b)
			b = append(b, "万元）；如整份报告均按元填写，请改为 unit: 元"...)
			f.Factor = float64(n)
		} else {
			b = append(b, "疑为单位或数字错误"...)
		}
		f.Message = string(b)
		e.msg = b
		fs = append(fs, f)
	}
	for _, c := range [...]struct {
		n   report.Field[int]
		id  figID
		key []string
	}{{v.r.Staff.Authorized, staffAuthorized, staffKeys[1:2:2]}, {v.r.Staff.Actual, staffActual, staffKeys[0:1:1]}} {
		if v.st[c.id] != report.Disclosed || c.n.V <= sizeMaxStaff {
			continue
		}
		b := append(e.msg[:0], figNames[c.id]...)
		b = appendInt(b, c.n.V)
		b = append(b, "人，远超县级部门的规模，疑为数字错误"...)
		fs = append(fs, Finding{Pos: v.pos(c.id), Severity: Warning, Keys: c.key, Message: string(b)})
		e.msg = b
	}
	if !checked {
		if len(fs) > 0 {
			return fs, true, "" // a count, though no amount
		}
		return nil, false, e.literal(tagNoAmount, "支出、收入与三公经费均未披露或无法识别")
	}
	if f, ok := e.tooSmall(v, fewest, fewestID); ok {
		fs = append(fs, f)
	}
	return fs, true, ""
}

// staffCounts returns the larger of r's numbers of staff given (编制人数,
// 实有人数) and the figure it is, which the limits above an amount per
// head are held to, and the smaller and its figure, which the limit below
// is: when the two differ, as when one has a digit too many (1700 for 17
// beside 25 on the establishment, which staff.actual says), an amount
// per head is in doubt, and neither limit is to blame the amount for the
// count. A count of 0 is not given, nor is one above sizeMaxStaff, which
// unit.size flags itself; both are 0 when none is.
func staffCounts(r *report.Report) (most int, mostID figID, fewest int, fewestID figID) {
	for _, c := range [...]struct {
		n  report.Field[int]
		id figID
	}{{r.Staff.Authorized, staffAuthorized}, {r.Staff.Actual, staffActual}} {
		if !c.n.Known() || c.n.V <= 0 || c.n.V > sizeMaxStaff {
			continue
		}
		if c.n.V > most {
			most, mostID = c.n.V, c.id
		}
		if fewest == 0 || c.n.V < fewest {
			fewest, fewestID = c.n.V, c.id
		}
	}
	return most, mostID, fewest, fewestID
}

// appendPerHead appends "，按编制人数25人计人均61元": an amount per head,
// perHead in unit, over staff, the figure staffID.
func appendPerHead(b []byte, staffID figID, staff int, perHead float64, unit string) []byte {
	b = append(b, "，按"...)
	b = append(b, figNames[staffID]...)
	b = appendInt(b, staff)
	b = append(b, "人计人均"...)
	b = strconv.AppendFloat(b, math.Round(perHead), 'f', 0, 64)
	return append(b, unit...)
}

// belowSize reports whether a, the 支出合计 of a report of type typ whose
// smaller number of staff is staff (see staffCounts), is smaller than any county
// department's (see sizeMinTotal), and whether it is so per head: never
// for a 项目支出 report, whose project may be small, or for nothing.
func belowSize(typ string, a report.Amount, staff int) (below, perHead bool) {
	if typ == report.TypeProject || a <= 0 {
		return false, false
	}
	perHead = staff > 0 && a < sizeMinPerHead*report.Amount(staff)
	return perHead || a < sizeMinTotal, perHead
}

// tooSmall returns unit.size's finding of a department's 支出合计 smaller
// than any county department's (see sizeMinTotal), as likely typed in 万元
// under unit 元, unless unit.years flags it already; staff is the smaller
// of its numbers of staff, the figure staffID (see staffCounts).
func (e *env) tooSmall(v *view, staff int, staffID figID) (Finding, bool) {
	const ki = 0 // spending.total among slipKeys
	a := v.v[spendingTotal]
	if v.st[spendingTotal] != report.Disclosed {
		return Finding{}, false
	}
	small, perHead := belowSize(v.r.Type, a, staff)
	if !small {
		return Finding{}, false
	}
	if k, _ := e.yearsPower(v, ki, a); k != 0 {
		return Finding{}, false // unit.years says so
	}
	b := append(e.msg[:0], figNames[spendingTotal]...)
	b = a.Append(b)
	b = append(b, "万元"...)
	if perHead {
		b = appendPerHead(b, staffID, staff, a.Wan()/float64(staff)*10000, "元")
	}
	b = append(b, "，远低于县级部门的规模，"...)
	f := Finding{Pos: v.pos(spendingTotal), Severity: Warning, Keys: slipKeys[ki : ki+1 : ki+1]}
	if v.r.Unit == "元" {
		b = append(b, "疑为按万元填写而单位写成了元（即"...)
		b = (a * 10000).Append(b)
		b = append(b, "万元）；如整份报告均按万元填写，请把第"...)
		b = appendInt(b, v.r.KeyPos("unit").Line)
		b = append(b, "行改为 unit: 万元"...)
		f.Factor = 1.0 / 10000
	} else {
		b = append(b, "疑为单位或数字错误"...)
	}
	f.Message = string(b)
	e.msg = b
	return f, true
}

// ruleYearOnYear compares the stated change of 三公经费 with the difference
// of this year's and last year's 三公 totals.
func ruleYearOnYear(e *env, v *view) ([]Finding, bool, string) {
	prevYear := v.r.Year - 1
	var prev *report.Report
	for j := v.lo; j < v.hi; j++ {
		if e.years[j] == prevYear {
			prev = e.members[j]
			break
		}
	}
	why := 0 // an index into yearOnYearWhy
	switch {
	case prev == nil:
		why = 1
	case prev.Sangong.Total.State == report.NotDisclosed && NotApplicable(prev.Type, "sangong.total"):
		why = 4
	case prev.Sangong.Total.State == report.NotDisclosed:
		why = 2
	case prev.Sangong.Total.State == report.Unreadable:
		why = 3
	}
	if why != 0 || v.lacks(sangongChange) || v.lacks(sangongTotal) {
		bits, ok := v.stateBits(yearOnYearIDs)
		bits |= uint64(why)<<4 | uint64(uint32(prevYear))<<8
		ok = ok && int(int32(prevYear)) == prevYear
		return nil, false, e.reason(tagYearOnYear, bits, ok, func(b []byte) []byte {
			b = v.appendMissing(b, yearOnYearIDs...)
			if why != 0 {
				if len(b) > 0 {
					b = append(b, "，"...)
				}
				w := yearOnYearWhy[why]
				i := strings.IndexByte(w, '%')
				b = append(b, w[:i]...)
				b = appendYear(b, prevYear)
				b = append(b, w[i+1:]...)
			}
			return b
		})
	}
	change, total := v.v[sangongChange], v.v[sangongTotal]
	last := prev.Sangong.Total.V
	computed := total - last
	gap := abs(change - computed)
	if gap == 0 {
		return nil, true, ""
	}
	tol := 2 * wanTol
	f := Finding{
		Pos:      v.pos(sangongChange),
		Severity: Discrepancy,
		Keys:     changeKeys,
		Gap:      gap,
		Share:    share(gap, total),
	}
	b := append(e.msg[:0], "三公经费同比增减记为"...)
	b = change.Append(b)
	b = append(b, "，而本年度合计"...)
	b = total.Append(b)
	b = append(b, " - "...)
	b = appendYear(b, v.r.Year-1)
	b = append(b, "合计"...)
	b = last.Append(b)
	b = append(b, " = "...)
	b = computed.Append(b)
	b = append(b, "，相差"...)
	b = gap.Append(b)
	b = append(b, "万元"...)
	switch {
	case gap <= tol:
		f.Severity = Rounding
		b = append(b, "，属尾差"...)
	default:
		if total != 0 {
			b = append(b, "（占本年度三公经费合计的"...)
			b = appendPercent(b, f.Share)
			b = append(b, "）"...)
		}
		if computed != 0 && abs(change+computed) <= tol {
			b = append(b, "，增减方向似乎记反了"...)
		}
	}
	f.Message = string(b)
	e.msg = b
	return []Finding{f}, true, ""
}

// yearOnYearIDs are the figures yoy.sangong needs of the report.
var yearOnYearIDs = []figID{sangongChange, sangongTotal}

// yearOnYearWhy are the reasons about the previous year, % standing for
// it, such as 2020年度.
var yearOnYearWhy = [...]string{
	1: "没有上一年度（%）同县同部门同类型的报告",
	2: "上一年度（%）三公经费合计未披露",
	3: "上一年度（%）三公经费合计无法识别",
	4: "上一年度（%）三公经费合计不适用",
}

// appendYear appends the year as in 2020年度.
func appendYear(b []byte, year int) []byte {
	return append(appendInt(b, year), "年度"...)
}

// ruleNoted publishes the inconsistencies a person recorded in the
// report's discrepancies, each as a discrepancy at its place in the file:
// the site cannot check the report's prose, only the figures taken from
// it. A report with none recorded is not checked, since no one can tell
// whether its prose was read.
func ruleNoted(e *env, v *view) ([]Finding, bool, string) {
	notes := v.r.Discrepancies
	if len(notes) == 0 {
		return nil, false, e.literal(tagNoted, "没有记录报告正文中的其他不一致")
	}
	fs := make([]Finding, len(notes))
	for i, n := range notes {
		sev, text := notedSeverity(n.Text)
		fs[i] = Finding{Pos: n.Pos, Severity: sev, Message: text, Keys: notedKeys(v.r, text)}
	}
	return fs, true, ""
}

// notedSeverity returns the severity of a note of discrepancies and its
// text: a note may begin with the label of a lesser severity and a colon,
// "疑点：" (worth a look, not proven, such as a formula garbled in the
// text) or "尾差：" (a gap of rounding), which is taken off its text; a
// note without one, or with "不一致：", is a discrepancy.
func notedSeverity(text string) (Severity, string) {
	for _, s := range [...]Severity{Rounding, Warning, Discrepancy} {
		label := s.Label()
		if !strings.HasPrefix(text, label) {
			continue
		}
		rest := text[len(label):]
		for _, colon := range [...]string{"：", ":"} {
			if after, ok := strings.CutPrefix(rest, colon); ok {
				if after = strings.TrimLeft(after, " "); after != "" {
					return s, after
				}
			}
		}
	}
	return Discrepancy, text
}

// yearTitleKeys are the Keys of the findings of year.title.
var yearTitleKeys = []string{"year", "title"}

// ruleYearTitle checks that the year a report's title names is the year
// it is filed under: a file copied from last year's and given the new
// title but not the new year (or the other way round) is otherwise
// published under the wrong year. It checks only a title with exactly
// one run of four digits (2023, ２０２３, or in Chinese numerals as
// 二〇二三 or 二零二三), followed by 年 (as in 2023年 or 2023年度): a
// title that names two years, or a year without 年, is not read.
func ruleYearTitle(e *env, v *view) ([]Finding, bool, string) {
	// A report without a title: key is given one made from its year.
	title := v.r.Title
	if _, given := v.r.Keys.Lookup("title"); !given && v.r.Keys != nil || title == "" {
		return nil, false, e.literal(tagNoTitle, "未填写标题")
	}
	year, ok := titleYear(title)
	if !ok {
		return nil, false, e.literal(tagNoTitleYear, "标题中没有唯一一个后接“年”或“年度”的四位数年份")
	}
	if year == v.r.Year {
		return nil, true, ""
	}
	b := append(e.msg[:0], "标题写的是"...)
	b = appendInt(b, year)
	b = append(b, "年，但报告登记的年度为"...)
	b = appendInt(b, v.r.Year)
	b = append(b, "年，二者不一致"...)
	e.msg = b
	// At the year, which places the report on the site.
	return []Finding{{Pos: v.r.KeyPos("year"), Severity: Warning, Message: string(b), Keys: yearTitleKeys}}, true, ""
}

// titleYear returns the year a title names: the only run of exactly four
// digits in it, when 年 follows it. Digits are half- or full-width, or
// Chinese numerals as titles write years (二〇二三, 二零二三, 二○二三,
// and 二O二三 with the letter O typed for 〇), which may be mixed with
// half- or full-width ones (二0二三).
func titleYear(title string) (year int, ok bool) {
	runs := 0
	rs := []rune(title)
	for i := 0; i < len(rs); {
		if yearDigit(rs, i) < 0 {
			i++
			continue
		}
		j, n := i, 0
		for ; j < len(rs) && yearDigit(rs, j) >= 0; j++ {
			n = n*10 + yearDigit(rs, j)
		}
		if j-i == 4 {
			runs++
			year, ok = n, j < len(rs) && rs[j] == '年'
		}
		i = j
	}
	return year, ok && runs == 1
}

// yearDigit returns the value of rs[i] as a digit of a year (see
// titleYear), or -1. The letter O (or Ｏ) is 0 only next to a Chinese
// numeral, up to two more O's between them (二OO八), so that a word such
// as ISO before 2023年 does not join the year.
func yearDigit(rs []rune, i int) int {
	if d := digit(rs[i]); d >= 0 {
		return d
	}
	if d := chineseDigit(rs[i]); d >= 0 {
		return d
	}
	if !letterO(rs[i]) {
		return -1
	}
	for _, step := range [...]int{-1, 1} {
		for j, n := i+step, 0; j >= 0 && j < len(rs) && n < 3; j, n = j+step, n+1 {
			if chineseDigit(rs[j]) >= 0 {
				return 0
			}
			if !letterO(rs[j]) {
				break
			}
		}
	}
	return -1
}

// letterO reports whether r is the letter O, half- or full-width, which
// some write for 〇.
func letterO(r rune) bool { return r == 'O' || r == 'Ｏ' }

// chineseDigit returns the value of r as a Chinese numeral of a year
// written digit by digit (〇 or 零, and ○, for 0; 一 to 九), or -1.
func chineseDigit(r rune) int {
	switch r {
	case '〇', '零', '○':
		return 0
	}
	if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
		return i/len("一") + 1
	}
	return -1
}

// digit returns the value of the half- or full-width digit r, or -1.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '０' && r <= '９':
		return int(r - '０')
	}
	return -1
}
