package render

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// goldmarkHTML renders body with goldmark alone.
func goldmarkHTML(t testing.TB, body []byte) string {
	t.Helper()
	var buf bytes.Buffer
	if err := newMarkdown().Convert(body, mdWriter{&buf}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// sameAsGoldmark fails t when fastBody accepts body but renders it
// otherwise than goldmark; it reports whether fastBody accepted it.
func sameAsGoldmark(t testing.TB, body []byte) bool {
	t.Helper()
	out, ok := fastBody(nil, body)
	if !ok {
		return false
	}
	if want := goldmarkHTML(t, body); string(out) != want {
		t.Errorf("fastBody differs from goldmark on %q:\nfast:\n%s\ngoldmark:\n%s", body, out, want)
	}
	return true
}

// fastCases are bodies at the edges of the subset fastBody renders: each is
// either rendered as goldmark does or left to goldmark. accepted says which
// must happen.
var fastCases = []struct {
	body     string
	accepted bool
}{
	{"", true},
	{"\n\n", true},
	{"# 标题\n\n正文。\n", true},
	{"#### 四级\n", true},
	{"####### 七级\n", false},
	{"#标题\n", false},
	{"# 标题 #\n", false},
	{"#  两个空格\n", false},
	{"## 一\n正文紧跟标题\n", true},
	{"段落一行\n第二行\n", false},
	{"段落\n===\n", false},
	{"段落\n---\n", false},
	{"- 甲\n- 乙\n\n正文\n", true},
	{"- 甲\n\n- 乙\n", false},
	{"- 甲\n续行\n", false},
	{"-甲\n", false},
	{"- - -\n", false},
	{"- 1. 嵌套\n", false},
	{"* 甲\n", false},
	{"+ 甲\n", false},
	{"1. 甲\n2. 乙\n", true},
	{"3. 甲\n9. 乙\n", true},
	{"0. 甲\n", false},
	{"01. 甲\n", false},
	{"1) 甲\n", false},
	{"1. 甲\n\n2. 乙\n", false},
	{"1. 甲\n- 乙\n", false},
	{"2021年度支出1926.13万元。\n", true},
	{"2021.5亿元\n", false},
	{"| 项目 | 金额 |\n|---|---:|\n| 基本支出 | 486.63 |\n| 其中：人员经费 | — |\n", true},
	{"| 甲 | 乙 | 丙 |\n|:---|:-:|---|\n| | x | **1** |\n\n后文\n", true},
	{"| 甲 |\n|---|\n", true},
	{"| 甲 | 乙 |\n|---|\n| 1 | 2 |\n", false},
	{"| 甲 | 乙 |\n|---|---|\n| 1 |\n", false},
	{"| 甲 | 乙 |\n|---|---|\n| 1 | 2 | 3 |\n", false},
	{"| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n后文\n", false},
	{"| 甲 | 乙 |\n|-x-|---|\n", false},
	{"| a \\| b |\n|---|\n", false},
	{"| `a|b` |\n|---|\n", false},
	// A row ending "||": goldmark does not count the last, empty cell,
	// and adds it back with no alignment (found by FuzzFastBody).
	{"|||\n|-|-:|", false},
	{"| 甲 | 乙 |\n|---|---:|\n| 1 ||\n", false},
	{"||\n|-|\n", false},
	{"| 甲 | |\n|---|---:|\n| 1 | |\n", true},
	{"| 甲 |\n正文\n", false},
	{"得分**91.5分**，评价等级为“优”。\n", true},
	{"**甲**乙**丙**\n", true},
	{"**“优”**\n", false},
	{"** 甲**\n", false},
	{"**甲 **\n", false},
	{"***甲***\n", false},
	{"*甲*\n", false},
	{"**甲\n", false},
	{"甲**\n", false},
	{"2*3\n", false},
	{"__甲__\n", false},
	{"~~甲~~\n", false},
	{"`code`\n", false},
	{"[链接](https://example.cn)\n", false},
	{"访问 www.example.cn 了解\n", false},
	{"见https://example.cn\n", false},
	{"邮箱a@example.cn\n", false},
	{"a &amp; b\n", false},
	{"<b>粗</b>\n", false},
	{"> 引用\n", false},
	{"    缩进\n", false},
	{"\t制表\n", false},
	{"尾空格 \n", false},
	{"尾全角空格\u3000\n", false},
	{"\u3000首全角空格\n", false},
	{"行\r\n", false},
	{"说\"引号\"和'单引号'\n", true},
	{"百分比 12.5% (同比) + 3 = {x} #1 ^2 $5 !\n", true},
	{"a|b|c\n", true},
}

// TestFastBodyCases holds fastBody to goldmark's output on bodies at the
// edges of its subset, and checks which of them it takes on.
func TestFastBodyCases(t *testing.T) {
	for _, c := range fastCases {
		if got := sameAsGoldmark(t, []byte(c.body)); got != c.accepted {
			t.Errorf("fastBody(%q) accepted = %v, want %v", c.body, got, c.accepted)
		}
	}
}

// TestFastBodyCorpus renders the bodies of a synthetic corpus, the seeds'
// reports and the hostile bodies both ways. Nearly every corpus body must
// take the fast path (it is what makes a large build fast), and every body
// it takes must come out as goldmark's.
func TestFastBodyCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Generate(dir, corpus.Options{Seed: 7, Reports: 300}); err != nil {
		t.Fatal(err)
	}
	total, fast := 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		_, body, found := strings.Cut(string(data)[4:], "\n---\n")
		if !found {
			t.Fatalf("%s: no front matter", path)
		}
		total++
		if sameAsGoldmark(t, []byte(body)) {
			fast++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if total == 0 || fast < total*95/100 {
		t.Errorf("fastBody took %d of %d corpus bodies; want at least 95%%", fast, total)
	}
	for _, b := range testseeds.Bodies(t) {
		sameAsGoldmark(t, b)
	}
}

// TestMarkdownUsesEitherPath: Renderer.Markdown gives goldmark's HTML
// whether or not the fast path takes the body.
func TestMarkdownUsesEitherPath(t *testing.T) {
	r := &Renderer{md: newMarkdown()}
	for _, c := range fastCases {
		got, err := r.Markdown([]byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		if want := goldmarkHTML(t, []byte(c.body)); string(got) != want {
			t.Errorf("Markdown(%q) = %q, want %q", c.body, got, want)
		}
	}
}

// FuzzFastBody: on every body fastBody takes, its HTML is goldmark's.
func FuzzFastBody(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c.body))
	}
	for _, b := range testseeds.Bodies(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if !utf8.Valid(body) {
			if _, ok := fastBody(nil, body); ok {
				t.Errorf("fastBody took invalid UTF-8 %q", body)
			}
			return
		}
		sameAsGoldmark(t, body)
	})
}

// BenchmarkMarkdown renders the bodies of 200 corpus reports with
// Renderer.Markdown (the fast path, goldmark when it gives up) and with
// goldmark alone.
func BenchmarkMarkdown(b *testing.B) {
	bodies, size := benchBodies(b)
	r := &Renderer{md: newMarkdown()}
	b.Run("Renderer", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				if _, err := r.Markdown(body); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(bodies))/b.Elapsed().Seconds(), "bodies/s")
	})
	b.Run("goldmark", func(b *testing.B) {
		b.SetBytes(int64(size))
		var buf bytes.Buffer
		for b.Loop() {
			for _, body := range bodies {
				buf.Reset()
				if err := r.md.Convert(body, mdWriter{&buf}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.N*len(bodies))/b.Elapsed().Seconds(), "bodies/s")
	})
}

// corpusBodies returns the bodies of the report files under dir.
func corpusBodies(t testing.TB, dir string) [][]byte {
	t.Helper()
	var bodies [][]byte
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".md") {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			_, body, _ := strings.Cut(string(data)[4:], "\n---\n")
			bodies = append(bodies, []byte(body))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return bodies
}

// benchBodies returns the bodies of 200 corpus reports and their size in
// bytes, for benchmarks.
func benchBodies(b *testing.B) (bodies [][]byte, size int) {
	dir := b.TempDir()
	if err := corpus.Generate(dir, corpus.Options{Seed: 1, Reports: 200}); err != nil {
		b.Fatal(err)
	}
	bodies = corpusBodies(b, dir)
	for _, body := range bodies {
		size += len(body)
	}
	return bodies, size
}
