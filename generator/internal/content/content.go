// Package content finds and parses every report file under a content
// folder.
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/report"
)

// MaxFileSize is the largest report file read, in bytes.
const MaxFileSize = 8 << 20

// Options controls Load.
type Options struct {
	// Drafts includes reports marked draft: true.
	Drafts bool
	// Workers bounds parallel parsing; 0 means the number of CPUs. Files
	// are read ReadsPerWorker times as many at once.
	Workers int
	// Prefix is prepended to file names in errors and in Report.File, such
	// as "content/".
	Prefix string
	// Lean lets go of each report's body, evidence and review notes once
	// it is parsed, for callers that read them again when they need them
	// (see LoadDetail), so that memory holds little more than the figures;
	// each report then has the fingerprint of the bytes it was parsed from.
	Lean bool
	// Read, when set, is given the bytes of each report file Load reads,
	// before they are parsed, with the file's name as in Report.File and
	// what a stat of it found before it was read; it may be called from
	// several goroutines at once and must not keep data. A build hashes
	// and stamps the files this way instead of reading them twice.
	Read func(name string, data []byte, info fs.FileInfo)
	// Cache, when set, keeps what each file gave, so that the next Load
	// with it reads only the files that changed (see Cache).
	Cache *Cache
	// OnDraft, when set, is given each report Load leaves out as a draft,
	// in the order of their files, so that the caller can say so.
	OnDraft func(r *report.Report)
	// OnUnread, when set, is given each file under the folder that is
	// not read although it may have been meant as a report (see
	// UnreadFile), sorted by its warning (Unread.String), once the
	// folder has been walked, also when Load fails.
	OnUnread func(u Unread)
	// Mentioning, when set, has Load parse only the report files whose
	// bytes hold it, or a backslash (with which YAML may write any
	// character of a name as an escape); the others give neither a
	// report nor an error. Those who need the reports of one county
	// (new and import, to find what a file they write would duplicate)
	// load them so in a fraction of the time a whole load takes: most of
	// it is parsing. Not for use with Cache.
	Mentioning string
}

// readFunc is the type of Options.Read.
type readFunc = func(name string, data []byte, info fs.FileInfo)

// Files lists the report files (*.md, in any case: see IsReportName)
// under fsys, sorted. Hidden files and folders (starting with '.' or '_')
// and editors' backups are skipped.
// Symbolic links to files are read; links to folders are not followed,
// since they can loop, and are an error, as is a folder that cannot be
// read: every one is reported.
func Files(fsys fs.FS) ([]string, error) {
	return files(fsys, "")
}

// files is Files with prefix (such as "content/") before the paths in
// errors.
func files(fsys fs.FS, prefix string) ([]string, error) {
	var found []string
	err := walk(fsys, prefix, func(p string) error {
		found = append(found, p)
		return nil
	}, nil)
	slices.Sort(found)
	return found, err
}

// walk calls found with the path of every report file under fsys, as
// Files lists them but in the order of the walk (each folder's entries by
// name), and returns every error Files returns, joined in the same order.
// It is files without the sorting, so that Load can parse the first files
// while the walk goes on.
//
// When found returns an error, the walk stops there and walk returns that
// error alone. unread, when not nil, is given each file that is not read
// (see UnreadFile), in the order of the walk, once the walk is done, so
// that what is said of a.md.txt knows whether a.md is there (see
// ReportNames).
func walk(fsys fs.FS, prefix string, found func(p string) error, unread func(u Unread)) error {
	var notRead []string
	var reports ReportNames
	if unread != nil {
		reports = ReportNames{}
		defer func() {
			for _, p := range notRead {
				if u, ok := UnreadFile(prefix, p, reports); ok {
					unread(u)
				}
			}
		}()
	}
	root := rootName(prefix)
	info, err := fs.Stat(fsys, ".")
	if errors.Is(err, syscall.ENOTDIR) {
		return fmt.Errorf("%s: is not a folder (这不是文件夹)", root)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot read the folder: %w (无法读取这个文件夹)", root, UnwrapPath(err))
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: is not a folder (这不是文件夹)", root)
	}
	var errs []error
	var stop error
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			where := prefix + p
			if p == "." {
				where = root
			}
			errs = append(errs, fmt.Errorf("%s: cannot read the folder: %w (无法读取这个文件夹)", shownName(where), UnwrapPath(err)))
			if d != nil && d.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && HiddenName(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		isReport := IsReportName(name)
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, p)
			switch {
			case err != nil && isReport:
				errs = append(errs, linkError(prefix+p, "broken or looping symbolic link: %v (这个快捷方式（符号链接）失效或循环，请删除它)", UnwrapPath(err)))
				return nil
			case err != nil:
				// Not a report, whatever it points to; but said not
				// read, as a build with nothing changed says it from
				// the list of the files.
				if unread != nil {
					notRead = append(notRead, p)
				}
				return nil
			case info.IsDir():
				errs = append(errs, fmt.Errorf("%s: is a symbolic link to a folder; links to folders are not followed, since they can loop: move the folder into %s or remove the link (这是指向文件夹的快捷方式（符号链接），不会被读取：请把文件夹移到 %[2]s 中，或删除这个链接)", shownName(prefix+p), root))
				return nil
			case isReport:
				if target, outside := linkOutside(fsys, p); outside {
					errs = append(errs, linkError(prefix+p, "is a symbolic link to %s, outside %s: copy the file into %[2]s or remove the link: a link could publish any file of the machine that builds the site (这是指向 %[2]s 之外文件的快捷方式（符号链接），不会被读取：请把文件复制到 %[2]s 中，或删除这个链接)", shownName(target), root))
					return nil
				}
			}
		}
		switch {
		case d.IsDir():
		case !isReport:
			if unread != nil {
				notRead = append(notRead, p)
			}
		default:
			if unread != nil {
				reports.Add(p)
			}
			if err := found(p); err != nil {
				stop = err
				return fs.SkipAll
			}
		}
		return nil
	})
	if stop != nil {
		return stop
	}
	if err != nil {
		errs = append(errs, fmt.Errorf("%s: %w (无法读取这个文件夹)", root, UnwrapPath(err)))
	}
	return errors.Join(errs...)
}

// linkError is the error of a symbolic link named like a report file,
// name, that is not read: a file error, as those of the files read are,
// so that check lists it with them, in order of file.
func linkError(name, format string, args ...any) error {
	return fileError(shownName(name), format, args...)
}

// fileError is an error about the whole of the file name, as shown, that
// is not read: said at 1:1, so that check and build list it among the
// other files' errors, in order of file.
func fileError(name, format string, args ...any) error {
	return &report.Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf(format, args...)}
}

// ReadsPerWorker is how many files Load reads at once for each worker
// that parses. A file the system no longer holds in memory keeps its
// reader waiting on the disk, which serves many reads at once about as
// fast as one: on this project's machine, with the page cache dropped,
// reading 15,000 report files took 1.1–1.2 s two at a time and 0.74–0.77 s
// sixteen at a time. Parsing, not reading, is what Workers bounds.
const ReadsPerWorker = 8

// Load parses every report under fsys. It returns the reports sorted by file
// name, leaving out drafts unless asked, and every error found, joined. When
// some files fail, the reports of the others are still returned with the
// error, so that a checker can say everything at once.
func Load(ctx context.Context, fsys fs.FS, opt Options) ([]*report.Report, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g, gctx := errgroup.WithContext(ctx)
	// The walk hands each file to the workers as it finds it, so that
	// parsing starts with the first file instead of once the whole tree
	// is listed: listing hundreds of folders kept one processor busy
	// while the others waited. The walk runs in a goroutine of its own,
	// beside the workers, since it spends much of its time in system
	// calls. The buffer lets it run ahead, so that a worker seldom waits
	// for it, and it waits only for a worker that is far behind.
	jobs := make(chan job, 256)
	// Each reader reads a file, then takes one of the workers' tokens to
	// parse it (see ReadsPerWorker).
	readers := workers * ReadsPerWorker
	tokens := make(chan struct{}, workers)
	parse := parserOf(keepOf(opt.Lean))
	parseOne := func(name string, data []byte) (*report.Report, error) {
		if opt.Mentioning != "" && !mentions(data, opt.Mentioning) {
			return nil, nil
		}
		tokens <- struct{}{}
		defer func() { <-tokens }()
		if hook := testHookParse; hook != nil {
			hook()
		}
		return parse(name, data)
	}
	// done[w] is what reader w loaded, read once the readers are done.
	done := make([][]loaded, readers)
	work := func(w int) error {
		var out []loaded
		defer func() { done[w] = out }()
		for j := range jobs {
			if err := gctx.Err(); err != nil {
				// The walk stops too, rather than wait for this reader.
				return err
			}
			r, err := loadFile(fsys, j.p, opt.Prefix+j.p, opt.Read, opt.Cache, keepOf(opt.Lean), parseOne)
			if r != nil && r.Draft && opt.Drafts {
				// A draft may leave required keys empty until it is
				// published; built with --drafts, it must not.
				if ierr := r.Incomplete(); ierr != nil {
					r, err = nil, ierr
				}
			}
			out = append(out, loaded{j.i, r, err})
		}
		return nil
	}
	// names are the files in the order of the walk; ferr is what the walk
	// found wrong. Both are read once the walk is done.
	var names []string
	var ferr error
	cacheBegun := false
	var stopped error // why the walk stopped before its end
	var unread []Unread
	onUnread := func(u Unread) { unread = append(unread, u) }
	if opt.OnUnread == nil {
		onUnread = nil
	}
	g.Go(func() error {
		defer close(jobs)
		ferr = walk(fsys, opt.Prefix, func(p string) error {
			if len(names) == 0 && opt.Cache != nil {
				// A load that finds no files leaves the cache alone.
				opt.Cache.begin()
				cacheBegun = true
			}
			// The readers are started as files are found, so that there
			// are never more of them than files.
			if len(names) < readers {
				w := len(names)
				g.Go(func() error { return work(w) })
			}
			// The file counts even when the load is cancelled now: a
			// cancelled load that found a file fails with the cause of
			// the cancellation, not for having found none.
			names = append(names, p)
			if err := gctx.Err(); err != nil {
				stopped = err
				return err
			}
			select {
			case jobs <- job{len(names) - 1, p}:
				return nil
			case <-gctx.Done():
				stopped = gctx.Err()
				return stopped
			}
		}, onUnread)
		return stopped
	})
	err := g.Wait()
	if opt.OnUnread != nil {
		// In the order of their warnings, as a build with nothing changed
		// sorts them (from the list of the files).
		slices.SortFunc(unread, func(a, b Unread) int { return strings.Compare(a.String(), b.String()) })
		for _, u := range unread {
			opt.OnUnread(u)
		}
	}
	if cacheBegun {
		defer opt.Cache.end()
	}
	if len(names) == 0 {
		if ferr != nil {
			return nil, ferr
		}
		return nil, noReports(opt.Prefix)
	}
	if err != nil {
		return nil, err
	}
	// Gather what the workers loaded in the order of the walk, then sort
	// it by file name, as Files lists the files: the walk takes a
	// folder's entries by name, which is not the order of the full paths
	// when a name sorts before "/" (a-b/x.md comes before a/x.md).
	all := make([]loaded, len(names))
	for _, ls := range done {
		for _, l := range ls {
			all[l.i] = l
		}
	}
	byName := func(a, b loaded) int { return strings.Compare(names[a.i], names[b.i]) }
	if !slices.IsSortedFunc(all, byName) {
		slices.SortFunc(all, byName)
	}
	out := make([]*report.Report, 0, len(all))
	files := make([]string, len(all))
	errs := make([]error, len(all))
	for i, l := range all {
		files[i], errs[i] = opt.Prefix+names[l.i], l.err
		if l.r == nil {
			continue
		}
		if l.r.Draft && !opt.Drafts {
			if opt.OnDraft != nil {
				opt.OnDraft(l.r)
			}
			continue
		}
		out = append(out, l.r)
	}
	return out, joinByFile(ferr, files, errs)
}

// OfCounty returns the reports under fsys named county, drafts too,
// each named prefix and its path, as Load names them: the reports that
// one written to the folder may duplicate (see site.Duplicated), read in
// a fraction of the time a whole load takes (see Options.Mentioning).
// The files that cannot be read or parsed are left out: their errors are
// for check and build to tell.
func OfCounty(ctx context.Context, fsys fs.FS, prefix, county string) []*report.Report {
	return ofCounties(ctx, fsys, prefix, county, func(name string) bool { return name == county })
}

// OfCountiesFrom is OfCounty for the reports of every county whose name
// begins with county: 桃源县's for 桃源, which check.Notices says 桃源 is
// short for.
func OfCountiesFrom(ctx context.Context, fsys fs.FS, prefix, county string) []*report.Report {
	return ofCounties(ctx, fsys, prefix, county, func(name string) bool { return strings.HasPrefix(name, county) })
}

// ofCounties returns the reports under fsys, drafts too, that mention
// county and whose county's name keep says to keep.
func ofCounties(ctx context.Context, fsys fs.FS, prefix, county string, keep func(name string) bool) []*report.Report {
	var drafts []*report.Report
	reports, _ := Load(ctx, fsys, Options{Prefix: prefix, Lean: true, Mentioning: county,
		OnDraft: func(r *report.Report) { drafts = append(drafts, r) }})
	var out []*report.Report
	for _, r := range append(reports, drafts...) {
		if keep(r.County) {
			out = append(out, r)
		}
	}
	return out
}

// mentions reports whether data, the bytes of a report file, may give
// the name s (see Options.Mentioning): it holds s, or a backslash.
func mentions(data []byte, s string) bool {
	return bytes.IndexByte(data, '\\') >= 0 || bytes.Contains(data, []byte(s))
}

// joinByFile joins the errors of a load: those of the walk, ferr, that
// are not about one file (folders that cannot be read, links to folders)
// first; then errs, the errors of the files read, errs[i] that of
// files[i] (nil for none), which are sorted; and among them, in order of
// file, the walk's errors that are about one file (links not read), so
// that they are said as the files' errors are.
func joinByFile(ferr error, files []string, errs []error) error {
	out := make([]error, 0, len(errs)+1)
	var linked []*report.Error
	for _, e := range joined(ferr) {
		if re, ok := e.(*report.Error); ok {
			linked = append(linked, re)
		} else {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(linked, func(a, b *report.Error) int { return strings.Compare(a.File, b.File) })
	for i, err := range errs {
		for len(linked) > 0 && linked[0].File < files[i] {
			out, linked = append(out, linked[0]), linked[1:]
		}
		out = append(out, err)
	}
	for _, re := range linked {
		out = append(out, re)
	}
	return errors.Join(out...)
}

// joined returns the errors joined in err by errors.Join, or err alone,
// or none.
func joined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err == nil {
		return nil
	}
	return []error{err}
}

// testHookParse, when set, is called by Load as each file's parse begins,
// while it holds a worker's token, for tests.
var testHookParse func()

// rootName names the content folder in errors: its prefix, such as
// "content/", without the slash.
func rootName(prefix string) string {
	if root := strings.TrimSuffix(prefix, "/"); root != "" {
		return root
	}
	return "the content folder"
}

// noReports is the error of a load that found no report file: most
// likely the wrong folder, and publishing nothing would empty the site.
func noReports(prefix string) error {
	return fmt.Errorf("%s: no report files (*.md) found (文件夹中没有报告文件（*.md）)", rootName(prefix))
}

// job is a report file for a worker of Load: its path, and its place in
// the order of the walk.
type job struct {
	i int
	p string
}

// loaded is what a worker of Load made of the file job.i.
type loaded struct {
	i   int
	r   *report.Report
	err error
}

// LoadFile reads and parses the report file at path p in fsys, naming it
// name in errors, as Load does for each file.
func LoadFile(fsys fs.FS, p, name string) (*report.Report, error) {
	return loadFile(fsys, p, name, nil, nil, keepAll, nil)
}

// keep says what a load keeps of each report it parses, and so whether
// the buffer that the file was read into can be used again.
type keep uint8

const (
	// keepAll keeps the whole report, whose body is part of the buffer
	// (as report.Parse leaves it), which is not used again.
	keepAll keep = iota
	// keepLean keeps only what a lean load keeps (see Options.Lean): the
	// buffer goes back to the pool.
	keepLean
	// keepLent keeps the whole report, its body part of the buffer,
	// which the caller gives back to the pool once done with the body
	// (see LoadDetail).
	keepLent
)

// parserOf returns the parser of a load that keeps what k says:
// report.ParseLean for a lean load (Parse, without making what is let
// go), report.Parse otherwise.
func parserOf(k keep) parser {
	if k == keepLean {
		return report.ParseLean
	}
	return report.Parse
}

// keepOf returns what a load keeps when lean or not.
func keepOf(lean bool) keep {
	if lean {
		return keepLean
	}
	return keepAll
}

// parser parses the bytes of a report file, as report.Parse does; nil
// stands for report.Parse.
type parser func(name string, data []byte) (*report.Report, error)

// loadFile is LoadFile, giving the file's bytes to read, when set, before
// parsing them with parse (when nil, report.Parse, or report.ParseLean
// for a lean load), taking what cache has for the file when it has not
// changed, and keeping of the report what keep says.
func loadFile(fsys fs.FS, p, name string, read readFunc, cache *Cache, keep keep, parse parser) (*report.Report, error) {
	if err := badName(name); err != nil {
		return nil, err
	}
	if cache != nil {
		if r, err, ok := cache.unchanged(name); ok {
			return r, err
		}
	}
	// A folder of the operating system is read with fewer system calls
	// (see loadOS), where the system allows.
	if dir, ok := osDir(fsys); ok {
		if r, err, ok := loadOS(dir, p, name, read, cache, keep, parse); ok {
			return r, err
		}
	}
	// Stat first: opening a FIFO would block, and a file too large is
	// refused without reading it.
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (无法读取这个文件)", name, UnwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(name)
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(name, info.Size())
	}
	if cache == nil {
		return readParse(fsys, p, name, info, read, keep, parse)
	}
	if r, err, ok := cache.get(name, info); ok {
		return r, err
	}
	r, err := readParse(fsys, p, name, info, read, keep, parse)
	cache.put(name, info, r, err)
	return r, err
}

// readParse reads and parses the regular file at p, of which a stat found
// info, for loadFile.
func readParse(fsys fs.FS, p, name string, info fs.FileInfo, read readFunc, keep keep, parse parser) (*report.Report, error) {
	size := info.Size()
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (无法读取这个文件)", name, UnwrapPath(err))
	}
	defer f.Close()
	_, osFile := f.(*os.File)
	buf := getBuffer(size, keep)
	data, err := readInto(f, buf.bytes(), size, osFile)
	if err != nil {
		buf.put(data)
		return nil, fmt.Errorf("%s: %w (无法读取这个文件)", name, UnwrapPath(err))
	}
	return parseData(name, data, info, buf, read, keep, parse)
}

// parseData parses data, the bytes of the file name, for loadFile, with
// parse (as loadFile), after giving them to read when set. A lean load
// lets go of the body, and so of data, which then goes back to the pool
// with buf, the buffer it was read into (nil when it is not to be used
// again: see getBuffer); a load that lends the body (keepLent) leaves data
// to its caller when it returns a report.
func parseData(name string, data []byte, info fs.FileInfo, buf *buffer, read readFunc, keep keep, parse parser) (*report.Report, error) {
	if len(data) > MaxFileSize {
		buf.put(data)
		return nil, tooLarge(name, -1)
	}
	if read != nil {
		read(name, data, info)
	}
	if parse == nil {
		parse = parserOf(keep)
	}
	r, err := parseSafely(parse, name, data)
	if r != nil {
		switch keep {
		case keepLean:
			// The parse, report.ParseLean, made no body, evidence or
			// review notes.
			r.Fingerprint = fingerprint(data)
		case keepLent:
			return r, err // the body is part of data
		}
	}
	// No part of a report but its body, and no error, shares the memory
	// of the data parsed (see report.Parse), and read must not keep it.
	buf.put(data)
	return r, err
}

// parseSafely returns parse(name, data), or, should the parse panic, an
// error of the file (see parserFault) in place of the panic, with what it
// panicked with quoted (it may hold the file's text): a parser's
// bug that some file's bytes reach then stops the build, as any error
// does, with the file named, rather than ending the program with a stack
// trace that names none.
func parseSafely(parse parser, name string, data []byte) (r *report.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fileError(name, "%s: %q, at %s; please report it with this file. Until it is mended, move the file out of content/ to build without it (生成器读取这个文件时出错，这是程序的问题，不是文件的问题：请把这条信息连同这个文件一起报告；修复之前，可先把这个文件移出 content/ 再生成)", parserFault, fmt.Sprint(p), panicSite())
		}
	}()
	return parse(name, data)
}

// parserFault begins the message of the error parseSafely returns for a
// parse that panicked.
const parserFault = "the generator failed on this file, through a fault of its own, not of the file"

// panicSite returns the function, file and line where the panic being
// recovered began: the first frame after the runtime's panic machinery.
// It is called from the deferred function that recovers.
func panicSite() string {
	pc := make([]uintptr, 32)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	panicking := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s (%s:%d)", f.Function, path.Base(f.File), f.Line)
		}
		if !more {
			return "an unknown place"
		}
	}
}

// buffers holds the buffers that lean loads and LoadDetail read files
// into, between files, as *buffer. A load that keeps the bodies as they
// are keeps its buffers: each report's body is part of one.
var buffers sync.Pool

// buffer holds the memory that a lean load or LoadDetail reads a file
// into; buffers keeps it between files.
type buffer struct{ b []byte }

// maxPooled is the size of the largest buffer kept in buffers: nearly
// every report file is smaller, and a rare larger one is not worth the
// memory that the pool would hold.
const maxPooled = 256 << 10

// getBuffer returns a buffer for a load that keeps what keep says to read
// a file of the size a stat found into: one of the pool's when it holds
// one, or an empty one that readInto fills with a slice of its own. It
// returns nil when the load keeps the body as it is (keepAll), or the
// file is too large to pool.
func getBuffer(size int64, keep keep) *buffer {
	if keep == keepAll || size >= maxPooled {
		return nil
	}
	if b, ok := buffers.Get().(*buffer); ok {
		if int64(cap(b.b)) <= size {
			b.b = nil // too small for this file: readInto makes another
		}
		return b
	}
	return new(buffer)
}

// bytes returns the empty slice to read into, nil for a nil buffer.
func (b *buffer) bytes() []byte {
	if b == nil {
		return nil
	}
	return b.b[:0]
}

// put puts b, when not nil, back in the pool with data, the bytes read
// into it, once nothing refers to data.
func (b *buffer) put(data []byte) {
	if b == nil || cap(data) > maxPooled {
		return
	}
	b.b = data[:0]
	buffers.Put(b)
}

// readFile reads the regular file r to its end, as io.ReadAll does, but
// for at most one byte more than MaxFileSize (the file may have grown
// since it was measured). size is the file's size when measured: the
// buffer holds one byte more, so that a file that has not changed is read
// by one call, without growing and copying the buffer as io.ReadAll does.
// When r is a file of the operating system (osFile), a call that returns
// the size exactly, and less than asked for, has met the end of the file,
// as a regular file's read does only there: reading again to be told so
// (a system call, and a costly one) is not needed.
func readFile(r io.Reader, size int64, osFile bool) ([]byte, error) {
	return readInto(r, nil, size, osFile)
}

// readInto is readFile, reading into buf (which it empties) when buf has
// room for the file, and into a buffer of its own otherwise.
func readInto[R io.Reader](r R, buf []byte, size int64, osFile bool) ([]byte, error) {
	const limit = MaxFileSize + 1
	if want := max(min(size, MaxFileSize)+1, 512); int64(cap(buf)) < want {
		buf = make([]byte, 0, want)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			if len(buf) >= limit {
				return buf, nil
			}
			// The file has grown.
			grown := make([]byte, len(buf), min(2*cap(buf), limit))
			copy(grown, buf)
			buf = grown
		}
		want := min(cap(buf), limit) - len(buf)
		n, err := r.Read(buf[len(buf) : len(buf)+want])
		buf = buf[:len(buf)+n]
		if err == io.EOF || err == nil && osFile && n < want && int64(len(buf)) == size {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// notRegular is the error of a file named like a report that is not a
// regular file (a pipe, a device): a file error, listed in order of file
// with the others.
func notRegular(name string) error {
	return fileError(name, "not a regular file (这不是普通文件，请删除或改名)")
}

// tooLarge is the error of a report file larger than MaxFileSize (of
// size bytes, or unknown when negative), which is not read.
func tooLarge(name string, size int64) error {
	if size < 0 {
		return fileError(name, "file is larger than %d MB, the most a report file may be (文件过大：报告文件最大 %[1]d MB)", MaxFileSize>>20)
	}
	return fileError(name, "file is %.1f MB; a report file may be at most %d MB (文件过大：报告文件最大 %[2]d MB)", float64(size)/(1<<20), MaxFileSize>>20)
}

// UnwrapPath drops the *fs.PathError wrapper, whose path is relative to the
// fs.FS and so misleading; callers name the file themselves.
func UnwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
