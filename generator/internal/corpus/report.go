package corpus

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/gosimple/slug"

	"github.com/countyperf/portal/generator/internal/report"
)

// file is one generated report file.
type file struct {
	path string
	data []byte
}

// state is how a figure appears in a file.
type state uint8

const (
	absent     state = iota // the key is left out
	null                    // the key is given as null
	value                   // a value is given
	unreadable              // the key is given as 无法识别
)

// amount is a money figure, held in fen so that every unit converts
// exactly.
type amount struct {
	st  state
	fen int64
}

func (a amount) known() bool { return a.st == value }

// unit is the unit a report gives its amounts in.
type unit struct {
	name string
	// div is the number of fen in one unit; gran is the step, in fen, of
	// the figures a report in this unit gives (0.01 of the unit, but
	// whole yuan mostly for 元).
	div, gran int64
}

var (
	unitWan   = unit{"万元", 1_000_000, 10_000}
	unitQian  = unit{"千元", 100_000, 1_000}
	unitYuan  = unit{"元", 100, 1}
	fenPerWan = float64(report.FenPerWan)
)

// fromWan converts 万元 to fen, rounded to the unit's step.
func (u unit) fromWan(w float64) int64 {
	return int64(math.Round(w*fenPerWan/float64(u.gran))) * u.gran
}

// format writes fen in the unit with no trailing zeros, such as 1530.53.
func (u unit) format(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	digits := len(strconv.FormatInt(u.div, 10)) - 1
	s := strconv.FormatInt(fen/u.div, 10)
	if frac := fen % u.div; frac != 0 {
		f := fmt.Sprintf("%0*d", digits, frac)
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// figures are one report's figures.
type figures struct {
	unit                                      unit
	showUnit                                  bool
	total, basic, project, personnel, public  amount
	income                                    amount
	sangong                                   bool // the sangong key is present
	sgTotal, abroad, reception, vehicles, chg amount
	score                                     state
	scoreText                                 string
	scoreVal                                  float64
	grade                                     string
	staff                                     bool
	authorized, actual                        amount // whole people in fen
}

// seriesState carries a series from one year to the next.
type seriesState struct {
	base      float64 // total spending of the first year, 万元
	growth    float64
	basicPart float64
	persPart  float64
	sgPart    float64
	staff     int
	prevYear  int
	prevSg    amount
}

// files makes the series' report files, oldest first.
func (s *series) files(opt Options) []file {
	rng := rand.New(rand.NewPCG(uint64(s.seed)^0x5eed5eed5eed5eed, uint64(s.index)+1))
	st := &seriesState{
		base:      s.dept.total * math.Exp(rng.NormFloat64()*0.45),
		growth:    0.02 + rng.NormFloat64()*0.06,
		basicPart: 0.15 + rng.Float64()*0.45,
		persPart:  0.6 + rng.Float64()*0.3,
		sgPart:    0.004 + rng.Float64()*0.03,
		staff:     max(3, int(float64(s.dept.staff)*math.Exp(rng.NormFloat64()*0.3))),
	}
	out := make([]file, 0, len(s.years))
	for _, y := range s.years {
		f := st.next(rng, y)
		var b bytes.Buffer
		b.Grow(opt.BodyBytes.Max + 4096)
		s.frontMatter(&b, rng, y, f, opt.ForHugo)
		s.body(&b, rng, y, f, opt.BodyBytes)
		kind := ""
		if s.typ == report.TypeProject {
			kind = "-xm"
		}
		name := fmt.Sprintf("%s/%s-%s-%d-%s%s.md", s.county.dir, s.county.adcode, s.county.slug, y, initials(s.dept.name), kind)
		out = append(out, file{name, b.Bytes()})
	}
	return out
}

// initials returns the first letters of a name's romanisation, such as
// xzspfwj for 行政审批服务局.
func initials(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(slug.Make(name), "-") {
		if part != "" {
			b.WriteByte(part[0])
		}
	}
	return b.String()
}

// chance reports true with probability p.
func chance(rng *rand.Rand, p float64) bool { return rng.Float64() < p }

// missing returns null or absent, half and half.
func missing(rng *rand.Rand) state {
	if rng.IntN(2) == 0 {
		return null
	}
	return absent
}

// next draws the figures of the series' report for the year.
func (st *seriesState) next(rng *rand.Rand, year int) *figures {
	f := &figures{unit: unitWan}
	switch r := rng.Float64(); {
	case r < 0.08:
		f.unit, f.showUnit = unitYuan, true
	case r < 0.12:
		f.unit, f.showUnit = unitQian, true
	default:
		f.showUnit = chance(rng, 0.5)
	}
	u := f.unit
	years := float64(year - 2000)
	totalWan := st.base * math.Pow(1+st.growth, years/4) * (1 + rng.NormFloat64()*0.08)
	totalWan = math.Max(totalWan, 20)
	basicWan := totalWan * st.basicPart * (1 + rng.NormFloat64()*0.05)

	// Basic spending and its parts: personnel + public = basic.
	pers := u.fromWan(basicWan * st.persPart)
	pub := u.fromWan(basicWan * (1 - st.persPart))
	f.personnel = amount{value, pers}
	f.public = amount{value, pub}
	basic := pers + pub
	switch r := rng.Float64(); {
	case r < 0.06:
		basic += u.gran * int64(1-2*rng.IntN(2)) // rounding
	case r < 0.08:
		basic += u.fromWan(basicWan * (0.02 + rng.Float64()*0.1)) // a real gap
	}
	f.basic = amount{value, basic}
	project := u.fromWan(math.Max(totalWan-basicWan, 0))
	f.project = amount{value, project}
	total := basic + project
	switch r := rng.Float64(); {
	case r < 0.08:
		total += u.gran * int64(1-2*rng.IntN(2))
	case r < 0.13:
		gap := u.fromWan(totalWan * (0.02 + rng.Float64()*0.18))
		if chance(rng, 0.2) {
			gap = -gap
		}
		total += gap
	case r < 0.133 && u == unitWan:
		// A unit slip: the project figure copied in 元 as if in 万元.
		f.project.fen = project * 10_000
	}
	f.total = amount{value, total}
	f.income = amount{value, u.fromWan(totalWan * (0.85 + rng.Float64()*0.25))}

	// Some figures are not disclosed, or cannot be read.
	for _, m := range []struct {
		a *amount
		p float64
	}{{&f.total, 0.02}, {&f.basic, 0.04}, {&f.project, 0.04}, {&f.personnel, 0.08}, {&f.public, 0.09}, {&f.income, 0.08}} {
		switch r := rng.Float64(); {
		case r < m.p:
			m.a.st = missing(rng)
		case r < m.p+0.003:
			m.a.st = unreadable
		}
	}

	// 三公经费: abroad + reception + vehicles = total, mostly.
	f.sangong = !chance(rng, 0.03)
	if f.sangong {
		sg := basicWan * st.sgPart
		if chance(rng, 0.05) {
			sg = 0
		}
		recShare := 0.3 + rng.Float64()*0.5
		rec := u.fromWan(sg * recShare)
		veh := u.fromWan(sg * (1 - recShare))
		var abr int64
		f.abroad = amount{value, 0}
		switch r := rng.Float64(); {
		case r < 0.05:
			f.abroad.st = missing(rng)
		case r < 0.12:
			abr = u.fromWan(sg * rng.Float64() * 0.3)
			f.abroad.fen = abr
		}
		f.reception = amount{value, rec}
		f.vehicles = amount{value, veh}
		sgTotal := abr + rec + veh
		switch r := rng.Float64(); {
		case r < 0.06:
			sgTotal += u.gran
		case r < 0.10:
			sgTotal += u.fromWan(sg*(0.05+rng.Float64()*0.3)) + u.gran
		}
		f.sgTotal = amount{value, sgTotal}
		for _, a := range []*amount{&f.reception, &f.vehicles} {
			if chance(rng, 0.08) {
				a.st = missing(rng)
			}
		}
		if chance(rng, 0.05) {
			f.sgTotal.st = missing(rng)
		}
		// The change against last year, which the checks compare with the
		// previous year's file.
		switch r := rng.Float64(); {
		case st.prevYear == year-1 && st.prevSg.known() && f.sgTotal.known() && r < 0.75:
			d := f.sgTotal.fen - st.prevSg.fen
			f.chg = amount{value, d / u.gran * u.gran}
		case r < 0.85:
			f.chg = amount{value, u.fromWan(sg * (rng.Float64() - 0.5) * 0.4)}
		default:
			f.chg.st = missing(rng)
		}
	}
	st.prevYear = year
	st.prevSg = f.sgTotal
	if !f.sangong {
		st.prevSg = amount{}
	}

	// The self-evaluation score and grade.
	switch r := rng.Float64(); {
	case r < 0.10:
		f.score = missing(rng)
		if chance(rng, 0.5) {
			f.grade = report.Grades[rng.IntN(2)]
		}
	case r < 0.105:
		f.score = unreadable
	default:
		f.score = value
		v := 100 - math.Abs(rng.NormFloat64())*7
		if chance(rng, 0.03) {
			v = 60 + rng.Float64()*25
		}
		v = math.Max(60, math.Min(100, v))
		switch d := rng.Float64(); {
		case d < 0.6:
			v = math.Round(v)
			f.scoreText = strconv.Itoa(int(v))
		case d < 0.9:
			v = math.Round(v*10) / 10
			f.scoreText = strconv.FormatFloat(v, 'f', -1, 64)
		default:
			v = math.Round(v*100) / 100
			f.scoreText = strconv.FormatFloat(v, 'f', -1, 64)
		}
		f.scoreVal = v
		g := gradeOf(v)
		switch r := rng.Float64(); {
		case r < 0.03 && g > 0:
			g-- // a grade better than the score earns
		case r < 0.04 && g < 3:
			g++
		}
		if !chance(rng, 0.04) {
			f.grade = report.Grades[g]
		}
	}

	// Staff: actual is usually at most the authorized number.
	f.staff = !chance(rng, 0.05)
	if f.staff {
		a := st.staff + rng.IntN(3) - 1
		act := a - rng.IntN(a*3/10+1)
		if chance(rng, 0.04) {
			act = a + 1 + rng.IntN(5)
		}
		f.authorized = amount{value, int64(a)}
		f.actual = amount{value, int64(act)}
		if chance(rng, 0.04) {
			f.authorized.st = missing(rng)
		}
		if chance(rng, 0.06) {
			f.actual.st = missing(rng)
		}
	}
	return f
}

// gradeOf returns the index in report.Grades of the grade a score earns.
func gradeOf(v float64) int {
	switch {
	case v >= 90:
		return 0
	case v >= 80:
		return 1
	case v >= 60:
		return 2
	}
	return 3
}

// frontMatter writes the YAML front matter, in the order of the format's
// documentation. Mappings are written in block or flow style.
func (s *series) frontMatter(b *bytes.Buffer, rng *rand.Rand, year int, f *figures, hugo bool) {
	c := s.county
	flow := chance(rng, 0.3)
	b.WriteString("---\n")
	fmt.Fprintf(b, "county: %s\n", c.name)
	if c.showAdcode && !chance(rng, 0.05) {
		fmt.Fprintf(b, "adcode: \"%s\"\n", c.adcode)
	}
	fmt.Fprintf(b, "prefecture: %s\nprovince: %s\ndepartment: %s\nyear: %d\ntype: %s\n", c.prefecture, c.province, s.dept.name, year, s.typ)
	kind := "部门整体支出"
	if s.typ == report.TypeProject {
		kind = "项目支出"
	}
	switch r := rng.Float64(); {
	case r < 0.45:
		fmt.Fprintf(b, "title: \"%s%s%d年度%s绩效自评报告\"\n", c.name, s.dept.name, year, kind)
	case r < 0.65:
		fmt.Fprintf(b, "title: \"%s%s%d年%s绩效自评报告\"\n", c.name, s.dept.name, year, kind)
	case r < 0.75:
		fmt.Fprintf(b, "title: \"关于%s%s%d年度%s绩效自评情况的报告\"\n", c.name, s.dept.name, year, strings.TrimPrefix(kind, "部门"))
	}
	if chance(rng, 0.85) {
		fmt.Fprintf(b, "published: %d-%02d-%02d\n", year+1, 3+rng.IntN(7), 1+rng.IntN(28))
	}
	if chance(rng, 0.65) {
		host := strings.ReplaceAll(c.slug, "-", "")
		fmt.Fprintf(b, "source: https://www.%s.gov.cn/zwgk/czzj/%d/%s%d%03d.html\n", host, year+1, initials(s.dept.name), year, rng.IntN(1000))
	}
	if f.showUnit {
		fmt.Fprintf(b, "unit: %s\n", f.unit.name)
	}
	u := f.unit
	money := func(a amount) string {
		switch a.st {
		case null:
			return "null"
		case unreadable:
			return report.UnreadableText
		}
		return u.format(a.fen)
	}
	count := func(a amount) string {
		if a.st == null {
			return "null"
		}
		return strconv.FormatInt(a.fen, 10)
	}
	group(b, "spending", flow, []string{"total", "basic", "project", "personnel", "public"},
		[]amount{f.total, f.basic, f.project, f.personnel, f.public}, money)
	if f.income.st != absent {
		fmt.Fprintf(b, "income: %s\n", money(f.income))
	}
	if f.sangong {
		group(b, "sangong", flow, []string{"total", "abroad", "reception", "vehicles", "change"},
			[]amount{f.sgTotal, f.abroad, f.reception, f.vehicles, f.chg}, money)
	}
	switch f.score {
	case value:
		fmt.Fprintf(b, "score: %s\n", f.scoreText)
	case null:
		b.WriteString("score: null\n")
	case unreadable:
		b.WriteString("score: " + report.UnreadableText + "\n")
	}
	if f.grade != "" {
		fmt.Fprintf(b, "grade: %s\n", f.grade)
	}
	if f.staff {
		group(b, "staff", flow, []string{"authorized", "actual"}, []amount{f.authorized, f.actual}, count)
	}
	s.evidence(b, rng, year, f)
	if hugo {
		fmt.Fprintf(b, "counties: [%s]\n", c.name)
	}
	b.WriteString("---\n")
}

// group writes a mapping of figures, leaving out absent ones.
func group(b *bytes.Buffer, key string, flow bool, names []string, vals []amount, text func(amount) string) {
	n := 0
	for _, v := range vals {
		if v.st != absent {
			n++
		}
	}
	if n == 0 {
		return
	}
	b.WriteString(key + ":")
	if flow {
		b.WriteString(" {")
	} else {
		b.WriteString("\n")
	}
	first := true
	for i, v := range vals {
		if v.st == absent {
			continue
		}
		if flow {
			if !first {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "%s: %s", names[i], text(v))
		} else {
			fmt.Fprintf(b, "  %s: %s\n", names[i], text(v))
		}
		first = false
	}
	if flow {
		b.WriteString("}\n")
	}
}

// evidence writes, for some reports, the sentences a few figures were read
// from.
func (s *series) evidence(b *bytes.Buffer, rng *rand.Rand, year int, f *figures) {
	if !chance(rng, 0.4) {
		return
	}
	c, d, u := s.county.name, s.dept.name, f.unit
	v := func(a amount) string { return u.format(a.fen) + u.name }
	var lines []string
	add := func(key, sentence string) {
		if chance(rng, 0.7) {
			lines = append(lines, fmt.Sprintf("  %s: %q", key, sentence))
		}
	}
	add("county", fmt.Sprintf("%s%s%d年度部门整体支出绩效自评报告", c, d, year))
	if f.total.known() {
		add("spending.total", fmt.Sprintf("%d年度公共预算财政拨款支出%s，其中：", year, v(f.total)))
	}
	if f.basic.known() {
		sent := fmt.Sprintf("1．公共预算财政拨款基本支出%s", v(f.basic))
		if f.personnel.known() && f.public.known() {
			sent += fmt.Sprintf("，其中：人员经费支出%s，日常公用经费支出%s。", v(f.personnel), v(f.public))
			add("spending.personnel", sent)
		} else {
			sent += "。"
		}
		add("spending.basic", sent)
	}
	if f.project.known() {
		add("spending.project", fmt.Sprintf("2．公共预算财政拨款项目支出%s。", v(f.project)))
	}
	if f.income.known() {
		add("income", fmt.Sprintf("%d年度收入决算数%s。", year, v(f.income)))
	}
	if f.sgTotal.known() {
		add("sangong.total", fmt.Sprintf("%d年度“三公”经费支出%s。", year, v(f.sgTotal)))
	}
	if f.chg.known() {
		dir := "增加"
		if f.chg.fen < 0 {
			dir = "减少"
		}
		add("sangong.change", fmt.Sprintf("“三公”经费较上年%s%s。", dir, u.format(abs(f.chg.fen))+u.name))
	}
	if f.score == value {
		g := "；评价等级未在报告中说明"
		if f.grade != "" {
			g = "，评价等级为：" + f.grade
		}
		add("score", fmt.Sprintf("经综合评价，%d年%s%s整体支出绩效自评得分%s分%s。", year, c, d, f.scoreText, g))
	}
	if f.authorized.known() && f.actual.known() {
		add("staff.actual", fmt.Sprintf("现核定编制数%d人，实有在职人员%d人。", f.authorized.fen, f.actual.fen))
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("evidence:\n")
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
