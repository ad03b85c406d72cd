package check

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// Reports checks many reports in parallel; each result must be what
// checking that report alone against the same set gives.
func TestReportsInParallelAsOneByOne(t *testing.T) {
	var rs []*report.Report
	for i := range 700 {
		county := fmt.Sprintf("第%d县", i/5)
		year := 2019 + i%5
		// Figures that disagree now and then, and change year to year.
		body := fmt.Sprintf("spending: {total: %d, basic: %d, project: %d}\nscore: %d\n", 100+i%7*10, 60+i%3, 40, 80+i%20)
		rs = append(rs, parse(t, fmt.Sprintf("content/%04d.md", i), srcT(county, report.TypeWhole, year, body)))
	}
	errs, per := Reports(rs)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	e := newEnv(sortReports(rs))
	found := 0
	for _, r := range rs {
		want := e.check(r)
		if !reflect.DeepEqual(per[r], want) {
			t.Fatalf("%s: results differ from checking it alone", r.File)
		}
		for _, res := range want {
			found += len(res.Findings)
		}
	}
	if found == 0 {
		t.Fatal("no findings: the test reports do not exercise the rules")
	}
}
