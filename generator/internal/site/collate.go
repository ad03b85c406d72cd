package site

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// Chinese names listed for reading (prefectures, counties) are ordered
// as Chinese readers expect, by pinyin. The pinyin is the site's own
// reading of the name, its slug (Slugify), which knows how places read
// (长沙 chang sha, 重庆 chong qing), and which the pinyin filters match
// what is typed against; the default collation of zh reads a character
// by its commonest sound alone (长沙 as zhang sha). Names that read alike
// are ordered by that collation, then by code point.
var (
	// collatorMu guards collator and collateBuf, which are not safe for
	// concurrent use.
	collatorMu sync.Mutex
	collator   = collate.New(language.Chinese)
	collateBuf collate.Buffer
	// collateKeys memoizes NameKey: a site has a few thousand distinct
	// names, and sorts compare each many times.
	collateKeys sync.Map
)

// NameKey returns the sort key of a Chinese name in pinyin order: two
// names compare as their keys do (strings.Compare). Keys are made once
// per name; sort by keys made before sorting, not by calling the
// collator in each comparison.
func NameKey(name string) string {
	if k, ok := collateKeys.Load(name); ok {
		return k.(string)
	}
	// A slug's syllables are joined by '-', which sorts before every
	// letter and digit, so syllables compare one by one (xi-an before
	// xian), as in a pinyin index.
	collatorMu.Lock()
	k := Slugify(name) + "\x00" + string(collator.KeyFromString(&collateBuf, name))
	collateBuf.Reset()
	collatorMu.Unlock()
	collateKeys.Store(name, k)
	return k
}

// CompareNames compares two Chinese names in pinyin order (see NameKey),
// and names the collation holds equal by their code points, so that the
// order is total and the same on every build.
func CompareNames(a, b string) int {
	if c := strings.Compare(NameKey(a), NameKey(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// SortNames sorts Chinese names in pinyin order (see CompareNames),
// making each one's key once.
func SortNames(names []string) {
	type keyed struct{ key, name string }
	ks := make([]keyed, len(names))
	for i, n := range names {
		ks[i] = keyed{NameKey(n), n}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.name, b.name))
	})
	for i := range ks {
		names[i] = ks[i].name
	}
}
