package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// docxText returns the paragraphs and tables of a .docx file's main
// document, read from the zip and its XML. Automatic list numbers (一、,
// （一）, 1.) are written out, because headings depend on them. Deleted
// revisions, hidden text and field instructions are left out.
func docxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("not a valid .docx file: %w", err)
	}
	var docFile, numFile *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			docFile = f
		case "word/numbering.xml":
			numFile = f
		}
	}
	if docFile == nil {
		return "", errors.New("not a valid .docx file: it has no word/document.xml")
	}
	w := &docxWalker{num: readNumbering(numFile), counters: map[string][]int{}}
	rc, err := docFile.Open()
	if err != nil {
		return "", fmt.Errorf("reading word/document.xml: %w", err)
	}
	defer rc.Close()
	if err := w.walk(io.LimitReader(rc, MaxInput)); err != nil {
		return "", fmt.Errorf("reading word/document.xml: %w", err)
	}
	return w.out.String(), nil
}

type numLevel struct {
	format, text string
	start        int
}

// numbering holds word/numbering.xml: list instances and their levels.
type numbering struct {
	abstract map[string]map[int]numLevel
	nums     map[string]string      // numId → abstractNumId
	starts   map[string]map[int]int // numId → level → start override
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func readNumbering(f *zip.File) *numbering {
	n := &numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]string{}, starts: map[string]map[int]int{}}
	if f == nil {
		return n
	}
	rc, err := f.Open()
	if err != nil {
		return n
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, 8<<20))
	var absID, numID string
	lvl, override := -1, -1
	var cur numLevel
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			v, _ := attr(t, "val")
			switch t.Name.Local {
			case "abstractNum":
				absID, _ = attr(t, "abstractNumId")
				if n.abstract[absID] == nil {
					n.abstract[absID] = map[int]numLevel{}
				}
			case "num":
				numID, _ = attr(t, "numId")
			case "abstractNumId":
				if numID != "" {
					n.nums[numID] = v
				}
			case "lvlOverride":
				s, _ := attr(t, "ilvl")
				override, _ = strconv.Atoi(s)
			case "startOverride":
				if numID != "" && override >= 0 {
					if n.starts[numID] == nil {
						n.starts[numID] = map[int]int{}
					}
					n.starts[numID][override], _ = strconv.Atoi(v)
				}
			case "lvl":
				if numID == "" && absID != "" {
					s, _ := attr(t, "ilvl")
					lvl, _ = strconv.Atoi(s)
					cur = numLevel{format: "decimal", start: 1}
				}
			case "start":
				if lvl >= 0 {
					cur.start, _ = strconv.Atoi(v)
				}
			case "numFmt":
				if lvl >= 0 {
					cur.format = v
				}
			case "lvlText":
				if lvl >= 0 {
					cur.text = v
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "lvl":
				if lvl >= 0 && lvl < 9 && absID != "" {
					n.abstract[absID][lvl] = cur
				}
				lvl = -1
			case "abstractNum":
				absID = ""
			case "num":
				numID = ""
			case "lvlOverride":
				override = -1
			}
		}
	}
}

type docxPara struct {
	text  strings.Builder
	numID string
	ilvl  int
}

type docxTable struct {
	rows [][]string
	row  []string
	cell []string
	in   bool
	// span is the number of grid columns the cell spans (gridSpan), and
	// merged whether it continues the cell above it (vMerge).
	span   int
	merged bool
}

type docxWalker struct {
	out      strings.Builder
	num      *numbering
	counters map[string][]int
	paras    []*docxPara
	tables   []*docxTable
	skip     int
	inText   bool
	hidden   bool
}

func (w *docxWalker) walk(r io.Reader) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if w.skip > 0 {
				w.skip++
				continue
			}
			w.start(t)
		case xml.EndElement:
			if w.skip > 0 {
				w.skip--
				continue
			}
			w.end(t.Name.Local)
		case xml.CharData:
			if w.skip == 0 && w.inText && !w.hidden && len(w.paras) > 0 {
				w.paras[len(w.paras)-1].text.Write(t)
			}
		}
	}
	return nil
}

func (w *docxWalker) para() *docxPara {
	if len(w.paras) == 0 {
		return nil
	}
	return w.paras[len(w.paras)-1]
}

func (w *docxWalker) start(t xml.StartElement) {
	v, hasVal := attr(t, "val")
	switch t.Name.Local {
	case "del", "instrText", "delText", "moveFrom", "footnoteReference", "endnoteReference", "commentReference":
		w.skip = 1
	case "p":
		w.paras = append(w.paras, &docxPara{ilvl: 0})
	case "r":
		w.hidden = false
	case "vanish", "specVanish":
		w.hidden = !hasVal || (v != "0" && v != "false")
	case "numId":
		if p := w.para(); p != nil {
			p.numID = v
		}
	case "ilvl":
		if p := w.para(); p != nil {
			p.ilvl, _ = strconv.Atoi(v)
		}
	case "t":
		w.inText = true
	case "tabs":
		w.skip = 1 // tab stop definitions, not text
	case "tab", "ptab":
		if p := w.para(); p != nil {
			p.text.WriteByte(' ')
		}
	case "br", "cr":
		if p := w.para(); p != nil {
			p.text.WriteByte('\n')
		}
	case "noBreakHyphen":
		if p := w.para(); p != nil {
			p.text.WriteByte('-')
		}
	case "tbl":
		w.tables = append(w.tables, &docxTable{})
	case "tr":
		if tb := w.table(); tb != nil {
			tb.row = nil
		}
	case "tc":
		if tb := w.table(); tb != nil {
			tb.cell = nil
			tb.in = true
			tb.span, tb.merged = 1, false
		}
	case "gridSpan":
		if tb := w.table(); tb != nil && tb.in {
			if n, err := strconv.Atoi(v); err == nil && n > 1 && n <= 63 {
				tb.span = n
			}
		}
	case "vMerge":
		if tb := w.table(); tb != nil && tb.in {
			tb.merged = !hasVal || v == "continue"
		}
	}
}

func (w *docxWalker) table() *docxTable {
	if len(w.tables) == 0 {
		return nil
	}
	return w.tables[len(w.tables)-1]
}

func (w *docxWalker) end(local string) {
	switch local {
	case "t":
		w.inText = false
	case "p":
		if len(w.paras) == 0 {
			return
		}
		p := w.paras[len(w.paras)-1]
		w.paras = w.paras[:len(w.paras)-1]
		text := w.label(p) + p.text.String()
		if tb := w.table(); tb != nil && tb.in {
			if s := strings.TrimSpace(strings.ReplaceAll(text, "\n", " ")); s != "" {
				tb.cell = append(tb.cell, s)
			}
			return
		}
		w.out.WriteString(strings.TrimRight(text, " "))
		w.out.WriteByte('\n')
	case "tc":
		if tb := w.table(); tb != nil {
			// A cell merged with the one above, or the grid columns a
			// cell spans after its first, are empty cells, so that the
			// columns of every row line up.
			text := strings.Join(tb.cell, " ")
			if tb.merged {
				text = ""
			}
			tb.row = append(tb.row, text)
			for i := 1; i < tb.span; i++ {
				tb.row = append(tb.row, "")
			}
			tb.cell = nil
			tb.in = false
		}
	case "tr":
		if tb := w.table(); tb != nil {
			tb.rows = append(tb.rows, tb.row)
			tb.row = nil
		}
	case "tbl":
		if len(w.tables) == 0 {
			return
		}
		tb := w.tables[len(w.tables)-1]
		w.tables = w.tables[:len(w.tables)-1]
		if outer := w.table(); outer != nil && outer.in {
			// A table nested in a cell becomes text of that cell.
			for _, row := range tb.rows {
				if s := strings.TrimSpace(strings.Join(row, " ")); s != "" {
					outer.cell = append(outer.cell, s)
				}
			}
			return
		}
		w.out.WriteByte('\n')
		for _, row := range tb.rows {
			for _, c := range row {
				w.out.WriteByte('\t')
				w.out.WriteString(c)
				w.out.WriteByte('\n')
			}
			w.out.WriteByte('\n')
		}
	}
}

// label returns the automatic number of a paragraph, such as "一、", and
// advances the list's counters.
func (w *docxWalker) label(p *docxPara) string {
	if p.numID == "" || p.numID == "0" || p.ilvl < 0 || p.ilvl > 8 {
		return ""
	}
	levels := w.num.abstract[w.num.nums[p.numID]]
	if levels == nil {
		return ""
	}
	lv, ok := levels[p.ilvl]
	if !ok {
		return ""
	}
	c := w.counters[p.numID]
	if c == nil {
		c = make([]int, 9)
		w.counters[p.numID] = c
	}
	start := func(l int) int {
		if s, ok := w.num.starts[p.numID][l]; ok {
			return s
		}
		if lv, ok := levels[l]; ok {
			return lv.start
		}
		return 1
	}
	if c[p.ilvl] == 0 {
		c[p.ilvl] = start(p.ilvl)
	} else {
		c[p.ilvl]++
	}
	for l := p.ilvl + 1; l < 9; l++ {
		c[l] = 0
	}
	switch lv.format {
	case "bullet":
		return "• "
	case "none":
		return ""
	}
	var b strings.Builder
	text := lv.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			l := int(text[i+1] - '1')
			n := c[l]
			if n == 0 {
				n = start(l)
			}
			f := "decimal"
			if lv2, ok := levels[l]; ok {
				f = lv2.format
			}
			b.WriteString(formatNumber(n, f))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// formatNumber writes n in a Word numbering format.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital", "koreanCounting":
		return chineseNumeral(n)
	case "chineseLegalSimplified":
		r := []rune(chineseNumeral(n))
		legal := map[rune]rune{'一': '壹', '二': '贰', '三': '叁', '四': '肆', '五': '伍', '六': '陆', '七': '柒', '八': '捌', '九': '玖', '十': '拾'}
		for i, c := range r {
			if l, ok := legal[c]; ok {
				r[i] = l
			}
		}
		return string(r)
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 && n <= 26 {
			base := 'A'
			if format == "lowerLetter" {
				base = 'a'
			}
			return string(rune(base + rune(n-1)))
		}
	case "upperRoman", "lowerRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	}
	return strconv.Itoa(n)
}

// chineseNumeral writes 1 to 99 in Chinese numerals, such as 十二.
func chineseNumeral(n int) string {
	digits := []rune("零一二三四五六七八九")
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return string(digits[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(digits[n-10])
	case n%10 == 0:
		return string(digits[n/10]) + "十"
	}
	return string(digits[n/10]) + "十" + string(digits[n%10])
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
