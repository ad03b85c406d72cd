package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"slices"
	"sync"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/site"
)

// reportKey hashes everything a report's page shows, so that a build can
// leave the page of a report whose key has not changed since the last
// build as it is: the inputs shared by every page (the generator, the
// settings, the templates and assets), the report's own file, the file of
// the year before (for the changes shown beside each figure), the county,
// the titles and links of the county's other reports, the report's ranks
// and the number and slug of its peers (site.Peers),
// the outcome of its checks, and which of its figures and of the year
// before's are taken for likely unit slips (see suspects).
func reportKey(in *inputs, r *site.Report) string {
	k := newKeyBuf(in)
	defer k.free()
	k.str(r.URL).str(r.File).sum(in.Files[r.File])
	k.suspects(r)
	if p := r.Prev; p != nil {
		k.str("prev").str(p.URL).str(p.File).sum(in.Files[p.File])
		k.suspects(p)
	}
	c := r.County
	k.str("county").str(c.Name).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	// The reports the page lists as the county's others: the series'
	// when it has a page of its own, whose link the page gives too.
	listed := c.Reports
	if se := r.Series; se != nil && se.URL != "" {
		k.str("series").str(se.URL).str(se.Department).str(se.Project)
		listed = se.Reports
	}
	k.int(int64(len(listed)))
	for _, o := range listed {
		// As the list of the county's other reports names them: with
		// the project a title does not name.
		k.str(o.URL).str(o.DisplayTitle())
	}
	// The peers the ranks are among, and the link to their compare
	// page, when they have one.
	if p := r.Peers; p != nil {
		k.str("peers").str(p.Slug).int(int64(len(p.Reports)))
	}
	k.str("ranks")
	for _, rk := range r.Ranks {
		k.int(int64(rk.Place)).int(int64(rk.Of)).int(int64(rk.Tied))
	}
	k.int(int64(len(r.Checks)))
	for i := range r.Checks {
		k.result(&r.Checks[i])
	}
	return k.key()
}

// countyKey hashes everything a county's page shows, as reportKey does
// for a report's page: the inputs shared by every page, the county, the
// counts of its findings, and for each of its reports the file (every
// figure shown comes from it), the link, title and year, and the ranks.
// The overview of a county whose series have pages of their own (see
// overviewKey) shows less.
func countyKey(in *inputs, c *site.County) string {
	if c.SeriesPages() {
		return overviewKey(in, c)
	}
	k := newKeyBuf(in)
	defer k.free()
	k.str("county").str(c.Name).str(c.Slug).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	k.findings(c)
	k.int(int64(len(c.Reports)))
	for _, r := range c.Reports {
		k.str(r.URL).str(r.DisplayTitle())
	}
	k.int(int64(len(c.Series)))
	for _, se := range c.Series {
		k.str(se.Department).str(se.Type).str(se.Project).int(int64(len(se.Reports)))
		for _, r := range se.Reports {
			k.yearRow(in, r)
		}
	}
	return k.key()
}

// findings hashes the counts of the findings of the county c's reports,
// which its page states (pages.CountyFindingsOf): an overview shows the
// latest report of each series alone, but counts the findings of all.
func (k *keyBuf) findings(c *site.County) {
	f := pages.CountyFindingsOf(c)
	for _, n := range f.Counts {
		k.int(int64(n.N))
	}
}

// yearRow hashes what a series' table by year shows of the report r:
// its link, file and year, the link of the year before (its changes are
// from that report), its ranks and which figures are taken for likely
// unit slips.
func (k *keyBuf) yearRow(in *inputs, r *site.Report) {
	k.str(r.URL).str(r.File).sum(in.Files[r.File]).int(int64(r.Year))
	if r.Prev != nil {
		k.str(r.Prev.URL)
	} else {
		k.str("")
	}
	for _, rk := range r.Ranks {
		k.int(int64(rk.Place)).int(int64(rk.Of)).int(int64(rk.Tied))
	}
	k.suspects(r)
}

// overviewKey hashes everything the overview of a county whose series
// have pages of their own shows: the inputs shared by every page, the
// county, the counts of its findings, its number of reports, and for
// each series its names, its page's link, its first year and number of
// reports, and its latest report (link, year, file and which figures
// are taken for likely unit slips), whose figures the row shows. The
// other reports' figures are not on it: a change to them leaves it as
// it is, unless it changes the county's count of findings.
func overviewKey(in *inputs, c *site.County) string {
	k := newKeyBuf(in)
	defer k.free()
	k.str("overview").str(c.Name).str(c.Slug).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	k.findings(c)
	k.int(int64(len(c.Reports))).int(int64(len(c.Series)))
	for _, se := range c.Series {
		latest := se.Reports[len(se.Reports)-1]
		k.str(se.Department).str(se.Type).str(se.Project).str(se.URL)
		k.int(int64(len(se.Reports))).int(int64(se.Reports[0].Year))
		k.str(latest.URL).int(int64(latest.Year)).str(latest.File).sum(in.Files[latest.File])
		k.suspects(latest)
	}
	return k.key()
}

// seriesKey hashes everything a series' page shows (see
// site.Series.URL), as countyKey does for a county's: the inputs shared
// by every page, the county (named in the page's head and description),
// the series, and for each of its reports the file, the link, title and
// year, the link of the year before, the ranks and which figures are
// taken for likely unit slips.
func seriesKey(in *inputs, c *site.County, se *site.Series) string {
	k := newKeyBuf(in)
	defer k.free()
	k.str("series").str(c.Name).str(c.Slug).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	k.str(se.Department).str(se.Type).str(se.Project).str(se.URL).int(int64(len(se.Reports)))
	for _, r := range se.Reports {
		k.str(r.DisplayTitle()) // its list of reports
		k.yearRow(in, r)
	}
	return k.key()
}

// suspects writes, for each figure a slip rule names in r's checks,
// whether it is taken for a likely unit slip (site.Report.Suspect), which
// pages mark: that depends on the other years of r's series too, not only
// on r's file and checks. It writes nothing for a report without such
// findings, nearly all of them.
func (k *keyBuf) suspects(r *site.Report) {
	for i := range r.Checks {
		c := &r.Checks[i]
		if c.Status != check.Found || !slices.Contains(check.SlipRules, c.Rule) {
			continue
		}
		for _, f := range c.Findings {
			if len(f.Keys) > 0 {
				k.str(f.Keys[0])
				if r.Suspect(f.Keys[0]) {
					k.int(1)
				} else {
					k.int(0)
				}
			}
		}
	}
}

// pageKey returns the key of a job's page, or "" for a page that is
// always made again.
func pageKey(in *inputs, j pages.Job) string {
	switch {
	case j.Report != nil:
		return reportKey(in, j.Report)
	case j.Series != nil:
		return seriesKey(in, j.County, j.Series)
	case j.County != nil:
		return countyKey(in, j.County)
	}
	return ""
}

// keyBuf hashes the bytes of a page key as they are written: the shared
// inputs' hash, then every field. Every string is written with its length
// before it and every list with its count, so that no two different
// inputs write the same bytes. The bytes go through a buffer of fixed
// size into the hash, and keyBufs are reused, so that a key allocates
// nothing but its string however much its page shows.
type keyBuf struct {
	h hash.Hash
	n int // bytes of b not yet hashed
	b [1024]byte
}

var keyBufs = sync.Pool{New: func() any { return &keyBuf{h: sha256.New()} }}

// newKeyBuf returns a keyBuf that has written the hash of the inputs
// shared by every page; free returns it.
func newKeyBuf(in *inputs) *keyBuf {
	k := keyBufs.Get().(*keyBuf)
	k.h.Reset()
	k.n = copy(k.b[:], in.Shared[:])
	return k
}

func (k *keyBuf) free() { keyBufs.Put(k) }

// key returns the hash of everything written, in hexadecimal.
func (k *keyBuf) key() string {
	k.flush()
	var sum [2 * sha256.Size]byte
	hex.Encode(sum[:], k.h.Sum(k.b[:0]))
	return string(sum[:])
}

func (k *keyBuf) flush() {
	k.h.Write(k.b[:k.n])
	k.n = 0
}

// raw writes s as it is, without its length.
func (k *keyBuf) raw(s string) {
	for len(s) > 0 {
		if k.n == len(k.b) {
			k.flush()
		}
		c := copy(k.b[k.n:], s)
		k.n += c
		s = s[c:]
	}
}

func (k *keyBuf) room(n int) {
	if len(k.b)-k.n < n {
		k.flush()
	}
}

func (k *keyBuf) str(s string) *keyBuf {
	k.room(binary.MaxVarintLen64)
	k.n += binary.PutUvarint(k.b[k.n:], uint64(len(s)))
	k.raw(s)
	return k
}

// sum writes a file's hash as a string of 32 bytes.
func (k *keyBuf) sum(d [32]byte) *keyBuf {
	k.room(1 + len(d))
	k.n += binary.PutUvarint(k.b[k.n:], uint64(len(d)))
	k.n += copy(k.b[k.n:], d[:])
	return k
}

func (k *keyBuf) int(v int64) *keyBuf {
	k.room(binary.MaxVarintLen64)
	k.n += binary.PutVarint(k.b[k.n:], v)
	return k
}

func (k *keyBuf) float(f float64) *keyBuf {
	k.room(8)
	binary.LittleEndian.PutUint64(k.b[k.n:], math.Float64bits(f))
	k.n += 8
	return k
}

// result writes every field of a check's outcome; keyFieldCounts in the
// tests fails when check.Result or check.Finding gain a field this does
// not write.
func (k *keyBuf) result(c *check.Result) {
	k.str(c.Rule).str(c.Title).int(int64(c.Status)).str(c.Reason).int(int64(len(c.Findings)))
	for i := range c.Findings {
		f := &c.Findings[i]
		k.str(f.File).int(int64(f.Pos.Line)).int(int64(f.Pos.Col)).str(f.Rule).str(f.Title).
			int(int64(f.Severity)).str(f.Message).int(int64(len(f.Keys)))
		for _, key := range f.Keys {
			k.str(key)
		}
		k.int(int64(f.Gap)).float(f.Share).float(f.Factor)
	}
}

// keeper decides which report pages a build may keep as the last build
// left them, and collects the keys of this build's report pages.
type keeper struct {
	in *inputs
	// last is the last build's record; nil when there is none to trust.
	last *cacheRecord
	// now holds the output's files as they are, when last is set.
	now map[string]fileStamp

	mu   sync.Mutex
	keys map[string]string
	// kept holds the stamps of the pages kept as they were.
	kept map[string]fileStamp
}

// newKeeper returns the keeper of a build with these inputs, after the
// last build rec (nil when there is none). Unless the
// build is told to ignore the cache, it trusts the last build's record
// for pages whose files are as that build left them.
func newKeeper(cfg Config, in *inputs, rec *cacheRecord) *keeper {
	k := &keeper{in: in, keys: map[string]string{}, kept: map[string]fileStamp{}}
	if cfg.NoCache {
		return k
	}
	if rec != nil && len(rec.Keys) > 0 {
		if now, err := stampOutput(cfg.Out); err == nil {
			k.last, k.now = rec, now
		}
	}
	return k
}

// unchanged records the key of the page of job j and reports whether the
// page may be kept as it is: the last build made it from the same
// inputs, and its file is as that build left it. Pages without a key are
// never kept; a nil keeper keeps nothing.
func (k *keeper) unchanged(j pages.Job) bool {
	if k == nil {
		return false
	}
	key := pageKey(k.in, j)
	if key == "" {
		return false
	}
	k.mu.Lock()
	k.keys[j.Path] = key
	k.mu.Unlock()
	if k.last == nil || k.last.Keys[j.Path] != key {
		return false
	}
	st, ok := k.last.Files[j.Path]
	if now, found := k.now[j.Path]; !ok || !found || !now.same(st) {
		return false
	}
	k.mu.Lock()
	k.kept[j.Path] = st
	k.mu.Unlock()
	return true
}
