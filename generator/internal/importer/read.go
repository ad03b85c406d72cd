package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/countyperf/portal/generator/internal/invocation"
	"github.com/countyperf/portal/generator/internal/report"
)

// Format names the kind of file a Doc was read from.
type Format string

// The formats ReadFile understands.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatDOCX Format = "docx"
	FormatPDF  Format = "pdf"
	// FormatDOC is a Word 97-2003 .doc, or a WPS document in its format,
	// which LibreOffice turns into a .docx to be read.
	FormatDOC Format = "doc"
	// FormatRTF is an RTF document, which LibreOffice turns into a .docx
	// to be read.
	FormatRTF Format = "rtf"
)

// MaxInput is the size, in bytes, of the largest file ReadFile accepts, and
// of the most text it takes out of a .docx file.
const MaxInput = 64 << 20

// Doc is a report read from a file and decoded to UTF-8 text.
type Doc struct {
	// Name is the path or name the report was read from.
	Name string
	// Format is the kind of file it was.
	Format Format
	// Encoding is the character encoding detected for text and HTML files,
	// such as "UTF-8", "GBK" or "GB18030"; it is empty for .docx and PDF.
	Encoding string
	// Text is the report's text: one paragraph per line; each table row is
	// one line per cell, each beginning with a tab, followed by a blank line.
	Text string
}

// ReadFile reads the report at path, whatever its format, and decodes it to
// text. Errors name the file. Reading a PDF runs pdftotext, which ctx can
// cancel.
func ReadFile(ctx context.Context, path string) (Doc, error) {
	return readFile(ctx, path, nil)
}

// readFile is ReadFile, taking the .docx of a Word 97-2003 or RTF document
// from pre when LibreOffice has made it already (see convertAll).
func readFile(ctx context.Context, path string, pre *officeBatch) (Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return Doc{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxInput+1))
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxInput {
		return Doc{}, fmt.Errorf("%s: file is larger than %d MB", path, MaxInput>>20)
	}
	return decode(ctx, path, data, pre)
}

// Decode decodes the bytes of a report file; name is used in errors and to
// tell the format by its extension when the content does not. PDF needs
// pdftotext (from poppler-utils) on the PATH.
func Decode(ctx context.Context, name string, data []byte) (Doc, error) {
	return decode(ctx, name, data, nil)
}

// decode is Decode, taking the .docx of a Word 97-2003 or RTF document
// from pre when LibreOffice has made it already (see convertAll).
func decode(ctx context.Context, name string, data []byte, pre *officeBatch) (Doc, error) {
	doc := Doc{Name: name}
	ext := strings.ToLower(filepath.Ext(name))
	if strings.HasPrefix(filepath.Base(name), "~$") {
		// Met by a wildcard (import content/*.docx) while a document
		// is open in Word.
		return Doc{}, fmt.Errorf("%s: this is the owner file that Word or WPS leaves beside a document while it is open, not a document: import the document itself, whose name ends the same (这是 Word 或 WPS 打开文档时在旁边生成的临时文件，不是文档：请导入文档本身)", name)
	}
	if report.BeginsAsReportFile(data) {
		return Doc{}, fmt.Errorf("%s: this is a report file already (it begins with front matter between '---' lines), not a published report: check it with %[2]s check %[1]s; import turns published reports (text, HTML, .docx, .doc, RTF, PDF) into report files (这已经是报告文件（以 --- 之间的前置信息开头），不是已发布的报告：请用 check 命令核对；import 用于把已发布的报告转为报告文件)", name, invocation.Command)
	}
	var err error
	switch format := sniff(data, ext); format {
	case FormatPDF:
		doc.Format = FormatPDF
		doc.Text, err = pdfText(ctx, name, data)
	case FormatDOCX:
		doc.Format = FormatDOCX
		doc.Text, err = docxText(data)
	case FormatHTML:
		doc.Format = FormatHTML
		var s string
		s, doc.Encoding, err = decodeText(data, metaCharset(data))
		if err == nil {
			doc.Text, err = htmlText(s)
		}
	case FormatDOC, FormatRTF:
		doc.Format = format
		var docx []byte
		if docx, err = pre.docx(ctx, name, format, data); err == nil {
			doc.Text, err = docxText(docx)
		}
	case report.DocZip:
		err = errors.New("this is a zip archive but not a .docx file")
	default:
		doc.Format = FormatText
		doc.Text, doc.Encoding, err = decodeText(data, "")
	}
	if err != nil {
		if strings.HasPrefix(err.Error(), name+": ") {
			return Doc{}, err
		}
		return Doc{}, fmt.Errorf("%s: %w", name, err)
	}
	if strings.TrimSpace(doc.Text) == "" {
		return Doc{}, fmt.Errorf("%s: no text found", name)
	}
	return doc, nil
}

// sniff tells the format from the content first and the extension second.
func sniff(data []byte, ext string) Format {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	switch kind := report.Document(data); kind {
	case report.DocPDF:
		return FormatPDF
	case report.DocDOCX:
		return FormatDOCX
	case report.DocOLE:
		return FormatDOC
	case report.DocRTF:
		return FormatRTF
	case "":
	default:
		return Format(kind) // zip: refused by Decode
	}
	lower := bytes.ToLower(head)
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(lower, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<!doctype html")) || bytes.HasPrefix(trimmed, []byte("<html")) ||
		bytes.HasPrefix(trimmed, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) {
		return FormatHTML
	}
	switch ext {
	case ".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php":
		return FormatHTML
	case ".docx":
		return FormatDOCX
	case ".pdf":
		return FormatPDF
	}
	if bytes.HasPrefix(trimmed, []byte("<")) && (bytes.Contains(lower, []byte("<body")) || bytes.Contains(lower, []byte("<p>")) || bytes.Contains(lower, []byte("<div"))) {
		return FormatHTML
	}
	return FormatText
}

var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)`)

// metaCharset returns the charset an HTML page declares, if any.
func metaCharset(data []byte) string {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if m := metaCharsetRE.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// decodeText decodes text in UTF-8 (with or without a BOM), UTF-16 with a
// BOM, or GBK/GB18030. hint is a declared charset, which a byte-order mark
// or valid UTF-8 overrides.
func decodeText(data []byte, hint string) (text, enc string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("the file begins with a UTF-8 byte-order mark but is not valid UTF-8")
		}
		return string(data), "UTF-8", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), data, "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), data, "UTF-16BE")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", "", errors.New("binary file: not text, HTML, .docx, .doc, RTF or PDF")
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", nil
	}
	if hint == "big5" || hint == "big5-hkscs" {
		return decodeWith(traditionalchinese.Big5, data, "Big5")
	}
	if s, e, err := decodeWith(simplifiedchinese.GBK, data, "GBK"); err == nil {
		return s, e, nil
	}
	if s, e, err := decodeWith(simplifiedchinese.GB18030, data, "GB18030"); err == nil {
		return s, e, nil
	}
	return "", "", errors.New("the text is neither UTF-8 nor GBK/GB18030")
}

func decodeWith(e encoding.Encoding, data []byte, name string) (string, string, error) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil {
		return "", "", fmt.Errorf("not valid %s: %w", name, err)
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", fmt.Errorf("not valid %s", name)
	}
	return string(out), name, nil
}
