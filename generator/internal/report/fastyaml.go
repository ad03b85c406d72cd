package report

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// The YAML parser takes most of the time of Parse: it reads front matter
// rune by rune and makes several tokens and groups of tokens for each
// scalar. Report files are nearly all written in a small part of YAML,
// which fastFrontMatter reads line by line instead, building the nodes the
// YAML parser builds from the same text: of the same types, with the same
// values and tokens, at the same lines and columns (counted in runes, as
// the YAML scanner counts them). The walker (top and below) reads them
// unchanged, and every error points where it would.
//
// The part of YAML read, front matter being the '---' line and the lines
// up to the closing one:
//
//   - a block mapping whose keys start at column 1;
//   - a key is an ASCII letter followed by ASCII letters, digits, '_' and
//     '.', directly followed by ':', and is not null, true, false or
//     another word that YAML reads as other than text;
//   - a value on the key's line: a plain scalar, or a double-quoted or
//     single-quoted scalar that ends on that line;
//   - or no value on the key's line, and then either nothing (null), or a
//     block mapping of such keys and values indented by 1 to maxIndent
//     spaces, or a block sequence of such values ("- value") indented by 0
//     to maxIndent spaces: one level of nesting only;
//   - or, as the value of a top-level key only, a flow mapping that opens
//     and closes on the key's line, such as {total: 1530.53, basic: null},
//     of such keys (spaces may come before the ':', which is followed by a
//     space, ',' or '}') and values, or of keys with no value (null, as
//     in {total: }); or a flow sequence of such values on the line, such
//     as [a, "b"]; or {} or []. Spaces may come around every ',', '{',
//     '[', ']' and '}'. Plain scalars inside them end at ',' or the
//     closing bracket and hold none of , [ ] { } # : ' and ";
//   - comments, on their own lines or after a space that ends a value, and
//     blank lines.
//
// Anything else is refused (fastFrontMatter returns nil) and left to the
// YAML parser, including all that is an error there: tabs anywhere, '\r'
// (split has replaced line ends), flow collections elsewhere, nested,
// spanning lines, with empty entries (trailing commas, {,}, [a,,b]), with
// keys that are not plain words or that repeat, with "key:value" or
// "key" alone, or with anything but a comment after them; anchors,
// aliases, tags, block scalars, directives, document markers, multi-line
// scalars, duplicate keys, escapes other than the one-character ones, a
// plain scalar that begins with an indicator or '.' or '+', or contains
// ": ", or ends with ':', numbers other than plain decimals (0x1, 0o1,
// 012, 1_000, +1, 1e3, 1.5e3, .5, .inf …), empty sequence entries (the
// YAML parser reads the next line as their value) and text after a
// closing quote.
//
// Front matter in this subset is nested one level deep at most and
// indented by maxIndent at most, so checkNesting, which Parse runs before
// the YAML parser, would find nothing wrong in it.

// maxIndent is the deepest indentation of a nested mapping or sequence
// that fastFrontMatter reads; checkNesting allows up to 2*MaxNesting.
const maxIndent = 16

// fastFrontMatter reads front matter (block, from its '---' line) written
// in the part of YAML above and returns its top-level mapping, built as the
// YAML parser builds it, or nil when block is outside that part of YAML.
// The nodes' text shares block's memory, without a copy, but key names
// known to the format are the package's constants.
//
// The nodes are valid until f.free is called (f may be nil): their memory
// is then used again. Nothing that outlives the walker may point to a node
// or token, and block must not change meanwhile. Text that outlives the
// walker must be copied out of block: parseFile detaches the report's
// text, and errors copy their keys.
func fastFrontMatter(block []byte) (m *ast.MappingNode, f *fastYAML) {
	const header = "---\n"
	if len(block) <= len(header) || string(block[:len(header)]) != header {
		return nil, nil
	}
	if bytes.IndexByte(block, '\t') >= 0 || bytes.IndexByte(block, '\r') >= 0 {
		return nil, nil
	}
	f = fastPool.Get().(*fastYAML)
	return f.parse(unsafe.String(unsafe.SliceData(block), len(block))), f
}

// fastPool holds the memory of fastFrontMatter's nodes between uses: the
// nodes are garbage once the walker has read them.
var fastPool = sync.Pool{New: func() any { return new(fastYAML) }}

// fastYAML is the state of fastFrontMatter. Tokens and nodes are allocated
// in chunks sized to the front matter, kept for the next use.
type fastYAML struct {
	src     string
	lines   int // in src
	tokens  []fastToken
	bases   []ast.BaseNode
	strs    []ast.StringNode
	pairs   []ast.MappingValueNode
	ints    []ast.IntegerNode
	floats  []ast.FloatNode
	nulls   []ast.NullNode
	maps    []ast.MappingNode
	top     []*ast.MappingValueNode // the values of the top-level mapping
	slab    []*ast.MappingValueNode // the values of nested mappings
	pending []*ast.MappingValueNode // of the nested mapping being read
}

// free puts f, if not nil, back in the pool. Its chunks keep pointing to
// the last front matter read (and so keep that file's data alive), until
// used again or dropped from the pool.
func (f *fastYAML) free() {
	if f == nil {
		return
	}
	f.src = ""
	fastPool.Put(f)
}

// reuse empties *chunk, making room for n elements.
func reuse[T any](chunk *[]T, n int) {
	if cap(*chunk) < n {
		*chunk = make([]T, 0, n)
	}
	*chunk = (*chunk)[:0]
}

// fastToken is a token and its position.
type fastToken struct {
	tk  token.Token
	pos token.Position
}

// next returns a new element of *chunk, allocating a chunk of n elements
// when it is full.
func next[T any](chunk *[]T, n int) *T {
	if len(*chunk) == cap(*chunk) {
		*chunk = make([]T, 0, max(n, 4))
	}
	*chunk = (*chunk)[:len(*chunk)+1]
	return &(*chunk)[len(*chunk)-1]
}

func (f *fastYAML) parse(src string) *ast.MappingNode {
	f.src = src
	f.lines = strings.Count(src, "\n")
	// A line holds one pair or entry, three tokens and three nodes (two of
	// them strings), but for a line with a flow collection: it holds one
	// more pair or entry for each ',' (four tokens and three nodes) and two
	// more tokens and a node for each bracket. ',' and brackets elsewhere
	// only make the chunks larger than needed.
	commas := strings.Count(src, ",")
	flows := strings.Count(src, "{") + strings.Count(src, "[")
	items := f.lines + commas + flows
	reuse(&f.tokens, 3*f.lines+4*commas+5*flows+1)
	reuse(&f.bases, 3*items+2)
	reuse(&f.strs, 2*items)
	reuse(&f.pairs, items)
	reuse(&f.ints, items/2)
	reuse(&f.floats, items/2)
	reuse(&f.nulls, items/2)
	reuse(&f.maps, 4+flows)
	reuse(&f.top, f.lines)
	reuse(&f.slab, items)
	reuse(&f.pending, 0)
	var (
		top  = f.top  // the top-level pairs
		keys []string // their keys, to refuse duplicates
		// open is the top-level pair with no value on its line, while the
		// lines after it may give its value.
		open *ast.MappingValueNode
		// empty is the pair last read if it has no value on its line: it
		// gets a null unless the next line gives its value.
		empty *ast.MappingValueNode
		// The mapping or sequence nested under open, when in one.
		nested     bool
		indent     int
		seq        *ast.SequenceNode
		m          *ast.MappingNode
		nestedKeys []string
	)
	var keysBuf, nestedKeysBuf [32]string
	keys, nestedKeys = keysBuf[:0], nestedKeysBuf[:0]
	endNested := func() {
		if m != nil {
			m.Values = f.values()
		}
		nested, seq, m, nestedKeys = false, nil, nil, nestedKeys[:0]
	}

	lineNo := 1
	for i := len("---\n"); i < len(src); {
		end := strings.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := src[i:end]
		i = end + 1
		lineNo++

		n := 0 // indentation
		for n < len(line) && line[n] == ' ' {
			n++
		}
		if n == len(line) || line[n] == '#' {
			continue // blank or comment
		}
		item := line[n] == '-' && (n+1 == len(line) || line[n+1] == ' ')

		if empty != nil {
			if empty == open && (n > 0 || item) {
				// The line begins the mapping or sequence nested under open.
				if n > maxIndent {
					return nil
				}
				nested, indent = true, n
				if item {
					seq = &ast.SequenceNode{BaseNode: f.base(), Values: []ast.Node{}}
					open.Value = seq
				} else {
					m = next(&f.maps, 4)
					*m = ast.MappingNode{BaseNode: f.base()}
					open.Value = m
				}
			} else {
				empty.Value = f.implicitNull(empty.Start, 1)
			}
			empty = nil
		}

		switch {
		case nested && n == indent && seq != nil && item:
			j := n + 1
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if j == len(line) || line[j] == '#' {
				// The YAML parser would read the next line as the value of
				// this empty entry.
				return nil
			}
			v := f.value(line, j, lineNo)
			if v == nil {
				return nil
			}
			if seq.Start == nil {
				seq.Start = f.token(*token.SequenceEntry("-", nil), lineNo, n+1)
			}
			seq.Values = append(seq.Values, v)
			continue
		case nested && n == indent && m != nil:
			mv := f.pair(line, n, lineNo)
			if mv == nil || contains(nestedKeys, mv.Key.GetToken().Value) {
				return nil
			}
			nestedKeys = append(nestedKeys, mv.Key.GetToken().Value)
			if m.Start == nil {
				m.Start = mv.Start
			}
			f.pending = append(f.pending, mv)
			if mv.Value == nil {
				empty = mv
			}
			continue
		case n != 0:
			return nil // a continuation, deeper nesting or odd indentation
		}

		// A top-level pair.
		if nested {
			endNested()
		}
		open = nil
		mv := f.pair(line, 0, lineNo)
		if mv == nil || contains(keys, mv.Key.GetToken().Value) {
			return nil
		}
		keys = append(keys, mv.Key.GetToken().Value)
		top = append(top, mv)
		if mv.Value == nil {
			empty, open = mv, mv
		}
	}
	if empty != nil {
		// The YAML parser puts the null of a value missing at the end of
		// the document one column further.
		empty.Value = f.implicitNull(empty.Start, 2)
	}
	if nested {
		endNested()
	}
	if len(top) == 0 {
		return nil
	}
	f.top = top
	root := next(&f.maps, 4)
	*root = ast.MappingNode{BaseNode: f.base(), Start: top[0].Start, Values: top[:len(top):len(top)]}
	return root
}

// values returns the pairs of the nested mapping just read, as its
// Values, taken from the slab.
func (f *fastYAML) values() []*ast.MappingValueNode {
	if len(f.slab)+len(f.pending) > cap(f.slab) {
		f.slab = make([]*ast.MappingValueNode, 0, max(len(f.pending), f.lines))
	}
	n := len(f.slab)
	f.slab = append(f.slab, f.pending...)
	f.pending = f.pending[:0]
	return f.slab[n:len(f.slab):len(f.slab)]
}

func contains(keys []string, k string) bool {
	for _, s := range keys {
		if s == k {
			return true
		}
	}
	return false
}

// pair reads the key and value of a line of a mapping whose keys start
// after indent spaces. The value is nil when the line has none: the
// following lines give it.
func (f *fastYAML) pair(line string, indent, lineNo int) *ast.MappingValueNode {
	i := indent
	if i >= len(line) || !isLetter(line[i]) {
		return nil
	}
	for i < len(line) && (isLetter(line[i]) || '0' <= line[i] && line[i] <= '9' || line[i] == '_' || line[i] == '.') {
		i++
	}
	if i >= len(line) || line[i] != ':' {
		return nil
	}
	if i+1 < len(line) && line[i+1] != ' ' {
		return nil // not a key: key:value is a plain scalar
	}
	name := line[indent:i]
	if reserved(name) {
		return nil // null, true, false … as a key
	}
	// token.New makes a string token of a word that begins with a letter
	// and is not reserved (see plain).
	if k, ok := knownKey(name); ok {
		name = k
	}
	key := f.stringNode(f.token(*token.String(name, name, nil), lineNo, indent+1))
	colon := f.token(*token.MappingValue(nil), lineNo, i+1)
	mv := f.pairNode(colon, key)
	j := i + 1
	for j < len(line) && line[j] == ' ' {
		j++
	}
	if j == len(line) || line[j] == '#' {
		return mv // no value on this line
	}
	if indent == 0 && (line[j] == '{' || line[j] == '[') {
		if mv.Value = f.flow(line, j, lineNo); mv.Value == nil {
			return nil
		}
		return mv
	}
	if mv.Value = f.value(line, j, lineNo); mv.Value == nil {
		return nil
	}
	return mv
}

// cursor is a place in a line of a flow collection: a byte index and its
// column, counted in runes.
type cursor struct {
	line   string
	i, col int
}

// peek returns the byte at the cursor, or 0 at the end of the line (which
// holds no 0: checkText refuses it).
func (c *cursor) peek() byte {
	if c.i < len(c.line) {
		return c.line[c.i]
	}
	return 0
}

// skip moves the cursor past one ASCII character.
func (c *cursor) skip() {
	c.i++
	c.col++
}

// skipSpaces moves the cursor past spaces.
func (c *cursor) skipSpaces() {
	for c.i < len(c.line) && c.line[c.i] == ' ' {
		c.skip()
	}
}

// afterItem reads what follows an item of a flow collection that close
// ends: a comma, and the spaces after it, or close, which it leaves for
// the caller. It returns the comma's column, or 0 at close; ok is false
// for anything else.
func (c *cursor) afterItem(close byte) (comma int, ok bool) {
	c.skipSpaces()
	switch c.peek() {
	case ',':
		comma = c.col
		c.skip()
		c.skipSpaces()
		return comma, true
	case close:
		return 0, true
	}
	return 0, false
}

// moveTo moves the cursor ahead to byte index i.
func (c *cursor) moveTo(i int) {
	c.col += utf8.RuneCountInString(c.line[c.i:i])
	c.i = i
}

// flow reads the flow mapping or sequence that begins at line[start] (at
// '{' or '[') and ends on the line, after which only spaces and a comment
// may follow. It returns nil for anything outside the part of YAML that
// fastFrontMatter reads.
func (f *fastYAML) flow(line string, start, lineNo int) ast.Node {
	c := &cursor{line: line, i: start, col: start + 1} // all before start is ASCII
	var n ast.Node
	if line[start] == '{' {
		m := f.flowMap(c, lineNo)
		if m == nil {
			return nil
		}
		n = m
	} else {
		s := f.flowSeq(c, lineNo)
		if s == nil {
			return nil
		}
		n = s
	}
	if !onlyComment(line[c.i:]) {
		return nil // such as "} x", or "}#c", which the YAML parser reads as a comment
	}
	return n
}

// flowMap reads the flow mapping at the cursor, on '{', and leaves the
// cursor after its '}'. Its pairs are made as the YAML parser makes them:
// each but the first with the ',' before it as CollectEntry.
func (f *fastYAML) flowMap(c *cursor, lineNo int) *ast.MappingNode {
	if len(f.pending) != 0 {
		return nil // not at the top level: pending holds a nested mapping
	}
	m := next(&f.maps, 4)
	*m = ast.MappingNode{BaseNode: f.base(), IsFlowStyle: true,
		Start: f.token(*token.MappingStart("{", nil), lineNo, c.col)}
	c.skip()
	c.skipSpaces()
	var keysBuf [8]string
	keys := keysBuf[:0]
	var comma *token.Token // before the pair being read
	for more := c.peek() != '}'; more; {
		mv := f.flowPair(c, lineNo)
		if mv == nil {
			return nil
		}
		k := mv.Key.GetToken().Value
		if contains(keys, k) {
			return nil // a duplicate key, an error of the YAML parser
		}
		keys = append(keys, k)
		mv.CollectEntry = comma
		f.pending = append(f.pending, mv)
		// After a comma, flowPair refuses "," and "}": {a: 1,} and
		// {a: 1,,}.
		col, ok := c.afterItem('}')
		if !ok {
			return nil
		}
		if more = col > 0; more {
			comma = f.token(*token.CollectEntry(",", nil), lineNo, col)
		}
	}
	m.End = f.token(*token.MappingEnd("}", nil), lineNo, c.col)
	c.skip()
	m.Values = f.values()
	return m
}

// flowPair reads the pair of a flow mapping at the cursor: a key, spaces,
// ':', and either a value followed by spaces, or nothing up to the ','
// or '}' that follows, which the YAML parser reads as null. It leaves the
// cursor after the value.
func (f *fastYAML) flowPair(c *cursor, lineNo int) *ast.MappingValueNode {
	line, start := c.line, c.i
	if start >= len(line) || !isLetter(line[start]) {
		return nil
	}
	i := start
	for i < len(line) && (isLetter(line[i]) || '0' <= line[i] && line[i] <= '9' || line[i] == '_' || line[i] == '.') {
		i++
	}
	name := line[start:i]
	if reserved(name) {
		return nil
	}
	if k, ok := knownKey(name); ok {
		name = k
	}
	keyCol := c.col
	c.moveTo(i)
	c.skipSpaces()
	if c.peek() != ':' {
		return nil // such as {a} or {a b: 1}
	}
	colon := f.token(*token.MappingValue(nil), lineNo, c.col)
	c.skip()
	if b := c.peek(); b != ' ' && b != ',' && b != '}' {
		// In a flow mapping the YAML parser reads {a:1} as a: 1 but
		// {a:/b} as one key: left to it.
		return nil
	}
	key := f.stringNode(f.token(*token.String(name, name, nil), lineNo, keyCol))
	mv := f.pairNode(colon, key)
	c.skipSpaces()
	if b := c.peek(); b == ',' || b == '}' {
		// No value: the YAML parser puts a null just after the ':'.
		mv.Value = f.implicitNull(colon, 1)
		return mv
	}
	if mv.Value = f.flowScalar(c, lineNo, '}'); mv.Value == nil {
		return nil
	}
	return mv
}

// flowSeq reads the flow sequence at the cursor, on '[', and leaves the
// cursor after its ']'. Its entries are made as the YAML parser makes
// them: each but the first with the ',' before it as Start.
func (f *fastYAML) flowSeq(c *cursor, lineNo int) *ast.SequenceNode {
	seq := &ast.SequenceNode{BaseNode: f.base(), IsFlowStyle: true, Values: []ast.Node{},
		Start: f.token(*token.SequenceStart("[", nil), lineNo, c.col)}
	c.skip()
	c.skipSpaces()
	var comma *token.Token // before the entry being read
	for more := c.peek() != ']'; more; {
		v := f.flowScalar(c, lineNo, ']')
		if v == nil {
			return nil // also an empty entry: [,a], [a,] and [a,,b]
		}
		seq.Values = append(seq.Values, v)
		seq.Entries = append(seq.Entries, ast.SequenceEntry(comma, v, nil))
		col, ok := c.afterItem(']')
		if !ok {
			return nil
		}
		if more = col > 0; more {
			comma = f.token(*token.CollectEntry(",", nil), lineNo, col)
		}
	}
	seq.End = f.token(*token.SequenceEnd("]", nil), lineNo, c.col)
	c.skip()
	return seq
}

// flowScalar reads the scalar of a flow collection that begins at the
// cursor, which is not on a space: a quoted scalar, or a plain scalar that
// ends before the next ',' or closing bracket (close) and holds none of
// the characters that mean more in a flow collection than in a block
// one. It leaves the cursor after the scalar.
func (f *fastYAML) flowScalar(c *cursor, lineNo int, close byte) ast.Node {
	line, start := c.line, c.i
	switch q := c.peek(); q {
	case '"', '\'':
		text, end, ok := quoted(line, start)
		if !ok {
			return nil
		}
		var n *ast.StringNode
		if q == '"' {
			n = f.stringNode(f.token(*token.DoubleQuote(text, line[start:end], nil), lineNo, c.col))
		} else {
			n = f.stringNode(f.token(*token.SingleQuote(text, line[start:end], nil), lineNo, c.col))
		}
		c.moveTo(end)
		return n
	}
	i := start
	for i < len(line) && line[i] != ',' && line[i] != close {
		if flowSpecial[line[i]] {
			return nil
		}
		i++
	}
	if i == start || i == len(line) {
		return nil // an empty entry, or a collection not closed on the line
	}
	// The YAML scanner places a plain scalar at its first character:
	// spaces after it, before ',' or the bracket, do not move it.
	n := f.plain(strings.TrimRight(line[start:i], " "), lineNo, c.col)
	if n == nil {
		return nil
	}
	c.moveTo(i)
	return n
}

// flowSpecial are the characters that fastFrontMatter refuses in a plain
// scalar of a flow collection: brackets and ',' open or close collections
// there, ':' may make a pair ({a: b:c} is a: "b:c" to the YAML parser but
// [a:b] is a mapping), and '#' and quotes are left out to keep the part
// read simple.
var flowSpecial = [256]bool{'[': true, ']': true, '{': true, '}': true, ',': true, '#': true, ':': true, '\'': true, '"': true}

// value reads the scalar that begins at line[start] and takes the rest of
// the line but for spaces and a comment.
func (f *fastYAML) value(line string, start, lineNo int) ast.Node {
	col := start + 1 // all before start is ASCII
	switch c := line[start]; c {
	case '"', '\'':
		text, end, ok := quoted(line, start)
		if !ok || !onlyComment(line[end:]) {
			return nil
		}
		if c == '"' {
			return f.stringNode(f.token(*token.DoubleQuote(text, line[start:end], nil), lineNo, col))
		}
		return f.stringNode(f.token(*token.SingleQuote(text, line[start:end], nil), lineNo, col))
	}
	// A plain scalar ends at the end of the line or at a comment.
	end := len(line)
	comment := false
	if k := commentStart(line, start); k >= 0 {
		end, comment = k, true
	}
	text := strings.TrimRight(line[start:end], " ")
	if !comment {
		// The YAML scanner places a plain scalar that ends its line as
		// many columns further as there are spaces after it.
		col += len(line) - start - len(text)
	}
	return f.plain(text, lineNo, col)
}

// commentStart returns the index of the first " #" in line at or after
// start, as start + strings.Index(line[start:], " #") does, or -1: it looks
// for '#' alone, which most lines lack.
func commentStart(line string, start int) int {
	for i := start; i < len(line); {
		h := strings.IndexByte(line[i:], '#')
		if h < 0 {
			return -1
		}
		h += i
		if h > start && line[h-1] == ' ' {
			return h - 1
		}
		i = h + 1
	}
	return -1
}

// plain returns the node the YAML parser makes of the plain scalar text
// (which has no spaces around it and no comment), as token.New types it.
// It returns nil for text that is not a plain scalar on its own or is
// outside the part of YAML that fastFrontMatter reads: text that begins
// with an indicator, '.' or '+', text that holds a mapping, and numbers
// other than plain decimals.
func (f *fastYAML) plain(text string, lineNo, col int) ast.Node {
	switch text[0] {
	case '-':
		if len(text) == 1 || text[1] < '0' || text[1] > '9' {
			return nil
		}
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '.', '+', '\'', '"':
		return nil
	}
	if strings.IndexByte(text, ':') >= 0 && (strings.Contains(text, ": ") || strings.HasSuffix(text, ":")) {
		return nil // a mapping in the scalar
	}
	base := func(typ token.Type) token.Token {
		// As the tokens of token.New.
		return token.Token{Type: typ, CharacterType: token.CharacterTypeMiscellaneous, Indicator: token.NotIndicator, Value: text, Origin: text}
	}
	switch text {
	case "null", "Null", "NULL", "~":
		return f.nullNode(f.token(base(token.NullType), lineNo, col))
	case "true", "True", "TRUE", "false", "False", "FALSE":
		b, _ := strconv.ParseBool(text)
		return &ast.BoolNode{BaseNode: f.base(), Token: f.token(base(token.BoolType), lineNo, col), Value: b}
	}
	c := text[0]
	if c != '-' && (c < '0' || c > '9') {
		// Not a number: token.New reads as a number only what strconv
		// parses after it drops a sign and every '_', and it refuses text
		// that begins with '_'. The rest begins with a digit or '.' (inf
		// and nan, which ParseFloat reads too, get there only with one
		// '.', and then do not parse).
		return f.stringNode(f.token(base(token.StringType), lineNo, col))
	}
	digits := strings.TrimPrefix(text, "-")
	switch {
	case isDigits(digits) && (len(digits) == 1 || digits[0] != '0'):
		// A decimal integer (with a leading 0, token.New reads octal).
		if len(digits) <= maxExactDigits {
			// What strconv.ParseInt and ParseUint give, without their
			// checks, which such digits pass.
			v := digitsValue(digits)
			if text[0] == '-' {
				return f.intNode(f.token(base(token.IntegerType), lineNo, col), -int64(v))
			}
			return f.intNode(f.token(base(token.IntegerType), lineNo, col), v)
		}
		if text[0] == '-' {
			if v, err := strconv.ParseInt(text, 10, 64); err == nil {
				return f.intNode(f.token(base(token.IntegerType), lineNo, col), v)
			}
		} else if v, err := strconv.ParseUint(text, 10, 64); err == nil {
			return f.intNode(f.token(base(token.IntegerType), lineNo, col), v)
		}
		return nil // out of range: token.New makes text of it
	case isPlainDecimal(digits):
		if v, ok := exactDecimal(text); ok {
			n := next(&f.floats, f.lines/2)
			*n = ast.FloatNode{BaseNode: f.base(), Token: f.token(base(token.FloatType), lineNo, col), Value: v}
			return n
		}
		if v, err := strconv.ParseFloat(text, 64); err == nil {
			n := next(&f.floats, f.lines/2)
			*n = ast.FloatNode{BaseNode: f.base(), Token: f.token(base(token.FloatType), lineNo, col), Value: v}
			return n
		}
		return nil
	case c != '-' && !strings.ContainsRune(text, '.') && strings.ContainsFunc(text, notAlphanumeric):
		// Such as 2021-03-15: token.New reads text that begins with a
		// digit and has no '.' as an integer in some base, which cannot
		// hold a character other than letters, digits and '_'.
		return f.stringNode(f.token(base(token.StringType), lineNo, col))
	}
	return nil
}

// reserved reports whether token.New makes a token other than a string of
// a word that begins with a letter.
func reserved(word string) bool {
	switch word {
	case "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// maxExactDigits is the most digits that digitsValue and exactDecimal
// read: a number of 15 digits is below 10^15, and so below 2^52, which
// both an int64 and a float64 hold exactly.
const maxExactDigits = 15

// digitsValue returns the value of s, at most maxExactDigits decimal
// digits.
func digitsValue(s string) uint64 {
	var v uint64
	for i := 0; i < len(s); i++ {
		v = v*10 + uint64(s[i]-'0')
	}
	return v
}

// pow10 holds the powers of ten that a float64 holds exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// exactDecimal returns what strconv.ParseFloat(s, 64) returns for s, a
// plain decimal (as isPlainDecimal, with or without a '-' before it), when
// s has at most maxExactDigits digits; ok is false otherwise. It computes
// it as strconv does for such numbers: the digits, as an integer, which a
// float64 holds exactly, divided by the power of ten of the decimal places,
// which a float64 holds exactly too, so that the one rounding is the
// division's, correct by IEEE 754.
func exactDecimal(s string) (v float64, ok bool) {
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	dot := strings.IndexByte(s, '.')
	if len(s)-1 > maxExactDigits || dot < 0 {
		return 0, false
	}
	v = float64(digitsValue(s[:dot])*uint64(pow10[len(s)-dot-1]) + digitsValue(s[dot+1:]))
	if neg {
		v = -v
	}
	return v / pow10[len(s)-dot-1], true
}

// isPlainDecimal reports whether s is digits, '.' and digits.
func isPlainDecimal(s string) bool {
	i := strings.IndexByte(s, '.')
	return i > 0 && isDigits(s[:i]) && isDigits(s[i+1:])
}

func notAlphanumeric(r rune) bool {
	return !(isLetter(byte(r)) && r < 0x80 || '0' <= r && r <= '9' || r == '_')
}

func isLetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// quoted reads the quoted scalar that begins at line[start] and ends on
// the line: its text and the index after its closing quote. ok is false
// when it does not end on the line or has an escape other than the
// one-character ones of double-quoted YAML scalars.
func quoted(line string, start int) (text string, end int, ok bool) {
	q := line[start]
	// Most quoted text has no escapes: it ends at the next quote, but for
	// a backslash before it in double quotes, or a second quote after it
	// in single quotes.
	if k := strings.IndexByte(line[start+1:], q); k >= 0 {
		k += start + 1
		text := line[start+1 : k]
		if q == '"' && strings.IndexByte(text, '\\') < 0 || q == '\'' && (k+1 == len(line) || line[k+1] != '\'') {
			return text, k + 1, true
		}
	}
	return quotedByBytes(line, start)
}

// quotedByBytes is quoted for any quoted text, escapes among it: it reads
// the text byte by byte.
func quotedByBytes(line string, start int) (text string, end int, ok bool) {
	q := line[start]
	i := start + 1
	plain := true // no escapes: text is a substring of line
	var b strings.Builder
	for i < len(line) {
		c := line[i]
		switch {
		case c == q && q == '\'' && i+1 < len(line) && line[i+1] == '\'':
			if plain {
				b.WriteString(line[start+1 : i])
				plain = false
			}
			b.WriteByte('\'')
			i += 2
		case c == q:
			if plain {
				return line[start+1 : i], i + 1, true
			}
			return b.String(), i + 1, true
		case c == '\\' && q == '"':
			if i+1 >= len(line) {
				return "", 0, false
			}
			r, ok := escapes[line[i+1]]
			if !ok {
				return "", 0, false
			}
			if plain {
				b.WriteString(line[start+1 : i])
				plain = false
			}
			b.WriteRune(r)
			i += 2
		default:
			if !plain {
				b.WriteByte(c)
			}
			i++
		}
	}
	return "", 0, false
}

// escapes are the one-character escapes of double-quoted scalars, as the
// YAML scanner reads them.
var escapes = map[byte]rune{
	'0': 0x00, 'a': 0x07, 'b': 0x08, 't': 0x09, 'n': 0x0a, 'v': 0x0b, 'f': 0x0c, 'r': 0x0d, 'e': 0x1b,
	' ': 0x20, '"': 0x22, '/': 0x2f, '\\': 0x5c, 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
}

// onlyComment reports whether s, after a closing quote, holds nothing but
// spaces and a comment after a space.
func onlyComment(s string) bool {
	t := strings.TrimLeft(s, " ")
	return t == "" || t[0] == '#' && len(t) < len(s)
}

// knownKeys maps the names of the format's keys to themselves: key names
// in a report read by fastFrontMatter are these constants, not text of
// the file.
var knownKeys = func() map[string]string {
	m := map[string]string{}
	for _, list := range [][]string{topKeys, EvidenceKeys, {
		"total", "basic", "project", "personnel", "public",
		"abroad", "reception", "vehicles", "change", "authorized", "actual",
	}} {
		for _, k := range list {
			m[k] = k
		}
	}
	return m
}()

// knownKeyTable holds the values of knownKeys by length and first letter:
// knownKey finds a key there more quickly than in the map.
var knownKeyTable = func() (t [20][26][]string) {
	for _, k := range knownKeys {
		t[len(k)][k[0]-'a'] = append(t[len(k)][k[0]-'a'], k)
	}
	return t
}()

// knownKey returns knownKeys[name], the constant for a known key name.
func knownKey(name string) (string, bool) {
	if name == "" || len(name) >= len(knownKeyTable) || name[0] < 'a' || name[0] > 'z' {
		return "", false
	}
	for _, k := range knownKeyTable[len(name)][name[0]-'a'] {
		if k == name {
			return k, true
		}
	}
	return "", false
}

// token returns a copy of tk at line and col (counted in runes).
func (f *fastYAML) token(tk token.Token, line, col int) *token.Token {
	t := next(&f.tokens, f.lines)
	t.tk, t.pos = tk, token.Position{Line: line, Column: col}
	t.tk.Position = &t.pos
	return &t.tk
}

// implicitNull returns the null the YAML parser gives a key with no value:
// placed col columns after its ':'.
func (f *fastYAML) implicitNull(colon *token.Token, col int) *ast.NullNode {
	return f.nullNode(f.token(token.Token{
		Type: token.ImplicitNullType, CharacterType: token.CharacterTypeMiscellaneous, Indicator: token.NotIndicator,
		Value: "null", Origin: " null",
	}, colon.Position.Line, colon.Position.Column+col))
}

// stringNode is ast.String(tk).
func (f *fastYAML) stringNode(tk *token.Token) *ast.StringNode {
	n := next(&f.strs, f.lines)
	*n = ast.StringNode{BaseNode: f.base(), Token: tk, Value: tk.Value}
	return n
}

// nullNode is ast.Null(tk).
func (f *fastYAML) nullNode(tk *token.Token) *ast.NullNode {
	n := next(&f.nulls, f.lines/2)
	*n = ast.NullNode{BaseNode: f.base(), Token: tk}
	return n
}

// intNode is ast.Integer(tk), whose value is v.
func (f *fastYAML) intNode(tk *token.Token, v any) *ast.IntegerNode {
	n := next(&f.ints, f.lines/2)
	*n = ast.IntegerNode{BaseNode: f.base(), Token: tk, Value: v}
	return n
}

// pairNode is ast.MappingValue(colon, key, nil).
func (f *fastYAML) pairNode(colon *token.Token, key ast.MapKeyNode) *ast.MappingValueNode {
	n := next(&f.pairs, f.lines)
	*n = ast.MappingValueNode{BaseNode: f.base(), Start: colon, Key: key}
	return n
}

// base returns a new ast.BaseNode, as the ast constructors give each node.
func (f *fastYAML) base() *ast.BaseNode {
	b := next(&f.bases, f.lines)
	*b = ast.BaseNode{}
	return b
}
