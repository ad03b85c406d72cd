package importer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/report"
)

// fuzzSeeds returns the texts of the shared seeds, when they are there, and
// of testdata/.
func fuzzSeeds(f *testing.F) []string {
	var texts []string
	var files []string
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				m, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "shared", "seeds", "*.txt"))
				files = append(files, m...)
				break
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	m, _ := filepath.Glob(filepath.Join("testdata", "*"))
	files = append(files, m...)
	for _, file := range files {
		if filepath.Ext(file) == ".json" {
			continue
		}
		doc, err := ReadFile(context.Background(), file)
		if err == nil {
			texts = append(texts, doc.Text)
		}
	}
	return texts
}

// chunks splits s at line ends into pieces of about n bytes: the fuzzing
// engine stalls on inputs much larger than that.
func chunks(s string, n int) []string {
	var out []string
	for len(s) > n {
		i := strings.LastIndexByte(s[:n], '\n')
		if i <= 0 {
			i = n
			for i > 0 && !utf8.RuneStart(s[i]) {
				i--
			}
			if i == 0 {
				break
			}
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return append(out, s)
}

// FuzzExtract checks that Extract never panics and that its content file
// always parses and its JSON is valid, whatever the text.
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		for _, c := range chunks(s, 3000) {
			f.Add(c)
		}
	}
	f.Add("")
	f.Add("\t\n\t合计\n\t5020.00\n\n")
	f.Add("[[[[[[[[[[[[[[[[[[[[ 支出决算数1万元 {{{{{{{{{{{{{{{{{{")
	f.Fuzz(func(t *testing.T, s string) {
		d := Extract("fuzz.txt", s)
		if _, err := report.Parse("fuzz.md", d.Markdown()); err != nil {
			t.Fatalf("the draft does not parse: %v\n%s", err, d.Markdown())
		}
		j, err := d.TruthJSON()
		if err != nil || !json.Valid(j) {
			t.Fatalf("TruthJSON: %v %s", err, j)
		}
	})
}

// FuzzDecode checks that Decode never panics on text, HTML and .docx input.
func FuzzDecode(f *testing.F) {
	f.Add("a.docx", buildDocx(f))
	f.Add("a.html", []byte(`<html><body><div><p>一、概况</p><table><tr><td>合计</td><td>1</td></tr></table></div></body></html>`))
	f.Add("a.txt", []byte("\xc4\xe3\xba\xc3"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if sniff(data, filepath.Ext(name)) == FormatPDF {
			return // pdftotext is not under test
		}
		doc, err := Decode(context.Background(), name, data)
		if err == nil {
			Extract(name, doc.Text)
		}
	})
}
