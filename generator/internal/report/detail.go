package report

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// A build parses every report file twice: once for its figures, keeping
// only them (a lean load drops Body, Evidence and Review, and the build
// drops Keys), and once more for each report's page, which needs the rest.
// The second time, the figures are known already and the bytes have passed
// every check: ParseDetail reads only what the lean report lacks.
//
// It reads front matter written in the part of YAML that fastFrontMatter
// reads (see fastyaml.go), line by line as fastFrontMatter does and
// refusing all it refuses, but without building nodes: it notes where
// the keys are, and the text of the evidence and review notes; it checks
// and converts nothing else. Front matter that it refuses, such as front
// matter that fastFrontMatter does not read either (which the YAML parser
// read for Parse), is left to Parse. Tests check that it reads exactly
// the front matter that fastFrontMatter reads of files that Parse
// accepts, and that its reports are those of Parse.

// ParseDetail returns the report that Parse(name, data) returns, given
// lean, the report Parse returned for the very same bytes, from which the
// caller may have dropped Body, Evidence, Review and Keys (as a lean load
// and a build do). It takes the figures and every other field from lean
// and reads from data only the body, the evidence, the review notes and,
// when lean has none, the positions of the keys, without checking again
// what Parse checked. It is several times quicker than Parse.
//
// data must be the bytes lean was parsed from: a caller that reads a file
// again compares a hash of its bytes with one taken when lean was parsed
// (see content.LoadDetail and Report.Fingerprint). When data's front
// matter is written in a way that ParseDetail does not read, or data does
// not match lean as far as it can tell, it returns what Parse(name, data)
// returns, errors included. As with Parse, the report's Body shares
// data's memory (unless the file has CR line ends), and no other part of
// it refers to data; the report may share memory with lean.
func ParseDetail(name string, data []byte, lean *Report) (*Report, error) {
	if r := parseDetail(name, data, lean); r != nil {
		return r, nil
	}
	return Parse(name, data)
}

// parseDetail is ParseDetail without the fall back to Parse: it returns
// nil where ParseDetail calls Parse.
func parseDetail(name string, data []byte, lean *Report) *Report {
	if lean == nil {
		return nil
	}
	d := detailPool.Get().(*detailScan)
	defer d.free()
	// As fastFrontMatter, nothing but "---\n" may open the front matter.
	const header = "---\n"
	var block, body []byte
	var bodyLine int
	if text := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")); bytes.IndexByte(text, '\r') < 0 {
		// What split does, but finding the closing line as the front
		// matter is read: no line is looked at twice.
		if len(text) < len(header) || string(text[:len(header)]) != header {
			return nil
		}
		end, line, ok := d.scan(unsafe.String(unsafe.SliceData(text), len(text)))
		if !ok || end == len(text) || end > MaxFrontMatter {
			return nil // not closed: an error of split
		}
		block, body, bodyLine = text[:end], []byte{}, line+1
		if i := bytes.IndexByte(text[end:], '\n'); i >= 0 {
			body = text[end+i+1:]
		}
	} else {
		// split replaces the line ends in a copy.
		var err error
		if block, body, bodyLine, err = split(data); err != nil || len(block) < len(header) || string(block[:len(header)]) != header {
			return nil
		}
		end, _, ok := d.scan(unsafe.String(unsafe.SliceData(block), len(block)))
		if !ok || end != len(block) {
			return nil
		}
	}
	// fastFrontMatter refuses tabs anywhere in the front matter.
	if bodyLine != lean.BodyLine || bytes.IndexByte(block, '\t') >= 0 {
		return nil
	}
	r := new(Report)
	*r = *lean
	r.File = name
	r.Body = body
	r.Fingerprint = Fingerprint{} // as Parse leaves it
	if r.Keys == nil {
		r.Keys = d.keys.encode()
	}
	d.text(r)
	return r
}

// detailPool holds detailScans between uses.
var detailPool = sync.Pool{New: func() any { return new(detailScan) }}

// detailScan is the state of parseDetail's reading of front matter. Its
// text shares the front matter's memory until free.
type detailScan struct {
	keys keySet
	// top holds, as bits by keyID, the top-level keys read.
	top uint64
	// sub holds, as bits by index in the group's keys or EvidenceKeys,
	// the keys read of the mapping being read.
	sub uint64
	// evidence is whether an evidence mapping was given (Report.Evidence
	// is then not nil, even if empty); evKeys and evText hold nEv entries
	// of it, text that shares the front matter's memory, or is made by
	// unescaping.
	evidence bool
	nEv      int
	evKeys   [maxEvidence]string
	evText   [maxEvidence]string
	// review holds the review notes, as evText.
	review []string
}

// free empties d, so that it keeps no text alive, and puts it back in the
// pool.
func (d *detailScan) free() {
	clear(d.review)
	clear(d.evText[:d.nEv])
	d.keys.seen, d.keys.other = 0, nil
	d.top, d.sub, d.evidence, d.nEv = 0, 0, false, 0
	d.review = d.review[:0]
	if cap(d.review) > maxPooledNotes {
		d.review = nil // a rare file's: not worth keeping
	}
	detailPool.Put(d)
}

// maxPooledNotes is the most review notes a pooled detailScan keeps room
// for.
const maxPooledNotes = 64

// maxEvidence is the number of EvidenceKeys, the most entries evidence
// can have (a test checks it): a file with more goes to Parse.
const maxEvidence = 21

// The kinds of scalar that plainKind tells apart.
const (
	scalarString = iota
	scalarNull
	scalarBool
	scalarNumber
)

// The ways the value of a top-level key is read.
const (
	valueScalar   = iota // any scalar, not looked at
	valueGroup           // a mapping of figures, or null
	valueEvidence        // a mapping of sentences, or null
	valueReview          // a list of text, or null
	valueNotes           // a list of text, or null, that a lean report keeps
)

// valueOf returns how the value of the top-level key with index id (in
// keyNames) is read, and for a mapping of figures its keys.
func valueOf(id int) (int, *groupKeys) {
	v := topValues[id]
	return v.how, v.group
}

// topValues holds, by index in keyNames, how the value of each top-level
// key is read.
var topValues = func() (t [len(keyNames)]struct {
	how   int
	group *groupKeys
}) {
	for id, k := range keyNames {
		switch k {
		case "spending":
			t[id].how, t[id].group = valueGroup, &spendingGroup
		case "sangong":
			t[id].how, t[id].group = valueGroup, &sangongGroup
		case "staff":
			t[id].how, t[id].group = valueGroup, &staffGroup
		case "evidence":
			t[id].how = valueEvidence
		case "review":
			t[id].how = valueReview
		case "discrepancies", "derived":
			t[id].how = valueNotes
		}
	}
	return t
}()

// scan reads the front matter that begins src, from its '---' line, as
// fastFrontMatter does (see fastYAML.parse, which it follows step by
// step), up to the line that closes it, as split finds it: it returns the
// index in src where that line begins and its number, or len(src) when
// no line closes the front matter. ok is false for anything
// fastFrontMatter refuses but tabs (which the caller looks for), and for
// anything that Parse would refuse in what scan reads: then parseDetail
// leaves the file to Parse.
func (d *detailScan) scan(src string) (end, lineNo int, ok bool) {
	var (
		how   int        // how the value of the current top-level key is read
		group *groupKeys // its keys, for a mapping of figures
		// open says that the current top-level key has no value on its
		// line, and no line has come since to give it one.
		open bool
		// nested says that lines are read as the mapping (or sequence,
		// seq) nested under the current top-level key, indented by
		// indent spaces.
		nested, seq bool
		indent      int
	)
	lineNo = 1
	for i := len("---\n"); i < len(src); {
		end := strings.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := src[i:end]
		lineNo++
		if closing(line) {
			return i, lineNo, d.top != 0
		}
		i = end + 1

		n := 0
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if n == len(line) || line[n] == '#' {
			continue
		}
		item := line[n] == '-' && (n+1 == len(line) || line[n+1] == ' ')

		if open {
			open = false
			if n > 0 || item {
				if n > maxIndent {
					return 0, 0, false
				}
				nested, seq, indent = true, item, n
				switch {
				case item && (how == valueReview || how == valueNotes):
				case !item && how == valueGroup:
					d.sub = 0
				case !item && how == valueEvidence:
					d.sub = 0
					d.evidence = true
				default:
					return 0, 0, false // a collection Parse refuses
				}
			}
			// Otherwise the value is null, as the report has it already.
		}

		switch {
		case nested && n == indent && seq && item:
			j := n + 1
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if j == len(line) || line[j] == '#' {
				return 0, 0, false
			}
			text, kind, ok := blockScalar(line, j)
			if !ok || kind != scalarString {
				return 0, 0, false
			}
			if how == valueReview {
				d.review = append(d.review, text)
			}
			continue
		case nested && n == indent && !seq:
			name, j, ok := pairKey(line, n)
			if !ok {
				return 0, 0, false
			}
			var text string
			kind := scalarNull
			if j < len(line) {
				if text, kind, ok = blockScalar(line, j); !ok {
					return 0, 0, false
				}
			}
			if !d.pair(how, group, name, Pos{lineNo, n + 1}, text, kind) {
				return 0, 0, false
			}
			continue
		case n != 0:
			return 0, 0, false
		}

		// A top-level pair.
		nested = false
		name, j, ok := pairKey(line, 0)
		if !ok {
			return 0, 0, false
		}
		id := keyID(name)
		if id < 0 || id >= len(topKeys) || d.top&(1<<id) != 0 {
			return 0, 0, false // unknown or repeated
		}
		d.top |= 1 << id
		d.keys.set(keyNames[id], id, Pos{lineNo, 1})
		how, group = valueOf(id)
		switch {
		case j == len(line):
			open = true
		case line[j] == '{' || line[j] == '[':
			if !d.flow(how, group, line, j, lineNo) {
				return 0, 0, false
			}
		default:
			_, kind, ok := blockScalar(line, j)
			if !ok || how != valueScalar && kind != scalarNull {
				return 0, 0, false
			}
		}
	}
	return len(src), lineNo, d.top != 0
}

// closing reports whether line closes the front matter, as isDashes.
func closing(line string) bool {
	if len(line) < 3 || line[:3] != "---" {
		return false
	}
	for i := 3; i < len(line); i++ {
		if line[i] != ' ' && line[i] != '\t' {
			return false
		}
	}
	return true
}

// pair records a pair of the mapping that is the value of a top-level key
// read as how: its key, name, written at pos, and its value, a scalar of
// the kind given. It reports false for a pair that fastFrontMatter or Parse
// refuses.
func (d *detailScan) pair(how int, group *groupKeys, name string, pos Pos, text string, kind int) bool {
	switch how {
	case valueGroup:
		i := index(group.subs, name)
		if i < 0 || d.sub&(1<<i) != 0 {
			return false
		}
		d.sub |= 1 << i
		d.keys.set(group.full[i], group.ids[i], pos)
		return true
	case valueEvidence:
		i := index(EvidenceKeys, name)
		if i < 0 || d.sub&(1<<i) != 0 {
			return false
		}
		d.sub |= 1 << i
		switch kind {
		case scalarNull:
		case scalarString:
			if d.nEv == len(d.evKeys) {
				return false
			}
			d.evKeys[d.nEv], d.evText[d.nEv] = EvidenceKeys[i], text
			d.nEv++
		default:
			return false
		}
		return true
	}
	return false
}

// index returns the index of s in list, or -1.
func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// pairKey reads the key of a line of a block mapping whose keys start
// after indent spaces, as fastYAML.pair does: it returns the key and the
// index in line where its value begins, len(line) when the line gives no
// value.
func pairKey(line string, indent int) (name string, value int, ok bool) {
	i := indent
	if i >= len(line) || !isLetter(line[i]) {
		return "", 0, false
	}
	for i < len(line) && (isLetter(line[i]) || '0' <= line[i] && line[i] <= '9' || line[i] == '_' || line[i] == '.') {
		i++
	}
	if i >= len(line) || line[i] != ':' || i+1 < len(line) && line[i+1] != ' ' {
		return "", 0, false
	}
	name = line[indent:i]
	j := i + 1
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j < len(line) && line[j] == '#' {
		j = len(line)
	}
	return name, j, true
}

// blockScalar reads the scalar that begins at line[start] and takes the
// rest of the line but for spaces and a comment, as fastYAML.value does:
// its text, which shares line's memory unless it has escapes, and its
// kind. ok is false where fastYAML.value refuses it.
func blockScalar(line string, start int) (text string, kind int, ok bool) {
	switch line[start] {
	case '"', '\'':
		text, end, ok := quoted(line, start)
		if !ok || !onlyComment(line[end:]) {
			return "", 0, false
		}
		return text, scalarString, true
	}
	end := len(line)
	if k := commentStart(line, start); k >= 0 {
		end = k
	}
	text = strings.TrimRight(line[start:end], " ")
	kind, ok = plainKind(text)
	return text, kind, ok
}

// flow reads the flow mapping or sequence that begins at line[start], the
// value of a top-level key read as how, as fastYAML.flow does. It reports
// false for anything fastYAML.flow or Parse refuses.
func (d *detailScan) flow(how int, group *groupKeys, line string, start, lineNo int) bool {
	c := &cursor{line: line, i: start, col: start + 1}
	if line[start] == '{' {
		switch how {
		case valueGroup:
		case valueEvidence:
			d.evidence = true
		default:
			return false // a mapping Parse refuses
		}
		d.sub = 0
		c.skip()
		c.skipSpaces()
		for more := c.peek() != '}'; more; {
			// A pair, as fastYAML.flowPair reads it.
			keyStart := c.i
			if keyStart >= len(line) || !isLetter(line[keyStart]) {
				return false
			}
			i := keyStart
			for i < len(line) && (isLetter(line[i]) || '0' <= line[i] && line[i] <= '9' || line[i] == '_' || line[i] == '.') {
				i++
			}
			name, keyCol := line[keyStart:i], c.col
			c.moveTo(i)
			c.skipSpaces()
			if c.peek() != ':' {
				return false
			}
			c.skip()
			if b := c.peek(); b != ' ' && b != ',' && b != '}' {
				return false
			}
			c.skipSpaces()
			var text string
			kind := scalarNull
			if b := c.peek(); b != ',' && b != '}' {
				var ok bool
				if text, kind, ok = flowScalar(c, '}'); !ok {
					return false
				}
			}
			if !d.pair(how, group, name, Pos{lineNo, keyCol}, text, kind) {
				return false
			}
			comma, ok := c.afterItem('}')
			if !ok {
				return false
			}
			more = comma > 0
		}
	} else {
		if how != valueReview && how != valueNotes {
			return false // a list Parse refuses
		}
		c.skip()
		c.skipSpaces()
		for more := c.peek() != ']'; more; {
			text, kind, ok := flowScalar(c, ']')
			if !ok || kind != scalarString {
				return false
			}
			if how == valueReview {
				d.review = append(d.review, text)
			}
			comma, ok := c.afterItem(']')
			if !ok {
				return false
			}
			more = comma > 0
		}
	}
	c.skip() // the closing bracket
	return onlyComment(line[c.i:])
}

// flowScalar reads the scalar of a flow collection at the cursor, as
// fastYAML.flowScalar does, and leaves the cursor after it: its text and
// kind, as blockScalar. ok is false where fastYAML.flowScalar refuses it.
func flowScalar(c *cursor, close byte) (text string, kind int, ok bool) {
	line, start := c.line, c.i
	switch c.peek() {
	case '"', '\'':
		text, end, ok := quoted(line, start)
		if !ok {
			return "", 0, false
		}
		c.moveTo(end)
		return text, scalarString, true
	}
	i := start
	for i < len(line) && line[i] != ',' && line[i] != close {
		if flowSpecial[line[i]] {
			return "", 0, false
		}
		i++
	}
	if i == start || i == len(line) {
		return "", 0, false
	}
	text = strings.TrimRight(line[start:i], " ")
	if kind, ok = plainKind(text); !ok {
		return "", 0, false
	}
	c.moveTo(i)
	return text, kind, true
}

// plainKind returns the kind of node that fastYAML.plain makes of the
// plain scalar text, and false where it makes none: it follows plain step
// by step, without making the node. A test compares the two.
func plainKind(text string) (kind int, ok bool) {
	// Nearly every plain scalar is a figure: a decimal integer without a
	// leading zero, or a plain decimal, of at most maxExactDigits digits,
	// which plain reads without asking strconv. They are told in one pass;
	// anything else goes the way plain goes.
	i := 0
	if text[0] == '-' {
		i++
	}
	start := i
	for i < len(text) && '0' <= text[i] && text[i] <= '9' {
		i++
	}
	if whole := i - start; whole > 0 {
		switch {
		case i == len(text):
			if whole <= maxExactDigits && (whole == 1 || text[start] != '0') {
				return scalarNumber, true
			}
		case text[i] == '.':
			j := i + 1
			for j < len(text) && '0' <= text[j] && text[j] <= '9' {
				j++
			}
			if j == len(text) && j > i+1 && j-start-1 <= maxExactDigits {
				return scalarNumber, true
			}
		}
	}

	switch text[0] {
	case '-':
		if len(text) == 1 || text[1] < '0' || text[1] > '9' {
			return 0, false
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '.', '+', '\'', '"':
		return 0, false
	}
	if strings.IndexByte(text, ':') >= 0 && (strings.Contains(text, ": ") || strings.HasSuffix(text, ":")) {
		return 0, false
	}
	switch text {
	case "null", "Null", "NULL", "~":
		return scalarNull, true
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return scalarBool, true
	}
	c := text[0]
	if c != '-' && (c < '0' || c > '9') {
		return scalarString, true
	}
	digits := strings.TrimPrefix(text, "-")
	switch {
	case isDigits(digits) && (len(digits) == 1 || digits[0] != '0'):
		if len(digits) <= maxExactDigits {
			return scalarNumber, true
		}
		var err error
		if text[0] == '-' {
			_, err = strconv.ParseInt(text, 10, 64)
		} else {
			_, err = strconv.ParseUint(text, 10, 64)
		}
		return scalarNumber, err == nil
	case isPlainDecimal(digits):
		if len(digits)-1 <= maxExactDigits {
			return scalarNumber, true // exactDecimal reads it
		}
		_, err := strconv.ParseFloat(text, 64)
		return scalarNumber, err == nil
	case c != '-' && !strings.ContainsRune(text, '.') && strings.ContainsFunc(text, notAlphanumeric):
		return scalarString, true
	}
	return 0, false
}

// text sets r's Evidence and Review from what scan read, copied into one
// string of their own, as detach copies them for Parse.
func (d *detailScan) text(r *Report) {
	r.Evidence, r.Review = nil, nil
	n := 0
	for _, s := range d.review {
		n += len(s)
	}
	for _, s := range d.evText[:d.nEv] {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range d.review {
		b.WriteString(s)
	}
	for _, s := range d.evText[:d.nEv] {
		b.WriteString(s)
	}
	all, i := b.String(), 0
	next := func(s string) string {
		i += len(s)
		return all[i-len(s) : i]
	}
	if len(d.review) > 0 {
		r.Review = make([]string, len(d.review))
		for j, s := range d.review {
			r.Review[j] = next(s)
		}
	}
	if d.evidence {
		r.Evidence = make(map[string]string, d.nEv)
		for j, s := range d.evText[:d.nEv] {
			r.Evidence[d.evKeys[j]] = next(s)
		}
	}
}
