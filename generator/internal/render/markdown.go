package render

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdown returns the Markdown converter for report bodies: GFM, Chinese
// line breaks that do not become spaces, our own heading IDs, and no raw
// HTML (goldmark omits it unless told otherwise, which we never do).
func newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.NewCJK(extension.WithEastAsianLineBreaks(extension.EastAsianLineBreaksCSS3Draft), extension.WithEscapedSpace()),
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(bodyTransformer{}, 100))),
	)
}

// bodyTransformer numbers headings (goldmark's automatic IDs turn Chinese
// headings into "heading"), keeps them below the page's own h1, and turns
// images from other hosts into plain links, since the site loads nothing
// from any other host.
type bodyTransformer struct{}

func (t bodyTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	n := 0
	var images []*ast.Image
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch v := node.(type) {
		case *ast.Heading:
			n++
			v.SetAttributeString("id", []byte(fmt.Sprintf("sec-%d", n)))
			if v.Level < 2 {
				v.Level = 2
			}
		case *ast.Image:
			if !localURL(v.Destination) {
				images = append(images, v)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
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

// localURL reports whether a link stays on this site: no scheme and no host.
func localURL(dest []byte) bool {
	u, err := url.Parse(string(dest))
	return err == nil && u.Scheme == "" && u.Host == "" && !bytes.HasPrefix(dest, []byte("//"))
}

// Markdown renders a report body to HTML.
func (r *Renderer) Markdown(body []byte) (template.HTML, error) {
	var buf bytes.Buffer
	if err := r.md.Convert(body, &buf); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
