package browsertest

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/countyperf/portal/generator/internal/buildtest"
	sitemodel "github.com/countyperf/portal/generator/internal/site"
)

// seriesPath is where TestSeriesPages serves its site.
const seriesPath = "/many/"

// seriesSite returns a site whose county 甲县 has one series more than
// its page shows in full (sitemodel.MaxSeriesOnCountyPage), each over two
// years, so that it has an overview and a page per series with charts; a
// project's series among them, and a figure a finding disputes.
func seriesSite() string {
	var b strings.Builder
	departments := []string{"财政局", "教育局", "交通运输局", "自然资源局", "卫生健康局"}
	for i := range sitemodel.MaxSeriesOnCountyPage + 1 {
		d, typ, project := departments[i], "整体支出", ""
		if i == sitemodel.MaxSeriesOnCountyPage {
			d, typ, project = departments[0], "项目支出", "project: 农村公路养护专项资金\n"
		}
		for _, y := range []int{2020, 2021} {
			total := fmt.Sprintf("{total: %d, basic: %d, project: %d}", 100+10*i+y-2020, 60, 40+10*i+y-2020)
			if i == 1 && y == 2021 {
				total = "{total: 300, basic: 100, project: 150}" // disputed
			}
			fmt.Fprintf(&b, "-- content/s%d-%d.md --\n---\ncounty: 甲县\nprefecture: 乙市\ndepartment: %s\nyear: %d\ntype: %s\n%sspending: %s\nsangong: {total: %d.5}\nscore: %d\nstaff: {actual: 12}\n---\n正文。\n",
				i, y, d, y, typ, project, total, 3+i, 90+i)
		}
	}
	return b.String()
}

// serveSeries builds seriesSite and serves it on a port of its own under
// seriesPath; it returns the built folder, the host and the site's URL.
func serveSeries(t *testing.T) (dir, host, base string) {
	t.Helper()
	p := buildtest.New(t, seriesSite())
	p.MustBuild()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(seriesPath, http.StripPrefix(strings.TrimSuffix(seriesPath, "/"), staticHost(p.Out)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	host = ln.Addr().String()
	return p.Out, host, "http://" + host + seriesPath
}

// TestSeriesPages loads every page of a site with a county overview and
// series pages, served under a sub-path (no error, every link resolving,
// nothing foreign), then the overview and a series' page on a phone's
// screen and a desktop's: each fits the phone's width, and axe-core finds
// no serious violation, as loaded and after use (a sorted table, the 人均
// views).
func TestSeriesPages(t *testing.T) {
	browser(t)
	dir, host, base := serveSeries(t)
	t.Run("all", func(t *testing.T) { checkAllPages(t, dir, host, base) })
	pages := []string{"county/jia-xian.html", "county/jia-xian/jiao-yu-ju-zheng-ti.html",
		"county/jia-xian/cai-zheng-ju-xiang-mu-nong-cun-gong-lu-yang-hu-zhuan-xiang-zi-jin.html"}
	t.Run("phone", func(t *testing.T) {
		for _, name := range pages {
			t.Run(name, func(t *testing.T) {
				tb := openWith(t, dir, base, host, base+name, phoneScreen)
				problems := inspect(tb, false)
				for _, o := range eval[[]string](tb, overflowJS) {
					problems = append(problems, fmt.Sprintf("at %dpx: %s", phoneWidth, o))
				}
				for _, small := range eval[[]string](tb, smallTargetsJS) {
					problems = append(problems, "a target smaller than 24×24px, hard to tap: "+small)
				}
				tb.report(problems)
			})
		}
	})
	src := axe(t)
	for _, screen := range []struct {
		name   string
		screen chromedp.Action[chromedp.Void]
	}{{"phone", phoneScreen}, {"desktop", desktopScreen}} {
		for _, name := range pages {
			t.Run("axe/"+screen.name+"/"+name, func(t *testing.T) {
				tb := openWith(t, dir, base, host, base+name, screen.screen)
				drawCharts(tb)
				axeAudit(tb, src, "as loaded")
				if eval[int](tb, useJS) > 0 {
					drawCharts(tb)
					axeAudit(tb, src, "after use")
				}
			})
		}
	}
}
