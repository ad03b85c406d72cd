package report_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// projectHead is a 项目支出 report's front matter up to its type.
const projectHead = "---\ncounty: 甲县\ndepartment: 交通运输局\nyear: 2023\ntype: 项目支出\n"

// projectInputs are report files that give project:, or a key of that
// name, in the ways the fast path and the YAML parser must read alike.
func projectInputs() map[string][]byte {
	return map[string][]byte{
		"skeleton":       report.ProjectSkeleton("甲县", 2023, "农村公路养护专项资金"),
		"plain":          []byte(projectHead + "project: 农村公路养护专项资金\nspending: {total: 120, project: null}\n---\n正文\n"),
		"quoted":         []byte(projectHead + "project: \"政务服务大厅运维经费\"  # 项目\nscore: 95\n---\n"),
		"null":           []byte(projectHead + "project: null\n---\n"),
		"whole":          []byte("---\ncounty: 甲县\ndepartment: 交通运输局\nyear: 2023\ntype: 整体支出\nproject: 农村公路养护专项资金\n---\n"),
		"after-spending": []byte(projectHead + "spending:\n  total: 120\nproject: 100\n---\n"),
		"both":           []byte(projectHead + "project: 乡村振兴衔接资金\nspending:\n  total: 120\n  project: 100\n---\n"),
		"number":         []byte(projectHead + "project: '1,312万元'\n---\n"),
		"digits":         []byte(projectHead + "project: 1312\n---\n"),
		"digits-spent":   []byte(projectHead + "project: 1312\nspending: {total: 1530.53, project: 1312}\n---\n"),
		"quoted-digits":  []byte(projectHead + "project: \"1312\"\n---\n"),
		"whole-digits":   []byte("---\ncounty: 甲县\ndepartment: 交通运输局\nyear: 2023\ntype: 整体支出\nproject: 1312\n---\n"),
		"list":           []byte(projectHead + "project: [a, b]\n---\n"),
		"invisible":      []byte(projectHead + "project: 农村\u200b公路\n---\n"),
		"long":           []byte(projectHead + "project: " + strings.Repeat("项", 101) + "\n---\n"),
	}
}

func TestProjectKey(t *testing.T) {
	in := projectInputs()
	for _, tc := range []struct {
		name, project, title, err string
	}{
		{"skeleton", "农村公路养护专项资金", "", "department: required key is empty"},
		{"plain", "农村公路养护专项资金", "甲县交通运输局2023年度农村公路养护专项资金绩效自评报告", ""},
		{"quoted", "政务服务大厅运维经费", "", ""},
		{"null", "", "甲县交通运输局2023年度项目支出绩效自评报告", ""},
		{"both", "乡村振兴衔接资金", "", ""},
		{"whole", "", "", "a.md:6:1: project: project: names the project or special fund of a 项目支出 report, and this report's type is 整体支出: delete this line, or, if the report evaluates one project or fund, write type: 项目支出 (project（项目名称）只用于项目支出报告"},
		// An amount after spending's keys is spending's project, not
		// indented. Elsewhere, project: is the name's key, given an
		// amount: likely spending's, out of its mapping, or a project
		// named by a number, which quotes make a name; but when spending
		// gives its project spending, the name is what is wrong.
		{"after-spending", "", "", "a.md:8:1: spending.project: not indented"},
		{"number", "", "", "a.md:6:1: project: this key is the name of the project or special fund a 项目支出 report evaluates (项目名称), not an amount, and 1,312万元 is an amount; if it is the project spending, it belongs in spending: move it into spending, inside its braces ({…}) or indented under it as its other keys (project 填项目或专项资金的名称，不填金额：如果这是项目支出金额，请把它移到 spending 里，写在其花括号内，或在其下缩进书写)"},
		{"digits", "", "", `a.md:6:1: project: this key is the name of the project or special fund a 项目支出 report evaluates (项目名称), not an amount, and 1312 is an amount; if it is the project spending, it belongs in spending: move it into spending, inside its braces ({…}) or indented under it as its other keys; if the project is named by this number, quote it: project: "1312" (project 填项目或专项资金的名称，不填金额：如果这是项目支出金额，请把它移到 spending 里，写在其花括号内，或在其下缩进书写；如果项目名称就是这个数字，请加引号：project: "1312")`},
		{"digits-spent", "", "", "a.md:6:1: project: this key is the name of the project or special fund a 项目支出 report evaluates (项目名称), not an amount, and 1312 is an amount; spending.project gives the project spending already: write the project's name here as the report gives it, or delete this line (project 填项目或专项资金的名称，不填金额；项目支出金额已填在 spending.project：请在这里填写报告中的项目名称，或删除这一行)"},
		{"quoted-digits", "1312", "甲县交通运输局2023年度1312绩效自评报告", ""},
		{"whole-digits", "", "", "and 1312 is an amount; if it is the project spending, it belongs in spending: move it into spending, inside its braces ({…}) or indented under it as its other keys (project"},
		{"list", "", "", "a.md:6:10: project: expected text, got a list"},
		{"invisible", "", "", "project: the invisible character U+200B is not allowed in a name"},
		{"long", "", "", "project: is 101 characters long"},
	} {
		r, err := report.Parse("a.md", in[tc.name])
		if tc.name == "skeleton" {
			if err != nil || r.Project != tc.project || r.Type != report.TypeProject || !r.Draft {
				t.Errorf("%s: %+v, %v", tc.name, r, err)
			} else if err := r.Incomplete(); err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: Incomplete() = %v", tc.name, err)
			}
			continue
		}
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if r.Project != tc.project || tc.title != "" && r.Title != tc.title {
			t.Errorf("%s: project %q, title %q; want %q, %q", tc.name, r.Project, r.Title, tc.project, tc.title)
		}
		if tc.name == "both" && (!r.Spending.Project.Known() || r.Spending.Project.V.String() != "100") {
			t.Errorf("%s: spending.project %v", tc.name, r.Spending.Project)
		}
	}
}

// TestProjectIsPartOfTheID: two project reports of one department and
// year differ by their projects; without project: the ID is as before.
func TestProjectIsPartOfTheID(t *testing.T) {
	a := &report.Report{County: "甲县", Department: "局", Year: 2023, Type: report.TypeProject, Project: "甲项目"}
	b := *a
	b.Project = "乙项目"
	c := *a
	c.Project = ""
	if a.ID() == b.ID() || a.ID() == c.ID() || c.ID() != "甲县||局|2023|项目支出" {
		t.Errorf("IDs %q %q %q", a.ID(), b.ID(), c.ID())
	}
	if a.Kind() != "项目支出：甲项目" || c.Kind() != report.TypeProject {
		t.Errorf("Kind %q %q", a.Kind(), c.Kind())
	}
	a.File, b.File = "a.md", "b.md"
	if msg := report.Duplicate(&b, a).Error(); !strings.Contains(msg, "a project may have one file a year only") || !strings.Contains(msg, "同一项目每年只能有一个文件") {
		t.Errorf("Duplicate: %s", msg)
	}
}
