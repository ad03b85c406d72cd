package pages

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/site"
)

// ExplorerLimit is how many reports the explorer shows when the reader has
// chosen none: the highest by the chosen metric. It is ChartMax's
// default, so that the explorer and the charts below it show as many
// (图中为最高的30份 above 显示最高的40份 read as a contradiction).
const ExplorerLimit = 40

// Explorer is the compare page's chart whose metric and counties the reader
// chooses; the choice is kept in the page's URL, so a link opens the same
// view.
type Explorer struct {
	Metrics []site.Metric
	// Choices are the reports a reader may pick, by key and label.
	Choices []Choice
	// Departments says that some choices name a department beside the
	// county (乙县·教育局: a county with several reports that year), so
	// that the list is of reports rather than of counties.
	Departments bool
	// Default is the option drawn before any choice.
	Default []byte
	// Title and Summary are the caption of the Default view, which the
	// script replaces with those of the view it draws.
	Title, Summary string
	// Data holds every report's label, key and values per metric, and an
	// empty option to draw them with, as JSON.
	Data  []byte
	Limit int
}

// Choice is one report a reader may pick.
type Choice struct {
	Key, Label string
}

var explorerMetrics = []string{"total", "basic", "project", "sangong", "score", "total_per_staff", "sangong_per_staff"}

// explorerKey returns r's key in an explorer of the reports for which in
// is true, r among them: its Key, with "-2", "-3", … when reports of
// the explorer listed before r by file share it (two departments of a
// county whose names make the same slug, 教育局(机关) and 教育局（机关）,
// got one key, and choosing one chose both). Only reports of r's county
// can share it, as its key starts with the county's slug.
func explorerKey(r *site.Report, in func(*site.Report) bool) string {
	key := r.Key()
	n := 1
	for _, o := range r.County.Reports {
		if o != r && o.File < r.File && o.Key() == key && in(o) {
			n++
		}
	}
	if n > 1 {
		key += "-" + strconv.Itoa(n)
	}
	return key
}

// uniqueKeys makes keys, those of rs, unique, as choices' keys, as
// explorerKey gives them.
func uniqueKeys(rs []*site.Report, keys []string, choices []Choice) {
	seen := make(map[string]int, len(keys))
	shared := false
	for _, k := range keys {
		seen[k]++
		shared = shared || seen[k] > 1
	}
	if !shared {
		return // nearly always
	}
	in := make(map[*site.Report]bool, len(rs))
	for _, r := range rs {
		in[r] = true
	}
	for i, k := range keys {
		if seen[k] > 1 {
			keys[i] = explorerKey(rs[i], func(o *site.Report) bool { return in[o] })
			choices[i].Key = keys[i]
		}
	}
}

// explorerData is the explorer's JSON: every report's label and key once,
// each metric's values in the same order, and an option made by go-echarts
// with no data, which the script fills with the chosen reports.
type explorerData struct {
	Limit   int                     `json:"limit"`
	Labels  []string                `json:"labels"`
	Keys    []string                `json:"keys"`
	Metrics map[string]metricValues `json:"metrics"`
	// Absent names, by key, the metrics no report of the year gives, so
	// that a link from another year that asks for one can say so.
	Absent map[string]string `json:"absent,omitempty"`
	Option json.RawMessage   `json:"option"`
}

type metricValues struct {
	Label string `json:"label"`
	Unit  string `json:"unit"`
	// Values holds a number, or null when not disclosed, per report; the
	// numbers point into one array, rather than each being boxed in an
	// interface.
	Values []*float64 `json:"values"`
	// Slips and Unreadable are the places in Values of the reports that
	// give the metric, but as a likely unit slip, left out as the other
	// charts leave it out, or in words that could not be read (无法识别);
	// the others without a value do not give it.
	Slips      []int `json:"slips,omitempty"`
	Unreadable []int `json:"unreadable,omitempty"`
	// NoStaff are the places in Values, of a metric per member of staff,
	// of the reports that give the amount but not their staff
	// (site.Metric.LacksStaff): they are said to lack the staff, not the
	// amount.
	NoStaff []int `json:"no_staff,omitempty"`
	// SlipWords says what each of Slips is, in order (check.SlipWords):
	// 疑为单位错误, or 疑为数字错误 for a value per head whose count of
	// staff is one no county department has. Left out when every one is
	// 疑为单位错误, which the script takes when it is.
	SlipWords []string `json:"slip_words,omitempty"`
	// Derived are the places in Values of the values computed from a
	// figure the report does not give (report.Report.Derived), whose
	// names the script marks （推算） when it draws them. (The first view,
	// Default, is replaced as the script starts, and only its caption is
	// seen without the script: it does not mark them.)
	Derived []int `json:"derived,omitempty"`
	// Flagged are the places in Values of the values that a finding of
	// their report's checks disputes (site.Report.Flagged), which the
	// script's summary says are in doubt when it names them (甲县（100万元，
	// 数据存疑）), as the charts' summaries do.
	Flagged []int `json:"flagged,omitempty"`
}

// newExplorer returns the explorer of the reports rs, each named by name,
// with the metrics per staff member when perStaff is set (see
// perStaffFits).
func newExplorer(name namer, rs []*site.Report, perStaff bool) (*Explorer, error) {
	data := explorerData{Limit: ExplorerLimit, Metrics: map[string]metricValues{}}
	e := &Explorer{Limit: ExplorerLimit}
	ordered := byMetric(rs, site.MetricByKey("total"))
	e.Choices = make([]Choice, 0, len(ordered))
	data.Keys = make([]string, 0, len(ordered))
	data.Labels = make([]string, 0, len(ordered))
	for _, r := range ordered {
		label, key := name(r), r.Key()
		e.Choices = append(e.Choices, Choice{Key: key, Label: label})
		e.Departments = e.Departments || label != r.County.Label
		data.Keys = append(data.Keys, key)
		data.Labels = append(data.Labels, label)
	}
	uniqueKeys(ordered, data.Keys, e.Choices)
	// The values of every metric share one array, and their pointers
	// another.
	nums := make([]float64, len(explorerMetrics)*len(ordered))
	ptrs := make([]*float64, len(explorerMetrics)*len(ordered))
	for _, key := range explorerMetrics {
		if !perStaff && strings.HasSuffix(key, "_per_staff") {
			continue
		}
		m := site.MetricByKey(key)
		if !anyKnown(rs, m) {
			if data.Absent == nil {
				data.Absent = map[string]string{}
			}
			data.Absent[key] = m.Label
			continue
		}
		mv := metricValues{Label: m.Label, Unit: m.Unit, Values: ptrs[:len(ordered):len(ordered)]}
		ptrs = ptrs[len(ordered):]
		for i, r := range ordered {
			if v, ok := m.Compare(r); ok {
				nums[i] = charts.Round(v)
				mv.Values[i] = &nums[i]
				if r.IsDerived(m.Keys...) {
					mv.Derived = append(mv.Derived, i)
				}
				if r.Flagged(m.Keys...) {
					mv.Flagged = append(mv.Flagged, i)
				}
			} else if _, ok := m.Value(r); ok {
				mv.Slips = append(mv.Slips, i)
				mv.SlipWords = append(mv.SlipWords, cmp.Or(slipWords(r, m.Keys...), unitSlipWords))
			} else if m.Unreadable != nil && m.Unreadable(r) {
				mv.Unreadable = append(mv.Unreadable, i)
			} else if m.LacksStaff(r) {
				mv.NoStaff = append(mv.NoStaff, i)
			}
		}
		nums = nums[len(ordered):]
		if !slices.ContainsFunc(mv.SlipWords, func(w string) bool { return w != unitSlipWords }) {
			mv.SlipWords = nil // the script's default for every slip
		}
		data.Metrics[key] = mv
		e.Metrics = append(e.Metrics, m)
		if e.Default == nil {
			// The first view, drawn before the script has read any choice:
			// the highest ExplorerLimit, as the script draws them and the
			// page says, summed up over every report that gives the
			// figure (their number, the highest, the lowest), as the
			// script's summary is. Of the highest ChartMax alone, it said
			// 40份有数据 of a year of 187, and named the 40th the lowest.
			var first []*site.Report
			if m.Key == "total" {
				first, _ = top(ordered, m) // already by total
			} else {
				first, _ = topByMetric(rs, m)
			}
			first = first[:min(len(first), ExplorerLimit)]
			names, _ := labels(name, first)
			var vals []charts.Value
			if len(first) > 0 {
				vals = make([]charts.Value, len(first))
			}
			for i, r := range first {
				vals[i] = compared(m, r)
			}
			c, err := charts.Bars{ID: "explorer", Title: m.Label, Unit: m.Unit, Categories: names,
				Series: []charts.Series{{Name: m.Label, Values: vals}}, Horizontal: true,
				All: extent(name, rs, m, first, metricKeys[m.Key]...), Measure: "份"}.Build()
			if err != nil {
				return nil, err
			}
			e.Default = c.Option
			e.Title, e.Summary = c.Title, c.Summary
		}
	}
	if e.Default == nil {
		return nil, nil
	}
	skeleton, err := charts.Bars{ID: "explorer", Title: "", Unit: "", Categories: []string{},
		Series: []charts.Series{{Name: "", Values: []charts.Value{}}}, Horizontal: true}.Build()
	if err != nil {
		return nil, err
	}
	data.Option = skeleton.Option
	e.Data, err = json.Marshal(data)
	return e, err
}
