package content

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// badName returns an error for a report file whose name (as errors show
// it) holds a control character or is not UTF-8, and nil for any other.
// Printed as it is, such a name could forge lines of the output
// ("a\nb.md") or send escape sequences to the terminal ("\x1b[31m"); the
// error quotes it. No report needs such a name: it is to be renamed.
func badName(name string) error {
	if plainName(name) {
		return nil
	}
	if !utf8.ValidString(name) {
		return fmt.Errorf("%s: the file name is not UTF-8; rename the file (文件名的编码有误，请给文件改名)", strconv.Quote(name))
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return fmt.Errorf("%s: the file name holds the control character %U; rename the file (文件名中有控制字符，请给文件改名)", strconv.Quote(name), r)
		}
	}
	return nil
}

// shownName returns name as errors show it: as it is, or quoted if it
// holds a control character or is not UTF-8.
func shownName(name string) string {
	if badName(name) != nil {
		return strconv.Quote(name)
	}
	return name
}

// plainName reports whether name is printable ASCII only, as most file
// names are, or, quickly, whether it has no byte that could begin a
// control character: bytes below ' ', DEL, and 0xC2, which begins the C1
// controls (U+0080 to U+009F) in UTF-8, or invalid UTF-8.
func plainName(name string) bool {
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < ' ' || c == 0x7f || c == 0xc2 {
			return false
		}
	}
	return utf8.ValidString(name)
}
