package content

import (
	"hash/maphash"
	"io/fs"
	"sync/atomic"

	"github.com/countyperf/portal/generator/internal/report"
)

// LoadDetail reads and parses the report file at path p in fsys again,
// naming it name in errors, as LoadFile does, for a caller that holds
// lean, the report a lean Load made of the file (it may have dropped
// Keys too). When the bytes read now are those Load parsed for lean, as
// lean's Fingerprint tells, only what lean lacks is read from them (see
// report.ParseDetail), which takes a fraction of the time; otherwise the
// file is parsed anew. Either way it returns what LoadFile returns: a
// file that changed since Load read it is read as it is now.
//
// The fingerprint is a check that the file did not change between the
// two reads, not a hash of its content for a cache: it compares the
// length of the bytes, then a 64-bit hash of them with a seed drawn
// anew by each run of the program, which costs a small part of what a
// SHA-256 hash costs. A change that keeps the length passes unseen with
// a chance of about one in 2^64, which no way of writing the file can
// raise, since it cannot know the seed. Were one to pass, no harm
// beyond that page would follow: ParseDetail reads the body, evidence,
// review notes and key positions from the bytes read now and takes only
// the figures from lean (what the rest of the site shows of the file in
// any case, since it was built from lean), and it reads any bytes
// safely, leaving to report.Parse, with its errors, front matter that
// does not match lean as far as it can tell. The file's page would mix
// the two versions until the next build, which sees the file's new
// stamp and makes the page again.
//
// The file is read with LoadFile's care: a file that is not regular, or
// is larger than MaxFileSize, is refused without being read.
//
// The report's Body is part of the buffer the file was read into, which
// release gives back for another file to be read into: the caller calls
// it, at most once, when nothing uses the Body any more, or never (the
// buffer is then left to the collector). Nothing else of the report
// shares the buffer (see report.Parse). release is never nil.
func LoadDetail(fsys fs.FS, p, name string, lean *report.Report) (r *report.Report, release func(), err error) {
	var lent []byte
	r, err = loadFile(fsys, p, name, nil, nil, keepLent, func(name string, data []byte) (*report.Report, error) {
		lent = data
		if lean == nil || lean.File != name || lean.Fingerprint == (report.Fingerprint{}) || !same(data, lean.Fingerprint) {
			return report.Parse(name, data)
		}
		detailLoads.Add(1)
		return report.ParseDetail(name, data, lean)
	})
	if r == nil {
		return r, func() {}, err // data went back to the pool, if it was read
	}
	return r, func() {
		(&buffer{}).put(lent)
		lent = nil
	}, err
}

// detailLoads counts the files LoadDetail gave to report.ParseDetail, for
// tests.
var detailLoads atomic.Int64

// seed is the seed of the hashes of fingerprints, drawn anew by each run
// of the program.
var seed = maphash.MakeSeed()

// fingerprint returns the fingerprint of data, the bytes of a file, that
// a lean load gives each report (see LoadDetail).
func fingerprint(data []byte) report.Fingerprint {
	return report.Fingerprint{Size: int64(len(data)), Hash: maphash.Bytes(seed, data)}
}

// same reports whether data has the fingerprint fp, hashing data only
// when its length is fp's.
func same(data []byte, fp report.Fingerprint) bool {
	return int64(len(data)) == fp.Size && maphash.Bytes(seed, data) == fp.Hash
}
