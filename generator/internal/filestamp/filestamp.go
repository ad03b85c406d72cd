// Package filestamp tells whether a file changed since it was last seen,
// from what the file system says of it, without reading it.
package filestamp

import "io/fs"

// Stamp is what the file system says of a file that changes whenever the
// file is written.
type Stamp struct {
	Size, ModTime, Change, Inode int64
}

// Of returns the stamp of a file, and whether it can be trusted to change
// whenever the file is written (see the system-specific notes on of).
func Of(info fs.FileInfo) (Stamp, bool) {
	st := Stamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	return of(info, st)
}
