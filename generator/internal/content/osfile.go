package content

import (
	"io/fs"
	"os"
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
