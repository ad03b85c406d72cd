package render_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/site"
)

// TestPlanIsTemplate renders every page of three sites (a synthetic
// corpus, the bundled reports and hostile reports), with and without a
// base URL, by the templates' plans and by executing the templates, and
// requires the same bytes; and that the report and county templates,
// most of a site's pages, do have plans.
func TestPlanIsTemplate(t *testing.T) {
	root := buildtest.RepoRoot(t)
	for _, dir := range testSites(t, root) {
		s := loadSite(t, dir)
		for _, base := range []string{"", "https://example.org/sub/"} {
			planned, executed := newRenderer(t, os.DirFS(root)), newRenderer(t, os.DirFS(root))
			render.UsePlans(executed, false)
			for _, r := range []*render.Renderer{planned, executed} {
				r.Nav, r.BaseURL = pages.Nav(s), base
			}
			// Twice: the first page of each template is executed, which
			// makes its plan for the pages after it.
			for range 2 {
				samePages(t, s, planned, executed, nil)
			}
			for _, name := range []string{"report", "county"} {
				if !render.HasPlan(planned, name) {
					t.Errorf("%s, base URL %q: the %s template has no plan", dir, base, name)
				}
			}
			for _, name := range []string{"home", "findings"} {
				if render.HasPlan(planned, name) {
					t.Errorf("the %s template, which has values and variables, has a plan", name)
				}
			}
		}
	}
}

// TestPlanFallsBack gives templates that plans cannot run, in whole or in
// a branch, and requires the pages and errors that executing them gives.
func TestPlanFallsBack(t *testing.T) {
	root := buildtest.RepoRoot(t)
	dir := testSites(t, root)[0]
	s := loadSite(t, dir)
	for _, tc := range []struct {
		name, report, base string
		plan               bool
		err                string
	}{
		{name: "a range", report: `{{define "content"}}{{section "head" .}}{{range .Charts}}<p>{{.ID}}</p>{{end}}{{end}}`},
		{name: "a variable", report: `{{define "content"}}{{$t := .Title}}{{section "head" .}}<p>{{$t}}</p>{{end}}`},
		{name: "a section piped on", report: `{{define "content"}}{{section "head" . | printf "%s"}}{{end}}`},
		{name: "a section in an attribute", report: `{{define "content"}}<p title="{{section "meta" .}}">x</p>{{end}}`},
		{name: "an if on a nested field", report: `{{define "content"}}{{if .Layout.Charts}}<p>c</p>{{end}}{{section "head" .}}{{end}}`},
		{name: "an if with a value in its branch", plan: true,
			report: `{{define "content"}}{{if .Title}}<h1>{{.Title}}</h1>{{else}}<p>none</p>{{end}}{{section "body" .}}{{end}}`},
		{name: "the branch taken has a value", plan: true, base: "https://example.org/",
			report: `{{define "content"}}{{if .BaseURL}}<a href="{{.BaseURL}}">x</a>{{end}}{{section "others" .}}{{end}}`},
		{name: "an unknown section", err: `no such section`,
			report: `{{define "content"}}{{section "head" .}}{{section "nope" .}}{{end}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := templatesWith(t, root, "templates/report.html", tc.report)
			planned, executed := newRenderer(t, fsys), newRenderer(t, fsys)
			render.UsePlans(executed, false)
			for _, r := range []*render.Renderer{planned, executed} {
				r.Nav, r.BaseURL = pages.Nav(s), tc.base
			}
			var errs [2]string
			n := 0
			err := pages.Each(s, func(j pages.Job) error {
				if j.Report == nil || n == 3 {
					return nil
				}
				n++
				p, err := j.Make()
				if err != nil {
					return err
				}
				got, gerr := planned.Page(p)
				want, werr := executed.Page(p)
				if gerr != nil || werr != nil {
					errs = [2]string{errString(gerr), errString(werr)}
					return nil
				}
				if string(got) != string(want) {
					t.Errorf("%s: the plan wrote\n%s\nthe template\n%s", p.Path, got, want)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n < 3 {
				t.Fatalf("%d report pages rendered, want 3", n)
			}
			if errs[0] != errs[1] {
				t.Errorf("errors differ:\nplan     %s\ntemplate %s", errs[0], errs[1])
			}
			if tc.err != "" && !strings.Contains(errs[1], tc.err) {
				t.Errorf("error %q, want one saying %q", errs[1], tc.err)
			}
			if tc.err == "" && errs[1] != "" {
				t.Errorf("error %s", errs[1])
			}
			if got := render.HasPlan(planned, "report"); got != tc.plan {
				t.Errorf("has a plan: %v, want %v", got, tc.plan)
			}
		})
	}
}

// TestPlanErrorsAsTemplate renders a page whose plan fails part-way,
// after the plan was made, and requires the error that executing the
// template gives, which names the template's file and line.
func TestPlanErrorsAsTemplate(t *testing.T) {
	root := buildtest.RepoRoot(t)
	s := loadSite(t, testSites(t, root)[0])
	planned, executed := newRenderer(t, os.DirFS(root)), newRenderer(t, os.DirFS(root))
	render.UsePlans(executed, false)
	var report, county *pages.Page
	err := pages.Each(s, func(j pages.Job) error {
		p, err := j.Make()
		switch {
		case err != nil:
			return err
		case report == nil && p.Template == "report":
			report = p
		case county == nil && p.Template == "county":
			county = p
		}
		return nil
	})
	if err != nil || report == nil || county == nil {
		t.Fatal("no report or county page", err)
	}
	for _, r := range []*render.Renderer{planned, executed} {
		r.Nav = pages.Nav(s)
		if _, err := r.Page(report); err != nil {
			t.Fatal(err)
		}
	}
	if !render.HasPlan(planned, "report") {
		t.Fatal("no plan for report pages")
	}
	// A county's data on a report page: the plan writes the head of the
	// layout, then its first section fails.
	bad := *county
	bad.Template = "report"
	_, perr := planned.Page(&bad)
	_, terr := executed.Page(&bad)
	if perr == nil || terr == nil {
		t.Fatalf("errors %v, %v; want both to fail", perr, terr)
	}
	if perr.Error() != terr.Error() {
		t.Errorf("errors differ:\nplan     %s\ntemplate %s", perr, terr)
	}
	if !strings.Contains(perr.Error(), "templates/report.html:") || !strings.Contains(perr.Error(), "no such section") {
		t.Errorf("error %q names no template line or cause", perr)
	}
	// And the renderer goes on by its plan.
	got, err := planned.Page(report)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := executed.Page(report)
	if string(got) != string(want) {
		t.Error("the page after the error differs")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// samePages renders every page of s with a and b and requires the same
// bytes, once norm (when not nil) has been applied to each. It returns
// how many report pages it compared.
func samePages(t *testing.T, s *site.Site, a, b *render.Renderer, norm func(string) string) (reports int) {
	t.Helper()
	err := pages.Each(s, func(j pages.Job) error {
		p, err := j.Make()
		if err != nil {
			return err
		}
		got, err := a.Page(p)
		if err != nil {
			return err
		}
		want, err := b.Page(p)
		if err != nil {
			return err
		}
		g, w := string(got), string(want)
		if norm != nil {
			g, w = norm(g), norm(w)
		}
		if g != w {
			i := 0
			for i < len(g) && i < len(w) && g[i] == w[i] {
				i++
			}
			t.Errorf("%s: differs from byte %d:\ngot  %q\nwant %q", p.Path, i, clip(g, i), clip(w, i))
		}
		if p.Template == "report" {
			reports++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return reports
}

func newRenderer(t *testing.T, fsys fs.FS) *render.Renderer {
	t.Helper()
	r, err := render.New(fsys, "templates")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// templatesWith returns the repository's templates with the file name
// replaced by data.
func templatesWith(t *testing.T, root, name, data string) fs.FS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(root), "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(root, p))
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(data)}
	return fsys
}
