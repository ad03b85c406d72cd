package content

import (
	"io/fs"
	"sync"

	"github.com/countyperf/portal/generator/internal/filestamp"
	"github.com/countyperf/portal/generator/internal/report"
)

// Cache remembers what Load made of each report file, with the file's
// stamp, so that a later Load with the same Cache and Options reads and
// parses again only the files that changed: the live preview loads the
// site again on every change. Files the file system cannot stamp
// reliably (see filestamp) are always read again. Reports returned from
// a cache are shared between loads and must not be modified.
type Cache struct {
	mu   sync.Mutex
	m    map[string]cached
	gen  int
	hits int
	// reads counts the files the load read, rather than took from the
	// cache.
	reads int
	// expect, when set, holds the only files that may have changed
	// since the last load (see Expect).
	expect map[string]bool
}

type cached struct {
	stamp filestamp.Stamp
	r     *report.Report
	err   error
	gen   int
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{m: map[string]cached{}} }

// Expect tells the cache that, until the next load, only the files
// named (as in Report.File, such as content/a.md) may have changed since
// the last load: the next load takes every other file the cache holds as
// it is, without asking the file system. The live preview learns what
// changed from the file system's notices; without them (Expect not
// called, or called with nil), every file's stamp is looked at.
func (c *Cache) Expect(names []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if names == nil {
		c.expect = nil
		return
	}
	c.expect = make(map[string]bool, len(names))
	for _, n := range names {
		c.expect[n] = true
	}
}

// unchanged returns what the cache holds for the file name when the load
// was told that the file has not changed (see Expect).
func (c *Cache) unchanged(name string) (*report.Report, error, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.expect == nil || c.expect[name] {
		return nil, nil, false
	}
	e, ok := c.m[name]
	if !ok {
		return nil, nil, false
	}
	e.gen = c.gen
	c.m[name] = e
	c.hits++
	return e.r, e.err, true
}

// get returns what the cache holds for the file name, if its stamp is
// still the one of info.
func (c *Cache) get(name string, info fs.FileInfo) (*report.Report, error, bool) {
	st, trusted := filestamp.Of(info)
	if !trusted {
		return nil, nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[name]
	if !ok || e.stamp != st {
		return nil, nil, false
	}
	e.gen = c.gen
	c.m[name] = e
	c.hits++
	return e.r, e.err, true
}

// put remembers what parsing the file name, whose stamp was that of info,
// gave, and counts the file as read: a file the file system cannot stamp
// reliably is read, but not remembered.
func (c *Cache) put(name string, info fs.FileInfo, r *report.Report, err error) {
	st, trusted := filestamp.Of(info)
	c.mu.Lock()
	c.reads++
	if trusted {
		c.m[name] = cached{stamp: st, r: r, err: err, gen: c.gen}
	}
	c.mu.Unlock()
}

// begin starts a load: what it does not see again is forgotten at end.
func (c *Cache) begin() {
	c.mu.Lock()
	c.gen++
	c.hits, c.reads = 0, 0
	c.mu.Unlock()
}

// end forgets the files the load did not see, and what it was told to
// expect.
func (c *Cache) end() {
	c.mu.Lock()
	c.expect = nil
	for name, e := range c.m {
		if e.gen != c.gen {
			delete(c.m, name)
		}
	}
	c.mu.Unlock()
}

// Reused returns how many files the last load took from the cache.
func (c *Cache) Reused() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits
}

// Read returns how many files the last load read, rather than took from
// the cache: with Reused, every report file it loaded, drafts included,
// whether or not the file system could stamp them.
func (c *Cache) Read() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}
