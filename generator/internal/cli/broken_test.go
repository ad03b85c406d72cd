package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/buildtest"
)

// TestBuildFailuresExitNonZero runs the build command on broken input, on
// a refused output and interrupted: each exits 1, says what is wrong and
// that the output was left as it was.
func TestBuildFailuresExitNonZero(t *testing.T) {
	p := buildtest.New(t, "-- content/a.md --\n"+clean)
	if code, _, errOut := run("build", "-root", p.Dir); code != 0 {
		t.Fatalf("clean build: exit %d: %s", code, errOut)
	}
	before := buildtest.Snapshot(t, p.Out)
	out := filepath.Join(p.Dir, "public")

	p.Write("content/bad.md", "")
	code, _, errOut := run("build", "-root", p.Dir)
	if code != 1 || !strings.Contains(errOut, "content/bad.md:1:1: error: empty file") || !strings.Contains(errOut, "build failed; "+out+" was left as it was (生成失败，"+out+" 保持原样，没有改动：请按上面所列改正后再运行)") {
		t.Errorf("broken file: exit %d, stderr %q", code, errOut)
	}
	p.Remove("content/bad.md")

	code, _, errOut = run("build", "-root", p.Dir, "-out", "/")
	if code != 1 || !strings.Contains(errOut, "refusing to use / as the output folder") {
		t.Errorf("-out /: exit %d, stderr %q", code, errOut)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code = Main(ctx, []string{"build", "-root", p.Dir}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stderr.String(), "build interrupted; "+out+" was left as it was (生成已中断，"+out+" 保持原样，没有改动)") {
		t.Errorf("interrupted: exit %d, stderr %q", code, stderr.String())
	}
	after := buildtest.Snapshot(t, p.Out)
	if len(after) != len(before) {
		t.Fatalf("the output changed: %d files, then %d", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed", k)
		}
	}
}

// TestRunInsideTheProject: build, serve and check run in a folder of the
// project (content/, a folder of it, templates/), rather than in the
// project's, say that it is inside the project and how to run them on
// it, rather than to copy templates/ and assets/ into it, or that it has
// no content/; nothing is written.
func TestRunInsideTheProject(t *testing.T) {
	p := buildtest.New(t, "-- content/hunan/a.md --\n"+clean)
	wd, _ := os.Getwd()
	project, err := filepath.Rel(wd, p.Dir)
	if err != nil {
		t.Skip(err)
	}
	for _, sub := range []string{"content", filepath.Join("content", "hunan"), "templates"} {
		root := filepath.Join(p.Dir, sub)
		inside := root + " is inside the project " + project + ", not a project itself: run the command in " + project + " (cd " + project + "), or give -root " + project + " ("
		code, _, errOut := run("build", "-root", root)
		if code != 1 || !strings.Contains(errOut, filepath.Join(root, "templates")+": no such folder: "+inside) || !strings.Contains(errOut, "本身不是项目文件夹") {
			t.Errorf("build in %s: exit %d %q\nwant %q", sub, code, errOut, inside)
		}
		code, _, errOut = run("serve", "-root", root, "-port", "0")
		if code != 1 || !strings.Contains(errOut, ": no such folder: "+inside) {
			t.Errorf("serve in %s: exit %d %q", sub, code, errOut)
		}
		code, out, _ := run("check", "-root", root)
		if code != 1 || !strings.Contains(out, "error: "+filepath.Join(root, "content")+": no such folder: "+inside) {
			t.Errorf("check in %s: exit %d %q", sub, code, out)
		}
		for _, made := range []string{filepath.Join(root, "public"), filepath.Join(p.Dir, "public")} {
			if _, err := os.Stat(made); err == nil {
				t.Errorf("in %s: %s was made", sub, made)
			}
		}
	}
}
