package report

import (
	"strings"
	"testing"
)

// slipBase is a report laid out as the bundled content/hunan/taoyuan-2020.md,
// so that the lines of the slips below are those seen in that file.
const slipBase = `---
county: 桃源县
adcode: "430725"
prefecture: 常德市
province: 湖南省
department: 行政审批服务局
year: 2020
type: 整体支出
title: 桃源县行政审批服务局2020年整体支出绩效自评报告
unit: 万元
spending:
  total: 1530.53
  basic: 158.65
  project: 1312
  personnel: 129.55
  public: 29.1
income: 1354.42
sangong:
  total: 8.5
  abroad: null
  reception: 8.5
  vehicles: null
  change: 0.4
score: 97
grade: 优
staff:
  authorized: 25
  actual: 17
evidence:
  county: "桃源县行政审批服务局\n2020年整体支出绩效自评报告"
  spending.total: "2020年度公共预算财政拨款支出1530.53万元，其中："
review:
  - 核对金额
---
正文
`

// withLine returns slipBase with line n replaced by lines.
func withLine(n int, lines ...string) string {
	return withLines(n, n, lines...)
}

// withLines returns slipBase with lines n to m replaced by lines.
func withLines(n, m int, lines ...string) string {
	l := strings.Split(slipBase, "\n")
	l = append(l[:n-1:n-1], append(lines, l[m:]...)...)
	return strings.Join(l, "\n")
}

// TestSlipsAreSaidWhereTheyAre checks that the common slips in front matter
// are each reported on their own line and column, with their key and the
// fix, by both ways of reading front matter.
func TestSlipsAreSaidWhereTheyAre(t *testing.T) {
	if _, err := Parse("a.md", []byte(slipBase)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, in string
		want     []string // the errors, each whole
	}{
		{"full-width colon", withLine(24, "score：97"),
			[]string{`a.md:24:6: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"full-width colon and space", withLine(24, "score： 97"),
			[]string{`a.md:24:6: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"space and full-width colon", withLine(24, "score ：97"),
			[]string{`a.md:24:7: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"full-width colon in a nested mapping", withLine(28, "  actual：17"),
			[]string{`a.md:28:9: staff.actual: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"full-width colon, the one key of a nested mapping", withLines(27, 28, "  actual：17"),
			[]string{`a.md:27:9: staff.actual: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"no space after the colon", withLine(24, "score:97"),
			[]string{`a.md:24:6: score: no space after the colon; use ": " (冒号后面要加一个空格)`}},
		{"no space after the colon, the one key of a nested mapping", withLines(27, 28, "  actual:17"),
			[]string{`a.md:27:9: staff.actual: no space after the colon; use ": " (冒号后面要加一个空格)`}},
		{"full-width space after the colon", withLine(24, "score:\u300097"),
			[]string{`a.md:24:7: score: full-width space after the colon; use a half-width space (冒号后面请用半角空格)`}},
		{"full-width space before the colon", withLine(24, "score\u3000: 97"),
			[]string{`a.md:24:6: score: full-width space in the key; remove it (请删除键名中的全角空格)`}},
		{"full-width space as indentation", withLine(13, "\u3000basic: 158.65"),
			[]string{`a.md:13:1: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are (第 13 行的 basic 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，与 spending 下的其他键对齐)`}},
		{"full-width space before a top-level key", withLine(11, "\u3000spending:"),
			[]string{`a.md:11:1: spending: a full-width space is not indentation in YAML; delete it: a top-level key starts at the beginning of the line (第 11 行的 spending 前面用了全角空格，全角空格不能用来缩进：spending 是顶层的键，请删除全角空格，顶格写)`}},
		{"full-width space on an empty line", withLines(11, 10, "\u3000"),
			[]string{`a.md:11:1: full-width space on an otherwise empty line; delete it (请删除空行中的全角空格)`}},
		{"full-width space as the first nested key's indentation", withLines(12, 16, "\u3000total: 1530.53"),
			[]string{`a.md:12:1: spending.total: a full-width space is not indentation in YAML; indent total by 2 spaces instead, under spending (第 12 行的 total 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，写在 spending 下面)`}},
		{"full-width space after the spaces of a nested key", withLine(13, "  \u3000basic: 158.65"),
			[]string{`a.md:13:3: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are`}},
		{"full-width space before the second key of a nested mapping", withLines(12, 16, "  total: 1530.53", "\u3000basic: 158.65"),
			[]string{`a.md:13:1: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are`}},
		{"tab as indentation", withLine(13, "\tbasic: 158.65"),
			[]string{`a.md:13:1: spending.basic: a tab is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are (第 13 行的 basic 前面用了 Tab，Tab 不能用来缩进：请改为 2 个半角空格，与 spending 下的其他键对齐)`}},
		{"tabs as indentation", withLines(26, 33, "staff:", "\tauthorized: 25", "\tactual: 17", "review:", "\t- 核对金额"),
			[]string{`a.md:27:1: staff.authorized: a tab is not indentation in YAML; indent authorized by 2 spaces instead, under staff (第 27 行的 authorized 前面用了 Tab，Tab 不能用来缩进：请改为 2 个半角空格，写在 staff 下面)`,
				`a.md:28:1: staff.actual: a tab is not indentation in YAML; indent actual by 2 spaces instead, under staff`,
				`a.md:30:1: review: a tab is not indentation in YAML; indent with spaces (Tab 不能用来缩进，请改用半角空格)`}},
		// A full-width space before a key under an open nested mapping
		// makes it a key of that mapping, whatever its name: the key
		// also named at the top level, with other keys or none.
		{"full-width space before a figure's evidence", withLine(31, `  spending.total: "x"`, "\u3000income: \"a\""),
			[]string{`a.md:32:1: evidence.income: a full-width space is not indentation in YAML; indent income by 2 spaces instead, as the other keys of evidence are (第 32 行的 income 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，与 evidence 下的其他键对齐)`}},
		{"full-width space before two figures' evidence", withLine(31, `  spending.total: "x"`, "\u3000income: \"a\"", "\u3000score: \"b\""),
			[]string{`a.md:32:1: evidence.income: a full-width space is not indentation in YAML; indent income by 2 spaces instead, as the other keys of evidence are`,
				`a.md:33:1: evidence.score: a full-width space is not indentation in YAML; indent score by 2 spaces instead, as the other keys of evidence are`}},
		{"full-width space before a top-level key's name under staff", withLine(28, "  actual: 17", "\u3000score: 97"),
			[]string{`a.md:29:1: staff.score: a full-width space is not indentation in YAML; indent score by 2 spaces instead, as the other keys of staff are`}},
		{"full-width space before the one key of evidence", withLines(30, 31, "\u3000year: \"2020年\""),
			[]string{`a.md:30:1: evidence.year: a full-width space is not indentation in YAML; indent year by 2 spaces instead, under evidence (第 30 行的 year 前面用了全角空格，全角空格不能用来缩进：请改为 2 个半角空格，写在 evidence 下面)`}},
		{"full-width space before a top-level key's name under staff, with another slip", replaced(slipBase, "score: 97\n", "score：97\n", "  actual: 17\n", "  actual: 17\n\u3000grade: 优\n"),
			[]string{`a.md:24:6: score: full-width colon`,
				`a.md:29:1: staff.grade: a full-width space is not indentation in YAML; indent grade by 2 spaces instead, as the other keys of staff are`}},
		{"full-width space after a top-level value", withLine(25, "\u3000grade: 优"),
			[]string{`a.md:25:1: grade: a full-width space is not indentation in YAML; delete it: a top-level key starts at the beginning of the line`}},
		// After a flow mapping, which its "}" closes, a key indented by a
		// full-width space goes inside the braces.
		{"full-width space after a flow mapping", withLines(26, 28, "staff: {actual: 17}", "\u3000authorized: 25"),
			[]string{`a.md:27:1: staff.authorized: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put authorized inside the braces, as staff: {actual: 17, authorized: 25} (第 27 行的 authorized 前面用了全角空格，全角空格不能用来缩进：staff 的各项写在花括号 {} 里，请把 authorized 写进括号内，如 staff: {actual: 17, authorized: 25})`}},
		{"full-width space before two keys after a flow mapping", withLines(26, 28, "staff: {actual: 17}", "\u3000authorized: 25", "\u3000basic: 1"),
			[]string{`a.md:27:1: staff.authorized: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put authorized inside the braces, as staff: {actual: 17, authorized: 25}`,
				`a.md:28:1: staff.basic: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put basic inside the braces, as staff: {actual: 17, basic: 1}`}},
		{"full-width space after a flow mapping, with another slip", replaced(slipBase, "score: 97\n", "score：97\n", "staff:\n  authorized: 25\n  actual: 17\n", "staff: { actual: 17 }  # 编制\n\u3000authorized: 25  # 注释\n"),
			[]string{`a.md:24:6: score: full-width colon`,
				`a.md:27:1: staff.authorized: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put authorized inside the braces, as staff: { actual: 17, authorized: 25 } (`}},
		{"tab after an empty flow mapping, with another slip", replaced(slipBase, "score: 97\n", "score：97\n", "staff:\n  authorized: 25\n  actual: 17\n", "staff: {}\n\tauthorized: 25\n"),
			[]string{`a.md:24:6: score: full-width colon`,
				`a.md:27:1: staff.authorized: a tab is not indentation in YAML; staff is a flow mapping, closed by its "}": put authorized inside the braces, as staff: {authorized: 25} (第 27 行的 authorized 前面用了 Tab，Tab 不能用来缩进：staff 的各项写在花括号 {} 里，请把 authorized 写进括号内，如 staff: {authorized: 25})`}},
		{"full-width space after a flow mapping over lines", withLines(26, 28, "staff: {actual: 17,", "  authorized: 25}", "\u3000basic: 1"),
			[]string{`a.md:28:1: staff.basic: a full-width space is not indentation in YAML; staff is a flow mapping, closed by its "}": put basic inside the braces (第 28 行的 basic 前面用了全角空格，全角空格不能用来缩进：staff 的各项写在花括号 {} 里，请把 basic 写进括号内)`}},
		{"tab on an empty line", withLines(11, 10, "\t"),
			[]string{`a.md:11:1: tab on an otherwise empty line; delete it (请删除空行中的 Tab)`}},
		{"one space too many", withLine(13, "   basic: 158.65"),
			[]string{`a.md:13:4: spending.basic: wrong indentation: basic has 3 spaces before it; indent it by 2 spaces, as the other keys of spending are (缩进不一致：第 13 行的 basic 前面有 3 个空格，应改为 2 个，与 spending 下的其他键对齐)`}},
		{"one space too few", withLine(13, " basic: 158.65"),
			[]string{`a.md:13:2: spending.basic: wrong indentation: basic has 1 space before it; indent it by 2 spaces, as the other keys of spending are (缩进不一致：第 13 行的 basic 前面有 1 个空格，应改为 2 个，与 spending 下的其他键对齐)`}},
		{"first nested key indented more", withLine(12, "   total: 1530.53"),
			[]string{`a.md:12:4: spending.total: wrong indentation: total has 3 spaces before it; indent it by 2 spaces, as the other keys of spending are (缩进不一致：第 12 行的 total 前面有 3 个空格，应改为 2 个，与 spending 下的其他键对齐)`}},
		{"as many keys indented each way", withLines(26, 28, "staff:", "   authorized: 25", "  actual: 17"),
			[]string{`a.md:28:3: staff.actual: wrong indentation: actual has 2 spaces before it; indent it by 3 spaces, as the other keys of staff are (缩进不一致：第 28 行的 actual 前面有 2 个空格，应改为 3 个，与 staff 下的其他键对齐)`}},
		{"a top-level key indented", withLine(24, " score: 97"),
			[]string{`a.md:24:2: score: wrong indentation: score has 1 space before it; delete it: a top-level key starts at the beginning of the line (缩进不一致：第 24 行的 score 是顶层的键，应顶格写，请删除前面的 1 个空格)`}},
		{"unclosed double quote", withLine(9, `title: "桃源县行政审批服务局2020年整体支出绩效自评报告`),
			[]string{`a.md:9:8: title: unclosed quote: add the closing " at the end of the value (引号没有闭合)`}},
		{"unclosed single quote", withLine(9, `title: '桃源县行政审批服务局2020年整体支出绩效自评报告`),
			[]string{`a.md:9:8: title: unclosed quote: add the closing ' at the end of the value (引号没有闭合)`}},
		{"unclosed quote in a nested mapping", withLine(31, `  spending.total: "2020年度公共预算财政拨款支出1530.53万元，其中：`),
			[]string{`a.md:31:19: evidence.spending.total: unclosed quote: add the closing " at the end of the value (引号没有闭合)`}},
		{"unclosed quote in a list", withLine(33, `  - "核对金额`),
			[]string{`a.md:33:5: review: unclosed quote: add the closing " at the end of the value (引号没有闭合)`}},
		{"unclosed brace", withLines(11, 16, "spending: {total: 1530.53, basic: 158.65"),
			[]string{`a.md:11:11: spending: unclosed "{": add the closing "}" (括号没有闭合)`}},
		// A key with no value, then a key with a slip at its
		// indentation, which the YAML parser reads as its text: a space
		// before the colon, or a full-width one.
		{"space before a colon with none after, after an empty value", withLine(9, "title:", "score :97"),
			[]string{`a.md:10:7: score: no space after the colon; use ": " (冒号后面要加一个空格)`}},
		{"full-width space in a key, after an empty value", withLine(9, "title:", "score\u3000:97"),
			[]string{`a.md:10:6: score: full-width space in the key; remove it (请删除键名中的全角空格)`}},
		{"space and full-width colon, after an empty value", withLine(9, "title:", "score ：97"),
			[]string{`a.md:10:7: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		// The YAML parser skips a tab before the very first key.
		{"tab before the first key", withLine(2, "\tcounty: 桃源县"),
			[]string{`a.md:2:1: county: a tab is not indentation in YAML; delete it: a top-level key starts at the beginning of the line (第 2 行的 county 前面用了 Tab，Tab 不能用来缩进：county 是顶层的键，请删除 Tab，顶格写)`}},
		// The YAML parser takes the characters after \x, \u or \U for
		// hex digits, a closing quote among them.
		{"escape without its hex digits", withLine(9, `title: "某县\x"0"`),
			[]string{`a.md:9:11: title: the escape \x in quoted text must be followed by 2 hexadecimal digits; to write a backslash, write \\ or put the value in single quotes (引号内的 \x 后面必须跟 2 位十六进制数字；要写反斜杠本身，请写成 \\ 或改用单引号)`}},
		{"a Windows path in double quotes", withLine(9, `source: "D:\Users\报告.pdf"`),
			[]string{`a.md:9:12: source: the escape \U in quoted text must be followed by 8 hexadecimal digits`}},
		{"unclosed quote in brackets", withLines(18, 23, `sangong: [1, "2]`),
			[]string{`a.md:18:14: sangong: unclosed quote: add the closing " where the quoted text ends (引号没有闭合：请在引号内文字的末尾补上 ")`}},
		{"unclosed quote in braces", withLines(26, 28, `staff: {actual: 17, authorized: '25}`),
			[]string{`a.md:26:33: staff: unclosed quote: add the closing ' where the quoted text ends`}},
		{"ASCII quotes inside a double-quoted value", withLine(9, `title: "某县"三公"经费报告"`),
			[]string{`a.md:9:11: title: text after the closing ": a " inside the value ends it; write the quotes inside it as Chinese “” or 「」, or put the whole value in single quotes, as "某县“三公”经费报告" or '某县"三公"经费报告' (值里面的引号请改用中文引号“”或「」，或者把整个值改用单引号括起来)`}},
		{"ASCII quotes inside a single-quoted value", withLine(9, `title: '某县'三公'经费报告'  # 注释`),
			[]string{`a.md:9:11: title: text after the closing ': a ' inside the value ends it; write the quotes inside it as Chinese “” or 「」, or put the whole value in double quotes, as '某县“三公”经费报告' or "某县'三公'经费报告" (值里面的引号请改用中文引号“”或「」，或者把整个值改用双引号括起来)`}},
		{"text after a quoted value", withLine(9, `title: "某县" 报告`),
			[]string{`a.md:9:11: title: text after the closing ": a " inside the value ends it; write the quotes inside it as Chinese “” or 「」, or put the whole value in single quotes (值里面的引号请改用中文引号“”或「」，或者把整个值改用单引号括起来)`}},
		{"ASCII quotes inside a quoted list item", withLine(33, `  - "核对"三公"经费"`),
			[]string{`a.md:33:8: review: text after the closing "`}},
		{"duplicate key in a nested mapping", withLines(28, 28, "  actual: 17", "  actual: 18"),
			[]string{`a.md:29:3: staff.actual: duplicate key, first given at line 28`}},
		{"duplicate key at the top level", withLines(24, 25, "score: 97", "grade: 优", "score: 98"),
			[]string{`a.md:26:1: score: duplicate key, first given at line 24`}},
		{"duplicate key in a flow mapping", withLines(11, 16, "spending: {total: 1, total: 2}"),
			[]string{`a.md:11:22: spending.total: duplicate key, first given at line 11, column 12; remove one of them (这一项重复了：第 11 行第 12 列已经写过，请删除其中一个)`}},
		{"duplicate evidence", withLines(31, 31, `  spending.total: "甲"`, `  spending.total: "乙"`),
			[]string{`a.md:32:3: evidence.spending.total: duplicate key, first given at line 31`}},
		{"colon and space in a value", withLine(9, "title: 报告: 第一部分"),
			[]string{`a.md:9:10: title: ": " inside the value; put the whole value in quotes, or write the colon full-width "：" (值中有“: ”时请给整个值加引号)`}},
		{"several slips", withLines(19, 28, "  total: 8.5", " abroad: null", "  reception：8.5", "  vehicles: null", "  change: 0.4", "score：97", "grade:优", "staff:", "\tauthorized: 25", "   actual: 17"),
			[]string{`a.md:20:2: sangong.abroad: wrong indentation: abroad has 1 space before it; indent it by 2 spaces, as the other keys of sangong are`,
				`a.md:21:12: sangong.reception: full-width colon`, `a.md:24:6: score: full-width colon`, `a.md:25:6: grade: no space after the colon`,
				`a.md:27:1: staff.authorized: a tab is not indentation in YAML; indent authorized by 3 spaces instead, as the other keys of staff are`}},
		{"every colon full-width", "---\ncounty：甲县\ndepartment：局\nyear：2020\ntype：整体支出\n---\n",
			[]string{`a.md:2:7: county: full-width colon`, `a.md:3:11: department: full-width colon`, `a.md:4:5: year: full-width colon`, `a.md:5:5: type: full-width colon`}},
		{"no space after the colon, after a key with no value", withLines(24, 25, "grade:", "score:97"),
			[]string{`a.md:25:6: score: no space after the colon; use ": " (冒号后面要加一个空格)`}},
		{"full-width colon, after a nested key with no value", withLines(27, 28, "  authorized:", "  actual：17"),
			[]string{`a.md:28:9: staff.actual: full-width colon`}},
		// Spaces and invisible characters as Word and web pages write
		// them: said as what they are, where they are.
		{"a non-breaking space after the colon", withLine(10, "unit:\u00a0万元"),
			[]string{`a.md:10:6: unit: after the colon, not an ordinary space but a non-breaking space (U+00A0), as Word writes it; delete it and type an ordinary space (冒号后面不是普通空格，而是一个特殊空格（不间断空格 U+00A0），多见于从 Word 复制的文字：请删除它，改为输入一个半角空格)`}},
		{"a zero-width space after the colon, then a space", withLine(13, "  basic:\u200b 158.65"),
			[]string{`a.md:13:9: spending.basic: after the colon, an invisible character, a zero-width space (U+200B), as text copied from Word or a web page carries; delete it (冒号后面有一个看不见的字符（零宽空格 U+200B），多见于从 Word 或网页复制的文字：请删除它)`}},
		{"a word joiner after the colon, and no space", withLine(24, "score:\u206097"),
			[]string{`a.md:24:7: score: no space after the colon, but an invisible character, a word joiner (U+2060), as text copied from Word or a web page carries; delete it and type an ordinary space (冒号后面没有空格，而有一个看不见的字符（词连接符 U+2060），多见于从 Word 或网页复制的文字：请删除它，改为输入一个半角空格)`}},
		{"a non-breaking space after the colon of a mapping's one key", withLines(27, 28, "  actual:\u00a017"),
			[]string{`a.md:27:10: staff.actual: after the colon, not an ordinary space but a non-breaking space (U+00A0)`}},
		{"non-breaking spaces as indentation", withLine(13, "\u00a0\u00a0basic: 158.65"),
			[]string{`a.md:13:1: spending.basic: before the key, a non-breaking space (U+00A0), as Word writes it: YAML does not read it as indentation; delete it, and indent with ordinary spaces where the key is indented (键名前面有一个特殊空格（不间断空格 U+00A0），多见于从 Word 复制的文字，不能用来缩进：请删除它；需要缩进时请用半角空格)`}},
		{"a zero-width space before a nested key", withLine(13, "  \u200bbasic: 158.65"),
			[]string{`a.md:13:3: spending.basic: before the key, an invisible character, a zero-width space (U+200B), as text copied from Word or a web page carries; delete it (键名前面有一个看不见的字符（零宽空格 U+200B），多见于从 Word 或网页复制的文字：请删除它)`}},
		{"a byte order mark before a key", withLine(24, "\ufeffscore: 97"),
			[]string{`a.md:24:1: score: before the key, an invisible character, a byte order mark (U+FEFF), as text copied from Word or a web page carries; delete it (`}},
		{"a word joiner in a key", withLine(13, "  ba\u2060sic: 158.65"),
			[]string{`a.md:13:5: spending.basic: the key holds an invisible character, a word joiner (U+2060), as text copied from Word or a web page carries; delete it, to leave basic (键名中有一个看不见的字符（词连接符 U+2060），多见于从 Word 或网页复制的文字：请删除它，只留下 basic)`}},
		{"a non-breaking space before the colon", withLine(24, "score\u00a0: 97"),
			[]string{`a.md:24:6: score: the key holds a non-breaking space (U+00A0), as Word writes it; delete it, to leave score (`}},
		{"a byte order mark in an amount", withLine(13, "  basic: \ufeff158.65"),
			[]string{`a.md:13:10: spending.basic: the value holds an invisible character, a byte order mark (U+FEFF), as text copied from Word or a web page carries; delete it, to leave 158.65 (值里有一个看不见的字符（字节顺序标记 U+FEFF），多见于从 Word 或网页复制的文字：请删除它，只留下 158.65)`}},
		{"a zero-width space after a year", withLine(7, "year: 2020\u200b"),
			[]string{`a.md:7:11: year: the value holds an invisible character, a zero-width space (U+200B)`}},
		{"a non-breaking space before a comment", withLine(24, "score: 97\u00a0  # 注释"),
			[]string{`a.md:24:10: score: the value holds a non-breaking space (U+00A0), as Word writes it; delete it, to leave 97 (`}},
		{"a non-breaking space before the unit", withLine(10, "unit: \u00a0万元"),
			[]string{`a.md:10:7: unit: the value holds a non-breaking space (U+00A0), as Word writes it; delete it, to leave 万元 (值里有一个特殊空格（不间断空格 U+00A0），多见于从 Word 复制的文字：请删除它，只留下 万元)`}},
		{"a zero-width space in quotes where text is no free text", withLine(8, `type: "整体\u200b支出"`),
			[]string{`a.md:8:10: type: the value holds an invisible character, a zero-width space (U+200B)`}},
		{"a narrow non-breaking space in a count", withLine(28, "  actual: 1\u202f7"),
			[]string{`a.md:28:12: staff.actual: the value holds a narrow non-breaking space (U+202F), as Word writes it; delete it, to leave 17 (`}},
		// A value on the line of a mapping whose keys follow: said once,
		// there, not as a wrong indentation of each key below.
		{"a number after spending, then its keys", withLine(11, "spending: 1530.53"),
			[]string{`a.md:12:3: spending: spending has the number 1530.53 on its line 11 and keys indented on the lines below it, from total here: write a mapping one way, either every key inside {…} on its line, or nothing after "spending:" and each key on its own indented line: here, delete 1530.53 after "spending:", or, if it is the total and no total: follows, move it below as total: 1530.53 (spending 冒号后面写了 1530.53，下面又逐行缩进写了各项，只能用一种写法：要么全部写进同一行的 {…} 里，要么 spending: 后面什么都不写、每项各占一行缩进写在下面。这里请删除第 11 行 spending: 后面的 1530.53；如果它是合计数而下面没有 total:，请把它移到下面，写作 total: 1530.53)`}},
		{"a number after sangong, then its keys", withLine(18, "sangong: 8.5"),
			[]string{`a.md:19:3: sangong: sangong has the number 8.5 on its line 18 and keys indented on the lines below it, from total here: write a mapping one way, either every key inside {…} on its line, or nothing after "sangong:" and each key on its own indented line: here, delete 8.5 after "sangong:", or, if it is the total and no total: follows, move it below as total: 8.5 (`}},
		{"a number after staff, then its keys", withLine(26, "staff: 25"),
			[]string{`a.md:27:3: staff: staff has the number 25 on its line 26 and keys indented on the lines below it, from authorized here: write a mapping one way, either every key inside {…} on its line, or nothing after "staff:" and each key on its own indented line: here, delete 25 after "staff:" (staff 冒号后面写了 25，下面又逐行缩进写了各项，只能用一种写法：要么全部写进同一行的 {…} 里，要么 staff: 后面什么都不写、每项各占一行缩进写在下面。这里请删除第 26 行 staff: 后面的 25)`}},
		{"a number after spending and a full-width colon, then its keys", withLine(11, "spending：1530.53"),
			[]string{`a.md:11:9: spending: full-width colon`, `a.md:12:3: spending: spending has the number 1530.53 on its line 11 and keys indented on the lines below it, from total here`}},
		{"null after spending, then its keys", withLine(11, "spending: null  # 无"),
			[]string{`a.md:12:3: spending: spending has null on its line 11 and keys indented on the lines below it, from total here: write a mapping one way, either every key inside {…} on its line, or nothing after "spending:" and each key on its own indented line: here, delete null after "spending:" (`}},
		{"text after evidence, then its keys", withLine(29, `evidence: "见下"`),
			[]string{`a.md:30:3: evidence: evidence has text "见下" on its line 29 and keys indented on the lines below it, from county here: write a mapping one way, either every key inside {…} on its line, or nothing after "evidence:" and each key on its own indented line: here, delete "见下" after "evidence:" (`}},
		// A value mended of another slip is quoted as written, not as
		// the null it was mended to.
		{"an unclosed brace after sangong, then its keys", withLine(18, "sangong: {total: 8.5"),
			[]string{`a.md:18:10: sangong: unclosed "{"`, `a.md:19:3: sangong: sangong has text {total: 8.5 on its line 18 and keys indented on the lines below it, from total here: write a mapping one way, either every key inside {…} on its line, or nothing after "sangong:" and each key on its own indented line: here, delete {total: 8.5 after "sangong:" (`}},
		{"an unclosed quote after sangong, then its keys", withLine(18, `sangong: "8.5`),
			[]string{`a.md:18:10: sangong: unclosed quote`, `a.md:19:3: sangong: sangong has text "8.5 on its line 18 and keys indented`}},
		{"a colon in the value after sangong, then its keys", withLine(18, "sangong: 合计: 8.5"),
			[]string{`a.md:18:12: sangong: ": " inside the value`, `a.md:19:3: sangong: sangong has text 合计: 8.5 on its line 18 and keys indented`}},
		// A mapping in braces on its line and keys indented below it (the
		// README's one-line form pasted above new's indented keys): said
		// once, at the first key below, with the mapping that holds all.
		{"spending in braces, then its keys", withLine(11, "spending: {total: 1530.53, basic: 158.65}"),
			[]string{`a.md:12:3: spending: spending is written two ways, in {…} on its line 11 and as keys indented on the lines below it, from total here: write a mapping one way: either every key inside {…} on its line, and no key below, as spending: {total: 1530.53, basic: 158.65, project: 1312, personnel: 129.55, public: 29.1}; total, basic given both ways: keep one value of each; or nothing after "spending:" and each key on its own line below, indented (spending 写成了两种形式：第 11 行冒号后面的 {…} 里有，下面几行又缩进写了，只能用一种写法：要么全部写进同一行的 {…} 里，下面不再写，如 spending: {total: 1530.53, basic: 158.65, project: 1312, personnel: 129.55, public: 29.1}；total, basic 两处都写了，请只保留一个值；要么 spending: 后面什么都不写，每项各占一行，缩进写在下面)`}},
		{"sangong in braces, then its other keys", withLines(18, 19, "sangong: {total: 8.5}  # 三公"),
			[]string{`a.md:19:3: sangong: sangong is written two ways, in {…} on its line 18 and as keys indented on the lines below it, from abroad here: write a mapping one way: either every key inside {…} on its line, and no key below, as sangong: {total: 8.5, abroad: null, reception: 8.5, vehicles: null, change: 0.4}; or nothing after "sangong:" and each key on its own line below, indented (`}},
		// Text after the closing brace: no mapping that holds all is
		// given, however many keys follow (this crashed the parser once:
		// FuzzParse).
		{"sangong in braces with text after them, then its other keys", withLines(18, 19, "sangong: {total: 8.5}0"),
			[]string{`a.md:19:3: sangong: sangong is written two ways, in {…} on its line 18 and as keys indented on the lines below it, from abroad here: write a mapping one way: either every key inside {…} on its line, and no key below; or nothing after "sangong:" and each key on its own line below, indented (`}},
		{"staff in empty braces, then its keys, one with a full-width colon", withLines(26, 28, "staff: {}", "  authorized: 25", "  actual：17"),
			[]string{`a.md:27:3: staff: staff is written two ways, in {…} on its line 26 and as keys indented on the lines below it, from authorized here: write a mapping one way: either every key inside {…} on its line, and no key below; or nothing after "staff:" and each key on its own line below, indented (`}},
		// A Chinese name of a key, with its colon as a Chinese input
		// method types it.
		{"a Chinese name with a full-width colon", withLine(10, "三公经费：8.5"),
			[]string{`a.md:10:1: sangong: 三公经费 is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean sangong? (键名要用英文，后面是半角冒号和空格：是不是要写 sangong？)`}},
		{"an ambiguous Chinese name", withLine(10, "单位：万元"),
			[]string{`a.md:10:1: 单位 is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean department or unit? (键名要用英文，后面是半角冒号和空格：是不是要写 department 或 unit？)`}},
		{"a Chinese name of a nested key", withLine(13, "  基本支出：158.65"),
			[]string{`a.md:13:3: spending.basic: 基本支出 is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean basic? (`}},
		{"a Chinese name of a mapping, with its keys", withLine(11, "支出："),
			[]string{`a.md:11:1: spending: 支出 is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean spending? (`}},
		{"a Chinese name with no space after its colon, after a key with no value", withLine(9, "title:", "三公经费:8.5"),
			[]string{`a.md:10:1: sangong: 三公经费 is no key: keys are English words,`}},
		{"a Chinese name, the one key of a nested mapping", withLines(27, 28, "  编制：25"),
			[]string{`a.md:27:3: staff.authorized: 编制 is no key: keys are English words,`}},
		{"a non-breaking space after a list item's dash", withLine(33, "  -\u00a0核对金额"),
			[]string{`a.md:33:4: review: after the "-" of a list item, not an ordinary space but a non-breaking space (U+00A0), as Word writes it; delete it and type an ordinary space (列表项的“-”后面不是普通空格，而是一个特殊空格（不间断空格 U+00A0），多见于从 Word 复制的文字：请删除它，改为输入一个半角空格)`}},
		{"a zero-width space after the dash of a second item", withLine(33, "  - 核对金额", "  -\u200b核对"),
			[]string{`a.md:34:4: review: no space after the "-" of a list item, but an invisible character, a zero-width space (U+200B), as text copied from Word or a web page carries; delete it and type an ordinary space (`}},
		{"a non-breaking space after the dash of a first item over lines", withLine(33, "  -\u00a0核对", "  - 金额"),
			[]string{`a.md:33:4: review: after the "-" of a list item, not an ordinary space but a non-breaking space (U+00A0)`}},
		// A line of only "-" where a list item is expected.
		{"an empty list item", withLine(33, "  -"),
			[]string{`a.md:33:3: review: an empty item: write its text after the "- ", or delete the line (这一项是空的：请在“- ”后面写上内容，或删除这一行)`}},
		{"an empty list item with a space, then another", withLine(33, "  - ", "  - 核对金额"),
			[]string{`a.md:33:3: review: an empty item: write its text after the "- ", or delete the line`}},
		{"an empty item of discrepancies", withLine(33, "  - 核对金额", "discrepancies:", "- 甲与乙不符", "-"),
			[]string{`a.md:36:1: discrepancies: an empty item: write its text after the "- ", or delete the line`}},
		{"a number cut by its thousands separator in braces, with a pair after it", withLines(11, 16, "spending: {total: 1,530.53, basic: 158.65}"),
			[]string{`a.md:11:19: spending.total: expected an amount such as 1530.53, got 1,530.53, which its commas cut apart: inside braces { } a comma separates pairs; write 1530.53, without the thousands separators (`}},
		// Typed with a Chinese input method: a full-width colon before
		// braces, whose keys are far to the right but nest nothing;
		// full-width braces; full-width commas between their pairs.
		{"a full-width colon before braces", withLines(11, 16, "spending：{total: 1530.53, basic: 158.65, project: 1312, personnel: 129.55, public: 29.1}"),
			[]string{`a.md:11:9: spending: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"full-width braces", withLines(11, 16, "spending: ｛total: 1530.53, basic: 158.65, project: 1312｝"),
			[]string{`a.md:11:11: spending: full-width "｛": write the brackets half-width, as {…} (括号请用半角的 { })`}},
		{"full-width commas in braces", withLines(11, 16, "spending: {total: 1530.53，basic: 158.65，project: 1312}"),
			[]string{`a.md:11:19: spending.total: expected an amount such as 1530.53, null or 无法识别, got text "1530.53，basic: 158.65，project: 1312"; the full-width comma "，" does not part the keys inside {…}: write a half-width comma, ", " ({…} 中各项之间请用半角逗号“,”分隔)`}},
		// A dash for a figure the report does not give, as Chinese
		// tables write it, which the YAML parser reads as a list's item.
		{"a dash for a figure", withLine(20, "  abroad: -"),
			[]string{`a.md:20:11: sangong.abroad: "-" is a dash, not a value: write null if the report does not give the figure, which pages show as 未披露, or 0 if the report says it is zero (横线“-”不是数值：报告没有给出的写 null（页面显示为未披露），报告写明为零的写 0)`}},
		{"a dash for a count, with a comment, and another slip", replaced(slipBase, "  actual: 17\n", "  actual: -  # 无\n", "score: 97\n", "score：97\n"),
			[]string{`a.md:24:6: score: full-width colon`, `a.md:28:11: staff.actual: "-" is a dash, not a value: write null if the report does not give the figure`}},
		{"a dash for text", withLine(9, "title: -"),
			[]string{`a.md:9:8: title: "-" is a dash, not a value: write null, or delete the line, if the report does not give it (横线“-”不是有效的值：报告没有给出的写 null 或删除这一行)`}},
		{"a dash for a mapping", withLines(26, 28, "staff: -"),
			[]string{`a.md:26:8: staff: "-" is a dash, not a value: write null, or delete the line, if the report does not give it (`}},
		// A list's item indented otherwise than the others: said at
		// the item, with the list's name and the indentation of its
		// items.
		{"an item of discrepancies indented one space too few", withLines(32, 33, "discrepancies:", `  - "甲与乙不符。"`, ` - "丙与丁不符。"`, `  - "戊与己不符。"`),
			[]string{`a.md:34:2: discrepancies: wrong indentation: this item has 1 space before its "-"; indent it by 2 spaces, as the other items of discrepancies are, each on a line of its own, written "  - …" (缩进不一致：第 34 行这一项的“-”前面有 1 个空格，应改为 2 个，与 discrepancies 下的其他各项对齐：每项各占一行，写作“  - …”)`}},
		{"an item of discrepancies indented two spaces too many", withLines(32, 33, "discrepancies:", `  - "甲与乙不符。"`, `    - "丙与丁不符。"  # 注释`, `  - "戊与己不符。"`),
			[]string{`a.md:34:5: discrepancies: wrong indentation: this item has 4 spaces before its "-"; indent it by 2 spaces, as the other items of discrepancies are, each on a line of its own, written "  - …" (`}},
		{"the first item of discrepancies indented otherwise", withLines(32, 33, "discrepancies:", ` - "甲与乙不符。"`, `  - "丙与丁不符。"`, `  - "戊与己不符。"`),
			[]string{`a.md:33:2: discrepancies: wrong indentation: this item has 1 space before its "-"; indent it by 2 spaces, as the other items of discrepancies are`}},
		{"an item of discrepancies not indented", withLines(32, 33, "discrepancies:", `  - "甲与乙不符。"`, `-   "丙与丁不符。"`),
			[]string{`a.md:34:1: discrepancies: wrong indentation: this item has no space before its "-"; indent it by 2 spaces, as the other items of discrepancies are, each on a line of its own, written "  - …" (缩进不一致：第 34 行这一项的“-”前面没有空格，应加 2 个，与 discrepancies 下的其他各项对齐：每项各占一行，写作“  - …”)`}},
		{"an item of discrepancies indented, the others not", withLines(32, 33, "discrepancies:", `- "甲与乙不符。"`, `  - "丙与丁不符。"`, `- "戊与己不符。"`),
			[]string{`a.md:34:3: discrepancies: wrong indentation: this item has 2 spaces before its "-"; delete them: the other items of discrepancies begin at the beginning of the line, each on a line of its own, written "- …" (缩进不一致：第 34 行这一项的“-”前面有 2 个空格，请删除，与 discrepancies 下的其他各项对齐：每项各占一行，写作“- …”)`}},
		{"an item of review indented one space too few, and another slip", replaced(slipBase, "  - 核对金额\n", "  - 核对金额\n - 核对人数\n", "score: 97\n", "score：97\n"),
			[]string{`a.md:24:6: score: full-width colon`, `a.md:34:2: review: wrong indentation: this item has 1 space before its "-"; indent it by 2 spaces, as the other items of review are`}},
		{"a line indented under an item of plain text, and another slip", replaced(slipBase, "  - 核对金额\n", "  - 核对金额\n    - 再核对人数\n", "score: 97\n", "score：97\n"),
			[]string{`a.md:24:6: score: full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`}},
		{"no space after any colon", "---\ncounty:甲县\ndepartment:局\n---\n",
			[]string{`a.md:1:1: year: required key is missing`, `a.md:1:1: type: required key is missing`,
				`a.md:2:7: county: no space after the colon`, `a.md:3:11: department: no space after the colon`}},
	} {
		wantErrors(t, tc.name, tc.in, tc.want)
	}
}

// TestSlipsKeepLegalText checks that what only looks like a slip inside
// text is not one: a full-width colon in a title or sentence, a colon
// without a space in text, and lines inside quoted text, block scalars
// and text continued on the next line.
func TestSlipsKeepLegalText(t *testing.T) {
	for _, in := range []string{
		withLine(9, "title: 关于：桃源县行政审批服务局2020年整体支出绩效自评报告"),
		withLine(9, `title: "关于：报告"`),
		withLine(9, "title: 报告 12:30 http://example.org/a"),
		withLine(9, "title: 很长的", "  标题：续", "  a:b"),
		// A title on the line after its key, indented: text, whatever
		// it looks like.
		withLine(9, "title:", "  报告 :97"),
		withLine(9, "title:", " score :97"),
		// Quoted text in a flow collection, over lines.
		withLines(32, 33, `review: ["多行`, `文字"]`),
		withLines(32, 33, `review: ["`, `"]`),
		withLines(32, 33, `review: [核对, "`, `"]`),
		withLines(32, 33, `review: ['a`, `b', "c`, `  d", 'e]`, `f']  # 注释`),
		withLine(9, `title: "很长的`, `  score：97 标题"`),
		withLine(9, `title: '很长的`, `A:'`),
		withLines(11, 16, "spending: {total: 1530.53,", "basic: 158.65}  # 注释"),
		withLine(31, "  spending.total: |", "    支出：1530.53万元", "    score:97", "", "    \u3000缩进"),
		withLine(33, "  - 核对：金额", "  - \"多行", "    - 续\""),
		withLines(11, 16, "spending: {total: 1530.53,", "  basic: 158.65}"),
		withLine(12, "  \ttotal: 1530.53"),
		// Invisible characters and other spaces inside text, quoted or
		// not, are the text's: copied from web pages, they are kept.
		withLine(9, "title: 桃源县\u200b行政审批服务局\u00a02020年整体支出绩效自评报告"),
		withLine(9, `title: "\u00a0关于\u2060报告"`),
		withLine(31, "  spending.total: 支出\u00a01530.53\ufeff万元"),
		withLine(33, "  - 核对\u200b金额"),
		// A line indented under a list's item of plain text, which looks
		// like another item, is more of its text.
		withLine(33, "  - 核对金额", "    - 再核对人数"),
		withLine(9, "title:", "  -\u00a0报告"),
	} {
		r, err := Parse("a.md", []byte(in))
		if err != nil || r == nil {
			t.Errorf("%s\nerror %v", in, err)
		}
		p := &parse{name: "a.md", r: &Report{}}
		block, _, _, _ := split([]byte(in))
		if slips, _ := p.slips(block); len(slips) > 0 {
			t.Errorf("%s\nslips %v", in, slips)
		}
	}
	// Flow collections nested over lines, which the walker refuses but
	// the YAML parser reads.
	in := withLines(33, 33, "  - 核对", "extra: [a,", "  [b,", "  c], d]  # 注释")
	if _, err := ParseWithoutFastPath("a.md", []byte(in)); err == nil || strings.Contains(err.Error(), "invalid YAML") {
		t.Errorf("error %v; want the walker's", err)
	}
	p := &parse{name: "a.md", r: &Report{}}
	block, _, _, _ := split([]byte(in))
	if slips, _ := p.slips(block); len(slips) > 0 {
		t.Errorf("%s\nslips %v", in, slips)
	}
}

// TestColonInAListItemSaysTheFix checks that a list item that the YAML
// parser reads as a mapping, because a colon and a space follow its
// first words, is refused with the fix, at the colon, by both ways of
// reading front matter.
func TestColonInAListItemSaysTheFix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"discrepancies:\n  - 收入预算数: 1127.69万元\n",
			`a.md:7:10: discrepancies: expected text, got a mapping: ": " (a colon and a space) makes the words before it a key; write the colon full-width "：", or put the whole sentence in quotes (冒号后面有空格会被当作键：请改用全角冒号“：”，或给整句加引号)`},
		{"review:\n  - 核对: 金额\n  - 甲\n", `a.md:7:7: review: expected text, got a mapping: ": " (a colon and a space) makes`},
		{"discrepancies: [收入预算数: 1127.69万元]\n", `a.md:6:22: discrepancies: expected text, got a mapping: ": " (a colon and a space) makes`},
	} {
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(fuzzHeader+tc.in+"---\n"), fast)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
}

// allMistakes is a report with the slips and errors a publisher's review
// found in one file: a wrong indentation and a duplicate key, which the
// YAML parser refuses, and values the walker refuses.
const allMistakes = `---
# 填写说明：保存为 UTF-8 编码；用空格缩进，不要用 Tab；冒号用半角“:”，后面加一个空格。
county: "某县"
adcode: null
prefecture: 常德市
province: 湖南省
year: 224
type: 整体支出
title: 某县某局2024年部门整体支出绩效自评报告
unit: 万元
spending:
  total: 1530.53万元
  basic: １５８.６５
   project: 1312
  personnel: 129.55
  public: 29.1
income: 1,354.42
sangong:
  total: 8.5
  abroad: 0
  reception: 8.5
  vehicles: 0
  change: -0.4
score: 970
grade: 优
staff:
  authorized: 25
  actual: 17
  actual: 18
evidence: {}
review: []
discrepancies: []
---
## 概况
正文。
`

// TestAllErrorsAtOnce checks that slips the YAML parser refuses do not
// hide the file's other errors: every slip is said, and so is every error
// that the rest of the front matter gives once each slip's line is read
// without its slip, and the body's; a slip that cannot be read past
// leaves only the slips. Both ways of reading front matter agree.
func TestAllErrorsAtOnce(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // the errors, each the start of one
	}{
		{"a publisher's file", allMistakes, []string{
			"a.md:1:1: department: required key is missing",
			"a.md:7:7: year: year 224 is outside 2000..",
			"a.md:12:10: spending.total: expected an amount",
			"a.md:13:10: spending.basic: expected an amount",
			"a.md:14:4: spending.project: wrong indentation: project has 3 spaces before it; indent it by 2 spaces, as the other keys of spending are",
			"a.md:17:9: income: expected an amount",
			"a.md:24:8: score: score must be between 0 and 100, got 970",
			"a.md:29:3: staff.actual: duplicate key, first given at line 28",
		}},
		{"slips in colons and indentation", withLines(24, 28, "score：970", "grade:优", "staff:", "\tauthorized: -25", "  actual: 17"), []string{
			"a.md:24:6: score: full-width colon",
			"a.md:25:6: grade: no space after the colon",
			"a.md:27:1: staff.authorized: a tab is not indentation in YAML; indent authorized by 2 spaces instead, as the other keys of staff are",
		}},
		{"a slip and the errors around it", withLines(7, 9, "year: 1999", "type: 整体支出", `title: "某县"三公"经费报告"`, "slug: 某县"), []string{
			"a.md:7:7: year: year 1999 is outside",
			"a.md:9:11: title: text after the closing",
			`a.md:10:7: slug: expected lower-case letters`,
		}},
		{"an unclosed quote, and a required key it empties", withLine(2, `county: "桃源县`), []string{
			`a.md:2:9: county: unclosed quote`,
		}},
		{"a slip and an error in the body", withLine(24, "score：97") + strings.Repeat(">", MaxBodyNesting+1) + " x\n", []string{
			"a.md:24:6: score: full-width colon",
			"a.md:36:35: body: block quotes and lists are nested more than 32 levels deep",
		}},
		{"a key given twice in a flow mapping, and errors elsewhere", replaced(slipBase, "year: 2020\n", "year: 1999\n",
			spendingLines, "spending: {total: 100, total: 200}\n", "score: 97\n", "score: 970\n"), []string{
			"a.md:7:7: year: year 1999 is outside",
			"a.md:11:24: spending.total: duplicate key, first given at line 11, column 12;",
			"a.md:19:8: score: score must be between 0 and 100, got 970",
		}},
		{"a key given twice in a flow mapping over lines", replaced(slipBase, "year: 2020\n", "year: 1999\n",
			spendingLines, "spending: {total: 100, basic: 1,\n  total: 200}\n", "score: 97\n", "score: 970\n"), []string{
			"a.md:7:7: year: year 1999 is outside",
			"a.md:12:3: spending.total: duplicate key, first given at line 11, column 12;",
			"a.md:20:8: score: score must be between 0 and 100, got 970",
		}},
		{"a key given twice in a nested flow mapping", replaced(slipBase, spendingLines, `spending: {total: 100, basic: {a: 1, "a": 2}}`+"\n",
			"income: 1354.42\n", "income: 1,354.42\n"), []string{
			"a.md:11:38: spending.basic.a: duplicate key, first given at line 11, column 32;",
			"a.md:12:9: income: expected an amount",
		}},
		// The list is the first collection nested in the front matter.
		{"a colon in a value, and a key indented by a full-width space after a list", replaced(slipBase,
			"title: 桃源县行政审批服务局2020年整体支出绩效自评报告\n", "title: 关于: 报告\ndiscrepancies:\n  - 甲\n\u3000score: 97\n",
			"income: 1354.42\n", "income: 1,354.42\n", "score: 97\n", ""), []string{
			`a.md:9:10: title: ": " inside the value`,
			"a.md:12:1: score: a full-width space is not indentation in YAML; delete it: a top-level key starts at the beginning of the line",
			"a.md:20:9: income: expected an amount",
		}},
		{"non-breaking spaces as indentation, and errors elsewhere", replaced(slipBase, "year: 2020\n", "year: 1999\n",
			"  basic: 158.65\n", "\u00a0\u00a0basic: 158.65\n", "score: 97\n", "score: 970\n"), []string{
			"a.md:7:7: year: year 1999 is outside",
			"a.md:13:1: spending.basic: before the key, a non-breaking space (U+00A0)",
			"a.md:24:8: score: score must be between 0 and 100, got 970",
		}},
		{"a number after spending, and errors in its keys", replaced(slipBase, "spending:\n", "spending: 1530.53\n",
			"  basic: 158.65\n", "  basic: 158.65万元\n", "score: 97\n", "score: 970\n"), []string{
			"a.md:12:3: spending: spending has the number 1530.53 on its line 11 and keys indented on the lines below it, from total here",
			"a.md:13:10: spending.basic: expected an amount",
			"a.md:24:8: score: score must be between 0 and 100, got 970",
		}},
		// The one-line form and indented keys, as a publisher wrote them:
		// said at the first key below, with the amount in braces.
		{"spending in braces, then a key below, and errors elsewhere", replaced(slipBase,
			"spending:\n  total: 1530.53\n  basic: 158.65\n  project: 1312\n", "spending: {total: 100万元, basic: 50}\n  project: 20\n", "score: 97\n", "score: 970\n"), []string{
			"a.md:11:19: spending.total: expected an amount such as 1530.53, null or 无法识别, got text \"100万元\"",
			"a.md:12:3: spending: spending is written two ways, in {…} on its line 11 and as keys indented on the lines below it, from project here: write a mapping one way: either every key inside {…} on its line, and no key below, as spending: {total: 100万元, basic: 50, project: 20, personnel: 129.55, public: 29.1}; or nothing after",
			"a.md:22:8: score: score must be between 0 and 100, got 970",
		}},
		{"a duplicate key whose value is a mapping", withLines(26, 28, "staff:", "  actual: 17", "slug: 某县", "staff:", "  actual: 18"), []string{
			"a.md:29:1: staff: duplicate key, first given at line 26",
		}},
	} {
		wantErrors(t, tc.name, tc.in, tc.want)
	}
}

// TestKeysFoldedIntoText: keys indented by mistake under a text value are
// words of it to YAML, which folds the lines into one (the title would
// read "… - spending: total: 1530.53", its figures lost in silence). Such
// a text is refused at its key, by every way of reading; a title written
// over lines without a key among them stays legal (TestSlipsKeepLegalText).
func TestKeysFoldedIntoText(t *testing.T) {
	for _, in := range []string{
		withLine(9, "title: 报告", "  - spending:", "  total: 1530.53"),
		withLine(9, "title: 报告", "  - score: 97"),
	} {
		for way, parse := range everyParse {
			_, err := parse("a.md", []byte(in))
			if err == nil || !strings.Contains(err.Error(), "a.md:9:8: title: continues on the next lines, and a key among them") {
				t.Errorf("%s, %s: error %v", in, way, err)
			}
		}
	}
}

// spendingLines are the lines of spending in slipBase.
const spendingLines = "spending:\n  total: 1530.53\n  basic: 158.65\n  project: 1312\n  personnel: 129.55\n  public: 29.1\n"

// replaced returns in with each old string of oldnew replaced by the new
// one after it, as strings.NewReplacer does.
func replaced(in string, oldnew ...string) string {
	return strings.NewReplacer(oldnew...).Replace(in)
}

// wantErrors parses in, with the fast path and without, and requires
// the errors to begin with want, one by one and no more.
func wantErrors(t *testing.T, name, in string, want []string) {
	t.Helper()
	for _, fast := range []bool{true, false} {
		_, err := parseFile("a.md", []byte(in), fast)
		got := strings.Split(errString(err), "\n")
		if len(got) != len(want) {
			t.Errorf("%s (fast path %v): errors\n%v\nwant %d:\n%s", name, fast, err, len(want), strings.Join(want, "\n"))
			continue
		}
		for i, w := range want {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("%s (fast path %v): error %q\nwant %q", name, fast, got[i], w)
			}
		}
	}
}

// TestKeyNotIndentedUnderItsMapping checks that a key of spending,
// sangong, staff or evidence written at the beginning of the line after
// that key (or after its keys) is said to be not indented, with the fix,
// not unknown; and that the keys of the mapping indented as they should
// be are not told to move: following that would lose their figures.
func TestKeyNotIndentedUnderItsMapping(t *testing.T) {
	const basic = `a.md:12:1: spending.basic: not indented: basic is a key of spending, not a top-level key; indent it by 2 spaces, `
	for _, tc := range []struct {
		name, in string
		want     []string // the errors, each whole or its beginning
	}{
		// The YAML parser refuses the indented key after the one not
		// indented: slips says it.
		{"the first key, then one indented", withLines(12, 13, "basic: 158.65"),
			[]string{basic + `as the other keys of spending are (第 12 行的 basic 是 spending 下的键，请在前面加 2 个空格，与 spending 下的其他键对齐)`}},
		{"after an indented key", withLine(13, "basic: 158.65"),
			[]string{`a.md:13:1: spending.basic: not indented: basic is a key of spending, not a top-level key; indent it by 2 spaces, as the other keys of spending are`}},
		{"two, then one indented", withLines(12, 14, "basic: 158.65", "project: 1312"),
			[]string{basic + `as the other keys of spending are`,
				`a.md:13:1: spending.project: not indented: project is a key of spending, not a top-level key; indent it by 2 spaces, as the other keys of spending are`}},
		{"staff", withLines(27, 28, "actual: 17", "  authorized: 25"),
			[]string{`a.md:27:1: staff.actual: not indented: actual is a key of staff, not a top-level key; indent it by 2 spaces, as the other keys of staff are (第 27 行的 actual 是 staff 下的键，请在前面加 2 个空格，与 staff 下的其他键对齐)`}},
		{"sangong", withLine(19, "total: 8.5"),
			[]string{`a.md:19:1: sangong.total: not indented: total is a key of sangong, not a top-level key; indent it by 2 spaces, as the other keys of sangong are`}},
		{"with another slip", withLines(12, 13, "basic: 158.65", "  project：1312"),
			[]string{basic + `as the other keys of spending are`, `a.md:13:10: spending.project: full-width colon`}},
		{"given twice", withLines(12, 13, "basic: 158.65", "basic: 1"),
			[]string{basic + `as the other keys of spending are`, `a.md:13:1: spending.basic: duplicate key, first given at line 12`}},
		// The YAML parser reads keys none of which is indented as
		// top-level keys: the walker says it.
		{"none indented", withLines(12, 16, "total: 1530.53", "basic: 158.65", "project: 1312", "personnel: 129.55", "public: 29.1"),
			[]string{`a.md:12:1: spending.total: not indented: total is a key of spending, not a top-level key; indent it by 2 spaces, under spending (第 12 行的 total 是 spending 下的键，请在前面加 2 个空格)`,
				`a.md:13:1: spending.basic: not indented`, `a.md:14:1: spending.project: not indented`,
				`a.md:15:1: spending.personnel: not indented`, `a.md:16:1: spending.public: not indented: public is a key of spending, not a top-level key; indent it by 2 spaces, under spending`}},
		{"the last ones", withLines(15, 16, "personnel: 129.55", "public: 29.1"),
			[]string{`a.md:15:1: spending.personnel: not indented: personnel is a key of spending, not a top-level key; indent it by 2 spaces, as the other keys of spending are`,
				`a.md:16:1: spending.public: not indented`}},
		{"evidence", withLine(31, `spending.total: "x"`),
			[]string{`a.md:31:1: evidence.spending.total: not indented: spending.total is a key of evidence, not a top-level key; indent it by 2 spaces, as the other keys of evidence are`}},
		{"then a full-width space", withLines(12, 13, "total: 1530.53", "\u3000basic: 158.65"),
			[]string{`a.md:12:1: spending.total: not indented`,
				`a.md:13:1: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, as the other keys of spending are`}},
		{"then a full-width space, the last", withLines(12, 16, "total: 1530.53", "\u3000basic: 158.65"),
			[]string{`a.md:12:1: spending.total: not indented`,
				`a.md:13:1: spending.basic: a full-width space is not indentation in YAML; indent basic by 2 spaces instead, under spending`}},
		// After another top-level key, the key is no longer under its
		// mapping: it is said to be a key of it, to be moved there.
		{"after another key", withLines(12, 16, "draft: false", "basic: 158.65"),
			[]string{`a.md:13:1: basic: not a top-level key: basic is a key of spending; move it into spending, inside its braces ({…}) or indented under it as its other keys (basic 是 spending 下的键，不是顶层的键：请把它移到 spending 里，写在其花括号内，或在其下缩进书写)`}},
		{"after a flow mapping", withLines(11, 16, "spending: {total: 1530.53}", "basic: 158.65"),
			[]string{`a.md:12:1: basic: not a top-level key: basic is a key of spending; move it into spending,`}},
		{"a key of two", withLines(12, 16, "draft: false", "total: 1"),
			[]string{`a.md:13:1: total: not a top-level key: total is a key of spending or sangong; move it into spending or sangong, `}},
		{"staff's", withLines(26, 28, "draft: false", "authorized: 25"),
			[]string{`a.md:27:1: authorized: not a top-level key: authorized is a key of staff; move it into staff,`}},
	} {
		wantErrors(t, tc.name, tc.in, tc.want)
	}
}

// TestTopLevelKeyIndentedIntoMapping checks that a top-level key indented
// under spending, sangong or staff, as if it were one of its keys, is said
// to be a top-level key whose spaces to delete, not an unknown key of the
// mapping.
func TestTopLevelKeyIndentedIntoMapping(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"income under spending", withLines(16, 17, "  public: 29.1", "  income: 1354.42"),
			[]string{`a.md:17:3: spending.income: income is a top-level key, not a key of spending: delete the 2 spaces before it (income 是顶层的键，不是 spending 下的键：请删除前面的 2 个空格，顶格书写)`}},
		{"score under staff", withLines(24, 28, "grade: 优", "staff:", "  authorized: 25", "  actual: 17", "  score: 97"),
			[]string{`a.md:28:3: staff.score: score is a top-level key, not a key of staff: delete the 2 spaces before it (score 是顶层的键，不是 staff 下的键：请删除前面的 2 个空格，顶格书写)`}},
		{"indented by 4", withLines(11, 17, "spending:", "    total: 1530.53", "    income: 1354.42"),
			[]string{`a.md:13:5: spending.income: income is a top-level key, not a key of spending: delete the 4 spaces before it (income 是顶层的键，不是 spending 下的键：请删除前面的 4 个空格，顶格书写)`}},
		{"in braces", withLines(11, 17, "spending: {total: 1530.53, income: 1354.42}"),
			[]string{`a.md:11:28: spending.income: income is a top-level key, not a key of spending: move it out of the braces ({…}) of spending, to a line of its own (income 是顶层的键，不是 spending 下的键：请把它移出花括号，单独一行顶格书写)`}},
		// A key of neither is unknown, as it was.
		{"unknown", withLines(16, 17, "  public: 29.1", "  incom: 1354.42"),
			[]string{`a.md:17:3: spending.incom: unknown key; `}},
	} {
		wantErrors(t, tc.name, tc.in, tc.want)
	}
}
