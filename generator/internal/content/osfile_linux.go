package content

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"syscall"
	"time"

	"github.com/countyperf/portal/generator/internal/report"
)

// loadOS is loadFile for the file at p in the folder dir of the operating
// system, read as os.DirFS(dir) reads it but with one system call for
// each step. Through the fs.FS, loadFile costs a stat of the path, then
// an open, in which os.Open looks up the path again and tries to register
// the file with the network poller, then a read and a close; loadOS
// opens the file, fstats it, reads it and closes it.
//
// The file is opened without waiting (O_NONBLOCK), so that a FIFO does not
// block the open, and the fstat then refuses it, as anything but a regular
// file is refused. Reads of a regular file ignore O_NONBLOCK.
//
// With a cache, a file that has not changed need not be opened at all:
// loadOS then stats the path first, as loadFile does.
//
// ok is false when loadOS did not load the file: when os.DirFS would
// refuse the name, or a system call failed before the file was read.
// loadFile then goes the usual way, which says what is wrong as it
// always has.
func loadOS(dir, p, name string, read readFunc, cache *Cache, keep keep, parse parser) (r *report.Report, err error, ok bool) {
	// As os.DirFS joins dir and p, but for the names it refuses.
	if dir == "" || !fs.ValidPath(p) || strings.IndexByte(p, 0) >= 0 {
		return nil, nil, false
	}
	full := dir + "/" + p
	if dir[len(dir)-1] == '/' {
		full = dir + p
	}
	if cache != nil {
		info := &statInfo{name: p}
		if stat(full, &info.sys) != nil {
			return nil, nil, false
		}
		if err := checkStat(name, &info.sys); err != nil {
			return nil, err, true
		}
		if r, err, ok := cache.get(name, info); ok {
			return r, err, true
		}
		fd, err := open(full)
		if err != nil {
			return nil, nil, false
		}
		r, err = readParseFD(fd, name, info.sys.Size, info, read, keep, parse)
		cache.put(name, info, r, err)
		return r, err, true
	}
	fd, err := open(full)
	if err != nil {
		return nil, nil, false
	}
	var st syscall.Stat_t
	if fstat(fd, &st) != nil {
		syscall.Close(fd)
		return nil, nil, false
	}
	if err := checkStat(name, &st); err != nil {
		syscall.Close(fd)
		return nil, err, true
	}
	// What the stat found is boxed only for read, which stamps the file
	// with it.
	var info fs.FileInfo
	if read != nil {
		info = &statInfo{name: p, sys: st}
	}
	r, err = readParseFD(fd, name, st.Size, info, read, keep, parse)
	return r, err, true
}

// checkStat refuses, as loadFile does, a file that is not a regular file
// or is too large.
func checkStat(name string, st *syscall.Stat_t) error {
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return notRegular(name)
	}
	if st.Size > MaxFileSize {
		return tooLarge(name, st.Size)
	}
	return nil
}

// readParseFD is readParse for the open regular file fd, of the size a
// stat found (info, which read is given), which it closes once read.
func readParseFD(fd int, name string, size int64, info fs.FileInfo, read readFunc, keep keep, parse parser) (*report.Report, error) {
	buf := getBuffer(size, keep)
	data, err := readInto(fdReader(fd), buf.bytes(), size, true)
	// As loadFile does not look at the error of closing a file it only
	// read.
	syscall.Close(fd)
	if err != nil {
		buf.put(data)
		return nil, fmt.Errorf("%s: %w (无法读取这个文件)", name, err)
	}
	return parseData(name, data, info, buf, read, keep, parse)
}

// open opens the file name to read it, without waiting, retrying when a
// signal interrupts the call.
func open(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// stat is syscall.Stat, retried when a signal interrupts it.
func stat(name string, st *syscall.Stat_t) error {
	for {
		err := syscall.Stat(name, st)
		if err != syscall.EINTR {
			return err
		}
	}
}

// fstat is syscall.Fstat, retried when a signal interrupts it.
func fstat(fd int, st *syscall.Stat_t) error {
	for {
		err := syscall.Fstat(fd, st)
		if err != syscall.EINTR {
			return err
		}
	}
}

// maxRead is the most bytes read in one call, as in package os: some
// systems refuse larger counts.
const maxRead = 1 << 30

// fdReader reads the open file whose descriptor it is, as an *os.File
// does: io.EOF at the end, and a read interrupted by a signal is made
// again.
type fdReader int

func (fd fdReader) Read(b []byte) (int, error) {
	if len(b) > maxRead {
		b = b[:maxRead]
	}
	for {
		n, err := syscall.Read(int(fd), b)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(b) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// statInfo is the fs.FileInfo of a file that fstat described, as os.Stat
// makes it: a cache stamps files from it (see filestamp).
type statInfo struct {
	name string // as given to the fs.FS
	sys  syscall.Stat_t
}

func (fi *statInfo) Name() string       { return path.Base(fi.name) }
func (fi *statInfo) Size() int64        { return fi.sys.Size }
func (fi *statInfo) ModTime() time.Time { return time.Unix(fi.sys.Mtim.Unix()) }
func (fi *statInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *statInfo) Sys() any           { return &fi.sys }

// Mode returns the file's mode as os.Stat gives it.
func (fi *statInfo) Mode() fs.FileMode {
	m := fs.FileMode(fi.sys.Mode & 0o777)
	switch fi.sys.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		m |= fs.ModeDevice
	case syscall.S_IFCHR:
		m |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		m |= fs.ModeDir
	case syscall.S_IFIFO:
		m |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		m |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		m |= fs.ModeSocket
	}
	if fi.sys.Mode&syscall.S_ISGID != 0 {
		m |= fs.ModeSetgid
	}
	if fi.sys.Mode&syscall.S_ISUID != 0 {
		m |= fs.ModeSetuid
	}
	if fi.sys.Mode&syscall.S_ISVTX != 0 {
		m |= fs.ModeSticky
	}
	return m
}
