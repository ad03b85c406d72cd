package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The seeds rewritten in the other forms a report comes in must read the
// same: full-width digits, OCR-style spaces around numbers, lines wrapped
// as pdftotext writes them with page numbers between pages, GBK, an HTML
// page and a .docx file.

var digitRE = regexp.MustCompile(`\d+(?:\.\d+)?`)

func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		if r == '.' {
			return '．'
		}
		return r
	}, s)
}

func spaced(s string) string {
	return digitRE.ReplaceAllString(s, " $0 ")
}

// wrapped cuts prose lines every 28 characters and puts a page number
// after every 40 lines.
func wrapped(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			out = append(out, l)
			continue
		}
		rs := []rune(l)
		for len(rs) > 28 {
			out = append(out, string(rs[:28]))
			rs = rs[28:]
		}
		out = append(out, string(rs))
	}
	var paged []string
	for i, l := range out {
		paged = append(paged, l)
		if i%40 == 39 {
			paged = append(paged, "", fmt.Sprintf("- %d -", i/40+1), "")
		}
	}
	return strings.Join(paged, "\n")
}

// asHTML writes the text as a page with navigation and a footer.
func asHTML(s string) []byte {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>报告</title><script>var a="支出决算数9999万元";</script></head><body>`)
	b.WriteString(`<div class="nav"><a href="/">首页</a><a href="/x">信息公开</a></div><div class="article">`)
	inTable := false
	var row []string
	flush := func() {
		if len(row) > 0 {
			b.WriteString("<tr>")
			for _, c := range row {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>")
			row = nil
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			if !inTable {
				b.WriteString("<table>")
				inTable = true
			}
			row = append(row, strings.TrimSpace(l))
			continue
		}
		if inTable && strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		if inTable {
			flush()
			b.WriteString("</table>")
			inTable = false
		}
		if strings.TrimSpace(l) != "" {
			b.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
		}
	}
	flush()
	if inTable {
		b.WriteString("</table>")
	}
	b.WriteString(`</div><div class="footer">版权所有 联系电话 0731-12345678</div></body></html>`)
	return []byte(b.String())
}

// asDocx writes the text as a .docx file, tables as Word tables.
func asDocx(t *testing.T, s string) []byte {
	var body strings.Builder
	para := func(text string) {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		body.WriteString(html.EscapeString(text))
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	var rows [][]string
	var row []string
	flushTable := func() {
		if row != nil {
			rows = append(rows, row)
			row = nil
		}
		if rows == nil {
			return
		}
		body.WriteString("<w:tbl>")
		for _, r := range rows {
			body.WriteString("<w:tr>")
			for _, c := range r {
				body.WriteString(`<w:tc><w:p><w:r><w:t>` + html.EscapeString(c) + `</w:t></w:r></w:p></w:tc>`)
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
		rows = nil
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			row = append(row, strings.TrimSpace(l))
			continue
		}
		if strings.TrimSpace(l) == "" && (row != nil || rows != nil) {
			if row != nil {
				rows = append(rows, row)
				row = nil
			}
			continue
		}
		flushTable()
		para(l)
	}
	flushTable()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body.String())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSeedVariants(t *testing.T) {
	shared := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		data, err := os.ReadFile(f)
		if err != nil || !utf8.Valid(data) {
			t.Fatalf("%s: %v", f, err)
		}
		text := string(data)
		want := readTruth(t, filepath.Join(shared, "seeds", "truth", name+".json"))
		gbk, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		if err != nil {
			t.Fatal(err)
		}
		variants := []struct {
			kind string
			file string
			data []byte
		}{
			{"full-width", "a.txt", []byte(fullWidth(text))},
			{"spaced", "a.txt", []byte(spaced(text))},
			{"wrapped", "a.txt", []byte(wrapped(text))},
			{"gbk", "a.txt", gbk},
			{"html", "a.html", asHTML(text)},
			{"docx", "a.docx", asDocx(t, text)},
		}
		for _, v := range variants {
			t.Run(name+"/"+v.kind, func(t *testing.T) {
				doc, err := Decode(context.Background(), v.file, v.data)
				if err != nil {
					t.Fatal(err)
				}
				d := Extract(v.file, doc.Text)
				checkDraft(t, d)
				s := compare(draftJSON(t, d), want)
				for _, p := range s.problems {
					t.Error(p)
				}
			})
		}
	}
}
