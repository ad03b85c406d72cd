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

// invisibleCases are report files with bidirectional controls or
// invisible characters in names and text, and the error each gives.
var invisibleCases = []struct{ name, file, want string }{
	{"override escaped in a county", "county: \"甲县\\u202e\"", "a.md:2:9: county: the bidirectional control character U+202E is not allowed"},
	{"override in a county", "county: 甲县\u202e", "a.md:2:9: county: the bidirectional control character U+202E"},
	{"isolate in a county", "county: 桃源\u2066县\u2069", "a.md:2:9: county: the bidirectional control character U+2066"},
	{"zero-width space in a department", "department: 财政\u200b局", "a.md:3:13: department: the invisible character U+200B is not allowed in a name"},
	{"mark in a prefecture", "prefecture: \"\u200e常德市\"", "a.md:6:13: prefecture: the invisible character U+200E"},
	{"byte order mark in a province", "province: 湖南\ufeff省", "a.md:6:11: province: the invisible character U+FEFF"},
	{"Arabic letter mark", "department: 局\u061c", "a.md:3:13: department: the invisible character U+061C"},
	{"word joiner", "county: 甲\u2060县", "a.md:2:9: county: the invisible character U+2060"},
	// Variation selectors, tags, fillers and other characters drawn as
	// nothing: 财政局 with one is a second 财政局 to the eye.
	{"variation selector", "department: 财政\ufe0f局", "a.md:3:13: department: the invisible character U+FE0F"},
	{"ideographic variation selector", "county: 桃源\U000e0101县", "a.md:2:9: county: the invisible character U+E0101"},
	{"tag character", "county: 桃源县\U000e0020", "a.md:2:9: county: the invisible character U+E0020"},
	{"Mongolian vowel separator", "department: 财政\u180e局", "a.md:3:13: department: the invisible character U+180E"},
	{"Hangul filler", "department: 财政\u3164局", "a.md:3:13: department: the invisible character U+3164"},
	{"halfwidth Hangul filler", "county: 甲\uffa0县", "a.md:2:9: county: the invisible character U+FFA0"},
	{"blank Braille pattern", "county: 甲\u2800县", "a.md:2:9: county: the invisible character U+2800"},
	{"combining grapheme joiner", "prefecture: 常德\u034f市", "a.md:6:13: prefecture: the invisible character U+034F"},
	{"musical format character", "province: 湖南\U0001d173省", "a.md:6:11: province: the invisible character U+1D173"},
	// A name of punctuation alone names nothing.
	{"punctuation alone", "county: 。。", "a.md:2:9: county: \"。。\" has no letter or character of a name"},
	{"brackets alone", "department: （）", "a.md:3:13: department: \"（）\" has no letter or character of a name"},
	{"line separator", "county: \"甲\u2028县\"", "a.md:2:9: county: the invisible character U+2028"},
	{"override in a title", "title: \u202e告报", "a.md:6:8: title: the bidirectional control character U+202E"},
	{"embedding in evidence", "evidence:\n  score: 得分\u202a97", "a.md:7:10: evidence.score: the bidirectional control character U+202A"},
	{"isolate in a review note", "review: [\"备注\\u2067\"]", "a.md:6:10: review: the bidirectional control character U+2067"},
}

// TestInvisibleCharactersAreRefused: names (county, prefecture, province,
// department) may hold no bidirectional control or mark and no invisible
// formatting character, which make look-alike names and reversed headings;
// free text may hold no bidirectional embedding, override or isolate, but
// marks and zero-width characters, which text copied from web pages
// carries, are kept there. Both ways of reading front matter agree.
func TestInvisibleCharactersAreRefused(t *testing.T) {
	file := func(line string) []byte {
		lines := []string{"county: 甲县", "department: 局", "year: 2020", "type: 整体支出"}
		key, _, _ := strings.Cut(line, ":")
		replaced := false
		for i, l := range lines {
			if strings.HasPrefix(l, key+":") {
				lines[i], replaced = line, true
			}
		}
		if !replaced {
			lines = append(lines, line)
		}
		return []byte("---\n" + strings.Join(lines, "\n") + "\n---\n")
	}
	for _, tc := range invisibleCases {
		t.Run(tc.name, func(t *testing.T) {
			data := file(tc.file)
			for way, parse := range map[string]func(string, []byte) (*report.Report, error){
				"Parse": report.Parse, "YAML parser": report.ParseWithoutFastPath,
			} {
				if _, err := parse("a.md", data); err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: error %v\nwant %q", way, err, tc.want)
				}
			}
			same(t, tc.name, data)
		})
	}
	text := "甲\u200b乙\u200d丙\u200e丁\ufeff戊"
	r, err := report.Parse("a.md", file("title: "+text+"\nreview: ["+text+"]\nevidence: {score: "+text+"}"))
	if err != nil || r.Title != text || r.Review[0] != text || r.Evidence["score"] != text {
		t.Errorf("text with marks and zero-width characters: %v", err)
	}
}

// TestErrorsQuoteControlCharacters: a key written in quotes with escapes
// can hold a line break or a terminal escape; the error quotes it.
func TestErrorsQuoteControlCharacters(t *testing.T) {
	_, err := report.Parse("a.md", []byte(head+"\"\\e[31mX\": 1\nevidence: {\"a\\nb\": x}\n---\n"))
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{`a.md:6:1: "\x1b[31mX": unknown key`, `a.md:7:12: "evidence.a\nb": unknown figure name`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q\nlacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "\x1b") || strings.Count(msg, "\n") != 1 {
		t.Errorf("error %q holds a control character", msg)
	}
}
