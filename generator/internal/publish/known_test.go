package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestKnownSettlesByChecksum: a file whose stamp is still the one Known
// recorded is settled by the recorded checksum, without being read; a
// file whose stamp moved is settled by its bytes, as without Known. The
// output here is made to disagree with its record, which only a
// transaction that does not read the file can miss: what it does shows
// which way it settled.
func TestKnownSettlesByChecksum(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 11, 24, 8, 0, 0, 123456789, time.UTC)
	onDisk := []byte("旧的内容") // what every file holds
	other := []byte("新的内容")  // as long, other bytes
	files := []string{"recorded.html", "recorded-other.html", "moved.html", "moved-same.html", "unknown.html", "recorded.csv"}
	for _, name := range files {
		p := filepath.Join(out, name)
		if err := os.WriteFile(p, onDisk, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
	}
	size := int64(len(onDisk))
	record := map[string]Stamp{
		// The record says the file holds other: its stamp is unchanged,
		// so other is taken to be there.
		"recorded.html": {size, when.UnixNano(), Checksum(other)},
		"recorded.csv":  {size, when.UnixNano(), Checksum(other)},
		// The record says the file holds other, and onDisk is written: a
		// change, taken on the record's word.
		"recorded-other.html": {size, when.UnixNano(), Checksum(other)},
		// The file's time moved since the record: its bytes decide.
		"moved.html":      {size, when.UnixNano() + 1, Checksum(onDisk)},
		"moved-same.html": {size, when.UnixNano() + 1, Checksum(other)},
	}
	tx, err := Begin(out, "")
	if err != nil {
		t.Fatal(err)
	}
	tx.Known = func(name string) (Stamp, bool) {
		st, ok := record[name]
		return st, ok
	}
	writes := map[string][]byte{
		"recorded.html":       other,  // unchanged, by the record
		"recorded-other.html": onDisk, // changed, by the record
		"moved.html":          other,  // changed, by the bytes
		"moved-same.html":     onDisk, // unchanged, by the bytes
		"unknown.html":        onDisk, // unchanged, by the bytes
	}
	for name, data := range writes {
		if err := tx.Write(name, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.WriteStream("recorded.csv", func(w io.Writer) error { _, err := w.Write(other); return err }); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if tx.Stats.Unchanged != 4 || tx.Stats.Written != 2 {
		t.Errorf("%+v, want 4 unchanged (recorded.html, recorded.csv by the record; moved-same.html, unknown.html by their bytes), 2 written", tx.Stats)
	}
	for name, want := range map[string][]byte{
		"recorded.html":       onDisk, // not read, so not rewritten
		"recorded.csv":        onDisk,
		"recorded-other.html": onDisk, // rewritten with the same bytes
		"moved.html":          other,
		"moved-same.html":     onDisk,
		"unknown.html":        onDisk,
	} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	stamps, ok := tx.Stamps()
	if !ok {
		t.Fatal("no stamps after Commit")
	}
	for name, data := range writes {
		if stamps[name].Sum != Checksum(data) {
			t.Errorf("%s: stamp's checksum %x, want that of the bytes written, %x", name, stamps[name].Sum, Checksum(data))
		}
	}
	if stamps["recorded.csv"].Sum != Checksum(other) {
		t.Errorf("recorded.csv: stamp's checksum %x, want that of the bytes streamed", stamps["recorded.csv"].Sum)
	}
}

// TestChecksum: the checksum of a file's bytes is the same in one piece
// and streamed in parts, never 0, and tells apart bytes that differ.
func TestChecksum(t *testing.T) {
	seen := map[uint64]string{}
	for _, s := range []string{"", "a", "b", "ab", "ba", "报告", "报吿", string(make([]byte, 4096)), string(make([]byte, 4097))} {
		sum := Checksum([]byte(s))
		if sum == 0 {
			t.Errorf("Checksum(%q) is 0", s)
		}
		if o, ok := seen[sum]; ok {
			t.Errorf("Checksum(%q) = Checksum(%q)", s, o)
		}
		seen[sum] = s
		c := newChecksummer()
		for i := 0; i < len(s); i += 3 {
			c.Write([]byte(s[i:min(i+3, len(s))]))
		}
		if c.Sum64() != sum {
			t.Errorf("%q streamed: %x, in one piece %x", s, c.Sum64(), sum)
		}
	}
}
