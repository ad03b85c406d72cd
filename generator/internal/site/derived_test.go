package site_test

import (
	"sync"
	"sync/atomic"
	"testing"

	"github.com/countyperf/portal/generator/internal/site"
)

// Derived makes a value once per site and key, however many goroutines
// ask at once, and every caller gets that value.
func TestDerivedIsMadeOnce(t *testing.T) {
	type key struct{ n int }
	s, other := &site.Site{}, &site.Site{}
	var made atomic.Int32
	mk := func(v string) func() any {
		return func() any {
			made.Add(1)
			return &v
		}
	}
	var wg sync.WaitGroup
	got := make([]*string, 16)
	for i := range got {
		wg.Go(func() { got[i] = s.Derived(key{1}, mk("a")).(*string) })
	}
	wg.Wait()
	if n := made.Load(); n != 1 {
		t.Fatalf("made %d times for one key, want once", n)
	}
	for i, p := range got {
		if p != got[0] || *p != "a" {
			t.Fatalf("caller %d got %p (%q), the first %p", i, p, *p, got[0])
		}
	}
	if b := s.Derived(key{2}, mk("b")).(*string); *b != "b" || made.Load() != 2 {
		t.Errorf("another key gave %q after %d makes, want its own value", *b, made.Load())
	}
	if c := other.Derived(key{1}, mk("c")).(*string); *c != "c" {
		t.Errorf("another site gave %q for the same key, want its own value", *c)
	}
}
