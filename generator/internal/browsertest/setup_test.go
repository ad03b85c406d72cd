package browsertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/countyperf/portal/generator/internal/build"
)

// subPath is where the test server mounts the built site, to prove that the
// site works below the root of a host.
const subPath = "/portal/"

// faultyPath is where the test server mounts the deliberately broken pages
// of TestCheckerCatchesFaults.
const faultyPath = "/faulty/"

// kindsPath is where the test server mounts the site of several kinds of
// department (see buildKindsSite).
const kindsPath = "/kinds/"

const (
	// pageTimeout bounds everything done with one page, so a hang fails.
	pageTimeout = 30 * time.Second
	// startTimeout bounds the start of the browser.
	startTimeout = 30 * time.Second
)

// env is the state shared by the tests of the binary: the built site, its
// server and the browser. Each part is made on first use.
var env struct {
	tmp string // removed by TestMain

	siteOnce sync.Once
	siteErr  error
	out      string // the built site
	host     string // 127.0.0.1:PORT of the server
	base     string // http://127.0.0.1:PORT/portal/
	srv      *http.Server
	faulty   string // served under faultyPath
	// kindsOut is the site of buildKindsSite, kindsBase its URL.
	kindsOut, kindsBase string

	browserOnce sync.Once
	browserErr  error
	noChromium  bool
	browserCtx  context.Context
	stopBrowser func()
	browserLog  *syncBuffer

	shotsOnce sync.Once
	shots     string // folder for the screenshots of failed pages
}

// TestMain runs the tests, then stops the browser and the server they
// started and removes the built site.
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		os.Exit(1)
	}
	env.tmp = tmp
	code := m.Run()
	if env.stopBrowser != nil {
		env.stopBrowser()
	}
	if env.srv != nil {
		env.srv.Close()
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

// site builds the bundled site and serves it under subPath, once per binary.
func site(t *testing.T) {
	t.Helper()
	env.siteOnce.Do(func() { env.siteErr = startSite() })
	if env.siteErr != nil {
		t.Fatal(env.siteErr)
	}
}

// startSite builds the bundled site into env.tmp and serves it on a random
// port of 127.0.0.1.
func startSite() error {
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	root, err := RepoRoot(wd)
	if err != nil {
		return err
	}
	out := filepath.Join(env.tmp, "site")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := build.Run(ctx, build.Config{Root: root, Out: out}); err != nil {
		return fmt.Errorf("building the bundled site from %s: %w", root, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), staticHost(out)))
	kinds, err := buildKindsSite(ctx, root)
	if err != nil {
		return err
	}
	mux.Handle(kindsPath, http.StripPrefix(strings.TrimSuffix(kindsPath, "/"), staticHost(kinds)))
	// Pages made by TestCheckerCatchesFaults, to see the checks fail.
	env.faulty = filepath.Join(env.tmp, "faulty")
	mux.Handle(faultyPath, http.StripPrefix(strings.TrimSuffix(faultyPath, "/"), staticHost(env.faulty)))
	env.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go env.srv.Serve(ln)
	env.out = out
	env.host = ln.Addr().String()
	env.base = "http://" + env.host + subPath
	env.kindsOut, env.kindsBase = kinds, "http://"+env.host+kindsPath
	return nil
}

// buildKindsSite builds, into env.tmp, the bundled reports and one of an
// 档案馆 of 2020, and returns the built site. The bundled reports are all
// of one kind of department, whose years are compared on their year's
// page alone; with a second kind, 2020's 行政审批 reports have a compare
// page of their own (compare/2020/xing-zheng-shen-pi.html).
func buildKindsSite(ctx context.Context, repo string) (string, error) {
	root := filepath.Join(env.tmp, "kinds-project")
	for _, dir := range []string{"content", "templates", "assets"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join(repo, dir))); err != nil {
			return "", fmt.Errorf("copying the bundled %s: %w", dir, err)
		}
	}
	archives := "---\ncounty: 桃源县\nprefecture: 常德市\nprovince: 湖南省\ndepartment: 档案馆\nyear: 2020\ntype: 整体支出\n" +
		"spending: {total: 120, basic: 100, project: 20}\nscore: 90\ngrade: 优\n---\n档案馆的报告。\n"
	if err := os.WriteFile(filepath.Join(root, "content", "archives-2020.md"), []byte(archives), 0o644); err != nil {
		return "", err
	}
	out := filepath.Join(env.tmp, "kinds")
	if _, err := build.Run(ctx, build.Config{Root: root, Out: out}); err != nil {
		return "", fmt.Errorf("building the bundled site with a second kind of department: %w", err)
	}
	return out, nil
}

// staticHost serves dir as a plain static host does: a folder's index.html
// for the folder, the file itself for /x/index.html (no redirect), and
// 404.html with status 404 for anything missing.
func staticHost(dir string) http.Handler {
	root := os.DirFS(dir)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name == "" {
			name = "."
		}
		if fi, err := fs.Stat(root, name); err == nil && fi.IsDir() {
			name = path.Join(name, "index.html")
		}
		status := http.StatusOK
		data, err := fs.ReadFile(root, name)
		if err != nil {
			status = http.StatusNotFound
			name = "404.html"
			if data, err = fs.ReadFile(root, name); err != nil {
				http.NotFound(w, r)
				return
			}
		}
		if ct := mimeTypes[path.Ext(name)]; ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	})
}

// mimeTypes are the content types staticHost sends; for other files
// net/http sniffs one.
var mimeTypes = map[string]string{
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".csv":  "text/csv; charset=utf-8",
	".xml":  "application/xml",
	".txt":  "text/plain; charset=utf-8",
}

// browser returns the context of the shared headless chromium, starting it
// on first use. Without chromium the test is skipped, or fails when CI=true.
func browser(t *testing.T) context.Context {
	t.Helper()
	env.browserOnce.Do(func() { env.browserErr = startBrowser() })
	if env.noChromium {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", env.browserErr)
		}
		t.Skipf("skipping the browser test: %v", env.browserErr)
	}
	if env.browserErr != nil {
		t.Fatal(env.browserErr)
	}
	return env.browserCtx
}

// startBrowser starts headless chromium with a fresh profile.
func startBrowser() error {
	exe, err := FindChromium()
	if err != nil {
		env.noChromium = true
		return err
	}
	profile, err := os.MkdirTemp(env.tmp, "profile-")
	if err != nil {
		return err
	}
	env.browserLog = &syncBuffer{}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(env.browserLog),
		// Chromium's own temporary files (the folder of its singleton
		// socket, which it leaves behind when stopped) go with the
		// tests' folder, not into /tmp.
		chromedp.Env("TMPDIR="+env.tmp),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	env.stopBrowser = func() {
		cancelCtx()
		cancelAlloc()
	}
	// The first Run binds the browser's life to ctx, so it must not carry a
	// deadline: cancel it from a timer instead if the start hangs.
	timer := time.AfterFunc(startTimeout, cancelCtx)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("chromium (%s) did not start within %v: %w", exe, startTimeout, err)
	}
	if err != nil {
		return fmt.Errorf("starting chromium (%s): %w\nbrowser output:\n%s", exe, err, env.browserLog.tail(4000))
	}
	env.browserCtx = ctx
	return nil
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// tab is one page open in its own browser tab, with what the page logged
// and requested.
type tab struct {
	t    *testing.T
	ctx  context.Context
	url  string
	dir  string // the folder of the site on disk
	site string // URL prefix every internal link and request must stay under
	host string // the only host:port requests may go to; "" for file:// pages

	mu       sync.Mutex
	errs     []string // console errors, uncaught exceptions, log errors (CSP)
	warnings []string // console warnings, shown on failure
	foreign  []string // requests that left the site
	broken   []string // failed requests within the site
	urls     map[network.RequestID]string
	requests []string // every URL requested, in order
}

// open loads pageURL in a new tab of the shared browser. dir is the site's
// folder on disk and site its URL; host is the host:port the page may
// request from, or "" for a file:// site. The tab closes when the test ends,
// after a screenshot if the test failed.
func open(t *testing.T, dir, site, host, pageURL string) *tab {
	t.Helper()
	return openWith(t, dir, site, host, pageURL)
}

// openWith is open with actions run in the new tab before the page loads,
// such as the emulation of a phone's screen.
func openWith(t *testing.T, dir, site, host, pageURL string, before ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	return openStatus(t, dir, site, host, pageURL, http.StatusOK, before...)
}

// openStatus is openWith for a page that must load with this HTTP status
// (a missing page: 404).
func openStatus(t *testing.T, dir, site, host, pageURL string, status int, before ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	bctx := browser(t)
	tb := &tab{t: t, url: pageURL, dir: dir, site: site, host: host, urls: map[network.RequestID]string{}}
	tctx, cancelTimeout := context.WithTimeout(bctx, pageTimeout)
	ctx, cancelTab := chromedp.NewContext(tctx, chromedp.WithListener(tb.listen))
	t.Cleanup(func() {
		cancelTab()
		cancelTimeout()
	})
	t.Cleanup(tb.screenshotIfFailed) // runs before the tab closes
	tb.ctx = ctx

	if err := chromedp.Do(ctx, before...); err != nil {
		t.Fatalf("preparing the tab for %s: %v", pageURL, err)
	}
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(pageURL))
	if err != nil {
		t.Fatalf("loading %s: %v", pageURL, err)
	}
	if resp != nil && host != "" && resp.Status != int64(status) {
		t.Errorf("loading %s: status %d %s", pageURL, resp.Status, resp.StatusText)
	}
	return tb
}

// listen records the events of the tab. It runs in the tab's read loop, so
// it only appends under the lock.
func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			tb.errs = append(tb.errs, fmt.Sprintf("console.%s: %s", ev.Type, argsText(ev.Args)))
		case runtime.ConsoleAPICalledTypeWarning:
			tb.warnings = append(tb.warnings, "console.warn: "+argsText(ev.Args))
		}
	case *runtime.EventExceptionThrown:
		tb.errs = append(tb.errs, "uncaught exception: "+exceptionText(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError && !browserOwn(e.URL) {
			msg := fmt.Sprintf("browser log (%s): %s", e.Source, e.Text)
			if e.URL != "" {
				msg += fmt.Sprintf(" [%s:%d]", e.URL, e.LineNumber+1)
			}
			tb.errs = append(tb.errs, msg)
		}
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		tb.urls[ev.RequestID] = ev.Request.URL
		tb.requests = append(tb.requests, ev.Request.URL)
		if why := tb.offSite(ev.Request.URL); why != "" {
			tb.foreign = append(tb.foreign, fmt.Sprintf("%s (%s)", ev.Request.URL, why))
		}
	case *network.EventResponseReceived:
		if r := ev.Response; r != nil && r.Status >= 400 && !browserOwn(r.URL) {
			tb.broken = append(tb.broken, fmt.Sprintf("%s: status %d", r.URL, r.Status))
		}
	case *network.EventLoadingFailed:
		if u := tb.urls[ev.RequestID]; !browserOwn(u) {
			tb.broken = append(tb.broken, fmt.Sprintf("%s: %s %s", u, ev.ErrorText, ev.BlockedReason))
		}
	}
}

// browserOwn reports whether the browser itself, not the page, asked for u:
// the icon at the host's root, which the browser fetches after the load when
// a page names none. Its 404 is the host's business, not the site's.
func browserOwn(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Path == "/favicon.ico"
}

// offSite says why a request for raw leaves the site, or "" if it does not.
func (tb *tab) offSite(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "unparsable URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "data", "blob", "about":
		return ""
	case "http", "https", "ws", "wss", "ftp":
		if tb.host == "" {
			return "network request from a file:// page"
		}
		if u.Host != tb.host {
			return "host " + u.Host + " is not " + tb.host
		}
		return ""
	case "file":
		if !strings.HasPrefix(raw, tb.site) {
			return "file outside the site folder"
		}
		return ""
	}
	return ""
}

// argsText formats the arguments of a console call as the console shows
// them, roughly.
func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a == nil:
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			s := string(a.Value)
			if len(s) >= 2 && s[0] == '"' {
				s = strings.Trim(s, `"`)
			}
			parts = append(parts, s)
		case a.UnserializableValue != "":
			parts = append(parts, string(a.UnserializableValue))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// exceptionText formats an uncaught exception with its place.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "?"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	if d.URL != "" {
		s += fmt.Sprintf(" [%s:%d:%d]", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return s
}

// logProblems lists every console error, uncaught exception and error in
// the browser log, every request that left the site and every request
// within it that failed. It also reports a page whose own request was not
// seen, since then the listener is not working and the other checks prove
// nothing.
func (tb *tab) logProblems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var p []string
	p = append(p, tb.errs...)
	for _, f := range tb.foreign {
		p = append(p, "request leaves the site: "+f)
	}
	for _, b := range tb.broken {
		p = append(p, "request failed: "+b)
	}
	if !slices.Contains(tb.requests, tb.url) {
		p = append(p, fmt.Sprintf("no request for the page itself among the %d seen: the event listener is not working", len(tb.requests)))
	}
	return p
}

// report fails the test for each problem, and logs the page's console
// warnings if it failed.
func (tb *tab) report(problems []string) {
	tb.t.Helper()
	for _, p := range problems {
		tb.t.Errorf("%s: %s", tb.url, p)
	}
	if len(problems) > 0 {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, w := range tb.warnings {
			tb.t.Logf("%s: %s", tb.url, w)
		}
	}
}

// eval evaluates expr in the page and decodes its value into T.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tb.t.Fatalf("%s: evaluating script: %v", tb.url, err)
	}
	return v
}

// screenshotIfFailed saves a screenshot of the page when the test failed.
func (tb *tab) screenshotIfFailed() {
	if !tb.t.Failed() || tb.ctx.Err() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	img, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		tb.t.Logf("no screenshot of %s: %v", tb.url, err)
		return
	}
	env.shotsOnce.Do(func() {
		env.shots, _ = os.MkdirTemp("", "browsertest-screenshots-")
	})
	if env.shots == "" {
		return
	}
	page := strings.TrimPrefix(strings.TrimPrefix(tb.url, tb.site), "/")
	name := filepath.Join(env.shots, safeName(tb.t.Name()+"--"+page)+".jpg")
	if err := os.WriteFile(name, img, 0o644); err != nil {
		tb.t.Logf("no screenshot of %s: %v", tb.url, err)
		return
	}
	tb.t.Logf("screenshot of %s: %s", tb.url, name)
}

// waitFor evaluates expr every 100ms until it returns true or d passes.
func (tb *tab) waitFor(expr string, d time.Duration) bool {
	tb.t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr))
		// A script run while the tab swaps documents (a reload) fails
		// with the old one; the next try runs in the new one.
		swapped := err != nil && strings.Contains(err.Error(), "navigated or closed") && tb.ctx.Err() == nil
		if err != nil && !swapped && !errors.Is(err, chromedp.ErrJSNull) && !errors.Is(err, chromedp.ErrJSUndefined) {
			tb.t.Fatalf("%s: evaluating %.60q…: %v", tb.url, expr, err)
		}
		if ok {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// click clicks the first element that matches the CSS selector, with the
// mouse, as a user does.
func (tb *tab) click(selector string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		tb.t.Fatalf("%s: clicking %s: %v", tb.url, selector, err)
	}
}

// follow clicks, with the mouse, the first link that matches the CSS
// selector, and waits until the page it leads to has loaded. Polling the
// page instead can run a script while the tab swaps documents, which
// fails ("Inspected target navigated or closed").
func (tb *tab) follow(selector string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(selector))); err != nil {
		tb.t.Fatalf("%s: following %s: %v", tb.url, selector, err)
	}
}

// sendKeys types text into the first element that matches the CSS selector.
func (tb *tab) sendKeys(selector, text string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS(selector), text)); err != nil {
		tb.t.Fatalf("%s: typing into %s: %v", tb.url, selector, err)
	}
}

// safeName makes s usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r == '?' || r == '#' || r == ' ' {
			return '_'
		}
		return r
	}, s)
}

// kindsPage is the compare page of one kind of department that the tests
// load, from the site of buildKindsSite.
const kindsPage = "compare/2020/xing-zheng-shen-pi.html"

// siteOf returns the built site that holds the page at path, and its
// URL: the site of buildKindsSite for kindsPage, the bundled site for any
// other.
func siteOf(path string) (out, base string) {
	if path == kindsPage {
		return env.kindsOut, env.kindsBase
	}
	return env.out, env.base
}
