package report_test

import (
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/report"
)

// decodedTextCases are front matter lines (after head) whose text is
// clean in the file but not once YAML has read its escapes, and the error
// each gives.
var decodedTextCases = []struct{ name, in, want string }{
	{"review's title", `title: "甲\x01乙\u0000丙\uFFFE丁\e[31m红\N\b"`, `a.md:6:8: title: the control character or noncharacter U+0001 is not allowed`},
	{"NUL", `title: "甲\0乙"`, "a.md:6:8: title: the control character or noncharacter U+0000"},
	{"escape", `prefecture: "甲市\e[31m"`, "a.md:6:13: prefecture: the control character or noncharacter U+001B"},
	{"next line", `province: "甲\N省"`, "a.md:6:11: province: the control character or noncharacter U+0085"},
	{"noncharacter", `title: "甲\uFFFF"`, "a.md:6:8: title: the control character or noncharacter U+FFFF"},
	{"C1", `title: "甲\x9b31m"`, "a.md:6:8: title: the control character or noncharacter U+009B"},
	{"evidence", "evidence:\n  score: \"得分\\a\"", "a.md:7:10: evidence.score: the control character or noncharacter U+0007"},
	{"evidence in braces", `evidence: {score: "得分\b"}`, "a.md:6:19: evidence.score: the control character"},
	{"review", "review:\n  - 正常\n  - \"备注\\v\"", "a.md:8:5: review: the control character or noncharacter U+000B"},
	{"review in brackets", `review: ["\f"]`, "a.md:6:10: review: the control character or noncharacter U+000C"},
	{"source", `source: "https://x.example/\u0085a"`, "a.md:6:9: source: the control character or noncharacter U+0085"},
}

// TestDecodedTextIsChecked: characters that the file may not hold are
// refused also when a YAML escape gives them, by both ways of reading
// front matter, with the value's position and key.
func TestDecodedTextIsChecked(t *testing.T) {
	for _, tc := range decodedTextCases {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(head + tc.in + "\n---\n")
			for way, parse := range map[string]func(string, []byte) (*report.Report, error){
				"Parse": report.Parse, "YAML parser": report.ParseWithoutFastPath, "ParseLean": report.ParseLean,
			} {
				if _, err := parse("a.md", data); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: error %v\nwant %q", way, err, tc.want)
				}
			}
			same(t, tc.name, data)
		})
	}
	// Escapes of allowed characters are still read.
	r, err := report.Parse("a.md", []byte(head+`title: "甲\t乙\"丙\u4e01\_戊"`+"\n---\n"))
	if err != nil || r.Title != "甲\t乙\"丙丁\u00a0戊" {
		t.Errorf("got %q, %v", r.Title, err)
	}
}
