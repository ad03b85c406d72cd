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
	// disclosure maps the states of a set of core figures, a byte each,
	// then the set's kind (see coreSet), to the text of the disclosure
	// finding.
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
	// reasons maps a reason's tag and bits (see env.reason) to the one
	// copy of its text, and disclosures a code of the set of core figures
	// and their states (see ruleDisclosure) to the disclosure finding's
	// text: both
	// are the worker's own, so that most reports need neither text made
	// nor a table searched.
	reasons     map[uint64]string
	disclosures map[uint64]disclosureText
	// left is how many more reports the worker will keep, to size the
	// last chunk of results.
	left int
	// results is what is left of the worker's current chunk.
	results []Result
	// key is a buffer for the keys of clean.
	key []byte
}

// newInterner returns an interner for a worker that will keep n reports'
// results.
func newInterner(t *tables, n int) *interner {
	return &interner{
		strs:        newTableCache(&t.strs),
		clean:       newTableCache(&t.clean),
		disclosure:  newTableCache(&t.disclosure),
		reasons:     map[uint64]string{},
		disclosures: map[uint64]disclosureText{},
		left:        n,
	}
}

// slot returns where the worker fills its next report's results, n of
// them: the head of its chunk, which keep then takes, or leaves for the
// next report.
func (in *interner) slot(n int) []Result {
	if len(in.results) < n {
		in.results = make([]Result, n*min(chunkReports, max(in.left, 1)))
	}
	return in.results[:n:n]
}

// keep returns results equal to rs, the slot as filled by env.fill, for
// Reports to return: the shared results of every report with the same
// ones when rs has no findings, otherwise rs itself, taken from the chunk.
func (in *interner) keep(rs []Result) []Result {
	in.left--
	for i := range rs {
		if len(rs[i].Findings) > 0 {
			return in.take(rs)
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
	return in.clean.get(k, func() []Result { return in.take(rs) })
}

// take takes rs, the slot, from the chunk, and leaves its findings
// without spare capacity. Its reasons are already interned: env.reason
// makes every reason.
func (in *interner) take(rs []Result) []Result {
	in.results = in.results[len(rs):]
	for i := range rs {
		res := &rs[i]
		if fs := res.Findings; cap(fs) > len(fs) {
			res.Findings = append(make([]Finding, 0, len(fs)), fs...)
		}
	}
	return rs
}

// done clears what is left of the chunk, the last slot filled among it
// when keep left it: the chunk is kept with the results cut from it.
func (in *interner) done() { clear(in.results) }

// strBytes returns the one copy of the text of b.
func (in *interner) strBytes(b []byte) string {
	return in.strs.get(b, func() string { return string(b) })
}
