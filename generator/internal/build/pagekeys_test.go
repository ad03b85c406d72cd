package build

import (
	"reflect"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// TestKeyFieldCounts fails when a type whose every field goes into a page
// key gains a field: keyBuf.result and reportKey must then write it too,
// or a page showing it would be kept when it changed.
func TestKeyFieldCounts(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{check.Result{}, 5},
		{check.Finding{}, 10},
		{report.Pos{}, 2},
		{site.Rank{}, 2},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the page key writes %d: write the new ones in pagekeys.go", c.v, n, c.want)
		}
	}
}

// TestReportKeySeesEveryCheckField changes each field of a finding in turn
// and expects a different key each time.
func TestReportKeySeesEveryCheckField(t *testing.T) {
	county := &site.County{Name: "甲县", URL: "counties/jia/"}
	base := func() *site.Report {
		r := &site.Report{Report: &report.Report{File: "content/a.md"}, URL: "reports/a.html", County: county}
		r.Checks = []check.Result{{Rule: "sum.spending", Title: "支出合计核对", Status: check.Found, Findings: []check.Finding{{
			File: "content/a.md", Pos: report.Pos{Line: 3, Col: 5}, Rule: "sum.spending", Title: "支出合计核对",
			Severity: check.Warning, Message: "相差1万元", Keys: []string{"spending.total"}, Gap: 10, Share: 0.5, Factor: 10,
		}}}}
		return r
	}
	in := &inputs{Files: map[string][32]byte{}}
	seen := map[string]string{"base": reportKey(in, base())}
	for name, change := range map[string]func(f *check.Finding, r *check.Result){
		"file":     func(f *check.Finding, r *check.Result) { f.File = "content/b.md" },
		"line":     func(f *check.Finding, r *check.Result) { f.Pos.Line++ },
		"col":      func(f *check.Finding, r *check.Result) { f.Pos.Col++ },
		"rule":     func(f *check.Finding, r *check.Result) { f.Rule = "x" },
		"title":    func(f *check.Finding, r *check.Result) { f.Title = "x" },
		"severity": func(f *check.Finding, r *check.Result) { f.Severity = check.Discrepancy },
		"message":  func(f *check.Finding, r *check.Result) { f.Message = "相差2万元" },
		"keys":     func(f *check.Finding, r *check.Result) { f.Keys = append(f.Keys, "spending.basic") },
		"gap":      func(f *check.Finding, r *check.Result) { f.Gap++ },
		"share":    func(f *check.Finding, r *check.Result) { f.Share = 0.25 },
		"factor":   func(f *check.Finding, r *check.Result) { f.Factor = 100 },
		"status":   func(f *check.Finding, r *check.Result) { r.Status = check.Passed },
		"reason":   func(f *check.Finding, r *check.Result) { r.Reason = "未披露" },
		"rtitle":   func(f *check.Finding, r *check.Result) { r.Title = "y" },
		"rrule":    func(f *check.Finding, r *check.Result) { r.Rule = "y" },
	} {
		r := base()
		change(&r.Checks[0].Findings[0], &r.Checks[0])
		key := reportKey(in, r)
		for other, k := range seen {
			if k == key {
				t.Errorf("changing the %s gives the key of %s", name, other)
			}
		}
		seen[name] = key
	}
	// Strings are written with their lengths: moving a character from one
	// to the next changes the key.
	a, b := base(), base()
	a.Checks[0].Rule, a.Checks[0].Title = "ab", "c"
	b.Checks[0].Rule, b.Checks[0].Title = "a", "bc"
	if reportKey(in, a) == reportKey(in, b) {
		t.Error("keys of two reports whose strings differ only in where they split are equal")
	}
}
