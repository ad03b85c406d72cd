package publish

import (
	"fmt"
	"io/fs"
)

// Retain records a file of the site that the build leaves in the output
// as it is, without giving its bytes: one the caller knows to be
// unchanged since the last build. The file is neither rewritten nor
// removed as stale.
func (t *Tx) Retain(name string) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("publish: invalid output path %q", name)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.written[name] {
		return fmt.Errorf("publish: %s is written twice", name)
	}
	t.written[name] = true
	t.Stats.Unchanged++
	return nil
}

// Holds reports whether the transaction wrote or retained the file name
// of the output (see Write and Retain).
func (t *Tx) Holds(name string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written[name]
}
