// Package search builds the site's full-text index with Pagefind (the npm
// package pagefind ships its binary, and it segments Chinese) when it is
// installed; without it the site has no index, and readers use the report
// table's filter, which finds a county by its name, pinyin or initials.
package search

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Dir is the folder of the site the index is published in.
const Dir = "pagefind/"

// Find returns the Pagefind binary to use: $PAGEFIND, pagefind on the PATH,
// or node_modules/.bin/pagefind in the project; "" when there is none.
func Find(root string) string {
	if p := os.Getenv("PAGEFIND"); p != "" {
		return p
	}
	if p, err := exec.LookPath("pagefind"); err == nil {
		return p
	}
	local := filepath.Join(root, "node_modules", ".bin", "pagefind")
	if info, err := os.Stat(local); err == nil && !info.IsDir() {
		return local
	}
	return ""
}

// Index runs Pagefind over a built site and returns the files of its
// index, by path from the site root (under Dir).
func Index(ctx context.Context, bin, site string) (map[string][]byte, error) {
	tmp, err := os.MkdirTemp("", "portal-pagefind-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.CommandContext(ctx, bin, "--site", site, "--output-path", tmp)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("pagefind: %v\n%s", err, strings.TrimSpace(out.String()))
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tmp, p)
		files[Dir+filepath.ToSlash(rel)] = data
		return nil
	})
	return files, err
}
