package report_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"

	"github.com/countyperf/portal/generator/internal/report"
)

// keysByYAML returns what Report.Keys must hold for the front matter of
// data, read with the YAML parser alone: the position of every top-level
// key, and of every key of the mappings spending, sangong and staff under
// its dotted name. It is the map that Keys was before it was encoded.
func keysByYAML(t *testing.T, name string, data []byte) map[string]report.Pos {
	t.Helper()
	block, err := report.FrontMatter(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	file, err := parser.Parse(lexer.Tokenize(string(block)), 0)
	if err != nil || len(file.Docs) != 1 {
		t.Fatalf("%s: the YAML parser refuses front matter that Parse reads: %v", name, err)
	}
	pairs := func(n ast.Node) []*ast.MappingValueNode {
		switch n := n.(type) {
		case *ast.MappingNode:
			return n.Values
		case *ast.MappingValueNode:
			return []*ast.MappingValueNode{n}
		}
		return nil
	}
	pos := func(n ast.Node) report.Pos {
		p := n.GetToken().Position
		return report.Pos{Line: p.Line, Col: p.Column}
	}
	keys := map[string]report.Pos{}
	for _, mv := range pairs(file.Docs[0].Body) {
		key := mv.Key.GetToken().Value
		keys[key] = pos(mv.Key)
		if key == "spending" || key == "sangong" || key == "staff" {
			for _, sub := range pairs(mv.Value) {
				keys[key+"."+sub.Key.GetToken().Value] = pos(sub.Key)
			}
		}
	}
	return keys
}

// TestKeysAreEveryKeyOfTheFrontMatter compares the keys of every report
// that the tests read (the bundled reports, the real texts, hostile and
// broken files, the tricky cases of the fast path and the synthetic
// corpora, all but the corpora also written in other ways) with those the YAML parser
// finds, read both ways; and KeyPos with them.
func TestKeysAreEveryKeyOfTheFrontMatter(t *testing.T) {
	files := frontMatterInputs(t)
	reports := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		all := map[string][]byte{name: files[name]}
		// The corpora are many files written alike: as written is enough.
		if len(files[name]) < 1<<20 && !strings.HasPrefix(name, "corpus/") {
			for v, d := range variants(files[name]) {
				all[name+" ("+v+")"] = d
			}
		}
		for name, data := range all {
			for _, parse := range []func(string, []byte) (*report.Report, error){report.Parse, report.ParseWithoutFastPath} {
				r, err := parse(name, data)
				if err != nil {
					continue
				}
				reports++
				want := keysByYAML(t, name, data)
				if got := maps.Collect(r.Keys.All()); !maps.Equal(got, want) {
					t.Errorf("%s: keys\n%v, want\n%v", name, got, want)
				}
				for _, k := range slices.Concat(slices.Collect(maps.Keys(want)), []string{"nothing", "evidence.score", "spending.nothing"}) {
					p, ok := want[k]
					if !ok {
						p = report.Pos{Line: 1, Col: 1}
					}
					if got := r.KeyPos(k); got != p {
						t.Errorf("%s: KeyPos(%q) = %v, want %v", name, k, got, p)
					}
				}
			}
		}
	}
	if reports < 3000 {
		t.Errorf("only %d reports compared", reports)
	}
	t.Logf("%d reports compared", reports)
}
