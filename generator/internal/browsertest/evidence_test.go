package browsertest

import (
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestEvidenceQuotesNotDoubled opens a report page whose evidence
// sentences begin or end with quotation marks of their own: the page puts
// “ and ” around a sentence, but no second pair around one quoted whole
// already (““项目支出40万元。”” would double it), and never one mark
// alone.
func TestEvidenceQuotesNotDoubled(t *testing.T) {
	browser(t)
	p := buildtest.New(t, `-- content/a.md --
---
county: 甲县
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100, basic: 60, project: 40}
sangong: {total: 8.5, reception: 8.5}
score: 90
evidence:
  spending.total: "支出合计100万元。"
  spending.basic: '"三公经费"较上年增加0.4万元。'
  spending.project: "“项目支出40万元。”"
  sangong.total: "报告称「三公经费8.5万元」"
  score: '自评得分90分，见"附表"'
---
正文。
`)
	p.MustBuild()
	host, base := serveBuilt(t, p)
	tb := open(t, p.Out, base, host, base+"report/jia-xian/2020-cai-zheng-ju-zheng-ti.html")
	if !tb.waitFor(`document.querySelectorAll('q.evidence').length === 5`, 5*time.Second) {
		t.Fatalf("the report page has %d evidence quotes; want 5", eval[int](tb, `document.querySelectorAll('q.evidence').length`))
	}
	// What the reader sees of each quote: the sentence, with the marks the
	// stylesheet puts before and after it.
	got := eval[[]string](tb, `Array.from(document.querySelectorAll('q.evidence')).map(q => {
  const mark = (pseudo) => { const c = getComputedStyle(q, pseudo).content;
    return c === 'open-quote' ? '“' : c === 'close-quote' ? '”' : c === 'none' || c === 'normal' || c.startsWith('no-') ? '' : c; };
  return mark('::before') + q.textContent + mark('::after'); })`)
	want := []string{
		"“支出合计100万元。”",
		// A mark at one end is a quotation within the sentence: the
		// pair goes around it, not one mark left unmatched.
		`“"三公经费"较上年增加0.4万元。”`,
		"“项目支出40万元。”",
		"“报告称「三公经费8.5万元」”",
		`“自评得分90分，见"附表"”`,
	}
	if len(got) != len(want) {
		t.Fatalf("the evidence reads %q; want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("evidence %d reads %s; want %s", i+1, got[i], want[i])
		}
	}
	tb.report(tb.logProblems())
}
