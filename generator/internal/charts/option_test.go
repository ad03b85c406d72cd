package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// hostile are labels that a report file may hold, and some that look like
// the markers of the templates.
var hostile = []string{
	"", "海淀区", "</script><!--", "<script>alert(1)</script>", `"quoted"`, `back\slash\`, `\u003c`,
	"a&b", "&amp;", "\u2028line\u2029para", "😀🇨🇳", "\x00\x01\x1f\b\f\n\r\t\x7f", "\xff\xfe invalid",
	"\xe2\x80", "'single'", "${x}", "-", "null", "1.5",
	unitMark, catMark, nameMark + "0", nameMark + "1", "8765432.5", `"\u0001cat"`, `{"value":1}`, "[", "]",
	strings.Repeat("很长的单位名称", 300), strings.Repeat("</script>", 100),
}

// randomString returns a hostile label, or random bytes, or random runes.
func randomString(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0, 1:
		return hostile[r.IntN(len(hostile))]
	case 2:
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		return string(b)
	default:
		var sb strings.Builder
		for range r.IntN(12) {
			sb.WriteRune(rune(r.IntN(0x11000)))
		}
		sb.WriteString(hostile[r.IntN(len(hostile))])
		return sb.String()
	}
}

// specials are numbers whose rounding or formatting is out of the
// ordinary; NaN and ±Inf, and numbers that round to ±Inf, are not JSON.
var specials = []float64{
	0, math.Copysign(0, -1), 0.00004, -0.00004, 0.00005, 1e-7, -1e-7, 1e-6, 0.1 + 0.2, 1.0 / 3,
	999999999999999999999, 1e21, -1e21, 1e20, 123456789012.34567, 8765432.5, 8765433.5,
	math.MaxFloat64, 1e300, 1e305, -1e305, math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64,
}

// randomValue returns a gap or a known value, mostly finite.
func randomValue(r *rand.Rand, finite bool) Value {
	switch r.IntN(10) {
	case 0:
		return Value{}
	case 1:
		return Value{Blank: true}
	case 2:
		v := specials[r.IntN(len(specials))]
		if finite && (math.IsNaN(v) || math.Abs(v) > 1e300) {
			v = 1
		}
		return Some(v)
	case 3:
		return Some(float64(r.IntN(2000) - 1000))
	case 4:
		// In the table, not drawn.
		return Value{V: float64(r.IntN(2000) - 1000), OK: true, Undrawn: true}
	default:
		return Some(r.NormFloat64() * math.Pow(10, float64(r.IntN(16)-6)))
	}
}

// randomBars returns a chart of random shape and content. With exact set,
// every series has one value per category and the totals too, as Build
// needs; otherwise lengths may differ, which only option allows.
func randomBars(r *rand.Rand, exact, finite bool) Bars {
	b := Bars{
		ID: randomString(r), Title: randomString(r), Unit: randomString(r),
		Line: r.IntN(3) == 0, Horizontal: r.IntN(2) == 0, Stack: r.IntN(2) == 0,
		Whole: r.IntN(4) == 0,
	}
	if r.IntN(4) == 0 {
		b.Unit = ""
	}
	nCats := r.IntN(41)
	if r.IntN(10) == 0 {
		nCats = 0
	}
	if nCats > 0 || r.IntN(3) != 0 {
		b.Categories = make([]string, nCats)
		for i := range b.Categories {
			b.Categories[i] = randomString(r)
			if r.IntN(4) == 0 {
				b.Categories[i] += FlagMark // a flagged report's name
			}
		}
	}
	if r.IntN(3) == 0 {
		b.Links = make([]string, r.IntN(nCats+1))
		for i := range b.Links {
			b.Links[i] = "/c/" + strconv.Itoa(i) + "/"
		}
	}
	nSeries := 1 + r.IntN(6)
	switch r.IntN(20) {
	case 0:
		nSeries = 0
	case 1:
		nSeries = 7 + r.IntN(maxSeries+4) // beyond maxSeries, at times
	}
	if nSeries > 0 || r.IntN(2) == 0 {
		b.Series = make([]Series, nSeries)
	}
	for i := range b.Series {
		if r.IntN(5) != 0 {
			b.Series[i].Name = randomString(r)
		}
		n := nCats
		if !exact && r.IntN(5) == 0 {
			n = r.IntN(nCats + 3)
		}
		if n > 0 || r.IntN(2) == 0 {
			b.Series[i].Values = make([]Value, n)
		}
		for j := range b.Series[i].Values {
			b.Series[i].Values[j] = randomValue(r, finite)
		}
	}
	if n := len(b.Series); n > 0 && r.IntN(5) == 0 {
		b.Series[n-1].ChartOnly = true
	}
	if r.IntN(3) == 0 {
		b.Total = make([]Value, nCats)
		for i := range b.Total {
			b.Total[i] = randomValue(r, finite)
		}
	}
	return b
}

// firstDiff shows where two options first differ.
func firstDiff(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-60)
	return fmt.Sprintf("at byte %d:\ngot  …%s\nwant …%s", i, got[from:min(len(got), i+60)], want[from:min(len(want), i+60)])
}

func sameError(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error()
}

// TestOptionMatchesGoEcharts checks that the templates give the very bytes
// that go-echarts and json.Marshal give, and the same errors.
func TestOptionMatchesGoEcharts(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 6000
	if testing.Short() {
		n = 600
	}
	templated := 0
	for i := range n {
		if i%500 == 0 {
			resetTemplates() // so that the cache never fills up
		}
		b := randomBars(r, false, i%4 != 0)
		if s, ok := b.shape(); ok && templateFor(s) != nil {
			templated++
		}
		got, err := b.option()
		want, wantErr := b.echartsOption()
		if !sameError(err, wantErr) {
			t.Fatalf("chart %d: error %v, want %v", i, err, wantErr)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("chart %d: option differs %s", i, firstDiff(got, want))
		}
		if err == nil && bytes.ContainsAny(got, "<>&\u2028\u2029") {
			t.Fatalf("chart %d: option %s has a character it should escape", i, got)
		}
	}
	if templated < n*9/10 {
		t.Errorf("only %d of %d charts had a template", templated, n)
	}
}

// resetTemplates empties the template cache.
func resetTemplates() {
	templatesMu.Lock()
	templates.Store(nil)
	templatesMu.Unlock()
}

// TestOptionFullCache checks charts of new shapes once the template cache
// is full.
func TestOptionFullCache(t *testing.T) {
	resetTemplates()
	defer resetTemplates()
	full := make(map[shape]*template, maxShapes)
	for i := range maxShapes {
		full[shape{n: maxSeries + 1 + i}] = nil
	}
	templates.Store(&full)
	r := rand.New(rand.NewPCG(15, 16))
	for i := range 200 {
		b := randomBars(r, false, true)
		got, err := b.option()
		want, wantErr := b.echartsOption()
		if !sameError(err, wantErr) || !bytes.Equal(got, want) {
			t.Fatalf("chart %d: option differs %s (errors %v, %v)", i, firstDiff(got, want), err, wantErr)
		}
	}
	if m := templates.Load(); len(*m) != maxShapes {
		t.Errorf("the cache has %d shapes, want %d", len(*m), maxShapes)
	}
}

// TestOptionEdges checks charts at the edges of the shapes: nothing at
// all, empty names and lists, and values that are not JSON.
func TestOptionEdges(t *testing.T) {
	var bars []Bars
	for _, line := range []bool{false, true} {
		for _, horizontal := range []bool{false, true} {
			for _, stack := range []bool{false, true} {
				base := Bars{Line: line, Horizontal: horizontal, Stack: stack}
				withCats := base
				withCats.Categories = []string{}
				bars = append(bars, base, withCats,
					Bars{Line: line, Horizontal: horizontal, Stack: stack, Series: []Series{}},
					Bars{Line: line, Horizontal: horizontal, Stack: stack, Series: []Series{{}}},
					Bars{Line: line, Horizontal: horizontal, Stack: stack, Unit: "万元", Categories: []string{"a"},
						Series: []Series{{Name: "", Values: []Value{Some(math.NaN())}}, {Name: "b", Values: []Value{Some(1)}}}},
					Bars{Line: line, Horizontal: horizontal, Stack: stack, Categories: []string{"a", "b"},
						Series: []Series{{Name: "x", Values: []Value{Some(1), Some(1e305)}}}},
					Bars{Line: line, Horizontal: horizontal, Stack: stack, Categories: []string{"a"},
						Series: []Series{{Name: "x", Values: []Value{Some(math.Inf(-1))}}}},
				)
			}
		}
	}
	// The explorer's skeleton.
	bars = append(bars, Bars{ID: "explorer", Categories: []string{}, Series: []Series{{Name: "", Values: []Value{}}}, Horizontal: true})
	for i, b := range bars {
		got, err := b.option()
		want, wantErr := b.echartsOption()
		if !sameError(err, wantErr) || !bytes.Equal(got, want) {
			t.Errorf("chart %d %+v:\ngot  %s, %v\nwant %s, %v", i, b, got, err, want, wantErr)
		}
	}
}

// TestTemplatesCoverTypicalShapes checks that typical charts are built
// from templates rather than with go-echarts, so that a change in
// go-echarts that the templates do not understand does not go unnoticed
// as a slower build.
func TestTemplatesCoverTypicalShapes(t *testing.T) {
	resetTemplates()
	for _, b := range typicalBars() {
		s, ok := b.shape()
		first := templateFor(s)
		if !ok || first == nil {
			t.Errorf("chart %s has no template", b.ID)
		} else if again := templateFor(s); again != first {
			t.Errorf("chart %s: its template is made anew each time", b.ID)
		}
	}
	for _, line := range []bool{false, true} {
		for _, horizontal := range []bool{false, true} {
			for _, stack := range []bool{false, true} {
				for n := range 8 {
					s := shape{line: line, horizontal: horizontal, stack: stack, unit: true, cats: true, series: true,
						n: n, named: 1<<n - 1}
					if templateFor(s) == nil {
						t.Errorf("shape %+v has no template", s)
					}
				}
			}
		}
	}
}

// TestBuildMatchesReference checks whole charts, tables and summaries
// included, against the implementation the templates replaced.
func TestBuildMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for i := range n {
		if i%500 == 0 {
			resetTemplates()
		}
		b := randomBars(r, true, i%4 != 0)
		got, err := b.Build()
		want, wantErr := referenceBuild(b)
		if !sameError(err, wantErr) {
			t.Fatalf("chart %d: error %v, want %v", i, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("chart %d: option differs %s; summary %q, want %q; table %+v, want %+v",
				i, firstDiff(got.Option, want.Option), got.Summary, want.Summary, got.Table, want.Table)
		}
	}
	for _, b := range typicalBars() {
		got, err := b.Build()
		want, wantErr := referenceBuild(b)
		if err != nil || wantErr != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("chart %s:\ngot  %+v, %v\nwant %+v, %v", b.ID, got, err, want, wantErr)
		}
	}
}

// A chart of reports counts them by 份, not 项; a count, such as the
// number of reports of each year, is 最多 and 最少, not 最高 and 最低;
// and a title that ends in a bracket takes the unit of its table's
// caption inside it, not in a second bracket.
func TestReportCountWording(t *testing.T) {
	reports := Bars{ID: "a", Title: "三公经费（出国（境）、接待、公务用车；5份有数据，显示最高的3份）", Unit: "万元",
		Categories: []string{"甲县", "乙县", "丙县"}, Horizontal: true, Measure: "份",
		Series: []Series{{Name: "三公经费", Values: []Value{Some(9), Some(9), Some(4)}}},
		All:    &Extent{Known: 5, HighTies: 2, Lowest: "戊县", LowestValue: 1, LowTies: 2, CutTies: 3, CutShown: 1, CutValue: 4}}
	years := Bars{ID: "b", Title: "各年度报告数", Unit: "份", Categories: []string{"2020", "2021"}, Line: true,
		Series: []Series{{Name: "报告数", Values: []Value{Some(3), Some(7)}}}}
	for _, c := range []struct {
		b                Bars
		summary, caption string
	}{
		{reports, "5份有数据，图中为最高的3份（三公经费为4万元的共3份，图中只列出其中1份）；三公经费最高的是甲县等2份（9万元），最低的是戊县等2份（1万元）。",
			"三公经费（出国（境）、接待、公务用车；5份有数据，显示最高的3份；单位：万元）"},
		{years, "2个年度有数据，报告数最多为2021年的7份，最少为2020年的3份。", "各年度报告数（份）"},
		// Years that tie are each named.
		{Bars{ID: "e", Title: "各年度报告数", Unit: "份", Categories: []string{"2020", "2021", "2022", "2023"}, Line: true,
			Series: []Series{{Name: "报告数", Values: []Value{Some(3), Some(1), {}, Some(1)}}}},
			"3个年度有数据，报告数最多为2020年的3份，最少为2021年、2023年的1份。", "各年度报告数（份）"},
		// One year, or the same value every year: no highest and lowest.
		{Bars{ID: "c", Title: "历年支出", Unit: "万元", Categories: []string{"2021", "2022"}, Line: true,
			Series: []Series{{Name: "支出合计", Values: []Value{{}, Some(1)}}}}, "仅2022年有数据，支出合计为1万元。", "历年支出（万元）"},
		{Bars{ID: "d", Title: "历年支出", Unit: "万元", Categories: []string{"2021", "2022"}, Line: true,
			Series: []Series{{Name: "支出合计", Values: []Value{Some(1), Some(1)}}}}, "2个年度有数据，支出合计各年均为1万元。", "历年支出（万元）"},
		// Bars that all show the same: not "最高的是A等2项（8.5万元），最低的
		// 是A等2项（8.5万元）".
		{Bars{ID: "f", Title: "三公经费构成", Unit: "万元", Categories: []string{"三公经费合计", "因公出国（境）", "公务接待"}, Horizontal: true,
			Series: []Series{{Name: "金额", Values: []Value{Some(8.5), {}, Some(8.50001)}}}}, "2项有数据，金额均为8.5万元。", "三公经费构成（万元）"},
		{Bars{ID: "g", Title: "自评得分", Unit: "分", Categories: []string{"甲县", "乙县"}, Horizontal: true, Measure: "份",
			Series: []Series{{Name: "自评得分", Values: []Value{Some(100), Some(100)}}},
			All:    &Extent{Known: 5, HighTies: 5, Lowest: "戊县", LowestValue: 100, LowTies: 5}},
			"5份有数据，图中为最高的2份；自评得分均为100分。", "自评得分（分）"},
	} {
		got, err := c.b.Build()
		if err != nil {
			t.Fatal(err)
		}
		if got.Summary != c.summary {
			t.Errorf("%s: summary %q, want %q", c.b.ID, got.Summary, c.summary)
		}
		if got.Table.Caption != c.caption {
			t.Errorf("%s: caption %q, want %q", c.b.ID, got.Table.Caption, c.caption)
		}
	}
}

// TestBuildConcurrent builds charts of new shapes from many goroutines, for
// the race detector.
func TestBuildConcurrent(t *testing.T) {
	resetTemplates()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(5, uint64(g%2)))
			for range 200 {
				b := randomBars(r, true, true)
				got, err := b.option()
				want, wantErr := b.echartsOption()
				if !sameError(err, wantErr) || !bytes.Equal(got, want) {
					t.Errorf("option differs %s (errors %v, %v)", firstDiff(got, want), err, wantErr)
					return
				}
			}
		})
	}
	wg.Wait()
}

// nearExact are numbers around the bound of the shortcut that appendValue
// and Format take.
func nearExact(r *rand.Rand) []float64 {
	var vs []float64
	for _, base := range []float64{maxExact / scale, -maxExact / scale, 1e9, 1e11, 2e12, 9007199254740992 / scale} {
		for range 200 {
			vs = append(vs, base+r.Float64()*2-1, base*(1+r.NormFloat64()*1e-4), math.Nextafter(base, 0), math.Nextafter(base, math.Inf(1)))
		}
	}
	return vs
}

// TestAppendValue compares appendValue with json.Marshal of the rounded
// value, as go-echarts writes it.
func TestAppendValue(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	cases := append(append([]float64{}, specials...), nearExact(r)...)
	for range 20000 {
		cases = append(cases, r.NormFloat64()*math.Pow(10, float64(r.IntN(30)-12)),
			math.Float64frombits(r.Uint64()), float64(r.IntN(2000000)-1000000)/10000, -float64(r.IntN(10))*1e-5)
	}
	for _, v := range cases {
		checkValue(t, v)
	}
}

func checkValue(t *testing.T, v float64) {
	t.Helper()
	want, err := json.Marshal(round(v))
	got, ok := appendValue([]byte("x"), v)
	if ok != (err == nil) || ok && !bytes.Equal(got[1:], want) {
		t.Fatalf("appendValue(%v) = %s, %v, want %s, %v", v, got[1:], ok, want, err)
	}
}

func FuzzAppendValue(f *testing.F) {
	for _, v := range specials {
		f.Add(v)
	}
	f.Fuzz(checkValue)
}

// TestFormat compares Format with the implementation it replaced.
func TestFormat(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	cases := append(append([]float64{}, specials...), nearExact(r)...)
	for range 20000 {
		cases = append(cases, r.NormFloat64()*math.Pow(10, float64(r.IntN(30)-10)),
			math.Float64frombits(r.Uint64()), float64(r.IntN(100000))/10000)
	}
	for _, v := range cases {
		checkFormat(t, v)
	}
}

func checkFormat(t *testing.T, v float64) {
	t.Helper()
	if got, want := Format(v), referenceFormat(v); got != want {
		t.Fatalf("Format(%v) = %q, want %q", v, got, want)
	}
}

func FuzzFormat(f *testing.F) {
	for _, v := range specials {
		f.Add(v)
	}
	f.Fuzz(checkFormat)
}

// referenceBuild is Build as it was before the templates, with the
// table and summary as they were.
func referenceBuild(b Bars) (Chart, error) {
	c := Chart{ID: b.ID, Title: b.Title, Height: 360}
	if b.Horizontal && len(b.Categories) > 8 {
		c.Height = 120 + 28*len(b.Categories)
	}
	c.Table = referenceTable(b)
	c.Summary = referenceSummary(b)
	option, err := b.echartsOption()
	if err != nil {
		return Chart{}, err
	}
	c.Option = withDescription(option, c.Title, c.Summary)
	// The places of the derived values drawn, by series, when there are
	// any, last in the option.
	derived, some := [][]int{}, false
	for _, s := range b.Series {
		places := []int{}
		for j, v := range s.Values {
			if v.OK && v.Derived && !v.Undrawn {
				places = append(places, j)
				some = true
			}
		}
		derived = append(derived, places)
	}
	if some {
		list, err := json.Marshal(derived)
		if err != nil {
			return Chart{}, err
		}
		c.Option = append(append(bytes.TrimSuffix(c.Option, []byte("}")), `,"derived":`...), append(list, '}')...)
	}
	if n := len(b.Categories); b.Line && n > 0 {
		// A line chart's categories are its years.
		c.Years = b.Categories[0] + "年"
		if b.Categories[n-1] != b.Categories[0] {
			c.Years = b.Categories[0] + "—" + b.Categories[n-1] + "年"
		}
	}
	return c, nil
}

func referenceFormat(v float64) string {
	s := strconv.FormatFloat(round(v), 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func referenceNumCell(v Value) Cell {
	if v.Blank {
		return Cell{Text: "—", Num: true}
	}
	if !v.OK {
		return Cell{Text: "未披露", Num: true, NA: true}
	}
	return Cell{Text: referenceFormat(v.V), Num: true, Value: referenceFormat(v.V), Derived: v.Derived}
}

func referenceTable(b Bars) Table {
	t := Table{Caption: b.Title + "（" + b.Unit + "）"}
	if title, ok := strings.CutSuffix(b.Title, "）"); ok {
		t.Caption = title + "；单位：" + b.Unit + "）"
	}
	first := "县（市、区）"
	if b.Line {
		first = "年度"
	}
	t.Head = append(t.Head, Col{Label: first})
	tabled := b.Series
	if n := len(tabled); n > 0 && tabled[n-1].ChartOnly {
		tabled = tabled[:n-1] // drawn, with no column
	}
	if b.Total != nil {
		t.Head = append(t.Head, Col{Label: "合计", Num: true})
	}
	for _, s := range tabled {
		t.Head = append(t.Head, Col{Label: s.Name, Num: true})
	}
	for i, cat := range b.Categories {
		name, _, _ := strings.Cut(cat, "\n") // its first line; see Bars.Categories
		row := []Cell{{Text: name}}
		if i < len(b.Links) {
			row[0].Href = b.Links[i]
		}
		if b.Total != nil {
			row = append(row, referenceNumCell(b.Total[i]))
		}
		for _, s := range tabled {
			row = append(row, referenceNumCell(s.Values[i]))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func referenceSummary(b Bars) string {
	vals := b.Total
	name := "合计"
	if vals == nil && len(b.Series) > 0 {
		vals = b.Series[0].Values
		name = b.Series[0].Name
	}
	hi, lo := -1, -1
	n := 0
	for i, v := range vals {
		if !v.OK {
			continue
		}
		n++
		if hi < 0 || v.V > vals[hi].V {
			hi = i
		}
		if lo < 0 || v.V < vals[lo].V {
			lo = i
		}
	}
	if n == 0 {
		return "没有可比较的数据。"
	}
	high, low, w := "最高", "最低", "项"
	if b.Unit == "份" || b.Unit == "人" {
		high, low = "最多", "最少"
	}
	if b.Measure != "" {
		w = b.Measure
	}
	// Which years that show the value at are derived, said after it.
	derivedYears := func(at float64) string {
		var all, derived []string
		for i, v := range vals {
			if v.OK && referenceFormat(v.V) == referenceFormat(at) {
				all = append(all, b.Categories[i]+"年")
				if v.Derived {
					derived = append(derived, b.Categories[i]+"年")
				}
			}
		}
		switch {
		case len(derived) == 0:
			return ""
		case len(all) == 1:
			return "（推算）"
		}
		return "（" + strings.Join(derived, "、") + "为推算）"
	}
	if b.Line && n == 1 {
		return fmt.Sprintf("仅%s年有数据，%s为%s%s%s。", b.Categories[hi], name, referenceFormat(vals[hi].V), b.Unit, derivedYears(vals[hi].V))
	}
	if b.Line && referenceFormat(vals[hi].V) == referenceFormat(vals[lo].V) {
		return fmt.Sprintf("%d个年度有数据，%s各年均为%s%s。", n, name, referenceFormat(vals[hi].V), b.Unit)
	}
	if b.Line {
		// Every year whose value shows the same, a tie.
		years := func(at float64) string {
			var ys []string
			for i, v := range vals {
				if v.OK && referenceFormat(v.V) == referenceFormat(at) {
					ys = append(ys, b.Categories[i]+"年")
				}
			}
			return strings.Join(ys, "、")
		}
		return fmt.Sprintf("%d个年度有数据，%s%s为%s的%s%s%s，%s为%s的%s%s%s。",
			n, name, high, years(vals[hi].V), referenceFormat(vals[hi].V), b.Unit, derivedYears(vals[hi].V),
			low, years(vals[lo].V), referenceFormat(vals[lo].V), b.Unit, derivedYears(vals[lo].V))
	}
	// The words for a value that is derived, a name that is flagged, or both.
	marks := func(derived, flagged bool) string {
		switch {
		case derived && flagged:
			return "推算、数据存疑"
		case derived:
			return "推算"
		case flagged:
			return "数据存疑"
		}
		return ""
	}
	if n == 1 {
		only, flagged := strings.CutSuffix(b.Categories[hi], " ⚠")
		if m := marks(vals[hi].Derived, flagged); m != "" {
			return fmt.Sprintf("仅%s有数据，%s为%s%s（%s）。", only, name, referenceFormat(vals[hi].V), b.Unit, m)
		}
		return fmt.Sprintf("仅%s有数据，%s为%s%s。", b.Categories[hi], name, referenceFormat(vals[hi].V), b.Unit)
	}
	ties := func(at float64) int {
		k := 0
		for _, v := range vals {
			if v.OK && referenceFormat(v.V) == referenceFormat(at) {
				k++
			}
		}
		return k
	}
	// A name and its value, the name's mark said in words.
	named := func(cat string, k int, v float64, derived bool) string {
		name, flagged := strings.CutSuffix(cat, " ⚠")
		s, note := name, marks(derived, flagged)
		if k > 1 {
			s = fmt.Sprintf("%s等%d%s", name, k, w)
		}
		switch {
		case note != "" && k > 1 && derived:
			note = "，" + name + "为" + note
		case note != "" && k > 1:
			note = "，" + name + note
		case note != "":
			note = "，" + note
		}
		return fmt.Sprintf("%s（%s%s%s）", s, referenceFormat(v), b.Unit, note)
	}
	highTies, lowTies := ties(vals[hi].V), ties(vals[lo].V)
	lowest, lowValue, lowDerived, shown := b.Categories[lo], vals[lo].V, vals[lo].Derived, ""
	if b.All != nil {
		n, highTies, lowest, lowValue, lowTies, lowDerived = b.All.Known, b.All.HighTies, b.All.Lowest, b.All.LowestValue, b.All.LowTies, b.All.LowestDerived
		shown = fmt.Sprintf("图中为最高的%d%s；", len(b.Categories), w)
	}
	if referenceFormat(vals[hi].V) == referenceFormat(lowValue) {
		return fmt.Sprintf("%d%s有数据，%s%s均为%s%s。", n, w, shown, name, referenceFormat(lowValue), b.Unit)
	}
	return fmt.Sprintf("%d%s有数据，%s%s%s的是%s，%s的是%s。",
		n, w, shown, name, high, named(b.Categories[hi], highTies, vals[hi].V, vals[hi].Derived),
		low, named(lowest, lowTies, lowValue, lowDerived))
}

// TestBuildTakesFiguresFromTable checks the charts whose option takes its
// figures from the table's cells against the reference, with the values
// that the table and the option write otherwise (-0, values too large
// for ten-thousandths, a known value marked blank) among ordinary ones;
// a derived value's cell is marked, and draws as any other.
func TestBuildTakesFiguresFromTable(t *testing.T) {
	odd := []Value{Some(math.Copysign(0, -1)), Some(-0.00004), Some(0.00004), Some(1e10), Some(-1e10), Some(1e10 - 0.0001),
		Some(123456789012.34567), Some(1e21), {V: 5, OK: true, Blank: true}, {V: 5, Blank: true}, {V: 5, OK: true, Undrawn: true}, {}, Some(1.5), Some(-2.25),
		{V: 7.5, OK: true, Derived: true}, {Derived: true}, {V: 2, OK: true, Undrawn: true, Derived: true}}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 2000 {
		b := randomBars(r, true, true)
		for j := range b.Series {
			for k := range b.Series[j].Values {
				if r.IntN(3) == 0 {
					b.Series[j].Values[k] = odd[r.IntN(len(odd))]
				}
			}
		}
		got, err := b.Build()
		want, wantErr := referenceBuild(b)
		if !sameError(err, wantErr) {
			t.Fatalf("chart %d: error %v, want %v", i, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("chart %d: option differs %s", i, firstDiff(got.Option, want.Option))
		}
	}
}

// TestDescriptionIsSummary requires each chart's option to give ECharts
// the chart's title and summary as the description it puts in the chart's
// aria-label when it draws it, so that a view such as 人均 is described by
// its own figures, not by those of the view first shown; and the text is
// escaped as json.Marshal escapes it.
func TestDescriptionIsSummary(t *testing.T) {
	b := Bars{ID: "a", Title: "支出</script>", Unit: "万元", Categories: []string{"甲县", "乙县"}, Horizontal: true, Measure: "份",
		Series: []Series{{Name: "支出合计", Values: []Value{Some(9), Some(4)}}}}
	c, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	var o struct {
		Aria struct {
			Enabled bool
			Label   struct{ Description string }
		}
	}
	if err := json.Unmarshal(c.Option, &o); err != nil {
		t.Fatalf("the option is not JSON: %v\n%s", err, c.Option)
	}
	if want := c.Title + "。" + c.Summary; !o.Aria.Enabled || o.Aria.Label.Description != want {
		t.Errorf("aria %+v, want enabled with the description %q", o.Aria, want)
	}
	if bytes.Contains(c.Option, []byte("</script>")) {
		t.Errorf("the option holds </script>: %s", c.Option)
	}
}

// TestSummarySaysFlagInWords requires a chart's summary to say in words
// what the ⚠ after a flagged report's name means, in the brackets of its
// value, rather than leave the bare mark after the name, where it reads
// as a warning about the county: the mark stays in the chart and its
// table.
func TestSummarySaysFlagInWords(t *testing.T) {
	v := func(f ...float64) []Value {
		out := make([]Value, len(f))
		for i, x := range f {
			out[i] = Some(x)
		}
		return out
	}
	for _, c := range []struct {
		cats []string
		vals []Value
		all  *Extent
		want string
	}{
		{[]string{"甲县" + FlagMark, "乙县", "丙县"}, v(300, 200, 100),
			nil, "3份有数据，支出合计最高的是甲县（300万元，数据存疑），最低的是丙县（100万元）。"},
		{[]string{"甲县", "乙县", "丙县" + FlagMark}, v(300, 200, 100),
			nil, "3份有数据，支出合计最高的是甲县（300万元），最低的是丙县（100万元，数据存疑）。"},
		{[]string{"甲县" + FlagMark, "乙县", "丙县"}, v(300, 300, 100),
			nil, "3份有数据，支出合计最高的是甲县等2份（300万元，甲县数据存疑），最低的是丙县（100万元）。"},
		{[]string{"甲县" + FlagMark, "乙县"}, []Value{Some(300), {}},
			nil, "仅甲县有数据，支出合计为300万元（数据存疑）。"},
		// The lowest of all, named beyond the chart, said likewise.
		{[]string{"甲县", "乙县"}, v(300, 200),
			&Extent{Known: 3, HighTies: 1, Lowest: "丁县" + FlagMark, LowestValue: 50, LowTies: 1},
			"3份有数据，图中为最高的2份；支出合计最高的是甲县（300万元），最低的是丁县（50万元，数据存疑）。"},
	} {
		ch, err := Bars{ID: "x", Title: "支出合计", Unit: "万元", Categories: c.cats, Measure: "份", All: c.all,
			Series: []Series{{Name: "支出合计", Values: c.vals}}, Horizontal: true}.Build()
		if err != nil {
			t.Fatal(err)
		}
		if ch.Summary != c.want {
			t.Errorf("%q: the summary says\n%s\nwant\n%s", c.cats, ch.Summary, c.want)
		}
		// The chart and its table keep the mark.
		for i, cat := range c.cats {
			if strings.HasSuffix(cat, FlagMark) && (ch.Table.Rows[i][0].Text != cat || !strings.Contains(string(ch.Option), cat)) {
				t.Errorf("%q: the chart or its table lost the mark of %q", c.cats, cat)
			}
		}
	}
}

// TestSummarySaysDerivedInWords: a value the summary names that is
// computed from a figure the report does not give is said to be 推算 in
// its brackets, as the table marks its cell （推算）: of the one named
// when others share the value, beside 数据存疑 when the name is flagged
// too, for the lowest of all named beyond the chart, and, in a chart over
// years, of the years whose value is derived.
func TestSummarySaysDerivedInWords(t *testing.T) {
	d := func(x float64) Value { return Value{V: x, OK: true, Derived: true} }
	for _, c := range []struct {
		cats []string
		vals []Value
		all  *Extent
		line bool
		want string
	}{
		{[]string{"甲县", "乙县", "丙县"}, []Value{d(300), Some(200), Some(100)}, nil, false,
			"3份有数据，支出合计最高的是甲县（300万元，推算），最低的是丙县（100万元）。"},
		{[]string{"甲县", "乙县", "丙县" + FlagMark}, []Value{Some(300), Some(200), d(100)}, nil, false,
			"3份有数据，支出合计最高的是甲县（300万元），最低的是丙县（100万元，推算、数据存疑）。"},
		{[]string{"甲县", "乙县", "丙县"}, []Value{d(300), Some(300), Some(100)}, nil, false,
			"3份有数据，支出合计最高的是甲县等2份（300万元，甲县为推算），最低的是丙县（100万元）。"},
		// Of a tie, only the one named is said to be derived.
		{[]string{"甲县", "乙县", "丙县"}, []Value{Some(300), d(300), Some(100)}, nil, false,
			"3份有数据，支出合计最高的是甲县等2份（300万元），最低的是丙县（100万元）。"},
		{[]string{"甲县", "乙县"}, []Value{d(300), {}}, nil, false,
			"仅甲县有数据，支出合计为300万元（推算）。"},
		{[]string{"甲县", "乙县"}, []Value{Some(300), d(200)},
			&Extent{Known: 3, HighTies: 1, Lowest: "丁县", LowestValue: 50, LowTies: 1, LowestDerived: true}, false,
			"3份有数据，图中为最高的2份；支出合计最高的是甲县（300万元），最低的是丁县（50万元，推算）。"},
		// A value every report shares names none, and says nothing.
		{[]string{"甲县", "乙县"}, []Value{d(300), Some(300)}, nil, false,
			"2份有数据，支出合计均为300万元。"},
		{[]string{"2020", "2021", "2022"}, []Value{d(300), Some(200), Some(100)}, nil, true,
			"3个年度有数据，支出合计最高为2020年的300万元（推算），最低为2022年的100万元。"},
		{[]string{"2020", "2021", "2022"}, []Value{Some(300), d(300), d(100)}, nil, true,
			"3个年度有数据，支出合计最高为2020年、2021年的300万元（2021年为推算），最低为2022年的100万元（推算）。"},
		{[]string{"2020", "2021"}, []Value{{}, d(300)}, nil, true,
			"仅2021年有数据，支出合计为300万元（推算）。"},
	} {
		ch, err := Bars{ID: "x", Title: "支出合计", Unit: "万元", Categories: c.cats, Measure: "份", All: c.all, Line: c.line,
			Series: []Series{{Name: "支出合计", Values: c.vals}}, Horizontal: !c.line}.Build()
		if err != nil {
			t.Fatal(err)
		}
		if ch.Summary != c.want {
			t.Errorf("%q: the summary says\n%s\nwant\n%s", c.cats, ch.Summary, c.want)
		}
	}
}

// TestOptionListsDerivedPlaces: a chart that draws a derived value lists,
// last in its option, the places of such values in each series, for the
// page's script to mark them in the tooltip; values not known, or known
// but not drawn, are not listed; a chart without one has no such key.
func TestOptionListsDerivedPlaces(t *testing.T) {
	d := Value{V: 1, OK: true, Derived: true}
	build := func(a, b []Value) map[string]json.RawMessage {
		t.Helper()
		ch, err := Bars{ID: "x", Title: "支出", Unit: "万元", Categories: []string{"甲县", "乙县", "丙县"}, Stack: true, Horizontal: true,
			Series: []Series{{Name: "基本支出", Values: a}, {Name: "项目支出", Values: b}}}.Build()
		if err != nil {
			t.Fatal(err)
		}
		var option map[string]json.RawMessage
		if err := json.Unmarshal(ch.Option, &option); err != nil {
			t.Fatalf("the option is not JSON: %v\n%s", err, ch.Option)
		}
		return option
	}
	option := build([]Value{d, Some(2), {Derived: true}}, []Value{Some(3), {V: 1, OK: true, Derived: true, Undrawn: true}, d})
	if got := string(option["derived"]); got != "[[0],[2]]" {
		t.Errorf("derived: %s, want [[0],[2]]", got)
	}
	if _, ok := option["series"]; !ok {
		t.Error("the option lost its series")
	}
	if got, ok := build([]Value{Some(1), Some(2), {}}, []Value{Some(3), Some(4), Some(5)})["derived"]; ok {
		t.Errorf("a chart without derived values lists %s", got)
	}
}

// TestAppendSaysItToScreenReaders: sentences appended to a chart's
// summary are in the description its option gives screen readers too,
// once, and the option stays valid JSON; a chart built with them (More)
// is the chart they are appended to once built, summary and option.
func TestAppendSaysItToScreenReaders(t *testing.T) {
	b := Bars{ID: "x", Title: "支出合计", Unit: "万元", Categories: []string{"甲县", "乙县"},
		Series: []Series{{Name: "支出合计", Values: []Value{Some(1), Some(2)}}}}
	c, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	c.Append("按实有人数计算，含\"引号\"。")
	b.More = "按实有人数计算，含\"引号\"。"
	if m, err := b.Build(); err != nil || m.Summary != c.Summary || string(m.Option) != string(c.Option) {
		t.Errorf("built with More: %v\n%s\n%s\nappended:\n%s\n%s", err, m.Summary, m.Option, c.Summary, c.Option)
	}
	if !strings.HasSuffix(c.Summary, "。按实有人数计算，含\"引号\"。") {
		t.Errorf("summary %q", c.Summary)
	}
	var opt struct {
		Aria struct {
			Label struct{ Description string }
		}
	}
	if err := json.Unmarshal(c.Option, &opt); err != nil {
		t.Fatalf("option: %v\n%s", err, c.Option)
	}
	if want := c.Title + "。" + c.Summary; opt.Aria.Label.Description != want {
		t.Errorf("description %q, want %q", opt.Aria.Label.Description, want)
	}
	if n := strings.Count(string(c.Option), `"description"`); n != 1 {
		t.Errorf("%d descriptions in %s", n, c.Option)
	}
}
