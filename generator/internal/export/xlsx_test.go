package export

// WriteXLSX writes the worksheet rows itself; these tests hold it to the
// workbook excelize writes: byte for byte to what excelize's StreamWriter
// (the implementation WriteXLSX replaced) writes with the same deflater,
// and part for part to the reference workbook of reference_test.go, on
// long text, exact and inexact numbers and fuzzed cells.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// streamWriterXLSX writes reports.xlsx as WriteXLSX did before it wrote
// its rows itself: with excelize's StreamWriter and one reused row of
// values, into the zip writer newZip returns.
func streamWriterXLSX(s *site.Site, base string, newZip func(io.Writer) excelize.ZipWriter) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return withUsedRange(newZip(w), len(s.Reports)) })
	const sheet = "报告"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "县级部门绩效自评报告比较", Created: s.Updated(), Modified: s.Updated()}); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	decimals := "0.00####"
	dec, err := f.NewStyle(&excelize.Style{CustomNumFmt: &decimals})
	if err != nil {
		return nil, err
	}
	integer, err := f.NewStyle(&excelize.Style{NumFmt: 1})
	if err != nil {
		return nil, err
	}
	amber := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}
	suspect, err := f.NewStyle(&excelize.Style{Fill: amber})
	if err != nil {
		return nil, err
	}
	general, err := f.NewStyle(&excelize.Style{NumFmt: 0})
	if err != nil {
		return nil, err
	}
	dateFormat := "yyyy-mm-dd"
	dated, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return nil, err
	}
	for i := len(Columns) - 1; i >= 0; i-- {
		width := 12.0
		if c := Columns[i]; c.Key == "title" || c.Key == "source" || c.Key == "page" {
			width = 40
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, err
		}
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
	last, err := excelize.ColumnNumberToName(len(Columns))
	if err != nil {
		return nil, err
	}
	if err := f.AutoFilter("报告", fmt.Sprintf("A1:%s%d", last, len(s.Reports)+1), nil); err != nil {
		return nil, err
	}
	row := make([]any, len(Columns))
	cells := make([]excelize.Cell, len(Columns))
	for i, c := range Columns {
		if c.Key == "year" || strings.HasPrefix(c.Key, "staff") {
			cells[i].StyleID = integer
		} else if c.Key == "score" {
			cells[i].StyleID = general
		} else {
			cells[i].StyleID = dec
		}
	}
	var scratch []byte
	for n, r := range s.Reports {
		for i, c := range Columns {
			v := c.get(r)
			switch {
			case v.isNum() && referenceSuspect(r, c):
				row[i] = excelize.Cell{Value: referenceSlipWords(c), StyleID: suspect}
			case v.isNum():
				cells[i].Value = v.num()
				row[i] = &cells[i]
			case v.state == report.Unreadable:
				row[i] = "无法识别"
			case referenceNotApplicable(r, c):
				row[i] = "不适用"
			case v.kind == findingsCell:
				scratch = appendFindings(scratch[:0], r)
				row[i] = string(scratch)
			case v.kind == suspectCell:
				row[i] = strings.Join(referenceSuspectTexts(r), "；")
			case v.kind == dateCell:
				d, err := time.Parse("2006-01-02", v.text)
				if err != nil {
					return nil, err
				}
				row[i] = excelize.Cell{Value: d, StyleID: dated}
			case v.kind == pageCell:
				row[i] = referencePage(r, base)
			case v.state == report.Disclosed:
				row[i] = v.text
			default:
				row[i] = nil
			}
		}
		for i, v := range row {
			if t, ok := v.(string); ok {
				row[i] = referenceCut(t)
			}
		}
		if err := sw.SetRow("A"+strconv.Itoa(n+2), row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	if err := addDictionarySheet(f, base != ""); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// usedRangeZip is a ZipWriter that sets the used range of the worksheet
// that excelize's StreamWriter writes, which it leaves at A1, to that of a
// header row and rows data rows, as WriteXLSX does: it holds the
// worksheet until the next part begins.
type usedRangeZip struct {
	excelize.ZipWriter
	rows int
	held *bytes.Buffer
}

// withUsedRange returns z, setting the used range of rows data rows.
func withUsedRange(z excelize.ZipWriter, rows int) excelize.ZipWriter {
	return &usedRangeZip{ZipWriter: z, rows: rows}
}

// Create starts a part, after writing the worksheet if it was held.
func (z *usedRangeZip) Create(name string) (io.Writer, error) {
	if err := z.release(); err != nil {
		return nil, err
	}
	if name == "xl/worksheets/sheet1.xml" {
		z.held = new(bytes.Buffer)
		return z.held, nil
	}
	return z.ZipWriter.Create(name)
}

// release writes the held worksheet with its used range.
func (z *usedRangeZip) release() error {
	if z.held == nil {
		return nil
	}
	data := z.held.Bytes()
	z.held = nil
	last, err := excelize.ColumnNumberToName(len(Columns))
	if err != nil {
		return err
	}
	const a1 = `<dimension ref="A1"></dimension>`
	if !bytes.Contains(data, []byte(a1)) {
		return errors.New("the StreamWriter's worksheet has no used range A1")
	}
	data = bytes.Replace(data, []byte(a1), fmt.Appendf(nil, `<dimension ref="A1:%s%d"></dimension>`, last, z.rows+1), 1)
	w, err := z.ZipWriter.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// Close writes the held worksheet, if any, and closes the archive.
func (z *usedRangeZip) Close() error {
	if err := z.release(); err != nil {
		return err
	}
	return z.ZipWriter.Close()
}

// referenceCut returns t as reports.xlsx holds it: when over excelize's
// limit of UTF-16 code units a cell, cut between characters so that
// CutMark follows within the limit.
func referenceCut(t string) string {
	units := 0
	for _, r := range t {
		units += utf16.RuneLen(r)
	}
	if units <= excelize.TotalCellChars {
		return t
	}
	room := excelize.TotalCellChars - len(utf16.Encode([]rune(CutMark)))
	units = 0
	for i, r := range t {
		if units += utf16.RuneLen(r); units > room {
			return t[:i] + CutMark
		}
	}
	return t
}

// longTexts are texts around excelize's limit of 32,767 UTF-16 code units
// a cell, which it cuts between characters, before it escapes them.
var longTexts = func() []string {
	const limit = excelize.TotalCellChars
	r := strings.Repeat
	return []string{
		r("a", limit), r("a", limit+1), r("好", limit), r("好", limit+1), r("😀", limit/2) + "😀",
		r("a", limit-1) + "😀", r("a", limit-1) + " b", r("a", limit-2) + "\n😀", " " + r("a", limit+5),
		r("\xff", limit+3), r("a", limit-1) + "\xe6\x97" + "x", r("<&>", limit), r("_x0041_", limit/7+1),
		r("a", limit-3) + "_x0041_", r("_x005F_x0041_", 3000), r("\t", limit+1), r("\x01", limit+1),
		r("a", limit-1) + "\ufffe", r("\u00a0", limit) + "\u3000",
	}
}()

// longTextSite returns a site whose reports hold long texts in every
// column of text, and in their findings.
func longTextSite() *site.Site {
	s := &site.Site{}
	for i, text := range longTexts {
		other := longTexts[(i+1)%len(longTexts)]
		rep := &report.Report{File: text, Department: other, Year: 2020, Type: text[:10], Title: text, Published: other,
			Source: other + text}
		rep.Grade = report.Field[string]{State: report.Disclosed, V: text}
		r := &site.Report{Report: rep, URL: text, County: &site.County{Name: text, Adcode: other, Prefecture: text, Province: other}}
		r.Checks = []check.Result{{Rule: "r", Status: check.Found, Findings: []check.Finding{
			{Title: text[:100], Severity: check.Warning, Message: text},
			{Title: "t", Severity: check.Discrepancy, Message: other},
		}}}
		s.Reports = append(s.Reports, r)
	}
	return s
}

// The worksheet written by WriteXLSX, and the whole file, must be the
// bytes excelize's StreamWriter wrote with the same deflater: not only the
// same parts once inflated, but the same deflated bytes and zip headers.
func TestXLSXMatchesStreamWriter(t *testing.T) {
	sites := map[string]*site.Site{"test site": testSite(t), "no reports": {}, "long text": longTextSite()}
	for seed := range 20 {
		sites[fmt.Sprintf("random site %d", seed)] = randomSite(rand.New(rand.NewPCG(uint64(seed), 2)), 100)
	}
	sites["large random site"] = randomSite(rand.New(rand.NewPCG(99, 2)), 2000)
	for name, s := range sites {
		base := ""
		if len(name)%2 == 1 {
			base = "https://example.org/portal"
		}
		got, err := XLSX(s, base)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		want, err := streamWriterXLSX(s, base, func(w io.Writer) excelize.ZipWriter { return newXLSXZip(w) })
		if err != nil {
			t.Fatalf("%s: excelize: %v", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: reports.xlsx (%d bytes) differs from the StreamWriter's (%d bytes); part by part: %v",
				name, len(got), len(want), sameWorkbook(got, want))
		}
	}
}

// Amounts and whole numbers of fewer than 16 digits are written without
// formatting a float64: their text must be the float64's, as excelize
// formats it.
func TestXLSXExactNumbers(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	check := func(c cell) {
		t.Helper()
		got := appendXLSXNum(nil, c)
		f := c.num()
		want := append([]byte(`><v>`), appendXLSXFloat(nil, f)...)
		want = append(want, `</v></c>`...)
		if !bytes.Equal(got, want) {
			t.Fatalf("%v (kind %d): %s, want %s", c.i, c.kind, got, want)
		}
	}
	for _, i := range []int64{0, 1, -1, 9, 10, 999999, 1000000, 1000001, maxExactDigits - 1, -maxExactDigits + 1,
		maxExactDigits, -maxExactDigits, 1<<53 - 1, 1 << 53, 1<<53 + 1, math.MaxInt64, math.MinInt64} {
		check(cell{kind: amountCell, i: i, state: report.Disclosed})
		check(cell{kind: intCell, i: i, state: report.Disclosed})
	}
	for range 300_000 {
		i := rng.Int64N(int64(math.Pow10(1 + rng.IntN(16))))
		if rng.IntN(2) == 0 {
			i = -i
		}
		check(cell{kind: amountCell, i: i, state: report.Disclosed})
		check(cell{kind: intCell, i: i, state: report.Disclosed})
	}
}

func TestXLSXTooManyRows(t *testing.T) {
	r := testSite(t).Reports[0]
	s := &site.Site{Reports: make([]*site.Report, excelize.TotalRows)}
	for i := range s.Reports {
		s.Reports[i] = r
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, s, ""); !errors.Is(err, excelize.ErrMaxRows) {
		t.Errorf("%d reports: error %v, want %v", len(s.Reports), err, excelize.ErrMaxRows)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written before the error", buf.Len())
	}
}

// failingWriter fails once it has taken n bytes.
type failingWriter struct{ n int }

var errFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errFull
	}
	w.n -= len(p)
	return len(p), nil
}

func TestXLSXReturnsWriteErrors(t *testing.T) {
	s := randomSite(rand.New(rand.NewPCG(5, 2)), 2000)
	full, err := XLSX(s, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 1, 100, 5000, len(full) / 2, len(full) - 1} {
		if err := WriteXLSX(&failingWriter{n: n}, s, ""); !errors.Is(err, errFull) {
			t.Errorf("writer full after %d bytes: error %v, want %v", n, err, errFull)
		}
	}
}

// FuzzXLSXCell holds the worksheet written by WriteXLSX to excelize's
// StreamWriter's, for any text (in text columns, with and without spaces
// around it, and in the findings) and any numbers. The other parts of the
// workbook do not depend on the reports. The worksheets are compared
// uncompressed, which keeps the target fast.
func FuzzXLSXCell(f *testing.F) {
	for _, s := range append(awkward, "", " ", "a ", "\ta", "_x005F_x0041_", "_x005F_xD800_", "_xd800__x0041_", "_x005f_",
		"_x005F_x005F_", "__x0041__", "_x004_", "_X0041_", "_x00G1_", "&#xA;", "\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd",
		"\xf0\x9f\x98", "\xe0\x80\xaf", "\xed\x9f\xbf", "\xee\x80\x80", "a\x00b", longTexts[4], longTexts[7]) {
		f.Add(s, 97.5, int64(153053000))
	}
	for _, x := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e21, 1e-7, 0.1 + 0.2,
		123456789012345678, 1.2345678901234567, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64} {
		f.Add("x", x, int64(math.Float64bits(x)))
	}
	for _, i := range []int64{math.MaxInt64, math.MinInt64, maxExactDigits, -maxExactDigits, maxExactDigits - 1, 1<<53 + 1} {
		f.Add("x", float64(i), i)
	}
	sk, err := xlsxTemplate(false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, score float64, amount int64) {
		disclosed := func(a report.Amount) report.Money { return report.Money{State: report.Disclosed, V: a} }
		rep := &report.Report{File: text, Department: text + text, Year: int(amount), Type: " " + text,
			Title: text + " ", Published: "\n" + text, Source: text + "\r",
			Score: report.Field[float64]{State: report.Disclosed, V: score},
			Grade: report.Field[string]{State: report.Disclosed, V: text},
		}
		rep.Spending.Total = disclosed(report.Amount(amount))
		rep.Spending.Basic = disclosed(-report.Amount(amount))
		rep.Spending.Project = disclosed(report.Amount(amount / 1000))
		rep.Income = disclosed(report.Amount(math.Float64bits(score)))
		rep.Staff.Authorized = report.Field[int]{State: report.Disclosed, V: int(amount % 100000)}
		rep.Staff.Actual = report.Field[int]{State: report.Unreadable}
		r := &site.Report{Report: rep, URL: text, County: &site.County{Name: text, Adcode: "_x0041_" + text,
			Prefecture: text + "_x0041_", Province: "\t"}}
		r.Checks = []check.Result{{Rule: "r", Status: check.Found, Findings: []check.Finding{
			{Title: text, Severity: check.Warning, Message: text},
		}}}
		s := &site.Site{Reports: []*site.Report{r}}
		var got bytes.Buffer
		if err := sk.writeSheet(&got, s, pageURL(text)); err != nil {
			t.Fatal(err)
		}
		rec := &xlsxRecorder{}
		if _, err := streamWriterXLSX(s, pageURL(text), func(io.Writer) excelize.ZipWriter { return rec }); err != nil {
			t.Fatal(err)
		}
		if want := rec.parts[0].data; !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("text %q, score %v, amount %d: worksheet\n%q\nwant\n%q", text, score, amount, got.Bytes(), want)
		}
	})
}

// TestXLSXSaysWhereItCut: a text over the 32,767 UTF-16 code units a cell
// of Excel holds is cut, and the cut says so and where the whole is, so
// that a reader does not take the rest of a list of findings for all.
func TestXLSXSaysWhereItCut(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, longTextSite(), ""); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("报告")
	if err != nil {
		t.Fatal(err)
	}
	cut, whole := 0, 0
	for _, row := range rows[1:] {
		for _, c := range row {
			n := len(utf16.Encode([]rune(c)))
			if n > excelize.TotalCellChars {
				t.Errorf("a cell of %d UTF-16 code units", n)
			}
			switch {
			case strings.HasSuffix(c, CutMark):
				cut++
			case n == excelize.TotalCellChars:
				whole++ // exactly at the limit: kept whole
			}
		}
	}
	if cut == 0 || whole == 0 {
		t.Errorf("%d cells cut and marked, %d at the limit and whole; want some of each", cut, whole)
	}
}

// TestXLSXColumnsAndUsedRange: Excel wants each sheet's column widths in
// order of column, or it offers to repair the file; and readers such as
// openpyxl's read-only mode take a sheet's used range (its dimension) for
// its size. excelize's StreamWriter writes the widths last column first
// when given one at a time, and leaves the used range at A1.
func TestXLSXColumnsAndUsedRange(t *testing.T) {
	s := testSite(t)
	data, err := XLSX(s, "")
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"xl/worksheets/sheet1.xml": fmt.Sprintf("A1:AG%d", len(s.Reports)+1),
		"xl/worksheets/sheet2.xml": fmt.Sprintf("A1:D%d", len(dictionaryRows(false))),
	}
	for _, f := range z.File {
		ref, ok := want[f.Name]
		if !ok {
			continue
		}
		delete(want, f.Name)
		part, err := readPart(f)
		if err != nil {
			t.Fatal(err)
		}
		var ws struct {
			Dimension struct {
				Ref string `xml:"ref,attr"`
			} `xml:"dimension"`
			Cols []struct {
				Min int `xml:"min,attr"`
				Max int `xml:"max,attr"`
			} `xml:"cols>col"`
			Rows []struct {
				Cells []struct {
					R string `xml:"r,attr"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		if err := xml.Unmarshal(part, &ws); err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if ws.Dimension.Ref != ref {
			t.Errorf("%s: used range %q, want %q", f.Name, ws.Dimension.Ref, ref)
		}
		if len(ws.Cols) == 0 {
			t.Errorf("%s: no column widths", f.Name)
		}
		for i, c := range ws.Cols {
			if c.Min > c.Max || i > 0 && c.Min <= ws.Cols[i-1].Max {
				t.Errorf("%s: column widths out of order: col %d (%d-%d) after %d-%d", f.Name, i, c.Min, c.Max, ws.Cols[i-1].Min, ws.Cols[i-1].Max)
				break
			}
		}
		// Every cell is inside the used range.
		from, to, _ := strings.Cut(ref, ":")
		x0, y0, _ := excelize.CellNameToCoordinates(from)
		x1, y1, _ := excelize.CellNameToCoordinates(to)
		for _, r := range ws.Rows {
			for _, c := range r.Cells {
				x, y, err := excelize.CellNameToCoordinates(c.R)
				if err != nil || x < x0 || x > x1 || y < y0 || y > y1 {
					t.Errorf("%s: cell %s outside the used range %s", f.Name, c.R, ref)
				}
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("no parts %v", want)
	}
}

// TestXLSXHeaderFilters: the sheet 报告 opens with filter buttons on its
// header row over every data row (a journalist's review: a workbook of
// 15,000 rows without them), as Excel's own 筛选 makes them: the
// worksheet's autoFilter and the workbook's hidden _xlnm._FilterDatabase
// name the same range.
func TestXLSXHeaderFilters(t *testing.T) {
	for _, c := range []struct {
		s    *site.Site
		want string
	}{{testSite(t), "$A$1:$AG$3"}, {&site.Site{}, "$A$1:$AG$1"}} {
		data, err := XLSX(c.s, "")
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm._FilterDatabase" {
				found = true
				if d.RefersTo != "'报告'!"+c.want || d.Scope != "报告" {
					t.Errorf("filter database %+v, want '报告'!%s", d, c.want)
				}
			}
		}
		if !found {
			t.Errorf("no filter on the sheet 报告 (defined names %+v)", f.GetDefinedName())
		}
		f.Close()
		z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range z.File {
			if zf.Name != "xl/worksheets/sheet1.xml" {
				continue
			}
			r, _ := zf.Open()
			sheet, _ := io.ReadAll(r)
			if !bytes.Contains(sheet, []byte(`</sheetData><autoFilter ref="`+c.want+`"></autoFilter>`)) {
				t.Errorf("sheet1.xml has no autoFilter over %s after its rows: …%s", c.want, sheet[max(0, len(sheet)-300):])
			}
		}
	}
}
