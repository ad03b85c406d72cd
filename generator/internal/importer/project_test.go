package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestRunWritesProjectReportsApart: two 项目支出 reports of one department
// and year are two drafts, each named with its project and giving it as
// project:, read from the title; a title that names no project leaves
// project: null with a note.
func TestRunWritesProjectReportsApart(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "imported")
	inputs := map[string]string{
		"road.txt": "桃源县交通运输局2023年农村公路养护专项资金绩效自评报告\n\n一、项目概况\n\n2023年农村公路养护专项资金支出合计120.00万元。自评得分95分，评价等级为优。\n",
		"hall.txt": "桃源县交通运输局\n2023年度政务服务大厅运维经费项目支出绩效自评报告\n\n一、项目概况\n\n政务服务大厅运维经费支出合计35.50万元。自评得分92分。\n",
		"bare.txt": "桃源县交通运输局2023年度项目支出绩效自评报告\n\n一、项目概况\n\n专项资金支出合计10.00万元。\n",
		// 专项支出 is the type's other name, as 沅江's report has it.
		"fund.txt": "桃源县财政局2023年度专项支出绩效评价报告\n\n一、项目概况\n\n专项资金支出合计10.00万元。\n",
	}
	var args []string
	for _, name := range []string{"road.txt", "hall.txt", "bare.txt", "fund.txt"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(inputs[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	var stdout, stderr bytes.Buffer
	if err := Run(context.Background(), append([]string{"--out", out}, args...), &stdout, &stderr); err != nil {
		t.Fatalf("Run: %v\n%s", err, stderr.String())
	}
	for file, project := range map[string]string{
		"tao-yuan-xian-jiao-tong-yun-shu-ju-2023-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.md": "农村公路养护专项资金",
		"tao-yuan-xian-jiao-tong-yun-shu-ju-2023-xiang-mu-zheng-wu-fu-wu-da-ting-yun-wei-jing-fei.md":     "政务服务大厅运维经费",
		"tao-yuan-xian-jiao-tong-yun-shu-ju-2023-xiang-mu.md":                                             "",
		"tao-yuan-xian-cai-zheng-ju-2023-xiang-mu.md":                                                     "",
	} {
		department := "交通运输局"
		if strings.Contains(file, "cai-zheng-ju") {
			department = "财政局"
		}
		path := filepath.Join(out, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (wrote %s)", file, err, stdout.String())
			continue
		}
		r, err := report.Parse(path, data)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if r.Type != report.TypeProject || r.Project != project || r.Department != department || r.Year != 2023 {
			t.Errorf("%s: type %s, project %q, department %s, year %d", file, r.Type, r.Project, r.Department, r.Year)
		}
		if project == "" && (!strings.Contains(string(data), "project: null\n") ||
			!strings.Contains(string(data), "项目名称（project）：标题没有写明本报告评价的项目或专项资金")) {
			t.Errorf("%s: no project: null with its note:\n%s", file, data)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 4 {
		t.Errorf("%d drafts, want 4", len(entries))
	}
}
