package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

const report = `---
county: 甲县
department: 财政局
year: 2020
type: 整体支出
spending: {total: 100}
---
第一版正文。
`

// events reads server-sent events into a channel.
func events(t *testing.T, url string) <-chan [2]string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan [2]string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		var name string
		var data []string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = append(data, strings.TrimPrefix(line, "data: "))
			case line == "":
				ch <- [2]string{name, strings.Join(data, "\n")}
				name, data = "", nil
			}
		}
		close(ch)
	}()
	return ch
}

func next(t *testing.T, ch <-chan [2]string) [2]string {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return [2]string{}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeRebuildsReloadsAndShowsErrors(t *testing.T) {
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report)
	var stdout, stderr lockedBuffer
	srv := New(build.Config{Root: p.Dir}, &stdout, &stderr)
	base := start(t, srv)
	var ch <-chan [2]string
	waitServing(t, base)
	ch = events(t, base+"__serve/events")
	if ev := next(t, ch); ev != [2]string{"built", "1"} {
		t.Fatalf("first event %v", ev)
	}
	page := base + "report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"
	status, body := get(t, page)
	if status != 200 || !strings.Contains(body, "第一版正文") || !strings.Contains(body, `<script defer src="/__serve/reload.js"></script></body>`) {
		t.Fatalf("page %d: %.200s", status, body)
	}

	// A change is rebuilt and announced.
	p.Write("content/a/jia.md", strings.Replace(report, "第一版", "第二版", 1))
	if ev := next(t, ch); ev != [2]string{"built", "2"} {
		t.Fatalf("after a change: %v", ev)
	}
	if _, body := get(t, page); !strings.Contains(body, "第二版正文") {
		t.Error("the page was not rebuilt")
	}

	// A new folder with a new file is watched too.
	p.Write("content/b/new/yi.md", strings.Replace(report, "甲县", "乙县", 1))
	if ev := next(t, ch); ev[0] != "built" {
		t.Fatalf("after a new folder: %v", ev)
	}
	if status, _ := get(t, base+"county/yi-xian.html"); status != 200 {
		t.Errorf("county page of a file in a new folder: %d", status)
	}

	// A broken file: the error reaches the page and the terminal, and the
	// last good site is still served.
	p.Write("content/a/jia.md", strings.Replace(report, "total: 100", "total: 一百", 1))
	ev := next(t, ch)
	if ev[0] != "failed" || !strings.Contains(ev[1], "content/a/jia.md:6:19: spending.total: expected an amount") {
		t.Fatalf("after breaking a file: %v", ev)
	}
	// In the terminal, as build and check print it.
	if !strings.Contains(stderr.String(), "\ncontent/a/jia.md:6:19: error: spending.total: expected an amount") {
		t.Errorf("terminal lacks the error: %s", stderr.String())
	}
	if status, body := get(t, page); status != 200 || !strings.Contains(body, "第二版正文") {
		t.Errorf("last good page not served: %d", status)
	}
	// A page opened now is told of the failure at once.
	late := events(t, base+"__serve/events")
	if ev := next(t, late); ev[0] != "failed" {
		t.Errorf("a newly opened page got %v", ev)
	}

	// Fixed: rebuilt, and pages reload.
	p.Write("content/a/jia.md", report)
	if ev := next(t, ch); ev[0] != "built" {
		t.Fatalf("after the fix: %v", ev)
	}
	if status, _ := get(t, base+"no/such/page.html"); status != 404 {
		t.Errorf("missing page: status %d", status)
	}
	if status, body := get(t, base+"__serve/reload.js"); status != 200 || !strings.Contains(body, "EventSource") {
		t.Errorf("reload.js: %d", status)
	}
}

func TestStaticServesGzipWithoutReloadScript(t *testing.T) {
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv := New(build.Config{Root: p.Dir}, io.Discard, io.Discard)
	srv.Static = true
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	t.Cleanup(func() { cancel(); <-done })
	url := "http://" + ln.Addr().String() + "/index.html"
	var resp *http.Response
	for i := 0; i < 100; i++ {
		if resp, err = http.Get(url); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body) // the client undoes gzip itself
	resp.Body.Close()
	if !resp.Uncompressed || strings.Contains(string(body), "reload.js") || !strings.Contains(string(body), "</html>") {
		t.Errorf("gzip %v, body %.100s", resp.Uncompressed, body)
	}
}

// TestServeSaysDraftsAndThatItIsAPreview checks that serve says, as a
// build does, which drafts it leaves out, at the start and when they
// change, not after every rebuild; that it says once that public/ is not
// written; and that a failed build is logged in Chinese too.
func TestServeSaysDraftsAndThatItIsAPreview(t *testing.T) {
	draft := strings.Replace(report, "---\n第一版", "draft: true\n---\n第一版", 1)
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report+"-- content/a/yi.md --\n"+strings.Replace(draft, "甲县", "乙县", 1))
	var stdout, stderr lockedBuffer
	srv := New(build.Config{Root: p.Dir}, &stdout, &stderr)
	srv.SayDrafts = func(w io.Writer, files []string) { fmt.Fprintf(w, "drafts %v\n", files) }
	_, ch := serving(t, srv)
	if got := stdout.String(); strings.Count(got, "drafts [content/a/yi.md]\n") != 1 || strings.Count(got, PreviewOnly(build.Config{Root: p.Dir})+"\n") != 1 {
		t.Fatalf("at the start:\n%s", got)
	}

	// A change that leaves the same drafts out says nothing of them.
	p.Write("content/a/jia.md", strings.Replace(report, "第一版", "第二版", 1))
	if ev := next(t, ch); ev[0] != "built" {
		t.Fatalf("after a change: %v", ev)
	}
	if got := stdout.String(); strings.Count(got, "drafts ") != 1 {
		t.Errorf("drafts said again though the same:\n%s", got)
	}
	// Another draft: said again, with both.
	p.Write("content/a/jia.md", draft)
	if ev := next(t, ch); ev[0] != "built" {
		t.Fatalf("after a draft: %v", ev)
	}
	if got := stdout.String(); !strings.Contains(got, "drafts [content/a/jia.md content/a/yi.md]\n") {
		t.Errorf("a new draft not said:\n%s", got)
	}

	// The last drafts published: said, once.
	p.Write("content/a/jia.md", report)
	p.Write("content/a/yi.md", strings.Replace(report, "甲县", "乙县", 1))
	for strings.Count(stdout.String(), NoDraftsLeft) == 0 {
		if ev := next(t, ch); ev[0] != "built" {
			t.Fatalf("after publishing the drafts: %v", ev)
		}
	}
	p.Write("content/a/jia.md", strings.Replace(report, "第一版", "第三版", 1))
	if ev := next(t, ch); ev[0] != "built" {
		t.Fatalf("after a change: %v", ev)
	}
	if got := stdout.String(); strings.Count(got, NoDraftsLeft) != 1 {
		t.Errorf("no drafts left not said once:\n%s", got)
	}

	p.Write("content/a/jia.md", strings.Replace(report, "total: 100", "total: 一百", 1))
	if ev := next(t, ch); ev[0] != "failed" {
		t.Fatalf("after breaking a file: %v", ev)
	}
	if got := stderr.String(); !strings.Contains(got, "build failed; still serving the last good site (构建失败，仍显示上一次成功构建的网站):\ncontent/a/jia.md:6:19") {
		t.Errorf("failure logged as:\n%s", got)
	}
	if got := stdout.String(); strings.Count(got, PreviewOnly(build.Config{Root: p.Dir})) != 1 {
		t.Errorf("the preview note not said once:\n%s", got)
	}
}

// TestServeCountsTheFilesRead: the log of each update says how many
// report files were read and how many taken as they were, counting each
// file once, the drafts left out too: a file saved by rename (as sed -i
// and many editors save) is one file read, as one written in place is.
func TestServeCountsTheFilesRead(t *testing.T) {
	draft := strings.Replace(report, "---\n第一版", "draft: true\n---\n第一版", 1)
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report+"-- content/a/yi.md --\n"+strings.Replace(report, "甲县", "乙县", 1)+
		"-- content/a/bing.md --\n"+strings.Replace(draft, "甲县", "丙县", 1))
	var stdout, stderr lockedBuffer
	srv := New(build.Config{Root: p.Dir}, &stdout, &stderr)
	base, ch := serving(t, srv)
	last := func() string {
		lines := regexp.MustCompile(`site made of .*\)`).FindAllString(stdout.String(), -1)
		if len(lines) == 0 {
			return ""
		}
		return lines[len(lines)-1]
	}
	if got, want := last(), "site made of 2 reports (3 files read, 0 as they were)"; got != want {
		t.Errorf("at the start: %q, want %q", got, want)
	}
	page := base + "report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"
	for i, save := range []func(data string){
		func(data string) { // by rename
			tmp := filepath.Join(p.Dir, "content", "a", "sedXyZ12")
			if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(tmp, filepath.Join(p.Dir, "content", "a", "jia.md")); err != nil {
				t.Fatal(err)
			}
		},
		func(data string) { p.Write("content/a/jia.md", data) }, // in place
	} {
		version := "第" + strconv.Itoa(i+2) + "版"
		save(strings.Replace(report, "第一版", version, 1))
		// Until the page shows the save: should the machine be slow
		// enough to let the watcher see the save's steps apart, each
		// burst is an update of its own.
		for {
			next(t, ch)
			if _, body := get(t, page); strings.Contains(body, version+"正文") {
				break
			}
		}
		if got, want := last(), "site made of 2 reports (1 files read, 2 as they were)"; got != want {
			t.Errorf("save %d: %q, want %q", i, got, want)
		}
	}
}

// waitServing waits until the server at base serves its home page,
// failing the test after about 5 s.
// start runs srv on a port of its own until the test ends, when its Run
// must return no error, and returns the site's URL.
func start(t *testing.T, srv *Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/"
}

// serving starts srv, waits until it serves, and returns its address and
// its reload events, the first (the site made) read.
func serving(t *testing.T, srv *Server) (base string, ch <-chan [2]string) {
	t.Helper()
	base = start(t, srv)
	waitServing(t, base)
	ch = events(t, base+"__serve/events")
	next(t, ch)
	return base, ch
}

func waitServing(t *testing.T, base string) {
	t.Helper()
	for i := 0; ; i++ {
		if resp, err := http.Get(base + "index.html"); err == nil {
			resp.Body.Close()
			return
		}
		if i > 100 {
			t.Fatal("server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPage waits, event by event, until the page at url holds want,
// failing the test when no event comes within 10 s.
func waitPage(t *testing.T, ch <-chan [2]string, url, want string) {
	t.Helper()
	for {
		if _, body := get(t, url); strings.Contains(body, want) {
			return
		}
		next(t, ch)
	}
}

// TestServeFollowsRenamedFolders: a folder renamed under content/ is
// still watched, its files and those added to it are read, and a folder
// put in the place of another of the same name has its files read, not
// taken as those of the folder it replaced.
func TestServeFollowsRenamedFolders(t *testing.T) {
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report+
		"-- copy/a/jia.md --\n"+strings.Replace(report, "第一版", "复制版", 1))
	var stdout, stderr lockedBuffer
	srv := New(build.Config{Root: p.Dir}, &stdout, &stderr)
	base, ch := serving(t, srv)
	page := base + "report/jia-xian/2020-cai-zheng-ju-zheng-ti.html"

	if err := os.Rename(filepath.Join(p.Dir, "content", "a"), filepath.Join(p.Dir, "content", "b")); err != nil {
		t.Fatal(err)
	}
	next(t, ch)
	p.Write("content/b/jia.md", strings.Replace(report, "第一版", "第二版", 1))
	waitPage(t, ch, page, "第二版正文")
	p.Write("content/b/yi.md", strings.Replace(report, "甲县", "乙县", 1))
	waitPage(t, ch, base+"county/yi-xian.html", "乙县")

	// The folder swapped for a copy of the same name.
	if err := os.Rename(filepath.Join(p.Dir, "content", "b"), filepath.Join(p.Dir, "old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(p.Dir, "copy", "a"), filepath.Join(p.Dir, "content", "b")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ch, page, "复制版正文")
	// And still watched.
	p.Write("content/b/jia.md", strings.Replace(report, "第一版", "第三版", 1))
	waitPage(t, ch, page, "第三版正文")
}

// TestServeIgnoresSavesThatChangeNothing: a file saved as it was
// (touch), and the files editors write beside the one being edited
// (vim's swap file, rewritten while typing, and its 4913, emacs's
// auto-save and lock files, backups), neither reload the pages nor
// print the site and its findings again; a change does.
func TestServeIgnoresSavesThatChangeNothing(t *testing.T) {
	p := buildtest.New(t, "-- content/a/jia.md --\n"+report+"-- templates/partials/x.html --\n")
	var stdout, stderr lockedBuffer
	srv := New(build.Config{Root: p.Dir, Log: &stderr}, &stdout, &stderr)
	_, ch := serving(t, srv)
	logged := stdout.String() + stderr.String()

	now := time.Now()
	for _, f := range []string{"content/a/jia.md", "templates/base.html"} {
		if err := os.Chtimes(filepath.Join(p.Dir, f), now, now); err != nil {
			t.Fatal(err)
		}
	}
	p.Write("content/a/jia.md", report) // the same bytes
	for i := range 3 {
		p.Write("content/a/.jia.md.swp", strings.Repeat("x", i+1))
		p.Write("content/a/#jia.md#", strings.Repeat("y", i+1))
		p.Write("templates/.base.html.swp", strings.Repeat("z", i+1))
		time.Sleep(2 * Debounce)
	}
	p.Write("content/a/4913", "")
	p.Remove("content/a/4913")
	p.Write("content/a/jia.md~", report)
	if err := os.Symlink("user@host.1234", filepath.Join(p.Dir, "content", "a", ".#jia.md")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * Debounce)
	select {
	case ev := <-ch:
		t.Errorf("event %v though nothing changed", ev)
	default:
	}
	if got := stdout.String() + stderr.String(); got != logged {
		t.Errorf("logged though nothing changed:\n%s", strings.TrimPrefix(got, logged))
	}

	p.Write("content/a/jia.md", strings.Replace(report, "第一版", "第二版", 1))
	if ev := next(t, ch); ev != [2]string{"built", "2"} {
		t.Errorf("after a change: %v", ev)
	}
	// A file removed is a change too.
	p.Remove("templates/partials/x.html")
	if ev := next(t, ch); ev != [2]string{"built", "3"} {
		t.Errorf("after removing a file: %v", ev)
	}
}

// TestPreviewOnlyNamesTheFlags: the command serve says builds the site
// for upload is that of the project previewed, with its base URL, quoted
// for the shell where needed; without -drafts, which a build for upload
// leaves out.
func TestPreviewOnlyNamesTheFlags(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("quoted for cmd.exe there")
	}
	for _, c := range []struct {
		cfg  build.Config
		want string
	}{
		{build.Config{}, "preview only: public/ is not updated; run go run ./generator to build it for upload (预览不会更新 public/：上传前请运行 go run ./generator)"},
		{build.Config{Root: "."}, "preview only: public/ is not updated; run go run ./generator to build it for upload (预览不会更新 public/：上传前请运行 go run ./generator)"},
		{build.Config{Root: "../site", BaseURL: "https://example.org/portal/"},
			"preview only: ../site/public is not updated; run go run ./generator -root ../site -base-url https://example.org/portal/ to build it for upload (预览不会更新 ../site/public：上传前请运行 go run ./generator -root ../site -base-url https://example.org/portal/)"},
		{build.Config{Root: "/srv/县 报告", Out: "out dir", BaseURL: "https://example.org/?a=1&b=it's"},
			"preview only: out dir is not updated; run go run ./generator -root '/srv/县 报告' -out 'out dir' -base-url 'https://example.org/?a=1&b=it'\\''s' to build it for upload (预览不会更新 out dir：上传前请运行 go run ./generator -root '/srv/县 报告' -out 'out dir' -base-url 'https://example.org/?a=1&b=it'\\''s')"},
		{build.Config{Root: "~/site", Drafts: true},
			"preview only: ~/site/public is not updated; run go run ./generator -root '~/site' to build it for upload, which leaves out the drafts shown here with -drafts (预览不会更新 ~/site/public：上传前请运行 go run ./generator -root '~/site'，这样生成的网站不含本预览用 -drafts 显示的草稿)"},
	} {
		if got := PreviewOnly(c.cfg); got != c.want {
			t.Errorf("%+v:\n got %s\nwant %s", c.cfg, got, c.want)
		}
	}
}
