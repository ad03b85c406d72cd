package build_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
	"github.com/countyperf/portal/generator/internal/publish"
)

// header is the required front matter, without its closing line.
const header = "---\ncounty: 甲县\ndepartment: 财政局\nyear: 2020\ntype: 整体支出\n"

// output is a snapshot of an output folder: each file's bytes and
// modification time.
type output struct {
	files map[string]string
	times map[string]time.Time
}

func snapshot(t *testing.T, dir string) output {
	t.Helper()
	o := output{files: buildtest.Snapshot(t, dir), times: map[string]time.Time{}}
	for name := range o.files {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		o.times[name] = info.ModTime()
	}
	return o
}

// assertUntouched checks that the output is as it was, byte for byte and
// time for time, and that no staging folder is left beside it.
func assertUntouched(t *testing.T, p *buildtest.Project, before output) {
	t.Helper()
	after := snapshot(t, p.Out)
	if !maps.Equal(before.files, after.files) {
		for _, k := range slices.Sorted(maps.Keys(before.files)) {
			if before.files[k] != after.files[k] {
				t.Errorf("%s changed", k)
			}
		}
		t.Errorf("the output changed: %d files before, %d after", len(before.files), len(after.files))
	} else if !maps.EqualFunc(before.times, after.times, time.Time.Equal) {
		t.Error("a file of the output was rewritten")
	}
	assertNoStaging(t, p)
}

// buildWithin builds the project, failing the test if the build takes
// longer than d: hostile input must not make it hang.
func buildWithin(t *testing.T, p *buildtest.Project, d time.Duration) error {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := p.Build(build.Config{})
		done <- err
	}()
	select {
	case err := <-done:
		t.Logf("build failed in %v", time.Since(start).Round(time.Millisecond))
		return err
	case <-time.After(d):
		t.Fatalf("the build did not finish within %v", d)
		return nil
	}
}

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// billionLaughs is the YAML alias bomb: nine levels of nine aliases each,
// a billion strings if expanded.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(header)
	b.WriteString(`review: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		fmt.Fprintf(&b, "%s: &%s [%s]\n", name, name, strings.TrimSuffix(strings.Repeat("*"+prev+",", 9), ","))
		prev = name
	}
	b.WriteString("---\n")
	return b.String()
}

// TestBrokenInput builds a good site, adds one broken file, and checks that
// the build fails within a few seconds with an error naming the file (and
// line and column where there is one), and that the previous output is
// untouched, byte for byte and time for time, with no staging folder left.
func TestBrokenInput(t *testing.T) {
	cases := []struct {
		name, file string
		want       []string
	}{
		{"empty file", "", []string{"content/bad.md:1:1: empty file"}},
		{"only blank lines", "\n \n\t\n", []string{"content/bad.md:1:1: empty file"}},
		{"no front matter", "# 标题\n正文\n", []string{"content/bad.md:1:1: no front matter"}},
		{"unclosed", header + "正文\n", []string{"content/bad.md:1:1: unclosed front matter"}},
		{"unclosed and long", header + strings.Repeat("正文正文正文正文\n", 100000), []string{"content/bad.md:1:1: front matter is longer than 262144 bytes, or its closing '---' line is missing (前置信息过长"}},
		{"only the opening line", "---\n", []string{"content/bad.md:1:1: unclosed front matter"}},
		// '---' typed with a Chinese input method, or too long: the line
		// meant is named.
		{"closed by em dashes", header + "———\n正文\n", []string{"content/bad.md:6:1: line 6 (———) looks like the closing '---' line of the front matter, but only three ASCII hyphens make one: write --- (第 6 行应写成三个半角减号 ---，不是 ———)"}},
		{"closed by full-width hyphens", header + "score: 90\n　－－－　\n正文\n", []string{"content/bad.md:7:1: line 7 (－－－) looks like the closing"}},
		{"closed by four hyphens", header + "----\n", []string{"content/bad.md:6:1: line 6 (----) looks like the closing"}},
		{"closed by dashes, long", header + "——\n" + strings.Repeat("正文正文正文正文\n", 100000), []string{"content/bad.md:6:1: line 6 (——) looks like the closing"}},
		{"opened by dashes", "———\ncounty: 甲县\n---\n", []string{"content/bad.md:1:1: the first line (———) looks like the opening '---' line of the front matter, but only three ASCII hyphens make one: write --- (第一行应写成三个半角减号 ---，不是 ———)"}},
		{"empty front matter", "---\n---\n正文\n", []string{"content/bad.md:1:1: empty front matter"}},
		{"front matter not a mapping", "---\n- a\n- b\n---\n", []string{"content/bad.md:2:1: front matter must be a mapping"}},
		{"two documents", "---\ncounty: 甲县\n---\n", nil}, // the body starts after the first closing line
		{"billion laughs", billionLaughs(), []string{
			"content/bad.md:6:9: review: YAML anchors and aliases are not allowed",
			"content/bad.md:7:4: b: YAML anchors and aliases are not allowed",
		}},
		{"alias in a list", header + "review: [&x a, *x, *x]\n---\n", []string{"content/bad.md:6:10: review: YAML anchors and aliases are not allowed"}},
		{"merge key", header + "staff: {<<: {actual: 1}}\n---\n", []string{"content/bad.md:6:"}},
		{"tag", header + "title: !!binary 5Lit\n---\n", []string{"content/bad.md:6:8: title: YAML tags are not allowed"}},
		{"deep flow nesting", header + "review: " + strings.Repeat("[", 100000) + "\n---\n", []string{"content/bad.md:6:", "front matter is nested more than 16 levels deep"}},
		{"deep flow nesting over lines", header + "review: " + strings.Repeat("[\n", 50000) + "---\n", []string{"content/bad.md:22:1: front matter is nested more than 16 levels deep"}},
		{"deep flow nesting behind quotes", header + "review: " + strings.Repeat(`["]", `, 5000) + "\n---\n", []string{"content/bad.md:6:", "nested more than 16 levels"}},
		{"deep block nesting", header + "review:\n" + nestedBlock(200), []string{"content/bad.md:", "front matter is indented more than 16 levels deep"}},
		{"deep compact sequences", header + "review:\n  " + strings.Repeat("- ", 50000) + "x\n---\n", []string{"content/bad.md:7:", "nested more than 16 levels deep"}},
		{"deep complex keys", header + "review:\n  " + strings.Repeat("? ", 50000) + "x\n---\n", []string{"content/bad.md:7:"}},
		{"invalid UTF-8", header + "title: 甲\xff县\n---\n", []string{"content/bad.md:6:9: invalid UTF-8: save the file as UTF-8"}},
		{"GBK", gbk(t, header+"title: 桃源县行政审批服务局2020年整体支出绩效自评报告\n---\n## 概况\n正文\n"), []string{
			"content/bad.md:1:1: the file is not UTF-8 but looks like Chinese text in GBK", "save it as UTF-8", "iconv -f GBK -t UTF-8", "“另存为”时编码选 UTF-8"}},
		{"UTF-16", utf16(t, header+"---\n"), []string{"content/bad.md:1:1: the file is UTF-16, not UTF-8"}},
		{"control character", header + "title: 甲\x1b[31m县\n---\n", []string{"content/bad.md:6:9: the control character or noncharacter U+001B is not allowed"}},
		{"NUL in the body", header + "---\n正文\x00\n", []string{"content/bad.md:7:3: the control character or noncharacter U+0000"}},
		{"name too long", strings.Replace(header, "财政局", strings.Repeat("局", 5000), 1) + "---\n", []string{"content/bad.md:3:13: department: is 5000 characters long; at most 100 are accepted"}},
		{"title too long", header + "title: " + strings.Repeat("长", 10001) + "\n---\n", []string{"content/bad.md:6:8: title: is 10001 characters long; at most 10000"}},
		{"multi-line name", header + "prefecture: |\n  甲\n  乙\n---\n", []string{"content/bad.md:6:13: prefecture: expected text, got a block of text"}},
		{"Markdown link bomb", header + "---\n## 概况\n\n" + strings.Repeat("[a](", 100000) + "\n", []string{"content/bad.md:9:1: body: the paragraph has more than 500 emphasis marks (* or _) and link brackets ([); split it with blank lines"}},
		{"Markdown emphasis bomb", header + "---\n" + strings.Repeat("*a_", 100000) + "\n", []string{"content/bad.md:7:1: body: the paragraph has more than 500"}},
		{"Markdown nesting bomb", header + "---\n正文\n\n" + strings.Repeat("> ", 100000) + "x\n", []string{"content/bad.md:9:", "body: block quotes and lists are nested more than 32 levels deep"}},
		{"body too large", header + "---\n" + strings.Repeat("正文正文正文正文正文\n", 100000), []string{"content/bad.md:7:1: body: is 3027 KB; at most 2048 KB are accepted"}},
		{"many errors", header + manyKeys(100) + "---\n", []string{"content/bad.md:6:1: x0: unknown key", "content/bad.md: 80 more errors not shown"}},
		{"a folder named like a report", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := snapshot(t, p.Out)
			switch tc.name {
			case "two documents":
				// Accepted: what follows the closing line is the body.
				p.Write("content/bad.md", strings.Replace(good, "甲县", "乙县", 1)+"---\ncounty: 丙县\n---\n")
				p.MustBuild()
				return
			case "a folder named like a report":
				p.Write("content/dir.md/readme.txt", "x")
				p.MustBuild() // not a report: ignored
				return
			}
			p.Write("content/bad.md", tc.file)
			err := buildWithin(t, p, 10*time.Second)
			if err == nil {
				t.Fatal("build succeeded; want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %.600q\nlacks %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), "content/bad.md") {
				t.Errorf("error %.300q does not begin with the file's name", err)
			}
			if len(err.Error()) > 8000 {
				t.Errorf("error is %d bytes long", len(err.Error()))
			}
			assertUntouched(t, p, before)
		})
	}
}

// manyKeys returns n lines of unknown keys.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "x%d: 1\n", i)
	}
	return b.String()
}

// nestedBlock returns a block mapping n levels deep, indented two spaces a
// level.
func nestedBlock(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk%d:\n", strings.Repeat("  ", i+1), i)
	}
	fmt.Fprintf(&b, "%sx\n---\n", strings.Repeat("  ", n+1))
	return b.String()
}

func utf16(t *testing.T, s string) string {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAcceptedOddities are files that look odd but are valid: a BOM, CRLF
// or CR line ends, a body of nothing, tabs, joiners and marks in a title
// and a right-to-left override in the body (not in a title, which
// refuses it), a 10,000-character title. Errors in a CRLF file point at the right line.
func TestAcceptedOddities(t *testing.T) {
	for name, file := range map[string]string{
		"BOM":             "\ufeff" + good,
		"CRLF":            strings.ReplaceAll(good, "\n", "\r\n"),
		"BOM and CRLF":    "\ufeff" + strings.ReplaceAll(good, "\n", "\r\n"),
		"CR":              strings.ReplaceAll(good, "\n", "\r"),
		"no body":         strings.TrimSuffix(good, "正文\n"),
		"no final break":  strings.TrimSuffix(good, "\n"),
		"closing spaces":  strings.Replace(good, "\n---\n正文", "\n---  \n正文", 1),
		"long title":      header + "title: " + strings.Repeat("长", 10000) + "\n---\n",
		"RTL and joiners": header + "title: \"县源桃 \u200d\ufeff\u200e\"\n---\n\u202e县源桃\u202c\n",
		"tab in the body": header + "---\n\t缩进的代码\n",
		"quoted numbers": strings.Replace(header, "year: 2020", `year: "2020"`, 1) +
			"score: \"97\"\nincome: '1530.53'\nspending:\n  total: \"1530.53\"\nstaff: {actual: \"17\"}\n---\n",
	} {
		t.Run(name, func(t *testing.T) {
			p := buildtest.New(t, "")
			p.Write("content/a.md", file)
			p.MustBuild()
			if !p.Exists("report/jia-xian/2020-cai-zheng-ju-zheng-ti.html") {
				t.Fatalf("report page missing; have %v", p.Files())
			}
		})
	}
	p := buildtest.New(t, "")
	p.Write("content/a.md", strings.ReplaceAll(header+"score: 九十二\n---\n", "\n", "\r\n"))
	_, err := p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "content/a.md:6:8: score:") {
		t.Errorf("CRLF file: error %v, want it at 6:8", err)
	}
	p.Write("content/a.md", strings.ReplaceAll(header+"score: 九十二\n---\n", "\n", "\r"))
	_, err = p.Build(build.Config{})
	if err == nil || !strings.Contains(err.Error(), "content/a.md:6:8: score:") {
		t.Errorf("CR file: error %v, want it at 6:8", err)
	}
}

// TestHugeFileIsRefusedUnread puts a 50 MB file (sparse) under content/: the
// error names it and its size, and the build does not read it into memory.
func TestHugeFileIsRefusedUnread(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	p.MustBuild()
	before := snapshot(t, p.Out)
	name := filepath.Join(p.Dir, "content", "huge.md")
	p.Write("content/huge.md", header)
	if err := os.Truncate(name, 50<<20); err != nil {
		t.Fatal(err)
	}
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	err := buildWithin(t, p, 10*time.Second)
	runtime.ReadMemStats(&m1)
	if err == nil || !strings.Contains(err.Error(), "content/huge.md:1:1: file is 50.0 MB; a report file may be at most 8 MB") {
		t.Errorf("error %v", err)
	}
	if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 20<<20 {
		t.Errorf("the build allocated %d MB: something read the file (content.Load refuses it from its size alone)", alloc>>20)
	}
	assertUntouched(t, p, before)
}

// TestSymlinkLoopInContent puts a link to content/ inside content/: the
// build neither hangs nor crashes, and says what is wrong.
func TestSymlinkLoopInContent(t *testing.T) {
	p := buildtest.New(t, "-- content/a/good.md --\n"+good)
	p.MustBuild()
	before := snapshot(t, p.Out)
	if err := os.Symlink("..", filepath.Join(p.Dir, "content", "a", "loop")); err != nil {
		t.Fatal(err)
	}
	err := buildWithin(t, p, 10*time.Second)
	if err == nil || !strings.Contains(err.Error(), "content/a/loop: is a symbolic link to a folder; links to folders are not followed") {
		t.Errorf("error %v", err)
	}
	assertUntouched(t, p, before)
}

// TestUnreadableContent makes content/ unreadable. As root, permissions do
// not deny reading, so content/ is replaced by a file, or a folder inside
// it by a dangling link named like a report, instead.
func TestUnreadableContent(t *testing.T) {
	t.Run("content is a file", func(t *testing.T) {
		p := buildtest.New(t, "-- content/good.md --\n"+good)
		p.MustBuild()
		before := snapshot(t, p.Out)
		if err := os.RemoveAll(filepath.Join(p.Dir, "content")); err != nil {
			t.Fatal(err)
		}
		p.Write("content", "not a folder")
		err := buildWithin(t, p, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), "content: is not a folder") {
			t.Errorf("error %v", err)
		}
		assertUntouched(t, p, before)
	})
	t.Run("content is missing or empty", func(t *testing.T) {
		p := buildtest.New(t, "-- content/good.md --\n"+good)
		p.MustBuild()
		before := snapshot(t, p.Out)
		p.Remove("content/good.md")
		err := buildWithin(t, p, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), "content: no report files (*.md) found") {
			t.Errorf("empty content: error %v", err)
		}
		if err := os.Remove(filepath.Join(p.Dir, "content")); err != nil {
			t.Fatal(err)
		}
		err = buildWithin(t, p, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), "content: cannot read the folder: ") {
			t.Errorf("no content: error %v", err)
		}
		assertUntouched(t, p, before)
	})
	t.Run("dangling link", func(t *testing.T) {
		p := buildtest.New(t, "-- content/good.md --\n"+good)
		p.MustBuild()
		before := snapshot(t, p.Out)
		if err := os.Symlink("/nonexistent/report.md", filepath.Join(p.Dir, "content", "gone.md")); err != nil {
			t.Fatal(err)
		}
		err := buildWithin(t, p, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), "content/gone.md:1:1: broken or looping symbolic link: no such file or directory") {
			t.Errorf("error %v", err)
		}
		assertUntouched(t, p, before)
	})
	t.Run("permission denied", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root: chmod 000 does not deny root; the other sub-tests cover unreadable content")
		}
		p := buildtest.New(t, "-- content/good.md --\n-- content/sub/b.md --\n"+strings.Replace(good, "甲县", "乙县", 1))
		p.Write("content/good.md", good)
		p.MustBuild()
		before := snapshot(t, p.Out)
		sub := filepath.Join(p.Dir, "content", "sub")
		if err := os.Chmod(sub, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(sub, 0o755) })
		err := buildWithin(t, p, 10*time.Second)
		if err == nil || !strings.Contains(err.Error(), "content/sub: cannot read the folder: permission denied") {
			t.Errorf("error %v", err)
		}
		assertUntouched(t, p, before)
	})
}

// TestTemplateErrors breaks a partial and the base layout: the error names
// the template file and line, and the output is untouched.
func TestTemplateErrors(t *testing.T) {
	for name, tc := range map[string]struct{ file, data, want string }{
		"syntax in a partial": {"templates/partials/downloads.html", "{{define \"downloads\"}}\n<p>{{if}}</p>\n{{end}}\n", "templates/partials/downloads.html:2"},
		"unknown function":    {"templates/404.html", "{{define \"content\"}}\n\n<p>{{nope .}}</p>\n{{end}}\n", "templates/404.html:3"},
		"execution in base":   {"templates/base.html", "<!DOCTYPE html>\n<title>{{.Title}}</title>\n{{index .Nav 1000}}\n", "templates/base.html:3"},
		"missing template":    {"templates/home.html", "", "templates/home.html: defines no \"content\" template"},
	} {
		t.Run(name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := snapshot(t, p.Out)
			p.Write(tc.file, tc.data)
			err := buildWithin(t, p, 10*time.Second)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v; want it to name %s", err, tc.want)
			}
			assertUntouched(t, p, before)
		})
	}
}

// TestRefusesDangerousOutputs refuses outputs that would overwrite or
// delete the project: its root, /, its parent, content/ and anything in
// it, templates/, assets/, and any of these reached through a symbolic
// link.
func TestRefusesDangerousOutputs(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	links := t.TempDir()
	for name, target := range map[string]string{"project": p.Dir, "content": filepath.Join(p.Dir, "content"), "parent": filepath.Dir(p.Dir)} {
		if err := os.Symlink(target, filepath.Join(links, name)); err != nil {
			t.Fatal(err)
		}
	}
	before := buildtest.Snapshot(t, p.Dir)
	for _, out := range []string{
		p.Dir, p.Dir + "/", p.Dir + "/.", "/", filepath.Dir(p.Dir),
		filepath.Join(p.Dir, "content"), filepath.Join(p.Dir, "content", "x"), filepath.Join(p.Dir, "templates"), filepath.Join(p.Dir, "assets"),
		filepath.Join(p.Dir, "content", "..", "content"),
		filepath.Join(links, "project"), filepath.Join(links, "content"), filepath.Join(links, "content", "new"), filepath.Join(links, "parent"),
		filepath.Join(links, "parent", filepath.Base(p.Dir)),
	} {
		_, err := p.Build(build.Config{Out: out})
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("output %s: error %v; want a refusal", out, err)
		}
	}
	if after := buildtest.Snapshot(t, p.Dir); !maps.Equal(before, after) {
		t.Error("the project changed")
	}
	// A link to an ordinary folder is fine.
	if err := os.Symlink(t.TempDir(), filepath.Join(links, "elsewhere")); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(build.Config{Out: filepath.Join(links, "elsewhere", "public")}); err != nil {
		t.Errorf("output through a link to another folder: %v", err)
	}
}

// TestInterruptedBuild cancels the build's context part-way through
// writing, as Ctrl-C does: the build fails, the previous output is
// untouched and no staging folder is left.
func TestInterruptedBuild(t *testing.T) {
	// Enough reports that writing takes a while.
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "-- content/r%02d.md --\n%s", i, strings.Replace(good, "甲县", fmt.Sprintf("甲%d县", i), 1))
	}
	p := buildtest.New(t, b.String())
	p.MustBuild()
	before := snapshot(t, p.Out)
	// Change every page so that the interrupted build has much to stage.
	for i := range 40 {
		p.Write(fmt.Sprintf("content/r%02d.md", i), strings.Replace(strings.Replace(good, "甲县", fmt.Sprintf("甲%d县", i), 1), "正文", "新的正文", 1))
	}
	for _, after := range []int64{1, 5, 30} {
		t.Run(fmt.Sprintf("after %d writes", after), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var writes, late atomic.Int64
			publish.TestHookWrite = func(string) {
				if n := writes.Add(1); n == after {
					cancel()
				} else if n > after {
					late.Add(1)
				}
			}
			t.Cleanup(func() { publish.TestHookWrite = nil })
			_, err := build.Run(ctx, build.Config{Root: p.Dir, Out: p.Out, Workers: 2})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error %v, want context.Canceled", err)
			}
			t.Logf("%d writes after the cancellation", late.Load())
			assertUntouched(t, p, before)
		})
	}
	// Cancelled before it starts.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := build.Run(ctx, build.Config{Root: p.Dir, Out: p.Out}); err == nil {
		t.Error("a cancelled build succeeded")
	}
	assertUntouched(t, p, before)
	// And then a build that runs to the end publishes.
	if sum := p.MustBuild(); sum.Written == 0 {
		t.Error("the next build wrote nothing")
	}
}

// TestStaleStagingIsRemoved leaves a staging folder as a killed build
// would: the next build removes it once it is old, and leaves a recent one
// (which may belong to a build still running) alone.
func TestStaleStagingIsRemoved(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	old := filepath.Join(filepath.Dir(p.Out), ".public.tmp-123")
	recent := filepath.Join(filepath.Dir(p.Out), ".public.tmp-456")
	for _, d := range []string{old, recent} {
		if err := os.MkdirAll(filepath.Join(d, "county"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * publish.StaleAfter)
	if err := os.Chtimes(old, long, long); err != nil {
		t.Fatal(err)
	}
	p.MustBuild()
	if _, err := os.Stat(old); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("old staging folder not removed: %v", err)
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("recent staging folder removed: %v", err)
	}
}

// TestSpecialFilesInContent puts a named pipe and a link to /dev/zero,
// named like reports, under content/: reading either never ends. The build
// must refuse them without reading them, within seconds. The /dev/zero case
// runs only once the pipe case passes: a build that reads it would use
// memory without end.
func TestSpecialFilesInContent(t *testing.T) {
	pipeOK := false
	for _, tc := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"pipe", func(path string) error { return syscall.Mkfifo(path, 0o644) }, "content/special.md:1:1: not a regular file"},
		// A link out of content/ is refused for that, before its target
		// is looked at.
		{"dev zero", func(path string) error { return os.Symlink("/dev/zero", path) }, "content/special.md:1:1: is a symbolic link to /dev/zero, outside content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "dev zero" && !pipeOK {
				t.Skip("the pipe case failed: a build that reads every file would read /dev/zero without end")
			}
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := snapshot(t, p.Out)
			if err := tc.make(filepath.Join(p.Dir, "content", "special.md")); err != nil {
				t.Skipf("cannot make it: %v", err)
			}
			err := buildWithin(t, p, 10*time.Second)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v", err)
			}
			assertUntouched(t, p, before)
			pipeOK = pipeOK || (tc.name == "pipe" && !t.Failed())
		})
	}
}

// TestSpecialFilesInAssetsAndTemplates: a named pipe under assets/ or
// templates/, or in place of the cache's record, would hang the build
// when opened; a folder linked under assets/ is not walked, and a loop
// of links leads nowhere. Each is refused by name (the record ignored),
// within seconds, and the output is left as it was; the preview serves
// none of them. A link to a file is published as the file.
func TestSpecialFilesInAssetsAndTemplates(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("not for the site"), 0o600); err != nil {
		t.Fatal(err)
	}
	pipe := func(path string) error { return syscall.Mkfifo(path, 0o644) }
	for _, tc := range []struct {
		name, file string
		make       func(path string) error
		want       string
	}{
		{"pipe in assets", "assets/f.css", pipe, "assets/f.css: not a regular file"},
		{"pipe in partials", "templates/partials/f.html", pipe, "templates/partials/f.html: not a regular file"},
		// A folder linked under assets/: the build does not walk it, and
		// says so; the preview serves nothing under it.
		{"linked folder", "assets/lib/secret.txt", func(path string) error { return os.Symlink(filepath.Dir(secret), filepath.Dir(path)) },
			"assets/lib: is a symbolic link to a folder, which a build does not follow"},
		{"loop of links", "assets/loop.css", func(path string) error { return os.Symlink("loop.css", path) },
			"assets/loop.css: too many levels of symbolic links"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := snapshot(t, p.Out)
			if err := tc.make(filepath.Join(p.Dir, filepath.FromSlash(tc.file))); err != nil {
				t.Skipf("cannot make it: %v", err)
			}
			err := buildWithin(t, p, 10*time.Second)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("error %v, want it to begin %q", err, tc.want)
			}
			assertUntouched(t, p, before)
			// The preview does not serve it either.
			if strings.HasPrefix(tc.file, "assets/") {
				s, err := build.NewSession(build.Config{Root: p.Dir})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.Update(context.Background()); err != nil {
					t.Fatal(err)
				}
				if data, ok, err := s.Get(tc.file); ok || len(data) > 0 {
					t.Errorf("the preview serves %s: %q, %v", tc.file, data, err)
				}
			}
		})
	}
	t.Run("pipe for the record", func(t *testing.T) {
		p := buildtest.New(t, "-- content/good.md --\n"+good)
		p.MustBuild()
		records, _ := filepath.Glob(filepath.Join(p.Dir, build.CacheDir, "build-*.rec"))
		if len(records) != 1 {
			t.Fatalf("records %q", records)
		}
		if err := os.Remove(records[0]); err != nil {
			t.Fatal(err)
		}
		if err := pipe(records[0]); err != nil {
			t.Skipf("cannot make it: %v", err)
		}
		if err := buildWithin(t, p, 10*time.Second); err != nil {
			t.Errorf("a build with a pipe for its record: %v", err)
		}
	})
	// A link to a file is published as the file, wherever it is: the
	// publisher made it (a project that shares another's assets).
	t.Run("links to files", func(t *testing.T) {
		p := buildtest.New(t, "-- content/good.md --\n"+good+"-- vendor/x.js --\nvar x = 1;\n")
		if err := os.Symlink(filepath.Join(p.Dir, "vendor", "x.js"), filepath.Join(p.Dir, "assets", "x.js")); err != nil {
			t.Skipf("cannot make it: %v", err)
		}
		if err := os.Symlink(secret, filepath.Join(p.Dir, "assets", "shared.txt")); err != nil {
			t.Fatal(err)
		}
		p.MustBuild()
		if got := p.Page("assets/x.js"); got != "var x = 1;\n" {
			t.Errorf("assets/x.js is %q", got)
		}
		if got := p.Page("assets/shared.txt"); got != "not for the site" {
			t.Errorf("assets/shared.txt is %q", got)
		}
	})
}

// TestProjectWithoutTemplates builds a project that holds content/ alone,
// as import -root makes one: the error says which folder is missing and
// where to copy it from, and nothing is written.
func TestProjectWithoutTemplates(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	_, err := build.Run(context.Background(), build.Config{Root: dir, Out: out})
	want := filepath.Join(dir, "templates") + ": no such folder: a project holds content/, templates/ and assets/; copy templates/ and assets/ from the generator's repository"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %q", err, want)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the failed build made %s", out)
	}
}

// TestTemplatesAndStylesLoadNothingElsewhere: a template that makes the
// pages load a script or a style sheet from another host (which the
// pages' policy blocks), a style sheet that imports one, and a template
// that names a file of assets/ that is not there are refused, by file
// and line, and the output is left as it was. A link to another site's
// page is not a request, and is kept.
func TestTemplatesAndStylesLoadNothingElsewhere(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(p *buildtest.Project)
		want string
	}{
		{"script of a CDN", func(p *buildtest.Project) {
			p.Write("templates/partials/cdn.html", "{{define \"cdn\"}}\n<script src=\"https://cdn.example.org/x.js\"></script>{{end}}\n")
		}, "templates/partials/cdn.html:2: <script> loads https://cdn.example.org/x.js from another host"},
		{"style sheet of another host", func(p *buildtest.Project) {
			p.Write("templates/partials/cdn.html", "{{define \"cdn\"}}<link href='//fonts.example.org/a.css' rel=\"stylesheet\">{{end}}\n")
		}, "templates/partials/cdn.html:1: <link> loads //fonts.example.org/a.css from another host"},
		{"import in a style sheet", func(p *buildtest.Project) {
			p.Write("assets/extra.css", "body { color: #111; }\n@import url(\"https://fonts.example.org/a.css\");\n")
		}, "assets/extra.css:2: loads https://fonts.example.org/a.css from another host"},
		{"asset missing", func(p *buildtest.Project) { p.Remove("assets/site.js") },
			"templates/base.html:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := buildtest.New(t, "-- content/good.md --\n"+good)
			p.MustBuild()
			before := snapshot(t, p.Out)
			tc.edit(p)
			_, err := p.Build(build.Config{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if tc.name == "asset missing" && (err == nil || !strings.Contains(err.Error(), "names assets/site.js, which is not there")) {
				t.Errorf("error %v, want it to name assets/site.js", err)
			}
			assertUntouched(t, p, before)
		})
	}
	// A link to a page elsewhere loads nothing.
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	p.Write("templates/partials/elsewhere.html", "{{define \"elsewhere\"}}<a href=\"https://www.mof.gov.cn/\">财政部</a><link rel=\"alternate\" href=\"https://example.org/feed.xml\">{{end}}\n")
	p.MustBuild()
}

// TestSearchIndexFailsAfterPublishing: when Pagefind fails, the site's
// pages are already published; the build says so (a PartialError), not
// that the output was left as it was. It records the pages as its own,
// so that a later build removes one it no longer makes, but not its
// inputs, so that the next build makes the index again rather than find
// nothing changed.
func TestSearchIndexFailsAfterPublishing(t *testing.T) {
	p := buildtest.New(t, "-- content/good.md --\n"+good)
	p.MustBuild()
	broken := filepath.Join(t.TempDir(), "pagefind")
	if err := os.WriteFile(broken, []byte("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PAGEFIND", broken)
	p.Write("content/other.md", strings.Replace(good, "甲县", "乙县", 1))
	p.Search = true
	for range 2 {
		_, err := p.Build(build.Config{})
		if pe := (*build.PartialError)(nil); !errors.As(err, &pe) || !strings.Contains(err.Error(), "search index") {
			t.Fatalf("a failed index: error %v, want a PartialError of the search index", err)
		}
	}
	var page string
	for _, f := range p.Files() {
		if strings.HasPrefix(f, "report/yi-xian/") {
			page = f
		}
	}
	if page == "" {
		t.Fatalf("the report added has no page: %v", p.Files())
	}
	// The page, this build's own, goes with its report.
	p.Remove("content/other.md")
	p.Search = false
	p.MustBuild()
	if p.Exists(page) {
		t.Errorf("%s, made by the build whose index failed, is left after its report is gone", page)
	}
}
