package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// MaxText is the most text Extract reads, in bytes; the rest is ignored.
const MaxText = 2 << 20

type extractor struct {
	d *Draft
	// raw is the text as the report gives it, and src its index, made
	// when first needed (see source).
	raw    string
	src    *sourceText
	paras  []para
	sents  []sentence
	header map[int]bool
	ments  []*mention
	formC  map[string][]cand // candidates read from forms, by figure key
	// otherEv holds, by figure key, a sentence whose figure was left out
	// as another year's, and otherKeys its keys in order.
	otherEv   map[string]string
	otherKeys []string
	years     map[string][]yearMarker // the markers of a year of each sentence asked about
	// unfilled holds notes that a figure could not be read from one
	// place, given only when it was not read from another (see
	// noteUnfilled).
	unfilled []unfilledNote
}

type unfilledNote struct{ key, text string }

// noteUnfilled adds a note that says a figure was not filled in from one
// table or form, once the figures are decided, and only when the figure
// is still left out: a note must not say 未填写 of a figure that another
// table or sentence filled in.
func (x *extractor) noteUnfilled(key, format string, args ...any) {
	x.unfilled = append(x.unfilled, unfilledNote{key, fmt.Sprintf(format, args...)})
}

// Extract reads a report's text (as a Doc holds it) and returns a draft
// with every figure it is sure of. name is the input's name, kept in the
// draft. Extract never fails: what it cannot read is left out and noted in
// the draft's Review list.
func Extract(name, text string) *Draft {
	if len(text) > MaxText {
		text = text[:MaxText]
	}
	d := &Draft{Name: name}
	x := &extractor{d: d, raw: strings.ToValidUTF8(text, "\uFFFD")}
	x.paras = paragraphs(clean(x.raw))
	if at, title := anotherReport(x.paras); at > 0 {
		d.note("文件中还有另一份报告（%s），没有读取，其中的数也没有填入；请把它另行导入", quote(title))
		x.paras = x.paras[:at]
	}
	x.sents = sentences(x.paras, 0)
	x.readHeader()
	if x.d.Year.OK {
		// Tables whose columns are years are read once the year is known.
		x.sents = sentences(x.paras, x.d.Year.V)
	}
	x.noteTwoYears()
	x.findMentions()
	x.form()
	x.spending()
	x.income()
	x.sangong()
	x.scoreAndGrade()
	x.staff()
	x.noteUnitlessTables()
	x.published()
	x.checks()
	// Evidence is published as the report's own words; the cleaned text
	// is for reading figures.
	for _, ev := range d.evidence() {
		if *ev != "" {
			*ev = clip(x.source(*ev))
		}
	}
	d.Body = markdownBody(x.paras, x.header)
	return d
}

// source returns the words of the report that s, text of the cleaned
// report, was read from (see sourceText.find).
func (x *extractor) source(s string) string {
	if x.src == nil {
		x.src = newSourceText(x.raw)
	}
	return x.src.find(s)
}

// ---- amounts ----

var amountRE = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(亿元|万元|千元|元|万)`)

// unitLabelRE finds an amount whose unit comes before it: 支出总额(万元):947.59.
var unitLabelRE = regexp.MustCompile(`\((万元|元|千元)\)[:为]?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`)

var unitScale = map[string]int{"元": 2, "千元": 5, "万元": 6, "万": 6, "亿元": 10}

// toFen converts a decimal number in a unit to fen exactly; ok is false
// when it has more decimals than a fen can hold.
func toFen(num, unit string) (int64, bool) {
	scale, ok := unitScale[unit]
	if !ok {
		return 0, false
	}
	num = strings.ReplaceAll(num, ",", "")
	neg := strings.HasPrefix(num, "-")
	num = strings.TrimPrefix(num, "-")
	ip, frac, _ := strings.Cut(num, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > scale {
		return 0, false
	}
	frac += strings.Repeat("0", scale-len(frac))
	ip = strings.TrimLeft(ip, "0")
	if len(ip)+scale > 17 {
		return 0, false
	}
	v, err := strconv.ParseInt(ip+frac, 10, 64)
	if err != nil {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}

// mention is an amount of money in a sentence, with its label.
type mention struct {
	s      *sentence
	si     int
	pos    int // byte offset of the number in s.m
	end    int // byte offset after the unit
	fen    int64
	label  string // the label, with an inherited subject for bare qualifiers
	child  bool   // a sub-item: after 其中 in its sentence
	budget bool   // a budget figure, or a sub-item of one
	approx bool
	share  bool // followed by 占 …%: a part of something
	other  bool // another year's figure (see otherYearAt)
	// yearAfter is the year written in brackets right after the figure
	// (13.7万元(2022年)), or 0.
	yearAfter int
}

const boundaries = ",;:、。!?"

var (
	shareRE      = regexp.MustCompile(`^[,(]?占`)
	thresholdRE  = regexp.MustCompile(`^(?:以上|以下|以内|左右|多|余|/)`)
	sentYearRE   = regexp.MustCompile(`((?:19|20)\d\d)年度?`)
	wanFollowsRE = regexp.MustCompile(`^(?:[,;。、)]|$)`)
	// yearAfterRE finds the year of a figure written after it, in
	// brackets: 13.7万元(2022年).
	yearAfterRE = regexp.MustCompile(`^\(((?:19|20)\d\d)年度?\)`)
)

func (x *extractor) findMentions() {
	for si := range x.sents {
		s := &x.sents[si]
		m := s.m
		var hits []hit
		for _, loc := range amountRE.FindAllStringSubmatchIndex(m, -1) {
			hits = append(hits, hit{start: loc[0], end: loc[1], num: m[loc[2]:loc[3]], unit: m[loc[4]:loc[5]]})
		}
		for _, loc := range unitLabelRE.FindAllStringSubmatchIndex(m, -1) {
			hits = append(hits, hit{start: loc[4], end: loc[1], num: m[loc[4]:loc[5]], unit: m[loc[2]:loc[3]]})
		}
		hits = append(hits, capitalHits(m)...)
		slices.SortFunc(hits, func(a, b hit) int { return a.start - b.start })
		pairs := capitalPairs(m, hits)
		prevEnd := 0
		var prev *mention
		var parentBudget bool
		// The sentence read for a budget's list up to scanned.
		var inBudget budgetScope
		scanned := 0
		var names []string   // names before 分别 still to be given to figures
		var group []*mention // the figures of a 分别 list so far
		dropGroup := func() {
			// Fewer figures than names: none can be trusted.
			for _, g := range group {
				g.approx = true
			}
			names, group = nil, nil
		}
		for hi, h := range hits {
			if h.start < prevEnd {
				continue
			}
			if hi > 0 && pairs[hi-1] != 0 {
				// The other form of the amount before it: read once.
				prevEnd = h.end
				continue
			}
			if h.start > 0 {
				c, _ := utf8.DecodeLastRuneInString(m[:h.start])
				if isDigit(c) || c == '.' || c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') || c == '-' || c == '/' {
					continue
				}
			}
			after := m[h.end:]
			if thresholdRE.MatchString(after) {
				prevEnd = h.end
				continue
			}
			if h.unit == "万" && !wanFollowsRE.MatchString(after) {
				continue
			}
			fen, ok := toFen(h.num, h.unit)
			if !ok {
				prevEnd = h.end
				continue
			}
			// The label runs back to a clause boundary or the previous figure.
			lstart, lend := labelSpan(m, prevEnd, h.start)
			label, child, approx := cleanLabel(m[lstart:lend])
			if childScope(m[:h.start]) {
				child = true
			}
			sameGroup := prev != nil && !strings.ContainsAny(m[prev.end:h.start], ";。")
			switch {
			case len(names) > 0 && strings.Trim(m[prevEnd:h.start], "、和及与,") == "":
				// The next of the names before 分别.
				label, names = names[0], names[1:]
			case len(names) > 0:
				dropGroup()
			case strings.HasSuffix(label, "分别"):
				// The names may be listed with 、, which otherwise bounds a label.
				wide := prevEnd
				if i := strings.LastIndexAny(m[prevEnd:h.start], ",;:。!?"); i >= 0 {
					_, size := utf8.DecodeRuneInString(m[prevEnd+i:])
					wide = prevEnd + i + size
				}
				label, _, _ = cleanLabel(m[wide:h.start])
				if parts, ok := splitNames(strings.TrimSuffix(label, "分别")); ok && len(parts) > 1 {
					label, names = parts[0], parts[1:]
					group = []*mention{}
				} else {
					approx = true
				}
			case bareRE.MatchString(label) && sameGroup:
				label = inherit(prev.label, label)
			case label == "" && sameGroup && prev.yearAfter != 0 && yearAfterRE.MatchString(after):
				// 13.7万元(2022年),12.5万元(2023年): the same figure of
				// another year.
				label = prev.label
			}
			if pairs[hi] < 0 {
				// Its 大写 and its digits disagree: neither is taken.
				approx = true
				if k := amountKey(label); k != "" {
					x.d.note("%s：报告的大写金额与数字金额不一致，未填写（%s）", figureLabel(k), quote(s.disp))
				}
			}
			mt := &mention{s: s, si: si, pos: h.start, end: h.end, fen: fen, label: label, child: child, approx: approx}
			if group != nil {
				group = append(group, mt)
				if len(names) == 0 {
					group = nil
				}
			}
			mt.share = shareRE.MatchString(after)
			if !child {
				parentBudget = budgetish(label)
			}
			inBudget.read(m[scanned:h.start])
			scanned = h.end
			mt.budget = budgetish(label) || child && parentBudget || inBudget.on
			if y := yearAfterRE.FindStringSubmatch(after); y != nil {
				mt.yearAfter, _ = strconv.Atoi(y[1])
			}
			if (x.otherYearAt(m, h.start) || x.d.Year.OK && mt.yearAfter != 0 && mt.yearAfter != x.d.Year.V) && !mt.budget && !mt.approx {
				mt.other = true
				if k := amountKey(label); k != "" && !mt.share {
					x.noteOtherYear(k, *s)
				}
			}
			x.ments = append(x.ments, mt)
			prev = mt
			prevEnd = h.end
		}
		if len(names) > 0 {
			dropGroup()
		}
	}
}

// hit is an amount found in a sentence, before its label is read: the
// number and unit of m[start:end].
type hit struct {
	start, end int
	num, unit  string
	capital    bool // written in capital numerals (壹仟贰佰元)
}

var (
	// capitalRE finds an amount in 元 written in capital numerals, as on a
	// cheque: 人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角, 贰万壹仟元整.
	capitalRE = regexp.MustCompile(`(?:人民币)?([零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元(?:零?([零壹贰叁肆伍陆柒捌玖])角)?(?:零?([零壹贰叁肆伍陆柒捌玖])分)?(?:整|正)?`)
	// yuanSignRE finds an amount in 元 after ¥: (¥23,100,000.00).
	yuanSignRE = regexp.MustCompile(`[¥￥]\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)元?`)
	// pairGapRE finds what parts an amount from the same amount in the
	// other form: 2,310.00万元(大写:人民币贰仟…, 人民币贰仟…元整(¥….
	pairGapRE = regexp.MustCompile(`^\s*[(:]?\s*(?:大写|小写)?\s*[:]?\s*$`)
)

var capitalDigits = map[rune]int64{'零': 0, '壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9}

// capitalHits returns the amounts of m written in capital numerals, and
// those after ¥.
func capitalHits(m string) []hit {
	var hits []hit
	for _, loc := range capitalRE.FindAllStringSubmatchIndex(m, -1) {
		yuan, ok := capitalNumber(m[loc[2]:loc[3]])
		if !ok {
			continue
		}
		var fen int64
		if loc[4] >= 0 {
			fen += 10 * capitalDigits[[]rune(m[loc[4]:loc[5]])[0]]
		}
		if loc[6] >= 0 {
			fen += capitalDigits[[]rune(m[loc[6]:loc[7]])[0]]
		}
		hits = append(hits, hit{start: loc[0], end: loc[1], num: fmt.Sprintf("%d.%02d", yuan, fen), unit: "元", capital: true})
	}
	for _, loc := range yuanSignRE.FindAllStringSubmatchIndex(m, -1) {
		hits = append(hits, hit{start: loc[0], end: loc[1], num: m[loc[2]:loc[3]], unit: "元"})
	}
	return hits
}

// capitalNumber reads a whole number written in capital numerals
// (壹仟贰佰叁拾肆万伍仟陆佰柒拾捌). ok is false for anything a cheque would
// not write: two digits in a row, a unit without a digit (but 拾 first),
// units out of order, or no digit at all.
func capitalNumber(s string) (n int64, ok bool) {
	units := map[rune]int64{'拾': 10, '佰': 100, '仟': 1000}
	var section, digit, lastUnit int64 // lastUnit: of the section, 0 when none yet
	digits, prevDigit := false, false
	for i, r := range []rune(s) {
		switch {
		case r == '零':
			prevDigit, digit = false, 0
		case capitalDigits[r] > 0:
			if prevDigit {
				return 0, false
			}
			digit, prevDigit, digits = capitalDigits[r], true, true
		case units[r] > 0:
			u := units[r]
			if digit == 0 && !(r == '拾' && i == 0) || lastUnit != 0 && u >= lastUnit {
				return 0, false
			}
			section += max(digit, 1) * u
			digit, prevDigit, lastUnit, digits = 0, false, u, true
		case r == '万' || r == '亿':
			// 亿 comes first, and 万 once after it.
			if section+digit == 0 || r == '亿' && n != 0 || r == '万' && n%1e8 != 0 {
				return 0, false
			}
			if r == '亿' {
				n = (section + digit) * 1e8
			} else {
				n += (section + digit) * 1e4
			}
			section, digit, prevDigit, lastUnit = 0, 0, false, 0
		}
	}
	return n + section + digit, digits
}

// capitalPairs finds, among hits sorted by their start, an amount given in
// both forms, one right after the other (23,100,000.00元(大写:人民币贰仟叁佰
// 壹拾万元整)): pairs[i] is 1 when hits[i] and hits[i+1] are such a pair
// and agree, -1 when they disagree, and 0 otherwise.
func capitalPairs(m string, hits []hit) []int {
	pairs := make([]int, len(hits))
	for i := 0; i+1 < len(hits); i++ {
		a, b := hits[i], hits[i+1]
		if a.capital == b.capital || b.start < a.end || !pairGapRE.MatchString(m[a.end:b.start]) {
			continue
		}
		fa, okA := toFen(a.num, a.unit)
		fb, okB := toFen(b.num, b.unit)
		pairs[i] = -1
		if okA && okB && fa == fb {
			pairs[i] = 1
		}
		i++
	}
	return pairs
}

// labelSpan returns where the label of a figure at pos of s runs: back to a
// clause boundary or to from, the end of the previous figure. A figure
// right after a colon has its label before it: 本年支出合计:2,377.04万元.
func labelSpan(s string, from, pos int) (start, end int) {
	start, end = from, pos
	if i := strings.LastIndexAny(s[from:pos], boundaries); i >= 0 {
		start = from + i
		_, size := utf8.DecodeRuneInString(s[start:])
		start += size
	}
	if start > from && s[start-1] == ':' && strings.TrimSpace(s[start:pos]) == "" {
		end = start - 1
		start = from
		if i := strings.LastIndexAny(s[from:end], boundaries); i >= 0 {
			start = from + i
			_, size := utf8.DecodeRuneInString(s[start:])
			start += size
		}
	}
	return start, end
}

// childScope reports whether text ending at a figure puts it among the
// sub-items of an earlier one: after 其中 in the same clause group, or in a
// numbered list that follows 其中 across semicolons.
func childScope(before string) bool {
	i := strings.LastIndex(before, "其中")
	if i < 0 {
		return false
	}
	rest := before[i:]
	// (其中:…) closed before the figure: more ) than ( after 其中.
	depth := 0
	for _, r := range rest {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
		if depth < 0 {
			return false
		}
	}
	for {
		j := strings.Index(rest, ";")
		if j < 0 {
			return true
		}
		rest = rest[j+1:]
		if !markerPrefixRE.MatchString(rest) {
			return false
		}
	}
}

// usable reports whether a mention may be an actual figure of the year
// evaluated.
func (x *extractor) usable(m *mention) bool {
	return !m.budget && !m.approx && !m.other
}

// ---- candidates ----

// scoreAt appends to scores the score written at s.m[from:to] of the
// sentence s, whose place at is looked at for another year: a year's
// other than the report's is noted and not read.
func (x *extractor) scoreAt(scores []cand, s sentence, at, from, to int) []cand {
	if x.otherYearAt(s.m, at) {
		x.noteOtherYear("score", s)
		return scores
	}
	if v, ok := hundredths(s.m[from:to]); ok && v <= 10000 {
		scores = append(scores, cand{v: v, tier: 1, ev: s.disp})
	}
	return scores
}

type cand struct {
	v    int64
	tier int // lower is better
	ev   string
}

// decide picks the value of the best tier. When that tier holds different
// values, it leaves the figure out and says why; values in lower tiers that
// differ are noted.
func (x *extractor) decide(key string, cs []cand, format func(int64) string, set func(int64, string)) {
	if len(cs) == 0 {
		return
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.tier - b.tier })
	best := cs[0].tier
	var vals []int64
	for _, c := range cs {
		if c.tier == best && !slices.Contains(vals, c.v) {
			vals = append(vals, c.v)
		}
	}
	if len(vals) > 1 {
		var parts []string
		for _, v := range vals[:min(len(vals), 4)] {
			for _, c := range cs {
				if c.tier == best && c.v == v {
					parts = append(parts, fmt.Sprintf("%s（%s）", format(v), quote(c.ev)))
					break
				}
			}
		}
		x.d.note("%s：报告给出的数不一致，未填写：%s", figureLabel(key), strings.Join(parts, "；"))
		return
	}
	set(vals[0], cs[0].ev)
	var others []string
	for _, c := range cs {
		if c.v != vals[0] && !slices.Contains(others, format(c.v)) && len(others) < 3 {
			others = append(others, format(c.v))
			x.d.note("%s：填了 %s；报告另有 %s（%s），请核对", figureLabel(key), format(vals[0]), format(c.v), quote(c.ev))
		}
	}
}

func quote(s string) string {
	rs := []rune(s)
	if len(rs) > 80 {
		s = string(rs[:80]) + "…"
	}
	return "“" + s + "”"
}

func fmtFen(v int64) string { return Amount(v).String() + "万元" }

func (x *extractor) setAmount(dst *Value[Amount]) func(int64, string) {
	return func(v int64, ev string) { dst.set(Amount(v), ev) }
}

// ---- spending ----

var (
	totalCore     = regexp.MustCompile(`^(?:总支出|支出)`)
	basicCore     = regexp.MustCompile(`^基本支出`)
	projectCore   = regexp.MustCompile(`^项目支出`)
	personnelCore = regexp.MustCompile(`^(?:人员经费支出|人员经费|人员类支出|人员类经费|人员支出)`)
	publicCore    = regexp.MustCompile(`^(?:日常公用经费支出|日常公用经费|日常公用支出|公用经费支出|公用经费|公用类支出|公用支出)`)
	wagesCore     = regexp.MustCompile(`^工资福利支出`)
	goodsCore     = regexp.MustCompile(`^商品和服务支出`)
	partSecRE     = regexp.MustCompile(`基本支出|项目支出|专项|项目资金|人员经费|公用经费`)
	wholeSecRE    = regexp.MustCompile(`整体|总体|收支|收入支出|财务|预算执行|决算`)
)

func init() {
	allCores = []*regexp.Regexp{totalCore, basicCore, projectCore, personnelCore, publicCore, wagesCore, goodsCore,
		incomeCore, sangongCore, abroadCore, receptionCore, vehicleCore}
}

func (x *extractor) kindOf(m *mention) string {
	switch {
	case matchLabel(m.label, basicCore).ok:
		return "basic"
	case matchLabel(m.label, projectCore).ok:
		return "project"
	case matchLabel(m.label, totalCore).ok:
		return "total"
	}
	return ""
}

var (
	partWordRE        = regexp.MustCompile(`基本支出|项目支出|人员经费|公用经费|专项|项目|三公`)
	projectPartWordRE = regexp.MustCompile(`基本支出|人员经费|公用经费|三公`)
)

// plainInPart reports whether a figure with a plain label (实际支出, with no
// year, 部门 or 全年 to say it is the whole year's) follows, in its
// sentence, words naming a part of the spending: 基本支出:年初预算…,实际支出…
// is the basic spending's. In a project's report, the project is the whole.
func (x *extractor) plainInPart(lm labelMatch, m *mention) bool {
	if len(lm.years) > 0 || lm.has("本年", "本年度", "全年", "当年", "年度", "部门", "单位", "本部门", "本单位", "我局",
		"我单位", "我部门", "本局", "部门整体", "单位整体", "整体", "总", "本级", "全局") {
		return false
	}
	if x.d.Type.OK && x.d.Type.V == TypeProject {
		return projectPartWordRE.MatchString(m.s.m[:m.pos])
	}
	return partWordRE.MatchString(m.s.m[:m.pos])
}

// inPartSection reports whether a sentence of a report on a department's
// whole spending sits under a heading about a part of it (基本支出情况),
// where a bare total is the part's.
func (x *extractor) inPartSection(s *sentence) bool {
	if x.d.Type.OK && x.d.Type.V == TypeProject {
		return false
	}
	return partSecRE.MatchString(s.sec) && !wholeSecRE.MatchString(s.sec)
}

// hasBreakdown reports whether a total is split into basic and project
// spending right after it: in its sentence, or in the few sentences that
// follow one ending in 其中; or, for a table's row, in the other rows of its
// table, so that a table's total and a sentence's weigh the same and two
// that disagree leave the total out, as they do its parts.
func (x *extractor) hasBreakdown(i int) bool {
	m := x.ments[i]
	basic, project := false, false
	// mark notes the part n gives, if any, and returns n's kind.
	mark := func(n *mention) string {
		k := x.kindOf(n)
		basic = basic || k == "basic"
		project = project || k == "project"
		return k
	}
	if m.s.cell {
		table := x.paras[m.s.para].table
		for _, n := range x.ments {
			if n == m || !n.s.cell || !x.paras[n.s.para].cell || x.paras[n.s.para].table != table || !x.usable(n) {
				continue
			}
			mark(n)
		}
		if basic && project {
			return true
		}
		basic, project = false, false
	}
	tail := strings.TrimRight(m.s.m[m.end:], ":,")
	follow := strings.HasSuffix(tail, "其中") ||
		m.si+1 < len(x.sents) && x.sents[m.si+1].para == m.s.para+1 && strings.HasPrefix(x.sents[m.si+1].m, "其中") ||
		m.si+1 < len(x.sents) && x.sents[m.si+1].para == m.s.para && strings.HasPrefix(x.sents[m.si+1].m, "其中")
	for j := i + 1; j < len(x.ments); j++ {
		n := x.ments[j]
		if n.si != m.si && !(follow && n.si <= m.si+4) {
			break
		}
		if n.si != m.si && n.s.para != m.s.para && isHeading(x.paras[n.s.para]) {
			break
		}
		if !x.usable(n) {
			continue
		}
		if mark(n) == "total" && n.si != m.si {
			break // another total's sentence: its parts are its own
		}
	}
	return basic && project
}

// projectSpentRE matches the label of what a project spent, in a project's
// report: 项目实际支出, 已支出, 本项目执行数, 实际使用资金, 项目资金支出.
var projectSpentRE = regexp.MustCompile(`^(?:本|该)?(?:项目|专项)?(?:预算)?(?:资金|经费)?(?:全年|本年|年度|累计)?(?:实际)?(?:已)?(?:支出|使用资金|使用|支付|执行数|执行金额)(?:数|额|金额)?$`)

// deptWholeRE finds the words naming a figure of the department or unit
// as a whole: 部门支出合计, 部门收入, 我局支出总额.
var deptWholeRE = regexp.MustCompile(`部门(?:整体)?总?(?:支出|收入|预算|决算)|(?:我|本|全)(?:局|委|办|单位|部门)[^,;:]*?(?:支出|收入)(?:合计|总额|总计)`)

// ofDepartment reports whether mention i is said of the department or unit
// as a whole, or is a part of such a figure (我局部门支出合计3,286.40万元，其中
// 项目支出2,512.75万元): in a project's report, not the project's.
func (x *extractor) ofDepartment(i int) bool {
	m := x.ments[i]
	if deptWholeRE.MatchString(clauseBefore(m.s.m, m.pos)) {
		return true
	}
	if m.child {
		for j := i - 1; j >= 0 && x.ments[j].si == m.si; j-- {
			if !x.ments[j].child {
				return x.ofDepartment(j)
			}
		}
	}
	return false
}

// noteDepartment tells the reviewer that a figure of a project's report
// was left out as the department's.
func (x *extractor) noteDepartment(key string, m *mention) {
	x.d.note("%s：%s 是整个部门（单位）的数，不是本项目的，未填写（%s）", figureLabel(key), fmtFen(m.fen), quote(x.source(m.s.disp)))
}

func (x *extractor) spending() {
	d := x.d
	var total, basic, project, personnel, public []cand
	isProject := d.Type.OK && d.Type.V == TypeProject
	for i, m := range x.ments {
		if !x.usable(m) {
			continue
		}
		if isProject && x.ofDepartment(i) {
			if k := amountKey(m.label); k != "" && !m.share {
				x.noteDepartment(k, m)
			}
			continue
		}
		c := cand{v: m.fen, ev: m.s.disp}
		if isProject && !m.child && !m.share && (projectSpentRE.MatchString(m.label) || matchLabel(m.label, projectCore).ok) {
			// The project is the whole of a project's report: what it
			// spent is the report's total.
			c.tier = 2
			total = append(total, c)
			if !matchLabel(m.label, projectCore).ok {
				continue
			}
		}
		switch {
		case matchLabel(m.label, basicCore).ok:
			basic = append(basic, c)
		case matchLabel(m.label, projectCore).ok:
			project = append(project, c)
		case matchLabel(m.label, personnelCore).ok:
			personnel = append(personnel, c)
		case matchLabel(m.label, publicCore).ok:
			public = append(public, c)
		case matchLabel(m.label, totalCore).ok:
			lm := matchLabel(m.label, totalCore)
			if m.share || m.child || x.inPartSection(m.s) || x.plainInPart(lm, m) {
				continue
			}
			if lm.has("总计") {
				if carry := x.carryInSentence(m); carry != "" {
					// 支出总计 counts the balances carried to next year.
					d.note("%s：%s 含年末结转和结余 %s，不作为本年支出填写", figureLabel("spending.total"), fmtFen(m.fen), carry)
					continue
				}
			}
			switch {
			case x.hasBreakdown(i):
				c.tier = 1
			case lm.hasFund():
				if other := x.otherSource(m, otherSpendingRE); other != nil {
					x.noteOneSource("spending.total", m, other)
					continue
				}
				c.tier = 3 // only the spending of some funds
			default:
				c.tier = 2
			}
			total = append(total, c)
		}
	}
	total = append(total, x.formC["spending.total"]...)
	if !isProject {
		total = x.dropTiny("spending.total", total)
	}
	basic = append(basic, x.formC["spending.basic"]...)
	project = append(project, x.formC["spending.project"]...)
	personnel = append(personnel, x.formC["spending.personnel"]...)
	public = append(public, x.formC["spending.public"]...)
	x.decide("spending.total", total, fmtFen, x.setAmount(&d.Spending.Total))
	x.decide("spending.basic", basic, fmtFen, x.setAmount(&d.Spending.Basic))
	x.decide("spending.project", project, fmtFen, x.setAmount(&d.Spending.Project))
	x.decide("spending.personnel", personnel, fmtFen, x.setAmount(&d.Spending.Personnel))
	x.decide("spending.public", public, fmtFen, x.setAmount(&d.Spending.Public))
	if len(personnel) == 0 && len(public) == 0 && d.Spending.Basic.OK {
		x.wagesAndGoods()
	}
}

// wagesAndGoods reads personnel and public spending from 工资福利支出 and
// 商品和服务支出 when the report gives only these economic classes, as the
// sub-items of basic spending, and they add up to it exactly.
func (x *extractor) wagesAndGoods() {
	d := x.d
	basic := int64(d.Spending.Basic.V)
	for i, m := range x.ments {
		if !x.usable(m) || !matchLabel(m.label, basicCore).ok || m.fen != basic {
			continue
		}
		var wages, goods *mention
		for j := i + 1; j < len(x.ments) && x.ments[j].si == m.si; j++ {
			n := x.ments[j]
			if !x.usable(n) || !n.child {
				continue
			}
			if matchLabel(n.label, wagesCore).ok && wages == nil {
				wages = n
			}
			if matchLabel(n.label, goodsCore).ok && goods == nil {
				goods = n
			}
		}
		if wages != nil && goods != nil && wages.fen+goods.fen == basic {
			d.Spending.Personnel.set(Amount(wages.fen), wages.s.disp)
			d.Spending.Public.set(Amount(goods.fen), goods.s.disp)
			d.note("%s、%s：报告没有写人员经费和公用经费，分别取自工资福利支出和商品和服务支出，两者之和等于基本支出", figureLabel("spending.personnel"), figureLabel("spending.public"))
			return
		}
	}
}

// otherIncomeRE and otherSpendingRE find the label of an income or a
// spending of a source other than the budget's allocation (财政拨款):
// 事业收入, 其他收入, 政府性基金支出.
var (
	otherIncomeRE   = regexp.MustCompile(`(?:事业|经营|其他|上级补助|附属单位上缴|政府性基金|国有资本经营|非税|专户|自有资金|自筹|单位资金)[^,;:、]{0,8}收入`)
	otherSpendingRE = regexp.MustCompile(`(?:事业|经营|其他资金|上级补助|政府性基金|国有资本经营|非税|专户|自有资金|自筹|单位资金)[^,;:、]{0,8}支出`)
)

// otherSource returns a figure that, beside m, a figure of one source of
// money (财政拨款收入), gives another source's (事业收入, 政府性基金支出): in
// m's sentence, or in m's table. m is then only a part of the total,
// unless the other sources are nothing (其他收入0万元).
func (x *extractor) otherSource(m *mention, other *regexp.Regexp) *mention {
	for _, n := range x.ments {
		if n == m || n.budget || n.other || n.fen == 0 || !other.MatchString(n.label) {
			continue
		}
		if n.si == m.si || m.s.cell && n.s.cell && x.paras[n.s.para].cell && x.paras[m.s.para].cell &&
			x.paras[n.s.para].table == x.paras[m.s.para].table {
			return n
		}
	}
	return nil
}

// noteOneSource tells the reviewer that a figure of one source of money
// was not taken for the total, as the report lists another beside it.
func (x *extractor) noteOneSource(key string, m, other *mention) {
	x.noteUnfilled(key, "%s：%s 只是一项资金来源的数，报告同时列出了其他来源（%s %s），合计未写明，未填写（%s）",
		figureLabel(key), fmtFen(m.fen), other.label, fmtFen(other.fen), quote(m.s.disp))
}

// ---- income ----

var (
	incomeCore   = regexp.MustCompile(`^(?:总收入|收入|预算收入)`)
	receivedCore = regexp.MustCompile(`^(?:(?:项目|专项)?资金到位|(?:收到|到位|拨入)(?:财政|上级)?(?:资金|拨款|经费))`)
	allocatedRE  = regexp.MustCompile(`拨付|下达|拨入|到位`)
	allocLabelRE = regexp.MustCompile(`(?:专项经费|专项资金|资金|经费)$`)
	spentWordRE  = regexp.MustCompile(`使用|支出|支付|执行`)
)

func (x *extractor) income() {
	var cs []cand
	for i, m := range x.ments {
		if !x.usable(m) || m.share || x.inPartSection(m.s) {
			continue
		}
		if x.d.Type.OK && x.d.Type.V == TypeProject && x.ofDepartment(i) {
			if lm := matchLabel(m.label, incomeCore); lm.ok && !m.child {
				x.noteDepartment("income", m)
			}
			continue
		}
		c := cand{v: m.fen, ev: m.s.disp}
		if lm := matchLabel(m.label, incomeCore); lm.ok {
			if m.child || lm.core == "预算收入" && !lm.actual || x.plainInPart(lm, m) {
				continue
			}
			switch {
			case lm.hasFund():
				if other := x.otherSource(m, otherIncomeRE); other != nil {
					x.noteOneSource("income", m, other)
					continue
				}
				c.tier = 2
			case lm.has("本年", "本年度", "当年", "决算", "决算数", "决算额"):
				c.tier = 0 // the year's own income, not counting balances brought forward
			default:
				c.tier = 1
				if carry := x.carriedOver(i); carry != "" {
					x.d.note("%s：%s 含以前年度结转 %s，不作为本年收入填写", figureLabel("income"), fmtFen(m.fen), carry)
					continue
				}
			}
			cs = append(cs, c)
			continue
		}
		if lm := matchLabel(m.label, receivedCore); lm.ok && !m.child &&
			(!strings.HasPrefix(lm.core, "项目") && !strings.HasPrefix(lm.core, "专项") || x.d.Type.OK && x.d.Type.V == TypeProject) {
			c.tier = 1
			cs = append(cs, c)
			continue
		}
		if x.d.Type.OK && x.d.Type.V == TypeProject && !m.child && allocLabelRE.MatchString(m.label) && !spentWordRE.MatchString(m.label) &&
			allocatedRE.MatchString(m.s.m[:m.pos]) && !budgetish(m.s.m[:m.pos]) {
			c.tier = 3
			cs = append(cs, c)
		}
	}
	if !(x.d.Type.OK && x.d.Type.V == TypeProject) {
		cs = x.dropTiny("income", cs)
	}
	x.decide("income", cs, fmtFen, x.setAmount(&x.d.Income))
}

// tinyTotal is the least a department's total spending or income of a
// year can be, in fen: 1万元.
const tinyTotal = 1000000

// dropTiny leaves out, with a note, the candidates of a department's total
// spending or income that are less than 1万元 but not nothing: a report
// that wrote 1234.56元 almost surely meant 1234.56万元.
func (x *extractor) dropTiny(key string, cs []cand) []cand {
	return slices.DeleteFunc(cs, func(c cand) bool {
		if c.v <= 0 || c.v >= tinyTotal {
			return false
		}
		x.d.note("%s：报告写的是 %s（%s），整个部门一年不到 1 万元，可能是把“万元”写成了“元”，未填写，请对照原文核对", figureLabel(key), fmtFen(c.v), quote(c.ev))
		return true
	})
}

// carryInSentence returns a balance carried over (结转, 结余) that the
// sentence of m gives besides m, if it is not zero.
func (x *extractor) carryInSentence(m *mention) string {
	for _, n := range x.ments {
		if n.si == m.si && n != m && n.fen > 0 && strings.Contains(n.label, "结转") {
			return fmtFen(n.fen)
		}
	}
	return ""
}

// carriedOver returns the balance brought forward (上年结转) that the
// income total at mention i lists among its parts, if it is not zero.
func (x *extractor) carriedOver(i int) string {
	m := x.ments[i]
	for j := i + 1; j < len(x.ments) && x.ments[j].si == m.si; j++ {
		n := x.ments[j]
		if n.child && n.fen > 0 && strings.Contains(n.label, "结转") {
			return fmtFen(n.fen)
		}
	}
	return ""
}

// ---- 三公经费 ----

var (
	sangongCore   = regexp.MustCompile(`^三公经费(?:支出)?`)
	abroadCore    = regexp.MustCompile(`^(?:因公)?出国(?:\(境\)|\(出境\)|境|出境)?(?:团组)?(?:费用|经费|费)?(?:支出)?`)
	receptionCore = regexp.MustCompile(`^(?:公务)?接待(?:费用|经费|费)?(?:支出)?`)
	vehicleCore   = regexp.MustCompile(`^(?:公务用车|公务车|公车)(?:辆)?(?:购置(?:及|和|与)?运行(?:维护|维修)?|购置(?:及|和|与)?运维|运行(?:与|和|及)?维护|运行维护|运行维修|运维|购置|运行)?(?:费用|经费|费)?(?:支出)?`)
	// noneMoreRE finds the next item of a list after noneRE's: 、公务接待费.
	noneMoreRE   = regexp.MustCompile(`^(?:、|和|及|与|以及)((?:因公)?出国(?:\(境\))?|(?:公务)?接待|公务用车(?:购置(?:及|和)?)?(?:运行(?:维护)?)?)(?:费用|经费|费)?(?:支出)?`)
	listGoesOnRE = regexp.MustCompile(`^(?:$|[、和及与,;。]|以及)`)
	noneRE       = regexp.MustCompile(`(?:无|未发生|没有|未安排)(?:任何)?(因公出国\(境\)|因公出国|出国|公务接待|公务用车购置及运行|公务用车|三公经费)[^,;。]{0,6}?(?:费用|经费|费|支出)`)
	allForRE     = regexp.MustCompile(`^,?(?:全部|均|全)(?:为|是|用于)((?:因公)?出国(?:\(境\))?|(?:公务)?接待|公务用车(?:购置(?:及|和)?)?(?:运行(?:维护)?)?)(?:费用|经费|费)?(?:支出)?(?:[,;。]|$)`)
	changeRE     = regexp.MustCompile(`(较上年度?|比上年度?|与上年度?相比|较去年|比去年|与去年相比|同比|较(?:19|20)\d\d年度?|比(?:19|20)\d\d年度?|与(?:19|20)\d\d年度?相比)[,]?(?:决算数?|支出)?(增加|增长|上升|减少|下降|降低|节约|节省|压减|减|增)了?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|千元|元)`)
	changePctRE  = regexp.MustCompile(`(较上年度?|比上年度?|与上年度?相比|较去年|比去年|同比)[^。;]{0,12}?(增加|增长|上升|减少|下降|降低)了?(\d+(?:\.\d+)?)%`)
	itemWordRE   = regexp.MustCompile(`出国|接待|公务用车|公务车|公车`)
	// itemFigureRE finds a sub-item of 三公经费 given with an amount, after
	// which a change may be the sub-item's.
	itemFigureRE = regexp.MustCompile(`(?:出国|接待|公务用车|公务车|公车)[^,;]*?\d`)
	// zeroItemRE finds an item said to be nothing without a unit:
	// 因公出国（境）费为0, 公务接待费为零, 因公出国（境）费用未发生, 三公经费：无.
	zeroItemRE     = regexp.MustCompile(`(?:^(?:\d{1,2}[.、])?|[,;:、])((?:因公)?出国(?:\(境\)|境)?(?:费用|经费|费)|(?:公务)?接待(?:费用|经费|费)|公务用车(?:购置(?:及|和)?)?(?:运行(?:维护)?)?(?:费用|经费|费)|三公经费)(?:支出)?(?:(?:均)?(?:为|是)(?:0|零)|:?(?:均)?(?:无|未发生|没有发生|为无))(?:[,;。、]|$)`)
	noPurchaseRE   = regexp.MustCompile(`(?:未|没有|无)(?:新)?购置(?:任何)?(?:公务用车|公务车|车辆)|公务用车购置(?:费|支出)?(?:为)?(?:零|0)(?:元|万元)?(?:[,;。]|$)`)
	comparatorRE   = regexp.MustCompile(`与上年度?相比|与去年相比|较上年|比上年|同比|与(?:19|20)\d\d年度?相比|较(?:19|20)\d\d年|比(?:19|20)\d\d年`)
	changeSubjRE   = regexp.MustCompile(`(三公经费(?:支出)?(?:决算数?)?(?:总额)?)(?:较上年度?|比上年度?|同比)?(增加|增长|上升|减少|下降|降低|节约|节省)了?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|千元|元)`)
	flatRE         = regexp.MustCompile(`(?:与上年度?|较上年度?|同比|与去年)(?:相比)?(?:基本)?持平`)
	budgetChangeRE = regexp.MustCompile(`三公经费(?:支出)?预算数?(?:较上年|比上年)?(?:增加|减少|下降|增长)`)
)

func (x *extractor) sangong() {
	d := x.d
	var total, abroad, reception, combined, purchase, running []cand
	purchaseSeen := false
	for _, m := range x.ments {
		if !strings.Contains(m.s.m, "三公") && !itemWordRE.MatchString(m.label) {
			continue
		}
		if strings.Contains(m.label, "购置") {
			purchaseSeen = true
		}
		if !x.usable(m) {
			continue
		}
		c := cand{v: m.fen, ev: m.s.disp}
		switch {
		case matchLabel(m.label, sangongCore).ok:
			total = append(total, c)
			if w := allForRE.FindStringSubmatch(m.s.m[m.end:]); w != nil && !m.child {
				// 三公经费0.98万元，全部为公务接待费: that item is the total,
				// and the others nothing.
				none := cand{v: 0, tier: 3, ev: m.s.disp}
				all := cand{v: m.fen, tier: 2, ev: m.s.disp}
				abroad, reception, combined = append(abroad, none), append(reception, none), append(combined, none)
				switch {
				case strings.Contains(w[1], "出国"):
					abroad[len(abroad)-1] = all
				case strings.Contains(w[1], "接待"):
					reception[len(reception)-1] = all
				default:
					combined[len(combined)-1] = all
				}
			}
		case matchLabel(m.label, abroadCore).ok:
			abroad = append(abroad, c)
		case matchLabel(m.label, receptionCore).ok:
			reception = append(reception, c)
		default:
			lm := matchLabel(m.label, vehicleCore)
			if !lm.ok {
				continue
			}
			buy := strings.Contains(lm.core, "购置")
			run := strings.Contains(lm.core, "运行") || strings.Contains(lm.core, "运维") || strings.Contains(lm.core, "维护")
			switch {
			case buy && run, !buy && !run:
				combined = append(combined, c)
			case buy:
				purchase = append(purchase, c)
			default:
				running = append(running, c)
			}
		}
	}
	// Explicit statements that nothing was spent.
	nothing := func(item, ev string) {
		c := cand{v: 0, tier: 2, ev: ev}
		switch {
		case strings.Contains(item, "三公"):
			// No 三公经费 at all: none of the three either.
			total = append(total, c)
			none := cand{v: 0, tier: 3, ev: ev}
			abroad, reception, combined = append(abroad, none), append(reception, none), append(combined, none)
		case strings.Contains(item, "出国"):
			abroad = append(abroad, c)
		case strings.Contains(item, "接待"):
			reception = append(reception, c)
		case strings.Contains(item, "购置") && !strings.Contains(item, "运行"):
			purchase = append(purchase, c)
			purchaseSeen = true
		case strings.Contains(item, "运行") && !strings.Contains(item, "购置"):
			running = append(running, c)
		default:
			combined = append(combined, c)
		}
	}
	for _, s := range x.sents {
		for _, loc := range zeroItemRE.FindAllStringSubmatchIndex(s.m, -1) {
			if !x.otherYearAt(s.m, loc[2]) {
				nothing(s.m[loc[2]:loc[3]], s.disp)
			}
		}
		if loc := noPurchaseRE.FindStringIndex(s.m); loc != nil && !x.otherYearAt(s.m, loc[0]) {
			purchase = append(purchase, cand{v: 0, tier: 2, ev: s.disp})
			purchaseSeen = true
		}
		for _, loc := range noneRE.FindAllStringSubmatchIndex(s.m, -1) {
			if x.otherYearAt(s.m, loc[0]) {
				continue
			}
			items := []string{s.m[loc[2]:loc[3]]}
			// 无因公出国（境）费用、公务接待费和公务用车购置及运行维护费支出:
			// each item of the list.
			rest := s.m[loc[1]:]
			for {
				more := noneMoreRE.FindStringSubmatch(rest)
				if more == nil || !listGoesOnRE.MatchString(rest[len(more[0]):]) {
					break // 、公务接待费1.2万元: not one of the list
				}
				items = append(items, more[1])
				rest = rest[len(more[0]):]
			}
			for _, item := range items {
				nothing(item, s.disp)
			}
		}
	}
	x.decide("sangong.total", total, fmtFen, x.setAmount(&d.Sangong.Total))
	x.decide("sangong.abroad", abroad, fmtFen, x.setAmount(&d.Sangong.Abroad))
	x.decide("sangong.reception", reception, fmtFen, x.setAmount(&d.Sangong.Reception))
	switch {
	case len(combined) > 0:
		x.decide("sangong.vehicles", combined, fmtFen, x.setAmount(&d.Sangong.Vehicles))
	case len(purchase) > 0 && len(running) > 0:
		var p, r Value[Amount]
		x.decide("sangong.vehicles (购置)", purchase, fmtFen, x.setAmount(&p))
		x.decide("sangong.vehicles (运行维护)", running, fmtFen, x.setAmount(&r))
		if p.OK && r.OK {
			// Two sentences, each in the report's words.
			d.Sangong.Vehicles.set(p.V+r.V, x.source(p.Evidence)+" "+x.source(r.Evidence))
			d.note("%s：为公务用车购置费 %s 与运行维护费 %s 之和", figureLabel("sangong.vehicles"), fmtFen(int64(p.V)), fmtFen(int64(r.V)))
		}
	case len(running) > 0 && !purchaseSeen:
		x.decide("sangong.vehicles", running, fmtFen, x.setAmount(&d.Sangong.Vehicles))
		if d.Sangong.Vehicles.OK {
			d.note("%s：取自公务用车运行维护费，报告没有提到购置费", figureLabel("sangong.vehicles"))
		}
	case len(running) > 0 || len(purchase) > 0:
		d.note("%s：报告只给出了其中一部分，未填写", figureLabel("sangong.vehicles"))
	}
	x.sangongChange()
}

// subjectPhrase returns the words naming 三公经费 at the start of s, up to
// its first figure or clause boundary: 三公经费预算数 in 三公经费预算数减少….
func subjectPhrase(s string) string {
	if i := strings.IndexAny(s, ",;:0123456789"); i >= 0 {
		return s[:i]
	}
	return s
}

// sangongChange reads the change of 三公经费 against the previous year, as an
// amount: 较上年增加0.4万元. A change of a sub-item or of the budget is not it.
func (x *extractor) sangongChange() {
	var cs []cand
	pctOnly := ""
	budgetOnly := ""
	add := func(s *sentence, fen int64, verb string) {
		switch verb {
		case "减少", "下降", "降低", "节约", "节省", "压减", "减":
			fen = -fen
		}
		cs = append(cs, cand{v: fen, tier: 1, ev: s.disp})
	}
	for si := range x.sents {
		s := &x.sents[si]
		if !strings.Contains(s.m, "三公") {
			// 三公经费支出合计X元，其中…。较上年减少Y元: a sentence that is
			// only the change of the total the one before gives.
			if loc := changeRE.FindStringSubmatchIndex(s.m); loc != nil && loc[0] == 0 && x.sangongTotalBefore(si) {
				if fen, ok := toFen(s.m[loc[6]:loc[7]], s.m[loc[8]:loc[9]]); ok {
					add(s, fen, s.m[loc[4]:loc[5]])
				}
			}
			continue
		}
		found := false
		for _, loc := range changeRE.FindAllStringSubmatchIndex(s.m, -1) {
			if x.otherYearAt(s.m, loc[0]) {
				continue
			}
			switch x.changeOf(si, loc[0]) {
			case "budget":
				budgetOnly = s.disp
			case "total":
				if fen, ok := toFen(s.m[loc[6]:loc[7]], s.m[loc[8]:loc[9]]); ok {
					add(s, fen, s.m[loc[4]:loc[5]])
					found = true
				}
			}
		}
		if !found && comparatorRE.MatchString(s.m) {
			// 与上年相比，三公经费减少0.3万元.
			for _, loc := range changeSubjRE.FindAllStringSubmatchIndex(s.m, -1) {
				if !comparatorRE.MatchString(s.m[:loc[1]]) || budgetish(s.m[loc[2]:loc[3]]) || x.otherYearAt(s.m, loc[0]) {
					continue
				}
				if fen, ok := toFen(s.m[loc[6]:loc[7]], s.m[loc[8]:loc[9]]); ok {
					add(s, fen, s.m[loc[4]:loc[5]])
					found = true
				}
			}
		}
		if !found {
			if loc := flatRE.FindStringIndex(s.m); loc != nil && x.changeOf(si, loc[0]) == "total" {
				cs = append(cs, cand{v: 0, tier: 1, ev: s.disp})
				found = true
			}
		}
		if !found && changePctRE.MatchString(s.m) {
			pctOnly = s.disp
		}
		if !found && budgetChangeRE.MatchString(s.m) {
			budgetOnly = s.disp
		}
	}
	if len(cs) == 0 {
		switch {
		case pctOnly != "":
			x.d.note("%s：报告只给出了增减的百分比（%s），未填写", figureLabel("sangong.change"), quote(pctOnly))
		case budgetOnly != "":
			x.d.note("%s：报告只给出了预算数的增减（%s），未填写", figureLabel("sangong.change"), quote(budgetOnly))
		}
		return
	}
	x.decide("sangong.change", cs, fmtFen, x.setAmount(&x.d.Sangong.Change))
}

// sangongTotalBefore reports whether the sentence before sentence si, in
// its paragraph, opens with the total of 三公经费 spent this year.
func (x *extractor) sangongTotalBefore(si int) bool {
	if si == 0 || x.sents[si-1].para != x.sents[si].para {
		return false
	}
	for _, m := range x.ments {
		if m.si == si-1 {
			return x.usable(m) && !m.child && matchLabel(m.label, sangongCore).ok
		}
	}
	return false
}

// namesAllItems reports whether s names the three items of 三公经费.
func namesAllItems(s string) bool {
	return strings.Contains(s, "出国") && strings.Contains(s, "接待") && (strings.Contains(s, "公务用车") || strings.Contains(s, "公车"))
}

var changeLabelRE = regexp.MustCompile(`较|比|相比|同比|增加|减少|增长|下降|降低|节约|上升`)

// changeOf tells what a change written at byte pos of sentence si is the
// change of: "total" for the 三公经费 spent, "budget" for their budget, or ""
// for a sub-item or something else. It goes by the last figure before the
// change that is not itself a change (三公经费预算数18.6万元,实际支出15.32万元,
// 比上年减少…: the actual), or, with none, by the words after 三公.
func (x *extractor) changeOf(si, pos int) string {
	s := &x.sents[si]
	before := s.m[:pos]
	j := strings.LastIndex(before, "三公")
	if j < 0 {
		return ""
	}
	if i := strings.LastIndex(before, "其中"); i > j {
		if namesAllItems(before[i:]) && strings.HasSuffix(before, ",") {
			// 其中公务接待费1.25万元，公务用车运行维护费4.70万元，无因公出国
			// （境）费用，比上年减少0.85万元: after all three, the total's.
			return "total"
		}
		return "" // 其中公务接待费增加…
	}
	var last *mention
	for _, m := range x.ments {
		if m.si == si && m.end <= pos && m.pos > j && !changeLabelRE.MatchString(m.label) {
			last = m
		}
	}
	switch {
	case last == nil:
		if budgetish(subjectPhrase(before[j:])) {
			return "budget"
		}
		if itemFigureRE.MatchString(before[j:]) {
			return ""
		}
	case itemWordRE.MatchString(last.label):
		return ""
	case last.budget:
		return "budget"
	}
	return "total"
}

// ---- score and grade ----

var (
	scoreRE    = regexp.MustCompile(`(评价得分|自评得分|综合得分|总得分|综合评分|自评总分|评价总分|最终得分|考评得分|绩效得分|自评分数|自评结果|评价结果|评分结果|自评分|评分|总分|自评得|评价得|综合得|共得|合计得|最终得|总计得)((?:为|是|:|达到|达|了)*)(\d{1,3}(?:\.\d{1,2})?)(分|[,;。)]|$)`)
	scoreNotRE = regexp.MustCompile(`^(?:以上|以下|及以上|及以下|\(含\)|-|~|至|到|为优|为良|为中|为差|\))`)
	// compareScoreRE finds a comparison with another year's score before
	// it: 较上年自评得分88分.
	compareScoreRE = regexp.MustCompile(`(?:较|比|与|对比)(?:上一?年度?|去年度?|前一年度?|(?:19|20)\d\d年度?)`)
	subScoreRE     = regexp.MustCompile(`指标|投入|过程|产出|效益|满意度|决策|履职|预算执行|预算配置|分值|一级|二级|三级`)
	// gradeScoreRE finds a grade given with its score in brackets:
	// 绩效为良好(88分), and scaleSentRE a sentence that sets out the
	// grades' ranges rather than giving one (分为优秀(90分以上)…).
	gradeScoreRE = regexp.MustCompile(`(?:为|是|:|评为|评定为|定为|达到)(优秀|优|良好|良|合格|中等|中|较差|差|不合格)(?:等级|等次|级)?\((\d{1,3}(?:\.\d{1,2})?)分\)`)
	scaleSentRE  = regexp.MustCompile(`分为|划分|以上|以下|不足|低于|标准|区间|≥|≤|<|>|~|-`)
	gradeRE      = regexp.MustCompile(`(评价等级|自评等级|绩效等级|综合等级|评定等级|评价等次|自评等次|绩效评级|评价级别|等级评定|评价结果|自评结果|评价结论|自评结论|综合评定|评定结果|评级|等级|等次|评定|自评)(?:为|是|:|评定为|确定为|属于|达到|被评为|评为|定为)*(优秀|优|良好|良|合格|中等|中|较差|差|不合格)(?:等级|等次|级)?(?:[,.;。)]|$)`)
	bareScoreRE  = regexp.MustCompile(`(?:^|[,;:])(?:本部门|本单位|我局|我单位|我部门|该部门|该单位|部门)?(?:(?:19|20)\d\d年度?)?(?:部门)?(?:整体支出)?(?:绩效)?得分((?:为|是|:)?)(\d{1,3}(?:\.\d{1,2})?)(分|[,;。)]|$)`)
	bareScoreCtx = regexp.MustCompile(`自评|综合评价|绩效评价|评价结果|评价等级|整体支出`)
	gradeBadRE   = regexp.MustCompile(`考核|考评等级|年度考核|公务员`)
	gradeNames   = map[string]string{"优秀": "优", "优": "优", "良好": "良", "良": "良", "中等": "中", "中": "中", "差": "差", "较差": "差"}
	overallSent  = regexp.MustCompile(`整体|综合|总体|最终|自评|绩效评价|评价|考评|本单位|我单位|我局|部门`)
)

func (x *extractor) scoreAndGrade() {
	var scores, grades []cand
	for _, s := range x.sents {
		for _, loc := range scoreRE.FindAllStringSubmatchIndex(s.m, -1) {
			kw := s.m[loc[2]:loc[3]]
			if !scoreEnds(s.m, loc[4:]) {
				continue
			}
			if strings.HasSuffix(s.m[:loc[2]], "满") || strings.HasSuffix(s.m[:loc[2]], "标准") {
				continue
			}
			v, ok := hundredths(s.m[loc[6]:loc[7]])
			if !ok || v > 10000 {
				continue
			}
			generic := kw == "总分" || kw == "评分" || strings.HasSuffix(kw, "得") || kw == "自评结果" || kw == "评价结果"
			if generic && !overallSent.MatchString(s.m) {
				continue
			}
			if (kw == "总分" || kw == "评价总分") && v == 10000 {
				// 评价采用百分制，总分100分: the most a score can be, not
				// the score.
				x.noteUnfilled("score", "%s：报告写的总分 100 分（%s）可能是评分的满分（百分制），不是自评得分，未填写，请对照原文核对", figureLabel("score"), quote(s.disp))
				continue
			}
			if s.cell && generic {
				continue
			}
			clause := clauseBefore(s.m, loc[2])
			if x.d.Type.OK && x.d.Type.V == TypeWhole && strings.Contains(clause, "项目") {
				continue // a project's score, in a report on the whole department
			}
			if subScoreRE.MatchString(clause) {
				continue // 产出指标评价得分38分: a part of the score
			}
			if compareScoreRE.MatchString(clause) {
				// 得分91分，较上年自评得分88分提高3分: the score compared with.
				x.noteOtherYear("score", s)
				continue
			}
			if x.otherYearAt(s.m, loc[6]) {
				x.noteOtherYear("score", s)
				continue
			}
			scores = append(scores, cand{v: v, tier: 1, ev: s.disp})
		}
		// A clause that is just 得分X分, after the evaluation's result.
		for _, loc := range bareScoreRE.FindAllStringSubmatchIndex(s.m, -1) {
			if !bareScoreCtx.MatchString(s.m) || !scoreEnds(s.m, loc[2:]) {
				continue
			}
			scores = x.scoreAt(scores, s, loc[4], loc[4], loc[5])
		}
		// 整体支出绩效为良好（88分）: the grade with the score in brackets.
		if overallSent.MatchString(s.m) && !scaleSentRE.MatchString(s.m) {
			for _, loc := range gradeScoreRE.FindAllStringSubmatchIndex(s.m, -1) {
				clause := clauseBefore(s.m, loc[2])
				if subScoreRE.MatchString(clause) || gradeBadRE.MatchString(clause) || satisfactionRE.MatchString(gradeSubject(s.m, loc[0])) ||
					x.d.Type.OK && x.d.Type.V == TypeWhole && strings.Contains(clause, "项目") {
					continue
				}
				if x.otherYearAt(s.m, loc[2]) {
					x.noteOtherYear("score", s)
					continue
				}
				scores = x.scoreAt(scores, s, loc[2], loc[4], loc[5])
				if g, ok := gradeNames[s.m[loc[2]:loc[3]]]; ok {
					grades = append(grades, cand{v: int64(slices.Index(gradeOrder, g)), tier: 1, ev: s.disp})
				}
			}
		}
		for _, loc := range gradeRE.FindAllStringSubmatchIndex(s.m, -1) {
			clause := s.m[:loc[1]]
			if i := strings.LastIndexAny(clause[:loc[0]], ",;:。"); i >= 0 {
				clause = clause[i+1:]
			}
			if gradeBadRE.MatchString(clause) {
				x.d.note("%s：%s 是其他考核的等级，不是本次绩效评价的，未填写", figureLabel("grade"), quote(clause))
				continue
			}
			if satisfactionRE.MatchString(gradeSubject(s.m, loc[0])) {
				x.d.note("%s：%s 是满意度的评价，不是本次绩效评价的等级，未填写", figureLabel("grade"), quote(s.disp))
				continue
			}
			kw := s.m[loc[2]:loc[3]]
			if (kw == "等级" || kw == "等次" || kw == "评级" || kw == "评定") && !overallSent.MatchString(s.m) {
				continue
			}
			if kw == "评定" && !strings.HasSuffix(strings.TrimRight(s.m[:loc[1]], ",.;。)"), "等次") && !strings.HasSuffix(strings.TrimRight(s.m[:loc[1]], ",.;。)"), "等级") {
				continue // 评定为优秀 only with 等次 or 等级 after it: not 评为优秀单位
			}
			if kw == "自评" && (subScoreRE.MatchString(clause) || x.d.Type.OK && x.d.Type.V == TypeWhole && strings.Contains(clause, "项目")) {
				continue // 产出指标自评为优, 各项目自评为良: not the evaluation's grade
			}
			word := s.m[loc[4]:loc[5]]
			if x.otherYearAt(s.m, loc[4]) {
				x.noteOtherYear("grade", s)
				continue
			}
			g, ok := gradeNames[word]
			if !ok {
				x.d.note("%s：报告写的是“%s”（%s），不是优、良、中、差之一，未填写", figureLabel("grade"), word, quote(s.disp))
				continue
			}
			grades = append(grades, cand{v: int64(slices.Index(gradeOrder, g)), tier: 1, ev: s.disp})
		}
	}
	scores = append(scores, x.formC["score"]...)
	// A score the build's parser refuses as a share written for a score
	// (0.97 for 97%) is left out, and the reviewer told, so that the
	// draft parses.
	type read struct {
		v  int64
		ev string
	}
	said := map[read]bool{}
	scores = slices.DeleteFunc(scores, func(c cand) bool {
		if !report.ScoreIsShare(float64(c.v) / 100) {
			return false
		}
		// A sentence may give the same score to two patterns: said once.
		if r := (read{c.v, c.ev}); !said[r] {
			said[r] = true
			x.d.note("%s：报告写的是 %s 分（%s），不到 1 分，像是比例而不是百分制的得分，未填写，请对照原文核对", figureLabel("score"), fmtHundredths(c.v), quote(c.ev))
		}
		return true
	})
	grades = append(grades, x.formC["grade"]...)
	x.decide("score", scores, fmtHundredths, func(v int64, ev string) { x.d.Score.set(float64(v)/100, ev) })
	x.decide("grade", grades, func(v int64) string { return gradeOrder[v] }, func(v int64, ev string) { x.d.Grade.set(gradeOrder[v], ev) })
}

// satisfactionRE finds words of a satisfaction survey, whose rating
// (满意度评价等级为优) is not the evaluation's grade.
var satisfactionRE = regexp.MustCompile(`满意`)

// gradeSubject returns the words a grade written at i of s is said of:
// its clause up to i, or, when the clause opens with the grade's keyword
// (满意度调查结果：评价等级为优), the clause before it too.
func gradeSubject(s string, i int) string {
	c := clauseBefore(s, i)
	if start := i - len(c); start > 0 && strings.Trim(c, "()“”\"' ") == "" {
		_, size := utf8.DecodeLastRuneInString(s[:start]) // the boundary
		c = clauseBefore(s, start-size) + c
	}
	return c
}

// scoreEnds reports whether a score read by scoreRE or bareScoreRE, whose
// connector, number and end are at loc in s, is one: followed by 分, or
// after a colon by the end of its clause (得分:95,等级为优), and not by
// 以上, 为优 and the like.
func scoreEnds(s string, loc []int) bool {
	end := s[loc[4]:loc[5]]
	if end != "分" && !strings.Contains(s[loc[0]:loc[1]], ":") {
		return false
	}
	return !scoreNotRE.MatchString(strings.TrimPrefix(s[loc[3]:], "分"))
}

var gradeOrder = []string{"优", "良", "中", "差"}

// clauseBefore returns the text of the clause that ends at i.
func clauseBefore(s string, i int) string {
	c := s[:i]
	if j := strings.LastIndexAny(c, ",;:。"); j >= 0 {
		c = c[j+1:]
	}
	return c
}

// hundredths reads a score such as 92.5 as 9250.
func hundredths(s string) (int64, bool) {
	ip, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	v, err := strconv.ParseInt(ip+frac, 10, 64)
	return v, err == nil
}

func fmtHundredths(v int64) string {
	return strconv.FormatFloat(float64(v)/100, 'f', -1, 64)
}

// ---- staff ----

var (
	countRE        = regexp.MustCompile(`(\d{1,3}(?:,\d{3})+|\d{1,6}|[零一二两三四五六七八九十百]{1,6})(人|名|个)`)
	countNotRE     = regexp.MustCompile(`^(?:次|/|以上|以下|左右|多|余|左)`)
	staffExclRE    = regexp.MustCompile(`全县|全区|全市|全镇|全乡|学校|教师|学生|编制内|编内|退休|离休|遗属|临时|聘用|编外|劳务|派遣|雇员|借调|公益性|返聘|控制率|人次|人均|超编|空编|缺编|党员|学员|群众|企业|项目|培训|人才|引进|/|=|×|车辆|招聘|录用|考核|新增|减少|调入|调出|辞职|死亡|病|驻村|帮扶`)
	subtypeRE      = regexp.MustCompile(`行政编制|事业编制|工勤|参公|参照|全额|差额|自收自支|政法|机关编制|专项编制|后勤`)
	actualWordRE   = regexp.MustCompile(`实有|现有|在职|在编|在岗|实际人数`)
	actualTailRE   = regexp.MustCompile(`(?:人员|人数|职工|干部职工|干部|干警|民警|在职|在编|在岗|实有|现有|人|编内人员|总数)$`)
	authTailRE     = regexp.MustCompile(`(?:编制|编制数|编制人数|编制总数|定编|定编人数|编制数为|编制人员数)$`)
	actualChildRE  = regexp.MustCompile(`^(?:实有|(?:在职|在编|在岗)(?:在编)?(?:人员|职工|人数|干部职工|干部)?$)`)
	authorizedRE   = regexp.MustCompile(`编制|定编`)
	systemRE       = regexp.MustCompile(`全系统|系统内`)
	staffSentNotRE = regexp.MustCompile(`控制率|=|×`)
)

func (x *extractor) staff() {
	var auth, actual []cand
	var subtypes []string
	var subtypeC []cand // the subtypes not given as parts (其中…) of a total
	for _, s := range x.sents {
		if staffSentNotRE.MatchString(s.m) {
			continue
		}
		prevEnd := 0
		for _, loc := range countRE.FindAllStringSubmatchIndex(s.m, -1) {
			if loc[0] < prevEnd {
				continue
			}
			if countNotRE.MatchString(s.m[loc[1]:]) {
				prevEnd = loc[1]
				continue
			}
			if loc[0] > 0 {
				c, _ := utf8.DecodeLastRuneInString(s.m[:loc[0]])
				if isDigit(c) || c == '.' || c == '第' {
					continue
				}
			}
			n, ok := countValue(strings.ReplaceAll(s.m[loc[2]:loc[3]], ",", ""))
			if !ok || n > 100000 {
				continue
			}
			lstart, lend := labelSpan(s.m, prevEnd, loc[0])
			prevEnd = loc[1]
			label, child, _ := cleanLabel(s.m[lstart:lend])
			child = child || childScope(s.m[:loc[0]])
			unit := s.m[loc[4]:loc[5]]
			if staffExclRE.MatchString(label) || label == "" {
				continue
			}
			c := cand{v: int64(n), ev: s.disp}
			// The staff of the department's whole system (its schools…)
			// only when the report gives no other.
			system := systemRE.MatchString(label)
			other := x.otherYearAt(s.m, loc[0])
			switch {
			case actualWordRE.MatchString(label):
				if unit == "个" || !actualTailRE.MatchString(label) || subtypeRE.MatchString(label) {
					continue
				}
				if other {
					if !child {
						x.noteOtherYear("staff.actual", s)
					}
					continue
				}
				if child && !actualChildRE.MatchString(strings.TrimPrefix(label, "其中")) {
					continue
				}
				c.tier = 2
				if strings.Contains(label, "在职") || strings.Contains(label, "在编") || strings.Contains(label, "在岗") {
					c.tier = 1
				}
				if system {
					c.tier = 3
				}
				actual = append(actual, c)
			case authorizedRE.MatchString(label) && authTailRE.MatchString(label):
				if other {
					if !child && !subtypeRE.MatchString(label) {
						x.noteOtherYear("staff.authorized", s)
					}
					continue
				}
				if subtypeRE.MatchString(label) {
					name := label
					if i := strings.LastIndexAny(name, "(["); i >= 0 {
						name = name[i+1:] // 核定编制(行政编制48名
					}
					subtypes = append(subtypes, fmt.Sprintf("%s %d", name, n))
					if !child {
						c.tier = 1
						subtypeC = append(subtypeC, c)
					}
					continue
				}
				if child {
					continue
				}
				c.tier = 1
				if system {
					c.tier = 3
				}
				auth = append(auth, c)
			}
		}
	}
	auth = append(auth, x.formC["staff.authorized"]...)
	actual = append(actual, x.formC["staff.actual"]...)
	fmtCount := func(v int64) string { return strconv.FormatInt(v, 10) + "人" }
	if len(subtypes) > 0 {
		// The posts of the whole system only when the report counts none
		// of the department's own.
		auth = slices.DeleteFunc(auth, func(c cand) bool { return c.tier == 3 })
	}
	if len(auth) == 0 && len(subtypes) == 1 && len(subtypeC) == 1 {
		// One kind of post only (核定政法专项编制28名): that is all there is.
		auth = subtypeC
		x.d.note("%s：报告只列出了一类编制（%s），按编制人数填写，请核对没有其他编制", figureLabel("staff.authorized"), subtypes[0])
	}
	x.decide("staff.authorized", auth, fmtCount, func(v int64, ev string) { x.d.Staff.Authorized.set(int(v), ev) })
	if len(auth) == 0 && len(subtypes) > 0 {
		x.d.note("%s：报告只分类列出了编制（%s），没有合计，未填写", figureLabel("staff.authorized"), strings.Join(subtypes, "、"))
	}
	x.decide("staff.actual", actual, fmtCount, func(v int64, ev string) { x.d.Staff.Actual.set(int(v), ev) })
}

// countValue reads a whole number written in digits or Chinese numerals.
func countValue(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	digit := map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	total, cur := 0, 0
	seen := false
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			d, ok := digit[r]
			if !ok {
				return 0, false
			}
			cur = d
		}
		seen = true
	}
	return total + cur, seen
}

// ---- checks ----

// checks adds notes on figures that disagree with each other, and lists
// what was not found.
func (x *extractor) checks() {
	d := x.d
	sp := &d.Spending
	const tol = 20000 // 0.02万元 of rounding
	abs := func(v int64) int64 {
		if v < 0 {
			return -v
		}
		return v
	}
	if sp.Total.OK && sp.Basic.OK && sp.Project.OK && abs(int64(sp.Basic.V+sp.Project.V-sp.Total.V)) > tol {
		d.note("%s：基本支出 %s + 项目支出 %s = %s，与支出合计 %s 不符", figureLabel("spending"),
			fmtFen(int64(sp.Basic.V)), fmtFen(int64(sp.Project.V)), fmtFen(int64(sp.Basic.V+sp.Project.V)), fmtFen(int64(sp.Total.V)))
	}
	if sp.Basic.OK && sp.Personnel.OK && sp.Public.OK && abs(int64(sp.Personnel.V+sp.Public.V-sp.Basic.V)) > tol {
		d.note("%s：人员经费 %s + 公用经费 %s = %s，与基本支出 %s 不符", figureLabel("spending"),
			fmtFen(int64(sp.Personnel.V)), fmtFen(int64(sp.Public.V)), fmtFen(int64(sp.Personnel.V+sp.Public.V)), fmtFen(int64(sp.Basic.V)))
	}
	sg := &d.Sangong
	if sg.Abroad.OK && sg.Reception.OK && sg.Vehicles.OK {
		sum := sg.Abroad.V + sg.Reception.V + sg.Vehicles.V
		switch {
		case sg.Total.OK && abs(int64(sum-sg.Total.V)) > tol:
			d.note("%s：因公出国（境）费 + 公务接待费 + 公务用车购置及运行费 = %s，与三公经费合计 %s 不符", figureLabel("sangong"), fmtFen(int64(sum)), fmtFen(int64(sg.Total.V)))
		case !sg.Total.OK:
			d.note("%s：没有读出，三项之和为 %s（请核对报告是否写明了合计；报告没有写明的，可以填三项之和，并在推算数字（derived）中列出三公经费合计（sangong.total））", figureLabel("sangong.total"), fmtFen(int64(sum)))
		}
	}
	if d.Score.OK && d.Grade.OK {
		want := "差"
		switch s := d.Score.V; {
		case s >= 90:
			want = "优"
		case s >= 80:
			want = "良"
		case s >= 60:
			want = "中"
		}
		if want != d.Grade.V {
			d.note("%s：%s 与自评得分 %s 分不相符（通常 90 分以上为优，80 分以上为良，60 分以上为中）", figureLabel("grade"), d.Grade.V, fmtHundredths(int64(d.Score.V*100+0.5)))
		}
	}
	if st := &d.Staff; st.Authorized.OK && st.Actual.OK && st.Actual.V > st.Authorized.V {
		d.note("%s：实有人数 %d 人多于编制人数 %d 人", figureLabel("staff"), st.Actual.V, st.Authorized.V)
	}
	if !d.County.OK {
		d.note("%s：没有自动读出，草稿暂填“%s”，请对照原文改为实际的县名", figureLabel("county"), PlaceholderText)
	} else if strings.HasSuffix(d.County.V, "市") && !d.Prefecture.OK {
		d.note("%s：%s 按县级市填写，请核对它不是地级市", figureLabel("county"), d.County.V)
	}
	if !d.Department.OK {
		d.note("%s：没有自动读出，草稿暂填“%s”，请对照原文改为实际的部门名称", figureLabel("department"), PlaceholderText)
	}
	if !d.Year.OK {
		d.note("%s：没有自动读出，草稿暂填 %d，请对照原文改为实际的年度", figureLabel("year"), PlaceholderYear)
	}
	if !d.Type.OK {
		d.note("%s：没有自动读出，草稿暂填“%s”，请对照原文核对", figureLabel("type"), TypeWhole)
	}
	filled := map[string]bool{}
	for _, f := range d.figures() {
		filled[f.key] = f.ok
	}
	for _, n := range x.unfilled {
		if !filled[n.key] {
			d.note("%s", n.text)
		}
	}
	x.noteOtherYears()
	// Not read, but for the figures a report of its type does not have
	// (a 项目支出 report's 基本支出, 三公经费, staff…), which it cannot
	// be missing.
	var missing []string
	for _, f := range d.figures() {
		if !f.ok && f.key != "prefecture" && f.key != "province" && !(d.Type.OK && check.NotApplicable(d.Type.V, f.key)) {
			missing = append(missing, f.key)
		}
	}
	if len(missing) > 0 {
		d.note("没有自动读出（报告中可能有，请对照原文查找后填写；或如上所述未填写）：%s", figureLabels(missing))
	}
}
