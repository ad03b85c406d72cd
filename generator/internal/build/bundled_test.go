package build_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// sharedDir returns ../shared beside the repository (required under CI).
func sharedDir(t *testing.T) string { return testseeds.Shared(t) }

// TestBundledContentMatchesTruth checks every figure of the bundled content
// against the hand-read truth files of the seed reports: their readings,
// or the other readings they accept.
func TestBundledContentMatchesTruth(t *testing.T) {
	truthDir := filepath.Join(sharedDir(t), "seeds", "truth")
	root := buildtest.RepoRoot(t)
	reports, err := content.Load(context.Background(), os.DirFS(filepath.Join(root, "content")), content.Options{Prefix: "content/"})
	if err != nil {
		t.Fatal(err)
	}
	byCounty := map[string]*report.Report{}
	for _, r := range reports {
		byCounty[r.County] = r
	}
	files, _ := filepath.Glob(filepath.Join(truthDir, "*.json"))
	if len(files) != 5 {
		t.Fatalf("%d truth files, want 5", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var truth map[string]any
		if err := json.Unmarshal(data, &truth); err != nil {
			t.Fatal(err)
		}
		county := truth["county"].(string)
		r := byCounty[county]
		if r == nil {
			t.Errorf("no bundled report for %s", county)
			continue
		}
		money := map[string]report.Money{
			"total_spending": r.Spending.Total, "basic_spending": r.Spending.Basic, "project_spending": r.Spending.Project,
			"personnel_spending": r.Spending.Personnel, "public_spending": r.Spending.Public, "budget_income": r.Income,
			"sangong_total": r.Sangong.Total, "sangong_travel_abroad": r.Sangong.Abroad, "sangong_reception": r.Sangong.Reception,
			"sangong_vehicles": r.Sangong.Vehicles, "sangong_prev_year_change": r.Sangong.Change,
		}
		// A figure may be one of the truth's acceptable other readings.
		alternatives, _ := truth["acceptable_alternatives"].(map[string]any)
		tookAlt := map[string]bool{} // keys whose figure is an alternative reading
		for key, m := range money {
			if alt, ok := alternatives[key].(float64); ok && m.Known() && m.V.Wan() == alt {
				tookAlt[key] = true
				continue
			}
			// An alternative of null: the figure may be left not disclosed.
			if alt, ok := alternatives[key]; ok && alt == nil && m.State == report.NotDisclosed {
				tookAlt[key] = true
				continue
			}
			want, ok := truth[key].(float64)
			if truth[key] == nil {
				if m.State != report.NotDisclosed {
					t.Errorf("%s %s = %s, want not disclosed", county, key, m.V)
				}
				continue
			}
			if !ok || !m.Known() || m.V.Wan() != want {
				t.Errorf("%s %s = %v (%v), want %v", county, key, m.V, m.State, truth[key])
			}
		}
		if want := truth["self_score"]; (want == nil) != !r.Score.Known() || (want != nil && want.(float64) != r.Score.V) {
			t.Errorf("%s score = %v, want %v", county, r.Score, want)
		}
		if want := truth["grade"]; (want == nil) != !r.Grade.Known() || (want != nil && want.(string) != r.Grade.V) {
			t.Errorf("%s grade = %v, want %v", county, r.Grade, want)
		}
		if a, w := r.Staff.Authorized, truth["staff_authorized"]; !a.Known() || float64(a.V) != w.(float64) {
			t.Errorf("%s staff.authorized = %v, want %v", county, a, w)
		}
		if a, w := r.Staff.Actual, truth["staff_actual"]; !a.Known() || float64(a.V) != w.(float64) {
			t.Errorf("%s staff.actual = %v, want %v", county, a, w)
		}
		if int(truth["year"].(float64)) != r.Year || r.Department != truth["department"] {
			t.Errorf("%s: year %d department %s", county, r.Year, r.Department)
		}
		wantType := map[string]string{"整体支出": report.TypeWhole, "专项/项目支出": report.TypeProject}[truth["report_type"].(string)]
		if r.Type != wantType {
			t.Errorf("%s type %s, want %s", county, r.Type, wantType)
		}
		// Every evidence sentence of the truth file is carried.
		keyOf := map[string]string{
			"total_spending": "spending.total", "basic_spending": "spending.basic", "project_spending": "spending.project",
			"personnel_spending": "spending.personnel", "public_spending": "spending.public", "budget_income": "income",
			"sangong_total": "sangong.total", "sangong_travel_abroad": "sangong.abroad", "sangong_reception": "sangong.reception",
			"sangong_vehicles": "sangong.vehicles", "sangong_prev_year_change": "sangong.change", "self_score": "score",
			"grade": "grade", "staff_authorized": "staff.authorized", "staff_actual": "staff.actual", "report_type": "type",
			"county": "county", "prefecture": "prefecture", "department": "department", "year": "year",
		}
		for k, sentence := range truth["evidence"].(map[string]any) {
			if tookAlt[k] && r.Evidence[keyOf[k]] == "" {
				continue // left not disclosed, as the truth allows
			}
			if got := r.Evidence[keyOf[k]]; got != sentence {
				t.Errorf("%s evidence %s = %q, want %q", county, k, got, sentence)
			}
		}
	}
}

// TestBundledSiteBuilds builds the repository's own content and checks
// that each of the five counties has its pages.
func TestBundledSiteBuilds(t *testing.T) {
	root := buildtest.RepoRoot(t)
	out := filepath.Join(t.TempDir(), "public")
	sum, err := build.Run(context.Background(), build.Config{Root: root, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reports != 5 || sum.Counties != 5 {
		t.Fatalf("%d reports of %d counties, want 5 of 5", sum.Reports, sum.Counties)
	}
	for _, slug := range []string{"tao-yuan-xian", "qi-dong-xian", "yu-hua-qu", "yuan-jiang-shi", "jiang-hua-yao-zu-zi-zhi-xian"} {
		page, err := os.ReadFile(filepath.Join(out, "county", slug+".html"))
		if err != nil {
			t.Errorf("county page %s: %v", slug, err)
			continue
		}
		if !strings.Contains(string(page), `href="../report/`+slug+`/`) {
			t.Errorf("county page %s links no report page", slug)
		}
	}
	page, err := os.ReadFile(filepath.Join(out, "report", "tao-yuan-xian", "2020-xing-zheng-shen-pi-fu-wu-ju-zheng-ti.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The downloads carry the findings noted by hand, joined cleanly.
	csv, err := os.ReadFile(filepath.Join(out, "downloads", "reports.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(csv), "人工核对（不一致）：") || strings.Contains(string(csv), "。；") {
		t.Errorf("reports.csv lacks the noted findings, or joins them after a 。:\n%s", csv)
	}
	for _, want := range []string{"1530.53", "158.65", "<q class=\"evidence\">2020年度公共预算财政拨款支出1530.53万元，其中：</q>"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("桃源县 report page lacks %q", want)
		}
	}
}

// TestBundledFindingsCoverTruth checks that each inconsistency the truth
// files list for a seed report is published as a finding of its bundled
// report: found by a rule from the figures, or recorded by hand (noted)
// where the figures cannot show it. The counts must agree: one finding
// of a discrepancy or a rounding gap, or one recorded by hand, for each
// inconsistency.
func TestBundledFindingsCoverTruth(t *testing.T) {
	// beyondTruth counts, by county, the inconsistencies that the report
	// files note and the truth files do not list, each checked against
	// the report as published: 雨花区's table of basic spending, whose 17
	// rows add up to 596.06 against the 596.04 it and the text give.
	beyondTruth := map[string]int{"雨花区": 1}
	truthDir := filepath.Join(sharedDir(t), "seeds", "truth")
	root := buildtest.RepoRoot(t)
	reports, err := content.Load(context.Background(), os.DirFS(filepath.Join(root, "content")), content.Options{Prefix: "content/"})
	if err != nil {
		t.Fatal(err)
	}
	errs, per := check.Reports(reports)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	found := map[string][]string{} // by county
	for r, results := range per {
		for _, res := range results {
			for _, f := range res.Findings {
				// A note recorded by hand may be a 疑点 (see notedSeverity).
				if f.Severity == check.Discrepancy || f.Severity == check.Rounding || res.Rule == "noted" {
					found[r.County] = append(found[r.County], res.Rule+": "+f.Message)
				}
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(truthDir, "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var truth struct {
			County          string
			Inconsistencies []string
		}
		if err := json.Unmarshal(data, &truth); err != nil {
			t.Fatal(err)
		}
		if got, want := found[truth.County], len(truth.Inconsistencies)+beyondTruth[truth.County]; len(got) != want {
			t.Errorf("%s: %d findings, want one for each of the %d inconsistencies of the truth file and %d beyond it:\nfound %q\ntruth %q",
				truth.County, len(got), len(truth.Inconsistencies), beyondTruth[truth.County], got, truth.Inconsistencies)
		}
	}
}
