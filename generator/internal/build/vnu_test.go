package build_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/build"
	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestWriteHostileSite builds the hostile corpus into $PORTAL_HOSTILE_OUT,
// for scripts/vnu.sh and for a look by hand; without it, it is skipped.
func TestWriteHostileSite(t *testing.T) {
	out := os.Getenv("PORTAL_HOSTILE_OUT")
	if out == "" {
		t.Skip("set PORTAL_HOSTILE_OUT to a folder to build the hostile corpus into it")
	}
	p := buildtest.New(t, "")
	p.WriteHostile()
	abs, err := filepath.Abs(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Build(build.Config{Out: abs}); err != nil {
		t.Fatal(err)
	}
}

// TestHTMLIsValid runs the Nu HTML Checker (the vnu.jar of the npm package
// vnu-jar, named by $VNU_JAR) over every page of the bundled site and of
// the hostile corpus, and fails on each error it reports. Without VNU_JAR
// or java it is skipped: CI does not run it; scripts/vnu.sh does the same.
func TestHTMLIsValid(t *testing.T) {
	jar := os.Getenv("VNU_JAR")
	if jar == "" {
		t.Skip("set VNU_JAR to the path of vnu.jar (npm package vnu-jar) to check the HTML; see scripts/vnu.sh")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("no java: apt-get install -y default-jre-headless")
	}
	bundled := filepath.Join(t.TempDir(), "bundled")
	if _, err := build.Run(t.Context(), build.Config{Root: buildtest.RepoRoot(t), Out: bundled}); err != nil {
		t.Fatal(err)
	}
	p := buildtest.New(t, "")
	p.WriteHostile()
	p.MustBuild()
	for _, dir := range []string{bundled, p.Out} {
		var out bytes.Buffer
		cmd := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", dir)
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if line != "" {
				t.Error(strings.Replace(line, "file:"+dir+"/", "", 1))
			}
		}
		if err != nil && out.Len() == 0 {
			t.Fatalf("vnu: %v", err)
		}
	}
}
