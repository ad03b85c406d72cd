package report_test

// These tests compare Parse, which reads front matter in a simple part of
// YAML with fastFrontMatter, with ParseWithoutFastPath, which reads all
// front matter with the YAML parser: the reports and the errors must be
// the same, field by field, for every input.

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// head is the required keys, in block style.
const head = "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n"

// trickyCases are front matter lines (after head) at the edges of the part
// of YAML that fastFrontMatter reads, and whether it reads them. Those it
// does not read are there to show it refuses them; the comparison with the
// YAML parser holds for both.
var trickyCases = []struct {
	name, in string
	fast     bool
}{
	{"nothing", "", true},
	{"plain text", "title: 甲县局2020年度整体支出绩效自评报告", true},
	{"trailing spaces", "title: 甲县局报告   \nunit: 万元  ", true},
	{"trailing spaces before comment", "title: 报告   # 注释", true},
	{"comment after value", "score: 97 # 自评\ngrade: 优 #", true},
	{"hash without space", "title: C#语言 a#b", true},
	{"comment lines", "# 说明\n  # 缩进的注释\nscore: 97\n# 结尾", true},
	{"blank lines", "\n\nscore: 97\n   \n\ngrade: 优\n", true},
	{"double quotes", `title: "报告：第一部分"`, true},
	{"double quotes with escapes", `title: "a\"b\\c\/d\n\te\0\a\b\v\f\r\e\ \N\_\L\P"`, true},
	{"double quotes with comment", `title: "报告"   # 注释`, true},
	{"double quote then hash", `title: "报告"#注释`, false},
	{"double quote then text", `title: "报告" 续`, false},
	{"hex escape", `title: "\x41"`, false},
	{"unicode escape", `title: "\u5e74"`, false},
	{"unknown escape", `title: "\q"`, false},
	{"unclosed double quote", `title: "报告`, false},
	{"multi-line double quote", "title: \"报\n  告\"", false},
	{"single quotes", "title: '甲''乙'", true},
	{"single quotes with backslash", `title: 'a\nb'`, true},
	{"empty quotes", "title: \"\"\nslug: ''", true},
	{"multi-line single quote", "title: '报\n  告'", false},
	{"quoted key", `"title": 报告`, false},
	{"numbers", "income: 1530.53\nscore: 97\nsangong:\n  change: -0.4\n  total: 0\n  abroad: -0\n  reception: 00.5", true},
	{"quoted numbers", "income: \"1530.53\"\nscore: '97'\nsangong:\n  change: \"-0.4\"\n  total: '0430'\nstaff: {actual: \"17\", authorized: '25.0'}", true},
	{"quoted numbers the walker refuses", "income: \"-5\"\nscore: '101'\nspending:\n  total: \"1.1234567\"\n  basic: \"99999999999999999999\"", true},
	{"decorated numbers", "income: \"1,530.53\"\nscore: 97分\nspending:\n  total: 1530.53万元\nstaff: {actual: ９７, authorized: \" 25 \"}", false},
	{"integer with leading zero", "income: 0123", false},
	{"negative integer with leading zero", "income: -01", false},
	{"hex", "income: 0x1F", false},
	{"octal", "income: 0o17", false},
	{"binary", "income: 0b101", false},
	{"underscores", "income: 1_000", false},
	{"plus", "income: +1", false},
	{"exponent", "income: 1e3", false},
	{"float exponent", "income: 1.5e3", false},
	{"leading point", "income: .5", false},
	{"trailing point", "income: 1.", false},
	{"two points", "income: 1.2.3", false},
	{"infinity", "income: .inf\nscore: -.inf", false},
	{"not a number", "income: .nan", false},
	{"huge integer", "income: 99999999999999999999", false},
	{"huge negative integer", "income: -99999999999999999999", false},
	{"largest integers", "income: 18446744073709551615\nscore: -9223372036854775808", true},
	{"long decimal", "income: " + strings.Repeat("9", 400) + ".5", false},
	{"digits and letters", "title: 12abc", false},
	{"date", "published: 2021-03-15", true},
	{"bad date", "published: 2021-13-45", true},
	{"negative date", "published: -2021-03-15", false},
	{"time", "title: 12:30", true},
	{"number and unit", "title: 100分\nslug: 1 000", true},
	{"nulls", "title: null\nslug: Null\nadcode: NULL\nsource: ~", true},
	{"booleans", "draft: false\ntitle: True\nslug: TRUE\nadcode: False\nsource: FALSE\nunit: true", true},
	{"YAML 1.1 booleans", "title: yes\nslug: no\nadcode: on\nsource: off\nunit: y\ngrade: n", true},
	{"words like numbers", "title: inf\nslug: NaN\nsource: Infinity\nunit: nan.5", true},
	{"tilde text", "title: ~x", true},
	{"underscore text", "title: _1", true},
	{"URL", "source: https://example.org/a?b=c#d", true},
	{"colon in text", "title: a:b\nslug: 'a: b'", true},
	{"colon space in text", "title: a: b", false},
	{"colon at end", "title: 报告:", false},
	{"colon before comment", "title: 报告: # c", false},
	{"merge key", "title: a<<: b", false},
	{"merge key alone", "<<: {county: 乙县}", false},
	{"brackets inside text", "title: a[b]{c},d", true},
	{"quotes inside text", `title: 关于"某某"的'报告'`, true},
	{"indicators inside text", "title: a&b*c!d|e>f%g@h`i?j-k", true},
	{"special characters", "title: =cmd|' /C calc'!A0 <b>", true},
	// Flow collections, which fastFrontMatter reads on one line as the
	// value of a top-level key.
	{"flow mapping", "spending: {total: 1, basic: 2}", true},
	{"flow mappings as the corpus writes them", "spending: {total: 1530.53, basic: 158.65, project: null}\nincome: 1600\n" +
		"sangong: {total: 0, abroad: null, reception: 无法识别}\nstaff: {authorized: 25, actual: 17}", true},
	{"one pair in braces", "staff: {actual: 3}", true},
	{"flow sequence", "review: [a, b]", true},
	{"flow sequence of scalars", "review: [核对金额, \"核对：得分\", 'it''s', 97, -1.5, null, ~, true, 2021-03-15, 甲 乙]", true},
	{"empty flow collections", "evidence: {}\nreview: []", true},
	{"empty flow collections with spaces", "evidence: {   }\nreview: [ ]", true},
	{"spaces in braces", "spending: { total : 1 ,basic:  2 , project :  null   }\nreview: [  a ,b  ,  c ]", true},
	{"many spaces around braces", "spending:    {total: 1}     ", true},
	{"no space after colon in braces", "spending: {total:1}", false},
	{"no spaces in braces", "spending: {total:1,basic:2}", false},
	{"colon then slash in braces", "spending: {total:/1}", false},
	{"no space after comma", "spending: {total: 1,basic: 2}\nreview: [a,b]", true},
	{"empty values in braces", "spending: {total: , basic:, project: }\nsangong: {total:}", true},
	{"empty value before closing brace", "spending: {basic: 1, total:   }", true},
	{"key alone in braces", "spending: {total}", false},
	{"key alone then pair in braces", "spending: {total, basic: 1}", false},
	{"key with space in braces", "spending: {to tal: 1}", false},
	{"key with hyphen in braces", "spending: {to-tal: 1}", false},
	{"Chinese key in braces", "spending: {总额: 1}", false},
	{"quoted key in braces", `spending: {"total": 1}`, false},
	{"single-quoted key in braces", "spending: {'total': 1}", false},
	{"key like null in braces", "spending: {null: 1}", false},
	{"key like true in braces", "spending: {True: 1}", false},
	{"key like yes in braces", "spending: {yes: 1}", true},
	{"dotted keys in braces", "evidence: {spending.total: 支出1530.53万元, county: 甲县}", true},
	{"Chinese values in braces", "sangong: {total: 无法识别, abroad: 甲 乙 , reception: 无法识别}", true},
	{"columns after Chinese values", "title: 标题\nspending: {total: 无法识别, basic: 甲乙丙丁, project: 丙1.5, personnel: -2}", true},
	{"columns after Chinese quoted values", "evidence: {county: \"甲县，乙\", score: '得分：97', grade: 丙丁}\nspending: {total: \"甲\", basic: 1.1234567}", true},
	{"ideographic spaces in braces", "evidence: {score: \u3000甲\u3000, grade: \u3000}", true},
	{"ideographic space after colon in braces", "spending: {total:\u30001}", false},
	{"line separator and BOM in braces", "evidence: {score: 甲\u2028乙, grade: \ufeff优}\nreview: [\u2029, a\u00a0b]", true},
	{"quoted values right before commas", `evidence: {score: "x",grade: 'y',county: ""}` + "\nreview: ['',\"\"]", true},
	{"empty quoted key in braces", `evidence: {"": 1}`, false},
	{"quoted values with commas and braces", `spending: {total: "1,5}", basic: '{a: b}', project: "[甲\"乙]", personnel: 'it''s, ok'}`, true},
	{"quoted values with escapes in braces", `evidence: {score: "a\n\"b\"\t\\", grade: '得分：97'}`, true},
	{"quoted values with spaces around", `review: [ "a" , 'b'  ]`, true},
	{"quoted value then text in braces", `spending: {total: "1" 2}`, false},
	{"quoted value then colon in brackets", `review: ["a": b]`, false},
	{"unclosed quote in braces", `spending: {total: "1}`, false},
	{"hex escape in braces", `review: ["\x41"]`, false},
	{"comment after closing brace", "spending: {total: 1}   # 注释\nreview: [a] # 注释", true},
	{"comment right after closing brace", "spending: {total: 1}#注释", false},
	{"comment right after closing bracket", "review: [a]#注释", false},
	{"comment inside braces", "spending: {total: 1 # 注释\n}", false},
	{"text after closing brace", "spending: {total: 1} x", false},
	{"text right after closing brace", "spending: {total: 1}x", false},
	{"two flow mappings on a line", "spending: {total: 1} {basic: 2}", false},
	{"two closing braces", "spending: {total: 1}}", false},
	{"missing closing brace", "spending: {total: 1, basic: 2", false},
	{"missing closing brace before next key", "spending: {total: 1\nincome: 2", false},
	{"missing closing bracket", "review: [a, b", false},
	{"closing brace on the next line", "spending: {total: 1,\n  basic: 2}", false},
	{"flow mapping over lines", "spending: {\n  total: 1\n}", false},
	{"closing bracket for a brace", "spending: {total: 1]", false},
	{"closing brace for a bracket", "review: [a}", false},
	{"mapping as a value in braces", "spending: {total: {a: 1}}", false},
	{"sequence as a value in braces", "spending: {total: [1]}", false},
	{"mapping in brackets", "review: [{a: 1}]", false},
	{"sequence in brackets", "review: [[a]]", false},
	{"pair in brackets", "review: [a: b]", false},
	{"block sequence in braces", "spending: {total: - 1}", false},
	{"block sequence in brackets", "review: [- a]", false},
	{"duplicate keys in braces", "spending: {total: 1, total: 2}", false},
	{"duplicate keys in braces, apart", "spending: {total: 1, basic: 2, total: 3}", false},
	{"duplicate empty keys in braces", "spending: {total:, total:}", false},
	{"same key in braces and a block mapping", "spending: {total: 1}\nsangong:\n  total: 2", true},
	{"dotted key and flow mapping", "spending.total: 1\nspending: {total: 2}", true},
	{"duplicate flow mapping", "spending: {total: 1}\nspending: {total: 2}", false},
	{"trailing comma in braces", "spending: {total: 1,}", false},
	{"trailing comma in brackets", "review: [a,]", false},
	{"trailing comma and space", "spending: {total: 1, }\nreview: [a, ]", false},
	{"leading comma in braces", "spending: {, total: 1}", false},
	{"leading comma in brackets", "review: [,a]", false},
	{"lone comma in braces", "spending: {,}", false},
	{"lone comma in brackets", "review: [,]", false},
	{"double comma in braces", "spending: {total: 1,, basic: 2}", false},
	{"double comma in brackets", "review: [a,,b]", false},
	{"anchor and alias in braces", "spending: {total: &a 1, basic: *a}", false},
	{"tag in braces", "spending: {total: !!int 1}", false},
	{"tag in brackets", "review: [!!str a]", false},
	{"question mark in braces", "spending: {? total: 1}", false},
	{"question mark text in brackets", "review: [a ? b, c?]", true},
	{"hash in brackets", "review: [C#语言]", false},
	{"space hash in braces", "spending: {total: a #b}", false},
	{"colon in brackets", "review: [12:30]", false},
	{"colon in braces", "evidence: {score: a:b}", false},
	{"URL in braces", "evidence: {score: http://x}", false},
	{"bracket in text in brackets", "review: [a]b]", false},
	{"bracket in text in braces", "evidence: {score: a]}", false},
	{"brace in text in brackets", "review: [a}]", false},
	{"quote in text in brackets", `review: [关于"某某"的报告]`, false},
	{"apostrophe in text in braces", "evidence: {score: it's}", false},
	{"indicators in text in braces", "evidence: {score: a&b*c!d|e>f%g@h`i?j-k<l}", true},
	{"indicator first in braces", "evidence: {score: &a}\nreview: [*a]", false},
	{"reserved first character in braces", "evidence: {score: @a}", false},
	{"merge key text in braces", "review: [<<, a<<, << ]\nevidence: {score: <<}", true},
	{"merge key in braces", "spending: {<<: {total: 1}}", false},
	{"numbers in braces", "sangong: {change: -0.4, total: -1, abroad: 0, reception: 00.5, vehicles: 18446744073709551615}", true},
	{"other numbers in braces", "spending: {total: 0x1F, basic: 1e3, project: .5, personnel: 012}", false},
	{"plus in brackets", "review: [+1]", false},
	{"infinity in brackets", "review: [.inf]", false},
	{"huge integer in braces", "spending: {total: 99999999999999999999}", false},
	{"nulls and booleans in flow collections", "spending: {total: ~, basic: Null, project: NULL}\nreview: [true, FALSE, null, yes]", true},
	{"flow mapping under a nested key", "evidence:\n  score: {a: 1}", false},
	{"flow sequence under a nested key", "evidence:\n  score: [a]", false},
	{"flow sequence in a block sequence", "review:\n  - [a]", false},
	{"flow mapping in a block sequence", "review:\n  - {a: 1}", false},
	{"flow mapping on its own line", "spending:\n  {total: 1}", false},
	{"flow mapping at column 1 on its own line", "spending:\n{total: 1}", false},
	{"flow mapping as front matter", "---\n{county: 甲县, department: 局, year: 2020, type: 整体支出}", false},
	{"flow sequence as front matter", "---\n[a]", false},
	{"indented line after a flow mapping", "spending: {total: 1}\n  basic: 2", false},
	{"sequence entry after a flow sequence", "review: []\n- a", false},
	{"flow mapping right after the colon", "spending:{total: 1}", false},
	{"tab in braces", "spending: {total:\t1}", false},
	{"wrong types in flow collections", "title: {}\nreview: {a: 1}\nspending: [1, 2]\nstaff: {actual: 1.5, authorized: 甲}\n" +
		"evidence: {foo: x, score: 1, grade: 优}\ndraft: []\nunit: [元]\nsangong: {change: 无法识别x, total: 1.1234567}", true},
	{"values the walker refuses in braces", "spending: {total: 1.1234567, foo: 1}\nsangong: {bar: 1, change: -5}\nevidence: {foo: x, score: 1}\nstaff: {actual: -1}", true},
	{"flow mapping in a draft", "draft: true\nevidence: {}\nreview: []\nspending: {total: null, basic: null}", true},
	{"many pairs in braces", "evidence: {" + manyPairs(60) + "}", true},
	{"many entries in brackets", "review: [" + strings.Repeat("核对, ", 80) + "完]", true},
	{"anchor and alias", "title: &a 报告\nslug: *a", false},
	{"tag", "title: !!str 报告", false},
	{"block scalar", "title: |\n  报告", false},
	{"folded scalar", "title: >\n  报告", false},
	{"multi-line plain", "title: 报告\n  续行", false},
	{"continuation of nested value", "spending:\n  total: 1\n    2", false},
	{"nested mapping", "spending:\n  total: 1530.53\n  basic: null\nstaff:\n    authorized: 25\n    actual: 17", true},
	{"one-space nesting", "spending:\n total: 1", true},
	{"deep indentation", "spending:\n" + strings.Repeat(" ", 16) + "total: 1", true},
	{"too deep indentation", "spending:\n" + strings.Repeat(" ", 17) + "total: 1", false},
	{"inconsistent indentation", "spending:\n  total: 1\n   basic: 2", false},
	{"less indentation", "spending:\n   total: 1\n  basic: 2", false},
	{"two levels", "spending:\n  total:\n    a: 1", false},
	{"nested empty values", "spending:\n  total:\n  basic:\nsangong:\n  total:", true},
	{"empty value at the end", "review:", true},
	{"empty value before comment", "review: # 稍后\ndraft: true", true},
	{"empty values", "title:\nslug:   \nsource:", true},
	{"empty nested mapping at the end", "spending:\n  total: 1\n  basic:", true},
	{"comments in nested mapping", "spending:\n  # 注释\n  total: 1\n# 注释\n  basic: 2\n    # 深\n", true},
	{"evidence", "evidence:\n  spending.total: \"支出1530.53万元\"\n  county: 甲县\n  score: '得分：97'", true},
	{"dotted top-level key", "spending.total: 1\nspending:\n  total: 2", true},
	{"duplicate key", "title: a\ntitle: b", false},
	{"duplicate nested key", "spending:\n  total: 1\n  total: 2", false},
	{"same key in two mappings", "spending:\n  total: 1\nsangong:\n  total: 2", true},
	{"unknown keys", "foo: 1\nbar:\n  baz: 2\nkey_2.x: 3", true},
	{"key like null", "null: 1", false},
	{"key like true", "true: 1", false},
	{"key like yes", "yes: 1", true},
	{"key without space", "title:报告", false},
	{"space before colon", "title : 报告", false},
	{"key with hyphen", "a-b: 1", false},
	{"Chinese key", "标题: 报告", false},
	{"indented top level", " title: 报告", false},
	{"sequence", "review:\n  - 核对金额\n  - \"核对：得分\"\n  - 97\n  - null", true},
	{"sequence at column 1", "review:\n- 核对金额\n- 核对得分\ndraft: true", true},
	{"sequence with comments", "review:\n  # 注释\n  - a # b\n# c\n  - d", true},
	{"sequence then mapping", "review:\n  - a\n  b: c", false},
	{"empty sequence entry", "review:\n-\ndraft: true", false},
	{"empty sequence entry with comment", "review:\n  - # 空\n  - a", false},
	{"nested sequence", "review:\n  - - a", false},
	{"mapping in sequence", "review:\n  - a: b", false},
	{"sequence entry without space", "review:\n  -a", false},
	{"negative number entry", "review:\n  - -1\n  - -1.5", true},
	{"sequence under nested key", "spending:\n  total:\n  - 1", false},
	{"sequence too deep", "review:\n" + strings.Repeat(" ", 17) + "- a", false},
	{"sequence with odd indentation", "review:\n  - a\n   - b", false},
	// Slips, which the YAML parser refuses or the walker reports.
	{"full-width colon after a key", "score：97\ngrade: 优", false},
	{"full-width colon in a nested mapping", "staff:\n  actual：17", false},
	{"no space after a key's colon", "staff:\n  authorized: 1\n  actual:17\nscore:97", false},
	{"full-width space after a key's colon", "score:\u300097", false},
	{"full-width space before a key", "\u3000spending:\n  total: 1\nstaff:\n  \u3000actual: 1\nevidence:\n  \u3000score: x", false},
	{"full-width space in a key", "score\u3000: 97\nspending:\n  total\u3000: 1", false},
	{"full-width colon in a key", "title：关于: 某某", false},
	{"tab before a nested key", "spending:\n  total: 1\n\tbasic: 2", false},
	{"key indented too far", "spending:\n  total: 1\n   basic: 2\n  project: 3", false},
	{"unclosed quote before a key", "title: \"报告\nunit: 万元\nevidence:\n  county: \"甲县\"", false},
	{"unclosed brace before a key", "spending: {total: 1\nincome: 2", false},
	{"full-width colon in values", "title: 关于：某某\nevidence:\n  score: 得分：97\nreview:\n  - 注意：核对", true},
	{"document end", "...", false},
	{"document start", "--- x", false},
	{"directive", "%YAML 1.2", false},
	{"question mark key", "? title\n: 报告", false},
	{"tab in value", "title: a\tb", false},
	{"tab indentation", "spending:\n\ttotal: 1", false},
	{"ideographic space", "title: \u3000报告\u3000", true},
	{"ideographic space after colon", "title:\u3000报告", false},
	{"ideographic space line", "title: 报告\n\u3000", false},
	{"no-break space", "title: \u00a0报告", true},
	{"line separator", "title: 报\u2028告", true},
	{"BOM inside", "title: \ufeff报告", true},
	{"reserved first character", "title: @a", false},
	{"backquote first character", "title: `a`", false},
	{"percent first character", "title: %a", false},
	{"dash first character", "title: - a", false},
	{"dash text", "title: -a", false},
	{"long title", "title: " + strings.Repeat("长", report.MaxText+1), true},
	{"long county in quotes", "prefecture: \"" + strings.Repeat("长", report.MaxName+1) + "\"", true},
	{"unknown keys and a syntax error", "kkk: 1\nfoo: 2\nbar: 3\nbaz: [\n", false},
	{"wrong types", "unit: 美元\nscore: 101\ngrade: A\nstaff:\n  actual: 1.5\n  authorized: -1\ndraft: 1\nreview: a\nspending: 1\nevidence: x\nadcode: 43072\nslug: A B\nsource: ftp://a\npublished: 2021/01/01", true},
	{"wrong year and type", "---\ncounty: 1\ndepartment: true\nyear: 二〇二〇\ntype: 1", true},
	{"values the walker refuses", "spending:\n  total: 1.1234567\n  foo: 1\nincome: -5\nsangong:\n  change: -5\nevidence:\n  foo: x\n  score: 1", true},
}

// manyPairs returns n pairs of distinct keys, separated by commas.
func manyPairs(n int) string {
	pairs := make([]string, n)
	for i := range pairs {
		pairs[i] = fmt.Sprintf("k%d: 值%d", i, i)
	}
	return strings.Join(pairs, ", ")
}

// trickyFile returns the file of a tricky case: its lines after head, or
// after its own '---' line.
func trickyFile(in string) []byte {
	if in != "" && !strings.HasSuffix(in, "\n") {
		in += "\n"
	}
	if strings.HasPrefix(in, "---\n") {
		return []byte(in + "---\n正文\n")
	}
	return []byte(head + in + "---\n正文\n")
}

// hostileFiles returns files that carry each hostile string in every kind
// of scalar the fast path reads.
func hostileFiles() map[string][]byte {
	out := map[string][]byte{}
	for i, h := range testseeds.Hostile {
		for j, fm := range []string{
			"title: " + h + "\nreview: [" + h + "]\n",
			"title: " + h + "\nreview:\n  - " + h + "\n",
			"title: \"" + strings.ReplaceAll(strings.ReplaceAll(h, `\`, `\\`), `"`, `\"`) + "\"\n",
			"title: '" + strings.ReplaceAll(h, "'", "''") + "'\n",
			"evidence:\n  score: " + h + "\n  grade: '" + strings.ReplaceAll(h, "'", "''") + "'\n",
			"source: " + h + "\nslug: " + h + "\n",
		} {
			out[fmt.Sprintf("%02d-%d", i, j)] = []byte(head + fm + "---\n" + h)
		}
	}
	return out
}

// corpusFiles are synthetic corpora, generated once.
var corpusFiles = sync.OnceValues(func() (map[string][]byte, error) {
	return generate(
		corpus.Options{Seed: 1, Reports: 1200},
		corpus.Options{Seed: 2, Reports: 400, Departments: 3, FirstYear: 2021, Years: 4, BodyBytes: corpus.Range{Min: 100, Max: 400}},
	)
})

// generate returns the files of corpora, by name.
func generate(opts ...corpus.Options) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "report-fastpath-corpus-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := map[string][]byte{}
	for i, opt := range opts {
		sub := filepath.Join(dir, string(rune('a'+i)))
		if err := corpus.Generate(sub, opt); err != nil {
			return nil, err
		}
		err := filepath.WalkDir(sub, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out["corpus/"+filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// variants returns data written in other ways that YAML reads the same:
// with CRLF line ends, a BOM, spaces at the ends of lines, comments and
// other indentation; and the same front matter without its body.
func variants(data []byte) map[string][]byte {
	s := string(data)
	block, body, _ := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
	return map[string][]byte{
		"CRLF":            []byte(strings.ReplaceAll(s, "\n", "\r\n")),
		"BOM":             []byte("\ufeff" + s),
		"trailing spaces": []byte("---\n" + strings.ReplaceAll(block, "\n", "  \n") + " \n---\n" + body),
		"comments":        []byte("---\n# 注释\n" + strings.ReplaceAll(block, "\n", " # 注释\n\n") + "\n---\n" + body),
		"indentation":     []byte("---\n" + strings.ReplaceAll(block, "\n  ", "\n    ") + "\n---\n" + body),
		"column 1 lists":  []byte("---\n" + strings.ReplaceAll(block, "\n  - ", "\n- ") + "\n---\n" + body),
		"flow spacing":    []byte("---\n" + flowSpacing.Replace(block) + "\n---\n" + body),
		"no body":         []byte("---\n" + block + "\n---\n"),
	}
}

// flowSpacing writes flow collections with more spaces around brackets
// and commas.
var flowSpacing = strings.NewReplacer(": {", ":   { ", ", ", " ,  ", "}\n", "  }\n", ": [", ":  [ ", "]\n", " ]\n")

// same parses data both ways and reports any difference.
func same(t *testing.T, name string, data []byte) {
	t.Helper()
	in := bytes.Clone(data)
	stop := testseeds.Watchdog(20*time.Second, "Parse")
	r1, err1 := report.Parse(name, data)
	r2, err2 := report.ParseWithoutFastPath(name, data)
	stop()
	if !bytes.Equal(in, data) {
		t.Fatalf("%s: Parse changed its input", name)
	}
	if !reflect.DeepEqual(err1, err2) || errString(err1) != errString(err2) {
		t.Errorf("%s: errors differ\nfast path: %.3000v\nYAML:      %.3000v", name, err1, err2)
		return
	}
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("%s: reports differ\nfast path: %+v\nYAML:      %+v", name, r1, r2)
	}
	sameLean(t, name, data, r1, err1)
	// What Parse accepts has no slip.
	if err1 == nil {
		if slips := report.Slips(name, data); len(slips) > 0 {
			t.Errorf("%s: Parse accepts it, but slips finds %v", name, slips)
		}
	}
	// The nodes too, with the tokens that the walker does not read.
	if fast, yaml, ok := report.FastPathNodes(data); ok && fast != yaml {
		f, y := strings.Split(fast, "\n"), strings.Split(yaml, "\n")
		i := 0
		for i < len(f) && i < len(y) && f[i] == y[i] {
			i++
		}
		at := func(l []string) string {
			if i < len(l) {
				return l[i]
			}
			return "(end)"
		}
		t.Errorf("%s: nodes differ at line %d\nfast path: %s\nYAML:      %s\nfast path nodes:\n%.5000s\nYAML nodes:\n%.5000s",
			name, i+1, at(f), at(y), fast, yaml)
	}
}

// sameLean compares ParseLean with Parse, which gave want and wantErr,
// on data: the same errors, and the same report, but for the body,
// evidence and review notes, which ParseLean leaves nil.
func sameLean(t *testing.T, name string, data []byte, want *report.Report, wantErr error) {
	t.Helper()
	in := bytes.Clone(data)
	got, err := report.ParseLean(name, data)
	if !bytes.Equal(in, data) {
		t.Fatalf("%s: ParseLean changed its input", name)
	}
	if !reflect.DeepEqual(err, wantErr) || errString(err) != errString(wantErr) {
		t.Errorf("%s: errors differ\nParseLean: %.3000v\nParse:     %.3000v", name, err, wantErr)
		return
	}
	if want != nil {
		lean := *want
		lean.Body, lean.Evidence, lean.Review = nil, nil, nil
		want = &lean
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: reports differ\nParseLean: %+v\nParse:     %+v", name, got, want)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestFastPathIsTheYAMLParser compares the two ways of reading front
// matter on the bundled reports, the synthetic corpora, hostile text, the
// broken files of the other tests and the tricky cases, and on each
// written in other ways.
func TestFastPathIsTheYAMLParser(t *testing.T) {
	files := frontMatterInputs(t)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		same(t, name, data)
		if len(data) < 1<<20 {
			for v, d := range variants(data) {
				same(t, name+" ("+v+")", d)
			}
		}
	}
}

// flowPieces are the pieces that TestFlowCollectionsAtRandom builds flow
// collections from: keys, values, and characters that matter to YAML.
var flowPieces = []string{
	"total", "basic", "project", "change", "actual", "score", "spending.total", "null", "Null", "yes", "k_1", "a",
	"1530.53", "0", "-0.4", "-1", "97", "00.5", "18446744073709551616", "0x1F", "1e3", ".5", "+1", "2021-03-15", "12:30",
	"~", "true", "FALSE", "无法识别", "甲 乙", "甲县", "\u3000", "\ufeff", "\u2028",
	`"a,b}"`, `"甲\"乙"`, `"\x41"`, `""`, `'c''d'`, `'{x}'`, `''`, `"`, `'`,
	"{", "}", "[", "]", ",", ", ", " ,", " ", "  ", ":", ": ", " : ", "#", " #c", "a#b",
	"&a", "*a", "!!str", "!t", "?", "? ", "-", "- ", "<<", "<<:", "|", ">", "%", "@", "`", ".", "a:b", "http://x",
}

// TestFlowCollectionsAtRandom compares the two ways of reading front
// matter on flow collections made at random, around the edges of what
// fastFrontMatter reads: valid ones, and ones with a piece changed.
func TestFlowCollectionsAtRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	piece := func() string { return flowPieces[rng.IntN(len(flowPieces))] }
	scalar := func() string {
		return [...]string{"1530.53", "null", "无法识别", "-0.4", "甲 乙", `"a,b}"`, "'c''d'", "~", "97", "true", ""}[rng.IntN(11)]
	}
	keys := []string{"total", "basic", "project", "personnel", "public", "abroad", "change", "actual", "score", "county"}
	fast := 0
	const n = 3000
	for i := range n {
		// A valid collection, as pieces.
		var parts []string
		if rng.IntN(3) == 0 {
			parts = append(parts, "[")
			for j := range rng.IntN(4) {
				if j > 0 {
					parts = append(parts, ", ")
				}
				if v := scalar(); v != "" {
					parts = append(parts, v)
				} else {
					parts = append(parts, "x")
				}
			}
			parts = append(parts, "]")
		} else {
			parts = append(parts, "{")
			for j, k := range rng.Perm(len(keys))[:rng.IntN(5)] {
				if j > 0 {
					parts = append(parts, ", ")
				}
				parts = append(parts, keys[k], ": ", scalar())
			}
			parts = append(parts, "}")
		}
		// Then some changes.
		for range rng.IntN(3) {
			switch k := rng.IntN(len(parts) + 1); rng.IntN(3) {
			case 0:
				parts = slices.Insert(parts, k, piece())
			case 1:
				if k < len(parts) {
					parts = slices.Delete(parts, k, k+1)
				}
			default:
				if k < len(parts) {
					parts[k] = piece()
				}
			}
		}
		key := [...]string{"spending", "sangong", "staff", "evidence", "review", "title"}[rng.IntN(6)]
		line := key + ": " + strings.Join(parts, "")
		if rng.IntN(4) == 0 {
			line += [...]string{" # 注释", "#c", "  ", " x"}[rng.IntN(4)]
		}
		data := trickyFile(line)
		if report.FastPathReads(data) {
			fast++
		}
		same(t, fmt.Sprintf("random/%d: %s", i, line), data)
	}
	// Enough of them are read by the fast path for the comparison to
	// matter on both sides of its edge.
	if fast < n/4 || fast > n*3/4 {
		t.Errorf("the fast path read %d of %d random flow collections", fast, n)
	}
}

// TestFastPathReadsReports: the fast path is taken for the bundled reports,
// for every corpus file, in block or flow style, for new skeletons and for
// the tricky cases meant for it, and refused for the others.
func TestFastPathReadsReports(t *testing.T) {
	for _, f := range testseeds.Reports(t) {
		if !report.FastPathReads(f.Data) {
			t.Errorf("%s: not read by the fast path", f.Name)
		}
	}
	if s := report.Skeleton("甲县", 2020); !report.FastPathReads(s) {
		t.Errorf("skeleton not read by the fast path:\n%s", s)
	}
	gen, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	flow := 0
	for name, data := range gen {
		fm, _, _ := bytes.Cut(data[4:], []byte("\n---\n"))
		if bytes.Contains(fm, []byte(": {")) {
			flow++
		}
		if !report.FastPathReads(data) {
			t.Errorf("%s: not read by the fast path:\n%s", name, fm)
		}
	}
	// The corpus writes about 30% of its files in flow style.
	if flow < len(gen)/5 || flow > len(gen)/2 {
		t.Errorf("%d of %d corpus files are in flow style", flow, len(gen))
	}
	for _, tc := range trickyCases {
		if got := report.FastPathReads(trickyFile(tc.in)); got != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.name, got, tc.fast)
		}
	}
}

// FuzzFastPath compares the two ways of reading front matter on fuzzed
// files, and on fuzzed front matter.
func FuzzFastPath(f *testing.F) {
	for _, s := range testseeds.Reports(f) {
		f.Add(s.Data)
	}
	for _, data := range hostileFiles() {
		f.Add(data)
	}
	for _, data := range report.BrokenInputs(f) {
		if len(data) < 16<<10 {
			f.Add(data)
		}
	}
	for _, tc := range trickyCases {
		f.Add(trickyFile(tc.in))
		f.Add(bytes.TrimSuffix(bytes.TrimPrefix(trickyFile(tc.in), []byte("---\n")), []byte("---\n正文\n")))
	}
	// Flow style, beyond the tricky cases: a skeleton, and a report with
	// every group in braces, as front matter alone too.
	f.Add(report.Skeleton("甲县", 2020))
	for _, data := range projectInputs() {
		f.Add(data)
	}
	flow := head + "unit: 元\nspending: {total: 1530.53, basic: 158.65, project: null, personnel: 无法识别, public: }\n" +
		"income: 1600\nsangong: { total : 0 ,abroad: \"1,2}\", reception: '{x}', change: -0.4 } # 注释\nscore: 97\n" +
		"staff: {authorized: 25, actual: 17}\nevidence: {county: 甲县, spending.total: \"支出1530.53万元，其中：\"}\nreview: [核对, '得分', \"a\\\"b\"]\n"
	f.Add([]byte(flow + "---\n正文\n"))
	f.Add([]byte(strings.TrimPrefix(flow, "---\n")))
	// Slips the reviewers found said wrong: a key indented by a
	// full-width space under an open mapping, whose name is also a
	// top-level key's.
	for _, s := range []string{
		head + "evidence:\n  spending.total: \"x\"\n\u3000income: \"a\"\n---\n",
		head + "score：97\nstaff:\n  actual: 17\n\u3000grade: 优\n---\n",
		head + "sangong: [1, \"2]\nscore: 97\n---\n",
		head + "staff: {actual: 2}\n\u3000authorized: 3\n\u3000basic: '1'  # 注释\n---\n",
		head + "score：97\nstaff: { }\n\tauthorized: 3\nspending: {total: 1,\n  basic: 2}\n\u3000project: \"3\n---\n",
	} {
		f.Add([]byte(s))
	}
	// A small corpus: each fuzzing process makes its seeds.
	gen, err := generate(
		corpus.Options{Seed: 3, Reports: 100},
		corpus.Options{Seed: 4, Reports: 60, Departments: 2, BodyBytes: corpus.Range{Min: 100, Max: 300}},
	)
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range gen {
		f.Add(data)
		// The front matter alone, read as such below.
		fm, _, _ := bytes.Cut(data[4:], []byte("\n---\n"))
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		same(t, "dir/a.md", data)
		// data as front matter, so that mutations keep the '---' lines.
		same(t, "dir/b.md", append(append([]byte("---\n"), data...), "\n---\n正文\n"...))
	})
}

// frontMatterInputs returns, by name, every report file the tests read:
// the bundled reports, the real texts, hostile and broken files, the
// tricky cases of the fast path, the skeleton and the synthetic corpora
// (named corpus/…).
func frontMatterInputs(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, f := range testseeds.Reports(t) {
		files[f.Name] = f.Data
	}
	for _, f := range testseeds.Texts(t) {
		files["text/"+f.Name] = append([]byte(head+"---\n"), f.Data...)
	}
	for name, data := range hostileFiles() {
		files["hostile/"+name] = data
	}
	for name, data := range report.BrokenInputs(t) {
		files["broken/"+name] = data
	}
	for _, tc := range trickyCases {
		files["tricky/"+tc.name] = trickyFile(tc.in)
	}
	files["skeleton"] = report.Skeleton("甲县", 2020)
	for name, data := range projectInputs() {
		files["project/"+name] = data
	}
	gen, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(files, gen)
	return files
}
