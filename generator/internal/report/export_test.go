package report

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// ParseWithoutFastPath is Parse with fastFrontMatter turned off: the YAML
// parser reads all front matter.
func ParseWithoutFastPath(name string, data []byte) (*Report, error) {
	return parseFile(name, data, false)
}

// Slips returns the slips that Parse looks for in front matter the YAML
// parser refuses, looking for them in the front matter of data whatever
// the YAML parser makes of it, or nil when data has no front matter.
func Slips(name string, data []byte) []error {
	data = []byte(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n"))
	block, _, _, err := split(data)
	if err != nil {
		return nil
	}
	p := &parse{name: name, r: &Report{File: name}}
	errs, _ := p.slips(block)
	return errs
}

// FastPathReads reports whether Parse reads the front matter of data with
// fastFrontMatter rather than with the YAML parser.
func FastPathReads(data []byte) bool {
	if cleanText(data) {
		block, _, _, err := split(data)
		if err == nil {
			m, f := fastFrontMatter(block)
			defer f.free()
			return m != nil
		}
	}
	return false
}

// FastPathNodes describes, when fastFrontMatter reads the front matter of
// data (ok), the nodes it makes and those that the YAML parser makes of
// the same front matter, as Parse would run it. The two descriptions must
// be the same: they give each node's type and value, and the type, value
// and position of each of its tokens, but for what fastFrontMatter does
// not make and the walker does not read: the text of tokens as written
// (Origin), paths, comments, and the entries of block sequences.
func FastPathNodes(data []byte) (fast, yaml string, ok bool) {
	if !cleanText(data) {
		return "", "", false
	}
	block, _, _, err := split(data)
	if err != nil {
		return "", "", false
	}
	m, f := fastFrontMatter(block)
	defer f.free()
	if m == nil {
		return "", "", false
	}
	var b strings.Builder
	describeNode(&b, m, "")
	fast = b.String()

	b.Reset()
	tokens := lexer.Tokenize(string(block))
	file, err := parser.Parse(tokens, 0)
	switch {
	case err != nil:
		fmt.Fprintf(&b, "error: %v", err)
	case len(file.Docs) != 1:
		fmt.Fprintf(&b, "%d documents", len(file.Docs))
	default:
		body := file.Docs[0].Body
		if mv, ok := body.(*ast.MappingValueNode); ok {
			body = &ast.MappingNode{Start: mv.Start, Values: []*ast.MappingValueNode{mv}}
		}
		describeNode(&b, body, "")
	}
	return fast, b.String(), true
}

// describeNode writes n, indented, for FastPathNodes.
func describeNode(b *strings.Builder, n ast.Node, indent string) {
	tk := func(name string, t *token.Token) {
		if t == nil {
			fmt.Fprintf(b, " %s=nil", name)
			return
		}
		pos := "nowhere"
		if t.Position != nil {
			pos = fmt.Sprintf("%d:%d", t.Position.Line, t.Position.Column)
		}
		fmt.Fprintf(b, " %s=%v/%v/%v/%q@%s", name, t.Type, t.CharacterType, t.Indicator, t.Value, pos)
	}
	fmt.Fprintf(b, "%s%T", indent, n)
	switch v := n.(type) {
	case nil:
		b.WriteString("\n")
	case *ast.MappingNode:
		fmt.Fprintf(b, " flow=%v values=%d", v.IsFlowStyle, len(v.Values))
		tk("start", v.Start)
		tk("end", v.End)
		b.WriteString("\n")
		for _, mv := range v.Values {
			describeNode(b, mv, indent+"  ")
		}
	case *ast.MappingValueNode:
		fmt.Fprintf(b, " flow=%v", v.IsFlowStyle)
		tk("start", v.Start)
		tk("entry", v.CollectEntry)
		b.WriteString("\n")
		describeNode(b, v.Key, indent+"  key ")
		describeNode(b, v.Value, indent+"  value ")
	case *ast.SequenceNode:
		fmt.Fprintf(b, " flow=%v values=%d", v.IsFlowStyle, len(v.Values))
		tk("start", v.Start)
		tk("end", v.End)
		if v.IsFlowStyle {
			// fastFrontMatter makes no entries for block sequences.
			fmt.Fprintf(b, " entries=%d", len(v.Entries))
			for i, e := range v.Entries {
				tk(fmt.Sprint("entry", i), e.Start)
				if e.Value != v.Values[i] {
					fmt.Fprintf(b, " entry%d-value-differs", i)
				}
			}
		}
		b.WriteString("\n")
		for _, x := range v.Values {
			describeNode(b, x, indent+"  ")
		}
	case *ast.StringNode:
		tk("token", v.Token)
		fmt.Fprintf(b, " value=%q\n", v.Value)
	case *ast.IntegerNode:
		tk("token", v.Token)
		fmt.Fprintf(b, " value=%T(%v)\n", v.Value, v.Value)
	case *ast.FloatNode:
		tk("token", v.Token)
		fmt.Fprintf(b, " value=%v precision=%d\n", v.Value, v.Precision)
	case *ast.BoolNode:
		tk("token", v.Token)
		fmt.Fprintf(b, " value=%v\n", v.Value)
	case *ast.NullNode:
		tk("token", v.Token)
		b.WriteString("\n")
	default:
		tk("token", n.GetToken())
		b.WriteString("\n")
	}
}

// BrokenInputs returns, by name, the file of every case of the tests of
// broken files in broken_test.go.
func BrokenInputs(t testing.TB) map[string][]byte {
	return brokenInputs(t)
}

// FrontMatter returns the front matter of data as Parse reads it, from
// its opening '---' line, with line ends normalised.
func FrontMatter(data []byte) ([]byte, error) {
	block, _, _, err := split(data)
	return block, err
}
