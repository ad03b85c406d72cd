package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The extractor reads a report's text cleaned (see clean): full-width
// digits and letters made ASCII, spaces around numbers dropped, lines
// that a PDF or a page break cut joined. That is for matching labels and
// figures. The evidence of a figure is published on the report's page as
// the report's own words, so it is taken from the text as the report
// gives it: sourceText finds the words that a sentence of the cleaned
// text was read from.

// sourceText is a report's text as the report gives it, with an index for
// finding in it the words of a cleaned sentence.
type sourceText struct {
	raw string
	// key is raw with each character put as sourceKey puts it, and those
	// it drops dropped; at[i] is the offset in raw of the character that
	// key's byte i comes from.
	key string
	at  []int32
}

func newSourceText(raw string) *sourceText {
	t := &sourceText{raw: raw, at: make([]int32, 0, len(raw))}
	var b strings.Builder
	b.Grow(len(raw))
	for i, r := range raw {
		k, ok := sourceKey(r)
		if !ok {
			continue
		}
		n := b.Len()
		b.WriteRune(k)
		for range b.Len() - n {
			t.at = append(t.at, int32(i))
		}
	}
	t.key = b.String()
	return t
}

// sourceKey returns r as the cleaned text and the report's text are
// compared: the characters that clean changes one for one put as it puts
// them (full-width digits and letters, ％ and ．, and the Chinese numerals
// of a year such as 二〇二三年, as digits wherever they are), and ok false
// for those
// that it may drop or move (white space, which includes line ends, and
// the invisible characters that mapWidth drops).
func sourceKey(r rune) (k rune, ok bool) {
	switch {
	case unicode.IsSpace(r) || invisible(r) || forbidden(r):
		return 0, false
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - '０' + '0', true
	case r == '％':
		return '%', true
	case r == '．':
		return '.', true
	}
	if d, ok := cnDigit[r]; ok {
		return d, true // 二〇二三年, which clean writes 2023年
	}
	return r, true
}

// find returns the words of the report that s, a sentence of the cleaned
// text, was read from, as the report writes them: its characters as they
// are (full-width digits, ．, spaces between words), but for the line
// breaks and the white space around them, which are kept where s breaks a
// line (as in a title on two lines) and dropped where clean joined the
// lines (but for the cells of a table's row, each on a line beginning with
// a tab as a Doc holds them, which are parted by a space), tabs, which are
// spaces, and invisible characters, which are
// dropped as clean drops them. It returns s itself when the report has no
// such words: when s was put together (a table's row with the unit of
// its table) or cleaned beyond single characters (LaTeX, a page number
// between the lines it joined).
func (t *sourceText) find(s string) string {
	var kb strings.Builder
	breaks := map[int]bool{} // offsets in key before which s breaks a line
	for _, r := range s {
		if r == '\n' {
			breaks[kb.Len()] = true
			continue
		}
		if k, ok := sourceKey(r); ok {
			kb.WriteRune(k)
		}
	}
	key := kb.String()
	i := strings.Index(t.key, key)
	if key == "" || i < 0 {
		return s
	}
	start, last := int(t.at[i]), int(t.at[i+len(key)-1])
	_, size := utf8.DecodeRuneInString(t.raw[last:])
	var b strings.Builder
	b.Grow(len(s))
	off := 0           // in key, of the next character kept
	var space []rune   // white space before it
	lineBreak := false // space holds a line end
	cell := false      // space holds a line end then a tab: the next cell of a table's row
	for _, r := range t.raw[start : last+size] {
		k, ok := sourceKey(r)
		switch {
		case ok:
			switch {
			case breaks[off]:
				b.WriteByte('\n')
			case cell:
				b.WriteByte(' ')
			case lineBreak:
			default:
				for _, c := range space {
					if c == '\t' {
						c = ' '
					}
					b.WriteRune(c)
				}
			}
			space, lineBreak, cell = space[:0], false, false
			b.WriteRune(r)
			off += utf8.RuneLen(k)
		case unicode.IsSpace(r):
			cell = cell || lineBreak && r == '\t'
			space = append(space, r)
			lineBreak = lineBreak || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029' || r == '\u0085'
		}
	}
	return b.String()
}

// invisible reports whether r is a zero-width or bidirectional control
// character, which mapWidth drops.
func invisible(r rune) bool {
	return r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad' ||
		r == '\u200e' || r == '\u200f' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}
