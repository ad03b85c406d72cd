package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"sync"

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
	h := sha256.New()
	h.Write(in.Shared[:])
	sum := in.Files[r.File]
	fmt.Fprintf(h, "\x00%s\x00%s\x00%x", r.URL, r.File, sum[:])
	if p := r.Prev; p != nil {
		sum := in.Files[p.File]
		fmt.Fprintf(h, "\x00prev\x00%s\x00%s\x00%x", p.URL, p.File, sum[:])
	}
	c := r.County
	fmt.Fprintf(h, "\x00county\x00%q\x00%q\x00%q\x00%q\x00%q", c.Name, c.URL, c.Province, c.Prefecture, c.Adcode)
	for _, o := range c.Reports {
		fmt.Fprintf(h, "\x00other\x00%q\x00%q", o.URL, o.Title)
	}
	fmt.Fprintf(h, "\x00ranks\x00%v", r.Ranks)
	writeChecks(h, r)
	return hex.EncodeToString(h.Sum(nil))
}

// writeChecks writes the outcome of a report's checks, every field.
func writeChecks(w io.Writer, r *site.Report) {
	for _, c := range r.Checks {
		fmt.Fprintf(w, "\x00check\x00%#v", c)
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

// newKeeper returns the keeper of a build with these inputs. Unless the
// build is told to ignore the cache, it trusts the last build's record
// for pages whose files are as that build left them.
func newKeeper(cfg Config, in *inputs) *keeper {
	k := &keeper{in: in, keys: map[string]string{}}
	if cfg.NoCache {
		return k
	}
	if rec := lastBuild(cfg); rec != nil && len(rec.Keys) > 0 {
		if now, err := stampOutput(cfg.Out); err == nil {
			k.last, k.now = rec, now
		}
	}
	return k
}

// unchanged records the key of a report's page at path and reports
// whether the page may be kept as it is: the last build made it from the
// same inputs, and its file is as that build left it. A nil keeper keeps
// nothing.
func (k *keeper) unchanged(path string, r *site.Report) bool {
	if k == nil {
		return false
	}
	key := reportKey(k.in, r)
	k.mu.Lock()
	k.keys[path] = key
	k.mu.Unlock()
	if k.last == nil || k.last.Keys[path] != key {
		return false
	}
	st, ok := k.last.Files[path]
	return ok && k.now[path] == st
}
