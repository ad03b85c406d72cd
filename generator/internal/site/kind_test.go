package site

import (
	"fmt"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestDepartmentKind(t *testing.T) {
	for _, c := range []struct {
		department string
		want       Kind
	}{
		{"文化旅游广电体育局", Kind{"文化旅游", true}},
		{"文化广电和旅游局", Kind{"文化旅游", true}},
		{"文化和旅游局", Kind{"文化旅游", true}},
		{"文旅局", Kind{"文化旅游", true}},
		{"卫生健康局", Kind{"卫生健康", true}},
		{"卫生和计划生育委员会", Kind{"卫生健康", true}},
		{"卫健委", Kind{"卫生健康", true}},
		{"人力资源和社会保障局", Kind{"人力资源社会保障", true}},
		{"人社局", Kind{"人力资源社会保障", true}},
		{"住房和城乡建设局", Kind{"住房城乡建设", true}},
		{"住建局", Kind{"住房城乡建设", true}},
		{"自然资源局", Kind{"自然资源", true}},
		{"自然资源和规划局", Kind{"自然资源", true}},
		{"市场监督管理局", Kind{"市场监管", true}},
		{"市场监管局", Kind{"市场监管", true}},
		{"发展和改革局", Kind{"发展改革", true}},
		{"发改局", Kind{"发展改革", true}},
		{"发展和改革委员会", Kind{"发展改革", true}},
		// The order of the table settles names two kinds' words match.
		{"教育和体育局", Kind{"教育", true}},
		{"教育局", Kind{"教育", true}},
		{"科技和工业信息化局", Kind{"工业信息化", true}},
		{"桃源县财政局", Kind{"财政", true}},
		{"行政审批服务局", Kind{"行政审批", true}},
		{"档案馆", Kind{"档案", true}},
		// Names the table does not know are kinds of their own.
		{"气象局", Kind{"气象局", false}},
		{" 供销合作社联合社 ", Kind{"供销合作社联合社", false}},
	} {
		if got := DepartmentKind(c.department); got != c.want {
			t.Errorf("DepartmentKind(%q) = %+v, want %+v", c.department, got, c.want)
		}
	}
	if l := DepartmentKind("教育局").Label(); l != "教育部门" {
		t.Errorf("label %q", l)
	}
	if l := DepartmentKind("气象局").Label(); l != "气象局" {
		t.Errorf("label %q", l)
	}
}

// Every department of the synthetic corpus is of a kind of the table.
func TestCorpusDepartmentsHaveKinds(t *testing.T) {
	// The names of corpus.departments (the corpus package imports site).
	for _, d := range []string{"行政审批服务局", "财政局", "教育局", "卫生健康局", "民政局", "农业农村局",
		"自然资源局", "住房和城乡建设局", "交通运输局", "水利局", "人力资源和社会保障局", "市场监督管理局",
		"文化旅游广电体育局", "司法局", "统计局", "审计局", "应急管理局", "林业局", "发展和改革局",
		"工业和信息化局", "商务局", "退役军人事务局", "医疗保障局", "城市管理综合执法局", "乡村振兴局",
		"科学技术局", "档案馆", "机关事务服务中心", "融媒体中心"} {
		if !DepartmentKind(d).Known {
			t.Errorf("%s has no kind", d)
		}
	}
}

// repOf returns a report of the department and type.
func repOf(t *testing.T, name, county, department string, year int, typ, extra string) *report.Report {
	t.Helper()
	return parse(t, name, fmt.Sprintf("county: %s\ndepartment: %s\nyear: %d\ntype: %s\n%s", county, department, year, typ, extra))
}

func TestRanksWithinKinds(t *testing.T) {
	mk := func(name, county, department string, year int, typ, extra string) *report.Report {
		return repOf(t, name, county, department, year, typ, extra)
	}
	rs := []*report.Report{
		mk("a.md", "甲县", "教育局", 2021, "整体支出", "spending: {total: 30000}"),
		mk("b.md", "乙县", "教育和体育局", 2021, "整体支出", "spending: {total: 20000}"),
		mk("c.md", "丙县", "教育局", 2021, "整体支出", "spending: {total: 25000}"),
		mk("d.md", "甲县", "档案馆", 2021, "整体支出", "spending: {total: 300}"),
		mk("e.md", "乙县", "文旅局", 2021, "整体支出", "spending: {total: 1800}"),
		mk("f.md", "丙县", "文化广电和旅游局", 2021, "整体支出", "spending: {total: 1500}"),
		mk("g.md", "丁县", "气象局", 2021, "整体支出", "spending: {total: 100}"),
		mk("h.md", "戊县", "气象局", 2021, "整体支出", "spending: {total: 200}"),
		mk("i.md", "甲县", "教育局", 2021, "项目支出", "project: 营养餐\nspending: {total: 500}"),
		mk("j.md", "乙县", "交通运输局", 2021, "项目支出", "project: 公路养护\nspending: {total: 900}"),
		mk("k.md", "丙县", "教育局", 2022, "整体支出", "spending: {total: 26000}"),
	}
	s, err := Assemble(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Rank{}
	peers := map[string]string{}
	for _, r := range s.Reports {
		got[r.File] = r.Rank("total")
		peers[r.File] = r.Peers.Label()
	}
	want := map[string]Rank{
		"a.md": {1, 3, 1}, "c.md": {2, 3, 1}, "b.md": {3, 3, 1},
		"d.md": {1, 1, 1}, // alone in its kind: 仅此1份
		"e.md": {1, 2, 1}, "f.md": {2, 2, 1},
		"h.md": {1, 2, 1}, "g.md": {2, 2, 1},
		// 项目支出 reports rank with their type, whatever the department.
		"j.md": {1, 2, 1}, "i.md": {2, 2, 1},
		"k.md": {1, 1, 1},
	}
	for f, w := range want {
		if got[f] != w {
			t.Errorf("%s: rank %+v, want %+v", f, got[f], w)
		}
	}
	for f, w := range map[string]string{
		"a.md": "2021年各县教育部门的整体支出报告",
		"g.md": "2021年各县气象局的整体支出报告",
		"i.md": "2021年全部项目支出报告",
	} {
		if peers[f] != w {
			t.Errorf("%s: peers %q, want %q", f, peers[f], w)
		}
	}
	var kinds []string
	for _, p := range s.Kinds[2021] {
		kinds = append(kinds, fmt.Sprintf("%s:%s:%d", p.Kind.Name, p.Slug, len(p.Reports)))
	}
	if fmt.Sprint(kinds) != "[档案:dang-an:1 教育:jiao-yu:3 气象局:qi-xiang-ju:2 文化旅游:wen-hua-lu-you:2]" {
		t.Errorf("kinds of 2021: %v", kinds)
	}
	if len(s.Kinds[2022]) != 1 || s.Kinds[2022][0].Slug != "jiao-yu" {
		t.Errorf("kinds of 2022: %+v", s.Kinds[2022])
	}
}
