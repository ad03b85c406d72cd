package report

import (
	"encoding/binary"
	"iter"
	"maps"
	"slices"
)

// KeyPositions records where each key of a report's front matter was
// written, by its dotted name (such as county or spending.total). Every
// report of a build keeps it until the reports are checked, so it is
// encoded compactly, in about three bytes a key: read it with Lookup or
// All. Its zero value, nil, records no key; setting Report.Keys to nil lets
// its memory go.
//
// Each key is a byte, its index in keyNames (or otherKey, then the length
// of its name as a uvarint and the name), followed by its line and column
// as varints.
type KeyPositions []byte

// keyNames are the dotted names of the keys a report may have, which
// KeyPositions encodes as their index: the top-level keys (topKeys), then
// those of the mappings of figures. Evidence keys are not recorded. It is
// an array, so that a keySet can hold a position for each.
var keyNames = [...]string{
	"county", "adcode", "prefecture", "province", "department", "year", "type", "project", "title",
	"published", "source", "unit", "slug", "spending", "income", "sangong", "score", "grade",
	"staff", "evidence", "draft", "review", "discrepancies", "derived",
	"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
	"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles", "sangong.change",
	"staff.authorized", "staff.actual",
}

// keyIDTable holds the indexes of keyNames by the length and first letter
// of the name (every name is shorter than 20 bytes and begins with a
// lower-case letter): keyID finds a name there more quickly than in a map,
// for each key of every report.
var keyIDTable = func() (t [20][26][]uint8) {
	for i, k := range keyNames {
		t[len(k)][k[0]-'a'] = append(t[len(k)][k[0]-'a'], uint8(i))
	}
	return t
}()

// otherKey is the index that marks a key not in keyNames, whose name
// follows it in the encoding. The parser records such keys only in files
// it refuses (they are unknown keys), but the encoding holds any name.
const otherKey = 0xff

// The set of known keys given fits in a uint64 (keySet.seen), and every
// index in a byte below otherKey.
const _ = uint(64 - len(keyNames))

// keyID returns the index of name in keyNames, or -1.
func keyID(name string) int {
	if name == "" || len(name) >= len(keyIDTable) || name[0] < 'a' || name[0] > 'z' {
		return -1
	}
	for _, id := range keyIDTable[len(name)][name[0]-'a'] {
		if keyNames[id] == name {
			return int(id)
		}
	}
	return -1
}

// Lookup returns where the key with the dotted name was written, and
// whether it was.
func (k KeyPositions) Lookup(key string) (Pos, bool) {
	for name, pos := range k.All() {
		if name == key {
			return pos, true
		}
	}
	return Pos{}, false
}

// All yields the dotted name and position of every key recorded, known
// keys first in the order of the format, then any others by name.
func (k KeyPositions) All() iter.Seq2[string, Pos] {
	return func(yield func(string, Pos) bool) {
		for i := 0; i < len(k); {
			var name string
			id := int(k[i])
			i++
			switch {
			case id < len(keyNames):
				name = keyNames[id]
			case id == otherKey:
				n, size := binary.Uvarint(k[i:])
				if size <= 0 || n > uint64(len(k)-i-size) {
					return // not an encoding made by the package
				}
				i += size
				name = string(k[i : i+int(n)])
				i += int(n)
			default:
				return
			}
			line, size := binary.Varint(k[i:])
			if size <= 0 {
				return
			}
			i += size
			col, size := binary.Varint(k[i:])
			if size <= 0 {
				return
			}
			i += size
			if !yield(name, Pos{int(line), int(col)}) {
				return
			}
		}
	}
}

// keySet collects the keys of a file as it is parsed, and encodes them
// for the report once they are all known.
type keySet struct {
	pos   [len(keyNames)]Pos
	seen  uint64         // bit i says that keyNames[i] was given
	other map[string]Pos // keys not in keyNames, made when one is given
}

// set records that the key with the dotted name and index id (in
// keyNames, or -1 when not known) was written at pos, replacing any
// position recorded for it before.
func (s *keySet) set(name string, id int, pos Pos) {
	if id >= 0 {
		s.pos[id] = pos
		s.seen |= 1 << id
		return
	}
	if s.other == nil {
		s.other = map[string]Pos{}
	}
	s.other[name] = pos
}

// get returns where the key with the dotted name and index id (or -1)
// was written, and whether it was.
func (s *keySet) get(name string, id int) (Pos, bool) {
	if id >= 0 {
		return s.pos[id], s.seen&(1<<id) != 0
	}
	pos, ok := s.other[name]
	return pos, ok
}

// encode returns the keys recorded, as KeyPositions.
func (s *keySet) encode() KeyPositions {
	var buf [4 * 3 * len(keyNames)]byte // room for every known key, nearly always
	b := buf[:0]
	for id := range keyNames {
		if s.seen&(1<<id) != 0 {
			b = append(b, byte(id))
			b = binary.AppendVarint(b, int64(s.pos[id].Line))
			b = binary.AppendVarint(b, int64(s.pos[id].Col))
		}
	}
	if len(s.other) > 0 {
		for _, name := range slices.Sorted(maps.Keys(s.other)) {
			b = append(b, otherKey)
			b = binary.AppendUvarint(b, uint64(len(name)))
			b = append(b, name...)
			b = binary.AppendVarint(b, int64(s.other[name].Line))
			b = binary.AppendVarint(b, int64(s.other[name].Col))
		}
	}
	if len(b) == 0 {
		return nil
	}
	return KeyPositions(slices.Clone(b))
}
