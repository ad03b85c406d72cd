package build

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/countyperf/portal/generator/internal/search"
)

// CacheDir is the dot-folder, in the project, that remembers the last
// build: a hash of every input and a list of the files it wrote.
const CacheDir = ".cache"

// cacheRecord is what the cache keeps of a successful build.
type cacheRecord struct {
	// Inputs is the hash of the generator, the build's settings and every
	// file under content/, templates/ and assets/.
	Inputs string
	// Files lists every output file with its size and modification time.
	Files map[string]fileStamp
	// Reports, Counties and Pages repeat the build's summary.
	Reports, Counties, Pages, Findings int
	// Keys holds, for each report page, the hash of everything it shows
	// (see pageKeys), so that the next build can leave a page whose
	// inputs have not changed as it is, without making it again.
	Keys map[string]string `json:",omitempty"`
}

type fileStamp struct {
	Size    int64
	ModTime int64
}

// cachePath returns the cache file for a build into out.
func cachePath(root, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(root, CacheDir, "build-"+hex.EncodeToString(h[:6])+".json")
}

// inputs is what decides a build's output, hashed.
type inputs struct {
	// All is the hash of every input: the generator, the settings and
	// every source file.
	All string
	// Shared is the hash of every input but the report files: what every
	// page depends on.
	Shared [32]byte
	// Files holds the hash of each report file, by its path from the
	// project, such as content/hunan/x.md.
	Files map[string][32]byte
}

// inputHash hashes what decides a build's output: the generator itself,
// the settings, and the path and bytes of every source file.
func inputHash(ctx context.Context, cfg Config) (*inputs, error) {
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, err = io.Copy(h, f)
			f.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	out, _ := filepath.Abs(cfg.Out)
	pagefind := ""
	if !cfg.NoSearch {
		pagefind = search.Find(cfg.Root)
	}
	fmt.Fprintf(h, "\x00out=%s\x00drafts=%v\x00base=%s\x00search=%s\x00", out, cfg.Drafts, cfg.BaseURL, pagefind)
	// files holds each source file's path; names, its path from the
	// project.
	var files, names []string
	for _, dir := range []string{"content", "templates", "assets"} {
		root := filepath.Join(cfg.Root, dir)
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real // the folder itself may be a link, as the build allows
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() {
				rel, _ := filepath.Rel(root, p)
				files = append(files, p)
				names = append(names, dir+"/"+filepath.ToSlash(rel))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sums := make([][32]byte, len(files))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0) * 2)
	for i, p := range files {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			sum, err := hashFile(p)
			sums[i] = sum
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// Every input goes into All; all but the report files into Shared.
	shared := sha256.New()
	state, _ := h.(encoding.BinaryMarshaler).MarshalBinary()
	_ = shared.(encoding.BinaryUnmarshaler).UnmarshalBinary(state)
	in := &inputs{Files: map[string][32]byte{}}
	order := make([]int, len(files))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(files[a], files[b]) })
	for _, i := range order {
		fmt.Fprintf(h, "%s\x00%x\x00", filepath.ToSlash(files[i]), sums[i])
		if strings.HasPrefix(names[i], "content/") {
			in.Files[names[i]] = sums[i]
		} else {
			fmt.Fprintf(shared, "%s\x00%x\x00", names[i], sums[i])
		}
	}
	in.All = hex.EncodeToString(h.Sum(nil))
	copy(in.Shared[:], shared.Sum(nil))
	return in, nil
}

// stampOutput lists every file under out with its size and time.
func stampOutput(out string) (map[string]fileStamp, error) {
	files := map[string]fileStamp{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = fileStamp{info.Size(), info.ModTime().UnixNano()}
		return nil
	})
	return files, err
}

// upToDate reports whether the last build recorded in the cache had the
// same inputs and its output is still exactly as it left it.
func upToDate(cfg Config, inputs string) (*cacheRecord, bool) {
	rec := lastBuild(cfg)
	if rec == nil || rec.Inputs != inputs {
		return nil, false
	}
	now, err := stampOutput(cfg.Out)
	if err != nil || len(now) != len(rec.Files) {
		return nil, false
	}
	for name, st := range rec.Files {
		if now[name] != st {
			return nil, false
		}
	}
	return rec, true
}

// lastBuild returns the cache's record of the last build into the same
// output, or nil.
func lastBuild(cfg Config) *cacheRecord {
	data, err := os.ReadFile(cachePath(cfg.Root, cfg.Out))
	if err != nil {
		return nil
	}
	var rec cacheRecord
	if json.Unmarshal(data, &rec) != nil {
		return nil
	}
	return &rec
}

// remember records a successful build; a failure to write the cache only
// costs the next build its shortcut.
func remember(cfg Config, inputs string, keys map[string]string, sum *Summary) {
	files, err := stampOutput(cfg.Out)
	if err != nil {
		return
	}
	rec := cacheRecord{Inputs: inputs, Files: files, Reports: sum.Reports, Counties: sum.Counties, Pages: sum.Pages, Findings: sum.Findings, Keys: keys}
	data, err := json.Marshal(rec)
	if err != nil {
		return
	}
	path := cachePath(cfg.Root, cfg.Out)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp := path + ".tmp"
	if os.WriteFile(tmp, data, 0o644) == nil {
		os.Rename(tmp, path)
	}
}

// hashFile hashes a file's bytes. A file that is not regular (a pipe, a
// device) or that is larger than any input the build reads is hashed by
// its name, size and time instead, so hashing never blocks or reads
// without end; the build itself refuses such files.
func hashFile(p string) ([32]byte, error) {
	info, err := os.Stat(p)
	if err != nil {
		return [32]byte{}, err
	}
	if !info.Mode().IsRegular() || info.Size() > maxHashed {
		return sha256.Sum256([]byte(fmt.Sprintf("%s\x00%v\x00%d\x00%d", p, info.Mode(), info.Size(), info.ModTime().UnixNano()))), nil
	}
	f, err := os.Open(p)
	if err != nil {
		return [32]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxHashed+1)); err != nil {
		return [32]byte{}, err
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// maxHashed is the largest file hashed by content: no input file the
// build accepts is larger.
const maxHashed = 16 << 20
