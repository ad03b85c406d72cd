package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// A report's publication date (published:) is read from a web page's
// 发布时间 or 发布日期, or else from the date that signs the report: a line
// holding only a date, after the line of the signing unit, at its end. It
// is taken only after the end of the year the report evaluates, as a
// self-evaluation is published after it.

var (
	// postedRE finds a web page's date of publication.
	postedRE = regexp.MustCompile(`发布(?:时间|日期)[:：]\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	// signedRE matches a line that is only a date: 2024年5月8日, or
	// 二〇二四年五月八日 once clean has put its year in digits.
	signedRE = regexp.MustCompile(`^((?:19|20)\d\d)\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]$`)
)

// maxSignedTail is how many lines from the end of the report the date
// signing it may be.
const maxSignedTail = 8

func (x *extractor) published() {
	if !x.d.Year.OK {
		return
	}
	for _, p := range x.paras {
		if m := postedRE.FindStringSubmatch(p.text); m != nil {
			if x.setPublished(m[1:], x.source(strings.TrimSpace(p.text))) {
				return
			}
		}
	}
	seen := 0
	for i := len(x.paras) - 1; i > 0 && seen < maxSignedTail; i-- {
		t := strings.TrimSpace(x.paras[i].text)
		if t == "" || x.paras[i].cell || chromeLineRE.MatchString(t) {
			continue
		}
		seen++
		m := signedRE.FindStringSubmatch(t)
		if m == nil {
			continue
		}
		unit := strings.TrimSpace(x.paras[i-1].text)
		if unit == "" || x.paras[i-1].cell || utf8.RuneCountInString(unit) > 40 || strings.ContainsAny(unit, "。，,；;：:！？") || signedRE.MatchString(unit) {
			return
		}
		x.setPublished(m[1:], x.source(unit)+" "+x.source(t))
		return
	}
}

// setPublished sets the publication date from its year, month and day, when
// it is a date after the end of the report's year, and says where it was
// read.
func (x *extractor) setPublished(ymd []string, evidence string) bool {
	y, _ := strconv.Atoi(ymd[0])
	mo, _ := countValue(ymd[1])
	d, _ := countValue(ymd[2])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || y <= x.d.Year.V {
		return false
	}
	date := fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	x.d.Published.set(date, clip(evidence))
	x.d.note("%s：%s，取自%s，请核对", figureLabel("published"), date, quote(evidence))
	return true
}
