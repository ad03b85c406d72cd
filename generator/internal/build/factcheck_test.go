package build_test

import (
	"encoding/xml"
	"strconv"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// factReport returns a report file: its county, year and type, then the rest
// of its front matter.
func factReport(county string, year int, typ, rest string) string {
	return "---\ncounty: " + county + "\ndepartment: 财政局\nyear: " + strconv.Itoa(year) + "\ntype: " + typ + "\n" + rest + "---\n正文。\n"
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
