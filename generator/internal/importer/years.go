package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// A figure of another year than the report's is never taken. The year of a
// figure is the last marker of a year before it in its sentence: a year
// (2022年度), a word for the year before the report's (上年, 上年度, 上一年度,
// 去年) or one for the report's own year (本年, 本年度, 今年, 当年), which
// restarts it. Comparisons (较上年, 与2022年相比) and balances brought forward
// (上年结转) are not markers, nor is a marker inside brackets or a title
// (《关于上年度…的通知》) closed before the figure: in 得分95分（上年为89分），
// 等级为优, the grade is this year's.

var (
	relYearRE = regexp.MustCompile(`上一?年度?|去年度?|前一年度?|本年度?|今年度?|当年度?`)
	// relCompareRE finds the words that make a year a comparison when
	// they end the text before it.
	relCompareRE = regexp.MustCompile(`(?:较|比|与|同|对比|相比|相较|相对|相较于|相对于|较之)$`)
	// relOnlyCompareRE finds more words that make 上年 a comparison: 低于上年,
	// 和上年相比 (but not a year: 2022年和2023年 lists two).
	relOnlyCompareRE = regexp.MustCompile(`(?:于|和)$`)
	// carryRE finds the balances of earlier years counted in this year's
	// income: 上年结转, 上年度结余.
	carryRE = regexp.MustCompile(`^(?:末|的)?(?:结转|结余|结存|累计结余)`)
)

// yearMarker is a marker of a year in a sentence.
type yearMarker struct {
	pos, end int
	other    bool
	// closeAt is where the innermost bracket (（）, [], 《》) around the
	// marker closes, or -1 when it is in none or one left open.
	closeAt int
}

// yearMarkers lists the markers of a year in s, in order, for a report of
// year (0 when the report's year is not known: then only the words for the
// year before count as another year).
func yearMarkers(s string, year int) []yearMarker {
	var out []yearMarker
	if year != 0 {
		for _, loc := range sentYearRE.FindAllStringSubmatchIndex(s, -1) {
			if dateAfterYearRE.MatchString(s[loc[1]:]) || relCompareRE.MatchString(tail(s, loc[0])) {
				continue
			}
			y, _ := strconv.Atoi(s[loc[2]:loc[3]])
			out = append(out, yearMarker{pos: loc[0], end: loc[1], other: y != year})
		}
	}
	for _, loc := range relYearRE.FindAllStringIndex(s, -1) {
		w := s[loc[0]:loc[1]]
		before := tail(s, loc[0])
		if relCompareRE.MatchString(before) || relOnlyCompareRE.MatchString(before) || carryRE.MatchString(s[loc[1]:]) {
			continue
		}
		if strings.HasPrefix(w, "上") && strings.HasSuffix(s[:loc[0]], "以") {
			continue // 以上年度…: not a year
		}
		other := strings.HasPrefix(w, "上") || strings.HasPrefix(w, "去") || strings.HasPrefix(w, "前")
		out = append(out, yearMarker{pos: loc[0], end: loc[1], other: other})
	}
	slices.SortFunc(out, func(a, b yearMarker) int { return a.pos - b.pos })
	// Where the bracket around each marker closes: each open bracket on
	// the stack holds the markers met since it opened.
	var stack [][]int
	k := 0
	for i := range out {
		out[i].closeAt = -1
	}
	for i, r := range s {
		for k < len(out) && out[k].pos <= i {
			if len(stack) > 0 {
				stack[len(stack)-1] = append(stack[len(stack)-1], k)
			}
			k++
		}
		switch r {
		case '(', '[', '《':
			stack = append(stack, nil)
		case ')', ']', '》':
			if len(stack) == 0 {
				continue
			}
			for _, m := range stack[len(stack)-1] {
				out[m].closeAt = i
			}
			stack = stack[:len(stack)-1]
		}
	}
	return out
}

// tail returns the few bytes of s before i that the comparisons above
// look at, so that reading a long sentence stays linear.
func tail(s string, i int) string {
	return s[max(0, i-24):i]
}

// otherYearAt reports whether the figure at byte pos of sentence s (folded)
// is of another year than the report's: whether the last marker of a year
// before it, not in a bracket closed before it, is of another year.
func (x *extractor) otherYearAt(s string, pos int) bool {
	markers, ok := x.years[s]
	if !ok {
		year := 0
		if x.d.Year.OK {
			year = x.d.Year.V
		}
		markers = yearMarkers(s, year)
		if x.years == nil {
			x.years = map[string][]yearMarker{}
		}
		x.years[s] = markers
	}
	other := false
	for _, mk := range markers {
		if mk.end > pos {
			break
		}
		if mk.closeAt >= 0 && mk.closeAt < pos {
			continue
		}
		other = mk.other
	}
	return other
}

// noteOtherYear remembers that the figure key was left out of sentence s
// because it is another year's; checks notes it when no figure was read.
func (x *extractor) noteOtherYear(key string, s sentence) {
	if x.otherEv == nil {
		x.otherEv = map[string]string{}
	}
	if _, ok := x.otherEv[key]; !ok {
		x.otherEv[key] = s.disp
		x.otherKeys = append(x.otherKeys, key)
	}
}

// amountKeys are the figures an amount's label may name, by the core of
// their label, in the order amountKey tries them.
var amountKeys = []struct {
	key  string
	core *regexp.Regexp
}{
	{"spending.basic", basicCore}, {"spending.project", projectCore}, {"spending.personnel", personnelCore},
	{"spending.public", publicCore}, {"spending.total", totalCore}, {"income", incomeCore},
	{"sangong.total", sangongCore}, {"sangong.abroad", abroadCore}, {"sangong.reception", receptionCore},
	{"sangong.vehicles", vehicleCore},
}

// amountKey returns the key of the figure an amount's label names, if
// any: the figure a review note names when the amount is left out as
// another year's or, in a project's report, as the department's.
func amountKey(label string) string {
	for _, k := range amountKeys {
		if matchLabel(label, k.core).ok {
			return k.key
		}
	}
	return ""
}

// noteOtherYears tells the reviewer about the figures left out only
// because they were another year's.
func (x *extractor) noteOtherYears() {
	ok := map[string]bool{}
	for _, f := range x.d.figures() {
		ok[f.key] = f.ok
	}
	for _, k := range x.otherKeys {
		if !ok[k] {
			x.d.note("%s：报告中的数是上一年度（或其他年度）的，未填写：%s", figureLabel(k), quote(x.source(x.otherEv[k])))
		}
	}
}

// twoYearsRE finds a span of two years, such as 2022—2023年度 or 2022-2023年.
var twoYearsRE = regexp.MustCompile(`((?:19|20)\d\d)\s*年?\s*(?:[-—–－~～至到]+|年至)\s*((?:19|20)\d\d)\s*年度?`)

// noteTwoYears tells the reviewer about a report that covers two years
// (2022—2023年度), in its title or its text, and which year was taken: its
// score and totals may be the two years' together.
func (x *extractor) noteTwoYears() {
	texts := []string{x.d.Title}
	for _, s := range x.sents {
		if !s.cell {
			texts = append(texts, s.disp)
		}
	}
	for _, t := range texts {
		for _, m := range twoYearsRE.FindAllStringSubmatch(t, -1) {
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			if b != a+1 {
				continue
			}
			taken := "年度（year）没有填"
			if x.d.Year.OK {
				taken = fmt.Sprintf("年度（year）填了 %d，只取了该年的数", x.d.Year.V)
			}
			x.d.note("报告涵盖 %d、%d 两个年度（%s）；%s，自评得分等可能是两年合并的，请核对", a, b, quote(strings.TrimSpace(m[0])), taken)
			return
		}
	}
}
