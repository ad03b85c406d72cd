package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/countyperf/portal/generator/internal/filestamp"
	"github.com/countyperf/portal/generator/internal/testseeds"
)

func stampOf(size, t int64) filestamp.Stamp {
	return filestamp.Stamp{Size: size, ModTime: t, Change: t + 1, Inode: size * 7}
}

// awkwardRecord returns a record whose strings are hard to write: not
// UTF-8, holding NUL bytes, empty, long, and whose numbers are extremes.
func awkwardRecord() *cacheRecord {
	long := strings.Repeat("长路径/", 100_000) // 1 MB
	return &cacheRecord{
		Inputs:  "in\x00puts\xff",
		Reports: math.MaxInt, Counties: -1, Pages: 0, Findings: math.MinInt, Undated: 3,
		Said:   "warning: [sum.spending] 甲\x00\xff\n" + long,
		Drafts: []string{"content/a.md", "", "\xff\x00", long},
		Files: map[string]fileStamp{
			"":               {Size: 0, ModTime: 0},
			"a\x00b":         {Size: -1, ModTime: math.MinInt64},
			"\xff\xfe\xc0":   {Size: math.MaxInt64, ModTime: math.MaxInt64, Sum: math.MaxUint64},
			long:             {Size: 1, ModTime: 2},
			"report/甲县.html": {Size: 1234, ModTime: 1795433796344488687, Sum: 1 << 63},
		},
		Sources: map[string]sourceStamp{
			"content/a.md":    {Stamp: stampOf(10, 20), Sum: sha256.Sum256([]byte("a"))},
			"content/\x00.md": {Stamp: filestamp.Stamp{Size: -5, ModTime: math.MinInt64, Change: math.MaxInt64, Inode: 0}},
			long + "\x80":     {Stamp: stampOf(1, 1), Sum: digest{0: 0xff, 31: 0x01}},
		},
		Keys: map[string]string{
			"report/甲县.html": strings.Repeat("ab", 32),
			"\x00":           "",
			long:             long + "\x00\xff",
		},
	}
}

// sameRecord reports whether two records hold the same, a nil map being
// the same as an empty one.
func sameRecord(a, b *cacheRecord) bool {
	return a.Inputs == b.Inputs && a.Reports == b.Reports && a.Counties == b.Counties &&
		a.Pages == b.Pages && a.Findings == b.Findings && a.Undated == b.Undated && a.Said == b.Said && slices.Equal(a.Drafts, b.Drafts) &&
		maps.Equal(a.Files, b.Files) && maps.Equal(a.Sources, b.Sources) && maps.Equal(a.Keys, b.Keys)
}

// TestRecordRoundTrip decodes what encodeRecord writes to the same record,
// awkward strings and all, and an empty record too.
func TestRecordRoundTrip(t *testing.T) {
	for name, rec := range map[string]*cacheRecord{
		"awkward": awkwardRecord(),
		"empty":   {},
		"large":   bigRecord(2000),
	} {
		data := encodeRecord(rec)
		got := decodeRecord(data)
		if got == nil {
			t.Errorf("%s: the record was not read back", name)
			continue
		}
		if !sameRecord(got, rec) {
			t.Errorf("%s: read back a different record", name)
		}
		if again := encodeRecord(got); len(again) != len(data) || decodeRecord(again) == nil {
			t.Errorf("%s: the record read back does not encode as it was", name)
		}
		// Of its files alone: the same files and counts, no sources or
		// keys; and nothing of a damaged record.
		files := decodeRecordOf(data, true)
		if files == nil || !maps.Equal(files.Files, rec.Files) || files.Sources != nil || files.Keys != nil ||
			files.Inputs != rec.Inputs || files.Reports != rec.Reports {
			t.Errorf("%s: read back of its files alone: %+v", name, files)
		}
		if len(data) > 60 {
			damaged := slices.Clone(data)
			damaged[len(damaged)-1] ^= 1
			if decodeRecordOf(damaged, true) != nil {
				t.Errorf("%s: a damaged record is read for its files", name)
			}
		}
	}
}

// TestRecordFieldCounts fails when the record, or a stamp it holds, gains
// a field: encodeRecord and parseRecord must then write and read it too.
func TestRecordFieldCounts(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int
	}{
		{cacheRecord{}, 11},
		{fileStamp{}, 3},
		{sourceStamp{}, 2},
		{filestamp.Stamp{}, 4},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.want {
			t.Errorf("%T has %d fields, the cache record writes %d: write the new ones in cachecodec.go and change recordMagic", c.v, n, c.want)
		}
	}
}

// smallRecord is a record small enough to be damaged in every way.
func smallRecord() *cacheRecord {
	return &cacheRecord{
		Inputs: strings.Repeat("f", 64), Reports: 2, Counties: 1, Pages: 5, Findings: 1, Undated: 1,
		Said: "warning: [grade.score] 等级\n", Drafts: []string{"content/b.md"},
		Files:   map[string]fileStamp{"index.html": {100, 1 << 60, 7}, "report/a.html": {200, 1<<60 + 1, 0}},
		Sources: map[string]sourceStamp{"content/a.md": {Stamp: stampOf(50, 1<<60), Sum: sha256.Sum256([]byte("a"))}},
		Keys:    map[string]string{"report/a.html": strings.Repeat("0", 64)},
	}
}

// TestDamagedRecordsAreIgnored: every truncation of a record, every flip
// of one of its bits, bytes added after it, and random damage make it no
// record at all.
func TestDamagedRecordsAreIgnored(t *testing.T) {
	data := encodeRecord(smallRecord())
	if decodeRecord(data) == nil {
		t.Fatal("the record as written is not read")
	}
	for n := range len(data) {
		if decodeRecord(data[:n]) != nil {
			t.Fatalf("the record cut to %d of its %d bytes is read", n, len(data))
		}
	}
	for _, extra := range []string{"\x00", "x", string(data)} {
		if decodeRecord(append(bytes.Clone(data), extra...)) != nil {
			t.Errorf("the record followed by %d more bytes is read", len(extra))
		}
	}
	for i := range len(data) * 8 {
		damaged := bytes.Clone(data)
		damaged[i/8] ^= 1 << (i % 8)
		if decodeRecord(damaged) != nil {
			t.Fatalf("the record with bit %d of byte %d flipped is read", i%8, i/8)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		damaged := bytes.Clone(data)
		for range 1 + rng.IntN(8) {
			damaged[rng.IntN(len(damaged))] = byte(rng.IntN(256))
		}
		if bytes.Equal(damaged, data) {
			continue
		}
		if decodeRecord(damaged) != nil {
			t.Fatalf("a randomly damaged record is read: %q", damaged)
		}
	}
}

// sealed returns a record whose payload is p, with the right sum: what a
// record written by a faulty encoder would look like.
func sealed(p []byte) []byte {
	sum := sha256.Sum256(p)
	return append(append([]byte(recordMagic), sum[:]...), p...)
}

// payload builds the payload of a record by hand.
type payload []byte

func (p payload) str(s string) payload  { return appendRecordString(p, s) }
func (p payload) cnt(n uint64) payload  { return binary.AppendUvarint(p, n) }
func (p payload) int(v int64) payload   { return binary.LittleEndian.AppendUint64(p, uint64(v)) }
func (p payload) raw(b ...byte) payload { return append(p, b...) }

// head is a payload's inputs, counts, what the build said and its
// drafts.
func head() payload {
	return payload(nil).str("inputs").int(1).int(2).int(3).int(4).int(5).str("said").cnt(1).str("content/d.md")
}

// TestMalformedPayloadsAreIgnored: a payload with the right sum that does
// not decode to exactly itself is no record, and none makes the decoder
// fail otherwise (panic, or allocate for counts the payload cannot hold).
func TestMalformedPayloadsAreIgnored(t *testing.T) {
	sum := make([]byte, recordSumSize)
	for name, p := range map[string]payload{
		"nothing":                   nil,
		"a string past the end":     payload(nil).cnt(100).raw('x'),
		"a string of 2^64-1 bytes":  payload(nil).cnt(math.MaxUint64),
		"a varint of 11 bytes":      payload(bytes.Repeat([]byte{0xff}, 10)).raw(1),
		"a varint beyond 64 bits":   payload(bytes.Repeat([]byte{0xff}, 9)).raw(2),
		"no counts":                 head(),
		"more drafts than given":    payload(nil).str("inputs").int(1).int(2).int(3).int(4).int(5).str("").cnt(3).str("a").cnt(0).cnt(0).cnt(0),
		"an int cut short":          payload(nil).str("inputs").int(1).raw(1, 2, 3),
		"a count of 2^40 sources":   head().cnt(1 << 40),
		"a count of 2^63 keys":      head().cnt(0).cnt(1 << 63),
		"more files than given":     head().cnt(0).cnt(0).cnt(2).str("a").int(1).int(2).int(3),
		"a source's sum cut short":  head().cnt(1).str("a").int(1).int(2).int(3).int(4).raw(sum[:31]...).cnt(0).cnt(0),
		"a key path twice":          head().cnt(0).cnt(2).str("k").str("a").str("k").str("b").cnt(0),
		"a file path twice":         head().cnt(0).cnt(0).cnt(2).str("f").int(1).int(2).int(3).str("f").int(1).int(2).int(3),
		"a file's sum cut short":    head().cnt(0).cnt(0).cnt(1).str("f").int(1).int(2).raw(1, 2, 3),
		"a source path twice":       head().cnt(2).str("s").int(1).int(2).int(3).int(4).raw(sum...).str("s").int(1).int(2).int(3).int(4).raw(sum...).cnt(0).cnt(0),
		"a byte after the files":    head().cnt(0).cnt(0).cnt(0).raw(0),
		"a record after the record": head().cnt(0).cnt(0).cnt(0).str("inputs"),
	} {
		if rec := decodeRecord(sealed(p)); rec != nil {
			t.Errorf("%s: read as a record", name)
		}
	}
	// The same, well formed, are read.
	for name, p := range map[string]payload{
		"empty":     head().cnt(0).cnt(0).cnt(0),
		"one each":  head().cnt(1).str("s").int(1).int(2).int(3).int(4).raw(sum...).cnt(1).str("k").str("a").cnt(1).str("f").int(1).int(2).int(3),
		"two files": head().cnt(0).cnt(0).cnt(2).str("f").int(1).int(2).int(3).str("g").int(1).int(2).int(0),
	} {
		if rec := decodeRecord(sealed(p)); rec == nil {
			t.Errorf("%s: not read", name)
		}
	}
}

// FuzzDecodeRecord decodes arbitrary payloads with the right sum: the
// decoder must not fail but by returning nil, and a record it does read
// must encode to one that reads the same.
func FuzzDecodeRecord(f *testing.F) {
	good := encodeRecord(smallRecord())
	f.Add(good[len(recordMagic)+recordSumSize:])
	f.Add([]byte(head().cnt(0).cnt(0).cnt(0)))
	f.Add([]byte(head().cnt(0).cnt(2).str("k").str("a").str("k").str("b").cnt(0)))
	f.Fuzz(func(t *testing.T, p []byte) {
		rec := decodeRecord(sealed(p))
		if rec == nil {
			return
		}
		again := decodeRecord(encodeRecord(rec))
		if again == nil || !sameRecord(rec, again) {
			t.Fatal("a record read does not read the same once written again")
		}
	})
}

// TestRandomPayloadsDoNotUpsetTheDecoder decodes random payloads, with
// the right sum, made of the pieces records are made of: lists of entries
// of the right shape or nearly, with counts right or nearly.
func TestRandomPayloadsDoNotUpsetTheDecoder(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// often returns n, and sometimes something near it or far from it.
	often := func(n int) uint64 {
		switch rng.IntN(20) {
		case 0:
			return rng.Uint64()
		case 1:
			return uint64(n + 1)
		case 2:
			return uint64(max(n-1, 0))
		}
		return uint64(n)
	}
	// nearly often returns n, and sometimes one more or one less.
	nearly := func(n int) int {
		if rng.IntN(20) == 0 {
			return n + 1 - 2*rng.IntN(2)
		}
		return n
	}
	name := func() string { return strings.Repeat("x", rng.IntN(3)) + string(rune('a'+rng.IntN(3))) }
	entry := []func(payload) payload{
		func(p payload) payload { // a source
			p = p.cnt(often(1)).raw(name()[0]).int(rng.Int64()).int(1).int(2).int(3)
			return p.raw(make([]byte, nearly(recordSumSize))...)
		},
		func(p payload) payload { return p.str(name()).str(name()) },                                      // a key
		func(p payload) payload { return p.str(name()).int(rng.Int64()).raw(make([]byte, nearly(8))...) }, // a file
	}
	read := 0
	const tries = 20000
	for range tries {
		p := head()
		for _, write := range entry {
			n := rng.IntN(4)
			p = p.cnt(often(n))
			for range n {
				p = write(p)
			}
		}
		if rng.IntN(10) == 0 {
			p = p.raw(byte(rng.IntN(256)))
		}
		if rec := decodeRecord(sealed(p)); rec != nil {
			read++
			if again := decodeRecord(encodeRecord(rec)); again == nil || !sameRecord(rec, again) {
				t.Fatal("a record read does not read the same once written again")
			}
		}
	}
	if read == 0 || read == tries {
		t.Errorf("%d of %d random payloads were records: the test tries too little", read, tries)
	}
}

// TestRecordsOfOtherFormatsAreIgnored: the JSON records of earlier
// versions, and files that are no records at all, are not read, and a
// build that finds one builds as if there were no record: all of it,
// keeping no page, and then writes a record the next build trusts.
func TestRecordsOfOtherFormatsAreIgnored(t *testing.T) {
	root := t.TempDir()
	repo := testseeds.Root(t)
	for _, sub := range []string{"templates", "assets"} {
		if err := os.CopyFS(filepath.Join(root, sub), os.DirFS(filepath.Join(repo, sub))); err != nil {
			t.Fatal(err)
		}
	}
	for name, data := range map[string]string{
		"content/a/jia-2021.md":  "---\ncounty: 甲县\nprefecture: 乙市\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nspending: {total: 100}\n---\n甲县。\n",
		"content/b/bing-2021.md": "---\ncounty: 丙县\nprefecture: 乙市\ndepartment: 财政局\nyear: 2021\ntype: 整体支出\nspending: {total: 90}\n---\n丙县。\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := Config{Root: root, NoSearch: true}
	build := func() *Summary {
		t.Helper()
		sum, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	build()
	if sum := build(); !sum.Cached {
		t.Fatal("the second build did not use the record of the first")
	}
	path := cachePath(root, filepath.Join(root, "public"))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rec := decodeRecord(data)
	if rec == nil || len(rec.Keys) == 0 || len(rec.Files) == 0 || len(rec.Sources) == 0 {
		t.Fatalf("the record written is not read, or is empty: %+v", rec)
	}
	// The JSON of earlier versions, true to this build: the build before
	// this format would have trusted it.
	old, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	for name, other := range map[string][]byte{
		"JSON":        old,
		"empty":       nil,
		"magic alone": []byte(recordMagic),
		"cut short":   data[:len(data)/2],
		"damaged":     append(append(bytes.Clone(data[:len(data)/2]), data[len(data)/2]^0x20), data[len(data)/2+1:]...),
		"next format": append([]byte(strings.Replace(recordMagic, "4", "5", 1)), data[len(recordMagic):]...),
	} {
		if err := os.WriteFile(path, other, 0o644); err != nil {
			t.Fatal(err)
		}
		if lastBuild(cfg) != nil {
			t.Errorf("%s: read as a record", name)
		}
		if sum := build(); sum.Cached || sum.Kept != 0 {
			t.Errorf("%s: the build trusted the record (cached %v, %d pages kept)", name, sum.Cached, sum.Kept)
		}
		if sum := build(); !sum.Cached {
			t.Errorf("%s: the build after it did not trust the record it wrote", name)
		}
	}
}
