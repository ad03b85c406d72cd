package build_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// projectSite is a department's 整体支出 report and two of its 项目支出
// reports of one year, each of a project, and one project's report of
// the year before.
const projectSite = `
-- content/whole.md --
---
county: 桃源县
prefecture: 常德市
department: 交通运输局
year: 2023
type: 整体支出
spending: {total: 3000, basic: 500, project: 2500}
score: 95
---
-- content/road-2022.md --
---
county: 桃源县
prefecture: 常德市
department: 交通运输局
year: 2022
type: 项目支出
project: 农村公路养护专项资金
spending: {total: 777.77}
score: 90
---
-- content/road.md --
---
county: 桃源县
prefecture: 常德市
department: 交通运输局
year: 2023
type: 项目支出
project: 农村公路养护专项资金
title: 2023年农村公路养护专项资金绩效自评报告
spending: {total: 800}
score: 92
---
-- content/hall.md --
---
county: 桃源县
prefecture: 常德市
department: 交通运输局
year: 2023
type: 项目支出
project: 政务服务大厅运维经费
title: 2023年度项目支出绩效自评报告
spending: {total: 120.5}
score: 98
---
`

// projectFile returns the file name of projectSite, without the line
// that names it.
func projectFile(name string) string {
	f := strings.SplitAfter(projectSite, "-- content/"+name+" --\n")[1]
	if i := strings.Index(f, "\n-- content/"); i >= 0 {
		f = f[:i+1]
	}
	return f
}

// TestProjectReportsOfOneDepartment: two 项目支出 reports of one
// department and year, with project:, are both published beside the
// department's 整体支出 report, each on its own page, listed on the
// county page and in the lists, and in the downloads with their project
// names; a project report's 上年 is its own project's.
func TestProjectReportsOfOneDepartment(t *testing.T) {
	p := buildtest.New(t, projectSite)
	p.MustBuild()
	buildtest.MustCheckSite(t, p.Out)
	const (
		whole = "report/tao-yuan-xian/2023-jiao-tong-yun-shu-ju-zheng-ti.html"
		road  = "report/tao-yuan-xian/2023-jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html"
		hall  = "report/tao-yuan-xian/2023-jiao-tong-yun-shu-ju-xiang-mu-zheng-wu-fu-wu-da-ting-yun-wei-jing-fei.html"
	)
	mustContain(t, "whole", p.Page(whole), "<h1>桃源县交通运输局2023年度整体支出绩效自评报告</h1>")
	r := p.Page(road)
	mustContain(t, "road", r, "<h1>桃源县：2023年农村公路养护专项资金绩效自评报告</h1>",
		"2023年交通运输局·农村公路养护专项资金</li>", "<dt>项目</dt><dd>农村公路养护专项资金</dd>",
		// Its 上年 is its project's 2022 report.
		"“上年”为2022年同一部门同一项目的报告。", "777.77")
	h := p.Page(hall)
	mustContain(t, "hall", h, "<h1>桃源县：2023年度项目支出绩效自评报告（政务服务大厅运维经费）</h1>",
		"2023年交通运输局·政务服务大厅运维经费</li>")
	if strings.Contains(h, "上年") && strings.Contains(h, "777.77") {
		t.Errorf("the hall's report is compared with the road's previous year")
	}
	c := p.Page("county/tao-yuan-xian.html")
	mustContain(t, "county", c,
		`href="../`+road+`">2023年农村公路养护专项资金绩效自评报告</a>`,
		`href="../`+hall+`">2023年度项目支出绩效自评报告（政务服务大厅运维经费）</a>`,
		`href="../`+whole+`">`,
		"交通运输局 · 项目支出 · 农村公路养护专项资金</h2>", "交通运输局 · 项目支出 · 政务服务大厅运维经费</h2>")
	mustContain(t, "reports", p.Page("reports/index.html"),
		"<td>项目支出：农村公路养护专项资金</td>", "<td>项目支出：政务服务大厅运维经费</td>", "<td>整体支出</td>")
	csv := p.Page("downloads/reports.csv")
	mustContain(t, "reports.csv", csv, "部门,部门类别,年度,类型,项目名称,标题",
		"交通运输局,交通运输,2023,项目支出,农村公路养护专项资金,2023年农村公路养护专项资金绩效自评报告",
		"交通运输局,交通运输,2023,项目支出,政务服务大厅运维经费,2023年度项目支出绩效自评报告",
		"交通运输局,交通运输,2023,整体支出,,")
	js := p.Page("downloads/reports.json")
	mustContain(t, "reports.json", js, `"project": "农村公路养护专项资金"`, `"project": "政务服务大厅运维经费"`, `"project": ""`)
	if !p.Exists("downloads/reports.xlsx") {
		t.Error("no reports.xlsx")
	}
}

// TestProjectReportsRefused: the same project twice in a year, and
// project: on a 整体支出 report, stop the build at the file's line.
func TestProjectReportsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, file, want string
	}{
		{"same project twice", "\n-- content/road-again.md --\n" + projectFile("road.md"), "content/road.md:7:1: project: duplicate report: content/road-again.md:7 already holds 常德市桃源县 交通运输局 2023 项目支出 of the project 农村公路养护专项资金"},
		{"project on 整体支出", `
-- content/whole-2022.md --
---
county: 桃源县
prefecture: 常德市
department: 交通运输局
year: 2022
type: 整体支出
project: 农村公路养护专项资金
---
`, "content/whole-2022.md:7:1: project: project: names the project or special fund of a 项目支出 report, and this report's type is 整体支出"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, projectSite+tc.file)
			_, err := p.Build(build.Config{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("build: %v\nwant %q", err, tc.want)
			}
		})
	}
}

// TestProjectRenamedRebuildsOtherPages: a report's page lists the
// county's other reports with their projects; renaming a project to one
// of the same slug (so the same URL) makes those pages again.
func TestProjectRenamedRebuildsOtherPages(t *testing.T) {
	p := buildtest.New(t, projectSite)
	p.MustBuild()
	const road = "report/tao-yuan-xian/2023-jiao-tong-yun-shu-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html"
	mustContain(t, "road", p.Page(road), "2023年度项目支出绩效自评报告（政务服务大厅运维经费）")
	hall := projectFile("hall.md")
	p.Write("content/hall.md", strings.Replace(hall, "运维经费", "运维经废", 1))
	p.MustBuild()
	mustContain(t, "road", p.Page(road), "2023年度项目支出绩效自评报告（政务服务大厅运维经废）")
}
