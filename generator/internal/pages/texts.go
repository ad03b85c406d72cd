package pages

import (
	"fmt"
	"math"
	"strconv"
	"sync"

	"github.com/countyperf/portal/generator/internal/charts"
)

// texts gathers the short texts of a page model (figures, changes, cell
// values) in one buffer, and makes them one string that they share, rather
// than a string each: a report page has some fifty of them.
//
// A text is appended to buf and then assigned to its destination with
// end; done makes the string and sets every destination. Destinations must
// not move before done, so they live in slices whose length is fixed.
// Texts come from newTexts, and go back to its pool with done, so that
// their buffers serve page after page.
type texts struct {
	buf  []byte
	ends []textEnd
}

// textEnd is where a text ends in a texts' buffer, and where it goes: to
// one destination, or to two.
type textEnd struct {
	end  int
	a, b *string
}

var textsPool = sync.Pool{New: func() any {
	return &texts{buf: make([]byte, 0, 2048), ends: make([]textEnd, 0, 64)}
}}

// newTexts returns empty texts.
func newTexts() *texts { return textsPool.Get().(*texts) }

// end ends the text appended since the last end and makes it dst's.
func (t *texts) end(dst *string) {
	t.ends = append(t.ends, textEnd{end: len(t.buf), a: dst})
}

// end2 ends the text appended since the last end and makes it both a's
// and b's.
func (t *texts) end2(a, b *string) {
	t.ends = append(t.ends, textEnd{end: len(t.buf), a: a, b: b})
}

// done sets every destination to its text, and puts t back in the pool:
// t must not be used after.
func (t *texts) done() {
	all := string(t.buf)
	start := 0
	for _, e := range t.ends {
		*e.a = all[start:e.end]
		if e.b != nil {
			*e.b = *e.a
		}
		start = e.end
	}
	if cap(t.buf) > 64<<10 || cap(t.ends) > 4<<10 {
		return // too large to keep
	}
	clear(t.ends) // so that the pool does not keep models alive
	t.buf, t.ends = t.buf[:0], t.ends[:0]
	textsPool.Put(t)
}

// numCell makes c, a zero cell, the cell of a value as charts.NumCell
// does, with its text and value from t.
func (t *texts) numCell(c *charts.Cell, v charts.Value) {
	if c.SetNumeric(v) {
		t.buf = charts.AppendFormat(t.buf, v.V)
		t.end2(&c.Text, &c.Value)
	}
}

// appendShare appends the share of diff in prev as share shows it, such as
// "（+8.1%）", and nothing when prev shows as 0 (see baseless).
func appendShare(dst []byte, diff, prev float64) []byte {
	if baseless(prev) {
		return dst
	}
	pct := diff / prev * 100
	if math.IsNaN(pct) || math.IsInf(pct, 0) {
		return append(dst, share(diff, prev)...)
	}
	if diff != 0 && math.Abs(pct) < 0.05 {
		// +0.0% reads as no change beside a change of 0.88.
		return append(dst, "（不到0.1%）"...)
	}
	dst = append(dst, "（"...)
	if !math.Signbit(pct) {
		dst = append(dst, '+')
	}
	dst = strconv.AppendFloat(dst, pct, 'f', 1, 64)
	return append(dst, "%）"...)
}

// share describes the share of diff in prev, such as "（+8.1%）", or
// "（不到0.1%）" when a change's share would show as 0.0%; "" when prev
// shows as 0 (see baseless).
func share(diff, prev float64) string {
	if baseless(prev) {
		return ""
	}
	if pct := diff / prev * 100; diff != 0 && math.Abs(pct) < 0.05 {
		return "（不到0.1%）"
	}
	return fmt.Sprintf("（%+.1f%%）", diff/prev*100)
}

// baseless reports whether prev, the value a change is from, shows as 0
// (below half a hundredth, as charts.Shown rounds): a share of it,
// such as +994999900.0% for 0.000001万元 (1分) to 9.95, says nothing a
// reader can use.
func baseless(prev float64) bool { return charts.Shown(prev) == 0 }
