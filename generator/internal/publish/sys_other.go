//go:build !linux

package publish

import (
	"errors"
	"io/fs"
	"os"
)

// The file operations of a transaction, made with package os where system
// calls are not used directly.

// writeFile writes data to the file name, creating it or emptying it
// first, with ordinary writes (no sync), and returns its modification
// time once written (-1 when a stat of it fails).
func writeFile(name string, data []byte) (int64, error) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return 0, err
	}
	info, err := os.Stat(name)
	if err != nil {
		return -1, nil
	}
	return info.ModTime().UnixNano(), nil
}

// equalFile reports whether the file name holds exactly data. Write calls
// it only once a stat found a regular file of the same size.
func equalFile(name string, data []byte) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	return equalContent(f.Read, data)
}

// rename renames from to to, replacing a file at to.
func rename(from, to string) error {
	return os.Rename(from, to)
}

// readDir returns the entries of the folder name.
func readDir(name string) ([]fs.DirEntry, error) {
	return os.ReadDir(name)
}

// errIsDir is returned by unlink for a folder.
var errIsDir = errors.New("is a folder")

// unlink removes the file, link or special file name; it fails on a
// folder.
func unlink(name string) error {
	if info, err := os.Lstat(name); err == nil && info.IsDir() {
		return &fs.PathError{Op: "unlink", Path: name, Err: errIsDir}
	}
	return os.Remove(name)
}

// errNotDir is returned by rmdir for anything but a folder.
var errNotDir = errors.New("not a folder")

// rmdir removes the empty folder name; it fails on anything else.
func rmdir(name string) error {
	info, err := os.Lstat(name)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return &fs.PathError{Op: "rmdir", Path: name, Err: errNotDir}
	}
	return os.Remove(name)
}
