// Package browsertest holds the real-browser test of the portal: it builds
// the bundled site, serves it under a sub-path and drives Debian's chromium
// with chromedp through every page type. The tests are in the _test.go files;
// this file has the small helpers they share.
package browsertest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoChromium is returned by FindChromium when no chromium binary is found.
var ErrNoChromium = errors.New("chromium not found: install the Debian packages chromium and fonts-wqy-microhei (apt-get install chromium fonts-wqy-microhei)")

// FindChromium returns the path of the chromium binary: /usr/bin/chromium if
// it exists, otherwise chromium or chromium-browser looked up on PATH. It
// returns ErrNoChromium when there is none.
func FindChromium() (string, error) {
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// RepoRoot returns the nearest folder at or above dir that holds a go.mod
// file.
func RepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
		dir = parent
	}
}
