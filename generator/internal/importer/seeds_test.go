package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// sharedDir returns ../shared next to the repository root; without it the
// test fails under CI=true and skips otherwise.
func sharedDir(t testing.TB) string { return testseeds.Shared(t) }

// truth is a hand-read truth file, or a want file of testdata/.
type truth struct {
	Values       map[string]any
	Alternatives map[string]any
	// Review lists text that must appear in the draft's review notes
	// (want files only).
	Review []string
}

func readTruth(t testing.TB, path string) truth {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	tr := truth{Values: map[string]any{}, Alternatives: map[string]any{}}
	for _, k := range truthKeys {
		v, ok := raw[k]
		if !ok {
			t.Fatalf("%s: no key %q", path, k)
		}
		tr.Values[k] = decodeValue(t, v)
	}
	if alt, ok := raw["acceptable_alternatives"]; ok {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(alt, &m); err != nil {
			t.Fatalf("%s: acceptable_alternatives: %v", path, err)
		}
		for k, v := range m {
			tr.Alternatives[k] = decodeValue(t, v)
		}
	}
	if r, ok := raw["review_contains"]; ok {
		if err := json.Unmarshal(r, &tr.Review); err != nil {
			t.Fatalf("%s: review_contains: %v", path, err)
		}
	}
	return tr
}

func decodeValue(t testing.TB, raw json.RawMessage) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return canon(v)
}

// canon turns a JSON value into a comparable string, or nil for null.
// Numbers compare by value: 1312 and 1312.00 are equal.
func canon(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return fmt.Sprintf("%g", f)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

type score struct {
	right, missed, wrong int
	problems             []string
}

// compare scores a draft's JSON against a truth: a value is right when it
// equals the truth or one of its acceptable alternatives, missed when the
// draft has null, and wrong otherwise.
func compare(got map[string]any, want truth) score {
	var s score
	for _, k := range truthKeys {
		g, w := got[k], want.Values[k]
		alt, hasAlt := want.Alternatives[k]
		switch {
		case g == w || hasAlt && g == alt:
			s.right++
		case g == nil:
			s.missed++
			s.problems = append(s.problems, fmt.Sprintf("%s: missed (want %v)", k, w))
		default:
			s.wrong++
			s.problems = append(s.problems, fmt.Sprintf("%s: WRONG %v (want %v)", k, g, w))
		}
	}
	return s
}

func draftJSON(t testing.TB, d *Draft) map[string]any {
	t.Helper()
	j, err := d.TruthJSON()
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(j, &raw); err != nil {
		t.Fatalf("TruthJSON is not valid JSON: %v\n%s", err, j)
	}
	got := map[string]any{}
	for k, v := range raw {
		if k != "evidence" {
			got[k] = decodeValue(t, v)
		}
	}
	return got
}

// checkDraft checks what every draft must satisfy: the JSON has exactly the
// truth keys, every figure found has evidence, and the content file parses
// and agrees with the draft.
func checkDraft(t *testing.T, d *Draft) {
	t.Helper()
	j, err := d.TruthJSON()
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(j, &raw); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := append(append([]string(nil), truthKeys...), "evidence")
	sort.Strings(want)
	if strings.Join(keys, ",") != strings.Join(want, ",") {
		t.Errorf("TruthJSON keys = %v, want %v", keys, want)
	}
	for _, f := range d.figures() {
		if f.ok && strings.TrimSpace(f.evidence) == "" {
			t.Errorf("%s = %s has no evidence", f.key, f.value)
		}
	}
	md := d.Markdown()
	r, err := report.Parse(d.Name+".md", md)
	if err != nil {
		t.Fatalf("the draft does not parse: %v\n%s", err, md)
	}
	if !r.Draft {
		t.Error("the content file is not marked draft: true")
	}
	if d.County.OK && r.County != d.County.V || d.Year.OK && r.Year != d.Year.V {
		t.Errorf("content file says %s %d, draft %s %d", r.County, r.Year, d.County.V, d.Year.V)
	}
	if d.Spending.Total.OK && r.Spending.Total.V != d.Spending.Total.V {
		t.Errorf("content file spending.total = %s, draft %s", r.Spending.Total.V, d.Spending.Total.V)
	}
	if d.Score.OK && r.Score.V != d.Score.V {
		t.Errorf("content file score = %v, draft %v", r.Score.V, d.Score.V)
	}
	for _, f := range d.figures() {
		if f.ok && r.Evidence[f.key] != f.evidence {
			t.Errorf("content file evidence for %s = %q, draft %q", f.key, r.Evidence[f.key], f.evidence)
		}
	}
	if len(r.Review) != len(d.Notes()) {
		t.Errorf("content file has %d review notes, draft %d", len(r.Review), len(d.Notes()))
	}
	// The figures left null written 未披露, as pages print them and
	// publishers copy them back: the same report.
	undisclosed := nullFigures.ReplaceAll(md, []byte("$1:${2}未披露"))
	if u, err := report.Parse(d.Name+".md", undisclosed); err != nil || !reflect.DeepEqual(u, r) {
		t.Errorf("with 未披露 for null: %v\n%+v\nwant %+v", err, u, r)
	}
}

// nullFigures finds the figures of a draft that are null.
var nullFigures = regexp.MustCompile(`(?m)^((?:  (?:total|basic|project|personnel|public|abroad|reception|vehicles|change|authorized|actual))|income|score|grade):( +)null\b`)

// TestSeeds runs the importer over every real report in ../shared/seeds and
// requires every field to be right and none wrong.
func TestSeeds(t *testing.T) {
	shared := sharedDir(t)
	files, err := filepath.Glob(filepath.Join(shared, "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds in %s: %v", shared, err)
	}
	var total score
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			doc, err := ReadFile(context.Background(), f)
			if err != nil {
				t.Fatal(err)
			}
			d := Extract(f, doc.Text)
			checkDraft(t, d)
			want := readTruth(t, filepath.Join(shared, "seeds", "truth", name+".json"))
			s := compare(draftJSON(t, d), want)
			total.right += s.right
			total.missed += s.missed
			total.wrong += s.wrong
			for _, p := range s.problems {
				t.Error(p)
			}
			if t.Failed() {
				t.Logf("review notes:\n  %s", strings.Join(d.Review, "\n  "))
			}
		})
	}
	t.Logf("seeds: %d right, %d missed, %d wrong of %d fields", total.right, total.missed, total.wrong, total.right+total.missed+total.wrong)
}
