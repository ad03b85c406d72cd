package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// Value is one figure of a draft: its value, whether it was found, and the
// sentence it was read from.
type Value[T any] struct {
	// V is the value; it means nothing unless OK.
	V T
	// OK reports whether the figure was found.
	OK bool
	// Evidence is the sentence the value was read from, in the report's
	// words (see sourceText.find), at most maxEvidence characters.
	Evidence string
}

// set records the value and the sentence of the cleaned text it was read
// from; Extract then puts the sentence in the report's words, and clips
// it.
func (v *Value[T]) set(x T, evidence string) {
	v.V, v.OK, v.Evidence = x, true, evidence
}

// Amount is an amount of money in fen, the unit of report.Amount.
type Amount = report.Amount

// Draft is what Extract read from a report: every figure it is sure of,
// with its evidence, notes for the reviewer, and the report's text as
// Markdown.
type Draft struct {
	// Name is the name of the input, as given to Extract.
	Name string
	// Title is the report's title as it heads the report.
	Title string

	// County, Prefecture, Province and Department name the reporting
	// unit; Prefecture and Province only when the report states them.
	County, Prefecture, Province, Department Value[string]
	// Year is the fiscal year evaluated.
	Year Value[int]
	// Type is report.TypeWhole (整体支出) or report.TypeProject (项目支出).
	Type Value[string]

	// Spending holds the actual spending of the year: total, basic and
	// project spending, and basic spending's personnel and public parts.
	Spending struct {
		Total, Basic, Project, Personnel, Public Value[Amount]
	}
	// Income is the income of the year (收入决算数); in a project's report
	// (项目支出), the money the project received (到位资金, 拨付), as the
	// portal's downloads describe the figure.
	Income Value[Amount]
	// Sangong holds the 三公经费 actually spent, in total and by item.
	Sangong struct {
		Total, Abroad, Reception, Vehicles Value[Amount]
		// Change is the change against the previous year; it may be
		// negative.
		Change Value[Amount]
	}
	// Score is the evaluation's total self-score, 0 to 100.
	Score Value[float64]
	// Grade is the evaluation's grade: 优, 良, 中 or 差.
	Grade Value[string]
	// Staff holds the authorized posts (编制) and the staff actually in
	// post.
	Staff struct {
		Authorized, Actual Value[int]
	}

	// Published is the date the report was published, YYYY-MM-DD; its
	// evidence is quoted in a review note, as the content format has no
	// evidence for it.
	Published Value[string]

	// Review lists what the importer left out or doubts, and why, in
	// Chinese for the person who reviews the draft.
	Review []string
	// Body is the report's text as Markdown, without its title.
	Body string
}

// evidence returns the evidence of every figure of the draft.
func (d *Draft) evidence() []*string {
	return []*string{
		&d.County.Evidence, &d.Prefecture.Evidence, &d.Province.Evidence, &d.Department.Evidence,
		&d.Year.Evidence, &d.Type.Evidence,
		&d.Spending.Total.Evidence, &d.Spending.Basic.Evidence, &d.Spending.Project.Evidence,
		&d.Spending.Personnel.Evidence, &d.Spending.Public.Evidence, &d.Income.Evidence,
		&d.Sangong.Total.Evidence, &d.Sangong.Abroad.Evidence, &d.Sangong.Reception.Evidence,
		&d.Sangong.Vehicles.Evidence, &d.Sangong.Change.Evidence,
		&d.Score.Evidence, &d.Grade.Evidence, &d.Staff.Authorized.Evidence, &d.Staff.Actual.Evidence,
	}
}

// maxNotes bounds the review list, so that no input makes the front matter
// too large to parse.
const maxNotes = 60

func (d *Draft) note(format string, args ...any) {
	switch {
	case len(d.Review) < maxNotes:
		d.Review = append(d.Review, fmt.Sprintf(format, args...))
	case len(d.Review) == maxNotes:
		d.Review = append(d.Review, "其余提示从略")
	}
}

// figureLabel names a key of the content format for the reviewer: by its
// Chinese name, with the key after it in parentheses, as
// 支出合计（spending.total）. A figure read in parts, as
// "sangong.vehicles (购置)", is named with its part.
func figureLabel(key string) string {
	base, part, _ := strings.Cut(key, " (")
	name, ok := keyNames[base]
	if !ok {
		if name = check.FigureName(base); name == base {
			return key
		}
	}
	if part = strings.TrimSuffix(part, ")"); part != "" {
		return name + "（" + base + "）中的" + part
	}
	return name + "（" + base + "）"
}

// figureLabels is figureLabel of each key, joined by 、.
func figureLabels(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = figureLabel(k)
	}
	return strings.Join(out, "、")
}

// keyNames are the Chinese names of the keys that are not figures (see
// check.FigureName), and of the groups of figures.
var keyNames = map[string]string{
	"county": "县名", "prefecture": "地市", "published": "发布日期", "province": "省份", "department": "部门", "year": "年度", "type": "报告类型",
	"spending": "支出", "sangong": "三公经费", "staff": "人数",
}

// projectTitleRE finds a project's name in a report's title: the words
// after its year (2023年, 2023年度) and before 绩效自评报告 or
// 绩效评价报告, without a 项目支出 that ends them.
var projectTitleRE = regexp.MustCompile(`[0-9０-９]{4}\s*年(?:度)?(.+?)(?:项目支出)?(?:绩效自评价?报告|绩效评价报告)`)

// notProjects are words that a title may have where a project's name
// would be, that name none.
var notProjects = map[string]bool{
	"项目": true, "项目支出": true, "专项": true, "专项支出": true, "专项资金": true, "专项经费": true, "项目资金": true,
	"专项资金支出": true, "专项项目": true, "专项项目支出": true,
	"部门": true, "部门整体支出": true, "整体支出": true, "部门项目支出": true, "财政": true, "财政支出": true,
}

// Project returns the name of the project or special fund that a 项目支出
// draft evaluates, as its title gives it: the words after the year and
// before 绩效自评报告 or 绩效评价报告 (农村公路养护专项资金, of
// 2023年农村公路养护专项资金绩效自评报告), less the county's and
// department's names when they lead them. It returns "" for a draft of
// another type, and when the title names no project (2023年度项目支出绩效
// 自评报告): the draft then says project: null, with a note.
func (d *Draft) Project() string {
	if !d.Type.OK || d.Type.V != TypeProject {
		return ""
	}
	m := projectTitleRE.FindStringSubmatch(d.Title)
	if m == nil {
		return ""
	}
	p := m[1]
	trim := func() {
		p = strings.TrimFunc(p, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("的“”\"'《》「」〈〉:：,，、", r)
		})
	}
	trim()
	for _, lead := range []Value[string]{d.County, d.Department} {
		if lead.OK && lead.V != "" && strings.HasPrefix(p, lead.V) {
			p = strings.TrimPrefix(p, lead.V)
			trim()
		}
	}
	if p == "" || notProjects[p] || strings.Contains(p, "整体支出") || utf8.RuneCountInString(p) > report.MaxName ||
		strings.ContainsFunc(p, func(r rune) bool { return !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r) }) {
		return ""
	}
	return p
}

// noProjectNote is the review note of a 项目支出 draft whose title names
// no project (see Draft.Project).
const noProjectNote = "项目名称（project）：标题没有写明本报告评价的项目或专项资金，未填写；请照报告填写，如 project: 农村公路养护专项资金。同一部门同一年度有几份项目支出报告时，须以项目名称区分，否则会被当作重复的报告"

// Notes returns the review notes that the draft's file lists: Review,
// and for a 项目支出 draft whose title names no project, a note that asks
// for it.
func (d *Draft) Notes() []string {
	if d.Type.OK && d.Type.V == TypeProject && d.Project() == "" {
		return append(d.Review[:len(d.Review):len(d.Review)], noProjectNote)
	}
	return d.Review
}
