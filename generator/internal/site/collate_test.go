package site

import (
	"slices"
	"testing"
)

// Names listed for reading are in pinyin order, not by code point (怀 is
// U+6000, 常 U+5E38, 益 U+76CA, 岳 U+5CB3), with names the collation
// holds equal told apart by code point, so that the order is total.
func TestSortNames(t *testing.T) {
	names := []string{"岳阳市", "益阳市", "怀化市", "常德市", "安化县", "怀化市"}
	SortNames(names)
	want := []string{"安化县", "常德市", "怀化市", "怀化市", "益阳市", "岳阳市"}
	if !slices.Equal(names, want) {
		t.Errorf("SortNames = %v, want %v", names, want)
	}
	if CompareNames("岳阳市", "常德市") <= 0 || CompareNames("常德市", "常德市") != 0 {
		t.Error("CompareNames does not follow pinyin")
	}
	// Places read as the site reads them in slugs and filters, not by
	// each character's commonest sound (长 zhang, 重 zhong, 朝 zhao);
	// syllables compare one by one (xi an before xian).
	places := []string{"株洲市", "重庆市", "张家界市", "长沙县", "朝阳区", "仙桃市", "西安市", "常德市"}
	SortNames(places)
	want = []string{"常德市", "长沙县", "朝阳区", "重庆市", "西安市", "仙桃市", "张家界市", "株洲市"}
	if !slices.Equal(places, want) {
		t.Errorf("SortNames = %v, want %v", places, want)
	}
}
