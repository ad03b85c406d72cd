package importer

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func render(t *testing.T, md string) string {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.NewCJK()))
	if err := gm.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestMarkdownBody(t *testing.T) {
	text := strings.Join([]string{
		"示例县示例局",
		"2022年度部门整体支出绩效自评报告",
		"一、部门概况",
		"（一）主要职责",
		"1、负责<script>alert(1)</script>示例工作；",
		"2、负责*重点*和[链接](javascript:x)工作。",
		"● 要点甲",
		"● 要点乙",
		"# 不是标题，1. 也不是列表",
		"---",
		"(二)建立机制 本段正文较长，说明建立了工作机制并取得成效，这里还有更多文字。",
		"\t项目",
		"\t金额（万元）",
		"",
		"\t合计|小计",
		"\t12.5",
		"",
		"扫一扫在手机打开当前页",
	}, "\n")
	d := Extract("sample.txt", text)
	body := d.Body
	for _, want := range []string{
		"## 一、部门概况\n",
		"### （一）主要职责\n",
		"1. 负责\\<script\\>alert(1)\\</script\\>示例工作；\n2. 负责\\*重点\\*和\\[链接\\](javascript:x)工作。\n",
		"工作。\n\n- 要点甲\n- 要点乙\n",
		"\\# 不是标题，1.也不是列表",
		"\\---",
		"### (二)建立机制\n\n本段正文较长",
		"| 项目 | 金额（万元） |\n| --- | --- |\n| 合计\\|小计 | 12.5 |\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	for _, bad := range []string{"示例县示例局", "扫一扫"} {
		if strings.Contains(body, bad) {
			t.Errorf("body holds %q:\n%s", bad, body)
		}
	}
	html := render(t, body)
	for _, want := range []string{"<h2>一、部门概况</h2>", "<h3>（一）主要职责</h3>", "<ol>", "<ul>", "<table>", "&lt;script&gt;", "<td>合计|小计</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script>", "<a href", "<em>", "<hr"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML holds %q:\n%s", bad, html)
		}
	}
}

func TestMarkdownFrontMatter(t *testing.T) {
	d := Extract("x.txt", "示例县示例局\n2022年度部门整体支出绩效自评报告\n")
	d.Title = `含"引号"与\反斜杠` + "\u2028" + strings.Repeat("[", 20)
	d.Review = append(d.Review, "note: with \"quotes\" and: colons # and hash")
	checkDraft(t, d)
}

func TestEscapeInline(t *testing.T) {
	for in, want := range map[string]string{
		"1. 列表":   `1\. 列表`,
		"2) 列表":   `2\) 列表`,
		"- 列表":    `\- 列表`,
		"+ 列表":    `\+ 列表`,
		"## 标题":   `\## 标题`,
		"a_b*c`d": "a\\_b\\*c\\`d",
		"1.5万元":   "1.5万元",
		"&nbsp;":  `\&nbsp;`,
	} {
		if got := escapeInline(in); got != want {
			t.Errorf("escapeInline(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMarkdownBodyMergedCells: cells of a .docx table that span columns
// (gridSpan) or continue the cell above (vMerge) leave empty cells, so that
// each amount stays under its column's header.
func TestMarkdownBodyMergedCells(t *testing.T) {
	path := filepath.Join("testdata", "review3_r8_merged_cells.docx")
	doc, err := ReadFile(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	body := Extract(path, doc.Text).Body
	for _, row := range []string{
		"| 类别 | 项目 | 决算数（万元） |  |",
		"|  |  | 2023年 | 2022年 |",
		"| 支出合计 |  | 2,468.00 | 2,300.00 |",
		"|  | 人员经费 | 760.50 | 716.00 |",
		"| 年度 | “三公”经费（万元） |  |  |  |",
	} {
		if !strings.Contains(body, row+"\n") {
			t.Errorf("body has no row %q:\n%s", row, body)
		}
	}
}

// TestMarkdownBodyPlainHeadings: a heading without a number (基本支出情况:
// a short line with no punctuation, between paragraphs of prose) becomes
// a Markdown heading, ## in a report whose headings have no numbers and
// ### under the 一、 headings of one that has them, where it is most
// often a part of one, or one whose number was lost in copying. A short
// line above a table (its caption), a line of a flattened form, and a
// short line that ends in a colon stay as they are.
func TestMarkdownBodyPlainHeadings(t *testing.T) {
	prose := "本年度按照预算安排组织实施，各项工作总体完成，资金使用符合规定。"
	text := strings.Join([]string{
		"示例县示例局",
		"2022年度部门整体支出绩效自评报告",
		"部门基本情况",
		prose,
		"基本支出情况",
		prose,
		"主要职责是：",
		prose,
		"基本支出明细表",
		"\t项目",
		"\t金额（万元）",
		"",
		"\t合计",
		"\t12.5",
		"",
		prose,
		"单位名称",
		"示例局",
		"负责人",
		"张三",
		prose,
	}, "\n")
	body := Extract("sample.txt", text).Body
	for _, want := range []string{"## 部门基本情况\n\n" + prose, "\n## 基本支出情况\n\n" + prose, "\n主要职责是：\n", "\n基本支出明细表\n\n| 项目", "单位名称\\\n示例局"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if n := strings.Count(body, "#"); n != 4 {
		t.Errorf("body has %d #, want the two headings' 4:\n%s", n, body)
	}
	html := render(t, body)
	if !strings.Contains(html, "<h2>基本支出情况</h2>") {
		t.Errorf("HTML lacks the heading:\n%s", html)
	}

	numbered := strings.Replace(text, "部门基本情况", "一、部门基本情况", 1)
	body = Extract("sample.txt", numbered).Body
	for _, want := range []string{"## 一、部门基本情况\n", "\n### 基本支出情况\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("numbered: body lacks %q:\n%s", want, body)
		}
	}
}
