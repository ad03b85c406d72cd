package build

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/export"
	"github.com/countyperf/portal/generator/internal/feed"
	"github.com/countyperf/portal/generator/internal/pages"
)

// Session keeps a site in memory for the live preview. Update makes the
// site model again from the files as they are, reading and parsing only
// the report files that changed since the last update; Get makes a file
// of the site when it is asked for. Nothing is written to disk, and a
// session has no search index (a build makes it).
//
// It is safe for concurrent use: Get serves the last site Update made
// while the next one is being made. It keeps every report whole in
// memory, bodies included, so that pages are made from the files as they
// were at the update even once a file is changed or broken; a site of
// more than LeanSessionAbove reports keeps only what a build keeps, and
// its report pages read their file when they are asked for.
type Session struct {
	cfg   Config
	cache *content.Cache
	// lean is decided at the first update, from the number of files.
	lean, sized bool

	mu  sync.RWMutex
	cur *sessionSite
}

// sessionSite is one update's site.
type sessionSite struct {
	m *model
	// jobs holds every page's job by its path, and paths the pages'
	// paths in the order a build makes them.
	jobs  map[string]pages.Job
	paths []string
}

// LeanSessionAbove is the number of report files above which a Session
// keeps only the figures of each report, as a build does: whole reports
// take several kilobytes each.
var LeanSessionAbove = 20000

// NewSession returns a session for the project cfg describes; its Out,
// NoCache and NoSearch are not used.
func NewSession(cfg Config) (*Session, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	return &Session{cfg: cfg, cache: content.NewCache()}, nil
}

// Update makes the site again from the project's files; it must not be
// called again before it returns. On error, Get keeps serving the last
// site made. The summary counts the report files
// read again (Written) and those taken as they were (Unchanged), drafts
// left out among them, and lists the drafts left out, as a build's does.
func (s *Session) Update(ctx context.Context) (*Summary, error) {
	start := time.Now()
	if !s.sized {
		files, _ := content.Files(os.DirFS(filepath.Join(s.cfg.Root, "content")))
		s.lean, s.sized = len(files) > LeanSessionAbove, true
	}
	// Reports stay in the cache from one update to the next, key
	// positions included (the checks of the next update need them), and
	// unless the site is large, bodies and evidence too.
	opt := content.Options{Drafts: s.cfg.Drafts, Workers: s.cfg.Workers, Prefix: "content/", Cache: s.cache, Lean: s.lean}
	m, err := prepare(ctx, s.cfg, opt, false, nil)
	if err != nil {
		return nil, err
	}
	if !s.lean {
		m.site.Detail = nil // the reports are whole
	}
	sayFindings(s.cfg.Log, m.checks, nil, s.cfg.Drafts)
	sayNotices(s.cfg.Log, m.reports)
	cur := &sessionSite{m: m, jobs: map[string]pages.Job{}}
	err = pages.Each(m.site, func(j pages.Job) error {
		cur.jobs[j.Path] = j
		cur.paths = append(cur.paths, j.Path)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.cur = cur
	s.mu.Unlock()
	// Counted as the files were loaded: the reports of the site are not
	// all the files (a draft left out is read, or kept, too).
	return &Summary{Reports: len(m.site.Reports), Counties: len(m.site.Counties), Pages: len(cur.paths),
		Findings: pages.CountFindings(m.site), Written: s.cache.Read(), Unchanged: s.cache.Reused(),
		Warnings: m.site.Warnings, Drafts: m.drafts, Duration: time.Since(start)}, nil
}

// Expect tells the session that, until the next Update, only the files
// named (paths from the project, such as content/a/x.md) may have changed
// since the last one, as the file system's notices tell: Update then
// looks only at those among the report files it holds, and at files new
// to it. With nil, or without a call, Update looks at every file.
func (s *Session) Expect(names []string) { s.cache.Expect(names) }

// ErrNoSite is returned by Get before the first successful Update.
var ErrNoSite = errors.New("no site yet: the first build has not succeeded")

// Get returns the file of the site at name, a slash-separated path from
// the site's root such as report/x/2020-y.html, made now from the last
// site Update made. ok is false when the site has no such file.
func (s *Session) Get(name string) (data []byte, ok bool, err error) {
	s.mu.RLock()
	cur := s.cur
	s.mu.RUnlock()
	if cur == nil {
		return nil, false, ErrNoSite
	}
	site, base := cur.m.site, s.cfg.BaseURL
	if j, ok := cur.jobs[name]; ok {
		p, err := j.Make()
		if err != nil {
			return nil, true, err
		}
		data, err := cur.m.rnd.Page(p)
		p.Written()
		return data, true, err
	}
	for _, ix := range pages.ListIndexes {
		if name == ix.Path {
			if !ix.Has(site) {
				return nil, false, nil // nothing links to it
			}
			return ix.Make(site), true, nil
		}
	}
	var gen func() ([]byte, error)
	switch name {
	case "downloads/reports.csv":
		gen = func() ([]byte, error) { return export.CSV(site, base) }
	case "downloads/reports.xlsx":
		gen = func() ([]byte, error) { return export.XLSX(site, base) }
	case "downloads/findings.csv":
		gen = func() ([]byte, error) { return export.FindingsCSV(site, base) }
	case "downloads/reports.json":
		gen = func() ([]byte, error) { return export.JSON(site) }
	case "feed.xml":
		gen = func() ([]byte, error) { return feed.Atom(site, base) }
	case "robots.txt":
		gen = func() ([]byte, error) { return feed.Robots(base), nil }
	case "sitemap.xml":
		if base == "" {
			return nil, false, nil // a build makes one only with a base URL
		}
		gen = func() ([]byte, error) { return feed.Sitemap(cur.paths, base) }
	default:
		// Assets are served as the build copies them.
		if !fs.ValidPath(name) || !strings.HasPrefix(name, "assets/") || path.Base(name)[0] == '.' {
			return nil, false, nil
		}
		// Checked first, as a build checks it: reading a pipe would
		// block, and a link out of the project would serve any file.
		if info, err := checkAsset(s.cfg.Root, name); err != nil || info.IsDir() {
			return nil, false, nil
		}
		data, err := fs.ReadFile(cur.m.root, name)
		if err != nil {
			return nil, true, fmt.Errorf("reading %s: %w", name, err)
		}
		return data, true, nil
	}
	data, err = gen()
	return data, true, err
}
