package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestTestdata runs the importer over the reports in testdata/, written for
// these tests in other styles than the seeds, and requires exactly the
// values of their .want.json files.
func TestTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.want.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, want := range files {
		base := strings.TrimSuffix(want, ".want.json")
		matches, _ := filepath.Glob(base + ".*")
		var input string
		for _, m := range matches {
			if m != want {
				input = m
			}
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			if input == "" {
				t.Fatalf("no input for %s", want)
			}
			doc, err := ReadFile(context.Background(), input)
			if err != nil {
				t.Fatal(err)
			}
			d := Extract(input, doc.Text)
			checkDraft(t, d)
			tr := readTruth(t, want)
			s := compare(draftJSON(t, d), tr)
			for _, p := range s.problems {
				t.Error(p)
			}
			notes := strings.Join(d.Review, "\n")
			for _, r := range tr.Review {
				if !strings.Contains(notes, r) {
					t.Errorf("no review note says %q", r)
				}
			}
			if t.Failed() {
				t.Logf("review notes:\n  %s", strings.Join(d.Review, "\n  "))
			}
		})
	}
}
