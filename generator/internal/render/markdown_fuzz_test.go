package render_test

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// voidElements have no end tag.
var voidElements = []string{"br", "hr", "img", "input", "col", "meta", "link", "wbr"}

// dangerousURL matches URLs that run script or open a document of their
// own; images of plain formats are allowed as data: URLs.
var dangerousURL = regexp.MustCompile(`(?i)^\s*(javascript|vbscript|file|data):`)
var imageData = regexp.MustCompile(`(?i)^data:image/(png|gif|jpeg|webp)[;,]`)

// FuzzMarkdown renders fuzzed report bodies with the repository's
// templates' renderer. It must not panic or hang, and its output must be
// well-formed, script-free HTML: valid UTF-8; only elements of
// buildtest.Elements, each closed in order; no event-handler or style
// attribute; no javascript:, vbscript:, file: or (non-image) data: URL; no
// image from another host.
func FuzzMarkdown(f *testing.F) {
	root := testseeds.Root(f)
	rnd, err := render.New(os.DirFS(root), "templates")
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range testseeds.Bodies(f) {
		f.Add(b)
	}
	f.Add([]byte(testseeds.RelativeMarkdown))
	f.Fuzz(func(t *testing.T, body []byte) {
		if !utf8.Valid(body) {
			return // report.Parse refuses such a file before its body is rendered
		}
		stop := testseeds.Watchdog(10*time.Second, "Markdown")
		start := time.Now()
		out, err := rnd.Markdown(body)
		stop()
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Markdown took %v on %d bytes", d, len(body))
		}
		if err != nil {
			return // goldmark reports only write errors
		}
		for _, p := range checkFragment(string(out)) {
			t.Error(p)
		}
		again, _ := rnd.Markdown(body)
		if again != out {
			t.Error("a second rendering differs")
		}
	})
}

// checkFragment lists what is wrong with an HTML fragment from Markdown.
func checkFragment(s string) []string {
	var problems []string
	if !utf8.ValidString(s) {
		problems = append(problems, "invalid UTF-8")
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var stack []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				problems = append(problems, z.Err().Error())
			}
			if len(stack) > 0 {
				problems = append(problems, "unclosed <"+strings.Join(stack, "> <")+">")
			}
			return problems
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if !slices.Contains(buildtest.Elements, tok.Data) {
				problems = append(problems, "element <"+tok.Data+">")
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc", key == "formaction":
					problems = append(problems, "<"+tok.Data+" "+key+"=…>")
				case key == "href" || key == "src":
					if dangerousURL.MatchString(a.Val) && !imageData.MatchString(strings.TrimSpace(a.Val)) {
						problems = append(problems, "<"+tok.Data+" "+key+"="+a.Val+">")
					}
					if tok.Data == "img" && key == "src" && !localSrc(a.Val) {
						problems = append(problems, "image from elsewhere: "+a.Val)
					}
				}
			}
			if tt == html.StartTagToken && !slices.Contains(voidElements, tok.Data) {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				problems = append(problems, "</"+tok.Data+"> closes <"+strings.Join(stack, "> <")+">")
				if i := slices.Index(stack, tok.Data); i >= 0 {
					stack = stack[:i]
				}
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// localSrc reports whether a browser loads src from the page's own site:
// no scheme, and not //host (which browsers also read from /\ and \\).
func localSrc(src string) bool {
	s := strings.TrimLeft(src, " \t\n\r\f")
	if len(s) >= 2 && (s[0] == '/' || s[0] == '\\') && (s[1] == '/' || s[1] == '\\') {
		return false
	}
	if i := strings.IndexAny(s, ":/?#"); i > 0 && s[i] == ':' {
		return false // a scheme
	}
	return true
}

// TestMarkdownImagesStayLocal: an image from another host is turned into
// a link (the site requests nothing from elsewhere, and the CSP's img-src
// would block it anyway), also when its URL hides the // behind Markdown
// escapes or character references.
func TestMarkdownImagesStayLocal(t *testing.T) {
	rnd, err := render.New(os.DirFS(testseeds.Root(t)), "templates")
	if err != nil {
		t.Fatal(err)
	}
	var leaks []string
	for _, body := range []string{
		"![](https://evil.example/x.png)", "![](//evil.example/x.png)", "![](<//evil.example/x>)",
		`![](<\/\/evil.example/x>)`, `![](\/\/evil.example/x)`, "![](&#47;&#47;evil.example/x)", "![](&sol;&sol;evil.example/x)",
		`![](/\evil.example/x)`, "![](HTTP://evil.example/x)",
	} {
		out, err := rnd.Markdown([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range checkFragment(string(out)) {
			leaks = append(leaks, fmt.Sprintf("%s → %s: %s", body, strings.TrimSpace(string(out)), p))
		}
	}
	if len(leaks) > 0 {
		t.Errorf("images from other hosts survive as <img>:\n%s", strings.Join(leaks, "\n"))
	}
}

// TestMarkdownDropsScript renders the hostile body and checks the result
// as FuzzMarkdown does, and that nothing of its script survives as markup.
func TestMarkdownDropsScript(t *testing.T) {
	rnd, err := render.New(os.DirFS(testseeds.Root(t)), "templates")
	if err != nil {
		t.Fatal(err)
	}
	out, err := rnd.Markdown([]byte(testseeds.HostileMarkdown))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkFragment(string(out)) {
		t.Error(p)
	}
	for _, bad := range []string{"<script", "<svg", "<iframe", "<img", "<b ", "<div", "=\"javascript:", "<input onfocus"} {
		if strings.Contains(strings.ToLower(string(out)), bad) {
			t.Errorf("output has %q:\n%s", bad, out)
		}
	}
}
