//go:build !linux

package content

import "github.com/countyperf/portal/generator/internal/report"

// loadOS reads no file outside Linux (ok is false): loadFile goes through
// the fs.FS, as everywhere but there.
func loadOS(dir, p, name string, read readFunc, cache *Cache, keep keep, parse parser) (r *report.Report, err error, ok bool) {
	return nil, nil, false
}
