// Package buildtest helps whole-site tests: it lays out a project defined
// inline as a txtar archive, builds it with the real templates and assets,
// and reads the pages it produced.
package buildtest

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

// RepoRoot returns the repository's root folder: the nearest parent of the
// working directory holding go.mod.
func RepoRoot(t testing.TB) string { return testseeds.Root(t) }

// Project is a project folder made for a test.
type Project struct {
	t testing.TB
	// Dir is the project folder, holding content/, templates/ and assets/.
	Dir string
	// Out is the output folder.
	Out string
	// Search builds the Pagefind index when Pagefind is installed.
	Search bool
}

// New lays out a project from a txtar archive whose file names are relative
// to the project folder (content/a.md, templates/home.html, …). The
// repository's templates/ and assets/ are copied first, so an archive needs
// to give only the files it changes.
func New(t testing.TB, archive string) *Project {
	t.Helper()
	dir := t.TempDir()
	root := RepoRoot(t)
	for _, sub := range []string{"templates", "assets"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(root, sub))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := &Project{t: t, Dir: dir, Out: filepath.Join(dir, "public")}
	p.Apply(archive)
	return p
}

// Apply writes the files of a txtar archive into the project, replacing
// files of the same name.
func (p *Project) Apply(archive string) {
	p.t.Helper()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p.Write(f.Name, string(f.Data))
	}
}

// Write writes one file of the project.
func (p *Project) Write(name, data string) {
	p.t.Helper()
	path := filepath.Join(p.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// Remove deletes one file of the project.
func (p *Project) Remove(name string) {
	p.t.Helper()
	if err := os.Remove(filepath.Join(p.Dir, filepath.FromSlash(name))); err != nil {
		p.t.Fatal(err)
	}
}

// Build builds the project into its output folder with the given config
// (Root and Out are filled in) and returns the summary and error. The
// full-text index is left out unless Search is set, so that a test's
// output does not depend on whether Pagefind is installed.
func (p *Project) Build(cfg build.Config) (*build.Summary, error) {
	cfg.Root = p.Dir
	cfg.NoSearch = cfg.NoSearch || !p.Search
	if cfg.Out == "" {
		cfg.Out = p.Out
	}
	return build.Run(context.Background(), cfg)
}

// MustBuild builds the project and fails the test on error.
func (p *Project) MustBuild() *build.Summary {
	p.t.Helper()
	sum, err := p.Build(build.Config{})
	if err != nil {
		p.t.Fatalf("build failed: %v", err)
	}
	return sum
}

// Page returns the content of an output file, failing the test when it
// does not exist.
func (p *Project) Page(name string) string {
	p.t.Helper()
	data, err := os.ReadFile(filepath.Join(p.Out, filepath.FromSlash(name)))
	if err != nil {
		p.t.Fatalf("output %s: %v", name, err)
	}
	return string(data)
}

// Exists reports whether the output has the file.
func (p *Project) Exists(name string) bool {
	_, err := os.Stat(filepath.Join(p.Out, filepath.FromSlash(name)))
	return err == nil
}

// Snapshot returns every file of a folder with its bytes, keyed by
// slash-separated path, to compare a folder before and after.
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

// Files lists the output files, slash-separated and sorted.
func (p *Project) Files() []string {
	var out []string
	for name := range Snapshot(p.t, p.Out) {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
