package pages

import (
	"encoding/json"

	"github.com/countyperf/portal/generator/internal/charts"
	"github.com/countyperf/portal/generator/internal/site"
)

// ExplorerLimit is how many reports the explorer shows when the reader has
// chosen none: the highest by the chosen metric.
const ExplorerLimit = 30

// Explorer is the compare page's chart whose metric and counties the reader
// chooses; the choice is kept in the page's URL, so a link opens the same
// view.
type Explorer struct {
	Metrics []site.Metric
	// Choices are the reports a reader may pick, by key and label.
	Choices []Choice
	// Default is the option drawn before any choice.
	Default []byte
	// Data holds, per metric, the option with every report and the keys of
	// its categories, as JSON.
	Data  []byte
	Limit int
}

// Choice is one report a reader may pick.
type Choice struct {
	Key, Label string
}

var explorerMetrics = []string{"total", "basic", "project", "sangong", "score", "total_per_staff", "sangong_per_staff"}

// choiceKey identifies a report within a year: its county's slug, with its
// department when the county has several reports that year.
func choiceKey(r *site.Report) string {
	if r.Label() != r.County.Name {
		return r.County.Slug + "." + site.Slugify(r.Department)
	}
	return r.County.Slug
}

func newExplorer(rs []*site.Report) (*Explorer, error) {
	type metricData struct {
		Option json.RawMessage `json:"option"`
		Keys   []string        `json:"keys"`
	}
	data := struct {
		Limit   int                   `json:"limit"`
		Metrics map[string]metricData `json:"metrics"`
	}{Limit: ExplorerLimit, Metrics: map[string]metricData{}}
	e := &Explorer{Limit: ExplorerLimit}
	for _, r := range byMetric(rs, site.MetricByKey("total")) {
		e.Choices = append(e.Choices, Choice{Key: choiceKey(r), Label: r.Label()})
	}
	for _, key := range explorerMetrics {
		m := site.MetricByKey(key)
		if !anyKnown(rs, m) {
			continue
		}
		sorted := byMetric(rs, m)
		names, _ := labels(sorted, metricKeys[m.Key]...)
		var vals []charts.Value
		var keys []string
		for _, r := range sorted {
			vals = append(vals, Value(m, r))
			keys = append(keys, choiceKey(r))
		}
		c, err := charts.Bars{ID: "explorer", Title: m.Label, Unit: m.Unit, Categories: names,
			Series: []charts.Series{{Name: m.Label, Values: vals}}, Horizontal: true}.Build()
		if err != nil {
			return nil, err
		}
		if e.Default == nil {
			e.Default = c.Option
		}
		e.Metrics = append(e.Metrics, m)
		data.Metrics[key] = metricData{Option: c.Option, Keys: keys}
	}
	if e.Default == nil {
		return nil, nil
	}
	var err error
	e.Data, err = json.Marshal(data)
	return e, err
}
