package report

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
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
)

// UnreadableText is the value that marks an amount the report gives but
// that could not be read.
const UnreadableText = "无法识别"

// Parse parses a report file. name is used in errors only. It returns every
// problem it finds, joined, each as an *Error.
func Parse(name string, data []byte) (*Report, error) {
	p := &parse{name: name, r: &Report{File: name, Keys: map[string]Pos{}}}
	if err := p.run(data); err != nil {
		return nil, err
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	return p.r, nil
}

type parse struct {
	name    string
	r       *Report
	errs    []error
	amounts []pendingAmount
}

type pendingAmount struct {
	key  string
	text string
	dst  *Money
}

func (p *parse) errAt(pos Pos, key, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.name, Line: pos.Line, Col: pos.Col, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (p *parse) fatal(pos Pos, key, format string, args ...any) error {
	return &Error{File: p.name, Line: pos.Line, Col: pos.Col, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// run splits the front matter off and decodes it.
func (p *parse) run(data []byte) error {
	if !utf8.Valid(data) {
		line, col := 1, 1
		for i := 0; i < len(data); {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += size
		}
		return p.fatal(Pos{line, col}, "", "invalid UTF-8 (save the file as UTF-8; GBK files must be converted)")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if len(bytes.TrimSpace(data)) == 0 {
		return p.fatal(Pos{1, 1}, "", "empty file: a report needs front matter between '---' lines")
	}
	lines := strings.SplitAfter(string(data), "\n")
	if strings.TrimRight(lines[0], " \t\n") != "---" {
		return p.fatal(Pos{1, 1}, "", "no front matter: the file must begin with a line '---'")
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \t\n") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		return p.fatal(Pos{1, 1}, "", "unclosed front matter: no closing '---' line")
	}
	block := strings.Join(lines[:end], "")
	if len(block) > MaxFrontMatter {
		return p.fatal(Pos{1, 1}, "", "front matter is %d bytes; at most %d are accepted", len(block), MaxFrontMatter)
	}
	if err := p.checkNesting(lines[1:end]); err != nil {
		return err
	}
	p.r.Body = []byte(strings.Join(lines[end+1:], ""))
	p.r.BodyLine = end + 2

	file, err := parser.ParseBytes([]byte(block), 0)
	if err != nil {
		return p.yamlError(err)
	}
	var body ast.Node
	if len(file.Docs) > 0 {
		body = file.Docs[0].Body
	}
	if len(file.Docs) > 1 {
		return p.fatal(Pos{1, 1}, "", "front matter holds more than one YAML document")
	}
	if body == nil {
		return p.fatal(Pos{1, 1}, "", "empty front matter: county, department, year and type are required")
	}
	m, ok := body.(*ast.MappingNode)
	if !ok {
		if mv, ok2 := body.(*ast.MappingValueNode); ok2 {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			return p.fatal(nodePos(body), "", "front matter must be a mapping of keys to values")
		}
	}
	p.top(m)
	p.finish(Pos{end + 1, 1})
	return nil
}

// checkNesting refuses front matter nested deeper than MaxNesting, before the
// YAML parser, which recurses, sees it.
func (p *parse) checkNesting(lines []string) error {
	for i, l := range lines {
		depth := 0
		for j, c := range l {
			switch c {
			case '[', '{':
				depth++
				if depth > MaxNesting {
					return p.fatal(Pos{i + 2, j + 1}, "", "front matter is nested more than %d levels deep", MaxNesting)
				}
			case ']', '}':
				depth--
			}
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if indent > 2*MaxNesting && strings.TrimSpace(l) != "" {
			return p.fatal(Pos{i + 2, 1}, "", "front matter is indented more than %d levels deep", MaxNesting)
		}
	}
	return nil
}

// yamlError turns a YAML syntax error into an *Error with its position.
func (p *parse) yamlError(err error) error {
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
			return p.fatal(pos, m[1], "duplicate key (first given at line %s)", m[2])
		}
		return p.fatal(pos, "", "invalid YAML: %s", msg)
	}
	return p.fatal(Pos{1, 1}, "", "invalid YAML: %v", err)
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
		p.errAt(nodePos(mv.Key), prefix, "keys must be plain words, got %s", describe(mv.Key))
		return "", false
	}
	return k.Value, true
}

// simple unwraps a value node, refusing anchors, aliases and tags, which no
// report needs and which make alias bombs possible.
func (p *parse) simple(key string, n ast.Node) (ast.Node, bool) {
	switch n.(type) {
	case *ast.AnchorNode, *ast.AliasNode:
		p.errAt(nodePos(n), key, "YAML anchors and aliases are not allowed")
		return nil, false
	case *ast.TagNode:
		p.errAt(nodePos(n), key, "YAML tags are not allowed")
		return nil, false
	case *ast.MergeKeyNode:
		p.errAt(nodePos(n), key, "YAML merge keys are not allowed")
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
	}
	return "a " + strings.ToLower(n.Type().String())
}

var topKeys = []string{
	"county", "adcode", "prefecture", "province", "department", "year", "type", "title",
	"published", "source", "unit", "slug", "spending", "income", "sangong", "score", "grade",
	"staff", "evidence", "draft", "review",
}

func (p *parse) top(m *ast.MappingNode) {
	r := p.r
	for _, mv := range m.Values {
		key, ok := p.keyOf(mv, "")
		if !ok {
			continue
		}
		kpos := nodePos(mv.Key)
		if _, dup := r.Keys[key]; dup {
			p.errAt(kpos, key, "duplicate key (first given at line %d)", r.Keys[key].Line)
			continue
		}
		r.Keys[key] = kpos
		v, ok := p.simple(key, mv.Value)
		if !ok {
			continue
		}
		switch key {
		case "county":
			r.County = p.text(key, v)
		case "adcode":
			r.Adcode = p.code(key, v)
		case "prefecture":
			r.Prefecture = p.text(key, v)
		case "province":
			r.Province = p.text(key, v)
		case "department":
			r.Department = p.text(key, v)
		case "year":
			r.Year = p.year(key, v)
		case "type":
			r.Type = p.oneOf(key, v, []string{TypeWhole, TypeProject})
		case "title":
			r.Title = p.text(key, v)
		case "published":
			r.Published = p.date(key, v)
		case "source":
			r.Source = p.link(key, v)
		case "unit":
			r.Unit = p.oneOf(key, v, []string{"万元", "千元", "元"})
		case "slug":
			r.Slug = p.slug(key, v)
		case "spending":
			p.group(key, v, map[string]*Money{
				"total": &r.Spending.Total, "basic": &r.Spending.Basic, "project": &r.Spending.Project,
				"personnel": &r.Spending.Personnel, "public": &r.Spending.Public,
			}, nil)
		case "income":
			p.amount(key, v, &r.Income)
		case "sangong":
			p.group(key, v, map[string]*Money{
				"total": &r.Sangong.Total, "abroad": &r.Sangong.Abroad, "reception": &r.Sangong.Reception,
				"vehicles": &r.Sangong.Vehicles, "change": &r.Sangong.Change,
			}, nil)
		case "score":
			p.score(key, v)
		case "grade":
			if g := p.oneOf(key, v, Grades); g != "" {
				r.Grade = Field[string]{State: Disclosed, V: g, Pos: nodePos(v)}
			}
		case "staff":
			p.group(key, v, nil, map[string]*Field[int]{
				"authorized": &r.Staff.Authorized, "actual": &r.Staff.Actual,
			})
		case "evidence":
			p.evidence(key, v)
		case "draft":
			r.Draft = p.boolean(key, v)
		case "review":
			r.Review = p.list(key, v)
		default:
			p.errAt(kpos, key, "unknown key (known keys: %s)", strings.Join(topKeys, ", "))
		}
	}
}

// finish converts amounts once the unit is known and checks required keys.
func (p *parse) finish(end Pos) {
	r := p.r
	if r.Unit == "" {
		r.Unit = "万元"
	}
	scale := map[string]int{"万元": 6, "千元": 5, "元": 2}[r.Unit]
	for _, a := range p.amounts {
		v, err := parseDecimal(a.text, scale)
		if err != nil {
			p.errAt(a.dst.Pos, a.key, "%v", err)
			continue
		}
		a.dst.V = Amount(v)
		a.dst.State = Disclosed
		if v < 0 && a.key != "sangong.change" {
			p.errAt(a.dst.Pos, a.key, "amount is negative (%s); only sangong.change may be", a.text)
		}
	}
	if !r.Draft {
		for _, err := range r.missing(end) {
			if !p.hasError(err.(*Error).Key) {
				p.errs = append(p.errs, err)
			}
		}
	}
	if r.Title == "" && r.County != "" {
		r.Title = fmt.Sprintf("%s%s%d年度%s绩效自评报告", r.County, r.Department, r.Year, r.Type)
	}
}

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
		s := strings.TrimSpace(n.Value)
		if strings.ContainsAny(s, "\n\r") {
			p.errAt(nodePos(v), key, "must be a single line")
		}
		return s
	case *ast.NullNode:
		return ""
	}
	p.errAt(nodePos(v), key, "expected text, got %s", describe(v))
	return ""
}

var dupKeyRE = regexp.MustCompile(`^mapping key "(.*)" already defined at \[(\d+):\d+\]`)

var adcodeRE = regexp.MustCompile(`^[1-9][0-9]{5}$`)

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
		p.errAt(nodePos(v), key, "expected a 6-digit code in quotes, got %s", describe(v))
		return ""
	}
	if !adcodeRE.MatchString(s) {
		p.errAt(nodePos(v), key, "expected a 6-digit division code such as \"430725\", got %q", s)
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
		p.errAt(nodePos(v), key, "expected one of %s, got %s", strings.Join(allowed, ", "), describe(v))
		return ""
	}
	for _, a := range allowed {
		if s.Value == a {
			return a
		}
	}
	p.errAt(nodePos(v), key, "expected one of %s, got %q", strings.Join(allowed, ", "), s.Value)
	return ""
}

func (p *parse) year(key string, v ast.Node) int {
	if _, ok := v.(*ast.NullNode); ok {
		return 0
	}
	n, ok := v.(*ast.IntegerNode)
	if !ok {
		p.errAt(nodePos(v), key, "expected a year such as 2020, got %s", describe(v))
		return 0
	}
	y, err := strconv.Atoi(n.GetToken().Value)
	max := time.Now().Year() + 1
	if err != nil || y < 2000 || y > max {
		p.errAt(nodePos(v), key, "year %s is outside 2000..%d", n.GetToken().Value, max)
		return 0
	}
	return y
}

func (p *parse) date(key string, v ast.Node) string {
	if _, ok := v.(*ast.NullNode); ok {
		return ""
	}
	s := v.GetToken().Value
	if _, err := time.Parse("2006-01-02", s); err != nil {
		p.errAt(nodePos(v), key, "expected a date YYYY-MM-DD, got %s", describe(v))
		return ""
	}
	return s
}

func (p *parse) link(key string, v ast.Node) string {
	s := p.text(key, v)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		p.errAt(nodePos(v), key, "expected an http:// or https:// link, got %q", s)
		return ""
	}
	return s
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (p *parse) slug(key string, v ast.Node) string {
	s := p.text(key, v)
	if s != "" && !slugRE.MatchString(s) {
		p.errAt(nodePos(v), key, "expected lower-case letters, digits and single hyphens, such as tao-yuan-xian, got %q", s)
		return ""
	}
	return s
}

func (p *parse) boolean(key string, v ast.Node) bool {
	b, ok := v.(*ast.BoolNode)
	if !ok {
		p.errAt(nodePos(v), key, "expected true or false, got %s", describe(v))
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
		p.errAt(nodePos(v), key, "expected a list of text, got %s", describe(v))
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
			out = append(out, n.Value)
		case *ast.LiteralNode:
			out = append(out, n.Value.Value)
		default:
			p.errAt(nodePos(item), key, "expected text, got %s", describe(item))
		}
	}
	return out
}

// amount records a money value; it is converted in finish, when the unit
// is known.
func (p *parse) amount(key string, v ast.Node, dst *Money) {
	pos := nodePos(v)
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode, *ast.FloatNode:
		dst.Pos = pos
		p.amounts = append(p.amounts, pendingAmount{key, n.GetToken().Value, dst})
		return
	case *ast.StringNode:
		if n.Value == UnreadableText {
			*dst = Money{State: Unreadable, Pos: pos}
			return
		}
	}
	p.errAt(pos, key, "expected an amount such as 1530.53, null or %s, got %s", UnreadableText, describe(v))
}

func (p *parse) score(key string, v ast.Node) {
	pos := nodePos(v)
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode, *ast.FloatNode:
		f, err := strconv.ParseFloat(n.GetToken().Value, 64)
		if err != nil || f < 0 || f > 100 {
			p.errAt(pos, key, "score must be between 0 and 100, got %s", n.GetToken().Value)
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
	p.errAt(pos, key, "expected a score such as 97, got %s", describe(v))
}

func (p *parse) count(key string, v ast.Node, dst *Field[int]) {
	pos := nodePos(v)
	switch n := v.(type) {
	case *ast.NullNode:
		return
	case *ast.IntegerNode:
		c, err := strconv.Atoi(n.GetToken().Value)
		if err != nil || c < 0 {
			p.errAt(pos, key, "expected a whole number of people, got %s", n.GetToken().Value)
			return
		}
		*dst = Field[int]{State: Disclosed, V: c, Pos: pos}
		return
	case *ast.FloatNode:
		p.errAt(pos, key, "expected a whole number of people, got %s", n.GetToken().Value)
		return
	case *ast.StringNode:
		if n.Value == UnreadableText {
			*dst = Field[int]{State: Unreadable, Pos: pos}
			return
		}
	}
	p.errAt(pos, key, "expected a whole number of people, got %s", describe(v))
}

// group decodes a mapping of amounts or of counts.
func (p *parse) group(key string, v ast.Node, money map[string]*Money, counts map[string]*Field[int]) {
	if _, ok := v.(*ast.NullNode); ok {
		return
	}
	m := asMapping(v)
	if m == nil {
		p.errAt(nodePos(v), key, "expected a mapping such as {total: 1530.53, …}, got %s", describe(v))
		return
	}
	var names []string
	for n := range money {
		names = append(names, n)
	}
	for n := range counts {
		names = append(names, n)
	}
	seen := map[string]bool{}
	for _, mv := range m.Values {
		sub, ok := p.keyOf(mv, key)
		if !ok {
			continue
		}
		full := key + "." + sub
		kpos := nodePos(mv.Key)
		if seen[sub] {
			p.errAt(kpos, full, "duplicate key")
			continue
		}
		seen[sub] = true
		p.r.Keys[full] = kpos
		val, ok := p.simple(full, mv.Value)
		if !ok {
			continue
		}
		switch {
		case money[sub] != nil:
			p.amount(full, val, money[sub])
		case counts[sub] != nil:
			p.count(full, val, counts[sub])
		default:
			slices.Sort(names)
			p.errAt(kpos, full, "unknown key (known keys of %s: %s)", key, strings.Join(names, ", "))
		}
	}
}

func (p *parse) evidence(key string, v ast.Node) {
	if _, ok := v.(*ast.NullNode); ok {
		return
	}
	m := asMapping(v)
	if m == nil {
		p.errAt(nodePos(v), key, "expected a mapping from figure names to sentences, got %s", describe(v))
		return
	}
	known := map[string]bool{}
	for _, k := range EvidenceKeys {
		known[k] = true
	}
	p.r.Evidence = map[string]string{}
	for _, mv := range m.Values {
		sub, ok := p.keyOf(mv, key)
		if !ok {
			continue
		}
		full := key + "." + sub
		kpos := nodePos(mv.Key)
		if !known[sub] {
			p.errAt(kpos, full, "unknown figure name (known: %s)", strings.Join(EvidenceKeys, ", "))
			continue
		}
		if _, dup := p.r.Evidence[sub]; dup {
			p.errAt(kpos, full, "duplicate key")
			continue
		}
		val, ok := p.simple(full, mv.Value)
		if !ok {
			continue
		}
		switch n := val.(type) {
		case *ast.StringNode:
			p.r.Evidence[sub] = n.Value
		case *ast.LiteralNode:
			p.r.Evidence[sub] = n.Value.Value
		case *ast.NullNode:
		default:
			p.errAt(nodePos(val), full, "expected a sentence, got %s", describe(val))
		}
	}
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

var decimalRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// parseDecimal reads a plain decimal number and returns it multiplied by
// 10^scale, exactly.
func parseDecimal(s string, scale int) (int64, error) {
	if !decimalRE.MatchString(s) {
		return 0, fmt.Errorf("expected a plain decimal amount such as 1530.53, got %s", s)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > scale {
		return 0, fmt.Errorf("%s has more decimal places than the unit allows (at most %d)", s, scale)
	}
	frac += strings.Repeat("0", scale-len(frac))
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 12 {
		return 0, fmt.Errorf("amount %s is too large", s)
	}
	v, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %s is too large", s)
	}
	if neg {
		v = -v
	}
	return v, nil
}

// missing returns an error for each required key that is absent or empty;
// end is where the front matter closes, the place to add an absent key.
func (r *Report) missing(end Pos) []error {
	var errs []error
	for _, k := range []struct {
		key   string
		empty bool
	}{{"county", r.County == ""}, {"department", r.Department == ""}, {"year", r.Year == 0}, {"type", r.Type == ""}} {
		if !k.empty {
			continue
		}
		pos, present := r.Keys[k.key]
		msg := "required key is missing"
		if !present {
			pos = end
		} else {
			msg = "required key is empty"
		}
		errs = append(errs, &Error{File: r.File, Line: pos.Line, Col: pos.Col, Key: k.key, Msg: msg})
	}
	return errs
}

// Incomplete returns the errors that keep a draft from being published: the
// required keys it leaves empty. It returns nil for a complete report.
func (r *Report) Incomplete() error {
	return errors.Join(r.missing(Pos{r.BodyLine - 1, 1})...)
}
