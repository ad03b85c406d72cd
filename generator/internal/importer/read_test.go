package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sampleText = "松岭县水利局\n2023年度部门整体支出绩效自评报告\n一、部门概况\n核定编制数30人，实有在职人员28人。\n"

func TestDecodeEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sampleText))
	if err != nil {
		t.Fatal(err)
	}
	// 𠀀 is outside GBK: only GB18030 encodes it.
	gb18030, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(sampleText + "𠀀\n"))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(sampleText))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		data     []byte
		encoding string
		want     string
	}{
		{"utf8.txt", []byte(sampleText), "UTF-8", sampleText},
		{"bom.txt", append([]byte("\xef\xbb\xbf"), sampleText...), "UTF-8", sampleText},
		{"gbk.txt", gbk, "GBK", sampleText},
		{"gb18030.txt", gb18030, "GB18030", sampleText + "𠀀\n"},
		{"utf16.txt", utf16, "UTF-16LE", sampleText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(context.Background(), tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != FormatText || doc.Encoding != tc.encoding || doc.Text != tc.want {
				t.Errorf("got %s %s %q, want text %s %q", doc.Format, doc.Encoding, doc.Text, tc.encoding, tc.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"a.zip", []byte("PK\x03\x04junk"), "not a .docx"},
		{"bin.txt", []byte("abc\x00def"), "binary"},
		{"empty.txt", []byte(" \n\t\n"), "no text"},
		{"bad.docx", []byte("PK\x03\x04 word/document.xml but not a zip"), "not a valid .docx"},
		// What a wildcard meets: the owner file of a document open in
		// Word, and report files.
		{"~$报告.docx", []byte("\x05Admin\x00\x00\x00\x00"), "this is the owner file that Word or WPS leaves beside a document while it is open, not a document: import the document itself"},
		{"a.md", []byte("---\ncounty: 桃源县\nyear: 2020\n---\n正文\n"), "a.md: this is a report file already (it begins with front matter between '---' lines), not a published report: check it with go run ./generator check a.md; import turns"},
		{"b.txt", []byte("\ufeff---\r\n# 填写说明\r\n\r\nadcode: null\r\n---\r\n"), "this is a report file already"},
	} {
		_, err := Decode(context.Background(), tc.name, tc.data)
		if err == nil || !strings.HasPrefix(err.Error(), tc.name+": ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one naming the file and saying %q", tc.name, err, tc.want)
		}
	}
	// A published report that begins with a rule is one.
	if doc, err := Decode(context.Background(), "c.txt", []byte("---\n桃源县行政审批服务局2020年整体支出绩效自评报告\n---\n")); err != nil || !strings.Contains(doc.Text, "桃源县") {
		t.Errorf("a report beginning with a rule: %v", err)
	}
	_, err := ReadFile(context.Background(), filepath.Join(t.TempDir(), "missing.txt"))
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: %v", err)
	}
}

// buildDocx writes a .docx with automatic numbering (一、 and （一）), runs
// split inside a number, a deleted revision, hidden text and a table.
func buildDocx(t testing.TB) []byte {
	t.Helper()
	p := func(numID, ilvl int, runs ...string) string {
		var b strings.Builder
		b.WriteString("<w:p>")
		if numID > 0 {
			fmt.Fprintf(&b, `<w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr>`, ilvl, numID)
		}
		for _, r := range runs {
			b.WriteString(r)
		}
		b.WriteString("</w:p>")
		return b.String()
	}
	r := func(s string) string { return "<w:r><w:t xml:space=\"preserve\">" + s + "</w:t></w:r>" }
	cell := func(s string) string { return "<w:tc><w:p>" + r(s) + "</w:p></w:tc>" }
	row := func(a, b string) string { return "<w:tr>" + cell(a) + cell(b) + "</w:tr>" }
	body := p(0, 0, r("松岭县水利局")) +
		p(0, 0, r("2023年度部门整体支出绩效自评报告")) +
		p(1, 0, r("部门概况")) +
		p(0, 0, r("核定编制数30人，"), r("实有在职人员28人。")) +
		p(1, 0, r("部门整体支出情况")) +
		p(1, 1, r("收支情况")) +
		p(0, 0, r("2023年度支出决算数"), r("1,286"), r(".40"), r("万元，"),
			"<w:del w:id=\"1\"><w:r><w:delText>支出决算数9999万元，</w:delText></w:r></w:del>",
			"<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏说明：支出决算数8888万元，</w:t></w:r>",
			r("其中基本支出612.30万元，项目支出674.10万元。")) +
		p(1, 1, r("“三公”经费")) +
		"<w:tbl><w:tblPr/>" + row("项目", "金额（万元）") + row("“三公”经费支出合计", "3.60") +
		row("因公出国（境）费", "0") + row("公务接待费", "1.10") + row("公务用车购置及运行维护费", "2.50") + "</w:tbl>" +
		p(1, 0, r("自评结论")) +
		p(0, 0, r("经自评，综合得分为95分，评价等级为优秀。"))
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`
	numbering := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:abstractNum w:abstractNumId="0">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>`},
		// The relationships, which Word and LibreOffice need to open it.
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`},
		{"word/document.xml", doc},
		{"word/numbering.xml", numbering},
	} {
		w, err := zw.Create(f.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocx(t *testing.T) {
	doc, err := Decode(context.Background(), "report.docx", buildDocx(t))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatDOCX {
		t.Errorf("format %s", doc.Format)
	}
	checkSongling(t, doc, true)
}

// checkSongling checks the text and draft read from buildDocx's document,
// or from it saved in another format; numbered, that its headings are
// numbered as in Word (一、, （一）), and the draft's headings so.
func checkSongling(t *testing.T, doc Doc, numbered bool) {
	t.Helper()
	numbers, subs := []string{"一、", "二、", "三、"}, []string{"（一）", "（二）"}
	if !numbered {
		numbers, subs = make([]string, 3), make([]string, 2)
	}
	for _, want := range []string{numbers[0] + "部门概况\n", numbers[1] + "部门整体支出情况\n", subs[0] + "收支情况\n", subs[1] + "“三公”经费\n", numbers[2] + "自评结论\n",
		"核定编制数30人，实有在职人员28人。\n", "支出决算数1,286.40万元", "\t公务接待费\n\t1.10\n\n"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, bad := range []string{"9999", "8888"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("text holds deleted or hidden text %s:\n%s", bad, doc.Text)
		}
	}
	d := Extract(doc.Name, doc.Text)
	checkDraft(t, d)
	got := draftJSON(t, d)
	want := map[string]any{
		"county": "松岭县", "department": "水利局", "year": "2023", "report_type": "整体支出",
		"total_spending": "1286.4", "basic_spending": "612.3", "project_spending": "674.1",
		"sangong_total": "3.6", "sangong_travel_abroad": "0", "sangong_reception": "1.1", "sangong_vehicles": "2.5",
		"self_score": "95", "grade": "优", "staff_authorized": "30", "staff_actual": "28",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	md := string(d.Markdown())
	for _, s := range []string{"## " + numbers[0] + "部门概况", "### " + subs[0] + "收支情况", "| “三公”经费支出合计 | 3.60 |"} {
		if !strings.Contains(md, s) && (numbered || !strings.HasPrefix(s, "#")) {
			t.Errorf("Markdown lacks %q", s)
		}
	}
}

func TestHTML(t *testing.T) {
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>无关标题_某某政府网</title>
<script>alert("x")</script></head><body><div id="nav"><a href="/">首页</a> <a href="/a">机构</a></div>
<div class="content"><h1>石门县民政局2021年度部门整体支出绩效自评报告</h1>
<p>一、部门概况</p><p>核定编制数12人，实有人数11人。</p><ul><li>第一项工作</li><li>第二项工作</li></ul>
<pre>行一
行二</pre></div><div class="footer">版权所有 电话 0736-1234567</div></body></html>`
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(context.Background(), "page.htm", data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != FormatHTML || doc.Encoding != "GBK" {
		t.Errorf("format %s encoding %s", doc.Format, doc.Encoding)
	}
	for _, want := range []string{"石门县民政局2021年度部门整体支出绩效自评报告\n", "一、部门概况\n", "第一项工作\n", "行一\n行二"} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, doc.Text)
		}
	}
	for _, bad := range []string{"alert", "首页", "版权所有", "无关标题"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("text holds page chrome %q:\n%s", bad, doc.Text)
		}
	}
	d := Extract("page.htm", doc.Text)
	if d.County.V != "石门县" || d.Department.V != "民政局" || d.Staff.Authorized.V != 12 || d.Staff.Actual.V != 11 {
		t.Errorf("got %s %s %d %d", d.County.V, d.Department.V, d.Staff.Authorized.V, d.Staff.Actual.V)
	}
}

// TestHTMLSpans: a cell spanning columns or rows is written as the cell
// and empty cells after it and under it, so that the columns line up.
func TestHTMLSpans(t *testing.T) {
	page := `<html><body><table>
<tr><td rowspan="2">项目</td><td colspan="2">2022年</td><td colspan="2">2023年</td></tr>
<tr><td>预算数</td><td>决算数</td><td>预算数</td><td>决算数</td></tr>
<tr><td>合计</td><td rowspan="2">1</td><td>2</td><td>3</td><td rowspan="3">4</td></tr>
<tr><td>接待</td><td>5</td><td colspan="99">6</td></tr>
</table></body></html>`
	doc, err := Decode(context.Background(), "page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := "\t项目\n\t2022年\n\t\n\t2023年\n\t\n\n" +
		"\t\n\t预算数\n\t决算数\n\t预算数\n\t决算数\n\n" +
		"\t合计\n\t1\n\t2\n\t3\n\t4\n\n" +
		"\t接待\n\t\n\t5\n\t6\n\t\n\n"
	if !strings.Contains(doc.Text, want) {
		t.Errorf("text\n%q\nwant it to hold\n%q", doc.Text, want)
	}
}

// buildPDF writes a one-page PDF whose text uses a CID font with a ToUnicode
// map, as Chinese PDFs do.
func buildPDF(lines []string) []byte {
	used := map[rune]bool{}
	for _, l := range lines {
		for _, r := range l {
			used[r] = true
		}
	}
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /U def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	var rs []rune
	for r := range used {
		rs = append(rs, r)
	}
	for i := 0; i < len(rs); i += 100 {
		chunk := rs[i:min(i+100, len(rs))]
		fmt.Fprintf(&cmap, "%d beginbfchar\n", len(chunk))
		for _, r := range chunk {
			fmt.Fprintf(&cmap, "<%04X> <%04X>\n", r, r)
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end\n")
	var content strings.Builder
	content.WriteString("BT /F1 14 Tf 16 TL 60 780 Td\n")
	for _, l := range lines {
		content.WriteString("<")
		for _, r := range l {
			fmt.Fprintf(&content, "%04X", r)
		}
		content.WriteString("> Tj T*\n")
	}
	content.WriteString("ET\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cmap.Len(), cmap.String()),
		"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func TestPDF(t *testing.T) {
	pdf := buildPDF([]string{"松岭县水利局", "2023年度部门整体支出绩效自评报告", "一、部门概况", "核定编制数30人，实有在职人员28人。"})
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed: only the error is tested")
	} else {
		doc, err := Decode(context.Background(), "report.pdf", pdf)
		if err != nil {
			t.Fatal(err)
		}
		d := Extract("report.pdf", doc.Text)
		if doc.Format != FormatPDF || d.County.V != "松岭县" || d.Year.V != 2023 || d.Staff.Actual.V != 28 {
			t.Errorf("got %s %s %d %d from:\n%s", doc.Format, d.County.V, d.Year.V, d.Staff.Actual.V, doc.Text)
		}
	}
	t.Setenv("PATH", t.TempDir())
	_, err := Decode(context.Background(), "report.pdf", pdf)
	if !errors.Is(err, ErrNoPDFTool) || !strings.HasPrefix(err.Error(), "report.pdf: ") || !strings.Contains(err.Error(), "poppler-utils") {
		t.Errorf("without pdftotext: %v", err)
	}
}

func TestReadFileGBKTestdata(t *testing.T) {
	doc, err := ReadFile(context.Background(), filepath.Join("testdata", "gbk_jinhe.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "GBK" || !strings.HasPrefix(doc.Text, "金河县教育局\n") {
		t.Errorf("encoding %s, text %.40q", doc.Encoding, doc.Text)
	}
	raw, _ := os.ReadFile(filepath.Join("testdata", "gbk_jinhe.txt"))
	if bytes.Contains(raw, []byte("金河")) {
		t.Error("testdata/gbk_jinhe.txt is not GBK-encoded")
	}
}
