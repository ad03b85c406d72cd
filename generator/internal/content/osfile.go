package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// DirFS returns a file system of the folder dir, as os.DirFS(dir) does,
// whose report files Load and LoadFile read with fewer system calls where
// the operating system allows (see loadOS).
func DirFS(dir string) fs.FS { return osFS{os.DirFS(dir), dir} }

// osFS is os.DirFS(dir), with dir known to the loader. It forwards Stat,
// ReadFile and ReadDir, so that fs.Stat still does not open a file (a
// pipe would block the open).
type osFS struct {
	fsys fs.FS
	dir  string
}

func (f osFS) Open(name string) (fs.File, error)          { return f.fsys.Open(name) }
func (f osFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, name) }
func (f osFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(f.fsys, name) }
func (f osFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }

// osDir returns the folder of fsys when DirFS made it.
func osDir(fsys fs.FS) (string, bool) {
	f, ok := fsys.(osFS)
	return f.dir, ok
}

// linkOutside reports whether the symbolic link at p in fsys, a folder
// DirFS made, leads to a file outside that folder, and where it leads.
// Content comes from people who may not run the build (a CI building
// contributions), and a link to a file elsewhere would publish it.
func linkOutside(fsys fs.FS, p string) (target string, outside bool) {
	dir, ok := osDir(fsys)
	if !ok {
		return "", false
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", false
	}
	target, err = filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		return "", false // the caller has found it broken
	}
	// Both absolute: a link to /abs/path/content/x.md, from content/
	// given as a relative path, is inside it.
	if abs, err := filepath.Abs(base); err == nil {
		base = abs
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	rel, err := filepath.Rel(base, target)
	return target, err != nil || climbs(rel)
}
