package report

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// TestPlainScalarsAreTypedAsByTokenNew compares the node fastYAML.plain
// makes of every short string of characters that matter to YAML's types
// with the token that token.New, which the YAML scanner calls, makes of
// it: where plain does not refuse the string, the type and value are the
// same.
func TestPlainScalarsAreTypedAsByTokenNew(t *testing.T) {
	alphabet := []string{"0", "1", "9", "-", "+", ".", "_", "e", "x", "o", "b", "n", "I", "~", " ", ":", "/", "中"}
	words := []string{
		"null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "no", "on", "off", "y", "n",
		".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "inf", "nan", "Infinity", "-Infinity", "NaN",
		"0x1F", "0o17", "0b101", "017", "08", "0.5", "00.5", "-0", "-0.0", "1_000", "1.5e3", "1e3", "1E3", "12abc",
		"2021-03-15", "2021-03-15T10:00:00Z", "12:30", "1 000", "1,000", "100%", "100分", "无法识别",
		"18446744073709551615", "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
		strings.Repeat("9", 400) + ".5", "0x1.8p1", "1.", ".5", "-.5", "1..2", "_1", "~x",
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
	read := 0
	for _, w := range words {
		// As fastYAML.value passes plain scalars to plain.
		text := strings.Trim(w, " ")
		if text == "" || strings.Contains(text, " #") {
			continue
		}
		n := f.plain(text, 1, 1)
		if n == nil {
			continue
		}
		read++
		want := token.New(text, text, &token.Position{Line: 1, Column: 1})
		got := n.GetToken()
		if got.Type != want.Type || got.Value != want.Value || got.Origin != want.Origin ||
			got.CharacterType != want.CharacterType || got.Indicator != want.Indicator {
			t.Errorf("%q: token %+v, want %+v", text, *got, *want)
			continue
		}
		var wantNode ast.Node
		switch want.Type {
		case token.NullType:
			wantNode = ast.Null(want)
		case token.BoolType:
			wantNode = ast.Bool(want)
		case token.IntegerType:
			wantNode = ast.Integer(want)
		case token.FloatType:
			wantNode = ast.Float(want)
		case token.StringType:
			wantNode = ast.String(want)
		default:
			t.Errorf("%q: read as a %v", text, want.Type)
			continue
		}
		if !reflect.DeepEqual(n, wantNode) {
			t.Errorf("%q: node %#v, want %#v", text, n, wantNode)
		}
	}
	if read < len(words)/4 {
		t.Errorf("only %d of %d words read", read, len(words))
	}
}

// TestReportsOwnTheirText: a report read by the fast path keeps none of
// the front matter's memory alive. Its names and dates are shared with
// the other reports that give the same; its title and source are in one
// string of its own, and its review notes and evidence in another (which
// a lean load drops); its key names are the package's constants.
func TestReportsOwnTheirText(t *testing.T) {
	files := testseeds.Reports(t)
	// And in flow style.
	files = append(files, testseeds.File{Name: "flow.md", Data: []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n" +
		"title: \"甲县局2020年度整体支出绩效自评报告\"\nspending: {total: 1530.53, basic: 158.65, project: null}\n" +
		"sangong: {total: 0, abroad: null, reception: 无法识别}\nstaff: {authorized: 25, actual: 17}\n" +
		"evidence: {spending.total: \"支出1530.53万元\", county: 甲县, score: '得分：97'}\nscore: 97\n" +
		"review: [核对金额, \"核对：得分\"]\nsource: https://example.org/a\npublished: 2021-06-30\n---\n正文\n")})
	for _, file := range files {
		if !FastPathReads(file.Data) {
			t.Errorf("%s: not read by the fast path", file.Name)
		}
		r, err := Parse(file.Name, file.Data)
		if err != nil {
			t.Fatal(err)
		}
		// The same file again, in other memory.
		again, err := Parse(file.Name, bytes.Clone(file.Data))
		if err != nil {
			t.Fatal(err)
		}
		inFile := func(s string) bool {
			p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			start := uintptr(unsafe.Pointer(unsafe.SliceData(file.Data)))
			return s != "" && p >= start && p < start+uintptr(len(file.Data))
		}
		names := []string{r.County, r.Adcode, r.Prefecture, r.Province, r.Department, r.Published, r.Slug}
		for i, s := range []string{again.County, again.Adcode, again.Prefecture, again.Province, again.Department, again.Published, again.Slug} {
			if inFile(names[i]) || unsafe.StringData(s) != unsafe.StringData(names[i]) {
				t.Errorf("%s: name %q is not shared", file.Name, s)
			}
		}
		notes := slices.Clone(r.Review)
		for _, s := range r.Evidence {
			notes = append(notes, s)
		}
		own, dropped := span(t, file.Name, r.Title, r.Source), span(t, file.Name, notes...)
		for _, s := range slices.Concat([]string{r.Title, r.Source}, notes) {
			if inFile(s) {
				t.Errorf("%s: %q is text of the file", file.Name, s)
			}
		}
		if own[1] > own[0] && dropped[1] > dropped[0] && own[0] < dropped[1] && dropped[0] < own[1] {
			t.Errorf("%s: the title and source share memory with the review notes and evidence", file.Name)
		}
		if len(r.Keys) == 0 || inFile(string(r.Keys)) || &r.Keys[0] == &again.Keys[0] {
			t.Errorf("%s: key positions are not the report's own", file.Name)
		}
		for k := range r.Evidence {
			if unsafe.StringData(k) != unsafe.StringData(knownKeys[k]) {
				t.Errorf("%s: evidence key %s is not the constant", file.Name, k)
			}
		}
	}
}

// span checks that texts are laid end to end, in some order, in one
// string of their total length, and returns where it starts and ends.
func span(t *testing.T, name string, texts ...string) [2]uintptr {
	t.Helper()
	lo, hi, n := uintptr(0), uintptr(0), uintptr(0)
	for _, s := range texts {
		if s == "" {
			continue
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		if n == 0 || p < lo {
			lo = p
		}
		hi = max(hi, p+uintptr(len(s)))
		n += uintptr(len(s))
	}
	if hi-lo != n {
		t.Errorf("%s: %d bytes of text span %d bytes of memory", name, n, hi-lo)
	}
	return [2]uintptr{lo, hi}
}

// TestFastPathConcurrently parses reports at the same time, each giving
// the same report as alone: the pool of nodes is not shared between
// parses. Run it with -race.
func TestFastPathConcurrently(t *testing.T) {
	files := testseeds.Reports(t)
	want := make([]*Report, len(files))
	for i, f := range files {
		var err error
		if want[i], err = parseFile(f.Name, f.Data, false); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				k := (g + i) % len(files)
				r, err := Parse(files[k].Name, files[k].Data)
				if err != nil || !reflect.DeepEqual(r, want[k]) {
					t.Errorf("%s: %v, report differs: %v", files[k].Name, err, !reflect.DeepEqual(r, want[k]))
				}
			}
		})
	}
	wg.Wait()
}

// TestKnownKey: knownKey finds every known key, as the same constant as
// knownKeys, and nothing else.
func TestKnownKey(t *testing.T) {
	for name, k := range knownKeys {
		got, ok := knownKey(strings.Clone(name))
		if !ok || unsafe.StringData(got) != unsafe.StringData(k) {
			t.Errorf("knownKey(%q) = %q, %v", name, got, ok)
		}
		for _, other := range []string{name[1:], name + "s", strings.ToUpper(name), "x" + name, name[:len(name)-1] + "_"} {
			_, want := knownKeys[other]
			if _, ok := knownKey(other); ok != want {
				t.Errorf("knownKey(%q) is %v", other, ok)
			}
		}
	}
	for _, s := range []string{"", "a", "Z", "_x", "0", "spending.personnel.x", "abcdefghijklmnopqrstuvwxyz"} {
		if _, ok := knownKey(s); ok {
			t.Errorf("knownKey(%q) is true", s)
		}
	}
}
