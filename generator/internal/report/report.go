// Package report defines a report file and parses it.
//
// A report file is UTF-8 Markdown that begins with YAML front matter between
// two lines of three dashes. Its keys are:
//
//	county       required  the county-level division, e.g. 桃源县
//	adcode       optional  its 6-digit division code, kept as text
//	prefecture   optional  the prefecture-level division, e.g. 常德市
//	province     optional  the province, e.g. 湖南省
//	department   required  the department, e.g. 行政审批服务局
//	year         required  the fiscal year evaluated, 2000 to next year
//	type         required  整体支出 or 项目支出
//	project      optional  the project's or special fund's name, for a
//	                       项目支出 report only: part of its identity, so
//	                       that a department may publish one a year per
//	                       project
//	title        optional  the report's title
//	published    optional  date of publication, YYYY-MM-DD
//	source       optional  http(s) link to the original document
//	unit         optional  unit of every amount: 万元 (default), 千元 or 元
//	slug         optional  the county's URL slug, overriding the derived one
//	spending     optional  mapping: total, basic, project, personnel, public
//	income       optional  income of the year (收入决算数)
//	sangong      optional  mapping: total, abroad, reception, vehicles, change
//	score        optional  self-evaluation score, 0 to 100
//	grade        optional  优, 良, 中 or 差
//	staff        optional  mapping: authorized, actual (whole numbers)
//	evidence     optional  mapping from a figure's dotted name to its sentence
//	draft        optional  true leaves the report out of a build without --drafts
//	review       optional  list of notes for the person reviewing a draft
//	discrepancies optional list of the report's own inconsistencies that its
//	                       figures above cannot show, found by reading it
//	derived      optional  list of the figures above (dotted names, such as
//	                       sangong.total) that the file's writer computed
//	                       from the report's other figures because the
//	                       report does not give them itself
//
// An amount is a plain decimal number, null (not disclosed, the same as an
// absent key) or the text 无法识别 (the report gives it, but it cannot be
// read). Amounts are converted exactly to fen and reported in 万元.
// Every figure (an amount, the score, the grade, a staff count) may be
// written 未披露, as pages print one not disclosed: it is read as null.
// sangong.change alone may be negative, and may be written with a plus
// (+0.4), as reports write an increase.
// Every number (a year, score, amount or count) may be written in quotes,
// as "2020" or '97', and is then read as the same number unquoted; a
// number written with thousands separators, a unit after it or
// full-width digits is refused with an error that says how to write it.
//
// Text values hold no control character or noncharacter (also not by a
// YAML escape) and no bidirectional embedding, override or isolate; names
// (county, prefecture, province, department) hold no bidirectional mark
// and no invisible character either. The body's tables, link references
// and nesting are limited (MaxTableColumns, MaxTableCells, MaxLinkLength,
// MaxBodyNesting, MaxMarks).
//
// Parse does no I/O. Every error it returns carries the file, line, column
// and key.
package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Types of report.
const (
	TypeWhole   = "整体支出"
	TypeProject = "项目支出"
)

// Grades, best first.
var Grades = []string{"优", "良", "中", "差"}

// ScoreIsShare reports whether score, above 0 but under a point out of
// 100, is a share written for a score (0.97, as a spreadsheet holds
// 97%): no department scores itself that low, and the parser refuses it.
func ScoreIsShare(score float64) bool { return score > 0 && score < 1 }

// State says whether a figure was disclosed.
type State uint8

// The states of a figure. The zero value is NotDisclosed.
const (
	NotDisclosed State = iota // absent or null in the file
	Disclosed                 // a value was given (it may be zero)
	Unreadable                // the report gives it, but it could not be read
)

// Pos is a 1-based line and column in a file.
type Pos struct {
	Line, Col int
}

// Field is one figure of a report, with its state and where it was written.
type Field[T any] struct {
	State State
	V     T
	Pos   Pos
}

// Known reports whether the field holds a disclosed value.
func (f Field[T]) Known() bool { return f.State == Disclosed }

// Amount is a sum of money held exactly, in fen (0.01 元).
type Amount int64

// FenPerWan is the number of fen in one 万元.
const FenPerWan = 1_000_000

// Wan returns the amount in 万元.
func (a Amount) Wan() float64 { return float64(a) / FenPerWan }

// String formats the amount in 万元 with no trailing zeros, such as "1530.53"
// or "1312".
func (a Amount) String() string { return string(a.Append(nil)) }

// Append appends the amount as String shows it to dst: pages, checks and
// downloads write thousands of amounts into their own buffers.
func (a Amount) Append(dst []byte) []byte {
	if a == math.MinInt64 {
		// -a overflows: written as String always wrote it.
		s := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%d.%06d", a/FenPerWan, a%FenPerWan), "0"), ".")
		return append(append(dst, '-'), s...)
	}
	if a < 0 {
		dst = append(dst, '-')
		a = -a
	}
	dst = strconv.AppendInt(dst, int64(a/FenPerWan), 10)
	frac := int64(a % FenPerWan)
	if frac == 0 {
		return dst
	}
	var d [6]byte // the six digits of fen per 万元
	for i := len(d) - 1; i >= 0; i-- {
		d[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := len(d)
	for d[n-1] == '0' {
		n--
	}
	dst = append(dst, '.')
	return append(dst, d[:n]...)
}

// Money is an amount field.
type Money = Field[Amount]

// Spending holds the spending figures of a report.
type Spending struct {
	Total, Basic, Project, Personnel, Public Money
}

// Sangong holds the 三公经费 figures of a report.
type Sangong struct {
	Total, Abroad, Reception, Vehicles Money
	// Change is the change against the previous year; it may be negative.
	Change Money
}

// Staff holds the staffing figures of a report.
type Staff struct {
	Authorized, Actual Field[int]
}

// Report is one parsed report file.
type Report struct {
	// File is the path the report was read from, as given to Parse.
	File string

	County, Adcode, Prefecture, Province, Department string
	Year                                             int
	Type                                             string
	// Project names the project or special fund a 项目支出 report
	// evaluates, when the file gives project: ("" otherwise). It is part
	// of the report's identity (see ID): a department may publish one
	// 项目支出 report a year for each project.
	Project   string
	Title     string
	Published string
	Source    string
	Unit      string
	Slug      string

	Spending Spending
	Income   Money
	Sangong  Sangong
	Score    Field[float64]
	Grade    Field[string]
	Staff    Staff

	// Evidence maps a figure's dotted name to the sentence it was read from.
	Evidence map[string]string
	Draft    bool
	Review   []string
	// ReviewNotes is the number of review notes, len(Review) when Parse
	// made them; a lean load, which leaves Review nil, keeps it, so that
	// a report published with notes left (see check.Notices) is said.
	ReviewNotes int
	// Discrepancies are the report's own inconsistencies that a person
	// reading it recorded, beyond what its figures show (published as
	// findings of their own); a lean load keeps them.
	Discrepancies []Note
	// Derived lists the dotted names of the figures that the file's
	// writer computed from the report's other figures rather than read in
	// it (derived:), in DerivableKeys order; nil for a report that gives
	// every figure itself. A lean load keeps it.
	Derived []string

	// Dropped lists the parts of the body that its page does not show
	// (HTML blocks, images not on the web), at most MaxDropped, for
	// check.Notices to say; nil for most reports. A lean load keeps it.
	Dropped []DroppedPart

	// Body is the Markdown after the front matter; BodyLine is the line of
	// the file on which it starts. Body shares the memory of the data
	// given to Parse, unless the file has CR line ends.
	Body     []byte
	BodyLine int

	// Keys holds the position of every key present in the front matter,
	// by its dotted name. A caller done with them sets Keys to nil.
	Keys KeyPositions

	// Fingerprint identifies the bytes the report was parsed from, when a
	// lean load parsed it (see content.Options.Lean), so that the file can
	// be read again for the rest (see ParseDetail) with a cheap check
	// that it has not changed. It is zero otherwise: Parse and
	// ParseDetail leave it zero.
	Fingerprint Fingerprint
}

// Fingerprint identifies the bytes of a file within one run of the
// program: their length and a hash of them, seeded anew by each run, that
// differs for nearly any two different files (see content.LoadDetail).
// The zero value stands for no fingerprint.
type Fingerprint struct {
	Size int64
	Hash uint64
}

// KeyPos returns where the dotted key was written, or the start of the
// file when it was not.
func (r *Report) KeyPos(key string) Pos {
	if p, ok := r.Keys.Lookup(key); ok {
		return p
	}
	return Pos{1, 1}
}

// ID identifies a report: two files must not share one. It is the
// county, prefecture, department, year and type, and the project when
// the report names one (a report without project: keeps the ID it had
// before the key existed).
func (r *Report) ID() string {
	id := r.County + "|" + r.Prefecture + "|" + r.Department + "|" + fmt.Sprint(r.Year) + "|" + r.Type
	if r.Project != "" {
		id += "|" + r.Project
	}
	return id
}

// Kind names the report's type, with its project when it gives one:
// 整体支出, 项目支出, or 项目支出：农村公路养护专项资金, so that two
// project reports of one department and year are told apart wherever
// their type is shown.
func (r *Report) Kind() string {
	if r.Project == "" {
		return r.Type
	}
	return r.Type + "：" + r.Project
}

// EvidenceKeys lists, in display order, the dotted names that evidence may
// be given for.
var EvidenceKeys = []string{
	"county", "prefecture", "province", "department", "year", "type",
	"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
	"income",
	"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles", "sangong.change",
	"score", "grade", "staff.authorized", "staff.actual",
}

// DerivableKeys lists, in display order, the figures that derived: may
// name: the amounts and the staff counts, which a writer may compute from
// the report's other figures (a total from its parts, a part from its
// total and the other parts). A score or grade cannot be computed.
var DerivableKeys = slices.Clone(derivableArray[:])

// derivableArray is DerivableKeys as the parser reads them, safe from
// changes callers make to DerivableKeys; its length sizes parse.derived.
var derivableArray = [...]string{
	"spending.total", "spending.basic", "spending.project", "spending.personnel", "spending.public",
	"income",
	"sangong.total", "sangong.abroad", "sangong.reception", "sangong.vehicles", "sangong.change",
	"staff.authorized", "staff.actual",
}

// IsDerived reports whether any of the figures with the dotted names is
// one the file's writer computed rather than read in the report (see
// Derived).
func (r *Report) IsDerived(keys ...string) bool {
	for _, k := range keys {
		if slices.Contains(r.Derived, k) {
			return true
		}
	}
	return false
}

// FigureState returns the state of a figure of r by its dotted name (an
// amount, score, grade or staff count): whether it was disclosed, left
// out or could not be read. It returns NotDisclosed for a name that is
// not a figure.
func (r *Report) FigureState(key string) State {
	if m := r.Amount(key); m != nil {
		return m.State
	}
	switch key {
	case "score":
		return r.Score.State
	case "grade":
		return r.Grade.State
	case "staff.authorized":
		return r.Staff.Authorized.State
	case "staff.actual":
		return r.Staff.Actual.State
	}
	return NotDisclosed
}

// Note is a line of text given in a list of the front matter, where it
// was written.
type Note struct {
	Text string
	Pos  Pos
}

// Error is a problem with a file, at a position and key.
type Error struct {
	File      string
	Line, Col int
	Key       string
	Msg       string
}

// Error formats the error as "file:line:col: key: message". A file name or
// key that holds a control character (a key may, written in quotes with
// an escape) is quoted, so that it can neither break the line nor send an
// escape sequence to a terminal.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(printable(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(printable(e.Key))
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Identity names the report r as messages about two files of one report
// do, in English and in Chinese: its county with its prefecture, its
// department, year and type, and its project, if any (常德市桃源县 交通运输局
// 2024 项目支出 of the project 农村公路养护). A report that leaves its type
// empty, as the drafts of new do, is named as the 整体支出 report it will
// most likely be.
func (r *Report) Identity() (en, zh string) {
	typ := cmp.Or(r.Type, TypeWhole)
	en = r.Prefecture + r.County + " " + r.Department + " " + strconv.Itoa(r.Year) + " " + typ
	zh = r.Prefecture + r.County + r.Department + strconv.Itoa(r.Year) + "年度" + typ
	if r.Project != "" {
		en += " of the project " + r.Project
		zh += "（" + r.Project + "）"
	}
	return en, zh
}

// Duplicate returns the error of r, a second file giving the report that
// first gives: the same county, prefecture, department, year and type,
// and project, if any. The county is named with the prefecture r gives,
// if any.
func Duplicate(r, first *Report) *Error {
	// The first file's line too: the error is on whichever file sorts
	// later, which may be the right one, and the other is the one to
	// open.
	key, fpos := "county", first.KeyPos("county")
	if r.Project != "" {
		key, fpos = "project", first.KeyPos("project")
	}
	pos := r.KeyPos(key)
	at := first.File
	if fpos.Line > 0 {
		at += ":" + strconv.Itoa(fpos.Line)
	}
	named, _ := r.Identity()
	const fix = "if one of the two was copied from the other to make another report, correct its keys (its department:, year: or project:); otherwise remove one of the files"
	const fixZh = "如果其中一个文件是复制另一个后改写的，请改正它的键（department: 部门、year: 年度或 project: 项目名称）；否则请删除其中一个文件"
	if r.Project != "" {
		return &Error{
			File: r.File, Line: pos.Line, Col: pos.Col, Key: "project",
			Msg: "duplicate report: " + at + " already holds " + named + ", and a project may have one file a year only: " + fix + " (another project's report needs its own project: name)" +
				" (重复的报告：" + at + " 已经有同一县、地市、部门、年度的这个项目（" + r.Project + "）的项目支出报告，同一项目每年只能有一个文件：" + fixZh + "；另一个项目的报告请在 project: 填写它自己的项目名称)",
		}
	}
	return &Error{
		File: r.File, Line: pos.Line, Col: pos.Col, Key: "county",
		Msg: "duplicate report: " + at + " already holds " + named + ", and a county, prefecture, department, year and type may have one file only: " + fix +
			" (重复的报告：" + at + " 已经有同一县、地市、部门、年度和类型的报告，只能保留一个文件：" + fixZh + ")",
	}
}

// Amount returns the amount field with the dotted name, such as
// spending.basic or income, or nil when the name is not an amount.
func (r *Report) Amount(key string) *Money {
	if f := AmountField(key); f != nil {
		return f(r)
	}
	return nil
}

// AmountField returns the function that returns a report's amount field
// with the dotted name, as Amount does, or nil when the name is not an
// amount: for callers that read the same field of many reports.
func AmountField(key string) func(r *Report) *Money {
	switch key {
	case "spending.total":
		return func(r *Report) *Money { return &r.Spending.Total }
	case "spending.basic":
		return func(r *Report) *Money { return &r.Spending.Basic }
	case "spending.project":
		return func(r *Report) *Money { return &r.Spending.Project }
	case "spending.personnel":
		return func(r *Report) *Money { return &r.Spending.Personnel }
	case "spending.public":
		return func(r *Report) *Money { return &r.Spending.Public }
	case "income":
		return func(r *Report) *Money { return &r.Income }
	case "sangong.total":
		return func(r *Report) *Money { return &r.Sangong.Total }
	case "sangong.abroad":
		return func(r *Report) *Money { return &r.Sangong.Abroad }
	case "sangong.reception":
		return func(r *Report) *Money { return &r.Sangong.Reception }
	case "sangong.vehicles":
		return func(r *Report) *Money { return &r.Sangong.Vehicles }
	case "sangong.change":
		return func(r *Report) *Money { return &r.Sangong.Change }
	}
	return nil
}
