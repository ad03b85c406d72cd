//go:build linux

package publish

import "golang.org/x/sys/unix"

// Replacing a file costs ext4 two slow steps inside rename(2), which
// Commit calls for one file after another: before it replaces a file, it
// writes the new file's data to disk (the auto_da_alloc mount option, on
// by default), and once replaced, the old file is freed, which on a disk
// mounted with discard and without a journal waits for the disk to
// discard its blocks. Commit holds the file it replaces open across the
// rename, so that the old file is freed when a releaser goroutine closes
// it, a few at a time, and not by rename. (Starting the new files'
// writeback in the writers that stage them was tried too: it took a
// further third off Commit but added as much to the writers' time.)

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
