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
}
