//go:build !linux

package publish

// On systems other than Linux, files are replaced by rename alone (see
// replace_linux.go).

func holdFile(name string) int { return -1 }

func releaseFile(fd int) {}
