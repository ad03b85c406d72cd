package serve

import (
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/countyperf/portal/generator/internal/content"
	"github.com/countyperf/portal/generator/internal/filestamp"
)

// sources remembers the bytes of the project's source files, those under
// content/, templates/ and assets/, as a hash of each with its stamp, so
// that serve makes the site again and reloads the pages only when a
// file's bytes changed, or a file was added or removed: not when a file
// is saved as it was (touch), nor for the files editors write beside the
// one being edited (see scratch), nor for a file written and removed
// within a burst (vim's 4913).
type sources struct {
	root  string
	seed  maphash.Seed
	files map[string]source // by slash-separated path from root, such as content/a/x.md
}

// source is what sources remembers of a file.
type source struct {
	stamp   filestamp.Stamp
	trusted bool // the stamp changes whenever the file is written
	sum     uint64
}

func newSources(root string) *sources {
	return &sources{root: root, seed: maphash.MakeSeed(), files: map[string]source{}}
}

// scratch reports whether a file named name is one an editor or a tool
// writes beside the file being edited, and that is no source: vim's swap
// file (.x.md.swp, rewritten while typing) and emacs's lock (.#x.md), as
// every hidden file, which a build skips, and the others content knows
// (content.EditorFile: #x.md#, x.md~, ~$x.md, 4913).
func scratch(name string) bool {
	return strings.HasPrefix(name, ".") || content.EditorFile(name)
}

// scan looks at every source file, and reports whether any changed, was
// added or was removed since the last scan or update.
func (s *sources) scan() bool {
	seen := make(map[string]source, len(s.files))
	changed := false
	for _, dir := range []string{"content", "templates", "assets"} {
		root := filepath.Join(s.root, dir)
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real // the folder itself may be a link, as a build allows
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || scratch(d.Name()) {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return nil
			}
			name := dir + "/" + filepath.ToSlash(rel)
			if src, ok, differs := s.look(name); ok {
				seen[name] = src
				changed = changed || differs
			}
			return nil
		})
	}
	for name := range s.files {
		if _, ok := seen[name]; !ok {
			changed = true
		}
	}
	s.files = seen
	return changed
}

// update looks at the files named, slash-separated paths from the root
// such as content/a/x.md, as the file system's notices name them, and
// reports whether any changed, was added or was removed since the last
// scan or update. Folders named are not looked into.
func (s *sources) update(names []string) bool {
	changed := false
	for _, name := range names {
		if scratch(filepath.Base(name)) {
			continue
		}
		src, ok, differs := s.look(name)
		switch {
		case ok:
			s.files[name] = src
			changed = changed || differs
		case s.has(name):
			delete(s.files, name)
			changed = true
		}
	}
	return changed
}

// has reports whether the file name is remembered.
func (s *sources) has(name string) bool {
	_, ok := s.files[name]
	return ok
}

// look returns what to remember of the file name, with ok false when it
// is not a file that can be read, and whether it differs from what is
// remembered of it: its bytes are read unless its stamp is the one
// remembered and can be trusted.
func (s *sources) look(name string) (src source, ok, differs bool) {
	path := filepath.Join(s.root, filepath.FromSlash(name))
	info, err := os.Stat(path)
	if err != nil || !info.Mode().IsRegular() {
		return source{}, false, false
	}
	last, had := s.files[name]
	src.stamp, src.trusted = filestamp.Of(info)
	if had && src.trusted && last.trusted && src.stamp == last.stamp {
		return last, true, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return source{}, false, false
	}
	src.sum = maphash.Bytes(s.seed, data)
	return src, true, !had || src.sum != last.sum
}
