package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/countyperf/portal/generator/internal/report"
)

// FuzzBodyLimits holds the body limits of the report package to what the
// Markdown parser makes of a body they accept: no table of more than
// report.MaxTableColumns columns, no more than report.MaxTableCells
// cells in all, and no link reference definition whose destination or
// title is longer than report.MaxLinkLength. The report package counts
// on the text, erring towards counting; the parser must never find more.
func FuzzBodyLimits(f *testing.F) {
	wide := func(cols int, prefix string) string {
		return prefix + strings.Repeat("|a", cols) + "|\n" + prefix + strings.Repeat("|-", cols) + "|\n" + strings.Repeat(prefix+"a\n", 3)
	}
	for _, s := range []string{
		wide(64, ""), wide(65, ""), wide(65, "> "), wide(65, "- "), wide(65, "  "), "a|b\n" + strings.Repeat("-|", 70) + "-\nx",
		"- a\n" + wide(65, "  "), "> a\n" + wide(65, ">"), "1. |a|\n   |-|\n   " + strings.Repeat("x\n", 10),
		"```\n" + wide(70, "") + "```\n" + wide(3, ""), "|a|b|\n|:-:|--:|\n|1|2|\n\n" + wide(10, ""),
		"[r]: /" + strings.Repeat("a", 3000), "[r]:\n/" + strings.Repeat("a", 3000), "> [r]:\n> <" + strings.Repeat("a", 3000) + ">",
		"[r]: / '" + strings.Repeat("t\n", 1500) + "'", "[a\nb]: /" + strings.Repeat("a", 3000), "- [r]: /x (" + strings.Repeat("t", 3000) + ")",
		"[a]: /a\n[b]: /" + strings.Repeat("b", 3000), "[a]: /a \"t\"\n[b]: /" + strings.Repeat("b", 3000),
		"   [r]: /" + strings.Repeat("a", 3000), "正文\n[r]: /" + strings.Repeat("a", 3000),
		"[" + strings.Repeat("标签", 1000) + "]: /" + strings.Repeat("a", 3000),
		"[r]:\n- [r]: /" + strings.Repeat("a", 3000), "[x]: /a\n\"t\n- [r]: /a\"" + strings.Repeat("a", 3000),
		"[x]: /a \"" + strings.Repeat("t", 1500) + "\n\u3000\n" + strings.Repeat("t", 1500) + "\"",
	} {
		f.Add(s)
	}
	// Blocks of marks that report counts apart, and lines that look like
	// such blocks but that the parser reads as one paragraph.
	marks := strings.Repeat("[a", 100)
	for _, s := range []string{
		"|a|b|\n|-|-|\n" + strings.Repeat("|"+marks+"|"+marks+"|\n", 6),
		"|a|\n|-|-|\n" + strings.Repeat("|"+marks+"|\n", 6),
		"# a|b\n|-|-|\n" + strings.Repeat("|"+marks+"|\n", 6),
		"|a|\n|-|\n> x\n" + strings.Repeat(marks+"\n", 6),
		"|a|\n|-|\n- x\n" + strings.Repeat(marks+"\n", 6),
		"|a|\n|-|\n***\n" + strings.Repeat(marks+"\n", 6),
		"|a|\n|-|\n|" + marks + "|\n" + strings.Repeat(marks+"\n", 6) + "===\n",
		strings.Repeat("- "+marks+"\n", 6), strings.Repeat("1. "+marks+"\n", 6), "文字\n" + strings.Repeat("2. "+marks+"\n", 6),
		strings.Repeat("## "+marks+"\n", 6), "- a\n" + strings.Repeat("  "+marks+"\n", 6), "> - |a|\n> |-|\n" + strings.Repeat("> |"+marks+"|\n", 6),
		// A list item, or a quote, indented as a list item's text ends
		// the table above it.
		"-   | h |\n|-|-|\n    - " + marks + "\n" + strings.Repeat("    a"+marks+"\n", 6),
		"-   | h |\n|-|-|\n    > " + marks + "\n" + strings.Repeat("    a"+marks+"\n", 6),
		"|a|\n|-|-|\n" + strings.Repeat("|"+marks+"|\n", 6), "|a|b|c|\n|-|-|\n" + strings.Repeat("|"+marks+"|\n", 6),
	} {
		f.Add(s)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return
		}
		r, err := report.Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n---\n"+body))
		if err != nil {
			return
		}
		// The body as the site renders it: Parse has made every line end
		// a newline.
		pc := parser.NewContext()
		doc := md.Parser().Parse(text.NewReader(r.Body), parser.WithContext(pc))
		cells := 0
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch v := n.(type) {
			case *east.Table:
				if len(v.Alignments) > report.MaxTableColumns {
					t.Errorf("accepted a table of %d columns", len(v.Alignments))
				}
			case *east.TableCell:
				cells++
			}
			// Each block whose text the parser reads as one (a
			// paragraph, a heading, a list item's text, a table's cell)
			// holds at most report.MaxMarks marks, which report counts
			// per such block.
			switch n.(type) {
			case *ast.Paragraph, *ast.Heading, *ast.TextBlock, *east.TableCell:
				if m := marksIn(n, r.Body); m > report.MaxMarks {
					t.Errorf("accepted a %s of %d marks", n.Kind(), m)
				}
			}
			return ast.WalkContinue, nil
		})
		if cells > report.MaxTableCells {
			t.Errorf("accepted tables of %d cells", cells)
		}
		for _, ref := range pc.References() {
			if len(ref.Destination()) > report.MaxLinkLength || len(ref.Title()) > report.MaxLinkLength {
				t.Errorf("accepted a reference of a %d-byte destination and a %d-byte title", len(ref.Destination()), len(ref.Title()))
			}
		}
	})
}

// marksIn counts the emphasis marks (runs of * or _) and link brackets
// ([) in the text of block n of source, as report counts them.
func marksIn(n ast.Node, source []byte) int {
	count := 0
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := seg.Value(source)
		for j := 0; j < len(line); j++ {
			switch c := line[j]; {
			case c == '\\':
				j++
			case c == '[', (c == '*' || c == '_') && (j == 0 || line[j-1] != c):
				count++
			}
		}
	}
	return count
}
