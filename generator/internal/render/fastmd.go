package render

import (
	"bytes"
	"encoding/binary"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Report bodies are nearly always written in a plain subset of Markdown:
// headings, one-line paragraphs, tight lists of one-line items, tables, and
// **strong** text between letters or digits. fastBody renders that subset
// itself, byte for byte as the goldmark converter of newMarkdown does, in a
// tenth of the time; anything outside it (and anything it is unsure of)
// makes it give up, and goldmark renders the body. FuzzFastBody holds it to
// goldmark's output on every body it accepts.

// fastBody appends the HTML of body to dst and reports whether it could:
// when ok is false, dst's new bytes are to be ignored.
func fastBody(dst, body []byte) (out []byte, ok bool) {
	if !plainText(body) {
		return dst, false
	}
	headings := 0
	for len(body) > 0 {
		line, rest := cutLine(body)
		if len(line) == 0 {
			body = rest
			continue
		}
		if !plainLine(line) {
			return dst, false
		}
		switch c := line[0]; {
		case c == '#':
			level := 0
			for level < len(line) && line[level] == '#' {
				level++
			}
			if level > 6 || level+1 >= len(line) || line[level] != ' ' {
				return dst, false
			}
			text := line[level+1:]
			if !plainLine(text) || bytes.IndexByte(text, '#') >= 0 {
				return dst, false
			}
			headings++
			tag := byte('0' + min(max(level+1, 3), 6)) // as bodyTransformer
			dst = append(dst, "<h"...)
			dst = append(dst, tag)
			dst = append(dst, ` id="sec-`...)
			dst = strconv.AppendInt(dst, int64(headings), 10)
			dst = append(dst, `">`...)
			if dst, ok = inline(dst, text); !ok {
				return dst, false
			}
			dst = append(dst, "</h"...)
			dst = append(dst, tag)
			dst = append(dst, ">\n"...)
			body = rest
		case c == '|':
			if dst, body, ok = table(dst, body); !ok {
				return dst, false
			}
		case c == '-' && len(line) > 1 && line[1] == ' ':
			if dst, body, ok = list(dst, body, false); !ok {
				return dst, false
			}
		case c >= '0' && c <= '9':
			if n, _ := orderedMarker(line); n > 0 {
				if dst, body, ok = list(dst, body, true); !ok {
					return dst, false
				}
				break
			}
			if listLike(line) {
				return dst, false
			}
			fallthrough
		default:
			if !plainStart(line) {
				return dst, false // a block of another kind, or indented
			}
			if !endsBlock(rest) {
				return dst, false // a paragraph of several lines
			}
			dst = append(dst, "<p>"...)
			if dst, ok = inline(dst, line); !ok {
				return dst, false
			}
			dst = append(dst, "</p>\n"...)
			body = rest
		}
	}
	return dst, true
}

// cutLine splits b at its first newline.
func cutLine(b []byte) (line, rest []byte) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:]
	}
	return b, nil
}

// endsBlock reports whether the lines rest start with a blank line (or
// there are none), which ends any block before them.
func endsBlock(rest []byte) bool {
	return len(rest) == 0 || rest[0] == '\n'
}

// plainText reports whether body is valid UTF-8 with no control character
// but newlines: no line of it then has one (see plainLine). It is
// utf8.Valid and a search for control characters in one pass, which takes
// two Chinese characters, or eight ASCII bytes, at a time.
func plainText(body []byte) bool {
	i := 0
	for i < len(body) {
		if i+8 <= len(body) {
			x := binary.LittleEndian.Uint64(body[i:])
			// Two characters of three bytes from U+1000 to U+FFFF, but
			// for the leads E0 and ED, whose second bytes are bounded
			// further (DecodeRune takes those).
			if x&0xc0c0f0c0c0f0 == 0x8080e08080e0 && wideLead[byte(x)] && wideLead[byte(x>>24)] {
				i += 6
				continue
			}
			// Eight ASCII bytes from ' ' to '~'.
			if x&highBits == 0 && (x-0x2020202020202020)&highBits == 0 && (x+0x0101010101010101)&highBits == 0 {
				i += 8
				continue
			}
		}
		c := body[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// wideLead marks the bytes that start a character of three bytes, any
// two continuation bytes after them, that is: E1 to EF but ED.
var wideLead = func() (t [256]bool) {
	for c := 0xe1; c <= 0xef; c++ {
		t[c] = c != 0xed
	}
	return t
}()

// plainLine reports whether line, a part of one line of a body that
// plainText accepts (so without control characters), neither starts nor
// ends with white space of any kind, nor starts with a byte order mark.
func plainLine(line []byte) bool {
	if len(line) == 0 {
		return true
	}
	first := firstRune(line)
	return !isSpace(first) && first != 0xfeff && !isSpace(lastRune(line))
}

// firstRune returns the first character of b, which must not be empty.
func firstRune(b []byte) rune {
	if c := b[0]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRune(b)
	return r
}

// lastRune returns the last character of b, which must not be empty.
func lastRune(b []byte) rune {
	if c := b[len(b)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRune(b)
	return r
}

// isSpace is unicode.IsSpace, quicker for most Chinese characters: no
// white space is above U+3000.
func isSpace(r rune) bool {
	return r <= 0x3000 && unicode.IsSpace(r)
}

// isAlnum reports whether the ASCII byte c is a letter or digit.
func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// plainStart reports whether text starts as nothing but a paragraph can:
// with a letter, a digit, a character outside ASCII, or "**" before a
// letter or digit.
func plainStart(text []byte) bool {
	c := text[0]
	if c >= utf8.RuneSelf || isAlnum(c) {
		return true
	}
	return c == '*' && len(text) > 2 && text[1] == '*' && letterOrDigit(text[2:], true)
}

// orderedMarker returns the length of the ordered-list marker "N. " that
// starts line (0 if none) and its number; a number with a leading zero or
// of more than nine digits counts as none.
func orderedMarker(line []byte) (n int, num int64) {
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	if i == 0 || i > 9 || line[0] == '0' || i+1 >= len(line) || line[i] != '.' || line[i+1] != ' ' {
		return 0, 0
	}
	num, _ = strconv.ParseInt(string(line[:i]), 10, 64)
	return i + 2, num
}

// listLike reports whether line starts with digits and then '.' or ')',
// which may make it a list item of a kind fastBody leaves to goldmark.
func listLike(line []byte) bool {
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')')
}

// list renders the list that starts body: items of one line each, "- " or
// "N. ", with no blank line between them and a blank line (or the end)
// after the last.
func list(dst, body []byte, ordered bool) ([]byte, []byte, bool) {
	first, _ := cutLine(body)
	if ordered {
		_, num := orderedMarker(first)
		if num == 1 {
			dst = append(dst, "<ol>\n"...)
		} else {
			dst = append(dst, `<ol start="`...)
			dst = strconv.AppendInt(dst, num, 10)
			dst = append(dst, "\">\n"...)
		}
	} else {
		dst = append(dst, "<ul>\n"...)
	}
	var ok bool
	for {
		line, rest := cutLine(body)
		var text []byte
		if ordered {
			n, _ := orderedMarker(line)
			if n == 0 {
				return dst, body, false
			}
			text = line[n:]
		} else {
			if len(line) < 2 || line[0] != '-' || line[1] != ' ' {
				return dst, body, false
			}
			text = line[2:]
		}
		if len(text) == 0 || !plainLine(line) || !plainLine(text) || !plainStart(text) || listLike(text) {
			return dst, body, false // empty, indented, or a block inside the item
		}
		dst = append(dst, "<li>"...)
		if dst, ok = inline(dst, text); !ok {
			return dst, body, false
		}
		dst = append(dst, "</li>\n"...)
		body = rest
		if len(body) == 0 || body[0] == '\n' {
			break
		}
	}
	// After blank lines, an item of the same list would make it loose.
	next := body
	for len(next) > 0 && next[0] == '\n' {
		next = next[1:]
	}
	line, _ := cutLine(next)
	if ordered && listLike(line) || !ordered && len(line) > 0 && (line[0] == '-' || line[0] == '*' || line[0] == '+') {
		return dst, body, false
	}
	if ordered {
		dst = append(dst, "</ol>\n"...)
	} else {
		dst = append(dst, "</ul>\n"...)
	}
	return dst, body, true
}

// The alignments of a table's columns.
const (
	alignNone = iota
	alignLeft
	alignRight
	alignCenter
)

// cellClass is the attribute a cell of each alignment gets.
var cellClass = [...]string{"", ` class="align-left"`, ` class="align-right"`, ` class="align-center"`}

// table renders the table that starts body: every line starts and ends
// with '|', the second is the delimiter row, every row has as many cells
// as the header, and a blank line (or the end) follows it.
func table(dst, body []byte) ([]byte, []byte, bool) {
	head, rest := cutLine(body)
	delim, rest := cutLine(rest)
	var cells, delimCells [32][]byte
	heads, ok := splitRow(head, cells[:0])
	if !ok || len(delim) == 0 {
		return dst, body, false
	}
	var aligns [32]int
	delims, ok := splitRow(delim, delimCells[:0])
	if !ok || len(delims) != len(heads) {
		return dst, body, false
	}
	for i, d := range delims {
		if aligns[i], ok = alignment(d); !ok {
			return dst, body, false
		}
	}
	n := len(heads)
	dst = append(dst, "<table>\n<thead>\n<tr>\n"...)
	for i, c := range heads {
		if dst, ok = cell(dst, "th", aligns[i], c); !ok {
			return dst, body, false
		}
	}
	dst = append(dst, "</tr>\n</thead>\n"...)
	rows := 0
	for len(rest) > 0 && rest[0] != '\n' {
		line, after := cutLine(rest)
		if !plainLine(line) || line[0] != '|' {
			return dst, body, false
		}
		row, ok := splitRow(line, cells[:0])
		if !ok || len(row) != n {
			return dst, body, false
		}
		if rows == 0 {
			dst = append(dst, "<tbody>\n"...)
		}
		rows++
		dst = append(dst, "<tr>\n"...)
		for i, c := range row {
			if dst, ok = cell(dst, "td", aligns[i], c); !ok {
				return dst, body, false
			}
		}
		dst = append(dst, "</tr>\n"...)
		rest = after
	}
	if rows > 0 {
		dst = append(dst, "</tbody>\n"...)
	}
	dst = append(dst, "</table>\n"...)
	return dst, rest, true
}

// splitRow appends the cells of a table row "| a | b |" to cells, trimmed
// of spaces. It refuses a row with a backslash or backquote (which could
// hide a '|'), one that does not start and end with '|', one that ends
// with "||" (goldmark does not count that last, empty cell as one of the
// row's: it adds it back as a cell of no alignment), and one of more than
// 32 cells.
func splitRow(line []byte, cells [][]byte) ([][]byte, bool) {
	if len(line) < 3 || line[0] != '|' || line[len(line)-1] != '|' || line[len(line)-2] == '|' || !plainLine(line) {
		return nil, false
	}
	line = line[1:]
	start := 0
	for i, c := range line {
		switch c {
		case '\\', '`':
			return nil, false
		case '|':
			if len(cells) == 32 {
				return nil, false
			}
			cells = append(cells, bytes.Trim(line[start:i], " "))
			start = i + 1
		}
	}
	return cells, true
}

// alignment reads a delimiter cell: "---", ":--", "--:" or ":-:".
func alignment(d []byte) (int, bool) {
	left := len(d) > 0 && d[0] == ':'
	right := len(d) > 1 && d[len(d)-1] == ':'
	dashes := d
	if left {
		dashes = dashes[1:]
	}
	if right {
		dashes = dashes[:len(dashes)-1]
	}
	if len(dashes) == 0 {
		return 0, false
	}
	for _, c := range dashes {
		if c != '-' {
			return 0, false
		}
	}
	switch {
	case left && right:
		return alignCenter, true
	case left:
		return alignLeft, true
	case right:
		return alignRight, true
	}
	return alignNone, true
}

// cell renders one table cell.
func cell(dst []byte, tag string, align int, text []byte) ([]byte, bool) {
	if len(text) > 0 && !plainLine(text) {
		return dst, false
	}
	dst = append(dst, '<')
	dst = append(dst, tag...)
	dst = append(dst, cellClass[align]...)
	dst = append(dst, '>')
	dst, ok := inline(dst, text)
	dst = append(dst, "</"...)
	dst = append(dst, tag...)
	dst = append(dst, ">\n"...)
	return dst, ok
}

// inline renders the text of one line: plain text, with '"' escaped, and
// **strong** runs whose first and last characters are letters or digits.
// It gives up at anything else Markdown or goldmark's extensions could
// read as markup: escapes, code, links, images, raw HTML, entities,
// emphasis with '_' or a single '*', strikethrough, and what linkify would
// turn into a link (':' of a scheme, '@' of an address, "www.").
func inline(dst, text []byte) ([]byte, bool) {
	strong := false
	for i := 0; i < len(text); i++ {
		// Copy a run of ordinary bytes at once.
		j := skipOrdinary(text, i)
		dst = append(dst, text[i:j]...)
		if i = j; i == len(text) {
			break
		}
		switch c := text[i]; c {
		case '\\', '`', '_', '~', '[', ']', '<', '>', '&', '@', ':':
			return dst, false
		case 'w', 'W':
			if i+3 < len(text) && (text[i+1]|0x20) == 'w' && (text[i+2]|0x20) == 'w' && text[i+3] == '.' {
				return dst, false
			}
			dst = append(dst, c)
		case '"':
			dst = append(dst, "&quot;"...)
		case '*':
			if i+1 >= len(text) || text[i+1] != '*' || i+2 < len(text) && text[i+2] == '*' {
				return dst, false
			}
			if !strong {
				// An opener: the run ends before a letter or digit, and a
				// closer follows whose run starts after one.
				end := closer(text[i+2:])
				if end < 0 || !letterOrDigit(text[i+2:], true) || !letterOrDigit(text[i+2:i+2+end], false) {
					return dst, false
				}
				dst = append(dst, "<strong>"...)
			} else {
				dst = append(dst, "</strong>"...)
			}
			strong = !strong
			i++
		default:
			dst = append(dst, c)
		}
	}
	return dst, !strong
}

// inlineSpecial marks the bytes inline looks at; it copies the others.
var inlineSpecial = func() (t [256]bool) {
	for _, c := range []byte("\\`_~[]<>&@:wW\"*") {
		t[c] = true
	}
	return t
}()

// highBits has the high bit of every byte of a word set.
const highBits = 0x8080808080808080

// skipOrdinary returns the offset in text of the first byte from i on that
// inlineSpecial marks, or len(text).
func skipOrdinary(text []byte, i int) int { return nextMarked(text, i, &inlineSpecial) }

// nextMarked returns the offset in s of the first byte from i on that
// marked marks, or len(s). The bytes marked must all be ASCII: eight bytes
// outside ASCII (most of a Chinese text) are then passed at once.
func nextMarked[T string | []byte](s T, i int, marked *[256]bool) int {
	for i+8 <= len(s) {
		// The word's bytes, as binary.LittleEndian.Uint64 reads them
		// (which the compiler makes one load).
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&highBits == highBits {
			i += 8
			continue
		}
		for end := i + 8; i < end; i++ {
			if marked[s[i]] {
				return i
			}
		}
	}
	for ; i < len(s); i++ {
		if marked[s[i]] {
			return i
		}
	}
	return i
}

// closer returns the offset in text of the next "**", or -1.
func closer(text []byte) int {
	for i := 0; i+1 < len(text); i++ {
		if text[i] == '*' {
			if text[i+1] == '*' {
				return i
			}
			return -1
		}
	}
	return -1
}

// letterOrDigit reports whether the first (or last) character of text is
// a letter or digit: neither white space nor punctuation, which is what
// makes a "**" run next to it open (or close) strong emphasis.
func letterOrDigit(text []byte, first bool) bool {
	var r rune
	if first {
		r, _ = utf8.DecodeRune(text)
	} else {
		r, _ = utf8.DecodeLastRune(text)
	}
	return len(text) > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
