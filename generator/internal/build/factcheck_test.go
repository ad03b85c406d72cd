package build_test

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// factReport returns a report file: its county, year and type, then the rest
// of its front matter.
func factReport(county string, year int, typ, rest string) string {
	return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: " + strconv.Itoa(year) + "\ntype: " + typ + "\n" + rest + "---\n正文。\n"
}

// The averages across years say, beside the chart and in its summary,
// when the years hold different reports, and which years' averages count
// a figure in doubt; when every year holds the same departments, they
// say neither.
func TestYearsSayWhenReportsDiffer(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100, basic: 50, project: 40}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2021, "整体支出", "spending: {total: 300}\n"))
	p.MustBuild()
	idx := p.Page("compare/index.html")
	mustContain(t, "years", idx,
		`<p class="note">各年度收录的报告不同：2个部门中，没有一个部门每年都有报告。下面各年度的平均数之间的差别，主要来自每年收录了哪些县，不能看作同一批部门的变化；`,
		"平均支出合计最高为2021年的300万元，最低为2020年的100万元。2020年（甲县）的平均数含有数据存疑的数字，见其报告的数据核对。各年度收录的报告不同，年度之间的差别主要来自收录了哪些县，不能看作同一批部门的变化。")
	same := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2020, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 300}\n"))
	same.MustBuild()
	sidx := same.Page("compare/index.html")
	if strings.Contains(sidx, "各年度收录的报告不同") || strings.Contains(sidx, "数据存疑") {
		t.Error("the years of one department are said to hold different reports, or a figure in doubt")
	}
}

// With no report giving a publication date, feed.xml is still valid Atom
// and its updated date is a true one from the content: January 1 after
// the latest year, since reports of a year are published after it.
func TestEmptyFeedHasATrueDate(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "spending: {total: 100}\n")+
		"-- content/b.md --\n"+factReport("乙县", 2022, "项目支出", "income: 50\n"))
	p.MustBuild()
	feed := p.Page("feed.xml")
	var f struct {
		XMLName xml.Name
		Updated string     `xml:"updated"`
		Entries []struct{} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &f); err != nil {
		t.Fatal(err)
	}
	if f.XMLName.Space != "http://www.w3.org/2005/Atom" || f.XMLName.Local != "feed" || len(f.Entries) != 0 {
		t.Errorf("feed.xml is not an empty Atom feed: %s", feed)
	}
	if f.Updated != "2023-01-01T00:00:00Z" {
		t.Errorf("empty feed updated %q, want 2023-01-01T00:00:00Z", f.Updated)
	}
	q := buildtest.New(t, "-- content/a.md --\n"+factReport("甲县", 2021, "整体支出", "published: 2022-03-04\nspending: {total: 100}\n"))
	q.MustBuild()
	mustContain(t, "feed", q.Page("feed.xml"), "<updated>2022-03-04T00:00:00Z</updated>")
}
