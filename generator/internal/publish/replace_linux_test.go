//go:build linux

package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestHoldFileKeepsTheFile checks that a handle of holdFile keeps a file
// that is then replaced: the replaced file is not freed until the handle
// is closed.
func TestHoldFileKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "page.html")
	if err := os.WriteFile(name, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := lstat(t, name).Sys().(*syscall.Stat_t)
	fd := holdFile(name)
	if fd < 0 {
		t.Fatal("holdFile failed on a regular file")
	}
	if err := os.WriteFile(filepath.Join(dir, "new"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rename(filepath.Join(dir, "new"), name); err != nil {
		t.Fatal(err)
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		t.Fatalf("the held file is gone: %v", err)
	}
	if st.Ino != before.Ino || st.Nlink != 0 {
		t.Errorf("held inode %d with %d links, want inode %d replaced (0 links)", st.Ino, st.Nlink, before.Ino)
	}
	releaseFile(fd)
	if err := syscall.Fstat(fd, &st); err == nil {
		t.Error("the handle is still open after releaseFile")
	}
}

// TestHoldFileDoesNotBlock checks that holdFile neither blocks on a named
// pipe nor follows a link, and fails on a missing file.
func TestHoldFileDoesNotBlock(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := mkfifo(fifo); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- holdFile(fifo) }()
	select {
	case fd := <-done:
		if fd < 0 {
			t.Error("holdFile failed on a named pipe")
		}
		releaseFile(fd)
	case <-time.After(5 * time.Second):
		t.Fatal("holdFile blocked on a named pipe")
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink("/dev/null", link); err != nil {
		t.Fatal(err)
	}
	fd := holdFile(link)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFLNK {
		t.Errorf("holdFile of a link: mode %o, %v; want the link itself", st.Mode, err)
	}
	releaseFile(fd)
	if fd := holdFile(filepath.Join(dir, "missing")); fd != -1 {
		t.Errorf("holdFile of a missing file = %d, want -1", fd)
	}
}

// TestCommitReleasesReplacedFiles checks that Commit closes every file it
// held across a replacement or a removal before it returns.
func TestCommitReleasesReplacedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	v1, v2 := map[string]string{}, map[string]string{}
	for i := range 300 {
		name := fmt.Sprintf("reports/c%d/%03d.html", i%7, i)
		v1[name], v2[name] = "v1 "+name, "v2 "+name
		if i%3 == 0 {
			v1[fmt.Sprintf("gone/c%d/%03d.html", i%5, i)] = "stale"
		}
	}
	publishFiles(t, out, v1, nil, "")
	fds := openFiles(t)
	tx := begin(t, out)
	writeAll(t, tx, v2)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := openFiles(t); got != fds {
		t.Errorf("%d files open after Commit, %d before Begin", got, fds)
	}
	if tx.Stats.Written != len(v2) || tx.Stats.Removed != 100 {
		t.Errorf("stats %+v, want %d written, 100 removed", tx.Stats, len(v2))
	}
	if got := readTree(t, out); len(got) != len(withDirs(v2)) {
		t.Errorf("output has %d entries, want %d", len(got), len(withDirs(v2)))
	}
	for name, data := range v2 {
		if got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name))); err != nil || string(got) != data {
			t.Errorf("%s = %q, %v; want %q", name, got, err, data)
		}
	}
}

// openFiles counts this process's open files.
func openFiles(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
