package filestamp

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"
	"time"
)

// A file rewritten with the same size and modification time gets another
// stamp; one left alone keeps its stamp.
func TestStampChangesWhenTheFileIsWritten(t *testing.T) {
	name := filepath.Join(t.TempDir(), "a.md")
	if err := os.WriteFile(name, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	stamp := func() (Stamp, bool) {
		info, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return Of(info)
	}
	before, trusted := stamp()
	if runtime.GOOS == "linux" && !trusted {
		t.Fatal("a file's stamp is not trusted on Linux")
	}
	if !trusted {
		t.Skip("stamps are not trusted on", runtime.GOOS)
	}
	if again, _ := stamp(); again != before {
		t.Fatal("the stamp of a file left alone changed")
	}
	info, _ := os.Stat(name)
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(name, []byte("other"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if after, _ := stamp(); after == before {
		t.Error("the stamp did not change when the file was written with the same size and time")
	}
}

// A file system that says nothing of change times is not trusted.
func TestStampOfOtherFileSystems(t *testing.T) {
	fsys := fstest.MapFS{"a.md": {Data: []byte("x"), ModTime: time.Unix(1, 0)}}
	info, err := fsys.Stat("a.md")
	if err != nil {
		t.Fatal(err)
	}
	if st, trusted := Of(info); trusted || st.Size != 1 || st.ModTime != time.Unix(1, 0).UnixNano() {
		t.Errorf("stamp %+v, trusted %v", st, trusted)
	}
}
