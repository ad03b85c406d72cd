package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// snippet is a piece of a report's text, under a title that gives the
// county, department and year (测试县城市管理局, 2023), with the figures it
// must give: a value, or nil for a figure that must be left out. note is
// text one of the review notes must hold, if not empty.
type snippet struct {
	name string
	text string
	want map[string]any
	note string
}

const snippetTitle = "测试县城市管理局\n2023年度部门整体支出绩效自评报告\n\n"

func runSnippets(t *testing.T, cases []snippet) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := c.text
			if !strings.Contains(text, "报告") {
				text = snippetTitle + text
			}
			d := Extract(c.name+".txt", text)
			checkDraft(t, d)
			got := draftJSON(t, d)
			for k, w := range c.want {
				if got[k] != w {
					t.Errorf("%s = %v, want %v", k, got[k], w)
				}
			}
			notes := strings.Join(d.Review, "\n")
			if c.note != "" && !strings.Contains(notes, c.note) {
				t.Errorf("no review note says %q", c.note)
			}
			if t.Failed() {
				t.Logf("review notes:\n  %s", strings.Join(d.Review, "\n  "))
			}
		})
	}
}

// TestOtherYearFigures: a marker of another year (上年, 去年, 上年度, 2022年)
// covers the figures after it in its sentence, of every kind, until a marker
// of the report's year; comparisons, balances brought forward and markers in
// closed brackets do not.
func TestOtherYearFigures(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "score-prior-sentence", text: "上年度自评得分为89分。经自评，我局2023年部门整体支出绩效得分为95分，等级为优。",
			want: map[string]any{"self_score": "95", "grade": "优"}},
		{name: "score-prior", text: "上年度自评得分为89分。", want: map[string]any{"self_score": nil}, note: "自评得分（score）：报告中的数是上一年度"},
		{name: "score-last-year", text: "上年自评得分为89分。", want: map[string]any{"self_score": nil}},
		{name: "score-2022", text: "2022年自评得分为89分。", want: map[string]any{"self_score": nil}},
		{name: "score-qunian", text: "去年自评得分为89分。", want: map[string]any{"self_score": nil}},
		{name: "score-restart", text: "上一年度绩效评价得分89分，本年度绩效评价得分95分。", want: map[string]any{"self_score": "95"}},
		{name: "score-years", text: "我局2022年度整体支出绩效自评得分为89分，2023年度为95分。", want: map[string]any{"self_score": nil}},
		{name: "score-bracket", text: "经自评，我局2023年度部门整体支出绩效得分95分（上年为89分），等级为优。",
			want: map[string]any{"self_score": "95", "grade": "优"}},
		{name: "grade-prior", text: "上年度评价等级为良。", want: map[string]any{"grade": nil}, note: "等级"},
		{name: "grade-2022", text: "2022年度绩效评价等级为良。", want: map[string]any{"grade": nil}},
		{name: "grade-2022-after", text: "经自评，2023年度绩效得分95分。2022年度绩效评价等级为良。", want: map[string]any{"self_score": "95", "grade": nil}},
		{name: "sangong-prior", text: "上年度“三公”经费支出6.02万元，其中公务接待费1.50万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil}, note: "公务接待费（sangong.reception）：报告中的数是上一年度"},
		{name: "sangong-prior-list", text: "上年度三公经费6.02万元，公务接待费1.50万元，公务用车运行维护费4.52万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil, "sangong_vehicles": nil}},
		{name: "sangong-both", text: "2023年“三公”经费支出5.36万元，其中公务接待费1.06万元、公务用车运行维护费4.30万元。上年度“三公”经费支出6.02万元，其中公务接待费1.50万元、公务用车运行维护费4.52万元。",
			want: map[string]any{"sangong_total": "5.36", "sangong_reception": "1.06", "sangong_vehicles": "4.3"}},
		{name: "spending-prior", text: "上年基本支出700.00万元，项目支出1,300.00万元。", want: map[string]any{"basic_spending": nil, "project_spending": nil}},
		{name: "spending-qunian", text: "去年基本支出700.00万元，项目支出1,300.00万元，人员经费600.00万元。",
			want: map[string]any{"basic_spending": nil, "project_spending": nil, "personnel_spending": nil}},
		{name: "spending-prior-colon", text: "上年决算数：支出合计2,098.61万元，基本支出700.00万元。", want: map[string]any{"total_spending": nil, "basic_spending": nil}},
		{name: "income-prior", text: "上年收入合计2,210.15万元，支出合计2,098.61万元。", want: map[string]any{"budget_income": nil, "total_spending": nil}},
		{name: "spending-then-prior", text: "2023年度本年支出合计2,377.04万元，基本支出812.55万元。上年决算数：支出合计2,098.61万元，基本支出700.00万元。",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55"}},
		{name: "spending-restart", text: "上年基本支出700.00万元，本年基本支出812.55万元。", want: map[string]any{"basic_spending": "812.55"}},
		{name: "carried-over", text: "2023年本年收入2,401.22万元，上年结转55.58万元，收入总计2,456.80万元。其中基本支出812.55万元。",
			want: map[string]any{"budget_income": "2401.22", "basic_spending": "812.55"}},
		{name: "staff-prior", text: "上年实有人数59人，编制62人。", want: map[string]any{"staff_actual": nil, "staff_authorized": nil}},
		{name: "staff-then-prior", text: "年末实有人数57人。上年实有人数59人，编制62人。", want: map[string]any{"staff_actual": "57", "staff_authorized": nil}},
		{name: "staff-comparison", text: "年末实有人数57人，比上年减少2人，编制62人。", want: map[string]any{"staff_actual": "57", "staff_authorized": "62"}},
		{name: "title-of-a-notice", text: "根据《关于做好上年度部门决算工作的通知》要求，我局支出合计2,377.04万元。",
			want: map[string]any{"total_spending": "2377.04"}},
		{name: "lower-than-last-year", text: "2023年三公经费5.36万元，低于上年水平，其中公务接待费1.06万元。",
			want: map[string]any{"sangong_total": "5.36", "sangong_reception": "1.06"}},
		{name: "sangong-comparison", text: "2023年三公经费5.36万元，比上年减少0.66万元，其中公务接待费1.06万元。",
			want: map[string]any{"sangong_total": "5.36", "sangong_prev_year_change": "-0.66", "sangong_reception": "1.06"}},
	})
}

// TestColonAfterLabel: a colon between a label and its figure does not stop
// the reading.
func TestColonAfterLabel(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "total", text: "本年支出合计：2,377.04万元。", want: map[string]any{"total_spending": "2377.04"}},
		{name: "lines", text: "本年支出合计：2,377.04万元\n基本支出：812.55万元\n项目支出：1,564.49万元",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55", "project_spending": "1564.49"}},
		{name: "numbered", text: "1.本年支出合计：2,377.04万元\n2.基本支出：812.55万元",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55"}},
		{name: "sub-items", text: "支出合计：2,377.04万元，其中基本支出：812.55万元，项目支出：1,564.49万元。",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55", "project_spending": "1564.49"}},
		{name: "staff", text: "我局编制数：62名；实有人数：57名。", want: map[string]any{"staff_authorized": "62", "staff_actual": "57"}},
		{name: "staff-subtypes", text: "我局编制数：62名（行政编制48名，事业编制14名）；实有人数：57名，另有退休人员33名。",
			want: map[string]any{"staff_authorized": "62", "staff_actual": "57"}},
		{name: "score", text: "经自评，我局2023年部门整体支出绩效得分：95，等级为优。", want: map[string]any{"self_score": "95", "grade": "优"}},
		{name: "score-and-grade", text: "本年自评得分：88，等级：良。", want: map[string]any{"self_score": "88", "grade": "良"}},
		{name: "score-no-colon", text: "自评得分为95，等级为优。", want: map[string]any{"self_score": nil, "grade": "优"}},
		{name: "score-rate", text: "自评得分：95%，等级为优。", want: map[string]any{"self_score": nil}},
		// Under a point: the build refuses it as a share (FuzzExtract
		// found a draft that did not parse).
		{name: "score-under-a-point", text: "经自评，我局2023年部门整体支出绩效得分0.97分，等级为优。",
			want: map[string]any{"self_score": nil, "grade": "优"}, note: "自评得分（score）：报告写的是 0.97 分"},
	})
}

// TestBracketedSubItems: figures listed in brackets keep their labels.
func TestBracketedSubItems(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "personnel", text: "其中基本支出812.55万元（人员经费701.30万元、公用经费111.25万元），项目支出1,564.49万元。",
			want: map[string]any{"basic_spending": "812.55", "personnel_spending": "701.3", "public_spending": "111.25", "project_spending": "1564.49"}},
		{name: "subtypes-note", text: "我局核定编制（行政编制48名，事业编制14名），实有人数57名。",
			want: map[string]any{"staff_authorized": nil}, note: "报告只分类列出了编制（行政编制 48、事业编制 14）"},
	})
}

// TestStatedZero: a 三公 item the report says was nothing is 0, not left
// out (which the site would show as 未披露).
func TestStatedZero(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "abroad-none", text: "2023年三公经费5.36万元，其中公务接待费1.06万元，公务用车运行维护费4.30万元，因公出国（境）费无。",
			want: map[string]any{"sangong_travel_abroad": "0", "sangong_total": "5.36"}},
		{name: "abroad-not-spent", text: "2023年三公经费5.36万元，因公出国（境）费用未发生。", want: map[string]any{"sangong_travel_abroad": "0"}},
		{name: "total-none", text: "三公经费：无。", want: map[string]any{"sangong_total": "0", "sangong_travel_abroad": "0", "sangong_reception": "0", "sangong_vehicles": "0"}},
		{name: "total-none-item", text: "三公经费：无。公务接待费0.20万元。", want: map[string]any{"sangong_total": "0", "sangong_reception": "0.2"},
			note: "公务接待费（sangong.reception）：填了 0.2万元；报告另有 0万元"},
		{name: "total-none-numbered", text: "3.“三公”经费：无。", want: map[string]any{"sangong_total": "0"}},
		{name: "not-a-zero", text: "公务接待费无超标情况。", want: map[string]any{"sangong_reception": nil}},
		{name: "prior-zero", text: "上年因公出国（境）费用未发生。", want: map[string]any{"sangong_travel_abroad": nil}},
	})
}

// TestProjectSpending: in a project's report, what the project spent is the
// report's total, however it is worded, and the department is the one its
// 主管部门 field names.
func TestProjectSpending(t *testing.T) {
	const title = "测试县2022年农村公路养护项目支出绩效自评报告\n\n项目主管部门：测试县交通运输局\n\n"
	runSnippets(t, []snippet{
		{name: "actual", text: title + "项目预算资金800万元，全年实际支出752.36万元，预算执行率94.05%。",
			want: map[string]any{"total_spending": "752.36", "department": "交通运输局", "report_type": ReportTypeProject}},
		{name: "spent", text: title + "项目资金800万元，已支出752.36万元。", want: map[string]any{"total_spending": "752.36"}},
		{name: "project-spending", text: title + "项目支出752.36万元。", want: map[string]any{"total_spending": "752.36"}},
		{name: "executed", text: title + "本项目年初预算800万元，全年预算数800万元，执行数752.36万元，执行率94.05%。",
			want: map[string]any{"total_spending": "752.36"}},
		{name: "used", text: title + "本项目到位资金800万元，实际使用资金752.36万元。",
			want: map[string]any{"total_spending": "752.36", "budget_income": "800"}},
		{name: "fund-spending", text: title + "截至2022年12月31日，项目资金支出752.36万元，结余47.64万元。", want: map[string]any{"total_spending": "752.36"}},
		{name: "project-actual", text: title + "2021年该项目实际支出612.00万元。截至2022年12月31日，项目实际支出752.36万元，预算执行率94.05%。",
			want: map[string]any{"total_spending": "752.36"}},
		{name: "field-next-line", text: "测试县2022年农村公路养护项目支出绩效自评报告\n\n主管部门\n测试县交通运输局\n\n项目实际支出752.36万元。",
			want: map[string]any{"department": "交通运输局"}},
		{name: "other-county", text: "测试县2022年农村公路养护项目支出绩效自评报告\n\n项目主管部门：甲县交通运输局\n\n项目实际支出752.36万元。",
			want: map[string]any{"department": nil}},
		{name: "department-figures", text: title + "我局2022年部门支出合计3,286.40万元，其中项目支出2,512.75万元，本项目为其中一项。全年实际支出218.50万元，执行率95.00%。",
			want: map[string]any{"total_spending": "218.5", "project_spending": nil}, note: "不是本项目的"},
		{name: "department-income", text: title + "本部门2022年部门收入合计3,300.00万元。项目资金到位230.00万元，已支出218.50万元。",
			want: map[string]any{"total_spending": "218.5", "budget_income": "230"}},
	})
}

// TestTextTables: a table pasted as text, a row per line with its cells
// separated by tabs or aligned with spaces, is read as a table: a label and
// an amount in the table's unit; with several columns of amounts, only
// when the header names the column of the report's year without doubt.
func TestTextTables(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "tabs", text: "2023年度部门支出情况（单位：万元）\n本年支出合计\t2,377.04\n基本支出\t812.55\n项目支出\t1,564.49\n",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55", "project_spending": "1564.49"}},
		{name: "spaces", text: "单位：万元\n本年支出合计    2,377.04\n基本支出        812.55\n项目支出        1,564.49\n",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55", "project_spending": "1564.49"}},
		{name: "no-unit", text: "本年支出合计\t2,377.04\n基本支出\t812.55\n",
			want: map[string]any{"total_spending": nil, "basic_spending": nil}, note: "金额没有写单位"},
		{name: "table-then-prior", text: "2023年度部门支出情况如下（单位：万元）：\n项目\t金额\n本年支出合计\t2,377.04\n基本支出\t812.55\n项目支出\t1,564.49\n\n与上年相比，上年基本支出700.00万元，项目支出1,300.00万元。",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55", "project_spending": "1564.49"}},
		{name: "this-year-column", text: "单位：元\n项目\t本年数\t上年数\n本年支出合计\t20,987,530.64\t19,512,004.88\n基本支出\t14,203,118.92\t13,870,455.10\n",
			want: map[string]any{"total_spending": "2098.753064", "basic_spending": "1420.311892"}},
		{name: "prior-column-first", text: "编制单位：测试县城市管理局                单位：元\n项目                   上年决算数          本年决算数\n本年支出合计         9,802,117.90      10,298,455.27\n  基本支出           3,401,883.22       3,560,912.07\n",
			want: map[string]any{"total_spending": "1029.845527", "basic_spending": "356.091207"}},
		{name: "year-columns", text: "单位：元\n项目\t2023年决算数\t2022年决算数\t增减率\n本年支出合计\t20,987,530.64\t19,512,004.88\t7.56%\n",
			want: map[string]any{"total_spending": "2098.753064"}},
		{name: "two-years-neither", text: "单位：元\n项目\t2021年\t2022年\n本年支出合计\t20,987,530.64\t19,512,004.88\n",
			want: map[string]any{"total_spending": nil}},
		{name: "two-own-columns", text: "单位：元\n项目\t决算数\t本年数\n本年支出合计\t20,987,530.64\t19,512,004.88\n",
			want: map[string]any{"total_spending": nil}},
		{name: "unknown-column", text: "单位：元\n项目\t本年数\t调整数\n本年支出合计\t20,987,530.64\t19,512,004.88\n",
			want: map[string]any{"total_spending": nil}},
		{name: "budget-and-actual", text: "2023年“三公”经费预算与决算对比（单位：万元）\n项目\t预算数\t决算数\t增减\n合计\t10.00\t7.42\t-2.58\n因公出国（境）费\t0.00\t0.00\t0.00\n公务用车购置及运行维护费\t6.00\t5.10\t-0.90\n公务接待费\t4.00\t2.32\t-1.68\n",
			want: map[string]any{"sangong_total": "7.42", "sangong_travel_abroad": "0", "sangong_vehicles": "5.1", "sangong_reception": "2.32", "total_spending": nil}},
		{name: "prose-with-spaces", text: "本年支出合计  2,377.04万元，较上年有所增长。\n基本支出  812.55万元。",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "812.55"}},
	})
}

// TestCellTableColumns: a table read from HTML or .docx, one cell per line,
// follows the same rule for its columns.
func TestCellTableColumns(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "this-year-first", text: "单位：元\n\t项目\n\t本年数\n\t上年数\n\n\t本年支出合计\n\t20,987,530.64\n\t19,512,004.88\n\n\t基本支出\n\t14,203,118.92\n\t13,870,455.10\n\n",
			want: map[string]any{"total_spending": "2098.753064", "basic_spending": "1420.311892"}},
		{name: "year-named", text: "单位：万元\n\t项目\n\t2023年\n\t2022年\n\t增减额\n\n\t支出合计\n\t5,820.46\n\t6,102.33\n\t-281.87\n\n",
			want: map[string]any{"total_spending": "5820.46"}},
		{name: "two-row-header", text: "单位：万元\n\t项目\n\t2022年\n\t\n\t2023年\n\t\n\n\t\n\t预算数\n\t决算数\n\t预算数\n\t决算数\n\n\t支出合计\n\t6,300.00\n\t6,102.33\n\t6,000.00\n\t5,820.46\n\n",
			want: map[string]any{"total_spending": "5820.46"}},
		{name: "two-row-header-unclear", text: "单位：万元\n\t项目\n\t2023年\n\t\n\t\n\t\n\n\t\n\t预算数\n\t决算数\n\t预算数\n\t决算数\n\n\t支出合计\n\t6,300.00\n\t6,102.33\n\t6,000.00\n\t5,820.46\n\n",
			want: map[string]any{"total_spending": nil}},
		{name: "several-years", text: "单位：万元\n\t项目\n\t2022年\n\t2021年\n\n\t支出合计\n\t5,820.46\n\t6,102.33\n\n",
			want: map[string]any{"total_spending": nil}},
	})
}

// TestThisYearInLabel: 本年 between a figure's name and 支出 is the report's
// year; the previous year's figure after it is not read; a total not read is
// not said to be missing from the report.
func TestThisYearInLabel(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "sangong", text: "三公经费本年支出 27,300.00 元，上年 31,450.00 元。其中公务接待费 6,100.00 元，公务用车运行维护费 21,200.00 元，出国费用 0 元。",
			want: map[string]any{"sangong_total": "2.73", "sangong_reception": "0.61", "sangong_vehicles": "2.12", "sangong_travel_abroad": "0"}},
		{name: "unread-total", text: "三公经费总体较少。公务接待费0.61万元，公务用车运行维护费2.12万元，因公出国（境）费0万元。",
			want: map[string]any{"sangong_total": nil}, note: "三公经费合计（sangong.total）：没有读出，三项之和为 2.73万元"},
	})
}

// TestTableColumnEvidence: an amount read from one of several columns says
// which in its evidence.
func TestTableColumnEvidence(t *testing.T) {
	d := Extract("t.txt", snippetTitle+"单位：元\n项目\t上年数\t本年数\n本年支出合计\t19,512,004.88\t20,987,530.64\n")
	if want := "本年支出合计 20,987,530.64（元，本年数）"; d.Spending.Total.Evidence != want {
		t.Errorf("evidence %q, want %q", d.Spending.Total.Evidence, want)
	}
}

// TestSangongChangeNextSentence: a sentence that is only a change against
// the year before, after one that opens with the total of 三公经费, is the
// total's change.
func TestSangongChangeNextSentence(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "after-total", text: "2023年三公经费支出合计186,420.00元，其中公务接待费44,120.00元，因公出国（境）费用未发生。较上年减少23,580.00元，下降11.23%。",
			want: map[string]any{"sangong_total": "18.642", "sangong_prev_year_change": "-2.358"}},
		{name: "thousands", text: "2023年三公经费支出合计186,420.00元，比上年减少23,580.00元。",
			want: map[string]any{"sangong_prev_year_change": "-2.358"}},
		{name: "after-item", text: "2023年公务接待费44,120.00元，三公经费支出合计186,420.00元。较上年减少23,580.00元。",
			want: map[string]any{"sangong_prev_year_change": nil}},
		{name: "other-paragraph", text: "2023年三公经费支出合计186,420.00元。\n较上年减少23,580.00元。",
			want: map[string]any{"sangong_prev_year_change": nil}},
	})
}

// TestStaffTables: a staff table by kind of post gives its total: the 合计
// column when its rows are 编制人数 and 在职人数, the 合计 row when these
// are its columns; the evidence names the column or row read; without a
// total, nothing is read and the reviewer is told.
func TestStaffTables(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "rows", text: "单位：人\n项目\t行政\t事业\t合计\n编制人数\t16\t35\t51\n在职人数\t15\t31\t46\n退休人数\t6\t18\t24\n",
			want: map[string]any{"staff_authorized": "51", "staff_actual": "46"}},
		{name: "columns", text: "人员情况表（单位：人）\n人员类别\t编制人数\t在职人数\t退休人数\n行政\t22\t20\t9\n事业\t42\t39\t22\n合计\t64\t59\t31\n",
			want: map[string]any{"staff_authorized": "64", "staff_actual": "59"}},
		{name: "rows-no-total", text: "单位：人\n项目\t行政\t事业\n编制人数\t16\t35\n在职人数\t15\t31\n",
			want: map[string]any{"staff_authorized": nil, "staff_actual": nil}, note: "没有合计列"},
		{name: "columns-no-total", text: "单位：人\n人员类别\t编制人数\t在职人数\n行政\t22\t20\n事业\t42\t39\n",
			want: map[string]any{"staff_authorized": nil, "staff_actual": nil}, note: "没有合计行"},
		{name: "one-value", text: "编制人数\t16\n在职人数\t15\n",
			want: map[string]any{"staff_authorized": "16", "staff_actual": "15"}},
		{name: "years", text: "本局编制人数与实有人数如下：\n项目\t2022年\t2023年\n编制人数\t15\t16\n实有人数\t13\t14\n",
			want: map[string]any{"staff_authorized": "16", "staff_actual": "14"}},
		{name: "years-other", text: "本局编制人数与实有人数如下：\n项目\t2021年\t2022年\n编制人数\t15\t16\n实有人数\t13\t14\n",
			want: map[string]any{"staff_authorized": nil, "staff_actual": nil}},
		{name: "years-and-kinds", text: "单位：人\n项目\t2023年\t行政\n编制人数\t16\t10\n实有人数\t14\t9\n",
			want: map[string]any{"staff_authorized": nil, "staff_actual": nil}},
	})
	d := Extract("t.txt", snippetTitle+"单位：人\n项目\t行政\t事业\t合计\n编制人数\t16\t35\t51\n在职人数\t15\t31\t46\n")
	if want := "编制人数 51（合计）"; d.Staff.Authorized.Evidence != want {
		t.Errorf("evidence %q, want %q", d.Staff.Authorized.Evidence, want)
	}
	d = Extract("t.txt", snippetTitle+"单位：人\n人员类别\t编制人数\t在职人数\n行政\t22\t20\n事业\t42\t39\n合计\t64\t59\n")
	if want := "合计 59（在职人数）"; d.Staff.Actual.Evidence != want {
		t.Errorf("evidence %q, want %q", d.Staff.Actual.Evidence, want)
	}
}

// TestCarefulReader: figures a careful reader takes that the first rules
// left out, and the traps beside them.
func TestCarefulReader(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "total-over-grand-total", text: "2023年度本年支出合计1,198.35万元，结余分配0万元，年末结转和结余122.35万元，支出总计1,320.70万元。",
			want: map[string]any{"total_spending": "1198.35"}, note: "含年末结转和结余 122.35万元"},
		{name: "score-compared", text: "经自评，我局2023年度部门整体支出绩效自评得分为91分，较上年自评得分88分提高3分，评价等级为优。",
			want: map[string]any{"self_score": "91", "grade": "优"}},
		{name: "unit-under-table", text: "项目\t本年决算数\t上年决算数\n支出合计\t2,160.00\t2,011.08\n基本支出\t1,682.04\t1,590.21\n注：金额单位为万元。\n",
			want: map[string]any{"total_spending": "2160", "basic_spending": "1682.04"}},
		{name: "system-staff", text: "全系统编制人数1,286人，实有在职人数1,254人。", want: map[string]any{"staff_authorized": "1286", "staff_actual": "1254"}},
		{name: "system-staff-and-own", text: "全系统编制人数1,286人。本局编制人数20人，在职人员18人。", want: map[string]any{"staff_authorized": "20", "staff_actual": "18"}},
		{name: "system-staff-and-kind", text: "全系统编制人数1,286人。局机关行政编制20人。", want: map[string]any{"staff_authorized": "20"}},
		{name: "one-kind-of-post", text: "核定政法专项编制28名，实有在职干警26名。",
			want: map[string]any{"staff_authorized": "28", "staff_actual": "26"}, note: "只列出了一类编制"},
		{name: "two-kinds-of-post", text: "本单位行政编制8人，事业编制12人，实有在编在岗人员18人。",
			want: map[string]any{"staff_authorized": nil, "staff_actual": "18"}, note: "没有合计"},
		{name: "change-after-items", text: "2023年“三公”经费支出5.95万元，其中公务接待费1.25万元，公务用车运行维护费4.70万元，无因公出国（境）费用，比上年减少0.85万元。",
			want: map[string]any{"sangong_total": "5.95", "sangong_prev_year_change": "-0.85"}},
		{name: "change-of-item", text: "2023年“三公”经费支出5.95万元，其中公务接待费1.25万元，比上年减少0.85万元。",
			want: map[string]any{"sangong_prev_year_change": nil}},
		{name: "all-one-item", text: "“三公”经费0.98万元，全部为公务接待费。",
			want: map[string]any{"sangong_total": "0.98", "sangong_reception": "0.98", "sangong_travel_abroad": "0", "sangong_vehicles": "0"}},
		{name: "none-of-list", text: "本部门2023年度无因公出国（境）费用、公务接待费和公务用车购置及运行维护费支出，“三公”经费支出为0万元。",
			want: map[string]any{"sangong_total": "0", "sangong_travel_abroad": "0", "sangong_reception": "0", "sangong_vehicles": "0"}},
		{name: "none-then-amount", text: "本年无因公出国（境）费用、公务接待费1.20万元。",
			want: map[string]any{"sangong_travel_abroad": "0", "sangong_reception": "1.2"}},
		{name: "grade-rated", text: "经综合评价，本部门2023年度整体支出绩效评定为“优秀”等次。", want: map[string]any{"grade": "优"}},
		{name: "rated-not-grade", text: "经综合评价，本部门2023年度被评定为优秀单位。", want: map[string]any{"grade": nil}},
		{name: "self-rated", text: "评价等级分为优、良、中、差四个等级，本部门自评为良。", want: map[string]any{"grade": "良"}},
		{name: "self-rated-good", text: "经评价，本部门自评为良好。", want: map[string]any{"grade": "良"}},
		{name: "self-rated-project", text: "本部门自评为优。其中农村公路养护项目自评为良。", want: map[string]any{"grade": "优"}},
		{name: "self-rated-indicator", text: "产出指标自评为良。", want: map[string]any{"grade": nil}},
		{name: "self-rated-other-year", text: "2022年度本部门自评为良。", want: map[string]any{"grade": nil}},
	})
}

// TestPublished: the publication date is read from a page's 发布时间 or
// 发布日期, or from the date that signs the report after the signing unit,
// only when it is after the end of the report's year; a review note quotes
// where it was read.
func TestPublished(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"signed", "经自评，得分95分。\n\n测试县城市管理局\n2024年5月8日\n", "2024-05-08"},
		{"signed-spaced", "经自评，得分95分。\n\n测试县城市管理局\n\n2024 年 4 月 30 日\n", "2024-04-30"},
		{"signed-chinese", "经自评，得分95分。\n\n测试县城市管理局\n二〇二四年三月二十日\n", "2024-03-20"},
		{"posted", "发布日期：2024-05-20 来源：测试县城市管理局\n经自评，得分95分。\n", "2024-05-20"},
		{"posted-chinese", "发布时间：2024年5月20日\n经自评，得分95分。\n", "2024-05-20"},
		{"in-the-year", "经自评，得分95分。\n\n测试县城市管理局\n2023年12月8日\n", ""},
		{"no-unit", "经自评，得分95分。\n2024年5月8日\n", ""},
		{"not-a-date", "经自评，得分95分。\n\n测试县城市管理局\n2024年2月30日\n", ""},
		{"not-at-the-end", "测试县城市管理局\n2024年5月8日\n" + strings.Repeat("经自评，得分95分。\n", 10), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := Extract(c.name+".txt", snippetTitle+c.text)
			checkDraft(t, d)
			if d.Published.V != c.want || d.Published.OK != (c.want != "") {
				t.Errorf("published = %q (%v), want %q", d.Published.V, d.Published.OK, c.want)
			}
			md := string(d.Markdown())
			if c.want != "" && (!strings.Contains(md, "\npublished: "+c.want+"\n") || !strings.Contains(strings.Join(d.Review, "\n"), "发布日期（published）："+c.want)) {
				t.Errorf("the draft does not give published: %s with a note:\n%s", c.want, md)
			}
		})
	}
	d := Extract("a.txt", "测试县城市管理局2023年度部门整体支出绩效自评报告\n\n经自评，得分95分。\n")
	if d.Published.OK {
		t.Errorf("published = %q without a date", d.Published.V)
	}
	// A page's 发布时间 above its article.
	in := filepath.Join("testdata", "review2_09_chishuiling_project_page.html")
	doc, err := ReadFile(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if d := Extract(in, doc.Text); d.Published.V != "2024-05-08" {
		t.Errorf("%s: published = %q, want 2024-05-08", in, d.Published.V)
	}
}

// TestGroupedThousands: spaces (plain, thin or no-break) that group an
// amount's thousands are read as such only where they cannot part two
// numbers: after the label and before the unit, or in a table cell of
// its own, in a row as wide as its table's.
func TestGroupedThousands(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "plain", text: "本年支出合计1 234 567.89元。", want: map[string]any{"total_spending": "123.456789"}},
		{name: "thin", text: "本年支出合计3\u2009402.15万元。", want: map[string]any{"total_spending": "3402.15"}},
		{name: "narrow-nbsp", text: "本年支出合计3\u202f402.15万元，其中基本支出1\u00a0012.36 万元。",
			want: map[string]any{"total_spending": "3402.15", "basic_spending": "1012.36"}},
		{name: "spaced-label", text: "本年支出合计 3 402.15 万元。", want: map[string]any{"total_spending": "3402.15"}},
		{name: "bad-groups", text: "本年支出合计34 02.15万元。", want: map[string]any{"total_spending": nil}},
		{name: "after-a-number", text: "本年支出合计12 3 402.15万元。", want: map[string]any{"total_spending": nil}},
		{name: "no-unit", text: "本年支出合计3 402.15。", want: map[string]any{"total_spending": nil}},
		{name: "cell", text: "单位：元\n\t本年支出合计\n\t1 234 567.89\n\n", want: map[string]any{"total_spending": "123.456789"}},
		{name: "cell-bad-groups", text: "单位：元\n\t本年支出合计\n\t12 34\n\n", want: map[string]any{"total_spending": nil}},
		{name: "staff", text: "本部门核定编制1 236人[1]，实有在编人员1 198名。", want: map[string]any{"staff_authorized": "1236", "staff_actual": "1198"}},
		{name: "staff-bad-groups", text: "本部门核定编制12 36人，实有在编人员11 98人。", want: map[string]any{"staff_authorized": nil, "staff_actual": nil}},
	})
}

// TestFootnoteMarkers: a footnote's marker ([1], ①, ¹) after a figure or
// its label neither stops the figure being read nor becomes part of it.
func TestFootnoteMarkers(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "after-amount", text: "本年支出合计2,377.04万元[1]，其中基本支出1,602.50万元①。",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "1602.5"}},
		{name: "after-label", text: "公务接待费[2]3.5万元，公务用车运行维护费②4.5万元，因公出国（境）费¹0万元。",
			want: map[string]any{"sangong_reception": "3.5", "sangong_vehicles": "4.5", "sangong_travel_abroad": "0"}},
		{name: "before-colon", text: "本年支出合计【1】：2,377.04万元。", want: map[string]any{"total_spending": "2377.04"}},
		{name: "cells", text: "单位：万元\n\t本年支出合计[1]\n\t2,377.04\n\n\t基本支出\n\t1,602.50②\n\n",
			want: map[string]any{"total_spending": "2377.04", "basic_spending": "1602.5"}},
		{name: "list-marker", text: "支出情况：①基本支出1,602.50万元；②项目支出774.54万元。",
			want: map[string]any{"basic_spending": "1602.5", "project_spending": "774.54"}},
	})
}

// TestYearRows: a table whose rows are years gives the figures of the
// report's year's row only, and none when it has no such row.
func TestYearRows(t *testing.T) {
	table := "“三公”经费支出情况（单位：万元）\n" +
		"年度          因公出国（境）费    公务接待费    公务用车购置及运行费    合计\n" +
		"2023年        0.00                3.26          7.95                    11.21\n" +
		"2022年        0.00                4.12          8.30                    12.42\n"
	runSnippets(t, []snippet{
		{name: "layout", text: table, want: map[string]any{"sangong_total": "11.21", "sangong_reception": "3.26", "sangong_vehicles": "7.95", "sangong_travel_abroad": "0",
			"sangong_prev_year_change": "-1.21"}},
		{name: "budget-row", text: strings.Replace(table, "2022年 ", "2023年预算", 1),
			want: map[string]any{"sangong_total": "11.21", "sangong_prev_year_change": nil}},
		{name: "change-column", text: "“三公”经费支出情况（单位：万元）\n" +
			"年度          公务接待费    合计     比上年增减\n" +
			"2023年        3.26          11.21    -1.21\n" +
			"2022年        4.12          12.42    0.00\n",
			want: map[string]any{"sangong_total": "11.21", "sangong_prev_year_change": nil}},
		{name: "no-row", text: "测试县城市管理局\n2024年度部门整体支出绩效自评报告\n\n" + table,
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil, "sangong_vehicles": nil, "sangong_travel_abroad": nil}},
	})
}

// TestSangongChangeColumns: a 三公 table with the totals of the report's
// year and the year before, each column named by its year, and no column
// of changes, gives the change as their difference; without a column named
// by the year before, with a column of changes, or against a sentence that
// says another change, none is taken.
func TestSangongChangeColumns(t *testing.T) {
	table := func(head, total string) string {
		return "三、“三公”经费情况（单位：万元）\n\t项目\n" + head + "\n\t合计\n" + total + "\n\t公务接待费\n\t1.80\n\t2.30\n\n"
	}
	runSnippets(t, []snippet{
		{name: "years", text: table("\t2023年\n\t2022年\n", "\t7.80\n\t9.10\n"),
			want: map[string]any{"sangong_total": "7.8", "sangong_prev_year_change": "-1.3"}},
		{name: "rise", text: table("\t2022年决算数\n\t2023年决算数\n", "\t7.80\n\t9.10\n"),
			want: map[string]any{"sangong_total": "9.1", "sangong_prev_year_change": "1.3"}},
		{name: "this-and-last", text: table("\t本年数\n\t上年数\n", "\t7.80\n\t9.10\n"),
			want: map[string]any{"sangong_total": "7.8", "sangong_prev_year_change": nil}},
		{name: "budget", text: table("\t2023年预算数\n\t2023年决算数\n", "\t9.10\n\t7.80\n"),
			want: map[string]any{"sangong_total": "7.8", "sangong_prev_year_change": nil}},
		{name: "change-column", text: "三、“三公”经费情况（单位：万元）\n\t项目\n\t2022年\n\t2023年\n\t增减\n\n\t合计\n\t9.10\n\t7.80\n\t-1.20\n\n",
			want: map[string]any{"sangong_total": "7.8", "sangong_prev_year_change": nil}},
		{name: "sentence-disagrees", text: table("\t2023年\n\t2022年\n", "\t7.80\n\t9.10\n") + "“三公”经费较上年减少1.20万元。",
			want: map[string]any{"sangong_prev_year_change": nil}},
		{name: "sentence-agrees", text: table("\t2023年\n\t2022年\n", "\t7.80\n\t9.10\n") + "“三公”经费较上年减少1.30万元。",
			want: map[string]any{"sangong_prev_year_change": "-1.3"}},
	})
}

// TestUnitRows: a table whose rows are the department's units and its
// columns figures gives the figures of its 合计 row, when each is the sum of
// the units'; else none.
func TestUnitRows(t *testing.T) {
	table := func(total string) string {
		return "本部门各单位支出情况如下（单位：万元）：\n\t单位名称\n\t支出合计\n\t基本支出\n\t项目支出\n\n" +
			"\t局机关\n\t620.50\n\t310.20\n\t310.30\n\n\t县应急救援大队\n\t285.30\n\t180.10\n\t105.20\n\n" + total
	}
	runSnippets(t, []snippet{
		{name: "total-last", text: table("\t合计\n\t905.80\n\t490.30\n\t415.50\n\n"),
			want: map[string]any{"total_spending": "905.8", "basic_spending": "490.3", "project_spending": "415.5"}},
		{name: "not-the-sum", text: table("\t合计\n\t905.80\n\t490.30\n\t451.50\n\n"),
			want: map[string]any{"total_spending": nil, "basic_spending": nil, "project_spending": nil}},
		{name: "no-total", text: table(""),
			want: map[string]any{"total_spending": nil, "basic_spending": nil, "project_spending": nil}},
		{name: "two-totals", text: table("\t合计\n\t905.80\n\t490.30\n\t415.50\n\n\t总计\n\t905.80\n\t490.30\n\t415.50\n\n"),
			want: map[string]any{"total_spending": nil}},
	})
}

// TestCapitalAmounts: an amount in capital numerals (大写) is read when it
// is the only form; given with its digits, it is read once when the two
// agree, and neither is taken, with a note, when they do not.
func TestCapitalAmounts(t *testing.T) {
	for s, want := range map[string]int64{
		"壹仟贰佰叁拾肆万伍仟陆佰柒拾捌": 12345678, "拾伍": 15, "壹仟零伍": 1005, "贰亿零叁佰万": 203000000,
		"壹亿贰仟万零捌拾": 120000080, "伍万": 50000,
	} {
		if n, ok := capitalNumber(s); !ok || n != want {
			t.Errorf("capitalNumber(%s) = %d, %v; want %d", s, n, ok, want)
		}
	}
	for _, s := range []string{"万", "壹贰", "佰", "壹佰贰仟", "壹万贰万", "壹万贰亿", ""} {
		if n, ok := capitalNumber(s); ok {
			t.Errorf("capitalNumber(%s) = %d, want none", s, n)
		}
	}
	runSnippets(t, []snippet{
		{name: "only", text: "本年支出合计人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角。", want: map[string]any{"total_spending": "1234.56789"}},
		{name: "fen", text: "本年支出合计人民币壹拾贰万叁仟肆佰伍拾陆元零伍分。", want: map[string]any{"total_spending": "12.345605"}},
		{name: "agree", text: "本年支出合计1,234.5万元（大写：人民币壹仟贰佰叁拾肆万伍仟元整）。", want: map[string]any{"total_spending": "1234.5"}},
		{name: "agree-sign", text: "本年支出合计人民币壹仟贰佰叁拾肆万伍仟元整（¥12,345,000.00）。", want: map[string]any{"total_spending": "1234.5"}},
		{name: "disagree", text: "本年支出合计1,234.5万元（大写：人民币壹仟贰佰肆拾叁万伍仟元整）。", want: map[string]any{"total_spending": nil},
			note: "支出合计（spending.total）：报告的大写金额与数字金额不一致"},
		{name: "disagree-sign", text: "本年支出合计人民币壹仟贰佰叁拾肆万伍仟元整（¥12,354,000.00）。", want: map[string]any{"total_spending": nil}},
	})
}

// TestScoreTables: a score table's total row gives the score from its 得分
// column, never from 分值 or 权重; a table and a sentence that disagree
// leave the score out, with a note quoting both.
func TestScoreTables(t *testing.T) {
	table := "附表 评分表\n一级指标\t分值\t得分\n决策\t20\t19\n过程\t20\t19\n产出\t30\t29\n效益\t30\t29\n合计\t100\t96\n"
	runSnippets(t, []snippet{
		{name: "table-only", text: table, want: map[string]any{"self_score": "96"}},
		{name: "weight-after", text: "一级指标\t得分\t权重\n决策\t19\t20\n产出\t58\t60\n总分\t77\t80\n", want: map[string]any{"self_score": "77"}},
		{name: "agrees", text: "本局自评得分96分，等级为优。\n\n" + table, want: map[string]any{"self_score": "96", "grade": "优"}},
		{name: "disagrees", text: "本局自评得分97分，等级为优。\n\n" + table, want: map[string]any{"self_score": nil, "grade": "优"},
			note: "自评得分（score）：报告给出的数不一致，未填写：97（“本局自评得分97分，等级为优。”）；96（“合计 96（得分）”）"},
		{name: "two-score-columns", text: "指标\t分值\t自评得分\t评价得分\n决策\t20\t19\t18\n合计\t100\t96\t95\n", want: map[string]any{"self_score": nil}},
	})
}

// TestNoteOfFilledFigure: a table read as a whole (its 决算数 column) fills
// a figure that the form reader could not read from it, and no note then
// says the figure was left out; a 合计 row of the next table, of 三公经费,
// is not taken for the spending's; a score table is not said to lack a unit.
func TestNoteOfFilledFigure(t *testing.T) {
	text := snippetTitle + "二、收支情况\n单位：万元\n项目\t预算数\t决算数\t上年决算数\n支出合计\t100.00\t90.00\t80.00\n基本支出\t60.00\t50.00\t40.00\n项目支出\t40.00\t40.00\t40.00\n\n" +
		"三、“三公”经费情况\n单位：万元\n项目\t2022年\t2023年\t增减\n合计\t5.00\t4.00\t-1.00\n公务接待费\t1.00\t1.00\t0.00\n\n" +
		"四、自评情况\n一级指标\t分值\t得分\n决策\t20\t18.5\n合计\t100\t92\n"
	d := Extract("filled.txt", text)
	checkDraft(t, d)
	got := draftJSON(t, d)
	for k, w := range map[string]any{"total_spending": "90", "basic_spending": "50", "project_spending": "40", "self_score": "92"} {
		if got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
	notes := strings.Join(d.Review, "\n")
	for _, bad := range []string{"基本支出（spending.basic）：表格中的一行", "支出合计（spending.total）：表格中的一行", "的金额没有写单位"} {
		if strings.Contains(notes, bad) {
			t.Errorf("a review note says %q:\n%s", bad, notes)
		}
	}
}

// TestSangongHeading: the 合计 of a table under a heading naming 三公, with
// only a unit note between them, is the 三公经费's total.
func TestSangongHeading(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "heading-unit", text: "三、“三公”经费情况\n单位：万元\n项目\t2022年\t2023年\n合计\t5.00\t4.00\n公务接待费\t1.00\t1.00\n公务用车购置及运行维护费\t4.00\t3.00\n因公出国（境）费\t0.00\t0.00\n",
			want: map[string]any{"sangong_total": "4", "total_spending": nil}},
		{name: "other-heading", text: "三、支出情况\n单位：万元\n项目\t2022年\t2023年\n合计\t5.00\t4.00\n",
			want: map[string]any{"sangong_total": nil}},
	})
}

// TestScoreOnNextLine: a sentence cut after 为 (得分为, then 93分 on the
// next line) is read as one, with its grade (等级：优).
func TestScoreOnNextLine(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "one-line", text: "经评价，本部门2023年度整体支出绩效评价得分为93分，等级：优。\n", want: map[string]any{"self_score": "93", "grade": "优"}},
		{name: "two-lines", text: "四、自评结论\n经评价，本部门2023年度整体支出绩效评价得分为\n93分，等级：优。\n\n测试县城市管理局\n", want: map[string]any{"self_score": "93", "grade": "优"}},
	})
}

// TestSangongYearRows: in a table whose rows are years, a row of the
// report's year's budget (2023年预算) is not its actual amounts; the row of
// its 决算 is.
func TestSangongYearRows(t *testing.T) {
	head := "三、三公经费（单位：万元）\n年度\t三公经费合计\t因公出国（境）费\t公务接待费\t公务用车购置及运行维护费\n"
	runSnippets(t, []snippet{
		{name: "budget-and-actual", text: head + "2023年预算\t8.00\t0\t2.00\t6.00\n2023年决算\t7.10\t0\t1.60\t5.50\n2022年决算\t7.90\t0\t1.90\t6.00\n",
			want: map[string]any{"sangong_total": "7.1", "sangong_reception": "1.6", "sangong_vehicles": "5.5"}},
		{name: "budget-only", text: head + "2023年预算\t8.00\t0\t2.00\t6.00\n2022年决算\t7.90\t0\t1.90\t6.00\n",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil, "sangong_vehicles": nil}},
	})
}

// TestScoreUnderAPointIsNotedOnce: a score under a point, left out, is
// said once however many of the score's patterns read it in its sentence.
func TestScoreUnderAPointIsNotedOnce(t *testing.T) {
	d := Extract("x.txt", snippetTitle+"经自评，我局2023年部门整体支出绩效得分0.97分，等级为优。")
	n := 0
	for _, r := range d.Review {
		if strings.Contains(r, "0.97 分") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d notes of the score 0.97, want 1:\n%s", n, strings.Join(d.Review, "\n"))
	}
	if d.Score.OK {
		t.Errorf("score %v filled in", d.Score.V)
	}
}

// TestBudgetLists: a budget or plan word (年初预算安排, 批复, 核定…限额,
// 控制数, 下一年度计划) makes every figure of the list after it a budget's,
// over 其中, 、 and commas, until a word of what was spent; a budget in
// brackets ends with them.
func TestBudgetLists(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "budget-arranged-list", text: "2023年部门整体支出1234.56万元。年初预算安排基本支出900万元、项目支出600万元。",
			want: map[string]any{"total_spending": "1234.56", "basic_spending": nil, "project_spending": nil}},
		{name: "approved-parts", text: "2023年批复部门支出1500万元，其中基本支出900万元，项目支出600万元。",
			want: map[string]any{"total_spending": nil, "basic_spending": nil, "project_spending": nil}},
		{name: "budget-lead-in", text: "年初预算：“三公”经费15万元，其中公务接待费5万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil}},
		{name: "budget-lead-in-list", text: "年初预算数为：基本支出900万元，项目支出600万元，“三公”经费15万元，其中公务接待费5万元。",
			want: map[string]any{"basic_spending": nil, "project_spending": nil, "sangong_total": nil, "sangong_reception": nil}},
		{name: "limit", text: "县财政核定我局“三公”经费限额15万元，其中公务接待费5万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil}},
		{name: "control-figure", text: "“三公”经费控制数15万元，其中公务接待费5万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil}},
		{name: "as-budgeted", text: "按预算安排，“三公”经费15万元，其中公务接待费5万元。",
			want: map[string]any{"sangong_total": nil, "sangong_reception": nil}},
		{name: "next-year-plan", text: "部门整体支出1234.56万元。下一年度计划安排基本支出900万元，项目支出600万元。",
			want: map[string]any{"total_spending": "1234.56", "basic_spending": nil, "project_spending": nil}},
		{name: "budget-then-actual", text: "2023年部门预算1500万元，实际支出1234.56万元，其中基本支出900万元，项目支出334.56万元。",
			want: map[string]any{"total_spending": "1234.56", "basic_spending": "900", "project_spending": "334.56"}},
		{name: "budget-then-year-spending", text: "年初预算1500万元，全年支出1234.56万元。",
			want: map[string]any{"total_spending": "1234.56"}},
		{name: "budget-and-actual-each", text: "基本支出预算900万元，实际支出850万元；项目支出预算600万元，实际支出384.56万元。",
			want: map[string]any{"basic_spending": "850", "project_spending": "384.56"}},
		{name: "budget-in-brackets", text: "“三公”经费支出10.2万元，其中公务用车运行维护费6.10万元（预算7.00万元），公务接待费4.1万元。",
			want: map[string]any{"sangong_total": "10.2", "sangong_vehicles": "6.1", "sangong_reception": "4.1"}},
		{name: "actual-budget-income", text: "年初预算为901.68万元，实际预算收入929.65万元。",
			want: map[string]any{"budget_income": "929.65"}},
	})
}

// TestScoreScale: 总分100分 is the most a score can be (百分制), not the
// score; a grade with its score in brackets (良好（88分）) gives both.
func TestScoreScale(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "scale-then-grade-score", text: "绩效评价总分为100分，分为优、良、中、差四个等级。\n经自评，本部门2023年度整体支出绩效为良好（88分）。",
			want: map[string]any{"self_score": "88", "grade": "良"}},
		{name: "hundred-point-scale", text: "评价采用百分制，总分100分。", want: map[string]any{"self_score": nil}, note: "可能是评分的满分"},
		{name: "total-and-parts", text: "本次绩效评价总分为100分，其中投入20分。", want: map[string]any{"self_score": nil}},
		{name: "scale-of-score", text: "评价得分实行百分制，总分100分。", want: map[string]any{"self_score": nil}},
		{name: "self-total", text: "经自评，我局2023年度部门整体支出绩效自评总分92分，等级为优。", want: map[string]any{"self_score": "92", "grade": "优"}},
		{name: "grade-ranges", text: "评价结果分为优秀（90分）、良好（80分）、合格（60分）三个等级。", want: map[string]any{"self_score": nil, "grade": nil}},
		{name: "indicator-grade-score", text: "经自评，产出指标为优秀（38分）。", want: map[string]any{"self_score": nil, "grade": nil}},
	})
}

// TestSatisfactionGrade: the rating of a satisfaction survey is not the
// evaluation's grade.
func TestSatisfactionGrade(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "satisfaction-grade", text: "经第三方调查，社会公众满意度评价等级为优。", want: map[string]any{"grade": nil}, note: "是满意度的评价"},
		{name: "satisfaction-lead-in", text: "满意度调查结果：评价等级为优。", want: map[string]any{"grade": nil}},
		{name: "satisfaction-grade-score", text: "经自评，服务对象满意度为优秀（95分）。", want: map[string]any{"grade": nil, "self_score": nil}},
		{name: "satisfaction-before", text: "群众满意度达95%，经自评，本部门整体支出绩效评价等级为优。", want: map[string]any{"grade": "优"}},
		{name: "satisfaction-after", text: "经自评，本部门整体支出绩效评价等级为优，社会公众满意度为95%。", want: map[string]any{"grade": "优"}},
	})
}

// TestOneSourceOfMany: the budget's allocation (财政拨款) is taken for the
// total only when it is the one source the sentence (or table) gives.
func TestOneSourceOfMany(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "income-sources", text: "2023年度部门收入情况：一般公共预算财政拨款收入1200万元，事业收入80万元，其他收入20万元。",
			want: map[string]any{"budget_income": nil}, note: "只是一项资金来源的数"},
		{name: "spending-funds", text: "2023年度一般公共预算财政拨款支出1100万元，政府性基金支出134.56万元。",
			want: map[string]any{"total_spending": nil}, note: "只是一项资金来源的数"},
		{name: "income-one-source", text: "2023年度一般公共预算财政拨款收入1200万元。", want: map[string]any{"budget_income": "1200"}},
		{name: "income-others-nothing", text: "2023年度财政拨款收入1200万元，其他收入0万元。", want: map[string]any{"budget_income": "1200"}},
		{name: "income-total-and-sources", text: "2023年度本年收入1300万元，财政拨款收入1200万元，事业收入80万元，其他收入20万元。",
			want: map[string]any{"budget_income": "1300"}},
		{name: "income-table", text: "单位：万元\n项目\t金额\n财政拨款收入\t1,200.00\n事业收入\t80.00\n",
			want: map[string]any{"budget_income": nil}},
	})
}

// TestYearAfterFigure: a year in brackets right after a figure
// (13.7万元（2022年）) says whose it is.
func TestYearAfterFigure(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "years-after", text: "“三公”经费支出13.7万元（2022年），12.5万元（2023年）。", want: map[string]any{"sangong_total": "12.5"}},
		{name: "years-after-reversed", text: "“三公”经费支出12.5万元（2023年），13.7万元（2022年）。", want: map[string]any{"sangong_total": "12.5"}},
		{name: "other-year-after", text: "“三公”经费支出13.7万元（2022年度）。", want: map[string]any{"sangong_total": nil}, note: "报告中的数是上一年度"},
		{name: "own-year-after", text: "“三公”经费支出12.5万元（2023年度）。", want: map[string]any{"sangong_total": "12.5"}},
	})
}

// TestYearInBracketsInTitle: a title that names the year it was written
// and, in brackets, the year evaluated gives the year evaluated.
func TestYearInBracketsInTitle(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "written-and-evaluated", text: "桃源县农业农村局2024年部门整体支出绩效自评报告（2023年度）\n2023年度部门整体支出1234.56万元。“三公”经费支出12.5万元。自评得分92分。\n",
			want: map[string]any{"year": "2023", "total_spending": "1234.56", "sangong_total": "12.5", "self_score": "92"}, note: "按括号中的评价年度填写 2023"},
		{name: "evaluated-only", text: "桃源县农业农村局部门整体支出绩效自评报告（2023年度）\n2023年度部门整体支出1234.56万元。\n",
			want: map[string]any{"year": "2023", "total_spending": "1234.56"}},
	})
}

// TestUnitInBrackets: a unit line in brackets under the title gives the
// county and department without the brackets.
func TestUnitInBrackets(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "unit-in-brackets", text: "2023年度部门整体支出绩效自评报告\n（桃源县自然资源局）\n2023年度部门整体支出1234.56万元。\n",
			want: map[string]any{"county": "桃源县", "department": "自然资源局", "total_spending": "1234.56"}},
	})
}

// TestTinyDepartmentTotal: a department's total spending or income of
// less than 1万元 is most likely 万元 written as 元: left out with a note.
func TestTinyDepartmentTotal(t *testing.T) {
	runSnippets(t, []snippet{
		{name: "spending-in-yuan", text: "2023年度部门整体支出1234.56元。", want: map[string]any{"total_spending": nil}, note: "可能是把“万元”写成了“元”"},
		{name: "income-in-yuan", text: "2023年度部门收入合计1300元。", want: map[string]any{"budget_income": nil}, note: "可能是把“万元”写成了“元”"},
		{name: "spending-in-yuan-large", text: "2023年度部门整体支出12,345,600.00元。", want: map[string]any{"total_spending": "1234.56"}},
		{name: "reception-in-yuan", text: "2023年度公务接待费3,200元。", want: map[string]any{"sangong_reception": "0.32"}},
	})
}
