//go:build linux

package publish

import "golang.org/x/sys/unix"

// Replacing a file costs ext4 two slow steps inside rename(2), which
// Commit calls for one file after another. Before it replaces a file,
// ext4 writes the new file's data to disk (the auto_da_alloc mount
// option, on by default), and once replaced, the old file is freed, which
// on a disk mounted with discard waits for the disk to discard its
// blocks. A staged file that will replace one is therefore sent to disk
// by the writer that made it, in parallel with the others, and Commit
// holds the file it replaces open across the rename, so that the old
// file is freed when a releaser goroutine closes it, not by rename.

// startWriteback starts writing the data of the file open as fd to disk,
// without waiting for it.
func startWriteback(fd int) {
	_ = unix.SyncFileRange(fd, 0, 0, unix.SYNC_FILE_RANGE_WRITE)
}

// holdFile opens the file name, without following a link, as a handle
// that neither reads nor writes it (O_PATH, which no permission and no
// kind of file refuses), so that the file is not freed while the handle is
// open. It returns -1 when the file cannot be opened.
func holdFile(name string) int {
	fd, err := open(name, unix.O_PATH|unix.O_NOFOLLOW, 0)
	if err != nil {
		return -1
	}
	return fd
}

// releaseFile closes a handle of holdFile.
func releaseFile(fd int) { _ = unix.Close(fd) }
