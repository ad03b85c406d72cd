package report

import (
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
)

// checkChars records an error if s, the text of a value of key, holds a
// character forbiddenRune forbids. checkText looks at the file's bytes, but
// a double-quoted YAML string can still give any character by an escape
// ("\0", "\e", "\N", "\uFFFE"); both YAML readers hand their strings to
// checkLength, which calls this. One error is recorded for a key at most.
func (p *parse) checkChars(key string, v ast.Node, s string) {
	// cleanText only reads the bytes it is given.
	if cleanText(unsafe.Slice(unsafe.StringData(s), len(s))) {
		return
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 || forbiddenRune(r) {
			if !p.hasError(key) {
				p.errAt(nodePos(v), key, "the control character or noncharacter %U is not allowed (here given by an escape in quotes)", r)
			}
			return
		}
	}
}
