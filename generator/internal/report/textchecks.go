package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// checkChars records an error if s, the text of a value of key, holds a
// bidirectional embedding, override or isolate (see bidiControl), or a
// character forbiddenRune forbids. checkText looks at the file's bytes, but
// a double-quoted YAML string can still give any character by an escape
// ("\0", "\e", "\N", "\uFFFE"); both YAML readers hand their strings to
// checkLength, which calls this. One error is recorded for a key at most.
func (p *parse) checkChars(key string, v ast.Node, s string) {
	if r, ok := firstBidiControl(s); ok {
		if !p.hasError(key) {
			p.errAt(nodePos(v), key, bidiControlMsg, r)
		}
		return
	}
	// cleanText only reads the bytes it is given.
	if cleanText(unsafe.Slice(unsafe.StringData(s), len(s))) {
		return
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 || forbiddenRune(r) {
			if !p.hasError(key) {
				p.errAt(nodePos(v), key, "the control character or noncharacter %U is not allowed; it is given here by an escape in quotes (引号中的转义写出了不允许的控制字符，请删除)", r)
			}
			return
		}
	}
}

// checkName records an error if s, a name of key (county, prefecture,
// province or department), holds a character that is never part of a
// Chinese place or department name but can make two names look alike or
// reorder a heading: a bidirectional mark or control, or an invisible
// formatting character (see invisibleFormat).
func (p *parse) checkName(key string, v ast.Node, s string) {
	if r, ok := invisibleInName(s); ok && !p.hasError(key) {
		p.errAt(nodePos(v), key, invisibleNameMsg, r)
		return
	}
	if s != "" && !hasLetter(s) && !p.hasError(key) {
		p.errAt(nodePos(v), key, noLetterMsg, s)
	}
}

// noLetterMsg is the error of a name of punctuation alone (。。, （）, …),
// which names nothing and whose page would be x.html.
const noLetterMsg = "%q has no letter or character of a name: write the name (名称中没有汉字或字母，请填写名称)"

// hasLetter reports whether s holds a letter (a Chinese character is one)
// or a digit.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// invisibleInName returns the first character of the name s that
// checkName refuses: a bidirectional mark or control, or an invisible
// formatting character.
func invisibleInName(s string) (rune, bool) {
	for _, r := range s {
		if r >= 0x80 && (bidiControl(r) || bidiMark(r) || invisibleFormat(r) || ignorable(r)) {
			return r, true
		}
	}
	return 0, false
}

// ignorable reports whether r is drawn as nothing, or as a blank that is
// not a space, by any font: a format character (Unicode's Cf: the
// Mongolian vowel separator, tag characters, musical formatting), a
// variation selector (U+FE00 to U+FE0F, U+E0100 to U+E01EF), another
// default-ignorable character (the combining grapheme joiner, the Hangul
// fillers U+115F, U+3164 and U+FFA0), a line or paragraph separator
// (U+2028, U+2029) or the blank Braille pattern (U+2800). In a name, any
// of them makes a second county or department that looks like the first
// (桃源县 with U+FE0F after 源), which the duplicate report check cannot
// see, and which takes the first's place in the URLs.
func ignorable(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point, unicode.Zl, unicode.Zp) ||
		r == 0x2800
}

// The errors of a bidirectional control in any text (checkChars) and of
// an invisible character in a name (checkName), for a format with the
// character as %U.
const (
	bidiControlMsg   = "the bidirectional control character %U is not allowed: it reverses or reorders the text after it (文字中有看不见的控制字符，会打乱文字顺序，请删除后重新输入)"
	invisibleNameMsg = "the invisible character %U is not allowed in a name: it makes names that look the same differ, or reorders them (名称中有看不见的字符，请删除后重新输入)"
)

// CheckName returns what is wrong with name, a name of a county,
// prefecture, province, department or project given other than in a
// report file (as to the new command), said in English then in Chinese
// in parentheses: what a report file's front matter is refused for in
// such a name (a control character, a bidirectional control or mark, an
// invisible formatting character, more than MaxName characters); or "".
// A tab or line break, which a YAML value cannot hold unquoted, is a
// control character here.
func CheckName(name string) string {
	if r, ok := firstBidiControl(name); ok {
		return fmt.Sprintf(bidiControlMsg, r)
	}
	for _, r := range name {
		if r == utf8.RuneError || forbiddenRune(r) || r == '\t' || r == '\n' || r == '\r' {
			return fmt.Sprintf("the control character or noncharacter %U is not allowed (名称中有不允许的控制字符，请删除)", r)
		}
	}
	if r, ok := invisibleInName(name); ok {
		return fmt.Sprintf(invisibleNameMsg, r)
	}
	if name != "" && !hasLetter(name) {
		return fmt.Sprintf(noLetterMsg, name)
	}
	if n := utf8.RuneCountInString(name); n > MaxName {
		return fmt.Sprintf("is %d characters long; at most %d are accepted (过长：最多 %d 个字)", n, MaxName, MaxName)
	}
	return ""
}

// bidiControl reports whether r is a bidirectional embedding, override or
// isolate (U+202A to U+202E, U+2066 to U+2069): characters that change
// the direction of the text after them, up to the end of the paragraph
// (of a heading, a cell of a CSV file, a line of a terminal) when not
// closed. No report needs them: Chinese text runs left to right.
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// bidiMark reports whether r is a bidirectional mark: U+200E, U+200F or
// U+061C, which change nothing visible in Chinese text.
func bidiMark(r rune) bool {
	return r == 0x200e || r == 0x200f || r == 0x061c
}

// invisibleFormat reports whether r is a character that is drawn as
// nothing: zero-width spaces and joiners (U+200B to U+200D), the word
// joiner and invisible operators (U+2060 to U+2064), the zero-width
// no-break space (U+FEFF, a byte order mark within text) and the soft
// hyphen (U+00AD). Text copied from web pages and PDF files carries them,
// so they are allowed in titles and sentences, but not in names.
func invisibleFormat(r rune) bool {
	return r >= 0x200b && r <= 0x200d || r >= 0x2060 && r <= 0x2064 || r == 0xfeff || r == 0xad
}

// firstBidiControl returns the first character of s that bidiControl
// reports, if any. Each is three bytes in UTF-8: E2 80 AA to E2 80 AE,
// or E2 81 A6 to E2 81 A9.
func firstBidiControl(s string) (rune, bool) {
	for i := strings.IndexByte(s, 0xe2); i >= 0 && i+2 < len(s); {
		if b1, b2 := s[i+1], s[i+2]; b1 == 0x80 && b2 >= 0xaa && b2 <= 0xae || b1 == 0x81 && b2 >= 0xa6 && b2 <= 0xa9 {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return r, true
		}
		j := strings.IndexByte(s[i+1:], 0xe2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return 0, false
}

// printable returns s, or s quoted if it holds a control character or is
// not UTF-8.
func printable(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f || c == 0xc2 {
			// Perhaps a control character (C1 ones begin with 0xC2).
			for _, r := range s {
				if unicode.IsControl(r) {
					return strconv.Quote(s)
				}
			}
			break
		}
	}
	if !utf8.ValidString(s) {
		return strconv.Quote(s)
	}
	return s
}

// invisible names r when it is a character that Word, a web page or a PDF
// file puts into text and that looks like a space or like nothing: a
// space other than the ordinary one (U+00A0, which Word writes between
// words it keeps together, and the typographic spaces), or a character
// drawn as nothing (see invisibleFormat and bidiMark). en and zh name
// it, as "a non-breaking space (U+00A0)" and "不间断空格 U+00A0"; space
// says that it looks like a space. ok is false for any other character,
// the full-width space among them, which errors name as such.
func invisible(r rune) (en, zh string, space, ok bool) {
	switch {
	case r < 0xa0:
		return "", "", false, false
	case r == 0xa0:
		return "a non-breaking space (U+00A0)", "不间断空格 U+00A0", true, true
	case r == 0x202f:
		return "a narrow non-breaking space (U+202F)", "窄不间断空格 U+202F", true, true
	case r >= 0x2000 && r <= 0x200a, r == 0x205f, r == 0x1680:
		return fmt.Sprintf("a typographic space (%U)", r), fmt.Sprintf("排版用的特殊空格 %U", r), true, true
	case r == 0x200b:
		return "a zero-width space (U+200B)", "零宽空格 U+200B", false, true
	case r == 0x200c:
		return "a zero-width non-joiner (U+200C)", "零宽非连接符 U+200C", false, true
	case r == 0x200d:
		return "a zero-width joiner (U+200D)", "零宽连接符 U+200D", false, true
	case r == 0x2060:
		return "a word joiner (U+2060)", "词连接符 U+2060", false, true
	case r >= 0x2061 && r <= 0x2064:
		return fmt.Sprintf("an invisible operator (%U)", r), fmt.Sprintf("不可见运算符 %U", r), false, true
	case r == 0xfeff:
		return "a byte order mark (U+FEFF)", "字节顺序标记 U+FEFF", false, true
	case r == 0xad:
		return "a soft hyphen (U+00AD)", "软连字符 U+00AD", false, true
	case bidiMark(r):
		return fmt.Sprintf("a direction mark (%U)", r), fmt.Sprintf("方向标记 %U", r), false, true
	case r == 0x180e:
		return "a Mongolian vowel separator (U+180E)", "蒙古文元音分隔符 U+180E", false, true
	}
	return "", "", false, false
}

// invisibleSaid returns how errors say r, a character that invisible
// names, in English and in Chinese: "a non-breaking space (U+00A0), as
// Word writes it" and "一个特殊空格（不间断空格 U+00A0），多见于从 Word
// 复制的文字"; "an invisible character, a zero-width space (U+200B), as
// text copied from Word or a web page carries" and "一个看不见的字符（零宽
// 空格 U+200B），多见于从 Word 或网页复制的文字".
func invisibleSaid(r rune) (en, zh string) {
	name, nameZh, space, _ := invisible(r)
	if space {
		return name + ", as Word writes it", "一个特殊空格（" + nameZh + "），多见于从 Word 复制的文字"
	}
	return "an invisible character, " + name + ", as text copied from Word or a web page carries", "一个看不见的字符（" + nameZh + "），多见于从 Word 或网页复制的文字"
}

// firstInvisible returns the index in s of the first character that
// invisible names, and that character, or -1.
func firstInvisible(s string) (int, rune) {
	for i, r := range s {
		if r >= 0xa0 {
			if _, _, _, ok := invisible(r); ok {
				return i, r
			}
		}
	}
	return -1, 0
}

// withoutInvisible returns s without the characters that invisible names.
func withoutInvisible(s string) string {
	return strings.Map(func(r rune) rune {
		if _, _, _, ok := invisible(r); ok {
			return -1
		}
		return r
	}, s)
}

// rawLine returns line n of the front matter as written, however read,
// or "".
func (p *parse) rawLine(n int) string {
	if p.front != nil {
		return lineOf(p.front, n)
	}
	return lineOf(p.block, n)
}

// charPos returns where byte i of s, the text of the scalar v, is in the
// file, when v is written on one line with s as it is (plain, or quoted
// without escapes before i); otherwise where v is.
func (p *parse) charPos(v ast.Node, s string, i int) Pos {
	pos := nodePos(v)
	line := p.rawLine(pos.Line)
	b := colIndex(line, pos.Col)
	switch v.GetToken().Type {
	case token.DoubleQuoteType, token.SingleQuoteType:
		if b < len(line) && strings.HasPrefix(line[b+1:], s[:i]) {
			return Pos{pos.Line, pos.Col + 1 + utf8.RuneCountInString(s[:i])}
		}
	case token.StringType:
		// The YAML scanner places a plain scalar that ends its line as
		// many columns further as there are spaces after it: the text
		// begins there or before.
		if j := strings.LastIndex(line[:min(len(line), b+len(s))], s); j >= 0 {
			return Pos{pos.Line, utf8.RuneCountInString(line[:j+i]) + 1}
		}
		// Over several lines, it is placed on its last: its first is
		// the nearest line above that begins with its first words.
		first, _, lines := strings.Cut(strings.TrimLeft(v.GetToken().Origin, " \n"), "\n")
		if first = strings.TrimRight(first, " "); lines && i < len(first) && strings.HasPrefix(s, first) {
			for n := pos.Line - 1; n > 0 && n >= pos.Line-MaxNesting*8; n-- {
				l := p.rawLine(n)
				if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, first) {
					return Pos{n, utf8.RuneCountInString(l[:len(l)-len(t)+i]) + 1}
				}
			}
		}
	}
	return pos
}

// invisibleValue records an error when v, a value of key that is refused
// as it is, is text that holds a character that invisible names: at that
// character, saying what it is and to delete it. It reports whether it
// did.
func (p *parse) invisibleValue(key string, v ast.Node) bool {
	s, ok := v.(*ast.StringNode)
	if !ok {
		return false
	}
	i, r := firstInvisible(s.Value)
	if i < 0 {
		return false
	}
	what, whatZh := invisibleSaid(r)
	left, leftZh := "", ""
	if t := trimSpace(withoutInvisible(s.Value)); t != "" && utf8.RuneCountInString(t) <= 40 && !strings.ContainsAny(t, "\n\r") {
		left, leftZh = ", to leave "+t, "，只留下 "+t
	}
	p.errAt(p.charPos(v, s.Value, i), key, "the value holds %s; delete it%s (值里有%s：请删除它%s)", what, left, whatZh, leftZh)
	return true
}

// invisibleKey records an error when key (the node k), a key of the
// mapping with the dotted name prefix that is unknown as it is, holds a
// character that invisible names: at that character, saying what it is
// and to delete it. It reports whether it did.
func (p *parse) invisibleKey(k ast.Node, prefix, key string) bool {
	i, r := firstInvisible(key)
	if i < 0 {
		return false
	}
	word := strings.TrimSpace(withoutInvisible(key))
	name := prefix
	if word != "" && keyLen(word) == len(word) {
		name = dotted(prefix, word)
	}
	pos := p.charPos(k, key, i)
	if strings.Trim(key[:i], " ") == "" {
		p.errAt(pos, name, "%s", beforeKey(r))
		return true
	}
	what, whatZh := invisibleSaid(r)
	p.errAt(pos, name, "the key holds %s; delete it, to leave %s (键名中有%s：请删除它，只留下 %s)", what, word, whatZh, word)
	return true
}
