package build

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"math"
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
// and the outcome of its checks.
func reportKey(in *inputs, r *site.Report) string {
	var k keyBuf
	k.b = make([]byte, 0, 1024)
	k.b = append(k.b, in.Shared[:]...)
	sum := in.Files[r.File]
	k.str(r.URL).str(r.File).bytes(sum[:])
	if p := r.Prev; p != nil {
		sum := in.Files[p.File]
		k.str("prev").str(p.URL).str(p.File).bytes(sum[:])
	}
	c := r.County
	k.str("county").str(c.Name).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	k.int(int64(len(c.Reports)))
	for _, o := range c.Reports {
		k.str(o.URL).str(o.Title)
	}
	k.str("ranks")
	for _, rk := range r.Ranks {
		k.int(int64(rk.Place)).int(int64(rk.Of))
	}
	k.int(int64(len(r.Checks)))
	for i := range r.Checks {
		k.result(&r.Checks[i])
	}
	h := sha256.Sum256(k.b)
	return hex.EncodeToString(h[:])
}

// countyKey hashes everything a county's page shows, as reportKey does
// for a report's page: the inputs shared by every page, the county, and
// for each of its reports the file (every figure shown comes from it),
// the link, title and year, and the ranks.
func countyKey(in *inputs, c *site.County) string {
	var k keyBuf
	k.b = make([]byte, 0, 256+len(c.Reports)*256)
	k.b = append(k.b, in.Shared[:]...)
	k.str("county").str(c.Name).str(c.Slug).str(c.URL).str(c.Province).str(c.Prefecture).str(c.Adcode)
	k.int(int64(len(c.Reports)))
	for _, r := range c.Reports {
		k.str(r.URL).str(r.Title)
	}
	k.int(int64(len(c.Series)))
	for _, se := range c.Series {
		k.str(se.Department).str(se.Type).int(int64(len(se.Reports)))
		for _, r := range se.Reports {
			sum := in.Files[r.File]
			k.str(r.URL).str(r.File).bytes(sum[:]).int(int64(r.Year))
			if r.Prev != nil {
				k.str(r.Prev.URL)
			} else {
				k.str("")
			}
			for _, rk := range r.Ranks {
				k.int(int64(rk.Place)).int(int64(rk.Of))
			}
		}
	}
	h := sha256.Sum256(k.b)
	return hex.EncodeToString(h[:])
}

// pageKey returns the key of a job's page, or "" for a page that is
// always made again.
func pageKey(in *inputs, j pages.Job) string {
	switch {
	case j.Report != nil:
		return reportKey(in, j.Report)
	case j.County != nil:
		return countyKey(in, j.County)
	}
	return ""
}

// keyBuf builds the bytes a page key hashes. Every string is written with
// its length before it and every list with its count, so that no two
// different inputs write the same bytes.
type keyBuf struct{ b []byte }

func (k *keyBuf) str(s string) *keyBuf {
	k.b = binary.AppendUvarint(k.b, uint64(len(s)))
	k.b = append(k.b, s...)
	return k
}

func (k *keyBuf) bytes(p []byte) *keyBuf {
	k.b = binary.AppendUvarint(k.b, uint64(len(p)))
	k.b = append(k.b, p...)
	return k
}

func (k *keyBuf) int(v int64) *keyBuf {
	k.b = binary.AppendVarint(k.b, v)
	return k
}

func (k *keyBuf) float(f float64) *keyBuf {
	k.b = binary.LittleEndian.AppendUint64(k.b, math.Float64bits(f))
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
}

// newKeeper returns the keeper of a build with these inputs, after the
// last build rec (nil when there is none). Unless the
// build is told to ignore the cache, it trusts the last build's record
// for pages whose files are as that build left them.
func newKeeper(cfg Config, in *inputs, rec *cacheRecord) *keeper {
	k := &keeper{in: in, keys: map[string]string{}}
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
	return ok && k.now[j.Path] == st
}
