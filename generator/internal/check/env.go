package check

import (
	"cmp"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// env holds what the rules need beyond one report: the other years, and
// a worker's buffers.
//
// A series is the reports of one county, prefecture, department and type
// (and project, for 项目支出 reports that name one), one per year (the
// first file for an ID), sorted by year. Every report, a second file for
// an ID too, has the series of its county, prefecture, department, type
// and project.
type env struct {
	// sorted are the reports, as returned by sortReports.
	sorted []*report.Report
	// sid[i] is the series of sorted[i]; series s is
	// members[bounds[s]:bounds[s+1]].
	sid     []int32
	bounds  []int32
	members []*report.Report
	// years and slips are, for each of members, its year and its
	// amounts of slipIDs as slipAmount gives them: what unit.years
	// compares, kept together for speed.
	years []int
	slips [][numSlips]report.Amount
	// errs are the file errors of duplicates, in the order of sorted.
	errs []error
	// in, when set, is the worker's interner: text the rules make for
	// many reports alike is then made once and shared (see interner).
	// When nil, every result is made afresh.
	in *interner
	// reasonBuf and msg are buffers for the text of reasons and
	// messages.
	reasonBuf, msg []byte
}

// series returns the bounds in members of the series of sorted[i].
func (e *env) series(i int) (lo, hi int32) {
	s := e.sid[i]
	return e.bounds[s], e.bounds[s+1]
}

// compact sets years and slips from members, in parallel.
func (e *env) compact() {
	n := len(e.members)
	e.years = make([]int, n)
	e.slips = make([][numSlips]report.Amount, n)
	workers := workersFor(n)
	inParallel(workers, func(w int) {
		for i := n * w / workers; i < n*(w+1)/workers; i++ {
			r := e.members[i]
			e.years[i] = r.Year
			for k, id := range slipIDs {
				e.slips[i][k] = slipAmount(r, id)
			}
		}
	})
}

// seriesKey is the text form of the key of a series; see seriesID.
func seriesKey(r *report.Report) string {
	return r.County + "|" + r.Prefecture + "|" + r.Department + "|" + r.Type + "|" + r.Project
}

// seriesID is the key of a series. When no county, prefecture,
// department, type or project contains "|", two reports have the same seriesID
// exactly when they have the same seriesKey, and the same seriesID and
// year exactly when they have the same ID.
type seriesID struct {
	county, prefecture, department, typ, project string
}

// newEnv returns the env of the reports, which must be as returned by
// sortReports.
func newEnv(sorted []*report.Report) *env {
	e := &env{sorted: sorted, sid: make([]int32, len(sorted))}
	ids := make(map[seriesID]int32, len(sorted)/2)
	// years[i] is sorted[i].Year, read with its names.
	years := make([]int, len(sorted))
	for i, r := range sorted {
		if strings.Contains(r.County, "|") || strings.Contains(r.Prefecture, "|") ||
			strings.Contains(r.Department, "|") || strings.Contains(r.Type, "|") || strings.Contains(r.Project, "|") {
			e.bySeriesKey()
			e.compact()
			return e
		}
		k := seriesID{r.County, r.Prefecture, r.Department, r.Type, r.Project}
		s, ok := ids[k]
		if !ok {
			s = int32(len(ids))
			ids[k] = s
		}
		e.sid[i] = s
		years[i] = r.Year
	}
	// Group the reports by series, each group in file order, then sort
	// each group by year: the first of a year is the series' report for
	// that year, and any other is a second file for its ID.
	n := len(ids)
	start := make([]int32, n+1)
	for _, s := range e.sid {
		start[s+1]++
	}
	for s := range n {
		start[s+1] += start[s]
	}
	order := make([]int32, len(sorted))
	next := slices.Clone(start[:n])
	for i, s := range e.sid {
		order[next[s]] = int32(i)
		next[s]++
	}
	byYear := func(a, b int32) int { return cmp.Compare(years[a], years[b]) }
	// dups are pairs of a second file for an ID and the first.
	var dups [][2]int32
	e.members = make([]*report.Report, 0, len(sorted))
	e.bounds = make([]int32, n+1)
	for s := range n {
		g := order[start[s]:start[s+1]]
		if len(g) > 1 && !slices.IsSortedFunc(g, byYear) {
			slices.SortStableFunc(g, byYear)
		}
		kept := int32(-1)
		for _, i := range g {
			if kept >= 0 && years[kept] == years[i] {
				dups = append(dups, [2]int32{i, kept})
				continue
			}
			kept = i
			e.members = append(e.members, sorted[i])
		}
		e.bounds[s+1] = int32(len(e.members))
	}
	if len(dups) > 0 {
		slices.SortFunc(dups, func(a, b [2]int32) int { return cmp.Compare(a[0], b[0]) })
		for _, d := range dups {
			e.errs = append(e.errs, report.Duplicate(sorted[d[0]], sorted[d[1]]))
		}
	}
	e.compact()
	return e
}

// bySeriesKey sets e's series and errors by the text keys of reports, for
// reports whose names contain "|".
func (e *env) bySeriesKey() {
	series := map[string][]*report.Report{}
	first := map[string]*report.Report{}
	for _, r := range e.sorted {
		id := r.ID()
		if f, ok := first[id]; ok {
			e.errs = append(e.errs, report.Duplicate(r, f))
			continue
		}
		first[id] = r
		k := seriesKey(r)
		series[k] = append(series[k], r)
	}
	index := map[string]int32{}
	e.bounds = []int32{0}
	for i, r := range e.sorted {
		k := seriesKey(r)
		s, ok := index[k]
		if !ok {
			s = int32(len(index))
			index[k] = s
			m := series[k]
			slices.SortStableFunc(m, func(a, b *report.Report) int { return cmp.Compare(a.Year, b.Year) })
			e.members = append(e.members, m...)
			e.bounds = append(e.bounds, int32(len(e.members)))
		}
		e.sid[i] = s
	}
}

// reason returns the reason that build appends to a buffer. With an
// interner, it is the one copy of that text, and a worker builds each
// text once: tag (below 256) and bits (below 1<<56) must then determine
// the text when ok is true.
func (e *env) reason(tag, bits uint64, ok bool, build func([]byte) []byte) string {
	if e.in == nil {
		e.reasonBuf = build(e.reasonBuf[:0])
		return string(e.reasonBuf)
	}
	key := tag<<56 | bits
	if ok {
		if s, found := e.in.reasons[key]; found {
			return s
		}
	}
	e.reasonBuf = build(e.reasonBuf[:0])
	s := ""
	if len(e.reasonBuf) > 0 {
		s = e.in.strBytes(e.reasonBuf)
	}
	if ok {
		e.in.reasons[key] = s
	}
	return s
}

// check returns the results of every rule on r, in the order of Rules,
// made afresh: they share no memory with other reports' results unless
// e.in is set (then only text, such as a finding's Keys and Message).
func (e *env) check(r *report.Report) []Result {
	var v view
	lo, hi := e.seriesOf(r)
	v.set(r, lo, hi)
	out := make([]Result, len(ruleOrder))
	e.fill(out, &v)
	return out
}

// seriesOf returns the bounds in members of the series of r, which need
// not be one of e's reports.
func (e *env) seriesOf(r *report.Report) (lo, hi int32) {
	for i, o := range e.sorted {
		if o == r {
			return e.series(i)
		}
	}
	k := seriesKey(r)
	for i, o := range e.sorted {
		if seriesKey(o) == k {
			return e.series(i)
		}
	}
	return 0, 0
}

// fill sets out, which has one element per rule, to the results of every
// rule on the report of v, in the order of Rules.
func (e *env) fill(out []Result, v *view) {
	file := v.r.File
	for j := range ruleOrder {
		ru := &ruleOrder[j]
		fs, checked, reason := ruleList[j](e, v)
		res := Result{Rule: ru.ID, Title: ru.Title, Reason: reason}
		for i := range fs {
			fs[i].File = file
			fs[i].Rule = ru.ID
			fs[i].Title = ru.Title
			if fs[i].Pos.Line <= 0 {
				fs[i].Pos = report.Pos{Line: 1, Col: 1}
			}
		}
		if len(fs) > 1 {
			sortFindings(fs)
		}
		switch {
		case !checked:
			res.Status = NotChecked
		case len(fs) > 0:
			res.Status = Found
			res.Findings = fs
		default:
			res.Status = Passed
		}
		out[j] = res
	}
	explainSlips(out)
}

// explainedSlips are the places in ruleOrder of the rules of SlipRules
// whose slip explainSlips names in discrepancies: unit.years and
// unit.size. A unit.sum finding is itself about the discrepancy, and does
// not tell whether the total or its parts slipped.
var explainedSlips = [...]int{ruleIndex("unit.years"), ruleIndex("unit.size")}

// explainSlips adds, to each discrepancy among a report's results out
// that involves a figure the rule unit.years or unit.size finds a likely
// unit slip, a note that says so: a list of findings by size of gap then
// explains its largest entries where they are listed, rather than pages
// later among the warnings. Only the findings' messages change; each is
// a new string.
func explainSlips(out []Result) {
	for _, sr := range explainedSlips {
		if sr >= len(out) || out[sr].Status != Found {
			continue
		}
		for _, slip := range out[sr].Findings {
			if len(slip.Keys) != 1 {
				continue
			}
			key := slip.Keys[0]
			words, _ := SlipWords(key)
			note := "；其中" + FigureName(key) + words + "，见" + ruleOrder[sr].Title
			for j := range out {
				if j == sr {
					continue
				}
				for i := range out[j].Findings {
					f := &out[j].Findings[i]
					if f.Severity == Discrepancy && slices.Contains(f.Keys, key) {
						f.Message += note
					}
				}
			}
		}
	}
}
