package buildtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Elements lists the HTML elements the templates and the Markdown renderer
// make. An element outside it on a page came from somewhere else: from
// content that escaped escaping. A template that starts using a new element
// adds it here.
var Elements = []string{
	// the templates
	"html", "head", "meta", "title", "link", "script", "body",
	"a", "header", "nav", "main", "footer", "section", "article", "aside", "figure", "figcaption",
	"h1", "h2", "h3", "h4", "p", "div", "span", "strong", "em", "q", "small", "abbr", "time", "br",
	"ul", "ol", "li", "dl", "dt", "dd", "details", "summary",
	"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
	"form", "label", "select", "option", "input", "output", "button",
	// goldmark (GFM), for report bodies
	"h5", "h6", "blockquote", "pre", "code", "hr", "del", "img",
}

// CSP is the Content-Security-Policy every page must carry, directive by
// directive: script only from the site itself, nothing inline, no eval, no
// plug-ins, no <base>.
var CSP = map[string][]string{
	"default-src": {"'self'"},
	"script-src":  {"'self'"},
	"object-src":  {"'none'"},
	"base-uri":    {"'none'"},
}

// CheckSite checks every page and style sheet of the site built in dir,
// and returns the problems found, each naming the file: see CheckPage and
// checkCSS.
func CheckSite(dir string) ([]string, error) {
	return CheckSiteBase(dir, "")
}

// CheckSiteBase is CheckSite for a site built with a base URL: URLs under
// baseURL are the site's own.
func CheckSiteBase(dir, baseURL string) ([]string, error) {
	c := &siteChecker{dir: dir, base: baseURL, ids: map[string]map[string]bool{}}
	var problems []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch path.Ext(rel) {
		case ".html":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			problems = append(problems, c.page(rel, data)...)
		case ".css":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			problems = append(problems, c.css(rel, data)...)
		}
		return nil
	})
	return problems, err
}

// MustCheckSite fails the test for every problem CheckSite finds.
func MustCheckSite(t testing.TB, dir string) {
	t.Helper()
	MustCheckSiteBase(t, dir, "")
}

// MustCheckSiteBase is MustCheckSite for a site built with a base URL.
func MustCheckSiteBase(t testing.TB, dir, baseURL string) {
	t.Helper()
	problems, err := CheckSiteBase(dir, baseURL)
	if err != nil {
		t.Fatal(err)
	}
	const most = 40
	for i, p := range problems {
		if i == most {
			t.Errorf("… and %d more problems", len(problems)-most)
			break
		}
		t.Error(p)
	}
}

type siteChecker struct {
	dir  string
	base string                     // the site's absolute URL, or ""
	ids  map[string]map[string]bool // ids of each page, by file
}

// CheckPage returns the problems of one page of the site built in dir;
// name is its slash-separated path in the site.
func CheckPage(dir, name string, data []byte) []string {
	c := &siteChecker{dir: dir, ids: map[string]map[string]bool{}}
	return c.page(name, data)
}

// page checks one page:
//   - every element is one of Elements; no attribute is an event handler
//     (on…), style, srcdoc or formaction;
//   - the page has the meta Content-Security-Policy CSP, before any script;
//   - every <script> either loads a file of the site (src, empty body) or
//     is inline data of type application/json that parses as JSON;
//   - no URL has a scheme other than http, https or mailto, and anything
//     the page loads (script, style sheet, icon, image) is a file of the
//     site;
//   - every relative link reaches a file of the site, and every fragment
//     an id of its page; no link starts with / (it would break under a
//     sub-path);
//   - ids are unique; every chart's data-chart-src names a JSON block.
func (c *siteChecker) page(name string, data []byte) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", name, err)}
	}
	var problems []string
	add := func(format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	ids := map[string]bool{}
	jsonBlocks := map[string]bool{}
	var chartSrcs []string
	type link struct{ tag, attr, val, rel string }
	var links []link
	csp, scriptBeforeCSP := 0, false
	var scriptHashes []string // inline scripts the policy allows (checkCSP)
	hashedScript := false     // whether the page has had one
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		tag := n.Data
		if n.Namespace != "" {
			tag = n.Namespace + ":" + tag
		}
		if !slices.Contains(Elements, tag) {
			add("element <%s> that no template makes", tag)
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			if a.Namespace != "" {
				key = a.Namespace + ":" + key
			}
			switch {
			case strings.HasPrefix(key, "on"):
				add("<%s %s=%q>: event handler attribute", tag, key, short(a.Val))
			case key == "style", key == "srcdoc", key == "formaction":
				add("<%s %s=%q>: attribute that no template makes", tag, key, short(a.Val))
			case key == "id":
				if ids[a.Val] {
					add("duplicate id %q", short(a.Val))
				}
				ids[a.Val] = true
			case key == "data-chart-src":
				chartSrcs = append(chartSrcs, a.Val)
			case key == "href", key == "src", key == "action", key == "poster", key == "cite", key == "data", key == "xlink:href", key == "srcset":
				links = append(links, link{tag, key, a.Val, strings.ToLower(attr(n, "rel"))})
			}
		}
		switch tag {
		case "meta":
			switch equiv := strings.ToLower(attr(n, "http-equiv")); equiv {
			case "":
			case "content-security-policy":
				csp++
				var cspProblems []string
				cspProblems, scriptHashes = checkCSP(name, attr(n, "content"))
				problems = append(problems, cspProblems...)
			default:
				add("<meta http-equiv=%q>: only Content-Security-Policy is made by the templates", equiv)
			}
		case "script":
			if csp == 0 {
				scriptBeforeCSP = true
			}
			body := text(n)
			typ, src := attr(n, "type"), attr(n, "src")
			switch {
			case hasAttr(n, "src"):
				if strings.TrimSpace(body) != "" {
					add("<script src=%q> has a body", short(src))
				}
				if typ != "" && typ != "text/javascript" && typ != "module" {
					add("<script src=%q type=%q>", short(src), typ)
				}
			case typ == "application/json":
				if !json.Valid([]byte(body)) {
					add("<script type=\"application/json\" id=%q> does not hold valid JSON: %s", attr(n, "id"), short(body))
				}
				jsonBlocks[attr(n, "id")] = true
			case typ == "" && slices.Contains(scriptHashes, scriptHash(body)) && !hashedScript:
				// The 404 page's own script, which its policy names.
				hashedScript = true
			default:
				add("inline <script type=%q> that is not JSON data: %s", typ, short(body))
			}
		}
	}
	switch {
	case csp == 0:
		add("no <meta http-equiv=\"Content-Security-Policy\">")
	case csp > 1:
		add("%d Content-Security-Policy meta elements", csp)
	case scriptBeforeCSP:
		add("a <script> comes before the Content-Security-Policy")
	}
	for _, id := range chartSrcs {
		if !jsonBlocks[id] {
			add("data-chart-src=%q names no <script type=\"application/json\"> on the page", id)
		}
	}
	c.ids[name] = ids
	dir := path.Dir(name)
	for _, l := range links {
		if msg := c.link(dir, ids, l.tag, l.attr, l.val, l.rel); msg != "" {
			add("<%s %s=%q>: %s", l.tag, l.attr, short(l.val), msg)
		}
	}
	return problems
}

// resource reports whether the element's URL attribute is something the
// browser loads with the page, rather than a link the reader may follow.
func resource(tag, attrName, rel string) bool {
	if tag == "link" && attrName == "href" {
		for _, r := range strings.Fields(rel) {
			switch r {
			case "stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon":
				return true
			}
		}
		return false
	}
	return attrName == "src" || attrName == "srcset" || attrName == "poster" || attrName == "data"
}

// link says what is wrong with one URL of a page, or "". dir is the
// page's folder in the site, ids the ids on the page.
func (c *siteChecker) link(dir string, ids map[string]bool, tag, attrName, raw, rel string) string {
	if attrName == "srcset" {
		return "srcset, which no template makes"
	}
	// Browsers drop leading and trailing spaces and control characters, and
	// tabs and line breaks anywhere, before they read the scheme.
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimFunc(raw, func(r rune) bool { return r <= ' ' }))
	if c.base != "" && strings.HasPrefix(clean, c.base) {
		// The site's own URL, absolute: as if relative to the root.
		dir, clean = ".", strings.TrimPrefix(clean, c.base)
	}
	// The scheme as browsers read it: letters, digits, + - . before ':'.
	scheme := ""
	if m := schemeRE.FindStringSubmatch(clean); m != nil {
		scheme = strings.ToLower(m[1])
	}
	u, err := url.Parse(clean)
	if err != nil && scheme == "" {
		// Such as a:b, which browsers take for a relative path.
		u, err = url.Parse("./" + clean)
	}
	if err != nil {
		return fmt.Sprintf("unparsable URL: %v", err)
	}
	switch {
	case scheme == "http" || scheme == "https" || (scheme == "" && strings.HasPrefix(clean, "//")):
		if resource(tag, attrName, rel) {
			return "loads from another host"
		}
		if tag == "link" || tag == "a" {
			return "" // a link out, such as a report's source
		}
		return "URL of another host"
	case scheme == "mailto":
		if resource(tag, attrName, rel) {
			return "mailto: as a resource"
		}
		return ""
	case scheme != "":
		return fmt.Sprintf("URL scheme %q", scheme)
	case strings.HasPrefix(clean, "/"):
		return "starts with /, which breaks under a sub-path; links must be relative"
	}
	if u.Path == "" {
		if u.Fragment != "" && !ids[u.Fragment] {
			return fmt.Sprintf("no element with id %q on the page", u.Fragment)
		}
		if clean == "" && tag == "a" {
			return "" // an empty link: goldmark's for a URL it drops
		}
		if clean == "" {
			return "empty URL"
		}
		return ""
	}
	target := path.Join(dir, u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leaves the site"
	}
	info, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(target)))
	if err != nil || !info.Mode().IsRegular() {
		return fmt.Sprintf("%s is not a file of the site", target)
	}
	if u.Fragment != "" && path.Ext(target) == ".html" {
		tids, err := c.pageIDs(target)
		if err != nil {
			return err.Error()
		}
		if !tids[u.Fragment] {
			return fmt.Sprintf("%s has no element with id %q", target, u.Fragment)
		}
	}
	return ""
}

// pageIDs returns the ids of a page of the site.
func (c *siteChecker) pageIDs(name string) (map[string]bool, error) {
	if ids, ok := c.ids[name]; ok {
		return ids, nil
	}
	data, err := os.ReadFile(filepath.Join(c.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && hasAttr(n, "id") {
			ids[attr(n, "id")] = true
		}
	}
	c.ids[name] = ids
	return ids, nil
}

var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*):`)

var cssURL = regexp.MustCompile(`url\(\s*['"]?([^'")]+)['"]?\s*\)`)

// css checks that every url(…) of a style sheet is a file of the site.
func (c *siteChecker) css(name string, data []byte) []string {
	var problems []string
	for _, m := range cssURL.FindAllStringSubmatch(string(data), -1) {
		ref := m[1]
		if strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "#") {
			continue
		}
		if msg := c.link(path.Dir(name), nil, "link", "href", ref, "stylesheet"); msg != "" {
			problems = append(problems, fmt.Sprintf("%s: url(%s): %s", name, ref, msg))
		}
	}
	return problems
}

// checkCSP checks a Content-Security-Policy against CSP.
//
// Of the pages, 404.html alone may allow one inline script by its hash
// in script-src (render's findRootJS, which finds the site's root
// wherever a host shows the page); checkCSP returns the hashes it
// allows, each as 'sha256-…'.
func checkCSP(name, policy string) (problems, hashes []string) {
	directives := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			directives[strings.ToLower(f[0])] = f[1:]
		}
	}
	if src := directives["script-src"]; name == "404.html" && len(src) == 2 && strings.HasPrefix(src[1], "'sha256-") {
		hashes = src[1:]
		directives["script-src"] = src[:1]
	}
	for d, want := range CSP {
		got, ok := directives[d]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: Content-Security-Policy has no %s", name, d))
			continue
		}
		if !slices.Equal(got, want) {
			problems = append(problems, fmt.Sprintf("%s: Content-Security-Policy has %s %s, want %s", name, d, strings.Join(got, " "), strings.Join(want, " ")))
		}
	}
	for d, vals := range directives {
		for _, v := range vals {
			switch strings.ToLower(v) {
			case "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", "*", "data:", "blob:", "http:", "https:":
				if d == "img-src" && v == "data:" {
					continue // images drawn by the charts' export, never script
				}
				problems = append(problems, fmt.Sprintf("%s: Content-Security-Policy allows %s in %s", name, v, d))
			}
		}
	}
	return problems, hashes
}

// scriptHash returns the CSP source that allows an inline script of this
// text.
func scriptHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// text returns the text inside n.
func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// short cuts s for a message.
func short(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
