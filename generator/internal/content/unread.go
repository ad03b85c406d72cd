package content

import (
	"path"
	"slices"
	"strings"

	"github.com/countyperf/portal/generator/internal/invocation"
)

// IsReportName reports whether name, the base name of a file under the
// content folder, is that of a report file: it ends in .md, in any case
// (a.md, A.MD), and is not an editor's backup (a.md~). Report URLs come
// from a report's county and year, not from its file name, so the case of
// the extension changes nothing else.
func IsReportName(name string) bool {
	return strings.EqualFold(path.Ext(name), ".md") && !strings.HasSuffix(name, "~")
}

// HiddenName reports whether a build skips a file or folder of the
// content folder for its name, name: it starts with '.' or '_', or with
// "~$", as the owner files that Word and WPS leave, hidden, beside a
// document they have open (~$oyuan-2020.md for taoyuan-2020.md,
// ~$报告.docx), which are no report and not the publisher's: read, one
// stopped the build while the report was open in Word.
func HiddenName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "~$")
}

// Hidden reports whether a build skips the file at p, its slash-separated
// path from the content folder, for its name or that of a folder it is in
// (see HiddenName).
func Hidden(p string) bool {
	return slices.ContainsFunc(strings.Split(p, "/"), HiddenName)
}

// quietlySkipped are the base names, in lower case, of files that systems
// leave in folders by themselves, which are skipped without a word.
var quietlySkipped = map[string]bool{"thumbs.db": true, "desktop.ini": true, "ehthumbs.db": true}

// EditorFile reports whether a file named name is one an editor or an
// office suite writes beside the file being edited, and no file of the
// project's: a backup (a.md~), Emacs' auto-save (#a.md#), the owner file
// of Word and WPS (~$a.md), or the file vim writes to test that it may
// write in a folder (4913, a number). The preview does not make the site
// again for one, nor does a build say it is not read.
func EditorFile(name string) bool {
	return strings.HasSuffix(name, "~") || strings.HasPrefix(name, "~$") ||
		len(name) > 2 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") ||
		name != "" && strings.Trim(name, "0123456789") == ""
}

// backupExts are the extensions, in lower case, of backups and temporary
// files that editors and tools leave beside a file, skipped without a word
// as the backups ending in ~ are.
var backupExts = map[string]bool{".bak": true, ".orig": true, ".tmp": true, ".swp": true, ".swo": true, ".rej": true}

// Unread is a file of the content folder that is not read although it
// may have been meant as a report (see UnreadFile).
type Unread struct {
	// File is the file's name as errors show it, such as
	// content/a.md.txt (quoted when it holds a control character or is
	// not UTF-8).
	File string
	// Message says that the file is not read and what to do, in English
	// then in Chinese, such as "not read: report files must end in .md;
	// rename it to a.md (…)".
	Message string
}

// String returns the warning as build and check print it after
// "warning: ": the file, ": " and the message.
func (u Unread) String() string { return u.File + ": " + u.Message }

// UnreadWarning returns the warning of UnreadFile(prefix, p, reports) as
// a line, u.String(), or "" when the file is read or skipped without a
// word.
func UnreadWarning(prefix, p string, reports ReportNames) string {
	if u, ok := UnreadFile(prefix, p, reports); ok {
		return u.String()
	}
	return ""
}

// ReportNames is the set of the report files of a folder, for
// UnreadFile to tell whether the name it would have a file renamed to is
// taken: renaming a.md.txt, Notepad's copy, to a.md would overwrite the
// report file a.md. It maps each report file's slash-separated path from
// the folder, with its base name in lower case (since a.md and A.MD are
// one file where case does not matter), to its path as it is.
type ReportNames map[string]string

// Add adds the report file at p, its slash-separated path from the
// folder.
func (n ReportNames) Add(p string) { n[reportKey(p)] = p }

// reportKey returns the key of ReportNames of the path p.
func reportKey(p string) string {
	dir, base := path.Split(p)
	return dir + strings.ToLower(base)
}

// UnreadFile returns what to say of a file of the content folder that
// is not read, at p, its slash-separated path from that folder, which
// errors name prefix+p (prefix being such as "content/"). Nothing under
// content/ but report files is read or published, so a report saved under
// another name (a.md.txt, as Notepad saves it; a.markdown; a .docx) would
// otherwise be left out of the site without a word, and the pages of the
// report it replaced removed. It returns false for a report file, for
// hidden files and files in hidden folders (a name starting with '.' or
// '_'), for editors' backups and auto-saves (ending in ~, or .bak,
// .orig, .tmp, .swp; #a.md#, vim's 4913) and for the files systems leave
// in folders (Thumbs.db, desktop.ini).
//
// reports, when not nil, holds the folder's report files: a file whose
// report name is taken (a.md.txt beside a.md, Notepad's copy of it) is
// not told to be renamed, which would overwrite the report file, but to
// be compared with it, and the one not wanted deleted.
func UnreadFile(prefix, p string, reports ReportNames) (Unread, bool) {
	if Hidden(p) {
		return Unread{}, false
	}
	name := path.Base(p)
	lower := strings.ToLower(name)
	ext := path.Ext(lower)
	if IsReportName(name) || EditorFile(name) || quietlySkipped[lower] || backupExts[ext] {
		return Unread{}, false
	}
	shown := shownName(prefix + p)
	stem := name[:len(name)-len(ext)]
	mdTxt := ext == ".txt" && strings.HasSuffix(strings.ToLower(stem), ".md")
	switch {
	case mdTxt || mdExts[ext]:
		// a.md.txt (as Notepad saves it), a.markdown: a report file by
		// another name.
		if mdTxt {
			stem = stem[:len(stem)-len(".md")]
		}
		if taken, ok := reports[reportKey(path.Join(path.Dir(p), stem+".md"))]; ok {
			other := shownName(path.Base(taken))
			return Unread{shown, "not read: report files must end in .md, and " + other + " beside it is read: compare the two, keep the one you want as " + other + " and delete the other" +
				" (未读取：报告文件名须以 .md 结尾，而旁边的 " + other + " 已被读取：请比较这两个文件，把要保留的那个留作 " + other + "，删除另一个)"}, true
		}
		return Unread{shown, "not read: report files must end in .md; rename it to " + shownName(stem+".md") +
			" (未读取：报告文件名须以 .md 结尾，请改名为 " + shownName(stem+".md") + ")"}, true
	case ext == ".txt":
		if taken, ok := reports[reportKey(path.Join(path.Dir(p), stem+".md"))]; ok {
			other := shownName(path.Base(taken))
			return Unread{shown, "not read: report files must end in .md, and " + other + " beside it is read: if this is a copy of it, compare the two and delete the one you do not want (keeping the report as " + other +
				"); if it is a published report, turn it into one with: " + invocation.Command + " import " + shown + ", then move it out of " + rootName(prefix) +
				" (未读取：报告文件名须以 .md 结尾，而旁边的 " + other + " 已被读取：若这是它的副本，请比较这两个文件，删除不要的那个（报告须留作 " + other + "）；若是已发布的报告，请用 import 命令导入，再把原文件移出 " + rootName(prefix) + ")"}, true
		}
		return Unread{shown, "not read: report files must end in .md; if it is a report file, rename it to " + shownName(stem+".md") +
			"; if it is a published report, turn it into one with: " + invocation.Command + " import " + shown +
			", then move it out of " + rootName(prefix) +
			" (未读取：报告文件名须以 .md 结尾；若是报告文件，请改名为 " + shownName(stem+".md") + "；若是已发布的报告，请用 import 命令导入，再把原文件移出 " + rootName(prefix) + ")"}, true
	case importable[ext]:
		return Unread{shown, "not read: report files must end in .md; turn this published report into one with: " + invocation.Command + " import " + shown +
			", then move it out of " + rootName(prefix) +
			" (未读取：报告文件名须以 .md 结尾；已发布的报告请用 import 命令导入为报告文件，再把原文件移出 " + rootName(prefix) + ")"}, true
	case ext == ".wps":
		// A WPS file in Word 97-2003's format imports as a .doc does;
		// one in WPS's own, LibreOffice cannot read.
		return Unread{shown, "not read: report files must end in .md; turn this published report into one with: " + invocation.Command + " import " + shown +
			" (or, if LibreOffice cannot read it, save it as .docx in WPS and import that), then move it out of " + rootName(prefix) +
			" (未读取：报告文件名须以 .md 结尾；已发布的报告请用 import 命令导入为报告文件（若无法读取，请用 WPS 另存为 .docx 后导入），再把原文件移出 " + rootName(prefix) + ")"}, true
	}
	return Unread{shown, "not read: only report files (*.md) are read, and nothing else in " + rootName(prefix) + " is published (未读取：" + rootName(prefix) + " 中只读取报告文件（*.md），其他文件不会发布)"}, true
}

// mdExts are the extensions, in lower case, other than .md, that editors
// give Markdown files.
var mdExts = map[string]bool{".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true, ".mdwn": true, ".mdtxt": true, ".mdtext": true}

// importable are the extensions, in lower case, of the published reports
// the import command reads, besides text (see package importer).
var importable = map[string]bool{".docx": true, ".doc": true, ".rtf": true, ".pdf": true, ".html": true, ".htm": true, ".shtml": true, ".xhtml": true}
