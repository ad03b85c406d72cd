package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText returns the article text of an HTML page: navigation, scripts,
// forms and page chrome are dropped, the smallest element holding most of
// the remaining text is taken as the article, the page's title is put
// first when the article does not hold it, and its date of publication
// (发布时间) last.
func htmlText(s string) (string, error) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", fmt.Errorf("parsing HTML: %w", err)
	}
	title := pageTitle(root)
	prune(root)
	body := findAtom(root, atom.Body)
	if body == nil {
		body = root
	}
	lens := map[*html.Node]int{}
	container := mainContainer(body, lens)
	r := &htmlRenderer{}
	r.node(container)
	r.flush()
	text := r.b.String()
	if title != "" && !strings.Contains(squeeze(text), squeeze(title)) {
		text = title + "\n\n" + text
	}
	// The page's date of publication (发布时间：2024-05-08), usually above
	// the article, is put last.
	if m := postedRE.FindString(nodeText(body)); m != "" && !postedRE.MatchString(text) {
		text = strings.TrimRight(text, "\n") + "\n\n" + m + "\n"
	}
	return text, nil
}

var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Canvas: true, atom.Head: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Button: true, atom.Select: true, atom.Input: true, atom.Textarea: true, atom.Audio: true,
	atom.Video: true, atom.Map: true, atom.Dialog: true,
}

// chromeWords are class and id words of page furniture.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menubar": true, "footer": true,
	"foot": true, "breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true,
	"sidebar": true, "share": true, "bdshare": true, "copyright": true, "toolbar": true, "login": true,
	"search": true, "related": true, "banner": true, "position": true, "location": true, "dqwz": true,
	"pagination": true, "pager": true, "print": true, "fontsize": true, "skip": true, "ad": true,
	"ads": true, "advert": true, "comment": true, "comments": true, "qrcode": true, "erweima": true,
}

var wordSplitRE = regexp.MustCompile(`[\s_\-]+`)

func isChrome(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if skipAtoms[n.DataAtom] {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			for _, w := range wordSplitRE.Split(strings.ToLower(a.Val), -1) {
				if chromeWords[w] {
					return true
				}
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		case "hidden", "aria-hidden":
			if a.Key == "hidden" || a.Val == "true" {
				return true
			}
		}
	}
	return false
}

// prune removes chrome elements and comments from the tree.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.CommentNode || isChrome(c) {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func findAtom(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findAtom(c, a); f != nil {
			return f
		}
	}
	return nil
}

// textLen counts the letters and digits of text outside links.
func textLen(n *html.Node, memo map[*html.Node]int) int {
	if v, ok := memo[n]; ok {
		return v
	}
	total := 0
	switch {
	case n.Type == html.TextNode:
		for _, r := range n.Data {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				total++
			}
		}
	case n.Type == html.ElementNode && n.DataAtom == atom.A:
		total = 0
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			total += textLen(c, memo)
		}
	}
	memo[n] = total
	return total
}

// mainContainer descends from n into the child holding at least three
// quarters of the text, as long as there is one.
func mainContainer(n *html.Node, memo map[*html.Node]int) *html.Node {
	for {
		total := textLen(n, memo)
		var best *html.Node
		bestLen := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if l := textLen(c, memo); l > bestLen {
				best, bestLen = c, l
			}
		}
		if best == nil || total == 0 || bestLen*4 < total*3 {
			return n
		}
		n = best
	}
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && skipAtoms[n.DataAtom] && n.DataAtom != atom.Head {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

var titleSplitRE = regexp.MustCompile(`\s*(?:[_|｜—]+|\s-\s)\s*`)

// pageTitle finds the report's title: an h1, an element whose class or id
// says title, or the page's <title> without the site's name.
func pageTitle(root *html.Node) string {
	var h1, classed string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if isChrome(n) {
				return
			}
			switch {
			case n.DataAtom == atom.H1 && h1 == "":
				h1 = nodeText(n)
			case classed == "":
				for _, a := range n.Attr {
					if a.Key == "class" || a.Key == "id" {
						for _, w := range wordSplitRE.Split(strings.ToLower(a.Val), -1) {
							if w == "title" || w == "biaoti" || w == "articletitle" {
								if t := nodeText(n); strings.Contains(t, "报告") && len([]rune(t)) < 100 {
									classed = t
								}
							}
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	var docTitle string
	if t := findAtom(root, atom.Title); t != nil {
		parts := titleSplitRE.Split(nodeText(t), -1)
		for _, p := range parts {
			if strings.Contains(p, "报告") {
				docTitle = p
				break
			}
		}
		if docTitle == "" && len(parts) > 0 {
			docTitle = parts[0]
		}
	}
	for _, t := range []string{h1, classed, docTitle} {
		if strings.Contains(t, "报告") {
			return t
		}
	}
	// Without 报告, only a title that says what the page is: a site's name
	// would be taken for the reporting unit.
	for _, t := range []string{h1, docTitle} {
		if titleWordRE.MatchString(t) {
			return t
		}
	}
	return ""
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Center: true, atom.Address: true,
	atom.Figure: true, atom.Figcaption: true, atom.Caption: true, atom.Body: true, atom.Html: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true,
}

type htmlRenderer struct {
	b    strings.Builder
	line strings.Builder
	pre  int
}

func (r *htmlRenderer) flush() {
	s := r.line.String()
	r.line.Reset()
	if r.pre > 0 {
		r.b.WriteString(s)
		return
	}
	s = collapseSpace(s)
	if s != "" {
		r.b.WriteString(s)
		r.b.WriteByte('\n')
	}
}

// collapseSpace collapses runs of white space to one space, or to nothing
// when a line break in the source falls between two Chinese characters.
func collapseSpace(s string) string {
	rs := []rune(s)
	var out []rune
	for i := 0; i < len(rs); {
		if !unicode.IsSpace(rs[i]) {
			out = append(out, rs[i])
			i++
			continue
		}
		j, nl := i, false
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			if rs[j] == '\n' || rs[j] == '\r' {
				nl = true
			}
			j++
		}
		if len(out) > 0 && j < len(rs) && !(nl && isHan(out[len(out)-1]) && isHan(rs[j])) {
			out = append(out, ' ')
		}
		i = j
	}
	return strings.TrimSpace(string(out))
}

func (r *htmlRenderer) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.line.WriteString(strings.ReplaceAll(n.Data, "\u00a0", " "))
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			r.node(c)
		}
		return
	default:
		return
	}
	switch n.DataAtom {
	case atom.Br:
		r.flush()
		return
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		if !isLayoutTable(n) {
			r.flush()
			r.table(n)
			return
		}
	case atom.Img:
		return
	case atom.Pre:
		r.flush()
		r.pre++
		defer func() { r.line.WriteByte('\n'); r.flush(); r.pre-- }()
	}
	block := blockAtoms[n.DataAtom]
	if block {
		r.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.node(c)
	}
	if block {
		r.flush()
	}
}

// isLayoutTable reports whether a table is used for page layout rather than
// data: one of its cells holds a nested table or long, paragraphed text.
func isLayoutTable(n *html.Node) bool {
	layout := false
	var walk func(*html.Node, int)
	walk = func(c *html.Node, depth int) {
		if layout || c.Type != html.ElementNode && c.Type != html.DocumentNode {
			return
		}
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			blocks, runes := 0, 0
			var inner func(*html.Node)
			inner = func(x *html.Node) {
				for y := x.FirstChild; y != nil; y = y.NextSibling {
					if y.Type == html.TextNode {
						runes += len([]rune(strings.TrimSpace(y.Data)))
					}
					if y.Type == html.ElementNode {
						if y.DataAtom == atom.Table {
							layout = true
						}
						if y.DataAtom == atom.P || y.DataAtom == atom.Div || y.DataAtom == atom.Br || y.DataAtom == atom.H1 || y.DataAtom == atom.H2 || y.DataAtom == atom.H3 {
							blocks++
						}
						inner(y)
					}
				}
			}
			inner(c)
			if blocks > 3 || runes > 300 {
				layout = true
			}
			return
		}
		for x := c.FirstChild; x != nil; x = x.NextSibling {
			walk(x, depth+1)
		}
	}
	walk(n, 0)
	return layout
}

// maxSpan bounds the columns a cell of an HTML table spans (colspan), as
// a .docx cell's gridSpan is bounded.
const maxSpan = 63

// span returns the number in a cell's attribute key (colspan, rowspan):
// 1 when it is missing, not a number or out of 1..maxSpan (rowspan="0"
// is read as 1).
func span(n *html.Node, key string) int {
	for _, a := range n.Attr {
		if a.Key == key {
			if v, err := strconv.Atoi(strings.TrimSpace(a.Val)); err == nil && v > 1 && v <= maxSpan {
				return v
			}
		}
	}
	return 1
}

// table writes a data table as one tab-indented line per cell, with a blank
// line after each row. As for a .docx table, a cell that spans several
// columns (colspan) is followed by an empty cell for each column after its
// first, and one that spans several rows (rowspan) leaves an empty cell in
// its columns of the rows below, so that the columns of every row line
// up.
func (r *htmlRenderer) table(n *html.Node) {
	var rows [][]string
	// down[k] is the number of rows below the current one that a cell
	// above still spans in column k.
	var down []int
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type != html.ElementNode {
			return
		}
		if c.DataAtom == atom.Tr {
			var row []string
			// spanned writes the empty cells of the columns from the
			// current one that cells above span.
			spanned := func() {
				for k := len(row); k < len(down) && down[k] > 0; k++ {
					down[k]--
					row = append(row, "")
				}
			}
			for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
				if cell.Type == html.ElementNode && (cell.DataAtom == atom.Td || cell.DataAtom == atom.Th) {
					spanned()
					sub := &htmlRenderer{}
					for x := cell.FirstChild; x != nil; x = x.NextSibling {
						sub.node(x)
					}
					sub.flush()
					text := strings.Join(strings.Fields(strings.ReplaceAll(sub.b.String(), "\t", " ")), " ")
					cols, rs := span(cell, "colspan"), span(cell, "rowspan")
					for k := range cols {
						at := len(row)
						if k == 0 {
							row = append(row, text)
						} else {
							row = append(row, "")
						}
						for len(down) <= at {
							down = append(down, 0)
						}
						down[at] = rs - 1
					}
				}
			}
			spanned()
			rows = append(rows, row)
			return
		}
		for x := c.FirstChild; x != nil; x = x.NextSibling {
			walk(x)
		}
	}
	walk(n)
	r.b.WriteByte('\n')
	for _, row := range rows {
		for _, c := range row {
			r.b.WriteByte('\t')
			r.b.WriteString(c)
			r.b.WriteByte('\n')
		}
		r.b.WriteByte('\n')
	}
}
