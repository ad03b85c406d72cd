package report

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Publishers write front matter by hand, often in a word processor or an
// editor set for Chinese, and make the same few slips: a full-width colon
// or no space after a key's colon, a tab or a full-width space as
// indentation, one space too many or too few before a key, a quote that
// is not closed. The YAML parser reports them in its own words and often
// on another line (the line before a key indented one space too far; the
// next line with a quote after an unclosed one), so when it refuses front
// matter, slips looks for them line by line and reports each on its own
// line, with the key it belongs to and the fix. When the YAML parser
// accepts front matter with such a slip (a key indented by a full-width
// space is a key whose name begins with one), the walker says the same.
//
// The messages are English, as every error, with a Chinese hint.
const (
	msgFullWidthColon   = `full-width colon "：" after the key; use ": " (冒号请用半角“:”并在后面加空格)`
	msgNoSpace          = `no space after the colon; use ": " (冒号后面要加一个空格)`
	msgFullWidthAfter   = `full-width space after the colon; use a half-width space (冒号后面请用半角空格)`
	msgFullWidthInKey   = `full-width space in the key; remove it (请删除键名中的全角空格)`
	msgTabIndent        = `a tab is not indentation in YAML; indent with spaces (Tab 不能用来缩进，请改用半角空格)`
	msgFullWidthIndent  = `a full-width space is not indentation in YAML; indent with half-width spaces (全角空格不能用来缩进，请改用半角空格)`
	msgTabLine          = `tab on an otherwise empty line; delete it (请删除空行中的 Tab)`
	msgFullWidthLine    = `full-width space on an otherwise empty line; delete it (请删除空行中的全角空格)`
	msgUnclosedQuote    = `unclosed quote: add the closing %c at the end of the value (引号没有闭合)`
	msgUnclosedBracket  = `unclosed "%c": add the closing "%c" (括号没有闭合)`
	msgUnclosedQuoteIn  = `unclosed quote: add the closing %c where the quoted text ends (引号没有闭合：请在引号内文字的末尾补上 %[1]c)`
	msgAfterQuote       = `text after the closing %c: a %c inside the value ends it; write the quotes inside it as Chinese “” or 「」, or put the whole value in %s quotes%s (值里面的引号请改用中文引号“”或「」，或者把整个值改用%s引号括起来)`
	msgColonInValue     = `": " inside the value; put the whole value in quotes, or write the colon full-width "：" (值中有“: ”时请给整个值加引号)`
	msgFullWidthBracket = `full-width "%c": write the brackets half-width, as %c…%c (括号请用半角的 %[2]c %[3]c)`
	fullWidthSpace      = "\u3000"
	fullWidthColon      = "："
	fullWidthSpaceWidth = len(fullWidthSpace)
)

// slips returns an error for each slip found in front matter (block, from
// its '---' line) that the YAML parser refused, sorted by position, or
// none. When it finds some, repaired is the front matter with each line
// that has a slip rewritten without it, so that the rest can be read (see
// slipErrors): the slip in a key's colon or indentation mended, a line of
// only white space emptied, a value that is not closed or not one value
// made null, a key given twice on a line with its value removed. It is nil
// when a slip cannot be mended so (a key given twice whose value is on the
// lines after it).
func (p *parse) slips(block []byte) (errs []error, repaired []byte) {
	s := slipScan{p: p, levels: []level{{}}, fixes: map[int]string{}}
	s.lines = strings.Split(strings.TrimSuffix(string(block), "\n"), "\n")
	// Line 1 is the opening '---'.
	for s.i = 1; s.i < len(s.lines); s.i++ {
		s.line(s.i+1, s.lines[s.i])
	}
	s.end()
	if len(s.errs) == 0 || s.broken {
		return s.errs, nil
	}
	var b strings.Builder
	b.Grow(len(block))
	for i, l := range s.lines {
		if f, ok := s.fixes[i]; ok {
			l = f
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return s.errs, []byte(b.String())
}

// slipScan is the state of slips.
type slipScan struct {
	p    *parse
	errs []error
	// lines are the lines of the front matter, and i the index of the
	// one being read; it skips the lines of quoted text and flow
	// collections that span lines.
	lines []string
	i     int
	// levels are the block collections the line is in, the top level
	// first.
	levels []level
	// blockScalar says that the lines indented more than blockIndent are
	// those of a block scalar (| or >).
	blockScalar bool
	blockIndent int
	// cols and rest are the indentation of the line being read, in
	// columns, and the line after it.
	cols int
	rest string
	// fixes holds, by index in lines, each line with a slip rewritten
	// without it; broken says that a slip has no such rewrite.
	fixes  map[int]string
	broken bool
}

// level is a block mapping or sequence.
type level struct {
	indent int    // of its keys or entries
	name   string // the dotted name of the key whose value it is; "" at the top
	last   string // the last key read
	open   bool   // last has no value on its line: the lines after give it
	seq    bool   // a sequence, whose entries are not looked into
	// keys are the keys read, with their positions, but for those on
	// lines with other slips; moved are those, whose indentation is
	// mended to that of the mapping's keys.
	keys  []placedKey
	moved []movedKey
	// nested says that a collection was nested in it.
	nested bool
	// flow is one more than the index in lines of the line where the
	// value of last is a flow mapping, brace the byte index of its '{'
	// there; 0 if last's value is none.
	flow, brace int
	// lastLine is the index in lines of the line of last.
	lastLine int
	// items are the entries of a sequence, each the index in lines of
	// its line and its indentation; ended says that the value of the
	// last ends on its line (or on the lines of its quotes or brackets),
	// so that a line indented more than it is no more of its text.
	items []seqItem
	ended bool
}

// seqItem is an entry of a block sequence, on the line of index i in
// lines, indented by cols.
type seqItem struct {
	i, cols int
}

// movedKey is a key on a line with another slip than its indentation,
// the line of index i in lines. err is its error when the slip is a tab
// or full-width space in the indentation (tab says which), whose fix
// names the indentation of the mapping's keys, known when it ends.
type movedKey struct {
	i   int
	key string
	err *Error
	tab bool
}

// placedKey is a key of a mapping, and where it is: at pos, on the line
// of index i in lines; open says that its value is not on that line.
type placedKey struct {
	pos       Pos
	i         int
	full, key string
	open      bool
	// stray says that the key is at the top level's indentation, though
	// a key of this mapping nested in it (see place).
	stray bool
}

func (s *slipScan) errAt(pos Pos, key, format string, args ...any) *Error {
	e := s.p.fatal(pos, key, format, args...).(*Error)
	s.errs = append(s.errs, e)
	return e
}

func (s *slipScan) top() *level { return &s.levels[len(s.levels)-1] }

// line looks at line n, l.
func (s *slipScan) line(n int, l string) {
	// The indentation: spaces, tabs and full-width spaces, each one
	// column; tab and fullWidth are the columns of the first tab and
	// full-width space (0 if none). A tab after spaces separates them
	// from what follows, as the YAML parser reads it, and ends the
	// indentation.
	i, cols, tab, fullWidth, sep := 0, 0, 0, 0, false
indentation:
	for i < len(l) {
		switch {
		case l[i] == ' ':
			i++
		case l[i] == '\t':
			if cols > 0 && tab == 0 && fullWidth == 0 {
				sep = true
			} else if tab == 0 {
				tab = cols + 1
			}
			i++
		case strings.HasPrefix(l[i:], fullWidthSpace):
			if fullWidth == 0 {
				fullWidth = cols + 1
			}
			i += fullWidthSpaceWidth
		default:
			break indentation
		}
		if !sep {
			cols++
		}
	}
	rest := l[i:]
	s.cols, s.rest = cols, rest
	if s.blockScalar {
		if rest == "" || cols > s.blockIndent {
			return
		}
		s.blockScalar = false
	}
	switch {
	case rest == "" && tab > 0:
		s.errAt(Pos{n, tab}, "", msgTabLine)
		s.fixes[s.i] = ""
		return
	case rest == "" && fullWidth > 0:
		s.errAt(Pos{n, fullWidth}, "", msgFullWidthLine)
		s.fixes[s.i] = ""
		return
	case rest == "" || rest[0] == '#':
		return
	}
	if s.strayItem(n, l, cols, tab, fullWidth, rest) {
		return
	}
	// The lines of a sequence's entries are not looked into.
	for len(s.levels) > 1 && s.top().seq && s.top().indent >= cols && !(s.top().indent == cols && (itemLike(rest) || dashSlip(rest))) {
		s.closeTo(len(s.levels) - 1)
	}
	if t := s.top(); t.seq && cols > t.indent {
		s.indentation(n, tab, fullWidth, t.name)
		return
	}
	if s.invisibleAfterDash(n, l, cols, rest) {
		return
	}
	if itemLike(rest) {
		name, ok := s.item(cols)
		if !s.indentation(n, tab, fullWidth, name) && ok {
			s.itemValue(n, l, cols, name, rest)
		}
		return
	}
	k := keyLen(rest)
	if k == 0 && (s.invisibleBefore(n, l, cols, rest) || s.chineseKey(n, l, cols, rest)) {
		return
	}
	if k == 0 {
		s.indentation(n, tab, fullWidth, "")
		return // text, or a key that is not a plain word
	}
	key := rest[:k]
	after := rest[k:]
	gap := len(after) - len(strings.TrimLeft(after, " "+fullWidthSpace))
	col := cols + 1 + utf8.RuneCountInString(rest[:k+gap]) // of what follows the key and gap
	var slip string
	value := ""
	switch a := after[gap:]; {
	case strings.HasPrefix(a, fullWidthColon):
		slip, value = msgFullWidthColon, a[len(fullWidthColon):]
	case a == "" || a[0] != ':':
		s.indentation(n, tab, fullWidth, "")
		return // not a key
	case strings.Contains(after[:gap], fullWidthSpace):
		slip, value, col = msgFullWidthInKey, a[1:], cols+1+k+strings.Index(after, fullWidthSpace)
	case len(a) == 1 || a[1] == ' ' || a[1] == '\t':
		value = a[1:]
	case strings.HasPrefix(a[1:], fullWidthSpace):
		slip, value, col = msgFullWidthAfter, a[1+fullWidthSpaceWidth:], col+1
	default:
		slip, value = msgNoSpace, a[1:]
		if msg, size := afterColon(a[1:]); size > 0 {
			slip, value, col = msg, a[1+size:], col+1
		}
	}
	if tab == 0 && fullWidth == 0 && s.flowAndKeys(n, cols, key) {
		return
	}
	if slip != "" && (s.continuation(cols) || s.scalarText(cols)) {
		// The line continues the text of the key before, or is the text
		// of a key that takes text: the YAML parser reads it so.
		s.indentation(n, tab, fullWidth, "")
		return
	}
	value = strings.TrimLeft(value, " \t")
	hasValue := value != "" && value[0] != '#'
	if (tab > 0 || fullWidth > 0) && s.intoFlow(n, cols, max(tab, fullWidth), key, tab > 0, rest) {
		return
	}
	full := s.place(n, cols, key, value, hasValue, slip != "" || tab > 0 || fullWidth > 0, tab > 0 || fullWidth > 0)
	// The line without the slip in its colon, if any.
	mended := key + ":"
	if value != "" {
		mended += " " + value
	}
	switch {
	case s.indentation(n, tab, fullWidth, full):
		// Its fix, the indentation of the mapping's keys, is said when
		// the mapping ends (see closeTo).
		t := s.top()
		m := &t.moved[len(t.moved)-1]
		m.err, m.tab = s.errs[len(s.errs)-1].(*Error), tab > 0
		if slip != "" {
			s.fixes[s.i] = strings.Repeat(" ", cols) + mended
		}
	case slip != "":
		s.errAt(Pos{n, col}, full, "%s", slip)
		s.fixes[s.i] = strings.Repeat(" ", cols) + mended
	case hasValue && dashValue(value) && !(formatMapping(full) && s.indentedBelow(cols)):
		// A dash for a figure not given, as Chinese tables write it,
		// which the YAML parser reads as a list's item. Keys indented
		// below it are said by valueAndKeys.
		before := l[:len(l)-len(value)]
		s.errAt(Pos{n, utf8.RuneCountInString(before) + 1}, full, "%s", dashSaid(full, "-"))
		s.fixes[s.i] = before + "null"
	case hasValue:
		at := s.i
		s.value(n, l, cols, full, value)
		// Unless mended to null, as when not closed.
		if b := len(l) - len(value); value[0] == '{' && strings.HasPrefix(s.fixed(at)[b:], "{") {
			t := s.top()
			t.flow, t.brace = at+1, b
		}
	}
}

// strayItem reads an entry of the block sequence being read, on line n,
// l, whose indentation is cols and which is rest without it, when it is
// indented otherwise than the sequence's first entry, as the YAML parser
// refuses: less, but not less than the key whose value the sequence is
// (at the top level, at the beginning of the line); or more, after an
// entry whose value has ended (a quoted one), so that it is no more of
// that entry's text. Its indentation is said, and mended, when the
// sequence ends (see itemIndents). It reports whether it read one.
func (s *slipScan) strayItem(n int, l string, cols, tab, fullWidth int, rest string) bool {
	t := s.top()
	if len(s.levels) < 2 || !t.seq || cols == t.indent || tab > 0 || fullWidth > 0 || !itemLike(rest) {
		return false
	}
	if cols > t.indent && !t.ended || cols < t.indent && cols < s.levels[len(s.levels)-2].indent {
		return false
	}
	s.itemValue(n, l, cols, t.name, rest)
	return true
}

// itemValue notes an entry of the sequence of the key name, on line n,
// l, whose indentation is cols and which is rest without it, among its
// items, and looks at its value.
func (s *slipScan) itemValue(n int, l string, cols int, name, rest string) {
	t := s.top()
	t.items = append(t.items, seqItem{s.i, cols})
	v := strings.TrimLeft(rest[1:], " ")
	t.ended = v != "" && (strings.IndexByte(`"'[{`, v[0]) >= 0 || v[0] == '#' || commentStart(v, 0) >= 0)
	if v != "" {
		s.value(n, l, cols, name, v)
	}
}

// itemIndents reports the entries of the sequence l whose indentation is
// not that of most of them (of the first, when as many are indented each
// way), and mends it.
func (s *slipScan) itemIndents(l *level) {
	count := map[int]int{}
	for _, it := range l.items {
		count[it.cols]++
	}
	want, best := 0, 0
	for _, it := range l.items {
		if c := count[it.cols]; c > best {
			best, want = c, it.cols
		}
	}
	for _, it := range l.items {
		if it.cols != want {
			s.errAt(Pos{it.i + 1, it.cols + 1}, l.name, "%s", wrongItemIndent(it.i+1, l.name, it.cols, want))
			s.reindent(it.i, want)
		}
	}
}

// wrongItemIndent is the error of an entry on line n of the sequence of
// the key list that is indented by found spaces, where its other entries
// are indented by want.
func wrongItemIndent(n int, list string, found, want int) string {
	has, hasZh := spaces(found)+` before its "-"`, fmt.Sprintf("“-”前面有 %d 个空格", found)
	fix, fixZh := fmt.Sprintf("indent it by %s, as the other items of %s are", spaces(want), list), fmt.Sprintf("应改为 %d 个", want)
	switch {
	case found == 0:
		has, hasZh = `no space before its "-"`, "“-”前面没有空格"
		fixZh = fmt.Sprintf("应加 %d 个", want)
	case want == 0:
		them := "them"
		if found == 1 {
			them = "it"
		}
		fix, fixZh = fmt.Sprintf("delete %s: the other items of %s begin at the beginning of the line", them, list), "请删除"
	}
	example := strings.Repeat(" ", want) + "- …"
	return fmt.Sprintf(`wrong indentation: this item has %s; %s, each on a line of its own, written "%s" (缩进不一致：第 %d 行这一项的%s，%s，与 %s 下的其他各项对齐：每项各占一行，写作“%[3]s”)`,
		has, fix, example, n, hasZh, fixZh, list)
}

// dashValue reports whether v, the value after a key's colon as written,
// is a dash alone, but for spaces and a comment after it.
func dashValue(v string) bool {
	if c := commentStart(v, 0); c >= 0 {
		v = v[:c]
	}
	return strings.TrimRight(v, " \t") == "-"
}

// indentedBelow reports whether the next line of the front matter that
// is not blank or a comment is indented by more than cols spaces.
func (s *slipScan) indentedBelow(cols int) bool {
	for _, l := range s.lines[s.i+1:] {
		t := strings.TrimLeft(l, " ")
		if t == "" || t[0] == '#' {
			continue
		}
		return len(l)-len(t) > cols
	}
	return false
}

// invisibleBefore reports characters that invisible names before a key,
// on line n, l, whose indentation as slips reads it is cols and which
// is rest without it: a non-breaking space as Word indents with, or a
// zero-width one. The YAML parser reads them as part of the key. It
// reads the line again mended, each space among them an ordinary space
// and the others deleted, and reports whether it found them.
func (s *slipScan) invisibleBefore(n int, l string, cols int, rest string) bool {
	j, i := 0, -1 // i is the index of the first of them, first
	var first rune
	for j < len(rest) {
		r, size := utf8.DecodeRuneInString(rest[j:])
		if _, _, _, ok := invisible(r); ok && i < 0 {
			i, first = j, r
		} else if !ok && r != ' ' {
			break
		}
		j += size
	}
	if i < 0 || !keyLike(rest[j:]) || s.continuation(cols) || s.scalarText(cols) {
		return false
	}
	key := rest[j : j+keyLen(rest[j:])]
	e := s.errAt(Pos{n, utf8.RuneCountInString(l[:len(l)-len(rest)+i]) + 1}, key, "%s", beforeKey(first))
	defer func() {
		// Its dotted name, once placed in its mapping.
		if t := s.top(); !t.seq && t.last == key {
			e.Key = dotted(t.name, key)
		}
	}()
	mended := l[:len(l)-len(rest)] + strings.Map(func(r rune) rune {
		if _, _, space, ok := invisible(r); ok && !space {
			return -1
		} else if ok {
			return ' '
		}
		return r
	}, rest[:j]) + rest[j:]
	s.fixes[s.i] = mended
	s.line(n, mended)
	return true
}

// invisibleAfterDash reports a list item on line n, l, whose indentation
// as slips reads it is cols and which is rest without it, whose dash is
// followed by a character that invisible names where the space goes
// (-\u00a0text), where a list item is expected: among the items of a
// list, or after review: or discrepancies:. The YAML parser reads the
// line as text. It reads the line again mended, and reports whether it
// found one.
func (s *slipScan) invisibleAfterDash(n int, l string, cols int, rest string) bool {
	if !dashSlip(rest) {
		return false
	}
	msg, size := afterDash(rest[1:])
	t := s.top()
	name := t.name
	switch {
	case t.seq && t.indent == cols:
	case t.open && cols >= t.indent && (t.last == "review" || t.last == "discrepancies" || t.last == "derived"):
		name = dotted(t.name, t.last)
	default:
		return false
	}
	s.errAt(Pos{n, utf8.RuneCountInString(l[:len(l)-len(rest)]) + 2}, name, "%s", msg)
	mended := l[:len(l)-len(rest)] + "- " + strings.TrimLeft(rest[1+size:], " ")
	s.fixes[s.i] = mended
	s.line(n, mended)
	return true
}

// dashSlip reports whether l, a line without its indentation, is a list
// item whose dash is followed by a character that invisible names (see
// afterDash).
func dashSlip(l string) bool {
	if len(l) < 2 || l[0] != '-' {
		return false
	}
	_, size := afterDash(l[1:])
	return size > 0
}

// afterDash returns the error of a list item's dash followed by a, when a
// begins with a character that invisible names where the space after the
// dash goes, and that character's length in bytes; or "" and 0.
func afterDash(a string) (msg string, size int) {
	return afterMark(a, `the "-" of a list item`, "列表项的“-”", " ")
}

// chineseKey reports a key written as its Chinese name and a colon that
// the YAML parser does not read as a key's (三公经费：8.5, with the
// colon full-width, as a Chinese input method types it) on line n, l,
// whose indentation as slips reads it is cols and which is rest without
// it. It removes the line; or, when the key has no value on its line and
// one key is meant, writes that key in its place, so that the keys
// indented under it are its own. It reports whether it found one.
func (s *slipScan) chineseKey(n int, l string, cols int, rest string) bool {
	j := len(s.levels) - 1
	for j > 0 && s.levels[j].indent > cols {
		j--
	}
	t := &s.levels[j]
	prefix := t.name
	if t.indent < cols && t.open {
		prefix = dotted(t.name, t.last)
	}
	msg, key, value, ok := chineseSlip(rest, prefix)
	if !ok || s.continuation(cols) || s.scalarText(cols) {
		return false
	}
	s.errAt(Pos{n, utf8.RuneCountInString(l[:len(l)-len(rest)]) + 1}, key, "%s", msg)
	s.fixes[s.i] = ""
	if value == "" && key != prefix {
		// The key meant, as the mapping names it.
		mended := l[:len(l)-len(rest)] + strings.TrimPrefix(key, prefix+".") + ":"
		s.fixes[s.i] = mended
		s.line(n, mended)
	}
	return true
}

// chineseSlip returns the error of l, a line of front matter without its
// indentation, when it begins with the Chinese name of a key of the
// mapping with the dotted name prefix (see chineseKeys) and a colon that
// the YAML parser does not read as a key's: full-width, or with no space
// after it. key is the dotted name of the key meant, when the name stands
// for one key of the mapping (see meantChinese), and prefix otherwise;
// value is what follows the colon.
func chineseSlip(l, prefix string) (msg, key, value string, ok bool) {
	i := strings.IndexAny(l, ":：")
	if i <= 0 {
		return "", "", "", false
	}
	name := strings.TrimRight(l[:i], " "+fullWidthSpace)
	a := l[i:]
	if a[0] == ':' && (len(a) == 1 || a[1] == ' ' || a[1] == '\t') {
		return "", "", "", false // a key to the YAML parser, which the walker reads
	}
	meant := meantChinese(name, prefix)
	if meant == nil {
		return "", "", "", false
	}
	key = prefix
	if len(meant) == 1 && keyLen(meant[0]) == len(meant[0]) {
		key = dotted(prefix, meant[0])
	}
	_, size := utf8.DecodeRuneInString(a)
	value = strings.TrimLeft(a[size:], " \t"+fullWidthSpace)
	en, zh := meantSaid(name, prefix)
	return fmt.Sprintf(`%s is no key: keys are English words, followed by ": " (a half-width colon and a space): did you mean %s? (键名要用英文，后面是半角冒号和空格：是不是要写 %s？)`,
		name, en, zh), key, value, true
}

// beforeKey is the error of a character r, which invisible names, before
// a key.
func beforeKey(r rune) string {
	what, whatZh := invisibleSaid(r)
	if _, _, space, _ := invisible(r); space {
		return fmt.Sprintf("before the key, %s: YAML does not read it as indentation; delete it, and indent with ordinary spaces where the key is indented (键名前面有%s，不能用来缩进：请删除它；需要缩进时请用半角空格)", what, whatZh)
	}
	return fmt.Sprintf("before the key, %s; delete it (键名前面有%s：请删除它)", what, whatZh)
}

// intoFlow reports a key indented by a tab (tab) or a full-width space,
// at column col of line n, indented by cols as slips reads it, whose line
// without its indentation is rest, when the key before it, to which it
// looks indented, has a flow mapping as its value: the mapping is closed,
// and the key goes inside its braces. It removes the key's line. It
// reports whether it found one.
func (s *slipScan) intoFlow(n, cols, col int, key string, tab bool, rest string) bool {
	j := len(s.levels) - 1
	for j > 0 && s.levels[j].indent > cols {
		j--
	}
	t := &s.levels[j]
	if t.flow == 0 || t.seq || cols <= t.indent {
		return false
	}
	mapping := dotted(t.name, t.last)
	l := s.fixed(t.flow - 1)
	example := ""
	if pair := flowPair(rest); pair != "" && t.brace < len(l) && l[t.brace] == '{' {
		example = intoBraces(l, t.brace, pair)
	}
	s.errAt(Pos{n, col}, dotted(mapping, key), "%s", notIndentationFlow(tab, n, key, mapping, example))
	s.fixes[s.i] = ""
	return true
}

// fixed returns the line of index i in lines, as mended if it is.
func (s *slipScan) fixed(i int) string {
	if l, ok := s.fixes[i]; ok {
		return l
	}
	return s.lines[i]
}

// flowPair returns the pair of a key and its value on a line without its
// indentation, l, as "key: value" without a comment, when it can go in a
// flow mapping on one line as it is: a plain value without flow
// indicators or ": ", or a quoted one that closes on the line. It returns
// "" otherwise.
func flowPair(l string) string {
	k := keyLen(l)
	if k == 0 || !strings.HasPrefix(l[k:], ": ") {
		return ""
	}
	v := strings.TrimLeft(l[k+2:], " ")
	switch {
	case v == "":
		return ""
	case v[0] == '"' || v[0] == '\'':
		end := closingQuote(v, 1, v[0])
		if end < 0 || !onlyComment(v[end+1:]) {
			return ""
		}
		v = v[:end+1]
	default:
		if c := commentStart(v, 0); c >= 0 {
			v = v[:c]
		}
		v = strings.TrimRight(v, " ")
		if v == "" || strings.ContainsAny(v, ",[]{}#&*!|>'\"%@`") || strings.Contains(v, ": ") || strings.HasSuffix(v, ":") {
			return ""
		}
	}
	return l[:k] + ": " + v
}

// intoBraces returns line l, whose flow mapping opens at byte brace and
// closes on the line, with pair added as its last pair, from the start of
// its key to the closing brace; or "" if no flow mapping opens at brace,
// or it does not close on the line with nothing but a comment after it.
func intoBraces(l string, brace int, pair string) string {
	if brace >= len(l) || l[brace] != '{' {
		return ""
	}
	depth, end := brackets(l[brace:], 0)
	if depth != 0 || brace+end >= len(l) || l[brace+end] != '}' || !onlyComment(l[brace+end+1:]) {
		return ""
	}
	end += brace
	inside := l[brace+1 : end]
	kept := strings.TrimRight(inside, " ")
	sep := ", "
	if strings.TrimSpace(kept) == "" {
		kept, sep = "", ""
	}
	return strings.TrimLeft(l[:brace+1]+kept+sep+pair+inside[len(kept):]+"}", " ")
}

// indentation reports a tab or a full-width space in the indentation of
// line n, at its column, if there is one, for the key (which may be ""),
// and mends the line: a space for each column of its indentation, as
// slips reads it.
func (s *slipScan) indentation(n, tab, fullWidth int, key string) bool {
	switch {
	case tab > 0:
		s.errAt(Pos{n, tab}, key, msgTabIndent)
	case fullWidth > 0:
		s.errAt(Pos{n, fullWidth}, key, msgFullWidthIndent)
	default:
		return false
	}
	s.fixes[s.i] = strings.Repeat(" ", s.cols) + s.rest
	return true
}

// continuation reports whether a line indented by cols continues the
// plain text of the key before it, as the YAML parser reads such a line.
func (s *slipScan) continuation(cols int) bool {
	t := s.top()
	return !t.seq && !t.open && cols > t.indent
}

// scalarText reports whether a line indented by cols is the value of the
// top-level key before it, which has none on its line and takes text or
// a number (title:, then the title indented on the next line), as the
// YAML parser reads it.
func (s *slipScan) scalarText(cols int) bool {
	t := s.top()
	if t.seq || !t.open || t.name != "" || cols <= t.indent || !knownIn("", t.last) {
		return false
	}
	switch t.last {
	case "spending", "sangong", "staff", "evidence", "review", "discrepancies", "derived":
		return false
	}
	return true
}

// place finds the mapping that a key indented by cols on line n belongs
// to, and notes its indentation there, unless the line has another slip
// (exempt); value is what follows its colon, hasValue says that the key
// has a value on its line, and
// indented that a tab or full-width space is in its indentation. It
// returns the key's dotted name.
func (s *slipScan) place(n, cols int, key, value string, hasValue, exempt, indented bool) string {
	// t is the deepest mapping indented no more than the key; the one
	// after it, if any, is nested under t's last key.
	j := len(s.levels) - 1
	for j > 0 && s.levels[j].indent > cols {
		j--
	}
	t := &s.levels[j]
	stray := false
	switch {
	case j == 0 && t.indent == cols && !indented && t.last != "" && !knownAtTop(key, value) && knownIn(t.last, key) &&
		(t.open || j+1 < len(s.levels) && s.levels[j+1].name == t.last):
		// Not a top-level key but a key of the mapping just above it
		// (spending:, then basic: at the beginning of the line): it
		// goes there, and is said not indented when the mapping ends,
		// with no other key of the mapping told to move.
		stray = true
		if t.open {
			t.open, t.nested = false, true
			s.levels = append(s.levels, level{indent: cols + 2, name: t.last})
		}
		j++
	case t.indent == cols:
	case j+1 < len(s.levels):
		// Between the keys of t and those of the mapping nested under
		// it: the key belongs to the one whose key it is, or else to the
		// one nearer. Indented by a tab or a full-width space, which
		// looks as wide as the spaces of the mapping nested under t, it
		// belongs to that one, whatever its name: t's keys start where
		// t's indentation does, with nothing before them.
		inner := &s.levels[j+1]
		if indented || knownIn(inner.name, key) || !knownIn(t.name, key) && inner.indent-cols <= cols-t.indent {
			j++
		}
	case t.open:
		// t points into levels, which append may move: t is done with
		// first.
		t.open, t.nested = false, true
		s.levels = append(s.levels, level{indent: cols, name: dotted(t.name, t.last)})
		j++
	case !t.seq && t.name == "" && cols > t.indent && (knownIn(t.last, key) || !knownIn("", key)) && s.valueAndKeys(t, n, cols, key):
		// The keys of spending indented under it, which has a value on
		// its line too: said once, there, and its value deleted.
		t.open, t.nested = false, true
		s.levels = append(s.levels, level{indent: cols, name: t.last})
		j++
	}
	s.closeTo(j + 1)
	t = s.top()
	t.last, t.open, t.lastLine = key, !hasValue, s.i
	full := dotted(t.name, key)
	if exempt {
		t.moved = append(t.moved, movedKey{i: s.i, key: key})
	} else {
		t.keys = append(t.keys, placedKey{Pos{n, cols + 1}, s.i, full, key, !hasValue, stray})
	}
	return full
}

// valueAndKeys reports the value on the line of t's last key, when that
// key is a mapping of the format (spending, sangong, staff or evidence)
// and its value a scalar on its line (673.48, null, "x"), and key is
// indented under it by cols, on line n: the YAML parser refuses the key,
// and slips would tell it and each key after it to move to the top
// level. It says once, at key, that the mapping is written two ways (see
// twoWays), and mends the line to the key alone, so that the keys below
// are its own. It reports whether it found one.
func (s *slipScan) valueAndKeys(t *level, n, cols int, key string) bool {
	if !formatMapping(t.last) {
		return false
	}
	l := s.fixed(t.lastLine)
	rest := strings.TrimLeft(l, " ")
	k := keyLen(rest)
	if k == 0 || rest[:k] != t.last || !strings.HasPrefix(rest[k:], ": ") {
		return false
	}
	colon := len(l) - len(rest) + k
	v := strings.TrimLeft(l[colon+1:], " ")
	if v == "" || strings.ContainsRune("{[|>&*!#", rune(v[0])) {
		return false
	}
	text, comment := v, ""
	if v[0] == '"' || v[0] == '\'' {
		end := closingQuote(v, 1, v[0])
		if end < 0 || !onlyComment(v[end+1:]) {
			return false
		}
		text, comment = v[:end+1], strings.TrimLeft(v[end+1:], " ")
	} else if c := commentStart(v, 0); c >= 0 {
		text, comment = strings.TrimRight(v[:c], " "), v[c+1:]
	}
	if orig := s.lines[t.lastLine]; orig != l && text == "null" {
		// Mended to null of another slip, as a quote or brace not
		// closed: what was written is quoted.
		if w := writtenValue(orig, t.last); w != "" && w != "null" {
			text = w
		}
	}
	got, total, totalZh := "text "+text, "", ""
	switch {
	case text == "null" || text == "~":
		got = "null"
	case plainNumber(text):
		got = "the number " + text
		if knownIn(t.last, "total") {
			total = fmt.Sprintf(", or, if it is the total and no total: follows, move it below as total: %s", text)
			totalZh = fmt.Sprintf("；如果它是合计数而下面没有 total:，请把它移到下面，写作 total: %s", text)
		}
	}
	s.errAt(Pos{n, cols + 1}, t.last, `%[1]s has %[2]s on its line %[6]d and keys indented on the lines below it, from %[7]s here: write a mapping one way, either every key inside {…} on its line, or nothing after "%[1]s:" and each key on its own indented line: here, delete %[3]s after "%[1]s:"%[4]s (%[1]s 冒号后面写了 %[3]s，下面又逐行缩进写了各项，只能用一种写法：要么全部写进同一行的 {…} 里，要么 %[1]s: 后面什么都不写、每项各占一行缩进写在下面。这里请删除第 %[6]d 行 %[1]s: 后面的 %[3]s%[5]s)`,
		t.last, got, text, total, totalZh, t.lastLine+1, key)
	mended := l[:colon+1]
	if comment != "" {
		mended += " " + comment
	}
	s.fixes[t.lastLine] = mended
	return true
}

// formatMapping reports whether key is a top-level key of the format
// whose value is a mapping: spending, sangong, staff or evidence.
func formatMapping(key string) bool {
	switch key {
	case "spending", "sangong", "staff", "evidence":
		return true
	}
	return false
}

// writtenValue returns the value written after key and its colon, half-
// or full-width, on line l, without the spaces around it; or "".
func writtenValue(l, key string) string {
	rest := strings.TrimLeft(l, " ")
	if !strings.HasPrefix(rest, key) {
		return ""
	}
	rest = strings.TrimLeft(rest[len(key):], " "+fullWidthSpace)
	switch {
	case strings.HasPrefix(rest, ":"):
		rest = rest[1:]
	case strings.HasPrefix(rest, fullWidthColon):
		rest = rest[len(fullWidthColon):]
	default:
		return ""
	}
	return strings.Trim(rest, " \t"+fullWidthSpace)
}

// flowAndKeys reports key, on line n and indented by cols, when the top-
// level key before it is a mapping of the format (spending, sangong,
// staff or evidence) whose value is a flow mapping on its line, closed
// there, and key is one of its keys or no top-level key: the mapping is
// written two ways, in braces on its line and as keys indented on the
// lines below (the one-line form of the README pasted above the indented
// keys of new's template). The YAML parser refuses the key, and slips
// would tell it and each key after it to move to the top level, then
// each of them that it is given twice. It says once, at key, to write
// the mapping one way, with the mapping in braces that holds them all;
// and removes the indented lines, keeping the braces, so that the rest
// of the front matter, the values in the braces too, is read.
func (s *slipScan) flowAndKeys(n, cols int, key string) bool {
	t := &s.levels[0]
	if len(s.levels) != 1 || t.seq || t.open || t.flow == 0 || t.flow-1 != t.lastLine || cols <= t.indent ||
		!formatMapping(t.last) || !knownIn(t.last, key) && knownIn("", key) {
		return false
	}
	l := s.fixed(t.lastLine)
	if t.brace >= len(l) || l[t.brace] != '{' {
		return false
	}
	depth, end := brackets(l[t.brace:], 0)
	if depth != 0 || t.brace+end >= len(l) || l[t.brace+end] != '}' {
		return false
	}
	have := flowKeys(l[t.brace+1 : t.brace+end])
	// The indented lines: those after the key's, up to the next line
	// that is not indented, but for empty lines and comments.
	last, merged, example := s.i, l, true
	var both []string
	for j := s.i; j < len(s.lines); j++ {
		line := s.lines[j]
		body := strings.TrimLeft(line, " \t"+fullWidthSpace)
		if body != "" && body[0] != '#' && len(body) == len(line) {
			break
		}
		s.fixes[j] = ""
		if body == "" || body[0] == '#' {
			continue
		}
		last = j
		if k := keyLen(body); k > 0 && slices.Contains(have, body[:k]) {
			if !slices.Contains(both, body[:k]) {
				both = append(both, body[:k])
			}
			continue
		}
		pair := flowPair(body)
		if pair == "" {
			example = false
			continue
		}
		have = append(have, body[:keyLen(body)])
		if !example {
			continue
		}
		if merged = intoBraces(merged, t.brace, pair); merged == "" {
			example = false
		}
	}
	// Empty lines and comments after the last key are left as they are.
	for j := last + 1; j < len(s.lines); j++ {
		delete(s.fixes, j)
	}
	fix, fixZh := "", ""
	if example {
		fix, fixZh = ", as "+merged, "，如 "+merged
	}
	if len(both) > 0 {
		b := strings.Join(both, ", ")
		fix += fmt.Sprintf("; %s given both ways: keep one value of each", b)
		fixZh += fmt.Sprintf("；%s 两处都写了，请只保留一个值", b)
	}
	s.errAt(Pos{n, cols + 1}, t.last, `%[1]s is written two ways, in {…} on its line %[2]d and as keys indented on the lines below it, from %[3]s here: write a mapping one way: either every key inside {…} on its line, and no key below%[4]s; or nothing after "%[1]s:" and each key on its own line below, indented (%[1]s 写成了两种形式：第 %[2]d 行冒号后面的 {…} 里有，下面几行又缩进写了，只能用一种写法：要么全部写进同一行的 {…} 里，下面不再写%[5]s；要么 %[1]s: 后面什么都不写，每项各占一行，缩进写在下面)`,
		t.last, t.lastLine+1, key, fix, fixZh)
	s.i = last
	return true
}

// flowKeys returns the plain keys of the pairs of a flow mapping, inside
// being the text between its braces.
func flowKeys(inside string) []string {
	var keys []string
	for start, i := 0, 0; i <= len(inside); i++ {
		if i < len(inside) {
			switch c := inside[i]; c {
			case '{', '[':
				if _, end := brackets(inside[i:], 0); end < len(inside)-i {
					i += end
				}
				continue
			case '"', '\'':
				if end := closingQuote(inside, i+1, c); end > 0 {
					i = end
				}
				continue
			case ',':
			default:
				continue
			}
		}
		p := strings.TrimLeft(inside[start:i], " ")
		if k := keyLen(p); k > 0 {
			keys = append(keys, p[:k])
		}
		start = i + 1
	}
	return keys
}

// closeTo ends the mappings and sequences but for the first n, and
// reports the keys of each mapping whose indentation is not that of most
// of its keys (that of the first, when as many have each), or, at the top
// level, is not 0, and the keys given twice in a mapping. It mends the
// indentation of the former, and of the mapping's keys with other slips,
// to the mapping's; and removes the lines of the latter.
func (s *slipScan) closeTo(n int) {
	for len(s.levels) > n {
		l := s.levels[len(s.levels)-1]
		s.levels = s.levels[:len(s.levels)-1]
		if l.seq {
			s.itemIndents(&l)
			continue
		}
		col := 1 // of the keys, one more than their indentation
		if l.name != "" {
			// With no key but those with other slips, two spaces more
			// than the mapping it is nested in, unless it holds a
			// collection nested in it (whose indentation that could
			// reach); then that of the first, as slips reads it.
			col = l.indent + 1
			if p := s.levels[len(s.levels)-1]; !l.nested && !p.seq && p.indent+2 > l.indent {
				col = p.indent + 3
			}
			count := map[int]int{}
			for _, k := range l.keys {
				if !k.stray {
					count[k.pos.Col]++
				}
			}
			best := 0
			for _, k := range l.keys {
				if c := count[k.pos.Col]; c > best && !k.stray {
					best, col = c, k.pos.Col
				}
			}
		}
		siblings := slices.ContainsFunc(l.keys, func(k placedKey) bool { return !k.stray })
		var seen []placedKey
		for _, k := range l.keys {
			switch {
			case k.pos.Col == col || k.stray:
				i := slices.IndexFunc(seen, func(f placedKey) bool { return f.key == k.key })
				if i < 0 {
					seen = append(seen, k)
					if k.stray {
						s.errAt(k.pos, k.full, "%s", notIndented(k.pos.Line, k.key, l.name, col-1, siblings))
						s.reindent(k.i, col-1)
					}
					continue
				}
				s.errAt(k.pos, k.full, msgDuplicate, strconv.Itoa(seen[i].pos.Line))
				if k.open {
					s.broken = true // its value, on the lines after, would be another key's
				} else {
					s.fixes[k.i] = ""
				}
			default:
				s.errAt(k.pos, k.full, "%s", wrongIndent(k.pos.Line, k.key, l.name, k.pos.Col-1, col-1))
				s.reindent(k.i, col-1)
			}
		}
		for _, m := range l.moved {
			if m.err != nil {
				m.err.Msg = notIndentation(m.tab, m.err.Line, m.key, l.name, col-1, siblings)
			}
			s.reindent(m.i, col-1)
		}
	}
}

// reindent mends the line of index i in lines, or its mended form, to be
// indented by cols spaces.
func (s *slipScan) reindent(i, cols int) {
	l, ok := s.fixes[i]
	if !ok {
		l = s.lines[i]
	}
	s.fixes[i] = strings.Repeat(" ", cols) + strings.TrimLeft(l, " \t"+fullWidthSpace)
}

// knownAtTop reports whether key, written at the beginning of a line with
// value after its colon (as written, comment and all; "" when none), is
// a top-level key. project is both a top-level key (the name of a 项目支出
// report's project) and a key of spending (its project spending):
// written with an amount, as project: 1312 at the beginning of the line
// after the keys of spending, it is spending's.
func knownAtTop(key, value string) bool {
	return knownIn("", key) && !(key == "project" && amountLike(value))
}

// amountLike reports whether v, a value as written, is an amount rather
// than a name: a number, in quotes or not, with or without thousands
// separators, full-width digits or a unit of money, or 无法识别.
func amountLike(v string) bool {
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	v = strings.TrimSpace(v)
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = strings.TrimSpace(v[1 : len(v)-1])
	}
	if v == UnreadableText {
		return true
	}
	for _, u := range [...]string{"万元", "千元", "元"} {
		if strings.HasSuffix(v, u) {
			v = strings.TrimSpace(strings.TrimSuffix(v, u))
			break
		}
	}
	digits := false
	for _, r := range v {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			digits = true
		case strings.ContainsRune(",.，。．-－+ ", r):
		default:
			return false
		}
	}
	return digits
}

// amountNode is amountLike for a value the YAML parser read.
func amountNode(v ast.Node) bool {
	switch n := v.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return true
	case *ast.StringNode:
		return amountLike(n.Value)
	}
	return false
}

// knownIn reports whether key is a key of the mapping with the dotted
// name: the top level (""), spending, sangong, staff or evidence.
func knownIn(name, key string) bool {
	switch name {
	case "":
		return slices.Contains(topKeys, key)
	case "spending":
		return slices.Contains(spendingGroup.subs, key)
	case "sangong":
		return slices.Contains(sangongGroup.subs, key)
	case "staff":
		return slices.Contains(staffGroup.subs, key)
	case "evidence":
		return slices.Contains(EvidenceKeys, key)
	}
	return false
}

// item reads an entry of a block sequence ("- value") indented by cols,
// and returns the dotted name of the key whose value the sequence is.
// ok is false when the entry is where no sequence can be.
func (s *slipScan) item(cols int) (name string, ok bool) {
	j := len(s.levels) - 1
	for j > 0 && s.levels[j].indent > cols {
		j--
	}
	s.closeTo(j + 1)
	t := s.top()
	switch {
	case t.seq && t.indent == cols:
	case t.open && cols >= t.indent:
		// As in place, t is done with before append moves levels.
		t.open, t.nested = false, true
		s.levels = append(s.levels, level{indent: cols, name: dotted(t.name, t.last), seq: true})
	default:
		return dotted(t.name, t.last), false
	}
	return s.top().name, true
}

// value looks at the value of a key or sequence entry, v, which ends
// line n, l, whose indentation is cols: a block scalar, a quoted scalar
// or flow collection that may span lines, or plain text, which may not
// hold ": ".
func (s *slipScan) value(n int, l string, cols int, key, v string) {
	col := utf8.RuneCountInString(l[:len(l)-len(v)]) + 1
	// A value with a slip is mended to null.
	at, null := s.i, l[:len(l)-len(v)]+"null"
	switch v[0] {
	case '|', '>':
		s.blockScalar, s.blockIndent = true, cols
	case '"', '\'':
		end := closingQuote(v, 1, v[0])
		switch {
		case end < 0:
			if !s.closes(func(l string) int { return closingQuote(l, 0, v[0]) }) {
				s.errAt(Pos{n, col}, key, msgUnclosedQuote, v[0])
				s.fixes[at] = null
			}
		case !onlyComment(v[end+1:]) && !strings.HasPrefix(v[end+1:], "#"):
			// Text after the closing quote: most often quotes inside the
			// value typed as the ASCII quote that encloses it, as in
			// "某县"三公"经费报告", which the YAML parser reads as a
			// value cut short.
			s.errAt(Pos{n, col + utf8.RuneCountInString(v[:end])}, key, "%s", afterQuote(v))
			s.fixes[at] = null
		}
	case '{', '[':
		depth, quote := brackets(v, 0)
		// open is the quote of quoted text that goes on past the end of
		// a line, which the YAML parser reads on the next ones.
		var open byte
		if quote < len(v) {
			open = v[quote]
		}
		if depth > 0 && !s.closes(func(l string) int {
			skip := 0
			if open != 0 {
				if skip = closingQuote(l, 0, open); skip < 0 {
					return -1
				}
				skip, open = skip+1, 0
			}
			var end int
			if depth, end = brackets(l[skip:], depth); depth > 0 {
				if end < len(l)-skip {
					open = l[skip+end]
				}
				return -1
			}
			return skip + end
		}) {
			closing := byte('}')
			if v[0] == '[' {
				closing = ']'
			}
			if quote < len(v) {
				// The brackets close on the line, but inside quoted
				// text that does not.
				s.errAt(Pos{n, col + utf8.RuneCountInString(v[:quote])}, key, msgUnclosedQuoteIn, v[quote])
			} else {
				s.errAt(Pos{n, col}, key, msgUnclosedBracket, v[0], closing)
			}
			s.fixes[at] = null
			return
		}
		s.flowDuplicate(n, col, at, v, key)
	case '&', '*', '!':
		// Anchors, aliases and tags: the walker refuses them.
	default:
		text := v
		if c := commentStart(v, 0); c >= 0 {
			text = v[:c]
		}
		text = strings.TrimRight(text, " \t")
		// ｛total: 1, basic: 2｝, typed with a Chinese input method:
		// text to YAML, whose ": " is no slip of its own.
		if r, _ := utf8.DecodeRuneInString(text); r == '｛' || r == '［' {
			open, closing := '{', '}'
			if r == '［' {
				open, closing = '[', ']'
			}
			s.errAt(Pos{n, col}, key, msgFullWidthBracket, r, open, closing)
			s.fixes[at] = null
			return
		}
		if i := strings.Index(text, ": "); i >= 0 || strings.HasSuffix(text, ":") {
			if i < 0 {
				i = len(text) - 1
			}
			s.errAt(Pos{n, col + utf8.RuneCountInString(text[:i])}, key, msgColonInValue)
			s.fixes[at] = null
		}
	}
}

// flowDuplicate reports the first key given twice in a mapping of the
// flow collection v, the value of key from column col of line n (of
// index at in lines) to line s.i, where it closes; the YAML parser
// refuses it, and names only the key. It mends the value to null, and
// empties the lines after its first, so that the rest of the front
// matter can be read.
func (s *slipScan) flowDuplicate(n, col, at int, v, key string) {
	text := v
	for j := at + 1; j <= s.i; j++ {
		text += "\n" + s.lines[j]
	}
	dup, first, name, ok := flowDuplicate(text, key)
	if !ok {
		return
	}
	// pos returns the position of the byte of index o in text.
	pos := func(o int) Pos {
		if o < len(v) {
			return Pos{n, col + utf8.RuneCountInString(v[:o])}
		}
		o -= len(v) + 1
		for j := at + 1; j <= s.i; j++ {
			l := s.lines[j]
			if o <= len(l) {
				return Pos{n + j - at, utf8.RuneCountInString(l[:o]) + 1}
			}
			o -= len(l) + 1
		}
		return Pos{n, col}
	}
	f := pos(first)
	s.errAt(pos(dup), name, msgDuplicateAt, f.Line, f.Col)
	l := s.lines[at]
	s.fixes[at] = l[:len(l)-len(v)] + "null"
	for j := at + 1; j <= s.i; j++ {
		s.fixes[j] = ""
	}
}

// flowDuplicate finds the first key given twice in a mapping of the flow
// collection that begins text (over lines joined by '\n'), the value of
// the key with the dotted name key. It returns the byte offsets in text of
// that key and of its first, and its dotted name; ok is false when there
// is none, or when the collection holds what it does not read: an explicit
// or complex key, an anchor, alias or tag, or a key with escapes.
func flowDuplicate(text, key string) (dup, first int, name string, ok bool) {
	type frame struct {
		seq       bool
		name      string         // dotted, of the collection
		keys      map[string]int // read so far, at their offsets
		expectKey bool           // the next scalar or collection is a key
		last      string         // the last key read
	}
	var stack []frame
	// child returns the dotted name of a collection or scalar read now.
	child := func() string {
		if len(stack) == 0 {
			return key
		}
		t := &stack[len(stack)-1]
		if t.seq {
			return t.name
		}
		return dotted(t.name, t.last)
	}
	// scalar notes a scalar s read at offset o.
	scalar := func(s string, o int) (done bool) {
		if len(stack) == 0 {
			return true
		}
		t := &stack[len(stack)-1]
		if t.seq || !t.expectKey {
			return false
		}
		t.expectKey = false
		if f, seen := t.keys[s]; seen {
			dup, first, name, ok = o, f, dotted(t.name, s), true
			return true
		}
		t.keys[s] = o
		t.last = s
		return false
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
		case c == '#' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n'):
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == '{' || c == '[':
			if t := len(stack) - 1; t >= 0 && !stack[t].seq && stack[t].expectKey {
				return 0, 0, "", false // a complex key
			}
			stack = append(stack, frame{seq: c == '[', name: child(), keys: map[string]int{}, expectKey: c == '{'})
		case c == '}' || c == ']':
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return 0, 0, "", false
			}
		case c == ',':
			if t := &stack[len(stack)-1]; !t.seq {
				t.expectKey = true
			}
		case c == ':':
			// The colon of a pair whose key was read.
		case c == '?' || c == '&' || c == '*' || c == '!':
			return 0, 0, "", false
		case c == '"' || c == '\'':
			end := closingQuote(text, i+1, c)
			if end < 0 {
				return 0, 0, "", false
			}
			s := text[i+1 : end]
			if strings.ContainsAny(s, "\\\n") || c == '\'' && strings.Contains(s, "''") {
				return 0, 0, "", false
			}
			if scalar(s, i) {
				return
			}
			i = end
		default:
			// Plain text, up to a flow indicator, ": " or " #".
			j := i
			for j < len(text) && !strings.ContainsRune(",[]{}\n", rune(text[j])) &&
				!(text[j] == ':' && (j+1 == len(text) || strings.ContainsRune(" \t\n,[]{}", rune(text[j+1])))) &&
				!(text[j] == '#' && (text[j-1] == ' ' || text[j-1] == '\t')) {
				j++
			}
			if scalar(strings.TrimRight(text[i:j], " \t"), i) {
				return
			}
			i = j - 1
		}
		if len(stack) == 0 {
			return 0, 0, "", false
		}
	}
	return 0, 0, "", false
}

// afterQuote says how to write v, a quoted value (to the end of its
// line) with text after its closing quote: with the quotes inside it
// Chinese, or enclosed by the other kind of quote. When v reads as one
// value with quotes of its own kind inside, in pairs (and no escapes), and
// is short, it gives both ways written out.
func afterQuote(v string) string {
	q := v[0]
	other, otherZh := "single", "单"
	if q == '\'' {
		other, otherZh = "double", "双"
	}
	t := v
	if c := commentStart(v, 1); c >= 0 {
		t = v[:c]
	}
	t = strings.TrimRight(t, " \t")
	example := ""
	if inner, ok := strings.CutPrefix(t, string(q)); ok && strings.HasSuffix(inner, string(q)) {
		inner = inner[:len(inner)-1]
		n := strings.Count(inner, string(q))
		if n > 0 && n%2 == 0 && !strings.Contains(inner, "\\") && !strings.Contains(inner, string(q)+string(q)) &&
			utf8.RuneCountInString(inner) <= 60 {
			// The quotes inside, as Chinese ones: opening and closing in
			// turn.
			var zh strings.Builder
			open := true
			for _, r := range inner {
				if r == rune(q) {
					if open {
						r = '“'
					} else {
						r = '”'
					}
					open = !open
				}
				zh.WriteRune(r)
			}
			// The whole value in the other kind of quote: in single
			// quotes a ' is written twice; in double quotes " and \ are
			// escaped.
			var swapped string
			if q == '"' {
				swapped = "'" + strings.ReplaceAll(inner, "'", "''") + "'"
			} else {
				swapped = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(inner) + `"`
			}
			example = ", as " + string(q) + zh.String() + string(q) + " or " + swapped
		}
	}
	return fmt.Sprintf(msgAfterQuote, q, q, other, example, otherZh)
}

// afterColon returns the error of a key's colon followed by a, when a
// begins with a character that invisible names where the space after the
// colon goes, and that character's length in bytes; or "" and 0.
func afterColon(a string) (msg string, size int) {
	return afterMark(a, "the colon", "冒号", " \t")
}

// afterMark is afterColon and afterDash: the error of mark (markZh in
// Chinese), a key's colon or a list item's dash, followed by a, when a
// begins with a character that invisible names where the space after
// mark goes, and that character's length in bytes; or "" and 0. The
// character is to be deleted alone when the end of the line or one of
// blanks follows it, and replaced by a space otherwise.
func afterMark(a, mark, markZh, blanks string) (msg string, size int) {
	r, size := utf8.DecodeRuneInString(a)
	if _, _, space, ok := invisible(r); ok {
		what, whatZh := invisibleSaid(r)
		switch rest := a[size:]; {
		case rest == "" || strings.IndexByte(blanks, rest[0]) >= 0:
			return fmt.Sprintf("after %s, %s; delete it (%s后面有%s：请删除它)", mark, what, markZh, whatZh), size
		case space:
			return fmt.Sprintf("after %s, not an ordinary space but %s; delete it and type an ordinary space (%s后面不是普通空格，而是%s：请删除它，改为输入一个半角空格)", mark, what, markZh, whatZh), size
		default:
			return fmt.Sprintf("no space after %s, but %s; delete it and type an ordinary space (%s后面没有空格，而有%s：请删除它，改为输入一个半角空格)", mark, what, markZh, whatZh), size
		}
	}
	return "", 0
}

// closes reports whether quoted text or a flow collection that does not
// close on its line closes on a later line, as the YAML parser reads it
// (skipping the lines up to there), with nothing but a comment after it;
// end returns the index in a line of the closing quote or bracket, or -1.
// Otherwise the quote or bracket is not closed, and the lines after it are
// read as keys: they most likely are.
func (s *slipScan) closes(end func(l string) int) bool {
	for j := s.i + 1; j < len(s.lines); j++ {
		if e := end(s.lines[j]); e >= 0 {
			// After a closing quote or bracket, the YAML parser takes a
			// '#' as a comment even with no space before it.
			if rest := s.lines[j][e+1:]; !onlyComment(rest) && !strings.HasPrefix(rest, "#") {
				return false
			}
			s.i = j
			return true
		}
	}
	return false
}

// end reports the keys of the mappings still open at the end of the
// front matter whose indentation is wrong, and sorts the errors.
func (s *slipScan) end() {
	s.closeTo(0)
	slices.SortStableFunc(s.errs, func(a, b error) int {
		pa, pb := a.(*Error), b.(*Error)
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col))
	})
}

// closingQuote returns the index in l, from i on, of the quote q that
// closes a quoted scalar, or -1: a backslash escapes the character after
// it in double quotes, and two single quotes are one in single quotes.
func closingQuote(l string, i int, q byte) int {
	for ; i < len(l); i++ {
		switch {
		case q == '"' && l[i] == '\\':
			i++
		case l[i] == q && q == '\'' && i+1 < len(l) && l[i+1] == '\'':
			i++
		case l[i] == q:
			return i
		}
	}
	return -1
}

// brackets returns the depth of the flow collections open after l, given
// depth before it, skipping quoted text that ends on the line, and the
// index where the depth first comes to 0; or, when it does not, the index
// of the quote that begins quoted text not closed on the line, if any, or
// else len(l).
func brackets(l string, depth int) (int, int) {
	for i := 0; i < len(l); i++ {
		switch c := l[i]; c {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				return 0, i
			}
		case '"', '\'':
			if !quoteStarts(l, i) {
				continue // inside plain text, as it's and 0 "
			}
			end := closingQuote(l, i+1, c)
			if end < 0 {
				return depth, i
			}
			i = end
		case '#':
			if i > 0 && l[i-1] == ' ' {
				return depth, len(l) // a comment
			}
		}
	}
	return depth, len(l)
}

// quoteStarts reports whether the quote l[i] begins a quoted scalar of a
// flow collection: it does at the start of a node, where the last byte
// before it but spaces is '[', '{' or ',', a value's ':' followed by a
// space, or nothing on the line. Elsewhere it is inside plain text, which
// goes on past spaces.
func quoteStarts(l string, i int) bool {
	j := i - 1
	for j >= 0 && (l[j] == ' ' || l[j] == '\t') {
		j--
	}
	if j < 0 {
		return true
	}
	switch l[j] {
	case '[', '{', ',':
		return true
	case ':':
		return j < i-1
	}
	return false
}

// keyLen returns the length of the plain key that begins l: an ASCII
// letter or '_' followed by letters, digits, '_' and '.'; or 0.
func keyLen(l string) int {
	if l == "" || !isLetter(l[0]) && l[0] != '_' {
		return 0
	}
	i := 1
	for i < len(l) && (isLetter(l[i]) || '0' <= l[i] && l[i] <= '9' || l[i] == '_' || l[i] == '.') {
		i++
	}
	return i
}

// keyLike reports whether l, a line without its indentation, begins with a
// plain key and a colon, half- or full-width.
func keyLike(l string) bool {
	k := keyLen(l)
	if k == 0 {
		return false
	}
	a := strings.TrimLeft(l[k:], " "+fullWidthSpace)
	return strings.HasPrefix(a, ":") || strings.HasPrefix(a, fullWidthColon)
}

// itemLike reports whether l, a line without its indentation, is an entry
// of a block sequence.
func itemLike(l string) bool {
	return l != "" && l[0] == '-' && (len(l) == 1 || l[1] == ' ')
}

func dotted(name, key string) string {
	if name == "" {
		return key
	}
	return name + "." + key
}

// wrongIndent is the error of a key on line n of the mapping with the
// dotted name mapping ("" at the top) that is indented by found spaces,
// where the mapping's keys are indented by want.
func wrongIndent(n int, key, mapping string, found, want int) string {
	if mapping == "" {
		them := "them"
		if found == 1 {
			them = "it"
		}
		return fmt.Sprintf("wrong indentation: %s has %s before it; delete %s: a top-level key starts at the beginning of the line (缩进不一致：第 %d 行的 %s 是顶层的键，应顶格写，请删除前面的 %d 个空格)",
			key, spaces(found), them, n, key, found)
	}
	return fmt.Sprintf("wrong indentation: %s has %s before it; indent it by %s, as the other keys of %s are (缩进不一致：第 %d 行的 %s 前面有 %d 个空格，应改为 %d 个，与 %s 下的其他键对齐)",
		key, spaces(found), spaces(want), mapping, n, key, found, want, mapping)
}

// notIndented is the error of a key on line n written at the beginning
// of the line, as a top-level key, that is no top-level key but a key of
// the mapping just above it, whose keys are indented by want spaces;
// siblings says that other keys of the mapping are so.
func notIndented(n int, key, mapping string, want int, siblings bool) string {
	as, asZh := "under "+mapping, ""
	if siblings {
		as, asZh = "as the other keys of "+mapping+" are", "，与 "+mapping+" 下的其他键对齐"
	}
	return fmt.Sprintf("not indented: %s is a key of %s, not a top-level key; indent it by %s, %s (第 %d 行的 %s 是 %s 下的键，请在前面加 %d 个空格%s)",
		key, mapping, spaces(want), as, n, key, mapping, want, asZh)
}

// notIndentationFlow is the error of a key on line n indented by a tab
// (tab) or a full-width space after the key mapping, whose value is a
// flow mapping: to write it inside the braces, as example, if not "".
func notIndentationFlow(tab bool, n int, key, mapping, example string) string {
	fix := fmt.Sprintf(`%s is a flow mapping, closed by its "}": put %s inside the braces`, mapping, key)
	fixZh := fmt.Sprintf("%s 的各项写在花括号 {} 里，请把 %s 写进括号内", mapping, key)
	if example != "" {
		fix += ", as " + example
		fixZh += "，如 " + example
	}
	return notIndentationSaid(tab, n, key, fix, fixZh)
}

// notIndentation is the error of a key on line n of the mapping with the
// dotted name mapping ("" at the top) that is indented by a tab (tab) or
// a full-width space, where the mapping's keys are indented by want
// spaces; siblings says that other keys of the mapping are so.
func notIndentation(tab bool, n int, key, mapping string, want int, siblings bool) string {
	used := "全角空格"
	if tab {
		used = " Tab"
	}
	var fix, fixZh string
	switch {
	case mapping == "":
		fix = "delete it: a top-level key starts at the beginning of the line"
		fixZh = fmt.Sprintf("%s 是顶层的键，请删除%s，顶格写", key, used)
	case siblings:
		fix = fmt.Sprintf("indent %s by %s instead, as the other keys of %s are", key, spaces(want), mapping)
		fixZh = fmt.Sprintf("请改为 %d 个半角空格，与 %s 下的其他键对齐", want, mapping)
	default:
		fix = fmt.Sprintf("indent %s by %s instead, under %s", key, spaces(want), mapping)
		fixZh = fmt.Sprintf("请改为 %d 个半角空格，写在 %s 下面", want, mapping)
	}
	return notIndentationSaid(tab, n, key, fix, fixZh)
}

// notIndentationSaid is the error of a key on line n indented by a tab
// (tab) or a full-width space, with its fix in English and Chinese.
func notIndentationSaid(tab bool, n int, key, fix, fixZh string) string {
	what, whatZh, used := "a full-width space", "全角空格", "全角空格"
	if tab {
		what, whatZh, used = "a tab", "Tab ", " Tab"
	}
	return fmt.Sprintf("%s is not indentation in YAML; %s (第 %d 行的 %s 前面用了%s，%s不能用来缩进：%s)", what, fix, n, key, used, whatZh, fixZh)
}

// spaces says how many spaces n is: "1 space", "3 spaces".
func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return strconv.Itoa(n) + " spaces"
}

// keySlip reports a key that the YAML parser read but that holds a slip
// of the kinds slips finds: a full-width space before it (as its
// indentation), in it or after it, or a full-width colon in it. key is the
// key as read, at pos, prefix the dotted name of its mapping ("" at the
// top), and prev the key before it there, if any, and prevValue its value:
// a key of the mapping that is prev's value, indented by a full-width
// space, is read as a key of prefix's (see takesKeys). here is the
// indentation of the other keys of prefix's mapping, or -1 if it has
// none; the fix of a full-width space before the key names it, or that of
// the keys of prev's value. It reports whether it found one.
func (p *parse) keySlip(pos Pos, prefix, prev string, prevValue ast.Node, key string, here int) bool {
	word := strings.Trim(key, " "+fullWidthSpace)
	if i := strings.Index(word, fullWidthColon); i >= 0 {
		word = word[:i]
	}
	word = strings.TrimRight(word, " "+fullWidthSpace)
	name, mapping, want, siblings := dotted(prefix, word), prefix, here, here >= 0
	indented := strings.HasPrefix(key, fullWidthSpace)
	switch {
	case keyLen(word) != len(word):
		name = prefix
	case indented && prev != "" && isFlowMapping(prevValue):
		mapping = dotted(prefix, prev)
		p.errAt(pos, dotted(mapping, word), "%s", notIndentationFlow(false, pos.Line, word, mapping, p.intoBraces(nodePos(prevValue), pos.Line)))
		return true
	case indented && takesKeys(prefix, prev, prevValue),
		!indented && !knownIn(prefix, word) && knownIn(dotted(prefix, prev), word):
		// A key of prev's value: by the structure when indented, by its
		// name when not.
		name, mapping = dotted(dotted(prefix, prev), word), dotted(prefix, prev)
		under := keysIndent(asMapping(prevValue))
		want, siblings = under, under >= 0
		if !siblings {
			want = max(here, 0) + 2
		}
	}
	switch {
	case strings.HasPrefix(key, fullWidthSpace) && keyLen(word) == len(word) && want >= 0:
		p.errAt(pos, name, "%s", notIndentation(false, pos.Line, word, mapping, want, siblings))
	case strings.HasPrefix(key, fullWidthSpace):
		p.errAt(pos, name, msgFullWidthIndent)
	case strings.Contains(key, fullWidthColon):
		p.errAt(Pos{pos.Line, pos.Col + utf8.RuneCountInString(key[:strings.Index(key, fullWidthColon)])}, name, msgFullWidthColon)
	case strings.Contains(key, fullWidthSpace):
		p.errAt(Pos{pos.Line, pos.Col + utf8.RuneCountInString(key[:strings.Index(key, fullWidthSpace)])}, name, msgFullWidthInKey)
	default:
		return false
	}
	return true
}

// isFlowMapping reports whether v is a flow mapping.
func isFlowMapping(v ast.Node) bool {
	m, ok := v.(*ast.MappingNode)
	return ok && m.IsFlowStyle
}

// intoBraces returns the flow mapping that opens at brace, with the pair
// of the key on line n (indented by full-width spaces) added, as
// intoBraces writes it; or "" when it cannot be written so.
func (p *parse) intoBraces(brace Pos, n int) string {
	flow, pair := p.line(brace.Line), strings.TrimLeft(p.line(n), " "+fullWidthSpace)
	b := colIndex(flow, brace.Col)
	if b >= len(flow) || flow[b] != '{' {
		return ""
	}
	if pair = flowPair(pair); pair == "" {
		return ""
	}
	return intoBraces(flow, b, pair)
}

// line returns line n of the front matter read by the YAML parser, or "".
func (p *parse) line(n int) string { return lineOf(p.block, n) }

// colIndex returns the byte index in line of its column col (from 1), or
// len(line) when line is shorter.
func colIndex(line string, col int) int {
	b := 0
	for c := 1; c < col && b < len(line); c++ {
		_, size := utf8.DecodeRuneInString(line[b:])
		b += size
	}
	return b
}

// lineOf returns line n of b, or "".
func lineOf(b []byte, n int) string {
	for ; n > 1 && len(b) > 0; n-- {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return ""
		}
		b = b[i+1:]
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// takesKeys reports whether a key indented by a full-width space after
// the key prev of the mapping with the dotted name prefix, whose value is
// v, is a key of that value: v is a block mapping, or v is empty and prev
// is one of the mappings of the format (spending, sangong, staff,
// evidence). The YAML parser reads such a key as prefix's, the full-width
// space being part of its name; but a full-width space looks as wide as
// two spaces, and one who typed it meant the key to be indented, under
// the mapping above it.
func takesKeys(prefix, prev string, v ast.Node) bool {
	if prev == "" {
		return false
	}
	switch n := v.(type) {
	case *ast.MappingNode:
		return !n.IsFlowStyle
	case *ast.MappingValueNode:
		return true
	case nil, *ast.NullNode:
		return formatMapping(dotted(prefix, prev))
	}
	return false
}

// strayValue reports the value of a pair that the YAML parser took from a
// line after its key's, indented no more than the key, when that line is
// a key of prefix's mapping with a slip in its colon: the YAML parser
// reads "title:" and "score:97" on the next line as title: "score:97".
// It reports whether it found one.
func (p *parse) strayValue(prefix string, mv *ast.MappingValueNode) bool {
	if mv.Value == nil {
		return false
	}
	k := nodePos(mv.Key)
	v := p.valueStart(k, mv.Value)
	return v.Line > k.Line && v.Col <= k.Col && p.valueSlip(prefix, mv.Value, v)
}

// valueStart returns where the value v of the key at k begins: the YAML
// parser places plain text over several lines at its last line, and the
// text begins on the first line after the key's with anything but a
// comment, when the key's has none.
func (p *parse) valueStart(k Pos, v ast.Node) Pos {
	pos := nodePos(v)
	if p.block == nil || pos.Line <= k.Line {
		return pos
	}
	for n := k.Line + 1; n <= pos.Line; n++ {
		l := p.line(n)
		t := strings.TrimLeft(l, " ")
		if t == "" || t[0] == '#' {
			continue
		}
		return Pos{n, len(l) - len(t) + 1}
	}
	return pos
}

// valueSlip reports text given where a mapping is expected (the value of
// spending, sangong, staff or evidence, prefix) that the YAML parser read
// from a line with one key and a slip in its colon: a full-width colon
// (actual：17), or no space or a full-width space after a colon; pos is
// where the text begins. It reports whether it found one.
func (p *parse) valueSlip(prefix string, v ast.Node, pos Pos) bool {
	s, ok := v.(*ast.StringNode)
	if !ok || s.GetToken().Type != token.StringType || strings.ContainsAny(s.Value, "\n") {
		return false
	}
	k := keyLen(s.Value)
	if k == 0 {
		msg, key, _, ok := chineseSlip(s.Value, prefix)
		if ok {
			p.errAt(pos, key, "%s", msg)
		}
		return ok
	}
	// Spaces before the colon are the key's, as slips reads them; a
	// full-width one among them is the slip.
	name, after := s.Value[:k], s.Value[k:]
	gap := len(after) - len(strings.TrimLeft(after, " "+fullWidthSpace))
	a := after[gap:]
	col := pos.Col + utf8.RuneCountInString(s.Value[:k+gap])
	msg := ""
	switch {
	case strings.HasPrefix(a, fullWidthColon):
		msg = msgFullWidthColon
	case !strings.HasPrefix(a, ":"):
		return false
	case strings.Contains(after[:gap], fullWidthSpace):
		msg, col = msgFullWidthInKey, pos.Col+k+strings.Index(after, fullWidthSpace)
	case strings.HasPrefix(a, ":"+fullWidthSpace):
		msg, col = msgFullWidthAfter, col+1
	case len(a) > 1 && a[1] != ' ' && a[1] != '\t':
		msg = msgNoSpace
		if m, size := afterColon(a[1:]); size > 0 {
			msg, col = m, col+1
		}
	default:
		return false
	}
	p.errAt(Pos{pos.Line, col}, dotted(prefix, name), "%s", msg)
	return true
}
