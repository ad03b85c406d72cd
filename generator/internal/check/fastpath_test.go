package check

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestAppendPercentAsSprintf(t *testing.T) {
	shares := []float64{0, math.Copysign(0, -1), 0.00005, 0.000049999, 0.0391, 0.039123, 0.5, 1, 1.005, 0.012345,
		-0.5, 12345.678, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		shares = append(shares, rng.Float64()*math.Pow(10, float64(rng.IntN(8)-4)))
	}
	for _, s := range shares {
		want := fmt.Sprintf("%.2f%%", s*100)
		if s > 0 && s < 0.00005 {
			want = "不足0.01%"
		}
		if got := percent(s); got != want {
			t.Fatalf("percent(%v) = %q, want %q", s, got, want)
		}
	}
}

// nearPower skips the logarithm for figures within a factor of 2 of each
// other: it must agree with the logarithm everywhere.
func TestNearPowerAsLogarithm(t *testing.T) {
	ref := func(a, b report.Amount) int {
		if a <= 0 || b <= 0 {
			return 0
		}
		l := math.Log10(float64(a) / float64(b))
		k := math.Round(l)
		if k == 0 || math.Abs(k) > 4 || math.Abs(l-k) > math.Log10(slipTolerance) {
			return 0
		}
		return int(k)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pairs := [][2]report.Amount{{1, 1}, {2, 1}, {1, 2}, {3, 1}, {1, 3}, {math.MaxInt64, 1}, {math.MaxInt64, math.MaxInt64},
		{math.MaxInt64 / 2, math.MaxInt64}, {math.MaxInt64/2 + 1, 1}, {0, 5}, {-5, 5}}
	for range 200000 {
		b := report.Amount(1 + rng.Int64N(1<<uint(1+rng.IntN(50))))
		a := report.Amount(float64(b) * math.Pow(10, rng.Float64()*10-5))
		if rng.IntN(4) == 0 {
			a = b*2 + report.Amount(rng.IntN(3)-1)
		}
		pairs = append(pairs, [2]report.Amount{a, b})
	}
	for _, p := range pairs {
		if got, want := nearPower(p[0], p[1]), ref(p[0], p[1]); got != want {
			t.Fatalf("nearPower(%d, %d) = %d, want %d", p[0], p[1], got, want)
		}
	}
}

// Reports compares IDs as report.ID writes them: names holding "|" that
// make the same ID are one report, and are not mixed up otherwise.
func TestNamesWithBars(t *testing.T) {
	file := func(county, prefecture string, year int, body string) string {
		return fmt.Sprintf("---\ncounty: \"%s\"\nprefecture: \"%s\"\ndepartment: 局\nyear: %d\ntype: 整体支出\n%s---\n正文\n",
			county, prefecture, year, body)
	}
	const body = "sangong: {total: 10, change: 1}\n"
	a := parse(t, "content/a.md", file("甲|乙", "丙", 2021, body))
	b := parse(t, "content/b.md", file("甲", "乙|丙", 2021, body)) // the same ID as a
	c := parse(t, "content/c.md", file("甲", "乙|丙", 2020, "sangong: {total: 9}\n"))
	d := parse(t, "content/d.md", file("甲", "乙", 2020, "sangong: {total: 9}\n"))
	errs, per := Reports([]*report.Report{d, c, b, a})
	if len(errs) != 1 || errs[0].(*report.Error).File != "content/b.md" {
		t.Fatalf("errors %v, want one for content/b.md", errs)
	}
	// a's series holds c, whose text key is a's; d is of another series.
	if got := per[a][ruleIndex("yoy.sangong")]; got.Status != Passed {
		t.Errorf("yoy.sangong of a is %v (%s), want passed", got.Status, got.Reason)
	}
	e := newEnv(sortReports([]*report.Report{a, b, c, d}))
	for _, r := range []*report.Report{a, b, c, d} {
		if got, want := fmt.Sprint(per[r]), fmt.Sprint(e.check(r)); got != want {
			t.Errorf("%s: results differ from those made afresh", r.File)
		}
	}
}

// sortReports drops nil reports and repeats, and sorts by file stably,
// whether or not the reports come sorted.
func TestSortReports(t *testing.T) {
	r := func(file string) *report.Report { return &report.Report{File: file} }
	a, b1, b2, c := r("a"), r("b"), r("b"), r("c")
	for _, tc := range []struct{ in, want []*report.Report }{
		{nil, []*report.Report{}},
		{[]*report.Report{a, b1, b2, c}, []*report.Report{a, b1, b2, c}},
		{[]*report.Report{a, a, b1, b2, b1, nil, c, c}, []*report.Report{a, b1, b2, c}},
		{[]*report.Report{c, b2, nil, a, b1, b2, a}, []*report.Report{a, b2, b1, c}},
	} {
		if got := sortReports(tc.in); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("sortReports(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
	// Many reports of one name, given twice.
	var in []*report.Report
	for range 40 {
		in = append(in, r("x"))
	}
	in = append(in, in...)
	if got := sortReports(in); fmt.Sprint(got) != fmt.Sprint(in[:40]) {
		t.Errorf("40 reports of one name given twice: got %d", len(got))
	}
}
