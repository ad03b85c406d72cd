package check

import (
	"slices"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// A note of discrepancies disputes the amounts it quotes with a unit of
// money, in 万元 or in the report's own unit; figures of one value are
// told apart by the word before the number; a gap of rounding, a number
// without a unit, a score and a staff count dispute nothing.
func TestNotedKeys(t *testing.T) {
	wan := func(v float64) report.Money {
		return report.Money{State: report.Disclosed, V: report.Amount(v * report.FenPerWan)}
	}
	r := &report.Report{Unit: "万元", Score: report.Field[float64]{State: report.Disclosed, V: 100}}
	r.Spending.Total, r.Spending.Basic, r.Income = wan(947.59), wan(940.12), wan(947.59)
	r.Sangong.Total = wan(0.01)
	r.Staff.Actual = report.Field[int]{State: report.Disclosed, V: 15}
	for _, c := range []struct {
		note string
		want []string
	}{
		{"按功能分类列出的各项支出相加为940.12万元，不是财政拨款支出合计947.59万元。", []string{"spending.total", "spending.basic"}},
		{"收入预算数1127.69万元，小于报告说它包含的收入947.59 万元。", []string{"income"}},
		{"表中合计为9475900元，正文为947.59万元以外的数。", []string{"spending.total", "income"}}, // no word before: both
		{"合计为940.12（表格未标单位）。", nil},
		{"相差0.01万元。", nil},
		{"评分表各部分共100分，在职15人。", nil},
		{"决算数9401200元与基本支出不符。", []string{"spending.basic"}},
	} {
		if got := notedKeys(r, c.note); !slices.Equal(got, c.want) {
			t.Errorf("notedKeys(%q) = %q, want %q", c.note, got, c.want)
		}
	}
	// A score given without a grade disputes nothing; against its grade,
	// both.
	missing := Finding{Rule: "grade.score", Severity: Warning, Keys: scoreKeys}
	against := Finding{Rule: "grade.score", Severity: Discrepancy, Keys: gradeKeys}
	if got := missing.Disputes(); got != nil {
		t.Errorf("a score without a grade disputes %q", got)
	}
	if got := against.Disputes(); !slices.Equal(got, gradeKeys) {
		t.Errorf("a grade against its score disputes %q, want %q", got, gradeKeys)
	}
}
