package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// src returns a report file of type 整体支出 whose front matter has county,
// prefecture, department, year and type on lines 2 to 6, and body from
// line 7 on. Prefectures are fixed per county so that tests need not
// repeat them.
func src(county string, year int, body string) string {
	return srcT(county, report.TypeWhole, year, body)
}

// srcT is src with a report type.
func srcT(county, typ string, year int, body string) string {
	pref := map[string]string{
		"桃源县": "常德市", "祁东县": "衡阳市", "雨花区": "长沙市",
		"沅江市": "益阳市", "江华瑶族自治县": "永州市",
	}[county]
	if pref == "" {
		pref = "某市"
	}
	return fmt.Sprintf("---\ncounty: %s\nprefecture: %s\ndepartment: 行政审批服务局\nyear: %d\ntype: %s\n%s---\n正文\n",
		county, pref, year, typ, body)
}

// parse parses a report file, failing the test on any error.
func parse(t testing.TB, file, text string) *report.Report {
	t.Helper()
	r, err := report.Parse(file, []byte(text))
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	return r
}

// result checks the reports together and returns r's result for the rule.
func result(t *testing.T, rule string, r *report.Report, others ...*report.Report) Result {
	t.Helper()
	errs, per := Reports(append([]*report.Report{r}, others...))
	if len(errs) > 0 {
		t.Fatalf("unexpected file errors: %v", errs)
	}
	for _, res := range per[r] {
		if res.Rule == rule {
			return res
		}
	}
	t.Fatalf("no result for rule %s", rule)
	return Result{}
}

// at formats a finding's place as file:line:col.
func at(f Finding) string { return fmt.Sprintf("%s:%d:%d", f.File, f.Pos.Line, f.Pos.Col) }

// want is the expected outcome of a rule on a report.
type want struct {
	status   Status
	reason   string   // exact reason; checked when status is NotChecked or when set
	severity Severity // of the single finding, when status is Found
	at       string   // file:line:col of the single finding
	gap      string   // Gap.String() of the single finding, "" to skip
	share    string   // percent(Share) of the single finding, "" to skip
	message  string   // exact message, "" to skip
	contains string   // substring of the message, "" to skip
	keys     string   // Keys joined with ",", "" to skip
	factor   float64  // Factor of the single finding, checked when status is Found
}

// expect compares a result with w.
func expect(t *testing.T, res Result, w want) {
	t.Helper()
	if res.Status != w.status {
		t.Fatalf("status = %v, want %v (reason %q, findings %+v)", res.Status, w.status, res.Reason, res.Findings)
	}
	if (w.status == NotChecked || w.reason != "") && res.Reason != w.reason {
		t.Errorf("reason = %q, want %q", res.Reason, w.reason)
	}
	if w.status != Found {
		if len(res.Findings) != 0 {
			t.Errorf("findings = %+v, want none", res.Findings)
		}
		return
	}
	if len(res.Findings) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(res.Findings), res.Findings)
	}
	f := res.Findings[0]
	if f.Rule != res.Rule || f.Title != res.Title || f.Title == "" {
		t.Errorf("finding rule/title = %s/%s, want %s/%s", f.Rule, f.Title, res.Rule, res.Title)
	}
	if f.Severity != w.severity {
		t.Errorf("severity = %v, want %v", f.Severity, w.severity)
	}
	if w.at != "" && at(f) != w.at {
		t.Errorf("at %s, want %s", at(f), w.at)
	}
	if w.gap != "" && f.Gap.String() != w.gap {
		t.Errorf("gap = %s, want %s", f.Gap, w.gap)
	}
	if w.share != "" && percent(f.Share) != w.share {
		t.Errorf("share = %s (%v), want %s", percent(f.Share), f.Share, w.share)
	}
	if w.message != "" && f.Message != w.message {
		t.Errorf("message =\n%s\nwant\n%s", f.Message, w.message)
	}
	if w.contains != "" && !strings.Contains(f.Message, w.contains) {
		t.Errorf("message %q does not contain %q", f.Message, w.contains)
	}
	if w.keys != "" && strings.Join(f.Keys, ",") != w.keys {
		t.Errorf("keys = %v, want %s", f.Keys, w.keys)
	}
	if f.Factor != w.factor {
		t.Errorf("factor = %v, want %v", f.Factor, w.factor)
	}
}
