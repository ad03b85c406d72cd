package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
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
			p.errAt(nodePos(v), key, "the bidirectional control character %U is not allowed: it reverses or reorders the text after it (文字中有看不见的控制字符，会打乱文字顺序，请删除后重新输入)", r)
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
	for _, r := range s {
		if r < 0x80 {
			continue
		}
		if bidiControl(r) || bidiMark(r) || invisibleFormat(r) {
			if !p.hasError(key) {
				p.errAt(nodePos(v), key, "the invisible character %U is not allowed in a name: it makes names that look the same differ, or reorders them (名称中有看不见的字符，请删除后重新输入)", r)
			}
			return
		}
	}
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
