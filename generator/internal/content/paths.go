package content

import (
	"path/filepath"
	"strings"
)

// Absolute returns path as an absolute path with symbolic links resolved,
// as far as they can be: the parts that do not exist are kept as they
// are. Two paths of one file, one through a link, are then the same.
func Absolute(path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	for dir, rest := p, ""; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// Within returns path relative to the folder dir, both made Absolute,
// and whether path is dir itself or under it.
func Within(dir, path string) (rel string, ok bool) {
	rel, err := filepath.Rel(Absolute(dir), Absolute(path))
	if err != nil || climbs(rel) {
		return "", false
	}
	return rel, true
}

// climbs reports whether rel, a path made by filepath.Rel, leads out of
// the folder it is relative to.
func climbs(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
