package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unsafe"

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
		"flag": func(root, href string) template.HTML {
			b := htmlBuffers.get()
			writeFlag(b, root, href, FindingFlag)
			return htmlOf(b)
		},
		"projectScope": func() string { return check.ProjectScope },
		// derived reports whether rows of a table of reports, or of the
		// disclosure table, show a derived figure, which derivedNote
		// explains.
		"derived":     rowsDerived,
		"derivedNote": func() string { return derivedNote },
		"table":       writeTableInto,
		"choices":     writeChoicesInto,
		"nameOptions": writeNameOptionsInto,
		"rankRows":    rankRowsHTML,
		"chart":       writeChartInto,
		// foldedChart is chart with the data tables folded under a
		// summary on a phone (see writeChartFolded).
		"foldedChart": writeFoldedChartInto,
		"nav":         r.navHTML,
		// shared renders a part of the layout once per distinct Layout.
		"shared": r.sharedPart,
		// figureTables, findingItems and reportLinks render the
		// repeated parts of report pages, the most numerous pages.
		"figureTables":  figureTablesHTML,
		"findingItems":  findingItemsHTML,
		"reportLinks":   reportLinksHTML,
		"reportHead":    reportHeadHTML,
		"reportSummary": reportSummaryHTML,
		// section writes a whole section of a page where it is called
		// (see Renderer.section).
		"section": r.section,
		// countySearch gives the words a county is found by (names,
		// pinyin, initials) for a list's filter.
		"countySearch": pages.CountySearch,
		// compareKindPath gives the path of a kind of department's
		// compare page.
		"compareKindPath": pages.CompareKindPath,
		// reportRows, findingRows and disclosureRows write the rows of
		// the list of reports (home page and reports/), of
		// findings and of the disclosure table; the numbers are about the
		// bytes a row takes (measured at 15,000 reports: 800, 830 and
		// 1,780), so that a page's buffer grows once for its rows.
		"reportRows":     rowsInto("reportRows", 900, writeReportRows),
		"yearRows":       yearRowsHTML,
		"findingRows":    rowsInto("findingRows", 900, writeFindingRows),
		"disclosureRows": rowsInto("disclosureRows", 1800, writeDisclosureRows),
		// findRootJS and findRootHash put the script of a 404 page
		// built without a base URL in it (see Layout.FindRoot).
		"findRootJS":   func() template.JS { return template.JS(findRootJS) },
		"findRootHash": func() string { return findRootHash },
	}
}

// htmlBuffers holds the buffers that the functions returning HTML to a
// template (Markdown among them) write it in: the HTML is then copied out
// once, at its length, where a buffer of its own would be grown, or made
// from an estimate, and then copied out all the same. (The list pages'
// rows are hundreds of kilobytes.)
var htmlBuffers bufferPool

// htmlOf returns the HTML written in b, from htmlBuffers.get, and puts b
// back in its pool: b must not be used after.
func htmlOf(b *bytes.Buffer) template.HTML {
	h := template.HTML(b.String())
	htmlBuffers.put(b)
	return h
}

// escape writes s to b with <, >, &, ' and " escaped, exactly as
// html.EscapeString would, without building the escaped string first,
// and NUL replaced by U+FFFD, as html/template replaces it: HTML does not
// allow NUL, and a reader shown the page may not be shown it. (Parse
// refuses NUL in a report; escape does not rely on that.)
func escape(b *bytes.Buffer, s string) {
	i := nextHTMLSpecial(s, 0)
	if i == len(s) {
		b.WriteString(s) // nearly always: names, figures, sentences
		return
	}
	last := 0
	for i < len(s) {
		b.WriteString(s[last:i])
		b.WriteString(htmlEntities[s[i]])
		last = i + 1
		i = nextHTMLSpecial(s, last)
	}
	b.WriteString(s[last:])
}

// escapeBytes is escape for text in bytes, such as a link made in a
// buffer. The bytes are seen as a string without a copy: escape only
// reads them, and b copies what it is given.
func escapeBytes(b *bytes.Buffer, s []byte) {
	escape(b, unsafe.String(unsafe.SliceData(s), len(s)))
}

// htmlEntities holds what escape writes for each byte it escapes, and ""
// for the others.
var htmlEntities = [256]string{0: "\uFFFD", '&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"}

// htmlSpecial marks the bytes escape escapes: those htmlEntities holds.
var htmlSpecial = func() (t [256]bool) {
	for c, e := range htmlEntities {
		t[c] = e != ""
	}
	return t
}()

// nextHTMLSpecial returns the offset in s of the first byte from i on that
// escape escapes, or len(s). It tests eight bytes at a time for the six
// (NUL, ", &, ', < and >), as four bytes with a bit set (& | 1 == ' and
// < | 2 == >, and no other byte gives them), where nextMarked tests
// each byte of a word that holds any ASCII, as a page's text, Chinese
// with digits and ASCII, mostly does (BenchmarkEscape: 151 ns against
// 172).
func nextHTMLSpecial(s string, i int) int {
	const (
		ones = 0x0101010101010101
		twos = 0x0202020202020202
	)
	for i+8 <= len(s) {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// Each mask has the high bit of the first byte that it finds set
		// (bits above may be set too, by the borrow, which is why only the
		// lowest is read).
		m := zeroBytes(x) | zeroBytes(x^('"'*ones)) | zeroBytes((x|ones)^('\''*ones)) | zeroBytes((x|twos)^('>'*ones))
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
		i += 8
	}
	for ; i < len(s); i++ {
		if htmlSpecial[s[i]] {
			return i
		}
	}
	return i
}

// zeroBytes returns a word with the high bit of x's lowest zero byte set,
// and maybe of bytes above it, or 0 when x has no zero byte.
func zeroBytes(x uint64) uint64 {
	return (x - 0x0101010101010101) &^ x & highBits
}

// escapeURL writes root+href to b, escaped as by escape.
func escapeURL(b *bytes.Buffer, root, href string) {
	escape(b, root)
	escape(b, href)
}

// The meanings of the ⚠ marks, which writeFlag writes.
const (
	// SlipFlag is the meaning of the mark after a figure that is a likely
	// unit slip; that of another likely slip says what it is before
	// seeChecks (疑为数字错误，见该报告的数据核对).
	SlipFlag = "疑为单位错误" + seeChecks
	// seeChecks ends the meaning of a mark after a figure of a report's
	// that its checks found in doubt.
	seeChecks = "，见该报告的数据核对"
	// FindingFlag is the meaning of the mark after a figure that another
	// finding of the report's checks concerns.
	FindingFlag = "该数字有核对发现" + seeChecks
	// seePrevChecks ends the meaning of the mark after the previous
	// year's figure on a report's page, when that figure is a likely
	// slip, after what slip it is: 上年数字疑为单位错误，见上年报告的数据核对
	// (see pages.Figure's PrevSlip).
	seePrevChecks = "，见上年报告的数据核对"
	// NameFlag is the meaning of the mark after a report's name in a
	// chart's table (charts.FlagMark).
	NameFlag = "该报告的数字之间有不一致或疑点" + seeChecks
)

// writeFlag writes a ⚠ mark that links to a report's checks, root+href
// (href holds the fragment, #checks), and says what it means, why: as
// the link's title for a mouse, and as visually hidden text, so that a
// screen reader reads it and a phone, which has no hover, does not need
// it. Every mark of a flagged figure on the site is written by it, but
// those of a report's own figures on its page (writeFigureRows), which
// say what they mean in visible words and link within the page.
func writeFlag(b *bytes.Buffer, root, href, why string) {
	b.WriteString(`<a class="flag" href="`)
	escapeURL(b, root, href)
	b.WriteString(`" title="`)
	escape(b, why)
	b.WriteString(`"><span aria-hidden="true">⚠</span><span class="visually-hidden">`)
	escape(b, why)
	b.WriteString(`</span></a>`)
}

// queryEscape writes s as a value in a URL's query, as html/template
// writes a value after "?" in a URL attribute: every byte but letters,
// digits and -._~ percent-encoded.
func queryEscape(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

// cellText writes a cell's content: a link, 未披露 marked as such, or text.
func cellText(b *bytes.Buffer, root string, c charts.Cell) {
	if c.Href != "" {
		b.WriteString(`<a href="`)
		escapeURL(b, root, c.Href)
		b.WriteString(`">`)
	}
	if c.NA {
		b.WriteString(`<span class="na">`)
		escape(b, c.Text)
		b.WriteString(`</span>`)
	} else {
		escape(b, c.Text)
	}
	if c.Href != "" {
		b.WriteString(`</a>`)
	}
	if c.Derived && !c.NA {
		b.WriteString(derivedMark)
	}
}

// derivedMark follows a derived figure (see derivedNote) wherever a page
// shows it.
const derivedMark = `<span class="derived">（推算）</span>`

// cellTD writes a table cell; numeric cells carry their machine value for
// sorting.
func cellTD(b *bytes.Buffer, root string, c charts.Cell) { labelledCellTD(b, root, c, "") }

// writeRows writes the body rows of a table; the first cell of each row
// is its header.
func writeRows(b *bytes.Buffer, root string, t charts.Table) {
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, c := range row {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				if name, ok := strings.CutSuffix(c.Text, charts.FlagMark); ok && c.Href != "" {
					// The mark after a flagged report's name links to
					// its checks and says what it means.
					c.Text = name
					cellText(b, root, c)
					b.WriteString(" ")
					writeFlag(b, root, c.Href+"#checks", NameFlag)
				} else {
					cellText(b, root, c)
				}
				b.WriteString(`</th>`)
				continue
			}
			cellTD(b, root, c)
		}
		b.WriteString("</tr>\n")
	}
}

// writeFigureRows writes the rows of a report's figure table: each figure
// with its unit, 未披露 where absent, its flag when a finding concerns it,
// the previous year's value and change when withPrev, and its evidence
// sentence on a row of its own. Reports often give several figures in one
// sentence: consecutive figures read from the same sentence share one
// evidence row, after the last of them, that says how many figures above
// it holds. Report pages are the most numerous, so their biggest table is
// rendered here rather than action by action.
func writeFigureRows(b *bytes.Buffer, figs []pages.Figure, withPrev bool) {
	run := 0 // figures so far whose evidence is f's
	for i := range figs {
		f := &figs[i]
		b.WriteString("\n<tr id=\"fig-")
		escape(b, f.Key)
		b.WriteString("\">\n<th scope=\"row\">")
		escape(b, f.Label)
		switch {
		case f.Slip:
			words, leftOut := check.SlipWords(f.Key)
			b.WriteString(` <a class="flag" href="#checks" title="` + words + "，" + leftOut + `，见数据核对">⚠ ` + words + `</a>`)
		case f.Flagged:
			b.WriteString(` <a class="flag" href="#checks" title="见数据核对">⚠ 见数据核对</a>`)
		}
		b.WriteString("</th>\n<td class=\"num\">")
		if f.NA {
			b.WriteString(`<span class="na">`)
			escape(b, f.Text)
			b.WriteString(`</span>`)
		} else {
			escape(b, f.Text)
			if f.Derived {
				b.WriteString(derivedMark)
			}
		}
		b.WriteString("</td>\n<td>")
		escape(b, f.Unit)
		b.WriteString("</td>")
		if withPrev {
			b.WriteString(`<td class="num">`)
			escape(b, f.Prev)
			if f.PrevChecks != "" {
				b.WriteString(" ")
				writeFlag(b, "", f.PrevChecks, "上年数字"+f.PrevSlip+seePrevChecks)
			}
			b.WriteString(`</td><td>`)
			if f.Delta != nil {
				b.WriteString(`<span class="delta-`)
				escape(b, f.Delta.Dir)
				b.WriteString(`">`)
				escape(b, f.Delta.Text)
				b.WriteString(`</span>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("\n</tr>")
		if f.Evidence == "" {
			run = 0
			continue
		}
		run++
		if i+1 < len(figs) && figs[i+1].Evidence == f.Evidence {
			continue
		}
		if withPrev {
			b.WriteString("\n<tr class=\"evidence-row\"><td colspan=\"5\">")
		} else {
			b.WriteString("\n<tr class=\"evidence-row\"><td colspan=\"3\">")
		}
		if run > 1 {
			b.WriteString(`<span class="evidence-for">以上`)
			b.WriteString(strconv.Itoa(run))
			b.WriteString(`项：</span>`)
		}
		writeEvidenceQ(b, f.Evidence)
		escape(b, f.Evidence)
		b.WriteString("</q></td></tr>")
		run = 0
	}
}

// writeEvidenceQ opens the <q> an evidence sentence is quoted in. The
// stylesheet puts “ and ” around it; a sentence that is quoted already,
// beginning with a quotation mark of its own (", “ or 「) and ending with
// one (", ” or 」), is marked own-open and own-close, so that the
// stylesheet adds no second pair: ““项目支出40万元。”” would double it. A
// mark at one end only is the sentence's own quotation within it
// ("三公经费"较上年…), and the pair goes around it: dropping one mark
// would leave the other unmatched.
func writeEvidenceQ(b *bytes.Buffer, sentence string) {
	b.WriteString(`<q class="evidence`)
	opens := strings.HasPrefix(sentence, `"`) || strings.HasPrefix(sentence, "“") || strings.HasPrefix(sentence, "「")
	closes := (len(sentence) > 1 && strings.HasSuffix(sentence, `"`)) || strings.HasSuffix(sentence, "”") || strings.HasSuffix(sentence, "」")
	if opens && closes {
		b.WriteString(` own-open own-close`)
	}
	b.WriteString(`">`)
}

// checkRowsHTML renders a report's table of check results.
func checkRowsHTML(results []check.Result) template.HTML {
	b := htmlBuffers.get()
	writeCheckRows(b, results)
	return htmlOf(b)
}

// pageOut returns the page that a function called by a template, given
// the page's view ($), writes its HTML in, straight where the call is:
// the template writes into the same buffer as it goes, and HTML returned
// would be copied twice more (into a string, then by fmt into the page),
// which on the list and compare pages (tens of megabytes at 15,000
// reports) was a sixth of what a build allocated. The function then
// returns "".
func pageOut(fn string, v *View) (*bytes.Buffer, error) {
	if v == nil || v.Out == nil {
		return nil, fmt.Errorf("%s: the page has no output (Renderer.render sets it)", fn)
	}
	return v.Out, nil
}

// rowsInto returns the template function fn that writes rows into the
// page v (see pageOut) with write, growing the page by perRow bytes a row
// at once.
func rowsInto[T any](fn string, perRow int, write func(*bytes.Buffer, string, []T)) func(*View, []T) (template.HTML, error) {
	return func(v *View, rows []T) (template.HTML, error) {
		b, err := pageOut(fn, v)
		if err != nil {
			return "", err
		}
		b.Grow(len(rows) * perRow)
		write(b, v.Root, rows)
		return "", nil
	}
}

// writeTableInto writes a chart's data table, with its caption and
// headings, into the page v (see pageOut); variant and hidden mark one
// view's table among a chart's views.
func writeTableInto(v *View, t charts.Table, variant string, hidden bool) (template.HTML, error) {
	b, err := pageOut("table", v)
	if err != nil {
		return "", err
	}
	writeTable(b, v.Root, t, variant, hidden)
	return "", nil
}

// writeChoicesInto writes the options of a compare page's explorer into
// the page v (see pageOut), a report each: on a year's page, thousands,
// which html/template's range executed one reflective field access and
// escaper at a time.
func writeChoicesInto(v *View, cs []pages.Choice) (template.HTML, error) {
	b, err := pageOut("choices", v)
	if err != nil {
		return "", err
	}
	for _, c := range cs {
		b.WriteString(`<option value="`)
		escape(b, c.Key)
		b.WriteString(`">`)
		escape(b, c.Label)
		b.WriteString("</option>")
	}
	return "", nil
}

// writeNameOptionsInto writes an option of a select into the page v (see
// pageOut) for each of names, its value the name: the prefectures of a
// table of reports' filter, which a page of the full list offers every
// one of (363 at 15,000 reports), on each of its pages (150): executed
// by html/template's range, they took some 60 ms of CPU a build.
func writeNameOptionsInto(v *View, names []string) (template.HTML, error) {
	b, err := pageOut("nameOptions", v)
	if err != nil {
		return "", err
	}
	for _, n := range names {
		b.WriteString(`<option value="`)
		escape(b, n)
		b.WriteString(`">`)
		escape(b, n)
		b.WriteString("</option>")
	}
	return "", nil
}

// writeTable writes a chart's data table (see writeTableInto).
func writeTable(b *bytes.Buffer, root string, t charts.Table, variant string, hidden bool) {
	b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
	escape(b, t.Caption)
	b.WriteString("\"")
	if variant != "" {
		b.WriteString(" data-variant-table=\"")
		escape(b, variant)
		b.WriteString("\"")
	}
	if hidden {
		b.WriteString(" hidden")
	}
	b.WriteString(">\n<table>\n<caption>")
	escape(b, t.Caption)
	b.WriteString("</caption>\n<thead><tr>")
	for _, c := range t.Head {
		if c.Num {
			b.WriteString(`<th scope="col" class="num">`)
		} else {
			b.WriteString(`<th scope="col">`)
		}
		escape(b, c.Label)
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	writeRows(b, root, t)
	b.WriteString("</tbody>\n</table>")
	// Under the table, in its box: a view hidden hides its note too.
	writeDerivedNote(b, tableDerived(t))
	if gapBlank(t) {
		b.WriteString("\n<p class=\"note\">" + gapNote + "</p>")
	}
	b.WriteString("\n</div>\n")
}

// gapNote says what a table's column of pages.GapName holds, and what its
// — means, which would otherwise read as a figure not given.
const gapNote = "“" + pages.GapName + "”是合计减去已披露的分项后余下的部分；“—”表示没有余下（分项相加与合计相符，相差在尾差以内），或无从计算（合计未披露）。"

// gapBlank reports whether t has a column of pages.GapName with a cell
// of — (a blank value, see charts.Cell.SetNumeric).
func gapBlank(t charts.Table) bool {
	for j, c := range t.Head {
		if c.Label != pages.GapName {
			continue
		}
		for _, row := range t.Rows {
			if j < len(row) && row[j].Text == "—" {
				return true
			}
		}
	}
	return false
}

// tableDerived reports whether a cell of t shows a derived figure.
func tableDerived(t charts.Table) bool {
	for _, row := range t.Rows {
		for _, c := range row {
			if c.Derived && !c.NA {
				return true
			}
		}
	}
	return false
}

// rankRowsHTML renders the rows of a report's rank table.
func rankRowsHTML(root string, d *pages.ReportData) template.HTML {
	b := htmlBuffers.get()
	writeRankRows(b, root, d.R, d.Ranks)
	return htmlOf(b)
}

// writeRank writes a rank as 第2名/共5份 (places by 名, the reports
// ranked by 份), 仅此1份，不排名 when the report is the only one with
// the figure, or — when there is none.
func writeRank(b *bytes.Buffer, k site.Rank) {
	switch k.Of {
	case 0:
		b.WriteString("—")
		return
	case 1:
		// 第1名/共1份 would read as praise: there is no one to rank
		// against.
		b.WriteString("仅此1份，不排名")
		return
	}
	var n [20]byte
	b.WriteString("第")
	b.Write(strconv.AppendInt(n[:0], int64(k.Place), 10))
	b.WriteString("名/共")
	b.Write(strconv.AppendInt(n[:0], int64(k.Of), 10))
	b.WriteString("份")
	if k.Tied > 1 {
		b.WriteString("（")
		b.Write(strconv.AppendInt(n[:0], int64(k.Tied), 10))
		b.WriteString("份并列）")
	}
}

// writeRankLink writes the rank k of the report r by the metric m (nil
// when not known) as a link to the ranking it comes from (see
// pages.AppendRankHref) when a page ranks it, or else as text, in an element
// of the class given, if any.
func writeRankLink(b *bytes.Buffer, root string, r *site.Report, m *site.Metric, k site.Rank, class string) {
	var arr [160]byte
	var href []byte
	if m != nil {
		href = pages.AppendRankHref(arr[:0], r, *m, k)
	}
	switch {
	case len(href) > 0:
		b.WriteString("<a")
		if class != "" {
			b.WriteString(" class=\"" + class + "\"")
		}
		b.WriteString(" href=\"")
		escape(b, root)
		escapeBytes(b, href)
		b.WriteString("\">")
		writeRank(b, k)
		b.WriteString("</a>")
	case class != "":
		b.WriteString("<span class=\"" + class + "\">")
		writeRank(b, k)
		b.WriteString("</span>")
	default:
		writeRank(b, k)
	}
}

// writeInt writes n in decimal.
func writeInt(b *bytes.Buffer, n int) {
	var d [20]byte
	b.Write(strconv.AppendInt(d[:0], int64(n), 10))
}

// writeChartInto writes a chart (a charts.Chart or *charts.Chart) into
// the page v (see pageOut): its figure, the switch between its views, the
// element site.js draws it in, its options as JSON and its data tables.
// Every page type has charts, so they are written here rather than action
// by action in a partial.
func writeChartInto(v *View, chart any) (template.HTML, error) {
	return writeChartAs(v, chart, "chart", false)
}

// writeFoldedChartInto is writeChartInto for a chart whose data tables
// are folded (see writeChartFolded).
func writeFoldedChartInto(v *View, chart any) (template.HTML, error) {
	return writeChartAs(v, chart, "foldedChart", true)
}

// writeChartAs writes a chart for the template function of that name,
// its data tables folded if fold (see writeChartFolded).
func writeChartAs(v *View, chart any, name string, fold bool) (template.HTML, error) {
	c, err := chartOf(chart)
	if err != nil {
		return "", err
	}
	b, err := pageOut(name, v)
	if err != nil || c == nil {
		return "", err
	}
	writeChartFolded(b, v.Root, c, fold)
	return "", nil
}

// chartOf returns the chart a template gave, a charts.Chart or a
// *charts.Chart.
func chartOf(chart any) (*charts.Chart, error) {
	switch x := chart.(type) {
	case charts.Chart:
		return &x, nil
	case *charts.Chart:
		return x, nil
	}
	return nil, fmt.Errorf("chart: want a chart, got %T", chart)
}

// writeChart writes a chart (see writeChartInto).
func writeChart(b *bytes.Buffer, root string, c *charts.Chart) {
	writeChartFolded(b, root, c, false)
}

// writeChartFolded writes a chart, its data tables folded, if fold, in a
// <details> under a summary naming their rows. The details are open in
// the HTML, for a reader without JavaScript, to whom no chart is drawn
// and the table is the data; site.js folds them on a screen too narrow
// for the table to sit beside the chart (a phone, where the home page's
// table of 40 rows was 2,800 px below a chart of 1,240 px). The table
// stays in the page: the summary opens it, and printing does too.
func writeChartFolded(b *bytes.Buffer, root string, c *charts.Chart, fold bool) {
	b.WriteString("\n<figure class=\"chart-block\" id=\"fig-")
	escape(b, c.ID)
	b.WriteString("\"")
	if len(c.Alt) > 0 {
		b.WriteString(" data-variants")
	}
	if c.Years != "" {
		// For the source line of the chart's saved picture (site.js).
		b.WriteString(" data-years=\"")
		escape(b, c.Years)
		b.WriteString("\"")
	}
	b.WriteString(">\n<figcaption><strong>")
	escape(b, c.Title)
	b.WriteString("</strong><span class=\"chart-summary\">")
	escape(b, c.Summary)
	b.WriteString("</span></figcaption>")
	// The chart and what goes with it (the switch between its views, and
	// the tools site.js adds after it) are one box, so that on a wide
	// screen the box and the data table sit side by side.
	b.WriteString("\n<div class=\"chart-main\">")
	if len(c.Alt) > 0 {
		// Each button carries its view's title and summary, which
		// site.js puts in the caption and the chart's aria-label.
		b.WriteString("\n<div class=\"variant-toggle\" role=\"group\" aria-label=\"显示方式\"><button type=\"button\" aria-pressed=\"true\" data-src=\"chart-")
		escape(b, c.ID)
		b.WriteString("-data\" data-variant=\"main\"")
		writeViewText(b, c)
		b.WriteString(">总额</button>")
		for _, a := range c.Alt {
			b.WriteString("<button type=\"button\" aria-pressed=\"false\" data-src=\"chart-")
			escape(b, a.Chart.ID)
			b.WriteString("-data\" data-variant=\"")
			escape(b, a.Key)
			b.WriteString("\"")
			writeViewText(b, &a.Chart)
			b.WriteString(">")
			escape(b, a.Label)
			b.WriteString("</button>")
		}
		b.WriteString("</div>")
	}
	b.WriteString("\n<div class=\"chart\" id=\"chart-")
	escape(b, c.ID)
	b.WriteString("\" data-chart-src=\"chart-")
	escape(b, c.ID)
	b.WriteString("-data\" data-height=\"")
	writeInt(b, c.Height)
	b.WriteString("\" role=\"img\" aria-label=\"")
	escape(b, c.Title)
	b.WriteString("。")
	escape(b, c.Summary)
	b.WriteString("\"></div>\n</div>")
	// The options come from json.Marshal, which escapes <, > and &, so
	// they cannot end the script element.
	writeJSON := func(id string, option []byte) {
		b.WriteString("\n<script type=\"application/json\" id=\"chart-")
		escape(b, id)
		b.WriteString("-data\">")
		b.Write(option)
		b.WriteString("</script>")
	}
	writeJSON(c.ID, c.Option)
	for _, a := range c.Alt {
		writeJSON(a.Chart.ID, a.Chart.Option)
	}
	b.WriteString("\n")
	if fold {
		b.WriteString("<details class=\"chart-data\" open data-fold-narrow>\n<summary>数据表（")
		writeInt(b, len(c.Table.Rows))
		b.WriteString("行）</summary>")
	}
	if len(c.Alt) > 0 {
		writeTable(b, root, c.Table, "main", false)
	} else {
		writeTable(b, root, c.Table, "", false)
	}
	for _, a := range c.Alt {
		writeTable(b, root, a.Chart.Table, a.Key, true)
	}
	if fold {
		b.WriteString("</details>")
	}
	b.WriteString("\n</figure>\n")
}

// writeViewText writes, with a space before each, the data-title and
// data-summary attributes of the button that shows the view c of a chart.
func writeViewText(b *bytes.Buffer, c *charts.Chart) {
	b.WriteString(` data-title="`)
	escape(b, c.Title)
	b.WriteString(`" data-summary="`)
	escape(b, c.Summary)
	b.WriteString(`"`)
}

// figureTablesHTML renders a report's figure tables, one per group.
func figureTablesHTML(groups []pages.FigureGroup, withPrev bool) template.HTML {
	b := htmlBuffers.get()
	writeFigureTables(b, groups, withPrev)
	return htmlOf(b)
}

// findingItemsHTML renders findings as list items.
func findingItemsHTML(fs []check.Finding) template.HTML {
	b := htmlBuffers.get()
	writeFindingItems(b, fs)
	return htmlOf(b)
}

// reportHeadHTML renders the top of a report's page: the breadcrumb, the
// title and the list of what the report is (county, department, year,
// type, publication date, link to the original).
func reportHeadHTML(root string, r *site.Report) template.HTML {
	b := htmlBuffers.get()
	writeReportHead(b, root, r)
	return htmlOf(b)
}

// reportSummaryHTML renders the summary at the top of a report's page
// (see writeSummarySection).
func reportSummaryHTML(d *pages.ReportData, withCharts bool) template.HTML {
	b := htmlBuffers.get()
	writeSummarySection(b, d, withCharts)
	return htmlOf(b)
}

// draftNote heads the page of a report marked draft: true, which only a
// build with -drafts publishes.
const draftNote = "<p class=\"draft-note\" role=\"note\"><strong>草稿</strong>：整理这份报告的人还没有核对完它的数字，本页仅供预览，不是正式发布的内容。</p>\n"

// draftTag follows a draft's department in the lists of reports.
const draftTag = ` <span class="draft-tag">草稿</span>`

// writeReportHead writes the top of a report's page (see reportHeadHTML).
func writeReportHead(b *bytes.Buffer, root string, r *site.Report) {
	rep, c := r.Report, r.County
	b.WriteString(`<nav class="breadcrumb" aria-label="位置"><ol><li><a href="`)
	escape(b, root)
	b.WriteString(`index.html">首页</a></li><li><a href="`)
	escapeURL(b, root, c.URL)
	b.WriteString(`">`)
	escape(b, c.Name)
	b.WriteString(`</a></li>`)
	// In a county whose departments have pages of their own, the
	// department's leads to its page.
	se := r.Series
	if se != nil && se.URL != "" {
		b.WriteString(`<li><a href="`)
		escapeURL(b, root, se.URL)
		b.WriteString(`">`)
		escape(b, se.Department)
		writeProject(b, se.Project, "·", "")
		b.WriteString(`</a></li>`)
	}
	b.WriteString(`<li aria-current="page">`)
	writeInt(b, rep.Year)
	b.WriteString("年")
	escape(b, rep.Department)
	writeProject(b, rep.Project, "·", "")
	b.WriteString("</li></ol></nav>\n<h1>")
	escape(b, r.Heading())
	b.WriteString("</h1>\n")
	if rep.Draft {
		b.WriteString(draftNote)
	}
	b.WriteString("<dl class=\"meta\">\n<dt>县（市、区）</dt><dd><a href=\"")
	escapeURL(b, root, c.URL)
	b.WriteString(`">`)
	escape(b, c.Name)
	b.WriteString("</a>")
	if c.Prefecture != "" {
		b.WriteString("（")
		escape(b, c.Province)
		escape(b, c.Prefecture)
		b.WriteString("）")
	}
	b.WriteString("</dd>\n<dt>部门</dt><dd>")
	if se != nil && se.URL != "" {
		b.WriteString(`<a href="`)
		escapeURL(b, root, se.URL)
		b.WriteString(`">`)
		escape(b, rep.Department)
		b.WriteString("</a>")
	} else {
		escape(b, rep.Department)
	}
	b.WriteString("</dd>\n<dt>年度</dt><dd>")
	writeInt(b, rep.Year)
	b.WriteString("年</dd>\n<dt>类型</dt><dd>")
	escape(b, rep.Type)
	b.WriteString("</dd>")
	writeProject(b, rep.Project, "<dt>项目</dt><dd>", "</dd>")
	if rep.Published != "" {
		b.WriteString("<dt>发布日期</dt><dd>")
		escape(b, rep.Published)
		b.WriteString("</dd>")
	}
	b.WriteString("\n<dt>原文</dt><dd>")
	// The parser takes only http and https links; anything else is not
	// made a link, as html/template would not.
	if src := rep.Source; strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://") {
		b.WriteString(`<a href="`)
		escape(b, src)
		b.WriteString(`" rel="noopener noreferrer nofollow">查看原文</a>`)
	} else {
		b.WriteString(`<span class="na">本站未记录原文网址</span>`)
	}
	b.WriteString("</dd>\n</dl>")
}

// reportLinksHTML renders links to reports, as list items.
func reportLinksHTML(root string, rs []*site.Report) template.HTML {
	b := htmlBuffers.get()
	writeReportLinks(b, root, rs, "")
	return htmlOf(b)
}

// navHTML renders the site-wide navigation links for a page at root in
// section; it is the same for every page of a section at one depth, so it
// is rendered once for each.
func (r *Renderer) navHTML(root, section string) template.HTML {
	key := root + "\x00" + section
	if v, ok := r.navCache.Load(key); ok {
		return v.(template.HTML)
	}
	var b bytes.Buffer
	for _, l := range r.Nav {
		b.WriteString("\n<a href=\"")
		escapeURL(&b, root, l.Href)
		b.WriteString("\"")
		if l.Section == section {
			b.WriteString(" aria-current=\"page\"")
		}
		b.WriteString(">")
		escape(&b, l.Label)
		b.WriteString("</a>")
	}
	h := template.HTML(b.String())
	r.navCache.Store(key, h)
	return h
}

// writeGrade writes a report's grade, or says it is not disclosed or
// could not be read.
func writeGrade(b *bytes.Buffer, g report.Field[string]) {
	switch {
	case g.Known():
		b.WriteString(`<span class="grade" data-grade="`)
		escape(b, g.V)
		b.WriteString(`">`)
		escape(b, g.V)
		b.WriteString(`</span>`)
	case g.State == report.Unreadable:
		b.WriteString(`<span class="na">无法识别</span>`)
	default:
		b.WriteString(`<span class="na">未披露</span>`)
	}
}

// writeGradeRank writes the key that site.js sorts a column of grades by,
// as numbers: 4 for 优 down to 1 for 差 (report.Grades is best first),
// and nothing for a grade not given, which sorts last. As text, the
// browser would order them by pinyin: 差 < 良 < 优 < 中.
func writeGradeRank(b *bytes.Buffer, g report.Field[string]) {
	if !g.Known() {
		return
	}
	if i := slices.Index(report.Grades, g.V); i >= 0 {
		writeInt(b, len(report.Grades)-i)
	}
}

// slipCellTD writes the cell of the figure key of r, as cellTD does, with
// a mark that links to the report's checks when the figure is a likely
// unit slip. The list of reports shows figures as given, but such a
// figure sorts with those not disclosed, last, as the downloads leave
// its cell blank and ranks leave it out: sorted by amount, it would
// head the list. funds, when not "", are the funds of a project whose
// 支出合计 the cell is (see pages.ProjectFunds), noted under it (see
// writeFundsNote); the cell still sorts by its own value.
func slipCellTD(b *bytes.Buffer, root string, c charts.Cell, r *site.Report, key, funds string) {
	slip := r.Suspect(key)
	if !slip && funds == "" {
		cellTD(b, root, c)
		return
	}
	b.WriteString(`<td class="num" data-value="`)
	if !slip {
		escape(b, c.Value)
	}
	b.WriteString(`">`)
	cellText(b, root, c)
	if slip {
		b.WriteString(" ")
		writeFlag(b, root, r.URL+"#checks", SlipFlag)
	}
	if funds != "" {
		writeFundsNote(b, root, funds, r)
	}
	b.WriteString(`</td>`)
}

// writeFundsNote writes, in the cell of the 支出合计 of a 项目支出 report
// that does not give it, the funds its project received (see
// pages.ProjectFunds), marked as a likely unit slip where it is one.
func writeFundsNote(b *bytes.Buffer, root, funds string, r *site.Report) {
	b.WriteString(`<br><span class="note">项目到位资金`)
	escape(b, funds)
	b.WriteString(`万元</span>`)
	if r.Suspect("income") {
		b.WriteString(" ")
		writeFlag(b, root, r.URL+"#checks", SlipFlag)
	}
}

// writeNameKey writes the data-value attribute, with a space before it,
// that site.js sorts a column of Chinese names by: the name's pinyin as
// the site reads it (site.Slugify: 长沙 chang-sha), so that a click on
// the column's header orders names as the lists are ordered. The
// browser's own collation for Chinese reads a character by its
// commonest sound (长 zhang) and would order them otherwise.
func writeNameKey(b *bytes.Buffer, name string) {
	b.WriteString(` data-value="`)
	escape(b, site.Slugify(name))
	b.WriteString(`"`)
}

// writeReportRows writes the body rows of a table of reports (the template
// function reportRows).
func writeReportRows(b *bytes.Buffer, root string, rows []pages.Row) {
	for _, row := range rows {
		r := row.R
		b.WriteString("\n<tr data-year=\"")
		writeInt(b, r.Year)
		b.WriteString("\" data-prefecture=\"")
		escape(b, r.County.Prefecture)
		b.WriteString("\" data-type=\"")
		escape(b, r.Type)
		b.WriteString("\" data-search=\"")
		escape(b, row.Search)
		b.WriteString("\">\n<th scope=\"row\"")
		writeNameKey(b, r.County.Name)
		b.WriteString("><a href=\"")
		escapeURL(b, root, r.County.URL)
		b.WriteString("\">")
		escape(b, r.County.Name)
		b.WriteString("</a></th>\n<td")
		if r.County.Prefecture != "" {
			writeNameKey(b, r.County.Prefecture)
			b.WriteString(">")
			escape(b, r.County.Prefecture)
		} else {
			b.WriteString(`><span class="na">未填写</span>`)
		}
		b.WriteString("</td>\n<td")
		writeNameKey(b, r.Department)
		b.WriteString("><a href=\"")
		escapeURL(b, root, r.URL)
		b.WriteString("\">")
		escape(b, r.Department)
		b.WriteString("</a>")
		if r.Draft {
			b.WriteString(draftTag)
		}
		b.WriteString("</td>\n<td class=\"num\" data-value=\"")
		writeInt(b, r.Year)
		b.WriteString("\">")
		writeInt(b, r.Year)
		b.WriteString("</td>\n<td>")
		escape(b, r.Kind())
		b.WriteString("</td>\n")
		slipCellTD(b, root, row.Total, r, "spending.total", row.Funds)
		b.WriteString("\n")
		slipCellTD(b, root, row.Sangong, r, "sangong.total", "")
		b.WriteString("\n")
		cellTD(b, root, row.Score)
		b.WriteString("\n<td data-value=\"")
		writeGradeRank(b, r.Grade)
		b.WriteString("\">")
		writeGrade(b, r.Grade)
		b.WriteString("</td>\n</tr>")
	}
}

// yearRowsHTML renders the rows of a county page's table of a series: a
// row per year with each figure, its change and its rank; metrics are
// the table's columns, the cells' figures.
func yearRowsHTML(root string, rows []pages.YearRow, metrics []site.Metric, from, to int, grade bool) template.HTML {
	b := htmlBuffers.get()
	writeYearRows(b, root, rows, metrics, from, to, grade)
	return htmlOf(b)
}

// writeYearRows writes the rows of a county page's table of a series (see
// yearRowsHTML): the cells of metrics[from:to], then, if grade, the
// grade. Each cell carries its column's heading as data-label,
// which names it when a phone shows each year as a card.
func writeYearRows(b *bytes.Buffer, root string, rows []pages.YearRow, metrics []site.Metric, from, to int, grade bool) {
	for _, row := range rows {
		b.Grow(200 + (to-from)*250)
		b.WriteString("\n<tr>\n<th scope=\"row\"><a href=\"")
		escapeURL(b, root, row.R.URL)
		b.WriteString("\">")
		writeInt(b, row.R.Year)
		b.WriteString("年</a></th>")
		for k := from; k < to && k < len(row.Cells); k++ {
			c := row.Cells[k]
			var m *site.Metric
			if k < len(metrics) {
				m = &metrics[k]
			}
			writeFigureCellStart(b, root, c, row.R, m)
			if c.Delta != nil {
				b.WriteString("<br><span class=\"delta-")
				escape(b, c.Delta.Dir)
				b.WriteString("\">")
				escape(b, c.Delta.Text)
				b.WriteString("</span>")
			}
			if c.Rank.Of != 0 {
				b.WriteString("<br>")
				writeRankLink(b, root, row.R, m, c.Rank, "rank")
			}
			b.WriteString("</td>")
		}
		if grade {
			b.WriteString("\n<td data-label=\"等级\">")
			writeGrade(b, row.R.Grade)
			b.WriteString("</td>")
		}
		b.WriteString("\n</tr>")
	}
}

// writeProject writes, escaped, a report's project between open and
// close (：project, （project）), or nothing when it names none: a
// 项目支出 report's project follows its department wherever it is named.
func writeProject(b *bytes.Buffer, project, open, close string) {
	if project == "" {
		return
	}
	b.WriteString(open)
	escape(b, project)
	b.WriteString(close)
}

// writeMetricName writes, escaped, what a table's heading calls the
// figure m: its label and its unit, 支出合计（万元）.
func writeMetricName(b *bytes.Buffer, m *site.Metric) {
	escape(b, m.Label)
	b.WriteString("（")
	escape(b, m.Unit)
	b.WriteString("）")
}

// writeFigureCellStart opens the cell of a figure of the report r in a
// table that sorts by figure: its value to sort by, its column's heading
// when m, the figure, is given (data-label, as 支出合计（万元）), its
// text, （推算） when the figure is derived (see derivedNote) and its
// mark where a finding disputes it (see writeCellFlag), leaving the cell
// open for what else it says. A figure computed from a likely slip sorts
// with those not disclosed, as in slipCellTD.
func writeFigureCellStart(b *bytes.Buffer, root string, c pages.MetricCell, r *site.Report, m *site.Metric) {
	b.WriteString("\n<td class=\"num\" data-value=\"")
	if c.Slip == "" {
		escape(b, c.Value)
	}
	if m != nil {
		b.WriteString("\" data-label=\"")
		writeMetricName(b, m)
	}
	b.WriteString("\">")
	cellText(b, root, c.Cell)
	writeCellFlag(b, root, c, r)
}

// writeCellFlag writes, after a space, the mark of a cell of the report
// r whose figure a finding disputes, linking to r's checks; nothing for
// a cell not flagged.
func writeCellFlag(b *bytes.Buffer, root string, c pages.MetricCell, r *site.Report) {
	if !c.Flagged {
		return
	}
	why := FindingFlag
	if c.Slip != "" {
		why = c.Slip + seeChecks
	}
	b.WriteString(" ")
	writeFlag(b, root, r.URL+"#checks", why)
}

// writeFindingRows writes the rows of a page of the list of findings (see
// the template function findingRows). Each cell names its column in data-label (the text
// of its header in templates/findings.html), which a narrow screen shows
// beside the cell when it lays each row out as a card (site.css).
func writeFindingRows(b *bytes.Buffer, root string, rows []pages.FindingRow) {
	for _, f := range rows {
		// What the page's filter matches (see templates/findings.html).
		b.WriteString("\n<tr data-severity=\"")
		escape(b, f.Severity.Label())
		b.WriteString("\" data-year=\"")
		writeInt(b, f.R.Year)
		b.WriteString("\" data-search=\"")
		escape(b, f.Search)
		b.WriteString("\">\n<th scope=\"row\" data-label=\"县（市、区）\"")
		writeNameKey(b, f.R.County.Label)
		b.WriteString("><a href=\"")
		escapeURL(b, root, f.R.County.URL)
		b.WriteString("\">")
		escape(b, f.R.County.Label)
		b.WriteString("</a></th>\n<td class=\"num\" data-label=\"年度\" data-value=\"")
		writeInt(b, f.R.Year)
		b.WriteString("\">")
		writeInt(b, f.R.Year)
		b.WriteString("</td>\n<td data-label=\"部门\"")
		writeNameKey(b, f.R.Department)
		b.WriteString("><a href=\"")
		escapeURL(b, root, f.R.URL)
		b.WriteString("#finding-")
		writeInt(b, f.N)
		b.WriteString("\">")
		escape(b, f.R.Department)
		// A 项目支出 report's findings are of its project, not of the
		// department's whole spending: its project names it, or （项目）,
		// short enough to keep a phone's card in two lines.
		if f.R.Project == "" && f.R.Type == report.TypeProject {
			b.WriteString("（项目）")
		}
		writeProject(b, f.R.Project, "（", "）")
		b.WriteString("</a></td>\n<td data-label=\"核对项目\">")
		escape(b, f.Title)
		b.WriteString("</td>\n<td class=\"finding-")
		escape(b, f.Severity.String())
		b.WriteString("\" data-label=\"程度\">")
		escape(b, f.Severity.Label())
		b.WriteString("</td>\n")
		labelledCellTD(b, root, f.Gap, "差额")
		b.WriteString("\n")
		labelledCellTD(b, root, f.Share, "占比")
		b.WriteString("\n<td class=\"finding-message\" data-label=\"说明\">")
		escape(b, f.Message)
		b.WriteString("</td>\n</tr>")
	}
}

// labelledCellTD writes a cell as cellTD does, naming its column in a
// data-label attribute unless label is "".
func labelledCellTD(b *bytes.Buffer, root string, c charts.Cell, label string) {
	b.WriteString(`<td`)
	if c.Num {
		b.WriteString(` class="num"`)
	}
	if label != "" {
		b.WriteString(` data-label="`)
		escape(b, label)
		b.WriteString(`"`)
	}
	if c.Num {
		b.WriteString(` data-value="`)
		escape(b, c.Value)
		b.WriteString(`"`)
	}
	b.WriteString(`>`)
	cellText(b, root, c)
	b.WriteString(`</td>`)
}

// markDisclosed and markUndisclosed are the disclosure table's marks: a
// ✓ or a ✗, which a screen reader reads as the words beside it.
const (
	markDisclosed   = `<span class="mark-yes" aria-hidden="true">✓</span><span class="visually-hidden">已披露</span>`
	markUndisclosed = `<span class="mark-no" aria-hidden="true">✗</span><span class="visually-hidden">未披露</span>`
)

// writeDisclosureRows writes the rows of a page of the disclosure table
// (the template function disclosureRows).
func writeDisclosureRows(b *bytes.Buffer, root string, rows []pages.DisclosureRow) {
	for _, d := range rows {
		b.WriteString("\n<tr>\n<th scope=\"row\" data-value=\"")
		escape(b, site.Slugify(d.R.County.Label))
		b.WriteString(" ")
		writeInt(b, d.R.Year)
		b.WriteString(" ")
		escape(b, site.Slugify(d.R.Department))
		b.WriteString("\"><a href=\"")
		escapeURL(b, root, d.R.URL)
		b.WriteString("\">")
		escape(b, d.R.County.Label)
		b.WriteString(" ")
		writeInt(b, d.R.Year)
		b.WriteString(" ")
		escape(b, d.R.Department)
		if d.R.Type != report.TypeWhole {
			// A department may publish both kinds for one year.
			b.WriteString("（")
			escape(b, d.R.Kind())
			b.WriteString("）")
		}
		b.WriteString("</a></th>")
		for j, st := range d.States {
			// Each cell names its figure, for a phone's cards, which
			// leave out the cells of class ok: a figure disclosed, or
			// one that does not apply to the report.
			b.WriteString(`<td`)
			if st == report.Disclosed || d.Applies != nil && !d.Applies[j] {
				b.WriteString(` class="ok"`)
			}
			b.WriteString(` data-label="`)
			escape(b, check.CoreFigures[j].Name)
			b.WriteString(`">`)
			if d.Applies != nil && !d.Applies[j] {
				// A 项目支出 report may give its department's figures
				// too: they are disclosed, but not counted.
				if st == report.Disclosed {
					b.WriteString(markDisclosed + `<span class="na">不计入</span></td>`)
				} else {
					b.WriteString(`<span class="na">不适用</span></td>`)
				}
				continue
			}
			switch st {
			case report.Disclosed:
				b.WriteString(markDisclosed)
				if disclosedDerived(&d, j) {
					b.WriteString(derivedMark)
				}
				b.WriteString("</td>")
			case report.Unreadable:
				b.WriteString(`<span class="na">无法识别</span></td>`)
			default:
				b.WriteString(markUndisclosed + "</td>")
			}
		}
		b.WriteString("\n<td class=\"num\" data-label=\"完整度\" data-value=\"")
		escape(b, d.Value)
		b.WriteString("\">")
		escape(b, d.Share)
		if d.Counted != "" {
			b.WriteString(`<br><span class="na">`)
			escape(b, d.Counted)
			b.WriteString(`</span>`)
		}
		b.WriteString("</td>\n</tr>")
	}
}

// rowsDerived reports whether the rows of a table of reports
// ([]pages.Row) or of the disclosure table ([]pages.DisclosureRow) show a
// derived figure (see derivedNote) marked so.
func rowsDerived(rows any) (bool, error) {
	switch rows := rows.(type) {
	case []pages.Row:
		return slices.ContainsFunc(rows, func(r pages.Row) bool {
			return r.Total.Derived || r.Sangong.Derived || r.Score.Derived
		}), nil
	case []pages.DisclosureRow:
		return slices.ContainsFunc(rows, func(d pages.DisclosureRow) bool {
			for j := range d.States {
				if disclosedDerived(&d, j) {
					return true
				}
			}
			return false
		}), nil
	}
	return false, fmt.Errorf("derived: want rows of reports or of the disclosure table, got %T", rows)
}

// disclosedDerived reports whether the disclosure table's cell j of the
// row d is marked （推算）: a figure counted as disclosed (one the report's
// type has) that the file's writer computed.
func disclosedDerived(d *pages.DisclosureRow, j int) bool {
	return d.States[j] == report.Disclosed && (d.Applies == nil || d.Applies[j]) && d.R.IsDerived(check.CoreFigures[j].Key)
}
