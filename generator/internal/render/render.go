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
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// PageTemplates lists the page types; each has templates/<name>.html.
var PageTemplates = []string{"home", "reports", "county", "county-overview", "report", "compare", "findings", "disclosure", "counties", "search", "404"}

// Renderer holds parsed templates. It is safe for concurrent use.
type Renderer struct {
	pages map[string]*template.Template
	// layout holds the base layout and partials alone, to render the
	// parts of the layout that many pages share (see Layout).
	layout *template.Template
	base   string
	md     goldmark.Markdown
	// BaseURL, when set, is the absolute URL of the site root, used where a
	// relative link will not do (canonical links, Open Graph).
	BaseURL string
	// Nav holds the site-wide navigation links, set before rendering.
	Nav []pages.Link
	// navCache holds the navigation's HTML by page root and section.
	navCache sync.Map
	// shared holds the parts of the layout already rendered, by
	// sharedKey.
	shared sync.Map
	// plans holds each page template's plan (see plan), by template.
	plans map[string]*planSlot
	// noPlans makes every page by executing its template (for tests).
	noPlans bool
}

// New parses the templates under dir in fsys. Errors name the template file
// and line.
func New(fsys fs.FS, dir string) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, plans: map[string]*planSlot{}, md: newMarkdown(), base: path.Join(dir, "base.html")}
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
	if r.layout, err = base.Clone(); err != nil {
		return nil, err
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
		r.plans[name] = new(planSlot)
	}
	return r, nil
}

// MaxTemplate is the largest template file read, in bytes; the site's
// are a few KB.
const MaxTemplate = 4 << 20

// parseInto parses the template file name of fsys into t. A file that is
// not a regular file (a named pipe would hang the build) or is over
// MaxTemplate is an error.
func parseInto(t *template.Template, fsys fs.FS, name string) error {
	if info, err := fs.Stat(fsys, name); err == nil && !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (这不是普通文件，请删除或改名)", name)
	} else if err == nil && info.Size() > MaxTemplate {
		return fmt.Errorf("%s: is %d KB; templates over %d KB are not read (模板文件过大)", name, info.Size()>>10, MaxTemplate>>10)
	}
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
	return checkRequests(fsys, name, data)
}

// hasAssets reports whether fsys has a folder assets/.
func hasAssets(fsys fs.FS) bool {
	info, err := fs.Stat(fsys, "assets")
	return err == nil && info.IsDir()
}

// requestRE matches, in a template's text, an element that makes the
// browser fetch what its src or href names as it loads the page (a
// script, a style sheet, an icon, an image, a frame), with that name.
var requestRE = regexp.MustCompile(`(?is)<(script|img|iframe|frame|embed|object|source|video|audio|track|link)\b([^>]*?)\b(src|href|data)\s*=\s*["']?([^"'\s>]+)`)

// linkFetchRE matches the rel of a <link> the browser fetches.
var linkFetchRE = regexp.MustCompile(`(?i)\brel\s*=\s*["']?[^"'>]*\b(stylesheet|icon|preload|modulepreload|prefetch|manifest)\b`)

// checkRequests refuses a template, the file name of fsys with the text
// data, that makes pages fetch from another host (a script or a style
// sheet of a CDN), which the pages' Content-Security-Policy blocks and
// the site promises not to do, or that names a file of assets/ that is
// not there, which every page would then ask for in vain. Only names
// written out in the template are looked at.
func checkRequests(fsys fs.FS, name string, data []byte) error {
	for _, m := range requestRE.FindAllSubmatchIndex(data, -1) {
		tag, url := strings.ToLower(string(data[m[2]:m[3]])), string(data[m[8]:m[9]])
		end := len(data)
		if i := bytes.IndexByte(data[m[1]:], '>'); i >= 0 {
			end = m[1] + i
		}
		if tag == "link" && !linkFetchRE.Match(data[m[0]:end]) {
			continue // a link the browser does not fetch (alternate, canonical)
		}
		line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
		lower := strings.ToLower(url)
		if strings.HasPrefix(lower, "http:") || strings.HasPrefix(lower, "https:") || strings.HasPrefix(lower, "//") {
			return fmt.Errorf("%s:%d: <%s> loads %s from another host: the pages' policy (Content-Security-Policy) blocks it, and the site loads nothing from another host; copy the file into assets/ and name it {{.Root}}assets/… (页面不从其他网站加载任何文件：请把该文件复制到 assets/ 中)", name, line, tag, url)
		}
		// (A renderer made of templates alone, without assets/, as
		// tests make one, has no assets to look for.)
		if rest, ok := strings.CutPrefix(url, "{{.Root}}assets/"); ok && !strings.Contains(rest, "{{") && hasAssets(fsys) {
			asset := "assets/" + strings.SplitN(strings.SplitN(rest, "?", 2)[0], "#", 2)[0]
			if _, err := fs.Stat(fsys, asset); err != nil {
				return fmt.Errorf("%s:%d: <%s> names %s, which is not there: every page would ask for it in vain (模板引用的 %s 不存在)", name, line, tag, asset, asset)
			}
		}
	}
	return nil
}

// View is what a page template is executed with, by pointer: every
// function call copies its arguments, and a View is large.
type View struct {
	// Page is the page being rendered.
	Page *pages.Page
	// Path, Template, Title, Description, Section, Charts and Data are
	// the page's (see pages.Page). They are copied rather than embedded
	// because templates find a promoted field only by a slower search.
	Path, Template, Title, Description, Section string
	Charts                                      []charts.Chart
	Data                                        any
	// Root is the relative path from the page to the site root.
	Root string
	// BaseURL is the site's absolute URL, or empty.
	BaseURL string
	// Nav holds the site-wide navigation links.
	Nav []pages.Link
	// Layout is what the parts of the layout shared by many pages
	// depend on.
	Layout Layout
	// Out is the page's HTML so far: the "section" function writes
	// into it, at the point of its call.
	Out *bytes.Buffer
}

// Layout is all that the shared parts of the base layout (the templates
// that base.html passes to the "shared" function) may depend on. They
// are executed with a Layout alone, so pages with equal Layouts get the
// same bytes, and each part is rendered once per distinct Layout.
type Layout struct {
	// Root is the relative path from the page to the site root.
	Root string
	// Section marks the navigation entry the page belongs to.
	Section string
	// Charts reports whether the page has charts. The bundled templates
	// do not need it: site.js loads ECharts when the first chart nears
	// the screen.
	Charts bool
	// Search reports whether the page shows Pagefind's search box: it is
	// the search page of a site built with a full-text index.
	Search bool
	// FindRoot reports whether the page finds the site's root when it
	// is shown (findRootJS): the 404 page of a site built without a base
	// URL, which a host serves at any missing path. Its stylesheet and
	// scripts are then loaded by that script, not by tags of their own.
	FindRoot bool
}

// sharedKey identifies a rendered shared part of the layout.
type sharedKey struct {
	name   string
	layout Layout
}

// sharedPart renders the template name, a part of the layout, with l
// alone; it renders each part once per distinct Layout, since the output
// can depend on nothing else.
func (r *Renderer) sharedPart(name string, l Layout) (template.HTML, error) {
	key := sharedKey{name, l}
	if v, ok := r.shared.Load(key); ok {
		return v.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.layout.ExecuteTemplate(&b, name, l); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	r.shared.Store(key, h)
	return h, nil
}

// Page renders one page.
func (r *Renderer) Page(p *pages.Page) ([]byte, error) {
	var out []byte
	err := r.WritePage(p, func(html []byte) error {
		out = bytes.Clone(html)
		return nil
	})
	return out, err
}

// bufferPool keeps buffers between the renderings that write into them,
// so that each does not grow a new one.
type bufferPool struct{ p sync.Pool }

// maxPooledBuffer is the largest buffer a bufferPool keeps.
const maxPooledBuffer = 1 << 20

// get returns an empty buffer, one the pool kept when it has one.
func (bp *bufferPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		b.Reset()
		return b
	}
	return new(bytes.Buffer)
}

// put gives b back to the pool, unless it is larger than maxPooledBuffer;
// b must not be used after.
func (bp *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() <= maxPooledBuffer {
		bp.p.Put(b)
	}
}

// pageBuffers holds buffers for WritePage: a page is tens of kilobytes,
// and growing a new buffer for every page was a quarter of all a build
// allocated.
var pageBuffers bufferPool

// WritePage renders a page, as Page does, and passes its HTML to write,
// which must not keep it: the memory is used for the next page.
func (r *Renderer) WritePage(p *pages.Page, write func(html []byte) error) error {
	buf := pageBuffers.get()
	defer pageBuffers.put(buf)
	if err := r.render(buf, p); err != nil {
		return err
	}
	return write(buf.Bytes())
}

// render executes the page's template into buf.
func (r *Renderer) render(buf *bytes.Buffer, p *pages.Page) error {
	t := r.pages[p.Template]
	if t == nil {
		return fmt.Errorf("%s: no template %q", p.Path, p.Template)
	}
	root := p.Root()
	if p.Template == "404" && r.BaseURL != "" {
		// Hosts serve 404.html at whatever path was missing, so its links
		// must not be relative to where it lies.
		root = r.BaseURL
	}
	v := View{Page: p, Path: p.Path, Template: p.Template, Title: p.Title, Description: p.Description,
		Section: p.Section, Charts: p.Charts, Data: p.Data, Root: root, BaseURL: r.BaseURL, Nav: r.Nav,
		Layout: Layout{Root: root, Section: p.Section, Charts: len(p.Charts) > 0,
			FindRoot: p.Template == "404" && r.BaseURL == ""}, Out: buf}
	if s, ok := p.Data.(*site.Site); ok && p.Template == "search" {
		v.Layout.Search = s.Search
	}
	slot := r.plans[p.Template]
	if pl := slot.plan.Load(); pl != nil && !r.noPlans {
		start := buf.Len()
		if r.run(*pl, &v) == nil {
			return nil
		}
		// The template renders the page again, and tells the error.
		buf.Truncate(start)
	}
	if err := t.ExecuteTemplate(buf, r.base, &v); err != nil {
		// A report file's own error (its body too large as HTML) is said
		// as its file's, file:line:col, not as the template's.
		if re := (*report.Error)(nil); errors.As(err, &re) {
			return re
		}
		return fmt.Errorf("rendering %s: %s", p.Path, strings.TrimPrefix(err.Error(), "template: "))
	}
	slot.build(t, r.base)
	return nil
}
