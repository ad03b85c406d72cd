package build

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// recordMagic starts every cache record. Any change to the format must
// change it, so that a record of another format is ignored, as is one of
// the JSON that the cache was first written in (which starts with '{').
const recordMagic = "portal build cache 4\n"

// recordSumSize is the size of the payload's hash.
const recordSumSize = sha256.Size

// encodeRecord writes rec in a compact binary form, which a build of
// 15,000 reports writes and reads in a few milliseconds where JSON took a
// tenth of a second each way. Records are named build-*.rec; the JSON
// records of earlier versions, build-*.json, are removed when the cache is
// pruned (see pruneCache). The form is:
//
//	magic    recordMagic, which names the format and its version
//	sum      the SHA-256 of payload, 32 bytes
//	payload:
//	  str Inputs
//	  int Reports, Counties, Pages, Findings, Undated
//	  str Said
//	  cnt n, then n times: str path                               (Drafts)
//	  cnt n, then n times: str path, int Size, int ModTime,
//	                       int Change, int Inode, 32 bytes Sum    (Sources)
//	  cnt n, then n times: str path, str key                      (Keys)
//	  cnt n, then n times: str path, int Size, int ModTime,
//	                       int Sum                                (Files)
//
// where int is 8 bytes, little-endian; cnt an unsigned varint; and str a
// cnt of bytes and the bytes, which need not be UTF-8. A record that does
// not start with the magic, whose payload does not have its sum, or that
// does not decode to exactly its payload is no record at all: the build
// then does without one (see decodeRecord).
func encodeRecord(rec *cacheRecord) []byte {
	return startRecord(rec).finish(rec.Files)
}

// recordEncoder writes a record in two steps: everything but the output's
// files, which a build knows before it lists its output, and then the
// files, so that the first step can run while the output is listed.
type recordEncoder struct {
	b []byte
	// h has hashed the payload in b so far.
	h hash.Hash
}

// startRecord encodes everything of rec but its Files.
func startRecord(rec *cacheRecord) *recordEncoder {
	head := len(recordMagic) + recordSumSize
	// Room for all but the files, and for about as many files as keys.
	size := head + 64 + len(rec.Inputs) + len(rec.Said) + len(rec.Drafts)*64 + len(rec.Sources)*128 + len(rec.Keys)*(128+64)
	b := make([]byte, head, size)
	copy(b, recordMagic)
	b = appendRecordString(b, rec.Inputs)
	for _, v := range []int{rec.Reports, rec.Counties, rec.Pages, rec.Findings, rec.Undated} {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	b = appendRecordString(b, rec.Said)
	b = binary.AppendUvarint(b, uint64(len(rec.Drafts)))
	for _, name := range rec.Drafts {
		b = appendRecordString(b, name)
	}
	b = binary.AppendUvarint(b, uint64(len(rec.Sources)))
	for name, st := range rec.Sources {
		b = appendRecordString(b, name)
		b = binary.LittleEndian.AppendUint64(b, uint64(st.Size))
		b = binary.LittleEndian.AppendUint64(b, uint64(st.ModTime))
		b = binary.LittleEndian.AppendUint64(b, uint64(st.Change))
		b = binary.LittleEndian.AppendUint64(b, uint64(st.Inode))
		b = append(b, st.Sum[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(rec.Keys)))
	for name, key := range rec.Keys {
		b = appendRecordString(b, name)
		b = appendRecordString(b, key)
	}
	h := sha256.New()
	h.Write(b[head:])
	return &recordEncoder{b: b, h: h}
}

// finish encodes the output's files and returns the whole record.
func (e *recordEncoder) finish(files map[string]fileStamp) []byte {
	b := e.b
	start := len(b)
	b = binary.AppendUvarint(b, uint64(len(files)))
	for name, st := range files {
		b = appendRecordString(b, name)
		b = binary.LittleEndian.AppendUint64(b, uint64(st.Size))
		b = binary.LittleEndian.AppendUint64(b, uint64(st.ModTime))
		b = binary.LittleEndian.AppendUint64(b, st.Sum)
	}
	e.h.Write(b[start:])
	e.h.Sum(b[len(recordMagic):len(recordMagic)]) // into its place, after the magic
	e.b = nil
	return b
}

func appendRecordString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decodeRecord reads a record written by encodeRecord, or returns nil
// when data is not one: of another format, truncated or altered.
func decodeRecord(data []byte) *cacheRecord { return decodeRecordOf(data, false) }

// decodeRecordOf is decodeRecord; with filesOnly, the record it returns
// holds the output's files alone (and its counts and text), not the
// stamps of the sources nor the keys of the pages, which it reads past:
// what a build that does not use the cache needs to know which files of
// the output are its own (see foreign), without their memory.
func decodeRecordOf(data []byte, filesOnly bool) *cacheRecord {
	head := len(recordMagic) + recordSumSize
	if len(data) < head || string(data[:len(recordMagic)]) != recordMagic {
		return nil
	}
	if sha256.Sum256(data[head:]) != [recordSumSize]byte(data[len(recordMagic):head]) {
		return nil
	}
	// One string holds the whole payload; every path and key is a part
	// of it, so that decoding allocates little more than the maps.
	d := recordDecoder{s: string(data[head:])}
	rec := &cacheRecord{Inputs: d.str()}
	rec.Reports, rec.Counties, rec.Pages, rec.Findings, rec.Undated = int(d.int()), int(d.int()), int(d.int()), int(d.int()), int(d.int())
	rec.Said = d.str()
	// Each count is bounded by what the rest of the payload can hold,
	// so that no count makes a map larger than the record.
	const fileSize, sourceSize, keySize, draftSize = 1 + 3*8, 1 + 4*8 + recordSumSize, 1 + 1, 1
	if n := d.count(draftSize); n > 0 {
		rec.Drafts = make([]string, n)
		for i := range rec.Drafts {
			rec.Drafts[i] = d.str()
		}
	}
	if n := d.count(sourceSize); n > 0 && filesOnly {
		for range n {
			d.str()
			d.next(4*8 + recordSumSize)
		}
	} else if n > 0 {
		rec.Sources = make(map[string]sourceStamp, n)
		for range n {
			name := d.str()
			var st sourceStamp
			st.Size, st.ModTime, st.Change, st.Inode = d.int(), d.int(), d.int(), d.int()
			copy(st.Sum[:], d.next(recordSumSize))
			rec.Sources[name] = st
		}
		if len(rec.Sources) != n {
			d.fail() // a path twice
		}
	}
	if n := d.count(keySize); n > 0 && filesOnly {
		for range 2 * n {
			d.str()
		}
	} else if n > 0 {
		rec.Keys = make(map[string]string, n)
		for range n {
			name := d.str()
			rec.Keys[name] = d.str()
		}
		if len(rec.Keys) != n {
			d.fail()
		}
	}
	if n := d.count(fileSize); n > 0 {
		rec.Files = make(map[string]fileStamp, n)
		for range n {
			name := d.str()
			rec.Files[name] = fileStamp{Size: d.int(), ModTime: d.int(), Sum: uint64(d.int())}
		}
		if len(rec.Files) != n {
			d.fail()
		}
	}
	if d.bad || d.s != "" {
		return nil
	}
	return rec
}

// recordDecoder reads the payload of a record, s. Once a read fails, bad
// is set and every read after it returns a zero value.
type recordDecoder struct {
	s   string
	bad bool
}

// next returns the next n bytes.
func (d *recordDecoder) next(n int) string {
	if n > len(d.s) {
		d.fail()
		return ""
	}
	v := d.s[:n]
	d.s = d.s[n:]
	return v
}

func (d *recordDecoder) fail() {
	d.bad, d.s = true, ""
}

func (d *recordDecoder) uvarint() uint64 {
	var v uint64
	var shift uint
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		c := d.s[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflows 64 bits
			}
			d.s = d.s[i+1:]
			return v | uint64(c)<<shift
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
	}
	d.fail()
	return 0
}

func (d *recordDecoder) int() int64 {
	b := d.next(8)
	if len(b) < 8 {
		return 0
	}
	return int64(uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56)
}

func (d *recordDecoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)) {
		d.fail()
		return ""
	}
	return d.next(int(n))
}

// count reads the count of a list whose entries take at least least
// bytes each, and fails when the rest of the payload cannot hold that
// many.
func (d *recordDecoder) count(least int) int {
	n := d.uvarint()
	if n > uint64(len(d.s)/least) {
		d.fail()
		return 0
	}
	return int(n)
}
