//go:build linux

package content

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// viaFS is a folder read through its fs.FS alone, as Load and LoadFile
// read any file system but DirFS's (and as they read every folder before
// loadOS), with its Stat, so that a FIFO is not opened.
type viaFS struct{ fsys fs.FS }

func (v viaFS) Open(name string) (fs.File, error)          { return v.fsys.Open(name) }
func (v viaFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(v.fsys, name) }
func (v viaFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(v.fsys, name) }

// osFolder writes a content folder of every kind of file Load meets: the
// bundled reports, files with CR line ends and a byte order mark, broken
// and empty files, drafts, a file that is not UTF-8, a FIFO, links to a
// file, to nothing and to themselves, and (when not root) a file that
// cannot be read.
func osFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range testseeds.Reports(t) {
		write(t, filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(f.Name, "content/"))), string(f.Data))
	}
	const full = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\ntitle: \"标题\"\nsource: https://example.org/a b\n" +
		"spending:\n  total: 12.5\nevidence:\n  spending.total: \"支出12.5万元\"\nreview: [核对, \"再核对\"]\n---\n正文\n"
	for name, data := range map[string]string{
		"x/full.md":    full,
		"x/crlf.md":    strings.ReplaceAll(full, "\n", "\r\n"),
		"x/bom.md":     "\ufeff" + full,
		"x/draft.md":   "---\ndraft: true\ncounty: 乙县\n---\n",
		"x/broken.md":  "---\ncounty: [\n---\n",
		"x/empty.md":   "",
		"x/gbk.md":     "---\ncounty: \xbc\xd7\xcf\xd8\n---\n",
		"x/keys.md":    "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\nfoo: 1\nspending: {bar: 2}\n---\n",
		"x/nobody.md":  "---\ncounty: 甲县\ndepartment: 局\nyear: 2020\ntype: 整体支出\n---",
		"y/target.txt": full,
	} {
		write(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "x", "pipe.md"), 0o644); err != nil {
		t.Logf("no FIFO: %v", err)
	}
	for link, target := range map[string]string{"x/link.md": "../y/target.txt", "x/dangling.md": "nothing.md", "x/self.md": "self.md"} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	if os.Geteuid() != 0 {
		write(t, filepath.Join(dir, "x", "secret.md"), full)
		if err := os.Chmod(filepath.Join(dir, "x", "secret.md"), 0); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestOSFilesAreReadAsThroughTheFS: Load and LoadFile give the same
// reports and errors for a folder of the operating system whether they
// read it themselves (loadOS) or through its fs.FS, lean or not, with a
// cache or not; and a cache reuses what loadOS read.
func TestOSFilesAreReadAsThroughTheFS(t *testing.T) {
	dir := osFolder(t)
	if _, ok := osDir(os.DirFS(dir)); ok {
		t.Fatal("a plain os.DirFS is taken for DirFS")
	}
	if _, ok := osDir(DirFS(dir)); !ok {
		t.Fatal("DirFS is not recognised")
	}
	for _, lean := range []bool{false, true} {
		for _, cached := range []bool{false, true} {
			t.Run(fmt.Sprintf("lean %v, cache %v", lean, cached), func(t *testing.T) {
				opt := func() Options {
					o := Options{Prefix: "content/", Lean: lean, Drafts: true}
					if cached {
						o.Cache = NewCache()
					}
					return o
				}
				osOpt, fsOpt := opt(), opt()
				for round := range 2 {
					got, gotErr := Load(context.Background(), DirFS(dir), osOpt)
					want, wantErr := Load(context.Background(), viaFS{os.DirFS(dir)}, fsOpt)
					if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
						t.Fatalf("round %d: errors differ:\n%v\nthrough the fs.FS:\n%v", round, gotErr, wantErr)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("round %d: reports differ", round)
					}
					if len(got) < 5 || gotErr == nil {
						t.Fatalf("round %d: %d reports, error %v", round, len(got), gotErr)
					}
					if cached && round == 1 && osOpt.Cache.Reused() != fsOpt.Cache.Reused() {
						t.Errorf("reused %d files; %d through the fs.FS", osOpt.Cache.Reused(), fsOpt.Cache.Reused())
					}
				}
			})
		}
	}
	names, _ := Files(os.DirFS(dir))
	names = append(names, "x/missing.md", "x", "y/target.txt", "../x/full.md", "x//full.md", "x/full.md\x00", "")
	for _, name := range names {
		got, gotErr := LoadFile(DirFS(dir), name, "content/"+name)
		want, wantErr := LoadFile(viaFS{os.DirFS(dir)}, name, "content/"+name)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !reflect.DeepEqual(got, want) {
			t.Errorf("LoadFile(%q): %v\nthrough the fs.FS: %v", name, gotErr, wantErr)
		}
	}
	// A folder named with a slash at its end, as os.DirFS allows.
	got, gotErr := LoadFile(DirFS(dir+"/"), "x/full.md", "content/x/full.md")
	want, wantErr := LoadFile(viaFS{os.DirFS(dir + "/")}, "x/full.md", "content/x/full.md")
	if gotErr != nil || wantErr != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("with a trailing slash: %v; through the fs.FS: %v", gotErr, wantErr)
	}
}

// TestStatInfoIsOSStat: the FileInfo that loadOS makes of an fstat is the
// one os.Stat gives, as far as a cache's stamps and loadFile look.
func TestStatInfoIsOSStat(t *testing.T) {
	dir := osFolder(t)
	for _, name := range []string{"x/full.md", "x/link.md", "x", "x/pipe.md"} {
		want, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			continue
		}
		info := statInfo{name: name}
		if err := stat(filepath.Join(dir, filepath.FromSlash(name)), &info.sys); err != nil {
			t.Fatal(err)
		}
		if info.Name() != want.Name() || info.Size() != want.Size() || info.Mode() != want.Mode() ||
			!info.ModTime().Equal(want.ModTime()) || info.IsDir() != want.IsDir() ||
			!reflect.DeepEqual(info.Sys(), want.Sys()) {
			t.Errorf("%s: %v %d %v %v; os.Stat: %v %d %v %v", name, info.Name(), info.Size(), info.Mode(), info.ModTime(),
				want.Name(), want.Size(), want.Mode(), want.ModTime())
		}
	}
}
