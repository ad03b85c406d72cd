package render

import (
	"strings"
	"testing"
)

// TestAutoLinksOnlyToTheWeb: autolinks follow the rule of the body's
// other links: to http, https and mailto they stay links, to any other
// scheme they become their text, written as it is.
func TestAutoLinksOnlyToTheWeb(t *testing.T) {
	r := &Renderer{md: newMarkdown()}
	cases := []struct{ body, want string }{
		{`<smb://evil.example/share>`, "<p>smb://evil.example/share</p>\n"},
		{`<search-ms:query=x&crumb=location:\\evil.example\share>`, "<p>search-ms:query=x&amp;crumb=location:\\\\evil.example\\share</p>\n"},
		{`<file:///etc/passwd> <ms-settings:privacy>`, "<p>file:///etc/passwd ms-settings:privacy</p>\n"},
		{`<javascript:alert(1)>`, "<p>javascript:alert(1)</p>\n"},
		{`<x-a:&#106;&amp;>`, "<p>x-a:&amp;#106;&amp;amp;</p>\n"},
		{"ftp://files.example/a 文字", "<p>ftp://files.example/a 文字</p>\n"},
		{`<https://example.org/a>`, `<p><a href="https://example.org/a">https://example.org/a</a></p>` + "\n"},
		{`<mailto:a@example.org> <a@example.org>`, `<p><a href="mailto:a@example.org">mailto:a@example.org</a> <a href="mailto:a@example.org">a@example.org</a></p>` + "\n"},
		{"www.example.org 与 https://example.org/b", `<p><a href="http://www.example.org">www.example.org</a> 与 <a href="https://example.org/b">https://example.org/b</a></p>` + "\n"},
	}
	for _, tc := range cases {
		if got := wantMarkdown(t, r, tc.body, tc.want); strings.Contains(got, "href") != strings.Contains(tc.want, "href") {
			t.Errorf("%s: link kept or lost", tc.body)
		}
	}
}

// wantMarkdown renders body with r, requires the HTML want, and returns
// the HTML rendered.
func wantMarkdown(t *testing.T, r *Renderer, body, want string) string {
	t.Helper()
	got, err := r.Markdown([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s\ngot  %q\nwant %q", body, got, want)
	}
	return string(got)
}

// TestImagesInLinksDoNotNest: an image from the web becomes a link to
// it, but inside a link it becomes its alt text, since a link cannot
// hold another; an image beside the report is its alt text anywhere.
func TestImagesInLinksDoNotNest(t *testing.T) {
	r := &Renderer{md: newMarkdown()}
	cases := []struct{ body, want string }{
		{`![图](https://e.example/a.png)`, `<p><a href="https://e.example/a.png">图</a></p>` + "\n"},
		{`[![图](https://e.example/a.png)](https://e.example/b)`, `<p><a href="https://e.example/b">图</a></p>` + "\n"},
		{`[文 ![图](https://e.example/a.png) 字](https://e.example/b)`, `<p><a href="https://e.example/b">文 图 字</a></p>` + "\n"},
		{`[![图](a.png)](https://e.example/b)`, `<p><a href="https://e.example/b">图</a></p>` + "\n"},
	}
	for _, tc := range cases {
		wantMarkdown(t, r, tc.body, tc.want)
	}
}
