package importer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A label is the text in front of a number, back to the previous clause
// boundary or figure: 其中基本支出决算数 in 其中基本支出决算数596.04万元. A figure
// is only taken when its label, once innocuous words are stripped from both
// ends, is exactly one of the names of that figure.

// prefixWords may stand in front of a figure's name without changing what
// it is.
var prefixWords = sortLongestFirst([]string{
	"本年度", "本年", "全年", "当年", "年度", "本期", "本部门", "本单位", "我局", "我单位", "我部门", "本局",
	"该单位", "该部门", "部门整体", "单位整体", "部门", "单位", "全局", "全部", "整体",
	"一般公共预算财政拨款", "一般公共预算", "公共预算财政拨款", "公共财政预算", "公共预算", "财政拨款",
	"财政", "部门财政资金", "财政资金", "实际", "决算", "累计", "总", "其中", "包括", "另有", "另", "以及", "及", "和", "与",
	"三公经费中", "三公经费支出中", "共", "安排的", "列支的", "基本支出中", "基本支出中的",
})

// suffixWords may follow a figure's name.
var suffixWords = sortLongestFirst([]string{
	"决算数", "决算额", "决算", "实际数", "实际支出数", "实际支出", "实际发生额", "发生额", "发生数", "执行数",
	"完成数", "支出数", "金额", "总额", "总计", "合计", "共计", "总数", "数额", "数", "额", "为", "是", "达到",
	"达", "共", "计", "累计", "预算数", "预算", "年初预算数", "年初预算", "全年预算数", "全年预算",
	"调整预算数", "调整后预算数", "预算金额", "预算安排", "安排", "预算执行数", "支出",
	"全年执行数", "全年执行", "一般公共预算财政拨款", "财政拨款",
	"本年度", "本年", "当年", // 三公经费本年支出
})

var budgetWords = map[string]bool{
	"预算数": true, "预算": true, "年初预算数": true, "年初预算": true, "全年预算数": true, "全年预算": true,
	"调整预算数": true, "调整后预算数": true, "预算金额": true, "预算安排": true, "安排": true,
}

var actualWords = map[string]bool{
	"决算数": true, "决算额": true, "决算": true, "实际数": true, "实际支出数": true, "实际支出": true,
	"实际发生额": true, "发生额": true, "发生数": true, "执行数": true, "完成数": true, "支出数": true,
	"实际": true, "预算执行数": true, "全年执行数": true, "全年执行": true,
}

// fundWords say where money came from; an income named with them is only
// part of the income.
var fundWords = map[string]bool{
	"一般公共预算财政拨款": true, "一般公共预算": true, "公共预算财政拨款": true, "公共财政预算": true,
	"公共预算": true, "财政拨款": true, "财政": true,
}

func sortLongestFirst(s []string) []string {
	slices.SortStableFunc(s, func(a, b string) int { return len(b) - len(a) })
	return s
}

var labelYearRE = regexp.MustCompile(`^((?:19|20)\d\d)年度?`)

// labelMatch is how a label reads against a figure's names.
type labelMatch struct {
	ok       bool
	budget   bool
	actual   bool
	prefixes []string
	suffixes []string
	years    []int
	core     string
}

func (lm labelMatch) has(words ...string) bool {
	for _, w := range words {
		if slices.Contains(lm.prefixes, w) || slices.Contains(lm.suffixes, w) {
			return true
		}
	}
	return false
}

// matchLabel reads label against core, a regular expression anchored with
// ^ that matches the figure's names.
func matchLabel(label string, core *regexp.Regexp) labelMatch {
	var lm labelMatch
	rest := label
	for rest != "" {
		if m := labelYearRE.FindStringSubmatch(rest); m != nil {
			y, _ := strconv.Atoi(m[1])
			lm.years = append(lm.years, y)
			rest = rest[len(m[0]):]
			continue
		}
		found := false
		for _, w := range prefixWords {
			if strings.HasPrefix(rest, w) && !core.MatchString(rest) {
				lm.prefixes = append(lm.prefixes, w)
				rest = rest[len(w):]
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	loc := core.FindStringIndex(rest)
	if loc == nil || loc[0] != 0 || loc[1] == 0 {
		return labelMatch{}
	}
	lm.core = rest[:loc[1]]
	tail := rest[loc[1]:]
	for tail != "" {
		found := false
		for _, w := range suffixWords {
			if strings.HasPrefix(tail, w) {
				if budgetWords[w] {
					lm.budget = true
				}
				if actualWords[w] {
					lm.actual = true
				}
				lm.suffixes = append(lm.suffixes, w)
				tail = tail[len(w):]
				found = true
				break
			}
		}
		if !found {
			return labelMatch{}
		}
	}
	for _, p := range lm.prefixes {
		if p == "实际" || p == "决算" {
			lm.actual = true
		}
	}
	if lm.actual {
		lm.budget = false
	}
	lm.ok = true
	return lm
}

func (lm labelMatch) hasFund() bool {
	for _, p := range lm.prefixes {
		if fundWords[p] {
			return true
		}
	}
	return false
}

var (
	markerPrefixRE = regexp.MustCompile(`^(?:\(\d{1,2}\)|\d{1,2}[、.)]|[①-⑳]|[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|[a-zA-Z][.)、]|[-•●·▪■◆])`)
	connectorRE    = regexp.MustCompile(`(?:为|是|达到|达|:|=|约为|约|共计|共)$`)
	approxRE       = regexp.MustCompile(`(?:约|近|超过|超|逾|不足|不到|近乎|大约)$`)
	bareRE         = regexp.MustCompile(`^(?:(?:全年|本年|年度|当年)?(?:预算数?|决算数?|实际支出数?|实际数|执行数|支出数|实际|年初预算数?|全年预算数?|调整后?预算数?|全年执行数?|执行|完成数|实际完成数?|实际发生数?|发生数|合计|小计)|支出|收入)$`)
	// noteMarkRE finds a footnote's marker at the end of a label or a
	// cell: 公务接待费[2], 人员经费①, 2,377.04¹.
	noteMarkRE    = regexp.MustCompile(`(?:\[\d{1,2}\]|[①-⑳]|[⁰¹²³⁴-⁹]+)$`)
	subjectTailRE = regexp.MustCompile(`(?:预算数?|决算数?|年初预算数?|全年预算数?|调整后?预算数?|实际支出数?|实际数|全年执行数?|执行数|支出数|合计|小计)$`)
)

// cleanLabel strips list markers, opening brackets and 其中 from the front
// of a label and connectors (为, 是, :) and footnote markers ([1], ①) from
// its end. It reports whether the label marked
// a sub-item (其中) or an approximate value (约).
func cleanLabel(l string) (label string, child, approx bool) {
	l = strings.TrimSpace(l)
	for {
		m := markerPrefixRE.FindString(l)
		if m == "" || strings.HasSuffix(m, ".") && len(l) > len(m) && isDigit(rune(l[len(m)])) {
			break
		}
		l = strings.TrimSpace(l[len(m):])
	}
	// (人员经费701.30万元,…): the bracket opens before the label.
	l = strings.TrimLeft(l, "([")
	for {
		switch {
		case strings.HasPrefix(l, "其中"):
			child = true
			l = strings.TrimPrefix(l, "其中")
			continue
		case strings.HasPrefix(l, "包括"):
			child = true
			l = strings.TrimPrefix(l, "包括")
			continue
		}
		break
	}
	for {
		if approxRE.MatchString(l) {
			approx = true
		}
		t := connectorRE.ReplaceAllString(noteMarkRE.ReplaceAllString(l, ""), "")
		t = approxRE.ReplaceAllString(t, "")
		if t == l {
			break
		}
		l = t
	}
	return strings.TrimSpace(l), child, approx
}

var receivedRE = regexp.MustCompile(`到位|收到|拨付|下达|拨入`)

// inherit gives a bare qualifier (决算数 in 预算数0.5万元,决算数0万元) the
// subject of the figure before it.
func inherit(prev, bare string) string {
	subj := prev
	for {
		t := subjectTailRE.ReplaceAllString(subj, "")
		if t == subj {
			break
		}
		subj = t
	}
	// 资金到位X万元，实际支出Y万元: the spending of the money received.
	if receivedRE.MatchString(subj) && (strings.HasPrefix(bare, "支出") || strings.HasPrefix(bare, "实际支出")) {
		subj = ""
	}
	// 全年收入X万元，支出Y万元: the spending of the same subject.
	if strings.HasPrefix(bare, "支出") {
		subj = strings.TrimSuffix(subj, "收入")
	} else if strings.HasPrefix(bare, "收入") {
		subj = strings.TrimSuffix(subj, "支出")
	}
	l := subj + bare
	l = strings.ReplaceAll(l, "支出支出", "支出")
	l = strings.ReplaceAll(l, "收入收入", "收入")
	l = strings.ReplaceAll(l, "支出实际支出", "支出决算")
	l = strings.ReplaceAll(l, "支出支出数", "支出决算")
	l = strings.ReplaceAll(l, "收入实际收入", "收入决算")
	return l
}

// neutralBudgetWords hold a budget or plan word without naming a budget
// figure: the name of a fund (一般公共预算), of a budget unit, of a
// functional class (国有土地使用权出让收入安排的支出), of a post (核定编制).
var neutralBudgetWords = []string{"一般公共预算", "公共预算", "政府性基金预算", "国有资本经营预算", "预算单位", "部门预算编制", "预算内", "预算执行",
	"收入安排的", "安排的支出", "计划财务", "计划生育", "核定编制", "核定人员编制", "核定的编制"}

// budgetWordRE finds a word that makes a figure a budget or plan
// (年初预算, 批复, 核定, 限额, 控制数, 计划安排, 下一年度), and budgetEndRE one
// that makes it what was spent (实际支出, 决算, 执行数).
var (
	budgetWordRE = regexp.MustCompile(`预算|计划|预计|拟|批复|核定|限额|控制数|安排|下一年度|下年度|明年`)
	budgetEndRE  = regexp.MustCompile(`决算|实际|执行|实支|已支出|已使用|发生额|发生数|到位|到账|收到|拨付|拨入`)
	// yearSpentRE finds words of the year's spending that end a budget's
	// list when no budget word comes with them: 全年支出, 本年支出.
	yearSpentRE = regexp.MustCompile(`(?:全年|本年度?|当年)(?:共|累计)?支出`)
)

// maskNeutral blanks the neutral budget words of s, keeping its length.
func maskNeutral(s string) string {
	for _, w := range neutralBudgetWords {
		s = strings.ReplaceAll(s, w, strings.Repeat("_", len(w)))
	}
	return s
}

// budgetish reports whether a label names a budget or plan rather than an
// actual figure.
func budgetish(l string) bool {
	l = maskNeutral(l)
	if budgetEndRE.MatchString(l) {
		return false
	}
	return budgetWordRE.MatchString(l)
}

// budgetScope follows, figure by figure along a sentence, whether its
// figures are a budget's or plan's list: a budget word (年初预算安排, 批复,
// 核定…限额) starts one, which goes on over 其中, 、 and commas until a
// clause with a word of what was spent (实际支出, 决算, 执行数, 资金到位)
// ends it. A clause with both is what was spent, as budgetish reads a
// label (实际预算收入); a list in brackets ends with them (6.10万元(预算
// 7.00万元), 公务接待费…: the figures after it are what they were before).
type budgetScope struct {
	on    bool
	outer []bool // on, outside each bracket open
}

// read takes in text, the words of the sentence up to its next figure.
func (b *budgetScope) read(text string) {
	text = maskNeutral(text)
	start := 0
	flush := func(end int) {
		if c := text[start:end]; budgetEndRE.MatchString(c) || yearSpentRE.MatchString(c) && !budgetWordRE.MatchString(c) {
			b.on = false
		} else if budgetWordRE.MatchString(c) {
			b.on = true
		}
	}
	for i, r := range text {
		switch {
		case r == '(':
			flush(i)
			b.outer = append(b.outer, b.on)
		case r == ')':
			flush(i)
			if n := len(b.outer); n > 0 {
				b.on, b.outer = b.outer[n-1], b.outer[:n-1]
			}
		case strings.ContainsRune(boundaries, r):
			flush(i)
		default:
			continue
		}
		start = i + utf8.RuneLen(r)
	}
	flush(len(text))
}

// allCores are the names of every amount the importer reads.
var allCores []*regexp.Regexp

// knownLabel reports whether l names one of the amounts the importer reads.
func knownLabel(l string) bool {
	for _, c := range allCores {
		if matchLabel(l, c).ok {
			return true
		}
	}
	return false
}

// splitNames splits the names before 分别 (基本支出和项目支出分别为…) into
// known labels; it fails unless every part is one.
func splitNames(l string) ([]string, bool) {
	if knownLabel(l) {
		return []string{l}, true
	}
	for i, r := range l {
		if r != '、' && r != '和' && r != '及' && r != '与' && r != ',' {
			continue
		}
		head := l[:i]
		if !knownLabel(head) {
			continue
		}
		if rest, ok := splitNames(l[i+len(string(r)):]); ok {
			return append([]string{head}, rest...), true
		}
	}
	return nil, false
}
