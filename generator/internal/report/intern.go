package report

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
)

// Many reports name the same county, prefecture, province and department,
// and give the same publication dates, and every report of a build is kept
// in memory: Parse shares one copy of each such text between the reports
// through a table of names, so that memory grows with the number of
// places and departments rather than with the number of reports.

// Bounds of the table of names: it keeps strings for the life of the
// program, which may be a long-running preview server.
const (
	// maxInternLen is the longest text shared, in bytes: a name of
	// MaxName characters of three bytes each. Longer text is copied.
	maxInternLen = 3 * MaxName
	// maxInternBytes bounds the memory the table holds, counting each
	// entry's text and an estimate of what the map spends on it; once it
	// is reached, new text is copied instead. The county-level divisions
	// and departments of all China take a small part of it.
	maxInternBytes = 4 << 20
	// internEntryBytes is that estimate, per entry.
	internEntryBytes = 64
	// internShards is the number of parts of the table, each with its own
	// lock, so that parsers on many cores seldom wait for one another.
	internShards = 32
)

// names is the table that Parse shares text through.
var names = newInternTable(maxInternBytes)

// internTable maps text to its shared copy, safely for concurrent use.
type internTable struct {
	seed   maphash.Seed
	limit  int64        // the most bytes held, such as maxInternBytes
	size   atomic.Int64 // bytes held, counted as for maxInternBytes
	shards [internShards]internShard
}

type internShard struct {
	mu sync.RWMutex
	m  map[string]string
	_  [64]byte // keeps shards' locks on separate cache lines
}

// newInternTable returns an empty table that holds at most limit bytes,
// counted as for maxInternBytes.
func newInternTable(limit int64) *internTable {
	t := &internTable{seed: maphash.MakeSeed(), limit: limit}
	for i := range t.shards {
		t.shards[i].m = map[string]string{}
	}
	return t
}

// intern returns s in memory that does not share s's: the table's copy,
// shared with every other caller that gives the same text, or a copy of
// its own when s is too long or the table is full. s may be text of a
// file that is about to be dropped or reused.
func (t *internTable) intern(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > maxInternLen {
		return strings.Clone(s)
	}
	sh := &t.shards[maphash.String(t.seed, s)%internShards]
	sh.mu.RLock()
	c, ok := sh.m[s]
	sh.mu.RUnlock()
	if ok {
		return c
	}
	c = strings.Clone(s)
	if t.size.Load()+int64(len(s)+internEntryBytes) > t.limit {
		return c
	}
	sh.mu.Lock()
	if prev, ok := sh.m[s]; ok {
		c = prev // another parser added it meanwhile
	} else {
		sh.m[c] = c
		t.size.Add(int64(len(c) + internEntryBytes))
	}
	sh.mu.Unlock()
	return c
}
