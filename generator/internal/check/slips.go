package check

import (
	"slices"

	"github.com/countyperf/portal/generator/internal/report"
)

// What a report's results say of a figure that may be a unit slip, for
// callers that compare reports and must leave such a figure out (see
// site.Report.Suspect).

// SlipRules are the rules whose findings name, as their first key, a
// figure that is likely a unit slip, such as 万元 entered in 元: one 10 to
// 10,000 times its department's other years (unit.years), one no county
// department reaches (unit.size), a total 10 to 10,000 times the sum of
// its parts (unit.sum).
var SlipRules = []string{"unit.years", "unit.size", "unit.sum"}

// SlipWords says in Chinese what a slip of the figure key likely is, and
// what the site leaves it out of: 疑为单位错误 (万元 entered in 元) and
// 不参加排名, or, for a count of staff no county department has
// (unit.size's sizeMaxStaff), 疑为数字错误 and 不用于计算人均数.
func SlipWords(key string) (words, leftOut string) {
	if slices.Contains(staffKeys, key) {
		return "疑为数字错误", "不用于计算人均数"
	}
	return "疑为单位错误", "不参加排名"
}

// HasSlip reports whether a rule of SlipRules found anything among a
// report's results: whether SlipRule may name a rule for some figure.
func HasSlip(results []Result) bool {
	for _, c := range results {
		if c.Status == Found && slices.Contains(SlipRules, c.Rule) {
			return true
		}
	}
	return false
}

// SlipRule returns the rule of SlipRules whose finding, among a report's
// results, names the figure key first, or "".
func SlipRule(results []Result, key string) string {
	for _, c := range results {
		if c.Status != Found || !slices.Contains(SlipRules, c.Rule) {
			continue
		}
		for _, f := range c.Findings {
			if len(f.Keys) > 0 && f.Keys[0] == key {
				return c.Rule
			}
		}
	}
	return ""
}

// AddsUp reports whether the figure key is in one of the sums the sum
// rules check that, by a report's results, adds up within rounding, and
// none of whose other figures a finding of SlipRules names: a figure
// flagged as ten times its other years that adds up with its siblings
// into an unflagged total is growth, not a slip.
func AddsUp(results []Result, key string) bool {
	for _, s := range sums {
		if !slices.Contains(s.keys, key) || !passedBeyondRounding(results, s.rule) {
			continue
		}
		others := true
		for _, k := range s.keys {
			if k != key && SlipRule(results, k) != "" {
				others = false
			}
		}
		if others {
			return true
		}
	}
	return false
}

// passedBeyondRounding reports whether the rule ran and found nothing
// beyond rounding.
func passedBeyondRounding(results []Result, rule string) bool {
	for _, c := range results {
		if c.Rule != rule {
			continue
		}
		switch c.Status {
		case Passed:
			return true
		case Found:
			return !slices.ContainsFunc(c.Findings, func(f Finding) bool { return f.Severity != Rounding })
		}
		return false
	}
	return false
}

// Implausible reports whether the amount key of r (one of the amounts
// unit.years and unit.size look at, such as spending.project) is larger
// than any county department's, or (a department's 支出合计) smaller, by
// the limits of unit.size, whether or not a finding says so: unit.size
// leaves out what unit.years flags, and when unit.years flags both years
// of a pair, this tells which of the two is the slip.
func Implausible(r *report.Report, key string) bool {
	i := slices.Index(slipKeys[:], key)
	if i < 0 {
		return false
	}
	m := report.AmountField(key)(r)
	if !m.Known() {
		return false
	}
	a := m.V
	if slipIDs[i] >= sangongTotal {
		return a > sizeMaxSangong
	}
	staff, _, fewest, _ := staffCounts(r)
	if below, _ := belowSize(r.Type, a, fewest); key == "spending.total" && below {
		return true
	}
	return a > sizeMaxAmount || staff > 0 && a/report.Amount(staff) > sizeMaxPerHead
}
