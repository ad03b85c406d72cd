package testseeds

import "strings"

// Hostile are strings that try to run script, break out of HTML, template
// or chart syntax, or confuse the reader. Every payload that could run
// calls alert or sets window.__pwned, so a browser test can tell.
var Hostile = []string{
	`</script><script>alert(1)</script>`,
	`</script><script>window.__pwned=1</script>`,
	`"><img src=x onerror=alert(1)>`,
	`'><img src=x onerror=window.__pwned=1>`,
	`" onmouseover="window.__pwned=1" x="`,
	`' autofocus onfocus='window.__pwned=1`,
	`<img src=x onerror=alert(1)//`,
	`javascript:alert(1)`,
	`JaVaScRiPt:window.__pwned=1`,
	`__f__alert(1)__f__`,
	`__f__function(){window.__pwned=1}__f__`,
	`{{.}}`,
	`{{template "content" .}}{{printf "%s" "x"}}`,
	`<!--<script>`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`]]><script>alert(1)</script>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg onload=window.__pwned=1>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<a href="javascript:alert(1)">点击</a>`,
	`<base href="https://evil.example/">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<style>body{display:none}</style>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`%3Cscript%3Ealert(1)%3C/script%3E`,
	"`${alert(1)}`",
	"\u2028\u2029</script>",
	`\u003cscript\u003ealert(1)\u003c/script\u003e`,
	`{a|b}{@score}{c}`,
	`=cmd|' /C calc'!A0`,
	"\u202e县源桃\u202c", // right-to-left override
	"\u202egnp.exe",
	"甲\u200d乙\ufeff丙",
	strings.Repeat("长", 5000),
	// Formulas that begin as numbers do, for the CSV downloads (the
	// first is a 项目支出 report, the other two are compared).
	`@SUM(1+1)*cmd|' /C calc'!A0`,
	`-1+cmd|' /C calc'!A0`,
	`+1+HYPERLINK("https://evil.example/","点击")`,
	// A long word with no place to break, in a name, which must still
	// wrap on a phone.
	strings.Repeat("W", 200),
}

// HostileMarkdown is a report body that tries every way Markdown has to
// carry script: raw HTML, javascript: links and images, autolinks (with
// schemes that open other programs, too), link references, HTML in tables
// and template syntax.
const HostileMarkdown = "## <script>alert(1)</script> 标题\n\n" +
	"<script>window.__pwned=1</script>\n\n" +
	"<img src=x onerror=\"window.__pwned=1\">\n\n" +
	"<svg><script>alert(1)</script></svg>\n\n" +
	"<svg onload=alert(1)></svg>\n\n" +
	"<iframe src=\"javascript:alert(1)\"></iframe>\n\n" +
	"<a href=\"javascript:alert(1)\">raw link</a> <b onclick=\"alert(1)\">粗体</b>\n\n" +
	"<!--<script>alert(1)</script>-->\n\n" +
	"<div\nonclick=\"alert(1)\">多行标签</div>\n\n" +
	"[链接一](javascript:alert(1)) [链接二](JAVASCRIPT:window.__pwned=1) [链接三]( javascript:alert(1) )\n" +
	"[链接五](data:text/html,<script>alert(1)</script>) [链接六](vbscript:msgbox(1))\n" +
	"[链接七](&#106;avascript:alert(1)) [链接八](<javascript:alert(1)>)\n\n" +
	"![图一](https://example.org/a.png\" onerror=\"alert(1))\n" +
	"![图二\" onerror=\"alert(1)](https://example.org/x.png)\n" +
	"![图三](data:image/svg+xml,<svg onload=alert(1)>)\n" +
	"![图四](javascript:alert(1))\n" +
	"![](//evil.example/x.png)\n\n" +
	"<javascript:alert(1)> <https://example.org/?q=<script>> <mailto:a@example.org>\n\n" +
	"<smb://evil.example/share> <search-ms:query=x&crumb=location:\\\\evil.example\\share> <file:///C:/Windows/> ftp://evil.example/x\n\n" +
	"www.example.org/\"><script>alert(1)</script> https://example.org/\"onmouseover=\"alert(1)\n\n" +
	"[引用链接][r] [引用图][r2]\n\n" +
	"[r]: javascript:alert(1) \"\\\"><script>alert(1)</script>\"\n" +
	"[r2]: https://example.org/\"onerror=\"alert(1)\n\n" +
	"| <script>alert(1)</script> | [x](javascript:alert(1)) |\n| --- | --- |\n| <img src=x onerror=alert(1)> | {{.}} |\n\n" +
	"`<script>alert(1)</script>` and ``` </code><script>alert(1)</script> ```\n\n" +
	"```html\n</code></pre><script>alert(1)</script>\n```\n\n" +
	"    <script>alert(1)</script>\n\n" +
	"{{.}} {{template \"content\" .}} __f__alert(1)__f__ &lt;script&gt;\n\n" +
	"> <script>alert(1)</script>\n\n" +
	"- [ ] <input onfocus=alert(1) autofocus>\n" +
	"- ~~<s onmouseover=alert(1)>~~\n\n" +
	"\u202e这是反向文字\u202c\n\n" +
	"# 一级标题 {#evil onclick=alert(1)}\n"

// RelativeMarkdown is a report body with links and images relative to the
// report's page. The site has no files from content, so each is a broken
// link; two of them also try to hide javascript: from a filter.
const RelativeMarkdown = "[附件](附件1.pdf) [上一页](../index.html#nowhere) ![图](chart.png)\n\n" +
	"[链接四](java&#x09;script:alert(1)) [链接九](\"onmouseover=alert(1))\n"
