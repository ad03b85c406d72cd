package pages

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/site"
)

func TestAppendShare(t *testing.T) {
	type pair struct{ diff, prev float64 }
	pairs := []pair{{1, 0}, {0, 1}, {-0.0004, 1}, {0.0004, 1}, {-0.0005, 1}, {0.0005, 1}, {1, 3}, {-1, 3},
		{5, 1e-300}, {-5, 1e-300}, {1e308, 1e-10}, {math.NaN(), 1}, {math.Inf(1), 1}, {math.Inf(-1), 1}}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 10000 {
		pairs = append(pairs, pair{rng.NormFloat64() * 100, rng.NormFloat64() * 1000})
	}
	for _, p := range pairs {
		if got, want := string(appendShare(nil, p.diff, p.prev)), share(p.diff, p.prev); got != want {
			t.Errorf("appendShare(%v, %v) = %q, want %q", p.diff, p.prev, got, want)
		}
	}
}

// TestNoShareOfNothing: a change from a value that shows as 0 has no
// share, however large the quotient; one from the smallest value shown
// has.
func TestNoShareOfNothing(t *testing.T) {
	for _, prev := range []float64{0, 0.000001, -0.00004, 0.0049} {
		if got := string(appendShare(nil, 9.95, prev)); got != "" {
			t.Errorf("a change of 9.95 from %v has the share %q; want none", prev, got)
		}
	}
	if got := string(appendShare(nil, 1, 0.01)); got != "（+10000.0%）" {
		t.Errorf("a change of 1 from 0.01 has the share %q", got)
	}
}

// TestDeltaTexts: a change is of the values as shown, to two decimals; a
// share that would show as 0.0% says it is under 0.1%; a score's change
// is in 分, without a share.
func TestDeltaTexts(t *testing.T) {
	for _, c := range []struct {
		v, prev float64
		unit    string
		want    string
	}{
		{2158.8656, 2159.75, "万元", "▼ 减少0.88万元（不到0.1%）"},
		{85.5, 97.3, "分", "▼ 减少11.8分"},
		{97, 96.5, "分", "▲ 增加0.5分"},
		{1.001, 1.003, "万元", "持平"},
		{2161.626563, 1756.15, "万元", "▲ 增加405.48万元（+23.1%）"},
		{10, 8, "", "▲ 增加2（+25.0%）"},
	} {
		var d Delta
		tx := newTexts()
		setDeltaOf(&d, c.v, c.prev, c.unit, tx)
		tx.done()
		if d.Text != c.want {
			t.Errorf("change from %v to %v (%s) = %q, want %q", c.prev, c.v, c.unit, d.Text, c.want)
		}
	}
}

func TestFigureKeys(t *testing.T) {
	if len(figureKeys) != len(figureDefs) {
		t.Fatalf("%d figureKeys for %d figureDefs", len(figureKeys), len(figureDefs))
	}
	for i, d := range figureDefs {
		if figureKeys[i] != d.Key {
			t.Errorf("figureKeys[%d] = %q, figureDefs has %q", i, figureKeys[i], d.Key)
		}
	}
	groups, deltas := 0, 0
	for i, d := range figureDefs {
		if i == 0 || d.Group != figureDefs[i-1].Group {
			groups++
		}
		if hasDelta(d.Key) {
			deltas++
		}
	}
	if groups != figureGroups {
		t.Errorf("figureDefs has %d groups, figureGroups is %d", groups, figureGroups)
	}
	if deltas != figureDeltas {
		t.Errorf("figureDefs has %d figures with a change, figureDeltas is %d", deltas, figureDeltas)
	}
}

func TestTextsNumCell(t *testing.T) {
	vals := []charts.Value{{}, {Blank: true}, charts.Some(0), charts.Some(1.23456), charts.Some(-7), charts.Some(1e20),
		{V: 3.5, OK: true, Derived: true}, {Derived: true}}
	cells := make([]charts.Cell, len(vals))
	tx := newTexts()
	for i, v := range vals {
		tx.numCell(&cells[i], v)
	}
	tx.done()
	for i, v := range vals {
		if want := charts.NumCell(v); cells[i] != want {
			t.Errorf("numCell(%+v) = %+v, want %+v", v, cells[i], want)
		}
	}
}

// TestSearchDescription: the search page's description says what the
// page offers, with a full-text index and without.
func TestSearchDescription(t *testing.T) {
	for _, search := range []bool{false, true} {
		d := Search(&site.Site{Search: search}).Description
		if full := strings.Contains(d, "正文"); full != search {
			t.Errorf("search %v: description %q", search, d)
		}
	}
}
