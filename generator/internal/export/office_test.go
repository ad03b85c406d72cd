package export

// The downloads open in a real spreadsheet program: LibreOffice Calc
// (Debian's libreoffice-calc-nogui), the one of its kind that runs here,
// as Excel and WPS cannot. reports.xlsx is written by hand (see xlsx.go)
// and held to excelize's bytes by the other tests; here Calc opens it and
// the CSVs, and saves every sheet as CSV again, quoting text cells and
// leaving numbers bare, so that each cell can be held to what it should
// read: a number where reports.csv has one, text where it has text.

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/countyperf/portal/generator/internal/site"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// calcCell is a cell of a sheet as Calc saves it to CSV: its text, and
// whether Calc quoted it, as it does text and not numbers.
type calcCell struct {
	text   string
	quoted bool
}

// calcRows parses a CSV that Calc wrote with every text cell quoted
// (filter option 7), keeping which cells were quoted.
func calcRows(data string) ([][]calcCell, error) {
	var rows [][]calcCell
	var row []calcCell
	for i := 0; i < len(data); {
		var c calcCell
		if data[i] == '"' {
			c.quoted = true
			var b strings.Builder
			for i++; ; i++ {
				if i >= len(data) {
					return nil, fmt.Errorf("unterminated quote in row %d", len(rows)+1)
				}
				if data[i] == '"' {
					if i+1 < len(data) && data[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					i++
					break
				}
				b.WriteByte(data[i])
			}
			c.text = b.String()
		} else {
			end := strings.IndexAny(data[i:], ",\n")
			if end < 0 {
				end = len(data) - i
			}
			c.text, i = data[i:i+end], i+end
		}
		row = append(row, c)
		switch {
		case i >= len(data):
			rows = append(rows, row)
			return rows, nil
		case data[i] == ',':
			i++
		case data[i] == '\n':
			rows, row = append(rows, row), nil
			i++
		default:
			return nil, fmt.Errorf("row %d: %q after a quoted cell", len(rows)+1, data[i])
		}
	}
	if row != nil {
		rows = append(rows, row)
	}
	return rows, nil
}

// sameNumber reports whether two numbers' texts are the same number, to
// the 15 significant digits and the 20 decimal places Calc writes to CSV.
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return x == y || math.Abs(x-y) <= max(1e-14*math.Max(math.Abs(x), math.Abs(y)), 1e-20)
}

// calc opens files in Calc, with the import filter options infilter for
// a CSV (or none), and saves every sheet of each as a CSV in dir/out,
// named after the file and the sheet, every text cell quoted.
func calc(t *testing.T, dir, infilter string, files ...string) {
	t.Helper()
	// Field separator, text delimiter, UTF-8, from line 1, no formats,
	// default language, quote every text cell, _, save the values rather
	// than as shown, no formulas, keep spaces, every sheet.
	testseeds.Convert(t, dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1", infilter, files...)
}

// calcSheet reads the sheet of a file that calc saved.
func calcSheet(t *testing.T, dir, file, sheet string) [][]calcCell {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "out", file+"-"+sheet+".csv"))
	if err != nil {
		t.Fatalf("Calc did not open %s or its sheet %s: %v", file, sheet, err)
	}
	rows, err := calcRows(string(data))
	if err != nil {
		t.Fatalf("%s, sheet %s, as Calc saved it: %v", file, sheet, err)
	}
	return rows
}

func TestWorkbookOpensInLibreOffice(t *testing.T) {
	sites := []struct {
		name string
		s    *site.Site
		base string
		// exact: Calc's cells are the CSV's to the letter (for the sites
		// of realistic reports; the random ones have numbers of every
		// magnitude, which Calc writes in its own way).
		exact bool
	}{
		{"test", testSite(t), "", true},
		{"based", testSite(t), "https://example.org/portal/", true},
		{"long", longTextSite(), "", false},
	}
	for seed := range 3 {
		sites = append(sites, struct {
			name  string
			s     *site.Site
			base  string
			exact bool
		}{fmt.Sprintf("random%d", seed), randomSite(rand.New(rand.NewPCG(uint64(seed), 9)), 40), "", false})
	}

	dir := t.TempDir()
	var files []string
	for _, c := range sites {
		data, err := XLSX(c.s, c.base)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, filepath.Join(dir, c.name+".xlsx"))
		if err := os.WriteFile(files[len(files)-1], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	calc(t, dir, "", files...)

	for _, c := range sites {
		t.Run(c.name, func(t *testing.T) {
			f, err := excelize.OpenFile(filepath.Join(dir, c.name+".xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ours, err := csv.NewReader(bytes.NewReader(must(CSV(c.s, c.base))[3:])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			for _, sheet := range []string{xlsxSheetName, "说明"} {
				got := calcSheet(t, dir, c.name, sheet)
				want, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if sheet == xlsxSheetName && len(want) != len(c.s.Reports)+1 {
					t.Fatalf("excelize reads %d rows, want %d", len(want), len(c.s.Reports)+1)
				}
				if len(got) != len(want) {
					t.Fatalf("sheet %s: Calc reads %d rows, excelize %d", sheet, len(got), len(want))
				}
				for i := range want {
					for j := range max(len(got[i]), len(want[i])) {
						var g calcCell
						if j < len(got[i]) {
							g = got[i][j]
						}
						w := ""
						if j < len(want[i]) {
							w = want[i][j]
						}
						// Text is Calc's to the letter, but for
						// carriage returns (only the random sites'
						// text has them; see calcText); a number is
						// Calc's to its precision.
						if g.text != calcText(w) && (g.quoted || !sameNumber(g.text, w)) {
							t.Errorf("sheet %s cell %d,%d: Calc reads %q, excelize %q", sheet, i+1, j+1, g.text, w)
							continue
						}
						if sheet != xlsxSheetName || i == 0 || g.text == "" {
							continue
						}
						col := Columns[j]
						text, isNum := referenceText(c.s.Reports[i-1], col, c.base)
						if g.quoted == isNum {
							t.Errorf("row %d %s: Calc reads %q as %s, want %s", i+1, col.Header, g.text, kindOf(g.quoted), kindOf(!isNum))
						}
						csvText := ours[i][j]
						if len(csvText) > 1 && csvText[0] == '\'' && strings.ContainsRune("=+-@", rune(csvText[1])) {
							csvText = csvText[1:] // reports.csv's guard against formulas
						}
						if c.exact && g.text != csvText {
							t.Errorf("row %d %s: Calc reads %q, reports.csv has %q (%q)", i+1, col.Header, g.text, csvText, text)
						}
					}
				}
			}
		})
	}
}

// calcText returns a cell's text as Calc reads it: a cell of more than
// one line holds paragraphs, and every carriage return in it, alone or
// before a line feed, ends one as a line feed does; in a cell of one line
// a carriage return stays.
func calcText(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
}

// The CSVs open in Calc, as a spreadsheet program opens a CSV: the text
// as it was written (the byte-order mark tells the encoding; Calc is left
// to find it), numbers as numbers, and a cell that would be a formula kept
// as text by its apostrophe, not run.
func TestCSVOpensInLibreOffice(t *testing.T) {
	dir := t.TempDir()
	sites := map[string]*site.Site{
		"reports": testSite(t),
		"based":   testSite(t),
		"minus": siteOf(t, "county: 丙县\ndepartment: -局\nyear: 2020\ntype: 整体支出\nspending: {total: 12.5, basic: 10, project: 2.5}\n"+
			"sangong: {total: 1.2, reception: 1.2, change: -0.35}"),
		"findings": findingsSite(t),
	}
	var files []string
	for name, s := range sites {
		write, base := CSV, ""
		switch name {
		case "findings":
			write = FindingsCSV
		case "based":
			base = "https://example.org/portal/"
		}
		files = append(files, filepath.Join(dir, name+".csv"))
		if err := os.WriteFile(files[len(files)-1], must(write(s, base)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Field separator, text delimiter, the encoding left to Calc, from
	// line 1.
	calc(t, dir, "Text - txt - csv (StarCalc):44,34,,1", files...)
	guarded := 0
	for name := range sites {
		data, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := calcSheet(t, dir, name, name)
		if len(got) != len(want) {
			t.Fatalf("%s.csv: Calc reads %d rows, want %d", name, len(got), len(want))
		}
		for i := range want {
			if len(got[i]) != len(want[i]) {
				t.Errorf("%s.csv row %d: Calc reads %d cells, want %d", name, i+1, len(got[i]), len(want[i]))
				continue
			}
			for j, w := range want[i] {
				g := got[i][j]
				switch {
				case g.quoted && g.text != w:
					t.Errorf("%s.csv %s of row %d: Calc reads %q, want %q", name, want[0][j], i+1, g.text, w)
				case !g.quoted && g.text != w && !sameNumber(g.text, w):
					t.Errorf("%s.csv %s of row %d: Calc reads the number %q, want %q", name, want[0][j], i+1, g.text, w)
				}
				if strings.HasPrefix(w, "'") {
					guarded++
				}
				if name != "findings" && i > 0 && g.text != "" {
					if _, isNum := referenceText(sites[name].Reports[i-1], Columns[j], ""); isNum && g.quoted {
						t.Errorf("%s.csv %s of row %d: Calc reads %q as text, want a number", name, want[0][j], i+1, g.text)
					}
				}
			}
		}
	}
	if guarded == 0 {
		t.Error("no cell guarded with an apostrophe: the sites no longer test that a formula stays text")
	}
}

// kindOf names a cell's kind by whether Calc quoted it.
func kindOf(quoted bool) string {
	if quoted {
		return "text"
	}
	return "a number"
}

// must returns data, or panics with err.
func must(data []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return data
}
