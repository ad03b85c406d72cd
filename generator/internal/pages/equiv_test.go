package pages

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// referenceByMetric is byMetric as it was, with a comparator that computes
// both values on every comparison.
func referenceByMetric(rs []*site.Report, m site.Metric) []*site.Report {
	out := slices.Clone(rs)
	slices.SortStableFunc(out, func(a, b *site.Report) int {
		av, aok := m.Value(a)
		bv, bok := m.Value(b)
		if aok != bok {
			if aok {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(bv, av), cmp.Compare(a.County.Slug, b.County.Slug), site.CompareNames(a.Department, b.Department))
	})
	return out
}

// randomReports returns reports of a few counties and departments, with
// figures that often tie, are often not disclosed, and are sometimes
// unreadable with a value left in them.
func randomReports(r *rand.Rand, n int) []*site.Report {
	counties := make([]*site.County, 5)
	for i := range counties {
		counties[i] = &site.County{Name: "县" + strconv.Itoa(i), Slug: "county-" + strconv.Itoa(r.IntN(4))}
	}
	depts := []string{"财政局", "教育局", "卫健委", ""}
	money := func() report.Money {
		m := report.Money{V: report.Amount(r.IntN(5) * report.FenPerWan / 2)}
		switch r.IntN(4) {
		case 0:
			m.State = report.NotDisclosed
		case 1:
			m.State = report.Unreadable
		default:
			m.State = report.Disclosed
		}
		return m
	}
	rs := make([]*site.Report, n)
	for i := range rs {
		rep := &report.Report{Department: depts[r.IntN(len(depts))], File: "f" + strconv.Itoa(i)}
		rep.Spending.Total, rep.Spending.Basic, rep.Spending.Project = money(), money(), money()
		rep.Sangong.Total = money()
		rep.Score = report.Field[float64]{V: float64(r.IntN(3)) + 90, State: report.State(r.IntN(3))}
		rep.Staff.Actual = report.Field[int]{V: r.IntN(3), State: report.State(r.IntN(2))}
		rs[i] = &site.Report{Report: rep, County: counties[r.IntN(len(counties))]}
	}
	return rs
}

// TestByMetricOrder checks that byMetric, which computes each value once,
// sorts as the comparator that computed them on every comparison did,
// ties, unknown values and NaN included.
func TestByMetricOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	odd := oddMetric
	metrics := append(slices.Clone(site.Metrics[:]), odd)
	for round := range 200 {
		rs := randomReports(r, r.IntN(60))
		for _, m := range metrics {
			got, want := byMetric(rs, m), referenceByMetric(rs, m)
			if !slices.Equal(got, want) {
				t.Fatalf("round %d, metric %s: byMetric differs from the reference", round, m.Key)
			}
		}
	}
	if got := byMetric(nil, odd); got != nil {
		t.Errorf("byMetric(nil) = %v, want nil", got)
	}
	if got := byMetric([]*site.Report{}, odd); got == nil || len(got) != 0 {
		t.Errorf("byMetric(empty) = %#v, want an empty slice", got)
	}
}

func TestAppendInitials(t *testing.T) {
	for _, s := range []string{"", "-", "--", "a", "hai-dian-qu", "-a-", "a--b", "ab-cd-", "x-y-z-1-2"} {
		if got, want := string(appendInitials([]byte("p"), s)), "p"+site.Initials(s); got != want {
			t.Errorf("appendInitials(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestShareFormat checks that strconv's 'f' format with two decimals, which
// the findings' shares are written with, is fmt's %.2f.
func TestShareFormat(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	vals := []float64{0, math.Copysign(0, -1), 0.005, 0.015, 1.005, -2.675, 1e21, math.Inf(1), math.Inf(-1), math.NaN()}
	for range 10000 {
		vals = append(vals, r.NormFloat64()*math.Pow(10, float64(r.IntN(12)-4)))
	}
	for _, v := range vals {
		if got, want := strconv.FormatFloat(v, 'f', 2, 64), fmt.Sprintf("%.2f", v); got != want {
			t.Errorf("FormatFloat(%v) = %q, fmt gives %q", v, got, want)
		}
	}
}

func TestYearRange(t *testing.T) {
	for _, c := range [][2]int{{2019, 2024}, {firstYearText, firstYearText}, {firstYearText - 1, firstYearText + 1}, {2100, 2101}, {2024, 2024}, {1, 3}} {
		if got, want := yearRange(c[0], c[1]), yearLabels(c[0], c[1]); !slices.Equal(got, want) {
			t.Errorf("yearRange(%d, %d) = %q, want %q", c[0], c[1], got, want)
		}
	}
}

// TestTopByMetric checks that topByMetric, which keeps only the highest
// reports, returns what top returns of the whole of byMetric's order, for
// lists shorter and longer than ChartMax, ties, unknown values and NaN
// included.
func TestTopByMetric(t *testing.T) {
	defer func(n int) { ChartMax = n }(ChartMax)
	r := rand.New(rand.NewPCG(11, 12))
	metrics := append(slices.Clone(site.Metrics[:]), oddMetric)
	for round := range 300 {
		ChartMax = []int{0, 1, 2, 5, 40}[round%5]
		rs := randomReports(r, r.IntN(120))
		for _, m := range metrics {
			got, gotNote := topByMetric(rs, m)
			want, wantNote := top(byMetric(rs, m), m)
			if !slices.Equal(got, want) || gotNote != wantNote {
				t.Fatalf("round %d, ChartMax %d, %d reports, metric %s: topByMetric gives %d reports and %q, top of byMetric %d and %q",
					round, ChartMax, len(rs), m.Key, len(got), gotNote, len(want), wantNote)
			}
		}
	}
}

// TestMoneyDefs checks that every amount's definition reads the field that
// report.Report.Amount returns for its key.
func TestMoneyDefs(t *testing.T) {
	r := &report.Report{}
	n := 0
	for i := range figureDefs {
		d := &figureDefs[i]
		if d.kind != figureMoney {
			continue
		}
		n++
		if got, want := d.money(r), r.Amount(d.Key); got == nil || got != want {
			t.Errorf("%s: the definition reads %p, Amount returns %p", d.Key, got, want)
		}
	}
	if n != 11 {
		t.Errorf("%d amounts, want 11", n)
	}
}

// TestRoot checks Root, which keeps the shortest prefixes made, against
// the prefix made for each page.
func TestRoot(t *testing.T) {
	for _, path := range []string{"index.html", "county/x.html", "report/x/2020-a.html", "a/b/c/d.html", "a/b/c/d/e.html", "a/b/c/d/e/f/g.html", "/", ""} {
		p := &Page{Path: path}
		if got, want := p.Root(), strings.Repeat("../", strings.Count(path, "/")); got != want {
			t.Errorf("Root of %q = %q, want %q", path, got, want)
		}
	}
}

// oddMetric is a metric of values from a small set, NaN among them, each
// known or not; unknown values are compared too.
var oddMetric = site.Metric{Key: "odd", Value: func(rep *site.Report) (float64, bool) {
	vals := []float64{0, 1, 1, 2, math.NaN(), math.Inf(-1), math.Copysign(0, -1)}
	h := len(rep.File) + int(rep.File[len(rep.File)-1])
	return vals[h%len(vals)], h%3 != 0
}}
