package render

import (
	"bytes"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/countyperf/portal/generator/internal/report"
)

// newMarkdown returns the Markdown converter for report bodies: GFM, Chinese
// line breaks that do not become spaces, our own heading IDs, and no raw
// HTML (goldmark omits it unless told otherwise, which we never do).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			// GFM, but with table alignment as a class (see
			// bodyTransformer): goldmark writes it as a style attribute,
			// which the pages' Content-Security-Policy refuses.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.TaskList,
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(bodyTransformer{}, 100))),
	)
}

// bodyTransformer numbers headings (goldmark's automatic IDs turn Chinese
// headings into "heading"), puts them below the page's h2 报告摘要, marks the
// alignment of table cells with a class (align-left, align-center,
// align-right; site.css aligns them), turns images from other hosts
// into plain links, since the site loads nothing from any other host, and
// links and autolinks (<scheme:…>, bare www. and http:// addresses) to
// anything but http, https and mailto into their text.
type bodyTransformer struct{}

func (t bodyTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	n := 0
	var images []*ast.Image
	var links []*ast.Link
	var autoLinks []*ast.AutoLink
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		countLinkBytes(node, pc)
		switch v := node.(type) {
		case *ast.Heading:
			n++
			v.SetAttributeString("id", strconv.AppendInt([]byte("sec-"), int64(n), 10))
			// The body is under the page's h2 报告摘要: its headings
			// go one level down, from h3.
			v.Level = min(max(v.Level+1, 3), 6)
		case *east.TableCell:
			if v.Alignment != east.AlignNone {
				v.SetAttributeString("class", "align-"+v.Alignment.String())
			}
		case *ast.Image:
			images = append(images, v)
		case *ast.Link:
			if !webURL(v.Destination) && !fragment(v.Destination) {
				links = append(links, v)
			}
		case *ast.AutoLink:
			if v.AutoLinkType == ast.AutoLinkURL && !webURL(v.URL(reader.Source())) {
				autoLinks = append(autoLinks, v)
			}
		}
		return ast.WalkContinue, nil
	})
	// Files beside a report are not published, so a relative link would
	// break: it becomes its text.
	for _, l := range links {
		unwrap(l)
	}
	textOfAutoLinks(autoLinks, reader.Source())
	// Images: one from the web becomes a link to it, since the site loads
	// nothing from other hosts; one beside the report becomes its text.
	for _, img := range images {
		// Inside a link, a link would nest in it, which HTML does not
		// allow: the image is its alt text there, as one beside the
		// report is.
		if !webURL(img.Destination) || inLink(img) {
			unwrap(img)
			continue
		}
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		if !link.HasChildren() {
			link.AppendChild(link, ast.NewString([]byte("图片")))
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// inLink reports whether n is inside a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.Link); ok {
			return true
		}
	}
	return false
}

// resolved undoes Markdown's backslash escapes and character references in
// a link destination, as goldmark does when it writes it out.
func resolved(dest []byte) string {
	d := util.UnescapePunctuations(dest)
	d = util.ResolveNumericReferences(d)
	d = util.ResolveEntityNames(d)
	return string(d)
}

// webURL reports whether a destination is an absolute http(s) or mailto
// address.
func webURL(dest []byte) bool {
	u, err := url.Parse(strings.TrimSpace(resolved(dest)))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "mailto") && (u.Host != "" || u.Scheme == "mailto")
}

// fragment reports whether a destination points within the page.
func fragment(dest []byte) bool {
	return strings.HasPrefix(resolved(dest), "#")
}

// unwrap replaces a node by its children (an image by its alt text).
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// mdWriter lets goldmark write into a bytes.Buffer directly, rather than
// through a bufio.Writer of its own: it is a util.BufWriter with nothing
// to flush.
type mdWriter struct{ *bytes.Buffer }

// Buffered returns 0: nothing waits to be flushed.
func (mdWriter) Buffered() int { return 0 }

// Flush does nothing: every write goes straight to the buffer.
func (mdWriter) Flush() error { return nil }

var _ util.BufWriter = mdWriter{}

// Markdown renders a report body to HTML.
func (r *Renderer) Markdown(body []byte) (template.HTML, error) {
	b := htmlBuffers.get()
	if err := r.writeMarkdown(b, body); err != nil {
		htmlBuffers.put(b)
		return "", err
	}
	return htmlOf(b), nil
}

// writeMarkdown writes a report body, rendered to HTML, to b: by the fast
// path when it reads the body, by goldmark otherwise.
func (r *Renderer) writeMarkdown(b *bytes.Buffer, body []byte) error {
	if out, ok := fastBody(b.AvailableBuffer(), body); ok {
		b.Write(out)
		return checkGrowth(len(out), len(body))
	}
	return r.convert(b, body)
}

// Body renders a report's body.
func (r *Renderer) Body(rep *report.Report) (template.HTML, error) {
	h, err := r.Markdown(rep.Body)
	return h, bodyError(rep, err)
}

// textOfAutoLinks replaces each autolink by its text, as written: an
// autolink may have any scheme (<smb://host/share>, <search-ms:…>), and
// the body's links may only go to the web (see webURL).
func textOfAutoLinks(links []*ast.AutoLink, source []byte) {
	for _, l := range links {
		// Raw: written escaped, but with no character references or
		// backslash escapes resolved, as goldmark writes a label.
		s := ast.NewString(l.Label(source))
		s.SetRaw(true)
		l.Parent().ReplaceChild(l.Parent(), l, s)
	}
}
