//go:build linux

package publish

import (
	"io"
	"io/fs"
	"os"
	"syscall"
)

// The file operations of a transaction, made with system calls directly.
// os.OpenFile costs six system calls for a regular file on Linux (it tries
// to register the file with the network poller and puts it back in
// blocking mode) and os.Rename looks at the target first; these make one
// call for each step.

// open opens the file name with system call open, retrying when a signal
// interrupts it.
func open(name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flags|syscall.O_CLOEXEC, perm)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

// maxRW is the most bytes read or written in one call, as in package os:
// some systems refuse larger counts.
const maxRW = 1 << 30

// writeFile writes data to the file name, creating it or emptying it
// first, with ordinary writes (no sync), and returns its modification
// time once written (-1 when a stat of it fails).
func writeFile(name string, data []byte) (int64, error) {
	fd, err := open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data[:min(len(data), maxRW)])
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return 0, &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	mod := int64(-1)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err == nil {
		mod = st.Mtim.Nano()
	}
	if err := syscall.Close(fd); err != nil {
		return 0, &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return mod, nil
}

// equalFile reports whether the file name holds exactly data. Write calls
// it only once a stat found a regular file of the same size. It does not
// follow a symbolic link.
func equalFile(name string, data []byte) bool {
	fd, err := open(name, syscall.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	return equalContent(func(b []byte) (int, error) {
		for {
			n, err := syscall.Read(fd, b)
			switch {
			case err == syscall.EINTR:
				continue
			case err != nil:
				return 0, err
			case n == 0:
				return 0, io.EOF
			}
			return n, nil
		}
	}, data)
}

// rename renames from to to with system call rename: it replaces a file,
// a link or an empty folder at to.
func rename(from, to string) error {
	for {
		err := syscall.Rename(from, to)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
		}
		return nil
	}
}

// readDir returns the entries of the folder name, in no particular order.
func readDir(name string) ([]fs.DirEntry, error) {
	fd, err := open(name, syscall.O_RDONLY|syscall.O_DIRECTORY, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	return f.ReadDir(-1)
}

// unlink removes the file, link or special file name; it fails on a
// folder.
func unlink(name string) error {
	if err := syscall.Unlink(name); err != nil {
		return &fs.PathError{Op: "unlink", Path: name, Err: err}
	}
	return nil
}

// rmdir removes the empty folder name; it fails on anything else.
func rmdir(name string) error {
	if err := syscall.Rmdir(name); err != nil {
		return &fs.PathError{Op: "rmdir", Path: name, Err: err}
	}
	return nil
}
