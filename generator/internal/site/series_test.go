package site

import (
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestSeriesURLs: a county with more series than MaxSeriesOnCountyPage
// gives each a page of its own, at a URL made as its reports' are and
// unique even when a department's name and another's project spell the
// same slug; a county with as many gives none. Every report knows its
// series.
func TestSeriesURLs(t *testing.T) {
	rep := func(name, county, department, typ, project string) *report.Report {
		fm := "county: " + county + "\ndepartment: " + department + "\ntype: " + typ + "\nyear: 2023\n"
		if project != "" {
			fm += "project: " + project + "\n"
		}
		return parse(t, name, fm)
	}
	rs := []*report.Report{
		rep("a.md", "甲县", "财政局", "整体支出", ""),
		rep("b.md", "甲县", "财政局", "项目支出", ""),
		rep("c.md", "甲县", "甲局项目乙", "整体支出", ""),
		// 甲局 + 项目 + 乙整体: the slug of the series above.
		rep("d.md", "甲县", "甲局", "项目支出", "乙整体"),
		rep("e.md", "丙县", "财政局", "整体支出", ""),
		rep("f.md", "丙县", "教育局", "整体支出", ""),
		rep("g.md", "丙县", "交通运输局", "项目支出", "农村公路养护专项资金"),
	}
	s, err := Assemble(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	urls := map[string]string{}
	for _, r := range s.Reports {
		if r.Series == nil || len(r.Series.Reports) != 1 || r.Series.Reports[0] != r {
			t.Errorf("%s: series %v", r.File, r.Series)
			continue
		}
		urls[r.File] = r.Series.URL
	}
	for file, want := range map[string]string{
		"a.md": "county/jia-xian/cai-zheng-ju-zheng-ti.html",
		"b.md": "county/jia-xian/cai-zheng-ju-xiang-mu.html",
		"c.md": "county/jia-xian/jia-ju-xiang-mu-yi-zheng-ti.html",
		"d.md": "county/jia-xian/jia-ju-xiang-mu-yi-zheng-ti-x.html",
		"e.md": "", "f.md": "", "g.md": "",
	} {
		if urls[file] != want {
			t.Errorf("%s: series URL %q, want %q", file, urls[file], want)
		}
	}
	for _, c := range s.Counties {
		if want := c.Name == "甲县"; c.SeriesPages() != want {
			t.Errorf("%s of %d series: SeriesPages %v", c.Name, len(c.Series), c.SeriesPages())
		}
	}
}
