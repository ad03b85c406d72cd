// Package publish writes a built site into its output folder so that a
// failed or interrupted build leaves the previous site exactly as it was.
//
// A Tx stages every file whose bytes changed in a temporary folder beside
// the output; files whose bytes are the same are not touched, so their
// modification times stay and deploy tools upload only what changed. Only
// Commit changes the output: it renames the staged files into place, each
// one atomically, and then removes the files the build no longer makes.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MaxNameBytes is the longest file or folder name written, in bytes: the
// limit of most file systems.
const MaxNameBytes = 255

// TestHookWrite, when set, is called after each Write with the file's
// name. Tests set it to interrupt a build part-way; it is nil otherwise.
var TestHookWrite func(name string)

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
type Tx struct {
	out, stage string

	mu      sync.Mutex
	written map[string]bool
	staged  []string
	// Stats counts what the transaction did.
	Stats Stats
	// Keep lists folders (such as "pagefind/") whose files this
	// transaction neither writes nor removes: another one owns them.
	Keep []string
	// Scope, when set (such as "pagefind/"), limits the removal of stale
	// files to that folder: the transaction owns only it.
	Scope string
}

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
	if info, err := os.Lstat(abs); err == nil && !info.IsDir() {
		return nil, fmt.Errorf("output %s exists and is not a folder", out)
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	removeOldStages(parent, "."+filepath.Base(abs)+".tmp-")
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Tx{out: abs, stage: stage, written: map[string]bool{}}, nil
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
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	for _, seg := range strings.Split(name, "/") {
		if len(seg) > MaxNameBytes {
			return fmt.Errorf("publish: output file name %s… is %d bytes long; file systems allow at most %d (shorten the county or department name it comes from, or set slug:)", truncate(seg, 60), len(seg), MaxNameBytes)
		}
	}
	if hook := TestHookWrite; hook != nil {
		defer hook(name)
	}
	t.mu.Lock()
	if t.written[name] {
		t.mu.Unlock()
		return fmt.Errorf("publish: %s is written twice", name)
	}
	t.written[name] = true
	t.mu.Unlock()

	dst := filepath.Join(t.out, filepath.FromSlash(name))
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
		t.mu.Lock()
		t.Stats.Unchanged++
		t.mu.Unlock()
		return nil
	}
	tmp := filepath.Join(t.stage, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(tmp), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	t.mu.Lock()
	t.staged = append(t.staged, name)
	t.Stats.Written++
	t.mu.Unlock()
	return nil
}

// Commit moves the staged files into the output folder and removes files
// the build did not write. It is the only step that changes the output.
func (t *Tx) Commit() error {
	defer os.RemoveAll(t.stage)
	if err := os.MkdirAll(t.out, 0o755); err != nil {
		return err
	}
	slices.Sort(t.staged)
	for _, name := range t.staged {
		dst := filepath.Join(t.out, filepath.FromSlash(name))
		if err := clearWay(t.out, dst); err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(t.stage, filepath.FromSlash(name)), dst); err != nil {
			return err
		}
	}
	return t.removeStale()
}

// clearWay removes a file that stands where a folder of dst must go, or a
// folder that stands where dst must go; both are left from an older build.
func clearWay(out, dst string) error {
	for d := filepath.Dir(dst); d != out && within(d, out); d = filepath.Dir(d) {
		if info, err := os.Lstat(d); err == nil && !info.IsDir() {
			if err := os.Remove(d); err != nil {
				return err
			}
		}
	}
	if info, err := os.Lstat(dst); err == nil && info.IsDir() {
		return os.RemoveAll(dst)
	}
	return nil
}

// removeStale deletes every file under the output that this build did not
// write, and then the folders left empty.
// owns reports whether the transaction may remove the file at rel.
func (t *Tx) owns(rel string) bool {
	for _, k := range t.Keep {
		if strings.HasPrefix(rel, k) {
			return false
		}
	}
	return t.Scope == "" || strings.HasPrefix(rel, t.Scope)
}

func (t *Tx) removeStale() error {
	var stale, dirs []string
	err := filepath.WalkDir(t.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(t.out, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				dirs = append(dirs, p)
			}
			return nil
		}
		if !t.written[rel] && t.owns(rel) {
			stale = append(stale, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			errs = append(errs, err)
		}
		t.Stats.Removed++
	}
	// Deepest first, so that parents empty out before they are tried.
	slices.SortFunc(dirs, func(a, b string) int {
		return strings.Count(b, string(filepath.Separator)) - strings.Count(a, string(filepath.Separator))
	})
	for _, d := range dirs {
		if entries, err := os.ReadDir(d); err == nil && len(entries) == 0 {
			_ = os.Remove(d)
		}
	}
	return errors.Join(errs...)
}

// Abort discards the staged files; the output folder is left untouched.
func (t *Tx) Abort() {
	os.RemoveAll(t.stage)
}
