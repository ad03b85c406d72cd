package importer

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// saveAs has LibreOffice save the .docx data in another format (a
// --convert-to argument, such as "doc:MS Word 97"), as a publisher's copy
// of Word or WPS would, and returns the file's bytes.
func saveAs(t *testing.T, data []byte, ext, filter string) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "songling.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	testseeds.Convert(t, dir, filter, "", in)
	saved, err := os.ReadFile(filepath.Join(dir, "out", "songling"+ext))
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// A report published as a Word 97-2003 .doc, as a WPS file in that format,
// or as RTF is read as its .docx would be: LibreOffice turns it into one.
func TestDocAndRTF(t *testing.T) {
	docx := buildDocx(t)
	doc := saveAs(t, docx, ".doc", "doc:MS Word 97")
	rtf := saveAs(t, docx, ".rtf", "rtf:Rich Text Format")
	for _, tc := range []struct {
		name   string
		data   []byte
		format Format
	}{
		{"report.doc", doc, FormatDOC},
		{"报告.wps", doc, FormatDOC},
		{"report.rtf", rtf, FormatRTF},
		// Told by its content, whatever its name.
		{"report.txt", rtf, FormatRTF},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decode(context.Background(), tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tc.format {
				t.Errorf("format %s, want %s", got.Format, tc.format)
			}
			// LibreOffice does not keep the document's Chinese list
			// numbers (一、, （一）) when it saves it in these formats:
			// .doc has 1、 and （1）, RTF 一? and (一).
			checkSongling(t, got, false)
		})
	}
}

func TestDocErrors(t *testing.T) {
	junk := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest")
	if _, err := exec.LookPath("soffice"); err == nil {
		_, err := Decode(context.Background(), "old.doc", junk)
		if err == nil || !strings.HasPrefix(err.Error(), "old.doc: LibreOffice could not read the document") ||
			!strings.Contains(err.Error(), "save it as .docx") {
			t.Errorf("a broken .doc: %v", err)
		}
		defer func(was time.Duration) { officeTimeout = was }(officeTimeout)
		officeTimeout = time.Millisecond
		_, err = Decode(context.Background(), "slow.doc", junk)
		if err == nil || !strings.HasPrefix(err.Error(), "slow.doc: LibreOffice did not finish reading the document in 1ms") {
			t.Errorf("LibreOffice out of time: %v", err)
		}
	}
	t.Setenv("PATH", t.TempDir())
	for _, data := range [][]byte{junk, []byte("{\\rtf1\\ansi 桃源县}")} {
		_, err := Decode(context.Background(), "old.doc", data)
		if !errors.Is(err, ErrNoOffice) || !strings.HasPrefix(err.Error(), "old.doc: reading a Word 97-2003 (.doc), WPS or RTF document needs LibreOffice") ||
			!strings.Contains(err.Error(), "libreoffice-writer-nogui") {
			t.Errorf("without LibreOffice: %v", err)
		}
	}
}

// Importing many .doc and RTF reports runs LibreOffice once for each
// kind, not once for each report; a document it cannot read among the
// others is tried alone, and its error says so, while the others are read.
func TestDocsImportedInOneRun(t *testing.T) {
	docx := buildDocx(t)
	doc := saveAs(t, docx, ".doc", "doc:MS Word 97")
	rtf := saveAs(t, docx, ".rtf", "rtf:Rich Text Format")
	dir := t.TempDir()
	var files []string
	for name, data := range map[string][]byte{
		"a.doc": doc, "b.doc": doc, "c.doc": []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
		"d.rtf": rtf, "e.rtf": rtf, "f.txt": []byte("松岭县水利局2023年度部门整体支出绩效自评报告\n核定编制数30人，实有在职人员28人。\n"),
	} {
		files = append(files, filepath.Join(dir, name))
		if err := os.WriteFile(files[len(files)-1], data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := officeRuns.Load()
	var stdout, stderr strings.Builder
	err := Run(context.Background(), append([]string{"-json"}, files...), &stdout, &stderr)
	if err == nil || !strings.Contains(stderr.String(), filepath.Join(dir, "c.doc")+": LibreOffice could not read the document") {
		t.Errorf("the broken c.doc: error %v, said:\n%s", err, stderr.String())
	}
	if n := strings.Count(stdout.String(), `"county":"松岭县"`); n != 5 {
		t.Errorf("%d of the 5 readable reports read as 松岭县's:\n%s\n%s", n, stdout.String(), stderr.String())
	}
	if n := strings.Count(stdout.String(), `"staff_actual":28`); n != 5 {
		t.Errorf("%d of the 5 readable reports give staff_actual 28:\n%s", n, stdout.String())
	}
	// One run for the three .doc, one for the two RTF, and c.doc alone.
	if runs := officeRuns.Load() - before; runs != 3 {
		t.Errorf("LibreOffice ran %d times for 4 documents and a broken one, want 3", runs)
	}
}
