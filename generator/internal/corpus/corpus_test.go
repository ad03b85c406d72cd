package corpus

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/site"
)

// readAll returns every file under dir by slash path.
func readAll(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSameSeedSameBytes(t *testing.T) {
	opt := Options{Seed: 7, Reports: 600, Departments: 2, BodyBytes: Range{500, 900}}
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, opt); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, opt); err != nil {
		t.Fatal(err)
	}
	fa, fb := readAll(t, a), readAll(t, b)
	if len(fa) != 600 || len(fb) != 600 {
		t.Fatalf("got %d and %d files, want 600", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Fatalf("%s differs between two runs with the same seed", name)
		}
	}

	opt.Seed = 8
	c := t.TempDir()
	if err := Generate(c, opt); err != nil {
		t.Fatal(err)
	}
	same := 0
	for name, data := range readAll(t, c) {
		if bytes.Equal(data, fa[name]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d files are the same with another seed", same)
	}
}

// TestCorpusParsesAndHasRealShapes generates a corpus, parses every file
// and checks that it has the gaps and oddities of real reports.
func TestCorpusParsesAndHasRealShapes(t *testing.T) {
	dir := t.TempDir()
	opt := Options{Seed: 1, Reports: 1500}
	if err := Generate(dir, opt); err != nil {
		t.Fatal(err)
	}
	files := readAll(t, dir)
	if len(files) != opt.Reports {
		t.Fatalf("%d files, want %d", len(files), opt.Reports)
	}
	var reports []*report.Report
	units := map[string]int{}
	nullScore, evidence := 0, 0
	for name, data := range files {
		r, err := report.Parse(name, data)
		if err != nil {
			t.Fatalf("%v\n%s", err, data)
		}
		reports = append(reports, r)
		units[r.Unit]++
		if !r.Score.Known() {
			nullScore++
		}
		if len(r.Evidence) > 0 {
			evidence++
		}
		if n := len(r.Body); n < 2500 || n > 5600 {
			t.Errorf("%s: body of %d bytes, want about 3,000 to 5,000", name, n)
		}
		for _, want := range []string{"\n## ", "\n| ", "\n- ", "\n1. "} {
			if !bytes.Contains(r.Body, []byte(want)) {
				t.Errorf("%s: body has no %q", name, want)
			}
		}
	}
	if units["元"] == 0 || units["千元"] == 0 || units["万元"] < opt.Reports*3/4 {
		t.Errorf("units %v: want mostly 万元, some 元 and 千元", units)
	}
	if nullScore == 0 || nullScore > opt.Reports/5 {
		t.Errorf("%d reports without a score", nullScore)
	}
	if evidence < opt.Reports/5 {
		t.Errorf("%d reports with evidence", evidence)
	}

	errs, per := check.Reports(reports)
	if len(errs) > 0 {
		t.Fatalf("file errors: %v", errs[0])
	}
	found := map[string]map[check.Severity]int{}
	for _, f := range check.Findings(per) {
		if found[f.Rule] == nil {
			found[f.Rule] = map[check.Severity]int{}
		}
		found[f.Rule][f.Severity]++
	}
	for _, want := range []struct {
		rule string
		sev  check.Severity
	}{
		{"sum.spending", check.Rounding}, {"sum.spending", check.Discrepancy},
		{"sum.basic", check.Rounding}, {"sum.sangong", check.Discrepancy},
		{"grade.score", check.Discrepancy}, {"staff.actual", check.Warning},
		{"yoy.sangong", check.Discrepancy}, {"disclosure", check.Info},
	} {
		if n := found[want.rule][want.sev]; n == 0 || (n > opt.Reports/4 && want.rule != "disclosure") {
			t.Errorf("%d findings of %s (%s); want some, not most (all: %v)", n, want.rule, want.sev, found[want.rule])
		}
	}

	s, err := site.Assemble(reports, per)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s.Counties); n < 280 || n > 340 {
		t.Errorf("%d counties, want about 300 for 1,500 reports over 5 years", n)
	}
	if len(s.Years) != 5 {
		t.Errorf("years %v, want 5", s.Years)
	}
	collisions := 0
	for _, w := range s.Warnings {
		if strings.Contains(w, "share the slug") {
			collisions++
		}
	}
	if collisions == 0 || collisions > len(s.Counties)/10 {
		t.Errorf("%d slug collisions among %d counties; want a few", collisions, len(s.Counties))
	}
}

// TestLargeCorpusHasNamedHomophones checks the plan alone: at 15,000
// reports every real prefecture is used, with its real counties.
func TestLargeCorpusHasNamedHomophones(t *testing.T) {
	opt := Options{Seed: 1}
	if err := opt.defaults(); err != nil {
		t.Fatal(err)
	}
	p, err := newPlan(opt)
	if err != nil {
		t.Fatal(err)
	}
	if p.stats.Reports != 15000 {
		t.Errorf("%d reports, want 15000", p.stats.Reports)
	}
	if p.stats.Counties < 2800 || p.stats.Counties > 3200 {
		t.Errorf("%d counties, want about 3,000", p.stats.Counties)
	}
	names := map[string]bool{}
	for _, s := range p.series {
		names[s.county.name] = true
	}
	for _, n := range []string{"衡山县", "横山县", "宁乡市", "常宁市", "桃源县", "江华瑶族自治县"} {
		if !names[n] {
			t.Errorf("no county %s", n)
		}
	}
}

// TestEveryFileOfLargeCorporaParses makes the files of the benchmarks'
// corpora in memory and parses each; rare draws, such as a unit slip in a
// report in 元, show only at this scale.
func TestEveryFileOfLargeCorporaParses(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 20,000 files")
	}
	for _, opt := range []Options{{Seed: 1, Reports: 15000}, {Seed: 1, Reports: 5000, Departments: 7, FirstYear: 2016, Years: 10}} {
		if err := opt.defaults(); err != nil {
			t.Fatal(err)
		}
		p, err := newPlan(opt)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		var failed []error
		next := make(chan *series)
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for s := range next {
					for _, f := range s.files(opt) {
						if _, err := report.Parse(f.path, f.data); err != nil {
							mu.Lock()
							failed = append(failed, err)
							mu.Unlock()
						}
					}
				}
			})
		}
		for _, s := range p.series {
			next <- s
		}
		close(next)
		wg.Wait()
		for _, err := range failed[:min(len(failed), 5)] {
			t.Error(err)
		}
	}
}

func TestDepartmentInitialsAreDistinct(t *testing.T) {
	seen := map[string]string{}
	for _, d := range departments {
		i := initials(d.name)
		if o, ok := seen[i]; ok {
			t.Errorf("%s and %s both have initials %s", o, d.name, i)
		}
		seen[i] = d.name
	}
}

func TestForHugoAddsCounties(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, Options{Seed: 3, Reports: 20, ForHugo: true}); err != nil {
		t.Fatal(err)
	}
	for name, data := range readAll(t, dir) {
		if !bytes.Contains(data, []byte("\ncounties: [")) {
			t.Fatalf("%s has no counties key", name)
		}
		_, err := report.Parse(name, data)
		if err == nil || !strings.Contains(err.Error(), "counties: unknown key") {
			t.Fatalf("%s: the generator accepts the Hugo variant or fails otherwise: %v", name, err)
		}
	}
}

// TestCorpusBuilds builds a small corpus with the repository's templates.
func TestCorpusBuilds(t *testing.T) {
	root := buildtest.RepoRoot(t)
	project := t.TempDir()
	if err := Generate(filepath.Join(project, "content"), Options{Seed: 5, Reports: 200, Departments: 3}); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"templates", "assets"} {
		if err := os.Symlink(filepath.Join(root, sub), filepath.Join(project, sub)); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := build.Run(context.Background(), build.Config{Root: project, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Reports != 200 {
		t.Errorf("built %d reports, want 200", sum.Reports)
	}
}

func TestGenerateRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Generate(dir, Options{Reports: 5}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("err = %v, want a refusal", err)
	}
}

func TestMain_(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Main([]string{"-reports", "3"}, &out, &errb); code != 2 {
		t.Errorf("without -out: exit %d, want 2", code)
	}
	dir := filepath.Join(t.TempDir(), "c")
	out.Reset()
	if code := Main([]string{"-out", dir, "-reports", "12", "-seed", "4", "-years", "3", "-departments", "2"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "wrote 12 reports of 2 counties") {
		t.Errorf("summary %q", out.String())
	}
	if n := len(readAll(t, dir)); n != 12 {
		t.Errorf("%d files, want 12", n)
	}
	if code := Main([]string{"-out", dir}, &out, &errb); code != 1 {
		t.Errorf("into a non-empty folder: exit %d, want 1", code)
	}
}

// TestCommand runs Main with the arguments in PORTAL_CORPUS_ARGS, so that
// scripts can write a corpus before the generator has a corpus command:
//
//	PORTAL_CORPUS_ARGS='-out /tmp/c -reports 15000' go test -run '^TestCommand$' ./generator/internal/corpus
//
// It is skipped when the variable is unset.
func TestCommand(t *testing.T) {
	args := os.Getenv("PORTAL_CORPUS_ARGS")
	if args == "" {
		t.Skip("PORTAL_CORPUS_ARGS is not set")
	}
	if code := Main(strings.Fields(args), os.Stdout, os.Stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestTooManyCountiesIsAnError(t *testing.T) {
	opt := Options{Reports: 3000, Years: 1, CountiesPerPrefecture: Range{1, 1}}
	if err := Generate(t.TempDir(), opt); err == nil || !strings.Contains(err.Error(), "prefectures") {
		t.Errorf("err = %v, want too many prefectures", err)
	}
}
