package importer

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/check"
)

// Placeholders written for required keys the importer could not read, so
// that the draft still parses; the review list says to replace them.
const (
	PlaceholderText = check.Placeholder
	PlaceholderYear = check.PlaceholderYear
)

// figure is one key of the content format, with its truth-file name.
type figure struct {
	key, jsonKey string
	ok           bool
	value        string // as written in YAML and JSON: 1530.53, 97, "桃源县"
	text         bool   // value is text, to be quoted
	evidence     string
}

func amountFigure(key, jsonKey string, v Value[Amount]) figure {
	return figure{key: key, jsonKey: jsonKey, ok: v.OK, value: v.V.String(), evidence: v.Evidence}
}

func textFigure(key, jsonKey string, v Value[string]) figure {
	return figure{key: key, jsonKey: jsonKey, ok: v.OK, value: v.V, text: true, evidence: v.Evidence}
}

func intFigure(key, jsonKey string, v Value[int]) figure {
	return figure{key: key, jsonKey: jsonKey, ok: v.OK, value: strconv.Itoa(v.V), evidence: v.Evidence}
}

// figures lists every figure of the draft in the order of the content
// format.
func (d *Draft) figures() []figure {
	return []figure{
		textFigure("county", "county", d.County),
		textFigure("prefecture", "prefecture", d.Prefecture),
		textFigure("province", "province", d.Province),
		textFigure("department", "department", d.Department),
		intFigure("year", "year", d.Year),
		textFigure("type", "report_type", d.Type),
		amountFigure("spending.total", "total_spending", d.Spending.Total),
		amountFigure("spending.basic", "basic_spending", d.Spending.Basic),
		amountFigure("spending.project", "project_spending", d.Spending.Project),
		amountFigure("spending.personnel", "personnel_spending", d.Spending.Personnel),
		amountFigure("spending.public", "public_spending", d.Spending.Public),
		amountFigure("income", "budget_income", d.Income),
		amountFigure("sangong.total", "sangong_total", d.Sangong.Total),
		amountFigure("sangong.abroad", "sangong_travel_abroad", d.Sangong.Abroad),
		amountFigure("sangong.reception", "sangong_reception", d.Sangong.Reception),
		amountFigure("sangong.vehicles", "sangong_vehicles", d.Sangong.Vehicles),
		amountFigure("sangong.change", "sangong_prev_year_change", d.Sangong.Change),
		{key: "score", jsonKey: "self_score", ok: d.Score.OK, value: strconv.FormatFloat(d.Score.V, 'f', -1, 64), evidence: d.Score.Evidence},
		textFigure("grade", "grade", d.Grade),
		intFigure("staff.authorized", "staff_authorized", d.Staff.Authorized),
		intFigure("staff.actual", "staff_actual", d.Staff.Actual),
	}
}

// Found returns how many of the figures of the content format the draft
// holds, and how many there are.
func (d *Draft) Found() (found, all int) {
	for _, f := range d.figures() {
		all++
		if f.ok {
			found++
		}
	}
	return found, all
}

// maxEvidence is the longest evidence kept, in characters.
const maxEvidence = 600

// yamlQuote writes s as a YAML double-quoted scalar. Brackets are escaped
// when a line holds many, which report.Parse would take for deep nesting.
func yamlQuote(s string) string {
	q := strconv.Quote(strings.ToValidUTF8(s, "\uFFFD"))
	if strings.Count(q, "[")+strings.Count(q, "{") > 8 {
		q = strings.NewReplacer("[", `\x5b`, "]", `\x5d`, "{", `\x7b`, "}", `\x7d`).Replace(q)
	}
	return q
}

// clip shortens a long evidence sentence.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= maxEvidence {
		return s
	}
	return string([]rune(s)[:maxEvidence]) + "…"
}

// Markdown returns the draft as a content file: front matter with every
// figure found (null for the others), its evidence, draft: true and the
// review list, then the report's text as Markdown. Required keys the
// importer could not read are given placeholders (PlaceholderText,
// PlaceholderYear, 整体支出) that the review list points out, so the file
// always parses.
func (d *Draft) Markdown() []byte {
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "# 导入说明：本草稿由 %s 自动导入。请对照 evidence 中的原句逐项核对数字，处理 review 中的每条提示，核对无误后删除 draft: true 这一行。\n",
		strings.Map(func(r rune) rune {
			if forbidden(r) || r == '\t' || r == '\n' || r == utf8.RuneError {
				return ' '
			}
			return r
		}, strings.ToValidUTF8(filepath.Base(d.Name), " ")))
	figs := d.figures()
	byKey := map[string]figure{}
	for _, f := range figs {
		byKey[f.key] = f
	}
	text := func(key, placeholder string) {
		f := byKey[key]
		switch {
		case f.ok && f.value != "":
			fmt.Fprintf(&b, "%s: %s\n", key, yamlQuote(f.value))
		case placeholder != "":
			fmt.Fprintf(&b, "%s: %s\n", key, yamlQuote(placeholder))
		}
	}
	text("county", PlaceholderText)
	text("prefecture", "")
	text("province", "")
	text("department", PlaceholderText)
	if d.Year.OK {
		fmt.Fprintf(&b, "year: %d\n", d.Year.V)
	} else {
		fmt.Fprintf(&b, "year: %d\n", PlaceholderYear)
	}
	if d.Type.OK {
		fmt.Fprintf(&b, "type: %s\n", yamlQuote(d.Type.V))
	} else {
		fmt.Fprintf(&b, "type: %s\n", yamlQuote(TypeWhole))
	}
	if d.Type.OK && d.Type.V == TypeProject {
		// A department may publish a 项目支出 report for each project:
		// the project's name tells them apart (see report.Report.Project).
		if p := d.Project(); p != "" {
			fmt.Fprintf(&b, "project: %s\n", yamlQuote(p))
		} else {
			b.WriteString("project: null\n")
		}
	}
	review := d.Notes()
	if d.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", yamlQuote(clip(d.Title)))
	}
	if d.Published.OK {
		fmt.Fprintf(&b, "published: %s\n", d.Published.V)
	}
	b.WriteString("unit: 万元\n")
	val := func(key string) string {
		if f := byKey[key]; f.ok {
			if f.text {
				return yamlQuote(f.value)
			}
			return f.value
		}
		return "null"
	}
	group := func(name string, subs ...string) {
		fmt.Fprintf(&b, "%s:\n", name)
		for _, s := range subs {
			fmt.Fprintf(&b, "  %s: %s\n", s, val(name+"."+s))
		}
	}
	group("spending", "total", "basic", "project", "personnel", "public")
	fmt.Fprintf(&b, "income: %s\n", val("income"))
	group("sangong", "total", "abroad", "reception", "vehicles", "change")
	fmt.Fprintf(&b, "score: %s\n", val("score"))
	fmt.Fprintf(&b, "grade: %s\n", val("grade"))
	group("staff", "authorized", "actual")
	first := true
	for _, f := range figs {
		if !f.ok || f.evidence == "" {
			continue
		}
		if first {
			b.WriteString("evidence:\n")
			first = false
		}
		fmt.Fprintf(&b, "  %s: %s\n", f.key, yamlQuote(f.evidence))
	}
	b.WriteString("draft: true\n")
	if len(review) > 0 {
		b.WriteString("review:\n")
		for _, r := range review {
			fmt.Fprintf(&b, "  - %s\n", yamlQuote(r))
		}
	}
	b.WriteString("---\n")
	b.WriteString(d.Body)
	return b.Bytes()
}

// ---- body ----

var (
	chromeLineRE = regexp.MustCompile(`^(?:附件下载|扫一扫在手机打开当前页|扫一扫在手机上打开当前页|相关稿件|相关链接|打印本页|关闭窗口|打印|关闭|分享到|【字体[:：]|字体[:：]\s*大|来源[:：].{0,30}发布时间|发布(?:时间|日期)[:：]|上一篇|下一篇|返回顶部|【打印】|【关闭】)`)
	listNumRE    = regexp.MustCompile(`^(\d{1,2})[、.．)）]\s*`)
	bulletRE     = regexp.MustCompile(`^[•●·▪■◆◇○]\s*`)
)

// markdownBody turns the report's paragraphs, less its header lines, into
// Markdown: 一、 and （一） headings become ## and ### headings, 1、 lists an
// ordered list, bullets a list, and tables GFM tables.
func markdownBody(ps []para, header map[int]bool) string {
	var b strings.Builder
	numbered := slices.ContainsFunc(ps, func(p para) bool { return !p.cell && (p.marker == 2 || p.marker == 3) })
	inList := "" // the kind of list being written: "ol", "ul" or none
	endList := func() {
		if inList != "" {
			b.WriteString("\n")
			inList = ""
		}
	}
	startList := func(kind string) {
		if inList != kind {
			endList()
		}
		inList = kind
	}
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if header[i] {
			continue
		}
		if p.cell {
			endList()
			j := i
			var rows [][]string
			for ; j < len(ps) && ps[j].cell && ps[j].table == p.table; j++ {
				r := ps[j].row - p.row
				for len(rows) <= r {
					rows = append(rows, nil)
				}
				rows[r] = append(rows[r], ps[j].text)
			}
			writeTable(&b, rows)
			i = j - 1
			continue
		}
		t := p.text
		if chromeLineRE.MatchString(t) {
			continue
		}
		if shortLine(p) {
			// A run of short lines, such as a form flattened one cell per
			// line, stays one block with line breaks.
			j := i
			var run []string
			for ; j < len(ps) && !header[j] && shortLine(ps[j]); j++ {
				if !chromeLineRE.MatchString(ps[j].text) {
					run = append(run, escapeLine(ps[j].text))
				}
			}
			if len(run) >= 4 {
				endList()
				b.WriteString(strings.Join(run, "\\\n") + "\n\n")
				i = j - 1
				continue
			}
		}
		if plainHeading(ps, header, i) {
			// Under the numbered headings of a report that has them (its
			// 一、 lost in copying, or a part of one), or of its own.
			endList()
			if numbered {
				b.WriteString("### " + escapeInline(t) + "\n\n")
			} else {
				b.WriteString("## " + escapeInline(t) + "\n\n")
			}
			continue
		}
		if p.marker == 2 || p.marker == 3 {
			head, rest := splitHeading(t)
			if head != "" {
				endList()
				level := "## "
				if p.marker == 3 {
					level = "### "
				}
				b.WriteString(level + escapeInline(head) + "\n\n")
				if rest != "" {
					b.WriteString(escapeLine(rest) + "\n\n")
				}
				continue
			}
		}
		if m := listNumRE.FindStringSubmatch(t); m != nil && p.marker == 4 && strings.TrimSpace(t[len(m[0]):]) != "" {
			startList("ol")
			b.WriteString(m[1] + ". " + escapeInline(t[len(m[0]):]) + "\n")
			continue
		}
		if m := bulletRE.FindString(t); m != "" && strings.TrimSpace(t[len(m):]) != "" {
			startList("ul")
			b.WriteString("- " + escapeInline(t[len(m):]) + "\n")
			continue
		}
		endList()
		b.WriteString(escapeLine(t) + "\n\n")
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// plainHeading reports whether ps[i] is a heading without a number
// (基本支出情况): a short line with no punctuation (isHeading) after
// prose, a table or nothing, and before a sentence. A short line beside
// other short lines (a form flattened a cell a line) or above a table
// (its caption) is not.
func plainHeading(ps []para, header map[int]bool, i int) bool {
	p := ps[i]
	if p.cell || p.marker != 0 || !isHeading(p) {
		return false
	}
	prose := func(q para) bool {
		return !q.cell && (utf8.RuneCountInString(q.text) > 25 || strings.ContainsAny(q.text, "。；;"))
	}
	next, prev := -1, -1
	for j := i + 1; j < len(ps) && next < 0; j++ {
		if !header[j] && !chromeLineRE.MatchString(ps[j].text) {
			next = j
		}
	}
	for j := i - 1; j >= 0 && prev < 0; j-- {
		if !header[j] && !chromeLineRE.MatchString(ps[j].text) {
			prev = j
		}
	}
	return next >= 0 && prose(ps[next]) && (prev < 0 || ps[prev].cell || !shortLine(ps[prev]))
}

// shortLine reports whether a paragraph is a short line that is not a
// heading or list item, such as a cell of a flattened form.
func shortLine(p para) bool {
	return !p.cell && p.marker == 0 && utf8.RuneCountInString(p.text) <= 25 && !strings.ContainsAny(p.text, "。；;") &&
		!bulletRE.MatchString(p.text)
}

// splitHeading splits a numbered line into its heading and the text that
// follows it on the same line, if any. It returns no heading for a long
// sentence that merely starts with a number.
func splitHeading(t string) (head, rest string) {
	if utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "。；;") {
		return t, ""
	}
	rs := []rune(t)
	for i, r := range rs {
		if i > 40 {
			break
		}
		if r == ' ' || r == '。' {
			h := strings.TrimSpace(string(rs[:i]))
			if r == '。' {
				h = string(rs[:i])
			}
			if strings.ContainsAny(h, "，,；;") {
				return "", ""
			}
			return h, strings.TrimSpace(string(rs[i+1:]))
		}
	}
	return "", ""
}

func writeTable(b *strings.Builder, rows [][]string) {
	cols := 0
	nonEmpty := false
	for _, r := range rows {
		cols = max(cols, len(r))
		for _, c := range r {
			if c != "" {
				nonEmpty = true
			}
		}
	}
	if !nonEmpty {
		return
	}
	if cols < 2 {
		for _, r := range rows {
			for _, c := range r {
				if c != "" {
					b.WriteString(escapeLine(c) + "\n\n")
				}
			}
		}
		return
	}
	row := func(r []string) {
		b.WriteString("|")
		for i := 0; i < cols; i++ {
			c := ""
			if i < len(r) {
				c = escapeInline(r[i])
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	// Drop empty rows (merged cells).
	var kept [][]string
	for _, r := range rows {
		if strings.TrimSpace(strings.Join(r, "")) != "" {
			kept = append(kept, r)
		}
	}
	row(kept[0])
	b.WriteString("|" + strings.Repeat(" --- |", cols) + "\n")
	for _, r := range kept[1:] {
		row(r)
	}
	b.WriteString("\n")
}

var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"|", `\|`, "~", `\~`, "&", `\&`, "$", `\$`,
)

var lineStartRE = regexp.MustCompile(`^(?:#|[-+=]|\d+[.)](?:\s|$))`)

// escapeInline escapes the characters Markdown would read as markup.
func escapeInline(s string) string {
	s = mdSpecial.Replace(s)
	if m := lineStartRE.FindStringIndex(s); m != nil {
		// Escape the character that would start a heading, list or rule.
		i := m[1] - 1
		for i > 0 && (s[i] == ' ' || s[i] == '\t') {
			i--
		}
		if s[0] == '#' || s[0] == '-' || s[0] == '+' || s[0] == '=' {
			i = 0
		}
		s = s[:i] + `\` + s[i:]
	}
	return s
}

// escapeLine escapes a paragraph, including what would begin a block.
func escapeLine(s string) string {
	return escapeInline(strings.TrimSpace(s))
}
