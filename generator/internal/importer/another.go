package importer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A file may hold more than one report: a department's, then one of its
// units' (枫桥县民政局's, then 枫桥县社会福利院's), pasted one after the
// other. Only the first is read; the figures of the other are not the
// department's.

// reportTitleRE matches the title line of a report.
var reportTitleRE = regexp.MustCompile(`(?:自评|评价)报告$`)

// anotherReport returns the index of the paragraph where a second report
// begins in ps, and its title, or -1 and "": a title line ending in 自评报告 or 评价报告 after a
// line holding only the date that signs the report above it, and before
// another such date. A short line just before the title that names its
// unit (枫桥县社会福利院 over 2023年度…自评报告) begins it too.
func anotherReport(ps []para) (int, string) {
	signed := false
	for i, p := range ps {
		t := strings.TrimSpace(p.text)
		if p.cell || t == "" {
			continue
		}
		if signedRE.MatchString(t) {
			signed = true
			continue
		}
		if !signed || !reportTitleRE.MatchString(t) || utf8.RuneCountInString(t) > 60 || strings.ContainsAny(t, "。，,；;：:") {
			continue
		}
		again := false
		for _, q := range ps[i+1:] {
			if !q.cell && signedRE.MatchString(strings.TrimSpace(q.text)) {
				again = true
				break
			}
		}
		if !again {
			return -1, ""
		}
		if i > 1 && isUnitLine(ps[i-1]) && signedRE.MatchString(strings.TrimSpace(ps[i-2].text)) {
			return i - 1, strings.TrimSpace(ps[i-1].text) + t
		}
		return i, t
	}
	return -1, ""
}

// isUnitLine reports whether p is a short line of prose with no punctuation
// or digits, such as the name of a unit.
func isUnitLine(p para) bool {
	t := strings.TrimSpace(p.text)
	return !p.cell && t != "" && utf8.RuneCountInString(t) <= 30 && !strings.ContainsAny(t, "0123456789。，,；;：:！？")
}
