package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"

	"github.com/countyperf/portal/generator/internal/filestamp"
	"github.com/countyperf/portal/generator/internal/report"
)

const good = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n正文\n"

func load(t *testing.T, fsys fs.FS) ([]string, error) {
	t.Helper()
	type result struct {
		files []string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		reports, err := Load(context.Background(), fsys, Options{Prefix: "content/"})
		var files []string
		for _, r := range reports {
			files = append(files, r.File)
		}
		done <- result{files, err}
	}()
	select {
	case r := <-done:
		return r.files, r.err
	case <-time.After(10 * time.Second):
		t.Fatal("Load did not return within 10s")
		return nil, nil
	}
}

func wantError(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one saying %q", wants)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\nlacks %q", err, w)
		}
	}
}

func TestFilesSkipsHiddenAndBackups(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":           {Data: []byte(good)},
		"b/c.md":         {Data: []byte(good)},
		".git/x.md":      {Data: []byte("x")},
		"_drafts/y.md":   {Data: []byte("x")},
		"b/.hidden.md":   {Data: []byte("x")},
		"b/backup.md~":   {Data: []byte("x")},
		"b/notes.txt":    {Data: []byte("x")},
		"b/_partial.md":  {Data: []byte("x")},
		"d/e/f/deep.md":  {Data: []byte(good)},
		"d/e/README.txt": {Data: []byte("x")},
	}
	files, err := Files(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(files, " "); got != "a.md b/c.md d/e/f/deep.md" {
		t.Errorf("Files = %s", got)
	}
}

// TestSymlinkLoop puts a link to its own folder under content: the loader
// must neither hang nor crash, and says what is wrong.
func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), good)
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("..", filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	_, err := load(t, DirFS(dir))
	wantError(t, err, "content/sub/loop: is a symbolic link to a folder; links to folders are not followed", "(这是指向文件夹的快捷方式（符号链接），不会被读取：请把文件夹移到 content 中，或删除这个链接)")
	// Reported together with the errors of the files.
	write(t, filepath.Join(dir, "sub", "bad.md"), "")
	_, err = load(t, DirFS(dir))
	wantError(t, err, "content/sub/loop: is a symbolic link", "content/sub/bad.md:1:1: empty file")
	if err := os.Remove(filepath.Join(dir, "sub", "bad.md")); err != nil {
		t.Fatal(err)
	}

	// A link to itself, named like a report.
	if err := os.Remove(filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("self.md", filepath.Join(dir, "sub", "self.md")); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, DirFS(dir))
	wantError(t, err, "content/sub/self.md:1:1: broken or looping symbolic link: too many levels of symbolic links (这个快捷方式（符号链接）失效或循环，请删除它)")

	// A link to a report file elsewhere in content is read like the
	// file.
	if err := os.Remove(filepath.Join(dir, "sub", "self.md")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "_shared", "other.md"), strings.Replace(good, "甲县", "乙县", 1))
	if err := os.Symlink("../_shared/other.md", filepath.Join(dir, "sub", "linked.md")); err != nil {
		t.Fatal(err)
	}
	files, err := load(t, DirFS(dir))
	if err != nil || strings.Join(files, " ") != "content/a.md content/sub/linked.md" {
		t.Errorf("with a linked file: %v, %v", files, err)
	}

	// A link to a file outside content is refused, unread: it could
	// publish any file of the machine that builds the site.
	outside := filepath.Join(t.TempDir(), "secret.md")
	write(t, outside, strings.Replace(good, "甲县", "秘密县", 1))
	if err := os.Symlink(outside, filepath.Join(dir, "sub", "outside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../"+filepath.Base(dir)+"-x/none.md", filepath.Join(dir, "sub", "broken.md")); err != nil {
		t.Fatal(err)
	}
	_, err = load(t, DirFS(dir))
	wantError(t, err, "content/sub/outside.md:1:1: is a symbolic link to "+outside+", outside content: copy the file into content",
		"content/sub/broken.md:1:1: broken or looping symbolic link")

	// The links' errors are file errors, in order of file among those of
	// the files read.
	write(t, filepath.Join(dir, "sub", "a.md"), "")
	write(t, filepath.Join(dir, "sub", "z.md"), "")
	_, err = load(t, DirFS(dir))
	var names []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		if re, ok := e.(*report.Error); !ok || re.Line != 1 {
			t.Errorf("error %q is not a file error at 1:1", e)
		}
		names = append(names, strings.SplitN(e.Error(), ":", 2)[0])
	}
	if got := strings.Join(names, " "); got != "content/sub/a.md content/sub/broken.md content/sub/outside.md content/sub/z.md" {
		t.Errorf("errors of %s", got)
	}
}

// TestUnreadableContent covers a content folder, or a folder inside it,
// that cannot be read. As root, permissions do not deny reading, so that
// sub-case is skipped; the others make the folder unreadable otherwise.
func TestUnreadableContent(t *testing.T) {
	t.Run("not a folder", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "content")
		write(t, file, good)
		_, err := load(t, DirFS(file))
		wantError(t, err, "content: is not a folder")
	})
	t.Run("missing", func(t *testing.T) {
		_, err := load(t, DirFS(filepath.Join(t.TempDir(), "nothing")))
		wantError(t, err, "content: cannot read the folder: no such file or directory")
	})
	t.Run("empty", func(t *testing.T) {
		_, err := load(t, DirFS(t.TempDir()))
		wantError(t, err, "content: no report files (*.md) found")
	})
	t.Run("failing file system", func(t *testing.T) {
		fsys := failingFS{fstest.MapFS{"a.md": {Data: []byte(good)}, "sub/b.md": {Data: []byte(good)}}, "sub"}
		_, err := load(t, fsys)
		wantError(t, err, "content/sub: cannot read the folder: permission denied")
	})
	t.Run("permission denied", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root, which chmod 000 does not stop; the failing file system sub-test covers the error")
		}
		dir := t.TempDir()
		write(t, filepath.Join(dir, "a.md"), good)
		write(t, filepath.Join(dir, "sub", "b.md"), good)
		write(t, filepath.Join(dir, "c.md"), good)
		if err := os.Chmod(filepath.Join(dir, "sub"), 0); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, "c.md"), 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(filepath.Join(dir, "sub"), 0o755) })
		_, err := load(t, DirFS(dir))
		wantError(t, err, "content/sub: cannot read the folder: permission denied", "content/c.md: permission denied")
	})
}

// failingFS fails to read the folder bad, as a folder without permission
// does.
type failingFS struct {
	fstest.MapFS
	bad string
}

func (f failingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.Open(name)
}

// TestLargeFileIsNotRead gives a file larger than MaxFileSize: the error
// says so without reading any of it. A file that says it is small but
// goes on is read only up to the limit.
func TestLargeFileIsNotRead(t *testing.T) {
	big := &hugeFS{size: 50 << 20, claim: 50 << 20}
	_, err := load(t, big)
	wantError(t, err, "content/big.md:1:1: file is 50.0 MB; a report file may be at most 8 MB (文件过大：报告文件最大 8 MB)")
	if big.read != 0 {
		t.Errorf("read %d bytes of a file known to be too large", big.read)
	}

	liar := &hugeFS{size: 50 << 20, claim: 1000}
	_, err = load(t, liar)
	wantError(t, err, "content/big.md:1:1: file is larger than 8 MB, the most a report file may be (文件过大：报告文件最大 8 MB)")
	if liar.read > MaxFileSize+64<<10 {
		t.Errorf("read %d bytes of a growing file; want at most about %d", liar.read, MaxFileSize)
	}
}

// hugeFS holds one file, big.md, of size bytes of front matter that never
// closes; its Stat says claim bytes. It counts the bytes read.
type hugeFS struct {
	size, claim int64
	read        int64
}

func (h *hugeFS) Open(name string) (fs.File, error) {
	switch name {
	case ".":
		return &hugeDir{}, nil
	case "big.md":
		return &hugeFile{fs: h}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type hugeDir struct{ done bool }

func (d *hugeDir) Stat() (fs.FileInfo, error) { return fileInfo{"content", 0, fs.ModeDir}, nil }
func (d *hugeDir) Read([]byte) (int, error)   { return 0, errors.New("is a folder") }
func (d *hugeDir) Close() error               { return nil }
func (d *hugeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.done {
		return nil, io.EOF
	}
	d.done = true
	return []fs.DirEntry{fs.FileInfoToDirEntry(fileInfo{"big.md", 0, 0})}, nil
}

type hugeFile struct {
	fs  *hugeFS
	off int64
}

func (f *hugeFile) Stat() (fs.FileInfo, error) { return fileInfo{"big.md", f.fs.claim, 0}, nil }
func (f *hugeFile) Close() error               { return nil }
func (f *hugeFile) Read(p []byte) (int, error) {
	if f.off >= f.fs.size {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > f.fs.size-f.off {
		n = f.fs.size - f.off
	}
	for i := range p[:n] {
		p[i] = 'x'
	}
	if f.off == 0 && n >= 4 {
		copy(p, "---\n")
	}
	f.off += n
	f.fs.read += n
	return int(n), nil
}

type fileInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.mode.IsDir() }
func (i fileInfo) Sys() any           { return nil }

// TestFIFO names a pipe like a report: reading it would block forever.
func TestFIFO(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.md"), good)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Skipf("no FIFO: %v", err)
	}
	_, err := load(t, DirFS(dir))
	wantError(t, err, "content/pipe.md:1:1: not a regular file (这不是普通文件，请删除或改名)")
}

// TestErrorsNameTheFile checks that every error Load returns begins with
// the file's name as the build prints it.
func TestErrorsNameTheFile(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":     {Data: []byte(good)},
		"b/c.md":   {Data: []byte("no front matter")},
		"b/d.md":   {Data: []byte("---\ncounty: [\n---\n")},
		"e.md":     {Data: []byte("\xff\xfe-\x00-\x00")},
		"f/g.md":   {Data: []byte{}},
		"h.md":     {Data: []byte("---\ncounty: 甲县\n")},
		"dir.md/x": {Data: []byte("x")},
	}
	_, err := load(t, fsys)
	if err == nil {
		t.Fatal("no error")
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		if !strings.HasPrefix(line, "content/") {
			t.Errorf("error line %q does not begin with the file name", line)
		}
	}
	for _, w := range []string{"content/b/c.md:1:1: no front matter", "content/b/d.md:2:", "content/e.md:1:1: the file is UTF-16",
		"content/f/g.md:1:1: empty file", "content/h.md:1:1: unclosed front matter"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\nlacks %q", err, w)
		}
	}
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A lean load keeps the figures and lets the body and evidence go;
// LoadFile reads them again.
func TestLeanLoadAndReadAgain(t *testing.T) {
	const file = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\nspending:\n  total: 12.5\nevidence:\n  spending.total: \"支出12.5万元\"\n---\n正文\n"
	fsys := fstest.MapFS{"a.md": {Data: []byte(file)}}
	reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
	if err != nil {
		t.Fatal(err)
	}
	r := reports[0]
	if r.Body != nil || r.Evidence != nil || r.Spending.Total.V.String() != "12.5" {
		t.Errorf("lean report: body %q, evidence %v, total %v", r.Body, r.Evidence, r.Spending.Total.V)
	}
	full, err := LoadFile(fsys, "a.md", r.File)
	if err != nil {
		t.Fatal(err)
	}
	if string(full.Body) != "正文\n" || full.Evidence["spending.total"] != "支出12.5万元" || full.File != "content/a.md" {
		t.Errorf("read again: body %q, evidence %v, file %s", full.Body, full.Evidence, full.File)
	}
}

// Options.Read is given the bytes of every report file read, named as in
// Report.File, drafts and files that fail to parse included, with what a
// stat of the file found: from a folder of the operating system, the
// stamp a build records for it.
func TestLoadGivesTheBytesRead(t *testing.T) {
	const ok = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n---\n正文\n"
	const draft = "---\ndraft: true\ncounty: 乙县\n---\n"
	const broken = "---\ncounty: [\n---\n"
	files := map[string]string{"a.md": ok, "sub/b.md": draft, "c.md": broken, "notes.txt": "not a report"}
	mapFS := fstest.MapFS{}
	dir := t.TempDir()
	for name, data := range files {
		mapFS[name] = &fstest.MapFile{Data: []byte(data)}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for fsName, fsys := range map[string]fs.FS{"MapFS": mapFS, "DirFS": DirFS(dir)} {
		var mu sync.Mutex
		got := map[string]string{}
		_, err := Load(context.Background(), fsys, Options{Prefix: "content/", Read: func(name string, data []byte, info fs.FileInfo) {
			mu.Lock()
			defer mu.Unlock()
			got[name] = string(data)
			if info == nil || info.Size() != int64(len(data)) || !info.Mode().IsRegular() {
				t.Errorf("%s: %s: info %v for %d bytes", fsName, name, info, len(data))
				return
			}
			if fsName != "DirFS" {
				return
			}
			want, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "content/"))))
			if err != nil {
				t.Fatal(err)
			}
			gs, gok := filestamp.Of(info)
			ws, wok := filestamp.Of(want)
			if gs != ws || gok != wok {
				t.Errorf("%s: stamp %+v (%v), a stat finds %+v (%v)", name, gs, gok, ws, wok)
			}
		}})
		if err == nil {
			t.Fatalf("%s: the broken file is not an error", fsName)
		}
		want := map[string]string{"content/a.md": ok, "content/sub/b.md": draft, "content/c.md": broken}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: read %q, want %q", fsName, got, want)
		}
	}
}

// TestReadFileReadsToTheEnd: readFile returns what io.ReadAll does, up to
// one byte more than MaxFileSize, whatever size the file was measured at
// and however little each read returns; and from a file of the operating
// system, whose size is known, it reads once.
func TestReadFileReadsToTheEnd(t *testing.T) {
	data := []byte(strings.Repeat(good, 40))
	for _, size := range []int64{0, 1, 100, int64(len(data)) - 1, int64(len(data)), int64(len(data)) + 1, 1 << 20} {
		for name, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(data) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
			"EOF with data": func() io.Reader {
				return iotest.DataErrReader(bytes.NewReader(data))
			},
		} {
			got, err := readFile(r(), size, false)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s, size %d: read %d bytes, %v; want %d", name, size, len(got), err, len(data))
			}
		}
	}
	_, err := readFile(iotest.ErrReader(errors.New("boom")), 10, false)
	if err == nil || err.Error() != "boom" {
		t.Errorf("error %v, want boom", err)
	}
	big := &hugeFile{fs: &hugeFS{size: 50 << 20}}
	got, err := readFile(big, 100, false)
	if err != nil || len(got) != MaxFileSize+1 {
		t.Errorf("growing file: read %d bytes, %v; want %d", len(got), err, MaxFileSize+1)
	}

	name := filepath.Join(t.TempDir(), "a.md")
	write(t, name, string(data))
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counted := &countingReader{r: f}
	got, err = readFile(counted, int64(len(data)), true)
	if err != nil || !bytes.Equal(got, data) || counted.reads != 1 {
		t.Errorf("read %d bytes in %d reads, %v; want %d in 1", len(got), counted.reads, err, len(data))
	}
}

type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

// With Options.Mentioning, Load parses only the files that may give the
// name: those holding it, and those holding a backslash, with which YAML
// may write it otherwise; the others give neither a report nor an error.
// Drafts are still given to OnDraft.
func TestLoadMentioning(t *testing.T) {
	file := func(county, extra string) []byte {
		return []byte("---\ncounty: " + county + "\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n" + extra + "---\n正文\n")
	}
	fsys := fstest.MapFS{
		"a.md":          {Data: file("桃源县", "")},
		"b.md":          {Data: file("汉寿县", "")},
		"sub/escape.md": {Data: file(`"\u6843源县"`, "")},
		"broken.md":     {Data: file("汉寿县", "score: 九十\n")},
		"mine.md":       {Data: file("桃源县", "score: 九十\n")},
		"draft.md":      {Data: file("桃源县", "draft: true\n")},
	}
	for _, dir := range []fs.FS{fsys, folderOf(t, fsys)} {
		var drafts []string
		reports, err := Load(context.Background(), dir, Options{Prefix: "content/", Lean: true, Mentioning: "桃源县",
			OnDraft: func(r *report.Report) { drafts = append(drafts, r.File) }})
		var got []string
		for _, r := range reports {
			got = append(got, r.File+" "+r.County)
		}
		if strings.Join(got, ", ") != "content/a.md 桃源县, content/sub/escape.md 桃源县" || strings.Join(drafts, " ") != "content/draft.md" {
			t.Errorf("reports %q, drafts %q", got, drafts)
		}
		if err == nil || !strings.Contains(err.Error(), "content/mine.md:") || strings.Contains(err.Error(), "broken.md") {
			t.Errorf("errors: %v", err)
		}
	}
}

// folderOf writes the files of fsys into a folder and returns it as
// DirFS makes it.
func folderOf(t *testing.T, fsys fstest.MapFS) fs.FS {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return DirFS(dir)
}

// A parse that panics, as a parser's bug reached by some file's bytes
// would, gives that file an error naming it, where the panic began and
// what it was (quoted, since it may hold the file's text), rather than
// ending the program.
func TestParserPanicIsAnErrorOfTheFile(t *testing.T) {
	testHookParse = func() { panic("a parser's bug\x1b[2J") }
	defer func() { testHookParse = nil }()
	fsys := fstest.MapFS{"a.md": {Data: []byte(good)}, "b/c.md": {Data: []byte(good)}}
	reports, err := Load(context.Background(), fsys, Options{Prefix: "content/", Lean: true})
	if len(reports) != 0 {
		t.Errorf("%d reports loaded", len(reports))
	}
	errs := flatten(err)
	if len(errs) != 2 {
		t.Fatalf("errors %q, want one for each file", errs)
	}
	for i, file := range []string{"content/a.md", "content/b/c.md"} {
		re, ok := errs[i].(*report.Error)
		if !ok || re.File != file || re.Line != 1 || re.Col != 1 {
			t.Errorf("error %d is %#v, want a *report.Error of %s at 1:1", i, errs[i], file)
			continue
		}
		for _, w := range []string{parserFault, `"a parser's bug\x1b[2J"`, "TestParserPanicIsAnErrorOfTheFile", "content_test.go:", "程序的问题"} {
			if !strings.Contains(re.Msg, w) {
				t.Errorf("error %q lacks %q", re, w)
			}
		}
		if strings.Contains(re.Msg, "\x1b") {
			t.Errorf("error %q holds the escape character unquoted", re)
		}
	}
}

// TestAbsoluteLinkInsideRelativeContent: content/ given by a relative
// path, as a build run in the project gives it, holding a link by an
// absolute path to a report file of its own: the file is inside, and is
// read like it.
func TestAbsoluteLinkInsideRelativeContent(t *testing.T) {
	project := t.TempDir()
	dir := filepath.Join(project, "content")
	write(t, filepath.Join(dir, "_shared", "other.md"), good)
	if err := os.Symlink(filepath.Join(dir, "_shared", "other.md"), filepath.Join(dir, "linked.md")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(project)
	files, err := load(t, DirFS("content"))
	if err != nil || strings.Join(files, " ") != "content/linked.md" {
		t.Errorf("a link by its absolute path, from content/ given as content: %v, %v", files, err)
	}
}
