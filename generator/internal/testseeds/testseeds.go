// Package testseeds gives fuzz tests their seed corpora: the bundled report
// files under content/, the real report texts of ../shared/seeds (when that
// folder exists beside the repository) and a corpus of hostile strings.
package testseeds

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// Root returns the repository's root: the nearest folder above the working
// directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("testseeds: no go.mod above the working directory")
		}
		dir = parent
	}
}

// File is one seed file.
type File struct {
	Name string
	Data []byte
}

// Reports returns the bundled report files (content/**/*.md), sorted by
// name, with names relative to the repository root.
func Reports(t testing.TB) []File {
	t.Helper()
	root := Root(t)
	var out []File
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(p) != ".md" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, File{filepath.ToSlash(rel), data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// Texts returns the real report texts of ../shared/seeds/*.txt, sorted by
// name; none when the folder is missing (the caller's seeds are then the
// bundled reports only).
func Texts(t testing.TB) []File {
	t.Helper()
	dir := filepath.Join(filepath.Dir(Root(t)), "shared", "seeds")
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	slices.Sort(names)
	var out []File
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, File{filepath.Base(n), data})
	}
	if len(out) == 0 {
		t.Logf("testseeds: no real report texts in %s; seeding with the bundled reports only", dir)
	}
	return out
}

// Bodies returns Markdown bodies: those of the bundled reports (after their
// front matter) and the real report texts.
func Bodies(t testing.TB) [][]byte {
	t.Helper()
	var out [][]byte
	for _, f := range Reports(t) {
		s := string(f.Data)
		if i := strings.Index(s, "\n---\n"); i >= 0 {
			s = s[i+5:]
		}
		out = append(out, []byte(s))
	}
	for _, f := range Texts(t) {
		out = append(out, f.Data)
	}
	for _, h := range Hostile {
		out = append(out, []byte(h))
	}
	return append(out, []byte(HostileMarkdown))
}

// Watchdog crashes the test binary when the returned stop function is not
// called within d. Go's fuzzing has no time limit per input; a crash makes
// the fuzzing engine save the input that hung as a failing case.
func Watchdog(d time.Duration, what string) (stop func()) {
	timer := time.AfterFunc(d, func() {
		panic(fmt.Sprintf("%s did not return within %v", what, d))
	})
	return func() { timer.Stop() }
}

// Shared returns ../shared beside the repository, which holds the real
// reports and their truth files. Without it a test fails under CI=true,
// where it must be there, and is skipped otherwise.
func Shared(t testing.TB) string {
	t.Helper()
	shared := filepath.Join(filepath.Dir(Root(t)), "shared")
	if _, err := os.Stat(filepath.Join(shared, "seeds", "truth")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("../shared/seeds is missing (%v); CI must run with shared/ beside the repository", err)
		}
		t.Skipf("../shared not found: %v", err)
	}
	return shared
}

// Soffice returns the path of LibreOffice's soffice, which the tests of
// the downloads in a spreadsheet program and of .doc and RTF imports use.
// Without it a test fails under CI=true, where .ci/run installs it, and is
// skipped otherwise.
func Soffice(t testing.TB) string {
	t.Helper()
	path, err := exec.LookPath("soffice")
	if err != nil {
		const install = "apt-get install --no-install-recommends libreoffice-calc-nogui libreoffice-writer-nogui"
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and LibreOffice is missing (%s): %v", install, err)
		}
		t.Skipf("LibreOffice is missing (%s): %v", install, err)
	}
	return path
}

// Convert has LibreOffice (see Soffice) open files, with the import
// filter infilter unless it is "", and save each as convertTo says (a
// --convert-to argument, such as "doc:MS Word 97"), in dir/out, with a
// profile of its own in dir; it fails the test if soffice does.
func Convert(t testing.TB, dir, convertTo, infilter string, files ...string) {
	t.Helper()
	args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", convertTo, "--outdir", filepath.Join(dir, "out")}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, Soffice(t), append(args, files...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
}
