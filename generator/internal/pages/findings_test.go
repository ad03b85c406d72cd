package pages_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/pages"
)

// The rows of ListedFindings are made once for a site and shared by the
// pages of findings, the index of their filter and findings.csv. The
// pages fill the gaps, shares and search words of their own copy, never
// of the shared rows, which the others read meanwhile.
func TestListedFindingsAreShared(t *testing.T) {
	s := generatedSite(t, corpus.Options{Seed: 3, Reports: 300})
	rows := pages.ListedFindings(s)
	if len(rows) == 0 {
		t.Fatal("the site has no findings: the test needs some")
	}
	if len(rows) != pages.CountFindings(s) {
		t.Fatalf("%d rows listed, %d findings counted", len(rows), pages.CountFindings(s))
	}
	before := slices.Clone(rows)
	ps := pages.Findings(s)
	again := pages.ListedFindings(s)
	if &again[0] != &rows[0] {
		t.Error("the findings were listed again rather than shared")
	}
	if !reflect.DeepEqual(before, again) {
		t.Error("making the pages of findings changed the shared rows")
	}
	listed := 0
	for _, p := range ps {
		d := p.Data.(*pages.FindingsData)
		for i := range d.Rows {
			row := &d.Rows[i]
			if row.Gap.Text == "" || row.Share.Text == "" || row.Search == "" {
				t.Fatalf("%s: row %d has no gap, share or search words: %+v", p.Path, i, row)
			}
			if row.R != rows[listed].R || row.N != rows[listed].N {
				t.Fatalf("%s: row %d is not the listed finding %d", p.Path, i, listed)
			}
			listed++
		}
	}
	if listed != len(rows) {
		t.Errorf("the pages list %d findings, %d listed", listed, len(rows))
	}
}
