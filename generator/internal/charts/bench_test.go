package charts

import (
	"fmt"
	"testing"
)

// typicalBars returns charts like those a site build makes: a report's
// composition chart, a county's trend charts and a compare chart.
func typicalBars() []Bars {
	money := func(i int) Value {
		if i%7 == 3 {
			return Value{}
		}
		return Some(float64(i*1234567%100000) / 100)
	}
	composition := Bars{ID: "composition", Title: "支出与三公经费构成", Unit: "万元",
		Categories: []string{"支出合计", "基本支出", "人员经费", "公用经费", "项目支出", "三公经费", "因公出国（境）", "公务接待", "公务用车"},
		Horizontal: true}
	s := Series{Name: "金额"}
	for i := range composition.Categories {
		s.Values = append(s.Values, money(i))
	}
	composition.Series = []Series{s}

	years := []string{"2019", "2020", "2021", "2022", "2023", "2024"}
	trend := Bars{ID: "c-spending", Title: "历年支出", Unit: "万元", Categories: years, Line: true}
	for k, name := range []string{"支出合计", "基本支出", "项目支出"} {
		s := Series{Name: name}
		for i := range years {
			s.Values = append(s.Values, money(i+k*10))
		}
		trend.Series = append(trend.Series, s)
	}
	score := Bars{ID: "c-score", Title: "历年自评得分", Unit: "分", Categories: years, Line: true,
		Series: []Series{{Name: "自评得分", Values: []Value{Some(91.5), Some(93), {}, Some(95.25), Some(96), Some(97.125)}}}}

	compare := Bars{ID: "spending", Title: "各县支出", Unit: "万元", Stack: true, Horizontal: true}
	names := []string{"基本支出", "项目支出", "未分项或差额"}
	compare.Series = make([]Series, len(names))
	for i, n := range names {
		compare.Series[i].Name = n
	}
	for c := 0; c < 30; c++ {
		compare.Categories = append(compare.Categories, fmt.Sprintf("某某县财政局%d", c))
		compare.Links = append(compare.Links, fmt.Sprintf("/county/x%d/", c))
		for i := range names {
			compare.Series[i].Values = append(compare.Series[i].Values, money(c*3+i))
		}
		compare.Total = append(compare.Total, money(c))
	}
	return []Bars{composition, trend, score, compare}
}

// BenchmarkBuild builds a mix of typical charts; each op is one Build.
func BenchmarkBuild(b *testing.B) {
	bars := typicalBars()
	for _, bb := range bars {
		b.Run(bb.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bb.Build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuildReference builds the same charts as BenchmarkBuild the way
// Build did before the templates, for comparison.
func BenchmarkBuildReference(b *testing.B) {
	bars := typicalBars()
	for _, bb := range bars {
		b.Run(bb.ID, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := referenceBuild(bb); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
