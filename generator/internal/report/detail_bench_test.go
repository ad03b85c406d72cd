package report_test

import (
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// BenchmarkParseDetail reads again the 1,000 files of BenchmarkParse with
// ParseDetail, given each file's report as a build keeps it (without its
// body, evidence, review notes and key positions), as a build does for
// each report page: compare its ns/file with BenchmarkParse's.
func BenchmarkParseDetail(b *testing.B) {
	names, data := benchFiles(b, 1000)
	lean := make([]*report.Report, len(data))
	size := 0
	for i, d := range data {
		r, err := report.Parse(names[i], d)
		if err != nil {
			b.Fatal(err)
		}
		lean[i] = leanOf(r, true)
		if report.ParseDetailOnly(names[i], d, lean[i]) == nil {
			b.Fatalf("%s: not read by ParseDetail itself", names[i])
		}
		size += len(d)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for i, d := range data {
			if _, err := report.ParseDetail(names[i], d, lean[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data)), "ns/file")
}
