package report

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits that keep hostile files from exhausting the parser.
const (
	// MaxFrontMatter is the largest front matter accepted, in bytes.
	MaxFrontMatter = 256 << 10
	// MaxNesting is the deepest nesting of flow collections or indentation
	// levels accepted in front matter.
	MaxNesting = 16
	// MaxErrors is the most errors reported for one file; a file with more
	// is most likely not a report at all.
	MaxErrors = 20
	// MaxName is the longest name of a county, prefecture, province or
	// department accepted, in characters; names become part of file names.
	MaxName = 100
	// MaxText is the longest title, evidence sentence or review note
	// accepted, in characters.
	MaxText = 10000
	// MaxNotes is the most discrepancies a report may record, and
	// MaxNote the longest of them, in characters: each is published as
	// a finding, on pages and in every download, so a long list of short
	// items would make far more output than its file.
	MaxNotes = 50
	MaxNote  = 1000
	// MaxBody is the largest body accepted, in bytes. Report bodies are
	// summaries of a few pages.
	MaxBody = 2 << 20
	// MaxBodyNesting is the deepest nesting of block quotes and lists
	// accepted in the body.
	MaxBodyNesting = 32
	// MaxMarks is the most emphasis marks (runs of * or _) and link
	// brackets ([) accepted in one paragraph of the body: the Markdown
	// renderer takes time that grows faster than their number.
	MaxMarks = 500
)

// UnreadableText is the value that marks an amount the report gives but
// that could not be read.
const UnreadableText = "无法识别"

// Parse parses a report file. name is used in errors only. It returns every
// problem it finds, joined, each as an *Error.
//
// The report's Body shares data's memory (unless the file has CR line
// ends), so data must not be changed while the report is in use; no other
// part of the report refers to data.
func Parse(name string, data []byte) (*Report, error) {
	return parseFile(name, data, true)
}

// ParseLean returns what Parse returns, errors included, but with the
// report's Body, Evidence and Review nil, as a lean load keeps it (see
// content.Options.Lean): it checks them as Parse does, but does not make
// them. No part of the report refers to data.
func ParseLean(name string, data []byte) (*Report, error) {
	p := parses.Get().(*parse)
	*p = parse{name: name, r: &Report{File: name}, fast: true, lean: true}
	r, err := p.file(data)
	// Nothing the parse returns points into its state (the keys are
	// encoded into the report, the errors joined into a new error);
	// cleared, the state holds nothing of this file either.
	*p = parse{}
	parses.Put(p)
	return r, err
}

// parses holds parse states for ParseLean to use again: a build loads
// every report file with it, and at 15,000 reports a new state for each
// (1.4 KB) was 23 MB of the build's allocations.
var parses = sync.Pool{New: func() any { return new(parse) }}

// parseFile is Parse. fast says whether front matter written in the simple
// part of YAML that fastFrontMatter reads is read by it; otherwise the YAML
// parser reads all front matter. Both give the same results: tests compare
// them.
func parseFile(name string, data []byte, fast bool) (*Report, error) {
	p := &parse{name: name, r: &Report{File: name}, fast: fast}
	return p.file(data)
}

// file parses data, the bytes of the file, for parseFile and ParseLean.
func (p *parse) file(data []byte) (*Report, error) {
	name := p.name
	if err := p.run(data); err != nil {
		return nil, err
	}
	if n := len(p.errs); n > MaxErrors {
		p.errs = append(p.errs[:MaxErrors], &Error{File: name, Msg: fmt.Sprintf("%d more errors not shown (另有 %d 个错误未列出)", n-MaxErrors, n-MaxErrors)})
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	if p.shared {
		p.r.detach()
	}
	return p.r, nil
}

type parse struct {
	name string
	r    *Report
	errs []error
	// amounts holds the first nAmounts amounts given, and more any
	// beyond maxAmounts: an array, so that a parse allocates nothing for
	// them.
	amounts  [maxAmounts]pendingAmount
	nAmounts int
	more     []pendingAmount
	// keys collects the positions of the keys, encoded into r.Keys once
	// the front matter is read.
	keys keySet
	// projectAmount is the text of an amount given as the top-level
	// project: (the project's name), which finish says is wrong once it
	// knows whether spending gives its project spending too.
	projectAmount string
	// fast allows fastFrontMatter to read the front matter; shared says
	// that it did, so that the report's text shares the memory of the
	// whole front matter until detached.
	fast, shared bool
	// lean says not to make the report's body, evidence and review notes,
	// only to check them (see ParseLean).
	lean bool
	// mended says that the front matter read is one that slips mended
	// (see slipErrors), which is not mended again.
	mended bool
	// block is the front matter that the YAML parser read, from its
	// '---' line, so that errors can quote its lines; front is the front
	// matter however read, so that an error can point at a character of
	// a value (see charPos).
	block, front []byte
	// unitSlips are the errors of amounts written with a unit of money or
	// a percent sign, whose fix depends on the file's unit: finish says
	// it, when the unit is known.
	unitSlips []unitSlip
	// derived holds where derived: lists each of DerivableKeys, the zero
	// Pos for those it does not list: finish checks that each is given.
	derived [len(derivableArray)]Pos
}

// unitSlip is an amount's error to be said again once the file's unit is
// known: the error's index in errs, the value as described, and its text.
type unitSlip struct {
	err       int
	got, text string
}

// maxAmounts is the number of amounts a report can give, each once.
const maxAmounts = 11

type pendingAmount struct {
	key  string
	text string
	dst  *Money
}

// errAt records an error. The key is copied: it may be text of the file,
// whose memory fastFrontMatter's nodes share.
func (p *parse) errAt(pos Pos, key, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.name, Line: pos.Line, Col: pos.Col, Key: strings.Clone(key), Msg: fmt.Sprintf(format, args...)})
}

func (p *parse) fatal(pos Pos, key, format string, args ...any) error {
	return &Error{File: p.name, Line: pos.Line, Col: pos.Col, Key: strings.Clone(key), Msg: fmt.Sprintf(format, args...)}
}

// split normalises line ends and splits a report file into its front
// matter (with the opening '---', so that YAML positions are the file's)
// and its body, which starts on line bodyLine.
//
// block and body share data's memory unless data has CR line ends, which
// are replaced in a copy.
func split(data []byte) (block, body []byte, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	// CRLF and lone CR (old Mac files) both end lines, as in YAML and
	// Markdown; positions stay those of the file.
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if blank(data) {
		return nil, nil, 0, errors.New("empty file: a report needs front matter between '---' lines (文件是空的：报告要以 --- 行开头，在两行 --- 之间填写各项)")
	}
	// Find the closing line without splitting the whole file: only the
	// front matter is looked at line by line.
	first, _, ok := bytes.Cut(data, []byte("\n"))
	if !isDashes(first) {
		if likeDashes(first) {
			return nil, nil, 0, notDashes(1, first, "the first line", "第一行", "opening")
		}
		return nil, nil, 0, errors.New("no front matter: the file must begin with a line '---' (文件第一行必须是 ---)")
	}
	if !ok {
		return nil, nil, 0, errors.New(msgUnclosedFrontMatter)
	}
	offset, line := len(first)+1, 2 // where line starts, and its number
	// The first line that looks like the closing line but is not, such
	// as ——— typed with a Chinese input method: when no closing line
	// follows, it is the one meant.
	var like []byte
	likeLine := 0
	unclosed := func(err error) error {
		if likeLine > 0 {
			return notDashes(likeLine, like, "line "+strconv.Itoa(likeLine), "第 "+strconv.Itoa(likeLine)+" 行", "closing")
		}
		return err
	}
	for {
		if offset > MaxFrontMatter {
			return nil, nil, 0, unclosed(fmt.Errorf("front matter is longer than %d bytes, or its closing '---' line is missing (前置信息过长，或者缺少结尾的 --- 行)", MaxFrontMatter))
		}
		l := data[offset:]
		end := bytes.IndexByte(l, '\n')
		if end >= 0 {
			l = l[:end]
		}
		if isDashes(l) {
			break
		}
		if likeLine == 0 && likeDashes(l) {
			like, likeLine = l, line
		}
		if end < 0 {
			return nil, nil, 0, unclosed(errors.New(msgUnclosedFrontMatter))
		}
		offset += len(l) + 1
		line++
	}
	block = data[:offset]
	rest := data[offset:]
	body = []byte{}
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		body = rest[i+1:]
	}
	return block, body, line + 1, nil
}

const msgUnclosedFrontMatter = "unclosed front matter: no closing '---' line (缺少结尾的 --- 行：各项填完后要另起一行写 ---)"

// LineError is an error of a whole line of a file, such as the line meant
// to close the front matter.
type LineError struct {
	// Line is the line's number, from 1.
	Line int
	// Msg is the error's message.
	Msg string
}

// Error returns the message.
func (e *LineError) Error() string { return e.Msg }

// notDashes is the error of line n, what, written like '---' with other
// dashes (or more of them) where '---' opens or closes (role) the front
// matter.
func notDashes(n int, line []byte, what, whatZh, role string) error {
	if msg := spacedDashes(line, what, whatZh, role); msg != "" {
		return &LineError{Line: n, Msg: msg}
	}
	shown := strings.TrimSpace(string(line))
	if utf8.RuneCountInString(shown) > 20 {
		shown = string([]rune(shown)[:20]) + "…"
	}
	return &LineError{Line: n, Msg: fmt.Sprintf("%s (%s) looks like the %s '---' line of the front matter, but only three ASCII hyphens make one: write --- (%s应写成三个半角减号 ---，不是 %s)",
		what, shown, role, whatZh, shown)}
}

// spacedDashes is the error of line, what, when it is '---' but for white
// space before it, or a full-width space after it, which keeps it from
// opening or closing (role) the front matter: the white space said, as
// it cannot be seen. It returns "" for any other line.
func spacedDashes(line []byte, what, whatZh, role string) string {
	l := string(line)
	i := strings.Index(l, "---")
	if i < 0 || strings.Trim(l, " \t\u3000") != "---" {
		return ""
	}
	before, after := l[:i], strings.Trim(l[i+3:], " \t")
	if after != "" {
		// Spaces and tabs after '---' are allowed; a full-width space
		// is not.
		after = l[i+3:]
	}
	var en, zh []string
	if before != "" {
		w, wZh := whiteSaid(before)
		en = append(en, w+" before its ---")
		zh = append(zh, "前面多了"+spaced(wZh))
	}
	if after != "" {
		w, wZh := whiteSaid(after)
		if before == "" {
			w += " after its ---"
		} else {
			w += " after it"
		}
		en = append(en, w)
		zh = append(zh, "后面多了"+spaced(wZh))
	}
	if len(en) == 0 {
		return ""
	}
	them := "it"
	if len(en) > 1 || !strings.HasPrefix(en[0], "a ") && !strings.HasPrefix(en[0], "white") {
		them = "them"
	}
	return fmt.Sprintf("%s has %s, so it is not the %s '---' line of the front matter: delete %s, to leave --- alone at the beginning of the line (%s的 --- %s：请删除，--- 要顶格写，前后不加空格)",
		what, strings.Join(en, " and "), role, them, whatZh, strings.Join(zh, "，"))
}

// spaced returns zh with a space before it when it begins with a digit,
// as Chinese hints write a number: 前面多了 1 个空格.
func spaced(zh string) string {
	if zh != "" && '0' <= zh[0] && zh[0] <= '9' {
		return " " + zh
	}
	return zh
}

// whiteSaid says what white space s, spaces, tabs and full-width spaces,
// is: "1 space", "2 tabs", "a full-width space", in English and Chinese.
func whiteSaid(s string) (en, zh string) {
	spaces, tabs, full := strings.Count(s, " "), strings.Count(s, "\t"), strings.Count(s, "\u3000")
	switch {
	case tabs == 0 && full == 0:
		if spaces == 1 {
			return "a space", "1 个空格"
		}
		return strconv.Itoa(spaces) + " spaces", strconv.Itoa(spaces) + " 个空格"
	case spaces == 0 && full == 0:
		if tabs == 1 {
			return "a tab", "1 个 Tab"
		}
		return strconv.Itoa(tabs) + " tabs", strconv.Itoa(tabs) + " 个 Tab"
	case spaces == 0 && tabs == 0:
		if full == 1 {
			return "a full-width space", "1 个全角空格"
		}
		return strconv.Itoa(full) + " full-width spaces", strconv.Itoa(full) + " 个全角空格"
	}
	return "white space", "空白"
}

// likeDashes reports whether line, not '---', looks like it: two or more
// dashes of any kind (—, －, –, ─, ー, more than three -), but for spaces
// around them, as a Chinese input method or a word processor types '---'.
func likeDashes(line []byte) bool {
	// Nearly every line begins with a key's letter: said at once, without
	// decoding the line.
	if len(line) > 0 && ('a' <= line[0] && line[0] <= 'z' || 'A' <= line[0] && line[0] <= 'Z') {
		return false
	}
	n := 0
	for _, r := range string(bytes.Trim(line, " \t\u3000")) {
		switch r {
		case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2500', '\u2501',
			'\u2E3A', '\u2E3B', '\u30FC', '\uFE58', '\uFE63', '\uFF0D', '\uFF70':
			n++
		case ' ', '\u3000':
		default:
			return false
		}
	}
	return n >= 2
}

// isDashes reports whether line is '---', but for spaces and tabs after it,
// as string(bytes.TrimRight(line, " \t")) == "---" does.
func isDashes(line []byte) bool {
	if len(line) < 3 || string(line[:3]) != "---" {
		return false
	}
	for _, c := range line[3:] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// Body returns the Markdown body of a report file, as Parse reads it: a
// build can drop the bodies of parsed reports and read each again when
// its page is rendered, so that memory does not grow with the corpus. The
// body shares data's memory, unless the file has CR line ends.
func Body(data []byte) ([]byte, error) {
	_, body, _, err := split(data)
	return body, err
}

// run splits the front matter off and decodes it.
func (p *parse) run(data []byte) error {
	if err := p.checkText(data); err != nil {
		return err
	}
	block, text, bodyLine, err := split(data)
	if err != nil {
		if le, ok := err.(*LineError); ok {
			return p.fatal(Pos{le.Line, 1}, "", "%v", err)
		}
		return p.fatal(Pos{1, 1}, "", "%v", err)
	}
	p.r.Body = text
	p.r.BodyLine = bodyLine
	p.checkBody()
	p.checkBodyAmplification()
	p.checkJoined()
	p.findDropped()

	p.front = block
	var m *ast.MappingNode
	if p.fast {
		var f *fastYAML
		m, f = fastFrontMatter(block)
		defer f.free()
		p.shared = m != nil
	}
	if m == nil {
		var errs []error
		if m, errs = p.yaml(block); errs != nil {
			// The body's errors are said too.
			p.errs = append(errs, p.errs...)
			return nil
		}
	}
	p.top(m)
	p.r.Keys = p.keys.encode()
	p.finish()
	if p.lean {
		p.r.Body = nil
	}
	return nil
}

// yaml parses front matter with the YAML parser and returns its mapping,
// or the errors that keep it from being read.
func (p *parse) yaml(block []byte) (*ast.MappingNode, []error) {
	p.block = block
	tokens := lexer.Tokenize(string(block))
	if err := p.checkNesting(tokens); err != nil {
		return nil, []error{err}
	}
	file, err := parser.Parse(tokens, 0)
	if err != nil {
		if errs := p.slipErrors(block); len(errs) > 0 {
			return nil, errs
		}
		return nil, []error{p.yamlError(err, block)}
	}
	var body ast.Node
	if len(file.Docs) > 0 {
		body = file.Docs[0].Body
	}
	if len(file.Docs) > 1 {
		return nil, []error{p.fatal(documentMarker(block), "", "front matter holds more than one YAML document (前置信息中只能有一组键值，请删除多余的 --- 或 ... 行)")}
	}
	if body == nil {
		return nil, []error{p.fatal(Pos{1, 1}, "", "empty front matter: county, department, year and type are required (前置信息是空的：county、department、year、type 必须填写)")}
	}
	m, ok := body.(*ast.MappingNode)
	if !ok {
		if mv, ok2 := body.(*ast.MappingValueNode); ok2 {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			// Such as lines that all have a slip in their colon, which
			// the YAML parser reads as one text.
			if errs := p.slipErrors(block); len(errs) > 0 {
				return nil, errs
			}
			return nil, []error{p.fatal(nodePos(body), "", "front matter must be a mapping of keys to values (前置信息每行应写成“键: 值”)")}
		}
	}
	// The YAML parser skips a tab before the first key (and says that
	// the key is in column 1), which is no more indentation there than
	// elsewhere.
	if len(m.Values) == 0 {
		return m, nil
	}
	if l := p.line(nodePos(m.Values[0].Key).Line); l != "" && (l[0] == '\t' || l[0] == ' ') {
		if errs := p.slipErrors(block); len(errs) > 0 {
			return nil, errs
		}
	}
	return m, nil
}

// slipErrors returns the errors of front matter (block) that the YAML
// parser refused, when slips finds slips in it: the slips, and the errors
// of the rest of the front matter, which the walker finds in it read again
// with each line that has a slip mended (see slips), on the other lines;
// so that one slip does not hide the file's other errors. The errors are
// sorted by position. When the mended front matter cannot be read either,
// they are the slips alone.
func (p *parse) slipErrors(block []byte) []error {
	errs, repaired := p.slips(block)
	if len(errs) == 0 || repaired == nil || p.mended {
		return errs
	}
	q := &parse{name: p.name, r: &Report{File: p.name}, lean: true, mended: true}
	m, qerrs := q.yaml(repaired)
	if qerrs != nil {
		return errs
	}
	q.top(m)
	q.r.Keys = q.keys.encode()
	q.finish()
	slipLines := make(map[int]bool, len(errs))
	for _, e := range errs {
		slipLines[e.(*Error).Line] = true
	}
	for _, e := range q.errs {
		if !slipLines[e.(*Error).Line] {
			errs = append(errs, e)
		}
	}
	slices.SortStableFunc(errs, func(a, b error) int {
		pa, pb := a.(*Error), b.(*Error)
		return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col))
	})
	return errs
}

// detach copies the report's text into memory of its own, so that the
// report does not keep the front matter that fastFrontMatter read alive:
// the title and source into one string, and the review notes and evidence
// into another, so that a caller that drops them (a lean load) frees
// their memory. Names and dates are the table's already (see intern), and
// key names are constants (a report has no unknown keys).
func (r *Report) detach() {
	if r.Title != "" || r.Source != "" {
		// Not r.Title + r.Source, which is the other string itself
		// when one is empty.
		var b strings.Builder
		b.Grow(len(r.Title) + len(r.Source))
		b.WriteString(r.Title)
		b.WriteString(r.Source)
		all := b.String()
		r.Title, r.Source = all[:len(r.Title)], all[len(r.Title):]
	}
	for i := range r.Discrepancies {
		r.Discrepancies[i].Text = strings.Clone(r.Discrepancies[i].Text)
	}
	if len(r.Review) == 0 && len(r.Evidence) == 0 {
		return
	}
	n := 0
	for _, s := range r.Review {
		n += len(s)
	}
	for _, s := range r.Evidence {
		n += len(s)
	}
	// Evidence is copied in the order of EvidenceKeys, which holds every
	// key it may have.
	var b strings.Builder
	b.Grow(n)
	for _, s := range r.Review {
		b.WriteString(s)
	}
	if len(r.Evidence) > 0 {
		for _, k := range EvidenceKeys {
			b.WriteString(r.Evidence[k])
		}
	}
	all, i := b.String(), 0
	next := func(s string) string {
		i += len(s)
		return all[i-len(s) : i]
	}
	for j, s := range r.Review {
		r.Review[j] = next(s)
	}
	if len(r.Evidence) > 0 {
		for _, k := range EvidenceKeys {
			if s, ok := r.Evidence[k]; ok {
				r.Evidence[k] = next(s)
			}
		}
	}
}

// checkBody refuses a body that would take the Markdown renderer too long:
// larger than MaxBody, with block quotes and lists nested deeper than
// MaxBodyNesting, or with a paragraph of more than MaxMarks emphasis marks
// or link brackets.
func (p *parse) checkBody() { p.checkBodyLines(false) }

// checkBodyLines is checkBody. every says to look at the marks and the
// nesting of every line, as checkBody first did, rather than only at the
// lines that can matter; a test compares the two.
func (p *parse) checkBodyLines(every bool) {
	body := p.r.Body
	if len(body) > MaxBody {
		p.errAt(Pos{p.r.BodyLine, 1}, "body", "is %d KB; at most %d KB are accepted (正文过长)", len(body)>>10, MaxBody>>10)
		return
	}
	// A paragraph has no more marks than the body has bytes '[', '*' and
	// '_': when the body has few, only the nesting of lines is looked
	// at, in lines that begin as a quote or list, or indented, can.
	countMarks := every || bytes.Count(body, []byte("["))+bytes.Count(body, []byte("*"))+bytes.Count(body, []byte("_")) > MaxMarks
	marks, start := 0, 0 // in the current paragraph, and the line it began on
	var fence []byte     // the fence of the code block the line is in
	// The renderer reads the marks of each paragraph, heading, list
	// item's text and table cell apart: a line that begins one (see
	// inlineStart) counts anew. header is the previous line of the
	// paragraph, which a delimiter row would make a table's header;
	// table is set once it has (every line after is a row), and tried
	// once a delimiter row was found, table or not (the renderer tries
	// the first only). after is set after a heading: the next line
	// begins a paragraph.
	var header []byte
	table, tried, after := false, false, false
	n := p.r.BodyLine - 1
	for rest, more := body, true; more; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			more = false
		}
		n++
		// Fenced code is text to the renderer, read in linear time. Only
		// fences that cannot belong to a list or quote (which could end
		// them early) are skipped.
		if inFence(&fence, line) {
			continue
		}
		if f := fenceOf(line); f != nil {
			fence, marks, start = f, 0, 0
			header, table, tried, after = nil, false, false, false
			continue
		}
		if !countMarks && (len(line) == 0 || !containerByte[line[0]]) {
			continue
		}
		if blank(line) {
			marks, start = 0, 0
			header, table, tried, after = nil, false, false, false
			continue
		}
		if countMarks {
			if table && !pipeRow(line) {
				// A row that does not begin with | may be another block
				// that ends the table (a quote or list item whose
				// paragraph takes the lines after it, a rule), even
				// indented as a list item's text may be: the lines
				// after it count together.
				table, tried, header = false, false, nil
				marks, start = 0, 0
			}
			switch heading := atxHeading(line); {
			case table:
				// A row, its cells read apart.
				marks, start = 0, 0
			case heading, inlineStart(line), after:
				// A heading, read alone; a list item's text; the line
				// after a heading, which begins a paragraph.
				marks, start = 0, 0
				tried, after = false, heading
				header = line
				if heading {
					header = nil
				}
			case !tried && header != nil && tableDelimiter(line) > 0:
				tried = true
				// The renderer makes a table of a header of no more
				// cells than the delimiter row has (it pads it); the
				// header's line here may hold a list's or quote's
				// marker before it, which only adds cells.
				if tableCells(header) <= tableDelimiter(line) {
					table, marks, start = true, 0, 0
				}
				header = line
			default:
				header = line
			}
		}
		if start == 0 {
			start = n
		}
		// A line that begins with another byte is not nested (its depth
		// is 0): most lines are text.
		if every || containerByte[line[0]] {
			if depth, col := containerDepth(line); depth > MaxBodyNesting {
				p.errAt(Pos{n, col}, "body", "block quotes and lists are nested more than %d levels deep (正文中的引用和列表嵌套过深)", MaxBodyNesting)
				return
			}
		}
		if !countMarks {
			continue
		}
		for j := 0; j < len(line); j++ {
			// Eight bytes at a time while none can be a mark.
			for j+8 <= len(line) && !hasMark(binary.LittleEndian.Uint64(line[j:])) {
				j += 8
			}
			if j == len(line) {
				break
			}
			if !markBytes[line[j]] {
				continue
			}
			switch c := line[j]; {
			case c == '\\':
				j++ // an escaped character is text
			case c == '[', (c == '*' || c == '_') && (j == 0 || line[j-1] != c):
				marks++
			}
		}
		if marks > MaxMarks {
			p.errAt(Pos{start, 1}, "body", "the paragraph has more than %d emphasis marks (* or _) and link brackets ([); split it with blank lines (这一段的 * _ [ 符号过多，请用空行分段)", MaxMarks)
			return
		}
	}
}

// inlineStart reports whether line begins, in any paragraph, a list item
// whose text the renderer reads apart from the lines before: a bullet
// (-, + or *) or the item 1. or 1) (an item of another number begins a
// list only after a blank line, or else is more of the paragraph),
// followed by text, after at most three spaces.
func inlineStart(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	rest := line[i:]
	switch {
	case len(rest) >= 2 && (rest[0] == '-' || rest[0] == '+' || rest[0] == '*'):
		rest = rest[1:]
	case len(rest) >= 3 && rest[0] == '1' && (rest[1] == '.' || rest[1] == ')'):
		rest = rest[2:]
	default:
		return false
	}
	return (rest[0] == ' ' || rest[0] == '\t') && !blank(rest)
}

// pipeRow reports whether line, after any white space, begins with |:
// a row of the table it follows, and nothing else, whatever container
// it is in.
func pipeRow(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' {
			return c == '|'
		}
	}
	return false
}

// atxHeading reports whether line is a heading of # marks, which ends a
// paragraph and is read on its own.
func atxHeading(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	n := 0
	for i < len(line) && line[i] == '#' {
		i++
		n++
	}
	return n >= 1 && n <= 6 && (i == len(line) || line[i] == ' ' || line[i] == '\t')
}

// tableDelimiter returns the number of cells of line when it is the
// delimiter row of a table (|---|:--:|), as delimiterRow reads one,
// indented at most three columns, as the renderer's table extension
// reads it; and 0 when it is not. (delimiterRow takes a little less than
// the extension does, white space other than spaces and tabs: a row it
// does not take makes no table here, and its lines count together.)
func tableDelimiter(line []byte) int {
	width := 0
	for _, c := range line {
		if c == ' ' {
			width++
		} else if c == '\t' {
			width += 4 - width%4
		} else {
			break
		}
	}
	if width > 3 {
		return 0
	}
	return delimiterRow(line)
}

// tableCells returns the number of cells the renderer's table extension
// reads in line as a table's header: split at each | not escaped by a
// backslash, after one at either end.
func tableCells(line []byte) int {
	// Trimmed of spaces and tabs only: a | after other white space is
	// then a cell more than the extension finds, which makes no table.
	line = bytes.Trim(line, " \t")
	if len(line) > 0 && line[0] == '|' {
		line = line[1:]
	}
	if len(line) > 0 && line[len(line)-1] == '|' {
		line = line[:len(line)-1]
	}
	cells := 0
	for pos := 0; pos < len(line); cells++ {
		end := pos
		for end < len(line) && (line[end] != '|' || end > 0 && line[end-1] == '\\') {
			end++
		}
		pos = end + 1
	}
	return cells
}

// hasMark reports whether any of the eight bytes of x may be one of
// markBytes: it is true if one is, and also for the other bytes from 'X'
// to '_' (0x58 to 0x5f, which hold '[', '\\' and '_').
func hasMark(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	zero := func(y uint64) uint64 { return (y - ones) &^ y & highs }
	return zero(x&(0xf8*ones)^(0x58*ones))|zero(x^('*'*ones)) != 0
}

// markBytes are the bytes that checkBody counts marks at.
var markBytes = [256]bool{'\\': true, '[': true, '*': true, '_': true}

// blank reports whether line is empty but for white space, as
// len(bytes.TrimSpace(line)) == 0 does.
func blank(line []byte) bool {
	for i := 0; i < len(line); {
		c := line[i]
		if c < utf8.RuneSelf {
			if c != ' ' && (c < '\t' || c > '\r') {
				return false
			}
			i++
			continue
		}
		if c != 0xc2 && (c < 0xe1 || c > 0xe3) {
			// Every white space character outside ASCII begins with
			// one of these bytes in UTF-8 (U+0085, U+00A0, U+1680,
			// U+2000 to U+205F and U+3000); Chinese text does not.
			return false
		}
		r, size := utf8.DecodeRune(line[i:])
		if !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// fenceOf returns the fence (``` or ~~~, or longer) that line opens as a
// code block at the top level of the body, or nil.
func fenceOf(line []byte) []byte {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' || line[1] != line[0] || line[2] != line[0] {
		return nil
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if line[0] == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return nil // not a fence: inline code
	}
	return line[:n]
}

// containerByte says which bytes containerDepth reads as part of the
// nesting at the start of a line: with any other first byte, a line is
// not nested.
var containerByte = [256]bool{' ': true, '\t': true, '>': true, '-': true, '*': true, '+': true,
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true}

// containerDepth returns how deeply the line is nested in block quotes and
// lists: the number of > and list markers before its text, plus its
// indentation in steps of two columns; and the column where the text
// begins.
func containerDepth(line []byte) (depth, col int) {
	width, i := 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			width++
			i++
		case c == '\t':
			width += 4
			i++
		case c == '>':
			depth++
			i++
			if i < len(line) && line[i] == ' ' {
				i++ // part of the marker
			}
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			depth++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				i = j + 2
				continue
			}
			return depth + width/2, i + 1
		default:
			return depth + width/2, i + 1
		}
	}
	return depth + width/2, i + 1
}

// checkNesting refuses front matter nested deeper than MaxNesting before
// the YAML parser, which recurses and slows down badly on deep nesting,
// sees it. It looks at the tokens, so brackets and dashes inside quoted
// text do not count: flow collections ([ and {) are counted across lines,
// and block collections by the column of their keys and entries (compact
// "- - - x" nests without indenting).
func (p *parse) checkNesting(tokens token.Tokens) error {
	depth := 0
	for _, tk := range tokens {
		if tk.Position == nil {
			continue
		}
		pos := Pos{tk.Position.Line, tk.Position.Column}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			depth++
			if depth > MaxNesting {
				return p.fatal(pos, "", "front matter is nested more than %d levels deep (前置信息嵌套过深)", MaxNesting)
			}
		case token.SequenceEndType, token.MappingEndType:
			if depth > 0 {
				depth--
			}
		case token.SequenceEntryType, token.MappingKeyType:
			if depth == 0 && pos.Col > 2*MaxNesting+1 {
				return p.fatal(pos, "", "front matter is nested more than %d levels deep (前置信息嵌套过深)", MaxNesting)
			}
		case token.MappingValueType:
			// A key's column is its indentation only when it begins
			// its line: "spending：{total: 1, basic: 2, project: 3}",
			// its colon full-width, has keys far to the right, which
			// nest nothing.
			if k := tk.Prev; depth == 0 && k != nil && k.Position != nil && k.Position.Column > 2*MaxNesting+1 &&
				(k.Prev == nil || k.Prev.Position == nil || k.Prev.Position.Line < k.Position.Line) {
				return p.fatal(Pos{k.Position.Line, k.Position.Column}, "", "front matter is indented more than %d levels deep (前置信息缩进层级过深)", MaxNesting)
			}
		case token.DoubleQuoteType:
			if err := p.checkEscapes(tk, pos); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkEscapes refuses a numeric escape (\x, \u or \U) without its hex
// digits in the double-quoted text tk, which begins at pos: the YAML
// parser reads the characters after it as digits whatever they are, a
// closing quote among them, and makes U+FFFD of them.
func (p *parse) checkEscapes(tk *token.Token, pos Pos) error {
	// The text from the opening quote on, in the front matter.
	b := p.block
	for n := pos.Line; n > 1; n-- {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
	for col := 1; col < pos.Col && len(b) > 0; col++ {
		_, size := utf8.DecodeRune(b)
		b = b[size:]
	}
	if len(b) == 0 || b[0] != '"' {
		return nil
	}
	line := pos.Line
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '"':
			return nil
		case '\n':
			line++
		case '\\':
			if i+1 >= len(b) {
				return nil
			}
			digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[b[i+1]]
			for j := range digits {
				if i+2+j < len(b) && isHex(b[i+2+j]) {
					continue
				}
				at := Pos{line, utf8.RuneCount(b[lineStart(b, i):i]) + 1}
				if line == pos.Line {
					at.Col = pos.Col + utf8.RuneCount(b[:i])
				}
				key := ""
				if v := tk.Prev; v != nil && v.Type == token.MappingValueType && v.Prev != nil {
					key = v.Prev.Value
				}
				return p.fatal(at, key, `the escape \%c in quoted text must be followed by %d hexadecimal digits; to write a backslash, write \\ or put the value in single quotes (引号内的 \%[1]c 后面必须跟 %[2]d 位十六进制数字；要写反斜杠本身，请写成 \\ 或改用单引号)`, b[i+1], digits)
			}
			i++
		}
	}
	return nil
}

// lineStart returns the index in b of the start of the line that holds
// b[i].
func lineStart(b []byte, i int) int {
	return bytes.LastIndexByte(b[:i], '\n') + 1
}

// checkText refuses a file that is not UTF-8, saying what it looks like
// instead, and one with characters that no report has and that HTML and
// XML do not allow: control characters other than tab and line ends, and
// Unicode noncharacters. A document renamed to .md is said to be one, at
// 1:1 (see renamedDocument).
func (p *parse) checkText(data []byte) error {
	if msg := renamedDocument(data); msg != "" {
		return p.fatal(Pos{1, 1}, "", "%s", msg)
	}
	if cleanText(data) {
		return nil
	}
	if unmarkedUTF16(data) {
		// Its first NUL is no place to point at: the whole file is in
		// another encoding.
		return p.fatal(Pos{1, 1}, "", "%s", msgUTF16)
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			msg, whole := notUTF8(data)
			if whole {
				// The whole file is in another encoding: its first
				// character that is not ASCII is no place to point at.
				line, col = 1, 1
			}
			return p.fatal(Pos{line, col}, "", "%s", msg)
		case r == '\n':
			line, col = line+1, 1
			i += size
			continue
		case r == '\r':
			// Counted as a line end by the caller; CRLF is one.
			if i+1 < len(data) && data[i+1] == '\n' {
				col++
			} else {
				line, col = line+1, 1
				i += size
				continue
			}
		case forbiddenRune(r):
			return p.fatal(Pos{line, col}, "", "the control character or noncharacter %U is not allowed in a report file (文件中有不允许的控制字符，请删除)", r)
		}
		col++
		i += size
	}
	return nil
}

// cleanText reports whether data is UTF-8 without forbidden runes, as
// nearly every file is: checkText then need not count lines and columns.
func cleanText(data []byte) bool {
	for i := 0; i < len(data); {
		c := data[i]
		if c < utf8.RuneSelf {
			// Eight bytes at a time while they are ASCII from ' ' to '~',
			// and then past those of the next eight that are: most runs
			// of ASCII in a report (figures, line ends) are short.
			for i+8 <= len(data) {
				x := binary.LittleEndian.Uint64(data[i:])
				// The high bit of each byte that is not ASCII, is below
				// ' ' or is DEL. Those of the bytes above the first such
				// byte may be wrong (a borrow carries into them), but
				// not that of the first, nor those below it.
				y := x ^ 0x7f7f7f7f7f7f7f7f
				odd := (x | (x-0x2020202020202020)&^x | (y-0x0101010101010101)&^y) & 0x8080808080808080
				if odd != 0 {
					i += bits.TrailingZeros64(odd) >> 3
					break
				}
				i += 8
			}
			if i == len(data) {
				break
			}
			if c = data[i]; c >= utf8.RuneSelf {
				continue
			}
			if forbiddenASCII[c] {
				return false
			}
			i++
			continue
		}
		// Most of the text of a report is Chinese, and its punctuation:
		// three bytes each. Two characters at a time, while both are
		// allowed three-byte characters.
		for i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			if x&0x0000c0c0f0c0c0f0 != 0x00008080e08080e0 || clean3[x&0x0f<<6|x>>8&0x3f]&clean3[x>>24&0x0f<<6|x>>32&0x3f] == 0 {
				break
			}
			i += 6
		}
		if i+2 < len(data) && data[i]&0xf0 == 0xe0 && data[i+1]&0xc0 == 0x80 && data[i+2]&0xc0 == 0x80 &&
			clean3[int(data[i]&0x0f)<<6|int(data[i+1]&0x3f)] != 0 {
			i += 3
			continue
		}
		if i == len(data) {
			break
		}
		if data[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 || forbiddenRune(r) {
			return false
		}
		i += size
	}
	return true
}

// clean3 says, for a three-byte UTF-8 sequence whose bytes have the right
// high bits (1110xxxx 10xxxxxx 10xxxxxx), from the low four bits of its
// first byte and the low six of its second, whether it is valid UTF-8 and
// a character that forbiddenRune allows, whatever its third byte: 1 if
// so, 0 if not, so that cleanText can AND several without branches. The
// sequences that it leaves out but for some third bytes (EF B7 and EF BF,
// which hold noncharacters) are 0: cleanText decodes them.
var clean3 = func() (t [1 << 10]uint8) {
	for i := range t {
		b0, b1 := byte(0xe0|i>>6), byte(0x80|i&0x3f)
		t[i] = 1
		for b2 := byte(0x80); b2 <= 0xbf; b2++ {
			r, size := utf8.DecodeRune([]byte{b0, b1, b2})
			if r == utf8.RuneError && size <= 1 || forbiddenRune(r) {
				t[i] = 0
			}
		}
	}
	return t
}()

// forbiddenASCII says which ASCII characters forbiddenRune forbids.
var forbiddenASCII = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = forbiddenRune(rune(c))
	}
	return t
}()

// forbiddenRune reports whether r may not appear in a report: C0 and C1
// control characters other than tab and line ends, DEL, and noncharacters.
func forbiddenRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return true
	}
	return false
}

// documentMarker returns the place of the first line of front matter
// (block, whose first line is the opening ---) that ends a YAML document
// or begins another, --- or ...; the file's first line when none does.
func documentMarker(block []byte) Pos {
	for n, line := range bytes.Split(block, []byte("\n")) {
		if n == 0 {
			continue
		}
		if l := bytes.TrimRight(line, " \t"); string(l) == "---" || string(l) == "..." {
			return Pos{n + 1, 1}
		}
	}
	return Pos{1, 1}
}

// yamlError turns a YAML syntax error in front matter (block) into an
// *Error with its position.
func (p *parse) yamlError(err error, block []byte) error {
	var ye interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &ye) {
		pos := Pos{1, 1}
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			pos = Pos{tk.Position.Line, tk.Position.Column}
		}
		msg := ye.GetMessage()
		if m := dupKeyRE.FindStringSubmatch(msg); m != nil {
			return p.fatal(pos, flowKey(block, pos, m[1]), msgDuplicate, m[2])
		}
		return p.fatal(pos, "", "invalid YAML: %s (前置信息格式有误：请检查这一行和上一行的冒号、引号、括号和缩进)", msg)
	}
	return p.fatal(Pos{1, 1}, "", "invalid YAML: %v (前置信息格式有误)", err)
}

// flowKey returns the dotted name of key, which is at pos in front matter
// (block): when pos is inside a flow mapping that is the value of a
// top-level key on its line, as total in spending: {total: 1, total: 2},
// that key's name and key; otherwise key. (Slips finds keys given twice
// in block mappings, with their dotted names.)
func flowKey(block []byte, pos Pos, key string) string {
	lines := bytes.Split(block, []byte("\n"))
	if pos.Line < 1 || pos.Line > len(lines) {
		return key
	}
	l := string(lines[pos.Line-1])
	k := keyLen(l)
	if k == 0 || utf8.RuneCountInString(l[:k]) >= pos.Col {
		return key
	}
	if v := strings.TrimLeft(l[k:], " "); strings.HasPrefix(v, ":") && strings.HasPrefix(strings.TrimLeft(v[1:], " "), "{") {
		return dotted(l[:k], key)
	}
	return key
}

func nodePos(n ast.Node) Pos {
	if n == nil {
		return Pos{1, 1}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return Pos{1, 1}
	}
	return Pos{tk.Position.Line, tk.Position.Column}
}

// keyOf returns a mapping key's text, refusing anything but a plain scalar.
func (p *parse) keyOf(mv *ast.MappingValueNode, prefix string) (string, bool) {
	k, ok := mv.Key.(*ast.StringNode)
	if !ok {
		hint := " (键名只能是英文单词，如 score)"
		if _, null := mv.Value.(*ast.NullNode); null && isNumberNode(mv.Key) {
			// {total: 1,530.53} is {total: 1, 530.53: null}.
			hint = "; in { } a comma separates pairs and cuts a number with a thousands separator in two: remove the separator (数字中不要用千位分隔符)"
		}
		p.errAt(nodePos(mv.Key), prefix, "keys must be plain words, got %s%s", describe(mv.Key), hint)
		return "", false
	}
	return k.Value, true
}

// isNumberNode reports whether n is a number.
func isNumberNode(n ast.Node) bool {
	switch n.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		return true
	}
	return false
}

// simple unwraps a value node, refusing anchors, aliases and tags, which no
// report needs and which make alias bombs possible.
func (p *parse) simple(key string, n ast.Node) (ast.Node, bool) {
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode:
		p.errAt(nodePos(n), key, "YAML anchors and aliases are not allowed (不能使用 & 和 * 引用其他值，请直接写出值)")
		return nil, false
	case *ast.TagNode:
		p.errAt(nodePos(n), key, "YAML tags are not allowed (不能使用以 ! 开头的标签，请直接写出值)")
		return nil, false
	case *ast.MergeKeyNode:
		p.errAt(nodePos(n), key, "YAML merge keys are not allowed (不能使用 <<，请直接写出各项)")
		return nil, false
	}
	return n, true
}

func describe(n ast.Node) string {
	switch v := n.(type) {
	case nil:
		return "nothing"
	case *ast.NullNode:
		return "null"
	case *ast.StringNode:
		return fmt.Sprintf("text %q", v.Value)
	case *ast.LiteralNode:
		return "a block of text"
	case *ast.IntegerNode, *ast.FloatNode:
		return fmt.Sprintf("the number %s", v.GetToken().Value)
	case *ast.BoolNode:
		return fmt.Sprintf("the boolean %s", v.GetToken().Value)
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.InfinityNode:
		return v.GetToken().Value + ", which YAML reads as an infinity"
	case *ast.NanNode:
		return v.GetToken().Value + ", which YAML reads as not a number"
	}
	switch n.Type() {
	case ast.MergeKeyType:
		return "a merge key <<"
	case ast.MappingKeyType:
		return "a complex key ?"
	}
	return withArticle(strings.ToLower(n.Type().String()))
}

// withArticle returns noun after "a", or "an" when it begins with a
// vowel: a tag, an anchor, an alias.
func withArticle(noun string) string {
	if noun != "" && strings.IndexByte("aeiou", noun[0]) >= 0 {
		return "an " + noun
	}
	return "a " + noun
}

var topKeys = []string{
	"county", "adcode", "prefecture", "province", "department", "year", "type", "project", "title",
	"published", "source", "unit", "slug", "spending", "income", "sangong", "score", "grade",
	"staff", "evidence", "draft", "review", "discrepancies", "derived",
}

func (p *parse) top(m *ast.MappingNode) {
	r := p.r
	prev := "" // the key before
	var prevValue ast.Node
	// group is the last top-level key whose value is a block mapping or
	// none, and takes keys (spending:), if no other top-level key came
	// after it: a key of it written at the beginning of the line after
	// it is said not indented, not unknown.
	group, groupValue := "", ast.Node(nil)
	for _, mv := range m.Values {
		key, ok := p.keyOf(mv, "")
		if !ok {
			continue
		}
		before, beforeValue := prev, prevValue
		kpos := nodePos(mv.Key)
		if group != "" && knownIn(group, key) && (!knownIn("", key) || key == "project" && amountNode(mv.Value)) {
			// A key of group not indented. It leaves group open for the
			// next key, and is not recorded: evidence's keys are dotted
			// names of figures, which would read as given twice.
			want, siblings := keysIndent(asMapping(groupValue)), true
			if want < 0 {
				want, siblings = 2, false
			}
			p.errAt(kpos, dotted(group, key), "%s", notIndented(kpos.Line, key, group, want, siblings))
			prev, prevValue = group, groupValue
			continue
		}
		switch {
		case formatMapping(key):
			group, groupValue = "", nil
			if takesKeys("", key, mv.Value) {
				group, groupValue = key, mv.Value
			}
		default:
			if group != "" && knownIn("", key) {
				group, groupValue = "", nil
			}
		}
		// A key indented by a full-width space that belongs to the
		// mapping before it leaves that mapping open for the next.
		if !strings.HasPrefix(key, fullWidthSpace) || !takesKeys("", before, beforeValue) && !isFlowMapping(beforeValue) {
			prev, prevValue = key, mv.Value
		}
		id := keyID(key)
		if first, dup := p.keys.get(key, id); dup {
			p.errAt(kpos, key, msgDuplicate, strconv.Itoa(first.Line))
			continue
		}
		p.keys.set(key, id, kpos)
		v, ok := p.simple(key, mv.Value)
		if !ok || p.strayValue("", mv) {
			continue
		}
		switch key {
		case "county":
			r.County = names.intern(p.placeName(key, v))
		case "adcode":
			r.Adcode = names.intern(p.code(key, v))
		case "prefecture":
			r.Prefecture = names.intern(p.placeName(key, v))
		case "province":
			r.Province = names.intern(p.placeName(key, v))
		case "department":
			r.Department = names.intern(p.placeName(key, v))
		case "year":
			r.Year = p.year(key, v)
		case "type":
			r.Type = p.oneOf(key, v, []string{TypeWhole, TypeProject})
		case "project":
			if amountNode(v) && !quotedNumber(v) {
				// An amount where the project's name goes: spending's
				// project written as a top-level key, or the amount
				// written for the name (see finish).
				p.projectAmount = cmp.Or(v.GetToken().Value, "?")
				break
			}
			r.Project = names.intern(p.placeName(key, v))
		case "title":
			r.Title = p.text(key, v)
		case "published":
			r.Published = names.intern(p.date(key, v))
		case "source":
			r.Source = p.link(key, v)
		case "unit":
			r.Unit = p.oneOf(key, v, []string{"万元", "千元", "元"})
		case "slug":
			r.Slug = names.intern(p.slug(key, v))
		case "spending":
			p.group(&spendingGroup, v)
		case "income":
			p.amount(key, v, &r.Income)
		case "sangong":
			p.group(&sangongGroup, v)
		case "score":
			p.score(key, v)
		case "grade":
			if undisclosed(v) {
				break
			}
			if g := p.oneOf(key, v, Grades); g != "" {
				r.Grade = Field[string]{State: Disclosed, V: g, Pos: nodePos(v)}
			}
		case "staff":
			p.group(&staffGroup, v)
		case "evidence":
			p.evidence(key, v)
		case "draft":
			r.Draft = p.boolean(key, v)
		case "review":
			review := p.list(key, v)
			if r.ReviewNotes = len(review); !p.lean {
				r.Review = review
			}
		case "discrepancies":
			r.Discrepancies = p.notes(key, v)
		case "derived":
			p.derivedList(key, v)
		default:
			if p.keySlip(kpos, "", before, beforeValue, key, 0) || p.invisibleKey(mv.Key, "", key) {
				break
			}
			if groups := groupsOf(key); groups != "" {
				p.errAt(kpos, key, "%s", notTopLevel(key, groups))
			} else {
				p.errAt(kpos, key, "unknown key; %sthe known keys are %s (没有这个键：%s可用的键见前面所列)", meantEN(key, "", topKeys), strings.Join(topKeys, ", "), meantZH(key, "", topKeys))
			}
		}
	}
}

// groupsOf returns the top-level keys whose mapping has the key key
// ("spending", or "spending or sangong" for total), "" when none has it.
func groupsOf(key string) string {
	var groups []string
	for _, g := range [...]string{"spending", "sangong", "staff"} {
		if knownIn(g, key) {
			groups = append(groups, g)
		}
	}
	return strings.Join(groups, " or ")
}

// notTopLevel is the error of a top-level key that is a key of groups'
// mapping (see groupsOf), written where no key of the mapping is expected
// (after another top-level key, or after the mapping's braces).
func notTopLevel(key, groups string) string {
	zh := strings.ReplaceAll(groups, " or ", " 或 ")
	return fmt.Sprintf("not a top-level key: %s is a key of %s; move it into %s, inside its braces ({…}) or indented under it as its other keys (%s 是 %s 下的键，不是顶层的键：请把它移到 %s 里，写在其花括号内，或在其下缩进书写)",
		key, groups, groups, key, zh, zh)
}

// projectAmountSaid is the error of an amount, text, given as the
// top-level project:, which is the name of the project or special fund a
// 项目支出 report evaluates (项目名称), not an amount. When spending gives
// its project spending too (given), the amount is no misplaced
// spending.project: the name is what is wrong. Otherwise it is likely
// spending's project written as a top-level key, and moving it is the
// fix; or, for a 项目支出 report (project) and a number of digits alone,
// a project named by that number, which quotes make a name (see
// quotedNumber).
func projectAmountSaid(text string, given, project bool) string {
	const what = "this key is the name of the project or special fund a 项目支出 report evaluates (项目名称), not an amount, and %s is an amount"
	if given {
		return fmt.Sprintf(what+"; spending.project gives the project spending already: write the project's name here as the report gives it, or delete this line (project 填项目或专项资金的名称，不填金额；项目支出金额已填在 spending.project：请在这里填写报告中的项目名称，或删除这一行)", text)
	}
	msg := fmt.Sprintf(what+"; if it is the project spending, it belongs in spending: move it into spending, inside its braces ({…}) or indented under it as its other keys", text)
	zh := "project 填项目或专项资金的名称，不填金额：如果这是项目支出金额，请把它移到 spending 里，写在其花括号内，或在其下缩进书写"
	if project && strings.Trim(text, "0123456789") == "" {
		msg += fmt.Sprintf(`; if the project is named by this number, quote it: project: "%s"`, text)
		zh += fmt.Sprintf(`；如果项目名称就是这个数字，请加引号：project: "%s"`, text)
	}
	return msg + " (" + zh + ")"
}

// quotedNumber reports whether v is a number in quotes ("1312"), which as
// the top-level project: is a project named by a number: a name is text,
// and quotes make it so.
func quotedNumber(v ast.Node) bool {
	n, ok := v.(*ast.StringNode)
	if !ok || n.Value == "" {
		return false
	}
	switch n.Token.Type {
	case token.DoubleQuoteType, token.SingleQuoteType:
		return strings.Trim(n.Value, "0123456789") == ""
	}
	return false
}

// notInGroup is the error of sub, a top-level key that is no key of the
// mapping of key, written in it: indented under key by n spaces (its
// column less one), or inside its braces when flow. It is the mirror of
// notTopLevel: the key belongs at the top level, not in the mapping.
func notInGroup(sub, key string, flow bool, n int) string {
	if flow {
		return fmt.Sprintf("%s is a top-level key, not a key of %s: move it out of the braces ({…}) of %[2]s, to a line of its own (%[1]s 是顶层的键，不是 %[2]s 下的键：请把它移出花括号，单独一行顶格书写)", sub, key)
	}
	return fmt.Sprintf("%s is a top-level key, not a key of %s: delete the %s before it (%[1]s 是顶层的键，不是 %[2]s 下的键：请删除前面的 %[4]d 个空格，顶格书写)", sub, key, spaces(n), n)
}

// finish converts amounts once the unit is known and checks required keys.
func (p *parse) finish() {
	r := p.r
	if r.Unit == "" {
		r.Unit = "万元"
	}
	scale := unitScale[r.Unit]
	for _, u := range p.unitSlips {
		if fix := amountUnitFix(u.text, r.Unit); fix != "" {
			p.errs[u.err].(*Error).Msg = msgExpectedAmount + u.got + "; " + fix
		}
	}
	for i := range p.nAmounts + len(p.more) {
		var a pendingAmount
		if i < p.nAmounts {
			a = p.amounts[i]
		} else {
			a = p.more[i-p.nAmounts]
		}
		v, err := parseDecimal(a.text, scale)
		if rest, plus := strings.CutPrefix(a.text, "+"); err != nil && plus && plainNumber(rest) {
			p.errAt(a.dst.Pos, a.key, "%s", plusRefused("expected a plain decimal amount such as 1530.53, got "+a.text, rest, "金额"))
			continue
		}
		if err != nil {
			p.errAt(a.dst.Pos, a.key, "%v", err) // with its hint
			continue
		}
		a.dst.V = Amount(v)
		a.dst.State = Disclosed
		if v < 0 && a.key != signedKey {
			p.errAt(a.dst.Pos, a.key, "amount is negative (%s); only sangong.change may be (金额不能为负数，只有 sangong.change（三公经费较上年增减）可以为负)", a.text)
		}
	}
	if !r.Draft {
		for _, err := range r.missing() {
			if !p.hasError(err.(*Error).Key) {
				p.errs = append(p.errs, err)
			}
		}
	}
	for k, pos := range p.derived {
		if pos == (Pos{}) {
			continue
		}
		name := derivableArray[k]
		if r.FigureState(name) != Disclosed {
			p.errAt(pos, "derived", "%s has no value above: list here only figures that the file gives, which you computed from the report's other figures (%s 上面没有填写数值：这里只列出上面填写了数值、由报告中其他数字推算得出的数字)", name, name)
			continue
		}
		r.Derived = append(r.Derived, name)
	}
	if p.projectAmount != "" {
		pos, _ := p.keys.get("project", keyID("project"))
		p.errAt(pos, "project", "%s", projectAmountSaid(p.projectAmount, r.Spending.Project.State != NotDisclosed, r.Type == TypeProject))
	}
	if r.Project != "" && r.Type == TypeWhole {
		pos, _ := p.keys.get("project", keyID("project"))
		p.errAt(pos, "project", "project: names the project or special fund of a 项目支出 report, and this report's type is %s: delete this line, or, if the report evaluates one project or fund, write type: %s (project（项目名称）只用于项目支出报告：整体支出报告请删除这一行；如果报告评价的是一个项目或一笔专项资金，请把 type 改为 %[3]s)", TypeWhole, TypeProject, TypeProject)
	}
	if r.Title == "" && r.County != "" {
		// As fmt.Sprintf("%s%s%d年度%s绩效自评报告", …), with one allocation;
		// a project's name stands for the type: 交通运输局2023年度农村公路养护专项资金绩效自评报告.
		var buf [160]byte
		b := append(append(buf[:0], r.County...), r.Department...)
		b = strconv.AppendInt(b, int64(r.Year), 10)
		b = append(b, "年度"...)
		if r.Project != "" {
			b = append(b, r.Project...)
		} else {
			b = append(b, r.Type...)
		}
		b = append(b, "绩效自评报告"...)
		r.Title = string(b)
	}
}

// unitScale gives, for each unit, the power of ten that turns an amount
// in it into fen.
var unitScale = map[string]int{"万元": 6, "千元": 5, "元": 2}

// hasError reports whether an error was already recorded for the key.
func (p *parse) hasError(key string) bool {
	for _, err := range p.errs {
		if e, ok := err.(*Error); ok && e.Key == key {
			return true
		}
	}
	return false
}

// text reads a single line of text; null is the empty string. Whether a
// required key is empty is checked once the whole file is read, since a
// draft may leave it empty.
func (p *parse) text(key string, v ast.Node) string {
	switch n := v.(type) {
	case *ast.StringNode:
		s := trimSpace(n.Value)
		if strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0 {
			p.errAt(nodePos(v), key, "must be a single line (只能写一行)")
		} else if t := n.GetToken(); t != nil && t.Type == token.StringType && foldsAKey(t.Origin) {
			// A plain value that YAML folds from several lines, one of
			// which reads as a key: keys indented by mistake under a
			// text (spending: …) would be words of it, their figures
			// lost without a word.
			p.errAt(nodePos(v), key, "continues on the next lines, and a key among them (such as spending:) reads as part of its text: write the text on one line, and do not indent the keys after it (下面的行缩进了，其中的键会被当作这一项的文字：请不要缩进)")
		}
		p.checkLength(key, v, s, MaxText)
		return s
	case *ast.NullNode:
		return ""
	}
	p.errAt(nodePos(v), key, "expected text, got %s (这里应填文字)", describe(v))
	return ""
}

// foldedKey matches a line that reads as a key with its colon, such as
// "  spending:" or "  - total: 1530.53".
var foldedKey = regexp.MustCompile(`^[ \t]*(?:- )?[A-Za-z_][A-Za-z0-9_.]*:(?:[ \t]|$)`)

// foldsAKey reports whether origin, a plain value as written over
// several lines, has a line after its first that reads as a key.
func foldsAKey(origin string) bool {
	first := strings.IndexByte(origin, '\n')
	if first < 0 {
		return false // one line, as nearly always
	}
	for _, line := range strings.Split(origin[first+1:], "\n") {
		if foldedKey.MatchString(strings.TrimSuffix(line, "\r")) {
			return true
		}
	}
	return false
}

// trimSpace is strings.TrimSpace, which returns s itself when its first
// and last characters are not white space, as nearly always: that is
// looked at first, without the loops strings.TrimSpace runs on text
// that begins with a character outside ASCII.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return strings.TrimSpace(s)
	}
	return s
}

// placeName reads the name of a place or department: a single line of at most
// MaxName characters.
func (p *parse) placeName(key string, v ast.Node) string {
	s := p.text(key, v)
	if !p.checkLength(key, v, s, MaxName) {
		return ""
	}
	p.checkName(key, v, s)
	return s
}

// checkLength records an error if s has more than max characters, and
// checkChars's errors.
func (p *parse) checkLength(key string, v ast.Node, s string, max int) bool {
	p.checkChars(key, v, s)
	if len(s) <= max {
		return true // no more characters than bytes
	}
	if n := utf8.RuneCountInString(s); n > max {
		if !p.hasError(key) {
			p.errAt(nodePos(v), key, "is %d characters long; at most %d are accepted (过长：最多 %d 个字)", n, max, max)
		}
		return false
	}
	return true
}

// msgDuplicate is the error of a key given twice, with the line where it
// was first given; msgDuplicateHere is that of a key given twice in the
// mapping of a figure.
const (
	msgDuplicate     = "duplicate key, first given at line %s; remove one of them (这一项重复了：第 %[1]s 行已经写过，请删除其中一个)"
	msgDuplicateHere = "duplicate key (这一项重复了，请删除其中一个)"
	// msgDuplicateAt is that of a key given twice in a flow mapping, with
	// the line and column where it was first given.
	msgDuplicateAt = "duplicate key, first given at line %d, column %d; remove one of them (这一项重复了：第 %[1]d 行第 %[2]d 列已经写过，请删除其中一个)"
)

var dupKeyRE = regexp.MustCompile(`^mapping key "(.*)" already defined at \[(\d+):\d+\]`)

// isAdcode reports whether s is a division code: six digits, the first
// not 0 (as the regular expression ^[1-9][0-9]{5}$).
func isAdcode(s string) bool {
	return len(s) == 6 && s[0] != '0' && isDigits(s)
}

func (p *parse) code(key string, v ast.Node) string {
	var s string
	switch n := v.(type) {
	case *ast.StringNode:
		s = n.Value
	case *ast.IntegerNode:
		s = n.GetToken().Value
	case *ast.NullNode:
		return ""
	default:
		p.errAt(nodePos(v), key, "expected a 6-digit code in quotes, got %s (区划代码是6位数字，加引号，如 \"430725\")", describe(v))
		return ""
	}
	if !isAdcode(s) {
		if !p.invisibleValue(key, v) {
			p.errAt(nodePos(v), key, "expected a 6-digit division code such as \"430725\", got %q (区划代码是6位数字，如 \"430725\")", s)
		}
		return ""
	}
	return s
}

func (p *parse) oneOf(key string, v ast.Node, allowed []string) string {
	if _, ok := v.(*ast.NullNode); ok {
		return ""
	}
	s, ok := v.(*ast.StringNode)
	if !ok {
		p.errAt(nodePos(v), key, "expected one of %s, got %s (%s)", strings.Join(allowed, ", "), describe(v), onlyOneOf(allowed))
		return ""
	}
	for _, a := range allowed {
		if s.Value == a {
			return a
		}
	}
	if !p.invisibleValue(key, v) {
		en, zh := meantOneOf(key, s.Value, allowed)
		p.errAt(nodePos(v), key, "expected one of %s, got %q%s (%s%s)", strings.Join(allowed, ", "), s.Value, en, onlyOneOf(allowed), zh)
	}
	return ""
}

// meantOneOf returns what to say, in English and Chinese, of a value
// got that is none of allowed but says one of them: an amount unit larger
// than any allowed (亿元, 千万元), to be converted; or a value that holds
// one allowed, the longest (良好 for 良, 万元人民币 for 万元), or begins
// one (整体 for 整体支出, 万 for 万元), which is named. Else both are "".
func meantOneOf(key, got string, allowed []string) (en, zh string) {
	if key == "unit" {
		for _, big := range []struct{ unit, wan string }{{"亿", "10000"}, {"千万", "1000"}, {"百万", "100"}, {"十万", "10"}} {
			if strings.Contains(got, big.unit) {
				return "; convert the amounts to 万元 (1 " + big.unit + "元 = " + big.wan + " 万元) and write unit: 万元",
					"；请把金额换算成万元（1" + big.unit + "元 = " + big.wan + "万元）后填写，并写 unit: 万元"
			}
		}
	}
	meant := ""
	for _, a := range allowed {
		if (strings.Contains(got, a) || got != "" && strings.HasPrefix(a, got)) && len(a) > len(meant) {
			meant = a
		}
	}
	if meant == "" {
		return "", ""
	}
	return "; did you mean " + meant + "?", "：是不是要写 " + meant + "？"
}

// onlyOneOf says in Chinese that the value may only be one of allowed:
// 只能填 优、良、中 或 差.
func onlyOneOf(allowed []string) string {
	if len(allowed) == 1 {
		return "只能填 " + allowed[0]
	}
	return "只能填 " + strings.Join(allowed[:len(allowed)-1], "、") + " 或 " + allowed[len(allowed)-1]
}

// hinted returns msg followed by the Chinese hint zh in parentheses, as
// every error of a report file ends, unless msg ends with a Chinese hint
// already (a number's fix, see numberFix), which says more.
func hinted(msg, zh string) string {
	if i := strings.LastIndex(msg, " ("); i >= 0 && strings.HasSuffix(msg, ")") &&
		strings.ContainsFunc(msg[i:], func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return msg
	}
	return msg + " (" + zh + ")"
}

// firstMaxYear is the latest year accepted when the program started.
var firstMaxYear = time.Now().Year() + 1

func (p *parse) year(key string, v ast.Node) int {
	if _, ok := v.(*ast.NullNode); ok {
		return 0
	}
	v = number(v)
	if p.plus(key, v, "expected a year such as 2020, got ") {
		return 0
	}
	n, ok := v.(*ast.IntegerNode)
	if !ok {
		if p.invisibleValue(key, v) {
			return 0
		}
		got := describeNumber(v, false)
		if s, text := v.(*ast.StringNode); text {
			if fix := yearFix(s.Value); fix != "" {
				got += "; " + fix
			}
		}
		p.errAt(nodePos(v), key, "%s", hinted("expected a year such as 2020, got "+got, "年度请写四位数字，如 2020"))
		return 0
	}
	y, err := strconv.Atoi(n.GetToken().Value)
	if err == nil && y >= 2000 && y <= firstMaxYear {
		return y // the latest year accepted is no earlier than then
	}
	max := time.Now().Year() + 1
	if err != nil || y < 2000 || y > max {
		p.errAt(nodePos(v), key, "year %s is outside 2000..%d (年度应在 2000 到 %[2]d 之间，请检查是否少写或多写了数字)", n.GetToken().Value, max)
		return 0
	}
	return y
}

func (p *parse) date(key string, v ast.Node) string {
	if _, ok := v.(*ast.NullNode); ok {
		return ""
	}
	s := v.GetToken().Value
	if plainDate(s) {
		return s
	}
	if _, err := time.Parse("2006-01-02", s); err != nil {
		if p.invisibleValue(key, v) {
			return ""
		}
		if msg := noSuchDate(s); msg != "" {
			p.errAt(nodePos(v), key, "%s", msg)
			return ""
		}
		if fix := dateFix(s); fix != "" {
			p.errAt(nodePos(v), key, "expected a date YYYY-MM-DD, got %s; %s", describe(v), fix)
			return ""
		}
		if d := dateOfDateTime(s); d != "" {
			p.errAt(nodePos(v), key, "expected a date YYYY-MM-DD, got %s; write %s, without the time (日期只写年月日，不写时间：请写 %[2]s)", describe(v), d)
			return ""
		}
		p.errAt(nodePos(v), key, "expected a date YYYY-MM-DD, got %s (日期请写成 年-月-日，如 2021-05-18)", describe(v))
		return ""
	}
	return s
}

// plainDate reports whether s is a date YYYY-MM-DD whose day is at most
// 28: a date that time.Parse("2006-01-02", s) reads without error
// whatever the month and year. Other dates are left to time.Parse.
func plainDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !isDigits(s[:4]) || !isDigits(s[5:7]) || !isDigits(s[8:]) {
		return false
	}
	month := (s[5]-'0')*10 + s[6] - '0'
	day := (s[8]-'0')*10 + s[9] - '0'
	return month >= 1 && month <= 12 && day >= 1 && day <= 28
}

func (p *parse) link(key string, v ast.Node) string {
	s := p.text(key, v)
	if s == "" {
		return ""
	}
	if plainLink(s) {
		return escapeURL(s)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.errAt(nodePos(v), key, "expected an http:// or https:// link, got %q (原文链接应以 http:// 或 https:// 开头)", s)
		return ""
	}
	return escapeURL(s)
}

// plainLink reports whether s is a link that url.Parse reads without error
// as an http or https URL with a host, without asking it: s begins with
// http:// or https://, its host (up to the first '/', '?' or '#') is
// ASCII letters, digits, '.' and '-', and the rest holds no '%', which
// url.Parse would decode, nor control characters. Other links are left to
// url.Parse.
func plainLink(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(s, "http://"); !ok {
			return false
		}
	}
	i := 0
	for i < len(rest) && hostByte[rest[i]] {
		i++
	}
	if i == 0 || i < len(rest) && rest[i] != '/' && rest[i] != '?' && rest[i] != '#' {
		return false
	}
	for ; i < len(rest); i++ {
		if c := rest[i]; c < ' ' || c == 0x7f || c == '%' {
			return false
		}
	}
	return true
}

// hostByte says which bytes plainLink accepts in a host.
var hostByte = func() (t [256]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-'
	}
	return t
}()

// escapeURL percent-encodes the characters that no URL may hold as they
// are (such as space, [ ] { } | \ ^ and `) in the path, query and fragment
// of the absolute URL s, which is the same address written validly.
func escapeURL(s string) string {
	start := strings.Index(s, "://") + 3
	if i := strings.IndexAny(s[start:], "/?#"); i >= 0 {
		start += i
	} else {
		return s
	}
	if !needsEscape(s[start:]) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:start])
	fragment := false
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("!$&'()*+,-./:;=?@_~", c) >= 0:
			b.WriteByte(c)
		case c == '#' && !fragment:
			fragment = true
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// needsEscape reports whether escapeURL changes the end of a URL, s.
func needsEscape(s string) bool {
	fragment := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case urlByte[c]:
		case c == '#' && !fragment:
			fragment = true
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
		default:
			return true
		}
	}
	return false
}

// urlByte says which bytes escapeURL keeps as they are wherever they are.
var urlByte = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= utf8.RuneSelf || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("!$&'()*+,-./:;=?@_~", byte(c)) >= 0
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// isSlug reports whether s is lower-case letters and digits in words
// joined by single hyphens (as the regular expression
// ^[a-z0-9]+(-[a-z0-9]+)*$).
func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0 && i+1 < len(s) && s[i-1] != '-':
		default:
			return false
		}
	}
	return s != ""
}

func (p *parse) slug(key string, v ast.Node) string {
	s := p.text(key, v)
	if s != "" && !isSlug(s) {
		if !p.invisibleValue(key, v) {
			p.errAt(nodePos(v), key, "expected lower-case letters, digits and single hyphens, such as tao-yuan-xian, got %q (只能用小写字母、数字和连字符，一般留空即可)", s)
		}
		return ""
	}
	if windowsReserved[s] {
		p.errAt(nodePos(v), key, "%q names a device on Windows, where a file %[1]s.html cannot be made: give another, such as %[1]s-xian (%[1]s 是 Windows 的保留名称，不能用作文件名，请换一个，一般留空即可)", s)
		return ""
	}
	return s
}

// windowsReserved are the names Windows gives its devices, which no file
// may have, whatever its extension: a county page con.html could not be
// made or copied there.
var windowsReserved = func() map[string]bool {
	m := map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}
	for _, d := range []string{"com", "lpt"} {
		for i := '1'; i <= '9'; i++ {
			m[d+string(i)] = true
		}
	}
	return m
}()

func (p *parse) boolean(key string, v ast.Node) bool {
	b, ok := v.(*ast.BoolNode)
	if !ok {
		if !p.invisibleValue(key, v) {
			p.errAt(nodePos(v), key, "expected true or false, got %s (只能填 true 或 false)", describe(v))
		}
		return false
	}
	return b.Value
}

func (p *parse) list(key string, v ast.Node) []string {
	if _, ok := v.(*ast.NullNode); ok {
		return nil
	}
	seq, ok := v.(*ast.SequenceNode)
	if !ok {
		if s, text := v.(*ast.StringNode); text && strings.HasPrefix(s.Value, "-") {
			// An item whose dash is followed by another space than the
			// ordinary one, which makes it text.
			if msg, _ := afterDash(s.Value[1:]); msg != "" {
				pos := p.charPos(v, s.Value, 1)
				p.errAt(pos, key, "%s", msg)
				return nil
			}
		}
		if s, text := v.(*ast.StringNode); text {
			// A list in brackets typed with a Chinese input method:
			// ［spending.total］ or 【…】, which YAML reads as text.
			for _, b := range [...][2]string{{"［", "］"}, {"【", "】"}} {
				if t := strings.TrimSpace(s.Value); strings.HasPrefix(t, b[0]) && strings.HasSuffix(t, b[1]) {
					inner := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, b[0]), b[1]))
					p.errAt(nodePos(v), key, "the list is in the full-width brackets %s%s, which YAML reads as text: write [%s] with ASCII brackets, or each item on a line of its own after \"- \" (列表用了全角括号%[1]s%[2]s，会被当作文字：请改用英文方括号 [%[3]s]，或每一项另起一行，以“- ”开头)",
						b[0], b[1], inner)
					return nil
				}
			}
		}
		p.errAt(nodePos(v), key, "expected a list of text, got %s (这里应是列表：每一项另起一行，以“- ”开头)", describe(v))
		return nil
	}
	var out []string
	for _, item := range seq.Values {
		item, ok := p.simple(key, item)
		if !ok {
			continue
		}
		switch n := item.(type) {
		case *ast.StringNode:
			p.checkLength(key, item, n.Value, MaxText)
			out = append(out, n.Value)
		case *ast.LiteralNode:
			p.checkLength(key, item, n.Value.Value, MaxText)
			out = append(out, n.Value.Value)
		case *ast.MappingNode, *ast.MappingValueNode:
			// Most often a sentence with a colon and a space in it:
			// - 收入预算数: 1127.69万元.
			p.errAt(nodePos(item), key, "%s", msgItemMapping)
		case *ast.NullNode:
			// A line of only "-": the YAML parser places its null after
			// the dash, or after the space after it.
			pos := nodePos(item)
			if l := strings.TrimRight(p.rawLine(pos.Line), " "); strings.TrimLeft(l, " ") == "-" {
				pos.Col = len(l)
			}
			p.errAt(pos, key, `an empty item: write its text after the "- ", or delete the line (这一项是空的：请在“- ”后面写上内容，或删除这一行)`)
		default:
			p.errAt(nodePos(item), key, "expected text, got %s (列表的每一项应是一句文字)", describe(item))
		}
	}
	return out
}

// msgItemMapping says what to do about a list item that the YAML parser
// read as a mapping.
const msgItemMapping = `expected text, got a mapping: ": " (a colon and a space) makes the words before it a key; write the colon full-width "：", or put the whole sentence in quotes (冒号后面有空格会被当作键：请改用全角冒号“：”，或给整句加引号)`

// notes reads a list of text as list does, with where each item is.
func (p *parse) notes(key string, v ast.Node) []Note {
	seq, ok := v.(*ast.SequenceNode)
	if !ok {
		p.list(key, v) // says what is wrong
		return nil
	}
	if len(seq.Values) > MaxNotes {
		p.errAt(nodePos(seq.Values[MaxNotes]), key, "%d items, more than %d: merge related items into one, of at most %d characters, so that at most %[2]d are left (共 %[1]d 条，超过了 %[2]d 条：请把相关的几条合并成一条，每条不超过 %[3]d 个字，合并后最多 %[2]d 条)", len(seq.Values), MaxNotes, MaxNote)
		return nil
	}
	texts := p.list(key, v)
	if len(texts) != len(seq.Values) {
		return nil // an item was refused, and said so
	}
	out := make([]Note, len(texts))
	for i, t := range texts {
		out[i] = Note{Text: t, Pos: nodePos(seq.Values[i])}
		if strings.TrimSpace(t) == "" {
			p.errAt(out[i].Pos, key, "an empty item: write the inconsistency in a sentence, or remove the line (这一项是空的：请用一句话写明，或删除这一行)")
		} else if !p.checkLength(key, seq.Values[i], t, MaxNote) {
			return nil
		}
	}
	return out
}

// derivedList reads derived:, a list of the dotted names of figures that
// the file's writer computed (see Report.Derived), into p.derived; finish
// checks that each is given, and sets Report.Derived.
func (p *parse) derivedList(key string, v ast.Node) {
	seq, ok := v.(*ast.SequenceNode)
	if !ok {
		if _, null := v.(*ast.NullNode); !null {
			p.list(key, v) // says what is wrong
		}
		return
	}
	texts := p.list(key, v)
	if len(texts) != len(seq.Values) {
		return // an item was refused, and said so
	}
	for i, t := range texts {
		pos := nodePos(seq.Values[i])
		k := slices.Index(derivableArray[:], strings.TrimSpace(t))
		switch {
		case k < 0:
			p.errAt(pos, key, "%q is not the name of a figure that may be derived; list the dotted names of figures given above, among %s (这里只能列出上面填写了数值的数字的键名，可用的有：%s)",
				t, strings.Join(derivableArray[:], ", "), strings.Join(derivableArray[:], "、"))
		case p.derived[k] != (Pos{}):
			p.errAt(pos, key, "%s is listed twice, the first time on line %d: delete this line (%s 重复列出，第一次在第 %d 行：请删除这一行)", derivableArray[k], p.derived[k].Line, derivableArray[k], p.derived[k].Line)
		default:
			p.derived[k] = pos
		}
	}
}

// amount records a money value; it is converted in finish, when the unit
// is known.
func (p *parse) amount(key string, v ast.Node, dst *Money) {
	v = number(v)
	pos := nodePos(v)
	if undisclosed(v) {
		return
	}
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode, *ast.FloatNode:
		text := n.GetToken().Value
		if rest, ok := plusSigned(key, text); ok {
			text = rest
		}
		p.pending(key, text, dst, pos)
		return
	case *ast.StringNode:
		if n.Value == UnreadableText {
			*dst = Money{State: Unreadable, Pos: pos}
			return
		}
		// "+1.2" in quotes, as +1.2 without them.
		if rest, ok := plusSigned(key, n.Value); ok {
			p.pending(key, rest, dst, pos)
			return
		}
	}
	if p.invisibleValue(key, v) {
		return
	}
	if p.dash(key, v) {
		return
	}
	if s, ok := v.(*ast.StringNode); ok && key == signedKey && unchangedWords[strings.TrimSpace(s.Value)] {
		// 三公经费与上年持平, as reports say it.
		p.errAt(pos, key, "%s", msgExpectedAmount+describe(v)+"; a change of none is 0: write 0 (与上年持平即变化为零，请写 0)")
		return
	}
	if s, ok := v.(*ast.StringNode); ok && hasAmountUnit(s.Value) {
		p.unitSlips = append(p.unitSlips, unitSlip{len(p.errs), describe(v), s.Value})
	}
	p.errAt(pos, key, "%s", hinted(fmt.Sprintf(msgExpectedAmount+"%s", describeNumber(v, true)),
		"金额请写数字，如 1530.53；报告没有给出的写 null；给出了但无法辨认的写 "+UnreadableText))
}

// NotDisclosedText is the text that pages print for a figure that a
// report does not give, and that a figure may be written as, the same as
// null: publishers copy it back from the pages.
const NotDisclosedText = "未披露"

// undisclosed reports whether v, the value of a figure, is
// NotDisclosedText, which is read as null.
func undisclosed(v ast.Node) bool {
	s, ok := v.(*ast.StringNode)
	return ok && s.Value == NotDisclosedText
}

// unchangedWords are what reports write for a change of none, which
// sangong.change writes 0.
var unchangedWords = map[string]bool{"持平": true, "与上年持平": true, "无变化": true, "没有变化": true, "不变": true, "无增减": true}

// signedKey is the one amount that may be negative, and may be written
// with a sign: +1.2 is 1.2, as a report writes an increase (较上年+1.2).
const signedKey = "sangong.change"

// plusSigned returns text, the amount of key written as a number, without
// its plus sign, when key is signedKey and text is a plain number with a
// plus before it (+1.2); false otherwise.
func plusSigned(key, text string) (string, bool) {
	rest, plus := strings.CutPrefix(text, "+")
	if !plus || key != signedKey || !plainNumber(rest) || rest[0] == '-' {
		return text, false
	}
	return rest, true
}

// plus says, when v, the value of key, a year, score or count of people,
// which take no sign, is a plain number with a plus before it, +97 or
// "+97" alike, that it is refused, and reports whether it did (an
// amount's plus is refused by finish, unless it is sangong.change's, see
// plusSigned). A plus before a figure may be a change copied for the figure
// (较上年+2人), and a file reads the same to every tool only if its
// numbers are written one way. expected begins the message.
func (p *parse) plus(key string, v ast.Node, expected string) bool {
	var text string
	switch n := v.(type) {
	case *ast.IntegerNode, *ast.FloatNode:
		text = n.GetToken().Value
	case *ast.StringNode:
		text = n.Value
	default:
		return false
	}
	rest, plus := strings.CutPrefix(text, "+")
	if !plus || key == signedKey || !plainNumber(rest) || rest[0] == '-' {
		return false
	}
	p.errAt(nodePos(v), key, "%s", plusRefused(expected+describe(v), rest, "数字"))
	return true
}

// plusRefused is the error of a figure written with a plus before the
// plain number rest, after got, what was expected and got (expected an
// amount such as 1530.53, got +1530.53); what names the figure in the
// Chinese (金额, 数字). Amounts and the other figures say it alike.
func plusRefused(got, rest, what string) string {
	return fmt.Sprintf("%s; write %s, without the +: only %s has a sign (%s前面不要加 +；只有 %[3]s（三公经费较上年增减）可以带正负号)", got, rest, signedKey, what)
}

// pending records the amount of key written as text, a number, at pos,
// to be read into dst in finish, once the unit is known.
func (p *parse) pending(key, text string, dst *Money, pos Pos) {
	dst.Pos = pos
	a := pendingAmount{key, text, dst}
	if p.nAmounts < len(p.amounts) {
		p.amounts[p.nAmounts] = a
		p.nAmounts++
	} else {
		p.more = append(p.more, a)
	}
}

const msgExpectedAmount = "expected an amount such as 1530.53, null or " + UnreadableText + ", got "

func (p *parse) score(key string, v ast.Node) {
	v = number(v)
	pos := nodePos(v)
	if undisclosed(v) {
		return
	}
	if p.plus(key, v, "expected a score such as 97, got ") {
		return
	}
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode, *ast.FloatNode:
		f, err := strconv.ParseFloat(n.GetToken().Value, 64)
		if err != nil || f < 0 || f > 100 {
			p.errAt(pos, key, "score must be between 0 and 100, got %s (自评得分应在 0 到 100 之间)", n.GetToken().Value)
			return
		}
		if ScoreIsShare(f) {
			// Published as it is, the score would rank last.
			text := n.GetToken().Value
			p.errAt(pos, key, "score %s looks like a share (%s%%), not a score out of 100, which no department gives itself below 1: write %[2]s (自评得分按百分制填写：%[1]s 看起来是比例（%[2]s%%），请写 %[2]s)", text, percentOf(text))
			return
		}
		p.r.Score = Field[float64]{State: Disclosed, V: f, Pos: pos}
		return
	case *ast.StringNode:
		if n.Value == UnreadableText {
			p.r.Score = Field[float64]{State: Unreadable, Pos: pos}
			return
		}
	}
	if p.invisibleValue(key, v) {
		return
	}
	if p.dash(key, v) {
		return
	}
	p.errAt(pos, key, "%s", hinted("expected a score such as 97, got "+describeNumber(v, false), "自评得分请写数字，如 97"))
}

// percentOf returns text, a plain decimal number less than 1 (0.97,
// .975), times 100, written exactly (97, 97.5), without the rounding of
// binary floating point.
func percentOf(text string) string {
	_, frac, _ := strings.Cut(text, ".")
	frac += strings.Repeat("0", max(0, 2-len(frac)))
	whole := strings.TrimLeft(frac[:2], "0")
	if whole == "" {
		whole = "0"
	}
	if rest := strings.TrimRight(frac[2:], "0"); rest != "" {
		return whole + "." + rest
	}
	return whole
}

func (p *parse) count(key string, v ast.Node, dst *Field[int]) {
	v = number(v)
	pos := nodePos(v)
	if undisclosed(v) {
		return
	}
	if p.plus(key, v, "expected a whole number of people, got ") {
		return
	}
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode:
		c, err := strconv.Atoi(n.GetToken().Value)
		if err != nil || c < 0 {
			p.errAt(pos, key, "expected a whole number of people, got %s (人数请写整数)", n.GetToken().Value)
			return
		}
		*dst = Field[int]{State: Disclosed, V: c, Pos: pos}
		return
	case *ast.FloatNode:
		p.errAt(pos, key, "expected a whole number of people, got %s (人数请写整数)", n.GetToken().Value)
		return
	case *ast.StringNode:
		if n.Value == UnreadableText {
			*dst = Field[int]{State: Unreadable, Pos: pos}
			return
		}
	}
	if p.invisibleValue(key, v) {
		return
	}
	if p.dash(key, v) {
		return
	}
	p.errAt(pos, key, "%s", hinted("expected a whole number of people, got "+describeNumber(v, false), "人数请写整数"))
}

// groupKeys describes a mapping of amounts or of counts: its key, the
// keys it holds and their dotted names.
type groupKeys struct {
	key    string
	subs   []string
	full   []string // key + "." + subs[i]
	ids    []int    // the index of full[i] in keyNames
	counts bool     // the figures are counts of people, not amounts
	known  string   // subs sorted, for errors
}

func newGroupKeys(key string, counts bool, subs ...string) groupKeys {
	g := groupKeys{key: key, subs: subs, counts: counts}
	for _, s := range subs {
		g.full = append(g.full, key+"."+s)
		g.ids = append(g.ids, keyID(key+"."+s))
	}
	g.known = strings.Join(slices.Sorted(slices.Values(subs)), ", ")
	return g
}

// The mappings of figures.
var (
	spendingGroup = newGroupKeys("spending", false, "total", "basic", "project", "personnel", "public")
	sangongGroup  = newGroupKeys("sangong", false, "total", "abroad", "reception", "vehicles", "change")
	staffGroup    = newGroupKeys("staff", true, "authorized", "actual")
)

// group decodes a mapping of amounts or of counts.
func (p *parse) group(g *groupKeys, v ast.Node) {
	key := g.key
	if _, ok := v.(*ast.NullNode); ok {
		return
	}
	m := asMapping(v)
	if m == nil {
		if !p.valueSlip(key, v, nodePos(v)) {
			example := "total: 1530.53"
			if g.counts {
				example = "authorized: 25"
			}
			p.errAt(nodePos(v), key, "expected a mapping such as {%s, …}, got %s (这里应在下面各行分项填写，如“  %[1]s”，每行缩进两个空格)", example, describe(v))
		}
		return
	}
	var seenBuf [8]string
	seen := seenBuf[:0]
	split := 0 // the pairs after this one are the rest of a number split by its commas
	for i, mv := range m.Values {
		if i < split {
			continue
		}
		if n := p.splitNumber(g, m, i); n > 0 {
			split = i + 1 + n
			continue
		}
		sub, ok := p.keyOf(mv, key)
		if !ok {
			continue
		}
		i := slices.Index(g.subs, sub)
		full, id := "", -1
		if i >= 0 {
			full, id = g.full[i], g.ids[i]
		} else {
			full = key + "." + sub
		}
		kpos := nodePos(mv.Key)
		if slices.Contains(seen, sub) {
			p.errAt(kpos, full, msgDuplicateHere)
			continue
		}
		seen = append(seen, sub)
		p.keys.set(full, id, kpos)
		val, ok := p.simple(full, mv.Value)
		if !ok || p.strayValue(key, mv) {
			continue
		}
		switch {
		case i >= 0 && !g.counts:
			p.amount(full, val, p.r.Amount(full))
		case i >= 0:
			dst := &p.r.Staff.Authorized
			if sub == "actual" {
				dst = &p.r.Staff.Actual
			}
			p.count(full, val, dst)
		default:
			if p.keySlip(kpos, key, "", nil, sub, keysIndent(m)) || p.invisibleKey(mv.Key, key, sub) {
				break
			}
			if knownIn("", sub) {
				p.errAt(kpos, full, "%s", notInGroup(sub, key, m.IsFlowStyle, kpos.Col-1))
			} else {
				p.errAt(kpos, full, "unknown key; %sthe known keys of %s are %s (没有这个键：%s可用的键见前面所列)", meantEN(sub, key, g.subs), key, g.known, meantZH(sub, key, g.subs))
			}
		}
	}
}

// splitNumber reports a number with thousands separators (1,530.53) or a
// decimal comma (8,5: see readCommas) in the flow mapping m of the group
// g, as the value of the pair of index i: the YAML parser reads its first
// digits as the pair's value (1) and each group after a comma as a key
// without a value (530.53: null). It returns the number of such keys
// after the pair, 0 when there are none.
func (p *parse) splitNumber(g *groupKeys, m *ast.MappingNode, i int) int {
	if !m.IsFlowStyle || i+1 >= len(m.Values) {
		return 0
	}
	first, ok := m.Values[i].Value.(*ast.IntegerNode)
	if !ok {
		return 0
	}
	pos := nodePos(first)
	text := first.GetToken().Value
	n := 0
	for _, mv := range m.Values[i+1:] {
		// A group of digits is a number, or text when it begins with 0
		// (019).
		_, null := mv.Value.(*ast.NullNode)
		if k := mv.Key.GetToken(); !null || k == nil || !isDigits(k.Value) && !isPlainDecimal(k.Value) || nodePos(mv.Key).Line != pos.Line {
			break
		}
		text += "," + mv.Key.GetToken().Value
		n++
	}
	num, decimal := readCommas(text)
	if n == 0 || !plainNumber(num) {
		return 0
	}
	if line := p.rawLine(pos.Line); !strings.HasPrefix(line[colIndex(line, pos.Col):], text) {
		return 0 // written otherwise, as 1, 530
	}
	key := "?"
	if k, ok := m.Values[i].Key.(*ast.StringNode); ok {
		key = k.Value
	}
	what := "an amount such as 1530.53"
	if g.counts {
		what = "a whole number of people"
	}
	if decimal {
		p.errAt(pos, dotted(g.key, key), `expected %s, got %s, which its comma cuts apart: inside braces { } a comma separates pairs, and "," is not a decimal point; if you meant %s, write %[3]s (花括号内的逗号用来分隔各项，会把 %[2]s 拆开；逗号也不能当小数点：如果是 %[3]s，请写 %[3]s)`, what, text, num)
		return n
	}
	p.errAt(pos, dotted(g.key, key), "expected %s, got %s, which its commas cut apart: inside braces { } a comma separates pairs; write %s, without the thousands separators (花括号内的逗号用来分隔各项，会把 %[2]s 拆开：请写 %[3]s，数字中不要用千位分隔符)", what, text, num)
	return n
}

// evidenceFull holds "evidence." + EvidenceKeys[i].
var evidenceFull = func() []string {
	full := make([]string, len(EvidenceKeys))
	for i, k := range EvidenceKeys {
		full[i] = "evidence." + k
	}
	return full
}()

func (p *parse) evidence(key string, v ast.Node) {
	if _, ok := v.(*ast.NullNode); ok {
		return
	}
	m := asMapping(v)
	if m == nil {
		if !p.valueSlip(key, v, nodePos(v)) {
			p.errAt(nodePos(v), key, "expected a mapping from figure names to sentences, got %s (这里应在下面各行填写，如“  spending.total: 报告原句”，每行缩进两个空格)", describe(v))
		}
		return
	}
	// given holds, as bits by index in EvidenceKeys, the sentences
	// given, which Evidence holds unless the parse is lean.
	var given uint32
	if !p.lean {
		p.r.Evidence = make(map[string]string, min(len(m.Values), len(EvidenceKeys)))
	}
	for _, mv := range m.Values {
		sub, ok := p.keyOf(mv, key)
		if !ok {
			continue
		}
		i := slices.Index(EvidenceKeys, sub)
		var full string
		if i >= 0 && key == "evidence" {
			full = evidenceFull[i]
		} else {
			full = key + "." + sub
		}
		kpos := nodePos(mv.Key)
		if i < 0 {
			if !p.keySlip(kpos, key, "", nil, sub, keysIndent(m)) && !p.invisibleKey(mv.Key, key, sub) {
				p.errAt(kpos, full, "unknown figure name; %sthe known ones are %s (没有这个数据名：%s可用的名称见前面所列)", meantEN(sub, key, EvidenceKeys), strings.Join(EvidenceKeys, ", "), meantZH(sub, key, EvidenceKeys))
			}
			continue
		}
		if given&(1<<i) != 0 {
			p.errAt(kpos, full, msgDuplicateHere)
			continue
		}
		val, ok := p.simple(full, mv.Value)
		if !ok || p.strayValue(key, mv) {
			continue
		}
		var text string
		switch n := val.(type) {
		case *ast.StringNode:
			p.checkLength(full, val, n.Value, MaxText)
			text = n.Value
		case *ast.LiteralNode:
			p.checkLength(full, val, n.Value.Value, MaxText)
			text = n.Value.Value
		case *ast.NullNode:
			continue
		default:
			p.errAt(nodePos(val), full, "expected a sentence, got %s (这里应填报告中的原句)", describe(val))
			continue
		}
		given |= 1 << i
		if !p.lean {
			p.r.Evidence[sub] = text
		}
	}
}

// The sentences given of evidence fit in a uint32, as bits by index in
// EvidenceKeys (of which there are maxEvidence).
const _ = uint(32 - maxEvidence)

// keysIndent returns the indentation, in columns, of the first key of m
// (nil for none) that has no full-width space before it, or -1; or -1 if
// m is a flow mapping, whose keys are not indented.
func keysIndent(m *ast.MappingNode) int {
	if m == nil || m.IsFlowStyle {
		return -1
	}
	for _, mv := range m.Values {
		if k, ok := mv.Key.(*ast.StringNode); ok && !strings.HasPrefix(k.Value, fullWidthSpace) {
			return nodePos(mv.Key).Col - 1
		}
	}
	return -1
}

func asMapping(v ast.Node) *ast.MappingNode {
	switch n := v.(type) {
	case *ast.MappingNode:
		return n
	case *ast.MappingValueNode:
		return &ast.MappingNode{Values: []*ast.MappingValueNode{n}}
	}
	return nil
}

// parseDecimal reads a plain decimal number and returns it multiplied by
// 10^scale, exactly.
func parseDecimal(s string, scale int) (int64, error) {
	if v, ok := plainDecimal(s, scale); ok {
		return v, nil
	}
	return decimalByParts(s, scale)
}

// decimalByParts is parseDecimal for any text, the amounts plainDecimal
// does not read among them: it checks the text's form, then reads its
// parts.
func decimalByParts(s string, scale int) (int64, error) {
	// As the regular expression ^-?[0-9]+(\.[0-9]+)?$.
	if digits := strings.TrimPrefix(s, "-"); !isDigits(digits) && !isPlainDecimal(digits) {
		return 0, fmt.Errorf("expected a plain decimal amount such as 1530.53, got %s (金额请写成普通数字，如 1530.53)", s)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > scale {
		return 0, fmt.Errorf("%s has more decimal places than the unit allows, which is at most %d (小数位数过多：这个单位最多 %[2]d 位小数)", s, scale)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 12 {
		return 0, fmt.Errorf("amount %s is too large (金额过大，请检查单位和数字)", s)
	}
	// 12 digits and scale (6 at most) do not overflow.
	var v int64
	for _, digits := range [...]string{intPart, frac} {
		for i := 0; i < len(digits); i++ {
			v = v*10 + int64(digits[i]-'0')
		}
	}
	for range scale - len(frac) {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, nil
}

// plainDecimal is parseDecimal for an amount that it reads without error
// and that has at most 12 digits before the point (leading zeros
// included) and at most scale after it (trailing zeros included), as
// nearly every amount: it reads s in one pass. ok is false for any other
// text, which parseDecimal reads as it always has.
func plainDecimal(s string, scale int) (v int64, ok bool) {
	i, neg := 0, len(s) > 0 && s[0] == '-'
	if neg {
		i++
	}
	start := i
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		v = v*10 + int64(s[i]-'0')
		i++
	}
	if i == start || i-start > 12 {
		return 0, false
	}
	places := 0
	if i < len(s) {
		if s[i] != '.' {
			return 0, false
		}
		i++
		start = i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			v = v*10 + int64(s[i]-'0')
			i++
		}
		places = i - start
		if places == 0 || places > scale || i < len(s) {
			return 0, false
		}
	}
	// 12 digits and scale (6 at most) do not overflow.
	for range scale - places {
		v *= 10
	}
	if neg {
		v = -v
	}
	return v, true
}

// missing returns an error for each required key that is absent or empty:
// an empty key's at its place, an absent key's at the start of the file,
// where every error about the file as a whole is, and where KeyPos places
// a key that was not written.
func (r *Report) missing() []error {
	var errs []error
	for _, k := range []struct {
		key, name, example string
		empty              bool
	}{
		{"county", "县（市、区）", "桃源县", r.County == ""},
		{"department", "部门", "行政审批服务局", r.Department == ""},
		{"year", "年度", "2020", r.Year == 0},
		{"type", "报告类型", TypeWhole, r.Type == ""},
	} {
		if !k.empty {
			continue
		}
		pos, present := r.Keys.Lookup(k.key)
		msg := fmt.Sprintf("required key is empty: fill it in, such as %s: %s (必填项“%s”没有填写，如 %[1]s: %[2]s)", k.key, k.example, k.name)
		if !present {
			pos = Pos{1, 1}
			msg = fmt.Sprintf("required key is missing: add a line such as %s: %s (缺少必填项“%s”，请添加一行，如 %[1]s: %[2]s)", k.key, k.example, k.name)
		}
		errs = append(errs, &Error{File: r.File, Line: pos.Line, Col: pos.Col, Key: k.key, Msg: msg})
	}
	return errs
}

// Incomplete returns the errors that keep a draft from being published: the
// required keys it leaves empty. It returns nil for a complete report.
func (r *Report) Incomplete() error {
	return errors.Join(r.missing()...)
}

// meant returns the known key that key is most likely a misspelling of:
// the one nearest to it, within two edits (one for a key of up to four
// letters), ignoring case; or "" when none is, or two are as near.
func meant(key string, known []string) string {
	limit := 2
	if len(key) <= 4 {
		limit = 1
	}
	found, best, ties := "", limit+1, 0
	for _, k := range known {
		d := editDistance(strings.ToLower(key), k, limit)
		switch {
		case k == key || d > limit:
		case d < best:
			found, best, ties = k, d, 1
		case d == best:
			ties++
		}
	}
	if ties != 1 {
		return ""
	}
	return found
}

// meantEN and meantZH say which key was likely meant, in English and in
// Chinese, by key, a key of the mapping with the dotted name prefix ("" at
// the top, "evidence" for the names of figures) whose known keys are
// known: the key that a Chinese name stands for (see chineseKeys), or the
// one key is most likely a misspelling of (see meant). meantZH ends with
// the hint to check the spelling, but for a Chinese name.
func meantEN(key, prefix string, known []string) string {
	if en, _ := meantSaid(key, prefix); en != "" {
		return "keys are English words: did you mean " + en + "? "
	}
	if m := meant(key, known); m != "" {
		return "did you mean " + m + "? "
	}
	return ""
}

func meantZH(key, prefix string, known []string) string {
	if _, zh := meantSaid(key, prefix); zh != "" {
		return "键名要用英文，是不是要写 " + zh + "？"
	}
	if m := meant(key, known); m != "" {
		return "是不是 " + m + "？请检查拼写，"
	}
	return "请检查拼写，"
}

// meantSaid says the keys that key, a Chinese name of a key of the
// mapping with the dotted name prefix, stands for (see meantChinese), in
// English and in Chinese: "department or unit", "total under spending"
// and "spending 下的 total"; or "" when key is no such name.
func meantSaid(key, prefix string) (en, zh string) {
	names := meantChinese(key, prefix)
	if names == nil {
		return "", ""
	}
	zhs := make([]string, len(names))
	for i, n := range names {
		zhs[i] = n
		if sub, mapping, ok := strings.Cut(n, " under "); ok {
			zhs[i] = mapping + " 下的 " + sub
		} else if n, ok = strings.CutSuffix(n, " at the top level"); ok {
			zhs[i] = "顶层的 " + n
		}
	}
	return strings.Join(names, " or "), strings.Join(zhs, " 或 ")
}

// chineseKeys maps the Chinese names that publishers give keys, as the
// reports name the figures, to the dotted names of the keys meant (two
// for an ambiguous name, or for one that names a mapping at the top level
// and a key in another mapping).
var chineseKeys = map[string][]string{
	"县": {"county"}, "县区": {"county"}, "县市区": {"county"}, "县（市、区）": {"county"},
	"区划代码": {"adcode"}, "行政区划代码": {"adcode"},
	"市州": {"prefecture"}, "地市": {"prefecture"}, "省": {"province"}, "省份": {"province"},
	"部门": {"department"}, "部门名称": {"department"}, "单位名称": {"department"},
	"单位": {"department", "unit"}, "金额单位": {"unit"},
	"年度": {"year"}, "年份": {"year"}, "类型": {"type"}, "报告类型": {"type"},
	"项目名称": {"project"}, "资金名称": {"project"}, "专项资金名称": {"project"},
	"标题": {"title"}, "报告标题": {"title"}, "发布日期": {"published"}, "发布时间": {"published"},
	"来源": {"source"}, "原文链接": {"source"}, "链接": {"source"},
	"支出": {"spending", "spending.total"}, "支出合计": {"spending.total"}, "总支出": {"spending.total"},
	"基本支出": {"spending.basic"}, "项目支出": {"spending.project"},
	"人员经费": {"spending.personnel"}, "公用经费": {"spending.public"},
	"收入": {"income"}, "收入合计": {"income"}, "总收入": {"income"},
	"三公经费": {"sangong"}, "三公": {"sangong"}, "合计": {"spending.total", "sangong.total"},
	"因公出国": {"sangong.abroad"}, "因公出国费": {"sangong.abroad"}, "因公出国（境）费": {"sangong.abroad"}, "因公出国（境）": {"sangong.abroad"},
	"公务接待": {"sangong.reception"}, "公务接待费": {"sangong.reception"},
	"公务用车": {"sangong.vehicles"}, "公务用车费": {"sangong.vehicles"}, "公务用车购置及运行费": {"sangong.vehicles"},
	"较上年增减": {"sangong.change"}, "增减": {"sangong.change"},
	"得分": {"score"}, "自评得分": {"score"}, "评分": {"score"}, "分数": {"score"},
	"等级": {"grade"}, "评价等级": {"grade"}, "自评等级": {"grade"},
	"编制": {"staff", "staff.authorized"}, "人员": {"staff"}, "人数": {"staff"},
	"编制数": {"staff.authorized"}, "核定编制": {"staff.authorized"},
	"实有人数": {"staff.actual"}, "在职人数": {"staff.actual"},
	"草稿": {"draft"}, "审核意见": {"review"}, "不一致": {"discrepancies"}, "问题": {"discrepancies"},
	"推算": {"derived"}, "推算数字": {"derived"},
}

// meantChinese returns the keys that key, a Chinese name of a key of the
// mapping with the dotted name prefix, stands for (see chineseKeys), as
// they are written there: a key of the mapping by its name (total in
// spending, a figure's dotted name in evidence), a key of another mapping
// with it ("total under spending"), and a top-level key within a mapping
// as one ("income at the top level"). When the name stands for a key of
// the mapping and for others, only the former is returned. It returns nil
// when key is no such name.
func meantChinese(key, prefix string) []string {
	name := strings.TrimSpace(key)
	full, ok := chineseKeys[name]
	if i := strings.IndexAny(name, "（("); !ok && i > 0 && (strings.HasSuffix(name, "）") || strings.HasSuffix(name, ")")) {
		// Without a unit after it: 支出合计（万元）.
		full, ok = chineseKeys[name[:i]]
	}
	if !ok {
		return nil
	}
	var here, there []string
	for _, f := range full {
		mapping, sub, nested := strings.Cut(f, ".")
		switch {
		case prefix == "evidence":
			// A figure's dotted name; that of its total for a mapping.
			if !slices.Contains(EvidenceKeys, f) {
				f += ".total"
			}
			if slices.Contains(EvidenceKeys, f) && !slices.Contains(here, f) {
				here = append(here, f)
			}
		case !nested && prefix == "":
			here = append(here, f)
		case !nested:
			there = append(there, f+" at the top level")
		case mapping == prefix:
			here = append(here, sub)
		default:
			there = append(there, sub+" under "+mapping)
		}
	}
	if here != nil {
		return here
	}
	return there
}

// editDistance returns the number of single-byte insertions, deletions,
// substitutions and swaps of neighbours that turn a into b, or more than
// limit when it exceeds limit.
func editDistance(a, b string, limit int) int {
	if len(a)-len(b) > limit || len(b)-len(a) > limit || len(a) > 64 {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
