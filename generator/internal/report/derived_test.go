package report

import (
	"fmt"
	"strings"
	"testing"
)

// TestDerived reads derived:, the figures a file's writer computed from
// the report's other figures, at every way of reading a file: in the
// order of DerivableKeys whatever the order written, kept by a lean load
// and by ParseDetail.
func TestDerived(t *testing.T) {
	head := "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n" +
		"sangong: {total: 0, abroad: 0, reception: 0, vehicles: 0}\nstaff: {authorized: 13}\n"
	for _, tc := range []struct {
		name, fm string
		want     []string
	}{
		{"block", "derived:\n  - staff.authorized\n  - sangong.total\n", []string{"sangong.total", "staff.authorized"}},
		{"flow", "derived: [sangong.total]\n", []string{"sangong.total"}},
		{"empty", "derived: []\n", nil},
		{"null", "derived: null\n", nil},
		{"absent", "", nil},
	} {
		data := []byte(head + tc.fm + "---\n正文\n")
		for way, parse := range everyParse {
			r, err := parse("a.md", data)
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, way, err)
			}
			if fmt.Sprint(r.Derived) != fmt.Sprint(tc.want) {
				t.Errorf("%s, %s: %v, want %v", tc.name, way, r.Derived, tc.want)
			}
			for _, k := range DerivableKeys {
				want := strings.Contains(fmt.Sprint(tc.want), k)
				if r.IsDerived(k) != want {
					t.Errorf("%s, %s: IsDerived(%s) = %v", tc.name, way, k, !want)
				}
			}
			if way == "ParseLean" {
				full, err := ParseDetail("a.md", data, r)
				if err != nil || fmt.Sprint(full.Derived) != fmt.Sprint(tc.want) {
					t.Errorf("%s, ParseDetail: %v, %v", tc.name, full, err)
				}
			}
		}
	}
}

// TestDerivedErrors: a name that is no derivable figure, one listed
// twice and one whose figure the file does not give are each refused
// where they are written, naming the key; a list in full-width brackets
// is said to be one.
func TestDerivedErrors(t *testing.T) {
	head := "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nsangong: {total: 0, abroad: null, reception: 无法识别}\n"
	for _, tc := range []struct{ fm, want string }{
		{"derived: [score]\n", `a.md:7:11: derived: "score" is not the name of a figure that may be derived`},
		{"derived:\n  - 三公经费合计\n", `a.md:8:5: derived: "三公经费合计" is not the name`},
		{"derived:\n  - sangong.total\n  - sangong.total\n", "a.md:9:5: derived: sangong.total is listed twice, the first time on line 8"},
		{"derived: [sangong.abroad]\n", "a.md:7:11: derived: sangong.abroad has no value above"},
		{"derived: [sangong.reception]\n", "a.md:7:11: derived: sangong.reception has no value above"},
		{"derived: [spending.total]\n", "a.md:7:11: derived: spending.total has no value above"},
		{"derived: sangong.total\n", "a.md:7:10: derived: expected a list of text"},
		// Brackets typed with a Chinese input method.
		{"derived: ［sangong.total］\n", "a.md:7:10: derived: the list is in the full-width brackets ［］, which YAML reads as text: write [sangong.total] with ASCII brackets"},
		{"review: 【核对合计】\n", "a.md:7:9: review: the list is in the full-width brackets 【】, which YAML reads as text: write [核对合计] with ASCII brackets"},
	} {
		for way, parse := range everyParse {
			_, err := parse("a.md", []byte(head+tc.fm+"---\n"))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%q, %s: error %v; want %q", tc.fm, way, err, tc.want)
			}
		}
	}
}
