package site

import (
	"cmp"
	"math"
	"slices"
	"sync"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
)

// Metric is a figure compared across reports.
type Metric struct {
	// Key is a stable identifier, used in URLs and data attributes.
	Key string
	// Label is the metric's Chinese name.
	Label string
	// Unit is the unit its values are shown in.
	Unit string
	// Value returns the metric for a report, and whether it is known.
	Value func(*Report) (float64, bool)
	// Unreadable reports whether a report's metric is unknown because a
	// figure it needs is given by the report but could not be read (无法识别),
	// rather than not disclosed.
	Unreadable func(*Report) bool
	// Keys are the dotted names of the figures the metric is computed
	// from, such as spending.total and staff.actual.
	Keys []string
}

// AppliesTo reports whether every figure the metric is computed from is
// one a report of type typ has (see check.NotApplicable): 基本支出 and
// 三公经费 are a department's, and do not apply to a 项目支出 report,
// which evaluates one project.
func (m Metric) AppliesTo(typ string) bool {
	for _, k := range m.Keys {
		if check.NotApplicable(typ, k) {
			return false
		}
	}
	return true
}

// LacksStaff reports whether the report r has no value of m, a metric per
// member of staff, only because it does not give its actual staff (or
// gives 0): the amount divided is known, and the report's type is one
// with staff of its own. Its cells say 人数未披露 rather than 未披露,
// which would say the amount is not given.
func (m Metric) LacksStaff(r *Report) bool {
	if len(m.Keys) < 2 || m.Keys[1] != "staff.actual" || check.NotApplicable(r.Type, "staff.actual") {
		return false
	}
	if _, ok := m.Value(r); ok {
		return false
	}
	amount := r.Amount(m.Keys[0])
	staff := r.Staff.Actual
	return amount.Known() && (staff.State == report.NotDisclosed || staff.Known() && staff.V == 0)
}

// Compare returns the metric for a report compared with others, and
// whether there is one: its Value, unless a figure it is computed from is
// a likely unit slip (see Report.Suspect). Ranks, charts and totals across
// reports leave such a value out: 19,959,000万元 entered for 1995.9 would
// otherwise top every list and flatten every other bar.
func (m Metric) Compare(r *Report) (float64, bool) {
	v, ok := m.Value(r)
	if ok && r.Suspect(m.Keys...) {
		return 0, false
	}
	return v, ok
}

func money(f func(*Report) report.Money) func(*Report) (float64, bool) {
	return func(r *Report) (float64, bool) {
		m := f(r)
		return m.V.Wan(), m.Known()
	}
}

// unreadable returns Metric.Unreadable for the metric of the money figure
// f, divided by the actual staff when perStaff.
func unreadable(f func(*Report) report.Money, perStaff bool) func(*Report) bool {
	return func(r *Report) bool {
		m := f(r)
		if perStaff && m.Known() {
			return r.Staff.Actual.State == report.Unreadable
		}
		return m.State == report.Unreadable
	}
}

// perStaff returns the metric of the amount f divided by the actual
// staff. It has none for a report whose type has no staff of its own (a
// 项目支出 report: check.NotApplicable), even when the report gives the
// department's staff: a project's spending over the department's people
// means nothing.
func perStaff(f func(*Report) report.Money) func(*Report) (float64, bool) {
	return func(r *Report) (float64, bool) {
		m := f(r)
		staff := r.Staff.Actual
		if !m.Known() || !staff.Known() || staff.V == 0 || check.NotApplicable(r.Type, "staff.actual") {
			return 0, false
		}
		return PerStaff(m.V.Wan(), staff.V), true
	}
}

// PerStaffBasis says in Chinese what the figures per staff member divide
// by, for the glossary, the per-staff views of charts and the downloads'
// dictionary: the report's 实有人数, which many reports give as the staff
// on the establishment alone.
const PerStaffBasis = "人均数按报告所列实有人数计算，多为在编人员，不含雇员、劳务派遣等，单位之间未必可比"

// PerStaff returns the amount a (万元) for each of n people, to two
// decimals (0.01 万元, 100 元), as every page shows a figure per staff
// member: 90.03 万元/人, not 90.0312, whose last digits say nothing a
// reader can use. Charts, tables, summaries and ranks take this value,
// so that two figures that read the same rank the same; the downloads
// hold the amounts and the staff as reported.
func PerStaff(a float64, n int) float64 {
	return math.Round(a/float64(n)*100) / 100
}

// MetricCount is the number of Metrics.
const MetricCount = 7

// Metrics lists the metrics that reports are ranked and charted by.
var Metrics = [MetricCount]Metric{
	moneyMetric("total", "支出合计", "spending.total", func(r *Report) report.Money { return r.Spending.Total }),
	moneyMetric("basic", "基本支出", "spending.basic", func(r *Report) report.Money { return r.Spending.Basic }),
	moneyMetric("project", "项目支出", "spending.project", func(r *Report) report.Money { return r.Spending.Project }),
	moneyMetric("sangong", "三公经费", "sangong.total", func(r *Report) report.Money { return r.Sangong.Total }),
	{"score", "自评得分", "分", func(r *Report) (float64, bool) { return r.Score.V, r.Score.Known() },
		func(r *Report) bool { return r.Score.State == report.Unreadable }, []string{"score"}},
	perStaffMetric("total_per_staff", "人均支出", "spending.total", func(r *Report) report.Money { return r.Spending.Total }),
	perStaffMetric("sangong_per_staff", "人均三公经费", "sangong.total", func(r *Report) report.Money { return r.Sangong.Total }),
}

// ProjectFunds is the metric of a 项目支出 report's income: the funds its
// project or fund received (项目到位资金), which may be all the money such
// a report gives. It is not among Metrics: it is neither ranked nor
// charted across reports, but a 项目支出 series' table by year shows it
// beside the project's spending, which it is not.
var ProjectFunds = moneyMetric("income", "项目到位资金", "income", func(r *Report) report.Money { return r.Income })

// moneyMetric returns the metric of the amount f, in 万元.
func moneyMetric(key, label, figure string, f func(*Report) report.Money) Metric {
	return Metric{key, label, "万元", money(f), unreadable(f, false), []string{figure}}
}

// perStaffMetric returns the metric of the amount f for each member of
// the actual staff, in 万元 a person.
func perStaffMetric(key, label, figure string, f func(*Report) report.Money) Metric {
	return Metric{key, label, "万元/人", perStaff(f), unreadable(f, true), []string{figure, "staff.actual"}}
}

// MetricByKey returns the metric with the key.
func MetricByKey(key string) Metric {
	for _, m := range Metrics {
		if m.Key == key {
			return m
		}
	}
	panic("site: unknown metric " + key)
}

// rank places each report among its peers (see Report.Peers), for
// every metric that applies to the peers' type (Metric.AppliesTo),
// highest value first; equal values share a place. A 项目支出 report
// that gives its department's 基本支出 anyway is not ranked on it: its
// peers are every 项目支出 report of its year, whatever their
// departments, and a department's spending ranked among other
// departments' says nothing.
func (s *Site) rank() {
	keys := s.groupPeers()
	type kv struct {
		r *Report
		v float64
	}
	// Each metric is ranked on its own, and writes only its own place in
	// each report's Ranks: the metrics can be ranked in parallel.
	var wg sync.WaitGroup
	for mi, m := range Metrics {
		wg.Go(func() {
			var known []kv
			for _, k := range keys {
				if !m.AppliesTo(k.Type) {
					continue
				}
				g := k.Reports
				known = known[:0]
				for _, r := range g {
					if v, ok := m.Compare(r); ok {
						// Ranked as shown, to four decimals (as
						// charts.Shown rounds): 4.56/19 and 2.64/11
						// both show 0.24, and share a place, though
						// the quotients differ in their last bits.
						known = append(known, kv{r, math.Round(v*10000) / 10000})
					}
				}
				// Equal values share the place of the first of them, so
				// their order among themselves does not matter: no need
				// for a stable sort.
				slices.SortFunc(known, func(a, b kv) int { return cmp.Compare(b.v, a.v) })
				for i := 0; i < len(known); {
					// known[i:j] share the place i+1.
					j := i + 1
					for j < len(known) && known[j].v == known[i].v {
						j++
					}
					for _, e := range known[i:j] {
						e.r.Ranks[mi] = Rank{Place: i + 1, Of: len(known), Tied: j - i}
					}
					i = j
				}
			}
		})
	}
	wg.Wait()
}
