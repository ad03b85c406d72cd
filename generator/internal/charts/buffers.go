package charts

// Buffers lends charts the memory of their tables' cells and rows and of
// their options, so that a page's charts can be built in memory that
// served the page before it: a page of a report builds up to three
// charts, and at 15,000 reports their cells and options were a fifth of
// all the bytes a build allocated, each used once and left to the
// collector.
//
// A chart built with Buffers (Bars.Buf) is valid until Reset: its table's
// rows and its option are then written over by the next chart built.
// The zero value is ready to use; a Buffers must not be used by two
// goroutines at once.
type Buffers struct {
	cells  slab[Cell]
	rows   slab[[]Cell]
	values slab[Value]
	bytes  slab[byte]
}

// Reset makes the memory lent so far available again: nothing built with
// it before may be used after.
func (b *Buffers) Reset() {
	b.cells.reset()
	b.rows.reset()
	b.values.reset()
	b.bytes.reset()
}

// Cells returns n zero cells, from b when b is not nil.
func (b *Buffers) Cells(n int) []Cell {
	if b == nil {
		return make([]Cell, n)
	}
	return b.cells.take(n)
}

// Rows returns n nil rows, from b when b is not nil.
func (b *Buffers) Rows(n int) [][]Cell {
	if b == nil {
		return make([][]Cell, n)
	}
	return b.rows.take(n)
}

// Values returns n zero values, from b when b is not nil.
func (b *Buffers) Values(n int) []Value {
	if b == nil {
		return make([]Value, n)
	}
	return b.values.take(n)
}

// Bytes returns an empty slice with room for n bytes, from b when b is
// not nil.
func (b *Buffers) Bytes(n int) []byte {
	if b == nil {
		return make([]byte, 0, n)
	}
	return b.bytes.take(n)[:0]
}

// slabMin is the least number of elements a slab holds.
const slabMin = 256

// slabMax bounds the slab a Buffers keeps after Reset, in elements: a
// page with far more (a county's page of many years) should not hold its
// memory for every page after it.
const slabMax = 1 << 14

// slab hands out parts of one array, and makes a larger one when it runs
// out; the parts handed out before stay where they are, so they are never
// moved or overwritten until reset.
type slab[T any] struct {
	buf  []T
	used int
	// need is how many elements were taken since the last reset, so that
	// the array kept after reset can hold them all next time.
	need int
}

// take returns n zero elements, each part capped at its length so that
// appending to it cannot reach the next part.
func (s *slab[T]) take(n int) []T {
	s.need += n
	if len(s.buf)-s.used < n {
		s.buf = make([]T, max(n, 2*len(s.buf), slabMin))
		s.used = 0
	}
	part := s.buf[s.used : s.used+n : s.used+n]
	s.used += n
	return part
}

// reset zeroes what was taken, so that it holds nothing alive and is
// handed out zero again, and keeps an array that can hold as much next
// time, unless that is over slabMax.
func (s *slab[T]) reset() {
	switch {
	case s.need > slabMax:
		*s = slab[T]{}
		return
	case s.need > len(s.buf) || len(s.buf) > slabMax:
		s.buf = make([]T, s.need)
	default:
		clear(s.buf[:s.used])
	}
	s.used, s.need = 0, 0
}
