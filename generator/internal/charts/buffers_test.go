package charts

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestBuildWithBuffersIsBuild builds random charts in one Buffers, reset
// every few charts, and requires each to equal the chart built without
// it, checked again just before every reset: a chart built later must
// not write over one built before it.
func TestBuildWithBuffersIsBuild(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var buf Buffers
	type built struct {
		i         int
		got, want Chart
	}
	var held []built
	check := func() {
		t.Helper()
		for _, h := range held {
			if !reflect.DeepEqual(h.got, h.want) {
				t.Fatalf("chart %d, built in the buffers, changed or differs:\ngot  %+v\nwant %+v", h.i, h.got, h.want)
			}
		}
	}
	for i := range 3000 {
		b := randomBars(r, true, true)
		want, wantErr := b.Build()
		b.Buf = &buf
		got, err := b.Build()
		if !sameError(err, wantErr) {
			t.Fatalf("chart %d: error %v, want %v", i, err, wantErr)
		}
		if err == nil {
			held = append(held, built{i, got, want})
		}
		if r.IntN(8) == 0 {
			check()
			held = held[:0]
			buf.Reset()
		}
	}
	check()
}

// The parts a slab hands out are zero, do not overlap, and cannot be
// appended into the next; after reset they are zero again, in an array
// that holds all that was taken, unless that is over slabMax.
func TestSlabParts(t *testing.T) {
	var s slab[Cell]
	for round := range 3 {
		var parts [][]Cell
		for n := range 40 {
			p := s.take(n)
			if len(p) != n || cap(p) != n {
				t.Fatalf("round %d: take(%d) gave len %d, cap %d", round, n, len(p), cap(p))
			}
			for i := range p {
				if p[i] != (Cell{}) {
					t.Fatalf("round %d: take(%d)[%d] is %+v, not zero", round, n, i, p[i])
				}
				p[i].Text = "x"
			}
			parts = append(parts, p)
		}
		// Appending to a part leaves the next as it was.
		_ = append(parts[10], Cell{Text: "spilt"})
		for n, p := range parts {
			for i := range p {
				if p[i].Text != "x" {
					t.Fatalf("round %d: part %d, cell %d is %q", round, n, i, p[i].Text)
				}
			}
		}
		s.reset()
		if want := 40 * 39 / 2; len(s.buf) < want {
			t.Fatalf("round %d: after reset, the array holds %d, want %d or more", round, len(s.buf), want)
		}
		for i, c := range s.buf {
			if c != (Cell{}) {
				t.Fatalf("round %d: after reset, cell %d is %+v", round, i, c)
			}
		}
	}
	s.take(slabMax + 1)
	s.reset()
	if s.buf != nil {
		t.Errorf("after %d cells were taken, reset kept an array of %d", slabMax+1, len(s.buf))
	}
	// Without Buffers, memory is the collector's.
	var b *Buffers
	if c := b.Cells(3); len(c) != 3 {
		t.Errorf("nil Buffers: Cells(3) has length %d", len(c))
	}
	if p := b.Bytes(5); len(p) != 0 || cap(p) < 5 {
		t.Errorf("nil Buffers: Bytes(5) has length %d, capacity %d", len(p), cap(p))
	}
}
