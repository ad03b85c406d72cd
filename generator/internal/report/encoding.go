package report

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// notUTF8 explains why data, which is not valid UTF-8, cannot be read, and
// what to do: it names the encoding the file looks like when it can tell.
// whole says that the whole file is in that encoding, rather than a stray
// byte or two being invalid.
func notUTF8(data []byte) (msg string, whole bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return "the file is UTF-16, not UTF-8: save it as UTF-8; in Notepad, choose Save As and the encoding UTF-8 " +
			"(文件是 UTF-16 编码，不是 UTF-8：请用记事本打开，“另存为”时编码选 UTF-8)", true
	case mostlyUTF8(data):
		// A stray byte in a UTF-8 file.
	case looksLikeGBK(data):
		return "the file is not UTF-8 but looks like Chinese text in GBK, GB2312 or GB18030: open it in WPS, Word or Notepad " +
			"and save it as UTF-8, or convert it with iconv -f GBK -t UTF-8 FILE > FILE.utf8 " +
			"(文件不是 UTF-8 编码，看起来是 GBK、GB2312 或 GB18030 编码：请用 WPS、Word 或记事本打开，“另存为”时编码选 UTF-8)", true
	}
	return "invalid UTF-8: save the file as UTF-8 (这里有不是 UTF-8 的字节：请删除这个字符后重新输入，并把文件另存为 UTF-8 编码)", false
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
