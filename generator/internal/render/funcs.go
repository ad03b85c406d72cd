package render

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// funcs returns the functions templates may call.
func funcs(r *Renderer) template.FuncMap {
	return template.FuncMap{
		// dict builds a map from alternating keys and values, to pass
		// several values to a partial.
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, errors.New("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		// body renders a report's body.
		"body": r.Body,
		// chartJSON marks chart options as safe inside a
		// <script type="application/json"> block: they come from
		// json.Marshal, which escapes <, > and &.
		"chartJSON": func(b []byte) template.JS { return template.JS(b) },
		"checkRows": checkRowsHTML,
		"table":     tableHTML,
		"rankRows":  rankRowsHTML,
		"chart":     chartHTML,
		"nav":       r.navHTML,
		// figureTables, findingItems and reportLinks render the
		// repeated parts of report pages, the most numerous pages.
		"figureTables":   figureTablesHTML,
		"findingItems":   findingItemsHTML,
		"reportLinks":    reportLinksHTML,
		"reportRows":     reportRowsHTML,
		"yearRows":       yearRowsHTML,
		"findingRows":    findingRowsHTML,
		"disclosureRows": disclosureRowsHTML,
	}
}

// cellText writes a cell's content: a link, 未披露 marked as such, or text.
func cellText(b *strings.Builder, root string, c charts.Cell) {
	if c.Href != "" {
		b.WriteString(`<a href="`)
		b.WriteString(html.EscapeString(root + c.Href))
		b.WriteString(`">`)
	}
	if c.NA {
		b.WriteString(`<span class="na">`)
		b.WriteString(html.EscapeString(c.Text))
		b.WriteString(`</span>`)
	} else {
		b.WriteString(html.EscapeString(c.Text))
	}
	if c.Href != "" {
		b.WriteString(`</a>`)
	}
}

// cellTD writes a table cell; numeric cells carry their machine value for
// sorting.
func cellTD(b *strings.Builder, root string, c charts.Cell) {
	if c.Num {
		b.WriteString(`<td class="num" data-value="`)
		b.WriteString(html.EscapeString(c.Value))
		b.WriteString(`">`)
	} else {
		b.WriteString(`<td>`)
	}
	cellText(b, root, c)
	b.WriteString(`</td>`)
}

// rowsHTML renders the body rows of a table; the first cell of each row is
// its header.
func rowsHTML(root string, t charts.Table) template.HTML {
	var b strings.Builder
	b.Grow(len(t.Rows) * 200)
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				cellText(&b, root, c)
				b.WriteString(`</th>`)
				continue
			}
			cellTD(&b, root, c)
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// figureRowsHTML renders the rows of a report's figure table: each figure
// with its unit, 未披露 where absent, its flag when a finding concerns it,
// the previous year's value and change when withPrev, and its evidence
// sentence on a row of its own. Report pages are the most numerous, so
// their biggest table is rendered here rather than action by action.
func figureRowsHTML(figs []pages.Figure, withPrev bool) template.HTML {
	var b strings.Builder
	b.Grow(len(figs) * 300)
	esc := html.EscapeString
	for _, f := range figs {
		b.WriteString("\n<tr id=\"fig-")
		b.WriteString(esc(f.Key))
		b.WriteString("\">\n<th scope=\"row\">")
		b.WriteString(esc(f.Label))
		if f.Flagged {
			b.WriteString(` <a class="flag" href="#checks" title="见数据核对">⚠ 见数据核对</a>`)
		}
		b.WriteString("</th>\n<td class=\"num\">")
		if f.NA {
			b.WriteString(`<span class="na">` + esc(f.Text) + `</span>`)
		} else {
			b.WriteString(esc(f.Text))
		}
		b.WriteString("</td>\n<td>" + esc(f.Unit) + "</td>")
		if withPrev {
			b.WriteString(`<td class="num">` + esc(f.Prev) + `</td><td>`)
			if f.Delta != nil {
				b.WriteString(`<span class="delta-` + esc(f.Delta.Dir) + `">` + esc(f.Delta.Text) + `</span>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("\n</tr>")
		if f.Evidence != "" {
			cols := "3"
			if withPrev {
				cols = "5"
			}
			b.WriteString("\n<tr class=\"evidence-row\"><td colspan=\"" + cols + "\"><q class=\"evidence\">" + esc(f.Evidence) + "</q></td></tr>")
		}
	}
	return template.HTML(b.String())
}

// checkRowsHTML renders a report's table of check results.
func checkRowsHTML(results []check.Result) template.HTML {
	var b strings.Builder
	for _, c := range results {
		b.WriteString("\n<tr><th scope=\"row\">" + html.EscapeString(c.Title) + "</th><td class=\"status-" + c.Status.String() + "\">" +
			html.EscapeString(c.Status.Label()) + "</td><td>" + html.EscapeString(c.Reason) + "</td></tr>")
	}
	return template.HTML(b.String())
}

// tableHTML renders a chart's data table, with its caption and headings;
// variant and hidden mark one view's table among a chart's views.
func tableHTML(root string, t charts.Table, variant string, hidden bool) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"" + esc(t.Caption) + "\"")
	if variant != "" {
		b.WriteString(" data-variant-table=\"" + esc(variant) + "\"")
	}
	if hidden {
		b.WriteString(" hidden")
	}
	b.WriteString(">\n<table>\n<caption>" + esc(t.Caption) + "</caption>\n<thead><tr>")
	for _, c := range t.Head {
		if c.Num {
			b.WriteString(`<th scope="col" class="num">`)
		} else {
			b.WriteString(`<th scope="col">`)
		}
		b.WriteString(esc(c.Label) + "</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	b.WriteString(string(rowsHTML(root, t)))
	b.WriteString("</tbody>\n</table>\n</div>\n")
	return template.HTML(b.String())
}

// rankRowsHTML renders the rows of a report's rank table.
func rankRowsHTML(root string, ranks []pages.RankRow) template.HTML {
	var b strings.Builder
	for _, r := range ranks {
		b.WriteString("\n<tr><th scope=\"row\">" + html.EscapeString(r.Metric.Label+"（"+r.Metric.Unit+"）") + "</th>")
		cellTD(&b, root, r.Value)
		b.WriteString("<td>" + html.EscapeString(rankText(r.Rank)) + "</td></tr>")
	}
	return template.HTML(b.String())
}

// rankText formats a rank as 第2名/共5名, or — when there is none.
func rankText(k site.Rank) string {
	if k.Of == 0 {
		return "—"
	}
	return fmt.Sprintf("第%d名/共%d名", k.Place, k.Of)
}

// chartHTML renders a chart (a charts.Chart or *charts.Chart): its
// figure, the switch between its views, the element site.js draws it in,
// its options as JSON and its data tables. Every page type has charts, so
// they are rendered here rather than action by action in a partial.
func chartHTML(root string, v any) (template.HTML, error) {
	var c *charts.Chart
	switch x := v.(type) {
	case charts.Chart:
		c = &x
	case *charts.Chart:
		c = x
	default:
		return "", fmt.Errorf("chart: want a chart, got %T", v)
	}
	if c == nil {
		return "", nil
	}
	esc := html.EscapeString
	var b strings.Builder
	b.Grow(len(c.Option)*(1+len(c.Alt)) + 2048)
	id := esc(c.ID)
	b.WriteString("\n<figure class=\"chart-block\" id=\"fig-" + id + "\"")
	if len(c.Alt) > 0 {
		b.WriteString(" data-variants")
	}
	b.WriteString(">\n<figcaption><strong>" + esc(c.Title) + "</strong><span class=\"chart-summary\">" + esc(c.Summary) + "</span></figcaption>")
	if len(c.Alt) > 0 {
		b.WriteString("\n<div class=\"variant-toggle\" role=\"group\" aria-label=\"显示方式\"><button type=\"button\" aria-pressed=\"true\" data-src=\"chart-" + id + "-data\" data-variant=\"main\">总额</button>")
		for _, a := range c.Alt {
			b.WriteString("<button type=\"button\" aria-pressed=\"false\" data-src=\"chart-" + esc(a.Chart.ID) + "-data\" data-variant=\"" + esc(a.Key) + "\">" + esc(a.Label) + "</button>")
		}
		b.WriteString("</div>")
	}
	b.WriteString("\n<div class=\"chart\" id=\"chart-" + id + "\" data-chart-src=\"chart-" + id + "-data\" data-height=\"" + strconv.Itoa(c.Height) +
		"\" role=\"img\" aria-label=\"" + esc(c.Title+"。"+c.Summary) + "\"></div>")
	// The options come from json.Marshal, which escapes <, > and &, so
	// they cannot end the script element.
	writeJSON := func(id string, option []byte) {
		b.WriteString("\n<script type=\"application/json\" id=\"chart-" + esc(id) + "-data\">")
		b.Write(option)
		b.WriteString("</script>")
	}
	writeJSON(c.ID, c.Option)
	for _, a := range c.Alt {
		writeJSON(a.Chart.ID, a.Chart.Option)
	}
	b.WriteString("\n")
	if len(c.Alt) > 0 {
		b.WriteString(string(tableHTML(root, c.Table, "main", false)))
	} else {
		b.WriteString(string(tableHTML(root, c.Table, "", false)))
	}
	for _, a := range c.Alt {
		b.WriteString(string(tableHTML(root, a.Chart.Table, a.Key, true)))
	}
	b.WriteString("\n</figure>\n")
	return template.HTML(b.String()), nil
}

// figureTablesHTML renders a report's figure tables, one per group.
func figureTablesHTML(groups []pages.FigureGroup, withPrev bool) template.HTML {
	var b strings.Builder
	for _, g := range groups {
		t := html.EscapeString(g.Title)
		b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"" + t + "\">\n<table class=\"figures\">\n<caption>" + t +
			"</caption>\n<thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">数值</th><th scope=\"col\">单位</th>")
		if withPrev {
			b.WriteString("<th scope=\"col\" class=\"num\">上年</th><th scope=\"col\">增减</th>")
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		b.WriteString(string(figureRowsHTML(g.Figures, withPrev)))
		b.WriteString("\n</tbody>\n</table>\n</div>")
	}
	return template.HTML(b.String())
}

// findingItemsHTML renders findings as list items.
func findingItemsHTML(fs []check.Finding) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	for _, f := range fs {
		b.WriteString("\n<li class=\"finding finding-" + esc(f.Severity.String()) + "\"><strong>" + esc(f.Title) + "</strong>（" +
			esc(f.Severity.Label()) + "）：" + esc(f.Message) + "</li>")
	}
	return template.HTML(b.String())
}

// reportLinksHTML renders links to reports, as list items.
func reportLinksHTML(root string, rs []*site.Report) template.HTML {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString("<li><a href=\"" + html.EscapeString(root+r.URL) + "\">" + html.EscapeString(r.Title) + "</a></li>")
	}
	return template.HTML(b.String())
}

// navHTML renders the site-wide navigation links for a page at root in
// section; it is the same for every page of a section at one depth, so it
// is rendered once for each.
func (r *Renderer) navHTML(root, section string) template.HTML {
	key := root + "\x00" + section
	if v, ok := r.navCache.Load(key); ok {
		return v.(template.HTML)
	}
	var b strings.Builder
	for _, l := range r.Nav {
		b.WriteString("\n<a href=\"" + html.EscapeString(root+l.Href) + "\"")
		if l.Section == section {
			b.WriteString(" aria-current=\"page\"")
		}
		b.WriteString(">" + html.EscapeString(l.Label) + "</a>")
	}
	h := template.HTML(b.String())
	r.navCache.Store(key, h)
	return h
}

// gradeHTML renders a report's grade, or says it is not disclosed or could
// not be read.
func gradeHTML(g report.Field[string]) template.HTML {
	switch {
	case g.Known():
		v := html.EscapeString(g.V)
		return template.HTML(`<span class="grade" data-grade="` + v + `">` + v + `</span>`)
	case g.State == report.Unreadable:
		return `<span class="na">无法识别</span>`
	}
	return `<span class="na">未披露</span>`
}

// reportRowsHTML renders the body rows of a table of reports (the home
// page and the full list, 500 rows a page).
func reportRowsHTML(root string, rows []pages.Row) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 900)
	esc := html.EscapeString
	for _, row := range rows {
		r := row.R
		year := strconv.Itoa(r.Year)
		pref := esc(r.County.Prefecture)
		b.WriteString("\n<tr data-year=\"" + year + "\" data-prefecture=\"" + pref + "\" data-type=\"" + esc(r.Type) + "\" data-search=\"" + esc(row.Search) + "\">")
		b.WriteString("\n<th scope=\"row\"><a href=\"" + esc(root+r.County.URL) + "\">" + esc(r.County.Name) + "</a></th>\n<td>")
		if pref != "" {
			b.WriteString(pref)
		} else {
			b.WriteString(`<span class="na">未填写</span>`)
		}
		b.WriteString("</td>\n<td><a href=\"" + esc(root+r.URL) + "\">" + esc(r.Department) + "</a></td>\n<td class=\"num\" data-value=\"" + year + "\">" + year +
			"</td>\n<td>" + esc(r.Type) + "</td>\n")
		cellTD(&b, root, row.Total)
		b.WriteString("\n")
		cellTD(&b, root, row.Sangong)
		b.WriteString("\n")
		cellTD(&b, root, row.Score)
		b.WriteString("\n<td data-value=\"" + esc(r.Grade.V) + "\">" + string(gradeHTML(r.Grade)) + "</td>\n</tr>")
	}
	return template.HTML(b.String())
}

// yearRowsHTML renders the rows of a county page's table of a series: a
// row per year with each figure, its change and its rank.
func yearRowsHTML(root string, rows []pages.YearRow) template.HTML {
	var b strings.Builder
	esc := html.EscapeString
	for _, row := range rows {
		b.WriteString("\n<tr>\n<th scope=\"row\"><a href=\"" + esc(root+row.R.URL) + "\">" + strconv.Itoa(row.R.Year) + "年</a></th>")
		for _, c := range row.Cells {
			b.WriteString("\n<td class=\"num\" data-value=\"" + esc(c.Value) + "\">")
			cellText(&b, root, c.Cell)
			if c.Delta != nil {
				b.WriteString("<br><span class=\"delta-" + esc(c.Delta.Dir) + "\">" + esc(c.Delta.Text) + "</span>")
			}
			if c.Rank.Of != 0 {
				b.WriteString("<br><span class=\"rank\">" + esc(rankText(c.Rank)) + "</span>")
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n<td>" + string(gradeHTML(row.R.Grade)) + "</td>\n</tr>")
	}
	return template.HTML(b.String())
}

// findingRowsHTML renders the rows of a page of the list of findings.
func findingRowsHTML(root string, rows []pages.FindingRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 900)
	esc := html.EscapeString
	for _, f := range rows {
		year := strconv.Itoa(f.R.Year)
		b.WriteString("\n<tr>\n<th scope=\"row\"><a href=\"" + esc(root+f.R.County.URL) + "\">" + esc(f.R.County.Name) + "</a></th>\n<td class=\"num\" data-value=\"" +
			year + "\">" + year + "</td>\n<td><a href=\"" + esc(root+f.R.URL) + "#checks\">" + esc(f.R.Department) + "</a></td>\n<td>" + esc(f.Title) +
			"</td>\n<td class=\"finding-" + esc(f.Severity.String()) + "\">" + esc(f.Severity.Label()) + "</td>\n")
		cellTD(&b, root, f.Gap)
		b.WriteString("\n")
		cellTD(&b, root, f.Share)
		b.WriteString("\n<td>" + esc(f.Message) + "</td>\n</tr>")
	}
	return template.HTML(b.String())
}

// disclosureRowsHTML renders the rows of a page of the disclosure table.
func disclosureRowsHTML(root string, rows []pages.DisclosureRow) template.HTML {
	var b strings.Builder
	b.Grow(len(rows) * 700)
	esc := html.EscapeString
	for _, d := range rows {
		b.WriteString("\n<tr>\n<th scope=\"row\"><a href=\"" + esc(root+d.R.URL) + "\">" + esc(d.R.County.Name) + " " + strconv.Itoa(d.R.Year) + " " + esc(d.R.Department) + "</a></th>")
		for _, st := range d.States {
			switch st {
			case report.Disclosed:
				b.WriteString("<td>已披露</td>")
			case report.Unreadable:
				b.WriteString(`<td><span class="na">无法识别</span></td>`)
			default:
				b.WriteString(`<td><span class="na">未披露</span></td>`)
			}
		}
		b.WriteString("\n<td class=\"num\" data-value=\"" + esc(d.Value) + "\">" + esc(d.Share) + "</td>\n</tr>")
	}
	return template.HTML(b.String())
}
