package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// number returns v as a number when v is text whose whole content is a
// plain decimal number (digits, after a '-' or not, and a '.' and digits,
// or not), such as a quoted "2020" or '97': the node the YAML parser
// makes of the same text unquoted, with the same token value at the same
// position, so that every figure reads it as if it were not quoted.
// Publishers quote values (adcode must be), and a quoted number means the
// number. Text that is not such a number, or that the YAML parser would
// not read as a number unquoted (digits too many for 64 bits), is
// returned as it is, as is every other node.
func number(v ast.Node) ast.Node {
	s, ok := v.(*ast.StringNode)
	if !ok || !plainNumber(s.Value) {
		return v
	}
	tk := token.New(s.Value, s.Value, s.GetToken().Position)
	switch tk.Type {
	case token.IntegerType, token.OctetIntegerType:
		return ast.Integer(tk)
	case token.FloatType:
		return ast.Float(tk)
	}
	return v
}

// plainNumber reports whether s is a plain decimal number, as the regular
// expression ^-?[0-9]+(\.[0-9]+)?$.
func plainNumber(s string) bool {
	d := strings.TrimPrefix(s, "-")
	return isDigits(d) || isPlainDecimal(d)
}

// numberFix says how to write s, text given where a number is expected,
// as a plain number when it is one but for decoration: spaces around it,
// full-width digits, thousands separators or a unit after it. It returns
// "" when s is not such a number. amount says that s is an amount, whose
// unit belongs in the key unit.
//
// Full-width digits are not read as numbers, though they are
// unambiguous: the file is the record that other tools (a spreadsheet,
// grep, the importer's comparisons) read too, and text with full-width
// digits was usually pasted with other full-width characters (“．”,
// “，”), which are better seen and fixed once than read by guesses.
func numberFix(s string, amount bool) string {
	var without, hints []string
	t := strings.TrimFunc(s, unicode.IsSpace)
	if t == "" {
		return ""
	}
	if t != s {
		without = append(without, "the spaces around it")
		hints = append(hints, "数字前后不要加空格")
	}
	t, w, h := undecorated(t)
	without, hints = append(without, w...), append(hints, h...)
	// A full-width '，' is a thousands separator, said as such.
	halfWidth := strings.ContainsFunc(t, func(r rune) bool { return isFullWidthNumeral(r) && r != '，' })
	if halfWidth {
		hints = append(hints, "请用半角数字")
	}
	t = strings.Map(func(r rune) rune {
		if isFullWidthNumeral(r) {
			return r - 0xfee0 // U+FF0C to U+FF19 are ',' to '9', full-width
		}
		return r
	}, t)
	// Spaces, ordinary or full-width, that group its thousands, as
	// tables print amounts (2 345.68).
	if g, rest, seps, ok := spaceGrouped(t); ok {
		between := "the space between its digits"
		if seps > 1 {
			between = "the spaces between its digits"
		}
		t = g + rest
		without = append(without, between)
		hints = append(hints, "请删除数字中间的空格")
	}
	// The number ends where its digits, '-', '.' and ',' end; what
	// follows is its unit.
	end := strings.IndexFunc(t, func(r rune) bool { return !strings.ContainsRune("0123456789-.,", r) })
	unit := ""
	if end >= 0 {
		t, unit = t[:end], strings.TrimLeftFunc(t[end:], unicode.IsSpace)
		if !isUnit(unit) {
			return ""
		}
	}
	lead, leadZh := "", ""
	if strings.Contains(t, ",") {
		var decimal bool
		t, decimal = readCommas(t)
		if decimal {
			// Said first: the figure is another one than it seems.
			lead = fmt.Sprintf("%s is not a decimal point; if you meant %s, ", quotedComma(s), t)
			leadZh = fmt.Sprintf("逗号不能当小数点：如果是 %s，请写 %[1]s", t)
		} else {
			without = append(without, "the thousands separators")
			hints = append(hints, "数字中不要用千位分隔符")
		}
	}
	if unit != "" {
		without = append(without, "the unit "+unit)
		if amount {
			hints = append(hints, "数字后面不要写单位，单位写在 unit: 中")
		} else {
			hints = append(hints, "数字后面不要写单位")
		}
	}
	if len(hints) == 0 && leadZh == "" || !plainNumber(t) {
		return ""
	}
	if leadZh != "" {
		// The comma's hint comes first, as its clause does.
		hints = append([]string{leadZh}, hints...)
	} else {
		// The number to write, first, as the English says it.
		hints = append([]string{"请写成 " + t}, hints...)
	}
	var b strings.Builder
	b.WriteString(lead)
	b.WriteString("write ")
	b.WriteString(t)
	if halfWidth {
		b.WriteString(", in half-width digits")
	}
	for i, w := range without {
		switch {
		case i == 0:
			b.WriteString(", without ")
		case i == len(without)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(w)
	}
	if unit != "" && amount {
		b.WriteString("; give the unit of all amounts once, as unit: 万元 (the default), 千元 or 元")
	}
	b.WriteString(" (")
	b.WriteString(strings.Join(hints, "；"))
	b.WriteString(")")
	return b.String()
}

// spaceGrouped returns the number at the start of t, half-width digits
// whose thousands are grouped by spaces, ordinary or full-width (2 345.68,
// 1 234 567), without them, the rest of t (a unit, or "") and the number
// of spaces that group it; ok is false when t begins with no such number.
func spaceGrouped(t string) (num, rest string, seps int, ok bool) {
	end := strings.IndexFunc(t, func(r rune) bool { return !strings.ContainsRune("0123456789-. \u3000", r) })
	if end < 0 {
		end = len(t)
	}
	n := strings.TrimRight(strings.ReplaceAll(t[:end], "\u3000", " "), " ")
	if !strings.Contains(n, " ") || !groups(strings.TrimPrefix(n, "-"), " ", ".") {
		return "", "", 0, false
	}
	return strings.ReplaceAll(n, " ", ""), t[end:], strings.Count(n, " "), true
}

// undecorated returns t, text given for a number with no spaces around
// it, without what Word and Chinese input methods write around a number:
// quotation marks, 增加 and 减少 or a plus for the sign of a change, a
// dash for the minus sign, 。 for the decimal point; with what it dropped
// said, as numberFix says it (see there), and the hints in Chinese.
func undecorated(t string) (num string, without, hints []string) {
	for _, q := range [...][2]string{{"“", "”"}, {"‘", "’"}, {"「", "」"}} {
		if inner, ok := strings.CutPrefix(t, q[0]); ok {
			if inner, ok = strings.CutSuffix(inner, q[1]); ok {
				t = strings.TrimFunc(inner, unicode.IsSpace)
				without = append(without, "the quotation marks")
				hints = append(hints, "数字不要加引号")
			}
		}
	}
	if rest, ok := strings.CutPrefix(t, "减少"); ok {
		t = "-" + rest
		without = append(without, `"减少" (a decrease is a negative number)`)
		hints = append(hints, "减少写作负数")
	} else if rest, ok := strings.CutPrefix(t, "增加"); ok {
		t = rest
		without = append(without, `"增加"`)
		hints = append(hints, "增加直接写数字")
	} else if r, size := utf8.DecodeRuneInString(t); (r == '+' || r == '＋') && strings.IndexFunc(t[size:], isDigit) == 0 {
		t = t[size:]
		without = append(without, fmt.Sprintf(`the "%c"`, r))
		hints = append(hints, "数字前面不要加 +")
	}
	if r, size := utf8.DecodeRuneInString(t); strings.ContainsRune("−–—‐﹣", r) && size > 1 {
		t = "-" + t[size:]
		without = append(without, "the dash (the minus sign is -)")
		hints = append(hints, "负号请用半角减号 -")
	}
	if strings.Count(t, "。") == 1 {
		t = strings.Replace(t, "。", ".", 1)
		without = append(without, `"。" (the decimal point is .)`)
		hints = append(hints, "小数点请用半角的 .")
	}
	return t, without, hints
}

// readCommas returns t, a number of half-width digits, '-', '.' and ','
// with a comma in it, as a plain decimal number, and whether its comma is
// a decimal comma. Commas are thousands separators only where every group
// after the first comma has exactly 3 digits, the first has 1 to 3 and no
// '.' comes before a comma (1,530.53); then they are dropped. Otherwise a
// single comma is read as a decimal point (8,5 is 8.5, never 85), and the
// dots before it as thousands separators when each group after the first
// has 3 digits (1.530,53 is 1530.53, written in the European way). Other
// text is returned as it is, with decimal true: it is no plain number.
func readCommas(t string) (num string, decimal bool) {
	digits := strings.TrimPrefix(t, "-")
	sign := t[:len(t)-len(digits)]
	if groups(digits, ",", ".") {
		return strings.ReplaceAll(t, ",", ""), false
	}
	whole, frac, ok := strings.Cut(digits, ",")
	if !ok || !isDigits(frac) {
		return t, true
	}
	if isDigits(whole) || groups(whole, ".", "") {
		return sign + strings.ReplaceAll(whole, ".", "") + "." + frac, true
	}
	return t, true
}

// groups reports whether s is digits in groups separated by sep, with a
// first group of 1 to 3 digits and others of exactly 3, and at least two
// groups, followed by point and digits or not when point is not "".
func groups(s, sep, point string) bool {
	if point != "" {
		if i := strings.Index(s, point); i >= 0 {
			if !isDigits(s[i+len(point):]) {
				return false
			}
			s = s[:i]
		}
	}
	g := strings.Split(s, sep)
	if len(g) < 2 || len(g[0]) < 1 || len(g[0]) > 3 || !isDigits(g[0]) {
		return false
	}
	for _, x := range g[1:] {
		if len(x) != 3 || !isDigits(x) {
			return false
		}
	}
	return true
}

// quotedComma returns the comma of s, a full-width '，' or a ',', quoted.
func quotedComma(s string) string {
	if strings.ContainsRune(s, '，') {
		return `"，"`
	}
	return `","`
}

// isDigit reports whether r is a digit, half-width or full-width.
func isDigit(r rune) bool {
	return '0' <= r && r <= '9' || '０' <= r && r <= '９'
}

// isFullWidthNumeral reports whether r is a full-width digit, '，', '－'
// or '．'.
func isFullWidthNumeral(r rune) bool {
	return r >= '０' && r <= '９' || r == '，' || r == '－' || r == '．'
}

// isUnit reports whether s, text after a number, reads as a unit such as
// 万元, 分, 人, 年 or %: letters (Chinese ones among them) or a percent
// sign, at most 4 of them.
func isUnit(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '%' && r != '％' {
			return false
		}
	}
	return true
}

// describeNumber is describe(v), followed, when v is text that is a
// number but for decoration, by how to write it (see numberFix).
func describeNumber(v ast.Node, amount bool) string {
	d := describe(v)
	if s, ok := v.(*ast.StringNode); ok && plainNumber(s.Value) {
		// Digits too many for YAML to read as a number (see number),
		// quoted or not: not text, a number no report has.
		if amount {
			return "the number " + s.Value + ", far too large for any figure of a report: check its digits and the unit (数字过大：请检查数字的位数和单位)"
		}
		return "the number " + s.Value + ", far too large for any figure of a report: check its digits (数字过大：请检查数字的位数)"
	}
	if s, ok := v.(*ast.StringNode); ok && wideCommaBeforeKey(s.Value) {
		// {total: 1530.53，basic: 158.65}: the rest of the mapping is
		// read as this value's text.
		return d + `; the full-width comma "，" does not part the keys inside {…}: write a half-width comma, ", " ({…} 中各项之间请用半角逗号“,”分隔)`
	}
	if s, ok := v.(*ast.StringNode); ok {
		if fix := numberFix(s.Value, amount); fix != "" {
			d += "; " + fix
		}
	}
	return d
}

// wideCommaBeforeKey reports whether s holds a full-width comma followed
// by a key of the format and ": " (1530.53，basic: 158.65), as a value in
// {…} does whose commas were typed full-width.
func wideCommaBeforeKey(s string) bool {
	for rest := s; ; {
		i := strings.Index(rest, "，")
		if i < 0 {
			return false
		}
		rest = rest[i+len("，"):]
		key, _, ok := strings.Cut(strings.TrimLeft(rest, " "), ": ")
		if ok && knownKeys[key] != "" {
			return true
		}
	}
}

// moneyScale gives, for each unit of money an amount may be written
// with, the power of ten that turns an amount in it into fen: the units
// of the key unit (see unitScale), 亿元, in which reports give large
// sums, and 万 and 亿, short for 万元 and 亿元 (an amount's unit is
// money).
var moneyScale = map[string]int{"亿元": 10, "亿": 10, "万元": 6, "万": 6, "千元": 5, "元": 2}

// decorated returns s, text given where a number is expected, as a plain
// number and the unit after it, when s is a number but for decoration
// (see numberFix); ok is false otherwise. A full-width '％' is returned
// as '%'. decimal says that a comma in s was read as a decimal point
// (see readCommas).
func decorated(s string) (num, unit string, decimal, ok bool) {
	t, _, _ := undecorated(strings.TrimFunc(s, unicode.IsSpace))
	t = strings.Map(func(r rune) rune {
		switch {
		case isFullWidthNumeral(r):
			return r - 0xfee0
		case r == '％':
			return '%'
		}
		return r
	}, t)
	if g, rest, _, ok := spaceGrouped(t); ok {
		t = g + rest
	}
	end := strings.IndexFunc(t, func(r rune) bool { return !strings.ContainsRune("0123456789-.,", r) })
	if end >= 0 {
		t, unit = t[:end], strings.TrimLeftFunc(t[end:], unicode.IsSpace)
		if !isUnit(unit) {
			return "", "", false, false
		}
	}
	if strings.Contains(t, ",") {
		t, decimal = readCommas(t)
	}
	return t, unit, decimal, plainNumber(t)
}

// hasAmountUnit reports whether s is a number followed by a unit of
// money or a percent sign, whose fix as an amount depends on the file's
// unit (see amountUnitFix).
func hasAmountUnit(s string) bool {
	_, unit, _, ok := decorated(s)
	_, money := moneyScale[unit]
	return ok && (money || unit == "%")
}

// amountUnitFix says how to write s, an amount written with a unit of
// money or a percent sign, in a file whose amounts are in fileUnit: the
// amount converted to fileUnit, exactly, when its unit is another; that
// a percentage is no amount. It returns "" when s is written in
// fileUnit, for which numberFix says the fix (write the number without
// its unit), and when s is no such amount.
func amountUnitFix(s, fileUnit string) string {
	num, unit, decimal, ok := decorated(s)
	if !ok {
		return ""
	}
	if unit == "%" {
		return fmt.Sprintf("this is an amount in the file's unit (%s), not a percentage: write the amount in %[1]s as the report gives it, or null when the report gives only a percentage (这一项是金额（%[1]s），不是百分比；报告只给出百分比时请写 null)", fileUnit)
	}
	en, zh := convertFix(num, unit, fileUnit)
	if en == "" {
		return ""
	}
	if decimal {
		// Said first: the figure is another one than it seems.
		return fmt.Sprintf("%s is not a decimal point; if you meant %s%s, %s (逗号不能当小数点：如果是 %[2]s%[3]s，%[5]s)", quotedComma(s), num, unit, en, zh)
	}
	return en + " (" + zh + ")"
}

// convertFix says, in English and in Chinese, how to write num, a plain
// number of unit, a unit of money, in a file whose amounts are in
// fileUnit (see amountUnitFix); or "" and "" when unit is fileUnit or
// either is unknown.
func convertFix(num, unit, fileUnit string) (en, zh string) {
	from, money := moneyScale[unit]
	to, known := unitScale[fileUnit]
	if !money || !known || unit == fileUnit {
		return "", ""
	}
	orSet, orSetZh := "", ""
	if _, settable := unitScale[unit]; settable {
		orSet = fmt.Sprintf(", or, if all amounts of the file are in %s, set unit: %[1]s and write %s", unit, num)
		orSetZh = fmt.Sprintf("；如果本文件的金额都以%s为单位，也可以把 unit: 改为 %[1]s 并写 %s", unit, num)
	}
	fen, exact := toFen(num, from)
	if !exact {
		// Less than a fen, or too large: said by its unit alone.
		return fmt.Sprintf("%s%s is in %s, but the file's unit is %s: write it converted to %[4]s%s, without the unit", num, unit, unit, fileUnit, orSet),
			fmt.Sprintf("这个金额的单位是%s，本文件的金额单位是 %s：请换算成%[2]s后填写，数字后面不要写单位%s", unit, fileUnit, orSetZh)
	}
	conv := formatFen(fen, to)
	return fmt.Sprintf("%s%s is %s%s: write %[3]s (the file's unit is %[4]s)%s", num, unit, conv, fileUnit, orSet),
		fmt.Sprintf("%s%s 即 %s%s：请写 %[3]s（本文件的金额单位是 %[4]s）%s", num, unit, conv, fileUnit, orSetZh)
}

// toFen returns num, a plain decimal number of the unit whose scale is
// given (see moneyScale), in fen, exactly; exact is false when it is not
// a whole number of fen or too large to be held.
func toFen(num string, scale int) (fen Amount, exact bool) {
	whole, _, _ := strings.Cut(strings.TrimPrefix(num, "-"), ".")
	if len(strings.TrimLeft(whole, "0"))+scale > 18 {
		return 0, false
	}
	v, err := decimalByParts(num, scale)
	return Amount(v), err == nil
}

// formatFen formats an amount in the unit whose scale is given (see
// unitScale), with no trailing zeros, as Amount.String does in 万元.
func formatFen(a Amount, scale int) string {
	neg := a < 0
	if neg {
		a = -a
	}
	one := Amount(1)
	for range scale {
		one *= 10
	}
	s := strconv.FormatInt(int64(a/one), 10)
	if frac := int64(a % one); frac != 0 {
		f := strconv.FormatInt(frac, 10)
		f = strings.Repeat("0", scale-len(f)) + f
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// chineseDigits are the digits of years and dates written in Chinese
// characters (二〇二三年), as their value.
var chineseDigits = map[rune]int{'〇': 0, '零': 0, '○': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// halfWidth returns s with full-width digits and the full-width '－',
// '／' and '．' written half-width, and each digit in Chinese characters
// (see chineseDigits) as its digit.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９', r == '－', r == '／', r == '．':
			return r - 0xfee0
		}
		if d, ok := chineseDigits[r]; ok {
			return '0' + rune(d)
		}
		return r
	}, s)
}

// yearFix says how to write s, text given for a year, when it is a year
// in Chinese digits (二〇二三, 二零二三年): "write 2023, in Arabic digits",
// with its Chinese hint. It returns "" for other text, whose fix, if any,
// numberFix says.
func yearFix(s string) string {
	t := strings.TrimFunc(s, unicode.IsSpace)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "度"), "年")
	if !strings.ContainsFunc(t, func(r rune) bool { _, ok := chineseDigits[r]; return ok }) {
		return ""
	}
	y := halfWidth(t)
	if len(y) != 4 || !isDigits(y) {
		return ""
	}
	return fmt.Sprintf("write %s, in Arabic digits (年度请用阿拉伯数字写作 %[1]s)", y)
}

// dateFix says how to write s, text given for a date, when it is a valid
// date written otherwise than YYYY-MM-DD: 2024-5-18, 2024/5/18,
// 2024.5.18, 2024年5月18日, in full-width digits or in Chinese ones
// (二〇二四年五月十八日): "write 2024-05-18", with its Chinese hint. It
// returns "" for other text.
func dateFix(s string) string {
	d, ok := looseISO(s)
	if !ok || d == s {
		return ""
	}
	return fmt.Sprintf("write %s (日期请写成 %[1]s)", d)
}

// dateOfDateTime returns the date of s, a date and a time of day as web
// pages give 发布时间 (2021-05-18 10:30, 2021-05-18 10:30:25,
// 2021-05-18T10:30:00+08:00, 2021年5月18日 10:30), as YYYY-MM-DD, when the
// date is one; "" otherwise.
func dateOfDateTime(s string) string {
	m := dateTime.FindStringSubmatch(strings.TrimFunc(s, unicode.IsSpace))
	if m == nil {
		return ""
	}
	d := strings.TrimSpace(m[1])
	if plainDate(d) {
		return d
	}
	if _, err := time.Parse("2006-01-02", d); err == nil {
		return d
	}
	if iso, ok := looseISO(d); ok {
		return iso
	}
	return ""
}

// dateTime is a date, then a time of day: hours and minutes, seconds or
// not, a time zone or not.
var dateTime = regexp.MustCompile(`^(.+?)(?:T| +)[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$`)

// looseDateOf returns the year, month and day of s, text given for a
// date in whatever digits and form dateFix reads (2024/5/18,
// 二〇二四年五月十八日), whether or not that day exists; ok is false when
// s is not so written.
func looseDateOf(s string) (year, month, day int, ok bool) {
	m := looseDate.FindStringSubmatch(halfWidth(chineseTens(strings.TrimFunc(s, unicode.IsSpace))))
	if m == nil {
		return 0, 0, 0, false
	}
	year, _ = strconv.Atoi(m[1])
	month, _ = strconv.Atoi(m[2])
	day, _ = strconv.Atoi(m[3])
	return year, month, day, true
}

// looseISO returns the date s, as looseDateOf reads it, written
// YYYY-MM-DD, when it is a day that exists; ok is false otherwise.
func looseISO(s string) (iso string, ok bool) {
	year, month, day, ok := looseDateOf(s)
	if !ok {
		return "", false
	}
	iso = fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	if _, err := time.Parse("2006-01-02", iso); err != nil {
		return "", false
	}
	return iso, true
}

// noSuchDate says that s, text given for a date, is written as one
// (YYYY-MM-DD, or as dateFix reads it) but names a day that does not
// exist, such as 2025-02-30 or 2025-13-01, and which part is wrong, with
// its Chinese hint. It returns "" for other text.
func noSuchDate(s string) string {
	year, month, day, ok := looseDateOf(s)
	if !ok {
		return ""
	}
	var en, zh string
	switch {
	case month < 1 || month > 12:
		en = fmt.Sprintf("there is no month %d, months are 1 to 12", month)
		zh = fmt.Sprintf("没有%d月，月份只有 1 到 12", month)
	case day < 1:
		en, zh = "there is no day 0", "没有0日"
	default:
		days := time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if day <= days {
			return ""
		}
		en = fmt.Sprintf("%s %d has %d days", time.Month(month), year, days)
		zh = fmt.Sprintf("%d年%d月没有%d日，这个月只有%d天", year, month, day, days)
	}
	return fmt.Sprintf("the date %s does not exist: %s; check the date in the report (%s：请核对报告中的日期)", s, en, zh)
}

// looseDate matches a date as publishers write it, in half-width digits:
// a year of four digits, a month and a day of one or two, separated by
// '-', '/' or '.', or followed by 年, 月 and 日.
var looseDate = regexp.MustCompile(`^([0-9]{4}) *(?:[-/.]|年) *([0-9]{1,2}) *(?:[-/.]|月) *([0-9]{1,2}) *日?$`)

// chineseTens returns s with the numbers of a month or day written in
// Chinese with 十 (十, 十八, 二十, 三十一) as digits in Chinese (一〇,
// 一八, 二〇, 三一), which halfWidth reads.
func chineseTens(s string) string {
	if !strings.ContainsRune(s, '十') {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r != '十' {
			b.WriteRune(r)
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		if _, before := chineseDigits[prev]; !before {
			b.WriteRune('一')
		}
		next, _ := utf8.DecodeRuneInString(s[i+len("十"):])
		if _, after := chineseDigits[next]; !after {
			b.WriteRune('〇')
		}
	}
	return b.String()
}

// onlyDashes reports whether s, text given for a figure, is a dash or a
// few, with spaces or not (-, —, –, －, --, ——): as Chinese tables write a
// figure they do not give, or one that is zero.
func onlyDashes(s string) bool {
	t := strings.TrimFunc(s, unicode.IsSpace)
	if t == "" {
		return false
	}
	for _, r := range t {
		switch r {
		case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2500', '\u2501',
			'\uFE58', '\uFE63', '\uFF0D':
		default:
			return false
		}
	}
	return true
}

// isFigure reports whether key, a dotted name, is a figure that the
// report gives as a number: an amount, a staff count or the score.
func isFigure(key string) bool {
	return key == "score" || slices.Contains(derivableArray[:], key)
}

// dashSaid is the error of a dash, dash as written, given as the value of
// key, where the writer meant that the report gives no value (or zero):
// for a figure, to write null or 0; for other keys, null.
func dashSaid(key, dash string) string {
	if isFigure(key) {
		return fmt.Sprintf(`"%s" is a dash, not a value: write null if the report does not give the figure, which pages show as 未披露, or 0 if the report says it is zero (横线“%[1]s”不是数值：报告没有给出的写 null（页面显示为未披露），报告写明为零的写 0)`, dash)
	}
	return fmt.Sprintf(`"%s" is a dash, not a value: write null, or delete the line, if the report does not give it (横线“%[1]s”不是有效的值：报告没有给出的写 null 或删除这一行)`, dash)
}

// dash reports a figure of key written as a dash (see onlyDashes).
func (p *parse) dash(key string, v ast.Node) bool {
	s, ok := v.(*ast.StringNode)
	if !ok || !onlyDashes(s.Value) {
		return false
	}
	p.errAt(nodePos(v), key, "%s", dashSaid(key, strings.TrimFunc(s.Value, unicode.IsSpace)))
	return true
}
