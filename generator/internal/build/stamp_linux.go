package build

import (
	"io/fs"
	"syscall"
)

// stampOf returns the stamp of a file as the file system describes it,
// and whether it can be trusted to change whenever the file is written:
// on Linux, the change time does, and no program can set it back.
func stampOf(info fs.FileInfo) (sourceStamp, bool) {
	st := sourceStamp{Size: info.Size(), ModTime: info.ModTime().UnixNano()}
	sys, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return st, false
	}
	st.Change = sys.Ctim.Nano()
	st.Inode = int64(sys.Ino)
	return st, true
}
