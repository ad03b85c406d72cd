package charts

import (
	"bytes"
	"maps"
	"math"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/countyperf/portal/generator/internal/jsontext"
)

// Building an option with go-echarts costs far more than the option is
// worth: a chart is initialised with all its defaults, and its JSON() is a
// map walked by reflection. Yet all that work depends only on a chart's
// shape, not on its labels and figures. So option asks go-echarts once per
// shape for the option of a stand-in chart whose unit, categories, series
// names and data are markers, cuts that option into a template at the
// markers, and fills the template with each chart's own text and figures,
// escaped and formatted as json.Marshal would.

// shape is what the option of a chart depends on beside the text of its
// unit, categories and series names and its data.
type shape struct {
	line, horizontal, stack, whole bool
	// unit, cats and series say whether the unit is set, the categories
	// are not nil and the series are not nil.
	unit, cats, series bool
	// n is the number of series; bit i of named is set when series i has
	// a name.
	n     int
	named uint64
}

// maxSeries is the most series a chart may have to be built from a
// template; charts with more are built with go-echarts.
const maxSeries = 64

// maxShapes bounds the template cache; charts of other shapes are built
// with go-echarts.
const maxShapes = 1024

// Markers stand for a chart's text and data in the option of its shape's
// stand-in. Control characters are never in an option that go-echarts
// makes, and json.Marshal escapes them, so the markers are found only
// where they were put.
const (
	unitMark = "\x01unit"
	catMark  = "\x01cat"
	nameMark = "\x01name"
	// dataMark+i is the one value of series i; the values are all of the
	// same length, so that none is found within another.
	dataMark = 8765432.5
)

// holeKind says what fills a hole in a template.
type holeKind uint8

const (
	holeUnit holeKind = iota
	holeCats
	holeName
	holeData
)

// hole is a place in a template that a chart's text or data fills.
type hole struct {
	kind holeKind
	// series is the series of a name or data hole.
	series int
	// start and end delimit the hole in the stand-in's option.
	start, end int
}

// template is the option of a shape, cut at its holes.
type template struct {
	// lits are the option's text around the holes: lits[i] comes before
	// holes[i], and the last one after the last hole.
	lits  [][]byte
	holes []hole
	// itemPre and itemPost wrap each value in a data array, as in
	// {"value":1.5}.
	itemPre, itemPost []byte
}

// option returns the chart's ECharts option as JSON: the same bytes as
// echartsOption, for much less work.
func (b Bars) option() ([]byte, error) { return b.optionOf(nil, nil) }

// description is what a chart's option tells screen readers (see
// withDescription).
type description struct{ title, summary string }

// optionOf returns the chart's option, as option does, taking the text of
// a figure from rows, the rows of the chart's table, where it is written
// as the option writes it, rather than writing it again; with the
// description d put in, unless d is nil.
func (b Bars) optionOf(rows [][]Cell, d *description) ([]byte, error) {
	s, ok := b.shape()
	if ok {
		if t := templateFor(s); t != nil {
			out, done, ok := t.fillPooled(b, rows)
			if ok {
				// Copied out of the pooled buffer, with the
				// description put in: one copy, not two.
				var option []byte
				if d == nil {
					option = append(b.Buf.Bytes(len(out)), out...)
				} else {
					option = appendDescribed(b.Buf.Bytes(len(out)+len(d.title)+len(d.summary)+48), out, d.title, d.summary)
				}
				done()
				return option, nil
			}
			done()
		}
	}
	// A value json.Marshal refuses (NaN or ±Inf), or a shape without a
	// template: go-echarts says what to do, or which error to return.
	option, err := b.echartsOption()
	if err != nil || d == nil {
		return option, err
	}
	return withDescription(option, d.title, d.summary), nil
}

// shape returns the chart's shape, and false when it has too many series
// for a template.
func (b Bars) shape() (shape, bool) {
	if len(b.Series) > maxSeries {
		return shape{}, false
	}
	s := shape{
		line: b.Line, horizontal: b.Horizontal, stack: b.Stack, whole: b.Whole,
		unit: b.Unit != "", cats: b.Categories != nil, series: b.Series != nil,
		n: len(b.Series),
	}
	for i, se := range b.Series {
		if se.Name != "" {
			s.named |= 1 << i
		}
	}
	return s, true
}

// standIn returns a chart of the shape whose unit, categories, series
// names and data are markers.
func (s shape) standIn() Bars {
	b := Bars{Line: s.line, Horizontal: s.horizontal, Stack: s.stack, Whole: s.whole}
	if s.unit {
		b.Unit = unitMark
	}
	if s.cats {
		b.Categories = []string{catMark}
	}
	if s.series {
		b.Series = make([]Series, s.n)
	}
	for i := range b.Series {
		if s.named&(1<<i) != 0 {
			b.Series[i].Name = nameMark + strconv.Itoa(i)
		}
		b.Series[i].Values = []Value{Some(dataMark + float64(i))}
	}
	return b
}

var (
	// templates maps shapes to their templates, nil for a shape that has
	// none; it is replaced, never changed, so that it is read without a
	// lock.
	templates   atomic.Pointer[map[shape]*template]
	templatesMu sync.Mutex
)

// templateFor returns the template of a shape, or nil if it has none.
func templateFor(s shape) *template {
	if m := templates.Load(); m != nil {
		if t, ok := (*m)[s]; ok {
			return t
		}
	}
	templatesMu.Lock()
	defer templatesMu.Unlock()
	old := templates.Load()
	if old != nil {
		if t, ok := (*old)[s]; ok {
			return t
		}
	}
	if old != nil && len(*old) >= maxShapes {
		// Making a template costs more than building the chart with
		// go-echarts, so a template not kept would be of no use.
		return nil
	}
	m := make(map[shape]*template, 1)
	if old != nil {
		m = make(map[shape]*template, len(*old)+1)
		maps.Copy(m, *old)
	}
	t := newTemplate(s)
	m[s] = t
	templates.Store(&m)
	return t
}

// newTemplate cuts the option of the shape's stand-in at its markers. It
// returns nil if the option is not as expected, which would be a change
// in go-echarts: every marker must be found exactly once, nothing else
// may look like one, and the template filled with the stand-in must give
// back its option.
func newTemplate(s shape) *template {
	b := s.standIn()
	opt, err := b.echartsOption()
	if err != nil {
		return nil
	}
	t := &template{}
	var holes []hole
	// once returns where the only occurrence of mark is, or -1.
	once := func(mark []byte) int {
		i := bytes.Index(opt, mark)
		if i < 0 || bytes.Contains(opt[i+1:], mark) {
			return -1
		}
		return i
	}
	str := func(v string) []byte { return jsontext.AppendString(nil, v) }
	if s.unit {
		mark := str(unitMark)
		i := once(mark)
		if i < 0 {
			return nil
		}
		holes = append(holes, hole{kind: holeUnit, start: i, end: i + len(mark)})
	}
	if s.cats {
		mark := append(append([]byte{'['}, str(catMark)...), ']')
		i := once(mark)
		if i < 0 {
			return nil
		}
		holes = append(holes, hole{kind: holeCats, start: i, end: i + len(mark)})
	}
	for i, se := range b.Series {
		if se.Name != "" {
			mark := str(se.Name)
			j := once(mark)
			if j < 0 {
				return nil
			}
			holes = append(holes, hole{kind: holeName, series: i, start: j, end: j + len(mark)})
		}
		mark := jsontext.AppendFloat(nil, se.Values[0].V)
		j := once(mark)
		if j < 0 {
			return nil
		}
		// The hole is the whole data array around the value.
		open := bytes.LastIndexByte(opt[:j], '[')
		end := bytes.IndexByte(opt[j+len(mark):], ']')
		if open < 0 || end < 0 {
			return nil
		}
		end += j + len(mark)
		pre, post := opt[open+1:j], opt[j+len(mark):end]
		if t.itemPre == nil {
			t.itemPre, t.itemPost = pre, post
		} else if !bytes.Equal(pre, t.itemPre) || !bytes.Equal(post, t.itemPost) {
			return nil
		}
		holes = append(holes, hole{kind: holeData, series: i, start: open, end: end + 1})
	}
	slices.SortFunc(holes, func(a, b hole) int { return a.start - b.start })
	at := 0
	for _, h := range holes {
		if h.start < at {
			return nil
		}
		t.lits = append(t.lits, opt[at:h.start])
		at = h.end
	}
	t.lits = append(t.lits, opt[at:])
	t.holes = holes
	for _, l := range t.lits {
		if bytes.Contains(l, []byte(`\u0001`)) || bytes.Contains(l, []byte("87654")) {
			return nil
		}
	}
	if out, ok := t.fill(b, nil); !ok || !bytes.Equal(out, opt) {
		return nil
	}
	return t
}

// optionBufs holds the buffers that options are filled in: an option is
// then copied out at its length, where a buffer made for it from an
// estimate of its length would be left with unused capacity.
var optionBufs = sync.Pool{New: func() any { return new([]byte) }}

// maxOptionBuf bounds the buffers kept in optionBufs.
const maxOptionBuf = 64 << 10

// fill returns the option of a chart of the template's shape, or false if
// a value cannot be written in JSON. rows, when not nil, are the rows of
// the chart's table (see Bars.table), whose cells give the text of the
// figures that they show as the option does.
func (t *template) fill(b Bars, rows [][]Cell) ([]byte, bool) {
	out, done, ok := t.fillPooled(b, rows)
	defer done()
	if !ok {
		return nil, false
	}
	return bytes.Clone(out), true
}

// fillPooled is fill without the copy: the option is in a buffer of
// optionBufs, valid until done is called, which gives the buffer back.
func (t *template) fillPooled(b Bars, rows [][]Cell) (option []byte, done func(), ok bool) {
	buf := optionBufs.Get().(*[]byte)
	out, ok := t.appendFill((*buf)[:0], b, rows)
	return out, func() {
		if cap(out) <= maxOptionBuf {
			*buf = out[:0]
			optionBufs.Put(buf)
		}
	}, ok
}

// appendFill appends the option of a chart of the template's shape to
// out, or returns false if a value cannot be written in JSON; rows are as
// for fill.
func (t *template) appendFill(out []byte, b Bars, rows [][]Cell) ([]byte, bool) {
	for i, h := range t.holes {
		out = append(out, t.lits[i]...)
		switch h.kind {
		case holeUnit:
			out = jsontext.AppendString(out, b.Unit)
		case holeCats:
			out = append(out, '[')
			for j, c := range b.Categories {
				if j > 0 {
					out = append(out, ',')
				}
				out = jsontext.AppendString(out, c)
			}
			out = append(out, ']')
		case holeName:
			out = jsontext.AppendString(out, b.Series[h.series].Name)
		case holeData:
			out = append(out, '[')
			for j, v := range b.Series[h.series].Values {
				if j > 0 {
					out = append(out, ',')
				}
				out = append(out, t.itemPre...)
				switch {
				case !v.OK || v.Undrawn:
					out = append(out, `"-"`...)
				case j < len(rows) && b.column(h.series) < len(rows[j]) && !b.Series[h.series].ChartOnly && !v.Blank && sameText(v.V):
					// The cell of the series in row j, which Bars.table
					// made of the same value (a blank one it shows as —).
					out = append(out, rows[j][b.column(h.series)].Text...)
				default:
					var ok bool
					if out, ok = appendValue(out, v.V); !ok {
						return out, false
					}
				}
				out = append(out, t.itemPost...)
			}
			out = append(out, ']')
		}
	}
	return append(out, t.lits[len(t.holes)]...), true
}

// sameText reports whether appendValue writes v as appendFormat does,
// which is as a table's cell shows it: all but -0 and the values too
// large for appendHundredths.
func sameText(v float64) bool {
	k := math.Round(v * scale)
	return math.Abs(k) < maxExact && !(k == 0 && math.Signbit(k))
}

// appendValue appends v rounded as json.Marshal writes it, or returns
// false if the rounded value is not a JSON number.
func appendValue(dst []byte, v float64) ([]byte, bool) {
	k := math.Round(v * scale)
	if math.Abs(k) < maxExact {
		if k == 0 && math.Signbit(k) {
			// round gives -0, which json.Marshal writes as such.
			return append(dst, '-', '0'), true
		}
		return appendHundredths(dst, int64(k)), true
	}
	r := k / scale
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return dst, false
	}
	return jsontext.AppendFloat(dst, r), true
}
