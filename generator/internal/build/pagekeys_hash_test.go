package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// keyedCounty returns a county of three reports, each with a check of
// findings whose messages are long, so that what a key hashes is many
// times the size of keyBuf's buffer. Each call makes new values.
func keyedCounty(message string) *site.County {
	c := &site.County{Name: "甲县", Slug: "jia-xian", URL: "county/jia-xian.html", Province: "湖南省", Prefecture: "乙市", Adcode: "430101"}
	var series site.Series
	for i := range 3 {
		r := &site.Report{
			Report: &report.Report{File: fmt.Sprintf("content/jia-%d.md", 2020+i), Title: fmt.Sprintf("甲县%d年报告", 2020+i), Year: 2020 + i},
			URL:    fmt.Sprintf("report/jia-xian/%d.html", 2020+i), County: c,
		}
		r.Ranks[0] = site.Rank{Place: i + 1, Of: 3}
		res := check.Result{Rule: "sum.spending", Title: "支出合计核对", Status: check.Found}
		for j := range 40 {
			res.Findings = append(res.Findings, check.Finding{
				File: r.File, Pos: report.Pos{Line: j, Col: 1}, Rule: res.Rule, Title: res.Title, Severity: check.Warning,
				Message: fmt.Sprintf("%s %d", message, j), Keys: []string{"spending.total", "spending.basic"}, Gap: report.Amount(j), Share: 0.5, Factor: 10,
			})
		}
		r.Checks = []check.Result{res}
		if i > 0 {
			r.Prev = c.Reports[i-1]
		}
		c.Reports = append(c.Reports, r)
		series.Reports = append(series.Reports, r)
	}
	series.Department, series.Type = "财政局", "整体支出"
	c.Series = []*site.Series{&series}
	return c
}

func keyInputs() *inputs {
	in := &inputs{Shared: sha256.Sum256([]byte("shared")), Files: map[string][32]byte{}}
	for i := range 3 {
		name := fmt.Sprintf("content/jia-%d.md", 2020+i)
		in.Files[name] = sha256.Sum256([]byte(name))
	}
	return in
}

// TestEqualInputsGiveEqualKeys: keys of equal pages made apart are equal,
// whatever keys were made between them (keyBufs are reused), and are
// hexadecimal SHA-256 hashes; different pages have different keys.
func TestEqualInputsGiveEqualKeys(t *testing.T) {
	in := keyInputs()
	a, b := keyedCounty("相差1万元"), keyedCounty("相差1万元")
	other := keyedCounty(strings.Repeat("很长的说明", 2000))
	seen := map[string]string{}
	for i := range 3 {
		ka, kb := reportKey(in, a.Reports[i]), reportKey(in, b.Reports[i])
		_ = reportKey(in, other.Reports[i])
		if ka != kb || ka != reportKey(in, a.Reports[i]) {
			t.Errorf("report %d: equal reports have different keys", i)
		}
		if raw, err := hex.DecodeString(ka); err != nil || len(raw) != sha256.Size {
			t.Errorf("report %d: key %q is not a hexadecimal SHA-256 hash", i, ka)
		}
		if prev, ok := seen[ka]; ok {
			t.Errorf("report %d has the key of %s", i, prev)
		}
		seen[ka] = fmt.Sprint("report ", i)
	}
	if countyKey(in, a) != countyKey(in, b) {
		t.Error("equal counties have different keys")
	}
	if reportKey(in, a.Reports[0]) == reportKey(in, other.Reports[0]) {
		t.Error("reports of different findings have the same key")
	}
	other.Reports[1].Title += "（修订）"
	if countyKey(in, a) == countyKey(in, other) {
		t.Error("counties of different titles have the same key")
	}
}

// TestKeysOfLongFields moves the point where one string ends and the next
// begins across the size of keyBuf's buffer: each split gives another
// key, and the same split the same key.
func TestKeysOfLongFields(t *testing.T) {
	in := keyInputs()
	text := strings.Repeat("abcdefghij", 500)
	seen := map[string]int{}
	for n := 900; n < 2200; n += 7 {
		c := keyedCounty("x")
		r := c.Reports[0]
		r.Checks[0].Title, r.Checks[0].Reason = text[:n], text[n:]
		key := reportKey(in, r)
		if m, ok := seen[key]; ok {
			t.Fatalf("splitting at %d gives the key of splitting at %d", n, m)
		}
		seen[key] = n
		if reportKey(in, r) != key {
			t.Fatalf("splitting at %d: the key changed when made again", n)
		}
	}
}

// TestKeysConcurrently makes keys from many goroutines at once, as the
// build does, and expects the keys made one at a time.
func TestKeysConcurrently(t *testing.T) {
	in := keyInputs()
	var counties []*site.County
	for i := range 16 {
		counties = append(counties, keyedCounty(strings.Repeat("说明", i*100)))
	}
	want := map[*site.Report]string{}
	for _, c := range counties {
		for _, r := range c.Reports {
			want[r] = reportKey(in, r)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(want)*8)
	for range 8 {
		wg.Go(func() {
			for _, c := range counties {
				for _, r := range c.Reports {
					if reportKey(in, r) != want[r] {
						errs <- r.URL
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for url := range errs {
		t.Errorf("%s: another key when made concurrently", url)
	}
}

// TestKeysAllocateLittle: a key allocates its string and little else,
// however much its page shows (the keyBufs come from a pool, which may
// drop some).
func TestKeysAllocateLittle(t *testing.T) {
	in := keyInputs()
	c := keyedCounty(strings.Repeat("很长的说明", 200))
	if n := testing.AllocsPerRun(200, func() { reportKey(in, c.Reports[2]) }); n > 2 {
		t.Errorf("a report's key makes %.1f allocations", n)
	}
	if n := testing.AllocsPerRun(200, func() { countyKey(in, c) }); n > 2 {
		t.Errorf("a county's key makes %.1f allocations", n)
	}
}
