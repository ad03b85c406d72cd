package check

import (
	"encoding/binary"
	"sync"
)

// The results of every report are kept for a whole build, so Reports keeps
// them small (issue #5): most of what they hold is the same for many
// reports.
//
//   - Reports with no findings mostly have the same results (each rule
//     passed, or was not checked for one of a few reasons): all reports
//     with equal results share one []Result.
//   - Reasons, and the Keys and Message of disclosure findings, depend
//     only on which figures a report discloses: each distinct one is kept
//     once. The Keys of other findings are package-level slices.
//   - The []Result of the other reports are cut from larger arrays, with
//     no spare capacity, and Findings have none either.
//
// This is why callers must treat results as read-only (see Reports).

// chunkReports is how many reports' results a worker allocates at once.
const chunkReports = 64

// table is a map shared by the workers of one Reports call, behind a lock.
type table[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

// tableCache is one worker's copy of what it has used of a table, read
// without locking: a table holds few distinct values, so after the first
// reports a worker finds nearly all in its cache.
type tableCache[V any] struct {
	t *table[V]
	m map[string]V
}

func newTableCache[V any](t *table[V]) tableCache[V] {
	return tableCache[V]{t: t, m: map[string]V{}}
}

// get returns the value for key, calling build, under the table's lock,
// when no worker has stored one yet. build must not change key.
func (c *tableCache[V]) get(key []byte, build func() V) V {
	if v, ok := c.m[string(key)]; ok {
		return v
	}
	k := string(key)
	c.t.mu.Lock()
	v, ok := c.t.m[k]
	if !ok {
		v = build()
		c.t.m[k] = v
	}
	c.t.mu.Unlock()
	c.m[k] = v
	return v
}

// tables are the tables of one Reports call.
type tables struct {
	// strs maps a text to its one copy.
	strs table[string]
	// clean maps a signature of results without findings (see
	// interner.keep) to the one []Result with them.
	clean table[[]Result]
	// disclosure maps the states of CoreFigures, a byte each, to the
	// text of the disclosure finding.
	disclosure table[disclosureText]
}

func newTables() *tables {
	return &tables{
		strs:       table[string]{m: map[string]string{}},
		clean:      table[[]Result]{m: map[string][]Result{}},
		disclosure: table[disclosureText]{m: map[string]disclosureText{}},
	}
}

// interner is one worker's access to the tables of a Reports call, with
// the memory it cuts results from. It is not safe for concurrent use.
type interner struct {
	strs       tableCache[string]
	clean      tableCache[[]Result]
	disclosure tableCache[disclosureText]
	// left is how many more reports the worker will keep, to size the
	// last chunk of results.
	left int
	// results is what is left of the worker's current chunk.
	results []Result
	// key and strKey are buffers for the keys of clean and strs.
	key, strKey []byte
}

// newInterner returns an interner for a worker that will keep n reports'
// results.
func newInterner(t *tables, n int) *interner {
	return &interner{
		strs:       newTableCache(&t.strs),
		clean:      newTableCache(&t.clean),
		disclosure: newTableCache(&t.disclosure),
		left:       n,
	}
}

// keep returns results equal to rs (one report's, as filled by env.fill)
// for Reports to return: the shared results of every report with the same
// ones when rs has no findings, otherwise a copy with no spare capacity.
// rs itself may be reused afterwards.
func (in *interner) keep(rs []Result) []Result {
	in.left--
	for i := range rs {
		if len(rs[i].Findings) > 0 {
			return in.copy(rs)
		}
	}
	// Rule and Title are those of Rules, in order, for every report: the
	// status and reason of each rule tell results without findings apart.
	k := in.key[:0]
	for i := range rs {
		k = append(k, byte(rs[i].Status))
		k = binary.AppendUvarint(k, uint64(len(rs[i].Reason)))
		k = append(k, rs[i].Reason...)
	}
	in.key = k
	return in.clean.get(k, func() []Result { return in.copy(rs) })
}

// copy returns a copy of rs, cut from the worker's chunk, with its
// reasons interned and its findings without spare capacity.
func (in *interner) copy(rs []Result) []Result {
	n := len(rs)
	if len(in.results) < n {
		in.results = make([]Result, n*min(chunkReports, max(in.left+1, 1)))
	}
	out := in.results[:n:n]
	in.results = in.results[n:]
	copy(out, rs)
	for i := range out {
		res := &out[i]
		res.Reason = in.str(res.Reason)
		if fs := res.Findings; cap(fs) > len(fs) {
			res.Findings = append(make([]Finding, 0, len(fs)), fs...)
		}
	}
	return out
}

// str returns the one copy of s.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	in.strKey = append(in.strKey[:0], s...)
	return in.strs.get(in.strKey, func() string { return s })
}
