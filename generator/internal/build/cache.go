package build

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/filestamp"
	"github.com/countyperf/portal/generator/internal/publish"
	"github.com/countyperf/portal/generator/internal/search"
)

// CacheDir is the dot-folder, in the project, that remembers the last
// build: a hash of every input and a list of the files it wrote.
const CacheDir = ".cache"

// cacheRecord is what the cache keeps of a successful build, written as
// encodeRecord describes.
type cacheRecord struct {
	// Inputs is the hash of the generator, the build's settings and every
	// file under content/, templates/ and assets/.
	Inputs string
	// Files lists every output file with its size and modification time,
	// and the checksum of its bytes where the build that wrote it knew it.
	Files map[string]fileStamp
	// Reports, Counties, Pages, Findings, Undated and Drafts repeat the
	// build's summary; Drafts holds its Included when the build was
	// made with Config.Drafts.
	Reports, Counties, Pages, Findings, Undated int
	Drafts                                      []string
	// Said holds what the build printed about the reports (the site's
	// warnings, the findings and check.Notices, see sayFindings and
	// sayNotices), which a build with nothing changed prints again.
	Said string
	// Sources holds each source file's stamp and hash, by its path from
	// the project.
	Sources map[string]sourceStamp
	// Keys holds, for each report page, the hash of everything it shows
	// (see pageKey), so that the next build can leave a page whose
	// inputs have not changed as it is, without making it again.
	Keys map[string]string
}

type fileStamp struct {
	Size    int64
	ModTime int64
	// Sum is the checksum of the file's bytes (see publish.Checksum), or
	// 0 when not known: a listing of the output does not read the files.
	Sum uint64
}

// same reports whether s and o are the stamps of a file unchanged, as a
// stat tells: its size and modification time, whether or not either knows
// the checksum.
func (s fileStamp) same(o fileStamp) bool {
	return s.Size == o.Size && s.ModTime == o.ModTime
}

// known returns the stamps, with checksums, that the record rec holds of
// the files of the output, for publish.Tx.Known; nil without a record.
func known(rec *cacheRecord) func(name string) (publish.Stamp, bool) {
	if rec == nil {
		return nil
	}
	return func(name string) (publish.Stamp, bool) {
		st, ok := rec.Files[name]
		return publish.Stamp{Size: st.Size, ModTime: st.ModTime, Sum: st.Sum}, ok && st.Sum != 0
	}
}

// cachePath returns the cache file for a build into out.
func cachePath(root, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(root, CacheDir, "build-"+hex.EncodeToString(h[:6])+".rec")
}

// inputs is what decides a build's output, hashed.
type inputs struct {
	// All is the hash of every input: the generator, the settings and
	// every source file. It is empty until every file's hash is known
	// (see pending).
	All string
	// Shared is the hash of every input but the report files: what every
	// page depends on.
	Shared [32]byte
	// Files holds the hash of each report file, by its path from the
	// project, such as content/hunan/x.md.
	Files map[string][32]byte
	// Refreshed counts the source files whose stamps changed since the
	// last build but whose bytes did not (see list): the record of that
	// build needs their new stamps.
	Refreshed int

	// head is the hash of the generator and the settings.
	head hash.Hash
	// names holds every source file's path from the project, sorted by
	// its path on disk (paths), which All and Shared hash in that order.
	names, paths []string
	sums         []digest
	// stamps holds each source file's stamp and hash, for the cache.
	stamps map[string]sourceStamp
	// pending holds the places, in names, of the report files that
	// changed since the last build (or all of them, without one), whose
	// bytes are hashed as the build reads them (see fill).
	pending map[string]int
	// readSums holds the hashes of pending files as the build read them.
	readSums map[string][32]byte
	// lazy is set when the report files are stamped as the build reads
	// them (see list); readStamps then holds their stamps.
	lazy       bool
	readStamps map[string]sourceStamp
	readMu     sync.Mutex
}

// sourceStamp is what the cache remembers of a source file: its hash,
// and what the file system says of it, which changes whenever the file
// is written. A file whose stamp is the same as the last build's is not
// read again to be hashed.
type sourceStamp struct {
	filestamp.Stamp
	// Sum is the hash of the file's bytes; zero until known.
	Sum digest
}

// digest is a SHA-256 hash.
type digest [32]byte

// inputHash hashes what decides a build's output: the generator itself,
// the settings, and the name in the project and bytes of every source
// file. A file
// whose stamp is that recorded in last is taken to have the hash
// recorded with it. Report files whose stamps changed are hashed here
// only until one is found whose bytes changed; the rest the build reads
// anyway, and fill hashes their bytes then; until it has, All is empty.
// Without a last build, report files are not even stamped here: the
// loader's stat of each stamps it (see read).
func inputHash(ctx context.Context, cfg Config, last *cacheRecord) (*inputs, error) {
	// The generator (tens of megabytes) is hashed while the source files
	// are listed and stamped.
	type exeHash struct {
		sum [32]byte
		err error
	}
	exe := make(chan exeHash, 1)
	go func() {
		var e exeHash
		if name, err := os.Executable(); err == nil {
			if f, err := os.Open(name); err == nil {
				h := sha256.New()
				_, e.err = io.Copy(h, f)
				f.Close()
				h.Sum(e.sum[:0])
			}
		}
		exe <- e
	}()
	in := &inputs{stamps: map[string]sourceStamp{}, pending: map[string]int{}}
	in, err := in.list(ctx, cfg, last)
	e := <-exe
	if err == nil {
		err = e.err
	}
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(e.sum[:])
	out, _ := filepath.Abs(cfg.Out)
	pagefind := ""
	if !cfg.NoSearch {
		pagefind = search.Find(cfg.Root)
	}
	fmt.Fprintf(h, "\x00out=%s\x00drafts=%v\x00base=%s\x00search=%s\x00", out, cfg.Drafts, cfg.BaseURL, pagefind)
	in.head = h
	if len(in.pending) == 0 {
		in.finish()
	}
	return in, nil
}

// list lists and stamps the source files for inputHash, and hashes those
// whose stamps are not those of last: every such file but the report
// files, and those until one is found changed.
func (in *inputs) list(ctx context.Context, cfg Config, last *cacheRecord) (*inputs, error) {
	for _, dir := range []string{"content", "templates", "assets"} {
		root := filepath.Join(cfg.Root, dir)
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real // the folder itself may be a link, as the build allows
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				in.paths = append(in.paths, p)
				in.names = append(in.names, dir+"/"+filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	in.sums = make([]digest, len(in.paths))
	// Without a last build whose stamps they could match, the report
	// files are stamped as the build reads them, from the stat the loader
	// takes of each (see read and fill), rather than by a stat of their
	// own here: at 15,000 reports, that was most of this phase.
	in.lazy = last == nil
	var mu sync.Mutex
	// changed is set once a report file is known changed (see below).
	var changed atomic.Bool
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(max(statWorkers, runtime.GOMAXPROCS(0)*2))
	for i, p := range in.paths {
		name := in.names[i]
		if in.lazy && isReportName(name) {
			mu.Lock()
			in.pending[name] = i
			mu.Unlock()
			continue
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			info, err := os.Stat(p)
			if err != nil {
				return err
			}
			stamp, trusted := filestamp.Of(info)
			st := sourceStamp{Stamp: stamp}
			if trusted && last != nil && !cfg.NoCache {
				if old, ok := last.Sources[name]; ok && old.Sum != (digest{}) {
					st.Sum = old.Sum
					if old == st {
						in.sums[i] = old.Sum
						mu.Lock()
						in.stamps[name] = st
						mu.Unlock()
						return nil
					}
				}
			}
			st.Sum = digest{}
			// hashed records the file's hash, and counts it in Refreshed
			// when its stamp changed but not its bytes.
			hashed := func(sum digest) {
				in.sums[i] = sum
				if !trusted {
					return
				}
				st.Sum = sum
				mu.Lock()
				in.stamps[name] = st
				if last != nil && last.Sources[name].Sum == sum {
					in.Refreshed++ // touched, not changed
				}
				mu.Unlock()
			}
			if trusted && info.Mode().IsRegular() && isReportName(name) {
				// The build reads a report file anyway, and hashes it then
				// (see read). But until one is found changed, each is
				// hashed here: a file saved or touched without a change,
				// or written back as it was by a checkout, then costs
				// reading it rather than loading and checking every
				// report again. The first that changed (or that the last
				// build did not have) leaves the rest to the build.
				if last != nil && !cfg.NoCache && !changed.Load() {
					if sum, err := hashFile(p); err == nil && sum == last.Sources[name].Sum {
						hashed(sum)
						return nil
					}
					changed.Store(true)
				}
				mu.Lock()
				in.pending[name] = i
				in.stamps[name] = st
				mu.Unlock()
				return nil
			}
			sum, err := hashFile(p)
			if err != nil {
				return err
			}
			hashed(sum)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return in, nil
}

// unread returns the warnings of the files under content/ that a build
// does not read (see content.UnreadWarning), sorted, from the list of the
// source files once they are hashed (Files).
func (in *inputs) unread() []string {
	reports := content.ReportNames{}
	for name := range in.Files {
		if isReportName(name) {
			reports.Add(strings.TrimPrefix(name, "content/"))
		}
	}
	var out []string
	for name := range in.Files {
		if rel, ok := strings.CutPrefix(name, "content/"); ok {
			if w := content.UnreadWarning("content/", rel, reports); w != "" {
				out = append(out, w)
			}
		}
	}
	slices.Sort(out)
	return out
}

// isReportName reports whether name, a source file's path from the
// project, is that of a report file, which the build reads anyway.
func isReportName(name string) bool {
	return strings.HasPrefix(name, "content/") && content.IsReportName(path.Base(name))
}

// read hashes the bytes of a report file as the build reads it, when the
// file is one of those that changed (pending), and when list left it to
// the build, stamps it from info, what a stat of the file found before
// it was read. It is safe for concurrent use.
func (in *inputs) read(name string, data []byte, info fs.FileInfo) {
	if _, ok := in.pending[name]; !ok {
		return
	}
	sum := sha256.Sum256(data)
	var st sourceStamp
	stamped := false
	if in.lazy && info != nil && info.Mode().IsRegular() {
		var trusted bool
		st.Stamp, trusted = filestamp.Of(info)
		stamped = trusted
	}
	in.readMu.Lock()
	if in.readSums == nil {
		// Sized for every pending file, nearly all of which are read, so
		// that the maps are not grown and copied as they fill.
		in.readSums = make(map[string][32]byte, len(in.pending))
		if in.lazy {
			in.readStamps = make(map[string]sourceStamp, len(in.pending))
		} else {
			in.readStamps = map[string]sourceStamp{}
		}
	}
	in.readSums[name] = sum
	if stamped {
		in.readStamps[name] = st
	}
	in.readMu.Unlock()
}

// edited returns the report files still pending once the build has read
// them whose bytes, as read, are not those the last build hashed: files
// new since then, changed, or not read. A file touched without a change
// that list left pending (it stops hashing report files at the first
// changed one) is not among them. Call it before fill, which lets go of
// what was read.
func (in *inputs) edited(last *cacheRecord) map[string]bool {
	in.readMu.Lock()
	defer in.readMu.Unlock()
	out := map[string]bool{}
	for name := range in.pending {
		sum, read := in.readSums[name]
		old, had := last.Sources[name]
		if !read || !had || old.Sum != digest(sum) {
			out[name] = true
		}
	}
	return out
}

// fill takes the hashes of the report files that changed from what read
// was given, and hashes those the build did not read; All, Shared and
// Files are then known.
func (in *inputs) fill() error {
	if in.All != "" {
		return nil // known already
	}
	for name, i := range in.pending {
		sum, ok := in.readSums[name]
		if in.lazy {
			if st, stamped := in.readStamps[name]; ok && stamped {
				in.stamps[name] = st
			} else if !ok {
				// Not read by the build: stamped before it is hashed,
				// so that a change between the two is seen next time.
				info, err := os.Stat(in.paths[i])
				if err != nil {
					return err
				}
				if st, trusted := filestamp.Of(info); trusted && info.Mode().IsRegular() {
					in.stamps[name] = sourceStamp{Stamp: st}
				}
			}
		}
		if !ok {
			var err error
			if sum, err = hashFile(in.paths[i]); err != nil {
				return err
			}
		}
		in.sums[i] = sum
		if st, ok := in.stamps[name]; ok {
			st.Sum = sum
			in.stamps[name] = st
		}
	}
	in.pending, in.readSums, in.readStamps = nil, nil, nil
	in.finish()
	return nil
}

// finish hashes every file's hash, in order, into All and, but for the
// report files, into Shared. It is called once.
func (in *inputs) finish() {
	h := in.head
	shared := sha256.New()
	state, _ := h.(encoding.BinaryMarshaler).MarshalBinary()
	_ = shared.(encoding.BinaryUnmarshaler).UnmarshalBinary(state)
	in.Files = make(map[string][32]byte, len(in.names))
	order := make([]int, len(in.paths))
	for i := range order {
		order[i] = i
	}
	// By their names in the project (content/x.md), not their paths: the
	// same project given as -root . or as its absolute path, or moved,
	// makes the same site.
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(in.names[a], in.names[b]) })
	var line []byte
	for _, i := range order {
		line = append(line[:0], in.names[i]...)
		line = append(line, 0)
		line = hex.AppendEncode(line, in.sums[i][:])
		line = append(line, 0)
		h.Write(line)
		if strings.HasPrefix(in.names[i], "content/") {
			in.Files[in.names[i]] = in.sums[i]
		} else {
			line = append(line[:0], in.names[i]...)
			line = append(line, 0)
			line = hex.AppendEncode(line, in.sums[i][:])
			line = append(line, 0)
			shared.Write(line)
		}
	}
	in.All = hex.EncodeToString(h.Sum(nil))
	copy(in.Shared[:], shared.Sum(nil))
	// Only the hashes are needed from here on.
	in.names, in.paths, in.sums, in.head = nil, nil, nil, nil
}

// statWorkers is how many workers stat files at once, to stamp the
// sources and the output: more than there are processors, since a stat
// of a file whose inode is not in memory waits for the disk, which serves
// many requests at once. With every cache dropped, a 15,000-report rebuild
// with nothing changed took 0.41–0.43 s with 16, against 0.51–0.57 s with
// one or two per processor; with the files in memory, the same 0.12 s.
const statWorkers = 16

// stampOutput lists every file under out with its size and time, as a
// walk of the folder does that does not follow links, hidden ones aside
// (no build makes one: they are a worktree's .git or a host's
// .well-known, see foreign). Folders are listed,
// and their files stat'ed, by up to statWorkers workers at once (two
// took half the time of one over an output of 18,000 files in 3,000
// folders in memory; see statWorkers for one that is not).
func stampOutput(out string) (map[string]fileStamp, error) {
	files := map[string]fileStamp{}
	var mu sync.Mutex
	var g errgroup.Group
	g.SetLimit(max(statWorkers, runtime.GOMAXPROCS(0)))
	// list stamps the files of the folder rel (slash-separated, "" for
	// out) and lists its folders, each in a worker of its own when one
	// is free, or else in this one.
	var list func(rel string) error
	list = func(rel string) error {
		entries, err := os.ReadDir(filepath.Join(out, filepath.FromSlash(rel)))
		if err != nil {
			return err
		}
		type stamped struct {
			name  string
			stamp fileStamp
		}
		var mine []stamped
		var dirs []string
		for _, e := range entries {
			name := e.Name()
			if strings.HasPrefix(name, ".") {
				continue // not the build's (see foreign): a worktree's .git
			}
			if rel != "" {
				name = rel + "/" + name
			}
			if e.IsDir() {
				dirs = append(dirs, name)
				continue
			}
			info, err := e.Info()
			if err != nil {
				return err
			}
			mine = append(mine, stamped{name, fileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}})
		}
		mu.Lock()
		for _, f := range mine {
			files[f.name] = f.stamp
		}
		mu.Unlock()
		for _, d := range dirs {
			if !g.TryGo(func() error { return list(d) }) {
				if err := list(d); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if info, err := os.Lstat(out); err != nil {
		return nil, err
	} else if !info.IsDir() {
		// A walk of a file (or link) lists it alone, as ".".
		files["."] = fileStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
		return files, nil
	}
	err := list("")
	if werr := g.Wait(); err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return files, nil
}

// upToDate reports whether the last build, rec, had the same inputs and
// its output is still exactly as it left it.
func upToDate(cfg Config, rec *cacheRecord, inputs string) (*cacheRecord, bool) {
	if rec == nil || rec.Inputs != inputs {
		return nil, false
	}
	// Files it did not make (see foreign), which the output may hold
	// besides, are none of its business.
	now, err := stampOutput(cfg.Out)
	if err != nil || len(now) < len(rec.Files) {
		return nil, false
	}
	for name, st := range rec.Files {
		if n, ok := now[name]; !ok || !n.same(st) {
			return nil, false
		}
	}
	return rec, true
}

// lastBuild returns the cache's record of the last build into the same
// output, or nil when there is none it can trust: a record of another
// format (such as the JSON of earlier versions), truncated or altered is
// ignored, and the build then does without it (see decodeRecord).
func lastBuild(cfg Config) *cacheRecord { return lastRecord(cfg, false) }

// lastRecord is lastBuild; with filesOnly, the record holds the output's
// files alone (see decodeRecordOf).
func lastRecord(cfg Config, filesOnly bool) *cacheRecord {
	path := cachePath(cfg.Root, cfg.Out)
	// Not a named pipe, which would hang the build, nor a file no build
	// writes (a record of a million reports is some hundreds of MB).
	if info, err := os.Stat(path); err != nil || !info.Mode().IsRegular() || info.Size() > maxRecord {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return decodeRecordOf(data, filesOnly)
}

// maxRecord is the largest cache record read, in bytes.
const maxRecord = 1 << 30

// remember records a successful build, which printed said about the
// reports, and whose output holds files (nil
// when they are not known: the output is then listed, while what is known
// already is encoded). A failure to write the cache only costs the next
// build its shortcut.
func remember(cfg Config, in *inputs, keys map[string]string, sum *Summary, said string, files map[string]fileStamp, ours func(name string) bool) {
	rec := cacheRecord{Inputs: in.All, Sources: in.stamps, Reports: sum.Reports, Counties: sum.Counties, Pages: sum.Pages, Findings: sum.Findings,
		Undated: sum.Undated, Drafts: sum.Drafts, Said: said, Keys: keys}
	if cfg.Drafts {
		rec.Drafts = sum.Included
	}
	var data []byte
	if files != nil {
		data = startRecord(&rec).finish(files)
	} else {
		started := make(chan *recordEncoder, 1)
		go func() { started <- startRecord(&rec) }()
		files, err := stampOutput(cfg.Out)
		enc := <-started
		if err != nil {
			return
		}
		// The record lists the build's own files, which are its to remove
		// next time, and not those it left alone (see foreign).
		for name := range files {
			if !ours(name) {
				delete(files, name)
			}
		}
		data = enc.finish(files)
	}
	saveRecord(cfg, data)
}

// restamp records the new stamps of the source files that a build with
// nothing changed found touched but the same (see inputs.Refreshed), in
// a copy of rec, the record it was served from, so that the next build
// does not read them again to tell.
func restamp(cfg Config, rec *cacheRecord, in *inputs) {
	if in.Refreshed == 0 {
		return
	}
	again := *rec
	again.Sources = in.stamps
	saveRecord(cfg, encodeRecord(&again))
}

// saveRecord writes data, an encoded record, as the cache's record of
// the builds into cfg.Out, and removes the records of the least recent
// other outputs beyond MaxCacheRecords.
func saveRecord(cfg Config, data []byte) {
	path := cachePath(cfg.Root, cfg.Out)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, path)
	}
	pruneCache(filepath.Dir(path), MaxCacheRecords)
}

// MaxCacheRecords is how many output folders the cache remembers: a
// record is several megabytes for a large site, and builds into many
// folders (benchmarks, previews) would otherwise fill the dot-folder.
const MaxCacheRecords = 8

// pruneCache removes all but the keep most recently written records of
// the cache folder dir, and the records of earlier versions, which were
// JSON (build-*.json) and are never read again. It leaves other files
// alone.
func pruneCache(dir string, keep int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type record struct {
		name string
		mod  time.Time
	}
	var recs []record
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, "build-") {
			continue
		}
		if strings.HasSuffix(name, ".json") {
			os.Remove(filepath.Join(dir, name))
			continue
		}
		if !strings.HasSuffix(name, ".rec") {
			continue
		}
		if info, err := e.Info(); err == nil {
			recs = append(recs, record{name, info.ModTime()})
		}
	}
	if len(recs) <= keep {
		return
	}
	slices.SortFunc(recs, func(a, b record) int { return b.mod.Compare(a.mod) })
	for _, r := range recs[keep:] {
		os.Remove(filepath.Join(dir, r.name))
	}
}

// hashFile hashes a file's bytes. A file that is not regular (a pipe, a
// device) or that is larger than any input the build reads is hashed by
// its name, size and time instead, so hashing never blocks or reads
// without end; the build itself refuses such files.
func hashFile(p string) ([32]byte, error) {
	info, err := os.Stat(p)
	if err != nil {
		return [32]byte{}, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxHashed {
		return sha256.Sum256([]byte(fmt.Sprintf("%s\x00%v\x00%d\x00%d", p, info.Mode(), info.Size(), info.ModTime().UnixNano()))), nil
	}
	f, err := os.Open(p)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxHashed+1)); err != nil {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// maxHashed is the largest file hashed by content: no input file the
// build accepts is larger.
const maxHashed = 16 << 20
