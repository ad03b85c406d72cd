// Package check finds where reports disagree with themselves, with each
// other, or with the standard grade bands.
//
// It knows two kinds of problem, kept apart:
//
//   - File errors: the content file is wrong, such as two files for the same
//     report. They are returned as *report.Error and fail a build. Every
//     error that a single file can show is already refused by report.Parse;
//     this package adds the ones that need more than one file.
//   - Findings: the file faithfully records what the published report says,
//     and the report is inconsistent or incomplete. Findings never fail a
//     build; they are published.
//
// Besides, Notices finds slips in a report file that are the publisher's
// to put right but do not keep it from being read, such as a space in a
// county's name: warnings, like those about files not read, that are
// printed but never published.
//
// Every rule is run on every report and yields a Result: Passed, Found (with
// findings) or NotChecked (with the reason, such as a figure that was not
// disclosed), so that a clean record is never mistaken for a checked one.
// A figure that is not disclosed, one disclosed as zero and one that could
// not be read are three different states: a rule uses only disclosed values.
//
// The package does no I/O except writing output to the io.Writer it is
// given, and every list it returns is in a deterministic order.
package check

import (
	"cmp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/countyperf/portal/generator/internal/report"
)

// Severity says how much a finding matters.
type Severity uint8

// The severities of a finding, least serious first.
const (
	// Info records a fact about the report, such as figures it leaves out.
	Info Severity = iota
	// Rounding is a gap small enough to come from rounding each figure to
	// 0.01 万元; it is shown, but low key.
	Rounding
	// Warning is something likely wrong, or worth a look, that the report's
	// figures do not prove: a likely unit slip, a score with no grade,
	// more staff than authorized.
	Warning
	// Discrepancy is a gap the report's own figures prove, beyond rounding.
	Discrepancy
)

var severityNames = [...]string{"info", "rounding", "warning", "discrepancy"}
var severityLabels = [...]string{"提示", "尾差", "疑点", "不一致"}

// String returns the severity's stable English name: info, rounding,
// warning or discrepancy.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return "unknown"
}

// Label returns the severity's short Chinese name for pages, such as 尾差.
func (s Severity) Label() string {
	if int(s) < len(severityLabels) {
		return severityLabels[s]
	}
	return "未知"
}

// MarshalText encodes the severity as its String.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Status is the outcome of one rule on one report.
type Status uint8

// The outcomes of a rule. The zero value is NotChecked, so that a Result
// that was never filled in is not taken for a check that passed.
const (
	// NotChecked means the rule lacked its inputs; Result.Reason says which.
	NotChecked Status = iota
	// Passed means the rule ran and found nothing.
	Passed
	// Found means the rule ran and has at least one finding.
	Found
)

var statusNames = [...]string{"not_checked", "passed", "found"}
var statusLabels = [...]string{"未核对", "通过", "有发现"}

// String returns the status's stable English name: not_checked, passed or
// found.
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "unknown"
}

// Label returns the status's short Chinese name for pages, such as 未核对.
func (s Status) Label() string {
	if int(s) < len(statusLabels) {
		return statusLabels[s]
	}
	return "未知"
}

// MarshalText encodes the status as its String.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one thing a rule found in a report.
type Finding struct {
	// File is the report's file, as in report.Report.File.
	File string
	// Pos is where in the file the finding points: the figure concerned,
	// such as the total that does not match its parts.
	Pos report.Pos
	// Rule is the stable id of the rule, such as "sum.spending".
	Rule string
	// Title is the rule's short Chinese name, such as 支出合计核对.
	Title    string
	Severity Severity
	// Message says what was found in plain Chinese, with the numbers, such
	// as "基本支出158.65 + 项目支出1312 = 1470.65，与支出合计1530.53相差59.88万元（占支出合计的3.91%）".
	Message string
	// Keys are the dotted names of the figures concerned, the one at Pos
	// first, such as spending.total, spending.basic, spending.project;
	// for a note of the rule noted, whose Pos is the note, the amounts it
	// quotes with their unit (see notedKeys). Findings share their Keys:
	// they must not be modified.
	Keys []string
	// Gap is the absolute difference the finding is about, for rules that
	// compare amounts of the report (sums, part within whole, year on
	// year); zero otherwise.
	Gap report.Amount
	// Share is the gap divided by the figure it is measured against (the
	// total, the whole, this year's 三公 total; for staff, people over the
	// authorized number); zero when that figure is zero or there is none.
	Share float64
	// Factor is, for a likely unit slip, the figure's ratio to what it was
	// compared with: 10, 100, 1000 or 10000, or their inverses such as 0.1.
	// For unit.size, which compares with no other figure, it is how many
	// times too large the figure is if it was typed in 元 (10000 under
	// unit 万元, 1000 under 千元), or zero under unit 元. It is zero for
	// other rules.
	Factor float64
}

// Disputes returns the dotted names of the figures the finding puts in
// doubt, which pages mark ⚠: its Keys, when it is more serious than
// rounding. A note on disclosure or a gap of rounding disputes none, and
// neither does a finding of grade.score that a score is given without a
// grade, or a grade without a score: the figure given is not in doubt for
// the want of the other. Every other finding disputes its Keys: the
// figures of a sum that does not add up or a part larger than its whole,
// a grade against its score, staff over establishment, a likely unit
// slip, a stated change of 三公经费 against the two years' totals, a
// year against the title, and the amounts a note of discrepancies quotes.
func (f *Finding) Disputes() []string {
	switch {
	case f.Severity < Warning:
		return nil
	case f.Rule == "grade.score" && f.Severity < Discrepancy:
		return nil
	}
	return f.Keys
}

// Result is the outcome of one rule on one report.
//
// Results returned by Reports are read-only: to keep them small, reports
// share what is equal in theirs (see Reports), so a change made to one
// report's results, or to a finding's Keys, could show in another's.
type Result struct {
	// Rule and Title identify the rule, as in Rules.
	Rule, Title string
	Status      Status
	// Reason says, in Chinese, why the rule was not checked, such as
	// "项目支出未披露". For a rule that ran on only some of its figures, it
	// says which it could not check; otherwise it is empty.
	Reason string
	// Findings are the rule's findings, sorted by position; empty unless
	// Status is Found.
	Findings []Finding
}

// Reports checks a set of reports together: each report against itself and
// against the other years of the same county, department and type.
//
// errs are the file errors that need more than one file (a second file for
// the same report), each an *report.Error, sorted by file and position.
// per maps every report to one Result per rule, in the order of Rules.
// Nil reports are skipped. Which reports to pass (drafts or not) is the
// caller's choice; when two files share an ID, only the first by file name
// is used as another year of the others.
//
// The results are kept small, since callers keep them for every report:
// reports whose results are equal and have no findings (each rule passed
// or was not checked, for the same reasons) share one []Result, equal
// strings are shared, and no slice has spare capacity. Callers must
// therefore not modify the results, their findings or the findings'
// Keys; copy them first. Appending to a report's []Result or Findings
// is safe, since it copies.
func Reports(rs []*report.Report) (errs []error, per map[*report.Report][]Result) {
	sorted := sortReports(rs)
	e := newEnv(sorted)
	t := newTables()
	// Each report is checked on its own against the shared, read-only
	// env: split the reports among the processors. Each worker fills the
	// same scratch results for every report and keeps a compact copy, or
	// results shared with other reports (see interner).
	results := make([][]Result, len(sorted))
	workers := workersFor(len(sorted))
	inParallel(workers, func(w int) {
		we := *e
		we.in = newInterner(t, (len(sorted)-w+workers-1)/workers)
		v := new(view)
		for i := w; i < len(sorted); i += workers {
			out := we.in.slot(len(ruleOrder))
			lo, hi := e.series(i)
			v.set(sorted[i], lo, hi)
			we.fill(out, v)
			results[i] = we.in.keep(out)
		}
		we.in.done()
	})
	per = make(map[*report.Report][]Result, len(sorted))
	for i, r := range sorted {
		per[r] = results[i]
	}
	return e.errs, per
}

// workersFor returns how many workers share n reports: one per processor,
// but at least 256 reports each.
func workersFor(n int) int {
	return max(1, min(runtime.GOMAXPROCS(0), (n+255)/256))
}

// inParallel calls f(w) for w from 0 to workers-1, each in its own
// goroutine (f(0) in the caller's), and returns when they have returned.
func inParallel(workers int, f func(w int)) {
	var wg sync.WaitGroup
	for w := 1; w < workers; w++ {
		wg.Go(func() { f(w) })
	}
	f(0)
	wg.Wait()
}

// Findings returns every finding in per, sorted by file, position and rule.
func Findings(per map[*report.Report][]Result) []Finding {
	var out []Finding
	for _, rs := range per {
		for _, res := range rs {
			out = append(out, res.Findings...)
		}
	}
	sortFindings(out)
	return out
}

// First returns the first n of the findings of per, in the order Findings
// sorts them, among those keep accepts, and how many keep accepts; it
// neither holds nor sorts them all, which a large site's build would pay
// for on every run to print a few.
func First(per map[*report.Report][]Result, n int, keep func(f *Finding) bool) (first []Finding, total int) {
	for _, rs := range per {
		for ri := range rs {
			for fi := range rs[ri].Findings {
				f := &rs[ri].Findings[fi]
				if !keep(f) {
					continue
				}
				total++
				if n == 0 || len(first) == n && compareFindings(*f, first[n-1]) >= 0 {
					continue
				}
				i, _ := slices.BinarySearchFunc(first, *f, compareFindings)
				if len(first) < n {
					first = append(first, Finding{})
				}
				copy(first[i+1:], first[i:len(first)-1])
				first[i] = *f
			}
		}
	}
	return first, total
}

// sortReports returns the distinct non-nil reports, sorted by file name,
// keeping the given order for equal names.
func sortReports(rs []*report.Report) []*report.Report {
	out := make([]*report.Report, 0, len(rs))
	for _, r := range rs {
		if r != nil {
			out = append(out, r)
		}
	}
	// One pass sees whether the reports are sorted already, as the
	// loader returns them, and whether any names are equal.
	sorted, equal := true, false
	for i := 1; i < len(out) && sorted; i++ {
		switch strings.Compare(out[i-1].File, out[i].File) {
		case 1:
			sorted = false
		case 0:
			equal = true
		}
	}
	if !sorted {
		slices.SortStableFunc(out, func(a, b *report.Report) int { return strings.Compare(a.File, b.File) })
		equal = true
	}
	if !equal {
		return out
	}
	// A report given twice has one file name: its copies are in one run
	// of equal names, after its first. Keep the first of each.
	n := 0
	var seen map[*report.Report]bool
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && out[j].File == out[i].File {
			j++
		}
		if j-i > 16 && seen == nil {
			seen = map[*report.Report]bool{}
		}
		run := n
		for _, r := range out[i:j] {
			if j-i > 16 {
				if seen[r] {
					continue
				}
				seen[r] = true
			} else if slices.Contains(out[run:n], r) {
				continue
			}
			out[n] = r
			n++
		}
		i = j
	}
	clear(out[n:])
	return out[:n]
}

func compareFindings(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(ruleIndex(a.Rule), ruleIndex(b.Rule)),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

func sortFindings(fs []Finding) { slices.SortStableFunc(fs, compareFindings) }
