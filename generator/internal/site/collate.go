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
// as Chinese readers expect, by pinyin: the default collation of zh.
// It reads each character by its most common pronunciation, so 长沙
// sorts as zhang, as in dictionaries ordered by character.
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
	collatorMu.Lock()
	k := string(collator.KeyFromString(&collateBuf, name))
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
