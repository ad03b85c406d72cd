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
	"github.com/countyperf/portal/generator/internal/invocation"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/serve"
	"github.com/countyperf/portal/generator/internal/site"
)

// usage is the help's text, with CMD for invocation.Command.
const usage = `usage: CMD [command] [flags]

commands:
  build    build the site from content/ into public/ (the default)
  check    check every report file; print errors and findings (check FILE... checks those files only, wherever they are)
  new      write a new report file to fill in: new COUNTY YEAR (-department NAME; -project NAME for a 项目支出 report)
  import   turn published reports (text, HTML, .docx, .doc, RTF, PDF) into draft report files
  serve    preview on 127.0.0.1 from memory, updated on every change (build publishes)
  echarts  rebuild assets/vendor/echarts/echarts.custom.min.js from the npm package
  corpus   write a synthetic corpus of report files for benchmarks: corpus -out DIR/content -reports N
  help     show this help

Run "CMD COMMAND -h" for a command's flags.
`

// usageText returns the help, naming the command as it was run.
func usageText() string { return strings.ReplaceAll(usage, "CMD", invocation.Command) }

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
		fmt.Fprint(stdout, usageText())
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q (没有“%s”这个命令，可用的命令见下)\n\n%s", cmd, cmd, usageText())
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

// wrapped is err said as msg.
type wrapped struct {
	err error
	msg string
}

func (w wrapped) Error() string { return w.msg }
func (w wrapped) Unwrap() error { return w.err }

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
		// Each error on its line as check prints it, "file:line:col:
		// error: key: …", so that an editor or a script reads both alike.
		var lines strings.Builder
		check.WriteText(&lines, []error{err}, nil, nil)
		if pe := (*build.PartialError)(nil); errors.As(err, &pe) {
			// Said as it is: the output holds files of both builds.
			return wrapped{err, fmt.Sprintf("%s\nbuild failed while publishing: some files of %s are already this build's, the others the last one's; remove the cause and build again (生成在写入时失败：%[2]s 中部分文件已经更新，其余仍是上次的；请排除原因后重新生成)",
				strings.TrimSuffix(lines.String(), "\n"), outName(cfg))}
		}
		return wrapped{err, fmt.Sprintf("%s\nbuild failed; %s was left as it was (生成失败，%[2]s 保持原样，没有改动：请按上面所列改正后再运行)",
			strings.TrimSuffix(lines.String(), "\n"), outName(cfg))}
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
	sayIncluded(stdout, sum.Included)
	sayForeign(stdout, outName(cfg), sum.Foreign)
	if sum.Undated > 0 {
		fmt.Fprintf(stdout, "note: %d of %d reports give no published: date, and feed.xml, which lists reports by that date, leaves them out; add published: YYYY-MM-DD to list them (%d份报告未填发布日期 published，订阅 feed.xml 中不列出)\n",
			sum.Undated, sum.Reports, sum.Undated)
	}
	return nil
}

// sayForeign names the files of the output out that the build did not
// make and left there (build.Summary.Foreign), the first MaxDraftsListed:
// a publisher's, which stay, or pages of a build whose record is gone,
// which no build removes.
func sayForeign(w io.Writer, out string, files []string) {
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(w, "note: %d file(s) in %s were not made by this build and were left as they are; delete any that are pages of an earlier build (%[2]s 中有%[1]d个文件不是本次生成的，保留未动；其中若有以前生成的旧页面，请自行删除):\n", len(files), out)
	listFiles(w, files, "个")
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
	listFiles(w, files, "份")
}

// listFiles names files, one a line, the first MaxDraftsListed; unit
// counts the others in Chinese (份 of drafts, 个 of files).
func listFiles(w io.Writer, files []string, unit string) {
	for i, f := range files {
		if i == MaxDraftsListed {
			fmt.Fprintf(w, "  … and %d more (另有%[1]d%s)\n", len(files)-MaxDraftsListed, unit)
			break
		}
		fmt.Fprintf(w, "  %s\n", f)
	}
}

// sayIncluded says which drafts a build with -drafts published, and that
// its output is a preview: their pages say they are drafts, and they
// have no place on the site that goes up.
func sayIncluded(w io.Writer, files []string) {
	if len(files) == 0 {
		return
	}
	fmt.Fprintf(w, "note: %d draft(s) included (-drafts), each page marked 草稿; this output is a preview: build without -drafts before uploading it (加了 -drafts，%[1]d份草稿也已生成，页面标有“草稿”；这只是预览，上传前请不加 -drafts 重新生成):\n", len(files))
	listFiles(w, files, "份")
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
// error and 0 when there are findings or files not read only. Given
// files (check FILE...), it checks those only, each on its own.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := newFlags("check", stderr)
	root := fs.String("root", ".", "project folder holding content/ (not used when files are named)")
	drafts := fs.Bool("drafts", false, "check reports marked draft: true too")
	jsonOut := fs.Bool("json", false, "print errors, findings and files not read as JSON")
	files, err := parseMixed(fs, args)
	if err != nil {
		return 0, err
	}
	if len(files) > 0 {
		return checkFiles(files, *drafts, *jsonOut, stdout), nil
	}
	if inside := build.InsideProject(*root); inside != "" {
		// Run in content/ or another folder of the project.
		err := fmt.Errorf("%s: no such folder: %s", filepath.Join(*root, "content"), inside)
		return check.Main(nil, []error{err}, nil, *jsonOut, stdout), nil
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
	// A body whose links repeat too often is refused by a build as it
	// renders the page: so it is here.
	for _, r := range reports {
		if berr := render.CheckBody(r); berr != nil {
			errs = append(errs, berr)
		}
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

// checkFiles is check FILE...: it reads each file named as a report file,
// wherever it is and whatever its name, and checks it as a build would
// check it if it were the only report under content/ (see check.Alone),
// with the same output and exit code as a check of a whole project.
func checkFiles(files []string, drafts, jsonOut bool, stdout io.Writer) int {
	var reports []*report.Report
	var errs []error
	var left []string
	seen := map[string]bool{}
	for _, f := range files {
		if seen[filepath.Clean(f)] {
			continue // named twice
		}
		seen[filepath.Clean(f)] = true
		r, err := content.LoadFile(content.DirFS(filepath.Dir(f)), filepath.Base(f), f)
		if r != nil && r.Draft {
			if !drafts {
				left = append(left, r.File)
				continue
			}
			// As Load: a draft checked with -drafts must have its
			// required keys.
			if ierr := r.Incomplete(); ierr != nil {
				r, err = nil, ierr
			}
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, serr := site.Assemble([]*report.Report{r}, nil); serr != nil {
			errs = append(errs, serr)
		}
		if berr := render.CheckBody(r); berr != nil {
			errs = append(errs, berr) // as check of the project says it
		}
		reports = append(reports, r)
	}
	var warnings []check.FileWarning
	if jsonOut {
		for _, f := range left {
			warnings = append(warnings, check.FileWarning{File: f, Message: DraftLeftOut})
		}
	}
	code := check.Alone(reports, errs, warnings, jsonOut, stdout)
	if !jsonOut {
		sayDrafts(stdout, left)
	}
	return code
}

// parseMixed parses args, whose flags may come before, between or after
// the other arguments (new 桃源县 2024 -out x.md, check a.md -json), as
// with import, and returns the other arguments.
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err}
		}
		rest = fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		words = append(words, rest[0])
		rest = rest[1:]
		if len(rest) == 0 {
			return words, nil
		}
	}
}

// runNew writes a report file for a county and year with every key present
// and empty, as a draft; it refuses to overwrite a file.
func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	root := fs.String("root", ".", "project folder holding content/")
	out := fs.String("out", "", "file to write (default content/<county-slug>-<year>.md, or content/<county-slug>-<year>-<department-slug>.md with -department)")
	department := fs.String("department", "", "the department whose report it is (department: NAME; its slug goes in the default file name, so that each department of a county and year has its file)")
	project := fs.String("project", "", "for a 项目支出 report: the name of the project or special fund it evaluates (type: 项目支出, project: NAME; default file content/<county-slug>-<year>[-<department-slug>]-xiang-mu-<project-slug>.md)")
	// Flags may come after the county and year too (new 桃源县 2024
	// -out x.md), as with import.
	words, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(words) != 2 {
		return usageError{errors.New("usage: " + invocation.Command + " new [-root DIR] [-out FILE] [-department NAME] [-project NAME] COUNTY YEAR, such as: new -department 财政局 桃源县 2024 (用法：new [-department 部门名称] 县名 年度，如 new 桃源县 2024)")}
	}
	county := strings.TrimSpace(words[0])
	year, err := strconv.Atoi(words[1])
	if county == "" || err != nil {
		return usageError{fmt.Errorf("new: want a county name and a year such as 2024, got %q %q (请写县名和四位数的年度，如 new 桃源县 2024)", words[0], words[1])}
	}
	blank := report.Blank{County: county, Year: year, Department: strings.TrimSpace(*department), Project: strings.TrimSpace(*project)}
	if err := namesRefused(blank); err != nil {
		return usageError{err}
	}
	data := blank.Bytes()
	path := *out
	if path == "" {
		name := fmt.Sprintf("%s-%d", site.Slugify(county), year)
		if blank.Department != "" {
			// One file per department: a county publishes dozens.
			name += "-" + site.Slugify(blank.Department)
		}
		if blank.Project != "" {
			// One file per project: a department may publish several.
			name += "-xiang-mu-" + site.Slugify(blank.Project)
		}
		path = filepath.Join(*root, "content", name+".md")
	}
	// The file is read as a build reads it, by the build's own parser,
	// before it is written: what a build would refuse of it (a year
	// outside the years a report may have) is refused now, with the
	// build's words, rather than written to stop every build until it is
	// put right.
	written, err := report.Parse(path, data)
	if err != nil {
		return usageError{buildRefuses(err)}
	}
	// A report that content/ holds already, under whatever file name,
	// would stop the build as a duplicate once this file is filled in:
	// the publisher is to fill in that file, or meant another
	// department or project. A file written where a build does not read
	// it is said to be one only.
	why := notBuilt(*root, path)
	dup, sole, near := heldAlready(*root, path, written)
	if dup != nil && why == "" {
		return errors.New(duplicateRefused(dup, blank))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("new: %s", exists(path, blank, *out != ""))
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: fill in the figures, then remove draft: true (已写入 %[1]s：请填写各项数字，填完后删除 draft: true)\n", path)
	if why != "" {
		fmt.Fprintln(stderr, why)
	}
	if dup != nil {
		fmt.Fprintln(stderr, duplicateNoted(dup))
	}
	if sole != nil {
		fmt.Fprintln(stderr, soleNoted(sole))
	}
	// What a build would only warn about (a space in a Chinese name,
	// which would make another county or department of it, or the name
	// of a county content/ holds without its ending, 桃源 for 桃源县),
	// said as the build says it, at its line of the file written.
	for _, n := range check.Notices(append(near, written)) {
		if n.File == written.File {
			fmt.Fprintln(stderr, n.String())
		}
	}
	return nil
}

// buildRefuses returns the errors of err, what the parser found wrong with
// the file new would write, each said as the build says it but without
// the file's name and position, since the file is not written: "new:
// year: year 2030 is outside 2000..2027 (…)".
func buildRefuses(err error) error {
	var errs []error
	var flat func(err error)
	flat = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				flat(e)
			}
			return
		}
		if re, ok := errors.AsType[*report.Error](err); ok {
			if re.Key != "" {
				errs = append(errs, fmt.Errorf("new: %s: %s", re.Key, re.Msg))
			} else {
				errs = append(errs, fmt.Errorf("new: %s", re.Msg))
			}
			return
		}
		errs = append(errs, fmt.Errorf("new: %w", err))
	}
	flat(err)
	return errors.Join(errs...)
}

// namesRefused returns the errors of the names given to new (the county,
// -department, -project) that a report file is refused for (see
// report.CheckName); or nil.
func namesRefused(b report.Blank) error {
	var errs []error
	for _, n := range []struct{ what, name string }{{"the county", b.County}, {"-department", b.Department}, {"-project", b.Project}} {
		if msg := report.CheckName(n.name); msg != "" {
			errs = append(errs, fmt.Errorf("new: %s %q: %s", n.what, n.name, msg))
		}
	}
	return errors.Join(errs...)
}

// heldAlready returns what the content/ folder under root holds of r,
// the report that new writes to path. dup is the report that a build
// would refuse r beside as a duplicate (site.DuplicatedAt), once r is
// filled in, or nil. When r leaves its department to be filled in (new
// without -department), dup is a report of r's county, year, type and
// project that leaves it too: the same report, not filled in yet, of
// which a second file is a second blank to fill in. A report that
// leaves its type empty (new writes type: null but for a project) is
// taken for the 整体支出 report it will most likely be, as are the
// drafts of new that leave it so. The file at path itself is not a
// duplicate: new does not overwrite it, and says so.
//
// sole is, for r without a department and no dup, the only report of
// r's county, year, type and project that content/ holds, of a
// department named: r may well be it, the publisher not remembering it
// was written, and would then stop the build as its duplicate once
// its department is filled in. It is nil when there are none or
// several (r is then another department's, most likely).
//
// near are the reports under content/ of r's county, and of the
// counties whose names begin with its (content.OfCountiesFrom: 桃源县's
// for 桃源), with which check.Notices compares r.
func heldAlready(root, path string, r *report.Report) (dup, sole *report.Report, near []*report.Report) {
	dir := filepath.Join(root, "content")
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, nil, nil
	}
	near = content.OfCountiesFrom(context.Background(), content.DirFS(dir), dir+string(filepath.Separator), r.County)
	var others []*report.Report
	for _, o := range near {
		if o.County == r.County {
			others = append(others, o)
		}
	}
	if dup = site.DuplicatedAt(r, path, others); dup != nil || r.Department != "" {
		return dup, nil, near
	}
	// The reports r would duplicate if its department were theirs.
	var held []*report.Report
	tried := map[string]bool{}
	for _, o := range others {
		if o.Department == "" || o.Year != r.Year || tried[o.Department] {
			continue
		}
		tried[o.Department] = true
		c := *r
		c.Department = o.Department
		if d := site.DuplicatedAt(&c, path, others); d != nil {
			held = append(held, d)
		}
	}
	if len(held) == 1 {
		return nil, held[0], near
	}
	return nil, nil, near
}

// duplicateRefused is new's error when the report it would write, of
// blank, is one that content/ holds already, in the file of dup: a
// second file of it would stop every build (duplicate report) once
// filled in; or, when neither gives its department, a second blank
// of the county and year.
func duplicateRefused(dup *report.Report, blank report.Blank) string {
	en, zh := dup.Identity()
	if dup.Department == "" {
		return fmt.Sprintf("new: %s already holds a report of %s whose department: is not filled in yet; no file written: fill in that file, its department: too, or, for the report of another department, give its department with -department, such as new -department 财政局 %s %d (%[1]s 已经是%[5]s的一份报告，还没有填写部门 department:；没有写入文件：请直接填写那个文件（包括部门）；要写另一个部门的报告，请用 -department 给出部门，如 new -department 财政局 %[3]s %[4]d)",
			dup.File, strings.Replace(en, "  ", " ", 1), blank.County, blank.Year, zh)
	}
	return fmt.Sprintf("new: %s already holds the report of %s, and a build refuses two files of one report (duplicate report); no file written: fill in that file, or, for another report, give its department with -department, or its project with -project (%[1]s 已经是%[3]s的报告，同一份报告有两个文件时生成会失败（重复的报告）；没有写入文件：请直接填写那个文件；要写另一份报告，请用 -department 给出它的部门，项目支出报告请用 -project 给出项目名称)",
		dup.File, en, zh)
}

// duplicateNoted is what new says of a file it wrote where a build does
// not read it, of a report that content/ holds already in the file of
// dup.
func duplicateNoted(dup *report.Report) string {
	en, zh := dup.Identity()
	if dup.Department == "" {
		return fmt.Sprintf("note: %s already holds a report of %s whose department: is not filled in yet: fill in that file instead, or give this one the department of another report (注意：%[1]s 已经是%[3]s的一份报告，还没有填写部门：请直接填写那个文件，或者给这个文件填写另一个部门)",
			dup.File, strings.Replace(en, "  ", " ", 1), zh)
	}
	return fmt.Sprintf("note: %s already holds the report of %s: moved into content/, this file would stop the build as a duplicate report; fill in that file instead (注意：%[1]s 已经是%[3]s的报告，这个文件移到 content/ 中会使生成失败（重复的报告）：请直接填写那个文件)",
		dup.File, en, zh)
}

// soleNoted is what new says of a file it wrote without a department
// when content/ holds one report of its county, year, type and project,
// in the file of sole, which the file may turn out to be.
func soleNoted(sole *report.Report) string {
	en, zh := sole.Identity()
	return fmt.Sprintf("note: %s already holds the report of %s, the only one of that county, year and type: fill in this file's department: with another department's; if it is that report, fill in that file instead and delete this one, since a build refuses two files of one report (duplicate report) (注意：%[1]s 已经是%[3]s的报告，也是这个县这一年度唯一一份同类型的报告：请在这个文件的 department: 填写另一个部门；如果要写的就是那份报告，请直接填写那个文件，并删除这个文件，否则生成会因重复的报告而失败)",
		sole.File, en, zh)
}

// exists is the error of new when the file at path, of the report blank
// names, is there already: named by -out (named), or by default. It says
// how to write another: a department's report is named after its
// department, so -department names the file of each; or another name.
func exists(path string, blank report.Blank, named bool) string {
	other := strings.TrimSuffix(path, filepath.Ext(path)) + "-2" + filepath.Ext(path)
	switch {
	case named:
		return fmt.Sprintf("%s already exists; not overwritten: choose another file name with -out (文件已存在，没有覆盖：请用 -out 另选一个文件名)", path)
	case blank.Department == "":
		// Not -out alone: a second file without its department is
		// refused while the first is not filled in (heldAlready).
		return fmt.Sprintf("%s already exists; not overwritten: to write the report of another department of the county and year, give the department with -department NAME, which names the file after it (such as new -department 财政局 %s %d), and, to choose its file name too, add -out, such as -out %s (文件已存在，没有覆盖：要为这个县和年度的另一个部门写报告，请用 -department 部门名称 给出部门，文件会以部门命名；也可以再加 -out 指定文件名，如 -out %[4]s)",
			path, blank.County, blank.Year, other)
	default:
		// The file new names after the county, year, department (and
		// project) is this report's own: another file of it, by -out,
		// would be refused as a duplicate (heldAlready).
		return fmt.Sprintf("%s already exists; not overwritten: it is this report's file, so fill it in there; for a 项目支出 report of the department, give its project with -project NAME (文件已存在，没有覆盖：这就是这份报告的文件，请直接填写它；部门的项目支出报告请用 -project 项目名称 给出项目)",
			path)
	}
}

// notBuilt returns why a build of the project at root would not read the
// report file at path, which new wrote, and what to do; or "" when it
// would. A build reads the files ending in .md under root/content/,
// but for those in hidden folders (starting with . or _).
func notBuilt(root, path string) string {
	dir := filepath.Join(root, "content")
	rel, within := content.Within(dir, path)
	switch {
	case !within:
		return fmt.Sprintf("note: %s is not under %s, the only folder a build reads, so the site will not have it: move it into %[2]s to have it built; check it where it is with: %[3]s check %[1]s (注意：这个文件不在 %[2]s 文件夹中，生成网站时不会读取：要发布它，请把它移到 %[2]s 中；放在原处也可以用 %[3]s check %[1]s 核对)",
			path, dir+string(filepath.Separator), invocation.Command)
	case content.Hidden(filepath.ToSlash(rel)):
		return fmt.Sprintf("note: a build skips %s: its name, or that of a folder it is in, starts with ., _ or ~$, so the site will not have it: move it into %s to have it built (注意：文件名或所在文件夹名以 .、_ 或 ~$ 开头，生成网站时会跳过：要发布它，请把它移到 %[2]s 中)",
			path, dir+string(filepath.Separator))
	case !content.IsReportName(filepath.Base(path)):
		return fmt.Sprintf("note: %s does not end in .md, and a build reads only report files named so: rename it to end in .md to have it built (注意：文件名不以 .md 结尾，生成网站时不会读取：要发布它，请改名为以 .md 结尾)", path)
	}
	return ""
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
