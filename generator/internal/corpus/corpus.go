// Package corpus writes deterministic synthetic corpora of report files, for
// benchmarks and for trying the generator at scale.
//
// A corpus looks like the reports the portal is built from: real provinces
// and prefectures, county names made of plausible syllables (with some that
// share a slug, such as 衡山县 and 横山县, and some with 宁), county
// departments, figures with the shapes and gaps of published reports
// (parts that do not add up, by rounding or by more; figures not disclosed;
// scores whose grade does not match; amounts in 元 or 千元), evidence
// sentences and Markdown bodies with headings, lists and a table. The same
// Options always give the same bytes.
//
// Every file parses with report.Parse, and the corpus as a whole builds:
// no two files describe the same report.
package corpus

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/gosimple/slug"
	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/report"
)

// Version changes whenever the files generated for given Options change,
// so that a cached corpus can be told apart from a stale one.
const Version = 1

// Range is an inclusive range of whole numbers.
type Range struct {
	Min, Max int
}

// Options says what corpus to generate. The zero value of every field
// means its default.
type Options struct {
	// Seed selects the corpus: the same Options give the same files.
	Seed int64
	// Reports is the number of report files; the default is 15,000.
	Reports int
	// FirstYear is the first fiscal year; the default is 2019. The last
	// year may be at most 2025, so that every publication date, in the
	// following year, is in the past (Hugo leaves out future pages).
	FirstYear int
	// Years is the number of fiscal years; the default is 5.
	Years int
	// Departments is the number of departments reporting in each county;
	// the default is 1. The number of counties follows from Reports, Years
	// and Departments: 15,000 reports over 5 years of one department make
	// about 3,000 counties.
	Departments int
	// CountiesPerPrefecture bounds the counties drawn for each prefecture;
	// the default is 4 to 13, about 8.6 on average as in China.
	CountiesPerPrefecture Range
	// BodyBytes bounds the size of each report's Markdown body in bytes;
	// the default is 3,000 to 5,000.
	BodyBytes Range
	// ForHugo adds counties: [<county>] to each file, the taxonomy key
	// that the Hugo yardstick (../shared/bench) needs. The generator itself
	// refuses unknown keys, so such a corpus is for Hugo only.
	ForHugo bool
}

func (o *Options) defaults() error {
	if o.Reports == 0 {
		o.Reports = 15000
	}
	if o.FirstYear == 0 {
		o.FirstYear = 2019
	}
	if o.Years == 0 {
		o.Years = 5
	}
	if o.Departments == 0 {
		o.Departments = 1
	}
	if o.CountiesPerPrefecture == (Range{}) {
		o.CountiesPerPrefecture = Range{4, 13}
	}
	if o.BodyBytes == (Range{}) {
		o.BodyBytes = Range{3000, 5000}
	}
	switch {
	case o.Reports < 0:
		return fmt.Errorf("corpus: %d reports", o.Reports)
	case o.FirstYear < 2000 || o.FirstYear+o.Years-1 > 2025:
		return fmt.Errorf("corpus: years %d to %d: want years from 2000 to 2025", o.FirstYear, o.FirstYear+o.Years-1)
	case o.Years < 1 || o.Departments < 1:
		return fmt.Errorf("corpus: %d years, %d departments: want at least one of each", o.Years, o.Departments)
	case o.Departments > len(departments):
		return fmt.Errorf("corpus: %d departments: at most %d are known", o.Departments, len(departments))
	case o.CountiesPerPrefecture.Min < 1 || o.CountiesPerPrefecture.Max < o.CountiesPerPrefecture.Min || o.CountiesPerPrefecture.Max > 60:
		return fmt.Errorf("corpus: counties per prefecture %d to %d: want 1 to 60", o.CountiesPerPrefecture.Min, o.CountiesPerPrefecture.Max)
	case o.BodyBytes.Min < 0 || o.BodyBytes.Max < o.BodyBytes.Min:
		return fmt.Errorf("corpus: body bytes %d to %d", o.BodyBytes.Min, o.BodyBytes.Max)
	}
	return nil
}

// stats tells what a corpus holds.
type stats struct {
	Reports, Counties, Prefectures, Provinces int
}

// Generate writes a corpus into dir, creating it. dir must not exist or
// must be empty, so that corpora are never mixed. Files are laid out as
// <province>/<code>-<prefecture>/<adcode>-<county>-<year>-<department>.md.
func Generate(dir string, opt Options) error {
	_, err := generate(dir, opt)
	return err
}

func generate(dir string, opt Options) (stats, error) {
	if err := opt.defaults(); err != nil {
		return stats{}, err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return stats{}, fmt.Errorf("corpus: %s is not empty", dir)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return stats{}, fmt.Errorf("corpus: %w", err)
	}
	p, err := newPlan(opt)
	if err != nil {
		return stats{}, err
	}
	for _, d := range p.dirs {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return stats{}, fmt.Errorf("corpus: %w", err)
		}
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, s := range p.series {
		g.Go(func() error {
			for _, f := range s.files(opt) {
				if err := os.WriteFile(filepath.Join(dir, f.path), f.data, 0o644); err != nil {
					return fmt.Errorf("corpus: %w", err)
				}
			}
			return nil
		})
	}
	return p.stats, g.Wait()
}

// plan is the shape of a corpus: its counties and their series, drawn
// sequentially from the seed. The files are then made from each series
// with its own random stream, so they can be written in parallel and still
// come out the same.
type plan struct {
	series []*series
	dirs   []string
	stats  stats
}

type county struct {
	name, prefecture, province string
	adcode                     string
	showAdcode                 bool
	slug                       string
	dir                        string
}

// series is one department's reports of one type in one county, one per
// year.
type series struct {
	index  int
	seed   int64
	county *county
	dept   department
	typ    string
	years  []int
}

type prefecture struct {
	prov       int // index in provinces
	name, code string
}

func newPlan(opt Options) (*plan, error) {
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), 0x636f72707573))
	var prefs []prefecture
	prefNames := map[string]bool{}
	perProv := make([]int, len(provinces))
	for i, pv := range provinces {
		for j, name := range pv.prefectures {
			prefs = append(prefs, prefecture{i, name, fmt.Sprintf("%02d%02d", pv.code, j+1)})
			prefNames[name] = true
		}
		perProv[i] = len(pv.prefectures)
	}
	rng.Shuffle(len(prefs), func(i, j int) { prefs[i], prefs[j] = prefs[j], prefs[i] })
	slices.SortStableFunc(prefs, func(a, b prefecture) int {
		return cmp.Compare(firstIndex(a.name), firstIndex(b.name))
	})

	p := &plan{}
	names := &namer{rng: rng, slugs: map[string]int{}, used: map[string]bool{}}
	provUsed := map[int]bool{}
	remaining := opt.Reports
	for next := 0; remaining > 0; next++ {
		var pf prefecture
		if next < len(prefs) {
			pf = prefs[next]
		} else {
			// Beyond the real prefectures, make more, spread over the
			// provinces; a province has at most 99.
			prov := next % len(provinces)
			for tries := 0; perProv[prov] == 99; tries++ {
				if tries == len(provinces) {
					return nil, fmt.Errorf("corpus: %d reports need more than %d prefectures; give more departments or years", opt.Reports, 99*len(provinces))
				}
				prov = (prov + 1) % len(provinces)
			}
			for {
				name := names.base() + "市"
				if !prefNames[name] {
					prefNames[name] = true
					perProv[prov]++
					pf = prefecture{prov, name, fmt.Sprintf("%02d%02d", provinces[prov].code, perProv[prov])}
					break
				}
			}
		}
		pv := provinces[pf.prov]
		provUsed[pf.prov] = true
		p.stats.Prefectures++
		dir := slug.Make(pv.name) + "/" + pf.code + "-" + slug.Make(pf.name)
		p.dirs = append(p.dirs, dir)
		n := opt.CountiesPerPrefecture.Min + rng.IntN(opt.CountiesPerPrefecture.Max-opt.CountiesPerPrefecture.Min+1)
		codes := &adcodes{used: map[int]bool{}}
		inPref := map[string]bool{pf.name: true}
		known := realCounties[pf.name]
		for i := 0; i < n && remaining > 0; i++ {
			var name string
			if i < len(known) {
				name = known[i]
				names.add(name, pf.name)
			} else {
				name = names.county(pf.name, inPref)
			}
			inPref[name] = true
			c := &county{
				name: name, prefecture: pf.name, province: pv.name,
				adcode:     pf.code + fmt.Sprintf("%02d", codes.next(name)),
				showAdcode: rng.Float64() < 0.8,
				slug:       slug.Make(name),
				dir:        dir,
			}
			p.stats.Counties++
			for _, d := range pickDepartments(rng, opt.Departments) {
				if remaining == 0 {
					break
				}
				s := &series{index: len(p.series), seed: opt.Seed, county: c, dept: d, typ: report.TypeWhole}
				if rng.Float64() < 0.04 {
					s.typ = report.TypeProject
				}
				s.years = pickYears(rng, opt.FirstYear, opt.Years)
				if len(s.years) > remaining {
					s.years = s.years[len(s.years)-remaining:]
				}
				remaining -= len(s.years)
				p.stats.Reports += len(s.years)
				p.series = append(p.series, s)
			}
		}
	}
	p.stats.Provinces = len(provUsed)
	slices.Sort(p.dirs)
	return p, nil
}

// firstIndex orders the prefectures of firstPrefectures before the others.
func firstIndex(name string) int {
	if i := slices.Index(firstPrefectures, name); i >= 0 {
		return i
	}
	return len(firstPrefectures)
}

// pickDepartments returns n distinct departments; the first few of the
// list, which every county has, are the most likely.
func pickDepartments(rng *rand.Rand, n int) []department {
	idx := rng.Perm(len(departments))
	// Favour the common departments a little: swap the 行政审批服务局 or
	// 财政局 to the front half the time.
	if rng.Float64() < 0.3 {
		for i, v := range idx {
			if v < 2 {
				idx[0], idx[i] = idx[i], idx[0]
				break
			}
		}
	}
	out := make([]department, n)
	for i := range n {
		out[i] = departments[idx[i]]
	}
	return out
}

// pickYears returns the years a series has reports for: usually all of
// them; sometimes the county started publishing late or skipped a year.
func pickYears(rng *rand.Rand, first, n int) []int {
	start := 0
	if n > 2 && rng.Float64() < 0.05 {
		start = 1 + rng.IntN(2)
	}
	skip := -1
	if n-start > 3 && rng.Float64() < 0.02 {
		skip = start + 1 + rng.IntN(n-start-2)
	}
	var ys []int
	for i := start; i < n; i++ {
		if i != skip {
			ys = append(ys, first+i)
		}
	}
	return ys
}

// adcodes hands out the last two digits of division codes within a
// prefecture: districts from 02, counties from 21, cities from 81, as
// real codes do.
type adcodes struct {
	used                  map[int]bool
	district, county, cty int
}

func (a *adcodes) next(name string) int {
	var p *int
	var lo, hi int
	switch {
	case strings.HasSuffix(name, "区"):
		p, lo, hi = &a.district, 2, 20
	case strings.HasSuffix(name, "市"):
		p, lo, hi = &a.cty, 81, 99
	default:
		p, lo, hi = &a.county, 21, 80
	}
	for c := lo + *p; c <= hi; c++ {
		if !a.used[c] {
			*p = c - lo + 1
			a.used[c] = true
			return c
		}
	}
	for c := 1; c <= 99; c++ {
		if !a.used[c] {
			a.used[c] = true
			return c
		}
	}
	panic("corpus: more than 99 counties in a prefecture")
}

// namer makes county names, unique within a prefecture. Names whose slug
// is already taken are refused, except for a few made on purpose: real
// names that recur (鼓楼区) and homophones (衡山县, 横山县).
type namer struct {
	rng   *rand.Rand
	slugs map[string]int  // slug → count
	used  map[string]bool // name|prefecture
	all   []string        // names, in order, for homophones
	prefs []string        // their prefectures
}

func (n *namer) add(name, pref string) {
	n.slugs[slug.Make(name)]++
	n.used[name] = true
	n.all = append(n.all, name)
	n.prefs = append(n.prefs, pref)
}

func (n *namer) base() string {
	a := firstSyllables[n.rng.IntN(len(firstSyllables))]
	b := secondSyllables[n.rng.IntN(len(secondSyllables))]
	return a + b
}

func (n *namer) county(pref string, inPref map[string]bool) string {
	r := n.rng.Float64()
	switch {
	case r < 0.006:
		name := commonDistricts[n.rng.IntN(len(commonDistricts))]
		if !inPref[name] {
			n.add(name, pref)
			return name
		}
	case r < 0.03 && len(n.all) > 0:
		if name := n.homophone(pref, inPref); name != "" {
			n.add(name, pref)
			return name
		}
	}
	for {
		var name string
		switch k := n.rng.Float64(); {
		case k < 0.62:
			name = n.base() + "县"
		case k < 0.80:
			name = n.base() + "区"
		case k < 0.95:
			name = n.base() + "市"
		default:
			name = n.base() + ethnicGroups[n.rng.IntN(len(ethnicGroups))] + "自治县"
		}
		if inPref[name] || n.used[name] || n.slugs[slug.Make(name)] > 0 || name == pref {
			continue
		}
		n.add(name, pref)
		return name
	}
}

// homophone returns a name that reads like an earlier county's in another
// prefecture, or "".
func (n *namer) homophone(pref string, inPref map[string]bool) string {
	for range 8 {
		i := n.rng.IntN(len(n.all))
		if n.prefs[i] == pref {
			continue
		}
		rs := []rune(n.all[i])
		for j, r := range rs[:min(2, len(rs))] {
			if hs := homophones[r]; len(hs) > 0 {
				rs[j] = hs[n.rng.IntN(len(hs))]
				name := string(rs)
				if !inPref[name] && !n.used[name] {
					return name
				}
				break
			}
		}
	}
	return ""
}
