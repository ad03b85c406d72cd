package report

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

const fuzzHeader = "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n"

// FuzzParse parses fuzzed files. Parse must not panic or hang; it returns
// either a report or errors, never both; every error is an *Error that
// begins with the file's name and points inside the file; a report has its
// required keys (unless a draft) and its body is the end of the file; and
// the same input gives the same result twice; and front matter that Parse
// accepts has no slip (see slips).
func FuzzParse(f *testing.F) {
	for _, s := range testseeds.Reports(f) {
		f.Add(s.Data)
	}
	for _, s := range testseeds.Texts(f) {
		f.Add(append([]byte(fuzzHeader+"---\n"), s.Data...))
	}
	for _, h := range testseeds.Hostile {
		f.Add([]byte(fuzzHeader + "title: " + h + "\nreview: [" + h + "]\n---\n" + h))
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "\ufeff---\r\ncounty: 甲县\r\n---\r\n", "---\ncounty: &a x\ndepartment: *a\n---\n",
		fuzzHeader + "review: [[[[[\n---\n", fuzzHeader + "review:\n  - - - - x\n---\n", fuzzHeader + "evidence:\n  score: |\n    x\n---\n",
		fuzzHeader + "spending: {total: 1.5, basic: 无法识别}\nsangong: {change: -1}\nunit: 元\nscore: 99.5\ngrade: 优\nstaff: {actual: 3}\n---\n",
		fuzzHeader + "draft: true\npublished: 2021-01-01\nsource: https://example.org/\nslug: a-b\nadcode: \"430725\"\n---\n",
		// Slips (see slips) and numbers in quotes or with decoration.
		fuzzHeader + "score：97\ngrade:优\nstaff:\n\tauthorized: 25\n   actual: 17\n\u3000\n---\n",
		fuzzHeader + "title: \"报告\nspending:\n  total: 1\n \u3000basic: {a: [1\nreview:\n  - '甲\n  - |\n    score:97\n---\n",
		fuzzHeader + "income: \"1,530.53万元\"\nscore: ９７\nsangong:\n  change: '-0.4'\n---\n",
		// Slips with other errors after them: a key given twice in a flow
		// mapping, and a key indented by a full-width space after a list.
		fuzzHeader + "spending: {total: 100, basic: {a: 1, \"a\": 2},\n  total: 200}\nscore: 970\nincome: 1,354\n---\n",
		fuzzHeader + "title: 关于: 报告\ndiscrepancies:\n  - 甲\n\u3000score: 97\nincome: 1,354\n---\n",
		// A key indented by a full-width space under an open mapping,
		// whose name is also a top-level key's.
		fuzzHeader + "evidence:\n  spending.total: \"x\"\n\u3000income: \"a\"\n\u3000score: \"b\"\n---\n",
		fuzzHeader + "score：97\nstaff:\n  actual: 17\n\u3000grade: 优\n---\n",
		// A quote not closed inside brackets that are.
		fuzzHeader + "sangong: [1, \"2]\nscore: 97\n---\n",
		// Keys indented by a full-width space or tab after a flow mapping.
		fuzzHeader + "staff: {actual: 2}\n\u3000authorized: 3\n\u3000basic: '1'  # 注释\n---\n",
		fuzzHeader + "score：97\nstaff: { }\n\tauthorized: 3\nspending: {total: 1,\n  basic: 2}\n\u3000project: \"3\n---\n",
		// Invisible characters, a value and keys of spending, Chinese
		// names of keys, numbers cut by commas in braces, an empty item.
		fuzzHeader + "unit:\u00a0万元\nspending: 1\n  total: 1\n\u00a0\u00a0basic: \ufeff2\nsco\u2060re: 97\n三公经费：1\ntitle:\n支出:1\n---\n",
		fuzzHeader + "staff: {authorized: 1,019, actual: 8,5}\npublished: 2024年5月18日\nreview:\n  -\n  - \n基本支出: 1\n---\n",
		fuzzHeader + "discrepancies:\n-\u00a0甲\n  乙\nreview:\n  - a\n  -\u200bb\ntitle:\n  -\u00a0c\n---\n",
		// A mapping written both ways: in braces on its line and as keys
		// indented below it; a value mended of another slip before keys.
		fuzzHeader + "spending: {total: 100万元, basic: 50}\n  project: 20\n\n  # 注释\n  basic：1\nscore: 970\n---\n",
		fuzzHeader + "sangong: {total: 1, a: {b: \"c,\"}}  # x\n  total: 2\n\t abroad: 0\nstaff: {}\n  actual: 1\n---\n",
		fuzzHeader + "sangong: {total: 1\n  abroad: 0\nstaff: \"2\n  actual: 3\nevidence: a: b\n  score: \"x\"\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytes.Clone(data)
		stop := testseeds.Watchdog(10*time.Second, "Parse")
		start := time.Now()
		r, err := Parse("dir/a.md", data)
		stop()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Parse took %v on %d bytes", d, len(data))
		}
		if !bytes.Equal(in, data) {
			t.Fatal("Parse changed its input")
		}
		if (r == nil) == (err == nil) {
			t.Fatalf("Parse returned report %v and error %v", r != nil, err)
		}
		lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) + 2
		for _, e := range flatten(err) {
			var pe *Error
			if !errors.As(e, &pe) {
				t.Errorf("error %q is a %T, not an *Error", e, e)
				continue
			}
			if pe.File != "dir/a.md" || !strings.HasPrefix(e.Error(), "dir/a.md") {
				t.Errorf("error %q does not name the file", e)
			}
			if pe.Line < 0 || pe.Col < 0 || pe.Line > lines || (pe.Line > 0) != (pe.Col > 0) {
				t.Errorf("error %q points outside the file (%d lines)", e, lines)
			}
		}
		if r != nil {
			if r.File != "dir/a.md" {
				t.Errorf("report of file %q", r.File)
			}
			if !r.Draft && (r.County == "" || r.Department == "" || r.Year == 0 || r.Type == "") {
				t.Errorf("a report without its required keys: %+v", r)
			}
			if r.County != "" && r.Title == "" {
				t.Error("no title")
			}
			norm := bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
			if !bytes.HasSuffix(norm, r.Body) || r.BodyLine < 3 {
				t.Errorf("body %.40q at line %d is not the end of the file", r.Body, r.BodyLine)
			}
			for _, s := range []string{r.County, r.Prefecture, r.Province, r.Department, r.Title} {
				if strings.ContainsAny(s, "\n\r\x00") {
					t.Errorf("name or title %q spans lines", s)
				}
			}
			if slips := Slips("dir/a.md", data); len(slips) > 0 {
				t.Errorf("Parse accepts the file, but slips finds %v", slips)
			}
		}
		r2, err2 := Parse("dir/a.md", data)
		if (r2 == nil) != (r == nil) || errString(err) != errString(err2) {
			t.Errorf("a second Parse differs: %v / %v", err, err2)
		}
		// ParseLean is Parse without the body, evidence and review notes.
		lean, lerr := ParseLean("dir/a.md", data)
		if r != nil {
			r.Body, r.Evidence, r.Review = nil, nil, nil
		}
		if errString(lerr) != errString(err) || !reflect.DeepEqual(lean, r) {
			t.Errorf("ParseLean differs from Parse: %+v, %v\nParse: %+v, %v", lean, lerr, r, err)
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// flatten returns the errors joined in err.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
