package report

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// everyParse holds the ways a report file is parsed, by name: each must
// read a key as the others do (ParseLean keeps less, not otherwise).
var everyParse = map[string]func(string, []byte) (*Report, error){
	"Parse": Parse, "without the fast path": ParseWithoutFastPath, "ParseLean": ParseLean,
}

func TestAmountsAreExactInEveryUnit(t *testing.T) {
	for _, tc := range []struct {
		unit, text string
		want       Amount
		str        string
	}{
		{"万元", "1530.53", 1_530_530_000, "1530.53"},
		{"万元", "1312", 1_312_000_000, "1312"},
		{"万元", "0.000001", 1, "0.000001"},
		{"千元", "5020.00", 502_000_000, "502"},
		{"元", "1234567.89", 123_456_789, "123.456789"},
		{"元", "0", 0, "0"},
	} {
		r, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nunit: "+tc.unit+"\nincome: "+tc.text+"\n---\n"))
		if err != nil {
			t.Fatalf("%s %s: %v", tc.text, tc.unit, err)
		}
		if !r.Income.Known() || r.Income.V != tc.want || r.Income.V.String() != tc.str {
			t.Errorf("%s %s = %d (%s), want %d (%s)", tc.text, tc.unit, r.Income.V, r.Income.V, tc.want, tc.str)
		}
	}
}

func TestThreeStatesOfAFigure(t *testing.T) {
	r, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nsangong: {total: 0, abroad: null, reception: 无法识别}\nscore: 无法识别\n---\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	sg := r.Sangong
	if sg.Total.State != Disclosed || sg.Total.V != 0 {
		t.Errorf("total %+v", sg.Total)
	}
	if sg.Abroad.State != NotDisclosed || sg.Vehicles.State != NotDisclosed {
		t.Errorf("abroad %+v vehicles %+v", sg.Abroad, sg.Vehicles)
	}
	if sg.Reception.State != Unreadable || r.Score.State != Unreadable {
		t.Errorf("reception %+v score %+v", sg.Reception, r.Score)
	}
	if sg.Total.Pos != (Pos{6, 18}) {
		t.Errorf("total at %+v", sg.Total.Pos)
	}
	if string(r.Body) != "body\n" || r.BodyLine != 9 {
		t.Errorf("body %q at line %d", r.Body, r.BodyLine)
	}
	if r.Title != "甲县局2020年度整体支出绩效自评报告" {
		t.Errorf("default title %q", r.Title)
	}
}

// TestNotDisclosedIsNull: a figure written 未披露, as pages print one
// that a report does not give, is read as null: a draft of new, or a
// report, with its figures that are null written so is the same report,
// by every way of parsing it, and gives the same errors.
func TestNotDisclosedIsNull(t *testing.T) {
	nulls := regexp.MustCompile(`(?m)^((?:  (?:total|basic|project|personnel|public|abroad|reception|vehicles|change|authorized|actual))|income|score|grade):( +)null\b`)
	for name, in := range map[string]string{
		"new":                    string(Skeleton("桃源县", 2024)),
		"a report":               slipBase,
		"quoted":                 strings.Replace(slipBase, "  abroad: null", `  abroad: "未披露"`, 1),
		"every figure":           fuzzHeader + "spending: {basic: null, total: 未披露}\nincome: null\nsangong:\n  change: null\nscore: null\ngrade: null\nstaff:\n  actual: null\n---\n",
		"a figure said derived":  fuzzHeader + "income: null\nderived: [income]\n---\n",
		"a figure with an error": fuzzHeader + "income: null\nscore: 九十七\n---\n",
	} {
		written := nulls.ReplaceAllString(in, "$1:${2}未披露")
		if written == in && !strings.Contains(in, "未披露") {
			t.Fatalf("%s: no null replaced", name)
		}
		in = strings.ReplaceAll(in, `"未披露"`, "null")
		in = strings.ReplaceAll(in, "total: 未披露", "total: null")
		for way, parse := range everyParse {
			want, wantErr := parse("a.md", []byte(in))
			got, err := parse("a.md", []byte(written))
			if errString(err) != errString(wantErr) {
				t.Errorf("%s (%s):\nerror %v\nwant  %v", name, way, err, wantErr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (%s):\nreport %+v\nwant   %+v", name, way, got, want)
			}
		}
	}
	// Text that is not exactly 未披露 is refused, as before.
	_, err := Parse("a.md", []byte(fuzzHeader+"income: 不适用\n---\n"))
	if err == nil || !strings.Contains(err.Error(), `a.md:6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "不适用" (`) {
		t.Errorf("error %v", err)
	}
}

func TestTooManyDecimalsAndHugeNesting(t *testing.T) {
	_, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nunit: 元\nincome: 1.234\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "a.md:7:9: income: 1.234 has more decimal places") {
		t.Errorf("error %v", err)
	}
	_, err = Parse("a.md", []byte("---\ncounty: "+strings.Repeat("[", 5000)+"\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("error %v", err)
	}
}

func TestSkeletonIsAnIncompleteDraft(t *testing.T) {
	data := Skeleton("桃源县", 2024)
	r, err := Parse("content/new.md", data)
	if err != nil {
		t.Fatalf("skeleton does not parse: %v\n%s", err, data)
	}
	if !r.Draft || r.County != "桃源县" || r.Year != 2024 || r.Spending.Total.State != NotDisclosed {
		t.Errorf("skeleton parsed as %+v", r)
	}
	err = r.Incomplete()
	if err == nil || !strings.Contains(err.Error(), "content/new.md:9:1: department: required key is empty") ||
		!strings.Contains(err.Error(), "type: required key is empty") {
		t.Errorf("Incomplete() = %v", err)
	}
	for _, key := range topKeys {
		if _, ok := r.Keys.Lookup(key); !ok {
			t.Errorf("skeleton lacks key %s", key)
		}
	}
	// Its notes tell 0 (disclosed as zero) from null (not disclosed),
	// and the rules of the file that publishers break most.
	for _, note := range []string{"报告写明为零的填 0", "保持 null（未披露）", "UTF-8", "不要用 Tab", "冒号用半角“:”，后面加一个空格", "不加千位分隔符和单位"} {
		if !strings.Contains(string(data), note) {
			t.Errorf("skeleton does not say %q", note)
		}
	}
	if strings.Contains(string(data), "不要填 0") {
		t.Error("skeleton says never to write 0")
	}
	// Without draft: true, the same file is an error.
	_, err = Parse("content/new.md", []byte(strings.Replace(string(data), "\ndraft: true\n", "\ndraft: false\n", 1)))
	if err == nil || !strings.Contains(err.Error(), "department: required key is empty") {
		t.Errorf("error %v", err)
	}
}

// TestQuotedNumbersAreNumbers checks that a number in quotes, where a
// number is expected, is read as the same number unquoted: the same
// report, positions included, or the same errors.
func TestQuotedNumbersAreNumbers(t *testing.T) {
	for _, lines := range []string{
		"year: 2020",
		"score: 97",
		"score: 97.5",
		"score: 0",
		"income: 1530.53",
		"income: 0",
		"income: -0",
		"income: 0430",
		"spending:\n  total: 1530.53\n  basic: 158.65\n  project: 1312",
		"sangong:\n  total: 8.5\n  change: -0.4",
		"unit: 元\nincome: 1234567.89",
		"staff:\n  authorized: 25\n  actual: 17",
		// Errors.
		"year: 1999",
		"year: 2020.0",
		"score: 101",
		"score: -1",
		"income: -5",
		"income: 1.1234567",
		"income: 99999999999999999999999",
		"staff:\n  actual: 1.5\n  authorized: -1",
	} {
		plain := strings.Replace(fuzzHeader, "year: 2020\n", "", 1) + lines + "\n---\n正文\n"
		if !strings.HasPrefix(lines, "year:") {
			plain = fuzzHeader + lines + "\n---\n正文\n"
		}
		want, wantErr := Parse("a.md", []byte(plain))
		for _, q := range []string{`"`, `'`} {
			// Quote the value of the last line that has a number.
			quoted := quoteNumbers(plain, q)
			if quoted == plain {
				t.Fatalf("%q: nothing quoted", lines)
			}
			for _, fast := range []bool{true, false} {
				got, err := parseFile("a.md", []byte(quoted), fast)
				if errString(err) != errString(wantErr) {
					t.Errorf("%q (fast path %v):\nerror %v\nwant  %v", quoted, fast, err, wantErr)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%q (fast path %v):\nreport %+v\nwant   %+v", quoted, fast, got, want)
				}
			}
		}
	}
}

// TestPlusIsReadOneWay: a plus before a number is read the same with
// quotes or without, by either parser: sangong.change's as the number;
// any other figure's (a year, a score, a count of people, an amount) is
// refused at its value, with the number to write and why.
func TestPlusIsReadOneWay(t *testing.T) {
	for _, tc := range []struct{ lines, want string }{
		{"score: +97", `score: expected a score such as 97, got %s; write 97, without the +: only sangong.change has a sign (数字前面不要加 +；只有 sangong.change（三公经费较上年增减）可以带正负号)`},
		{"score: +97.5", `score: expected a score such as 97, got %s; write 97.5, without the +: only sangong.change has a sign (`},
		{"year: +2020", `year: expected a year such as 2020, got %s; write 2020, without the +: only sangong.change has a sign (`},
		{"staff:\n  actual: +17", `staff.actual: expected a whole number of people, got %s; write 17, without the +: only sangong.change has a sign (`},
		{"income: +1354.42", `income: expected `},
		{"sangong:\n  total: 8.5\n  change: +0.4", ""},
	} {
		lines := strings.ReplaceAll(tc.lines, `\n`, "\n")
		key, value, _ := strings.Cut(lines[strings.LastIndex(lines, "\n")+1:], ": ")
		var want *Report
		for _, q := range []string{"", `"`, `'`} {
			file := fuzzHeader + strings.Replace(lines, ": "+value, ": "+q+value+q, 1) + "\n---\n正文\n"
			if strings.HasPrefix(lines, "year:") {
				file = strings.Replace(file, "year: 2020\n", "", 1)
			}
			got := "the number " + value
			if q != "" {
				got = `text "` + value + `"`
			}
			for _, fast := range []bool{true, false} {
				r, err := parseFile("a.md", []byte(file), fast)
				if tc.want == "" {
					if err != nil {
						t.Errorf("%s (fast path %v): %v", file, fast, err)
					} else if want == nil {
						want = r
					} else if !reflect.DeepEqual(r, want) {
						t.Errorf("%s (fast path %v): %+v, want %+v", file, fast, r, want)
					}
					continue
				}
				msg := tc.want
				if strings.Contains(msg, "%s") {
					msg = fmt.Sprintf(msg, got)
				}
				if err == nil || !strings.Contains(err.Error(), msg) || !strings.Contains(err.Error(), ":"+strconv.Itoa(len(key)+3)+": ") {
					t.Errorf("%s (fast path %v):\nerror %v\nwant  %s at column %d", file, fast, err, msg, len(key)+3)
				}
			}
		}
		if tc.want == "" && (want == nil || want.Sangong.Change.V.Wan() != 0.4) {
			t.Errorf("%q: %+v", lines, want)
		}
	}
}

// TestScoreAsAShare: a score between 0 and 1 (0.97, as a spreadsheet
// holds 97%) is refused, quoted or not, with the score out of 100 to
// write, worked out exactly; 0 and 1 are scores.
func TestScoreAsAShare(t *testing.T) {
	for value, want := range map[string]string{
		"0.97":   "a.md:6:8: score: score 0.97 looks like a share (97%), not a score out of 100, which no department gives itself below 1: write 97 (自评得分按百分制填写：0.97 看起来是比例（97%），请写 97)",
		`"0.97"`: "a.md:6:8: score: score 0.97 looks like a share (97%)",
		"0.975":  "score 0.975 looks like a share (97.5%), not a score out of 100, which no department gives itself below 1: write 97.5 (",
		"0.5":    "write 50 (",
		"0.07":   "write 7 (",
		"0.0":    "",
		"0":      "",
		"1":      "",
		"1.0":    "",
	} {
		file := fuzzHeader + "score: " + value + "\n---\n正文\n"
		for _, fast := range []bool{true, false} {
			r, err := parseFile("a.md", []byte(file), fast)
			if want == "" && (err != nil || r.Score.State != Disclosed) || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
				t.Errorf("score: %s (fast path %v): %v, want %q", value, fast, err, want)
			}
		}
	}
}

// TestHugeNumbersAreSaidToBe: a number of more digits than YAML reads as
// a number, which it gives as text, is said to be a number far too large,
// not text that is no number, quoted or not, by either parser.
func TestHugeNumbersAreSaidToBe(t *testing.T) {
	const huge = "135442000000000000000000"
	for _, tc := range []struct{ line, want string }{
		{"income: %s", "income: expected an amount such as 1530.53, null or 无法识别, got the number " + huge + ", far too large for any figure of a report: check its digits and the unit (数字过大：请检查数字的位数和单位)"},
		{"staff:\n  actual: %s", "staff.actual: expected a whole number of people, got the number " + huge + ", far too large for any figure of a report: check its digits (数字过大：请检查数字的位数)"},
		{"score: %s", "score: expected a score such as 97, got the number " + huge + ", far too large"},
		{"year: %s", "year: expected a year such as 2020, got the number " + huge + ", far too large"},
	} {
		for _, q := range []string{"", `"`} {
			file := fuzzHeader + fmt.Sprintf(tc.line, q+huge+q) + "\n---\n正文\n"
			if strings.HasPrefix(tc.line, "year:") {
				file = strings.Replace(file, "year: 2020\n", "", 1)
			}
			for _, fast := range []bool{true, false} {
				if _, err := parseFile("a.md", []byte(file), fast); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s (fast path %v):\nerror %v\nwant  %s", file, fast, err, tc.want)
				}
			}
		}
	}
}

// quoteNumbers puts the values of the lines of data that are numbers in
// quotes q.
func quoteNumbers(data, q string) string {
	lines := strings.Split(data, "\n")
	for i, l := range lines {
		k, v, ok := strings.Cut(l, ": ")
		if ok && plainNumber(v) && strings.TrimSpace(k) != "" {
			lines[i] = k + ": " + q + v + q
		}
	}
	return strings.Join(lines, "\n")
}

// TestDecoratedNumbersSayTheFix checks that text given for a number that
// is a number but for a thousands separator, a unit, full-width digits
// or spaces is refused, with an error that says how to write it.
func TestDecoratedNumbersSayTheFix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`income: "1,530.53"`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "1,530.53"; write 1530.53, without the thousands separators (请写成 1530.53；数字中不要用千位分隔符)`},
		{`income: 1,530.53`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "1,530.53"; write 1530.53, without the thousands separators`},
		{`income: 1530.53万元`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "1530.53万元"; write 1530.53, without the unit 万元; give the unit of all amounts once, as unit: 万元 (the default), 千元 or 元 (请写成 1530.53；数字后面不要写单位，单位写在 unit: 中)`},
		{"spending:\n  total: \"1,530.53 万元\"", `7:10: spending.total: expected an amount such as 1530.53, null or 无法识别, got text "1,530.53 万元"; write 1530.53, without the thousands separators and the unit 万元; give the unit`},
		{`score: ９７`, `6:8: score: expected a score such as 97, got text "９７"; write 97, in half-width digits (请写成 97；请用半角数字)`},
		{`score: "97分"`, `6:8: score: expected a score such as 97, got text "97分"; write 97, without the unit 分 (请写成 97；数字后面不要写单位)`},
		{`score: " 97 "`, `6:8: score: expected a score such as 97, got text " 97 "; write 97, without the spaces around it (请写成 97；数字前后不要加空格)`},
		{"staff:\n  actual: 17人", `7:11: staff.actual: expected a whole number of people, got text "17人"; write 17, without the unit 人 (请写成 17；数字后面不要写单位)`},
		{`income: １，５３０．５３`, `got text "１，５３０．５３"; write 1530.53, in half-width digits, without the thousands separators (请写成 1530.53；请用半角数字；数字中不要用千位分隔符)`},
		{"---\ncounty: 甲县\ndepartment: 局\nyear: 2020年\ntype: 整体支出", `4:7: year: expected a year such as 2020, got text "2020年"; write 2020, without the unit 年 (请写成 2020；数字后面不要写单位)`},
		{`income: "1，530.53"`, `got text "1，530.53"; write 1530.53, without the thousands separators (请写成 1530.53；数字中不要用千位分隔符)`},
		// A comma that is not a thousands separator is a decimal comma,
		// not dropped, which would publish a figure 10 or 100 times it.
		{"sangong:\n  abroad: 8，5", `7:11: sangong.abroad: expected an amount such as 1530.53, null or 无法识别, got text "8，5"; "，" is not a decimal point; if you meant 8.5, write 8.5 (逗号不能当小数点：如果是 8.5，请写 8.5)` + "\n"},
		{`income: 8,5`, `got text "8,5"; "," is not a decimal point; if you meant 8.5, write 8.5 (逗号不能当小数点：如果是 8.5，请写 8.5)` + "\n"},
		{`income: 29,10`, `got text "29,10"; "," is not a decimal point; if you meant 29.10, write 29.10 (`},
		{`income: 1,53`, `got text "1,53"; "," is not a decimal point; if you meant 1.53, write 1.53 (`},
		{`income: "1.530,53"`, `got text "1.530,53"; "," is not a decimal point; if you meant 1530.53, write 1530.53 (逗号不能当小数点：如果是 1530.53，请写 1530.53)` + "\n"},
		{`income: 1,530`, `got text "1,530"; write 1530, without the thousands separators (`},
		{`income: １，５`, `got text "１，５"; "，" is not a decimal point; if you meant 1.5, write 1.5, in half-width digits (逗号不能当小数点：如果是 1.5，请写 1.5；请用半角数字)` + "\n"},
		{`income: 8,5万元`, `got text "8,5万元"; "," is not a decimal point; if you meant 8.5, write 8.5, without the unit 万元; give the unit of all amounts once, as unit: 万元 (the default), 千元 or 元 (逗号不能当小数点：如果是 8.5，请写 8.5；数字后面不要写单位，单位写在 unit: 中)` + "\n"},
		{`income: 8,5元`, `got text "8,5元"; "," is not a decimal point; if you meant 8.5元, 8.5元 is 0.00085万元: write 0.00085 (the file's unit is 万元), or, if all amounts of the file are in 元, set unit: 元 and write 8.5 (逗号不能当小数点：如果是 8.5元，8.5元 即 0.00085万元：请写 0.00085（本文件的金额单位是 万元）；`},
		{`score: 9,7`, `6:8: score: expected a score such as 97, got text "9,7"; "," is not a decimal point; if you meant 9.7, write 9.7 (`},
		{`income: 12,5000.5`, `got text "12,5000.5" (金额请写数字`},
		// Spaces, ordinary or full-width, that group thousands, as
		// tables print amounts.
		{"spending:\n  total: 2 345.68", `7:10: spending.total: expected an amount such as 1530.53, null or 无法识别, got text "2 345.68"; write 2345.68, without the space between its digits (请写成 2345.68；请删除数字中间的空格)` + "\n"},
		{`income: "1 234 567.5"`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "1 234 567.5"; write 1234567.5, without the spaces between its digits (请写成 1234567.5；请删除数字中间的空格)` + "\n"},
		{"income: 1\u3000530.53万元", `got text "1\u3000530.53万元"; write 1530.53, without the space between its digits and the unit 万元; give the unit of all amounts once, as unit: 万元 (the default), 千元 or 元 (请写成 1530.53；请删除数字中间的空格；数字后面不要写单位，单位写在 unit: 中)` + "\n"},
		{"staff:\n  actual: 1 017", `7:11: staff.actual: expected a whole number of people, got text "1 017"; write 1017, without the space between its digits (请写成 1017；请删除数字中间的空格)` + "\n"},
		{`spending: {total: 2 345.68}`, `6:19: spending.total: expected an amount such as 1530.53, null or 无法识别, got text "2 345.68"; write 2345.68, without the space`},
		// Spaces that group no thousands may part two numbers: no fix.
		{`score: 9 7`, `6:8: score: expected a score such as 97, got text "9 7" (自评得分请写数字，如 97)` + "\n"},
		{`income: 12 5000`, `got text "12 5000" (金额请写数字，如 1530.53；`},
		// Inside braces a comma separates pairs, and cuts the number.
		{`spending: {total: 1,530.53, basic: 1}`, `6:19: spending.total: expected an amount such as 1530.53, got 1,530.53, which its commas cut apart: inside braces { } a comma separates pairs; write 1530.53, without the thousands separators (花括号内的逗号用来分隔各项，会把 1,530.53 拆开：请写 1530.53，数字中不要用千位分隔符)` + "\n"},
		{`sangong: {total: 1, change: -12,345,678.9}`, `6:29: sangong.change: expected an amount such as 1530.53, got -12,345,678.9, which its commas cut apart: inside braces { } a comma separates pairs; write -12345678.9, without the thousands separators (`},
		{`staff: {authorized: 1,019}`, `6:21: staff.authorized: expected a whole number of people, got 1,019, which its commas cut apart: inside braces { } a comma separates pairs; write 1019, without the thousands separators (`},
		{`spending: {total: 8,5}`, `6:19: spending.total: expected an amount such as 1530.53, got 8,5, which its comma cuts apart: inside braces { } a comma separates pairs, and "," is not a decimal point; if you meant 8.5, write 8.5 (花括号内的逗号用来分隔各项，会把 8,5 拆开；逗号也不能当小数点：如果是 8.5，请写 8.5)` + "\n"},
		// With a space after the comma, it may be two items: told as it was.
		{`spending: {total: 1, 530.53}`, `6:22: spending: keys must be plain words, got the number 530.53; in { } a comma separates pairs and cuts a number with a thousands separator in two: remove the separator (数字中不要用千位分隔符)`},
		// As Word and Chinese input methods write numbers.
		{"sangong:\n  change: −0.4", `7:11: sangong.change: expected an amount such as 1530.53, null or 无法识别, got text "−0.4"; write -0.4, without the dash (the minus sign is -) (请写成 -0.4；负号请用半角减号 -)` + "\n"},
		{`income: —0.4`, `got text "—0.4"; write -0.4, without the dash (the minus sign is -) (`},
		{"sangong:\n  change: 减少0.4", `got text "减少0.4"; write -0.4, without "减少" (a decrease is a negative number) (请写成 -0.4；减少写作负数)` + "\n"},
		{"sangong:\n  change: 增加0.4", `got text "增加0.4"; write 0.4, without "增加" (请写成 0.4；增加直接写数字)` + "\n"},
		// sangong.change alone takes a sign (see TestChangeTakesAPlus).
		{`income: +1354.42`, `6:9: income: expected a plain decimal amount such as 1530.53, got +1354.42; write 1354.42, without the +: only sangong.change has a sign (金额前面不要加 +；只有 sangong.change（三公经费较上年增减）可以带正负号)` + "\n"},
		{"spending:\n  total: +0", `7:10: spending.total: expected a plain decimal amount such as 1530.53, got +0; write 0, without the +: only sangong.change has a sign (`},
		{`income: "+1354.42"`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "+1354.42"; write 1354.42, without the "+" (请写成 1354.42；数字前面不要加 +)` + "\n"},
		{"sangong:\n  change: ＋0.4", `7:11: sangong.change: expected an amount such as 1530.53, null or 无法识别, got text "＋0.4"; write 0.4, without the "＋" (请写成 0.4；数字前面不要加 +)` + "\n"},
		{"sangong:\n  change: \"+-0.4\"", `got text "+-0.4" (金额请写数字，如 1530.53；`},
		{`income: 1530。53`, `got text "1530。53"; write 1530.53, without "。" (the decimal point is .) (请写成 1530.53；小数点请用半角的 .)` + "\n"},
		{`income: “1530.53”`, `got text "“1530.53”"; write 1530.53, without the quotation marks (请写成 1530.53；数字不要加引号)` + "\n"},
		// A dash, or dashes, for a figure the report does not give.
		{"sangong:\n  abroad: —", `7:11: sangong.abroad: "—" is a dash, not a value: write null if the report does not give the figure, which pages show as 未披露, or 0 if the report says it is zero (横线“—”不是数值：报告没有给出的写 null（页面显示为未披露），报告写明为零的写 0)` + "\n"},
		{`income: "-"`, `6:9: income: "-" is a dash, not a value: write null if the report does not give the figure, which pages show as 未披露, or 0 if the report says it is zero (`},
		{`income: –`, `6:9: income: "–" is a dash, not a value: write null`},
		{`income: －－`, `6:9: income: "－－" is a dash, not a value: write null`},
		{`score: ——`, `6:8: score: "——" is a dash, not a value: write null`},
		{"staff:\n  actual: --", `7:11: staff.actual: "--" is a dash, not a value: write null`},
		{`sangong: {abroad: -}`, `6:19: sangong.abroad: "-" is a dash, not a value: write null`},
		// Years and dates in Chinese or full-width digits, or with other
		// separators: the exact value to write.
		{"---\ncounty: 甲县\ndepartment: 局\nyear: 二〇二三\ntype: 整体支出", `4:7: year: expected a year such as 2020, got text "二〇二三"; write 2023, in Arabic digits (年度请用阿拉伯数字写作 2023)` + "\n"},
		{"---\ncounty: 甲县\ndepartment: 局\nyear: 二零二三年\ntype: 整体支出", `got text "二零二三年"; write 2023, in Arabic digits (年度请用阿拉伯数字写作 2023)` + "\n"},
		{"---\ncounty: 甲县\ndepartment: 局\nyear: ２０２３\ntype: 整体支出", `got text "２０２３"; write 2023, in half-width digits (请写成 2023；请用半角数字)` + "\n"},
		{"---\ncounty: 甲县\ndepartment: 局\nyear: 二三\ntype: 整体支出", `got text "二三" (年度请写四位数字，如 2020)` + "\n"},
		{"published: 2024-5-18", `6:12: published: expected a date YYYY-MM-DD, got text "2024-5-18"; write 2024-05-18 (日期请写成 2024-05-18)` + "\n"},
		{"published: 2024/5/18", `got text "2024/5/18"; write 2024-05-18 (日期请写成 2024-05-18)` + "\n"},
		{"published: 2024.5.18", `got text "2024.5.18"; write 2024-05-18 (`},
		{"published: 2024年5月8日", `got text "2024年5月8日"; write 2024-05-08 (日期请写成 2024-05-08)` + "\n"},
		{"published: \"２０２４－０５－１８\"", `got text "２０２４－０５－１８"; write 2024-05-18 (`},
		{"published: ２０２４年１２月３１日", `got text "２０２４年１２月３１日"; write 2024-12-31 (`},
		{"published: 二〇二四年五月十八日", `got text "二〇二四年五月十八日"; write 2024-05-18 (`},
		// A change of none, in words.
		{"sangong:\n  change: 持平", `7:11: sangong.change: expected an amount such as 1530.53, null or 无法识别, got text "持平"; a change of none is 0: write 0 (与上年持平即变化为零，请写 0)` + "\n"},
		{"sangong: {total: 1, change: 与上年持平}", `sangong.change: expected an amount such as 1530.53, null or 无法识别, got text "与上年持平"; a change of none is 0: write 0 (`},
		{"income: 持平", `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "持平" (金额请写数字`},
		// A date and a time of day, as web pages give 发布时间.
		{"published: 2024-05-18 10:30", `6:12: published: expected a date YYYY-MM-DD, got text "2024-05-18 10:30"; write 2024-05-18, without the time (日期只写年月日，不写时间：请写 2024-05-18)` + "\n"},
		{"published: 2024-05-18T10:30:00+08:00", `got text "2024-05-18T10:30:00+08:00"; write 2024-05-18, without the time (`},
		{`published: "2024年5月8日 09:05:33"`, `got text "2024年5月8日 09:05:33"; write 2024-05-08, without the time (`},
		{"published: 2024-05-18 10:30 张三", `got text "2024-05-18 10:30 张三" (日期请写成 年-月-日，如 2021-05-18)` + "\n"},
		// A date in that form, or another, that does not exist: said so,
		// with the part that is wrong.
		{"published: 2025-02-30", `6:12: published: the date 2025-02-30 does not exist: February 2025 has 28 days; check the date in the report (2025年2月没有30日，这个月只有28天：请核对报告中的日期)` + "\n"},
		{`published: "2024-02-30"`, `6:12: published: the date 2024-02-30 does not exist: February 2024 has 29 days; check the date in the report (2024年2月没有30日，这个月只有29天：请核对报告中的日期)` + "\n"},
		{"published: 2021-04-31", `the date 2021-04-31 does not exist: April 2021 has 30 days; check the date in the report (2021年4月没有31日，这个月只有30天：`},
		{"published: 2025-13-01", `6:12: published: the date 2025-13-01 does not exist: there is no month 13, months are 1 to 12; check the date in the report (没有13月，月份只有 1 到 12：请核对报告中的日期)` + "\n"},
		{"published: 2025-00-10", `the date 2025-00-10 does not exist: there is no month 0, months are 1 to 12; check`},
		{"published: 2025-04-00", `the date 2025-04-00 does not exist: there is no day 0; check the date in the report (没有0日：请核对报告中的日期)` + "\n"},
		{"published: 2024-2-30", `the date 2024-2-30 does not exist: February 2024 has 29 days; check the date in the report (2024年2月没有30日，这个月只有29天：请核对报告中的日期)` + "\n"},
		{"published: 2024年13月1日", `the date 2024年13月1日 does not exist: there is no month 13, months are 1 to 12; check the date in the report (没有13月，`},
		{`income: 「1,530.53 万元」`, `got text "「1,530.53 万元」"; write 1530.53, without the quotation marks, the thousands separators and the unit 万元; give the unit`},
		// Text that is no number is refused as it was, with the general
		// hint in Chinese and no fix.
		{`score: 九十七`, `6:8: score: expected a score such as 97, got text "九十七" (自评得分请写数字，如 97)` + "\n"},
		{`income: 约1530万元`, `6:9: income: expected an amount such as 1530.53, null or 无法识别, got text "约1530万元" (金额请写数字，如 1530.53；报告没有给出的写 null；给出了但无法辨认的写 无法识别)` + "\n"},
		{`income: "1530.53元/人"`, `got text "1530.53元/人" (金额请写数字，如 1530.53；`},
		{`income: "1e3"`, `got text "1e3" (金额请写数字，如 1530.53；`},
		// YAML's infinities and NaN, said as written.
		{"spending:\n  total: .inf", `7:10: spending.total: expected an amount such as 1530.53, null or 无法识别, got .inf, which YAML reads as an infinity (金额请写数字，如 1530.53；`},
		{`score: -.Inf`, `6:8: score: expected a score such as 97, got -.Inf, which YAML reads as an infinity (自评得分请写数字，如 97)` + "\n"},
		{"staff:\n  actual: .nan", `7:11: staff.actual: expected a whole number of people, got .nan, which YAML reads as not a number (人数请写整数)` + "\n"},
	} {
		in := fuzzHeader + tc.in + "\n"
		if strings.HasPrefix(tc.in, "---\n") {
			in = tc.in + "\n"
		}
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(in+"---\n"), fast)
			if err == nil || !strings.Contains(err.Error()+"\n", tc.want) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
}

// TestChangeTakesAPlus: sangong.change, the one amount that may be
// negative, may be written with a plus, as a report writes an increase
// (较上年+0.4), in quotes or not: the same report as without it, but for
// where the value is.
func TestChangeTakesAPlus(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"+0.4", "0.4"}, {`"+0.4"`, "0.4"}, {"'+0.4'", "0.4"}, {"+12", "12"}, {"+0", "0"},
	} {
		for _, fast := range []bool{true, false} {
			got, err := parseFile("a.md", []byte(fuzzHeader+"sangong:\n  change: "+tc.in+"\n---\n"), fast)
			want, wantErr := parseFile("a.md", []byte(fuzzHeader+"sangong:\n  change: "+tc.want+"\n---\n"), fast)
			if err != nil || wantErr != nil {
				t.Errorf("%s (fast path %v): error %v, %v", tc.in, fast, err, wantErr)
				continue
			}
			if got.Sangong.Change.V != want.Sangong.Change.V || got.Sangong.Change.State != Disclosed {
				t.Errorf("%s (fast path %v): %+v, want %+v", tc.in, fast, got.Sangong.Change, want.Sangong.Change)
			}
		}
	}
}

// TestAmountUnitSaysTheFigureInTheFileUnit checks that an amount written
// with a unit of money other than the file's is said converted, exactly,
// into the file's unit (writing its number without the unit would
// publish another figure), and that an amount written as a percentage is
// said to be no amount; one written in the file's unit is said to drop
// its unit.
func TestAmountUnitSaysTheFigureInTheFileUnit(t *testing.T) {
	const got = `expected an amount such as 1530.53, null or 无法识别, got text `
	for _, tc := range []struct{ in, want string }{
		{"unit: 万元\nincome: 24000000元", `7:9: income: ` + got + `"24000000元"; 24000000元 is 2400万元: write 2400 (the file's unit is 万元), or, if all amounts of the file are in 元, set unit: 元 and write 24000000 (24000000元 即 2400万元：请写 2400（本文件的金额单位是 万元）；如果本文件的金额都以元为单位，也可以把 unit: 改为 元 并写 24000000)` + "\n"},
		// The unit may come after the amount; the default is 万元.
		{"income: 0.24亿元\nunit: 万元", `6:9: income: ` + got + `"0.24亿元"; 0.24亿元 is 2400万元: write 2400 (the file's unit is 万元) (0.24亿元 即 2400万元：请写 2400（本文件的金额单位是 万元）)` + "\n"},
		{"income: 0.24亿元", `0.24亿元 is 2400万元: write 2400 (the file's unit is 万元)`},
		{"income: 0.0001亿元", `0.0001亿元 is 1万元: write 1 (`},
		{"income: 1,234.56元", `"1,234.56元"; 1234.56元 is 0.123456万元: write 0.123456 (the file's unit is 万元)`},
		{"income: 1530.53万元\nunit: 元", `1530.53万元 is 15305300元: write 15305300 (the file's unit is 元), or, if all amounts of the file are in 万元, set unit: 万元 and write 1530.53 (`},
		{"unit: 千元\nspending:\n  total: \"１２３４ 元\"", `8:10: spending.total: ` + got + `"１２３４ 元"; 1234元 is 1.234千元: write 1.234 (the file's unit is 千元)`},
		{"sangong:\n  change: -120元", `-120元 is -0.012万元: write -0.012 (`},
		// Spaces grouping thousands are dropped in the conversion.
		{"income: 1 354 420元", `"1 354 420元"; 1354420元 is 135.442万元: write 135.442 (the file's unit is 万元), or, if all amounts of the file are in 元, set unit: 元 and write 1354420 (`},
		// 万 and 亿 are short for 万元 and 亿元.
		{"unit: 元\nincome: 2400万", `"2400万"; 2400万 is 24000000元: write 24000000 (the file's unit is 元) (2400万 即 24000000元：请写 24000000（本文件的金额单位是 元）)` + "\n"},
		{"income: 2400万", `"2400万"; 2400万 is 2400万元: write 2400 (the file's unit is 万元) (`},
		{"income: 1.5亿", `"1.5亿"; 1.5亿 is 15000万元: write 15000 (`},
		// Written as Word and Chinese input methods write numbers: the
		// amount converted, never its number without the unit, which
		// would publish 10000 times it.
		{"income: 增加1354.42元", `"增加1354.42元"; 1354.42元 is 0.135442万元: write 0.135442 (the file's unit is 万元), or, if all amounts`},
		{"income: “1354.42元”", `"“1354.42元”"; 1354.42元 is 0.135442万元: write 0.135442 (`},
		{"income: 1354。42元", `"1354。42元"; 1354.42元 is 0.135442万元: write 0.135442 (`},
		{"sangong:\n  change: 减少1200元", `"减少1200元"; -1200元 is -0.12万元: write -0.12 (`},
		{"sangong:\n  change: —1200元", `"—1200元"; -1200元 is -0.12万元: write -0.12 (`},
		{"sangong:\n  change: \"+1200元\"", `"+1200元"; 1200元 is 0.12万元: write 0.12 (`},
		{"income: 2 345.68元", `"2 345.68元"; 2345.68元 is 0.234568万元: write 0.234568 (`},
		// Less than a fen cannot be written in any unit.
		{"income: 0.001元", `"0.001元"; 0.001元 is in 元, but the file's unit is 万元: write it converted to 万元, or, if all amounts`},
		// In the file's unit, the number is right without its unit.
		{"unit: 万元\nincome: 1200万元", `income: ` + got + `"1200万元"; write 1200, without the unit 万元; give the unit`},
		{"sangong:\n  change: -8.9%", `7:11: sangong.change: ` + got + `"-8.9%"; this is an amount in the file's unit (万元), not a percentage: write the amount in 万元 as the report gives it, or null when the report gives only a percentage (这一项是金额（万元），不是百分比；报告只给出百分比时请写 null)` + "\n"},
		{"unit: 元\nspending:\n  total: 12％", `this is an amount in the file's unit (元), not a percentage`},
	} {
		in := fuzzHeader + tc.in + "\n"
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(in+"---\n"), fast)
			if err == nil || !strings.Contains(err.Error()+"\n", tc.want) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
}

// TestDiscrepancies reads the report's own inconsistencies, as a block
// list and as a flow list, with where each item is: the same whichever
// way the front matter is read, and kept by a lean parse; anything but a
// list of text is refused at its place.
func TestDiscrepancies(t *testing.T) {
	head := "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n"
	for _, tc := range []struct {
		name, fm string
		want     []Note
	}{
		{"block", "discrepancies:\n  - 收入决算数1169.22万元，与支出合计1530.53万元不符。\n  - \"表中合计5020，正文为502万元\"\n",
			[]Note{{"收入决算数1169.22万元，与支出合计1530.53万元不符。", Pos{7, 5}}, {"表中合计5020，正文为502万元", Pos{8, 5}}}},
		{"flow", "discrepancies: [甲与乙不符, \"丙与丁不符\"]\n",
			[]Note{{"甲与乙不符", Pos{6, 17}}, {"丙与丁不符", Pos{6, 24}}}},
		{"empty", "discrepancies: []\n", nil},
	} {
		data := []byte(head + tc.fm + "---\n正文\n")
		for way, parse := range everyParse {
			r, err := parse("a.md", data)
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, way, err)
			}
			if fmt.Sprint(r.Discrepancies) != fmt.Sprint(tc.want) {
				t.Errorf("%s, %s: %v, want %v", tc.name, way, r.Discrepancies, tc.want)
			}
			if way == "ParseLean" {
				full, err := ParseDetail("a.md", data, r)
				if err != nil || fmt.Sprint(full.Discrepancies) != fmt.Sprint(tc.want) {
					t.Errorf("%s, ParseDetail: %v, %v", tc.name, full, err)
				}
			}
		}
	}
	for _, bad := range []string{"discrepancies: 不一致\n", "discrepancies:\n  - {a: 1}\n", "discrepancies:\n  - 5\n",
		"discrepancies:\n  - \"\"\n", "discrepancies: [\"  \"]\n"} {
		_, err := Parse("a.md", []byte(head+bad+"---\n"))
		if err == nil || !strings.Contains(err.Error(), "a.md:") || !strings.Contains(err.Error(), "discrepancies") {
			t.Errorf("%q: error %v; want one naming the file, place and key", bad, err)
		}
	}
	// Each item becomes a finding on pages and in downloads: a short file
	// of many tiny items made a build of 1.6 GB, so their number and
	// length are bounded, at every way of reading.
	many := "discrepancies: [" + strings.Repeat("a,", MaxNotes) + "a]\n"
	long := "discrepancies:\n  - " + strings.Repeat("长", MaxNote+1) + "\n"
	for name, tc := range map[string]struct{ fm, want string }{
		"too many": {many, fmt.Sprintf("a.md:6:%d: discrepancies: %d items, more than %d: merge related items into one, of at most %d characters, so that at most %[3]d are left "+
			"(共 %[2]d 条，超过了 %[3]d 条：请把相关的几条合并成一条，每条不超过 %[4]d 个字，合并后最多 %[3]d 条)", 17+2*MaxNotes, MaxNotes+1, MaxNotes, MaxNote)},
		"too long": {long, fmt.Sprintf("a.md:7:5: discrepancies: is %d characters long; at most %d", MaxNote+1, MaxNote)},
	} {
		for way, parse := range everyParse {
			_, err := parse("a.md", []byte(head+tc.fm+"---\n"))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s, %s: error %v, want %q", name, way, err, tc.want)
			}
		}
	}
	at := "discrepancies: [" + strings.Repeat("a,", MaxNotes-1) + strings.Repeat("长", MaxNote) + "]\n"
	if r, err := Parse("a.md", []byte(head+at+"---\n")); err != nil || len(r.Discrepancies) != MaxNotes {
		t.Errorf("%d items, the last %d characters long: %v", MaxNotes, MaxNote, err)
	}
}

// TestErrorsSayItInChinese checks that the errors a publisher most often
// sees end with a short hint in Chinese, after the English, and that the
// rest of every error of a report file does too.
func TestErrorsSayItInChinese(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"year: 224", `a.md:4:7: year: year 224 is outside 2000..`},
		{"year: 224", `(年度应在 2000 到 `},
		{"score: 970", `a.md:6:8: score: score must be between 0 and 100, got 970 (自评得分应在 0 到 100 之间)`},
		{"grade: 好", `a.md:6:8: grade: expected one of 优, 良, 中, 差, got "好" (只能填 优、良、中 或 差)`},
		{"type: 专项", `a.md:5:7: type: expected one of 整体支出, 项目支出, got "专项" (只能填 整体支出 或 项目支出)`},
		// A value that says one of those allowed is told which.
		{"grade: 良好", `a.md:6:8: grade: expected one of 优, 良, 中, 差, got "良好"; did you mean 良? (只能填 优、良、中 或 差：是不是要写 良？)`},
		{"type: 整体", `a.md:5:7: type: expected one of 整体支出, 项目支出, got "整体"; did you mean 整体支出? (只能填 整体支出 或 项目支出：是不是要写 整体支出？)`},
		{"type: 专项/项目支出", `got "专项/项目支出"; did you mean 项目支出? (`},
		{"unit: 万", `a.md:6:7: unit: expected one of 万元, 千元, 元, got "万"; did you mean 万元? (只能填 万元、千元 或 元：是不是要写 万元？)`},
		{"unit: 万元人民币", `got "万元人民币"; did you mean 万元? (`},
		{"unit: 人民币元", `got "人民币元"; did you mean 元? (`},
		// A unit larger than any allowed is to be converted, not named.
		{"unit: 亿元", `a.md:6:7: unit: expected one of 万元, 千元, 元, got "亿元"; convert the amounts to 万元 (1 亿元 = 10000 万元) and write unit: 万元 (只能填 万元、千元 或 元；请把金额换算成万元（1亿元 = 10000万元）后填写，并写 unit: 万元)`},
		{"unit: 千万元", `got "千万元"; convert the amounts to 万元 (1 千万元 = 1000 万元) and write unit: 万元 (`},
		{"slug: con", `a.md:6:7: slug: "con" names a device on Windows, where a file con.html cannot be made: give another, such as con-xian (`},
		{"slug: com1", `slug: "com1" names a device on Windows`},
		{"colour: 红", `a.md:6:1: colour: unknown key; the known keys are county, `},
		{"colour: 红", `, discrepancies, derived (没有这个键：请检查拼写，可用的键见前面所列)`},
		{"score: 1\nscore: 2", `a.md:7:1: score: duplicate key, first given at line 6; remove one of them (这一项重复了：第 6 行已经写过，请删除其中一个)`},
		{"staff:\n  actual: 1\n  actual: 2", `a.md:8:3: staff.actual: duplicate key, first given at line 7; remove one of them (这一项重复了：第 7 行已经写过，请删除其中一个)`},
		{"&a x: 1", `a.md:6:1: keys must be plain words, got an anchor (键名只能是英文单词，如 score)`},
		{"<<: {a: 1}", `a.md:6:1: keys must be plain words, got a merge key << (键名只能是英文单词，如 score)`},
		{"staff: 17", `a.md:6:8: staff: expected a mapping such as {authorized: 25, …}, got the number 17 (这里应在下面各行分项填写，如“  authorized: 25”，每行缩进两个空格)`},
		{"department: null", `a.md:3:1: department: required key is empty: fill it in, such as department: 行政审批服务局 (必填项“部门”没有填写，如 department: 行政审批服务局)`},
		{"\x00department", `a.md:1:1: department: required key is missing: add a line such as department: 行政审批服务局 (缺少必填项“部门”，请添加一行，如 department: 行政审批服务局)`},
	} {
		// A key of fuzzHeader is given in its place, or left out
		// ("\x00key"); others are added.
		in := fuzzHeader + tc.in + "\n---\n"
		for _, l := range strings.Split(fuzzHeader, "\n") {
			k, _, _ := strings.Cut(l, ": ")
			switch {
			case k == "" || k == "---":
			case tc.in == "\x00"+k:
				in = strings.Replace(fuzzHeader, l+"\n", "", 1) + "---\n"
			case strings.HasPrefix(tc.in, k+": "):
				in = strings.Replace(fuzzHeader, l+"\n", tc.in+"\n", 1) + "---\n"
			}
		}
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(in), fast)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
	// Every error of the broken inputs of this package's tests, and of
	// more that give each other error, ends with Chinese in parentheses,
	// after English that does not end in parentheses of its own: one
	// English part and one Chinese part.
	inputs := brokenInputs(t)
	for i, in := range []string{
		"", "# 标题", "---\ncounty: 甲县\n", "---\n---\n", "---\n- a\n---\n", "---\ncounty: &a 甲县\n---\n",
		"---\ncounty: !!str 甲县\n---\n", "---\n<<: {a: 1}\n---\n", "---\ncounty: 甲县\n...\n---\n",
		fuzzHeader + "adcode: 43\nslug: 甲\npublished: 2021-13-01\nsource: ftp://a\ndraft: 1\ntitle: {a: 1}\n---\n",
		fuzzHeader + "adcode: [1]\nunit: 美元\nreview: 1\ndiscrepancies:\n  - \"\"\n  - [a]\nspending: 1\nevidence: 1\nstaff: {actual: 1.5, authorized: -1, x: 1}\n---\n",
		fuzzHeader + "evidence:\n  score: [a]\n  x: 1\n  score: b\n  score: c\nincome: -1\nscore: x\nsangong: {total: 1.1234567, abroad: 9999999999999}\n---\n",
		fuzzHeader + "spending: {1: 2}\ncounty: \"甲\\u202e\"\nprefecture: \"甲\\u200b市\"\ntitle: \"a\\u0001\"\n---\n",
		fuzzHeader + "income: 1,530.53\nscore: \"97分\"\nstaff: {actual: 17人}\n---\n",
		fuzzHeader + "slug: aux\nprefecture: 。。\n---\n",
		"---\ncounty: 甲县\nyear: 2020\u0007\n---\n",
	} {
		inputs[fmt.Sprintf("more/%d", i)] = []byte(in)
	}
	for name, data := range inputs {
		_, err := Parse("a.md", data)
		for _, e := range flatten(err) {
			msg := e.(*Error).Msg
			i := strings.LastIndex(msg, " (")
			if i < 0 || !strings.HasSuffix(msg, ")") || !strings.ContainsFunc(msg[i:], func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
				t.Errorf("%s: error %q does not end with a hint in Chinese", name, e)
			}
			if strings.Contains(msg, ") (") || strings.Contains(msg, ")（") || strings.Contains(msg[max(i, 0):], "（GB") {
				t.Errorf("%s: error %q has parentheses after parentheses", name, e)
			}
		}
	}
}

// TestUnknownKeySaysWhichWasMeant: a misspelt key is told the known key
// nearest to it, when only one is near; a key near none, or near two as
// much, is told the list only.
func TestUnknownKeySaysWhichWasMeant(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"socre: 97", `6:1: socre: unknown key; did you mean score? the known keys are county,`},
		{"Grade: 优", `6:1: Grade: unknown key; did you mean grade? the known keys are`},
		{"spending:\n  totl: 1", `7:3: spending.totl: unknown key; did you mean total? the known keys of spending are basic, personnel, project, public, total (没有这个键：是不是 total？请检查拼写`},
		{"evidence:\n  spending.totla: x", `7:3: evidence.spending.totla: unknown figure name; did you mean spending.total? the known ones are`},
		{"abc: 1", `6:1: abc: unknown key; the known keys are county,`},
		{"sta: 1", `6:1: sta: unknown key; the known keys are county,`},
		// A Chinese name of a key: the key to write instead.
		{"三公经费: 8.5", `6:1: 三公经费: unknown key; keys are English words: did you mean sangong? the known keys are county,`},
		{"三公经费: 8.5", `, discrepancies, derived (没有这个键：键名要用英文，是不是要写 sangong？可用的键见前面所列)`},
		{"单位: 万元", `6:1: 单位: unknown key; keys are English words: did you mean department or unit? the known keys are`},
		{"自评得分: 97", `did you mean score? `},
		{"支出合计（万元）: 1530.53", `6:1: 支出合计（万元）: unknown key; keys are English words: did you mean total under spending? the known keys are`},
		{"基本支出: 1", `(没有这个键：键名要用英文，是不是要写 spending 下的 basic？可用的键见前面所列)`},
		{"合计: 1", `did you mean total under spending or total under sangong? `},
		{"spending:\n  基本支出: 1", `7:3: spending.基本支出: unknown key; keys are English words: did you mean basic? the known keys of spending are`},
		{"spending:\n  合计: 1", `did you mean total? the known keys of spending are`},
		{"spending:\n  收入: 1", `7:3: spending.收入: unknown key; keys are English words: did you mean income at the top level? the known keys of spending are basic, personnel, project, public, total (没有这个键：键名要用英文，是不是要写 顶层的 income？可用的键见前面所列)`},
		{"spending:\n  公务接待费: 1", `did you mean reception under sangong? `},
		{"staff:\n  编制: 25", `7:3: staff.编制: unknown key; keys are English words: did you mean authorized? the known keys of staff are`},
		{"编制: 25", `6:1: 编制: unknown key; keys are English words: did you mean staff? `},
		{"evidence:\n  自评得分: 得分97分", `7:3: evidence.自评得分: unknown figure name; keys are English words: did you mean score? the known ones are`},
		{"evidence:\n  三公经费: 8.5万元", `did you mean sangong.total? the known ones are`},
	} {
		in := fuzzHeader + tc.in + "\n"
		for _, fast := range []bool{true, false} {
			_, err := parseFile("a.md", []byte(in+"---\n"), fast)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q (fast path %v):\nerror %v\nwant  %s", tc.in, fast, err, tc.want)
			}
		}
	}
}

// TestSecondDocumentSaidAtItsLine: a ... line inside front matter ends
// its YAML document, and the keys after it are a second one; the error
// says so at that line, not at the file's first.
func TestSecondDocumentSaidAtItsLine(t *testing.T) {
	in := "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\n...\ntype: 整体支出\n---\n正文\n"
	for _, fast := range []bool{true, false} {
		_, err := parseFile("a.md", []byte(in), fast)
		if err == nil || !strings.Contains(err.Error(), "a.md:5:1: front matter holds more than one YAML document") {
			t.Errorf("fast path %v: error %v", fast, err)
		}
	}
}
