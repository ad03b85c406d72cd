package corpus

import (
	"fmt"
	"os"
	"path/filepath"
)

// Cached returns a folder of os.TempDir() whose content/ holds the corpus
// of opt, generating it the first time and reusing it afterwards, for
// benchmarks: the folder is named after opt's reports, seed and
// departments and Version (portal-bench-corpus-R-S-dD-vV), and made under
// another name, then renamed, so that an interrupted run leaves no half
// corpus behind.
func Cached(opt Options) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("portal-bench-corpus-%d-%d-d%d-v%d",
		opt.Reports, opt.Seed, max(opt.Departments, 1), Version))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "portal-bench-corpus-tmp-")
	if err != nil {
		return "", err
	}
	if err := Generate(filepath.Join(tmp, "content"), opt); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, serr := os.Stat(filepath.Join(dir, "content")); serr == nil {
			return dir, nil // another run made it meanwhile
		}
		return "", err
	}
	return dir, nil
}
