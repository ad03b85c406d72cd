//go:build unix

package publish

import (
	"syscall"
	"time"
)

// cpuTime returns the processor time, user and system, this process has
// used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// settle writes the dirty pages of every file system to disk, so that a
// run does not compete with writing back the one before.
func settle() { syscall.Sync() }

// mkfifo makes a named pipe at path.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
