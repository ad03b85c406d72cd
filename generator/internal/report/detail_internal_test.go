package report

import (
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
)

// TestMaxEvidence: detailScan has room for every evidence key.
func TestMaxEvidence(t *testing.T) {
	if maxEvidence != len(EvidenceKeys) {
		t.Errorf("maxEvidence is %d, but there are %d evidence keys", maxEvidence, len(EvidenceKeys))
	}
}

// TestPlainKindIsPlain compares plainKind with the node fastYAML.plain
// makes of every short string of characters that matter to YAML's types,
// and of words at the edges of its types: plainKind refuses what plain
// refuses, and otherwise gives the kind of its node.
func TestPlainKindIsPlain(t *testing.T) {
	alphabet := []string{"0", "1", "9", "-", "+", ".", "_", "e", "x", ":", " ", "#", "~", "/", "[", "'", "中"}
	words := []string{
		"null", "Null", "NULL", "nULL", "~", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no",
		".inf", "-.inf", ".nan", "0x1F", "0o17", "017", "08", "0.5", "00.5", "-0", "-0.0", "1_000", "1e3",
		"2021-03-15", "12:30", "a: b", "a:", "a:b", "100分", "无法识别", "18446744073709551615", "18446744073709551616",
		"-9223372036854775808", "-9223372036854775809", "123456789012345", "1234567890123456", "-1234567890123456",
		strings.Repeat("9", 400) + ".5", "1234567890.123456", "-1234567890.1234567", "1.", ".5", "-.5", "1..2", "_1",
		"- a", "-", "-a", "? a", "|", ">", "&a", "*a", "!t", "%", "@", "`", "'a'", "\"a\"", "{a}", "[a]", ",",
	}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if prefix != "" {
			words = append(words, prefix)
		}
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			gen(prefix+c, n-1)
		}
	}
	gen("", 4)
	f := &fastYAML{lines: 8}
	for _, w := range words {
		text := strings.Trim(w, " ")
		if text == "" {
			continue
		}
		n := f.plain(text, 1, 1)
		kind, ok := plainKind(text)
		if ok != (n != nil) {
			t.Errorf("%q: plainKind reads it %v, plain %v", text, ok, n != nil)
			continue
		}
		if !ok {
			continue
		}
		want := -1
		switch n.(type) {
		case *ast.StringNode:
			want = scalarString
		case *ast.NullNode:
			want = scalarNull
		case *ast.BoolNode:
			want = scalarBool
		case *ast.IntegerNode, *ast.FloatNode:
			want = scalarNumber
		}
		if kind != want {
			t.Errorf("%q: kind %d, want %d (%T)", text, kind, want, n)
		}
	}
}
