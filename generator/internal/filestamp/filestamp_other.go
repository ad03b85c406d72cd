//go:build !linux

package filestamp

import "io/fs"

// of returns the stamp as it is. Outside Linux it is not trusted: a
// program can set a file's modification time back.
func of(info fs.FileInfo, st Stamp) (Stamp, bool) {
	return st, false
}
