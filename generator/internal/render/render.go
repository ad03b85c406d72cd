// Package render turns page models into HTML with the templates in
// templates/. It writes nothing: it returns bytes.
//
// The templates are a base layout (base.html), partials (partials/*.html)
// and one file per page type (see PageTemplates), each defining "content".
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/countyperf/portal/generator/internal/pages"
)

// PageTemplates lists the page types; each has templates/<name>.html.
var PageTemplates = []string{"home", "reports", "county", "report", "compare", "findings", "disclosure", "counties", "search", "404"}

// Renderer holds parsed templates. It is safe for concurrent use.
type Renderer struct {
	pages map[string]*template.Template
	base  string
	md    goldmark.Markdown
	// BaseURL, when set, is the absolute URL of the site root, used where a
	// relative link will not do (canonical links, Open Graph).
	BaseURL string
	// Nav holds the site-wide navigation links, set before rendering.
	Nav []pages.Link
	// navCache holds the navigation's HTML by page root and section.
	navCache sync.Map
}

// New parses the templates under dir in fsys. Errors name the template file
// and line.
func New(fsys fs.FS, dir string) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, md: newMarkdown(), base: path.Join(dir, "base.html")}
	base := template.New("").Funcs(funcs(r))
	shared := []string{r.base}
	partials, err := fs.Glob(fsys, path.Join(dir, "partials", "*.html"))
	if err != nil {
		return nil, err
	}
	slices.Sort(partials)
	shared = append(shared, partials...)
	for _, name := range shared {
		if err := parseInto(base, fsys, name); err != nil {
			return nil, err
		}
	}
	for _, name := range PageTemplates {
		file := path.Join(dir, name+".html")
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseInto(t, fsys, file); err != nil {
			return nil, err
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("%s: defines no \"content\" template", file)
		}
		r.pages[name] = t
	}
	return r, nil
}

func parseInto(t *template.Template, fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("%s: %w", name, err)
	}
	if _, err := t.New(name).Parse(string(data)); err != nil {
		return fmt.Errorf("%s", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}

// View is what a page template is executed with.
type View struct {
	*pages.Page
	// Root is the relative path from the page to the site root.
	Root string
	// BaseURL is the site's absolute URL, or empty.
	BaseURL string
	// Nav holds the site-wide navigation links.
	Nav []pages.Link
}

// Page renders one page.
func (r *Renderer) Page(p *pages.Page) ([]byte, error) {
	t := r.pages[p.Template]
	if t == nil {
		return nil, fmt.Errorf("%s: no template %q", p.Path, p.Template)
	}
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	root := p.Root()
	if p.Template == "404" && r.BaseURL != "" {
		// Hosts serve 404.html at whatever path was missing, so its links
		// must not be relative to where it lies.
		root = r.BaseURL
	}
	if err := t.ExecuteTemplate(&buf, r.base, View{Page: p, Root: root, BaseURL: r.BaseURL, Nav: r.Nav}); err != nil {
		return nil, fmt.Errorf("rendering %s: %s", p.Path, strings.TrimPrefix(err.Error(), "template: "))
	}
	return buf.Bytes(), nil
}
