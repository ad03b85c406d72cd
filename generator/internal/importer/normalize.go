package importer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// forbidden reports whether r has no place in a content file: control
// characters other than tab and line feed, DEL, C1 controls, and Unicode
// noncharacters.
func forbidden(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	}
	return false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

var (
	bookmarkRE  = regexp.MustCompile(`\[bookmark: [^\]\n]*\]`)
	mathRE      = regexp.MustCompile(`\$([^$\n]{1,120}?)\$`)
	latexCmdRE  = regexp.MustCompile(`\\(?:(?:geqslant|leqslant|geq|leq|ge|le|times|div|pm|cdot|neq|approx|sim)\b|%)`)
	latexWrapRE = regexp.MustCompile(`\\(?:mathrm|text|textbf|mathbf)\{([^{}\n]*)\}`)
	cnYearRE    = regexp.MustCompile(`[〇零○一二三四五六七八九]{4}年`)
	pageNumRE   = regexp.MustCompile(`^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*共?\s*\d{1,4}\s*页)$`)
	dotSpaceRE  = regexp.MustCompile(`(\d) +\.(\d)`)
	pctSpaceRE  = regexp.MustCompile(`(\d) +%`)
	// groupedRE finds a number whose thousands are grouped with single
	// spaces (3 402.15; mapWidth has made thin and no-break spaces plain),
	// and groupedCellRE a cell that holds just such a number.
	groupedRE     = regexp.MustCompile(`\d{1,3}(?: \d{3})+(?:\.\d+)?`)
	groupedCellRE = regexp.MustCompile(`^\d{1,3}(?: \d{3})+(?:\.\d+)?(?:亿元|万元|千元|元|万)?$`)
	unitStartRE   = regexp.MustCompile(`^(?:亿元|万元|千元|元|万|人|名)`)
)

var latexSymbols = map[string]string{
	"geqslant": "≥", "leqslant": "≤", "geq": "≥", "leq": "≤", "ge": "≥", "le": "≤", "times": "×",
	"div": "÷", "pm": "±", "cdot": "·", "neq": "≠", "approx": "≈", "sim": "~", "%": "%",
}

var cnDigit = map[rune]rune{'〇': '0', '零': '0', '○': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9'}

// clean normalises a report's text for reading and display, and returns its
// lines. Table cells keep their leading tab; other lines are trimmed.
//
// It turns full-width digits, letters and ％ into ASCII, and 二〇二〇年 into
// 2020年; removes the spaces PDF and OCR conversion leave around numbers
// (673.48 万元), between letter-spaced characters (部 门 概 况) and inside
// numbers (673 .48); replaces LaTeX residue ($\geq 99\%$, \times) by the
// symbols it stands for; drops page numbers and Word bookmarks; and turns
// the rows of a table pasted as text into cells (see textTableRows).
func clean(s string) []string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\v", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	s = bookmarkRE.ReplaceAllString(s, "")
	s = mathRE.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		if !strings.Contains(inner, `\`) && !strings.ContainsAny(inner, "0123456789%=<>") {
			return m // probably money or a literal dollar sign
		}
		return strings.TrimSpace(inner)
	})
	s = latexWrapRE.ReplaceAllString(s, "$1")
	s = latexCmdRE.ReplaceAllStringFunc(s, func(m string) string {
		return " " + latexSymbols[m[1:]] + " "
	})
	s = cnYearRE.ReplaceAllStringFunc(s, func(m string) string {
		rs := []rune(m)
		for i := 0; i < 4; i++ {
			rs[i] = cnDigit[rs[i]]
		}
		return string(rs)
	})
	s = mapWidth(s)
	var out []string
	lines := strings.Split(s, "\n")
	rows := textTableRows(lines)
	for i, line := range lines {
		if row, ok := rows[i]; ok {
			// A row of a table pasted as text: one cell per line, and a
			// blank line after the row, as a Doc holds a table; a blank
			// line before a header row under rows of amounts, which
			// starts another table (see paragraphs).
			if row.newTable {
				out = append(out, "")
			}
			for _, c := range row.cells {
				c = tidySpaces(c)
				if !row.narrow {
					c = joinGroupedCell(c)
				}
				out = append(out, "\t"+c)
			}
			out = append(out, "")
			continue
		}
		cell := false
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "\t") {
			cell = true
		}
		line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
		line = tidySpaces(line)
		if pageNumRE.MatchString(line) {
			continue
		}
		if cell {
			line = "\t" + joinGroupedCell(line)
		}
		out = append(out, line)
	}
	return out
}

// mapWidth turns full-width digits, letters and ％ into ASCII, ． after a
// digit into a full stop, and odd spaces into plain ones; it drops
// zero-width characters.
func mapWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - '０' + '0'
		case r == '％':
			r = '%'
		case r == '．' && isDigit(prev):
			r = '.'
		case r == '\u3000' || r == '\u00a0' || r == '\u1680' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f':
			r = ' '
		case invisible(r):
			continue // zero-width and bidirectional controls
		case forbidden(r):
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// tidySpaces removes the spaces around numbers next to Chinese text, inside
// numbers and between letter-spaced Chinese characters, and collapses the
// rest.
func tidySpaces(line string) string {
	if !strings.ContainsAny(line, " \t") {
		return line
	}
	line = dotSpaceRE.ReplaceAllString(line, "$1.$2")
	line = pctSpaceRE.ReplaceAllString(line, "$1%")
	rs := []rune(line)
	var out []rune
	for i := 0; i < len(rs); {
		if rs[i] != ' ' {
			out = append(out, rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if len(out) == 0 || j >= len(rs) {
			i = j
			continue
		}
		l, r := out[len(out)-1], rs[j]
		drop := isDigit(l) && r > 0x7f && !unicode.IsSpace(r) ||
			l > 0x7f && isDigit(r) ||
			l > 0x7f && r > 0x7f && !isHan(l) && !isHan(r) ||
			isCJKPunct(l) && r > 0x7f || l > 0x7f && isCJKPunct(r) ||
			isDigit(l) && (r == '%' || r == '.') || (l == '.' || l == '%') && r > 0x7f
		if !drop {
			out = append(out, ' ')
		}
		i = j
	}
	return joinGrouped(joinLetterSpaced(string(out)))
}

// joinGrouped removes the spaces that group the thousands of an amount or
// a count of staff in running text (收入合计3 402.15万元, 核定编制1 236人),
// where they cannot part two numbers: the number follows a character other
// than ASCII (its label, or a full-width colon) or a colon or bracket, and
// its unit (万元, 人, 名) follows it. Any
// other spaced digits (5 400.00 after a space, or without a unit) are left
// as they are, and are not read as one number.
func joinGrouped(line string) string {
	if !strings.Contains(line, " ") {
		return line
	}
	var b strings.Builder
	last := 0
	for _, loc := range groupedRE.FindAllStringIndex(line, -1) {
		before, _ := utf8.DecodeLastRuneInString(line[:loc[0]])
		if loc[0] == 0 || before < 0x80 && before != ':' && before != '(' || !unitStartRE.MatchString(line[loc[1]:]) {
			continue
		}
		b.WriteString(line[last:loc[0]])
		b.WriteString(strings.ReplaceAll(line[loc[0]:loc[1]], " ", ""))
		last = loc[1]
	}
	if last == 0 {
		return line
	}
	b.WriteString(line[last:])
	return b.String()
}

var digitGapRE = regexp.MustCompile(`\d +\d`)

// cellValue returns a table cell's text folded and without spaces or a
// footnote's marker after it, to be read as a number; but a space between two digits, which clean did not
// take for a grouping of thousands (see joinGroupedCell), is kept, so that
// two numbers are not read as one.
func cellValue(c string) string {
	c = noteMarkRE.ReplaceAllString(fold(c), "")
	if digitGapRE.MatchString(c) {
		return c
	}
	return strings.ReplaceAll(c, " ", "")
}

// joinGroupedCell removes the spaces that group the thousands of a number
// that is a table cell's whole text (8 523 400.00).
func joinGroupedCell(c string) string {
	if groupedCellRE.MatchString(c) {
		return strings.ReplaceAll(c, " ", "")
	}
	return c
}

func isCJKPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff0f || r >= 0xff1a && r <= 0xff20 ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// joinLetterSpaced joins runs of three or more single Chinese characters
// separated by single spaces, as in 部 门 概 况, with the words they touch.
func joinLetterSpaced(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	parts := strings.Split(s, " ")
	single := func(p string) bool {
		rs := []rune(p)
		return len(rs) == 1 && isHan(rs[0])
	}
	glue := make([]bool, len(parts)) // glue[i]: no space before parts[i]
	for i := 0; i < len(parts); {
		j := i
		for j < len(parts) && single(parts[j]) {
			j++
		}
		if j-i >= 3 {
			for k := i + 1; k < j; k++ {
				glue[k] = true
			}
			if i > 0 {
				if r, _ := utf8.DecodeLastRuneInString(parts[i-1]); isHan(r) || isCJKPunct(r) {
					glue[i] = true
				}
			}
			if j < len(parts) {
				if r, _ := utf8.DecodeRuneInString(parts[j]); isHan(r) || isCJKPunct(r) {
					glue[j] = true
				}
			}
			i = j
			continue
		}
		i++
	}
	var b strings.Builder
	for i, p := range parts {
		if i > 0 && !glue[i] {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// fold prepares a sentence for matching: full-width punctuation becomes
// ASCII, quotation marks go (so “三公”经费 and “三公经费” read alike), and
// white space next to non-ASCII text goes.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '，':
			r = ','
		case '：':
			r = ':'
		case '；':
			r = ';'
		case '（':
			r = '('
		case '）':
			r = ')'
		case '！':
			r = '!'
		case '？':
			r = '?'
		case '．':
			r = '.'
		case '〔', '【', '［', '｛':
			r = '['
		case '〕', '】', '］', '｝':
			r = ']'
		case '～':
			r = '~'
		case '＝':
			r = '='
		case '／':
			r = '/'
		case '－':
			r = '-'
		case '＋':
			r = '+'
		case '“', '”', '‘', '’', '"', '\'', '「', '」', '『', '』', '〝', '〞', '＂', '＇':
			continue
		case ' ', '\t':
			prevASCII := i > 0 && rs[i-1] < 0x80 && !unicode.IsSpace(rs[i-1])
			nextASCII := i+1 < len(rs) && rs[i+1] < 0x80 && !unicode.IsSpace(rs[i+1])
			if !(prevASCII && nextASCII) {
				continue
			}
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}
