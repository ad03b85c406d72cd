package render

import (
	"bytes"
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// TestEscape checks that escape writes what html.EscapeString returns,
// but for NUL, which it replaces with U+FFFD (see htmlEscape).
func TestEscape(t *testing.T) {
	for _, s := range []string{"", "plain", "桃源县", `<a href="x">'&'</a>`, "&amp;&", "a+b=c", "\x00<", "尾>", `"`, "'x'", "甲\x00乙\x00"} {
		var b bytes.Buffer
		escape(&b, s)
		if got, want := b.String(), htmlEscape(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzEscape checks escape against htmlEscape on any string.
func FuzzEscape(f *testing.F) {
	f.Add(`<a href="x">'&'</a>`)
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		escape(&b, s)
		if got, want := b.String(), htmlEscape(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
	})
}

// htmlEscape is html.EscapeString, but for NUL, which becomes U+FFFD as
// html/template writes it.
func htmlEscape(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\x00", "\uFFFD")
}

// queryTemplate puts a value in a URL's query, where queryEscape writes it.
var queryTemplate = template.Must(template.New("q").Parse(`<a href="counties.html?q={{.}}">`))

// FuzzQueryEscape holds queryEscape to what html/template writes of a
// value in a URL's query.
func FuzzQueryEscape(f *testing.F) {
	for _, s := range append([]string{"", "常德市", "a b+c&d=e/f?g#h", "~-._", "%41", "\x00\xff"}, testseeds.Hostile...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		if err := queryTemplate.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.WriteString(`<a href="counties.html?q=`)
		queryEscape(&b, s)
		b.WriteString(`">`)
		if b.String() != want.String() {
			t.Errorf("queryEscape(%q) gives %q, html/template %q", s, b.String(), want.String())
		}
		if u, err := url.Parse("counties.html?q=" + b.String()[len(`<a href="counties.html?q=`):b.Len()-2]); err != nil || u.Query().Get("q") != s {
			t.Errorf("queryEscape(%q): the URL's q reads back as %q (%v)", s, u.Query().Get("q"), err)
		}
	})
}

// reportHeadTemplate is the markup reportHeadHTML replaced in report.html,
// kept to hold the function to what html/template made of it.
const reportHeadTemplate = `<nav class="breadcrumb" aria-label="位置"><ol><li><a href="{{.Root}}index.html">首页</a></li><li><a href="{{.Root}}{{.R.County.URL}}">{{.R.County.Name}}</a></li><li aria-current="page">{{.R.Report.Year}}年{{.R.Report.Department}}</li></ol></nav>
<h1>{{.R.Report.Title}}</h1>
<dl class="meta">
<dt>县（市、区）</dt><dd><a href="{{.Root}}{{.R.County.URL}}">{{.R.County.Name}}</a>{{if .R.County.Prefecture}}（{{.R.County.Province}}{{.R.County.Prefecture}}）{{end}}</dd>
<dt>部门</dt><dd>{{.R.Report.Department}}</dd>
<dt>年度</dt><dd>{{.R.Report.Year}}年</dd>
<dt>类型</dt><dd>{{.R.Report.Type}}</dd>
{{- if .R.Report.Published}}<dt>发布日期</dt><dd>{{.R.Report.Published}}</dd>{{end}}
<dt>原文</dt><dd>{{if .R.Report.Source}}<a href="{{.R.Report.Source}}" rel="noopener noreferrer nofollow">查看原文</a>{{else}}<span class="na">本站未记录原文网址</span>{{end}}</dd>
</dl>`

// TestReportHeadAsTemplate: reportHeadHTML writes what html/template wrote
// of the same markup, with plain and hostile names, but for '+', which
// html/template alone writes as &#43;.
func TestReportHeadAsTemplate(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(reportHeadTemplate))
	values := append([]string{"", "甲县", "a+b", "https://example.cn/a?b=1&c=2"}, testseeds.Hostile...)
	for i, v := range values {
		w := values[(i+1)%len(values)]
		rep := &report.Report{Year: 2020 + i, Department: v, Title: w + "报告", Type: v, Published: w}
		if i%2 == 0 {
			rep.Source = "https://example.cn/" + url.PathEscape(v) + "?q=" + url.QueryEscape(w)
		}
		r := &site.Report{Report: rep, County: &site.County{Name: w, URL: "county/x-" + strconv.Itoa(i) + ".html", Province: v, Prefecture: w}}
		for _, root := range []string{"", "../", "../../"} {
			var want strings.Builder
			if err := tmpl.Execute(&want, map[string]any{"Root": root, "R": r}); err != nil {
				t.Fatal(err)
			}
			if got := string(reportHeadHTML(root, r)); got != strings.ReplaceAll(want.String(), "&#43;", "+") {
				t.Errorf("values %q, %q, root %q:\ngot  %s\nwant %s", v, w, root, got, want.String())
			}
		}
	}
}

// TestNextHTMLSpecial holds nextHTMLSpecial to a search byte by byte, from
// every start, on texts of every length around its word of eight bytes.
func TestNextHTMLSpecial(t *testing.T) {
	pieces := []string{"桃源县", "2021", "年度", "a", "&", "'", "<", ">", `"`, "\x80", "\xff", "é", "…", "\x00", "=", "?", "%", "!", "\x01", "\xa2", "\xbc"}
	var texts []string
	for i := range 4000 {
		var s strings.Builder
		for k := range i % 23 {
			s.WriteString(pieces[(i*7+k*k*3+k)%len(pieces)])
		}
		texts = append(texts, s.String())
	}
	texts = append(texts, testseeds.Hostile...)
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && !strings.ContainsRune("&'<>\"\x00", rune(s[want])) {
				want++
			}
			if got := nextHTMLSpecial(s, i); got != want {
				t.Fatalf("nextHTMLSpecial(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestEscapeBytes holds escapeBytes to escape, on texts with every byte
// escape escapes and hostile texts.
func TestEscapeBytes(t *testing.T) {
	texts := append([]string{"", "compare/2021/jiao-yu.html?metric=total&around=tao-yuan-xian#explore", "&amp;&", "\x00<", `'"<>&`, "甲\x00乙"}, testseeds.Hostile...)
	for _, s := range texts {
		var got, want bytes.Buffer
		escapeBytes(&got, []byte(s))
		escape(&want, s)
		if got.String() != want.String() {
			t.Errorf("escapeBytes(%q) = %q, want %q", s, got.String(), want.String())
		}
	}
}

// escapeTexts are texts as report pages escape them: sentences, names,
// figures, units and paths.
var escapeTexts = []string{"2021年度公共预算财政拨款支出1926.13万元，其中：", "人力资源和社会保障局", "../../",
	"county/de-dong-xian-kai-feng-shi.html", "1926.13", "万元", "未披露", "其中：人员经费", "fig-spending.total",
	"经综合评价，2021年德东县人力资源和社会保障局整体支出绩效自评得分91.5分，评价等级为：优。", "“三公”经费较上年减少1.61万元。"}

// BenchmarkEscape escapes escapeTexts; each op is all of them.
func BenchmarkEscape(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		for _, s := range escapeTexts {
			escape(&buf, s)
		}
	}
}
