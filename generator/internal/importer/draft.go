package importer

import (
	"fmt"
	"strings"

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
	// Income is the income of the year (收入决算数).
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
