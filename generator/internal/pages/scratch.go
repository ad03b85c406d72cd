package pages

import (
	"sync"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/site"
)

// chartScratch holds what a chart is built from while it is built: its
// series and their values, and the reports they are taken from. Build
// copies what a chart keeps (its table's texts, its option) and keeps
// none of these, so they can serve chart after chart.
type chartScratch struct {
	vals    []charts.Value
	series  []charts.Series
	reports []*site.Report
}

var chartScratches = sync.Pool{New: func() any { return new(chartScratch) }}

// getScratch returns an empty scratch, which goes back to its pool with
// release.
func getScratch() *chartScratch { return chartScratches.Get().(*chartScratch) }

// maxScratch bounds the length of the scratch slices kept in the pool.
const maxScratch = 1 << 14

// release puts s back in its pool: s must not be used after, nor
// anything built from its slices but through charts.Bars.Build.
func (s *chartScratch) release() {
	if cap(s.vals) > maxScratch || cap(s.series) > maxScratch || cap(s.reports) > maxScratch {
		return // too large to keep
	}
	// So that the pool does not keep reports or names alive.
	clear(s.series[:cap(s.series)])
	clear(s.reports[:cap(s.reports)])
	s.vals, s.series, s.reports = s.vals[:0], s.series[:0], s.reports[:0]
	chartScratches.Put(s)
}

// chartBuffers holds the charts' buffers of pages already written (see
// charts.Buffers).
var chartBuffers = sync.Pool{New: func() any { return new(charts.Buffers) }}

// lendBuffers returns buffers for the charts of the page p, which p's
// Release gives back once the page is written (see Page.Written): its
// charts must not be used after. p must have no Release of its own.
func lendBuffers(p *Page) *charts.Buffers {
	b := chartBuffers.Get().(*charts.Buffers)
	p.Release = func() {
		b.Reset()
		chartBuffers.Put(b)
	}
	return b
}
