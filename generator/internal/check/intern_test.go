package check

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"github.com/countyperf/portal/generator/internal/report"
)

// tidyReport is the body of a report whose every rule passes or, for
// want of a 三公 change or another year, is not checked.
const tidyReport = "spending: {total: 100, basic: 60, project: 40, personnel: 50, public: 10}\n" +
	"income: 120\nsangong: {total: 6, abroad: 1, reception: 2, vehicles: 3}\n" +
	"score: 95\ngrade: 优\nstaff: {authorized: 20, actual: 18}\n"

// variedReports returns n reports, by a fixed seed, mostly in series of up
// to six years. Two in five are tidy (see tidyReport); the figures of the
// others are disclosed, left out or unreadable at random, and add up or
// not: every rule passes, finds or is not checked, for many reasons, on
// some of them.
func variedReports(t testing.TB, n int) []*report.Report {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 100000))
	amount := func(v float64) string {
		switch p := rng.IntN(20); {
		case p < 4:
			return "null"
		case p < 5:
			return "无法识别"
		case p < 6:
			return fmt.Sprintf("%.2f", v*10000) // a unit slip
		}
		return fmt.Sprintf("%.2f", v)
	}
	var rs []*report.Report
	for i := range n {
		basic, project := float64(100+rng.IntN(900)), float64(rng.IntN(3000))
		personnel := basic * 0.8
		total := basic + project
		if rng.IntN(4) == 0 {
			total += float64(rng.IntN(3)) / 100 * float64(1+rng.IntN(100))
		}
		abroad, reception, vehicles := float64(rng.IntN(3)), float64(rng.IntN(20)), float64(rng.IntN(30))
		sangong := abroad + reception + vehicles + float64(rng.IntN(2))
		var b strings.Builder
		fmt.Fprintf(&b, "spending: {total: %s, basic: %s, project: %s, personnel: %s, public: %s}\n",
			amount(total), amount(basic), amount(project), amount(personnel), amount(basic-personnel))
		fmt.Fprintf(&b, "income: %s\n", amount(total*1.1))
		fmt.Fprintf(&b, "sangong: {total: %s, abroad: %s, reception: %s, vehicles: %s, change: %s}\n",
			amount(sangong), amount(abroad), amount(reception), amount(vehicles), amount(float64(rng.IntN(5)-2)))
		if rng.IntN(5) > 0 {
			fmt.Fprintf(&b, "score: %d\n", 55+rng.IntN(46))
		}
		if rng.IntN(5) > 0 {
			fmt.Fprintf(&b, "grade: %s\n", []string{"优", "良", "中", "差"}[rng.IntN(4)])
		}
		if rng.IntN(3) > 0 {
			fmt.Fprintf(&b, "staff: {authorized: %d, actual: %d}\n", 20+rng.IntN(10), 20+rng.IntN(12))
		}
		if i%7 == 3 { // not drawn, so that the other draws stay as they were
			fmt.Fprintf(&b, "discrepancies: [\"正文第%d段与表格不符\"]\n", i)
		}
		if i%11 < 4 { // not drawn, so that the other draws stay as they were
			// The year of the report (see below), another, or none.
			fmt.Fprintf(&b, "title: 某局%d年度自评报告\n", 2018+i%6+i%11/3)
		}
		body := b.String()
		if rng.IntN(5) < 2 {
			body = tidyReport
		}
		if i%97 == 0 {
			body = "score: 90\n" // no amount at all
		}
		county := fmt.Sprintf("第%d县", i/6)
		if i%50 == 0 {
			county = fmt.Sprintf("独%d县", i) // a series of one year
		}
		rs = append(rs, parse(t, fmt.Sprintf("content/%05d.md", i), src(county, 2018+i%6, body)))
	}
	return rs
}

// Results shared among reports, and cut from larger arrays, must equal the
// results made afresh for each report on its own.
func TestReportsSharedAsUnshared(t *testing.T) {
	rs := variedReports(t, 3000)
	errs, per := Reports(rs)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	e := newEnv(sortReports(rs)) // no interner: nothing is shared
	statuses := map[string]bool{}
	shared := map[*Result]int{}
	for _, r := range rs {
		got, want := per[r], e.check(r)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: results differ from those made afresh:\n got %+v\nwant %+v", r.File, got, want)
		}
		if cap(got) != len(got) {
			t.Errorf("%s: results have capacity %d for %d", r.File, cap(got), len(got))
		}
		for _, res := range got {
			statuses[res.Rule+" "+res.Status.String()] = true
			if cap(res.Findings) != len(res.Findings) {
				t.Errorf("%s: %s findings have capacity %d for %d", r.File, res.Rule, cap(res.Findings), len(res.Findings))
			}
		}
		shared[&got[0]]++
	}
	// Every rule must have passed, found and (but disclosure, which
	// always runs) not been checked on some reports, so that every kind of
	// result was compared.
	for _, ru := range Rules {
		for _, st := range []Status{NotChecked, Passed, Found} {
			// disclosure always runs; noted finds or is not checked.
			if !statuses[ru.ID+" "+st.String()] && (ru.ID != "disclosure" || st != NotChecked) && (ru.ID != "noted" || st != Passed) {
				t.Errorf("no report where %s is %s: the test reports do not exercise it", ru.ID, st)
			}
		}
	}
	if len(shared) > len(rs)*3/4 {
		t.Errorf("%d reports have %d different results: too few share theirs", len(rs), len(shared))
	}
}

// Reports without findings and with the same reasons share their results;
// reports with findings do not, and their equal reasons and disclosure
// texts are one string each.
func TestReportsShareCleanResults(t *testing.T) {
	const clean = tidyReport
	// No public spending and no staff in post: reasons, and a disclosure
	// finding.
	const partial = "spending: {total: 100, basic: 60, project: 40, personnel: 50}\n" +
		"sangong: {total: 6, abroad: 1, reception: 2, vehicles: 3}\n" +
		"score: 95\ngrade: 优\nstaff: {authorized: 20}\n"
	a := parse(t, "content/a.md", src("桃源县", 2021, clean))
	b := parse(t, "content/b.md", src("祁东县", 2021, clean))
	c := parse(t, "content/c.md", src("沅江市", 2021, partial))
	d := parse(t, "content/d.md", src("雨花区", 2021, partial))
	errs, per := Reports([]*report.Report{a, b, c, d})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	for _, r := range []*report.Report{a, b} {
		for _, res := range per[r] {
			if res.Status == Found {
				t.Fatalf("%s: %s found %+v; the test wants no findings", r.File, res.Rule, res.Findings)
			}
		}
	}
	if &per[a][0] != &per[b][0] {
		t.Error("two reports with the same results and no findings do not share them")
	}
	if &per[c][0] == &per[d][0] || &per[c][0] == &per[a][0] {
		t.Error("a report with findings shares its results")
	}
	e := newEnv(sortReports([]*report.Report{a, b, c, d}))
	for _, r := range []*report.Report{a, b, c, d} {
		if !reflect.DeepEqual(per[r], e.check(r)) {
			t.Errorf("%s: results differ from those made afresh", r.File)
		}
	}
	// The same reasons, and the same disclosure finding, in c and d.
	n := 0
	for i := range per[c] {
		rc, rd := per[c][i], per[d][i]
		if rc.Reason != "" {
			n++
			if unsafe.StringData(rc.Reason) != unsafe.StringData(rd.Reason) {
				t.Errorf("%s: the reason %q is not shared", rc.Rule, rc.Reason)
			}
		}
	}
	if n == 0 {
		t.Error("no reasons: the test reports do not exercise interning")
	}
	fc, fd := per[c][0].Findings, per[d][0].Findings
	if len(fc) != 1 || len(fd) != 1 {
		t.Fatalf("disclosure findings %+v and %+v, want one each", fc, fd)
	}
	if unsafe.StringData(fc[0].Message) != unsafe.StringData(fd[0].Message) || &fc[0].Keys[0] != &fd[0].Keys[0] {
		t.Error("two reports that leave out the same figures do not share the disclosure finding's text")
	}
	if fc[0].File != c.File || fd[0].File != d.File {
		t.Error("findings of shared text name the wrong file")
	}
}

// BenchmarkReports checks 15,000 varied reports, and reports how much
// memory their results keep per report once checked (issue #5: results
// are kept for the whole build).
func BenchmarkReports(b *testing.B) {
	rs := variedReports(b, 15000)
	var per map[*report.Report][]Result
	for b.Loop() {
		_, per = Reports(rs)
	}
	b.StopTimer()
	var with, without runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(per)
	per = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	runtime.KeepAlive(rs)
	b.ReportMetric(float64(int64(with.HeapAlloc)-int64(without.HeapAlloc))/float64(len(rs)), "kept-B/report")
}
