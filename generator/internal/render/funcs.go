package render

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"strings"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/pages"
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
		// markdown renders a report body.
		"markdown": r.Markdown,
		// body renders a report's body.
		"body": r.Body,
		// chartJSON marks chart options as safe inside a
		// <script type="application/json"> block: they come from
		// json.Marshal, which escapes <, > and &.
		"chartJSON":  func(b []byte) template.JS { return template.JS(b) },
		"cell":       cellHTML,
		"cellText":   cellTextHTML,
		"rows":       rowsHTML,
		"figureRows": figureRowsHTML,
		"checkRows":  checkRowsHTML,
		// rank formats a rank as 第2名/共5名, or — when there is none.
		"rank":     rankText,
		"table":    tableHTML,
		"rankRows": rankRowsHTML,
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

// cellHTML renders one cell as a <td>. Rendering cells in Go rather than
// through a partial per cell keeps big tables fast.
func cellHTML(root string, c charts.Cell) template.HTML {
	var b strings.Builder
	cellTD(&b, root, c)
	return template.HTML(b.String())
}

// cellTextHTML renders a cell's content without the <td>.
func cellTextHTML(root string, c charts.Cell) template.HTML {
	var b strings.Builder
	cellText(&b, root, c)
	return template.HTML(b.String())
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
