package buildtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// HostileFiles returns a content folder, as file name → file bytes, whose
// every string key (county, prefecture, province, department, title,
// evidence, review, the query of source), Markdown body and file name carry
// the strings of testseeds.Hostile, one string per county, without the
// characters report.Parse refuses in names (HostileName) and text
// (HostileText). Every county has
// a report for 2021; every third also one for 2020, so its page has trend
// charts; every fourth is a 项目支出 report. Figures vary so that every
// chart has bars to draw.
func HostileFiles() map[string]string {
	files := map[string]string{}
	for i, s := range testseeds.Hostile {
		years := []int{2021}
		if i%3 == 0 {
			years = append(years, 2020)
		}
		for _, y := range years {
			name := fmt.Sprintf("content/h/%02d-%d-%s.md", i, y, fileSafe(s))
			files[name] = hostileReport(i, y, s)
		}
	}
	return files
}

// HostileArchive returns HostileFiles as a txtar archive for New.
func HostileArchive() string {
	var b strings.Builder
	files := HostileFiles()
	for _, name := range sortedKeys(files) {
		fmt.Fprintf(&b, "-- %s --\n%s", name, files[name])
	}
	return b.String()
}

// WriteHostile writes HostileFiles into the project.
func (p *Project) WriteHostile() {
	p.t.Helper()
	for name, data := range HostileFiles() {
		p.Write(name, data)
	}
}

// HostileType is the type of the reports of the i-th hostile string:
// every fourth is a 项目支出 report, which the compare charts leave out.
func HostileType(i int) string {
	if i%4 == 3 {
		return report.TypeProject
	}
	return report.TypeWhole
}

// LongName is the most characters of a hostile string HostileFiles puts in
// a name. Longer names are refused (report.MaxName), and names a little
// shorter make file names longer than file systems allow until slugs are
// shortened (see TestLongNamesMakeShortFileNames).
const LongName = 30

// HostileName is s as HostileFiles uses it for a county, prefecture,
// province or department name: without the invisible characters that
// names may not hold (bidirectional controls and marks, zero-width and
// other invisible formatting characters, which report.Parse refuses in
// names; variation selectors, fillers and separators, which it refuses
// too, become 甲), cut to LongName characters, and
// after 甲 when it holds no letter or digit (a name of punctuation
// alone, such as {{.}}, is refused too).
func HostileName(s string) string {
	s = strings.Map(func(r rune) rune {
		if bidiControl(r) || r == 0x200e || r == 0x200f || r == 0x061c ||
			r >= 0x200b && r <= 0x200d || r >= 0x2060 && r <= 0x2064 || r == 0xfeff || r == 0xad {
			return -1
		}
		// The other characters drawn as nothing are 甲 in a name, so
		// that what is left is still unlike the templates' own text
		// (\u2028</script> is not </script>).
		if unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point, unicode.Zl, unicode.Zp) || r == 0x2800 {
			return '甲'
		}
		return r
	}, s)
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		s = "甲" + s
	}
	if rs := []rune(s); len(rs) > LongName {
		return string(rs[:LongName])
	}
	return s
}

// HostileText is s as HostileFiles uses it for a title, an evidence
// sentence or a review note: without bidirectional embeddings, overrides
// and isolates, which report.Parse refuses in every text value. (The
// body, which may hold them, carries s as it is.)
func HostileText(s string) string {
	return strings.Map(func(r rune) rune {
		if bidiControl(r) {
			return -1
		}
		return r
	}, s)
}

// bidiControl reports whether r is a bidirectional embedding, override or
// isolate: U+202A to U+202E, U+2066 to U+2069.
func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

func hostileReport(i, year int, s string) string {
	var b strings.Builder
	q := YAMLString
	kind := HostileType(i)
	total := 100 + 37*i + year%10
	n := HostileName(s)
	text := HostileText(s)
	fmt.Fprintf(&b, "---\ncounty: %s\nprefecture: %s\nprovince: %s\ndepartment: %s\n", q(n), q(n+"市"), q(n+"省"), q(n+"局"))
	fmt.Fprintf(&b, "adcode: \"%06d\"\nyear: %d\ntype: %s\ntitle: %s\n", 430100+i, year, kind, q(text+" 报告标题"))
	if kind == report.TypeProject {
		// Its project is shown wherever the report is named.
		fmt.Fprintf(&b, "project: %s\n", q(n+"项目"))
	}
	if src := "https://example.org/report?q=" + text; sourceOK(src) {
		fmt.Fprintf(&b, "source: %s\n", q(src))
	}
	fmt.Fprintf(&b, "published: %d-05-18\n", year+1)
	fmt.Fprintf(&b, "spending: {total: %d, basic: %d, project: %d, personnel: %d, public: %d}\n", total, total/3, total-total/3, total/4, total/12)
	fmt.Fprintf(&b, "income: %d\nsangong: {total: %d.5, abroad: 0, reception: %d, vehicles: 0.5, change: -%d}\n", total+5, i%7+1, i%7+1, i%3)
	fmt.Fprintf(&b, "score: %d\ngrade: %s\nstaff: {authorized: %d, actual: %d}\n", 80+i%20, report.Grades[0], 10+i, 8+i)
	b.WriteString("evidence:\n")
	for j, k := range report.EvidenceKeys {
		if len(s) > 1000 && j > 6 {
			break // the front matter must stay below report.MaxFrontMatter
		}
		fmt.Fprintf(&b, "  %s: %s\n", k, q(text))
	}
	fmt.Fprintf(&b, "review: [%s]\n---\n", q(text))
	b.WriteString(testseeds.HostileMarkdown)
	b.WriteString("\n\n")
	b.WriteString(s)
	b.WriteString("\n")
	return b.String()
}

// YAMLString quotes s as a YAML double-quoted scalar (JSON's string syntax,
// which YAML reads), keeping <, > and & as they are.
func YAMLString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

func sourceOK(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// fileSafe keeps s for a file name: without '/' and NUL, and short enough
// for any file system.
func fileSafe(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == 0 {
			return '_'
		}
		return r
	}, s)
	var b strings.Builder
	for _, r := range s {
		if b.Len()+len(string(r)) > 120 {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
