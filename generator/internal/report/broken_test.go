package report

import (
	"strings"
	"testing"
	"time"
	utf16pkg "unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const minimal = "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n"

// TestNestingIsRefusedQuickly gives front matter nested far too deep in
// each way YAML allows: each is refused, with its position, in well under
// a second (the YAML parser took minutes, or never returned, on some).
func TestNestingIsRefusedQuickly(t *testing.T) {
	for name, tc := range nestingCases() {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("a.md", []byte(minimal+tc.in+"\n---\n"))
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %.300v\nwant %q", err, tc.want)
			}
		})
	}
}

// nestingCases are front matter (after minimal) nested too deeply, and the
// errors they give.
func nestingCases() map[string]struct{ in, want string } {
	return map[string]struct{ in, want string }{
		"flow":               {"review: " + strings.Repeat("[", 200000), "a.md:6:25: front matter is nested more than 16 levels deep"},
		"flow over lines":    {"review: " + strings.Repeat("[\n", 100000), "a.md:22:1: front matter is nested more than 16 levels deep"},
		"flow mappings":      {"review: " + strings.Repeat("{a: ", 50000), "a.md:6:"},
		"flow behind quotes": {"review: " + strings.Repeat(`["]", '[', `, 20000), "nested more than 16 levels"},
		"block":              {"review:\n" + blockNest(100), "indented more than 16 levels deep"},
		"compact sequences":  {"review:\n  " + strings.Repeat("- ", 100000) + "x", "a.md:7:"},
		"complex keys":       {"review:\n  " + strings.Repeat("? ", 100000) + "x", "a.md:7:"},
		"one-space indents":  {"review:\n" + oneSpaceNest(200), "indented more than 16 levels deep"},
	}
}

func blockNest(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i+1) + "k:\n")
	}
	return b.String() + strings.Repeat("  ", n+1) + "x"
}

func oneSpaceNest(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(" ", i+1) + "k:\n")
	}
	return b.String() + strings.Repeat(" ", n+1) + "x"
}

// TestNestingLimitHasNoFalseAlarms: brackets in quoted text and deep
// indentation inside a block of text are fine, and nesting at the limit
// reaches the YAML parser.
func TestNestingLimitHasNoFalseAlarms(t *testing.T) {
	for name, in := range noFalseAlarmCases() {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse("a.md", []byte(minimal+in+"\n---\n")); err != nil {
				t.Errorf("refused: %v", err)
			}
		})
	}
	// Exactly MaxNesting levels reach the parser (and fail there only as
	// review's items are not text).
	_, err := Parse("a.md", atNestingLimit())
	if err == nil || strings.Contains(err.Error(), "nested more than") {
		t.Errorf("16 levels: %v", err)
	}
}

// noFalseAlarmCases are front matter (after minimal) with brackets and
// indentation that are not nesting.
func noFalseAlarmCases() map[string]string {
	return map[string]string{
		"brackets in quotes": "title: \"" + strings.Repeat("[{", 100) + "\"\nreview: ['" + strings.Repeat("[", 50) + "']",
		"indented text":      "evidence:\n  score: |\n    第一行\n" + strings.Repeat(" ", 80) + "深缩进的原文\n    下一行",
	}
}

// atNestingLimit is a file whose front matter is nested exactly
// MaxNesting levels deep.
func atNestingLimit() []byte {
	return []byte(minimal + "review: " + strings.Repeat("[", MaxNesting) + strings.Repeat("]", MaxNesting) + "\n---\n")
}

// TestEncodingsAreNamed: a GBK file is told apart from a UTF-8 file with a
// stray byte and from UTF-16, and each error says what to do.
func TestEncodingsAreNamed(t *testing.T) {
	for name, tc := range encodingCases(t) {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("a.md", []byte(tc.in))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v\nwant %q", err, tc.want)
			}
		})
	}
}

// encodingCases are files in other encodings than UTF-8 or with forbidden
// characters, and the errors they give.
func encodingCases(t testing.TB) map[string]struct{ in, want string } {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(minimal + "title: 桃源县行政审批服务局2020年整体支出绩效自评报告\n---\n## 概况\n")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]struct{ in, want string }{
		"GBK": {gbk, "a.md:1:1: the file is not UTF-8 but looks like Chinese text in GBK, GB2312 or GB18030: open it in WPS, Word or Notepad and save it as UTF-8, " +
			"or convert it with iconv -f GBK -t UTF-8 FILE > FILE.utf8 (文件不是 UTF-8 编码，看起来是 GBK、GB2312 或 GB18030 编码：请用 WPS、Word 或记事本打开，“另存为”时编码选 UTF-8)"},
		"stray byte":             {minimal + "title: 桃源县\x80报告\n---\n", "a.md:6:11: invalid UTF-8: save the file as UTF-8"},
		"Latin-1":                {"---\ncounty: Caf\xe9\n---\n", "a.md:2:12: invalid UTF-8"},
		"UTF-16 LE":              {"\xff\xfe-\x00-\x00-\x00\n\x00", "a.md:1:1: the file is UTF-16, not UTF-8"},
		"UTF-16, in Chinese":     {"\xff\xfe-\x00-\x00-\x00\n\x00", "save it as UTF-8; in Notepad, choose Save As and the encoding UTF-8 (文件是 UTF-16 编码，不是 UTF-8：请用记事本打开，“另存为”时编码选 UTF-8)"},
		"stray byte, in Chinese": {minimal + "title: 桃源县\x80报告\n---\n", "a.md:6:11: invalid UTF-8: save the file as UTF-8 (这里有不是 UTF-8 的字节"},
		"UTF-16 BE":              {"\xfe\xff\x00-\x00-\x00-\x00\n", "a.md:1:1: the file is UTF-16"},
		// As some tools save it, without the byte-order mark.
		"UTF-16 LE, unmarked": {utf16(minimal+"title: 桃源县行政审批服务局\n---\n", false), "a.md:1:1: the file is UTF-16, not UTF-8: save it as UTF-8"},
		"UTF-16 BE, unmarked": {utf16(minimal+"title: 桃源县行政审批服务局\n---\n", true), "a.md:1:1: the file is UTF-16, not UTF-8: save it as UTF-8"},
		"a NUL or two":        {minimal + "title: a\x00b\x00\n---\n", "a.md:6:9: the control character or noncharacter U+0000 is not allowed"},
		"control":             {minimal + "title: a\x07b\n---\n", "a.md:6:9: the control character or noncharacter U+0007 is not allowed"},
		"C1 control":          {minimal + "title: a\u0085b\n---\n", "U+0085"},
		"noncharacter":        {minimal + "---\n正文\uffff\n", "a.md:7:3: the control character or noncharacter U+FFFF"},
		"CRLF positions":      {strings.ReplaceAll(minimal+"title: a\x07b\n---\n", "\n", "\r\n"), "a.md:6:9:"},
		"CR positions":        {strings.ReplaceAll(minimal+"title: a\x07b\n---\n", "\n", "\r"), "a.md:6:9:"},
		"BOM and control":     {"\ufeff" + minimal + "title: a\x07b\n---\n", "a.md:6:9:"},
		// Documents renamed to .md are said to be documents, with what to do.
		"docx": {"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml\x00word/document.xml\x00",
			"a.md:1:1: this is a Word (.docx) document renamed to .md; rename it back to .docx, move it out of content/ and turn it into a report file with go run ./generator import FILE.docx (这是改了扩展名的 Word 文档：请把扩展名改回 .docx，移出 content/，再用 import 命令导入为报告文件)"},
		"zip": {"PK\x03\x04\x14\x00\x06\x00xl/workbook.xml\x00", "a.md:1:1: this is a zip archive (or an Excel or other Office file) renamed to .md, not a report file: move it out of content/ (这是"},
		"PDF": {"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a.md:1:1: this is a PDF file renamed to .md; rename it back to .pdf, move it out of content/ and turn it into a report file with go run ./generator import FILE.pdf (这是改了扩展名的 PDF 文件"},
		"RTF": {"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}\n", "a.md:1:1: this is an RTF document renamed to .md; rename it back to .rtf, move it out of content/ and turn it into a report file with go run ./generator import FILE.rtf (which needs LibreOffice), or save it as .docx in Word or WPS and import that (这是改了扩展名的 RTF 文档"},
		"doc": {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x03\x00", "a.md:1:1: this is a Word 97-2003 (.doc) or WPS document renamed to .md; rename it back to .doc, move it out of content/ and turn it into a report file with go run ./generator import FILE.doc (which needs LibreOffice), or save it as .docx in Word or WPS and import that (这是改了扩展名的 Word 97-2003 或 WPS 文档"},
	}
}

// TestLineEndsAndBOM: a BOM, CRLF and CR files parse as the LF file does,
// with the same positions.
func TestLineEndsAndBOM(t *testing.T) {
	want, err := Parse("a.md", []byte(lineEndsFile))
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range lineEndCases() {
		r, err := Parse("a.md", []byte(v))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if r.Score != want.Score || string(r.Body) != string(want.Body) || r.BodyLine != want.BodyLine || r.KeyPos("score") != want.KeyPos("score") {
			t.Errorf("%s: score %+v body %q at %d; want %+v %q at %d", name, r.Score, r.Body, r.BodyLine, want.Score, want.Body, want.BodyLine)
		}
	}
}

// TestDashLinesSayWhatIsWrong: a line meant to open or close the front
// matter that is not '---' is said with what is wrong with it: other
// dashes, or white space around '---', which cannot be seen.
func TestDashLinesSayWhatIsWrong(t *testing.T) {
	const body = "county: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n"
	for _, tc := range []struct{ in, want string }{
		{"———\n" + body + "---\n", "a.md:1:1: the first line (———) looks like the opening '---' line of the front matter, but only three ASCII hyphens make one: write --- (第一行应写成三个半角减号 ---，不是 ———)"},
		{" ---\n" + body + "---\n", "a.md:1:1: the first line has a space before its ---, so it is not the opening '---' line of the front matter: delete it, to leave --- alone at the beginning of the line (第一行的 --- 前面多了 1 个空格：请删除，--- 要顶格写，前后不加空格)"},
		{"  ---\n" + body + "---\n", "a.md:1:1: the first line has 2 spaces before its ---, so it is not the opening '---' line of the front matter: delete them, to leave --- alone at the beginning of the line (第一行的 --- 前面多了 2 个空格：请删除，"},
		{"\t---\n" + body + "---\n", "a.md:1:1: the first line has a tab before its ---, so it is not the opening '---' line of the front matter: delete it, to leave --- alone at the beginning of the line (第一行的 --- 前面多了 1 个 Tab：请删除，"},
		{"---\u3000\n" + body + "---\n", "a.md:1:1: the first line has a full-width space after its ---, so it is not the opening '---' line of the front matter: delete it, to leave --- alone at the beginning of the line (第一行的 --- 后面多了 1 个全角空格：请删除，"},
		{"\u3000--- \u3000\n" + body + "---\n", "a.md:1:1: the first line has a full-width space before its --- and white space after it, so it is not the opening '---' line of the front matter: delete them, to leave --- alone at the beginning of the line (第一行的 --- 前面多了 1 个全角空格，后面多了空白：请删除，--- 要顶格写，前后不加空格)"},
		{"---\n" + body + " ---\n正文\n", "a.md:6:1: line 6 has a space before its ---, so it is not the closing '---' line of the front matter: delete it, to leave --- alone at the beginning of the line (第 6 行的 --- 前面多了 1 个空格：请删除，--- 要顶格写，前后不加空格)"},
		// Spaces and tabs after '---' are allowed.
		{"---  \t\n" + body + "--- \n", ""},
	} {
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(tc.in), fast)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
}

// TestLimits: names, titles and the number of errors are bounded.
const lineEndsFile = minimal + "score: 97\n---\n## 概况\n正文\n"

// lineEndCases are lineEndsFile with a BOM, with CRLF and with CR line
// ends.
func lineEndCases() map[string]string {
	in := lineEndsFile
	return map[string]string{
		"BOM": "\ufeff" + in, "CRLF": strings.ReplaceAll(in, "\n", "\r\n"), "CR": strings.ReplaceAll(in, "\n", "\r"),
	}
}

func TestLimits(t *testing.T) {
	in := limitCases()
	_, err := Parse("a.md", in["long county"])
	if err == nil || !strings.Contains(err.Error(), "a.md:2:9: county: is 101 characters long; at most 100 are accepted") {
		t.Errorf("long county: %v", err)
	}
	if _, err := Parse("a.md", in["county at the limit"]); err != nil {
		t.Errorf("county at the limit: %v", err)
	}
	_, err = Parse("a.md", in["long evidence"])
	if err == nil || !strings.Contains(err.Error(), "a.md:7:10: evidence.score: is 10001 characters long") {
		t.Errorf("long evidence: %v", err)
	}
	_, err = Parse("a.md", in["many errors"])
	if err == nil || strings.Count(err.Error(), "\n") != MaxErrors || !strings.HasSuffix(err.Error(), "a.md: 480 more errors not shown (另有 480 个错误未列出)") {
		t.Errorf("many errors: %d lines, ending %q", strings.Count(errString(err), "\n")+1, errString(err)[max(0, len(errString(err))-60):])
	}
	_, err = Parse("a.md", in["front matter too large"])
	if err == nil || !strings.Contains(err.Error(), "a.md:1:1: front matter is longer than 262144 bytes") {
		t.Errorf("front matter too large: %v", err)
	}
}

// limitCases are files at and over the limits on names, texts, errors and
// the size of front matter.
func limitCases() map[string][]byte {
	var b strings.Builder
	for i := range 500 {
		b.WriteString("k" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": 1\n")
	}
	return map[string][]byte{
		"long county":            []byte(strings.Replace(minimal, "甲县", strings.Repeat("甲", MaxName+1), 1) + "---\n"),
		"county at the limit":    []byte(strings.Replace(minimal, "甲县", strings.Repeat("甲", MaxName), 1) + "---\n"),
		"long evidence":          []byte(minimal + "evidence:\n  score: \"" + strings.Repeat("长", MaxText+1) + "\"\n---\n"),
		"many errors":            []byte(minimal + b.String() + "---\n"),
		"front matter too large": []byte(minimal + "review:\n" + strings.Repeat("  - "+strings.Repeat("长", 100)+"\n", 1000) + "---\n"),
	}
}

func TestSourceLinksAreWrittenValidly(t *testing.T) {
	for in, want := range sourceLinkCases() {
		r, err := Parse("a.md", sourceLinkFile(in))
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if r.Source != want {
			t.Errorf("source %q = %q, want %q", in, r.Source, want)
		}
	}
}

// sourceLinkFile is a file whose source is the link in.
func sourceLinkFile(in string) []byte {
	return []byte(minimal + "source: '" + strings.ReplaceAll(in, "'", "''") + "'\n---\n")
}

// sourceLinkCases map links to the same links written validly.
func sourceLinkCases() map[string]string {
	return map[string]string{
		"https://example.org/a b?q=[1]{2}|^`\\#frag ment": "https://example.org/a%20b?q=%5B1%5D%7B2%7D%7C%5E%60%5C#frag%20ment",
		"https://example.org/r?q=%3c![CDATA[x]]%3e":       "https://example.org/r?q=%3c!%5BCDATA%5Bx%5D%5D%3e",
		"https://example.org/#a#b":                        "https://example.org/#a%23b",
		"https://例子.中国/报告.html?年=2020":                    "https://例子.中国/报告.html?年=2020",
		"http://example.org":                              "http://example.org",
		"https://[::1]:8080/x":                            "https://[::1]:8080/x",
	}
}

// TestBodyLimits: bodies that would take the Markdown renderer minutes (it
// is quadratic or worse in link brackets, emphasis marks and nesting) are
// refused; ordinary Markdown, escaped marks and runs of underscores are not.
func TestBodyLimits(t *testing.T) {
	checkBodies(t, bodyLimitCases(), bodyAcceptedCases())
}

// checkBodies parses a report with each body of refused, which must be
// refused within a second with an error holding its want, and with each
// of accepted, which must not be.
func checkBodies(t *testing.T, refused map[string]struct{ body, want string }, accepted map[string]string) {
	t.Helper()
	for name, tc := range refused {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("a.md", []byte(minimal+"---\n"+tc.body+"\n"))
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %.300v\nwant %q", err, tc.want)
			}
		})
	}
	for name, body := range accepted {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse("a.md", []byte(minimal+"---\n"+body+"\n")); err != nil {
				t.Errorf("refused: %.300v", err)
			}
		})
	}
}

// bodyLimitCases are bodies over the limits, and the errors they give.
func bodyLimitCases() map[string]struct{ body, want string } {
	return map[string]struct{ body, want string }{
		"brackets":              {"正文\n\n" + strings.Repeat("[a](", MaxMarks+1), "a.md:9:1: body: the paragraph has more than 500 emphasis marks"},
		"emphasis":              {strings.Repeat("*a_", MaxMarks), "a.md:7:1: body: the paragraph"},
		"quotes":                {strings.Repeat(">", MaxBodyNesting+1) + " x", "a.md:7:35: body: block quotes and lists are nested more than 32 levels deep"},
		"lists":                 {blockList(MaxBodyNesting + 1), "body: block quotes and lists are nested more than 32"},
		"ordered lists":         {strings.Repeat("1. ", MaxBodyNesting+1) + "x", "a.md:7:100: body: block quotes and lists"},
		"fence that is not one": {"```a`b\n" + strings.Repeat("[a](", MaxMarks+1), "a.md:7:1: body: the paragraph"},
		"fence in a list":       {"- x\n  ```\n" + strings.Repeat("[a](", MaxMarks+1), "a.md:7:1: body: the paragraph"},
		"too large":             {strings.Repeat("正", MaxBody/3+1), "a.md:7:1: body: is 2048 KB; at most 2048 KB are accepted"},
		// Lines the renderer reads as one paragraph, though they look
		// like rows or items: a header of more cells than its delimiter
		// row makes no table; nor does a delimiter row after a heading,
		// which has no header; a quote, a rule or a list item after a
		// table begins a paragraph of all the lines after it, and so
		// does one indented as a list item's text; an item of a number
		// other than 1 is more of the paragraph.
		"not a table":                  {"|a|b|c|\n|-|-|\n" + strings.Repeat("|"+strings.Repeat("[a", 100)+"|\n", 6), "a.md:7:1: body: the paragraph"},
		"indented item after a table":  {"-   | h |\n|-|-|\n    - " + strings.Repeat("_a*", 160) + "\n" + strings.Repeat("    a"+strings.Repeat("_a*", 160)+"\n", 3), "a.md:9:1: body: the paragraph"},
		"indented quote after a table": {"-   | h |\n|-|-|\n    > " + strings.Repeat("_a*", 160) + "\n" + strings.Repeat("    a"+strings.Repeat("_a*", 160)+"\n", 3), "a.md:9:1: body: the paragraph"},
		"table after a heading":        {"# a|b\n|-|-|\n" + strings.Repeat("|"+strings.Repeat("[a", 100)+"|\n", 6), "a.md:8:1: body: the paragraph"},
		"quote after a table":          {"|a|\n|-|\n> x\n" + strings.Repeat(strings.Repeat("[a", 100)+"\n", 6), "a.md:9:1: body: the paragraph"},
		"rule after a table":           {"|a|\n|-|\n***\n" + strings.Repeat(strings.Repeat("[a", 100)+"\n", 6), "a.md:9:1: body: the paragraph"},
		"item after a table":           {"|a|\n|-|\n- x\n" + strings.Repeat(strings.Repeat("[a", 100)+"\n", 6), "a.md:9:1: body: the paragraph"},
		"items numbered 2 on":          {"文字\n" + strings.Repeat("2. "+strings.Repeat("[a", 100)+"\n", 6), "a.md:7:1: body: the paragraph"},
	}
}

// bodyAcceptedCases are bodies within the limits that look close to them.
func bodyAcceptedCases() map[string]string {
	return map[string]string{
		"escaped marks":        strings.Repeat(`\*\[\_`, 2*MaxMarks),
		"underscores":          strings.Repeat("填报人：________ ", MaxMarks-1),
		"many paragraphs":      strings.Repeat(strings.Repeat("**粗体** [链接](https://example.org) ", 40)+"\n\n", 100),
		"nesting at the limit": strings.Repeat("> ", MaxBodyNesting) + "x\n\n" + blockList(MaxBodyNesting),
		"code":                 "```\n" + strings.Repeat(" ", 60) + "x\n```\n",
		// The renderer reads each table cell, list item and heading
		// apart: a long table of footnote marks, a long list, or many
		// headings, each within the limit, are ordinary.
		"long table": "| 项目 | 金额 |\n| --- | ---: |\n" + strings.Repeat("| 项目[1] | 12.5[2] |\n", 300),
		// A header of fewer cells than its delimiter row is padded.
		"short header":  "|项目|\n|---|---|\n" + strings.Repeat("| 项目[1] | 12.5[2] |\n", 300),
		"long list":     strings.Repeat("- 第一项 a_b_c\n", 300),
		"many headings": strings.Repeat("## 标题 [1]\n", 300),
		"numbered list": "1. " + strings.Repeat("[a", 400) + "\n" + strings.Repeat("1. "+strings.Repeat("[a", 400)+"\n", 5),
	}
}

// brokenInputs returns, by name, the file of every case of the tests
// above.
func brokenInputs(t testing.TB) map[string][]byte {
	in := map[string][]byte{}
	for name, tc := range nestingCases() {
		in["nesting/"+name] = []byte(minimal + tc.in + "\n---\n")
	}
	for name, s := range noFalseAlarmCases() {
		in["no false alarm/"+name] = []byte(minimal + s + "\n---\n")
	}
	in["nesting at the limit"] = atNestingLimit()
	for name, tc := range encodingCases(t) {
		in["encoding/"+name] = []byte(tc.in)
	}
	in["line ends/LF"] = []byte(lineEndsFile)
	for name, s := range lineEndCases() {
		in["line ends/"+name] = []byte(s)
	}
	for name, data := range limitCases() {
		in["limits/"+name] = data
	}
	for link := range sourceLinkCases() {
		in["source/"+link] = sourceLinkFile(link)
	}
	for name, tc := range bodyLimitCases() {
		in["body/"+name] = []byte(minimal + "---\n" + tc.body + "\n")
	}
	for name, body := range bodyAcceptedCases() {
		in["body accepted/"+name] = []byte(minimal + "---\n" + body + "\n")
	}
	return in
}

func blockList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// utf16 returns s in UTF-16, big-endian or little-endian, without a
// byte-order mark.
func utf16(s string, big bool) string {
	var b []byte
	for _, u := range utf16pkg.Encode([]rune(s)) {
		if big {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return string(b)
}
