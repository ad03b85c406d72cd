package site

import (
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestProjectReports: two project reports of one department and year are
// two reports, each with a URL of its own that adds its project's slug
// (the URLs of reports without project: do not change), each compared
// with its own project's previous year, and told apart by their labels
// and titles.
func TestProjectReports(t *testing.T) {
	proj := func(name string, year int, project, extra string) *report.Report {
		fm := "county: 甲县\ndepartment: 交通运输局\ntype: 项目支出\nyear: " + strconv.Itoa(year) + "\n"
		if project != "" {
			fm += "project: " + project + "\n"
		}
		return parse(t, name, fm+extra)
	}
	whole := parse(t, "w.md", "county: 甲县\ndepartment: 交通运输局\ntype: 整体支出\nyear: 2023\n")
	road := proj("road.md", 2023, "农村公路养护专项资金", "")
	road22 := proj("road22.md", 2022, "农村公路养护专项资金", "")
	hall := proj("hall.md", 2023, "政务服务大厅运维经费", "title: 2023年项目支出绩效自评报告\n")
	plain22 := proj("plain22.md", 2022, "", "")
	// A department whose slug, with 项目支出's, is the other's with a
	// project: the URLs are still told apart.
	odd := parse(t, "odd.md", "county: 甲县\ndepartment: 交通运输局项目政务服务大厅运维经费\ntype: 项目支出\nyear: 2023\n")
	s, err := Assemble([]*report.Report{whole, road, road22, hall, plain22, odd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]*Report{}
	urls := map[string]bool{}
	for _, r := range s.Reports {
		by[r.File] = r
		if urls[r.URL] {
			t.Errorf("URL %s given twice", r.URL)
		}
		urls[r.URL] = true
	}
	for file, want := range map[string]string{
		"w.md":       "report/jia-xian/2023-jiao-tong-yun-shu-ju-zheng-ti.html",
		"plain22.md": "report/jia-xian/2022-jiao-tong-yun-shu-ju-xiang-mu.html",
		"road.md":    "report/jia-xian/2023-jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html",
		"hall.md":    "report/jia-xian/2023-jiao-tong-yun-shu-ju-xiang-mu-zheng-wu-fu-wu-da-ting-yun-wei-jing-fei.html",
	} {
		if got := by[file].URL; got != want {
			t.Errorf("%s: URL %s, want %s", file, got, want)
		}
	}
	if by["odd.md"].URL == by["hall.md"].URL {
		t.Errorf("URLs collide: %s", by["hall.md"].URL)
	}
	if by["road.md"].Prev != by["road22.md"] || by["hall.md"].Prev != nil || by["plain22.md"].Prev != nil {
		t.Errorf("previous years: road %v, hall %v", by["road.md"].Prev, by["hall.md"].Prev)
	}
	c := by["road.md"].County
	if len(c.Reports) != 6 || len(c.Series) != 5 {
		t.Errorf("%d reports in %d series", len(c.Reports), len(c.Series))
	}
	if l := by["hall.md"].Label(); l != "甲县·交通运输局·政务服务大厅运维经费" {
		t.Errorf("label %s", l)
	}
	if h := by["hall.md"].Heading(); h != "甲县：2023年项目支出绩效自评报告（政务服务大厅运维经费）" {
		t.Errorf("heading %s", h)
	}
	if h := by["road.md"].Heading(); h != "甲县交通运输局2023年度农村公路养护专项资金绩效自评报告" {
		t.Errorf("heading %s", h)
	}
	// The same project twice is refused.
	again := proj("again.md", 2023, "农村公路养护专项资金", "")
	if _, err := Assemble([]*report.Report{road, again}, nil); err == nil || !strings.Contains(err.Error(), "road.md:6:1: project: duplicate report: again.md:6 already holds") {
		t.Errorf("duplicate project: %v", err)
	}
}
