package report

import (
	"fmt"
	"strings"
	"testing"
)

func TestAmountsAreExactInEveryUnit(t *testing.T) {
	for _, tc := range []struct {
		unit, text string
		want       Amount
		str        string
	}{
		{"万元", "1530.53", 1_530_530_000, "1530.53"},
		{"万元", "1312", 1_312_000_000, "1312"},
		{"万元", "0.000001", 1, "0.000001"},
		{"千元", "5020.00", 502_000_000, "502"},
		{"元", "1234567.89", 123_456_789, "123.456789"},
		{"元", "0", 0, "0"},
	} {
		r, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nunit: "+tc.unit+"\nincome: "+tc.text+"\n---\n"))
		if err != nil {
			t.Fatalf("%s %s: %v", tc.text, tc.unit, err)
		}
		if !r.Income.Known() || r.Income.V != tc.want || r.Income.V.String() != tc.str {
			t.Errorf("%s %s = %d (%s), want %d (%s)", tc.text, tc.unit, r.Income.V, r.Income.V, tc.want, tc.str)
		}
	}
}

func TestThreeStatesOfAFigure(t *testing.T) {
	r, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nsangong: {total: 0, abroad: null, reception: 无法识别}\nscore: 无法识别\n---\nbody\n"))
	if err != nil {
		t.Fatal(err)
	}
	sg := r.Sangong
	if sg.Total.State != Disclosed || sg.Total.V != 0 {
		t.Errorf("total %+v", sg.Total)
	}
	if sg.Abroad.State != NotDisclosed || sg.Vehicles.State != NotDisclosed {
		t.Errorf("abroad %+v vehicles %+v", sg.Abroad, sg.Vehicles)
	}
	if sg.Reception.State != Unreadable || r.Score.State != Unreadable {
		t.Errorf("reception %+v score %+v", sg.Reception, r.Score)
	}
	if sg.Total.Pos != (Pos{6, 18}) {
		t.Errorf("total at %+v", sg.Total.Pos)
	}
	if string(r.Body) != "body\n" || r.BodyLine != 9 {
		t.Errorf("body %q at line %d", r.Body, r.BodyLine)
	}
	if r.Title != "甲县局2020年度整体支出绩效自评报告" {
		t.Errorf("default title %q", r.Title)
	}
}

func TestTooManyDecimalsAndHugeNesting(t *testing.T) {
	_, err := Parse("a.md", []byte("---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nunit: 元\nincome: 1.234\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "a.md:7:9: income: 1.234 has more decimal places") {
		t.Errorf("error %v", err)
	}
	_, err = Parse("a.md", []byte("---\ncounty: "+strings.Repeat("[", 5000)+"\n---\n"))
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("error %v", err)
	}
}

func TestSkeletonIsAnIncompleteDraft(t *testing.T) {
	data := Skeleton("桃源县", 2024)
	r, err := Parse("content/new.md", data)
	if err != nil {
		t.Fatalf("skeleton does not parse: %v\n%s", err, data)
	}
	if !r.Draft || r.County != "桃源县" || r.Year != 2024 || r.Spending.Total.State != NotDisclosed {
		t.Errorf("skeleton parsed as %+v", r)
	}
	err = r.Incomplete()
	if err == nil || !strings.Contains(err.Error(), "content/new.md:8:1: department: required key is empty") ||
		!strings.Contains(err.Error(), "type: required key is empty") {
		t.Errorf("Incomplete() = %v", err)
	}
	for _, key := range topKeys {
		if _, ok := r.Keys.Lookup(key); !ok {
			t.Errorf("skeleton lacks key %s", key)
		}
	}
	// Without draft: true, the same file is an error.
	_, err = Parse("content/new.md", []byte(strings.Replace(string(data), "\ndraft: true\n", "\ndraft: false\n", 1)))
	if err == nil || !strings.Contains(err.Error(), "department: required key is empty") {
		t.Errorf("error %v", err)
	}
}

// TestDiscrepancies reads the report's own inconsistencies, as a block
// list and as a flow list, with where each item is: the same whichever
// way the front matter is read, and kept by a lean parse; anything but a
// list of text is refused at its place.
func TestDiscrepancies(t *testing.T) {
	head := "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n"
	for _, tc := range []struct {
		name, fm string
		want     []Note
	}{
		{"block", "discrepancies:\n  - 收入决算数1169.22万元，与支出合计1530.53万元不符。\n  - \"表中合计5020，正文为502万元\"\n",
			[]Note{{"收入决算数1169.22万元，与支出合计1530.53万元不符。", Pos{7, 5}}, {"表中合计5020，正文为502万元", Pos{8, 5}}}},
		{"flow", "discrepancies: [甲与乙不符, \"丙与丁不符\"]\n",
			[]Note{{"甲与乙不符", Pos{6, 17}}, {"丙与丁不符", Pos{6, 24}}}},
		{"empty", "discrepancies: []\n", nil},
	} {
		data := []byte(head + tc.fm + "---\n正文\n")
		for way, parse := range map[string]func(string, []byte) (*Report, error){
			"Parse": Parse, "without the fast path": ParseWithoutFastPath, "ParseLean": ParseLean,
		} {
			r, err := parse("a.md", data)
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, way, err)
			}
			if fmt.Sprint(r.Discrepancies) != fmt.Sprint(tc.want) {
				t.Errorf("%s, %s: %v, want %v", tc.name, way, r.Discrepancies, tc.want)
			}
			if way == "ParseLean" {
				full, err := ParseDetail("a.md", data, r)
				if err != nil || fmt.Sprint(full.Discrepancies) != fmt.Sprint(tc.want) {
					t.Errorf("%s, ParseDetail: %v, %v", tc.name, full, err)
				}
			}
		}
	}
	for _, bad := range []string{"discrepancies: 不一致\n", "discrepancies:\n  - {a: 1}\n", "discrepancies:\n  - 5\n"} {
		_, err := Parse("a.md", []byte(head+bad+"---\n"))
		if err == nil || !strings.Contains(err.Error(), "a.md:") || !strings.Contains(err.Error(), "discrepancies") {
			t.Errorf("%q: error %v; want one naming the file, place and key", bad, err)
		}
	}
}
