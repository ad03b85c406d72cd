package cli

import (
	"debug/buildinfo"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/testseeds"
)

// TestBuildsForOtherSystems builds the generator for macOS and Windows:
// publishers run it there too, and some of its file operations are made
// with Linux's system calls, with other files for other systems.
func TestBuildsForOtherSystems(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole generator twice")
	}
	root := testseeds.Root(t)
	for _, target := range []struct{ goos, goarch string }{{"darwin", "arm64"}, {"windows", "amd64"}} {
		t.Run(target.goos, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command("go", "build", "-o", filepath.Join(t.TempDir(), "portal"), "./generator")
			cmd.Dir = root
			cmd.Env = append(os.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("GOOS=%s GOARCH=%s go build ./generator: %v\n%s", target.goos, target.goarch, err, out)
			}
		})
	}
}

// TestBinaryOutsideTheRepository: a publisher without Go is given a
// binary (go build -o portal ./generator) and a project folder of
// content/, templates/ and assets/, away from the repository; the binary
// builds it there and needs nothing else.
func TestBinaryOutsideTheRepository(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole generator")
	}
	root := testseeds.Root(t)
	project := t.TempDir()
	bin := filepath.Join(t.TempDir(), "portal")
	cmd := exec.Command("go", "build", "-o", bin, "./generator")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./generator: %v\n%s", err, out)
	}
	checkProfileGuided(t, bin, root)
	for _, dir := range []string{"templates", "assets"} {
		if err := os.CopyFS(filepath.Join(project, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(project, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	report := "---\ncounty: 甲县\nprefecture: 乙市\nprovince: 丙省\ndepartment: 财政局\nyear: 2023\ntype: 整体支出\nspending: {total: 100, basic: 60, project: 40}\n---\n正文。\n"
	if err := os.WriteFile(filepath.Join(project, "content", "a.md"), []byte(report), 0o644); err != nil {
		t.Fatal(err)
	}
	// A published report left in content/, which check says to import.
	if err := os.WriteFile(filepath.Join(project, "content", "old.doc"), []byte("\xD0\xCF\x11\xE0"), 0o644); err != nil {
		t.Fatal(err)
	}
	said := map[string]string{}
	for _, args := range [][]string{{"build"}, {"check"}, {"help"}} {
		cmd := exec.Command(bin, args...)
		cmd.Dir = project
		// Nor Go, nor the repository: the binary alone.
		cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=/nonexistent"}
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("portal %s in %s: %v\n%s", args[0], project, err, out)
		}
		said[args[0]] = string(out)
	}
	// Its messages name the binary, not go run, which the publisher
	// does not have.
	for cmd, want := range map[string]string{
		"check": "turn this published report into one with: " + bin + " import content/old.doc,",
		"help":  "usage: " + bin + " [command] [flags]",
	} {
		if !strings.Contains(said[cmd], want) || strings.Contains(said[cmd], "go run") {
			t.Errorf("portal %s says:\n%s\nwant %q, and no go run", cmd, said[cmd], want)
		}
	}
	for _, page := range []string{"index.html", "county/jia-xian.html", "assets/site.css", "downloads/reports.csv"} {
		if _, err := os.Stat(filepath.Join(project, "public", page)); err != nil {
			t.Errorf("the binary's build has no %s: %v", page, err)
		}
	}
}

// checkProfileGuided checks that a plain go build of the generator, as
// publishers, bench.sh and go run make it, is optimised with the
// repository's CPU profile, generator/default.pgo (see scripts/pgo.sh): a
// profile that is missing or that the go command refuses fails the build
// or leaves this unset.
func checkProfileGuided(t *testing.T, bin, root string) {
	t.Helper()
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatalf("reading the build information of %s: %v", bin, err)
	}
	want := filepath.Join(root, "generator", "default.pgo")
	for _, s := range info.Settings {
		if s.Key == "-pgo" {
			// The same file, however the go command spelled its path.
			got, err1 := os.Stat(s.Value)
			exp, err2 := os.Stat(want)
			if err1 != nil || err2 != nil || !os.SameFile(got, exp) {
				t.Errorf("go build ./generator used the profile %s; want %s", s.Value, want)
			}
			return
		}
	}
	t.Errorf("go build ./generator used no profile; want %s (remake it with scripts/pgo.sh)", want)
}
