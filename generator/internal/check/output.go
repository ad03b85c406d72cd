package check

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/report"
)

// FileWarning is a warning about a file that is neither an error nor a
// finding, for the publisher only: a file under content/ that is not
// read although it may have been meant as a report (such as a.md.txt, a
// .docx or a broken link), a report left out as a draft, or a slip in a
// report file that Notices finds at one of its keys.
type FileWarning struct {
	// File is the file's name as errors show it, such as
	// content/a.md.txt.
	File string
	// Line and Col are where in the file the warning points, and Key is
	// the key written there, for a warning of Notices; they are zero and
	// empty for a warning about the file as a whole.
	Line, Col int
	Key       string
	// Message says what is wrong and what to do, such as "not read:
	// report files must end in .md; rename it to a.md (…)".
	Message string
}

// String returns the warning as check and build print it after
// "warning: " when it is about the file as a whole ("file: message"),
// and otherwise as a line of its own like a finding's,
// "file:line:col: warning: key: message".
func (fw FileWarning) String() string {
	if fw.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: warning: %s: %s", fw.File, fw.Line, fw.Col, fw.Key, oneLine(fw.Message))
	}
	return "warning: " + fw.File + ": " + oneLine(fw.Message)
}

// Main is the check command once the content has been loaded: reports are
// the reports that parsed, loadErrs the errors of the files that did not
// (as returned by the loader, joined or not), warnings those of the files
// not read, in the order to print them. It checks the reports, prints
// every file error, finding and warning (the Notices of the reports,
// then warnings) to stdout, as text or, with jsonOut, as JSON (see
// WriteText and WriteJSON), and returns the exit code: 1 when there is
// any file error (or stdout cannot be written), 0 otherwise. Findings
// and warnings alone never make the exit code non-zero.
func Main(reports []*report.Report, loadErrs []error, warnings []FileWarning, jsonOut bool, stdout io.Writer) (exitCode int) {
	errs, per := Reports(reports)
	return write(reports, loadErrs, errs, per, warnings, jsonOut, stdout)
}

// Alone is Main for reports that are each checked on its own, as if it
// were the only report of a site: those of the files named to check
// FILE..., which need not be of one site. Findings that need other
// reports (the year before, peers) say what they lack, as they do for a
// site of one report.
func Alone(reports []*report.Report, loadErrs []error, warnings []FileWarning, jsonOut bool, stdout io.Writer) (exitCode int) {
	var errs []error
	per := make(map[*report.Report][]Result, len(reports))
	for _, r := range reports {
		e, p := Reports([]*report.Report{r})
		errs = append(errs, e...)
		maps.Copy(per, p)
	}
	return write(reports, loadErrs, errs, per, warnings, jsonOut, stdout)
}

// write is the end of Main and Alone: it prints the errors (those of
// loading, then errs, those of the checks), the findings of per and the
// warnings (the Notices of reports, then warnings), and returns the exit
// code.
func write(reports []*report.Report, loadErrs, errs []error, per map[*report.Report][]Result, warnings []FileWarning, jsonOut bool, stdout io.Writer) (exitCode int) {
	warnings = append(Notices(reports), warnings...)
	all := append(flatten(loadErrs), errs...)
	var err error
	if jsonOut {
		err = WriteJSON(stdout, all, per, warnings)
	} else {
		err = WriteText(stdout, all, per, warnings)
	}
	if err != nil || len(all) > 0 {
		return 1
	}
	return 0
}

// WriteText writes each file error as a line "file:line:col: error: key:
// message", sorted by file and position, then each finding as a line
// "file:line:col: warning: [rule] message", sorted by file, position and
// rule, then each warning as a line "warning: file: message", or
// "file:line:col: warning: key: message" when it has a position (see
// FileWarning.String), in the order given. Joined errors are split into
// one line each; an error that is not a *report.Error is written as
// "error: message". Rules that were not checked are not written.
func WriteText(w io.Writer, errs []error, per map[*report.Report][]Result, warnings []FileWarning) error {
	var b strings.Builder
	for _, e := range fileErrors(errs) {
		switch {
		case e.File == "":
			b.WriteString("error: ")
		case e.Line > 0:
			fmt.Fprintf(&b, "%s:%d:%d: error: ", e.File, e.Line, e.Col)
		default:
			fmt.Fprintf(&b, "%s: error: ", e.File)
		}
		if e.Key != "" {
			b.WriteString(e.Key + ": ")
		}
		b.WriteString(oneLine(e.Message) + "\n")
	}
	for _, f := range Findings(per) {
		b.WriteString(FindingLine(f) + "\n")
	}
	for _, fw := range warnings {
		b.WriteString(fw.String() + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FindingLine returns the line WriteText writes for the finding f,
// without its line end: "file:line:col: warning: [rule] message".
func FindingLine(f Finding) string {
	return fmt.Sprintf("%s:%d:%d: warning: [%s] %s", f.File, f.Pos.Line, f.Pos.Col, f.Rule, oneLine(f.Message))
}

// oneLine keeps a message to one line of output.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// JSON output. Field names are stable; amounts are given both as exact
// decimal text in 万元 and as whole fen.
type (
	jsonOutput struct {
		Errors   []jsonError   `json:"errors"`
		Findings []jsonFinding `json:"findings"`
		Warnings []jsonWarning `json:"warnings"`
		Reports  []jsonReport  `json:"reports"`
	}
	jsonWarning struct {
		File    string `json:"file"`
		Line    int    `json:"line,omitempty"`
		Col     int    `json:"col,omitempty"`
		Key     string `json:"key,omitempty"`
		Message string `json:"message"`
	}
	jsonError struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Col     int    `json:"col"`
		Key     string `json:"key"`
		Message string `json:"message"`
	}
	jsonFinding struct {
		File       string   `json:"file"`
		Line       int      `json:"line"`
		Col        int      `json:"col"`
		County     string   `json:"county"`
		Prefecture string   `json:"prefecture"`
		Department string   `json:"department"`
		Year       int      `json:"year"`
		Type       string   `json:"type"`
		Project    string   `json:"project,omitempty"`
		Rule       string   `json:"rule"`
		Title      string   `json:"title"`
		Severity   Severity `json:"severity"`
		Message    string   `json:"message"`
		Keys       []string `json:"keys"`
		Gap        *string  `json:"gap"`
		GapFen     int64    `json:"gap_fen"`
		Share      float64  `json:"share"`
		Factor     float64  `json:"factor"`
	}
	jsonReport struct {
		File       string      `json:"file"`
		County     string      `json:"county"`
		Prefecture string      `json:"prefecture"`
		Department string      `json:"department"`
		Year       int         `json:"year"`
		Type       string      `json:"type"`
		Project    string      `json:"project,omitempty"`
		Checks     []jsonCheck `json:"checks"`
	}
	jsonCheck struct {
		Rule     string `json:"rule"`
		Title    string `json:"title"`
		Status   Status `json:"status"`
		Reason   string `json:"reason"`
		Findings int    `json:"findings"`
	}
)

// WriteJSON writes one indented JSON object with four arrays, each always
// present and in the order WriteText uses:
//
//	errors    file errors: file, line, col, key, message
//	findings  every finding: file, line, col, county, prefecture,
//	          department, year, type, rule, title, severity (info,
//	          rounding, warning or discrepancy), message, keys, gap (万元 as
//	          exact decimal text; null for a rule that measures no gap in
//	          万元, such as staff over the authorized number), gap_fen,
//	          share (gap/total, 0 when none)
//	          and factor (for a likely unit slip, 0 otherwise)
//	warnings  slips in report files (see Notices): file, line, col,
//	          key, message; then files under content/ that are not read
//	          (such as a.md.txt, a .docx, a broken link), and drafts left
//	          out: file, message
//	reports   each report by file, with its checks: rule, title, status
//	          (passed, found or not_checked), reason and number of findings
func WriteJSON(w io.Writer, errs []error, per map[*report.Report][]Result, warnings []FileWarning) error {
	out := jsonOutput{Errors: []jsonError{}, Findings: []jsonFinding{}, Warnings: []jsonWarning{}, Reports: []jsonReport{}}
	for _, fw := range warnings {
		out.Warnings = append(out.Warnings, jsonWarning{fw.File, fw.Line, fw.Col, fw.Key, fw.Message})
	}
	for _, e := range fileErrors(errs) {
		out.Errors = append(out.Errors, jsonError{e.File, e.Line, e.Col, e.Key, e.Message})
	}
	rs := make([]*report.Report, 0, len(per))
	for r := range per {
		rs = append(rs, r)
	}
	rs = sortReports(rs)
	byFile := map[string]*report.Report{}
	for _, r := range rs {
		if _, ok := byFile[r.File]; !ok {
			byFile[r.File] = r
		}
		jr := jsonReport{File: r.File, County: r.County, Prefecture: r.Prefecture, Department: r.Department,
			Year: r.Year, Type: r.Type, Project: r.Project, Checks: []jsonCheck{}}
		for _, res := range per[r] {
			jr.Checks = append(jr.Checks, jsonCheck{res.Rule, res.Title, res.Status, res.Reason, len(res.Findings)})
		}
		out.Reports = append(out.Reports, jr)
	}
	for _, f := range Findings(per) {
		jf := jsonFinding{
			File: f.File, Line: f.Pos.Line, Col: f.Pos.Col,
			Rule: f.Rule, Title: f.Title, Severity: f.Severity, Message: f.Message,
			Keys: append([]string{}, f.Keys...), GapFen: int64(f.Gap),
			Share: f.Share, Factor: f.Factor,
		}
		if f.Gap != 0 {
			gap := f.Gap.String()
			jf.Gap = &gap
		}
		if r := byFile[f.File]; r != nil {
			jf.County, jf.Prefecture, jf.Department, jf.Year, jf.Type, jf.Project = r.County, r.Prefecture, r.Department, r.Year, r.Type, r.Project
		}
		out.Findings = append(out.Findings, jf)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// fileError is a file error ready to print.
type fileError struct {
	File      string
	Line, Col int
	Key       string
	Message   string
	err       error
}

// fileErrors splits joined errors and sorts them by file and position,
// each once: the same error found by two phases (a duplicate report, by
// check and by assembling the site) is said once.
func fileErrors(errs []error) []fileError {
	var out []fileError
	for _, err := range flatten(errs) {
		var re *report.Error
		if errors.As(err, &re) {
			out = append(out, fileError{re.File, re.Line, re.Col, re.Key, re.Msg, err})
		} else {
			out = append(out, fileError{Message: err.Error(), err: err})
		}
	}
	slices.SortStableFunc(out, func(a, b fileError) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Key, b.Key),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(out, func(a, b fileError) bool {
		return a.File == b.File && a.Line == b.Line && a.Col == b.Col && a.Key == b.Key && a.Message == b.Message
	})
}

// Join returns errs, split where they were joined, sorted by file and
// position, and each once, as check prints them, joined into one error;
// nil when there are none.
func Join(errs []error) error {
	var out []error
	for _, e := range fileErrors(errs) {
		out = append(out, e.err)
	}
	return errors.Join(out...)
}

// flatten splits errors made by errors.Join, at any depth, and drops nils.
func flatten(errs []error) []error {
	var out []error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			out = append(out, flatten(j.Unwrap())...)
			continue
		}
		out = append(out, err)
	}
	return out
}
