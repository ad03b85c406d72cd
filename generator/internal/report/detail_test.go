package report_test

// These tests compare ParseDetail, given the lean report of a file, with
// Parse of the same file: the reports must be the same, field by field,
// whether or not the lean report kept its key positions. ParseDetail must
// read the front matter itself exactly when fastFrontMatter reads it, and
// leave every other file to Parse.

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// leanOf returns a copy of r as a lean load keeps it: without its body,
// evidence and review notes, with a fingerprint (which ParseDetail must
// not copy: Parse gives none), and without its key positions when noKeys.
func leanOf(r *report.Report, noKeys bool) *report.Report {
	l := *r
	l.Body, l.Evidence, l.Review = nil, nil, nil
	l.Fingerprint = report.Fingerprint{Size: int64(len(r.Body)) + 1, Hash: 0x9e3779b97f4a7c15}
	if noKeys {
		l.Keys = nil
	}
	return &l
}

// sameDetail compares ParseDetail with Parse on data, for both lean
// reports, when Parse reads it without error. It reports whether
// ParseDetail read the front matter itself (rather than calling Parse).
func sameDetail(t *testing.T, name string, data []byte) (detailed bool) {
	t.Helper()
	want, err := report.Parse(name, data)
	if err != nil {
		return false
	}
	fast := report.FastPathReads(data)
	in := bytes.Clone(data)
	for _, noKeys := range []bool{false, true} {
		lean := leanOf(want, noKeys)
		before := *lean
		got, err := report.ParseDetail(name, data, lean)
		if err != nil {
			t.Errorf("%s (keys %v): ParseDetail: %v", name, !noKeys, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s (keys %v): reports differ\nParseDetail: %+v\nParse:       %+v", name, !noKeys, got, want)
		}
		if !reflect.DeepEqual(*lean, before) {
			t.Errorf("%s: ParseDetail changed the lean report", name)
		}
		if !bytes.Equal(in, data) {
			t.Fatalf("%s: ParseDetail changed its input", name)
		}
		only := report.ParseDetailOnly(name, data, lean)
		detailed = only != nil
		switch {
		case detailed && !fast:
			t.Errorf("%s: ParseDetail read front matter that fastFrontMatter does not read", name)
		case fast && !detailed:
			t.Errorf("%s: ParseDetail left to Parse front matter that fastFrontMatter reads", name)
		}
		if only != nil {
			if !reflect.DeepEqual(only, want) {
				t.Errorf("%s (keys %v): reports differ\nparseDetail: %+v\nParse:       %+v", name, !noKeys, only, want)
			}
			ownText(t, name, data, only)
		}
	}
	return detailed
}

// ownText reports text of r's evidence and review notes that shares the
// memory of data: no part of a report but its body may.
func ownText(t *testing.T, name string, data []byte, r *report.Report) {
	t.Helper()
	if len(data) == 0 {
		return
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	hi := lo + uintptr(len(data))
	check := func(what, s string) {
		if s == "" {
			return
		}
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < hi {
			t.Errorf("%s: %s %q shares the file's memory", name, what, s)
		}
	}
	for k, s := range r.Evidence {
		check("evidence "+k, s)
	}
	for _, s := range r.Review {
		check("review note", s)
	}
}

// TestParseDetailIsParse compares ParseDetail with Parse on the bundled
// reports, the synthetic corpora, hostile text, the broken files of the
// other tests, the tricky cases of the fast path and the skeleton, each
// written in other ways too. Every corpus file and bundled report is read
// by ParseDetail itself.
func TestParseDetailIsParse(t *testing.T) {
	files := frontMatterInputs(t)
	detailed, parsed := 0, 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		if _, err := report.Parse(name, data); err == nil {
			parsed++
		}
		if sameDetail(t, name, data) {
			detailed++
		} else if strings.HasPrefix(name, "corpus/") || strings.HasPrefix(name, "content/") {
			t.Errorf("%s: not read by ParseDetail itself", name)
		}
		if len(data) < 1<<20 {
			for v, d := range variants(data) {
				sameDetail(t, name+" ("+v+")", d)
			}
		}
	}
	if detailed < parsed*9/10 {
		t.Errorf("ParseDetail read %d of the %d files that parse", detailed, parsed)
	}
}

// TestParseDetailOfReviewAndEvidence compares ParseDetail with Parse on
// every way of writing evidence and review notes that Parse accepts, and
// on some that fastFrontMatter leaves to the YAML parser.
func TestParseDetailOfReviewAndEvidence(t *testing.T) {
	cases := []string{
		"evidence:", "evidence: null", "evidence: ~", "evidence: {}", "evidence: { }", "evidence: {score: }",
		"evidence:\n  score:\n  grade: 优", "evidence:\n  score: null\n", "evidence: {score: null, grade: ''}",
		"evidence:\n  score: \"a\\nb\\\"c\"\n  grade: 'd''e'\n  county: 甲县 # 注释\n  year: 2020年\n  type: \"\"",
		"evidence: {county: 甲县, spending.total: \"支出1530.53万元，其中：\", score: 'x'} # 注释",
		"evidence:\n    score: a\n    grade: b\nreview:\n    - c\n    - \"d\"",
		"review:", "review: null", "review: []", "review: [ ]", "review: [a]", "review: [a, 'b', \"c\\td\"]",
		"review:\n- a\n- 'b'\n-   c # 注释\nscore: 97", "review:\n  - a\n\n  # 注释\n  - b\n",
		"review: [\"\\L\\P\\N\\_\"]\nevidence: {score: \"\\L\"}",
		"review:\n  - 2021年\n  - -a", "review: [1e3]", "review:\n  - |\n    a", "evidence:\n  score: |\n    a",
		"evidence:\n  score: >\n    a\n    b", "review: [a,\n  b]", "evidence: {score: \"\\x41\"}",
		"title: 甲 # c\nevidence: {score: a}\nreview: [b]\ndraft: true",
		"spending: {total: 1, basic: 无法识别}\nsangong:\n  change: -1\n  total: 2\nstaff: {actual: 3, authorized: }\nstaff2: 1",
		"spending:\nsangong: null\nstaff: {}",
		"title: \"甲\\\"乙\"\nsource: https://example.org/a b\npublished: 2021-02-29\nadcode: 430725\nunit: 元\nscore: 1e1",
		"score: .5", "score: +1", "adcode: 0123", "title: \"\\u5e74\"", "title: a\n  b", "title: '多\n  行'",
		"spending:\n  total: 1\n   basic: 2", "spending:\n  total:\n    basic: 2", "spending:\n- total: 1",
	}
	var many strings.Builder
	many.WriteString("review:\n")
	for i := range 100 {
		fmt.Fprintf(&many, "  - 第%d条\n", i)
	}
	cases = append(cases, many.String(), "review: ["+strings.Repeat("甲, ", 99)+"乙]")
	for i, c := range cases {
		data := trickyFile(c)
		sameDetail(t, fmt.Sprintf("case %d: %s", i, c), data)
		for v, d := range variants(data) {
			sameDetail(t, fmt.Sprintf("case %d (%s): %s", i, v, c), d)
		}
	}
}

// TestParseDetailOfRandomFlowCollections compares ParseDetail with Parse
// on flow collections made at random, as TestFlowCollectionsAtRandom
// makes them for the fast path.
func TestParseDetailOfRandomFlowCollections(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	piece := func() string { return flowPieces[rng.IntN(len(flowPieces))] }
	pick := func(list ...string) string { return list[rng.IntN(len(list))] }
	keysOf := map[string][]string{
		"spending": {"total", "basic", "project", "personnel", "public"},
		"sangong":  {"total", "abroad", "reception", "vehicles", "change"},
		"staff":    {"authorized", "actual"},
		"evidence": {"county", "spending.total", "score", "grade", "staff.actual", "sangong.change"},
	}
	value := func(key string) string {
		switch key {
		case "staff":
			return pick("25", "0", "null", "~", "", "无法识别")
		case "evidence":
			return pick("甲县", `"a,b}"`, "'c''d'", `"\n"`, "null", "", `""`, "文 字", "2021年")
		}
		return pick("1530.53", "null", "无法识别", "0.4", "12", "", "~")
	}
	detailed, parsed := 0, 0
	const n = 3000
	for i := range n {
		key := pick("spending", "sangong", "staff", "evidence", "review", "title")
		var parts []string
		if key == "review" || key == "title" || rng.IntN(8) == 0 {
			parts = append(parts, "[")
			for j := range rng.IntN(4) {
				if j > 0 {
					parts = append(parts, ", ")
				}
				parts = append(parts, pick("甲", "'乙'", `"丙\"丁"`, "a b", "2021年"))
			}
			parts = append(parts, "]")
		} else {
			parts = append(parts, "{")
			keys := keysOf[key]
			for j, k := range rng.Perm(len(keys))[:rng.IntN(len(keys)+1)] {
				if j > 0 {
					parts = append(parts, ", ")
				}
				parts = append(parts, keys[k], ": ", value(key))
			}
			parts = append(parts, "}")
		}
		for range rng.IntN(3) {
			switch k := rng.IntN(len(parts) + 1); rng.IntN(3) {
			case 0:
				parts = slices.Insert(parts, k, piece())
			case 1:
				if k < len(parts) {
					parts = slices.Delete(parts, k, k+1)
				}
			default:
				if k < len(parts) {
					parts[k] = piece()
				}
			}
		}
		line := key + ": " + strings.Join(parts, "")
		if rng.IntN(4) == 0 {
			line += pick(" # 注释", "#c", "  ", " x")
		}
		data := trickyFile(line)
		if _, err := report.Parse("a.md", data); err == nil {
			parsed++
		}
		if sameDetail(t, fmt.Sprintf("random/%d: %s", i, line), data) {
			detailed++
		}
	}
	// Enough of them parse, and are read by ParseDetail, for the
	// comparison to matter.
	if parsed < n/4 || detailed < parsed/2 {
		t.Errorf("of %d random flow collections, %d parse and ParseDetail read %d", n, parsed, detailed)
	}
	t.Logf("of %d random flow collections, %d parse and ParseDetail read %d", n, parsed, detailed)
}

// TestParseDetailConcurrently reads the corpus with ParseDetail on
// several goroutines at once, as a build does: its state is pooled.
func TestParseDetailConcurrently(t *testing.T) {
	gen, err := corpusFiles()
	if err != nil {
		t.Fatal(err)
	}
	names := slices.Sorted(maps.Keys(gen))[:200]
	want := make([]*report.Report, len(names))
	for i, name := range names {
		if want[i], err = report.Parse(name, gen[name]); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for k := range names {
				i := (k + g*50) % len(names)
				got, err := report.ParseDetail(names[i], gen[names[i]], leanOf(want[i], true))
				if err != nil || !reflect.DeepEqual(got, want[i]) {
					t.Errorf("%s: reports differ (%v)", names[i], err)
				}
			}
		})
	}
	wg.Wait()
}

// TestParseDetailFallsBack: without a lean report, or with one that does
// not match the file as far as ParseDetail can tell, ParseDetail is Parse,
// errors included.
func TestParseDetailFallsBack(t *testing.T) {
	good := trickyFile("evidence: {score: 甲}\nreview: [乙]")
	want, err := report.Parse("a.md", good)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := report.ParseDetail("a.md", good, nil); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("without a lean report: %+v, %v", got, err)
	}
	other := leanOf(want, true)
	other.BodyLine++
	if report.ParseDetailOnly("a.md", good, other) != nil {
		t.Error("read with a lean report of another body line")
	}
	if got, err := report.ParseDetail("a.md", good, other); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("with a lean report of another body line: %+v, %v", got, err)
	}
	// The name is the one given, as for Parse.
	if got, err := report.ParseDetail("b.md", good, leanOf(want, true)); err != nil || got.File != "b.md" {
		t.Errorf("named %q, %v", got.File, err)
	}
	for name, data := range report.BrokenInputs(t) {
		_, want := report.Parse(name, data)
		if want == nil {
			continue
		}
		r, err := report.ParseDetail(name, data, nil)
		if r != nil || errString(err) != errString(want) {
			t.Errorf("%s: ParseDetail gave %v, %v; Parse %v", name, r != nil, err, want)
		}
	}
}

// FuzzParseDetail compares ParseDetail with Parse on fuzzed files that
// Parse reads, and checks that ParseDetail reads the front matter itself
// exactly when fastFrontMatter does. It is seeded with the seeds of
// FuzzParse and FuzzFastPath and with a small corpus.
func FuzzParseDetail(f *testing.F) {
	for _, s := range testseeds.Reports(f) {
		f.Add(s.Data)
	}
	for _, s := range testseeds.Texts(f) {
		f.Add(append([]byte(head+"---\n"), s.Data...))
	}
	for _, h := range testseeds.Hostile {
		f.Add([]byte(head + "title: " + h + "\nreview: [" + h + "]\n---\n" + h))
	}
	// FuzzParse's own seeds (its fuzzHeader is head).
	for _, s := range []string{
		"", "---", "---\n---\n", "\ufeff---\r\ncounty: 甲县\r\n---\r\n", "---\ncounty: &a x\ndepartment: *a\n---\n",
		head + "review: [[[[[\n---\n", head + "review:\n  - - - - x\n---\n", head + "evidence:\n  score: |\n    x\n---\n",
		head + "spending: {total: 1.5, basic: 无法识别}\nsangong: {change: -1}\nunit: 元\nscore: 99.5\ngrade: 优\nstaff: {actual: 3}\n---\n",
		head + "draft: true\npublished: 2021-01-01\nsource: https://example.org/\nslug: a-b\nadcode: \"430725\"\n---\n",
	} {
		f.Add([]byte(s))
	}
	// FuzzFastPath's.
	for _, data := range hostileFiles() {
		f.Add(data)
	}
	for _, data := range report.BrokenInputs(f) {
		if len(data) < 16<<10 {
			f.Add(data)
		}
	}
	for _, tc := range trickyCases {
		f.Add(trickyFile(tc.in))
	}
	f.Add(report.Skeleton("甲县", 2020))
	f.Add([]byte(head + "unit: 元\nspending: {total: 1530.53, basic: 158.65, project: null, personnel: 无法识别, public: }\n" +
		"income: 1600\nsangong: { total : 0 ,abroad: 1, reception: 2, change: -0.4 } # 注释\nscore: 97\n" +
		"staff: {authorized: 25, actual: 17}\nevidence: {county: 甲县, spending.total: \"支出1530.53万元，其中：\"}\nreview: [核对, '得分', \"a\\\"b\"]\n---\n正文\n"))
	f.Add([]byte(head + "evidence:\n  score: \"a\\nb\"\n  grade: 'c''d'\n  year:\nreview:\n- e\n- \"f\"\n---\r\n正文"))
	gen, err := generate(
		corpus.Options{Seed: 5, Reports: 60},
		corpus.Options{Seed: 6, Reports: 40, Departments: 2, BodyBytes: corpus.Range{Min: 100, Max: 300}},
	)
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(gen)) {
		f.Add(gen[name])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sameDetail(t, "dir/a.md", data)
	})
}
