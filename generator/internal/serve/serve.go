// Package serve is the publisher's live preview: it makes the site, serves
// it on the loopback interface, watches content/, templates/ and assets/,
// makes it again after each burst of changes and tells open pages to
// reload. A failed rebuild shows its error in the page and in the
// terminal, and the last good site keeps being served.
//
// The preview keeps the site in memory (build.Session): a change reads
// only the files that changed, and pages are made as they are asked for,
// so that the site is up to date a moment after a file is saved. It
// writes nothing to disk and has no search index; build publishes. With
// Static set, it builds the site to disk once and serves the files as a
// static host would.
package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/fsnotify/fsnotify"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/invocation"
)

// Debounce is how long the watcher waits after a change for more changes
// before it rebuilds: editors write a file in several steps.
const Debounce = 80 * time.Millisecond

// prefix is where the server's own endpoints live.
const prefix = "/__serve/"

// Server serves a built site and rebuilds it when its sources change.
type Server struct {
	cfg build.Config
	// given is cfg as given to New, before the defaults.
	given build.Config
	out   io.Writer
	log   io.Writer

	// Static serves the built site as it is: no watching, no rebuilds and
	// no reload script, as a static host would (for measuring pages).
	Static bool

	// SayDrafts, when set, is given the files of the reports left out as
	// drafts, to say so as a build does: after the first build that
	// succeeds and after each one that leaves out other drafts.
	SayDrafts func(w io.Writer, files []string)

	// session holds the site in memory, unless Static.
	session *build.Session
	// sources tells whether a burst of changes changed a source file,
	// unless Static.
	sources *sources

	// drafts are the drafts last given to SayDrafts; draftsSaid tells
	// that they were given.
	drafts     []string
	draftsSaid bool

	mu      sync.Mutex
	version int    // count of successful builds
	failure string // the last build's error, or "" when it succeeded
	clients map[chan struct{}]bool
}

// New returns a server for the project described by cfg; cfg.Out is where
// the site is built and served from.
func New(cfg build.Config, stdout, stderr io.Writer) *Server {
	given := cfg
	if cfg.Root == "" {
		cfg.Root = "."
	}
	if cfg.Out == "" {
		cfg.Out = filepath.Join(cfg.Root, "public")
	}
	return &Server{cfg: cfg, given: given, out: stdout, log: stderr, clients: map[chan struct{}]bool{}}
}

// Run builds the site, then serves it on ln and rebuilds on every change
// until ctx is cancelled.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	if !s.Static {
		session, err := build.NewSession(s.cfg)
		if err != nil {
			return err
		}
		s.session = session
		// Watching, then taking the sources as they are, before the
		// session reads them: a change made meanwhile is not missed.
		w, err := s.watch()
		if err != nil {
			return err
		}
		s.sources = newSources(s.cfg.Root)
		s.sources.scan()
		s.Rebuild(ctx)
		go s.loop(ctx, w) // which closes w
	} else {
		s.Rebuild(ctx)
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(s.out, "serving http://%s/ (Ctrl-C to stop)\n", ln.Addr())
	if !s.Static {
		// The site is in memory only (see build.Session): a publisher
		// who uploads public/ after previewing would upload the last
		// build, not what the preview showed.
		fmt.Fprintf(s.out, "%s\n", PreviewOnly(s.given))
	}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// NoDraftsLeft is what serve says when a build leaves out no draft
// after one that left some out, so that the list said before is not
// taken to hold still.
const NoDraftsLeft = "note: no draft is left out now; every report file is in the preview (现在没有草稿被略去：所有报告文件都已在预览中)"

// PreviewOnly returns what serve says once it serves the site it keeps
// in memory of the project cfg describes, cfg being as given to New:
// the folder to upload is not written, and the command that builds it,
// with the flags serve was given that a build takes (-root, -out,
// -base-url), quoted for the shell where needed, so that it builds the
// project previewed, wherever it is run. -drafts is not one: a build
// with it is a preview too, not for upload, as it says.
func PreviewOnly(cfg build.Config) string {
	out, cmd := "public/", invocation.Command
	if cfg.Root != "" && cfg.Root != "." {
		out = filepath.Join(cfg.Root, "public")
		cmd += " -root " + shellQuote(cfg.Root)
	}
	if cfg.Out != "" {
		out = cfg.Out
		cmd += " -out " + shellQuote(cfg.Out)
	}
	if cfg.BaseURL != "" {
		cmd += " -base-url " + shellQuote(cfg.BaseURL)
	}
	en := "preview only: " + out + " is not updated; run " + cmd + " to build it for upload"
	zh := "预览不会更新 " + out + "：上传前请运行 " + cmd
	if cfg.Drafts {
		en += ", which leaves out the drafts shown here with -drafts"
		zh += "，这样生成的网站不含本预览用 -drafts 显示的草稿"
	}
	return en + " (" + zh + ")"
}

// shellQuote returns s as a word of a command line: as it is when no
// shell gives any of its characters a meaning, otherwise in single
// quotes (in double quotes on Windows, whose cmd.exe has no others).
func shellQuote(s string) string {
	plain := s != "" && strings.IndexFunc(s, func(r rune) bool {
		return r < utf8.RuneSelf && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-_./:=@+,", r))
	}) < 0
	switch {
	case plain:
		return s
	case runtime.GOOS == "windows":
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// BuildFailed begins what serve logs of a failed build, before its error.
const BuildFailed = "build failed; still serving the last good site (构建失败，仍显示上一次成功构建的网站):"

// Rebuild makes the site once and tells the open pages.
func (s *Server) Rebuild(ctx context.Context) {
	var sum *build.Summary
	var err error
	if s.session != nil {
		sum, err = s.session.Update(ctx)
	} else {
		sum, err = build.Run(ctx, s.cfg)
	}
	s.mu.Lock()
	switch {
	case err != nil:
		s.failure = err.Error()
		// Each error on its line as build and check print it,
		// "file:line:col: error: key: …".
		var lines strings.Builder
		check.WriteText(&lines, []error{err}, nil, nil)
		fmt.Fprintf(s.log, "%s\n%s", BuildFailed, lines.String())
	case s.session != nil:
		s.failure = ""
		s.version++
		fmt.Fprintf(s.out, "site made of %d reports (%d files read, %d as they were) in %s\n",
			sum.Reports, sum.Written, sum.Unchanged, sum.Duration.Round(time.Millisecond))
	default:
		s.failure = ""
		s.version++
		fmt.Fprintf(s.out, "built %d reports: %d written, %d unchanged, %d removed in %s\n",
			sum.Reports, sum.Written, sum.Unchanged, sum.Removed, sum.Duration.Round(time.Millisecond))
	}
	if err == nil && !sum.Cached && s.SayDrafts != nil && (!s.draftsSaid || !slices.Equal(sum.Drafts, s.drafts)) {
		if len(sum.Drafts) == 0 && len(s.drafts) > 0 {
			fmt.Fprintf(s.out, "%s\n", NoDraftsLeft)
		}
		s.SayDrafts(s.out, sum.Drafts)
		s.drafts, s.draftsSaid = sum.Drafts, true
	}
	for c := range s.clients {
		select {
		case c <- struct{}{}:
		default:
		}
	}
	s.mu.Unlock()
}

// state returns the build count and the last failure.
func (s *Server) state() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, s.failure
}

// watcher watches every folder under content/, templates/ and assets/,
// and knows which it watches.
type watcher struct {
	*fsnotify.Watcher
	// dirs holds the folders watched, by their paths as events name them.
	dirs map[string]bool
}

// watch starts watching every folder under content/, templates/ and assets/.
func (s *Server) watch() (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{Watcher: fw, dirs: map[string]bool{}}
	for _, dir := range []string{"content", "templates", "assets"} {
		if err := w.addTree(filepath.Join(s.cfg.Root, dir)); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches a folder and every folder below it; fsnotify does not
// recurse by itself.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil // gone since: its parent's notice says so
			}
			return err
		}
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				if os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			w.dirs[p] = true
		}
		return nil
	})
}

// loop rebuilds after each burst of changes that changed a source file
// (see sources), telling the session which files changed, unless the
// notices may have missed some.
//
// A folder moved in, out or within the watched folders makes the loop
// watch them all afresh: fsnotify loses track of a renamed folder (on
// Linux, the notice of the old name removes the watch the new name
// shares, and the folders below keep their old names), so the preview
// would stop seeing changes in it. The files of such a folder are not
// named by any notice, and one put in the place of another of the same
// name holds other files under the same names: the session then looks
// at every file, as after lost notices.
func (s *Server) loop(ctx context.Context, w *watcher) {
	defer func() { w.Close() }()
	var timer <-chan time.Time
	var changed []string
	missed, moved := false, false
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
					moved = true
				}
			}
			if (ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove)) && w.dirs[ev.Name] {
				moved = true
			}
			if rel, err := filepath.Rel(s.cfg.Root, ev.Name); err == nil {
				changed = append(changed, filepath.ToSlash(rel))
			} else {
				missed = true
			}
			timer = time.After(Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			// Notices were lost: look at every file next time.
			missed = true
			timer = time.After(Debounce)
			fmt.Fprintln(s.log, "watching:", err)
		case <-timer:
			timer = nil
			if moved || missed {
				// Watching afresh before the session looks at the files:
				// a change made meanwhile is seen by one or the other.
				if fresh, err := s.watch(); err != nil {
					fmt.Fprintln(s.log, "watching:", err)
				} else {
					w.Close()
					w = fresh
				}
			}
			var differ bool
			if missed || moved {
				differ = s.sources.scan()
			} else {
				differ = s.sources.update(changed)
			}
			// Nothing to make again when no file's bytes changed, and no
			// file came or went: the pages are not reloaded, and the
			// findings are not said again.
			if differ {
				if !missed && !moved {
					s.session.Expect(changed)
				}
				s.Rebuild(ctx)
			}
			changed, missed, moved = nil, false, false
		}
	}
}

// ServeHTTP serves the built site, with a script in every page that reloads
// it after a rebuild and shows a failed build's error, and the server's own
// endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case prefix + "events":
		s.events(w, r)
		return
	case prefix + "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	file := strings.TrimPrefix(name, "/")
	status := http.StatusOK
	data, found, err := s.get(file)
	if err == nil && !found {
		status = http.StatusNotFound
		file = "404.html"
		data, found, err = s.get(file)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !found {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	ct := contentType(file)
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	if strings.HasSuffix(file, ".html") && !s.Static {
		data = inject(data)
	}
	if ct != "" && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
	}
	w.WriteHeader(status)
	w.Write(data)
}

// get returns the site's file at the slash-separated path name, from the
// session or, when Static, from the built site.
func (s *Server) get(name string) ([]byte, bool, error) {
	if s.session != nil {
		return s.session.Get(name)
	}
	data, err := os.ReadFile(filepath.Join(s.cfg.Out, filepath.FromSlash(name)))
	if err != nil {
		return nil, false, nil
	}
	return data, true, nil
}

// inject adds the reload script to a page, before </body>.
func inject(page []byte) []byte {
	tag := []byte(`<script defer src="` + prefix + `reload.js"></script>`)
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

func contentType(file string) string {
	switch path.Ext(file) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	case ".csv":
		return "text/csv; charset=utf-8"
	}
	return ""
}

// events streams server-sent events: "reload" after each successful build,
// "failed" with the error after a failed one. The current state is sent
// when a page connects, so a page opened while the build is broken shows
// the error.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan struct{}, 1)
	s.mu.Lock()
	s.clients[c] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	send := func() {
		version, failure := s.state()
		if failure != "" {
			fmt.Fprintf(w, "event: failed\ndata: %s\n\n", strings.ReplaceAll(failure, "\n", "\ndata: "))
		} else {
			fmt.Fprintf(w, "event: built\ndata: %d\n\n", version)
		}
		flusher.Flush()
	}
	send()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c:
			send()
		}
	}
}

// reloadJS reloads the page when a build newer than the one it was loaded
// with succeeds, and shows a failed build's error over the page.
const reloadJS = `(function () {
  'use strict';
  var loaded = null;
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement('pre');
      box.setAttribute('role', 'alert');
      box.className = 'serve-error';
      var s = box.style;
      s.position = 'fixed'; s.left = '0'; s.right = '0'; s.bottom = '0'; s.zIndex = '10000';
      s.margin = '0'; s.padding = '1rem'; s.maxHeight = '50vh'; s.overflow = 'auto';
      s.background = '#7f1d1d'; s.color = '#fff'; s.font = '14px/1.5 monospace'; s.whiteSpace = 'pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = '构建失败，仍显示上一次成功构建的网站：\n\n' + text;
  }
  var es = new EventSource('` + prefix + `events');
  es.addEventListener('built', function (ev) {
    if (loaded === null) {
      loaded = ev.data;
      if (box) { box.remove(); box = null; }
      return;
    }
    if (ev.data !== loaded) location.reload();
  });
  es.addEventListener('failed', function (ev) {
    if (loaded === null) loaded = '';
    show(ev.data);
  });
})();
`
