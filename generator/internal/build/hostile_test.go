package build_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/export"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// TestHostileSiteIsInert builds the hostile corpus (buildtest.HostileFiles:
// script, markup, template and chart syntax, javascript: links, RTL
// overrides and 5,000-character strings in every string key, the body and
// the file names) and checks the output without a browser: every page
// passes buildtest.CheckSite (only the templates' elements, no event
// handler, the CSP, only JSON inline scripts, no dangerous URL, no broken
// link); no hostile string appears unescaped; each county's name is shown
// as text and carried intact in the chart data; the feed is well-formed
// XML, reports.json valid JSON and no text cell of reports.csv or
// findings.csv starts like a formula.
func TestHostileSiteIsInert(t *testing.T) {
	p := buildtest.New(t, "")
	p.WriteHostile()
	sum := p.MustBuild()
	if sum.Reports != len(buildtest.HostileFiles()) {
		t.Fatalf("%d reports built, want %d", sum.Reports, len(buildtest.HostileFiles()))
	}
	buildtest.MustCheckSite(t, p.Out)

	headings := map[string]bool{}
	chartText := ""
	for _, f := range p.Files() {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		page := p.Page(f)
		// Outside the JSON blocks (where json.Marshal escapes < and >),
		// no hostile string with < or " appears as it is.
		markup := jsonBlock.ReplaceAllString(page, "")
		for _, s := range testseeds.Hostile {
			if strings.ContainsAny(s, `<"`) && strings.Contains(markup, buildtest.HostileName(s)) {
				t.Errorf("%s: the hostile string %.60q appears unescaped", f, s)
			}
		}
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch {
			case n.Data == "h1" && strings.HasPrefix(f, "county/"):
				headings[textOf(n)] = true
			case n.Data == "script" && attrOf(n, "type") == "application/json":
				body := textOf(n)
				if strings.Contains(body, "<") {
					t.Errorf("%s: chart data holds a raw '<': json.Marshal's escaping was lost", f)
				}
				var v any
				if err := json.Unmarshal([]byte(body), &v); err != nil {
					t.Errorf("%s: chart data is not JSON: %v", f, err)
				}
				chartText += jsonStrings(v)
			}
		}
	}
	for i, s := range testseeds.Hostile {
		name := buildtest.HostileName(s)
		if !headings[strings.TrimSpace(name)] {
			t.Errorf("no county page has the heading %.60q", name)
		}
		if buildtest.HostileType(i) == report.TypeWhole && !strings.Contains(chartText, strings.TrimSpace(name)) {
			t.Errorf("no chart carries the name %.60q intact", name)
		}
	}

	dec := xml.NewDecoder(strings.NewReader(p.Page("feed.xml")))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("feed.xml is not well-formed: %v", err)
		}
	}
	if !json.Valid([]byte(p.Page("downloads/reports.json"))) {
		t.Error("reports.json is not valid JSON")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(p.Page("downloads/reports.csv"), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("reports.csv: %v", err)
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if !export.Columns[i].Number && startsLikeFormula(cell) {
				t.Errorf("reports.csv column %s: %.40q starts like a formula", export.Columns[i].Key, cell)
			}
		}
	}
	rows, err = csv.NewReader(strings.NewReader(strings.TrimPrefix(p.Page("downloads/findings.csv"), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatalf("findings.csv: %v", err)
	}
	if len(rows)-1 != sum.Findings {
		t.Errorf("findings.csv has %d rows, want one per finding: %d", len(rows)-1, sum.Findings)
	}
	for _, row := range rows[1:] {
		for i, cell := range row {
			if !export.FindingColumns[i].Number && startsLikeFormula(cell) {
				t.Errorf("findings.csv column %s: %.40q starts like a formula", export.FindingColumns[i].Key, cell)
			}
		}
	}
}

// startsLikeFormula reports whether a spreadsheet would take a text cell
// for a formula.
func startsLikeFormula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

var jsonBlock = regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`)

func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// jsonStrings returns every string in a decoded JSON value, one per line.
func jsonStrings(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			b.WriteString(v)
			b.WriteByte('\n')
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k])
			}
		}
	}
	walk(v)
	return b.String()
}

// TestHostileBuildsAreByteIdentical builds the hostile corpus with 1, 3
// and 8 workers and compares every file; a rebuild into the same folder
// writes nothing.
func TestHostileBuildsAreByteIdentical(t *testing.T) {
	p := buildtest.New(t, "")
	p.WriteHostile()
	var first map[string]string
	for _, workers := range []int{1, 3, 8} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := p.Build(build.Config{Out: out, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		snap := buildtest.Snapshot(t, out)
		if first == nil {
			first = snap
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(first)) {
			if first[k] != snap[k] {
				t.Errorf("%s differs between 1 and %d workers", k, workers)
			}
		}
		if len(first) != len(snap) {
			t.Errorf("%d files with 1 worker, %d with %d", len(first), len(snap), workers)
		}
	}
	p.MustBuild()
	if again := p.MustBuild(); again.Written != 0 || again.Removed != 0 {
		t.Errorf("a rebuild of the same input wrote %d and removed %d files", again.Written, again.Removed)
	}
}

// TestSitesHaveNoBrokenLinks runs the site checker (links, assets, CSP,
// elements) over the bundled site, the small two-county site and a site
// built with a base URL.
func TestSitesHaveNoBrokenLinks(t *testing.T) {
	t.Run("bundled", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := build.Run(context.Background(), build.Config{Root: buildtest.RepoRoot(t), Out: out}); err != nil {
			t.Fatal(err)
		}
		buildtest.MustCheckSite(t, out)
	})
	t.Run("two counties", func(t *testing.T) {
		p := buildtest.New(t, twoCounties)
		p.MustBuild()
		buildtest.MustCheckSite(t, p.Out)
	})
	t.Run("base URL", func(t *testing.T) {
		p := buildtest.New(t, twoCounties)
		if _, err := p.Build(build.Config{BaseURL: "https://example.org/portal/"}); err != nil {
			t.Fatal(err)
		}
		buildtest.MustCheckSiteBase(t, p.Out, "https://example.org/portal/")
	})
}

// TestSiteCheckerCatchesFaults feeds the site checker a page with one of
// each fault, so that its silence on the real sites means something.
func TestSiteCheckerCatchesFaults(t *testing.T) {
	dir := t.TempDir()
	// Only 404.html may allow an inline script, by its hash, and only one.
	sum := sha256.Sum256([]byte("allowed()"))
	hashed := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'sha256-` +
		base64.StdEncoding.EncodeToString(sum[:]) + `'; object-src 'none'; base-uri 'none'"><script>allowed()</script></head><body>`
	for name, data := range map[string]string{
		"404.html":        hashed + `<script>allowed()</script><script>other()</script></body></html>`,
		"sub/hashed.html": hashed + `</body></html>`,
		"ok.html":         `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"></head><body><p id="here">x</p></body></html>`,
		"assets/a.css":    `body { background: url("missing.png") }`,
		"sub/page.html":   "",
		"sub/style.html":  "",
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bad := `<!DOCTYPE html><html><head>
<script src="x.js"></script>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'; base-uri 'none'">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<link rel="stylesheet" href="https://cdn.example/x.css">
</head><body>
<script>alert(1)</script>
<script type="application/json" id="d">{"a":</script>
<div class="chart" data-chart-src="nowhere"></div>
<img src=x onerror=alert(1)>
<svg><script>alert(1)</script></svg>
<iframe src="about:blank"></iframe>
<p style="color:red" id="dup">x</p><p id="dup">y</p>
<a href="javascript:alert(1)">a</a>
<a href=" JAVA	SCRIPT:alert(1)">b</a>
<a href="/abs.html">c</a>
<a href="../ok.html#nope">d</a>
<a href="../missing.html">e</a>
<a href="#gone">f</a>
<a href="../ok.html#here">good</a>
<a href="https://example.org/">good</a>
</body></html>`
	if err := os.WriteFile(filepath.Join(dir, "sub", "page.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, err := buildtest.CheckSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{
		`sub/page.html: a <script> comes before the Content-Security-Policy`,
		`Content-Security-Policy has script-src 'self' 'unsafe-inline'`,
		`Content-Security-Policy has no object-src`,
		`<meta http-equiv="refresh">`,
		`<link href="https://cdn.example/x.css">: loads from another host`,
		`inline <script type="">`,
		`<script type="application/json" id="d"> does not hold valid JSON`,
		`data-chart-src="nowhere"`,
		`<img onerror="alert(1)">: event handler`,
		`<img src="x">: sub/x is not a file of the site`,
		`element <svg:svg>`,
		`element <iframe>`,
		`<p style="color:red">`,
		`duplicate id "dup"`,
		`<a href="javascript:alert(1)">: URL scheme "javascript"`,
		`URL scheme "javascript"`,
		`<a href="/abs.html">: starts with /`,
		`ok.html has no element with id "nope"`,
		`missing.html is not a file of the site`,
		`no element with id "gone" on the page`,
		`assets/a.css: url(missing.png): assets/missing.png is not a file of the site`,
		`sub/style.html: no <meta http-equiv="Content-Security-Policy">`,
		`404.html: inline <script type=""> that is not JSON data: allowed()`,
		`404.html: inline <script type=""> that is not JSON data: other()`,
		`sub/hashed.html: Content-Security-Policy has script-src 'self' 'sha256-`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the checker missed %q; it found:\n%s", want, all)
		}
	}
	for _, good := range []string{"#here", `"https://example.org/"`, "ok.html: "} {
		if strings.Contains(all, good) {
			t.Errorf("the checker reported a good link or page (%s):\n%s", good, all)
		}
	}
	if n := strings.Count(all, "404.html: inline"); n != 2 {
		t.Errorf("404.html: %d inline scripts reported, want 2 of its 3 (the first is the one its policy allows):\n%s", n, all)
	}
	if n := strings.Count(all, "JAVA"); n != 1 {
		t.Errorf("the link with tabs in its scheme reported %d times:\n%s", n, all)
	}
}

// TestBodyLinksNeverBreak gives a report whose body links and shows images
// relative to its page. The build copies nothing from content, so each is
// a broken link or a missing image on the published site.
func TestBodyLinksNeverBreak(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+good+"\n"+testseeds.RelativeMarkdown)
	p.MustBuild()
	problems, err := buildtest.CheckSite(p.Out)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Errorf("relative links or images in a body break on the site:\n%s", strings.Join(problems, "\n"))
	}
}

// TestLongNames builds names at the limit of report.MaxName characters,
// and refuses longer ones with an error naming file, line and column.
func TestLongNames(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	p.MustBuild()
	before := buildtest.Snapshot(t, p.Out)

	long := strings.Repeat("长", report.MaxName+1)
	p.Write("content/long.md", strings.Replace(good, "甲县", long, 1))
	_, err := p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "content/long.md:2:9: county: is 101 characters long; at most 100 are accepted") {
		t.Errorf("error %v", err)
	}
	if !maps.Equal(before, buildtest.Snapshot(t, p.Out)) {
		t.Error("a failed build changed the output")
	}

	// Names at the limit: their slugs are longer than a file name may be.
	atLimit := strings.Repeat("长", report.MaxName)
	p.Write("content/long.md", strings.Replace(strings.Replace(good, "甲县", atLimit, 1), "财政局", atLimit, 1))
	_, err = p.Build(build.Config{})
	if err != nil {
		if !strings.Contains(err.Error(), "file systems allow at most 255") || len(err.Error()) > 400 {
			t.Errorf("unclear error for a file name too long: %.500s", err)
		}
		if !maps.Equal(before, buildtest.Snapshot(t, p.Out)) {
			t.Error("a failed build changed the output")
		}
		assertNoStaging(t, p)
		t.Fatalf("a long name fails the build: %.200s", err)
	}
	buildtest.MustCheckSite(t, p.Out)
}
