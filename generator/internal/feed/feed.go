// Package feed writes the files that let readers and search engines find
// the site's pages: an Atom feed of reports by publication date,
// sitemap.xml and robots.txt.
package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/site"
)

// MaxEntries is the most reports the feed lists.
const MaxEntries = 50

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Base    string      `xml:"xml:base,attr,omitempty"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  string      `xml:"author>name"`
	Entries []atomEntry `xml:"entry"`
}

// Atom returns feed.xml: the reports that give a publication date, newest
// first. Links are relative to the feed (the site root) unless baseURL is
// given; entry IDs are tag URIs, stable whatever the site's address. The
// feed's updated is the newest publication date; with none, see
// site.Site.Updated.
func Atom(s *site.Site, baseURL string) ([]byte, error) {
	var rs []*site.Report
	for _, r := range s.Reports {
		if r.Published != "" {
			rs = append(rs, r)
		}
	}
	slices.SortStableFunc(rs, func(a, b *site.Report) int {
		return cmp.Or(cmp.Compare(b.Published, a.Published), cmp.Compare(a.URL, b.URL))
	})
	if len(rs) > MaxEntries {
		rs = rs[:MaxEntries]
	}
	f := atomFeed{
		Title:   "县级部门绩效自评报告比较：新发布的报告",
		ID:      "tag:county-performance-portal,2024:feed",
		Updated: s.Updated(),
		Author:  "县级部门绩效自评报告比较",
		Links:   []atomLink{{Href: "index.html", Rel: "alternate", Type: "text/html"}, {Href: "feed.xml", Rel: "self", Type: "application/atom+xml"}},
	}
	if baseURL != "" {
		f.Base = strings.TrimSuffix(baseURL, "/") + "/"
	}
	for _, r := range rs {
		f.Entries = append(f.Entries, atomEntry{
			Title:   r.Heading(),
			ID:      "tag:county-performance-portal,2024:" + r.URL,
			Updated: r.Published + "T00:00:00Z",
			Link:    atomLink{Href: r.URL, Rel: "alternate", Type: "text/html"},
			Summary: fmt.Sprintf("%s%s%d年度%s绩效自评报告", r.County.Name, r.Department, r.Year, cmp.Or(r.Project, r.Type)),
		})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Sitemap returns sitemap.xml listing every page, or nil when there is no
// base URL: a sitemap must give absolute URLs.
func Sitemap(paths []string, baseURL string) ([]byte, error) {
	if baseURL == "" {
		return nil, nil
	}
	base := strings.TrimSuffix(baseURL, "/") + "/"
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	sorted := slices.Clone(paths)
	slices.Sort(sorted)
	set := urlset{}
	for _, p := range sorted {
		if p == "404.html" {
			continue
		}
		set.URLs = append(set.URLs, url{Loc: base + p})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(set); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// Robots returns robots.txt, pointing to the sitemap when there is one.
func Robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "Sitemap: " + strings.TrimSuffix(baseURL, "/") + "/sitemap.xml\n"
	}
	return []byte(s)
}
