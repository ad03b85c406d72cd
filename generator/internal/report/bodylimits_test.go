package report

import (
	"fmt"
	"strings"
	"testing"
)

// TestBodyAmplificationLimits: bodies that would make the Markdown renderer
// write far more than it reads (wide tables whose short rows it fills to
// the header's width, long link reference definitions used many times)
// are refused with their position, quickly; tables and links as reports
// write them are not.
func TestBodyAmplificationLimits(t *testing.T) {
	checkBodies(t, amplificationCases(), amplificationAcceptedCases())
}

// amplificationCases are bodies over the limits of bodylimits.go, and the
// errors they give (the body begins on line 7).
func amplificationCases() map[string]struct{ body, want string } {
	wide := strings.Repeat("|a", 6000) + "|\n" + strings.Repeat("|-", 6000) + "|\n" + strings.Repeat("a\n", 6000)
	square := strings.Repeat("|a", 2000) + "|\n" + strings.Repeat("|-", 2000) + "|\n" + strings.Repeat("a\n", 2000)
	table := func(cols, rows int) string {
		return strings.Repeat("|甲", cols) + "|\n" + strings.Repeat("|:-:", cols) + "|\n" + strings.Repeat(strings.Repeat("|1", cols)+"|\n", rows)
	}
	long := strings.Repeat("a", 100000)
	return map[string]struct{ body, want string }{
		"6000 columns":         {wide, "a.md:8:1: body: the table has 6000 columns; at most 64 are accepted"},
		"2000 columns":         {square, "a.md:8:1: body: the table has 2000 columns"},
		"65 columns":           {"正文\n\n" + table(MaxTableColumns+1, 1), "a.md:10:1: body: the table has 65 columns"},
		"in a quote":           {"> |a|b|\n> " + strings.Repeat("|-", 100) + "|\n> a", "a.md:8:3: body: the table has 100 columns"},
		"in a list":            {"- |a|b|\n  " + strings.Repeat("|-", 100) + "|\n  a", "a.md:8:3: body: the table has 100 columns"},
		"without outer pipes":  {"a|b\n" + strings.Repeat("-|", 99) + "-\nx", "a.md:8:1: body: the table has 100 columns"},
		"too many cells":       {table(50, 1000), "a.md:7:1: body: the tables hold more than 50000 cells"},
		"cells over tables":    {strings.Repeat(table(50, 99)+"\n", 11), "a.md:1027:1: body: the tables hold more than 50000 cells"},
		"short rows":           {table(64, 0) + strings.Repeat("a\n", 1000), "body: the tables hold more than 50000 cells"},
		"long reference URL":   {"[r]: https://x.example/" + long + "\n\n" + strings.Repeat(strings.Repeat("[r]", 400)+"\n\n", 50), "a.md:7:6: body: the URL of the link reference definition is 100018 bytes long; at most 2048 are accepted"},
		"URL on the next line": {"正文\n\n> [r]:\n> <https://x.example/" + long + ">\n", "a.md:10:3: body: the URL of the link reference definition"},
		"label over lines":     {"[r\ns]: https://x.example/" + long, "a.md:8:5: body: the URL"},
		"long label":           {"[" + strings.Repeat("标签", 1000) + "]: /" + long, "a.md:7:2005: body: the URL"},
		"long reference title": {"- [r]: https://x.example/ \"" + long + "\"\n", "a.md:7:27: body: the title of the link reference definition is 100001 bytes long"},
		"title over lines":     {"[r]: /\n'" + strings.Repeat("标题\n", 1000) + "'", "a.md:8:1: body: the title"},
		"second definition":    {"[a]: /a\n[r]: /" + long, "a.md:8:6: body: the URL"},
		"after a fenced block": {"```\n|-|\n```\n[r]: /" + long, "a.md:10:6: body: the URL"},
		// A definition the parser does not take leaves its lines to other
		// blocks, and one of them may begin a definition of its own.
		"after an empty definition": {"[r]:\n- [r]: /" + long, "a.md:8:8: body: the URL"},
		"after a dropped title":     {"[x]: /a\n\"t\n- [r]: /a\"" + long, "a.md:9:8: body: the URL"},
		// U+3000 alone on a line does not end a title: the parser's blank
		// lines are ASCII.
		"title over a wide space": {"[x]: /a \"" + long[:1500] + "\n\u3000\n" + long[:1500] + "\"", "a.md:7:9: body: the title"},
	}
}

// amplificationAcceptedCases are bodies within the limits that look close
// to them.
func amplificationAcceptedCases() map[string]string {
	table := func(cols, rows int) string {
		return strings.Repeat("| 项目 ", cols) + "|\n" + strings.Repeat("|---:", cols) + "|\n" + strings.Repeat(strings.Repeat("| 12.5 ", cols)+"|\n", rows)
	}
	return map[string]string{
		"64 columns":           table(MaxTableColumns, 10),
		"many small tables":    strings.Repeat(table(8, 60)+"\n正文。\n\n", 100),
		"code of delimiters":   "```\n" + strings.Repeat("|-", 100) + "|\n```\n",
		"rule after text":      "正文\n" + strings.Repeat("-", 3000) + "\n",
		"a long paragraph":     "正文\n|-|-|\n" + strings.Repeat("文字。\n", 20000),
		"long inline link":     "[来源](https://x.example/" + strings.Repeat("a", 5000) + ")",
		"reference at limit":   "[r]: https://x.example/" + strings.Repeat("a", MaxLinkLength-len("https://x.example/")) + " \"" + strings.Repeat("题", MaxLinkLength/3-1) + "\"\n\n[r]",
		"titles inside titles": strings.Repeat(strings.Repeat("[a]: b (\n", 220)+")\n\n", 900),
		"brackets and colons":  "[注]：说明。\n[1]: 见附件\n\n" + strings.Repeat("[甲] 乙：丙\n", 100),
	}
}

// TestJoinedReportsAreRefused: a body that holds another report's front
// matter (two report files joined into one, a report pasted below
// another, or its front matter pasted twice) is refused at the '---'
// line where the other report begins, rather than published as text of
// this one with the other report missing; a rule '---' in a body, even
// before a line that reads as a key, is not.
func TestJoinedReportsAreRefused(t *testing.T) {
	const second = "---\ncounty: 乙县\ndepartment: 局\nyear: 2021\ntype: 整体支出\n---\n正文\n"
	for _, tc := range []struct {
		name, body string
		line       int // of the error; 0 for none
	}{
		{"two files joined", "正文\n\n" + second, 9},
		{"joined with CRLF", strings.ReplaceAll("正文\n\n"+second, "\n", "\r\n"), 9},
		{"front matter twice", second, 7},
		{"a blank line between", "正文\n---\n\ncounty: 乙县\n\nyear: 2021\n", 8},
		{"keys with no value yet", "正文\n---\ncounty:\ndepartment:\n", 8},
		{"a rule", "正文\n\n---\n\n下一节\n", 0},
		{"a rule before one key", "正文\n\n---\n\nscore: 97\n\n说明\n", 0},
		{"a heading underlined", "score: 97\n---\nyear: 2021\n", 0},
		{"a rule before words with colons", "正文\n---\n说明: 见下\n附表: 一\n", 0},
		{"a rule before a key without its space", "正文\n---\ncounty:乙县\nyear:2021\n", 0},
	} {
		file := fuzzHeader + "---\n" + tc.body
		for name, parse := range everyParse {
			_, err := parse("a.md", []byte(file))
			want := fmt.Sprintf("a.md:%d:1: body: a second front matter begins here, another report's keys between '---' lines: a report file holds one report; move this line and what follows into a file of its own", tc.line)
			if tc.line == 0 && err != nil || tc.line > 0 && (err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "一个文件只能有一份报告")) {
				t.Errorf("%s (%s): %v", tc.name, name, err)
			}
		}
	}
}

// TestDroppedPartsAreFound: the parts of a body that its page does not
// show, HTML blocks and images not on the web, are recorded with their
// line and column (the body begins on line 7), by every parse, the lean
// one too; HTML inside a paragraph, comments, fenced code, autolinks, a
// '<' in text and images on the web are not.
func TestDroppedPartsAreFound(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []DroppedPart
	}{
		{"a table", "正文\n\n<table><tr><td>基本支出</td></tr></table>\n", []DroppedPart{{DroppedHTML, "<table>", Pos{9, 1}}}},
		{"a script, indented", "  <script>alert(1)</script>\n", []DroppedPart{{DroppedHTML, "<script>", Pos{7, 3}}}},
		{"a closing tag and a div", "</div>\n\n<DIV class=x>\n说明\n\n", []DroppedPart{{DroppedHTML, "</div>", Pos{7, 1}}, {DroppedHTML, "<DIV>", Pos{9, 1}}}},
		{"a tag alone on its line", "<span style=\"color:red\">\n红字\n", []DroppedPart{{DroppedHTML, "<span>", Pos{7, 1}}}},
		{"one block, not a part per line", "<table>\n<tr><td>1</td></tr>\n</table>\n", []DroppedPart{{DroppedHTML, "<table>", Pos{7, 1}}}},
		{"images", "![图1](data:image/png;base64,AAAA)\n\n文字 ![](media/image1.png) 和 ![网图](https://example.org/a.png)、![b](<附件 2.png> \"t\")\n",
			[]DroppedPart{{DroppedImage, "data:image/png;base64,AAAA", Pos{7, 1}}, {DroppedImage, "media/image1.png", Pos{9, 4}}, {DroppedImage, "附件 2.png", Pos{9, 61}}}},
		{"a long address", "![](" + strings.Repeat("a", 100) + ".png)\n", []DroppedPart{{DroppedImage, strings.Repeat("a", 59) + "…", Pos{7, 1}}}},
		{"not dropped", "文字<br>换行 <span>红字</span>\n<b>粗</b>结束\n\n<!-- 待补充 -->\n\n<https://example.org>\n\n收入 < 5% 时\n\n```\n<table>\n![x](y.png)\n```\n\n![网图](HTTPS://example.org/a.png)\n", nil},
	} {
		file := fuzzHeader + "---\n" + tc.body
		for name, parse := range everyParse {
			r, err := parse("a.md", []byte(file))
			if err != nil {
				t.Fatalf("%s (%s): %v", tc.name, name, err)
			}
			if fmt.Sprint(r.Dropped) != fmt.Sprint(tc.want) {
				t.Errorf("%s (%s):\n%v\nwant\n%v", tc.name, name, r.Dropped, tc.want)
			}
		}
	}
	// At most MaxDropped.
	r, err := Parse("a.md", []byte(fuzzHeader+"---\n"+strings.Repeat("![](a.png)\n\n", MaxDropped+5)))
	if err != nil || len(r.Dropped) != MaxDropped {
		t.Errorf("%v: %d parts", err, len(r.Dropped))
	}
}
