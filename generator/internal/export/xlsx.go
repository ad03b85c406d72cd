package export

// reports.xlsx is excelize's workbook, but its worksheet rows are written
// here: excelize's StreamWriter boxes every cell, escapes its text through
// several intermediate strings and holds the whole worksheet in memory (or
// in a temporary file) until the workbook is saved. Every other part of the
// workbook (the sheet 说明 among them), and the worksheet's XML around its
// data rows, is constant for the columns of the downloads and whether the
// site has a base URL: excelize writes them once for each, into memory,
// and each workbook copies them. The data rows are streamed into the
// deflater of the worksheet part, as the very bytes excelize's
// StreamWriter.SetRow writes for the same cells (see appendXLSXText and
// appendXLSXFloat, which follow excelize v2.11.1's trimCellValue,
// bstrMarshal and formatCellFloat). The tests hold the result to the
// workbook excelize writes on its own.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// xlsxSheetName is the name of the worksheet of reports.xlsx that holds
// the reports, the first; the second is the data dictionary (see
// addDictionarySheet).
const xlsxSheetName = "报告"

// xlsxDecimals is the number format of amounts: at least two decimals,
// and up to six, so that an amount shows every digit it has down to the
// fen (0.000001 万元) and a whole number of 万元 still reads 12.00.
const xlsxDecimals = "0.00####"

// xlsxDate is the number format of dates, as the CSV writes them.
const xlsxDate = "yyyy-mm-dd"

// xlsxNumFormat says how the numbers of a column of reports.xlsx are
// shown.
type xlsxNumFormat uint8

const (
	// xlsxAmount is an amount in 万元, shown as xlsxDecimals.
	xlsxAmount xlsxNumFormat = iota
	// xlsxWhole is a whole number (a year, a number of staff), shown
	// without decimals (built-in format 1, "0").
	xlsxWhole
	// xlsxAsGiven is a number shown with the digits it has, as Excel's
	// General format shows it: a score of 97 reads 97 and one of 96.5
	// reads 96.5, neither 97.00 nor "97." (as "0.##" would show it).
	xlsxAsGiven
)

// xlsxFormatOf returns how the numbers of column c are shown in
// reports.xlsx.
func xlsxFormatOf(c Column) xlsxNumFormat {
	switch {
	case c.Key == "year" || c.Unit == "人":
		return xlsxWhole
	case c.Unit == "万元":
		return xlsxAmount
	}
	return xlsxAsGiven
}

// xlsxPart is one part of the workbook, uncompressed.
type xlsxPart struct {
	name string
	data []byte
}

// xlsxSkeleton is everything in reports.xlsx but its data rows.
type xlsxSkeleton struct {
	// parts are the parts of the workbook in the order excelize writes
	// them; parts[sheet] is the worksheet, whose data is head, then the
	// data rows, then tail.
	parts      []xlsxPart
	sheet      int
	head, tail []byte
	// colNames are the names of the columns ("A", "B"...), in the order
	// of Columns.
	colNames []string
	// numStyles are the style attributes (` s="2"`) of the columns'
	// numbers, in the order of Columns; suspectStyle is that of the text
	// 疑为单位错误 written in place of a likely unit slip (see suspects):
	// an amber fill.
	numStyles    []string
	suspectStyle string
	// dateStyle is the style attribute of a date (see date): shown
	// YYYY-MM-DD.
	dateStyle string
	// filterMark is the end of the range of the filter on the header
	// row ("$AF$1048576") in the worksheet's tail and in the workbook,
	// which WriteXLSX replaces with the last row's (see withFilter).
	filterMark string
}

// xlsxTemplates make the skeletons of reports.xlsx on first use, for a
// site without a base URL and with one: the sheet 说明 says what the
// column 本站页面 holds.
var xlsxTemplates = [2]func() (*xlsxSkeleton, error){
	sync.OnceValues(func() (*xlsxSkeleton, error) { return newXLSXSkeleton(false) }),
	sync.OnceValues(func() (*xlsxSkeleton, error) { return newXLSXSkeleton(true) }),
}

// xlsxTemplate returns the skeleton of reports.xlsx for a site with a base
// URL (absolute) or without one.
func xlsxTemplate(absolute bool) (*xlsxSkeleton, error) {
	if absolute {
		return xlsxTemplates[1]()
	}
	return xlsxTemplates[0]()
}

// newXLSXSkeleton has excelize write reports.xlsx with its header row, no
// data rows and the sheet 说明 for a site with a base URL (absolute) or
// without one, and keeps its parts.
func newXLSXSkeleton(absolute bool) (*xlsxSkeleton, error) {
	f := excelize.NewFile()
	defer f.Close()
	rec := &xlsxRecorder{}
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return rec })
	if err := f.SetSheetName("Sheet1", xlsxSheetName); err != nil {
		return nil, err
	}
	// The dates are xlsxDateMark, which WriteXLSX replaces with the
	// site's: fixed, to keep the file the same from build to build.
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "县级部门绩效自评报告比较", Created: xlsxDateMark, Modified: xlsxDateMark}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(xlsxSheetName)
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	decimals := xlsxDecimals
	dec, err := f.NewStyle(&excelize.Style{CustomNumFmt: &decimals})
	if err != nil {
		return nil, err
	}
	integer, err := f.NewStyle(&excelize.Style{NumFmt: 1})
	if err != nil {
		return nil, err
	}
	suspect, err := f.NewStyle(&excelize.Style{Fill: xlsxSuspectFill})
	if err != nil {
		return nil, err
	}
	// General (built-in format 0) is the style every cell has by default.
	general, err := f.NewStyle(&excelize.Style{NumFmt: 0})
	if err != nil {
		return nil, err
	}
	dateFormat := xlsxDate
	dated, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return nil, err
	}
	sk := &xlsxSkeleton{suspectStyle: styleAttr(suspect), dateStyle: styleAttr(dated)}
	// StreamWriter.SetColWidth puts each column it is given before those
	// it has, and Excel wants them in order: the last first.
	for i := len(Columns) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, xlsxColWidth(Columns[i])); err != nil {
			return nil, err
		}
	}
	for i, c := range Columns {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return nil, err
		}
		sk.colNames = append(sk.colNames, name)
		style := dec
		switch xlsxFormatOf(c) {
		case xlsxWhole:
			style = integer
		case xlsxAsGiven:
			style = general
		}
		sk.numStyles = append(sk.numStyles, styleAttr(style))
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	head := make([]any, len(Columns))
	for i, c := range Columns {
		head[i] = excelize.Cell{Value: c.Header, StyleID: bold}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	// The header row's filter buttons, over every row: its range is
	// xlsxFilterMark's until WriteXLSX knows the number of rows.
	if err := f.AutoFilter(xlsxSheetName, "A1:"+sk.colNames[len(sk.colNames)-1]+strconv.Itoa(excelize.TotalRows), nil); err != nil {
		return nil, err
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	if err := addDictionarySheet(f, absolute); err != nil {
		return nil, err
	}
	if _, err := f.WriteTo(io.Discard); err != nil {
		return nil, err
	}
	// The worksheet of a StreamWriter is the first part excelize writes.
	sk.parts = rec.parts
	if len(sk.parts) == 0 || !strings.HasPrefix(sk.parts[sk.sheet].name, "xl/worksheets/") {
		return nil, errors.New("reports.xlsx: excelize did not write the worksheet first")
	}
	sheet := sk.parts[sk.sheet].data
	end := []byte("</sheetData>")
	if bytes.Count(sheet, end) != 1 {
		return nil, errors.New("reports.xlsx: no end of sheetData in excelize's worksheet")
	}
	i := bytes.Index(sheet, end)
	sk.head, sk.tail = sheet[:i], sheet[i:]
	if bytes.Count(sk.head, []byte(xlsxDimension)) != 1 {
		return nil, errors.New("reports.xlsx: no dimension in excelize's worksheet")
	}
	sk.filterMark = "$" + sk.colNames[len(sk.colNames)-1] + "$" + strconv.Itoa(excelize.TotalRows)
	for i, p := range sk.parts {
		if i == sk.sheet || p.name == xlsxWorkbookPart {
			if bytes.Count(p.data, []byte(sk.filterMark)) != 1 {
				return nil, fmt.Errorf("reports.xlsx: no single filter range in excelize's %s", p.name)
			}
		}
	}
	return sk, nil
}

// xlsxColWidth is the width of column c in reports.xlsx.
func xlsxColWidth(c Column) float64 {
	if c.Key == "title" || c.Key == "source" || c.Key == "page" {
		return 40
	}
	return 12
}

// xlsxDimension is the used range of the worksheet that excelize's
// StreamWriter writes, which it leaves at A1 however many rows follow.
const xlsxDimension = `<dimension ref="A1"></dimension>`

// withDimension returns head, the worksheet up to its data rows, with its
// used range that of the header row and rows data rows.
func withDimension(head []byte, rows int) []byte {
	last, _ := excelize.ColumnNumberToName(len(Columns))
	ref := `<dimension ref="A1:` + last + strconv.Itoa(rows+1) + `"></dimension>`
	return bytes.Replace(head, []byte(xlsxDimension), []byte(ref), 1)
}

// xlsxSuspectFill is the fill of the cell of a likely unit slip:
// the amber of Excel's own 适中 (Neutral) cell style.
var xlsxSuspectFill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}

// styleAttr returns the style attribute of a cell of the style, as
// StreamWriter.SetRow writes it: none for style 0.
func styleAttr(style int) string {
	if style == 0 {
		return ""
	}
	return ` s="` + strconv.Itoa(style) + `"`
}

// xlsxRecorder is the excelize.ZipWriter of the skeleton: it keeps the
// parts excelize writes, uncompressed and in order.
type xlsxRecorder struct{ parts []xlsxPart }

// Create starts a part.
func (r *xlsxRecorder) Create(name string) (io.Writer, error) {
	r.parts = append(r.parts, xlsxPart{name: name})
	return xlsxPartWriter{r, len(r.parts) - 1}, nil
}

// AddFS is not used by excelize's File.WriteTo.
func (r *xlsxRecorder) AddFS(fs.FS) error { return errors.New("reports.xlsx: AddFS not supported") }

// Close does nothing.
func (r *xlsxRecorder) Close() error { return nil }

// xlsxPartWriter appends to the data of part i of a recorder.
type xlsxPartWriter struct {
	r *xlsxRecorder
	i int
}

// Write appends p.
func (w xlsxPartWriter) Write(p []byte) (int, error) {
	w.r.parts[w.i].data = append(w.r.parts[w.i].data, p...)
	return len(p), nil
}

// XLSX returns reports.xlsx: a sheet of the reports with Chinese headers,
// a frozen header row, and numbers stored as numbers, amounts shown with
// two to six decimals (see xlsxDecimals), years and staff without, and
// scores with the digits they have (see xlsxFormatOf); and the sheet 说明
// that explains it (see addDictionarySheet). baseURL is the site's
// absolute URL, or "" (see pageURL).
func XLSX(s *site.Site, baseURL string) ([]byte, error) {
	return toBytes(func(w io.Writer) error { return WriteXLSX(w, s, baseURL) })
}

// WriteXLSX writes reports.xlsx (see XLSX) to out, streaming its rows: it
// writes the same workbook as excelize's StreamWriter does for the same
// cells, part for part and byte for byte once inflated, without holding
// the worksheet in memory. If it returns an error, out may hold part of a
// workbook.
func WriteXLSX(out io.Writer, s *site.Site, baseURL string) error {
	base := pageURL(baseURL)
	sk, err := xlsxTemplate(base != "")
	if err != nil {
		return err
	}
	// Row 1 is the header; excelize refuses rows beyond its limit.
	if len(s.Reports) > excelize.TotalRows-1 {
		return fmt.Errorf("reports.xlsx: %d reports: %w", len(s.Reports), excelize.ErrMaxRows)
	}
	zw := newXLSXZip(out)
	for i, p := range sk.parts {
		w, err := zw.Create(p.name)
		if err != nil {
			return fmt.Errorf("reports.xlsx: %w", err)
		}
		switch {
		case i == sk.sheet:
			err = sk.writeSheet(w, s, base)
		case p.name == xlsxPropsPart:
			_, err = w.Write(bytes.ReplaceAll(p.data, []byte(xlsxDateMark), []byte(s.Updated())))
		case p.name == xlsxWorkbookPart:
			_, err = w.Write(sk.withFilter(p.data, len(s.Reports)))
		default:
			_, err = w.Write(p.data)
		}
		if err != nil {
			return fmt.Errorf("reports.xlsx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("reports.xlsx: %w", err)
	}
	return nil
}

// xlsxPropsPart is the part of reports.xlsx that holds its document
// properties, whose dates (created and modified, which Excel and WPS show
// as the file's) are the day the site's content is as of
// (site.Site.Updated), the newest publication date of its reports: a
// reader of the file sees how recent its data are, and the same content
// gives the same file.
const xlsxPropsPart = "docProps/core.xml"

// xlsxWorkbookPart is the part of reports.xlsx that names the range of
// the worksheet's filter (as _xlnm._FilterDatabase), as the worksheet's
// autoFilter gives it.
const xlsxWorkbookPart = "xl/workbook.xml"

// withFilter returns part, the workbook or the worksheet's tail, with the
// range of the filter on the header row that of the header and rows data
// rows.
func (sk *xlsxSkeleton) withFilter(part []byte, rows int) []byte {
	return bytes.Replace(part, []byte(sk.filterMark), []byte("$"+sk.colNames[len(sk.colNames)-1]+"$"+strconv.Itoa(rows+1)), 1)
}

// xlsxDateMark is the date the skeleton's document properties are
// written with, for WriteXLSX to replace.
const xlsxDateMark = "2000-01-01T00:00:00Z"

// xlsxFlushSize is the size past which writeSheet hands its rows to the
// deflater.
const xlsxFlushSize = 32 << 10

// writeSheet writes the worksheet of s to w, with the base of the column
// 本站页面 base (see pageURL).
func (sk *xlsxSkeleton) writeSheet(w io.Writer, s *site.Site, base string) error {
	var written int64
	buf := make([]byte, 0, xlsxFlushSize+8<<10)
	buf = append(buf, withDimension(sk.head, len(s.Reports))...)
	var scratch []byte
	var rowNum [20]byte
	for n, r := range s.Reports {
		row := strconv.AppendInt(rowNum[:0], int64(n+2), 10)
		buf = append(buf, `<row r="`...)
		buf = append(buf, row...)
		buf = append(buf, `">`...)
		na, sus := notApplicable(r.Type), suspects(r)
		for i, c := range Columns {
			v := c.get(r)
			switch {
			case v.isNum() && sus&columnBit(i) != 0:
				buf = sk.appendCellStart(buf, i, row, sk.suspectStyle)
				buf = appendXLSXInlineStr(buf, slipText(c))
			case v.isNum():
				buf = sk.appendCellStart(buf, i, row, sk.numStyles[i])
				buf = appendXLSXNum(buf, v)
			case v.state == report.Unreadable:
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, unreadableText)
			case v.state == report.NotDisclosed && na&columnBit(i) != 0:
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, notApplicableText)
			case v.kind == findingsCell:
				scratch = appendFindings(scratch[:0], r)
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, scratch)
			case v.kind == suspectCell:
				scratch = appendSuspects(scratch[:0], r, sus)
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, scratch)
			case v.kind == dateCell:
				buf = sk.appendCellStart(buf, i, row, sk.dateStyle)
				buf = append(buf, `><v>`...)
				buf = strconv.AppendInt(buf, v.i, 10)
				buf = append(buf, `</v></c>`...)
			case v.kind == pageCell && base != "":
				scratch = appendPage(scratch[:0], base, v.text)
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, scratch)
			case v.state == report.Disclosed:
				buf = sk.appendCellStart(buf, i, row, "")
				buf = appendXLSXInlineStr(buf, v.text)
			default:
				// StreamWriter.SetRow writes nothing for a nil value.
			}
		}
		buf = append(buf, `</row>`...)
		if len(buf) >= xlsxFlushSize {
			if err := writeSheetBytes(w, buf, &written); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	buf = append(buf, sk.withFilter(sk.tail, len(s.Reports))...)
	return writeSheetBytes(w, buf, &written)
}

// writeSheetBytes writes p to w, counting the bytes of the worksheet in
// written. excelize marks the parts past 4 GiB as ZIP64 in their local
// headers after the fact, which a streamed workbook cannot do: such a
// worksheet is an error.
func writeSheetBytes(w io.Writer, p []byte, written *int64) error {
	if *written += int64(len(p)); *written > math.MaxUint32 {
		return errors.New("worksheet larger than 4 GiB")
	}
	_, err := w.Write(p)
	return err
}

// appendCellStart appends the start of a cell of column i (from 0) of the
// row numbered row, with the style attribute style, up to its value: the
// `<c` element as StreamWriter.SetRow's writeCell writes it, with the
// type of an inline string for every cell but a number's.
func (sk *xlsxSkeleton) appendCellStart(dst []byte, i int, row []byte, style string) []byte {
	dst = append(dst, `<c r="`...)
	dst = append(dst, sk.colNames[i]...)
	dst = append(dst, row...)
	dst = append(dst, '"')
	return append(dst, style...)
}

// appendXLSXNum appends the rest of a number cell, after its style: its
// type and value, as excelize writes the float64 c.num(), and the end of
// the cell.
func appendXLSXNum(dst []byte, c cell) []byte {
	// A whole number or an amount of fewer than 16 digits is exact in a
	// float64, and so is its quotient by 10⁶ once rounded: strconv's
	// shortest decimal of that quotient is the amount's own (two decimals
	// of at most 15 significant digits cannot round to the same float64),
	// and formatCellFloat keeps all its digits.
	if (c.kind == amountCell || c.kind == intCell) && -maxExactDigits < c.i && c.i < maxExactDigits {
		dst = append(dst, `><v>`...)
		if c.kind == amountCell {
			dst = report.Amount(c.i).Append(dst)
		} else {
			dst = strconv.AppendInt(dst, c.i, 10)
		}
		return append(dst, `</v></c>`...)
	}
	f := c.num()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		// excelize writes these as the text fmt.Sprint gives.
		s := "NaN"
		if math.IsInf(f, 1) {
			s = "+Inf"
		} else if math.IsInf(f, -1) {
			s = "-Inf"
		}
		return appendXLSXInlineStr(dst, s)
	}
	dst = append(dst, `><v>`...)
	dst = appendXLSXFloat(dst, f)
	return append(dst, `</v></c>`...)
}

// maxExactDigits bounds the whole numbers and amounts (in fen) that
// appendXLSXNum writes without formatting a float64: those of at most 15
// digits.
const maxExactDigits = 1e15

// appendXLSXFloat appends f as excelize's formatCellFloat(f, -1, 64)
// formats it: strconv's shortest decimal without exponent, its digits
// beyond the fifteenth significant one cut (not rounded) to zeros or
// dropped.
func appendXLSXFloat(dst []byte, f float64) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
	if math.Abs(f) == math.MaxFloat64 {
		return dst
	}
	const maxPrec = 15
	str := dst[start:]
	if len(str) <= maxPrec {
		return dst
	}
	decimal := bytes.IndexByte(str, '.')
	significant := 0
	for idx, b := range str {
		if b < '0' || b > '9' || significant == 0 && b == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if decimal >= 0 && idx > decimal {
			if str[idx-1] == '.' {
				idx--
			}
			return dst[:start+idx]
		}
		if decimal < 0 {
			decimal = len(str)
		}
		for j := idx; j < decimal; j++ {
			str[j] = '0'
		}
		return dst[:start+decimal]
	}
	return dst
}

// appendXLSXInlineStr appends the rest of a cell holding the text s,
// after its style: its type, the text as an inline string and the end of
// the cell, as excelize's StreamWriter writes a string value.
func appendXLSXInlineStr[T string | []byte](dst []byte, s T) []byte {
	if len(s) > excelize.TotalCellChars {
		if cut := truncateUTF16(s, excelize.TotalCellChars); len(cut) < len(s) {
			s = T(string(truncateUTF16(s, excelize.TotalCellChars-cutMarkUnits)) + CutMark)
		}
	}
	dst = append(dst, ` t="inlineStr"><is><t`...)
	if n := len(s); n > 0 && (preservedSpace(s[0]) || preservedSpace(s[n-1])) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, '>')
	dst = appendXLSXText(dst, s)
	return append(dst, `</t></is></c>`...)
}

// CutMark ends a text cut to fit a cell of reports.xlsx, which holds at
// most 32,767 UTF-16 code units (excelize.TotalCellChars): a reader
// must not take the cut text for the whole. Only the findings of a
// report with many long noted discrepancies come near it.
const CutMark = "…（超出Excel单元格的长度上限，已截断；全文见 reports.csv 或 reports.json）"

// cutMarkUnits is CutMark's length in UTF-16 code units.
var cutMarkUnits = len(utf16.Encode([]rune(CutMark)))

// preservedSpace reports whether a text beginning or ending with b needs
// xml:space="preserve" for excelize.
func preservedSpace(b byte) bool { return b == '\t' || b == '\n' || b == '\r' || b == ' ' }

// truncateUTF16 returns the longest prefix of s, cut between characters
// (invalid bytes counting as one each), that is at most n UTF-16 code
// units long, as excelize's truncateUTF16Units does.
func truncateUTF16[T string | []byte](s T, n int) T {
	units := 0
	for i := 0; i < len(s); {
		r, w := decodeRune(s, i)
		if units += utf16.RuneLen(r); units > n {
			return s[:i]
		}
		i += w
	}
	return s
}

// decodeRune decodes the character of s at i as a range over a string
// does: an invalid byte is utf8.RuneError, one byte wide.
func decodeRune[T string | []byte](s T, i int) (rune, int) {
	if b := s[i]; b < utf8.RuneSelf {
		return rune(b), 1
	}
	return utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
}

// xlsxEscapes holds, for each ASCII byte, what excelize writes for it in
// the text of a cell: xml.EscapeText's escape, but for line feeds (which
// excelize turns back into themselves), and U+FFFD for the control
// characters XML 1.0 does not allow. An empty string keeps the byte.
var xlsxEscapes = func() (esc [utf8.RuneSelf]string) {
	for b := range byte(0x20) {
		esc[b] = "\uFFFD"
	}
	esc['\t'], esc['\n'], esc['\r'] = "&#x9;", "", "&#xD;"
	esc['"'], esc['\''], esc['&'], esc['<'], esc['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return esc
}()

// appendXLSXText appends the text s of a cell as excelize's trimCellValue
// escapes it: xml.EscapeText, line feeds kept as they are, then
// bstrMarshal's escapes of text that reads as an _xHHHH_ escape.
func appendXLSXText[T string | []byte](dst []byte, s T) []byte {
	start, last := len(dst), 0
	underscore := false
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if esc := xlsxEscapes[b]; esc != "" {
				dst = append(dst, s[last:i]...)
				dst = append(dst, esc...)
				last = i + 1
			} else if b == '_' {
				underscore = true
			}
			i++
			continue
		}
		// The common case: a valid three-byte character (Chinese text),
		// not U+FFFE or U+FFFF, which XML 1.0 does not allow.
		if b >= 0xe1 && b <= 0xef && b != 0xed && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 &&
			!(b == 0xef && s[i+1] == 0xbf && s[i+2] >= 0xbe) {
			i += 3
			continue
		}
		r, w := decodeRune(s, i)
		if r == utf8.RuneError && w == 1 || r == 0xfffe || r == 0xffff {
			dst = append(dst, s[last:i]...)
			dst = append(dst, "\uFFFD"...)
			last = i + w
		}
		i += w
	}
	dst = append(dst, s[last:]...)
	if underscore && bytes.Contains(dst[start:], []byte("_x")) {
		text := append([]byte(nil), dst[start:]...)
		dst = appendBstr(dst[:start], text)
	}
	return dst
}

// appendBstr appends s as excelize's bstrMarshal writes it: each _xHHHH_
// (leftmost first, not overlapping) that escapes a character gets its
// underscore escaped as _x005F_, one that escapes a surrogate is dropped,
// and _x005F_ itself is written _x005F_x005F_, or _x005F_x005F_x005F_ when
// another escape of a character follows it without its underscore.
func appendBstr(dst, s []byte) []byte {
	cursor := 0
	for i := 0; i+7 <= len(s); {
		if !isBstrEscape(s[i : i+7]) {
			i++
			continue
		}
		end := i + 7
		dst = append(dst, s[cursor:i]...)
		cursor = end
		switch {
		case string(s[i:end]) == "_x005F_":
			// The escape that would follow, its underscore being the last
			// of this one.
			if next := s[end-1 : min(len(s), end+6)]; len(next) == 7 && isBstrEscape(next) && !isSurrogateEscape(next) {
				dst = append(dst, "_x005F_x005F_x005F_"...)
			} else {
				dst = append(dst, "_x005F_x005F_"...)
			}
		case !isSurrogateEscape(s[i:end]):
			dst = append(dst, "_x005F"...)
			dst = append(dst, s[i:end]...)
		}
		i = end
	}
	return append(dst, s[cursor:]...)
}

// isBstrEscape reports whether the seven bytes e read _xHHHH_, H being
// hexadecimal digits of either case.
func isBstrEscape(e []byte) bool {
	if e[0] != '_' || e[1] != 'x' || e[6] != '_' {
		return false
	}
	for _, h := range e[2:6] {
		if !isHex(h) {
			return false
		}
	}
	return true
}

func isHex(b byte) bool { return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F' }

// isSurrogateEscape reports whether the escape _xHHHH_ in e escapes a
// UTF-16 surrogate, D800 to DFFF, which strconv.Unquote refuses.
func isSurrogateEscape(e []byte) bool {
	v, err := strconv.ParseUint(string(e[2:6]), 16, 32)
	return err == nil && 0xd800 <= v && v <= 0xdfff
}
