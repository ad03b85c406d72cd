package site

import (
	"fmt"
	"maps"
	"math"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

func TestSlugify(t *testing.T) {
	for name, want := range map[string]string{
		"桃源县":        "tao-yuan-xian",
		"江华瑶族自治县":    "jiang-hua-yao-zu-zi-zhi-xian",
		"宁乡市":        "ning-xiang-shi",
		"常宁市":        "chang-ning-shi",
		"长沙市":        "chang-sha-shi",
		"重庆市":        "chong-qing-shi",
		"六安市":        "lu-an-shi",
		"单县":         "shan-xian",
		"厦门市":        "xia-men-shi",
		"朝阳区":        "chao-yang-qu",
		"沈丘县":        "shen-qiu-xian",
		"行政审批服务局":    "xing-zheng-shen-pi-fu-wu-ju",
		"!!!":        "x",
		"广东省":        "guang-dong-sheng",
		"西藏自治区":      "xi-zang-zi-zhi-qu",
		"武汉市":        "wu-han-shi",
		"汉寿县":        "han-shou-xian",
		"通道侗族自治县":    "tong-dao-dong-zu-zi-zhi-xian",
		"喀什市":        "ka-shi-shi",
		"莆田市":        "pu-tian-shi",
		"东莞市":        "dong-guan-shi",
		"歙县":         "she-xian",
		"漯河市":        "luo-he-shi",
		"邳州市":        "pi-zhou-shi",
		"乐亭县":        "lao-ting-xian",
		"柏乡县":        "bai-xiang-xian",
		"桐柏县":        "tong-bai-xian",
		"黄陂区":        "huang-pi-qu",
		"长子县":        "zhang-zi-xian",
		"长治市":        "chang-zhi-shi",
		"繁峙县":        "fan-shi-xian",
		"枞阳县":        "zong-yang-xian",
		"浚县":         "xun-xian",
		"泌阳县":        "bi-yang-xian",
		"荥阳市":        "xing-yang-shi",
		"盱眙县":        "xu-yi-xian",
		"牟平区":        "mu-ping-qu",
		"中国人民银行某县支行": "zhong-guo-ren-min-yin-hang-mou-xian-zhi-hang",
		"畜牧兽医局":      "xu-mu-shou-yi-ju",
		"会计核算中心":     "kuai-ji-he-suan-zhong-xin",
		"万州区":        "wan-zhou-qu",
		"万宁市":        "wan-ning-shi",
		"覃塘区":        "qin-tang-qu",
		"黄埔区":        "huang-pu-qu",
		"大埔县":        "da-bu-xian",
		"筠连县":        "jun-lian-xian",
		"尉犁县":        "yu-li-xian",
		"尉氏县":        "wei-shi-xian",
		"龙圩区":        "long-xu-qu",
		"叶县":         "ye-xian",
		"大厂回族自治县":    "da-chang-hui-zu-zi-zhi-xian",
		"景宁畲族自治县":    "jing-ning-she-zu-zi-zhi-xian",
		"大箐山县":       "da-qing-shan-xian",
		"漾濞彝族自治县":    "yang-bi-yi-zu-zi-zhi-xian",
		"第一中学":       "di-yi-zhong-xue",
		"县一中":        "xian-yi-zhong",
	} {
		if got := Slugify(name); got != want {
			t.Errorf("Slugify(%s) = %s, want %s", name, got, want)
		}
	}
	if got := Initials("tao-yuan-xian"); got != "tyx" {
		t.Errorf("Initials = %s", got)
	}
}

func parse(t *testing.T, name, fm string) *report.Report {
	t.Helper()
	r, err := report.Parse(name, []byte("---\n"+fm+"\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func rep(t *testing.T, name, county, prefecture string, year int, extra string) *report.Report {
	fm := fmt.Sprintf("county: %s\ndepartment: 财政局\nyear: %d\ntype: 整体支出\n", county, year)
	if prefecture != "" {
		fm += "prefecture: " + prefecture + "\n"
	}
	return parse(t, name, fm+extra)
}

func TestCollidingSlugsAreDistinctStableAndWarned(t *testing.T) {
	a := rep(t, "a.md", "衡山县", "衡阳市", 2020, "")
	b := rep(t, "b.md", "横山县", "榆林市", 2020, "")
	for _, order := range [][]*report.Report{{a, b}, {b, a}} {
		s, err := Assemble(order, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, c := range s.Counties {
			got[c.Name] = c.Slug
		}
		if got["衡山县"] != "heng-shan-xian-heng-yang-shi" || got["横山县"] != "heng-shan-xian-yu-lin-shi" {
			t.Errorf("slugs %v", got)
		}
		want := "counties share the slug heng-shan-xian, so each was given another: 横山县 of b.md → heng-shan-xian-yu-lin-shi, 衡山县 of a.md → heng-shan-xian-heng-yang-shi; " +
			"to choose one, set slug: in the front matter (这些县的名称转成拼音后相同，已按前面所列分别改用不同的 slug；如要自己指定，请在前置信息中填写 slug:)"
		if len(s.Warnings) != 1 || s.Warnings[0] != want {
			t.Errorf("warnings %q\nwant %q", s.Warnings, want)
		}
	}
}

func TestSlugKeyOverrides(t *testing.T) {
	s, err := Assemble([]*report.Report{
		rep(t, "a.md", "衡山县", "衡阳市", 2020, "slug: hengshan"),
		rep(t, "b.md", "横山县", "榆林市", 2020, ""),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	slugs := []string{s.Counties[0].Slug, s.Counties[1].Slug}
	if !(slugs[0] == "hengshan" && slugs[1] == "heng-shan-xian") && !(slugs[1] == "hengshan" && slugs[0] == "heng-shan-xian") {
		t.Errorf("slugs %v", slugs)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings %v", s.Warnings)
	}
	_, err = Assemble([]*report.Report{
		rep(t, "a.md", "衡山县", "衡阳市", 2020, "slug: hengshan"),
		rep(t, "b.md", "衡山县", "衡阳市", 2021, "slug: heng"),
	}, nil)
	if err == nil || !strings.Contains(err.Error(), `b.md:7:1: slug: "heng" differs from "hengshan" given for 衡山县 in a.md:7 (与另一个文件中同一县的 slug 不一致；slug 一般留空即可)`) {
		t.Errorf("error %v", err)
	}
	// An adcode too names the file and line of the other.
	_, err = Assemble([]*report.Report{
		rep(t, "a.md", "衡山县", "衡阳市", 2020, "adcode: \"430423\""),
		rep(t, "b.md", "衡山县", "衡阳市", 2021, "adcode: \"430424\""),
	}, nil)
	if err == nil || !strings.Contains(err.Error(), `b.md:7:1: adcode: 430424 differs from 430423 given for 衡山县 in a.md:7 (`) {
		t.Errorf("error %v", err)
	}
}

func TestCountiesJoinAcrossYearsAndPrefectures(t *testing.T) {
	s, err := Assemble([]*report.Report{
		rep(t, "a.md", "甲县", "乙市", 2020, "spending: {total: 10}\nstaff: {actual: 4}"),
		rep(t, "b.md", "甲县", "", 2021, "spending: {total: 30}"),
		rep(t, "c.md", "丙县", "", 2021, "spending: {total: 20}\nscore: 90"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Counties) != 2 {
		t.Fatalf("%d counties", len(s.Counties))
	}
	var jia *County
	for _, c := range s.Counties {
		if c.Name == "甲县" {
			jia = c
		}
	}
	if len(jia.Reports) != 2 || jia.Reports[0].Year != 2021 || jia.Reports[0].Prev != jia.Reports[1] {
		t.Fatalf("甲县 reports not joined and linked: %+v", jia.Reports)
	}
	if r := jia.Reports[0].Rank("total"); r != (Rank{1, 2, 1}) {
		t.Errorf("rank %+v", r)
	}
	if jia.Reports[0].Rank("score") != (Rank{}) {
		t.Error("a report with no score has a score rank")
	}
	if v, ok := MetricByKey("total_per_staff").Value(jia.Reports[1]); !ok || v != 2.5 {
		t.Errorf("per staff %v %v", v, ok)
	}
	if s.LatestYear != 2021 || len(s.Years) != 2 || s.Years[0] != 2021 {
		t.Errorf("years %v latest %d", s.Years, s.LatestYear)
	}

	// A name shared by two prefectures needs the prefecture.
	_, err = Assemble([]*report.Report{
		rep(t, "a.md", "甲县", "乙市", 2020, ""),
		rep(t, "b.md", "甲县", "丁市", 2020, ""),
		rep(t, "c.md", "甲县", "", 2021, ""),
	}, nil)
	if err == nil || !strings.Contains(err.Error(), "c.md:2:1: county: 甲县 names more than one county (in 丁市, 乙市); give its prefecture (有不止一个同名的县，请填写 prefecture（所属地市）)") {
		t.Errorf("error %v", err)
	}
}

// TestReportWithoutProvinceJoinsItsPrefecturesCounty: a report that
// names its prefecture but not its province joins the county of its
// name and prefecture that names one, when there is one only: a county
// of its own would share the county's slug, and take both another, so
// that a new report whose province: was left empty moved the county's
// published pages. A report without prefecture then still joins the
// one county of its name.
func TestReportWithoutProvinceJoinsItsPrefecturesCounty(t *testing.T) {
	withProvince := rep(t, "a.md", "桃源县", "常德市", 2020, "province: 湖南省")
	for _, order := range [][]*report.Report{
		{withProvince, rep(t, "b.md", "桃源县", "常德市", 2021, "")},
		{rep(t, "0.md", "桃源县", "常德市", 2021, ""), withProvince},
		{withProvince, rep(t, "b.md", "桃源县", "常德市", 2021, ""), rep(t, "c.md", "桃源县", "", 2022, "")},
	} {
		s, err := Assemble(order, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Counties) != 1 || len(s.Counties[0].Reports) != len(order) || s.Counties[0].Slug != "tao-yuan-xian" || s.Counties[0].Province != "湖南省" || len(s.Warnings) > 0 {
			t.Errorf("%d counties: %+v, warnings %q", len(s.Counties), s.Counties[0], s.Warnings)
		}
	}
	// Of two provinces, it joins neither: a county of its own.
	s, err := Assemble([]*report.Report{withProvince, rep(t, "b.md", "桃源县", "常德市", 2019, "province: 湖北省"), rep(t, "c.md", "桃源县", "常德市", 2021, "")}, nil)
	if err != nil || len(s.Counties) != 3 {
		t.Errorf("two provinces: %v, %d counties", err, len(s.Counties))
	}
}

func TestEqualValuesShareARank(t *testing.T) {
	s, err := Assemble([]*report.Report{
		rep(t, "a.md", "甲县", "", 2020, "score: 90"),
		rep(t, "b.md", "乙县", "", 2020, "score: 90"),
		rep(t, "c.md", "丙县", "", 2020, "score: 80"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	places := map[string]Rank{}
	for _, r := range s.Reports {
		places[r.County.Name] = r.Rank("score")
	}
	if places["甲县"] != (Rank{1, 3, 2}) || places["乙县"] != (Rank{1, 3, 2}) || places["丙县"] != (Rank{3, 3, 1}) {
		t.Errorf("ranks %v", places)
	}

	// Values that show the same share a place: 4.56/19 and 2.64/11 both
	// show 0.24, though their quotients differ in the last bits.
	s, err = Assemble([]*report.Report{
		rep(t, "a.md", "甲县", "", 2020, "sangong: {total: 4.56}\nstaff: {actual: 19}"),
		rep(t, "b.md", "乙县", "", 2020, "sangong: {total: 2.64}\nstaff: {actual: 11}"),
		rep(t, "c.md", "丙县", "", 2020, "sangong: {total: 1}\nstaff: {actual: 10}"),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Reports {
		places[r.County.Name] = r.Rank("sangong_per_staff")
	}
	if places["甲县"] != (Rank{1, 3, 2}) || places["乙县"] != (Rank{1, 3, 2}) || places["丙县"] != (Rank{3, 3, 1}) {
		t.Errorf("per staff ranks %v", places)
	}
}

// Ranks agree with their definition: a report's place is one more than
// the number of reports of the same year, type and kind of department
// with a higher value;
// equal values share a place, and each says how many share it;
// undisclosed values are not ranked.
func TestRanksAsDefined(t *testing.T) {
	var rs []*report.Report
	for i := range 300 {
		extra := fmt.Sprintf("spending: {total: %d, basic: %d}\nscore: %d", 100+i%13, 50+i%4, 80+i%7)
		if i%5 == 0 {
			extra = fmt.Sprintf("score: %d", 80+i%7) // spending undisclosed
		}
		departments := [...]string{"财政局", "教育局", "教育和体育局", "文旅局", "气象局"}
		rs = append(rs, repOf(t, fmt.Sprintf("r%03d.md", i), fmt.Sprintf("县%d", i), departments[(i/3)%5], 2019+i%3, "整体支出", "prefecture: 某市\n"+extra))
	}
	s, err := Assemble(rs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range s.Reports {
		for mi, m := range Metrics {
			v, ok := m.Value(r)
			want := Rank{}
			if ok {
				for _, o := range s.Reports {
					if o.Year != r.Year || o.Type != r.Type || DepartmentKind(o.Department) != DepartmentKind(r.Department) {
						continue
					}
					if ov, ook := m.Value(o); ook {
						want.Of++
						d := math.Round(ov*10000) - math.Round(v*10000) // as shown
						if d > 0 {
							want.Place++
						}
						if d == 0 {
							want.Tied++
						}
					}
				}
				want.Place++
			}
			if r.Ranks[mi] != want {
				t.Fatalf("%s, %s: rank %+v, want %+v", r.File, m.Key, r.Ranks[mi], want)
			}
		}
	}
}

func TestLabelsTellSameNamedCountiesApart(t *testing.T) {
	s, err := Assemble([]*report.Report{
		rep(t, "a.md", "和平区", "天津市", 2020, "province: 天津市"),
		rep(t, "b.md", "和平区", "沈阳市", 2020, "province: 辽宁省"),
		rep(t, "c.md", "新华区", "新华市", 2020, "province: 河北省"),
		rep(t, "d.md", "新华区", "新华市", 2021, "province: 河南省"),
		rep(t, "e.md", "甲县", "乙市", 2020, ""),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range s.Counties {
		got[c.Reports[0].File] = c.Label
	}
	want := map[string]string{
		"a.md": "和平区（天津市）", "b.md": "和平区（沈阳市）", // by prefecture
		"c.md": "新华区（河北省）", "d.md": "新华区（河南省）", // the prefecture is shared: by province
		"e.md": "甲县",
	}
	if !maps.Equal(got, want) {
		t.Errorf("labels %v, want %v", got, want)
	}
	for _, r := range s.Reports {
		if r.Label() != r.County.Label {
			t.Errorf("%s: report label %q, want its county's %q", r.File, r.Label(), r.County.Label)
		}
	}
}

// TestHeading: a report page's title names the county, leading with it
// when the report's own title does not.
func TestHeading(t *testing.T) {
	for _, c := range []struct{ title, want string }{
		{"2020年度行政审批服务局部门整体支出预算绩效自评报告", "雨花区：2020年度行政审批服务局部门整体支出预算绩效自评报告"},
		{"长沙市雨花区行政审批服务局2020年度绩效自评报告", "长沙市雨花区行政审批服务局2020年度绩效自评报告"},
	} {
		r := rep(t, "a.md", "雨花区", "长沙市", 2020, "title: "+c.title)
		s, err := Assemble([]*report.Report{r}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Reports[0].Heading(); got != c.want {
			t.Errorf("Heading() = %q, want %q", got, c.want)
		}
	}
}

// TestOneCodeOneCounty: a county's name mistyped in one file, with the
// code of the county it means, is refused, rather than made a county of
// its own whose slug moves the real county's page.
func TestOneCodeOneCounty(t *testing.T) {
	_, err := Assemble([]*report.Report{
		rep(t, "a.md", "桃源县", "常德市", 2020, `adcode: "430725"`),
		rep(t, "b.md", "桃源县：", "常德市", 2021, `adcode: "430725"`),
	}, nil)
	want := `b.md:7:1: adcode: 430725 is also the code of 常德市桃源县 in a.md:7, and a code names one county: correct this file's county: (or prefecture:) to that one's, or its adcode: (区划代码430725已用于a.md:7 中的常德市桃源县，一个区划代码只对应一个县：请把这个文件的 county:（或 prefecture:）改得与那个文件一致，或改正 adcode:)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nwant %s", err, want)
	}
	// The same county's files share its code.
	if _, err := Assemble([]*report.Report{
		rep(t, "a.md", "桃源县", "常德市", 2020, `adcode: "430725"`),
		rep(t, "b.md", "桃源县", "", 2021, `adcode: "430725"`),
	}, nil); err != nil {
		t.Error(err)
	}
}

// TestSlugTakesNoOtherCountysAddress: a slug: that is another county's
// own address is refused; the slug of a county's own name, which another
// county's name shares, keeps the plain address for it.
func TestSlugTakesNoOtherCountysAddress(t *testing.T) {
	_, err := Assemble([]*report.Report{
		rep(t, "a.md", "祁东县", "衡阳市", 2021, ""),
		rep(t, "b.md", "桃源县", "常德市", 2021, "slug: qi-dong-xian"),
	}, nil)
	want := `b.md:7:1: slug: "qi-dong-xian" is the address of 衡阳市祁东县 (of a.md): delete this line, or choose another slug (这个 slug 是衡阳市祁东县的网址，见 a.md：请删除这一行，或改用别的 slug)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v\nwant %s", err, want)
	}
	s, err := Assemble([]*report.Report{
		rep(t, "a.md", "衡山县", "衡阳市", 2020, "slug: heng-shan-xian"),
		rep(t, "b.md", "横山县", "榆林市", 2020, ""),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range s.Counties {
		got[c.Name] = c.Slug
	}
	if got["衡山县"] != "heng-shan-xian" || got["横山县"] != "heng-shan-xian-yu-lin-shi" {
		t.Errorf("slugs %v", got)
	}
}

// TestLabelAndKey: a report's label names its county, with its department
// when its county has several reports of its year and type or the year's
// reports of the type come from several departments, and with its project
// when its department has two such reports; its key says the same in
// slugs. Both are made once, as the site is assembled, and stay what
// they would be made again.
func TestLabelAndKey(t *testing.T) {
	dep := func(name, county, department string, year int, extra string) *report.Report {
		return parse(t, name, fmt.Sprintf("county: %s\ndepartment: %s\nyear: %d\ntype: 整体支出\n%s", county, department, year, extra))
	}
	project := func(name, county string, year int, project string) *report.Report {
		return parse(t, name, fmt.Sprintf("county: %s\ndepartment: 财政局\nyear: %d\ntype: 项目支出\nproject: %s\n", county, year, project))
	}
	s, err := Assemble([]*report.Report{
		dep("a.md", "甲县", "财政局", 2020, ""), // alone in 2020
		dep("b.md", "甲县", "财政局", 2021, ""), // 2021 has two departments
		dep("c.md", "甲县", "教育局", 2021, ""),
		dep("d.md", "乙县", "财政局", 2021, ""),  // one report, but 2021's are of two departments
		project("e.md", "甲县", 2021, "道路养护"), // two projects of one department
		project("f.md", "甲县", 2021, "农田水利"),
		project("g.md", "乙县", 2020, "道路养护"), // the only 项目支出 report of its year
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"a.md": {"甲县", "jia-xian"},
		"b.md": {"甲县·财政局", "jia-xian.cai-zheng-ju"},
		"c.md": {"甲县·教育局", "jia-xian.jiao-yu-ju"},
		"d.md": {"乙县·财政局", "yi-xian.cai-zheng-ju"},
		"e.md": {"甲县·财政局·道路养护", "jia-xian.cai-zheng-ju.dao-lu-yang-hu"},
		"f.md": {"甲县·财政局·农田水利", "jia-xian.cai-zheng-ju.nong-tian-shui-li"},
		"g.md": {"乙县", "yi-xian"},
	}
	for _, r := range s.Reports {
		w := want[r.File]
		if r.Label() != w[0] || r.Key() != w[1] {
			t.Errorf("%s: label %q, key %q; want %q, %q", r.File, r.Label(), r.Key(), w[0], w[1])
		}
		if r.label == "" || r.label != r.makeLabel() || r.key != r.makeKey(r.makeLabel()) {
			t.Errorf("%s: assembled with label %q and key %q, made again %q and %q", r.File, r.label, r.key, r.makeLabel(), r.makeKey(r.makeLabel()))
		}
	}
}
