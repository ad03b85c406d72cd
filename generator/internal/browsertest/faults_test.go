package browsertest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// faultyFiles are pages with one of each fault the page checks look for.
var faultyFiles = map[string]string{
	"bad.html": `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:">
<title>bad</title>
<script defer src="assets/vendor/echarts/echarts.min.js"></script>
<script defer src="assets/site.js"></script>
<script defer src="bad.js"></script>
</head>
<body>
<script>document.title = 'inline script, blocked by the CSP';</script>
<a href="/elsewhere.html">escapes the sub-path</a>
<a href="missing.html">broken</a>
<a href="#nowhere">missing fragment here</a>
<a href="good.html#nope">missing fragment there</a>
<a href="good.html#here">fine</a>
<img src="missing.png" alt="">
<div class="chart" id="chart-blank" data-chart-src="chart-blank-data" data-height="200"></div>
<script type="application/json" id="chart-blank-data">{"title":{"text":"白字","textStyle":{"color":"#ffffff"}}}</script>
<div class="chart" id="chart-bad" data-chart-src="chart-bad-data"></div>
<script type="application/json" id="chart-bad-data">not json</script>
</body>
</html>
`,
	"bad.js": `console.error('boom');
throw new Error('kaboom');
`,
	"leak.html": `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>leak</title></head>
<body><img src="http://localhost:1/pixel.png" alt=""></body>
</html>
`,
	"good.html": `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>good</title></head>
<body><p id="here">good</p></body>
</html>
`,
}

// TestCheckerCatchesFaults loads deliberately broken pages and asserts that
// the page checks report each fault, so that TestPages passing means
// something.
func TestCheckerCatchesFaults(t *testing.T) {
	site(t)
	browser(t)
	if err := os.MkdirAll(env.faulty, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range faultyFiles {
		if err := os.WriteFile(filepath.Join(env.faulty, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.CopyFS(filepath.Join(env.faulty, "assets"), os.DirFS(filepath.Join(env.out, "assets"))); err != nil && !isExist(err) {
		t.Fatal(err)
	}
	base := "http://" + env.host + faultyPath

	cases := []struct {
		page string
		want []string
	}{
		{"bad.html", []string{
			"console.error: boom",
			"kaboom",
			"Content Security Policy",
			`<html lang="en">`,
			`link href="/elsewhere.html" resolves to http://` + env.host + `/elsewhere.html, outside the site`,
			`link href="missing.html": broken`,
			`link href="#nowhere": no element with id "nowhere"`,
			`link href="good.html#nope": good.html has no element with id "nope"`,
			"missing.png: status 404",
			"chart #chart-blank is blank",
			"chart #chart-bad not rendered",
		}},
		{"leak.html", []string{
			"request leaves the site: http://localhost:1/pixel.png",
		}},
	}
	for _, c := range cases {
		t.Run(c.page, func(t *testing.T) {
			tb := open(t, env.faulty, base, env.host, base+c.page)
			problems := inspect(tb, true)
			all := strings.Join(problems, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("the checks missed %q; they reported:\n%s", w, all)
				}
			}
			if strings.Contains(all, "good.html#here") {
				t.Errorf("the checks reported a good link:\n%s", all)
			}
		})
	}
}

func isExist(err error) bool {
	return err != nil && (os.IsExist(err) || strings.Contains(err.Error(), fs.ErrExist.Error()))
}
