package importer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestEvidenceIsTheReportsWords checks that a figure's evidence is the
// sentence as the report writes it, not as the extractor cleaned it to
// read figures: full-width digits and ．, spaces between words and
// numbers stay; invisible characters go, as cleaning drops them; and the
// draft parses.
func TestEvidenceIsTheReportsWords(t *testing.T) {
	text := "某县财政局２０２０年度部门整体支出绩效自评报告\n\n一、部门概况\n\n" +
		"２０２０年度支出合计 1530.53 万元，其中：\n\n" +
		"１．公共预算财政拨款基本支出１５８．６５万元，其中：人员经费支出129.55万元，日常公用\u200b经费支出29.1万元。\n\n" +
		"2．项目支出1312万元\u202e。\n"
	d := Extract("a.txt", text)
	for _, tc := range []struct {
		v    Value[Amount]
		want string
	}{
		{d.Spending.Total, "２０２０年度支出合计 1530.53 万元，其中："},
		{d.Spending.Basic, "１．公共预算财政拨款基本支出１５８．６５万元，其中：人员经费支出129.55万元，日常公用经费支出29.1万元。"},
		{d.Spending.Project, "2．项目支出1312万元。"},
	} {
		if !tc.v.OK || tc.v.Evidence != tc.want {
			t.Errorf("evidence %q (found %v), want %q", tc.v.Evidence, tc.v.OK, tc.want)
		}
	}
	if d.Year.Evidence != "某县财政局２０２０年度部门整体支出绩效自评报告" {
		t.Errorf("year's evidence %q", d.Year.Evidence)
	}
	d = Extract("b.txt", "平川县教育局二〇二三年度部门整体支出绩效自评报告\n\n一、部门概况\n\n二〇二三年度支出合计１００万元。\n")
	if d.Year.V != 2023 || d.Year.Evidence != "平川县教育局二〇二三年度部门整体支出绩效自评报告" {
		t.Errorf("year %d, evidence %q", d.Year.V, d.Year.Evidence)
	}
	if d.Spending.Total.Evidence != "二〇二三年度支出合计１００万元。" {
		t.Errorf("spending.total's evidence %q", d.Spending.Total.Evidence)
	}
	if _, err := report.Parse("a.md", d.Markdown()); err != nil {
		t.Fatal(err)
	}
}

// TestSourceFindsTheWords checks sourceText.find on its own: lines that
// cleaning joined are joined, a line break the sentence keeps is kept,
// tabs are spaces, the cells of a table's row are parted by a space, and
// a sentence the report does not hold (one put together, or cleaned beyond
// single characters) is returned as it is.
func TestSourceFindsTheWords(t *testing.T) {
	src := newSourceText("标题第一行 \r\n  标题第二行\n\n正文的第一句被\n  分页截断了，在这里继续。\t第二句\t有 tab。\n二〇二〇年度支出１００万元。\n\n\t年度资金总额\n\t500\n\t480\n\t452.64\n\n")
	for s, want := range map[string]string{
		"标题第一行\n标题第二行":        "标题第一行\n标题第二行",
		"正文的第一句被分页截断了，在这里继续。": "正文的第一句被分页截断了，在这里继续。",
		"第二句 有 tab。":          "第二句 有 tab。",
		"2020年度支出100万元。":      "二〇二〇年度支出１００万元。", // a year in Chinese numerals
		"支出100万元。":            "支出１００万元。",
		"本年支出合计100万元":         "本年支出合计100万元",           // put together from a table
		"年度资金总额500480452.64":  "年度资金总额 500 480 452.64", // the cells of a row
		"":                    "",
	} {
		if got := src.find(s); got != want {
			t.Errorf("find(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSeedEvidenceIsVerbatim imports the real reports of ../shared/seeds:
// where a draft's evidence for a figure is the sentence the hand-read
// truth gives for it (the same once white space and punctuation are
// folded), it is that sentence byte for byte, as the report writes it
// (such as 1．公共预算财政拨款基本支出…, not 1.公共预算…).
func TestSeedEvidenceIsVerbatim(t *testing.T) {
	shared := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	same := 0
	for _, f := range files {
		doc, err := ReadFile(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		d := Extract(f, doc.Text)
		data, err := os.ReadFile(filepath.Join(shared, "seeds", "truth", strings.TrimSuffix(filepath.Base(f), ".txt")+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var tr struct{ Evidence map[string]string }
		if err := json.Unmarshal(data, &tr); err != nil {
			t.Fatal(err)
		}
		squeeze := func(s string) string { return strings.Join(strings.Fields(fold(s)), "") }
		for _, fig := range d.figures() {
			want := strings.TrimSpace(tr.Evidence[fig.jsonKey])
			if !fig.ok || want == "" || squeeze(fig.evidence) != squeeze(want) {
				continue
			}
			same++
			if fig.evidence != want {
				t.Errorf("%s: %s: evidence %q, the report writes %q", filepath.Base(f), fig.key, fig.evidence, want)
			}
		}
	}
	t.Logf("%d figures have the truth's sentence as evidence", same)
	if same < 20 {
		t.Errorf("only %d figures have the truth's sentence as evidence; the test needs more", same)
	}
}

// TestTableRowEvidence: the evidence of a figure read from a row of an
// HTML table keeps its cells apart, as the page shows them.
func TestTableRowEvidence(t *testing.T) {
	in := filepath.Join("testdata", "review2_09_chishuiling_project_page.html")
	doc, err := ReadFile(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	d := Extract(in, doc.Text)
	if want := "年度资金总额 500 480 452.64 10 94.30% 9.43"; d.Spending.Total.Evidence != want {
		t.Errorf("evidence %q, want %q", d.Spending.Total.Evidence, want)
	}
}
