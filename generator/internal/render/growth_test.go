package render

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/report"
)

// TestBodyGrowthIsRefused: a body that the report package accepts but
// that repeats a long link many times (a reference definition at the
// length limit, used in paragraph after paragraph) is refused with an
// error naming the file, the body's line and "body", before its HTML is
// written out (it would be some 40 MB), in English and Chinese; ordinary
// bodies are not.
func TestBodyGrowthIsRefused(t *testing.T) {
	r, err := New(os.DirFS("../../.."), "templates")
	if err != nil {
		t.Fatal(err)
	}
	url := "https://x.example/" + strings.Repeat("a", report.MaxLinkLength-len("https://x.example/"))
	body := "[r]: " + url + "\n\n" + strings.Repeat(strings.Repeat("[r]", 400)+"\n\n", 50)
	rep := &report.Report{File: "content/a.md", BodyLine: 7, Body: []byte(body)}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err = r.Body(rep)
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	want := "content/a.md:7:1: body: its HTML would be "
	if err == nil || !strings.Contains(err.Error(), want) || !strings.HasSuffix(err.Error(), " (正文中同一个链接或文字重复引用过多，生成的网页过大)") {
		t.Errorf("error %v, want %q and the hint in Chinese", err, want)
	}
	if d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 30<<20 {
		t.Errorf("allocated %d MB", grew>>20)
	}
	for _, body := range []string{
		"[r]: " + url + "\n\n" + strings.Repeat("[r] ", 100),
		strings.Repeat("|:-:", 64) + "|\n" + strings.Repeat("|:-:", 64) + "|\n" + strings.Repeat(strings.Repeat("|a", 64)+"|\n", 500),
		strings.Repeat("**粗体** [链接](https://example.org/) \"&<>\n", 1000),
	} {
		if _, err := r.Body(&report.Report{File: "content/a.md", BodyLine: 7, Body: []byte(body)}); err != nil {
			t.Errorf("%.40q: %v", body, err)
		}
	}
}
