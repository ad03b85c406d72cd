package importer

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/report"
)

var provinces = []string{
	"北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省",
	"浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省",
	"四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区",
	"西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
}

// municipalities are provinces whose districts and counties have no
// prefecture above them.
var municipalities = map[string]bool{"北京市": true, "天津市": true, "上海市": true, "重庆市": true}

// placeSuffixes, longest first. county-level ones end the chain of places.
var placeSuffixes = []struct {
	s      string
	county bool // a county-level division
	pref   bool // may be a prefecture-level division
	minLen int  // shortest name before the suffix, in runes
	maxLen int
}{
	{"自治县", true, false, 2, 14},
	{"自治旗", true, false, 2, 14},
	{"自治州", false, true, 2, 14},
	{"特区", true, false, 2, 6},
	{"林区", true, false, 2, 6},
	{"地区", false, true, 2, 6},
	{"县", true, false, 1, 6},
	{"旗", true, false, 1, 6},
	{"区", true, false, 2, 8},
	{"市", true, true, 2, 6},
	{"州", false, true, 2, 6},
	{"盟", false, true, 2, 6},
}

// orgWords never appear in the name of a place.
var orgWords = []string{"局", "委", "办", "厅", "院", "所", "站", "部", "处", "科", "股", "会", "中心", "政府", "人民", "管理", "服务", "年", "度", "报告", "绩效", "支出", "财政", "关于", "单位"}

type place struct {
	text   string
	county bool
	pref   bool
}

// nextPlace reads one administrative division at the start of s, such as
// 长沙市 or 江华瑶族自治县.
func nextPlace(s string) (place, bool) {
	rs := []rune(s)
	for e := 2; e <= len(rs) && e <= 18; e++ {
		if !isHan(rs[e-1]) {
			return place{}, false
		}
		cand := string(rs[:e])
		for _, suf := range placeSuffixes {
			if !strings.HasSuffix(cand, suf.s) {
				continue
			}
			n := e - utf8.RuneCountInString(suf.s)
			if n < suf.minLen || n > suf.maxLen {
				break
			}
			if suf.s == "州" && e < len(rs) && strings.ContainsRune("市县区", rs[e]) {
				break // 苏州市: the name goes on
			}
			name := string(rs[:n])
			if last := rs[n-1]; strings.ContainsRune("县区市旗", last) {
				return place{}, false // 红岩县市场…: the place ended before
			}
			bad := false
			for _, w := range orgWords {
				if strings.Contains(name, w) {
					bad = true
					break
				}
			}
			if bad {
				return place{}, false
			}
			return place{text: cand, county: suf.county, pref: suf.pref}, true
		}
	}
	return place{}, false
}

// unit is a reporting unit: where it is and what it is called.
type unit struct {
	province, prefecture, county, department string
	rest                                     string // the text after the places
}

var (
	deptCutRE  = regexp.MustCompile(`(?:19|20)\d\d|年度|部门整体|单位整体|整体支出|整体绩效|专项|项目支出|项目绩效|绩效|自评|评价|报告|关于|[(（\[【〔《]`)
	deptTailRE = regexp.MustCompile(`(?:局|委|委员会|办|办公室|院|中心|所|站|馆|部|会|联合会|协会|队|大队|支队|处|室|厅|团|社|校|党校|场|司|公司|政府|街道|街道办事处|镇|乡|园|管委会|法院|检察院|医院|台|库|集团|监狱|宫|署|组|学|幼儿园|联|协|办事处)$`)
	yearRE     = regexp.MustCompile(`((?:19|20)\d\d)\s*年(度)?`)
)

// parseUnit reads a province, prefecture and county at the start of s and
// a department after them, such as 长沙市雨花区行政审批服务局. A year and a
// report title after the place are skipped: 江华瑶族自治县2023年度行政审批服务局.
func parseUnit(s string) unit {
	var u unit
	s = strings.TrimSpace(fold(s))
	for _, b := range []string{"()", "[]"} {
		// (桃源县自然资源局): a unit in brackets under the title.
		if len(s) > 2 && s[0] == b[0] && s[len(s)-1] == b[1] {
			s = strings.TrimSpace(s[1 : len(s)-1])
		}
	}
	s = strings.TrimPrefix(s, "关于")
	if m := yearRE.FindStringIndex(s); m != nil && m[0] == 0 {
		s = s[m[1]:] // 2021年度某县某局…
	}
	s = strings.TrimPrefix(s, "中共")
	for _, p := range provinces {
		if strings.HasPrefix(s, p) {
			u.province = p
			s = s[len(p):]
			break
		}
	}
	var places []place
	for len(places) < 3 {
		p, ok := nextPlace(s)
		if !ok {
			break
		}
		places = append(places, p)
		s = s[len(p.text):]
		if p.county && !p.pref {
			break
		}
	}
	if n := len(places); n > 0 {
		last := places[n-1]
		if last.county {
			u.county = last.text
			if n >= 2 && places[n-2].pref {
				u.prefecture = places[n-2].text
			}
		} else {
			u.prefecture = last.text
		}
		if municipalities[u.province] {
			u.prefecture = ""
		}
	}
	if u.county != "" && strings.HasPrefix(s, "委") {
		// 中共某县委宣传部: the department is 县委宣传部.
		r, _ := utf8.DecodeLastRuneInString(u.county)
		s = string(r) + s
	}
	u.rest = s
	if m := yearRE.FindStringIndex(s); m != nil && m[0] == 0 {
		s = s[m[1]:] // 江华瑶族自治县2023年度行政审批服务局
	}
	s = strings.TrimPrefix(s, "关于")
	if loc := deptCutRE.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	for _, t := range []string{"部门", "单位", "本级", "机关"} {
		if strings.HasSuffix(s, t) && deptTailRE.MatchString(strings.TrimSuffix(s, t)) {
			s = strings.TrimSuffix(s, t)
		}
	}
	if n := utf8.RuneCountInString(s); n >= 2 && n <= 30 && allHan(s) && deptTailRE.MatchString(s) {
		u.department = s
	}
	return u
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

var titleWordRE = regexp.MustCompile(`报告|自评表|评价表|绩效自评|绩效评价`)

// headerLines finds the lines that head the report: the title line (the
// first short line that says 报告 or 自评表), the unit or year lines just
// before it, and a unit or year line just after it. It returns the indexes
// into ps and the index of the title line.
func headerLines(ps []para) (idx []int, titleAt int) {
	var first []int
	for i, p := range ps {
		if len(first) >= 15 {
			break
		}
		if p.cell || p.text == "" {
			continue
		}
		first = append(first, i)
	}
	short := func(i int) bool {
		t := ps[i].text
		return utf8.RuneCountInString(t) <= 60 && !strings.ContainsAny(t, "。，,；;")
	}
	unitOrYear := func(i int) bool {
		t := ps[i].text
		if utf8.RuneCountInString(t) > 40 || strings.ContainsAny(t, "。，,；;：:、") {
			return false
		}
		u := parseUnit(t)
		return u.county != "" || u.department != "" || yearRE.MatchString(t) && utf8.RuneCountInString(t) <= 12
	}
	k := -1
	for j, i := range first {
		if short(i) && titleWordRE.MatchString(ps[i].text) {
			k = j
			break
		}
	}
	if k < 0 {
		if len(first) > 0 && short(first[0]) && utf8.RuneCountInString(ps[first[0]].text) <= 40 {
			return []int{first[0]}, first[0]
		}
		return nil, -1
	}
	start := k
	for start > 0 && k-start < 2 && unitOrYear(first[start-1]) {
		start--
	}
	end := k
	for end+1 < len(first) && end-k < 2 && unitOrYear(first[end+1]) {
		end++
	}
	return first[start : end+1], first[k]
}

// readHeader sets the title, place, department, year and type from the
// lines that head the report, and falls back on the rest of the text for
// what they lack.
func (x *extractor) readHeader() {
	d := x.d
	idx, titleAt := headerLines(x.paras)
	x.header = map[int]bool{}
	var lines []string
	var title strings.Builder
	for _, i := range idx {
		x.header[i] = true
		lines = append(lines, x.paras[i].text)
		if i <= titleAt {
			title.WriteString(x.paras[i].text)
		}
	}
	d.Title = strings.TrimSpace(title.String())
	evidence := strings.Join(lines, "\n")

	// Place and department: the header line that names a county wins; the
	// title line is read first, then the lines after it, then those before.
	var order []string
	for k, i := range idx {
		if i >= titleAt {
			order = append(order, lines[k])
		}
	}
	for k := len(idx) - 1; k >= 0; k-- {
		if idx[k] < titleAt {
			order = append(order, lines[k])
		}
	}
	var best unit
	for _, l := range order {
		u := parseUnit(l)
		if u.county != "" && best.county == "" {
			dept := best.department
			best = u
			if best.department == "" {
				best.department = dept
			}
		} else if best.department == "" && u.department != "" {
			best.department = u.department
		}
	}
	// The whole title read as one, for a unit split over two lines.
	if best.county == "" && d.Title != "" {
		if u := parseUnit(d.Title); u.county != "" {
			best.county, best.prefecture, best.province = u.county, u.prefecture, u.province
			if best.department == "" {
				best.department = u.department
			}
		}
	}
	placeEvidence := evidence
	if best.county == "" {
		if t := x.placeFromText(&best); t != "" {
			placeEvidence = t
		}
	}
	if best.county != "" {
		d.County.set(best.county, placeEvidence)
		if best.prefecture != "" {
			d.Prefecture.set(best.prefecture, placeEvidence)
		}
		if best.province != "" {
			d.Province.set(best.province, placeEvidence)
		}
	}
	if best.department == "" && best.county != "" {
		if dept, ev := x.departmentFromField(best.county); dept != "" {
			best.department = dept
			placeEvidence = ev
		}
	}
	if best.department != "" {
		if evidence != "" && strings.Contains(fold(evidence), best.department) {
			d.Department.set(best.department, evidence)
		} else {
			d.Department.set(best.department, placeEvidence)
		}
	}

	// Year: a year in brackets (2024年…自评报告（2023年度）, the year
	// evaluated in a title that names the year it was written), or else
	// the first year in the header that is not a date.
	for _, l := range lines {
		if m := bracketYearRE.FindStringSubmatch(fold(l)); m != nil {
			if y, _ := strconv.Atoi(m[1]); acceptedYear(y) {
				d.Year.set(y, evidence)
				break
			}
		}
	}
	for _, l := range lines {
		if y, ok := fiscalYear(l); ok {
			if !d.Year.OK {
				d.Year.set(y, evidence)
			} else if y != d.Year.V {
				d.note("%s：标题中有 %d 年，也有括号中的 %d 年度，按括号中的评价年度填写 %d，请核对", figureLabel("year"), y, d.Year.V, d.Year.V)
			}
			break
		}
	}
	if !d.Year.OK {
		x.yearFromText()
	}

	// Type.
	h := strings.Join(lines, "")
	switch {
	case strings.Contains(h, "整体"):
		d.Type.set(TypeWhole, evidence)
	case strings.Contains(h, "专项") || strings.Contains(h, "项目"):
		d.Type.set(TypeProject, evidence)
	default:
		x.typeFromText()
	}
}

// The types of report, as package report names them.
const (
	TypeWhole   = report.TypeWhole
	TypeProject = report.TypeProject
)

var dateAfterYearRE = regexp.MustCompile(`^\s*\d{1,2}\s*月`)

// acceptedYear reports whether y is a year a build accepts in a report
// file: from 2000 to next year.
func acceptedYear(y int) bool { return y >= 2000 && y <= time.Now().Year()+1 }

// bracketYearRE finds a year in brackets, such as the year evaluated after
// a title: （2023年度）.
var bracketYearRE = regexp.MustCompile(`\(\s*((?:19|20)\d\d)\s*年度?\s*\)`)

// fiscalYear finds a year in s that is not part of a date (2022年5月) and is
// plausible for a report.
func fiscalYear(s string) (int, bool) {
	s = fold(s)
	for _, m := range yearRE.FindAllStringSubmatchIndex(s, -1) {
		if dateAfterYearRE.MatchString(s[m[1]:]) {
			continue
		}
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		if acceptedYear(y) {
			return y, true
		}
	}
	return 0, false
}

var fiscalYearTextRE = regexp.MustCompile(`((?:19|20)\d\d)年度?(?:部门|单位)?(?:整体支出|部门整体|项目支出|专项资金|财政资金|预算资金|财政支出|绩效自评|绩效评价|决算|收入|支出)`)

// yearFromText takes the fiscal year from the opening sentences, when the
// title has none: the year that a report's subject phrases name most.
func (x *extractor) yearFromText() {
	count := map[int]int{}
	evidence := map[int]string{}
	total := 0
	for _, s := range x.sents {
		for _, m := range fiscalYearTextRE.FindAllStringSubmatch(s.m, -1) {
			y, _ := strconv.Atoi(m[1])
			if !acceptedYear(y) {
				continue
			}
			count[y]++
			total++
			if evidence[y] == "" {
				evidence[y] = s.disp
			}
		}
	}
	best, bestN := 0, 0
	for y, n := range count {
		if n > bestN || n == bestN && y < best {
			best, bestN = y, n
		}
	}
	if best != 0 && bestN*3 >= total*2 {
		x.d.Year.set(best, evidence[best])
		x.d.note("%s：标题中没有年度，填的是正文中提到最多的 %d 年（正文提到年份 %d 次，其中 %d 次是这一年）", figureLabel("year"), best, total, bestN)
		return
	}
	if best != 0 {
		x.d.note("%s：标题中没有年度，正文提到多个年份，未填写", figureLabel("year"))
	}
}

// typeFromText decides the type when the title does not say it.
func (x *extractor) typeFromText() {
	whole, project := 0, 0
	var we, pe string
	for i, s := range x.sents {
		if i > 60 {
			break
		}
		if strings.Contains(s.m, "部门整体支出") || strings.Contains(s.m, "单位整体支出") {
			whole++
			if we == "" {
				we = s.disp
			}
		}
		if strings.Contains(s.m, "项目支出绩效自评表") || strings.Contains(s.m, "专项资金绩效") || strings.Contains(s.m, "项目绩效自评") {
			project++
			if pe == "" {
				pe = s.disp
			}
		}
	}
	switch {
	case whole > 0 && project == 0:
		x.d.Type.set(TypeWhole, we)
	case project > 0 && whole == 0:
		x.d.Type.set(TypeProject, pe)
	default:
		x.d.note("%s：标题没有说明是整体支出还是项目支出，未填写", figureLabel("type"))
	}
}

var unitLineRE = regexp.MustCompile(`^[\p{Han}]{2,40}$`)

// placeFromText finds the county when the header names none: a line that is
// just a unit's name (often the signature at the end), or a form's 主管部门
// or 单位名称 field. It fills u and returns the text it read.
func (x *extractor) placeFromText(u *unit) string {
	try := func(text string) bool {
		v := parseUnit(text)
		if v.county == "" || v.department == "" {
			return false
		}
		if u.department != "" && v.department != u.department {
			return false
		}
		*u = v
		return true
	}
	var cands []string
	for i := len(x.paras) - 1; i >= 0 && i >= len(x.paras)-12; i-- {
		if p := x.paras[i]; !p.cell && unitLineRE.MatchString(p.text) {
			cands = append(cands, p.text)
		}
	}
	for i := 0; i < len(x.paras) && i < 40; i++ {
		if p := x.paras[i]; !p.cell && unitLineRE.MatchString(p.text) {
			cands = append(cands, p.text)
		}
	}
	for _, c := range cands {
		if try(c) {
			return c
		}
	}
	// A sentence that begins with the place and the department the title
	// names: 桃源县行政审批服务局是正科级事业单位.
	if u.department != "" {
		for i, st := range x.sents {
			if i >= 80 {
				break
			}
			if v := parseUnit(st.disp); v.county != "" && strings.HasPrefix(v.rest, u.department) {
				dept := u.department
				*u = v
				u.department = dept
				return st.disp
			}
		}
	}
	for i := 0; i+1 < len(x.paras); i++ {
		l := strings.TrimRight(fold(x.paras[i].text), ":")
		switch l {
		case "主管部门", "单位名称", "部门名称", "预算单位", "实施单位":
			if try(x.paras[i+1].text) {
				return l + "\n" + x.paras[i+1].text
			}
		}
		for _, k := range []string{"主管部门:", "单位名称:", "部门名称:", "预算单位:"} {
			if v, ok := strings.CutPrefix(l, k); ok && try(v) {
				return x.paras[i].text
			}
		}
	}
	return ""
}

// deptFieldRE finds a field naming the department in charge of a project:
// 项目主管部门：云岭县水利局.
var deptFieldRE = regexp.MustCompile(`^(?:项目)?(?:主管部门|主管单位|预算部门|预算单位)(?:名称)?:(.+)$`)

// departmentFromField returns the department a project's report names in
// its 主管部门 field, on one line or on the line after it, when it is a
// department of county, and the text it was read from.
func (x *extractor) departmentFromField(county string) (dept, evidence string) {
	for i := 0; i < len(x.paras) && i < 40; i++ {
		l := strings.TrimSpace(fold(x.paras[i].text))
		text, ev := "", x.paras[i].text
		if m := deptFieldRE.FindStringSubmatch(l); m != nil {
			text = strings.TrimSpace(m[1])
		} else if deptFieldRE.MatchString(l+":x") && i+1 < len(x.paras) {
			text, ev = strings.TrimSpace(x.paras[i+1].text), ev+"\n"+x.paras[i+1].text
		}
		if text == "" {
			continue
		}
		if u := parseUnit(text); u.county == county && u.department != "" {
			return u.department, ev
		}
		return "", ""
	}
	return "", ""
}
