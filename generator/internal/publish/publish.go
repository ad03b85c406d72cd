// Package publish writes a built site into its output folder so that a
// failed or interrupted build leaves the previous site exactly as it was.
//
// A Tx stages every file whose bytes changed in a temporary folder beside
// the output; files whose bytes are the same are not touched, so their
// modification times stay and deploy tools upload only what changed. Only
// Commit changes the output: it renames the staged files into place, each
// one atomically, and then removes the files the build no longer makes.
//
// Publishing is built to make few system calls. An output that does not
// exist yet is made by renaming the staged folder tree into its place,
// and a folder that the output lacks is moved in whole in the same way.
// Over an existing output, a transaction lists the output's folders once,
// at its first Write: Write then reads a file only when the list has one
// at its place and a stat finds it the same size, and stages a file whose
// folder the output has without making folders; the list also yields the
// stale files without walking the output again.
package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// MaxNameBytes is the longest file or folder name written, in bytes: the
// limit of most file systems.
const MaxNameBytes = 255

// TestHookWrite, when set, is called after each Write with the file's
// name. Tests set it to interrupt a build part-way; it is nil otherwise.
var TestHookWrite func(name string)

// TestHookPlace, when set, is called by Commit before it moves each
// staged file into the output, with the file's name; an error it returns
// is Commit's, as a failed rename's would be. Tests set it to fail a
// Commit part-way; it is nil otherwise.
var TestHookPlace func(name string) error

// truncate shortens s to at most n bytes, on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Tx is one build's set of output files. Write is safe for concurrent use.
// Keep and Scope are best set before the first Write, which lists the
// output: folders the transaction owns nothing in are then not listed.
type Tx struct {
	// stage is the staging folder beside the output. Its folder tree
	// (stage/t) mirrors the output: a file is staged there when a folder
	// of its path is missing from the output, so that Commit can move
	// that folder whole. Other files are staged flat in stage itself,
	// under numbers, and so need no folders made.
	out, stage, tree string
	// fresh is set when the output did not exist at Begin: every file is
	// staged in the tree, and Commit renames the tree into its place.
	fresh bool
	// flats numbers the files staged flat.
	flats atomic.Int64

	// list holds what the output held when the transaction first needed
	// to know, listed once (by listOnce) from the output's slash-separated
	// relative paths; listErr is the error of listing it.
	list     map[string]kind
	listOnce sync.Once
	listErr  error
	// emptyDirs are the listed folders that held nothing.
	emptyDirs []string

	mu      sync.Mutex
	written map[string]bool
	// stamps holds the stamp of every file written or found unchanged;
	// unstamped is set when one could not be taken (see Stamps).
	stamps    map[string]Stamp
	unstamped bool
	// committed is set once Commit has succeeded; partial once Commit
	// has moved or removed a file of the output (see Partial).
	committed, partial bool
	staged             []staged
	// dirs holds the folders made in the staging tree.
	dirs map[string]bool
	// cleared holds the paths Commit removed to make way for a file, and
	// moved the staged folders it moved into the output whole.
	cleared, moved map[string]bool
	done           bool

	// Stats counts what the transaction did.
	Stats Stats
	// Kept names, sorted, the files of the output that Commit left as
	// they were, not written and foreign to the transaction (see
	// Foreign).
	Kept []string
	// Keep lists folders (such as "pagefind/") whose files this
	// transaction neither writes nor removes: another one owns them.
	Keep []string
	// Scope, when set (such as "pagefind/"), limits the removal of stale
	// files to that folder: the transaction owns only it.
	Scope string
	// Foreign, when set, reports whether the output's entry rel (a folder
	// when dir is set) is none of the transaction's: something another
	// hand put there, such as a host's CNAME, a worktree's .git, or a
	// file an earlier build made that no record says is its own. A
	// foreign folder is not listed (nor is what it holds removed), and
	// a foreign file is neither removed nor counted stale: Commit names
	// it in Kept. Without it, the transaction owns every file
	// of the output but those Keep and Scope leave to others. Set it
	// before the first Write.
	Foreign func(rel string, dir bool) bool
	// Known, when set, returns the stamp, checksum included, that the last
	// build of the output recorded for a file it left there. A file whose
	// size and modification time are still those recorded holds the bytes
	// it was recorded with: whether it changed is then settled by the
	// checksums, without reading it, which on a large output no longer in
	// memory saves reading the whole of it again from the disk. Set it
	// before the first Write; without it, a file of the same size is
	// settled by its bytes.
	Known func(name string) (Stamp, bool)
}

// staged is a file staged for Commit.
type staged struct {
	name string
	// flat is the file's path when it is staged flat, or "" when it is
	// staged in the tree.
	flat string
	// clear is set when something in the output may stand in the way of
	// the file: Commit then looks before it renames.
	clear bool
}

// kind is what a path of the output was when it was listed.
type kind uint8

const (
	// kindFile is a regular file.
	kindFile kind = iota + 1
	// kindDir is a folder whose entries are listed.
	kindDir
	// kindDirUnlisted is a folder whose entries are not listed: the
	// transaction owns nothing in it.
	kindDirUnlisted
	// kindOther is a symbolic link or a special file.
	kindOther
)

// Stats counts files by what happened to them.
type Stats struct {
	Written, Unchanged, Removed int
}

// Begin starts a transaction on the output folder out. It refuses an output
// that is the root of the file system, or that is or contains any of the
// protected folders (the project, its content and templates), or lies
// inside one of them other than the project itself.
func Begin(out string, project string, protected ...string) (*Tx, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	if err := checkOut(abs, project, protected); err != nil {
		return nil, err
	}
	info, err := os.Lstat(abs)
	if err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", out)
	}
	fresh := errors.Is(err, fs.ErrNotExist)
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	prefix := "." + filepath.Base(abs) + ".tmp-"
	removeOldStages(parent, prefix)
	stage, err := os.MkdirTemp(parent, prefix)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	// The tree may become the output: make it as os.MkdirAll makes the
	// output, readable by all unless the umask says otherwise.
	tree := filepath.Join(stage, "t")
	if err := os.Mkdir(tree, 0o755); err != nil {
		os.RemoveAll(stage)
		return nil, fmt.Errorf("output: %w", err)
	}
	t := &Tx{out: abs, stage: stage, tree: tree, fresh: fresh, written: map[string]bool{}, stamps: map[string]Stamp{},
		dirs: map[string]bool{}, cleared: map[string]bool{}, moved: map[string]bool{}}
	if fresh {
		// Nothing to list: the output is not there.
		t.list = map[string]kind{}
		t.listOnce.Do(func() {})
	}
	return t, nil
}

func checkOut(abs, project string, protected []string) error {
	if err := checkOutPath(abs, project, protected); err != nil {
		return err
	}
	// The same again with symbolic links resolved, so that a link cannot
	// point the output at the project.
	real := realPath(abs)
	var realProtected []string
	for _, d := range protected {
		if p, err := filepath.Abs(d); err == nil {
			realProtected = append(realProtected, realPath(p))
		}
	}
	realProject := ""
	if project != "" {
		if p, err := filepath.Abs(project); err == nil {
			realProject = realPath(p)
		}
	}
	if err := checkOutPath(real, realProject, realProtected); err != nil {
		return fmt.Errorf("%w (%s is %s once symbolic links are followed)", err, abs, real)
	}
	return nil
}

// realPath resolves the symbolic links of the longest part of the absolute
// path abs that exists, and appends the rest.
func realPath(abs string) string {
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		if p == filepath.Dir(p) {
			return abs
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

func checkOutPath(abs, project string, protected []string) error {
	if abs == filepath.Dir(abs) {
		return fmt.Errorf("refusing to use %s as the output folder: it is the root of the file system", abs)
	}
	if home, err := os.UserHomeDir(); err == nil && filepath.Clean(home) == abs {
		return fmt.Errorf("refusing to use %s as the output folder: it is the home folder", abs)
	}
	if project != "" {
		p, err := filepath.Abs(project)
		if err == nil && (p == abs || within(p, abs)) {
			return fmt.Errorf("refusing to use %s as the output folder: it holds the project; the build would delete it", abs)
		}
	}
	for _, d := range protected {
		p, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if p == abs || within(abs, p) || within(p, abs) {
			return fmt.Errorf("refusing to use %s as the output folder: it overlaps %s", abs, d)
		}
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && rel != ".."
}

// StaleAfter is the age after which a staging folder left beside the
// output (by a build that was killed before it could clean up) is removed
// by the next build. No build runs that long, so a staging folder that old
// is not in use.
const StaleAfter = 24 * time.Hour

// removeOldStages removes staging folders in dir named prefix* that have
// not changed for StaleAfter.
func removeOldStages(dir, prefix string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > StaleAfter {
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// Out returns the output folder's absolute path.
func (t *Tx) Out() string { return t.out }

// Write records a file of the site, at a slash-separated path relative to
// the output folder. It stages the file unless the output already holds
// the same bytes.
func (t *Tx) Write(name string, data []byte) error {
	if err := t.claim(name); err != nil {
		return err
	}
	if hook := TestHookWrite; hook != nil {
		defer hook(name)
	}
	where := t.lookup(name)
	sum := Checksum(data)
	if where == found || where == unlisted {
		// A size that differs settles it with one system call; the
		// same size is settled by the checksum recorded for the file,
		// or else by the bytes.
		dst := filepath.Join(t.out, filepath.FromSlash(name))
		if info, err := os.Lstat(dst); err == nil && info.Mode().IsRegular() && info.Size() == int64(len(data)) &&
			t.same(name, info, sum, func() bool { return equalFile(dst, data) }) {
			t.unchanged(name, info, sum)
			return nil
		}
	}
	tmp, st, err := t.stagePath(name, where)
	if err != nil {
		return err
	}
	mod, err := writeFile(tmp, data)
	if err != nil {
		// Leave no partial file that a folder moved whole could carry.
		_ = os.Remove(tmp)
		return fmt.Errorf("publish: staging %s: %w", name, err)
	}
	t.record(st, Stamp{int64(len(data)), mod, sum})
	return nil
}

// same reports whether the output's file name, of the size of the new
// bytes, whose checksum is sum, holds those bytes: by the checksum Known
// recorded for it, when the file's stamp is still the one recorded, or
// else by equal, which compares the bytes.
func (t *Tx) same(name string, info fs.FileInfo, sum uint64, equal func() bool) bool {
	if t.Known != nil {
		if k, ok := t.Known(name); ok && k.Sum != 0 && k.Size == info.Size() && k.ModTime == info.ModTime().UnixNano() {
			return k.Sum == sum
		}
	}
	return equal()
}

// unchanged counts the output's file name, described by info and holding
// bytes whose checksum is sum, as left as it was.
func (t *Tx) unchanged(name string, info fs.FileInfo, sum uint64) {
	st := stampOf(info)
	st.Sum = sum
	t.mu.Lock()
	t.Stats.Unchanged++
	t.stamps[name] = st
	t.mu.Unlock()
}

// Stamp is the size and modification time (in nanoseconds since 1970) of
// a file, as a stat of it finds them, and the checksum of its bytes (see
// Checksum), or 0 where that is not known.
type Stamp struct {
	Size, ModTime int64
	Sum           uint64
}

// stampOf returns the stamp of the file info describes, without a
// checksum.
func stampOf(info fs.FileInfo) Stamp {
	return Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
}

// castagnoli is the table of CRC-32C.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Checksum returns the checksum of a file's bytes that Stamp records:
// their CRC-32C and CRC-32 (IEEE), two polynomials that processors
// compute at tens of gigabytes a second, so that checksumming every file
// a build writes costs a hundredth of the build. It is never 0. It tells
// apart bytes changed by a burst of up to 32 bits always, and other
// changes but for a chance of about one in 2⁶⁴.
func Checksum(b []byte) uint64 {
	return sum64(crc32.Checksum(b, castagnoli), crc32.ChecksumIEEE(b))
}

func sum64(c, ieee uint32) uint64 {
	return max(1, uint64(c)<<32|uint64(ieee))
}

// checksummer computes Checksum of the bytes written to it.
type checksummer struct{ c, ieee hash.Hash32 }

func newChecksummer() *checksummer {
	return &checksummer{crc32.New(castagnoli), crc32.NewIEEE()}
}

func (s *checksummer) Write(p []byte) (int, error) {
	s.c.Write(p)
	s.ieee.Write(p)
	return len(p), nil
}

func (s *checksummer) Sum64() uint64 { return sum64(s.c.Sum32(), s.ieee.Sum32()) }

// Stamps returns, after a successful Commit, the stamp of every file
// Write and WriteStream left in the output, written or found unchanged
// (not those Retain kept), as a stat of each would find it: renaming a
// file into place keeps its size and time. ok is false when a stamp could
// not be taken; the caller must then stat the files itself.
func (t *Tx) Stamps() (stamps map[string]Stamp, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.unstamped || !t.committed {
		return nil, false
	}
	return t.stamps, true
}

// WriteStream records a file of the site, as Write does, whose bytes fill
// writes to w: a large file (a download of every report) goes to disk as
// it is made instead of being held in memory. The file is staged first
// and compared with the output's afterwards; when they hold the same
// bytes, the staged copy is dropped and the output's file left alone.
func (t *Tx) WriteStream(name string, fill func(w io.Writer) error) error {
	if err := t.claim(name); err != nil {
		return err
	}
	if hook := TestHookWrite; hook != nil {
		defer hook(name)
	}
	where := t.lookup(name)
	tmp, st, err := t.stagePath(name, where)
	if err != nil {
		return err
	}
	size, mod, sum, err := fillFile(tmp, fill)
	if err != nil {
		_ = os.Remove(tmp)
		if fe, ok := err.(fillError); ok {
			return fe.err
		}
		return fmt.Errorf("publish: staging %s: %w", name, err)
	}
	if where == found || where == unlisted {
		dst := filepath.Join(t.out, filepath.FromSlash(name))
		if info, err := os.Lstat(dst); err == nil && info.Mode().IsRegular() && info.Size() == size &&
			t.same(name, info, sum, func() bool { return sameBytes(dst, tmp) }) {
			if err := os.Remove(tmp); err != nil {
				return fmt.Errorf("publish: staging %s: %w", name, err)
			}
			t.unchanged(name, info, sum)
			return nil
		}
	}
	t.record(st, Stamp{size, mod, sum})
	return nil
}

// fillError carries the error of a WriteStream's fill function, which
// WriteStream returns as it is.
type fillError struct{ err error }

func (e fillError) Error() string { return e.err.Error() }

// fillFile creates the file name and writes to it what fill writes,
// returning its size, modification time (-1 when a stat of it fails) and
// checksum.
func fillFile(name string, fill func(w io.Writer) error) (size, mod int64, sum uint64, err error) {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, 0, 0, err
	}
	cw := &countWriter{w: f, sum: newChecksummer()}
	bw := bufio.NewWriterSize(cw, 256<<10)
	if err := fill(bw); err != nil {
		f.Close()
		return 0, 0, 0, fillError{err}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return 0, 0, 0, err
	}
	mod = -1
	if info, err := f.Stat(); err == nil {
		mod = info.ModTime().UnixNano()
	}
	return cw.n, mod, cw.sum.Sum64(), f.Close()
}

// countWriter counts and checksums the bytes written through it.
type countWriter struct {
	w   io.Writer
	n   int64
	sum *checksummer
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.sum.Write(p[:n])
	return n, err
}

// sameBytes reports whether the files a and b hold the same bytes; it is
// called once they are known to have the same size.
func sameBytes(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, erra := io.ReadFull(fa, ba)
		nb, errb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if erra != nil || errb != nil {
			return (erra == io.EOF || erra == io.ErrUnexpectedEOF) && (errb == io.EOF || errb == io.ErrUnexpectedEOF)
		}
	}
}

// claim checks that a file may be written at name, once, and lists the
// output the first time.
func (t *Tx) claim(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	for _, seg := range strings.Split(name, "/") {
		if len(seg) > MaxNameBytes {
			return fmt.Errorf("publish: output file name %s… is %d bytes long; file systems allow at most %d (shorten the county or department name it comes from, or set slug:)", truncate(seg, 60), len(seg), MaxNameBytes)
		}
	}
	t.mu.Lock()
	if t.written[name] {
		t.mu.Unlock()
		return fmt.Errorf("publish: %s is written twice", name)
	}
	t.written[name] = true
	t.mu.Unlock()
	return t.listOutput()
}

// stagePath returns where to stage the file name, which lookup found
// where, and its record for Commit.
func (t *Tx) stagePath(name string, where int) (string, staged, error) {
	clear, flat := false, false
	switch where {
	case found, unlisted:
		// Outside the listed folders, let Commit look at every folder
		// of the path before it renames.
		clear, flat = where == unlisted, where == found
	case newFile:
		flat = true
	case blocked:
		clear, flat = true, true
	case blockedPath:
		clear = true
	}
	if flat {
		tmp := filepath.Join(t.stage, strconv.FormatInt(t.flats.Add(1), 10))
		return tmp, staged{name, tmp, clear}, nil
	}
	if err := t.stageDir(path.Dir(name)); err != nil {
		return "", staged{}, fmt.Errorf("publish: staging %s: %w", name, err)
	}
	return filepath.Join(t.tree, filepath.FromSlash(name)), staged{name, "", clear}, nil
}

// record adds a staged file for Commit, with the stamp it was written
// with (a time of -1 when a stat of it failed).
func (t *Tx) record(s staged, st Stamp) {
	t.mu.Lock()
	t.staged = append(t.staged, s)
	t.Stats.Written++
	if st.ModTime == -1 {
		t.unstamped = true
	} else {
		t.stamps[s.name] = st
	}
	t.mu.Unlock()
}

// stageDir makes the folder dir, and the folders above it, in the staging
// tree unless this transaction already made them.
func (t *Tx) stageDir(dir string) error {
	if dir == "." {
		return nil
	}
	t.mu.Lock()
	made := t.dirs[dir]
	t.mu.Unlock()
	if made {
		return nil
	}
	if err := t.stageDir(path.Dir(dir)); err != nil {
		return err
	}
	// Another Write may have made it meanwhile. Should a file stand
	// there instead, writing into the folder fails.
	if err := os.Mkdir(filepath.Join(t.tree, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	t.mu.Lock()
	t.dirs[dir] = true
	t.mu.Unlock()
	return nil
}

// What lookup found at a file's place in the output.
const (
	// absent: a folder of its path is missing.
	absent = iota
	// newFile: every folder of its path is there, and nothing at its
	// place.
	newFile
	// found: every folder of its path is there, and a regular file at
	// its place.
	found
	// blocked: every folder of its path is there, and a folder, link or
	// special file at its place.
	blocked
	// blockedPath: a file, link or special file stands where a folder of
	// its path must go.
	blockedPath
	// unlisted: a folder of its path is not listed.
	unlisted
)

// lookup reports what the listing of the output holds at the place of the
// file name. It makes no system call.
func (t *Tx) lookup(name string) int {
	if t.fresh {
		return absent
	}
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		if j < 0 {
			break
		}
		switch t.list[name[:i+j]] {
		case 0:
			return absent
		case kindDir:
		case kindDirUnlisted:
			return unlisted
		default:
			return blockedPath
		}
		i += j + 1
	}
	switch t.list[name] {
	case 0:
		return newFile
	case kindFile:
		return found
	}
	return blocked
}

// listOutput lists the output the first time it is called. Later calls
// return the first one's error.
func (t *Tx) listOutput() error {
	t.listOnce.Do(func() {
		t.list = map[string]kind{}
		t.listErr = t.listDir("")
		if t.listErr != nil {
			t.listErr = fmt.Errorf("publish: listing the output: %w", t.listErr)
		}
	})
	return t.listErr
}

// listDir lists the output's folder rel ("" for the output itself) and,
// depth first, the folders in it in which the transaction may own files.
func (t *Tx) listDir(rel string) error {
	dir := t.out
	if rel != "" {
		dir = filepath.Join(t.out, filepath.FromSlash(rel))
	}
	entries, err := readDir(dir)
	if rel == "" && errors.Is(err, fs.ErrNotExist) {
		return nil // removed since Begin: as if fresh
	}
	if err != nil {
		return err
	}
	if len(entries) == 0 && rel != "" {
		t.emptyDirs = append(t.emptyDirs, rel)
	}
	for _, e := range entries {
		r := e.Name()
		if rel != "" {
			r = rel + "/" + r
		}
		switch typ := e.Type(); {
		case typ.IsDir() && t.mayOwn(r):
			t.list[r] = kindDir
			if err := t.listDir(r); err != nil {
				return err
			}
		case typ.IsDir():
			t.list[r] = kindDirUnlisted
		case typ.IsRegular():
			t.list[r] = kindFile
		default:
			t.list[r] = kindOther
		}
	}
	return nil
}

// owns reports whether the transaction may remove the file at rel.
func (t *Tx) owns(rel string) bool {
	return t.scoped(rel) && (t.Foreign == nil || !t.Foreign(rel, false))
}

// scoped reports whether the file at rel is in the part of the output
// the transaction looks after, which Keep and Scope say.
func (t *Tx) scoped(rel string) bool {
	for _, k := range t.Keep {
		if strings.HasPrefix(rel, k) {
			return false
		}
	}
	return t.Scope == "" || strings.HasPrefix(rel, t.Scope)
}

// mayOwn reports whether the transaction may remove some file inside the
// folder dir.
func (t *Tx) mayOwn(dir string) bool {
	if t.Foreign != nil && t.Foreign(dir, true) {
		return false
	}
	p := dir + "/"
	for _, k := range t.Keep {
		if strings.HasPrefix(p, k) {
			return false
		}
	}
	return t.Scope == "" || strings.HasPrefix(p, t.Scope) || strings.HasPrefix(t.Scope, p)
}

// errDone is returned by Commit after Commit or Abort.
var errDone = errors.New("publish: the transaction is already committed or aborted")

// Commit moves the staged files into the output folder and removes files
// the build did not write. It is the only step that changes the output.
func (t *Tx) Commit() error {
	err := t.commit()
	if err == nil {
		t.mu.Lock()
		t.committed = true
		t.mu.Unlock()
	}
	return err
}

// commit is Commit.
func (t *Tx) commit() error {
	if t.done {
		return errDone
	}
	t.done = true
	if err := t.listOutput(); err != nil {
		t.Abort()
		return err
	}
	if t.fresh {
		if err := rename(t.tree, t.out); err == nil {
			// Nothing was there, so nothing is stale.
			if rmdir(t.stage) != nil {
				os.RemoveAll(t.stage)
			}
			return nil
		}
		// The output was made since Begin: list what it holds now, which
		// is all stale, and move the files one by one.
		t.list = map[string]kind{}
		if err := t.listDir(""); err != nil {
			t.Abort()
			return fmt.Errorf("publish: listing the output: %w", err)
		}
	}
	defer t.removeStage()
	if err := os.MkdirAll(t.out, 0o755); err != nil {
		return err
	}
	rel := newReleaser()
	defer rel.wait()
	slices.SortFunc(t.staged, func(a, b staged) int { return strings.Compare(a.name, b.name) })
	moved := "" // the folder last moved whole, with a slash
	for _, s := range t.staged {
		if s.flat == "" && moved != "" && strings.HasPrefix(s.name, moved) {
			continue // moved with its folder
		}
		dir, err := t.place(s, rel)
		if err != nil {
			t.partial = t.partial || len(t.cleared) > 0
			return err
		}
		t.partial = true
		if dir != "" {
			moved = dir + "/"
		}
	}
	err := t.removeStale(rel)
	t.partial = t.partial || t.Stats.Removed > 0
	return err
}

// Partial reports whether a Commit that failed had changed the output
// before it failed: some files are the new build's, others the last's.
// A Commit that fails before it moves or removes any file leaves the
// output as it was.
func (t *Tx) Partial() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.partial && !t.committed
}

// removeStage removes the staging folder once its files are moved out,
// which leaves it holding only folders, most of them known: removing
// those one by one, deepest first, takes one system call each where
// os.RemoveAll takes several. What is left is removed by os.RemoveAll.
func (t *Tx) removeStage() {
	if len(t.moved) > 0 || len(t.dirs) > 0 {
		t.removeTree()
	}
	_ = rmdir(t.tree)
	if rmdir(t.stage) != nil {
		_ = os.RemoveAll(t.stage)
	}
}

// removeTree removes the folders made in the staging tree, and not moved
// into the output, deepest first.
func (t *Tx) removeTree() {
	dirs := slices.Collect(maps.Keys(t.dirs))
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, "/") - strings.Count(a, "/")
	})
	for _, d := range dirs {
		if !t.wasMoved(d) {
			_ = rmdir(filepath.Join(t.tree, filepath.FromSlash(d)))
		}
	}
}

// wasMoved reports whether Commit moved the staged folder dir, or a
// folder above it, into the output.
func (t *Tx) wasMoved(dir string) bool {
	for p := dir; p != "."; p = path.Dir(p) {
		if t.moved[p] {
			return true
		}
	}
	return false
}

// place renames the staged file s into the output. When a folder of its
// path is missing from the output, it instead moves that folder of the
// staging tree, with every file staged in it, and returns its name. The
// file that s replaces is freed by rel.
func (t *Tx) place(s staged, rel *releaser) (string, error) {
	if TestHookPlace != nil {
		if err := TestHookPlace(s.name); err != nil {
			return "", err
		}
	}
	src := s.flat
	if src == "" {
		src = filepath.Join(t.tree, filepath.FromSlash(s.name))
	}
	dst := filepath.Join(t.out, filepath.FromSlash(s.name))
	if !s.clear {
		if rel.free(dst, t.replaces(s.name), func() error { return rename(src, dst) }) == nil {
			return "", nil
		}
		// A folder is missing, or something is in the way after all.
	}
	dir, err := t.clearWay(s.name)
	if err != nil {
		return "", err
	}
	if dir == "" {
		return "", rename(src, dst)
	}
	if s.flat != "" {
		// The folder was there when Write looked, or something else
		// stood in its place: make it.
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		return "", rename(src, dst)
	}
	if err := rename(filepath.Join(t.tree, filepath.FromSlash(dir)), filepath.Join(t.out, filepath.FromSlash(dir))); err != nil {
		return "", err
	}
	t.moved[dir] = true
	return dir, nil
}

// replaces reports whether the listing of the output found a regular file
// at the place of the file name, which Commit then replaces or removes.
func (t *Tx) replaces(name string) bool { return t.list[name] == kindFile }

// releaser closes the files that Commit held open across their
// replacement or removal (see replace_linux.go) on goroutines of its own,
// so that freeing them, and waiting for the disk to discard their blocks,
// is done a few at a time while Commit goes on with the next files.
type releaser struct {
	fds chan int
	wg  sync.WaitGroup
}

// releasers is how many files a releaser closes at once.
const releasers = 4

// newReleaser starts a releaser; wait stops it.
func newReleaser() *releaser {
	r := &releaser{fds: make(chan int, 64)}
	for range releasers {
		r.wg.Go(func() {
			for fd := range r.fds {
				releaseFile(fd)
			}
		})
	}
	return r
}

// free runs op, which replaces or removes the file name. With hold, it
// holds the file open across op and has it closed soon after, so that the
// file is freed then, and not by op.
func (r *releaser) free(name string, hold bool, op func() error) error {
	fd := -1
	if hold {
		fd = holdFile(name)
	}
	err := op()
	if fd >= 0 {
		r.fds <- fd
	}
	return err
}

// wait returns once every file released is closed.
func (r *releaser) wait() {
	close(r.fds)
	r.wg.Wait()
}

// clearWay makes way in the output for the file name: it removes a file,
// link or special file that stands where a folder of its path must go, or
// a folder that stands where the file must go; both are left from an older
// build. It returns the first folder of the path that the output lacks
// (once cleared), or "" when the output has them all.
func (t *Tx) clearWay(name string) (string, error) {
	for i := 0; ; {
		j := strings.IndexByte(name[i:], '/')
		if j < 0 {
			break
		}
		dir := name[:i+j]
		p := filepath.Join(t.out, filepath.FromSlash(dir))
		info, err := os.Lstat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return dir, nil
		case err != nil:
			return "", err
		case !info.IsDir():
			if err := os.Remove(p); err != nil {
				return "", err
			}
			t.cleared[dir] = true
			return dir, nil
		}
		i += j + 1
	}
	dst := filepath.Join(t.out, filepath.FromSlash(name))
	if info, err := os.Lstat(dst); err == nil && info.IsDir() {
		t.cleared[name] = true
		return "", os.RemoveAll(dst)
	}
	return "", nil
}

// removeStale deletes every listed file under the output that this build
// did not write and that the transaction owns, and then the folders left
// empty. A regular file is freed by r, as a replaced one is.
func (t *Tx) removeStale(r *releaser) error {
	var errs []error
	// Folders that may be empty now, by depth.
	var byDepth [][]string
	seen := map[string]bool{}
	maybeEmpty := func(dir string) {
		if dir == "." || dir == "" || seen[dir] || t.list[dir] != kindDir || !t.mayOwn(dir) {
			return
		}
		seen[dir] = true
		d := strings.Count(dir, "/")
		for len(byDepth) <= d {
			byDepth = append(byDepth, nil)
		}
		byDepth[d] = append(byDepth[d], dir)
	}
	for _, dir := range t.emptyDirs {
		maybeEmpty(dir)
	}
	var folded map[string]string
	for rel, k := range t.list {
		if (k != kindFile && k != kindOther) || t.written[rel] || !t.scoped(rel) || t.wasCleared(rel) {
			continue
		}
		if !t.owns(rel) {
			t.Kept = append(t.Kept, rel)
			continue
		}
		if folded == nil {
			folded = t.foldWritten()
		}
		if w, ok := folded[strings.ToLower(rel)]; ok && t.sameFile(rel, w) {
			// A file system that ignores case found the written file
			// at the old name: it is the same file.
			continue
		}
		p := filepath.Join(t.out, filepath.FromSlash(rel))
		err := r.free(p, k == kindFile, func() error { return unlink(p) })
		switch {
		case err == nil:
			t.Stats.Removed++
			maybeEmpty(path.Dir(rel))
		case !errors.Is(err, fs.ErrNotExist):
			errs = append(errs, err)
		}
	}
	slices.Sort(t.Kept)
	// Deepest first, so that parents empty out before they are tried.
	for d := len(byDepth) - 1; d >= 0; d-- {
		for _, dir := range byDepth[d] {
			// rmdir removes nothing but an empty folder, whatever
			// replaced this one.
			if rmdir(filepath.Join(t.out, filepath.FromSlash(dir))) == nil {
				maybeEmpty(path.Dir(dir))
			}
		}
	}
	return errors.Join(errs...)
}

// foldWritten maps the written names, in lower case, to the names.
func (t *Tx) foldWritten() map[string]string {
	m := make(map[string]string, len(t.written))
	for name := range t.written {
		m[strings.ToLower(name)] = name
	}
	return m
}

// sameFile reports whether the output's paths a and b are the same file.
func (t *Tx) sameFile(a, b string) bool {
	ia, err := os.Lstat(filepath.Join(t.out, filepath.FromSlash(a)))
	if err != nil {
		return false
	}
	ib, err := os.Lstat(filepath.Join(t.out, filepath.FromSlash(b)))
	return err == nil && os.SameFile(ia, ib)
}

// wasCleared reports whether Commit removed rel, or a folder above it, to
// make way for a file.
func (t *Tx) wasCleared(rel string) bool {
	if len(t.cleared) == 0 {
		return false
	}
	for p := rel; p != "."; p = path.Dir(p) {
		if t.cleared[p] {
			return true
		}
	}
	return false
}

// Abort discards the staged files; the output folder is left untouched.
func (t *Tx) Abort() {
	t.done = true
	os.RemoveAll(t.stage)
}

// bufPool holds buffers for comparing files.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// equalContent reports whether read, a reader of a file, yields exactly
// data and then the end, where it returns 0, io.EOF. It asks for one byte
// more than data holds, so that a file longer than data is found out.
func equalContent(read func([]byte) (int, error), data []byte) bool {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	for off := 0; ; {
		n, err := read(buf[:min(len(buf), len(data)-off+1)])
		if n > 0 {
			if off+n > len(data) || !bytes.Equal(buf[:n], data[off:off+n]) {
				return false
			}
			off += n
		}
		if err == io.EOF {
			return off == len(data)
		}
		if err != nil {
			return false
		}
	}
}
