package report

import (
	"strings"
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
	if strings.Contains(t, ",") {
		t = strings.ReplaceAll(t, ",", "")
		without = append(without, "the thousands separators")
		hints = append(hints, "数字中不要用千位分隔符")
	}
	if unit != "" {
		without = append(without, "the unit "+unit)
		if amount {
			hints = append(hints, "数字后面不要写单位，单位写在 unit: 中")
		} else {
			hints = append(hints, "数字后面不要写单位")
		}
	}
	if len(hints) == 0 || !plainNumber(t) {
		return ""
	}
	var b strings.Builder
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
	if s, ok := v.(*ast.StringNode); ok {
		if fix := numberFix(s.Value, amount); fix != "" {
			d += "; " + fix
		}
	}
	return d
}
