// Package content finds and parses every report file under a content
// folder.
package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/report"
)

// MaxFileSize is the largest report file read, in bytes.
const MaxFileSize = 8 << 20

// Options controls Load.
type Options struct {
	// Drafts includes reports marked draft: true.
	Drafts bool
	// Workers bounds parallel parsing; 0 means the number of CPUs.
	Workers int
	// Prefix is prepended to file names in errors and in Report.File, such
	// as "content/".
	Prefix string
}

// Files lists the report files (*.md) under fsys, sorted. Hidden files and
// folders (starting with '.') and editors' backups are skipped.
func Files(fsys fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && path.Ext(name) == ".md" && !strings.HasSuffix(name, "~") {
			files = append(files, p)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// Load parses every report under fsys. It returns the reports sorted by file
// name, leaving out drafts unless asked, and every error found, joined. When
// some files fail, the reports of the others are still returned with the
// error, so that a checker can say everything at once.
func Load(ctx context.Context, fsys fs.FS, opt Options) ([]*report.Report, error) {
	files, err := Files(fsys)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", strings.TrimSuffix(opt.Prefix, "/"), unwrapPath(err))
	}
	reports := make([]*report.Report, len(files))
	errs := make([]error, len(files))
	g, ctx := errgroup.WithContext(ctx)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	g.SetLimit(workers)
	for i, f := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			reports[i], errs[i] = loadOne(fsys, f, opt.Prefix+f)
			if r := reports[i]; r != nil && r.Draft && opt.Drafts {
				// A draft may leave required keys empty until it is
				// published; built with --drafts, it must not.
				if err := r.Incomplete(); err != nil {
					reports[i], errs[i] = nil, err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := reports[:0]
	for _, r := range reports {
		if r == nil || (r.Draft && !opt.Drafts) {
			continue
		}
		out = append(out, r)
	}
	return out, errors.Join(errs...)
}

func loadOne(fsys fs.FS, p, name string) (*report.Report, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %d bytes; report files may be at most %d", name, info.Size(), MaxFileSize)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, unwrapPath(err))
	}
	return report.Parse(name, data)
}

// unwrapPath drops the *fs.PathError wrapper, whose path is relative to the
// fs.FS and so misleading; callers name the file themselves.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %s: %w", pe.Op, pe.Path, pe.Err)
	}
	return err
}
