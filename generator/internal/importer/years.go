package importer

import (
	"regexp"
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
	// carryRE finds the balances of earlier years counted in this year's
	// income: 上年结转, 上年度结余.
	// relOnlyCompareRE finds more words that make 上年 a comparison: 低于上年,
	// 和上年相比 (but not a year: 2022年和2023年 lists two).
	relOnlyCompareRE = regexp.MustCompile(`(?:于|和)$`)
	carryRE          = regexp.MustCompile(`^(?:末|的)?(?:结转|结余|结存|累计结余)`)
	bracketRE        = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]|《[^《》]*》`)
)

// yearMarker is a marker of a year in a sentence.
type yearMarker struct {
	pos   int
	other bool
	text  string
}

// yearMarkers lists the markers of a year in s, in order, for a report of
// year (0 when the report's year is not known: then only the words for the
// year before count as another year).
func yearMarkers(s string, year int) []yearMarker {
	var out []yearMarker
	for _, loc := range sentYearRE.FindAllStringSubmatchIndex(s, -1) {
		if dateAfterYearRE.MatchString(s[loc[1]:]) || compareYrRE.MatchString(s[:loc[0]]) || relCompareRE.MatchString(s[:loc[0]]) {
			continue
		}
		y, _ := strconv.Atoi(s[loc[2]:loc[3]])
		if year == 0 {
			continue
		}
		out = append(out, yearMarker{pos: loc[0], other: y != year, text: s[loc[0]:loc[1]]})
	}
	for _, loc := range relYearRE.FindAllStringIndex(s, -1) {
		w := s[loc[0]:loc[1]]
		if relCompareRE.MatchString(s[:loc[0]]) || relOnlyCompareRE.MatchString(s[:loc[0]]) || carryRE.MatchString(s[loc[1]:]) {
			continue
		}
		if strings.HasPrefix(w, "上") && strings.HasSuffix(s[:loc[0]], "以") {
			continue // 以上年度…: not a year
		}
		other := strings.HasPrefix(w, "上") || strings.HasPrefix(w, "去") || strings.HasPrefix(w, "前")
		out = append(out, yearMarker{pos: loc[0], other: other, text: w})
	}
	return out
}

// otherYear reports whether before, the text of a sentence before a figure,
// puts the figure in another year than the report's.
func (x *extractor) otherYear(before string) bool {
	// Brackets closed before the figure hold their own years: blank them
	// out, keeping the length.
	for {
		t := bracketRE.ReplaceAllStringFunc(before, func(m string) string { return strings.Repeat("_", len(m)) })
		if t == before {
			break
		}
		before = t
	}
	year := 0
	if x.d.Year.OK {
		year = x.d.Year.V
	}
	last := yearMarker{pos: -1}
	for _, mk := range yearMarkers(before, year) {
		if mk.pos > last.pos {
			last = mk
		}
	}
	return last.pos >= 0 && last.other
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

// otherYearKind returns the key of the figure an amount of another year
// names, if any.
func otherYearKind(label string) string {
	for _, k := range []struct {
		key  string
		core *regexp.Regexp
	}{
		{"spending.basic", basicCore}, {"spending.project", projectCore}, {"spending.personnel", personnelCore},
		{"spending.public", publicCore}, {"spending.total", totalCore}, {"income", incomeCore},
		{"sangong.total", sangongCore}, {"sangong.abroad", abroadCore}, {"sangong.reception", receptionCore},
		{"sangong.vehicles", vehicleCore},
	} {
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
