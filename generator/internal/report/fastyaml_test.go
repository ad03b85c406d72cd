package report_test

// These tests compare Parse, which reads front matter in a simple part of
// YAML with fastFrontMatter, with ParseWithoutFastPath, which reads all
// front matter with the YAML parser: the reports and the errors must be
// the same, field by field, for every input.

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// head is the required keys, in block style.
const head = "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n"

// trickyCases are front matter lines (after head) at the edges of the part
// of YAML that fastFrontMatter reads, and whether it reads them. Those it
// does not read are there to show it refuses them; the comparison with the
// YAML parser holds for both.
var trickyCases = []struct {
	name, in string
	fast     bool
}{
	{"nothing", "", true},
	{"plain text", "title: 甲县局2020年度整体支出绩效自评报告", true},
	{"trailing spaces", "title: 甲县局报告   \nunit: 万元  ", true},
	{"trailing spaces before comment", "title: 报告   # 注释", true},
	{"comment after value", "score: 97 # 自评\ngrade: 优 #", true},
	{"hash without space", "title: C#语言 a#b", true},
	{"comment lines", "# 说明\n  # 缩进的注释\nscore: 97\n# 结尾", true},
	{"blank lines", "\n\nscore: 97\n   \n\ngrade: 优\n", true},
	{"double quotes", `title: "报告：第一部分"`, true},
	{"double quotes with escapes", `title: "a\"b\\c\/d\n\te\0\a\b\v\f\r\e\ \N\_\L\P"`, true},
	{"double quotes with comment", `title: "报告"   # 注释`, true},
	{"double quote then hash", `title: "报告"#注释`, false},
	{"double quote then text", `title: "报告" 续`, false},
	{"hex escape", `title: "\x41"`, false},
	{"unicode escape", `title: "\u5e74"`, false},
	{"unknown escape", `title: "\q"`, false},
	{"unclosed double quote", `title: "报告`, false},
	{"multi-line double quote", "title: \"报\n  告\"", false},
	{"single quotes", "title: '甲''乙'", true},
	{"single quotes with backslash", `title: 'a\nb'`, true},
	{"empty quotes", "title: \"\"\nslug: ''", true},
	{"multi-line single quote", "title: '报\n  告'", false},
	{"quoted key", `"title": 报告`, false},
	{"numbers", "income: 1530.53\nscore: 97\nsangong:\n  change: -0.4\n  total: 0\n  abroad: -0\n  reception: 00.5", true},
	{"integer with leading zero", "income: 0123", false},
	{"negative integer with leading zero", "income: -01", false},
	{"hex", "income: 0x1F", false},
	{"octal", "income: 0o17", false},
	{"binary", "income: 0b101", false},
	{"underscores", "income: 1_000", false},
	{"plus", "income: +1", false},
	{"exponent", "income: 1e3", false},
	{"float exponent", "income: 1.5e3", false},
	{"leading point", "income: .5", false},
	{"trailing point", "income: 1.", false},
	{"two points", "income: 1.2.3", false},
	{"infinity", "income: .inf\nscore: -.inf", false},
	{"not a number", "income: .nan", false},
	{"huge integer", "income: 99999999999999999999", false},
	{"huge negative integer", "income: -99999999999999999999", false},
	{"largest integers", "income: 18446744073709551615\nscore: -9223372036854775808", true},
	{"long decimal", "income: " + strings.Repeat("9", 400) + ".5", false},
	{"digits and letters", "title: 12abc", false},
	{"date", "published: 2021-03-15", true},
	{"bad date", "published: 2021-13-45", true},
	{"negative date", "published: -2021-03-15", false},
	{"time", "title: 12:30", true},
	{"number and unit", "title: 100分\nslug: 1 000", true},
	{"nulls", "title: null\nslug: Null\nadcode: NULL\nsource: ~", true},
	{"booleans", "draft: false\ntitle: True\nslug: TRUE\nadcode: False\nsource: FALSE\nunit: true", true},
	{"YAML 1.1 booleans", "title: yes\nslug: no\nadcode: on\nsource: off\nunit: y\ngrade: n", true},
	{"words like numbers", "title: inf\nslug: NaN\nsource: Infinity\nunit: nan.5", true},
	{"tilde text", "title: ~x", true},
	{"underscore text", "title: _1", true},
	{"URL", "source: https://example.org/a?b=c#d", true},
	{"colon in text", "title: a:b\nslug: 'a: b'", true},
	{"colon space in text", "title: a: b", false},
	{"colon at end", "title: 报告:", false},
	{"colon before comment", "title: 报告: # c", false},
	{"merge key", "title: a<<: b", false},
	{"merge key alone", "<<: {county: 乙县}", false},
	{"brackets inside text", "title: a[b]{c},d", true},
	{"quotes inside text", `title: 关于"某某"的'报告'`, true},
	{"indicators inside text", "title: a&b*c!d|e>f%g@h`i?j-k", true},
	{"special characters", "title: =cmd|' /C calc'!A0 <b>", true},
	{"flow mapping", "spending: {total: 1, basic: 2}", false},
	{"flow sequence", "review: [a, b]", false},
	{"empty flow collections", "evidence: {}\nreview: []", false},
	{"anchor and alias", "title: &a 报告\nslug: *a", false},
	{"tag", "title: !!str 报告", false},
	{"block scalar", "title: |\n  报告", false},
	{"folded scalar", "title: >\n  报告", false},
	{"multi-line plain", "title: 报告\n  续行", false},
	{"continuation of nested value", "spending:\n  total: 1\n    2", false},
	{"nested mapping", "spending:\n  total: 1530.53\n  basic: null\nstaff:\n    authorized: 25\n    actual: 17", true},
	{"one-space nesting", "spending:\n total: 1", true},
	{"deep indentation", "spending:\n" + strings.Repeat(" ", 16) + "total: 1", true},
	{"too deep indentation", "spending:\n" + strings.Repeat(" ", 17) + "total: 1", false},
	{"inconsistent indentation", "spending:\n  total: 1\n   basic: 2", false},
	{"less indentation", "spending:\n   total: 1\n  basic: 2", false},
	{"two levels", "spending:\n  total:\n    a: 1", false},
	{"nested empty values", "spending:\n  total:\n  basic:\nsangong:\n  total:", true},
	{"empty value at the end", "review:", true},
	{"empty value before comment", "review: # 稍后\ndraft: true", true},
	{"empty values", "title:\nslug:   \nsource:", true},
	{"empty nested mapping at the end", "spending:\n  total: 1\n  basic:", true},
	{"comments in nested mapping", "spending:\n  # 注释\n  total: 1\n# 注释\n  basic: 2\n    # 深\n", true},
	{"evidence", "evidence:\n  spending.total: \"支出1530.53万元\"\n  county: 甲县\n  score: '得分：97'", true},
	{"dotted top-level key", "spending.total: 1\nspending:\n  total: 2", true},
	{"duplicate key", "title: a\ntitle: b", false},
	{"duplicate nested key", "spending:\n  total: 1\n  total: 2", false},
	{"same key in two mappings", "spending:\n  total: 1\nsangong:\n  total: 2", true},
	{"unknown keys", "foo: 1\nbar:\n  baz: 2\nkey_2.x: 3", true},
	{"key like null", "null: 1", false},
	{"key like true", "true: 1", false},
	{"key like yes", "yes: 1", true},
	{"key without space", "title:报告", false},
	{"space before colon", "title : 报告", false},
	{"key with hyphen", "a-b: 1", false},
	{"Chinese key", "标题: 报告", false},
	{"indented top level", " title: 报告", false},
	{"sequence", "review:\n  - 核对金额\n  - \"核对：得分\"\n  - 97\n  - null", true},
	{"sequence at column 1", "review:\n- 核对金额\n- 核对得分\ndraft: true", true},
	{"sequence with comments", "review:\n  # 注释\n  - a # b\n# c\n  - d", true},
	{"sequence then mapping", "review:\n  - a\n  b: c", false},
	{"empty sequence entry", "review:\n-\ndraft: true", false},
	{"empty sequence entry with comment", "review:\n  - # 空\n  - a", false},
	{"nested sequence", "review:\n  - - a", false},
	{"mapping in sequence", "review:\n  - a: b", false},
	{"sequence entry without space", "review:\n  -a", false},
	{"negative number entry", "review:\n  - -1\n  - -1.5", true},
	{"sequence under nested key", "spending:\n  total:\n  - 1", false},
	{"sequence too deep", "review:\n" + strings.Repeat(" ", 17) + "- a", false},
	{"sequence with odd indentation", "review:\n  - a\n   - b", false},
	{"document end", "...", false},
	{"document start", "--- x", false},
	{"directive", "%YAML 1.2", false},
	{"question mark key", "? title\n: 报告", false},
	{"tab in value", "title: a\tb", false},
	{"tab indentation", "spending:\n\ttotal: 1", false},
	{"ideographic space", "title: \u3000报告\u3000", true},
	{"ideographic space after colon", "title:\u3000报告", false},
	{"ideographic space line", "title: 报告\n\u3000", false},
	{"no-break space", "title: \u00a0报告", true},
	{"line separator", "title: 报\u2028告", true},
	{"BOM inside", "title: \ufeff报告", true},
	{"reserved first character", "title: @a", false},
	{"backquote first character", "title: `a`", false},
	{"percent first character", "title: %a", false},
	{"dash first character", "title: - a", false},
	{"dash text", "title: -a", false},
	{"long title", "title: " + strings.Repeat("长", report.MaxText+1), true},
	{"long county in quotes", "prefecture: \"" + strings.Repeat("长", report.MaxName+1) + "\"", true},
	{"unknown keys and a syntax error", "kkk: 1\nfoo: 2\nbar: 3\nbaz: [\n", false},
	{"wrong types", "unit: 美元\nscore: 101\ngrade: A\nstaff:\n  actual: 1.5\n  authorized: -1\ndraft: 1\nreview: a\nspending: 1\nevidence: x\nadcode: 43072\nslug: A B\nsource: ftp://a\npublished: 2021/01/01", true},
	{"wrong year and type", "---\ncounty: 1\ndepartment: true\nyear: 二〇二〇\ntype: 1", true},
	{"values the walker refuses", "spending:\n  total: 1.1234567\n  foo: 1\nincome: -5\nsangong:\n  change: -5\nevidence:\n  foo: x\n  score: 1", true},
}

// trickyFile returns the file of a tricky case: its lines after head, or
// after its own '---' line.
func trickyFile(in string) []byte {
	if in != "" && !strings.HasSuffix(in, "\n") {
		in += "\n"
	}
	if strings.HasPrefix(in, "---\n") {
		return []byte(in + "---\n正文\n")
	}
	return []byte(head + in + "---\n正文\n")
}

// hostileFiles returns files that carry each hostile string in every kind
// of scalar the fast path reads.
func hostileFiles() map[string][]byte {
	out := map[string][]byte{}
	for i, h := range testseeds.Hostile {
		for j, fm := range []string{
			"title: " + h + "\nreview: [" + h + "]\n",
			"title: " + h + "\nreview:\n  - " + h + "\n",
			"title: \"" + strings.ReplaceAll(strings.ReplaceAll(h, `\`, `\\`), `"`, `\"`) + "\"\n",
			"title: '" + strings.ReplaceAll(h, "'", "''") + "'\n",
			"evidence:\n  score: " + h + "\n  grade: '" + strings.ReplaceAll(h, "'", "''") + "'\n",
			"source: " + h + "\nslug: " + h + "\n",
		} {
			out[fmt.Sprintf("%02d-%d", i, j)] = []byte(head + fm + "---\n" + h)
		}
	}
	return out
}

// corpusFiles are synthetic corpora, generated once.
var corpusFiles = sync.OnceValues(func() (map[string][]byte, error) {
	return generate(
		corpus.Options{Seed: 1, Reports: 1200},
		corpus.Options{Seed: 2, Reports: 400, Departments: 3, FirstYear: 2021, Years: 4, BodyBytes: corpus.Range{Min: 100, Max: 400}},
	)
})

// generate returns the files of corpora, by name.
func generate(opts ...corpus.Options) (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "report-fastpath-corpus-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := map[string][]byte{}
	for i, opt := range opts {
		sub := filepath.Join(dir, string(rune('a'+i)))
		if err := corpus.Generate(sub, opt); err != nil {
			return nil, err
		}
		err := filepath.WalkDir(sub, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out["corpus/"+filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// variants returns data written in other ways that YAML reads the same:
// with CRLF line ends, a BOM, spaces at the ends of lines, comments and
// other indentation; and the same front matter without its body.
func variants(data []byte) map[string][]byte {
	s := string(data)
	block, body, _ := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
	return map[string][]byte{
		"CRLF":            []byte(strings.ReplaceAll(s, "\n", "\r\n")),
		"BOM":             []byte("\ufeff" + s),
		"trailing spaces": []byte("---\n" + strings.ReplaceAll(block, "\n", "  \n") + " \n---\n" + body),
		"comments":        []byte("---\n# 注释\n" + strings.ReplaceAll(block, "\n", " # 注释\n\n") + "\n---\n" + body),
		"indentation":     []byte("---\n" + strings.ReplaceAll(block, "\n  ", "\n    ") + "\n---\n" + body),
		"column 1 lists":  []byte("---\n" + strings.ReplaceAll(block, "\n  - ", "\n- ") + "\n---\n" + body),
		"no body":         []byte("---\n" + block + "\n---\n"),
	}
}

// same parses data both ways and reports any difference.
func same(t *testing.T, name string, data []byte) {
	t.Helper()
	in := bytes.Clone(data)
	stop := testseeds.Watchdog(20*time.Second, "Parse")
	r1, err1 := report.Parse(name, data)
	r2, err2 := report.ParseWithoutFastPath(name, data)
	stop()
	if !bytes.Equal(in, data) {
		t.Fatalf("%s: Parse changed its input", name)
	}
	if !reflect.DeepEqual(err1, err2) || errString(err1) != errString(err2) {
		t.Errorf("%s: errors differ\nfast path: %.3000v\nYAML:      %.3000v", name, err1, err2)
		return
	}
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("%s: reports differ\nfast path: %+v\nYAML:      %+v", name, r1, r2)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestFastPathIsTheYAMLParser compares the two ways of reading front
// matter on the bundled reports, the synthetic corpora, hostile text, the
// broken files of the other tests and the tricky cases, and on each
// written in other ways.
func TestFastPathIsTheYAMLParser(t *testing.T) {
	files := map[string][]byte{}
	for _, f := range testseeds.Reports(t) {
		files[f.Name] = f.Data
	}
	for _, f := range testseeds.Texts(t) {
		files["text/"+f.Name] = append([]byte(head+"---\n"), f.Data...)
	}
	for name, data := range hostileFiles() {
		files["hostile/"+name] = data
	}
	for name, data := range report.BrokenInputs(t) {
		files["broken/"+name] = data
	}
	for _, tc := range trickyCases {
		files["tricky/"+tc.name] = trickyFile(tc.in)
	}
	gen, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range gen {
		files[name] = data
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		same(t, name, data)
		if len(data) < 1<<20 {
			for v, d := range variants(data) {
				same(t, name+" ("+v+")", d)
			}
		}
	}
}

// TestFastPathReadsReports: the fast path is taken for the bundled reports,
// for every corpus file written in block style and for the tricky cases
// meant for it, and refused for the others.
func TestFastPathReadsReports(t *testing.T) {
	for _, f := range testseeds.Reports(t) {
		if !report.FastPathReads(f.Data) {
			t.Errorf("%s: not read by the fast path", f.Name)
		}
	}
	gen, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	block := 0
	for name, data := range gen {
		fm, _, _ := bytes.Cut(data[4:], []byte("\n---\n"))
		if bytes.ContainsAny(fm, "{[") {
			continue // flow style, which the fast path leaves to the YAML parser
		}
		block++
		if !report.FastPathReads(data) {
			t.Errorf("%s: not read by the fast path:\n%s", name, fm)
		}
	}
	if block < len(gen)/2 {
		t.Errorf("only %d of %d corpus files are in block style", block, len(gen))
	}
	for _, tc := range trickyCases {
		if got := report.FastPathReads(trickyFile(tc.in)); got != tc.fast {
			t.Errorf("%s: fast path %v, want %v", tc.name, got, tc.fast)
		}
	}
}

// FuzzFastPath compares the two ways of reading front matter on fuzzed
// files, and on fuzzed front matter.
func FuzzFastPath(f *testing.F) {
	for _, s := range testseeds.Reports(f) {
		f.Add(s.Data)
	}
	for _, data := range hostileFiles() {
		f.Add(data)
	}
	for _, data := range report.BrokenInputs(f) {
		if len(data) < 16<<10 {
			f.Add(data)
		}
	}
	for _, tc := range trickyCases {
		f.Add(trickyFile(tc.in))
		f.Add(bytes.TrimSuffix(bytes.TrimPrefix(trickyFile(tc.in), []byte("---\n")), []byte("---\n正文\n")))
	}
	// A small corpus: each fuzzing process makes its seeds.
	gen, err := generate(
		corpus.Options{Seed: 3, Reports: 100},
		corpus.Options{Seed: 4, Reports: 60, Departments: 2, BodyBytes: corpus.Range{Min: 100, Max: 300}},
	)
	if err != nil {
		f.Fatal(err)
	}
	for _, data := range gen {
		f.Add(data)
		// The front matter alone, read as such below.
		fm, _, _ := bytes.Cut(data[4:], []byte("\n---\n"))
		f.Add(fm)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		same(t, "dir/a.md", data)
		// data as front matter, so that mutations keep the '---' lines.
		same(t, "dir/b.md", append(append([]byte("---\n"), data...), "\n---\n正文\n"...))
	})
}
