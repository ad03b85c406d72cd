package report

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// TestKeyNames: keyNames lists the top-level keys, then the dotted names
// of the mappings of figures, and the mappings know their indexes.
func TestKeyNames(t *testing.T) {
	want := slices.Concat(topKeys, spendingGroup.full, sangongGroup.full, staffGroup.full)
	if !slices.Equal(keyNames[:], want) {
		t.Errorf("keyNames = %q, want %q", keyNames, want)
	}
	for _, g := range []groupKeys{spendingGroup, sangongGroup, staffGroup} {
		for i, full := range g.full {
			if g.ids[i] < 0 || keyNames[g.ids[i]] != full {
				t.Errorf("%s has index %d", full, g.ids[i])
			}
		}
	}
	if keyID("nothing") != -1 || keyID("") != -1 {
		t.Error("keyID finds a key that is not known")
	}
}

// TestKeySetIsAMap: a keySet, and the KeyPositions it encodes, hold what
// a map from names to positions would, for known and unknown names and
// any position.
func TestKeySetIsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := slices.Concat(keyNames[:], []string{"", "x", "unknown", "spending.foo", "县", strings.Repeat("k", 300), "evidence.score"})
	ints := []int{0, 1, 2, 3, 63, 64, 65, 127, 128, 8191, 8192, 1 << 20, -1, -64, -65, math.MaxInt, math.MinInt, math.MaxInt32 + 1}
	for round := range 2000 {
		var s keySet
		model := map[string]Pos{}
		for range rng.IntN(50) {
			name := names[rng.IntN(len(names))]
			pos := Pos{ints[rng.IntN(len(ints))], ints[rng.IntN(len(ints))]}
			if rng.IntN(2) == 0 {
				pos = Pos{rng.IntN(300) + 1, rng.IntN(40) + 1}
			}
			s.set(name, keyID(name), pos)
			model[name] = pos
			for _, n := range names[:3] {
				got, ok := s.get(n, keyID(n))
				want, wantOK := model[n]
				if got != want || ok != wantOK {
					t.Fatalf("round %d: get(%q) = %v, %v; want %v, %v", round, n, got, ok, want, wantOK)
				}
			}
		}
		k := s.encode()
		if got := maps.Collect(k.All()); !maps.Equal(got, model) {
			t.Fatalf("round %d: encoded %v, want %v", round, got, model)
		}
		if (k == nil) != (len(model) == 0) {
			t.Fatalf("round %d: %v for %d keys", round, k, len(model))
		}
		for _, n := range names {
			got, ok := k.Lookup(n)
			want, wantOK := model[n]
			if got != want || ok != wantOK {
				t.Fatalf("round %d: Lookup(%q) = %v, %v; want %v, %v", round, n, got, ok, want, wantOK)
			}
		}
		// Known keys first, in the order of keyNames, then others by name.
		var order []string
		for n := range k.All() {
			order = append(order, n)
		}
		rank := func(n string) string {
			if id := keyID(n); id >= 0 {
				return fmt.Sprintf("0%03d", id)
			}
			return "1" + n
		}
		if !slices.IsSortedFunc(order, func(a, b string) int { return strings.Compare(rank(a), rank(b)) }) {
			t.Fatalf("round %d: keys in order %q", round, order)
		}
	}
}

// TestKeyPositionsSize: the keys of a report take about three bytes each.
func TestKeyPositionsSize(t *testing.T) {
	var s keySet
	for i, name := range keyNames {
		s.set(name, i, Pos{i + 2, 3})
	}
	if k := s.encode(); len(k) != 3*len(keyNames) {
		t.Errorf("%d keys take %d bytes", len(keyNames), len(k))
	}
}

// TestKeyPositionsOfAnyBytes: KeyPositions that the package did not
// encode (cut short, or of random bytes) are read without a panic, as far
// as they make sense.
func TestKeyPositionsOfAnyBytes(t *testing.T) {
	var s keySet
	s.set("county", keyID("county"), Pos{2, 1})
	s.set("other", -1, Pos{300, 5})
	s.set("staff.actual", keyID("staff.actual"), Pos{1 << 40, 1})
	whole := s.encode()
	for i := range whole {
		for range whole[:i].All() {
		}
		whole[:i].Lookup("other")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			if rng.IntN(3) == 0 {
				b[i] = byte(rng.IntN(len(keyNames) + 1))
			}
		}
		for range KeyPositions(b).All() {
		}
		KeyPositions(b).Lookup("county")
	}
	var none KeyPositions
	if _, ok := none.Lookup("county"); ok {
		t.Error("nil KeyPositions holds county")
	}
	for range none.All() {
		t.Error("nil KeyPositions holds a key")
	}
}

// TestInternTable: the table gives one copy of each text, in memory of
// its own, to every caller, and copies text it does not keep.
func TestInternTable(t *testing.T) {
	tab := newInternTable(1000)
	in := []byte("桃源县行政审批服务局")
	a := tab.intern(string(in[:9]))
	b := tab.intern(strings.Clone(a))
	if a != "桃源县" || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("intern gives %q and %q in different memory", a, b)
	}
	if unsafe.StringData(a) == &in[0] {
		t.Error("intern keeps its argument's memory")
	}
	if tab.intern("") != "" {
		t.Error("empty text")
	}
	long := strings.Repeat("县", MaxName+1)
	if l := tab.intern(long); l != long || unsafe.StringData(l) == unsafe.StringData(long) ||
		unsafe.StringData(tab.intern(long)) == unsafe.StringData(l) {
		t.Error("text longer than maxInternLen is not copied")
	}
	// Once full, the table copies new text and keeps what it has.
	for i := range 100 {
		tab.intern(fmt.Sprint("名称", i))
	}
	if tab.size.Load() > 1000 {
		t.Errorf("the table holds %d bytes", tab.size.Load())
	}
	full := tab.intern("新名称")
	if full != "新名称" || unsafe.StringData(tab.intern("新名称")) == unsafe.StringData(full) {
		t.Error("a full table shares new text")
	}
	if unsafe.StringData(tab.intern("桃源县")) != unsafe.StringData(a) {
		t.Error("a full table lets go of text")
	}
}

// TestInternTableConcurrently: callers at the same time get the same copy.
// Run it with -race.
func TestInternTableConcurrently(t *testing.T) {
	tab := newInternTable(maxInternBytes)
	const n = 200
	got := make([][n]string, 8)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for i := range n {
				got[g][i] = tab.intern(string(bytes.Repeat([]byte{'a' + byte(i%26)}, 1+i/26)))
			}
		})
	}
	wg.Wait()
	for g := range got {
		for i := range n {
			if unsafe.StringData(got[g][i]) != unsafe.StringData(got[0][i]) {
				t.Fatalf("goroutine %d got another copy of %q", g, got[g][i])
			}
		}
	}
}
