package report

import (
	"bytes"
	"unicode/utf8"
)

// Limits on what a body may make the Markdown renderer multiply. They are
// checked on the text of the body, before any renderer sees it, so that
// check refuses what build would.
const (
	// MaxTableColumns is the most columns a table in the body may have.
	// The renderer gives every row of a table as many cells as its
	// header has, so a wide header makes each short row below it a
	// long one: a 6000-column table of 6000 one-letter rows (36 KB)
	// made 36 million cells and ran out of memory. The widest tables
	// of the published reports seen have about 20 columns (a budget
	// table by item and source of funds).
	MaxTableColumns = 64
	// MaxTableCells is the most cells (columns × rows, the header
	// row included, summed over every table of the body) a body may
	// have. Each costs about 250 bytes of memory and 2 µs to render;
	// 50,000 cells, many more than the dozen tables of 10 columns by
	// 50 rows of the largest reports seen, stay within 15 MB and 0.1 s.
	MaxTableCells = 50000
	// MaxLinkLength is the longest destination or title of a link
	// reference definition ([label]: URL "title") accepted, in bytes.
	// Every use of the label ([label]) writes them again, so a long one
	// used many times made pages of a gigabyte. Real links, to
	// government sites, are a few hundred bytes at most.
	MaxLinkLength = 2 << 10
)

// checkBodyAmplification refuses a body with tables wider than
// MaxTableColumns or with more than MaxTableCells cells, and one with link
// reference definitions longer than MaxLinkLength. It errs on the side of
// counting: it reads tables and definitions inside block quotes and lists
// too, and counts a table's rows up to the next blank line.
func (p *parse) checkBodyAmplification() {
	body := p.r.Body
	if len(body) > MaxBody {
		return // refused already
	}
	if bytes.IndexByte(body, '-') >= 0 {
		p.checkTables(body)
	}
	if bytes.Contains(body, []byte("]:")) {
		p.checkReferences(body)
	}
}

// checkTables refuses tables of more than MaxTableColumns columns or, all
// together, more than MaxTableCells cells. A table is a delimiter row
// (|---|:--:|) under a line that is not blank; its rows are the lines
// after it up to the next blank line.
func (p *parse) checkTables(body []byte) {
	cells := 0
	prevBlank := true
	var fence []byte // the fence of the code block the line is in
	n := p.r.BodyLine - 1
	for rest := body; len(rest) > 0; {
		line, after := cutBodyLine(rest)
		rest = after
		n++
		if inFence(&fence, line) {
			continue
		}
		if f := fenceOf(line); f != nil {
			fence, prevBlank = f, false
			continue
		}
		text := line[containerPrefix(line):]
		if blank(text) || quoteBlank(line) {
			prevBlank = true
			continue
		}
		cols := 0
		if !prevBlank {
			cols = delimiterRow(text)
		}
		prevBlank = false
		if cols == 0 {
			continue
		}
		col := len(line) - len(text) + 1
		if cols > MaxTableColumns {
			p.errAt(Pos{n, col}, "body", "the table has %d columns; at most %d are accepted (表格列数过多)", cols, MaxTableColumns)
			return
		}
		rows := 1 // the header
		for len(rest) > 0 {
			row, after := cutBodyLine(rest)
			if blank(row) || quoteBlank(row) {
				break
			}
			rest = after
			n++
			rows++
		}
		if cells += cols * rows; cells > MaxTableCells {
			p.errAt(Pos{n - rows, col}, "body", "the tables hold more than %d cells (columns × rows) by the end of this one; split them or give the figures as a download (正文表格过大：请拆分，或把数据作为附件下载)", MaxTableCells)
			return
		}
	}
}

// checkReferences refuses a link reference definition whose destination
// or title is longer than MaxLinkLength bytes.
func (p *parse) checkReferences(body []byte) {
	// The last title read: its closing byte, where it began and where it
	// ended. A title that begins inside it with the same closer reads the
	// same bytes to the same end (an opening quote is never escaped), so
	// it is not read again.
	var lastCloser byte
	lastFrom, lastEnd := -1, -1
	for at := 0; at < len(body); {
		line := firstLine(body[at:])
		next := at + len(line) + 1
		text := line[containerPrefix(line):]
		if len(text) == 0 || text[0] != '[' {
			at = next
			continue
		}
		// The label: up to the first ']' not escaped, followed by ':'. A
		// label may span lines and be of any length; a '[' not escaped
		// ends it (the scan then starts again there, so the body is read
		// once).
		i := at + len(line) - len(text) + 1
		for ; i < len(body) && body[i] != ']' && body[i] != '['; i++ {
			if body[i] == '\\' {
				i++
			}
		}
		if i+1 >= len(body) || body[i] != ']' || body[i+1] != ':' {
			at = next
			continue
		}
		// The destination, then the title, each after white space that
		// may hold one line end (and the next line's block quote marks).
		start := skipDefinitionSpace(body, i+2)
		i = start
		if i < len(body) && body[i] == '<' {
			for i < len(body) && body[i] != '>' && body[i] != '\n' {
				if body[i] == '\\' {
					i++
				}
				i++
			}
		} else {
			for i < len(body) && !isSpaceByte(body[i]) {
				i++
			}
		}
		if i-start > MaxLinkLength {
			p.errAt(p.bodyPos(body, start), "body", "the URL of the link reference definition is %d bytes long; at most %d are accepted (链接地址过长)", i-start, MaxLinkLength)
			return
		}
		if j := skipDefinitionSpace(body, min(i, len(body))); j < len(body) && (body[j] == '"' || body[j] == '\'' || body[j] == '(') {
			i = j
			closer := body[i]
			if closer == '(' {
				closer = ')'
			}
			start = i
			if closer == lastCloser && lastFrom < start && start < lastEnd {
				i = lastEnd
			} else {
				for i++; i < len(body) && body[i] != closer; i++ {
					if body[i] == '\\' {
						i++
					} else if body[i] == '\n' && asciiBlank(firstLine(body[i+1:])) {
						break // a title ends at a blank line, as the parser sees one
					}
				}
				lastCloser, lastFrom, lastEnd = closer, start, i
			}
			if i-start > MaxLinkLength {
				p.errAt(p.bodyPos(body, start), "body", "the title of the link reference definition is %d bytes long; at most %d are accepted (链接标题过长)", i-start, MaxLinkLength)
				return
			}
		}
		// Go on from the line after the label's first line, not from the
		// last byte read: a destination or title the parser does not take
		// leaves its lines to other blocks, and a list item or block quote
		// among them may begin a definition of its own. Reading those
		// lines again reads again at most a destination, of at most
		// MaxLinkLength bytes, since titles are not read twice.
		at = next
	}
}

// asciiBlank reports whether line holds only ASCII white space: a blank
// line to the Markdown parser, which does not count U+3000 and the like.
func asciiBlank(line []byte) bool {
	for _, c := range line {
		if !isSpaceByte(c) {
			return false
		}
	}
	return true
}

// bodyPos returns the position in the file of body[i].
func (p *parse) bodyPos(body []byte, i int) Pos {
	start := bytes.LastIndexByte(body[:i], '\n') + 1
	return Pos{p.r.BodyLine + bytes.Count(body[:i], []byte("\n")), utf8.RuneCount(body[start:i]) + 1}
}

// skipDefinitionSpace skips spaces and tabs from body[i] on, and at most
// one line end with the block quote marks and spaces after it.
func skipDefinitionSpace(body []byte, i int) int {
	for i < len(body) && (body[i] == ' ' || body[i] == '\t') {
		i++
	}
	if i < len(body) && body[i] == '\n' {
		i++
		for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '>') {
			i++
		}
	}
	return i
}

// isSpaceByte reports whether c is white space to Markdown.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// cutBodyLine returns the first line of rest, without its line end, and
// what follows it.
func cutBodyLine(rest []byte) (line, after []byte) {
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		return rest[:i], rest[i+1:]
	}
	return rest, nil
}

// inFence reports whether line is inside the fenced code block whose
// opening fence is *fence, or closes it: the body's checks read such
// lines as code, not Markdown. The line that closes it clears *fence.
// It is false when *fence is nil, outside any block.
func inFence(fence *[]byte, line []byte) bool {
	if *fence == nil {
		return false
	}
	if bytes.HasPrefix(bytes.TrimLeft(line, " "), *fence) {
		*fence = nil
	}
	return true
}

// firstLine returns the first line of b, without its line end.
func firstLine(b []byte) []byte {
	line, _ := cutBodyLine(b)
	return line
}

// quoteBlank reports whether line is blank but for block quote marks, as
// a line that ends a paragraph inside a block quote is.
func quoteBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '>' {
			return false
		}
	}
	return true
}

// containerPrefix returns the length of the block quote marks, list
// markers and indentation at the start of line: what a line inside block
// quotes and lists begins with before its text.
func containerPrefix(line []byte) int {
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 2
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}

// delimiterRow returns the number of columns of a table's delimiter row
// (| --- | :-: |), as the Markdown renderer reads it, or 0 if text is
// not one.
func delimiterRow(text []byte) int {
	text = bytes.TrimRight(text, " \t")
	dashesOnly := true
	for _, c := range text {
		switch c {
		case '-':
		case ' ', '\t', '|', ':':
			dashesOnly = false
		default:
			return 0
		}
	}
	if dashesOnly {
		return 0 // a thematic break or a heading's underline
	}
	cols := bytes.Split(text, []byte("|"))
	if blank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && blank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	for _, c := range cols {
		c = bytes.Trim(c, " \t")
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
	}
	return len(cols)
}
