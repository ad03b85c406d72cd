package report

import (
	"fmt"
	"strconv"
)

// Skeleton returns a new report file for a county and year with every key
// of the format present and empty, marked as a draft until a person fills
// it in and removes draft: true.
func Skeleton(county string, year int) []byte {
	return ProjectSkeleton(county, year, "")
}

// ProjectSkeleton is Skeleton for the 项目支出 report of a project or
// special fund: its type is 项目支出 and project: names it. With project
// "", it is Skeleton.
func ProjectSkeleton(county string, year int, project string) []byte {
	return Blank{County: county, Year: year, Project: project}.Bytes()
}

// Blank names the report of a new report file: its county and year, and,
// when known, its department and the project of a 项目支出 report.
type Blank struct {
	County, Department, Project string
	Year                        int
}

// Bytes returns the new report file of b, as Skeleton, with
// department: filled in when b names the department, and type: 项目支出
// and project: when it names a project.
func (b Blank) Bytes() []byte {
	typ, proj, dept := "null", "null", "null"
	if b.Project != "" {
		typ, proj = TypeProject, strconv.Quote(b.Project)
	}
	if b.Department != "" {
		dept = strconv.Quote(b.Department)
	}
	return fmt.Appendf(nil, `---
# 填写说明：保存为 UTF-8 编码；用空格缩进，不要用 Tab；冒号用半角“:”，后面加一个空格。
# 金额默认以万元为单位（可用 unit 改为 千元 或 元）；数字直接写，如 1530.53，不加千位分隔符和单位。
# 报告写明为零的填 0；报告没有给出的保持 null（未披露），不要用 0 代替。填完后删除 draft: true。
county: %q
adcode: null            # 6位区划代码，加引号，如 "430725"
prefecture: null        # 地市，如 常德市
province: null          # 省份，如 湖南省
department: %s        # 部门，如 行政审批服务局
year: %d
type: %s              # 整体支出 或 项目支出
project: %s           # 项目支出报告所评价的项目或专项资金的名称，如 农村公路养护专项资金；整体支出报告删除这一行或留 null
title: null
published: null         # 发布日期 YYYY-MM-DD
source: null            # 原文链接 https://…
slug: null              # 网址中的县名，一般留空
unit: 万元
spending:
  total: null           # 支出合计
  basic: null           # 基本支出
  project: null         # 项目支出
  personnel: null       # 人员经费
  public: null          # 公用经费
income: null            # 本年收入
sangong:
  total: null           # 三公经费合计
  abroad: null          # 因公出国（境）费
  reception: null       # 公务接待费
  vehicles: null        # 公务用车购置及运行费
  change: null          # 较上年增减（可为负数）
score: null             # 自评得分 0-100
grade: null             # 优、良、中 或 差
staff:
  authorized: null      # 编制人数
  actual: null          # 实有人数
evidence: {}            # 如 spending.total: "报告原句"
draft: true
review: []
discrepancies: []       # 报告自身前后矛盾、上面的数字体现不出的地方，每条一句
derived: []             # 报告没有直接写、由你根据报告中其他数字算出的数字，如 [sangong.total]
---
## 概况

## 资金使用

## 绩效目标与完成情况

## 发现的问题

## 下一步打算
`, b.County, dept, b.Year, typ, proj)
}
