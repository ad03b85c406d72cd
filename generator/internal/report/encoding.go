package report

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/countyperf/portal/generator/internal/invocation"
)

// notUTF8 explains why data, which is not valid UTF-8, cannot be read, and
// what to do: it names the encoding the file looks like when it can tell.
// whole says that the whole file is in that encoding, rather than a stray
// byte or two being invalid.
func notUTF8(data []byte) (msg string, whole bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return msgUTF16, true
	case mostlyUTF8(data):
		// A stray byte in a UTF-8 file.
	case looksLikeGBK(data):
		return "the file is not UTF-8 but looks like Chinese text in GBK, GB2312 or GB18030: open it in WPS, Word or Notepad " +
			"and save it as UTF-8, or convert it with iconv -f GBK -t UTF-8 FILE > FILE.utf8 " +
			"(文件不是 UTF-8 编码，看起来是 GBK、GB2312 或 GB18030 编码：请用 WPS、Word 或记事本打开，“另存为”时编码选 UTF-8)", true
	}
	return "invalid UTF-8: save the file as UTF-8 (这里有不是 UTF-8 的字节：请删除这个字符后重新输入，并把文件另存为 UTF-8 编码)", false
}

const msgUTF16 = "the file is UTF-16, not UTF-8: save it as UTF-8; in Notepad, choose Save As and the encoding UTF-8 " +
	"(文件是 UTF-16 编码，不是 UTF-8：请用记事本打开，“另存为”时编码选 UTF-8)"

// unmarkedUTF16 reports whether data looks like UTF-16 without the
// byte-order mark that Notepad writes, as some tools save it: a report
// file begins with ASCII ('---', its keys), which UTF-16 writes with a
// NUL byte before or after each character, so that one of the even and
// odd bytes of its start holds several NULs and the other next to none.
// A UTF-8 file has no NUL at all.
func unmarkedUTF16(data []byte) bool {
	data = data[:min(len(data), 1024)]
	var nul [2]int
	for i, c := range data {
		if c == 0 {
			nul[i%2]++
		}
	}
	most, least := max(nul[0], nul[1]), min(nul[0], nul[1])
	return most >= 3 && least*8 <= most
}

// looksLikeGBK reports whether data decodes as GBK into text whose
// characters outside ASCII are mostly Chinese: GBK's two-byte sequences
// rarely decode to Chinese by accident.
func looksLikeGBK(data []byte) bool {
	if len(data) > 1<<20 {
		data = data[:1<<20]
	}
	text, err := simplifiedchinese.GBK.NewDecoder().Bytes(data)
	if err != nil {
		return false
	}
	han, other := 0, 0
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			// A byte that is not GBK; a cut-off last character is forgiven.
			if len(text) > 0 {
				other++
			}
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.P, unicode.S) || r == '\u3000':
			if unicode.Is(unicode.Han, r) {
				han++
			}
		default:
			other++
		}
	}
	return han >= 2 && other*10 <= han
}

// mostlyUTF8 reports whether data has more valid UTF-8 characters beyond
// ASCII than invalid bytes: then it is UTF-8 with a stray byte, not text in
// another encoding.
func mostlyUTF8(data []byte) bool {
	valid, invalid := 0, 0
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		data = data[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			valid++
		}
	}
	return valid > invalid
}

// Kinds of document that Document tells from their first bytes.
const (
	DocPDF  = "pdf"  // a PDF file
	DocDOCX = "docx" // a Word .docx (a zip archive holding word/document.xml)
	DocZip  = "zip"  // another zip archive, such as an Excel .xlsx
	DocOLE  = "ole"  // an OLE file, such as a Word 97-2003 .doc or a WPS file
	DocRTF  = "rtf"  // an RTF document
)

// Document returns the kind of binary document data is, told by how it
// begins (one of DocPDF, DocDOCX, DocZip, DocOLE and DocRTF), or "" for
// other data, such as text. The importer reads the first two; a report
// file holding any of them is a document renamed to .md.
func Document(data []byte) string {
	switch {
	case bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")):
		return DocPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if bytes.Contains(data, []byte("word/document.xml")) {
			return DocDOCX
		}
		return DocZip
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return DocOLE
	case bytes.HasPrefix(data, []byte("{\\rtf")):
		return DocRTF
	}
	return ""
}

// renamedDocument says what to do with data when it is no text but a
// document renamed to .md (see Document), which the importer turns into a
// report file. Its bytes would otherwise be refused for a control
// character or as not UTF-8, which says nothing of the file being a
// document. It returns "" for other data.
func renamedDocument(data []byte) string {
	importIt := "turn it into a report file with " + invocation.Command + " import FILE.docx"
	switch Document(data) {
	case DocDOCX:
		return "this is a Word (.docx) document renamed to .md; rename it back to .docx, move it out of content/ and " + importIt +
			" (这是改了扩展名的 Word 文档：请把扩展名改回 .docx，移出 content/，再用 import 命令导入为报告文件)"
	case DocZip:
		return "this is a zip archive (or an Excel or other Office file) renamed to .md, not a report file: move it out of content/ " +
			"(这是改了扩展名的压缩包或 Office 文件，不是报告文件：请移出 content/)"
	case DocPDF:
		return "this is a PDF file renamed to .md; rename it back to .pdf, move it out of content/ and turn it into a report file with " + invocation.Command + " import FILE.pdf" +
			" (这是改了扩展名的 PDF 文件：请把扩展名改回 .pdf，移出 content/，再用 import 命令导入为报告文件)"
	case DocRTF:
		return "this is an RTF document renamed to .md; rename it back to .rtf, move it out of content/ and turn it into a report file with " +
			invocation.Command + " import FILE.rtf (which needs LibreOffice), or save it as .docx in Word or WPS and import that" +
			" (这是改了扩展名的 RTF 文档：请把扩展名改回 .rtf，移出 content/，再用 import 命令导入为报告文件（需安装 LibreOffice），或用 Word、WPS 另存为 .docx 后导入)"
	case DocOLE:
		return "this is a Word 97-2003 (.doc) or WPS document renamed to .md; rename it back to .doc, move it out of content/ and turn it into a report file with " +
			invocation.Command + " import FILE.doc (which needs LibreOffice), or save it as .docx in Word or WPS and import that" +
			" (这是改了扩展名的 Word 97-2003 或 WPS 文档：请把扩展名改回 .doc，移出 content/，再用 import 命令导入为报告文件（需安装 LibreOffice），或用 Word、WPS 另存为 .docx 后导入)"
	}
	return ""
}
