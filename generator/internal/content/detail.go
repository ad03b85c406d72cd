package content

import (
	"crypto/sha256"
	"io/fs"
	"sync/atomic"

	"github.com/countyperf/portal/generator/internal/report"
)

// LoadDetail reads and parses the report file at path p in fsys again,
// naming it name in errors, as LoadFile does, for a caller that holds
// lean, the report a lean Load made of the file (it may have dropped
// Keys too), and sum, the SHA-256 hash of the bytes that Load parsed for
// it (as given to Options.Read). When the bytes read now have that hash
// and lean is the report of name, only what lean lacks is read from them
// (see report.ParseDetail), which takes a fraction of the time; otherwise
// the file is parsed anew. Either way it returns what LoadFile returns:
// a file that changed since Load read it is read as it is now.
//
// The file is read with LoadFile's care: a file that is not regular, or
// is larger than MaxFileSize, is refused without being read.
func LoadDetail(fsys fs.FS, p, name string, lean *report.Report, sum [32]byte) (*report.Report, error) {
	if lean == nil || lean.File != name {
		return loadFile(fsys, p, name, nil, nil, false, nil)
	}
	return loadFile(fsys, p, name, nil, nil, false, func(name string, data []byte) (*report.Report, error) {
		if sha256.Sum256(data) != sum {
			return report.Parse(name, data)
		}
		detailLoads.Add(1)
		return report.ParseDetail(name, data, lean)
	})
}

// detailLoads counts the files LoadDetail gave to report.ParseDetail, for
// tests.
var detailLoads atomic.Int64
