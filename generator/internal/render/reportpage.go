package render

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// section writes the section name of the page v into the page itself,
// v.Out, where the template calls it, and returns nothing to print:
//
//   - on every page, "meta": the head's title and descriptions;
//   - on a report's page, "head" (breadcrumb, title, what the report is),
//     "summary" (its key figures in a sentence, and what the page holds),
//     "figures", "checks", "charts", "ranks", "body" (the report's own
//     text, rendered from Markdown) and "others" (the county's other
//     reports, or nothing when there are none);
//   - on a county's page, "head", "series" (a section per department and
//     type) and "reports" (a list item per report);
//   - on the overview of a county whose series have pages of their own,
//     "head" and "overview" (a table with a row per series);
//   - on a series' page, "head", "series" (the section a county's page
//     would show for it) and "reports" (a list item per report of it).
//
// Report pages are five in six of a site's pages, and html/template costs
// a reflective call for every action and every escaper it adds: that was
// as much time as all the rest of a report page's rendering. And a
// function that returned its HTML would allocate it, only for the
// template to copy it into the page: writing into the page instead saves
// a third of what a build allocates. The templates name the sections and
// their order; these functions write their markup, which
// TestReportPageAsTemplate holds to the markup they replaced
// (testdata/templates-before).
func (r *Renderer) section(name string, v *View) (template.HTML, error) {
	if v == nil || v.Out == nil {
		return "", fmt.Errorf("section %q: the page has no output (Renderer.render sets it)", name)
	}
	b := v.Out
	if name == "meta" {
		writeMeta(b, v.Title, v.Description, v.Template)
		return "", nil
	}
	switch d := v.Data.(type) {
	case *pages.ReportData:
		switch name {
		case "head":
			writeReportHead(b, v.Root, d.R)
		case "summary":
			writeSummarySection(b, d, len(v.Charts) > 0)
		case "figures":
			writeFiguresSection(b, d)
		case "checks":
			writeChecksSection(b, v.Root, d)
		case "charts":
			// Under a heading of their own: after the checks, a chart
			// would otherwise read as one of them.
			if len(v.Charts) > 0 {
				b.WriteString("<section aria-labelledby=\"charts\">\n<h2 id=\"charts\">图表</h2>\n")
			}
			for i := range v.Charts {
				writeChart(b, v.Root, &v.Charts[i])
			}
			if len(v.Charts) > 0 {
				b.WriteString("</section>\n")
			}
		case "ranks":
			writeRanksSection(b, v.Root, d)
		case "body":
			return "", bodyError(d.R.Report, r.writeMarkdown(b, d.R.Body))
		case "others":
			writeOthersSection(b, v.Root, d)
		default:
			return "", fmt.Errorf("section %q: a report's page has no such section", name)
		}
	case *pages.CountyData:
		switch name {
		case "head":
			writeCountyHead(b, v.Root, d.County, &d.Findings, false)
		case "series":
			for i := range d.Series {
				writeSeriesSection(b, v.Root, v.Page, &d.Series[i])
			}
		case "reports":
			writeReportLinks(b, v.Root, d.County.Reports, "\n")
		default:
			return "", fmt.Errorf("section %q: a county's page has no such section", name)
		}
	case *pages.OverviewData:
		switch name {
		case "head":
			writeCountyHead(b, v.Root, d.County, &d.Findings, true)
		case "overview":
			writeOverviewSection(b, v.Root, d)
		default:
			return "", fmt.Errorf("section %q: a county's overview has no such section", name)
		}
	case *pages.SeriesData:
		switch name {
		case "head":
			writeSeriesHead(b, v.Root, d)
		case "series":
			writeSeriesSection(b, v.Root, v.Page, d.View)
		case "reports":
			writeReportLinks(b, v.Root, d.Reports, "\n")
		default:
			return "", fmt.Errorf("section %q: a series' page has no such section", name)
		}
	default:
		return "", fmt.Errorf("section %q: a %s page has no such section", name, v.Template)
	}
	return "", nil
}

// writeCountyHead writes the head of a county's page: where it is, its
// name, and what the page shows: each series' figures by year, or on an
// overview, a row per series.
func writeCountyHead(b *bytes.Buffer, root string, c *site.County, f *pages.CountyFindings, overview bool) {
	writeBreadcrumbTo(b, root, c)
	b.WriteString(`<li aria-current="page">`)
	escape(b, c.Name)
	b.WriteString("</li></ol></nav>\n<h1>")
	escape(b, c.Name)
	b.WriteString("</h1>\n<p class=\"lead\">")
	escape(b, c.Province)
	escape(b, c.Prefecture)
	escape(b, c.Name)
	if c.Adcode != "" {
		b.WriteString("（区划代码 ")
		escape(b, c.Adcode)
		b.WriteString("）")
	}
	b.WriteString("，共")
	writeInt(b, len(c.Reports))
	if overview {
		b.WriteString("份绩效自评报告。下表每行是一个部门的一类报告（项目支出报告每个项目一行），列出它最近一年的主要数字；点部门名称，看它每年的数字、与上年相比的增减、排名和趋势图。</p>")
	} else {
		b.WriteString("份绩效自评报告。下表列出每年的主要数字、与上年相比的增减，以及与同年各县同类部门的报告相比的排名（数值由高到低；比的是哪些报告，见各表下的说明）。</p>")
	}
	writeCountyFindings(b, root, f)
}

// writeCountyFindings says, when the county's reports have findings that
// are more than rounding, how many of each, with a link to the list of
// findings filtered to the county's.
func writeCountyFindings(b *bytes.Buffer, root string, f *pages.CountyFindings) {
	said := f.Counts.Said()
	if said == "" {
		return
	}
	b.WriteString("\n<p class=\"county-findings\">")
	escape(b, f.County.Name)
	b.WriteString("的报告中有")
	escape(b, said)
	b.WriteString("，<a href=\"")
	escape(b, root)
	b.WriteString("findings.html?q=")
	queryEscape(b, f.Query)
	b.WriteString("\">在数据核对中逐条查看</a>。</p>")
}

// writeBreadcrumbTo writes a breadcrumb's start up to the county c,
// which it leaves to the caller: the link to the home page, and the
// county's prefecture, which leads to its counties (the list of every
// county, filtered by its name).
func writeBreadcrumbTo(b *bytes.Buffer, root string, c *site.County) {
	b.WriteString(`<nav class="breadcrumb" aria-label="位置"><ol><li><a href="`)
	escape(b, root)
	b.WriteString(`index.html">首页</a></li>`)
	if c.Prefecture != "" {
		b.WriteString(`<li><a href="`)
		escape(b, root)
		b.WriteString(`counties.html?q=`)
		queryEscape(b, c.Prefecture)
		b.WriteString(`">`)
		escape(b, c.Prefecture)
		b.WriteString("</a></li>")
	}
}

// writeSeriesHead writes the head of a series' page: where it is, down
// to its department, its name, what the page shows, and the way back to
// the county's other departments.
func writeSeriesHead(b *bytes.Buffer, root string, d *pages.SeriesData) {
	c, se := d.County, d.View.Series
	writeBreadcrumbTo(b, root, c)
	b.WriteString(`<li><a href="`)
	escapeURL(b, root, c.URL)
	b.WriteString(`">`)
	escape(b, c.Name)
	b.WriteString(`</a></li><li aria-current="page">`)
	escape(b, se.Department)
	writeProject(b, se.Project, "·", "")
	b.WriteString("</li></ol></nav>\n<h1>")
	escape(b, c.Name)
	escape(b, se.Department)
	writeProject(b, se.Project, "：", "")
	b.WriteString("</h1>\n<p class=\"lead\">")
	escape(b, c.Province)
	escape(b, c.Prefecture)
	escape(b, c.Name)
	escape(b, se.Department)
	b.WriteString("的")
	escape(b, se.Type)
	b.WriteString("绩效自评报告")
	writeProject(b, se.Project, "（", "）")
	b.WriteString("，共")
	writeInt(b, len(se.Reports))
	b.WriteString("份。下表列出每年的主要数字、与上年相比的增减，以及在同年")
	escape(b, se.Reports[0].Peers.Among())
	b.WriteString("中的排名（数值由高到低）。同县其他部门见<a href=\"")
	escapeURL(b, root, c.URL)
	b.WriteString(`">`)
	escape(b, c.Name)
	b.WriteString("各部门一览</a>。</p>")
}

// writeOverviewSection writes the table of a county's overview: a row
// per series, its department (and project) linking to the series' page,
// the years it covers and its latest report's main figures, each marked
// ⚠ where a finding disputes it, as the tables by year mark them. Every
// column sorts; the names by their reading, as lists order them. Each
// cell after the department names its column in data-label, which a
// phone shows beside it when it lays each row out as a card (site.css).
func writeOverviewSection(b *bytes.Buffer, root string, d *pages.OverviewData) {
	b.WriteString("\n<section aria-labelledby=\"departments\">\n<h2 id=\"departments\">各部门</h2>\n" +
		"<p>金额单位为万元。数字是各部门最近一年报告中的数字，年度不一定相同，见“最近年度”一列；点表头可按该列排序。</p>\n" +
		"<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"各部门最近一年的数字\">\n<table class=\"sortable card-table overview\">\n<caption>")
	escape(b, d.County.Name)
	b.WriteString("各部门最近一年的数字</caption>\n<thead><tr><th scope=\"col\" data-sort=\"text\"><button type=\"button\">部门</button></th>" +
		"<th scope=\"col\" class=\"num\" data-sort=\"num\" data-sort-first=\"descending\"><button type=\"button\">最近年度</button></th>")
	for _, m := range pages.OverviewMetrics() {
		b.WriteString("<th scope=\"col\" class=\"num\" data-sort=\"num\" data-sort-first=\"descending\"><button type=\"button\">")
		writeMetricName(b, &m)
		b.WriteString("</button></th>")
	}
	b.WriteString("<th scope=\"col\" data-sort=\"text\"><button type=\"button\">历年报告</button></th></tr></thead>\n<tbody>")
	for i := range d.Rows {
		row := &d.Rows[i]
		b.WriteString("\n<tr>\n<th scope=\"row\"")
		writeNameKey(b, row.Department)
		b.WriteString("><a href=\"")
		escapeURL(b, root, row.URL)
		b.WriteString("\">")
		escape(b, row.Department)
		b.WriteString("</a>")
		if row.Type != report.TypeWhole {
			// A row of another type says so under the department's
			// name, with its project: most rows are 整体支出, and a
			// column of that alone would push the figures off a
			// phone's screen.
			b.WriteString("<br><span class=\"note\">")
			escape(b, row.Type)
			writeProject(b, row.Project, "：", "")
			b.WriteString("</span>")
		}
		b.WriteString("</th>\n<td class=\"num\" data-value=\"")
		writeInt(b, row.Latest.Year)
		b.WriteString("\" data-label=\"最近年度\"><a href=\"")
		escapeURL(b, root, row.Latest.URL)
		b.WriteString("\">")
		writeInt(b, row.Latest.Year)
		b.WriteString("年</a></td>")
		for k, c := range row.Cells {
			writeFigureCellStart(b, root, c, row.Latest, &pages.OverviewMetrics()[k])
			if row.Funds != "" && pages.OverviewMetrics()[k].Key == "total" {
				writeFundsNote(b, root, row.Funds, row.Latest)
			}
			b.WriteString("</td>")
		}
		b.WriteString("\n<td data-label=\"历年报告\">")
		escape(b, row.Years)
		if n := len(row.Reports); n > 1 {
			b.WriteString("（")
			writeInt(b, n)
			b.WriteString("份）")
		}
		b.WriteString("</td>\n</tr>")
	}
	b.WriteString("\n</tbody>\n</table>\n</div>")
	derived := false
	for _, row := range d.Rows {
		derived = derived || anyDerived(row.Cells)
	}
	writeDerivedNote(b, derived)
	b.WriteString("\n</section>")
}

// anyDerived reports whether a cell of cells shows a derived figure.
func anyDerived(cells []pages.MetricCell) bool {
	for _, c := range cells {
		if c.Derived {
			return true
		}
	}
	return false
}

// writeDerivedNote writes, after a table of figures, what （推算） means
// (derivedNote), when derived says a cell of the table is marked so.
func writeDerivedNote(b *bytes.Buffer, derived bool) {
	if derived {
		b.WriteString("\n<p class=\"note\">" + derivedNote + "</p>")
	}
}

// writeSummarySection writes what a citizen reads first on a report's
// page: its spending, its 三公经费 and its score, said to be the
// department's own, each as its row of figures shows it, and how many of
// its figures disagree, linked to the checks; then a line of links to
// the page's sections, for those who came for the tables.
// withCharts says whether the page has its section of charts.
func writeSummarySection(b *bytes.Buffer, d *pages.ReportData, withCharts bool) {
	r := d.R
	b.WriteString("<section class=\"summary\" aria-labelledby=\"summary\">\n<h2 id=\"summary\">要点</h2>\n<ul class=\"key-figures\">")
	// A project's funds lead when they are what it gives and its spending
	// is not: 项目到位资金 502万元 first, not 支出合计 未披露.
	funds := fundsLead(d)
	for pass := range 2 {
		for _, g := range d.Groups {
			for i := range g.Figures {
				if funds && (pass == 0) != (g.Figures[i].Key == "income") || !funds && pass == 1 {
					continue
				}
				writeKeyFigure(b, r, g, i)
			}
		}
	}
	writeSummaryEnd(b, d, withCharts)
}

// summaryRank returns the rank a report's summary says: of its 支出合计,
// or else of its 自评得分, when it is ranked among two reports or more;
// or nil.
func summaryRank(ranks []pages.RankRow) *pages.RankRow {
	for _, key := range [...]string{"total", "score"} {
		for i := range ranks {
			if r := &ranks[i]; r.Metric.Key == key && r.Rank.Of >= 2 && r.Slip == "" && !r.NotApplicable {
				return r
			}
		}
	}
	return nil
}

// fundsLead reports whether a 项目支出 report's summary gives its funds
// (项目到位资金) first: when it gives them and not its spending.
func fundsLead(d *pages.ReportData) bool {
	if d.R.Type != report.TypeProject {
		return false
	}
	funds, spending := false, false
	for _, g := range d.Groups {
		for _, f := range g.Figures {
			funds = funds || f.Key == "income" && !f.NA
			spending = spending || f.Key == "spending.total" && !f.NA
		}
	}
	return funds && !spending
}

// writeKeyFigure writes the item of the summary's list for the i-th
// figure of g, if it is one the summary gives (see writeSummarySection).
func writeKeyFigure(b *bytes.Buffer, r *site.Report, g pages.FigureGroup, i int) {
	f := &g.Figures[i]
	switch f.Key {
	case "spending.total", "income", "sangong.total", "score":
	default:
		return
	}
	// A figure that does not apply is left out, as is a
	// report's income unless it is a project's funds, which
	// may be all the report gives.
	if f.NA && f.Text == "不适用" || f.Key == "income" && r.Type != report.TypeProject {
		return
	}
	b.WriteString("\n<li>")
	escape(b, f.Label)
	b.WriteString(" <strong>")
	escape(b, f.Text)
	if !f.NA {
		escape(b, f.Unit)
	}
	b.WriteString("</strong>")
	if f.Key == "score" && !f.NA {
		b.WriteString("（")
		// The grade follows the score in its group.
		if i+1 < len(g.Figures) && g.Figures[i+1].Key == "grade" && !g.Figures[i+1].NA {
			escape(b, g.Figures[i+1].Text)
			b.WriteString("；")
		}
		b.WriteString("部门自己打的分，不是第三方评价）")
	}
	if f.Derived {
		b.WriteString(`<span class="derived">（报告未直接写出，由其他数字推算）</span>`)
	}
	if f.Flagged {
		b.WriteString(` <a class="flag" href="#checks">⚠ 见数据核对</a>`)
	}
	b.WriteString("</li>")
}

// writeSummaryEnd writes the end of a report's summary: how many of its
// figures disagree, and the links to the page's sections.
func writeSummaryEnd(b *bytes.Buffer, d *pages.ReportData, withCharts bool) {
	// Where its spending (or, without it, its score) places it among its
	// peers, which a citizen would otherwise find screens below.
	if row := summaryRank(d.Ranks); row != nil {
		b.WriteString("\n<li><a href=\"#ranks\">")
		escape(b, row.Metric.Label)
		b.WriteString("在")
		escape(b, d.R.Peers.Label())
		b.WriteString("中排")
		writeRank(b, row.Rank)
		b.WriteString("</a>（数值由高到低")
		if row.Flagged {
			b.WriteString("；该数字存疑，见<a href=\"#checks\">数据核对</a>")
		}
		b.WriteString("）</li>")
	}
	b.WriteString("\n<li>")
	switch n := d.Severities[check.Discrepancy]; {
	case n > 0:
		b.WriteString("<a href=\"#checks\">报告中有")
		writeInt(b, n)
		b.WriteString("处数字对不上</a>")
	default:
		b.WriteString("<a href=\"#checks\">本站核对未发现数字对不上</a>")
	}
	if n := d.Severities[check.Warning]; n > 0 {
		b.WriteString("，另有")
		writeInt(b, n)
		b.WriteString("处存疑")
	}
	if n := d.Severities[check.Rounding]; n > 0 {
		b.WriteString("，")
		writeInt(b, n)
		b.WriteString("处四舍五入造成的尾差")
	}
	b.WriteString("</li>\n</ul>\n<p class=\"page-toc\">本页：<a href=\"#body\">报告摘要</a> · <a href=\"#figures\">主要数字</a> · <a href=\"#checks\">数据核对</a>")
	if withCharts {
		b.WriteString(" · <a href=\"#charts\">图表</a>")
	}
	if len(d.Ranks) > 0 {
		b.WriteString(" · <a href=\"#ranks\">同年排名</a>")
	}
	b.WriteString("</p>\n</section>")
}

// writeFiguresSection writes the section of a report's figures: what the
// amounts mean, then a table for each group of figures.
func writeFiguresSection(b *bytes.Buffer, d *pages.ReportData) {
	r := d.R
	b.WriteString("<section aria-labelledby=\"figures\">\n<h2 id=\"figures\">主要数字</h2>\n<p>金额单位为万元")
	if r.Unit != "万元" {
		b.WriteString("（报告原以")
		escape(b, r.Unit)
		b.WriteString("填报，已换算）")
	}
	b.WriteString("。“未披露”表示报告没有给出该数字，不等于0。")
	if len(r.Derived) > 0 {
		b.WriteString(derivedNote)
	}
	if r.Type == report.TypeProject {
		// Its department figures read 不适用: say why, here, where
		// the reader sees them.
		b.WriteString(check.ProjectScope + "：“支出合计”是这个项目或这笔资金的支出；基本支出与项目支出的划分、三公经费、人员编制等只对整个部门适用的数字，报告没有给出的，本页不列出；给出的照列，但那是整个部门的数字，不与其他项目支出报告比较、排名。")
	}
	if r.Prev != nil {
		b.WriteString("“上年”为")
		writeInt(b, r.Prev.Year)
		if r.Project != "" {
			b.WriteString("年同一部门同一项目的报告。")
		} else {
			b.WriteString("年同一部门的报告。")
		}
	}
	b.WriteString("</p>")
	writeFigureTables(b, d.Groups, r.Prev != nil)
	b.WriteString("\n</section>")
}

// derivedNote is what a report's page, and a county's tables, say of the
// figures they mark （推算）: the report does not give them; the person
// who wrote the report's file computed them from its other figures.
const derivedNote = "标“推算”的数字报告没有直接写出，是整理本站数据的人根据报告中的其他数字算出的；与之相关的合计对得上时不再核对，对不上时列入数据核对。"

// writeChecksSection writes the section of a report's checks: its findings,
// the note on what it leaves undisclosed, and the outcome of every check.
func writeChecksSection(b *bytes.Buffer, root string, d *pages.ReportData) {
	b.WriteString("<section aria-labelledby=\"checks\">\n<h2 id=\"checks\">数据核对</h2>")
	if len(d.Findings) > 0 {
		b.WriteString("\n<p>本站按报告自身的数字逐项核对，发现以下问题（“尾差”指数字取整造成的小差额：取整时每个分项最多差0.01万元；“人工核对”是整理报告的人读报告时记下的、整理出的数字体现不出的矛盾）：</p>\n<ul class=\"findings\">")
		writeFindingItems(b, d.Findings)
		b.WriteString("\n</ul>")
	} else {
		b.WriteString("\n<p>已核对的项目均未发现不一致。</p>")
	}
	if d.Undisclosed != "" {
		b.WriteString("<p class=\"finding finding-info\">")
		escape(b, d.Undisclosed)
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"核对项目\">\n<table class=\"checks\">\n" +
		"<caption>各核对项目的结果（未核对表示报告缺少所需数字，或没有人工记录）</caption>\n" +
		"<thead><tr><th scope=\"col\">核对项目</th><th scope=\"col\">结果</th><th scope=\"col\">说明</th></tr></thead>\n<tbody>\n")
	writeCheckRows(b, d.Checks)
	b.WriteString("\n</tbody>\n</table>\n</div>\n")
	if d.OmittedChecks != "" {
		b.WriteString("<p class=\"note\">" + check.ProjectScope + "，本站不核对只涉及整个部门数字的项目（")
		escape(b, d.OmittedChecks)
		b.WriteString("），表中未列出。</p>\n")
	}
	b.WriteString("<p><a href=\"")
	escape(b, root)
	b.WriteString("findings.html\">查看全部报告的核对发现</a></p>\n</section>")
}

// writeRanksNote writes, below a series' table by year, which reports
// its ranks are among (see site.Peers), when a row has one.
func writeRanksNote(b *bytes.Buffer, rows []pages.YearRow) {
	for _, row := range rows {
		for _, c := range row.Cells {
			if c.Rank.Of == 0 {
				continue
			}
			b.WriteString("\n<p class=\"note\">排名（第几名/共几份）是在当年")
			escape(b, row.R.Peers.Among())
			b.WriteString("中的位置，数值由高到低；不同类的部门支出规模相差很大，不放在一起排名；只有1份报告给出该数字时不排名。</p>")
			return
		}
	}
}

// writeRanksSection writes the section of a report's ranks among its
// peers (see site.Peers): the reports of its year and type, and of its
// kind of department for a whole-department report.
func writeRanksSection(b *bytes.Buffer, root string, d *pages.ReportData) {
	if len(d.Ranks) == 0 {
		return // nothing to rank
	}
	r := d.R
	peers := r.Peers.Label()
	b.WriteString("<section aria-labelledby=\"ranks\">\n<h2 id=\"ranks\">同年排名</h2>\n<p>在")
	escape(b, peers)
	b.WriteString("中的位置，数值由高到低排列；未披露的数字和疑为单位错误的数字不参加排名。")
	if r.Type == report.TypeWhole {
		b.WriteString("各类部门的支出规模相差很大，所以只与各县同类部门相比。")
		if len(r.Peers.Reports) == 1 {
			b.WriteString("本站")
			writeInt(b, r.Year)
			b.WriteString("年只有这1份")
			escape(b, r.Peers.Kind.Label())
			b.WriteString("的整体支出报告，所以不排名。")
		}
	}
	for _, row := range d.Ranks {
		if row.NotApplicable {
			b.WriteString("整个部门的数字（如基本支出、三公经费）不适用于")
			escape(b, r.Type)
			b.WriteString("报告，报告给出了也不排名：与它相比的是各部门的")
			escape(b, r.Type)
			b.WriteString("报告。")
			break
		}
	}
	b.WriteString("</p>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
	// The region is named after its table, not the section around it:
	// two landmarks of one name cannot be told apart.
	escape(b, peers)
	b.WriteString("中的排名\">\n<table class=\"ranks\">\n<caption>")
	escape(b, peers)
	b.WriteString("中的排名</caption>\n" +
		"<thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">数值</th><th scope=\"col\">排名</th></tr></thead>\n<tbody>\n")
	writeRankRows(b, root, d.R, d.Ranks)
	b.WriteString("\n</tbody>\n</table>\n</div>\n")
	if r.Type == report.TypeProject {
		// The compare pages compare 整体支出 reports alone.
		b.WriteString("<p>各县比较页只比较整体支出报告，不含项目支出报告。</p>\n</section>")
		return
	}
	b.WriteString("<p>")
	if pages.HasComparePage(r.Peers) {
		b.WriteString("<a href=\"")
		escapeURL(b, root, pages.CompareKindPath(r.Peers))
		b.WriteString("\">查看")
		writeInt(b, r.Year)
		b.WriteString("年各县")
		escape(b, r.Peers.Kind.Label())
		b.WriteString("比较</a> · ")
	}
	b.WriteString("<a href=\"")
	escapeURL(b, root, pages.ComparePath(r.Year))
	b.WriteString("\">查看")
	writeInt(b, r.Year)
	b.WriteString("年各县全部部门比较</a></p>\n</section>")
}

// writeOthersSection writes the section listing the county's other
// reports, after a line break, or when the report's series has a page
// of its own, the series' other reports and links to that page and the
// county's; it writes nothing when there are none.
func writeOthersSection(b *bytes.Buffer, root string, d *pages.ReportData) {
	if len(d.Others) == 0 {
		return
	}
	c := d.R.County
	b.WriteString("\n<section aria-labelledby=\"others\">\n<h2 id=\"others\">")
	escape(b, c.Name)
	se := d.R.Series
	if se == nil || se.URL == "" {
		b.WriteString("的其他报告</h2>\n<ul>")
		writeReportLinks(b, root, d.Others, "")
		b.WriteString("</ul>\n</section>")
		return
	}
	// Only the series' other reports: its page and the county's lead
	// to the rest.
	escape(b, se.Department)
	writeProject(b, se.Project, "（", "）")
	b.WriteString("的其他年度报告</h2>\n<ul>")
	writeReportLinks(b, root, d.Others, "")
	b.WriteString("</ul>\n<p><a href=\"")
	escapeURL(b, root, se.URL)
	b.WriteString("\">")
	escape(b, se.Department)
	b.WriteString("历年数字和趋势图</a> · <a href=\"")
	escapeURL(b, root, c.URL)
	b.WriteString("\">")
	escape(b, c.Name)
	b.WriteString("各部门一览</a></p>\n</section>")
}

// writeMeta writes the head's title and the descriptions of a page
// for search engines and link previews: a report's page is an article,
// every other page a website.
func writeMeta(b *bytes.Buffer, title, description, tmpl string) {
	b.WriteString("<title>")
	escape(b, title)
	if tmpl != "home" { // whose title is the site's name, in full
		b.WriteString(" · 县级部门绩效自评报告比较")
	}
	b.WriteString("</title>\n<meta name=\"description\" content=\"")
	escape(b, description)
	b.WriteString("\">\n<meta property=\"og:title\" content=\"")
	escape(b, title)
	b.WriteString("\">\n<meta property=\"og:description\" content=\"")
	escape(b, description)
	if tmpl == "report" {
		b.WriteString("\">\n<meta property=\"og:type\" content=\"article\">")
	} else {
		b.WriteString("\">\n<meta property=\"og:type\" content=\"website\">")
	}
	b.WriteString("\n<meta property=\"og:locale\" content=\"zh_CN\">\n<meta property=\"og:site_name\" content=\"县级部门绩效自评报告比较\">")
}

// writeFigureTables writes a report's figure tables, one per group (see
// figureTablesHTML). With the previous year's figures, a table has five
// columns, too many for a phone: its class changes makes each figure a
// card there, whose cells the stylesheet names by these headings.
func writeFigureTables(b *bytes.Buffer, groups []pages.FigureGroup, withPrev bool) {
	for _, g := range groups {
		if g.Note != "" {
			b.WriteString("\n<p class=\"note\">")
			escape(b, g.Note)
			b.WriteString("</p>")
		}
		b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
		escape(b, g.Title)
		if withPrev {
			// On a phone, a card per figure (see site.css).
			b.WriteString("\">\n<table class=\"figures changes\">\n<caption>")
		} else {
			b.WriteString("\">\n<table class=\"figures\">\n<caption>")
		}
		escape(b, g.Title)
		b.WriteString("</caption>\n<thead><tr><th scope=\"col\">指标</th><th scope=\"col\" class=\"num\">数值</th><th scope=\"col\">单位</th>")
		if withPrev {
			b.WriteString("<th scope=\"col\" class=\"num\">上年</th><th scope=\"col\">增减</th>")
		}
		b.WriteString("</tr></thead>\n<tbody>\n")
		writeFigureRows(b, g.Figures, withPrev)
		b.WriteString("\n</tbody>\n</table>\n</div>")
	}
}

// writeFindingItems writes findings as list items (see findingItemsHTML),
// each with the id finding-N, N its place in the list from 1, which the
// findings page links to (see pages.FindingRow.N).
func writeFindingItems(b *bytes.Buffer, fs []check.Finding) {
	for i := range fs {
		f := &fs[i]
		b.WriteString("\n<li id=\"finding-")
		writeInt(b, i+1)
		b.WriteString("\" class=\"finding finding-")
		escape(b, f.Severity.String())
		b.WriteString("\"><strong>")
		escape(b, f.Title)
		b.WriteString("</strong>（")
		escape(b, f.Severity.Label())
		b.WriteString("）：")
		escape(b, f.Message)
		b.WriteString("</li>")
	}
}

// writeCheckRows writes the rows of a table of check results (see
// checkRowsHTML).
func writeCheckRows(b *bytes.Buffer, results []check.Result) {
	for i := range results {
		c := &results[i]
		b.WriteString("\n<tr><th scope=\"row\">")
		escape(b, c.Title)
		b.WriteString("</th><td class=\"status-")
		b.WriteString(c.Status.String())
		b.WriteString("\">")
		escape(b, c.Status.Label())
		b.WriteString("</td><td>")
		escape(b, c.Reason)
		b.WriteString("</td></tr>")
	}
}

// rankFlag follows, in the rank table of a report's page, the rank of a
// value that a finding disputes (pages.RankRow.Flagged).
const rankFlag = ` <a class="flag" href="#checks" title="该数字与报告中的其他数字不一致或存疑，排名仅供参考，见数据核对">⚠ 数据存疑</a>`

// writeRankRows writes the rows of the rank table of the report rep (see
// rankRowsHTML); a rank among two reports or more links to the ranking
// it comes from, as on the county page (see pages.AppendRankHref).
func writeRankRows(b *bytes.Buffer, root string, rep *site.Report, ranks []pages.RankRow) {
	for _, r := range ranks {
		b.WriteString("\n<tr><th scope=\"row\">")
		escape(b, r.Metric.Label)
		b.WriteString("<span class=\"unit\">（")
		escape(b, r.Metric.Unit)
		b.WriteString("）</span></th>")
		cellTD(b, root, r.Value)
		b.WriteString("<td>")
		switch {
		case r.NotApplicable:
			b.WriteString(`不适用，不排名`)
		case r.Slip != "":
			b.WriteString(r.Slip + "，不参加排名")
		default:
			writeRankLink(b, root, rep, r.Metric, r.Rank, "")
			if r.Flagged && r.Rank.Of > 1 {
				b.WriteString(rankFlag)
			}
		}
		b.WriteString("</td></tr>")
	}
}

// writeReportLinks writes links to reports as list items (see
// reportLinksHTML), each after sep.
func writeReportLinks(b *bytes.Buffer, root string, rs []*site.Report, sep string) {
	for _, r := range rs {
		b.WriteString(sep)
		b.WriteString("<li><a href=\"")
		escapeURL(b, root, r.URL)
		b.WriteString("\">")
		escape(b, r.DisplayTitle())
		b.WriteString("</a></li>")
	}
}

// writeSeriesSection writes the section of a county's page for one series
// (one department's reports of one type): its table of figures by year,
// its trend charts, found among the page's by ID, or a note that one
// year has none.
func writeSeriesSection(b *bytes.Buffer, root string, p *pages.Page, s *pages.SeriesView) {
	b.WriteString("\n<section aria-labelledby=\"")
	escape(b, s.ID)
	b.WriteString("\">\n<h2 id=\"")
	escape(b, s.ID)
	b.WriteString("\">")
	escape(b, s.Department)
	b.WriteString(" · ")
	escape(b, s.Type)
	writeProject(b, s.Project, " · ", "")
	b.WriteString("</h2>")
	if s.Type == report.TypeProject {
		// Its table shows the project's figures; say what they are, and
		// why the department's are not there, above the table.
		b.WriteString("\n<p class=\"note\">" + check.ProjectScope + "：表中的“支出合计”就是这个项目或这笔资金的支出，“项目到位资金”是拨付给它的钱，不等于实际花了多少")
		if len(s.NotApplicable)+len(s.PerStaffNotApplicable) > 0 {
			b.WriteString("；")
			writeJoined(b, s.NotApplicable, s.PerStaffNotApplicable)
			b.WriteString("说的是整个部门，对这类报告不适用，表中不列出")
		}
		if len(s.DepartmentFigures) > 0 {
			b.WriteString("；")
			writeJoined(b, s.DepartmentFigures)
			b.WriteString("也是整个部门的数字，报告给出了，表中照列，但不与其他项目支出报告比较、排名，没有给出的年度写“不适用”")
		}
		b.WriteString("。</p>")
	}
	writeYearTable(b, root, s, "历年数字", "历年数字", 0, s.PerStaffFrom, true)
	if s.PerStaffFrom < len(s.Metrics) {
		// The figures per staff member, in a table of their own.
		writeYearTable(b, root, s, "历年人均数", "历年人均数（按实有人数计）", s.PerStaffFrom, len(s.Metrics), false)
	}
	writeRanksNote(b, s.Rows)
	derived := false
	for _, row := range s.Rows {
		derived = derived || anyDerived(row.Cells)
	}
	writeDerivedNote(b, derived)
	for _, id := range s.Charts {
		if c := p.Chart(id); c != nil {
			writeChart(b, root, c)
		}
	}
	if len(s.Reports) < 2 {
		b.WriteString("<p class=\"note\">只有一个年度的报告，暂无趋势图。</p>")
	}
	b.WriteString("\n</section>")
}

// writeYearTable writes a table of the series s by year, named what (its
// region) and caption: a column a metric of s.Metrics[from:to], then the
// grade, if grade.
func writeYearTable(b *bytes.Buffer, root string, s *pages.SeriesView, what, caption string, from, to int, grade bool) {
	b.WriteString("\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"")
	escape(b, s.Department)
	escape(b, s.Project)
	escape(b, what)
	b.WriteString("\">\n<table class=\"by-year\">\n<caption>")
	escape(b, s.Department)
	escape(b, s.Type)
	writeProject(b, s.Project, "（", "）")
	escape(b, caption)
	b.WriteString("</caption>\n<thead><tr><th scope=\"col\">年度</th>")
	for _, m := range s.Metrics[from:to] {
		b.WriteString("<th scope=\"col\" class=\"num\">")
		writeMetricName(b, &m)
		b.WriteString("</th>")
	}
	if grade {
		b.WriteString("<th scope=\"col\">等级</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>")
	writeYearRows(b, root, s.Rows, s.Metrics, from, to, grade)
	b.WriteString("\n</tbody>\n</table>\n</div>")
}

// writeJoined writes the words of the lists, in order, joined by 、.
func writeJoined(b *bytes.Buffer, lists ...[]string) {
	n := 0
	for _, l := range lists {
		for _, w := range l {
			if n > 0 {
				b.WriteString("、")
			}
			escape(b, w)
			n++
		}
	}
}
