// Package cli implements the generator's commands: build (the default),
// check, import and help.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/corpus"
	"github.com/countyperf/portal/generator/internal/echartsbuild"
	"github.com/countyperf/portal/generator/internal/importer"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/serve"
	"github.com/countyperf/portal/generator/internal/site"
)

const usage = `usage: go run ./generator [command] [flags]

commands:
  build    build the site from content/ into public/ (the default)
  check    check every report file; print errors and findings
  new      write a new report file to fill in: new COUNTY YEAR (-project NAME for a 项目支出 report)
  import   turn published reports (text, HTML, .docx, PDF) into draft report files
  serve    preview on 127.0.0.1 from memory, updated on every change (build publishes)
  echarts  rebuild assets/vendor/echarts/echarts.custom.min.js from the npm package
  corpus   write a synthetic corpus of report files for benchmarks: corpus -out DIR/content -reports N
  help     show this help

Run "go run ./generator COMMAND -h" for a command's flags.
`

// Main runs the command named by args and returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "build":
		err = runBuild(ctx, args, stdout, stderr)
	case "check":
		var code int
		code, err = runCheck(ctx, args, stdout, stderr)
		if err == nil {
			return code
		}
	case "serve":
		err = runServe(ctx, args, stdout, stderr)
	case "new":
		err = runNew(args, stdout, stderr)
	case "corpus":
		return corpus.Main(args, stdout, stderr)
	case "import":
		err = importer.Run(ctx, args, stdout, stderr)
	case "echarts":
		err = runECharts(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q (没有“%s”这个命令，可用的命令见下)\n\n%s", cmd, cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		var ue usageError
		var said importer.Reported
		if errors.As(err, &said) {
			return 1 // each error was said as it was met
		}
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, withChinese(err.Error()))
			return 2
		}
		fmt.Fprintln(stderr, withChinese(err.Error()))
		return 1
	}
	return 0
}

type usageError struct{ error }

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	cfg := build.Config{Log: stderr}
	fs.StringVar(&cfg.Root, "root", ".", "project folder holding content/, templates/ and assets/")
	fs.StringVar(&cfg.Out, "out", "", "output folder (default ROOT/public)")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include reports marked draft: true")
	fs.IntVar(&cfg.Workers, "workers", 0, "parallel workers (default: number of CPUs)")
	fs.BoolVar(&cfg.NoCache, "no-cache", false, "rebuild even when nothing changed since the last build")
	fs.BoolVar(&cfg.NoSearch, "no-search", false, "leave out the Pagefind full-text index even when pagefind is installed")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "absolute URL of the site root, for links that must be absolute")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file")
	memProfile := fs.String("memprofile", "", "write a heap profile after the build to this file")
	traceFile := fs.String("trace", "", "write an execution trace of the build to this file (go tool trace)")
	if err := parse(fs, args); err != nil {
		return err
	}
	limitMemory()
	for _, rec := range []struct {
		file  string
		start func(io.Writer) error
		stop  func()
	}{
		{*cpuProfile, pprof.StartCPUProfile, pprof.StopCPUProfile},
		{*traceFile, trace.Start, trace.Stop},
	} {
		if rec.file == "" {
			continue
		}
		f, err := os.Create(rec.file)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := rec.start(f); err != nil {
			return err
		}
		defer rec.stop()
	}
	if *memProfile != "" {
		defer func() {
			if f, err := os.Create(*memProfile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}()
	}
	sum, err := build.Run(ctx, cfg)
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("build interrupted; %s was left as it was (生成已中断，%[1]s 保持原样，没有改动)", outName(cfg))
		}
		return fmt.Errorf("%w\nbuild failed; %s was left as it was (生成失败，%[2]s 保持原样，没有改动：请按上面所列改正后再运行)", err, outName(cfg))
	}
	if sum.Cached {
		fmt.Fprintf(stdout, "nothing changed since the last build: %d reports of %d counties, %d findings, %d files left as they were, in %s (与上次生成相比没有改动：%[2]d个县的%[1]d份报告，%[3]d项核对发现，%[4]d个文件保持原样)\n",
			sum.Reports, sum.Counties, sum.Findings, sum.Unchanged, sum.Duration.Round(1e6))
	} else {
		fmt.Fprintf(stdout, "built %d reports of %d counties: %d pages, %d findings (%d files written, %d unchanged, %d removed) in %s (已生成：%[2]d个县的%[1]d份报告，%[3]d个页面，%[4]d项核对发现；写入%[5]d个文件，%[6]d个未变，删除%[7]d个)\n",
			sum.Reports, sum.Counties, sum.Pages, sum.Findings, sum.Written, sum.Unchanged, sum.Removed, sum.Duration.Round(1e6))
	}
	// A build with nothing changed says the rest as the build that made
	// the output did, from its record.
	sayDrafts(stdout, sum.Drafts)
	if sum.Undated > 0 {
		fmt.Fprintf(stdout, "note: %d of %d reports give no published: date, and feed.xml, which lists reports by that date, leaves them out; add published: YYYY-MM-DD to list them (%d份报告未填发布日期 published，订阅 feed.xml 中不列出)\n",
			sum.Undated, sum.Reports, sum.Undated)
	}
	return nil
}

// DraftLeftOut is the message check -json gives, as a warning, for each
// report file left out as a draft.
const DraftLeftOut = "draft: left out of the site; remove the line draft: true to publish it, or check it with -drafts (草稿，没有发布：删除 draft: true 这一行即可发布；加 -drafts 可一并核对)"

// MaxDraftsListed is the most drafts sayDrafts names one by one.
const MaxDraftsListed = 10

// sayDrafts says which report files were left out as drafts: a draft
// written by import or new stays out of the site until its draft: true
// line is removed, and a publisher who forgets would otherwise see a
// build that looks complete.
func sayDrafts(w io.Writer, files []string) {
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(w, "note: %d draft(s) left out; remove the line draft: true from a file to publish it, or preview it with -drafts (%[1]d份草稿没有发布：删除文件中 draft: true 这一行即可发布；加 -drafts 可先预览):\n", len(files))
	for i, f := range files {
		if i == MaxDraftsListed {
			fmt.Fprintf(w, "  … and %d more (另有%[1]d份)\n", len(files)-MaxDraftsListed)
			break
		}
		fmt.Fprintf(w, "  %s\n", f)
	}
}

// MemoryLimit is the heap size the build asks the Go runtime to stay
// under, unless GOMEMLIMIT says otherwise: the collector then works
// harder as the heap nears it, rather than letting it grow to twice
// what is live. It matters only for the largest sites (100,000 reports
// hold about 400 MB live at their peak); a site whose live data is
// larger still builds, more slowly.
const MemoryLimit = 768 << 20

// GCPercent is the garbage collector's target the build sets unless GOGC
// says otherwise: the heap may grow to twice what is live before a
// collection (Go's default). Measured at 15,000 reports, once reports.xlsx
// stopped holding its worksheet in memory: 75 gave a peak RSS of 140 MB,
// 100 gave 165 MB and 0.3 s less CPU, 150 gave 200 MB and 0.6 s less.
// 100 keeps the peak well under an eighth of Hugo's for the same files.
const GCPercent = 100

// limitMemory sets the soft memory limit of the process to MemoryLimit,
// unless the GOMEMLIMIT environment variable sets one, and the collector's
// target to GCPercent, unless GOGC sets one.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}

func outName(cfg build.Config) string {
	if cfg.Out != "" {
		return cfg.Out
	}
	return filepath.Join(cfg.Root, "public")
}

// runCheck prints every file error, every finding and every file under
// content/ not read, as text or JSON; it returns 1 when there is a file
// error and 0 when there are findings or files not read only.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("check", stderr)
	root := fs.String("root", ".", "project folder holding content/")
	drafts := fs.Bool("drafts", false, "check reports marked draft: true too")
	jsonOut := fs.Bool("json", false, "print errors, findings and files not read as JSON")
	if err := parse(fs, args); err != nil {
		return 0, err
	}
	var left []string
	var unread []check.FileWarning
	reports, err := content.Load(ctx, content.DirFS(filepath.Join(*root, "content")), content.Options{Drafts: *drafts, Prefix: "content/",
		OnDraft:  func(r *report.Report) { left = append(left, r.File) },
		OnUnread: func(u content.Unread) { unread = append(unread, check.FileWarning{File: u.File, Message: u.Message}) }})
	var errs []error
	if err != nil {
		errs = append(errs, err)
	}
	if _, serr := site.Assemble(reports, nil); serr != nil && err == nil {
		errs = append(errs, serr)
	}
	// Every file not read is named, as every finding is, in the JSON too;
	// so is every draft left out, which the text says after them.
	if *jsonOut {
		for _, f := range left {
			unread = append(unread, check.FileWarning{File: f, Message: DraftLeftOut})
		}
	}
	code := check.Main(reports, errs, unread, *jsonOut, stdout)
	if !*jsonOut {
		sayDrafts(stdout, left)
	}
	return code, nil
}

// runNew writes a report file for a county and year with every key present
// and empty, as a draft; it refuses to overwrite a file.
func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	root := fs.String("root", ".", "project folder holding content/")
	out := fs.String("out", "", "file to write (default content/<county-slug>-<year>.md)")
	project := fs.String("project", "", "for a 项目支出 report: the name of the project or special fund it evaluates (type: 项目支出, project: NAME; default file content/<county-slug>-<year>-xiang-mu-<project-slug>.md)")
	// Flags may come after the county and year too (new 桃源县 2024
	// -out x.md), as with import.
	var words []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usageError{err}
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		words = append(words, rest[0])
		rest = rest[1:]
		if len(rest) == 0 {
			break
		}
	}
	if len(words) != 2 {
		return usageError{errors.New("usage: go run ./generator new [-root DIR] [-out FILE] [-project NAME] COUNTY YEAR, such as: new 桃源县 2024 (用法：new 县名 年度，如 new 桃源县 2024)")}
	}
	county := strings.TrimSpace(words[0])
	year, err := strconv.Atoi(words[1])
	if county == "" || err != nil || year < 2000 || year > 2100 {
		return usageError{fmt.Errorf("new: want a county name and a year such as 2024, got %q %q (请写县名和四位数的年度，如 new 桃源县 2024)", words[0], words[1])}
	}
	proj := strings.TrimSpace(*project)
	path := *out
	if path == "" {
		name := fmt.Sprintf("%s-%d", site.Slugify(county), year)
		if proj != "" {
			// One file per project: a department may publish several.
			name += "-xiang-mu-" + site.Slugify(proj)
		}
		path = filepath.Join(*root, "content", name+".md")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			other := strings.TrimSuffix(path, ".md") + "-2.md"
			return fmt.Errorf("new: %s already exists; not overwritten: to write another report of the county and year, choose its file name with -out, such as -out %s (文件已存在，没有覆盖：要为这个县和年度另写一份报告，请用 -out 指定另一个文件名，如 -out %[2]s)", path, other)
		}
		return err
	}
	if _, err := f.Write(report.ProjectSkeleton(county, year, proj)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the figures, then remove draft: true (已写入 %[1]s：请填写各项数字，填完后删除 draft: true)\n", path)
	return nil
}

// runServe is the live preview: make the site in memory, serve it on the
// loopback interface, and update it when the sources change.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	cfg := build.Config{Log: stderr}
	fs.StringVar(&cfg.Root, "root", ".", "project folder holding content/, templates/ and assets/")
	fs.StringVar(&cfg.Out, "out", "", "output folder with -watch=false (default ROOT/public)")
	fs.BoolVar(&cfg.Drafts, "drafts", false, "include reports marked draft: true")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "absolute URL of the site root, for links that must be absolute")
	port := fs.Int("port", 8080, "port to serve on, on 127.0.0.1")
	watch := fs.Bool("watch", true, "keep the site in memory, update it on changes and reload open pages; false builds into -out and serves it as a static host would")
	if err := parse(fs, args); err != nil {
		return err
	}
	limitMemory()
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)))
	if err != nil {
		return err
	}
	srv := serve.New(cfg, stdout, stderr)
	srv.Static = !*watch
	srv.SayDrafts = sayDrafts
	return srv.Run(ctx, ln)
}

// runECharts rebuilds the site's ECharts bundle from the npm package.
func runECharts(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("echarts", stderr)
	nodeModules := fs.String("node-modules", "node_modules", "node_modules folder holding echarts (npm install echarts@6.1.0)")
	out := fs.String("out", filepath.Join("assets", "vendor", "echarts", "echarts.custom.min.js"), "file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	data, err := echartsbuild.Build(*nodeModules)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, len(data))
	return nil
}
