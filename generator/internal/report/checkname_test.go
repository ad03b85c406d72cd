package report

import (
	"strings"
	"testing"
)

// TestCheckNameAgreesWithParse: a name that CheckName refuses is
// one that a report file is refused for, and the other way round.
func TestCheckNameAgreesWithParse(t *testing.T) {
	for _, name := range []string{"财政局", "G207 国道养护", "财\u202e政局", "财\u200e政局", "财\u200b政局", "财\u00ad政局", "财政\x7f局",
		"财政\ufffe局", strings.Repeat("局", MaxName), strings.Repeat("局", MaxName+1)} {
		data := Blank{County: "桃源县", Department: name, Year: 2024}.Bytes()
		_, err := Parse("a.md", data)
		refused := err != nil && strings.Contains(err.Error(), "department: ")
		if said := CheckName(name); (said != "") != refused || said != "" && !strings.Contains(err.Error(), "department: "+said[:10]) {
			t.Errorf("%q: CheckName %q, Parse %v", name, said, err)
		}
	}
}
