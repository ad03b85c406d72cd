// Package build runs the whole build in named phases: load the report
// files, check them, assemble the site, render its pages and publish them.
// Nothing is written until every input has been read and checked and every
// page rendered.
package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/check"
	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/export"
	"github.com/countyperf/portal/generator/internal/feed"
	"github.com/countyperf/portal/generator/internal/pages"
	"github.com/countyperf/portal/generator/internal/publish"
	"github.com/countyperf/portal/generator/internal/render"
	"github.com/countyperf/portal/generator/internal/report"
	"github.com/countyperf/portal/generator/internal/search"
	"github.com/countyperf/portal/generator/internal/site"
)

// MaxWarnings is how many warnings a build prints; the rest are counted.
const MaxWarnings = 10

// Config says what to build and where.
type Config struct {
	// Root is the project folder holding content/, templates/ and assets/.
	Root string
	// Out is the output folder; empty means Root/public.
	Out string
	// Drafts includes reports marked draft: true.
	Drafts bool
	// Workers bounds parallel work; 0 means the number of CPUs.
	Workers int
	// BaseURL is the site's absolute URL, for the few places that need one.
	BaseURL string
	// Log receives warnings and the summary; nil discards them.
	Log io.Writer
	// NoCache rebuilds even when nothing has changed since the last build.
	NoCache bool
	// NoSearch leaves out the full-text index even when Pagefind is
	// installed.
	NoSearch bool
}

// Summary tells what a build did.
type Summary struct {
	Reports, Counties, Pages int
	// Findings counts the findings beyond notes on disclosure.
	Findings                    int
	Written, Unchanged, Removed int
	// Kept counts the report and county pages left as the last build made them,
	// without making them again, since nothing they show had changed;
	// they are counted as Unchanged too.
	Kept int
	// Foreign names, sorted, the files of the output that the build did
	// not make and left as they were (see foreign): files no record says
	// an earlier build made, hidden ones (.git, .nojekyll) aside.
	Foreign  []string
	Warnings []string
	// Unread holds the warning of each file under content/ that was not
	// read although it may have been meant as a report, such as a.md.txt
	// (see content.UnreadWarning), sorted by file; the build prints them
	// to Config.Log.
	Unread []string
	// Drafts lists the files of the reports left out as drafts, unless
	// Config.Drafts includes them (when nothing had changed, see Cached,
	// those the build that made the output left out).
	Drafts []string
	// Included lists, sorted, the files of the reports marked draft:
	// true that Config.Drafts included, whose pages say they are drafts
	// (when nothing had changed, those the build that made the output
	// included).
	Included []string
	// Undated counts the reports without a publication date (published:),
	// which feed.xml leaves out: it lists reports by that date.
	Undated  int
	Duration time.Duration
	// Cached is true when nothing had changed since the last build, whose
	// output was left as it was.
	Cached bool
}

func (c *Config) defaults() error {
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("base URL %q: want an absolute http:// or https:// URL", c.BaseURL)
		}
		c.BaseURL = strings.TrimSuffix(c.BaseURL, "/") + "/"
	}
	if c.Root == "" {
		c.Root = "."
	}
	if c.Out == "" {
		c.Out = filepath.Join(c.Root, "public")
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
	// A project made by import -root or by hand may hold content/ alone:
	// say what it lacks, rather than that templates/base.html is missing.
	for _, dir := range []string{"templates", "assets"} {
		if _, err := os.Stat(filepath.Join(c.Root, dir)); errors.Is(err, fs.ErrNotExist) {
			// Not the project but a folder of it, as content/ where
			// the command was run.
			if inside := InsideProject(c.Root); inside != "" {
				return fmt.Errorf("%s: no such folder: %s", filepath.Join(c.Root, dir), inside)
			}
			return fmt.Errorf("%s: no such folder: a project holds content/, templates/ and assets/; copy templates/ and assets/ from the generator's repository into %s (项目文件夹缺少 %s/，请从本程序的仓库复制 templates/ 和 assets/)",
				filepath.Join(c.Root, dir), c.Root, dir)
		}
	}
	return nil
}

// PartialError is the error of a build that failed while it published
// its files, after it had replaced or removed some of the output's (a
// folder of the output made read-only, a disk that filled up): the output
// holds files of both builds until a build succeeds.
type PartialError struct{ Err error }

func (e *PartialError) Error() string { return e.Err.Error() }
func (e *PartialError) Unwrap() error { return e.Err }

// Run builds the site. On any error the output folder is left as it was,
// but for a PartialError.
func Run(ctx context.Context, cfg Config) (*Summary, error) {
	start := time.Now()
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	// A build whose inputs are those of the last one, whose output is
	// untouched since, has nothing to do.
	var last *cacheRecord
	if !cfg.NoCache {
		last = lastBuild(cfg)
	}
	// The files of the output the last build made are its to replace or
	// remove, -no-cache or not; any other is left as it is.
	owner := last
	if cfg.NoCache {
		owner = lastRecord(cfg, true)
	}
	inputs, hashErr := inputHash(ctx, cfg, last)
	if hashErr == nil && inputs.All != "" {
		if rec, ok := upToDate(cfg, last, inputs.All); ok {
			restamp(cfg, rec, inputs)
			// The files not read are said again, from the list of the
			// sources, as a build that reads them says them.
			unread := inputs.unread()
			sayUnread(cfg.Log, unread)
			// So are the warnings, findings and notices it printed,
			// and its drafts and undated reports, from its record,
			// without reading or checking the reports again.
			io.WriteString(cfg.Log, rec.Said)
			sum := &Summary{Reports: rec.Reports, Counties: rec.Counties, Pages: rec.Pages, Findings: rec.Findings,
				Unchanged: len(rec.Files), Cached: true, Unread: unread, Undated: rec.Undated,
				Duration: time.Since(start)}
			// The record holds the drafts included or left out, as the
			// build that made it did, which -drafts is part of its key.
			if cfg.Drafts {
				sum.Included = rec.Drafts
			} else {
				sum.Drafts = rec.Drafts
			}
			return sum, nil
		}
	}
	// From here on the last build's record only tells which report files
	// changed (Sources), which pages may be kept (Keys) and which files
	// are as it left them (Files); what it held for the shortcut is let
	// go. Its paths and keys are parts of one string, the record's
	// payload, which goes once nothing points into it. Without an
	// output folder (deleted to build afresh), no file of the last build
	// is left to keep or to know unchanged, so its files and pages go
	// too, and the sources once read (see checked): at 15,000 reports,
	// the whole record, 11 MB live, goes before the pages are made.
	if last != nil {
		last.Inputs, last.Said, last.Drafts = "", "", nil
		if _, err := os.Lstat(cfg.Out); errors.Is(err, fs.ErrNotExist) {
			last.Files, last.Keys = nil, nil
		}
	}
	opt := content.Options{Drafts: cfg.Drafts, Workers: cfg.Workers, Prefix: "content/", Lean: true}
	if hashErr == nil {
		opt.Read = inputs.read // hash the files that changed as they are read
	}
	pagefind := ""
	if !cfg.NoSearch {
		pagefind = search.Find(cfg.Root)
	}
	// The findings of the report files changed since the last build are
	// listed first: on a large site, a publisher who edited one report
	// would otherwise see only the first files' findings.
	// A file is changed when its bytes are not those the last build read,
	// whatever its stamp says (see inputs.edited).
	var changed func(file string) bool
	var edited map[string]bool
	if hashErr == nil && last != nil {
		changed = func(file string) bool { return edited[file] }
	}
	// Once the reports are loaded and checked, while the site is
	// assembled, whose work leaves a core idle now and then, the hashes
	// of the inputs are completed (fill) and what the build says of the
	// reports is written: at 15,000 reports, they took 20 ms and 14 ms
	// with the other core idle when they came after assembling (during
	// the checks, they only slowed them down).
	filled := make(chan error, 1)
	telling := make(chan told, 1)
	checked := func(reports []*report.Report, checks map[*report.Report][]check.Result) {
		if hashErr == nil {
			if last != nil {
				edited = inputs.edited(last) // before fill lets go of what was read
				// The sources' stamps and hashes of the last build
				// have served (list and edited); the rest of the
				// build uses its own.
				last.Sources = nil
			}
			go func() { filled <- inputs.fill() }()
		}
		go func() { telling <- tell(reports, checks, changed, cfg.Drafts) }()
	}
	m, err := prepare(ctx, cfg, opt, pagefind != "", checked)
	if err != nil {
		return nil, err
	}
	// What the build says of the reports is kept in its record, for a
	// build with nothing changed to say again: the findings as a build
	// with no file changed lists them.
	t := <-telling
	io.WriteString(cfg.Log, t.log)
	said := &strings.Builder{}
	said.WriteString(m.warned)
	said.WriteString(t.record)
	if hashErr == nil {
		hashErr = <-filled
	}
	s, rnd, root := m.site, m.rnd, m.root
	// Bodies, evidence and key positions are read again when a report's
	// page is made (the loader let the rest go already), so that memory
	// holds only the figures, however many reports there are.
	for _, r := range m.reports {
		r.Keys = nil
	}
	// A report's evidence, read with its page, goes on to reports.json.
	evidence := newEvidenceQueue(s, func(r *report.Report) (map[string]string, error) {
		full, release, err := m.load(r)
		if err != nil {
			return nil, err
		}
		release() // the evidence shares nothing with the body
		return full.Evidence, nil
	})
	s.Detail = func(r *report.Report) (*report.Report, func(), error) {
		full, release, err := m.load(r)
		if err == nil {
			evidence.put(r, full.Evidence)
		}
		return full, release, err
	}

	// Phase 5: render into a staged transaction, then publish.
	tx, err := publish.Begin(cfg.Out, cfg.Root,
		filepath.Join(cfg.Root, "content"), filepath.Join(cfg.Root, "templates"), filepath.Join(cfg.Root, "assets"),
		filepath.Join(cfg.Root, "generator"))
	if err != nil {
		return nil, err
	}
	if s.Search {
		tx.Keep = []string{search.Dir} // the index has its own transaction
	}
	tx.Foreign = foreign(owner)
	// Files as the last build left them are known unchanged by their
	// checksums, without being read.
	tx.Known = known(last)
	// Report pages whose inputs are those of the last build, and whose
	// files are as it left them, are kept as they are.
	var keep *keeper
	if hashErr == nil {
		keep = newKeeper(cfg, inputs, last)
	}
	n, kept, err := renderAll(ctx, cfg, s, rnd, root, tx, keep, evidence)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		tx.Abort()
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		err = fmt.Errorf("publishing to %s: %w", cfg.Out, err)
		if tx.Partial() {
			err = &PartialError{err}
		}
		return nil, err
	}
	sum := &Summary{Reports: len(s.Reports), Counties: len(s.Counties), Pages: n, Findings: pages.CountFindings(s), Drafts: m.drafts,
		Written: tx.Stats.Written, Unchanged: tx.Stats.Unchanged, Removed: tx.Stats.Removed, Kept: kept,
		Warnings: s.Warnings, Unread: m.unread}
	sum.addForeign(tx.Kept)
	for _, r := range s.Reports {
		if r.Published == "" {
			sum.Undated++
		}
		if r.Draft {
			sum.Included = append(sum.Included, r.File)
		}
	}
	slices.Sort(sum.Included)
	// Phase 6: the search index, made from the published pages and
	// published the same way, in its own folder.
	txs := []*publish.Tx{tx}
	ours := func(name string) bool {
		_, ok := keep.kept[name]
		return ok || slices.ContainsFunc(txs, func(tx *publish.Tx) bool { return tx.Holds(name) })
	}
	if s.Search {
		itx, err := index(ctx, cfg, pagefind, sum, last, owner)
		if err != nil {
			// The site is published: its files are this build's, and
			// recorded as its own, with the index's of the last build
			// (which the next build, finding its inputs not recorded,
			// makes again).
			if hashErr == nil {
				files := outputStamps(txs, keep.kept)
				if files != nil && owner != nil {
					for name, st := range owner.Files {
						if strings.HasPrefix(name, search.Dir) {
							files[name] = st
						}
					}
				}
				inputs.All = "" // not a build to be found up to date
				remember(cfg, inputs, keep.keys, sum, said.String(), files, ours)
			}
			return nil, &PartialError{err}
		}
		txs = append(txs, itx)
	}
	sum.Duration = time.Since(start)
	if hashErr == nil {
		remember(cfg, inputs, keep.keys, sum, said.String(), outputStamps(txs, keep.kept), ours)
	}
	return sum, nil
}

// foreign returns publish.Tx.Foreign for a build whose last build into
// the same output is rec (nil when there is no record of one): a hidden
// entry (.git, .nojekyll, .well-known: the build makes none), a host's
// file the build does not make (CNAME, _redirects, _headers), and a file
// that rec does not list are not the build's, and are left as they are.
// Without a record, every file the build does not write is left: a
// build into a folder of other files deletes none of them, and a build
// after the cache is deleted leaves the pages it no longer makes, which
// it names (see Summary.Foreign).
func foreign(rec *cacheRecord) func(rel string, dir bool) bool {
	return func(rel string, dir bool) bool {
		if hiddenPath(rel) {
			return true
		}
		if dir {
			return false
		}
		if hostFiles[rel] || rec == nil {
			return true
		}
		_, ok := rec.Files[rel]
		return !ok
	}
}

// hostFiles are the files a static host reads from the top of the site,
// which a publisher adds beside the build's and a build never removes.
var hostFiles = map[string]bool{"CNAME": true, "_redirects": true, "_headers": true}

// hiddenPath reports whether a slash-separated path of the output is
// hidden: a part of it begins with a dot.
func hiddenPath(rel string) bool {
	return strings.HasPrefix(rel, ".") || strings.Contains(rel, "/.")
}

// addForeign adds the files a transaction kept, being foreign to it, to
// those the summary names, hidden ones aside: a publisher put them there
// on purpose.
func (s *Summary) addForeign(kept []string) {
	for _, name := range kept {
		if !hiddenPath(name) && !hostFiles[name] {
			s.Foreign = append(s.Foreign, name)
		}
	}
	slices.Sort(s.Foreign)
}

// outputStamps returns the stamps of the files a build left in its
// output, taken as the transactions txs wrote them, and kept, those of
// the pages kept as they were: all the output holds, since each
// transaction removed what it did not write. It returns nil when a
// transaction could not stamp a file; the output is then listed instead.
func outputStamps(txs []*publish.Tx, kept map[string]fileStamp) map[string]fileStamp {
	files := make(map[string]fileStamp, len(kept))
	for name, st := range kept {
		files[name] = st
	}
	for _, tx := range txs {
		stamps, ok := tx.Stamps()
		if !ok {
			return nil
		}
		for name, st := range stamps {
			files[name] = fileStamp{st.Size, st.ModTime, st.Sum}
		}
	}
	return files
}

// model is a site loaded, checked and assembled, with its renderer.
type model struct {
	site    *site.Site
	reports []*report.Report
	rnd     *render.Renderer
	// root is the project folder, content its content/ folder.
	root, content fs.FS
	// unread holds the warnings of the files under content/ not read.
	unread []string
	// drafts holds the files of the reports left out as drafts.
	drafts []string
	// checks holds the outcome of the checks of each report, whose
	// findings the build lists (see sayFindings).
	checks map[*report.Report][]check.Result
	// warned holds the site's warnings as prepare printed them.
	warned string
}

// load reads a report again from its file, with every detail. A file
// whose bytes are those loaded, as the loaded report's fingerprint tells,
// is read by report.ParseDetail, which takes the figures from the loaded
// report and reads only the rest (see content.LoadDetail, and its
// release, which gives back the memory of the body).
func (m *model) load(r *report.Report) (*report.Report, func(), error) {
	return content.LoadDetail(m.content, strings.TrimPrefix(r.File, "content/"), r.File, r)
}

// prepare loads the reports with opt (whose OnUnread and OnDraft it
// sets, to keep the files not read and the drafts left out in the
// model), checks them, assembles the site, tells the warnings and parses
// the templates: phases 1 to 4 of a build. It calls checked, when not
// nil, once the reports are loaded and checked without error, before the
// site is assembled.
// The site's Detail reads reports again from their files.
func prepare(ctx context.Context, cfg Config, opt content.Options, search bool, checked func([]*report.Report, map[*report.Report][]check.Result)) (*model, error) {
	m := &model{root: os.DirFS(cfg.Root)}
	// Phase 1: load every report.
	// content.DirFS (os.DirFS), not fs.Sub: its Stat does not open the
	// file, so a pipe or a device under content/ is refused without
	// blocking on it; and the loader reads its files with fewer system
	// calls.
	contentFS := content.DirFS(filepath.Join(cfg.Root, "content"))
	m.content = contentFS
	opt.OnUnread = func(u content.Unread) { m.unread = append(m.unread, u.String()) }
	opt.OnDraft = func(r *report.Report) { m.drafts = append(m.drafts, r.File) }
	reports, err := content.Load(ctx, contentFS, opt)
	// A file not read may be why the load failed (content/a.md.txt, the
	// only report, leaves none): it is said first.
	sayUnread(cfg.Log, m.unread)
	if err != nil {
		return nil, err
	}
	m.reports = reports

	// Phase 2: check the reports; file errors stop the build, findings are
	// published.
	errs, checks := check.Reports(reports)
	if len(errs) > 0 {
		// Assembling finds errors of its own (such as two files giving
		// one report, one with the county's prefecture and one
		// without): they are said too, so that one build tells every
		// error, as check does.
		if _, err := site.Assemble(reports, nil); err != nil {
			errs = append(errs, err)
		}
		return nil, check.Join(errs)
	}

	if checked != nil {
		checked(reports, checks)
	}
	// Phase 3: assemble the site model.
	s, err := site.Assemble(reports, checks)
	if err != nil {
		return nil, err
	}
	m.site = s
	s.Detail = m.load
	m.checks = checks
	var warned strings.Builder
	for i, w := range s.Warnings {
		if i == MaxWarnings {
			fmt.Fprintf(&warned, "warning: … and %d more warnings like these\n", len(s.Warnings)-MaxWarnings)
			break
		}
		fmt.Fprintln(&warned, "warning:", w)
	}
	m.warned = warned.String()
	io.WriteString(cfg.Log, m.warned)

	// Phase 4: parse templates.
	if m.rnd, err = render.New(m.root, "templates"); err != nil {
		return nil, err
	}
	m.rnd.BaseURL = cfg.BaseURL
	s.Search = search
	m.rnd.Nav = pages.Nav(s)
	return m, nil
}

// told is what a build says of its reports after their checks: the
// findings and the warnings about report files, as it prints them (log)
// and as its record keeps them (record; see Run).
type told struct{ log, record string }

// tell writes what a build says of the reports after their checks (see
// told): the findings, those of the files that changed listed first when
// changed says which changed, then the warnings about report files, which
// need their key positions.
func tell(reports []*report.Report, checks map[*report.Report][]check.Result, changed func(file string) bool, drafts bool) told {
	var log, record strings.Builder
	if changed == nil {
		sayFindings(&record, checks, nil, drafts)
		log.WriteString(record.String())
	} else {
		sayFindings(&log, checks, changed, drafts)
		sayFindings(&record, checks, nil, drafts)
	}
	sayNotices(io.MultiWriter(&log, &record), reports)
	return told{log.String(), record.String()}
}

// MaxUnreadListed is the most warnings about files not read that a build
// prints; check prints them all.
const MaxUnreadListed = 20

// sayUnread prints to w the warnings of the files under content/ that are
// not read (see content.UnreadWarning), at most MaxUnreadListed of them.
func sayUnread(w io.Writer, warnings []string) {
	for i, u := range warnings {
		if i == MaxUnreadListed {
			fmt.Fprintf(w, "warning: … and %d more files not read; run check to see them all (另有%[1]d个文件未读取，请运行 check 查看)\n", len(warnings)-MaxUnreadListed)
			break
		}
		fmt.Fprintln(w, "warning:", u)
	}
}

// MaxFindingsListed is the most findings a build prints; check prints
// them all.
const MaxFindingsListed = 20

// sayFindings prints to w the findings of checks beyond notes on
// disclosure (those the build counts), sorted by file and position, each
// as check prints it, so that a publisher who builds and uploads sees
// them: all of them when there are at most MaxFindingsListed, and
// otherwise the first MaxFindingsListed, and how many more check lists.
// When changed is not nil and some findings are in the files it says
// changed since the last build, those are the ones listed. drafts says
// the checks are of the drafts too (-drafts), as check's must be then.
func sayFindings(w io.Writer, checks map[*report.Report][]check.Result, changed func(file string) bool, drafts bool) {
	counted := func(f *check.Finding) bool { return f.Severity != check.Info }
	list, total := check.First(checks, MaxFindingsListed, counted)
	if total > MaxFindingsListed && changed != nil {
		mine, n := check.First(checks, MaxFindingsListed, func(f *check.Finding) bool { return counted(f) && changed(f.File) })
		if n > 0 {
			fmt.Fprintf(w, "findings in the report files changed since the last build (本次改动的报告文件中的核对发现):\n")
			list = mine
		}
	}
	var b strings.Builder
	for _, f := range list {
		b.WriteString(check.FindingLine(f) + "\n")
	}
	if n := total - len(list); n > 0 {
		cmd := "check"
		if drafts {
			cmd = "check -drafts"
		}
		fmt.Fprintf(&b, "… and %d more findings; run %s to see all %d (共%[3]d项核对发现，其余%[1]d项请运行 %[2]s 查看)\n", n, cmd, total)
	}
	io.WriteString(w, b.String())
}

// MaxNoticesListed is the most warnings about slips in report files
// (check.Notices) that a build prints; check prints them all.
const MaxNoticesListed = 20

// sayNotices prints to w the warnings about slips in the report files
// of reports that are not findings, and not published (see
// check.Notices), each as check prints it: at most MaxNoticesListed of
// them, and how many more check lists. The reports must still have their
// key positions.
func sayNotices(w io.Writer, reports []*report.Report) {
	ns := check.Notices(reports)
	var b strings.Builder
	for i, n := range ns {
		if i == MaxNoticesListed {
			fmt.Fprintf(&b, "… and %d more warnings about report files; run check to see them all (另有%[1]d条关于报告文件的提示，请运行 check 查看)\n", len(ns)-MaxNoticesListed)
			break
		}
		b.WriteString(n.String() + "\n")
	}
	io.WriteString(w, b.String())
}

// index runs Pagefind over the published site and publishes its index
// under pagefind/, rewriting only the files that changed (known by the
// checksums of last, the last build's record, when it has them).
func index(ctx context.Context, cfg Config, bin string, sum *Summary, last, owner *cacheRecord) (*publish.Tx, error) {
	files, err := search.Index(ctx, bin, cfg.Out)
	if err != nil {
		return nil, fmt.Errorf("search index (the site itself is published): %w", err)
	}
	tx, err := publish.Begin(cfg.Out, cfg.Root)
	if err != nil {
		return nil, err
	}
	tx.Scope = search.Dir
	tx.Known = known(last)
	tx.Foreign = foreign(owner)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := tx.Write(name, files[name]); err != nil {
			tx.Abort()
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	sum.Written += tx.Stats.Written
	sum.Unchanged += tx.Stats.Unchanged
	sum.Removed += tx.Stats.Removed
	sum.addForeign(tx.Kept)
	return tx, nil
}

// renderAll renders every page and copies every asset into tx with a
// bounded pool of workers, stopping at the first error. reports.json is
// written alongside by one more goroutine, which takes each report's
// evidence from its page's job through evidence.
func renderAll(ctx context.Context, cfg Config, s *site.Site, rnd *render.Renderer, root fs.FS, tx *publish.Tx, keep *keeper, evidence *evidenceQueue) (pageCount, keptCount int, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	g, gctx := errgroup.WithContext(ctx)
	// cfg.Workers goroutines run the jobs, for the whole build: a
	// goroutine per job would grow a new stack for every page, since
	// executing templates nests deeply (6% of the CPU at 15,000 reports).
	// Any job's error stops its worker, the others (through gctx) and the
	// writer of reports.json.
	// The channel holds a few jobs per worker, so that a worker done with
	// one takes the next at once, rather than wait for this goroutine to
	// be scheduled to hand it over.
	jobs := make(chan func() error, 16*cfg.Workers)
	for range cfg.Workers {
		g.Go(func() error {
			for job := range jobs {
				if err := job(); err != nil {
					evidence.stop(err)
					return err
				}
			}
			return nil
		})
	}
	run := func(job func() error) {
		select {
		case jobs <- job:
		case <-gctx.Done():
		}
	}
	jsonDone := make(chan error, 1)
	release := evidence.watch(ctx)
	go func() {
		err := tx.WriteStream("downloads/reports.json", func(w io.Writer) error {
			return named("reports.json", export.WriteJSONFrom(w, s, evidence.take))
		})
		if err != nil {
			cancel(err)
		}
		jsonDone <- err
	}()
	var paths []string
	var kept atomic.Int64
	emit := func(j pages.Job) error {
		if err := gctx.Err(); err != nil {
			return err
		}
		paths = append(paths, j.Path)
		run(func() error {
			if keep.unchanged(j) {
				kept.Add(1)
				if j.Report != nil {
					// reports.json still needs its evidence: read it
					// here, in parallel, rather than in the writer.
					if err := evidence.fetch(j.Report.Report); err != nil {
						return err
					}
				}
				return tx.Retain(j.Path)
			}
			p, err := j.Make()
			if err != nil {
				return err
			}
			err = rnd.WritePage(p, func(html []byte) error { return tx.Write(p.Path, html) })
			p.Written()
			return err
		})
		return nil
	}
	writeDownloads(s, cfg.BaseURL, run, tx)
	for _, ix := range pages.ListIndexes {
		if ix.Has(s) {
			run(func() error { return tx.Write(ix.Path, ix.Make(s)) })
		}
	}
	err = pages.Each(s, emit)
	if err == nil {
		err = writeDiscovery(s, paths, cfg.BaseURL, tx)
	}
	if err == nil {
		err = copyAssets(gctx, cfg.Root, root, run, tx)
	}
	close(jobs)
	werr := g.Wait()
	if werr != nil {
		evidence.stop(werr)
	} else if err != nil {
		evidence.stop(err)
	} else {
		evidence.finish()
	}
	jerr := <-jsonDone
	release()
	// The error that stopped the build, not reports.json's, which stops
	// when told to by any other (an asset's).
	switch {
	case werr != nil:
		err = werr
	case err != nil:
	case jerr != nil:
		err = jerr
	}
	return len(paths), int(kept.Load()), err
}

// named prefixes a download's error with its name.
func named(name string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// writeDiscovery adds feed.xml, robots.txt and, with a base URL,
// sitemap.xml.
func writeDiscovery(s *site.Site, paths []string, baseURL string, tx *publish.Tx) error {
	atom, err := feed.Atom(s, baseURL)
	if err != nil {
		return err
	}
	if err := tx.Write("feed.xml", atom); err != nil {
		return err
	}
	if err := tx.Write("robots.txt", feed.Robots(baseURL)); err != nil {
		return err
	}
	sitemap, err := feed.Sitemap(paths, baseURL)
	if err != nil || sitemap == nil {
		return err
	}
	return tx.Write("sitemap.xml", sitemap)
}

// writeDownloads adds the dataset downloads reports.csv, reports.xlsx
// and findings.csv, each written to disk as it is made, with links to the
// report pages under baseURL when there is one; renderAll writes
// reports.json.
func writeDownloads(s *site.Site, baseURL string, run func(func() error), tx *publish.Tx) {
	for name, write := range map[string]func(io.Writer, *site.Site, string) error{
		"reports.csv": export.WriteCSV, "reports.xlsx": export.WriteXLSX, "findings.csv": export.WriteFindingsCSV,
	} {
		run(func() error {
			return tx.WriteStream("downloads/"+name, func(w io.Writer) error { return named(name, write(w, s, baseURL)) })
		})
	}
}

// MaxAsset is the largest file under assets/ a build copies, in bytes.
// The site's own (ECharts, its style and script) are a few hundred KB.
const MaxAsset = 64 << 20

// styleRequestRE matches, in a style sheet, a url() or @import of a file
// of another host.
var styleRequestRE = regexp.MustCompile(`(?i)(url\(\s*['"]?\s*|@import\s+['"]\s*)((https?:)?//[^'")\s]*)`)

// checkStyleRequests refuses the style sheet p, of the bytes data, that
// loads a file (a font, a picture, another sheet) from another host:
// the pages' Content-Security-Policy blocks it, and the site loads
// nothing from another host.
func checkStyleRequests(p string, data []byte) error {
	if m := styleRequestRE.FindSubmatchIndex(data); m != nil {
		line := 1 + bytes.Count(data[:m[0]], []byte("\n"))
		return fmt.Errorf("%s:%d: loads %s from another host: the pages' policy (Content-Security-Policy) blocks it, and the site loads nothing from another host; copy the file into assets/ and name it by a relative path (页面不从其他网站加载任何文件：请把该文件复制到 assets/ 中)", p, line, data[m[4]:m[5]])
	}
	return nil
}

// checkAsset returns what the file p (such as assets/site.css) of the
// project at dir is, after a link, when a build may publish it: a
// regular file of at most MaxAsset bytes, or a folder (which is not
// walked when it is reached by a link). A named pipe or a device would
// hang the build that opened it. A link to a file is published as the
// file it leads to, as the publisher who made it asked (assets/ itself
// may be a link, as a project that shares another's assets makes it);
// but a file under a linked folder of assets/ is not, since the build
// does not walk such a folder, and the preview does not serve it.
func checkAsset(dir, p string) (fs.FileInfo, error) {
	file := filepath.Join(dir, filepath.FromSlash(p))
	parts := strings.Split(p, "/")
	for k := 2; k < len(parts); k++ {
		sub := strings.Join(parts[:k], "/")
		if link, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(sub))); err == nil && link.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: is a symbolic link to a folder, which a build does not follow: copy its files into %[1]s (这是指向文件夹的快捷方式（符号链接），不会发布：请把其中的文件复制到 %[1]s 中)", sub)
		}
	}
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, content.UnwrapPath(err))
	}
	switch {
	case info.IsDir():
		if link, err := os.Lstat(file); err == nil && link.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s: is a symbolic link to a folder, which a build does not follow: copy its files into %[1]s (这是指向文件夹的快捷方式（符号链接），不会发布：请把其中的文件复制到 %[1]s 中)", p)
		}
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a regular file (这不是普通文件，请删除或改名)", p)
	case info.Size() > MaxAsset:
		return nil, fmt.Errorf("%s: is %d MB; files under assets/ over %d MB are not published (文件过大，不会发布)", p, info.Size()>>20, MaxAsset>>20)
	}
	return info, nil
}

// copyAssets copies every file under assets/ of the project at dir (root,
// as a file system) into tx, hidden ones aside. A file that is not a
// regular file (a named pipe, which would hang the build, a device), a
// symbolic link to a file outside the project (which could publish any
// file of the machine) and a file over MaxAsset are errors, named.
func copyAssets(ctx context.Context, dir string, root fs.FS, run func(func() error), tx *publish.Tx) error {
	return fs.WalkDir(root, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("reading assets: %w", err)
		}
		if d.IsDir() || path.Base(p)[0] == '.' {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if info, err := checkAsset(dir, p); err != nil || info.IsDir() {
			return err // a link to a folder of the project is not walked
		}
		run(func() error {
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return fmt.Errorf("reading %s: %w", p, content.UnwrapPath(err))
			}
			if strings.HasSuffix(p, ".css") {
				if err := checkStyleRequests(p, data); err != nil {
					return err
				}
			}
			return tx.Write(p, data)
		})
		return nil
	})
}
