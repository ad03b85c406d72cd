package site

import (
	"os"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// Duplicated returns the report among others that a build would refuse r
// beside as a duplicate (report.Duplicate), the first by file name; or
// nil when there is none. It is for those who write a report file (new,
// import), who would otherwise learn of the duplicate only when a build
// fails. others need hold only the reports of r's county name: no other
// can be its duplicate, nor tell which county r joins.
//
// Two reports are duplicates, as check finds them, when they give the
// same county, prefecture, department, year and type, and the same
// project, if any (report.ID); or, as Assemble finds them, when they
// give all of those but the prefecture, and join the same county: a
// report without prefecture: joins the county of its name when the
// reports give that name to exactly one county with a prefecture, and
// when they give it to several, it is refused for naming more than one
// county, which is not a duplicate.
func Duplicated(r *report.Report, others []*report.Report) *report.Report {
	// The counties of r's name that reports with a prefecture define, as
	// Assemble defines them: those naming a province first.
	var keys []countyKey
	all := append([]*report.Report{r}, others...)
	for _, province := range []bool{true, false} {
		for _, o := range all {
			if o.County != r.County || o.Prefecture == "" || (o.Province != "") != province {
				continue
			}
			if k, _ := joins(o, keys); !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	// joined returns the prefecture of the county o joins, as Assemble
	// joins it (see joins), and false when o names more than one county.
	// Reports without a prefecture join one county of their name
	// whatever their provinces: the first defines it.
	joined := func(o *report.Report) (string, bool) {
		k, ok := joins(o, keys)
		return k.prefecture, ok
	}
	id := r.ID()
	at, joins := joined(r)
	var first *report.Report
	for _, o := range others {
		if o == r || o.County != r.County || o.Department != r.Department || o.Year != r.Year || o.Type != r.Type || o.Project != r.Project {
			continue
		}
		same := o.ID() == id
		if p, ok := joined(o); ok && joins && p == at {
			same = true
		}
		if same && (first == nil || strings.Compare(o.File, first.File) < 0) {
			first = o
		}
	}
	return first
}

// DuplicatedAt is Duplicated for new and import, which write the report r
// to the file at path, among others, the reports of r's county under the
// content folder (content.OfCounty): the file at path, which the writing
// replaces, is not r's duplicate; and a report that leaves its type
// empty, as the drafts of new do, is taken for the 整体支出 report it will
// most likely be. It returns the report of others, as given, or nil.
func DuplicatedAt(r *report.Report, path string, others []*report.Report) *report.Report {
	here, err := os.Stat(path)
	whole := func(r *report.Report) *report.Report {
		if r.Type != "" || r.Project != "" {
			return r
		}
		c := *r
		c.Type = report.TypeWhole
		return &c
	}
	var cands []*report.Report
	given := map[*report.Report]*report.Report{}
	for _, o := range others {
		if err == nil {
			if fi, err := os.Stat(o.File); err == nil && os.SameFile(fi, here) {
				continue
			}
		}
		c := whole(o)
		given[c] = o
		cands = append(cands, c)
	}
	return given[Duplicated(whole(r), cands)]
}
