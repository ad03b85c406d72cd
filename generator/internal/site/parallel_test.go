package site

import (
	"fmt"
	"reflect"
	"runtime"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// TestAssembleInParallelAsOnOneProcessor: Assemble makes slugs in the
// background and arranges counties in parallel; the site must be the one
// it makes on one processor, slugs, warnings, links, URLs and checks
// included, whether Slugify has made the slugs before or not.
func TestAssembleInParallelAsOnOneProcessor(t *testing.T) {
	// Names whose slugs collide (衡山县 and 横山县, in several
	// prefectures), departments whose slugs collide (财政局 and 財政局),
	// reports that leave out their prefecture, and figures that the
	// checks find fault with.
	counties := []string{"衡山县", "横山县", "桃源县", "宁乡市", "长宁区", "城关区", "东江县", "冬江县"}
	prefectures := []string{"衡阳市", "榆林市", "常德市", "长沙市", "宜宾市", "兰州市", "郴州市", "临沂市", "安顺市", "遵义市"}
	departments := []string{"财政局", "財政局", "教育局", "行政审批服务局", "人民医院"}
	var rs []*report.Report
	for c := range 420 {
		// The first 80 counties share 8 names, each in 10 prefectures.
		county, pref := counties[c%len(counties)], prefectures[c/len(counties)%len(prefectures)]
		if c >= 80 {
			county, pref = fmt.Sprintf("%s%d", county, c), prefectures[c%len(prefectures)]
		}
		for k, dept := range []string{departments[c%len(departments)], departments[(c+1)%len(departments)]} {
			for year := 2019; year <= 2021; year++ {
				for _, typ := range []string{report.TypeWhole, report.TypeProject} {
					if typ == report.TypeProject && (k > 0 || c%2 == 0) {
						continue
					}
					n := len(rs)
					fm := fmt.Sprintf("county: %s\ndepartment: %s\nyear: %d\ntype: %s\nspending: {total: %d, basic: %d, project: 40}\nscore: %d\n",
						county, dept, year, typ, 100+n%7*10, 60+n%3, 80+n%20)
					// A report that leaves out its prefecture joins the
					// one county of its name.
					if c < 80 || c%13 != 0 || year != 2021 {
						fm += "prefecture: " + pref + "\n"
					}
					rs = append(rs, parse(t, fmt.Sprintf("content/%04d.md", n), fm))
				}
			}
		}
	}
	errs, checks := check.Reports(rs)
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	assemble := func(procs int, cold bool) *Site {
		t.Helper()
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		if cold {
			slugs.Clear()
		}
		s, err := Assemble(rs, checks)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := assemble(1, true)
	if len(want.Counties) < 4*64 || len(want.Warnings) == 0 {
		t.Fatalf("%d counties, %d warnings: the reports do not exercise Assemble", len(want.Counties), len(want.Warnings))
	}
	for _, procs := range []int{2, 4, 7} {
		for _, cold := range []bool{true, false} {
			if got := assemble(procs, cold); !reflect.DeepEqual(got, want) {
				t.Fatalf("%d processors (slugs made before: %v): the site differs from the one made on one", procs, !cold)
			}
		}
	}
}
