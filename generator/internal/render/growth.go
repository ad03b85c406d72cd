package render

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/countyperf/portal/generator/internal/report"
)

// A body's HTML may be at most maxGrowth times as long as the body, plus
// growthSlack bytes. Markdown as reports write it grows by less than 4
// times (a table cell "| 12.5 " becomes "<td>12.5</td>\n"); the worst
// that plain Markdown does, one-character cells of an aligned table, is
// about 16 times. Beyond that the body repeats text it holds once, as a
// link reference used many times does, and the page is refused rather
// than cut (report.MaxLinkLength and report.MaxTableCells keep real bodies
// far from this).
const (
	maxGrowth   = 32
	growthSlack = 1 << 20
)

// maxHTML returns the most bytes of HTML a body of n bytes may render to.
func maxHTML(n int) int { return maxGrowth*n + growthSlack }

// growthError is the error of a body whose HTML would be larger than
// maxHTML allows.
func growthError(html, body int) error {
	return fmt.Errorf("its HTML would be %d KB or more, over %d times the body's %d KB: it repeats a link (or other text) too often (正文中同一个链接或文字重复引用过多，生成的网页过大)", html>>10, maxGrowth, body>>10)
}

// linkBytesKey holds, in the parser's context, the bytes of the
// destinations and titles of the body's links, which bodyTransformer
// counts: each is written out once for each use of a link reference.
var linkBytesKey = parser.NewContextKey()

// countLinkBytes adds the destination and title of each link of doc to
// the count held under linkBytesKey.
func countLinkBytes(n ast.Node, pc parser.Context) {
	var add int
	switch v := n.(type) {
	case *ast.Link:
		add = len(v.Destination) + len(v.Title)
	case *ast.Image:
		add = len(v.Destination) + len(v.Title)
	default:
		return
	}
	total, _ := pc.Get(linkBytesKey).(int)
	pc.Set(linkBytesKey, total+add)
}

// convert renders body to HTML into b with goldmark, refusing, before it
// writes anything, a body whose links would repeat more than maxHTML
// allows, and after, one whose HTML is larger than that.
func (r *Renderer) convert(b *bytes.Buffer, body []byte) error {
	pc := parser.NewContext()
	doc := r.md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if n, _ := pc.Get(linkBytesKey).(int); n > maxHTML(len(body)) {
		return growthError(n, len(body))
	}
	start := b.Len()
	if err := r.md.Renderer().Render(mdWriter{b}, body, doc); err != nil {
		return err
	}
	return checkGrowth(b.Len()-start, len(body))
}

// checkMarkdown parses bodies for CheckBody.
var checkMarkdown = sync.OnceValue(newMarkdown)

// CheckBody returns the error a build would give the report's body for
// repeating its links so often that its HTML would be too large (see
// maxHTML), without rendering it, so that check refuses what a build
// refuses: a body that defines no link reference ("[r]: URL") repeats
// none, and is not parsed.
func CheckBody(rep *report.Report) error {
	body := rep.Body
	if !bytes.Contains(body, []byte("]:")) {
		return nil
	}
	pc := parser.NewContext()
	checkMarkdown().Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	if n, _ := pc.Get(linkBytesKey).(int); n > maxHTML(len(body)) {
		return bodyError(rep, growthError(n, len(body)))
	}
	return nil
}

// checkGrowth returns growthError if html bytes of HTML are more than a
// body of body bytes may render to.
func checkGrowth(html, body int) error {
	if html > maxHTML(body) {
		return growthError(html, body)
	}
	return nil
}

// bodyError returns err, if not nil, as a *report.Error at the start of
// rep's body.
func bodyError(rep *report.Report, err error) error {
	if err == nil {
		return nil
	}
	return &report.Error{File: rep.File, Line: rep.BodyLine, Col: 1, Key: "body", Msg: err.Error()}
}
