package check

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/report"
)

// Notices returns the warnings for the publisher about slips in the
// report files of rs, each at its key, sorted by file and position. They
// are about the file, not about the report it records, and so are not
// findings, which are published on the site: a reader can do nothing
// about them, and the publisher should put them right before
// publishing. They are:
//
//   - a county, prefecture, province, department or project name with a
//     space in it (江华瑶族 自治县), which the site takes for another
//     county, department or project, with a page of its own: Chinese
//     names have none;
//   - a county, prefecture, province, department or project name in
//     Chinese quotation marks (“财政局”), as Word and input methods
//     write the quotes typed around it: YAML takes only ASCII quotes for
//     quotes, and the name with them is another;
//   - a county, prefecture or province name with a punctuation mark in
//     it (桃源县：), which no such name has;
//   - the importer's placeholder (Placeholder, 未识别) left as a county,
//     prefecture, province or department name, or its PlaceholderYear
//     left as the year, in a report that is no longer a draft, which the
//     site would publish as a name or a year;
//   - review notes (review:) left in a report that is no longer a draft,
//     published with them unresolved;
//   - a publication date (published:) before the end of the report's
//     fiscal year, which no self-evaluation of that year can have: the
//     year or the date is wrong; or years after it;
//   - a report whose figures are all another department's of the same
//     county and year (copiedFigures): a file copied and not filled in;
//   - a county, prefecture or province name without its ending that
//     another report gives with it (桃源 beside 桃源县, 常德 beside
//     常德市; see shortPlaces), which the site takes for another place,
//     with a page of its own;
//   - a part of the body that the report's page does not show: an HTML
//     block (<table>), omitted with its text, or an image not on the
//     web, which becomes its description (report.Report.Dropped).
//
// Nil reports are skipped, as Reports skips them, and a report given
// twice is said once.
func Notices(rs []*report.Report) []FileWarning {
	var out []FileWarning
	for _, r := range sortReports(rs) {
		for _, n := range nameKeys {
			if w, ok := spacedName(r, n); ok {
				out = append(out, w)
			}
			if w, ok := placeholderName(r, n); ok {
				out = append(out, w)
			}
			if w, ok := quotedName(r, n); ok {
				out = append(out, w)
			} else if w, ok := punctuatedPlace(r, n); ok {
				out = append(out, w)
			}
		}
		if w, ok := placeholderYear(r); ok {
			out = append(out, w)
		}
		if w, ok := reviewLeft(r); ok {
			out = append(out, w)
		}
		if w, ok := publishedEarly(r); ok {
			out = append(out, w)
		}
		out = append(out, droppedParts(r)...)
	}
	out = append(out, copiedFigures(rs)...)
	out = append(out, shortPlaces(rs)...)
	slices.SortStableFunc(out, func(a, b FileWarning) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return out
}

// copiedMin is the fewest amounts other than 0 that two reports must
// both give, all equal, for copiedFigures to say one copies the other:
// two reports of one or two figures may well agree.
const copiedMin = 3

// copiedFigures returns the warnings of reports of one county and year,
// but of another department, type or project, whose figures are all
// those of another: every amount, staff count, score and grade given or
// not given alike, and at least copiedMin amounts other than 0. Such a
// file was most likely copied to start another department's report and
// its figures never filled in; the site would publish the first
// department's figures as the second's. The warning is on the file that
// sorts later, at its department, naming the other.
func copiedFigures(rs []*report.Report) []FileWarning {
	type key struct {
		county, prefecture string
		year               int
		figures            string
	}
	first := map[key]*report.Report{}
	var out []FileWarning
	for _, r := range sortReports(rs) {
		figures, n := figuresPrint(r)
		if n < copiedMin {
			continue
		}
		k := key{r.County, r.Prefecture, r.Year, figures}
		o := first[k]
		if o == nil {
			first[k] = r
			continue
		}
		if o.Department == r.Department && o.Type == r.Type && o.Project == r.Project {
			continue // a duplicate report, which the build refuses
		}
		out = append(out, notice(r, "department",
			"every figure of this report is the same as in "+o.File+", the report of "+o.Department+
				": was this file copied from it and its figures not filled in? Write this report's own figures",
			"这份报告的各项数字与 "+o.File+"（"+o.Department+"的报告）完全相同："+
				"是否复制了那个文件而没有改填这份报告自己的数字？请按这份报告填写"))
	}
	return out
}

// droppedParts returns the warnings of the parts of r's body that its
// page does not show (report.Report.Dropped), each at its line and
// column: the publisher would otherwise learn of them only by reading
// the page.
func droppedParts(r *report.Report) []FileWarning {
	var out []FileWarning
	for _, d := range r.Dropped {
		var en, zh string
		switch d.Kind {
		case report.DroppedHTML:
			en = "the HTML " + d.Text + " here is not published, nor any text inside it, down to the next blank line: pages show no HTML from report files; " +
				"write it in Markdown (a table as rows of | cells |, a heading as ## 标题) or as plain text"
			zh = "这里的 HTML（" + d.Text + "）不会发布，其中直到下一个空行的文字也不会显示：网站不显示报告文件中的 HTML；" +
				"请改用 Markdown（表格每行写成 | 单元格 |，标题写成 ## 标题）或纯文字"
		case report.DroppedImage:
			en = "the image " + d.Text + " is not published: pages show only its description, the text in ![…]; " +
				"give what it shows in words or as a table, or, for a picture on the web, its https:// address, which becomes a link"
			zh = "图片 " + d.Text + " 不会发布，页面上只显示 ![…] 中的说明文字：请把图中内容写成文字或表格；网上的图片可写 https:// 地址，会显示为链接"
		default:
			continue
		}
		out = append(out, FileWarning{File: r.File, Line: d.Pos.Line, Col: d.Pos.Col, Key: "body", Message: en + " (" + zh + ")"})
	}
	return out
}

// placeEndings are the last characters of the names of counties (县,
// 自治县, 市, 区, 林区, 特区, 旗, 自治旗), of prefectures (市, 自治州,
// 地区, 盟) and of provinces (省, 市, 自治区, 特别行政区): every such name
// ends with one.
var placeEndings = map[string]string{
	"county":     "县市区旗",
	"prefecture": "市州区盟",
	"province":   "省市区",
}

// shortPlaces returns the warnings of a county, prefecture or province
// name that lacks the ending every such name has (see placeEndings)
// while another report gives the same name with one: 桃源 beside 桃源县,
// 常德 beside 常德市, 江华 beside 江华瑶族自治县, 湖南 beside 湖南省. For
// a county or prefecture, the other report is of the same province, or
// one of the two gives none (as new writes a file). The site would take
// the short name for another place, with a page of its own, and split
// the county's years between two pages. The warning is on every report
// of the short name, at its key, naming the first file and line of the
// full one; a name that is a shortening of two (长沙 beside 长沙县 and
// 长沙市) names both, since either may be meant.
func shortPlaces(rs []*report.Report) []FileWarning {
	type place struct {
		k              int // the name's key, nameKeys[k]
		province, name string
	}
	full := map[place]*report.Report{} // the first report of each name that has an ending
	var short []place                  // each name without an ending, in order of its first report
	of := map[place][]*report.Report{} // the reports of each name without one
	for _, r := range sortReports(rs) {
		for k, n := range nameKeys[:3] {
			p := place{k, r.Province, n.name(r)}
			if n.key == "province" {
				p.province = ""
			}
			if p.name == "" || full[p] != nil {
				continue
			}
			if last, _ := utf8.DecodeLastRuneInString(p.name); strings.ContainsRune(placeEndings[n.key], last) {
				full[p] = r
			} else if strings.ContainsFunc(p.name, isHan) {
				if of[p] == nil {
					short = append(short, p)
				}
				of[p] = append(of[p], r)
			}
		}
	}
	var out []FileWarning
	for _, p := range short {
		n := nameKeys[p.k]
		type named struct {
			name string
			r    *report.Report
		}
		var longer []named
		for q, r := range full {
			if q.k == p.k && sameProvince(q.province, p.province) && strings.HasPrefix(q.name, p.name) {
				longer = append(longer, named{q.name, r})
			}
		}
		if len(longer) == 0 {
			continue
		}
		// The map gives them in any order.
		slices.SortFunc(longer, func(a, b named) int { return strings.Compare(a.name, b.name) })
		var en, zh []string
		for _, l := range longer[:min(len(longer), maxShortNamed)] {
			at := l.r.File + ":" + strconv.Itoa(l.r.KeyPos(n.key).Line)
			en = append(en, l.name+" ("+at+")")
			zh = append(zh, "“"+l.name+"”（"+at+"）")
		}
		if more := len(longer) - maxShortNamed; more > 0 {
			en = append(en, strconv.Itoa(more)+" more names")
			zh[len(zh)-1] += "等" + strconv.Itoa(len(longer)) + "个名称"
		}
		for _, r := range of[p] {
			out = append(out, notice(r, n.key,
				n.key+" name "+p.name+" has no ending ("+strings.Join(strings.Split(placeEndings[n.key], ""), ", ")+
					"), and another report names "+strings.Join(en, " or ")+
					": write the name in full, as there, or the site takes "+p.name+" for another "+n.key+", with a page of its own",
				n.label+"“"+p.name+"”少了结尾的“"+strings.Join(strings.Split(placeEndings[n.key], ""), "”“")+"”等字，而另有报告写作"+
					strings.Join(zh, "或")+"：请照那里写全，否则网站会把“"+p.name+"”当作另一个"+n.thing+"，另给它一个页面"))
		}
	}
	return out
}

// maxShortNamed is the most full names a warning of shortPlaces names:
// a name of one character (东) is the start of dozens.
const maxShortNamed = 3

// sameProvince reports whether places in provinces a and b may be one:
// they are the same province, or either is not given.
func sameProvince(a, b string) bool { return a == b || a == "" || b == "" }

// figuresPrint returns what copiedFigures compares of r: each amount,
// staff count, score and grade, as given or not given, and how many of
// its amounts are given and other than 0.
func figuresPrint(r *report.Report) (string, int) {
	var b []byte
	n := 0
	for _, k := range report.DerivableKeys {
		if m := r.Amount(k); m != nil {
			b = append(b, byte(m.State))
			if m.Known() {
				b = strconv.AppendInt(b, int64(m.V), 10)
				if m.V != 0 {
					n++
				}
			}
			b = append(b, ';')
		}
	}
	for _, f := range []report.Field[int]{r.Staff.Authorized, r.Staff.Actual} {
		b = append(b, byte(f.State))
		b = strconv.AppendInt(b, int64(f.V), 10)
		b = append(b, ';')
	}
	b = append(b, byte(r.Score.State))
	b = strconv.AppendFloat(b, r.Score.V, 'g', -1, 64)
	b = append(b, ';', byte(r.Grade.State))
	b = append(b, r.Grade.V...)
	return string(b), n
}

// notice returns the warning of r at its key, said in English, then in
// Chinese in parentheses, as the errors of a report file are.
func notice(r *report.Report, key, en, zh string) FileWarning {
	pos := r.KeyPos(key)
	return FileWarning{File: r.File, Line: pos.Line, Col: pos.Col, Key: key, Message: en + " (" + zh + ")"}
}

// nameKey is a key of a report that names a place, a department or a
// project: what it is called in Chinese, and what a name with a space
// would be taken for, in Chinese (the key says both in English).
type nameKey struct {
	key, label, thing string
	name              func(r *report.Report) string
}

var nameKeys = []nameKey{
	{"county", "县名", "县", func(r *report.Report) string { return r.County }},
	{"prefecture", "地市名", "地市", func(r *report.Report) string { return r.Prefecture }},
	{"province", "省名", "省", func(r *report.Report) string { return r.Province }},
	{"department", "部门名称", "部门", func(r *report.Report) string { return r.Department }},
	{"project", "项目名称", "项目", func(r *report.Report) string { return r.Project }},
}

// Placeholder is what the importer writes for a county or department name
// it could not read, for a person to replace.
const Placeholder = "未识别"

// PlaceholderYear is what the importer writes for a year it could not
// read, for a person to replace: the earliest year a report may have.
const PlaceholderYear = 2000

// placeholderYear returns the warning of the year of r that is still the
// importer's PlaceholderYear once r is no longer a draft.
func placeholderYear(r *report.Report) (FileWarning, bool) {
	if r.Draft || r.Year != PlaceholderYear {
		return FileWarning{}, false
	}
	y := strconv.Itoa(PlaceholderYear)
	return notice(r, "year",
		"year "+y+" is the placeholder import writes for a year it could not read, and the report is no longer a draft: "+
			"write the year the report evaluates, or the site publishes it as a report of "+y,
		"年度 "+y+" 是导入时留下的占位符（没有从报告中读出），不是实际的年度："+
			"请对照原报告改为报告评价的年度，否则网站会把它当作"+y+"年度的报告发布"), true
}

// placeholderName returns the warning of a name of r that is still the
// importer's Placeholder once r is no longer a draft.
func placeholderName(r *report.Report, n nameKey) (FileWarning, bool) {
	if r.Draft || strings.TrimSpace(n.name(r)) != Placeholder {
		return FileWarning{}, false
	}
	return notice(r, n.key,
		n.key+" name "+Placeholder+" is the placeholder import writes for a name it could not read, and the report is no longer a draft: "+
			"write the "+n.key+"'s name as the report gives it, or the site publishes "+Placeholder+" as a "+n.key,
		n.label+"“"+Placeholder+"”是导入时留下的占位符（没有从报告中读出），不是实际的"+n.label+
			"：请对照原报告改为实际的"+n.label+"，否则网站会把“"+Placeholder+"”当作一个"+n.thing+"发布"), true
}

// spacedName returns the warning of a Chinese name of r with a space in
// it (see unspaced), with the name written without it.
func spacedName(r *report.Report, n nameKey) (FileWarning, bool) {
	name := n.name(r)
	fixed, wide, ok := unspaced(name)
	if !ok {
		return FileWarning{}, false
	}
	space, spaceEn := "空格", "a space"
	if wide {
		space, spaceEn = "全角空格", "a full-width space"
	}
	return notice(r, n.key,
		n.key+" name "+name+" has "+spaceEn+" in it; write "+fixed+
			": Chinese names have none, and with one the site takes the name for another "+n.key+", with a page of its own",
		n.label+"“"+name+"”中有"+space+"，应写作“"+fixed+"”：中文名称中没有空格，多一个空格，网站就会把它当作另一个"+n.thing+
			"，另给它一个页面"), true
}

// chineseQuotes are the pairs of quotation marks that Word, WPS and
// Chinese input methods write for the quotes typed around a value.
var chineseQuotes = [...][2]string{{"“", "”"}, {"‘", "’"}, {"「", "」"}, {"『", "』"}, {"＂", "＂"}, {"＇", "＇"}}

// quotedName returns the warning of a name of r in Chinese quotation
// marks (“财政局”): YAML takes them for part of the name, and the site for
// another county, department or project, with pages of its own.
func quotedName(r *report.Report, n nameKey) (FileWarning, bool) {
	name := n.name(r)
	for _, q := range chineseQuotes {
		inner, ok := strings.CutPrefix(name, q[0])
		if !ok {
			continue
		}
		if inner, ok = strings.CutSuffix(inner, q[1]); !ok || inner == "" {
			continue
		}
		return notice(r, n.key,
			n.key+" name "+name+" is in the quotation marks "+q[0]+q[1]+", which YAML does not take for quotes but for part of the name, "+
				"and the site for another "+n.key+", with a page of its own: write "+inner+", without them (or in ASCII quotes, \""+inner+"\")",
			n.label+" "+name+" 两边带有引号"+q[0]+q[1]+"，这种引号会被当作名称的一部分，网站会把它当作另一个"+n.thing+"，另给它一个页面："+
				"请写作 "+inner+"，不加引号（或用英文引号 \""+inner+"\"）"), true
	}
	return FileWarning{}, false
}

// punctuatedPlace returns the warning of the name of a county,
// prefecture or province of r with a punctuation mark in it (桃源县：,
// 常德市。): no such name has one, and with it the site takes the name for
// another place, with a page of its own. A department's or project's
// name may have one (财政局（国资办）) and is not warned about.
func punctuatedPlace(r *report.Report, n nameKey) (FileWarning, bool) {
	switch n.key {
	case "county", "prefecture", "province":
	default:
		return FileWarning{}, false
	}
	name := n.name(r)
	i := strings.IndexFunc(name, func(c rune) bool { return unicode.IsPunct(c) && c != '·' })
	if i < 0 || !strings.ContainsFunc(name, isHan) {
		return FileWarning{}, false
	}
	mark, _ := utf8.DecodeRuneInString(name[i:])
	return notice(r, n.key,
		n.key+" name "+name+" has the punctuation mark "+string(mark)+" in it, which no "+n.key+"'s name has: delete it, "+
			"or the site takes the name for another "+n.key+", with a page of its own",
		n.label+"“"+name+"”中有标点“"+string(mark)+"”，"+n.thing+"名中没有标点：请删除，否则网站会把它当作另一个"+n.thing+"，另给它一个页面"), true
}

// unspaced returns name without the spaces that Chinese names never hold
// (an ordinary or a full-width space, or any other), whether one of them
// is full-width, and whether there were any. A space next to a Latin
// letter or a digit is kept, as in a name that holds a word in Latin
// letters or a number (G207 国道养护); so is
// every space of a name without a Chinese character.
func unspaced(name string) (fixed string, wide, ok bool) {
	if !strings.ContainsFunc(name, unicode.IsSpace) || !strings.ContainsFunc(name, isHan) {
		return name, false, false
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if !unicode.IsSpace(r) {
			b.WriteString(name[i : i+size])
			i += size
			continue
		}
		j := i
		for j < len(name) {
			r, size := utf8.DecodeRuneInString(name[j:])
			if !unicode.IsSpace(r) {
				break
			}
			wide = wide || r == '\u3000'
			j += size
		}
		before, _ := utf8.DecodeLastRuneInString(name[:i])
		after, _ := utf8.DecodeRuneInString(name[j:])
		if latinOrDigit(before) || latinOrDigit(after) {
			b.WriteString(name[i:j])
		} else {
			ok = true
		}
		i = j
	}
	if !ok {
		return name, false, false
	}
	return b.String(), wide, true
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// latinOrDigit reports whether r is a Latin letter or a digit, half- or
// full-width: a project's name may hold a road's number (G207 国道).
func latinOrDigit(r rune) bool { return unicode.Is(unicode.Latin, r) || unicode.IsDigit(r) }

// reviewLeft returns the warning of a report that is no longer a draft
// but still has review notes, the notes import writes for the person
// who checks its draft.
func reviewLeft(r *report.Report) (FileWarning, bool) {
	if r.Draft || r.ReviewNotes == 0 {
		return FileWarning{}, false
	}
	n := strconv.Itoa(r.ReviewNotes)
	notes := n + " review notes are"
	if r.ReviewNotes == 1 {
		notes = "1 review note is"
	}
	return notice(r, "review",
		notes+" left, and the report is no longer a draft (no draft: true), so it is published as it is: "+
			"check and put right what each says, then delete review: and its notes",
		"review 中还有"+n+"条待核对的提示，但这份报告已不是草稿（没有 draft: true），会照常发布："+
			"请逐条核对、改正后删除 review: 及其各条"), true
}

// lateYears is how many years after its year a report's publication
// date must be to be warned about (see publishedEarly).
const lateYears = 3

// publishedEarly returns the warning of a report published (by its
// published: date) before the end of its fiscal year: a self-evaluation
// of a year is written after the year ends, so the year or the date is
// wrong; or lateYears or more years after it (2029 for a report of
// 2024), when one of the two is likely mistyped. Only the two are
// compared, never today's date, so that a build says the same whenever
// it runs.
func publishedEarly(r *report.Report) (FileWarning, bool) {
	if len(r.Published) < 4 {
		return FileWarning{}, false
	}
	py, err := strconv.Atoi(r.Published[:4])
	if err != nil || py > r.Year && py < r.Year+lateYears {
		return FileWarning{}, false
	}
	y := strconv.Itoa(r.Year)
	if py > r.Year {
		// Reports are published in the year after theirs, now and then
		// the one after that: years later, one of the two is mistyped.
		return notice(r, "published",
			"published "+r.Published+" is "+strconv.Itoa(py-r.Year)+" years after "+y+", and a self-evaluation of a year is published in the year after it, or soon after: "+
				"the year (year: "+y+") or the date's year may be mistyped; check both",
			"发布日期 "+r.Published+" 比"+y+"年度晚了"+strconv.Itoa(py-r.Year)+"年，而绩效自评报告一般在次年发布："+
				"可能年度（year: "+y+"）或发布日期的年份写错了，请核对"), true
	}
	en := "published " + r.Published + " is before the end of " + y + ", and a self-evaluation of " + y + " can be written and published only after the year ends: "
	zh := "发布日期 " + r.Published + " 在" + y + "年度结束之前，而" + y + "年度的绩效自评报告要到该年度结束后才能写出、发布："
	if py == r.Year {
		// The likely slips: a file copied from the year before and
		// given the new year, or the year of the date mistyped.
		before, after := strconv.Itoa(r.Year-1), strconv.Itoa(r.Year+1)
		en += "the year may be wrong (year: " + y + ", meant " + before + "?), or the date's year (meant " + after + "?)"
		zh += "可能年度写错了（year: " + y + "，是否应为" + before + "？），或发布日期的年份写错了（是否应为" + after + "？）"
	} else {
		en += "the year (year: " + y + ") or the date (published: " + r.Published + ") is wrong; check both"
		zh += "年度（year: " + y + "）与发布日期（published: " + r.Published + "）必有一个写错了，请核对"
	}
	return notice(r, "published", en, zh), true
}
