package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ReportTypeProject is how the truth files name a project report.
const ReportTypeProject = "专项/项目支出"

// truthKeys are the keys of a truth file, in order, without evidence.
var truthKeys = []string{
	"county", "prefecture", "province", "department", "year", "report_type",
	"total_spending", "basic_spending", "project_spending", "personnel_spending", "public_spending",
	"budget_income", "sangong_total", "sangong_travel_abroad", "sangong_reception", "sangong_vehicles",
	"sangong_prev_year_change", "self_score", "grade", "staff_authorized", "staff_actual",
}

// TruthJSON returns the draft as one JSON object with exactly the keys of
// the hand-read truth files: the figures, null for those left out, and
// evidence, a map from each key found to its sentence. report_type is
// 整体支出 or 专项/项目支出. Amounts are in 万元.
func (d *Draft) TruthJSON() ([]byte, error) {
	return d.writeJSON(false)
}

// JSON returns what the import command prints with -json: TruthJSON's
// object, but with report_type as the draft writes it (整体支出 or 项目支出),
// and with the draft's project (null unless a 项目支出 draft's title names
// it, see Draft.Project), title, published date (null when not read) and
// unit (万元, that of every amount) after the figures.
func (d *Draft) JSON() ([]byte, error) {
	return d.writeJSON(true)
}

func (d *Draft) writeJSON(draft bool) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	evidence := map[string]string{}
	figs := d.figures()
	if draft {
		text := func(key, v string, ok bool) figure {
			return figure{key: key, jsonKey: key, ok: ok && v != "", value: v, text: true}
		}
		figs = append(figs, text("project", d.Project(), true), text("title", clip(d.Title), true),
			text("published", d.Published.V, d.Published.OK), text("unit", "万元", true))
	}
	for i, f := range figs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.jsonKey)
		b.Write(k)
		b.WriteByte(':')
		switch {
		case !f.ok:
			b.WriteString("null")
		case f.key == "type" && f.value == TypeProject && !draft:
			v, _ := json.Marshal(ReportTypeProject)
			b.Write(v)
		case f.text:
			v, err := json.Marshal(f.value)
			if err != nil {
				return nil, err
			}
			b.Write(v)
		default:
			b.WriteString(f.value)
		}
		if f.ok && f.evidence != "" {
			evidence[f.jsonKey] = f.evidence
		}
	}
	b.WriteString(`,"evidence":`)
	ev, err := json.Marshal(evidence)
	if err != nil {
		return nil, err
	}
	b.Write(ev)
	b.WriteByte('}')
	if !json.Valid(b.Bytes()) {
		return nil, fmt.Errorf("%s: the JSON written is not valid", d.Name)
	}
	return b.Bytes(), nil
}
